#!/usr/bin/env bash
# Long work answers a cancel request: statement_timeout stops parsing and
# turns() on a large document promptly.
. "$(dirname "$0")/common.bash"

"${PSQL[@]}" -c "CREATE EXTENSION transcript" || exit 1
"${PSQL[@]}" -c "CREATE TABLE big AS SELECT repeat(E'MR SMITH: words and more words.\n\nQ  And a question?\n\n', 1500000)::transcript AS doc" || exit 1

elapsed_ms() {	# elapsed_ms SQL: run with a 200 ms timeout, print elapsed ms
	local start end
	start=$(date +%s%N)
	"${PSQL[@]}" -c "SET statement_timeout = '200ms'" -c "$1" >/dev/null 2>"$TMPDIR_TEST/cancel.err"
	end=$(date +%s%N)
	echo $(( (end - start) / 1000000 ))
}
for sql in "SELECT count(*) FROM big, turns(doc)" \
		   "SELECT repeat(E'MR SMITH: words.\n\n', 6000000)::transcript IS NULL"; do
	ms=$(elapsed_ms "$sql")
	check "canceled by statement_timeout: $sql" "canceling statement due to statement timeout" \
		"$(grep -o 'canceling statement due to statement timeout' "$TMPDIR_TEST/cancel.err")"
	if [ "$ms" -lt 3000 ]; then echo "ok - stopped in ${ms} ms"; else echo "not ok - took ${ms} ms"; fails=$((fails + 1)); fi
done
finish
