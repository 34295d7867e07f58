/*
 * tr_parse.c
 *		Split a transcript into speaker turns and resolve the speakers.
 *
 * One pass over the lines after the header (tr_header.c).  A line opens a
 * paragraph after a blank line, at any line start in a text whose
 * paragraphs are single long lines, and at an indented line in the
 * Congressional Record.  At a paragraph start we look for furniture
 * (tr_body.c) and for a label (tr_label.c), each a bounded look-ahead, so
 * the pass is linear in the text length.  A turn runs from its label to the
 * end of its last content line before the next label, a furniture
 * paragraph that closes turns (END, ###, a footnote, a rule of the
 * Congressional Record) or the site furniture that ends the document.
 * Text before the first label forms an unlabelled turn of the principal
 * when the header names one.
 *
 * Speakers (resolved once per distinct label, through a hash table, in
 * document order):
 *	 - 'Q', 'QUESTION', 'Question (to X)', 'Вопрос': role questioner; the
 *	   person is whoever names themselves at the start of the question
 *	   ('Vladimir Solovyov, Kommersant newspaper.', after courtesies such
 *	   as 'Thank you.'), else whoever the turn before called on ('We're
 *	   going to go to Guy Benson from Fox News.', a whole turn 'Shaun
 *	   Tandon, AFP.'; 'Russia 24 Channel, please.' gives the outlet only),
 *	   else NULL.  Only these exact shapes count: a wrong name is worse
 *	   than none.
 *	 - 'AUDIENCE MEMBER', 'PARTICIPANT', 'AUDIENCE': questioner when the
 *	   turn asks something (has a '?'), else other; never a name or key.
 *	 - 'MODERATOR', 'Ведущий', 'OPERATOR', and whoever presides in the
 *	   Congressional Record ('The PRESIDING OFFICER', 'The SPEAKER pro
 *	   tempore', 'The CHAIRMAN'): moderator; a presiding officer named in
 *	   parentheses ('(Mr. Kyl)') is the speaker, else the role is.
 *		 A label whose description says HOST or ANCHOR (CNN) is a moderator.
 *	 - 'UNIDENTIFIED MALE', 'CHILD', 'ANNOUNCER' and the like: other.
 *	 - everyone else is an official.
 * The speaker of a named label is the full name the document gives for the
 * same key (header names first: 'SECRETARY POMPEO' > 'Michael R. Pompeo';
 * then names from earlier labels: 'LAVROV' > 'Sergey Lavrov'), else the
 * label in readable form ('MR PRICE' > 'Mr Price').  An office ('THE
 * PRESIDENT') is the holder the title names ('President Biden'), else the
 * readable label ('The President').
 */
#include "tr_doc.h"
#include "tr_header.h"
#include "tr_label.h"
#include "tr_mem.h"
#include "tr_names.h"
#include "tr_utf8.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MAX_KNOWN		64
#define KEY_MAX			64
#define NAME_BUF		512
#define QUESTION_LOOK	400		/* bytes of a question searched for a name */
#define CUE_LOOK		160		/* bytes at the end of the turn before */

/* A speaker the document names in full, with its key. */
typedef struct Known
{
	TrStr		name;
	char		key[KEY_MAX];
	uint8_t		klen;
	uint8_t		n_words;
	uint8_t		origin;			/* TrNameOrigin, or 255 for a label */
} Known;

/* What a distinct label resolves to. */
typedef struct Resolved
{
	TrStr		speaker;
	TrStr		key;
	TrStr		addressee;
	TrStr		affiliation;
	uint8_t		role;
	uint8_t		cls;			/* TrNameClass */
	bool		interpreted;
	bool		accepted;		/* false: a weak label that named nobody */
} Resolved;

typedef struct HEnt
{
	uint32_t	hash;
	uint32_t	off;
	uint32_t	len;
	int32_t		val;			/* index into Parser.res, -1 if empty */
} HEnt;

/* Per-turn facts the resolution needs beyond TrTurn. */
typedef struct TurnInfo
{
	int32_t		res;			/* Resolved index, -1 if unlabelled */
} TurnInfo;

typedef struct Parser
{
	const char *text;
	size_t		len;
	TrHeader	hdr;
	TrPool		pool;
	TrTurn	   *turns;
	TurnInfo   *info;
	size_t		n_turns;
	size_t		cap_turns;
	size_t		cap_info;
	HEnt	   *table;
	size_t		table_cap;		/* power of two */
	size_t		table_used;
	Resolved   *res;
	size_t		n_res;
	size_t		cap_res;
	Known		known[MAX_KNOWN];
	int			n_known;
	struct LabelMemo *memo;		/* label_at_memo's table */
	size_t		memo_cap;		/* power of two */
	size_t		memo_used;
} Parser;

/*
 * A label recognized once: where its bytes are (the key: from the line
 * start through the colon and two bytes after it) and the TrLabel, with
 * offsets relative to the line start.
 */
typedef struct LabelMemo
{
	uint32_t	pos;
	uint32_t	key_len;
	uint32_t	hash;
	int32_t		res;			/* its label_resolution, or -1 before the first */
	TrLabel		rel;
} LabelMemo;

#define NO_MEMO		((size_t) -1)

static const TrStr null_str = {TR_NULL_OFF, 0};

/* Find the label text[off, off+len) in the cache; -1 if absent. */
static int32_t
cache_find(Parser *P, uint32_t h, uint32_t off, uint32_t len)
{
	size_t		mask = P->table_cap - 1;

	if (P->table_cap == 0)
		return -1;
	for (size_t i = h & mask;; i = (i + 1) & mask)
	{
		HEnt	   *e = &P->table[i];

		if (e->val < 0)
			return -1;
		if (e->hash == h && e->len == len &&
			memcmp(P->text + e->off, P->text + off, len) == 0)
			return e->val;
	}
}

/* Insert a label (known to be absent) with its resolution index. */
static void
cache_insert(Parser *P, uint32_t h, uint32_t off, uint32_t len, int32_t val)
{
	size_t		mask;

	if ((P->table_used + 1) * 2 > P->table_cap)
	{
		size_t		ncap = P->table_cap ? P->table_cap * 2 : 64;
		HEnt	   *nt = tr_alloc_array(ncap, sizeof(HEnt));

		for (size_t i = 0; i < ncap; i++)
			nt[i].val = -1;
		for (size_t i = 0; i < P->table_cap; i++)
			if (P->table[i].val >= 0)
			{
				size_t		j = P->table[i].hash & (ncap - 1);

				while (nt[j].val >= 0)
					j = (j + 1) & (ncap - 1);
				nt[j] = P->table[i];
			}
		if (P->table)
			tr_free(P->table);
		P->table = nt;
		P->table_cap = ncap;
	}
	mask = P->table_cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask)
		if (P->table[i].val < 0)
		{
			P->table[i].hash = h;
			P->table[i].off = off;
			P->table[i].len = len;
			P->table[i].val = val;
			P->table_used++;
			return;
		}
}

