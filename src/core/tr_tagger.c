/*
 * tr_tagger.c
 *		Topic tagging: dictionary compile and matcher (see tr_tagger.h).
 *
 * Layout of the work:
 *
 * Tokens.  Text is cut into tokens in blocks of about BLOCK_BYTES that end
 * before a white-space character (a place where UAX #29 always breaks and
 * nothing on one side changes the segmentation of the other).  Inside a
 * block, a hand-written scanner handles ASCII and the few typographic
 * marks that fill English text (no-break space, curly quotes, dashes); it
 * implements the UAX #29 rules that can apply to those characters.  When
 * it meets any other character it backs up to the last white space and
 * hands the stretch, up to the next white space followed by a long enough
 * run of ASCII, to ICU's word-break iterator.  Both paths produce the same
 * tokens (test_tagger checks this on real text).
 *
 * Vocabulary.  Every distinct normalized token of the dictionary is a
 * symbol, in two kinds: EXACT (the normalized token) and STEM (the stem
 * of a word of an inflected term).  Symbols live in an open-addressing
 * hash table guarded by a bit filter, so that most text tokens, which are
 * in no term, cost a hash of their bytes and one probe of a small bitmap.
 * Every English word with the stem of a STEM symbol is an EXACT key too
 * (form_only when it is no symbol itself), its stem in its slot, so that
 * a Latin text word is looked up once and never stemmed; a Cyrillic word
 * is stemmed and its stems looked up.  A text token carries its EXACT
 * symbol and its STEM symbols; tokens in no term are collapsed into
 * barriers.
 *
 * Trie.  Terms are paths of symbols from the root; the root's children
 * hang off the symbols themselves, deeper edges are in a hash table keyed
 * by (node, symbol).  A token may follow both an EXACT and a STEM edge, so
 * the walk from one start token is a small depth-first search bounded by
 * TR_TERM_MAX_TOKENS levels and by the trie's size; the deepest terminal
 * with a term that passes its checks (case-sensitive spelling) wins, and
 * the scan resumes after it.  Each text token is thus visited at most
 * TR_TERM_MAX_TOKENS times: linear in the text.
 */
#include "tr_tagger.h"
#include "tr_mem.h"
#include "tr_utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* the compiler's inlining, overruled where the profile says so */
#if defined(__GNUC__)
#define TR_ALWAYS_INLINE __attribute__((always_inline))
#else
#define TR_ALWAYS_INLINE
#endif

#define BLOCK_BYTES		16384	/* text tokenized before each matching pass */
#define SLOW_MAX_BYTES	65536	/* most text handed to ICU at once */
#define FAST_RESUME		48		/* ASCII run after white space that ends ICU */
#define TOK_MAX			1024	/* longest normalized token that can match */
#define MAX_STEMS		6		/* stems of one text token (Russian: 5) */

#define KIND_EXACT		1
#define KIND_STEM		2

#define NO_SYM			(-1)

/* token flags */
#define TOK_ROOT		0x02	/* some symbol of it starts a term */
#define TOK_BARRIER		0x04	/* one or more tokens in no term */
#define TOK_ALONE		0x08	/* alone_topic1 says what it matches alone */
#define TOK_LEAF		0x10	/* root1 starts no longer term */

typedef struct Tok
{
	uint32_t	start;
	uint32_t	end;
	int32_t		exact;
	uint8_t		flags;
	uint8_t		nstem;
	uint32_t	root1;			/* the one child of the root it reaches, or 0 */
	uint32_t	alone_topic1;	/* TOK_ALONE: see SymSlot */
	int32_t		stem[MAX_STEMS];
} Tok;

#define SYM_HEAD	12

typedef struct Sym
{
	uint64_t	hash;
	uint32_t	root_child;		/* 0: none (the root is never a child) */
	uint32_t	key_off;		/* into strings */
	uint16_t	key_len;
	uint8_t		kind;
	bool		form_only;		/* an inflected form, no EXACT symbol (below) */
	uint8_t		head[SYM_HEAD];	/* the key's first bytes: most keys fit */
} Sym;

/* Is sym's key key[0, len)?  (The hashes are already known to be equal.) */
static inline bool
sym_key_equal(const char *strings, const Sym *sym, const uint8_t *key, size_t len)
{
	if (sym->key_len != len)
		return false;
	if (len <= SYM_HEAD)
		return memcmp(sym->head, key, len) == 0;
	return memcmp(strings + sym->key_off, key, len) == 0;
}

/*
 * One slot of the table that tagging looks symbols up in (built once the
 * dictionary is compiled): in 32 bytes, the key's first bytes and what
 * emit_tag() needs of an EXACT key, so that a word in the dictionary
 * costs one cache line, not a slot, a symbol and the trie's tables.
 */
typedef struct SymSlot
{
	uint32_t	id1;			/* symbol + 1; 0: empty */
	/*
	 * An EXACT Latin key: its STEM symbol + 1 (0: none), so that a word
	 * needs no stemming and no second lookup.
	 */
	uint32_t	stem1;
	uint32_t	root1;			/* the one child of the root the key or its
								 * stem reaches (0: none, or two) */
	/*
	 * SLOT_ALONE: what the key matches when no term goes on after it: the
	 * topic + 1 of the one term root1 ends, 0 when it ends none.
	 */
	uint32_t	alone_topic1;
	uint16_t	key_len;
	uint8_t		kind;
	uint8_t		flags;
	uint8_t		head[12];		/* the key's first bytes, zero-padded */
} SymSlot;

#define SLOT_FORM_ONLY	0x01	/* Sym.form_only: only stem1 counts */
#define SLOT_ROOT		0x02	/* the key or its stem starts a term */
#define SLOT_ALONE		0x04	/* alone_topic1 is known (not for a Cyrillic
								 * key: its stems, looked up while tagging,
								 * may start terms too) */
#define SLOT_LEAF		0x08	/* root1 starts no longer term */

typedef struct Node
{
	uint32_t	n_child;
	uint32_t	out_n;			/* terms ending here; | NODE_CS if one is case-sensitive */
	uint32_t	out_off;		/* into outs; out_n == 1: the term itself */
	uint32_t	topic;			/* out_n == 1: its topic */
} Node;

#define NODE_CS		0x80000000u

typedef struct Edge
{
	uint32_t	node;			/* parent + 1; 0: empty slot */
	uint32_t	sym;
	uint32_t	child;
} Edge;

typedef struct Term
{
	uint32_t	topic;
	uint32_t	flags;
	uint32_t	str_off;		/* the term as written */
	uint32_t	str_len;
	uint32_t	cs_off;			/* case-sensitive terms: spelled tokens */
	uint32_t	n_tok;
} Term;

struct TrTagger
{
	char	   *strings;
	size_t		strings_len;
	size_t		strings_cap;

	Sym		   *syms;
	size_t		n_syms;
	size_t		syms_cap;
	uint32_t   *slots;			/* sym + 1, 0: empty (compile only) */
	size_t		slot_mask;
	SymSlot    *lookup;			/* for tagging: load at most 3/4 */
	size_t		lookup_mask;
	uint32_t   *root_of;		/* by symbol: its child of the root, 0: none */
	/*
	 * Two bit filters, interleaved so that the words of both for one hash
	 * share a cache line: filter[2 * i] holds every symbol, filter[2 * i +
	 * 1] the symbols that start a term (filter_root points at it).
	 */
	uint64_t   *filter_mem;		/* the allocation (filter is aligned in it) */
	uint64_t   *filter;
	const uint64_t *filter_root;
	uint64_t	filter_mask;	/* in filter words (pairs) */
	bool		has_stems;

	Node	   *nodes;
	size_t		n_nodes;
	size_t		nodes_cap;
	Edge	   *edges;
	size_t		edge_mask;
	size_t		n_edges;
	uint32_t   *outs;

	Term	   *terms;
	uint32_t	n_terms;
	uint32_t   *topic_off;		/* by topic id: into strings */
	uint32_t   *topic_len;
	uint32_t	n_topics;
	uint32_t	max_depth;
};

/* ---------------------------------------------------------------------
 * Hashing
 * ---------------------------------------------------------------------
 */
#define HASH_SEED	UINT64_C(0xcbf29ce484222325)
#define HASH_PAD	8			/* bytes readable past any hashed string */

static inline uint64_t
load64(const uint8_t *p)
{
	uint64_t	v;

	memcpy(&v, p, 8);
	return v;
}

/* the first k (1..7) bytes of an 8-byte load, the rest zero */
static inline uint64_t
keep_bytes(uint64_t v, size_t k)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return v & ~(~UINT64_C(0) >> (8 * k));
#else
	return v & (~UINT64_C(0) >> (64 - 8 * k));
#endif
}

static inline uint64_t
mix64(uint64_t h, uint64_t v)
{
	h = (h ^ v) * UINT64_C(0x9fb21c651e98df25);
	return h ^ (h >> 28);
}

/*
 * Hash of s[0, n), eight bytes at a time; HASH_PAD bytes after s[n] must
 * be readable (their value does not matter).
 */
static inline uint64_t
hash_bytes(const uint8_t *s, size_t n)
{
	uint64_t	h = HASH_SEED ^ n;
	size_t		i = 0;

	for (; i + 8 <= n; i += 8)
		h = mix64(h, load64(s + i));
	if (i < n)
		h = mix64(h, keep_bytes(load64(s + i), n - i));
	return h;
}

static inline uint64_t
hash_final(uint64_t h, unsigned kind)
{
	h ^= (uint64_t) kind * UINT64_C(0x9e3779b97f4a7c15);
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 32;
	return h;
}

/* ---------------------------------------------------------------------
 * UTF-8
 * ---------------------------------------------------------------------
 */

/*
 * Decode one code point at s[0..n), n >= 1.  Invalid or truncated
 * sequences decode as U+FFFD of length 1.
 */
static inline uint32_t
utf8_decode(const uint8_t *s, size_t n, int *len)
{
	uint8_t		c = s[0];
	uint32_t	cp;

	if (c < 0x80)
	{
		*len = 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF)
	{
		if (n >= 2 && (s[1] & 0xC0) == 0x80)
		{
			*len = 2;
			return ((uint32_t) (c & 0x1F) << 6) | (s[1] & 0x3F);
		}
	}
	else if (c >= 0xE0 && c <= 0xEF)
	{
		if (n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
		{
			cp = ((uint32_t) (c & 0x0F) << 12) | ((uint32_t) (s[1] & 0x3F) << 6) |
				(s[2] & 0x3F);
			if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF))
			{
				*len = 3;
				return cp;
			}
		}
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		if (n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
			(s[3] & 0xC0) == 0x80)
		{
			cp = ((uint32_t) (c & 0x07) << 18) | ((uint32_t) (s[1] & 0x3F) << 12) |
				((uint32_t) (s[2] & 0x3F) << 6) | (s[3] & 0x3F);
			if (cp >= 0x10000 && cp <= 0x10FFFF)
			{
				*len = 4;
				return cp;
			}
		}
	}
	*len = 1;
	return 0xFFFD;
}

/* ---------------------------------------------------------------------
 * Character classes
 * ---------------------------------------------------------------------
 */

/*
 * Punctuation that compares equal: every apostrophe, dash and double
 * quotation mark reads as its ASCII form.
 */
static uint32_t
punct_norm(uint32_t c)
{
	switch (c)
	{
		case 0x0060:			/* grave accent used as apostrophe */
		case 0x00B4:
		case 0x02BC:
		case 0x2018:
		case 0x2019:
		case 0x201B:
		case 0x2032:
		case 0xFF07:
			return '\'';
		case 0x2010:
		case 0x2011:
		case 0x2012:
		case 0x2013:
		case 0x2014:
		case 0x2015:
		case 0x2212:
		case 0xFE58:
		case 0xFE63:
		case 0xFF0D:
			return '-';
		case 0x00AB:
		case 0x00BB:
		case 0x201C:
		case 0x201D:
		case 0x201E:
		case 0x201F:
		case 0x2033:
		case 0xFF02:
			return '"';
		default:
			return c;
	}
}

/* apostrophes that ICU may leave inside a word: words are split there */
static inline bool
is_word_apostrophe(UChar c)
{
	return c == 0x0027 || c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0xFF07;
}

/* classes of the fast scanner */
enum
{
	C_SLOW = 0,					/* needs ICU */
	C_SPACE,
	C_LETTER,
	C_DIGIT,
	C_ENL,						/* ExtendNumLet: '_' */
	C_MIDLETTER,				/* ':' */
	C_MIDNUMLET,				/* '.' */
	C_MIDNUM,					/* ',' ';' */
	C_APOS,						/* apostrophes: a token of their own */
	C_PUNCT						/* any other single-character token */
};

