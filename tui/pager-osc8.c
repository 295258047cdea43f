/* pager-osc8.c: the pager's hyperlinks (OSC 8), written after each
 * frame beside what curses draws (issue 13: URLs the terminal can open
 * whole).  See the section comment below for how curses is kept right. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <uniwidth.h>

#include "view-pager.h"

/* After each frame the links on screen are written again around their
 * text as OSC 8 hyperlinks (ESC ] 8 ; ; URL ST), so terminals open the
 * whole target of a link, a shortened URL's too.  curses knows nothing of
 * them: the cursor is saved and restored around them (DECSC/DECRC) and
 * the attributes set and reset through curses (vid_puts), so its idea of
 * the terminal stays true.  A line already written with the same runs is
 * skipped (its cells keep the link when the terminal scrolls them), so a
 * one-line scroll costs only the new line's links.  Off for TERM dumb or
 * linux, with NO_HYPERLINKS set (--no-hyperlinks sets it), in scripted
 * runs, and while a list or popup covers the document.  Targets are
 * printable ASCII or not written; the text is the layout's (clean). */

#define OSC8_URL_MAX	2048

struct osc8_seen {
	size_t		line;
	unsigned	state;
};

static int		 osc8_on = -1;	/* -1: not decided yet */
static struct osc8_seen	*osc8_prev, *osc8_cur;
static size_t		 osc8_nprev, osc8_cap;
static struct buf	 osc8_out;

static int
osc8_enabled(void)
{
	const char *t = getenv("TERM"), *no = getenv("NO_HYPERLINKS");

	if (osc8_on < 0)
		osc8_on = !view_scripted() && t != NULL && *t != '\0' &&
		    strcmp(t, "dumb") != 0 && strncmp(t, "linux", 5) != 0 &&
		    (no == NULL || *no == '\0');
	return osc8_on;
}

static int
osc8_putc(int c)
{
	buf_addc(&osc8_out, (char)c);
	return c;
}

/* A target written only if it cannot end the sequence or drive the
 * terminal: printable ASCII, no blank, not too long. */
static int
osc8_safe(const char *u)
{
	size_t n = 0;

	if (u == NULL || *u == '\0')
		return 0;
	for (; *u != '\0'; u++)
		if ((unsigned char)*u <= 0x20 || (unsigned char)*u >= 0x7f ||
		    ++n > OSC8_URL_MAX)
			return 0;
	return 1;
}

/* What the line looks like: its runs' attributes and spans. */
static unsigned
line_state(const struct lline *l, int sel_span)
{
	unsigned h = (unsigned)sel_span * 2654435761u;

	for (size_t i = 0; i < l->nruns; i++)
		h = h * 31 + l->runs[i].attr * 7 + (unsigned)l->runs[i].span +
		    l->runs[i].off;
	return h;
}

static int
osc8_was_written(size_t line, unsigned state)
{
	for (size_t i = 0; i < osc8_nprev; i++)
		if (osc8_prev[i].line == line && osc8_prev[i].state == state)
			return 1;
	return 0;
}

static void
osc8_link(int y, int x, const char *url, const char *text, size_t len,
    attr_t a)
{
	buf_printf(&osc8_out, "\0337\033[%d;%dH\033]8;;%s\033\\", y + 1,
	    x + 1, url);
	vid_puts(a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL, osc8_putc);
	buf_add(&osc8_out, text, len);
	vid_puts(A_NORMAL, 0, NULL, osc8_putc);
	buf_adds(&osc8_out, "\033]8;;\033\\\0338");
}

static void
osc8_line(const struct pager *p, const struct view *v, int y,
    const struct lline *l, int sel)
{
	const struct block *b = &p->doc.blocks[l->block];
	int x = p->margin;	/* decorations and the cursor column */

	for (size_t i = 0; i < l->nruns; i++) {
		const struct lrun *r = &l->runs[i];
		int w = u8_width((const uint8_t *)l->text + r->off, r->len,
		    "UTF-8");
		const char *url = r->span >= 0 && (size_t)r->span < b->nspans &&
		    b->spans[r->span].kind == SP_LINK ?
		    b->spans[r->span].target : NULL;

		if ((r->attr & LA_LINK) && osc8_safe(url) && x + w <= v->width)
			osc8_link(y, x, url, l->text + r->off, r->len,
			    display_run_attr(r->attr, r->span == sel));
		x += w;
	}
}

void
pager_osc8_frame(void)
{
	struct view *v = the_pager;
	struct pager *p;
	struct osc8_seen *t;
	size_t n = 0;

	if (v == NULL || !osc8_enabled())
		return;
	if (view_top() != v || !((struct pager *)v->priv)->counted) {
		osc8_nprev = 0;		/* covered: written again after */
		return;
	}
	if (view_repainted())	/* C-l: every cell drawn again, plain */
		osc8_nprev = 0;
	p = v->priv;
	if (osc8_cap < (size_t)v->height) {
		osc8_cap = (size_t)v->height;
		osc8_prev = xreallocarray(osc8_prev, osc8_cap,
		    sizeof *osc8_prev);
		osc8_cur = xreallocarray(osc8_cur, osc8_cap, sizeof *osc8_cur);
	}
	for (int y = 0; y < v->height; y++) {
		size_t line = v->top + (size_t)y;
		const struct lline *l;
		unsigned st;
		int sep, sel;

		if (line >= p->nlines)
			break;
		l = pager_line_at(p, line, &sep);
		if (sep || l->block < 0)
			continue;
		sel = l->block == p->sel_seq ? p->sel_span : -1;
		st = line_state(l, sel);
		osc8_cur[n++] = (struct osc8_seen){ line, st };
		if (!osc8_was_written(line, st))
			osc8_line(p, v, y, l, sel);
	}
	t = osc8_prev, osc8_prev = osc8_cur, osc8_cur = t;
	osc8_nprev = n;
	if (osc8_out.len > 0) {
		reader_tty_write(osc8_out.data);
		osc8_out.len = 0;
	}
}
