/* display.c: drawing on the curses screen: attributes and colour pairs for
 * layout runs and screen elements, text clipped to a number of columns
 * (widths as curses counts them, so a line never wraps), boxes, and
 * save-display, which writes the screen as UTF-8 text for the screen tests.
 *
 * Colours follow NO_COLOR (https://no-color.org: set and not empty) and
 * the terminal: with none, everything is bold, underline and reverse.  Only
 * the eight basic colours are used, on the terminal's own background. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unistr.h>
#include <uniwidth.h>

#include "sanitize.h"
#include "view.h"

enum {
	CP_TITLE = 1,
	CP_HEADING,
	CP_LINK,
	CP_FNREF,
	CP_MATCH,
	CP_STATUS,
	CP_ERROR,
	CP_ANCHOR,
	CP_MARGIN,
	CP_FRAME
};

static int	 use_color;
static attr_t	 elem[DE__COUNT];

static void
pairs_init(void)
{
	short bg = -1;

	if (use_default_colors() == ERR)
		bg = COLOR_BLACK;
	init_pair(CP_TITLE, COLOR_YELLOW, bg);
	init_pair(CP_HEADING, COLOR_GREEN, bg);
	init_pair(CP_LINK, COLOR_CYAN, bg);
	init_pair(CP_FNREF, COLOR_YELLOW, bg);
	init_pair(CP_MATCH, COLOR_BLACK, COLOR_YELLOW);
	init_pair(CP_STATUS, COLOR_WHITE, COLOR_BLUE);
	init_pair(CP_ERROR, COLOR_RED, bg);
	init_pair(CP_ANCHOR, COLOR_CYAN, bg);
	init_pair(CP_MARGIN, COLOR_MAGENTA, bg);
	init_pair(CP_FRAME, COLOR_GREEN, bg);
}

static void
elems_init(void)
{
	elem[DE_NORMAL] = A_NORMAL;
	elem[DE_MESSAGE] = A_NORMAL;
	elem[DE_SELECTED] = A_REVERSE;
	elem[DE_DIM] = A_DIM;
	if (!use_color) {
		elem[DE_STATUS] = A_REVERSE;
		elem[DE_ERROR] = A_BOLD;
		elem[DE_ANCHOR] = A_NORMAL;
		elem[DE_TITLE] = A_BOLD;
		elem[DE_MISSING] = A_BOLD;
		return;
	}
	/* Reverse video, as less and mutt: no colour pair to set and reset
	 * around every change of the position (bytes on slow links). */
	elem[DE_STATUS] = A_REVERSE;
	elem[DE_ERROR] = COLOR_PAIR(CP_ERROR) | A_BOLD;
	elem[DE_ANCHOR] = COLOR_PAIR(CP_ANCHOR);
	elem[DE_TITLE] = COLOR_PAIR(CP_FRAME) | A_BOLD;
	elem[DE_MISSING] = COLOR_PAIR(CP_ERROR);
}

void
display_init(void)
{
	const char *nc = getenv("NO_COLOR");

	use_color = (nc == NULL || nc[0] == '\0') && has_colors() &&
	    start_color() != ERR && COLORS >= 8 && COLOR_PAIRS > CP_FRAME;
	if (use_color)
		pairs_init();
	elems_init();
}

int
display_has_color(void)
{
	return use_color;
}

attr_t
display_elem(enum draw_elem e)
{
	return e < DE__COUNT ? elem[e] : A_NORMAL;
}

/* The colour of a run: the strongest of its attributes. */
static attr_t
run_color(unsigned la)
{
	if (la & LA_MATCH)
		return COLOR_PAIR(CP_MATCH);
	if (la & LA_FNREF)
		return COLOR_PAIR(CP_FNREF);
	if (la & LA_LINK)
		return COLOR_PAIR(CP_LINK);
	if (la & LA_TITLE)
		return COLOR_PAIR(CP_TITLE);
	if (la & LA_HEADING)
		return COLOR_PAIR(CP_HEADING);
	if (la & LA_MARGIN)
		return COLOR_PAIR(CP_MARGIN);
	return 0;
}

