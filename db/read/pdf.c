/* pdf.c: the PDF reader, with poppler-glib.  Each page's text comes with
 * one box per character and its font ranges; characters become lines of
 * styled runs (size, bold, italic, raised-and-smaller for note markers),
 * the page is let go, and pdf-layout.c lays the lines out once all pages
 * are read (running headers and the body size need the whole document).
 * Poppler's text order already follows columns and keeps boxes apart. */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <gio/gio.h>
#include <poppler.h>

#include "pdf.h"
#include "read.h"

static float
min_f(float a, float b)
{
	return a < b ? a : b;
}

/* One character of the page being read. */
struct pchar {
	size_t		 off, len;	/* in the page's text */
	float		 x1, y1, x2, y2;
	float		 size;
	unsigned char	 bold, italic;
};

static int
name_has(const char *name, const char *word)
{
	size_t	n = strlen(word);

	for (const char *p = name; *p != '\0'; p++)
		if (strncasecmp(p, word, n) == 0)
			return 1;
	return 0;
}

static int
font_bold(const char *name)
{
	return name != NULL && (name_has(name, "bold") ||
	    name_has(name, "black") || name_has(name, "heavy") ||
	    name_has(name, "semibold") || name_has(name, "demi"));
}

static int
font_italic(const char *name)
{
	return name != NULL && (name_has(name, "italic") ||
	    name_has(name, "oblique"));
}

static int
is_space(const char *s, size_t len)
{
	return len == 1 && (s[0] == ' ' || s[0] == '\t');
}

/* The size most of the line's letters have (by count); a line holds few
 * sizes, so a short table is enough. */
static float
common_size(const struct pchar *c, size_t n, const char *text)
{
	float	size[8];
	size_t	count[8], ns = 0, best = 0;

	for (size_t i = 0; i < n; i++) {
		size_t k;

		if (is_space(text + c[i].off, c[i].len))
			continue;
		for (k = 0; k < ns; k++)
			if (fabsf(size[k] - c[i].size) < 0.25f)
				break;
		if (k == ns) {
			if (ns == 8)
				continue;
			size[ns] = c[i].size;
			count[ns++] = 0;
		}
		count[k]++;
	}
	if (ns == 0)
		return 0;
	for (size_t k = 1; k < ns; k++)
		if (count[k] > count[best] ||
		    (count[k] == count[best] && size[k] > size[best]))
			best = k;
	return size[best];
}

/* The characters c[0..n) of one line become a pdf_line. */
static void
add_line(struct pdf_doc *pd, int page, const char *text,
    const struct pchar *c, size_t n)
{
	struct pdf_line	*l;
	float		 size, base = 0;
	int		 bold = 1, letters = 0;

	while (n > 0 && is_space(text + c[n - 1].off, c[n - 1].len))
		n--;
	while (n > 0 && is_space(text + c[0].off, c[0].len)) {
		c++;
		n--;
	}
	if (n == 0)
		return;
	size = common_size(c, n, text);
	pd->lines = xappend(pd->lines, pd->nlines, sizeof *pd->lines);
	l = &pd->lines[pd->nlines++];
	memset(l, 0, sizeof *l);
	l->page = page;
	l->size = size;
	l->x0 = c[0].x1;
	l->x1 = c[0].x2;
	l->top = c[0].y1;
	l->bottom = c[0].y2;
	for (size_t i = 0; i < n; i++) {
		if (is_space(text + c[i].off, c[i].len))
			continue;
		if (c[i].x1 < l->x0) l->x0 = c[i].x1;
		if (c[i].x2 > l->x1) l->x1 = c[i].x2;
		if (c[i].y1 < l->top) l->top = c[i].y1;
		if (c[i].y2 > l->bottom) l->bottom = c[i].y2;
		if (fabsf(c[i].size - size) < 0.25f && c[i].y2 > base)
			base = c[i].y2;
		letters++;
		if (!c[i].bold)
			bold = 0;
	}
	l->bold = letters > 0 && bold;
	l->run0 = pd->nruns;
	for (size_t i = 0; i < n; ) {
		struct pdf_run	r;
		size_t		j = i;

		memset(&r, 0, sizeof r);
		r.size = c[i].size;
		r.bold = c[i].bold;
		r.italic = c[i].italic;
		/* Smaller and raised above the line's baseline. */
		r.sup = c[i].size < size * 0.85f &&
		    c[i].y2 < base - size * 0.15f &&
		    !is_space(text + c[i].off, c[i].len);
		r.off = pd->text.len;
		if (i > 0 && !r.sup && !is_space(text + c[i].off, c[i].len) &&
		    !is_space(text + c[i - 1].off, c[i - 1].len) &&
		    c[i].x1 - c[i - 1].x2 > size * 0.3f)
			buf_addc(&pd->text, ' ');
		for (; j < n; j++) {
			int sp = is_space(text + c[j].off, c[j].len);
			int sup = c[j].size < size * 0.85f &&
			    c[j].y2 < base - size * 0.15f && !sp;

			/* A space takes the style of the run it is in. */
			if (!sp && (sup != r.sup || c[j].bold != r.bold ||
			    c[j].italic != r.italic ||
			    fabsf(c[j].size - r.size) >= 0.25f))
				break;
			if (sp && r.sup)
				break;
			/* A tab or a wide gap is a space poppler did not
			 * write ("1.<tab>Count"). */
			if (j > i && !sp && !is_space(text + c[j - 1].off,
			    c[j - 1].len) && c[j].x1 - c[j - 1].x2 > size * 0.3f)
				buf_addc(&pd->text, ' ');
			buf_add(&pd->text, text + c[j].off, c[j].len);
		}
		if (j == i) {	/* a space after a marker */
			buf_addc(&pd->text, ' ');
			j = i + 1;
			r.sup = 0;
		}
		r.len = pd->text.len - r.off;
		pd->runs = xappend(pd->runs, pd->nruns, sizeof *pd->runs);
		pd->runs[pd->nruns++] = r;
		i = j;
	}
	l->nrun = pd->nruns - l->run0;
}

