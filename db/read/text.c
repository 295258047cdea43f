/* text.c: the text reader's entry in formats.def.  The letter's plain
 * text shape (and the hand-written Markdown subset) are read by the line
 * parser in db/parse*.c, which fills the builder's document with its
 * blocks and anchors; build_finish() keeps what it set.  The bytes are
 * decoded to UTF-8 first (encoding.c). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "file.h"
#include "read.h"

/* Text is the fallback, but not for binary data: NUL bytes are text
 * only in UTF-16 or UTF-32, which start with their byte-order mark. */
int
read_text_detect(const char *buf, size_t len)
{
	size_t	bom;

	return file_memchr(buf, '\0', len) == NULL ||
	    (enc_bom(buf, len, &bom) != NULL && bom != 3);
}

int
read_text(struct builder *b, const char *file, const char *buf, size_t len,
    const struct parse_opts *o, struct diag *d)
{
	char	*utf8;
	size_t	 n, bom;
	int	 rc;

	/* UTF-8 after its byte-order mark: the line parser drops the mark
	 * itself, so the bytes are read where they are (a mapped file's
	 * pages leave behind the cleaning) rather than copied.  Any other
	 * encoding is converted into a whole copy (encoding.c), which is
	 * held until it is cleaned. */
	if (o->encoding == NULL && enc_bom(buf, len, &bom) != NULL &&
	    bom == 3)
		return parse_text_own(file, buf + 3, len - 3, o->flags,
		    o->own, build_doc(b), d);
	if (enc_decode(file, buf, len, NULL, o, d, &utf8, &n) != 0)
		return -1;
	/* Converted: the file's bytes are done with (given over, o->own),
	 * and the UTF-8 copy goes once it is cleaned. */
	if (utf8 != NULL && o->own != NULL) {
		free(*o->own);
		*o->own = NULL;
	}
	rc = parse_text_own(file, utf8 != NULL ? utf8 : buf, utf8 != NULL ?
	    n : len, o->flags, utf8 != NULL ? &utf8 : o->own, build_doc(b), d);
	free(utf8);
	return rc;
}
