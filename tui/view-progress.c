/* view-progress.c: review progress over recommendations, per document and
 * per theme: how many are unread, read, flagged and done, how many
 * changed since they were reviewed, and the number of notes.  <Enter> on
 * a document opens it.  It owns the arrays from bdb_progress_docs and
 * bdb_progress_themes and one line per heading or row. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "review-ui.h"
#include "view.h"

#define NCOLS	7

struct line {
	const struct bdb_progress	*p;	/* NULL: a heading */
	const char			*heading;
	int				 doc;	/* a document's row */
};

struct progress {
	struct bdb_progress	*docs;
	size_t			 ndocs;
	struct bdb_progress	*themes;
	size_t			 nthemes;
	struct line		*lines;
	size_t			 n;
};

static void
add(struct progress *s, const struct bdb_progress *p, const char *heading,
    int doc)
{
	s->lines = xreallocarray(s->lines, s->n + 1, sizeof *s->lines);
	s->lines[s->n++] = (struct line){ p, heading, doc };
}

static void
unload(struct progress *s)
{
	bdb_progress_free(s->docs, s->ndocs);
	bdb_progress_free(s->themes, s->nthemes);
	free(s->lines);
	memset(s, 0, sizeof *s);
}

static int
progress_open(struct view *v, const void *arg)
{
	struct progress *s = v->priv;

	if (bdb_progress_docs(view_db(), &s->docs, &s->ndocs) != BDB_OK ||
	    bdb_progress_themes(view_db(), &s->themes, &s->nthemes) !=
	    BDB_OK) {
		view_error("Cannot read the review progress");
		unload(s);
		return -1;
	}
	add(s, NULL, "Documents", 0);
	for (size_t i = 0; i < s->ndocs; i++)
		add(s, &s->docs[i], NULL, 1);
	add(s, NULL, "Themes", 0);
	for (size_t i = 0; i < s->nthemes; i++)
		add(s, &s->themes[i], NULL, 0);
	v->sel = s->ndocs > 0 ? 1 : 0;
	return 0;
}

static void
progress_close(struct view *v)
{
	unload(v->priv);
}

static void
progress_layout(struct view *v)
{
	v->nlines = ((struct progress *)v->priv)->n;
}

/* The width of a number column: full labels from 100 columns. */
static int
col_width(const struct view *v)
{
	return v->width >= 100 ? 8 : v->width >= 72 ? 7 : 5;
}

/* Narrow screens drop the last two columns (changed, notes). */
static int
ncols(const struct view *v)
{
	return v->width >= 60 ? NCOLS : NCOLS - 2;
}

/* Columns left for the names. */
static int
name_width(const struct view *v)
{
	return v->width - 1 - ncols(v) * col_width(v) - 4;
}

static void
draw_numbers(struct view *v, WINDOW *w, int y, const int *val,
    const char *const *label, attr_t a)
{
	int cw = col_width(v), n = ncols(v), x = v->width - 1 - n * cw;
	char num[16];

	for (int i = 0; i < n; i++, x += cw) {
		const char *s = label ? label[i] : num;

		snprintf(num, sizeof num, "%d", val ? val[i] : 0);
		draw_str(w, y, x + cw - display_width(s), s, cw, a);
	}
}

static void
draw_heading(struct view *v, WINDOW *w, int y, const char *h, attr_t base)
{
	static const char *const labels[3][NCOLS] = {
	    { "Recs", "Unread", "Read", "Flagged", "Done", "Changed", "Notes" },
	    { "Recs", "Unread", "Read", "Flag", "Done", "Chg", "Notes" },
	    { "Recs", "Unrd", "Read", "Flag", "Done", "Chg", "Nts" } };
	int cw = col_width(v);

	draw_str(w, y, 1, h, name_width(v) + 2, base | display_elem(DE_TITLE));
	draw_numbers(v, w, y, NULL, labels[cw == 8 ? 0 : cw == 7 ? 1 : 2],
	    base | display_elem(DE_TITLE));
}

/* A document's slug and title, or a theme's name, in namew columns. */
static void
draw_name(WINDOW *w, int y, const struct line *l, int namew, attr_t base)
{
	const struct bdb_progress *p = l->p;
	const char *title = p->title && p->title[0] ? p->title : NULL;
	int x = 3;

	if (namew <= 0)
		return;
	if (l->doc || title == NULL) {
		x += draw_str(w, y, x, p->key, namew, l->doc && !(base &
		    A_REVERSE) ? display_elem(DE_ANCHOR) : base) + 2;
		namew -= x - 3;
	}
	if (title != NULL && namew > 0)
		draw_str(w, y, x, title, namew, base);
}

static void
progress_draw_line(struct view *v, WINDOW *w, int y, size_t line, int sel)
{
	struct progress *s = v->priv;
	const struct line *l = &s->lines[line];
	const struct bdb_progress *p = l->p;
	attr_t base = sel ? display_elem(DE_SELECTED) : A_NORMAL;
	int namew = name_width(v);
	int val[NCOLS];

	if (p == NULL) {
		draw_heading(v, w, y, l->heading, base);
		return;
	}
	val[0] = p->total;
	for (int i = 0; i < RS__COUNT; i++)
		val[1 + i] = p->count[i];
	val[5] = p->changed;
	val[6] = p->notes;
	draw_name(w, y, l, namew, base);
	draw_numbers(v, w, y, val, NULL, base);
}

static int
progress_key(struct view *v, enum action a, bkey k)
{
	struct progress *s = v->priv;
	const struct line *l;
	char *slug;

	if (a != ACT_FOLLOW || v->sel < 0 || (size_t)v->sel >= s->n)
		return 0;
	l = &s->lines[v->sel];
	if (!l->doc) {
		view_message("Enter on a document opens it (t lists the "
		    "themes)");
		return 1;
	}
	slug = xstrdup(l->p->key);	/* pager_open closes this view */
	pager_open(slug, NULL, 1);
	free(slug);
	return 1;
}

static void
progress_status(struct view *v, struct buf *l, struct buf *r)
{
	struct progress *s = v->priv;
	int total = 0, done = 0;

	for (size_t i = 0; i < s->ndocs; i++) {
		total += s->docs[i].total;
		done += s->docs[i].count[RS_DONE];
	}
	buf_printf(l, "progress: %d of %d recommendation%s done", done, total,
	    total == 1 ? "" : "s");
	buf_printf(r, "%ld/%zu", v->sel + 1, s->n);
}

const struct view_ops progress_ops = {
	.name = "progress",
	.ctx = CTX_PROGRESS,
	.size = sizeof(struct progress),
	.open = progress_open,
	.close = progress_close,
	.layout = progress_layout,
	.draw_line = progress_draw_line,
	.key = progress_key,
	.status = progress_status,
};