/* Key of name[0, n) into the pool (NULL TrStr if it has none). */
static TrStr
pool_key(Parser *P, const char *name, size_t n)
{
	size_t		kl;
	char	   *k = tr_speaker_key(name, n, &kl);
	TrStr		r = null_str;

	if (k != NULL)
	{
		r = tr_pool_add(&P->pool, k, kl);
		tr_free(k);
	}
	return r;
}

/* Register a full name; the first one for a key wins. */
static void
add_known(Parser *P, TrStr name, int n_words, int origin)
{
	char		buf[NAME_BUF];
	size_t		kl;
	char	   *k;
	Known	   *K;

	if (P->n_known >= MAX_KNOWN || name.off == TR_NULL_OFF)
		return;
	memcpy(buf, P->pool.data + name.off, name.len < NAME_BUF ? name.len : NAME_BUF);
	k = tr_speaker_key(buf, name.len < NAME_BUF ? name.len : NAME_BUF, &kl);
	if (k == NULL)
		return;
	if (kl < KEY_MAX)
	{
		K = &P->known[P->n_known++];
		K->name = name;
		memcpy(K->key, k, kl);
		K->klen = (uint8_t) kl;
		K->n_words = (uint8_t) n_words;
		K->origin = (uint8_t) origin;
	}
	tr_free(k);
}

/*
 * The best full name the document gives for key: a name of two words or
 * more, from a line of its own first, else the first one; else any.
 */
static const Known *
known_for_key(Parser *P, const char *key, size_t kl)
{
	const Known *best = NULL;

	for (int i = 0; i < P->n_known; i++)
	{
		const Known *K = &P->known[i];

		if (K->klen != kl || memcmp(K->key, key, kl) != 0)
			continue;
		if (best == NULL ||
			(K->n_words >= 2 && best->n_words < 2) ||
			(K->n_words >= 2 && K->origin == TR_NAME_LINE &&
			 best->origin != TR_NAME_LINE))
			best = K;
	}
	return best;
}

/* Start of the words of s[0, n) after leading title words ('SECRETARY '). */
static size_t
skip_title_words(const char *s, size_t n, int *name_words)
{
	size_t		i = 0;
	size_t		first_name = n;
	int			words = 0;

	while (i < n)
	{
		size_t		ws = tr_skip_blanks(s, i, n);
		size_t		we = ws;
		size_t		kl;
		char	   *k;

		if (ws >= n)
			break;
		while (we < n && !tr_blank_len(s, we, n))
			we++;
		/* a word is a title when alone it is an office */
		if (tr_name_class(s + ws, we - ws) != TR_NC_OFFICE)
		{
			if (first_name == n)
				first_name = ws;
			k = tr_speaker_key(s + ws, we - ws, &kl);
			if (k != NULL)
			{
				words++;
				tr_free(k);
			}
		}
		else if (first_name != n)
		{
			/* a title after the name ends the name words */
		}
		i = we;
	}
	*name_words = words;
	return first_name;
}

/* Does the weak label s[0, n) name a known person ('Sergey Lavrov:')? */
static bool
weak_label_ok(Parser *P, const char *s, size_t n)
{
	size_t		kl;
	char	   *k = tr_speaker_key(s, n, &kl);
	const Known *K;
	bool		ok = true;

	if (k == NULL)
		return false;
	K = known_for_key(P, k, kl);
	tr_free(k);
	if (K == NULL)
		return false;
	/* every word of the label is a word of the known name */
	for (size_t i = 0; i < n && ok;)
	{
		size_t		ws = tr_skip_blanks(s, i, n);
		size_t		we = ws;
		char		f1[KEY_MAX];
		size_t		l1;
		bool		found = false;
		const char *kn = P->pool.data + K->name.off;

		if (ws >= n)
			break;
		while (we < n && !tr_blank_len(s, we, n))
			we++;
		l1 = tr_fold_word(s + ws, we - ws, f1, sizeof(f1));
		for (size_t j = 0; j < K->name.len && !found;)
		{
			size_t		vs = tr_skip_blanks(kn, j, K->name.len);
			size_t		ve = vs;
			char		f2[KEY_MAX];
			size_t		l2;

			if (vs >= K->name.len)
				break;
			while (ve < K->name.len && !tr_blank_len(kn, ve, K->name.len))
				ve++;
			l2 = tr_fold_word(kn + vs, ve - vs, f2, sizeof(f2));
			found = (l1 == l2 && memcmp(f1, f2, l1) == 0);
			j = ve;
		}
		ok = found;
		i = we;
	}
	return ok;
}