static uint8_t ascii_class[128];
static uint8_t ascii_fold[128];
static uint8_t ascii_word[256];	/* letter, digit, '_', '@': never joined by ICU */
static uint64_t punct_hash[128];	/* final EXACT hash of each ASCII mark, normalized */
static bool tables_ready = false;

static void
init_tables(void)
{
	int			c;

	if (tables_ready)
		return;
	for (c = 0; c < 128; c++)
	{
		ascii_fold[c] = (uint8_t) c;
		if (c >= 'A' && c <= 'Z')
		{
			ascii_class[c] = C_LETTER;
			ascii_fold[c] = (uint8_t) (c + 32);
		}
		else if (c >= 'a' && c <= 'z')
			ascii_class[c] = C_LETTER;
		else if (c == '@')
			ascii_class[c] = C_LETTER;	/* ICU reads it as ALetter */
		else if (c >= '0' && c <= '9')
			ascii_class[c] = C_DIGIT;
		else if (c == ' ' || (c >= 0x09 && c <= 0x0D))
			ascii_class[c] = C_SPACE;
		else if (c == '_')
			ascii_class[c] = C_ENL;
		else if (c == ':')
			ascii_class[c] = C_PUNCT;	/* ICU drops it from MidLetter */
		else if (c == '.')
			ascii_class[c] = C_MIDNUMLET;
		else if (c == ',' || c == ';')
			ascii_class[c] = C_MIDNUM;
		else if (c == '\'' || c == '`')
			ascii_class[c] = C_APOS;
		else
			ascii_class[c] = C_PUNCT;
		ascii_word[c] = ascii_class[c] == C_LETTER || ascii_class[c] == C_DIGIT ||
			ascii_class[c] == C_ENL;
		{
			uint8_t		one[1 + HASH_PAD] = {0};

			/* '`' reads as an apostrophe: no punct_norm() call per mark */
			one[0] = (uint8_t) punct_norm((uint32_t) c);
			punct_hash[c] = hash_final(hash_bytes(one, 1), KIND_EXACT);
		}
	}
	tables_ready = true;
}

/*
 * Class of the character at s[0..n) for the fast scanner, and its length.
 * Only characters whose UAX #29 behaviour next to ASCII is fully known
 * here are fast; everything else goes to ICU.
 */
static inline int
fast_class(const uint8_t *s, size_t n, int *len, uint32_t *cp)
{
	uint32_t	c;

	if (s[0] < 0x80)
	{
		*len = 1;
		*cp = s[0];
		return ascii_class[s[0]];
	}
	c = utf8_decode(s, n, len);
	*cp = c;
	switch (c)
	{
		case 0x00A0:			/* no-break space: WB Other, White_Space */
		case 0x2000:
		case 0x2001:
		case 0x2002:
		case 0x2003:
		case 0x2004:
		case 0x2005:
		case 0x2006:
		case 0x2008:
		case 0x2009:
		case 0x200A:
			return C_SPACE;
		case 0x2018:			/* WB MidNumLet, but words split there */
		case 0x2019:
			return C_APOS;
		case 0x2013:			/* WB Other */
		case 0x2014:
		case 0x201C:
		case 0x201D:
		case 0x2026:
			return C_PUNCT;
		default:
			return C_SLOW;
	}
}

#define ONES	UINT64_C(0x0101010101010101)
#define HIGHS	UINT64_C(0x8080808080808080)

/* 0x80 in each byte of w that is exactly c (c < 0x80, w's bytes < 0x80) */
static inline uint64_t
bytes_equal(uint64_t x, uint8_t c)
{
	uint64_t	t = x ^ (ONES * c);

	return ~(((t & ~HIGHS) + ~HIGHS) | t) & HIGHS;
}

/*
 * 0x80 in each byte of w that is an ASCII word character (letter, digit,
 * '_', '@'), without a branch: the end of most words in one step.
 */
static inline uint64_t
word_byte_mask(uint64_t w)
{
	uint64_t	ascii = ~w & HIGHS;
	uint64_t	x = w & ~HIGHS;
	uint64_t	y = x | (ONES * 0x20);
	uint64_t	alpha = (y + ONES * (0x80 - 'a')) & ~(y + ONES * (0x80 - 'z' - 1));
	uint64_t	digit = (x + ONES * (0x80 - '0')) & ~(x + ONES * (0x80 - '9' - 1));

	return (alpha | digit | bytes_equal(x, '_') | bytes_equal(x, '@')) & HIGHS & ascii;
}

/* index of the first byte of w (in memory order) flagged in mask */
static inline unsigned
first_flagged(uint64_t mask)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (unsigned) __builtin_clzll(mask) >> 3;
#else
	return (unsigned) __builtin_ctzll(mask) >> 3;
#endif
}

/*
 * Fold n ASCII word bytes (letters, digits, '_', '@') from src to dst,
 * eight at a time; avail is how many bytes of src may be read.  dst gets
 * HASH_PAD bytes of slack.
 */
static inline void
fold_ascii(uint8_t *dst, const uint8_t *src, size_t n, size_t avail)
{
	size_t		i = 0;

#if !(defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)
	/* carries run towards higher addresses, past the word: harmless */
	if (avail >= n + 8)
	{
		for (; i < n; i += 8)
		{
			uint64_t	w = load64(src + i);
			uint64_t	t1 = w + UINT64_C(0x3f3f3f3f3f3f3f3f);	/* >= 'A' */
			uint64_t	t2 = w + UINT64_C(0x2525252525252525);	/* > 'Z' */
			uint64_t	upper = t1 & ~t2 & UINT64_C(0x8080808080808080);

			w |= upper >> 2;
			memcpy(dst + i, &w, 8);
		}
		return;
	}
#else
	(void) avail;
#endif
	for (; i < n; i++)
		dst[i] = ascii_fold[src[i]];
}

/* ---------------------------------------------------------------------
 * ICU handles: opened once per process and kept
 * ---------------------------------------------------------------------
 */
static UBreakIterator *word_bi = NULL;
static const UNormalizer2 *nfkc_cf = NULL;

static bool
icu_ready(void)
{
	UErrorCode	status = U_ZERO_ERROR;

	if (word_bi != NULL)
		return true;
	nfkc_cf = unorm2_getNFKCCasefoldInstance(&status);
	if (U_FAILURE(status))
		return false;
	word_bi = ubrk_open(UBRK_WORD, "", NULL, 0, &status);
	if (U_FAILURE(status))
	{
		word_bi = NULL;
		return false;
	}
	return true;
}

/* ---------------------------------------------------------------------
 * Stemming
 * ---------------------------------------------------------------------
 */
static inline bool
has_vowel(const uint8_t *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		switch (w[i])
		{
			case 'a':
			case 'e':
			case 'i':
			case 'o':
			case 'u':
			case 'y':
				return true;
		}
	return false;
}

/*
 * English: one canonical stem for the plural, third-person, -ed and -ing
 * forms of a word (sanction, sanctions, sanctioned, sanctioning ->
 * sanction; policy, policies -> policy; tax, taxes -> tax), written to out
 * (n bytes); its length.  Crude on purpose: it only has to send related
 * forms to the same place.  Terms go through it; the text words that
 * reach a term's stem are found by reading it backwards
 * (add_inflected_forms).  w is folded.
 */
static size_t
stem_english(const uint8_t *w, size_t n, uint8_t *out)
{
	size_t		k = n;

	if (n >= 5 && w[n - 3] == 'i' && w[n - 2] == 'e' && w[n - 1] == 's')
	{
		memcpy(out, w, n - 3);
		out[n - 3] = 'y';
		return n - 2;
	}
	if (n < 4)
		goto done;
	if (w[k - 1] == 's' && w[k - 2] != 's' && w[k - 2] != 'u' && w[k - 2] != 'i')
		k--;
	if (k >= 7 && w[k - 3] == 'i' && w[k - 2] == 'n' && w[k - 1] == 'g' &&
		has_vowel(w, k - 3))
		k -= 3;
	else if (k >= 6 && w[k - 2] == 'e' && w[k - 1] == 'd' && w[k - 3] != 'e' &&
			 has_vowel(w, k - 2))
		k -= 2;
	else
		goto final_e;
	/* undouble: stopp -> stop, plann -> plan */
	if (k >= 4 && w[k - 1] == w[k - 2] && memchr("bdgmnprt", w[k - 1], 8) != NULL)
		k--;
final_e:
	if (k >= 4 && w[k - 1] == 'e')
		k--;
done:
	memcpy(out, w, k);
	return k;
}

/* Russian case endings (after folding, with ё read as е), longest first */
static const char *const ru_endings[] = {
	"иями",
	"ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "иях", "иям",
	"ием", "ией", "ьми",
	"ов", "ев", "ей", "ой", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие",
	"ую", "юю", "ым", "им", "ом", "ем", "ах", "ях", "ам", "ям", "ию", "ия",
	"ии", "ью", "ою", "ею", "ых", "их", "ми",
	"а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
	NULL
};

#define RU_MIN_STEM_CHARS	3

static size_t
count_chars(const uint8_t *s, size_t n)
{
	size_t		k = 0;

	for (size_t i = 0; i < n; i++)
		k += (s[i] & 0xC0) != 0x80;
	return k;
}

/*
 * Russian: the lengths the word may have once a case ending is removed,
 * the whole word first.  For a term (all == false) only the longest
 * removal that leaves RU_MIN_STEM_CHARS characters; for text every such
 * removal, so that a text form matches when any of its readings is the
 * term's stem ('Корее' is read as корее, коре, кор; 'Корея' has коре).
 */
static int
stems_russian(const uint8_t *w, size_t n, bool all, size_t *lens, int max)
{
	int			k = 0;

	lens[k++] = n;
	for (int i = 0; ru_endings[i] != NULL && (k < max || !all); i++)
	{
		size_t		el = strlen(ru_endings[i]);

		if (el < n && memcmp(w + n - el, ru_endings[i], el) == 0 &&
			count_chars(w, n - el) >= RU_MIN_STEM_CHARS)
		{
			if (!all)
			{
				lens[0] = n - el;
				return 1;
			}
			lens[k++] = n - el;
		}
	}
	return k;
}

typedef enum
{
	SCRIPT_OTHER,
	SCRIPT_LATIN,
	SCRIPT_CYRILLIC
} StemScript;

/* Which rules inflect a normalized word: by the script of its first letter. */
static inline TR_ALWAYS_INLINE StemScript
stem_script(const uint8_t *w, size_t n)
{
	int			len;
	uint32_t	c;

	if (n == 0)
		return SCRIPT_OTHER;
	if ((w[0] >= 'a' && w[0] <= 'z'))
		return SCRIPT_LATIN;
	c = utf8_decode(w, n, &len);
	if (c >= 0x0400 && c <= 0x04FF)
		return SCRIPT_CYRILLIC;
	if ((c >= 0x00C0 && c <= 0x024F) || (c >= 0x1E00 && c <= 0x1EFF))
		return SCRIPT_LATIN;
	return SCRIPT_OTHER;
}

/* ---------------------------------------------------------------------
 * Vocabulary and trie
 * ---------------------------------------------------------------------
 */
/*
 * filter is t->filter or t->filter_root: its words are at even offsets.
 * One bit per hash (more bits cost more instructions than they save).
 */
static inline bool
filter_in(const uint64_t *filter, uint64_t mask, uint64_t h)
{
	return (filter[2 * ((h >> 26) & mask)] >> ((h >> 20) & 63)) & 1;
}

static inline bool
filter_test(const TrTagger *t, uint64_t h)
{
	return filter_in(t->filter, t->filter_mask, h);
}

/*
 * Is the key of slot e key[0, len)?  key has HASH_PAD readable bytes after
 * it; len >= 1.
 */
static inline bool
slot_key_equal(const TrTagger *t, const SymSlot *e, const uint8_t *key, size_t len)
{
	uint64_t	a,
				b;

	if (e->key_len != len)
		return false;
	memcpy(&a, e->head, 8);
	if (len < 8)
		return a == keep_bytes(load64(key), len);
	if (a != load64(key))
		return false;
	if (len == 8)
		return true;
	/* the rest of the head: a longer load, as the padding allows */
	memcpy(&b, e->head + 4, 8);
	if (len < 12)
		return b == keep_bytes(load64(key + 4), len - 4);
	if (b != load64(key + 4))
		return false;
	return len == 12 ||
		memcmp(t->strings + t->syms[e->id1 - 1].key_off + 12, key + 12, len - 12) == 0;
}

