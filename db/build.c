/* build.c: the document builder every reader feeds; see build.h.
 *
 * The builder owns the text of the block being built (a struct buf),
 * its spans, the spans still open, and the footnote labels seen so far.
 * Blocks go straight into the caller's struct doc; build_finish() walks
 * them once for anchors and recommendations, once for citations. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <uninorm.h>
#include <unistr.h>

#include "brief-db.h"
#include "build.h"
#include "lang.h"
#include "parse.h"
#include "sanitize.h"
#include "xmalloc.h"

#define MAX_OPEN	16	/* spans open at once */
#define MAX_LEVELS	16	/* nesting of sections and lists */
#define SHORT_TEXT	2000	/* the longest text lang.h's checks match
				 * (a longer one may be in the spill file:
				 * block_short_text does not read it) */

struct open_span {
	enum span_kind	 kind;
	uint32_t	 start;
	char		*target;
};

struct fnlabel {
	int		 seq;		/* the footnote block */
	char		*label;
};

struct builder {
	const char	*file;
	struct diag	*d;
	struct doc	*doc;
	int		 line, page;
	struct buf	 text;
	struct span	*spans;
	size_t		 nspans;
	struct open_span open[MAX_OPEN];
	int		 nopen;
	struct fnlabel	*labels;
	size_t		 nlabels;
};

struct builder *
build_new(const char *file, struct doc *out, struct diag *d)
{
	struct builder	*b = xcalloc(1, sizeof *b);

	b->file = file != NULL ? file : "<input>";
	b->d = d;
	b->doc = out;
	lang_load(d);		/* lang.conf mistakes reported once */
	return b;
}

static void
drop_pending(struct builder *b)
{
	for (size_t i = 0; i < b->nspans; i++)
		free(b->spans[i].target);
	free(b->spans);
	b->spans = NULL;
	b->nspans = 0;
	for (int i = 0; i < b->nopen; i++)
		free(b->open[i].target);
	b->nopen = 0;
	buf_free(&b->text);
}

void
build_free(struct builder *b)
{
	if (b == NULL)
		return;
	drop_pending(b);
	for (size_t i = 0; i < b->nlabels; i++)
		free(b->labels[i].label);
	free(b->labels);
	free(b);
}

struct doc *
build_doc(struct builder *b)
{
	return b->doc;
}

void
build_line(struct builder *b, int line)
{
	b->line = line;
}

void
build_page(struct builder *b, int page)
{
	b->page = page;
}

/* --- text -------------------------------------------------------------- */

/* What a piece of text becomes in a block: NULL to drop the character,
 * else its replacement (ligatures spelt out). */
static const char *
substitute(ucs4_t c)
{
	static const char *lig[] = { "ff", "fi", "fl", "ffi", "ffl", "st",
	    "st" };

	if (c >= 0xfb00 && c <= 0xfb06)
		return lig[c - 0xfb00];
	return NULL;
}

static int
dropped(ucs4_t c)
{
	return c == 0xfffc || c == 0x00ad ||		/* object, soft hyphen */
	    (c >= 0xe000 && c <= 0xf8ff) ||		/* private use */
	    (c >= 0xf0000);				/* planes 15-16 PUA */
}

static int
last_is_break(const struct builder *b)
{
	char	c;

	if (b->text.len == 0)
		return 1;
	c = b->text.data[b->text.len - 1];
	return c == ' ' || c == '\t' || c == '\n';
}

/* Append clean text: white space collapsed, never leading. */
static void
append_clean(struct builder *b, const uint8_t *s, size_t len)
{
	size_t	i = 0;

	while (i < len) {
		ucs4_t		 c;
		int		 n = u8_mbtouc(&c, s + i, len - i);
		const char	*sub;

		if (c == ' ' || c == 0xa0 || c == 0x2028 || c == 0x2029 ||
		    (c >= 0x2000 && c <= 0x200a) || c == 0x3000) {
			if (!last_is_break(b))
				buf_addc(&b->text, ' ');
		} else if ((sub = substitute(c)) != NULL)
			buf_adds(&b->text, sub);
		else if (!dropped(c))
			buf_add(&b->text, s + i, (size_t)n);
		i += (size_t)n;
	}
}