/* Resolve a label (cache miss): see the header comment for the rules. */
static void
resolve_label(Parser *P, const TrLabel *lb, Resolved *R)
{
	const char *s = P->text + lb->off;
	size_t		n = lb->len;
	size_t		nl = lb->name_len;
	char		buf[NAME_BUF];
	size_t		bl;
	bool		desc_host = false;
	TrStr		presiding = null_str;

	R->speaker = R->key = R->addressee = R->affiliation = null_str;
	R->interpreted = false;
	R->accepted = true;
	R->cls = (uint8_t) (lb->kind == TR_LBL_Q ? TR_NC_QUESTION : tr_name_class(s, nl));
	if (lb->weak && R->cls != TR_NC_NAMED)
	{
		/* 'First:', 'Ambassador:' in running text: a weak label must name */
		R->accepted = false;
		return;
	}

	/* parentheses after the name: notes, addressee, country, presiding */
	for (size_t i = nl; i < n; i++)
	{
		size_t		j;
		size_t		is,
					ie;
		unsigned	fl;

		if (s[i] != '(')
			continue;
		for (j = i + 1; j < n && s[j] != ')'; j++)
			;
		if (j >= n)
			break;
		is = tr_skip_blanks(s, i + 1, j);
		ie = tr_trim_blanks_back(s, is, j);
		if (ie > is && s[ie - 1] == '.')
			ie--;
		if (tr_annotation_at(s, i, j + 1, &fl) > 0)
		{
			if (fl & TR_ANN_INTERPRETER)
				R->interpreted = true;
		}
		else if (tr_ascii_iprefix(s, is, ie, "addressed to ") ||
				 tr_ascii_iprefix(s, is, ie, "to "))
		{
			size_t		a = is + (tr_ascii_iprefix(s, is, ie, "to ") ? 3 : 13);

			a = tr_skip_blanks(s, a, ie);
			if (ie > a)
				R->addressee = tr_pool_add_folded(&P->pool, s + a, ie - a);
		}
		else if (ie - is > 10 && memcmp(s + is, "адресован", 18 <= ie - is ? 18 : 0) == 0)
		{
			size_t		a = is + 18;

			/* 'адресован', 'адресована', 'адресовано' */
			while (a < ie && !tr_blank_len(s, a, ie))
				a++;
			a = tr_skip_blanks(s, a, ie);
			if (ie > a)
				R->addressee = tr_pool_add_folded(&P->pool, s + a, ie - a);
		}
		else if (tr_ascii_iprefix(s, is, ie, "speak") || tr_ascii_iprefix(s, is, ie, "after"))
		{
			/* 'speaks after Michael Pompeo': the other answer is not here */
		}
		else if (R->cls == TR_NC_MODERATOR &&
				 (tr_ascii_iprefix(s, is, ie, "Mr. ") ||
				  tr_ascii_iprefix(s, is, ie, "Mrs. ") ||
				  tr_ascii_iprefix(s, is, ie, "Ms. ")))
			presiding = tr_pool_add_folded(&P->pool, s + is, ie - is);
		else if (ie > is && (tr_is_ascii_upper((unsigned char) s[is]) ||
							 (unsigned char) s[is] == 0xD0))
			R->affiliation = tr_pool_add_folded(&P->pool, s + is, ie - is);
		i = j;
	}

	/* a CNN description: 'CNN HOST', 'RUSSIAN FOREIGN MINISTER' */
	if (lb->kind == TR_LBL_UPPER && nl < n && s[nl] == ',')
	{
		size_t		ds = tr_skip_blanks(s, nl + 1, n);
		size_t		de = ds;
		size_t		last_ws = ds;

		while (de < n && s[de] != '(')
			de++;
		de = tr_trim_blanks_back(s, ds, de);
		for (size_t q = ds; q < de; q++)
			if (s[q] == ' ')
				last_ws = q + 1;
		if (de > last_ws)
		{
			const char *w = s + last_ws;
			size_t		wl = de - last_ws;

			if (tr_ascii_ieq(w, wl, "host") || tr_ascii_ieq(w, wl, "anchor") ||
				tr_ascii_ieq(w, wl, "moderator"))
				desc_host = true;
			if ((desc_host || tr_ascii_ieq(w, wl, "correspondent") ||
				 tr_ascii_ieq(w, wl, "reporter") || tr_ascii_ieq(w, wl, "contributor") ||
				 tr_ascii_ieq(w, wl, "analyst")) && last_ws > ds + 1)
				R->affiliation = tr_pool_add_folded(&P->pool, s + ds, last_ws - 1 - ds);
		}
	}

	switch ((TrNameClass) R->cls)
	{
		case TR_NC_QUESTION:
			R->role = TR_ROLE_QUESTIONER;
			break;
		case TR_NC_AUDIENCE:
			R->role = TR_ROLE_QUESTIONER;	/* or other: decided per turn */
			break;
		case TR_NC_MODERATOR:
			R->role = TR_ROLE_MODERATOR;
			if (presiding.off != TR_NULL_OFF)
				R->speaker = presiding;
			else
			{
				bl = tr_readable_name(s, nl, buf, sizeof(buf));
				R->speaker = tr_pool_add(&P->pool, buf, bl);
			}
			break;
		case TR_NC_OTHER:
			R->role = TR_ROLE_OTHER;
			bl = tr_readable_name(s, nl, buf, sizeof(buf));
			R->speaker = tr_pool_add(&P->pool, buf, bl);
			break;
		case TR_NC_OFFICE:
			{
				/* the holder the title names: 'THE PRESIDENT' > 'President Biden' */
				size_t		rs = 0;
				size_t		hl = 0;

				R->role = TR_ROLE_OFFICIAL;
				if (nl >= 4 && tr_ascii_iprefix(s, 0, nl, "the "))
				{
					rs = 4;
					/* UN style 'The President:' in mixed case chairs the meeting */
					if (lb->kind == TR_LBL_MIXED)
						R->role = TR_ROLE_MODERATOR;
				}
				if (P->hdr.meta.title.off != TR_NULL_OFF)
				{
					char		tbuf[1024];
					size_t		tl = P->hdr.meta.title.len < sizeof(tbuf) ?
						P->hdr.meta.title.len : sizeof(tbuf);

					memcpy(tbuf, P->pool.data + P->hdr.meta.title.off, tl);
					hl = tr_title_role_holder(tbuf, tl, s + rs, nl - rs, buf,
											  sizeof(buf));
				}
				if (hl > 0)
				{
					size_t		kl;
					char	   *k = tr_speaker_key(buf, hl, &kl);
					const Known *K = k ? known_for_key(P, k, kl) : NULL;

					if (k)
						tr_free(k);
					if (K != NULL && K->n_words >= 2)
						R->speaker = K->name;
					else
						R->speaker = tr_pool_add(&P->pool, buf, hl);
				}
				else
				{
					bl = tr_readable_name(s, nl, buf, sizeof(buf));
					R->speaker = tr_pool_add(&P->pool, buf, bl);
				}
			}
			break;
		case TR_NC_NAMED:
		default:
			{
				int			name_words;
				size_t		fs = skip_title_words(s, nl, &name_words);
				size_t		kl;
				char	   *k;
				const Known *K;

				R->role = desc_host ? TR_ROLE_MODERATOR : TR_ROLE_OFFICIAL;
				if (lb->weak && !weak_label_ok(P, s, nl))
				{
					R->accepted = false;
					return;
				}
				k = tr_speaker_key(s, nl, &kl);
				K = k ? known_for_key(P, k, kl) : NULL;
				if (k)
					tr_free(k);
				if (name_words >= 2)
				{
					/* a full name in the label: as printed, titles dropped */
					bl = tr_readable_name(s + fs, nl - fs, buf, sizeof(buf));
					if (K != NULL && K->n_words >= 2)
						R->speaker = K->name;
					else
					{
						R->speaker = tr_pool_add(&P->pool, buf, bl);
						add_known(P, R->speaker, name_words, 255);
					}
				}
				else if (K != NULL)
					R->speaker = K->name;
				else
				{
					bl = tr_readable_name(s, nl, buf, sizeof(buf));
					R->speaker = tr_pool_add(&P->pool, buf, bl);
				}
			}
			break;
	}
	if (R->speaker.off != TR_NULL_OFF && R->cls != TR_NC_QUESTION &&
		R->cls != TR_NC_AUDIENCE)
	{
		memcpy(buf, P->pool.data + R->speaker.off,
			   R->speaker.len < sizeof(buf) ? R->speaker.len : sizeof(buf));
		R->key = pool_key(P, buf, R->speaker.len < sizeof(buf) ? R->speaker.len : sizeof(buf));
	}
}