/*
 * The slot of kind for key[0, len) (h its hash_final()), NULL if none.
 * The kind tells an EXACT key from a STEM key with the same bytes.
 */
static inline const SymSlot *
sym_lookup(const TrTagger *t, uint64_t h, unsigned kind, const uint8_t *key, size_t len)
{
	if (!filter_test(t, h))
		return NULL;
	for (size_t i = h & t->lookup_mask;; i = (i + 1) & t->lookup_mask)
	{
		const SymSlot *e = &t->lookup[i];

		if (e->id1 == 0)
			return NULL;
		if (e->kind == kind && slot_key_equal(t, e, key, len))
			return e;
	}
}

static inline uint64_t
edge_hash(uint32_t node, uint32_t sym)
{
	uint64_t	h = ((uint64_t) node << 32) | sym;

	h *= UINT64_C(0x9e3779b97f4a7c15);
	return h ^ (h >> 29);
}

static inline uint32_t
edge_lookup(const TrTagger *t, uint32_t node, uint32_t sym)
{
	size_t		i;

	if (node == 0)
		return t->root_of[sym];
	if (t->nodes[node].n_child == 0)
		return 0;
	for (i = edge_hash(node, sym) & t->edge_mask;; i = (i + 1) & t->edge_mask)
	{
		const Edge *e = &t->edges[i];

		if (e->node == 0)
			return 0;
		if (e->node == node + 1 && e->sym == sym)
			return e->child;
	}
}

/* ---------------------------------------------------------------------
 * Tokenizer
 * ---------------------------------------------------------------------
 */

/* A normalized token as the tokenizer hands it over. */
typedef struct RawTok
{
	uint32_t	start;
	uint32_t	end;
	const uint8_t *norm;		/* NULL when longer than TOK_MAX */
	size_t		norm_len;
	uint64_t	hraw;			/* hash_bytes(norm, norm_len); norm is padded */
	bool		word;
} RawTok;

typedef enum
{
	SINK_TAG,					/* look up in a tagger, collect Toks */
	SINK_COLLECT				/* keep normalized strings (compile, debug) */
} SinkMode;

typedef struct CollectedTok
{
	uint32_t	start;
	uint32_t	end;
	uint32_t	norm_off;		/* into the sink's buffer; UINT32_MAX: too long */
	uint32_t	norm_len;
	bool		word;
} CollectedTok;

typedef struct Sink
{
	SinkMode	mode;
	const TrTagger *tagger;
	const uint8_t *text;
	uint32_t	text_len;		/* bytes of text that may be read */
	/* SINK_TAG */
	Tok		   *toks;
	size_t		n_toks;
	size_t		toks_cap;
	bool		live;			/* the last queued token is no barrier */
	bool	   *seen;			/* tr_tag_topics: topics found, not queued */
	/* SINK_COLLECT */
	CollectedTok *ctoks;
	size_t		n_ctoks;
	size_t		ctoks_cap;
	uint8_t    *buf;
	size_t		buf_len;
	size_t		buf_cap;
	/* ICU scratch */
	UChar	   *u16;
	uint32_t   *u16_off;
	size_t		u16_cap;
	bool		icu_failed;
} Sink;

/*
 * Where the next token goes, filled in place (a token built elsewhere and
 * copied costs a stall: the copy reads what was just written in pieces).
 */
static inline Tok *
sink_next_tok(Sink *sk)
{
	if (sk->n_toks >= sk->toks_cap)
		tr_grow((void **) &sk->toks, sizeof(Tok), sk->n_toks, &sk->toks_cap);
	return &sk->toks[sk->n_toks];
}

/* Queue the token filled in at sink_next_tok(). */
static inline void
sink_push_tok(Sink *sk)
{
	sk->live = !(sk->toks[sk->n_toks].flags & TOK_BARRIER);
	sk->n_toks++;
}

/* Queue a token in no term: runs of them are one barrier (spans unused). */
static inline void
sink_barrier(Sink *sk, uint32_t start, uint32_t end)
{
	Tok		   *tok;
	size_t		n = sk->n_toks;

	if (n > 0 && (sk->toks[n - 1].flags & TOK_BARRIER))
		return;
	if (sk->seen != NULL && n > 0 && (sk->toks[n - 1].flags & TOK_ALONE) &&
		(n == 1 || (sk->toks[n - 2].flags & TOK_BARRIER)))
	{
		/*
		 * topics(): the last token started after a barrier (no match
		 * reaches it) and is alone: it matches what it matches alone.
		 * It goes, and the barrier before it (or nothing) ends the queue.
		 */
		if (sk->toks[n - 1].alone_topic1 != 0)
			sk->seen[sk->toks[n - 1].alone_topic1 - 1] = true;
		sk->n_toks = n - 1;
		sk->live = false;
		return;
	}
	tok = sink_next_tok(sk);
	tok->start = start;
	tok->end = end;
	tok->exact = NO_SYM;
	tok->flags = TOK_BARRIER;
	tok->nstem = 0;
	tok->root1 = 0;
	sink_push_tok(sk);
}

/*
 * Can the next token continue a match?  Only if the token before it is in
 * some term: after a barrier, a token matters only if it starts a term.
 */
static inline bool
sink_live(const Sink *sk)
{
	/* kept in the sink: every word asks, and this saves two loads */
	return sk->live;
}

/* after n_toks was set directly */
static inline void
sink_set_live(Sink *sk)
{
	sk->live = sk->n_toks > 0 && !(sk->toks[sk->n_toks - 1].flags & TOK_BARRIER);
}

/* Look up a token's symbols and queue it (tagging). */
static void
emit_tag(Sink *sk, const RawTok *rt)
{
	const TrTagger *t = sk->tagger;
	Tok		   *tok;
	const SymSlot *slot;
	bool		live = sink_live(sk);
	bool		cyrillic;

	if (rt->norm == NULL)
	{
		sink_barrier(sk, rt->start, rt->end);
		return;
	}
	tok = sink_next_tok(sk);
	tok->start = rt->start;
	tok->end = rt->end;
	tok->flags = 0;
	tok->nstem = 0;
	tok->exact = NO_SYM;
	tok->root1 = 0;
	tok->alone_topic1 = 0;
	slot = sym_lookup(t, hash_final(rt->hraw, KIND_EXACT), KIND_EXACT, rt->norm, rt->norm_len);
	if (slot != NULL)
	{
		if ((slot->flags & (SLOT_ALONE | SLOT_LEAF)) == (SLOT_ALONE | SLOT_LEAF) &&
			sk->seen != NULL && !live)
		{
			/*
			 * topics(): a word that starts no longer term, after a
			 * barrier, matches what it matches alone whatever follows (no
			 * match from before reaches it): mark that now, queue nothing.
			 */
			if (slot->alone_topic1 != 0)
				sk->seen[slot->alone_topic1 - 1] = true;
			sink_barrier(sk, rt->start, rt->end);
			return;
		}
		if (!(slot->flags & SLOT_FORM_ONLY))
			tok->exact = (int32_t) slot->id1 - 1;
		/* only words have a stem1: a key that starts with a letter is one */
		if (slot->stem1 != 0)
			tok->stem[tok->nstem++] = (int32_t) slot->stem1 - 1;
		if (slot->flags & SLOT_ROOT)
			tok->flags |= TOK_ROOT;
		if (slot->flags & SLOT_ALONE)
			tok->flags |= TOK_ALONE;
		if (slot->flags & SLOT_LEAF)
			tok->flags |= TOK_LEAF;
		tok->root1 = slot->root1;
		tok->alone_topic1 = slot->alone_topic1;
	}

	cyrillic = t->has_stems && rt->word && tok->nstem == 0 &&
		stem_script(rt->norm, rt->norm_len) == SCRIPT_CYRILLIC;
	if (cyrillic)
	{
		size_t		lens[MAX_STEMS];
		int			k = stems_russian(rt->norm, rt->norm_len, true, lens, MAX_STEMS);

		for (int i = 0; i < k; i++)
		{
			const SymSlot *e = sym_lookup(t, hash_final(hash_bytes(rt->norm, lens[i]), KIND_STEM),
										  KIND_STEM, rt->norm, lens[i]);
			uint32_t	r;

			if (e == NULL)
				continue;
			tok->stem[tok->nstem++] = (int32_t) e->id1 - 1;
			r = t->root_of[e->id1 - 1];
			if (r != 0)
			{
				/* two children of the root: root1 is 0, match_at sorts it out */
				tok->root1 = (tok->flags & TOK_ROOT) ? 0 : r;
				tok->flags |= TOK_ROOT;
			}
		}
	}
	if ((tok->exact == NO_SYM && tok->nstem == 0) || (!(tok->flags & TOK_ROOT) && !live))
	{
		sink_barrier(sk, rt->start, rt->end);
		return;
	}
	if (cyrillic && sk->seen != NULL && tok->root1 != 0 && !live)
	{
		const Node *nd = &t->nodes[tok->root1];

		/* as SLOT_MARK above, for a word whose stems were looked up */
		if (nd->n_child == 0 && nd->out_n == 1)
		{
			sk->seen[nd->topic] = true;
			sink_barrier(sk, rt->start, rt->end);
			return;
		}
	}
	sink_push_tok(sk);
}

static void
emit_collect(Sink *sk, const RawTok *rt)
{
	CollectedTok *ct;

	if (sk->n_ctoks >= sk->ctoks_cap)
		tr_grow((void **) &sk->ctoks, sizeof(CollectedTok), sk->n_ctoks, &sk->ctoks_cap);
	ct = &sk->ctoks[sk->n_ctoks++];
	ct->start = rt->start;
	ct->end = rt->end;
	ct->word = rt->word;
	if (rt->norm == NULL)
	{
		ct->norm_off = UINT32_MAX;
		ct->norm_len = 0;
		return;
	}
	while (sk->buf_len + rt->norm_len > sk->buf_cap)
		tr_grow((void **) &sk->buf, 1, sk->buf_cap, &sk->buf_cap);
	memcpy(sk->buf + sk->buf_len, rt->norm, rt->norm_len);
	ct->norm_off = (uint32_t) sk->buf_len;
	ct->norm_len = (uint32_t) rt->norm_len;
	sk->buf_len += rt->norm_len;
}

static inline void
emit(Sink *sk, const RawTok *rt)
{
	if (sk->mode == SINK_TAG)
		emit_tag(sk, rt);
	else
		emit_collect(sk, rt);
}


/*
 * Tagging: is the token whose EXACT hash is h in no term that could use it
 * here (after a barrier, only a term's first token can)?  Then it is done
 * with: a barrier when a match may be under way.  Most tokens are, and the
 * filter says so without a call.
 */
static inline TR_ALWAYS_INLINE bool
sink_skip(Sink *sk, uint64_t h, uint32_t start, uint32_t end)
{
	const TrTagger *t = sk->tagger;
	bool		live = sink_live(sk);

	if (filter_in(live ? t->filter : t->filter_root, t->filter_mask, h))
		return false;
	if (live)
		sink_barrier(sk, start, end);
	return true;
}

/*
 * The fast path's word: the filter holds every inflected form of the stems
 * too, so one probe rules out most words.
 */
static inline TR_ALWAYS_INLINE void
emit_fast_word(Sink *sk, RawTok *rt)
{
	if (sk->mode == SINK_TAG && rt->norm != NULL &&
		sink_skip(sk, hash_final(rt->hraw, KIND_EXACT), rt->start, rt->end))
		return;
	emit(sk, rt);
}

/* number of queued tokens, for backing up */
static inline size_t
sink_mark(const Sink *sk)
{
	return sk->mode == SINK_TAG ? sk->n_toks : sk->n_ctoks;
}

static inline void
sink_reset(Sink *sk, size_t mark)
{
	if (sk->mode == SINK_TAG)
	{
		sk->n_toks = mark;
		sink_set_live(sk);
	}
	else
		sk->n_ctoks = mark;
}

/* A one-character punctuation token. */
static void
emit_punct(Sink *sk, uint32_t start, uint32_t end, uint32_t cp)
{
	uint8_t		b[4 + HASH_PAD];
	RawTok		rt;
	int			n = (int) tr_utf8_put((char *) b, punct_norm(cp));

	rt.start = start;
	rt.end = end;
	rt.norm = b;
	rt.norm_len = (size_t) n;
	rt.hraw = hash_bytes(b, (size_t) n);
	rt.word = false;
	if (sk->mode == SINK_TAG && sink_skip(sk, hash_final(rt.hraw, KIND_EXACT), start, end))
		return;
	emit(sk, &rt);
}

