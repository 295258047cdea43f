/* view-help.c: every action with its keys in the active keymap, from the
 * one table of actions (actions.def) and keymap_keys_for, grouped by where
 * it applies: everywhere, then each view, then the prompt; then the ':'
 * commands.  An action with no key shows "(no key)", so its name can be
 * bound in ~/.config/brief/keys.  It owns an array of rows. */
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

struct help {
	struct hrow	*r;
	size_t		 n;
	char		*heads[CTX_COUNT];	/* section titles */
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

static int
help_open(struct view *v, const void *arg)
{
	struct help *h = v->priv;
	const char *u;

	for (int i = 0; i < CTX_COUNT; i++)
		add_section(h, i);
	add(h, HR_HEADER, 0, ACT_NONE, "Commands (type : first)");
	for (size_t i = 0; (u = view_command_usage(i)) != NULL; i++)
		add(h, HR_COMMAND, 0, ACT_NONE, u);
	return 0;
}

static void
help_close(struct view *v)
{
	struct help *h = v->priv;

	for (int i = 0; i < CTX_COUNT; i++)
		free(h->heads[i]);
	free(h->r);
}

static void
help_layout(struct view *v)
{
	struct help *h = v->priv;

	v->nlines = h->n;
}

static void
draw_action(struct view *v, WINDOW *w, int y, const struct hrow *r)
{
	char keys[128];
	int kw = v->width >= 80 ? 21 : 12, nw = 21, x = 2;

	if (keymap_keys_for(view_keymap(), r->action, lookup_ctx(r->ctx), keys,
	    sizeof keys) == 0)
		snprintf(keys, sizeof keys, "(no key)");
	draw_str(w, y, x, keys, kw - 1, display_elem(DE_ANCHOR));
	x += kw;
	draw_str(w, y, x, action_name(r->action), nw - 1, A_BOLD);
	x += nw;
	if (x < v->width - 10)
		draw_str(w, y, x, action_help(r->action), v->width - x - 1,
		    A_NORMAL);
}

static void
help_draw(struct view *v, WINDOW *w)
{
	struct help *h = v->priv;

	for (int y = 0; y < v->height && v->top + (size_t)y < h->n; y++) {
		const struct hrow *r = &h->r[v->top + (size_t)y];

		switch (r->kind) {
		case HR_HEADER:
			draw_str(w, y, 0, r->text, v->width,
			    display_elem(DE_TITLE));
			break;
		case HR_ACTION:
			draw_action(v, w, y, r);
			break;
		case HR_COMMAND:
			draw_str(w, y, 2, r->text, v->width - 3, A_NORMAL);
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
	.size = sizeof(struct help),
	.open = help_open,
	.close = help_close,
	.layout = help_layout,
	.draw = help_draw,
	.status = help_status,
};