/* Resolution index for a label, computing and caching it on first sight. */
static int32_t
label_resolution(Parser *P, const TrLabel *lb)
{
	uint32_t	h = tr_hash_bytes(P->text + lb->off, lb->len);
	int32_t		ix = cache_find(P, h, lb->off, lb->len);

	if (ix >= 0)
		return ix;
	tr_grow((void **) &P->res, sizeof(Resolved), P->n_res, &P->cap_res);
	ix = (int32_t) P->n_res++;
	resolve_label(P, lb, &P->res[ix]);
	cache_insert(P, h, lb->off, lb->len, ix);
	return ix;
}

/* ---------- questioners ---------- */

static const char *const courtesy_words[] = {
	"Thank", "Thanks", "Great", "Hi", "Hello", "Good", "Yes", "OK", "Okay",
	"Sure", "Sorry", "Well", "Спасибо", "Добрый", "Здравствуйте", NULL
};

/* Is w[0, n) one of courtesy_words?  The first byte rules out most words. */
static bool
is_courtesy_word(const char *w, size_t n)
{
	if (n == 0)
		return false;
	for (const char *const *c = courtesy_words; *c; c++)
		if ((*c)[0] == w[0] && strlen(*c) == n && memcmp(w, *c, n) == 0)
			return true;
	return false;
}

/* Is s[b, e) a personal-name word: capitalized letters, no title? */
static bool
person_word(const char *s, size_t b, size_t e)
{
	size_t		i = b;
	uint32_t	c;
	int			lower = 0;

	if (e - b < 2)
		return false;
	c = tr_utf8_next(s, &i, e);
	if (!tr_cp_is_upper(c))
		return false;
	while (i < e)
	{
		c = tr_utf8_next(s, &i, e);
		if (tr_cp_is_lower(c))
			lower++;
		else if (!(tr_cp_is_letter(c) || c == '-' || c == '\'' || c == 0x2019))
			return false;
	}
	if (lower == 0)
		return false;
	if (tr_name_class(s + b, e - b) != TR_NC_NAMED)
		return false;
	return !is_courtesy_word(s + b, e - b);
}

/*
 * A person's name of two or three words at s[*i] ('Guy Benson'); sets *i
 * after it.  Returns false if there is none.
 */
static bool
person_name(const char *s, size_t *i, size_t e, size_t *ne)
{
	size_t		p = *i;
	int			words = 0;

	for (;;)
	{
		size_t		we = p;

		while (we < e && !tr_blank_len(s, we, e) && s[we] != ',' && s[we] != '.' &&
			   s[we] != '\n')
			we++;
		if (!person_word(s, p, we))
			break;
		words++;
		*ne = we;
		if (words == 3 || we >= e || s[we] != ' ')
			break;
		p = we + 1;
	}
	if (words < 2)
		return false;
	*i = *ne;
	return true;
}

/*
 * An outlet at s[i]: one to six words starting with a capital or a digit,
 * up to a period that ends the sentence ('Kommersant newspaper.', 'AFP.',
 * 'Russia 24 Channel.').  Sets *oe to its end (the period excluded).
 */
static bool
outlet_at(const char *s, size_t i, size_t e, size_t *oe, char terminator)
{
	size_t		p = i;
	int			words = 1;
	uint32_t	c;
	size_t		q = i;

	if (i >= e)
		return false;
	c = tr_utf8_next(s, &q, e);
	if (!(tr_cp_is_upper(c) || (c >= '0' && c <= '9')))
		return false;
	while (p < e && p - i <= 60)
	{
		unsigned char ch = (unsigned char) s[p];

		if (ch == terminator)
		{
			size_t		a = p + 1;

			/* a period ends the sentence: blank, line end or text end */
			if (terminator == '.' && a < e && !tr_blank_len(s, a, e) && s[a] != '\n')
			{
				p++;
				continue;
			}
			*oe = p;
			return p > i;
		}
		if (ch == ' ')
		{
			if (++words > 6)
				return false;
		}
		else if (ch == '\n' || ch == ',' || ch == '?' || ch == '!' || ch == ';' ||
				 ch == ':' || ch == '"' || ch == '(')
			return false;
		p++;
	}
	return false;
}

/* Skip short courtesy sentences ('Thank you.', 'Great.') at s[i]. */
static size_t
skip_courtesies(const char *s, size_t i, size_t e)
{
	for (int k = 0; k < 4; k++)
	{
		size_t		we = i;
		size_t		p;

		if (i >= e)
			break;
		while (we < e && tr_is_ascii_alpha((unsigned char) s[we]))
			we++;
		if (we == i && (unsigned char) s[i] >= 0x80)
			while (we < e && !tr_blank_len(s, we, e) && s[we] != '.' && s[we] != ',')
				we++;
		if (!is_courtesy_word(s + i, we - i))
			break;
		for (p = we; p < e && p - i <= 48; p++)
			if (s[p] == '.' || s[p] == '!')
				break;
		if (p >= e || p - i > 48)
			break;
		i = tr_skip_blanks(s, p + 1, e);
		while (i < e && s[i] == '\n')
			i = tr_skip_blanks(s, i + 1, e);
	}
	return i;
}

/*
 * 'Name Surname, Outlet.' at s[i]: sets the name and outlet ranges.  With
 * whole, the match must run to e (a turn that is nothing else).
 */
