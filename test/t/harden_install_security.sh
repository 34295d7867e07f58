#!/usr/bin/env bash
# The install and update scripts are safe to run in a hostile database, and
# no function of the extension depends on the caller's search_path.
#	static: no CREATE OR REPLACE; every object created is qualified with
#	  @extschema@ (or pg_catalog); every function not written in C pins its
#	  search_path; SECURITY DEFINER only with a pinned search_path that
#	  ends with pg_temp.
#	dynamic: a non-superuser (mallory) plants look-alike functions and
#	  operators in public and in a schema of her own, each of which records
#	  that it ran; the extension is installed (into public, and into its own
#	  schema) with mallory's schema first in the search_path, and every
#	  function, trigger and view is used with that search_path by mallory
#	  and by the superuser.  Nothing of mallory's may run.
#	trusted: the control file says trusted = false; a non-superuser with
#	  CREATE on the database cannot install it (README.md ("Safety") says why).
. "$(dirname "$0")/common.bash"

# roles are cluster-wide: names of our own for this run
MALLORY=mallory_$$ DBOWNER=dbowner_$$

SHARE=$("$TEMP_BIN/pg_config" --sharedir)/extension
scripts=$(ls "$SHARE"/transcript--*.sql)

# --- static checks of every installed script ---
for f in $scripts; do
	n=$(basename "$f")
	check "$n: no CREATE OR REPLACE" "" "$(grep -niE 'create[[:space:]]+or[[:space:]]+replace' "$f")"
	check "$n: every object created is schema-qualified" "" "$(perl -0777 -ne '
		s/--[^\n]*//g; s/\$\$.*?\$\$//gs;
		while (/\bCREATE\s+(?:UNIQUE\s+)?(FUNCTION|TYPE|TABLE|VIEW|MATERIALIZED\s+VIEW|SEQUENCE|DOMAIN|AGGREGATE|OPERATOR(?!\s+CLASS|\s+FAMILY)|OPERATOR\s+CLASS|OPERATOR\s+FAMILY|COLLATION|TEXT\s+SEARCH\s+\w+)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\S+)/gi) {
			my ($k, $name) = ($1, $2);
			print "$k $name\n" unless $name =~ /^(\@extschema\@|pg_catalog)\./;
		}
		while (/\bCREATE\s+(?:UNIQUE\s+)?(?:INDEX|TRIGGER|POLICY|RULE)\b[^;]*?\bON\s+(\S+)/gi) {
			print "ON $1\n" unless $1 =~ /^(\@extschema\@|pg_catalog)\./;
		}' "$f")"
	# (a body in SQL-standard form, RETURN ... or BEGIN ATOMIC ... END, is
	# parsed when the function is created, under the install script's
	# search_path, so it needs no pinned path; a string body is parsed
	# when called or inlined, under the caller's)
	check "$n: every function not in C pins its search_path or has an SQL-standard body" "" "$(perl -0777 -ne '
		s/--[^\n]*\n/\n/g;
		while (/(CREATE\s+FUNCTION\s+(\S+?)\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)(.*?)(?:\$\$.*?\$\$[^;]*;|\bBEGIN\s+ATOMIC\b.*?\bEND\s*;|\bRETURN\b[^;]*;|\x27[^\x27]*\x27[^;]*;))/gis) {
			my ($all, $name, $attrs) = ($1, $2, $3);
			next if $all =~ /LANGUAGE\s+C\b/i;
			next if $all =~ /\bSET\s+search_path\s*(=|TO)\s*[^;\n]*pg_catalog/i;
			next if $all !~ /\$\$/ && $all =~ /\b(RETURN|BEGIN\s+ATOMIC)\b/i;
			print "$name\n";
		}' "$f")"
	check "$n: SECURITY DEFINER only with search_path ending in pg_temp" "" "$(perl -0777 -ne '
		s/--[^\n]*\n/\n/g;
		for my $fn (/(CREATE\s+FUNCTION\s.*?(?:\$\$.*?\$\$)[^;]*;)/gis) {
			next unless $fn =~ /SECURITY\s+DEFINER/i;
			next if $fn =~ /SET\s+search_path\s*(=|TO)\s*[^\n;]*pg_temp\s*$/mi;
			$fn =~ /CREATE\s+FUNCTION\s+(\S+?)\(/i; print "$1\n";
		}' "$f")"
	check "$n: has the \\echo ... \\quit guard" 1 "$(grep -c '^\\echo .*\\quit' "$f")"
done

# --- trusted or not ---
check "transcript.control says trusted = false" "trusted = false" \
	"$(grep -E '^[[:space:]]*trusted' "$REPO/transcript.control" | sed 's/[[:space:]]\+/ /g')"
"${PSQL[@]}" -c "CREATE ROLE $DBOWNER LOGIN" -c "GRANT CREATE ON DATABASE $PGDATABASE TO $DBOWNER" || exit 1
check_error "a non-superuser with CREATE on the database cannot install it" \
	'permission denied to create extension "transcript"' -U $DBOWNER -c "CREATE EXTENSION transcript"

# --- dynamic: look-alikes in public and in mallory's schema ---
# Names the scripts call, and the common built-ins an SQL body might use.
names=$(cat $scripts | perl -ne 's/--.*//; print "$1\n" while /\b([a-z_][a-z0-9_]*)\s*\(/gi' |
	tr 'A-Z' 'a-z' | sort -u | grep -vxE 'create|function|table|type|cast|view|trigger|returns|values|in|on|as|and|or|not|exists|with|primary|key|check|constraint|references|unique|foreign|select|insert|update|delete|into|from|where|when|then|else|end|case|is|null|array|row|language|set|execute|procedure|default|text|integer|int|boolean|bool|date|cstring|internal|record|trigger|jsonb|bigint|double|precision|real|numeric|varchar|bytea|transcript|setof|out|inout|variadic|over|filter|within|group|order|by|partition|if|begin|loop|for|return|declare|perform|raise|notice|exception')
names=$(printf '%s\n' $names lower upper length left right coalesce nullif greatest least format concat \
	array_agg jsonb_agg jsonb_build_object string_agg count sum min max unnest now current_setting \
	regexp_replace replace substr substring position btrim trim md5 | sort -u)
{
	echo "CREATE ROLE $MALLORY LOGIN;"
	echo "GRANT CREATE ON SCHEMA public TO $MALLORY;"
	echo "GRANT CREATE ON DATABASE $PGDATABASE TO $MALLORY;"
	echo "SET ROLE $MALLORY;"
	echo "CREATE SCHEMA evil;"
	echo "CREATE TABLE public.trap_log (what text, who text, su boolean);"
	echo "GRANT ALL ON public.trap_log TO PUBLIC;"
	echo "CREATE FUNCTION public.trap(what text) RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog AS \$t\$ BEGIN
		INSERT INTO public.trap_log SELECT what, current_user, rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user;
		END \$t\$;"
	for s in public evil; do
		for f in $names; do
			for sig in "text" "varchar" "name" "anyelement" "text, text" "varchar, varchar" "anyelement, anyelement" "text, integer" "jsonb" "" "VARIADIC \"any\""; do
				[ -z "$sig" ] && [ "$f" = "now" ] && continue
				ret=text
				[[ "$sig" == *anyelement* ]] && ret=anyelement
				body="SELECT public.trap('$s.$f($sig)'); SELECT NULL::$ret"
				[[ "$sig" == *any\"* ]] && continue
				echo "CREATE FUNCTION $s.\"$f\"($sig) RETURNS $ret LANGUAGE sql AS \$t\$ $body \$t\$;"
			done
		done
		for op in '=' '<>' '<' '>' '||' '~' '~~' '@>'; do
			for ty in text varchar name jsonb boolean integer; do
				fn="op_$(printf '%s' "$op" | od -An -tx1 | tr -d ' \n')_$ty"
				echo "CREATE FUNCTION $s.$fn($ty, $ty) RETURNS boolean LANGUAGE sql AS \$t\$ SELECT public.trap('$s.$op($ty)'); SELECT true \$t\$;"
				echo "CREATE OPERATOR $s.$op (LEFTARG = $ty, RIGHTARG = $ty, FUNCTION = $s.$fn);"
			done
		done
	done
	echo "RESET ROLE;"
} >"$TMPDIR_TEST/lookalikes.sql"
"${PSQL[@]}" -q -o /dev/null -c "SET client_min_messages = error" -f "$TMPDIR_TEST/lookalikes.sql" 2>"$TMPDIR_TEST/lookalikes.err" ||
	{ echo "not ok - planting look-alikes"; head "$TMPDIR_TEST/lookalikes.err"; exit 1; }
echo "# planted $("${PSQL[@]}" -c "SELECT count(*) FROM pg_proc WHERE pronamespace::regnamespace::text IN ('public', 'evil')") look-alike functions and operators"
"${PSQL[@]}" -c "GRANT USAGE ON SCHEMA evil TO PUBLIC" -c "SET ROLE $MALLORY" -c "GRANT USAGE ON SCHEMA evil TO PUBLIC" >/dev/null

HOSTILE="SET search_path = evil, public, pg_catalog"
# exercise SCHEMA: use everything the extension offers, with the hostile path
exercise() {
	local s=$1 role=$2
	local sql="$HOSTILE;
		SELECT pg_catalog.count(*) FROM $s.turns(E'MR SMITH:  \"We agree,\" he said.\n\nQ  Why?'::$s.transcript);
		SELECT pg_catalog.count(*) FROM $s.turns(E'MR SMITH:  Hello.'::text);
		SELECT $s.transcript_meta(E'TITLE: Talks\n\nMR SMITH:  Hi.'::$s.transcript);
		SELECT pg_catalog.count(*) FROM $s.quotes(E'\"We agree,\" Lavrov said.');
		SELECT pg_catalog.count(*) FROM $s.quotes(E'MR SMITH:  Hello.'::$s.transcript);
		SELECT pg_catalog.count(*) FROM $s.quote_sources('We agree', 'Lavrov', ARRAY[E'MR LAVROV:  We agree on that.'::$s.transcript]);
		SELECT 'MR X: hi'::varchar::$s.transcript::text;
		CREATE TEMP TABLE tt (d $s.transcript);
		INSERT INTO tt VALUES (E'MR X:  Hello.');
		COPY tt TO STDOUT (FORMAT binary);"
	# (our own statements name pg_catalog's operators and aggregates: the
	# search_path is hostile to them too)
	if has_relation topic_terms; then
		sql+="
		SELECT $s.topics(E'MR X:  Arms control and Iran.'::$s.transcript);
		SELECT $s.topics('Arms control and Iran'::text);
		SELECT pg_catalog.count(*) FROM $s.topic_hits('Arms control'::text);
		SELECT pg_catalog.count(*) FROM $s.turn_topics(E'MR X:  Arms control.'::$s.transcript);
		SELECT $s.topics('Arms control', $s.topic_dictionary());"
		[ "$role" = postgres ] && sql+="
		INSERT INTO $s.topic_terms (topic, term) VALUES ('trap test', 'look alike');
		UPDATE $s.topic_terms SET term = 'look alikes' WHERE topic OPERATOR(pg_catalog.=) 'trap test';
		UPDATE $s.topic_terms SET inflect = NOT inflect WHERE shipped AND topic OPERATOR(pg_catalog.=) (SELECT pg_catalog.min(topic) FROM $s.topic_terms WHERE shipped);
		SELECT $s.topics('look alikes');
		DELETE FROM $s.topic_terms WHERE topic OPERATOR(pg_catalog.=) 'trap test';
		TRUNCATE $s.topic_terms_removed;"
	fi
	for v in $("${PSQL[@]}" -c "SELECT c.relname FROM pg_class c JOIN pg_depend d ON d.objid = c.oid
			JOIN pg_extension e ON e.oid = d.refobjid WHERE e.extname = 'transcript' AND c.relkind IN ('v', 'm')"); do
		sql+="
		SELECT pg_catalog.count(*) FROM $s.$v;"
	done
	"${PSQL[@]}" -U "$role" -o /dev/null -c "$sql" 2>&1
}

# Squatting: mallory's public.turns(text) and the like make an install into
# public fail (no CREATE OR REPLACE) instead of being taken over.
own=$(cat $scripts | grep -oiE 'CREATE FUNCTION @extschema@\.[a-z_0-9]+' | sed 's/.*\.//' | sort -u)
"${PSQL[@]}" -c "TRUNCATE public.trap_log" >/dev/null
out=$("${PSQL[@]}" -c "$HOSTILE; CREATE EXTENSION transcript SCHEMA public" 2>&1)
check "an install into public over mallory's look-alikes of its own functions is refused" \
	"already exists" "$(grep -o 'already exists' <<<"$out")"
check "... ran nothing of mallory's" "" "$("${PSQL[@]}" -c "SELECT string_agg(DISTINCT what, ', ') FROM public.trap_log")"
for f in $own; do
	"${PSQL[@]}" -c "SET client_min_messages = warning" -c "DO \$\$ DECLARE p regprocedure; BEGIN
		FOR p IN SELECT oid FROM pg_proc WHERE proname = '$f' AND pronamespace = 'public'::regnamespace LOOP
			EXECUTE 'DROP FUNCTION ' || p; END LOOP; END \$\$" >/dev/null
done

# seed SCHEMA: a document in the extension's own table, when it has one, so
# that the views compute something (readable by mallory: they are security
# invoker views)
seed() {
	local s=$1
	has_relation transcripts || return 0
	"${PSQL[@]}" -c "INSERT INTO $s.transcripts (name, doc) VALUES ('seed', E'MR SMITH:  \"We agree,\" he said.\n\nQ  Why?\n\nMR LEE:  Because.')" \
		-c "GRANT SELECT ON ALL TABLES IN SCHEMA $s TO $MALLORY" >/dev/null
}

for target in public transcript; do
	if [ $target = public ]; then
		install="$HOSTILE; CREATE EXTENSION transcript SCHEMA public"
	else
		install="$HOSTILE; CREATE SCHEMA transcript; CREATE EXTENSION transcript SCHEMA transcript"
	fi
	"${PSQL[@]}" -c "TRUNCATE public.trap_log" -c "DROP EXTENSION IF EXISTS transcript CASCADE" >/dev/null
	out=$("${PSQL[@]}" -c "$install" 2>&1)
	check "CREATE EXTENSION into $target with a hostile search_path" "" "$out"
	check "... ran nothing of mallory's" "" "$("${PSQL[@]}" -c "SELECT string_agg(DISTINCT what, ', ') FROM public.trap_log")"
	"${PSQL[@]}" -c "GRANT USAGE ON SCHEMA $target TO $MALLORY" >/dev/null
	seed $target
	for role in postgres $MALLORY; do
		"${PSQL[@]}" -c "TRUNCATE public.trap_log" >/dev/null
		out=$(exercise $target $role)
		check "every function and view, as $role, extension in $target, hostile search_path" "" "$out"
		check "... ran nothing of mallory's" "" \
			"$("${PSQL[@]}" -c "SELECT string_agg(DISTINCT what || ' as ' || who, ', ') FROM public.trap_log")"
	done
	# an update script, when there is one, with the same path
	for f in $(ls "$SHARE"/transcript--*--*.sql 2>/dev/null); do
		from=$(basename "$f" .sql | sed -E 's/^transcript--([^-]+)--.*/\1/')
		[ -e "$SHARE/transcript--$from.sql" ] || continue
		"${PSQL[@]}" -c "TRUNCATE public.trap_log" -c "DROP EXTENSION transcript CASCADE" >/dev/null
		[ $target = transcript ] && "${PSQL[@]}" -c "CREATE SCHEMA IF NOT EXISTS transcript" >/dev/null
		out=$("${PSQL[@]}" -c "$HOSTILE" -c "CREATE EXTENSION transcript SCHEMA $target VERSION '$from'" \
			-c "$HOSTILE" -c "ALTER EXTENSION transcript UPDATE" 2>&1)
		check "update from $from into $target with a hostile search_path" "" "$out"
		check "... ran nothing of mallory's" "" "$("${PSQL[@]}" -c "SELECT string_agg(DISTINCT what, ', ') FROM public.trap_log")"
	done
done

# The trap itself works (so that an empty log means something).
"${PSQL[@]}" -c "TRUNCATE public.trap_log" -c "$HOSTILE; SELECT lower('X'::varchar)" >/dev/null
check "a look-alike does run when a name is left to the search_path" "evil.lower(varchar)" \
	"$("${PSQL[@]}" -c "SELECT string_agg(DISTINCT what, ', ') FROM public.trap_log")"
finish
