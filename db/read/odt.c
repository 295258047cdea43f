/* odt.c: OpenDocument text (.odt).  An ODT is a ZIP whose first member,
 * "mimetype", names the format; the text is content.xml, its styles
 * there (automatic) and in styles.xml (common).  text:h gives headings
 * by outline level; text:list nesting gives items, numbered from their
 * list style (num-format, prefix, suffix, display-levels) as the
 * document prints them; text:note gives a citation where it stands and
 * the note after the body; text:a links; bold and italic come from the
 * spans' styles.  Tracked changes are read as accepted: the deleted text
 * sits in text:tracked-changes, which is not read.  Annotations
 * (comments) are not text.  meta.xml gives title, author and date. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "office.h"
#include "read.h"
#include "sanitize.h"
#include "xmlsafe.h"
#include "zipread.h"

#define MIMETYPE	"application/vnd.oasis.opendocument.text"
#define NLVL		10

struct ostyle {
	const char	*name, *family, *parent, *display;
	const char	*list;		/* style:list-style-name */
	int		 outline;	/* default-outline-level, 0 */
	int		 bold, italic;	/* -1 unset */
};

struct olevel {
	char		 fmt;		/* office_counter's; 0 bullet/none */
	const char	*prefix, *suffix;
	int		 display;	/* levels shown, 1.. */
	int		 start;
};

struct olist {
	const char	*name;
	struct olevel	 lv[NLVL];
};

struct onote {
	xmlNode		*body;
	char		*label;
};

struct odt {
	struct builder	*b;
	const char	*file;
	struct diag	*d;
	struct zipread	*z;
	struct xmlparts	 parts;
	struct ostyle	*styles;
	size_t		 nstyles;
	struct olist	*lists;
	size_t		 nlists;
	struct onote	*notes;
	size_t		 nnotes;
	int		 count[NLVL];	/* list counters, 0 unset */
	int		 flat;		/* in a cell or note: one block */
	int		 warned;
};

static void	walk_blocks(struct odt *, xmlNode *);
static void	list(struct odt *, xmlNode *, int, const struct olist *);
static void	table(struct odt *, xmlNode *);

/* --- parts and styles ---------------------------------------------------- */

static xmlNode *
part(struct odt *x, const char *name, int *err)
{
	return xmlparts_read(&x->parts, x->z, x->file, name, x->d, err);
}

static int
weight_bold(const char *w)
{
	if (w == NULL)
		return -1;
	if (strcmp(w, "bold") == 0)
		return 1;
	return atoi(w) >= 600;
}

static int
style_italic(const char *s)
{
	if (s == NULL)
		return -1;
	return strcmp(s, "italic") == 0 || strcmp(s, "oblique") == 0;
}

static void
add_style(struct odt *x, xmlNode *s)
{
	xmlNode		*tp = xmlsafe_child(s, "text-properties");
	struct ostyle	*st;

	x->styles = xappend(x->styles, x->nstyles, sizeof *x->styles);
	st = &x->styles[x->nstyles++];
	st->name = xmlsafe_attr(s, "name");
	st->family = xmlsafe_attr(s, "family");
	st->parent = xmlsafe_attr(s, "parent-style-name");
	st->display = xmlsafe_attr(s, "display-name");
	st->list = xmlsafe_attr(s, "list-style-name");
	st->outline = xmlsafe_int(s, "default-outline-level", 0, 0);
	st->bold = weight_bold(xmlsafe_attr(tp, "font-weight"));
	st->italic = style_italic(xmlsafe_attr(tp, "font-style"));
}

static char
odf_fmt(const char *f)
{
	if (f == NULL || *f == '\0')
		return 0;
	switch (*f) {
	case 'a': case 'A': case 'i': case 'I':
		return *f;
	default:
		return '1';
	}
}

