/*
 * tr_similar.c
 *		Quote provenance scores (see tr_similar.h).
 */
#include "tr_similar.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "tr_mem.h"
#include "tr_utf8.h"

#define MAX_QTOK	512			/* content words of a quotation kept */
#define WORD_MAX	48
#define STEM_CHARS	6			/* stems are cut to six characters */
#define NEAR		5			/* 'near each other' in content words */

/* Function words, never content. */
static const char *const stopwords[] = {
	"a", "about", "above", "after", "again", "against", "all", "am", "an", "and",
	"any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
	"between", "both", "but", "by", "can", "could", "did", "do", "does", "doing",
	"down", "during", "each", "even", "every", "few", "for", "from", "further",
	"had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
	"himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself",
	"just", "let", "me", "more", "most", "my", "myself", "no", "nor", "not", "now",
	"of", "off", "on", "once", "only", "or", "other", "ought", "our", "ours",
	"ourselves", "out", "over", "own", "same", "shall", "she", "should", "so",
	"some", "such", "than", "that", "the", "their", "theirs", "them", "themselves",
	"then", "there", "these", "they", "this", "those", "through", "to", "too",
	"under", "until", "up", "very", "was", "we", "were", "what", "when", "where",
	"which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
	"yours", "yourself", "also", "yes", "well", "s", "t", "re", "ve", "ll", "d",
	"m", "don", "won", "can't", "cannot", "isn", "aren", "wasn", "weren", "like",
	"many", "much", "one", "two", "may", "might", "must", "us", "whether", "upon",
	"и", "в", "во", "не", "что", "он", "на", "я", "с", "со", "как", "а", "то",
	"все", "она", "так", "его", "но", "да", "ты", "к", "у", "же", "вы", "за", "бы",
	"по", "только", "ее", "мне", "было", "вот", "от", "меня", "еще", "нет", "о",
	"из", "ему", "теперь", "когда", "даже", "ну", "ли", "если", "уже", "или", "ни",
	"быть", "был", "него", "до", "вас", "нибудь", "опять", "уж", "вам", "ведь",
	"там", "потом", "себя", "ничего", "ей", "может", "они", "тут", "где", "есть",
	"надо", "ней", "для", "мы", "тебя", "их", "чем", "была", "сам", "чтоб", "без",
	"будто", "чего", "раз", "тоже", "себе", "под", "будет", "ж", "тогда", "кто",
	"этот", "это", "эти", "этого", "мы", "наш", "наши", "при", "об", NULL
};

/*
 * Words of the diplomatic register that every such transcript uses: they
 * count, but at 0.35 of their weight (stemmed like the text at start-up).
 */
static const char *const commonwords[] = {
	"president", "secretary", "minister", "foreign", "united", "states", "state",
	"russia", "russian", "america", "american", "americans", "country",
	"countries", "people", "peoples", "today", "time", "year", "years", "work",
	"working", "world", "government", "relationship", "relationships",
	"relations", "issue", "issues", "talk", "talks", "talked", "discuss",
	"discussed", "discussion", "said", "say", "says", "nation", "nations",
	"national", "international", "important", "make", "made", "take", "thank",
	"thanks", "question", "questions", "think", "know", "want", "need",
	"continue", "good", "great", "new", "first", "last", "way", "place",
	"places", "part", "interest", "interests", "security", "support", "right",
	"thing", "things", "clear", "administration", "policy", "meeting",
	"conversation", "situation", "agree", "agreed", "hope", "believe", "see",
	"look", "find", "help", "ready", "sure", "number", "course", "fact", "point",
	"side", "sides", "bilateral", "partner", "partners", "cooperation",
	"dialogue", "affairs", "day", "week", "two", "three", "both", "each", "other",
	"go", "going", "get", "come", "back", "forward", "well", "really", "every",
	"whole", "general", "different", "difference", "differences", "lot",
	"able", "possible", "certain", "already", "still", "together", "visit",
	"trump", "putin", "lavrov", "pompeo", "biden", "washington", "moscow",
	NULL
};

typedef struct Word
{
	uint32_t	hash;
	uint32_t	pos;			/* byte offset of the word */
	uint32_t	end;
	uint8_t		sent;			/* a sentence starts here */
} Word;

/* tr_hash_bytes, never 0: 0 marks an empty slot */
static uint32_t
fnv(const char *s, size_t n)
{
	uint32_t	h = tr_hash_bytes(s, n);

	return h ? h : 1;
}

static int
is_stop(const char *w)
{
	int			k;

	for (k = 0; stopwords[k]; k++)
		if (strcmp(w, stopwords[k]) == 0)
			return 1;
	return 0;
}

