/* split.c: long blocks cut into parts of a bounded size before a
 * document is stored, so that no single row makes search, snippets or
 * the pager's layout work on megabytes at once.
 *
 * A block longer than DOC_BLOCK_MAX bytes is cut at the last sentence
 * end in its second half, else at the last space, else (one unbroken
 * word) at a UTF-8 character boundary.  The first part keeps the block's
 * kind and anchor; the rest are paragraphs anchored "<anchor>~2",
 * "<anchor>~3"... (no parser anchor holds '~', so they never collide,
 * and the same text always gives the same anchors).  Spans are clipped
 * to each part and shifted; seq and parent numbers are renumbered.  A
 * long text in the document's spill file (parse-inline.c) is cut there,
 * read a window at a time, and its parts are ranges of it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spill.h"
#include "store.h"
#include "xmalloc.h"

/* Where to end the part that starts at a: the end of its text (e, spaces
 * trimmed) and the start of the next part (*next). */
static size_t
find_cut(const char *t, size_t a, size_t len, size_t max, size_t *next)
{
	size_t	lim = a + max, c;

	for (c = lim; c > a + max / 2; c--)
		if (t[c] == ' ' && (t[c - 1] == '.' || t[c - 1] == '!' ||
		    t[c - 1] == '?'))
			goto space;
	for (c = lim; c > a + max / 4; c--)
		if (t[c] == ' ')
			goto space;
	/* One unbroken run: never inside a UTF-8 sequence. */
	for (c = lim; c > a + 1 && ((unsigned char)t[c] & 0xc0) == 0x80; c--)
		;
	*next = c;
	return c;
space:
	*next = c;
	while (*next < len && t[*next] == ' ')
		(*next)++;
	while (c > a && t[c - 1] == ' ')
		c--;
	return c;
}

/* Part [a, e) of src as a new block; its text is text (taken). */
static void
make_part(const struct block *src, size_t a, size_t e, int part, char *text,
    struct block *out)
{
	memset(out, 0, sizeof *out);
	out->kind = part == 1 ? src->kind : BK_PARAGRAPH;
	out->depth = part == 1 ? src->depth : 0;
	out->fn = part == 1 ? src->fn : 0;
	out->line = src->line;
	out->page = src->page;
	out->number = part == 1 ? xstrdup(src->number) : NULL;
	out->anchor = part == 1 ? xstrdup(src->anchor) :
	    xasprintf("%s~%d", src->anchor ? src->anchor : "p", part);
	out->text = text;
	for (size_t i = 0; i < src->nspans; i++) {
		const struct span *sp = &src->spans[i];
		uint32_t s = sp->start, f = sp->end;

		/* A marker (zero width) at a cut belongs to the text
		 * before it; other spans to every part they overlap. */
		if (s == f ? !(s > a && s <= e) && !(s == 0 && a == 0) :
		    !(s < e && f > a))
			continue;
		s = s < a ? a : s > e ? e : s;
		f = f < a ? a : f > e ? e : f;
		block_add_span(out, sp->kind, s - (uint32_t)a, f - (uint32_t)a,
		    sp->target);
	}
}

/* The spaces from next on (the skip of find_cut past its window). */
static size_t
skip_spaces(struct spill *sp, uint64_t off, size_t next, size_t len)
{
	while (next < len) {
		size_t		 w = len - next < 4096 ? len - next : 4096, k = 0;
		const char	*t = spill_get(sp, off + next, w);

		while (k < w && t[k] == ' ')
			k++;
		next += k;
		if (k < w)
			break;
	}
	return next;
}

/* split_one for a text in the spill file: each cut is found in a window
 * of max + 1 bytes from the part's start (all find_cut reads), the
 * spaces after it read on past the window if need be; the parts are
 * ranges of the block's text there. */
