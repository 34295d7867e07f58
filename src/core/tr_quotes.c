/*
 * tr_quotes.c
 *		Direct quotations and their speakers (see tr_quotes.h).
 *
 * Three steps per region (the whole text, or one turn body):
 *
 * 1. scan_region: one pass over the bytes records every character that can
 *    be a quotation mark, with what it may do (open, close) judged from its
 *    neighbours, and the paragraphs.  Apostrophes inside words (don't,
 *    Pompeo’s) are dropped here.
 * 2. pair_marks: a stack pairs openers and closers of the same family; a
 *    count of open marks per family makes a closer with no opener O(1), so
 *    100,000 stray marks cost 100,000 steps.  A quotation still open at the
 *    end of a paragraph goes on if the next paragraph opens with a mark of
 *    the same family (the multi-paragraph convention) and is dropped if not.
 * 3. attribute: for each quotation, fixed-size windows of tokens before and
 *    after it give the cue and speaker; pronouns and role nouns are resolved
 *    against person mentions collected by a forward scan of the text outside
 *    quotations, which never goes back.
 */
#include "tr_quotes.h"

#include <stdlib.h>
#include <string.h>
#ifdef TR_QUOTES_DEBUG
#include <stdio.h>
#endif

#include <unicode/uchar.h>

#include "tr_mem.h"
#include "tr_utf8.h"
#include "tr_names.h"

/* ----------------------------------------------------------------
 * Characters
 * ---------------------------------------------------------------- */

