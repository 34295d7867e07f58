/*
 * tr_header.c
 *		Header block, layout mode and metadata of a transcript.
 *
 * The header is everything before the spoken text: YAML front matter
 * (White House), the title and dateline block (State Department: title,
 * principal, venue, city, date; Foreign Ministry: '11 December 201901:08',
 * title, language bar), the HTML head of a Congressional Record page.  We
 * look at no more than HEADER_PARAS paragraphs and HEADER_BYTES bytes after
 * the front matter: the header block ends after the last dateline, clock
 * time or language bar among the leading title-like paragraphs, and before
 * the first label or prose paragraph.
 *
 * Names: the title and header lines are searched for person names after a
 * title word ('Press Secretary Jen Psaki', 'Foreign Minister Sergey
 * Lavrov's'), after 'by'/'with'/'and' ('with Enrique Acevedo', two words at
 * least), and as a line of their own followed by a title line ('Michael R.
 * Pompeo' / 'Secretary of State').  The principal is the name on such a
 * line, else the first title name that opens the title or follows 'by'.
 */
#include "tr_header.h"
#include "tr_label.h"
#include "tr_mem.h"
#include "tr_utf8.h"

#include <string.h>

#define HEADER_PARAS		12
#define HEADER_BYTES		4096
#define FRONTMATTER_MAX		65536
#define SAMPLE_BYTES		65536
#define LONG_LINE_CHARS		100
#define LANG_SAMPLE			2048	/* enough letters to tell the script */
#define MAX_HDR_LINES		48

TrStr
tr_pool_add(TrPool *pool, const char *s, size_t n)
{
	TrStr		r;

	if (pool->len + n + 1 > (size_t) UINT32_MAX - 1)
		tr_hooks.fail("string pool too large");
	if (pool->len + n + 1 > pool->cap)
	{
		size_t		cap = pool->cap ? pool->cap : 256;

		while (cap < pool->len + n + 1)
			cap *= 2;
		pool->data = pool->data ? tr_realloc(pool->data, cap) : tr_alloc(cap);
		pool->cap = cap;
	}
	memcpy(pool->data + pool->len, s, n);
	r.off = (uint32_t) pool->len;
	r.len = (uint32_t) n;
	pool->len += n;
	/* keep every string NUL-terminated for the convenience of callers */
	pool->data[pool->len++] = '\0';
	return r;
}

/* ---------- dates and times ---------- */

static const char *const month_names[12][3] = {
	{"january", "jan", "января"}, {"february", "feb", "февраля"},
	{"march", "mar", "марта"}, {"april", "apr", "апреля"},
	{"may", "may", "мая"}, {"june", "jun", "июня"},
	{"july", "jul", "июля"}, {"august", "aug", "августа"},
	{"september", "sep", "сентября"}, {"october", "oct", "октября"},
	{"november", "nov", "ноября"}, {"december", "dec", "декабря"}
};

static const char *const weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
	"sat", "sun", NULL
};

/* Length of the alphabetic word at s[i] (ASCII or two-byte letters). */
static size_t
alpha_word_len(const char *s, size_t i, size_t end)
{
	size_t		p = i;

	while (p < end)
	{
		unsigned char c = (unsigned char) s[p];

		if (tr_is_ascii_alpha(c))
			p++;
		else if ((c == 0xD0 || c == 0xD1) && p + 1 < end)
			p += 2;				/* Cyrillic */
		else
			break;
	}
	return p - i;
}

/* Month (1-12) named by the word s[i, i+n), or 0. */
static int
month_of(const char *s, size_t i, size_t n)
{
	for (int m = 0; m < 12; m++)
	{
		if (tr_ascii_ieq(s + i, n, month_names[m][0]) ||
			tr_ascii_ieq(s + i, n, month_names[m][1]) ||
			(n == strlen(month_names[m][2]) &&
			 memcmp(s + i, month_names[m][2], n) == 0))
			return m + 1;
		if (n == 4 && tr_ascii_ieq(s + i, n, "sept") && m == 8)
			return 9;
	}
	return 0;
}

/* Read 1..maxd digits at s[*i]; returns the value or -1. */
static int
read_number(const char *s, size_t *i, size_t end, int mind, int maxd)
{
	int			v = 0;
	int			d = 0;

	while (*i < end && d < maxd && tr_is_digit((unsigned char) s[*i]))
	{
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		d++;
	}
	return d >= mind ? v : -1;
}

/* Skip an ordinal suffix ('st', 'nd', 'rd', 'th') after a day number. */
static size_t
skip_ordinal(const char *s, size_t i, size_t end)
{
	if (i + 2 <= end && (tr_ascii_iprefix(s, i, end, "st") ||
						 tr_ascii_iprefix(s, i, end, "nd") ||
						 tr_ascii_iprefix(s, i, end, "rd") ||
						 tr_ascii_iprefix(s, i, end, "th")) &&
		(i + 2 == end || !tr_is_ascii_alpha((unsigned char) s[i + 2])))
		return i + 2;
	return i;
}

/* Try to read a date at s[i]; sets the date and the end of the match. */
static bool
date_at(const char *s, size_t i, size_t end, int *y, int *m, int *d,
		size_t *m_end)
{
	size_t		p = i;
	size_t		n;
	int			day,
				mon,
				year;

	if (p >= end)
		return false;
	if (tr_is_digit((unsigned char) s[p]))
	{
		/* '14 May 2019', '20th March 2018' */
		day = read_number(s, &p, end, 1, 2);
		p = skip_ordinal(s, p, end);
		if (p >= end || !tr_blank_len(s, p, end))
			return false;
		p = tr_skip_blanks(s, p, end);
		n = alpha_word_len(s, p, end);
		if (n == 0 || (mon = month_of(s, p, n)) == 0)
			return false;
		p += n;
		if (p < end && s[p] == '.')
			p++;
		if (p < end && s[p] == ',')
			p++;
		p = tr_skip_blanks(s, p, end);
		year = read_number(s, &p, end, 4, 4);
	}
	else
	{
		/* 'May 14, 2019', 'Dec. 10, 2019' */
		n = alpha_word_len(s, p, end);
		if (n == 0 || (mon = month_of(s, p, n)) == 0)
			return false;
		p += n;
		if (p < end && s[p] == '.')
			p++;
		if (p >= end || !tr_blank_len(s, p, end))
			return false;
		p = tr_skip_blanks(s, p, end);
		day = read_number(s, &p, end, 1, 2);
		if (day < 0)
			return false;
		p = skip_ordinal(s, p, end);
		if (p < end && s[p] == ',')
			p++;
		p = tr_skip_blanks(s, p, end);
		year = read_number(s, &p, end, 4, 4);
	}
	if (day < 1 || day > 31 || year < 1800 || year > 2200)
		return false;
	*y = year;
	*m = mon;
	*d = day;
	*m_end = p;
	return true;
}

