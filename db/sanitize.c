/* sanitize.c: strip terminal controls from text; see sanitize.h.
 *
 * Escape sequences are removed whole: ESC followed by '[' (CSI) up to its
 * final byte, ESC ']' / 'P' / '_' / '^' / 'X' (OSC, DCS, APC, PM, SOS) up to
 * BEL or ST, and ESC plus one byte otherwise.  The C1 forms (U+009B CSI,
 * U+009D OSC, ...) are removed the same way, and so are characters that
 * show nothing (zero-width, tags: is_invisible) but could hide text. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <unistr.h>

#include "sanitize.h"
#include "xmalloc.h"

static const uint8_t replacement[] = { 0xef, 0xbf, 0xbd };

static int
is_bidi_control(ucs4_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0x061c;
}

/* Characters with no width that can hide or smuggle text: zero-width
 * space, joiners, word joiner and invisible operators, the byte order
 * mark, Mongolian vowel separator, and the tag characters. */
static int
is_invisible(ucs4_t c)
{
	return c == 0x200b || c == 0x200c || c == 0x200d ||
	    (c >= 0x2060 && c <= 0x2064) || c == 0xfeff || c == 0x180e ||
	    (c >= 0xe0000 && c <= 0xe007f);
}

/* Skip a string-type sequence body (OSC, DCS, ...) up to BEL or ST. */
static size_t
skip_string(const uint8_t *s, size_t i, size_t len)
{
	while (i < len) {
		if (s[i] == 0x07)
			return i + 1;
		if (s[i] == 0x1b && i + 1 < len && s[i + 1] == '\\')
			return i + 2;
		if (s[i] == 0xc2 && i + 1 < len && s[i + 1] == 0x9c)
			return i + 2;
		i++;
	}
	return len;
}

/* Skip CSI parameters and intermediates up to the final byte. */
static size_t
skip_csi(const uint8_t *s, size_t i, size_t len)
{
	while (i < len && s[i] >= 0x20 && s[i] <= 0x3f)
		i++;
	if (i < len && s[i] >= 0x40 && s[i] <= 0x7e)
		i++;
	return i;
}

/* s[i] is ESC: return the index after the whole sequence. */
static size_t
skip_escape(const uint8_t *s, size_t i, size_t len)
{
	i++;
	if (i >= len)
		return i;
	switch (s[i]) {
	case '[':
		return skip_csi(s, i + 1, len);
	case ']': case 'P': case '_': case '^': case 'X':
		return skip_string(s, i + 1, len);
	default:
		/* ESC with intermediates (ESC ( B) then one final byte. */
		while (i < len && s[i] >= 0x20 && s[i] <= 0x2f)
			i++;
		return i < len && s[i] >= 0x30 && s[i] <= 0x7e ? i + 1 : i;
	}
}

/* Code point c of n bytes at s[i] is a C1 control: skip it and any body. */
static size_t
skip_c1(const uint8_t *s, size_t i, size_t len, ucs4_t c, int n)
{
	i += n;
	if (c == 0x9b)
		return skip_csi(s, i, len);
	if (c == 0x9d || c == 0x90 || c == 0x9e || c == 0x9f || c == 0x98)
		return skip_string(s, i, len);
	return i;
}

static size_t
run(const char *src, size_t len, unsigned flags, struct buf *out)
{
	const uint8_t	*s = (const uint8_t *)src;
	size_t		 i = 0, changes = 0;

	while (i < len) {
		ucs4_t	c;
		int	n;
		size_t	j = i;

		/* Printable ASCII, most of any text, is copied a run at a
		 * time. */
		while (j < len && s[j] >= 0x20 && s[j] < 0x7f)
			j++;
		if (j > i) {
			if (out)
				buf_add(out, s + i, j - i);
			i = j;
			continue;
		}
		n = u8_mbtoucr(&c, s + i, len - i);

		if (n < 0) {
			if (out)
				buf_add(out, replacement, sizeof replacement);
			changes++;
			i++;
			while (i < len && (s[i] & 0xc0) == 0x80)
				i++;
			continue;
		}
		if (c == 0x1b) {
			i = skip_escape(s, i, len);
			changes++;
		} else if (c >= 0x80 && c <= 0x9f) {
			i = skip_c1(s, i, len, c, n);
			changes++;
		} else if (c == '\n' && (flags & SAN_KEEP_NEWLINE)) {
			if (out)
				buf_addc(out, '\n');
			i++;
		} else if (c == '\t' || c == '\n') {
			if (out)
				buf_addc(out, ' ');
			changes++;
			i++;
		} else if (c == 0x2028 || c == 0x2029) {
			/* Line and paragraph separators: a newline where
			 * newlines are kept, else a space. */
			if (out)
				buf_addc(out, (flags & SAN_KEEP_NEWLINE) ?
				    '\n' : ' ');
			changes++;
			i += n;
		} else if (c < 0x20 || c == 0x7f || is_bidi_control(c) ||
		    is_invisible(c)) {
			changes++;
			i += n;
		} else {
			if (out)
				buf_add(out, s + i, n);
			i += n;
		}
	}
	return changes;
}

char *
sanitize_text(const char *s, size_t len, unsigned flags)
{
	struct buf	b = { 0 };

	/* The output is rarely longer than the input (only bad bytes
	 * grow, to U+FFFD): sized once, not doubled up to twice the text
	 * (a 200 MB document would hold 400 MB here). */
	b.data = xmalloc(len + 1);
	b.cap = len + 1;
	b.data[0] = '\0';
	run(s, len, flags, &b);
	return buf_steal(&b);
}

char *
sanitize_display(const char *s)
{
	return sanitize_text(s, strlen(s), 0);
}

int
sanitize_is_clean(const char *s, size_t len, unsigned flags)
{
	return run(s, len, flags, NULL) == 0;
}

int
sanitize_has_escapes(const char *s, size_t len)
{
	const char	*c = s, *end = s + len;

	if (memchr(s, 0x1b, len) != NULL)
		return 1;
	while ((c = memchr(c, 0xc2, end - c)) != NULL && ++c < end)
		if ((unsigned char)*c >= 0x80 && (unsigned char)*c <= 0x9f)
			return 1;
	return 0;
}
