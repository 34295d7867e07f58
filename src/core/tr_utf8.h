/*
 * tr_utf8.h
 *		UTF-8 validation, decoding and character classes of the core.
 *
 * Everything here works on text that may not be NUL-terminated and never
 * reads past the given end.  The decoding helpers assume text that
 * tr_utf8_validate has accepted; the parser validates once, up front, so
 * that the scanners after it need no error paths.
 */
#ifndef TR_UTF8_H
#define TR_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define TR_NBSP		0x00A0

/* Result of tr_utf8_validate. */
typedef enum TrUtf8Status
{
	TR_UTF8_OK = 0,
	TR_UTF8_BAD,				/* invalid sequence at *err_off */
	TR_UTF8_NUL					/* NUL byte at *err_off */
} TrUtf8Status;

/*
 * Check that s[0, len) is well-formed UTF-8 (shortest forms, no surrogates,
 * nothing above U+10FFFF) without NUL bytes.  Calls tr_check_interrupts()
 * between blocks.  On success *n_chars gets the number of characters.
 */
extern TrUtf8Status tr_utf8_validate(const char *s, size_t len,
									 size_t *err_off, size_t *n_chars);

/* Number of characters in s[0, len) (valid UTF-8). */
extern size_t tr_utf8_count(const char *s, size_t len);

/*
 * Decode the character at s[*i] (valid UTF-8, *i < end), advance *i past it.
 */
static inline uint32_t
tr_utf8_next(const char *s, size_t *i, size_t end)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t		p = *i;
	uint32_t	c = u[p];

	if (c < 0x80)
	{
		*i = p + 1;
		return c;
	}
	if (c < 0xE0 && p + 1 < end)
	{
		*i = p + 2;
		return ((c & 0x1F) << 6) | (u[p + 1] & 0x3F);
	}
	if (c < 0xF0 && p + 2 < end)
	{
		*i = p + 3;
		return ((c & 0x0F) << 12) | ((u[p + 1] & 0x3F) << 6) | (u[p + 2] & 0x3F);
	}
	if (p + 3 < end)
	{
		*i = p + 4;
		return ((c & 0x07) << 18) | ((u[p + 1] & 0x3F) << 12) |
			((u[p + 2] & 0x3F) << 6) | (u[p + 3] & 0x3F);
	}
	/* truncated (cannot happen on validated text): consume one byte */
	*i = p + 1;
	return 0xFFFD;
}

/* Decode the character that ends just before s[*i]; move *i back to it. */
static inline uint32_t
tr_utf8_prev(const char *s, size_t *i, size_t begin)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t		p = *i;
	size_t		q;

	if (p <= begin)
		return 0;
	q = p - 1;
	while (q > begin && p - q < 4 && (u[q] & 0xC0) == 0x80)
		q--;
	*i = q;
	return tr_utf8_next(s, &q, p);
}

/*
 * Length in bytes of a blank character (space, tab, CR, U+00A0) at s[i],
 * or 0.  Newline is not blank: it separates lines.
 */
static inline size_t
tr_blank_len(const char *s, size_t i, size_t end)
{
	unsigned char c = (unsigned char) s[i];

	/* most bytes are above the space and no NBSP lead: one compare */
	if (c > ' ')
		return (c == 0xC2 && i + 1 < end && (unsigned char) s[i + 1] == 0xA0) ? 2 : 0;
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Skip blanks forward from i; returns the first non-blank position. */
static inline size_t
tr_skip_blanks(const char *s, size_t i, size_t end)
{
	size_t		n;

	while (i < end && (n = tr_blank_len(s, i, end)) > 0)
		i += n;
	return i;
}

/* Back over blanks before end (not before begin); returns the new end. */
static inline size_t
tr_trim_blanks_back(const char *s, size_t begin, size_t end)
{
	while (end > begin)
	{
		unsigned char c = (unsigned char) s[end - 1];

		if (c > ' ' && c != 0xA0)
			break;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
			end--;
		else if (c == 0xA0 && end - 1 > begin &&
				 (unsigned char) s[end - 2] == 0xC2)
			end -= 2;
		else
			break;
	}
	return end;
}

/* Character classes, for the scripts our transcripts use (via ICU). */
extern bool tr_cp_is_upper(uint32_t c);
extern bool tr_cp_is_lower(uint32_t c);
extern bool tr_cp_is_letter(uint32_t c);
extern bool tr_cp_is_cyrillic(uint32_t c);
extern uint32_t tr_cp_to_lower(uint32_t c);
extern uint32_t tr_cp_to_upper(uint32_t c);

/* Append the UTF-8 encoding of c to dst; returns the bytes written (1-4). */
static inline size_t
tr_utf8_put(char *dst, uint32_t c)
{
	if (c < 0x80)
	{
		dst[0] = (char) c;
		return 1;
	}
	if (c < 0x800)
	{
		dst[0] = (char) (0xC0 | (c >> 6));
		dst[1] = (char) (0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000)
	{
		dst[0] = (char) (0xE0 | (c >> 12));
		dst[1] = (char) (0x80 | ((c >> 6) & 0x3F));
		dst[2] = (char) (0x80 | (c & 0x3F));
		return 3;
	}
	dst[0] = (char) (0xF0 | (c >> 18));
	dst[1] = (char) (0x80 | ((c >> 12) & 0x3F));
	dst[2] = (char) (0x80 | ((c >> 6) & 0x3F));
	dst[3] = (char) (0x80 | (c & 0x3F));
	return 4;
}

/* ASCII helpers that do not depend on the C locale. */
static inline bool
tr_is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static inline bool
tr_is_ascii_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool
tr_is_ascii_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static inline bool
tr_is_ascii_alpha(unsigned char c)
{
	return tr_is_ascii_upper(c) || tr_is_ascii_lower(c);
}

static inline unsigned char
tr_ascii_lower(unsigned char c)
{
	return tr_is_ascii_upper(c) ? (unsigned char) (c + 32) : c;
}

/*
 * Case-insensitive (ASCII) comparison of s[i, i+n) with the NUL-terminated
 * word w; n must equal strlen(w) for a match.
 */
/* FNV-1a over n bytes: the hash of the core's small lookup tables. */
static inline uint32_t
tr_hash_bytes(const char *s, size_t n)
{
	uint32_t	h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char) s[i]) * 16777619u;
	return h;
}

extern bool tr_ascii_ieq(const char *s, size_t n, const char *w);

/* Does s[i, end) start with w, ASCII case-insensitively? */
extern bool tr_ascii_iprefix(const char *s, size_t i, size_t end,
							 const char *w);

#endif
