/* view-footnotes.c: two views of footnotes.
 *
 * The footnotes list shows every footnote of the open document with the
 * blocks citing it and its links, one row each: <Enter> on a footnote or
 * a citing block jumps there in the pager (a jump: <Backspace> there
 * comes back to this list), on a link shows its URL; next-link and
 * prev-link walk the links.  It owns an array of rows.
 *
 * The footnote popup (fnpopup_ops) is what following a marker in the
 * pager opens: the footnote's text and URLs laid out in a box over the
 * page, and which blocks cite it.  q, <Esc> and <Backspace> close it and
 * leave the page as it was; <Enter> goes to the footnote itself (a jump:
 * <Backspace> there shows the popup again). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "view.h"

enum row_kind { ROW_FN, ROW_CITE, ROW_UNCITED, ROW_LINK };

struct row {
	enum row_kind	 kind;
	int		 fn;		/* the footnote's seq */
	int		 seq;		/* ROW_CITE: the citing block */
	const char	*url;		/* ROW_LINK: in the document */
};

struct footnotes {
	struct row	*r;
	size_t		 n;
};

static void
add_row(struct footnotes *f, enum row_kind kind, int fn, int seq,
    const char *url)
{
	f->r = xreallocarray(f->r, f->n + 1, sizeof *f->r);
	f->r[f->n++] = (struct row){ kind, fn, seq, url };
}

/* Who cites each footnote, found in one pass over the document (not one
 * pass per footnote: a document may have 10,000 of them). */
struct citing {
	const char	*anchor;
	int		 fn;		/* the footnote's seq */
	int		*seq;		/* citing blocks, in order */
	size_t		 n;
};

static int
cmp_citing(const void *a, const void *b)
{
	return strcmp(((const struct citing *)a)->anchor,
	    ((const struct citing *)b)->anchor);
}

static void
cite(struct citing *c, size_t nc, const char *target, int seq)
{
	struct citing key = { .anchor = target }, *hit;

	hit = bsearch(&key, c, nc, sizeof *c, cmp_citing);
	if (hit == NULL || (hit->n > 0 && hit->seq[hit->n - 1] == seq))
		return;
	hit->seq = xreallocarray(hit->seq, hit->n + 1, sizeof *hit->seq);
	hit->seq[hit->n++] = seq;
}

static size_t
citing_map(const struct doc *d, struct citing **out)
{
	struct citing *c = NULL;
	size_t nc = 0;

	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == BK_FOOTNOTE &&
		    d->blocks[i].anchor != NULL) {
			c = xreallocarray(c, nc + 1, sizeof *c);
			c[nc++] = (struct citing){ d->blocks[i].anchor, (int)i,
			    NULL, 0 };
		}
	if (nc == 0) {
		*out = NULL;
		return 0;
	}
	qsort(c, nc, sizeof *c, cmp_citing);
	for (size_t i = 0; i < d->nblocks; i++)
		for (size_t j = 0; j < d->blocks[i].nspans; j++) {
			const struct span *sp = &d->blocks[i].spans[j];

			if (sp->kind == SP_FNREF && sp->target != NULL)
				cite(c, nc, sp->target, (int)i);
		}
	*out = c;
	return nc;
}

static void
add_footnote(struct footnotes *f, const struct doc *d,
    const struct citing *c)
{
	const struct block *b = &d->blocks[c->fn];

	add_row(f, ROW_FN, c->fn, c->fn, NULL);
	for (size_t i = 0; i < c->n; i++)
		add_row(f, ROW_CITE, c->fn, c->seq[i], NULL);
	if (c->n == 0)
		add_row(f, ROW_UNCITED, c->fn, c->fn, NULL);
	for (size_t i = 0; i < b->nspans; i++)
		if (b->spans[i].kind == SP_LINK && b->spans[i].target != NULL)
			add_row(f, ROW_LINK, c->fn, c->fn, b->spans[i].target);
}

static int
cmp_fn(const void *a, const void *b)
{
	int x = ((const struct citing *)a)->fn, y = ((const struct citing *)b)->fn;

	return x < y ? -1 : x > y;
}

/* The rows of the open document's footnotes, in document order. */
static void
build(struct footnotes *f)
{
	const struct doc *d = pager_doc();
	struct citing *c = NULL;
	size_t nc = d != NULL ? citing_map(d, &c) : 0;

	if (nc > 0)
		qsort(c, nc, sizeof *c, cmp_fn);	/* back in document order */
	for (size_t i = 0; i < nc; i++) {
		add_footnote(f, d, &c[i]);
		free(c[i].seq);
	}
	free(c);
}

static int
footnotes_open(struct view *v, const void *arg)
{
	struct footnotes *f = v->priv;
	const struct doc *d = pager_doc();

	build(f);
	if (f->n == 0) {
		view_message("%s has no footnotes", d ? d->slug : "This document");
		return -1;
	}
	v->sel = 0;
	return 0;
}

static void
footnotes_close(struct view *v)
{
	struct footnotes *f = v->priv;

	free(f->r);
	f->r = NULL;
	f->n = 0;
}

