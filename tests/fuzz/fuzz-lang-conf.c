/* fuzz-lang-conf.c: libFuzzer target for the lang.conf parser (the same
 * one reads data/lang.conf and the user's file) and the matchers that
 * use its lists: arbitrary bytes added to the compiled-in lists, then
 * each line of them tried as a salutation, closing, subject, reference,
 * contact line and date.  Offsets returned must fall inside the line. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "lang.h"

static void
try_line(const char *s)
{
	char	iso[11];
	size_t	a, b, n = strlen(s);

	(void)lang_salutation(s);
	(void)lang_closing(s);
	(void)lang_address(s);
	(void)lang_contact(s);
	(void)lang_notes_heading(s);
	(void)lang_rec_heading(s);
	(void)lang_rec_intro(s);
	(void)lang_date_line(s, iso);
	if (lang_subject(s) > n || lang_reference(s) > n)
		abort();
	if (lang_date(s, iso, &a, &b) && (a > b || b > n ||
	    strlen(iso) != 10))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag	 d = fuzz_diag();
	char		*text = malloc(size + 1), *s, *nl;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	lang_load(&d);
	lang_conf_parse("fuzz.conf", text, size, &d);
	for (s = text; s != NULL && (size_t)(s - text) < size; s = nl) {
		if ((nl = strchr(s, '\n')) != NULL)
			*nl++ = '\0';
		try_line(s);
	}
	lang_reset();
	free(text);
	return 0;
}
