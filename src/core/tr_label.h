/*
 * tr_label.h
 *		Recognizers that run at a paragraph start: speaker labels,
 *		furniture paragraphs, and the inline annotations of a body.
 *
 * Internal to the core.  Every recognizer looks at a bounded window after
 * the position it is given (TR_LABEL_MAX bytes for a label, a few hundred
 * for a stage direction), so that calling one at every paragraph start
 * keeps the parse linear in the text length whatever the input.
 */
#ifndef TR_LABEL_H
#define TR_LABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest label we accept, in bytes, without time stamp and colon. */
#define TR_LABEL_MAX		160

typedef enum TrLabelKind
{
	TR_LBL_NONE = 0,
	TR_LBL_Q,					/* White House 'Q' (and 'Q:') */
	TR_LBL_UPPER,				/* 'SECRETARY POMPEO:', 'BECKY ANDERSON, CNN HOST:' */
	TR_LBL_MIXED,				/* 'Question (to X):', 'Sergey Lavrov:', 'С.В.Лавров:' */
	TR_LBL_CONGRESS				/* 'Mr. DODD.', 'The PRESIDING OFFICER.' */
} TrLabelKind;

typedef struct TrLabel
{
	uint32_t	off;			/* label as printed: no time stamp, no colon */
	uint32_t	len;
	uint32_t	name_len;		/* bytes of the name part: before ' (' or ',' */
	uint32_t	after;			/* first byte after the colon (or period, or Q) */
	uint8_t		kind;			/* TrLabelKind */
	bool		weak;			/* mixed-case name that must match a known
								 * name to count ('Lavrov:'), see tr_parse.c */
} TrLabel;

/*
 * Recognize a speaker label at the paragraph start s[pos] (leading blanks
 * allowed).  mode is the document's TR_MODE_* set.  Returns true and fills
 * *lb on success.
 */
extern bool tr_label_at(const char *s, size_t pos, size_t end, unsigned mode,
						TrLabel *lb);

/* What a paragraph that is not spoken text does to the turn around it. */
typedef enum TrFurniture
{
	TR_FURN_NONE = 0,			/* spoken text */
	TR_FURN_SKIP,				/* stage direction, time stamp: skip, the
								 * turn goes on */
	TR_FURN_PAGE,				/* page marker: skip, may split a paragraph */
	TR_FURN_CLOSE,				/* END, ###, rule, heading, footnote: ends
								 * the turn */
	TR_FURN_STOP				/* site furniture after the transcript: ends
								 * the document */
} TrFurniture;

/*
 * Classify the paragraph that starts at s[pos] (first non-blank byte of a
 * line).  On anything but TR_FURN_NONE, *fend is set to the end of the
 * furniture's last line (its newline excluded).  mode as for tr_label_at;
 * the Congress-only rules (centred headings, rules that end a turn) apply
 * only with TR_MODE_CONGRESS.
 */
extern TrFurniture tr_furniture_at(const char *s, size_t pos, size_t end,
								   unsigned mode, size_t *fend);

/* Annotation kinds found by tr_annotation_at. */
#define TR_ANN_INTERPRETER	0x01	/* an interpreter note */

/*
 * Length of an annotation that starts at s[i] == '(' ('(Laughter.)',
 * '(Via interpreter)', '(CROSSTALK)', '(As interpreted.)'), 0 if the
 * parenthesis is ordinary speech.  *flags gets TR_ANN_* bits.
 */
extern size_t tr_annotation_at(const char *s, size_t i, size_t end,
							   unsigned *flags);

/* Length of a footnote mark at s[i] == '[' ('[i]', '[2]', '[*]'), or 0. */
extern size_t tr_footnote_mark_len(const char *s, size_t i, size_t end);

#endif
