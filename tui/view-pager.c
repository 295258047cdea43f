/* view-pager.c: the document pager, the bottom view of the stack.  It owns
 * the open document and what it takes to show it at any size: the blocks
 * shown, in the order `brief show` prints them (footnotes last, as one
 * list, a blank line between the others), each block's count of display
 * lines with their prefix sums (so a line number finds its block by
 * binary search; counted from the top as far as a frame, move or jump
 * needs, the whole only for =, G and 50%), and a small cache of blocks laid out by layout_block:
 * the ones near the screen, trimmed after each frame.  A 10,000-block
 * document so costs a few integers a block, not its every display line.
 * The document itself is an outline: the texts of the blocks laid out or
 * asked for are loaded by pager-blocks.c and given back after a frame.
 *
 * The reading position is the top line's (block, byte offset), so a new
 * width (SIGWINCH) or new decorations count the lines again and keep the
 * same words at the top.  Decorations that only mark matches do not move
 * lines: for them the cache is dropped, the counts stay.
 *
 * Links and footnote markers on screen are selected with next-link and
 * prev-link (kept as block + span, so the selection survives a relayout);
 * follow opens a footnote's popup (view-footnotes.c) or shows a link's URL
 * (never a browser).  A jump pushes the place it leaves and suspends the
 * views above (history.c); <Backspace> brings both back (pager-jumps.c).
 * A filter (less's &, set by search-ui.c) hides the blocks not in it.
 * Links are written as OSC 8 hyperlinks after each frame (pager-osc8.c);
 * the pager's ':' commands are pager-commands.c.  What these files share
 * is view-pager.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <uniwidth.h>

#include "view.h"
#include "view-pager.h"

#define DECOR_MAX	8
#define CURSOR_COLS	1	/* the current block's bar, left of the text */
#define MEASURE_DEFAULT	100	/* columns of text at most: a reading measure */
#define SEP_OFF(b)	((uint32_t)strlen((b)->text) + 1)
#define CACHE_NEAR	64	/* blocks a count lays out into the cache */

/* A link or footnote marker on screen. */
struct item {
	int		 seq;
	int		 span;
};

struct view			*the_pager;
static int			 measure = MEASURE_DEFAULT;
static const struct pager_decor	*decors[DECOR_MAX];
static size_t			 ndecors;


/* --- Decorations ------------------------------------------------------ */

void
pager_add_decor(const struct pager_decor *d)
{
	if (ndecors < DECOR_MAX)
		decors[ndecors++] = d;
	pager_relayout();
}

void
pager_remove_decor(const struct pager_decor *d)
{
	for (size_t i = 0; i < ndecors; i++)
		if (decors[i] == d) {
			memmove(decors + i, decors + i + 1,
			    sizeof decors[0] * (ndecors - i - 1));
			ndecors--;
			break;
		}
	pager_relayout();
}

/* The LA_MATCH ranges of every decoration for block seq, in o. */
static void
gather_matches(struct pager *p, int seq, struct layout_opts *o)
{
	size_t n = 0;

	for (size_t i = 0; i < ndecors; i++) {
		const uint32_t (*r)[2] = NULL;
		size_t k = decors[i]->matches ? decors[i]->matches(decors[i]->arg,
		    &p->doc, seq, &r) : 0;

		if (k == 0 || r == NULL)
			continue;
		if (n + k > p->mtcap) {
			p->mtcap = (n + k) * 2;
			p->mt = xreallocarray(p->mt, p->mtcap, sizeof p->mt[0]);
		}
		memcpy(p->mt + n, r, k * sizeof r[0]);
		n += k;
	}
	o->match = (const uint32_t (*)[2])p->mt;
	o->nmatch = n;
}

/* The decorations' columns and one for the current block's cursor. */
static int
decor_margin(void)
{
	int m = CURSOR_COLS;

	for (size_t i = 0; i < ndecors; i++)
		m += decors[i]->margin > 0 ? decors[i]->margin : 0;
	return m;
}

/* --- The blocks shown and their line counts --------------------------- */

static int
is_fn(const struct pager *p, int seq)
{
	return p->doc.blocks[seq].kind == BK_FOOTNOTE;
}

/* A blank line follows the i-th block shown, except between footnotes
 * (one list) and after the last. */