static void
text_piece(struct builder *b, const char *s, size_t len)
{
	char	*ws, *clean;
	uint8_t	*nfc;
	size_t	 nlen;

	/* Line ends and tabs in a source are white space, not breaks. */
	ws = xstrndup(s, len);
	for (size_t i = 0; i < len; i++)
		if (ws[i] == '\n' || ws[i] == '\r' || ws[i] == '\t' ||
		    ws[i] == '\f' || ws[i] == '\v')
			ws[i] = ' ';
	clean = sanitize_text(ws, len, 0);
	free(ws);
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)clean,
	    strlen(clean), NULL, &nlen);
	if (nfc != NULL) {
		append_clean(b, nfc, nlen);
		free(nfc);
	} else
		append_clean(b, (const uint8_t *)clean, strlen(clean));
	free(clean);
}

/* A long text goes through the passes TEXT_PIECE bytes at a time, each
 * piece ending before an ASCII byte (no character or combining sequence
 * spans such a point, so the pieces clean as the whole would), so it is
 * held once more, not four times (a reader's paragraph of a 200 MB
 * line).  Escape sequences go whole, as sanitize_text wants them. */
#define TEXT_PIECE	65536

void
build_text(struct builder *b, const char *s, size_t len)
{
	size_t	a = 0, e;

	if (len <= TEXT_PIECE || sanitize_has_escapes(s, len)) {
		if (len > 0)
			text_piece(b, s, len);
		return;
	}
	for (; a < len; a = e) {
		e = a + TEXT_PIECE;
		if (e >= len)
			e = len;
		while (e < len && ((unsigned char)s[e] & 0x80))
			e++;
		text_piece(b, s + a, e - a);
	}
}

void
build_textz(struct builder *b, const char *s)
{
	if (s != NULL)
		build_text(b, s, strlen(s));
}

void
build_newline(struct builder *b)
{
	while (b->text.len > 0 && b->text.data[b->text.len - 1] == ' ')
		b->text.data[--b->text.len] = '\0';
	if (b->text.len > 0 && b->text.data[b->text.len - 1] != '\n')
		buf_addc(&b->text, '\n');
}

size_t
build_pending(const struct builder *b)
{
	size_t	n = b->text.len;

	while (n > 0 && strchr(" \t\n", b->text.data[n - 1]) != NULL)
		n--;
	return n;
}

void
build_discard(struct builder *b)
{
	drop_pending(b);
}

static void
add_span(struct builder *b, enum span_kind kind, uint32_t start,
    uint32_t end, char *target)
{
	struct span	*sp;

	b->spans = xappend(b->spans, b->nspans, sizeof *b->spans);
	sp = &b->spans[b->nspans++];
	sp->kind = kind;
	sp->start = start;
	sp->end = end;
	sp->target = target;
}

void
build_span_begin(struct builder *b, enum span_kind kind, const char *target)
{
	struct open_span	*o;

	if (b->nopen == MAX_OPEN)
		return;
	o = &b->open[b->nopen++];
	o->kind = kind;
	o->start = (uint32_t)b->text.len;
	o->target = xstrdup(target);
}

void
build_span_end(struct builder *b, enum span_kind kind)
{
	uint32_t	end = (uint32_t)b->text.len;

	for (int i = b->nopen - 1; i >= 0; i--) {
		struct open_span o = b->open[i];

		if (o.kind != kind)
			continue;
		memmove(&b->open[i], &b->open[i + 1],
		    (size_t)(b->nopen - i - 1) * sizeof *b->open);
		b->nopen--;
		if (end > o.start && b->text.data[end - 1] == ' ')
			end--;
		if (end > o.start)
			add_span(b, kind, o.start, end, o.target);
		else
			free(o.target);
		return;
	}
}

static int
span_open(const struct builder *b, enum span_kind kind)
{
	for (int i = 0; i < b->nopen; i++)
		if (b->open[i].kind == kind)
			return 1;
	return 0;
}

