#!/usr/bin/env bash
# pg_dump and restore keep the users' changes to topic_terms (added,
# changed, renamed, replaced and deleted terms, a truncated table too) and
# do not duplicate or bring back the shipped terms; a second restore into
# the same state changes nothing.
. "$(dirname "$0")/common.bash"

W=$TMPDIR_TEST/topics_dump
mkdir -p "$W"
DB=$PGDATABASE
R1=${DB}_r1
R2=${DB}_r2
"${PSQL[@]}" -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $R1" -c "DROP DATABASE IF EXISTS $R2" \
	-c "CREATE DATABASE $R1" -c "CREATE DATABASE $R2" || exit 1

"${PSQL[@]}" -c "CREATE EXTENSION transcript" \
	-c "INSERT INTO topic_terms (topic, term, lang, inflect) VALUES ('energy', 'pipeline', 'en', true), ('energy', 'газопровод', 'ru', true)" \
	-c "UPDATE topic_terms SET inflect = false WHERE topic = 'iran' AND term = 'Iranian'" \
	-c "UPDATE topic_terms SET topic = 'latin_america' WHERE topic = 'venezuela' AND term = 'Bolivarian'" \
	-c "INSERT INTO topic_terms (topic, term, case_sensitive) VALUES ('china', 'Beijing', true)" \
	-c "DELETE FROM topic_terms WHERE topic = 'venezuela' AND term = 'Caracas'" || exit 1

state() {	# state DB: the dictionary and the removal records, one line per row
	"${PSQL[@]}" -d "$1" -c "SELECT 't', topic, term, lang, case_sensitive, inflect FROM topic_terms
		UNION ALL SELECT 'r', topic, term, NULL, NULL, NULL FROM topic_terms_removed ORDER BY 1, 2, 3"
}

state "$DB" >"$W/before.txt"
"$TEMP_BIN/pg_dump" -Fc -f "$W/dump" "$DB" || exit 1
"$TEMP_BIN/pg_restore" --exit-on-error -d "$R1" "$W/dump" || { echo "not ok - restore failed"; exit 1; }
state "$R1" >"$W/after.txt"
check "restore gives the same dictionary" "" "$(diff "$W/before.txt" "$W/after.txt")"
check "no duplicate after restore" 0 \
	"$("${PSQL[@]}" -d "$R1" -c "SELECT count(*) - count(DISTINCT (topic, term)) FROM topic_terms")"
check "the dumped data holds only the users' rows" 5 \
	"$("$TEMP_BIN/pg_restore" -a -f - "$W/dump" | awk '/^COPY .*topic_terms /{on=1; next} /^\\\.$/{on=0} on' | wc -l)"
check "the restored database tags with the user's terms" "{energy}" \
	"$("${PSQL[@]}" -d "$R1" -c "SELECT topics('new pipelines and газопроводы')")"
check "a deleted shipped term stays deleted" "{}" \
	"$("${PSQL[@]}" -d "$R1" -c "SELECT topics('Caracas')")"

# plain-text dump restored with psql, as many do
"$TEMP_BIN/pg_dump" -f "$W/dump.sql" "$DB" || exit 1
"${PSQL[@]}" -d "$R2" -f "$W/dump.sql" >/dev/null || { echo "not ok - psql restore failed"; exit 1; }
check "plain-text restore gives the same dictionary" "" "$(diff "$W/before.txt" <(state "$R2"))"

# a truncated dictionary with a few user terms survives a round trip
"${PSQL[@]}" -c "TRUNCATE topic_terms" -c "INSERT INTO topic_terms (topic, term) VALUES ('only', 'this')" || exit 1
state "$DB" >"$W/before2.txt"
"$TEMP_BIN/pg_dump" -Fc -f "$W/dump2" "$DB" || exit 1
"${PSQL[@]}" -d postgres -c "DROP DATABASE $R1" -c "CREATE DATABASE $R1" || exit 1
"$TEMP_BIN/pg_restore" --exit-on-error -d "$R1" "$W/dump2" || { echo "not ok - restore 2 failed"; exit 1; }
check "truncated dictionary restored as it was" "" "$(diff "$W/before2.txt" <(state "$R1"))"
check "only the user's term is left" 1 "$("${PSQL[@]}" -d "$R1" -c "SELECT count(*) FROM topic_terms")"

"${PSQL[@]}" -d postgres -c "DROP DATABASE $R1" -c "DROP DATABASE $R2" >/dev/null
finish