bool
tr_find_date(const char *s, size_t begin, size_t end, int *year, int *month,
			 int *day, size_t *m_start, size_t *m_end)
{
	for (size_t p = begin; p < end; p++)
	{
		unsigned char c = (unsigned char) s[p];
		unsigned char prev = p > begin ? (unsigned char) s[p - 1] : ' ';

		/* only at a word start */
		if (tr_is_ascii_alpha(prev) || tr_is_digit(prev) ||
			(prev >= 0x80 && prev != 0xA0))
			continue;
		if ((tr_is_digit(c) || tr_is_ascii_alpha(c) || c == 0xD0 || c == 0xD1) &&
			date_at(s, p, end, year, month, day, m_end))
		{
			*m_start = p;
			return true;
		}
	}
	return false;
}

size_t
tr_time_len(const char *s, size_t i, size_t end, bool need_ampm)
{
	size_t		p = i;
	bool		ampm = false;
	size_t		q;

	if (read_number(s, &p, end, 1, 2) < 0)
		return 0;
	if (p >= end || s[p] != ':')
		return 0;
	p++;
	if (read_number(s, &p, end, 2, 2) < 0)
		return 0;
	if (p < end && s[p] == ':')
	{
		p++;
		if (read_number(s, &p, end, 2, 2) < 0)
			return 0;
	}
	if (p < end && tr_is_digit((unsigned char) s[p]))
		return 0;
	q = tr_skip_blanks(s, p, end);
	{
		static const char *const ap[] = {"a.m.", "p.m.", "am", "pm", NULL};

		for (int k = 0; ap[k]; k++)
			if (tr_ascii_iprefix(s, q, end, ap[k]) &&
				(q + strlen(ap[k]) >= end ||
				 !tr_is_ascii_alpha((unsigned char) s[q + strlen(ap[k])])))
			{
				p = q + strlen(ap[k]);
				ampm = true;
				break;
			}
	}
	if (need_ampm && !ampm)
		return 0;
	/* a time zone: 'EST', 'EDT', 'GMT', 'MSK' */
	q = tr_skip_blanks(s, p, end);
	{
		size_t		z = q;

		while (z < end && z - q < 5 && tr_is_ascii_upper((unsigned char) s[z]))
			z++;
		if (z - q >= 2 && z - q <= 4 &&
			(z >= end || !tr_is_ascii_alpha((unsigned char) s[z])))
			p = z;
	}
	return p - i;
}

bool
tr_is_language_bar(const char *s, size_t i, size_t end)
{
	int			tags = 0;

	for (size_t p = i; p + 5 <= end; p++)
	{
		if (tr_is_ascii_lower((unsigned char) s[p]) &&
			tr_is_ascii_lower((unsigned char) s[p + 1]) && s[p + 2] == '-' &&
			tr_is_ascii_upper((unsigned char) s[p + 3]) &&
			tr_is_ascii_upper((unsigned char) s[p + 4]) &&
			(p == i || !tr_is_ascii_alpha((unsigned char) s[p - 1])))
			tags++;
	}
	return tags >= 2;
}

/* ---------- names ---------- */

/* Title words: they name an office, not a person. */
static const char *const title_words[] = {
	"President", "Vice", "Prime", "Minister", "Secretary", "Foreign", "State",
	"Press", "Deputy", "Assistant", "Under", "Senior", "Special", "National",
	"Security", "Adviser", "Advisor", "Ambassador", "Senator", "Sen.",
	"Representative", "Rep.", "Congressman", "Congresswoman", "Governor",
	"Gov.", "Mayor", "Director", "Administrator", "Chancellor", "King",
	"Queen", "Prince", "Princess", "Crown", "Emperor", "General", "Admiral",
	"Colonel", "Lieutenant", "Chairman", "Chairwoman", "Chair", "Speaker",
	"Leader", "Majority", "Minority", "Spokesperson", "Spokeswoman",
	"Spokesman", "Envoy", "Coordinator", "Commissioner", "First", "Lady",
	"Second", "Gentleman", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr",
	"Dr.", "Madam", "Sir", "His", "Her", "Excellency", "Majesty", "Highness",
	"Chief", "Staff", "Attorney", "Surgeon", "Justice", "Judge", "Acting",
	"Executive", "Economic", "Defense", "Treasury", "Homeland", "Energy",
	"Education", "Commerce", "Labor", "Agriculture", "Interior",
	"Transportation", "Veterans", "Affairs", "Climate", "Officer", "Counselor",
	"Principal", "Candidate", "Nominee", "Council", "Pope", "Cardinal",
	"Reverend", "Rev.", "Министр", "Президент", "Председатель",
	/* Russian titles and the words that open Foreign Ministry page titles */
	"Министра", "Президента", "Председателя", "Заместителя", "Посла",
	"Официального", "Выступление", "Ответы", "Интервью", "Заявление",
	"Вступительное", "Стенограмма", "Брифинг", "Пресс-конференция",
	"Совместная", "Статья", "Комментарий", "Приветствие", "Слово", "Послание",
	NULL
};

/* Capitalized words of titles and datelines that are not names either. */
static const char *const stop_words[] = {
	"The", "A", "An", "Of", "On", "In", "At", "For", "To", "By", "With", "And",
	"Remarks", "Remark", "Statement", "Statements", "Briefing", "Gaggle",
	"Call", "Conference", "Readout", "Availability", "Event", "Meeting",
	"Roundtable", "Interview", "Reception", "Ceremony", "Signing", "Speech",
	"Address", "Release", "Announcement", "Trip", "Tour", "Visit", "Session",
	"Hall", "Town", "Room", "House", "White", "Office", "Team", "Officials",
	"Official", "Members", "Member", "Leaders", "Response", "Health",
	"Public", "Department", "Administration", "Committee", "Force", "Group",
	"Summit", "Forum", "Dinner", "Lunch", "Breakfast", "Day", "Week", "Act",
	"Bill", "Law", "Order", "Plan", "Program", "Initiative", "Agenda",
	"Opening", "Joint", "News", "Media", "Questions", "Answers", "Talks",
	"Russia", "Russian", "Federation", "United", "States", "America",
	"American", "US", "U.S.", "USA", "UN", "Ukraine", "China", "Canada",
	"Europe", "Eurasia", "European", "Union", "Washington", "Moscow",
	"Brady", "Room", "Rose", "Garden", "Lawn", "South", "North", "East",
	"West", "Oval", "Roosevelt", "Eisenhower", "Building", "Hotel",
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December", "Monday",
	"Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
	"Congressional", "Record", "Senate", "Congress", "Daily", "Digest",
	"As", "Prepared", "Delivery", "Before", "After", "During", "Following",
	NULL
};

/*
 * title_words and stop_words as one hashed table with a mask of the lists a
 * word is in: header words are asked about one by one, and one probe beats
 * a walk through a list.  Built on first use.
 */
#define HW_TITLE	1
#define HW_STOP		2
#define HW_SLOTS	1024		/* a power of two, well above both lists */

