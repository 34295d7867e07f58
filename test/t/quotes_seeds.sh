#!/usr/bin/env bash
# Quotations of the news seeds 001 and 003, and their provenance against the
# transcript seeds 000 and 004: Lavrov's quote in 001 finds its turn in 000;
# Pompeo's quotes in 001 (said at the opening of the talks, transcribed in no
# seed) and 003's quotes (from the Finland meeting) find no source.  Skipped
# when ../shared/seeds is absent.
. "$(dirname "$0")/common.bash"

[ -d "$SHARED/seeds" ] || { echo "skip: no seeds"; exit 77; }
"${PSQL[@]}" -c "CREATE EXTENSION transcript" \
	-c "CREATE TABLE news (name text, body text)" \
	-c "CREATE TABLE docs (name text, doc transcript)" || exit 1
for id in 001 003; do
	files_to_copy "$TMPDIR_TEST/news$id.copy" "$(ls "$SHARED"/seeds/${id}_*.txt)"
	"${PSQL[@]}" -c "\\copy news FROM '$TMPDIR_TEST/news$id.copy'"
done
for id in 000 004; do
	files_to_copy "$TMPDIR_TEST/doc$id.copy" "$(ls "$SHARED"/seeds/${id}_*.txt)"
	"${PSQL[@]}" -c "\\copy docs FROM '$TMPDIR_TEST/doc$id.copy'"
done

S="SET search_path = transcript, public;"
check "001: speakers and cues" "1|Lavrov|told|full
2|Pompeo|said|full
3|Pompeo|added|full" "$("${PSQL[@]}" -c "$S SELECT quote_no, speaker, cue, kind
	FROM news, quotes(body) WHERE name LIKE '001%' ORDER BY quote_no")"
check "003: speakers, cues and kinds" "1|Dmitry Peskov|told|partial
2|Lavrov|said|full
3|Lavrov|said|full
4|Pompeo|called it|partial
5|Lavrov|answering|partial" "$("${PSQL[@]}" -c "$S SELECT quote_no, speaker, cue, kind
	FROM news, quotes(body) WHERE name LIKE '003%' ORDER BY quote_no")"

# provenance: candidates are the transcripts of the same days (000 and 004)
check "provenance of 001 and 003" "001|1|000|1|Sergey Lavrov
001|2|||
001|3|||
003|1|||
003|2|||
003|3|||
003|4|||
003|5|||" "$("${PSQL[@]}" -c "$S
	WITH c AS (SELECT array_agg(doc ORDER BY name) AS docs, array_agg(left(name, 3) ORDER BY name) AS names FROM docs)
	SELECT left(n.name, 3), q.quote_no, c.names[s.candidate], s.turn_no, s.turn_speaker
	FROM news n CROSS JOIN quotes(n.body) q CROSS JOIN c
	LEFT JOIN LATERAL (SELECT * FROM quote_sources(q.quote, q.speaker, c.docs) LIMIT 1) s ON true
	WHERE q.kind <> 'scare' ORDER BY 1, 2")"
finish
