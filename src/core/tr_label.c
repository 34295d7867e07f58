/*
 * tr_label.c
 *		Speaker labels at a paragraph start.
 *
 * The label grammar (FORMATS.md 1-6), checked on at most TR_LABEL_MAX bytes:
 *
 *	 label	  := [blanks] [time-stamp] (q-label | colon-label | congress-label)
 *	 time-stamp := '[' HH ':' MM [':' SS] ']' blanks		(not part of the label)
 *	 q-label  := 'Q' (blank | ':' | '.' | en or em dash)		(White House)
 *	 colon-label := name [',' description] paren* ':' (blank | end of line)
 *	 paren	  := blanks '(' any text but newline and parentheses ')'
 *
 * A colon-label is either upper case (no lower-case letter outside the
 * parentheses: 'SECRETARY POMPEO', 'MS. PSAKI', 'BECKY ANDERSON, CNN HOST')
 * or mixed case; a mixed-case name is one to five capitalized words (with
 * initials such as 'С.В.Лавров' or 'Michael R. Pompeo', and name particles
 * such as 'de' or 'van' inside), no description.  A mixed-case label is
 * "strong" when it is a role ('Question', 'Вопрос', 'Moderator', 'The
 * President'), starts with an honorific ('Mr. Nebenzia'), carries a
 * parenthesis ('Sergey Lavrov (speaks after ...)') or is written with
 * Russian initials; otherwise it is "weak" and the parser accepts it only
 * if it names a person the document already knows (the header, earlier
 * labels), so that headlines such as 'Russia Tells Pompeo:' stay text.
 *
 * In the Congressional Record labels end in a period instead:
 *	 congress-label := ('Mr.' | 'Mrs.' | 'Ms.' | 'Miss' | 'Dr.') caps-word+
 *					   ['of' State-word{1,3}] [paren] '.'
 *					 | ('The' | 'THE') caps-word{1,3} ['pro tempore'] [paren] '.'
 * where a caps-word has two or more capitals and at most a short mixed-case
 * prefix ('McCONNELL', 'DeWINE'), so that the address 'Mr. President,' is
 * not a label.
 */
#include "tr_label.h"
#include "tr_header.h"
#include "tr_utf8.h"

#include <string.h>

/* Leading blanks allowed before a label (indented White House labels). */
#define LEAD_MAX	64

/* Upper-case words that head notes and advisories, not speakers. */
static const char *const upper_stop_words[] = {
	"NOTE", "NOTES", "UPDATE", "UPDATED", "ADVISORY", "EMBARGOED", "WARNING",
	"SOURCE", "SUBJECT", "CORRECTION", "CLARIFICATION", "EDITOR", "EDITORS",
	"EDITOR'S", "EDITOR’S", "TRANSCRIPT", "AGENDA", "SUMMARY", "CONTACT",
	"LOCATION", "WHAT", "WHEN", "WHERE", "WHO", "WHY", "HOW", "TIME", "DATE",
	"RE", "FROM", "TO", "CC", "PS", "P.S.", "TOPIC", "TOPICS", "TITLE",
	"BACKGROUND", "VENUE", "PLACE", "WATCH",
	"READ", "LIVE", "BREAKING", "EXCLUSIVE", "PHOTO", "VIDEO", "AUDIO",
	"BOTTOM", "KEY", "FACT", "SHEET", "SECTION", "PART", "CHAPTER", "ARTICLE",
	"ANNEX", "APPENDIX", "TABLE", "FIGURE", "EXAMPLE", "RESULT", "RESULTS",
	NULL
};

/* Mixed-case words that make a label a role by themselves. */
static const char *const mixed_role_words[] = {
	"Question", "Questions", "Answer", "Moderator", "Reporter", "Journalist",
	"Audience", "Participant", "Interpreter", "Translator", "Host",
	"Вопрос", "Ответ", "Ведущий", "Ведущая", "Журналист", "Реплика",
	"Модератор", NULL
};

/* Honorifics that make a mixed-case name a label ('Mr. Nebenzia'). */
static const char *const honorifics[] = {
	"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Mme", "Mme.",
	"Madam", "Sir", "Dame", "Lord", "Lady", "Г-н", "Г-жа", "Господин",
	"Госпожа", NULL
};

