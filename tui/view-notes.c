/* view-notes.c: every note in the review store, and every unsaved draft,
 * one line each: the block's mark, DOC#ANCHOR, whether the block changed
 * since the note or is gone (orphaned), and the note's first line.
 * <Enter> jumps to the block (a jump: <Backspace> in the pager comes back
 * here; on a draft it opens the note prompt with the draft in it); A edits a note in $EDITOR.  It owns the
 * arrays from bdb_notes and bdb_drafts and a row per line over them.
 * A note the line cuts (wider, or more lines than its first) opens on
 * <Enter> whole in a popup first (notepop_ops); <Enter> there jumps. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "review-ui.h"
#include "sanitize.h"
#include "view.h"

struct row {
	char		*where;		/* "letter#rec-2" */
	char		*first;		/* the text's first line */
	const char	*slug;
	const char	*anchor;
	const char	*flag;		/* "draft", "changed", "orphaned", "" */
	int		 seq;		/* -1: orphaned */
	struct bdb_note	*note;		/* NULL for a draft */
	const char	*body;		/* the whole text */
};

static const struct view_ops notepop_ops;

struct notes {
	struct bdb_note		*n;
	size_t			 nn;
	struct bdb_draft	*d;
	size_t			 nd;
	struct row		*rows;
	size_t			 nrows;
	int			 where_w;
};

static void
add_row(struct notes *s, const char *slug, const char *anchor,
    const char *body, int seq)
{
	struct row *r;
	int w;

	s->rows = xreallocarray(s->rows, s->nrows + 1, sizeof *s->rows);
	r = &s->rows[s->nrows++];
	memset(r, 0, sizeof *r);
	r->slug = slug;
	r->anchor = anchor;
	r->seq = seq;
	r->where = xasprintf("%s#%s", slug, anchor);
	r->first = xstrndup(body, strcspn(body, "\n"));
	r->body = body;
	if ((w = display_width(r->where)) > s->where_w)
		s->where_w = w;
}

static void
load(struct notes *s)
{
	if (bdb_drafts(view_db(), &s->d, &s->nd) != BDB_OK)
		s->d = NULL, s->nd = 0;
	if (bdb_notes(view_db(), NULL, NULL, &s->n, &s->nn) != BDB_OK)
		s->n = NULL, s->nn = 0;
	for (size_t i = 0; i < s->nd; i++) {
		add_row(s, s->d[i].slug, s->d[i].anchor, s->d[i].body,
		    review_find_seq(s->d[i].slug, s->d[i].anchor));
		s->rows[s->nrows - 1].flag = "draft";
	}
	for (size_t i = 0; i < s->nn; i++) {
		struct bdb_note *n = &s->n[i];

		add_row(s, n->slug, n->anchor, n->body, n->seq);
		s->rows[s->nrows - 1].note = n;
		s->rows[s->nrows - 1].flag = n->seq < 0 ? "orphaned" :
		    n->state == RV_CHANGED ? "changed" : "";
	}
}

static void
unload(struct notes *s)
{
	for (size_t i = 0; i < s->nrows; i++) {
		free(s->rows[i].where);
		free(s->rows[i].first);
	}
	free(s->rows);
	bdb_notes_free(s->n, s->nn);
	bdb_drafts_free(s->d, s->nd);
	memset(s, 0, sizeof *s);
}

static int
notes_open(struct view *v, const void *arg)
{
	struct notes *s = v->priv;

	load(s);
	if (s->nrows == 0) {
		view_message("No notes yet (a writes one on the selected "
		    "block, A in $EDITOR)");
		unload(s);
		return -1;
	}
	v->sel = 0;
	return 0;
}

static void
notes_close(struct view *v)
{
	unload(v->priv);
}

static void
notes_layout(struct view *v)
{
	v->nlines = ((struct notes *)v->priv)->nrows;
}

/* Columns of DOC#ANCHOR in the list. */
static int
where_cols(const struct view *v)
{
	const struct notes *s = v->priv;

	return s->where_w < v->width / 3 ? s->where_w : v->width / 3;
}

/* Whether the row's line cuts the note (or its place): more lines than
 * the first, or wider than what is left of the row. */
