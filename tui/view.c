/* view.c: the view stack and everything around the views: the main loop,
 * scrolling and selection for list views and ':' commands.  A key's way
 * to an action is view-keys.c, the frame and the message view-frame.c,
 * the line prompt view-prompt.c, / in lists list-search.c, the pager's
 * own commands pager-commands.c; input and the terminal are in reader.c.
 *
 * It owns the stack (an array of struct view, bottom is the pager), the
 * views registered, the command table and the ':' history. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "view.h"

#define STACK_MAX	16
#define HOOKS_MAX	64
#define MIN_COLS	40
#define MIN_LINES	10

struct command_def {
	const char	*name;
	const char	*usage;
	view_command_fn	 fn;
};

static struct {
	struct cli		*cli;
	struct keymap		*km;
	int			 ascii;
	struct view		*stack[STACK_MAX];
	size_t			 n;
	int			 quit;
	struct command_def	 cmds[HOOKS_MAX];
	size_t			 ncmds;
	const struct view_ops	*views[HOOKS_MAX];	/* registered */
	size_t			 nviews;
	struct prompt_history	 cmd_hist;
	int			 laid_out;	/* views fit the screen */
} V;

static int	cmd_quit(const char *);
static int	cmd_save_display(const char *);
static int	cmd_resize(const char *);
static int	cmd_help(const char *);

/* --- The reader's state ----------------------------------------------- */

struct bdb *
view_db(void)
{
	return V.cli->db;
}

struct cli *
view_cli(void)
{
	return V.cli;
}

const struct keymap *
view_keymap(void)
{
	return V.km;
}

int
view_ascii(void)
{
	return V.ascii;
}

void
view_init(struct cli *c, struct keymap *km, int ascii)
{
	V.cli = c;
	V.km = km;
	V.ascii = ascii;
	view_on_command("goto", "goto ANCHOR, goto DOC#ANCHOR, goto DOC: "
	    "jump there (back returns)", pager_cmd_goto);
	view_on_command("quit", "quit, q: leave brief", cmd_quit);
	view_on_command("q", NULL, cmd_quit);
	view_on_command("save-display", "save-display FILE: write the screen "
	    "as text", cmd_save_display);
	view_on_command("resize", "resize COLUMNS LINES: act as if the "
	    "terminal changed size", cmd_resize);
	view_on_command("help", "help: show the keys", cmd_help);
	view_on_command("set", "set width N: wrap the text at N columns at "
	    "most (0: the window; default 100)", pager_cmd_set);
	if (c->width > 0)
		pager_set_measure(c->width);
}

static void
prompt_history_free(struct prompt_history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->items[i]);
	free(h->items);
	h->items = NULL;
	h->n = 0;
}

void
view_free(void)
{
	history_clear();	/* suspended views first: the pager is there */
	while (V.n > 0)
		view_pop();
	view_clear_message();
	prompt_history_free(&V.cmd_hist);
	view_list_search_free();
}

/* --- Geometry --------------------------------------------------------- */

int
view_too_small(void)
{
	return COLS < MIN_COLS || LINES < MIN_LINES;
}

/* The body: every row under the status line at the top, down to the
 * last row, which a message or a prompt covers only while it is shown
 * (as less's prompt).  Text that reaches the last row scrolls without a
 * scroll region (a delete line at the top, a plain LF on a whole
 * screen): the bytes of a line on a slow link (issue 13). */
int
view_body_rows(void)
{
	return LINES - 1;
}

int
view_body_top(void)
{
	return 1;
}

/* A popup: a box centred over the body above the last row (a message
 * there leaves its frame whole), as tall as its lines. */
void
view_popup_box(const struct view *v, int *y, int *x, int *h, int *w)
{
	*w = COLS - 4 < 76 ? COLS - 4 : 76;
	*h = v->height + 2;
	*y = view_body_top() + (view_body_rows() - 1 - *h) / 2;
	*x = (COLS - *w) / 2;
}