static int
has_sep(const struct pager *p, size_t i)
{
	return i + 1 < p->nshown &&
	    !(is_fn(p, p->order[i]) && is_fn(p, p->order[i + 1]));
}

/* Blocks as `brief show` orders them, without those the filter hides. */
static void
build_order(struct pager *p)
{
	size_t nb = p->doc.nblocks, k = 0;

	p->order = xreallocarray(p->order, nb + 1, sizeof *p->order);
	p->pos = xreallocarray(p->pos, nb + 1, sizeof *p->pos);
	p->nshown = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < nb; i++)
			if (is_fn(p, (int)i) == pass &&
			    (p->keep == NULL || p->keep[i]))
				p->order[p->nshown++] = (int)i;
	for (int pass = 0; pass < 2; pass++)	/* hidden: the next shown */
		for (size_t i = 0; i < nb; i++) {
			if (is_fn(p, (int)i) != pass)
				continue;
			p->pos[i] = k < p->nshown ? k : p->nshown > 0 ?
			    p->nshown - 1 : 0;
			k += k < p->nshown && p->order[k] == (int)i;
		}
}

/* Free the lines' text and runs, keeping the array. */
static void
lines_drop(struct lline *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(l[i].text);
		free(l[i].runs);
	}
}

struct count {
	struct layout_opts	 o;
	struct lline		*scratch;
	size_t			 cap;
	size_t			 to;	/* count the blocks below this index */
	size_t			 line;	/* or until the count passes this line */
};

static const struct bcache *cache_add(struct pager *, size_t,
		    const struct block *);

/* Whether block i, being counted, is to be drawn soon: up to two screens
 * below the top, as cache_trim keeps (a few blocks at most). */
static int
near_screen(const struct pager *p, size_t i)
{
	const struct view *v = the_pager;
	size_t h;

	if (v == NULL || v->priv != p || p->ncache >= CACHE_NEAR)
		return 0;
	h = (size_t)(v->height > 0 ? v->height : 1);
	return p->start[i] < v->top + 2 * h;
}

/* Block i's lines at o's width, counted and freed at once (matches
 * change attributes, never breaks), or kept in the cache when the screen
 * is about to draw them (the first frame lays its blocks out once).  A
 * block the index failed to give keeps one line. */
static int
count_block(struct pager *p, size_t i, const struct block *b, void *arg)
{
	struct count *c = arg;
	size_t n = 1;

	if (b != NULL && near_screen(p, i)) {
		n = cache_add(p, i, b)->n;
	} else if (b != NULL) {
		n = 0;
		layout_block(b, &c->o, &c->scratch, &n, &c->cap);
		lines_drop(c->scratch, n);
	}
	p->start[i + 1] = p->start[i] + n + (size_t)has_sep(p, i);
	p->ncounted = i + 1;
	p->nlines = p->start[i + 1];
	return p->ncounted >= c->to || p->nlines > c->line;
}

/* Count the shown blocks' lines at p->width, from the first not counted,
 * until block to - 1 is or the count passes line (less's way: the top of
 * a document opens without reading the rest, and G, = or 50% count the
 * whole).  One block's text at a time (pager-blocks.c), so the counts
 * cost the largest block, not the document. */
static void
count_upto(struct pager *p, size_t to, size_t line)
{
	struct count c = { .o = { .width = p->width, .ascii = view_ascii(),
	    .short_urls = 1 }, .to = to, .line = line };

	if (!p->counted || p->ncounted >= p->nshown || p->ncounted >= to ||
	    p->nlines > line)
		return;
	pager_blocks_each(p, p->ncounted, count_block, &c);
	free(c.scratch);
	if (the_pager != NULL && the_pager->priv == p)
		the_pager->nlines = p->nlines;
}

/* The order is new (or the width): nothing counted yet. */
static void
count_reset(struct pager *p)
{
	p->start = xreallocarray(p->start, p->nshown + 1, sizeof *p->start);
	p->start[0] = 0;
	p->ncounted = 0;
	p->nlines = 0;
}

int
pager_has_line(struct pager *p, size_t line)
{
	count_upto(p, p->nshown, line);
	return line < p->nlines;
}

void
pager_count_all(struct pager *p)
{
	count_upto(p, p->nshown, (size_t)-1);
}

/* start[i] and start[i + 1] of the i-th block shown. */
static void
count_block_at(struct pager *p, size_t i)
{
	count_upto(p, i + 1, (size_t)-1);
}

