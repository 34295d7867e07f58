/*
 * fuzz_similar.c
 *		libFuzzer target: quote provenance scoring.  The input is cut at
 *		its first NUL byte into a quotation and a candidate text; the
 *		candidate's lines are its turns, and the quotation's speaker key is
 *		that of the candidate's first line.  Checks that every match names
 *		a given turn, has a score in [0, 1] above the threshold, a passage
 *		inside its turn, and that matches come best first.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tr_mem.h"
#include "tr_names.h"
#include "tr_similar.h"

#define REQUIRE(c) do { if (!(c)) __builtin_trap(); } while (0)
#define MAX_TURNS 256

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *) data;
	const char *nul = memchr(in, '\0', size);
	const char *quote = in,
			   *text;
	size_t		qlen,
				tlen,
				n_turns = 0,
				nm = 0,
				key_len = 0;
	TrSimTurn	turns[MAX_TURNS];
	TrSimMatch *m = NULL;
	char	   *key;
	uint32_t	pos = 0;
	double		min_score;

	if (nul == NULL)
		return 0;
	qlen = (size_t) (nul - in);
	text = nul + 1;
	tlen = size - qlen - 1;
	/* the threshold from the first byte: 0 (everything) to 1 */
	min_score = qlen > 0 ? (unsigned char) quote[0] / 255.0 : 0.4;

	while (pos <= tlen && n_turns < MAX_TURNS)
	{
		const char *nl = memchr(text + pos, '\n', tlen - pos);
		uint32_t	end = nl ? (uint32_t) (nl - text) : (uint32_t) tlen;

		turns[n_turns].text = text;
		turns[n_turns].start = pos;
		turns[n_turns].end = end;
		turns[n_turns].speaker_key = (n_turns % 2) ? "lavrov" : NULL;
		turns[n_turns].speaker_key_len = (n_turns % 2) ? 6 : 0;
		turns[n_turns].cand = (uint32_t) (n_turns / 4) + 1;
		turns[n_turns].turn_no = (uint32_t) n_turns + 1;
		n_turns++;
		pos = end + 1;
	}

	key = tr_speaker_key(text, n_turns > 0 ? turns[0].end : 0, &key_len);
	tr_sim_match(quote, qlen, key, key_len, turns, n_turns, min_score, &m, &nm);
	for (size_t i = 0; i < nm; i++)
	{
		const TrSimTurn *t;

		REQUIRE(m[i].turn_no >= 1 && m[i].turn_no <= n_turns);
		t = &turns[m[i].turn_no - 1];
		REQUIRE(m[i].cand == t->cand);
		REQUIRE(!isnan(m[i].score) && m[i].score >= min_score - 1e-9 &&
				m[i].score <= 1.0 + 1e-9);
		REQUIRE(m[i].passage_start <= m[i].passage_end &&
				m[i].passage_start >= t->start && m[i].passage_end <= t->end);
		REQUIRE(i == 0 || m[i].score <= m[i - 1].score);
	}
	if (m)
		tr_free(m);
	if (key)
		tr_free(key);
	return 0;
}
