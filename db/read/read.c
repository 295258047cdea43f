/* read.c: from bytes to a document: pick the reader (formats.def) by
 * what the bytes are, or by --format, run it through a builder and
 * finish the document the same way for every format.  A reader in a
 * module is looked up (and its module loaded) only once a file is known
 * to need it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"
#include "read.h"
#include "xmalloc.h"

static const struct format formats[] = {
#define FORMAT(id, name, what, module) \
	{ name, what, sniff_##id, module, "read_" #id, "read_" #id "_detect", \
	    NULL },
#define BUILTIN(id, name, what) \
	{ name, what, read_##id##_detect, NULL, NULL, NULL, read_##id },
#include "formats.def"
#undef FORMAT
#undef BUILTIN
};
#define NFORMATS (sizeof formats / sizeof formats[0])

/* SNIFF_ASK: the module looks; -1 when it cannot be loaded. */
static int
ask(const struct format *f, const char *file, const char *buf, size_t len,
    struct diag *d)
{
	detect_fn	 detect;
	char		*doing;

	doing = xasprintf("tell whether it is %s", f->what);
	detect = (detect_fn)module_sym(f->module, f->asker, doing, file, d);
	free(doing);
	return detect != NULL ? detect(buf, len) : -1;
}

const struct format *
format_detect(const char *file, const char *buf, size_t len, struct diag *d)
{
	for (size_t i = 0; i < NFORMATS; i++) {
		int yes = formats[i].detect(buf, len);

		if (yes == SNIFF_ASK)
			yes = ask(&formats[i], file, buf, len, d);
		if (yes < 0)
			return NULL;
		if (yes)
			return &formats[i];
	}
	diag_error(d, file, 0, 0, "not a format brief reads (PDF, DOCX, ODT, "
	    "HTML, Markdown, text)");
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
	return format_detect(file, buf, len, d);
}

/* The reader of f: built in, or from its module. */
static read_fn
reader(const struct format *f, const char *file, struct diag *d)
{
	read_fn	 fn;
	char	*doing;

	if (f->module == NULL)
		return f->read;
	doing = xasprintf("read %s", f->what);
	fn = (read_fn)module_sym(f->module, f->reader, doing, file, d);
	free(doing);
	return fn;
}

int
parse_document_opts(const char *file, const char *buf, size_t len,
    const struct parse_opts *o, struct doc *out, struct diag *d)
{
	const struct format	*f;
	read_fn			 fn;
	struct builder		*b;
	int			 rc;

	if (file == NULL)
		file = "<input>";
	if ((f = choose(file, buf, len, o, d)) == NULL ||
	    (fn = reader(f, file, d)) == NULL)
		return -1;
	b = build_new(file, out, d);
	rc = fn(b, file, buf, len, o, d);
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
