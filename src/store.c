/*
 * store.c
 *		Building and reading stored transcript values (see store.h).
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/memutils.h"

#include "pg_hooks.h"
#include "store.h"

static inline StoredStr
str_to_stored(TrStr s)
{
	StoredStr	r = {s.off, s.len};

	return r;
}

static inline TrStr
str_from_stored(StoredStr s)
{
	TrStr		r = {s.off, s.len};

	return r;
}

/* Report a parse failure of the input text as a user-facing error. */
static void
report_parse_error(TrParseStatus status, size_t err_offset)
{
	switch (status)
	{
		case TR_ERR_TOO_LARGE:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("transcript text is too large")));
			break;
		case TR_ERR_BAD_UTF8:
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("invalid byte sequence for encoding \"UTF8\" in transcript"),
					 errdetail("The invalid sequence starts at byte %zu.",
							   err_offset + 1)));
			break;
		case TR_ERR_NUL:
			ereport(ERROR,
					(errcode(ERRCODE_UNTRANSLATABLE_CHARACTER),
					 errmsg("transcript text cannot contain a NUL byte"),
					 errdetail("The NUL byte is at byte %zu.", err_offset + 1)));
			break;
		case TR_OK:
			break;
	}
}

/*
 * Parse text and lay out a stored value.  The parse's turns and pool are
 * copied into the value, the text after them.
 */
Transcript *
transcript_from_text(const char *text, size_t len)
{
	TrDoc		doc;
	size_t		err_offset = 0;
	TrParseStatus status;
	Size		turns_size,
				total;
	Transcript *t;
	StoredTurn *st;
	char	   *p;

	transcript_require_utf8();

	status = tr_parse(text, len, &doc, &err_offset);
	if (status != TR_OK)
		report_parse_error(status, err_offset);

	turns_size = (Size) doc.n_turns * sizeof(StoredTurn);
	total = sizeof(TranscriptHeader) + turns_size + doc.pool_len + len;
	if (total > MaxAllocSize || total < len)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("transcript value is too large"),
				 errdetail("The text and its parse would take %zu bytes; the maximum is %zu.",
						   (size_t) total, (size_t) MaxAllocSize)));

	t = (Transcript *) palloc(total);
	SET_VARSIZE(t, total);
	t->version = TRANSCRIPT_FORMAT_VERSION;
	t->flags = 0;
	t->text_off = (uint32) (total - len);
	t->text_len = (uint32) len;
	t->n_turns = doc.n_turns;
	t->pool_len = doc.pool_len;
	t->title = str_to_stored(doc.meta.title);
	t->event_date = str_to_stored(doc.meta.event_date);
	t->place = str_to_stored(doc.meta.place);
	t->language = str_to_stored(doc.meta.language);
	t->principal = str_to_stored(doc.meta.principal);

	st = (StoredTurn *) ((char *) t + sizeof(TranscriptHeader));
	for (uint32 i = 0; i < doc.n_turns; i++)
	{
		const TrTurn *tt = &doc.turns[i];

		st[i].start = tt->start;
		st[i].end = tt->end;
		st[i].label_off = tt->label_off;
		st[i].label_len = tt->label_len;
		st[i].body_start = tt->body_start;
		st[i].body_end = tt->body_end;
		st[i].char_start = tt->char_start;
		st[i].char_end = tt->char_end;
		st[i].speaker = str_to_stored(tt->speaker);
		st[i].speaker_key = str_to_stored(tt->speaker_key);
		st[i].addressee = str_to_stored(tt->addressee);
		st[i].affiliation = str_to_stored(tt->affiliation);
		st[i].role = tt->role;
		st[i].flags = tt->flags;
		st[i].reserved = 0;
	}
	p = (char *) (st + doc.n_turns);
	if (doc.pool_len > 0)
		memcpy(p, doc.pool, doc.pool_len);
	p += doc.pool_len;
	if (len > 0)
		memcpy(p, text, len);

	tr_doc_free(&doc);
	return t;
}

static void
report_corrupt(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("corrupt transcript value"),
			 errdetail("%s", detail)));
}

/* Check that a TrStr lies inside a pool of pool_len bytes. */
static inline bool
str_ok(StoredStr s, uint32 pool_len)
{
	return s.off == TR_NULL_OFF ||
		((uint64) s.off + s.len <= pool_len);
}