void
build_format(struct builder *b, int bold, int italic)
{
	if (!bold != !span_open(b, SP_BOLD))
		(bold ? build_span_begin(b, SP_BOLD, NULL) :
		    build_span_end(b, SP_BOLD));
	if (!italic != !span_open(b, SP_ITALIC))
		(italic ? build_span_begin(b, SP_ITALIC, NULL) :
		    build_span_end(b, SP_ITALIC));
}

void
build_run(struct builder *b, const char *s, int bold, int italic)
{
	if (s == NULL || *s == '\0')
		return;
	if (s[strspn(s, " \t\r\n")] != '\0')
		build_format(b, bold, italic);
	build_textz(b, s);
}

void
build_cite(struct builder *b, const char *label)
{
	uint32_t	at = (uint32_t)b->text.len;

	if (label == NULL || *label == '\0')
		return;
	/* "word ¹" cites the word: the marker sits after it. */
	if (at > 0 && b->text.data[at - 1] == ' ')
		at--;
	add_span(b, SP_FNREF, at, at, xasprintf("?%s", label));
}

/* --- blocks ------------------------------------------------------------ */

static void
trim_pending(struct builder *b)
{
	while (b->text.len > 0 &&
	    strchr(" \t\n", b->text.data[b->text.len - 1]) != NULL)
		b->text.data[--b->text.len] = '\0';
	while (b->nopen > 0)
		build_span_end(b, b->open[b->nopen - 1].kind);
	for (size_t i = 0; i < b->nspans; i++) {
		if (b->spans[i].end > b->text.len)
			b->spans[i].end = (uint32_t)b->text.len;
		if (b->spans[i].start > b->spans[i].end)
			b->spans[i].start = b->spans[i].end;
	}
}

static struct block *
close_block(struct builder *b, enum block_kind kind, int depth,
    const char *number)
{
	struct doc	*doc = b->doc;
	struct block	*bl;

	trim_pending(b);
	if (b->text.len == 0) {
		drop_pending(b);
		return NULL;
	}
	doc->blocks = xappend(doc->blocks, doc->nblocks, sizeof *doc->blocks);
	bl = &doc->blocks[doc->nblocks];
	memset(bl, 0, sizeof *bl);
	bl->seq = (int)doc->nblocks++;
	bl->kind = kind;
	bl->depth = depth < 0 ? 0 : depth;
	bl->parent = -1;
	bl->text = buf_steal(&b->text);
	bl->spans = b->spans;
	bl->nspans = b->nspans;
	bl->line = b->line;
	bl->page = b->page;
	bl->number = number != NULL && *number != '\0' ?
	    sanitize_display(number) : NULL;
	b->spans = NULL;
	b->nspans = 0;
	return bl;
}

struct block *
build_heading(struct builder *b, int level, const char *number)
{
	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	return close_block(b, BK_HEADING, level - 1, number);
}

struct block *
build_paragraph(struct builder *b)
{
	return close_block(b, BK_PARAGRAPH, 0, NULL);
}

struct block *
build_item(struct builder *b, int depth, const char *number)
{
	if (depth >= MAX_LEVELS)
		depth = MAX_LEVELS - 1;
	return close_block(b, BK_ITEM, depth, number);
}

struct block *
build_footnote(struct builder *b, const char *label)
{
	struct block	*bl = close_block(b, BK_FOOTNOTE, 0, NULL);

	if (bl == NULL)
		return NULL;
	b->labels = xappend(b->labels, b->nlabels, sizeof *b->labels);
	b->labels[b->nlabels].seq = bl->seq;
	b->labels[b->nlabels++].label = xstrdup(label != NULL ? label : "");
	return bl;
}

struct block *
build_block(struct builder *b, enum block_kind kind)
{
	return close_block(b, kind, 0, NULL);
}

void
build_cell(struct builder *b)
{
	while (b->text.len > 0 && b->text.data[b->text.len - 1] == ' ')
		b->text.data[--b->text.len] = '\0';
	buf_addc(&b->text, '\t');
}