static const char *hw_words[HW_SLOTS];
static uint8_t hw_lens[HW_SLOTS];
static uint8_t hw_masks[HW_SLOTS];
static bool hw_ready = false;

static unsigned
header_word_class(const char *s, size_t n)
{
	uint32_t	h;

	if (!hw_ready)
	{
		const char *const *lists[] = {title_words, stop_words};
		const uint8_t bits[] = {HW_TITLE, HW_STOP};

		for (int l = 0; l < 2; l++)
			for (const char *const *w = lists[l]; *w; w++)
			{
				h = tr_hash_bytes(*w, strlen(*w)) & (HW_SLOTS - 1);
				while (hw_words[h] != NULL && strcmp(hw_words[h], *w) != 0)
					h = (h + 1) & (HW_SLOTS - 1);
				hw_words[h] = *w;
				hw_lens[h] = (uint8_t) strlen(*w);
				hw_masks[h] |= bits[l];
			}
		hw_ready = true;
	}
	h = tr_hash_bytes(s, n) & (HW_SLOTS - 1);
	while (hw_words[h] != NULL)
	{
		if (hw_lens[h] == n && memcmp(hw_words[h], s, n) == 0)
			return hw_masks[h];
		h = (h + 1) & (HW_SLOTS - 1);
	}
	return 0;
}

/* Case-insensitive (ASCII) membership, for upper-case labels. */
static bool
word_in_list_ci(const char *s, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (tr_ascii_ieq(s, n, *list))
			return true;
	return false;
}

/* A word of a title or header line, with its punctuation peeled off. */
typedef struct Tok
{
	size_t		s,
				e;				/* the word proper */
	bool		stop_after;		/* punctuation after it ends a name */
	bool		possessive;		/* "Lavrov's" */
} Tok;

/* Split s[0, n) into at most cap words. */
static int
tokenize(const char *s, size_t n, Tok *toks, int cap)
{
	int			nt = 0;
	size_t		i = 0;

	while (i < n && nt < cap)
	{
		size_t		ws,
					we,
					e;

		i = tr_skip_blanks(s, i, n);
		if (i >= n)
			break;
		if (s[i] == '\n')
		{
			i++;
			continue;
		}
		ws = i;
		while (i < n && s[i] != '\n' && !tr_blank_len(s, i, n))
			i++;
		we = i;
		e = we;
		/* leading quotes and parentheses */
		while (ws < e && strchr("\"'(“‘[", s[ws]) != NULL && s[ws] != '\0')
			ws++;
		if (ws < e && (unsigned char) s[ws] == 0xE2 && e - ws >= 3)
			ws += 3;			/* a curly quote */
		toks[nt].stop_after = false;
		toks[nt].possessive = false;
		/* possessive 's / ’s */
		if (e - ws > 2 && s[e - 1] == 's' && s[e - 2] == '\'')
		{
			e -= 2;
			toks[nt].possessive = true;
		}
		else if (e - ws > 4 && s[e - 1] == 's' && (unsigned char) s[e - 2] == 0x99 &&
				 (unsigned char) s[e - 3] == 0x80 && (unsigned char) s[e - 4] == 0xE2)
		{
			e -= 4;
			toks[nt].possessive = true;
		}
		/* trailing punctuation; a period after one capital is an initial */
		while (e > ws)
		{
			unsigned char c = (unsigned char) s[e - 1];

			if (c == ',' || c == ':' || c == ';' || c == ')' || c == '"' ||
				c == '?' || c == '!')
			{
				e--;
				toks[nt].stop_after = true;
			}
			else if (c == '.' && !(e - ws == 2 || (e - ws == 3 && s[ws + 1] == 'r') ||
								   (e - ws >= 3 && s[e - 3] == '.')))
			{
				e--;
				toks[nt].stop_after = true;
			}
			else if (c >= 0x80 && e - ws >= 3 && (unsigned char) s[e - 3] == 0xE2)
			{
				e -= 3;			/* closing curly quote or dash */
				toks[nt].stop_after = true;
			}
			else
				break;
		}
		if (toks[nt].possessive)
			toks[nt].stop_after = true;
		if (e > ws)
		{
			toks[nt].s = ws;
			toks[nt].e = e;
			nt++;
		}
	}
	return nt;
}

/* Is s[t.s, t.e) an initial ('R.', 'С.')? */
static bool
is_initial(const char *s, const Tok *t)
{
	size_t		i = t->s;
	uint32_t	c = tr_utf8_next(s, &i, t->e);

	return tr_cp_is_upper(c) && i + 1 == t->e && s[i] == '.';
}

/* Is the word a personal-name word: capitalized, letters, not a title? */
static bool
is_name_word(const char *s, const Tok *t)
{
	size_t		i = t->s;
	uint32_t	c;
	int			lower = 0;

	if (is_initial(s, t))
		return true;
	c = tr_utf8_next(s, &i, t->e);
	if (!tr_cp_is_upper(c))
		return false;
	while (i < t->e)
	{
		c = tr_utf8_next(s, &i, t->e);
		if (tr_cp_is_lower(c))
			lower++;
		else if (!(tr_cp_is_letter(c) || c == '-' || c == '\'' || c == 0x2019))
			return false;
	}
	if (lower == 0)
		return false;
	return header_word_class(s + t->s, t->e - t->s) == 0;
}

static bool
is_title_word(const char *s, const Tok *t)
{
	return (header_word_class(s + t->s, t->e - t->s) & HW_TITLE) != 0;
}

/* Write the words toks[a..b] joined by single spaces to out; returns len. */
static size_t
join_words(const char *s, const Tok *toks, int a, int b, char *out, size_t cap)
{
	size_t		n = 0;

	for (int k = a; k <= b; k++)
	{
		size_t		wl = toks[k].e - toks[k].s;

		if (n + wl + 1 > cap)
			break;
		if (k > a)
			out[n++] = ' ';
		memcpy(out + n, s + toks[k].s, wl);
		n += wl;
	}
	return n;
}

/* Record a name unless the header already knows it. */
static void
add_name(TrHeader *h, TrPool *pool, const char *name, size_t n,
		 TrNameOrigin origin, int n_words)
{
	if (h->n_names >= TR_MAX_NAMES || n == 0)
		return;
	for (int k = 0; k < h->n_names; k++)
		if (h->names[k].name.len == n &&
			memcmp(pool->data + h->names[k].name.off, name, n) == 0)
			return;
	h->names[h->n_names].name = tr_pool_add(pool, name, n);
	h->names[h->n_names].origin = (uint8_t) origin;
	h->names[h->n_names].n_words = (uint8_t) n_words;
	h->n_names++;
}

#define MAX_TOKS	96

