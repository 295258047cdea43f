/* view-themes.c: the themes list (`t`): each theme's name, its counts of
 * recommendations, paragraphs and footnotes (and how many are done, with
 * a review store) and its description.  <Enter> opens the theme
 * (view-theme.c).  It owns the array from bdb_themes.  themes_view_init()
 * hooks the `themes` action for every view, and `+`/`-` (tag-add,
 * tag-remove): a personal tag on the selected block. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "view-themes.h"

struct themes {
	struct theme	*v;
	size_t		 n;
	int		 name_w;	/* widest name, for the column */
	char		*first_msg;	/* themes.conf's first message */
	int		 nmsgs;
};

/* themes.conf messages: the first one goes to the message line, with
 * the file's base name (the line is narrow; brief themes gives paths). */
static void
conf_msg(void *arg, enum diag_level l, const char *file, int line, int col,
    const char *msg)
{
	struct themes *s = arg;

	if (file != NULL && strrchr(file, '/') != NULL)
		file = strrchr(file, '/') + 1;
	if (s->nmsgs++ == 0)
		s->first_msg = line > 0 ? xasprintf("%s:%d: %s", file, line,
		    msg) : xasprintf("%s%s%s", file ? file : "",
		    file ? ": " : "", msg);
}

static void
report_conf(struct themes *s)
{
	if (s->nmsgs == 0)
		return;
	if (s->nmsgs == 1)
		view_error("%s", s->first_msg);
	else
		view_error("%s (and %d more: brief themes lists them)",
		    s->first_msg, s->nmsgs - 1);
}

static int
themes_open(struct view *v, const void *arg)
{
	struct themes *s = v->priv;
	struct diag d = { .fn = conf_msg, .arg = s };

	bdb_themes_sync(view_db(), &d);
	report_conf(s);
	free(s->first_msg);
	s->first_msg = NULL;
	if (bdb_themes(view_db(), &s->v, &s->n) != BDB_OK || s->n == 0) {
		bdb_themes_free(s->v, s->n);
		view_message("No themes (see ~/.config/brief/themes.conf)");
		return -1;
	}
	for (size_t i = 0; i < s->n; i++) {
		int w = display_width(s->v[i].name);

		if (w > s->name_w)
			s->name_w = w;
	}
	v->sel = 0;
	return 0;
}

static void
themes_close(struct view *v)
{
	struct themes *s = v->priv;

	bdb_themes_free(s->v, s->n);
}

static void
themes_layout(struct view *v)
{
	struct themes *s = v->priv;

	v->nlines = s->n;
}

static char *
counts(const struct theme *t)
{
	char *c = xasprintf("%3d rec %3d par %3d fn", t->nrecs, t->nparas,
	    t->nfootnotes), *d;

	if (t->ndone < 0)
		return c;
	d = xasprintf("%s %3d done", c, t->ndone);
	free(c);
	return d;
}

/* Columns of the name: the widest, up to half the width. */
static int
name_cols(const struct view *v)
{
	const struct themes *s = v->priv;
	int cap = v->width / 2 - 6 > 8 ? v->width / 2 - 6 : 8;

	return s->name_w < cap ? s->name_w : cap;
}

/* Whether the line cuts the theme's name or description (the counts
 * fit or nothing after them shows). */
static int
line_cut(const struct view *v, const struct theme *t)
{
	char *c = counts(t);
	int x = 1 + name_cols(v) + 2 + display_width(c) + 2;

	free(c);
	return display_width(t->name) > name_cols(v) ||
	    (t->description[0] != '\0' &&
	    display_width(t->description) > v->width - x - 1);
}

static void
themes_draw_line(struct view *v, WINDOW *w, int y, size_t line, int sel)
{
	struct themes *s = v->priv;
	const struct theme *t = &s->v[line];
	attr_t base = sel ? display_elem(DE_SELECTED) : A_NORMAL;
	attr_t dim = sel ? base : display_elem(DE_DIM);
	int nw = name_cols(v);
	int empty = t->nrecs + t->nparas + t->nfootnotes == 0;
	char *c = counts(t);
	int x = 1 + nw + 2;

	draw_str(w, y, 1, t->name, nw, base | A_BOLD);
	if (x < v->width - 1)
		x += draw_str(w, y, x, c, v->width - x - 1, empty ? dim : base);
	x += 2;
	if (x < v->width - 1)
		draw_str(w, y, x, t->description, v->width - x - 1, dim);
	free(c);
}

