#!/usr/bin/env bash
# The example Evidence dashboard (examples/dashboard): loads the demo data
# (examples/demo.csv, and the White House corpus when ../shared/corpus is
# there), builds the dashboard against this database, serves it on
# localhost, opens it in headless Chromium (Debian's chromium driven by
# playwright-core) and checks that the charts and the quotes table show the
# numbers the views return; saves a screenshot to docs/dashboard.png.
#
# Installs what it needs itself: chromium (and node and npm if missing) with
# apt-get, the npm packages with npm ci (cache and node_modules stay in
# examples/dashboard).  Skips (77) only when a network resource it needs is
# out of reach: the Debian or npm registries, or DuckDB's extension site,
# from which DuckDB-Wasm (Evidence's query engine) fetches its Parquet
# support at run time.
. "$(dirname "$0")/common.bash"
export PGOPTIONS="-c client_min_messages=warning"
DASH=$REPO/examples/dashboard
skip() { echo "skip: $*"; exit 77; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }

# 1. Tools.
need=()
command -v chromium >/dev/null || need+=(chromium)
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 18 ]; then need+=(nodejs); fi
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
	echo "installing ${need[*]}"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || skip "apt-get update failed: the Debian registry is out of reach"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
		skip "apt-get install ${need[*]} failed"
fi
[ -x /usr/bin/chromium ] || skip "no /usr/bin/chromium"

export npm_config_cache=$DASH/.npm npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export SEND_ANONYMOUS_USAGE_STATS=no	# Evidence's usage statistics
cd "$DASH" || exit 1
if ! timeout 60 npm ping >/dev/null 2>&1; then skip "the npm registry is out of reach"; fi
if [ ! -d node_modules/@evidence-dev/evidence ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	# npm ci refuses a lock file without entries for the other platforms'
	# optional packages (rollup's), which this registry may not serve; npm
	# install --no-save then installs the same locked versions.
	timeout 900 npm ci --no-audit --no-fund >"$TMPDIR_TEST/npm-ci.log" 2>&1 ||
		timeout 900 npm install --no-save --no-audit --no-fund >>"$TMPDIR_TEST/npm-ci.log" 2>&1 ||
		{ tail -20 "$TMPDIR_TEST/npm-ci.log"; echo "not ok - npm ci"; exit 1; }
fi
echo "ok - npm packages installed"

# 2. Data: the demo documents, and the White House corpus when present.
"${PSQL[@]}" -c "CREATE EXTENSION transcript" || exit 1
"${PSQL[@]}" -c "\\copy transcripts (name, doc) FROM '$REPO/examples/demo.csv' WITH (FORMAT csv, HEADER)"
if [ -d "$SHARED/corpus/wh" ]; then
	PATH="$TEMP_BIN:$PATH" "$REPO/bin/transcript-load" -q --skip-bad "$SHARED/corpus/wh" 2>/dev/null
fi
"${PSQL[@]}" -c "SELECT transcript_refresh()" >/dev/null
echo "ok - $("${PSQL[@]}" -c "SELECT count(*) FROM transcripts") documents loaded and refreshed"

# 3. Evidence's engine must be able to store Parquet.
if [ "$(timeout 20 node test/duckdb-probe.mjs 2>/dev/null)" != ok ]; then
	skip "DuckDB-Wasm cannot load its Parquet extension (it downloads it from DuckDB's extension site, out of reach here); Evidence cannot store or query source data without it"
fi
for v in topic_timeline speaker_stats press_questions turn_topics transcript_quotes; do
	[ "$("${PSQL[@]}" -c "SELECT to_regclass('$v') IS NOT NULL")" = t ] ||
		skip "the dashboard reads view $v, which this build does not have (the topic views come with topics())"
done

# 4. Build against this database.
export EVIDENCE_SOURCE__transcript__host=$PGHOST EVIDENCE_SOURCE__transcript__port=$PGPORT \
	EVIDENCE_SOURCE__transcript__database=$PGDATABASE EVIDENCE_SOURCE__transcript__user=$PGUSER \
	EVIDENCE_SOURCE__transcript__password=unused
rm -rf .evidence/template/static/data build
timeout 600 npm run sources >"$TMPDIR_TEST/sources.log" 2>&1 || { tail -30 "$TMPDIR_TEST/sources.log"; echo "not ok - npm run sources"; exit 1; }
echo "ok - npm run sources"
timeout 900 npm run build >"$TMPDIR_TEST/build.log" 2>&1 || { tail -30 "$TMPDIR_TEST/build.log"; echo "not ok - npm run build"; exit 1; }
echo "ok - npm run build"

# 5. Serve build/ on localhost.
port=$((40000 + RANDOM % 10000))
node -e '
const http = require("http"), fs = require("fs"), path = require("path");
const root = path.resolve(process.argv[1]);
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
	".wasm": "application/wasm", ".svg": "image/svg+xml", ".png": "image/png", ".parquet": "application/octet-stream" };