/* Whether the document shows no line at all. */
static int
is_empty(struct pager *p)
{
	return !pager_has_line(p, 0);
}

/* --- The cache of laid-out blocks ------------------------------------- */

static void
cache_flush(struct pager *p)
{
	for (size_t i = 0; i < p->ncache; i++)
		layout_free(p->cache[i].lines, p->cache[i].n);
	free(p->cache);
	p->cache = NULL;
	p->ncache = 0;
}

/* The i-th block shown, laid out (from the cache, else now).  Entries
 * stay until cache_trim, so pointers into them last the frame. */
static const struct bcache *
cached(struct pager *p, size_t i)
{
	for (size_t k = 0; k < p->ncache; k++)
		if (p->cache[k].idx == i)
			return &p->cache[k];
	return cache_add(p, i, pager_fill(p, p->order[i]));
}

/* Lay the i-th block shown out (b, with its text) into the cache. */
static const struct bcache *
cache_add(struct pager *p, size_t i, const struct block *b)
{
	struct layout_opts o = { .width = p->width, .ascii = view_ascii(),
	    .short_urls = 1 };
	struct bcache *c;
	size_t cap = 0;

	p->cache = xreallocarray(p->cache, p->ncache + 1, sizeof *p->cache);
	c = &p->cache[p->ncache++];
	memset(c, 0, sizeof *c);
	c->idx = i;
	gather_matches(p, b->seq, &o);
	layout_block(b, &o, &c->lines, &c->n, &cap);
	c->sep.text = (char *)"";	/* never freed: not from layout */
	c->sep.block = b->seq;
	c->sep.src_start = c->sep.src_end = SEP_OFF(b);
	return c;
}

/* Keep the blocks within a screen of the one shown, drop the others. */
static void
cache_trim(struct pager *p, const struct view *v)
{
	size_t h = (size_t)(v->height > 0 ? v->height : 1);
	size_t lo = v->top > h ? v->top - h : 0, hi = v->top + 2 * h, k = 0;

	for (size_t i = 0; i < p->ncache; i++) {
		struct bcache *c = &p->cache[i];

		if (p->start[c->idx + 1] > lo && p->start[c->idx] < hi)
			p->cache[k++] = *c;
		else
			layout_free(c->lines, c->n);
	}
	p->ncache = k;
}

/* The shown block that display line `line` belongs to. */
static size_t
block_of_line(const struct pager *p, size_t line)
{
	size_t lo = 0, hi = p->ncounted;	/* start[lo] <= line */

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->start[mid] <= line)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Display line `line` (< p->nlines); *sep set when it is a blank line
 * between blocks. */
const struct lline *
pager_line_at(struct pager *p, size_t line, int *sep)
{
	size_t i, k;
	const struct bcache *c;

	pager_has_line(p, line);
	i = block_of_line(p, line);
	k = line - p->start[i];
	c = cached(p, i);

	*sep = k >= c->n;
	return *sep ? &c->sep : &c->lines[k];
}

const struct lline *
pager_line(struct pager *p, size_t line)
{
	int sep;

	return pager_line_at(p, line, &sep);
}

/* --- Laying out ------------------------------------------------------- */

/* The line showing byte off of block seq. */
size_t
pager_line_of(struct pager *p, int seq, uint32_t off)
{
	size_t i, k = 0;
	const struct bcache *c;

	if (seq < 0 || (size_t)seq >= p->doc.nblocks || is_empty(p))
		return 0;
	i = p->pos[seq];
	count_block_at(p, i);
	if (p->order[i] != seq)			/* hidden by the filter */
		return p->start[i];
	c = cached(p, i);
	while (k + 1 < c->n && c->lines[k + 1].src_start <= off)
		k++;
	if (has_sep(p, i) && off >= c->sep.src_start)
		k = c->n;
	return p->start[i] + k;
}

/* The first line of block seq, or -1 when the filter hides it. */
static long
first_line(struct pager *p, int seq)
{
	size_t i = p->pos[seq];

	if (i >= p->nshown || p->order[i] != seq)
		return -1;
	count_block_at(p, i);
	return (long)p->start[i];
}

