/* view-search.c: the search results view.  Each hit of a search_run
 * (view-search.h) takes two lines: "doc#anchor  breadcrumb", then the
 * snippet, indented, with the matched terms highlighted (the hit's marks
 * become LA_MATCH runs through layout_block, which also sanitises).  The
 * selection is a hit (v->sel is its first line); <Enter> opens it in the
 * pager through search_open_hit (search-ui.c), a jump that suspends
 * this view until <Backspace>; n and N walk the hits.
 *
 * The view owns its run; the status line says "N hits for QUERY". */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "view-search.h"

#define HIT_LINES	2
#define SNIPPET_INDENT	4
#define ELLIPSIS	"..."

struct results {
	struct search_run *run;
};

void
search_run_free(struct search_run *r)
{
	if (r == NULL)
		return;
	free(r->query);
	free(r->theme);
	free(r->theme_name);
	bdb_hits_free(r->hits, r->nalloc);
	free(r);
}

static struct search_run *
run_of(struct view *v)
{
	return ((struct results *)v->priv)->run;
}

const struct search_run *
search_view_run(struct view *v)
{
	return run_of(v);
}

static size_t
sel_hit(const struct view *v)
{
	return v->sel > 0 ? (size_t)v->sel / HIT_LINES : 0;
}

static int
search_open(struct view *v, const void *arg)
{
	struct results *s = v->priv;
	struct search_run *r = (struct search_run *)arg;

	if (r == NULL || r->n == 0)
		return -1;
	s->run = r;
	v->sel = 0;
	return 0;
}

static void
search_close(struct view *v)
{
	search_run_free(run_of(v));
}

static void
search_layout(struct view *v)
{
	v->nlines = run_of(v)->n * HIT_LINES;
	if (v->sel >= 0)
		v->sel -= v->sel % HIT_LINES;
}

/* --- Drawing ---------------------------------------------------------- */

static void
draw_head(struct view *v, WINDOW *w, int y, const struct hit *h, int sel)
{
	attr_t base = sel ? display_elem(DE_SELECTED) : A_NORMAL;
	char *where = xasprintf("%s#%s", h->slug, h->anchor);
	const char *crumb = *h->breadcrumb ? h->breadcrumb :
	    strcmp(h->kind, "bullet") == 0 ? "recommendation" : h->kind;
	int x = 1;

	x += draw_str(w, y, x, where, v->width - x - 1,
	    sel ? base : display_elem(DE_ANCHOR));
	if (x + 2 < v->width - 1)
		draw_str(w, y, x + 2, crumb, v->width - x - 3,
		    sel ? base : display_elem(DE_DIM));
	free(where);
}

/* Bytes to skip at the start of the snippet (at a word) so that its
 * first match shows: it ends within two thirds of avail columns. */
static size_t
snippet_skip(const struct hit *h, int avail)
{
	size_t m0 = h->nmarks > 0 ? h->marks[0][0] : 0, s = 0;
	size_t m1 = h->nmarks > 0 ? h->marks[0][1] : 0;
	char *pre;
	int w;

	for (;;) {
		pre = xstrndup(h->snippet + s, m1 - s);
		w = display_width(pre) + (s ? 3 : 0);
		free(pre);
		if (w <= (s ? avail * 2 / 3 : avail) || s >= m0)
			return s;
		s += strcspn(h->snippet + s, " ");
		s += strspn(h->snippet + s, " ");
		if (s > m0)
			s = m0;
	}
}

/* The snippet as layout lines (one, as wide as it is) with its marks
 * as LA_MATCH runs; *n gets how many to free. */
static struct lline *
snippet_line(const struct hit *h, int avail, size_t *n)
{
	size_t skip = snippet_skip(h, avail), pre = skip ? strlen(ELLIPSIS) : 0;
	uint32_t (*m)[2] = xreallocarray(NULL, h->nmarks + 1, sizeof *m);
	struct layout_opts o = { .width = 1 << 20, .ascii = view_ascii() };
	struct block b = { .kind = BK_PARAGRAPH, .parent = -1 };
	struct lline *l = NULL;
	size_t cap = 0;

	*n = 0;
	b.text = xasprintf("%s%s", skip ? ELLIPSIS : "", h->snippet + skip);
	for (size_t i = 0; i < h->nmarks; i++) {
		m[i][0] = (uint32_t)(h->marks[i][0] - skip + pre);
		m[i][1] = (uint32_t)(h->marks[i][1] - skip + pre);
	}
	o.match = (const uint32_t (*)[2])m;
	o.nmatch = h->nmarks;
	layout_block(&b, &o, &l, n, &cap);
	free(b.text);
	free(m);
	return l;
}

