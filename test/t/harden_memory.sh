#!/usr/bin/env bash
# The backend's memory stays flat over many rows: one session COPYs
# HARDEN_MEMORY_ROWS documents (default 20 000; 'make memory-check' runs
# 1,000,000), then reads turns(), quotes(), transcript_meta() and topics
# of every one.  Memory is measured in that backend (the sum of its memory
# contexts, and RssAnon of /proc/self/status: its private heap) after a
# warm-up, inside each query once every row has gone through it, and at
# the end.  Fails if the contexts grow by more than 1 MB or the heap by
# more than HARDEN_MEMORY_SLACK_MB (default 48) anywhere.
. "$(dirname "$0")/common.bash"

N=${HARDEN_MEMORY_ROWS:-20000}
SLACK_MB=${HARDEN_MEMORY_SLACK_MB:-48}
"${PSQL[@]}" -c "CREATE EXTENSION transcript" \
	-c "CREATE TABLE docs (id int, doc transcript)" || exit 1
topics=0
has_function topics && topics=1

# N documents of three turns, a quotation and topic words, all different.
perl -e 'for my $i (1 .. $ARGV[0]) {
	print "$i\tTITLE: Briefing $i\\n\\nMR. SPEAKER$i:  We discussed arms control and Iran, item $i. \"We are ready,\" he said.\\n\\nQ  A question on NATO, number $i?\\n\\nMS. JONES (via interpreter):  Russia said it \"will respond\" on $i.\n" }' "$N" \
	>"$TMPDIR_TEST/docs.copy"
head -100 "$TMPDIR_TEST/docs.copy" >"$TMPDIR_TEST/warm.copy"

MEM="(SELECT sum(total_bytes) FROM pg_backend_memory_contexts) AS ctx,
	(SELECT (regexp_match(pg_read_file('/proc/self/status'), 'RssAnon:\\s+(\\d+)'))[1]::bigint * 1024) AS anon"
# inside QUERY: memory sampled after every row has gone through the query
# (the query's rows are counted, not kept, so that the sample sees the
# functions' memory rather than a buffer of results)
inside() { echo "WITH q AS MATERIALIZED (SELECT count(*) AS n FROM ($1) s) SELECT '$2', (SELECT n FROM q), $MEM"; }
TOPICS_Q=""
[ $topics = 1 ] && TOPICS_Q="
	$(inside "SELECT cardinality(topics(doc)) FROM docs" topics)
	\\g
	$(inside "SELECT h.topic FROM docs, topic_hits(doc) h" topic_hits)
	\\g
	$(inside "SELECT h.topic FROM docs, turn_topics(doc) h" turn_topics)
	\\g"

"${PSQL[@]}" -F ' ' >"$TMPDIR_TEST/mem.out" 2>&1 <<SQL
\\copy docs FROM '$TMPDIR_TEST/warm.copy'
SELECT count(*) FROM docs, turns(doc);
SELECT count(*) FROM docs, quotes(doc);
SELECT count(transcript_meta(doc)) FROM docs;
$([ $topics = 1 ] && echo "SELECT count(topics(doc)) FROM docs;")
TRUNCATE docs;
SELECT 'start', 0, $MEM;
\\copy docs FROM '$TMPDIR_TEST/docs.copy'
SELECT 'after COPY', (SELECT count(*) FROM docs), $MEM;
$(inside "SELECT t.body FROM docs, turns(doc) t" turns)
\\g
$(inside "SELECT q.quote FROM docs, quotes(doc) q" quotes)
\\g
$(inside "SELECT transcript_meta(doc) FROM docs" transcript_meta)
\\g
$(inside "SELECT t.body FROM docs, turns(doc::text) t" 'turns(text)')
\\g
$TOPICS_Q
\\copy docs FROM '$TMPDIR_TEST/docs.copy'
SELECT 'after a second COPY', (SELECT count(*) FROM docs), $MEM;
$(inside "SELECT t.body FROM docs, turns(doc) t" 'turns again')
\\g
$(inside "SELECT q.quote FROM docs, quotes(doc) q" 'quotes again')
\\g
$(echo "$TOPICS_Q" | sed "s/'topics'/'topics again'/; s/'topic_hits'/'topic_hits again'/; s/'turn_topics'/'turn_topics again'/")
$(inside "SELECT t.body FROM docs, turns(doc) t" 'turns a third time')
\\g
$(inside "SELECT q.quote FROM docs, quotes(doc) q" 'quotes a third time')
\\g
SELECT 'end', 0, $MEM;
SQL
st=$?
check "the session ran to the end" 0 "$st"
[ $st -eq 0 ] || { cat "$TMPDIR_TEST/mem.out"; finish; }
grep -v '^$' "$TMPDIR_TEST/mem.out" | sed -n '/^start/,$p' >"$TMPDIR_TEST/mem.tab"
read -r _ _ ctx0 anon0 < <(grep '^start' "$TMPDIR_TEST/mem.tab")
printf '# %-22s %9s %12s %12s\n' stage rows "contexts" "private heap"
while read -r line; do
	anon=${line##* }; rest=${line% *}; ctx=${rest##* }; rest=${rest% *}; rows=${rest##* }; stage=${rest% *}
	printf '# %-22s %9s %+11.1fM %+11.1fM\n' "$stage" "$rows" "$(echo "($ctx - $ctx0) / 1048576" | bc -l)" \
		"$(echo "($anon - $anon0) / 1048576" | bc -l)"
	check_le "contexts grow by at most 1 MB: $stage" 1048576 $((ctx - ctx0))
	check_le "private heap grows by at most $SLACK_MB MB: $stage" $((SLACK_MB * 1048576)) $((anon - anon0))
done < <(tail -n +2 "$TMPDIR_TEST/mem.tab")
# Steady state: the third pass adds (almost) nothing to what the second
# left (the heap keeps what glibc does not give back; caches fill once).
anon2=$(grep '^quotes again' "$TMPDIR_TEST/mem.tab" | awk '{print $NF}')
anon3=$(grep '^end' "$TMPDIR_TEST/mem.tab" | awk '{print $NF}')
check_le "a third pass over the rows adds at most 2 MB of heap to the second" $((2 * 1048576)) $((anon3 - anon2))
echo "# $N documents; start: contexts $((ctx0 / 1024)) kB, private heap $((anon0 / 1024)) kB"
finish
