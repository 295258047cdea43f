/* fuzz-web.c: libFuzzer target for the web and Markdown readers and the
 * decoding in front of them: arbitrary bytes read as HTML, as Markdown
 * and as detected, strict and lenient, under a forced encoding picked by
 * the first byte, then laid out as `brief show` would and dumped as
 * `brief show --json` would.  The corpus (corpus-web/) holds the pandoc
 * letter, the CMS page, Markdown, UTF-16 and CP1250 text. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "json.h"
#include "layout.h"
#include "parse.h"

static void
check_text(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			abort();
}

static void
read_as(const uint8_t *data, size_t size, const struct parse_opts *o)
{
	struct diag		 d = fuzz_diag();
	struct doc		 doc;
	struct layout_opts	 lo;
	char			*text;

	memset(&doc, 0, sizeof doc);
	if (parse_document_opts("fuzz.html", (const char *)data, size, o,
	    &doc, &d) != 0) {
		if (doc.nblocks != 0 || doc.blocks != NULL)
			abort();
		return;
	}
	memset(&lo, 0, sizeof lo);
	lo.width = 40;
	text = layout_doc_text(&doc, &lo);
	check_text(text);
	free(text);
	free(doc_json(&doc));
	doc_clear(&doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char	*formats[] = { NULL, "html", "markdown" };
	static const char	*encodings[] = { NULL, "WINDOWS-1250",
	    "UTF-16LE" };
	struct parse_opts	 o;
	unsigned		 pick = size > 0 ? data[0] : 0;

	for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
		memset(&o, 0, sizeof o);
		o.format = formats[f];
		o.encoding = encodings[pick % 3];
		o.flags = pick & 0x80 ? PARSE_LENIENT : 0;
		read_as(data, size, &o);
	}
	return 0;
}
