#!/usr/bin/env bash
# For HARDEN_CONCURRENCY_SECONDS (default 15; 'make concurrency-check'
# runs 300), 8 sessions COPY documents, 8 sessions read every view of the
# extension (and turns, quotes and topics over the documents), and one
# session edits the topic dictionary.  No session may see an error, the
# server log no deadlock or crash, every session must stop by the deadline
# (plus a margin), and the counts must add up: every row each writer
# committed is there, once.
. "$(dirname "$0")/common.bash"

SECS=${HARDEN_CONCURRENCY_SECONDS:-15}
WRITERS=8 READERS=8 BATCH=25
"${PSQL[@]}" -c "CREATE EXTENSION transcript" || exit 1

# Where documents go: the extension's transcripts table when it has one.
if has_relation transcripts; then
	TABLE=transcripts COLS="name, doc"
else
	TABLE=docs COLS="name, doc"
	"${PSQL[@]}" -c "CREATE TABLE docs (id bigserial PRIMARY KEY, name text UNIQUE, doc transcript NOT NULL)" || exit 1
fi
views=$("${PSQL[@]}" -c "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c
	JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_depend d ON d.objid = c.oid
	JOIN pg_extension e ON e.oid = d.refobjid
	WHERE e.extname = 'transcript' AND c.relkind IN ('v', 'm') ORDER BY 1")
topics=0
has_function topics && topics=1
has_relation topic_terms || topics=0

# Writers refresh the derived rows after each batch, as a loader should,
# when the build has transcript_refresh() (all eight at once: that is
# part of the test).
REFRESH=()
has_function transcript_refresh && REFRESH=(-c "SELECT transcript_refresh()")
echo "# writing into $TABLE$([ ${#REFRESH[@]} -gt 0 ] && echo ', each batch refreshed'); views read: ${views:-(none in this build)}; dictionary editor: $([ $topics = 1 ] && echo yes || echo 'no (no topic_terms)')"
READ_SQL=""
for v in $views; do READ_SQL+="SELECT count(*) FROM $v; "; done
READ_SQL+="SELECT count(*) FROM (SELECT t.* FROM $TABLE d, turns(d.doc) t ORDER BY d.name DESC LIMIT 500) s;
	SELECT count(*) FROM (SELECT q.* FROM $TABLE d, quotes(d.doc) q ORDER BY d.name DESC LIMIT 200) s;"
[ $topics = 1 ] && READ_SQL+="SELECT count(*) FROM (SELECT topics(d.doc) FROM $TABLE d ORDER BY d.name DESC LIMIT 200) s;"

DEADLINE=$(( $(date +%s) + SECS ))
D=$TMPDIR_TEST/conc
rm -rf "$D"; mkdir -p "$D"

writer() {	# writer K: batches of BATCH documents named wK-B-I
	local k=$1 b=0
	while [ "$(date +%s)" -lt $DEADLINE ]; do
		b=$((b + 1))
		perl -e 'my ($k, $b, $n) = @ARGV; for my $i (1 .. $n) {
			print "w$k-$b-$i\tTITLE: Briefing $k $b $i\\n\\nMR. SPEAKER$k:  We discussed arms control and Iran. \"We are ready,\" he said.\\n\\nQ  On NATO, number $i?\\n\\nMS. JONES:  Russia said it \"will respond.\"\n" }' \
			"$k" "$b" "$BATCH" >"$D/w$k.copy"
		if "${PSQL[@]}" -c "\\copy $TABLE ($COLS) FROM '$D/w$k.copy'" "${REFRESH[@]}" >>"$D/w$k.out" 2>>"$D/w$k.err"; then
			echo "$b" >"$D/w$k.done"
		else
			echo "batch $b failed" >>"$D/w$k.err"
		fi
	done
}
reader() {	# reader K: every view and function, again and again
	local k=$1 n=0
	while [ "$(date +%s)" -lt $DEADLINE ]; do
		"${PSQL[@]}" -c "$READ_SQL" >/dev/null 2>>"$D/r$k.err" || echo "round $n failed" >>"$D/r$k.err"
		n=$((n + 1))
	done
	echo "$n" >"$D/r$k.done"
}
editor() {	# the dictionary: add, change and remove terms; change a shipped one
	local n=0
	while [ "$(date +%s)" -lt $DEADLINE ]; do
		n=$((n + 1))
		"${PSQL[@]}" -c "INSERT INTO topic_terms (topic, term) VALUES ('concurrency', 'term $n')" \
			-c "UPDATE topic_terms SET inflect = NOT inflect WHERE topic = 'concurrency' AND term = 'term $((n - 1))'" \
			-c "DELETE FROM topic_terms WHERE topic = 'concurrency' AND term = 'term $((n - 3))'" \
			-c "UPDATE topic_terms SET case_sensitive = false, inflect = NOT inflect
				WHERE (topic, term) = (SELECT topic, term FROM topic_terms WHERE topic <> 'concurrency' ORDER BY topic, term LIMIT 1)" \
			>/dev/null 2>>"$D/e.err" || echo "round $n failed" >>"$D/e.err"
	done
	echo "$n" >"$D/e.done"
}