attr_t
display_run_attr(unsigned la, int selected)
{
	attr_t a = A_NORMAL;

	if (la & (LA_BOLD | LA_TITLE | LA_HEADING | LA_FNREF))
		a |= A_BOLD;
	if (la & LA_ITALIC)
		a |= A_ITALIC;
	if (la & LA_LINK)
		a |= A_UNDERLINE;
	if (la & LA_MATCH)
		a |= use_color ? 0 : A_STANDOUT;
	if (use_color)
		a |= run_color(la);
	if (selected)
		a = (a & ~A_COLOR) | A_REVERSE;
	return a;
}

/* Columns of one character as curses will count them. */
static int
char_width(ucs4_t c)
{
	int w = wcwidth((wchar_t)c);

	return w >= 0 ? w : 1;
}

/* Bytes of s[0..len) that fit in maxw columns; *cols gets their width. */
static size_t
fit(const char *s, size_t len, int maxw, int *cols)
{
	size_t i = 0;
	int w = 0;

	while (i < len) {
		ucs4_t c;
		int n = u8_mbtouc(&c, (const uint8_t *)s + i, len - i);
		int cw = char_width(c);

		if (w + cw > maxw)
			break;
		w += cw;
		i += (size_t)n;
	}
	*cols = w;
	return i;
}

/* UTF-8 s[0..n) as wide characters: curses writes them in the locale's
 * encoding (Latin-1), where UTF-8 bytes would come out garbled. */
static void
add_wide(WINDOW *w, int y, int x, const char *s, size_t n)
{
	wchar_t buf[256];
	size_t i = 0;
	int k = 0;

	wmove(w, y, x);
	while (i < n) {
		ucs4_t c;
		int m = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);

		buf[k++] = (wchar_t)c;
		i += (size_t)(m > 0 ? m : 1);
		if (k == (int)(sizeof buf / sizeof buf[0]) || i >= n) {
			waddnwstr(w, buf, k);
			k = 0;
		}
	}
}

/* UTF-8 s[0..n), cols wide, as cells copied into the window as they are
 * (wadd_wchnstr): through waddnstr curses decoded it again a byte at a
 * time, 300 instructions a character, most of a frame's drawing.  Only
 * characters of one or two columns, ending before the window's edge
 * (where waddnstr would move the cursor to the next row); else 0 and
 * nothing drawn, for waddnstr to do it. */
static int
add_cells(WINDOW *w, int y, int x, const char *s, size_t n, int cols)
{
	cchar_t cells[256];
	size_t i = 0;
	int k = 0;

	if (x + cols >= getmaxx(w))
		return 0;
	while (i < n) {
		ucs4_t c;
		int m = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);

		if (k == (int)(sizeof cells / sizeof cells[0]) || c < 0x20 ||
		    (c >= 0x7f && c < 0xa0) || wcwidth((wchar_t)c) < 1)
			return 0;
		memset(&cells[k], 0, sizeof cells[k]);	/* A_NORMAL, pair 0 */
		cells[k++].chars[0] = (wchar_t)c;
		i += (size_t)m;
	}
	wmove(w, y, x);
	wadd_wchnstr(w, cells, k);
	wmove(w, y, x + cols);
	return 1;
}

int
draw_clean(WINDOW *w, int y, int x, const char *s, size_t len, int maxw,
    attr_t attr)
{
	int cols;
	size_t n;

	if (maxw <= 0 || len == 0)
		return 0;
	n = fit(s, len, maxw, &cols);
	wattrset(w, attr);
	if (view_ascii() == LAYOUT_LATIN1)
		add_wide(w, y, x, s, n);
	else if (!add_cells(w, y, x, s, n, cols))
		mvwaddnstr(w, y, x, s, (int)n);
	wattrset(w, A_NORMAL);
	return cols;
}

/* ASCII stand-ins for what this file itself draws in ascii mode; the
 * layout does the same for document text. */
static char *
ascii_of(const char *s)
{
	struct block b = { 0 };
	struct layout_opts o = { .width = 1 << 20, .ascii = view_ascii() ?
	    view_ascii() : 1 };
	struct lline *l = NULL;
	size_t n = 0, cap = 0;
	struct buf out = { 0 };

	b.kind = BK_PARAGRAPH;
	b.parent = -1;
	b.text = (char *)s;
	layout_block(&b, &o, &l, &n, &cap);
	for (size_t i = 0; i < n; i++)
		buf_printf(&out, "%s%s", i ? " " : "", l[i].text);
	layout_free(l, n);
	return buf_steal(&out);
}

