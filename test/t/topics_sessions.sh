#!/usr/bin/env bash
# Two sessions: session A keeps one connection (one backend, its compiled
# dictionary cached) while session B changes topic_terms.  A must see each
# committed change at its next statement without reconnecting, must not see
# B's uncommitted change, and must see B's rolled-back change undone.  Also
# checks that parallel workers, which compile their own copy, agree.
. "$(dirname "$0")/common.bash"

"${PSQL[@]}" -c "CREATE EXTENSION transcript" || exit 1

# Session A: a psql reading statements from a FIFO, answering into a file.
W=$TMPDIR_TEST/topics_sessions
mkdir -p "$W"
rm -f "$W/in" "$W/out"
mkfifo "$W/in"
stdbuf -oL -eL "${PSQL[@]}" <"$W/in" >"$W/out" 2>&1 &
A_PID=$!
exec 7>"$W/in"
trap 'exec 7>&-; wait $A_PID 2>/dev/null' EXIT
echo 0 >"$W/n"

# a STATEMENTS: run in session A, print the answer (called in $(...), so the
# statement counter lives in a file)
a() {
	local n=$(($(cat "$W/n") + 1))
	echo $n >"$W/n"
	printf '%s;\n\\echo __done_%d\n' "$1" "$n" >&7
	for _ in $(seq 1 300); do
		grep -q "^__done_$n\$" "$W/out" && break
		sleep 0.1
	done
	sed -n "/^__done_$((n - 1))\$/,/^__done_$n\$/p" "$W/out" | grep -v '^__done_'
}
printf '\\echo __done_0\n' >&7

pid1=$(a "SELECT pg_backend_pid()")
check "A: no Zzyzx topic yet" "{}" "$(a "SELECT topics('Zzyzx Road')")"

"${PSQL[@]}" -c "INSERT INTO topic_terms (topic, term) VALUES ('desert', 'Zzyzx')"
check "A sees B's committed insert" "{desert}" "$(a "SELECT topics('Zzyzx Road')")"

"${PSQL[@]}" -c "UPDATE topic_terms SET topic = 'mojave' WHERE term = 'Zzyzx'"
check "A sees B's committed update" "{mojave}" "$(a "SELECT topics('Zzyzx Road')")"

# B's uncommitted change: B holds its transaction open in the background
"${PSQL[@]}" -c "BEGIN" -c "DELETE FROM topic_terms WHERE term = 'Zzyzx'" -c "SELECT pg_sleep(3)" -c "ROLLBACK" >/dev/null &
B=$!
sleep 1
check "A does not see B's uncommitted delete" "{mojave}" "$(a "SELECT topics('Zzyzx Road')")"
wait $B
check "A after B's rollback" "{mojave}" "$(a "SELECT topics('Zzyzx Road')")"

"${PSQL[@]}" -c "DELETE FROM topic_terms WHERE term = 'Zzyzx'"
check "A sees B's committed delete" "{}" "$(a "SELECT topics('Zzyzx Road')")"

# a change inside A's open transaction, made by B, shows after B commits
a "BEGIN" >/dev/null
check "A in a transaction, before" "{}" "$(a "SELECT topics('Zzyzx Road')")"
"${PSQL[@]}" -c "INSERT INTO topic_terms (topic, term) VALUES ('desert', 'Zzyzx')"
check "A in a read-committed transaction sees the commit" "{desert}" "$(a "SELECT topics('Zzyzx Road')")"
a "COMMIT" >/dev/null

# TRUNCATE (then the shipped rows are recorded as removed)
"${PSQL[@]}" -c "TRUNCATE topic_terms"
check "A sees B's truncate" "{}" "$(a "SELECT topics('Zzyzx Road and Venezuela')")"
check "truncate recorded the shipped rows as removed" "t" \
	"$("${PSQL[@]}" -c "SELECT count(*) > 400 FROM topic_terms_removed")"
"${PSQL[@]}" -c "INSERT INTO topic_terms (topic, term) VALUES ('desert', 'Zzyzx')"

pid2=$(a "SELECT pg_backend_pid()")
check "A kept one backend throughout" "$pid1" "$pid2"

# parallel workers compile their own dictionary and agree with the leader
"${PSQL[@]}" -c "CREATE TABLE pdocs AS SELECT CASE WHEN i % 3 = 0 THEN 'Zzyzx Road ' ELSE 'nothing ' END || i AS body
	FROM generate_series(1, 30000) i" -c "ANALYZE pdocs"
par=$(a "SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;
	SELECT count(*) FROM pdocs WHERE topics(body) = '{desert}'")
check "parallel scan counts the same hits" "10000" "$(tail -1 <<<"$par")"
plan=$(a "EXPLAIN (COSTS OFF) SELECT count(*) FROM pdocs WHERE topics(body) = '{desert}'")
check "the plan is parallel" 1 "$(grep -c 'Gather' <<<"$plan")"
"${PSQL[@]}" -c "UPDATE topic_terms SET topic = 'mojave' WHERE term = 'Zzyzx'"
par=$(a "SELECT count(*) FROM pdocs WHERE topics(body) = '{mojave}'")
check "parallel workers see the change too" "10000" "$par"

printf '\\q\n' >&7
finish
