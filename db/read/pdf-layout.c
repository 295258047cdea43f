/* pdf-layout.c: the PDF reader's second half: from lines with fonts and
 * positions (pdf.c) to blocks.  Over the whole document it finds the body
 * text size (the most common one), the running headers and footers
 * (lines repeating at the same place across pages, digits aside) and
 * lone page numbers in the margins, and the heading sizes.  Then, page by
 * page, lines are grouped into blocks where the spacing, size, weight,
 * indentation, a list marker or a jump to another column says a new one
 * starts; a paragraph broken by a column or page end goes on when its
 * next line does not start a sentence.  Blocks become headings (larger,
 * or bold and short), list items (a bullet or a printed number with a
 * hanging indent), notes (smaller text at the page bottom starting with
 * its label, or the list under a "Notes" heading) and paragraphs; raised
 * small numbers in the text cite the notes. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pdf.h"

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

#define MARGIN		0.12f	/* headers/footers: top and bottom 12% */
#define MAX_HSIZES	5	/* heading sizes ranked: levels 1..5 */
#define MAX_DEPTH	8

static const char *
rtext(const struct pdf_doc *pd, const struct pdf_run *r)
{
	return pd->text.data + r->off;
}

static const struct pdf_run *
first_run(const struct pdf_doc *pd, const struct pdf_line *l)
{
	return &pd->runs[l->run0];
}

/* The line's text, runs joined (a new string). */
static char *
line_text(const struct pdf_doc *pd, const struct pdf_line *l)
{
	struct buf	s = { 0 };

	for (size_t i = 0; i < l->nrun; i++)
		buf_add(&s, rtext(pd, &pd->runs[l->run0 + i]),
		    pd->runs[l->run0 + i].len);
	buf_addc(&s, '\0');
	return buf_steal(&s);
}

/* The last character of the line's text (a note marker after it
 * aside). */
static char
last_char(const struct pdf_doc *pd, const struct pdf_line *l)
{
	for (size_t i = l->nrun; i > 0; i--) {
		const struct pdf_run	*r = &pd->runs[l->run0 + i - 1];
		size_t			 n = r->len;

		while (n > 0 && rtext(pd, r)[n - 1] == ' ')
			n--;
		if (n > 0 && !r->sup)
			return rtext(pd, r)[n - 1];
	}
	return ' ';
}

static int
is_lower(const char *s)
{
	unsigned char c = (unsigned char)*s;

	/* ASCII, or a Latin letter with an accent below U+0250. */
	return (c >= 'a' && c <= 'z') || (c == 0xc3 &&
	    (unsigned char)s[1] >= 0x9f) || (c >= 0xc4 && c <= 0xc8 &&
	    ((unsigned char)s[1] & 1));
}

static int
is_upper(const char *s)
{
	return (*s >= 'A' && *s <= 'Z') || ((unsigned char)*s >= 0xc3 &&
	    (unsigned char)*s <= 0xc8 && !is_lower(s));
}

/* --- hyphens ----------------------------------------------------------- */

/* Second halves that make a compound with a hyphen of its own
 * ("rights-compliant", "evidence-based"), so a line ending there keeps
 * it. */
static const char *const compound_heads[] = {
	"based", "bound", "building", "centred", "centered", "compliant",
	"driven", "focused", "free", "friendly", "funded", "led", "level",
	"like", "long", "made", "making", "minded", "oriented", "owned",
	"related", "run", "scale", "sensitive", "specific", "style", "term",
	"type", "wide", "year", "old", "up", "in", "out", "off", "down",
	"back", "over", "time", "party", "sector", "state", "border",
	"country", "hand", "day", "way", NULL
};

int
pdf_hyphen_is_break(const char *before, size_t blen, const char *after,
    size_t alen)
{
	size_t	n;

	/* A lowercase letter on both sides of the break. */
	if (blen == 0 || alen == 0 || !is_lower(after))
		return 0;
	if (!((before[blen - 1] >= 'a' && before[blen - 1] <= 'z') ||
	    (unsigned char)before[blen - 1] >= 0x80))
		return 0;
	/* "Port-au-" "Prince", "X-" "ray", "COVID-" "related": a word
	 * that is capitalised, holds a hyphen, a digit or a capital is a
	 * name or a compound already; keep its hyphen. */
	if (is_upper(before))
		return 0;
	for (size_t i = 0; i < blen; i++)
		if (before[i] == '-' || (before[i] >= '0' && before[i] <= '9') ||
		    (before[i] >= 'A' && before[i] <= 'Z'))
			return 0;
	/* One letter before the hyphen ("e-" "mail") is a prefix. */
	if (blen == 1)
		return 0;
	/* The continuation up to its end of word. */
	for (n = 0; n < alen && after[n] != ' ' && after[n] != ',' &&
	    after[n] != '.' && after[n] != ';' && after[n] != ':' &&
	    after[n] != ')' && after[n] != '-'; n++)
		;
	if (n < alen && after[n] == '-')
		return 0;		/* "-in-law": a compound again */
	for (size_t i = 0; compound_heads[i] != NULL; i++)
		if (strlen(compound_heads[i]) == n &&
		    strncmp(after, compound_heads[i], n) == 0)
			return 0;
	return 1;
}

