/*
 * tr_utf8.c
 *		UTF-8 validation and character classes.
 *
 * Validation is the one pass over the whole text that every parse pays for,
 * so it has an ASCII fast path that checks eight bytes at a time (most of
 * our text is ASCII with an occasional curly quote or no-break space).
 */
#include "tr_utf8.h"
#include "tr_mem.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <unicode/uchar.h>

#define HIGH_BITS	UINT64_C(0x8080808080808080)
#define LOW_ONES	UINT64_C(0x0101010101010101)

/* Does the 8-byte word v hold a zero byte? (the classic bit trick) */
static inline bool
word_has_zero(uint64_t v)
{
	return ((v - LOW_ONES) & ~v & HIGH_BITS) != 0;
}

/*
 * Validate one multi-byte sequence starting at u[i] (u[i] >= 0x80).
 * Returns its length, or 0 if it is malformed.
 */
static size_t
check_sequence(const unsigned char *u, size_t i, size_t len)
{
	unsigned char c = u[i];
	size_t		n;
	unsigned char lo = 0x80,
				hi = 0xBF;

	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
	{
		n = 3;
		/* no overlong forms, no surrogates */
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		n = 4;
		/* no overlong forms, nothing above U+10FFFF */
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	}
	else
		return 0;
	if (len - i < n)
		return 0;
	if (u[i + 1] < lo || u[i + 1] > hi)
		return 0;
	for (size_t k = 2; k < n; k++)
		if ((u[i + k] & 0xC0) != 0x80)
			return 0;
	return n;
}

TrUtf8Status
tr_utf8_validate(const char *s, size_t len, size_t *err_off, size_t *n_chars)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t		i = 0;
	size_t		chars = 0;

	while (i < len)
	{
		size_t		block_end = len - i > TR_INTERRUPT_EVERY ?
			i + TR_INTERRUPT_EVERY : len;

		while (i < block_end)
		{
#ifdef __SSE2__
			/* fast path: 32 ASCII bytes, none of them NUL, per step */
			while (block_end - i >= 32)
			{
				__m128i		a = _mm_loadu_si128((const __m128i *) (u + i));
				__m128i		b = _mm_loadu_si128((const __m128i *) (u + i + 16));
				__m128i		zero = _mm_setzero_si128();

				if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b),
												   _mm_or_si128(_mm_cmpeq_epi8(a, zero),
																_mm_cmpeq_epi8(b, zero)))) != 0)
					break;
				i += 32;
				chars += 32;
			}
			if (i >= block_end)
				break;
#endif
			/* fast path: sixteen, then eight ASCII bytes, none of them NUL */
			if (block_end - i >= 16)
			{
				uint64_t	v1,
							v2;

				memcpy(&v1, u + i, 8);
				memcpy(&v2, u + i + 8, 8);
				if (((v1 | v2) & HIGH_BITS) == 0 &&
					(((v1 - LOW_ONES) & ~v1) | ((v2 - LOW_ONES) & ~v2)) == 0)
				{
					i += 16;
					chars += 16;
					continue;
				}
			}
			if (block_end - i >= 8)
			{
				uint64_t	v;

				memcpy(&v, u + i, 8);
				if ((v & HIGH_BITS) == 0 && !word_has_zero(v))
				{
					i += 8;
					chars += 8;
					continue;
				}
			}
			if (u[i] < 0x80)
			{
				if (u[i] == 0)
				{
					*err_off = i;
					return TR_UTF8_NUL;
				}
				i++;
				chars++;
			}
			else if (u[i] >= 0xC2 && u[i] <= 0xDF && i + 1 < len &&
					 (u[i + 1] & 0xC0) == 0x80)
			{
				/* a two-byte character (no-break space, Cyrillic) */
				i += 2;
				chars++;
			}
			else
			{
				size_t		n = check_sequence(u, i, len);

				if (n == 0)
				{
					*err_off = i;
					return TR_UTF8_BAD;
				}
				i += n;
				chars++;
			}
		}
		tr_check_interrupts();
	}
	*n_chars = chars;
	return TR_UTF8_OK;
}

size_t
tr_utf8_count(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t		i = 0;
	size_t		n = 0;

#ifdef __SSE2__
	/*
	 * Continuation bytes 10xxxxxx are the signed bytes below -64: count
	 * them per lane (up to 255 blocks), then sum the lanes.
	 */
	while (len - i >= 16)
	{
		size_t		blocks = (len - i) / 16;
		__m128i		acc = _mm_setzero_si128();
		__m128i		sad;

		if (blocks > 255)
			blocks = 255;
		for (size_t b = 0; b < blocks; b++, i += 16)
			acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(_mm_loadu_si128((const __m128i *) (u + i)),
													_mm_set1_epi8(-64)));
		sad = _mm_sad_epu8(acc, _mm_setzero_si128());
		n += blocks * 16 - (size_t) (_mm_cvtsi128_si32(sad) +
									 _mm_cvtsi128_si32(_mm_srli_si128(sad, 8)));
	}
	if (i > 0 && i < len)
	{
		/* the last bytes: one load that ends at len, its first lanes dropped */
		size_t		rem = len - i;
		unsigned	cont = (unsigned) _mm_movemask_epi8(
			_mm_cmplt_epi8(_mm_loadu_si128((const __m128i *) (u + len - 16)),
						   _mm_set1_epi8(-64)));

		n += rem - (size_t) __builtin_popcount(cont >> (16 - rem));
		i = len;
	}
#endif
	/* count the bytes that are not continuation bytes, eight at a time */
	while (len - i >= 8)
	{
		uint64_t	v;

		memcpy(&v, u + i, 8);
		if ((v & HIGH_BITS) == 0)
			n += 8;
		else
		{
			/* continuation bytes are exactly those with bits 10xxxxxx */
			uint64_t	cont = v & ~(v << 1) & HIGH_BITS;

			/* sum the flag bits: one per byte lane, gathered by a multiply */
			n += 8 - (size_t) (((cont >> 7) * LOW_ONES) >> 56);
		}
		i += 8;
	}
	for (; i < len; i++)
		if ((u[i] & 0xC0) != 0x80)
			n++;
	return n;
}

bool
tr_cp_is_upper(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return u_isupper((UChar32) c) != 0;
}

bool
tr_cp_is_lower(uint32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return u_islower((UChar32) c) != 0;
}

bool
tr_cp_is_letter(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
	return u_isalpha((UChar32) c) != 0;
}

bool
tr_cp_is_cyrillic(uint32_t c)
{
	return c >= 0x0400 && c <= 0x052F;
}

uint32_t
tr_cp_to_lower(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') ? c + 32 : c;
	return (uint32_t) u_tolower((UChar32) c);
}

uint32_t
tr_cp_to_upper(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') ? c - 32 : c;
	return (uint32_t) u_toupper((UChar32) c);
}

bool
tr_ascii_ieq(const char *s, size_t n, const char *w)
{
	size_t		k;

	for (k = 0; k < n; k++)
	{
		if (w[k] == '\0')
			return false;
		if (tr_ascii_lower((unsigned char) s[k]) !=
			tr_ascii_lower((unsigned char) w[k]))
			return false;
	}
	return w[k] == '\0';
}

bool
tr_ascii_iprefix(const char *s, size_t i, size_t end, const char *w)
{
	for (; *w; w++, i++)
	{
		if (i >= end)
			return false;
		if (tr_ascii_lower((unsigned char) s[i]) !=
			tr_ascii_lower((unsigned char) *w))
			return false;
	}
	return true;
}