void
pager_layout(struct view *v)
{
	struct pager *p = v->priv;
	int seq = p->start_seq, width;
	uint32_t off = p->start_off;
	const struct lline *l;

	if (p->start_seq < 0 && p->counted && v->top == p->lay_top &&
	    p->keep_seq >= 0) {
		/* Not moved since: the words the user had at the top, not
		 * the start of the line they fell in at another width. */
		seq = p->keep_seq;
		off = p->keep_off;
	} else if (p->start_seq < 0 && p->counted && v->top < p->nlines) {
		l = pager_line(p, v->top);
		seq = l->block;
		off = l->src_start;
	}
	p->margin = decor_margin();
	width = v->width - p->margin > 1 ? v->width - p->margin : 1;
	if (measure > 0 && width > measure)
		width = measure;
	cache_flush(p);
	if (!p->counted || p->recount || width != p->width) {
		p->width = width;
		build_order(p);
		p->counted = 1;
		count_reset(p);
		p->recount = 0;
	}
	v->top = seq >= 0 ? pager_line_of(p, seq, off) : 0;
	pager_has_line(p, v->top + (size_t)(v->height > 0 ? v->height : 1));
	v->nlines = p->nlines;
	p->keep_seq = seq;
	p->keep_off = off;
	p->lay_top = v->top;
	p->start_seq = -1;
	p->start_off = 0;
	cache_trim(p, v);
}

void
pager_set_measure(int cols)
{
	measure = cols > 0 ? cols : 0;
	pager_relayout();
}

void
pager_relayout(void)
{
	if (the_pager != NULL &&
	    ((struct pager *)the_pager->priv)->counted)
		pager_layout(the_pager);
}

/* --- Open, close, draw ------------------------------------------------ */


static int
pager_open_view(struct view *v, const void *arg)
{
	static int hooked;

	const struct pager_arg *a = arg;
	struct pager *p = v->priv;

	if (a == NULL || a->doc == NULL)
		return -1;
	p->doc = *a->doc;
	memset(a->doc, 0, sizeof *a->doc);
	p->start_seq = a->seq;
	p->sel_seq = p->sel_span = -1;
	p->cur_seq = a->seq;
	p->cur_top = CUR_ANY;
	v->sel = VIEW_NOSEL;
	the_pager = v;
	if (!hooked) {		/* the jumps are the pager's, from any view */
		view_on_action(ACT_FORWARD, pager_on_forward);
		view_on_action(ACT_INTERRUPT, pager_on_interrupt);
		view_on_frame(pager_osc8_frame);
		hooked = 1;
	}
	return 0;
}

/* What was laid out for the document shown: it is about to change. */
void
pager_forget_layout(struct pager *p)
{
	cache_flush(p);
	pager_unfill_all(p);
	free(p->order);
	free(p->start);
	free(p->pos);
	p->order = NULL;
	p->start = NULL;
	p->pos = NULL;
	p->nshown = p->nlines = p->ncounted = 0;
	p->counted = 0;
}

static void
pager_close(struct view *v)
{
	struct pager *p = v->priv;

	pager_forget_layout(p);
	free(p->mt);
	pager_filter_clear(p);
	doc_clear(&p->doc);
	if (the_pager == v)
		the_pager = NULL;
}

/* The decorations' margins; returns the column the text starts at. */
static int
draw_margins(struct pager *p, WINDOW *w, int y, size_t line,
    const struct lline *l, int sep)
{
	int first = !sep && (long)line == first_line(p, l->block);
	int x = 0;

	for (size_t i = 0; i < ndecors; i++) {
		const struct pager_decor *d = decors[i];

		if (d->margin <= 0)
			continue;
		if (d->draw_margin != NULL)
			d->draw_margin(d->arg, w, y, x, &p->doc,
			    sep ? -1 : l->block, first);
		x += d->margin;
	}
	return x;
}

static int	current(struct view *);
static int	block_percent(const struct view *, int);

/* The cursor column: a bar beside the first line of the current block on
 * screen (its first line, or the top row when that has scrolled above).
 * One line, not all of them: on a slow link a bar costs a cursor address
 * and the glyph (9 bytes on xterm), and a bar on every line was paid for
 * each line of every block that became current (a 17-line paragraph: 153
 * bytes on one j, where less sends 76).  In colour the bar is the plain
 * glyph, in the text's own colour: a colour (or bold) makes curses switch
 * it on before the bar and back after it with a full attribute reset
 * (ESC[36m ... ESC[39m ESC(B ESC[m, 16 bytes), and a block glyph is plain
 * enough to see.  Without colour (or in ASCII, where it is a '>') it is
 * bold, to stand out from the text. */
