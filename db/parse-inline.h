/* parse-inline.h: the importer's inline layer, private to db/parse*.c:
 * one block's source text (markup and footnote markers) to plain text and
 * spans (model.h). */
#ifndef BRIEF_PARSE_INLINE_H
#define BRIEF_PARSE_INLINE_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

struct inline_ctx {
	const char	*file;
	struct diag	*diag;
	int		 sup_markers;	/* superscript digits cite footnotes */
	const long	*bracket_notes;	/* sorted: "[n]" cites note n if */
	size_t		 nbracket_notes; /* n is in this endnote list */
	const long	*glued_notes;	/* sorted: "word5" cites note 5 if */
	size_t		 nglued_notes;	/* 5 is in this list */
	/* Called for every footnote citation found. */
	void		(*cite)(void *arg, long n, int line);
	void		*arg;
	/* Non-NULL: the source of the block being parsed (src itself, the
	 * parser's own text), whose bytes [drop_from, drop_to) are read no
	 * more once the parse has passed them: they leave memory behind it
	 * (file_drop_pages), so a long paragraph is not held as its source
	 * and its text at once. */
	char		*drop;
	size_t		 drop_from, drop_to;
	/* Non-NULL: a long block's text goes to *spill (made if NULL) as
	 * it is made, and the block is left there (text NULL, spill_off
	 * and spill_len: block_text reads it); a write that fails leaves
	 * it in memory, spill_write_failed(*spill) says so. */
	struct spill	**spill;
};

/* Set b->text and b->spans from len bytes of src (valid UTF-8, NFC),
 * or with ctx->spill b->spill_off and b->spill_len for a long one.
 * line is the block's first source line, for warnings. */
void	inline_parse(const struct inline_ctx *, const char *src, size_t len,
	    int line, struct block *b);

/* A run of superscript digits at s: its value, and in *used its length
 * in bytes; -1 (and *used 0) if s does not start with one or it is too
 * long to be a footnote number. */
long	inline_sup_number(const char *s, size_t len, size_t *used);

/* Digits glued to a word or after its punctuation at s[at]
 * ("resolutions5", "rights.12", not "G20" nor "7.1"): their number,
 * and in *used their length; -1 if not such a marker. */
long	inline_glued_marker(const char *s, size_t at, size_t len,
	    size_t *used);

#endif
