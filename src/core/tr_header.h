/*
 * tr_header.h
 *		The header block of a transcript and the metadata it carries.
 *
 * Internal to the core.  tr_read_header looks at the front of the text only
 * (YAML front matter, the title and dateline block, the first lines of a
 * Congressional Record page), with every look-ahead bounded, and decides
 * where the spoken text starts, which layout rules apply to the rest
 * (hard-wrapped or not, Congressional Record indentation) and which person
 * names the header mentions.  It also holds the small recognizers for
 * dates and clock times that the body scanner shares.
 */
#ifndef TR_HEADER_H
#define TR_HEADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tr_doc.h"

/* Layout modes, decided once per document. */
#define TR_MODE_UNWRAPPED	0x01	/* paragraphs are single long lines */
#define TR_MODE_CONGRESS	0x02	/* Congressional Record: <pre>, indents */
#define TR_MODE_FRONTMATTER 0x04	/* YAML front matter (White House) */

/* The most names the header can register (more are ignored). */
#define TR_MAX_NAMES		32

/* Growing string pool; offsets are what TrStr stores. */
typedef struct TrPool
{
	char	   *data;
	size_t		len;
	size_t		cap;
} TrPool;

/* Append n bytes to the pool; returns their TrStr. */
extern TrStr tr_pool_add(TrPool *pool, const char *s, size_t n);

/*
 * Add s[0, n) with blank runs (NBSP and line breaks included) folded to one
 * space and the ends trimmed; cut short at a character boundary if long.
 */
extern TrStr tr_pool_add_folded(TrPool *pool, const char *s, size_t n);

/* Where a name in the header came from: principal rules differ. */
typedef enum TrNameOrigin
{
	TR_NAME_TITLE_START,		/* opens the title ("Minister X's remarks") */
	TR_NAME_AFTER_BY,			/* "Remarks by President X" */
	TR_NAME_AFTER_TITLE,		/* after a title word elsewhere */
	TR_NAME_AFTER_WITH,			/* "with X Y", "and X Y" */
	TR_NAME_LINE				/* a line of its own in the header block */
} TrNameOrigin;

typedef struct TrHeaderName
{
	TrStr		name;			/* readable name, in the pool */
	uint8_t		origin;			/* TrNameOrigin */
	uint8_t		n_words;		/* words of the personal name */
} TrHeaderName;

typedef struct TrHeader
{
	size_t		content_start;	/* first byte after the header block */
	unsigned	mode;			/* TR_MODE_* */
	TrMeta		meta;
	TrHeaderName names[TR_MAX_NAMES];
	int			n_names;
} TrHeader;

/* Read the header of text[0, len) (valid UTF-8) into *h, strings to pool. */
extern void tr_read_header(const char *text, size_t len, TrPool *pool,
						   TrHeader *h);

/*
 * Collect the person names of s[0, n) (a title or a header line) into h,
 * e.g. 'Press Secretary Jen Psaki' gives 'Jen Psaki'.
 */
extern void tr_collect_names(const char *s, size_t n, bool is_title,
							 TrPool *pool, TrHeader *h);

/*
 * Find in the title s[0, n) the holder of a role ('PRESIDENT', 'VICE
 * PRESIDENT', 'FIRST LADY' given as role[0, rlen)): 'Remarks by President
 * Biden' gives 'President Biden'.  Writes at most cap bytes to out and
 * returns the length, 0 if the title names no such person.
 */
extern size_t tr_title_role_holder(const char *s, size_t n,
								   const char *role, size_t rlen,
								   char *out, size_t cap);

/*
 * Length of a clock time at s[i] ('4:03 P.M. EST', '10:15 a.m.', '17:01'),
 * 0 if none.  With need_ampm, a bare 'HH:MM' does not count.
 */
extern size_t tr_time_len(const char *s, size_t i, size_t end, bool need_ampm);

/*
 * Find the first calendar date in s[begin, end) ('May 14, 2019', '14 May
 * 2019', 'Tuesday, January 28, 1997', '11 December 201901:08').  Returns
 * true and sets the date and the matched range.
 */
extern bool tr_find_date(const char *s, size_t begin, size_t end,
						 int *year, int *month, int *day,
						 size_t *m_start, size_t *m_end);

/* Is the line s[i, end) a language bar ('de-DE1 en-GB1 ...')? */
extern bool tr_is_language_bar(const char *s, size_t i, size_t end);

/* ---------- name helpers (tr_names.c) ---------- */

/* What a label names: a person, or a role with no name. */
typedef enum TrNameClass
{
	TR_NC_NAMED = 0,			/* 'SECRETARY POMPEO', 'Sergey Lavrov' */
	TR_NC_QUESTION,				/* 'Q', 'QUESTION', 'Вопрос' */
	TR_NC_MODERATOR,			/* 'MODERATOR', 'The PRESIDING OFFICER' */
	TR_NC_AUDIENCE,				/* 'AUDIENCE MEMBER', 'PARTICIPANT' */
	TR_NC_OTHER,				/* 'UNIDENTIFIED MALE', 'CHILD' */
	TR_NC_OFFICE				/* 'THE PRESIDENT', 'SENIOR ADMINISTRATION
								 * OFFICIAL': an office, no name */
} TrNameClass;

/* Classify the name part s[0, n) of a label. */
extern TrNameClass tr_name_class(const char *s, size_t n);

/*
 * Write the name s[0, n) in a readable form to out (at most cap bytes):
 * all-capital words in title case ('MR PRICE' gives 'Mr Price',
 * 'McCONNELL' gives 'McConnell'), other words as printed.
 */
extern size_t tr_readable_name(const char *s, size_t n, char *out, size_t cap);

/*
 * Fold one word the way speaker keys fold surnames ('Sergey' and 'Sergei'
 * both give 'sergei').  Returns the length written to out (cap bytes).
 */
extern size_t tr_fold_word(const char *s, size_t n, char *out, size_t cap);

#endif
