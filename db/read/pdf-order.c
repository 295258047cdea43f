/* pdf-order.c: what the PDF reader decides over whole pages before it
 * makes blocks: the running headers and footers (lines repeating at the
 * same place across pages, digits aside) and lone page numbers in the
 * margins, dropped; each page's lines in reading order (columns one after
 * the other, split where few lines cross a gutter; a box or pull-quote
 * beside the text marked to be read apart); the body text size (the most
 * common) and the heading sizes above it, ranked. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

#define MARGIN		0.12f	/* headers/footers: top and bottom 12% */
#define MAX_PAIRS	1500	/* lines a page compares pairwise */

static float
min_f(float a, float b)
{
	return a < b ? a : b;
}

static float
max_f(float a, float b)
{
	return a > b ? a : b;
}

/* The line's text, runs joined (a new string). */
char *
pdf_line_text(const struct pdf_doc *pd, const struct pdf_line *l)
{
	struct buf	s = { 0 };

	for (size_t i = 0; i < l->nrun; i++)
		buf_add(&s, pdf_rtext(pd, &pd->runs[l->run0 + i]),
		    pd->runs[l->run0 + i].len);
	buf_addc(&s, '\0');
	return buf_steal(&s);
}

/* The last character of the line's text (a note marker after it
 * aside). */
char
pdf_last_char(const struct pdf_doc *pd, const struct pdf_line *l)
{
	for (size_t i = l->nrun; i > 0; i--) {
		const struct pdf_run	*r = &pd->runs[l->run0 + i - 1];
		size_t			 n = r->len;

		while (n > 0 && pdf_rtext(pd, r)[n - 1] == ' ')
			n--;
		if (n > 0 && !r->sup)
			return pdf_rtext(pd, r)[n - 1];
	}
	return ' ';
}

/* --- running headers, footers, page numbers ---------------------------- */

struct cand {
	uint64_t	 hash;
	float		 y;
	int		 page;
	size_t		 line;
};

static uint64_t
line_key(const struct pdf_doc *pd, const struct pdf_line *l)
{
	uint64_t	h = 14695981039346656037ULL;

	for (size_t i = 0; i < l->nrun; i++) {
		const struct pdf_run *r = &pd->runs[l->run0 + i];

		for (size_t j = 0; j < r->len; j++) {
			unsigned char c = (unsigned char)pdf_rtext(pd, r)[j];

			if (c == ' ')
				continue;
			if (c >= '0' && c <= '9')
				c = '#';
			h = (h ^ c) * 1099511628211ULL;
		}
	}
	return h;
}

static int
cand_cmp(const void *va, const void *vb)
{
	const struct cand *a = va, *b = vb;

	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	return a->page - b->page;
}

/* The lines at the top and bottom margins: page numbers go, and lines
 * repeated at the same height on other pages. */
void
pdf_mark_furniture(struct pdf_doc *pd)
{
	struct cand	*c = NULL;
	size_t		 nc = 0;

	for (int p = 0; p < pd->npages; p++) {
		struct pdf_page	*pg = &pd->pages[p];
		size_t		 top = SIZE_MAX, bot = SIZE_MAX;

		for (size_t i = pg->line0; i < pg->line0 + pg->nline; i++) {
			struct pdf_line *l = &pd->lines[i];

			if (top == SIZE_MAX || l->top < pd->lines[top].top)
				top = i;
			if (bot == SIZE_MAX ||
			    l->bottom > pd->lines[bot].bottom)
				bot = i;
			if (l->bottom > pg->height * MARGIN &&
			    l->top < pg->height * (1 - MARGIN))
				continue;
			c = xappend(c, nc, sizeof *c);
			c[nc].hash = line_key(pd, l);
			c[nc].y = l->top;
			c[nc].page = p;
			c[nc++].line = i;
		}
		for (int k = 0; k < 2; k++) {
			size_t		 i = k ? bot : top;
			struct pdf_line	*l;
			char		*s;

			if (i == SIZE_MAX)
				continue;
			l = &pd->lines[i];
			if (l->bottom > pg->height * MARGIN &&
			    l->top < pg->height * (1 - MARGIN))
				continue;
			s = pdf_line_text(pd, l);
			if (pdf_is_page_number(s))
				l->drop = 1;
			free(s);
		}
	}
	if (nc > 0)
		qsort(c, nc, sizeof *c, cand_cmp);
	for (size_t i = 0; i < nc; ) {
		size_t	j = i + 1;
		int	pages = 1;

		while (j < nc && c[j].hash == c[i].hash &&
		    c[j].y - c[i].y < 4) {
			if (c[j].page != c[j - 1].page)
				pages++;
			j++;
		}
		if (pages >= 2)
			for (size_t k = i; k < j; k++)
				pd->lines[c[k].line].drop = 1;
		i = j;
	}
	free(c);
}

/* --- reading order ----------------------------------------------------- */

/* Where lines split into columns: an x away from the edges that no more
 * than a tenth of them cross, with lines of some width on both sides;
 * -1 for none.  A side box beside the text is a column too. */