static void
view_layout(struct view *v)
{
	int popup = v->ops->flags & VIEW_POPUP;
	int maxh = view_body_rows() - 3;

	v->width = popup ? (COLS - 4 < 76 ? COLS - 4 : 76) - 4 : COLS;
	v->height = popup ? maxh : view_body_rows();
	if (v->ops->layout != NULL)
		v->ops->layout(v);
	if (popup)
		v->height = v->nlines < (size_t)maxh ? (int)v->nlines : maxh;
	if (v->height < 1)
		v->height = 1;
	if (v->sel >= 0 && v->nlines > 0)
		view_show_line(v, (size_t)v->sel < v->nlines ?
		    (size_t)v->sel : v->nlines - 1);
}

void
view_resize(void)
{
	/* The terminal may have moved or dropped what was on it (tmux keeps
	 * the bottom lines when it shrinks): paint everything again. */
	clearok(curscr, TRUE);
	V.laid_out = !view_too_small();
	if (!V.laid_out)
		return;
	for (size_t i = 0; i < V.n; i++)
		view_layout(V.stack[i]);
}

/* --- The stack -------------------------------------------------------- */

struct view *
view_push(const struct view_ops *ops, const void *arg)
{
	struct view *v;

	if (V.n == STACK_MAX) {
		view_message("Too many views open: close some with q");
		return NULL;
	}
	v = xcalloc(1, sizeof *v);
	v->ops = ops;
	v->priv = xcalloc(1, ops->size > 0 ? ops->size : 1);
	v->sel = VIEW_NOSEL;
	v->width = COLS;
	v->height = view_body_rows();
	if (ops->open != NULL && ops->open(v, arg) != 0) {
		free(v->priv);
		free(v);
		return NULL;
	}
	V.stack[V.n++] = v;
	if (!view_too_small())
		view_layout(v);
	return v;
}

void
view_close(struct view *v)
{
	if (v->ops->close != NULL)
		v->ops->close(v);
	free(v->priv);
	free(v);
}

void
view_pop(void)
{
	if (V.n == 0)
		return;
	view_close(V.stack[--V.n]);
	if (V.n == 0)
		V.quit = 1;
}

void
view_pop_to(struct view *v)
{
	while (V.n > 0 && V.stack[V.n - 1] != v)
		view_pop();
}

/* The stack index of v, or V.n when it is not on the stack. */
static size_t
stack_index(const struct view *v)
{
	size_t i = 0;

	while (i < V.n && V.stack[i] != v)
		i++;
	return i;
}

size_t
view_suspend_above(struct view *v, struct view ***out)
{
	size_t from = stack_index(v) + 1, n;

	*out = NULL;
	if (from >= V.n)
		return 0;
	n = V.n - from;
	*out = xreallocarray(NULL, n, sizeof **out);
	memcpy(*out, V.stack + from, n * sizeof **out);
	V.n = from;
	return n;
}

/* One suspended view back on top; closed if it cannot resume or the
 * stack is full (it never is: they came off it). */
static void
resume_one(struct view *v)
{
	if (V.n == STACK_MAX || (v->ops->resume != NULL &&
	    v->ops->resume(v) != 0)) {
		view_close(v);
		return;
	}
	V.stack[V.n++] = v;
	if (!view_too_small())
		view_layout(v);		/* the screen may have changed size */
}

void
view_resume(struct view **views, size_t n)
{
	for (size_t i = 0; i < n; i++)
		resume_one(views[i]);
	free(views);
}

size_t
view_depth(void)
{
	return V.n;
}

struct view *
view_at(size_t i)
{
	return i < V.n ? V.stack[i] : NULL;
}

int
view_laid_out(void)
{
	return V.laid_out;
}

int
view_quitting(void)
{
	return V.quit;
}

struct view *
view_top(void)
{
	return V.n > 0 ? V.stack[V.n - 1] : NULL;
}

struct view *
view_bottom(void)
{
	return V.n > 0 ? V.stack[0] : NULL;
}

struct view *
view_find(const struct view_ops *ops)
{
	for (size_t i = V.n; i > 0; i--)
		if (V.stack[i - 1]->ops == ops)
			return V.stack[i - 1];
	return NULL;
}

void
view_quit(void)
{
	V.quit = 1;
}