static void
draw_cursor(WINDOW *w, int y, int x, int on)
{
	if (on)
		draw_clean(w, y, x, view_ascii() ? ">" : "▌", view_ascii() ?
		    1 : strlen("▌"), CURSOR_COLS,
		    view_ascii() || !display_has_color() ? A_BOLD : A_NORMAL);
}

static void
pager_draw(struct view *v, WINDOW *w)
{
	struct pager *p = v->priv;
	int cur = current(v), barred = 0;

	for (int y = 0; y < v->height; y++) {
		size_t line = v->top + (size_t)y;
		const struct lline *l;
		int x, sep, bar;

		if (!pager_has_line(p, line))
			break;
		l = pager_line_at(p, line, &sep);
		x = draw_margins(p, w, y, line, l, sep);
		bar = !barred && !sep && l->block == cur;
		barred |= bar;
		draw_cursor(w, y, x, bar);
		x += CURSOR_COLS;
		draw_lline(w, y, x, v->width - x, l,
		    l->block == p->sel_seq ? p->sel_span : -1);
	}
	cache_trim(p, v);	/* once a frame: what the keys left too */
	pager_unfill_old(p);
}

/* The block the top line shows (the next one on a blank line). */
static int
top_block(const struct view *v)
{
	struct pager *p = v->priv;
	size_t t = v->top;
	int sep;
	const struct lline *l;

	if (is_empty(p))
		return -1;
	if (!pager_has_line(p, t))
		return p->order[p->nshown - 1];
	l = pager_line_at(p, t, &sep);
	if (sep && pager_has_line(p, t + 1))
		l = pager_line(p, t + 1);
	return l->block;
}

/* Whether a line of shown block seq's text is on screen. */
static int
on_screen(const struct view *v, int seq)
{
	struct pager *p = v->priv;
	size_t i, end;

	if (seq < 0 || (size_t)seq >= p->doc.nblocks || is_empty(p))
		return 0;
	i = p->pos[seq];
	if (p->order[i] != seq)
		return 0;
	pager_has_line(p, v->top + (size_t)v->height);
	if (i >= p->ncounted)		/* starts below the screen */
		return 0;
	end = p->start[i + 1] - (size_t)has_sep(p, i);
	return p->start[i] < v->top + (size_t)v->height && end > v->top;
}

/* Make seq the current block (a jump, a link selected, a step). */
void
pager_set_current(struct view *v, int seq, size_t top)
{
	struct pager *p = v->priv;

	p->cur_seq = seq;
	p->cur_top = top;
}

/* The current block: the one a key put there until the screen scrolls,
 * else the top one, so it is never off screen. */
static int
current(struct view *v)
{
	struct pager *p = v->priv;

	if (p->cur_top == CUR_ANY)
		p->cur_top = v->top;
	if (p->cur_top != v->top || !on_screen(v, p->cur_seq))
		pager_set_current(v, top_block(v), v->top);
	return p->cur_seq;
}

/* j or k when the screen cannot scroll that way (the end or the top of
 * the document): the cursor moves to the next or previous block shown. */
static int
cursor_step(struct view *v, int dir)
{
	struct pager *p = v->priv;
	size_t h = (size_t)(v->height > 0 ? v->height : 1), i;
	int cur;

	if ((dir > 0 && pager_has_line(p, v->top + h)) || (dir < 0 &&
	    v->top > 0) ||
	    (cur = current(v)) < 0)
		return 0;
	i = p->pos[cur];
	if (dir > 0 && i + 1 < p->nshown && on_screen(v, p->order[i + 1]))
		pager_set_current(v, p->order[i + 1], v->top);
	else if (dir < 0 && i > 0 && on_screen(v, p->order[i - 1]))
		pager_set_current(v, p->order[i - 1], v->top);
	return 1;
}

