/*
 * store.c
 *		Building and reading stored transcript values (see store.h).
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/memutils.h"

#include "pg_hooks.h"
#include "store.h"

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

/* Parse text into doc, or raise the error the input deserves. */
static void
parse_or_error(const char *text, size_t len, TrDoc *doc)
{
	size_t		err_offset = 0;
	TrParseStatus status;

	/* the server has checked the encoding of every text it hands us */
	status = tr_parse_valid(text, len, doc, &err_offset);
	if (status != TR_OK)
		report_parse_error(status, err_offset);
}

Transcript *
transcript_from_text(const char *text, size_t len)
{
	TrDoc		doc;
	size_t		size;
	Transcript *t;

	transcript_require_utf8();
	parse_or_error(text, len, &doc);

	size = tr_store_size(&doc, len, MaxAllocSize);
	if (size == 0)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("transcript value is too large"),
				 errdetail("The text of %zu bytes and its parse exceed the maximum value size of %zu bytes.",
						   len, (size_t) MaxAllocSize)));
	t = (Transcript *) palloc(size);
	tr_store_write(t, &doc, text, len);
	SET_VARSIZE(t, size);
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

const char *
transcript_text(Transcript *t, uint32 *len)
{
	const char *text = tr_store_text(t, VARSIZE(t), len);

	if (text == NULL)
		report_corrupt("The text does not end where the value ends.");
	return text;
}

void
transcript_open(Transcript *t, TranscriptView *view)
{
	uint16		version = 0;
	const char *problem;

	view->text = transcript_text(t, &view->text_len);
	problem = tr_store_read(t, VARSIZE(t), &view->doc, &version);
	if (problem != NULL)
		report_corrupt(problem);
	if (version == TR_STORE_VERSION)
		return;
	if (version == 0)
		report_corrupt("The storage format version is 0, which no release writes.");
	if (version > TR_STORE_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported transcript storage format version %u", version),
				 errhint("The value was written by a newer release of the extension.")));
	/* An older layout: its text is all that is needed. */
	parse_or_error(view->text, view->text_len, &view->doc);
}

text *
transcript_pool_text(const TrDoc *doc, TrStr s)
{
	if (s.off == TR_NULL_OFF)
		return NULL;
	return cstring_to_text_with_len(doc->pool + s.off, s.len);
}
