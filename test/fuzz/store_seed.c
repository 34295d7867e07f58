/*
 * store_seed.c
 *		Seed inputs for fuzz_store: each file named on the command line is
 *		parsed and written to OUTDIR as the stored value the server keeps
 *		(the varlena length word included), so that the fuzzer starts from
 *		values the reader accepts and mutates them into damaged ones.
 *
 *	store_seed OUTDIR FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tr_doc.h"
#include "tr_mem.h"
#include "tr_store.h"

int
main(int argc, char **argv)
{
	for (int i = 2; i < argc; i++)
	{
		FILE	   *f = fopen(argv[i], "rb");
		char	   *text = NULL,
				   *value,
					path[4096];
		size_t		len = 0,
					cap = 0,
					n,
					size,
					err;
		TrDoc		doc;
		const char *base = strrchr(argv[i], '/');

		if (f == NULL)
			continue;
		do
		{
			if (len + 65536 > cap)
				text = realloc(text, cap = (len + 65536) * 2);
			n = fread(text + len, 1, 65536, f);
			len += n;
		} while (n > 0);
		fclose(f);
		if (tr_parse(text, len, &doc, &err) == TR_OK &&
			(size = tr_store_size(&doc, len, (size_t) 1 << 30)) > 0)
		{
			value = calloc(1, size);
			tr_store_write(value, &doc, text, len);
			snprintf(path, sizeof(path), "%s/%s.stored", argv[1], base ? base + 1 : argv[i]);
			if ((f = fopen(path, "wb")) != NULL)
			{
				fwrite(value, 1, size, f);
				fclose(f);
			}
			free(value);
			tr_doc_free(&doc);
		}
		free(text);
	}
	return 0;
}
