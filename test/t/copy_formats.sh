#!/usr/bin/env bash
# COPY in text, CSV and binary format into a transcript column, with no extra
# step, and output byte for byte equal to the input.
. "$(dirname "$0")/common.bash"

"${PSQL[@]}" -c "CREATE EXTENSION transcript" \
	-c "CREATE TABLE src (name text, doc transcript)" \
	-c "CREATE TABLE t_text (LIKE src)" -c "CREATE TABLE t_csv (LIKE src)" -c "CREATE TABLE t_bin (LIKE src)" || exit 1

# The examples arrive as CSV (multi-line fields), as users load them.
"${PSQL[@]}" -c "\\copy src FROM '$REPO/examples/demo.csv' WITH (FORMAT csv, HEADER)"
n=$("${PSQL[@]}" -c "SELECT count(*) FROM src")
check "CSV COPY loads every example" "$(ls "$REPO"/examples/transcripts | wc -l)" "$n"

# Output is the input byte for byte: compare with the files themselves.
for f in "$REPO"/examples/transcripts/*; do
	name=$(basename "${f%.*}")
	got=$("${PSQL[@]}" -c "SELECT md5(doc::text) FROM src WHERE name = '$name'")
	check "output of $name is its input byte for byte" "$(md5sum <"$f" | cut -d' ' -f1)" "$got"
	"${PSQL[@]}" -c "\\copy (SELECT doc FROM src WHERE name = '$name') TO '$TMPDIR_TEST/$name.out' WITH (FORMAT csv)"
done

# Round trips through each format.
for fmt in text csv binary; do
	"${PSQL[@]}" -c "\\copy src TO '$TMPDIR_TEST/rt.$fmt' WITH (FORMAT $fmt)"
	tbl=t_$([ $fmt = binary ] && echo bin || echo $fmt)
	"${PSQL[@]}" -c "\\copy $tbl FROM '$TMPDIR_TEST/rt.$fmt' WITH (FORMAT $fmt)"
	diff=$("${PSQL[@]}" -c "SELECT count(*) FROM src s FULL JOIN $tbl t USING (name)
		WHERE s.doc::text IS DISTINCT FROM t.doc::text")
	check "$fmt COPY round trip keeps every document" 0 "$diff"
	same=$("${PSQL[@]}" -c "SELECT count(*) FROM src s JOIN $tbl t USING (name),
		LATERAL (SELECT array_agg(x ORDER BY turn_no) a FROM turns(s.doc) x) a,
		LATERAL (SELECT array_agg(y ORDER BY turn_no) b FROM turns(t.doc) y) b
		WHERE a.a IS NOT DISTINCT FROM b.b")
	check "$fmt COPY round trip gives the same turns" "$n" "$same"
done

# The corpus, when present: every document through binary COPY unchanged.
if [ -d "$SHARED/corpus/wh" ]; then
	"${PSQL[@]}" -c "CREATE TABLE corpus (name text, body text)"
	mapfile -t files < <(find "$SHARED/corpus/wh/press-briefings" -name '*.md' | sort | head -200)
	files_to_copy "$TMPDIR_TEST/corpus.copy" "${files[@]}"
	"${PSQL[@]}" -c "\\copy corpus FROM '$TMPDIR_TEST/corpus.copy'"
	"${PSQL[@]}" -c "CREATE TABLE c_doc AS SELECT name, body::transcript AS doc FROM corpus" \
		-c "\\copy c_doc TO '$TMPDIR_TEST/c.bin' WITH (FORMAT binary)" \
		-c "CREATE TABLE c_doc2 (LIKE c_doc)" \
		-c "\\copy c_doc2 FROM '$TMPDIR_TEST/c.bin' WITH (FORMAT binary)"
	bad=$("${PSQL[@]}" -c "SELECT count(*) FROM corpus c JOIN c_doc2 d USING (name) WHERE c.body <> d.doc::text")
	check "200 White House briefings survive binary COPY unchanged" 0 "$bad"
fi
finish