/*
 * The original text of a value, whatever its version: the prefix of the
 * header that locates it is the same in every version.
 */
const char *
transcript_text(Transcript *t, uint32 *len)
{
	Size		size = VARSIZE(t);

	if (size < offsetof(TranscriptHeader, n_turns) ||
		(uint64) t->text_off + t->text_len != size)
		report_corrupt("The text does not end where the value ends.");
	*len = t->text_len;
	return (const char *) t + t->text_off;
}

/*
 * Read a stored value.  Every offset is checked against the value's size,
 * so a damaged value gives an error, never a read out of bounds.
 */
void
transcript_open(Transcript *t, TranscriptView *view)
{
	Size		size = VARSIZE(t);
	const StoredTurn *st;
	uint32		text_len;
	Size		expect;

	view->text = transcript_text(t, &text_len);
	view->text_len = text_len;

	if (t->version != TRANSCRIPT_FORMAT_VERSION)
	{
		size_t		err_offset;
		TrParseStatus status;

		if (t->version > TRANSCRIPT_FORMAT_VERSION || t->version == 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("unsupported transcript format version %u", t->version),
					 errhint("The value was written by a newer release of the extension.")));
		/* An older layout: its text is all we need. */
		status = tr_parse(view->text, text_len, &view->doc, &err_offset);
		if (status != TR_OK)
			report_parse_error(status, err_offset);
		return;
	}

	expect = sizeof(TranscriptHeader) + (Size) t->n_turns * sizeof(StoredTurn) +
		t->pool_len;
	if (size < sizeof(TranscriptHeader) || t->n_turns > size / sizeof(StoredTurn) ||
		expect != t->text_off)
		report_corrupt("The header's sizes do not match the value's size.");
	if (!str_ok(t->title, t->pool_len) || !str_ok(t->event_date, t->pool_len) ||
		!str_ok(t->place, t->pool_len) || !str_ok(t->language, t->pool_len) ||
		!str_ok(t->principal, t->pool_len))
		report_corrupt("A metadata string lies outside the value.");

	st = (const StoredTurn *) ((const char *) t + sizeof(TranscriptHeader));
	view->doc.n_turns = t->n_turns;
	view->doc.turns = t->n_turns ? palloc(sizeof(TrTurn) * t->n_turns) : NULL;
	view->doc.pool_len = t->pool_len;
	view->doc.pool = (char *) (st + t->n_turns);
	view->doc.meta.title = str_from_stored(t->title);
	view->doc.meta.event_date = str_from_stored(t->event_date);
	view->doc.meta.place = str_from_stored(t->place);
	view->doc.meta.language = str_from_stored(t->language);
	view->doc.meta.principal = str_from_stored(t->principal);

	for (uint32 i = 0; i < t->n_turns; i++)
	{
		const StoredTurn *s = &st[i];
		TrTurn	   *tt = &view->doc.turns[i];

		if (s->start > s->end || s->end > text_len ||
			s->body_start > s->body_end || s->body_end > text_len ||
			(uint64) s->label_off + s->label_len > text_len ||
			s->char_start > s->char_end ||
			!str_ok(s->speaker, t->pool_len) ||
			!str_ok(s->speaker_key, t->pool_len) ||
			!str_ok(s->addressee, t->pool_len) ||
			!str_ok(s->affiliation, t->pool_len) ||
			s->role > TR_ROLE_OTHER)
			report_corrupt("A turn lies outside the value.");
		tt->start = s->start;
		tt->end = s->end;
		tt->label_off = s->label_off;
		tt->label_len = s->label_len;
		tt->body_start = s->body_start;
		tt->body_end = s->body_end;
		tt->char_start = s->char_start;
		tt->char_end = s->char_end;
		tt->speaker = str_from_stored(s->speaker);
		tt->speaker_key = str_from_stored(s->speaker_key);
		tt->addressee = str_from_stored(s->addressee);
		tt->affiliation = str_from_stored(s->affiliation);
		tt->role = s->role;
		tt->flags = s->flags;
	}
}

text *
transcript_pool_text(const TrDoc *doc, TrStr s)
{
	if (s.off == TR_NULL_OFF)
		return NULL;
	return cstring_to_text_with_len(doc->pool + s.off, s.len);
}
