/* view-team.c: the team in the reader.  team-block (w) says on the
 * message line what the others made of the selected block ("rec-2.1:
 * done by ana, flagged by jo: "check the Frontex figure""); team-view (W)
 * lists everyone else's statuses and notes, one line each, ":team
 * flagged" the blocks someone flagged, and ":team progress" each
 * person's progress over all recommendations and per theme; <Enter> goes
 * to the block.  The list owns the arrays from bdb_team_entries() or
 * bdb_team_progress().  It takes the notes view's keys (CTX_NOTES). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "review-ui.h"
#include "view.h"

enum team_mode { TM_OTHERS, TM_FLAGGED, TM_PROGRESS };
static const char *const mode_names[] = { "", "flagged", "progress" };

struct team {
	enum team_mode		 mode;
	struct bdb_team_entry	*e;
	size_t			 n;
	size_t			*rows;		/* indexes into e shown */
	size_t			 nrows;
	struct bdb_progress	*p;		/* TM_PROGRESS */
	int			 where_w;
};

static const char *
first_line(const char *s, char *buf, size_t len)
{
	size_t	n = strcspn(s, "\n");

	if (n >= len)
		n = len - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

/* --- the selected block ------------------------------------------------- */

/* "done by ana, flagged by jo: "..."": per author, the status, then the
 * first note (and how many more). */
static void
describe(struct buf *b, const struct bdb_team_entry *e, size_t n)
{
	char	line[160];

	for (size_t i = 0; i < n;) {
		size_t	j = i, notes = 0;
		const char *status = NULL, *note = NULL;

		for (; j < n && strcmp(e[j].author, e[i].author) == 0; j++) {
			if (strcmp(e[j].kind, "status") == 0)
				status = e[j].value;
			else if (strcmp(e[j].kind, "note") == 0 && notes++ == 0)
				note = e[j].value;
		}
		if (status == NULL && note == NULL) {
			i = j;
			continue;
		}
		if (b->len > 0)
			buf_adds(b, ", ");
		buf_printf(b, "%s by %s", status != NULL ? status : "a note",
		    e[i].author);
		if (note != NULL)
			buf_printf(b, ": \"%s\"", first_line(note, line,
			    sizeof line));
		if (notes > 1)
			buf_printf(b, " (+%zu more)", notes - 1);
		i = j;
	}
}

static int
on_team_block(struct view *top, enum action a, bkey k)
{
	struct bdb_team_entry	*e = NULL, *others;
	struct buf		 b = { 0 };
	const char		*slug;
	char			*anchor, *me;
	size_t			 n = 0, no = 0;
	int			 seq;

	(void)top, (void)a, (void)k;
	if (!review_on()) {
		view_error("No review store: no team to show");
		return 1;
	}
	if (view_selection(&slug, &seq) != 0 ||
	    (anchor = review_block_anchor(slug, seq)) == NULL) {
		view_error("No block selected here");
		return 1;
	}
	if (bdb_team_entries(view_db(), NULL, slug, anchor, &e, &n) !=
	    BDB_OK) {
		view_error("Cannot read the team's review");
		free(anchor);
		return 1;
	}
	me = bdb_author(view_db());
	others = xcalloc(n + 1, sizeof *others);
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].author, me) != 0)
			others[no++] = e[i];
	describe(&b, others, no);
	if (b.len == 0)
		view_message("%s: nobody else has reviewed it", anchor);
	else
		view_message("%s: %s", anchor, b.data);
	buf_free(&b);
	free(others);
	free(me);
	bdb_team_entries_free(e, n);
	free(anchor);
	return 1;
}

/* --- the list ------------------------------------------------------------- */

static int
shown(const struct team *t, const struct bdb_team_entry *e, const char *me)
{
	if (t->mode == TM_FLAGGED)
		return strcmp(e->kind, "status") == 0 &&
		    strcmp(e->value, "flagged") == 0;
	return strcmp(e->author, me) != 0 && strcmp(e->kind, "tag") != 0;
}

