/* layout.c: lay blocks out into display lines; see layout.h.
 *
 * One block goes through three stages:
 *
 * 1. struct text: the block text sanitised again.  Clean text (the usual
 *    case: the index holds sanitised text) is used as it is.  Otherwise the
 *    text is cut at every span and match offset and each piece sanitised on
 *    its own, so those offsets map exactly onto the new text (struct seg).
 *    (An offset inside an escape sequence leaves the rest of it as text:
 *    odd, but safe, and the index never holds such text.)
 * 2. struct dstr: the display string, built in one sweep over the text and
 *    the sorted span events: footnote markers inserted, ASCII stand-ins in
 *    ascii mode, and per byte its attributes, link span and source offset.
 * 3. struct fill: greedy filling of each hard line (split at '\n') by the
 *    segments between libunistring's break opportunities; a segment wider
 *    than the line is cut between grapheme clusters.  Every character is
 *    at most as wide as the line (stage 2 replaces any wider one), so the
 *    filling always advances and never overflows. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unilbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "layout.h"
#include "sanitize.h"
#include "xmalloc.h"

#define ENC	"UTF-8"

/* u8_width and uc_width with a fast path for ASCII, most of a
 * briefing's text: the same results (u8_width stops at a NUL and counts
 * controls as nothing), without a table lookup per character. */
static size_t
text_width(const uint8_t *s, size_t n)
{
	size_t	w = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 0x80)
			return u8_width(s, n, ENC);
		if (s[i] == '\0')
			break;
		w += s[i] >= 0x20 && s[i] < 0x7f;
	}
	return w;
}

static int
char_width(ucs4_t c)
{
	if (c >= 0x20 && c < 0x7f)
		return 1;
	return uc_width(c, ENC);
}

/* --- stage 1: sanitised text and offset maps -------------------------- */

struct seg {
	uint32_t	 o0, o1;	/* piece of the original text */
	uint32_t	 s0, s1;	/* what it became */
};

struct text {
	const char	*orig;		/* block->text */
	const char	*s;		/* sanitised text */
	uint32_t	 len;
	uint32_t	 olen;		/* original length */
	char		*own;		/* s, when sanitising copied */
	struct seg	*seg;		/* NULL when the text was clean */
	size_t		 nseg;
	uint32_t	(*sp)[2];	/* block spans, offsets into s */
	uint32_t	(*mt)[2];	/* match ranges, offsets into s */
};