static float
find_gutter(const struct pdf_doc *pd, const size_t *ix, size_t n,
    float width)
{
	int	 nb, lo, hi;
	int	*cov, min = -1, run = 0, best = 0, bestend = 0;
	size_t	 left = 0, right = 0;
	float	 g;

	if (!(width > 20 && width < 20000))	/* NaN too */
		return -1;
	nb = (int)(width / 2) + 2;
	lo = nb / 5;
	hi = nb * 4 / 5;
	cov = xcalloc((size_t)nb, sizeof *cov);
	for (size_t i = 0; i < n; i++) {
		const struct pdf_line *l = &pd->lines[ix[i]];

		/* Clamped before the cast: a box can say anything. */
		float	 a = max_f(l->x0 / 2, 0), z = min_f(l->x1 / 2, nb - 1);

		for (int b = (int)a; b <= (int)z; b++)
			cov[b]++;
	}
	for (int b = lo; b < hi; b++)
		if (min < 0 || cov[b] < min)
			min = cov[b];
	for (int b = lo; b <= hi; b++) {
		if (b < hi && cov[b] == min) {
			run++;
			continue;
		}
		if (run > best) {
			best = run;
			bestend = b;
		}
		run = 0;
	}
	free(cov);
	if (min < 0 || (size_t)min * 10 > n || best < 3)
		return -1;
	g = (float)(bestend * 2 - best);	/* the run's middle, in points */
	for (size_t i = 0; i < n; i++) {
		const struct pdf_line *l = &pd->lines[ix[i]];

		if (l->x1 - l->x0 < width * 0.2f)
			continue;
		if (l->x1 <= g)
			left++;
		else if (l->x0 >= g)
			right++;
	}
	return left >= 3 && right >= 3 ? g : -1;
}

static const struct pdf_doc *sort_pd;

static int
top_cmp(const void *va, const void *vb)
{
	const struct pdf_line	*a = &sort_pd->lines[*(const size_t *)va];
	const struct pdf_line	*b = &sort_pd->lines[*(const size_t *)vb];

	if (fabsf(a->top - b->top) > 1)
		return a->top < b->top ? -1 : 1;
	if (a->x0 != b->x0)
		return a->x0 < b->x0 ? -1 : 1;
	return *(const size_t *)va < *(const size_t *)vb ? -1 : 1;
}

/* Lines ix[0..n) in reading order into out: where they split into
 * columns, each stretch between lines crossing the gutter (a title, a
 * wide table, notes) reads its left column, then its right one. */
static int
order_lines(const struct pdf_doc *pd, size_t *ix, size_t n, float width,
    int depth, size_t *out, size_t *nout)
{
	size_t	*left, *right, nl = 0, nr = 0;
	float	 g;

	if (depth > 3 || n < 6 || (g = find_gutter(pd, ix, n, width)) < 0) {
		if (depth > 0) {
			sort_pd = pd;
			qsort(ix, n, sizeof *ix, top_cmp);
		}
		memcpy(out + *nout, ix, n * sizeof *ix);
		*nout += n;
		return 0;
	}
	sort_pd = pd;
	qsort(ix, n, sizeof *ix, top_cmp);
	left = xreallocarray(NULL, n, sizeof *left);
	right = xreallocarray(NULL, n, sizeof *right);
	for (size_t i = 0; i <= n; i++) {
		const struct pdf_line *l = i < n ? &pd->lines[ix[i]] : NULL;

		if (l != NULL && l->x1 <= g) {
			left[nl++] = ix[i];
			continue;
		}
		if (l != NULL && l->x0 >= g) {
			right[nr++] = ix[i];
			continue;
		}
		order_lines(pd, left, nl, width, depth + 1, out, nout);
		order_lines(pd, right, nr, width, depth + 1, out, nout);
		nl = nr = 0;
		if (l != NULL)
			out[(*nout)++] = ix[i];
	}
	free(left);
	free(right);
	return 1;
}

static float
overlap(float a0, float a1, float b0, float b1)
{
	float	lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;

	return hi > lo ? hi - lo : 0;
}

/* A box or pull-quote beside one column of text: the lines sharing a
 * baseline with text on their other side, on whichever side is
 * narrower, and the lines stacked with them in their size.  Their
 * lines are marked side, to be read as a block of their own. */
