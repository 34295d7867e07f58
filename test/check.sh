#!/usr/bin/env bash
# Runs every test: installs missing build dependencies, builds with warnings
# as errors, runs the core's unit tests, then the regression suite and the
# scripted tests (test/t/*.sh) against a private install and a throwaway
# cluster.  Ends with a line 'N passed, N failed'.
#
#   sudo test/check.sh            (or as root; the server runs as postgres)
#   test/check.sh --keep          keep the temp directory for inspection
set -uo pipefail
. "$(dirname "$0")/lib.sh"

KEEP=0
[ "${1:-}" = "--keep" ] && KEEP=1

ensure_deps
build || die "build failed"

TMP=$(mktemp -d /tmp/transcript-check.XXXXXX)
chmod 755 "$TMP"
PORT=$((20000 + RANDOM % 20000))
passed=0 failed=0 skipped=0
failures=()

cleanup() {
	stop_cluster "${TEMP_BIN:-/nonexistent}" "$TMP/data"
	if [ $KEEP -eq 0 ]; then rm -rf "$TMP"; else say "kept $TMP"; fi
}
trap cleanup EXIT

record() {	# record NAME STATUS
	case $2 in
		0) passed=$((passed + 1)); printf 'ok      %s\n' "$1" ;;
		77) skipped=$((skipped + 1)); printf 'skip    %s\n' "$1" ;;
		*) failed=$((failed + 1)); failures+=("$1"); printf 'FAILED  %s\n' "$1" ;;
	esac
}

# 1. The core's standalone unit tests (no server).
say "core unit tests"
make -C "$REPO" -s PG_CONFIG="$PG_CONFIG_SYS" core-test-bins >&2 || die "core tests do not build"
for t in "$REPO"/test/core/test_*.bin; do
	[ -e "$t" ] || continue
	"$t" >"$TMP/$(basename "$t").log" 2>&1
	st=$?
	record "core/$(basename "$t" .bin)" $st
	[ $st -eq 0 ] || tail -20 "$TMP/$(basename "$t").log"
done

# 2. A private install and a cluster.
say "temp install and cluster in $TMP"
make_temp_install "$TMP"
start_cluster "$TEMP_BIN" "$TMP/data" "$TMP" "$PORT" || die "cluster did not start"
export PGHOST=$TMP PGPORT=$PORT PGUSER=postgres

# 3. pg_regress: inputs in sql/, expected output in expected/.
say "regression suite"
( cd "$REPO" && make -s PG_CONFIG="$TEMP_BIN/pg_config" installcheck ) >"$TMP/regress.log" 2>&1
while read -r name status; do
	if [ "$status" = ok ]; then record "regress/$name" 0; else record "regress/$name" 1; fi
done < <(sed -nE 's/^(test| ) *([A-Za-z0-9_]+) +\.\.\. +(ok|FAILED|failed).*/\2 \3/p' "$TMP/regress.log")
if grep -qE 'FAILED|failed' "$TMP/regress.log"; then
	[ -f "$REPO/regression.diffs" ] && head -100 "$REPO/regression.diffs"
fi
grep -qE '\.\.\. +(ok|FAILED|failed)' "$TMP/regress.log" || { cat "$TMP/regress.log"; record "regress/run" 1; }

# 4. Scripted tests: each gets a fresh database; exit 0 pass, 77 skip.
say "scripted tests"
for t in "$REPO"/test/t/*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	db="t_$name"
	"$TEMP_BIN/psql" -qAtX -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
	PGDATABASE=$db TEMP_BIN=$TEMP_BIN TMPDIR_TEST=$TMP REPO=$REPO bash "$t" >"$TMP/$name.log" 2>&1
	st=$?
	record "t/$name" $st
	[ $st -eq 0 ] || [ $st -eq 77 ] || tail -30 "$TMP/$name.log"
done

[ ${#failures[@]} -eq 0 ] || printf 'failed: %s\n' "${failures[*]}"
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
