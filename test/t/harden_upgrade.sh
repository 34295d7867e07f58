#!/usr/bin/env bash
# Upgrades.  (1) Every version whose install script is installed reaches the
# default version through ALTER EXTENSION UPDATE, ends with exactly the
# objects of a fresh install, and keeps the data written before the update.
# (2) Stored values of every storage format version in test/upgrade/
# (stored-vN.tsv, written by a release whose TR_STORE_VERSION was N) still
# read: the same text byte for byte, and the turns kept in the value (N is
# the current version) or the turns of a fresh parse (N is older).
#
# Until the first release, the layout of the current format may still
# change: then delete its test/upgrade/stored-vN.* and run this test to
# write them anew (as after 342bd84, which added cuts to format 1, and
# after format 2 dropped the stored place of cut-free bodies, which the
# text gives).  After a release, a layout
# change needs a new TR_STORE_VERSION, and this test fails without one.
#
# A new format version: run with HARDEN_UPGRADE_WRITE=1 once, before the
# bump, to keep the values of the version being left behind (the test does
# this by itself when the current version has no file yet).
#
# Unless HARDEN_UPGRADE_REHEARSAL=0, it also builds the extension
# with TR_STORE_VERSION one higher, installs it over this one and checks
# that every value of the current version then reads through the re-parse
# path, as it will after the first real bump.
. "$(dirname "$0")/common.bash"

SHARE=$("$TEMP_BIN/pg_config" --sharedir)/extension
DIR=$REPO/test/upgrade
CUR=$(sed -nE 's/^#define[[:space:]]+TR_STORE_VERSION[[:space:]]+([0-9]+).*/\1/p' "$REPO/src/core/tr_store.h")
DEFAULT=$(sed -nE "s/^default_version[[:space:]]*=[[:space:]]*'([^']*)'.*/\1/p" "$REPO/transcript.control")
echo "# default version $DEFAULT, storage format version $CUR"

# objects DB: a description of every object of the extension and its definition
objects() {
	"${PSQL[@]}" -d "$1" -c "
		SELECT pg_describe_object(d.classid, d.objid, d.objsubid) || ' ' ||
			coalesce(CASE d.classid
				WHEN 'pg_proc'::regclass THEN pg_get_functiondef(d.objid)
				WHEN 'pg_class'::regclass THEN (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) ||
						CASE WHEN a.attnotnull THEN ' not null' ELSE '' END, ', ' ORDER BY a.attnum)
					FROM pg_attribute a WHERE a.attrelid = d.objid AND a.attnum > 0 AND NOT a.attisdropped) ||
					coalesce(' ' || pg_get_viewdef(d.objid), '') ||
					coalesce(' ' || (SELECT array_agg(x ORDER BY x)::text FROM unnest((SELECT reloptions FROM pg_class WHERE oid = d.objid)) x), '')
				WHEN 'pg_type'::regclass THEN (SELECT format('%s %s %s %s %s', typinput, typoutput, typreceive, typsend, typstorage) FROM pg_type WHERE oid = d.objid)
				ELSE '' END, '')
		  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND d.refclassid = 'pg_extension'::regclass
		 WHERE e.extname = 'transcript' AND d.deptype = 'e'
		 ORDER BY 1;
		SELECT 'config ' || coalesce(extconfig::regclass[]::text, '') || ' ' || coalesce(extcondition::text, '') FROM pg_extension WHERE extname = 'transcript';
		SELECT 'trigger ' || tgname || ' ' || pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_depend d ON d.objid = t.tgrelid
			JOIN pg_extension e ON e.oid = d.refobjid WHERE e.extname = 'transcript' AND NOT tgisinternal ORDER BY 1;
		SELECT 'acl ' || c.relname || ' ' || coalesce(c.relacl::text, '') FROM pg_class c JOIN pg_depend d ON d.objid = c.oid
			JOIN pg_extension e ON e.oid = d.refobjid WHERE e.extname = 'transcript' ORDER BY 1;"
}

"${PSQL[@]}" -c "CREATE EXTENSION transcript" || exit 1
objects "$PGDATABASE" >"$TMPDIR_TEST/objects.fresh"
check "the installed default version is $DEFAULT" "$DEFAULT" \
	"$("${PSQL[@]}" -c "SELECT extversion FROM pg_extension WHERE extname = 'transcript'")"
check "ALTER EXTENSION UPDATE on the default version changes nothing" "" \
	"$("${PSQL[@]}" -c "ALTER EXTENSION transcript UPDATE" 2>&1 | grep -v 'already installed')"