static void
add_list(struct odt *x, xmlNode *ls)
{
	struct olist	*l;

	x->lists = xappend(x->lists, x->nlists, sizeof *x->lists);
	l = &x->lists[x->nlists++];
	memset(l, 0, sizeof *l);
	l->name = xmlsafe_attr(ls, "name");
	for (xmlNode *c = ls->children; c != NULL; c = c->next) {
		int		 i = xmlsafe_int(c, "level", 0, 0) - 1;
		struct olevel	*lv;

		if (i < 0 || i >= NLVL)
			continue;
		lv = &l->lv[i];
		lv->start = xmlsafe_int(c, "start-value", 0, 1);
		lv->display = xmlsafe_int(c, "display-levels", 0, 1);
		if (!xmlsafe_is(c, "list-level-style-number"))
			continue;	/* bullets, images: no number */
		lv->fmt = odf_fmt(xmlsafe_attr(c, "num-format"));
		lv->prefix = xmlsafe_attr(c, "num-prefix");
		lv->suffix = xmlsafe_attr(c, "num-suffix");
	}
}

/* Styles and list styles of a styles container (office:styles,
 * office:automatic-styles). */
static void
read_styles(struct odt *x, xmlNode *root)
{
	for (xmlNode *c = root != NULL ? root->children : NULL; c != NULL;
	    c = c->next) {
		if (!xmlsafe_is(c, "styles") &&
		    !xmlsafe_is(c, "automatic-styles"))
			continue;
		for (xmlNode *s = c->children; s != NULL; s = s->next)
			if (xmlsafe_is(s, "style") &&
			    xmlsafe_attr(s, "name") != NULL)
				add_style(x, s);
			else if (xmlsafe_is(s, "list-style") &&
			    xmlsafe_attr(s, "name") != NULL)
				add_list(x, s);
	}
}

static const struct ostyle *
style(const struct odt *x, const char *name, const char *family)
{
	for (size_t i = 0; name != NULL && i < x->nstyles; i++)
		if (strcmp(x->styles[i].name, name) == 0 &&
		    (x->styles[i].family == NULL ||
		    strcmp(x->styles[i].family, family) == 0))
			return &x->styles[i];
	return NULL;
}

static const struct olist *
list_style(const struct odt *x, const char *name)
{
	for (size_t i = 0; name != NULL && i < x->nlists; i++)
		if (strcmp(x->lists[i].name, name) == 0)
			return &x->lists[i];
	return NULL;
}

/* A text style's bold (which 0) or italic (1) through its parents,
 * -1 unset (a loop in a crafted file ends after a few hops). */
static int
style_flag(const struct odt *x, const char *name, const char *family,
    int which)
{
	const struct ostyle *st = style(x, name, family);

	for (int hop = 0; st != NULL && hop < 16; hop++) {
		int v = which ? st->italic : st->bold;

		if (v >= 0)
			return v;
		st = style(x, st->parent, family);
	}
	return -1;
}

/* -1 the title, 1-6 a heading, 0 body text. */
static int
para_level(const struct odt *x, const char *name)
{
	const struct ostyle *st = style(x, name, "paragraph");

	for (int hop = 0; st != NULL && hop < 16; hop++) {
		if (strcmp(st->name, "Title") == 0 || (st->display != NULL &&
		    strcmp(st->display, "Title") == 0))
			return -1;
		if (st->outline > 0)
			return st->outline > 6 ? 6 : st->outline;
		st = style(x, st->parent, "paragraph");
	}
	return 0;
}

static void
read_meta(struct odt *x, xmlNode *root)
{
	xmlNode		*m = xmlsafe_child(root, "meta");
	struct buf	 t = { 0 };

	for (xmlNode *c = m != NULL ? m->children : NULL; c != NULL;
	    c = c->next) {
		const char *name = xmlsafe_attr(c, "name");

		if (c->type != XML_ELEMENT_NODE)
			continue;
		buf_free(&t);
		xmlsafe_text(c, &t);
		if (t.data == NULL)
			continue;
		if (xmlsafe_is(c, "user-defined") && name != NULL) {
			if (strcasecmp(name, "date") == 0)
				build_meta(x->b, BM_DATE, t.data);
			else if (strcasecmp(name, "reference") == 0)
				build_meta(x->b, BM_REFERENCE, t.data);
			else if (strcasecmp(name, "kind") == 0)
				build_meta(x->b, BM_KIND, t.data);
		}
	}
	for (xmlNode *c = m != NULL ? m->children : NULL; c != NULL;
	    c = c->next) {
		buf_free(&t);
		xmlsafe_text(c, &t);
		if (t.data == NULL)
			continue;
		if (xmlsafe_is(c, "title"))
			build_meta(x->b, BM_TITLE, t.data);
		else if (xmlsafe_is(c, "creator") ||
		    xmlsafe_is(c, "initial-creator"))
			build_meta(x->b, BM_AUTHOR, t.data);
		else if ((xmlsafe_is(c, "creation-date") ||
		    xmlsafe_is(c, "date")) && t.len >= 10) {
			t.data[10] = '\0';
			build_meta(x->b, BM_DATE, t.data);
		}
	}
	buf_free(&t);
}