static uint32_t
clamp(uint32_t off, uint32_t len)
{
	return off < len ? off : len;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The last segment whose start (original or sanitised) is <= off. */
static const struct seg *
seg_find(const struct text *t, uint32_t off, int sanitised)
{
	size_t lo = 0, hi = t->nseg;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t start = sanitised ? t->seg[mid].s0 : t->seg[mid].o0;

		if (start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return &t->seg[lo];
}

/* An offset of the original text, inside it and moved back to the start
 * of a UTF-8 sequence, so that no cut splits a character. */
static uint32_t
snap(const struct text *t, uint32_t off)
{
	const uint8_t *s = (const uint8_t *)t->orig;

	off = clamp(off, t->olen);
	for (int i = 0; i < 3 && off > 0 && off < t->olen &&
	    (s[off] & 0xc0) == 0x80; i++)
		off--;
	return off;
}

/* Original offset -> sanitised offset (exact at cut points). */
static uint32_t
text_san(const struct text *t, uint32_t off)
{
	const struct seg *g;
	uint32_t d;

	off = snap(t, off);
	if (t->seg == NULL)
		return off;
	g = seg_find(t, off, 0);
	d = off - g->o0;
	return g->s0 + (d < g->s1 - g->s0 ? d : g->s1 - g->s0);
}

/* Sanitised offset -> original offset (exact for clean pieces). */
static uint32_t
text_orig(const struct text *t, uint32_t off)
{
	const struct seg *g;
	uint32_t d;

	if (t->seg == NULL || off >= t->len)
		return t->seg == NULL ? off : t->olen;
	g = seg_find(t, off, 1);
	d = off - g->s0;
	return g->o0 + (d < g->o1 - g->o0 ? d : g->o1 - g->o0);
}

/* Cut the text at every span and match offset; sanitise each piece. */
static void
text_cut(struct text *t, const char *src, const struct block *b,
    const struct layout_opts *o)
{
	size_t		 n = 0, nb = 2 + 2 * (b->nspans + o->nmatch);
	uint32_t	*bnd = xreallocarray(NULL, nb, sizeof *bnd);
	struct buf	 out = { 0 };

	bnd[n++] = 0;
	bnd[n++] = t->olen;
	for (size_t i = 0; i < b->nspans; i++) {
		bnd[n++] = snap(t, b->spans[i].start);
		bnd[n++] = snap(t, b->spans[i].end);
	}
	for (size_t i = 0; i < o->nmatch; i++) {
		bnd[n++] = snap(t, o->match[i][0]);
		bnd[n++] = snap(t, o->match[i][1]);
	}
	qsort(bnd, n, sizeof *bnd, cmp_u32);
	t->seg = xreallocarray(NULL, n, sizeof *t->seg);
	for (size_t i = 1; i < n; i++) {
		struct seg *g;
		char *piece;

		if (bnd[i] == bnd[i - 1])
			continue;
		g = &t->seg[t->nseg++];
		g->o0 = bnd[i - 1];
		g->o1 = bnd[i];
		g->s0 = (uint32_t)out.len;
		piece = sanitize_text(src + g->o0, g->o1 - g->o0,
		    SAN_KEEP_NEWLINE);
		buf_adds(&out, piece);
		free(piece);
		g->s1 = (uint32_t)out.len;
	}
	if (t->nseg == 0)
		t->seg[t->nseg++] = (struct seg){ 0, 0, 0, 0 };
	free(bnd);
	t->len = (uint32_t)out.len;
	t->own = buf_steal(&out);
	t->s = t->own;
}

static void
text_init(struct text *t, const struct block *b, const struct layout_opts *o)
{
	const char *src = b->text != NULL ? b->text : "";
	size_t len = strlen(src);

	memset(t, 0, sizeof *t);
	t->orig = src;
	t->olen = len < UINT32_MAX ? (uint32_t)len : UINT32_MAX - 1;
	t->s = src;
	t->len = t->olen;
	if (!sanitize_is_clean(src, t->olen, SAN_KEEP_NEWLINE))
		text_cut(t, src, b, o);
	t->sp = xreallocarray(NULL, b->nspans + 1, sizeof *t->sp);
	for (size_t i = 0; i < b->nspans; i++) {
		t->sp[i][0] = text_san(t, b->spans[i].start);
		t->sp[i][1] = text_san(t, b->spans[i].end);
	}
	t->mt = xreallocarray(NULL, o->nmatch + 1, sizeof *t->mt);
	for (size_t i = 0; i < o->nmatch; i++) {
		t->mt[i][0] = text_san(t, o->match[i][0]);
		t->mt[i][1] = text_san(t, o->match[i][1]);
	}
}

static void
text_free(struct text *t)
{
	free(t->own);
	free(t->seg);
	free(t->sp);
	free(t->mt);
}

/* --- stage 2: the display string -------------------------------------- */

struct dstr {
	char		*s;
	uint8_t		*attr;		/* LA_* per byte */
	int32_t		*span;		/* link/fnref span per byte, or -1 */
	uint32_t	*src;		/* original text offset per byte */
	size_t		 len, cap;
};

static void
dstr_grow(struct dstr *d, size_t need)
{
	size_t cap = d->cap ? d->cap : 64;

	while (cap < need)
		cap *= 2;
	if (cap == d->cap)
		return;
	d->s = xrealloc(d->s, cap);
	d->attr = xrealloc(d->attr, cap);
	d->span = xreallocarray(d->span, cap, sizeof *d->span);
	d->src = xreallocarray(d->src, cap, sizeof *d->src);
	d->cap = cap;
}

static void
dstr_put(struct dstr *d, const char *s, size_t n, unsigned attr, int span,
    uint32_t src)
{
	/* One byte, the usual case (a character of ASCII text): no
	 * calls for it. */
	if (n == 1 && d->len + 2 <= d->cap) {
		d->s[d->len] = *s;
		d->attr[d->len] = (uint8_t)attr;
		d->span[d->len] = span;
		d->src[d->len++] = src;
		d->s[d->len] = '\0';
		return;
	}
	dstr_grow(d, d->len + n + 1);
	memcpy(d->s + d->len, s, n);
	memset(d->attr + d->len, (int)attr, n);
	for (size_t i = 0; i < n; i++) {
		d->span[d->len + i] = span;
		d->src[d->len + i] = src;
	}
	d->len += n;
	d->s[d->len] = '\0';
}

static void
dstr_free(struct dstr *d)
{
	free(d->s);
	free(d->attr);
	free(d->span);
	free(d->src);
}

/* ASCII stand-ins for characters with no useful decomposition. */
static const struct {
	ucs4_t		 c;
	const char	*s;
} standins[] = {
	{ 0x00a9, "(c)" }, { 0x00ab, "<<" }, { 0x00ad, "" },
	{ 0x00ae, "(R)" }, { 0x00b7, "." }, { 0x00bb, ">>" },
	{ 0x00c6, "AE" }, { 0x00d0, "D" }, { 0x00d7, "x" }, { 0x00d8, "O" },
	{ 0x00de, "Th" }, { 0x00df, "ss" }, { 0x00e6, "ae" }, { 0x00f0, "d" },
	{ 0x00f7, "/" }, { 0x00f8, "o" }, { 0x00fe, "th" }, { 0x0110, "D" },
	{ 0x0111, "d" }, { 0x0131, "i" }, { 0x0141, "L" }, { 0x0142, "l" },
	{ 0x0152, "OE" }, { 0x0153, "oe" }, { 0x2010, "-" }, { 0x2012, "-" },
	{ 0x2013, "-" }, { 0x2014, "--" }, { 0x2015, "--" }, { 0x2018, "'" },
	{ 0x2019, "'" }, { 0x201a, "'" }, { 0x201b, "'" }, { 0x201c, "\"" },
	{ 0x201d, "\"" }, { 0x201e, "\"" }, { 0x201f, "\"" }, { 0x2022, "-" },
	{ 0x2026, "..." }, { 0x2032, "'" }, { 0x2033, "\"" }, { 0x2039, "<" },
	{ 0x203a, ">" }, { 0x2044, "/" }, { 0x20ac, "EUR" }, { 0x2190, "<-" }, { 0x2192, "->" },
	{ 0x2212, "-" }, { 0x25cf, "*" }, { 0xfeff, "" }
};

/* Append an ASCII rendering of c: a stand-in, the ASCII letters of its
 * decomposition ("é" -> "e", "…" -> "..."), nothing for a zero-width
 * character, else '?'. */
static void
ascii_of(ucs4_t c, struct buf *out, int depth)
{
	ucs4_t	dec[UC_DECOMPOSITION_MAX_LENGTH];
	int	tag, n;

	if (c < 0x80) {
		buf_addc(out, (char)c);
		return;
	}
	for (size_t i = 0; i < sizeof standins / sizeof *standins; i++)
		if (standins[i].c == c) {
			buf_adds(out, standins[i].s);
			return;
		}
	n = depth < 4 ? uc_decomposition(c, &tag, dec) : -1;
	if (n > 0) {
		for (int i = 0; i < n; i++)
			ascii_of(dec[i], out, depth + 1);
	} else if (uc_width(c, ENC) != 0)
		buf_addc(out, '?');
}

/* Attribute state during the sweep over the text. */
struct sweep {
	const struct block	*b;
	const struct text	*t;
	const struct layout_opts *o;
	struct dstr		*d;
	unsigned		 base;		/* LA_TITLE / LA_HEADING */
	int			 w;		/* text columns */
	int			 cnt[4];	/* bold, italic, link, match */
	int			 link;		/* innermost open link span */
};

enum { EV_BOLD, EV_ITALIC, EV_LINK, EV_MATCH, EV_MARK };

struct ev {
	uint32_t	 pos;
	uint32_t	 seq;		/* keeps equal positions in order */
	int		 what;		/* EV_* */
	int		 delta;		/* +1 start, -1 end */
	int		 span;
};

static int
cmp_ev(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
ev_range(struct ev *ev, size_t *n, int what, int span, const uint32_t r[2])
{
	if (r[0] >= r[1])
		return;
	ev[*n] = (struct ev){ r[0], (uint32_t)*n, what, 1, span };
	(*n)++;
	ev[*n] = (struct ev){ r[1], (uint32_t)*n, what, -1, span };
	(*n)++;
}

/* All span and match starts and ends and the markers, sorted. */
static struct ev *
events(const struct sweep *w, size_t *nev)
{
	const struct block *b = w->b;
	struct ev *ev = xreallocarray(NULL, 2 * (b->nspans + w->o->nmatch) + 1,
	    sizeof *ev);
	size_t n = 0;

	for (size_t i = 0; i < b->nspans; i++) {
		int k = (int)i;

		switch (b->spans[i].kind) {
		case SP_BOLD:
			ev_range(ev, &n, EV_BOLD, k, w->t->sp[i]);
			break;
		case SP_ITALIC:
			ev_range(ev, &n, EV_ITALIC, k, w->t->sp[i]);
			break;
		case SP_LINK:
			ev_range(ev, &n, EV_LINK, k, w->t->sp[i]);
			break;
		case SP_FNREF:
			ev[n] = (struct ev){ w->t->sp[i][0], (uint32_t)n,
			    EV_MARK, 0, k };
			n++;
			break;
		}
	}
	for (size_t i = 0; i < w->o->nmatch; i++)
		ev_range(ev, &n, EV_MATCH, -1, w->t->mt[i]);
	qsort(ev, n, sizeof *ev, cmp_ev);
	*nev = n;
	return ev;
}

/* A link span still open at pos, after the innermost one ended. */
static int
open_link(const struct sweep *w, uint32_t pos)
{
	for (size_t i = 0; i < w->b->nspans; i++)
		if (w->b->spans[i].kind == SP_LINK && w->t->sp[i][0] <= pos &&
		    pos < w->t->sp[i][1])
			return (int)i;
	return -1;
}

static void
put_marker(struct sweep *w, int span, uint32_t pos)
{
	struct dstr *d = w->d;
	uint32_t src = text_orig(w->t, pos);
	char *mark = layout_fnmark(w->b->spans[span].target, w->o->ascii);

	/* "¹²" would read as 12: keep adjacent markers apart. */
	if (!w->o->ascii && d->len > 0 && (d->attr[d->len - 1] & LA_FNREF))
		dstr_put(d, ",", 1, w->base | LA_FNREF, span, src);
	dstr_put(d, mark, strlen(mark), w->base | LA_FNREF, span, src);
	free(mark);
}

static void
apply(struct sweep *w, const struct ev *e)
{
	if (e->what == EV_MARK) {
		put_marker(w, e->span, e->pos);
		return;
	}
	w->cnt[e->what] += e->delta;
	if (e->what != EV_LINK)
		return;
	if (e->delta > 0)
		w->link = e->span;
	else if (e->span == w->link)
		w->link = w->cnt[EV_LINK] > 0 ? open_link(w, e->pos) : -1;
}

static unsigned
cur_attr(const struct sweep *w)
{
	static const unsigned bit[4] = { LA_BOLD, LA_ITALIC, LA_LINK,
	    LA_MATCH };
	unsigned a = w->base;

	for (int i = 0; i < 4; i++)
		if (w->cnt[i] > 0)
			a |= bit[i];
	return a;
}

/* One character of the text, as the display shows it. */
static void
put_char(struct sweep *w, ucs4_t c, const char *s, int n, uint32_t src)
{
	unsigned attr = cur_attr(w);
	int span = (attr & LA_LINK) ? w->link : -1;
	int cw;

	if (c == '\n' || c == 0x2028 || c == 0x2029) {
		dstr_put(w->d, "\n", 1, attr, span, src);
	} else if (w->o->ascii == LAYOUT_LATIN1 && c >= 0xa0 && c <= 0xff) {
		dstr_put(w->d, s, (size_t)n, attr, span, src);
	} else if (w->o->ascii) {
		struct buf a = { 0 };

		ascii_of(c, &a, 0);
		if (a.len > 0)
			dstr_put(w->d, a.data, a.len, attr, span, src);
		buf_free(&a);
	} else if ((cw = char_width(c)) < 0 || cw > w->w) {
		dstr_put(w->d, "?", 1, attr, span, src);
	} else
		dstr_put(w->d, s, (size_t)n, attr, span, src);
}

static void
build(struct sweep *w)
{
	const struct text *t = w->t;
	const uint8_t *s = (const uint8_t *)t->s;
	size_t nev, e = 0;
	struct ev *ev = events(w, &nev);
	uint32_t i = 0;

	dstr_grow(w->d, t->len + 8 * w->b->nspans + 1);
	for (;;) {
		while (e < nev && ev[e].pos <= i)
			apply(w, &ev[e++]);
		if (i >= t->len)
			break;
		ucs4_t c;
		int n = u8_mbtouc(&c, s + i, t->len - i);

		put_char(w, c, t->s + i, n, text_orig(t, i));
		i += (uint32_t)n;
	}
	free(ev);
}

/* --- stage 3: filling lines ------------------------------------------- */

struct prefix {
	char		*first;		/* "  • ", "¹ " */
	char		*cont;		/* as many spaces */
	size_t		 len;		/* bytes of first */
	size_t		 clen;		/* bytes of cont */
	int		 w;		/* columns of either */
};


/* The margin of a block: indent, glyph, space.  It takes at most half the
 * width, shedding indent first, then the space, then the glyph. */
static void
prefix_init(struct prefix *p, const struct block *b, int width, int ascii)
{
	char *glyph = NULL;
	int indent = 0, gw = 0, sep = 1, cap = width / 2;
	struct buf f = { 0 }, c = { 0 };

	if (b->kind == BK_BULLET || b->kind == BK_ITEM) {
		/* A numbered item shows the number its document prints. */
		glyph = xstrdup(b->number != NULL ? b->number :
		    ascii ? "-" : "•");
		indent = b->depth > 0 ? (b->depth < cap ? b->depth : cap) * 2 : 0;
	} else if (b->kind == BK_HEADING && b->number != NULL) {
		glyph = xstrdup(b->number);	/* "1.2 Scope" */
	} else if (b->kind == BK_FOOTNOTE && b->fn > 0) {
		char target[32];

		snprintf(target, sizeof target, "fn-%d", b->fn);
		glyph = layout_fnmark(target, ascii);
	}
	if (glyph != NULL)
		gw = u8_width((const uint8_t *)glyph, strlen(glyph), ENC);
	if (indent + gw + sep > cap)
		indent = cap - gw - sep > 0 ? cap - gw - sep : 0;
	if (gw + sep > cap)
		sep = 0;
	if (gw > cap)
		gw = 0;
	for (int i = 0; i < indent; i++)
		buf_addc(&f, ' ');
	if (gw > 0)
		buf_adds(&f, glyph);
	if (gw > 0 && sep)
		buf_addc(&f, ' ');
	p->w = gw > 0 ? indent + gw + sep : 0;
	for (int i = 0; i < p->w; i++)
		buf_addc(&c, ' ');
	p->len = f.len;
	p->clen = c.len;
	p->first = buf_steal(&f);
	p->cont = buf_steal(&c);
	free(glyph);
}

struct fill {
	const struct dstr	*d;
	const struct text	*t;
	const struct prefix	*pre;
	int			 w;		/* text columns */
	int			 seq;
	int			 first;		/* next line gets the glyph */
	size_t			 ls, le;	/* line start, content end */
	int			 col;		/* columns used, with spaces */
	int			 short_urls;	/* layout_opts */
	int			 ascii;		/* layout_opts */
	struct lline		**lines;
	size_t			*nlines, *cap, added;
};

static int
dwidth(const struct dstr *d, size_t s, size_t e)
{
	return e > s ? (int)text_width((const uint8_t *)d->s + s, e - s) : 0;
}

static uint32_t
src_at(const struct fill *f, size_t i)
{
	return i < f->d->len ? f->d->src[i] : f->t->olen;
}

static void
add_run(struct lline *l, uint32_t off, uint32_t len, unsigned attr, int span)
{
	l->runs[l->nruns++] = (struct lrun){ off, len, attr, span };
}

/* The runs of d[ls, le): one per stretch of equal attribute and span. */
static void
line_runs(struct lline *l, const struct dstr *d, size_t ls, size_t le,
    size_t plen)
{
	size_t n = plen > 0, start = ls;

	for (size_t i = ls; i < le; i++)
		if (i == ls || d->attr[i] != d->attr[i - 1] ||
		    d->span[i] != d->span[i - 1])
			n++;
	l->runs = xreallocarray(NULL, n + 1, sizeof *l->runs);
	if (plen > 0)
		add_run(l, 0, (uint32_t)plen, LA_MARGIN, -1);
	for (size_t i = ls + 1; i <= le; i++)
		if (i == le || d->attr[i] != d->attr[i - 1] ||
		    d->span[i] != d->span[i - 1]) {
			add_run(l, (uint32_t)(plen + start - ls),
			    (uint32_t)(i - start), d->attr[start],
			    d->span[start]);
			start = i;
		}
}

static struct lline *
new_line(struct fill *f)
{
	if (*f->nlines == *f->cap) {
		*f->cap = *f->cap ? *f->cap * 2 : 16;
		*f->lines = xreallocarray(*f->lines, *f->cap, sizeof **f->lines);
	}
	f->added++;
	return memset(&(*f->lines)[(*f->nlines)++], 0, sizeof **f->lines);
}

/* Bytes of the URL prefix (http://, https://, www.) s starts with, or 0. */
static size_t
url_prefix(const char *s, size_t n)
{
	if (n > 8 && strncmp(s, "https://", 8) == 0)
		return 8;
	if (n > 7 && strncmp(s, "http://", 7) == 0)
		return 7;
	if (n > 4 && strncmp(s, "www.", 4) == 0)
		return 4;
	return 0;
}

/* The URL u[0, n) in at most w columns: scheme and host, "…" (or
 * "..."), "/" and the last path segment, cut at the end (with an
 * ellipsis) when even that is too wide.  A new string. */
static char *
shorten_url(const char *u, size_t n, int w, int ascii)
{
	const char *ell = ascii ? "..." : "…";
	size_t sch = strncmp(u, "www.", 4) == 0 ? 0 : url_prefix(u, n);
	size_t host = sch + strcspn(u + sch, "/");
	size_t last = n, keep;
	struct buf b = { 0 };

	if (host > n)
		host = n;
	while (last > host && u[last - 1] == '/')	/* a trailing / */
		last--;
	while (last > host && u[last - 1] != '/')
		last--;
	buf_add(&b, u, host);
	buf_adds(&b, "/");
	buf_adds(&b, ell);
	buf_add(&b, u + last - (last > host), n - last + (last > host));
	if (u8_width((const uint8_t *)b.data, b.len, ENC) <= w)
		return buf_steal(&b);
	/* Still too wide: the start, cut, and the ellipsis. */
	buf_free(&b);
	keep = 0;
	while (keep < n && (int)keep + (ascii ? 3 : 1) < w)
		keep++;			/* URLs are ASCII (or cut as bytes) */
	while (keep > 0 && ((unsigned char)u[keep] & 0xc0) == 0x80)
		keep--;
	buf_add(&b, u, keep);
	buf_adds(&b, ell);
	return buf_steal(&b);
}

/* A line that is one URL wider than the line, in the reader: shortened,
 * one run (the URL's attributes and span), after the prefix's run. */
static void
short_url_line(struct fill *f, struct lline *l, size_t plen)
{
	char *s = shorten_url(l->text + plen, strlen(l->text + plen),
	    f->w, f->ascii);
	struct lrun r = { 0 };
	size_t k = 0;

	for (size_t i = 0; i < l->nruns; i++)
		if (l->runs[i].off >= plen) {
			r = l->runs[i];
			break;
		}
	if (plen > 0)
		k = 1;			/* the prefix's margin run */
	l->text = xrealloc(l->text, plen + strlen(s) + 1);
	strcpy(l->text + plen, s);
	r.off = (uint32_t)plen;
	r.len = (uint32_t)strlen(s);
	r.attr &= ~(unsigned)LA_MATCH;
	l->runs[k] = r;
	l->nruns = k + 1;
	l->width = f->pre->w + (int)text_width((const uint8_t *)s, strlen(s));
	free(s);
}

/* Emit d[ls, le) as a line; brk is where the next line's text starts. */
static void
emit(struct fill *f, size_t ls, size_t le, size_t brk)
{
	struct lline *l = new_line(f);
	const char *pre = f->first ? f->pre->first : f->pre->cont;
	size_t plen = f->first ? f->pre->len : f->pre->clen;

	while (le > ls && f->d->s[le - 1] == ' ')
		le--;
	l->text = xmalloc(plen + (le - ls) + 1);
	memcpy(l->text, pre, plen);
	memcpy(l->text + plen, f->d->s + ls, le - ls);
	l->text[plen + (le - ls)] = '\0';
	line_runs(l, f->d, ls, le, plen);
	l->width = f->pre->w + dwidth(f->d, ls, le);
	l->block = f->seq;
	l->src_start = src_at(f, ls);
	l->src_end = src_at(f, brk);
	f->first = 0;
	if (f->short_urls && l->width - f->pre->w > f->w &&
	    url_prefix(f->d->s + ls, le - ls) > 0)
		short_url_line(f, l, plen);
}

/* Start a new line at s, emitting the current one if it holds text. */
static void
newline_at(struct fill *f, size_t s)
{
	if (f->le > f->ls)
		emit(f, f->ls, f->le, s);
	f->ls = f->le = s;
	f->col = 0;
}

/* Place d[s, e) of width uw, which must not be split. */
static void
put_unit(struct fill *f, size_t s, size_t e, int uw)
{
	if (f->col + uw > f->w)
		newline_at(f, s);
	f->col += uw;
	f->le = e;
}

/* A word wider than the line: cut between grapheme clusters, or between
 * characters for a cluster wider than the line. */
static void
split_long(struct fill *f, size_t s, size_t e)
{
	const uint8_t *base = (const uint8_t *)f->d->s;

	while (s < e) {
		size_t g = (size_t)(u8_grapheme_next(base + s, base + e) - base);
		int gw = dwidth(f->d, s, g);

		if (gw <= f->w && f->col + gw > f->w && g == s + 1 &&
		    f->d->s[s] == ' ') {
			newline_at(f, g);	/* no line starts with it */
			s = g;
			continue;
		}
		if (gw <= f->w) {
			put_unit(f, s, g, gw);
			s = g;
			continue;
		}
		while (s < g) {
			int n = u8_mblen(base + s, g - s);

			n = n > 0 ? n : 1;
			put_unit(f, s, s + (size_t)n, dwidth(f->d, s, s + (size_t)n));
			s += (size_t)n;
		}
	}
}

/* Place the segment d[s, e) between two break opportunities. */
static void
put_segment(struct fill *f, size_t s, size_t e)
{
	size_t ce = e;
	int cw;

	while (ce > s && f->d->s[ce - 1] == ' ')
		ce--;
	cw = dwidth(f->d, s, ce);
	if (f->col > 0 && f->col + cw > f->w)
		newline_at(f, s);
	if (cw > f->w && url_prefix(f->d->s + s, ce - s) > 0) {
		/* A URL wider than the line: whole, on a line of its own
		 * (shortened there in the reader, see emit). */
		f->col += cw + (int)(e - ce);	/* what follows: a new line */
		f->le = ce;
		return;
	}
	if (cw <= f->w - f->col) {
		f->col += cw;
		f->le = ce;
	} else
		split_long(f, s, ce);
	f->col += (int)(e - ce);
}

/* No break inside a URL written out (http://, https://, www.) in
 * d[a, b): terminals find a URL on one line, not two.  One wider than
 * the line is still cut where it must be. */
static void
keep_urls(const struct dstr *d, size_t a, size_t b, char *p)
{
	for (size_t i = a; i < b; i++) {
		size_t n = b - i, e;

		if ((i > a && d->s[i - 1] != ' ' && d->s[i - 1] != '(' &&
		    d->s[i - 1] != '<') || !((n > 7 &&
		    strncmp(d->s + i, "http://", 7) == 0) || (n > 8 &&
		    strncmp(d->s + i, "https://", 8) == 0) || (n > 4 &&
		    strncmp(d->s + i, "www.", 4) == 0)))
			continue;
		for (e = i; e < b && d->s[e] != ' ' && d->s[e] != '>'; e++)
			if (e > i)
				p[e - a] = UC_BREAK_PROHIBITED;
		i = e;
	}
}

/* Fill the hard line d[a, b) ('\n' or the end at b). */
static void
fill_hard_line(struct fill *f, size_t a, size_t b, char *p)
{
	f->ls = f->le = a;
	f->col = 0;
	if (a < b) {
		size_t s = a;

		u8_possible_linebreaks((const uint8_t *)f->d->s + a, b - a, ENC,
		    p);
		keep_urls(f->d, a, b, p);
		for (size_t i = a + 1; i <= b; i++) {
			if (i < b && (p[i - a] == UC_BREAK_PROHIBITED ||
			    p[i - a] == UC_BREAK_UNDEFINED ||
			    (f->d->attr[i] & LA_FNREF)))
				continue;
			put_segment(f, s, i);
			s = i;
		}
	}
	emit(f, f->ls, f->le, b);
}

static void
fill_block(struct fill *f)
{
	const struct dstr *d = f->d;
	char *p = xmalloc(d->len + 1);
	size_t a = 0;

	for (;;) {
		const char *nl = memchr(d->s + a, '\n', d->len - a);
		size_t b = nl != NULL ? (size_t)(nl - d->s) : d->len;

		fill_hard_line(f, a, b, p);
		if (nl == NULL)
			break;
		a = b + 1;
	}
	free(p);
}

/* --- the interface ---------------------------------------------------- */

char *
layout_fnmark(const char *target, int ascii)
{
	static const char *sup[10] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶",
	    "⁷", "⁸", "⁹" };
	const char *dash = target != NULL ? strrchr(target, '-') : NULL;
	const char *num = dash != NULL ? dash + 1 : "";
	size_t n = strspn(num, "0123456789");
	struct buf b = { 0 };

	if (n == 0 || num[n] != '\0' || n > 9) {
		buf_adds(&b, ascii ? "[*]" : "*");
		return buf_steal(&b);
	}
	if (ascii)
		buf_printf(&b, "[%.*s]", (int)n, num);
	else
		for (size_t i = 0; i < n; i++)
			buf_adds(&b, sup[num[i] - '0']);
	return buf_steal(&b);
}

size_t
layout_block(const struct block *b, const struct layout_opts *o,
    struct lline **lines, size_t *nlines, size_t *cap)
{
	int width = o->width > 0 ? o->width : 1;
	struct text t;
	struct dstr d = { 0 };
	struct prefix pre;
	struct sweep w = { 0 };
	struct fill f = { 0 };

	prefix_init(&pre, b, width, o->ascii);
	text_init(&t, b, o);
	w.b = b;
	w.t = &t;
	w.o = o;
	w.d = &d;
	w.w = width - pre.w;
	w.link = -1;
	w.base = b->kind == BK_TITLE ? LA_TITLE :
	    b->kind == BK_HEADING ? LA_HEADING : 0;
	build(&w);
	f = (struct fill){ .d = &d, .t = &t, .pre = &pre, .w = w.w,
	    .seq = b->seq, .first = 1, .short_urls = o->short_urls,
	    .ascii = o->ascii,
	    .lines = lines, .nlines = nlines, .cap = cap };
	fill_block(&f);
	dstr_free(&d);
	text_free(&t);
	free(pre.first);
	free(pre.cont);
	return f.added;
}

static void
lines_clear(struct lline *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(l[i].text);
		free(l[i].runs);
	}
}

void
layout_free(struct lline *l, size_t n)
{
	lines_clear(l, n);
	free(l);
}

/* A table block (cells split by '\t', rows by '\n') as aligned rows:
 * each column as wide as its widest cell (display columns,
 * u8_strwidth), columns apart by " | "; when the table is wider than
 * the line, the widest columns give way (to 3 columns at least) and a
 * cell too long for its column ends in "…" ("." in ASCII).  The whole
 * cell stays in the index and in `brief show --json`. */
static char *
table_text(const struct block *b, const struct layout_opts *o)
{
	char		*src = xstrdup(b->text);
	char		**cell = NULL;
	int		*rowlen = NULL, *colw = NULL, *cw = NULL;
	size_t		 ncell = 0, nrow = 0, ncol = 0, total;
	int		 width = o->width > 0 ? o->width : 1;
	struct buf	 out = { 0 };

	/* Cells in the line's encoding, with their widths. */
	for (char *row = src, *rend; row != NULL; row = rend) {
		size_t	n = 0;

		if ((rend = strchr(row, '\n')) != NULL)
			*rend++ = '\0';
		for (char *c = row, *cend; c != NULL; c = cend, n++) {
			struct buf	 cb = { 0 };
			char		*clean;
			const uint8_t	*p;
			ucs4_t		 uc;

			if ((cend = strchr(c, '\t')) != NULL)
				*cend++ = '\0';
			clean = sanitize_display(c);
			p = (const uint8_t *)clean;
			for (int k; *p != '\0'; p += k) {
				k = u8_mbtouc(&uc, p, strlen((const char *)p));
				if (o->ascii)
					ascii_of(uc, &cb, 0);
				else
					buf_add(&cb, p, (size_t)k);
			}
			free(clean);
			cell = xappend(cell, ncell, sizeof *cell);
			cell[ncell] = buf_steal(&cb);
			cw = xappend(cw, ncell, sizeof *cw);
			cw[ncell] = u8_strwidth((const uint8_t *)cell[ncell],
			    ENC);
			ncell++;
		}
		rowlen = xappend(rowlen, nrow, sizeof *rowlen);
		rowlen[nrow++] = (int)n;
		if (n > ncol)
			ncol = n;
	}
	colw = xcalloc(ncol, sizeof *colw);
	for (size_t r = 0, k = 0; r < nrow; r++)
		for (int j = 0; j < rowlen[r]; j++, k++)
			if (cw[k] > colw[j])
				colw[j] = cw[k];
	/* Narrow the widest column until the table fits. */
	for (;;) {
		size_t	wide = 0;

		total = 3 * (ncol - 1);
		for (size_t j = 0; j < ncol; j++) {
			total += (size_t)colw[j];
			if (colw[j] > colw[wide])
				wide = j;
		}
		if (total <= (size_t)width || colw[wide] <= 3)
			break;
		colw[wide]--;
	}
	for (size_t r = 0, k = 0; r < nrow; r++) {
		size_t	start = out.len;

		for (int j = 0; j < rowlen[r]; j++, k++) {
			const uint8_t	*p = (const uint8_t *)cell[k];
			int		 used = 0, room = colw[j];
			ucs4_t		 uc;

			if (j > 0)
				buf_adds(&out, o->ascii ? " | " : " \u2502 ");
			if (cw[k] > room)
				room--;		/* for the ellipsis */
			for (int n, w; *p != '\0'; p += n) {
				n = u8_mbtouc(&uc, p, strlen((const char *)p));
				if ((w = uc_width(uc, ENC)) < 0)
					w = 0;
				if (used + w > room)
					break;
				buf_add(&out, p, (size_t)n);
				used += w;
			}
			if (cw[k] > colw[j]) {
				buf_adds(&out, o->ascii ? "." : "\u2026");
				used++;
			}
			for (; used < colw[j]; used++)
				buf_addc(&out, ' ');
		}
		while (out.len > start && out.data[out.len - 1] == ' ')
			out.data[--out.len] = '\0';
		buf_addc(&out, '\n');
	}
	for (size_t k = 0; k < ncell; k++)
		free(cell[k]);
	free(cell);
	free(cw);
	free(colw);
	free(rowlen);
	free(src);
	return buf_steal(&out);
}

/* Lay out one block and append its lines to out. */
static void
doc_block(struct buf *out, const struct block *b,
    const struct layout_opts *o, struct lline **l, size_t *cap)
{
	size_t n = 0;

	if (b->kind == BK_TABLE) {
		char	*t = table_text(b, o);

		buf_adds(out, t);
		free(t);
		return;
	}

	layout_block(b, o, l, &n, cap);
	for (size_t i = 0; i < n; i++) {
		buf_adds(out, (*l)[i].text);
		buf_addc(out, '\n');
	}
	lines_clear(*l, n);
}

char *
layout_doc_text(const struct doc *d, const struct layout_opts *o)
{
	struct layout_opts	 lo = *o;
	struct buf		 out = { 0 };
	struct lline		*l = NULL;
	size_t			 cap = 0;
	int			 any = 0, fns = 0;
	int			 fn;

	lo.match = NULL;
	lo.nmatch = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < d->nblocks; i++) {
			const struct block *b = &d->blocks[i];

			fn = b->kind == BK_FOOTNOTE;
			if (fn != pass)
				continue;
			/* Footnotes form one list after a blank line. */
			if (any && (!fn || fns == 0))
				buf_addc(&out, '\n');
			fns += fn;
			doc_block(&out, b, &lo, &l, &cap);
			any = 1;
		}
	free(l);
	return buf_steal(&out);
}