static uint32_t
decode(const unsigned char *p, const unsigned char *end, int *len)
{
	unsigned char c = p[0];

	if (c < 0x80)
	{
		*len = 1;
		return c;
	}
	if (c >= 0xC2 && c < 0xE0 && end - p >= 2 && (p[1] & 0xC0) == 0x80)
	{
		*len = 2;
		return ((uint32_t) (c & 0x1F) << 6) | (p[1] & 0x3F);
	}
	if (c >= 0xE0 && c < 0xF0 && end - p >= 3 && (p[1] & 0xC0) == 0x80 &&
		(p[2] & 0xC0) == 0x80)
	{
		*len = 3;
		return ((uint32_t) (c & 0x0F) << 12) | ((uint32_t) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	}
	if (c >= 0xF0 && c < 0xF5 && end - p >= 4 && (p[1] & 0xC0) == 0x80 &&
		(p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80)
	{
		*len = 4;
		return ((uint32_t) (c & 0x07) << 18) | ((uint32_t) (p[1] & 0x3F) << 12) |
			((uint32_t) (p[2] & 0x3F) << 6) | (p[3] & 0x3F);
	}
	*len = 1;
	return 0xFFFD;
}

static int
alnum(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	return c != 0xFFFD && u_isalnum((UChar32) c);
}

/*
 * Stem a lower-case word in place: strip plural and verb endings, then cut
 * to STEM_CHARS characters, so that 'suspicions', 'suspicion' and
 * 'suspicious' meet, and so do 'building' and 'build'.
 */
static size_t
stem(char *w, size_t n)
{
	size_t		i,
				chars;

	if (n > 4 && w[n - 1] == 's' && w[n - 2] == 'e' && w[n - 3] == 'i')
	{
		w[n - 3] = 'y';
		n -= 2;
	}
	else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i')
		n--;
	if (n > 5 && memcmp(w + n - 3, "ing", 3) == 0)
		n -= 3;
	else if (n > 4 && memcmp(w + n - 2, "ed", 2) == 0)
		n -= 2;
	else if (n > 5 && memcmp(w + n - 2, "ly", 2) == 0)
		n -= 2;
	/* cut to STEM_CHARS characters */
	for (i = 0, chars = 0; i < n; i++)
	{
		if (((unsigned char) w[i] & 0xC0) != 0x80)
		{
			if (chars == STEM_CHARS)
				return i;
			chars++;
		}
	}
	return n;
}

/* Content words of [s, e) as stem hashes. */
static void
words_of(const char *text, uint32_t s, uint32_t e, Word **out, size_t *n, size_t *cap)
{
	const unsigned char *u = (const unsigned char *) text;
	uint32_t	p = s;
	int			sent = 1;
	uint32_t	work = 0;

	while (p < e)
	{
		int			l;
		uint32_t	c = decode(u + p, u + e, &l);

		if (++work >= TR_INTERRUPT_EVERY)
		{
			work = 0;
			tr_check_interrupts();
		}
		if (alnum(c))
		{
			char		w[WORD_MAX + 4];
			size_t		wl = 0;
			uint32_t	ws = p;

			while (p < e)
			{
				c = decode(u + p, u + e, &l);
				if (!alnum(c))
				{
					/* keep going over an apostrophe inside a word: don't */
					if ((c == '\'' || c == 0x2019) && p + l < e)
					{
						int			l2;

						if (alnum(decode(u + p + l, u + e, &l2)))
						{
							p += l;
							continue;
						}
					}
					break;
				}
				if (wl + 4 < WORD_MAX)
				{
					uint32_t	lc = c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) :
						(uint32_t) u_tolower((UChar32) c);

					wl += tr_utf8_put(w + wl, lc);
				}
				p += l;
			}
			w[wl] = '\0';
			if (wl > 1 && !is_stop(w))
			{
				Word	   *wd;

				wl = stem(w, wl);
				tr_grow((void **) out, sizeof(Word), *n, cap);
				wd = &(*out)[(*n)++];
				wd->hash = fnv(w, wl);
				wd->pos = ws;
				wd->end = p;
				wd->sent = (uint8_t) sent;
				sent = 0;
			}
			continue;
		}
		if (c == '.' || c == '?' || c == '!' || c == ';' || c == 0x2026 || c == '\n')
			sent = 1;
		p += l;
	}
}

static uint32_t *common_hashes = NULL;
static size_t n_common = 0;

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *) a,
				y = *(const uint32_t *) b;

	return x < y ? -1 : x > y;
}

