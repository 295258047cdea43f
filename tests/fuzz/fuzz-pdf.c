/* fuzz-pdf.c: libFuzzer target for the PDF reader (db/read/pdf*.c):
 * arbitrary bytes read as a PDF (--format pdf), as a damaged download or
 * a hostile file would arrive.  A refused file must come back cleared and
 * with its message; an accepted one must hold blocks whose text carries
 * no control byte (a PDF's text reaches the terminal).  The corpus
 * (corpus-pdf/) seeds it with the fixtures: the letter, two columns, the
 * info-only title, a scan, a truncated file. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "parse.h"

static void
check_text(const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; p != NULL && *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag		 d = fuzz_diag();
	struct parse_opts	 o = { .format = "pdf" };
	struct doc		 doc;

	memset(&doc, 0, sizeof doc);
	if (parse_document_opts("fuzz.pdf", (const char *)data, size, &o, &doc,
	    &d) != 0) {
		if (doc.nblocks != 0 || doc.blocks != NULL || d.nerr == 0)
			abort();
		return 0;
	}
	check_text(doc.title);
	for (size_t i = 0; i < doc.nblocks; i++) {
		check_text(doc.blocks[i].text);
		check_text(doc.blocks[i].anchor);
		if (doc.blocks[i].page < 1)
			abort();
	}
	doc_clear(&doc);
	return 0;
}
