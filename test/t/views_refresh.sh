#!/usr/bin/env bash
# transcript_refresh() with other sessions at work: readers are not blocked
# and see the old state until it commits; a document changed while a
# refresh computes it waits, then drops what the refresh stored for it; a
# second refresh waits for the first and finds nothing left to do.  Where
# topics exist, a dictionary change drops the topic rows at once.
. "$(dirname "$0")/common.bash"
export PGOPTIONS="-c client_min_messages=warning"

"${PSQL[@]}" -c "CREATE EXTENSION transcript" || exit 1
"${PSQL[@]}" -c "\\copy transcripts (name, doc) FROM '$REPO/examples/demo.csv' WITH (FORMAT csv, HEADER)"
n_docs=$("${PSQL[@]}" -c "SELECT count(*) FROM transcripts")
state_id=$("${PSQL[@]}" -c "SELECT id FROM transcripts WHERE name = 'state-press-availability'")
turns_before=$("${PSQL[@]}" -c "SELECT count(*) FROM transcript_turns")

# wait_for WHAT SQL: poll (up to 30 s) until SQL returns t.
wait_for() {
	for _ in $(seq 300); do
		[ "$("${PSQL[@]}" -c "$2")" = t ] && return 0
		sleep 0.1
	done
	echo "not ok - timed out waiting for $1"; fails=$((fails + 1)); return 1
}

# Session A: refresh, then hold the transaction open.
"${PSQL[@]}" -c "SET application_name = 'refresher'" -c "BEGIN" -c "SELECT transcript_refresh()" \
	-c "SELECT pg_sleep(4)" -c "COMMIT" >"$TMPDIR_TEST/refresh_a.out" 2>&1 &
pid_a=$!
wait_for "session A to hold its refresh" \
	"SELECT EXISTS (SELECT FROM pg_stat_activity WHERE application_name = 'refresher' AND query LIKE '%pg_sleep%')"

# Session B: change a document the refresh computed; it must wait.
"${PSQL[@]}" -c "SET application_name = 'updater'" \
	-c "UPDATE transcripts SET doc = doc::text || E'\n\nMODERATOR: One more thing.' WHERE id = $state_id" \
	>"$TMPDIR_TEST/update_b.out" 2>&1 &
pid_b=$!
# Session D: a second refresh; it must wait too.
"${PSQL[@]}" -c "SET application_name = 'refresher2'" -c "SELECT transcript_refresh()" \
	>"$TMPDIR_TEST/refresh_d.out" 2>&1 &
pid_d=$!
wait_for "session B to wait for a lock" \
	"SELECT EXISTS (SELECT FROM pg_stat_activity WHERE application_name = 'updater' AND wait_event_type = 'Lock')"
wait_for "session D to wait for a lock" \
	"SELECT EXISTS (SELECT FROM pg_stat_activity WHERE application_name = 'refresher2' AND wait_event_type = 'Lock')"

# Session C: a reader is not blocked, and sees the old state (no derived
# rows yet: every document computed on the fly, the same answers).
out=$("${PSQL[@]}" -c "SET statement_timeout = '3s'" -c "SELECT count(*) FROM transcript_turns" \
	-c "SELECT count(*) FROM derived_turns" -c "SELECT transcript_refresh_pending()" 2>&1 | paste -sd'|')
check "a reader is not blocked by a refresh and sees the old state" "$turns_before|0|$n_docs" "$out"

wait $pid_a $pid_b $pid_d
check "session A's refresh computed every document" "$n_docs" "$(sed -n 1p "$TMPDIR_TEST/refresh_a.out")"
check "session B's update went through after it" "" "$(cat "$TMPDIR_TEST/update_b.out")"
# Whichever of B and D went first, the changed document is either
# recomputed by D or left stale for the next refresh.
check "session D's refresh waited, then computed the changed document or left it stale" 1 \
	"$(( $(cat "$TMPDIR_TEST/refresh_d.out") + $("${PSQL[@]}" -c "SELECT transcript_refresh_pending()") ))"
check "the changed document's derived rows are of its new text" "One more thing." \
	"$("${PSQL[@]}" -c "SELECT body FROM transcript_turns WHERE transcript_id = $state_id ORDER BY turn_no DESC LIMIT 1")"

# The same race without a second refresh: the changed document is left
# stale, never stored with its old text.
"${PSQL[@]}" -c "SELECT transcript_refresh(rebuild => true)" >/dev/null
"${PSQL[@]}" -c "UPDATE transcripts SET doc = doc WHERE id = $state_id"	# stale again
"${PSQL[@]}" -c "SET application_name = 'refresher'" -c "BEGIN" -c "SELECT transcript_refresh()" \
	-c "SELECT pg_sleep(2)" -c "COMMIT" >/dev/null 2>&1 &
pid_a=$!
wait_for "session A to hold its refresh" \
	"SELECT EXISTS (SELECT FROM pg_stat_activity WHERE application_name = 'refresher' AND query LIKE '%pg_sleep%')"
"${PSQL[@]}" -c "UPDATE transcripts SET doc = doc::text || E'\n\nMODERATOR: And another.' WHERE id = $state_id"
wait $pid_a
check "a document changed during a refresh stays stale" 1 "$("${PSQL[@]}" -c "SELECT transcript_refresh_pending()")"
check "and the views show its new text" "And another." \
	"$("${PSQL[@]}" -c "SELECT body FROM transcript_turns WHERE transcript_id = $state_id ORDER BY turn_no DESC LIMIT 1")"

# Topics: a change to the dictionary drops every topic row at once; the
# topic views compute on the fly until the next refresh.
if [ "$("${PSQL[@]}" -c "SELECT to_regclass('topic_terms') IS NOT NULL")" = t ]; then
	"${PSQL[@]}" -c "SELECT transcript_refresh()" >/dev/null
	check "refreshed topic rows exist" t "$("${PSQL[@]}" -c "SELECT count(*) > 0 FROM derived_turn_topics")"
	"${PSQL[@]}" -c "INSERT INTO topic_terms (topic, term) VALUES ('farewells', 'one more thing')"
	check "a new term drops the derived topic rows" "0|$n_docs" \
		"$("${PSQL[@]}" -c "SELECT (SELECT count(*) FROM derived_turn_topics) || '|' || transcript_refresh_pending()")"
	check "the new term is found at once" 1 \
		"$("${PSQL[@]}" -c "SELECT count(*) FROM turn_topics WHERE topic = 'farewells'")"
	check "a refresh stores it" "$n_docs|1" \
		"$("${PSQL[@]}" -c "SELECT transcript_refresh()" -c "SELECT count(*) FROM derived_turn_topics WHERE topic = 'farewells'" | paste -sd'|')"
	"${PSQL[@]}" -c "DELETE FROM topic_terms WHERE topic = 'farewells'"
	check "deleting the term drops it again" 0 "$("${PSQL[@]}" -c "SELECT count(*) FROM turn_topics WHERE topic = 'farewells'")"
fi
finish
