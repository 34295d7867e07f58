#!/usr/bin/env bash
# Loading the transcripts table: COPY from CSV, the loader (bin/transcript-load)
# on a folder with YAML front matter, bad rows (all or nothing, or the good
# ones with the bad ones listed), pg_dump and restore of the table, and the
# extension in a schema of its own.
. "$(dirname "$0")/common.bash"

export PATH="$TEMP_BIN:$PATH"
LOAD="$REPO/bin/transcript-load"
D=$TMPDIR_TEST/load
rm -rf "$D"; mkdir -p "$D/docs/sub"

"${PSQL[@]}" -c "CREATE EXTENSION transcript" || exit 1

# 1. COPY from CSV: the example transcripts, name and document only; the
# header gives each its date, title and language.
"${PSQL[@]}" -c "\\copy transcripts (name, doc) FROM '$REPO/examples/demo.csv' WITH (FORMAT csv, HEADER)"
check "CSV COPY loads every example" "$(ls "$REPO"/examples/transcripts | wc -l)" \
	"$("${PSQL[@]}" -c "SELECT count(*) FROM transcripts")"
check "dates, titles and languages come from the headers" 0 \
	"$("${PSQL[@]}" -c "SELECT count(*) FROM transcripts t, transcript_meta(t.doc) m
		WHERE (t.published, t.title, t.language) IS DISTINCT FROM (m.event_date, m.title, m.language)")"
check "most examples have a dated header" t "$("${PSQL[@]}" -c "SELECT count(published) >= 4 FROM transcripts")"

# A bad date in a CSV batch: nothing is loaded, and the error names the line
# and the column.
printf 'name,published,doc\nok.txt,2026-01-05,"MR A: Hello."\nbad.txt,2026-13-01,"MR B: Hello."\n' >"$D/bad.csv"
out=$("${PSQL[@]}" -c "\\copy transcripts (name, published, doc) FROM '$D/bad.csv' WITH (FORMAT csv, HEADER)" 2>&1)
check "a bad date stops the CSV COPY" 1 "$(grep -c 'date/time field value out of range: "2026-13-01"' <<<"$out")"
check "the error names the line and the column" 1 "$(grep -c 'line 3, column published' <<<"$out")"
check "nothing of the bad batch is loaded" 0 "$("${PSQL[@]}" -c "SELECT count(*) FROM transcripts WHERE name = 'ok.txt'")"

# The README's way to load the good rows and see the bad ones: a staging
# table of text columns, input_error(), then INSERT ... SELECT.
bad=$("${PSQL[@]}" <<SQL
CREATE TEMP TABLE staging (line bigint GENERATED ALWAYS AS IDENTITY, name text, published text, doc text);
\\copy staging (name, published, doc) FROM '$D/bad.csv' WITH (FORMAT csv, HEADER)
SELECT line, name, input_error(published, 'date') FROM staging
 WHERE input_error(published, 'date') IS NOT NULL OR input_error(doc, 'transcript') IS NOT NULL;
INSERT INTO transcripts (name, published, doc)
SELECT name, published::date, doc::transcript FROM staging
 WHERE input_error(published, 'date') IS NULL AND input_error(doc, 'transcript') IS NULL;
SQL
)
check "the staging recipe lists the bad row" '2|bad.txt|date/time field value out of range: "2026-13-01"' "$bad"
check "and loads the good one" 1 "$("${PSQL[@]}" -c "SELECT count(*) FROM transcripts WHERE name = 'ok.txt'")"
"${PSQL[@]}" -c "TRUNCATE transcripts"

# 2. The loader: a folder of .md and .txt files, some with front matter.
cat >"$D/docs/2026-02-10-briefing.md" <<'EOF'
---
date: '2026-02-10'
published_time: 2026-02-10 13:02:00-05:00
source_url: https://example.org/briefing-room/2026/02/10/press-briefing/
tags: press-briefings
title: "Press Briefing by Press Secretary Dana Whitfield and National Security\_Adviser\
  \ Tom Reyes, February 10,\_2026"
---

MS. WHITFIELD:  Good afternoon.

Q    Will the President go to Ottawa?

MS. WHITFIELD:  He will.
EOF
cat >"$D/docs/sub/remarks.md" <<'EOF'
---
title: 'Remarks by the Minister: ''Talks will go on'''
date: 2026-03-01
source: Ministry of Foreign Affairs
language: en
tags:
  - remarks
  - visits
