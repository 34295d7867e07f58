#!/usr/bin/env bash
# Issue 4's benchmark: quotes(text) against a SQL baseline built on
# regexp_matches (pairs of double marks only, no speakers), on the White
# House statements and releases, in one run; prints MB/s and the ratio.
set -euo pipefail
. "$REPO/test/bench/common.sh"

DATA=$BENCH_TMP/wh_statements.copy
corpus_to_copy "$DATA" "$CORPUS/wh/statements-releases"

"${PSQL[@]}" -q <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS b_quotes;
CREATE UNLOGGED TABLE b_quotes (name text, body text);
ALTER TABLE b_quotes ALTER body SET STORAGE EXTERNAL;
SQL
"${PSQL[@]}" -c "COPY b_quotes FROM '$DATA'"
BYTES=$("${PSQL[@]}" -c "SELECT sum(octet_length(body)) FROM b_quotes")
DOCS=$("${PSQL[@]}" -c "SELECT count(*) FROM b_quotes")

# The baseline finds “...” and "..." spans with a regular expression and
# nothing more: no nesting, apostrophes, paragraphs, speakers or kinds.
BASE="SELECT count(*) FROM b_quotes, regexp_matches(body, '[\"“]([^\"“”]+)[\"”]', 'g')"
QUOT="SELECT count(*) FROM b_quotes, quotes(body)"

t_base=$(best_ms "$BASE")
t_quot=$(best_ms "$QUOT")
n_base=$("${PSQL[@]}" -c "$BASE")
n_quot=$("${PSQL[@]}" -c "$QUOT")
n_speech=$("${PSQL[@]}" -c "SELECT count(*) FROM b_quotes, quotes(body) WHERE kind <> 'scare'")
n_spk=$("${PSQL[@]}" -c "SELECT count(*) FROM b_quotes, quotes(body) WHERE kind <> 'scare' AND speaker IS NOT NULL")

echo "corpus: $DOCS documents, $(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1048576}') MB"
printf '%-52s %10s %10s %8s %8s\n' "measure" "ms" "MB/s" "ratio" "rows"
printf '%-52s %10s %10s %8s %8s\n' "SQL baseline: regexp_matches on double marks" "$t_base" "$(mbps "$BYTES" "$t_base")" "1.00" "$n_base"
printf '%-52s %10s %10s %8s %8s\n' "quotes(text): marks, speakers, cues, kinds" "$t_quot" "$(mbps "$BYTES" "$t_quot")" "$(ratio "$t_base" "$t_quot")" "$n_quot"
echo "quotations that are not scare quotes: $n_speech, with a speaker: $n_spk"
echo "(ratio: baseline time / quotes() time, above 1 means quotes() is faster; one backend, one core)"
