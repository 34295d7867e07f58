/*
 * tr_body.c
 *		Furniture paragraphs, inline annotations, and the cuts that leave them
 *		out of a turn's body.
 *
 * Furniture is text in a transcript that nobody said: stage directions
 * standing as a paragraph ('(Laughter.)', '(BEGIN VIDEOTAPE)'), time
 * stamps, 'END', '###', page markers '[[Page S697]]', rules, centred
 * headings of the Congressional Record, footnotes, and the site furniture
 * after a Foreign Ministry page ('Additional materials').  Annotations are
 * the same kind of notes inside spoken text: '(Via interpreter)',
 * '(Applause.)', '(inaudible)', footnote marks glued to a word ('Prime[i]').
 * Ordinary parentheses in speech ('(JCPOA)') stay: an annotation must start
 * with one of the words listed below.
 */
#include "tr_doc.h"
#include "tr_header.h"
#include "tr_label.h"
#include "tr_utf8.h"
#include "tr_mem.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif


/* Longest standalone stage direction we look for, in bytes. */
#define STAGE_MAX		600
/* Longest inline annotation, in bytes. */
#define ANNOT_MAX		80

/*
 * Annotation openings (ASCII case-insensitive, whole words).  The first
 * group are interpreter notes; 'via int...' also catches typos such as
 * '(Via interepreter)'.
 */
static const char *const interp_notes[] = {
	"via int", "via tr", "through translator", "through interpreter",
	"through an interpreter", "through a translator", "through translation",
	"through the interpreter", "as interpreted", "interpreted", "interpreting",
	"interpretation", "in translation", "translated", "translation",
	"spoke in", "speaking through", "через переводчика", "перевод", NULL
};

static const char *const stage_notes[] = {
	"laughter", "laughs", "laughing", "applause", "applauds", "cross-talk",
	"crosstalk", "cross talk", "inaudible", "unintelligible", "indiscernible",
	"off-mic", "off mic", "pause", "cheers", "cheering", "boos", "booing",
	"chuckles", "chuckling", "sighs", "no translation", "speaks", "speaking in",
	"begin videotape", "end videotape", "begin video", "end video",
	"begin audio", "end audio", "commercial break", "audio gap",
	"technical difficulties", "music", "silence", "audience", "phone rings",
	"смех", "аплодисменты", "неразборчиво", NULL
};

/* Does the inner text s[i, e) open with note (whole words)? */
static bool
opens_with(const char *s, size_t i, size_t e, const char *note)
{
	size_t		n = strlen(note);
	unsigned char after;

	if (e - i < n || !tr_ascii_iprefix(s, i, e, note))
		return false;
	/* a note that ends in a partial word ('via int') matches any rest */
	if (n >= 3 && tr_is_ascii_alpha((unsigned char) note[n - 1]) &&
		(strcmp(note, "via int") == 0 || strcmp(note, "via tr") == 0))
		return true;
	if (i + n == e)
		return true;
	after = (unsigned char) s[i + n];
	return !(tr_is_ascii_alpha(after) || after >= 0x80);
}

size_t
tr_annotation_at(const char *s, size_t i, size_t end, unsigned *flags)
{
	size_t		limit = end - i > ANNOT_MAX ? i + ANNOT_MAX : end;
	size_t		p;
	size_t		in_s,
				in_e;
	unsigned char first;

	*flags = 0;
	if (i >= end || s[i] != '(')
		return 0;
	for (p = i + 1; p < limit; p++)
		if (s[p] == ')' || s[p] == '(')
			break;
	if (p >= limit || s[p] != ')')
		return 0;
	in_s = tr_skip_blanks(s, i + 1, p);
	in_e = p;
	if (in_s >= in_e)
		return 0;
	/* the first byte, folded, rules out most notes before any compare */
	first = (unsigned char) tr_ascii_lower((unsigned char) s[in_s]);
	for (const char *const *w = interp_notes; *w; w++)
		if ((unsigned char) (*w)[0] == first && opens_with(s, in_s, in_e, *w))
		{
			*flags = TR_ANN_INTERPRETER;
			return p + 1 - i;
		}
	for (const char *const *w = stage_notes; *w; w++)
		if ((unsigned char) (*w)[0] == first && opens_with(s, in_s, in_e, *w))
			return p + 1 - i;
	return 0;
}

