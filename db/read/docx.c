/* docx.c: Word files (.docx).  A DOCX is a ZIP of XML parts; the text
 * is word/document.xml, read with the parts that give it meaning:
 * styles.xml (Title, Heading 1-6 by id, name or outline level; bold and
 * italic character styles), numbering.xml (list numbers as Word prints
 * them, docx-num.c), footnotes.xml and endnotes.xml (notes numbered in
 * the order they are cited, as Word does), the relationships (link
 * targets), docProps (title, author, date, reference).  Tracked changes
 * are read as accepted: insertions kept, deletions dropped, with one
 * warning.  Comments, drawings and field codes are not text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "office.h"
#include "read.h"
#include "sanitize.h"
#include "xmlsafe.h"
#include "zipread.h"

struct style {
	char	*id, *name, *based;
	int	 outline;	/* pPr/outlineLvl, -1 */
	int	 bold, italic;	/* -1 unset */
	int	 numid, ilvl;	/* pPr/numPr, -1 unset */
};

struct note {
	const char	*id;
	xmlNode		*node;
	int		 end;	/* an endnote */
	char		*label;	/* once cited */
};

struct docx {
	struct builder	*b;
	const char	*file;
	struct diag	*d;
	struct zipread	*z;
	struct xmlparts	 parts;
	struct style	*styles;
	size_t		 nstyles;
	struct docx_num	*num;
	struct note	*notes;
	size_t		 nnotes;
	struct note	**cited;	/* in order of first citation */
	size_t		 ncited;
	int		 nfoot, nend;
	xmlNode		*rels;
	int		 flat;		/* in a cell or note: one block */
	int		 warned;
};

static void	walk_blocks(struct docx *, xmlNode *);

/* --- parts --------------------------------------------------------------- */

/* The root of a part, parsed and kept for the reader's life; NULL when
 * the part is absent (quietly) or broken (*err set, message given). */
static xmlNode *
part(struct docx *x, const char *name, int *err)
{
	return xmlparts_read(&x->parts, x->z, x->file, name, x->d, err);
}

static int
on(const xmlNode *n)
{
	const char *v = xmlsafe_attr(n, "val");

	if (n == NULL)
		return -1;
	return v == NULL || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 ||
	    strcmp(v, "off") == 0);
}

static void
read_styles(struct docx *x, xmlNode *root)
{
	for (xmlNode *s = root != NULL ? root->children : NULL; s != NULL;
	    s = s->next) {
		xmlNode		*ppr = xmlsafe_child(s, "pPr");
		xmlNode		*rpr = xmlsafe_child(s, "rPr");
		xmlNode		*numpr = xmlsafe_child(ppr, "numPr");
		struct style	*st;

		if (!xmlsafe_is(s, "style"))
			continue;
		x->styles = xappend(x->styles, x->nstyles, sizeof *x->styles);
		st = &x->styles[x->nstyles++];
		st->id = xstrdup(xmlsafe_attr(s, "styleId"));
		st->name = xstrdup(xmlsafe_attr(xmlsafe_child(s, "name"),
		    "val"));
		st->based = xstrdup(xmlsafe_attr(xmlsafe_child(s, "basedOn"),
		    "val"));
		st->outline = xmlsafe_int(xmlsafe_child(ppr, "outlineLvl"),
		    "val", 0, -1);
		st->bold = on(xmlsafe_child(rpr, "b"));
		st->italic = on(xmlsafe_child(rpr, "i"));
		st->numid = xmlsafe_int(xmlsafe_child(numpr, "numId"), "val",
		    0, -1);
		st->ilvl = xmlsafe_int(xmlsafe_child(numpr, "ilvl"), "val", 0,
		    -1);
	}
}

static const struct style *
style(const struct docx *x, const char *id)
{
	for (size_t i = 0; id != NULL && i < x->nstyles; i++)
		if (x->styles[i].id != NULL && strcmp(x->styles[i].id, id) == 0)
			return &x->styles[i];
	return NULL;
}

/* What a paragraph style makes of its paragraphs: -1 the title, 1-6 a
 * heading, 0 body text; through the basedOn chain (bounded: a loop in
 * a crafted file must end). */
static int
heading_level(const struct docx *x, const char *id)
{
	const struct style *st = style(x, id);

	for (int hop = 0; st != NULL && hop < 16; hop++) {
		const char *n = st->name != NULL ? st->name : "";

		if (strcasecmp(n, "title") == 0 ||
		    (st->id != NULL && strcmp(st->id, "Title") == 0))
			return -1;
		if (strncasecmp(n, "heading ", 8) == 0 && n[8] >= '1' &&
		    n[8] <= '9' && n[9] == '\0')
			return n[8] - '0' > 6 ? 6 : n[8] - '0';
		if (st->id != NULL && strncmp(st->id, "Heading", 7) == 0 &&
		    st->id[7] >= '1' && st->id[7] <= '9' && st->id[8] == '\0')
			return st->id[7] - '0' > 6 ? 6 : st->id[7] - '0';
		if (st->outline >= 0 && st->outline < 9)
			return st->outline >= 6 ? 6 : st->outline + 1;
		st = style(x, st->based);
	}
	return 0;
}