void
build_row(struct builder *b)
{
	if (b->text.len > 0 && b->text.data[b->text.len - 1] == '\t')
		b->text.data[b->text.len - 1] = '\n';
	else if (b->text.len > 0 && b->text.data[b->text.len - 1] != '\n')
		buf_addc(&b->text, '\n');
}

struct block *
build_table(struct builder *b)
{
	return close_block(b, BK_TABLE, 0, NULL);
}

/* --- metadata ---------------------------------------------------------- */

void
build_meta(struct builder *b, enum build_meta key, const char *value)
{
	struct doc	*d = b->doc;
	char		**field = NULL;
	char		*v;

	switch (key) {
	case BM_TITLE:		field = &d->title; break;
	case BM_KIND:		field = &d->kind; break;
	case BM_REFERENCE:	field = &d->reference; break;
	case BM_DATE:		field = &d->date; break;
	case BM_AUTHOR:		field = &d->author; break;
	case BM_SLUG:		field = &d->slug; break;
	case BM_PARENT:		field = &d->parent; break;
	case BM_ADDRESSEES:	field = &d->addressees; break;
	}
	if (field == NULL || *field != NULL || value == NULL)
		return;
	v = sanitize_display(value);
	v[strcspn(v, "\n")] = '\0';
	while (*v != '\0' && v[strlen(v) - 1] == ' ')
		v[strlen(v) - 1] = '\0';
	if (*v == '\0' || (key == BM_KIND && strcmp(v, "letter") != 0 &&
	    strcmp(v, "annex") != 0 && strcmp(v, "briefing") != 0)) {
		free(v);
		return;
	}
	*field = v;
}

/* --- finishing --------------------------------------------------------- */

static int
starts_bold_lead(const struct block *bl)
{
	for (size_t i = 0; i < bl->nspans; i++)
		if (bl->spans[i].kind == SP_BOLD && bl->spans[i].start == 0 &&
		    bl->spans[i].end >= 3)
			return 1;
	return 0;
}

/* Counters of a nesting (sections or one list): "2.1.3". */
struct levels {
	int	n[MAX_LEVELS];
	int	depth;		/* levels in use */
};

static char *
level_anchor(const char *prefix, struct levels *lv, int depth)
{
	struct buf	a = { 0 };

	if (depth >= MAX_LEVELS)
		depth = MAX_LEVELS - 1;
	if (depth > lv->depth)
		depth = lv->depth;	/* never skip a level */
	lv->n[depth]++;
	for (int i = depth + 1; i < MAX_LEVELS; i++)
		lv->n[i] = 0;
	lv->depth = depth + 1;
	buf_adds(&a, prefix);
	for (int i = 0; i <= depth; i++)
		buf_printf(&a, i ? ".%d" : "%d", lv->n[i]);
	return buf_steal(&a);
}

struct walk {
	struct levels	 sec, rec, item;
	int		 secmap[7];	/* heading level -> depth */
	int		 nsecmap;
	int		 rec_section;	/* level of a recommendations
					 * heading in force, or 0 */
	int		 rec_intro;	/* the last paragraph introduces
					 * recommendations */
	int		 in_rec_list;	/* the current list is one */
	int		 stack[MAX_LEVELS]; /* seq of the open item per depth */
	int		 npara, ntable, naddr, nsig, ntitle, nref;
};

static void
walk_heading(struct builder *b, struct walk *w, struct block *bl)
{
	int	level = bl->depth + 1, depth = 0;

	while (depth < w->nsecmap && w->secmap[depth] < level)
		depth++;
	w->secmap[depth] = level;
	w->nsecmap = depth + 1;
	if (bl->anchor == NULL)
		bl->anchor = level_anchor("sec-", &w->sec, depth);
	bl->depth = depth;
	if (w->rec_section && level <= w->rec_section)
		w->rec_section = 0;
	if (lang_rec_heading(block_text(b->doc, bl)))
		w->rec_section = level;
	w->rec_intro = 0;
	w->in_rec_list = 0;
}

