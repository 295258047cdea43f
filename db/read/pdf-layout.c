/* pdf-layout.c: the PDF reader's second half: from lines with fonts and
 * positions (pdf.c) to blocks.  Once pdf-order.c has dropped the running
 * headers and page numbers, put each page's lines in reading order and
 * found the body and heading sizes, lines are grouped into blocks where the spacing, size, weight,
 * indentation, a list marker or a jump to another column says a new one
 * starts; a paragraph broken by a column or page end goes on when its
 * next line does not start a sentence.  Blocks become headings (larger,
 * or bold and short), list items (a bullet or a printed number with a
 * hanging indent), notes (smaller text at the page bottom starting with
 * its label, or the list under a "Notes" heading) and paragraphs; raised
 * small numbers in the text cite the notes. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pdf.h"

#define MAX_DEPTH	8

/* --- blocks ------------------------------------------------------------- */

enum bkind { B_TEXT, B_ITEM, B_NOTE };

struct layout {
	struct pdf_doc	*pd;
	struct builder	*b;
	struct pdf_sizes	 sz;
	size_t		*blk;		/* the lines of the block gathered */
	size_t		 nblk;
	enum bkind	 kind;		/* what its first line says */
	char		 label[16];	/* a note's label */
	size_t		 skip;		/* bytes of marker or label to drop */
	char		 num[16];	/* a list item's printed number */
	int		 mkind;		/* list_marker's kind */
	int		 note_page;	/* page whose notes have begun */
	int		 notes_section;	/* under a "Notes" heading */
	float		 list_x[MAX_DEPTH]; /* marker x of each open depth */
	int		 nlist;
	int		 last_item;	/* the last block was a list item */
	int		 side;		/* a box beside the text: a paragraph */
	struct pdf_words words;		/* for the hyphens at line ends */
};

static struct pdf_line *
L_line(struct layout *L, size_t i)
{
	return &L->pd->lines[L->blk[i]];
}

/* The lines near l in reading order (its column's, on a page of
 * thousands of lines, so the look stays bounded). */
#define NEAR	300
static size_t
near_lo(const struct layout *L, const struct pdf_line *l)
{
	const struct pdf_page	*pg = &L->pd->pages[l->page - 1];
	size_t			 at = (size_t)(l - L->pd->lines);

	return at > pg->line0 + NEAR ? at - NEAR : pg->line0;
}

static size_t
near_hi(const struct layout *L, const struct pdf_line *l)
{
	const struct pdf_page	*pg = &L->pd->pages[l->page - 1];
	size_t			 at = (size_t)(l - L->pd->lines);

	return at + NEAR < pg->line0 + pg->nline ? at + NEAR :
	    pg->line0 + pg->nline;
}

/* The left edge of the column the line is in: the leftmost line on its
 * page that overlaps it horizontally. */
static float
column_left(const struct layout *L, const struct pdf_line *l)
{
	float	left = l->x0;

	for (size_t i = near_lo(L, l); i < near_hi(L, l); i++) {
		const struct pdf_line *o = &L->pd->lines[i];

		if (!o->drop && o->x0 < left && o->x1 > l->x0 &&
		    fabsf(o->size - L->sz.body) < 0.5f)
			left = o->x0;
	}
	return left;
}

/* The right edge of the column the line is in: the rightmost of the
 * lines in its size on its page that overlap it horizontally. */
static float
column_right(const struct layout *L, const struct pdf_line *l)
{
	float	right = l->x1;

	for (size_t i = near_lo(L, l); i < near_hi(L, l); i++) {
		const struct pdf_line *o = &L->pd->lines[i];

		if (!o->drop && !o->side && o->x1 > right && o->x0 < l->x1 &&
		    fabsf(o->size - l->size) < 0.5f)
			right = o->x1;
	}
	return right;
}

/* Does the line open a note (a label, then smaller text low on the
 * page, or any labelled line under a "Notes" heading)?  Sets L->label
 * and L->skip. */
