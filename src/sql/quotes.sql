
-- ---------------------------------------------------------------------------
-- Direct quotations and their speakers; quote provenance.
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.quotes(
	doc text,
	OUT quote_no integer,
	OUT quote text,
	OUT speaker text,
	OUT speaker_key text,
	OUT cue text,
	OUT kind text,
	OUT char_start integer,
	OUT char_end integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'transcript_quotes_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 10 ROWS 10;

COMMENT ON FUNCTION @extschema@.quotes(text) IS
	'direct quotations of a news text, in order: the words, speaker as named, identity key, cue, kind (full, partial, multi, scare), 1-based character span';

CREATE FUNCTION @extschema@.quotes(
	doc @extschema@.transcript,
	OUT quote_no integer,
	OUT quote text,
	OUT speaker text,
	OUT speaker_key text,
	OUT cue text,
	OUT kind text,
	OUT char_start integer,
	OUT char_end integer,
	OUT turn_no integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'transcript_quotes_doc'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 10 ROWS 10;

COMMENT ON FUNCTION @extschema@.quotes(@extschema@.transcript) IS
	'quotations inside the turns of a transcript (a turn''s own words are not quotations), with the turn they occur in';

CREATE FUNCTION @extschema@.quote_sources(
	quote text,
	speaker text,
	candidates @extschema@.transcript[],
	min_score double precision DEFAULT 0.4,
	OUT candidate integer,
	OUT turn_no integer,
	OUT score double precision,
	OUT turn_speaker text,
	OUT passage_start integer,
	OUT passage_end integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'transcript_quote_sources'
LANGUAGE C IMMUTABLE PARALLEL SAFE
COST 100 ROWS 3;

COMMENT ON FUNCTION @extschema@.quote_sources(text, text, @extschema@.transcript[], double precision) IS
	'turns of the candidate transcripts a quotation may come from, best first: candidate is the 1-based array position; score in [0, 1], 0.4 and above reads as a source; passage is the best-matching character span of the candidate''s text';