/* A character style's bold (which 0) or italic (which 1), -1 unset. */
static int
style_flag(const struct docx *x, const char *id, int which)
{
	const struct style *st = style(x, id);

	for (int hop = 0; st != NULL && hop < 16; hop++) {
		int v = which ? st->italic : st->bold;

		if (v >= 0)
			return v;
		st = style(x, st->based);
	}
	return -1;
}

/* A paragraph style's list (numbering through the style). */
static void
style_list(const struct docx *x, const char *id, int *numid, int *ilvl)
{
	const struct style *st = style(x, id);

	for (int hop = 0; st != NULL && hop < 16; hop++) {
		if (st->numid >= 0) {
			*numid = st->numid;
			if (*ilvl < 0)
				*ilvl = st->ilvl;
			return;
		}
		st = style(x, st->based);
	}
}

static const char *
rel_target(const struct docx *x, const char *id)
{
	if (x->rels == NULL || id == NULL)
		return NULL;
	for (xmlNode *r = x->rels->children; r != NULL; r = r->next) {
		const char *rid = xmlsafe_attr(r, "Id");
		const char *type = xmlsafe_attr(r, "Type");

		if (xmlsafe_is(r, "Relationship") && rid != NULL &&
		    strcmp(rid, id) == 0 && type != NULL &&
		    strlen(type) >= 10 &&
		    strcmp(type + strlen(type) - 10, "/hyperlink") == 0)
			return xmlsafe_attr(r, "Target");
	}
	return NULL;
}

static void
read_notes(struct docx *x, xmlNode *root, int end)
{
	for (xmlNode *n = root != NULL ? root->children : NULL; n != NULL;
	    n = n->next) {
		const char	*type = xmlsafe_attr(n, "type");
		struct note	*nt;

		/* Separators and continuation notices are not notes. */
		if (!(xmlsafe_is(n, "footnote") || xmlsafe_is(n, "endnote")) ||
		    xmlsafe_attr(n, "id") == NULL ||
		    (type != NULL && strcmp(type, "normal") != 0))
			continue;
		x->notes = xappend(x->notes, x->nnotes, sizeof *x->notes);
		nt = &x->notes[x->nnotes++];
		nt->id = xmlsafe_attr(n, "id");
		nt->node = n;
		nt->end = end;
		nt->label = NULL;
	}
}

static void
read_meta(struct docx *x, xmlNode *custom, xmlNode *core)
{
	struct buf	t = { 0 };

	/* Custom properties first: pandoc puts the front matter's date
	 * and reference there, and the core date is when the file was
	 * written. */
	for (xmlNode *p = custom != NULL ? custom->children : NULL; p != NULL;
	    p = p->next) {
		const char *name = xmlsafe_attr(p, "name");

		if (!xmlsafe_is(p, "property") || name == NULL)
			continue;
		buf_free(&t);
		xmlsafe_text(p, &t);
		if (strcasecmp(name, "date") == 0)
			build_meta(x->b, BM_DATE, t.data);
		else if (strcasecmp(name, "reference") == 0)
			build_meta(x->b, BM_REFERENCE, t.data);
		else if (strcasecmp(name, "kind") == 0)
			build_meta(x->b, BM_KIND, t.data);
	}
	for (xmlNode *p = core != NULL ? core->children : NULL; p != NULL;
	    p = p->next) {
		buf_free(&t);
		xmlsafe_text(p, &t);
		if (t.data == NULL)
			continue;
		if (xmlsafe_is(p, "title"))
			build_meta(x->b, BM_TITLE, t.data);
		else if (xmlsafe_is(p, "creator"))
			build_meta(x->b, BM_AUTHOR, t.data);
		else if (xmlsafe_is(p, "created") && t.len >= 10) {
			t.data[10] = '\0';
			build_meta(x->b, BM_DATE, t.data);
		}
	}
	buf_free(&t);
}

/* --- text ---------------------------------------------------------------- */

static void
changes(struct docx *x)
{
	if (x->warned++ == 0)
		diag_warn(x->d, x->file, 0, 0, "tracked changes read as "
		    "accepted");
}