/* Poppler puts on one line what shares a baseline, so a box or a
 * pull-quote beside the text comes glued to the text's lines: split
 * where a wide gap (or a gap and a change of size) parts them. */
static void
split_line(struct pdf_doc *pd, int page, const char *text,
    const struct pchar *c, size_t n)
{
	size_t	start = 0, prev = SIZE_MAX;

	for (size_t i = 0; i < n; i++) {
		float gap, size;

		if (is_space(text + c[i].off, c[i].len))
			continue;
		if (prev != SIZE_MAX) {
			gap = c[i].x1 - c[prev].x2;
			size = c[i].size > c[prev].size ? c[i].size :
			    c[prev].size;
			/* A change of size that is not a note marker's,
			 * with a gap or off the baseline. */
			if (gap > size * 2.5f ||
			    (fabsf(c[i].size - c[prev].size) > 0.5f &&
			    min_f(c[i].size, c[prev].size) > size * 0.7f &&
			    (gap > size * 0.5f ||
			    fabsf(c[i].y2 - c[prev].y2) > size * 0.15f))) {
				add_line(pd, page, text, c + start, i - start);
				start = i;
			}
		}
		prev = i;
	}
	add_line(pd, page, text, c + start, n - start);
}

/* A line holding only a list's bullet or number. */
static int
marker_line(const struct pdf_doc *pd, const struct pdf_line *l)
{
	char	s[24], num[16];
	size_t	n = 0;
	int	kind;

	for (size_t i = 0; i < l->nrun; i++) {
		const struct pdf_run *r = &pd->runs[l->run0 + i];

		if (n + r->len + 3 > sizeof s)
			return 0;
		memcpy(s + n, pd->text.data + r->off, r->len);
		n += r->len;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	memcpy(s + n, " x", 3);
	return n > 0 && pdf_list_marker(s, num, sizeof num, &kind) == n + 1;
}

/* Poppler gives a list's bullet or number as a line of its own when the
 * text after it is tabbed away: put it back at the start of the line on
 * its baseline, so the item reads "• text" with its hanging indent. */
static void
join_markers(struct pdf_doc *pd, size_t line0, size_t run0)
{
	size_t		 n = pd->nlines - line0, nl = 0, nused = 0;
	ptrdiff_t	*partner;
	char		*used;
	struct pdf_run	*old;
	struct pdf_line	*lines = pd->lines + line0, *nlines;

	/* Markers look for their line among the page's: not on a page
	 * of thousands of lines, where it would cost their square. */
	if (n < 2 || n > 3000)
		return;
	partner = xreallocarray(NULL, n, sizeof *partner);
	used = xcalloc(n, 1);
	for (size_t i = 0; i < n; i++)
		partner[i] = -1;
	for (size_t m = 0; m < n; m++) {
		ptrdiff_t best = -1;

		if (!marker_line(pd, &lines[m]))
			continue;
		for (size_t t = 0; t < n; t++) {
			struct pdf_line	*a = &lines[m], *c = &lines[t];

			if (t == m || partner[t] >= 0 || used[t] ||
			    fabsf(c->top - a->top) > a->size * 0.3f ||
			    c->x0 < a->x1 - 1 || c->x0 - a->x1 > a->size * 5 ||
			    marker_line(pd, c))
				continue;
			if (best < 0 || c->x0 < lines[best].x0)
				best = (ptrdiff_t)t;
		}
		if (best >= 0) {
			partner[best] = (ptrdiff_t)m;
			used[m] = 1;
			nused++;
		}
	}
	if (nused == 0)
		goto out;
	old = xreallocarray(NULL, pd->nruns - run0 + 1, sizeof *old);
	memcpy(old, pd->runs + run0, (pd->nruns - run0) * sizeof *old);
	nlines = xreallocarray(NULL, n, sizeof *nlines);
	pd->nruns = run0;
	for (size_t i = 0; i < n; i++) {
		struct pdf_line	 l = lines[i];
		size_t		 r0 = pd->nruns;

		if (used[i])
			continue;
		if (partner[i] >= 0) {
			struct pdf_line	*m = &lines[partner[i]];
			struct pdf_run	 sp = old[m->run0 - run0 + m->nrun - 1];

			for (size_t k = 0; k < m->nrun; k++) {
				pd->runs = xappend(pd->runs, pd->nruns,
				    sizeof *pd->runs);
				pd->runs[pd->nruns++] = old[m->run0 - run0 + k];
			}
			sp.off = pd->text.len;
			sp.len = 1;
			buf_addc(&pd->text, ' ');
			pd->runs = xappend(pd->runs, pd->nruns, sizeof *pd->runs);
			pd->runs[pd->nruns++] = sp;
			l.x0 = m->x0;
			if (m->top < l.top) l.top = m->top;
			if (m->bottom > l.bottom) l.bottom = m->bottom;
		}
		for (size_t k = 0; k < l.nrun; k++) {
			pd->runs = xappend(pd->runs, pd->nruns, sizeof *pd->runs);
			pd->runs[pd->nruns++] = old[l.run0 - run0 + k];
		}
		l.run0 = r0;
		l.nrun = pd->nruns - r0;
		nlines[nl++] = l;
	}
	memcpy(lines, nlines, nl * sizeof *nlines);
	pd->nlines = line0 + nl;
	free(nlines);
	free(old);
out:
	free(used);
	free(partner);
}

/* One page's characters, boxes and fonts into lines. */
static void
read_page(struct pdf_doc *pd, PopplerPage *page, int pageno)
{
	char			*text = poppler_page_get_text(page);
	PopplerRectangle	*rects = NULL;
	guint			 nrects = 0;
	GList			*attrs, *a;
	struct pchar		*c = NULL;
	size_t			 nc = 0, line0 = 0, off = 0;
	size_t			 run0 = pd->nruns;
	double			 w, h;
	struct pdf_page		*pg;

	poppler_page_get_size(page, &w, &h);
	pd->pages = xappend(pd->pages, (size_t)pd->npages, sizeof *pd->pages);
	pg = &pd->pages[pd->npages++];
	pg->width = (float)w;
	pg->height = (float)h;
	pg->line0 = pd->nlines;
	if (text == NULL || *text == '\0' ||
	    !poppler_page_get_text_layout(page, &rects, &nrects)) {
		g_free(text);
		pg->nline = 0;
		return;
	}
	attrs = a = poppler_page_get_text_attributes(page);
	for (guint i = 0; text[off] != '\0'; i++) {
		size_t			 len = (size_t)(g_utf8_next_char(text +
					    off) - (text + off));
		PopplerTextAttributes	*ta;

		while (a != NULL && ((PopplerTextAttributes *)a->data)->
		    end_index < (int)i)
			a = a->next;
		ta = a != NULL && ((PopplerTextAttributes *)a->data)->
		    start_index <= (int)i ? a->data : NULL;
		if (text[off] == '\n' || i >= nrects) {
			split_line(pd, pageno, text, c + line0, nc - line0);
			nc = line0 = 0;
			if (i >= nrects)
				break;
		} else if (text[off] != '\r') {
			c = xappend(c, nc, sizeof *c);
			c[nc].off = off;
			c[nc].len = len;
			c[nc].x1 = (float)rects[i].x1;
			c[nc].y1 = (float)rects[i].y1;
			c[nc].x2 = (float)rects[i].x2;
			c[nc].y2 = (float)rects[i].y2;
			c[nc].size = ta != NULL ? (float)ta->font_size : 0;
			c[nc].bold = ta != NULL && font_bold(ta->font_name);
			c[nc].italic = ta != NULL && font_italic(ta->font_name);
			nc++;
		}
		off += len;
	}
	split_line(pd, pageno, text, c + line0, nc - line0);
	join_markers(pd, pg->line0, run0);
	pg = &pd->pages[pd->npages - 1];
	pg->nline = pd->nlines - pg->line0;
	poppler_page_free_text_attributes(attrs);
	free(c);
	g_free(rects);
	g_free(text);
}

static void
pdf_doc_free(struct pdf_doc *pd)
{
	buf_free(&pd->text);
	free(pd->runs);
	free(pd->lines);
	free(pd->pages);
}

/* "Microsoft Word - draft 3.docx": a title the software made from a
 * file name, not the document's. */
static int
file_name_title(const char *s)
{
	static const char *const ext[] = { ".doc", ".docx", ".odt", ".pdf",
	    ".indd", ".rtf", ".txt", NULL };
	size_t	n = strlen(s);

	if (strncmp(s, "Microsoft Word - ", 17) == 0)
		return 1;
	for (size_t i = 0; ext[i] != NULL; i++) {
		size_t k = strlen(ext[i]);

		if (n > k && strcasecmp(s + n - k, ext[i]) == 0)
			return 1;
	}
	return 0;
}

/* Title, author and date from the document's information, for what the
 * text does not say itself (the builder keeps the first value set). */
static void
read_info(PopplerDocument *doc, struct builder *b, int text_titled)
{
	char		*s;
	GDateTime	*dt;

	if (!text_titled && (s = poppler_document_get_title(doc)) != NULL) {
		if (!file_name_title(s))
			build_meta(b, BM_TITLE, s);
		g_free(s);
	}
	if ((s = poppler_document_get_author(doc)) != NULL) {
		build_meta(b, BM_AUTHOR, s);
		g_free(s);
	}
	if ((dt = poppler_document_get_creation_date_time(doc)) != NULL) {
		if ((s = g_date_time_format(dt, "%Y-%m-%d")) != NULL)
			build_meta(b, BM_DATE, s);
		g_free(s);
		g_date_time_unref(dt);
	}
}

static int
has_title(const struct doc *doc)
{
	for (size_t i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].kind == BK_TITLE ||
		    (doc->blocks[i].kind == BK_HEADING &&
		    doc->blocks[i].depth == 0))
			return 1;
	return 0;
}