void
tr_collect_names(const char *s, size_t n, bool is_title, TrPool *pool,
				 TrHeader *h)
{
	Tok			toks[MAX_TOKS];
	int			nt = tokenize(s, n, toks, MAX_TOKS);
	enum
	{
		C_NONE, C_START, C_BY, C_WITH
	}			ctx = is_title ? C_START : C_NONE,
				title_ctx = C_NONE;
	int			tstart = -1,
				tend = -1;
	char		buf[256];

	for (int k = 0; k < nt; k++)
	{
		const Tok  *t = &toks[k];
		size_t		wl = t->e - t->s;

		if (is_title_word(s, t))
		{
			if (tstart < 0)
			{
				tstart = k;
				title_ctx = ctx;
			}
			tend = k;
			if (t->stop_after)
				tstart = -1, ctx = C_NONE;
			continue;
		}
		if (tstart >= 0 && wl == 2 && memcmp(s + t->s, "of", 2) == 0 &&
			k + 1 < nt && is_title_word(s, &toks[k + 1]))
			continue;
		if (is_name_word(s, t) && (tstart >= 0 || ctx != C_NONE))
		{
			int			r = k;
			int			real = 0;
			TrNameOrigin origin;
			size_t		len;

			/* the run of name words, to the first punctuation */
			while (r < nt && r - k < 4 && is_name_word(s, &toks[r]))
			{
				if (!is_initial(s, &toks[r]))
					real++;
				if (toks[r].stop_after)
					break;
				r++;
			}
			if (r >= nt || r - k >= 4 || !is_name_word(s, &toks[r]))
				r--;
			/* a trailing initial is not a surname */
			while (r > k && is_initial(s, &toks[r]))
				r--;
			if (tstart >= 0)
				origin = title_ctx == C_START ? TR_NAME_TITLE_START :
					title_ctx == C_BY ? TR_NAME_AFTER_BY : TR_NAME_AFTER_TITLE;
			else
				origin = ctx == C_BY ? TR_NAME_AFTER_BY :
					ctx == C_START ? TR_NAME_TITLE_START : TR_NAME_AFTER_WITH;
			if (real >= 2)
			{
				len = join_words(s, toks, k, r, buf, sizeof(buf));
				add_name(h, pool, buf, len, origin, real);
			}
			else if (real == 1 && tstart >= 0 && !is_initial(s, &toks[r]))
			{
				/* 'President Biden': the title phrase (at most three words) */
				int			a = tend - 2 > tstart ? tend - 2 : tstart;

				len = join_words(s, toks, a, tend, buf, sizeof(buf) - 64);
				buf[len++] = ' ';
				len += join_words(s, toks, r, r, buf + len, sizeof(buf) - len);
				add_name(h, pool, buf, len, origin, 1);
			}
			k = r;
			tstart = -1;
			ctx = C_NONE;
			continue;
		}
		tstart = -1;
		if (wl == 2 && memcmp(s + t->s, "by", 2) == 0)
			ctx = C_BY;
		else if ((wl == 4 && memcmp(s + t->s, "with", 4) == 0) ||
				 (wl == 3 && memcmp(s + t->s, "and", 3) == 0))
			ctx = C_WITH;
		else
			ctx = C_NONE;
		if (t->stop_after)
			ctx = C_NONE;
	}
}

size_t
tr_title_role_holder(const char *s, size_t n, const char *role, size_t rlen,
					 char *out, size_t cap)
{
	Tok			toks[MAX_TOKS];
	Tok			rt[4];
	int			nt = tokenize(s, n, toks, MAX_TOKS);
	int			nr = tokenize(role, rlen, rt, 4);

	if (nr == 0)
		return 0;
	for (int k = 0; k + nr < nt; k++)
	{
		int			j;
		int			r;
		int			real = 0;
		size_t		len;

		/* the role words, ASCII case-insensitively */
		for (j = 0; j < nr; j++)
		{
			size_t		a = toks[k + j].e - toks[k + j].s;
			size_t		b = rt[j].e - rt[j].s;

			if (a != b)
				break;
			for (size_t q = 0; q < a; q++)
				if (tr_ascii_lower((unsigned char) s[toks[k + j].s + q]) !=
					tr_ascii_lower((unsigned char) role[rt[j].s + q]))
					goto nomatch;
			if (toks[k + j].stop_after && j < nr - 1)
				goto nomatch;
		}
		if (j < nr)
			continue;
		/* 'Vice President' is not 'President' */
		if (k > 0 && nr == 1 && tr_ascii_ieq(s + toks[k - 1].s,
											 toks[k - 1].e - toks[k - 1].s, "vice"))
			continue;
		if (toks[k + nr - 1].stop_after)
			continue;
		r = k + nr;
		while (r < nt && r - (k + nr) < 3 && is_name_word(s, &toks[r]))
		{
			if (!is_initial(s, &toks[r]))
				real++;
			if (toks[r].stop_after)
				break;
			r++;
		}
		if (r >= nt || r - (k + nr) >= 3 || !is_name_word(s, &toks[r]))
			r--;
		if (r < k + nr || real == 0)
			continue;
		if (real >= 2)
			return join_words(s, toks, k + nr, r, out, cap);
		/* one word: the role in title case and the surname */
		len = 0;
		for (j = 0; j < nr && len + (rt[j].e - rt[j].s) + 2 < cap; j++)
		{
			if (j > 0)
				out[len++] = ' ';
			for (size_t q = rt[j].s; q < rt[j].e; q++)
				out[len++] = (char) (q == rt[j].s ? (role[q] >= 'a' && role[q] <= 'z' ? role[q] - 32 : role[q]) :
									 tr_ascii_lower((unsigned char) role[q]));
		}
		if (len + (toks[r].e - toks[r].s) + 1 >= cap)
			return 0;
		out[len++] = ' ';
		memcpy(out + len, s + toks[r].s, toks[r].e - toks[r].s);
		return len + (toks[r].e - toks[r].s);
nomatch:
		;
	}
	return 0;
}

/* ---------- strings for the metadata ---------- */

/* see tr_header.h */
TrStr
tr_pool_add_folded(TrPool *pool, const char *s, size_t n)
{
	char		buf[1024];
	size_t		o = 0;
	bool		sp = false;

	for (size_t i = 0; i < n && o + 4 < sizeof(buf);)
	{
		size_t		b = tr_blank_len(s, i, n);

		if (b > 0 || s[i] == '\n')
		{
			sp = o > 0;
			i += b > 0 ? b : 1;
			continue;
		}
		if (sp)
			buf[o++] = ' ';
		sp = false;
		buf[o++] = s[i++];
	}
	/* do not cut a character in two */
	while (o > 0 && ((unsigned char) buf[o - 1] & 0xC0) == 0x80)
	{
		size_t		q = o - 1;

		while (q > 0 && ((unsigned char) buf[q] & 0xC0) == 0x80)
			q--;
		if (o - q == (((unsigned char) buf[q] >= 0xF0) ? 4 :
					  ((unsigned char) buf[q] >= 0xE0) ? 3 : 2))
			break;
		o = q;
	}
	return tr_pool_add(pool, buf, o);
}