static void
load(struct team *t)
{
	char	*me;

	if (t->mode == TM_PROGRESS) {
		if (bdb_team_progress(view_db(), &t->p, &t->nrows) != BDB_OK)
			t->p = NULL, t->nrows = 0;
		return;
	}
	me = bdb_author(view_db());
	if (bdb_team_entries(view_db(), NULL, NULL, NULL, &t->e, &t->n) !=
	    BDB_OK)
		t->e = NULL, t->n = 0;
	t->rows = xcalloc(t->n + 1, sizeof *t->rows);
	for (size_t i = 0; i < t->n; i++) {
		char	*where;
		int	 w;

		if (!shown(t, &t->e[i], me))
			continue;
		t->rows[t->nrows++] = i;
		where = xasprintf("%s#%s", t->e[i].slug, t->e[i].anchor);
		if ((w = display_width(where)) > t->where_w)
			t->where_w = w;
		free(where);
	}
	free(me);
}

static void
unload(struct team *t)
{
	enum team_mode	mode = t->mode;

	if (mode == TM_PROGRESS)
		bdb_progress_free(t->p, t->nrows);
	bdb_team_entries_free(t->e, t->n);
	free(t->rows);
	memset(t, 0, sizeof *t);
	t->mode = mode;
}

static int
team_open(struct view *v, const void *arg)
{
	struct team *t = v->priv;

	t->mode = arg != NULL ? *(const enum team_mode *)arg : TM_OTHERS;
	load(t);
	if (t->nrows == 0) {
		view_message(t->mode == TM_FLAGGED ? "Nobody has flagged a "
		    "block" : t->mode == TM_PROGRESS ? "Nobody has reviewed "
		    "anything yet" : "Nobody else's review here yet (brief "
		    "sync DIR brings it)");
		unload(t);
		return -1;
	}
	v->sel = 0;
	return 0;
}

static void
team_close(struct view *v)
{
	unload(v->priv);
}

static void
team_layout(struct view *v)
{
	v->nlines = ((struct team *)v->priv)->nrows;
}

/* "ana   asylum   2 recs: 1 done, 0 flagged, 1 read, 0 unread; 1 note" */
static void
progress_line(struct view *v, WINDOW *w, int y, const struct bdb_progress *p,
    int sel)
{
	attr_t	 base = sel ? display_elem(DE_SELECTED) : A_NORMAL;
	char	*s = xasprintf("%-16s %-22s %3d recs: %d done, %d flagged, "
	    "%d read, %d unread; %d note%s", p->author, p->key[0] != '\0' ?
	    p->key : "(all)", p->total, p->count[RS_DONE],
	    p->count[RS_FLAGGED], p->count[RS_READ], p->count[RS_UNREAD],
	    p->notes, p->notes == 1 ? "" : "s");

	draw_str(w, y, 1, s, v->width - 2, base);
	free(s);
}

static void
team_draw_line(struct view *v, WINDOW *w, int y, size_t line, int sel)
{
	struct team			*t = v->priv;
	const struct bdb_team_entry	*e;
	attr_t	 base = sel ? display_elem(DE_SELECTED) : A_NORMAL;
	int	 ww = t->where_w < v->width / 3 ? t->where_w : v->width / 3;
	char	*where, buf[256];
	int	 x = 1;

	if (t->mode == TM_PROGRESS) {
		progress_line(v, w, y, &t->p[line], sel);
		return;
	}
	e = &t->e[t->rows[line]];
	where = xasprintf("%s#%s", e->slug, e->anchor);

	x += draw_str(w, y, x, where, ww, sel ? base :
	    display_elem(DE_ANCHOR));
	x = 1 + ww + 2;
	if (x < v->width - 1)
		x += draw_str(w, y, x, e->author, v->width - x - 1, sel ? base :
		    display_elem(DE_DIM)) + 1;
	if (x < v->width - 1)
		x += draw_str(w, y, x, strcmp(e->kind, "note") == 0 ?
		    (e->copy ? "note (conflict copy):" : "note:") : e->value,
		    v->width - x - 1, base) + 1;
	if (strcmp(e->kind, "note") == 0 && x < v->width - 1)
		draw_str(w, y, x, first_line(e->value, buf, sizeof buf),
		    v->width - x - 1, base);
	free(where);
}