LOG=$("${PSQL[@]}" -c "SELECT current_setting('data_directory')")/server.log
log_from=$( [ -r "$LOG" ] && stat -c %s "$LOG" || echo 0)
start=$(date +%s)
pids=()
for k in $(seq 1 $WRITERS); do writer "$k" & pids+=($!); done
for k in $(seq 1 $READERS); do reader "$k" & pids+=($!); done
[ $topics = 1 ] && { editor & pids+=($!); }
for p in "${pids[@]}"; do wait "$p"; done
elapsed=$(( $(date +%s) - start ))
check_le "every session stopped within 60 s of the ${SECS} s deadline" $((SECS + 60)) "$elapsed"

errs=$(cat "$D"/*.err 2>/dev/null | sort | uniq -c | sort -rn | head -20)
check "no session saw an error" "" "$errs"
if [ -r "$LOG" ]; then
	check "no deadlock, crash or assertion in the server log" "" \
		"$(tail -c +$((log_from + 1)) "$LOG" | grep -E 'deadlock detected|terminated by signal|PANIC|TRAP|server process .* was terminated' | head -5)"
fi

# The counts add up: each writer's committed batches, each once.
total=0
for k in $(seq 1 $WRITERS); do
	b=$(cat "$D/w$k.done" 2>/dev/null || echo 0)
	total=$((total + b * BATCH))
	check "writer $k: its $b batches are all there, once" "$((b * BATCH)) $((b * BATCH))" \
		"$("${PSQL[@]}" -c "SELECT count(*) || ' ' || count(DISTINCT name) FROM $TABLE WHERE name LIKE 'w$k-%'")"
done
check "rows in $TABLE add up to what the writers committed" "$total" "$("${PSQL[@]}" -c "SELECT count(*) FROM $TABLE")"
reads=0
for k in $(seq 1 $READERS); do reads=$((reads + $(cat "$D/r$k.done" 2>/dev/null || echo 0))); done
echo "# $elapsed s: $total documents written by $WRITERS sessions, $reads read rounds by $READERS sessions$([ $topics = 1 ] && echo ", $(cat "$D/e.done" 2>/dev/null) dictionary edits")"
if [ $topics = 1 ]; then
	e=$(cat "$D/e.done" 2>/dev/null || echo 0)
	check "the dictionary holds the editor's last terms" "$(( e < 3 ? e : 3 ))" \
		"$("${PSQL[@]}" -c "SELECT count(*) FROM topic_terms WHERE topic = 'concurrency'")"
	check "topics() of every document answers after the edits" "$total" \
		"$("${PSQL[@]}" -c "SELECT count(topics(doc)) FROM $TABLE")"
fi
for v in $views; do
	"${PSQL[@]}" -c "SELECT count(*) FROM $v" >/dev/null
	check "view $v answers at the end" 0 "$?"
done
if has_function transcript_refresh_pending; then
	check "every committed document was refreshed by its writer" 0 \
		"$("${PSQL[@]}" -c "SELECT transcript_refresh_pending()")"
fi
if has_relation transcript_turns; then
	check "transcript_turns has a row for every turn of every document" \
		"$("${PSQL[@]}" -c "SELECT count(*) FROM $TABLE d, turns(d.doc)")" \
		"$("${PSQL[@]}" -c "SELECT count(*) FROM transcript_turns")"
fi
finish