static int
note_start(struct layout *L, const struct pdf_line *l)
{
	const struct pdf_doc	*pd = L->pd;
	const struct pdf_run	*r = pdf_first_run(pd, l);
	const char		*s = pdf_rtext(pd, r);
	size_t			 n;

	/* Notes sit low on the page (or under a "Notes" heading); a raised
	 * label opens one, or a plain number before smaller text.  A raised
	 * label stuck to the text after it opens an endnote anywhere (in
	 * the text, a marker at a line's start has a space after it). */
	if (!L->notes_section && r->sup && r->len > 0 &&
	    s[r->len - 1] != ' ' && l->nrun > 1 && pdf_is_label(s, r->len))
		;
	else if (!L->notes_section &&
	    l->top < pd->pages[l->page - 1].height * 0.4f)
		return 0;
	if (!r->sup && !L->notes_section && l->size >= L->sz.body * 0.92f)
		return 0;
	if (r->sup) {
		n = r->len;
		while (n > 0 && s[n - 1] == ' ')
			n--;
		if (!pdf_is_label(s, n) || l->nrun < 2)
			return 0;
		L->skip = r->len;
	} else {
		n = strspn(s, "0123456789");
		if (n == 0 || n > 3 || n >= r->len ||
		    (s[n] != ' ' && s[n] != '.'))
			return 0;
		L->skip = n + strspn(s + n, ". ");
		if (L->skip >= r->len && l->nrun < 2)
			return 0;
		/* "12 Report of ...", not a row of figures. */
		if (L->skip < r->len && s[L->skip] >= '0' && s[L->skip] <= '9')
			return 0;
	}
	memcpy(L->label, s, n);
	L->label[n] = '\0';
	return 1;
}

/* What the line opening a block is; sets the block's state. */
static void
open_block(struct layout *L, const struct pdf_line *l)
{
	char	*s;
	size_t	 n;

	L->kind = B_TEXT;
	L->skip = 0;
	L->num[0] = '\0';
	if (note_start(L, l)) {
		L->kind = B_NOTE;
		L->note_page = l->page;
		return;
	}
	s = pdf_line_text(L->pd, l);
	if ((n = pdf_list_marker(s, L->num, sizeof L->num, &L->mkind)) > 0 &&
	    l->size < L->sz.body * 1.12f) {
		L->kind = B_ITEM;
		L->skip = n;
	}
	free(s);
}

/* Does line l (after prev) start a new block? */
static int
starts_new(struct layout *L, const struct pdf_line *prev,
    const struct pdf_line *l)
{
	const struct pdf_line	*first = L_line(L, 0);
	char			 num[16];
	char			*s;
	int			 mk, marker, up, jump;
	float			 size = l->size > prev->size ? l->size :
				    prev->size;

	if (l->page == L->note_page || L->notes_section) {
		struct layout t = *L;

		if (note_start(&t, l))
			return 1;
	}
	/* The notes at a page's bottom run to its end, or up to a line
	 * going back up (the next column). */
	if (L->kind == B_NOTE && (l->page != prev->page || l->top < prev->top))
		L->note_page = 0;
	if ((L->kind == B_NOTE) != (l->page == L->note_page))
		return 1;
	s = pdf_line_text(L->pd, l);
	marker = pdf_list_marker(s, num, sizeof num, &mk) > 0;
	free(s);
	if (marker && (L->kind != B_NOTE || mk == 1))
		return 1;
	if (fabsf(l->size - prev->size) > size * 0.1f)
		return 1;
	/* From bold to plain or back: a heading ends, unless a bold lead
	 * filled its line and the sentence goes on. */
	if (l->bold != prev->bold && (l->page != prev->page ||
	    prev->x1 < column_right(L, prev) - size * 2))
		return 1;
	up = l->page != prev->page || l->top < prev->top - l->size * 0.5f;
	jump = up || l->x0 > prev->x1 || l->x1 < prev->x0;
	if (jump) {
		/* A sentence going on in the next column or page. */
		s = pdf_line_text(L->pd, l);
		mk = strchr(".:!?", pdf_last_char(L->pd, prev)) == NULL &&
		    pdf_is_lower(s);
		free(s);
		return !mk;
	}
	if (l->top - prev->bottom > l->size * 0.5f)
		return 1;
	/* A little more room than lines take, after a sentence's end and
	 * before a capital: paragraphs set close. */
	if (l->top - prev->top > l->size * 1.45f &&
	    strchr(".:!?", pdf_last_char(L->pd, prev)) != NULL) {
		s = pdf_line_text(L->pd, l);
		mk = pdf_is_upper(s) || (*s >= '0' && *s <= '9');
		free(s);
		if (mk)
			return 1;
	}
	if (L->kind == B_ITEM)
		return l->x0 < first->x0 + l->size * 0.5f;
	/* A short line ending a sentence ends its paragraph; an indented
	 * first line starts one. */
	if (strchr(".:!?", pdf_last_char(L->pd, prev)) != NULL &&
	    prev->x1 < column_right(L, prev) - l->size * 3)
		return 1;
	return l->x0 > first->x0 + l->size && l->x0 > prev->x0 + l->size;
}