/* --- list markers ------------------------------------------------------ */

static const char *const bullets[] = {
	"\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa", "\xe2\x80\x93",
	"\xe2\x80\x94", "\xe2\x80\xa3", "\xe2\x97\x8f", "\xe2\x97\x8b",
	"\xe2\x96\xa0", "\xe2\x96\xa1", "\xc2\xb7", "\xe2\x81\x83",
	"\xe2\x9e\xa2", "\xef\x82\xb7", "\xef\x82\xa7", "\xef\x81\xb6",
	"\xef\x82\xa8", "-", "*", NULL
};

/* The list marker opening s: its length with the space after it, and
 * in num the number as printed (empty for a bullet); 0 when there is
 * none.  kind: 1 bullet, 2 digits, 3 a letter or roman numeral. */
size_t
pdf_list_marker(const char *s, char *num, size_t numsz, int *kind)
{
	size_t	n = 0, k;

	num[0] = '\0';
	for (size_t i = 0; bullets[i] != NULL; i++) {
		k = strlen(bullets[i]);
		if (strncmp(s, bullets[i], k) == 0 && s[k] == ' ') {
			*kind = 1;
			for (n = k; s[n] == ' '; n++)
				;
			return s[n] != '\0' ? n : 0;
		}
	}
	if (s[0] == '(')
		n++;
	if (s[n] >= '0' && s[n] <= '9') {
		*kind = 2;
		while ((s[n] >= '0' && s[n] <= '9') || (s[n] == '.' &&
		    s[n + 1] >= '0' && s[n + 1] <= '9'))
			n++;
	} else {
		*kind = 3;
		k = n;
		while (s[n] != '\0' && strchr("ivxlcdmIVXLCDM", s[n]) != NULL)
			n++;
		if (n == k && ((s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= 'A' && s[n] <= 'Z')))
			n++;
		if (n - k > 5 || n == k)
			return 0;
	}
	if (s[n] != '.' && s[n] != ')')
		return 0;
	if (s[0] == '(' && s[n] != ')')
		return 0;
	n++;
	if (s[n] != ' ' || n >= numsz)
		return 0;
	memcpy(num, s, n);
	num[n] = '\0';
	while (s[n] == ' ')
		n++;
	return s[n] != '\0' ? n : 0;
}

/* A heading's printed number: "1.", "2.3", "IV.", "A." */
static size_t
heading_number(const char *s, char *num, size_t numsz)
{
	size_t	n = 0;

	if (s[0] >= '0' && s[0] <= '9') {
		while ((s[n] >= '0' && s[n] <= '9') || s[n] == '.')
			n++;
	} else {
		while (s[n] != '\0' && strchr("IVXLC", s[n]) != NULL)
			n++;
		if (n == 0 && s[0] >= 'A' && s[0] <= 'Z')
			n = 1;
		if (n == 0 || s[n] != '.')
			return 0;
		n++;
	}
	if (n == 0 || n >= numsz || s[n] != ' ')
		return 0;
	memcpy(num, s, n);
	num[n] = '\0';
	while (s[n] == ' ')
		n++;
	return n;
}

/* A note label: "12", "*", "†", or the small roman numerals endnotes
 * often use ("iv"). */
static int
is_label(const char *s, size_t len)
{
	size_t	digits = 0, roman = 0;

	if (len == 0 || len > 4)
		return 0;
	if (strncmp(s, "*", len) == 0 || strncmp(s, "\xe2\x80\xa0", len) == 0 ||
	    strncmp(s, "\xe2\x80\xa1", len) == 0)
		return 1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (strchr("ivxlc", s[i]) != NULL)
			roman++;
	}
	return digits == len || roman == len;
}

/* --- running headers, footers, page numbers ---------------------------- */

static int
is_page_number(const char *s)
{
	size_t	n = 0, k;

	while (*s == ' ' || *s == '-' || (unsigned char)*s == 0xe2) {
		if ((unsigned char)*s == 0xe2) {	/* an en or em dash */
			if (s[1] == '\0' || s[2] == '\0')
				return 0;
			s += 2;
		}
		s++;
	}
	if (strncasecmp(s, "page ", 5) == 0)
		s += 5;
	else if (strncasecmp(s, "p. ", 3) == 0)
		s += 3;
	k = strspn(s, "0123456789");
	if (k == 0)
		k = strspn(s, "ivxlcdm");
	if (k == 0 || k > 6)
		return 0;
	s += k;
	while (*s == ' ')
		s++;
	if (strncasecmp(s, "of ", 3) == 0 || *s == '/') {
		s += *s == '/' ? 1 : 3;
		while (*s == ' ')
			s++;
		s += strspn(s, "0123456789");
	}
	while (*s == ' ' || *s == '-' || (unsigned char)*s >= 0x80)
		s++, n++;
	return *s == '\0' && n < 8;
}

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
			unsigned char c = (unsigned char)rtext(pd, r)[j];

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
static void
mark_furniture(struct pdf_doc *pd)
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
			s = line_text(pd, l);
			if (is_page_number(s))
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
	int	 nb = (int)(width / 2) + 2, lo = nb / 5, hi = nb * 4 / 5;
	int	*cov, min = -1, run = 0, best = 0, bestend = 0;
	size_t	 left = 0, right = 0;
	float	 g;

	cov = xcalloc((size_t)nb, sizeof *cov);
	for (size_t i = 0; i < n; i++) {
		const struct pdf_line *l = &pd->lines[ix[i]];

		for (int b = (int)(l->x0 / 2); b <= (int)(l->x1 / 2); b++)
			if (b >= 0 && b < nb)
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
static void
order_pages(struct pdf_doc *pd)
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
		if (!split)
			mark_side(pd, pg);
		free(tmp);
		free(out);
		free(ix);
	}
}

