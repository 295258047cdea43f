/* view-theme.c: one theme: its blocks across all documents, grouped
 * under a row per document, each with its anchor and where it sits
 * (the recommendation above a sub-bullet, the blocks citing a footnote),
 * footnotes last.  <Enter> shows the selected block in its document
 * (themectx_ops below), pushed over the theme so <Backspace> comes back
 * here; <Enter> there opens the document in the pager.
 *
 * The theme view owns the groups from bdb_theme_blocks and an array of
 * rows over them; the document view owns a loaded document and its
 * layout lines. */
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

static void
show_in_context(struct theme_view *s, const struct row *r)
{
	struct themectx_arg a = { s->g[r->g].doc.slug, NULL };

	if (r->b >= 0)
		a.anchor = s->g[r->g].doc.blocks[r->b].anchor;
	view_push(&themectx_ops, &a);
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

/* --- a block in its document ------------------------------------------ */

struct themectx {
	struct doc	 doc;
	int		 seq;		/* the block to keep at the top */
	struct lline	*lines;
	size_t		 n;
	size_t		 cap;
};

static int
ctx_open(struct view *v, const void *arg)
{
	const struct themectx_arg *a = arg;
	struct themectx *c = v->priv;
	char *slug = bdb_resolve(view_db(), a->slug);

	if (slug == NULL || bdb_load(view_db(), slug, &c->doc) != BDB_OK) {
		view_error("Cannot load %s", a->slug);
		free(slug);
		return -1;
	}
	free(slug);
	c->seq = a->anchor ? doc_find_anchor(&c->doc, a->anchor) : -1;
	v->sel = VIEW_NOSEL;
	view_message("<Enter> opens %s here in the reader, <Backspace> goes "
	    "back to the theme", c->doc.slug);
	return 0;
}

static void
ctx_clear(struct themectx *c)
{
	layout_free(c->lines, c->n);
	c->lines = NULL;
	c->n = c->cap = 0;
}

static void
ctx_close(struct view *v)
{
	struct themectx *c = v->priv;

	ctx_clear(c);
	doc_clear(&c->doc);
}

/* A blank line after a block (the pager's spacing). */
static void
add_blank(struct themectx *c, int seq)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->lines = xreallocarray(c->lines, c->cap, sizeof *c->lines);
	}
	memset(&c->lines[c->n], 0, sizeof c->lines[c->n]);
	c->lines[c->n].text = xstrdup("");
	c->lines[c->n++].block = seq;
}

/* Blocks in order, footnotes after the others, as the pager shows. */
static void
ctx_layout(struct view *v)
{
	struct themectx *c = v->priv;
	struct layout_opts lo = { .width = v->width, .ascii = view_ascii() };
	long top = -1;

	if (c->n > 0 && v->top < c->n)
		c->seq = c->lines[v->top].block;
	ctx_clear(c);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < c->doc.nblocks; i++) {
			if ((c->doc.blocks[i].kind == BK_FOOTNOTE) != pass)
				continue;
			if ((int)i == c->seq)
				top = (long)c->n;
			layout_block(&c->doc.blocks[i], &lo, &c->lines, &c->n,
			    &c->cap);
			add_blank(c, (int)i);
		}
	v->nlines = c->n;
	v->top = top > 0 ? (size_t)top : 0;
}

static void
ctx_draw_line(struct view *v, WINDOW *w, int y, size_t line, int sel)
{
	struct themectx *c = v->priv;

	draw_lline(w, y, 0, v->width, &c->lines[line], -1);
}

static int
ctx_top_block(struct view *v)
{
	struct themectx *c = v->priv;

	return v->top < c->n ? c->lines[v->top].block : 0;
}

static int
ctx_key(struct view *v, enum action a, bkey k)
{
	struct themectx *c = v->priv;

	if (a != ACT_FOLLOW || c->doc.nblocks == 0)
		return 0;
	pager_open(c->doc.slug, c->doc.blocks[ctx_top_block(v)].anchor, 1);
	return 1;
}

static void
ctx_status(struct view *v, struct buf *l, struct buf *r)
{
	struct themectx *c = v->priv;
	int seq = ctx_top_block(v);

	buf_printf(l, "%s", c->doc.slug);
	if ((size_t)seq < c->doc.nblocks)
		buf_printf(l, " › %s", c->doc.blocks[seq].anchor);
	buf_printf(r, "%zu%%", v->nlines ? 100 * (v->top + 1) / v->nlines : 0);
}

static int
ctx_select(struct view *v, const char **slug, int *seq)
{
	struct themectx *c = v->priv;

	if (c->doc.nblocks == 0)
		return -1;
	*slug = c->doc.slug;
	*seq = ctx_top_block(v);
	return 0;
}

const struct view_ops themectx_ops = {
	.name = "in context",
	.ctx = CTX_THEME,
	.size = sizeof(struct themectx),
	.open = ctx_open,
	.close = ctx_close,
	.layout = ctx_layout,
	.draw_line = ctx_draw_line,
	.key = ctx_key,
	.status = ctx_status,
	.select = ctx_select,
};