/* Decode one code point at p (< end); invalid bytes decode as themselves. */
static inline uint32_t
dec(const unsigned char *p, const unsigned char *end, int *len)
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
	if (c >= 0xE0 && c < 0xF0 && end - p >= 3 &&
		(p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
	{
		*len = 3;
		return ((uint32_t) (c & 0x0F) << 12) | ((uint32_t) (p[1] & 0x3F) << 6) |
			(p[2] & 0x3F);
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

/* The code point that ends just before p (> start). */
static inline uint32_t
dec_prev(const unsigned char *start, const unsigned char *p, int *len)
{
	const unsigned char *q = p - 1;
	int			n = 0;
	uint32_t	cp;
	int			l;

	while (q > start && n < 3 && (*q & 0xC0) == 0x80)
	{
		q--;
		n++;
	}
	cp = dec(q, p, &l);
	if (q + l != p)
	{
		*len = 1;
		return 0xFFFD;
	}
	*len = l;
	return cp;
}

static inline int
is_ws(uint32_t c)
{
	if (c < 0x80)
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
	return c == 0xA0 || c == 0x2007 || c == 0x202F || c == 0x2009 ||
		c == 0x200A || c == 0x2002 || c == 0x2003 || c == 0x3000 || c == 0x2028 ||
		c == 0x2029 || c == 0xFEFF || c == 0x200B;
}

static inline int
is_alnum_cp(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	if (c == 0xFFFD)
		return 0;
	return u_isalnum((UChar32) c);
}

static inline int
is_upper_cp(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return u_isupper((UChar32) c) || u_istitle((UChar32) c);
}

static inline int
is_digit_cp(uint32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return u_isdigit((UChar32) c);
}

static inline int
is_dash_cp(uint32_t c)
{
	return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2012 || c == 0x2015 || c == 0x2212;
}

/* Mark types */
enum
{
	M_DQ,						/* " */
	M_SQ,						/* ' */
	M_LDQ,						/* “ U+201C */
	M_RDQ,						/* ” U+201D */
	M_LSQ,						/* ‘ U+2018 */
	M_RSQ,						/* ’ U+2019 */
	M_LOWDQ,					/* „ U+201E */
	M_LOWSQ,					/* ‚ U+201A */
	M_LGUIL,					/* « */
	M_RGUIL,					/* » */
	M_LSGUIL,					/* ‹ */
	M_RSGUIL					/* › */
};

/* Families: a closer closes an opener of its own family only. */
enum
{
	FAM_D, FAM_G, FAM_S, FAM_SG, N_FAM
};

static const uint8_t mark_family[] = {
	FAM_D, FAM_S, FAM_D, FAM_D, FAM_S, FAM_S, FAM_D, FAM_S,
	FAM_G, FAM_G, FAM_SG, FAM_SG
};

static int
mark_type(uint32_t c)
{
	switch (c)
	{
		case '"':
			return M_DQ;
		case '\'':
			return M_SQ;
		case 0x201C:
			return M_LDQ;
		case 0x201D:
			return M_RDQ;
		case 0x2018:
			return M_LSQ;
		case 0x2019:
			return M_RSQ;
		case 0x201E:
			return M_LOWDQ;
		case 0x201A:
			return M_LOWSQ;
		case 0xAB:
			return M_LGUIL;
		case 0xBB:
			return M_RGUIL;
		case 0x2039:
			return M_LSGUIL;
		case 0x203A:
			return M_RSGUIL;
	}
	return -1;
}

static inline int
is_mark_cp(uint32_t c)
{
	return mark_type(c) >= 0;
}

/* Neighbour classes */
enum
{
	NB_EDGE,					/* start or end of region, or whitespace */
	NB_ALNUM,
	NB_OPENP,					/* ( [ { dashes / and markup * _ */
	NB_CLOSEP,					/* . , ; : ! ? ) ] } … */
	NB_QUOTE,
	NB_OTHER
};

static int
nb_class(uint32_t c)
{
	if (is_ws(c))
		return NB_EDGE;
	if (is_alnum_cp(c))
		return NB_ALNUM;
	if (c == '(' || c == '[' || c == '{' || c == '/' || c == '*' || c == '_' ||
		c == '<' || c == '>' || is_dash_cp(c) || c == '\\')
		return NB_OPENP;
	if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
		c == ')' || c == ']' || c == '}' || c == 0x2026)
		return NB_CLOSEP;
	if (is_mark_cp(c))
		return NB_QUOTE;
	return NB_OTHER;
}

/* ----------------------------------------------------------------
 * Lexicons
 * ---------------------------------------------------------------- */

typedef struct Lex
{
	const char **words;
	size_t		n;
	int			sorted;
} Lex;

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

static int
lex_has(Lex *lx, const char *w)
{
	if (!lx->sorted)
	{
		qsort((void *) lx->words, lx->n, sizeof(char *), cmp_str);
		lx->sorted = 1;
	}
	return bsearch(&w, lx->words, lx->n, sizeof(char *), cmp_str) != NULL;
}

#define LEX(name, ...) \
	static const char *name##_w[] = {__VA_ARGS__}; \
	static Lex name = {name##_w, sizeof(name##_w) / sizeof(char *), 0}

/* Verbs and phrases that attribute speech. */
LEX(lx_cue,
	"said", "says", "say", "saying", "told", "tells", "tell", "telling",
	"added", "adds", "adding", "noted", "notes", "noting", "stated", "states",
	"explained", "explains", "explaining", "continued", "continues",
	"remarked", "wrote", "writes", "writing", "declared", "declares",
	"announced", "announces", "asked", "asks", "asking", "replied", "replies",
	"replying", "answered", "answers", "answering", "responded", "responds",
	"responding", "insisted", "insists", "warned", "warns", "warning",
	"argued", "argues", "arguing", "stressed", "stresses", "stressing",
	"emphasized", "emphasised", "emphasizes", "emphasises", "acknowledged",
	"admitted", "recalled", "recalls", "observed", "commented", "concluded",
	"claimed", "claims", "urged", "urges", "tweeted", "posted", "predicted",
	"promised", "pledged", "vowed", "conceded", "suggested", "testified",
	"cautioned", "complained", "joked", "quipped", "described", "describes",
	"called", "calls", "calling", "reiterated", "highlighted", "underscored",
	"affirmed", "assured", "proclaimed", "exclaimed", "countered", "confirmed",
	"reported", "hailed", "dubbed", "termed", "labeled", "labelled", "mused",
	"shouted", "whispered", "announcing", "declaring", "recounted",
	"elaborated", "retorted", "interjected", "opined", "boasted", "lamented",
	"conceding", "praised", "thanked", "pointed", "put", "went",
	/* Russian */
	"заявил", "заявила", "заявили", "заявляет", "сказал", "сказала",
	"сказали", "отметил", "отметила", "отметили", "добавил", "добавила",
	"подчеркнул", "подчеркнула", "сообщил", "сообщила", "сообщили",
	"пояснил", "пояснила", "указал", "указала", "констатировал",
	"констатировала", "признал", "признала", "заметил", "заметила",
	"говорит", "считает", "написал", "написала", "заверил", "заверила",
	"предупредил", "предупредила", "ответил", "ответила", "уточнил",
	"уточнила", "рассказал", "рассказала", "напомнил", "напомнила",
	"призвал", "призвала", "выразил", "выразила", "спросил", "спросила",
	/* German */
	"sagte", "sagt", "erklärte", "betonte", "meinte", "fügte", "schrieb");

/* Words that may stand between a subject and its cue verb. */
LEX(lx_adverb,
	"also", "later", "then", "again", "further", "once", "had", "has", "have",
	"was", "is", "would", "will", "previously", "recently", "earlier",
	"likewise", "simply", "just", "even", "still", "reportedly", "has also",
	"also", "famously", "tersely", "flatly", "told", "bluntly", "already",
	"today", "yesterday", "publicly", "repeatedly", "directly", "himself",
	"herself", "подчеркнул", "тогда", "также", "же", "ещё", "еще");

/* Lowercase words after which a name is an object, not a subject. */
LEX(lx_objprep,
	"between", "with", "to", "for", "of", "by", "from", "about", "against",
	"on", "at", "in", "into", "toward", "towards", "than", "like",
	"including", "told", "asked", "thanked", "urged", "met", "welcomed",
	"visited", "called", "invited", "hosted", "under", "over", "via",
	"after", "before", "behind", "beside", "besides", "among", "per",
	"sanctioned", "criticized", "criticised", "praised", "congratulated",
	"replace", "replaced", "succeeded", "defeated", "appointed", "nominated",
	"named", "and", "or", "nor", "versus", "vs.", "с", "к", "о", "об", "в",
	"на", "для", "против", "между");

/* Capitalized words that do not start a name. */
LEX(lx_stopcap,
	"the", "a", "an", "in", "on", "at", "of", "for", "to", "from", "by",
	"with", "and", "but", "or", "nor", "so", "yet", "as", "if", "when",
	"while", "after", "before", "since", "because", "although", "though",
	"this", "that", "these", "those", "there", "here", "it", "its", "we",
	"our", "you", "your", "they", "their", "he", "his", "she", "her", "i",
	"my", "me", "us", "them", "him", "what", "which", "who", "whom", "why",
	"how", "where", "today", "yesterday", "tomorrow", "tonight", "now",
	"then", "also", "however", "meanwhile", "moreover", "still", "asked",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", "mon", "tue",
	"wed", "thu", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun",
	"jul", "aug", "sep", "sept", "oct", "nov", "dec", "last", "next", "each",
	"every", "all", "some", "many", "most", "both", "no", "not", "yes",
	"under", "over", "during", "through", "across", "against", "between",
	"among", "without", "within", "about", "above", "below", "upon", "into",
	"do", "does", "did", "is", "are", "was", "were", "be", "been", "being",
	"have", "has", "had", "will", "would", "can", "could", "should", "may",
	"might", "must", "shall", "let", "please", "thank", "thanks", "well",
	"oh", "mr", "mrs", "ms", "dr", "according", "said", "says", "q", "end",
	"fact", "sheet", "statement", "readout", "read", "again", "even", "just",
	"only", "more", "less", "first", "second", "third", "one", "two",
	"three", "new", "such", "other", "another", "any", "like", "unlike",
	"despite", "following", "regarding", "including", "instead", "whether",
	"once", "until", "unless", "whereas", "indeed", "overall", "finally",
	"further", "furthermore", "additionally", "specifically", "together",
	"earlier", "later", "recently", "currently", "already", "never", "ever",
	"always", "often", "perhaps", "maybe", "still", "rather", "thus",
	"therefore", "hence", "otherwise", "similarly", "likewise", "notably",
	"importantly", "ultimately", "together", "american", "americans",
	"он", "она", "они", "мы", "я", "в", "на", "и", "но", "а", "как", "это",
	"по", "с", "для", "что", "при", "после", "до", "об", "о", "у", "из",
	"der", "die", "das", "und", "ein", "eine");

/*
 * Titles and roles: in or just before a name they make it a person; after
 * 'the' they are a role noun resolved to the last person with that title.
 */
LEX(lx_title,
	"president", "secretary", "minister", "senator", "sen.", "rep.",
	"representative", "congressman", "congresswoman", "governor", "gov.",
	"mayor", "ambassador", "chancellor", "premier", "mr.", "mrs.", "ms.",
	"mr", "mrs", "ms", "miss", "dr.", "dr", "judge", "justice", "general",
	"gen.", "admiral", "adm.", "director", "administrator", "spokesman",
	"spokeswoman", "spokesperson", "commissioner", "chairman", "chairwoman",
	"chair", "leader", "speaker", "king", "queen", "prince", "princess",
	"pope", "sheikh", "envoy", "adviser", "advisor", "attorney", "surgeon",
	"colonel", "col.", "lt.", "sergeant", "officer", "chief", "deputy",
	"assistant", "lady", "gentleman", "sir", "madam", "dame", "lord",
	"emir", "prime", "foreign", "coordinator", "counselor", "counsellor",
	"head", "ceo", "founder", "executive", "professor", "prof.", "rev.",
	"reverend", "father", "bishop", "cardinal", "mp", "diplomat", "official",
	"negotiator", "minister", "author", "student", "vice",
	"президент", "министр", "глава", "посол", "спикер", "премьер",
	"пресс-секретарь", "представитель", "замминистра", "госсекретарь",
	"канцлер", "председатель", "директор", "помощник", "советник");

/* Roles that may stand for a person named earlier ('the minister'). */
LEX(lx_role,
	"president", "secretary", "minister", "senator", "governor", "mayor",
	"ambassador", "chancellor", "premier", "spokesman", "spokeswoman",
	"spokesperson", "administrator", "director", "commissioner", "chairman",
	"chairwoman", "chair", "leader", "speaker", "king", "queen", "prince",
	"pope", "envoy", "adviser", "advisor", "official", "diplomat",
	"negotiator", "chief", "general", "judge", "justice",
	"президент", "министр", "глава", "посол", "спикер", "премьер",
	"пресс-секретарь", "представитель", "госсекретарь", "канцлер",
	"председатель", "дипломат");

/* Words that make a capitalized phrase an organisation or a place. */
LEX(lx_org,
	"house", "sea", "york", "states", "council", "court", "department",
	"ministry", "office", "union", "nations", "kingdom", "republic",
	"federation", "committee", "agency", "administration", "act", "plan",
	"program", "programme", "initiative", "fund", "bank", "corporation",
	"inc", "inc.", "university", "college", "school", "association",
	"institute", "center", "centre", "foundation", "party", "congress",
	"senate", "assembly", "parliament", "treaty", "agreement", "force",
	"forces", "army", "navy", "guard", "service", "services", "day", "week",
	"month", "year", "times", "post", "news", "press", "network", "group",
	"company", "coalition", "alliance", "organization", "organisation",
	"commission", "board", "authority", "bureau", "caucus", "county",
	"city", "state", "island", "islands", "river", "ocean", "gulf", "bay",
	"street", "avenue", "hall", "hotel", "airport", "summit", "conference",
	"forum", "agenda", "strategy", "order", "law", "bill", "rule", "region",
	"peninsula", "east", "west", "north", "south", "america", "europe",
	"asia", "africa", "covid-19", "covid", "project", "task", "team",
	"working", "jobs", "rescue", "recovery", "infrastructure", "reduction",
	"budget", "security", "health", "care", "energy", "policy", "trust",
	"partnership", "network", "cabinet", "kremlin", "pentagon", "reuters",
	"tass", "ria", "interfax", "afp", "ap", "cnn", "bbc", "fox", "nato",
	"un", "eu", "usa", "u.s.", "us", "uk", "mfa", "white", "general",
	"международный", "министерство", "мид", "кремль", "совет", "комитет");

/* First names whose gender is not in doubt: 'm' or 'f' after a colon. */
LEX(lx_given,
	"joe:m", "joseph:m", "donald:m", "barack:m", "george:m", "bill:m",
	"william:m", "john:m", "mike:m", "michael:m", "sergey:m", "sergei:m",
	"vladimir:m", "dmitry:m", "dmitri:m", "maria:f", "mariya:f", "antony:m",
	"anthony:m", "tony:m", "jake:m", "jen:f", "jennifer:f", "karine:f",
	"kamala:f", "jill:f", "hillary:f", "nancy:f", "chuck:m", "mitch:m",
	"kevin:m", "lloyd:m", "janet:f", "gina:f", "pete:m", "peter:m",
	"alejandro:m", "merrick:m", "xavier:m", "deb:f", "deborah:f",
	"marcia:f", "jennifer:f", "linda:f", "samantha:f", "katherine:f",
	"kate:f", "katie:f", "susan:f", "sarah:f", "mary:f", "elizabeth:f",
	"emmanuel:m", "olaf:m", "angela:f", "boris:m", "rishi:m", "justin:m",
	"narendra:m", "fumio:m", "xi:m", "volodymyr:m", "recep:m", "benjamin:m",
	"robert:m", "bob:m", "james:m", "jim:m", "david:m", "richard:m",
	"thomas:m", "tom:m", "charles:m", "daniel:m", "matthew:m", "mark:m",
	"paul:m", "steven:m", "stephen:m", "andrew:m", "brian:m", "eric:m",
	"jeffrey:m", "ryan:m", "gary:m", "jason:m", "jeff:m", "ned:m",
	"morgan:f", "heather:f", "anne:f", "ann:f", "margaret:f", "patricia:f",
	"barbara:f", "karen:f", "lisa:f", "michelle:f", "laura:f", "emily:f",
	"amy:f", "melania:f", "ivanka:f", "kellyanne:f", "sarah:f", "dana:f",
	"nikki:f", "ursula:f", "theresa:f", "christine:f", "giorgia:f",
	"kristalina:f", "hans:m", "jens:m", "marco:m", "rex:m", "heiko:m",
	"annalena:f", "yuri:m", "yury:m", "alexander:m", "aleksandr:m",
	"alexei:m", "aleksei:m", "nikolai:m", "nikolay:m", "igor:m", "ivan:m",
	"viktor:m", "victor:m", "oleg:m", "andrei:m", "andrey:m", "anatoly:m",
	"konstantin:m", "mikhail:m", "valentina:f", "elvira:f", "tatyana:f",
	"natalia:f", "olga:f", "irina:f", "yulia:f", "svetlana:f", "guy:m",
	"shaun:m", "nicolas:m", "juan:m", "jose:m", "luis:m", "carlos:m",
	"antonio:m", "tedros:m", "lael:f", "cecilia:f", "brenda:f",
	"сергей:m", "владимир:m", "дмитрий:m", "мария:f", "майк:m", "михаил:m",
	"александр:m", "николай:m", "анна:f", "елена:f", "ольга:f");

/* Abbreviations whose period does not end a sentence. */
LEX(lx_abbrev,
	"mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov",
	"lt", "col", "sgt", "capt", "cmdr", "adm", "prof", "rev", "hon", "no",
	"vs", "etc", "inc", "co", "corp", "ltd", "e.g", "i.e", "u.s", "u.k",
	"u.n", "d.c", "p.m", "a.m", "messrs", "mt", "ft", "sec", "dept",
	"approx", "est", "fig", "vol", "jan", "feb", "aug", "sept", "oct",
	"nov", "dec", "st", "ave", "blvd", "rd", "op", "al");

/* ----------------------------------------------------------------
 * Working state
 * ---------------------------------------------------------------- */

#define F_OPEN			0x01
#define F_CLOSE			0x02
#define F_PARA_INITIAL	0x04
#define F_PLURAL_POSS	0x08	/* s’ before a space: maybe an apostrophe */
#define F_LATER_SCLOSE	0x10	/* a later single closer in the same stretch */

typedef struct Mark
{
	uint32_t	pos;
	uint32_t	cpos;			/* 0-based character offset */
	uint32_t	para;
	uint8_t		type;
	uint8_t		len;
	uint8_t		flags;
} Mark;

typedef struct Para
{
	uint32_t	start;			/* first non-blank byte */
	uint32_t	end;			/* after the last non-blank byte */
} Para;

typedef struct Open
{
	uint32_t	mark;			/* index of the opening mark */
	uint32_t	close;			/* index of the closing mark, if closed */
	uint32_t	parent;			/* 1-based index of the enclosing open, or 0 */
	uint32_t	cont_first;		/* continuation marks in Ctx.conts */
	uint32_t	cont_n;
	uint8_t		closed;
} Open;

typedef struct StackEnt
{
	uint32_t	open;			/* index into opens */
	uint8_t		fam;
} StackEnt;

/* A person named in the text outside quotations. */
#define MF_PERSON	0x01
#define MF_OBJ		0x02
#define MF_POSS		0x04
#define MF_MALE		0x08
#define MF_FEMALE	0x10
#define MF_ROLE		0x20		/* a bare role noun ('the minister') */

#define N_MENTIONS	64			/* ring of recent mentions */
#define MAX_ROLE_LEN 40

typedef struct Mention
{
	uint32_t	start;			/* name as printed, byte span */
	uint32_t	end;
	uint32_t	surname_s;		/* its last word */
	uint32_t	surname_e;
	uint8_t		flags;
	char		roles[MAX_ROLE_LEN];	/* lower-case titles, space-separated */
} Mention;

#define N_SURNAMES	1024		/* open-addressing set of surname hashes */

/* What attribution found for one quotation */
typedef struct Attr
{
	uint32_t	sp_s;			/* speaker as named, byte span (0,0 = none) */
	uint32_t	sp_e;
	int			sp_ext;			/* speaker is the turn's speaker */
	int			sp_parent;		/* speaker is the enclosing quotation's */
	uint32_t	cue_s;			/* cue span */
	uint32_t	cue_e;
	int			found;			/* a cue or a speaker was found */
	int			embedded;		/* preceded by words of its own sentence */
	uint8_t		kind;
} Attr;

typedef struct Ctx
{
	const char *text;
	const unsigned char *u;
	uint32_t	len;

	/* lazy character counter */
	uint32_t	cc_pos;
	uint32_t	cc_chars;

	/* hard-wrapped text: only blank lines separate paragraphs */
	int			wrapped;

	/* per region */
	uint32_t	rstart;
	uint32_t	rend;
	uint32_t	turn_no;
	const char *turn_speaker;
	uint32_t	turn_speaker_len;

	Mark	   *marks;
	size_t		n_marks;
	size_t		cap_marks;
	Para	   *paras;
	size_t		n_paras;
	size_t		cap_paras;
	Open	   *opens;
	size_t		n_opens;
	size_t		cap_opens;
	StackEnt   *stack;
	size_t		n_stack;
	size_t		cap_stack;
	uint32_t   *conts;			/* mark indexes of continuation marks */
	size_t		n_conts;
	size_t		cap_conts;
	uint32_t	fam_open[N_FAM];

	/* mention scanner */
	uint32_t	mscan;			/* text before this is scanned */
	uint32_t	mskip_i;		/* next top-level quotation to skip */
	Mention		ring[N_MENTIONS];
	uint32_t	n_ring;			/* mentions ever added */
	uint32_t	surnames[N_SURNAMES];

	/* output */
	TrQuote    *out;
	size_t		n_out;
	size_t		cap_out;
	char	   *pool;
	size_t		pool_len;
	size_t		pool_cap;

	int64_t		cur_parent;		/* enclosing quotation being attributed, or -1 */
	uint32_t	work;			/* units since the last interrupt check */
} Ctx;

static inline void
tick(Ctx *cx, uint32_t units)
{
	cx->work += units;
	if (cx->work >= TR_INTERRUPT_EVERY)
	{
		cx->work = 0;
		tr_check_interrupts();
	}
}

/* 0-based character offset of byte pos; pos must not go backwards much. */
static uint32_t
char_at(Ctx *cx, uint32_t pos)
{
	const unsigned char *u = cx->u;
	uint32_t	i,
				n;

	if (pos < cx->cc_pos)
	{
		cx->cc_pos = 0;
		cx->cc_chars = 0;
	}
	n = cx->cc_chars;
	for (i = cx->cc_pos; i < pos; i++)
		n += (u[i] & 0xC0) != 0x80;
	cx->cc_pos = pos;
	cx->cc_chars = n;
	return n;
}

/* ----------------------------------------------------------------
 * Step 1: marks and paragraphs
 * ---------------------------------------------------------------- */

/*
 * Hard wrapping: most lines of some length stop near one column (about 72
 * in the White House scrape).  Then a single newline is a line break inside
 * a paragraph; otherwise every newline ends a paragraph.
 */
static int
detect_wrapped(const unsigned char *u, uint32_t start, uint32_t end)
{
	uint32_t	i = start;
	uint32_t	n_lines = 0,
				n_short = 0,
				n_long = 0;
	int			blank = 0;
	int			seen_text = 0;

	while (i < end)
	{
		const unsigned char *nl = memchr(u + i, '\n', end - i);
		uint32_t	e = nl ? (uint32_t) (nl - u) : end;
		uint32_t	l = e - i;
		uint32_t	k;

		for (k = i; k < e && (u[k] == ' ' || u[k] == '\t' || u[k] == '\r'); k++)
			;
		if (k == e && seen_text && nl)
			blank = 1;			/* a blank line after some text */
		if (k < e)
			seen_text = 1;

		if (l >= 40)
		{
			n_lines++;
			if (l <= 90)
				n_short++;
			else
				n_long++;
		}
		i = e + 1;
		if (!nl)
			break;
	}
	/* paragraphs separated by blank lines, or lines cut near one width */
	(void) n_long;
	return blank || (n_lines >= 2 && n_short * 10 >= n_lines * 8);
}

static void
add_para(Ctx *cx, uint32_t start, uint32_t end)
{
	const unsigned char *u = cx->u;

	while (end > start && (u[end - 1] == ' ' || u[end - 1] == '\t' ||
						   u[end - 1] == '\r' || u[end - 1] == '\n'))
		end--;
	tr_grow((void **) &cx->paras, sizeof(Para), cx->n_paras, &cx->cap_paras);
	cx->paras[cx->n_paras].start = start;
	cx->paras[cx->n_paras].end = end;
	cx->n_paras++;
}

static void
add_mark(Ctx *cx, uint32_t pos, int len, int type, int flags, uint32_t para)
{
	Mark	   *m;

	tr_grow((void **) &cx->marks, sizeof(Mark), cx->n_marks, &cx->cap_marks);
	m = &cx->marks[cx->n_marks++];
	m->pos = pos;
	m->cpos = char_at(cx, pos);
	m->para = para;
	m->type = (uint8_t) type;
	m->len = (uint8_t) len;
	m->flags = (uint8_t) flags;
}

/* Decide what a mark at pos may do from its neighbours; 0 drops it. */
static int
mark_flags(Ctx *cx, uint32_t pos, int len, int type)
{
	const unsigned char *u = cx->u;
	uint32_t	pc = ' ',
				nc = ' ';
	int			l;
	int			pcl,
				ncl;
	int			fl = 0;

	if (pos > cx->rstart)
		pc = dec_prev(u + cx->rstart, u + pos, &l);
	if (pos + len < cx->rend)
		nc = dec(u + pos + len, u + cx->rend, &l);
	pcl = nb_class(pc);
	ncl = nb_class(nc);

	switch (type)
	{
		case M_DQ:
		case M_LDQ:
		case M_RDQ:
		case M_LSQ:
		case M_SQ:
		case M_RSQ:
			{
				int			prev_open = (pcl == NB_EDGE || pcl == NB_OPENP || pcl == NB_QUOTE);
				int			next_close = (ncl == NB_EDGE || ncl == NB_CLOSEP ||
										  ncl == NB_QUOTE || ncl == NB_OPENP);

				if (pcl == NB_EDGE && ncl == NB_EDGE)
					return 0;	/* a lone mark between spaces */
				if (pc == '=')
					return 0;	/* an attribute value: style="..." */
				if (type == M_SQ || type == M_RSQ)
				{
					/* apostrophes: don’t, ’90s, rock ’n’ roll */
					if (pcl == NB_ALNUM && ncl == NB_ALNUM)
						return 0;
					if (prev_open && is_digit_cp(nc))
						return 0;
					if (type == M_RSQ && prev_open && ncl == NB_ALNUM)
						return 0;	/* ’em, ’til */
				}
				if (prev_open && !next_close)
					fl |= F_OPEN;
				else if (!prev_open && next_close)
					fl |= F_CLOSE;
				else if (!prev_open && !next_close)
					fl |= F_OPEN | F_CLOSE; /* word"word: decide by state */
				else
					fl |= F_OPEN | F_CLOSE; /* (" or "" : by state */

				/* curly marks say which way they face unless context insists */
				if (type == M_LDQ || type == M_LSQ)
				{
					/* opens by shape; closes only where context insists */
					if (fl == (F_OPEN | F_CLOSE))
						fl = F_OPEN;
					else if (fl == F_CLOSE)
						fl = F_CLOSE | F_OPEN;
				}
				else if (type == M_RDQ || type == M_RSQ)
				{
					if (fl == (F_OPEN | F_CLOSE))
						fl = F_CLOSE;
				}
				if ((type == M_SQ || type == M_RSQ) && (fl & F_CLOSE) &&
					(pc == 's' || pc == 'S') && ncl != NB_QUOTE)
					fl |= F_PLURAL_POSS;
				return fl;
			}
		case M_LOWDQ:
		case M_LGUIL:
		case M_LSGUIL:
			if (ncl == NB_EDGE && pcl != NB_EDGE)
				return 0;
			return F_OPEN;
		case M_LOWSQ:
			/* ‚ is mostly a comma look-alike */
			if ((pcl == NB_EDGE || pcl == NB_OPENP || pcl == NB_QUOTE) && ncl == NB_ALNUM)
				return F_OPEN;
			return 0;
		case M_RGUIL:
		case M_RSGUIL:
			if (pcl == NB_EDGE && ncl != NB_EDGE)
				return 0;
			return F_CLOSE;
	}
	return 0;
}

/*
 * One pass over region bytes: marks and paragraphs.  Only newlines, ASCII
 * quotes and the lead bytes of the Unicode marks stop the loop.
 */
static void
scan_region(Ctx *cx)
{
	static unsigned char stop[256];
	static int	stop_init = 0;
	const unsigned char *u = cx->u;
	uint32_t	i = cx->rstart;
	uint32_t	end = cx->rend;
	uint32_t	para_start;
	uint32_t	para = 0;

	if (!stop_init)
	{
		stop['\n'] = 1;
		stop['"'] = 1;
		stop['\''] = 1;
		stop[0xC2] = 1;
		stop[0xE2] = 1;
		stop_init = 1;
	}

	cx->n_marks = 0;
	cx->n_paras = 0;

	/* first paragraph starts at the first non-blank byte */
	while (i < end && (u[i] == ' ' || u[i] == '\t' || u[i] == '\r' || u[i] == '\n'))
		i++;
	para_start = i;

	while (i < end)
	{
		unsigned char c = u[i];
		int			type = -1;
		int			len = 1;

		if (!stop[c])
		{
			i++;
			continue;
		}
		if ((i & 0xFFFF) == 0)
			tr_check_interrupts();
		if (c == '\n')
		{
			uint32_t	j = i + 1;
			int			brk = !cx->wrapped;

			while (j < end && (u[j] == ' ' || u[j] == '\t' || u[j] == '\r'))
				j++;
			if (j < end && u[j] == '\n')
				brk = 1;
			if (brk)
			{
				while (j < end && (u[j] == ' ' || u[j] == '\t' || u[j] == '\r' || u[j] == '\n'))
					j++;
				if (j > para_start)
				{
					add_para(cx, para_start, i);
					para++;
				}
				para_start = j;
			}
			i = j;
			tick(cx, 1);
			continue;
		}
		if (c == '"')
			type = M_DQ;
		else if (c == '\'')
			type = M_SQ;
		else if (c == 0xC2 && i + 1 < end)
		{
			if (u[i + 1] == 0xAB)
				type = M_LGUIL;
			else if (u[i + 1] == 0xBB)
				type = M_RGUIL;
			len = 2;
		}
		else if (c == 0xE2 && i + 2 < end && u[i + 1] == 0x80)
		{
			switch (u[i + 2])
			{
				case 0x98:
					type = M_LSQ;
					break;
				case 0x99:
					type = M_RSQ;
					break;
				case 0x9A:
					type = M_LOWSQ;
					break;
				case 0x9C:
					type = M_LDQ;
					break;
				case 0x9D:
					type = M_RDQ;
					break;
				case 0x9E:
					type = M_LOWDQ;
					break;
				case 0xB9:
					type = M_LSGUIL;
					break;
				case 0xBA:
					type = M_RSGUIL;
					break;
			}
			len = 3;
		}
		if (type >= 0)
		{
			int			fl = mark_flags(cx, i, len, type);

			if (fl)
			{
				if (i == para_start)
					fl |= F_PARA_INITIAL;
				add_mark(cx, i, len, type, fl, para);
			}
			i += len;
		}
		else
			i++;
		tick(cx, 1);
	}
	if (end > para_start)
		add_para(cx, para_start, end);
	if (cx->n_paras == 0)
		add_para(cx, cx->rstart, cx->rstart);

	/*
	 * Backward pass: does a later single closer follow in the same paragraph
	 * before any double mark?  Decides s’ between possessive and closer.
	 */
	{
		int			later = 0;
		uint32_t	cur_para = UINT32_MAX;
		size_t		k;

		for (k = cx->n_marks; k-- > 0;)
		{
			Mark	   *m = &cx->marks[k];
			int			fam = mark_family[m->type];

			if (m->para != cur_para)
			{
				later = 0;
				cur_para = m->para;
			}
			if (fam == FAM_D || fam == FAM_G)
			{
				later = 0;
				continue;
			}
			if (later)
				m->flags |= F_LATER_SCLOSE;
			if ((m->flags & F_CLOSE) && !(m->flags & F_PLURAL_POSS) &&
				(m->type == M_SQ || m->type == M_RSQ || m->type == M_LSQ))
				later = 1;
		}
	}
}

/* ----------------------------------------------------------------
 * Step 2: pairing
 * ---------------------------------------------------------------- */

static void
push_open(Ctx *cx, uint32_t mark_i)
{
	Open	   *o;
	StackEnt   *s;
	int			fam = mark_family[cx->marks[mark_i].type];

	tr_grow((void **) &cx->opens, sizeof(Open), cx->n_opens, &cx->cap_opens);
	o = &cx->opens[cx->n_opens];
	memset(o, 0, sizeof(Open));
	o->mark = mark_i;
	o->parent = cx->n_stack ? cx->stack[cx->n_stack - 1].open + 1 : 0;
	tr_grow((void **) &cx->stack, sizeof(StackEnt), cx->n_stack, &cx->cap_stack);
	s = &cx->stack[cx->n_stack++];
	s->open = (uint32_t) cx->n_opens;
	s->fam = (uint8_t) fam;
	cx->fam_open[fam]++;
	cx->n_opens++;
}

static void
pop_one(Ctx *cx)
{
	StackEnt   *s = &cx->stack[--cx->n_stack];

	cx->fam_open[s->fam]--;
}

/* Close the innermost open quotation of fam with closer mark_i. */
static void
close_fam(Ctx *cx, int fam, uint32_t mark_i)
{
	while (cx->n_stack > 0)
	{
		StackEnt   *s = &cx->stack[cx->n_stack - 1];

		if (s->fam == fam)
		{
			Open	   *o = &cx->opens[s->open];

			o->closed = 1;
			o->close = mark_i;
			pop_one(cx);
			return;
		}
		pop_one(cx);			/* unclosed inner mark: dropped */
	}
}

/* At a paragraph boundary: continue a quotation or drop what is open. */
static void
para_boundary(Ctx *cx, uint32_t next_mark, uint32_t left_para)
{
	Mark	   *nm = next_mark < cx->n_marks ? &cx->marks[next_mark] : NULL;

	if (cx->n_stack == 0)
		return;
	if (nm && (nm->flags & F_PARA_INITIAL) && (nm->flags & F_OPEN) &&
		nm->para == left_para + 1)
	{
		int			fam = mark_family[nm->type];

		/* the outermost open quotation of that family goes on */
		size_t		k;

		for (k = 0; k < cx->n_stack; k++)
			if (cx->stack[k].fam == fam)
				break;
		if (k < cx->n_stack)
		{
			Open	   *o = &cx->opens[cx->stack[k].open];

			while (cx->n_stack > k + 1)
				pop_one(cx);
			if (o->cont_n == 0)
				o->cont_first = (uint32_t) cx->n_conts;
			tr_grow((void **) &cx->conts, sizeof(uint32_t), cx->n_conts, &cx->cap_conts);
			cx->conts[cx->n_conts++] = next_mark;
			o->cont_n++;
			cx->marks[next_mark].flags |= 0x80; /* consumed as continuation */
			return;
		}
	}
	while (cx->n_stack > 0)
		pop_one(cx);
}

static void
pair_marks(Ctx *cx)
{
	size_t		i;
	uint32_t	cur_para = 0;

	cx->n_opens = 0;
	cx->n_stack = 0;
	cx->n_conts = 0;
	memset(cx->fam_open, 0, sizeof(cx->fam_open));

	for (i = 0; i < cx->n_marks; i++)
	{
		Mark	   *m = &cx->marks[i];
		int			fam = mark_family[m->type];
		int			fl = m->flags;

		if (m->para != cur_para)
		{
			para_boundary(cx, (uint32_t) i, cur_para);
			cur_para = m->para;
			if (m->flags & 0x80)
				continue;
		}
		tick(cx, 1);

		if ((fl & F_CLOSE) && cx->fam_open[fam] > 0)
		{
			/* s’ with another closer to come is a possessive */
			if ((fl & F_PLURAL_POSS) && (fl & F_LATER_SCLOSE))
				continue;
			/* ’ or ' closes only a single quotation open at the top */
			if ((fam == FAM_S) && cx->stack[cx->n_stack - 1].fam != FAM_S)
			{
				if (!(fl & F_OPEN))
					continue;
			}
			else
			{
				close_fam(cx, fam, (uint32_t) i);
				continue;
			}
		}
		if (fl & F_OPEN)
		{
			/* low-9 and curly single marks need a closer to be worth it */
			push_open(cx, (uint32_t) i);
		}
	}
	para_boundary(cx, (uint32_t) cx->n_marks, cur_para);
}

/* ----------------------------------------------------------------
 * Tokens for the attribution windows
 * ---------------------------------------------------------------- */

enum
{
	TK_WORD, TK_PUNCT, TK_QUOTE, TK_DASH
};

#define TF_CAP		0x01
#define TF_POSS		0x02		/* ends in ’s / 's */
#define TF_SENTEND	0x04		/* . ? ! … */
#define TF_NLBREAK	0x08		/* a paragraph break precedes it */

typedef struct Tok
{
	uint32_t	s;
	uint32_t	e;
	uint8_t		kind;
	uint8_t		flags;
	char		low[48];		/* lower-cased word, truncated */
} Tok;

#define MAX_TOKS	96

static void
lower_into(const unsigned char *u, uint32_t s, uint32_t e, char *dst, size_t dstsz)
{
	size_t		o = 0;

	while (s < e)
	{
		int			l;
		uint32_t	c = dec(u + s, u + e, &l);

		if (c < 0x80)
		{
			if (o + 1 >= dstsz)
				break;
			dst[o++] = (char) ((c >= 'A' && c <= 'Z') ? c + 32 : c);
		}
		else
		{
			uint32_t	lc = c == 0xFFFD ? c : (uint32_t) u_tolower((UChar32) c);

			if (lc == 0x2019)
				lc = '\'';
			if (lc < 0x80)
			{
				if (o + 1 >= dstsz)
					break;
				dst[o++] = (char) lc;
			}
			else if (lc < 0x800)
			{
				if (o + 2 >= dstsz)
					break;
				dst[o++] = (char) (0xC0 | (lc >> 6));
				dst[o++] = (char) (0x80 | (lc & 0x3F));
			}
			else
			{
				if (o + 3 >= dstsz)
					break;
				dst[o++] = (char) (0xE0 | (lc >> 12));
				dst[o++] = (char) (0x80 | ((lc >> 6) & 0x3F));
				dst[o++] = (char) (0x80 | (lc & 0x3F));
			}
		}
		s += l;
	}
	dst[o] = '\0';
}

/*
 * Tokenize [s, e) into toks (at most max; keeps the LAST max tokens when
 * keep_last).  Markup (* _ #) and whitespace separate tokens.
 */
static int
tokenize(Ctx *cx, uint32_t s, uint32_t e, Tok *toks, int max, int keep_last)
{
	const unsigned char *u = cx->u;
	int			n = 0;
	uint32_t	p = s;
	int			pending_break = 0;

	while (p < e)
	{
		int			l;
		uint32_t	c = dec(u + p, u + e, &l);
		Tok		   *t;

		/* a Markdown link target: [said](https://...) */
		if (c == ']' && p + 1 < e && u[p + 1] == '(')
		{
			uint32_t	q = p + 2;

			while (q < e && u[q] != ')' && u[q] != ' ' && u[q] != '\n')
				q++;
			if (q < e && u[q] == ')')
			{
				p = q + 1;
				continue;
			}
		}
		if (c == '[' || c == ']' || is_ws(c) || c == '*' || c == '_' || c == '#' || c == '\\')
		{
			if (c == '\n')
			{
				/* a blank line, or any newline in unwrapped text */
				uint32_t	q = p + 1;

				while (q < e && (u[q] == ' ' || u[q] == '\t' || u[q] == '\r'))
					q++;
				if (!cx->wrapped || (q < e && u[q] == '\n'))
					pending_break = 1;
			}
			p += l;
			continue;
		}
		if (n == max)
		{
			if (!keep_last)
				break;
			memmove(toks, toks + 1, sizeof(Tok) * (max - 1));
			n--;
		}
		t = &toks[n++];
		t->s = p;
		t->flags = pending_break ? TF_NLBREAK : 0;
		pending_break = 0;
		t->low[0] = '\0';
		if (is_alnum_cp(c))
		{
			uint32_t	q = p + l;

			t->kind = TK_WORD;
			if (is_upper_cp(c))
				t->flags |= TF_CAP;
			while (q < e)
			{
				int			l2,
							l3;
				uint32_t	c2 = dec(u + q, u + e, &l2);

				if (is_alnum_cp(c2))
				{
					q += l2;
					continue;
				}
				if ((c2 == '\'' || c2 == 0x2019 || c2 == '-' || c2 == 0x2011 ||
					 c2 == '.' || c2 == '&') && q + l2 < e)
				{
					uint32_t	c3 = dec(u + q + l2, u + e, &l3);

					if (is_alnum_cp(c3))
					{
						q += l2 + l3;
						continue;
					}
				}
				break;
			}
			t->e = q;
			lower_into(u, t->s, t->e, t->low, sizeof(t->low));
			/* possessive */
			{
				size_t		ll = strlen(t->low);

				if (ll > 2 && t->low[ll - 1] == 's' && t->low[ll - 2] == '\'')
					t->flags |= TF_POSS;
			}
			/* an abbreviation or an initial keeps its period */
			if (q < e && u[q] == '.')
			{
				int			keep = 0;

				if (strlen(t->low) == 1 && (t->flags & TF_CAP))
					keep = 1;
				else if (lex_has(&lx_abbrev, t->low))
					keep = 1;
				else if (strchr(t->low, '.') != NULL)
					keep = 1;
				if (keep)
				{
					t->e = q + 1;
					if (strlen(t->low) + 1 < sizeof(t->low))
						strcat(t->low, ".");
				}
			}
			p = t->e;
			continue;
		}
		t->e = p + l;
		if (is_mark_cp(c))
			t->kind = TK_QUOTE;
		else if (is_dash_cp(c))
			t->kind = TK_DASH;
		else
		{
			t->kind = TK_PUNCT;
			if (c == '.' || c == '?' || c == '!' || c == 0x2026)
				t->flags |= TF_SENTEND;
			if (c < 0x80)
			{
				t->low[0] = (char) c;
				t->low[1] = '\0';
			}
		}
		p += l;
	}
	return n;
}

static inline int
tok_is(const Tok *t, const char *w)
{
	return t->kind == TK_WORD && strcmp(t->low, w) == 0;
}

static inline int
tok_punct(const Tok *t, char c)
{
	return t->kind == TK_PUNCT && t->low[0] == c && t->low[1] == '\0';
}

static int
tok_is_cue(const Tok *t)
{
	return t->kind == TK_WORD && lex_has(&lx_cue, t->low);
}

/* A word that can be part of a name: capitalized, not a common word. */
static int
tok_namey(const Tok *t)
{
	const char *ap;

	if (t->kind != TK_WORD || !(t->flags & TF_CAP))
		return 0;
	if (lex_has(&lx_stopcap, t->low))
		return 0;
	/* They’ve, We’re, I’m, It’ll */
	ap = strchr(t->low, '\'');
	if (ap && ap[1] && ap[1] != 's')
	{
		char		buf[48];
		size_t		l = (size_t) (ap - t->low);

		memcpy(buf, t->low, l);
		buf[l] = '\0';
		if (lex_has(&lx_stopcap, buf))
			return 0;
	}
	return 1;
}

static int
tok_particle(const Tok *t)
{
	static const char *const parts[] = {"of", "de", "da", "van", "von", "bin",
	"al", "al-", "la", "le", "del", "dos", "du", "der", "ibn", "y", NULL};
	int			k;

	if (t->kind != TK_WORD || (t->flags & TF_CAP))
		return 0;
	for (k = 0; parts[k]; k++)
		if (strcmp(t->low, parts[k]) == 0)
			return 1;
	return 0;
}

static int
is_pronoun(const Tok *t, int *gender)
{
	if (t->kind != TK_WORD)
		return 0;
	if (strcmp(t->low, "he") == 0 || strcmp(t->low, "он") == 0)
	{
		*gender = 'm';
		return 1;
	}
	if (strcmp(t->low, "she") == 0 || strcmp(t->low, "она") == 0)
	{
		*gender = 'f';
		return 1;
	}
	return 0;
}

/*
 * The name phrase that ends at token index last (inclusive): returns the
 * index of its first token, or -1.  Stops at a possessive (Russia’s) that
 * is not the last word.
 */
static int
name_back(Tok *toks, int last, int lo)
{
	int			i = last;
	int			first = -1;

	if (i < lo || !tok_namey(&toks[i]))
		return -1;
	while (i >= lo)
	{
		/* 'Said Pompeo', but 'the United States' */
		if (tok_is_cue(&toks[i]) && (i == lo || !tok_namey(&toks[i - 1])))
			break;
		if (tok_namey(&toks[i]) || (toks[i].kind == TK_WORD && (toks[i].flags & TF_CAP) &&
									lex_has(&lx_title, toks[i].low)))
		{
			if (i != last && (toks[i].flags & TF_POSS))
				break;
			if (i != last && (toks[i].flags & TF_NLBREAK) == 0 && (toks[i + 1].flags & TF_NLBREAK))
				break;
			first = i;
			i--;
			continue;
		}
		if (tok_particle(&toks[i]) && i - 1 >= lo && tok_namey(&toks[i - 1]) && first >= 0)
		{
			i--;
			continue;
		}
		break;
	}
	return first;
}

/* The name phrase starting at token first: returns its last index, or -1. */
static int
name_fwd(Tok *toks, int first, int n)
{
	int			i = first;
	int			last = -1;

	if (first < n && tok_is_cue(&toks[first]))
		return -1;
	while (i < n)
	{
		if (i > first && (toks[i].flags & TF_NLBREAK))
			break;
		if (tok_namey(&toks[i]) || (toks[i].kind == TK_WORD && (toks[i].flags & TF_CAP) &&
									lex_has(&lx_title, toks[i].low)))
		{
			last = i;
			if (toks[i].flags & TF_POSS)
				break;
			i++;
			continue;
		}
		if (tok_particle(&toks[i]) && last >= 0 && i + 1 < n && tok_namey(&toks[i + 1]))
		{
			i++;
			continue;
		}
		break;
	}
	return last;
}

/* ----------------------------------------------------------------
 * Mentions of people, for pronouns and role nouns
 * ---------------------------------------------------------------- */

/* tr_hash_bytes, never 0: 0 marks an empty slot */
static uint32_t
hash_bytes(const char *s, size_t n)
{
	uint32_t	h = tr_hash_bytes(s, n);

	return h ? h : 1;
}

/*
 * Is the surname low in the table (hashes, open addressing, 16 probes)?
 * With add, put it in when it is not (and there is room).
 */
static int
surname_probe(Ctx *cx, const char *low, int add)
{
	uint32_t	h = hash_bytes(low, strlen(low));
	uint32_t	k = h % N_SURNAMES;

	for (int tries = 0; tries < 16; tries++)
	{
		if (cx->surnames[k] == h)
			return 1;
		if (cx->surnames[k] == 0)
		{
			if (add)
				cx->surnames[k] = h;
			return 0;
		}
		k = (k + 1) % N_SURNAMES;
	}
	return 0;
}

static int
given_gender(const char *low)
{
	char		buf[64];
	size_t		l = strlen(low);

	if (l + 3 >= sizeof(buf))
		return 0;
	memcpy(buf, low, l);
	buf[l] = ':';
	buf[l + 1] = 'm';
	buf[l + 2] = '\0';
	if (lex_has(&lx_given, buf))
		return 'm';
	buf[l + 1] = 'f';
	if (lex_has(&lx_given, buf))
		return 'f';
	return 0;
}

/*
 * Record the name phrase toks[first..last] as a mention.  prev is the token
 * before it (or NULL); next the token after (or NULL).
 */
static void
add_mention(Ctx *cx, Tok *toks, int first, int last, const Tok *prev, const Tok *next,
			const Tok *prev2)
{
	Mention    *m = &cx->ring[cx->n_ring % N_MENTIONS];
	int			k;
	int			n_title = 0,
				n_plain = 0,
				n_org = 0;
	size_t		rl = 0;

	memset(m, 0, sizeof(Mention));
	m->start = toks[first].s;
	m->end = toks[last].e;
	m->surname_s = toks[last].s;
	m->surname_e = toks[last].e;
	if (toks[last].flags & TF_POSS)
	{
		m->flags |= MF_POSS;
		m->end -= (cx->u[m->end - 2] == '\'') ? 2 : 4;	/* 's or ’s */
		m->surname_e = m->end;
	}
	for (k = first; k <= last; k++)
	{
		if (lex_has(&lx_title, toks[k].low))
		{
			size_t		wl = strlen(toks[k].low);

			n_title++;
			if (rl + wl + 2 < MAX_ROLE_LEN)
			{
				memcpy(m->roles + rl, toks[k].low, wl);
				rl += wl;
				m->roles[rl++] = ' ';
			}
			if (strcmp(toks[k].low, "mr.") == 0 || strcmp(toks[k].low, "mr") == 0 ||
				strcmp(toks[k].low, "sir") == 0 || strcmp(toks[k].low, "king") == 0 ||
				strcmp(toks[k].low, "prince") == 0 || strcmp(toks[k].low, "lord") == 0)
				m->flags |= MF_MALE;
			else if (strcmp(toks[k].low, "mrs.") == 0 || strcmp(toks[k].low, "ms.") == 0 ||
					 strcmp(toks[k].low, "mrs") == 0 || strcmp(toks[k].low, "ms") == 0 ||
					 strcmp(toks[k].low, "miss") == 0 || strcmp(toks[k].low, "madam") == 0 ||
					 strcmp(toks[k].low, "queen") == 0 || strcmp(toks[k].low, "lady") == 0 ||
					 strcmp(toks[k].low, "princess") == 0 || strcmp(toks[k].low, "dame") == 0)
				m->flags |= MF_FEMALE;
		}
		else if (lex_has(&lx_org, toks[k].low))
			n_org++;
		else
		{
			int			g = given_gender(toks[k].low);

			n_plain++;
			if (g == 'm')
				m->flags |= MF_MALE;
			else if (g == 'f')
				m->flags |= MF_FEMALE;
		}
	}
	/* a lower-case title just before: 'foreign minister Sergei Lavrov' */
	if (prev && prev->kind == TK_WORD && !(prev->flags & TF_CAP) &&
		lex_has(&lx_title, prev->low))
	{
		size_t		wl = strlen(prev->low);

		n_title++;
		if (rl + wl + 2 < MAX_ROLE_LEN)
		{
			memcpy(m->roles + rl, prev->low, wl);
			rl += wl;
			m->roles[rl++] = ' ';
		}
	}
	m->roles[rl] = '\0';

	/*
	 * The person is the run of plain words at the end ('Глава МИД России
	 * Сергей Лавров', 'Secretary of State Antony Blinken'), with the titles
	 * right before it.
	 */
	{
		int			tp = 0;
		int			f = last;

		while (f >= first && !lex_has(&lx_title, toks[f].low) &&
			   !lex_has(&lx_org, toks[f].low) && !tok_particle(&toks[f]))
		{
			tp++;
			f--;
		}
		while (f >= first && lex_has(&lx_title, toks[f].low))
			f--;
		/* 'МИД России Сергей Лавров': a genitive after an organisation */
		if (tp > 2 && f >= first && lex_has(&lx_org, toks[f].low))
		{
			f += tp - 2;
			tp = 2;
		}
		if (tp > 0 && f >= first)
		{
			m->start = toks[f + 1].s;
			n_org = 0;
		}
		if (tp > 0)
			n_plain = tp;
	}
	if (n_org == 0 && n_plain > 0 && (n_title > 0 || n_plain >= 2))
		m->flags |= MF_PERSON;
	else if (n_org == 0 && n_plain == 1 && surname_probe(cx, toks[last].low, 0))
		m->flags |= MF_PERSON;
	else if (n_org == 0 && n_plain >= 1 && next && (tok_is_cue(next) ||
													lex_has(&lx_adverb, next->low)))
		m->flags |= MF_PERSON;	/* the subject of a cue verb */

	if (prev && prev->kind == TK_WORD && !(prev->flags & TF_CAP) &&
		lex_has(&lx_objprep, prev->low))
	{
		m->flags |= MF_OBJ;
		/* 'X and Y': Y is what X is */
		if ((strcmp(prev->low, "and") == 0 || strcmp(prev->low, "or") == 0) && cx->n_ring > 0)
		{
			Mention    *pm = &cx->ring[(cx->n_ring - 1) % N_MENTIONS];

			if (!(pm->flags & MF_OBJ) && prev2 && prev2->e == pm->end)
				m->flags &= ~MF_OBJ;
		}
	}
	if (prev && (prev->flags & TF_POSS))
		m->flags |= MF_OBJ;		/* Lavrov’s counterpart ... */

#ifdef TR_QUOTES_DEBUG
	fprintf(stderr, "mention [%.*s] flags %x roles '%s'\n", (int) (m->end - m->start),
			cx->text + m->start, m->flags, m->roles);
#endif
	if (m->flags & MF_PERSON)
	{
		if (n_plain > 0)
			(void) surname_probe(cx, toks[last].low[0] ? toks[last].low : "", 1);
		cx->n_ring++;
	}
}

/* Scan text [cx->mscan, upto) outside quotations for mentions. */
static void
scan_mentions(Ctx *cx, uint32_t upto)
{
	Tok			toks[MAX_TOKS];

	while (cx->mscan < upto)
	{
		uint32_t	seg_end = upto;
		uint32_t	next_scan;
		int			n,
					n_all,
					i;

		while (cx->mskip_i < cx->n_out &&
			   (cx->out[cx->mskip_i].parent != 0 || cx->out[cx->mskip_i].end <= cx->mscan))
			cx->mskip_i++;
		if (cx->mskip_i < cx->n_out)
		{
			TrQuote    *q = &cx->out[cx->mskip_i];

			if (q->start <= cx->mscan)
			{
				/* inside a quotation: its words name no mentions */
				cx->mscan = q->end;
				cx->mskip_i++;
				continue;
			}
			if (q->start < seg_end)
				seg_end = q->start;
		}

		n_all = tokenize(cx, cx->mscan, seg_end, toks, MAX_TOKS, 0);
		if (n_all == 0)
		{
			cx->mscan = seg_end;
			continue;
		}
		/* leave a margin so that a name is not cut at the chunk's end */
		n = n_all == MAX_TOKS ? n_all - 8 : n_all;
		next_scan = n_all == MAX_TOKS ? toks[n].s : seg_end;
		for (i = 0; i < n; i++)
		{
			int			last;

			if (!tok_namey(&toks[i]) &&
				!(toks[i].kind == TK_WORD && (toks[i].flags & TF_CAP) &&
				  lex_has(&lx_title, toks[i].low)))
				continue;
			last = name_fwd(toks, i, n_all);
			if (last < 0)
				continue;
			add_mention(cx, toks, i, last, i > 0 ? &toks[i - 1] : NULL,
						last + 1 < n_all ? &toks[last + 1] : NULL,
						i > 1 ? &toks[i - 2] : NULL);
			i = last;
			if (last >= n)
				next_scan = last + 1 < n_all ? toks[last + 1].s : seg_end;
		}
		tick(cx, (uint32_t) n);
		cx->mscan = next_scan;
	}
}

/*
 * The last fitting person before pos: gender agrees, not an object or a
 * possessive; failing that, the last person of fitting gender.  role, if
 * set, must be among the titles (for 'the minister').
 */
static Mention *
resolve(Ctx *cx, uint32_t pos, int gender, const char *role)
{
	uint32_t	k;
	Mention    *fallback = NULL;

	scan_mentions(cx, pos);
	for (k = 0; k < cx->n_ring && k < N_MENTIONS; k++)
	{
		Mention    *m = &cx->ring[(cx->n_ring - 1 - k) % N_MENTIONS];

		if (m->start >= pos)
			continue;
		if (gender == 'm' && (m->flags & MF_FEMALE))
			continue;
		if (gender == 'f' && (m->flags & MF_MALE))
			continue;
		if (role)
		{
			if (strstr(m->roles, role) != NULL)
				return m;
			continue;
		}
		if (!(m->flags & (MF_OBJ | MF_POSS)))
			return m;
		if (!fallback)
			fallback = m;
	}
	return fallback;
}

/* ----------------------------------------------------------------
 * Step 3: attribution
 * ---------------------------------------------------------------- */

static void
set_speaker_span(Attr *a, uint32_t s, uint32_t e)
{
	a->sp_s = s;
	a->sp_e = e;
	a->sp_ext = 0;
	a->found = 1;
}

static void
set_speaker_mention(Attr *a, Mention *m)
{
	if (m)
		set_speaker_span(a, m->start, m->end);
}

static void
set_cue(Ctx *cx, Attr *a, Tok *toks, int v, int n)
{
	a->cue_s = toks[v].s;
	a->cue_e = toks[v].e;
	a->found = 1;
	/* 'called it', 'according to', 'put it', 'pointed out', 'по словам' */
	if (v + 1 < n && toks[v + 1].kind == TK_WORD &&
		(((strncmp(toks[v].low, "call", 4) == 0 || strcmp(toks[v].low, "put") == 0 ||
		   strcmp(toks[v].low, "dubbed") == 0 || strcmp(toks[v].low, "described") == 0 ||
		   strcmp(toks[v].low, "termed") == 0) &&
		  (tok_is(&toks[v + 1], "it") || tok_is(&toks[v + 1], "them") ||
		   tok_is(&toks[v + 1], "this") || tok_is(&toks[v + 1], "that"))) ||
		 (strcmp(toks[v].low, "pointed") == 0 && tok_is(&toks[v + 1], "out")) ||
		 (strcmp(toks[v].low, "went") == 0 && tok_is(&toks[v + 1], "on"))))
		a->cue_e = toks[v + 1].e;
	(void) cx;
}

/* Is toks[v] a cue verb in context ('put it', 'went on' and plain verbs)? */
static int
cue_at(Tok *toks, int v, int n)
{
	if (!tok_is_cue(&toks[v]))
		return 0;
	/* 'called for a policy', 'calls on Congress': not speech */
	if (strncmp(toks[v].low, "call", 4) == 0 && v + 1 < n &&
		(tok_is(&toks[v + 1], "for") || tok_is(&toks[v + 1], "on") ||
		 tok_is(&toks[v + 1], "upon")))
		return 0;
	if (strcmp(toks[v].low, "put") == 0)
		return v + 1 < n && tok_is(&toks[v + 1], "it");
	if (strcmp(toks[v].low, "pointed") == 0)
		return v + 1 < n && tok_is(&toks[v + 1], "out");
	if (strcmp(toks[v].low, "went") == 0)
		return v + 1 < n && tok_is(&toks[v + 1], "on");
	return 1;
}

static void attr_reset(Attr *a);

/* 'I' in a cue: the speaker of the enclosing quotation, or the turn's. */
static int
speaker_I(Ctx *cx, Attr *a)
{
	if (cx->cur_parent >= 0 && cx->out[cx->cur_parent].speaker.off != TR_NULL_OFF)
	{
		a->sp_parent = 1;
		a->found = 1;
		return 1;
	}
	if (cx->cur_parent < 0 && cx->turn_speaker)
	{
		a->sp_ext = 1;
		a->found = 1;
		return 1;
	}
	return 0;
}

/* A capitalized word that only starts a sentence: 'Speaking', 'Afterwards'. */
static int
sentence_word(const Tok *t)
{
	size_t		l = strlen(t->low);

	return l > 4 && (strcmp(t->low + l - 3, "ing") == 0 || strcmp(t->low + l - 2, "ed") == 0 ||
					 strcmp(t->low + l - 2, "ly") == 0 || strcmp(t->low + l - 5, "wards") == 0);
}

static int
appositive_start(const Tok *t)
{
	static const char *const w[] = {"a", "an", "the", "his", "her", "their", "its",
	"our", "my", "former", "then", NULL};
	int			k;

	if (t->kind != TK_WORD)
		return 0;
	if (t->flags & TF_CAP)
		return 1;
	for (k = 0; w[k]; k++)
		if (strcmp(t->low, w[k]) == 0)
			return 1;
	return 0;
}

/* Is toks[i] an object: after a preposition or a transitive verb? */
static int
tok_after_objprep(Tok *toks, int i, int lo)
{
	return i - 1 >= lo && toks[i - 1].kind == TK_WORD && !(toks[i - 1].flags & TF_CAP) &&
		lex_has(&lx_objprep, toks[i - 1].low);
}

/*
 * The best person named in toks[lo, hi): not a possessive or an object,
 * preferring full names and names with titles; ties go to the first.
 * Returns 1 and sets the speaker when found.
 */
static int
best_name(Ctx *cx, Attr *a, Tok *toks, int lo, int hi)
{
	int			i;
	int			best_s = -1,
				best_e = -1,
				best_score = 0;

	for (i = lo; i < hi; i++)
	{
		int			last,
					k,
					plain = 0,
					title = 0,
					org = 0,
					score;
		int			g;

		if (is_pronoun(&toks[i], &g) && best_score == 0)
		{
			Mention    *m = resolve(cx, toks[i].s, g, NULL);

			if (m)
			{
				set_speaker_mention(a, m);
				return 1;
			}
			continue;
		}
		if (!tok_namey(&toks[i]) && !(toks[i].kind == TK_WORD && (toks[i].flags & TF_CAP) &&
									   lex_has(&lx_title, toks[i].low)))
			continue;
		last = name_fwd(toks, i, hi);
		if (last < 0)
			continue;
		if ((toks[last].flags & TF_POSS) || tok_after_objprep(toks, i, lo) ||
			(last == i && sentence_word(&toks[i])))
		{
			i = last;
			continue;
		}
		for (k = i; k <= last; k++)
		{
			if (lex_has(&lx_title, toks[k].low))
				title++;
			else if (lex_has(&lx_org, toks[k].low))
				org++;
			else if (!sentence_word(&toks[k]) || k > i)
				plain++;
		}
		score = org ? (plain ? 1 : 0) : (plain >= 2 ? 4 : (plain && title ? 3 : 1));
		if (plain == 0 && title > 0 && i - 1 >= lo && tok_is(&toks[i - 1], "the"))
			score = 1;			/* 'the President' */
		if (score > best_score)
		{
			best_score = score;
			best_s = i;
			best_e = last;
		}
		i = last;
	}
	if (best_score == 0)
		return 0;
	if (best_s == best_e && lex_has(&lx_role, toks[best_s].low))
	{
		Mention    *m = resolve(cx, toks[best_s].s, 0, toks[best_s].low);

		if (m)
		{
			set_speaker_mention(a, m);
			return 1;
		}
	}
	set_speaker_span(a, toks[best_s].s, toks[best_e].e);
	return 1;
}

/*
 * The subject of the cue verb at toks[v]: a name or pronoun just before it
 * (adverbs and one appositive allowed), or 'the ROLE'.  Returns 1 and sets
 * the speaker when found.
 */
static int
subject_before(Ctx *cx, Attr *a, Tok *toks, int v, int lo)
{
	int			i = v - 1;
	int			skipped = 0;
	int			g;

	while (i >= lo && skipped < 2 && toks[i].kind == TK_WORD && !(toks[i].flags & TF_CAP) &&
		   (lex_has(&lx_adverb, toks[i].low) ||
			(strlen(toks[i].low) > 3 && strcmp(toks[i].low + strlen(toks[i].low) - 2, "ly") == 0)))
	{
		i--;
		skipped++;
	}
	if (i < lo)
		return 0;
	/* appositives: 'Katie Merlin, a law student, said'; 'the spokesman, Dan Oyelaran, said' */
	if (tok_punct(&toks[i], ','))
	{
		int			j = i - 1;

		while (j >= lo && j > i - 16 && !tok_punct(&toks[j], ',') && toks[j].kind != TK_QUOTE)
			j--;
		if (j >= lo && tok_punct(&toks[j], ','))
		{
			int			last = j + 1 < i ? name_fwd(toks, j + 1, i) : -1;

			if (last == i - 1 && !(toks[last].flags & TF_POSS))
			{
				set_speaker_span(a, toks[j + 1].s, toks[last].e);
				return 1;
			}
			if (j + 1 < i && appositive_start(&toks[j + 1]) && j - 1 >= lo)
			{
				int			f = name_back(toks, j - 1, lo);

				if (f >= 0 && !(toks[j - 1].flags & TF_POSS))
				{
					set_speaker_span(a, toks[f].s, toks[j - 1].e);
					return 1;
				}
			}
		}
		return 0;
	}
	if (is_pronoun(&toks[i], &g))
	{
		Mention    *m = resolve(cx, toks[i].s, g, NULL);

		set_speaker_mention(a, m);
		a->found = 1;
		return m != NULL;
	}
	if (tok_is(&toks[i], "i"))
		return speaker_I(cx, a);
	if (toks[i].kind == TK_WORD && (toks[i].flags & TF_CAP) == 0 &&
		lex_has(&lx_role, toks[i].low))
	{
		/* 'the minister said', 'Russia’s foreign minister said' */
		Mention    *m = resolve(cx, toks[i].s, 0, toks[i].low);

		if (m)
			set_speaker_mention(a, m);
		else
		{
			int			f = i;

			while (f - 1 >= lo && toks[f - 1].kind == TK_WORD &&
				   !tok_is(&toks[f - 1], "the") && f > i - 3 &&
				   ((toks[f - 1].flags & TF_CAP) || lex_has(&lx_title, toks[f - 1].low)))
				f--;
			set_speaker_span(a, toks[f].s, toks[i].e);
		}
		a->found = 1;
		return 1;
	}
	{
		int			f = name_back(toks, i, lo);

		if (f >= 0)
		{
			if (toks[i].flags & TF_POSS)
				return 0;
			/* 'the President said' */
			if (f == i && lex_has(&lx_role, toks[i].low) && f - 1 >= lo &&
				tok_is(&toks[f - 1], "the"))
			{
				Mention    *m = resolve(cx, toks[i].s, 0, toks[i].low);

				if (m)
				{
					set_speaker_mention(a, m);
					return 1;
				}
			}
			while (f < i && sentence_word(&toks[f]))
				f++;
			set_speaker_span(a, toks[f].s, toks[i].e);
			return 1;
		}
	}
	/* 'As Maiya Moncino, the group’s founder said,' */
	if (toks[i].kind == TK_WORD && !(toks[i].flags & TF_CAP))
	{
		int			k = i - 1;

		while (k >= lo && k > i - 9 && toks[k].kind == TK_WORD)
			k--;
		if (k >= lo && tok_punct(&toks[k], ',') && k + 1 <= i &&
			appositive_start(&toks[k + 1]) && !(toks[k + 1].flags & TF_CAP) && k - 1 >= lo)
		{
			int			f = name_back(toks, k - 1, lo);

			if (f >= 0 && !(toks[k - 1].flags & TF_POSS))
			{
				set_speaker_span(a, toks[f].s, toks[k - 1].e);
				return 1;
			}
		}
	}
	return 0;
}

/* A speaker right after the cue verb at toks[v]: 'said President Biden'. */
static int
subject_after(Ctx *cx, Attr *a, Tok *toks, int v, int n)
{
	int			i = v + 1;
	int			last;
	int			g;

	if (i < n && (tok_is(&toks[i], "to") && strcmp(toks[v].low, "according") == 0))
		i++;
	if (i < n && (tok_is(&toks[i], "the") || tok_is(&toks[i], "a")))
	{
		/* 'said the President’s National Climate Adviser Ali Zaidi' */
		int			j = i + 1,
					f = -1,
					l = -1;

		while (j < n && j < i + 10 && toks[j].kind == TK_WORD)
		{
			if ((toks[j].flags & TF_POSS) || lex_has(&lx_title, toks[j].low) ||
				lex_has(&lx_org, toks[j].low) || !(toks[j].flags & TF_CAP))
				f = -1;
			else if (tok_namey(&toks[j]))
			{
				if (f < 0)
					f = j;
				l = j;
			}
			j++;
		}
		if (f >= 0 && l == j - 1)
		{
			while (f - 1 > i && (toks[f - 1].flags & TF_CAP) && !(toks[f - 1].flags & TF_POSS) &&
				   lex_has(&lx_title, toks[f - 1].low))
				f--;
			set_speaker_span(a, toks[f].s, toks[l].e);
			return 1;
		}
		j = i + 1;

		while (j < n && j < i + 4 && toks[j].kind == TK_WORD)
		{
			if (lex_has(&lx_role, toks[j].low))
			{
				Mention    *m = resolve(cx, toks[j].s, 0, toks[j].low);

				if (m)
					set_speaker_mention(a, m);
				else
					set_speaker_span(a, toks[i + 1].s, toks[j].e);
				a->found = 1;
				return 1;
			}
			j++;
		}
		return 0;
	}
	if (i < n && toks[i].kind == TK_WORD && !(toks[i].flags & TF_CAP) &&
		lex_has(&lx_role, toks[i].low))
	{
		/* Russian: '— заявил министр' */
		Mention    *m = resolve(cx, toks[i].s, 0, toks[i].low);

		if (!m)
			m = resolve(cx, toks[i].s, 0, NULL);	/* the last person named */
		if (m)
			set_speaker_mention(a, m);
		else
			set_speaker_span(a, toks[i].s, toks[i].e);
		a->found = 1;
		return 1;
	}
	if (i < n && tok_is(&toks[i], "i"))
		return speaker_I(cx, a);
	if (i < n && is_pronoun(&toks[i], &g))
	{
		Mention    *m = resolve(cx, toks[i].s, g, NULL);

		set_speaker_mention(a, m);
		a->found = 1;
		return m != NULL;
	}
	if (i < n)
	{
		last = name_fwd(toks, i, n);
		if (last < 0)
		{
			/* lower-case descriptors first: 'said Russian foreign minister Sergei Lavrov' */
			int			j = i;

			while (j < n && j < i + 4 && toks[j].kind == TK_WORD && !(toks[j].flags & TF_CAP))
				j++;
			if (j < n && j > i && tok_namey(&toks[j]))
			{
				last = name_fwd(toks, j, n);
				i = j;
			}
		}
		if (last >= 0)
		{
			if (toks[last].flags & TF_POSS)
				return 0;
			set_speaker_span(a, toks[i].s, toks[last].e);
			return 1;
		}
	}
	return 0;
}

/*
 * Cue after the quotation: R holds the tokens after the closing mark up to
 * the end of the sentence.  inner_last is the last character inside the
 * marks: after a full stop, a capitalized word starts a new sentence.
 */
static int
cue_after(Ctx *cx, Attr *a, Tok *R, int nr, uint32_t inner_last)
{
	int			i = 0;
	int			v;
	int			dash = 0;

	while (i < nr && (R[i].kind == TK_DASH || tok_punct(&R[i], ',')))
	{
		if (R[i].kind == TK_DASH)
			dash = 1;
		i++;
	}
	if (i >= nr || R[i].kind != TK_WORD)
		return 0;
	if (inner_last == '.' && !dash && (R[i].flags & TF_CAP))
		return 0;
	/* verb first: 'said President Biden', '— заявил министр' */
	if (cue_at(R, i, nr))
	{
		set_cue(cx, a, R, i, nr);
		subject_after(cx, a, R, i, nr);
		return 1;
	}
	/* subject first: 'Pompeo added', 'he said', 'the President said' */
	for (v = i + 1; v < nr && v <= i + 7; v++)
	{
		if (R[v].kind != TK_WORD)
		{
			if (tok_punct(&R[v], ','))
				continue;		/* appositive */
			break;
		}
		if (cue_at(R, v, nr))
		{
			if (subject_before(cx, a, R, v, i))
			{
				set_cue(cx, a, R, v, nr);
				return 1;
			}
			/* 'the statement said' */
			if (v - i <= 3 && (tok_is(&R[i], "the") || tok_is(&R[i], "a") ||
							   tok_is(&R[i], "his") || tok_is(&R[i], "her") ||
							   tok_is(&R[i], "its") || tok_is(&R[i], "their")))
			{
				attr_reset(a);
				set_cue(cx, a, R, v, nr);
				return 1;
			}
			return 0;
		}
	}
	/* a byline: '” – President Biden, UN General Assembly Address' */
	if (dash)
	{
		int			last = name_fwd(R, i, nr);

		if (last >= 0 && !(R[last].flags & TF_POSS) &&
			(last == nr - 1 || tok_punct(&R[last + 1], ',')))
		{
			set_speaker_span(a, R[i].s, R[last].e);
			return 1;
		}
	}
	return 0;
}

/* 'according to X' in a token list: returns the index of 'according' */
static int
find_according(Tok *toks, int lo, int n)
{
	int			i;

	for (i = n - 2; i >= lo; i--)
		if ((tok_is(&toks[i], "according") && tok_is(&toks[i + 1], "to")) ||
			(tok_is(&toks[i], "по") && tok_is(&toks[i + 1], "словам")))
			return i;
	return -1;
}

static void
set_according(Ctx *cx, Attr *a, Tok *L, int acc, int end)
{
	(void) cx;
	a->cue_s = L[acc].s;
	a->cue_e = L[acc + 1].e;
	a->found = 1;
	if (acc + 2 < end)
	{
		int			last = name_fwd(L, acc + 2, end);

		if (last >= 0)
			set_speaker_span(a, L[acc + 2].s, L[last].e);
		else if (L[acc + 2].kind == TK_WORD && tok_is(&L[acc], "по"))
			set_speaker_span(a, L[acc + 2].s, L[acc + 2].e);	/* genitive */
	}
}

/*
 * Cue before the quotation, introduced by a colon or a comma.  L holds the
 * tokens of the sentence before the opening mark.
 */
static int
cue_before(Ctx *cx, Attr *a, Tok *L, int nl)
{
	int			end;
	int			v;
	int			acc;
	int			colon;

	if (nl == 0 || !(tok_punct(&L[nl - 1], ':') || tok_punct(&L[nl - 1], ',')))
		return 0;
	colon = tok_punct(&L[nl - 1], ':');
	end = nl - 1;
	for (v = end - 1; v >= 0 && v >= end - 24; v--)
	{
		if (!colon && v < end - 6)
			break;
		if (L[v].kind == TK_QUOTE)
			break;
		if (cue_at(L, v, end))
		{
			size_t		vl = strlen(L[v].low);

			set_cue(cx, a, L, v, end);
			if (vl > 4 && strcmp(L[v].low + vl - 3, "ing") == 0 && !colon)
			{
				/* 'He spoke for an hour, saying, ...' */
				best_name(cx, a, L, 0, v);
				return 1;
			}
			if (!subject_before(cx, a, L, v, 0) && !subject_after(cx, a, L, v, end) &&
				v > 0 && (tok_is(&L[v - 1], "and") || tok_punct(&L[v - 1], ',')))
				best_name(cx, a, L, 0, v);
			return 1;
		}
	}
	acc = find_according(L, 0, end);
	if (acc >= 0)
	{
		set_according(cx, a, L, acc, end);
		return 1;
	}
	/* no verb: a label ('Jacky Rosen:') or a sentence naming the speaker */
	if (colon)
		return best_name(cx, a, L, 0, end);
	return 0;
}

/*
 * A quotation inside reported speech: a cue verb earlier in the sentence
 * ('Pompeo likewise called it “...”', 'answering that the two “...”').
 */
static int
cue_embedded(Ctx *cx, Attr *a, Tok *L, int nl)
{
	int			v;
	int			acc;

	for (v = nl - 1; v >= 0 && v >= nl - 30; v--)
	{
		if (L[v].kind == TK_QUOTE)
			break;
		if (cue_at(L, v, nl))
		{
			size_t		vl = strlen(L[v].low);

			set_cue(cx, a, L, v, nl);
			/* a participle takes the subject of the sentence */
			if (vl > 4 && strcmp(L[v].low + vl - 3, "ing") == 0)
			{
				best_name(cx, a, L, 0, v);
				return 1;
			}
			if (!subject_before(cx, a, L, v, 0) && !subject_after(cx, a, L, v, nl) &&
				v > 0 && (tok_is(&L[v - 1], "and") || tok_punct(&L[v - 1], ',')))
				best_name(cx, a, L, 0, v);	/* '... and said it' */
			return 1;
		}
	}
	acc = find_according(L, 0, nl);
	if (acc >= 0)
	{
		set_according(cx, a, L, acc, nl);
		return 1;
	}
	return 0;
}

/* Number of words in [s, e), counting at most limit. */
static int
count_words(Ctx *cx, uint32_t s, uint32_t e, int limit)
{
	const unsigned char *u = cx->u;
	int			n = 0;
	int			inword = 0;

	while (s < e && n <= limit)
	{
		int			l;
		uint32_t	c = dec(u + s, u + e, &l);

		if (is_alnum_cp(c))
		{
			if (!inword)
				n++;
			inword = 1;
		}
		else if (!(c == '\'' || c == 0x2019 || c == '-'))
			inword = 0;
		s += l;
	}
	return n;
}

/*
 * A title or a name: every word of four letters or more capitalized, no
 * sentence punctuation inside ('Life in the Fast Lane', 'The Rock').
 */
static int
title_case(Ctx *cx, uint32_t s, uint32_t e)
{
	const unsigned char *u = cx->u;
	int			start = 1;
	int			wlen = 0;
	int			first_upper = 0;
	int			words = 0;

	while (s <= e)
	{
		int			l = 1;
		uint32_t	c = s < e ? dec(u + s, u + e, &l) : ' ';

		if (is_alnum_cp(c) || c == '\'' || c == 0x2019 || c == '-' || c == '\\' || c == '#')
		{
			if (start)
			{
				first_upper = is_upper_cp(c) || is_digit_cp(c) || c == '\\' || c == '#';
				start = 0;
				wlen = 0;
			}
			wlen++;
		}
		else
		{
			if (!start)
			{
				words++;
				if (!first_upper && (wlen >= 4 || words == 1))
					return 0;
			}
			start = 1;
			if (c == '.' || c == '?' || c == '!' || c == ';' || c == ':')
				return 0;
		}
		s += l;
	}
	return words > 0;
}

/* Does [s, e) end (before spaces) with one of the characters in set? */
static uint32_t
last_char(Ctx *cx, uint32_t s, uint32_t e)
{
	int			l;

	while (e > s && is_ws(cx->u[e - 1]))
		e--;
	if (e <= s)
		return 0;
	return dec_prev(cx->u + s, cx->u + e, &l);
}

static uint32_t
first_char(Ctx *cx, uint32_t s, uint32_t e)
{
	int			l;

	while (s < e)
	{
		uint32_t	c = dec(cx->u + s, cx->u + e, &l);

		if (!is_ws(c) && c != '*' && c != '_' && !is_mark_cp(c) && c != '(' && c != '[')
			return c;
		s += l;
	}
	return 0;
}

static inline int
sentence_final(uint32_t c)
{
	return c == '.' || c == '?' || c == '!' || c == 0x2026;
}

/* Words before a quotation that make it a title: 'the book “...”'. */
LEX(lx_titlecue,
	"book", "books", "film", "films", "movie", "song", "songs", "album",
	"titled", "entitled", "named", "nicknamed", "headline", "headlined",
	"slogan", "motto", "hashtag", "memoir", "novel", "poem", "play", "show",
	"series", "campaign", "program", "programme", "initiative", "operation",
	"report", "article", "op-ed", "essay", "column", "documentary", "hits",
	"word", "words", "phrase", "term", "label", "brand", "theme", "known",
	"so-called", "dubbed");

static void store_attr(Ctx *cx, TrQuote *q, Attr *a);
static TrStr pool_add_clean(Ctx *cx, uint32_t s, uint32_t e);

/* Forget a failed attempt. */
static void
attr_reset(Attr *a)
{
	a->sp_s = a->sp_e = 0;
	a->sp_ext = 0;
	a->sp_parent = 0;
	a->cue_s = a->cue_e = 0;
	a->found = 0;
}

#define WIN_BEFORE	700
#define WIN_AFTER	400

/* Keep only the tokens after the last sentence end. */
static int
keep_sentence(Tok *t, int n, int also_quote)
{
	int			i;

	for (i = n - 1; i >= 0; i--)
		if ((t[i].flags & TF_SENTEND) || (also_quote && t[i].kind == TK_QUOTE))
			break;
	if (i >= 0)
	{
		memmove(t, t + i + 1, sizeof(Tok) * (n - i - 1));
		n -= i + 1;
	}
	return n;
}

/*
 * Attribute quotation q (index qi into cx->out).  prev_sib is the previous
 * quotation with the same parent, or -1.
 */
static void
attribute(Ctx *cx, size_t qi, Open *o, int prev_sib, int n_paras_spanned)
{
	TrQuote    *q = &cx->out[qi];
	Mark	   *om = &cx->marks[o->mark];
	Mark	   *cm = &cx->marks[o->close];
	uint32_t	open_para = om->para;
	uint32_t	close_para = cm->para;
	Para	   *op = &cx->paras[open_para];
	Para	   *cp = &cx->paras[close_para];
	uint32_t	lo,
				hi;
	uint32_t	ce = cm->pos + cm->len;
	Tok			L[MAX_TOKS],
				R[MAX_TOKS];
	int			nl,
				nr,
				i;
	Attr		a;
	uint32_t	inner_last;
	int			nwords;
	int			sentence_initial;
	int			cut_by_prev = 0;
	int			series = 0;
	int			colon_intro;
	int			title_like = 0;
	TrQuote    *ps = prev_sib >= 0 ? &cx->out[prev_sib] : NULL;

	memset(&a, 0, sizeof(a));
	cx->cur_parent = q->parent ? (int64_t) q->parent - 1 : -1;

	/* the window before: the sentence, within the paragraph */
	lo = op->start;
	if (q->parent && cx->out[q->parent - 1].start > lo)
		lo = cx->out[q->parent - 1].start;
	if (ps && ps->end >= lo && ps->end <= om->pos)
	{
		lo = ps->end;
		cut_by_prev = 1;
	}
	if (om->pos > WIN_BEFORE && om->pos - WIN_BEFORE > lo)
	{
		lo = om->pos - WIN_BEFORE;
		cut_by_prev = 0;
	}
	if (lo > om->pos)
		lo = om->pos;
	nl = tokenize(cx, lo, om->pos, L, MAX_TOKS, 1);
	for (i = 0; i < nl && L[i].kind == TK_QUOTE; i++)
		;
	if (i > 0)
	{
		memmove(L, L + i, sizeof(Tok) * (nl - i));
		nl -= i;
	}
	{
		int			n0 = nl;

		nl = keep_sentence(L, nl, 0);
		if (nl != n0)
			cut_by_prev = 0;	/* a new sentence began after it */
	}
	if (cut_by_prev && sentence_final(last_char(cx, ps->start, ps->end)) &&
		nl > 0 && (L[0].flags & TF_CAP))
		cut_by_prev = 0;		/* '“Why?” I said, “...' */
	sentence_initial = nl == 0;
	if (nl == 0 && cut_by_prev && !sentence_final(last_char(cx, ps->start, ps->end)))
	{
		series = 1;				/* '“Walk Away,” “Life’s Been Good,”' */
		sentence_initial = 0;
	}

	/* the window after: to the end of the sentence */
	hi = cp->end;
	if (q->parent && cx->out[q->parent - 1].end < hi)
		hi = cx->out[q->parent - 1].end;
	if (hi > ce + WIN_AFTER)
		hi = ce + WIN_AFTER;
	if (hi < ce)
		hi = ce;
	nr = tokenize(cx, ce, hi, R, MAX_TOKS, 0);
	for (i = 0; i < nr; i++)
		if ((R[i].flags & TF_SENTEND) || R[i].kind == TK_QUOTE)
			break;
	nr = i;

	inner_last = last_char(cx, q->start, q->end);
	nwords = count_words(cx, q->start, q->end, 12);
	colon_intro = nl > 0 && tok_punct(&L[nl - 1], ':');
	a.embedded = series;
	if (nl > 0 && L[nl - 1].kind == TK_WORD)
		a.embedded = 1;
	else if (nl > 0 && tok_punct(&L[nl - 1], ',') &&
			 !is_upper_cp(first_char(cx, q->start, q->end)))
	{
		/* 'he said, “we ...' and 'According to X, “the ...' are full */
		int			k,
					intro = 0;

		for (k = nl - 2; k >= 0 && k >= nl - 9; k--)
			if (cue_at(L, k, nl) || tok_is(&L[k], "according") || tok_is(&L[k], "словам"))
				intro = 1;
		a.embedded = !intro;
	}

	/* titles and nicknames: 'the book “The Long Table”', 'Dwayne “The Rock” Johnson' */
	if (a.embedded && nwords <= 6 && title_case(cx, q->start, q->end))
		title_like = 1;
	if (nl > 0 && L[nl - 1].kind == TK_WORD && lex_has(&lx_titlecue, L[nl - 1].low) &&
		nwords <= 8 && !sentence_final(inner_last))
		title_like = 1;
	if (nl > 0 && nr > 0 && tok_namey(&L[nl - 1]) && tok_namey(&R[0]) && nwords <= 3 &&
		R[0].s == ce + 1)
		title_like = 1;

	if (!title_like)
	{
		/* 1. cue after, in the same sentence */
		if (!cue_after(cx, &a, R, nr, inner_last))
			attr_reset(&a);

		/* 2. cue before: colon or comma introductions */
		if (!a.found && !a.embedded)
			cue_before(cx, &a, L, nl);

		/* 3. the quotation ends its paragraph; the next one is 'Lavrov said.' */
		if (!a.found && q->parent == 0 && nr == 0 && close_para + 1 < cx->n_paras &&
			(inner_last == ',' || inner_last == '?' || inner_last == '!' ||
			 is_dash_cp(inner_last) || inner_last == 0x2026) &&
			last_char(cx, ce, cp->end) == 0)
		{
			Para	   *np = &cx->paras[close_para + 1];
			uint32_t	nhi = np->end < np->start + WIN_AFTER ? np->end : np->start + WIN_AFTER;

			nr = tokenize(cx, np->start, nhi, R, MAX_TOKS, 0);
			for (i = 0; i < nr; i++)
				if ((R[i].flags & TF_SENTEND) || R[i].kind == TK_QUOTE)
					break;
			nr = i;
			if (!cue_after(cx, &a, R, nr, 0))
				attr_reset(&a);
		}

		/* 4. reported speech: a cue verb earlier in the sentence */
		if (!a.found && a.embedded && !series)
			cue_embedded(cx, &a, L, nl);

		/* 5. cue before a paragraph break: 'Pompeo likewise called it' */
		if (!a.found && q->parent == 0 && nl == 0 && open_para > 0 &&
			(om->flags & F_PARA_INITIAL))
		{
			Para	   *pp = &cx->paras[open_para - 1];
			uint32_t	lc = last_char(cx, pp->start, pp->end);

			if (lc && !sentence_final(lc) && !is_mark_cp(lc) &&
				lc != ')' && lc != ']' && lc != '*')
			{
				uint32_t	plo = pp->end > pp->start + WIN_BEFORE ? pp->end - WIN_BEFORE : pp->start;

				nl = tokenize(cx, plo, pp->end, L, MAX_TOKS, 1);
				nl = keep_sentence(L, nl, 1);
				if (nl > 0 && (tok_punct(&L[nl - 1], ':') || tok_punct(&L[nl - 1], ',')))
				{
					colon_intro = tok_punct(&L[nl - 1], ':');
					cue_before(cx, &a, L, nl);
				}
				else if (nl > 0)
				{
					a.embedded = 1;
					cue_embedded(cx, &a, L, nl);
				}
			}
		}
	}

	/* a cue with no subject in a sentence that went on from the previous quotation */
	if (a.found && a.sp_e == a.sp_s && !a.sp_ext && !a.sp_parent && ps &&
		ps->kind != TR_QUOTE_SCARE && ps->speaker.off != TR_NULL_OFF &&
		(series || (cut_by_prev && nl > 0)))
	{
		q->speaker = ps->speaker;
		q->speaker_key = ps->speaker_key;
	}

	/* 6. in the same sentence as the previous quotation: its speaker */
	if (!a.found && !title_like && ps && ps->kind != TR_QUOTE_SCARE &&
		(series || (cut_by_prev && nl > 0)) &&
		(ps->speaker.off != TR_NULL_OFF || ps->cue.off != TR_NULL_OFF))
	{
		q->speaker = ps->speaker;
		q->speaker_key = ps->speaker_key;
		q->cue = ps->cue;
		q->kind = a.embedded ? TR_QUOTE_PARTIAL : TR_QUOTE_FULL;
		if (n_paras_spanned > 1)
			q->kind = TR_QUOTE_MULTI;
		return;
	}

	/* 7. a continuation: the previous quotation's speaker goes on */
	if (!a.found && !title_like && !a.embedded && ps && ps->kind != TR_QUOTE_SCARE &&
		ps->speaker.off != TR_NULL_OFF && sentence_initial)
	{
		/* the paragraph of the previous quotation's end */
		size_t		lo2 = 0,
					hi2 = cx->n_paras;

		while (lo2 < hi2)
		{
			size_t		mid = (lo2 + hi2) / 2;

			if (cx->paras[mid].start <= ps->end)
				lo2 = mid + 1;
			else
				hi2 = mid;
		}
		if (lo2 > 0 && open_para <= lo2)
		{
			q->speaker = ps->speaker;
			q->speaker_key = ps->speaker_key;
			q->kind = n_paras_spanned > 1 ? TR_QUOTE_MULTI : TR_QUOTE_FULL;
			return;
		}
	}

	/* kind */
	if (n_paras_spanned > 1)
		a.kind = TR_QUOTE_MULTI;
	else if (title_like)
		a.kind = TR_QUOTE_SCARE;
	else if (!a.found)
	{
		uint32_t	fc = first_char(cx, q->start, q->end);

		if (colon_intro)
			a.kind = (nwords <= 8 && title_case(cx, q->start, q->end)) ?
				TR_QUOTE_SCARE : TR_QUOTE_FULL;
		else if (a.embedded || nwords <= 4)
			a.kind = (a.embedded && nwords >= 8) ? TR_QUOTE_PARTIAL : TR_QUOTE_SCARE;
		else if (sentence_initial && is_upper_cp(fc))
			a.kind = TR_QUOTE_FULL;
		else if (nwords >= 8)
			a.kind = TR_QUOTE_FULL;
		else
			a.kind = TR_QUOTE_SCARE;
	}
	else if (a.embedded)
		a.kind = TR_QUOTE_PARTIAL;
	else
		a.kind = TR_QUOTE_FULL;

	q->kind = a.kind;
	if (a.kind != TR_QUOTE_SCARE && q->speaker.off == TR_NULL_OFF)
		store_attr(cx, q, &a);
	else if (a.kind != TR_QUOTE_SCARE && a.cue_e > a.cue_s)
		q->cue = pool_add_clean(cx, a.cue_s, a.cue_e);
}

/* ----------------------------------------------------------------
 * Output
 * ---------------------------------------------------------------- */

static void
pool_reserve(Ctx *cx, size_t more)
{
	if (cx->pool_len + more + 1 > cx->pool_cap)
	{
		size_t		nc = cx->pool_cap ? cx->pool_cap : 256;

		while (nc < cx->pool_len + more + 1)
		{
			if (nc > ((size_t) UINT32_MAX) / 2)
				tr_hooks.fail("quotation pool too large");
			nc *= 2;
		}
		cx->pool = cx->pool ? tr_realloc(cx->pool, nc) : tr_alloc(nc);
		cx->pool_cap = nc;
	}
}

static TrStr
pool_add(Ctx *cx, const char *s, size_t n)
{
	TrStr		r;

	pool_reserve(cx, n);
	memcpy(cx->pool + cx->pool_len, s, n);
	r.off = (uint32_t) cx->pool_len;
	r.len = (uint32_t) n;
	cx->pool_len += n;
	cx->pool[cx->pool_len] = '\0';
	return r;
}

/* Copy [s, e) folding whitespace and dropping markup asterisks. */
static TrStr
pool_add_clean(Ctx *cx, uint32_t s, uint32_t e)
{
	const unsigned char *u = cx->u;
	TrStr		r;
	int			sp = 0;

	pool_reserve(cx, e - s);
	r.off = (uint32_t) cx->pool_len;
	while (s < e && (is_ws(u[s]) || u[s] == '*'))
		s++;
	for (; s < e; s++)
	{
		unsigned char c = u[s];

		if (c == '*' || c == '\\')
			continue;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		{
			sp = 1;
			continue;
		}
		if (sp && cx->pool_len > r.off)
			cx->pool[cx->pool_len++] = ' ';
		sp = 0;
		cx->pool[cx->pool_len++] = (char) c;
	}
	r.len = (uint32_t) (cx->pool_len - r.off);
	cx->pool[cx->pool_len] = '\0';
	return r;
}

static TrStr
null_str(void)
{
	TrStr		r;

	r.off = TR_NULL_OFF;
	r.len = 0;
	return r;
}

static TrStr
key_of(Ctx *cx, TrStr sp)
{
	size_t		kl = 0;
	char	   *k;
	TrStr		r;

	if (sp.off == TR_NULL_OFF)
		return null_str();
	k = tr_speaker_key(cx->pool + sp.off, sp.len, &kl);
	if (k == NULL)
		return null_str();
	r = pool_add(cx, k, kl);
	tr_free(k);
	return r;
}

/* Store the speaker, its key and the cue that attribution found. */
static void
store_attr(Ctx *cx, TrQuote *q, Attr *a)
{
	if (a->sp_parent)
	{
		q->speaker = cx->out[cx->cur_parent].speaker;
		q->speaker_key = cx->out[cx->cur_parent].speaker_key;
	}
	else if (a->sp_ext)
	{
		q->speaker = pool_add(cx, cx->turn_speaker, cx->turn_speaker_len);
		q->speaker_key = key_of(cx, q->speaker);
	}
	else if (a->sp_e > a->sp_s)
	{
		q->speaker = pool_add_clean(cx, a->sp_s, a->sp_e);
		if (q->speaker.len == 0)
			q->speaker = null_str();
		q->speaker_key = key_of(cx, q->speaker);
	}
	if (a->cue_e > a->cue_s)
		q->cue = pool_add_clean(cx, a->cue_s, a->cue_e);
}

/* The quoted words: continuation marks dropped, whitespace folded. */
static TrStr
quote_text(Ctx *cx, Open *o)
{
	const unsigned char *u = cx->u;
	Mark	   *om = &cx->marks[o->mark];
	Mark	   *cm = &cx->marks[o->close];
	uint32_t	s = om->pos + om->len;
	uint32_t	e = cm->pos;
	uint32_t	ci = 0;
	TrStr		r;
	int			sp = 0;
	int			parabreak = 0;

	pool_reserve(cx, (e - s) + 2 * o->cont_n);
	r.off = (uint32_t) cx->pool_len;
	while (s < e && (u[s] == ' ' || u[s] == '\t' || u[s] == '\n' || u[s] == '\r'))
		s++;
	while (s < e)
	{
		unsigned char c = u[s];

		if (ci < o->cont_n && s == cx->marks[cx->conts[o->cont_first + ci]].pos)
		{
			s += cx->marks[cx->conts[o->cont_first + ci]].len;
			ci++;
			parabreak = 1;
			sp = 0;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		{
			sp = 1;
			s++;
			continue;
		}
		if (parabreak && cx->pool_len > r.off)
		{
			cx->pool[cx->pool_len++] = '\n';
			cx->pool[cx->pool_len++] = '\n';
		}
		else if (sp && cx->pool_len > r.off)
			cx->pool[cx->pool_len++] = ' ';
		sp = 0;
		parabreak = 0;
		cx->pool[cx->pool_len++] = (char) c;
		s++;
	}
	r.len = (uint32_t) (cx->pool_len - r.off);
	cx->pool[cx->pool_len] = '\0';
	return r;
}

/* Turn closed opens into quotations (in start order) and attribute them. */
static void
emit_region(Ctx *cx)
{
	size_t		base = cx->n_out;
	size_t		i;
	uint32_t   *map;			/* open index -> 1-based output index */
	int			last_top = -1;

	if (cx->n_opens == 0)
		return;
	map = tr_alloc_array(cx->n_opens, sizeof(uint32_t));
	for (i = 0; i < cx->n_opens; i++)
	{
		Open	   *o = &cx->opens[i];
		TrQuote    *q;
		Mark	   *om,
				   *cm;

		if (!o->closed)
			continue;
		om = &cx->marks[o->mark];
		/* no words between the marks: not a quotation */
		{
			uint32_t	p = om->pos + om->len;
			uint32_t	e = cx->marks[o->close].pos;

			while (p < e && (cx->u[p] == ' ' || cx->u[p] == '\n' || cx->u[p] == '\t' ||
							 cx->u[p] == '\r'))
				p++;
			if (p >= e)
			{
				o->closed = 0;
				continue;
			}
		}
		cm = &cx->marks[o->close];
		tr_grow((void **) &cx->out, sizeof(TrQuote), cx->n_out, &cx->cap_out);
		q = &cx->out[cx->n_out];
		memset(q, 0, sizeof(TrQuote));
		q->start = om->pos + om->len;
		q->end = cm->pos;
		q->char_start = om->cpos + 2;	/* after the mark, 1-based */
		q->char_end = cm->cpos + 1;
		/* the words: no blanks at either end (ASCII, one byte a character) */
		while (q->start < q->end && (cx->u[q->start] == ' ' || cx->u[q->start] == '\n' ||
									 cx->u[q->start] == '\t' || cx->u[q->start] == '\r'))
		{
			q->start++;
			q->char_start++;
		}
		while (q->end > q->start && (cx->u[q->end - 1] == ' ' || cx->u[q->end - 1] == '\n' ||
									 cx->u[q->end - 1] == '\t' || cx->u[q->end - 1] == '\r'))
		{
			q->end--;
			q->char_end--;
		}
		q->turn_no = cx->turn_no;
		q->speaker = null_str();
		q->speaker_key = null_str();
		q->cue = null_str();
		/* the nearest enclosing open that was closed */
		{
			uint32_t	p = o->parent;

			while (p && !cx->opens[p - 1].closed)
				p = cx->opens[p - 1].parent;
			q->parent = p ? map[p - 1] : 0;
		}
		cx->n_out++;
		map[i] = (uint32_t) cx->n_out;
	}

	/* attribute in text order */
	cx->mscan = cx->rstart;
	cx->mskip_i = (uint32_t) base;
	cx->n_ring = 0;
	memset(cx->surnames, 0, sizeof(cx->surnames));
	{
		size_t		k = base;
		int		   *last_child = NULL;	/* per parent: last sibling index */

		last_child = tr_alloc_array(cx->n_out - base + 1, sizeof(int));
		for (i = 0; i < cx->n_out - base + 1; i++)
			last_child[i] = -1;
		for (i = 0; i < cx->n_opens; i++)
		{
			Open	   *o = &cx->opens[i];
			TrQuote    *q;
			int			prev_sib;
			int			n_spanned;

			if (!o->closed)
				continue;
			q = &cx->out[k];
			if (q->parent == 0)
			{
				prev_sib = last_top;
				last_top = (int) k;
			}
			else
			{
				prev_sib = last_child[q->parent - base];
				last_child[q->parent - base] = (int) k;
			}
			n_spanned = (int) (cx->marks[o->close].para - cx->marks[o->mark].para) + 1;
			q->quote = quote_text(cx, o);
			attribute(cx, k, o, prev_sib, n_spanned);
			tick(cx, 64);
			k++;
		}
		tr_free(last_child);
	}
	tr_free(map);
}

static void
run_region(Ctx *cx, uint32_t start, uint32_t end, uint32_t turn_no,
		   const char *speaker, uint32_t speaker_len)
{
	if (end <= start)
		return;
	cx->rstart = start;
	cx->rend = end;
	cx->turn_no = turn_no;
	cx->turn_speaker = speaker;
	cx->turn_speaker_len = speaker_len;
	scan_region(cx);
	pair_marks(cx);
	emit_region(cx);
}

TrParseStatus
tr_quotes(const char *text, size_t len, const TrDoc *doc, TrQuoteSet *out)
{
	Ctx		   *cx;

	memset(out, 0, sizeof(*out));
	if (len >= (size_t) UINT32_MAX - 1)
		return TR_ERR_TOO_LARGE;

	cx = tr_alloc_array(1, sizeof(Ctx));
	cx->text = text;
	cx->u = (const unsigned char *) text;
	cx->len = (uint32_t) len;
	cx->wrapped = detect_wrapped(cx->u, 0, (uint32_t) len);

	if (doc == NULL)
		run_region(cx, 0, (uint32_t) len, 0, NULL, 0);
	else
	{
		uint32_t	t;

		for (t = 0; t < doc->n_turns; t++)
		{
			const TrTurn *tn = &doc->turns[t];
			const char *sp = NULL;
			uint32_t	spl = 0;

			if (tn->speaker.off != TR_NULL_OFF && doc->pool)
			{
				sp = doc->pool + tn->speaker.off;
				spl = tn->speaker.len;
			}
			if (tn->body_end > len || tn->body_start > tn->body_end)
				continue;
			run_region(cx, tn->body_start, tn->body_end, t + 1, sp, spl);
		}
	}

	out->quotes = cx->out;
	out->n_quotes = (uint32_t) cx->n_out;
	if (cx->pool == NULL)
		pool_reserve(cx, 1);
	out->pool = cx->pool;
	out->pool_len = (uint32_t) cx->pool_len;

	if (cx->marks)
		tr_free(cx->marks);
	if (cx->paras)
		tr_free(cx->paras);
	if (cx->opens)
		tr_free(cx->opens);
	if (cx->stack)
		tr_free(cx->stack);
	if (cx->conts)
		tr_free(cx->conts);
	tr_free(cx);
	return TR_OK;
}

void
tr_quotes_free(TrQuoteSet *qs)
{
	if (qs->quotes)
		tr_free(qs->quotes);
	if (qs->pool)
		tr_free(qs->pool);
	memset(qs, 0, sizeof(*qs));
}

const char *
tr_quote_kind_name(int kind)
{
	switch (kind)
	{
		case TR_QUOTE_FULL:
			return "full";
		case TR_QUOTE_PARTIAL:
			return "partial";
		case TR_QUOTE_MULTI:
			return "multi";
		case TR_QUOTE_SCARE:
			return "scare";
	}
	return "full";
}
