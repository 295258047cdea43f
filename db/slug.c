/* slug.c: text to slug (slug.h).  Decomposed and lowercased (NFKD,
 * then u8_tolower to NFKD), the accents of Latin, Greek and Cyrillic
 * letters (U+0300..U+036F after decomposition) dropped, the few Latin letters
 * that do not decompose (ł, ø, æ, ß...) spelled in ASCII, letters and
 * digits of every other script kept, and the result put back in NFC.
 * NFKD rather than NFD so that ligatures and full-width forms
 * ("ﬁle", "ＡＢ") become the letters a user types.  Decomposing, then
 * dropping marks, then composing is idempotent: a slug is its own slug. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "parse.h"
#include "slug.h"
#include "xmalloc.h"

/* Latin letters with no canonical decomposition, as a user would type
 * them in ASCII. */
static const struct {
	ucs4_t		 c;
	const char	*ascii;
} latin_extra[] = {
	{ 0x00df, "ss" }, { 0x00e6, "ae" }, { 0x00f0, "d" }, { 0x00f8, "o" },
	{ 0x00fe, "th" }, { 0x0111, "d" }, { 0x0127, "h" }, { 0x0131, "i" },
	{ 0x0142, "l" }, { 0x0153, "oe" }, { 0x0167, "t" }, { 0x0180, "b" },
	{ 0x0192, "f" }, { 0x01b6, "z" }, { 0x0251, "a" }, { 0x0268, "i" },
};

static const char *
latin_ascii(ucs4_t c)
{
	for (size_t i = 0; i < sizeof latin_extra / sizeof latin_extra[0]; i++)
		if (latin_extra[i].c == c)
			return latin_extra[i].ascii;
	return NULL;
}

/* Valid UTF-8 for libunistring: every invalid byte becomes a space. */
static uint8_t *
valid_utf8(const char *s, size_t len)
{
	uint8_t	*out = xmalloc(len + 1);

	memcpy(out, s, len);
	for (size_t i = 0; i < len; ) {
		ucs4_t	c;
		int	n = u8_mbtouc(&c, out + i, len - i);

		if (c == 0xfffd && (n != 3 || memcmp(out + i, "\xef\xbf\xbd",
		    3) != 0)) {
			for (int k = 0; k < n; k++)
				out[i + k] = ' ';
		}
		i += (size_t)n;
	}
	out[len] = '\0';
	return out;
}

static int
keeps(ucs4_t c)
{
	return uc_is_general_category(c, UC_CATEGORY_L) ||
	    uc_is_general_category(c, UC_CATEGORY_N) ||
	    (uc_is_general_category(c, UC_CATEGORY_M) &&
	    !(c >= 0x300 && c <= 0x36f));
}

/* Decomposed, lowercase text to letters, digits and single dashes. */
static void
filter(const uint8_t *s, size_t len, struct buf *b)
{
	int	dash = 0;

	for (size_t i = 0; i < len; ) {
		ucs4_t		 c;
		int		 n = u8_mbtouc(&c, s + i, len - i);
		const char	*a = latin_ascii(c);

		if (c >= 0x300 && c <= 0x36f) {
			i += (size_t)n;
			continue;	/* an accent: the letter stays */
		}
		if (a == NULL && !keeps(c)) {
			dash = 1;
			i += (size_t)n;
			continue;
		}
		/* A mark never starts a slug or a word: its letter went. */
		if (uc_is_general_category(c, UC_CATEGORY_M) &&
		    (b->len == 0 || dash)) {
			i += (size_t)n;
			continue;
		}
		if (dash && b->len > 0)
			buf_addc(b, '-');
		dash = 0;
		if (a != NULL)
			buf_adds(b, a);
		else
			buf_add(b, (const char *)s + i, (size_t)n);
		i += (size_t)n;
	}
}

/* Cut s (NUL-terminated, len bytes) to at most max bytes on a code
 * point, at its last '-' if it has one, without a trailing '-'. */
static void
cut(char *s, size_t *len, size_t max)
{
	size_t	n = *len;

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		for (size_t k = n; k > 0; k--)
			if (s[k] == '-') {
				n = k;
				break;
			}
	}
	while (n > 0 && s[n - 1] == '-')
		n--;
	s[n] = '\0';
	*len = n;
}

char *
slug_make(const char *s, size_t len, size_t max)
{
	uint8_t		*in = valid_utf8(s, len), *dec, *low = NULL, *nfc;
	size_t		 ndec = 0, nlow = 0, nnfc = 0;
	struct buf	 b = { 0 };
	char		*out = NULL;

	/* Decomposed before lowercasing too: "ϒ" has no lowercase, but its
	 * decomposition "Υ" has. */
	if ((dec = u8_normalize(UNINORM_NFKD, in, len, NULL, &ndec)) == NULL)
		goto out;
	low = u8_tolower(dec, ndec, NULL, UNINORM_NFKD, NULL, &nlow);
	free(dec);
	if (low == NULL)
		goto out;
	filter(low, nlow, &b);
	if (b.len == 0)
		goto out;
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)b.data, b.len, NULL,
	    &nnfc);
	if (nfc == NULL)
		goto out;
	out = xmalloc(nnfc + 1);
	memcpy(out, nfc, nnfc);
	out[nnfc] = '\0';
	free(nfc);
	cut(out, &nnfc, max);
	if (nnfc == 0) {
		free(out);
		out = NULL;
	}
out:
	buf_free(&b);
	free(low);
	free(in);
	return out;
}

char *
slug_from_path(const char *path)
{
	const char	*base = strrchr(path, '/'), *dot;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		dot = base + strlen(base);
	return slug_make(base, (size_t)(dot - base), SLUG_MAX);
}

/* The parser's default ("data/Letter 1.txt" -> "letter-1"): "doc" when
 * the name holds no letter nor digit. */
char *
parse_slug_from_path(const char *path)
{
	char	*s = slug_from_path(path);

	return s != NULL ? s : xstrdup("doc");
}
