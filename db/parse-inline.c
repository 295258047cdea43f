/* parse-inline.c: inline markup of one block to plain text plus spans.
 *
 * One left-to-right pass copies the source into the text, turning links
 * (<url>, [text](url)) and footnote markers (superscript digits, [^n],
 * [n]) into spans as it goes, and copying emphasis delimiters (* ** _ __)
 * through while noting where they are.  Delimiters are then paired per
 * kind, in order; paired ones are cut out of the text and every offset is
 * shifted past the cuts.  Unpaired ones stay as literal characters, so no
 * text is ever dropped.  Each step is linear in the block's length. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "file.h"
#include "parse-inline.h"
#include "spill.h"
#include "xmalloc.h"

#define FN_MAX_DIGITS	8

enum { DK_STAR2, DK_STAR1, DK_UND2, DK_UND1, DK__COUNT };

struct delim {
	uint32_t	 off;		/* in the unresolved text */
	uint8_t		 n;		/* bytes */
	uint8_t		 kind;		/* DK_* */
	uint8_t		 can_open;
	uint8_t		 can_close;
	uint8_t		 matched;
};

struct ib {
	const struct inline_ctx	*ctx;
	const char	*s;
	size_t		 len;
	size_t		 i;
	int		 line;
	struct buf	 text;
	struct delim	*dl;
	size_t		 ndl, dlcap;
	struct span	*sp;
	size_t		 nsp, spcap;
	size_t		 rbracket;	/* next ']' at or after i, or len */
	size_t		 url_for;	/* rbracket the cached url_end is for */
	size_t		 url_end;	/* its ')' or 0 if no "(url)" */
	int		 in_link;
	size_t		 link_close;	/* the link text's ']' */
	uint32_t	 link_start;
	char		*link_url;
	size_t		 dropped;	/* source gone below here */
	size_t		 next_drop;	/* when to drop again */
	size_t		 base;		/* text bytes before text.data: in
					 * the spill file from uoff on */
	uint64_t	 uoff;
};

/* The text's length so far, its bytes written out included: every
 * offset (delimiters, spans) counts from the block's start. */
static size_t
tlen(const struct ib *b)
{
	return b->base + b->text.len;
}

static struct span *
add_span(struct ib *b, enum span_kind kind, size_t start, size_t end,
    char *target)
{
	struct span	*sp;

	if (b->nsp == b->spcap) {
		b->spcap = b->spcap ? b->spcap * 2 : 4;
		b->sp = xreallocarray(b->sp, b->spcap, sizeof *b->sp);
	}
	sp = &b->sp[b->nsp++];
	sp->start = start;
	sp->end = end;
	sp->kind = kind;
	sp->target = target;
	return sp;
}

static void
add_delim(struct ib *b, int kind, int n, int can_open, int can_close)
{
	struct delim	*d;

	if (b->ndl == b->dlcap) {
		b->dlcap = b->dlcap ? b->dlcap * 2 : 8;
		b->dl = xreallocarray(b->dl, b->dlcap, sizeof *b->dl);
	}
	d = &b->dl[b->ndl++];
	d->off = tlen(b);
	d->n = n;
	d->kind = kind;
	d->can_open = can_open;
	d->can_close = can_close;
	d->matched = 0;
	buf_add(&b->text, b->s + b->i, n);
	b->i += n;
}

static int
sup_digit(ucs4_t c)
{
	switch (c) {
	case 0x2070: return 0;
	case 0x00b9: return 1;
	case 0x00b2: return 2;
	case 0x00b3: return 3;
	}
	return c >= 0x2074 && c <= 0x2079 ? (int)(c - 0x2070) : -1;
}

long
inline_sup_number(const char *s, size_t len, size_t *used)
{
	const uint8_t	*u = (const uint8_t *)s;
	size_t		 i = 0;
	long		 n = 0;
	int		 digits = 0, v, k;
	ucs4_t		 c;

	*used = 0;
	while (i < len && (k = u8_mbtouc(&c, u + i, len - i)) > 0 &&
	    (v = sup_digit(c)) >= 0) {
		if (++digits > FN_MAX_DIGITS)
			return -1;
		n = n * 10 + v;
		i += k;
	}
	if (digits == 0)
		return -1;
	*used = i;
	return n;
}

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