static int
row_cut(const struct view *v, const struct row *r)
{
	int x = 4 + where_cols(v) + 2;

	if (r->flag[0] != '\0')
		x += display_width(r->flag) + 1;
	return strchr(r->body, '\n') != NULL || display_width(r->where) >
	    where_cols(v) || display_width(r->first) > v->width - x - 1;
}

static void
notes_draw_line(struct view *v, WINDOW *w, int y, size_t line, int sel)
{
	struct notes *s = v->priv;
	const struct row *r = &s->rows[line];
	attr_t base = sel ? display_elem(DE_SELECTED) : A_NORMAL;
	int ww = where_cols(v);
	const char *mark = review_mark(r->slug, r->anchor);
	int x = mark[0] != '\0' ? 4 : 1;	/* two columns, a blank */

	draw_str(w, y, 1, mark, 2, base);
	draw_str(w, y, x, r->where, ww, sel ? base : display_elem(DE_ANCHOR));
	x += ww + 2;
	if (r->flag[0] != '\0' && x < v->width - 1) {
		x += draw_str(w, y, x, r->flag, v->width - x - 1, sel ? base :
		    display_elem(r->note ? DE_ERROR : DE_DIM)) + 1;
	}
	if (x < v->width - 1)
		draw_str(w, y, x, r->first, v->width - x - 1, base);
}

static void
notes_status(struct view *v, struct buf *l, struct buf *r)
{
	struct notes *s = v->priv;
	const struct row *row = v->sel >= 0 && (size_t)v->sel < s->nrows ?
	    &s->rows[v->sel] : NULL;

	buf_printf(l, "notes: %zu note%s", s->nn, s->nn == 1 ? "" : "s");
	if (s->nd > 0)
		buf_printf(l, ", %zu unsaved", s->nd);
	if (row != NULL && row->note != NULL)
		buf_printf(l, " | %s%s%s", row->note->created,
		    row->note->edited ? ", edited " : "",
		    row->note->edited ? row->note->edited : "");
	buf_printf(r, "%ld/%zu", v->sel + 1, s->nrows);
}

/* <Enter>: the block in the pager (this view waits on the jump stack);
 * a draft opens the note prompt there. */
static void
follow_block(const char *slug0, const char *anchor0, int seq, int draft)
{
	char *slug, *anchor;

	if (seq < 0) {
		view_error("%s#%s is no longer in the document (orphaned)",
		    slug0, anchor0);
		return;
	}
	slug = xstrdup(slug0);
	anchor = xstrdup(anchor0);
	if (pager_open(slug, anchor, 1) == 0 && draft)
		review_note_prompt(slug, anchor);
	free(slug);
	free(anchor);
}

static void
follow(const struct row *r)
{
	follow_block(r->slug, r->anchor, r->seq, r->note == NULL);
}

static int
notes_key(struct view *v, enum action a, bkey k)
{
	struct notes *s = v->priv;
	const struct row *r;

	if (v->sel < 0 || (size_t)v->sel >= s->nrows)
		return 0;
	r = &s->rows[v->sel];
	switch (a) {
	case ACT_FOLLOW:
		if (row_cut(v, r))
			view_push(&notepop_ops, r);
		else
			follow(r);
		return 1;
	case ACT_NOTE_EDITOR:
		if (r->note == NULL)
			return 0;	/* a draft: the editor goes on with it */
		review_note_edit(r->note);
		return 1;
	default:
		return 0;
	}
}

static int
notes_select(struct view *v, const char **slug, int *seq)
{
	struct notes *s = v->priv;
	const struct row *r;

	if (v->sel < 0 || (size_t)v->sel >= s->nrows)
		return -1;
	r = &s->rows[v->sel];
	*slug = r->slug;
	*seq = r->seq;
	return r->seq >= 0 ? 0 : -1;
}

/* Back from a jump: notes may have been written meanwhile (a draft
 * followed opens the note prompt), so load again and keep the same
 * block selected when it is still listed. */
