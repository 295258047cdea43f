/* view-frame.c: the frame drawn after every key: the status line at the
 * top (the top view's status op, else its name and selection), the top
 * view and the popups above the view they cover under it down to the
 * last row, and over that row the message (wrapped onto rows above when
 * long) or the open prompt while one is shown, then the frame hooks
 * (the pager's OSC 8 hyperlinks).  It owns the message.
 * The stack and its geometry are view.c's. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

#define FRAME_HOOKS_MAX	4

static struct {
	char		*message;
	int		 msg_error;
	void		(*frame_hooks[FRAME_HOOKS_MAX])(void);
	size_t		 nframe_hooks;
	int		 repainted;	/* the last frame was the whole screen
					 * (C-l, resize, back from $EDITOR) */
} F;

/* --- Messages --------------------------------------------------------- */

static void
set_message(int error, const char *fmt, va_list ap)
{
	free(F.message);
	F.message = xvasprintf(fmt, ap);
	F.msg_error = error;
}

void
view_message(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(0, fmt, ap);
	va_end(ap);
}

void
view_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(1, fmt, ap);
	va_end(ap);
}

int
view_has_message(void)
{
	return F.message != NULL;
}

void
view_clear_message(void)
{
	free(F.message);
	F.message = NULL;
}

/* --- The frame -------------------------------------------------------- */

static void
draw_body(struct view *v, WINDOW *w)
{
	if (v->ops->draw != NULL) {
		v->ops->draw(v, w);
		return;
	}
	for (int y = 0; y < v->height; y++) {
		size_t line = v->top + (size_t)y;
		int sel = v->sel >= 0 && (size_t)v->sel == line;

		if (line >= v->nlines)
			break;
		if (sel)
			draw_fill(w, y, 0, display_elem(DE_SELECTED));
		v->ops->draw_line(v, w, y, line, sel);
	}
}

static void
draw_popup(struct view *v)
{
	int y, x, h, w;
	WINDOW *in;

	view_popup_box(v, &y, &x, &h, &w);
	for (int r = y; r < y + h; r++)	/* no page fragments beside it */
		draw_fill(stdscr, r, 0, A_NORMAL);
	draw_box(stdscr, y, x, h, w, v->ops->title ? v->ops->title(v) :
	    v->ops->name);
	if ((in = derwin(stdscr, v->height, v->width, y + 1, x + 2)) == NULL)
		return;
	draw_body(v, in);
	delwin(in);
}

/* The top view and the popups above the view they cover. */
static void
draw_views(void)
{
	size_t base = view_depth() - 1;
	WINDOW *body;

	while (base > 0 && (view_at(base)->ops->flags & VIEW_POPUP))
		base--;
	if ((body = derwin(stdscr, view_body_rows(), COLS,
	    view_body_top(), 0)) != NULL) {
		draw_body(view_at(base), body);
		delwin(body);
	}
	for (size_t i = base + 1; i < view_depth(); i++)
		draw_popup(view_at(i));
}

static void
default_status(struct view *v, struct buf *l, struct buf *r)
{
	const struct doc *d = pager_doc();

	buf_printf(l, "%s%s%s", v->ops->name, d ? ": " : "", d ? d->slug : "");
	if (v->sel >= 0)
		buf_printf(r, "%ld/%zu", v->nlines ? v->sel + 1 : 0, v->nlines);
}

static void
draw_status(int y)
{
	struct view *v = view_top();
	struct buf l = { 0 }, r = { 0 };
	attr_t a = display_elem(DE_STATUS);
	int rw;

	(v->ops->status ? v->ops->status : default_status)(v, &l, &r);
	draw_fill(stdscr, y, 0, a);
	rw = r.data ? display_width(r.data) : 0;
	if (l.data)
		draw_str(stdscr, y, 1, l.data, COLS - rw - 3, a);
	if (r.data)
		draw_str(stdscr, y, COLS - rw - 1, r.data, rw, a);
	buf_free(&l);
	buf_free(&r);
}

/* Rows the message takes over the bottom of the body: none without a
 * message or a prompt (the text has the last row), a long message wraps
 * onto rows above the last, up to half the screen. */
static int
message_rows(void)
{
	int n;

	if (prompt_active())
		return 1;
	if (F.message == NULL)
		return 0;
	n = draw_wrapped(NULL, 0, 0, F.message, COLS, LINES / 2, 0);
	return n > 1 ? n : 1;
}

