/*
 * test_tagger.c
 *		Unit tests of the topic tagger core (no server).
 *
 *	test_tagger.bin				run the tests; the corpus parts run when
 *								../shared/corpus (or $TR_CORPUS) exists
 *	test_tagger.bin bench N [R]	tag the White House corpus R times with N
 *								terms and print MB/s of CPU time (for perf
 *								and callgrind); with TR_BENCH_NOHIT set, all
 *								but 100 terms are words that never occur
 */
#define _DEFAULT_SOURCE
#include "tr_mem.h"
#include "tr_tagger.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <stdint.h>
#include <time.h>

static int failures = 0;
static int checks = 0;

#define CHECK(cond, ...) \
	do { \
		checks++; \
		if (!(cond)) \
		{ \
			failures++; \
			fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
			fprintf(stderr, __VA_ARGS__); \
			fprintf(stderr, "\n"); \
		} \
	} while (0)

/* ------------------------------------------------------------------ */

typedef struct Def
{
	const char *topic;
	const char *term;
	unsigned	flags;
} Def;

static TrTagger *
compile_defs(const Def *defs, size_t n)
{
	TrTermDef  *d = calloc(n ? n : 1, sizeof(TrTermDef));
	TrTagger   *t;
	size_t		bad;
	TrTermStatus st;

	for (size_t i = 0; i < n; i++)
	{
		d[i].topic = defs[i].topic;
		d[i].topic_len = strlen(defs[i].topic);
		d[i].term = defs[i].term;
		d[i].term_len = strlen(defs[i].term);
		d[i].flags = defs[i].flags;
	}
	st = tr_tagger_compile(d, n, &t, &bad);
	free(d);
	if (st != TR_TERM_OK)
	{
		fprintf(stderr, "compile failed at %zu: %s\n", bad, tr_term_status_message(st));
		exit(1);
	}
	return t;
}

/*
 * Tag text and render the hits as "topic|term|matched|cs|ce;" for
 * comparison with an expected string.
 */
static char *
render(const TrTagger *t, const char *text)
{
	TrHitList	hl = {0};
	static char buf[8192];
	size_t		n = 0;

	buf[0] = '\0';
	if (!tr_tag(t, text, strlen(text), &hl))
		return strcpy(buf, "ERROR");
	for (size_t i = 0; i < hl.n; i++)
	{
		const TrTopicHit *h = &hl.hits[i];
		size_t		tl,
					ml;
		const char *topic = tr_tagger_topic(t, h->topic, &tl);
		const char *term = tr_tagger_term(t, h->term, &ml);

		n += (size_t) snprintf(buf + n, sizeof(buf) - n, "%.*s|%.*s|%.*s|%u|%u;",
							   (int) tl, topic, (int) ml, term,
							   (int) (h->end - h->start), text + h->start,
							   h->char_start, h->char_end);
	}
	tr_hit_list_free(&hl);
	return buf;
}

#define EXPECT_TAG(t, text, expected) \
	do { \
		const char *got_ = render((t), (text)); \
		CHECK(strcmp(got_, (expected)) == 0, "tag(%s)\n   got: %s\n  want: %s", \
			  (text), got_, (expected)); \
	} while (0)

/* ------------------------------------------------------------------ */

static char *
tokens(const char *text, bool icu)
{
	size_t		n;
	char	   *s = tr_tagger_debug_tokens(text, strlen(text), icu, &n);

	return s;
}

static void
test_tokens(void)
{
	static const char *cases[][2] = {
		{"Iran's", "0:4:w:iran\n4:5:p:'\n5:6:w:s\n"},
		{"U.S. sanctions", "0:3:w:u.s\n3:4:p:.\n5:14:w:sanctions\n"},
		{"1,000.5 troops", "0:7:w:1,000.5\n8:14:w:troops\n"},
		{"СНВ-3", "0:6:w:снв\n6:7:p:-\n7:8:w:3\n"},
		{"Ёлка", "0:8:w:елка\n"},
		{"New\n  START", "0:3:w:new\n6:11:w:start\n"},
		{"a_b c:d e.f", "0:3:w:a_b\n4:5:w:c\n5:6:p::\n6:7:w:d\n8:11:w:e.f\n"},
		{"it\xe2\x80\x99s \xe2\x80\x9c" "fine\xe2\x80\x9d \xe2\x80\x94 ok",
		"0:2:w:it\n2:5:p:'\n5:6:w:s\n7:10:p:\"\n10:14:w:fine\n14:17:p:\"\n18:21:p:-\n22:24:w:ok\n"},
		{"Q\xc2\xa0So", "0:1:w:q\n3:5:w:so\n"},
		{"caf\xc3\xa9 Caf\xc3\xa9", "0:5:w:caf\xc3\xa9\n6:11:w:caf\xc3\xa9\n"},
		{"\xef\xbc\xa9\xef\xbd\x92\xef\xbd\x81\xef\xbd\x8e", "0:12:w:iran\n"},	/* full width */
		{"", ""},
		{"   \n\t ", ""},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		for (int icu = 0; icu < 2; icu++)
		{
			char	   *got = tokens(cases[i][0], icu);

			CHECK(got && strcmp(got, cases[i][1]) == 0, "tokens(%s, icu=%d)\n   got: %s\n  want: %s",
				  cases[i][0], icu, got ? got : "NULL", cases[i][1]);
			free(got);
		}
	}
}

