#!/usr/bin/env bash
# A database whose encoding is not UTF8 refuses transcripts with a clear
# error instead of giving wrong character positions.
. "$(dirname "$0")/common.bash"

"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS t_latin1" \
	-c "CREATE DATABASE t_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" || exit 1
check_error "input in a LATIN1 database" 'transcript requires a database with UTF8 encoding' \
	-d t_latin1 -c "CREATE EXTENSION transcript" -c "SELECT 'MR X: hi'::transcript"
"${PSQL[@]}" -d postgres -c "DROP DATABASE t_latin1"
finish
