/*
 * trdump.c
 *		Print the turns of transcript files as TSV, one line per turn:
 *		turn_no, speaker_label, speaker, speaker_key, role, addressee,
 *		affiliation, interpreted (t/f), first 60 characters of the body.
 *		NULL is an empty field, as psql -At prints it.
 *
 * Build (from the repository root, without PostgreSQL):
 *	 make test/core/trdump
 * or by hand:
 *	 cc -std=c99 -O2 -Isrc/core -o trdump test/core/trdump.c src/core/tr_*.c \
 *		$(pkg-config --cflags --libs icu-uc icu-i18n)
 *
 * Options: -f prints whole bodies; -e prints newlines in bodies as \n; -p prints
 * char_start and char_end after turn_no; -m also prints the metadata (title, date, place, language,
 * principal) before the turns; -b N parses every file N times and reports
 * the throughput instead of printing (a benchmark of tr_parse alone).
 */
#define _POSIX_C_SOURCE 200112L

#include "tr_doc.h"
#include "tr_mem.h"
#include "tr_utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const role_names[] = {"official", "questioner", "moderator", "other"};

/* Print a pool string, or nothing for NULL. */
static void
put_str(const TrDoc *doc, TrStr s)
{
	if (s.off != TR_NULL_OFF)
		fwrite(doc->pool + s.off, 1, s.len, stdout);
}

/* Read a whole file; NULL on error. */
static char *
read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf = NULL;
	size_t		cap = 0,
				n = 0,
				r;

	if (f == NULL)
		return NULL;
	for (;;)
	{
		if (n + 65536 > cap)
		{
			cap = cap ? cap * 2 : 1 << 20;
			buf = realloc(buf, cap);
			if (buf == NULL)
				abort();
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	fclose(f);
	*len = n;
	return buf;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	int			show_meta = 0;
	int			full = 0;
	int			positions = 0;
	int			escape = 0;
	int			bench = 0;
	int			status = 0;
	int			a = 1;
	double		t_total = 0;
	size_t		bytes_total = 0;
	size_t		turns_total = 0;

	while (a < argc && argv[a][0] == '-')
	{
		if (strcmp(argv[a], "-m") == 0)
			show_meta = 1;
		else if (strcmp(argv[a], "-e") == 0)
			escape = 1;
		else if (strcmp(argv[a], "-f") == 0)
			full = 1;
		else if (strcmp(argv[a], "-p") == 0)
			positions = 1;
		else if (strcmp(argv[a], "-b") == 0 && a + 1 < argc)
			bench = atoi(argv[++a]);
		else
		{
			fprintf(stderr, "usage: trdump [-m] [-e] [-f] [-p] [-b N] FILE...\n");
			return 2;
		}
		a++;
	}
	for (; a < argc; a++)
	{
		size_t		len,
					err;
		char	   *text = read_file(argv[a], &len);
		TrDoc		doc;
		TrParseStatus st;

		if (text == NULL)
		{
			perror(argv[a]);
			status = 1;
			continue;
		}
		if (bench > 0)
		{
			double		t0 = now();

			for (int r = 0; r < bench; r++)
			{
				st = tr_parse(text, len, &doc, &err);
				turns_total += doc.n_turns;
				tr_doc_free(&doc);
			}
			t_total += now() - t0;
			bytes_total += len * (size_t) bench;
			free(text);
			continue;
		}
		st = tr_parse(text, len, &doc, &err);
		if (st != TR_OK)
		{
			fprintf(stderr, "%s: %s at byte %zu\n", argv[a],
					st == TR_ERR_NUL ? "NUL byte" :
					st == TR_ERR_BAD_UTF8 ? "invalid UTF-8" : "too large", err);
			status = 1;
			free(text);
			continue;
		}
		if (show_meta)
		{
			printf("# title\t");
			put_str(&doc, doc.meta.title);
			printf("\n# date\t");
			put_str(&doc, doc.meta.event_date);
			printf("\n# place\t");
			put_str(&doc, doc.meta.place);
			printf("\n# language\t");
			put_str(&doc, doc.meta.language);
			printf("\n# principal\t");
			put_str(&doc, doc.meta.principal);
			printf("\n");
		}
		for (uint32_t i = 0; i < doc.n_turns; i++)
		{
			const TrTurn *t = &doc.turns[i];
			char	   *body = malloc(t->body_end - t->body_start + 1);
			size_t		bl = tr_turn_body(text, &doc, t, body);
			size_t		cut = 0;
			size_t		chars = 0;

			/* the first 60 characters */
			while (cut < bl && (chars < 60 || full))
			{
				tr_utf8_next(body, &cut, bl);
				chars++;
			}
			printf("%u\t", i + 1);
			if (positions)
				printf("%u\t%u\t", t->char_start, t->char_end);
			if (t->label_len > 0)
				fwrite(text + t->label_off, 1, t->label_len, stdout);
			putchar('\t');
			put_str(&doc, t->speaker);
			putchar('\t');
			put_str(&doc, t->speaker_key);
			printf("\t%s\t", role_names[t->role & 3]);
			put_str(&doc, t->addressee);
			putchar('\t');
			put_str(&doc, t->affiliation);
			printf("\t%c\t", (t->flags & TR_TURN_INTERPRETED) ? 't' : 'f');
			if (escape)
			{
				for (size_t k = 0; k < cut; k++)
					if (body[k] == '\n')
						fputs("\\n", stdout);
					else
						putchar(body[k]);
			}
			else
				fwrite(body, 1, cut, stdout);
			putchar('\n');
			free(body);
		}
		tr_doc_free(&doc);
		free(text);
	}
	if (bench > 0)
		fprintf(stderr, "%zu bytes, %zu turns, %.3f s, %.1f MB/s\n",
				bytes_total, turns_total, t_total,
				t_total > 0 ? bytes_total / t_total / 1e6 : 0.0);
	return status;
}
