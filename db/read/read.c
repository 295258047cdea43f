/* read.c: from bytes to a document: pick the reader (formats.def) by
 * what the bytes are, or by --format, run it through a builder and
 * finish the document the same way for every format. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"
#include "xmalloc.h"

static const struct format formats[] = {
#define FORMAT(id, name, what) \
	{ name, what, read_##id##_detect, read_##id },
#include "formats.def"
#undef FORMAT
};
#define NFORMATS (sizeof formats / sizeof formats[0])

const struct format *
format_detect(const char *buf, size_t len)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (formats[i].detect(buf, len))
			return &formats[i];
	return NULL;
}

const struct format *
format_by_name(const char *name)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

const char *
format_names(void)
{
	static char	names[256];
	size_t		n = 0;

	if (names[0] != '\0')
		return names;
	for (size_t i = 0; i < NFORMATS; i++) {
		int w = snprintf(names + n, sizeof names - n, "%s%s",
		    i > 0 ? ", " : "", formats[i].name);

		if (w < 0 || (size_t)w >= sizeof names - n)
			break;
		n += (size_t)w;
	}
	return names;
}

int
parse_format_valid(const char *name)
{
	return format_by_name(name) != NULL;
}

const char *
parse_format_names(void)
{
	return format_names();
}

static const struct format *
choose(const char *file, const char *buf, size_t len,
    const struct parse_opts *o, struct diag *d)
{
	const struct format	*f;

	if (o->format != NULL) {
		if ((f = format_by_name(o->format)) == NULL)
			diag_error(d, file, 0, 0, "unknown format '%s' (brief "
			    "reads: %s)", o->format, format_names());
		return f;
	}
	if ((f = format_detect(buf, len)) == NULL)
		diag_error(d, file, 0, 0, "not a format brief reads (PDF, "
		    "DOCX, ODT, HTML, Markdown, text)");
	return f;
}

int
parse_document_opts(const char *file, const char *buf, size_t len,
    const struct parse_opts *o, struct doc *out, struct diag *d)
{
	const struct format	*f;
	struct builder		*b;
	int			 rc;

	if (file == NULL)
		file = "<input>";
	if ((f = choose(file, buf, len, o, d)) == NULL)
		return -1;
	b = build_new(file, out, d);
	rc = f->read(b, file, buf, len, o, d);
	if (rc == 0)
		rc = build_finish(b);
	build_free(b);
	if (rc != 0)
		doc_clear(out);
	return rc;
}

int
parse_document(const char *file, const char *buf, size_t len,
    unsigned flags, struct doc *out, struct diag *d)
{
	struct parse_opts	o = { .flags = flags };

	return parse_document_opts(file, buf, len, &o, out, d);
}