static int
notes_resume(struct view *v)
{
	struct notes *s = v->priv;
	char *where = v->sel >= 0 && (size_t)v->sel < s->nrows ?
	    xstrdup(s->rows[v->sel].where) : NULL;

	unload(s);
	load(s);
	if (v->sel >= (long)s->nrows)
		v->sel = s->nrows > 0 ? (long)s->nrows - 1 : 0;
	for (size_t i = 0; where != NULL && i < s->nrows; i++)
		if (strcmp(s->rows[i].where, where) == 0) {
			v->sel = (long)i;
			break;
		}
	free(where);
	return s->nrows > 0 ? 0 : -1;
}

void
notes_view_reload(void)
{
	struct view *v = view_find(&notes_ops);
	struct notes *s;

	if (v == NULL)
		return;
	s = v->priv;
	unload(s);
	load(s);
	v->nlines = s->nrows;
	if (v->sel >= (long)s->nrows)
		v->sel = s->nrows > 0 ? (long)s->nrows - 1 : 0;
}

/* --- A note whole ------------------------------------------------------ */

#define NOTEPOP_HINT	"Enter goes to the block, q closes"

struct notepop {
	char		*slug, *anchor, *title;
	char		*text;		/* sanitised, lines kept */
	int		 seq, draft;
	struct lline	*lines;
	size_t		 n, cap;
};

static int
notepop_open(struct view *v, const void *arg)
{
	struct notepop *p = v->priv;
	const struct row *r = arg;

	p->slug = xstrdup(r->slug);
	p->anchor = xstrdup(r->anchor);
	p->seq = r->seq;
	p->draft = r->note == NULL;
	p->title = xasprintf("%s on %s", p->draft ? "Draft" : "Note",
	    r->where);
	p->text = sanitize_text(r->body, strlen(r->body), SAN_KEEP_NEWLINE);
	view_message(NOTEPOP_HINT);
	return 0;
}

static void
notepop_close(struct view *v)
{
	struct notepop *p = v->priv;

	layout_free(p->lines, p->n);
	free(p->slug);
	free(p->anchor);
	free(p->title);
	free(p->text);
}

static void
notepop_layout(struct view *v)
{
	struct notepop *p = v->priv;
	struct layout_opts o = { .width = v->width, .ascii = view_ascii(),
	    .short_urls = 1 };
	struct block b = { .kind = BK_PARAGRAPH, .parent = -1, .seq = -1 };

	layout_free(p->lines, p->n);
	p->lines = NULL;
	p->n = p->cap = 0;
	b.text = p->text;
	layout_block(&b, &o, &p->lines, &p->n, &p->cap);
	v->nlines = p->n;
}

static void
notepop_draw(struct view *v, WINDOW *w)
{
	struct notepop *p = v->priv;

	for (int y = 0; y < v->height && v->top + (size_t)y < p->n; y++)
		draw_lline(w, y, 0, v->width, &p->lines[v->top + (size_t)y],
		    -1);
}

static int
notepop_key(struct view *v, enum action a, bkey k)
{
	struct notepop *p = v->priv;

	switch (a) {
	case ACT_BACK:
		view_pop();
		return 1;
	case ACT_FOLLOW:
		follow_block(p->slug, p->anchor, p->seq, p->draft);
		return 1;
	default:
		return 0;
	}
}

static void
notepop_status(struct view *v, struct buf *l, struct buf *r)
{
	struct notepop *p = v->priv;

	buf_printf(l, "%s%s%s", p->slug, view_ascii() ? " > " : " › ",
	    p->anchor);
	buf_adds(r, "q closes");
}

static const char *
notepop_title(struct view *v)
{
	return ((struct notepop *)v->priv)->title;
}

static const struct view_ops notepop_ops = {
	.name = "note",
	.ctx = CTX_NOTES,
	.size = sizeof(struct notepop),
	.flags = VIEW_POPUP,
	.open = notepop_open,
	.close = notepop_close,
	.layout = notepop_layout,
	.draw = notepop_draw,
	.key = notepop_key,
	.status = notepop_status,
	.title = notepop_title,
};

const struct view_ops notes_ops = {
	.name = "notes",
	.ctx = CTX_NOTES,
	.size = sizeof(struct notes),
	.open = notes_open,
	.close = notes_close,
	.layout = notes_layout,
	.draw_line = notes_draw_line,
	.key = notes_key,
	.status = notes_status,
	.select = notes_select,
	.resume = notes_resume,
};
