/* json.c: the document model as JSON; see json.h.  Strings are escaped
 * by json_string alone: quote, backslash and every control character
 * (as \uXXXX); UTF-8 passes as it is, and bytes that are not UTF-8
 * (a file name's) become U+FFFD, so the output is always valid JSON. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "json.h"

void
json_string(struct buf *b, const char *s)
{
	if (s == NULL) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char	c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c == '\n')
			buf_adds(b, "\\n");
		else if (c == '\t')
			buf_adds(b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\u%04x", c);
		else if (c < 0x80)
			buf_addc(b, (char)c);
		else {
			ucs4_t	uc;
			int	n = u8_mbtoucr(&uc, (const uint8_t *)s,
			    strlen(s));

			if (n < 1) {	/* not UTF-8: a file name's bytes */
				buf_adds(b, "\\ufffd");
				continue;
			}
			buf_add(b, s, (size_t)n);
			s += n - 1;
		}
	}
	buf_addc(b, '"');
}

static void
key(struct buf *b, const char *k, int *first)
{
	if (!*first)
		buf_addc(b, ',');
	*first = 0;
	json_string(b, k);
	buf_addc(b, ':');
}

static void
str_field(struct buf *b, const char *k, const char *v, int *first)
{
	key(b, k, first);
	json_string(b, v);
}

static void
int_field(struct buf *b, const char *k, long v, int *first)
{
	key(b, k, first);
	buf_printf(b, "%ld", v);
}

static const char *
span_name(enum span_kind k)
{
	switch (k) {
	case SP_BOLD:	return "bold";
	case SP_ITALIC:	return "italic";
	case SP_LINK:	return "link";
	case SP_FNREF:	return "citation";
	}
	return "span";
}

/* The anchor of the block whose seq is seq (blocks keep the seq of
 * their whole document when a part is shown). */
static const char *
anchor_of(const struct doc *d, int seq)
{
	if (seq < 0)
		return NULL;
	if ((size_t)seq < d->nblocks && d->blocks[seq].seq == seq)
		return d->blocks[seq].anchor;
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].seq == seq)
			return d->blocks[i].anchor;
	return NULL;
}

static void
spans(struct buf *b, const struct block *bl, int *first)
{
	int	f = 1;

	key(b, "citations", first);
	buf_addc(b, '[');
	for (size_t i = 0; i < bl->nspans; i++)
		if (bl->spans[i].kind == SP_FNREF) {
			if (!f)
				buf_addc(b, ',');
			f = 0;
			json_string(b, bl->spans[i].target);
		}
	buf_addc(b, ']');
	key(b, "spans", first);
	buf_addc(b, '[');
	for (size_t i = 0; i < bl->nspans; i++) {
		const struct span	*sp = &bl->spans[i];
		int			 g = 1;

		if (i > 0)
			buf_addc(b, ',');
		buf_addc(b, '{');
		str_field(b, "kind", span_name(sp->kind), &g);
		int_field(b, "start", (long)sp->start, &g);
		int_field(b, "end", (long)sp->end, &g);
		if (sp->target != NULL)
			str_field(b, "target", sp->target, &g);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

static void
block(struct buf *b, const struct block *bl, const char *parent)
{
	int	first = 1;

	buf_addc(b, '{');
	str_field(b, "anchor", bl->anchor, &first);
	str_field(b, "kind", block_kind_name(bl->kind), &first);
	if (bl->kind == BK_HEADING)
		int_field(b, "level", bl->depth + 1, &first);
	int_field(b, "depth", bl->depth, &first);
	str_field(b, "number", bl->number, &first);
	str_field(b, "parent", parent, &first);
	str_field(b, "text", bl->text, &first);
	int_field(b, "page", bl->page, &first);
	int_field(b, "line", bl->line, &first);
	if (bl->kind == BK_FOOTNOTE)
		int_field(b, "note", bl->fn, &first);
	spans(b, bl, &first);
	buf_addc(b, '}');
}

static void
document(struct buf *b, const struct doc *d)
{
	int	first = 1;

	buf_addc(b, '{');
	str_field(b, "slug", d->slug, &first);
	str_field(b, "title", d->title, &first);
	str_field(b, "kind", d->kind, &first);
	str_field(b, "reference", d->reference, &first);
	str_field(b, "date", d->date, &first);
	str_field(b, "author", d->author, &first);
	str_field(b, "parent", d->parent, &first);
	str_field(b, "source", d->source, &first);
	key(b, "themes", &first);
	buf_addc(b, '[');
	for (size_t i = 0; i < d->nthemes; i++) {
		if (i > 0)
			buf_addc(b, ',');
		json_string(b, d->themes[i]);
	}
	buf_addc(b, ']');
	buf_addc(b, '}');
}

void
doc_json_head(struct buf *b, const struct doc *d)
{
	buf_adds(b, "{\"document\":");
	document(b, d);
	buf_adds(b, ",\"blocks\":[");
}

void
doc_json_block(struct buf *b, const struct block *bl, const char *parent,
    int first)
{
	if (!first)
		buf_addc(b, ',');
	block(b, bl, parent);
}

void
doc_json_tail(struct buf *b)
{
	buf_adds(b, "]}");
}

char *
doc_json(const struct doc *d)
{
	struct buf	b = { 0 };

	doc_json_head(&b, d);
	for (size_t i = 0; i < d->nblocks; i++)
		doc_json_block(&b, &d->blocks[i], anchor_of(d,
		    d->blocks[i].parent), i == 0);
	doc_json_tail(&b);
	return buf_steal(&b);
}
