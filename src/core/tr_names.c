/*
 * tr_names.c
 *		Speaker identity keys, readable names, and the class of a label.
 *
 * The key scheme (tr_speaker_key):
 *
 * 1. The name part is read up to a comma ('SERGEY LAVROV, RUSSIAN FOREIGN
 *	  MINISTER' gives 'SERGEY LAVROV'); parentheses are dropped ('Mr.
 *	  Nebenzia (Russian Federation)'); words split at blanks and at periods,
 *	  so initials glued to a surname come apart ('С.В.Лавров').
 * 2. 'Q', 'Question', 'Вопрос' and the like carry no identity: NULL.
 * 3. A label made only of titles and role words ('MODERATOR', 'The
 *	  PRESIDING OFFICER', 'UNIDENTIFIED MALE', 'THE PRESIDENT') is keyed by
 *	  its words, 'the' dropped, transliterated and lower-cased: 'moderator',
 *	  'presiding officer', 'unidentified male', 'president'.
 * 4. Otherwise titles, honorifics and single-letter initials are dropped and
 *	  the last remaining word is the surname ('FOREIGN MINISTER LAVROV',
 *	  'Sergey Lavrov', 'С.В.Лавров' all give Lavrov; a possessive "'s" goes).
 *	  A Congressional Record state ('Mr. SMITH of Texas') is kept after a
 *	  slash: 'smith/texas', so that two Smiths stay apart.
 * 5. The surname is transliterated to ASCII with ICU ('Any-Latin;
 *	  Latin-ASCII', opened once per process and kept), lower-cased, reduced
 *	  to letters, and spelling variants of transliteration are folded so
 *	  that systems meet: 'shch' > 's', 'kh' > 'h', 'zh' > 'z', 'ch' > 'c',
 *	  'sh' > 's', 'ts' > 'c'; after a consonant, 'yo'/'jo' > 'e' (ё), y and j
 *	  before a, e, u are dropped and so is i before a, u (я, е, ю:
 *	  'Natalya'/'Natalia', 'Solovyov'/'Solov'ev'); y becomes i, and so does j
 *	  except at the start ('Sergej', 'Jean'); doubled letters become single.
 *	  'Lavrov' > 'lavrov', 'Sergei'/'Sergey'/'Sergej' > 'sergei',
 *	  'Zelenskyy'/'Зеленский' > 'zelenski', 'Jean-Pierre' > 'jeanpiere'.
 *
 * The key is thus the folded surname: people who share a surname in one
 * document (President and First Lady Biden) share a key; that is the price
 * of matching 'LAVROV' with 'Sergey Lavrov'.
 */
#include "tr_names.h"
#include "tr_header.h"
#include "tr_mem.h"
#include "tr_utf8.h"

#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#define WORD_MAX	128
#define MAX_WORDS	16

/* Words that carry no identity at all. */
static const char *const question_words[] = {
	"q", "question", "questions", "reporter", "journalist", "вопрос",
	"журналист", "реплика", NULL
};

static const char *const moderator_words[] = {
	"moderator", "operator", "presiding", "ведущий", "ведущая", "модератор",
	NULL
};

static const char *const audience_words[] = {
	"audience", "participant", "participants", "crowd", "attendee",
	"attendees", NULL
};

static const char *const other_words[] = {
	"unidentified", "unknown", "male", "female", "voice", "voices", "child",
	"children", "student", "students", "announcer", "narrator", "interpreter",
	"translator", "man", "woman", "protester", "protestor", "protesters",
	"speaker", "speakers", "voiceover", "голос", NULL
};

/*
 * Titles and office words, dropped before the surname is taken; a label
 * of nothing else is an office ('THE PRESIDENT').
 */