/*
 * The same for the scanner's marks: an ASCII mark in no term, the usual
 * case, costs the filter alone (its hash is computed in init_tables), not
 * a call.
 */
static inline TR_ALWAYS_INLINE void
emit_mark(Sink *sk, uint32_t start, uint32_t end, uint32_t cp)
{
	if (sk->mode == SINK_TAG && cp < 0x80 && sink_skip(sk, punct_hash[cp], start, end))
		return;
	emit_punct(sk, start, end, cp);
}

/*
 * Tokenize s[a, b) with ICU.  a and b are places where UAX #29 always
 * breaks.  Returns false when ICU fails.
 */
static bool
icu_range(Sink *sk, const uint8_t *s, uint32_t a, uint32_t b)
{
	size_t		n16 = 0;
	uint32_t	p;
	UErrorCode	status = U_ZERO_ERROR;
	int32_t		prev,
				next;

	if (a >= b)
		return true;
	if (!icu_ready())
		return false;

	/* UTF-8 to UTF-16, keeping the byte offset of every unit */
	if (sk->u16_cap < (size_t) (b - a) + 1)
	{
		size_t		cap = (size_t) (b - a) + 1;

		if (sk->u16)
		{
			tr_free(sk->u16);
			tr_free(sk->u16_off);
		}
		sk->u16 = tr_alloc_array(cap, sizeof(UChar));
		sk->u16_off = tr_alloc_array(cap, sizeof(uint32_t));
		sk->u16_cap = cap;
	}
	for (p = a; p < b;)
	{
		int			len;
		uint32_t	cp = utf8_decode(s + p, b - p, &len);

		if (cp >= 0x10000)
		{
			sk->u16[n16] = (UChar) (0xD7C0 + (cp >> 10));
			sk->u16_off[n16++] = p;
			sk->u16[n16] = (UChar) (0xDC00 | (cp & 0x3FF));
			sk->u16_off[n16++] = p;
		}
		else
		{
			sk->u16[n16] = (UChar) cp;
			sk->u16_off[n16++] = p;
		}
		p += (uint32_t) len;
	}
	sk->u16_off[n16] = b;

	ubrk_setText(word_bi, sk->u16, (int32_t) n16, &status);
	if (U_FAILURE(status))
		return false;

	prev = ubrk_first(word_bi);
	for (next = ubrk_next(word_bi); next != UBRK_DONE; prev = next, next = ubrk_next(word_bi))
	{
		int32_t		i;

		if (ubrk_getRuleStatus(word_bi) < UBRK_WORD_NONE_LIMIT)
		{
			/* spaces and punctuation: one token per non-space character */
			for (i = prev; i < next;)
			{
				UChar32		c;
				int32_t		j = i;

				U16_NEXT(sk->u16, j, next, c);
				if (!u_hasBinaryProperty(c, UCHAR_WHITE_SPACE) &&
					!u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
					emit_punct(sk, sk->u16_off[i], sk->u16_off[j], (uint32_t) c);
				i = j;
			}
			continue;
		}

		/* a word: pieces between apostrophes */
		for (i = prev; i < next;)
		{
			int32_t		j = i;
			UChar		nbuf[TOK_MAX];
			uint8_t		ubuf[TOK_MAX + HASH_PAD];
			int32_t		nlen;
			size_t		blen = 0;
			RawTok		rt;
			bool		too_long = false;

			if (is_word_apostrophe(sk->u16[i]))
			{
				emit_punct(sk, sk->u16_off[i], sk->u16_off[i + 1], '\'');
				i++;
				continue;
			}
			while (j < next && !is_word_apostrophe(sk->u16[j]))
				j++;

			status = U_ZERO_ERROR;
			if (j - i > TOK_MAX)
				too_long = true;
			else
			{
				nlen = unorm2_normalize(nfkc_cf, sk->u16 + i, j - i, nbuf, TOK_MAX, &status);
				if (status == U_BUFFER_OVERFLOW_ERROR)
					too_long = true;
				else if (U_FAILURE(status))
					return false;
				else
				{
					int32_t		k;

					for (k = 0; k < nlen && !too_long;)
					{
						UChar32		c;

						U16_NEXT(nbuf, k, nlen, c);
						if (c == 0x0451)	/* ё reads as е */
							c = 0x0435;
						if (blen + 4 > TOK_MAX)
							too_long = true;
						else
							blen += tr_utf8_put((char *) ubuf + blen, (uint32_t) c);
					}
				}
			}
			if (!too_long && blen == 0)
			{
				/* only default-ignorable characters: no token */
				i = j;
				continue;
			}
			rt.start = sk->u16_off[i];
			rt.end = sk->u16_off[j];
			rt.word = true;
			if (too_long)
			{
				rt.norm = NULL;
				rt.norm_len = 0;
				rt.hraw = 0;
			}
			else
			{
				rt.norm = ubuf;
				rt.norm_len = blen;
				rt.hraw = hash_bytes(ubuf, blen);
			}
			emit(sk, &rt);
			i = j;
		}
	}
	return true;
}

/*
 * Where the ICU stretch that starts at from (a white space or the start of
 * a block) ends: at a white-space character followed by FAST_RESUME bytes
 * that the fast scanner handles, or at b.
 */
static uint32_t
slow_end(const uint8_t *s, uint32_t from, uint32_t b)
{
	uint32_t	p = from;
	uint32_t	limit = (b - from > SLOW_MAX_BYTES) ? from + SLOW_MAX_BYTES : b;

	while (p < limit)
	{
		int			len;
		uint32_t	cp;
		int			cls = fast_class(s + p, b - p, &len, &cp);

		if (cls == C_SPACE && p > from)
		{
			uint32_t	q = p;
			bool		fast = true;

			while (q < b && q < p + FAST_RESUME)
			{
				int			l2;

				if (fast_class(s + q, b - q, &l2, &cp) == C_SLOW)
				{
					fast = false;
					break;
				}
				q += (uint32_t) l2;
			}
			if (fast)
				return p;
			p = q;				/* the slow character; go on from there */
			continue;
		}
		p += (uint32_t) len;
	}
	if (limit == b)
		return b;
	/* a very long stretch: end at its last white space, or anywhere */
	for (p = limit; p > from + SLOW_MAX_BYTES / 2; p--)
		if (s[p] < 0x80 && ascii_class[s[p]] == C_SPACE)
			return p;
	for (p = limit; p > from && (s[p] & 0xC0) == 0x80; p--)
		;
	return p > from ? p : b;
}

/* ---------------------------------------------------------------------
 * Block scanner: plain ASCII text 64 bytes at a time
 * ---------------------------------------------------------------------
 */
#if !(defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)
#define SCAN_BLOCK 1
#define SCAN_BYTES	64
#define SCAN_SLACK	8			/* a word's 8-byte load may pass the window */

/* One bit per byte of a 64-byte window (bit i: byte i). */
typedef struct ScanMasks
{
	uint64_t	word;			/* letter, digit, '_', '@' */
	uint64_t	space;			/* ASCII white space */
	uint64_t	high;			/* >= 0x80: the scalar path decides */
	uint64_t	join;			/* '.', ',', ';': may join two words */
} ScanMasks;

#ifdef __SSE2__
#include <emmintrin.h>

static inline TR_ALWAYS_INLINE void
scan_masks(const uint8_t *s, ScanMasks *m)
{
	m->word = m->space = m->high = m->join = 0;
	for (int k = 0; k < SCAN_BYTES; k += 16)
	{
		__m128i		v = _mm_loadu_si128((const __m128i *) (s + k));
		/* signed compares: bytes >= 0x80 are negative, in no range */
		__m128i		low = _mm_or_si128(v, _mm_set1_epi8(0x20));
		__m128i		alpha = _mm_and_si128(_mm_cmpgt_epi8(low, _mm_set1_epi8('a' - 1)),
										  _mm_cmplt_epi8(low, _mm_set1_epi8('z' + 1)));
		__m128i		digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
										  _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
		__m128i		word = _mm_or_si128(_mm_or_si128(alpha, digit),
										_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('_')),
													 _mm_cmpeq_epi8(v, _mm_set1_epi8('@'))));
		__m128i		space = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
										 _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x08)),
													   _mm_cmplt_epi8(v, _mm_set1_epi8(0x0E))));
		__m128i		join = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
										_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
													 _mm_cmpeq_epi8(v, _mm_set1_epi8(';'))));

		m->word |= (uint64_t) (uint16_t) _mm_movemask_epi8(word) << k;
		m->space |= (uint64_t) (uint16_t) _mm_movemask_epi8(space) << k;
		m->high |= (uint64_t) (uint16_t) _mm_movemask_epi8(v) << k;
		m->join |= (uint64_t) (uint16_t) _mm_movemask_epi8(join) << k;
	}
}
#else
/* the 0x80 flags of an 8-byte word's bytes as 8 bits (little-endian) */
static inline uint64_t
pack_flags(uint64_t v)
{
	return (((v >> 7) & ONES) * UINT64_C(0x0102040810204080)) >> 56;
}

/* portable: the same masks eight bytes at a time, as word_byte_mask */
static inline void
scan_masks(const uint8_t *s, ScanMasks *m)
{
	m->word = m->space = m->high = m->join = 0;
	for (int k = 0; k < SCAN_BYTES; k += 8)
	{
		uint64_t	w = load64(s + k);
		uint64_t	ascii = ~w & HIGHS;
		uint64_t	x = w & ~HIGHS;
		uint64_t	ctl = (x + ONES * (0x80 - 0x09)) & ~(x + ONES * (0x80 - 0x0E));
		uint64_t	space = (bytes_equal(x, ' ') | ctl) & HIGHS & ascii;
		uint64_t	join = (bytes_equal(x, '.') | bytes_equal(x, ',') |
							bytes_equal(x, ';')) & ascii;

		m->word |= pack_flags(word_byte_mask(w)) << k;
		m->space |= pack_flags(space) << k;
		m->high |= pack_flags(w & HIGHS) << k;
		m->join |= pack_flags(join) << k;
	}
}
#endif

/*
 * Tokenize from p (a token boundary) with one set of masks: every word and
 * ASCII mark of the window, as the scalar loop would, until the first
 * character it must look at itself (a byte >= 0x80, a word that may join
 * the next one, a lone '_', a character that needs ICU).  Returns where
 * to go on, with *scalar set when the scalar loop must take the token
 * there (else a new window starts there); last_space and mark as that
 * loop keeps them.
 */
static inline TR_ALWAYS_INLINE uint32_t
scan_block(Sink *sk, const uint8_t *s, uint32_t p, uint32_t b,
		   uint32_t *last_space, size_t *mark, bool *scalar)
{
	ScanMasks	m;
	uint32_t	lim = b - p < SCAN_BYTES ? b - p : SCAN_BYTES;
	uint64_t	valid = lim == 64 ? ~UINT64_C(0) : (UINT64_C(1) << lim) - 1;
	uint64_t	nonword;
	uint64_t	starts;
	uint64_t	bad_end;
	uint32_t	cur = 0;

	scan_masks(s + p, &m);
	nonword = ~m.word;
	/* where a token (or a character >= 0x80) starts; spaces in between */
	starts = ((m.word & ~(m.word << 1)) | (nonword & ~m.space)) & valid;
	/*
	 * Word ends the scalar loop must see: '.', ',' or ';' before a word
	 * byte (a join is possible) or at the window's end (unknown).
	 */
	bad_end = m.join & (((m.word | m.high) >> 1) | (UINT64_C(1) << 63));
	*scalar = false;
	while (starts != 0)
	{
		uint32_t	i = (uint32_t) __builtin_ctzll(starts);
		uint64_t	bit = starts & -starts;

		if (i != cur)
		{
			*last_space = p + i - 1;
			*mark = sink_mark(sk);
		}
		if (m.high & bit)
		{
			/* a fast non-ASCII space or mark, as the scalar loop takes it */
			int			len;
			uint32_t	cp;
			int			cls = fast_class(s + p + i, b - p - i, &len, &cp);

			if (cls == C_SLOW || i + (uint32_t) len > lim)
			{
				*scalar = true;
				return p + i;
			}
			if (cls == C_SPACE)
			{
				*last_space = p + i;
				*mark = sink_mark(sk);
			}
			else
				emit_punct(sk, p + i, p + i + (uint32_t) len, cp);
			cur = i + (uint32_t) len;
			starts &= ~UINT64_C(0) << 1 << (cur - 1);
			continue;
		}
		if (m.word & bit)
		{
			uint64_t	rest = nonword & ~(bit - 1);
			uint32_t	e;
			uint32_t	n;
			uint8_t		nbuf[TOK_MAX + HASH_PAD];
			RawTok		rt;

			e = rest ? (uint32_t) __builtin_ctzll(rest) : SCAN_BYTES;
			n = e - i;
			if (e >= lim)
			{
				/* a new window at the word, or the scalar loop for a long one */
				*scalar = i == 0;
				return p + i;
			}
			if ((bad_end >> e) & 1 || (n == 1 && s[p + i] == '_'))
			{
				*scalar = true;
				return p + i;
			}
			if ((m.high >> e) & 1)
			{
				int			len;
				uint32_t	cp;

				/* ends the word unless it needs ICU */
				if (fast_class(s + p + e, b - p - e, &len, &cp) == C_SLOW)
				{
					*scalar = true;
					return p + i;
				}
			}
			rt.start = p + i;
			rt.end = p + e;
			rt.word = true;
			rt.norm = nbuf;
			rt.norm_len = n;
			if (n <= 8)
			{
				/* fold and hash with one load, as fold_ascii and hash_bytes */
				uint64_t	w = load64(s + p + i);
				uint64_t	t1 = w + UINT64_C(0x3f3f3f3f3f3f3f3f);
				uint64_t	t2 = w + UINT64_C(0x2525252525252525);

				w = w | ((t1 & ~t2 & HIGHS) >> 2);
				if (n < 8)
					w = keep_bytes(w, n);
				memcpy(nbuf, &w, 8);
				rt.hraw = mix64(HASH_SEED ^ n, w);
			}
			else
			{
				fold_ascii(nbuf, s + p + i, n, (size_t) (sk->text_len - p - i));
				rt.hraw = hash_bytes(nbuf, n);
			}
			emit_fast_word(sk, &rt);
			cur = e;
			starts &= starts - 1;
			continue;
		}
		/* an ASCII mark: a token of its own, as in the scalar loop */
		emit_mark(sk, p + i, p + i + 1, s[p + i]);
		cur = i + 1;
		starts &= starts - 1;
	}
	if (cur < lim)
	{
		/* only white space is left */
		*last_space = p + lim - 1;
		*mark = sink_mark(sk);
	}
	return p + lim;
}
#endif

