/*
 * type_io.c
 *		Input, output, binary send/receive and casts of the transcript type.
 *
 * Text in, text out: the output is the input byte for byte.  The binary
 * form is a format byte, the text's length in bytes and the text; receive
 * parses the text exactly as input does, so it accepts nothing that input
 * would refuse.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "store.h"

/* Version of the binary (send/recv) representation. */
#define TRANSCRIPT_BINARY_VERSION	1

PG_FUNCTION_INFO_V1(transcript_in);
PG_FUNCTION_INFO_V1(transcript_out);
PG_FUNCTION_INFO_V1(transcript_recv);
PG_FUNCTION_INFO_V1(transcript_send);
PG_FUNCTION_INFO_V1(transcript_from_text_cast);
PG_FUNCTION_INFO_V1(transcript_to_text_cast);

/* transcript_in(cstring): parse the text once and store it with its parse. */
Datum
transcript_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);

	PG_RETURN_TRANSCRIPT_P(transcript_from_text(str, strlen(str)));
}

/* transcript_out(transcript): the original text. */
Datum
transcript_out(PG_FUNCTION_ARGS)
{
	Transcript *t = PG_GETARG_TRANSCRIPT_P(0);
	uint32		len;
	const char *text = transcript_text(t, &len);
	char	   *result = palloc(len + 1);

	memcpy(result, text, len);
	result[len] = '\0';
	PG_RETURN_CSTRING(result);
}

/* transcript_send(transcript): format byte, length, text. */
Datum
transcript_send(PG_FUNCTION_ARGS)
{
	Transcript *t = PG_GETARG_TRANSCRIPT_P(0);
	uint32		len;
	const char *text = transcript_text(t, &len);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint8(&buf, TRANSCRIPT_BINARY_VERSION);
	pq_sendint32(&buf, len);
	pq_sendtext(&buf, text, len);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* transcript_recv(internal): check the frame, then parse as input does. */
Datum
transcript_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	uint32		declared;
	int			remaining;
	char	   *str;
	int			nbytes;
	Transcript *t;

	if (buf->len - buf->cursor < 5)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("truncated binary transcript value"),
				 errdetail("The value has %d bytes; a format byte and a length need 5.",
						   buf->len - buf->cursor)));
	version = pq_getmsgint(buf, 1);
	if (version != TRANSCRIPT_BINARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary transcript format version %d", version),
				 errdetail("This release reads version %d.", TRANSCRIPT_BINARY_VERSION)));
	declared = (uint32) pq_getmsgint(buf, 4);
	remaining = buf->len - buf->cursor;
	if ((uint32) remaining != declared)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("%s binary transcript value",
						(uint32) remaining < declared ? "truncated" : "malformed"),
				 errdetail("The value declares %u bytes of text but carries %d.",
						   declared, remaining)));

	/* pq_getmsgtext converts from the client encoding and verifies it. */
	str = pq_getmsgtext(buf, remaining, &nbytes);
	t = transcript_from_text(str, nbytes);
	pfree(str);
	PG_RETURN_TRANSCRIPT_P(t);
}

/* Cast text to transcript: parse. */
Datum
transcript_from_text_cast(PG_FUNCTION_ARGS)
{
	text	   *txt = PG_GETARG_TEXT_PP(0);

	PG_RETURN_TRANSCRIPT_P(transcript_from_text(VARDATA_ANY(txt),
												VARSIZE_ANY_EXHDR(txt)));
}

/* Cast transcript to text: the original text. */
Datum
transcript_to_text_cast(PG_FUNCTION_ARGS)
{
	Transcript *t = PG_GETARG_TRANSCRIPT_P(0);
	uint32		len;
	const char *text = transcript_text(t, &len);

	PG_RETURN_TEXT_P(cstring_to_text_with_len(text, len));
}