int
view_selection(const char **slug, int *seq)
{
	struct view *v = view_top();

	if (v == NULL || v->ops->select == NULL)
		return -1;
	return v->ops->select(v, slug, seq);
}

/* --- Moving ----------------------------------------------------------- */

void
view_show_line(struct view *v, size_t line)
{
	if (v->sel == VIEW_NOSEL) {
		v->top = line;
		return;
	}
	v->sel = (long)line;
	if (line < v->top)
		v->top = line;
	else if (line >= v->top + (size_t)v->height)
		v->top = line - (size_t)v->height + 1;
}

static size_t
max_top(const struct view *v)
{
	size_t h = (size_t)v->height;

	return v->nlines > h ? v->nlines - h : 0;
}

/* Scroll a text view by delta lines; a jump may have put top past
 * max_top, and scrolling down never pulls it back. */
static void
scroll_by(struct view *v, long delta)
{
	size_t limit = max_top(v);

	if (delta < 0)
		v->top = (size_t)-delta > v->top ? 0 : v->top - (size_t)-delta;
	else if (v->top < limit)
		v->top = v->top + (size_t)delta > limit ? limit :
		    v->top + (size_t)delta;
}

static void
select_by(struct view *v, long delta)
{
	long last = v->nlines > 0 ? (long)v->nlines - 1 : 0;
	long sel = v->sel + delta;

	if (sel < 0)
		sel = 0;
	if (sel > last)
		sel = last;
	view_show_line(v, (size_t)sel);
}

static long
move_delta(const struct view *v, enum action a)
{
	long page = v->height > 1 ? v->height : 1;

	switch (a) {
	case ACT_LINE_DOWN:		return 1;
	case ACT_LINE_UP:		return -1;
	case ACT_PAGE_DOWN:		return page;
	case ACT_PAGE_UP:		return -page;
	case ACT_HALF_PAGE_DOWN:	return (page + 1) / 2;
	case ACT_HALF_PAGE_UP:		return -(page + 1) / 2;
	case ACT_TOP:			return -(long)v->nlines - 1;
	case ACT_BOTTOM:		return (long)v->nlines + 1;
	default:			return 0;
	}
}

int
view_move(struct view *v, enum action a)
{
	long d = move_delta(v, a);

	if (d == 0)
		return 0;
	if (v->ops->count != NULL && (a == ACT_BOTTOM || d > 0))
		v->ops->count(v, a == ACT_BOTTOM ? VIEW_ALL_LINES : v->top +
		    (size_t)d + (size_t)v->height);
	if (v->sel == VIEW_NOSEL) {
		if (a == ACT_BOTTOM)
			v->top = max_top(v);
		else
			scroll_by(v, d);
	} else {
		if (a != ACT_LINE_DOWN && a != ACT_LINE_UP && a != ACT_TOP &&
		    a != ACT_BOTTOM)
			scroll_by(v, d);	/* pages move the view too */
		select_by(v, d);
	}
	return 1;
}

/* --- Hooks and commands ----------------------------------------------- */

void
view_on_command(const char *name, const char *usage, view_command_fn fn)
{
	if (V.ncmds < HOOKS_MAX)
		V.cmds[V.ncmds++] = (struct command_def){ name, usage, fn };
}

const char *
view_command_usage(size_t i)
{
	for (size_t j = 0; j < V.ncmds; j++)
		if (V.cmds[j].usage != NULL && i-- == 0)
			return V.cmds[j].usage;
	return NULL;
}

static const struct command_def *
command_find(const char *name, size_t len)
{
	for (size_t i = V.ncmds; i > 0; i--)
		if (strlen(V.cmds[i - 1].name) == len &&
		    strncmp(V.cmds[i - 1].name, name, len) == 0)
			return &V.cmds[i - 1];
	return NULL;
}

