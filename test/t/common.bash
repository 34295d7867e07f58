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