/*
 * Tokenize s[a, b).  a and b are places where UAX #29 always breaks (the
 * ends of the text, white space, or in a pathological text any character
 * boundary).  Returns false when ICU fails.
 */
static bool
tokenize_range(Sink *sk, const uint8_t *s, uint32_t a, uint32_t b, bool force_icu)
{
	uint32_t	p = a;
	uint32_t	last_space = a;		/* where an ICU stretch may start */
	size_t		mark = sink_mark(sk);

	if (force_icu)
	{
		while (p < b)
		{
			uint32_t	e = (b - p > SLOW_MAX_BYTES) ? slow_end(s, p, b) : b;

			if (!icu_range(sk, s, p, e))
				return false;
			p = e;
		}
		return true;
	}

	while (p < b)
	{
		int			len;
		uint32_t	cp;
		int			cls;

#ifdef SCAN_BLOCK
		if (p + SCAN_BYTES + SCAN_SLACK <= sk->text_len)
		{
			bool		scalar;
			uint32_t	np = scan_block(sk, s, p, b, &last_space, &mark, &scalar);

			p = np;
			if (!scalar)
				continue;
		}
#endif
		/* the usual cases first, without a jump table */
		if (s[p] == ' ')
		{
			last_space = p;
			mark = sink_mark(sk);
			p++;
			continue;
		}
		if (ascii_word[s[p]])
		{
			/* words are the usual case: no jump table */
			cls = C_LETTER;
			len = 1;
			cp = s[p];
			goto word;
		}
		cls = fast_class(s + p, b - p, &len, &cp);

		switch (cls)
		{
			case C_SPACE:
				last_space = p;
				mark = sink_mark(sk);
				p += (uint32_t) len;
				break;

			case C_LETTER:
			case C_DIGIT:
			case C_ENL:
		word:
				{
					uint8_t		nbuf[TOK_MAX + HASH_PAD];
					uint32_t	q = p + 1;
					size_t		n;
					bool		slow = false;
					RawTok		rt;

#if !(defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)

					/*
					 * Most words are shorter than eight bytes and end at a
					 * space or a punctuation mark that cannot join: one load
					 * finds the end, folds and hashes (as fold_ascii and
					 * hash_bytes would).
					 */
					if (p + 8 <= sk->text_len)
					{
						uint64_t	w = load64(s + p);
						uint64_t	nonword = ~word_byte_mask(w) & HIGHS;

						if (nonword != 0)
						{
							unsigned	len = first_flagged(nonword);
							uint8_t		c = s[p + len];

							if (p + len <= b && c < 0x80 &&
								ascii_class[c] != C_MIDNUMLET && ascii_class[c] != C_MIDNUM &&
								!(len == 1 && s[p] == '_'))
							{
								uint64_t	t1 = w + UINT64_C(0x3f3f3f3f3f3f3f3f);
								uint64_t	t2 = w + UINT64_C(0x2525252525252525);

								w = keep_bytes(w | ((t1 & ~t2 & HIGHS) >> 2), len);
								memcpy(nbuf, &w, 8);
								rt.start = p;
								rt.end = p + len;
								rt.word = true;
								rt.norm = nbuf;
								rt.norm_len = len;
								rt.hraw = mix64(HASH_SEED ^ len, w);
								emit_fast_word(sk, &rt);
								p += len;
								if (c == ' ')
								{
									/* the usual space after a word */
									last_space = p;
									mark = sk->mode == SINK_TAG ? sk->n_toks : sk->n_ctoks;
									p++;
								}
								break;
							}
						}
					}
#endif

					/*
					 * UAX #29 WB5-WB13b restricted to these classes: letters,
					 * digits and '_' always join; a middle character joins
					 * when the same kind (letter or digit) is on both sides.
					 */
					for (;;)
					{
						int			c1,
									c2;

						while (q + 8 <= sk->text_len)
						{
							uint64_t	nonword = ~word_byte_mask(load64(s + q)) & HIGHS;

							if (nonword != 0)
							{
								q += first_flagged(nonword);
								break;
							}
							q += 8;
						}
						while (q < b && ascii_word[s[q]])
							q++;
						if (q >= b)
						{
							q = b;
							break;
						}
						if (s[q] >= 0x80)
						{
							int			l2;
							uint32_t	cp2;

							if (fast_class(s + q, b - q, &l2, &cp2) == C_SLOW)
								slow = true;
							break;
						}
						c1 = ascii_class[s[q]];
						if (!(c1 == C_MIDNUMLET || c1 == C_MIDNUM) || q + 1 >= b)
							break;
						if (s[q + 1] >= 0x80)
						{
							int			l2;
							uint32_t	cp2;

							if (fast_class(s + q + 1, b - q - 1, &l2, &cp2) == C_SLOW)
								slow = true;
							break;
						}
						c2 = ascii_class[s[q + 1]];
						if (c2 != ascii_class[s[q - 1]] ||
							!(c2 == C_DIGIT || (c2 == C_LETTER && c1 == C_MIDNUMLET)))
							break;
						q += 2;
					}
					if (slow)
					{
						sink_reset(sk, mark);
						p = last_space;
						goto slow_path;
					}
					if (q == p + 1 && s[p] == '_')
					{
						/* a lone ExtendNumLet is no word for ICU */
						emit_punct(sk, p, q, '_');
						p = q;
						break;
					}
					n = q - p;
					rt.start = p;
					rt.end = q;
					rt.word = true;
					if (n > TOK_MAX)
					{
						rt.norm = NULL;
						rt.norm_len = 0;
						rt.hraw = 0;
					}
					else
					{
						fold_ascii(nbuf, s + p, n, (size_t) (sk->text_len - p));
						rt.norm = nbuf;
						rt.norm_len = n;
						rt.hraw = hash_bytes(nbuf, n);
					}
					emit_fast_word(sk, &rt);
					p = q;
				}
				break;

			case C_SLOW:
				sink_reset(sk, mark);
				p = last_space;
				goto slow_path;

			case C_APOS:
			case C_MIDLETTER:
			case C_MIDNUMLET:
			case C_MIDNUM:
			case C_PUNCT:
				emit_mark(sk, p, p + (uint32_t) len, cp);
				p += (uint32_t) len;
				break;
		}
		continue;

slow_path:
		{
			uint32_t	e = slow_end(s, p, b);

			if (!icu_range(sk, s, p, e))
				return false;
			p = e;
			last_space = e;
			mark = sink_mark(sk);
		}
	}
	return true;
}

/*
 * The end of the block that starts at a: about BLOCK_BYTES on, moved back
 * to just before a white-space character.
 */
static uint32_t
block_end(const uint8_t *s, uint32_t a, uint32_t len)
{
	uint32_t	e,
				p;

	if (len - a <= BLOCK_BYTES)
		return len;
	e = a + BLOCK_BYTES;
	for (p = e; p > a + BLOCK_BYTES / 2; p--)
		if (s[p] < 0x80 && ascii_class[s[p]] == C_SPACE)
			return p;
	/* no ASCII white space: let the slow path find its own end */
	return slow_end(s, a, len);
}

static void
sink_free(Sink *sk)
{
	if (sk->toks)
		tr_free(sk->toks);
	if (sk->ctoks)
		tr_free(sk->ctoks);
	if (sk->buf)
		tr_free(sk->buf);
	if (sk->u16)
		tr_free(sk->u16);
	if (sk->u16_off)
		tr_free(sk->u16_off);
	memset(sk, 0, sizeof(*sk));
}

/* Tokenize a whole (short) string into collected tokens. */
static bool
collect_tokens(Sink *sk, const uint8_t *s, uint32_t len, bool force_icu)
{
	uint32_t	a = 0;

	memset(sk, 0, sizeof(*sk));
	sk->mode = SINK_COLLECT;
	sk->text = s;
	sk->text_len = len;
	init_tables();
	while (a < len)
	{
		uint32_t	e = block_end(s, a, len);

		if (!tokenize_range(sk, s, a, e, force_icu))
			return false;
		a = e;
	}
	return true;
}

/* ---------------------------------------------------------------------
 * Term checks
 * ---------------------------------------------------------------------
 */
static bool
valid_utf8_no_controls(const uint8_t *s, size_t n, bool *control)
{
	*control = false;
	for (size_t i = 0; i < n;)
	{
		int			len;
		uint32_t	c = utf8_decode(s + i, n - i, &len);

		if (c == 0xFFFD && !(len == 3 && s[i] == 0xEF))
			return false;
		if ((c < 0x20 && !(c >= 0x09 && c <= 0x0D)) || (c >= 0x7F && c < 0xA0))
			*control = true;
		i += (size_t) len;
	}
	return true;
}

static TrTermStatus
check_topic(const char *topic, size_t len)
{
	bool		control;
	bool		blank = true;

	if (len == 0 || len > TR_TOPIC_MAX_BYTES)
		return TR_TERM_BAD_TOPIC;
	if (!valid_utf8_no_controls((const uint8_t *) topic, len, &control) || control)
		return TR_TERM_BAD_TOPIC;
	for (size_t i = 0; i < len; i++)
		if ((uint8_t) topic[i] < 0x20)
			return TR_TERM_BAD_TOPIC;
	for (size_t i = 0; i < len; i++)
		if (!(topic[i] == ' ' || (topic[i] >= 0x09 && topic[i] <= 0x0D)))
			blank = false;
	return blank ? TR_TERM_BAD_TOPIC : TR_TERM_OK;
}

/* Check a term and cut it into collected tokens (sk, on TR_TERM_OK). */
static TrTermStatus
term_tokens(const char *term, size_t len, unsigned flags, Sink *sk)
{
	bool		control;
	bool		any_word = false;

	memset(sk, 0, sizeof(*sk));
	if ((flags & TR_TERM_CASE_SENSITIVE) && (flags & TR_TERM_INFLECT))
		return TR_TERM_CASE_INFLECT;
	if (len > TR_TERM_MAX_BYTES)
		return TR_TERM_TOO_LONG;
	if (!valid_utf8_no_controls((const uint8_t *) term, len, &control))
		return TR_TERM_BAD_UTF8;
	if (control)
		return TR_TERM_CONTROL;
	if (!collect_tokens(sk, (const uint8_t *) term, (uint32_t) len, false))
	{
		sink_free(sk);
		return TR_TERM_ICU;
	}
	if (sk->n_ctoks == 0)
	{
		sink_free(sk);
		return TR_TERM_EMPTY;
	}
	if (sk->n_ctoks > TR_TERM_MAX_TOKENS)
	{
		sink_free(sk);
		return TR_TERM_TOO_MANY_TOKENS;
	}
	for (size_t i = 0; i < sk->n_ctoks; i++)
	{
		if (sk->ctoks[i].norm_off == UINT32_MAX)
		{
			sink_free(sk);
			return TR_TERM_TOO_LONG;
		}
		if (sk->ctoks[i].word)
			any_word = true;
	}
	if (!any_word)
	{
		sink_free(sk);
		return TR_TERM_NO_WORD;
	}
	return TR_TERM_OK;
}

