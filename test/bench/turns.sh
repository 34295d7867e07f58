#!/usr/bin/env bash
# Issue 2's benchmark: COPY into a transcript column against COPY into a text
# column, and turns() against a regexp_split_to_table baseline, on the White
# House transcripts (press briefings and speeches/remarks).
set -euo pipefail
. "$REPO/test/bench/common.sh"

DATA=$BENCH_TMP/wh.copy
corpus_to_copy "$DATA" "$CORPUS/wh/press-briefings" "$CORPUS/wh/speeches-remarks"

# Two storage choices, each applied to both tables alike: 'external' (out of
# line, uncompressed: the transcript type's default) and 'lz4' (compressed).
MODES="external lz4"
for m in $MODES; do
	if [ $m = external ]; then st=EXTERNAL; else st=EXTENDED; fi
	"${PSQL[@]}" -q <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS b_text_$m, b_doc_$m;
CREATE UNLOGGED TABLE b_text_$m (name text, body text);
ALTER TABLE b_text_$m ALTER body SET STORAGE $st, ALTER body SET COMPRESSION lz4;
CREATE UNLOGGED TABLE b_doc_$m (name text, doc transcript);
ALTER TABLE b_doc_$m ALTER doc SET STORAGE $st, ALTER doc SET COMPRESSION lz4;
SQL
done

"${PSQL[@]}" -c "COPY b_text_external FROM '$DATA'"
BYTES=$("${PSQL[@]}" -c "SELECT sum(octet_length(body)) FROM b_text_external")
DOCS=$("${PSQL[@]}" -c "SELECT count(*) FROM b_text_external")

copy_ms() {	# copy_ms TABLE: best of 3 COPYs into an emptied table
	best_ms "TRUNCATE $1; COPY $1 FROM '$DATA'"
}

echo "corpus: $DOCS documents, $(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1048576}') MB"
printf '%-44s %10s %10s %8s\n' "measure" "ms" "MB/s" "ratio"
for comp in $MODES; do
	t_text=$(copy_ms b_text_$comp)
	t_doc=$(copy_ms b_doc_$comp)
	printf '%-44s %10s %10s\n' "COPY into text column ($comp)" "$t_text" "$(mbps "$BYTES" "$t_text")"
	printf '%-44s %10s %10s %8s\n' "COPY into transcript column ($comp)" "$t_doc" "$(mbps "$BYTES" "$t_doc")" "$(ratio "$t_text" "$t_doc")"
done
"${PSQL[@]}" -c "VACUUM ANALYZE b_text_lz4, b_doc_lz4, b_text_external, b_doc_external"

# Split before every line that starts with an upper-case label and a colon,
# or with Q and a space or no-break space.
BASELINE='SELECT count(*) FROM b_text_%s, regexp_split_to_table(body, $re$\n(?=(?:[A-Z][A-Z.\x27 -]+:|Q[ \u00a0]))$re$)'
for comp in $MODES; do
	t_base=$(best_ms "$(printf "$BASELINE" $comp)")
	t_turns=$(best_ms "SELECT count(*) FROM b_doc_$comp, turns(doc)")
	t_read=$(best_ms "SELECT count(*) FROM b_text_$comp WHERE body LIKE E'\\x01%'")
	printf '%-44s %10s %10s\n' "regexp_split_to_table baseline ($comp)" "$t_base" "$(mbps "$BYTES" "$t_base")"
	printf '%-44s %10s %10s %8s\n' "count(*) over turns() ($comp)" "$t_turns" "$(mbps "$BYTES" "$t_turns")" "$(ratio "$t_base" "$t_turns")"
	printf '%-44s %10s %10s %8s\n' "read back from TOAST only ($comp)" "$t_read" "$(mbps "$BYTES" "$t_read")" "$(ratio "$t_base" "$t_read")"
done
echo "turns found: $("${PSQL[@]}" -c "SELECT count(*) FROM b_doc_external, turns(doc)"), baseline pieces: $("${PSQL[@]}" -c "$(printf "$BASELINE" external)")"
echo "(ratio: COPY rows are transcript/text speed; query rows are baseline time / this time)"
