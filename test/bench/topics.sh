#!/usr/bin/env bash
# Issue 3's benchmark: topic tagging throughput on the White House corpus
# (press briefings, speeches and remarks, statements and releases) with
# dictionaries of 100, 1,000 and 10,000 terms, against two SQL baselines
# measured in the same run:
#   (a) full-text-search brute force, to_tsvector(body) @@
#       phraseto_tsquery(term) for every document and term (as the issue
#       words it), and the same with each document's tsvector computed once;
#   (b) one big case-insensitive regular expression with word boundaries,
#       all hits found (regexp_matches ... 'gi').
# The baselines are slow, so they run on samples of the corpus: the regular
# expression on every SAMPLE_EVERY-th document (1/40 by default), the
# full-text search on every FTS_EVERY-th (1/400); topics() is timed on the
# same samples for the ratios.  MB/s is bytes / time of whatever each one
# read.  One core: parallel query is off.
#
# Generated terms leave out the 2,000 most frequent words of the corpus: a
# taxonomy names things ('Nord Stream', 'Xinjiang'), it does not list 'that'
# and 'have'; hits per run are printed so that the density can be judged.
# Two more dictionaries tell the cost of size from that of hits: 10,000
# terms that mostly never occur, and 100 terms of frequent words that hit
# about as often as the 10,000.
set -euo pipefail
. "$REPO/test/bench/common.sh"

SAMPLE_EVERY=${SAMPLE_EVERY:-40}
FTS_EVERY=${FTS_EVERY:-400}
DATA=$BENCH_TMP/topics_wh.copy
corpus_to_copy "$DATA" "$CORPUS/wh"

"${PSQL[@]}" -q <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS bt, bt_sample, bt_fts, wf, vocab, bench_dicts;
CREATE UNLOGGED TABLE bt (name text, body text);
ALTER TABLE bt ALTER body SET STORAGE EXTERNAL;
COPY bt FROM '$DATA';
CREATE UNLOGGED TABLE bt_sample AS
	SELECT * FROM (SELECT *, row_number() OVER (ORDER BY name) AS rn FROM bt) s
	 WHERE rn % $SAMPLE_EVERY = 0;
ALTER TABLE bt_sample ALTER body SET STORAGE EXTERNAL;
CREATE UNLOGGED TABLE bt_fts AS
	SELECT * FROM (SELECT *, row_number() OVER (ORDER BY name) AS rn FROM bt) s
	 WHERE rn % $FTS_EVERY = 0;
VACUUM ANALYZE bt, bt_sample, bt_fts;

-- Words of the corpus by frequency, r = 1 the most frequent.
CREATE UNLOGGED TABLE wf AS
	SELECT word, f, row_number() OVER (ORDER BY f DESC, word) AS r
	  FROM (SELECT lower(m[1]) AS word, count(*) AS f
			  FROM bt, regexp_matches(body, '([A-Za-z]{4,15})', 'g') m
			 GROUP BY 1) c;
-- Generated terms: distinct words of the corpus in a random but fixed order
-- (uniform over the vocabulary, so that most are rare, as in a taxonomy),
-- alone or paired with the next one; every third inflected.
CREATE UNLOGGED TABLE vocab AS
	SELECT word, row_number() OVER (ORDER BY md5(word)) AS i FROM wf WHERE r > 2000;
CREATE UNLOGGED TABLE bench_dicts (n int, topic text, term text, lang text,
	case_sensitive boolean, inflect boolean);
-- each dictionary: the default taxonomy (or part of it), then generated terms
INSERT INTO bench_dicts
	SELECT n, topic, term, lang, case_sensitive, inflect
	  FROM (VALUES (100), (1000), (10000), (10001)) d(n),
		   LATERAL (SELECT topic, term, lang, case_sensitive, inflect
					  FROM topic_terms ORDER BY md5(topic || term) LIMIT n) t;
INSERT INTO bench_dicts
	SELECT d.n, 'gen_' || (v.i % 50), CASE WHEN v.i % 2 = 0 THEN v.word ELSE v.word || ' ' || w.word END,
		   'en', false, v.i % 3 = 0
	  FROM (VALUES (1000), (10000)) d(n)
	  JOIN vocab v ON v.i <= d.n - (SELECT count(*) FROM topic_terms)
	  JOIN vocab w ON w.i = v.i + 1;
-- 10001: the default taxonomy and 9,578 terms that never occur (a made-up
-- suffix), to tell the cost of a larger dictionary from that of more hits
INSERT INTO bench_dicts
	SELECT 10001, 'gen_' || (v.i % 50), v.word || 'qz', 'en', false, v.i % 3 = 0
	  FROM vocab v WHERE v.i <= 10000 - (SELECT count(*) FROM topic_terms);
SQL

BYTES=$("${PSQL[@]}" -c "SELECT sum(octet_length(body)) FROM bt")
DOCS=$("${PSQL[@]}" -c "SELECT count(*) FROM bt")
SBYTES=$("${PSQL[@]}" -c "SELECT sum(octet_length(body)) FROM bt_sample")
SDOCS=$("${PSQL[@]}" -c "SELECT count(*) FROM bt_sample")
FBYTES=$("${PSQL[@]}" -c "SELECT sum(octet_length(body)) FROM bt_fts")
FDOCS=$("${PSQL[@]}" -c "SELECT count(*) FROM bt_fts")
NOPAR="SET max_parallel_workers_per_gather = 0; SET client_min_messages = warning;"