/* Lower-case particles allowed inside a mixed-case name. */
static const char *const particles[] = {
	"de", "da", "del", "della", "di", "do", "dos", "du", "van", "von", "der",
	"den", "ter", "bin", "ibn", "al", "el", "la", "le", "y", NULL
};

/* Is s[0, n) one of the words (exact, case-sensitive)? */
static bool
word_in(const char *s, size_t n, const char *const *words)
{
	/* the first byte rules out most entries without a strlen */
	for (; *words; words++)
		if ((*words)[0] == s[0] && strlen(*words) == n &&
			memcmp(s, *words, n) == 0)
			return true;
	return false;
}

/* Length of a blank (space, tab, NBSP) at s[i], not CR or newline. */
static inline size_t
inline_blank(const char *s, size_t i, size_t end)
{
	if (s[i] == ' ' || s[i] == '\t')
		return 1;
	if ((unsigned char) s[i] == 0xC2 && i + 1 < end &&
		(unsigned char) s[i + 1] == 0xA0)
		return 2;
	return 0;
}

/* Does a label's colon end here: end of text, end of line, or a blank? */
static bool
colon_followed_ok(const char *s, size_t i, size_t end)
{
	if (i >= end || s[i] == '\n' || s[i] == '\r')
		return true;
	return inline_blank(s, i, end) > 0;
}

/* Length of a bracketed time stamp '[11:00:00]' plus blanks at s[i], or 0. */
static size_t
bracket_stamp_len(const char *s, size_t i, size_t end)
{
	size_t		p = i + 1;
	int			groups = 0;

	if (i >= end || s[i] != '[')
		return 0;
	for (;;)
	{
		size_t		d = p;

		while (p < end && p - d < 2 && tr_is_digit((unsigned char) s[p]))
			p++;
		if (p == d)
			return 0;
		groups++;
		if (p < end && s[p] == ':' && groups < 3)
		{
			p++;
			continue;
		}
		break;
	}
	if (groups < 2 || p >= end || s[p] != ']')
		return 0;
	p++;
	return tr_skip_blanks(s, p, end) - i;
}

/*
 * A White House 'Q' label at s[p]: 'Q' then blanks, or 'Q:' / 'Q.' then a
 * blank.  'Q and A' and 'Q&A' are words, not labels.
 */
static bool
q_label(const char *s, size_t p, size_t end, TrLabel *lb)
{
	size_t		n = p + 1;
	size_t		b;

	if (s[p] != 'Q')
		return false;
	if (n >= end || s[n] == '\n')
		return false;			/* a lone 'Q' line is too little to go on */
	if (s[n] == ':' || s[n] == '.')
	{
		if (!colon_followed_ok(s, n + 1, end))
			return false;
		lb->after = (uint32_t) (n + 1);
	}
	else if (n + 3 <= end && (unsigned char) s[n] == 0xE2 &&
			 (unsigned char) s[n + 1] == 0x80 &&
			 ((unsigned char) s[n + 2] == 0x93 || (unsigned char) s[n + 2] == 0x94))
	{
		/* 'Q– to confirm that': a question taken up after a cut */
		lb->after = (uint32_t) n;
	}
	else if ((b = inline_blank(s, n, end)) > 0)
	{
		size_t		w = tr_skip_blanks(s, n, end);

		if (w + 5 <= end && memcmp(s + w, "and A", 5) == 0)
			return false;
		lb->after = (uint32_t) n;
	}
	else
		return false;
	lb->off = (uint32_t) p;
	lb->len = 1;
	lb->name_len = 1;
	lb->kind = TR_LBL_Q;
	lb->weak = false;
	return true;
}

/*
 * A caps-word of the Congressional Record at s[i]: 'DODD', 'McCONNELL',
 * 'DeWINE', 'ROS-LEHTINEN'.  Returns its length or 0.
 */
