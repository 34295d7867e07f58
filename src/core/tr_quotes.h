/*
 * tr_quotes.h
 *		Direct quotations in news text and transcripts, with their speakers.
 *
 * Plain C + ICU character properties, no PostgreSQL.  The extractor pairs
 * quotation marks (straight and curly double and single marks, guillemets,
 * low-9 marks, nested, over several paragraphs) in one pass with a stack,
 * then reads a bounded window of text around each quotation for its cue
 * (said, told, added, according to, заявил ...) and speaker, resolving
 * pronouns and role nouns ('the minister') to the last fitting person named
 * before.  Every step is linear in the input: marks are pushed and popped
 * once, and the attribution windows have a fixed size.
 */
#ifndef TR_QUOTES_H
#define TR_QUOTES_H

#include <stddef.h>
#include <stdint.h>

#include "tr_doc.h"

typedef enum TrQuoteKind
{
	TR_QUOTE_FULL = 0,			/* a quoted sentence or more */
	TR_QUOTE_PARTIAL = 1,		/* words quoted inside reported speech */
	TR_QUOTE_MULTI = 2,			/* runs over several paragraphs */
	TR_QUOTE_SCARE = 3			/* scare quotes, titles, nicknames: not speech */
} TrQuoteKind;

typedef struct TrQuote
{
	uint32_t	start;			/* byte span of the quoted words, marks excluded */
	uint32_t	end;
	uint32_t	char_start;		/* the same span, 1-based characters, end exclusive */
	uint32_t	char_end;
	TrStr		quote;			/* the words: marks of continued paragraphs
								 * removed, line breaks folded */
	TrStr		speaker;		/* the person as named in the text; NULL if none */
	TrStr		speaker_key;	/* tr_speaker_key() of speaker; NULL if none */
	TrStr		cue;			/* 'said', 'told', 'according to'; NULL if none */
	uint32_t	turn_no;		/* 1-based turn of a transcript; 0 for plain text */
	uint32_t	parent;			/* 1-based index of the enclosing quotation, or 0 */
	uint8_t		kind;			/* TrQuoteKind */
} TrQuote;

typedef struct TrQuoteSet
{
	TrQuote    *quotes;			/* in text order (by start) */
	uint32_t	n_quotes;
	char	   *pool;
	uint32_t	pool_len;
} TrQuoteSet;

/*
 * Find the quotations of text (len bytes, need not be NUL-terminated).
 *
 * With doc == NULL the text is read as one news text.  With the parse of a
 * transcript, only turn bodies are read, turn_no is set, and a turn's own
 * words are not quotations; 'I' in a cue ('as I said, "..."') is the turn's
 * speaker.  Invalid UTF-8 is read as single bytes, never rejected; the
 * caller validates the encoding.  Returns TR_ERR_TOO_LARGE for text longer
 * than UINT32_MAX - 1 bytes, TR_OK otherwise.  Allocates through tr_hooks;
 * free with tr_quotes_free.
 */
extern TrParseStatus tr_quotes(const char *text, size_t len, const TrDoc *doc,
							   TrQuoteSet *out);
extern void tr_quotes_free(TrQuoteSet *qs);

/* 'full', 'partial', 'multi', 'scare' */
extern const char *tr_quote_kind_name(int kind);

#endif
