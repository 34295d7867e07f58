-- Topic tagging: the dictionary table, its checks and dump bookkeeping, and
-- each matching rule, on sentences written for this test.  Rules are tested
-- on topics of their own (rt_*) so that the default taxonomy does not get in
-- the way; the default taxonomy is tested at the end.
\pset null '(null)'

-- 1. The default taxonomy: every topic of FORMATS.md, with English and
-- Russian terms, all shipped.
SELECT topic, count(*) FILTER (WHERE lang = 'en') AS en,
       count(*) FILTER (WHERE lang = 'ru') AS ru, bool_and(shipped) AS shipped
  FROM topic_terms GROUP BY topic ORDER BY topic;

-- 2. Terms that cannot match are refused when written.
INSERT INTO topic_terms (topic, term) VALUES ('rt_bad', '');
INSERT INTO topic_terms (topic, term) VALUES ('rt_bad', E'  \n ');
INSERT INTO topic_terms (topic, term) VALUES ('rt_bad', '«—»');
INSERT INTO topic_terms (topic, term) VALUES ('rt_bad', repeat('x', 257));
INSERT INTO topic_terms (topic, term) VALUES ('rt_bad', 'a b c d e f g h i j k l m n o p q');
INSERT INTO topic_terms (topic, term) VALUES ('rt_bad', E'tab\x01stop');
INSERT INTO topic_terms (topic, term, case_sensitive, inflect) VALUES ('rt_bad', 'INF', true, true);
INSERT INTO topic_terms (topic, term, lang, inflect) VALUES ('rt_bad', 'Krieg', 'de', true);
INSERT INTO topic_terms (topic, term, lang) VALUES ('rt_bad', 'Krieg', 'German');
INSERT INTO topic_terms (topic, term) VALUES (E'rt\nbad', 'Krieg');
INSERT INTO topic_terms (topic, term) VALUES ('rt_bad', NULL);
SELECT count(*) AS refused_rows_stored FROM topic_terms WHERE topic LIKE 'rt%bad';
-- the same rules for UPDATE
UPDATE topic_terms SET term = '...' WHERE topic = 'venezuela' AND term = 'Maduro';
-- a term right at the limits is fine
SELECT topic_term_valid('rt', repeat('x', 256), 'en', false, false) AS limit_256_bytes,
       topic_term_valid('rt', 'a b c d e f g h i j k l m n o p', 'en', false, false) AS limit_16_words;

-- 3. Test terms, one topic per rule.
INSERT INTO topic_terms (topic, term, lang, case_sensitive, inflect) VALUES
	('rt_case', 'Venezuela', 'en', false, false),
	('rt_cs', 'INF', 'en', true, false),
	('rt_long', 'New START', 'en', true, false),
	('rt_long', 'New START Treaty', 'en', true, false),
	('rt_long', 'START', 'en', true, false),
	('rt_en', 'sanction', 'en', false, true),
	('rt_en', 'policy', 'en', false, true),
	('rt_ru', 'Венесуэла', 'ru', false, true),
	('rt_ru', 'санкция', 'ru', false, true),
	('rt_ru', 'Минские соглашения', 'ru', false, true),
	('rt_exact', 'Maduros', 'en', false, false),
	('rt_multi', 'Joint Comprehensive Plan of Action', 'en', false, false),
	('rt_punct', 'СНВ-3', 'ru', false, false),
	('rt_punct', 'U.S.', 'en', false, false),
	('rt_two', 'Crimea', 'en', false, false),
	('rt_yo', 'ёлка', 'ru', false, false);

-- Every row a user writes is not shipped.
SELECT count(*) AS user_rows FROM topic_terms WHERE NOT shipped;

-- A helper: the hits of the test topics only.
CREATE FUNCTION rt_hits(doc text) RETURNS TABLE (topic text, term text, matched text, char_start int, char_end int)
LANGUAGE sql STABLE AS $$
	SELECT h.topic, h.term, h.matched, h.char_start, h.char_end
	  FROM topic_hits(doc) h WHERE h.topic LIKE 'rt\_%'
$$;

-- 4. Case-insensitive (ICU case folding); positions are 1-based characters,
-- end exclusive, so substr(doc, char_start, char_end - char_start) = matched.
SELECT * FROM rt_hits('Talks on VENEZUELA and venezuela; ВЕНЕСУЭЛА тоже.');
SELECT bool_and(substr(d, h.char_start, h.char_end - h.char_start) = h.matched) AS spans_ok
  FROM (VALUES ('Ёжик: «Венесуэла», VENEZUELA, санкций.')) v(d), rt_hits(v.d) h;

