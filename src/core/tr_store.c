/*
 * tr_store.c
 *		Writing and checked reading of serialised transcripts (tr_store.h).
 */
#include "tr_store.h"

#include <string.h>

#include "tr_mem.h"
#include "tr_utf8.h"

static inline int
same_str(TrStr a, TrStr b)
{
	return a.off == b.off && a.len == b.len;
}

static inline int
same_names(const TrStoreNames *a, const TrStoreNames *b)
{
	return same_str(a->speaker, b->speaker) && same_str(a->speaker_key, b->speaker_key) &&
		same_str(a->addressee, b->addressee) && same_str(a->affiliation, b->affiliation);
}

static inline TrStoreNames
turn_names(const TrTurn *t)
{
	TrStoreNames n = {t->speaker, t->speaker_key, t->addressee, t->affiliation};

	return n;
}

/*
 * The distinct name sets of the turns, in order of first use: *names
 * (tr_alloc) gets them, index[i] (n_turns, tr_alloc) turn i's.  A hash
 * table on the pool offsets: linear in the turns.
 */
static uint32_t
collect_names(const TrDoc *doc, TrStoreNames **names, uint32_t **index)
{
	size_t		nslots = 16;
	uint32_t   *slots;
	uint32_t	n = 0;
	size_t		cap = 0;

	while (nslots < (size_t) doc->n_turns * 2)
		nslots *= 2;

	slots = tr_alloc_array(nslots, sizeof(uint32_t));	/* 0: empty, else index + 1 */
	*names = NULL;			/* grown as sets appear: most documents have a few */
	*index = tr_alloc_array(doc->n_turns ? doc->n_turns : 1, sizeof(uint32_t));
	for (uint32_t i = 0; i < doc->n_turns; i++)
	{
		TrStoreNames key = turn_names(&doc->turns[i]);
		uint32_t	h = tr_hash_bytes((const char *) &key, sizeof(key));
		size_t		s;

		for (s = h & (nslots - 1); slots[s] != 0; s = (s + 1) & (nslots - 1))
			if (same_names(&(*names)[slots[s] - 1], &key))
				break;
		if (slots[s] == 0)
		{
			tr_grow((void **) names, sizeof(TrStoreNames), n, &cap);
			(*names)[n] = key;
			slots[s] = ++n;
		}
		(*index)[i] = slots[s] - 1;
	}
	tr_free(slots);
	return n;
}

/* The fields of turn i's record (TR_SF_*). */
static void
turn_fields(const TrDoc *doc, uint32_t i, const uint32_t *names_index, uint32_t *f)
{
	const TrTurn *t = &doc->turns[i];

	f[TR_SF_START] = t->start;
	f[TR_SF_END] = t->end;
	f[TR_SF_LABEL_OFF] = t->label_off;
	f[TR_SF_LABEL_LEN] = t->label_len;
	f[TR_SF_BODY_START] = t->body_start;
	f[TR_SF_BODY_END] = t->body_end;
	f[TR_SF_CHAR_START] = t->char_start;
	f[TR_SF_CHAR_END] = t->char_end;
	f[TR_SF_NAMES] = names_index[i];
	f[TR_SF_CUT_COUNT] = t->cut_count;
	f[TR_SF_ROLE_FLAGS] = (uint32_t) t->role | (uint32_t) t->flags << 8;
}

/* Whether every record field of the document fits in 2 bytes. */
static int
fits_narrow(const TrDoc *doc, const uint32_t *names_index)
{
	uint32_t	f[TR_STORE_TURN_FIELDS];

	for (uint32_t i = 0; i < doc->n_turns; i++)
	{
		turn_fields(doc, i, names_index, f);
		for (int k = 0; k < TR_STORE_TURN_FIELDS; k++)
			if (f[k] > UINT16_MAX)
				return 0;
	}
	return 1;
}

/*
 * The cuts kept: each turn's, one turn after the other (so cut_first need
 * not be stored).  Those of the parse, unless some belong to no turn.
 */
static uint64_t
kept_cuts(const TrDoc *doc)
{
	uint64_t	n = 0;

	for (uint32_t i = 0; i < doc->n_turns; i++)
		n += doc->turns[i].cut_count;
	return n;
}

