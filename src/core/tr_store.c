/*
 * tr_store.c
 *		Writing and checked reading of serialised transcripts (tr_store.h).
 */
#include "tr_store.h"

#include <string.h>

#include "tr_mem.h"

size_t
tr_store_size(const TrDoc *doc, size_t text_len, size_t max_size)
{
	size_t		size = sizeof(TrStoreHeader);

	/* each step checked: the text alone may be close to max_size */
	if ((size_t) doc->n_turns > (max_size - size) / sizeof(TrStoreTurn))
		return 0;
	size += (size_t) doc->n_turns * sizeof(TrStoreTurn);
	if ((size_t) doc->n_cuts > (max_size - size) / sizeof(TrCut))
		return 0;
	size += (size_t) doc->n_cuts * sizeof(TrCut);
	if (doc->pool_len > max_size - size)
		return 0;
	size += doc->pool_len;
	if (text_len > max_size - size || text_len > UINT32_MAX - 1)
		return 0;
	return size + text_len;
}

void
tr_store_write(void *dst, const TrDoc *doc, const char *text, size_t text_len)
{
	TrStoreHeader *h = (TrStoreHeader *) dst;
	TrStoreTurn *st = (TrStoreTurn *) (h + 1);
	char	   *p;

	h->version = TR_STORE_VERSION;
	h->flags = 0;
	h->n_turns = doc->n_turns;
	h->n_cuts = doc->n_cuts;
	h->pool_len = doc->pool_len;
	h->meta = doc->meta;
	for (uint32_t i = 0; i < doc->n_turns; i++)
	{
		const TrTurn *t = &doc->turns[i];

		st[i].start = t->start;
		st[i].end = t->end;
		st[i].label_off = t->label_off;
		st[i].label_len = t->label_len;
		st[i].body_start = t->body_start;
		st[i].body_end = t->body_end;
		st[i].char_start = t->char_start;
		st[i].char_end = t->char_end;
		st[i].speaker = t->speaker;
		st[i].speaker_key = t->speaker_key;
		st[i].addressee = t->addressee;
		st[i].affiliation = t->affiliation;
		st[i].cut_first = t->cut_first;
		st[i].cut_count = t->cut_count;
		st[i].role = t->role;
		st[i].flags = t->flags;
		st[i].reserved = 0;
	}
	p = (char *) (st + doc->n_turns);
	if (doc->n_cuts > 0)
		memcpy(p, doc->cuts, sizeof(TrCut) * doc->n_cuts);
	p += sizeof(TrCut) * doc->n_cuts;
	if (doc->pool_len > 0)
		memcpy(p, doc->pool, doc->pool_len);
	p += doc->pool_len;
	h->text_off = (uint32_t) (p - (char *) dst);
	h->text_len = (uint32_t) text_len;
	if (text_len > 0)
		memcpy(p, text, text_len);
}

const char *
tr_store_text(const void *value, size_t size, uint32_t *text_len)
{
	const TrStoreHeader *h = (const TrStoreHeader *) value;

	if (size < TR_STORE_PREFIX_SIZE || h->text_off < TR_STORE_PREFIX_SIZE ||
		(uint64_t) h->text_off + h->text_len != size)
		return NULL;
	*text_len = h->text_len;
	return (const char *) value + h->text_off;
}

/* A string of the pool: NULL, or inside a pool of pool_len bytes. */
static inline int
str_ok(TrStr s, uint32_t pool_len)
{
	return s.off == TR_NULL_OFF || (uint64_t) s.off + s.len <= pool_len;
}

const char *
tr_store_read(const void *value, size_t size, TrDoc *doc, uint16_t *version)
{
	const TrStoreHeader *h = (const TrStoreHeader *) value;
	const TrStoreTurn *st;
	const TrCut *cuts;
	uint32_t	text_len;
	const TrMeta *m;

	memset(doc, 0, sizeof(*doc));
	if (tr_store_text(value, size, &text_len) == NULL)
		return "The text does not end where the value ends.";
	*version = h->version;
	if (h->version != TR_STORE_VERSION)
		return NULL;
	if (size < sizeof(TrStoreHeader) ||
		h->n_turns > (size - sizeof(TrStoreHeader)) / sizeof(TrStoreTurn) ||
		h->n_cuts > (size - sizeof(TrStoreHeader)) / sizeof(TrCut) ||
		(uint64_t) sizeof(TrStoreHeader) + (uint64_t) h->n_turns * sizeof(TrStoreTurn) +
		(uint64_t) h->n_cuts * sizeof(TrCut) + h->pool_len != h->text_off)
		return "The header's sizes do not match the value's size.";
	m = &h->meta;
	if (!str_ok(m->title, h->pool_len) || !str_ok(m->event_date, h->pool_len) ||
		!str_ok(m->place, h->pool_len) || !str_ok(m->language, h->pool_len) ||
		!str_ok(m->principal, h->pool_len))
		return "A metadata string lies outside the value.";

	st = (const TrStoreTurn *) (h + 1);
	cuts = (const TrCut *) (st + h->n_turns);
	for (uint32_t i = 0; i < h->n_turns; i++)
	{
		const TrStoreTurn *s = &st[i];
		uint32_t	at = s->body_start;

		/* a turn's cuts: inside its body, in order, not overlapping */
		if (s->cut_first > h->n_cuts || s->cut_count > h->n_cuts - s->cut_first)
			return "A turn's cuts lie outside the value.";
		for (uint32_t k = 0; k < s->cut_count; k++)
		{
			const TrCut *c = &cuts[s->cut_first + k];

			if (c->start < at || c->start >= c->end || c->end > s->body_end || c->space > 1)
				return "A cut lies outside its turn's body.";
			at = c->end;
		}

		if (s->start > s->end || s->end > text_len ||
			s->body_start > s->body_end || s->body_end > text_len ||
			(uint64_t) s->label_off + s->label_len > text_len ||
			s->char_start > s->char_end ||
			!str_ok(s->speaker, h->pool_len) || !str_ok(s->speaker_key, h->pool_len) ||
			!str_ok(s->addressee, h->pool_len) || !str_ok(s->affiliation, h->pool_len) ||
			s->role > TR_ROLE_OTHER)
			return "A turn lies outside the value.";
	}

	doc->n_turns = h->n_turns;
	doc->turns = tr_alloc_array(h->n_turns, sizeof(TrTurn));
	for (uint32_t i = 0; i < h->n_turns; i++)
	{
		const TrStoreTurn *s = &st[i];
		TrTurn	   *t = &doc->turns[i];

		t->start = s->start;
		t->end = s->end;
		t->label_off = s->label_off;
		t->label_len = s->label_len;
		t->body_start = s->body_start;
		t->body_end = s->body_end;
		t->char_start = s->char_start;
		t->char_end = s->char_end;
		t->speaker = s->speaker;
		t->speaker_key = s->speaker_key;
		t->addressee = s->addressee;
		t->affiliation = s->affiliation;
		t->cut_first = s->cut_first;
		t->cut_count = s->cut_count;
		t->role = s->role;
		t->flags = s->flags;
	}
	doc->n_cuts = h->n_cuts;
	doc->cuts = (TrCut *) cuts;
	doc->pool_len = h->pool_len;
	doc->pool = (char *) (cuts + h->n_cuts);
	doc->meta = h->meta;
	return NULL;
}