static size_t
caps_word_len(const char *s, size_t i, size_t end)
{
	size_t		p = i;
	int			caps = 0;

	if (p >= end || !tr_is_ascii_upper((unsigned char) s[p]))
		return 0;
	p++;
	caps++;
	/* a short mixed-case prefix: Mc, Mac, De, La, Le, Di */
	if (p < end && tr_is_ascii_lower((unsigned char) s[p]))
	{
		size_t		q = p;

		while (q < end && q - p < 2 && tr_is_ascii_lower((unsigned char) s[q]))
			q++;
		if (q >= end || !tr_is_ascii_upper((unsigned char) s[q]))
			return 0;
		p = q;
	}
	while (p < end)
	{
		unsigned char c = (unsigned char) s[p];

		if (tr_is_ascii_upper(c))
			caps++;
		else if (c == '-' || c == '\'')
		{
			if (p + 1 >= end || !tr_is_ascii_upper((unsigned char) s[p + 1]))
				break;
		}
		else
			break;
		p++;
	}
	if (caps < 2)
		return 0;
	return p - i;
}

/* A capitalized ASCII word ('Texas', 'New') at s[i]; returns its length. */
static size_t
cap_word_len(const char *s, size_t i, size_t end)
{
	size_t		p = i;

	if (p >= end || !tr_is_ascii_upper((unsigned char) s[p]))
		return 0;
	p++;
	while (p < end && tr_is_ascii_lower((unsigned char) s[p]))
		p++;
	return p - i > 1 ? p - i : 0;
}

/* A parenthesis at s[i] (no newline, bounded); returns its length or 0. */
static size_t
paren_len(const char *s, size_t i, size_t end, size_t limit)
{
	size_t		p;

	if (i >= end || s[i] != '(')
		return 0;
	for (p = i + 1; p < end && p < limit; p++)
	{
		if (s[p] == ')')
			return p + 1 - i;
		if (s[p] == '(' || s[p] == '\n')
			return 0;
	}
	return 0;
}

/* Congressional Record label at s[p] (see the grammar above). */
static bool
congress_label(const char *s, size_t p, size_t end, TrLabel *lb)
{
	size_t		limit = end - p > TR_LABEL_MAX ? p + TR_LABEL_MAX : end;
	size_t		q = p;
	size_t		name_end;
	size_t		n;
	int			words = 0;

	if (tr_ascii_iprefix(s, q, limit, "The ") && (s[q] == 'T'))
	{
		q += 4;
		while (words < 3 && (n = caps_word_len(s, q, limit)) > 0)
		{
			/* all upper case: no prefix allowed here */
			for (size_t k = q; k < q + n; k++)
				if (tr_is_ascii_lower((unsigned char) s[k]))
					return false;
			q += n;
			words++;
			if (q < limit && s[q] == ' ' &&
				caps_word_len(s, q + 1, limit) > 0 && words < 3)
				q++;
			else
				break;
		}
		if (words == 0)
			return false;
		if (q + 12 <= limit && memcmp(s + q, " pro tempore", 12) == 0)
			q += 12;
	}
	else
	{
		static const char *const hon[] = {"Mr. ", "Mrs. ", "Ms. ", "Miss ", "Dr. ", NULL};
		bool		found = false;

		for (int k = 0; hon[k]; k++)
		{
			size_t		hl = strlen(hon[k]);

			if (q + hl <= limit && memcmp(s + q, hon[k], hl) == 0)
			{
				q += hl;
				found = true;
				break;
			}
		}
		if (!found)
			return false;
		while ((n = caps_word_len(s, q, limit)) > 0)
		{
			q += n;
			words++;
			if (q < limit && s[q] == ' ' && caps_word_len(s, q + 1, limit) > 0 &&
				words < 4)
				q++;
			else
				break;
		}
		if (words == 0)
			return false;
		/* ' of Texas', ' of New Jersey' */
		if (q + 4 <= limit && memcmp(s + q, " of ", 4) == 0 &&
			cap_word_len(s, q + 4, limit) > 0)
		{
			int			sw = 0;

			q += 4;
			while ((n = cap_word_len(s, q, limit)) > 0 && sw < 3)
			{
				q += n;
				sw++;
				if (q < limit && s[q] == ' ' && cap_word_len(s, q + 1, limit) > 0)
					q++;
				else
					break;
			}
		}
	}
	name_end = q;
	if (q + 1 < limit && s[q] == ' ' && s[q + 1] == '(')
	{
		n = paren_len(s, q + 1, end, limit);
		if (n == 0)
			return false;
		q += 1 + n;
	}
	if (q >= limit || s[q] != '.')
		return false;
	if (!colon_followed_ok(s, q + 1, end))
		return false;
	lb->off = (uint32_t) p;
	lb->len = (uint32_t) (q - p);
	lb->name_len = (uint32_t) (name_end - p);
	lb->after = (uint32_t) (q + 1);
	lb->kind = TR_LBL_CONGRESS;
	lb->weak = false;
	return true;
}

