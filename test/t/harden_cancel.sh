#!/usr/bin/env bash
# A cancel request stops every long operation on a 100 MB document promptly:
# parsing it (input and the text overloads), turns(), quotes() and topic
# tagging, each under statement_timeout.  Prints the latency of each cancel
# (elapsed time past the timeout) and fails above CANCEL_MAX_MS.
#	HARDEN_CANCEL_MB	document size (default 100)
#	CANCEL_MAX_MS		allowed latency past the timeout (default 1000)
. "$(dirname "$0")/common.bash"

MB=${HARDEN_CANCEL_MB:-100}
MAX=${CANCEL_MAX_MS:-1000}
TIMEOUT_MS=200

# A 100 MB briefing: labelled turns, questions with outlets, quotations,
# topic words, so that each stage has work all the way through.
UNIT=$'THE PRESIDENT:  We discussed arms control, the New START Treaty and Iran. "We are ready," he said.\n\nQ  Mr. President, thank you. A question on NATO and sanctions?\n\nMR. LAVROV (via interpreter):  Russia said it "will respond" to the United States.\n\n'
"${PSQL[@]}" -c "CREATE EXTENSION transcript" \
	-c "CREATE TABLE big_text AS SELECT repeat(\$u\$$UNIT\$u\$, ($MB * 1048576 / octet_length(\$u\$$UNIT\$u\$))::int) AS body" \
	-c "ALTER TABLE big_text ALTER body SET STORAGE external" \
	-c "CREATE TABLE big AS SELECT body::transcript AS doc FROM big_text" || exit 1
size=$("${PSQL[@]}" -c "SELECT octet_length(body) FROM big_text")
echo "document: $size bytes"

stmts=(
	"SELECT body::transcript IS NULL FROM big_text"
	"SELECT count(*) FROM big, turns(doc)"
	"SELECT count(*) FROM big_text, turns(body)"
	"SELECT (transcript_meta(body)).turn_count FROM big_text"
	"SELECT count(*) FROM big, quotes(doc)"
	"SELECT count(*) FROM big_text, quotes(body)"
)
if has_function topics; then
	stmts+=(
		"SELECT cardinality(topics(doc)) FROM big"
		"SELECT cardinality(topics(body)) FROM big_text"
		"SELECT count(*) FROM big, topic_hits(doc)"
		"SELECT count(*) FROM big, turn_topics(doc)"
		"SELECT cardinality(topics(body, topic_dictionary())) FROM big_text"
	)
else
	echo "# no topic tagger in this build: topics not tried"
fi

worst=0
for sql in "${stmts[@]}"; do
	start=$(now_ms)
	"${PSQL[@]}" -c "SET statement_timeout = '${TIMEOUT_MS}ms'" -c "$sql" >/dev/null 2>"$TMPDIR_TEST/cancel.err"
	st=$?
	late=$(( $(now_ms) - start - TIMEOUT_MS ))
	if grep -q 'canceling statement due to statement timeout' "$TMPDIR_TEST/cancel.err"; then
		check_le "canceled within ${MAX} ms past the timeout: $sql" "$MAX" "$late"
		[ $late -gt $worst ] && worst=$late
	elif [ $st -eq 0 ]; then
		echo "ok - finished before the timeout (a faster machine): $sql"
	else
		echo "not ok - not canceled: $sql"; cat "$TMPDIR_TEST/cancel.err"; fails=$((fails + 1))
	fi
done
echo "# worst cancel latency: ${worst} ms past a ${TIMEOUT_MS} ms timeout (document of $size bytes)"
"${PSQL[@]}" -c "SELECT 1" >/dev/null || { echo "not ok - server gone"; exit 1; }
finish