static void
progress(int page, int npages, int done)
{
	if (done)
		fprintf(stderr, "\r%*s\r", 40, "");
	else if (page == npages || page % 10 == 0)
		fprintf(stderr, "\rreading PDF page %d of %d", page, npages);
	fflush(stderr);
}

/* Poppler's own complaints about a damaged file go through GLib's log at
 * the info level; keep them off the terminal. */
static void
quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg,
    gpointer arg)
{
	(void)domain; (void)level; (void)msg; (void)arg;
}

int
read_pdf(struct builder *b, const char *file, const char *buf, size_t len,
    const struct parse_opts *o, struct diag *d)
{
	GInputStream	*in;
	GError		*err = NULL;
	PopplerDocument	*doc;
	struct pdf_doc	 pd;
	int		 n, rc = -1, show;
	guint		 h;

	memset(&pd, 0, sizeof pd);
	h = g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, quiet_log, NULL);
	/* From a stream: poppler 22's new_from_bytes and new_from_data
	 * crash on a wrong password (they retry on a stream they freed). */
	in = g_memory_input_stream_new_from_data(buf, (gssize)len, NULL);
	doc = poppler_document_new_from_stream(in, (goffset)len, o->password,
	    NULL, &err);
	if (doc == NULL) {
		if (err != NULL && err->domain == POPPLER_ERROR &&
		    err->code == POPPLER_ERROR_ENCRYPTED)
			diag_error(d, file, 0, 0, o->password != NULL ?
			    "encrypted PDF: the password given does not open "
			    "it" : "encrypted PDF: give its password with "
			    "--password");
		else
			diag_error(d, file, 0, 0, "damaged PDF: %s",
			    err != NULL ? err->message : "poppler cannot "
			    "open it");
		goto out;
	}
	n = poppler_document_get_n_pages(doc);
	show = (o->flags & PARSE_PROGRESS) && isatty(2) && n > 1;
	for (int i = 0; i < n; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);

		if (page == NULL)
			continue;
		read_page(&pd, page, i + 1);
		g_object_unref(page);
		if (show)
			progress(i + 1, n, 0);
	}
	if (show)
		progress(n, n, 1);
	if (pd.nlines == 0) {
		diag_error(d, file, 0, 0, "no text in this PDF (a scan?)");
		goto out;
	}
	pdf_layout(&pd, b);
	read_info(doc, b, has_title(build_doc(b)));
	rc = 0;
out:
	pdf_doc_free(&pd);
	if (doc != NULL)
		g_object_unref(doc);
	g_object_unref(in);
	if (err != NULL)
		g_error_free(err);
	g_log_remove_handler("Poppler", h);
	return rc;
}