size_t
tr_footnote_mark_len(const char *s, size_t i, size_t end)
{
	size_t		p = i + 1;
	size_t		limit = end - i > 8 ? i + 8 : end;

	if (i >= end || s[i] != '[')
		return 0;
	if (p < limit && s[p] == '*')
		p++;
	else if (p < limit && tr_is_digit((unsigned char) s[p]))
	{
		while (p < limit && tr_is_digit((unsigned char) s[p]))
			p++;
	}
	else
	{
		while (p < limit && strchr("ivxIVX", s[p]) != NULL && s[p] != '\0')
			p++;
	}
	if (p == i + 1 || p >= limit || s[p] != ']')
		return 0;
	return p + 1 - i;
}

/* End of the line that contains s[i] (position of its newline, or end). */
static inline size_t
line_end_of(const char *s, size_t i, size_t end)
{
	const char *nl = memchr(s + i, '\n', end - i);

	return nl ? (size_t) (nl - s) : end;
}

/* Is s[i, e) blank (spaces, tabs, NBSP, CR only)? */
static inline bool
all_blank(const char *s, size_t i, size_t e)
{
	return tr_skip_blanks(s, i, e) >= e;
}

/*
 * Does a paragraph end after the line that ends at le?  Yes at the end of
 * the text, before a blank line, and before an indented line (the
 * Congressional Record starts paragraphs with an indent).  With
 * TR_MODE_UNWRAPPED every line is a paragraph.
 */
static bool
paragraph_ends_after(const char *s, size_t le, size_t end, unsigned mode)
{
	size_t		next,
				ne;

	if (le >= end)
		return true;
	next = le + 1;
	if (next >= end)
		return true;
	if (mode & TR_MODE_UNWRAPPED)
		return true;
	ne = line_end_of(s, next, end < next + 4096 ? end : next + 4096);
	if (all_blank(s, next, ne))
		return true;
	if (s[next] == ' ' && next + 1 < end && s[next + 1] == ' ')
		return true;
	return false;
}

/*
 * A paragraph made of one parenthesis: '(Laughter.)', '(BEGIN VIDEOTAPE)',
 * '(The remarks of Mr. Reid ... are located in today's Record ...)'.
 * Returns true and the end of its last line.
 */
static bool
standalone_paren(const char *s, size_t pos, size_t end, unsigned mode,
				 size_t *fend)
{
	size_t		limit = end - pos > STAGE_MAX ? pos + STAGE_MAX : end;
	int			depth = 0;
	size_t		p;

	for (p = pos; p < limit; p++)
	{
		char		c = s[p];

		if (c == '(')
			depth++;
		else if (c == ')')
		{
			if (--depth == 0)
				break;
		}
		else if (c == '\n')
		{
			/* a blank line inside means it was not one parenthesis */
			size_t		ne = line_end_of(s, p + 1, limit);

			if (all_blank(s, p + 1, ne))
				return false;
			if (mode & TR_MODE_UNWRAPPED)
				return false;
		}
	}
	if (p >= limit)
		return false;
	/* only blanks and a period may follow on that line */
	{
		size_t		q = p + 1;
		size_t		le;

		if (q < end && s[q] == '.')
			q++;
		le = line_end_of(s, q, end);
		if (!all_blank(s, q, le))
			return false;
		if (!paragraph_ends_after(s, le, end, mode))
			return false;
		*fend = le;
	}
	return true;
}

/* Is the line s[pos, le) a lone clock time ('4:03 P.M. EST')? */
static bool
time_line(const char *s, size_t pos, size_t le)
{
	size_t		n = tr_time_len(s, pos, le, true);

	return n > 0 && all_blank(s, pos + n, le);
}

/* 'END', 'END 5:12 P.M. EST' */
static bool
end_line(const char *s, size_t pos, size_t le)
{
	size_t		q;

	if (le - pos < 3 || memcmp(s + pos, "END", 3) != 0)
		return false;
	q = pos + 3;
	if (q < le && !tr_blank_len(s, q, le))
		return false;
	q = tr_skip_blanks(s, q, le);
	if (q >= le)
		return true;
	q += tr_time_len(s, q, le, false);
	return all_blank(s, q, le);
}

