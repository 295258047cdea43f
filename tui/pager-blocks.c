/* pager-blocks.c: the open document's texts, loaded as they are needed.
 * The pager holds its document as an outline with spans
 * (bdb_load_outline_spans): every block's kind, anchor, parent and
 * links, its text "".  A block's text is loaded when it is laid out or
 * asked for (pager_block) and kept in a short list, least recently used
 * first, which each frame cuts back to a few blocks and a few hundred KB;
 * the line counts read the blocks from the top as far as they are
 * needed, one block at a time.  So the
 * reader of a document of 200 MB holds its outline, the layout of the
 * blocks near the screen and a few texts, not the document.
 *
 * A text filled stays until the pager's next frame: the views drawn
 * above the pager and the keys between two frames may keep a block's
 * pointer that long.  Spans are never reloaded, so a pointer to a span
 * (a selected link) lasts as long as the document. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "view-pager.h"

#define FILLED_KEEP	32		/* texts kept after a frame, at most */
#define FILLED_BYTES	(256 * 1024)	/* and their bytes, at most */

static int
is_note(const struct pager *p, int seq)
{
	return p->doc.blocks[seq].kind == BK_FOOTNOTE;
}

/* Where seq is in the list (the used last are at its end), or -1. */
static long
filled_at(const struct pager *p, int seq)
{
	if (p->isfilled == NULL || !p->isfilled[seq])
		return -1;
	for (size_t i = p->nfilled; i-- > 0;)
		if (p->filled[i] == seq)
			return (long)i;
	return -1;
}

/* Block seq's text from the index; its spans, already held, stay (and
 * are not read again). */
static void
load_text(struct pager *p, struct block *b)
{
	char *text;

	if (bdb_block_text(view_db(), b->id, &text) != BDB_OK) {
		view_error("Cannot read %s#%s: the index may be damaged "
		    "(see 'brief check')", p->doc.slug, b->anchor ?
		    b->anchor : "?");
		free(text);
		return;
	}
	free(b->text);
	b->text = text;
}

struct block *
pager_fill(struct pager *p, int seq)
{
	struct block *b = &p->doc.blocks[seq];
	long i = filled_at(p, seq);

	if (i >= 0) {			/* used again: last in the list */
		memmove(p->filled + i, p->filled + i + 1,
		    (p->nfilled - (size_t)i - 1) * sizeof *p->filled);
		p->nfilled--;
	} else {
		load_text(p, b);
		if (p->isfilled == NULL)
			p->isfilled = xcalloc(p->doc.nblocks, 1);
		p->isfilled[seq] = 1;
	}
	p->filled = xreallocarray(p->filled, p->nfilled + 1,
	    sizeof *p->filled);
	p->filled[p->nfilled++] = seq;
	return b;
}

static void
unfill(struct pager *p, int seq)
{
	struct block *b = &p->doc.blocks[seq];

	free(b->text);
	b->text = xstrdup("");
	p->isfilled[seq] = 0;
}

/* Keep the texts used last, as many as fit in FILLED_KEEP and
 * FILLED_BYTES; the layout of the blocks on screen is a copy, so even
 * those can go. */
void
pager_unfill_old(struct pager *p)
{
	size_t bytes = 0, keep = 0, k = 0;

	while (keep < p->nfilled && keep < FILLED_KEEP) {
		size_t n = strlen(p->doc.blocks[p->filled[p->nfilled - keep -
		    1]].text);

		if (bytes + n > FILLED_BYTES)
			break;
		bytes += n;
		keep++;
	}
	for (size_t i = 0; i < p->nfilled; i++)
		if (i + keep < p->nfilled)
			unfill(p, p->filled[i]);
		else
			p->filled[k++] = p->filled[i];
	p->nfilled = k;
}

