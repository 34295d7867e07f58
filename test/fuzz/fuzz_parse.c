/*
 * fuzz_parse.c
 *		libFuzzer target: the turn parser, body cleaning and the stored
 *		form, on arbitrary bytes.  Beyond "no crash" it checks the parse's
 *		invariants and that a serialised parse reads back unchanged.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tr_doc.h"
#include "tr_mem.h"
#include "tr_store.h"

#define REQUIRE(c) do { if (!(c)) __builtin_trap(); } while (0)

static int
same_str(TrStr a, TrStr b)
{
	return a.off == b.off && a.len == b.len;
}

/* field by field: padding bytes of TrTurn are not compared */
static int
same_turn(const TrTurn *a, const TrTurn *b)
{
	return a->start == b->start && a->end == b->end &&
		a->label_off == b->label_off && a->label_len == b->label_len &&
		a->body_start == b->body_start && a->body_end == b->body_end &&
		a->char_start == b->char_start && a->char_end == b->char_end &&
		same_str(a->speaker, b->speaker) && same_str(a->speaker_key, b->speaker_key) &&
		same_str(a->addressee, b->addressee) && same_str(a->affiliation, b->affiliation) &&
		a->role == b->role && a->flags == b->flags;
}

static int
str_ok(TrStr s, uint32_t pool_len)
{
	return s.off == TR_NULL_OFF || (uint64_t) s.off + s.len <= pool_len;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	TrDoc		doc,
				back;
	size_t		err_offset = 0,
				ssize;
	uint32_t	prev_end = 0,
				prev_char = 1;
	uint16_t	version;
	char	   *buf,
			   *value;

	/* odd inputs take the server's path: no validation, any bytes */
	if ((size & 1) ? tr_parse_valid(text, size, &doc, &err_offset) != TR_OK
		: tr_parse(text, size, &doc, &err_offset) != TR_OK)
	{
		REQUIRE(err_offset <= size);
		return 0;
	}
	buf = malloc(size + 1);
	for (uint32_t i = 0; i < doc.n_turns; i++)
	{
		const TrTurn *t = &doc.turns[i];
		size_t		n;

		/* turns are in order, inside the text, and do not overlap */
		REQUIRE(t->start >= prev_end && t->start <= t->end && t->end <= size);
		REQUIRE(t->body_start >= t->start && t->body_start <= t->body_end &&
				t->body_end <= t->end);
		REQUIRE(t->label_len == 0 ||
				(t->label_off >= t->start && t->label_off + t->label_len <= t->body_start));
		REQUIRE(t->char_start >= prev_char && t->char_start <= t->char_end &&
				t->char_end - t->char_start <= t->end - t->start);
		REQUIRE(str_ok(t->speaker, doc.pool_len) && str_ok(t->speaker_key, doc.pool_len) &&
				str_ok(t->addressee, doc.pool_len) && str_ok(t->affiliation, doc.pool_len));
		REQUIRE(t->role <= TR_ROLE_OTHER);
		n = tr_turn_body(text, &doc, t, buf);
		REQUIRE(n <= t->body_end - t->body_start);
		prev_end = t->end;
		prev_char = t->char_end;
	}
	free(buf);

	/* the stored form reads back as the same parse */
	ssize = tr_store_size(&doc, size, (size_t) 1 << 30);
	if (ssize > 0)
	{
		value = malloc(ssize);
		tr_store_write(value, &doc, text, size);
		REQUIRE(tr_store_read(value, ssize, &back, &version) == NULL);
		REQUIRE(version == TR_STORE_VERSION && back.n_turns == doc.n_turns);
		buf = malloc(2 * size + 2);
		for (uint32_t i = 0; i < doc.n_turns; i++)
		{
			size_t		n,
						n_back;

			REQUIRE(same_turn(&back.turns[i], &doc.turns[i]));
			/* the same body, built from either or found where it lies */
			n = tr_turn_body(text, &doc, &doc.turns[i], buf);
			n_back = tr_turn_body(text, &back, &back.turns[i], buf + size + 1);
			REQUIRE(n_back == n && memcmp(buf, buf + size + 1, n) == 0);
			if (back.turns[i].cut_count == 0)
			{
				/* a body without cuts is the piece of text turns() copies */
				uint32_t	off,
							len;

				tr_plain_body(text, &back.turns[i], &off, &len);
				REQUIRE(len == n && memcmp(text + off, buf, n) == 0);
			}
		}
		free(buf);
		tr_free(back.turns);
		free(value);
	}
	tr_doc_free(&doc);
	return 0;
}
