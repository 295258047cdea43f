/* text.c: the text reader's entry in formats.def.  The letter's plain
 * text shape (and the hand-written Markdown subset) are read by the line
 * parser in db/parse*.c, which fills the builder's document with its
 * blocks and anchors; build_finish() keeps what it set. */
#include "config.h"

#include "read.h"

/* Text is the fallback: the line parser gives the precise error for
 * NUL bytes and invalid UTF-8. */
int
read_text_detect(const char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return 1;
}

int
read_text(struct builder *b, const char *file, const char *buf, size_t len,
    const struct parse_opts *o, struct diag *d)
{
	return parse_text(file, buf, len, o->flags, build_doc(b), d);
}
