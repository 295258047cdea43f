/* front-matter.h: the "key: value" lines between "---" lines that open a
 * text or Markdown file (title, kind, parent, reference, date, slug,
 * themes), read into the document by the text parser (db/parse.c) and
 * the Markdown reader (db/read/markdown.c) alike. */
#ifndef BRIEF_FRONT_MATTER_H
#define BRIEF_FRONT_MATTER_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

/* One line (NUL-terminated, modified in place and restored) at source
 * line lineno: its field set in doc; unknown keys, unknown kinds and
 * lines without a colon are warnings.  Blank lines and '#' comments are
 * skipped. */
void	front_matter_line(const char *file, int lineno, char *line,
	    struct doc *, struct diag *);
/* Non-zero when the len bytes at s start with a key brief knows and a
 * colon ("title:"), for telling front matter from a rule. */
int	front_matter_known(const char *s, size_t len);

#endif
