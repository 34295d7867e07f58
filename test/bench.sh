#!/usr/bin/env bash
# Benchmarks: the same set-up as test/check.sh (private install, throwaway
# cluster), then every test/bench/*.sh, or the ones named:
#
#   sudo test/bench.sh            all benchmarks
#   sudo test/bench.sh turns      only test/bench/turns.sh
#
# Each prints MB/s and ratios against a SQL baseline measured in the same
# run.  Needs the corpus in ../shared/corpus (CORPUS=dir to point elsewhere).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

export CORPUS=${CORPUS:-$REPO/../shared/corpus}
[ -d "$CORPUS/wh" ] || die "no corpus at $CORPUS (set CORPUS=...)"

ensure_deps
build || die "build failed"
TMP=$(mktemp -d /tmp/transcript-bench.XXXXXX)
chmod 755 "$TMP"
PORT=$((20000 + RANDOM % 20000))
trap 'stop_cluster "${TEMP_BIN:-/x}" "$TMP/data"; rm -rf "$TMP"' EXIT
make_temp_install "$TMP"
start_cluster "$TEMP_BIN" "$TMP/data" "$TMP" "$PORT" || die "cluster did not start"
cat >>"$TMP/data/postgresql.conf" <<CONF
shared_buffers = 512MB
work_mem = 64MB
maintenance_work_mem = 256MB
max_wal_size = 4GB
CONF
as_run_user "$TEMP_BIN/pg_ctl" -D "$TMP/data" -w restart >/dev/null
export PGHOST=$TMP PGPORT=$PORT PGUSER=postgres PGDATABASE=postgres TEMP_BIN REPO BENCH_TMP=$TMP
"$TEMP_BIN/psql" -qX -c "CREATE EXTENSION transcript" >/dev/null

names=("$@")
[ ${#names[@]} -gt 0 ] || names=($(ls "$REPO"/test/bench/*.sh | xargs -n1 basename | sed 's/\.sh$//'))
for n in "${names[@]}"; do
	say "benchmark: $n"
	bash "$REPO/test/bench/$n.sh" || die "benchmark $n failed"
done