static void
test_stems(void)
{
	static const char *groups[][6] = {
		{"sanction", "sanctions", "sanctioned", "sanctioning", NULL},
		{"policy", "policies", NULL},
		{"tax", "taxes", NULL},
		{"case", "cases", NULL},
		{"negotiate", "negotiates", "negotiated", "negotiating", NULL},
		{"stop", "stops", "stopped", "stopping", NULL},
		{"process", "processes", NULL},
		{"talk", "talks", "talked", "talking", NULL},
	};
	char		a[64],
				b[64];

	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++)
	{
		tr_tagger_debug_stem(groups[g][0], strlen(groups[g][0]), a, sizeof(a));
		for (int k = 1; groups[g][k]; k++)
		{
			tr_tagger_debug_stem(groups[g][k], strlen(groups[g][k]), b, sizeof(b));
			CHECK(strcmp(a, b) == 0, "stem(%s)=%s but stem(%s)=%s", groups[g][0], a,
				  groups[g][k], b);
		}
	}
	/* words that must keep their ending */
	tr_tagger_debug_stem("status", 6, a, sizeof(a));
	CHECK(strcmp(a, "status") == 0, "stem(status)=%s", a);
	tr_tagger_debug_stem("crisis", 6, a, sizeof(a));
	CHECK(strcmp(a, "crisis") == 0, "stem(crisis)=%s", a);
	tr_tagger_debug_stem("венесуэла", strlen("венесуэла"), a, sizeof(a));
	CHECK(strcmp(a, "венесуэл") == 0, "stem(венесуэла)=%s", a);
	tr_tagger_debug_stem("снв", strlen("снв"), a, sizeof(a));
	CHECK(strcmp(a, "снв") == 0, "stem(снв)=%s", a);
}

/*
 * An inflected English term matches exactly the words whose stem is its
 * stem: the tagger finds them through forms compiled from the stem, and
 * must find every one (and nothing else).  Terms are every other word of
 * the list, text is every word; with the corpus, its words are added.
 */
static void
check_inflected_forms(const char **list, size_t n)
{
	TrTermDef  *d = calloc(n, sizeof(TrTermDef));
	char	  **stems = calloc(n, sizeof(char *));
	size_t		nd = 0,
				bad = 0,
				wrong = 0;
	TrTagger   *t;
	bool		seen[2];

	for (size_t i = 0; i < n; i++)
	{
		char		b[128];

		tr_tagger_debug_stem(list[i], strlen(list[i]), b, sizeof(b));
		stems[i] = strdup(b);
		if (i % 2 == 0)
		{
			d[nd].topic = "x";
			d[nd].topic_len = 1;
			d[nd].term = list[i];
			d[nd].term_len = strlen(list[i]);
			d[nd].flags = TR_TERM_INFLECT;
			nd++;
		}
	}
	CHECK(tr_tagger_compile(d, nd, &t, &bad) == TR_TERM_OK, "inflected terms refused at %zu", bad);
	for (size_t i = 0; i < n && t; i++)
	{
		bool		want = false;

		for (size_t k = 0; k < n && !want; k += 2)
			want = strcmp(stems[i], stems[k]) == 0;
		seen[0] = seen[1] = false;
		tr_tag_topics(t, list[i], strlen(list[i]), seen);
		if (seen[0] != want && wrong++ < 5)
			fprintf(stderr, "%s (stem %s): %s\n", list[i], stems[i], want ? "missed" : "matched");
	}
	CHECK(wrong == 0, "%zu of %zu words matched against their stems wrongly", wrong, n);
	for (size_t i = 0; i < n; i++)
		free(stems[i]);
	free(stems);
	free(d);
	tr_tagger_free(t);
}

static void
test_inflected_forms(void)
{
	/* pairs: a term, then a word its stem may or may not reach */
	static const char *list[] = {
		"sanction", "sanctionings", "agree", "agreeing", "agreed", "agrees",
		"stop", "stopping", "stopped", "stoppings", "policy", "policies",
		"occur", "occurring", "see", "seeing", "hope", "hoped", "hop", "hopping",
		"tax", "taxes", "case", "cases", "status", "statuses", "crisis", "crises",
		"meeting", "meetings", "brief", "briefings", "begin", "beginnings",
		"dye", "dyeing", "plan", "planned", "planning", "plans", "talks", "talked",
		"studies", "study", "studied", "studying", "ties", "tie", "lies", "lying",
		"focus", "focused", "focussed", "refer", "referred", "sanctioneds", "sanctioned",
		"bless", "blessed", "process", "processes", "plus", "pluses", "opus", "dyes",
	};

	check_inflected_forms(list, sizeof(list) / sizeof(list[0]));
}

static void
test_check(void)
{
	static const struct
	{
		const char *topic;
		const char *term;
		unsigned	flags;
		TrTermStatus want;
	}			cases[] = {
		{"t", "Iran", 0, TR_TERM_OK},
		{"t", "New START", 0, TR_TERM_OK},
		{"t", "U.S.", 0, TR_TERM_OK},
		{"t", "СНВ-3", 0, TR_TERM_OK},
		{"t", "", 0, TR_TERM_EMPTY},
		{"t", "  \n ", 0, TR_TERM_EMPTY},
		{"t", "--", 0, TR_TERM_NO_WORD},
		{"t", "«»", 0, TR_TERM_NO_WORD},
		{"t", "a\x01" "b", 0, TR_TERM_CONTROL},
		{"t", "\xff", 0, TR_TERM_BAD_UTF8},
		{"t", "INF", TR_TERM_CASE_SENSITIVE | TR_TERM_INFLECT, TR_TERM_CASE_INFLECT},
		{"t", "a b c d e f g h i j k l m n o p", 0, TR_TERM_OK},
		{"t", "a b c d e f g h i j k l m n o p q", 0, TR_TERM_TOO_MANY_TOKENS},
		{"", "Iran", 0, TR_TERM_BAD_TOPIC},
		{"  ", "Iran", 0, TR_TERM_BAD_TOPIC},
		{"a\nb", "Iran", 0, TR_TERM_BAD_TOPIC},
		{"t", "\xe2\x80\x8d", 0, TR_TERM_EMPTY},	/* zero width joiner only */
	};
	char		longterm[300];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		TrTermStatus st = tr_term_check(cases[i].topic, strlen(cases[i].topic),
										cases[i].term, strlen(cases[i].term),
										cases[i].flags);

		CHECK(st == cases[i].want, "check(%s) = %d (%s), want %d", cases[i].term, st,
			  tr_term_status_message(st), cases[i].want);
	}
	memset(longterm, 'a', sizeof(longterm));
	CHECK(tr_term_check("t", 1, longterm, 257, 0) == TR_TERM_TOO_LONG, "257 bytes");
	CHECK(tr_term_check("t", 1, longterm, 256, 0) == TR_TERM_OK, "256 bytes");
}