TrTermStatus
tr_term_check(const char *topic, size_t topic_len, const char *term,
			  size_t term_len, unsigned flags)
{
	TrTermStatus st;
	Sink		sk;

	st = check_topic(topic, topic_len);
	if (st != TR_TERM_OK)
		return st;
	st = term_tokens(term, term_len, flags, &sk);
	if (st == TR_TERM_OK)
		sink_free(&sk);
	return st;
}

const char *
tr_term_status_message(TrTermStatus status)
{
	switch (status)
	{
		case TR_TERM_OK:
			return "topic term is valid";
		case TR_TERM_EMPTY:
			return "topic term is empty";
		case TR_TERM_NO_WORD:
			return "topic term contains no word";
		case TR_TERM_TOO_LONG:
			return "topic term is too long";
		case TR_TERM_TOO_MANY_TOKENS:
			return "topic term has too many words";
		case TR_TERM_BAD_UTF8:
			return "topic term is not valid UTF-8";
		case TR_TERM_CONTROL:
			return "topic term contains a control character";
		case TR_TERM_CASE_INFLECT:
			return "topic term cannot be both case-sensitive and inflected";
		case TR_TERM_BAD_TOPIC:
			return "topic name is empty, too long or contains a control character";
		case TR_TERM_ICU:
			return "could not cut topic term into words";
	}
	return "unknown topic term status";
}

const char *
tr_term_status_detail(TrTermStatus status)
{
	switch (status)
	{
		case TR_TERM_OK:
			return "";
		case TR_TERM_EMPTY:
			return "A term needs at least one word.";
		case TR_TERM_NO_WORD:
			return "A term made only of punctuation would match punctuation alone.";
		case TR_TERM_TOO_LONG:
			return "A term may have at most 256 bytes.";
		case TR_TERM_TOO_MANY_TOKENS:
			return "A term may have at most 16 words and punctuation marks.";
		case TR_TERM_BAD_UTF8:
			return "Terms are UTF-8 text.";
		case TR_TERM_CONTROL:
			return "Only letters, digits, punctuation and white space can match.";
		case TR_TERM_CASE_INFLECT:
			return "Inflected forms are found through case-folded stems, so the spelling of an inflected form cannot be checked.";
		case TR_TERM_BAD_TOPIC:
			return "A topic name has 1 to 128 bytes and no control characters.";
		case TR_TERM_ICU:
			return "The ICU word-break iterator or normalizer could not be opened.";
	}
	return "";
}

/* ---------------------------------------------------------------------
 * Compile
 * ---------------------------------------------------------------------
 */
static uint32_t
add_string(TrTagger *t, const void *s, size_t len)
{
	size_t		off = t->strings_len;

	while (t->strings_len + len + 1 > t->strings_cap)
		tr_grow((void **) &t->strings, 1, t->strings_cap, &t->strings_cap);
	if (len > 0)
		memcpy(t->strings + off, s, len);
	t->strings[off + len] = '\0';
	t->strings_len += len + 1;
	if (t->strings_len > UINT32_MAX)
		tr_hooks.fail("topic dictionary too large");
	return (uint32_t) off;
}

static void
sym_table_resize(TrTagger *t, size_t nslots)
{
	if (t->slots)
		tr_free(t->slots);
	t->slots = tr_alloc_array(nslots, sizeof(uint32_t));
	t->slot_mask = nslots - 1;
	for (size_t i = 0; i < t->n_syms; i++)
	{
		size_t		j = t->syms[i].hash & t->slot_mask;

		while (t->slots[j] != 0)
			j = (j + 1) & t->slot_mask;
		t->slots[j] = (uint32_t) i + 1;
	}
}

/*
 * The compile table's slot for key[0, len) of kind: where its symbol + 1
 * is, or the empty slot where it would go.
 */
static size_t
sym_slot(const TrTagger *t, unsigned kind, const uint8_t *key, size_t len, uint64_t *hash)
{
	uint8_t		kb[TOK_MAX + HASH_PAD];
	uint64_t	h;
	size_t		i;

	memcpy(kb, key, len);
	h = hash_final(hash_bytes(kb, len), kind);
	*hash = h;
	for (i = h & t->slot_mask; t->slots[i] != 0; i = (i + 1) & t->slot_mask)
	{
		const Sym  *sym = &t->syms[t->slots[i] - 1];

		if (sym->hash == h && sym_key_equal(t->strings, sym, key, len))
			break;
	}
	return i;
}

/* The symbol of kind for key[0, len), added if new (*added says which). */
static uint32_t
sym_get_or_add(TrTagger *t, unsigned kind, const uint8_t *key, size_t len, bool *added)
{
	uint64_t	h;
	size_t		i = sym_slot(t, kind, key, len, &h);
	Sym		   *sym;

	*added = t->slots[i] == 0;
	if (!*added)
		return t->slots[i] - 1;
	if (t->n_syms >= t->syms_cap)
		tr_grow((void **) &t->syms, sizeof(Sym), t->n_syms, &t->syms_cap);
	sym = &t->syms[t->n_syms];
	memset(sym, 0, sizeof(Sym));
	sym->hash = h;
	sym->key_off = add_string(t, key, len);
	sym->key_len = (uint16_t) len;
	memcpy(sym->head, key, len < SYM_HEAD ? len : SYM_HEAD);
	sym->root_child = 0;
	sym->kind = (uint8_t) kind;
	if (kind == KIND_STEM)
		t->has_stems = true;
	t->slots[i] = (uint32_t) t->n_syms + 1;
	t->n_syms++;
	if (t->n_syms * 2 > t->slot_mask + 1)
		sym_table_resize(t, (t->slot_mask + 1) * 2);
	return (uint32_t) t->n_syms - 1;
}

/* Add w[0, n) as an EXACT key if its English stem is s[0, sl). */
static void
add_form(TrTagger *t, const uint8_t *w, size_t n, const uint8_t *s, size_t sl)
{
	uint8_t		back[TOK_MAX + 8];
	bool		added;

	if (stem_english(w, n, back) != sl || memcmp(back, s, sl) != 0)
		return;
	(void) sym_get_or_add(t, KIND_EXACT, w, n, &added);
	if (added)
		t->syms[t->n_syms - 1].form_only = true;
}

/*
 * Every word whose English stem is the STEM symbol stem, as an EXACT key
 * (form_only when it is no symbol already), so that tagging finds a
 * word's stem with the one lookup it makes anyway.  Reading
 * stem_english() backwards, such a word is the stem, then 'e' or the
 * stem's last letter doubled or nothing, then -ing, -ed or nothing, then
 * -s or nothing; or, for a stem ending in 'y', the -ies plural.  Each
 * candidate is kept only if it stems back to the stem.
 */
static void
add_inflected_forms(TrTagger *t, uint32_t stem)
{
	static const char *const ends[] = {"", "ing", "ed"};
	uint8_t		s[TOK_MAX + 8];
	uint8_t		w[TOK_MAX + 8];
	size_t		sl = t->syms[stem].key_len;

	if (sl + 6 > TOK_MAX)
		return;
	memcpy(s, t->strings + t->syms[stem].key_off, sl);
	for (int mid = 0; mid < 3; mid++)
		for (int e = 0; e < 3; e++)
			for (int plural = 0; plural < 2; plural++)
			{
				size_t		n = sl;

				if (mid == 2 && e == 0)
					continue;	/* a doubled letter only before -ing, -ed */
				memcpy(w, s, sl);
				if (mid == 1)
					w[n++] = 'e';
				else if (mid == 2)
				{
					w[n] = w[n - 1];
					n++;
				}
				memcpy(w + n, ends[e], strlen(ends[e]));
				n += strlen(ends[e]);
				if (plural)
					w[n++] = 's';
				add_form(t, w, n, s, sl);
			}
	if (sl >= 3 && s[sl - 1] == 'y')
	{
		memcpy(w, s, sl - 1);
		memcpy(w + sl - 1, "ies", 3);
		add_form(t, w, sl + 2, s, sl);
	}
}

static uint32_t
new_node(TrTagger *t)
{
	if (t->n_nodes >= t->nodes_cap)
		tr_grow((void **) &t->nodes, sizeof(Node), t->n_nodes, &t->nodes_cap);
	memset(&t->nodes[t->n_nodes], 0, sizeof(Node));
	if (t->n_nodes >= UINT32_MAX - 1)
		tr_hooks.fail("topic dictionary too large");
	return (uint32_t) t->n_nodes++;
}

static void
edge_table_resize(TrTagger *t, size_t nslots)
{
	Edge	   *old = t->edges;
	size_t		oldn = t->edges ? t->edge_mask + 1 : 0;

	t->edges = tr_alloc_array(nslots, sizeof(Edge));
	t->edge_mask = nslots - 1;
	for (size_t i = 0; i < oldn; i++)
	{
		size_t		j;

		if (old[i].node == 0)
			continue;
		j = edge_hash(old[i].node - 1, old[i].sym) & t->edge_mask;
		while (t->edges[j].node != 0)
			j = (j + 1) & t->edge_mask;
		t->edges[j] = old[i];
	}
	if (old)
		tr_free(old);
}

static uint32_t
child_get_or_add(TrTagger *t, uint32_t node, uint32_t sym)
{
	size_t		i;
	uint32_t	child;

	if (node == 0)
	{
		if (t->syms[sym].root_child == 0)
		{
			child = new_node(t);
			t->syms[sym].root_child = child;
			t->nodes[0].n_child++;
		}
		return t->syms[sym].root_child;
	}
	for (i = edge_hash(node, sym) & t->edge_mask;; i = (i + 1) & t->edge_mask)
	{
		Edge	   *e = &t->edges[i];

		if (e->node == 0)
			break;
		if (e->node == node + 1 && e->sym == sym)
			return e->child;
	}
	child = new_node(t);
	t->edges[i].node = node + 1;
	t->edges[i].sym = sym;
	t->edges[i].child = child;
	t->nodes[node].n_child++;
	t->n_edges++;
	if (t->n_edges * 2 > t->edge_mask + 1)
		edge_table_resize(t, (t->edge_mask + 1) * 2);
	return child;
}

typedef struct TopicSort
{
	const char *s;
	size_t		len;
	size_t		idx;
} TopicSort;

/*
 * The root fields of an EXACT key's slot: what emit_tag() and
 * match_tokens() would work out from root_of[] and the nodes.
 */
static void
slot_set_root(const TrTagger *t, SymSlot *e, const Sym *sym, uint32_t stem1)
{
	uint32_t	re = sym->form_only ? 0 : sym->root_child;
	uint32_t	rs = stem1 != 0 ? t->syms[stem1 - 1].root_child : 0;
	const Node *nd;

	if (re == 0 && rs == 0)
		return;
	e->flags |= SLOT_ROOT;
	e->root1 = re != 0 && rs != 0 ? 0 : re | rs;
	nd = &t->nodes[e->root1];
	/* several terms, or a case-sensitive one: match_at() checks them */
	if (e->root1 == 0 || nd->out_n > 1 ||
		(t->has_stems &&
		 stem_script((const uint8_t *) t->strings + sym->key_off, sym->key_len) == SCRIPT_CYRILLIC))
		return;
	e->flags |= SLOT_ALONE;
	if (nd->n_child == 0)
		e->flags |= SLOT_LEAF;
	e->alone_topic1 = nd->out_n == 1 ? nd->topic + 1 : 0;
}

