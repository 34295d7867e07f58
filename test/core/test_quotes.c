/*
 * test_quotes.c
 *		Standalone tests of tr_quotes() and tr_sim_match(): one case per item
 *		of FORMATS.md section 7, transcripts, and linear time on hostile
 *		inputs (100,000 unbalanced marks, a 10 MB paragraph with no marks,
 *		marks only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tr_doc.h"
#include "tr_mem.h"
#include "tr_quotes.h"
#include "tr_similar.h"

static int	failures = 0;
static int	checks = 0;

#define CHECK(cond, ...) do { \
	checks++; \
	if (!(cond)) { failures++; printf("not ok - "); printf(__VA_ARGS__); printf("\n"); } \
} while (0)

static int
str_is(const TrQuoteSet *qs, TrStr s, const char *want)
{
	if (want == NULL)
		return s.off == TR_NULL_OFF;
	return s.off != TR_NULL_OFF && s.len == strlen(want) &&
		memcmp(qs->pool + s.off, want, s.len) == 0;
}

/* Expect quotation i of text: words, speaker (NULL for none), kind. */
static void
expect(const char *text, uint32_t i, const char *quote, const char *speaker, int kind)
{
	TrQuoteSet	qs;

	tr_quotes(text, strlen(text), NULL, &qs);
	CHECK(i < qs.n_quotes, "quotation %u of \"%.50s\" exists (%u found)", i, text, qs.n_quotes);
	if (i < qs.n_quotes)
	{
		const TrQuote *q = &qs.quotes[i];

		CHECK(str_is(&qs, q->quote, quote), "quote %u of \"%.40s\" is \"%s\", got \"%.*s\"",
			  i, text, quote, (int) q->quote.len, qs.pool + q->quote.off);
		CHECK(str_is(&qs, q->speaker, speaker), "speaker of \"%s\" is %s, got %.*s", quote,
			  speaker ? speaker : "NULL", q->speaker.off == TR_NULL_OFF ? 4 : (int) q->speaker.len,
			  q->speaker.off == TR_NULL_OFF ? "NULL" : qs.pool + q->speaker.off);
		CHECK(q->kind == kind, "kind of \"%s\" is %s, got %s", quote, tr_quote_kind_name(kind),
			  tr_quote_kind_name(q->kind));
	}
	tr_quotes_free(&qs);
}

static uint32_t
count(const char *text, size_t len)
{
	TrQuoteSet	qs;
	uint32_t	n;

	tr_quotes(text, len, NULL, &qs);
	n = qs.n_quotes;
	tr_quotes_free(&qs);
	return n;
}

static double
seconds(const char *text, size_t len)
{
	clock_t		c = clock();

	count(text, len);
	return (double) (clock() - c) / CLOCKS_PER_SEC;
}

/* Time must grow linearly: 4x the input within 8x the time (plus slack). */
static void
linear(const char *name, char fill(size_t i), size_t n)
{
	char	   *a = malloc(n + 1),
			   *b = malloc(4 * n + 1);
	size_t		i;
	double		ta,
				tb;

	for (i = 0; i < n; i++)
		a[i] = fill(i);
	for (i = 0; i < 4 * n; i++)
		b[i] = fill(i);
	ta = seconds(a, n);
	tb = seconds(b, 4 * n);
	CHECK(tb < 8 * ta + 0.05, "%s: linear time (%.3fs for %zu bytes, %.3fs for 4x)", name, ta, n, tb);
	printf("# %s: %.3f s for %zu bytes, %.3f s for %zu\n", name, ta, n, tb, 4 * n);
	free(a);
	free(b);
}

static char
fill_dq(size_t i)
{
	return (i % 3 == 0) ? '"' : (i % 3 == 1 ? 'a' : ' ');
}

static char
fill_open(size_t i)
{
	return (i % 2 == 0) ? ' ' : '"';
}

static char
fill_words(size_t i)
{
	return "Lavrov said he was here "[i % 24];
}

static char
fill_marks(size_t i)
{
	return "\"'"[i % 2];
}

