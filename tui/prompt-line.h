/* prompt-line.h: the line edited at the prompt, apart from curses so it
 * can be tested and fuzzed alone.  Every operation costs what it
 * touches: inserting at the end, moving, and finding what to show are
 * linear in the text inserted or the width shown, never in the whole
 * line (a pasted 8 KB query edited key by key stayed quadratic). */
#ifndef BRIEF_PROMPT_LINE_H
#define BRIEF_PROMPT_LINE_H

#include <stddef.h>
#include <stdint.h>

#include "xmalloc.h"

#define PLINE_MAX	(16 * 1024)	/* bytes a prompt holds */

struct pline {
	struct buf	 line;		/* NUL-terminated once set */
	size_t		 cur;		/* byte offset of the cursor */
	size_t		 max;		/* cap in bytes; 0: PLINE_MAX */
	int		 full;		/* text was refused at the cap */
};

void	 pline_set(struct pline *, const char *);
void	 pline_free(struct pline *);
/* Insert text at the cursor: whole UTF-8 characters up to the cap
 * (pl->full set if any were left out); line breaks and tabs become
 * spaces, other controls and invalid bytes are dropped.  Returns the
 * bytes inserted. */
size_t	 pline_insert(struct pline *, const char *s, size_t n);
/* One key's code point (the same rules). */
size_t	 pline_insert_char(struct pline *, uint32_t c);
void	 pline_delete(struct pline *, size_t from, size_t to);
size_t	 pline_prev(const struct pline *, size_t at);	/* char start */
size_t	 pline_next(const struct pline *, size_t at);
size_t	 pline_word_before(const struct pline *, size_t at);
/* The first byte to show so the cursor fits in width columns, and the
 * cursor's column counted from it.  Walks back from the cursor, so it
 * costs the width shown. */
size_t	 pline_scroll(const struct pline *, int width, int *col);
/* Bytes from 'from' that fill width columns (what to hand to drawing). */
size_t	 pline_visible(const struct pline *, size_t from, int width);

#endif