# One long-lived session whose backend's CPU time is read from /proc, so
# that MB/s per core holds on a busy machine too (clock ticks: 10 ms).
mkdir -p "$BENCH_TMP/topics_session"
S=$BENCH_TMP/topics_session
rm -f "$S/in" "$S/out"
mkfifo "$S/in"
stdbuf -oL "${PSQL[@]}" <"$S/in" >"$S/out" 2>&1 &
SESSION_PID=$!
exec 8>"$S/in"
trap 'exec 8>&-; wait $SESSION_PID 2>/dev/null' EXIT
echo 0 >"$S/n"
session() {	# session SQL: run in the session, print its output
	local n=$(($(cat "$S/n") + 1))
	echo $n >"$S/n"
	printf '%s\n\\echo __done_%d\n' "$1" "$n" >&8
	until grep -q "^__done_$n\$" "$S/out"; do sleep 0.05; done
	sed -n "/^__done_$((n - 1))\$/,/^__done_$n\$/p" "$S/out" | { grep -v '^__done_' || true; }
}
printf '\\echo __done_0\n' >&8
BACKEND=$(session "$NOPAR SELECT pg_backend_pid();" | tail -1)
session '\timing on' >/dev/null
# sms SQL [RUNS]: the best of RUNS (default 3) runs in the session, in ms
sms() {
	local best= ms
	for _ in $(seq "${2:-3}"); do
		ms=$(session "$1" | sed -nE 's/^Time: ([0-9.]+) ms.*/\1/p' | tail -1)
		if [ -z "$best" ] || awk -v a="$ms" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$ms; fi
	done
	echo "$best"
}
TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$BACKEND/stat"; }
# cpu_ms SQL RUNS: backend CPU milliseconds per run, over RUNS runs
cpu_ms() {
	local t0 t1
	t0=$(cpu_ticks)
	for _ in $(seq "$2"); do session "$1" >/dev/null; done
	t1=$(cpu_ticks)
	awk -v a="$t0" -v b="$t1" -v r="$2" -v k="$TICK" 'BEGIN{printf "%.1f", (b - a) * 1000 / k / r}'
}

echo "corpus: $DOCS documents, $(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1048576}') MB;" \
	"regex sample: $SDOCS documents, $(awk -v b="$SBYTES" 'BEGIN{printf "%.2f", b/1048576}') MB;" \
	"FTS sample: $FDOCS documents, $(awk -v b="$FBYTES" 'BEGIN{printf "%.2f", b/1048576}') MB"
printf '%-58s %10s %10s %10s %10s\n' "measure" "ms" "MB/s" "CPU MB/s" "hits"

t_read=$(sms "SELECT count(*) FROM bt WHERE body LIKE E'\\x01%';")
c_read=$(cpu_ms "SELECT count(*) FROM bt WHERE body LIKE E'\\x01%';" 5)
printf '%-58s %10s %10s %10s\n' "read the bodies back only (LIKE on the first byte)" "$t_read" \
	"$(mbps "$BYTES" "$t_read")" "$(mbps "$BYTES" "$c_read")"

