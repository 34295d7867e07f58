
-- ---------------------------------------------------------------------------
-- The transcripts table: one row per document, loaded with COPY.
--
-- A configuration table of the extension (pg_extension_config_dump): pg_dump
-- keeps its rows, and DROP EXTENSION drops it with them.
-- ---------------------------------------------------------------------------

CREATE TABLE @extschema@.transcripts (
	id bigint GENERATED ALWAYS AS IDENTITY,
	name text,
	source text,
	kind text,
	url text,
	title text,
	published date,
	language text,
	doc @extschema@.transcript NOT NULL,
	extra jsonb NOT NULL DEFAULT '{}'::jsonb,
	loaded_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	CONSTRAINT transcripts_pkey PRIMARY KEY (id),
	CONSTRAINT transcripts_name_key UNIQUE (name),
	CONSTRAINT transcripts_extra_check CHECK (pg_catalog.jsonb_typeof(extra) = 'object')
);

CREATE INDEX transcripts_published_idx ON @extschema@.transcripts (published);
CREATE INDEX transcripts_source_idx ON @extschema@.transcripts (source, published);

COMMENT ON TABLE @extschema@.transcripts IS
	'one row per document: the transcript and its metadata; load with COPY (see README, "Loading"); pg_dump keeps its rows';
COMMENT ON COLUMN @extschema@.transcripts.id IS
	'document key, assigned on insert';
COMMENT ON COLUMN @extschema@.transcripts.name IS
	'unique name of the document, such as its file name or the publisher''s identifier (optional)';
COMMENT ON COLUMN @extschema@.transcripts.source IS
	'publisher or collection: ''White House'', ''State Department'', a site''s host name';
COMMENT ON COLUMN @extschema@.transcripts.kind IS
	'kind of document as the publisher files it: press briefing, remarks, interview, news article';
COMMENT ON COLUMN @extschema@.transcripts.url IS
	'where the document was published';
COMMENT ON COLUMN @extschema@.transcripts.title IS
	'title; from the document''s header when not given';
COMMENT ON COLUMN @extschema@.transcripts.published IS
	'publication or event date; from the document''s header when not given';
COMMENT ON COLUMN @extschema@.transcripts.language IS
	'language code (''en'', ''ru''); from the document when not given';
COMMENT ON COLUMN @extschema@.transcripts.doc IS
	'the document, parsed on input: turns(doc), transcript_meta(doc); doc::text is the original text';
COMMENT ON COLUMN @extschema@.transcripts.extra IS
	'any other metadata as a JSON object, such as every key of a file''s YAML front matter';
COMMENT ON COLUMN @extschema@.transcripts.loaded_at IS
	'when the row was inserted';

-- Title, date and language default to what the document's header says, so
-- that a COPY of bare documents still gives every view a date and a title.
CREATE FUNCTION @extschema@.transcripts_fill_defaults()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	m record;
BEGIN
	IF NEW.title IS NULL OR NEW.published IS NULL OR NEW.language IS NULL THEN
		m := @extschema@.transcript_meta(NEW.doc);
		NEW.title := coalesce(NEW.title, m.title);
		NEW.published := coalesce(NEW.published, m.event_date);
		NEW.language := coalesce(NEW.language, m.language);
	END IF;
	RETURN NEW;
END
$$;

COMMENT ON FUNCTION @extschema@.transcripts_fill_defaults() IS
	'trigger on transcripts: fills a missing title, published date or language from the document''s header';

CREATE TRIGGER transcripts_fill_defaults
	BEFORE INSERT OR UPDATE OF doc, title, published, language ON @extschema@.transcripts
	FOR EACH ROW EXECUTE FUNCTION @extschema@.transcripts_fill_defaults();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.transcripts', '');
SELECT pg_catalog.pg_extension_config_dump(
	pg_catalog.pg_get_serial_sequence('@extschema@.transcripts', 'id')::pg_catalog.regclass, '');

-- ---------------------------------------------------------------------------
-- Loading aid: which staged values would fail, and why, without failing.
-- ---------------------------------------------------------------------------

-- PostgreSQL 16 has pg_input_error_info(); this is the same idea for 15.
-- Each call runs the type's input function in a subtransaction, so it is
-- for checking a staging table, not for hot paths.
CREATE FUNCTION @extschema@.input_error(value text, type pg_catalog.regtype)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF value IS NULL THEN
		RETURN NULL;
	END IF;
	EXECUTE format('SELECT $1::%s', type) USING value;
	RETURN NULL;
EXCEPTION
	WHEN data_exception OR program_limit_exceeded THEN
		RETURN SQLERRM;
END
$$;

COMMENT ON FUNCTION @extschema@.input_error(text, pg_catalog.regtype) IS
	'NULL if value is valid input for the type, else the error message: input_error(doc, ''transcript''), input_error(published, ''date'')';
