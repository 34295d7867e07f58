#!/usr/bin/env bash
# Documents near the 1 GB limit of a value (make bigdoc-check; a few
# minutes, some 6 GB of memory and 4 GB of disk).  Each statement either
# works or fails with a clear error; the server stays up; nothing stored is
# lost.  Prints what the user sees ('# seen:') for README.md ("Safety").
. "$REPO/test/t/common.bash"

"${PSQL[@]}" -c "CREATE EXTENSION transcript" \
	-c "CREATE TABLE keep (doc transcript)" -c "INSERT INTO keep VALUES (E'MR X:  kept.')" \
	-c "CREATE TABLE big (label text, doc transcript)" || exit 1

# try NAME SQL...: run, report the outcome and the time, check the server
try() {
	local name=$1 start out st; shift
	start=$(now_ms)
	out=$("${PSQL[@]}" "$@" 2>&1)
	st=$?
	echo "# seen: $name: $([ $st -eq 0 ] && echo "ok: $(tail -1 <<<"$out")" || grep -m1 ERROR <<<"$out" | sed 's/.*ERROR: *//') ($(( $(now_ms) - start )) ms)"
	"${PSQL[@]}" -c "SELECT 1" >/dev/null || { echo "not ok - server gone after $name"; exit 1; }
	return $st
}
UNIT=$'MR. SMITH:  We discussed arms control. "We are ready," he said.\n\nQ  A question?\n\n'
MB=1048576
# A dense document (a turn every 40 bytes) stores a parse larger than its
# text: 256 MB of text make a value of about 740 MB, and about 350 MB is the
# most that fits.  A sparse one (long turns) fits up to the 1 GB limit.
for doc in "dense 256|repeat(\$u\$$UNIT\$u\$, (256 * $MB / octet_length(\$u\$$UNIT\$u\$))::int)" \
		"sparse 900|'MR. SMITH:  ' || repeat(\$u\$We discussed arms control. \"We are ready,\" he said. \$u\$, (900 * $MB / 56)::int)"; do
	label=${doc%%|*} expr=${doc#*|}
	try "a $label MB document stored" \
		-c "INSERT INTO big SELECT '$label', ($expr)::transcript" \
		-c "SELECT pg_size_pretty(pg_column_size(doc)::bigint) FROM big WHERE label = '$label'"
	check "a $label MB document can be stored" 0 "$?"
	try "turns() of the $label MB document" -c "SET work_mem = '64MB'" -c "SELECT count(*) FROM big, turns(doc) WHERE label = '$label'"
	check "turns() of a $label MB document" 0 "$?"
	try "quotes() of the $label MB document" -c "SELECT count(*) FROM big, quotes(doc) WHERE label = '$label'"
	check "quotes() of a $label MB document" 0 "$?"
	if has_function topics; then
		try "topics() of the $label MB document" -c "SELECT cardinality(topics(doc)) FROM big WHERE label = '$label'"
		check "topics() of a $label MB document" 0 "$?"
	fi
done
try "a dense 900 MB document" \
	-c "SELECT repeat(\$u\$$UNIT\$u\$, (900 * $MB / octet_length(\$u\$$UNIT\$u\$))::int)::transcript IS NULL"
check "a dense 900 MB document (text and parse over 1 GB) is refused as too large" 1 "$?"
try "binary COPY out and in of the sparse 900 MB document" \
	-c "\\copy (SELECT label, doc FROM big WHERE label = 'sparse 900') TO '$TMPDIR_TEST/big.bin' WITH (FORMAT binary)" \
	-c "CREATE TABLE big2 (LIKE big)" -c "\\copy big2 FROM '$TMPDIR_TEST/big.bin' WITH (FORMAT binary)" \
	-c "SELECT count(*) FROM big b JOIN big2 c USING (label) WHERE md5(b.doc::text) = md5(c.doc::text)"
check "a 900 MB document survives binary COPY" 0 "$?"
check "... unchanged" 1 "$("${PSQL[@]}" -c "SELECT count(*) FROM big b JOIN big2 c USING (label) WHERE md5(b.doc::text) = md5(c.doc::text)")"
rm -f "$TMPDIR_TEST/big.bin"

# Past the limit: the text fits in a text value, the text and its parse do not.
try "a text of 1 GB - 1 kB cast to transcript" \
	-c "SELECT repeat(\$u\$$UNIT\$u\$, ((1024 * $MB - 1024) / octet_length(\$u\$$UNIT\$u\$))::int)::transcript IS NULL"
check "a text of 1 GB - 1 kB is refused as too large" 1 "$?"
try "a text of 1 GB - 1 kB through turns(text)" \
	-c "SELECT count(*) FROM turns(repeat(\$u\$$UNIT\$u\$, ((1024 * $MB - 1024) / octet_length(\$u\$$UNIT\$u\$))::int))"
check "turns(text) of 1 GB - 1 kB is refused as too large" 1 "$?"
try "a text of 1 GB - 1 kB through quotes(text)" \
	-c "SELECT count(*) FROM quotes(repeat(\$u\$$UNIT\$u\$, ((1024 * $MB - 1024) / octet_length(\$u\$$UNIT\$u\$))::int))"
echo "# (quotes(text) needs no stored value: it may work)"

check "the kept document is intact" "MR X:  kept." "$("${PSQL[@]}" -c "SELECT doc FROM keep")"
finish
