-- quotes(text) and quotes(transcript): every case of FORMATS.md section 7
SET search_path = transcript, public;
\pset null '(null)'

-- cue before with a colon, cue after, pronoun resolved to the last named person
SELECT quote_no, quote, speaker, speaker_key, cue, kind, char_start, char_end
FROM quotes($$Secretary of State Mike Pompeo met Foreign Minister Sergei Lavrov in Sochi.
Lavrov told Pompeo at the start of their talks: "we see suspicions and prejudices."
"But it's not destined that we're adversaries," Pompeo added.
"We have differences," he said.$$);

-- the span is 1-based characters, end exclusive, and multibyte-safe
SELECT substr(t, char_start, char_end - char_start) = quote AS span_is_quote
FROM (VALUES ($$Ольга said: «Привет, мир», and left. "Да," she added.$$)) v(t),
	quotes(t);

-- cue after a paragraph break; cue before a paragraph break; partial quotes
SELECT quote_no, left(quote, 40) AS quote, speaker, cue, kind
FROM quotes($$“We had a very good, constructive conversation,”

Lavrov said.

Pompeo likewise called it

“a good conversation.”

Lavrov fielded questions, answering that the two “tried not to focus on public statements.”$$);

-- a quotation over three paragraphs: each opens, only the last closes
SELECT quote_no, quote, speaker, kind
FROM quotes($$The ambassador read a statement.

"Our government has been patient.

"We are still waiting.

"We ask the Council to act," Ambassador Ines Moreau said.$$);

-- straight and curly marks mixed; apostrophes that look like closing marks
SELECT quote_no, quote, speaker, kind
FROM quotes($$"I told them, 'we are ready to sign today,' and they didn't believe me," Foreign Minister Ana Kovac said. 'It's the Americans' turn now,' she added, “and the Europeans’ as well.” Rock ’n’ roll in the ’90s.$$);

-- Russian: «ёлочки», „лапки“ nested, '«...», — заявил министр'
SELECT quote_no, quote, speaker, cue, kind
FROM quotes($$Глава МИД России Сергей Лавров провёл переговоры. «Так называемый „мирный план“ не имеет ничего общего с реальностью», — заявил министр. Он добавил: «Мы продолжим диалог».$$);

-- scare quotes, titles and nicknames are kind 'scare'
SELECT quote_no, quote, speaker, kind
FROM quotes($$Lobbyists got an early “Christmas gift” on Friday. The amendment was a "red herring," critics agree. Dwayne "The Rock" Johnson read from the book “The Long Table.”$$);

-- 'according to', 'said the President', label introductions
SELECT quote_no, quote, speaker, cue, kind
FROM quotes($$President Joe Biden spoke on Monday. "We will rebuild," said the President.
According to Defence Secretary Hugh Carrow, "the fleet will be back by Friday."
**Denver Mayor Michael Hancock:** “So, ARPA helped us.”$$);

-- nothing to find
SELECT count(*) FROM quotes('');
SELECT count(*) FROM quotes('No quotation marks at all, only an apostrophe: it''s fine.');
SELECT count(*) FROM quotes(repeat('"', 1001));
SELECT count(*) FROM quotes(repeat('“ ', 500) || repeat('’', 500));

-- a transcript: a turn's own words are not quotations, a quotation inside a turn is,
-- and 'I said' is the turn's speaker
SELECT quote_no, quote, speaker, cue, kind, turn_no
FROM quotes($$SECRETARY POMPEO: Thank you. We had a frank discussion about many issues.

FOREIGN MINISTER LAVROV: We do agree, as Mr Pompeo has just said, "when differences accumulate we can hardly regard this as acceptable." As I said in Helsinki, "talking is better than not talking."$$::transcript);