# --- (1) every earlier version through the update chain ---
versions=$("${PSQL[@]}" -c "SELECT version FROM pg_available_extension_versions WHERE name = 'transcript' ORDER BY 1")
echo "# versions with an install script: $(echo $versions)"
for v in $versions; do
	path=$("${PSQL[@]}" -c "SELECT coalesce(path, '(none)') FROM pg_extension_update_paths('transcript') WHERE source = '$v' AND target = '$DEFAULT'")
	[ "$v" = "$DEFAULT" ] && continue
	check "version $v has an update path to $DEFAULT" "yes" "$([ -n "$path" ] && [ "$path" != '(none)' ] && echo yes || echo "no ($path)")"
	db=${PGDATABASE}_from_$(tr -c 'a-z0-9\n' _ <<<"$v")
	"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
	"${PSQL[@]}" -d "$db" -c "CREATE EXTENSION transcript VERSION '$v'" \
		-c "CREATE TABLE docs (name text, doc transcript)" \
		-c "\\copy docs FROM '$REPO/examples/demo.csv' WITH (FORMAT csv, HEADER)" || { fails=$((fails + 1)); continue; }
	"${PSQL[@]}" -d "$db" -c "CREATE TABLE before AS SELECT name, md5(doc::text) AS text_md5 FROM docs"
	"${PSQL[@]}" -d "$db" -c "ALTER EXTENSION transcript UPDATE"
	check "update from $v along $path" 0 "$?"
	objects "$db" >"$TMPDIR_TEST/objects.$v"
	check "after updating from $v the objects are those of a fresh install" "" \
		"$(diff "$TMPDIR_TEST/objects.fresh" "$TMPDIR_TEST/objects.$v" | head -40)"
	check "documents stored under $v read the same after the update" 0 \
		"$("${PSQL[@]}" -d "$db" -c "SELECT count(*) FROM docs d JOIN before b USING (name) WHERE md5(d.doc::text) <> b.text_md5")"
	check "turns of documents stored under $v are those of a fresh parse" 0 \
		"$("${PSQL[@]}" -d "$db" -c "SELECT count(*) FROM docs d WHERE
			(SELECT array_agg(t ORDER BY turn_no) FROM turns(d.doc) t) IS DISTINCT FROM
			(SELECT array_agg(t ORDER BY turn_no) FROM turns(d.doc::text) t)")"
	"${PSQL[@]}" -d postgres -c "DROP DATABASE $db" >/dev/null
done

# --- (2) stored values of every format version ---
if [ "$(printf '\1\0' | od -An -tu2 | tr -d ' ')" != 1 ]; then
	echo "# a big-endian host: the kept values (little-endian) are not tried"
	finish
fi
"${PSQL[@]}" -c "CREATE CAST (bytea AS transcript) WITHOUT FUNCTION" \
	-c "CREATE CAST (transcript AS bytea) WITHOUT FUNCTION" \
	-c "CREATE TABLE ex (name text, doc transcript)" \
	-c "\\copy ex FROM '$REPO/examples/demo.csv' WITH (FORMAT csv, HEADER)" || exit 1
TURNS="turn_no, speaker_label, speaker, speaker_key, role, addressee, affiliation, interpreted, body, char_start, char_end"
if [ "${HARDEN_UPGRADE_WRITE:-0}" = 1 ] || [ ! -e "$DIR/stored-v$CUR.tsv" ]; then
	"${PSQL[@]}" -F $'\t' -c "SELECT name, md5(doc::text), encode(doc::bytea, 'hex') FROM ex ORDER BY name" >"$DIR/stored-v$CUR.tsv"
	"${PSQL[@]}" -F $'\t' -c "SELECT name, $TURNS FROM ex, turns(doc) ORDER BY name, turn_no" >"$DIR/stored-v$CUR.turns"
	echo "# wrote $DIR/stored-v$CUR.tsv and stored-v$CUR.turns: commit them"
