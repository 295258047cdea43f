/* fuzz-slug.c: libFuzzer target for slug_make (db/slug.c), which turns
 * file names, titles and references into the names users type.  A slug
 * is NULL or: valid UTF-8, no longer than asked, ASCII only as [a-z0-9-],
 * no control, space, bidi or format character, no leading, trailing or
 * doubled '-', and its own slug.  parse_slug_from_path never fails. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "parse.h"
#include "slug.h"

static void
check_char(ucs4_t c)
{
	if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '-'))
		abort();
	if (c >= 0x80 && !uc_is_general_category(c, UC_CATEGORY_L) &&
	    !uc_is_general_category(c, UC_CATEGORY_N) &&
	    !uc_is_general_category(c, UC_CATEGORY_M))
		abort();
}

static void
check_slug(const char *s, size_t max)
{
	const uint8_t	*p = (const uint8_t *)s;
	size_t		 len = strlen(s);
	char		*again;

	if (len == 0 || len > max || u8_check(p, len) != NULL)
		abort();
	if (s[0] == '-' || s[len - 1] == '-' || strstr(s, "--") != NULL)
		abort();
	for (size_t i = 0; i < len; ) {
		ucs4_t	c;

		i += (size_t)u8_mbtouc(&c, p + i, len - i);
		check_char(c);
	}
	if ((again = slug_make(s, len, max)) == NULL || strcmp(again, s) != 0)
		abort();
	free(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The first byte picks the bound, as callers use several. */
	size_t	 max = size > 0 ? 1 + data[0] % 80 : 64;
	char	*s = slug_make((const char *)data, size, max);
	char	*path;

	if (s != NULL) {
		check_slug(s, max);
		free(s);
	}
	path = malloc(size + 1);
	memcpy(path, data, size);
	path[size] = '\0';
	if ((s = parse_slug_from_path(path)) == NULL)
		abort();
	check_slug(s, SLUG_MAX);
	free(s);
	free(path);
	return 0;
}