/* Value of a hexadecimal digit, or -1. */
static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode a YAML scalar that starts at s[i] (after 'key: ') into out:
 * double-quoted with escapes ('\_' is U+00A0, '\uXXXX', '\' at a line
 * end), single-quoted ('' is a quote), or plain.  Line breaks fold to a
 * space.  Returns the length written.
 */
static size_t
yaml_scalar(const char *s, size_t i, size_t end, char *out, size_t cap)
{
	size_t		o = 0;
	char		q = s[i];

	if (q != '"' && q != '\'')
	{
		/* plain: the rest of the line, and indented continuation lines */
		for (;;)
		{
			while (i < end && s[i] != '\n' && o + 1 < cap)
				out[o++] = s[i++];
			if (i + 1 < end && s[i] == '\n' && s[i + 1] == ' ')
			{
				if (o + 1 < cap)
					out[o++] = ' ';
				i++;
				continue;
			}
			break;
		}
		return o;
	}
	i++;
	while (i < end && o + 8 < cap)
	{
		char		c = s[i];

		if (c == q)
		{
			if (q == '\'' && i + 1 < end && s[i + 1] == '\'')
			{
				out[o++] = '\'';
				i += 2;
				continue;
			}
			break;
		}
		if (c == '\n')
		{
			/* folding: a line break is a space, leading blanks go */
			out[o++] = ' ';
			i = tr_skip_blanks(s, i + 1, end);
			continue;
		}
		if (c == '\\' && q == '"' && i + 1 < end)
		{
			char		e = s[i + 1];
			uint32_t	cp = 0;
			int			digits = 0;

			i += 2;
			switch (e)
			{
				case '\n':
					i = tr_skip_blanks(s, i, end);
					continue;
				case '_':
				case ' ':
				case 't':
				case 'n':
				case 'N':
				case 'L':
				case 'P':
				case 'r':
					out[o++] = ' ';
					continue;
				case 'x':
					digits = 2;
					break;
				case 'u':
					digits = 4;
					break;
				case 'U':
					digits = 8;
					break;
				case '0':
				case 'a':
				case 'b':
				case 'e':
				case 'f':
				case 'v':
					continue;
				default:
					out[o++] = e;
					continue;
			}
			for (int k = 0; k < digits; k++, i++)
			{
				int			v = i < end ? hexval(s[i]) : -1;

				if (v < 0)
				{
					cp = 0xFFFFFFFF;
					break;
				}
				cp = cp * 16 + (uint32_t) v;
			}
			if (cp == 0xA0)
				out[o++] = ' ';
			else if (cp >= 0x20 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF))
				o += tr_utf8_put(out + o, cp);
			continue;
		}
		out[o++] = c;
		i++;
	}
	return o;
}

/*
 * Parse YAML front matter at the start of text.  Returns the offset after
 * the closing '---' line, or 0 if there is none.
 */
static size_t
front_matter(const char *text, size_t len, TrPool *pool, TrHeader *h)
{
	size_t		limit = len < FRONTMATTER_MAX ? len : FRONTMATTER_MAX;
	size_t		i;
	size_t		close = 0;
	char		buf[1024];

	if (len < 4 || memcmp(text, "---", 3) != 0 ||
		(text[3] != '\n' && !(text[3] == '\r' && len > 4 && text[4] == '\n')))
		return 0;
	i = text[3] == '\n' ? 4 : 5;
	/* find the closing line first */
	for (size_t p = i; p < limit;)
	{
		const char *nl = memchr(text + p, '\n', limit - p);
		size_t		le = nl ? (size_t) (nl - text) : limit;
		size_t		te = tr_trim_blanks_back(text, p, le);

		if (te - p == 3 && memcmp(text + p, "---", 3) == 0)
		{
			close = p;
			i = p;
			p = nl ? le + 1 : limit;
			i = p;
			break;
		}
		p = le + 1;
	}
	if (close == 0)
		return 0;
	/* keys at the start of a line */
	for (size_t p = (text[3] == '\n' ? 4 : 5); p < close;)
	{
		const char *nl = memchr(text + p, '\n', close - p);
		size_t		le = nl ? (size_t) (nl - text) : close;

		if (le - p > 7 && memcmp(text + p, "title: ", 7) == 0)
		{
			size_t		n = yaml_scalar(text, p + 7, close, buf, sizeof(buf));

			h->meta.title = tr_pool_add_folded(pool, buf, n);
		}
		else if (le - p >= 16 && memcmp(text + p, "date: ", 6) == 0)
		{
			size_t		v = p + 6;

			if (text[v] == '\'' || text[v] == '"')
				v++;
			if (le - v >= 10 && tr_is_digit((unsigned char) text[v]) &&
				text[v + 4] == '-' && text[v + 7] == '-')
			{
				bool		ok = true;

				for (int k = 0; k < 10; k++)
					if (k != 4 && k != 7 && !tr_is_digit((unsigned char) text[v + k]))
						ok = false;
				if (ok)
					h->meta.event_date = tr_pool_add(pool, text + v, 10);
			}
		}
		p = le + 1;
	}
	return i;
}