static bool
name_outlet(const char *s, size_t i, size_t e, size_t *ns, size_t *ne,
			size_t *os, size_t *oe, bool whole)
{
	size_t		p = i;

	*ns = i;
	/* a name of a few words and its comma come first: most openings fail here */
	if (i >= e || memchr(s + i, ',', e - i < 120 ? e - i : 120) == NULL)
		return false;
	if (!person_name(s, &p, e, ne))
		return false;
	if (p + 2 > e || s[p] != ',' || s[p + 1] != ' ')
		return false;
	*os = p + 2;
	if (!outlet_at(s, *os, e, oe, '.'))
		return false;
	if (whole && tr_skip_blanks(s, *oe + 1, e) < e)
		return false;
	return true;
}

/* The phrases a moderator calls on a questioner with, and ', please'. */
static const char *const cue_phrases[] = {
	"go to ", "turn to ", "call on ", "hear from ", "over to ", ", please"
};
#define N_CUES		6
#define CUE_PLEASE	5

/* Record in last[] the cue phrases that start at s[p] (p + 1 < e). */
static inline void
cues_at(const char *s, size_t p, size_t e, unsigned m, size_t *last)
{
	for (int k = 0; m != 0; k++, m >>= 1)
	{
		const char *w = cue_phrases[k];
		size_t		q;

		if (!(m & 1))
			continue;
		for (q = 2; w[q] != '\0' && p + q < e && s[p + q] == w[q]; q++)
			;
		if (w[q] == '\0')
			last[k] = p;
	}
}

/*
 * Last position of each cue phrase in s[b, e), (size_t) -1 if absent: one
 * pass that looks only at positions whose first two bytes open a phrase
 * (sixteen positions at a time where SSE2 is there).
 */
static void
find_cues(const char *s, size_t b, size_t e, size_t *last)
{
	static unsigned char first[256],
				second[256];
	static bool tables_ready = false;
	size_t		p = b;

	if (!tables_ready)
	{
		for (int k = 0; k < N_CUES; k++)
		{
			first[(unsigned char) cue_phrases[k][0]] |= (unsigned char) (1 << k);
			second[(unsigned char) cue_phrases[k][1]] |= (unsigned char) (1 << k);
		}
		tables_ready = true;
	}
	for (int k = 0; k < N_CUES; k++)
		last[k] = (size_t) -1;
#ifdef __SSE2__
	{
		__m128i		f[N_CUES],
					sc[N_CUES];

		for (int k = 0; k < N_CUES; k++)
		{
			f[k] = _mm_set1_epi8(cue_phrases[k][0]);
			sc[k] = _mm_set1_epi8(cue_phrases[k][1]);
		}
		for (; p + 17 <= e; p += 16)
		{
			__m128i		a = _mm_loadu_si128((const __m128i *) (s + p));
			__m128i		n = _mm_loadu_si128((const __m128i *) (s + p + 1));
			__m128i		hit = _mm_setzero_si128();
			unsigned	m;

			for (int k = 0; k < N_CUES; k++)
				hit = _mm_or_si128(hit, _mm_and_si128(_mm_cmpeq_epi8(a, f[k]),
													  _mm_cmpeq_epi8(n, sc[k])));
			for (m = (unsigned) _mm_movemask_epi8(hit); m != 0; m &= m - 1)
			{
				size_t		q = p + (size_t) __builtin_ctz(m);

				cues_at(s, q, e, first[(unsigned char) s[q]] &
						second[(unsigned char) s[q + 1]], last);
			}
		}
	}
#endif
	for (; p + 1 < e; p++)
	{
		unsigned	m = first[(unsigned char) s[p]] & second[(unsigned char) s[p + 1]];

		if (m != 0)
			cues_at(s, p, e, m, last);
	}
}

/*
 * Who the turn before called on: 'go to Guy Benson from Fox News.', a
 * whole turn 'Shaun Tandon, AFP.', or just an outlet 'Russia 24 Channel,
 * please.'.  Ranges into text; *has_name tells whether a name was found.
 */
static bool
cue_in_turn(const char *s, const TrTurn *t, size_t *ns, size_t *ne,
			size_t *os, size_t *oe, bool *has_name)
{
	size_t		b = t->body_start;
	size_t		e = t->end;
	size_t		look = e - b > CUE_LOOK ? e - CUE_LOOK : b;
	size_t		last[N_CUES];

	*has_name = false;
	if (e <= b)
		return false;
	/* a whole turn 'Shaun Tandon, AFP.' */
	if (e - b <= 120 && name_outlet(s, skip_courtesies(s, b, e), e, ns, ne, os,
									oe, true))
	{
		*has_name = true;
		return true;
	}
	find_cues(s, look, e, last);
	for (int k = 0; k < CUE_PLEASE; k++)
	{
		size_t		p = last[k];

		if (p != (size_t) -1)
		{
			size_t		q = p + strlen(cue_phrases[k]);

			*ns = q;
			if (person_name(s, &q, e, ne))
			{
				if (q + 6 <= e && (memcmp(s + q, " from ", 6) == 0 ||
								   memcmp(s + q, " with ", 6) == 0))
					q += 6;
				else if (q + 4 <= e && memcmp(s + q, " of ", 4) == 0)
					q += 4;
				else if (q + 2 <= e && memcmp(s + q, ", ", 2) == 0)
					q += 2;
				else
					continue;
				if (outlet_at(s, q, e, oe, '.'))
				{
					*os = q;
					*has_name = true;
					return true;
				}
			}
		}
	}
	/* 'Russia 24 Channel, please.' */
	{
		size_t		p = last[CUE_PLEASE];

		if (p != (size_t) -1)
		{
			size_t		q = p;

			/* back to the start of the sentence */
			while (q > look && !(s[q - 1] == ' ' && q >= 2 &&
								 (s[q - 2] == '.' || s[q - 2] == '?' || s[q - 2] == '!')) &&
				   s[q - 1] != '\n' && !(q - 1 < t->body_start + 1))
				q--;
			q = tr_skip_blanks(s, q, p);
			if (outlet_at(s, q, p + 1, oe, ',') && *oe == p)
			{
				*os = q;
				return true;
			}
		}
	}
	return false;
}

