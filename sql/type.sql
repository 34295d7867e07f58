-- The transcript type: input parses, output is the input byte for byte.
\pset null '(null)'

-- Round trip, including what a careless implementation would normalise:
-- CRLF, trailing blanks, a no-break space, tabs, no final newline.
SELECT md5(t::text) = md5(s) AS byte_for_byte
  FROM (VALUES (E'MR SMITH:  Hello.\r\n\r\nQ\u00a0  Why?  \t\n\nMR SMITH: Because.'),
               (''),
               (E'\n\n\n'),
               ('no labels at all, just one line'),
               (E'Вопрос: Когда?\n\nС.В.Лавров: Завтра.')) v(s),
       LATERAL (SELECT s::transcript AS t) x;

SELECT E'Q  One?\n\nMR SMITH: Two.'::transcript;

-- Casts: text and varchar to transcript (assignment), transcript to text.
CREATE TABLE docs (id int, doc transcript);
INSERT INTO docs VALUES (1, 'MODERATOR: Welcome.');
INSERT INTO docs VALUES (2, 'SECRETARY SMITH: Thank you.'::text);
INSERT INTO docs VALUES (3, 'MS. JONES: Good morning.'::varchar);
SELECT id, doc::text, pg_typeof(doc::text) FROM docs ORDER BY id;
SELECT transcript('Q  A question?') IS NOT NULL AS from_function;
SELECT text('MR LEE: Fine.'::transcript) AS to_function;
DROP TABLE docs;

-- NULL in, NULL out (the functions are strict).
SELECT count(*) FROM turns(NULL::transcript);
SELECT transcript_meta(NULL::transcript) IS NULL AS meta_null;

-- Storage: out of line, uncompressed by default (see README, Storage).
SELECT typstorage, typalign FROM pg_type WHERE typname = 'transcript';

-- Functions are labelled honestly: immutable, strict, parallel safe.
SELECT proname, pg_get_function_arguments(oid) ~ '^doc text|^text' AS takes_text, provolatile, proisstrict, proparallel
  FROM pg_proc
 WHERE pronamespace = (SELECT extnamespace FROM pg_extension WHERE extname = 'transcript')
   AND proname IN ('transcript_in', 'transcript_out', 'transcript_recv', 'transcript_send',
                   'transcript', 'text', 'turns', 'transcript_meta')
 ORDER BY proname, pg_get_function_arguments(oid);
