/* model.h: the document model shared by the importer, the index and every
 * renderer: a document and its ordered blocks, each with plain text and
 * inline spans.  The importer fills these from source text; the query
 * functions (brief-db.h) fill the same structs from the index. */
#ifndef BRIEF_MODEL_H
#define BRIEF_MODEL_H

#include <stddef.h>
#include <stdint.h>

struct spill;		/* db/spill.h */

enum block_kind {
	BK_TITLE,
	BK_HEADING,
	BK_REFERENCE,	/* "Reference: ..." line */
	BK_ADDRESS,	/* addressee block line(s), Cc: */
	BK_SALUTATION,
	BK_PARAGRAPH,
	BK_BULLET,
	BK_CLOSING,
	BK_SIGNATURE,
	BK_FOOTNOTE,
	BK_ITEM,	/* a list item that is not a recommendation */
	BK_TABLE,	/* text: rows split by '\n', cells by '\t' */
	BK__COUNT
};

/* Inline spans: byte offsets into the block's text, [start, end). */
enum span_kind {
	SP_BOLD = 'b',
	SP_ITALIC = 'i',
	SP_LINK = 'l',		/* target: the URL; the URL is in the text */
	SP_FNREF = 'f'		/* zero-width (start == end) at the marker's
				 * place; target: "fn-N"; the marker itself
				 * is not in the text, renderers draw it */
};

struct span {
	uint32_t	 start;
	uint32_t	 end;
	enum span_kind	 kind;
	char		*target;	/* NULL for bold/italic */
};

struct block {
	int64_t		 id;		/* rowid in the index, 0 before */
	int		 seq;		/* 0-based position in the document */
	enum block_kind	 kind;
	int		 depth;		/* bullets: 0 top level, 1 nested... */
	int		 parent;	/* seq of parent block, -1 if none */
	char		*anchor;	/* "rec-2.3", "p-7", "fn-4", "sig-1" */
	char		*text;		/* NFC, sanitised, markup removed;
					 * '\n' only in address/signature */
	struct span	*spans;
	size_t		 nspans;
	int		 line;		/* first source line (1-based), 0 */
	int		 fn;		/* footnotes: their number, else 0 */
	char		*number;	/* as printed: "1.", "2.3", "a)", "IV."
					 * for sections and numbered items;
					 * NULL when unnumbered */
	int		 page;		/* source page (PDF), 1-based; 0 */
	/* A long document's text in its spill file (db/spill.h) while it
	 * is imported: text NULL, spill_len > 0; read by block_text. */
	uint64_t	 spill_off;
	size_t		 spill_len;
};

struct doc {
	int64_t		 id;		/* rowid in the index, 0 before */
	char		*slug;		/* "letter" */
	char		*title;
	char		*kind;		/* "letter", "annex", "briefing" */
	char		*reference;	/* "TIGO IOR 10/2023.4926" or NULL */
	char		*date;		/* ISO 8601 when known, else as
					 * written, or NULL */
	char		*author;	/* from format metadata, or NULL */
	char		*addressees;	/* one line, "; " between, or NULL */
	char		*parent;	/* an annex: its letter's slug */
	char		*source;	/* file name it came from */
	char		*hash;		/* hex SHA-256? of the source bytes */
	char		**themes;	/* front matter "themes:", may be 0 */
	size_t		 nthemes;
	int		 mentions_annex; /* says an annex is enclosed */
	int		 slug_given;	/* slug from front matter, not the
					 * file name */
	struct block	*blocks;
	size_t		 nblocks;
	struct spill	*spill;		/* block texts out of memory, or
					 * NULL (db/spill.h) */
};

const char	*block_kind_name(enum block_kind);
int		 block_kind_from_name(const char *);	/* -1 if unknown */
/* A recommendation: a bullet (any depth).  Plain list items are
 * BK_ITEM; sections are BK_HEADING with depth = level - 1. */
#define block_is_rec(b)	((b)->kind == BK_BULLET)

/* A block's text, read back from the document's spill file when it was
 * written there (then valid until the next block_text of the same
 * document); "" for none. */
const char	*block_text(const struct doc *, const struct block *);
/* The length of a block's text, told without reading it. */
size_t		 block_text_len(const struct block *);
/* Its text when at most max bytes long, else "": for the checks that
 * only ever match short texts (lang.h), which need not read a long one
 * back whole. */
const char	*block_short_text(const struct doc *, const struct block *,
		    size_t max);
/* The spill file could not take more (a full disk): every text written
 * to it comes back into memory and the file goes, leaving its folder's
 * room to SQLite's own temporary files. */
void		 doc_unspill(struct doc *);
void		 block_clear(struct block *);
void		 doc_clear(struct doc *);	/* frees contents, zeroes */
struct span	*block_add_span(struct block *, enum span_kind,
		    uint32_t start, uint32_t end, const char *target);

#endif