static void
test_matching(void)
{
	static const Def defs[] = {
		{"arms_control", "New START", 0},
		{"arms_control", "New START Treaty", 0},
		{"arms_control", "START", TR_TERM_CASE_SENSITIVE},
		{"arms_control", "INF", TR_TERM_CASE_SENSITIVE},
		{"arms_control", "INF Treaty", 0},
		{"arms_control", "СНВ-3", 0},
		{"sanctions", "sanction", TR_TERM_INFLECT},
		{"sanctions", "санкция", TR_TERM_INFLECT},
		{"venezuela", "Venezuela", 0},
		{"venezuela", "Венесуэла", TR_TERM_INFLECT},
		{"venezuela", "Maduro", 0},
		{"venezuela", "Мадуро", 0},
		{"iran", "Iran", 0},
		{"iran", "Iran nuclear deal", 0},
		{"iran", "JCPOA", 0},
		{"korea", "Korea", 0},
		{"korea", "North Korea", 0},
		{"korea", "Корея", TR_TERM_INFLECT},
		{"us", "U.S.", 0},
		{"ukraine", "Minsk agreements", TR_TERM_INFLECT},
		{"ukraine", "Минские соглашения", TR_TERM_INFLECT},
		{"ukraine", "Crimea", 0},
		{"europe", "Crimea", 0},
		{"test", "Iran nuclear", 0},
	};
	TrTagger   *t = compile_defs(defs, sizeof(defs) / sizeof(defs[0]));

	CHECK(tr_tagger_n_topics(t) == 9, "topics %u", tr_tagger_n_topics(t));

	/* case-insensitive, positions 1-based end exclusive */
	EXPECT_TAG(t, "We discussed VENEZUELA today.",
			   "venezuela|Venezuela|VENEZUELA|14|23;");
	/* word boundaries */
	EXPECT_TAG(t, "Venezuelan oil and Iranian gas", "");
	EXPECT_TAG(t, "Iran's program", "iran|Iran|Iran|1|5;");
	/* longest match first */
	EXPECT_TAG(t, "the New START Treaty expires",
			   "arms_control|New START Treaty|New START Treaty|5|21;");
	EXPECT_TAG(t, "the New START expires", "arms_control|New START|New START|5|14;");
	EXPECT_TAG(t, "START talks", "arms_control|START|START|1|6;");
	EXPECT_TAG(t, "we start now", "");
	/* case-sensitive */
	EXPECT_TAG(t, "INF and inf and Inf", "arms_control|INF|INF|1|4;");
	EXPECT_TAG(t, "the inf treaty", "arms_control|INF Treaty|inf treaty|5|15;");
	/* inflection */
	EXPECT_TAG(t, "Sanctions, sanctioned; sanction.",
			   "sanctions|sanction|Sanctions|1|10;sanctions|sanction|sanctioned|12|22;"
			   "sanctions|sanction|sanction|24|32;");
	EXPECT_TAG(t, "Венесуэлы, Венесуэле и Венесуэла",
			   "venezuela|Венесуэла|Венесуэлы|1|10;venezuela|Венесуэла|Венесуэле|12|21;"
			   "venezuela|Венесуэла|Венесуэла|24|33;");
	EXPECT_TAG(t, "санкциями против Кореи и Корее",
			   "sanctions|санкция|санкциями|1|10;korea|Корея|Кореи|18|23;korea|Корея|Корее|26|31;");
	EXPECT_TAG(t, "о минских соглашениях", "ukraine|Минские соглашения|минских соглашениях|3|22;");
	/* not inflected: the exact form only */
	EXPECT_TAG(t, "Maduros", "");
	/* multi-word across line breaks and runs of spaces, not across punctuation */
	EXPECT_TAG(t, "the New\n   START Treaty", "arms_control|New START Treaty|New\n   START Treaty|5|24;");
	EXPECT_TAG(t, "New, START", "arms_control|START|START|6|11;");
	/* punctuation inside terms, dash variants */
	EXPECT_TAG(t, "СНВ-3 и СНВ\xe2\x80\x93" "3", "arms_control|СНВ-3|СНВ-3|1|6;arms_control|СНВ-3|СНВ\xe2\x80\x93" "3|9|14;");
	EXPECT_TAG(t, "the U.S. and U.S and us", "us|U.S.|U.S.|5|9;");
	/* one span, two topics */
	EXPECT_TAG(t, "Crimea", "europe|Crimea|Crimea|1|7;ukraine|Crimea|Crimea|1|7;");
	/* overlapping terms: leftmost wins, then longest */
	EXPECT_TAG(t, "Iran nuclear deal", "iran|Iran nuclear deal|Iran nuclear deal|1|18;");
	EXPECT_TAG(t, "Iran nuclear talks", "test|Iran nuclear|Iran nuclear|1|13;");
	EXPECT_TAG(t, "North Korea and Korea", "korea|North Korea|North Korea|1|12;korea|Korea|Korea|17|22;");
	/* curly apostrophe and no-break space (fast path) */
	EXPECT_TAG(t, "Q\xc2\xa0" "Venezuela\xe2\x80\x99s Maduro", "venezuela|Venezuela|Venezuela|3|12;venezuela|Maduro|Maduro|15|21;");
	/* non-ASCII nearby sends a stretch to ICU: same result */
	EXPECT_TAG(t, "café Venezuela Maduro", "venezuela|Venezuela|Venezuela|6|15;venezuela|Maduro|Maduro|16|22;");
	EXPECT_TAG(t, "Мадуро и Maduro", "venezuela|Мадуро|Мадуро|1|7;venezuela|Maduro|Maduro|10|16;");
	EXPECT_TAG(t, "ёлки JCPOA", "iran|JCPOA|JCPOA|6|11;");

	tr_tagger_free(t);
}

