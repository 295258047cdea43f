/* pdf.h: what the PDF reader's two halves share.  pdf.c opens the file
 * with poppler and turns each page's characters (their fonts and boxes)
 * into lines of styled runs; pdf-layout.c, once every page is read, finds
 * the body text size, drops running headers, footers and page numbers,
 * and groups the lines into headings, paragraphs, list items and notes
 * for the builder.  Lines keep no per-character boxes, so what is held
 * for the whole document is about the size of its text.  Private. */
#ifndef BRIEF_READ_PDF_H
#define BRIEF_READ_PDF_H

#include <stddef.h>

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

/* Lay the lines out as blocks into the builder (pdf-layout.c). */
void	pdf_layout(struct pdf_doc *, struct builder *);

/* The list marker opening s ("• ", "2.3 ", "a) ", "(iv) "): its length
 * with the spaces after it, and in num the number as printed (empty for
 * a bullet); 0 when there is none.  kind: 1 bullet, 2 digits, 3 a
 * letter or roman numeral. */
size_t	pdf_list_marker(const char *s, char *num, size_t numsz, int *kind);

/* Whether a hyphen ending a line is only there because the word was
 * broken: "obliga-" + "tions" joins, "Port-au-" + "Prince",
 * "rights-" + "compliant", "X-" + "ray" keep it.  before is the text of
 * the word up to (not including) the hyphen, after the word that starts
 * the next line.  Pure. */
int	pdf_hyphen_is_break(const char *before, size_t blen,
	    const char *after, size_t alen);

#endif
