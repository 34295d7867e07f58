/*
 * qdump.c
 *		Print the quotations tr_quotes() finds in files (a development aid).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_mem.h"
#include "tr_quotes.h"

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
	{
		perror(path);
		exit(2);
	}
	buf[n] = '\0';
	fclose(f);
	*len = (size_t) n;
	return buf;
}

#define SL(s) ((s).off == TR_NULL_OFF ? 4 : (int) (s).len)
#define S(qs, s) ((s).off == TR_NULL_OFF ? "NULL" : (qs).pool + (s).off)

int
main(int argc, char **argv)
{
	int			i;

	for (i = 1; i < argc; i++)
	{
		size_t		len;
		char	   *text = slurp(argv[i], &len);
		TrQuoteSet	qs;
		uint32_t	k;

		tr_quotes(text, len, NULL, &qs);
		printf("== %s: %u quotations\n", argv[i], qs.n_quotes);
		for (k = 0; k < qs.n_quotes; k++)
		{
			TrQuote    *q = &qs.quotes[k];

			printf("%u\t[%u,%u)\t%s\t%.*s\t%.*s\t%.*s\t|%.*s|\n", k + 1, q->char_start, q->char_end,
				   tr_quote_kind_name(q->kind), SL(q->speaker), S(qs, q->speaker), SL(q->speaker_key), S(qs, q->speaker_key),
				   SL(q->cue), S(qs, q->cue), q->quote.len > 120 ? 120 : (int) q->quote.len,
				   qs.pool + q->quote.off);
		}
		tr_quotes_free(&qs);
		free(text);
	}
	return 0;
}
