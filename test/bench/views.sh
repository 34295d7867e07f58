#!/usr/bin/env bash
# Issue 5's benchmark: a typical dashboard query on each view over 10,000
# transcripts, computed on the fly (before transcript_refresh()), read from
# the derived tables (after it), and as a role under row-level security.
#
# The 10,000: the White House corpus (1,400 documents, loaded with
# bin/transcript-load) and copies of it, each copy k = 1..7 with its dates
# moved back 4k years (the corpus spans four years, so the copies tile
# 1993-2025 without overlap), until there are 10,000 rows.  The copies share
# their text with the originals; row counts, not words, drive these queries.
set -euo pipefail
. "$REPO/test/bench/common.sh"
export PATH="$TEMP_BIN:$PATH"

TARGET=${TARGET:-10000}
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

"${PSQL[@]}" -q -c "DROP EXTENSION IF EXISTS transcript CASCADE" -c "CREATE EXTENSION transcript"

t0=$(date +%s%N)
"$REPO/bin/transcript-load" -q "$CORPUS/wh"
load_ms=$(ms_since "$t0")
base=$("${PSQL[@]}" -c "SELECT count(*) FROM transcripts")
bytes=$("${PSQL[@]}" -c "SELECT sum(octet_length(doc::text)) FROM transcripts")

t0=$(date +%s%N)
"${PSQL[@]}" -q <<SQL
INSERT INTO transcripts (name, source, kind, url, title, published, language, extra, doc)
SELECT t.name || '#' || k, t.source, t.kind, t.url || '#' || k, t.title,
	   (t.published - make_interval(years => 4 * k))::date, t.language, t.extra, t.doc
  FROM transcripts t, generate_series(1, 7) k
 ORDER BY k, t.id
 LIMIT $TARGET - $base;
VACUUM ANALYZE transcripts;
SQL
copy_ms=$(ms_since "$t0")
n=$("${PSQL[@]}" -c "SELECT count(*) FROM transcripts")
all_bytes=$("${PSQL[@]}" -c "SELECT sum(octet_length(doc::text)) FROM transcripts")
span=$("${PSQL[@]}" -c "SELECT min(published) || ' to ' || max(published) FROM transcripts")

# A role under row-level security that sees the press briefings only.
"${PSQL[@]}" -q <<'SQL'
CREATE ROLE bench_reader;
DO $$ BEGIN EXECUTE (SELECT 'GRANT SELECT ON ' || string_agg(c.oid::regclass::text, ', ') || ' TO bench_reader'
	FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
	WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'transcript') AND c.relkind IN ('r', 'v')); END $$;
ALTER TABLE transcripts ENABLE ROW LEVEL SECURITY;
CREATE POLICY bench_briefings ON transcripts FOR SELECT TO bench_reader USING (kind = 'press-briefings');
SQL
visible=$("${PSQL[@]}" -c "SET ROLE bench_reader" -c "SELECT count(*) FROM transcripts")

views=" $("${PSQL[@]}" -c "SELECT string_agg(c.relname, ' ')
	FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
	WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'transcript') AND c.relkind = 'v'") "

# The dashboard queries: one per view, each with a date filter (the last four
# years: the original corpus, 1,400 documents) and over all 10,000.
F="published >= DATE '2021-01-01'"
declare -a NAMES QUERIES
add() { NAMES+=("$1"); QUERIES+=("$2"); }
add "transcript_turns: words by month and speaker" \
	"SELECT date_trunc('month', published)::date AS month, speaker_key, sum(words) FROM transcript_turns WHERE $F GROUP BY 1, 2"
add "transcript_turns: same, all years" \
	"SELECT date_trunc('month', published)::date AS month, speaker_key, sum(words) FROM transcript_turns GROUP BY 1, 2"
add "speaker_stats: top 20 speakers seen since 2021" \
	"SELECT speaker, words, documents FROM speaker_stats WHERE last_appearance >= DATE '2021-01-01' ORDER BY words DESC LIMIT 20"
add "transcript_quotes: quotations by month and speaker" \
	"SELECT date_trunc('month', published)::date AS month, speaker_key, count(*) FROM transcript_quotes WHERE kind <> 'scare' AND $F GROUP BY 1, 2"