---
MINISTER ORLOV: The talks will go on.
EOF
printf 'MODERATOR: Good morning.\n\nQUESTION: Is there a date?\n' >"$D/docs/plain.txt"
printf 'not a transcript file' >"$D/docs/notes.csv"

out=$("$LOAD" "$D/docs" 2>&1)
check "the loader loads the .md and .txt files, recursively" "loaded 3 documents" "$out"
check "names start at the folder given" "docs/2026-02-10-briefing.md|docs/plain.txt|docs/sub/remarks.md" \
	"$("${PSQL[@]}" -c "SELECT string_agg(name, '|' ORDER BY name) FROM transcripts")"
check "front matter: folded double-quoted title with escapes" \
	"Press Briefing by Press Secretary Dana Whitfield and National Security Adviser Tom Reyes, February 10, 2026|2026-02-10|example.org|press-briefings|https://example.org/briefing-room/2026/02/10/press-briefing/" \
	"$("${PSQL[@]}" -c "SELECT concat_ws('|', title, published, source, kind, url) FROM transcripts WHERE name LIKE '%briefing.md'")"
check "front matter: single quotes, plain date, source, language, a list" \
	"Remarks by the Minister: 'Talks will go on'|2026-03-01|Ministry of Foreign Affairs|remarks, visits|en" \
	"$("${PSQL[@]}" -c "SELECT concat_ws('|', title, published, source, kind, language) FROM transcripts WHERE name LIKE '%remarks.md'")"
check "every front matter key is kept in extra" '["remarks", "visits"]|2026-02-10 13:02:00-05:00' \
	"$("${PSQL[@]}" -c "SELECT (SELECT extra->>'tags' FROM transcripts WHERE name LIKE '%remarks.md') || '|' || (SELECT extra->>'published_time' FROM transcripts WHERE name LIKE '%briefing.md')")"
check "a file without front matter: extra is {} and the title comes from the parser" "{}" \
	"$("${PSQL[@]}" -c "SELECT extra FROM transcripts WHERE name = 'docs/plain.txt'")"
check "documents are stored byte for byte" "$(cat "$D/docs/2026-02-10-briefing.md" | md5sum | cut -d' ' -f1)" \
	"$("${PSQL[@]}" -c "SELECT md5(doc::text) FROM transcripts WHERE name LIKE '%briefing.md'")"

# --source and --kind apply to every file; loading the same names again is
# refused (all or nothing), unless --replace.
out=$("$LOAD" "$D/docs" 2>&1)
check "loading the same names again fails" 1 "$(grep -c 'nothing loaded' <<<"$out")"
check "the failure names the file and the key" 2 "$(grep -cE '^transcript-load: .*docs/2026-02-10-briefing.md:$|Key \(name\)=\(docs/2026-02-10-briefing.md\) already exists' <<<"$out")"
out=$("$LOAD" --replace --source=WH --kind=briefing "$D/docs" 2>&1)
check "--replace updates them" "loaded 3 documents" "$out"
check "--source and --kind apply to every file" "3|1" \
	"$("${PSQL[@]}" -c "SELECT count(*) || '|' || count(DISTINCT source || kind) FROM transcripts WHERE source = 'WH' AND kind = 'briefing'")"

# 3. Bad files.  All or nothing by default: the bad ones are named and
# nothing is loaded.  --skip-bad loads the others and lists the bad ones.
"${PSQL[@]}" -c "TRUNCATE transcripts"
mkdir -p "$D/bad"
cp "$D/docs/plain.txt" "$D/bad/good.txt"
printf -- '---\ndate: 2026-02-30\n---\nMR A: Hello.\n' >"$D/bad/bad-date.md"
printf 'MR A: caf\xe9 au lait\n' >"$D/bad/latin1.txt"
printf 'MR A: a\0b\n' >"$D/bad/nul.txt"
out=$("$LOAD" "$D/bad" 2>&1); st=$?
check "bad files: the loader fails" 1 "$([ $st -ne 0 ] && echo 1)"
check "invalid UTF-8 is named with its byte offset" 1 "$(grep -c 'bad/latin1.txt: not valid UTF-8: the first invalid sequence starts at byte 10' <<<"$out")"
check "a NUL byte is named" 1 "$(grep -c 'bad/nul.txt: contains a NUL byte at byte 8' <<<"$out")"
check "nothing is loaded" 0 "$("${PSQL[@]}" -c "SELECT count(*) FROM transcripts")"
rm "$D/bad/latin1.txt" "$D/bad/nul.txt"
out=$("$LOAD" "$D/bad" 2>&1)
check "a bad date: the COPY error is mapped to its file" 1 "$(grep -c '^transcript-load: .*bad/bad-date.md:$' <<<"$out")"
check "and explained" 1 "$(grep -c 'date/time field value out of range: "2026-02-30"' <<<"$out")"
printf 'MR A: caf\xe9\n' >"$D/bad/latin1.txt"
printf 'MR B: Hi.\n' >"$D/bad/dup.txt"
"${PSQL[@]}" -c "INSERT INTO transcripts (name, doc) VALUES ('bad/dup.txt', 'MR B: Hi.')"
out=$("$LOAD" --skip-bad "$D/bad" 2>"$D/err"); err=$(cat "$D/err")
check "--skip-bad loads the good files" "loaded 1 document, skipped 3" "$out"
check "--skip-bad lists the bad date" 1 "$(grep -c 'skipped .*bad/bad-date.md: published: date/time field value out of range: "2026-02-30"' <<<"$err")"
check "--skip-bad lists the bad encoding" 1 "$(grep -c 'skipped .*bad/latin1.txt: not valid UTF-8' <<<"$err")"
check "--skip-bad lists a name already loaded" 1 "$(grep -c 'skipped .*bad/dup.txt: name: already loaded' <<<"$err")"
check "the good file is there" 1 "$("${PSQL[@]}" -c "SELECT count(*) FROM transcripts WHERE name = 'bad/good.txt'")"