/* Is the marker on a letter or number a list's (hanging indent, an
 * indented line, or a sibling of the item before)? */
static int
item_ok(struct layout *L)
{
	const struct pdf_line	*first = L_line(L, 0);

	if (L->mkind == 1)
		return 1;
	if (L->nblk > 1 && L_line(L, 1)->x0 > first->x0 + first->size * 0.5f)
		return 1;
	if (L->last_item && L->nlist > 0 &&
	    fabsf(L->list_x[L->nlist - 1] - first->x0) < 3)
		return 1;
	return first->x0 > column_left(L, first) + first->size;
}

/* The word ending a piece of text and the one starting another. */
static const char *
last_word(const char *s, size_t len, size_t *wlen)
{
	size_t	i = len;

	while (i > 0 && s[i - 1] != ' ')
		i--;
	*wlen = len - i;
	return s + i;
}

/* Feed the block's runs to the builder: bold spans, note markers as
 * citations, lines joined by a space or, at a line-break hyphen, by
 * nothing. */
static void
emit_text(struct layout *L)
{
	struct pdf_doc	*pd = L->pd;
	struct builder	*b = L->b;
	size_t		 skip = L->skip;
	int		 bold = 0;
	int		 allbold = 1;

	for (size_t i = 0; i < L->nblk; i++)
		if (!L_line(L, i)->bold)
			allbold = 0;
	for (size_t i = 0; i < L->nblk; i++) {
		struct pdf_line	*l = L_line(L, i);

		for (size_t j = 0; j < l->nrun; j++) {
			struct pdf_run	*r = &pd->runs[l->run0 + j];
			const char	*s = pdf_rtext(pd, r);
			size_t		 len = r->len, k;

			if (skip >= len) {
				skip -= len;
				continue;
			}
			s += skip;
			len -= skip;
			skip = 0;
			k = len;
			while (k > 0 && s[k - 1] == ' ')
				k--;
			if (r->sup && pdf_is_label(s, k)) {
				char lab[8];

				memcpy(lab, s, k);
				lab[k] = '\0';
				build_cite(b, lab);
				if (k < len || j + 1 == l->nrun)
					build_textz(b, " ");
				continue;
			}
			if (!allbold && k > 0 && r->bold != bold) {
				if (r->bold)
					build_span_begin(b, SP_BOLD, NULL);
				else
					build_span_end(b, SP_BOLD);
				bold = r->bold;
			}
			if (j + 1 == l->nrun && i + 1 < L->nblk && k > 1 &&
			    s[k - 1] == '-') {
				struct pdf_line	*n = L_line(L, i + 1);
				const char	*w, *a = pdf_rtext(pd, pdf_first_run(pd, n));
				size_t		 wl;

				w = last_word(s, k - 1, &wl);
				/* A word broken at the line end: the
				 * hyphen goes, or stays with no space. */
				if (s[k - 2] != ' ') {
					build_text(b, s, pdf_hyphen_is_break(
					    &L->words, w, wl, a,
					    pdf_first_run(pd, n)->len) ?
					    k - 1 : k);
					continue;
				}
			}
			build_text(b, s, len);
			if (j + 1 == l->nrun)
				build_textz(b, " ");
		}
	}
	if (bold)
		build_span_end(b, SP_BOLD);
}

static int
notes_heading(const char *s)
{
	return strcasecmp(s, "notes") == 0 || strcasecmp(s, "endnotes") == 0 ||
	    strcasecmp(s, "footnotes") == 0;
}