if [[ $views == *" turn_topics "* ]]; then
	add "turn_topics: hits by month and topic" \
		"SELECT date_trunc('month', published)::date AS month, topic, sum(hits) FROM turn_topics WHERE $F GROUP BY 1, 2"
	add "topic_timeline: mentions by month and topic" \
		"SELECT month, topic, sum(mentions) FROM topic_timeline WHERE month >= DATE '2021-01-01' GROUP BY 1, 2"
	add "topic_timeline: same, all years" \
		"SELECT month, topic, sum(mentions) FROM topic_timeline GROUP BY 1, 2"
	add "press_questions: questions by outlet" \
		"SELECT outlet, count(*) FROM press_questions WHERE $F GROUP BY 1"
	add "press_questions x turn_topics: by outlet and topic" \
		"SELECT q.outlet, x.topic, count(*) FROM press_questions q JOIN turn_topics x USING (transcript_id, turn_no) WHERE q.$F GROUP BY 1, 2"
fi

workers() {	# workers SQL [ROLE]: workers launched in the plan (0 if serial)
	local role=${2:-}
	"${PSQL[@]}" ${role:+-c "SET ROLE $role"} -c "EXPLAIN (ANALYZE, COSTS OFF) $1" |
		sed -nE 's/.*Workers Launched: ([0-9]+).*/\1/p' | sort -n | tail -1 | grep . || echo 0
}
best_as() {	# best_as ROLE SQL: best of 3, in ms, as ROLE
	local best= ms
	for _ in 1 2 3; do
		ms=$("${PSQL[@]}" -c "SET ROLE $1" -c '\timing on' -c "$2" | sed -nE 's/^Time: ([0-9.]+) ms.*/\1/p' | tail -1)
		if [ -z "$best" ] || awk -v a="$ms" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$ms; fi
	done
	echo "$best"
}

declare -a LIVE
for i in "${!QUERIES[@]}"; do
	LIVE[$i]=$(best_ms "${QUERIES[$i]}" 1)
done

t0=$(date +%s%N)
refreshed=$("${PSQL[@]}" -c "SELECT transcript_refresh()")
refresh_ms=$(ms_since "$t0")
"${PSQL[@]}" -q -c "VACUUM ANALYZE"
sizes=$("${PSQL[@]}" -c "SELECT string_agg(c.relname || ' ' || pg_size_pretty(pg_total_relation_size(c.oid)), ', ' ORDER BY c.relname)
	FROM pg_class c WHERE c.relname LIKE 'derived\_%' AND c.relkind = 'r'")

echo "documents: $n ($base White House documents and copies of them, $span), $(awk -v b="$all_bytes" 'BEGIN{printf "%.0f", b/1048576}') MB of text"
echo "turns: $("${PSQL[@]}" -c "SELECT count(*) FROM derived_turns"), quotations: $("${PSQL[@]}" -c "SELECT count(*) FROM derived_quotes")$([[ $views == *" turn_topics "* ]] && echo ", turn-topic rows: $("${PSQL[@]}" -c "SELECT count(*) FROM derived_turn_topics")")"
echo "load $base files with bin/transcript-load: $load_ms ms ($(mbps "$bytes" "$load_ms") MB/s); copies to $n: $copy_ms ms"
echo "transcript_refresh() of $refreshed documents: $refresh_ms ms ($(mbps "$all_bytes" "$refresh_ms") MB/s)"
echo "derived tables: $sizes"
echo "role under RLS sees $visible of $n documents"
printf '%-52s %12s %12s %10s %8s\n' "query (best of 3; on the fly: 1 run)" "on the fly" "refreshed" "RLS role" "workers"
for i in "${!QUERIES[@]}"; do
	q=${QUERIES[$i]}
	printf '%-52s %10s ms %10s ms %7s ms %8s\n' "${NAMES[$i]}" "${LIVE[$i]}" "$(best_ms "$q")" \
		"$(best_as bench_reader "$q")" "$(workers "$q")"
done
echo "(workers: parallel workers launched by the refreshed plan; max_parallel_workers_per_gather = 2)"
"${PSQL[@]}" -q -c "DROP OWNED BY bench_reader" -c "DROP ROLE bench_reader"