/* Fill in the questioner of turn t (index ti) from its body or the cue. */
static void
resolve_questioner(Parser *P, size_t ti)
{
	TrTurn	   *t = &P->turns[ti];
	const char *s = P->text;
	size_t		b = t->body_start;
	size_t		e = t->end - b > QUESTION_LOOK ? b + QUESTION_LOOK : t->end;
	size_t		ns,
				ne,
				os,
				oe;
	size_t		p = skip_courtesies(s, b, e);

	if (name_outlet(s, p, e, &ns, &ne, &os, &oe, false))
	{
		t->speaker = tr_pool_add_folded(&P->pool, s + ns, ne - ns);
		t->speaker_key = pool_key(P, s + ns, ne - ns);
		t->affiliation = tr_pool_add_folded(&P->pool, s + os, oe - os);
		return;
	}
	if (ti > 0 && P->turns[ti - 1].role != TR_ROLE_QUESTIONER)
	{
		bool		has_name;

		if (cue_in_turn(s, &P->turns[ti - 1], &ns, &ne, &os, &oe, &has_name))
		{
			if (has_name)
			{
				t->speaker = tr_pool_add_folded(&P->pool, s + ns, ne - ns);
				t->speaker_key = pool_key(P, s + ns, ne - ns);
			}
			t->affiliation = tr_pool_add_folded(&P->pool, s + os, oe - os);
		}
	}
}

/* ---------- the scan ---------- */

/* Open a new turn at start; returns it. */
static TrTurn *
open_turn(Parser *P, uint32_t start)
{
	TrTurn	   *t;

	if (P->n_turns >= UINT32_MAX - 1)
		tr_hooks.fail("too many turns");
	tr_grow((void **) &P->turns, sizeof(TrTurn), P->n_turns, &P->cap_turns);
	tr_grow((void **) &P->info, sizeof(TurnInfo), P->n_turns, &P->cap_info);
	t = &P->turns[P->n_turns];
	memset(t, 0, sizeof(*t));
	t->start = start;
	t->speaker = t->speaker_key = t->addressee = t->affiliation = null_str;
	P->info[P->n_turns].res = -1;
	P->n_turns++;
	return t;
}

/*
 * tr_label_at, remembered: a transcript repeats its labels ('MS. PSAKI:'
 * hundreds of times), and reading one is the dearest step of the scan.  A
 * colon label is decided by its bytes through the colon and the byte or two
 * after it, so a line that starts with the same bytes gets the same answer.
 */
static bool
label_at_memo(Parser *P, size_t pos, size_t le, unsigned mode, TrLabel *lb,
			  size_t *memo_slot)
{
	const char *s = P->text;
	/* a colon label's colon is on its first line, which ends at le */
	size_t		span = le - pos < TR_LABEL_MAX ? le - pos : TR_LABEL_MAX;
	const char *colon;
	size_t		key_len;
	uint32_t	h;
	size_t		slot;

	*memo_slot = NO_MEMO;
	if ((mode & TR_MODE_CONGRESS) || s[pos] == 'Q')
		return tr_label_at(s, pos, P->len, mode, lb);
	if ((colon = memchr(s + pos, ':', span)) == NULL)
	{
		/*
		 * No colon where tr_label_at would accept one, unless blanks move
		 * its window: only a bracketed stamp before a 'Q' is left.
		 */
		if (s[pos] != '[' && s[pos] != ' ' && s[pos] != '\t' &&
			(unsigned char) s[pos] < 0x80)
			return false;
		return tr_label_at(s, pos, P->len, mode, lb);
	}
	key_len = (size_t) (colon - (s + pos)) + 3;
	if (key_len > P->len - pos)
		key_len = P->len - pos;
	h = tr_hash_bytes(s + pos, key_len);
	if (P->memo_cap > 0)
	{
		for (slot = h & (P->memo_cap - 1); P->memo[slot].key_len != 0;
			 slot = (slot + 1) & (P->memo_cap - 1))
		{
			const LabelMemo *m = &P->memo[slot];

			if (m->hash == h && m->key_len == key_len &&
				memcmp(s + m->pos, s + pos, key_len) == 0)
			{
				*lb = m->rel;
				lb->off += (uint32_t) pos;
				lb->after += (uint32_t) pos;
				*memo_slot = slot;
				return true;
			}
		}
	}
	if (!tr_label_at(s, pos, P->len, mode, lb))
		return false;
	if (lb->after > pos + key_len)
		return true;			/* decided by more than the key: not kept */
	if (2 * (P->memo_used + 1) > P->memo_cap)
	{
		size_t		cap = P->memo_cap ? P->memo_cap * 2 : 64;
		LabelMemo  *t = tr_alloc_array(cap, sizeof(LabelMemo));

		for (size_t k = 0; k < P->memo_cap; k++)
			if (P->memo[k].key_len != 0)
			{
				size_t		j = P->memo[k].hash & (cap - 1);

				while (t[j].key_len != 0)
					j = (j + 1) & (cap - 1);
				t[j] = P->memo[k];
			}
		if (P->memo)
			tr_free(P->memo);
		P->memo = t;
		P->memo_cap = cap;
	}
	for (slot = h & (P->memo_cap - 1); P->memo[slot].key_len != 0;
		 slot = (slot + 1) & (P->memo_cap - 1))
		;
	P->memo[slot].pos = (uint32_t) pos;
	P->memo[slot].key_len = (uint32_t) key_len;
	P->memo[slot].hash = h;
	P->memo[slot].res = -1;
	P->memo[slot].rel = *lb;
	P->memo[slot].rel.off -= (uint32_t) pos;
	P->memo[slot].rel.after -= (uint32_t) pos;
	P->memo_used++;
	*memo_slot = slot;
	return true;
}

