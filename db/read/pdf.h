/* pdf.h: what the PDF reader's parts share.  pdf.c opens the file with
 * poppler and turns each page's characters (their fonts and boxes) into
 * lines of styled runs; once every page is read, pdf-order.c drops the
 * running headers, footers and page numbers, puts each page's lines in
 * reading order and finds the body and heading sizes; pdf-layout.c groups
 * the lines into headings, paragraphs, list items and notes for the
 * builder; pdf-text.c holds the rules on text alone.  Lines keep no
 * per-character boxes, so what is held for the whole document is about
 * the size of its text.  Private to db/read. */
#ifndef BRIEF_READ_PDF_H
#define BRIEF_READ_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "build.h"
#include "xmalloc.h"

/* A run of characters in one style on one line. */
struct pdf_run {
	size_t		 off, len;	/* in pdf_doc.text */
	float		 size;		/* font size, points */
	unsigned char	 bold, italic;
	unsigned char	 sup;		/* smaller and raised: a note marker */
};

/* A line of text: characters on one baseline, in poppler's order. */
struct pdf_line {
	int		 page;		/* 1-based */
	float		 x0, x1;	/* left and right edges */
	float		 top, bottom;	/* from the page's top, down */
	float		 size;		/* the size most of its characters have */
	unsigned char	 bold;		/* every letter bold */
	unsigned char	 drop;		/* a running header, footer, page no. */
	unsigned char	 side;		/* in a box or pull-quote beside the text */
	size_t		 run0, nrun;	/* in pdf_doc.runs */
};

struct pdf_page {
	float		 width, height;
	size_t		 line0, nline;	/* in pdf_doc.lines */
};

struct pdf_doc {
	struct buf	 text;
	struct pdf_run	*runs;
	size_t		 nruns;
	struct pdf_line	*lines;
	size_t		 nlines;
	struct pdf_page	*pages;
	int		 npages;
	float		 body;		/* the body text size */
};

static inline const char *
pdf_rtext(const struct pdf_doc *pd, const struct pdf_run *r)
{
	return pd->text.data + r->off;
}

static inline const struct pdf_run *
pdf_first_run(const struct pdf_doc *pd, const struct pdf_line *l)
{
	return &pd->runs[l->run0];
}

/* The line's text, runs joined (a new string); its last character, a
 * note marker after it aside. */
char	*pdf_line_text(const struct pdf_doc *, const struct pdf_line *);
char	 pdf_last_char(const struct pdf_doc *, const struct pdf_line *);

/* --- pdf-order.c: over whole pages --------------------------------- */
#define MAX_HSIZES	5	/* heading sizes ranked: levels 1..5 */
struct pdf_sizes {
	float	body;
	float	head[MAX_HSIZES];	/* larger than body, largest first */
	int	nhead;
};

/* Running headers, footers and page numbers: drop set. */
void	pdf_mark_furniture(struct pdf_doc *);
/* Each page's lines in reading order; boxes beside the text: side set. */
void	pdf_order_pages(struct pdf_doc *);
/* The body size and the heading sizes; a heading's level by its size
 * (bold at the body size: the level after the sizes). */
void	pdf_find_sizes(struct pdf_doc *, struct pdf_sizes *);
int	pdf_heading_level(const struct pdf_sizes *, float size);

/* --- pdf-layout.c: lines to blocks into the builder ----------------- */
void	pdf_layout(struct pdf_doc *, struct builder *);

/* --- pdf-text.c: rules on text alone, pure ------------------------- */
/* The list marker opening s ("• ", "2.3 ", "a) ", "(iv) "): its length
 * with the spaces after it, and in num the number as printed (empty for
 * a bullet); 0 when there is none.  kind: 1 bullet, 2 digits, 3 a
 * letter or roman numeral. */
size_t	pdf_list_marker(const char *s, char *num, size_t numsz, int *kind);

/* The words a document writes inside its lines (hyphenated compounds
 * whole), by hash, for the hyphen rule's first question. */
struct pdf_words {
	uint64_t	*h;		/* open addressing; 0 is empty */
	size_t		 n, cap;
};
void	pdf_words_add(struct pdf_words *, const char *, size_t);
void	pdf_words_free(struct pdf_words *);

/* Whether a hyphen ending a line is only there because the word was
 * broken: "obliga-" + "tions" joins, "Port-au-" + "Prince",
 * "rights-" + "compliant", "X-" + "ray" keep it.  before is the text of
 * the word up to (not including) the hyphen, after the text that starts
 * the next line.  With a lowercase letter on both sides, the document's
 * own words decide when it writes one form and not the other (words may
 * be NULL); then a capitalised first part, one holding a hyphen, digit
 * or capital, a one-letter prefix, a continuation with a hyphen of its
 * own or one of the usual second halves of compounds ("based",
 * "compliant", "led") keep the hyphen.  Pure. */
int	pdf_hyphen_is_break(const struct pdf_words *,
	    const char *before, size_t blen, const char *after, size_t alen);


/* A heading's printed number ("1.", "2.3", "IV.", "A."): its length with
 * the spaces after it (num gets it), or 0. */
size_t	pdf_heading_number(const char *s, char *num, size_t numsz);
/* A note label: "12", "*", "†", or small roman numerals ("iv"). */
int	pdf_is_label(const char *s, size_t len);
/* A page number alone on its line: "12", "- 12 -", "Page 3 of 9", "iv". */
int	pdf_is_page_number(const char *s);
/* A lowercase or uppercase letter (ASCII or Latin with accents). */
int	pdf_is_lower(const char *s);
int	pdf_is_upper(const char *s);

#endif