/*
 * tr_tag_topics() on text: the names of the topics found, each followed
 * by ';', must be want and the topics of tr_tag_ex()'s hits.
 */
static void
expect_topics(TrTagger *t, const char *text, const char *want)
{
	uint32_t	nt = tr_tagger_n_topics(t);
	bool	   *seen = calloc(nt + 1, sizeof(bool));
	bool	   *hit = calloc(nt + 1, sizeof(bool));
	TrHitList	hl = {0};
	char		got[1024] = "";

	CHECK(tr_tag_topics(t, text, strlen(text), seen), "tr_tag_topics(%s)", text);
	CHECK(tr_tag_ex(t, text, strlen(text), &hl, false), "tr_tag_ex(%s)", text);
	for (size_t k = 0; k < hl.n; k++)
		hit[hl.hits[k].topic] = true;
	for (uint32_t i = 0; i < nt; i++)
		if (seen[i])
		{
			size_t		len;
			const char *name = tr_tagger_topic(t, i, &len);

			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%.*s;", (int) len, name);
		}
	CHECK(strcmp(got, want) == 0, "topics(%s) = %s, want %s", text, got, want);
	CHECK(memcmp(seen, hit, nt) == 0, "topics(%s) differ from the hits' topics", text);
	tr_hit_list_free(&hl);
	free(seen);
	free(hit);
}

/*
 * tr_tag_topics() marks a one-word term after a barrier without queuing
 * it; a term word that a longer match may need is still queued.
 */
static void
test_topics(void)
{
	static const Def defs[] = {
		{"a", "alpha beta", 0},
		{"b", "beta", 0},
		{"c", "gamma", 0},
		{"d", "delta", TR_TERM_INFLECT},
		{"e", "alpha", 0},
		{"f", "beta epsilon", 0},
		{"g", "zeta", 0},
		{"h", "zeta", 0},
	};
	TrTagger   *t = compile_defs(defs, sizeof(defs) / sizeof(defs[0]));

	expect_topics(t, "alpha beta", "a;");
	expect_topics(t, "x beta", "b;");
	expect_topics(t, "gamma beta", "b;c;");
	expect_topics(t, "alpha gamma", "c;e;");
	expect_topics(t, "the deltas, gamma.", "c;d;");
	expect_topics(t, "beta epsilon gamma", "c;f;");
	expect_topics(t, "gamma alpha beta epsilon", "a;c;");
	expect_topics(t, "zeta", "g;h;");
	expect_topics(t, "nothing here", "");
	tr_tagger_free(t);
}

/*
 * tr_tag_topics() settles a word that may start a longer term as soon as
 * the next word is in no term (or the text ends), also when the block
 * boundary falls between them; a term the next word continues, a word
 * that ends no term alone, and a case-sensitive term still go the long way.
 */
static void
test_settle_alone(void)
{
	static const Def defs[] = {
		{"a", "alpha", 0},
		{"b", "alpha beta", 0},
		{"c", "beta", 0},
		{"d", "delta epsilon", 0},
		{"e", "Gamma", TR_TERM_CASE_SENSITIVE},
		{"f", "gamma ray", 0},
		{"s", "sanction", TR_TERM_INFLECT},
		{"t", "sanctions relief", 0},
	};
	TrTagger   *t = compile_defs(defs, sizeof(defs) / sizeof(defs[0]));
	char	   *big = malloc(16384 + 64);

	expect_topics(t, "alpha", "a;");
	expect_topics(t, "alpha gamma", "a;");
	expect_topics(t, "alpha beta", "b;");
	expect_topics(t, "alpha, beta", "a;c;");
	expect_topics(t, "x alpha y beta", "a;c;");
	expect_topics(t, "alpha alpha beta alpha", "a;b;");
	expect_topics(t, "delta", "");
	expect_topics(t, "delta x epsilon", "");
	expect_topics(t, "delta epsilon", "d;");
	expect_topics(t, "Gamma x", "e;");
	expect_topics(t, "gamma x", "");
	expect_topics(t, "gamma ray", "f;");
	expect_topics(t, "sanctioned", "s;");
	expect_topics(t, "sanctions x", "s;");
	expect_topics(t, "sanctions relief", "t;");
	/* around the first block's end (16 kB): 'alpha' ends it, the next word opens the next */
	for (size_t fill = 16384 - 16; fill <= 16384 + 4; fill += 2)
	{
		for (size_t i = 0; i < fill; i += 2)
			memcpy(big + i, "x ", 2);
		strcpy(big + fill, "alpha gamma");
		expect_topics(t, big, "a;");
		strcpy(big + fill, "alpha beta");
		expect_topics(t, big, "b;");
	}
	free(big);
	tr_tagger_free(t);
}

/*
 * A word that is a symbol itself and whose stem is one too: the stem comes
 * from the symbol's slot, found when the dictionary was compiled.
 */
