#!/usr/bin/env bash
# Over the real corpus (../shared/corpus, skipped without it): every view
# gives the same rows computed on the fly as read from the derived tables,
# and agrees with the functions it is built on.
. "$(dirname "$0")/common.bash"

CORPUS=${CORPUS:-$SHARED/corpus}
[ -d "$CORPUS/wh" ] || { echo "skip: no corpus at $CORPUS"; exit 77; }
export PATH="$TEMP_BIN:$PATH"

"${PSQL[@]}" -c "CREATE EXTENSION transcript" || exit 1
# A few Congressional Record pages hold NUL bytes, which no text value can:
# --skip-bad loads the rest and names those.
files=$(find "$CORPUS/wh" "$CORPUS/congress" -type f \( -name '*.md' -o -name '*.txt' -o -name '*.htm' -o -name '*.html' \) | wc -l)
nul=$(find "$CORPUS/wh" "$CORPUS/congress" -type f -print0 | xargs -0 perl -0777 -ne 'print "$ARGV\n" if /\0/' | wc -l)
n=$((files - nul))
out=$("$REPO/bin/transcript-load" --skip-bad "$CORPUS/wh" "$CORPUS/congress" 2>"$TMPDIR_TEST/corpus.err")
check "the loader loads the corpus" "loaded $n documents$([ $nul -gt 0 ] && echo ", skipped $nul")" "$out"
check "and names the files with a NUL byte" "$nul" "$(grep -c 'contains a NUL byte' "$TMPDIR_TEST/corpus.err")"
check "every White House document has a date, a title, a URL and a kind" 0 \
	"$("${PSQL[@]}" -c "SELECT count(*) FROM transcripts WHERE name LIKE 'wh/%' AND (published IS NULL OR title IS NULL OR url IS NULL OR kind IS NULL)")"

views=$("${PSQL[@]}" -c "SELECT string_agg(c.relname, ' ' ORDER BY c.relname)
	FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
	WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'transcript') AND c.relkind = 'v'")
for v in $views; do
	"${PSQL[@]}" -c "CREATE TABLE live_$v AS SELECT * FROM $v"
done
check "refresh computes every document" "$n" "$("${PSQL[@]}" -c "SELECT transcript_refresh()")"
for v in $views; do
	check "$v: the same rows on the fly and from the derived tables ($("${PSQL[@]}" -c "SELECT count(*) FROM live_$v") rows)" 0 \
		"$("${PSQL[@]}" -c "SELECT count(*) FROM ((SELECT * FROM $v EXCEPT ALL SELECT * FROM live_$v)
			UNION ALL (SELECT * FROM live_$v EXCEPT ALL SELECT * FROM $v)) d")"
done

check "transcript_turns has every turn of turns()" \
	"$("${PSQL[@]}" -c "SELECT count(*) || '|' || sum(body_words(u.body)) FROM transcripts t, turns(t.doc) u")" \
	"$("${PSQL[@]}" -c "SELECT count(*) || '|' || sum(words) FROM transcript_turns")"
check "transcript_quotes has every quotation of quotes()" \
	"$("${PSQL[@]}" -c "SELECT count(*) FROM transcripts t, quotes(t.doc) q")" \
	"$("${PSQL[@]}" -c "SELECT count(*) FROM transcript_quotes")"
check "speaker_stats adds up to the turns with a speaker" \
	"$("${PSQL[@]}" -c "SELECT count(*) || '|' || sum(words) FROM transcript_turns WHERE speaker_key IS NOT NULL")" \
	"$("${PSQL[@]}" -c "SELECT sum(turns) || '|' || sum(words) FROM speaker_stats")"
check "every question has a questioner role, and its answer comes later" 0 \
	"$("${PSQL[@]}" -c "SELECT count(*) FROM transcripts t, turn_facts(t.doc) f
		WHERE f.answer_turn_no IS NOT NULL AND (f.role <> 'questioner' OR f.answer_turn_no <= f.turn_no)")"
if [[ " $views " == *" turn_topics "* ]]; then
	check "turn_topics has every row of turn_topics()" \
		"$("${PSQL[@]}" -c "SELECT count(*) || '|' || sum(x.hits) FROM transcripts t, turn_topics(t.doc) x")" \
		"$("${PSQL[@]}" -c "SELECT count(*) || '|' || sum(hits) FROM turn_topics")"
	check "topic_timeline adds up to turn_topics" \
		"$("${PSQL[@]}" -c "SELECT sum(hits) || '|' || count(*) FROM turn_topics")" \
		"$("${PSQL[@]}" -c "SELECT sum(mentions) || '|' || sum(turns) FROM topic_timeline")"
	check "press_questions has every questioner turn" \
		"$("${PSQL[@]}" -c "SELECT count(*) FROM transcript_turns WHERE role = 'questioner'")" \
		"$("${PSQL[@]}" -c "SELECT count(*) FROM press_questions")"
fi
finish
