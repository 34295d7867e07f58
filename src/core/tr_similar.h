/*
 * tr_similar.h
 *		Quote provenance: which transcript turn a quotation comes from.
 *
 * Plain C + ICU character properties, no PostgreSQL.  A press quotation and
 * its source rarely share wording (translations, abridgement), so the score
 * reads content words, stemmed, weighted by their rarity among the
 * candidate turns, in the best passage of each turn:
 *
 *	coverage  share of the quotation's content weight found in the passage
 *	order	  share of the quotation's neighbouring content-word pairs that
 *			  occur near each other, in the same order, in the passage
 *	score	  (0.6 coverage + 0.4 order) x speaker factor
 *
 * The speaker factor is 1 when the quotation's speaker key equals the
 * turn's, 0.8 when either is unknown, and 0.4 when they differ.  Linear in
 * the total length of the candidates times a constant.
 */
#ifndef TR_SIMILAR_H
#define TR_SIMILAR_H

#include <stddef.h>
#include <stdint.h>

/* Default threshold below which a turn is not reported as a source. */
#define TR_SIM_DEFAULT_MIN	0.4

typedef struct TrSimTurn
{
	const char *text;			/* the transcript text */
	uint32_t	start;			/* byte range of the turn's words */
	uint32_t	end;
	const char *speaker_key;	/* may be NULL */
	size_t		speaker_key_len;
	uint32_t	cand;			/* caller's numbering, copied to matches */
	uint32_t	turn_no;
} TrSimTurn;

typedef struct TrSimMatch
{
	uint32_t	cand;
	uint32_t	turn_no;
	double		score;
	double		coverage;
	double		order;
	double		speaker_factor;
	uint32_t	passage_start;	/* byte range of the best passage in text */
	uint32_t	passage_end;
} TrSimMatch;

/*
 * Score quote (qlen bytes) against each turn; matches with score >=
 * min_score go to *out (allocated with tr_alloc, best first), their number
 * to *n_out.  speaker_key may be NULL.
 */
extern void tr_sim_match(const char *quote, size_t qlen,
						 const char *speaker_key, size_t speaker_key_len,
						 const TrSimTurn *turns, size_t n_turns,
						 double min_score, TrSimMatch **out, size_t *n_out);

#endif
