
-- ---------------------------------------------------------------------------
-- Topic tagging: a dictionary of terms that users extend with plain SQL, and
-- the taggers that read it (src/topics_sql.c, src/core/tr_tagger.c).
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.topic_term_valid(
	topic text, term text, lang text, case_sensitive boolean, inflect boolean)
RETURNS boolean
AS 'MODULE_PATHNAME', 'transcript_topic_term_valid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.topic_term_valid(text, text, text, boolean, boolean) IS
	'true if a topic term can be matched; otherwise an error that says why';

-- shipped: the row came with the extension (the default taxonomy).  Rows
-- written by users are never shipped; pg_dump keeps exactly those.
CREATE TABLE @extschema@.topic_terms (
	topic			text NOT NULL,
	term			text NOT NULL,
	lang			text NOT NULL DEFAULT 'en',
	case_sensitive	boolean NOT NULL DEFAULT false,
	inflect			boolean NOT NULL DEFAULT false,
	shipped			boolean NOT NULL DEFAULT false,
	PRIMARY KEY (topic, term),
	CONSTRAINT topic_terms_term_check
		CHECK (@extschema@.topic_term_valid(topic, term, lang, case_sensitive, inflect))
);

COMMENT ON TABLE @extschema@.topic_terms IS
	'topic dictionary: terms the taggers find, by topic; edit with plain SQL';

-- Shipped terms that users changed, replaced or deleted, so that a restore (which
-- installs the shipped terms again) and an extension update leave them out.
CREATE TABLE @extschema@.topic_terms_removed (
	topic			text NOT NULL,
	term			text NOT NULL,
	PRIMARY KEY (topic, term)
);

COMMENT ON TABLE @extschema@.topic_terms_removed IS
	'shipped topic terms removed by users (kept by pg_dump so that a restore does not bring them back)';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.topic_terms', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.topic_terms_removed', '');

GRANT SELECT ON @extschema@.topic_terms, @extschema@.topic_terms_removed TO PUBLIC;

-- A written row is the user's.  A user's row replaces a shipped row with the
-- same key (as happens when a dump with an edited shipped term is restored).
CREATE FUNCTION @extschema@.topic_terms_before_write()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.shipped := false;
	IF TG_OP = 'INSERT' OR (OLD.topic, OLD.term) IS DISTINCT FROM (NEW.topic, NEW.term) THEN
		DELETE FROM @extschema@.topic_terms
		 WHERE shipped AND topic = NEW.topic AND term = NEW.term;
	END IF;
	RETURN NEW;
END
$$;