static void
cite(struct docx *x, const char *id, int end)
{
	struct note	*nt = NULL;
	struct buf	 l = { 0 };

	for (size_t i = 0; id != NULL && i < x->nnotes; i++)
		if (x->notes[i].end == end && strcmp(x->notes[i].id, id) == 0)
			nt = &x->notes[i];
	if (nt == NULL)
		return;
	if (nt->label == NULL) {
		/* Word's defaults: footnotes 1, 2, 3; endnotes i, ii, iii. */
		office_counter(&l, end ? ++x->nend : ++x->nfoot,
		    end ? 'i' : '1');
		nt->label = buf_steal(&l);
		x->cited = xappend(x->cited, x->ncited, sizeof *x->cited);
		x->cited[x->ncited++] = nt;
	}
	build_cite(x->b, nt->label);
}

static void
run(struct docx *x, xmlNode *r)
{
	xmlNode		*rpr = xmlsafe_child(r, "rPr");
	const char	*rs = xmlsafe_attr(xmlsafe_child(rpr, "rStyle"), "val");
	int		 bold = on(xmlsafe_child(rpr, "b"));
	int		 italic = on(xmlsafe_child(rpr, "i"));
	struct buf	 t = { 0 };

	if (bold < 0)
		bold = style_flag(x, rs, 0) > 0;
	if (italic < 0)
		italic = style_flag(x, rs, 1) > 0;
	for (xmlNode *c = r->children; c != NULL; c = c->next) {
		if (xmlsafe_is(c, "t")) {
			buf_free(&t);
			xmlsafe_text(c, &t);
			build_run(x->b, t.data, bold, italic);
		} else if (xmlsafe_is(c, "tab") || xmlsafe_is(c, "ptab") ||
		    xmlsafe_is(c, "br") || xmlsafe_is(c, "cr"))
			build_textz(x->b, " ");
		else if (xmlsafe_is(c, "noBreakHyphen"))
			build_run(x->b, "-", bold, italic);
		else if (xmlsafe_is(c, "footnoteReference"))
			cite(x, xmlsafe_attr(c, "id"), 0);
		else if (xmlsafe_is(c, "endnoteReference"))
			cite(x, xmlsafe_attr(c, "id"), 1);
		/* delText, instrText (field codes), drawings, the
		 * footnoteRef mark inside a note: not text. */
	}
	buf_free(&t);
}

static void
inline_content(struct docx *x, xmlNode *p)
{
	for (xmlNode *c = p->children; c != NULL; c = c->next) {
		if (xmlsafe_is(c, "r"))
			run(x, c);
		else if (xmlsafe_is(c, "hyperlink")) {
			const char *t = rel_target(x, xmlsafe_attr(c, "id"));
			/* A target is anyone's bytes, shown one day. */
			char *url = t != NULL ? sanitize_display(t) : NULL;

			if (url != NULL)
				build_span_begin(x->b, SP_LINK, url);
			inline_content(x, c);
			if (url != NULL)
				build_span_end(x->b, SP_LINK);
			free(url);
		} else if (xmlsafe_is(c, "ins") || xmlsafe_is(c, "moveTo")) {
			changes(x);
			inline_content(x, c);
		} else if (xmlsafe_is(c, "del") || xmlsafe_is(c, "moveFrom"))
			changes(x);
		else if (xmlsafe_is(c, "sdt"))
			inline_content(x, xmlsafe_child(c, "sdtContent") ?
			    xmlsafe_child(c, "sdtContent") : c);
		else if (xmlsafe_is(c, "smartTag") ||
		    xmlsafe_is(c, "customXml") || xmlsafe_is(c, "fldSimple") ||
		    xmlsafe_is(c, "dir") || xmlsafe_is(c, "bdo"))
			inline_content(x, c);
		/* pPr, bookmarks, comment ranges, proofing marks,
		 * mc:AlternateContent (drawings): skipped. */
	}
}

/* --- blocks -------------------------------------------------------------- */

static void
paragraph(struct docx *x, xmlNode *p)
{
	xmlNode		*ppr = xmlsafe_child(p, "pPr");
	xmlNode		*numpr = xmlsafe_child(ppr, "numPr");
	const char	*ps = xmlsafe_attr(xmlsafe_child(ppr, "pStyle"), "val");
	int		 level = heading_level(x, ps);
	int		 numid = xmlsafe_int(xmlsafe_child(numpr, "numId"),
			    "val", 0, -1);
	int		 ilvl = xmlsafe_int(xmlsafe_child(numpr, "ilvl"), "val",
			    0, -1);
	int		 outline = xmlsafe_int(xmlsafe_child(ppr, "outlineLvl"),
			    "val", 0, -1);
	int		 list;
	char		*number = NULL;

	inline_content(x, p);
	build_format(x->b, 0, 0);
	if (x->flat) {
		build_textz(x->b, " ");
		return;
	}
	if (outline >= 0 && outline < 9 && level == 0)
		level = outline >= 6 ? 6 : outline + 1;
	if (numpr == NULL)
		style_list(x, ps, &numid, &ilvl);
	if (ilvl < 0)
		ilvl = 0;
	list = numid > 0 ? docx_num_next(x->num, numid, ilvl, &number) : -1;
	if (level < 0)
		build_block(x->b, BK_TITLE);
	else if (level > 0)
		build_heading(x->b, level, number);
	else if (list >= 0)
		build_item(x->b, ilvl, number);
	else
		build_paragraph(x->b);
	free(number);
}