/* Add 'YYYY-MM-DD' to the pool. */
static TrStr
pool_add_date(TrPool *pool, int y, int m, int d)
{
	char		buf[11];

	buf[0] = (char) ('0' + (y / 1000) % 10);
	buf[1] = (char) ('0' + (y / 100) % 10);
	buf[2] = (char) ('0' + (y / 10) % 10);
	buf[3] = (char) ('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char) ('0' + m / 10);
	buf[6] = (char) ('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char) ('0' + d / 10);
	buf[9] = (char) ('0' + d % 10);
	return tr_pool_add(pool, buf, 10);
}

/* ---------- the header block ---------- */

typedef enum LineKind
{
	L_TEXT, L_DATE, L_TIME, L_LANGBAR
} LineKind;

typedef struct HdrLine
{
	size_t		s,
				e;				/* trimmed */
	int			para;			/* paragraph index */
	LineKind	kind;
	int			y,
				m,
				d;
} HdrLine;

/* Skip a weekday name and its comma at s[i] ('Tuesday, ', 'Tue, '). */
static size_t
skip_weekday(const char *s, size_t i, size_t e)
{
	size_t		n = alpha_word_len(s, i, e);

	if (n > 0 && word_in_list_ci(s + i, n, weekdays))
	{
		i += n;
		if (i < e && s[i] == ',')
			i++;
		return tr_skip_blanks(s, i, e);
	}
	return i;
}

/* Classify a header line s[b, e) (trimmed). */
static LineKind
line_kind(const char *s, size_t b, size_t e, int *y, int *m, int *d)
{
	size_t		p = skip_weekday(s, b, e);
	size_t		me;

	if (tr_is_language_bar(s, b, e))
		return L_LANGBAR;
	if (p < e && tr_is_digit((unsigned char) s[p]))
	{
		size_t		t = tr_time_len(s, p, e, true);

		if (t > 0 && tr_skip_blanks(s, p + t, e) >= e)
			return L_TIME;
	}
	if (date_at(s, p, e, y, m, d, &me))
	{
		/* the date, then nothing, a clock time, or a short note */
		size_t		r = tr_skip_blanks(s, me, e);

		if (r < e && tr_is_digit((unsigned char) s[r]))
			r = tr_skip_blanks(s, r + tr_time_len(s, r, e, false), e);
		if (r >= e || e - r <= 12)
			return L_DATE;
	}
	return L_TEXT;
}

/* Does the paragraph end like a sentence (not an abbreviation 'D.C.')? */
static bool
ends_like_sentence(const char *s, size_t b, size_t e)
{
	unsigned char c;

	if (e <= b)
		return false;
	c = (unsigned char) s[e - 1];
	if (c == '?' || c == '!' || c == ',' || c == ';' || c == ':')
		return true;
	if (c == '.')
		return !(e - b >= 3 && s[e - 3] == '.');
	return false;
}

/* Is the line s[b, e) a person's name and nothing else ('Michael R. Pompeo')? */
static bool
name_line(const char *s, size_t b, size_t e)
{
	Tok			toks[6];
	int			nt = tokenize(s + b, e - b, toks, 6);
	int			real = 0;

	if (nt < 2 || nt > 4)
		return false;
	for (int k = 0; k < nt; k++)
	{
		if (!is_name_word(s + b, &toks[k]) || toks[k].stop_after)
			return false;
		if (!is_initial(s + b, &toks[k]))
			real++;
	}
	return real >= 2 && !is_initial(s + b, &toks[nt - 1]);
}

/* Does the line s[b, e) start with a title word ('Secretary of State')? */
static bool
title_line(const char *s, size_t b, size_t e)
{
	Tok			toks[2];
	int			nt = tokenize(s + b, e - b, toks, 2);

	return nt > 0 && is_title_word(s + b, &toks[0]);
}

/* Is the line s[b, e) a plausible place ('Sochi, Russia', 'Rose Garden')? */
static bool
place_like(const char *s, size_t b, size_t e)
{
	uint32_t	c;
	size_t		i = b;

	if (e <= b || e - b > 80)
		return false;
	c = tr_utf8_next(s, &i, e);
	if (!tr_cp_is_upper(c))
		return false;
	return !ends_like_sentence(s, b, e) || s[e - 1] == '.';
}

/* Add s[b, e) to the pool, Markdown escapes ('\#') undone, blanks folded. */
static TrStr
pool_add_unescaped(TrPool *pool, const char *s, size_t b, size_t e)
{
	char		buf[512];
	size_t		o = 0;

	for (size_t i = b; i < e && o < sizeof(buf); i++)
	{
		if (s[i] == '\\' && i + 1 < e && strchr("#*_[]()\\-.!`", s[i + 1]) &&
			s[i + 1] != '\0')
			continue;
		buf[o++] = s[i];
	}
	return tr_pool_add_folded(pool, buf, o);
}

/*
 * Russian page titles name the principal in the genitive with initials:
 * 'Выступление Министра ... С.В.Лаврова на ...'.  The first such name is
 * taken and its surname put back in the nominative for the common endings
 * (-ова/-ева/-ина > -ов/-ев/-ин, -ого > -ий, -ой > -ая), so that it meets
 * the labels 'С.В.Лавров:' that follow.  Writes the name to out; returns its
 * length, 0 if there is none.
 */
static size_t
russian_title_principal(const char *t, size_t n, char *out, size_t cap)
{
	size_t		i = 0;

	while (i < n)
	{
		size_t		p = i,
					q;
		int			initials = 0;
		uint32_t	c;

		/* one or two initials: capital, period */
		while (p < n && initials < 2)
		{
			size_t		k = p;

			c = tr_utf8_next(t, &k, n);
			if (!(tr_cp_is_cyrillic(c) && tr_cp_is_upper(c)) || k >= n || t[k] != '.')
				break;
			p = k + 1;
			if (p < n && t[p] == ' ')
				p++;
			initials++;
		}
		q = p;
		if (initials > 0 && q < n)
		{
			size_t		k = q;

			c = tr_utf8_next(t, &k, n);
			if (tr_cp_is_cyrillic(c) && tr_cp_is_upper(c))
			{
				size_t		e = k;
				size_t		len;
				static const char *const endings[][2] = {
					{"ова", "ов"}, {"ева", "ев"}, {"ёва", "ёв"}, {"ина", "ин"},
					{"ына", "ын"}, {"ого", "ий"}, {"ой", "ая"}
				};

				while (e < n)
				{
					size_t		k2 = e;

					c = tr_utf8_next(t, &k2, n);
					if (!tr_cp_is_cyrillic(c) || !tr_cp_is_lower(c))
						break;
					e = k2;
				}
				len = e - i;
				if (len + 8 > cap)
					return 0;
				memcpy(out, t + i, len);
				for (size_t k3 = 0; k3 < sizeof(endings) / sizeof(endings[0]); k3++)
				{
					size_t		el = strlen(endings[k3][0]);

					if (len > el + 4 && memcmp(out + len - el, endings[k3][0], el) == 0)
					{
						size_t		nl = strlen(endings[k3][1]);

						memcpy(out + len - el, endings[k3][1], nl);
						len = len - el + nl;
						break;
					}
				}
				return len;
			}
		}
		/* next word */
		while (i < n && t[i] != ' ')
			i++;
		while (i < n && t[i] == ' ')
			i++;
	}
	return 0;
}

/* The Congressional Record: <title>, and the spoken text after <pre>. */
static void
congress_header(const char *text, size_t len, size_t from, TrPool *pool,
				TrHeader *h)
{
	size_t		limit = len - from > HEADER_BYTES ? from + HEADER_BYTES : len;
	size_t		p;

	h->content_start = from;
	for (p = from; p + 7 <= limit; p++)
	{
		if (memcmp(text + p, "<title>", 7) == 0)
		{
			size_t		q = p + 7;

			while (q + 8 <= limit && memcmp(text + q, "</title>", 8) != 0)
				q++;
			if (q + 8 <= limit)
			{
				int			y,
							m,
							d;
				size_t		ds,
							de;

				h->meta.title = tr_pool_add_folded(pool, text + p + 7, q - p - 7);
				if (tr_find_date(text, p + 7, q, &y, &m, &d, &ds, &de))
					h->meta.event_date = pool_add_date(pool, y, m, d);
			}
		}
		if (memcmp(text + p, "<pre>", 5) == 0)
		{
			const char *nl = memchr(text + p, '\n', len - p);

			h->content_start = nl ? (size_t) (nl - text) + 1 : len;
			break;
		}
	}
}

/* Is this a Congressional Record page? */
static bool
is_congress(const char *text, size_t len, size_t from)
{
	size_t		limit = len - from > HEADER_BYTES ? from + HEADER_BYTES : len;

	for (size_t p = from; p + 20 <= limit; p++)
		if ((text[p] == '<' && memcmp(text + p, "<pre>", 5) == 0) ||
			(text[p] == 'C' && memcmp(text + p, "Congressional Record", 20) == 0))
			return true;
	return false;
}

/*
 * Decide TR_MODE_UNWRAPPED from a sample: a fifth of the non-blank lines
 * longer than LONG_LINE_CHARS characters means paragraphs are single lines.
 * The sample ends early once its answer is plain: a document of paragraph
 * lines shows a dozen of them within its first lines, and a wrapped one
 * has none among its first 64, or few (headings, links) among its first
 * two hundred.
 */
static bool
sample_unwrapped(const char *text, size_t len, size_t from)
{
	size_t		limit = len - from > SAMPLE_BYTES ? from + SAMPLE_BYTES : len;
	size_t		lines = 0,
				longl = 0;

	for (size_t p = from; p < limit;)
	{
		const char *nl = memchr(text + p, '\n', limit - p);
		size_t		le = nl ? (size_t) (nl - text) : limit;

		if (!(tr_skip_blanks(text, p, le) >= le))
		{
			lines++;
			if (le - p > LONG_LINE_CHARS &&
				tr_utf8_count(text + p, le - p) > LONG_LINE_CHARS)
				longl++;
			if ((longl >= 12 && longl * 3 >= lines) || (lines >= 64 && longl == 0) ||
				(lines >= 200 && longl * 10 < lines))
				break;
		}
		p = le + 1;
	}
	return longl > 0 && longl * 5 >= lines;
}

/* 'en' or 'ru' by the letters of a sample; NULL with no letters. */
static void
sample_language(const char *text, size_t len, size_t from, TrPool *pool,
				TrHeader *h)
{
	size_t		limit = len - from > LANG_SAMPLE ? from + LANG_SAMPLE : len;
	size_t		latin = 0,
				cyr = 0;

	for (size_t p = from; p < limit && latin + cyr < 100; p++)
	{
		unsigned char c = (unsigned char) text[p];

		if (tr_is_ascii_alpha(c))
			latin++;
		else if ((c == 0xD0 || c == 0xD1) && p + 1 < limit)
		{
			cyr++;
			p++;
		}
	}
	if (latin == 0 && cyr == 0)
		return;
	h->meta.language = tr_pool_add(pool, cyr > latin ? "ru" : "en", 2);
}

void
tr_read_header(const char *text, size_t len, TrPool *pool, TrHeader *h)
{
	size_t		start = 0;
	size_t		fm_end;
	HdrLine		lines[MAX_HDR_LINES];
	int			nl = 0;
	int			para = -1;
	size_t		limit;
	size_t		p;
	bool		prev_blank = true;
	int			last_meta_line = -1;
	int			stop_para = -1;
	int			title_line_ix = -1;
	int			first_date_line = -1;
	TrStr		null_str = {TR_NULL_OFF, 0};

	memset(h, 0, sizeof(*h));
	h->meta.title = h->meta.event_date = h->meta.place = null_str;
	h->meta.language = h->meta.principal = null_str;

	/* a byte order mark is not text */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	fm_end = front_matter(text + start, len - start, pool, h);
	if (fm_end > 0)
	{
		start += fm_end;
		h->mode |= TR_MODE_FRONTMATTER;
	}
	h->content_start = start;

	if (!(h->mode & TR_MODE_FRONTMATTER) && is_congress(text, len, start))
	{
		h->mode |= TR_MODE_CONGRESS;
		congress_header(text, len, start, pool, h);
		sample_language(text, len, h->content_start, pool, h);
		if (h->meta.title.off != TR_NULL_OFF)
		{
			/* copy: the pool may move while names are added */
			char		tbuf[1024];
			size_t		tl = h->meta.title.len < sizeof(tbuf) ?
				h->meta.title.len : sizeof(tbuf);

			memcpy(tbuf, pool->data + h->meta.title.off, tl);
			tr_collect_names(tbuf, tl, true, pool, h);
		}
		return;
	}

	/* the leading paragraphs, line by line */
	limit = len - start > HEADER_BYTES ? start + HEADER_BYTES : len;
	for (p = start; p < limit && nl < MAX_HDR_LINES;)
	{
		const char *nlp = memchr(text + p, '\n', len - p);
		size_t		le = nlp ? (size_t) (nlp - text) : len;
		size_t		b = tr_skip_blanks(text, p, le);
		size_t		e = tr_trim_blanks_back(text, b, le);
		TrLabel		lb;
		size_t		fend;
		TrFurniture f;

		if (b >= e)
		{
			prev_blank = true;
			p = le + 1;
			continue;
		}
		if (prev_blank)
		{
			para++;
			if (para >= HEADER_PARAS)
				break;
		}
		prev_blank = false;
		if (tr_label_at(text, p, len, 0, &lb) && !lb.weak)
		{
			stop_para = para;
			break;
		}
		f = tr_furniture_at(text, b, len, 0, &fend);
		if (f == TR_FURN_STOP || f == TR_FURN_CLOSE)
		{
			stop_para = para;
			break;
		}
		if (f == TR_FURN_NONE || f == TR_FURN_SKIP)
		{
			HdrLine    *L = &lines[nl];

			L->s = b;
			L->e = e;
			L->para = para;
			if (f == TR_FURN_SKIP && tr_time_len(text, b, e, true) == 0)
			{
				/* 'Go to home page', a rule: neither title nor meta */
				p = le + 1;
				continue;
			}
			L->kind = line_kind(text, b, e, &L->y, &L->m, &L->d);
			if (L->kind == L_TEXT && (e - b > 300 ||
									  (ends_like_sentence(text, b, e) &&
									   !(e - b <= 24 && text[e - 1] == '.'))))
			{
				/* prose: the header is over */
				stop_para = para;
				break;
			}
			if (L->kind != L_TEXT)
				last_meta_line = nl;
			nl++;
		}
		p = le + 1;
	}

	/*
	 * A title with a date in it right after the last dateline belongs to
	 * the header too (a page without a language bar after its title).
	 */
	if (last_meta_line >= 0 && last_meta_line + 1 < nl &&
		lines[last_meta_line + 1].kind == L_TEXT)
	{
		int			y,
					m,
					d;
		size_t		ds,
					de;

		if (tr_find_date(text, lines[last_meta_line + 1].s, lines[last_meta_line + 1].e,
						 &y, &m, &d, &ds, &de))
			last_meta_line++;
	}

	/* where the header ends */
	if (last_meta_line >= 0)
	{
		const HdrLine *L = &lines[last_meta_line];
		const char *nlp = memchr(text + L->e, '\n', len - L->e);

		/* the rest of its paragraph belongs to it */
		for (int k = last_meta_line + 1; k < nl && lines[k].para == L->para; k++)
			last_meta_line = k;
		L = &lines[last_meta_line];
		nlp = memchr(text + L->e, '\n', len - L->e);
		h->content_start = nlp ? (size_t) (nlp - text) + 1 : len;
		nl = last_meta_line + 1;
	}
	else if ((h->mode & TR_MODE_FRONTMATTER) && nl > 0)
	{
		/* White House text without a clock time: a short place block */
		int			k = 0;
		int			last_para = -1;

		while (k < nl && lines[k].para <= 1 && lines[k].e - lines[k].s <= 80 &&
			   (stop_para < 0 || lines[k].para < stop_para))
		{
			last_para = lines[k].para;
			k++;
		}
		if (k > 0 && (stop_para >= 0 || k < nl) && k <= 3)
		{
			const char *nlp = memchr(text + lines[k - 1].e, '\n',
									 len - lines[k - 1].e);

			(void) last_para;
			h->content_start = nlp ? (size_t) (nlp - text) + 1 : len;
			nl = k;
		}
		else
			nl = 0;
	}
	else
		nl = 0;

	/* title: front matter, else the first text line of the header */
	for (int k = 0; k < nl; k++)
		if (lines[k].kind == L_TEXT)
		{
			if (h->meta.title.off == TR_NULL_OFF)
			{
				h->meta.title = tr_pool_add_folded(pool, text + lines[k].s,
												lines[k].e - lines[k].s);
				title_line_ix = k;
			}
			break;
		}
	for (int k = 0; k < nl; k++)
		if (lines[k].kind == L_DATE)
		{
			first_date_line = k;
			break;
		}

	/* event date: front matter, the title, the first dateline */
	if (h->meta.event_date.off == TR_NULL_OFF)
	{
		int			y,
					m,
					d;
		size_t		ds,
					de;

		if (h->meta.title.off != TR_NULL_OFF &&
			tr_find_date(pool->data, h->meta.title.off,
						 h->meta.title.off + h->meta.title.len, &y, &m, &d, &ds, &de))
			h->meta.event_date = pool_add_date(pool, y, m, d);
		else if (first_date_line >= 0)
			h->meta.event_date = pool_add_date(pool, lines[first_date_line].y,
											   lines[first_date_line].m,
											   lines[first_date_line].d);
	}

	/* names: the title, then the header lines */
	if (h->meta.title.off != TR_NULL_OFF)
	{
		/* copy: the pool may move while names are added */
		char		tbuf[1024];
		size_t		tl = h->meta.title.len < sizeof(tbuf) ? h->meta.title.len : sizeof(tbuf);

		memcpy(tbuf, pool->data + h->meta.title.off, tl);
		/* a name on a line of its own comes first: it is the principal */
		for (int k = 0; k + 1 < nl; k++)
			if (k != title_line_ix && lines[k].kind == L_TEXT &&
				name_line(text, lines[k].s, lines[k].e) &&
				title_line(text, lines[k + 1].s, lines[k + 1].e))
			{
				add_name(h, pool, text + lines[k].s, lines[k].e - lines[k].s,
						 TR_NAME_LINE, 2);
				break;
			}
		tr_collect_names(tbuf, tl, true, pool, h);
	}
	for (int k = 0; k < nl; k++)
		if (k != title_line_ix && lines[k].kind == L_TEXT)
			tr_collect_names(text + lines[k].s, lines[k].e - lines[k].s, false,
							 pool, h);

	/* principal: a Russian title's name with initials, put back in the nominative */
	if (h->meta.title.off != TR_NULL_OFF)
	{
		char		tbuf[1024],
					nbuf[256];
		size_t		tl = h->meta.title.len < sizeof(tbuf) ? h->meta.title.len : sizeof(tbuf);
		size_t		nl2;

		memcpy(tbuf, pool->data + h->meta.title.off, tl);
		nl2 = russian_title_principal(tbuf, tl, nbuf, sizeof(nbuf));
		if (nl2 > 0)
		{
			add_name(h, pool, nbuf, nl2, TR_NAME_TITLE_START, 2);
			h->meta.principal = h->names[h->n_names - 1].name;
		}
	}

	/* principal */
	{
		bool		excluded = false;

		if (h->meta.title.off != TR_NULL_OFF)
		{
			const char *t = pool->data + h->meta.title.off;
			size_t		tl = h->meta.title.len;

			excluded = tr_ascii_iprefix(t, 0, tl, "readout") ||
				tr_ascii_iprefix(t, 0, tl, "fact sheet");
		}
		for (int k = 0; k < h->n_names && !excluded &&
			 h->meta.principal.off == TR_NULL_OFF; k++)
			if (h->names[k].origin == TR_NAME_LINE)
			{
				h->meta.principal = h->names[k].name;
				break;
			}
		if (h->meta.principal.off == TR_NULL_OFF && !excluded)
			for (int k = 0; k < h->n_names; k++)
				if (h->names[k].origin == TR_NAME_TITLE_START ||
					h->names[k].origin == TR_NAME_AFTER_BY)
				{
					h->meta.principal = h->names[k].name;
					break;
				}
	}

	/* place */
	if (h->meta.title.off != TR_NULL_OFF && !(h->mode & TR_MODE_FRONTMATTER))
	{
		/* Foreign Ministry: '..., Washington, December 10, 2019' */
		const char *t = pool->data + h->meta.title.off;
		size_t		tl = h->meta.title.len;
		int			y,
					m,
					d;
		size_t		ds,
					de;

		if (tr_find_date(t, 0, tl, &y, &m, &d, &ds, &de) && ds >= 2 &&
			t[ds - 2] == ',')
		{
			size_t		pe = ds - 2;
			size_t		ps = pe;

			while (ps > 0 && t[ps - 1] != ',')
				ps--;
			ps = tr_skip_blanks(t, ps, pe);
			if (ps > 0 && pe > ps && place_like(t, ps, pe) && pe - ps <= 40)
			{
				char		pb[64];

				memcpy(pb, t + ps, pe - ps);
				h->meta.place = tr_pool_add(pool, pb, pe - ps);
			}
		}
	}
	if (h->meta.place.off == TR_NULL_OFF)
	{
		/* the last header line before the first dateline or clock time */
		int			stop = nl;

		for (int k = 0; k < nl; k++)
			if (lines[k].kind != L_TEXT)
			{
				stop = k;
				break;
			}
		if (stop > 0)
		{
			const HdrLine *L = &lines[stop - 1];

			if (stop - 1 != title_line_ix && place_like(text, L->s, L->e) &&
				!title_line(text, L->s, L->e) && !name_line(text, L->s, L->e))
				h->meta.place = pool_add_unescaped(pool, text, L->s, L->e);
		}
	}

	if (sample_unwrapped(text, len, h->content_start))
		h->mode |= TR_MODE_UNWRAPPED;
	sample_language(text, len, h->content_start, pool, h);
}
