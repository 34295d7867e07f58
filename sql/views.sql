-- The transcripts table, its triggers, the derived tables and the views that
-- do not depend on topics, on fixtures written for this test.
\pset null '(null)'

-- 1. The table: bare documents get their title, date and language from the
-- header; given values win.  Fixture A is a State Department press
-- availability: a moderator, three questions, two of them answered by two
-- ministers in turn; fixture B a White House briefing with front matter.
INSERT INTO transcripts (name, source, kind, doc) VALUES
('a.txt', 'State Department', 'press availability', E'Press Availability With Foreign Minister Ivan Orlov\n\nPress Availability\n\nLaura M. Hale\n\nSecretary of State\n\nHarbor Hall\nGeneva, Switzerland\nMarch 3, 2026\n\nMODERATOR: Good afternoon. The ministers will take questions.\n\nSECRETARY HALE: Thank you. We did not agree on everything — but we will keep talking.\n\nMODERATOR: Vesti FM, please.\n\nQUESTION: Thank you. Maria Ostrova, Vesti FM. Will the visa dispute be settled?\n\nFOREIGN MINISTER ORLOV: We hope so.\n\nSECRETARY HALE: So do I.\n\nMODERATOR: Kim Park, AFP.\n\nQUESTION: Thanks. Is there a date for the next round?\n\nQUESTION: And a follow-up on the visas?\n\nSECRETARY HALE: Not yet. As Minister Orlov said, "We hope so."');
INSERT INTO transcripts (name, source, title, published, language, doc) VALUES
('b.md', 'White House', 'Briefing, given title', '2026-02-11', 'en-US', E'---\ntags: press-briefings\ndate: ''2026-02-10''\ntitle: "Press Briefing by Press Secretary Dana Whitfield"\n---\n \nJames S. Brady Press Briefing Room\n\nMS. WHITFIELD:  Good afternoon, everyone.  I have two announcements.\n\nQ    Will the President go to Ottawa?\n\nMS. WHITFIELD:  He will.\n\nEND');
SELECT id, name, source, kind, title, published, language, extra, loaded_at <= now() AS loaded
  FROM transcripts ORDER BY id;

-- An explicit NULL is filled in too, on update as on insert; the identity
-- key cannot be set.
UPDATE transcripts SET title = NULL WHERE name = 'b.md' RETURNING title;
\set VERBOSITY terse
INSERT INTO transcripts (id, doc) VALUES (100, 'x');
INSERT INTO transcripts (doc, extra) VALUES ('x', '[1]');
INSERT INTO transcripts (name, doc) VALUES ('a.txt', 'x');
\set VERBOSITY default

-- pg_dump keeps the rows and the identity sequence.
SELECT c.relname, e.extcondition
  FROM pg_extension x, unnest(x.extconfig, x.extcondition) AS e(oid, extcondition)
  JOIN pg_class c ON c.oid = e.oid
 WHERE x.extname = 'transcript' AND c.relname LIKE 'transcripts%' ORDER BY 1;

-- 2. Loading aid: what is wrong with a staged value, without an error.
SELECT input_error('2026-02-30', 'date') AS bad_date,
	   input_error('2026-02-28', 'date') AS good_date,
	   input_error('Q Any news?', 'transcript') AS good_doc,
	   input_error('{"a": 1', 'jsonb') AS bad_json,
	   input_error(NULL, 'date') AS null_ok;

-- 3. Words of a turn body: one or two spaces between words, a blank line
-- between paragraphs; lone dashes are not words, words with inner
-- punctuation are.
SELECT b, body_words(b)
  FROM (VALUES (''), ('One'), ('One two — three - four -- five – six.'), ('One.  Two.  Three'),
			   (E'First paragraph here.\n\nSecond one.'), ('U.S. don''t 3.4 — Привет, мир!')) v(b);

-- 4. Turns before any refresh: computed on the fly.  A question is
-- answered by the first later turn of neither a questioner nor the
-- moderator; two questions in a row share that answer.
SELECT transcript_refresh_pending();
SELECT transcript_id, turn_no, published, speaker_label, speaker, speaker_key, role,
	   affiliation, words, char_start, char_end
  FROM transcript_turns ORDER BY 1, 2;
SELECT turn_no, answer_turn_no, answered_by, answered_by_key
  FROM transcripts t, turn_facts(t.doc) f WHERE t.name = 'a.txt' AND f.role = 'questioner';
CREATE TABLE live AS SELECT * FROM transcript_turns;
CREATE TABLE live_quotes AS SELECT * FROM transcript_quotes;