-- 5. Word boundaries in every script: no match inside longer words.
SELECT * FROM rt_hits('Venezuelan oil, pre-Venezuela, Venezuela2, ВенесуэлаX, sanctionsmith');
-- ... but a possessive or a following punctuation mark is a boundary.
SELECT * FROM rt_hits('Venezuela''s and Venezuela’s, (Venezuela).');

-- 6. Case-sensitive terms: 'INF' but not 'inf' or 'Inf'.
SELECT * FROM rt_hits('INF, inf, Inf.');

-- 7. Longest match first: one hit for 'New START Treaty', none for 'START'
-- inside it; lower-case 'new start' is not the case-sensitive term.
SELECT * FROM rt_hits('The New START Treaty, New START, START, a new start.');

-- 8. Inflection where the term asks for it: English plural and verb forms,
-- Russian case endings; a term without inflect matches its form only.
SELECT * FROM rt_hits('Sanctions, sanctioned, sanctioning; policies and policy.');
SELECT * FROM rt_hits('Венесуэлы, Венесуэле, Венесуэлу, Венесуэлой; санкции, санкциями.');
SELECT * FROM rt_hits('о Минских соглашениях и минскими соглашениями');
SELECT * FROM rt_hits('Maduro and Maduros');

-- 9. Multi-word terms across line breaks and runs of spaces, not across
-- punctuation the term does not have.
SELECT * FROM rt_hits(E'the Joint\nComprehensive   Plan of\r\n Action');
SELECT * FROM rt_hits('the Joint Comprehensive Plan, of Action');

-- 10. Punctuation in terms: dash variants compare equal; 'U.S.' needs its dots.
SELECT * FROM rt_hits('СНВ-3, СНВ–3, СНВ 3; the U.S. and the US.');

-- 11. One span in two topics, and ё read as е.
SELECT * FROM rt_hits('Crimea') ORDER BY topic;
INSERT INTO topic_terms (topic, term) VALUES ('rt_two_b', 'Crimea');
SELECT * FROM rt_hits('Crimea');
SELECT * FROM rt_hits('Елка и ёлка');

-- 12. topics(): sorted, without duplicates, empty when nothing matches.
SELECT topics('Crimea, Crimea, Venezuela, INF') AS topics;
SELECT topics('nothing to see here') AS topics;
SELECT topics('') AS topics;

