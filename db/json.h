/* json.h: JSON out of the document model, the way scripts and tests
 * check what an importer built (`brief show --json`).  One escaper for
 * every string, so no caller quotes text by hand. */
#ifndef BRIEF_JSON_H
#define BRIEF_JSON_H

#include "model.h"
#include "xmalloc.h"

/* s as a JSON string, quoted and escaped ("null" for NULL). */
void	 json_string(struct buf *, const char *s);
/* The document and its blocks as one JSON object (one line):
 * {"document": {slug, title, kind, reference, date, author, parent,
 *  source, themes}, "blocks": [{anchor, kind, level (headings), depth,
 *  number, parent, text, page, line, note (footnotes), citations,
 *  spans}]}.  A new string. */
char	*doc_json(const struct doc *);
/* The same in pieces, for a document written a block at a time: the
 * head, each block (first: the first one written; parent: its parent's
 * anchor, or NULL), then the tail. */
void	 doc_json_head(struct buf *, const struct doc *);
void	 doc_json_block(struct buf *, const struct block *,
	    const char *parent, int first);
void	 doc_json_tail(struct buf *);

#endif
