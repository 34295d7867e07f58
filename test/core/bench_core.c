/*
 * bench_core.c
 *		Throughput of the core on a set of files, without a server:
 *		tr_parse_valid (the server's path), and tr_turn_body over every turn (what turns() does per
 *		row).  Prints MB/s; run under callgrind to see where time goes.
 *
 *		bench_core [-n ROUNDS] FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tr_doc.h"
#include "tr_mem.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);	/* CPU time: steady on a busy machine */
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	int			rounds = 5,
				first = 1,
				nfiles;
	char	  **texts;
	size_t	   *lens,
				total = 0,
				turns = 0;
	double		t_parse = 0,
				t_body = 0;
	char	   *buf = NULL;
	size_t		bufcap = 0;

	if (argc > 2 && strcmp(argv[1], "-n") == 0)
	{
		rounds = atoi(argv[2]);
		first = 3;
	}
	nfiles = argc - first;
	texts = calloc(nfiles, sizeof(char *));
	lens = calloc(nfiles, sizeof(size_t));
	for (int i = 0; i < nfiles; i++)
	{
		FILE	   *f = fopen(argv[first + i], "rb");

		if (!f)
		{
			perror(argv[first + i]);
			return 1;
		}
		fseek(f, 0, SEEK_END);
		lens[i] = ftell(f);
		fseek(f, 0, SEEK_SET);
		texts[i] = malloc(lens[i] + 1);
		if (fread(texts[i], 1, lens[i], f) != lens[i])
			return 1;
		fclose(f);
		/* as the server sees them: NUL bytes cannot be stored */
		for (size_t k = 0; k < lens[i]; k++)
			if (texts[i][k] == '\0')
				texts[i][k] = ' ';
		total += lens[i];
		if (lens[i] + 1 > bufcap)
			buf = realloc(buf, bufcap = lens[i] + 1);
	}
	for (int r = 0; r < rounds; r++)
		for (int i = 0; i < nfiles; i++)
		{
			TrDoc		doc;
			size_t		off;
			double		t0 = now(),
						t1;

			if (tr_parse_valid(texts[i], lens[i], &doc, &off) != TR_OK)
				continue;
			t1 = now();
			for (uint32_t k = 0; k < doc.n_turns; k++)
				tr_turn_body(texts[i], &doc, &doc.turns[k], buf);
			t_body += now() - t1;
			t_parse += t1 - t0;
			if (r == 0)
				turns += doc.n_turns;
			tr_doc_free(&doc);
		}
	printf("%d files, %.1f MB, %zu turns\n", nfiles, total / 1048576.0, turns);
	printf("tr_parse:      %8.1f MB/s\n", total * rounds / 1048576.0 / t_parse);
	printf("tr_turn_body:  %8.1f MB/s\n", total * rounds / 1048576.0 / t_body);
	return 0;
}
