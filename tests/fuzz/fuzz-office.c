/* fuzz-office.c: libFuzzer target for the DOCX and ODT readers.  The
 * first byte picks what the rest is: 0 a whole file (a ZIP, detected as
 * brief detects it), 1 the word/document.xml of a Word file, 2 the
 * content.xml of an OpenDocument text.  For 1 and 2 the bytes are put
 * in a ZIP here (stored, uncompressed) so the fuzzer works on the XML
 * itself rather than on deflate streams.  A refused file must come back
 * cleared; messages must be clean lines (fuzz-common.h). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "fuzz-common.h"
#include "parse.h"

static int
add(zip_t *za, const char *name, const void *data, size_t size)
{
	zip_source_t	*s = zip_source_buffer(za, data, size, 0);
	zip_int64_t	 i;

	if (s == NULL)
		return -1;
	if ((i = zip_file_add(za, name, s, ZIP_FL_OVERWRITE)) < 0) {
		zip_source_free(s);
		return -1;
	}
	return zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE, 0);
}

/* A ZIP holding the bytes as the main part of a DOCX (odt 0) or an ODT;
 * NULL if libzip cannot make it. */
static char *
wrap(const uint8_t *data, size_t size, int odt, size_t *len)
{
	static const char mt[] = "application/vnd.oasis.opendocument.text";
	zip_error_t	 err;
	zip_source_t	*src;
	zip_t		*za;
	zip_stat_t	 st;
	char		*out = NULL;

	zip_error_init(&err);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &err)) == NULL)
		return NULL;
	zip_source_keep(src);
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &err)) == NULL)
		goto out;
	if ((odt ? add(za, "mimetype", mt, sizeof mt - 1) != 0 ||
	    add(za, "content.xml", data, size) != 0 :
	    add(za, "word/document.xml", data, size) != 0) ||
	    zip_close(za) != 0) {
		zip_discard(za);
		goto out;
	}
	if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0)
		goto out;
	out = malloc(st.size + 1);
	if (out == NULL || zip_source_read(src, out, st.size) !=
	    (zip_int64_t)st.size) {
		free(out);
		out = NULL;
	}
	*len = (size_t)st.size;
	zip_source_close(src);
out:
	zip_source_free(src);
	zip_error_fini(&err);
	return out;
}

static void
import(const char *buf, size_t len, const char *format)
{
	struct diag		 d = fuzz_diag();
	struct parse_opts	 o = { .format = format };
	struct doc		 doc;

	memset(&doc, 0, sizeof doc);
	if (parse_document_opts("fuzz.docx", buf, len, &o, &doc, &d) != 0) {
		if (doc.nblocks != 0 || doc.blocks != NULL)
			abort();
		return;
	}
	doc_clear(&doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*z;
	size_t	 len = 0;

	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		import((const char *)data + 1, size - 1, NULL);
		import((const char *)data + 1, size - 1, "docx");
		import((const char *)data + 1, size - 1, "odt");
		break;
	default:
		if ((z = wrap(data + 1, size - 1, data[0] % 3 == 2,
		    &len)) != NULL) {
			import(z, len, NULL);
			free(z);
		}
		break;
	}
	return 0;
}