/* State of the colon-label scan, one word at a time. */
typedef struct WordScan
{
	int			words;			/* words in the name part */
	int			desc_words;		/* words after the comma */
	int			upper;			/* upper-case letters outside parens */
	int			lower;			/* lower-case letters outside parens */
	int			long_words;		/* words with two or more letters */
	bool		has_paren;
	bool		has_comma;
	bool		initials;		/* 'С.В.Лавров': a period glued to a capital */
	bool		first_upper_only;	/* first word all capitals */
} WordScan;

/*
 * Check one word s[w, e) of the name part of a colon label.  Returns false
 * if it cannot belong to a label; words with lower case are checked later
 * (a label is upper case or mixed case as a whole).
 */
static bool
check_word(const char *s, size_t w, size_t e, bool first, WordScan *ws,
		   bool in_desc)
{
	size_t		i = w;
	int			letters = 0;
	int			up = 0,
				lo = 0,
				digits = 0;
	bool		starts_lower = false;
	bool		starts_digit = false;
	bool		any = false;

	while (i < e)
	{
		size_t		at = i;
		uint32_t	c = tr_utf8_next(s, &i, e);

		if (tr_cp_is_upper(c))
		{
			up++;
			letters++;
			/* a capital right after a period: glued initials */
			if (at > w && s[at - 1] == '.')
				ws->initials = true;
		}
		else if (tr_cp_is_letter(c))
		{
			if (!any)
				starts_lower = true;
			lo++;
			letters++;
		}
		else if (c >= '0' && c <= '9')
		{
			if (!any)
				starts_digit = true;
			digits++;
		}
		else if (c == '.' || c == '-' || c == '\'' || c == 0x2019)
		{
			if (!any)
				return false;
		}
		else
			return false;
		any = true;
	}
	if (!any)
		return false;
	if (first && (starts_digit || digits > 0 || letters == 0))
		return false;
	if (starts_digit && letters > 0)
		return false;			/* '24th' is not a name word */
	if (starts_lower)
	{
		/* only name particles may start in lower case */
		if (!word_in(s + w, e - w, particles) || first)
			return false;
	}
	ws->upper += up;
	ws->lower += lo;
	if (letters >= 2)
		ws->long_words++;
	if (first)
		ws->first_upper_only = (lo == 0);
	if (in_desc)
		ws->desc_words++;
	else
		ws->words++;
	return true;
}

