#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer + UBSan) and runs
# each for a bounded time, starting from the kept regression inputs and a
# seed corpus made from ../shared when present.  A finding is written to
# test/fuzz/regress/<target>/ (crash-*, timeout-*, oom-*): fix the bug and
# commit the file, so that every later run replays it.
#
#   test/fuzz/run.sh [SECONDS] [TARGET...]   default 20 s each, all targets
#   test/fuzz/run.sh replay [TARGET...]      only replay the kept inputs
#
# Targets are test/fuzz/fuzz_<target>.c; one whose core header is not in
# src/core yet is skipped.  Exit 0 clean, 1 a finding, 77 no clang.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE=fuzz SECONDS_EACH=20
if [ "${1:-}" = replay ]; then MODE=replay; shift
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then SECONDS_EACH=$1; shift; fi
CC=${FUZZ_CC:-clang}
command -v "$CC" >/dev/null || { echo "skip: no $CC (apt-get install clang libclang-rt-14-dev)" >&2; exit 77; }
OUT=${FUZZ_OUT:-test/fuzz/out}
SHARED=${SHARED:-../shared}
CFLAGS_FUZZ="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
ICU_LIBS="-licui18n -licuuc -licudata"
mkdir -p "$OUT/obj"

# The core, compiled once with the sanitizers (rebuilt when a source changes).
CORE=$(sed -n '/^CORE_OBJS/,/^$/p' Makefile | grep -o 'src/core/[a-z0-9_]*\.o' | sed 's/\.o$/.c/')
objs=()
for c in $CORE; do objs+=("$OUT/obj/$(basename "$c" .c).o"); done
for c in $CORE; do
	o=$OUT/obj/$(basename "$c" .c).o
	if [ ! -e "$o" ] || [ "$c" -nt "$o" ] || [ -n "$(find src/core -name '*.h' -newer "$o")" ]; then
		echo "$c $o"
	fi
done | xargs -r -P"$(nproc)" -n2 sh -c "$CC $CFLAGS_FUZZ -fsanitize=fuzzer-no-link -Isrc/core -c \"\$0\" -o \"\$1\""

# Seed inputs shaped for each target, from the shared seeds and corpus.
seed_files() {
	[ -d "$SHARED/seeds" ] || return 0
	ls "$SHARED"/seeds/*.txt
	ls "$SHARED"/corpus/wh/*/*.md 2>/dev/null | head -30
	ls "$SHARED"/corpus/congress/*.htm 2>/dev/null | head -10
}
make_seeds() {	# make_seeds TARGET DIR
	local t=$1 dir=$2 f i=0
	[ -n "$(ls -A "$dir")" ] && return 0
	case $t in
	store)
		"$CC" -O1 -Isrc/core -o "$OUT/store_seed" test/fuzz/store_seed.c $CORE $ICU_LIBS
		"$OUT/store_seed" "$dir" $(seed_files) ;;
	similar|tagger)
		# a short head (quotation / dictionary), NUL, the document
		for f in $(seed_files); do
			i=$((i + 1))
			{
				if [ "$t" = similar ]; then
					printf 'We are ready to continue the dialogue on strategic stability'
				else
					printf '\0Russia=Russia\n\2arms control=arms control\n\1START=New START\n\2Iran=Iran'"'"'s\n\0Россия=Россия\n'
				fi
				printf '\0'
				head -c 8192 "$f"
			} >"$dir/seed$i"
		done ;;
	*)
		for f in $(seed_files); do head -c 16384 "$f" >"$dir/$(basename "$f")"; done ;;
	esac
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(ls test/fuzz/fuzz_*.c | xargs -n1 basename | sed 's/^fuzz_//; s/\.c$//'))
status=0
for t in "${targets[@]}"; do
	src=test/fuzz/fuzz_$t.c
	missing=$(grep -o '#include "tr_[a-z0-9_]*\.h"' "$src" | grep -o 'tr_[a-z0-9_]*\.h' |
		while read -r h; do [ -e "src/core/$h" ] || echo "$h"; done)
	if [ -n "$missing" ]; then
		echo "== fuzz_$t: skipped (src/core has no $missing yet)"
		continue
	fi
	bin=$OUT/fuzz_$t
	if [ ! -e "$bin" ] || [ "$src" -nt "$bin" ] || [ -n "$(find "${objs[@]}" -newer "$bin")" ]; then
		"$CC" $CFLAGS_FUZZ -fsanitize=fuzzer -Isrc/core -o "$bin" "$src" "${objs[@]}" $ICU_LIBS -lm
	fi
	regress=test/fuzz/regress/$t
	mkdir -p "$regress" "$OUT/corpus_$t"
	export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 UBSAN_OPTIONS=print_stacktrace=1
	if [ $MODE = replay ]; then
		n=$(find "$regress" -type f | wc -l)
		echo "== fuzz_$t: replaying $n kept inputs"
		[ "$n" -gt 0 ] || continue
		if ! "$bin" -runs=1 $(find "$regress" -type f | sort) >"$OUT/fuzz_$t.log" 2>&1; then
			echo "fuzz_$t fails on a kept input: see $OUT/fuzz_$t.log"
			tail -30 "$OUT/fuzz_$t.log"
			status=1
		fi
		continue
	fi
	make_seeds "$t" "$OUT/corpus_$t"
	echo "== fuzz_$t: ${SECONDS_EACH}s"
	if ! "$bin" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix="$regress/" -print_final_stats=0 \
			"$OUT/corpus_$t" "$regress" >"$OUT/fuzz_$t.log" 2>&1; then
		echo "fuzz_$t found a problem: see $OUT/fuzz_$t.log and the new file in $regress"
		tail -30 "$OUT/fuzz_$t.log"
		status=1
	else
		grep -E '^#[0-9]+.*DONE' "$OUT/fuzz_$t.log" | tail -1 || true
	fi
done
exit $status
