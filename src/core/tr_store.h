/*
 * tr_store.h
 *		Serialised form of a parsed transcript: what a stored value holds.
 *
 * Layout of version 2, integers in host byte order (the value is a varlena
 * stored by the server; the binary wire format is separate and carries only
 * the text):
 *
 *		TrStoreHeader		fixed fields; the first five never change
 *		TrStoreNames[n_names]	the distinct speaker/key/addressee/affiliation
 *							sets the turns use
 *		TrCut[n_cuts]		what each body leaves out (tr_doc.h), turn by
 *							turn: a turn's cuts follow those of the turn before
 *		turn records		n_turns * TR_STORE_TURN_FIELDS unsigned integers of
 *							2 bytes (TR_STORE_NARROW) or 4 bytes each
 *		char pool[pool_len]	derived strings (speaker names, keys, metadata)
 *		char text[text_len]	the original text, byte for byte
 *
 * The turn records are what most of a value is besides its text, and they
 * are read on every turns() call (out of TOAST, byte by byte): so they are
 * small.  A document whose every number fits in 16 bits (texts under 64 kB)
 * stores them in 2 bytes each.
 *
 * Every format version keeps version, text_off and text_len where they are,
 * so that any later release can find the text of an older value and parse
 * it afresh.  The first four bytes belong to the container (the varlena
 * length word) and are neither written nor read here.
 */
#ifndef TR_STORE_H
#define TR_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "tr_doc.h"

#define TR_STORE_VERSION	2

/* Header flags */
#define TR_STORE_NARROW		0x0001	/* turn record fields are 2 bytes */

/* The fields of a turn record, in order. */
enum
{
	TR_SF_START,
	TR_SF_END,
	TR_SF_LABEL_OFF,
	TR_SF_LABEL_LEN,
	TR_SF_BODY_START,
	TR_SF_BODY_END,
	TR_SF_CHAR_START,
	TR_SF_CHAR_END,
	TR_SF_NAMES,				/* index into the TrStoreNames */
	TR_SF_CUT_COUNT,			/* cut_first is the sum of the counts before */
	TR_SF_ROLE_FLAGS,			/* role | flags << 8 */
	TR_STORE_TURN_FIELDS
};

typedef struct TrStoreNames
{
	TrStr		speaker;
	TrStr		speaker_key;
	TrStr		addressee;
	TrStr		affiliation;
} TrStoreNames;

typedef struct TrStoreHeader
{
	uint32_t	container;		/* the varlena length word: not ours */
	uint16_t	version;		/* TR_STORE_VERSION */
	uint16_t	flags;			/* TR_STORE_NARROW or 0 */
	uint32_t	text_off;		/* byte offset of the text from the start */
	uint32_t	text_len;
	/* version 2 */
	uint32_t	n_turns;
	uint32_t	n_cuts;
	uint32_t	n_names;
	uint32_t	pool_len;
	TrMeta		meta;
} TrStoreHeader;

/* Bytes the header fields common to every version take. */
#define TR_STORE_PREFIX_SIZE	(offsetof(TrStoreHeader, n_turns))

/* Size of the serialised value, or 0 if it would exceed max_size. */
extern size_t tr_store_size(const TrDoc *doc, size_t text_len, size_t max_size);

/* Serialise into dst, which has tr_store_size() bytes. */
extern void tr_store_write(void *dst, const TrDoc *doc, const char *text,
						   size_t text_len);

/*
 * Locate the text of a value of any version: NULL if the value is too
 * short or its text does not end where the value ends.
 */
extern const char *tr_store_text(const void *value, size_t size,
								 uint32_t *text_len);

/*
 * Read a value of the current version into *doc (turns copied with
 * tr_alloc, cuts and pool pointing into the value; free only doc->turns).
 * Every offset is checked against the value's size: returns NULL on
 * success, else what is wrong.  A value of another version is reported by
 * *version for the caller to re-parse.
 */
extern const char *tr_store_read(const void *value, size_t size, TrDoc *doc,
								 uint16_t *version);

#endif
