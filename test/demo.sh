#!/usr/bin/env bash
# The main job: installs missing build dependencies, builds and installs the
# extension, loads the example transcripts with COPY and prints their turns.
#
#   sudo test/demo.sh          use the server named by PGHOST/PGDATABASE if
#                              set, else start a throwaway cluster in
#                              ./tmp_demo (left running for you to explore)
#   sudo test/demo.sh stop     stop that throwaway cluster
set -euo pipefail
. "$(dirname "$0")/lib.sh"

DEMO_DIR=${DEMO_DIR:-$REPO/tmp_demo}
DEMO_PORT=${DEMO_PORT:-5499}

if [ "${1:-}" = stop ]; then
	stop_cluster "$PGBIN_SYS" "$DEMO_DIR/data"
	say "stopped the demo cluster in $DEMO_DIR"
	exit 0
fi

ensure_deps
build
say "installing into $($PG_CONFIG_SYS --pkglibdir)"
as_root make -C "$REPO" -s PG_CONFIG="$PG_CONFIG_SYS" install >&2

PSQL=(psql -X -v ON_ERROR_STOP=1)
if [ -n "${PGHOST:-}${PGDATABASE:-}" ]; then
	say "using the configured server (PGHOST=${PGHOST:-} PGDATABASE=${PGDATABASE:-})"
	PSQL=("$PGBIN_SYS/psql" -X -v ON_ERROR_STOP=1)
else
	if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$REPO"; then
		DEMO_DIR=/tmp/transcript-demo	# postgres cannot reach the repository
	fi
	export PGHOST=$DEMO_DIR PGPORT=$DEMO_PORT PGUSER=postgres
	if ! "$PGBIN_SYS/pg_isready" -q 2>/dev/null; then
		if [ -f "$DEMO_DIR/data/PG_VERSION" ]; then
			as_run_user "$PGBIN_SYS/pg_ctl" -D "$DEMO_DIR/data" -l "$DEMO_DIR/data/server.log" -w start >/dev/null
		else
			say "starting a throwaway cluster in $DEMO_DIR"
			start_cluster "$PGBIN_SYS" "$DEMO_DIR/data" "$DEMO_DIR" "$DEMO_PORT"
		fi
	fi
	"$PGBIN_SYS/psql" -qAtX -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'transcript_demo'" | grep -q 1 ||
		"$PGBIN_SYS/psql" -qX -d postgres -c "CREATE DATABASE transcript_demo" >/dev/null
	export PGDATABASE=transcript_demo
	PSQL=("$PGBIN_SYS/psql" -X -v ON_ERROR_STOP=1)
fi

say "loading examples/demo.csv with COPY"
cd "$REPO"
# Into the extension's transcripts table; non-destructive on an existing
# server: rows are upserted by name.
"${PSQL[@]}" -q <<'SQL'
CREATE EXTENSION IF NOT EXISTS transcript;
CREATE TEMP TABLE demo_load (name text, doc transcript);
\copy demo_load (name, doc) FROM 'examples/demo.csv' WITH (FORMAT csv, HEADER)
INSERT INTO transcripts (name, source, doc)
SELECT name, 'transcript examples', doc FROM demo_load
    ON CONFLICT (name) DO UPDATE SET doc = excluded.doc;
SQL
"${PSQL[@]}" <<'SQL'
\pset footer off
SELECT name, m.title, m.event_date, m.principal, m.turn_count
  FROM transcripts, transcript_meta(doc) m
 WHERE source = 'transcript examples' ORDER BY name;
SELECT name, t.turn_no, t.speaker_label, t.speaker, t.role, t.affiliation,
       t.interpreted, left(t.body, 50) AS body
  FROM transcripts, turns(doc) t
 WHERE source = 'transcript examples' ORDER BY name, t.turn_no;
SQL
say "next: load the corpus with bin/transcript-load --skip-bad ../shared/corpus/wh ../shared/corpus/congress"
say "then SELECT transcript_refresh(); and query the views (see README)"
if [ "${PGHOST:-}" = "$DEMO_DIR" ]; then
	say "the demo cluster is still running: psql -h $DEMO_DIR -p $DEMO_PORT -U postgres transcript_demo"
	say "stop it with: sudo test/demo.sh stop"
fi
