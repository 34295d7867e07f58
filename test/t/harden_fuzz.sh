#!/usr/bin/env bash
# The libFuzzer targets of test/fuzz (AddressSanitizer + UBSan): every kept
# regression input replays cleanly, then each target runs for a short time
# (FUZZ_SECONDS, default 5).  Long runs: 'make fuzz-long'.  Skipped when
# clang with its runtime cannot be had.
. "$(dirname "$0")/common.bash"

if ! command -v clang >/dev/null || [ -z "$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ]; then
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >/dev/null 2>&1 ||
			{ apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >/dev/null 2>&1; }
	fi
	command -v clang >/dev/null || { echo "skip: no clang (apt-get install clang libclang-rt-14-dev)"; exit 77; }
fi

out=$("$REPO/test/fuzz/run.sh" replay 2>&1)
st=$?
echo "$out"
[ $st -eq 77 ] && exit 77
check "kept fuzz inputs replay cleanly" 0 "$st"

out=$("$REPO/test/fuzz/run.sh" "${FUZZ_SECONDS:-5}" 2>&1)
st=$?
echo "$out"
check "a short fuzz run of every target finds nothing" 0 "$st"
finish
