
-- ---------------------------------------------------------------------------
-- Views for psql and BI dashboards, and the stored derived tables that make
-- them fast.
--
-- Every view reads the transcripts table as the querying user (security
-- invoker), so its privileges and row-level security apply.  Each view has
-- two branches: rows precomputed by transcript_refresh() for documents that
-- have not changed since, and rows computed on the fly for the others.  So
-- the views are always current; transcript_refresh() only makes them fast.
-- ---------------------------------------------------------------------------

-- Words of a turn body as turns() writes it: words separated by one space
-- (two after a full stop), paragraphs by one blank line.  Counting
-- separators with replace() is four times as fast as regexp_count(); lone
-- dashes (' — ', ' - ') are not words.  Runs of three or more blanks, which
-- turns() does not write, would count extra words.
CREATE FUNCTION @extschema@.body_words(body text)
RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE WHEN body = '' THEN 0 ELSE
	1 + (pg_catalog.octet_length(body) - pg_catalog.octet_length(pg_catalog.replace(body, ' ', '')))
	  - (pg_catalog.octet_length(body) - pg_catalog.octet_length(pg_catalog.replace(body, '  ', ''))) / 2
	  + (pg_catalog.octet_length(body) - pg_catalog.octet_length(pg_catalog.replace(body, E'\n\n', ''))) / 2
	  - (pg_catalog.octet_length(body) - pg_catalog.octet_length(pg_catalog.replace(body, ' — ', ''))) / 5
	  - (pg_catalog.octet_length(body) - pg_catalog.octet_length(pg_catalog.replace(body, ' – ', ''))) / 5
	  - (pg_catalog.octet_length(body) - pg_catalog.octet_length(pg_catalog.replace(body, ' -- ', ''))) / 4
	  - (pg_catalog.octet_length(body) - pg_catalog.octet_length(pg_catalog.replace(body, ' - ', ''))) / 3
END;

COMMENT ON FUNCTION @extschema@.body_words(text) IS
	'number of words of a turn body as turns() writes it (one or two spaces between words, a blank line between paragraphs; lone dashes are not words)';

-- One row per turn with everything the views need: turns() plus the number
-- of words and, for a question, the first later turn by someone who is
-- neither a questioner nor the moderator (its answer).  Both the refresh
-- and the views' live branches read turns through this one function, so
-- the two always agree.  STRICT, which also keeps the planner from
-- inlining it: a function scan may run in parallel workers (so the views'
-- aggregates can be partial, under a Parallel Append), a lateral subquery
-- may not.
CREATE FUNCTION @extschema@.turn_facts(
	doc @extschema@.transcript,
	OUT turn_no integer,
	OUT speaker_label text,
	OUT speaker text,
	OUT speaker_key text,
	OUT role text,
	OUT addressee text,
	OUT affiliation text,
	OUT interpreted boolean,
	OUT words integer,
	OUT char_start integer,
	OUT char_end integer,
	OUT answer_turn_no integer,
	OUT answered_by text,
	OUT answered_by_key text,
	OUT body text)