declare -A TAG_MBS SAMPLE_MS FTS_MS HITS
for n in 100 1000 10000 10001 100100; do
	if [ $n -eq 100100 ]; then
		# 100 terms made as the generated ones (alone or paired with the
		# next word, every third inflected) from words frequent enough that
		# the 50 single words hit about as often as the 10,000 terms: from
		# the rank where 100 consecutive words make up twice that many
		"${PSQL[@]}" -q -c "INSERT INTO bench_dicts
			SELECT 100100, 'gen_' || (a.r % 50), CASE WHEN a.r % 2 = 0 THEN a.word ELSE a.word || ' ' || b.word END,
				   'en', false, a.r % 3 = 0
			  FROM wf a JOIN wf b ON b.r = a.r + 1
			 WHERE a.r >= (SELECT min(r) FROM (SELECT r, sum(f) OVER (ORDER BY r
								   ROWS BETWEEN CURRENT ROW AND 99 FOLLOWING) AS s FROM wf) w
								  WHERE s <= 2 * ${HITS[10000]})
			 ORDER BY a.r LIMIT 100"
	fi
	"${PSQL[@]}" -q -c "TRUNCATE topic_terms" \
		-c "INSERT INTO topic_terms (topic, term, lang, case_sensitive, inflect)
			SELECT topic, term, lang, case_sensitive, inflect FROM bench_dicts WHERE n = $n
			ON CONFLICT DO NOTHING"
	terms=$("${PSQL[@]}" -c "SELECT count(*) FROM topic_terms")
	# in the session, the first call after the change compiles the dictionary
	t_compile=$(sms "SELECT topics('x');" 1)
	t_call=$(sms "SELECT topics('x');" 3)
	t=$(sms "SELECT sum(cardinality(topics(body))) FROM bt;")
	c=$(cpu_ms "SELECT sum(cardinality(topics(body))) FROM bt;" 5)
	hits=$("${PSQL[@]}" -c "SELECT count(*) FROM bt, topic_hits(body)")
	HITS[$n]=$hits
	TAG_MBS[$n]=$(mbps "$BYTES" "$c")
	label="topics(body), $terms terms"
	[ $n -eq 10001 ] && label="topics(body), $terms terms, all but 422 never occur"
	[ $n -eq 100100 ] && label="topics(body), $terms terms of frequent words, hits as 10,000"
	printf '%-58s %10s %10s %10s %10s\n' "$label" "$t" "$(mbps "$BYTES" "$t")" \
		"${TAG_MBS[$n]}" "$hits"
	printf '%-58s %10s\n' "  compile $terms terms (first call after the change)" \
		"$(awk -v a="$t_compile" -v b="$t_call" 'BEGIN{printf "%.1f", a - b}')"
	# the baselines' samples, for the ratios (at 100 and 1,000 terms)
	[ $n -le 1000 ] || continue
	t_s=$(sms "SELECT sum(cardinality(topics(body))) FROM bt_sample;")
	printf '%-58s %10s %10s\n' "  the same on the regex sample" "$t_s" "$(mbps "$SBYTES" "$t_s")"
	SAMPLE_MS[$n]=$t_s
	t_f=$(sms "SELECT sum(cardinality(topics(body))) FROM bt_fts;")
	printf '%-58s %10s %10s\n' "  the same on the FTS sample" "$t_f" "$(mbps "$FBYTES" "$t_f")"
	FTS_MS[$n]=$t_f
done

# Baselines at 100 and 1,000 terms (10,000 would take hours).
"${PSQL[@]}" -q <<'SQL'
SET client_min_messages = warning;
DROP TABLE IF EXISTS bterms, bre;
CREATE UNLOGGED TABLE bterms AS SELECT DISTINCT n, term FROM bench_dicts WHERE n <= 1000;
-- every character but letters, digits and spaces escaped, spaces as \s+,
-- longest first; a non-word character or an end on each side
CREATE UNLOGGED TABLE bre AS
	SELECT n, '(?:^|[^[:alnum:]_])(' ||
		string_agg(regexp_replace(regexp_replace(term, '([^[:alnum:][:space:]])', '\\\1', 'g'),
								  '\s+', '\\s+', 'g'), '|' ORDER BY length(term) DESC, term) ||
		')(?=$|[^[:alnum:]_])' AS re
	  FROM bterms GROUP BY n;
SQL
for n in 100 1000; do
	t_fts=$(sms "SELECT count(*) FROM bt_fts d, bterms t
		WHERE t.n = $n AND to_tsvector(d.body) @@ phraseto_tsquery(t.term);" 1)
	t_fts2=$(sms "WITH d AS MATERIALIZED (SELECT to_tsvector(body) AS v FROM bt_fts)
		SELECT count(*) FROM d, bterms t WHERE t.n = $n AND d.v @@ phraseto_tsquery(t.term);" 1)
	t_re=$(sms "SELECT count(*) FROM bt_sample, regexp_matches(body, (SELECT re FROM bre WHERE n = $n), 'gi');" 1)
	printf '%-58s %10s %10s\n' "(a) FTS brute force, $n terms, FTS sample" "$t_fts" "$(mbps "$FBYTES" "$t_fts")"
	printf '%-58s %10s %10s\n' "(a') FTS, tsvector once per document, $n terms" "$t_fts2" "$(mbps "$FBYTES" "$t_fts2")"
	printf '%-58s %10s %10s\n' "(b) one case-insensitive regex, $n terms, regex sample" "$t_re" "$(mbps "$SBYTES" "$t_re")"
	echo "  at $n terms, on the same documents, topics() is faster than (a) $(ratio "$t_fts" "${FTS_MS[$n]}")x," \
		"(a') $(ratio "$t_fts2" "${FTS_MS[$n]}")x, (b) $(ratio "$t_re" "${SAMPLE_MS[$n]}")x"
done
echo "flatness (CPU MB/s): 10,000 terms / 100 terms = $(ratio "${TAG_MBS[10000]}" "${TAG_MBS[100]}")," \
	"1,000 / 100 = $(ratio "${TAG_MBS[1000]}" "${TAG_MBS[100]}")," \
	"10,000 mostly absent terms / 100 = $(ratio "${TAG_MBS[10001]}" "${TAG_MBS[100]}"),"
echo "  10,000 terms / 100 terms of frequent words with about as many hits = $(ratio "${TAG_MBS[10000]}" "${TAG_MBS[100100]}")"
echo "(ms and MB/s: best wall-clock time of 3 runs in one warm session; CPU MB/s: that backend's CPU time, mean of 5 runs;"
echo " load average when done: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"

"${PSQL[@]}" -q -c "DROP TABLE IF EXISTS bterms, bre, bench_dicts, wf, vocab, bt, bt_sample, bt_fts" >/dev/null