/* Matches stay highlighted on the selection bar. */
static attr_t
snippet_attr(unsigned la, int sel)
{
	if (la & LA_MATCH)
		return display_run_attr(LA_MATCH, 0) | (sel ? A_BOLD : 0);
	return sel ? display_elem(DE_SELECTED) : A_NORMAL;
}

static void
draw_snippet(struct view *v, WINDOW *w, int y, const struct hit *h, int sel)
{
	int x = SNIPPET_INDENT, avail = v->width - x - 1, cut;
	struct lline *l;
	size_t n;

	if (sel)
		draw_fill(w, y, 0, display_elem(DE_SELECTED));
	if (avail <= 0)
		return;
	l = snippet_line(h, avail, &n);
	cut = l->width > avail;		/* then it ends with an ellipsis */
	for (size_t i = 0; i < l->nruns && x < v->width - 1 - cut; i++)
		x += draw_clean(w, y, x, l->text + l->runs[i].off,
		    l->runs[i].len, v->width - x - 1 - cut,
		    snippet_attr(l->runs[i].attr, sel));
	if (cut)
		draw_str(w, y, x, "…", 1, snippet_attr(0, sel));
	layout_free(l, n);
}

static void
search_draw_line(struct view *v, WINDOW *w, int y, size_t line, int sel)
{
	const struct search_run *r = run_of(v);
	size_t i = line / HIT_LINES;

	sel = i == sel_hit(v);
	if (line % HIT_LINES == 0)
		draw_head(v, w, y, &r->hits[i], sel);
	else
		draw_snippet(v, w, y, &r->hits[i], sel);
}

/* --- Keys ------------------------------------------------------------- */

/* Select hit i with all its lines on screen. */
static void
select_hit(struct view *v, size_t i)
{
	view_show_line(v, i * HIT_LINES + HIT_LINES - 1);
	view_show_line(v, i * HIT_LINES);
}

static int
move_sel(struct view *v, enum action a)
{
	size_t i = sel_hit(v), n = run_of(v)->n;

	if (a == ACT_LINE_DOWN)
		select_hit(v, i + 1 < n ? i + 1 : i);
	else if (a == ACT_LINE_UP)
		select_hit(v, i > 0 ? i - 1 : 0);
	else if (view_move(v, a))
		select_hit(v, sel_hit(v));
	else
		return 0;
	return 1;
}

/* n and N: the next or previous hit, wrapping as less does. */
static void
walk(struct view *v, int dir)
{
	size_t i = sel_hit(v), n = run_of(v)->n;

	if (dir > 0 && i + 1 >= n) {
		view_message("search hit BOTTOM, continuing at TOP");
		i = 0;
	} else if (dir < 0 && i == 0) {
		view_message("search hit TOP, continuing at BOTTOM");
		i = n - 1;
	} else {
		i = dir > 0 ? i + 1 : i - 1;
	}
	select_hit(v, i);
}

static void
open_selected(struct view *v)
{
	search_open_hit(run_of(v), sel_hit(v));
}

static int
search_key(struct view *v, enum action a, bkey k)
{
	switch (a) {
	case ACT_FOLLOW:	open_selected(v); return 1;
	case ACT_SEARCH_NEXT:	walk(v, 1); return 1;
	case ACT_SEARCH_PREV:	walk(v, -1); return 1;
	default:		return move_sel(v, a);
	}
}

static void
search_status(struct view *v, struct buf *l, struct buf *r)
{
	const struct search_run *run = run_of(v);

	buf_printf(l, "search%s%zu%s hit%s for %.200s",
	    view_ascii() ? " > " : " › ", run->n,
	    run->nalloc > run->n ? "+" : "", run->n == 1 ? "" : "s",
	    run->query);
	if (run->theme_name != NULL)
		buf_printf(l, " in theme %s", run->theme_name);
	buf_printf(r, "%zu/%zu", sel_hit(v) + 1, run->n);
}

static int
search_select(struct view *v, const char **slug, int *seq)
{
	const struct search_run *r = run_of(v);
	const struct hit *h;

	if (r == NULL || sel_hit(v) >= r->n)
		return -1;
	h = &r->hits[sel_hit(v)];
	*slug = h->slug;
	*seq = h->seq;
	return 0;
}

const struct view_ops search_ops = {
	.name = "search",
	.ctx = CTX_SEARCH,
	.size = sizeof(struct results),
	.open = search_open,
	.close = search_close,
	.layout = search_layout,
	.draw_line = search_draw_line,
	.key = search_key,
	.status = search_status,
	.select = search_select,
};
