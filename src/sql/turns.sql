
-- ---------------------------------------------------------------------------
-- Speaker turns and header metadata, read from the stored parse.
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.turns(
	doc @extschema@.transcript,
	OUT turn_no integer,
	OUT speaker_label text,
	OUT speaker text,
	OUT speaker_key text,
	OUT role text,
	OUT addressee text,
	OUT affiliation text,
	OUT interpreted boolean,
	OUT body text,
	OUT char_start integer,
	OUT char_end integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'transcript_turns'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 10 ROWS 40;

COMMENT ON FUNCTION @extschema@.turns(@extschema@.transcript) IS
	'speaker turns of a transcript, in order: label as printed, resolved speaker, identity key, role, addressee, affiliation, interpreter flag, body, 1-based character span';

CREATE FUNCTION @extschema@.turns(
	doc text,
	OUT turn_no integer,
	OUT speaker_label text,
	OUT speaker text,
	OUT speaker_key text,
	OUT role text,
	OUT addressee text,
	OUT affiliation text,
	OUT interpreted boolean,
	OUT body text,
	OUT char_start integer,
	OUT char_end integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'transcript_turns_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 100 ROWS 40;

COMMENT ON FUNCTION @extschema@.turns(text) IS
	'speaker turns of a text, parsed on the fly (store documents as transcript to parse once)';

CREATE FUNCTION @extschema@.transcript_meta(
	doc @extschema@.transcript,
	OUT title text,
	OUT event_date date,
	OUT place text,
	OUT language text,
	OUT principal text,
	OUT turn_count integer)
RETURNS record
AS 'MODULE_PATHNAME', 'transcript_meta'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.transcript_meta(@extschema@.transcript) IS
	'metadata from a transcript''s header block: title, event date, place, language, principal speaker, number of turns';

CREATE FUNCTION @extschema@.transcript_meta(
	doc text,
	OUT title text,
	OUT event_date date,
	OUT place text,
	OUT language text,
	OUT principal text,
	OUT turn_count integer)
RETURNS record
AS 'MODULE_PATHNAME', 'transcript_meta_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 100;

COMMENT ON FUNCTION @extschema@.transcript_meta(text) IS
	'metadata from the header block of a text, parsed on the fly';
