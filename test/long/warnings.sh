#!/usr/bin/env bash
# Builds the extension with -Wall -Wextra -Werror (test/lib.sh: WARN_FLAGS),
# with gcc and with clang,
# in a copy of the tracked files (the repository's own build is untouched).
# PostgreSQL's headers are included as system headers (-isystem), so that
# their unused inline parameters do not count: every warning left is ours.
#
#   test/long/warnings.sh [gcc] [clang]      (make warnings-check: both)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
# QUICK=1: the extension only, at -O1 (what test/t/harden_warnings.sh runs)
compilers=("$@")
[ ${#compilers[@]} -gt 0 ] || compilers=(gcc clang)
targets=(all core-test-bins) OPT=-O2
[ "${QUICK:-0}" = 1 ] && targets=(all) OPT=-O1
INC=$("$PG_CONFIG_SYS" --includedir-server)
FLAGS="$OPT -g $WARN_FLAGS -isystem $INC"
W=$(mktemp -d /tmp/transcript-warnings.XXXXXX)
trap 'rm -rf "$W"' EXIT
(cd "$REPO" && git ls-files -z | xargs -0 cp --parents -t "$W") 2>/dev/null ||
	{ cp -a "$REPO"/. "$W"; make -C "$W" -s clean >/dev/null 2>&1; }
status=0
for cc in "${compilers[@]}"; do
	command -v "$cc" >/dev/null || { echo "skip - no $cc"; continue; }
	make -C "$W" -s clean >/dev/null 2>&1
	# gcc takes the distribution's flags plus ours; clang cannot take gcc's
	# optimisation flags, so it gets ours alone (PIC is added by PGXS).
	if [ "$cc" = gcc ]; then
		args=(CC=gcc COPT="$WARN_FLAGS -isystem $INC")
	else
		args=(CC="$cc" CFLAGS="$FLAGS")
	fi
	if make -C "$W" -s -j"$(nproc)" PG_CONFIG="$PG_CONFIG_SYS" "${args[@]}" "${targets[@]}" >"$W/$cc.log" 2>&1; then
		echo "ok - $cc: -Wall -Wextra -Werror: ${targets[*]}"
	else
		echo "not ok - $cc: warnings or errors"; grep -E 'error|warning' "$W/$cc.log" | head -20; status=1
	fi
done
exit $status