int
view_command(const char *line)
{
	const struct command_def *c;
	size_t len;
	char *args;
	int rc;

	while (isspace((unsigned char)*line))
		line++;
	len = strcspn(line, " \t");
	if (len == 0)
		return 0;
	if (strspn(line, "0123456789") == len && line[len] == '\0' &&
	    len < 9) {			/* ":45": line 45, as in vim */
		if (view_top() == view_bottom())
			pager_push_place();
		view_goto_line(view_top(), atol(line));
		return 0;
	}
	if ((c = command_find(line, len)) == NULL) {
		view_error("Unknown command: %.*s (try :goto ANCHOR, :quit)",
		    (int)len, line);
		return -1;
	}
	line += len;
	while (isspace((unsigned char)*line))
		line++;
	args = xstrdup(line);
	len = strlen(args);
	while (len > 0 && isspace((unsigned char)args[len - 1]))
		args[--len] = '\0';
	rc = c->fn(args);
	free(args);
	return rc;
}

static int
cmd_quit(const char *arg)
{
	view_quit();
	return 0;
}

static int
cmd_save_display(const char *arg)
{
	if (arg[0] == '\0') {
		view_error("save-display: which file?");
		return -1;
	}
	view_redraw();
	if (display_save(arg) != 0) {
		view_error("save-display: cannot write %s", arg);
		return -1;
	}
	if (!view_scripted())
		view_message("Saved the screen to %s", arg);
	return 0;
}

/* ":resize COLUMNS LINES": what SIGWINCH does, for the screen tests. */
static int
cmd_resize(const char *arg)
{
	int cols, lines;

	if (sscanf(arg, "%d %d", &cols, &lines) != 2 || cols < 1 ||
	    lines < 1 || cols > 1000 || lines > 1000) {
		view_error("resize: COLUMNS LINES, e.g. :resize 40 10");
		return -1;
	}
	resizeterm(lines, cols);
	view_resize();
	return 0;
}


static int
cmd_help(const char *arg)
{
	return view_open_for(ACT_HELP) == 0 ? 0 : -1;
}

/* --- Dispatch --------------------------------------------------------- */

struct prompt_history *
view_history(void)
{
	return &V.cmd_hist;
}

void
view_register(const struct view_ops *ops)
{
	if (V.nviews < HOOKS_MAX)
		V.views[V.nviews++] = ops;
}

/* Open the view that action a opens, or go back to it when it is
 * already open: 0, -1 when it could not open (its message is set), -2
 * when no view is opened by a. */
int
view_open_for(enum action a)
{
	const struct view_ops *ops = NULL;
	struct view *v;

	for (size_t i = 0; i < V.nviews && ops == NULL; i++)
		if (V.views[i]->action == a)
			ops = V.views[i];
	if (ops == NULL)
		return -2;
	if ((v = view_find(ops)) != NULL)
		view_pop_to(v);
	else if (view_push(ops, NULL) == NULL)
		return -1;
	return 0;
}

/* Line n (1-based) of v: shown at the top, or selected in a list. */
void
view_goto_line(struct view *v, long n)
{
	size_t line = n > 1 ? (size_t)(n - 1) : 0;

	if (v->ops->count != NULL)
		v->ops->count(v, line + (size_t)v->height);
	if (v->nlines == 0)
		return;
	if (line >= v->nlines)
		line = v->nlines - 1;
	view_show_line(v, line);
}

/* A script's command runs as if typed after ':' (so the message goes),
 * except save-display, which looks at the screen as it is. */
static void
script_command(const char *line)
{
	if (strncmp(line, "save-display", 12) != 0)
		view_clear_message();
	view_command(line);
}

void
view_loop(void)
{
	struct input in;

	V.laid_out = !view_too_small();
	while (!V.quit && V.n > 0) {
		view_redraw();
		if (reader_input(&in) == INPUT_END)
			break;
		if (in.kind == INPUT_COMMAND)
			script_command(in.command);
		else if (in.key == (BKEY_SPECIAL | KEY_RESIZE))
			view_resize();
		else
			view_handle_key(in.key);
	}
}

/* --- Clipboard -------------------------------------------------------- */

#define COPY_MAX	(64 * 1024)

int
view_copy(const char *text, const char *what)
{
	size_t len = strlen(text);
	char *seq;

	if (len > COPY_MAX) {
		view_error("Too long to copy (%zu bytes, at most %d)", len,
		    COPY_MAX);
		return -1;
	}
	seq = osc52_sequence(text, len);
	reader_tty_write(seq);
	free(seq);
	view_message("Copied %s", what);
	return 0;
}