/* '###', '\###', '# # #', and in Markdown bold, '**\###**' */
static bool
hashes_line(const char *s, size_t pos, size_t le)
{
	int			hashes = 0;

	for (size_t q = pos; q < le; q++)
	{
		if (s[q] == '#')
			hashes++;
		else if (s[q] != '\\' && s[q] != '*' && !tr_blank_len(s, q, le))
			return false;
	}
	return hashes >= 3;
}

/* A rule: a line of three or more '_', '-', '*' or '=' (blanks between). */
static bool
rule_line(const char *s, size_t pos, size_t le)
{
	int			marks = 0;
	char		mark = s[pos];

	if (mark != '_' && mark != '-' && mark != '*' && mark != '=')
		return false;
	for (size_t q = pos; q < le; q++)
	{
		if (s[q] == mark)
			marks++;
		else if (!tr_blank_len(s, q, le))
			return false;
	}
	return marks >= 3;
}

/* '[[Page S697]]', '[Page S697]', '[[Page H1234]]' */
static bool
page_line(const char *s, size_t pos, size_t le)
{
	size_t		q = pos;

	while (q < le && s[q] == '[')
		q++;
	if (q == pos || le - q < 5 || memcmp(s + q, "Page", 4) != 0)
		return false;
	while (q < le && s[q] != ']')
		q++;
	while (q < le && s[q] == ']')
		q++;
	return q < le + 1 && all_blank(s, q, le) && s[q - 1] == ']';
}

/* A footnote at the end: '[i] Foreign Minister Lavrov', '[1] ...' */
static bool
footnote_line(const char *s, size_t pos, size_t le)
{
	size_t		n = tr_footnote_mark_len(s, pos, le);

	return n > 0 && pos + n < le && tr_blank_len(s, pos + n, le) > 0;
}

/* A line holding only a bracketed time stamp: '[11:00:00]'. */
static bool
bracket_only_time(const char *s, size_t pos, size_t le)
{
	size_t		q = pos + 1;
	int			groups = 0;

	for (;;)
	{
		size_t		d = q;

		while (q < le && q - d < 2 && tr_is_digit((unsigned char) s[q]))
			q++;
		if (q == d)
			return false;
		groups++;
		if (q < le && s[q] == ':' && groups < 3)
			q++;
		else
			break;
	}
	if (groups < 2 || q >= le || s[q] != ']')
		return false;
	return all_blank(s, q + 1, le);
}

/* Is the line exactly one of the site furniture phrases? */
static bool
line_is(const char *s, size_t pos, size_t le, const char *phrase)
{
	size_t		n = strlen(phrase);
	size_t		e = tr_trim_blanks_back(s, pos, le);

	return e - pos == n && memcmp(s + pos, phrase, n) == 0;
}

/*
 * Narrative of the Congressional Record that nobody says: 'The assistant
 * legislative clerk read as follows:', 'The motion to lay on the table was
 * agreed to.', 'The bill clerk proceeded to call the roll.'
 */
static bool
record_narrative(const char *s, size_t pos, size_t le)
{
	size_t		e = tr_trim_blanks_back(s, pos, le);
	static const char *const tails[] = {
		" was agreed to.", " were agreed to.", " was rejected.",
		" proceeded to call the roll.", " called the roll.", " read as follows:",
		NULL
	};

	if (e - pos > 160 || (s[e - 1] != '.' && s[e - 1] != ':') ||
		!tr_ascii_iprefix(s, pos, e, "The "))
		return false;
	for (int k = 0; tails[k]; k++)
	{
		size_t		tl = strlen(tails[k]);

		if (e - pos > tl && memcmp(s + e - tl, tails[k], tl) == 0)
			return true;
	}
	return false;
}

/* 'Mr. REID addressed the Chair.' in the Congressional Record. */
static bool
addressed_chair(const char *s, size_t pos, size_t le)
{
	size_t		e = tr_trim_blanks_back(s, pos, le);
	static const char tail[] = " addressed the Chair.";
	size_t		tl = sizeof(tail) - 1;

	if (e - pos <= tl || e - pos > 80 || memcmp(s + e - tl, tail, tl) != 0)
		return false;
	return (tr_ascii_iprefix(s, pos, e, "Mr. ") ||
			tr_ascii_iprefix(s, pos, e, "Mrs. ") ||
			tr_ascii_iprefix(s, pos, e, "Ms. "));
}