static int
themes_key(struct view *v, enum action a, bkey k)
{
	struct themes *s = v->priv;

	const struct theme *t;

	if (a != ACT_FOLLOW || v->sel < 0 || (size_t)v->sel >= s->n)
		return 0;
	t = &s->v[v->sel];
	/* The theme's view names it on the status line, which may cut
	 * too: what the list cut goes whole to the message (it wraps). */
	if (view_push(&theme_ops, t->slug) != NULL && line_cut(v, t))
		view_message("%s%s%s", t->name, t->description[0] ? ": " :
		    "", t->description);
	return 1;
}

static void
themes_status(struct view *v, struct buf *l, struct buf *r)
{
	struct themes *s = v->priv;

	buf_printf(l, "themes");
	if (v->sel >= 0 && (size_t)v->sel < s->n)
		buf_printf(l, " › %s", s->v[v->sel].slug);
	buf_printf(r, "%ld/%zu", v->sel + 1, s->n);
}

const struct view_ops themes_ops = {
	.name = "themes",
	.ctx = CTX_THEMES,
	.size = sizeof(struct themes),
	.open = themes_open,
	.close = themes_close,
	.layout = themes_layout,
	.draw_line = themes_draw_line,
	.key = themes_key,
	.status = themes_status,
};

/* `t` from any view: the list, or back to it when it is open. */
static int
open_themes(struct view *top, enum action a, bkey k)
{
	struct view *v = view_find(&themes_ops);

	if (v != NULL)
		view_pop_to(v);
	else
		view_push(&themes_ops, NULL);
	return 1;
}

static void
no_theme(const char *name)
{
	char *near = bdb_theme_nearest(view_db(), name);

	view_error("No theme '%s'%s%s%s (t lists them)", name, near ?
	    "; nearest: " : "", near ? near : "", "");
	free(near);
}

/* A yes from the keyboard to question (y, else no). */
static int
confirm(const char *question)
{
	bkey	k;
	int	got;

	view_message("%s (y/n)", question);
	got = view_read_key(&k);	/* the one input loop of prompts */
	view_clear_message();
	return got && (k == 'y' || k == 'Y');
}

/* A name no theme has: a personal tag of that name, if it is one
 * (letters, digits, '-') and the user says so. */
static int
personal_ok(const char *name)
{
	char *q;
	int yes;

	if (name[0] == '\0' || strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "0123456789-") != strlen(name))
		return 0;
	q = xasprintf("No theme '%s': make it a personal tag?", name);
	yes = confirm(q);
	free(q);
	return yes;
}

/* `+` and `-` on the selected block of any view: a personal tag in the
 * review store (the rules' tags in the index are never changed). */
static int
tag_selected(int remove)
{
	static struct prompt_history hist;
	const char *slug;
	struct doc d = { 0 };
	struct theme t = { 0 };
	char *theme = NULL, *err = NULL;
	int seq, rc;

	if (view_selection(&slug, &seq) != 0) {
		view_error("No block here to tag");
		return 1;
	}
	if (!prompt_read(remove ? "Take off theme: " : "Tag with theme: ",
	    &hist, &theme))
		return 1;
	if ((rc = bdb_theme(view_db(), theme, &t)) != BDB_OK &&
	    (remove || personal_ok(theme))) {
		bdb_theme_clear(&t);
		memset(&t, 0, sizeof t);
		t.name = xstrdup(theme);	/* a personal tag of that name */
		rc = BDB_OK;
	}
	if (rc != BDB_OK)
		no_theme(theme);
	else if (bdb_load(view_db(), slug, &d) != BDB_OK ||
	    seq < 0 || (size_t)seq >= d.nblocks)
		view_error("Cannot load %s", slug);
	else {
		rc = (remove ? bdb_tag_remove : bdb_tag_add)(view_db(), slug,
		    d.blocks[seq].anchor, theme, &err);
		if (rc == BDB_OK)
			view_message("%s %s#%s %s %s", remove ? "Took" : "Tagged",
			    slug, d.blocks[seq].anchor, remove ? "off" : "with",
			    t.name);
		else
			view_error("%s", err ? err : "Cannot tag");
	}
	free(err);
	free(theme);
	doc_clear(&d);
	bdb_theme_clear(&t);
	return 1;
}

static int
tag_add(struct view *top, enum action a, bkey k)
{
	return tag_selected(0);
}

static int
tag_remove(struct view *top, enum action a, bkey k)
{
	return tag_selected(1);
}

void
themes_view_init(void)
{
	view_on_action(ACT_THEMES, open_themes);
	view_on_action(ACT_TAG_ADD, tag_add);
	view_on_action(ACT_TAG_REMOVE, tag_remove);
}
