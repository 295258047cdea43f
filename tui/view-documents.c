/* view-documents.c: the documents in the index (bdb_list: in slug order,
 * each annex after its letter), with kind, slug, reference, date and
 * title.
 * A letter that says an annex is enclosed, with no annex of it in the
 * index, gets a row saying so and how to import it.  <Enter> opens a
 * document in the pager (with history).  It owns the list from bdb_list
 * and an array of rows over it; columns are as wide as their content. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "view.h"

struct docrow {
	size_t		 doc;		/* index into docs */
	int		 missing;	/* the annex doc[] encloses is missing */
};

struct documents {
	struct doc	*docs;
	size_t		 ndocs;
	struct docrow	*rows;
	size_t		 n;
	int		 cw[4];		/* kind, slug, reference, date: as
					 * wide as their widest, and a gap */
};

/* The columns, sized to their content (each at most a share of the
 * width, the title getting the rest). */
static void
size_columns(struct documents *s, int width)
{
	static const int cap[4] = { 10, 48, 26, 18 };

	for (int c = 0; c < 4; c++)
		s->cw[c] = 2;
	for (size_t i = 0; i < s->ndocs; i++) {
		const char *f[4] = { s->docs[i].kind, s->docs[i].slug,
		    s->docs[i].reference, s->docs[i].date };

		for (int c = 0; c < 4; c++) {
			int w = display_width(f[c] ? f[c] : "-") + 2;

			if (w > s->cw[c])
				s->cw[c] = w < cap[c] ? w : cap[c];
		}
	}
	if (s->cw[1] > width / 2)
		s->cw[1] = width / 2 > 4 ? width / 2 : 4;
	/* The title keeps 16 columns at least: the slug and reference
	 * columns give way (cut with …), the wider first. */
	for (;;) {
		int used = 1 + s->cw[0] + s->cw[1] + s->cw[2] + s->cw[3];
		int c = s->cw[1] >= s->cw[2] ? 1 : 2;

		if (width < 72 || used <= width - 16 || s->cw[c] <= 8)
			break;
		s->cw[c]--;
	}
}

static int
has_annex(const struct documents *s, const char *slug)
{
	for (size_t i = 0; i < s->ndocs; i++)
		if (s->docs[i].parent != NULL &&
		    strcmp(s->docs[i].parent, slug) == 0)
			return 1;
	return 0;
}

static void
add_row(struct documents *s, size_t doc, int missing)
{
	s->rows = xreallocarray(s->rows, s->n + 1, sizeof *s->rows);
	s->rows[s->n++] = (struct docrow){ doc, missing };
}

static int
documents_open(struct view *v, const void *arg)
{
	struct documents *s = v->priv;
	const struct doc *cur = pager_doc();

	if (bdb_list(view_db(), &s->docs, &s->ndocs) != BDB_OK) {
		view_message("No documents: import some with 'brief import FILE'");
		return -1;
	}
	v->sel = 0;
	for (size_t i = 0; i < s->ndocs; i++) {
		if (cur != NULL && strcmp(s->docs[i].slug, cur->slug) == 0)
			v->sel = (long)s->n;
		add_row(s, i, 0);
		if (s->docs[i].mentions_annex && !has_annex(s, s->docs[i].slug))
			add_row(s, i, 1);
	}
	return 0;
}

static void
documents_close(struct view *v)
{
	struct documents *s = v->priv;

	bdb_list_free(s->docs, s->ndocs);
	free(s->rows);
}

static void
documents_layout(struct view *v)
{
	struct documents *s = v->priv;

	v->nlines = s->n;
	size_columns(s, v->width);
}

/* One column: text at x, at most w columns; returns the next x. */
static int
column(WINDOW *win, int y, int x, int w, const char *text, attr_t a)
{
	draw_str(win, y, x, text ? text : "-", w - 1, a);
	return x + w;
}

static void
draw_doc(struct view *v, WINDOW *w, int y, const struct doc *d, attr_t a,
    int sel)
{
	const struct documents *s = v->priv;
	const struct doc *cur = pager_doc();
	int wide = v->width >= 72, x = 1;
	attr_t dim = sel ? a : display_elem(DE_DIM);

	if (cur != NULL && strcmp(cur->slug, d->slug) == 0)
		a |= A_BOLD;
	x = column(w, y, x, s->cw[0], d->kind, a);
	x = column(w, y, x, s->cw[1], d->slug,
	    sel ? a : display_elem(DE_ANCHOR));
	if (wide) {
		x = column(w, y, x, s->cw[2], d->reference, a);
		x = column(w, y, x, s->cw[3], d->date, dim);
	}
	draw_str(w, y, x, d->title ? d->title : "", v->width - x - 1, a);
}

static void
documents_draw_line(struct view *v, WINDOW *w, int y, size_t line, int sel)
{
	struct documents *s = v->priv;
	const struct docrow *r = &s->rows[line];
	attr_t a = sel ? display_elem(DE_SELECTED) : A_NORMAL;
	char *text;

	if (!r->missing) {
		draw_doc(v, w, y, &s->docs[r->doc], a, sel);
		return;
	}
	text = xasprintf("missing %s import with: brief import FILE",
	    view_ascii() ? "-" : "—");
	column(w, y, 1, s->cw[0], "annex", sel ? a : display_elem(DE_MISSING));
	draw_str(w, y, 1 + s->cw[0], text, v->width - 2 - s->cw[0],
	    sel ? a : display_elem(DE_MISSING));
	free(text);
}

static int
documents_key(struct view *v, enum action a, bkey k)
{
	struct documents *s = v->priv;
	const struct docrow *r;
	char *slug;

	if (a != ACT_FOLLOW || v->sel < 0 || (size_t)v->sel >= s->n)
		return 0;
	r = &s->rows[v->sel];
	if (r->missing) {
		view_message("%s encloses an annex that is not in the index: "
		    "import it with 'brief import FILE' (front matter: kind: "
		    "annex, parent: %s)", s->docs[r->doc].slug,
		    s->docs[r->doc].slug);
		return 1;
	}
	slug = xstrdup(s->docs[r->doc].slug);
	pager_open(slug, NULL, 1);		/* a jump: suspends this view */
	free(slug);
	return 1;
}

static void
documents_status(struct view *v, struct buf *l, struct buf *r)
{
	struct documents *s = v->priv;
	const char *path = bdb_path(view_db()), *base = strrchr(path, '/');

	buf_printf(l, "documents: %zu in %s", s->ndocs, base ? base + 1 : path);
	buf_printf(r, "%ld/%zu", v->sel + 1, s->n);
}

const struct view_ops documents_ops = {
	.name = "documents",
	.ctx = CTX_DOCUMENTS,
	.action = ACT_DOCUMENTS,
	.size = sizeof(struct documents),
	.open = documents_open,
	.close = documents_close,
	.layout = documents_layout,
	.draw_line = documents_draw_line,
	.key = documents_key,
	.status = documents_status,
};