/* --- text ---------------------------------------------------------------- */

static void
changes(struct odt *x, xmlNode *tc)
{
	for (xmlNode *r = tc->children; r != NULL; r = r->next)
		if (xmlsafe_is(r, "changed-region") && x->warned++ == 0)
			diag_warn(x->d, x->file, 0, 0, "tracked changes "
			    "read as accepted");
}

static void
note(struct odt *x, xmlNode *n)
{
	struct buf	 l = { 0 };
	xmlNode		*body = xmlsafe_child(n, "note-body");
	const char	*lab;

	if (body == NULL)
		return;
	if ((lab = xmlsafe_attr(xmlsafe_child(n, "note-citation"),
	    "label")) != NULL)
		buf_adds(&l, lab);
	else
		xmlsafe_text(xmlsafe_child(n, "note-citation"), &l);
	if (l.len == 0)
		buf_printf(&l, "%zu", x->nnotes + 1);
	x->notes = xappend(x->notes, x->nnotes, sizeof *x->notes);
	x->notes[x->nnotes].body = body;
	x->notes[x->nnotes++].label = buf_steal(&l);
	build_cite(x->b, x->notes[x->nnotes - 1].label);
}

static int
skipped(const xmlNode *c)
{
	static const char *const names[] = { "annotation", "annotation-end",
	    "number", "tracked-changes", "frame", "custom-shape", "g",
	    "rect", "image", "deletion", "bookmark", "bookmark-start",
	    "bookmark-end", "change", "change-start", "change-end",
	    "soft-page-break", "reference-mark", "reference-mark-start",
	    "reference-mark-end", "alphabetical-index-mark",
	    "toc-mark", "hidden-text", "hidden-paragraph" };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (xmlsafe_is(c, names[i]))
			return 1;
	return 0;
}

static void
inline_content(struct odt *x, xmlNode *n, int bold, int italic)
{
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE)
			build_run(x->b, (const char *)c->content, bold, italic);
		else if (c->type != XML_ELEMENT_NODE || skipped(c))
			continue;
		else if (xmlsafe_is(c, "s") || xmlsafe_is(c, "tab") ||
		    xmlsafe_is(c, "line-break"))
			build_textz(x->b, " ");
		else if (xmlsafe_is(c, "note"))
			note(x, c);
		else if (xmlsafe_is(c, "a")) {
			const char *h = xmlsafe_attr(c, "href");
			/* A target is anyone's bytes, shown one day. */
			char *url = h != NULL ? sanitize_display(h) : NULL;

			if (url != NULL)
				build_span_begin(x->b, SP_LINK, url);
			inline_content(x, c, bold, italic);
			if (url != NULL)
				build_span_end(x->b, SP_LINK);
			free(url);
		} else if (xmlsafe_is(c, "span")) {
			const char *sn = xmlsafe_attr(c, "style-name");
			int b = style_flag(x, sn, "text", 0);
			int i = style_flag(x, sn, "text", 1);

			inline_content(x, c, b >= 0 ? b : bold,
			    i >= 0 ? i : italic);
		} else
			inline_content(x, c, bold, italic);
	}
}

/* --- blocks -------------------------------------------------------------- */

static void
para(struct odt *x, xmlNode *p)
{
	const char	*sn = xmlsafe_attr(p, "style-name");
	int		 level = para_level(x, sn);
	const char	*ol = xmlsafe_attr(p, "outline-level");
	struct buf	 num = { 0 };

	inline_content(x, p, 0, 0);
	build_format(x->b, 0, 0);
	if (x->flat) {
		build_textz(x->b, " ");
		return;
	}
	if (xmlsafe_is(p, "h")) {
		level = ol != NULL ? xmlsafe_int(p, "outline-level", 0, 1) : 1;
		if (level < 1)
			level = 1;
		xmlsafe_text(xmlsafe_child(p, "number"), &num);
		build_heading(x->b, level > 6 ? 6 : level, num.data);
		buf_free(&num);
	} else if (level < 0)
		build_block(x->b, BK_TITLE);
	else if (level > 0)
		build_heading(x->b, level, NULL);
	else
		build_paragraph(x->b);
}