static void
pager_status(struct view *v, struct buf *l, struct buf *r)
{
	struct pager *p = v->priv;
	int seq = current(v);
	char *crumb;
	size_t lead;

	for (int s = seq, k = 0; s >= 0 && (size_t)s < p->doc.nblocks &&
	    k < 64; s = p->doc.blocks[s].parent, k++)
		if (block_is_rec(&p->doc.blocks[s]))	/* its label */
			pager_fill(p, s);
	crumb = seq >= 0 ? doc_breadcrumb(&p->doc, seq, 400) : NULL;

	if (crumb == NULL && seq >= 0 && p->doc.blocks[seq].anchor != NULL)
		crumb = xstrdup(p->doc.blocks[seq].anchor);
	if (is_empty(p)) {
		buf_printf(l, "%s", p->doc.slug);
		buf_adds(r, "empty document");
		free(crumb);
		return;
	}
	/* "letter › rec-2 [flagged] Put human...": the block's anchor and
	 * status first, so a long label cut at the edge loses neither. */
	lead = crumb ? strcspn(crumb, " ") : 0;
	buf_printf(l, "%s%s%.*s", p->doc.slug, crumb ? (view_ascii() ? " > " :
	    " › ") : "", (int)lead, crumb ? crumb : "");
	for (size_t i = 0; seq >= 0 && i < ndecors; i++)
		if (decors[i]->status != NULL)
			decors[i]->status(decors[i]->arg, &p->doc, seq, l);
	if (crumb != NULL && crumb[lead] != '\0')
		buf_adds(l, crumb + lead);
	if (p->filter != NULL)
		buf_printf(r, "%s  ", p->filter);
	buf_printf(r, "%3d%%", block_percent(v, seq));
	free(crumb);
}

/* The position the status line shows: how far in the end of the current
 * block is, in blocks (100% once the last line is on screen): how many
 * of the blocks shown end there.  Blocks, as less gives bytes, so that
 * opening a document counts the lines of the screen and no more (the
 * lines of the whole are for '=', G and 50%), and the figure is the same
 * before and after they are counted.  It changes when the current block
 * does, never on a line scrolled within it: the status line is then not
 * sent again, which on a slow link costs as much as the line (issue
 * 13). */
static int
block_percent(const struct view *v, int seq)
{
	struct pager *p = v->priv;
	size_t i;

	if (is_empty(p) || !pager_has_line(p, v->top + (size_t)v->height))
		return 100;
	i = seq >= 0 && p->order[p->pos[seq]] == seq ? p->pos[seq] :
	    block_of_line(p, v->top);
	return (int)((i + 1) * 100 / p->nshown);
}

/* '=' (less's): the lines on screen, the block and the way in. */
static void
show_position(struct view *v)
{
	struct pager *p = v->priv;
	size_t bottom = v->top + (size_t)v->height;
	int seq;

	pager_count_all(p);
	seq = current(v);
	if (bottom > p->nlines)
		bottom = p->nlines;
	if (p->nlines == 0) {
		view_message("%s: empty document", p->doc.slug);
		return;
	}
	view_message("%s lines %zu-%zu/%zu, block %zu/%zu, %d%%", p->doc.slug,
	    v->top + 1, bottom, p->nlines, seq >= 0 ? p->pos[seq] + 1 : 0,
	    p->nshown, (int)(bottom * 100 / p->nlines));
}

static int
pager_select(struct view *v, const char **slug, int *seq)
{
	struct pager *p = v->priv;

	*slug = p->doc.slug;
	*seq = current(v);
	return *seq >= 0 ? 0 : -1;
}

/* --- Recommendations -------------------------------------------------- */

/* The next (dir 1) or previous (-1) top-level recommendation from the
 * top line; -1 if none.  The blocks shown are in line order, so the next
 * one needs no line counted past it. */
static int
rec_near(const struct view *v, int dir)
{
	struct pager *p = v->priv;
	size_t top = v->top, ti;

	if (!pager_has_line(p, top))
		return -1;
	ti = block_of_line(p, top);
	if (dir > 0) {
		for (size_t i = ti + 1; i < p->nshown; i++)
			if (block_is_rec(&p->doc.blocks[p->order[i]]) &&
			    p->doc.blocks[p->order[i]].depth == 0)
				return p->order[i];
		return -1;
	}
	for (size_t i = ti + 1; i-- > 0;)
		if (p->start[i] < top &&
		    block_is_rec(&p->doc.blocks[p->order[i]]) &&
		    p->doc.blocks[p->order[i]].depth == 0)
			return p->order[i];
	return -1;
}

