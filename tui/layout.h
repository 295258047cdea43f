/* layout.h: turn blocks of the document model into display lines of a given
 * width.  Shared by `brief show` (plain text) and the ncurses pager (which
 * draws each line's runs with attributes); no curses in here.
 *
 * A line's text is UTF-8 (or pure ASCII in ascii mode) with no control
 * bytes, and its runs cover the text from first to last byte, in order.
 * A line is at most the width wide, but for a URL wider than a line
 * without short_urls (layout_opts).
 * Widths and break opportunities come from libunistring. */
#ifndef BRIEF_LAYOUT_H
#define BRIEF_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Run attributes; a run may carry several. */
enum {
	LA_BOLD		= 1,
	LA_ITALIC	= 2,
	LA_LINK		= 4,	/* span: the SP_LINK span */
	LA_FNREF	= 8,	/* a drawn footnote marker; span: SP_FNREF */
	LA_MATCH	= 16,	/* inside one of layout_opts.match */
	LA_TITLE	= 32,	/* every run of a BK_TITLE block */
	LA_HEADING	= 64,	/* every run of a BK_HEADING block */
	LA_MARGIN	= 128	/* bullet glyph, footnote number, indent */
};

/* layout_opts.ascii in a Latin-1 locale: ü, é kept. */
#define LAYOUT_LATIN1	2

struct lrun {
	uint32_t	 off;	/* bytes into the line's text */
	uint32_t	 len;
	unsigned	 attr;	/* LA_* bits */
	int		 span;	/* index into block->spans (link, fnref), -1 */
};

struct lline {
	char		*text;		/* NUL-terminated, owned */
	struct lrun	*runs;		/* owned; none only if text is "" */
	size_t		 nruns;
	int		 width;		/* display columns, never > opts width */
	int		 block;		/* the block's seq */
	uint32_t	 src_start;	/* byte range of block->text shown, */
	uint32_t	 src_end;	/* in order, not overlapping */
};

struct layout_opts {
	int		 width;		/* columns; values < 1 count as 1 */
	int		 ascii;		/* non-UTF-8 locale: ASCII stand-ins
					 * (LAYOUT_LATIN1: Latin-1 kept) */
	const uint32_t	(*match)[2];	/* [start, end) byte ranges of the */
	size_t		 nmatch;	/* block text to mark LA_MATCH */
	/* A URL wider than a line is never cut in two.  0 (brief show): it
	 * stands whole on a line of its own, wider than width, where a
	 * terminal finds it.  1 (the reader): it is shown shortened,
	 * "https://example.org/…/page", one run whose span keeps the whole
	 * target (the reader's OSC 8 hyperlink), the line within width. */
	int		 short_urls;
};

/* Append the lines of one block to *lines (grown as needed, *cap its
 * allocated length); returns how many were added, always at least one.
 * The text is sanitised again first, so hostile text shows no control
 * bytes; span and match offsets follow it.  Bullets get a hanging indent of
 * 2*depth columns and "• " ("- "), footnotes "¹ " ("[1] "); '\n' is a hard
 * break.  A word wider than the line is cut between characters. */
size_t	 layout_block(const struct block *, const struct layout_opts *,
	    struct lline **lines, size_t *nlines, size_t *cap);
void	 layout_free(struct lline *, size_t);

/* A footnote marker as drawn: "¹⁰" (UTF-8) or "[10]" (ascii) for "fn-10";
 * the caller frees it. */
char	*layout_fnmark(const char *target, int ascii);

/* The whole document as plain text for `brief show`: blocks in order with
 * a blank line between them, footnote blocks after all the others, one per
 * line group.  Ends with a newline; the caller frees it. */
char	*layout_doc_text(const struct doc *, const struct layout_opts *);

#endif
