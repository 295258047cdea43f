/* view-help.c: every action with its keys in the active keymap, from the
 * one table of actions (actions.def) and keymap_keys_for, grouped by where
 * it applies: everywhere, then each view, then the prompt; then the ':'
 * commands.  An action with no key shows "(no key)", so its name can be
 * bound in ~/.config/brief/keys.  It owns an array of rows and their
 * display lines for the width: keys and descriptions wrap, never cut. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "view.h"

enum hrow_kind { HR_HEADER, HR_ACTION, HR_COMMAND, HR_BLANK };

struct hrow {
	enum hrow_kind	 kind;
	unsigned	 ctx;
	enum action	 action;
	const char	*text;		/* header or command usage */
};

struct hline;

struct help {
	struct hrow	*r;
	size_t		 n;
	char		*heads[CTX_COUNT];	/* section titles */
	struct hline	*l;		/* rows laid out for the width */
	size_t		 nl;
	int		 kw, nw;	/* widths of the key, name columns */
};

static void
add(struct help *h, enum hrow_kind kind, unsigned ctx, enum action a,
    const char *text)
{
	h->r = xreallocarray(h->r, h->n + 1, sizeof *h->r);
	h->r[h->n++] = (struct hrow){ kind, ctx, a, text };
}

/* The context to look keys up in: a view's own with the generic ones. */
static unsigned
lookup_ctx(unsigned ctx)
{
	return ctx == CTX_PROMPT || ctx == CTX_GENERIC ? ctx :
	    ctx | CTX_GENERIC;
}

static const char *
section_title(struct help *h, int i)
{
	unsigned ctx = 1u << i;

	if (h->heads[i] == NULL)
		h->heads[i] = ctx == CTX_GENERIC ? xstrdup("Everywhere") :
		    ctx == CTX_PROMPT ?
		    xstrdup("In the prompt (other keys are typed)") :
		    xasprintf("In the %s view", context_name(ctx));
	return h->heads[i];
}

static void
add_section(struct help *h, int i)
{
	unsigned ctx = 1u << i;
	int any = 0;

	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		unsigned c = action_contexts((enum action)a);

		if (!(c & ctx) || (ctx != CTX_GENERIC && (c & CTX_GENERIC)))
			continue;
		if (!any)
			add(h, HR_HEADER, ctx, ACT_NONE, section_title(h, i));
		add(h, HR_ACTION, ctx, (enum action)a, NULL);
		any = 1;
	}
	if (any)
		add(h, HR_BLANK, 0, ACT_NONE, NULL);
}

static void	lines_free(struct help *);

/* What less and vim habits do here (the default keymap; brief(1) has
 * the same table). */
static const char *const habits[] = {
	"/ ? n N: the same, search the document (/ a list or this help);",
	"    S searches every briefing",
	"& PATTERN: the same, only the blocks matching",
	"m x, ' x: the same, set and jump to a mark (kept)",
	"g G: the same (vi keymap: g g, G)",
	"=: the same, the lines on screen and how far in",
	"h: help (vi keymap: back); R, C-l: redraw",
	"q: back or close the view, quit from the document; Q: quit",
	"y: copy (yank) the link or the current block",
	"s ! + -: nothing; the review keys are c and the , prefix",
	"C-c: never quits (Q does); leaves a prompt, stops a search",
	"C-o C-i (vi keymap): the same, back and forward",
	"Esc: close a popup or view, nothing in the document",
};

static int
help_open(struct view *v, const void *arg)
{
	struct help *h = v->priv;
	const char *u;

	hint_seen();
	for (int i = 0; i < CTX_COUNT; i++)
		add_section(h, i);
	add(h, HR_HEADER, 0, ACT_NONE, "Commands (type : first)");
	for (size_t i = 0; (u = view_command_usage(i)) != NULL; i++)
		add(h, HR_COMMAND, 0, ACT_NONE, u);
	add(h, HR_BLANK, 0, ACT_NONE, NULL);
	add(h, HR_HEADER, 0, ACT_NONE, "less and vim keys in brief");
	for (size_t i = 0; i < sizeof habits / sizeof habits[0]; i++)
		add(h, HR_COMMAND, 0, ACT_NONE, habits[i]);
	return 0;
}

static void
help_close(struct view *v)
{
	struct help *h = v->priv;

	for (int i = 0; i < CTX_COUNT; i++)
		free(h->heads[i]);
	free(h->r);
	lines_free(h);
}

/* One display row: up to three columns (keys, action, description) or
 * one text from x; the strings are owned. */
struct hline {
	enum hrow_kind	 kind;
	char		*col[3];
	int		 x;		/* HR_HEADER, HR_COMMAND: the column */
};

static void
lines_free(struct help *h)
{
	for (size_t i = 0; i < h->nl; i++)
		for (int c = 0; c < 3; c++)
			free(h->l[i].col[c]);
	free(h->l);
	h->l = NULL;
	h->nl = 0;
}

static struct hline *
line_add(struct help *h, enum hrow_kind kind)
{
	h->l = xreallocarray(h->l, h->nl + 1, sizeof *h->l);
	memset(&h->l[h->nl], 0, sizeof h->l[0]);
	h->l[h->nl].kind = kind;
	return &h->l[h->nl++];
}