TrFurniture
tr_furniture_at(const char *s, size_t pos, size_t end, unsigned mode,
				size_t *fend)
{
	/* the bytes the cases below start with */
	static const bool furniture_opener[256] = {
		['('] = true, ['['] = true, ['E'] = true, ['#'] = true, ['\\'] = true,
		['*'] = true, ['_'] = true, ['-'] = true, ['='] = true, ['A'] = true,
		['G'] = true, ['B'] = true, ['<'] = true, ['M'] = true, ['T'] = true,
		['0'] = true, ['1'] = true, ['2'] = true, ['3'] = true, ['4'] = true,
		['5'] = true, ['6'] = true, ['7'] = true, ['8'] = true, ['9'] = true
	};
	size_t		le;
	unsigned char c;
	size_t		indent = 0;

	/* Congressional Record: indentation tells headings from paragraphs */
	if (mode & TR_MODE_CONGRESS)
	{
		size_t		q = pos;

		while (q > 0 && s[q - 1] == ' ')
			q--;
		if (q == 0 || s[q - 1] == '\n')
			indent = pos - q;
	}
	c = (unsigned char) s[pos];
	/* most paragraphs open with a byte no furniture opens with */
	if (!furniture_opener[c] && !(mode & TR_MODE_CONGRESS))
		return TR_FURN_NONE;
	le = line_end_of(s, pos, end);
	*fend = le;
	switch (c)
	{
		case '(':
			if (standalone_paren(s, pos, end, mode, fend))
				return TR_FURN_SKIP;
			break;
		case '[':
			if (page_line(s, pos, le))
				return TR_FURN_PAGE;
			if (bracket_only_time(s, pos, le))
				return TR_FURN_SKIP;
			if (footnote_line(s, pos, le))
				return TR_FURN_CLOSE;
			break;
		case 'E':
			if (end_line(s, pos, le))
				return TR_FURN_CLOSE;
			break;
		case '#':
		case '\\':
			if (hashes_line(s, pos, le))
				return TR_FURN_CLOSE;
			break;
		case '*':
			if (hashes_line(s, pos, le))
				return TR_FURN_CLOSE;	/* '**\###**' */
			/* FALLTHROUGH */
		case '_':
		case '-':
		case '=':
			if (rule_line(s, pos, le))
				return (mode & TR_MODE_CONGRESS) ? TR_FURN_CLOSE : TR_FURN_SKIP;
			break;
		case 'A':
			if (line_is(s, pos, le, "Additional materials") ||
				line_is(s, pos, le, "Advanced settings"))
				return TR_FURN_STOP;
			break;
		case 'G':
			if (line_is(s, pos, le, "Go to home page"))
				return TR_FURN_SKIP;
			break;
		case 'B':
			if (line_is(s, pos, le, "Back to top"))
				return TR_FURN_STOP;
			break;
		case '<':
			if (le - pos >= 6 && memcmp(s + pos, "</pre>", 6) == 0)
				return TR_FURN_STOP;
			if (le - pos >= 7 && memcmp(s + pos, "</body>", 7) == 0)
				return TR_FURN_STOP;
			break;
		case 'M':
			if (addressed_chair(s, pos, le))
				return TR_FURN_SKIP;
			break;
		case 'T':
			if (record_narrative(s, pos, le) &&
				paragraph_ends_after(s, le, end, mode))
				return TR_FURN_SKIP;
			break;
		default:
			break;
	}
	if (tr_is_digit(c) && time_line(s, pos, le))
		return TR_FURN_SKIP;
	/* a centred heading of the Congressional Record */
	if ((mode & TR_MODE_CONGRESS) && indent >= 10)
		return TR_FURN_CLOSE;
	return TR_FURN_NONE;
}


/*
 * Does the first non-blank line at or after s[i] continue a paragraph (not
 * indented)?  Used after a page marker: the Congressional Record breaks
 * pages in mid-sentence, and the text after the marker is then not a new
 * paragraph.
 */
static bool
continues_after_page(const char *s, size_t i, size_t end)
{
	while (i < end)
	{
		size_t		le = line_end_of(s, i, end);

		if (!all_blank(s, i, le))
			return tr_blank_len(s, i, le) == 0;
		i = le + 1;
	}
	return false;
}