static void
test_exact_and_stem(void)
{
	static const Def defs[] = {
		{"a", "sanctions", 0},
		{"b", "sanction", TR_TERM_INFLECT},
		{"c", "policies", 0},
		{"d", "policy", TR_TERM_INFLECT},
		{"e", "sanctions relief", 0},
		{"f", "sanction regime", TR_TERM_INFLECT},
		{"g", "taxes", 0},
		{"h", "TAX", TR_TERM_CASE_SENSITIVE},
	};
	TrTagger   *t = compile_defs(defs, sizeof(defs) / sizeof(defs[0]));

	EXPECT_TAG(t, "Sanctions", "a|sanctions|Sanctions|1|10;b|sanction|Sanctions|1|10;");
	EXPECT_TAG(t, "policies", "c|policies|policies|1|9;d|policy|policies|1|9;");
	EXPECT_TAG(t, "sanctions relief", "e|sanctions relief|sanctions relief|1|17;");
	EXPECT_TAG(t, "sanctions regimes", "f|sanction regime|sanctions regimes|1|18;");
	EXPECT_TAG(t, "sanctions regime", "f|sanction regime|sanctions regime|1|17;");
	EXPECT_TAG(t, "a taxes policy", "g|taxes|taxes|3|8;d|policy|policy|9|15;");
	EXPECT_TAG(t, "TAX taxes", "h|TAX|TAX|1|4;g|taxes|taxes|5|10;");
	expect_topics(t, "x policies", "c;d;");
	expect_topics(t, "x sanctions regime", "f;");
	tr_tagger_free(t);
}

/* a text longer than a block, with matches on block edges */
static void
test_long_text(void)
{
	static const Def defs[] = {
		{"a", "alpha beta gamma", 0},
		{"b", "beta", 0},
		{"r", "Россия", TR_TERM_INFLECT},
	};
	TrTagger   *t = compile_defs(defs, 3);
	size_t		n = 300000;
	char	   *text = malloc(n + 1);
	size_t		p = 0;
	size_t		want_a = 0,
				want_b = 0,
				want_r = 0;
	unsigned	seed = 7;
	TrHitList	hl = {0};
	size_t		got_a = 0,
				got_b = 0,
				got_r = 0;

	while (p + 40 < n)
	{
		seed = seed * 1103515245 + 12345;
		switch ((seed >> 16) % 5)
		{
			case 0:
				memcpy(text + p, "alpha  beta\ngamma ", 18);
				p += 18;
				want_a++;
				break;
			case 1:
				memcpy(text + p, "beta ", 5);
				p += 5;
				want_b++;
				break;
			case 2:
				memcpy(text + p, "России ", strlen("России "));
				p += strlen("России ");
				want_r++;
				break;
			case 3:
				memcpy(text + p, "alpha beta, ", 12);
				p += 12;
				want_b++;
				break;
			default:
				memcpy(text + p, "words here ", 11);
				p += 11;
				break;
		}
	}
	text[p] = '\0';
	CHECK(tr_tag(t, text, p, &hl), "tag long");
	for (size_t i = 0; i < hl.n; i++)
	{
		size_t		tl;
		const char *topic = tr_tagger_topic(t, hl.hits[i].topic, &tl);

		if (topic[0] == 'a')
			got_a++;
		else if (topic[0] == 'b')
			got_b++;
		else
			got_r++;
		if (i > 0)
			CHECK(hl.hits[i].start >= hl.hits[i - 1].end, "hits overlap");
	}
	CHECK(got_a == want_a && got_b == want_b && got_r == want_r,
		  "long text: a %zu/%zu b %zu/%zu r %zu/%zu", got_a, want_a, got_b, want_b, got_r, want_r);
	tr_hit_list_free(&hl);
	free(text);
	tr_tagger_free(t);
}

/* random bytes and mutated text: no crash, sane hits */
static void
test_fuzz(void)
{
	static const Def defs[] = {
		{"a", "a b", 0},
		{"b", "é", TR_TERM_INFLECT},
		{"c", "x.y", 0},
		{"d", "Россия", TR_TERM_INFLECT},
		{"e", "b", TR_TERM_CASE_SENSITIVE},
	};
	TrTagger   *t = compile_defs(defs, 5);
	unsigned	seed = 12345;
	static const char *pieces[] = {"a", "b", " ", ".", "x", "y", "é", "\xe2\x80\x99",
		"\xc2\xa0", "Россия", "\xff", "\xe2\x80", "\n", "'", "_", "1", ",", "\xcc\x81", "B",
	"\xe0\xb8\x81\xe0\xb8\xb2", "\xf0\x9f\x98\x80", "\xe2\x80\x8d"};
	int			np = sizeof(pieces) / sizeof(pieces[0]);

	for (int round = 0; round < 3000; round++)
	{
		char		buf[4096];
		size_t		n = 0;
		TrHitList	hl = {0};
		int			len;

		seed = seed * 1103515245 + 12345;
		len = (int) ((seed >> 16) % 200);
		for (int k = 0; k < len; k++)
		{
			const char *pc;

			seed = seed * 1103515245 + 12345;
			if (round % 3 == 0)
			{
				buf[n++] = (char) (seed >> 16);
				continue;
			}
			pc = pieces[(seed >> 16) % (unsigned) np];
			memcpy(buf + n, pc, strlen(pc));
			n += strlen(pc);
		}
		CHECK(tr_tag(t, buf, n, &hl), "fuzz tag");
		for (size_t i = 0; i < hl.n; i++)
		{
			CHECK(hl.hits[i].start < hl.hits[i].end && hl.hits[i].end <= n, "fuzz span");
			CHECK(hl.hits[i].char_start < hl.hits[i].char_end, "fuzz chars");
		}
		tr_hit_list_free(&hl);
		/* token streams of both paths agree on valid UTF-8 */
		if (round % 3 != 0)
		{
			size_t		l1,
						l2;
			char	   *a = tr_tagger_debug_tokens(buf, n, false, &l1);
			char	   *b = tr_tagger_debug_tokens(buf, n, true, &l2);

			CHECK(a && b && l1 == l2 && memcmp(a, b, l1) == 0,
				  "fast and ICU tokens differ on %.*s\nfast:\n%s\nicu:\n%s", (int) n, buf, a, b);
			free(a);
			free(b);
		}
	}
	tr_tagger_free(t);
}

/*
 * Every string of three characters drawn from ASCII and the other
 * characters of the fast path: both paths give the same tokens.
 */
