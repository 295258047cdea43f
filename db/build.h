/* build.h: the one document builder every reader feeds.  Like mandoc's
 * front ends writing one tree, each format's reader (db/read/, one file
 * per format) walks its own structure (PDF text with fonts, DOCX/ODT XML, HTML, Markdown,
 * the letter's plain text) and appends blocks here in document order;
 * build_finish() then does what every format shares:
 *
 *   - anchors: "sec-2", "sec-2.1" (sections by their nesting), "rec-3",
 *     "rec-3.1" (recommendations), "li-4", "li-4.2" (other list items),
 *     "p-7", "fn-5", "tbl-1", "title", "ref", "salutation", "addr-N",
 *     "closing", "sig-N"; "page-N" resolves through block->page;
 *   - which list items are recommendations (db/lang.h decides what
 *     introduces them), their sub-items nested under them;
 *   - footnote citations (build_cite labels) matched to the notes
 *     (build_footnote labels), with a warning for each one unmatched;
 *   - the title and kind when the format gave none.
 *
 * Text is added piece by piece: each piece is sanitised (no control
 * characters or escape sequences, no zero-width tricks), put in NFC,
 * stripped of compatibility ligatures and object-replacement or
 * private-use glyphs, and its runs of white space collapsed to one
 * space, so readers pass the bytes their format holds.  Spans are opened
 * and closed around the text they cover; offsets are the builder's. */
#ifndef BRIEF_BUILD_H
#define BRIEF_BUILD_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

struct builder;

/* Build into out (zeroed by the caller); messages go to d, as
 * "file:line: ..." (line is the reader's current position, see
 * build_line; 0 leaves it out). */
struct builder	*build_new(const char *file, struct doc *out, struct diag *);
/* Frees the builder, not the document. */
void		 build_free(struct builder *);
/* The document being built, for a reader that makes its blocks itself
 * (the letter's line parser): build_finish() keeps the anchors, kinds
 * and numbers it finds set and fills in the rest. */
struct doc	*build_doc(struct builder *);

/* Where the reader is: a source line (text formats) and a page (PDF,
 * 1-based).  Blocks closed after a call carry them. */
void		 build_line(struct builder *, int line);
void		 build_page(struct builder *, int page);

/* --- the text of the block being built ------------------------------- */
void		 build_text(struct builder *, const char *s, size_t len);
void		 build_textz(struct builder *, const char *s);
/* A line break kept inside the block (addresses, signatures, table
 * cells are not for this: see build_cell). */
void		 build_newline(struct builder *);
/* A span over the text added until the matching build_span_end:
 * SP_BOLD, SP_ITALIC, or SP_LINK with its target URL. */
void		 build_span_begin(struct builder *, enum span_kind,
		    const char *target);
void		 build_span_end(struct builder *, enum span_kind);
/* A run of text in its own format (DOCX, ODT: the format is a property
 * of each run, not of nesting): bold and italic spans are opened and
 * closed to match; white space alone keeps the format before it, so a
 * bold lead is not cut in two by the space after it.  build_format
 * alone closes (0, 0) or opens them at a paragraph's end or start. */
void		 build_run(struct builder *, const char *s, int bold,
		    int italic);
void		 build_format(struct builder *, int bold, int italic);
/* A footnote reference here, by the label the document prints ("3",
 * "*", "iv", a Markdown name).  Resolved at build_finish. */
void		 build_cite(struct builder *, const char *label);
/* Bytes of text pending (0: an empty block so far). */
size_t		 build_pending(const struct builder *);
/* Drop the pending text and spans. */
void		 build_discard(struct builder *);

/* --- closing a block ------------------------------------------------- *
 * Each returns the new block, or NULL when the pending text was empty
 * (nothing is added).  number is what the document prints before the
 * text ("1.", "2.3", "a)", "IV."), or NULL. */
/* A section heading, level 1 (top) to 6. */
struct block	*build_heading(struct builder *, int level,
		    const char *number);
struct block	*build_paragraph(struct builder *);
/* A list item at depth 0 (top) or more; number NULL for a bullet. */
struct block	*build_item(struct builder *, int depth, const char *number);
/* A footnote or endnote, by its label as printed. */
struct block	*build_footnote(struct builder *, const char *label);
/* The letter's own parts: BK_TITLE, BK_REFERENCE, BK_ADDRESS,
 * BK_SALUTATION, BK_CLOSING, BK_SIGNATURE (and BK_PARAGRAPH). */
struct block	*build_block(struct builder *, enum block_kind);

/* Tables: the pending text ends a cell, a row ends with build_row, and
 * build_table closes the block (text: cells split by '\t', rows by
 * '\n'; each cell searchable). */
void		 build_cell(struct builder *);
void		 build_row(struct builder *);
struct block	*build_table(struct builder *);

/* --- the document ---------------------------------------------------- */
enum build_meta {
	BM_TITLE, BM_KIND, BM_REFERENCE, BM_DATE, BM_AUTHOR, BM_SLUG,
	BM_PARENT, BM_ADDRESSEES
};
/* Set a field unless already set (the first source wins: front matter
 * and format metadata before what the text suggests); value is
 * sanitised.  BM_KIND takes "letter", "annex" or "briefing". */
void		 build_meta(struct builder *, enum build_meta, const char *);

/* Anchors, recommendations, citations, title and kind; 0, or -1 when
 * the document has no text at all (an error in d). */
int		 build_finish(struct builder *);

#endif