/* Colon label at s[p] (after blanks and time stamp). */
static bool
colon_label(const char *s, size_t p, size_t end, TrLabel *lb)
{
	size_t		limit = end - p > TR_LABEL_MAX ? p + TR_LABEL_MAX : end;
	size_t		i = p;
	size_t		name_end = 0;
	size_t		colon = 0;
	size_t		last_nonblank = p;
	WordScan	ws;
	bool		in_desc = false;
	bool		first = true;

	/*
	 * Most paragraphs are no label: without a colon on the first line
	 * within the limit there is nothing to read word by word.
	 */
	{
		const char *c = memchr(s + p, ':', limit - p);

		if (c == NULL || memchr(s + p, '\n', (size_t) (c - (s + p))) != NULL)
			return false;
	}

	memset(&ws, 0, sizeof(ws));
	while (i < limit)
	{
		size_t		b;
		size_t		w;

		/* one word: up to a blank, '(', ',' or ':' */
		w = i;
		while (i < limit)
		{
			unsigned char c = (unsigned char) s[i];

			if (c == ' ' || c == '\t' || c == '(' || c == ',' || c == ':' ||
				c == '\n' || c == '\r' || inline_blank(s, i, limit))
				break;
			i++;
		}
		if (i > w)
		{
			if (!check_word(s, w, i, first, &ws, in_desc))
				return false;
			first = false;
			last_nonblank = i;
		}
		if (i >= limit)
			return false;
		if (s[i] == '\n' || s[i] == '\r')
			return false;
		if ((b = inline_blank(s, i, limit)) > 0)
		{
			/* one blank between words, no runs inside the name */
			i += b;
			if (i < limit && inline_blank(s, i, limit) && s[i] != '(')
			{
				size_t		j = tr_skip_blanks(s, i, limit);

				if (j >= limit || (s[j] != ':' && s[j] != '('))
					return false;
				i = j;
			}
			continue;
		}
		if (s[i] == '(')
		{
			size_t		n = paren_len(s, i, end, limit);

			if (n == 0 || first)
				return false;
			if (name_end == 0)
				name_end = last_nonblank;
			ws.has_paren = true;
			i += n;
			last_nonblank = i;
			continue;
		}
		if (s[i] == ',')
		{
			if (ws.has_comma || ws.has_paren || first)
				return false;
			ws.has_comma = true;
			in_desc = true;
			if (name_end == 0)
				name_end = last_nonblank;
			i++;
			continue;
		}
		if (s[i] == ':')
		{
			if (first)
				return false;
			colon = i;
			break;
		}
	}
	if (colon == 0)
		return false;
	if (!colon_followed_ok(s, colon + 1, end))
		return false;
	if (ws.words == 0 || ws.long_words == 0)
		return false;
	if (name_end == 0)
		name_end = last_nonblank;

	lb->off = (uint32_t) p;
	lb->len = (uint32_t) (last_nonblank - p);
	lb->name_len = (uint32_t) (name_end - p);
	lb->after = (uint32_t) (colon + 1);
	lb->weak = false;

	if (ws.lower == 0)
	{
		/* upper case: not a heading word, not too long */
		size_t		ws_i = p;

		if (ws.words > 8 || ws.desc_words > 8)
			return false;
		/* every word of the name part is checked against the stop list */
		while (ws_i < name_end)
		{
			size_t		we = ws_i;

			while (we < name_end && s[we] != ' ' && !inline_blank(s, we, name_end))
				we++;
			/* no lower-case letter here: an exact compare is a folded one */
			if (word_in(s + ws_i, we - ws_i, upper_stop_words))
				return false;
			ws_i = tr_skip_blanks(s, we, name_end);
		}
		lb->kind = TR_LBL_UPPER;
		return true;
	}

	/* mixed case */
	if (ws.has_comma || ws.words > 5 || ws.first_upper_only)
	{
		/* 'The PRESIDENT:' style is fine; a comma or a long phrase is not */
		if (ws.has_comma || ws.words > 5)
			return false;
	}
	lb->kind = TR_LBL_MIXED;
	{
		size_t		fw = p;

		while (fw < name_end && s[fw] != ' ' && !inline_blank(s, fw, name_end))
			fw++;
		if (word_in(s + p, fw - p, mixed_role_words) ||
			word_in(s + p, fw - p, honorifics))
			return true;
		if (name_end - p == 13 && memcmp(s + p, "The President", 13) == 0)
			return true;
		if (name_end - p >= 4 && memcmp(s + p, "The ", 4) == 0)
		{
			/* 'The Chair', 'The Chairman', 'The Speaker' */
			static const char *const the_roles[] = {
				"The Chair", "The Chairman", "The Chairwoman", "The Speaker",
				"The Secretary-General", "The Moderator", "The Host", NULL
			};

			if (word_in(s + p, name_end - p, the_roles))
				return true;
			return false;
		}
	}
	if (ws.has_paren || ws.initials)
		return true;
	lb->weak = true;
	return true;
}

bool
tr_label_at(const char *s, size_t pos, size_t end, unsigned mode, TrLabel *lb)
{
	size_t		p = pos;
	size_t		lead_end = end - pos > LEAD_MAX ? pos + LEAD_MAX : end;
	size_t		n;

	while (p < lead_end && (n = inline_blank(s, p, end)) > 0)
		p += n;
	if (p >= end)
		return false;
	if (mode & TR_MODE_CONGRESS)
	{
		/* deeper indents are quoted material, not the floor */
		if (p - pos > 3)
			return false;
		return congress_label(s, p, end, lb);
	}
	if (s[p] == '[')
	{
		n = bracket_stamp_len(s, p, end);
		if (n == 0)
			return false;
		p += n;
		if (p >= end)
			return false;
	}
	if (s[p] == 'Q' && q_label(s, p, end, lb))
		return true;
	return colon_label(s, p, end, lb);
}
