/*
 * provenance.c
 *		Where do a news text's quotations come from?  Scores every quotation
 *		of NEWS against every turn of the transcripts given after it.
 *
 * usage: provenance [-a] NEWS TRANSCRIPT...	(-a: every score, not only those >= TR_SIM_DEFAULT_MIN)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_doc.h"
#include "tr_mem.h"
#include "tr_quotes.h"
#include "tr_similar.h"

static char *
slurp(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		n;

	if (!f)
	{
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n + 1);
	if (fread(buf, 1, n, f) != (size_t) n)
		exit(2);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t) n;
	return buf;
}

int
main(int argc, char **argv)
{
	int			all = 0;
	int			a = 1;
	size_t		nlen;
	char	   *news;
	TrQuoteSet	qs;
	TrSimTurn  *turns = NULL;
	size_t		n_turns = 0,
				cap = 0;
	int			d;
	uint32_t	k;

	if (argc > 1 && strcmp(argv[1], "-a") == 0)
	{
		all = 1;
		a++;
	}
	if (argc - a < 2)
	{
		fprintf(stderr, "usage: provenance [-a] NEWS TRANSCRIPT...\n");
		return 2;
	}
	news = slurp(argv[a], &nlen);
	tr_quotes(news, nlen, NULL, &qs);
	for (d = a + 1; d < argc; d++)
	{
		size_t		len,
					err;
		char	   *text = slurp(argv[d], &len);
		TrDoc	   *doc = malloc(sizeof(TrDoc));
		uint32_t	t;

		if (tr_parse(text, len, doc, &err) != TR_OK)
		{
			fprintf(stderr, "%s: cannot parse\n", argv[d]);
			return 2;
		}
		for (t = 0; t < doc->n_turns; t++)
		{
			TrSimTurn  *st;

			tr_grow((void **) &turns, sizeof(TrSimTurn), n_turns, &cap);
			st = &turns[n_turns++];
			st->text = text;
			st->start = doc->turns[t].body_start;
			st->end = doc->turns[t].body_end;
			st->speaker_key = doc->turns[t].speaker_key.off == TR_NULL_OFF ? NULL :
				doc->pool + doc->turns[t].speaker_key.off;
			st->speaker_key_len = doc->turns[t].speaker_key.len;
			st->cand = (uint32_t) (d - a);
			st->turn_no = t + 1;
		}
	}
	for (k = 0; k < qs.n_quotes; k++)
	{
		TrQuote    *q = &qs.quotes[k];
		TrSimMatch *m;
		size_t		nm,
					i;

		if (q->kind == TR_QUOTE_SCARE)
			continue;
		tr_sim_match(qs.pool + q->quote.off, q->quote.len,
					 q->speaker_key.off == TR_NULL_OFF ? NULL : qs.pool + q->speaker_key.off,
					 q->speaker_key.len, turns, n_turns, all ? 0.0 : TR_SIM_DEFAULT_MIN, &m, &nm);
		printf("quote %u (%.*s): \"%.60s...\"\n", k + 1,
			   q->speaker.off == TR_NULL_OFF ? 4 : (int) q->speaker.len,
			   q->speaker.off == TR_NULL_OFF ? "NULL" : qs.pool + q->speaker.off,
			   qs.pool + q->quote.off);
		if (nm == 0)
			printf("   no source\n");
		for (i = 0; i < nm && i < 3; i++)
			printf("   %s turn %u: score %.3f (coverage %.3f, order %.3f, speaker %.1f)\n",
				   argv[a + m[i].cand], m[i].turn_no, m[i].score, m[i].coverage,
				   m[i].order, m[i].speaker_factor);
		if (m)
			tr_free(m);
	}
	return 0;
}