# 4. pg_dump keeps the rows (and the identity sequence); the derived rows
# are not dumped and come back with one refresh.
"${PSQL[@]}" -c "TRUNCATE transcripts"
"$LOAD" -q "$D/docs"
"${PSQL[@]}" -c "SELECT transcript_refresh()" >/dev/null
before=$("${PSQL[@]}" -c "SELECT string_agg(name || ':' || md5(doc::text) || ':' || published, ',' ORDER BY id) FROM transcripts")
turns=$("${PSQL[@]}" -c "SELECT count(*) FROM transcript_turns")
"$TEMP_BIN/pg_dump" -Fc -f "$D/dump" "$PGDATABASE" || { echo "not ok - pg_dump"; exit 1; }
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS t_views_load_restored" -c "CREATE DATABASE t_views_load_restored"
"$TEMP_BIN/pg_restore" -d t_views_load_restored "$D/dump" 2>"$D/restore.err"
check "pg_restore runs without errors" "" "$(cat "$D/restore.err")"
R=("${PSQL[@]}" -d t_views_load_restored)
check "the rows come back" "$before" \
	"$("${R[@]}" -c "SELECT string_agg(name || ':' || md5(doc::text) || ':' || published, ',' ORDER BY id) FROM transcripts")"
check "derived rows are not dumped; the views compute them on the fly" "0|$turns" \
	"$("${R[@]}" -c "SELECT (SELECT count(*) FROM derived_turns) || '|' || (SELECT count(*) FROM transcript_turns)")"
check "one refresh brings them back" "3|$turns" \
	"$("${R[@]}" -c "SELECT transcript_refresh()" -c "SELECT count(*) FROM derived_turns" | paste -sd'|')"
"${R[@]}" -c "INSERT INTO transcripts (name, doc) VALUES ('new.txt', 'MR A: Hi.')"
check "the identity sequence continues after the restored rows" 1 \
	"$("${R[@]}" -c "SELECT count(*) FROM transcripts WHERE name = 'new.txt' AND id > (SELECT max(id) FROM transcripts WHERE name <> 'new.txt')")"
"${PSQL[@]}" -d postgres -c "DROP DATABASE t_views_load_restored"

# 5. In a schema of its own, not on the search_path: the views, the
# refresh and the loader still work.
"${PSQL[@]}" -c "DROP EXTENSION transcript" -c "CREATE SCHEMA tx" -c "CREATE EXTENSION transcript SCHEMA tx"
"$LOAD" -q "$D/docs"
check "loader finds the extension's schema" 3 "$("${PSQL[@]}" -c "SELECT count(*) FROM tx.transcripts")"
check "views work off the search_path, before and after a refresh" "6|3|6" \
	"$("${PSQL[@]}" -c "SELECT count(*) FROM tx.transcript_turns" -c "SELECT tx.transcript_refresh()" -c "SELECT count(*) FROM tx.transcript_turns" | paste -sd'|')"
check "speaker_stats too" "moderator|orlov|whitfield" \
	"$("${PSQL[@]}" -c "SELECT string_agg(speaker_key, '|' ORDER BY speaker_key) FROM tx.speaker_stats")"
finish
