#!/usr/bin/env bash
# The pg_regress suite against a server running under Valgrind memcheck
# (every backend traced), with the suppressions in test/valgrind/*.supp.
# Fails on any error Valgrind reports in any process.  About 10 minutes.
#
#   test/valgrind/run.sh [--keep]        (make valgrind-check)
#
# The server is the distribution's, not built with USE_VALGRIND, so memcheck
# sees palloc chunks only as parts of malloc'ed blocks: it catches reads and
# writes outside the blocks, use of uninitialised memory (including padding
# written to disk or sent to the client) and bad frees, not overruns inside
# a block; AddressSanitizer on the core (make fuzz) covers those.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
KEEP=0
[ "${1:-}" = "--keep" ] && KEEP=1

ensure_deps valgrind
command -v valgrind >/dev/null || { echo "skip: no valgrind"; exit 77; }
build || die "build failed"
TMP=$(mktemp -d /tmp/transcript-valgrind.XXXXXX)
chmod 755 "$TMP"
PORT=$((20000 + RANDOM % 20000))
cleanup() {
	[ -n "${TEMP_BIN:-}" ] && as_run_user "$TEMP_BIN/pg_ctl" -D "$TMP/data" -m fast -w -t 300 stop >/dev/null 2>&1
	if [ $KEEP -eq 0 ]; then rm -rf "$TMP"; else say "kept $TMP"; fi
}
trap cleanup EXIT
make_temp_install "$TMP"
mkdir -p "$TMP/data" "$TMP/vg"
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$TMP"
as_run_user "$TEMP_BIN/initdb" -D "$TMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null || die "initdb failed"
cat >>"$TMP/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$TMP'
port = $PORT
fsync = off
max_parallel_workers_per_gather = 0
autovacuum = off
shared_buffers = 32MB
CONF

supp=()
for f in "$REPO"/test/valgrind/*.supp; do supp+=(--suppressions="$f"); done
say "starting the server under valgrind (slow)"
as_run_user valgrind --quiet --trace-children=yes --track-origins=yes --read-var-info=no \
	--num-callers=40 --error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END \
	--gen-suppressions=all "${supp[@]}" --log-file="$TMP/vg/%p.log" \
	"$TEMP_BIN/postgres" -D "$TMP/data" >"$TMP/server.log" 2>&1 &
for i in $(seq 1 120); do
	"$TEMP_BIN/pg_isready" -q -h "$TMP" -p "$PORT" && break
	sleep 1
done
"$TEMP_BIN/pg_isready" -q -h "$TMP" -p "$PORT" || { tail "$TMP/server.log"; die "server did not start under valgrind"; }
export PGHOST=$TMP PGPORT=$PORT PGUSER=postgres

say "regression suite under valgrind"
start=$(date +%s)
( cd "$REPO" && make -s PG_CONFIG="$TEMP_BIN/pg_config" installcheck ) >"$TMP/regress.log" 2>&1
rst=$?
grep -E '\.\.\. +(ok|FAILED|failed)' "$TMP/regress.log"
say "regression suite: exit $rst in $(( $(date +%s) - start )) s"
as_run_user "$TEMP_BIN/pg_ctl" -D "$TMP/data" -m fast -w -t 300 stop >/dev/null

# Every error block of every process, with the suppression Valgrind offers.
errors=$(cat "$TMP"/vg/*.log | grep -c 'VALGRINDERROR-BEGIN')
if [ "$errors" -gt 0 ]; then
	for f in $(grep -l 'VALGRINDERROR-BEGIN' "$TMP"/vg/*.log); do
		echo "== $f"
		sed -n '/VALGRINDERROR-BEGIN/,/VALGRINDERROR-END/p;/^{/,/^}/p' "$f"
	done | head -400
fi
echo "valgrind: $errors errors in $(ls "$TMP"/vg/*.log | wc -l) processes; regression suite exit $rst"
[ "$errors" -eq 0 ] && [ $rst -eq 0 ]