int
main(void)
{
	/* cue before with a colon; cue after; pronoun */
	expect("Lavrov told Pompeo at the start of their talks: \"we see suspicions.\"", 0,
		   "we see suspicions.", "Lavrov", TR_QUOTE_FULL);
	expect("\"But it's not destined,\" Pompeo added.", 0, "But it's not destined,", "Pompeo",
		   TR_QUOTE_FULL);
	expect("Mike Pompeo left. Sergei Lavrov stayed. \"We have differences,\" he said.", 0,
		   "We have differences,", "Sergei Lavrov", TR_QUOTE_FULL);
	expect("\u201cWe had talks,\u201d Lavrov said. Asked if a summit between Putin and Trump "
		   "was discussed, he said: \u201cOur presidents agreed to meet.\u201d", 1,
		   "Our presidents agreed to meet.", "Lavrov", TR_QUOTE_FULL);
	expect("Ms. Alma Reyes and Mr. Tom Dale spoke. \u201cEnough,\u201d she said.", 0,
		   "Enough,", "Ms. Alma Reyes", TR_QUOTE_FULL);
	/* cue after a paragraph break */
	expect("\u201cWe had a very good, constructive conversation,\u201d\n\nLavrov said.", 0,
		   "We had a very good, constructive conversation,", "Lavrov", TR_QUOTE_FULL);
	/* cue before a paragraph break; partial quotations */
	expect("Pompeo likewise called it\n\n\u201ca good conversation.\u201d", 0,
		   "a good conversation.", "Pompeo", TR_QUOTE_PARTIAL);
	expect("Lavrov fielded questions about Pompeo\u2019s charges against Russia, by answering "
		   "that the two \u201ctried not to focus on public statements.\u201d", 0,
		   "tried not to focus on public statements.", "Lavrov", TR_QUOTE_PARTIAL);
	/* multi-paragraph */
	expect("\"Our government has been patient.\n\n\"We are still waiting.\n\n"
		   "\"Act now,\" Ambassador Ines Moreau said.", 0,
		   "Our government has been patient.\n\nWe are still waiting.\n\nAct now,",
		   "Ambassador Ines Moreau", TR_QUOTE_MULTI);
	/* an unclosed quotation at a paragraph's end is dropped */
	CHECK(count("\"Never closed.\n\nNext paragraph.", 31) == 0, "unclosed quotation dropped");
	/* apostrophes that look like closing marks */
	expect("'It's the Americans' turn now,' she said. Rock \u2019n\u2019 roll.", 0,
		   "It's the Americans' turn now,", NULL, TR_QUOTE_FULL);
	CHECK(count("The senators\u2019 offices in the \u201990s didn\u2019t care.", 44) == 0,
		  "apostrophes are not quotations");
	/* nested */
	expect("\"I told them, 'we are ready,' and they left,\" Ana Kovac said.", 1,
		   "we are ready,", "Ana Kovac", TR_QUOTE_FULL);
	/* Russian */
	expect("Глава МИД России Сергей Лавров провёл переговоры. «Мы видим подозрения», — заявил министр.",
		   0, "Мы видим подозрения", "Сергей Лавров", TR_QUOTE_FULL);
	expect("«Так называемый „мирный план“ — это фикция», — сказала Мария Захарова.", 1,
		   "мирный план", NULL, TR_QUOTE_SCARE);
	expect("«Так называемый „мирный план“ — это фикция», — сказала Мария Захарова.", 0,
		   "Так называемый „мирный план“ — это фикция", "Мария Захарова", TR_QUOTE_FULL);
	/* scare quotes, titles, nicknames */
	expect("Lobbyists got a \u201cChristmas gift\u201d on Friday.", 0, "Christmas gift", NULL,
		   TR_QUOTE_SCARE);
	expect("The amendment was a \"red herring,\" critics agree.", 0, "red herring,", NULL,
		   TR_QUOTE_SCARE);
	expect("Dwayne \"The Rock\" Johnson posted a video.", 0, "The Rock", NULL, TR_QUOTE_SCARE);
	/* no marks, empty, only marks */
	CHECK(count("", 0) == 0, "empty text");
	CHECK(count("\"\"\"\"", 4) == 0, "marks only");

	/* a transcript: turns' own words are not quotations; 'I' is the turn's speaker */
	{
		const char *text = "LAVROV: As Mr Pompeo has just said, \"talking is useful.\" "
			"As I said, \"we are ready.\"";
		TrDoc		doc;
		TrTurn		turn;
		char		pool[] = "Lavrov";
		TrQuoteSet	qs;

		memset(&doc, 0, sizeof(doc));
		memset(&turn, 0, sizeof(turn));
		turn.start = 0;
		turn.end = (uint32_t) strlen(text);
		turn.body_start = 8;
		turn.body_end = turn.end;
		turn.speaker.off = 0;
		turn.speaker.len = 6;
		turn.speaker_key.off = TR_NULL_OFF;
		doc.turns = &turn;
		doc.n_turns = 1;
		doc.pool = pool;
		doc.pool_len = 6;
		tr_quotes(text, strlen(text), &doc, &qs);
		CHECK(qs.n_quotes == 2, "two quotations in the turn");
		if (qs.n_quotes == 2)
		{
			CHECK(str_is(&qs, qs.quotes[0].speaker, "Mr Pompeo"), "quoted inside a turn: Pompeo");
			CHECK(str_is(&qs, qs.quotes[1].speaker, "Lavrov"), "'I said' is the turn's speaker");
			CHECK(qs.quotes[0].turn_no == 1, "turn_no set");
			CHECK(qs.quotes[0].char_start == 38, "1-based char_start (got %u)", qs.quotes[0].char_start);
		}
		tr_quotes_free(&qs);
	}

	/* provenance: a paraphrase finds its turn, unrelated words do not */
	{
		const char *t1 = "Much suspicion and prejudice has piled up on both sides. "
			"I believe it is time to start building a new, more constructive matrix.";
		const char *t2 = "We discussed Iran, arms control and the situation in Venezuela.";
		TrSimTurn	turns[2];
		TrSimMatch *m;
		size_t		nm;
		const char *q1 = "we see suspicions and prejudices. It is time to build a new and more "
			"constructive matrix for our relations.";
		const char *q2 = "I'm here today because President Trump is committed to this relationship.";

		memset(turns, 0, sizeof(turns));
		turns[0].text = t1;
		turns[0].end = (uint32_t) strlen(t1);
		turns[0].speaker_key = "lavrov";
		turns[0].speaker_key_len = 6;
		turns[0].cand = 1;
		turns[0].turn_no = 1;
		turns[1].text = t2;
		turns[1].end = (uint32_t) strlen(t2);
		turns[1].cand = 2;
		turns[1].turn_no = 1;
		tr_sim_match(q1, strlen(q1), "lavrov", 6, turns, 2, TR_SIM_DEFAULT_MIN, &m, &nm);
		CHECK(nm == 1 && m[0].cand == 1, "paraphrase finds its turn");
		if (m)
			tr_free(m);
		tr_sim_match(q2, strlen(q2), "pompeo", 6, turns, 2, TR_SIM_DEFAULT_MIN, &m, &nm);
		CHECK(nm == 0, "unsaid words find no source");
		if (m)
			tr_free(m);
	}

	/* linear time on hostile inputs */
	linear("unbalanced double marks", fill_dq, 300000);
	linear("opening marks only", fill_open, 200000);
	linear("no marks", fill_words, 2500000);
	linear("straight marks only", fill_marks, 200000);
	{
		size_t		n = 10 * 1024 * 1024;
		char	   *big = malloc(n);
		size_t		i;
		double		t;

		for (i = 0; i < n; i++)
			big[i] = fill_words(i);
		t = seconds(big, n);
		CHECK(t < 5.0, "10 MB paragraph with no marks in %.2f s", t);
		printf("# 10 MB paragraph with no marks: %.3f s\n", t);
		for (i = 0; i < 100000; i++)
			big[i * 7] = '"';
		t = seconds(big, n);
		CHECK(t < 5.0, "100,000 unbalanced marks in 10 MB in %.2f s", t);
		printf("# 100,000 unbalanced marks in 10 MB: %.3f s\n", t);
		free(big);
	}

	printf("%d passed, %d failed\n", checks - failures, failures);
	return failures ? 1 : 0;
}