RETURNS SETOF record
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
ROWS 40
-- A body in SQL-standard form: parsed here, under the install script's
-- search_path, not where it is called (a string body would resolve '=' and
-- NOT IN with the caller's search_path, and run a look-alike operator).
BEGIN ATOMIC
	-- The answer's turn number, speaker and key in one array, so that one
	-- window over the turns in reverse finds them (no self-join, which
	-- would keep the views' live branches out of parallel plans).
	SELECT u.turn_no, u.speaker_label, u.speaker, u.speaker_key, u.role, u.addressee,
		   u.affiliation, u.interpreted, @extschema@.body_words(u.body), u.char_start,
		   u.char_end, u.answer[1]::integer, u.answer[2], u.answer[3], u.body
	  FROM (SELECT t.*,
				   CASE WHEN t.role = 'questioner' THEN
					   pg_catalog.min(ARRAY[pg_catalog.lpad(t.turn_no::text, 10, '0'), t.speaker, t.speaker_key])
						   FILTER (WHERE t.role NOT IN ('questioner', 'moderator'))
						   OVER (ORDER BY t.turn_no DESC)
				   END AS answer
			  FROM @extschema@.turns(doc) t) u
	 ORDER BY u.turn_no;
END;

COMMENT ON FUNCTION @extschema@.turn_facts(@extschema@.transcript) IS
	'turns(doc) with the number of words and, for a question, the turn that answers it; what the views and transcript_refresh() read';

-- ---------------------------------------------------------------------------
-- Derived tables, filled by transcript_refresh().  Not dumped: a restored
-- database recomputes them with one call.  Row-level security shows a
-- derived row only to those who can see its transcript, so granting SELECT
-- on these tables (which the security-invoker views need) reveals nothing
-- the transcripts table hides.
-- ---------------------------------------------------------------------------

-- The documents the derived rows are current for.  Triggers on transcripts
-- delete a document's derived rows when its doc changes or it is deleted,
-- so a row here always means "computed from the document as it is".
CREATE TABLE @extschema@.derived_docs (
	transcript_id bigint NOT NULL,
	refreshed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	CONSTRAINT derived_docs_pkey PRIMARY KEY (transcript_id)
);

COMMENT ON TABLE @extschema@.derived_docs IS
	'derived data (filled by transcript_refresh()): the documents whose derived rows are current';
COMMENT ON COLUMN @extschema@.derived_docs.transcript_id IS 'transcripts.id';
COMMENT ON COLUMN @extschema@.derived_docs.refreshed_at IS 'when the derived rows were computed';

CREATE TABLE @extschema@.derived_turns (
	transcript_id bigint NOT NULL,
	turn_no integer NOT NULL,
	speaker_label text,
	speaker text,
	speaker_key text,
	role text NOT NULL,
	addressee text,
	affiliation text,
	interpreted boolean NOT NULL,
	words integer NOT NULL,
	char_start integer NOT NULL,
	char_end integer NOT NULL,
	answer_turn_no integer,
	answered_by text,
	answered_by_key text,
	CONSTRAINT derived_turns_pkey PRIMARY KEY (transcript_id, turn_no)
);

COMMENT ON TABLE @extschema@.derived_turns IS
	'derived data (filled by transcript_refresh()): turn_facts() of each document, without the bodies';

-- Bodies apart, so that queries that do not read them scan a narrow table
-- (the views join this one with a LEFT JOIN that the planner drops when no
-- body is asked for).
CREATE TABLE @extschema@.derived_turn_bodies (
	transcript_id bigint NOT NULL,
	turn_no integer NOT NULL,
	body text NOT NULL,
	CONSTRAINT derived_turn_bodies_pkey PRIMARY KEY (transcript_id, turn_no)
);

-- Stored uncompressed, as the transcript type stores its text: faster to
-- write and to read back, for about twice the disk.
ALTER TABLE @extschema@.derived_turn_bodies ALTER COLUMN body SET STORAGE EXTERNAL;

COMMENT ON TABLE @extschema@.derived_turn_bodies IS
	'derived data (filled by transcript_refresh()): the body of each turn';

CREATE TABLE @extschema@.derived_quotes (
	transcript_id bigint NOT NULL,
	quote_no integer NOT NULL,
	quote text NOT NULL,
	speaker text,
	speaker_key text,
	cue text,
	kind text NOT NULL,
	char_start integer NOT NULL,
	char_end integer NOT NULL,
	turn_no integer,
	CONSTRAINT derived_quotes_pkey PRIMARY KEY (transcript_id, quote_no)
);

COMMENT ON TABLE @extschema@.derived_quotes IS
	'derived data (filled by transcript_refresh()): quotes() of each document';

-- Topic rows depend on the dictionary too: a change to topic_terms empties
-- these two tables (trigger below), and the topic views compute every
-- document on the fly until the next refresh.
CREATE TABLE @extschema@.derived_topic_docs (
	transcript_id bigint NOT NULL,
	refreshed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	CONSTRAINT derived_topic_docs_pkey PRIMARY KEY (transcript_id)
);

COMMENT ON TABLE @extschema@.derived_topic_docs IS
	'derived data (filled by transcript_refresh()): the documents whose topic rows are current for the dictionary as it is';
COMMENT ON COLUMN @extschema@.derived_topic_docs.transcript_id IS 'transcripts.id';
COMMENT ON COLUMN @extschema@.derived_topic_docs.refreshed_at IS 'when the topic rows were computed';

CREATE TABLE @extschema@.derived_turn_topics (
	transcript_id bigint NOT NULL,
	turn_no integer NOT NULL,
	topic text NOT NULL,
	hits integer NOT NULL,
	speaker text,
	speaker_key text,
	CONSTRAINT derived_turn_topics_pkey PRIMARY KEY (transcript_id, turn_no, topic)
);

COMMENT ON TABLE @extschema@.derived_turn_topics IS
	'derived data (filled by transcript_refresh()): turn_topics() of each document';

ALTER TABLE @extschema@.derived_docs ENABLE ROW LEVEL SECURITY;
ALTER TABLE @extschema@.derived_turns ENABLE ROW LEVEL SECURITY;
ALTER TABLE @extschema@.derived_turn_bodies ENABLE ROW LEVEL SECURITY;
ALTER TABLE @extschema@.derived_quotes ENABLE ROW LEVEL SECURITY;
ALTER TABLE @extschema@.derived_topic_docs ENABLE ROW LEVEL SECURITY;
ALTER TABLE @extschema@.derived_turn_topics ENABLE ROW LEVEL SECURITY;

CREATE POLICY derived_docs_visible ON @extschema@.derived_docs FOR SELECT
	USING (transcript_id IN (SELECT t.id FROM @extschema@.transcripts t));
CREATE POLICY derived_turns_visible ON @extschema@.derived_turns FOR SELECT
	USING (transcript_id IN (SELECT t.id FROM @extschema@.transcripts t));
CREATE POLICY derived_turn_bodies_visible ON @extschema@.derived_turn_bodies FOR SELECT
	USING (transcript_id IN (SELECT t.id FROM @extschema@.transcripts t));
CREATE POLICY derived_quotes_visible ON @extschema@.derived_quotes FOR SELECT
	USING (transcript_id IN (SELECT t.id FROM @extschema@.transcripts t));
CREATE POLICY derived_topic_docs_visible ON @extschema@.derived_topic_docs FOR SELECT
	USING (transcript_id IN (SELECT t.id FROM @extschema@.transcripts t));
CREATE POLICY derived_turn_topics_visible ON @extschema@.derived_turn_topics FOR SELECT
	USING (transcript_id IN (SELECT t.id FROM @extschema@.transcripts t));

-- Drops the derived rows of the given documents.  Internal: called by the
-- triggers below and by transcript_refresh().
CREATE FUNCTION @extschema@.derived_forget(ids bigint[])
RETURNS void
LANGUAGE sql VOLATILE PARALLEL UNSAFE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	DELETE FROM @extschema@.derived_turns WHERE transcript_id = ANY (ids);
	DELETE FROM @extschema@.derived_turn_bodies WHERE transcript_id = ANY (ids);
	DELETE FROM @extschema@.derived_quotes WHERE transcript_id = ANY (ids);
	DELETE FROM @extschema@.derived_turn_topics WHERE transcript_id = ANY (ids);
	DELETE FROM @extschema@.derived_topic_docs WHERE transcript_id = ANY (ids);
	DELETE FROM @extschema@.derived_docs WHERE transcript_id = ANY (ids);
END;

REVOKE EXECUTE ON FUNCTION @extschema@.derived_forget(bigint[]) FROM PUBLIC;

COMMENT ON FUNCTION @extschema@.derived_forget(bigint[]) IS
	'internal: drops the derived rows of the given documents';

-- Triggers that keep the derived rows honest: a changed or deleted
-- document loses them at once (the views then compute it on the fly until
-- the next refresh).  SECURITY DEFINER because whoever may change
-- transcripts need not have any privilege on the derived tables.
CREATE FUNCTION @extschema@.transcripts_doc_changed()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@.derived_forget(ARRAY[OLD.id]);
	RETURN NULL;
END
$$;

CREATE FUNCTION @extschema@.transcripts_deleted()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@.derived_forget(ARRAY(SELECT g.id FROM gone g));
	RETURN NULL;
END
$$;

CREATE FUNCTION @extschema@.transcripts_truncated()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	TRUNCATE @extschema@.derived_docs, @extschema@.derived_turns, @extschema@.derived_turn_bodies,
		@extschema@.derived_quotes, @extschema@.derived_topic_docs, @extschema@.derived_turn_topics;
	RETURN NULL;
END
$$;

REVOKE EXECUTE ON FUNCTION @extschema@.transcripts_doc_changed() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.transcripts_deleted() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.transcripts_truncated() FROM PUBLIC;

COMMENT ON FUNCTION @extschema@.transcripts_doc_changed() IS
	'trigger on transcripts: a document whose doc changes loses its derived rows';
COMMENT ON FUNCTION @extschema@.transcripts_deleted() IS
	'trigger on transcripts: deleted documents lose their derived rows';
COMMENT ON FUNCTION @extschema@.transcripts_truncated() IS
	'trigger on transcripts: TRUNCATE empties the derived tables';

CREATE TRIGGER transcripts_doc_changed
	AFTER UPDATE OF doc ON @extschema@.transcripts
	FOR EACH ROW EXECUTE FUNCTION @extschema@.transcripts_doc_changed();
CREATE TRIGGER transcripts_deleted
	AFTER DELETE ON @extschema@.transcripts
	REFERENCING OLD TABLE AS gone
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.transcripts_deleted();
CREATE TRIGGER transcripts_truncated
	AFTER TRUNCATE ON @extschema@.transcripts
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.transcripts_truncated();

-- Also on a logical replication subscriber, whose apply worker runs as a
-- replica.
ALTER TABLE @extschema@.transcripts ENABLE ALWAYS TRIGGER transcripts_doc_changed;
ALTER TABLE @extschema@.transcripts ENABLE ALWAYS TRIGGER transcripts_deleted;
ALTER TABLE @extschema@.transcripts ENABLE ALWAYS TRIGGER transcripts_truncated;

-- A change to the topic dictionary makes every document's topic rows stale.
CREATE FUNCTION @extschema@.topic_terms_changed()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	-- DELETE, not TRUNCATE: TRUNCATE's exclusive locks on the two tables
	-- deadlock with any transaction that reads the views over them in the
	-- other order (and stall every reader until the edit commits).
	DELETE FROM @extschema@.derived_topic_docs;
	DELETE FROM @extschema@.derived_turn_topics;
	RETURN NULL;
END
$$;

REVOKE EXECUTE ON FUNCTION @extschema@.topic_terms_changed() FROM PUBLIC;

COMMENT ON FUNCTION @extschema@.topic_terms_changed() IS
	'trigger on topic_terms: a dictionary change empties the derived topic rows';

CREATE TRIGGER topic_terms_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.topic_terms
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.topic_terms_changed();
ALTER TABLE @extschema@.topic_terms ENABLE ALWAYS TRIGGER topic_terms_changed;

-- ---------------------------------------------------------------------------
-- Refresh
-- ---------------------------------------------------------------------------

-- Computes the derived rows of every document added or changed since the
-- last refresh (of all of them with rebuild => true).  Runs as the
-- extension's owner, so that it sees every row whatever the caller's
-- row-level security; the views still show each caller only what it may
-- see.  One refresh at a time; readers are never blocked, and see the old
-- state until it commits.
CREATE FUNCTION @extschema@.transcript_refresh(rebuild boolean DEFAULT false)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	todo bigint[];
	todo_topics bigint[];
	n_docs bigint;
BEGIN
	LOCK TABLE @extschema@.derived_docs IN EXCLUSIVE MODE;
	-- No dictionary change while topics are computed: what is stored is
	-- then current for the dictionary as committed.
	LOCK TABLE @extschema@.topic_terms IN SHARE MODE;

	IF rebuild THEN
		-- Everything, including rows a disabled trigger left behind.
		DELETE FROM @extschema@.derived_turns;
		DELETE FROM @extschema@.derived_turn_bodies;
		DELETE FROM @extschema@.derived_quotes;
		DELETE FROM @extschema@.derived_turn_topics;
		DELETE FROM @extschema@.derived_topic_docs;
		DELETE FROM @extschema@.derived_docs;
	END IF;

	-- The documents to compute, fixed once so that the statements below
	-- (each with its own snapshot) agree on them, and locked so that a
	-- concurrent change of one of them waits for this refresh to commit
	-- and then forgets what it computed.
	SELECT coalesce(array_agg(s.id), '{}') INTO todo
	  FROM (SELECT t.id FROM @extschema@.transcripts t
			 WHERE NOT EXISTS (SELECT FROM @extschema@.derived_docs d WHERE d.transcript_id = t.id)
			   FOR SHARE OF t) s;

	WITH f AS MATERIALIZED (
		SELECT t.id, f.*
		  FROM @extschema@.transcripts t
		 CROSS JOIN LATERAL @extschema@.turn_facts(t.doc) f
		 WHERE t.id = ANY (todo)
	), bodies AS (
		INSERT INTO @extschema@.derived_turn_bodies (transcript_id, turn_no, body)
		SELECT f.id, f.turn_no, f.body FROM f
	)
	INSERT INTO @extschema@.derived_turns
		(transcript_id, turn_no, speaker_label, speaker, speaker_key, role, addressee,
		 affiliation, interpreted, words, char_start, char_end, answer_turn_no,
		 answered_by, answered_by_key)
	SELECT f.id, f.turn_no, f.speaker_label, f.speaker, f.speaker_key, f.role, f.addressee,
		   f.affiliation, f.interpreted, f.words, f.char_start, f.char_end, f.answer_turn_no,
		   f.answered_by, f.answered_by_key
	  FROM f;

	INSERT INTO @extschema@.derived_quotes
		(transcript_id, quote_no, quote, speaker, speaker_key, cue, kind, char_start,
		 char_end, turn_no)
	SELECT t.id, q.quote_no, q.quote, q.speaker, q.speaker_key, q.cue, q.kind, q.char_start,
		   q.char_end, q.turn_no
	  FROM @extschema@.transcripts t
	 CROSS JOIN LATERAL @extschema@.quotes(t.doc) q
	 WHERE t.id = ANY (todo);

	INSERT INTO @extschema@.derived_docs (transcript_id) SELECT unnest(todo);

	-- Topics: the documents above, and all whose topic rows a dictionary
	-- change has dropped.
	SELECT coalesce(array_agg(s.id), '{}') INTO todo_topics
	  FROM (SELECT t.id FROM @extschema@.transcripts t
			 WHERE NOT EXISTS (SELECT FROM @extschema@.derived_topic_docs d WHERE d.transcript_id = t.id)
			   FOR SHARE OF t) s;

	INSERT INTO @extschema@.derived_turn_topics
		(transcript_id, turn_no, topic, hits, speaker, speaker_key)
	SELECT t.id, x.turn_no, x.topic, x.hits, x.speaker, x.speaker_key
	  FROM @extschema@.transcripts t
	 CROSS JOIN LATERAL @extschema@.turn_topics(t.doc) x
	 WHERE t.id = ANY (todo_topics);

	INSERT INTO @extschema@.derived_topic_docs (transcript_id) SELECT unnest(todo_topics);

	-- Fresh statistics after a large change, so that the next dashboard
	-- query is planned for the new sizes.
	SELECT count(*) INTO n_docs FROM @extschema@.derived_docs;
	IF rebuild OR cardinality(todo_topics) > 1000 OR cardinality(todo_topics) > n_docs / 10 THEN
		ANALYZE @extschema@.derived_docs, @extschema@.derived_turns,
			@extschema@.derived_turn_bodies, @extschema@.derived_quotes,
			@extschema@.derived_topic_docs, @extschema@.derived_turn_topics;
	END IF;
	RETURN cardinality(todo_topics);
END
$$;

REVOKE EXECUTE ON FUNCTION @extschema@.transcript_refresh(boolean) FROM PUBLIC;

COMMENT ON FUNCTION @extschema@.transcript_refresh(boolean) IS
	'computes the derived rows of documents added or changed since the last call (of all with rebuild => true); returns how many documents it computed; call after loading';

-- How many of the documents the caller can see are not yet refreshed.
CREATE FUNCTION @extschema@.transcript_refresh_pending()
RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT count(*)
	  FROM @extschema@.transcripts t
	 WHERE NOT EXISTS (SELECT FROM @extschema@.derived_docs d WHERE d.transcript_id = t.id)
		OR NOT EXISTS (SELECT FROM @extschema@.derived_topic_docs d WHERE d.transcript_id = t.id);
END;

COMMENT ON FUNCTION @extschema@.transcript_refresh_pending() IS
	'number of visible documents whose derived rows are missing; the views compute those on the fly until transcript_refresh()';

-- ---------------------------------------------------------------------------
-- transcript_turns: one row per turn, with the document's columns
-- ---------------------------------------------------------------------------

CREATE VIEW @extschema@.transcript_turns WITH (security_invoker = true) AS
SELECT t.id AS transcript_id, f.turn_no, t.published, t.source, t.kind, t.title, t.url,
	   t.language, f.speaker_label, f.speaker, f.speaker_key, f.role, f.addressee,
	   f.affiliation, f.interpreted, f.words, f.char_start, f.char_end, b.body
  FROM @extschema@.transcripts t
  JOIN @extschema@.derived_turns f ON f.transcript_id = t.id
  LEFT JOIN @extschema@.derived_turn_bodies b
	ON b.transcript_id = f.transcript_id AND b.turn_no = f.turn_no
UNION ALL
SELECT t.id, f.turn_no, t.published, t.source, t.kind, t.title, t.url,
	   t.language, f.speaker_label, f.speaker, f.speaker_key, f.role, f.addressee,
	   f.affiliation, f.interpreted, f.words, f.char_start, f.char_end, f.body
  FROM @extschema@.transcripts t
 CROSS JOIN LATERAL @extschema@.turn_facts(t.doc) f
 WHERE NOT EXISTS (SELECT FROM @extschema@.derived_docs d WHERE d.transcript_id = t.id);

COMMENT ON VIEW @extschema@.transcript_turns IS
	'one row per speaker turn, with its document''s columns; key (transcript_id, turn_no)';
COMMENT ON COLUMN @extschema@.transcript_turns.transcript_id IS 'document (transcripts.id); with turn_no, the key';
COMMENT ON COLUMN @extschema@.transcript_turns.turn_no IS 'position of the turn in its document, from 1';
COMMENT ON COLUMN @extschema@.transcript_turns.published IS 'document''s publication or event date';
COMMENT ON COLUMN @extschema@.transcript_turns.source IS 'document''s publisher or collection';
COMMENT ON COLUMN @extschema@.transcript_turns.kind IS 'document''s kind: press briefing, remarks, interview';
COMMENT ON COLUMN @extschema@.transcript_turns.title IS 'document''s title';
COMMENT ON COLUMN @extschema@.transcript_turns.url IS 'document''s address';
COMMENT ON COLUMN @extschema@.transcript_turns.language IS 'document''s language code';
COMMENT ON COLUMN @extschema@.transcript_turns.speaker_label IS 'speaker label as printed, without the colon; NULL for unlabelled opening remarks';
COMMENT ON COLUMN @extschema@.transcript_turns.speaker IS 'the speaker, resolved: a person''s name where the document gives it';
COMMENT ON COLUMN @extschema@.transcript_turns.speaker_key IS 'speaker identity across titles, spellings and scripts (''lavrov'' for LAVROV, Sergey Lavrov, С.В.Лавров); empty if unknown';
COMMENT ON COLUMN @extschema@.transcript_turns.role IS 'official, questioner, moderator or other';
COMMENT ON COLUMN @extschema@.transcript_turns.addressee IS 'whom a question is put to, where the document says';
COMMENT ON COLUMN @extschema@.transcript_turns.affiliation IS 'the speaker''s outlet or organisation, where the document says (for questioners: the outlet)';
COMMENT ON COLUMN @extschema@.transcript_turns.interpreted IS 'true if the turn is spoken through an interpreter';
COMMENT ON COLUMN @extschema@.transcript_turns.words IS 'number of words in the body';
COMMENT ON COLUMN @extschema@.transcript_turns.char_start IS 'start of the turn in the document''s text, 1-based characters, label included';
COMMENT ON COLUMN @extschema@.transcript_turns.char_end IS 'end of the turn in the document''s text, 1-based characters, exclusive';
COMMENT ON COLUMN @extschema@.transcript_turns.body IS 'the words spoken, without stage directions and interpreter notes';

-- ---------------------------------------------------------------------------
-- speaker_stats: one row per speaker identity
-- ---------------------------------------------------------------------------

CREATE VIEW @extschema@.speaker_stats WITH (security_invoker = true) AS
WITH per_doc AS (
	SELECT tt.speaker_key, tt.speaker, tt.transcript_id, pg_catalog.min(tt.published) AS published,
		   pg_catalog.count(*) AS turns, pg_catalog.sum(tt.words) AS words
	  FROM @extschema@.transcript_turns tt
	 WHERE tt.speaker_key IS NOT NULL
	 GROUP BY tt.speaker_key, tt.speaker, tt.transcript_id
), names AS (
	SELECT DISTINCT ON (n.speaker_key) n.speaker_key, n.speaker
	  FROM (SELECT p.speaker_key, p.speaker, pg_catalog.sum(p.turns) AS turns
			  FROM per_doc p GROUP BY p.speaker_key, p.speaker) n
	 ORDER BY n.speaker_key, n.turns DESC, n.speaker
)
SELECT k.speaker_key, names.speaker, k.turns, k.words, k.documents, k.first_appearance,
	   k.last_appearance
  FROM (SELECT p.speaker_key, pg_catalog.sum(p.turns)::bigint AS turns,
			   pg_catalog.sum(p.words)::bigint AS words,
			   pg_catalog.count(DISTINCT p.transcript_id) AS documents,
			   pg_catalog.min(p.published) AS first_appearance,
			   pg_catalog.max(p.published) AS last_appearance
		  FROM per_doc p GROUP BY p.speaker_key) k
  JOIN names ON names.speaker_key = k.speaker_key;

COMMENT ON VIEW @extschema@.speaker_stats IS
	'one row per speaker identity (turns with a known speaker only): turns, words, documents, first and last appearance; key speaker_key';
COMMENT ON COLUMN @extschema@.speaker_stats.speaker_key IS 'speaker identity; the key';
COMMENT ON COLUMN @extschema@.speaker_stats.speaker IS 'the speaker''s most common display name (most turns; ties alphabetical)';
COMMENT ON COLUMN @extschema@.speaker_stats.turns IS 'number of turns';
COMMENT ON COLUMN @extschema@.speaker_stats.words IS 'number of words spoken';
COMMENT ON COLUMN @extschema@.speaker_stats.documents IS 'number of documents the speaker speaks in';
COMMENT ON COLUMN @extschema@.speaker_stats.first_appearance IS 'date of the earliest such document';
COMMENT ON COLUMN @extschema@.speaker_stats.last_appearance IS 'date of the latest such document';

-- ---------------------------------------------------------------------------
-- transcript_quotes: one row per quotation
-- ---------------------------------------------------------------------------

CREATE VIEW @extschema@.transcript_quotes WITH (security_invoker = true) AS
SELECT t.id AS transcript_id, q.quote_no, t.published, t.source, t.title, q.quote, q.speaker,
	   q.speaker_key, q.cue, q.kind, q.turn_no, q.char_start, q.char_end
  FROM @extschema@.transcripts t
  JOIN @extschema@.derived_quotes q ON q.transcript_id = t.id
UNION ALL
SELECT t.id, q.quote_no, t.published, t.source, t.title, q.quote, q.speaker,
	   q.speaker_key, q.cue, q.kind, q.turn_no, q.char_start, q.char_end
  FROM @extschema@.transcripts t
 CROSS JOIN LATERAL @extschema@.quotes(t.doc) q
 WHERE NOT EXISTS (SELECT FROM @extschema@.derived_docs d WHERE d.transcript_id = t.id);

COMMENT ON VIEW @extschema@.transcript_quotes IS
	'one row per direct quotation in a document, with its speaker; key (transcript_id, quote_no); scare quotes have kind ''scare''';
COMMENT ON COLUMN @extschema@.transcript_quotes.transcript_id IS 'document (transcripts.id); with quote_no, the key';
COMMENT ON COLUMN @extschema@.transcript_quotes.quote_no IS 'position of the quotation in its document, from 1';
COMMENT ON COLUMN @extschema@.transcript_quotes.published IS 'document''s publication or event date';
COMMENT ON COLUMN @extschema@.transcript_quotes.source IS 'document''s publisher or collection';
COMMENT ON COLUMN @extschema@.transcript_quotes.title IS 'document''s title';
COMMENT ON COLUMN @extschema@.transcript_quotes.quote IS 'the quoted words, without the quotation marks';
COMMENT ON COLUMN @extschema@.transcript_quotes.speaker IS 'who is quoted, as the text names them; NULL if no one is named';
COMMENT ON COLUMN @extschema@.transcript_quotes.speaker_key IS 'identity key of the speaker, the same as transcript_turns.speaker_key';
COMMENT ON COLUMN @extschema@.transcript_quotes.cue IS 'the verb or phrase that attributes it: said, told, added, according to, заявил';
COMMENT ON COLUMN @extschema@.transcript_quotes.kind IS 'full, partial (words inside reported speech), multi (over several paragraphs) or scare (scare quotes and titles: not speech)';
COMMENT ON COLUMN @extschema@.transcript_quotes.turn_no IS 'the turn the quotation occurs in (transcript_turns.turn_no); NULL in a text without turns';
COMMENT ON COLUMN @extschema@.transcript_quotes.char_start IS 'start of the quoted words in the document''s text, 1-based characters';
COMMENT ON COLUMN @extschema@.transcript_quotes.char_end IS 'end of the quoted words in the document''s text, 1-based characters, exclusive';

-- ---------------------------------------------------------------------------
-- turn_topics: one row per (turn, topic)
-- ---------------------------------------------------------------------------

CREATE VIEW @extschema@.turn_topics WITH (security_invoker = true) AS
SELECT t.id AS transcript_id, x.turn_no, x.topic, x.hits, t.published, t.source, t.kind,
	   x.speaker, x.speaker_key
  FROM @extschema@.transcripts t
  JOIN @extschema@.derived_turn_topics x ON x.transcript_id = t.id
UNION ALL
SELECT t.id, x.turn_no, x.topic, x.hits, t.published, t.source, t.kind,
	   x.speaker, x.speaker_key
  FROM @extschema@.transcripts t
 CROSS JOIN LATERAL @extschema@.turn_topics(t.doc) x
 WHERE NOT EXISTS (SELECT FROM @extschema@.derived_topic_docs d WHERE d.transcript_id = t.id);

COMMENT ON VIEW @extschema@.turn_topics IS
	'one row per speaker turn and topic of topic_terms found in it, with the number of hits; key (transcript_id, turn_no, topic)';
COMMENT ON COLUMN @extschema@.turn_topics.transcript_id IS 'document (transcripts.id); with turn_no and topic, the key';
COMMENT ON COLUMN @extschema@.turn_topics.turn_no IS 'the turn (transcript_turns.turn_no)';
COMMENT ON COLUMN @extschema@.turn_topics.topic IS 'topic (topic_terms.topic)';
COMMENT ON COLUMN @extschema@.turn_topics.hits IS 'number of times the topic''s terms occur in the turn';
COMMENT ON COLUMN @extschema@.turn_topics.published IS 'document''s publication or event date';
COMMENT ON COLUMN @extschema@.turn_topics.source IS 'document''s publisher or collection';
COMMENT ON COLUMN @extschema@.turn_topics.kind IS 'document''s kind: press briefing, remarks, interview';
COMMENT ON COLUMN @extschema@.turn_topics.speaker IS 'the turn''s speaker, resolved';
COMMENT ON COLUMN @extschema@.turn_topics.speaker_key IS 'the turn''s speaker identity; NULL if unknown';

-- ---------------------------------------------------------------------------
-- topic_timeline: mentions per topic, month and speaker
-- ---------------------------------------------------------------------------

CREATE VIEW @extschema@.topic_timeline WITH (security_invoker = true) AS
SELECT pg_catalog.date_trunc('month', x.published::timestamp)::date AS month, x.topic, x.speaker_key,
	   pg_catalog.mode() WITHIN GROUP (ORDER BY x.speaker) AS speaker,
	   pg_catalog.sum(x.hits)::bigint AS mentions, pg_catalog.count(*) AS turns,
	   pg_catalog.count(DISTINCT x.transcript_id) AS documents
  FROM @extschema@.turn_topics x
 GROUP BY 1, x.topic, x.speaker_key;

COMMENT ON VIEW @extschema@.topic_timeline IS
	'mentions of each topic per month and speaker (sum over speakers for a topic''s monthly total); key (month, topic, speaker_key)';
COMMENT ON COLUMN @extschema@.topic_timeline.month IS 'first day of the month of the documents'' dates';
COMMENT ON COLUMN @extschema@.topic_timeline.topic IS 'topic (topic_terms.topic)';
COMMENT ON COLUMN @extschema@.topic_timeline.speaker_key IS 'speaker identity; NULL gathers the turns of unknown speakers';
COMMENT ON COLUMN @extschema@.topic_timeline.speaker IS 'the speaker''s most common name in these turns';
COMMENT ON COLUMN @extschema@.topic_timeline.mentions IS 'number of hits of the topic''s terms';
COMMENT ON COLUMN @extschema@.topic_timeline.turns IS 'number of turns that mention the topic';
COMMENT ON COLUMN @extschema@.topic_timeline.documents IS 'number of documents with such turns';

-- ---------------------------------------------------------------------------
-- press_questions: one row per question
-- ---------------------------------------------------------------------------

CREATE VIEW @extschema@.press_questions WITH (security_invoker = true) AS
SELECT q.transcript_id, q.turn_no, q.published, q.source, q.title, q.questioner,
	   q.questioner_key, q.outlet, q.addressee, q.question, q.words, qt.topics,
	   q.answered_by, q.answered_by_key, q.answer_turn_no
  FROM (SELECT t.id AS transcript_id, f.turn_no, t.published, t.source, t.title,
			   f.speaker AS questioner, f.speaker_key AS questioner_key, f.affiliation AS outlet,
			   f.addressee, b.body AS question, f.words, f.answered_by, f.answered_by_key,
			   f.answer_turn_no
		  FROM @extschema@.transcripts t
		  JOIN @extschema@.derived_turns f ON f.transcript_id = t.id
		  LEFT JOIN @extschema@.derived_turn_bodies b
			ON b.transcript_id = f.transcript_id AND b.turn_no = f.turn_no
		 WHERE f.role = 'questioner'
		UNION ALL
		SELECT t.id, f.turn_no, t.published, t.source, t.title,
			   f.speaker, f.speaker_key, f.affiliation,
			   f.addressee, f.body, f.words, f.answered_by, f.answered_by_key,
			   f.answer_turn_no
		  FROM @extschema@.transcripts t
		 CROSS JOIN LATERAL @extschema@.turn_facts(t.doc) f
		 WHERE f.role = 'questioner'
		   AND NOT EXISTS (SELECT FROM @extschema@.derived_docs d WHERE d.transcript_id = t.id)) q
  LEFT JOIN (SELECT x.transcript_id, x.turn_no,
					pg_catalog.string_agg(x.topic, ', ' ORDER BY x.topic) AS topics
			   FROM @extschema@.turn_topics x
			  GROUP BY x.transcript_id, x.turn_no) qt
	ON qt.transcript_id = q.transcript_id AND qt.turn_no = q.turn_no;

COMMENT ON VIEW @extschema@.press_questions IS
	'one row per question put by a questioner: who asked, for which outlet, to whom, about which topics, and who answered; key (transcript_id, turn_no)';
COMMENT ON COLUMN @extschema@.press_questions.transcript_id IS 'document (transcripts.id); with turn_no, the key';
COMMENT ON COLUMN @extschema@.press_questions.turn_no IS 'the question''s turn (transcript_turns.turn_no)';
COMMENT ON COLUMN @extschema@.press_questions.published IS 'document''s publication or event date';
COMMENT ON COLUMN @extschema@.press_questions.source IS 'document''s publisher or collection';
COMMENT ON COLUMN @extschema@.press_questions.title IS 'document''s title';
COMMENT ON COLUMN @extschema@.press_questions.questioner IS 'who asked, where the document names them';
COMMENT ON COLUMN @extschema@.press_questions.questioner_key IS 'the questioner''s identity key; NULL if unnamed';
COMMENT ON COLUMN @extschema@.press_questions.outlet IS 'the questioner''s outlet, where the document names it';
COMMENT ON COLUMN @extschema@.press_questions.addressee IS 'whom the question is put to, where the document says';
COMMENT ON COLUMN @extschema@.press_questions.question IS 'the question''s words';
COMMENT ON COLUMN @extschema@.press_questions.words IS 'number of words in the question';
COMMENT ON COLUMN @extschema@.press_questions.topics IS 'the topics asked about, comma-separated and sorted (join turn_topics on transcript_id, turn_no for one row per topic); NULL if none';
COMMENT ON COLUMN @extschema@.press_questions.answered_by IS 'speaker of the first later turn by neither a questioner nor the moderator';
COMMENT ON COLUMN @extschema@.press_questions.answered_by_key IS 'that speaker''s identity key';
COMMENT ON COLUMN @extschema@.press_questions.answer_turn_no IS 'that turn (transcript_turns.turn_no)';