/* The next row of *s at width columns (a new string); *s moves on. */
static char *
take_row(const char **s, int width)
{
	size_t n = display_wrap_end(*s, width);
	char *row;

	if (n == 0)
		n = strlen(*s);
	row = xstrndup(*s, n);
	*s += n;
	return row;
}

static void
keys_of(const struct hrow *r, char *keys, size_t size)
{
	if (keymap_keys_for(view_keymap(), r->action, lookup_ctx(r->ctx), keys,
	    size) == 0)
		snprintf(keys, size, "(no key)");
}

/* The widest keys and action name, for the columns. */
static void
column_widths(struct help *h, int *kw, int *nw)
{
	char keys[256];

	*kw = *nw = 0;
	for (size_t i = 0; i < h->n; i++) {
		if (h->r[i].kind != HR_ACTION)
			continue;
		keys_of(&h->r[i], keys, sizeof keys);
		if (display_width(keys) > *kw)
			*kw = display_width(keys);
		if (display_width(action_name(h->r[i].action)) > *nw)
			*nw = display_width(action_name(h->r[i].action));
	}
}

/* An action: keys, name and help text, each wrapped in its column; the
 * text goes below, indented, when the screen is too narrow for it. */
static void
layout_action(struct help *h, const struct hrow *r, int width, int kw,
    int nw)
{
	char keys[256];
	const char *k = keys, *d = action_help(r->action);
	int dx = 2 + kw + 2 + nw + 2, below = width - dx < 24;
	struct hline *l;

	keys_of(r, keys, sizeof keys);
	for (int first = 1; first || *k || (!below && *d); first = 0) {
		l = line_add(h, HR_ACTION);
		l->col[0] = take_row(&k, kw);
		l->col[1] = xstrdup(first ? action_name(r->action) : "");
		l->col[2] = below ? xstrdup("") : take_row(&d, width - dx);
		while (*k == ' ')
			k++;
		while (*d == ' ')
			d++;
	}
	while (below && *d) {
		l = line_add(h, HR_COMMAND);
		l->x = 6;
		l->col[0] = take_row(&d, width - 6);
		while (*d == ' ')
			d++;
	}
}

/* A header or a command's usage, wrapped from column x. */
static void
layout_text(struct help *h, enum hrow_kind kind, const char *s, int x,
    int width)
{
	int cx = x;

	do {
		struct hline *l = line_add(h, kind);

		l->x = cx;
		l->col[0] = take_row(&s, width - cx);
		while (*s == ' ')
			s++;
		cx = x + 4;
	} while (*s);
}

/* Rows for the width: every key and word shows, wrapped, never cut. */
static void
help_layout(struct view *v)
{
	struct help *h = v->priv;
	int width = v->width > 20 ? v->width : 20, kw, nw;

	lines_free(h);
	column_widths(h, &kw, &nw);
	if (kw > width / 3)
		kw = width / 3;
	if (nw > width / 3)
		nw = width / 3;
	for (size_t i = 0; i < h->n; i++) {
		const struct hrow *r = &h->r[i];

		switch (r->kind) {
		case HR_HEADER:	layout_text(h, r->kind, r->text, 0, width); break;
		case HR_ACTION:	layout_action(h, r, width, kw, nw); break;
		case HR_COMMAND: layout_text(h, r->kind, r->text, 2, width); break;
		case HR_BLANK:	line_add(h, HR_BLANK); break;
		}
	}
	h->kw = kw;
	h->nw = nw;
	v->nlines = h->nl;
}

static void
help_draw(struct view *v, WINDOW *w)
{
	struct help *h = v->priv;

	for (int y = 0; y < v->height && v->top + (size_t)y < h->nl; y++) {
		const struct hline *l = &h->l[v->top + (size_t)y];
		int x = 2;

		switch (l->kind) {
		case HR_HEADER:
			draw_str(w, y, l->x, l->col[0], v->width - l->x,
			    display_elem(DE_TITLE));
			break;
		case HR_ACTION:
			draw_str(w, y, x, l->col[0], h->kw, display_elem(
			    DE_ANCHOR));
			x += h->kw + 2;
			draw_str(w, y, x, l->col[1], h->nw, A_BOLD);
			x += h->nw + 2;
			draw_str(w, y, x, l->col[2], v->width - x, A_NORMAL);
			break;
		case HR_COMMAND:
			draw_str(w, y, l->x, l->col[0], v->width - l->x,
			    A_NORMAL);
			break;
		case HR_BLANK:
			break;
		}
	}
}

static void
help_status(struct view *v, struct buf *l, struct buf *r)
{
	const char *km = view_cli()->keymap;
	size_t bottom = v->top + (size_t)v->height;

	buf_printf(l, "help: keymap %s", km ? km : "default");
	if (bottom > v->nlines)
		bottom = v->nlines;
	buf_printf(r, "%zu-%zu/%zu", v->nlines ? v->top + 1 : 0, bottom,
	    v->nlines);
}

const struct view_ops help_ops = {
	.name = "help",
	.ctx = CTX_HELP,
	.action = ACT_HELP,
	.size = sizeof(struct help),
	.open = help_open,
	.close = help_close,
	.layout = help_layout,
	.draw = help_draw,
	.status = help_status,
};