static const char *const office_words[] = {
	"the", "mr", "mrs", "ms", "miss", "dr", "madam", "madame", "mme", "sir",
	"dame", "lord", "lady", "his", "her", "excellency", "majesty", "highness",
	"hon", "honorable", "honourable", "president", "vice", "prime",
	"minister", "secretary", "foreign", "state", "press", "deputy",
	"assistant", "under", "senior", "special", "national", "security",
	"adviser", "advisor", "ambassador", "senator", "sen", "representative",
	"rep", "congressman", "congresswoman", "governor", "gov", "mayor",
	"director", "administrator", "chancellor", "king", "queen", "prince",
	"princess", "crown", "emperor", "general", "gen", "admiral", "colonel",
	"lieutenant", "chairman", "chairwoman", "chair", "leader", "majority",
	"minority", "spokesperson", "spokeswoman", "spokesman", "envoy",
	"coordinator", "commissioner", "first", "second", "gentleman", "chief",
	"staff", "attorney", "surgeon", "justice", "judge", "acting", "executive",
	"official", "officials", "administration", "aide", "military", "white",
	"house", "officer", "clerk", "pro", "tempore", "cabinet", "member",
	"members", "host", "anchor", "correspondent", "pope", "cardinal",
	"reverend", "rev", "one", "two", "three", "interim", "former",
	"министр", "президент", "председатель", "г-н", "г-жа", "господин",
	"госпожа", "премьер-министр", "заместитель", "посол", NULL
};

/*
 * Which of the lists above a case-folded word is in, as a bit mask: one
 * hash probe per word instead of a walk through every list.  Built once
 * per process, on first use.
 */
#define WC_QUESTION		0x01
#define WC_MODERATOR	0x02
#define WC_AUDIENCE		0x04
#define WC_OTHER		0x08
#define WC_OFFICE		0x10
#define WC_SLOTS		1024	/* a power of two, well above the word count */

typedef struct WordClass
{
	const char *word;
	uint8_t		len;
	uint8_t		mask;
} WordClass;

static WordClass word_classes[WC_SLOTS];
static bool word_classes_ready = false;

static void
add_word_class(const char *const *list, uint8_t bit)
{
	for (; *list; list++)
	{
		size_t		n = strlen(*list);
		uint32_t	h = tr_hash_bytes(*list, n) & (WC_SLOTS - 1);

		while (word_classes[h].word != NULL &&
			   !(word_classes[h].len == n && memcmp(word_classes[h].word, *list, n) == 0))
			h = (h + 1) & (WC_SLOTS - 1);
		word_classes[h].word = *list;
		word_classes[h].len = (uint8_t) n;
		word_classes[h].mask |= bit;
	}
}

static unsigned
word_class(const char *low, size_t o)
{
	uint32_t	h;

	if (!word_classes_ready)
	{
		add_word_class(question_words, WC_QUESTION);
		add_word_class(moderator_words, WC_MODERATOR);
		add_word_class(audience_words, WC_AUDIENCE);
		add_word_class(other_words, WC_OTHER);
		add_word_class(office_words, WC_OFFICE);
		word_classes_ready = true;
	}
	if (o == 0 || o > 255)
		return 0;
	h = tr_hash_bytes(low, o) & (WC_SLOTS - 1);
	while (word_classes[h].word != NULL)
	{
		if (word_classes[h].len == o && memcmp(word_classes[h].word, low, o) == 0)
			return word_classes[h].mask;
		h = (h + 1) & (WC_SLOTS - 1);
	}
	return 0;
}

/* Is w[0, n) in list, case-insensitively (ASCII and Cyrillic)? */
static size_t
lower_word(const char *w, size_t n, char *low, size_t cap)
{
	size_t		o = 0;

	/* Cyrillic capitals are two bytes, like their lower-case letters */
	for (size_t i = 0; i < n && o + 4 < cap;)
	{
		uint32_t	c = tr_utf8_next(w, &i, n);

		if (c < 0x80)
			low[o++] = (char) tr_ascii_lower((unsigned char) c);
		else
			o += tr_utf8_put(low + o, tr_cp_to_lower(c));
	}
	return o;
}

/*
 * Is low[0, o) the NUL-terminated word?  Never reads past the word's
 * terminator, even when low holds a NUL byte (strncmp would stop there
 * and let word[o] be read beyond the word).
 */
static bool
word_is(const char *low, size_t o, const char *word)
{
	for (size_t i = 0; i < o; i++)
		if (word[i] == '\0' || word[i] != low[i])
			return false;
	return word[o] == '\0';
}

/* Is the lower-cased word low[0, o) one of list? */
static bool
in_list_lower(const char *low, size_t o, const char *const *list)
{
	if (o == 0)
		return false;
	for (; *list; list++)
		if ((*list)[0] == low[0] && word_is(low, o, *list))
			return true;
	return false;
}

/* Is w[0, n), case folded, a word of an office (office_words)? */
static bool
is_office_word(const char *w, size_t n)
{
	char		low[WORD_MAX * 2];

	return (word_class(low, lower_word(w, n, low, sizeof(low))) & WC_OFFICE) != 0;
}