/* "2.b)": the counters of the levels shown, in their formats. */
static char *
number(const struct odt *x, const struct olist *ls, int depth)
{
	const struct olevel	*lv;
	struct buf		 b = { 0 };
	int			 from;

	if (ls == NULL || depth >= NLVL || ls->lv[depth].fmt == 0)
		return NULL;
	lv = &ls->lv[depth];
	from = depth - (lv->display > 1 ? lv->display : 1) + 1;
	if (from < 0)
		from = 0;
	buf_adds(&b, lv->prefix != NULL ? lv->prefix : "");
	for (int i = from; i <= depth; i++) {
		if (i > from)
			buf_addc(&b, '.');
		office_counter(&b, x->count[i], ls->lv[i].fmt != 0 ?
		    ls->lv[i].fmt : '1');
	}
	buf_adds(&b, lv->suffix != NULL ? lv->suffix : "");
	return buf_steal(&b);
}

static void
item(struct odt *x, xmlNode *it, int depth, const struct olist *ls)
{
	char	*num = NULL;
	int	 d = depth < NLVL ? depth : NLVL - 1, closed = 0;

	if (xmlsafe_is(it, "list-item")) {
		int start = ls != NULL ? ls->lv[d].start : 1;

		x->count[d] = xmlsafe_int(it, "start-value", 0,
		    x->count[d] > 0 ? x->count[d] + 1 : (start > 0 ? start : 1));
		for (int i = d + 1; i < NLVL; i++)
			x->count[i] = 0;
		num = number(x, ls, d);
	}
	for (xmlNode *c = it->children; c != NULL; c = c->next) {
		if (xmlsafe_is(c, "p") || xmlsafe_is(c, "h")) {
			/* Paragraphs of one item are one item. */
			if (build_pending(x->b) > 0)
				build_textz(x->b, " ");
			inline_content(x, c, 0, 0);
			build_format(x->b, 0, 0);
			continue;
		}
		if (!xmlsafe_is(c, "list") && !xmlsafe_is(c, "table"))
			continue;
		if (build_pending(x->b) > 0) {
			build_item(x->b, depth, closed ? NULL : num);
			closed = 1;
		}
		if (xmlsafe_is(c, "list"))
			list(x, c, depth + 1, ls);
		else
			table(x, c);
	}
	if (build_pending(x->b) > 0)
		build_item(x->b, depth, closed ? NULL : num);
	free(num);
}

static void
list(struct odt *x, xmlNode *l, int depth, const struct olist *ls)
{
	const char *sn = xmlsafe_attr(l, "style-name");
	const char *cont = xmlsafe_attr(l, "continue-numbering");

	if (sn != NULL && list_style(x, sn) != NULL)
		ls = list_style(x, sn);
	if (depth == 0 && (cont == NULL || strcmp(cont, "true") != 0) &&
	    xmlsafe_attr(l, "continue-list") == NULL)
		memset(x->count, 0, sizeof x->count);
	for (xmlNode *c = l->children; c != NULL; c = c->next) {
		if (!xmlsafe_is(c, "list-item") && !xmlsafe_is(c, "list-header"))
			continue;
		if (x->flat)
			walk_blocks(x, c);
		else
			item(x, c, depth, ls);
	}
}

static void
table_rows(struct odt *x, xmlNode *n, int outer)
{
	for (xmlNode *r = n->children; r != NULL; r = r->next) {
		if (xmlsafe_is(r, "table-header-rows") ||
		    xmlsafe_is(r, "table-rows") ||
		    xmlsafe_is(r, "table-row-group")) {
			table_rows(x, r, outer);
			continue;
		}
		if (!xmlsafe_is(r, "table-row"))
			continue;
		for (xmlNode *c = r->children; c != NULL; c = c->next) {
			if (!xmlsafe_is(c, "table-cell") &&
			    !xmlsafe_is(c, "covered-table-cell"))
				continue;
			walk_blocks(x, c);
			if (outer)
				build_cell(x->b);
		}
		if (outer)
			build_row(x->b);
	}
}