static void
rec_jump(struct view *v, int dir)
{
	struct pager *p = v->priv;
	int seq = rec_near(v, dir);

	if (seq < 0) {
		view_message("No %s recommendation", dir > 0 ? "next" :
		    "previous");
		return;
	}
	v->top = (size_t)first_line(p, seq);
	pager_set_current(v, seq, v->top);
}

int
pager_current_rec(void)
{
	struct view *v = the_pager;
	struct pager *p;
	int seq;

	if (v == NULL || (seq = current(v)) < 0)
		return -1;
	p = v->priv;
	return block_is_rec(&p->doc.blocks[seq]) ? seq : -1;
}

/* --- Links and footnote markers --------------------------------------- */

/* The links and markers on screen, in order, each once. */
static size_t
items_on_screen(const struct view *v, struct item **out)
{
	struct pager *p = v->priv;
	struct item *it = NULL;
	size_t n = 0;

	for (size_t i = v->top; i < v->top + (size_t)v->height &&
	    pager_has_line(p, i); i++) {
		const struct lline *l = pager_line(p, i);

		for (size_t r = 0; r < l->nruns; r++) {
			const struct lrun *run = &l->runs[r];

			if (run->span < 0 || !(run->attr & (LA_LINK | LA_FNREF)))
				continue;
			if (n > 0 && it[n - 1].seq == l->block &&
			    it[n - 1].span == run->span)
				continue;
			it = xreallocarray(it, n + 1, sizeof *it);
			it[n++] = (struct item){ l->block, run->span };
		}
	}
	*out = it;
	return n;
}

static long
item_index(const struct pager *p, const struct item *it, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (it[i].seq == p->sel_seq && it[i].span == p->sel_span)
			return (long)i;
	return -1;
}

static const struct span *
selected_span(const struct view *v)
{
	const struct pager *p = v->priv;
	struct item *it;
	size_t n = items_on_screen(v, &it);
	long i = item_index(p, it, n);

	free(it);
	if (i < 0)
		return NULL;
	return &p->doc.blocks[p->sel_seq].spans[p->sel_span];
}

/* Say what the selection is: a footnote's first words or a URL. */
static void
describe(const struct pager *p, const struct span *s)
{
	int fn;

	if (s->kind == SP_LINK) {
		view_message("%s", s->target ? s->target : "(no address)");
		return;
	}
	fn = s->target ? doc_find_anchor(&p->doc, s->target) : -1;
	if (fn < 0)
		view_message("Footnote %s: missing", s->target ? s->target : "?");
	else
		view_message("Footnote %d: %s", p->doc.blocks[fn].fn,
		    pager_block(fn)->text);
}

static void
select_item(struct view *v, int dir)
{
	struct pager *p = v->priv;
	struct item *it;
	size_t n = items_on_screen(v, &it);
	long i = item_index(p, it, n);

	if (n == 0) {
		p->sel_seq = p->sel_span = -1;
		view_message("No links or footnote markers on screen");
		free(it);
		return;
	}
	if (i < 0)
		i = dir > 0 ? 0 : (long)n - 1;
	else
		i = (i + dir + (long)n) % (long)n;
	p->sel_seq = it[i].seq;
	pager_set_current(v, it[i].seq, v->top);
	p->sel_span = it[i].span;
	free(it);
	describe(p, &p->doc.blocks[p->sel_seq].spans[p->sel_span]);
}

/* A link to a place in a document ("#rec-2", "letter#rec-1"). */
static int
is_internal(const char *url)
{
	return url != NULL && strstr(url, "://") == NULL &&
	    strncmp(url, "mailto:", 7) != 0 && strchr(url, '#') != NULL;
}

static void
follow_link(struct pager *p, const struct span *s)
{
	const char *hash;
	char *slug;

	if (!is_internal(s->target)) {
		view_message("%s (y copies it)", s->target ? s->target :
		    "(no address)");
		return;
	}
	hash = strchr(s->target, '#');
	slug = hash == s->target ? xstrdup(p->doc.slug) :
	    xstrndup(s->target, (size_t)(hash - s->target));
	pager_open(slug, hash + 1, 1);
	free(slug);
}

static void
follow(struct view *v)
{
	struct pager *p = v->priv;
	const struct span *s = selected_span(v);
	int fn;

	if (s == NULL) {
		view_message("Select a link or footnote marker with Tab first");
		return;
	}
	if (s->kind == SP_LINK) {
		follow_link(p, s);
		return;
	}
	if ((fn = s->target ? doc_find_anchor(&p->doc, s->target) : -1) < 0) {
		view_error("Footnote %s is not in %s", s->target ? s->target :
		    "?", p->doc.slug);
		return;
	}
	view_push(&fnpopup_ops, &fn);
}

