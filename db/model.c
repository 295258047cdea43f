/* model.c: helpers over the document model; see model.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "spill.h"
#include "xmalloc.h"

static const char *kind_names[BK__COUNT] = {
	"title", "heading", "reference", "address", "salutation",
	"paragraph", "bullet", "closing", "signature", "footnote",
	"item", "table"
};

const char *
block_kind_name(enum block_kind k)
{
	return (unsigned)k < BK__COUNT ? kind_names[k] : "paragraph";
}

int
block_kind_from_name(const char *name)
{
	for (int k = 0; k < BK__COUNT; k++)
		if (strcmp(kind_names[k], name) == 0)
			return k;
	return -1;
}

struct span *
block_add_span(struct block *b, enum span_kind kind, uint32_t start,
    uint32_t end, const char *target)
{
	struct span	*sp;

	/* Geometric growth (a block's spans are loaded one row at a time;
	 * one realloc each is quadratic).  The parser's arrays grow the
	 * same way (powers of two from 4), so xappend's rule holds. */
	b->spans = xappend(b->spans, b->nspans, sizeof *b->spans);
	sp = &b->spans[b->nspans++];
	sp->start = start;
	sp->end = end;
	sp->kind = kind;
	sp->target = xstrdup(target);
	return sp;
}

const char *
block_text(const struct doc *d, const struct block *b)
{
	if (b->text != NULL)
		return b->text;
	if (b->spill_len > 0 && d->spill != NULL)
		return spill_get(d->spill, b->spill_off, b->spill_len);
	return "";
}

size_t
block_text_len(const struct block *b)
{
	return b->text != NULL ? strlen(b->text) : b->spill_len;
}

const char *
block_short_text(const struct doc *d, const struct block *b, size_t max)
{
	return block_text_len(b) <= max ? block_text(d, b) : "";
}

void
doc_unspill(struct doc *d)
{
	for (size_t i = 0; i < d->nblocks; i++) {
		struct block	*b = &d->blocks[i];

		if (b->text != NULL || b->spill_len == 0)
			continue;
		b->text = xstrdup(block_text(d, b));
		b->spill_len = 0;
	}
	spill_free(d->spill);
	d->spill = NULL;
}

void
block_clear(struct block *b)
{
	for (size_t i = 0; i < b->nspans; i++)
		free(b->spans[i].target);
	free(b->spans);
	free(b->anchor);
	free(b->text);
	free(b->number);
	memset(b, 0, sizeof *b);
}

void
doc_clear(struct doc *d)
{
	/* A listed document has a block count but no blocks loaded. */
	for (size_t i = 0; d->blocks != NULL && i < d->nblocks; i++)
		block_clear(&d->blocks[i]);
	free(d->blocks);
	for (size_t i = 0; i < d->nthemes; i++)
		free(d->themes[i]);
	free(d->themes);
	free(d->slug);
	free(d->title);
	free(d->kind);
	free(d->reference);
	free(d->date);
	free(d->author);
	free(d->addressees);
	free(d->parent);
	free(d->source);
	free(d->hash);
	spill_free(d->spill);
	memset(d, 0, sizeof *d);
}
