#!/usr/bin/env bash
# Row-level security through the views.  Two roles under a policy on
# transcripts: 'desk_wh' may see only the White House documents, 'desk_all'
# every document.  No view (and no derived table) shows desk_wh a row of a
# hidden document, before a refresh (rows computed on the fly) or after
# (rows read from the derived tables); a role without privileges on
# transcripts sees nothing through the views.
. "$(dirname "$0")/common.bash"
export PGOPTIONS="-c client_min_messages=warning"

"${PSQL[@]}" -c "CREATE EXTENSION transcript" || exit 1
"${PSQL[@]}" -c "\\copy transcripts (name, doc) FROM '$REPO/examples/demo.csv' WITH (FORMAT csv, HEADER)"
"${PSQL[@]}" <<'SQL' || exit 1
UPDATE transcripts SET source = CASE WHEN name LIKE 'wh-%' THEN 'White House' ELSE 'other' END;
-- Another document by a White House speaker, hidden from desk_wh, so that
-- speaker_stats would differ if hidden rows leaked into it.
INSERT INTO transcripts (name, source, published, doc) VALUES
	('hidden', 'other', '2026-01-01', E'MS. WHITFIELD: A hidden remark, "quoted here," she said.\n\nQ    Any news from Ottawa?\n\nMS. WHITFIELD: None.');
DO $$
BEGIN
	DROP ROLE IF EXISTS desk_wh;
	DROP ROLE IF EXISTS desk_all;
	DROP ROLE IF EXISTS nobody;
END
$$;
CREATE ROLE desk_wh;
CREATE ROLE desk_all;
CREATE ROLE nobody;
ALTER TABLE transcripts ENABLE ROW LEVEL SECURITY;
CREATE POLICY wh_only ON transcripts FOR SELECT TO desk_wh USING (source = 'White House');
CREATE POLICY everything ON transcripts FOR SELECT TO desk_all USING (true);
SQL

# What the views need: SELECT on transcripts and on the tables the views
# read (the derived tables, and the topic dictionary where topics exist).
views=$("${PSQL[@]}" -c "SELECT string_agg(c.relname, ' ' ORDER BY c.relname)
	FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
	WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'transcript') AND c.relkind = 'v'")
tables=$("${PSQL[@]}" -c "SELECT string_agg(c.relname, ', ' ORDER BY c.relname)
	FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
	WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'transcript') AND c.relkind = 'r'")
"${PSQL[@]}" -c "GRANT SELECT ON $tables TO desk_wh, desk_all" \
	-c "GRANT SELECT ON $(sed 's/ /, /g' <<<"$views") TO desk_wh, desk_all, nobody" \
	-c "GRANT SELECT ON $(sed 's/transcripts, //; s/, transcripts$//' <<<"$tables") TO nobody" || exit 1
echo "views: $views"

as() {	# as ROLE SQL: one value, as that role
	"${PSQL[@]}" -c "SET ROLE $1" -c "$2" 2>&1
}

hidden_ids=$("${PSQL[@]}" -c "SELECT string_agg(id::text, ',') FROM transcripts WHERE source <> 'White House'")
all_ids=$("${PSQL[@]}" -c "SELECT string_agg(id::text, ',' ORDER BY id) FROM transcripts")
wh_ids=$("${PSQL[@]}" -c "SELECT string_agg(id::text, ',' ORDER BY id) FROM transcripts WHERE source = 'White House'")