size_t
tr_store_size(const TrDoc *doc, size_t text_len, size_t max_size)
{
	TrStoreNames *names;
	uint32_t   *index;
	uint32_t	n_names = collect_names(doc, &names, &index);
	size_t		width = fits_narrow(doc, index) ? 2 : 4;
	uint64_t	n_cuts = kept_cuts(doc);
	size_t		size;

	tr_free(names);
	tr_free(index);
	/* each step checked: the text alone may be close to max_size */
	if (max_size < sizeof(TrStoreHeader) || n_cuts > UINT32_MAX ||
		(size_t) n_names > (max_size - sizeof(TrStoreHeader)) / sizeof(TrStoreNames))
		return 0;
	size = sizeof(TrStoreHeader) + (size_t) n_names * sizeof(TrStoreNames);
	if (n_cuts > (max_size - size) / sizeof(TrCut))
		return 0;
	size += (size_t) n_cuts * sizeof(TrCut);
	if ((size_t) doc->n_turns > (max_size - size) / (width * TR_STORE_TURN_FIELDS))
		return 0;
	size += (size_t) doc->n_turns * width * TR_STORE_TURN_FIELDS;
	if (doc->pool_len > max_size - size)
		return 0;
	size += doc->pool_len;
	if (text_len > max_size - size || text_len > UINT32_MAX - 1)
		return 0;
	return size + text_len;
}

static inline void
put_field(unsigned char *rec, int k, size_t width, uint32_t v)
{
	if (width == 2)
	{
		uint16_t	v16 = (uint16_t) v;

		memcpy(rec + 2 * k, &v16, 2);
	}
	else
		memcpy(rec + 4 * k, &v, 4);
}