-- Changing or deleting a shipped row records its key as removed: the shipped
-- version is gone, and a restore or an update must not bring it back (a
-- changed row is kept as the user's row).
CREATE FUNCTION @extschema@.topic_terms_after_write()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF OLD.shipped THEN
		INSERT INTO @extschema@.topic_terms_removed (topic, term)
			VALUES (OLD.topic, OLD.term);
	END IF;
	RETURN NULL;
END
$$;

-- TRUNCATE removes every shipped row.
CREATE FUNCTION @extschema@.topic_terms_before_truncate()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	INSERT INTO @extschema@.topic_terms_removed (topic, term)
		SELECT topic, term FROM @extschema@.topic_terms WHERE shipped;
	RETURN NULL;
END
$$;

-- A removed key deletes the shipped row; a key already recorded is skipped
-- (so that restoring the dumped list over one rebuilt by triggers succeeds).
CREATE FUNCTION @extschema@.topic_terms_removed_before_insert()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	DELETE FROM @extschema@.topic_terms
	 WHERE shipped AND topic = NEW.topic AND term = NEW.term;
	IF EXISTS (SELECT 1 FROM @extschema@.topic_terms_removed
				WHERE topic = NEW.topic AND term = NEW.term) THEN
		RETURN NULL;
	END IF;
	RETURN NEW;
END
$$;

CREATE FUNCTION @extschema@.topic_terms_invalidate()
RETURNS trigger
AS 'MODULE_PATHNAME', 'transcript_topic_terms_invalidate'
LANGUAGE C;

COMMENT ON FUNCTION @extschema@.topic_terms_invalidate() IS
	'statement trigger: makes every session recompile its topic dictionary';

CREATE TRIGGER topic_terms_before_write
	BEFORE INSERT OR UPDATE ON @extschema@.topic_terms
	FOR EACH ROW EXECUTE FUNCTION @extschema@.topic_terms_before_write();

CREATE TRIGGER topic_terms_after_write
	AFTER UPDATE OR DELETE ON @extschema@.topic_terms
	FOR EACH ROW EXECUTE FUNCTION @extschema@.topic_terms_after_write();

CREATE TRIGGER topic_terms_before_truncate
	BEFORE TRUNCATE ON @extschema@.topic_terms
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.topic_terms_before_truncate();

CREATE TRIGGER topic_terms_invalidate
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.topic_terms
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.topic_terms_invalidate();

CREATE TRIGGER topic_terms_removed_before_insert
	BEFORE INSERT ON @extschema@.topic_terms_removed
	FOR EACH ROW EXECUTE FUNCTION @extschema@.topic_terms_removed_before_insert();

-- The taggers.  Those that read topic_terms are STABLE; those that take the
-- dictionary as an argument are IMMUTABLE (usable in index expressions; the
-- result depends on the ICU version's word breaks, so reindex after an ICU
-- upgrade, as for ICU collations).

CREATE FUNCTION @extschema@.topics(doc text)
RETURNS text[]
AS 'MODULE_PATHNAME', 'transcript_topics'
LANGUAGE C STABLE STRICT PARALLEL SAFE
COST 50;

COMMENT ON FUNCTION @extschema@.topics(text) IS
	'topics of topic_terms found in a text, sorted, without duplicates';

CREATE FUNCTION @extschema@.topic_hits(
	doc text,
	OUT topic text,
	OUT term text,
	OUT matched text,
	OUT char_start integer,
	OUT char_end integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'transcript_topic_hits'
LANGUAGE C STABLE STRICT PARALLEL SAFE
COST 50 ROWS 10;

COMMENT ON FUNCTION @extschema@.topic_hits(text) IS
	'one row per topic hit in a text: topic, term, the text matched, 1-based character span (end exclusive)';

CREATE FUNCTION @extschema@.topics(doc @extschema@.transcript)
RETURNS text[]
AS 'MODULE_PATHNAME', 'transcript_topics_doc'
LANGUAGE C STABLE STRICT PARALLEL SAFE
COST 50;

COMMENT ON FUNCTION @extschema@.topics(@extschema@.transcript) IS
	'topics of topic_terms found in the speaker turns of a transcript';

CREATE FUNCTION @extschema@.topic_hits(
	doc @extschema@.transcript,
	OUT turn_no integer,
	OUT topic text,
	OUT term text,
	OUT matched text,
	OUT char_start integer,
	OUT char_end integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'transcript_topic_hits_doc'
LANGUAGE C STABLE STRICT PARALLEL SAFE
COST 50 ROWS 20;

COMMENT ON FUNCTION @extschema@.topic_hits(@extschema@.transcript) IS
	'one row per topic hit in the turns of a transcript: turn number, topic, term, the text matched, character span in the document';

CREATE FUNCTION @extschema@.turn_topics(
	doc @extschema@.transcript,
	OUT turn_no integer,
	OUT speaker text,
	OUT speaker_key text,
	OUT topic text,
	OUT hits integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'transcript_turn_topics'
LANGUAGE C STABLE STRICT PARALLEL SAFE
COST 50 ROWS 20;

COMMENT ON FUNCTION @extschema@.turn_topics(@extschema@.transcript) IS
	'one row per turn and topic: turn number, speaker, speaker identity key, topic, number of hits';

CREATE FUNCTION @extschema@.topic_dictionary()
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT coalesce(jsonb_agg(jsonb_build_object(
				'topic', topic, 'term', term, 'lang', lang,
				'case_sensitive', case_sensitive, 'inflect', inflect)
			ORDER BY topic, term), '[]'::jsonb)
	  FROM @extschema@.topic_terms
$$;

COMMENT ON FUNCTION @extschema@.topic_dictionary() IS
	'the current topic_terms as a jsonb array, for the IMMUTABLE taggers';

CREATE FUNCTION @extschema@.topics(doc text, dictionary jsonb)
RETURNS text[]
AS 'MODULE_PATHNAME', 'transcript_topics_dict'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 50;

COMMENT ON FUNCTION @extschema@.topics(text, jsonb) IS
	'topics found in a text with the dictionary given (a jsonb array like topic_dictionary() returns); immutable, for index expressions';

CREATE FUNCTION @extschema@.topic_hits(
	doc text,
	dictionary jsonb,
	OUT topic text,
	OUT term text,
	OUT matched text,
	OUT char_start integer,
	OUT char_end integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'transcript_topic_hits_dict'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 50 ROWS 10;

COMMENT ON FUNCTION @extschema@.topic_hits(text, jsonb) IS
	'one row per topic hit in a text with the dictionary given';