/* Append a cut [start, end) to the list. */
static void
add_cut(TrCut **cuts, size_t *n, size_t *cap, size_t first, size_t start, size_t end,
		bool space)
{
	if (end <= start)
		return;
	/* a cut that meets the one before (of this body) merges with it */
	if (*n > first && (*cuts)[*n - 1].end >= start)
	{
		if (end > (*cuts)[*n - 1].end)
			(*cuts)[*n - 1].end = (uint32_t) end;
		return;
	}
	tr_grow((void **) cuts, sizeof(TrCut), *n, cap);
	(*cuts)[*n].start = (uint32_t) start;
	(*cuts)[*n].end = (uint32_t) end;
	(*cuts)[*n].space = space ? 1 : 0;
	(*n)++;
}

/* The start of the next non-blank line at or after i (or end). */
static size_t
next_content_line(const char *s, size_t i, size_t end)
{
	while (i < end)
	{
		size_t		le = line_end_of(s, i, end);

		if (!all_blank(s, i, le))
			return i;
		i = le + 1;
	}
	return end;
}

/*
 * The first line break, '(' or '[' in s[i, e), or e: what the walk over a
 * body stops at.  Sixteen bytes a step where SSE2 is there.
 */
static inline size_t
next_line_or_mark(const char *s, size_t i, size_t e)
{
#ifdef __SSE2__
	const __m128i nl = _mm_set1_epi8('\n');
	const __m128i paren = _mm_set1_epi8('(');
	const __m128i bracket = _mm_set1_epi8('[');

	while (i + 16 <= e)
	{
		__m128i		v = _mm_loadu_si128((const __m128i *) (s + i));
		unsigned	m = (unsigned) _mm_movemask_epi8(
			_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, paren)),
						 _mm_cmpeq_epi8(v, bracket)));

		if (m != 0)
			return i + (size_t) __builtin_ctz(m);
		i += 16;
	}
#endif
	while (i < e && s[i] != '\n' && s[i] != '(' && s[i] != '[')
		i++;
	return i;
}

/* The flags of every annotation in s[b, e), nested ones too. */
static unsigned
annotation_flags_in(const char *s, size_t b, size_t e)
{
	unsigned	all = 0;

	while (b < e)
	{
		const char *p = memchr(s + b, '(', e - b);
		unsigned	fl;

		if (p == NULL)
			break;
		b = (size_t) (p - s);
		if (tr_annotation_at(s, b, e, &fl) > 0)
			all |= fl;
		b++;
	}
	return all;
}

/*
 * Walk a body line by line, as a reader would: paragraphs open after a
 * blank line or (Congress) at an indented line; a paragraph that is
 * furniture (stage direction, time stamp, page marker) is cut with the
 * blank lines after it; inside lines, annotations and footnote marks are
 * cut.  One vector scan finds line ends, '(' and '[', so the walk costs
 * little more than reading the bytes.
 */
