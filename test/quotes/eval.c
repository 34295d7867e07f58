/*
 * eval.c
 *		Accuracy of tr_quotes() on the hand-labelled set in labelled/.
 *
 * usage: eval [-v] DIR		(DIR holds gold.tsv and the paragraphs ID.txt)
 *
 * Spans: a quotation is found when the predicted span equals the labelled
 * one (whitespace at either end ignored).  Scare quotes are not quotations:
 * the labelled ones are left out of precision and recall, and so are
 * predictions of kind 'scare'; a labelled scare quote is handled right when
 * it is predicted as 'scare' or not at all.  Speakers: of the quotations
 * found whose speaker is named in the text, the share whose speaker_key
 * equals tr_speaker_key() of the labelled name; quotations labelled with no
 * named speaker are right when the prediction has none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_mem.h"
#include "tr_names.h"
#include "tr_quotes.h"

typedef struct Gold
{
	char		id[32];
	char		kind[16];
	char		speaker[128];
	char		anchor[1024];
	size_t		start;			/* located byte span */
	size_t		end;
	int			located;
} Gold;

static char *
slurp(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n + 1);
	if (fread(buf, 1, n, f) != (size_t) n)
	{
		fclose(f);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	*len = (size_t) n;
	return buf;
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Find needle in text at or after from, with any run of whitespace in
 * either matching any run in the other.  Returns the byte offset or -1;
 * *mend gets the end of the match.
 */
static long
find_ws(const char *text, size_t len, size_t from, const char *needle, size_t *mend)
{
	size_t		i;

	for (i = from; i < len; i++)
	{
		size_t		t = i;
		const char *n = needle;

		while (*n && t < len)
		{
			if (is_space((unsigned char) *n))
			{
				if (!is_space((unsigned char) text[t]))
					break;
				while (is_space((unsigned char) *n))
					n++;
				while (t < len && is_space((unsigned char) text[t]))
					t++;
				continue;
			}
			if (*n != text[t])
				break;
			n++;
			t++;
		}
		if (*n == '\0')
		{
			*mend = t;
			return (long) i;
		}
	}
	return -1;
}

static void
trim(const char *text, size_t *s, size_t *e)
{
	while (*s < *e && is_space((unsigned char) text[*s]))
		(*s)++;
	while (*e > *s && is_space((unsigned char) text[*e - 1]))
		(*e)--;
}

static int
same_key(const char *gold, const char *pool, TrStr pkey)
{
	size_t		gl = 0;
	char	   *gk;
	int			r;

	if (strcmp(gold, "-") == 0)
		return pkey.off == TR_NULL_OFF;
	if (pkey.off == TR_NULL_OFF)
		return 0;
	gk = tr_speaker_key(gold, strlen(gold), &gl);
	if (gk == NULL)
		return 0;
	r = gl == pkey.len && memcmp(gk, pool + pkey.off, gl) == 0;
	tr_free(gk);
	return r;
}

int
main(int argc, char **argv)
{
	const char *dir;
	int			verbose = 0;
	char		path[4096];
	char		line[4096];
	FILE	   *f;
	Gold	   *gold = NULL;
	size_t		n_gold = 0,
				cap_gold = 0;
	size_t		i;
	int			n_g = 0,
				n_p = 0,
				tp = 0;
	int			sp_named = 0,
				sp_named_ok = 0,
				sp_none = 0,
				sp_none_ok = 0;
	int			scare_g = 0,
				scare_ok = 0;
	int			kind_ok = 0;
	int			n_paras = 0;
	double		prec,
				rec,
				f1;

	if (argc > 1 && strcmp(argv[1], "-v") == 0)
	{
		verbose = 1;
		argc--;
		argv++;
	}
	dir = argc > 1 ? argv[1] : "test/quotes/labelled";
	snprintf(path, sizeof(path), "%s/gold.tsv", dir);
	f = fopen(path, "r");
	if (!f)
	{
		perror(path);
		return 2;
	}
	while (fgets(line, sizeof(line), f))
	{
		char	   *fld[4];
		char	   *p = line;
		int			k;
		Gold	   *g;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		for (k = 0; k < 4; k++)
		{
			fld[k] = p;
			p = k < 3 ? strchr(p, '\t') : NULL;
			if (k < 3)
			{
				if (!p)
				{
					fprintf(stderr, "bad gold line: %s\n", line);
					return 2;
				}
				*p++ = '\0';
			}
		}
		if (n_gold == cap_gold)
		{
			cap_gold = cap_gold ? cap_gold * 2 : 64;
			gold = realloc(gold, cap_gold * sizeof(Gold));
		}
		g = &gold[n_gold++];
		memset(g, 0, sizeof(Gold));
		snprintf(g->id, sizeof(g->id), "%s", fld[0]);
		snprintf(g->kind, sizeof(g->kind), "%s", fld[1]);
		snprintf(g->speaker, sizeof(g->speaker), "%s", fld[2]);
		snprintf(g->anchor, sizeof(g->anchor), "%s", fld[3]);
	}
	fclose(f);

	for (i = 0; i < n_gold;)
	{
		size_t		j = i,
					k;
		size_t		len;
		char	   *text;
		TrQuoteSet	qs;
		size_t		from = 0;
		int		   *matched;

		while (j < n_gold && strcmp(gold[j].id, gold[i].id) == 0)
			j++;
		snprintf(path, sizeof(path), "%s/%s.txt", dir, gold[i].id);
		text = slurp(path, &len);
		if (!text)
		{
			perror(path);
			return 2;
		}
		n_paras++;
		/* locate the labelled spans */
		for (k = i; k < j; k++)
		{
			Gold	   *g = &gold[k];
			char	   *bar = strchr(g->anchor, '|');
			size_t		e1,
						e2;
			long		s;

			if (bar)
				*bar = '\0';
			s = find_ws(text, len, from, g->anchor, &e1);
			if (s >= 0 && bar)
			{
				long		s2 = find_ws(text, len, e1, bar + 1, &e2);

				if (s2 < 0)
					s = -1;
				else
					e1 = e2;
			}
			if (bar)
				*bar = '|';
			if (s < 0)
			{
				fprintf(stderr, "%s: cannot find labelled quote \"%s\"\n", g->id, g->anchor);
				return 2;
			}
			g->start = (size_t) s;
			g->end = e1;
			g->located = 1;
			from = (size_t) s + 1;
		}

		tr_quotes(text, len, NULL, &qs);
		matched = calloc(qs.n_quotes + 1, sizeof(int));

		for (k = i; k < j; k++)
		{
			Gold	   *g = &gold[k];
			int			is_scare = strcmp(g->kind, "scare") == 0;
			uint32_t	q;
			int			hit = -1;

			for (q = 0; q < qs.n_quotes; q++)
			{
				size_t		s = qs.quotes[q].start,
							e = qs.quotes[q].end;

				trim(text, &s, &e);
				if (s == g->start && e == g->end)
				{
					hit = (int) q;
					break;
				}
			}
			if (is_scare)
			{
				scare_g++;
				if (hit < 0 || qs.quotes[hit].kind == TR_QUOTE_SCARE)
					scare_ok++;
				else if (verbose)
					printf("%s: scare quote \"%s\" returned as %s\n", g->id, g->anchor,
						   tr_quote_kind_name(qs.quotes[hit].kind));
				if (hit >= 0)
					matched[hit] = 2;
				continue;
			}
			n_g++;
			if (hit < 0 || qs.quotes[hit].kind == TR_QUOTE_SCARE)
			{
				if (verbose)
					printf("%s: MISSED %s \"%s\"%s\n", g->id, g->kind, g->anchor,
						   hit >= 0 ? " (returned as scare)" : "");
				if (hit >= 0)
					matched[hit] = 2;
				continue;
			}
			tp++;
			matched[hit] = 1;
			if (strcmp(tr_quote_kind_name(qs.quotes[hit].kind), g->kind) == 0)
				kind_ok++;
			else if (verbose)
				printf("%s: kind %s, labelled %s: \"%s\"\n", g->id,
					   tr_quote_kind_name(qs.quotes[hit].kind), g->kind, g->anchor);
			if (strcmp(g->speaker, "-") == 0)
			{
				sp_none++;
				if (same_key(g->speaker, qs.pool, qs.quotes[hit].speaker_key))
					sp_none_ok++;
				else if (verbose)
					printf("%s: speaker %.*s, labelled none: \"%s\"\n", g->id,
						   (int) qs.quotes[hit].speaker.len, qs.pool + qs.quotes[hit].speaker.off,
						   g->anchor);
			}
			else
			{
				sp_named++;
				if (same_key(g->speaker, qs.pool, qs.quotes[hit].speaker_key))
					sp_named_ok++;
				else if (verbose)
					printf("%s: speaker %.*s, labelled %s: \"%s\"\n", g->id,
						   qs.quotes[hit].speaker.off == TR_NULL_OFF ? 4 : (int) qs.quotes[hit].speaker.len,
						   qs.quotes[hit].speaker.off == TR_NULL_OFF ? "NULL" : qs.pool + qs.quotes[hit].speaker.off,
						   g->speaker, g->anchor);
			}
		}
		for (k = 0; k < qs.n_quotes; k++)
		{
			if (qs.quotes[k].kind == TR_QUOTE_SCARE || matched[k] == 2)
				continue;
			n_p++;
			if (!matched[k] && verbose)
				printf("%s: SPURIOUS %s \"%.*s\"\n", gold[i].id,
					   tr_quote_kind_name(qs.quotes[k].kind),
					   (int) (qs.quotes[k].quote.len > 60 ? 60 : qs.quotes[k].quote.len),
					   qs.pool + qs.quotes[k].quote.off);
		}
		free(matched);
		tr_quotes_free(&qs);
		free(text);
		i = j;
	}

	prec = n_p ? (double) tp / n_p : 0;
	rec = n_g ? (double) tp / n_g : 0;
	f1 = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;
	printf("paragraphs: %d, labelled quotations: %d, scare quotes: %d\n",
		   n_paras, n_g, scare_g);
	printf("spans: precision %.3f (%d/%d), recall %.3f (%d/%d), F1 %.3f\n",
		   prec, tp, n_p, rec, tp, n_g, f1);
	printf("speakers named in the text: accuracy %.3f (%d/%d)\n",
		   sp_named ? (double) sp_named_ok / sp_named : 0, sp_named_ok, sp_named);
	printf("no speaker named: left NULL %.3f (%d/%d)\n",
		   sp_none ? (double) sp_none_ok / sp_none : 0, sp_none_ok, sp_none);
	printf("kind of the quotations found: %.3f (%d/%d)\n",
		   tp ? (double) kind_ok / tp : 0, kind_ok, tp);
	printf("scare quotes left out or marked 'scare': %.3f (%d/%d)\n",
		   scare_g ? (double) scare_ok / scare_g : 0, scare_ok, scare_g);
	free(gold);
	return 0;
}