fi
for f in "$DIR"/stored-v*.tsv; do
	n=$(basename "$f" .tsv | sed 's/stored-v//')
	"${PSQL[@]}" -c "DROP TABLE IF EXISTS kept" -c "CREATE TABLE kept (name text, text_md5 text, hex text)" \
		-c "\\copy kept FROM '$f'" || { fails=$((fails + 1)); continue; }
	check "format $n: every kept value reads back its text byte for byte" 0 \
		"$("${PSQL[@]}" -c "SELECT count(*) FROM kept k WHERE md5(decode(k.hex, 'hex')::transcript::text) <> k.text_md5")"
	if [ "$n" = "$CUR" ]; then
		"${PSQL[@]}" -F $'\t' -c "SELECT name, $TURNS FROM kept, turns(decode(hex, 'hex')::transcript) ORDER BY name, turn_no" \
			>"$TMPDIR_TEST/kept.turns"
		check "format $n (current): turns are those kept in the value" "" \
			"$(diff "${f%.tsv}.turns" "$TMPDIR_TEST/kept.turns" | head -20)"
	else
		check "format $n (older): turns are those of a fresh parse of the text" 0 \
			"$("${PSQL[@]}" -c "SELECT count(*) FROM kept k WHERE
				(SELECT array_agg(t ORDER BY turn_no) FROM turns(decode(k.hex, 'hex')::transcript) t) IS DISTINCT FROM
				(SELECT array_agg(t ORDER BY turn_no) FROM turns(decode(k.hex, 'hex')::transcript::text) t)")"
	fi
	check "format $n: quotes and metadata read" 0 \
		"$("${PSQL[@]}" -c "SELECT count(*) FROM kept k WHERE (SELECT count(*) FROM quotes(decode(k.hex, 'hex')::transcript)) < 0
			OR transcript_meta(decode(k.hex, 'hex')::transcript) IS NULL" 2>&1)"
done
# a version from the future is refused, not misread
next=$(printf '%04x' $((CUR + 1)) | sed -E 's/(..)(..)/\2\1/')
check_error "a value of format version $((CUR + 1)) is refused" "unsupported transcript storage format version $((CUR + 1))" \
	-c "SELECT count(*) FROM ex, turns(overlay(doc::bytea placing '\\x$next'::bytea from 1 for 2)::transcript)"

# --- rehearsal of the first format bump ---
# install_so FILE: a new file in place (running backends keep the old one)
install_so() {
	local lib
	lib=$("$TEMP_BIN/pg_config" --pkglibdir)
	cp "$1" "$lib/transcript.so.new" && mv "$lib/transcript.so.new" "$lib/transcript.so"
}
if [ "${HARDEN_UPGRADE_REHEARSAL:-1}" = 1 ]; then
	B=$TMPDIR_TEST/bump
	rm -rf "$B"; mkdir -p "$B"
	(cd "$REPO" && git ls-files -z | xargs -0 cp --parents -t "$B") 2>/dev/null || cp -a "$REPO"/. "$B"
	sed -i -E "s/^#define[[:space:]]+TR_STORE_VERSION[[:space:]]+[0-9]+/#define TR_STORE_VERSION $((CUR + 1))/" "$B/src/core/tr_store.h"
	make -C "$B" -s clean >/dev/null 2>&1
	# -O0: the rehearsal tests the logic, not the speed, and builds faster
	if make -C "$B" -s -j"$(nproc)" COPT=-O0 PG_CONFIG="${PG_CONFIG_SYS:-/usr/lib/postgresql/15/bin/pg_config}" >"$B/build.log" 2>&1 &&
		install_so "$B/transcript.so"; then
		"${PSQL[@]}" -c "CREATE TABLE v_now AS SELECT name, doc FROM ex" >/dev/null
		check "rehearsal: values of format $CUR read by a build of format $((CUR + 1)), through the re-parse" 0 \
			"$("${PSQL[@]}" -c "SELECT count(*) FROM v_now k WHERE
				(SELECT array_agg(t ORDER BY turn_no) FROM turns(k.doc) t) IS DISTINCT FROM
				(SELECT array_agg(t ORDER BY turn_no) FROM turns(k.doc::text) t)
				OR (SELECT array_agg(q ORDER BY quote_no) FROM quotes(k.doc) q) IS DISTINCT FROM
				(SELECT array_agg(q ORDER BY quote_no) FROM quotes(k.doc::text::transcript) q)")"
		check "rehearsal: new values carry format $((CUR + 1))" "$((CUR + 1))" \
			"$("${PSQL[@]}" -c "SELECT get_byte(d::bytea, 0) + 256 * get_byte(d::bytea, 1) FROM (SELECT 'MR X: hi'::transcript d) s")"
		# put the real build back
		install_so "$REPO/transcript.so"
	else
		echo "not ok - rehearsal build failed"; tail "$B/build.log"; fails=$((fails + 1))
	fi
fi
finish