static void
walk_item(struct builder *b, struct walk *w, struct block *bl)
{
	struct doc	*doc = b->doc;
	int		 depth = bl->depth, up;

	/* A level with no item open above it is not a level: "- a" then
	 * an item indented twice is a's child. */
	for (int i = 0; i < depth; i++)
		if (w->stack[i] < 0) {
			depth = i;
			break;
		}
	bl->depth = depth;
	if (depth == 0)
		w->in_rec_list = w->rec_section || w->rec_intro ||
		    starts_bold_lead(bl);
	up = depth > 0 ? w->stack[depth - 1] : -1;
	bl->parent = up;
	if (up >= 0 ? doc->blocks[up].kind == BK_BULLET : w->in_rec_list)
		bl->kind = BK_BULLET;
	if (bl->anchor == NULL) {
		/* A sub-item numbers within its parent: rec-2.1. */
		if (bl->kind == BK_BULLET)
			bl->anchor = level_anchor("rec-", &w->rec, depth);
		else
			bl->anchor = level_anchor("li-", &w->item, depth);
	}
	w->stack[depth] = bl->seq;
	for (int i = depth + 1; i < MAX_LEVELS; i++)
		w->stack[i] = -1;
}

static void
end_list(struct walk *w)
{
	for (int i = 0; i < MAX_LEVELS; i++)
		w->stack[i] = -1;
	w->rec.depth = 0;
	w->item.depth = 0;
}

static char *
plain_anchor(struct walk *w, enum block_kind k)
{
	switch (k) {
	case BK_PARAGRAPH:	return xasprintf("p-%d", ++w->npara);
	case BK_TABLE:		return xasprintf("tbl-%d", ++w->ntable);
	case BK_ADDRESS:	return xasprintf("addr-%d", ++w->naddr);
	case BK_SIGNATURE:	return xasprintf("sig-%d", ++w->nsig);
	case BK_TITLE:		return ++w->ntitle == 1 ? xstrdup("title") :
				    xasprintf("title-%d", w->ntitle);
	case BK_REFERENCE:	return ++w->nref == 1 ? xstrdup("ref") :
				    xasprintf("ref-%d", w->nref);
	case BK_SALUTATION:	return xstrdup("salutation");
	case BK_CLOSING:	return xstrdup("closing");
	default:		return xasprintf("p-%d", ++w->npara);
	}
}

static void
assign_anchors(struct builder *b)
{
	struct doc	*doc = b->doc;
	struct walk	 w;

	memset(&w, 0, sizeof w);
	end_list(&w);
	for (size_t i = 0; i < doc->nblocks; i++) {
		struct block *bl = &doc->blocks[i];

		switch (bl->kind) {
		case BK_HEADING:
			end_list(&w);
			walk_heading(b, &w, bl);
			break;
		case BK_ITEM:
		case BK_BULLET:
			walk_item(b, &w, bl);
			break;
		case BK_FOOTNOTE:
			break;		/* after the walk: labels */
		default:
			end_list(&w);
			if (bl->kind == BK_PARAGRAPH)
				w.rec_intro = lang_rec_intro(
				    block_short_text(doc, bl, SHORT_TEXT));
			if (bl->anchor == NULL)
				bl->anchor = plain_anchor(&w, bl->kind);
			break;
		}
	}
}

static int
label_number(const char *s)
{
	long	 n;
	char	*end;

	if (*s < '0' || *s > '9')
		return 0;
	n = strtol(s, &end, 10);
	return *end == '\0' && n > 0 && n < 1000000 ? (int)n : 0;
}

/* Footnotes by their printed number where it is one and free, the
 * others after the highest. */