void
pager_unfill_all(struct pager *p)
{
	for (size_t i = 0; i < p->nfilled; i++)
		if ((size_t)p->filled[i] < p->doc.nblocks)
			unfill(p, p->filled[i]);
	free(p->filled);
	free(p->isfilled);
	p->filled = NULL;
	p->isfilled = NULL;
	p->nfilled = 0;
}

const struct block *
pager_block(int seq)
{
	struct pager *p = the_pager ? the_pager->priv : NULL;

	if (p == NULL || seq < 0 || (size_t)seq >= p->doc.nblocks)
		return NULL;
	return pager_fill(p, seq);
}

/* --- The shown blocks from one on, once ---------------------------------- */

/* Blocks read one by one before walking: more than two screens of
 * one-line blocks (footnotes), so paging never walks; a walk reads the
 * document from its top, which a far jump (G, 50%) does anyway. */
#define SINGLY	64

struct each {
	struct pager	*p;
	size_t		 next;		/* the next index in order to hand */
	int		(*fn)(struct pager *, size_t, const struct block *,
			    void *);
	void		*arg;
	int		 stop;
};

/* Hand block i (its text, or NULL when the index did not give it). */
static int
hand(struct each *e, size_t i, const char *text)
{
	struct block b;

	if (text == NULL)
		e->stop = e->fn(e->p, i, NULL, e->arg);
	else {
		b = e->p->doc.blocks[e->p->order[i]];	/* the outline's spans */
		b.text = (char *)text;
		e->stop = e->fn(e->p, i, &b, e->arg);
	}
	e->next = i + 1;
	return e->stop;
}

static int
each_block(void *arg, int seq, const char *text)
{
	struct each *e = arg;
	struct pager *p = e->p;
	size_t i;

	if (seq < 0 || (size_t)seq >= p->doc.nblocks)
		return BDB_OK;
	i = p->pos[seq];
	if (i < e->next || i >= p->nshown || p->order[i] != seq)
		return BDB_OK;
	while (e->next < i)		/* rows the index did not give */
		if (hand(e, e->next, NULL))
			return BDB_NOTFOUND;
	return hand(e, i, text) ? BDB_NOTFOUND : BDB_OK;
}

/* One block's text alone: the one held, else loaded for the call and
 * given back (the LRU list is the frame's, not the counts'). */
static int
hand_one(struct each *e)
{
	struct pager *p = e->p;
	int seq = p->order[e->next];
	char *text;
	int r;

	if (p->isfilled != NULL && p->isfilled[seq])
		return hand(e, e->next, p->doc.blocks[seq].text);
	r = bdb_block_text(view_db(), p->doc.blocks[seq].id, &text) ==
	    BDB_OK ? hand(e, e->next, text) : hand(e, e->next, NULL);
	free(text);
	return r;
}

/* The order is the pager's (build_order): the blocks, then the
 * footnotes, each in document order.  The first few are read one by
 * one (a frame's worth: what the screen shows and nothing more); past
 * them one query walks each part, skipping the blocks before from
 * unread by the layout. */
void
pager_blocks_each(struct pager *p, size_t from, int (*fn)(struct pager *,
    size_t, const struct block *, void *), void *arg)
{
	struct each e = { p, from, fn, arg, 0 };
	size_t singly = 0;
	int r = BDB_OK;

	while (e.next < p->nshown && singly++ < SINGLY && !e.stop)
		hand_one(&e);
	if (e.next >= p->nshown || e.stop)
		return;
	if (!is_note(p, p->order[e.next]))
		r = bdb_texts_each(view_db(), p->doc.id, BDB_NO_NOTES,
		    each_block, &e);
	if (r == BDB_OK && !e.stop)
		r = bdb_texts_each(view_db(), p->doc.id, BDB_NOTES,
		    each_block, &e);
	if (r != BDB_OK && !e.stop)
		view_error("Cannot read %s: the index may be damaged (see "
		    "'brief check')", p->doc.slug);
	while (!e.stop && e.next < p->nshown)	/* not in the index */
		hand(&e, e.next, NULL);
}
