/* view-filter.c: less's & for the lists and the help: a view over the
 * view below it showing only its lines that hold a text (&!: that do
 * not), drawn by that view's own draw_line.  <Enter> selects the line in
 * the view below, closes the filter and follows it there; q goes back to
 * the whole list.  It owns the pattern and the map of lines shown.
 * filter_view_init() (views.def, after search-ui.c, which takes & in the
 * pager) hooks & for every other view. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "view.h"

#define LINE_MAX_BYTES	2048

struct filter {
	struct view	*base;
	char		*pat;
	int		 invert;
	size_t		*map;		/* shown line -> the base's line */
	size_t		 n;
};

static int
filter_open(struct view *v, const void *arg)
{
	const struct filter_arg *a = arg;
	struct filter *f = v->priv;
	char text[LINE_MAX_BYTES];

	f->base = a->base;
	f->invert = a->invert;
	f->pat = xstrdup(a->pattern);
	f->map = xreallocarray(NULL, f->base->nlines + 1, sizeof *f->map);
	for (size_t i = 0; i < f->base->nlines; i++) {
		view_line_text(f->base, i, text, sizeof text);
		if (view_text_holds(text, f->pat) != f->invert)
			f->map[f->n++] = i;
	}
	if (f->n == 0) {
		view_message("No line %s %s", f->invert ? "without" : "with",
		    f->pat);
		free(f->map);
		free(f->pat);
		return -1;
	}
	v->sel = f->base->sel >= 0 ? 0 : VIEW_NOSEL;
	return 0;
}

static void
filter_close(struct view *v)
{
	struct filter *f = v->priv;

	free(f->map);
	free(f->pat);
}

static void
filter_layout(struct view *v)
{
	struct filter *f = v->priv;

	v->nlines = f->n;
}

/* The base's line, drawn by the base (its selection moved there). */
static void
filter_draw_line(struct view *v, WINDOW *w, int y, size_t line, int sel)
{
	struct filter *f = v->priv;
	long keep = f->base->sel;

	if (f->base->ops->draw_line == NULL) {
		char text[LINE_MAX_BYTES];

		view_line_text(f->base, f->map[line], text, sizeof text);
		draw_str(w, y, 0, text, v->width, sel ?
		    display_elem(DE_SELECTED) : A_NORMAL);
		return;
	}
	if (sel)
		f->base->sel = (long)f->map[line];
	f->base->ops->draw_line(f->base, w, y, f->map[line], sel);
	f->base->sel = keep;
}

/* <Enter>: the line is selected below and followed there. */
static int
filter_key(struct view *v, enum action a, bkey k)
{
	struct filter *f = v->priv;
	struct view *base = f->base;
	size_t line;

	if (a != ACT_FOLLOW || v->nlines == 0)
		return 0;
	line = f->map[v->sel >= 0 ? (size_t)v->sel : v->top];
	view_show_line(base, line);
	view_pop();			/* v is gone */
	if (base->ops->key != NULL)
		base->ops->key(base, ACT_FOLLOW, k);
	return 1;
}

static void
filter_status(struct view *v, struct buf *l, struct buf *r)
{
	struct filter *f = v->priv;

	buf_printf(l, "%s: &%s %s", f->base->ops->name, f->invert ? "!" : "",
	    f->pat);
	if (v->sel >= 0)
		buf_printf(r, "%ld/%zu of %zu", v->sel + 1, f->n,
		    f->base->nlines);
}

/* The block behind a line, as the view below says. */
static int
filter_select(struct view *v, const char **slug, int *seq)
{
	struct filter *f = v->priv;
	long keep = f->base->sel;
	int rc;

	if (f->base->ops->select == NULL || v->sel < 0)
		return -1;
	f->base->sel = (long)f->map[v->sel];
	rc = f->base->ops->select(f->base, slug, seq);
	f->base->sel = keep;
	return rc;
}

struct view *
filter_base(struct view *v)
{
	return ((struct filter *)v->priv)->base;
}

const struct view_ops filter_ops = {
	.name = "filter",
	.ctx = CTX_GENERIC,
	.size = sizeof(struct filter),
	.open = filter_open,
	.close = filter_close,
	.layout = filter_layout,
	.draw_line = filter_draw_line,
	.key = filter_key,
	.status = filter_status,
	.select = filter_select,
};

/* & in a list or the help: a view of its lines holding a text (&!: not
 * holding it); & on a filter filters the list again. */
static int
on_filter(struct view *v, enum action a, bkey k)
{
	struct filter_arg fa = { .base = v };
	char *pat;

	if (!prompt_read("&", view_history(), &pat))
		return 1;
	if (v->ops == &filter_ops) {	/* again from the whole list */
		fa.base = filter_base(v);
		view_pop();
	}
	fa.invert = pat[0] == '!';
	fa.pattern = pat + fa.invert;
	if (fa.pattern[0] != '\0' && fa.base->nlines > 0)
		view_push(&filter_ops, &fa);
	free(pat);
	return 1;
}

void
filter_view_init(void)
{
	view_on_action(ACT_FILTER, on_filter);
}
