/*
 * store.h
 *		On-disk format of a transcript value.
 *
 * A transcript is a varlena holding the original text together with its
 * parse, so that reading turns never parses again (as jsonb stores its
 * parse).  Layout, all fields 4-byte aligned:
 *
 *		TranscriptHeader	fixed fields; the first five never change
 *		StoredTurn[n_turns]
 *		char pool[pool_len]	derived strings (speaker names, keys, metadata)
 *		char text[text_len]	the original text, byte for byte
 *
 * Every format version keeps version, text_off and text_len where they are,
 * so any later release can find the text of an older value and parse it
 * afresh.  A value whose version is not the current one is re-parsed on
 * read (transcript_open); unknown future versions are refused.
 */
#ifndef TRANSCRIPT_STORE_H
#define TRANSCRIPT_STORE_H

#include "postgres.h"
#include "fmgr.h"

#include "tr_doc.h"

#define TRANSCRIPT_FORMAT_VERSION	1

typedef struct StoredStr
{
	uint32		off;			/* into pool, or TR_NULL_OFF for NULL */
	uint32		len;
} StoredStr;

typedef struct StoredTurn
{
	uint32		start;
	uint32		end;
	uint32		label_off;
	uint32		label_len;
	uint32		body_start;
	uint32		body_end;
	uint32		char_start;
	uint32		char_end;
	StoredStr	speaker;
	StoredStr	speaker_key;
	StoredStr	addressee;
	StoredStr	affiliation;
	uint8		role;
	uint8		flags;
	uint16		reserved;
} StoredTurn;

typedef struct TranscriptHeader
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint16		version;		/* TRANSCRIPT_FORMAT_VERSION */
	uint16		flags;			/* reserved, 0 */
	uint32		text_off;		/* byte offset of the text from the start */
	uint32		text_len;
	/* version 1 */
	uint32		n_turns;
	uint32		pool_len;
	StoredStr	title;
	StoredStr	event_date;
	StoredStr	place;
	StoredStr	language;
	StoredStr	principal;
} TranscriptHeader;

typedef TranscriptHeader Transcript;

#define DatumGetTranscriptP(X)		((Transcript *) PG_DETOAST_DATUM(X))
#define PG_GETARG_TRANSCRIPT_P(n)	DatumGetTranscriptP(PG_GETARG_DATUM(n))
#define PG_RETURN_TRANSCRIPT_P(x)	PG_RETURN_POINTER(x)

/*
 * A readable view of a stored value: the text, and the parse as the core
 * describes it.  For a value of the current version the turns and pool are
 * copied out of the value (cheap: a few dozen bytes per turn); for an older
 * version they come from a fresh parse.
 */
typedef struct TranscriptView
{
	const char *text;
	uint32		text_len;
	TrDoc		doc;
} TranscriptView;

/* Parse text and build a stored value; errors on invalid input. */
extern Transcript *transcript_from_text(const char *text, size_t len);

/* Check a value's header and read it; errors on a corrupt value. */
extern void transcript_open(Transcript *t, TranscriptView *view);

/* The original text of a stored value. */
extern const char *transcript_text(Transcript *t, uint32 *len);

/* A TrStr of the pool as a text datum, or NULL. */
extern text *transcript_pool_text(const TrDoc *doc, TrStr s);

#endif