/* --- Copy ------------------------------------------------------------- */

void
pager_copy_block(int seq)
{
	const struct doc *d = pager_doc();
	const struct block *b;
	char *text, *what;

	if (d == NULL || seq < 0 || (size_t)seq >= d->nblocks)
		return;
	b = pager_block(seq);
	if (d->reference != NULL)
		text = xasprintf("%s\n%s#%s (Reference %s)\n", b->text,
		    d->slug, b->anchor, d->reference);
	else
		text = xasprintf("%s\n%s#%s\n", b->text, d->slug, b->anchor);
	what = xasprintf("%s#%s with its citation", d->slug, b->anchor);
	view_copy(text, what);
	free(text);
	free(what);
}

char *
pager_block_label(const struct doc *d, int seq)
{
	const struct block *b = d == pager_doc() ? pager_block(seq) :
	    &d->blocks[seq];

	if (b->kind == BK_BULLET && b->nspans > 0 &&
	    b->spans[0].kind == SP_BOLD && b->spans[0].start == 0 &&
	    b->spans[0].end > 0)
		return xstrndup(b->text, b->spans[0].end);
	return xstrdup(b->text);
}

static void
copy(struct view *v)
{
	const struct span *s = selected_span(v);
	int seq;

	if (s != NULL && s->kind == SP_LINK && s->target != NULL)
		view_copy(s->target, s->target);
	else if ((seq = current(v)) >= 0)
		pager_copy_block(seq);
	else
		view_error("Nothing to copy here");
}

/* The framework's moves and jumps: the lines counted as far as they go. */
static void
pager_count(struct view *v, size_t line)
{
	struct pager *p = v->priv;

	count_upto(p, p->nshown, line);
	v->nlines = p->nlines;
}

static int
pager_key(struct view *v, enum action a, bkey k)
{
	switch (a) {
	case ACT_LINE_DOWN:	return cursor_step(v, 1);
	case ACT_LINE_UP:	return cursor_step(v, -1);
	case ACT_NEXT_REC:	rec_jump(v, 1); return 1;
	case ACT_PREV_REC:	rec_jump(v, -1); return 1;
	case ACT_NEXT_LINK:	select_item(v, 1); return 1;
	case ACT_PREV_LINK:	select_item(v, -1); return 1;
	case ACT_FOLLOW:	follow(v); return 1;
	case ACT_COPY:		copy(v); return 1;
	case ACT_POSITION:	show_position(v); return 1;
	case ACT_BACK:
		if (!pager_back())
			view_message("Nothing to go back to");
		return 1;
	case ACT_VIEW_CLOSE:	/* q: back to the list a jump came from */
		return history_top_has_views() && pager_back();
	default:		return 0;
	}
}

const struct view_ops pager_ops = {
	.name = "pager",
	.ctx = CTX_PAGER,
	.size = sizeof(struct pager),
	.open = pager_open_view,
	.close = pager_close,
	.layout = pager_layout,
	.draw = pager_draw,
	.key = pager_key,
	.status = pager_status,
	.select = pager_select,
	.count = pager_count,
};

/* --- Filter ----------------------------------------------------------- */

void
pager_filter_clear(struct pager *p)
{
	free(p->keep);
	free(p->filter);
	p->keep = NULL;
	p->filter = NULL;
}

void
pager_set_filter(const int *seqs, size_t n, const char *label)
{
	struct pager *p = the_pager ? the_pager->priv : NULL;

	if (p == NULL)
		return;
	pager_filter_clear(p);
	p->recount = 1;
	if (seqs != NULL) {
		p->keep = xcalloc(p->doc.nblocks + 1, 1);
		for (size_t i = 0; i < n; i++)
			if (seqs[i] >= 0 && (size_t)seqs[i] < p->doc.nblocks)
				p->keep[seqs[i]] = 1;
		p->filter = xstrdup(label != NULL ? label : "&");
	}
	pager_relayout();
}

const char *
pager_filter(void)
{
	return the_pager ? ((struct pager *)the_pager->priv)->filter : NULL;
}