-- 5. Refresh: the derived rows give the same answers.
SELECT transcript_refresh();
SELECT transcript_refresh();
SELECT transcript_refresh_pending();
SELECT (SELECT count(*) FROM derived_turns) AS turns, (SELECT count(*) FROM derived_turn_bodies) AS bodies,
	   (SELECT count(*) FROM derived_quotes) AS quotes, (SELECT count(*) FROM derived_docs) AS docs;
SELECT count(*) AS differences FROM (
	(SELECT * FROM transcript_turns EXCEPT ALL SELECT * FROM live)
	UNION ALL
	(SELECT * FROM live EXCEPT ALL SELECT * FROM transcript_turns)) d;
SELECT count(*) AS differences FROM (
	(SELECT * FROM transcript_quotes EXCEPT ALL SELECT * FROM live_quotes)
	UNION ALL
	(SELECT * FROM live_quotes EXCEPT ALL SELECT * FROM transcript_quotes)) d;

-- The bodies table is read only when a body is asked for.
CREATE FUNCTION plan_reads(query text, relation text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
		IF line ~ ('\m' || relation || '\M') THEN
			RETURN true;
		END IF;
	END LOOP;
	RETURN false;
END
$$;
SELECT plan_reads('SELECT speaker_key, sum(words) FROM transcript_turns GROUP BY 1', 'derived_turns') AS turns,
	   plan_reads('SELECT speaker_key, sum(words) FROM transcript_turns GROUP BY 1', 'derived_turn_bodies') AS bodies;
SELECT plan_reads('SELECT body FROM transcript_turns WHERE turn_no = 2', 'derived_turn_bodies') AS bodies;

-- 6. A changed document loses its derived rows at once and is computed on
-- the fly again; a changed title needs no refresh; deleted and truncated
-- documents take their derived rows with them.
UPDATE transcripts SET doc = doc::text || E'\n\nMODERATOR: Thank you all.' WHERE name = 'a.txt';
SELECT transcript_refresh_pending(), (SELECT count(*) FROM derived_turns WHERE transcript_id = 1) AS derived;
SELECT turn_no, speaker, words FROM transcript_turns WHERE transcript_id = 1 AND turn_no > 9;
UPDATE transcripts SET title = 'Briefing' WHERE name = 'b.md';
SELECT transcript_refresh_pending(), (SELECT DISTINCT title FROM transcript_turns WHERE transcript_id = 2);
SELECT transcript_refresh();
DELETE FROM transcripts WHERE name = 'b.md';
SELECT count(*) FROM derived_turns WHERE transcript_id = 2;
SELECT count(*) FROM transcript_turns;

-- 7. Speakers: one row per identity, with the most common name.
SELECT * FROM speaker_stats ORDER BY speaker_key;

-- 8. Quotations: a turn's own words are not quotations; the one inside
-- Hale's last turn is Orlov's.
SELECT transcript_id, quote_no, published, quote, speaker, speaker_key, cue, kind, turn_no,
	   char_start, char_end
  FROM transcript_quotes;

-- 9. A full rebuild recomputes everything.
SELECT transcript_refresh(rebuild => true);
TRUNCATE transcripts;
SELECT (SELECT count(*) FROM derived_turns) + (SELECT count(*) FROM derived_docs) AS derived_rows;

-- 10. What BI tools see: every view of the extension is security_invoker,
-- and every view, the transcripts table and all their columns have a
-- comment; no view column is an array or a composite.  (The queries list
-- what is wrong: no rows.)
CREATE TEMP VIEW ext_rel AS
SELECT c.oid, c.relname, c.relkind, c.reloptions
  FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
 WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'transcript')
   AND (c.relkind = 'v' OR c.relname = 'transcripts');
SELECT count(*) >= 3 AS some_views FROM ext_rel WHERE relkind = 'v';
SELECT relname, reloptions FROM ext_rel
 WHERE relkind = 'v' AND NOT coalesce('security_invoker=true' = ANY (reloptions), false);
SELECT r.relname, a.attname AS missing_comment
  FROM ext_rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE col_description(r.oid, a.attnum) IS NULL
UNION ALL
SELECT r.relname, '(itself)' FROM ext_rel r WHERE obj_description(r.oid, 'pg_class') IS NULL;
SELECT r.relname, a.attname, format_type(a.atttypid, a.atttypmod)
  FROM ext_rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0
  JOIN pg_type t ON t.oid = a.atttypid
 WHERE r.relkind = 'v' AND t.typcategory IN ('A', 'C');

DROP TABLE live, live_quotes;
DROP FUNCTION plan_reads(text, text);
