#!/usr/bin/env bash
# The seed transcripts 000, 002 and 004, turn by turn, exactly as a careful
# reader wrote them down in test/seeds/expected_*.tsv.  Skipped when
# ../shared/seeds is absent.
. "$(dirname "$0")/common.bash"

[ -d "$SHARED/seeds" ] || { echo "skip: no seeds"; exit 77; }
"${PSQL[@]}" -c "CREATE EXTENSION transcript" -c "CREATE TABLE seeds (name text, doc transcript)" || exit 1
for id in 000 002 004; do
	f=$(ls "$SHARED"/seeds/${id}_*.txt)
	files_to_copy "$TMPDIR_TEST/seed$id.copy" "$f"
	"${PSQL[@]}" -c "\\copy seeds FROM '$TMPDIR_TEST/seed$id.copy'"
	"${PSQL[@]}" -F $'\t' -c "SELECT turn_no, speaker_label, speaker, speaker_key, role, addressee,
			affiliation, interpreted, left(body, 60)
		FROM seeds, turns(doc) WHERE name LIKE '${id}%' ORDER BY turn_no" >"$TMPDIR_TEST/seed$id.tsv"
	if diff -u "$REPO/test/seeds/expected_$id.tsv" "$TMPDIR_TEST/seed$id.tsv"; then
		echo "ok - seed $id turn by turn"
	else
		echo "not ok - seed $id turn by turn"; fails=$((fails + 1))
	fi
done

# Site furniture and footnotes are in no turn's body.
check "no furniture in any body" 0 "$("${PSQL[@]}" -c "SELECT count(*) FROM seeds, turns(doc)
	WHERE body ~ '(Additional materials|Advanced settings|de-DE1|\[i\])'")"
finish