/*
 * Same tokens, fast and ICU, on text long enough for the 64-byte block
 * scanner: every pair of characters (ASCII and the fast non-ASCII ones)
 * put at each offset around a 16-byte lane and the 64-byte window's end,
 * after white space, a letter or a digit, and followed by words, marks
 * and numbers that the window may reach; then every triple at the
 * window's end after a letter (the third from a few classes).
 */
static size_t
block_diff(const char *buf, size_t len, size_t diffs)
{
	size_t		l1,
				l2;
	char	   *x = tr_tagger_debug_tokens(buf, len, false, &l1);
	char	   *y = tr_tagger_debug_tokens(buf, len, true, &l2);

	if (!(x && y && l1 == l2 && memcmp(x, y, l1) == 0) && diffs++ < 5)
		fprintf(stderr, "block text '%.*s': fast\n%sicu\n%s", (int) len, buf, x, y);
	free(x);
	free(y);
	return diffs;
}

static void
test_block_windows(void)
{
	const char *chars[160];
	int			n = 0;
	static char ascii[128][2];
	static const char *extra[] = {"\xc2\xa0", "\xe2\x80\x99", "\xe2\x80\x94", "\xe2\x80\x9c",
	"\xe2\x80\x83", "\xc3\xa9", "\xd0\xb6"};
	static const int offsets[] = {0, 1, 15, 16, 55, 62, 63, 64};
	static const char *before[] = {" ", "a", "7", "."};
	static const char *third[] = {" ", "a", "7", ".", ",", "'", "_", "-", "\xe2\x80\x99", "\xd0\xb6"};
	const char *tail = " 9 z. 1,2 x.y end, a;b 3.5 don't \xe2\x80\x9cq\xe2\x80\x9d and more words to read here";
	size_t		diffs = 0;
	size_t		texts = 0;

	for (int c = 1; c < 128; c++)
	{
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			continue;
		ascii[c][0] = (char) c;
		ascii[c][1] = '\0';
		chars[n++] = ascii[c];
	}
	for (size_t k = 0; k < sizeof(extra) / sizeof(extra[0]); k++)
		chars[n++] = extra[k];
	for (size_t o = 0; o < sizeof(offsets) / sizeof(offsets[0]); o++)
		for (size_t w = 0; w < sizeof(before) / sizeof(before[0]); w++)
			for (int a = 0; a < n; a++)
				for (int b = 0; b < n; b++)
				{
					char		buf[256];
					int			len;

					/* spaces, then before[w] just ahead of the pair */
					memset(buf, ' ', (size_t) offsets[o]);
					len = offsets[o] > 0 ? offsets[o] - 1 : 0;
					len += snprintf(buf + len, sizeof(buf) - (size_t) len, "%s%s%s%s",
									offsets[o] > 0 ? before[w] : "", chars[a], chars[b], tail);
					diffs = block_diff(buf, (size_t) len, diffs);
					texts++;
				}
	for (int a = 0; a < n; a++)
		for (int b = 0; b < n; b++)
			for (size_t c = 0; c < sizeof(third) / sizeof(third[0]); c++)
			{
				char		buf[256];
				int			len;

				memset(buf, ' ', 62);
				buf[61] = 'q';
				len = 62 + snprintf(buf + 62, sizeof(buf) - 62, "%s%s%s%s",
									chars[a], chars[b], third[c], tail);
				diffs = block_diff(buf, (size_t) len, diffs);
				texts++;
			}
	CHECK(diffs == 0, "fast and ICU tokens differ on %zu of %zu block texts", diffs, texts);
}

static void
test_triples(void)
{
	const char *chars[128];
	int			n = 0;
	static char ascii[128][2];
	static const char *extra[] = {"\xc2\xa0", "\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x93",
		"\xe2\x80\x94", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\xa6", "\xe2\x80\x83",
	"\xc3\xa9", "\xd0\xb6"};
	size_t		diffs = 0;

	for (int c = 1; c < 128; c++)
	{
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			continue;
		ascii[c][0] = (char) c;
		ascii[c][1] = '\0';
		chars[n++] = ascii[c];
	}
	for (size_t k = 0; k < sizeof(extra) / sizeof(extra[0]); k++)
		chars[n++] = extra[k];
	for (int a = 0; a < n; a++)
		for (int b = 0; b < n; b++)
			for (int c = 0; c < n; c++)
			{
				char		buf[16];
				size_t		l1,
							l2;
				char	   *x,
						   *y;

				snprintf(buf, sizeof(buf), "%s%s%s", chars[a], chars[b], chars[c]);
				x = tr_tagger_debug_tokens(buf, strlen(buf), false, &l1);
				y = tr_tagger_debug_tokens(buf, strlen(buf), true, &l2);
				if (!(x && y && l1 == l2 && memcmp(x, y, l1) == 0) && diffs++ < 5)
					fprintf(stderr, "triple '%s': fast\n%sicu\n%s", buf, x, y);
				free(x);
				free(y);
			}
	CHECK(diffs == 0, "fast and ICU tokens differ on %zu triples", diffs);
}

/* ------------------------------------------------------------------ */
/* corpus */

typedef struct Doc
{
	char	   *text;
	size_t		len;
} Doc;

static Doc *docs = NULL;
static size_t n_docs = 0,
			docs_cap = 0;

static void
load_dir(const char *dir)
{
	DIR		   *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL)
	{
		char		path[4096];
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			load_dir(path);
		else if (S_ISREG(st.st_mode) && strstr(e->d_name, ".md"))
		{
			FILE	   *f = fopen(path, "rb");

			if (!f)
				continue;
			if (n_docs == docs_cap)
			{
				docs_cap = docs_cap ? docs_cap * 2 : 256;
				docs = realloc(docs, docs_cap * sizeof(Doc));
			}
			docs[n_docs].text = malloc((size_t) st.st_size + 1);
			docs[n_docs].len = fread(docs[n_docs].text, 1, (size_t) st.st_size, f);
			n_docs++;
			fclose(f);
		}
	}
	closedir(d);
}

