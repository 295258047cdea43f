/* read.h: brief's readers, one per source format, each turning the bytes
 * of one file into blocks through the builder (db/build.h).  The formats
 * are listed once, in formats.def; format_detect() tells them apart by
 * content (magic bytes, a ZIP's members, markup), never by extension
 * alone.  Private to db/. */
#ifndef BRIEF_READ_H
#define BRIEF_READ_H

#include <stddef.h>

#include "build.h"
#include "parse.h"

struct format {
	const char	*name;		/* "pdf", "docx", ... (--format) */
	const char	*what;		/* "PDF", "Word (DOCX)", ... */
	/* Non-zero when buf looks like this format. */
	int		(*detect)(const char *buf, size_t len);
	/* Read buf into the builder; 0, or -1 with an error in d (the
	 * whole file is refused). */
	int		(*read)(struct builder *, const char *file,
			    const char *buf, size_t len,
			    const struct parse_opts *, struct diag *d);
};

/* The format of buf (the first whose detect says yes; text last), or
 * NULL for bytes brief does not read. */
const struct format	*format_detect(const char *buf, size_t len);
/* By --format name, or NULL. */
const struct format	*format_by_name(const char *name);
/* "pdf, docx, odt, html, markdown, text": for messages and --help. */
const char		*format_names(void);

#define FORMAT_DECL(id) \
	int read_##id##_detect(const char *, size_t); \
	int read_##id(struct builder *, const char *, const char *, size_t, \
	    const struct parse_opts *, struct diag *);
#define FORMAT(id, name, what) FORMAT_DECL(id)
#include "formats.def"
#undef FORMAT

#endif