/* A word of a name: its bytes. */
typedef struct NWord
{
	size_t		s,
				e;
} NWord;

/*
 * Split the name part of s[0, n) into words (see step 1 above).  *state
 * gets the index of the first word after 'of' (a Congress state), or -1.
 */
static int
split_name(const char *s, size_t n, NWord *words, int cap, int *state)
{
	int			nw = 0;
	size_t		i = 0;
	int			depth = 0;

	*state = -1;
	while (i < n && nw < cap)
	{
		size_t		b;
		unsigned char c = (unsigned char) s[i];

		if (c == '(')
		{
			depth++;
			i++;
			continue;
		}
		if (c == ')')
		{
			if (depth > 0)
				depth--;
			i++;
			continue;
		}
		if (depth > 0)
		{
			i++;
			continue;
		}
		if (c == ',' || c == ':')
			break;
		if ((b = tr_blank_len(s, i, n)) > 0 || c == '.' || c == '\n')
		{
			i += b ? b : 1;
			continue;
		}
		b = i;
		while (i < n)
		{
			c = (unsigned char) s[i];
			if (c == '(' || c == ')' || c == ',' || c == ':' || c == '.' ||
				c == '\n' || tr_blank_len(s, i, n))
				break;
			i++;
		}
		/* possessive 's / ’s */
		{
			size_t		e = i;

			if (e - b > 2 && s[e - 1] == 's' && s[e - 2] == '\'')
				e -= 2;
			else if (e - b > 4 && s[e - 1] == 's' &&
					 memcmp(s + e - 4, "\xE2\x80\x99", 3) == 0)
				e -= 4;
			if (e - b == 2 && tr_ascii_ieq(s + b, 2, "of") && nw > 0 && *state < 0)
			{
				*state = nw;
				continue;
			}
			words[nw].s = b;
			words[nw].e = e;
			nw++;
		}
	}
	return nw;
}

/* ICU transliterator to ASCII, opened once and kept (NULL if unavailable). */
static UTransliterator *to_ascii = NULL;
static bool to_ascii_tried = false;

static UTransliterator *
get_to_ascii(void)
{
	if (!to_ascii_tried)
	{
		UErrorCode	status = U_ZERO_ERROR;
		static const UChar id[] = {
			'A', 'n', 'y', '-', 'L', 'a', 't', 'i', 'n', ';', ' ',
			'L', 'a', 't', 'i', 'n', '-', 'A', 'S', 'C', 'I', 'I', 0
		};

		to_ascii_tried = true;
		to_ascii = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
		if (U_FAILURE(status))
			to_ascii = NULL;
	}
	return to_ascii;
}

/*
 * Latin letters with diacritics ('López', 'Nguyễn') lose them by canonical
 * decomposition, which is cheap to set up; other scripts need a
 * transliterator, whose first use costs some 30 ms per process, so it is
 * opened only when a name in another script appears.
 */
static bool
latin_script_only(const char *s, size_t n)
{
	size_t		i = 0;

	while (i < n)
	{
		uint32_t	c = tr_utf8_next(s, &i, n);

		if (c >= 0x80 && !(c >= 0xC0 && c <= 0x24F) && !(c >= 0x1E00 && c <= 0x1EFF) &&
			c != 0xA0 && !(c >= 0x2010 && c <= 0x2019))
			return false;
	}
	return true;
}

/*
 * Transliterate s[0, n) to lower-case ASCII letters in out; returns the
 * length.  Non-letters are dropped.
 */