static void
mark_side(struct pdf_doc *pd, const struct pdf_page *pg)
{
	struct pdf_line	*lines = pd->lines + pg->line0;
	size_t		 n = pg->nline, nside = 0;
	char		*lft, *rgt;
	float		 r0 = 1e9f, r1 = -1e9f, l0 = 1e9f, l1 = -1e9f, b0, b1;
	int		 right;

	lft = xcalloc(n + 1, 1);
	rgt = xcalloc(n + 1, 1);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			struct pdf_line	*a = &lines[i], *o = &lines[j];
			float		 h = min_f(a->bottom - a->top,
					    o->bottom - o->top);

			if (i == j || a->drop || o->drop ||
			    overlap(a->top, a->bottom, o->top, o->bottom) <
			    h * 0.5f)
				continue;
			if (o->x1 <= a->x0)
				rgt[i] = 1;	/* text on its left */
			else if (o->x0 >= a->x1)
				lft[i] = 1;
		}
	for (size_t i = 0; i < n; i++) {
		if (rgt[i]) {
			r0 = min_f(r0, lines[i].x0);
			r1 = max_f(r1, lines[i].x1);
		}
		if (lft[i]) {
			l0 = min_f(l0, lines[i].x0);
			l1 = max_f(l1, lines[i].x1);
		}
	}
	if (r1 < r0)
		goto out;
	right = r1 - r0 <= l1 - l0;
	b0 = right ? r0 : l0;
	b1 = right ? r1 : l1;
	if (b1 - b0 > pg->width * 0.45f)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (right ? rgt[i] : lft[i]) {
			lines[i].side = 1;
			nside++;
		}
	/* The box's other lines: within its edges, in a size it has, just
	 * above or below one of its lines. */
	for (int pass = 0; pass < 4; pass++)
		for (size_t i = 0; i < n; i++) {
			struct pdf_line *k = &lines[i];

			if (k->side || k->drop || k->x0 < b0 - 2 || k->x1 > b1 + 2)
				continue;
			for (size_t j = 0; j < n; j++) {
				struct pdf_line *m = &lines[j];

				if (m->side && fabsf(m->size - k->size) < 0.5f &&
				    k->top - m->bottom < k->size &&
				    m->top - k->bottom < k->size) {
					k->side = 1;
					nside++;
					break;
				}
			}
		}
	if (nside * 3 > n)
		for (size_t i = 0; i < n; i++)
			lines[i].side = 0;
out:
	free(lft);
	free(rgt);
}

/* Each page's lines in reading order (the dropped ones last). */
void
pdf_order_pages(struct pdf_doc *pd)
{
	for (int p = 0; p < pd->npages; p++) {
		struct pdf_page	*pg = &pd->pages[p];
		size_t		*ix, *out, n = 0, nout = 0;
		struct pdf_line	*tmp;
		int		 split;

		if (pg->nline < 6)
			continue;
		ix = xreallocarray(NULL, pg->nline, sizeof *ix);
		out = xreallocarray(NULL, pg->nline, sizeof *out);
		for (size_t i = pg->line0; i < pg->line0 + pg->nline; i++)
			if (!pd->lines[i].drop)
				ix[n++] = i;
		split = order_lines(pd, ix, n, pg->width, 0, out, &nout);
		for (size_t i = pg->line0; i < pg->line0 + pg->nline; i++)
			if (pd->lines[i].drop)
				out[nout++] = i;
		tmp = xreallocarray(NULL, pg->nline, sizeof *tmp);
		for (size_t i = 0; i < nout; i++)
			tmp[i] = pd->lines[out[i]];
		memcpy(pd->lines + pg->line0, tmp, nout * sizeof *tmp);
		/* Pairs of lines: not on a page of thousands (a table of
		 * figures in small print is no pull-quote). */
		if (!split && pg->nline <= MAX_PAIRS)
			mark_side(pd, pg);
		free(tmp);
		free(out);
		free(ix);
	}
}

/* --- sizes -------------------------------------------------------------- */

void
pdf_find_sizes(struct pdf_doc *pd, struct pdf_sizes *sz)
{
	float	 size[64];
	size_t	 weight[64], ns = 0, best = 0;

	memset(sz, 0, sizeof *sz);
	for (size_t i = 0; i < pd->nlines; i++) {
		struct pdf_line	*l = &pd->lines[i];
		size_t		 k, w = 0;

		if (l->drop)
			continue;
		for (size_t j = 0; j < l->nrun; j++)
			w += pd->runs[l->run0 + j].len;
		for (k = 0; k < ns; k++)
			if (fabsf(size[k] - l->size) < 0.3f)
				break;
		if (k == ns) {
			if (ns == 64)
				continue;
			size[ns] = l->size;
			weight[ns++] = 0;
		}
		weight[k] += w;
	}
	for (size_t k = 1; k < ns; k++)
		if (weight[k] > weight[best])
			best = k;
	sz->body = ns > 0 ? size[best] : 10;
	/* Heading sizes: the largest few above the body, ranked. */
	for (size_t k = 0; k < ns; k++) {
		int j;

		if (size[k] < sz->body * 1.12f)
			continue;
		for (j = sz->nhead; j > 0 && sz->head[j - 1] < size[k]; j--)
			if (j < MAX_HSIZES)
				sz->head[j] = sz->head[j - 1];
		if (j < MAX_HSIZES) {
			sz->head[j] = size[k];
			if (sz->nhead < MAX_HSIZES)
				sz->nhead++;
		}
	}
	pd->body = sz->body;
}

int
pdf_heading_level(const struct pdf_sizes *sz, float size)
{
	for (int i = 0; i < sz->nhead; i++)
		if (size >= sz->head[i] - 0.3f)
			return i + 1;
	return sz->nhead + 1;
}
