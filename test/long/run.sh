#!/usr/bin/env bash
# Runs one hardening test (test/t/harden_NAME.sh, or test/long/NAME.sh when
# there is one) against a private install and a throwaway cluster, as
# test/check.sh does, with extra settings for a long run:
#
#   test/long/run.sh NAME [VAR=VALUE...]
#
# e.g. test/long/run.sh memory HARDEN_MEMORY_ROWS=1000000.  Exit status is
# the test's.  The cluster is removed afterwards (KEEP=1 keeps it).
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
name=${1:?usage: test/long/run.sh NAME [VAR=VALUE...]}; shift
script=$REPO/test/long/$name.sh
[ -e "$script" ] || script=$REPO/test/t/harden_$name.sh
[ -e "$script" ] || die "no test named $name"

ensure_deps
build || die "build failed"
TMP=$(mktemp -d /tmp/transcript-long.XXXXXX)
chmod 755 "$TMP"
PORT=$((20000 + RANDOM % 20000))
cleanup() {
	stop_cluster "${TEMP_BIN:-/nonexistent}" "$TMP/data"
	if [ "${KEEP:-0}" = 1 ]; then say "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
make_temp_install "$TMP"
start_cluster "$TEMP_BIN" "$TMP/data" "$TMP" "$PORT" || die "cluster did not start"
export PGHOST=$TMP PGPORT=$PORT PGUSER=postgres PGDATABASE=t_$name
"$TEMP_BIN/psql" -qAtX -d postgres -c "CREATE DATABASE t_$name" >/dev/null || die "no database"
say "running $(basename "$script") $*"
env "$@" TEMP_BIN="$TEMP_BIN" TMPDIR_TEST="$TMP" REPO="$REPO" bash "$script"
st=$?
say "$name: exit $st"
exit $st