-- 13. Changes are seen at once by the session that makes them (the
-- statement trigger invalidates every session's compiled dictionary).
SELECT topics('Zzyzx Road') AS before_insert;
INSERT INTO topic_terms (topic, term) VALUES ('rt_new', 'Zzyzx');
SELECT topics('Zzyzx Road') AS after_insert;
UPDATE topic_terms SET topic = 'rt_renamed' WHERE term = 'Zzyzx';
SELECT topics('Zzyzx Road') AS after_update;
BEGIN;
DELETE FROM topic_terms WHERE term = 'Zzyzx';
SELECT topics('Zzyzx Road') AS deleted_in_transaction;
ROLLBACK;
SELECT topics('Zzyzx Road') AS after_rollback;

-- 14. Shipped rows: changing one makes it the user's; a user's row replaces
-- a shipped row with the same key; a shipped row changed, replaced or
-- deleted is recorded in topic_terms_removed (so that a restore, which
-- installs the shipped rows again, leaves it out).
UPDATE topic_terms SET inflect = false WHERE topic = 'iran' AND term = 'Iranian';
SELECT topic, term, inflect, shipped FROM topic_terms WHERE topic = 'iran' AND term = 'Iranian';
DELETE FROM topic_terms WHERE topic = 'venezuela' AND term = 'Caracas';
UPDATE topic_terms SET topic = 'latin_america' WHERE topic = 'venezuela' AND term = 'Bolivarian';
INSERT INTO topic_terms (topic, term, case_sensitive) VALUES ('china', 'Beijing', true);
SELECT topic, term, case_sensitive, shipped FROM topic_terms WHERE term IN ('Beijing', 'Bolivarian', 'Caracas') ORDER BY 1, 2;
SELECT * FROM topic_terms_removed ORDER BY 1, 2;
-- what a restore does: the shipped rows come back, then the dumped removals
-- and user rows go in again; no duplicates, no errors, the same table.
CREATE TEMP TABLE before_restore AS SELECT * FROM topic_terms;
CREATE TEMP TABLE dumped_users AS SELECT * FROM topic_terms WHERE NOT shipped;
CREATE TEMP TABLE dumped_removed AS SELECT * FROM topic_terms_removed;
ALTER TABLE topic_terms DISABLE TRIGGER USER;
DELETE FROM topic_terms WHERE NOT shipped;
TRUNCATE topic_terms_removed;
INSERT INTO topic_terms VALUES
	('iran', 'Iranian', 'en', false, true, true),
	('venezuela', 'Caracas', 'en', false, false, true),
	('venezuela', 'Bolivarian', 'en', false, false, true),
	('china', 'Beijing', 'en', false, false, true);
ALTER TABLE topic_terms ENABLE TRIGGER USER;
INSERT INTO topic_terms SELECT * FROM dumped_users;
INSERT INTO topic_terms_removed SELECT * FROM dumped_removed;
SELECT count(*) AS differences FROM (
	(SELECT topic, term, lang, case_sensitive, inflect FROM topic_terms
	 EXCEPT SELECT topic, term, lang, case_sensitive, inflect FROM before_restore)
	UNION ALL
	(SELECT topic, term, lang, case_sensitive, inflect FROM before_restore
	 EXCEPT SELECT topic, term, lang, case_sensitive, inflect FROM topic_terms)) d;
SELECT * FROM topic_terms_removed ORDER BY 1, 2;

-- 15. The IMMUTABLE variants take the dictionary as jsonb.
SELECT topics('New START and sanctions',
	'[{"topic": "a", "term": "New START", "case_sensitive": true},
	  {"topic": "b", "term": "sanction", "inflect": true}]') AS topics;
SELECT * FROM topic_hits('a new start', '[{"topic": "a", "term": "New START", "case_sensitive": true}]');
SELECT topics('x', '{"topic": "a"}');
SELECT topics('x', '[{"topic": "a"}]');
SELECT topics('x', '[{"topic": "a", "term": "--"}]');
SELECT topics('x', '[{"topic": "a", "term": "x", "inflect": "yes"}]');
SELECT jsonb_array_length(topic_dictionary()) = (SELECT count(*) FROM topic_terms) AS dictionary_complete;
SELECT topics('Talks on Venezuela', topic_dictionary()) = topics('Talks on Venezuela') AS same_answer;
-- usable in an index expression
CREATE TABLE rt_docs (body text);
INSERT INTO rt_docs VALUES ('INF'), ('sanctions'), ('nothing');
CREATE INDEX ON rt_docs USING gin (topics(body, '[{"topic": "arms", "term": "INF", "case_sensitive": true}]'::jsonb));
SELECT body FROM rt_docs WHERE topics(body, '[{"topic": "arms", "term": "INF", "case_sensitive": true}]'::jsonb) @> '{arms}';

-- 16. A transcript: hits per turn, positions in the document; turns tagged
-- one by one, so 'New' ending one turn and 'START Treaty' opening the next
-- are no 'New START Treaty' (the default taxonomy's 'START Treaty' matches);
-- per-turn topics.
CREATE TABLE rt_doc AS SELECT transcript(E'MODERATOR: We turn to Venezuela.\n\nSECRETARY HALE: The sanctions stay. We discussed the New\n\nFOREIGN MINISTER ORLOV: START Treaty and Crimea.') AS doc;
SELECT h.*, substr(d.doc::text, h.char_start, h.char_end - h.char_start) AS at_position
  FROM rt_doc d, topic_hits(d.doc) h ORDER BY h.char_start, h.topic;
SELECT topics(doc) FROM rt_doc;
SELECT * FROM turn_topics((SELECT doc FROM rt_doc));

-- 17. The default taxonomy on a few sentences.
DELETE FROM topic_terms WHERE topic LIKE 'rt%';
SELECT topics('Lavrov and Pompeo discussed New START, the INF Treaty and strategic stability.');
SELECT topics('We will not lift sanctions on Venezuela while Maduro clings to power.');
SELECT topics('С.В.Лавров: Мы обсудили ситуацию в Сирии, на Украине и вокруг КНДР.');
SELECT topics('Мы против вмешательства во внутренние дела и против санкций.');
SELECT topics('The DPRK must commit to denuclearization of the Korean Peninsula.');
SELECT * FROM topic_hits('the JCPOA and Iran’s enriched uranium') ORDER BY char_start;