static void
table(struct docx *x, xmlNode *tbl)
{
	int	outer = !x->flat;

	/* A table inside a cell is text of that cell. */
	x->flat++;
	for (xmlNode *tr = tbl->children; tr != NULL; tr = tr->next) {
		if (!xmlsafe_is(tr, "tr"))
			continue;
		for (xmlNode *tc = tr->children; tc != NULL; tc = tc->next) {
			if (!xmlsafe_is(tc, "tc"))
				continue;
			walk_blocks(x, tc);
			if (outer)
				build_cell(x->b);
		}
		if (outer)
			build_row(x->b);
	}
	x->flat--;
	if (outer)
		build_table(x->b);
}

/* Word's table of contents is a content control of that gallery: it
 * repeats the headings, and is not read. */
static int
toc(const xmlNode *sdt)
{
	const xmlNode	*dp = xmlsafe_child(xmlsafe_child(sdt, "sdtPr"),
			    "docPartObj");
	const char	*g = xmlsafe_attr(xmlsafe_child(dp, "docPartGallery"),
			    "val");

	return g != NULL && strcmp(g, "Table of Contents") == 0;
}

static void
walk_blocks(struct docx *x, xmlNode *n)
{
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (xmlsafe_is(c, "p"))
			paragraph(x, c);
		else if (xmlsafe_is(c, "tbl"))
			table(x, c);
		else if (xmlsafe_is(c, "sdt") && !toc(c))
			walk_blocks(x, xmlsafe_child(c, "sdtContent") ?
			    xmlsafe_child(c, "sdtContent") : c);
		else if (xmlsafe_is(c, "customXml") || xmlsafe_is(c, "ins") ||
		    xmlsafe_is(c, "moveTo"))
			walk_blocks(x, c);
	}
}

/* The notes, in the order they were first cited (a note may cite
 * another: the list grows while it is walked). */
static void
notes(struct docx *x)
{
	for (size_t i = 0; i < x->ncited; i++) {
		x->flat++;
		walk_blocks(x, x->cited[i]->node);
		x->flat--;
		build_footnote(x->b, x->cited[i]->label);
	}
}

/* --- entry points -------------------------------------------------------- */

static void
docx_free(struct docx *x)
{
	for (size_t i = 0; i < x->nstyles; i++) {
		free(x->styles[i].id);
		free(x->styles[i].name);
		free(x->styles[i].based);
	}
	free(x->styles);
	for (size_t i = 0; i < x->nnotes; i++)
		free(x->notes[i].label);
	free(x->notes);
	free(x->cited);
	docx_num_free(x->num);
	xmlparts_free(&x->parts);
	zipread_close(x->z);
}

int
read_docx(struct builder *b, const char *file, const char *buf, size_t len,
    const struct parse_opts *o, struct diag *d)
{
	struct docx	 x;
	xmlNode		*doc, *body, *custom, *core;
	int		 err = 0, rc = -1;

	memset(&x, 0, sizeof x);
	x.b = b;
	x.file = file;
	x.d = d;
	if ((x.z = zipread_open(file, buf, len, d)) == NULL)
		return -1;
	if (!zipread_has(x.z, "word/document.xml")) {
		diag_error(d, file, 0, 0, "not a format brief reads (PDF, "
		    "DOCX, ODT, HTML, Markdown, text): a ZIP archive with "
		    "neither word/document.xml nor an OpenDocument text");
		goto out;
	}
	read_styles(&x, part(&x, "word/styles.xml", &err));
	x.num = docx_num_new(part(&x, "word/numbering.xml", &err));
	x.rels = part(&x, "word/_rels/document.xml.rels", &err);
	read_notes(&x, part(&x, "word/footnotes.xml", &err), 0);
	read_notes(&x, part(&x, "word/endnotes.xml", &err), 1);
	custom = part(&x, "docProps/custom.xml", &err);
	core = part(&x, "docProps/core.xml", &err);
	doc = part(&x, "word/document.xml", &err);
	if (err)
		goto out;
	if ((body = xmlsafe_child(doc, "body")) == NULL) {
		diag_error(d, file, 0, 0, "word/document.xml: no document "
		    "body");
		goto out;
	}
	read_meta(&x, custom, core);
	walk_blocks(&x, body);
	notes(&x);
	rc = 0;
out:
	docx_free(&x);
	return rc;
}