static size_t
ascii_letters(const char *s, size_t n, char *out, size_t cap)
{
	bool		ascii = true;
	size_t		o = 0;

	for (size_t i = 0; i < n; i++)
		if ((unsigned char) s[i] >= 0x80)
		{
			ascii = false;
			break;
		}
	if (!ascii && n < WORD_MAX * 2)
	{
		UChar		ubuf[WORD_MAX * 3];
		UChar		nbuf[WORD_MAX * 6];
		int32_t		ulen = 0;
		int32_t		limit;
		UErrorCode	status = U_ZERO_ERROR;

		u_strFromUTF8(ubuf, WORD_MAX * 2, &ulen, s, (int32_t) n, &status);
		if (U_SUCCESS(status) && latin_script_only(s, n))
		{
			const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);

			if (U_SUCCESS(status))
				ulen = unorm2_normalize(nfd, ubuf, ulen, nbuf, WORD_MAX * 6, &status);
			if (U_SUCCESS(status))
			{
				/* the base letters stay, the combining marks go */
				for (int32_t k = 0; k < ulen && o + 1 < cap; k++)
					if (nbuf[k] < 0x80 && tr_is_ascii_alpha((unsigned char) nbuf[k]))
						out[o++] = (char) tr_ascii_lower((unsigned char) nbuf[k]);
				return o;
			}
		}
		else if (U_SUCCESS(status) && get_to_ascii() != NULL)
		{
			limit = ulen;
			utrans_transUChars(get_to_ascii(), ubuf, &ulen, WORD_MAX * 3, 0, &limit,
							   &status);
			if (U_SUCCESS(status))
			{
				for (int32_t k = 0; k < ulen && o + 1 < cap; k++)
					if (ubuf[k] < 0x80 && tr_is_ascii_alpha((unsigned char) ubuf[k]))
						out[o++] = (char) tr_ascii_lower((unsigned char) ubuf[k]);
				return o;
			}
		}
		/* no ICU: keep what is ASCII */
	}
	for (size_t i = 0; i < n && o + 1 < cap; i++)
		if (tr_is_ascii_alpha((unsigned char) s[i]))
			out[o++] = (char) tr_ascii_lower((unsigned char) s[i]);
	return o;
}

static inline bool
is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Fold transliteration variants of lower-case ASCII w[0, n) in place. */
static size_t
fold_variants(char *w, size_t n)
{
	char		t[WORD_MAX * 3];
	size_t		o = 0;
	size_t		i;

	/* digraphs */
	for (i = 0; i < n;)
	{
		if (i + 4 <= n && memcmp(w + i, "shch", 4) == 0)
		{
			t[o++] = 's';
			i += 4;
		}
		else if (i + 2 <= n && w[i + 1] == 'h' &&
				 (w[i] == 'k' || w[i] == 'z' || w[i] == 'c' || w[i] == 's'))
		{
			t[o++] = w[i] == 'k' ? 'h' : w[i];
			i += 2;
		}
		else if (i + 2 <= n && w[i] == 't' && w[i + 1] == 's')
		{
			t[o++] = 'c';
			i += 2;
		}
		else
			t[o++] = w[i++];
	}
	/*
	 * Iotated vowels after a consonant (я, е, ё, ю written 'ya', 'yo', 'ja'
	 * ...): 'yo'/'jo' > 'e', y or j before a, e, u dropped, and i before a
	 * or u dropped ('Natalia', 'Nebenzia' against 'Natal'ya', 'Nebenzâ').
	 * Then y > i, and j > i except at the start ('Sergej', but 'Jean').
	 */
	n = 0;
	for (i = 0; i < o; i++)
	{
		char		c = t[i];

		if (n > 0 && !is_vowel(w[n - 1]) && i + 1 < o)
		{
			char		v = t[i + 1];

			if ((c == 'y' || c == 'j') && v == 'o')
			{
				w[n++] = 'e';
				i++;
				continue;
			}
			if ((c == 'y' || c == 'j') && (v == 'a' || v == 'e' || v == 'u'))
				continue;
			if (c == 'i' && (v == 'a' || v == 'u'))
				continue;
		}
		if (c == 'y' || (c == 'j' && n > 0))
			c = 'i';
		w[n++] = c;
	}
	/* doubled letters */
	o = 0;
	for (i = 0; i < n; i++)
		if (o == 0 || w[o - 1] != w[i])
			w[o++] = w[i];
	return o;
}

size_t
tr_fold_word(const char *s, size_t n, char *out, size_t cap)
{
	char		buf[WORD_MAX * 3];
	size_t		len;

	len = ascii_letters(s, n, buf, sizeof(buf));
	len = fold_variants(buf, len);
	if (len > cap)
		len = cap;
	memcpy(out, buf, len);
	return len;
}

