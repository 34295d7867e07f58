/*
 * store.h
 *		The transcript varlena: the core's serialised parse (tr_store.h)
 *		behind a varlena header.
 *
 * A value of the current format version is read without parsing; a value
 * of an older version is parsed afresh from its text, which every version
 * keeps in the same place; a newer version is refused.
 */
#ifndef TRANSCRIPT_STORE_H
#define TRANSCRIPT_STORE_H

#include "postgres.h"
#include "fmgr.h"

#include "tr_doc.h"
#include "tr_store.h"

typedef struct varlena Transcript;

#define DatumGetTranscriptP(X)		((Transcript *) PG_DETOAST_DATUM(X))
#define PG_GETARG_TRANSCRIPT_P(n)	DatumGetTranscriptP(PG_GETARG_DATUM(n))
#define PG_RETURN_TRANSCRIPT_P(x)	PG_RETURN_POINTER(x)

/* A readable view of a stored value: its text and its parse. */
typedef struct TranscriptView
{
	const char *text;
	uint32		text_len;
	TrDoc		doc;
} TranscriptView;

/* Parse text and build a stored value; errors on invalid input. */
extern Transcript *transcript_from_text(const char *text, size_t len);

/* Check a value and read it; errors on a corrupt or too new value. */
extern void transcript_open(Transcript *t, TranscriptView *view);

/* The original text of a stored value. */
extern const char *transcript_text(Transcript *t, uint32 *len);

/* A string of the parse's pool as text, or NULL for SQL NULL. */
extern text *transcript_pool_text(const TrDoc *doc, TrStr s);

#endif
