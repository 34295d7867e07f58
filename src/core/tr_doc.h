/*
 * tr_doc.h
 *		The parse of one transcript: header metadata and speaker turns.
 *
 * Plain C, no PostgreSQL.  All positions are byte offsets into the original
 * text except char_start/char_end, which are 1-based character positions
 * (end exclusive) as SQL reports them.  Derived strings (resolved speaker
 * names, identity keys, metadata) live in one string pool; a TrStr with
 * off == TR_NULL_OFF is SQL NULL.
 */
#ifndef TR_DOC_H
#define TR_DOC_H

#include <stddef.h>
#include <stdint.h>

#define TR_NULL_OFF		UINT32_MAX

typedef struct TrStr
{
	uint32_t	off;			/* into TrDoc.pool, or TR_NULL_OFF */
	uint32_t	len;
} TrStr;

typedef enum TrRole
{
	TR_ROLE_OFFICIAL = 0,
	TR_ROLE_QUESTIONER = 1,
	TR_ROLE_MODERATOR = 2,
	TR_ROLE_OTHER = 3
} TrRole;

#define TR_TURN_INTERPRETED		0x01	/* "(Via interpreter)" and the like */
#define TR_TURN_UNLABELLED		0x02	/* opening remarks with no label */

/*
 * A byte range of a turn's body that is not words: an annotation, a stage
 * direction, a footnote mark, a page marker.  space: the range is replaced
 * by one space (a page marker that split a sentence) instead of nothing.
 */
typedef struct TrCut
{
	uint32_t	start;
	uint32_t	end;
	uint32_t	space;			/* 0 or 1 */
} TrCut;

typedef struct TrTurn
{
	uint32_t	start;			/* span, label included */
	uint32_t	end;
	uint32_t	label_off;		/* label as printed (no colon); len 0 if none */
	uint32_t	label_len;
	uint32_t	body_start;		/* the body's range, before its cuts */
	uint32_t	body_end;
	uint32_t	char_start;		/* 1-based, end exclusive */
	uint32_t	char_end;
	TrStr		speaker;		/* the person, resolved; NULL if unknown */
	TrStr		speaker_key;	/* identity for grouping; NULL if unknown */
	TrStr		addressee;
	TrStr		affiliation;
	uint32_t	cut_first;		/* this turn's cuts: TrDoc.cuts[cut_first ...] */
	uint32_t	cut_count;
	uint8_t		role;			/* TrRole */
	uint8_t		flags;			/* TR_TURN_* */
} TrTurn;

typedef struct TrMeta
{
	TrStr		title;
	TrStr		event_date;		/* ISO 8601 'YYYY-MM-DD' */
	TrStr		place;
	TrStr		language;		/* 'en', 'ru', ... */
	TrStr		principal;		/* principal speaker named by the header */
} TrMeta;

typedef struct TrDoc
{
	TrTurn	   *turns;
	uint32_t	n_turns;
	TrCut	   *cuts;			/* in text order */
	uint32_t	n_cuts;
	char	   *pool;
	uint32_t	pool_len;
	TrMeta		meta;
} TrDoc;

typedef enum TrParseStatus
{
	TR_OK = 0,
	TR_ERR_TOO_LARGE,			/* text longer than UINT32_MAX - 1 bytes */
	TR_ERR_BAD_UTF8,			/* detail: byte offset in *err_offset */
	TR_ERR_NUL					/* NUL byte in text */
} TrParseStatus;

/*
 * Parse text (len bytes, need not be NUL-terminated) into *doc.  Linear in
 * len.  On error returns a status and sets *err_offset; *doc is then empty.
 * Allocates through tr_hooks; free with tr_doc_free.
 */
extern TrParseStatus tr_parse(const char *text, size_t len, TrDoc *doc,
							  size_t *err_offset);

/*
 * The same for text already known to be valid UTF-8 without NUL bytes, as
 * the server guarantees for every text value in a UTF8 database: skips the
 * validation pass.  Safe on any bytes, but positions and names in invalid
 * input are not meaningful.
 */
extern TrParseStatus tr_parse_valid(const char *text, size_t len, TrDoc *doc,
									size_t *err_offset);
extern void tr_doc_free(TrDoc *doc);

/*
 * Write the body of a turn: text[body_start, body_end) less its cuts, with
 * the document's own line breaks and spacing, trimmed at both ends.  dst
 * must hold body_end - body_start bytes; returns the number written (never
 * more).  Linear in the body: one copy between cuts, which the parse found.
 */
extern size_t tr_turn_body(const char *text, const TrDoc *doc, const TrTurn *turn,
						   char *dst);

/*
 * For a turn without cuts, where in the text its body lies: tr_turn_body
 * would copy exactly text[*off, *off + *len).
 */
extern void tr_plain_body(const char *text, const TrTurn *turn, uint32_t *off,
						  uint32_t *len);

/*
 * Find the cuts of text[start, end) (a turn's body) and append them to
 * *cuts (n used, *cap allocated); used by the parse.  Returns the TR_ANN_*
 * flags of the annotations in the body (tr_label.h).
 */
extern unsigned tr_body_cuts(const char *text, uint32_t start, uint32_t end,
						 TrCut **cuts, size_t *n, size_t *cap);

#endif