static const char *
corpus_dir(void)
{
	const char *env = getenv("TR_CORPUS");

	return env ? env : "../shared/corpus";
}

static void
test_corpus_tokens(void)
{
	size_t		diffs = 0;

	for (size_t i = 0; i < n_docs; i++)
	{
		size_t		l1,
					l2;
		char	   *a = tr_tagger_debug_tokens(docs[i].text, docs[i].len, false, &l1);
		char	   *b = tr_tagger_debug_tokens(docs[i].text, docs[i].len, true, &l2);

		if (!(a && b && l1 == l2 && memcmp(a, b, l1) == 0))
		{
			if (diffs++ < 3 && a && b)
			{
				size_t		k = 0;

				while (k < l1 && k < l2 && a[k] == b[k])
					k++;
				while (k > 0 && a[k - 1] != '\n')
					k--;
				fprintf(stderr, "doc %zu: fast %.120s\n   icu %.120s\n", i, a + k, b + k);
			}
		}
		free(a);
		free(b);
	}
	CHECK(diffs == 0, "fast and ICU tokenizers differ on %zu corpus documents", diffs);
}

/* Words of the corpus, for generated dictionaries. */
static char **words = NULL;
static size_t n_words = 0;

static void
collect_words(void)
{
	size_t		cap = 0;

	for (size_t i = 0; i < n_docs && n_words < 200000; i++)
	{
		const char *s = docs[i].text;
		size_t		p = 0;

		while (p < docs[i].len)
		{
			size_t		q;

			while (p < docs[i].len && !((s[p] >= 'a' && s[p] <= 'z') || (s[p] >= 'A' && s[p] <= 'Z')))
				p++;
			q = p;
			while (q < docs[i].len && ((s[q] >= 'a' && s[q] <= 'z') || (s[q] >= 'A' && s[q] <= 'Z')))
				q++;
			if (q - p >= 4 && q - p < 20)
			{
				if (n_words == cap)
				{
					cap = cap ? cap * 2 : 1024;
					words = realloc(words, cap * sizeof(char *));
				}
				words[n_words] = strndup(s + p, q - p);
				n_words++;
			}
			p = q;
		}
	}
}

/* The same with the corpus's words (lowercase), when it is loaded. */
static void
test_inflected_forms_corpus(void)
{
	size_t		n = n_words < 20000 ? n_words : 20000;
	const char **list = calloc(n ? n : 1, sizeof(char *));
	size_t		k = 0;

	/* every 7th word, so that common and rare words both come */
	for (size_t i = 0; i < n_words && k < n; i += 7)
	{
		char	   *w = strdup(words[i]);

		for (char *c = w; *c; c++)
			*c = (char) tolower((unsigned char) *c);
		list[k++] = w;
	}
	check_inflected_forms(list, k);
	for (size_t i = 0; i < k; i++)
		free((char *) list[i]);
	free(list);
}

static int
word_cmp(const void *a, const void *b)
{
	return strcasecmp(words[*(const size_t *) a], words[*(const size_t *) b]);
}

/* distinct words of the corpus (case-insensitive), each with one occurrence */
static size_t *vocab = NULL;
static size_t *freq = NULL;
static size_t n_vocab = 0;

static int
freq_cmp(const void *a, const void *b)
{
	size_t		x = freq[*(const size_t *) a];
	size_t		y = freq[*(const size_t *) b];

	return x > y ? -1 : (x < y);
}

static void
build_vocab(void)
{
	size_t	   *idx = malloc(n_words * sizeof(size_t));

	for (size_t i = 0; i < n_words; i++)
		idx[i] = i;
	qsort(idx, n_words, sizeof(size_t), word_cmp);
	vocab = malloc(n_words * sizeof(size_t));
	freq = malloc(n_words * sizeof(size_t));
	for (size_t i = 0; i < n_words; i++)
		if (i == 0 || strcasecmp(words[idx[i]], words[idx[i - 1]]) != 0)
		{
			freq[n_vocab] = 1;
			vocab[n_vocab++] = idx[i];
		}
		else
			freq[n_vocab - 1]++;
	free(idx);

	/* leave out the 2,000 most frequent words: a taxonomy names things */
	{
		size_t	   *order = malloc(n_vocab * sizeof(size_t));
		size_t		k = 0;
		size_t		cut;

		for (size_t i = 0; i < n_vocab; i++)
			order[i] = i;
		qsort(order, n_vocab, sizeof(size_t), freq_cmp);
		cut = n_vocab > 4000 ? freq[order[2000]] : SIZE_MAX;
		for (size_t i = 0; i < n_vocab; i++)
			if (freq[i] < cut)
				vocab[k++] = vocab[i];
		n_vocab = k;
		free(order);
	}
}

/*
 * A dictionary of n terms drawn from the corpus vocabulary: half single
 * words, half a word and the word that follows it somewhere in the
 * corpus; every third term inflected.  Words are drawn uniformly from the
 * distinct words, so that, as in a real taxonomy, most terms are rare.
 */
