#!/usr/bin/env bash
# The build is warning-free under -Wall -Wextra -Werror: the suite's own
# build (test/lib.sh) uses those flags with gcc; this adds clang.
. "$(dirname "$0")/common.bash"
flags=$(sed -n 's/^WARN_FLAGS="\(.*\)"/\1/p' "$REPO/test/lib.sh")
for f in -Wall -Wextra -Werror; do
	check "the suite's build uses $f" yes "$(grep -q -- "$f" <<<"$flags" && echo yes || echo no)"
done
check "the suite's build turns off no warning but unused parameters" "-Wno-unused-parameter" \
	"$(grep -o -- '-Wno-[a-z-]*' <<<"$flags" | tr '\n' ' ' | sed 's/ $//')"
command -v clang >/dev/null || { echo "# no clang: clang build not tried"; finish; }
out=$(QUICK=1 "$REPO/test/long/warnings.sh" clang 2>&1)
echo "$out"
check "clang build with -Wall -Wextra -Werror" "" "$(grep '^not ok' <<<"$out")"
finish