char *
display_text(const char *s)
{
	char *clean = sanitize_display(s != NULL ? s : ""), *a;

	if (!view_ascii())
		return clean;
	a = ascii_of(clean);
	free(clean);
	return a;
}

int
display_width(const char *s)
{
	int cols;

	fit(s, strlen(s), 1 << 30, &cols);
	return cols;
}

static const char *
ellipsis(void)
{
	return view_ascii() ? "~" : "…";
}

/* Text cut to fit ends with an ellipsis: nothing is cut without a sign. */
int
draw_str(WINDOW *w, int y, int x, const char *s, int maxw, attr_t attr)
{
	char *t;
	size_t len;
	int cols;

	if (maxw <= 0)		/* no room: never write past the edge */
		return 0;
	t = display_text(s);
	len = strlen(t);
	if (maxw > 1 && display_width(t) > maxw) {
		cols = draw_clean(w, y, x, t, len, maxw - 1, attr);
		cols += draw_clean(w, y, x + cols, ellipsis(),
		    strlen(ellipsis()), 1, attr);
	} else {
		cols = draw_clean(w, y, x, t, len, maxw, attr);
	}
	free(t);
	return cols;
}

/* Where the row that starts at t fits width columns ends: after its
 * last blank, else where the columns run out; n is what is left. */
static size_t
wrap_end(const char *t, size_t n, int width)
{
	int cols;
	size_t end = fit(t, n, width, &cols), brk = end;

	if (end >= n)
		return n;
	while (brk > 0 && t[brk - 1] != ' ')
		brk--;
	return brk > 0 ? brk : end;
}

size_t
display_wrap_end(const char *s, int width)
{
	return wrap_end(s, strlen(s), width > 1 ? width : 1);
}

int
draw_wrapped(WINDOW *w, int y, int x, const char *s, int width, int maxrows,
    attr_t attr)
{
	char *t = display_text(s);
	size_t len = strlen(t), i = 0, end;
	int rows = 0;

	while (i < len && rows < maxrows && width > 1) {
		end = wrap_end(t + i, len - i, width);
		if (end == 0)
			break;
		/* The last row, with more left: it ends with an ellipsis. */
		if (rows + 1 == maxrows && i + end < len) {
			if (w != NULL)
				draw_str(w, y + rows, x, t + i, width, attr);
			rows++;
			break;
		}
		if (w != NULL)
			draw_clean(w, y + rows, x, t + i, end, width, attr);
		i += end;
		rows++;
	}
	free(t);
	return rows;
}

/* Blanks look the same in any colour: drawn plain, the terminal gets no
 * attribute changes for them (an indent, a hanging margin). */
static int
blanks(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ')
			return 0;
	return 1;
}

/* Whether a blank drawn in a shows anything: reverse, underline or a
 * background of its own do; bold and a text colour do not. */
static int
shows_on_blanks(attr_t a)
{
	short fg, bg, fg0, bg0;
	short pair = (short)PAIR_NUMBER(a);

	if (a & (A_REVERSE | A_UNDERLINE | A_STANDOUT | A_BLINK))
		return 1;
	if (pair == 0)
		return 0;
	if (pair_content(pair, &fg, &bg) == ERR ||
	    pair_content(0, &fg0, &bg0) == ERR)
		return 1;
	return bg != bg0;
}

/* The attribute a run of blanks is drawn in: the one the terminal is in
 * already when it shows nothing on them, the run's before it, or for a
 * line's indent the first run after it (a bold heading's second line:
 * no reset and bold again around its indent, 15 bytes a line on a slow
 * link); else plain. */
static attr_t
blank_attr(const struct lline *l, size_t i, int sel_span)
{
	size_t j = i;

	if (i > 0)
		j = i - 1;
	else
		while (j + 1 < l->nruns && blanks(l->text + l->runs[j].off,
		    l->runs[j].len))
			j++;
	if (j != i) {
		const struct lrun *r = &l->runs[j];
		attr_t a = display_run_attr(r->attr,
		    sel_span >= 0 && r->span == sel_span);

		if (!(r->attr & LA_MATCH) && !shows_on_blanks(a))
			return a;
	}
	return A_NORMAL;
}