run_checks() {	# run_checks STATE
	local state=$1 v
	check "$state: desk_wh sees only the White House rows of transcripts" "$wh_ids" \
		"$(as desk_wh "SELECT string_agg(id::text, ',' ORDER BY id) FROM transcripts")"
	for v in $views; do
		if "${PSQL[@]}" -c "SELECT 1 FROM pg_attribute WHERE attrelid = '$v'::regclass AND attname = 'transcript_id'" | grep -q 1; then
			check "$state: $v shows desk_wh no row of a hidden document" 0 \
				"$(as desk_wh "SELECT count(*) FROM $v WHERE transcript_id IN ($hidden_ids)")"
			check "$state: $v shows desk_wh every row of the visible ones" \
				"$("${PSQL[@]}" -c "SELECT count(*) FROM $v WHERE transcript_id IN ($wh_ids)")" \
				"$(as desk_wh "SELECT count(*) FROM $v")"
			check "$state: $v shows desk_all every row" \
				"$("${PSQL[@]}" -c "SELECT count(*) FROM $v")" \
				"$(as desk_all "SELECT count(*) FROM $v")"
		fi
		check "$state: $v is refused to a role without privileges on transcripts" 1 \
			"$(as nobody "SELECT count(*) FROM $v" | grep -c 'permission denied for table transcripts')"
	done
	# Aggregates count only visible rows.
	check "$state: speaker_stats counts desk_wh's rows only" \
		"$("${PSQL[@]}" -c "SELECT string_agg(speaker_key || ':' || n || ':' || w, ',' ORDER BY speaker_key)
			FROM (SELECT speaker_key, count(*) n, sum(words) w FROM transcript_turns
				  WHERE transcript_id IN ($wh_ids) AND speaker_key IS NOT NULL GROUP BY 1) s")" \
		"$(as desk_wh "SELECT string_agg(speaker_key || ':' || turns || ':' || words, ',' ORDER BY speaker_key) FROM speaker_stats")"
	if [[ " $views " == *" topic_timeline "* ]]; then
		check "$state: topic_timeline counts desk_wh's rows only" \
			"$("${PSQL[@]}" -c "SELECT coalesce(sum(hits), 0) FROM turn_topics WHERE transcript_id IN ($wh_ids)")" \
			"$(as desk_wh "SELECT coalesce(sum(mentions), 0) FROM topic_timeline")"
	fi
	# The derived tables themselves: their policy follows transcripts.
	for t in $(tr -d ',' <<<"$tables"); do
		[[ $t == derived_* ]] || continue
		check "$state: $t shows desk_wh no row of a hidden document" 0 \
			"$(as desk_wh "SELECT count(*) FROM $t WHERE transcript_id IN ($hidden_ids)")"
		check "$state: $t is refused to a role without privileges on transcripts" 1 \
			"$(as nobody "SELECT count(*) FROM $t" | grep -c 'permission denied for table transcripts')"
	done
}

run_checks "before refresh"
check "the roles may not refresh (EXECUTE is revoked from PUBLIC)" 1 \
	"$(as desk_all "SELECT transcript_refresh()" | grep -c 'permission denied for function transcript_refresh')"
check "the owner's refresh computes every document, hidden ones too" "$(tr ',' '\n' <<<"$all_ids" | wc -l)" \
	"$("${PSQL[@]}" -c "SELECT transcript_refresh()")"
check "desk_wh sees its own documents as refreshed" 0 "$(as desk_wh "SELECT transcript_refresh_pending()")"
run_checks "after refresh"

# Half and half: one hidden and one visible document changed since.
"${PSQL[@]}" -c "UPDATE transcripts SET doc = doc::text || E'\n' WHERE name IN ('hidden', 'wh-briefing')"
run_checks "partly refreshed"

# The derived tables cannot be written by the roles, even when granted.
"${PSQL[@]}" -c "GRANT INSERT, DELETE ON derived_turns TO desk_all"
check "RLS stops writes to the derived tables" 1 \
	"$(as desk_all "INSERT INTO derived_turns (transcript_id, turn_no, role, interpreted, words, char_start, char_end) VALUES (1, 999, 'x', false, 0, 1, 1)" | grep -c 'violates row-level security policy')"

# A control: were a view to run as its owner, the checks above would see
# the leak.
"${PSQL[@]}" -c "ALTER VIEW transcript_turns SET (security_invoker = false)"
check "control: a view without security_invoker leaks hidden rows" 1 \
	"$(as desk_wh "SELECT count(*) > 0 FROM transcript_turns WHERE transcript_id IN ($hidden_ids)" | grep -c '^t$')"
"${PSQL[@]}" -c "ALTER VIEW transcript_turns SET (security_invoker = true)"

"${PSQL[@]}" -c "DROP OWNED BY desk_wh, desk_all, nobody" -c "DROP ROLE desk_wh, desk_all, nobody"
finish
