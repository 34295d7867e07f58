/*
 * test_parse.c
 *		Unit tests of the text-processing core (no server): labels, header,
 *		bodies, speakers, keys, errors, and linear time on hostile input.
 *
 * The fixtures are written for these tests in the style of each publisher
 * (FORMATS.md); none is copied from the seeds or the corpus.
 */
#define _POSIX_C_SOURCE 200112L

#include "tr_doc.h"
#include "tr_mem.h"
#include "tr_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int	failures = 0;
static int	checks = 0;

#define CHECK(cond, ...) \
	do { \
		checks++; \
		if (!(cond)) \
		{ \
			failures++; \
			fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
		} \
	} while (0)

/* A pool string as a C string ("" for NULL, "<NULL>" flagged apart). */
static const char *
str(const TrDoc *doc, TrStr s)
{
	static char buf[8][512];
	static int	k = 0;
	char	   *b = buf[k++ & 7];

	if (s.off == TR_NULL_OFF)
		return "<NULL>";
	snprintf(b, sizeof(buf[0]), "%.*s", (int) s.len, doc->pool + s.off);
	return b;
}

static const char *
label(const char *text, const TrTurn *t)
{
	static char buf[4][256];
	static int	k = 0;
	char	   *b = buf[k++ & 3];

	if (t->label_len == 0)
		return "<NULL>";
	snprintf(b, sizeof(buf[0]), "%.*s", (int) t->label_len, text + t->label_off);
	return b;
}

/* The document parse() returned last: body() reads its cuts. */
static TrDoc last_doc;

/* The body of a turn of the last parsed document, in a static buffer. */
static const char *
body(const char *text, const TrTurn *t)
{
	static char buf[4][8192];
	static int	k = 0;
	char	   *b = buf[k++ & 3];
	size_t		n;

	if (t->body_end - t->body_start >= sizeof(buf[0]))
		return "<too long>";
	n = tr_turn_body(text, &last_doc, t, b);
	CHECK(n <= t->body_end - t->body_start, "clean body grew");
	b[n] = '\0';
	return b;
}

static TrDoc
parse(const char *text)
{
	TrDoc		doc;
	size_t		err;
	TrParseStatus st = tr_parse(text, strlen(text), &doc, &err);

	CHECK(st == TR_OK, "parse failed: %d at %zu", (int) st, err);
	last_doc = doc;
	return doc;
}

