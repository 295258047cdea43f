/* fuzz-sanitize.c: libFuzzer target for sanitize_text, the last line of
 * defence between document bytes and the terminal.  Its output must hold
 * no C0 control (but '\n' with SAN_KEEP_NEWLINE), no DEL, no C1 control
 * (U+0080..U+009F), no bidi override, no zero-width or tag character,
 * and be valid UTF-8; sanitising
 * twice must change nothing, and sanitize_is_clean must agree. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "sanitize.h"

static int
is_bidi(ucs4_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0x061c;
}

/* Zero-width and tag characters that could hide text. */
static int
is_invisible(ucs4_t c)
{
	return c == 0x200b || c == 0x200c || c == 0x200d ||
	    (c >= 0x2060 && c <= 0x2064) || c == 0xfeff ||
	    (c >= 0xe0000 && c <= 0xe007f) || c == 0x2028 || c == 0x2029;
}

static void
check_clean(const char *s, unsigned flags)
{
	const uint8_t	*p = (const uint8_t *)s;
	size_t		 len = strlen(s), i = 0;

	if (u8_check(p, len) != NULL)
		abort();
	while (i < len) {
		ucs4_t	c;
		int	n = u8_mbtouc(&c, p + i, len - i);

		if (c == '\n' && !(flags & SAN_KEEP_NEWLINE))
			abort();
		if ((c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) ||
		    is_bidi(c) || is_invisible(c))
			abort();
		i += (size_t)n;
	}
}

static void
one(const uint8_t *data, size_t size, unsigned flags)
{
	char	*out = sanitize_text((const char *)data, size, flags);
	char	*again;
	size_t	 len = strlen(out);

	check_clean(out, flags);
	if (!sanitize_is_clean(out, len, flags))
		abort();
	again = sanitize_text(out, len, flags);
	if (strcmp(again, out) != 0)
		abort();
	/* Clean input comes back byte for byte. */
	if (sanitize_is_clean((const char *)data, size, flags) &&
	    (len != size || memcmp(out, data, size) != 0))
		abort();
	free(again);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(data, size, 0);
	one(data, size, SAN_KEEP_NEWLINE);
	return 0;
}