static void
split_filed(struct spill *sp, struct block *b, size_t max, struct block **v,
    size_t *n)
{
	size_t		 len = b->spill_len, a = 0, e, next, nparts = 0;
	uint64_t	 off = b->spill_off;
	struct block	*part;

	while (a < len) {
		if (len - a <= max)
			e = next = len;
		else {
			e = a + find_cut(spill_get(sp, off + a, max + 1), 0,
			    max + 1, max, &next);
			next += a;
			if (next == a + max + 1)
				next = skip_spaces(sp, off, next, len);
		}
		*v = xappend(*v, *n + nparts, sizeof **v);
		part = &(*v)[*n + nparts];
		make_part(b, a, e, (int)nparts + 1, e > a ? NULL : xstrdup(""),
		    part);
		if (e > a) {
			part->spill_off = off + a;
			part->spill_len = e - a;
		}
		nparts++;
		a = next;
	}
	*n += nparts;
}

/* Cut block b into parts appended to *v (n, counted).  The cuts are
 * found first; then the parts are copied out from the last, the text
 * shrinking behind them, and the first part keeps the block's own
 * buffer: the block is held about once, not twice. */
static void
split_one(struct block *b, size_t max, struct block **v, size_t *n)
{
	size_t	 len = strlen(b->text), a = 0, e, next, nparts = 0;
	size_t	(*cut)[2] = NULL;
	char	*text;

	while (a < len) {
		if (len - a <= max)
			e = next = len;
		else
			e = find_cut(b->text, a, len, max, &next);
		cut = xappend(cut, nparts, sizeof *cut);
		cut[nparts][0] = a;
		cut[nparts++][1] = e;
		a = next;
	}
	for (size_t k = 0; k < nparts; k++)
		*v = xappend(*v, *n + k, sizeof **v);
	for (size_t k = nparts; k-- > 0;) {
		if (k > 0) {
			text = xstrndup(b->text + cut[k][0], cut[k][1] -
			    cut[k][0]);
			b->text[cut[k][0]] = '\0';
			b->text = xrealloc(b->text, cut[k][0] + 1);
		} else {
			b->text[cut[0][1]] = '\0';
			text = b->text;
			b->text = NULL;
		}
		make_part(b, cut[k][0], cut[k][1], (int)k + 1, text,
		    &(*v)[*n + k]);
	}
	*n += nparts;
	free(cut);
}

int
doc_split_long_blocks(struct doc *d, size_t max)
{
	struct block	*v = NULL;
	size_t		 n = 0, nlong = 0;
	int		*newseq;

	if (max < 16)
		max = DOC_BLOCK_MAX;
	for (size_t i = 0; i < d->nblocks; i++)
		if (block_text_len(&d->blocks[i]) > max)
			nlong++;
	if (nlong == 0)
		return 0;
	newseq = xreallocarray(NULL, d->nblocks + 1, sizeof *newseq);
	for (size_t i = 0; i < d->nblocks; i++) {
		struct block *b = &d->blocks[i];

		newseq[i] = (int)n;
		if (block_text_len(b) > max) {
			int first = (int)n;

			if (b->text != NULL)
				split_one(b, max, &v, &n);
			else
				split_filed(d->spill, b, max, &v, &n);
			/* Old seqs, renumbered below; the parts of a bullet
			 * sit under it (new seq, stored as -2 - seq). */
			for (size_t j = first; j < n; j++)
				v[j].parent = j == (size_t)first ||
				    b->kind != BK_BULLET ? b->parent :
				    -2 - first;
			v[first].id = b->id;
			block_clear(b);
			continue;
		}
		v = xappend(v, n, sizeof *v);
		v[n++] = *b;
	}
	/* Parents point at seq numbers: renumber them. */
	for (size_t j = 0; j < n; j++) {
		v[j].seq = (int)j;
		if (v[j].parent <= -2)
			v[j].parent = -2 - v[j].parent;
		else if (v[j].parent >= 0 && (size_t)v[j].parent < d->nblocks)
			v[j].parent = newseq[v[j].parent];
	}
	free(newseq);
	free(d->blocks);
	d->blocks = v;
	d->nblocks = n;
	return (int)nlong;
}