void
tr_store_write(void *dst, const TrDoc *doc, const char *text, size_t text_len)
{
	TrStoreHeader *h = (TrStoreHeader *) dst;
	TrStoreNames *names;
	uint32_t   *index;
	uint32_t	n_names = collect_names(doc, &names, &index);
	size_t		width = fits_narrow(doc, index) ? 2 : 4;
	TrCut	   *cuts;
	unsigned char *rec;
	char	   *p;
	uint32_t	n_cuts = 0;

	h->version = TR_STORE_VERSION;
	h->flags = width == 2 ? TR_STORE_NARROW : 0;
	h->n_turns = doc->n_turns;
	h->n_cuts = (uint32_t) kept_cuts(doc);
	h->n_names = n_names;
	h->pool_len = doc->pool_len;
	h->meta = doc->meta;
	if (n_names > 0)
		memcpy(h + 1, names, sizeof(TrStoreNames) * n_names);
	cuts = (TrCut *) ((char *) dst + sizeof(TrStoreHeader) +
					  sizeof(TrStoreNames) * (size_t) n_names);
	rec = (unsigned char *) (cuts + h->n_cuts);
	for (uint32_t i = 0; i < doc->n_turns; i++)
	{
		const TrTurn *t = &doc->turns[i];
		uint32_t	f[TR_STORE_TURN_FIELDS];

		turn_fields(doc, i, index, f);
		/* a turn's cuts, after those of the turns before it */
		if (t->cut_count > 0)
			memcpy(cuts + n_cuts, doc->cuts + t->cut_first, sizeof(TrCut) * t->cut_count);
		n_cuts += t->cut_count;
		for (int k = 0; k < TR_STORE_TURN_FIELDS; k++)
			put_field(rec, k, width, f[k]);
		rec += width * TR_STORE_TURN_FIELDS;
	}
	p = (char *) rec;
	if (doc->pool_len > 0)
		memcpy(p, doc->pool, doc->pool_len);
	p += doc->pool_len;
	h->text_off = (uint32_t) (p - (char *) dst);
	h->text_len = (uint32_t) text_len;
	if (text_len > 0)
		memcpy(p, text, text_len);
	tr_free(names);
	tr_free(index);
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

/* Undo a read that found a problem: nothing stays allocated. */
static const char *
read_failed(TrDoc *doc, const char *problem)
{
	tr_free(doc->turns);
	memset(doc, 0, sizeof(*doc));
	return problem;
}

const char *
tr_store_read(const void *value, size_t size, TrDoc *doc, uint16_t *version)
{
	const TrStoreHeader *h = (const TrStoreHeader *) value;
	const TrStoreNames *names;
	const TrCut *cuts;
	const unsigned char *rec;
	uint32_t	text_len;
	const TrMeta *m;
	int			narrow;
	size_t		width;
	uint32_t	cut_first = 0;

	memset(doc, 0, sizeof(*doc));
	if (tr_store_text(value, size, &text_len) == NULL)
		return "The text does not end where the value ends.";
	*version = h->version;
	if (h->version != TR_STORE_VERSION)
		return NULL;
	narrow = (h->flags & TR_STORE_NARROW) != 0;
	width = narrow ? 2 : 4;
	if (size < sizeof(TrStoreHeader) || (h->flags & ~TR_STORE_NARROW) != 0 ||
		(uint64_t) sizeof(TrStoreHeader) +
		(uint64_t) h->n_names * sizeof(TrStoreNames) +
		(uint64_t) h->n_cuts * sizeof(TrCut) +
		(uint64_t) h->n_turns * width * TR_STORE_TURN_FIELDS +
		h->pool_len != h->text_off)
		return "The header's sizes do not match the value's size.";
	m = &h->meta;
	if (!str_ok(m->title, h->pool_len) || !str_ok(m->event_date, h->pool_len) ||
		!str_ok(m->place, h->pool_len) || !str_ok(m->language, h->pool_len) ||
		!str_ok(m->principal, h->pool_len))
		return "A metadata string lies outside the value.";
	names = (const TrStoreNames *) (h + 1);
	for (uint32_t i = 0; i < h->n_names; i++)
		if (!str_ok(names[i].speaker, h->pool_len) || !str_ok(names[i].speaker_key, h->pool_len) ||
			!str_ok(names[i].addressee, h->pool_len) || !str_ok(names[i].affiliation, h->pool_len))
			return "A speaker name lies outside the value.";
	cuts = (const TrCut *) (names + h->n_names);
	rec = (const unsigned char *) (cuts + h->n_cuts);

	doc->turns = tr_alloc_array(h->n_turns, sizeof(TrTurn));
	for (uint32_t i = 0; i < h->n_turns; i++, rec += width * TR_STORE_TURN_FIELDS)
	{
		TrTurn	   *t = &doc->turns[i];
		uint32_t	f[TR_STORE_TURN_FIELDS];
		uint32_t	at;
		const char *problem = NULL;

		/* one branch per turn; the record is copied whole, then widened */
		if (narrow)
		{
			uint16_t	r16[TR_STORE_TURN_FIELDS];

			memcpy(r16, rec, sizeof(r16));
			for (int k = 0; k < TR_STORE_TURN_FIELDS; k++)
				f[k] = r16[k];
		}
		else
			memcpy(f, rec, sizeof(f));
		t->start = f[TR_SF_START];
		t->end = f[TR_SF_END];
		t->label_off = f[TR_SF_LABEL_OFF];
		t->label_len = f[TR_SF_LABEL_LEN];
		t->body_start = f[TR_SF_BODY_START];
		t->body_end = f[TR_SF_BODY_END];
		t->char_start = f[TR_SF_CHAR_START];
		t->char_end = f[TR_SF_CHAR_END];
		t->cut_first = cut_first;
		t->cut_count = f[TR_SF_CUT_COUNT];
		t->role = (uint8_t) (f[TR_SF_ROLE_FLAGS] & 0xFF);
		t->flags = (uint8_t) (f[TR_SF_ROLE_FLAGS] >> 8);
		if (t->start > t->end || t->end > text_len ||
			t->body_start > t->body_end || t->body_end > text_len ||
			(uint64_t) t->label_off + t->label_len > text_len ||
			t->char_start > t->char_end || f[TR_SF_NAMES] >= h->n_names ||
			t->role > TR_ROLE_OTHER || f[TR_SF_ROLE_FLAGS] > 0xFFFF)
			problem = "A turn lies outside the value.";
		else if (t->cut_count > h->n_cuts - cut_first)
			problem = "A turn's cuts lie outside the value.";
		if (problem)
			return read_failed(doc, problem);
		t->speaker = names[f[TR_SF_NAMES]].speaker;
		t->speaker_key = names[f[TR_SF_NAMES]].speaker_key;
		t->addressee = names[f[TR_SF_NAMES]].addressee;
		t->affiliation = names[f[TR_SF_NAMES]].affiliation;

		/* a turn's cuts: inside its body, in order, not overlapping */
		at = t->body_start;
		for (uint32_t k = 0; k < t->cut_count; k++)
		{
			const TrCut *c = &cuts[cut_first + k];

			if (c->start < at || c->start >= c->end || c->end > t->body_end || c->space > 1)
				problem = "A cut lies outside its turn's body.";
			at = c->end;
		}
		cut_first += t->cut_count;
		if (problem)
			return read_failed(doc, problem);
	}

	doc->n_turns = h->n_turns;
	doc->n_cuts = h->n_cuts;
	doc->cuts = (TrCut *) cuts;
	doc->pool_len = h->pool_len;
	doc->pool = (char *) rec;
	doc->meta = h->meta;
	return NULL;
}
