/*
 * fuzz_store.c
 *		libFuzzer target: the checked reader of stored values, on arbitrary
 *		bytes (a damaged or forged value).  Whatever it accepts must be safe
 *		to use: every turn's body is cleaned and every pool string touched.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tr_doc.h"
#include "tr_mem.h"
#include "tr_store.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TrDoc		doc;
	uint16_t	version = 0;
	uint32_t	text_len;
	const char *text;
	char	   *value,
			   *buf;
	volatile unsigned sum = 0;

	/* an aligned copy, as the server's detoasted values are */
	value = malloc(size ? size : 1);
	memcpy(value, data, size);
	if (tr_store_read(value, size, &doc, &version) != NULL ||
		version != TR_STORE_VERSION)
	{
		free(value);
		return 0;
	}
	text = tr_store_text(value, size, &text_len);
	buf = malloc(text_len + 1);
	for (uint32_t i = 0; i < doc.n_turns; i++)
	{
		const TrTurn *t = &doc.turns[i];
		const TrStr *s[] = {&t->speaker, &t->speaker_key, &t->addressee, &t->affiliation};

		sum += tr_turn_body(text, &doc, t, buf);
		for (int k = 0; k < 4; k++)
			if (s[k]->off != TR_NULL_OFF && s[k]->len > 0)
				sum += (unsigned char) doc.pool[s[k]->off + s[k]->len - 1];
		if (t->label_len > 0)
			sum += (unsigned char) text[t->label_off + t->label_len - 1];
		/* turns() copies a body without cuts from where it lies */
		if (t->cut_count == 0)
		{
			uint32_t	off,
						len;

			tr_plain_body(text, t, &off, &len);
			if (len > 0)
				sum += (unsigned char) text[off] + (unsigned char) text[off + len - 1];
		}
	}
	free(buf);
	tr_free(doc.turns);
	free(value);
	return 0;
}