static void
anchor_footnotes(struct builder *b)
{
	struct doc	*doc = b->doc;
	int		 next = 0;

	for (size_t i = 0; i < b->nlabels; i++) {
		int n = label_number(b->labels[i].label);

		if (n > next)
			next = n;
	}
	for (size_t i = 0; i < b->nlabels; i++) {
		struct block	*bl = &doc->blocks[b->labels[i].seq];
		int		 n = label_number(b->labels[i].label);

		for (size_t j = 0; n > 0 && j < i; j++)
			if (doc->blocks[b->labels[j].seq].fn == n)
				n = 0;
		if (n == 0)
			n = ++next;
		bl->fn = n;
		if (bl->anchor == NULL)
			bl->anchor = xasprintf("fn-%d", n);
	}
	for (size_t i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].kind == BK_FOOTNOTE &&
		    doc->blocks[i].anchor == NULL)
			doc->blocks[i].anchor = xasprintf("fn-%d", ++next);
}

static int
label_cmp(const void *va, const void *vb)
{
	const struct fnlabel *const *a = va, *const *b = vb;
	int	c = strcmp((*a)->label, (*b)->label);

	/* Equal labels keep their order: the first note of a label wins. */
	return c != 0 ? c : ((*a) > (*b)) - ((*a) < (*b));
}

/* The labels sorted, for find_label: a document may cite thousands of
 * notes by name thousands of times. */
static const struct fnlabel **
sorted_labels(const struct builder *b)
{
	const struct fnlabel	**v = xreallocarray(NULL, b->nlabels + 1,
				    sizeof *v);

	for (size_t i = 0; i < b->nlabels; i++)
		v[i] = &b->labels[i];
	qsort(v, b->nlabels, sizeof *v, label_cmp);
	return v;
}

