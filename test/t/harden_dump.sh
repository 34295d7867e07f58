#!/usr/bin/env bash
# pg_dump and pg_restore (custom and plain formats) of a database with
# transcripts, a changed topic dictionary and the extension's views give the
# same answers afterwards: every table and view, and turns(), quotes() and
# topics() of every document, compared row for row by checksum.
. "$(dirname "$0")/common.bash"

BIN=$TEMP_BIN
SRC=$PGDATABASE
"${PSQL[@]}" -c "CREATE EXTENSION transcript" \
	-c "CREATE TABLE docs (name text PRIMARY KEY, doc transcript)" \
	-c "CREATE TABLE notes (id serial PRIMARY KEY, name text REFERENCES docs, note text)" || exit 1
"${PSQL[@]}" -c "\\copy docs FROM '$REPO/examples/demo.csv' WITH (FORMAT csv, HEADER)" || exit 1
if [ -d "$SHARED/seeds" ]; then
	files_to_copy "$TMPDIR_TEST/seeds.copy" "$SHARED"/seeds/*.txt
	"${PSQL[@]}" -c "\\copy docs FROM '$TMPDIR_TEST/seeds.copy'" || exit 1
fi
"${PSQL[@]}" -c "INSERT INTO notes (name, note) SELECT name, 'note on ' || name FROM docs" \
	-c "CREATE VIEW doc_turns WITH (security_invoker = true) AS
		SELECT d.name, t.* FROM docs d, turns(d.doc) t" >/dev/null || exit 1

# The dictionary, changed every way a user can: a new term, a shipped term
# edited, a shipped term deleted.
if has_relation topic_terms; then
	"${PSQL[@]}" -c "INSERT INTO topic_terms (topic, term) VALUES ('dump test', 'strategic stability'), ('dump test', 'press availability')" \
		-c "UPDATE topic_terms SET inflect = NOT inflect WHERE (topic, term) = (SELECT topic, term FROM topic_terms WHERE shipped ORDER BY topic, term LIMIT 1)" \
		-c "DELETE FROM topic_terms WHERE (topic, term) = (SELECT topic, term FROM topic_terms WHERE shipped ORDER BY topic DESC, term DESC LIMIT 1)" \
		>/dev/null || exit 1
fi
# The extension's own tables and views, when the build has them, are in the
# fingerprint below; a transcripts table of the extension gets the documents.
if has_relation transcripts; then
	cols=$("${PSQL[@]}" -c "SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ')
		FROM pg_attribute WHERE attrelid = 'transcripts'::regclass AND attnum > 0 AND NOT attisdropped")
	echo "# the extension's transcripts table: $cols"
	"${PSQL[@]}" -c "INSERT INTO transcripts (doc) SELECT doc FROM docs" >/dev/null 2>&1 ||
		"${PSQL[@]}" -c "INSERT INTO transcripts (body) SELECT doc FROM docs" >/dev/null 2>&1 ||
		echo "# (could not fill it with the documents: left empty)"
fi

# fingerprint DB: one checksum line per relation and per function over docs
fingerprint() {
	local db=$1 rels q
	rels=$("${PSQL[@]}" -d "$db" -c "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind IN ('r', 'v', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
		  AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1")
	for r in $rels; do
		q+="SELECT '$r', count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM $r t;"
	done
	q+="SELECT 'turns', count(*), md5(string_agg(d.name || t::text, E'\\n' ORDER BY d.name, t.turn_no)) FROM docs d, turns(d.doc) t;
		SELECT 'meta', count(*), md5(string_agg(d.name || transcript_meta(d.doc)::text, E'\\n' ORDER BY d.name)) FROM docs d;
		SELECT 'quotes', count(*), md5(string_agg(d.name || q::text, E'\\n' ORDER BY d.name, q.quote_no)) FROM docs d, quotes(d.doc) q;
		SELECT 'text', count(*), md5(string_agg(d.name || d.doc::text, E'\\n' ORDER BY d.name)) FROM docs d;"
	if has_relation topic_terms; then
		q+="SELECT 'topics', count(*), md5(string_agg(d.name || topics(d.doc)::text, E'\\n' ORDER BY d.name)) FROM docs d;
			SELECT 'topic_hits', count(*), md5(string_agg(d.name || h::text, E'\\n' ORDER BY d.name, h::text)) FROM docs d, topic_hits(d.doc) h;
			SELECT 'dictionary', 1, md5(topic_dictionary()::text);"
	fi
	"${PSQL[@]}" -d "$db" -F ' ' -c "$q"
}
fingerprint "$SRC" >"$TMPDIR_TEST/fp.src" || exit 1
echo "# $(wc -l <"$TMPDIR_TEST/fp.src") relations and functions compared"

# custom format through pg_restore, and plain SQL through psql
"$BIN/pg_dump" -Fc -f "$TMPDIR_TEST/db.dump" "$SRC" 2>"$TMPDIR_TEST/dump.err"
check "pg_dump -Fc succeeds without warnings" "0:" "$?:$(cat "$TMPDIR_TEST/dump.err")"
"$BIN/pg_dump" -Fp -f "$TMPDIR_TEST/db.sql" "$SRC"
check "pg_dump -Fp succeeds" 0 "$?"
for how in restore plain; do
	db=${SRC}_$how
	"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
	if [ $how = restore ]; then
		"$BIN/pg_restore" -d "$db" --exit-on-error "$TMPDIR_TEST/db.dump" 2>"$TMPDIR_TEST/$how.err"
	else
		"$BIN/psql" -qX -v ON_ERROR_STOP=1 -d "$db" -f "$TMPDIR_TEST/db.sql" >/dev/null 2>"$TMPDIR_TEST/$how.err"
	fi
	check "$how into an empty database succeeds with no error" "0:" "$?:$(grep -v '^$' "$TMPDIR_TEST/$how.err")"
	fingerprint "$db" >"$TMPDIR_TEST/fp.$how"
	if diff -u "$TMPDIR_TEST/fp.src" "$TMPDIR_TEST/fp.$how"; then
		echo "ok - after $how every relation and function answers the same"
	else
		echo "not ok - after $how some answers differ"; fails=$((fails + 1))
	fi
	# a second dump of the restored database is the first one (less the
	# random \restrict keys of pg_dump 15.14 and later)
	"$BIN/pg_dump" -Fp -f "$TMPDIR_TEST/db2.sql" "$db"
	check "dumping the $how copy again gives the same dump" "" \
		"$(diff <(grep -vE '^(--|\\(un)?restrict )' "$TMPDIR_TEST/db.sql") <(grep -vE '^(--|\\(un)?restrict )' "$TMPDIR_TEST/db2.sql") | head -20)"
	"${PSQL[@]}" -d postgres -c "DROP DATABASE $db" >/dev/null
done
finish
