#!/usr/bin/env bash
# The build is warning-free under -Wall -Wextra -Werror: the suite's own
# build (test/lib.sh) uses those flags with gcc; this adds clang.
. "$(dirname "$0")/common.bash"
flags=$(grep -o 'COPT="[^"]*"' "$REPO/test/lib.sh" | head -1)
for f in -Wall -Wextra -Werror; do
	check "the suite's build uses $f" yes "$(grep -q -- "$f" <<<"$flags" && echo yes || echo no)"
done
check "the suite's build turns no warning off" "" "$(grep -o -- '-Wno-[a-z-]*' <<<"$flags")"
command -v clang >/dev/null || { echo "# no clang: clang build not tried"; finish; }
out=$("$REPO/test/long/warnings.sh" clang 2>&1)
echo "$out"
check "clang build with -Wall -Wextra -Werror" "" "$(grep '^not ok' <<<"$out")"
finish
