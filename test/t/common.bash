# Helpers for scripted tests (sourced).  The harness sets PGHOST, PGPORT,
# PGUSER, PGDATABASE (a fresh database), TEMP_BIN, REPO and TMPDIR_TEST.
set -uo pipefail
PSQL=("$TEMP_BIN/psql" -qAtX -v ON_ERROR_STOP=1)
SHARED=${SHARED:-$REPO/../shared}
fails=0

# check NAME EXPECTED ACTUAL
check() {
	if [ "$2" == "$3" ]; then
		echo "ok - $1"
	else
		echo "not ok - $1"
		echo "  expected: $2"
		echo "  actual:   $3"
		fails=$((fails + 1))
	fi
}

# check_error NAME PATTERN SQL...: the statement must fail with a message
# matching PATTERN (grep -E), and the server must still answer.
check_error() {
	local name=$1 pattern=$2; shift 2
	local out
	out=$("${PSQL[@]}" "$@" 2>&1)
	if [ $? -ne 0 ] && grep -qE "$pattern" <<<"$out"; then
		echo "ok - $name"
	else
		echo "not ok - $name"; echo "  output: $out"; fails=$((fails + 1))
	fi
	"${PSQL[@]}" -c "SELECT 1" >/dev/null || { echo "not ok - server gone after $name"; exit 1; }
}

finish() { [ $fails -eq 0 ] && exit 0 || exit 1; }

# files_to_copy OUT FILE...: each file as one row 'name<TAB>text' in COPY
# text format (backslash, tab, newline and CR escaped).
files_to_copy() {
	local out=$1; shift
	printf '%s\n' "$@" |
		perl -ne 'chomp; my $f = $_; open(my $fh, "<", $f) or die "$f: $!"; local $/; my $t = <$fh>; $t =~ s/\0//g;	# text cannot hold NUL
			$t =~ s/\\/\\\\/g; $t =~ s/\t/\\t/g; $t =~ s/\n/\\n/g; $t =~ s/\r/\\r/g;
			(my $n = $f) =~ s{.*/}{}; print "$n\t$t\n";' >"$out"
}

# --- helpers of the hardening tests (test/t/harden_*.sh) ---

# has_function NAME: the extension (installed in this database) has it.
has_function() {
	[ "$("${PSQL[@]}" -c "SELECT count(*) FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid
		JOIN pg_extension e ON e.oid = d.refobjid WHERE e.extname = 'transcript' AND p.proname = '$1'")" != 0 ]
}

# has_relation NAME: the extension has a table or view of that name.
has_relation() {
	[ "$("${PSQL[@]}" -c "SELECT count(*) FROM pg_class c JOIN pg_depend d ON d.objid = c.oid
		JOIN pg_extension e ON e.oid = d.refobjid WHERE e.extname = 'transcript' AND c.relname = '$1'")" != 0 ]
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# check_le NAME LIMIT VALUE: VALUE (an integer) must not exceed LIMIT.
check_le() {
	if [ "$3" -le "$2" ]; then
		echo "ok - $1 ($3 <= $2)"
	else
		echo "not ok - $1 ($3 > $2)"; fails=$((fails + 1))
	fi
}