static void
team_status(struct view *v, struct buf *l, struct buf *r)
{
	struct team *t = v->priv;

	buf_printf(l, "team: %s", t->mode == TM_FLAGGED ? "blocks someone "
	    "flagged" : t->mode == TM_PROGRESS ? "progress per person and "
	    "theme" : "everyone else's statuses and notes");
	buf_printf(r, "%ld/%zu", v->sel + 1, t->nrows);
}

static const struct bdb_team_entry *
row(struct view *v)
{
	struct team *t = v->priv;

	if (t->mode == TM_PROGRESS || v->sel < 0 ||
	    (size_t)v->sel >= t->nrows)
		return NULL;
	return &t->e[t->rows[v->sel]];
}

static int
team_key(struct view *v, enum action a, bkey k)
{
	const struct bdb_team_entry	*e = row(v);
	char				*slug, *anchor;

	(void)k;
	if (e == NULL || a != ACT_FOLLOW)
		return 0;
	if (e->seq < 0) {
		view_error("%s#%s is no longer in the document (orphaned)",
		    e->slug, e->anchor);
		return 1;
	}
	slug = xstrdup(e->slug);
	anchor = xstrdup(e->anchor);
	pager_open(slug, anchor, 1);
	free(slug);
	free(anchor);
	return 1;
}

static int
team_select(struct view *v, const char **slug, int *seq)
{
	const struct bdb_team_entry *e = row(v);

	if (e == NULL || e->seq < 0)
		return -1;
	*slug = e->slug;
	*seq = e->seq;
	return 0;
}

static int
team_resume(struct view *v)
{
	struct team *t = v->priv;

	unload(t);
	load(t);
	if (v->sel >= (long)t->nrows)
		v->sel = t->nrows > 0 ? (long)t->nrows - 1 : 0;
	return t->nrows > 0 ? 0 : -1;
}

const struct view_ops team_ops = {
	.name = "team",
	.ctx = CTX_NOTES,
	.size = sizeof(struct team),
	.open = team_open,
	.close = team_close,
	.layout = team_layout,
	.draw_line = team_draw_line,
	.key = team_key,
	.status = team_status,
	.select = team_select,
	.resume = team_resume,
};

static void
open_team(enum team_mode mode)
{
	struct view *v;

	if (!review_on()) {
		view_error("No review store: no team to show");
		return;
	}
	/* The two lists are one view: a new one replaces the old. */
	if ((v = view_find(&team_ops)) != NULL)
		view_pop_to(v), view_pop();
	view_push(&team_ops, &mode);
}

static int
on_team_view(struct view *top, enum action a, bkey k)
{
	(void)top, (void)a, (void)k;
	open_team(TM_OTHERS);
	return 1;
}

static int
cmd_team(const char *arg)
{
	for (size_t i = 0; i < sizeof mode_names / sizeof mode_names[0]; i++)
		if (strcmp(arg, mode_names[i]) == 0) {
			open_team((enum team_mode)i);
			return 0;
		}
	view_error("team: 'team', 'team flagged' or 'team progress'");
	return -1;
}

void
team_view_init(void)
{
	view_on_action(ACT_TEAM_BLOCK, on_team_block);
	view_on_action(ACT_TEAM_VIEW, on_team_view);
	view_on_command("team", "team [flagged|progress]: everyone else's "
	    "statuses and notes, the blocks someone flagged, or progress per "
	    "person and theme", cmd_team);
}