static void
flush(struct layout *L)
{
	struct pdf_line	*first;
	size_t		 textlen = 0;
	int		 allbold = 1, level;
	char		*s, num[16];

	if (L->nblk == 0)
		return;
	first = L_line(L, 0);
	build_page(L->b, first->page);
	for (size_t i = 0; i < L->nblk; i++) {
		struct pdf_line *l = L_line(L, i);

		for (size_t j = 0; j < l->nrun; j++)
			textlen += L->pd->runs[l->run0 + j].len;
		if (!l->bold)
			allbold = 0;
	}
	if (L->kind == B_NOTE) {
		emit_text(L);
		build_footnote(L->b, L->label);
		goto out;
	}
	s = pdf_line_text(L->pd, first);
	if (L->side) {
		free(s);
		L->kind = B_TEXT;
		L->skip = 0;
		emit_text(L);
		build_paragraph(L->b);
		goto out;
	}
	if (L->nblk <= 3 && textlen < 200 && L->kind != B_ITEM &&
	    (first->size >= L->sz.body * 1.12f || (allbold && textlen < 120 &&
	    strchr(".,;", pdf_last_char(L->pd, L_line(L, L->nblk - 1))) ==
	    NULL))) {
		level = pdf_heading_level(&L->sz, first->size);
		L->skip = pdf_heading_number(s, num, sizeof num);
		emit_text(L);
		L->notes_section = 0;
		build_heading(L->b, level, L->skip > 0 ? num : NULL);
		L->notes_section = notes_heading(s + L->skip);
		L->nlist = 0;
		L->last_item = 0;
		free(s);
		goto out;
	}
	free(s);
	if (L->kind == B_ITEM && item_ok(L)) {
		float	x = first->x0;
		int	mk = L->mkind;

		if (!L->last_item)
			L->nlist = 0;
		while (L->nlist > 0 && x < L->list_x[L->nlist - 1] - 2)
			L->nlist--;
		if ((L->nlist == 0 || x > L->list_x[L->nlist - 1] + 2) &&
		    L->nlist < MAX_DEPTH)
			L->list_x[L->nlist++] = x;
		emit_text(L);
		build_item(L->b, L->nlist - 1, mk == 1 ? NULL : L->num);
		L->last_item = 1;
		goto out;
	}
	L->skip = 0;
	emit_text(L);
	build_paragraph(L->b);
	L->last_item = 0;
out:
	L->nblk = 0;
}

/* The words the document writes inside its lines: letters, with the
 * hyphens between them ("rights-compliant"); a word broken at a line's
 * end is not one. */
static void
collect_words(struct layout *L)
{
	for (size_t i = 0; i < L->pd->nlines; i++) {
		char	*s, *p;

		if (L->pd->lines[i].drop)
			continue;
		s = pdf_line_text(L->pd, &L->pd->lines[i]);
		for (p = s; *p != '\0'; ) {
			size_t n = 0;

			while (p[n] != '\0' && (((unsigned char)p[n] >= 0x80) ||
			    (p[n] >= 'a' && p[n] <= 'z') ||
			    (p[n] >= 'A' && p[n] <= 'Z') ||
			    (p[n] == '-' && n > 0 && p[n + 1] != '\0' &&
			    p[n + 1] != ' ' && p[n + 1] != '-')))
				n++;
			if (n > 0 && p[n] != '-')
				pdf_words_add(&L->words, p, n);
			p += n > 0 ? n : 1;
		}
		free(s);
	}
}

/* A box's lines, gathered while the text beside it goes on, make one
 * block of their own before the block still open. */
static void
flush_side(struct layout *L, size_t *side, size_t *nside)
{
	struct layout	save = *L;

	if (*nside == 0)
		return;
	L->blk = side;
	L->nblk = *nside;
	L->note_page = 0;
	L->notes_section = 0;
	open_block(L, &L->pd->lines[side[0]]);
	L->side = 1;
	flush(L);
	*L = save;
	*nside = 0;
}

void
pdf_layout(struct pdf_doc *pd, struct builder *b)
{
	struct layout	 L;
	struct pdf_line	*prev = NULL;
	size_t		*side, nside = 0;
	int		 side_page = 0;

	memset(&L, 0, sizeof L);
	L.pd = pd;
	L.b = b;
	pdf_mark_furniture(pd);
	pdf_order_pages(pd);
	pdf_find_sizes(pd, &L.sz);
	collect_words(&L);
	L.blk = xreallocarray(NULL, pd->nlines + 1, sizeof *L.blk);
	side = xreallocarray(NULL, pd->nlines + 1, sizeof *side);
	for (size_t i = 0; i < pd->nlines; i++) {
		struct pdf_line *l = &pd->lines[i];

		if (l->drop)
			continue;
		if (nside > 0 && l->page != side_page)
			flush_side(&L, side, &nside);
		if (l->side) {
			side[nside++] = i;
			side_page = l->page;
			continue;
		}
		if (L.nblk > 0 && starts_new(&L, prev, l))
			flush(&L);
		if (L.nblk == 0)
			open_block(&L, l);
		L.blk[L.nblk++] = i;
		prev = l;
	}
	flush_side(&L, side, &nside);
	flush(&L);
	free(side);
	free(L.blk);
	pdf_words_free(&L.words);
}
