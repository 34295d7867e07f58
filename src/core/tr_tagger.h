/*
 * tr_tagger.h
 *		Topic tagging: a dictionary of terms compiled into a token trie, and
 *		a matcher that finds the terms in text.
 *
 * Plain C + ICU, no PostgreSQL.  Text and terms are UTF-8.
 *
 * Both text and terms are cut into tokens the same way: ICU word-break
 * segments (UAX #29) are words; apostrophes split words ("Iran's" is
 * "Iran", "'", "s"); every other character that is neither a word nor
 * white space is a punctuation token of its own; white space only
 * separates.  Words are compared after NFKC case folding with 'ё' read as
 * 'е'; apostrophes, dashes and double quotes of every kind compare equal.
 * A term matches a run of consecutive text tokens, so multi-word terms
 * match across line breaks and runs of spaces but not across
 * punctuation that the term does not have.
 *
 * A case-sensitive term also needs the words' original spelling to be
 * the same.  An inflected term matches the inflected forms of its words:
 * Latin-script words by light English suffix rules (plural and -s, -ed,
 * -ing forms), Cyrillic words by Russian case endings.
 *
 * Where terms overlap, the leftmost match wins, then the longest: 'New
 * START Treaty' is one hit, not also 'START'.  One span may carry
 * several topics when terms of several topics match it.
 *
 * Plain ASCII (and the common typographic marks of English text) is cut
 * without calling ICU; the rest goes through an ICU word-break iterator
 * that is opened once per process and kept.
 */
#ifndef TR_TAGGER_H
#define TR_TAGGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Term flags */
#define TR_TERM_CASE_SENSITIVE	0x01
#define TR_TERM_INFLECT			0x02

/* Limits on one term (longer terms are refused) */
#define TR_TERM_MAX_BYTES		256
#define TR_TERM_MAX_TOKENS		16
#define TR_TOPIC_MAX_BYTES		128

typedef enum TrTermStatus
{
	TR_TERM_OK = 0,
	TR_TERM_EMPTY,				/* nothing but white space */
	TR_TERM_NO_WORD,			/* only punctuation */
	TR_TERM_TOO_LONG,			/* more than TR_TERM_MAX_BYTES bytes */
	TR_TERM_TOO_MANY_TOKENS,	/* more than TR_TERM_MAX_TOKENS tokens */
	TR_TERM_BAD_UTF8,			/* invalid UTF-8 */
	TR_TERM_CONTROL,			/* a control character other than white space */
	TR_TERM_CASE_INFLECT,		/* both case-sensitive and inflected */
	TR_TERM_BAD_TOPIC,			/* topic empty, too long or with control chars */
	TR_TERM_ICU					/* ICU failed (out of memory, missing data) */
} TrTermStatus;

typedef struct TrTermDef
{
	const char *topic;
	size_t		topic_len;
	const char *term;
	size_t		term_len;
	unsigned	flags;			/* TR_TERM_* */
} TrTermDef;

/* One hit: a span of text and one topic found there. */
typedef struct TrTopicHit
{
	uint32_t	topic;			/* topic id, see tr_tagger_topic() */
	uint32_t	term;			/* index of the term in the compiled list */
	uint32_t	start;			/* byte offsets, end exclusive */
	uint32_t	end;
	uint32_t	char_start;		/* 1-based code points, end exclusive */
	uint32_t	char_end;
} TrTopicHit;

typedef struct TrHitList
{
	TrTopicHit *hits;
	size_t		n;
	size_t		cap;
} TrHitList;

typedef struct TrTagger TrTagger;

/*
 * Check one term (and its topic) without compiling it: TR_TERM_OK or the
 * reason it is refused.  tr_term_status_message() gives a lower-case
 * message, tr_term_status_detail() a sentence for an error detail.
 */
extern TrTermStatus tr_term_check(const char *topic, size_t topic_len,
								  const char *term, size_t term_len,
								  unsigned flags);
extern const char *tr_term_status_message(TrTermStatus status);
extern const char *tr_term_status_detail(TrTermStatus status);

/*
 * Compile n terms.  On success returns TR_TERM_OK and sets *out; a term
 * that fails the check makes the whole compile fail, with its index in
 * *bad_index.  Topic ids are given in byte order of topic names.  The
 * tagger holds copies of all strings and is one allocation tree made with
 * tr_alloc; free with tr_tagger_free.  Calls tr_check_interrupts().
 */
extern TrTermStatus tr_tagger_compile(const TrTermDef *terms, size_t n,
									  TrTagger **out, size_t *bad_index);
extern void tr_tagger_free(TrTagger *tagger);

extern uint32_t tr_tagger_n_topics(const TrTagger *tagger);
extern uint32_t tr_tagger_n_terms(const TrTagger *tagger);
extern const char *tr_tagger_topic(const TrTagger *tagger, uint32_t topic,
								   size_t *len);
extern const char *tr_tagger_term(const TrTagger *tagger, uint32_t term,
								  size_t *len);

/*
 * Tag text (len bytes, need not be NUL-terminated, invalid UTF-8 is read
 * as U+FFFD): append the hits to *out in text order (hits on one span in
 * topic order).  Linear in len.  Returns false, appending nothing, when
 * len does not fit in 32 bits, or ICU fails.  Calls tr_check_interrupts().
 */
extern bool tr_tag(const TrTagger *tagger, const char *text, size_t len,
				   TrHitList *out);
/* The same; without char_positions, char_start and char_end are left 0. */
extern bool tr_tag_ex(const TrTagger *tagger, const char *text, size_t len,
					  TrHitList *out, bool char_positions);
/*
 * Only which topics occur: seen[topic] is set to true for each topic found
 * (seen has tr_tagger_n_topics() entries; others are left alone).  Faster
 * than a hit list when there are many hits.  Returns false as tr_tag()
 * does, with seen then incomplete.
 */
extern bool tr_tag_topics(const TrTagger *tagger, const char *text, size_t len,
						  bool *seen);
extern void tr_hit_list_free(TrHitList *list);

/*
 * For tests: the tokens of text as the tagger sees them, each written to
 * buf as "start:end:normalized" followed by '\n' (start, end in bytes).
 * With force_icu, the ASCII fast path is not used.  Returns a string
 * allocated with tr_alloc, or NULL when ICU fails.
 */
extern char *tr_tagger_debug_tokens(const char *text, size_t len,
									bool force_icu, size_t *out_len);

/* For tests: the stem under which a normalized word is inflected. */
extern size_t tr_tagger_debug_stem(const char *word, size_t len, char *buf,
								   size_t buflen);

#endif
