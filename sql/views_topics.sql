-- The views over topics: turn_topics, topic_timeline and press_questions,
-- on a fixture written for this test and a dictionary of its own.
\pset null '(null)'

-- A dictionary of two topics, so that the shipped taxonomy does not matter.
CREATE TEMP TABLE saved_terms AS SELECT * FROM topic_terms;
ALTER TABLE topic_terms DISABLE TRIGGER USER;
DELETE FROM topic_terms;
ALTER TABLE topic_terms ENABLE TRIGGER USER;
INSERT INTO topic_terms (topic, term) VALUES ('visas', 'visa'), ('visas', 'visas'), ('trade', 'tariffs');

-- Two briefings a month apart.  In the first, a questioner from Vesti FM
-- asks about visas and is answered by Orlov after the moderator speaks;
-- Hale mentions visas twice and tariffs once.  In the second, an unnamed
-- questioner asks about tariffs and no one answers.
INSERT INTO transcripts (name, published, doc) VALUES
('one', '2026-03-03', E'MODERATOR: Welcome.\n\nQUESTION: Maria Ostrova, Vesti FM. What about visas?\n\nMODERATOR: Minister?\n\nFOREIGN MINISTER ORLOV: The visa talks go on.\n\nSECRETARY HALE: Visas, and visa fees, and tariffs.'),
('two', '2026-04-10', E'SECRETARY HALE: Good morning.\n\nQUESTION: And tariffs?');

-- On the fly, then refreshed: the same rows.
SELECT transcript_id, turn_no, topic, hits, published, speaker, speaker_key
  FROM turn_topics ORDER BY 1, 2, 3;
CREATE TEMP TABLE live_tt AS SELECT * FROM turn_topics;
CREATE TEMP TABLE live_tl AS SELECT * FROM topic_timeline;
CREATE TEMP TABLE live_pq AS SELECT * FROM press_questions;
SELECT transcript_refresh();
SELECT (SELECT count(*) FROM ((TABLE turn_topics EXCEPT ALL TABLE live_tt) UNION ALL (TABLE live_tt EXCEPT ALL TABLE turn_topics)) d) AS turn_topics,
	   (SELECT count(*) FROM ((TABLE topic_timeline EXCEPT ALL TABLE live_tl) UNION ALL (TABLE live_tl EXCEPT ALL TABLE topic_timeline)) d) AS topic_timeline,
	   (SELECT count(*) FROM ((TABLE press_questions EXCEPT ALL TABLE live_pq) UNION ALL (TABLE live_pq EXCEPT ALL TABLE press_questions)) d) AS press_questions;

-- Mentions per topic, month and speaker.
SELECT * FROM topic_timeline ORDER BY month, topic, speaker_key;

-- Each question with its questioner, outlet, topics and who answered.
SELECT transcript_id, turn_no, published, questioner, questioner_key, outlet, question, words,
	   topics, answered_by, answered_by_key, answer_turn_no
  FROM press_questions ORDER BY 1, 2;

-- A dictionary change drops every derived topic row at once: the views
-- answer with the new dictionary before any refresh.
INSERT INTO topic_terms (topic, term) VALUES ('greetings', 'good morning');
SELECT (SELECT count(*) FROM derived_turn_topics) AS derived, transcript_refresh_pending() AS pending;
SELECT transcript_id, turn_no, topic, hits FROM turn_topics WHERE topic = 'greetings';
SELECT transcript_refresh();
SELECT count(*) FROM derived_turn_topics WHERE topic = 'greetings';

-- Put the shipped dictionary back.
TRUNCATE transcripts;
ALTER TABLE topic_terms DISABLE TRIGGER USER;
DELETE FROM topic_terms;
INSERT INTO topic_terms SELECT * FROM saved_terms;
ALTER TABLE topic_terms ENABLE TRIGGER USER;
SELECT count(*) = (SELECT count(*) FROM saved_terms) AS restored FROM topic_terms;
