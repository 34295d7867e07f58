-- Speaker turns in the other formats: Russian-language pages, broadcast
-- (CNN-style) transcripts, UN meeting records and the Congressional Record
-- (FORMATS.md sections 3, 5 and 6), on fixtures written for this test.
\pset null '(null)'

-- 3. Russian: initials glued to the surname, questions addressed to someone.
SELECT turn_no, speaker_label, speaker, speaker_key, role, addressee, body
  FROM turns(E'Выступление Министра иностранных дел И.П.Орлова, Женева, 3 марта 2026 года\n\nИ.П.Орлов: Добрый день.\n\nВопрос (адресован Л.Хейл): Обсуждался ли ДСНВ?\n\nИ.Орлов: Да.\n\nВопрос: Когда следующая встреча?\n\nВ.В.Петров: В апреле.');

-- A Foreign Ministry page in Russian: glued date and time, a title naming
-- the principal in the genitive with initials, unlabelled opening remarks.
SELECT * FROM transcript_meta(E'4 марта 202609:30\n\nВыступление Министра иностранных дел И.П.Орлова на совместной пресс-конференции, Женева, 3 марта 2026 года\n\nУважаемые дамы и господа!\n\nВопрос: Когда?\n\nИ.П.Орлов: Завтра.');
SELECT turn_no, speaker_label, speaker, speaker_key, role, body
  FROM turns(E'4 марта 202609:30\n\nВыступление Министра иностранных дел И.П.Орлова на совместной пресс-конференции, Женева, 3 марта 2026 года\n\nУважаемые дамы и господа!\n\nВопрос: Когда?\n\nИ.П.Орлов: Завтра.');

-- 5. Broadcast: long labels on first appearance, short ones after, time
-- stamps before labels, tape markers, crosstalk.
SELECT turn_no, speaker_label, speaker, speaker_key, role, affiliation, interpreted, body
  FROM turns(E'CONNECT THE WORLD\n\nAired March 3, 2026 - 11:00 ET\n\n[11:00:00] NORA BLAKE, CNN HOST: Welcome back.\n\n(BEGIN VIDEOTAPE)\n\nIVAN ORLOV, RUSSIAN FOREIGN MINISTER (through translator): The talks were useful.\n\n(END VIDEOTAPE)\n\n[11:02:10] BLAKE: Will sanctions come up?\n\nORLOV (through translator): Everything is on the table.\n\n(CROSSTALK)\n\nUNIDENTIFIED MALE: Thank you.');

-- 6a. UN meeting record: country and language in parentheses.
SELECT turn_no, speaker_label, speaker, speaker_key, role, affiliation, interpreted, body
  FROM turns(E'The President: I give the floor to the representative of the Russian Federation.\n\nMr. Petrov (Russian Federation) (spoke in Russian): Thank you, Madam President.\n\nThe President: I now give the floor to the representative of France.\n\nMs. Martin (France) (spoke in French): We support the draft.');

-- 6b. Congressional Record: text inside <pre>, labels end with a period,
-- "Mr. President," is an address, page markers and centred headings.
SELECT turn_no, speaker_label, speaker, speaker_key, role, body
  FROM turns(E'<html>\n<body><pre>\n[Congressional Record Volume 150, Number 1 (Tuesday, January 6, 2026)]\n[Senate]\n[Page S101]\n\n                          MORNING BUSINESS\n\n  Mr. GRANT. Mr. President, I ask unanimous consent that the Senate\nproceed to a period of morning business.\n  The PRESIDING OFFICER. Without objection, it is so ordered.\n  Mr. GRANT. Mr. President, I rise today to speak about the\n\n[[Page S102]]\n\nharbor bill.\n  Mrs. LOWE of Ohio. Will the Senator yield?\n  Mr. GRANT. I yield.\n                          ______\n\n</pre></body>\n</html>');
