/*
 * fuzz_tagger.c
 *		libFuzzer target: the topic tagger with random dictionaries.
 *
 * The input is a dictionary, a NUL byte, and a text.  Each line of the
 * dictionary is one term: a flags byte (its low two bits: case-sensitive,
 * inflected), the topic up to '=', and the term.  Checks:
 *	- the compile fails exactly when some term fails tr_term_check, and
 *	  then names such a term;
 *	- hits lie inside the text, in text order, with valid topic and term
 *	  numbers and 1-based character spans;
 *	- every accepted term is found in its own text;
 *	- tr_tag_topics finds the topics of the hits, and no others;
 *	- the ASCII fast path cuts the text into the same tokens as ICU.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tr_mem.h"
#include "tr_tagger.h"

#define REQUIRE(c) do { if (!(c)) __builtin_trap(); } while (0)
#define MAX_TERMS 64

/* Tag text; check the hits' invariants; return their number. */
static size_t
tag_checked(const TrTagger *tg, const char *text, size_t len)
{
	TrHitList	hl = {0};
	uint32_t	prev_start = 0,
				prev_char = 1;
	size_t		n;
	bool		seen[MAX_TERMS] = {false};
	bool		want[MAX_TERMS] = {false};

	REQUIRE(tr_tag(tg, text, len, &hl));
	for (size_t i = 0; i < hl.n; i++)
	{
		const TrTopicHit *h = &hl.hits[i];

		REQUIRE(h->start < h->end && h->end <= len);
		REQUIRE(h->start >= prev_start);
		REQUIRE(h->char_start >= prev_char && h->char_start < h->char_end &&
				h->char_end - h->char_start <= h->end - h->start);
		REQUIRE(h->topic < tr_tagger_n_topics(tg) && h->term < tr_tagger_n_terms(tg));
		prev_start = h->start;
		prev_char = h->char_start;
		want[h->topic] = true;
	}
	REQUIRE(tr_tag_topics(tg, text, len, seen));
	REQUIRE(memcmp(seen, want, sizeof(seen)) == 0);
	n = hl.n;
	tr_hit_list_free(&hl);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *) data;
	const char *nul = memchr(in, '\0', size);
	const char *text;
	size_t		dict_len,
				text_len,
				n = 0,
				bad = 0,
				pos = 0,
				l1,
				l2;
	TrTermDef	defs[MAX_TERMS];
	int			all_ok = 1;
	TrTermStatus st;
	TrTagger   *tg = NULL;
	char	   *a,
			   *b;

	if (nul == NULL)
		return 0;
	dict_len = (size_t) (nul - in);
	text = nul + 1;
	text_len = size - dict_len - 1;

	while (pos < dict_len && n < MAX_TERMS)
	{
		const char *line = in + pos;
		const char *nl = memchr(line, '\n', dict_len - pos);
		size_t		llen = nl ? (size_t) (nl - line) : dict_len - pos;
		const char *eq;

		pos += llen + 1;
		if (llen < 2 || (eq = memchr(line + 1, '=', llen - 1)) == NULL)
			continue;
		defs[n].flags = (unsigned char) line[0] & (TR_TERM_CASE_SENSITIVE | TR_TERM_INFLECT);
		defs[n].topic = line + 1;
		defs[n].topic_len = (size_t) (eq - line - 1);
		defs[n].term = eq + 1;
		defs[n].term_len = llen - (size_t) (eq - line) - 1;
		if (tr_term_check(defs[n].topic, defs[n].topic_len, defs[n].term,
						  defs[n].term_len, defs[n].flags) != TR_TERM_OK)
			all_ok = 0;
		n++;
	}

	st = tr_tagger_compile(defs, n, &tg, &bad);
	if (st != TR_TERM_OK)
	{
		REQUIRE(!all_ok || st == TR_TERM_ICU);
		REQUIRE(bad < n);
		REQUIRE(st == TR_TERM_ICU ||
				tr_term_check(defs[bad].topic, defs[bad].topic_len, defs[bad].term,
							  defs[bad].term_len, defs[bad].flags) == st);
		REQUIRE(tr_term_status_message(st) != NULL && tr_term_status_detail(st) != NULL);
	}
	else
	{
		REQUIRE(all_ok);
		REQUIRE(tr_tagger_n_terms(tg) <= n && tr_tagger_n_topics(tg) <= n);
		tag_checked(tg, text, text_len);
		for (size_t i = 0; i < n; i++)
			REQUIRE(tag_checked(tg, defs[i].term, defs[i].term_len) > 0);
		for (uint32_t i = 0; i < tr_tagger_n_topics(tg); i++)
			REQUIRE(tr_tagger_topic(tg, i, &l1) != NULL);
		tr_tagger_free(tg);
	}

	/* the fast path and ICU cut the text alike */
	a = tr_tagger_debug_tokens(text, text_len, false, &l1);
	b = tr_tagger_debug_tokens(text, text_len, true, &l2);
	REQUIRE(a != NULL && b != NULL);
	REQUIRE(l1 == l2 && memcmp(a, b, l1) == 0);
	tr_free(a);
	tr_free(b);
	return 0;
}