static int
topic_cmp(const void *a, const void *b)
{
	const TopicSort *x = a;
	const TopicSort *y = b;
	size_t		n = x->len < y->len ? x->len : y->len;
	int			c = memcmp(x->s, y->s, n);

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

typedef struct OutPair
{
	uint32_t	node;
	uint32_t	term;
} OutPair;

static int
outpair_cmp(const void *a, const void *b)
{
	const OutPair *x = a;
	const OutPair *y = b;

	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	return x->term < y->term ? -1 : (x->term > y->term);
}

TrTermStatus
tr_tagger_compile(const TrTermDef *defs, size_t n, TrTagger **out,
				  size_t *bad_index)
{
	TrTagger   *t;
	TopicSort  *ts;
	OutPair    *pairs;
	uint32_t   *term_topic;
	uint32_t   *stem1;
	size_t		n_stemmed;
	size_t		n_bits;
	size_t		i;

	*out = NULL;
	*bad_index = 0;
	if (n > UINT32_MAX / 2)
		tr_hooks.fail("topic dictionary too large");
	init_tables();

	t = tr_alloc_array(1, sizeof(TrTagger));
	t->n_terms = (uint32_t) n;
	t->terms = tr_alloc_array(n ? n : 1, sizeof(Term));
	sym_table_resize(t, 64);
	edge_table_resize(t, 64);
	new_node(t);				/* the root */

	/* topics: ids in byte order of names */
	ts = tr_alloc_array(n ? n : 1, sizeof(TopicSort));
	term_topic = tr_alloc_array(n ? n : 1, sizeof(uint32_t));
	for (i = 0; i < n; i++)
	{
		TrTermStatus st = check_topic(defs[i].topic, defs[i].topic_len);

		if (st != TR_TERM_OK)
		{
			tr_free(ts);
			tr_free(term_topic);
			tr_tagger_free(t);
			*bad_index = i;
			return st;
		}
		ts[i].s = defs[i].topic;
		ts[i].len = defs[i].topic_len;
		ts[i].idx = i;
	}
	qsort(ts, n, sizeof(TopicSort), topic_cmp);
	t->topic_off = tr_alloc_array(n ? n : 1, sizeof(uint32_t));
	t->topic_len = tr_alloc_array(n ? n : 1, sizeof(uint32_t));
	for (i = 0; i < n; i++)
	{
		if (i == 0 || ts[i].len != ts[i - 1].len ||
			memcmp(ts[i].s, ts[i - 1].s, ts[i].len) != 0)
		{
			t->topic_off[t->n_topics] = add_string(t, ts[i].s, ts[i].len);
			t->topic_len[t->n_topics] = (uint32_t) ts[i].len;
			t->n_topics++;
		}
		term_topic[ts[i].idx] = t->n_topics - 1;
	}
	tr_free(ts);

	pairs = tr_alloc_array(n ? n : 1, sizeof(OutPair));
	for (i = 0; i < n; i++)
	{
		const TrTermDef *d = &defs[i];
		Term	   *term = &t->terms[i];
		TrTermStatus st;
		Sink		sk;
		uint32_t	node = 0;
		bool		inflect = (d->flags & TR_TERM_INFLECT) != 0;
		bool		cs = (d->flags & TR_TERM_CASE_SENSITIVE) != 0;

		if (i % 256 == 255)
			tr_check_interrupts();
		st = term_tokens(d->term, d->term_len, d->flags, &sk);
		if (st != TR_TERM_OK)
		{
			tr_free(pairs);
			tr_free(term_topic);
			tr_tagger_free(t);
			*bad_index = i;
			return st;
		}
		term->topic = term_topic[i];
		term->flags = d->flags;
		term->str_off = add_string(t, d->term, d->term_len);
		term->str_len = (uint32_t) d->term_len;
		term->n_tok = (uint32_t) sk.n_ctoks;
		term->cs_off = 0;
		if (cs)
		{
			/* spelled tokens: a length byte pair then the bytes, words only */
			term->cs_off = (uint32_t) t->strings_len;
			for (size_t k = 0; k < sk.n_ctoks; k++)
			{
				const CollectedTok *ct = &sk.ctoks[k];
				uint32_t	l = ct->word ? ct->end - ct->start : 0;
				uint8_t		lb[2] = {(uint8_t) (l >> 8), (uint8_t) (l & 0xFF)};

				(void) add_string(t, lb, 2);
				t->strings_len--;	/* drop the terminator: packed */
				(void) add_string(t, d->term + ct->start, l);
				t->strings_len--;
			}
			(void) add_string(t, "", 0);
		}
		for (size_t k = 0; k < sk.n_ctoks; k++)
		{
			const CollectedTok *ct = &sk.ctoks[k];
			const uint8_t *key = sk.buf + ct->norm_off;
			size_t		klen = ct->norm_len;
			unsigned	kind = KIND_EXACT;
			uint8_t		sbuf[TOK_MAX];
			uint32_t	sym;
			bool		added;

			if (inflect && ct->word)
			{
				StemScript sc = stem_script(key, klen);

				if (sc == SCRIPT_LATIN)
				{
					klen = stem_english(key, klen, sbuf);
					key = sbuf;
					kind = KIND_STEM;
				}
				else if (sc == SCRIPT_CYRILLIC)
				{
					size_t		lens[1];

					(void) stems_russian(key, klen, false, lens, 1);
					klen = lens[0];
					kind = KIND_STEM;
				}
			}
			sym = sym_get_or_add(t, kind, key, klen, &added);
			node = child_get_or_add(t, node, sym);
		}
		if (sk.n_ctoks > t->max_depth)
			t->max_depth = (uint32_t) sk.n_ctoks;
		pairs[i].node = node;
		pairs[i].term = (uint32_t) i;
		sink_free(&sk);
	}
	tr_free(term_topic);

	/* outputs, grouped by node, in term order */
	qsort(pairs, n, sizeof(OutPair), outpair_cmp);
	t->outs = tr_alloc_array(n ? n : 1, sizeof(uint32_t));
	for (i = 0; i < n; i++)
	{
		Node	   *nd = &t->nodes[pairs[i].node];
		const Term *term = &t->terms[pairs[i].term];

		if (nd->out_n == 0)
			nd->out_off = (uint32_t) i;
		nd->out_n++;
		if (term->flags & TR_TERM_CASE_SENSITIVE)
			nd->out_n |= NODE_CS;
		nd->topic = term->topic;
		t->outs[i] = pairs[i].term;
	}
	tr_free(pairs);
	/* most nodes end one term: keep it in the node, not behind out_off */
	for (i = 0; i < t->n_nodes; i++)
		if ((t->nodes[i].out_n & ~NODE_CS) == 1)
			t->nodes[i].out_off = t->outs[t->nodes[i].out_off];

	/* the inflected forms of Latin stems (the loop adds symbols) */
	n_stemmed = t->n_syms;
	for (i = 0; i < n_stemmed; i++)
	{
		if (i % 256 == 255)
			tr_check_interrupts();
		if (t->syms[i].kind == KIND_STEM &&
			stem_script((const uint8_t *) t->strings + t->syms[i].key_off,
						t->syms[i].key_len) == SCRIPT_LATIN)
			add_inflected_forms(t, (uint32_t) i);
	}

	/* each EXACT Latin key's STEM symbol + 1, as emit_tag() would find it */
	stem1 = tr_alloc_array(t->n_syms ? t->n_syms : 1, sizeof(uint32_t));
	for (i = 0; i < t->n_syms; i++)
	{
		const Sym  *sym = &t->syms[i];
		uint8_t		sb[TOK_MAX + HASH_PAD];
		size_t		sl;
		uint64_t	h;
		size_t		j;

		if (sym->kind != KIND_EXACT ||
			stem_script((const uint8_t *) t->strings + sym->key_off, sym->key_len) != SCRIPT_LATIN)
			continue;
		sl = stem_english((const uint8_t *) t->strings + sym->key_off, sym->key_len, sb);
		j = sym_slot(t, KIND_STEM, sb, sl, &h);
		stem1[i] = t->slots[j];
	}

	/* the tables tagging reads, compact */
	t->root_of = tr_alloc_array(t->n_syms ? t->n_syms : 1, sizeof(uint32_t));
	for (n_bits = 16; n_bits * 3 < t->n_syms * 4; n_bits *= 2)
		;
	t->lookup = tr_alloc_array(n_bits, sizeof(SymSlot));
	t->lookup_mask = n_bits - 1;
	for (i = 0; i < t->n_syms; i++)
	{
		const Sym  *sym = &t->syms[i];
		size_t		j = sym->hash & t->lookup_mask;
		SymSlot    *e;

		t->root_of[i] = sym->root_child;
		while (t->lookup[j].id1 != 0)
			j = (j + 1) & t->lookup_mask;
		e = &t->lookup[j];
		e->id1 = (uint32_t) i + 1;
		e->stem1 = stem1[i];
		e->key_len = sym->key_len;
		e->kind = sym->kind;
		memcpy(e->head, t->strings + sym->key_off, sym->key_len < sizeof(e->head) ? sym->key_len : sizeof(e->head));
		if (sym->form_only)
			e->flags |= SLOT_FORM_ONLY;
		if (sym->kind == KIND_EXACT)
			slot_set_root(t, e, sym, stem1[i]);
	}
	tr_free(t->slots);
	t->slots = NULL;

	/*
	 * The filters: 32 to 64 bits per symbol, at least 4096.  A key starts
	 * a term if its symbol or its stem does.
	 */
	for (n_bits = 4096; n_bits < t->n_syms * 32; n_bits *= 2)
		;
	t->filter_mem = tr_alloc_array(n_bits / 64 * 2 + 8, sizeof(uint64_t));
	/* a pair of words never straddles a cache line */
	t->filter = t->filter_mem + ((16 - ((uintptr_t) t->filter_mem & 15)) & 15) / 8;
	t->filter_root = t->filter + 1;
	t->filter_mask = n_bits / 64 - 1;
	for (i = 0; i < t->n_syms; i++)
	{
		uint64_t	h = t->syms[i].hash;
		uint64_t	w = 2 * ((h >> 26) & t->filter_mask);
		uint64_t	bit = UINT64_C(1) << ((h >> 20) & 63);

		t->filter[w] |= bit;
		if (t->syms[i].root_child != 0 ||
			(stem1[i] != 0 && t->syms[stem1[i] - 1].root_child != 0))
			t->filter[w + 1] |= bit;
	}
	tr_free(stem1);
	*out = t;
	return TR_TERM_OK;
}

void
tr_tagger_free(TrTagger *t)
{
	if (t == NULL)
		return;
	if (t->strings)
		tr_free(t->strings);
	if (t->syms)
		tr_free(t->syms);
	if (t->slots)
		tr_free(t->slots);
	if (t->lookup)
		tr_free(t->lookup);
	if (t->root_of)
		tr_free(t->root_of);
	if (t->filter_mem)
		tr_free(t->filter_mem);
	if (t->nodes)
		tr_free(t->nodes);
	if (t->edges)
		tr_free(t->edges);
	if (t->outs)
		tr_free(t->outs);
	if (t->terms)
		tr_free(t->terms);
	if (t->topic_off)
		tr_free(t->topic_off);
	if (t->topic_len)
		tr_free(t->topic_len);
	tr_free(t);
}

uint32_t
tr_tagger_n_topics(const TrTagger *t)
{
	return t->n_topics;
}

uint32_t
tr_tagger_n_terms(const TrTagger *t)
{
	return t->n_terms;
}

const char *
tr_tagger_topic(const TrTagger *t, uint32_t topic, size_t *len)
{
	*len = t->topic_len[topic];
	return t->strings + t->topic_off[topic];
}

const char *
tr_tagger_term(const TrTagger *t, uint32_t term, size_t *len)
{
	*len = t->terms[term].str_len;
	return t->strings + t->terms[term].str_off;
}

/* ---------------------------------------------------------------------
 * Matching
 * ---------------------------------------------------------------------
 */

/* Does a case-sensitive term's spelling match the text tokens from i? */
static bool
spelling_matches(const TrTagger *t, const Term *term, const uint8_t *text,
				 const Tok *toks, size_t i)
{
	const uint8_t *p = (const uint8_t *) t->strings + term->cs_off;

	for (uint32_t k = 0; k < term->n_tok; k++)
	{
		uint32_t	l = ((uint32_t) p[0] << 8) | p[1];
		const Tok  *tok = &toks[i + k];

		p += 2;
		if (l > 0 && (tok->end - tok->start != l ||
					  memcmp(text + tok->start, p, l) != 0))
			return false;
		p += l;
	}
	return true;
}

typedef struct Frame
{
	uint32_t	node;
	uint32_t	depth;
} Frame;

#define MAX_TERMINALS	1024	/* terms reported on one span (one per topic) */

/* a term that matches, and its topic */
typedef struct Found
{
	uint32_t	term;
	uint32_t	topic;
} Found;

/*
 * The longest match starting at token i: its length in tokens (0: none),
 * and the terms that match at that length in terms[], n_terms.
 */
static uint32_t
match_at(const TrTagger *t, const uint8_t *text, const Tok *toks, size_t n,
		 size_t i, Found *terms, uint32_t *n_terms)
{
	Frame		stack[TR_TERM_MAX_TOKENS * (MAX_STEMS + 1) + 1];
	int			sp = 0;
	uint32_t	best = 0;

	*n_terms = 0;
	/* the root ends no term: start from its one child when known */
	stack[sp].node = toks[i].root1;
	stack[sp].depth = toks[i].root1 != 0;
	sp++;
	while (sp > 0)
	{
		Frame		f = stack[--sp];
		const Node *nd = &t->nodes[f.node];
		const Tok  *tok;

		if (nd->out_n == 1 && f.depth >= best)
		{
			/* the usual node: one term, not case-sensitive, all in the node */
			if (f.depth > best)
			{
				best = f.depth;
				*n_terms = 0;
			}
			if (*n_terms < MAX_TERMINALS)
			{
				terms[*n_terms].term = nd->out_off;
				terms[*n_terms].topic = nd->topic;
				(*n_terms)++;
			}
		}
		else if (nd->out_n > 0 && f.depth >= best)
		{
			uint32_t	out_n = nd->out_n & ~NODE_CS;

			for (uint32_t k = 0; k < out_n; k++)
			{
				uint32_t	ti = out_n == 1 ? nd->out_off : t->outs[nd->out_off + k];
				const Term *term = &t->terms[ti];

				if ((term->flags & TR_TERM_CASE_SENSITIVE) &&
					!spelling_matches(t, term, text, toks, i))
					continue;
				if (f.depth > best)
				{
					best = f.depth;
					*n_terms = 0;
				}
				if (*n_terms < MAX_TERMINALS)
				{
					terms[*n_terms].term = ti;
					terms[*n_terms].topic = term->topic;
					(*n_terms)++;
				}
			}
		}
		if (nd->n_child == 0 || i + f.depth >= n)
			continue;
		tok = &toks[i + f.depth];
		if (tok->flags & TOK_BARRIER)
			continue;
		if (tok->exact != NO_SYM)
		{
			uint32_t	c = edge_lookup(t, f.node, (uint32_t) tok->exact);

			if (c != 0)
			{
				stack[sp].node = c;
				stack[sp].depth = f.depth + 1;
				sp++;
			}
		}
		for (int k = 0; k < tok->nstem; k++)
		{
			uint32_t	c = edge_lookup(t, f.node, (uint32_t) tok->stem[k]);

			if (c != 0)
			{
				stack[sp].node = c;
				stack[sp].depth = f.depth + 1;
				sp++;
			}
		}
	}
	return best;
}

/*
 * Match the queued tokens from *pos; when not final, stop where a match
 * could need tokens not queued yet.  The hits go to out, or with seen,
 * only their topics to seen[topic] (topics(): no list to build).
 */
static void
match_tokens(const TrTagger *t, const uint8_t *text, const Tok *toks, size_t n,
			 size_t *pos, bool final, TrHitList *out, bool *seen)
{
	size_t		i = *pos;
	size_t		limit;
	Found		terms[MAX_TERMINALS];

	if (final)
		limit = n;
	else if (n >= t->max_depth)
		limit = n - t->max_depth + 1;
	else
		limit = 0;

	while (i < limit)
	{
		uint32_t	n_terms;
		uint32_t	depth;
		uint32_t	k;
		bool		barrier_next;

		if (!(toks[i].flags & TOK_ROOT))
		{
			i++;
			continue;
		}
		barrier_next = i + 1 >= n || (toks[i + 1].flags & TOK_BARRIER);
		if (seen && (toks[i].flags & TOK_ALONE) && ((toks[i].flags & TOK_LEAF) || barrier_next))
		{
			/* topics(): as below, with what the slot said */
			if (toks[i].alone_topic1 != 0)
				seen[toks[i].alone_topic1 - 1] = true;
			i++;
			continue;
		}
		if (toks[i].root1 != 0)
		{
			/*
			 * The usual hit: a word that is a whole term and starts no
			 * longer one here, as it starts none or a barrier follows
			 * (match_at would find the same, with more work).
			 */
			const Node *nd = &t->nodes[toks[i].root1];
			bool		alone = nd->n_child == 0 || barrier_next;

			if (alone && nd->out_n == 0)
			{
				i++;
				continue;
			}
			if (alone && nd->out_n == 1)
			{
				TrTopicHit *h;

				if (seen)
				{
					seen[nd->topic] = true;
					i++;
					continue;
				}
				if (out->n >= out->cap)
					tr_grow((void **) &out->hits, sizeof(TrTopicHit), out->n, &out->cap);
				h = &out->hits[out->n++];
				h->topic = nd->topic;
				h->term = nd->out_off;
				h->start = toks[i].start;
				h->end = toks[i].end;
				h->char_start = h->char_end = 0;
				i++;
				continue;
			}
		}
		depth = match_at(t, text, toks, n, i, terms, &n_terms);
		if (depth == 0)
		{
			i++;
			continue;
		}
		if (seen)
		{
			for (k = 0; k < n_terms; k++)
				seen[terms[k].topic] = true;
			i += depth;
			continue;
		}
		/* one hit per topic, with the first term of that topic */
		for (k = 1; k < n_terms; k++)
		{
			Found		x = terms[k];
			uint32_t	q = k;

			while (q > 0 && terms[q - 1].term > x.term)
			{
				terms[q] = terms[q - 1];
				q--;
			}
			terms[q] = x;
		}
		for (k = 0; k < n_terms; k++)
		{
			uint32_t	topic = terms[k].topic;
			bool		seen = false;
			TrTopicHit *h;

			for (uint32_t q = 0; q < k; q++)
				if (terms[q].topic == topic)
					seen = true;
			if (seen)
				continue;
			if (out->n >= out->cap)
				tr_grow((void **) &out->hits, sizeof(TrTopicHit), out->n, &out->cap);
			h = &out->hits[out->n++];
			h->topic = topic;
			h->term = terms[k].term;
			h->start = toks[i].start;
			h->end = toks[i + depth - 1].end;
			h->char_start = h->char_end = 0;
		}
		i += depth;
	}
	*pos = i;
}

/* Sort the hits of one span by topic: they were emitted in term order. */
static void
sort_span_topics(TrHitList *out, size_t from)
{
	size_t		i = from;

	while (i < out->n)
	{
		size_t		j = i + 1;

		while (j < out->n && out->hits[j].start == out->hits[i].start)
			j++;
		for (size_t a = i + 1; a < j; a++)
		{
			TrTopicHit	x = out->hits[a];
			size_t		b = a;

			while (b > i && out->hits[b - 1].topic > x.topic)
			{
				out->hits[b] = out->hits[b - 1];
				b--;
			}
			out->hits[b] = x;
		}
		i = j;
	}
}

/* code points in s[a, b): bytes that are not UTF-8 continuation bytes */
static size_t
count_code_points(const uint8_t *s, size_t a, size_t b)
{
	size_t		k = b - a;

	for (; a + 8 <= b; a += 8)
	{
		uint64_t	w = load64(s + a);

		k -= (size_t) ((((w & ~(w << 1) & HIGHS) >> 7) * ONES) >> 56);
	}
	for (; a < b; a++)
		k -= (s[a] & 0xC0) == 0x80;
	return k;
}

/* 1-based code-point positions of the hits (offsets are non-decreasing). */
static void
set_char_positions(const uint8_t *text, TrHitList *out, size_t from)
{
	size_t		byte = 0;
	size_t		chars = 0;

	for (size_t i = from; i < out->n; i++)
	{
		TrTopicHit *h = &out->hits[i];

		chars += count_code_points(text, byte, h->start);
		byte = h->start;
		h->char_start = (uint32_t) chars + 1;
		/* a span is counted again for each topic on it: still linear */
		h->char_end = (uint32_t) (chars + count_code_points(text, h->start, h->end)) + 1;
	}
}

bool
tr_tag(const TrTagger *t, const char *text, size_t len, TrHitList *out)
{
	return tr_tag_ex(t, text, len, out, true);
}

/* tr_tag_ex(), or with seen, tr_tag_topics() (out is then unused) */
static bool
tag_text(const TrTagger *t, const char *text, size_t len, TrHitList *out,
		 bool char_positions, bool *seen)
{
	const uint8_t *s = (const uint8_t *) text;
	Sink		sk;
	size_t		from = out->n;
	size_t		pos = 0;
	uint32_t	a = 0;
	uint32_t	ulen;

	if (len >= UINT32_MAX)
		return false;
	ulen = (uint32_t) len;
	if (t->n_syms == 0 || len == 0)
		return true;
	init_tables();
	memset(&sk, 0, sizeof(sk));
	sk.mode = SINK_TAG;
	sk.tagger = t;
	sk.text = s;
	sk.text_len = ulen;
	sk.seen = seen;
	/*
	 * Some room up front: growing from nothing copies the tokens several
	 * times; more than this would be a large allocation (malloc and free in
	 * the server) for every call, most of which queue few tokens.
	 */
	sk.toks_cap = 128;
	sk.toks = tr_alloc(sk.toks_cap * sizeof(Tok));

	while (a < ulen)
	{
		uint32_t	e = block_end(s, a, ulen);

		if (!tokenize_range(&sk, s, a, e, false))
		{
			sink_free(&sk);
			out->n = from;
			return false;
		}
		match_tokens(t, s, sk.toks, sk.n_toks, &pos, e == ulen, out, seen);
		/* keep what is not matched yet */
		if (pos > 0)
		{
			if (pos < sk.n_toks)
				memmove(sk.toks, sk.toks + pos, (sk.n_toks - pos) * sizeof(Tok));
			sk.n_toks = pos < sk.n_toks ? sk.n_toks - pos : 0;
			pos = 0;
			sink_set_live(&sk);
		}
		a = e;
		tr_check_interrupts();
	}
	sink_free(&sk);
	if (seen)
		return true;
	sort_span_topics(out, from);
	if (char_positions)
		set_char_positions(s, out, from);
	return true;
}

bool
tr_tag_ex(const TrTagger *t, const char *text, size_t len, TrHitList *out,
		  bool char_positions)
{
	return tag_text(t, text, len, out, char_positions, NULL);
}

bool
tr_tag_topics(const TrTagger *t, const char *text, size_t len, bool *seen)
{
	TrHitList	none = {0};

	return tag_text(t, text, len, &none, false, seen);
}

void
tr_hit_list_free(TrHitList *list)
{
	if (list->hits)
		tr_free(list->hits);
	list->hits = NULL;
	list->n = list->cap = 0;
}

/* ---------------------------------------------------------------------
 * Test helpers
 * ---------------------------------------------------------------------
 */
char *
tr_tagger_debug_tokens(const char *text, size_t len, bool force_icu,
					   size_t *out_len)
{
	Sink		sk;
	char	   *res;
	size_t		cap = 64,
				n = 0;

	if (len >= UINT32_MAX)
		return NULL;
	if (!collect_tokens(&sk, (const uint8_t *) text, (uint32_t) len, force_icu))
	{
		sink_free(&sk);
		return NULL;
	}
	res = tr_alloc(cap);
	for (size_t i = 0; i < sk.n_ctoks; i++)
	{
		const CollectedTok *ct = &sk.ctoks[i];
		char		head[40];
		int			hl = snprintf(head, sizeof(head), "%u:%u:%c:", ct->start, ct->end,
								  ct->word ? 'w' : 'p');
		size_t		need = (size_t) hl + ct->norm_len + 2;

		while (n + need > cap)
		{
			cap *= 2;
			res = tr_realloc(res, cap);
		}
		memcpy(res + n, head, (size_t) hl);
		n += (size_t) hl;
		if (ct->norm_off != UINT32_MAX)
		{
			memcpy(res + n, sk.buf + ct->norm_off, ct->norm_len);
			n += ct->norm_len;
		}
		res[n++] = '\n';
	}
	res[n] = '\0';
	sink_free(&sk);
	*out_len = n;
	return res;
}

size_t
tr_tagger_debug_stem(const char *word, size_t len, char *buf, size_t buflen)
{
	const uint8_t *w = (const uint8_t *) word;
	uint8_t		sbuf[TOK_MAX];
	size_t		n;

	if (len > TOK_MAX || buflen == 0)
		return 0;
	switch (stem_script(w, len))
	{
		case SCRIPT_LATIN:
			n = stem_english(w, len, sbuf);
			break;
		case SCRIPT_CYRILLIC:
			{
				size_t		lens[1];

				(void) stems_russian(w, len, false, lens, 1);
				n = lens[0];
				memcpy(sbuf, w, n);
			}
			break;
		default:
			n = len;
			memcpy(sbuf, w, n);
			break;
	}
	if (n >= buflen)
		n = buflen - 1;
	memcpy(buf, sbuf, n);
	buf[n] = '\0';
	return n;
}
