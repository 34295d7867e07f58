-- Bad and pathological input: a clear error where the input is invalid, a
-- sensible result otherwise, and always in linear time.
\pset null '(null)'

-- Empty text and blank text: no turns, no metadata, no error.
SELECT count(*) AS turns_of_empty FROM turns('');
SELECT * FROM transcript_meta(E'   \n\n  ');

-- No labels and no header naming a speaker: prose, not a transcript (a news
-- article has no turns).  With a title naming the speaker it is one turn.
SELECT turn_no, speaker_label, role, body FROM turns('Just a paragraph of prose, nobody speaking.');

-- Labels only, with nothing after them.
SELECT turn_no, speaker_label, body FROM turns(E'MR SMITH:\n\nQ\n\nMS. JONES:');

-- Unbalanced parentheses in labels and bodies.
SELECT turn_no, speaker_label, body
  FROM turns(E'MR SMITH (Via interpreter: Hello (world.\n\nQ  ((( ? )))\n\nMS. JONES: ) fine (');

-- Mixed scripts in one document.
SELECT turn_no, speaker_label, speaker_key, body
  FROM turns(E'Вопрос: Is it 时间?\n\nС.В.Лавров: Yes, это так.');

-- 10 MB of colons, 1 MB of labels only, one 10 MB paragraph: they parse
-- (quickly) and give a sensible answer.
SELECT count(*) AS colon_turns FROM turns(repeat(':', 10 * 1024 * 1024));
SELECT count(*) AS label_turns FROM turns(repeat(E'MR SMITH:\n\n', 100000));
SELECT count(*) AS one_paragraph_turns, max(length(body)) AS longest
  FROM turns('MR SMITH: ' || repeat('word ', 2 * 1024 * 1024));
SELECT count(*) AS paren_turns FROM turns('MR SMITH: ' || repeat('(', 1024 * 1024));

-- A NUL byte cannot reach the type through text input; invalid UTF-8 is
-- stopped by the server before input.  convert_from shows the message.
SELECT convert_from('\x4d523a20ff'::bytea, 'UTF8')::transcript;

-- Text arguments are parsed on the fly; the same answers as the type.
SELECT (SELECT array_agg(t ORDER BY turn_no) FROM turns(E'Q  Why?\n\nMR LEE: Because.'::text) t)
     = (SELECT array_agg(t ORDER BY turn_no) FROM turns(E'Q  Why?\n\nMR LEE: Because.'::transcript) t)
       AS same_turns;
