#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer + UBSan) and runs
# each for a bounded time, starting from the kept regression inputs and a
# seed corpus made from ../shared when present.  Findings are written to
# test/fuzz/regress/<target>/ to be kept.
#
#   test/fuzz/run.sh [SECONDS] [TARGET...]     default 20 seconds, all targets
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-20}; shift || true
CC=${FUZZ_CC:-clang}
command -v "$CC" >/dev/null || { echo "no $CC: apt-get install clang" >&2; exit 77; }

CORE=$(sed -n '/^CORE_OBJS/,/^$/p' Makefile | grep -o 'src/core/[a-z0-9_]*\.o' | sed 's/\.o$/.c/')
OUT=${FUZZ_OUT:-test/fuzz/out}
mkdir -p "$OUT"
SHARED=../shared

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(ls test/fuzz/fuzz_*.c | xargs -n1 basename | sed 's/^fuzz_//; s/\.c$//'))
status=0
for t in "${targets[@]}"; do
	bin=$OUT/fuzz_$t
	$CC -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-Isrc/core -o "$bin" "test/fuzz/fuzz_$t.c" $CORE -licui18n -licuuc -licudata
	regress=test/fuzz/regress/$t
	mkdir -p "$regress" "$OUT/corpus_$t"
	# a seed corpus from the shared documents (not kept in the repository)
	if [ -d "$SHARED/seeds" ] && [ -z "$(ls -A "$OUT/corpus_$t")" ]; then
		for f in "$SHARED"/seeds/*.txt $(ls "$SHARED"/corpus/wh/*/*.md 2>/dev/null | head -40) \
				 $(ls "$SHARED"/corpus/congress/*.htm 2>/dev/null | head -10); do
			head -c 16384 "$f" >"$OUT/corpus_$t/$(basename "$f")"
		done
	fi
	echo "== fuzz_$t: ${SECONDS_EACH}s"
	if ! ASAN_OPTIONS=detect_leaks=1 "$bin" -max_total_time="$SECONDS_EACH" -max_len=65536 \
			-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$regress/" -print_final_stats=0 \
			"$OUT/corpus_$t" "$regress" >"$OUT/fuzz_$t.log" 2>&1; then
		echo "fuzz_$t found a problem: see $OUT/fuzz_$t.log and the new file in $regress"
		tail -30 "$OUT/fuzz_$t.log"
		status=1
	else
		grep -E '^#[0-9]+.*DONE' "$OUT/fuzz_$t.log" | tail -1 || true
	fi
done
exit $status
