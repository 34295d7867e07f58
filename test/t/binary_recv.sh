#!/usr/bin/env bash
# Binary input is checked as strictly as text input: bad format versions,
# truncated and over-long values and invalid UTF-8 give clear errors.
. "$(dirname "$0")/common.bash"

"${PSQL[@]}" -c "CREATE EXTENSION transcript" -c "CREATE TABLE b (doc transcript)" || exit 1

# bincopy FILE FIELD_HEX: a binary COPY file with one row of one field.
bincopy() {
	local file=$1 hex=$2 len=$(( ${#2} / 2 ))
	{
		printf 'PGCOPY\n\377\r\n\0'
		printf '\0\0\0\0\0\0\0\0'
		printf '\0\001'
		printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $((len >> 24 & 255)) $((len >> 16 & 255)) $((len >> 8 & 255)) $((len & 255)))"
		printf "$(sed 's/../\\x&/g' <<<"$hex")"
		printf '\377\377'
	} >"$file"
}
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }

text="Q  Hello?"
good="01$(printf '%08x' ${#text})$(hex "$text")"
bincopy "$TMPDIR_TEST/good.bin" "$good"
"${PSQL[@]}" -c "\\copy b FROM '$TMPDIR_TEST/good.bin' WITH (FORMAT binary)"
check "a well-formed binary value loads" "$text" "$("${PSQL[@]}" -c "SELECT doc FROM b")"

bincopy "$TMPDIR_TEST/v9.bin" "09$(printf '%08x' ${#text})$(hex "$text")"
check_error "bad format version" 'unsupported binary transcript format version 9' \
	-c "\\copy b FROM '$TMPDIR_TEST/v9.bin' WITH (FORMAT binary)"

bincopy "$TMPDIR_TEST/short.bin" "01$(printf '%08x' 100)$(hex "$text")"
check_error "truncated value" 'truncated binary transcript value' \
	-c "\\copy b FROM '$TMPDIR_TEST/short.bin' WITH (FORMAT binary)"

bincopy "$TMPDIR_TEST/long.bin" "01$(printf '%08x' 3)$(hex "$text")"
check_error "value longer than it declares" 'malformed binary transcript value' \
	-c "\\copy b FROM '$TMPDIR_TEST/long.bin' WITH (FORMAT binary)"

bincopy "$TMPDIR_TEST/tiny.bin" "01"
check_error "value too short for its header" 'truncated binary transcript value' \
	-c "\\copy b FROM '$TMPDIR_TEST/tiny.bin' WITH (FORMAT binary)"

bincopy "$TMPDIR_TEST/utf8.bin" "0100000004$(hex "ab")fffe"
check_error "invalid UTF-8" 'invalid byte sequence for encoding "UTF8"' \
	-c "\\copy b FROM '$TMPDIR_TEST/utf8.bin' WITH (FORMAT binary)"

bincopy "$TMPDIR_TEST/nul.bin" "0100000003610062"
check_error "NUL byte" 'NUL|0x00' \
	-c "\\copy b FROM '$TMPDIR_TEST/nul.bin' WITH (FORMAT binary)"

check "only the good value was stored" 1 "$("${PSQL[@]}" -c "SELECT count(*) FROM b")"
finish