/* The first note printed with label, or NULL. */
static const struct fnlabel *
find_label(const struct fnlabel **v, size_t n, const char *label)
{
	size_t	lo = 0, hi = n;

	while (lo < hi) {		/* the first not below label */
		size_t	mid = lo + (hi - lo) / 2;

		if (strcmp(v[mid]->label, label) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(v[lo]->label, label) == 0 ? v[lo] : NULL;
}

static int
note_cmp(const void *va, const void *vb, void *arg)
{
	const struct doc *doc = arg;

	return strcmp(doc->blocks[*(const int *)va].anchor,
	    doc->blocks[*(const int *)vb].anchor);
}

/* The footnotes' seqs sorted by anchor: a reader that names its
 * citations "fn-N" itself (the line parser) may cite thousands of notes
 * thousands of times. */
static int *
sorted_notes(const struct doc *doc, size_t *n)
{
	int	*v = NULL;

	*n = 0;
	for (size_t i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].kind == BK_FOOTNOTE &&
		    doc->blocks[i].anchor != NULL) {
			v = xappend(v, *n, sizeof *v);
			v[(*n)++] = (int)i;
		}
	if (*n > 1)
		qsort_r(v, *n, sizeof *v, note_cmp, (void *)doc);
	return v;
}

static int
find_note(const struct doc *doc, const int *v, size_t n, const char *anchor)
{
	size_t	lo = 0, hi = n;

	while (lo < hi) {
		size_t	mid = lo + (hi - lo) / 2;
		int	c = strcmp(doc->blocks[v[mid]].anchor, anchor);

		if (c == 0)
			return v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Citation labels to footnote anchors; unmatched ones are dropped with
 * a warning, notes never cited are kept with one. */
static void
resolve_citations(struct builder *b)
{
	struct doc	*doc = b->doc;
	char		*cited = xcalloc(doc->nblocks + 1, 1);
	size_t		 nnotes = 0;
	int		*notes = sorted_notes(doc, &nnotes);
	const struct fnlabel **labels = sorted_labels(b);

	for (size_t i = 0; i < doc->nblocks; i++) {
		struct block *bl = &doc->blocks[i];
		size_t	 k = 0;

		for (size_t j = 0; j < bl->nspans; j++) {
			struct span		*sp = &bl->spans[j];
			const struct fnlabel	*l;

			if (sp->kind == SP_FNREF && sp->target != NULL &&
			    sp->target[0] == '?') {
				if ((l = find_label(labels, b->nlabels,
				    sp->target + 1)) == NULL) {
					diag_warn(b->d, b->file, bl->line, 0,
					    "footnote reference %s has no "
					    "note", sp->target + 1);
					free(sp->target);
					continue;
				}
				free(sp->target);
				sp->target = xstrdup(doc->blocks[l->seq].anchor);
				cited[l->seq] = 1;
			} else if (sp->kind == SP_FNREF && sp->target != NULL) {
				int f = find_note(doc, notes, nnotes,
				    sp->target);

				if (f >= 0)
					cited[f] = 1;
			}
			bl->spans[k++] = *sp;
		}
		bl->nspans = k;
	}
	for (size_t i = 0; i < b->nlabels; i++)
		if (!cited[b->labels[i].seq])
			diag_warn(b->d, b->file,
			    doc->blocks[b->labels[i].seq].line, 0,
			    "footnote %s is never cited",
			    b->labels[i].label);
	free(labels);
	free(notes);
	free(cited);
}

static int
anchor_cmp(const void *va, const void *vb)
{
	const struct block *a = *(const struct block *const *)va;
	const struct block *b = *(const struct block *const *)vb;
	int	c = strcmp(a->anchor, b->anchor);

	return c != 0 ? c : a->seq - b->seq;
}

/* Anchors are unique in a document (the index says so): a repeat gets
 * a suffix, the first keeps its name. */
static void
unique_anchors(struct doc *doc)
{
	struct block	**v;
	char		 *dup;

	if (doc->nblocks < 2)
		return;
	v = xreallocarray(NULL, doc->nblocks, sizeof *v);
	dup = xcalloc(doc->nblocks, 1);
	for (size_t i = 0; i < doc->nblocks; i++)
		v[i] = &doc->blocks[i];
	qsort(v, doc->nblocks, sizeof *v, anchor_cmp);
	for (size_t i = 1; i < doc->nblocks; i++)
		dup[i] = strcmp(v[i]->anchor, v[i - 1]->anchor) == 0;
	for (size_t i = 1, k = 2; i < doc->nblocks; i++) {
		char	*a;

		if (!dup[i]) {
			k = 2;
			continue;
		}
		for (;;) {
			a = xasprintf("%s-%zu", v[i]->anchor, k++);
			if (doc_find_anchor(doc, a) < 0)
				break;
			free(a);
		}
		free(v[i]->anchor);
		v[i]->anchor = a;
	}
	free(dup);
	free(v);
}

/* A single top-level heading that opens the document is its title
 * (unless its reader named it a section, or the front matter or the
 * format's metadata gave a different title). */
static void
promote_title(struct doc *doc)
{
	int	first = -1, ntop = 0;

	for (size_t i = 0; i < doc->nblocks; i++) {
		if (doc->blocks[i].kind == BK_TITLE)
			return;
		if (doc->blocks[i].kind != BK_HEADING ||
		    doc->blocks[i].depth != 0)
			continue;
		if (first < 0)
			first = (int)i;
		ntop++;
	}
	if (first < 0 || ntop != 1 || doc->blocks[first].number != NULL ||
	    doc->blocks[first].anchor != NULL)
		return;
	/* The format named another title: this heading is a section. */
	if (doc->title != NULL && strcmp(doc->title,
	    block_text(doc, &doc->blocks[first])) != 0)
		return;
	/* Only letter parts may come before it: after body text it is a
	 * section ("Notes" after the letter), not what the document is. */
	for (int i = 0; i < first; i++)
		if (doc->blocks[i].kind == BK_HEADING ||
		    doc->blocks[i].kind == BK_PARAGRAPH ||
		    doc->blocks[i].kind == BK_ITEM ||
		    doc->blocks[i].kind == BK_BULLET ||
		    doc->blocks[i].kind == BK_TABLE ||
		    doc->blocks[i].kind == BK_FOOTNOTE)
			return;
	doc->blocks[first].kind = BK_TITLE;
}

static char *
guess_title(const struct doc *doc)
{
	for (size_t i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].kind == BK_TITLE)
			return xstrdup(block_text(doc, &doc->blocks[i]));
	for (size_t i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].kind == BK_HEADING)
			return xstrdup(block_text(doc, &doc->blocks[i]));
	for (size_t i = 0; i < doc->nblocks; i++) {
		const char	*t;
		size_t		 len;

		if (doc->blocks[i].kind != BK_PARAGRAPH)
			continue;
		t = block_short_text(doc, &doc->blocks[i], 120);
		len = strlen(t);
		if (len > 0 && len <= 120 && strchr(".:;,", t[len - 1]) == NULL)
			return xstrdup(t);
		break;
	}
	return NULL;
}

/* The letter's own parts in a format that has no markup for them (a
 * PDF, a Word file, a web page): the salutation, and before it the
 * date, reference and subject lines; after it the closing and the
 * signature.  Only blocks no reader named, in the languages of
 * data/lang.conf. */
static void
letter_meta(struct builder *b, struct block *bl)
{
	struct doc	*doc = b->doc;
	const char	*t = block_short_text(doc, bl, SHORT_TEXT);
	char		 iso[11];
	size_t		 off;

	if (doc->date == NULL && lang_date_line(t, iso))
		doc->date = xstrdup(iso);
	else if (doc->reference == NULL &&
	    (off = lang_reference(t)) > 0) {
		doc->reference = xstrdup(t + off);
		bl->kind = BK_REFERENCE;
	} else if (doc->title == NULL && (off = lang_subject(t)) > 0)
		doc->title = xstrdup(t + off);
}

static void
find_letter_parts(struct builder *b)
{
	struct doc	*doc = b->doc;
	size_t		 i, sal = doc->nblocks, close = doc->nblocks;

	for (i = 0; i < doc->nblocks && i < 40; i++) {
		struct block *bl = &doc->blocks[i];

		if (bl->anchor != NULL || bl->kind == BK_SALUTATION)
			return;		/* a reader that knows letters */
		if (bl->kind == BK_PARAGRAPH && strchr(block_short_text(doc,
		    bl, SHORT_TEXT), '\n') == NULL &&
		    lang_salutation(block_short_text(doc, bl, SHORT_TEXT))) {
			sal = i;
			break;
		}
	}
	if (sal == doc->nblocks)
		return;
	doc->blocks[sal].kind = BK_SALUTATION;
	for (i = 0; i < sal; i++)
		if (doc->blocks[i].kind == BK_PARAGRAPH)
			letter_meta(b, &doc->blocks[i]);
	for (i = doc->nblocks; i-- > sal + 1;)
		if (doc->blocks[i].kind == BK_PARAGRAPH &&
		    lang_closing(block_short_text(doc, &doc->blocks[i],
		    SHORT_TEXT))) {
			close = i;
			break;
		}
	if (close == doc->nblocks)
		return;
	doc->blocks[close].kind = BK_CLOSING;
	for (i = close + 1; i < doc->nblocks; i++)
		if (doc->blocks[i].kind == BK_PARAGRAPH &&
		    block_text_len(&doc->blocks[i]) <= 100)
			doc->blocks[i].kind = BK_SIGNATURE;
}

static int
has_kind(const struct doc *doc, enum block_kind k)
{
	for (size_t i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].kind == k)
			return 1;
	return 0;
}

int
build_finish(struct builder *b)
{
	struct doc	*doc = b->doc;

	if (build_pending(b) > 0)
		build_paragraph(b);
	drop_pending(b);
	if (doc->nblocks == 0) {
		diag_error(b->d, b->file, 0, 0, "no text in this file");
		return -1;
	}
	find_letter_parts(b);
	promote_title(doc);
	assign_anchors(b);
	anchor_footnotes(b);
	unique_anchors(doc);
	resolve_citations(b);
	if (doc->source == NULL)
		doc->source = xstrdup(b->file);
	if (doc->slug == NULL)
		doc->slug = parse_slug_from_path(b->file);
	if (doc->kind == NULL)
		doc->kind = xstrdup(has_kind(doc, BK_SALUTATION) ? "letter" :
		    "briefing");
	if (doc->title == NULL && (doc->title = guess_title(doc)) == NULL)
		doc->title = xstrdup(doc->slug);
	return 0;
}
