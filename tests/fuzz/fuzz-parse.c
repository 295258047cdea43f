/* fuzz-parse.c: libFuzzer target for the importer's reader: arbitrary
 * bytes through parse_document, strict and lenient, then the result laid
 * out as `brief show` would, at a width taken from the first byte.
 * Every source format goes through the same entry point, so the corpus
 * (corpus-parse/) seeds each: the letter, Markdown with front matter,
 * bracketed endnotes, PDF paste. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "layout.h"
#include "parse.h"

/* The laid-out text is what reaches a terminal: no control byte but '\n'
 * (and no ESC, DEL) may survive. */
static void
check_text(const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			abort();
}

static void
parse_and_show(const uint8_t *data, size_t size, unsigned flags, int width,
    int ascii)
{
	struct diag		 d = fuzz_diag();
	struct doc		 doc;
	struct layout_opts	 o;
	char			*text;

	memset(&doc, 0, sizeof doc);
	if (parse_document("fuzz.txt", (const char *)data, size, flags, &doc,
	    &d) != 0) {
		/* A refused file must come back cleared. */
		if (doc.nblocks != 0 || doc.blocks != NULL)
			abort();
		return;
	}
	memset(&o, 0, sizeof o);
	o.width = width;
	o.ascii = ascii;
	text = layout_doc_text(&doc, &o);
	check_text(text);
	free(text);
	doc_clear(&doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int	width = 72, ascii = 0;

	/* The first byte picks the width (1..128) and the ascii mode, so the
	 * fuzzer explores narrow layouts; the whole input is still parsed so
	 * the seed files work as they are. */
	if (size > 0) {
		width = (data[0] & 0x7f) + 1;
		ascii = (data[0] & 0x80) != 0;
	}
	parse_and_show(data, size, 0, width, ascii);
	parse_and_show(data, size, PARSE_LENIENT, width, ascii);
	return 0;
}