static TrTagger *
generated_dict(size_t n, double *compile_ms)
{
	TrTermDef  *d = calloc(n, sizeof(TrTermDef));
	char	  **strs = calloc(n, sizeof(char *));
	unsigned	seed = 99;
	TrTagger   *t;
	size_t		bad;
	struct timespec t0,
				t1;

	for (size_t i = 0; i < n; i++)
	{
		char		buf[64];
		size_t		w;

		seed = seed * 1103515245 + 12345;
		w = vocab[(size_t) (seed >> 8) % n_vocab];
		if (w + 1 >= n_words)
			w--;
		if (getenv("TR_BENCH_NOHIT") && i >= 100)
			snprintf(buf, sizeof(buf), "%sqz", words[w]);	/* never in the text */
		else if (i % 2)
			snprintf(buf, sizeof(buf), "%s %s", words[w], words[w + 1]);
		else
			snprintf(buf, sizeof(buf), "%s", words[w]);
		strs[i] = strdup(buf);
		d[i].topic = (i % 3 == 0) ? "t0" : (i % 3 == 1) ? "t1" : "t2";
		d[i].topic_len = 2;
		d[i].term = strs[i];
		d[i].term_len = strlen(strs[i]);
		d[i].flags = (i % 3 == 0) ? TR_TERM_INFLECT : 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (tr_tagger_compile(d, n, &t, &bad) != TR_TERM_OK)
	{
		fprintf(stderr, "generated term %zu refused\n", bad);
		exit(1);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*compile_ms = (double) (t1.tv_sec - t0.tv_sec) * 1e3 + (double) (t1.tv_nsec - t0.tv_nsec) / 1e6;
	for (size_t i = 0; i < n; i++)
		free(strs[i]);
	free(strs);
	free(d);
	return t;
}

/*
 * Tag the corpus reps times as topics() does (tr_tag_topics: which topics,
 * no hit list) with nterms generated terms: MB/s of CPU time.  Then, not
 * timed, the hits per pass (tr_tag_ex), checking on every document that
 * tr_tag_topics found the topics of the hits and no others.
 */
static uint64_t bench_sum = UINT64_C(0xcbf29ce484222325);

static double
bench(size_t nterms, int reps, size_t *hits, double *compile_ms)
{
	TrTagger   *t = generated_dict(nterms, compile_ms);
	struct timespec t0,
				t1;
	size_t		bytes = 0;
	size_t		found = 0;
	double		sec;
	uint32_t	nt = tr_tagger_n_topics(t);
	bool	   *seen = calloc(nt + 1, sizeof(bool));
	bool	   *want = calloc(nt + 1, sizeof(bool));
	size_t		differ = 0;
	/* TR_BENCH_DOCS=k: only the first k documents (for callgrind) */
	size_t		nd = getenv("TR_BENCH_DOCS") ? (size_t) atol(getenv("TR_BENCH_DOCS")) : n_docs;

	if (nd > n_docs)
		nd = n_docs;
	*hits = 0;
	/* CPU time of this process: what one core does, on a busy machine too */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	for (int r = 0; r < reps; r++)
		for (size_t i = 0; i < nd; i++)
		{
			memset(seen, 0, nt + 1);
			tr_tag_topics(t, docs[i].text, docs[i].len, seen);
			found += seen[0];
			bytes += docs[i].len;
		}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	sec = (double) (t1.tv_sec - t0.tv_sec) + (double) (t1.tv_nsec - t0.tv_nsec) / 1e9;
	for (size_t i = 0; i < nd; i++)
	{
		TrHitList	hl = {0};

		tr_tag_ex(t, docs[i].text, docs[i].len, &hl, false);
		*hits += hl.n;
		/* a checksum of every hit, to compare versions of the tagger */
		for (size_t k = 0; k < hl.n; k++)
		{
			const TrTopicHit *x = &hl.hits[k];

			bench_sum = (bench_sum ^ x->topic) * UINT64_C(0x100000001b3);
			bench_sum = (bench_sum ^ x->term) * UINT64_C(0x100000001b3);
			bench_sum = (bench_sum ^ (uint64_t) x->start << 32 ^ x->end) * UINT64_C(0x100000001b3);
		}
		memset(seen, 0, nt + 1);
		memset(want, 0, nt + 1);
		tr_tag_topics(t, docs[i].text, docs[i].len, seen);
		for (size_t k = 0; k < hl.n; k++)
			want[hl.hits[k].topic] = true;
		differ += memcmp(seen, want, nt + 1) != 0;
		tr_hit_list_free(&hl);
	}
	CHECK(differ == 0, "%zu documents where tr_tag_topics differs from tr_tag_ex's hits", differ);
	(void) found;
	free(seen);
	free(want);
	tr_tagger_free(t);
	return (double) bytes / 1e6 / sec;
}

int
main(int argc, char **argv)
{
	char		dir[4096];

	if (argc >= 3 && strcmp(argv[1], "bench") == 0)
	{
		size_t		n = (size_t) atol(argv[2]);
		int			reps = argc >= 4 ? atoi(argv[3]) : 3;
		size_t		hits;
		double		ms,
					mbs;

		snprintf(dir, sizeof(dir), "%s/wh", corpus_dir());
		load_dir(dir);
		if (n_docs == 0)
		{
			fprintf(stderr, "no corpus at %s\n", dir);
			return 77;
		}
		collect_words();
		build_vocab();
		mbs = bench(n, reps, &hits, &ms);
		printf("terms %zu: %.1f MB/s of CPU time, %zu hits per pass (checksum %016llx), compile %.1f ms\n",
			   n, mbs, hits, (unsigned long long) bench_sum, ms);
		return 0;
	}

	test_tokens();
	test_stems();
	test_inflected_forms();
	test_check();
	test_matching();
	test_topics();
	test_settle_alone();
	test_exact_and_stem();
	test_long_text();
	test_fuzz();
	test_triples();
	test_block_windows();

	load_dir(corpus_dir());
	if (n_docs > 0)
	{
		size_t		hits;
		double		ms;

		test_corpus_tokens();
		collect_words();
		test_inflected_forms_corpus();
		build_vocab();
		(void) bench(10000, 1, &hits, &ms);
		CHECK(ms < 1000.0, "10,000 terms compile in %.1f ms", ms);
		printf("corpus: %zu documents; 10,000 terms compile in %.1f ms\n", n_docs, ms);
	}
	else
		printf("corpus not found at %s: corpus checks skipped\n", corpus_dir());

	printf("test_tagger: %d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
