#!/usr/bin/env bash
# Bad input of every class never crashes the server and never damages what
# is stored: each class gives a clear error or a sensible answer, in bounded
# time.  The messages seen are printed with '# seen:' (README.md ("Safety")
# lists them).  Classes:
#	1. invalid UTF-8 and NUL bytes through text, CSV and binary COPY
#	2. truncated, over-long and corrupted binary COPY values
#	3. corrupted stored values (bytes of a stored transcript changed or cut,
#	   read back through a test-only binary-coercible cast from bytea)
#	4. pathological texts for turns(), quotes() and the tagger
#	5. a hostile topic dictionary (when the tagger is built in)
# Documents near the 1 GB limit take minutes: 'make bigdoc-check'.
. "$(dirname "$0")/common.bash"

"${PSQL[@]}" -c "CREATE EXTENSION transcript" \
	-c "CREATE TABLE keep (id int PRIMARY KEY, doc transcript)" \
	-c "INSERT INTO keep SELECT 1, body FROM (VALUES (E'MR SMITH:  Hello.\n\nQ  \"Why?\" she said.')) v(body)" \
	-c "CREATE TABLE sink (doc transcript)" || exit 1
before=$("${PSQL[@]}" -c "SELECT md5(doc::text) || count(*) OVER () FROM keep")

# seen NAME PATTERN SQL...: the statement fails with PATTERN; print the message.
seen() {
	local name=$1 pattern=$2; shift 2
	local out
	out=$("${PSQL[@]}" "$@" 2>&1)
	if [ $? -ne 0 ] && grep -qE "$pattern" <<<"$out"; then
		echo "ok - $name"
		echo "# seen: $name: $(grep -m1 -E 'ERROR' <<<"$out" | sed 's/^.*ERROR: *//')"
	else
		echo "not ok - $name"; echo "  output: $out"; fails=$((fails + 1))
	fi
	"${PSQL[@]}" -c "SELECT 1" >/dev/null || { echo "not ok - server gone after $name"; exit 1; }
}

# 1. Invalid UTF-8 and NUL through each COPY format.
printf 'MR SMITH: caf\xe9\n' >"$TMPDIR_TEST/bad.txt"
seen "invalid UTF-8 through text COPY" 'invalid byte sequence for encoding "UTF8"' \
	-c "\\copy sink FROM '$TMPDIR_TEST/bad.txt'"
printf '"MR SMITH: \xc3\x28"\n' >"$TMPDIR_TEST/bad.csv"
seen "invalid UTF-8 through CSV COPY" 'invalid byte sequence for encoding "UTF8"' \
	-c "\\copy sink FROM '$TMPDIR_TEST/bad.csv' WITH (FORMAT csv)"
printf 'MR SMITH: a\\0b\n' >"$TMPDIR_TEST/nul.txt"
seen "NUL escape through text COPY" 'NUL|0x00' -c "\\copy sink FROM '$TMPDIR_TEST/nul.txt'"

