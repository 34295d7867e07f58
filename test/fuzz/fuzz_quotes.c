/*
 * fuzz_quotes.c
 *		libFuzzer target: the quotation extractor and speaker keys, on
 *		arbitrary bytes, read both as a news text and (when it parses) as a
 *		transcript.  Beyond "no crash" it checks what the SQL layer relies
 *		on: spans inside the text and in order, pool strings inside the
 *		pool, kinds and turn numbers in range.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tr_doc.h"
#include "tr_mem.h"
#include "tr_names.h"
#include "tr_quotes.h"

#define REQUIRE(c) do { if (!(c)) __builtin_trap(); } while (0)

static int
str_ok(TrStr s, uint32_t pool_len)
{
	return s.off == TR_NULL_OFF || (uint64_t) s.off + s.len <= pool_len;
}

/* The invariants of one extraction over size bytes (n_turns 0: news). */
static void
check_set(const TrQuoteSet *qs, size_t size, uint32_t n_turns)
{
	uint32_t	prev_start = 0;

	for (uint32_t i = 0; i < qs->n_quotes; i++)
	{
		const TrQuote *q = &qs->quotes[i];

		REQUIRE(q->start <= q->end && q->end <= size);
		REQUIRE(q->start >= prev_start);
		REQUIRE(q->char_start >= 1 && q->char_start <= q->char_end &&
				q->char_end - q->char_start <= q->end - q->start);
		REQUIRE(str_ok(q->quote, qs->pool_len) && str_ok(q->speaker, qs->pool_len) &&
				str_ok(q->speaker_key, qs->pool_len) && str_ok(q->cue, qs->pool_len));
		REQUIRE(q->kind <= TR_QUOTE_SCARE);
		REQUIRE(tr_quote_kind_name(q->kind) != NULL);
		REQUIRE(q->parent <= i);
		REQUIRE(n_turns == 0 ? q->turn_no == 0 : q->turn_no >= 1 && q->turn_no <= n_turns);
		prev_start = q->start;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	TrQuoteSet	qs;
	TrDoc		doc;
	size_t		err_offset,
				key_len = 0;
	char	   *key;

	/* a news text: the caller validates nothing here, any bytes go */
	REQUIRE(tr_quotes(text, size, NULL, &qs) == TR_OK);
	check_set(&qs, size, 0);
	tr_quotes_free(&qs);

	/* a transcript: only what tr_parse accepts reaches quotes(transcript) */
	if (tr_parse(text, size, &doc, &err_offset) == TR_OK)
	{
		REQUIRE(tr_quotes(text, size, &doc, &qs) == TR_OK);
		check_set(&qs, size, doc.n_turns);
		tr_quotes_free(&qs);
		tr_doc_free(&doc);
	}

	/* the speaker key of the first line, as quote_sources() computes it */
	{
		const char *nl = memchr(text, '\n', size);
		size_t		n = nl ? (size_t) (nl - text) : size;

		key = tr_speaker_key(text, n, &key_len);
		if (key != NULL)
		{
			REQUIRE(strlen(key) == key_len);
			tr_free(key);
		}
	}
	return 0;
}
