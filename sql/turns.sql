-- Speaker turns: State Department, Foreign Ministry (English) and White House
-- formats (FORMATS.md sections 1, 2 and 4), on fixtures written for this test.
\pset null '(null)'

-- 1. State Department press availability: header block, upper-case labels,
-- interpreter notes (with a typo), questioners who name themselves or are
-- named by the moderator, a footnote mark and its footnote.
CREATE TABLE state AS SELECT transcript(E'Press Availability With Foreign Minister Ivan Orlov\n\nPress Availability\n\nLaura M. Hale\n\nSecretary of State\n\nHarbor Hall\nGeneva, Switzerland\nMarch 3, 2026\n\nMODERATOR: (Via interpreter) Good afternoon. The ministers will take questions.\n\nSECRETARY HALE: Thank you. I thank Prime[i] Minister Orlov for hosting us.\n\nWe did not agree on everything. (Laughter.) But we will keep talking.\n\nFOREIGN MINISTER ORLOV: (Via interepreter) Thank you, Laura. We will meet again in April.\n\nMODERATOR: (Via interpreter) Vesti FM, please.\n\nQUESTION: (Via interpreter) Thank you. Maria Ostrova, Vesti FM. Will the visa dispute be settled?\n\nAnd a question to Mr. Orlov: will the talks go on?\n\nFOREIGN MINISTER ORLOV: (Via interpreter) We hope so.\n\nMR DALE: We''re going to go to Tom Reyes from Channel Nine.\n\nQUESTION: Thank you. Madam Secretary, did you raise the sanctions?\n\nSECRETARY HALE: Tom, we did.\n\nMS DALE: Kim Park, AFP.\n\nQUESTION: Thanks. Is there a date for the next round?\n\nSECRETARY HALE: Not yet.\n\n[i] Foreign Minister Orlov') AS doc;

SELECT * FROM transcript_meta((SELECT doc FROM state));
SELECT turn_no, speaker_label, speaker, speaker_key, role, addressee, affiliation, interpreted
  FROM turns((SELECT doc FROM state));
SELECT turn_no, body FROM turns((SELECT doc FROM state));

-- char_start/char_end are 1-based character positions in doc::text, end
-- exclusive, and the span starts with the label.
SELECT t.turn_no, substr(s.doc::text, t.char_start, t.char_end - t.char_start) AS span
  FROM state s, turns(s.doc) t WHERE t.turn_no IN (1, 5, 12);

-- 2. Foreign Ministry, English page: glued date and time, a title naming the
-- speaker and the event, a language bar, unlabelled opening remarks,
-- mixed-case labels with notes in parentheses, site furniture at the end.
CREATE TABLE mfa AS SELECT transcript(E'4 March 202609:15\n\nForeign Minister Ivan Orlov’s remarks and answers to media questions following talks with US Secretary of State Laura Hale, Geneva, March 3, 2026\n\n\n  • de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1\n\nLadies and gentlemen,\n\nWe have just finished long and frank talks.\n\nQuestion (to Laura Hale): Do you expect the talks to resume?\n\nIvan Orlov (speaks after Laura Hale): I agree with my colleague.\n\nQuestion (addressed to Laura Hale): And the visas?\n\nQuestion: Was the detained journalist discussed?\n\nIvan Orlov: Yes, we raised it.\n\nAdditional materials\n\n\nOrganization for Security and Co-operation in Europe (OSCE)\n\nAdvanced settings') AS doc;

SELECT * FROM transcript_meta((SELECT doc FROM mfa));
SELECT turn_no, speaker_label, speaker, speaker_key, role, addressee, interpreted, body
  FROM turns((SELECT doc FROM mfa));

-- 4. White House: YAML front matter, hard-wrapped lines, Q with a no-break
-- space, stage directions, time stamps and END.
CREATE TABLE wh AS SELECT transcript(E'---\ntags: press-briefings\ndate: ''2026-02-10''\ntitle: "Press Briefing by Press Secretary Dana Whitfield, February 10,\\_2026"\n---\n \nJames S. Brady Press Briefing Room\n\n1:02 P.M. EST\n\nMS. WHITFIELD:  Good afternoon, everyone.  I have two announcements\nbefore we take questions.\n\nSecond, the President spoke this morning with the Prime Minister\nof Canada.\n\nQ\u00a0   Thanks, Dana.  Will the President raise the trade dispute\nin Ottawa?\n\nMS. WHITFIELD:  He will.  (Laughter.)  It is on the agenda.\n\nQ    A follow-up: any new sanctions?\n\nTHE PRESIDENT:  I''ll take that one.\n\n1:31 P.M. EST\n\nEND') AS doc;

SELECT * FROM transcript_meta((SELECT doc FROM wh));
SELECT turn_no, speaker_label, speaker, speaker_key, role, body
  FROM turns((SELECT doc FROM wh));

-- One identity across titles, spellings and scripts.
SELECT count(DISTINCT speaker_key) AS keys, string_agg(DISTINCT speaker_label, ' | ' ORDER BY speaker_label) AS labels
  FROM (SELECT * FROM turns((SELECT doc FROM state))
        UNION ALL SELECT * FROM turns((SELECT doc FROM mfa))
        UNION ALL SELECT * FROM turns(E'И.П.Орлов: Да.\n\nОРЛОВ: Нет.\n\nIVAN ORLOV, RUSSIAN FOREIGN MINISTER (through translator): Yes.')) t
 WHERE speaker_key IS NOT NULL AND speaker_label ~* 'orlov|орлов';

DROP TABLE state, mfa, wh;