static void
scan(Parser *P)
{
	const char *s = P->text;
	size_t		len = P->len;
	size_t		pos = P->hdr.content_start;
	unsigned	mode = P->hdr.mode;
	bool		prev_blank = true;
	TrTurn	   *cur = NULL;
	size_t		cur_ix = 0;
	size_t		last_content = 0;
	bool		opening_done = false;
	bool		principal = P->hdr.meta.principal.off != TR_NULL_OFF;
	size_t		next_check = pos + TR_INTERRUPT_EVERY;
	size_t		lines = 0;
	bool		prev_sentence_end = false;
	size_t		prev_indent = 0;

#define CLOSE_TURN() \
	do { \
		if (cur != NULL) \
		{ \
			cur = &P->turns[cur_ix]; \
			if (last_content > cur->end) \
				cur->end = (uint32_t) last_content; \
			if (cur->body_start > cur->end) \
				cur->body_start = cur->end; \
			cur->body_end = cur->end; \
			cur = NULL; \
		} \
	} while (0)

	while (pos < len)
	{
		const char *nlp;
		size_t		le,
					next,
					b,
					te;
		bool		para_start;
		bool		mid_label;
		size_t		memo_slot = NO_MEMO;
		TrLabel		lb;
		size_t		indent;

		if (pos >= next_check || ++lines >= 4096)
		{
			/* nothing but hook memory is held here */
			tr_check_interrupts();
			next_check = pos + TR_INTERRUPT_EVERY;
			lines = 0;
		}
		nlp = memchr(s + pos, '\n', len - pos);
		le = nlp ? (size_t) (nlp - s) : len;
		next = nlp ? le + 1 : len;
		b = tr_skip_blanks(s, pos, le);
		if (b >= le)
		{
			prev_blank = true;
			pos = next;
			continue;
		}
		indent = 0;
		while (pos + indent < b && s[pos + indent] == ' ')
			indent++;
		/*
		 * Congress: a two-space indent opens a paragraph on the floor; in
		 * quoted material a first line indented deeper than the line before
		 */
		para_start = prev_blank || (mode & TR_MODE_UNWRAPPED) ||
			((mode & TR_MODE_CONGRESS) && (indent == 2 ||
											(indent > 2 && indent > prev_indent)));
		prev_indent = indent;
		prev_blank = false;
		mid_label = false;
		if (!para_start && prev_sentence_end &&
			!(mode & (TR_MODE_UNWRAPPED | TR_MODE_CONGRESS)) &&
			tr_is_ascii_upper((unsigned char) s[b]) &&
			label_at_memo(P, pos, le, mode, &lb, &memo_slot) &&
			(lb.kind == TR_LBL_Q || lb.kind == TR_LBL_UPPER))
		{
			/*
			 * The White House sometimes drops the blank line before a
			 * label: an upper-case label right after a line that ends a
			 * sentence still opens a turn.
			 */
			mid_label = true;
		}
		te = tr_trim_blanks_back(s, b, le);
		{
			/* does this line end a sentence (for the next line)? */
			unsigned char lc = (unsigned char) s[te - 1];

			prev_sentence_end = lc == '.' || lc == '?' || lc == '!' ||
				lc == ':' || lc == '"' || lc == ')' ||
				(te - b >= 3 && (unsigned char) s[te - 3] == 0xE2 &&
				 (unsigned char) s[te - 2] == 0x80 &&
				 ((unsigned char) s[te - 1] == 0x94 || (unsigned char) s[te - 1] == 0x9D));
		}
		if (para_start || mid_label)
		{
			size_t		fend;
			TrFurniture f = mid_label ? TR_FURN_NONE :
				tr_furniture_at(s, b, len, mode, &fend);

			if (f == TR_FURN_STOP)
				break;
			if (f != TR_FURN_NONE)
			{
				if (f == TR_FURN_CLOSE)
				{
					if (cur != NULL)
						opening_done = true;
					CLOSE_TURN();
				}
				pos = fend < len ? fend + 1 : len;
				prev_blank = true;
				continue;
			}
			if (mid_label || label_at_memo(P, pos, le, mode, &lb, &memo_slot))
			{
				int32_t		ix;

				/* a remembered label remembers its resolution too */
				if (memo_slot != NO_MEMO && P->memo[memo_slot].res >= 0)
					ix = P->memo[memo_slot].res;
				else
				{
					ix = label_resolution(P, &lb);
					if (memo_slot != NO_MEMO)
						P->memo[memo_slot].res = ix;
				}

				if (P->res[ix].accepted)
				{
					size_t		bs = tr_skip_blanks(s, lb.after, le);
					size_t		an;
					unsigned	fl;
					TrTurn	   *t;

					CLOSE_TURN();
					opening_done = true;
					t = open_turn(P, lb.off);
					cur = t;
					cur_ix = P->n_turns - 1;
					P->info[cur_ix].res = ix;
					t->label_off = lb.off;
					t->label_len = lb.len;
					/* a leading interpreter note is not part of the body */
					if (bs < le && s[bs] == '(' &&
						(an = tr_annotation_at(s, bs, le, &fl)) > 0 &&
						(fl & TR_ANN_INTERPRETER))
					{
						t->flags |= TR_TURN_INTERPRETED;
						bs = tr_skip_blanks(s, bs + an, le);
					}
					t->body_start = (uint32_t) bs;
					t->end = lb.after;
					last_content = tr_trim_blanks_back(s, lb.after, le);
					pos = next;
					continue;
				}
			}
			if (cur == NULL && !opening_done && principal)
			{
				TrTurn	   *t = open_turn(P, (uint32_t) b);

				t->flags |= TR_TURN_UNLABELLED;
				t->body_start = (uint32_t) b;
				t->end = (uint32_t) b;
				cur = t;
				cur_ix = P->n_turns - 1;
				opening_done = true;
			}
		}
		if (cur != NULL)
			last_content = te;
		pos = next;
	}
	CLOSE_TURN();
#undef CLOSE_TURN
}

/* Roles, speakers, flags of every turn, in document order. */
static void
resolve_turns(Parser *P)
{
	const Known *principal_known = NULL;
	TrStr		principal_key = null_str;

	if (P->hdr.meta.principal.off != TR_NULL_OFF)
	{
		char		buf[NAME_BUF];
		size_t		n = P->hdr.meta.principal.len < NAME_BUF ?
			P->hdr.meta.principal.len : NAME_BUF;

		memcpy(buf, P->pool.data + P->hdr.meta.principal.off, n);
		principal_key = pool_key(P, buf, n);
		(void) principal_known;
	}
	for (size_t i = 0; i < P->n_turns; i++)
	{
		TrTurn	   *t = &P->turns[i];
		int32_t		ix = P->info[i].res;

		if ((i & 4095) == 4095)
			tr_check_interrupts();
		if (ix < 0)
		{
			t->speaker = P->hdr.meta.principal;
			t->speaker_key = principal_key;
			t->role = TR_ROLE_OFFICIAL;
		}
		else
		{
			const Resolved *R = &P->res[ix];

			t->speaker = R->speaker;
			t->speaker_key = R->key;
			t->addressee = R->addressee;
			t->affiliation = R->affiliation;
			t->role = R->role;
			if (R->interpreted)
				t->flags |= TR_TURN_INTERPRETED;
			if (R->cls == TR_NC_AUDIENCE)
			{
				/* an audience member is a questioner when they ask */
				if (memchr(P->text + t->body_start, '?', t->end - t->body_start) == NULL)
					t->role = TR_ROLE_OTHER;
			}
			if (t->role == TR_ROLE_QUESTIONER && R->cls != TR_NC_AUDIENCE)
			{
				TrStr		aff = t->affiliation;

				resolve_questioner(P, i);
				if (t->affiliation.off == TR_NULL_OFF)
					t->affiliation = aff;
			}
		}
	}
}