static TrNameClass
name_class_uncached(const char *s, size_t n)
{
	NWord		words[MAX_WORDS];
	char		low[MAX_WORDS][WORD_MAX];
	size_t		ll[MAX_WORDS] = {0};
	unsigned	wc[MAX_WORDS] = {0};
	int			state;
	int			nw = split_name(s, n, words, MAX_WORDS, &state);
	bool		all_office = true;

	if (nw == 0)
		return TR_NC_OTHER;
	/* each word case folded once, then looked up in the lists */
	for (int k = 0; k < nw; k++)
		ll[k] = lower_word(s + words[k].s, words[k].e - words[k].s, low[k], WORD_MAX);
	for (int k = 0; k < nw; k++)
		wc[k] = word_class(low[k], ll[k]);
	if (wc[0] & WC_QUESTION)
		return TR_NC_QUESTION;
	for (int k = 0; k < nw; k++)
		if (wc[k] & WC_MODERATOR)
			return TR_NC_MODERATOR;
	/* 'The SPEAKER pro tempore', 'The CHAIRMAN': whoever presides */
	if (nw >= 2 && in_list_lower(low[nw - 1], ll[nw - 1],
								 (const char *const[]) {"tempore", NULL}))
		return TR_NC_MODERATOR;
	if (nw <= 2 && in_list_lower(low[0], ll[0], (const char *const[]) {"the", NULL}) &&
		in_list_lower(low[nw - 1], ll[nw - 1],
					  (const char *const[]) {"chair", "chairman", "chairwoman", NULL}))
		return TR_NC_MODERATOR;
	for (int k = 0; k < nw; k++)
		if (wc[k] & WC_AUDIENCE)
			return TR_NC_AUDIENCE;
	for (int k = 0; k < nw; k++)
		if (wc[k] & WC_OTHER)
			return TR_NC_OTHER;
	for (int k = 0; k < nw; k++)
		if (!(wc[k] & WC_OFFICE) && words[k].e - words[k].s > 1)
			all_office = false;
	return all_office ? TR_NC_OFFICE : TR_NC_NAMED;
}

static char *
speaker_key_uncached(const char *name, size_t len, size_t *out_len)
{
	NWord		words[MAX_WORDS];
	int			state;
	int			nw;
	char		buf[512];
	size_t		o = 0;
	TrNameClass nc;
	char	   *res;

	*out_len = 0;
	if (name == NULL || len == 0)
		return NULL;
	if (len > 1024)
		len = 1024;				/* a name is short; keep the work bounded */
	nw = split_name(name, len, words, MAX_WORDS, &state);
	if (nw == 0)
		return NULL;
	nc = tr_name_class(name, len);
	if (nc == TR_NC_QUESTION)
		return NULL;
	if (nc != TR_NC_NAMED)
	{
		/* a role: its words, 'the' dropped */
		for (int k = 0; k < nw && o + WORD_MAX < sizeof(buf); k++)
		{
			const char *w = name + words[k].s;
			size_t		wl = words[k].e - words[k].s;

			if (tr_ascii_ieq(w, wl, "the") || (state >= 0 && k >= state))
				continue;
			if (o > 0)
				buf[o++] = ' ';
			o += ascii_letters(w, wl, buf + o, WORD_MAX);
		}
	}
	else
	{
		int			last = -1;
		int			stop = state >= 0 ? state : nw;

		/* the surname: the last word that is no title and no initial */
		for (int k = 0; k < stop; k++)
		{
			const char *w = name + words[k].s;
			size_t		wl = words[k].e - words[k].s;
			size_t		wi = 0;

			tr_utf8_next(w, &wi, wl);
			if (wi >= wl)
				continue;		/* one letter: an initial */
			if (is_office_word(w, wl))
				continue;
			last = k;
		}
		if (last < 0)
			return NULL;
		o = tr_fold_word(name + words[last].s, words[last].e - words[last].s,
						 buf, WORD_MAX);
		if (state >= 0 && o > 0)
		{
			buf[o++] = '/';
			for (int k = state; k < nw && o + WORD_MAX < sizeof(buf); k++)
			{
				if (k > state)
					buf[o++] = ' ';
				o += ascii_letters(name + words[k].s, words[k].e - words[k].s,
								   buf + o, WORD_MAX);
			}
		}
	}
	if (o == 0)
		return NULL;
	res = tr_alloc(o + 1);
	memcpy(res, buf, o);
	res[o] = '\0';
	*out_len = o;
	return res;
}

