/*
 * tr_store.h
 *		Serialised form of a parsed transcript: what a stored value holds.
 *
 * Layout, all fields 4-byte aligned, integers in host byte order (the value
 * is a varlena stored by the server; the binary wire format is separate and
 * carries only the text):
 *
 *		TrStoreHeader		fixed fields; the first five never change
 *		TrStoreTurn[n_turns]
 *		TrCut[n_cuts]		what each body leaves out (tr_doc.h)
 *		char pool[pool_len]	derived strings (speaker names, keys, metadata)
 *		char text[text_len]	the original text, byte for byte
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

#define TR_STORE_VERSION	1

typedef struct TrStoreTurn
{
	uint32_t	start;
	uint32_t	end;
	uint32_t	label_off;
	uint32_t	label_len;
	uint32_t	body_start;
	uint32_t	body_end;
	uint32_t	char_start;
	uint32_t	char_end;
	TrStr		speaker;
	TrStr		speaker_key;
	TrStr		addressee;
	TrStr		affiliation;
	uint32_t	cut_first;
	uint32_t	cut_count;
	uint8_t		role;
	uint8_t		flags;
	uint16_t	reserved;
} TrStoreTurn;

typedef struct TrStoreHeader
{
	uint32_t	container;		/* the varlena length word: not ours */
	uint16_t	version;		/* TR_STORE_VERSION */
	uint16_t	flags;			/* reserved, 0 */
	uint32_t	text_off;		/* byte offset of the text from the start */
	uint32_t	text_len;
	/* version 1 */
	uint32_t	n_turns;
	uint32_t	n_cuts;
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
 * tr_alloc, cuts and pool pointing into the value; free only doc->turns).  Every offset is checked against
 * the value's size: returns NULL on success, else what is wrong.  A value
 * of another version is reported by *version for the caller to re-parse.
 */
extern const char *tr_store_read(const void *value, size_t size, TrDoc *doc,
								 uint16_t *version);

#endif