static void
init_common(void)
{
	size_t		k,
				n = 0;
	uint32_t   *h;

	if (common_hashes)
		return;
	for (k = 0; commonwords[k]; k++)
		n++;
	/* kept for the life of the process: malloc, not the hooks' memory */
	h = malloc(n * sizeof(uint32_t));
	if (h == NULL)
		return;
	for (k = 0; k < n; k++)
	{
		char		w[WORD_MAX];
		size_t		l = strlen(commonwords[k]);

		memcpy(w, commonwords[k], l + 1);
		l = stem(w, l);
		h[k] = fnv(w, l);
	}
	qsort(h, n, sizeof(uint32_t), cmp_u32);
	n_common = n;
	common_hashes = h;
}

static int
is_common(uint32_t h)
{
	return common_hashes &&
		bsearch(&h, common_hashes, n_common, sizeof(uint32_t), cmp_u32) != NULL;
}

static int
cmp_match(const void *a, const void *b)
{
	const TrSimMatch *x = a,
			   *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->cand != y->cand)
		return x->cand < y->cand ? -1 : 1;
	return x->turn_no < y->turn_no ? -1 : (x->turn_no > y->turn_no);
}

/* Natural logarithm of x > 0, without libm (the core links none). */
static double
ln(double x)
{
	double		k = 0,
				y,
				y2,
				sum = 0,
				term;
	int			i;

	while (x > 2.0)
	{
		x /= 2.0;
		k += 1;
	}
	while (x < 0.5)
	{
		x *= 2.0;
		k -= 1;
	}
	/* ln(x) = 2 atanh((x - 1) / (x + 1)) */
	y = (x - 1) / (x + 1);
	y2 = y * y;
	term = y;
	for (i = 1; i < 40; i += 2)
	{
		sum += term / i;
		term *= y2;
	}
	return 2 * sum + k * 0.69314718055994530942;
}

#define QSLOTS	1024			/* > 2 * MAX_QTOK */

/* Index of hash h among the quotation's distinct stems, or -1. */
static int
qid_of(const int *slots, const uint32_t *uniq, uint32_t h)
{
	uint32_t	k = h % QSLOTS;

	while (slots[k] >= 0)
	{
		if (uniq[slots[k]] == h)
			return slots[k];
		k = (k + 1) % QSLOTS;
	}
	return -1;
}

static void
qid_add(int *slots, uint32_t h, int id)
{
	uint32_t	k = h % QSLOTS;

	while (slots[k] >= 0)
		k = (k + 1) % QSLOTS;
	slots[k] = id;
}