/* 1-based character positions, with one cursor over the text. */
static void
char_positions(Parser *P)
{
	size_t		at = 0;
	size_t		chars = 0;

	for (size_t i = 0; i < P->n_turns; i++)
	{
		TrTurn	   *t = &P->turns[i];

		chars += tr_utf8_count(P->text + at, t->start - at);
		at = t->start;
		t->char_start = (uint32_t) (chars + 1);
		chars += tr_utf8_count(P->text + at, t->end - at);
		at = t->end;
		t->char_end = (uint32_t) (chars + 1);
	}
}

/* Do two pool strings hold the same bytes? */
static bool
same_pool_str(const Parser *P, TrStr a, TrStr b)
{
	return a.off != TR_NULL_OFF && b.off != TR_NULL_OFF && a.len == b.len &&
		memcmp(P->pool.data + a.off, P->pool.data + b.off, a.len) == 0;
}

/*
 * A host introduced once with a description ('NORA BLAKE, CNN HOST') keeps
 * that role and outlet under the short label that follows ('BLAKE').  Hosts
 * are few: at most MAX_HOSTS are remembered, so this stays linear.
 */
#define MAX_HOSTS 8
static void
inherit_host_roles(Parser *P)
{
	const TrTurn *hosts[MAX_HOSTS];
	int			nh = 0;

	for (size_t i = 0; i < P->n_turns && nh < MAX_HOSTS; i++)
	{
		const TrTurn *t = &P->turns[i];
		bool		seen = false;

		/* a label with a description after a comma: 'NAME, CNN HOST' */
		if (t->role != TR_ROLE_MODERATOR || t->speaker_key.off == TR_NULL_OFF ||
			t->label_len == 0 || memchr(P->text + t->label_off, ',', t->label_len) == NULL)
			continue;
		for (int h = 0; h < nh; h++)
			seen |= same_pool_str(P, hosts[h]->speaker_key, t->speaker_key);
		if (!seen)
			hosts[nh++] = t;
	}
	if (nh == 0)
		return;
	for (size_t i = 0; i < P->n_turns; i++)
	{
		TrTurn	   *t = &P->turns[i];

		if (t->role != TR_ROLE_OFFICIAL)
			continue;
		for (int h = 0; h < nh; h++)
			if (same_pool_str(P, hosts[h]->speaker_key, t->speaker_key))
			{
				t->role = TR_ROLE_MODERATOR;
				if (t->affiliation.off == TR_NULL_OFF)
					t->affiliation = hosts[h]->affiliation;
				break;
			}
	}
}

/* Each turn's cuts (see tr_body_cuts), in one list for the document. */
static void
body_cuts(Parser *P, TrDoc *doc)
{
	size_t		n = 0,
				cap = 0;
	TrCut	   *cuts = NULL;

	for (size_t i = 0; i < P->n_turns; i++)
	{
		TrTurn	   *t = &P->turns[i];

		t->cut_first = (uint32_t) n;
		/* an interpreter note anywhere in the body marks the turn */
		if (tr_body_cuts(P->text, t->body_start, t->body_end, &cuts, &n, &cap) &
			TR_ANN_INTERPRETER)
			t->flags |= TR_TURN_INTERPRETED;
		t->cut_count = (uint32_t) (n - t->cut_first);
	}
	doc->cuts = cuts;
	doc->n_cuts = (uint32_t) n;
}

static void
empty_doc(TrDoc *doc)
{
	memset(doc, 0, sizeof(*doc));
	doc->meta.title = doc->meta.event_date = doc->meta.place = null_str;
	doc->meta.language = doc->meta.principal = null_str;
}

TrParseStatus
tr_parse(const char *text, size_t len, TrDoc *doc, size_t *err_offset)
{
	size_t		n_chars;
	size_t		err = 0;
	TrUtf8Status us;

	empty_doc(doc);
	*err_offset = 0;
	if (len > (size_t) UINT32_MAX - 1)
		return TR_ERR_TOO_LARGE;
	us = tr_utf8_validate(text, len, &err, &n_chars);
	if (us != TR_UTF8_OK)
	{
		*err_offset = err;
		return us == TR_UTF8_NUL ? TR_ERR_NUL : TR_ERR_BAD_UTF8;
	}
	return tr_parse_valid(text, len, doc, err_offset);
}

TrParseStatus
tr_parse_valid(const char *text, size_t len, TrDoc *doc, size_t *err_offset)
{
	Parser		P;

	empty_doc(doc);
	*err_offset = 0;
	if (len > (size_t) UINT32_MAX - 1)
		return TR_ERR_TOO_LARGE;

	memset(&P, 0, sizeof(P));
	P.text = text;
	P.len = len;
	tr_read_header(text, len, &P.pool, &P.hdr);
	for (int k = 0; k < P.hdr.n_names; k++)
		add_known(&P, P.hdr.names[k].name, P.hdr.names[k].n_words,
				  P.hdr.names[k].origin);
	scan(&P);
	resolve_turns(&P);
	char_positions(&P);

	if (P.table)
		tr_free(P.table);
	if (P.memo)
		tr_free(P.memo);
	if (P.res)
		tr_free(P.res);
	if (P.info)
		tr_free(P.info);
	inherit_host_roles(&P);
	doc->turns = P.turns;
	doc->n_turns = (uint32_t) P.n_turns;
	body_cuts(&P, doc);
	if (P.pool.data == NULL)
		tr_pool_add(&P.pool, "", 0);
	doc->pool = P.pool.data;
	doc->pool_len = (uint32_t) P.pool.len;
	doc->meta = P.hdr.meta;
	return TR_OK;
}

void
tr_doc_free(TrDoc *doc)
{
	if (doc->turns)
		tr_free(doc->turns);
	if (doc->cuts)
		tr_free(doc->cuts);
	if (doc->pool)
		tr_free(doc->pool);
	empty_doc(doc);
}