static int
isalpha_ascii(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* The word ending at s[at] is an all-capitals ASCII word: "G", "COVID". */
static int
ascii_upper_word(const char *s, size_t at)
{
	size_t	k = at;

	while (k > 0 && s[k - 1] >= 'A' && s[k - 1] <= 'Z')
		k--;
	return k < at && (k == 0 || (!isalpha_ascii((unsigned char)s[k - 1])
	    && (unsigned char)s[k - 1] < 0x80));
}

long
inline_glued_marker(const char *s, size_t at, size_t len, size_t *used)
{
	size_t		 k = at;
	unsigned char	 prev, before;
	long		 n;

	if (at == 0 || !isdig(s[at]))
		return -1;
	while (k < len && k - at < 4 && isdig(s[k]))
		k++;
	if (k - at > 3 || (k < len && (isdig(s[k]) ||
	    isalpha_ascii((unsigned char)s[k]))))
		return -1;
	prev = (unsigned char)s[at - 1];
	before = at >= 2 ? (unsigned char)s[at - 2] : ' ';
	if (prev != '\0' && strchr(".,;:)\"'*_", prev) != NULL) {
		/* "rights.12": the punctuation ends a word */
		if (!isalpha_ascii(before) && before < 0x80)
			return -1;
	} else if (!isalpha_ascii(prev) && !(prev >= 0x80 && prev < 0xc0))
		return -1;
	else if (ascii_upper_word(s, at))
		return -1;		/* "G20", "COVID19" */
	n = strtol(s + at, NULL, 10);
	*used = k - at;
	return n > 0 ? n : -1;
}

static void
cite(struct ib *b, long n)
{
	add_span(b, SP_FNREF, tlen(b), tlen(b), xasprintf("fn-%ld", n));
	if (b->ctx->cite != NULL)
		b->ctx->cite(b->ctx->arg, n, b->line);
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\n';
}

static int
is_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* A run of '*' or '_': at most "***" is markup, longer runs are text.
 * '_' inside a word (snake_case) is never markup. */
static void
delim_run(struct ib *b)
{
	char		 ch = b->s[b->i];
	size_t		 r = 0;
	unsigned char	 prev, next;
	int		 open, close, base = ch == '*' ? DK_STAR2 : DK_UND2;

	while (b->i + r < b->len && b->s[b->i + r] == ch)
		r++;
	prev = b->i > 0 ? b->s[b->i - 1] : ' ';
	next = b->i + r < b->len ? b->s[b->i + r] : ' ';
	open = !is_space(next);
	close = !is_space(prev);
	if (ch == '_') {
		open = open && !is_word(prev);
		close = close && !is_word(next);
	}
	if (r > 3) {
		buf_add(&b->text, b->s + b->i, r);
		b->i += r;
		return;
	}
	if (r >= 2)
		add_delim(b, base, 2, open, close);
	if (r != 2)
		add_delim(b, base + 1, 1, open, close);
}

static int
backslash(struct ib *b)
{
	unsigned char	c;

	if (b->i + 1 >= b->len)
		return 0;
	c = b->s[b->i + 1];
	if (c == 0 || strchr("\\`*_{}[]()#+-.!<>|~^", c) == NULL)
		return 0;
	buf_addc(&b->text, c);
	b->i += 2;
	return 1;
}

static int
has_scheme(const char *s, size_t len)
{
	static const char *schemes[] = { "https://", "http://", "mailto:",
	    "ftp://" };

	for (size_t k = 0; k < sizeof schemes / sizeof *schemes; k++) {
		size_t n = strlen(schemes[k]);

		if (len > n && strncmp(s, schemes[k], n) == 0)
			return 1;
	}
	return 0;
}

/* "<https://...>": the URL goes into the text, the brackets do not. */
static int
autolink(struct ib *b)
{
	size_t	 k = b->i + 1, start;

	if (!has_scheme(b->s + k, b->len - k))
		return 0;
	while (k < b->len && b->s[k] != '>' && b->s[k] != '<' &&
	    !is_space(b->s[k]))
		k++;
	if (k >= b->len || b->s[k] != '>')
		return 0;
	start = tlen(b);
	buf_add(&b->text, b->s + b->i + 1, k - b->i - 1);
	add_span(b, SP_LINK, start, tlen(b),
	    xstrndup(b->s + b->i + 1, k - b->i - 1));
	b->i = k + 1;
	return 1;
}

/* Digits from s[k] up to ']' (exclusive); the number or -1. */
static long
bracket_number(const struct ib *b, size_t k, size_t *close)
{
	long	n = 0;
	int	digits = 0;

	while (k < b->len && b->s[k] >= '0' && b->s[k] <= '9') {
		if (++digits > FN_MAX_DIGITS)
			return -1;
		n = n * 10 + (b->s[k++] - '0');
	}
	if (digits == 0 || k >= b->len || b->s[k] != ']')
		return -1;
	*close = k;
	return n;
}

static int
long_cmp(const void *va, const void *vb)
{
	long	a = *(const long *)va, b = *(const long *)vb;

	return a < b ? -1 : a > b;
}

/* "[^n]" always, "[n]" when the endnote list has an n. */
static int
fn_bracket(struct ib *b)
{
	const struct inline_ctx	*ctx = b->ctx;
	size_t			 close;
	int			 caret = b->i + 1 < b->len && b->s[b->i + 1] == '^';
	long			 n;

	if (!caret && ctx->nbracket_notes == 0)
		return 0;
	n = bracket_number(b, b->i + 1 + caret, &close);
	if (n < 0 || (!caret && bsearch(&n, ctx->bracket_notes,
	    ctx->nbracket_notes, sizeof n, long_cmp) == NULL))
		return 0;
	cite(b, n);
	b->i = close + 1;
	return 1;
}

/* The ')' ending "(url)" right after the ']' at r, or 0.  Cached per r,
 * so a line of many '[' before one ']' stays linear. */
static size_t
link_url_end(struct ib *b, size_t r)
{
	size_t	k = r + 2;

	if (b->url_for == r)
		return b->url_end;
	b->url_for = r;
	b->url_end = 0;
	if (r + 1 >= b->len || b->s[r + 1] != '(')
		return 0;
	while (k < b->len && b->s[k] != ')' && b->s[k] != '(' &&
	    !is_space(b->s[k]))
		k++;
	if (k < b->len && b->s[k] == ')' && k > r + 2)
		b->url_end = k;
	return b->url_end;
}

/* "[text](url)": open the link; its text is parsed like any other. */
static int
link_open(struct ib *b)
{
	const char	*p;
	size_t		 end;

	if (b->in_link)
		return 0;
	if (b->rbracket < b->i || b->rbracket == (size_t)-1) {
		p = memchr(b->s + b->i, ']', b->len - b->i);
		b->rbracket = p != NULL ? (size_t)(p - b->s) : b->len;
	}
	if (b->rbracket >= b->len || (end = link_url_end(b, b->rbracket)) == 0)
		return 0;
	b->in_link = 1;
	b->link_close = b->rbracket;
	b->link_start = tlen(b);
	b->link_url = xstrndup(b->s + b->rbracket + 2, end - b->rbracket - 2);
	b->i++;
	return 1;
}

static void
link_close(struct ib *b)
{
	size_t	end = link_url_end(b, b->link_close);

	if (tlen(b) == b->link_start)	/* "[](url)": show the url */
		buf_adds(&b->text, b->link_url);
	add_span(b, SP_LINK, b->link_start, tlen(b), b->link_url);
	b->link_url = NULL;
	b->in_link = 0;
	b->i = end + 1;
}

static int
sup_marker(struct ib *b)
{
	size_t	used;
	long	n;

	if (!b->ctx->sup_markers)
		return 0;
	n = inline_sup_number(b->s + b->i, b->len - b->i, &used);
	if (n < 0)
		return 0;
	cite(b, n);
	b->i += used;
	return 1;
}

/* "resolutions5": digits glued to a word cite a note printed as
 * "5 text" at a page's bottom, when the document has that note. */
static int
glued_marker(struct ib *b)
{
	const struct inline_ctx	*ctx = b->ctx;
	size_t			 used;
	long			 n;

	if (ctx->nglued_notes == 0)
		return 0;
	n = inline_glued_marker(b->s, b->i, b->len, &used);
	if (n < 0 || bsearch(&n, ctx->glued_notes, ctx->nglued_notes,
	    sizeof n, long_cmp) == NULL)
		return 0;
	cite(b, n);
	b->i += used;
	return 1;
}

static int
special(struct ib *b, unsigned char c)
{
	if (c >= '0' && c <= '9')
		return glued_marker(b);
	switch (c) {
	case '\\':
		return backslash(b);
	case '*':
	case '_':
		delim_run(b);
		return 1;
	case '<':
		return autolink(b);
	case '[':
		return fn_bracket(b) || link_open(b);
	}
	return c >= 0x80 && sup_marker(b);
}

/* The source is dropped DROP_STEP bytes at a time, DROP_KEEP bytes
 * behind the read position: the look back of a marker (delim_run,
 * inline_glued_marker) reads two bytes, and a word of capitals before
 * digits ("G20"), which is never dropped while it runs on. */
#define DROP_STEP	(1u << 20)
#define DROP_KEEP	(64u << 10)

static void
drop_behind(struct ib *b)
{
	size_t	to = b->i - DROP_KEEP, k = b->i;

	b->next_drop = b->i + DROP_STEP;
	if (to >= b->ctx->drop_to) {		/* the last time */
		to = b->ctx->drop_to;
		b->next_drop = (size_t)-1;
	}
	if (to <= b->dropped)
		return;
	while (k > to && b->s[k - 1] >= 'A' && b->s[k - 1] <= 'Z')
		k--;
	if (k == to)
		return;		/* capitals all the way: later */
	file_drop_pages(b->ctx->drop + b->dropped, to - b->dropped);
	b->dropped = to;
}

/* A long block's text leaves memory as it is made, INLINE_HOLD bytes
 * at a time, to the spill file (ctx->spill), whose bytes the delimiters'
 * cut copies out once more at the end (cut_filed).  Nothing reads the
 * text back while the scan runs (only offsets are kept), so the same
 * text and spans come out as from memory.  A write that fails keeps
 * the rest in memory (the bytes out are read back: cut_held). */
#ifndef INLINE_HOLD
#define INLINE_HOLD	(256u << 10)
#endif
#define CUT_STEP	(64u << 10)

static void
hold_out(struct ib *b)
{
	struct spill	*sp;
	uint64_t	 off;

	if (*b->ctx->spill == NULL)
		*b->ctx->spill = spill_new();
	sp = *b->ctx->spill;
	if (spill_write_failed(sp) || spill_put(sp, b->text.data,
	    b->text.len, &off) != 0 || (b->base > 0 && off != b->uoff +
	    b->base))
		return;
	if (b->base == 0)
		b->uoff = off;
	b->base += b->text.len;
	b->text.len = 0;
}

static void
scan(struct ib *b)
{
	while (b->i < b->len) {
		if (b->i >= b->next_drop)
			drop_behind(b);
		if (b->text.len >= INLINE_HOLD && b->ctx->spill != NULL)
			hold_out(b);
		if (b->in_link && b->i == b->link_close) {
			link_close(b);
			continue;
		}
		if (special(b, (unsigned char)b->s[b->i]))
			continue;
		buf_addc(&b->text, b->s[b->i++]);
	}
}

/* Pair delimiters of each kind in order; warn once per block about an
 * unpaired '*' or '**' that looked like markup. */
static void
pair(struct ib *b)
{
	static const char *names[DK__COUNT] = { "**", "*", "__", "_" };
	size_t	 open[DK__COUNT];
	int	 warned[DK__COUNT] = { 0 };

	for (int k = 0; k < DK__COUNT; k++)
		open[k] = (size_t)-1;
	for (size_t j = 0; j < b->ndl; j++) {
		struct delim	*d = &b->dl[j];
		size_t		 o = open[d->kind];

		if (o != (size_t)-1 && d->can_close) {
			b->dl[o].matched = d->matched = 1;
			open[d->kind] = (size_t)-1;
		} else if (d->can_open)
			open[d->kind] = j;
	}
	for (size_t j = 0; j < b->ndl; j++) {
		struct delim	*d = &b->dl[j];

		if (d->matched || d->kind > DK_STAR1 || warned[d->kind] ||
		    !(d->can_open || d->can_close))
			continue;
		warned[d->kind] = 1;
		diag_warn(b->ctx->diag, b->ctx->file, b->line, 0,
		    "unbalanced '%s'", names[d->kind]);
	}
}

/* Keep only the paired delimiters, each with the bytes cut before its end
 * in cut[] (a prefix sum), for map(). */
static size_t
keep_matched(struct ib *b, size_t *cut)
{
	size_t	n = 0, total = 0;

	for (size_t j = 0; j < b->ndl; j++) {
		if (!b->dl[j].matched)
			continue;
		b->dl[n] = b->dl[j];
		total += b->dl[j].n;
		cut[n++] = total;
	}
	return n;
}

/* An offset in the unresolved text to one in the final text. */
static uint32_t
map(const struct ib *b, size_t n, const size_t *cut, size_t off)
{
	size_t	lo = 0, hi = n;

	while (lo < hi) {		/* first delim not wholly before off */
		size_t mid = (lo + hi) / 2;

		if (b->dl[mid].off + b->dl[mid].n <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return off - (lo > 0 ? cut[lo - 1] : 0);
}

static void
emphasis_spans(struct ib *b, size_t n, const size_t *cut)
{
	size_t	open[DK__COUNT];

	for (int k = 0; k < DK__COUNT; k++)
		open[k] = (size_t)-1;
	for (size_t j = 0; j < n; j++) {
		struct delim	*d = &b->dl[j];
		size_t		 o = open[d->kind];

		if (o == (size_t)-1) {
			open[d->kind] = j;
			continue;
		}
		add_span(b, d->n == 2 ? SP_BOLD : SP_ITALIC,
		    map(b, n, cut, b->dl[o].off + b->dl[o].n),
		    map(b, n, cut, d->off), NULL);
		open[d->kind] = (size_t)-1;
	}
}

/* The paired delimiters cut out of the text in place (the kept bytes only
 * move back), and the buffer handed over trimmed to size: a block of any
 * size is held once here, not in a second, doubled copy. */
static char *
cut_text(struct ib *b, size_t n)
{
	size_t	from = 0, to = 0;
	char	*t = b->text.data;

	for (size_t j = 0; j < n; j++) {
		memmove(t + to, t + from, b->dl[j].off - from);
		to += b->dl[j].off - from;
		from = b->dl[j].off + b->dl[j].n;
	}
	memmove(t + to, t + from, b->text.len - from);
	to += b->text.len - from;
	t[to] = '\0';
	b->text.data = NULL;
	b->text.len = b->text.cap = 0;
	return xrealloc(t, to + 1);
}

/* Text written out whose end could not follow it (a write failed):
 * all of it back into memory, to be cut there. */
static void
cut_held(struct ib *b)
{
	struct spill	*sp = *b->ctx->spill;
	char		*t = xmalloc(b->base + b->text.len + 1);

	memcpy(t, spill_get(sp, b->uoff, b->base), b->base);
	memcpy(t + b->base, b->text.data, b->text.len);
	b->text.len += b->base;
	b->text.cap = b->text.len + 1;
	free(b->text.data);
	b->text.data = t;
	b->text.data[b->text.len] = '\0';
	b->base = 0;
}

/* Text [from, to) to the end of the spill file, a window at a time. */
static int
put_range(struct ib *b, struct spill *sp, size_t from, size_t to,
    uint64_t *at, int *first)
{
	const char	*t;
	size_t		 k;
	uint64_t	 off;

	for (; from < to; from += k) {
		if (from >= b->base) {
			t = b->text.data + (from - b->base);
			k = to - from;
		} else {
			k = (to < b->base ? to : b->base) - from;
			if (k > CUT_STEP)
				k = CUT_STEP;
			t = spill_get(sp, b->uoff + from, k);
			if (spill_failed(sp))
				return -1;
		}
		if (spill_put(sp, t, k, &off) != 0)
			return -1;
		if (*first)
			*at = off;
		*first = 0;
	}
	return 0;
}

/* cut_text for a text written out: the kept bytes follow it in the
 * spill file, and the block's text is there (spill_off, spill_len).
 * -1 if a write fails: the text is then back in memory (cut_held). */
static int
cut_filed(struct ib *b, size_t n, struct block *blk)
{
	struct spill	*sp = *b->ctx->spill;
	size_t		 from = 0, total = 0;
	uint64_t	 at = 0;
	int		 first = 1;

	for (size_t j = 0; j <= n; j++) {
		size_t	to = j < n ? b->dl[j].off : tlen(b);

		if (put_range(b, sp, from, to, &at, &first) != 0) {
			cut_held(b);
			return -1;
		}
		total += to - from;
		if (j < n)
			from = b->dl[j].off + b->dl[j].n;
	}
	if (total == 0) {
		blk->text = xstrdup("");
		return 0;
	}
	blk->spill_off = at;
	blk->spill_len = total;
	return 0;
}

static int
span_cmp(const void *va, const void *vb)
{
	const struct span	*a = va, *b = vb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;
	return (int)a->kind - (int)b->kind;
}

static void
resolve(struct ib *b, struct block *blk)
{
	size_t	*cut = xreallocarray(NULL, b->ndl + 1, sizeof *cut);
	size_t	 n, nlinks = b->nsp;

	pair(b);
	n = keep_matched(b, cut);
	for (size_t j = 0; j < nlinks; j++) {
		b->sp[j].start = map(b, n, cut, b->sp[j].start);
		b->sp[j].end = map(b, n, cut, b->sp[j].end);
	}
	emphasis_spans(b, n, cut);
	if (b->base > 0 && spill_write_failed(*b->ctx->spill))
		cut_held(b);
	if (b->base == 0 || cut_filed(b, n, blk) != 0)
		blk->text = cut_text(b, n);
	if (b->nsp > 1)
		qsort(b->sp, b->nsp, sizeof *b->sp, span_cmp);
	blk->spans = b->sp;
	blk->nspans = b->nsp;
	free(cut);
}

void
inline_parse(const struct inline_ctx *ctx, const char *src, size_t len,
    int line, struct block *blk)
{
	struct ib	b = { 0 };

	b.ctx = ctx;
	b.s = src;
	b.len = len;
	b.line = line;
	b.rbracket = (size_t)-1;
	b.url_for = (size_t)-1;
	b.next_drop = (size_t)-1;
	if (ctx->drop == src && ctx->drop_to > ctx->drop_from &&
	    ctx->drop_to <= len) {
		b.dropped = ctx->drop_from;
		b.next_drop = ctx->drop_from + DROP_KEEP + DROP_STEP;
	}
	/* The text is rarely longer than its source (only a link's URL
	 * adds bytes): sized once rather than doubled as it grows; a
	 * long one leaves memory HOLD bytes at a time. */
	b.text.cap = ctx->spill != NULL && len > INLINE_HOLD ?
	    INLINE_HOLD + 1 : len + 1;
	b.text.data = xmalloc(b.text.cap);
	b.text.data[0] = '\0';
	scan(&b);
	buf_add(&b.text, "", 0);
	resolve(&b, blk);
	free(b.dl);
	free(b.link_url);
	buf_free(&b.text);
}