unsigned
tr_body_cuts(const char *text, uint32_t start, uint32_t end,
			 TrCut **cuts, size_t *n, size_t *cap)
{
	unsigned	flags = 0;
	size_t		i = start;
	size_t		e = end;
	bool		para_start = true;
	size_t		prev_indent = 0;
	size_t		first = *n;
	size_t		lines = 0;

	while (i < e)
	{
		size_t		j = tr_skip_blanks(text, i, e);
		size_t		indent = 0;
		size_t		p;

		/* only hook memory (the cut list) is held here */
		if (++lines % 65536 == 0)
			tr_check_interrupts();
		if (j >= e)
			break;
		if (text[j] == '\n')
		{
			/* a blank line: the paragraph ends */
			para_start = true;
			i = j + 1;
			continue;
		}
		while (i + indent < j && text[i + indent] == ' ')
			indent++;
		if (i > start && (indent == 2 || (indent > 2 && indent > prev_indent)))
			para_start = true;	/* an indented first line (Congress) */
		prev_indent = indent;

		if (para_start)
		{
			size_t		fend;
			TrFurniture f = tr_furniture_at(text, j, e, 0, &fend);

			para_start = false;
			if (f != TR_FURN_NONE)
			{
				size_t		next = next_content_line(text, fend < e ? fend + 1 : e, e);

				flags |= annotation_flags_in(text, i, next);

				if (f == TR_FURN_PAGE && i > start && next < e &&
					continues_after_page(text, next, e))
				{
					/* a page break in mid-sentence: the words meet again */
					size_t		from = i;

					while (from > start && (text[from - 1] == '\n' ||
											tr_blank_len(text, from - 1, e) > 0))
						from--;
					add_cut(cuts, n, cap, first, from, next, true);
				}
				else
					add_cut(cuts, n, cap, first, i, next, false);
				i = next;
				para_start = true;
				continue;
			}
		}

		/* the rest of the line: annotations and footnote marks */
		p = j;
		for (;;)
		{
			size_t		h = next_line_or_mark(text, p, e);
			size_t		len;

			if (h >= e)
			{
				i = e;
				break;
			}
			if (text[h] == '\n')
			{
				i = h + 1;
				break;
			}
			if (text[h] == '(')
			{
				unsigned	fl;

				len = tr_annotation_at(text, h, e, &fl);
				if (len > 0)
				{
					size_t		to = h + len;

					flags |= fl;

					/* with the blanks after it, if blanks precede it */
					if (h == j || tr_blank_len(text, h - 1, e) > 0)
						while (to < e && tr_blank_len(text, to, e) > 0)
							to += tr_blank_len(text, to, e);
					add_cut(cuts, n, cap, first, h, to, false);
					p = to;
					continue;
				}
			}
			else if (h > start && !tr_blank_len(text, h - 1, e) && text[h - 1] != '\n')
			{
				len = tr_footnote_mark_len(text, h, e);
				if (len > 0)
				{
					add_cut(cuts, n, cap, first, h, h + len, false);
					p = h + len;
					continue;
				}
			}
			p = h + 1;
		}
	}
	return flags;
}

/* Is s[i] whitespace a body is trimmed of at its start (blanks, line breaks)? */
static inline size_t
edge_space_len(const char *s, size_t i, size_t end)
{
	if (s[i] == '\n')
		return 1;
	return tr_blank_len(s, i, end);
}

/* The end of s[b, e) less trailing line breaks, blanks and NBSPs. */
static size_t
trim_body_end(const char *s, size_t b, size_t e)
{
	while (e > b && (s[e - 1] == '\n' || s[e - 1] == ' ' || s[e - 1] == '\t' ||
					 s[e - 1] == '\r' ||
					 (e - b >= 2 && (unsigned char) s[e - 1] == 0xA0 &&
					  (unsigned char) s[e - 2] == 0xC2)))
		e -= (unsigned char) s[e - 1] == 0xA0 ? 2 : 1;
	return e;
}

/* The start of s[b, e) past leading whitespace (edge_space_len). */
static size_t
trim_body_start(const char *s, size_t b, size_t e)
{
	size_t		n;

	while (b < e && (n = edge_space_len(s, b, e)) > 0)
		b += n;
	return b;
}

size_t
tr_turn_body(const char *text, const TrDoc *doc, const TrTurn *turn, char *dst)
{
	size_t		pos = turn->body_start;
	size_t		out = 0;
	size_t		lead;

	for (uint32_t k = 0; k < turn->cut_count; k++)
	{
		const TrCut *c = &doc->cuts[turn->cut_first + k];

		if (c->start > pos)
		{
			memcpy(dst + out, text + pos, c->start - pos);
			out += c->start - pos;
		}
		if (c->space && out > 0)
			dst[out++] = ' ';
		if (c->end > pos)
			pos = c->end;
	}
	if (turn->body_end > pos)
	{
		memcpy(dst + out, text + pos, turn->body_end - pos);
		out += turn->body_end - pos;
	}
	out = trim_body_end(dst, 0, out);
	lead = trim_body_start(dst, 0, out);
	if (lead > 0)
	{
		memmove(dst, dst + lead, out - lead);
		out -= lead;
	}
	return out;
}

void
tr_plain_body(const char *text, const TrTurn *turn, uint32_t *off, uint32_t *len)
{
	size_t		e = trim_body_end(text, turn->body_start, turn->body_end);
	size_t		b = trim_body_start(text, turn->body_start, e);

	*off = (uint32_t) b;
	*len = (uint32_t) (e - b);
}