size_t
tr_readable_name(const char *s, size_t n, char *out, size_t cap)
{
	size_t		o = 0;
	bool		prev_upper = false;
	bool		space = false;

	/*
	 * A capital right after another capital becomes lower case; every other
	 * character stays.  That title-cases 'MR PRICE' ('Mr Price'),
	 * 'ROS-LEHTINEN' ('Ros-Lehtinen'), 'U.S.' (unchanged) and the Congress
	 * spelling 'McCONNELL' ('McConnell'), and leaves 'Lavrov' alone.
	 */
	for (size_t i = 0; i < n;)
	{
		size_t		b = tr_blank_len(s, i, n);
		uint32_t	c;
		char		enc[4];
		size_t		el;

		if (b > 0 || s[i] == '\n')
		{
			i += b > 0 ? b : 1;
			space = o > 0;
			prev_upper = false;
			continue;
		}
		if (space)
		{
			if (o + 1 >= cap)
				return o;
			out[o++] = ' ';
			space = false;
		}
		c = tr_utf8_next(s, &i, n);
		if (tr_cp_is_upper(c))
		{
			if (prev_upper)
				c = tr_cp_to_lower(c);
			prev_upper = true;
		}
		else
			prev_upper = false;
		el = tr_utf8_put(enc, c);
		if (o + el >= cap)
			return o;
		memcpy(out + o, enc, el);
		o += el;
	}
	return o;
}

/*
 * Classes and keys of recent names, per process: the same labels ('MS.
 * PSAKI', 'THE PRESIDENT') and name words come back in document after
 * document, and each answer costs hundreds to thousands of instructions of
 * word lists and ICU.  Both are functions of the name's bytes alone, so a
 * slot that holds the name holds its answers.  Direct-mapped, fixed size,
 * no allocation; long names are not kept.
 */
#define NAME_CACHE_SLOTS	512		/* a power of two */
#define NAME_CACHE_NAME		62
#define NAME_CACHE_KEY		96

typedef struct NameCacheSlot
{
	uint8_t		name_len;		/* 0: empty */
	uint8_t		has_class;		/* nc is known */
	uint8_t		has_key_answer; /* has_key and key are known */
	uint8_t		has_key;		/* 0: the name has no key (NULL) */
	uint8_t		nc;
	uint8_t		key_len;
	char		name[NAME_CACHE_NAME];
	char		key[NAME_CACHE_KEY];
} NameCacheSlot;

static NameCacheSlot name_cache[NAME_CACHE_SLOTS];

/* The slot for s[0, n), emptied for it if it held another name; NULL if too long. */
static NameCacheSlot *
name_cache_slot(const char *s, size_t n)
{
	NameCacheSlot *slot;

	if (s == NULL || n == 0 || n > NAME_CACHE_NAME)
		return NULL;
	slot = &name_cache[tr_hash_bytes(s, n) & (NAME_CACHE_SLOTS - 1)];
	if (slot->name_len != n || memcmp(slot->name, s, n) != 0)
	{
		memset(slot, 0, offsetof(NameCacheSlot, name));
		slot->name_len = (uint8_t) n;
		memcpy(slot->name, s, n);
	}
	return slot;
}

TrNameClass
tr_name_class(const char *s, size_t n)
{
	NameCacheSlot *slot = name_cache_slot(s, n);
	TrNameClass nc;

	if (slot != NULL && slot->has_class)
		return (TrNameClass) slot->nc;
	nc = name_class_uncached(s, n);
	if (slot != NULL)
	{
		/* the slot may have been taken by a name on the way: check */
		if (slot->name_len == n && memcmp(slot->name, s, n) == 0)
		{
			slot->nc = (uint8_t) nc;
			slot->has_class = 1;
		}
	}
	return nc;
}

char *
tr_speaker_key(const char *name, size_t len, size_t *out_len)
{
	NameCacheSlot *slot = name_cache_slot(name, len);
	char	   *key;

	if (slot != NULL && slot->has_key_answer)
	{
		*out_len = 0;
		if (!slot->has_key)
			return NULL;
		key = tr_alloc(slot->key_len + 1);
		memcpy(key, slot->key, slot->key_len);
		key[slot->key_len] = '\0';
		*out_len = slot->key_len;
		return key;
	}
	key = speaker_key_uncached(name, len, out_len);
	if (slot != NULL && (key == NULL || *out_len < NAME_CACHE_KEY) &&
		slot->name_len == len && memcmp(slot->name, name, len) == 0)
	{
		slot->has_key_answer = 1;
		slot->has_key = key != NULL;
		slot->key_len = key ? (uint8_t) *out_len : 0;
		if (key)
			memcpy(slot->key, key, *out_len);
	}
	return key;
}
