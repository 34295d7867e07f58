
-- ---------------------------------------------------------------------------
-- The transcript type: the original text plus its parse, made once at input.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.transcript;

CREATE FUNCTION @extschema@.transcript_in(cstring)
RETURNS @extschema@.transcript
AS 'MODULE_PATHNAME', 'transcript_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.transcript_out(@extschema@.transcript)
RETURNS cstring
AS 'MODULE_PATHNAME', 'transcript_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.transcript_recv(internal)
RETURNS @extschema@.transcript
AS 'MODULE_PATHNAME', 'transcript_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.transcript_send(@extschema@.transcript)
RETURNS bytea
AS 'MODULE_PATHNAME', 'transcript_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- External storage: large documents move out of line uncompressed.  Reading
-- them back costs half of what lz4 decompression does, and turns() is
-- mostly that read; ALTER COLUMN ... SET STORAGE extended (with COMPRESSION
-- lz4) trades that speed for about 40% less disk (see README, "Storage").
CREATE TYPE @extschema@.transcript (
	INPUT = @extschema@.transcript_in,
	OUTPUT = @extschema@.transcript_out,
	RECEIVE = @extschema@.transcript_recv,
	SEND = @extschema@.transcript_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = external,
	CATEGORY = 'S'
);

COMMENT ON TYPE @extschema@.transcript IS
	'transcript text stored with its parse (speaker turns, header metadata); outputs the original text byte for byte';

CREATE FUNCTION @extschema@.transcript(text)
RETURNS @extschema@.transcript
AS 'MODULE_PATHNAME', 'transcript_from_text_cast'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.text(@extschema@.transcript)
RETURNS text
AS 'MODULE_PATHNAME', 'transcript_to_text_cast'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE CAST (text AS @extschema@.transcript)
	WITH FUNCTION @extschema@.transcript(text) AS ASSIGNMENT;
CREATE CAST (varchar AS @extschema@.transcript)
	WITH FUNCTION @extschema@.transcript(text) AS ASSIGNMENT;
CREATE CAST (@extschema@.transcript AS text)
	WITH FUNCTION @extschema@.text(@extschema@.transcript) AS ASSIGNMENT;