/* --- sizes -------------------------------------------------------------- */

struct sizes {
	float	body;
	float	head[MAX_HSIZES];	/* larger than body, largest first */
	int	nhead;
};

static void
find_sizes(struct pdf_doc *pd, struct sizes *sz)
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

static int
heading_level(const struct sizes *sz, float size)
{
	for (int i = 0; i < sz->nhead; i++)
		if (size >= sz->head[i] - 0.3f)
			return i + 1;
	return sz->nhead + 1;
}

/* --- blocks ------------------------------------------------------------- */

enum bkind { B_TEXT, B_ITEM, B_NOTE };

struct layout {
	struct pdf_doc	*pd;
	struct builder	*b;
	struct sizes	 sz;
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
};

static struct pdf_line *
L_line(struct layout *L, size_t i)
{
	return &L->pd->lines[L->blk[i]];
}

/* The left edge of the column the line is in: the leftmost line on its
 * page that overlaps it horizontally. */
static float
column_left(const struct layout *L, const struct pdf_line *l)
{
	const struct pdf_page	*pg = &L->pd->pages[l->page - 1];
	float			 left = l->x0;

	for (size_t i = pg->line0; i < pg->line0 + pg->nline; i++) {
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
	const struct pdf_page	*pg = &L->pd->pages[l->page - 1];
	float			 right = l->x1;

	for (size_t i = pg->line0; i < pg->line0 + pg->nline; i++) {
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
	const struct pdf_run	*r = first_run(pd, l);
	const char		*s = rtext(pd, r);
	size_t			 n;

	/* Notes sit low on the page (or under a "Notes" heading); a raised
	 * label opens one, or a plain number before smaller text.  A raised
	 * label stuck to the text after it opens an endnote anywhere (in
	 * the text, a marker at a line's start has a space after it). */
	if (!L->notes_section && r->sup && r->len > 0 &&
	    s[r->len - 1] != ' ' && l->nrun > 1 && is_label(s, r->len))
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
		if (!is_label(s, n) || l->nrun < 2)
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
	s = line_text(L->pd, l);
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
	s = line_text(L->pd, l);
	marker = pdf_list_marker(s, num, sizeof num, &mk) > 0;
	free(s);
	if (marker && (L->kind != B_NOTE || mk == 1))
		return 1;
	if (fabsf(l->size - prev->size) > size * 0.1f || l->bold != prev->bold)
		return 1;
	up = l->page != prev->page || l->top < prev->top - l->size * 0.5f;
	jump = up || l->x0 > prev->x1 || l->x1 < prev->x0;
	if (jump) {
		/* A sentence going on in the next column or page. */
		s = line_text(L->pd, l);
		mk = strchr(".:!?", last_char(L->pd, prev)) == NULL &&
		    is_lower(s);
		free(s);
		return !mk;
	}
	if (l->top - prev->bottom > l->size * 0.5f)
		return 1;
	if (L->kind == B_ITEM)
		return l->x0 < first->x0 + l->size * 0.5f;
	/* A short line ending a sentence ends its paragraph; an indented
	 * first line starts one. */
	if (strchr(".:!?", last_char(L->pd, prev)) != NULL &&
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
			const char	*s = rtext(pd, r);
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
			if (r->sup && is_label(s, k)) {
				char lab[8];

				memcpy(lab, s, k);
				lab[k] = '\0';
				build_cite(b, lab);
				if (k < len)
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
				const char	*w, *a = rtext(pd, first_run(pd, n));
				size_t		 wl;

				w = last_word(s, k - 1, &wl);
				/* A word broken at the line end: the
				 * hyphen goes, or stays with no space. */
				if (s[k - 2] != ' ') {
					build_text(b, s, pdf_hyphen_is_break(w,
					    wl, a, first_run(pd, n)->len) ?
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
	s = line_text(L->pd, first);
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
	    strchr(".,;", last_char(L->pd, L_line(L, L->nblk - 1))) ==
	    NULL))) {
		level = heading_level(&L->sz, first->size);
		L->skip = heading_number(s, num, sizeof num);
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
	mark_furniture(pd);
	order_pages(pd);
	find_sizes(pd, &L.sz);
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
}
