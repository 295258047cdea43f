/* view-pager.h: what the pager's own files share (view-pager.c and
 * pager-osc8.c): its private state and the display line lookup.  Other
 * views use view.h's pager_* functions, never this. */
#ifndef VIEW_PAGER_H
#define VIEW_PAGER_H

#include "view.h"

/* One shown block laid out: its lines and the blank line after it. */
struct bcache {
	size_t		 idx;		/* in pager.order */
	struct lline	*lines;
	size_t		 n;
	struct lline	 sep;
};

struct pager {
	struct doc	 doc;
	int		 counted;	/* order, start and nlines are valid */
	int		 recount;	/* the blocks shown changed */
	int		 width;		/* text columns counted for */
	int		*order;		/* seqs of the blocks shown, in order */
	size_t		 nshown;
	size_t		*start;		/* order index -> first line; [nshown]:
					 * the line count */
	size_t		 ncounted;	/* blocks shown whose lines are counted
					 * (start[0..ncounted] hold), from the
					 * top: counted as far as they are
					 * needed, all for G, = and 50% */
	size_t		*pos;		/* seq -> order index (hidden: the next
					 * block shown, else the last) */
	size_t		 nlines;	/* lines counted: start[ncounted] */
	struct bcache	*cache;
	size_t		 ncache;
	int		 sel_seq;	/* selected link or marker: block */
	int		 sel_span;	/* and span; -1 when none */
	int		 margin;	/* columns of the decorations and
					 * the cursor */
	int		 cur_seq;	/* the current block (review keys act
					 * on it), -1: the top one */
	size_t		 cur_top;	/* v->top it was set at (CUR_ANY: the
					 * next one); scrolling resets it */
	int		 start_seq;	/* block to show once laid out, -1 */
	uint32_t	 start_off;
	int		 keep_seq;	/* the words at the top when the user */
	uint32_t	 keep_off;	/* last moved, kept while top is */
	size_t		 lay_top;	/* the one the last layout gave */
	uint32_t	(*mt)[2];	/* match ranges gathered for a block */
	size_t		 mtcap;
	unsigned char	*keep;		/* filter: block seq -> shown, or NULL */
	char		*filter;	/* its label on the status line */
	int		*filled;	/* seqs of the blocks with their text,
					 * least recently used first */
	size_t		 nfilled;
	unsigned char	*isfilled;	/* block seq -> in filled, or NULL */
};

/* The open pager view (NULL when none). */
extern struct view	*the_pager;

/* Display line `line` (< p->nlines); *sep set when it is a blank line
 * between blocks. */
const struct lline	*pager_line_at(struct pager *, size_t line, int *sep);

#define CUR_ANY		((size_t)-1)	/* cur_top: set at the next frame */

/* view-pager.c, for the jumps: the line's laid-out text (pager_line),
 * the line showing byte off of block seq, the current block, the layout
 * counted again or forgotten (a new document), the filter dropped. */
const struct lline	*pager_line(struct pager *, size_t line);
size_t			 pager_line_of(struct pager *, int seq, uint32_t off);
void			 pager_set_current(struct view *, int seq, size_t top);
void			 pager_layout(struct view *);
void			 pager_forget_layout(struct pager *);
void			 pager_filter_clear(struct pager *);

/* Whether display line `line` exists, counting the lines as far as it
 * (the line counts are made as they are needed); every line counted. */
int			 pager_has_line(struct pager *, size_t line);
void			 pager_count_all(struct pager *);

/* pager-blocks.c: block seq with its text (loaded if it was not; ""
 * when the index fails), the texts not used lately given back (after
 * each frame), all of them (a new document), and the shown blocks from
 * from (an index in order) to the end handed to fn with their texts, one
 * at a time, in order (the line counts); fn returns nonzero to stop. */
struct block		*pager_fill(struct pager *, int seq);
void			 pager_unfill_old(struct pager *);
void			 pager_unfill_all(struct pager *);
void			 pager_blocks_each(struct pager *, size_t from,
			    int (*fn)(struct pager *, size_t i,
			    const struct block *, void *), void *arg);

/* pager-jumps.c: the hooks of forward and C-c (view_on_action). */
int			 pager_on_forward(struct view *, enum action, bkey);
int			 pager_on_interrupt(struct view *, enum action, bkey);

/* pager-osc8.c: after each frame, the links on screen as OSC 8. */
void			 pager_osc8_frame(void);

#endif