void
draw_lline(WINDOW *w, int y, int x, int maxw, const struct lline *l,
    int sel_span)
{
	int used = 0;

	for (size_t i = 0; i < l->nruns && used < maxw; i++) {
		const struct lrun *r = &l->runs[i];
		int sel = sel_span >= 0 && r->span == sel_span;

		used += draw_clean(w, y, x + used, l->text + r->off, r->len,
		    maxw - used, blanks(l->text + r->off, r->len) &&
		    !(r->attr & LA_MATCH) ? blank_attr(l, i, sel_span) :
		    display_run_attr(r->attr, sel));
	}
}

void
draw_fill(WINDOW *w, int y, int x, attr_t attr)
{
	int cols = getmaxx(w);

	wattrset(w, attr);
	for (; x < cols; x++)
		mvwaddch(w, y, x, ' ');
	wattrset(w, A_NORMAL);
}

void
draw_box(WINDOW *w, int y, int x, int h, int wd, const char *title)
{
	int a = view_ascii();
	const char *hz = a ? "-" : "─", *vt = a ? "|" : "│";
	const char *c[4] = { a ? "+" : "┌", a ? "+" : "┐", a ? "+" : "└",
	    a ? "+" : "┘" };
	attr_t fr = display_elem(DE_TITLE);

	for (int r = 0; r < h; r++) {
		int edge = r == 0 || r == h - 1;

		wattrset(w, fr);
		mvwaddstr(w, y + r, x, edge ? c[r == 0 ? 0 : 2] : vt);
		for (int i = 1; i < wd - 1; i++) {
			wattrset(w, edge ? fr : A_NORMAL);
			mvwaddstr(w, y + r, x + i, edge ? hz : " ");
		}
		wattrset(w, fr);
		mvwaddstr(w, y + r, x + wd - 1, edge ? c[r == 0 ? 1 : 3] : vt);
	}
	wattrset(w, A_NORMAL);
	if (title != NULL && wd > 6) {
		mvwaddstr(w, y, x + 2, " ");
		x += 3 + draw_str(w, y, x + 3, title, wd - 6, fr);
		mvwaddstr(w, y, x, " ");
	}
}

/* --- save-display ----------------------------------------------------- */

static void
cell_text(const cchar_t *cc, struct buf *out)
{
	wchar_t wch[CCHARW_MAX + 1] = { 0 };
	attr_t attrs;
	short pair;
	uint8_t u[6];

	if (getcchar(cc, wch, &attrs, &pair, NULL) == ERR)
		return;
	for (int i = 0; i < CCHARW_MAX && wch[i] != 0; i++) {
		int n = u8_uctomb(u, (ucs4_t)wch[i], sizeof u);

		if (n > 0)
			buf_add(out, u, (size_t)n);
	}
}

static void
row_text(int y, cchar_t *cells, struct buf *out)
{
	size_t start = out->len;

	memset(cells, 0, sizeof *cells * (size_t)(COLS + 1));
	mvwin_wchnstr(stdscr, y, 0, cells, COLS);
	for (int x = 0; x < COLS; x++) {
		wchar_t wch[CCHARW_MAX + 1] = { 0 };
		attr_t attrs;
		short pair;

		if (getcchar(&cells[x], wch, &attrs, &pair, NULL) == ERR ||
		    wch[0] == 0)
			break;
		cell_text(&cells[x], out);
	}
	while (out->len > start && out->data[out->len - 1] == ' ')
		out->len--;
	buf_addc(out, '\n');
}

int
display_save(const char *path)
{
	cchar_t *cells = xcalloc((size_t)COLS + 1, sizeof *cells);
	struct buf out = { 0 };
	FILE *f;
	int rc = 0;

	for (int y = 0; y < LINES; y++)
		row_text(y, cells, &out);
	free(cells);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	if (out.len > 0 && fwrite(out.data, 1, out.len, f) != out.len)
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	buf_free(&out);
	return rc;
}