#define EXPECT_STR(doc, s, want) \
	CHECK(strcmp(str(doc, s), want) == 0, "%s: got '%s', want '%s'", #s, str(doc, s), want)

/* ---------- State Department press availability ---------- */
static void
test_state(void)
{
	const char *text =
		"Asia: Joint Press Availability With Ruritanian Foreign Minister Ivan Petrovsky\n\n"
		"Press Availability\n\n"
		"Jane Q. Doeson\n\n"
		"Secretary of State\n\n"
		"Grand Palace Hotel\n"
		"Zenda, Ruritania\n"
		"March 3, 2021\n\n"
		"MODERATOR: (Via interpreter) Good day. We begin the press conference.\n\n"
		"FOREIGN MINISTER PETROVSKY: (Via interpeter) Thank you. We met for three hours (as planned).\n\n"
		"Our talks covered trade.\n\n"
		"SECRETARY DOESON: Thank you, Ivan. I thank Prime[i] Minister Petrovsky. (Laughter.) We agreed.\n\n"
		"MODERATOR: (Via interpreter) Daily Courier newspaper, please.\n\n"
		"QUESTION: (Via interpreter) Thank you. Anna Belova, Daily Courier newspaper. A question to both.\n\n"
		"And a question to Mr. Petrovsky: Will you go on?\n\n"
		"MR PRICE: We're going to go to Tom Archer from Metro News.\n\n"
		"QUESTION: Thank you very much. I want to ask about trade.\n\n"
		"MS. LANE: Rosa Mint, AFP.\n\n"
		"QUESTION: Great. Thanks. My question is short.\n\n"
		"SECRETARY DOESON: Short answer.\n\n"
		"[i] Foreign Minister Petrovsky\n";
	TrDoc		doc = parse(text);
	const TrTurn *t = doc.turns;

	CHECK(doc.n_turns == 10, "state: %u turns", doc.n_turns);
	if (doc.n_turns != 10)
		return;
	EXPECT_STR(&doc, doc.meta.title, "Asia: Joint Press Availability With Ruritanian Foreign Minister Ivan Petrovsky");
	EXPECT_STR(&doc, doc.meta.event_date, "2021-03-03");
	EXPECT_STR(&doc, doc.meta.place, "Zenda, Ruritania");
	EXPECT_STR(&doc, doc.meta.principal, "Jane Q. Doeson");
	EXPECT_STR(&doc, doc.meta.language, "en");

	CHECK(strcmp(label(text, &t[0]), "MODERATOR") == 0, "label 0");
	CHECK(t[0].role == TR_ROLE_MODERATOR, "moderator role");
	CHECK(t[0].flags & TR_TURN_INTERPRETED, "interpreted");
	CHECK(strcmp(body(text, &t[0]), "Good day. We begin the press conference.") == 0,
		  "body 0: %s", body(text, &t[0]));
	EXPECT_STR(&doc, t[1].speaker, "Ivan Petrovsky");
	EXPECT_STR(&doc, t[1].speaker_key, "petrovski");
	CHECK(t[1].flags & TR_TURN_INTERPRETED, "typo of interpreter is a note");
	CHECK(strcmp(body(text, &t[1]),
				 "Thank you. We met for three hours (as planned).\n\nOur talks covered trade.") == 0,
		  "body 1: %s", body(text, &t[1]));
	EXPECT_STR(&doc, t[2].speaker, "Jane Q. Doeson");
	EXPECT_STR(&doc, t[2].speaker_key, "doeson");
	CHECK(!(t[2].flags & TR_TURN_INTERPRETED), "not interpreted");
	CHECK(strcmp(body(text, &t[2]),
				 "Thank you, Ivan. I thank Prime Minister Petrovsky. We agreed.") == 0,
		  "body 2: %s", body(text, &t[2]));
	/* self-identified questioner; the question goes on in a paragraph
	 * that opens with 'And a question to Mr. Petrovsky:' (not a label) */
	CHECK(t[4].role == TR_ROLE_QUESTIONER, "questioner");
	EXPECT_STR(&doc, t[4].speaker, "Anna Belova");
	EXPECT_STR(&doc, t[4].affiliation, "Daily Courier newspaper");
	CHECK(strstr(body(text, &t[4]), "And a question to Mr. Petrovsky: Will you go on?") != NULL,
		  "question continues");
	EXPECT_STR(&doc, t[5].speaker, "Mr Price");
	EXPECT_STR(&doc, t[5].speaker_key, "price");
	/* called on by the turn before */
	EXPECT_STR(&doc, t[6].speaker, "Tom Archer");
	EXPECT_STR(&doc, t[6].affiliation, "Metro News");
	EXPECT_STR(&doc, t[7].speaker, "Ms. Lane");
	EXPECT_STR(&doc, t[8].speaker, "Rosa Mint");
	EXPECT_STR(&doc, t[8].speaker_key, "mint");
	EXPECT_STR(&doc, t[8].affiliation, "AFP");
	/* the footnote is in no turn */
	CHECK(strcmp(body(text, &t[9]), "Short answer.") == 0, "last body: %s", body(text, &t[9]));
	CHECK(t[9].end == (uint32_t) (strstr(text, "Short answer.") - text + 13), "span end");
	tr_doc_free(&doc);
}

/* ---------- Foreign Ministry, English page ---------- */
static void
test_ministry(void)
{
	const char *text =
		"2 April 202014:30\n\n"
		"Foreign Minister Ivan Petrovsky’s remarks and answers to media questions following talks "
		"with US Secretary of State Jane Doeson, Zenda, April 1, 2020\n\n\n"
		"  \xE2\x80\xA2 de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1\n\n"
		"Ladies and gentlemen,\n\n"
		"We had good talks.\n\n"
		"Question (to Jane Doeson): Will you come back?\n\n"
		"Ivan Petrovsky (speaks after Jane Doeson): We hope so.\n\n"
		"Question (addressed to Jane Doeson): And trade?\n\n"
		"Ivan Petrovsky: Trade matters.\n\n"
		"Additional materials\n\n"
		"Question: not a turn\n\n"
		"Advanced settings\n";
	TrDoc		doc = parse(text);
	const TrTurn *t = doc.turns;

	CHECK(doc.n_turns == 5, "ministry: %u turns", doc.n_turns);
	if (doc.n_turns != 5)
		return;
	EXPECT_STR(&doc, doc.meta.event_date, "2020-04-01");
	EXPECT_STR(&doc, doc.meta.place, "Zenda");
	EXPECT_STR(&doc, doc.meta.principal, "Ivan Petrovsky");
	CHECK(t[0].label_len == 0 && (t[0].flags & TR_TURN_UNLABELLED), "unlabelled opening");
	EXPECT_STR(&doc, t[0].speaker, "Ivan Petrovsky");
	CHECK(strcmp(body(text, &t[0]), "Ladies and gentlemen,\n\nWe had good talks.") == 0,
		  "opening body: %s", body(text, &t[0]));
	CHECK(strcmp(label(text, &t[1]), "Question (to Jane Doeson)") == 0, "q label");
	EXPECT_STR(&doc, t[1].addressee, "Jane Doeson");
	EXPECT_STR(&doc, t[1].speaker, "<NULL>");
	EXPECT_STR(&doc, t[1].speaker_key, "<NULL>");
	EXPECT_STR(&doc, t[2].speaker, "Ivan Petrovsky");
	EXPECT_STR(&doc, t[3].addressee, "Jane Doeson");
	CHECK(strcmp(body(text, &t[4]), "Trade matters.") == 0, "last: %s", body(text, &t[4]));
	tr_doc_free(&doc);
}

/* ---------- White House ---------- */
static void
test_white_house(void)
{
	const char *text =
		"---\n"
		"date: '2022-05-06'\n"
		"title: \"Press Briefing by Press Secretary Mara\\_Quill, May 6,\\_\\\n"
		"  \\ 2022\"\n"
		"---\n"
		" \n"
		"James Room\n"
		"\n"
		"1:05 P.M. EDT\n"
		"\xC2\xA0 \n"
		"MS. QUILL:\xC2\xA0 Good afternoon.\xC2\xA0 We have one\n"
		"announcement today. (Laughter.)\n"
		"\n"
		"(Laughter.)\n"
		"\n"
		"Q\xC2\xA0\xC2\xA0\xC2\xA0 Thanks, Mara.\xC2\xA0 On the budget, when\n"
		"does it come?\n"
		"\n"
		"MS. QUILL:\xC2\xA0 Soon.\n"
		"Q    Does the President agree?\n"
		"\n"
		"THE PRESIDENT:  Yes.\n"
		"\n"
		"AUDIENCE MEMBER:  We love you!\n"
		"\n"
		"AUDIENCE MEMBER:  Why now?\n"
		"\n"
		"Let me be clear: this is not a label.\n"
		"\n"
		"END\n"
		"\n"
		"1:40 P.M. EDT\n"
		"\n"
		"\\###\n";
	TrDoc		doc = parse(text);
	const TrTurn *t = doc.turns;

	CHECK(doc.n_turns == 7, "white house: %u turns", doc.n_turns);
	if (doc.n_turns != 7)
		return;
	EXPECT_STR(&doc, doc.meta.title, "Press Briefing by Press Secretary Mara Quill, May 6, 2022");
	EXPECT_STR(&doc, doc.meta.event_date, "2022-05-06");
	EXPECT_STR(&doc, doc.meta.place, "James Room");
	EXPECT_STR(&doc, doc.meta.principal, "Mara Quill");
	EXPECT_STR(&doc, t[0].speaker, "Mara Quill");
	EXPECT_STR(&doc, t[0].speaker_key, "quil");	/* doubled letters fold */
	/* bodies keep the document's own line breaks and spacing */
	CHECK(strcmp(body(text, &t[0]), "Good afternoon.\xC2\xA0 We have one\nannouncement today.") == 0,
		  "wh body 0: '%s'", body(text, &t[0]));
	CHECK(strcmp(label(text, &t[1]), "Q") == 0, "Q label");
	CHECK(t[1].role == TR_ROLE_QUESTIONER, "Q role");
	CHECK(strcmp(body(text, &t[1]), "Thanks, Mara.\xC2\xA0 On the budget, when\ndoes it come?") == 0,
		  "wh body 1: '%s'", body(text, &t[1]));
	/* a Q right after a sentence, without the blank line */
	CHECK(strcmp(label(text, &t[3]), "Q") == 0, "Q without blank line");
	/* the title names no president: the office stays the speaker */
	EXPECT_STR(&doc, t[4].speaker, "The President");
	EXPECT_STR(&doc, t[4].speaker_key, "president");
	CHECK(t[5].role == TR_ROLE_OTHER, "audience member who does not ask");
	CHECK(t[6].role == TR_ROLE_QUESTIONER, "audience member who asks");
	CHECK(strstr(body(text, &t[6]), "Let me be clear: this is not a label.") != NULL,
		  "not a label");
	CHECK(strstr(body(text, &t[6]), "END") == NULL, "END is furniture");
	tr_doc_free(&doc);
}

/* ---------- Russian labels, broadcast, UN ---------- */
static void
test_other_formats(void)
{
	const char *ru =
		"Вопрос (адресован Д.Джонсу): Когда?\n\n"
		"И.С.Петровский: Скоро.\n\n"
		"Вопрос: А вы?\n\n"
		"И.Петровский: Тоже.\n";
	const char *cnn =
		"[11:00:00] ANNA KLEIN, GLOBE NEWS HOST: Welcome.\n\n"
		"IVAN PETROVSKY, RURITANIAN FOREIGN MINISTER (through translator): Hello.\n\n"
		"(BEGIN VIDEOTAPE)\n\n"
		"UNIDENTIFIED MALE: Hey.\n\n"
		"PETROVSKY: (CROSSTALK) We agree.\n";
	const char *un =
		"The President: I give the floor to the representative.\n\n"
		"Mr. Petrovsky (Ruritania) (spoke in Ruritanian): Thank you.\n";
	TrDoc		doc = parse(ru);

	CHECK(doc.n_turns == 4, "ru: %u turns", doc.n_turns);
	if (doc.n_turns == 4)
	{
		EXPECT_STR(&doc, doc.meta.language, "ru");
		EXPECT_STR(&doc, doc.turns[0].addressee, "Д.Джонсу");
		CHECK(doc.turns[0].role == TR_ROLE_QUESTIONER, "Вопрос is a question");
		EXPECT_STR(&doc, doc.turns[1].speaker_key, "petrovski");
		EXPECT_STR(&doc, doc.turns[3].speaker_key, "petrovski");
		/* characters, not bytes: 'Вопрос (адресован Д.Джонсу): Когда?' */
		CHECK(doc.turns[0].char_start == 1 && doc.turns[0].char_end == 36,
			  "char span %u-%u", doc.turns[0].char_start, doc.turns[0].char_end);
	}
	tr_doc_free(&doc);

	doc = parse(cnn);
	CHECK(doc.n_turns == 4, "cnn: %u turns", doc.n_turns);
	if (doc.n_turns == 4)
	{
		CHECK(strcmp(label(cnn, &doc.turns[0]), "ANNA KLEIN, GLOBE NEWS HOST") == 0,
			  "time stamp not in label");
		CHECK(doc.turns[0].role == TR_ROLE_MODERATOR, "host moderates");
		EXPECT_STR(&doc, doc.turns[0].affiliation, "GLOBE NEWS");
		EXPECT_STR(&doc, doc.turns[1].speaker, "Ivan Petrovsky");
		CHECK(doc.turns[1].flags & TR_TURN_INTERPRETED, "through translator");
		CHECK(doc.turns[2].role == TR_ROLE_OTHER, "unidentified");
		EXPECT_STR(&doc, doc.turns[2].speaker_key, "unidentified male");
		EXPECT_STR(&doc, doc.turns[3].speaker, "Ivan Petrovsky");
		CHECK(strcmp(body(cnn, &doc.turns[3]), "We agree.") == 0, "crosstalk");
	}
	tr_doc_free(&doc);

	doc = parse(un);
	CHECK(doc.n_turns == 2, "un: %u turns", doc.n_turns);
	if (doc.n_turns == 2)
	{
		EXPECT_STR(&doc, doc.turns[1].affiliation, "Ruritania");
		EXPECT_STR(&doc, doc.turns[1].speaker_key, "petrovski");
		CHECK(doc.turns[1].flags & TR_TURN_INTERPRETED, "spoke in");
	}
	tr_doc_free(&doc);
}

/* ---------- Congressional Record ---------- */
static void
test_congress(void)
{
	const char *text =
		"<html>\n<head>\n<title>Congressional Record, Volume 1 (Monday, June 2, 2003)</title>\n"
		"</head>\n<body><pre>\n[Congressional Record Volume 1]\n\n"
		"                          SOME BUSINESS\n\n"
		"  Mr. DOE. Mr. President, I ask unanimous consent that the\n"
		"order be rescinded.\n"
		"  The PRESIDING OFFICER (Mr. Roe). Without objection, it is so\n"
		"ordered.\n"
		"  Mr. SMITH of New Jersey. Mr. President, I rise\n\n"
		"[[Page S12]]\n\n"
		"to speak on the bill.\n"
		"  Mr. President, I yield.\n"
		"  Mr. DOE addressed the Chair.\n"
		"  The PRESIDING OFFICER. The Senator is recognized.\n\n"
		"                          ____________________\n\n"
		"</pre></body>\n</html>\n";
	TrDoc		doc = parse(text);
	const TrTurn *t = doc.turns;

	CHECK(doc.n_turns == 4, "congress: %u turns", doc.n_turns);
	if (doc.n_turns != 4)
		return;
	EXPECT_STR(&doc, doc.meta.event_date, "2003-06-02");
	CHECK(strcmp(label(text, &t[0]), "Mr. DOE") == 0, "label");
	EXPECT_STR(&doc, t[1].speaker, "Mr. Roe");
	CHECK(t[1].role == TR_ROLE_MODERATOR, "presiding officer");
	EXPECT_STR(&doc, t[2].speaker_key, "smith/new jersey");
	CHECK(strcmp(body(text, &t[2]),
				 "Mr. President, I rise to speak on the bill.\n  Mr. President, I yield.") == 0,
		  "congress body: '%s'", body(text, &t[2]));
	EXPECT_STR(&doc, t[3].speaker_key, "presiding officer");
	tr_doc_free(&doc);
}

/* ---------- keys ---------- */
static void
test_keys(void)
{
	const char *same[] = {
		"FOREIGN MINISTER LAVROV", "Sergey Lavrov", "Sergei Lavrov",
		"С.В.Лавров", "LAVROV", "Lavrov", "Mr. Lavrov", "Lavrov's", NULL
	};
	size_t		l0,
				l;
	char	   *k0 = tr_speaker_key(same[0], strlen(same[0]), &l0);

	CHECK(k0 != NULL && strcmp(k0, "lavrov") == 0, "lavrov key: %s", k0 ? k0 : "NULL");
	for (int i = 1; same[i]; i++)
	{
		char	   *k = tr_speaker_key(same[i], strlen(same[i]), &l);

		CHECK(k != NULL && k0 != NULL && strcmp(k, k0) == 0, "key of %s: %s", same[i],
			  k ? k : "NULL");
		tr_free(k);
	}
	tr_free(k0);
	{
		const char *pairs[][2] = {
			{"Vladimir Solovyov", "Владимир Соловьёв"},
			{"Natalya Petrova", "Natalia Petrova"},
			{"Zelenskyy", "Зеленский"},
			{"Zakharova", "Захарова"},
			{"MODERATOR", "Moderator"},
			{"The PRESIDING OFFICER", "THE PRESIDING OFFICER"},
		};

		for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		{
			char	   *a = tr_speaker_key(pairs[i][0], strlen(pairs[i][0]), &l);
			char	   *b = tr_speaker_key(pairs[i][1], strlen(pairs[i][1]), &l);

			CHECK(a && b && strcmp(a, b) == 0, "%s / %s: %s / %s", pairs[i][0],
				  pairs[i][1], a ? a : "NULL", b ? b : "NULL");
			if (a)
				tr_free(a);
			if (b)
				tr_free(b);
		}
	}
	CHECK(tr_speaker_key("Q", 1, &l) == NULL, "Q has no key");
	CHECK(tr_speaker_key("Question", 8, &l) == NULL, "Question has no key");
	CHECK(tr_speaker_key("", 0, &l) == NULL, "empty has no key");
}

/* ---------- errors ---------- */
static void
test_errors(void)
{
	TrDoc		doc;
	size_t		err;

	CHECK(tr_parse("ab\xC3(cd", 6, &doc, &err) == TR_ERR_BAD_UTF8 && err == 2,
		  "bad utf8 at %zu", err);
	CHECK(doc.n_turns == 0 && doc.turns == NULL, "empty doc on error");
	CHECK(tr_parse("abc\0def", 7, &doc, &err) == TR_ERR_NUL && err == 3, "nul");
	CHECK(tr_parse("\xED\xA0\x80", 3, &doc, &err) == TR_ERR_BAD_UTF8, "surrogate");
	CHECK(tr_parse("\xC0\x80", 2, &doc, &err) == TR_ERR_BAD_UTF8, "overlong");
	CHECK(tr_parse("", 0, &doc, &err) == TR_OK && doc.n_turns == 0, "empty text");
	tr_doc_free(&doc);

	/* inputs a fuzzer found: reads at the very end of the text */
	{
		const char *ends[] = {
			"Thursday",
			"QUESTION: Thanks",
			"QUESTION: Thank you.",
			"<title>Congressional Record by Senator Ann Bee and Senator Cy Dee and "
			"Senator Ed Eff and Senator Gus Hay and Senator Ivy Jay and Senator Kim Lee "
			"and Senator Mo Nee and Senator Oz Pea and Senator Qi Ray</title><pre>\n",
		};

		for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		{
			CHECK(tr_parse(ends[i], strlen(ends[i]), &doc, &err) == TR_OK, "end case %zu", i);
			tr_doc_free(&doc);
		}
	}
}

/* ---------- linear time on hostile input ---------- */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Parse n bytes made by repeating unit; must take well under a second. */
static void
hostile(const char *name, const char *unit, size_t n)
{
	size_t		ul = strlen(unit);
	char	   *text = malloc(n);
	TrDoc		doc;
	size_t		err;
	double		t0;
	char	   *out;

	for (size_t i = 0; i < n; i++)
		text[i] = unit[i % ul];
	/* do not end inside a character */
	while (n > 0 && ((unsigned char) text[n - 1] & 0x80))
		n--;
	t0 = now();
	CHECK(tr_parse(text, n, &doc, &err) == TR_OK, "%s: parse", name);
	out = malloc(n + 1);
	for (uint32_t i = 0; i < doc.n_turns; i++)
		CHECK(tr_turn_body(text, &doc, &doc.turns[i], out) <=
			  doc.turns[i].body_end - doc.turns[i].body_start, "%s: body", name);
	CHECK(now() - t0 < 3.0, "%s: %.2f s for %zu bytes", name, now() - t0, n);
	tr_doc_free(&doc);
	free(out);
	free(text);
}

static void
test_hostile(void)
{
	size_t		mb4 = 4 << 20;

	hostile("colons", ":", mb4);
	hostile("one paragraph", "word ", mb4);
	hostile("labels", "\nMR. A:\n", mb4);
	hostile("distinct labels", "\nMR. ABCDEFGHIJ:\nQ x\n", mb4);
	hostile("open parens", "(", mb4);
	hostile("unbalanced", "(Laughter. ((x) [i] [[Page ", mb4);
	hostile("blank lines", "\n \xC2\xA0\n", mb4);
	hostile("long label-like", "\nSECRETARY SECRETARY SECRETARY SECRETARY SECRETARY SECRETARY", mb4);
	hostile("congress", "<pre>\n  Mr. DOE. Mr. President,\n", mb4);
	hostile("questions", "\n\nQUESTION: Thank you. Thank you. Ann Lee, A B C D E F G H.\n\nMR. B: go to Ann Lee from X", mb4);
}

/* Random bytes: no crash, and bodies never grow. */
static void
test_random(void)
{
	const char *pieces[] = {
		"\n", "\n\n", "  ", "\xC2\xA0", "Q ", "MR. X:", "(", ")", "[i]", "[[Page S1]]",
		"Question (to A B):", "(Laughter.)", "END", "\\###", "---\n", "title: \"a\\_b\"\n",
		"Sergey Lavrov:", "С.В.Лавров:", "4:03 P.M. EST", "May 14, 2019", "word", ".", ",",
		"<pre>", "  Mr. DOE.", "The PRESIDING OFFICER.", "\xE2\x80\x94", "\xE2\x80\x99s", ":"
	};
	unsigned	seed = 12345;
	char	   *buf = malloc(8192);
	char	   *out = malloc(8192);

	for (int iter = 0; iter < 3000; iter++)
	{
		size_t		n = 0;
		TrDoc		doc;
		size_t		err;

		while (n < 4000)
		{
			const char *p;
			size_t		pl;

			seed = seed * 1103515245 + 12345;
			p = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
			pl = strlen(p);
			memcpy(buf + n, p, pl);
			n += pl;
			seed = seed * 1103515245 + 12345;
			if (((seed >> 16) & 31) == 0)
				break;
		}
		if (tr_parse(buf, n, &doc, &err) != TR_OK)
			continue;
		for (uint32_t i = 0; i < doc.n_turns; i++)
		{
			const TrTurn *t = &doc.turns[i];

			CHECK(t->start <= t->body_start && t->body_start <= t->body_end &&
				  t->body_end <= t->end && t->end <= n, "random: span");
			CHECK(i == 0 || doc.turns[i - 1].end <= t->start, "random: order");
			CHECK(tr_turn_body(buf, &doc, t, out) <=
				  t->body_end - t->body_start, "random: body");
		}
		tr_doc_free(&doc);
	}
	free(buf);
	free(out);
}

int
main(void)
{
	test_state();
	test_ministry();
	test_white_house();
	test_other_formats();
	test_congress();
	test_keys();
	test_errors();
	test_hostile();
	test_random();
	printf("test_parse: %d checks, %d failures\n", checks, failures);
	return failures ? 1 : 0;
}