/* Back from a jump: the document was loaded again (the index may have
 * changed), so the rows are built again; the selection keeps its line. */
static int
footnotes_resume(struct view *v)
{
	struct footnotes *f = v->priv;

	footnotes_close(v);
	build(f);
	if (f->n == 0)
		return -1;
	if ((size_t)v->sel >= f->n)
		v->sel = (long)f->n - 1;
	return 0;
}

static void
footnotes_layout(struct view *v)
{
	struct footnotes *f = v->priv;

	v->nlines = f->n;
}

static void
draw_fn_row(struct view *v, WINDOW *w, int y, const struct row *r, attr_t a)
{
	const struct block *b = pager_block(r->fn);
	char *mark = layout_fnmark(b->anchor, view_ascii());
	int x = 1;

	x += draw_str(w, y, x, mark, v->width - x, a | A_BOLD) + 1;
	draw_str(w, y, x, b->text, v->width - x - 1, a);
	free(mark);
}

static void
draw_cite_row(struct view *v, WINDOW *w, int y, const struct row *r,
    attr_t a, int sel)
{
	const struct doc *d = pager_doc();
	char *label = pager_block_label(d, r->seq);
	int x = 4;

	x += draw_str(w, y, x, "cited in ", v->width - x, a);
	x += draw_str(w, y, x, d->blocks[r->seq].anchor, v->width - x,
	    sel ? a : display_elem(DE_ANCHOR)) + 1;
	draw_str(w, y, x, label, v->width - x - 1, a);
	free(label);
}

static void
footnotes_draw_line(struct view *v, WINDOW *w, int y, size_t line, int sel)
{
	struct footnotes *f = v->priv;
	const struct row *r = &f->r[line];
	attr_t a = sel ? display_elem(DE_SELECTED) : A_NORMAL;
	int x = 4;

	switch (r->kind) {
	case ROW_FN:
		draw_fn_row(v, w, y, r, a);
		break;
	case ROW_CITE:
		draw_cite_row(v, w, y, r, a, sel);
		break;
	case ROW_UNCITED:
		draw_str(w, y, x, "not cited", v->width - x,
		    sel ? a : display_elem(DE_DIM));
		break;
	case ROW_LINK:
		x += draw_str(w, y, x, "link ", v->width - x, a);
		draw_str(w, y, x, r->url, v->width - x - 1,
		    sel ? a : display_run_attr(LA_LINK, 0));
		break;
	}
}

static void
link_move(struct view *v, int dir)
{
	struct footnotes *f = v->priv;

	for (long i = v->sel + dir; i >= 0 && (size_t)i < f->n; i += dir)
		if (f->r[i].kind == ROW_LINK) {
			view_show_line(v, (size_t)i);
			view_message("%s", f->r[i].url);
			return;
		}
	view_message("No %s link", dir > 0 ? "next" : "previous");
}

static void
footnotes_follow(const struct row *r)
{
	const struct doc *d = pager_doc();

	switch (r->kind) {
	case ROW_FN:
	case ROW_UNCITED:
		pager_open(d->slug, d->blocks[r->fn].anchor, 1);
		break;
	case ROW_CITE:
		pager_open(d->slug, d->blocks[r->seq].anchor, 1);
		break;
	case ROW_LINK:
		view_message("%s (y copies it)", r->url);
		break;
	}
}

static int
footnotes_key(struct view *v, enum action a, bkey k)
{
	struct footnotes *f = v->priv;
	const struct row *r;

	if (v->sel < 0 || (size_t)v->sel >= f->n)
		return 0;
	r = &f->r[v->sel];
	switch (a) {
	case ACT_FOLLOW:	footnotes_follow(r); return 1;
	case ACT_NEXT_LINK:	link_move(v, 1); return 1;
	case ACT_PREV_LINK:	link_move(v, -1); return 1;
	case ACT_COPY:
		if (r->kind == ROW_LINK)
			view_copy(r->url, r->url);
		else
			pager_copy_block(r->kind == ROW_CITE ? r->seq : r->fn);
		return 1;
	default:
		if (!view_move(v, a))
			return 0;
		if (f->r[v->sel].kind == ROW_LINK)	/* say where it goes */
			view_message("%s", f->r[v->sel].url);
		return 1;
	}
}

static int
footnotes_select(struct view *v, const char **slug, int *seq)
{
	struct footnotes *f = v->priv;
	const struct row *r;

	if (v->sel < 0 || (size_t)v->sel >= f->n)
		return -1;
	r = &f->r[v->sel];
	*slug = pager_doc()->slug;
	*seq = r->kind == ROW_CITE ? r->seq : r->fn;
	return 0;
}

const struct view_ops footnotes_ops = {
	.name = "footnotes",
	.ctx = CTX_FOOTNOTES,
	.action = ACT_FOOTNOTES,
	.size = sizeof(struct footnotes),
	.open = footnotes_open,
	.close = footnotes_close,
	.layout = footnotes_layout,
	.draw_line = footnotes_draw_line,
	.key = footnotes_key,
	.select = footnotes_select,
	.resume = footnotes_resume,
};

/* --- The popup -------------------------------------------------------- */