# bincopy FILE FIELD_HEX: a binary COPY file with one row of one field.
bincopy() {
	local file=$1 hex=$2 len=$(( ${#2} / 2 ))
	{
		printf 'PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0\0\001'
		printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $((len >> 24 & 255)) $((len >> 16 & 255)) $((len >> 8 & 255)) $((len & 255)))"
		printf "$(sed 's/../\\x&/g' <<<"$hex")"
		printf '\377\377'
	} >"$file"
}
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }
t="MR SMITH: hi"
for case in "overlong UTF-8 (C0 AF)|01$(printf '%08x' 4)$(hex ab)c0af" \
		"UTF-16 surrogate (ED A0 80)|01$(printf '%08x' 3)eda080" \
		"code point above U+10FFFF (F4 90 80 80)|01$(printf '%08x' 4)f4908080" \
		"cut multi-byte sequence at the end|01$(printf '%08x' 3)$(hex ab)e2"; do
	bincopy "$TMPDIR_TEST/u.bin" "${case#*|}"
	seen "binary COPY: ${case%%|*}" 'invalid byte sequence for encoding "UTF8"' \
		-c "\\copy sink FROM '$TMPDIR_TEST/u.bin' WITH (FORMAT binary)"
done

# 2. Damaged binary frames.
for case in "empty value||truncated binary transcript value" \
		"format version 0|00$(printf '%08x' ${#t})$(hex "$t")|unsupported binary transcript format version 0" \
		"format version 255|ff$(printf '%08x' ${#t})$(hex "$t")|unsupported binary transcript format version 255" \
		"length 4 GB - 1|01ffffffff$(hex "$t")|truncated binary transcript value" \
		"length cut short|01$(printf '%08x' 2)$(hex "$t")|malformed binary transcript value" \
		"length field cut|0100|truncated binary transcript value"; do
	IFS='|' read -r name field pattern <<<"$case"
	bincopy "$TMPDIR_TEST/f.bin" "$field"
	seen "binary COPY: $name" "$pattern" -c "\\copy sink FROM '$TMPDIR_TEST/f.bin' WITH (FORMAT binary)"
done
# a truncated COPY file (the stream ends inside the value)
bincopy "$TMPDIR_TEST/f.bin" "01$(printf '%08x' ${#t})$(hex "$t")"
head -c -8 "$TMPDIR_TEST/f.bin" >"$TMPDIR_TEST/cut.bin"
seen "binary COPY file cut inside a value" 'unexpected EOF|row field count|invalid' \
	-c "\\copy sink FROM '$TMPDIR_TEST/cut.bin' WITH (FORMAT binary)"

# 3. Corrupted stored values.  A test-only cast reinterprets bytea as the
# stored value (both are plain varlenas); every single-byte change in the
# header and turn table, and every cut, must read cleanly or be reported as
# corrupt, by every function that opens a value.
"${PSQL[@]}" -c "CREATE CAST (bytea AS transcript) WITHOUT FUNCTION" \
	-c "CREATE CAST (transcript AS bytea) WITHOUT FUNCTION" || exit 1
"${PSQL[@]}" >"$TMPDIR_TEST/corrupt.txt" <<'SQL'
CREATE TEMP TABLE outcome (how text);
DO $$
DECLARE
	good bytea := (E'TITLE: Talks\n\nMR SMITH:  "We agree," he said.\n\nQ  Why?\n\nMS. JONES (via interpreter):  Because.')::transcript::bytea;
	bad bytea;
	n int := length(good);
	v int;
BEGIN
	FOR pos IN 0 .. least(n - 1, 400) LOOP
		FOREACH v IN ARRAY ARRAY[0, 1, 127, 128, 255] LOOP
			bad := set_byte(good, pos, (get_byte(good, pos) # v) & 255);
			BEGIN
				PERFORM count(*) FROM turns(bad::transcript);
				PERFORM count(*) FROM quotes(bad::transcript);
				PERFORM transcript_meta(bad::transcript);
				PERFORM length(bad::transcript::text);
				PERFORM quote_sources('We agree', 'Smith', ARRAY[bad::transcript]);
				INSERT INTO outcome VALUES ('read');
			EXCEPTION WHEN OTHERS THEN
				INSERT INTO outcome VALUES (SQLSTATE || ' ' || SQLERRM);
			END;
		END LOOP;
	END LOOP;
	FOR cut IN 0 .. n - 1 LOOP
		BEGIN
			PERFORM count(*) FROM turns(substr(good, 1, cut)::transcript);
			INSERT INTO outcome VALUES ('read');
		EXCEPTION WHEN OTHERS THEN
			INSERT INTO outcome VALUES (SQLSTATE || ' ' || SQLERRM);
		END;
	END LOOP;
END $$;
SELECT count(*) || ' ' || how FROM outcome GROUP BY how ORDER BY how;
SQL
st=$?
sed 's/^/# seen: corrupted stored value: /' "$TMPDIR_TEST/corrupt.txt"
check "corrupted stored values: every read ends cleanly" 0 "$st"
check "corrupted stored values: only 'corrupt', 'unsupported version' or 'invalid UTF-8' errors" "" \
	"$(grep -vE '^[0-9]+ (read|XX001 corrupt transcript value|XX001 unsupported transcript storage format version [0-9]+|22021 invalid byte sequence for encoding "UTF8": .*)$' "$TMPDIR_TEST/corrupt.txt")"
"${PSQL[@]}" -c "DROP CAST (bytea AS transcript)" -c "DROP CAST (transcript AS bytea)"

# 4. Pathological texts: each runs to the end in bounded time.
patho=(
	"10 MB of opening quotation marks|repeat('\"', 10485760)"
	"5 MB of nested mixed quotation marks|repeat('«“‘„', 1310720)"
	"one 20 MB line without a break|'MR SMITH: ' || repeat('x', 20971520)"
	"2 MB of 'he said' without marks|repeat('he said, ', 262144)"
	"1 M labels with empty bodies|repeat(E'Q\n\n', 1048576)"
	"1 M quoted cue sentences|repeat(E'\"Yes,\" Lavrov said. ', 1048576 / 4)"
	"combining marks on one letter|'MR SMITH: a' || repeat(U&'\\0301', 2097152)"
	"zero-width and bidi controls|repeat(U&'MR\\200B SMITH\\202E:\\2066 \"x\\200D\" ', 262144)"
	"1 M blank lines|repeat(E'\n', 1048576)"
	"mixed scripts and emoji|repeat(U&'С.В.Лавров: «\\D83D\\DE00 时间» — said ', 131072)"
)
for p in "${patho[@]}"; do
	name=${p%%|*} expr=${p#*|}
	start=$(now_ms)
	out=$("${PSQL[@]}" -c "SET statement_timeout = '60s'" -c "CREATE TEMP TABLE p AS SELECT ($expr)::text AS body" \
		-c "SELECT (SELECT count(*) FROM turns(body::transcript)) || ' turns, ' ||
			(SELECT count(*) FROM quotes(body)) || ' quotes, ' ||
			(SELECT count(*) FROM quotes(body::transcript)) || ' quotes in turns' FROM p" 2>&1)
	st=$? ms=$(( $(now_ms) - start ))
	check "pathological text answers: $name" 0 "$st"
	[ $st -eq 0 ] || echo "  $out"
	check_le "pathological text under 20 s: $name" 20000 "$ms"
	echo "# seen: $name: $out in $ms ms"
done
if has_function topics; then
	for p in "${patho[@]}"; do
		name=${p%%|*} expr=${p#*|}
		out=$("${PSQL[@]}" -c "SET statement_timeout = '60s'" -c "SELECT cardinality(topics(($expr)::text))" 2>&1)
		check "pathological text tagged: $name" 0 "$?"
		[ "$out" -ge 0 ] 2>/dev/null || echo "  $out"
	done
fi

# 5. A hostile topic dictionary.
if has_relation topic_terms; then
	for case in "empty term|'hostile'|''" "blank term|'hostile'|E' \\t '" "punctuation only|'hostile'|'!!! ...'" \
			"control character|'hostile'|E'arms\\x01control'" "term of 10 000 bytes|'hostile'|repeat('a', 10000)" \
			"term of 100 words|'hostile'|repeat('word ', 100)" "term of 20 short words|'hostile'|repeat('a ', 20)" \
			"empty topic|''|'arms'" \
			"topic of 1 000 bytes|repeat('t', 1000)|'arms'" "control character in the topic|E'a\\x07b'|'arms'"; do
		IFS='|' read -r name topic term <<<"$case"
		seen "hostile dictionary: $name" 'topic|term' \
			-c "INSERT INTO topic_terms (topic, term) VALUES ($topic, $term)"
	done
	seen "hostile dictionary: case-sensitive and inflected" 'term|inflect|case' \
		-c "INSERT INTO topic_terms (topic, term, case_sensitive, inflect) VALUES ('hostile', 'Iran', true, true)"
	# 20 000 terms sharing prefixes, and tagging with them stays linear
	start=$(now_ms)
	"${PSQL[@]}" -c "INSERT INTO topic_terms (topic, term)
		SELECT 'bulk ' || (i % 97), 'alpha beta gamma ' || i FROM generate_series(1, 20000) i" \
		-c "SELECT cardinality(topics(repeat('alpha beta gamma delta ', 200000)))" >/dev/null
	check "a 20 000-term dictionary loads and tags 4 MB" 0 "$?"
	check_le "... in under 30 s" 30000 $(( $(now_ms) - start ))
	"${PSQL[@]}" -c "DELETE FROM topic_terms WHERE topic LIKE 'bulk %'" >/dev/null
else
	echo "# no topic_terms table in this build: hostile dictionary not tried"
fi

# Nothing stored was lost or changed.
check "the stored document is unchanged" "$before" "$("${PSQL[@]}" -c "SELECT md5(doc::text) || count(*) OVER () FROM keep")"
check "no bad value was stored" 0 "$("${PSQL[@]}" -c "SELECT count(*) FROM sink")"
finish