static void
draw_message(int rows)
{
	int y = LINES - rows, cx;

	/* Without a prompt the cursor is hidden and its place does not
	 * matter: curses need not send it back after every frame (8 bytes a
	 * key on a slow link). */
	leaveok(stdscr, !prompt_active());
	if (prompt_active()) {
		draw_fill(stdscr, y, 0, A_NORMAL);	/* over the text */
		cx = prompt_draw(y);
		wmove(stdscr, y, cx);
		curs_set(1);
		return;
	}
	curs_set(0);
	if (F.message != NULL) {
		for (int i = 0; i < rows; i++)
			draw_fill(stdscr, y + i, 0, A_NORMAL);
		draw_wrapped(stdscr, y, 0, F.message, COLS, rows,
		    display_elem(F.msg_error ? DE_ERROR : DE_MESSAGE));
	}
}

/* Whether body row y of w (cells from x0) is the same as row oy of o. */
static int
row_eq(WINDOW *w, int y, WINDOW *o, int oy, int cols)
{
	for (int x = 0; x < cols; x++) {
		cchar_t a, b;

		if (mvwin_wch(w, y, x, &a) == ERR ||
		    mvwin_wch(o, oy, x, &b) == ERR ||
		    memcmp(&a, &b, sizeof a) != 0)
			return 0;
	}
	return 1;
}

static int
row_blank(WINDOW *w, int y, int cols)
{
	for (int x = 0; x < cols; x++) {
		cchar_t c;
		wchar_t wc[CCHARW_MAX + 1];
		attr_t a;
		short pair;

		if (mvwin_wch(w, y, x, &c) == ERR ||
		    getcchar(&c, wc, &a, &pair, NULL) == ERR ||
		    wc[0] != L' ' || wc[1] != L'\0' || a != A_NORMAL || pair != 0)
			return 0;
	}
	return 1;
}

/* A new page: no row of the frame drawn in stdscr below the status line
 * is on the terminal already, in place or a few rows off (a scroll).
 * curses would then rewrite each row over the old one and clear the rest
 * of every shorter row (ESC[K, and a row's worth of moves for a blank
 * one: 40-50 bytes a page on a slow link); clearing the rows once first
 * (ESC[J) and writing the new ones onto blank rows costs 8. */
static int
whole_new_body(void)
{
	int top = view_body_top(), nnew = 0;

	if (is_cleared(curscr) || is_cleared(newscr))
		return 0;		/* the whole screen is painted anyway */
	if (view_scripted())
		return 0;		/* no terminal: its screens compare */
	for (int y = top; y < LINES; y++) {
		if (row_blank(stdscr, y, COLS))
			continue;
		nnew++;
		for (int oy = top; oy < LINES; oy++)
			if (row_eq(stdscr, y, curscr, oy, COLS))
				return 0;
	}
	return nnew > (LINES - top) / 2;
}

/* Clear the rows below the status line on the terminal, stdscr kept. */
static void
clear_body(void)
{
	WINDOW *keep = dupwin(stdscr);

	if (keep == NULL)
		return;
	wmove(stdscr, view_body_top(), 0);
	wclrtobot(stdscr);
	wnoutrefresh(stdscr);
	doupdate();
	copywin(keep, stdscr, 0, 0, 0, 0, LINES - 1, COLS - 1, FALSE);
	delwin(keep);
}

void
view_redraw(void)
{
	int cleared = 0;

	werase(stdscr);
	if (view_too_small()) {
		curs_set(0);
		draw_str(stdscr, 0, 0, "terminal too small", COLS,
		    display_elem(DE_ERROR));
	} else if (view_depth() > 0) {
		if (!view_laid_out())
			view_resize();
		int rows = message_rows();

		draw_status(0);
		draw_views();
		draw_message(rows);
		if ((cleared = whole_new_body()))
			clear_body();
	}
	wnoutrefresh(stdscr);
	/* Asked for by clearok (C-l, a resize, back from $EDITOR): curses
	 * paints every cell again, and what the frame hooks wrote beside it
	 * (OSC 8 hyperlinks) is lost with the old cells; so it is with the
	 * rows cleared for a new page. */
	F.repainted = cleared || is_cleared(curscr) || is_cleared(newscr);
	doupdate();
	for (size_t i = 0; i < F.nframe_hooks; i++)
		F.frame_hooks[i]();
}

/* --- Frame hooks -------------------------------------------------------- */

int
view_repainted(void)
{
	return F.repainted;
}

void
view_on_frame(void (*fn)(void))
{
	if (F.nframe_hooks < FRAME_HOOKS_MAX)
		F.frame_hooks[F.nframe_hooks++] = fn;
}
