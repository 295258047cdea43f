/* view-outline.c: the outline of the open document: its title, headings,
 * recommendations and their sub-bullets as a tree, each with its anchor.
 * <Enter> jumps there in the pager (a jump: back returns here, with the
 * same entry selected).
 * With a review store, each line starts with the block's review mark.
 * It owns an array of entries (block seq and tree depth). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "review-ui.h"
#include "view.h"

struct entry {
	int		 seq;
	int		 depth;		/* 0: title, heading; 1 + bullet depth */
};

struct outline {
	struct entry	*e;
	size_t		 n;
	int		 anchor_w;	/* widest anchor, for the column */
};

static void
add(struct outline *o, int seq, int depth)
{
	o->e = xreallocarray(o->e, o->n + 1, sizeof *o->e);
	o->e[o->n++] = (struct entry){ seq, depth };
}

/* The entry at or before the block at the top of the pager. */
static long
current_entry(const struct outline *o)
{
	struct place here;
	long best = 0;

	pager_position(&here);
	for (size_t i = 0; i < o->n; i++)
		if (o->e[i].seq <= here.seq)
			best = (long)i;
	return best;
}

/* The entries of the open document; 0, or -1 when it has none. */
static int
build(struct outline *o)
{
	const struct doc *d = pager_doc();

	for (size_t i = 0; d != NULL && i < d->nblocks; i++) {
		const struct block *b = &d->blocks[i];
		int w = b->anchor ? display_width(b->anchor) : 0;

		if (b->kind == BK_TITLE || b->kind == BK_HEADING)
			add(o, (int)i, 0);
		else if (block_is_rec(b))
			add(o, (int)i, b->depth + 1);
		else
			continue;
		if (w > o->anchor_w)
			o->anchor_w = w;
	}
	return o->n > 0 ? 0 : -1;
}

static void
entries_free(struct outline *o)
{
	free(o->e);
	memset(o, 0, sizeof *o);
}

static int
outline_open(struct view *v, const void *arg)
{
	struct outline *o = v->priv;
	const struct doc *d = pager_doc();

	if (build(o) != 0) {
		view_message("%s has no headings or recommendations",
		    d ? d->slug : "This document");
		entries_free(o);
		return -1;
	}
	v->sel = current_entry(o);
	return 0;
}

static void
outline_close(struct view *v)
{
	entries_free(v->priv);
}

/* Back from a jump: the document was loaded again (it may have changed
 * in the index meanwhile), so the entries are built again and the same
 * block stays selected. */
static int
outline_resume(struct view *v)
{
	struct outline *o = v->priv;
	int seq = v->sel >= 0 && (size_t)v->sel < o->n ? o->e[v->sel].seq : 0;

	entries_free(o);
	if (build(o) != 0)
		return -1;
	v->sel = 0;
	for (size_t i = 0; i < o->n; i++)
		if (o->e[i].seq <= seq)
			v->sel = (long)i;
	return 0;
}

static void
outline_layout(struct view *v)
{
	struct outline *o = v->priv;

	v->nlines = o->n;
}

static void
outline_draw_line(struct view *v, WINDOW *w, int y, size_t line, int sel)
{
	struct outline *o = v->priv;
	const struct doc *d = pager_doc();
	const struct entry *e = &o->e[line];
	const struct block *b = &d->blocks[e->seq];
	attr_t base = sel ? display_elem(DE_SELECTED) : A_NORMAL;
	int aw = o->anchor_w < v->width / 3 ? o->anchor_w : v->width / 3;
	const char *mark = review_mark(d->slug, b->anchor);
	int mw = mark[0] != '\0' ? 3 : 0;	/* two columns, a blank */
	int x = 1 + mw + aw + 2 + (e->depth > 1 ? 2 * (e->depth - 1) : 0);
	char *label = pager_block_label(d, e->seq);

	if (mw > 0)
		draw_str(w, y, 1, mark, 2, base);
	draw_str(w, y, 1 + mw, b->anchor ? b->anchor : "", aw,
	    sel ? base : display_elem(DE_ANCHOR));
	if (e->depth == 0)
		base |= A_BOLD;
	if (x < v->width - 1)
		draw_str(w, y, x, label, v->width - x - 1, base);
	free(label);
}

/* The next (dir 1) or previous top-level recommendation's entry. */
static void
rec_move(struct view *v, int dir)
{
	struct outline *o = v->priv;

	for (long i = v->sel + dir; i >= 0 && (size_t)i < o->n; i += dir)
		if (o->e[i].depth == 1) {
			view_show_line(v, (size_t)i);
			return;
		}
	view_message("No %s recommendation", dir > 0 ? "next" : "previous");
}

static int
outline_key(struct view *v, enum action a, bkey k)
{
	struct outline *o = v->priv;
	const struct doc *d = pager_doc();
	const struct block *b;

	if (v->sel < 0 || (size_t)v->sel >= o->n)
		return 0;
	b = &d->blocks[o->e[v->sel].seq];
	switch (a) {
	case ACT_FOLLOW:
		pager_open(d->slug, b->anchor, 1);	/* suspends this view */
		return 1;
	case ACT_NEXT_REC:	rec_move(v, 1); return 1;
	case ACT_PREV_REC:	rec_move(v, -1); return 1;
	case ACT_COPY:		pager_copy_block(o->e[v->sel].seq); return 1;
	default:		return 0;
	}
}

static int
outline_select(struct view *v, const char **slug, int *seq)
{
	struct outline *o = v->priv;

	if (v->sel < 0 || (size_t)v->sel >= o->n)
		return -1;
	*slug = pager_doc()->slug;
	*seq = o->e[v->sel].seq;
	return 0;
}

const struct view_ops outline_ops = {
	.name = "outline",
	.ctx = CTX_OUTLINE,
	.action = ACT_OUTLINE,
	.size = sizeof(struct outline),
	.open = outline_open,
	.close = outline_close,
	.layout = outline_layout,
	.draw_line = outline_draw_line,
	.key = outline_key,
	.select = outline_select,
	.resume = outline_resume,
};