static void
table(struct odt *x, xmlNode *t)
{
	int	outer = !x->flat;

	x->flat++;
	table_rows(x, t, outer);
	x->flat--;
	if (outer)
		build_table(x->b);
}

static void
walk_blocks(struct odt *x, xmlNode *n)
{
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (xmlsafe_is(c, "p") || xmlsafe_is(c, "h"))
			para(x, c);
		else if (xmlsafe_is(c, "list"))
			list(x, c, 0, NULL);
		else if (xmlsafe_is(c, "table"))
			table(x, c);
		else if (xmlsafe_is(c, "tracked-changes"))
			changes(x, c);
		else if (xmlsafe_is(c, "section") ||
		    xmlsafe_is(c, "text") || xmlsafe_is(c, "body"))
			walk_blocks(x, c);
		/* Tables of contents repeat the headings; forms,
		 * declarations and frames are not text. */
	}
}

static void
notes(struct odt *x)
{
	for (size_t i = 0; i < x->nnotes; i++) {
		x->flat++;
		walk_blocks(x, x->notes[i].body);
		x->flat--;
		build_footnote(x->b, x->notes[i].label);
	}
}

/* --- entry points -------------------------------------------------------- */

static int
le16(const char *p)
{
	return (unsigned char)p[0] | (unsigned char)p[1] << 8;
}

static void
quiet(void *arg, enum diag_level l, const char *f, int line, int col,
    const char *m)
{
}

/* The mimetype member comes first and stored, so its text sits at a
 * known place; an archive written otherwise is opened to look. */
int
read_odt_detect(const char *buf, size_t len)
{
	struct diag	 d = { .fn = quiet };
	struct zipread	*z;
	char		*mt = NULL;
	size_t		 mlen, at;
	int		 yes = 0;

	if (!zipread_magic(buf, len))
		return 0;
	if (len >= 38 && le16(buf + 26) == 8 && memcmp(buf + 30, "mimetype",
	    8) == 0 && le16(buf + 8) == 0) {
		at = 30 + 8 + (size_t)le16(buf + 28);
		if (at + strlen(MIMETYPE) <= len &&
		    memcmp(buf + at, MIMETYPE, strlen(MIMETYPE)) == 0)
			return 1;
	}
	if ((z = zipread_open("", buf, len, NULL)) == NULL)
		return 0;
	if (zipread_has(z, "content.xml") &&
	    zipread_member(z, "mimetype", &mt, &mlen, &d) == 0)
		yes = strncmp(mt, MIMETYPE, strlen(MIMETYPE)) == 0;
	free(mt);
	zipread_close(z);
	return yes;
}

static void
odt_free(struct odt *x)
{
	for (size_t i = 0; i < x->nnotes; i++)
		free(x->notes[i].label);
	free(x->notes);
	free(x->styles);
	free(x->lists);
	xmlparts_free(&x->parts);
	zipread_close(x->z);
}

int
read_odt(struct builder *b, const char *file, const char *buf, size_t len,
    const struct parse_opts *o, struct diag *d)
{
	struct odt	 x;
	xmlNode		*content, *styles, *meta, *body;
	int		 err = 0, rc = -1;

	memset(&x, 0, sizeof x);
	x.b = b;
	x.file = file;
	x.d = d;
	if ((x.z = zipread_open(file, buf, len, d)) == NULL)
		return -1;
	styles = part(&x, "styles.xml", &err);
	meta = part(&x, "meta.xml", &err);
	content = part(&x, "content.xml", &err);
	if (err)
		goto out;
	if (content == NULL || (body = xmlsafe_child(content, "body")) ==
	    NULL || xmlsafe_child(body, "text") == NULL) {
		diag_error(d, file, 0, 0, "content.xml: no text body (not an "
		    "OpenDocument text?)");
		goto out;
	}
	read_styles(&x, styles);
	read_styles(&x, content);
	read_meta(&x, meta);
	walk_blocks(&x, xmlsafe_child(body, "text"));
	notes(&x);
	rc = 0;
out:
	odt_free(&x);
	return rc;
}