void
tr_sim_match(const char *quote, size_t qlen,
			 const char *speaker_key, size_t speaker_key_len,
			 const TrSimTurn *turns, size_t n_turns,
			 double min_score, TrSimMatch **out, size_t *n_out)
{
	Word	   *qw = NULL;
	size_t		nq = 0,
				capq = 0;
	uint32_t	uniq[MAX_QTOK];
	int			qseq[MAX_QTOK];
	int			n_uniq = 0,
				n_seq = 0;
	double		weight[MAX_QTOK];
	int			df[MAX_QTOK];
	int		   *last_turn;
	Word	  **tw;
	size_t	   *tn;
	size_t		t,
				k;
	TrSimMatch *res = NULL;
	size_t		n_res = 0,
				cap_res = 0;
	double		total = 0;
	int			slots[QSLOTS];

	*out = NULL;
	for (k = 0; k < QSLOTS; k++)
		slots[k] = -1;
	*n_out = 0;
	if (qlen >= UINT32_MAX || n_turns == 0)
		return;
	init_common();
	words_of(quote, 0, (uint32_t) qlen, &qw, &nq, &capq);
	for (k = 0; k < nq && n_seq < MAX_QTOK; k++)
	{
		int			id = qid_of(slots, uniq, qw[k].hash);

		if (id < 0)
		{
			id = n_uniq;
			uniq[n_uniq++] = qw[k].hash;
			qid_add(slots, qw[k].hash, id);
		}
		qseq[n_seq++] = id;
	}
	if (qw)
		tr_free(qw);
	if (n_uniq == 0)
		return;

	/* content words of every turn, and in how many turns each stem occurs */
	tw = tr_alloc_array(n_turns, sizeof(Word *));
	tn = tr_alloc_array(n_turns, sizeof(size_t));
	last_turn = tr_alloc_array(n_uniq, sizeof(int));
	memset(df, 0, sizeof(df));
	for (k = 0; k < (size_t) n_uniq; k++)
		last_turn[k] = -1;
	for (t = 0; t < n_turns; t++)
	{
		size_t		cap = 0;

		if (turns[t].end <= turns[t].start)
			continue;
		words_of(turns[t].text, turns[t].start, turns[t].end, &tw[t], &tn[t], &cap);
		for (k = 0; k < tn[t]; k++)
		{
			int			id = qid_of(slots, uniq, tw[t][k].hash);

			/* reuse the hash field: id + 1 of a quotation stem, or 0 */
			tw[t][k].hash = (uint32_t) (id + 1);
			if (id >= 0 && last_turn[id] != (int) t)
			{
				last_turn[id] = (int) t;
				df[id]++;
			}
		}
	}
	for (k = 0; k < (size_t) n_uniq; k++)
	{
		weight[k] = ln(1.0 + (n_turns + 1.0) / (df[k] + 0.5));
		if (is_common(uniq[k]))
			weight[k] *= 0.35;
		total += weight[k];
	}

	for (t = 0; t < n_turns; t++)
	{
		Word	   *w = tw[t];
		size_t		n = tn[t];
		size_t		budget = (size_t) n_seq * 2 + 12;
		size_t		lo = 0,
					hi = 0;
		int		   *cnt;
		double		have = 0,
					best = -1;
		size_t		best_lo = 0,
					best_hi = 0;
		double		cov,
					ord,
					spf,
					score;
		int			pairs = 0,
					pairs_ok = 0;

		if (n == 0)
			continue;
		cnt = tr_alloc_array(n_uniq, sizeof(int));

		/*
		 * Windows of whole sentences holding at most budget content words:
		 * grow by a sentence at the right, shrink by sentences at the left.
		 */
		while (hi < n)
		{
			size_t		e = hi + 1;

			while (e < n && !w[e].sent)
				e++;
			for (k = hi; k < e; k++)
				if (w[k].hash && cnt[w[k].hash - 1]++ == 0)
					have += weight[w[k].hash - 1];
			hi = e;
			while (hi - lo > budget && lo < hi)
			{
				size_t		e2 = lo + 1;

				while (e2 < hi && !w[e2].sent)
					e2++;
				if (e2 >= hi)
					break;		/* one long sentence stays */
				for (k = lo; k < e2; k++)
					if (w[k].hash && --cnt[w[k].hash - 1] == 0)
						have -= weight[w[k].hash - 1];
				lo = e2;
			}
			if (have > best)
			{
				best = have;
				best_lo = lo;
				best_hi = hi;
			}
		}
		tr_free(cnt);
		cov = total > 0 ? best / total : 0;

		/* order: neighbouring quotation words near each other in the passage */
		for (k = 0; k + 1 < (size_t) n_seq; k++)
		{
			int			a = qseq[k] + 1,
						b = qseq[k + 1] + 1;
			size_t		i,
						j;
			int			ok = 0;

			if (a == b)
				continue;
			pairs++;
			for (i = best_lo; i < best_hi && !ok; i++)
			{
				if ((int) w[i].hash != a)
					continue;
				for (j = i + 1; j < best_hi && j <= i + NEAR; j++)
					if ((int) w[j].hash == b)
					{
						ok = 1;
						break;
					}
			}
			pairs_ok += ok;
		}
		ord = pairs ? (double) pairs_ok / pairs : 0;

		if (speaker_key == NULL || turns[t].speaker_key == NULL)
			spf = 0.8;
		else if (speaker_key_len == turns[t].speaker_key_len &&
				 memcmp(speaker_key, turns[t].speaker_key, speaker_key_len) == 0)
			spf = 1.0;
		else
			spf = 0.4;
		score = (0.6 * cov + 0.4 * ord) * spf;
		if (score >= min_score)
		{
			TrSimMatch *m;

			tr_grow((void **) &res, sizeof(TrSimMatch), n_res, &cap_res);
			m = &res[n_res++];
			m->cand = turns[t].cand;
			m->turn_no = turns[t].turn_no;
			m->score = score;
			m->coverage = cov;
			m->order = ord;
			m->speaker_factor = spf;
			m->passage_start = w[best_lo].pos;
			m->passage_end = w[best_hi - 1].end;
		}
	}
	for (t = 0; t < n_turns; t++)
		if (tw[t])
			tr_free(tw[t]);
	tr_free(tw);
	tr_free(tn);
	tr_free(last_turn);
	if (n_res > 1)
		qsort(res, n_res, sizeof(TrSimMatch), cmp_match);
	*out = res;
	*n_out = n_res;
}
