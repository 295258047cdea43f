/* read.h: brief's readers, one per source format, each turning the bytes
 * of one file into blocks through the builder (db/build.h).  The formats
 * are listed once, in formats.def; format_detect() tells them apart by
 * content (magic bytes, a ZIP's members, markup), never by extension
 * alone.  The readers that need a heavy library (poppler, libxml2,
 * libzip, cmark-gfm) are modules loaded on first use (module.h), so a
 * search or the reader never maps them.  Private to db/. */
#ifndef BRIEF_READ_H
#define BRIEF_READ_H

#include <stddef.h>

#include "build.h"
#include "parse.h"

/* Read buf into the builder; 0, or -1 with an error in d (the whole
 * file is refused). */
typedef int	(*read_fn)(struct builder *, const char *file,
		    const char *buf, size_t len, const struct parse_opts *,
		    struct diag *d);
/* Whether buf is this format, from its bytes (text: a detector). */
typedef int	(*detect_fn)(const char *buf, size_t len);

/* What a sniff says: not this format, this format, or only the
 * module's read_<id>_detect() can tell. */
#define SNIFF_NO	0
#define SNIFF_YES	1
#define SNIFF_ASK	2

struct format {
	const char	*name;		/* "pdf", "docx", ... (--format) */
	const char	*what;		/* "PDF", "Word (DOCX)", ... */
	detect_fn	 detect;	/* SNIFF_NO, SNIFF_YES or SNIFF_ASK */
	const char	*module;	/* "pdf" (pdf.so), or NULL: built in */
	const char	*reader;	/* "read_pdf": its name in the module */
	const char	*asker;		/* "read_odt_detect", for SNIFF_ASK */
	read_fn		 read;		/* a built-in reader, or NULL */
};

/* The format of buf (the first whose detect says yes; text last), or
 * NULL with an error in d naming file: bytes brief does not read, or a
 * module that had to be asked and could not be loaded. */
const struct format	*format_detect(const char *file, const char *buf,
			    size_t len, struct diag *d);
/* By --format name, or NULL. */
const struct format	*format_by_name(const char *name);
/* "pdf, docx, odt, html, markdown, text": for messages and --help. */
const char		*format_names(void);

#define READ_DECL(id) \
	int read_##id(struct builder *, const char *, const char *, size_t, \
	    const struct parse_opts *, struct diag *);
#define FORMAT(id, name, what, module) READ_DECL(id) \
	int sniff_##id(const char *, size_t);
#define BUILTIN(id, name, what) READ_DECL(id) \
	int read_##id##_detect(const char *, size_t);
#include "formats.def"
#undef FORMAT
#undef BUILTIN
/* The module's own look when sniff_odt() says SNIFF_ASK. */
int	read_odt_detect(const char *, size_t);

#endif
