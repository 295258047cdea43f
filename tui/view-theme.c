/* view-theme.c: one theme: its blocks across all documents, grouped
 * under a row per document, each with its anchor and where it sits
 * (the recommendation above a sub-bullet, the blocks citing a footnote),
 * footnotes last.  <Enter> opens the selected block in its document in
 * the pager: a jump, so this view is suspended on the jump stack and
 * <Backspace> in the pager comes back to it, selection and all.
 *
 * The theme view owns the theme, the groups from bdb_theme_blocks and an
 * array of rows over them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "view-themes.h"

struct row {
	size_t		 g;		/* group (document) */
	long		 b;		/* block in it, -1: the document row */
};

struct theme_view {
	struct theme	 t;
	struct theme_doc *g;
	size_t		 ng;
	struct row	*rows;
	size_t		 n;
	int		 anchor_w;	/* widest anchor, for the column */
};

static void
add_row(struct theme_view *s, size_t g, long b)
{
	s->rows = xreallocarray(s->rows, s->n + 1, sizeof *s->rows);
	s->rows[s->n++] = (struct row){ g, b };
}

static void
build_rows(struct theme_view *s)
{
	for (size_t g = 0; g < s->ng; g++) {
		add_row(s, g, -1);
		for (size_t b = 0; b < s->g[g].doc.nblocks; b++) {
			int w = display_width(s->g[g].doc.blocks[b].anchor);

			add_row(s, g, (long)b);
			if (w > s->anchor_w)
				s->anchor_w = w;
		}
	}
}

static int
theme_open(struct view *v, const void *arg)
{
	struct theme_view *s = v->priv;
	const char *slug = arg;

	if (bdb_theme(view_db(), slug, &s->t) != BDB_OK) {
		view_error("No theme '%s'", slug);
		return -1;
	}
	if (bdb_theme_blocks(view_db(), slug, &s->g, &s->ng) != BDB_OK ||
	    s->ng == 0) {
		view_message("No blocks in the index match %s", s->t.name);
		bdb_theme_clear(&s->t);
		return -1;
	}
	build_rows(s);
	v->sel = 1;		/* the first block */
	return 0;
}

static void
theme_close(struct view *v)
{
	struct theme_view *s = v->priv;

	bdb_theme_blocks_free(s->g, s->ng);
	bdb_theme_clear(&s->t);
	free(s->rows);
}

static void
theme_layout(struct view *v)
{
	struct theme_view *s = v->priv;

	v->nlines = s->n;
}

/* What goes before a block's label: where it sits, shortly. */
static char *
where(const struct theme_doc *g, size_t b)
{
	const struct block *bl = &g->doc.blocks[b];
	const char *c = g->breadcrumbs[b];
	size_t n;

	if (c == NULL)
		return NULL;
	if (bl->kind == BK_FOOTNOTE)
		return xasprintf("%s: ", c);
	n = strcspn(c, " ");		/* the anchor of "rec-4 Lead on..." */
	return xasprintf("%.*s › ", (int)n, c);
}

static void
draw_doc_row(WINDOW *w, int y, const struct theme_doc *g, int width,
    attr_t base)
{
	char *s = xasprintf("%s: %s", g->doc.slug, g->doc.title);

	draw_str(w, y, 1, s, width - 2, base | display_elem(DE_TITLE));
	free(s);
}

static void
theme_draw_line(struct view *v, WINDOW *w, int y, size_t line, int sel)
{
	struct theme_view *s = v->priv;
	const struct row *r = &s->rows[line];
	const struct theme_doc *g = &s->g[r->g];
	const struct block *bl;
	attr_t base = sel ? display_elem(DE_SELECTED) : A_NORMAL;
	int aw = s->anchor_w < v->width / 3 ? s->anchor_w : v->width / 3;
	char *pre, *label;
	int x;

	if (r->b < 0) {
		draw_doc_row(w, y, g, v->width, base);
		return;
	}
	bl = &g->doc.blocks[r->b];
	draw_str(w, y, 3, bl->anchor, aw, sel ? base : display_elem(DE_ANCHOR));
	x = 3 + aw + 2 + (bl->kind == BK_BULLET ? 2 * bl->depth : 0);
	if ((pre = where(g, (size_t)r->b)) != NULL && x < v->width - 1)
		x += draw_str(w, y, x, pre, v->width - x - 1,
		    sel ? base : display_elem(DE_DIM));
	label = pager_block_label(&g->doc, (int)r->b);
	if (x < v->width - 1)
		draw_str(w, y, x, label, v->width - x - 1, base);
	free(label);
	free(pre);
}

/* The next (dir 1) or previous recommendation's row. */
static void
rec_move(struct view *v, int dir)
{
	struct theme_view *s = v->priv;

	for (long i = v->sel + dir; i >= 0 && (size_t)i < s->n; i += dir) {
		const struct row *r = &s->rows[i];

		if (r->b >= 0 && block_is_rec(&s->g[r->g].doc.blocks[r->b])) {
			view_show_line(v, (size_t)i);
			return;
		}
	}
	view_message("No %s recommendation in this theme",
	    dir > 0 ? "next" : "previous");
}

/* The block in its document (a document row: its top), in the pager.
 * The jump suspends this view, so its strings outlive the call. */
static void
show_in_context(struct theme_view *s, const struct row *r)
{
	const struct doc *d = &s->g[r->g].doc;

	pager_open(d->slug, r->b >= 0 ? d->blocks[r->b].anchor : NULL, 1);
}

static int
theme_key(struct view *v, enum action a, bkey k)
{
	struct theme_view *s = v->priv;

	if (v->sel < 0 || (size_t)v->sel >= s->n)
		return 0;
	switch (a) {
	case ACT_FOLLOW:	show_in_context(s, &s->rows[v->sel]); return 1;
	case ACT_NEXT_REC:	rec_move(v, 1); return 1;
	case ACT_PREV_REC:	rec_move(v, -1); return 1;
	default:		return 0;
	}
}

static void
theme_status(struct view *v, struct buf *l, struct buf *r)
{
	struct theme_view *s = v->priv;
	const struct row *row;

	buf_printf(l, "theme › %s", s->t.name);
	if (v->sel >= 0 && (size_t)v->sel < s->n) {
		row = &s->rows[v->sel];
		if (row->b >= 0 && s->g[row->g].breadcrumbs[row->b] != NULL)
			buf_printf(l, " › %s", s->g[row->g].breadcrumbs[row->b]);
	}
	buf_printf(r, "%ld/%zu", v->sel + 1, s->n);
}

static int
theme_select(struct view *v, const char **slug, int *seq)
{
	struct theme_view *s = v->priv;
	const struct row *r;

	if (v->sel < 0 || (size_t)v->sel >= s->n)
		return -1;
	r = &s->rows[v->sel];
	if (r->b < 0)
		return -1;
	*slug = s->g[r->g].doc.slug;
	*seq = s->g[r->g].doc.blocks[r->b].seq;
	return 0;
}

const struct view_ops theme_ops = {
	.name = "theme",
	.ctx = CTX_THEME,
	.size = sizeof(struct theme_view),
	.open = theme_open,
	.close = theme_close,
	.layout = theme_layout,
	.draw_line = theme_draw_line,
	.key = theme_key,
	.status = theme_status,
	.select = theme_select,
};

const struct theme *
theme_view_theme(struct view *v)
{
	if (v == NULL || v->ops != &theme_ops)
		return NULL;
	return &((struct theme_view *)v->priv)->t;
}