#define FNPOPUP_HINT	"Enter goes to the footnote, y copies its link, q closes"

struct fnpopup {
	int		 seq;
	char		*title;
	char		*cited;		/* "Cited in rec-2.3, rec-4." */
	struct lline	*lines;
	size_t		 n;
	size_t		 cap;
};

static char *
cited_text(const struct doc *d, int fn)
{
	int *cite = NULL;
	size_t n = doc_citing(d, fn, &cite);
	struct buf b = { 0 };

	buf_adds(&b, n ? "Cited in " : "Not cited in the text.");
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", d->blocks[cite[i]].anchor);
	if (n)
		buf_addc(&b, '.');
	free(cite);
	return buf_steal(&b);
}

static int
fnpopup_open(struct view *v, const void *arg)
{
	struct fnpopup *p = v->priv;
	const struct doc *d = pager_doc();

	p->seq = *(const int *)arg;
	if (d == NULL || p->seq < 0 || (size_t)p->seq >= d->nblocks)
		return -1;
	p->title = xasprintf("Footnote %d", d->blocks[p->seq].fn);
	p->cited = cited_text(d, p->seq);
	view_message(FNPOPUP_HINT);
	return 0;
}

static void
fnpopup_close(struct view *v)
{
	struct fnpopup *p = v->priv;

	layout_free(p->lines, p->n);
	free(p->title);
	free(p->cited);
}

static void
fnpopup_layout(struct view *v)
{
	struct fnpopup *p = v->priv;
	struct layout_opts o = { .width = v->width, .ascii = view_ascii(),
	    .short_urls = 1 };
	struct block note = { .kind = BK_PARAGRAPH, .parent = -1 };

	layout_free(p->lines, p->n);
	p->lines = NULL;
	p->n = p->cap = 0;
	layout_block(pager_block(p->seq), &o, &p->lines, &p->n, &p->cap);
	note.seq = -1;
	note.text = p->cited;
	layout_block(&note, &o, &p->lines, &p->n, &p->cap);
	v->nlines = p->n;
}

static void
fnpopup_draw(struct view *v, WINDOW *w)
{
	struct fnpopup *p = v->priv;

	for (int y = 0; y < v->height && v->top + (size_t)y < p->n; y++) {
		const struct lline *l = &p->lines[v->top + (size_t)y];

		if (l->block < 0)
			draw_str(w, y, 0, l->text, v->width,
			    display_elem(DE_DIM));
		else
			draw_lline(w, y, 0, v->width, l, -1);
	}
}

/* y copies the footnote's first link, else its text. */
static void
fnpopup_copy(const struct fnpopup *p)
{
	const struct block *b = &pager_doc()->blocks[p->seq];

	for (size_t i = 0; i < b->nspans; i++)
		if (b->spans[i].kind == SP_LINK && b->spans[i].target != NULL) {
			view_copy(b->spans[i].target, b->spans[i].target);
			return;
		}
	pager_copy_block(p->seq);
}

static int
fnpopup_key(struct view *v, enum action a, bkey k)
{
	struct fnpopup *p = v->priv;
	const struct doc *d = pager_doc();

	switch (a) {
	case ACT_BACK:
		view_pop();
		return 1;
	case ACT_FOLLOW:
		pager_open(d->slug, d->blocks[p->seq].anchor, 1);
		return 1;
	case ACT_COPY:
		fnpopup_copy(p);
		return 1;
	default:
		return 0;
	}
}

static void
fnpopup_status(struct view *v, struct buf *l, struct buf *r)
{
	struct fnpopup *p = v->priv;
	const struct doc *d = pager_doc();

	buf_printf(l, "%s%s%s  %s", d->slug, view_ascii() ? " > " : " › ",
	    d->blocks[p->seq].anchor, p->cited);
	buf_adds(r, "q closes");
}

static int
fnpopup_select(struct view *v, const char **slug, int *seq)
{
	struct fnpopup *p = v->priv;

	*slug = pager_doc()->slug;
	*seq = p->seq;
	return 0;
}

/* Back from the jump to the footnote: the document may have been loaded
 * again meanwhile; the popup stays only if its footnote is still there. */
static int
fnpopup_resume(struct view *v)
{
	struct fnpopup *p = v->priv;
	const struct doc *d = pager_doc();

	if (d == NULL || p->seq < 0 || (size_t)p->seq >= d->nblocks ||
	    d->blocks[p->seq].kind != BK_FOOTNOTE)
		return -1;
	view_message(FNPOPUP_HINT);
	return 0;
}

static const char *
fnpopup_title(struct view *v)
{
	return ((struct fnpopup *)v->priv)->title;
}

const struct view_ops fnpopup_ops = {
	.name = "footnote",
	.ctx = CTX_FOOTNOTES,
	.size = sizeof(struct fnpopup),
	.flags = VIEW_POPUP,
	.open = fnpopup_open,
	.close = fnpopup_close,
	.layout = fnpopup_layout,
	.draw = fnpopup_draw,
	.key = fnpopup_key,
	.status = fnpopup_status,
	.select = fnpopup_select,
	.title = fnpopup_title,
	.resume = fnpopup_resume,
};