http.createServer((req, res) => {
	let p = path.join(root, decodeURIComponent(req.url.split("?")[0]));
	if (!p.startsWith(root)) { res.writeHead(403); return res.end(); }
	if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, "index.html");
	if (!fs.existsSync(p) && fs.existsSync(p + ".html")) p += ".html";
	if (!fs.existsSync(p)) { res.writeHead(404); return res.end(); }
	res.writeHead(200, { "content-type": types[path.extname(p)] || "application/octet-stream" });
	fs.createReadStream(p).pipe(res);
}).listen(Number(process.argv[2]), "127.0.0.1");
' "$DASH/build" "$port" &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.2; done

# 6. What the views say, computed here with psql, for the browser check.
json() { "${PSQL[@]}" -c "$1"; }
cat >"$TMPDIR_TEST/expected.json" <<EOF
{
"topics": $(json "SELECT coalesce(json_agg(json_build_array(month, topic, mentions) ORDER BY month, topic), '[]')
	FROM (SELECT month, topic, sum(mentions) AS mentions FROM topic_timeline
		  WHERE month IS NOT NULL AND topic IN (SELECT topic FROM topic_timeline GROUP BY topic ORDER BY sum(mentions) DESC, topic LIMIT 6)
		  GROUP BY month, topic) t"),
"speakers": $(json "SELECT coalesce(json_agg(json_build_array(speaker, share) ORDER BY words DESC, speaker), '[]')
	FROM (SELECT speaker, words, words::float8 / sum(words) OVER () AS share FROM speaker_stats ORDER BY words DESC, speaker LIMIT 12) s"),
"questions": $(json "WITH q AS (SELECT coalesce(q.outlet, '(outlet not named)') AS outlet, t.topic
		FROM press_questions q JOIN turn_topics t USING (transcript_id, turn_no))
	SELECT coalesce(json_agg(json_build_array(outlet, topic, n) ORDER BY outlet, topic), '[]')
	FROM (SELECT outlet, topic, count(*) AS n FROM q
		  WHERE outlet IN (SELECT outlet FROM q GROUP BY outlet ORDER BY count(*) DESC, outlet LIMIT 8)
		  GROUP BY outlet, topic) x"),
"quotes": $(json "SELECT coalesce(json_agg(quote ORDER BY published DESC NULLS LAST, transcript_id DESC, quote_no), '[]')
	FROM (SELECT * FROM transcript_quotes WHERE kind <> 'scare' AND speaker IS NOT NULL
		  ORDER BY published DESC NULLS LAST, transcript_id DESC, quote_no LIMIT 10) q")
}
EOF

# 7. The browser.
mkdir -p "$REPO/docs"
timeout 300 node test/check.mjs "http://127.0.0.1:$port/" "$TMPDIR_TEST/expected.json" "$REPO/docs/dashboard.png"
st=$?
[ $st -eq 0 ] || fails=$((fails + 1))
finish
