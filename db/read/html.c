/* html.c: web pages through libxml2's HTML parser into the builder.
 *
 * A first pass over the whole tree (html-notes.c) finds the footnote
 * references and the notes they point at; html-content.c chooses the
 * main content and says what is boilerplate.  The walk here goes
 * through the main content, then through any note outside it, with
 * parent/next pointers, never recursion: headings, paragraphs, nested
 * lists with their printed numbers, tables, links, bold, italic and
 * citations into the builder.  libxml2 stops at 256 levels of nesting;
 * a page nested deeper is refused rather than imported short. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "encoding.h"
#include "html.h"
#include "read.h"
#include "sanitize.h"
#include "xmalloc.h"

/* --- the walk ------------------------------------------------------------- */

static void
close_item(struct html *h)
{
	if (build_pending(h->b) == 0)
		return;
	build_item(h->b, h->nlists > 0 ? h->nlists - 1 : 0,
	    h->number[0] != '\0' ? h->number : NULL);
	h->number[0] = '\0';
}

/* A block boundary: inside an item (its paragraphs are one item), a
 * note, a table cell or a heading the text goes on (a space); elsewhere
 * the paragraph ends.  Items end at their nested list and at </li>. */
static void
boundary(struct html *h)
{
	if (h->in_note || h->tables > 0 || h->heading > 0 || h->items > 0) {
		build_text(h->b, " ", 1);
		return;
	}
	if (build_pending(h->b) > 0)
		letter_part(&h->lp, build_paragraph(h->b));
}

/* Pending text ends: an item's, or a paragraph. */
static void
end_pending(struct html *h)
{
	if (h->items > 0)
		close_item(h);
	else
		boundary(h);
}

static void
roman(char *out, size_t cap, int n, int upper)
{
	static const struct { int v; const char *s; } r[] = { { 1000, "m" },
	    { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" },
	    { 90, "xc" }, { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" },
	    { 5, "v" }, { 4, "iv" }, { 1, "i" } };
	size_t	k = 0;

	for (size_t i = 0; i < sizeof r / sizeof *r && n > 0; i++)
		while (n >= r[i].v && k + 3 < cap) {
			for (const char *s = r[i].s; *s != '\0'; s++)
				out[k++] = upper ? (char)(*s - 'a' + 'A') : *s;
			n -= r[i].v;
		}
	out[k] = '\0';
}

static void
item_number(struct html *h, xmlNode *li)
{
	struct list	*l;
	char		*v, num[24];
	int		 n;

	h->number[0] = '\0';
	if (h->nlists < 1 || h->nlists > MAX_LISTS)
		return;
	l = &h->lists[h->nlists - 1];
	if (!l->ordered)
		return;
	if ((v = html_attr(li, "value")) != NULL)
		l->next = atoi(v);
	xmlFree(v);
	n = l->next++;
	if ((l->type == 'a' || l->type == 'A') && n >= 1 && n <= 26)
		snprintf(num, sizeof num, "%c", l->type + n - 1);
	else if ((l->type == 'i' || l->type == 'I') && n >= 1 && n < 4000)
		roman(num, sizeof num, n, l->type == 'I');
	else
		snprintf(num, sizeof num, "%d", n);
	snprintf(h->number, sizeof h->number, "%s.", num);
}

static void
enter_list(struct html *h, xmlNode *n)
{
	char	*v;

	end_pending(h);
	if (h->nlists < MAX_LISTS) {
		struct list *l = &h->lists[h->nlists];

		l->ordered = html_is(n, "ol");
		l->next = 1;
		l->type = '1';
		if ((v = html_attr(n, "start")) != NULL)
			l->next = atoi(v);
		xmlFree(v);
		if ((v = html_attr(n, "type")) != NULL && strchr("aAiI1", *v) &&
		    *v != '\0')
			l->type = *v;
		xmlFree(v);
	}
	h->nlists++;
}

/* A link span for an address a reader can use elsewhere (http, https,
 * mailto, ftp); a page-relative or script link keeps only its text. */
static void
enter_link(struct html *h, xmlNode *n)
{
	static const char *const schemes[] = { "http://", "https://",
	    "mailto:", "ftp://" };
	char	*href = html_attr(n, "href");

	for (size_t i = 0; href != NULL && i < sizeof schemes /
	    sizeof *schemes; i++)
		if (strncasecmp(href, schemes[i], strlen(schemes[i])) == 0) {
			build_span_begin(h->b, SP_LINK, href);
			break;
		}
	xmlFree(href);
}

/* Returns 0 to skip the element's children. */
static int
enter(struct html *h, xmlNode *n)
{
	const struct ref	*r;
	int			 k;

	if (html_dropped(h, n))
		return 0;
	if (!h->in_note && (k = html_find_note(h, n)) >= 0) {
		if (h->notes[k].done)
			return 0;
		end_pending(h);
		h->notes[k].done = 1;
		h->in_note = k + 1;
		return 1;
	}
	if (html_is(n, "a")) {
		if (h->in_note && html_is_backlink(h, n))
			return 0;
		if ((r = html_find_ref(h, n)) != NULL && r->note >= 0) {
			build_cite(h->b, h->notes[r->note].label);
			return 0;
		}
		enter_link(h, n);
	} else if (html_is(n, "b") || html_is(n, "strong"))
		build_span_begin(h->b, SP_BOLD, NULL);
	else if (html_is(n, "i") || html_is(n, "em"))
		build_span_begin(h->b, SP_ITALIC, NULL);
	else if (html_is(n, "br")) {
		if (h->lp.in_signature && !h->in_note && h->items == 0)
			build_newline(h->b);
		else
			build_text(h->b, " ", 1);
	} else if (html_is(n, "ul") || html_is(n, "ol")) {
		if (!h->in_note && h->tables == 0)
			enter_list(h, n);
	} else if (html_is(n, "li") && !h->in_note && h->tables == 0) {
		end_pending(h);
		h->items++;
		item_number(h, n);
	} else if (html_is(n, "table")) {
		if (h->tables++ == 0) {
			h->flat = h->in_note || h->items > 0 || h->heading > 0;
			if (!h->flat) {
				boundary(h);
				letter_part_break(&h->lp);
			}
		}
	} else if (html_heading_level(n) > 0) {
		boundary(h);
		if (!h->in_note && h->tables == 0 && h->items == 0) {
			letter_part_break(&h->lp);
			h->heading = html_heading_level(n);
		}
	} else if (html_is_block(n))
		boundary(h);
	return 1;
}

static void
leave(struct html *h, xmlNode *n)
{
	if (h->in_note && h->notes[h->in_note - 1].node == n) {
		build_footnote(h->b, h->notes[h->in_note - 1].label);
		h->in_note = 0;
		return;
	}
	if (html_is(n, "a"))
		build_span_end(h->b, SP_LINK);
	else if (html_is(n, "b") || html_is(n, "strong"))
		build_span_end(h->b, SP_BOLD);
	else if (html_is(n, "i") || html_is(n, "em"))
		build_span_end(h->b, SP_ITALIC);
	else if ((html_is(n, "ul") || html_is(n, "ol")) && !h->in_note &&
	    h->tables == 0) {
		if (h->items > 0)
			close_item(h);
		h->nlists--;
	} else if (html_is(n, "li") && !h->in_note && h->tables == 0) {
		close_item(h);
		h->items--;
	} else if ((html_is(n, "td") || html_is(n, "th")) && h->tables == 1 && !h->flat)
		build_cell(h->b);
	else if (html_is(n, "tr") && h->tables == 1 && !h->flat)
		build_row(h->b);
	else if (html_is(n, "table") && h->tables > 0) {
		if (--h->tables == 0 && !h->flat)
			build_table(h->b);
	} else if (html_heading_level(n) > 0 && h->heading > 0) {
		build_heading(h->b, h->heading, NULL);
		h->heading = 0;
	} else if (html_is_block(n))
		boundary(h);
}

/* A text node's text, without the "<![if ...]>" and "<![endif]>"
 * conditional comments Word writes, which the parser leaves as text. */
static void
text_out(struct html *h, const char *s)
{
	const char	*c, *e;

	if (s == NULL)
		return;
	while ((c = strstr(s, "<![")) != NULL &&
	    (strncmp(c + 3, "if", 2) == 0 || strncmp(c + 3, "endif", 5) == 0) &&
	    (e = strstr(c, "]>")) != NULL) {
		build_text(h->b, s, (size_t)(c - s));
		s = e + 2;
	}
	build_textz(h->b, s);
}

static void
walk(struct html *h, xmlNode *root)
{
	xmlNode	*n = root;

	while (n != NULL) {
		int	descend = 1;

		if (n->type == XML_ELEMENT_NODE)
			descend = enter(h, n);
		else if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)
			text_out(h, (const char *)n->content);
		if (descend && n->type == XML_ELEMENT_NODE &&
		    n->children != NULL) {
			n = n->children;
			continue;
		}
		if (descend && n->type == XML_ELEMENT_NODE)
			leave(h, n);
		/* Up until a node has a next sibling, leaving each. */
		while (n != root && n->next == NULL) {
			n = n->parent;
			if (n->type == XML_ELEMENT_NODE)
				leave(h, n);
		}
		n = n == root ? NULL : n->next;
	}
}

/* --- metadata ------------------------------------------------------------- */

static void
meta(struct html *h, xmlNode *head)
{
	static const char *const dates[] = { "date", "dcterms.date",
	    "article:published_time", "dc.date", "citation_date",
	    "citation_publication_date", NULL };

	for (xmlNode *n = head; n != NULL; n = html_next(n, head, 0)) {
		char	*name, *content;

		if (!html_is(n, "meta"))
			continue;
		if ((name = html_attr(n, "name")) == NULL)
			name = html_attr(n, "property");
		content = html_attr(n, "content");
		if (name != NULL && content != NULL) {
			if (strcasecmp(name, "author") == 0 ||
			    strcasecmp(name, "dc.creator") == 0)
				build_meta(h->b, BM_AUTHOR, content);
			for (const char *const *d = dates; *d != NULL; d++)
				if (strcasecmp(name, *d) == 0)
					build_meta(h->b, BM_DATE, content);
		}
		xmlFree(name);
		xmlFree(content);
	}
}

/* <title> unless one <h1> says it (page titles carry the site's name). */
static void
title(struct html *h, xmlDoc *doc)
{
	struct doc	*d = build_doc(h->b);
	xmlNode		*root = xmlDocGetRootElement(doc);
	int		 top = 0;

	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == BK_HEADING && d->blocks[i].depth == 0)
			top++;
	if (top == 1 || root == NULL)
		return;
	for (xmlNode *n = root; n != NULL; n = html_next(n, root, 0))
		if (html_is(n, "title")) {
			xmlChar *t = xmlNodeGetContent(n);
			char	*s = sanitize_text((const char *)t,
			    t != NULL ? strlen((const char *)t) : 0, 0);

			build_meta(h->b, BM_TITLE, s);
			free(s);
			xmlFree(t);
			break;
		}
}

/* --- the file ------------------------------------------------------------- */

/* A charset the page declares in its first bytes, or NULL. */
static char *
declared_charset(const char *buf, size_t len)
{
	char		 s[2048];
	const char	*p;
	size_t		 n;

	enc_sniff(buf, len, s, sizeof s);
	for (p = s; *p != '\0'; p++) {
		if (strncasecmp(p, "charset=", 8) != 0)
			continue;
		p += 8;
		p += strspn(p, "\"' ");
		n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789-_:.");
		return n > 0 && n < 40 ? xstrndup(p, n) : NULL;
	}
	return NULL;
}

/* The magic of the formats people mistake for a web page. */
static const char *
other_format(const char *buf, size_t len)
{
	if (len >= 5 && memcmp(buf, "%PDF-", 5) == 0)
		return "a PDF file (try --format pdf)";
	if (len >= 4 && memcmp(buf, "PK\003\004", 4) == 0)
		return "a ZIP file (a DOCX or ODT document?)";
	if (len >= 4 && memcmp(buf, "\xd0\xcf\x11\xe0", 4) == 0)
		return "an old Office file (save it as DOCX or PDF)";
	return NULL;
}


static void
read_tree(struct html *h, xmlDoc *doc)
{
	xmlNode	*root = xmlDocGetRootElement(doc);

	html_collect(h, root);
	html_resolve_notes(h);
	h->main = html_choose_main(h);
	for (xmlNode *n = root; n != NULL; n = html_next(n, root, 0))
		if (html_is(n, "head")) {
			meta(h, n);
			break;
		}
	if (h->main != NULL)
		walk(h, h->main);
	boundary(h);
	/* Notes outside the main content (a footnotes section after the
	 * article), in document order. */
	for (size_t i = 0; i < h->nnotes; i++)
		if (!h->notes[i].done) {
			h->in_note = 0;
			h->nlists = h->items = h->tables = h->heading = 0;
			walk(h, h->notes[i].node);
		}
	title(h, doc);
}

int
read_html(struct builder *b, const char *file, const char *buf, size_t len,
    const struct parse_opts *o, struct diag *d)
{
	struct html	 h;
	const char	*what;
	char		*utf8 = NULL, *clean = NULL, *cs = NULL;
	size_t		 n;
	xmlDoc		*doc = NULL;
	htmlParserCtxtPtr ctxt = NULL;
	xmlErrorPtr	 e;
	int		 rc = -1;

	memset(&h, 0, sizeof h);
	h.b = b;
	h.file = file;
	if ((what = other_format(buf, len)) != NULL) {
		diag_error(d, file, 0, 0, "not HTML: this is %s", what);
		return -1;
	}
	cs = declared_charset(buf, len);
	if (enc_decode(file, buf, len, cs, o, d, &utf8, &n) != 0)
		goto out;
	if (utf8 == NULL)
		utf8 = xstrndup(buf, n = len);
	if (memchr(utf8, '\0', n) != NULL) {
		diag_error(d, file, 0, 0, "not HTML: the file holds binary "
		    "data (NUL bytes)");
		goto out;
	}
	if (enc_check_utf8(file, utf8, n, o->flags, d) != 0)
		goto out;
	clean = sanitize_text(utf8, n, SAN_KEEP_NEWLINE);
	if (strlen(clean) > INT_MAX || (ctxt = htmlNewParserCtxt()) == NULL) {
		diag_error(d, file, 0, 0, "too large to read as HTML");
		goto out;
	}
	doc = htmlCtxtReadMemory(ctxt, clean, (int)strlen(clean), NULL,
	    "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
	/* libxml2 stops at a nesting depth (256) and drops the rest: a
	 * page read in part is refused, not imported short. */
	if ((e = xmlCtxtGetLastError(ctxt)) != NULL && e->message != NULL &&
	    strstr(e->message, "depth") != NULL) {
		diag_error(d, file, 0, 0, "HTML nested deeper than libxml2 "
		    "reads (256 elements); not imported");
		goto out;
	}
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		diag_error(d, file, 0, 0, "cannot read this HTML");
		goto out;
	}
	read_tree(&h, doc);
	rc = 0;
out:
	if (doc != NULL)
		xmlFreeDoc(doc);
	if (ctxt != NULL)
		htmlFreeParserCtxt(ctxt);
	html_notes_free(&h);
	free(cs);
	free(clean);
	free(utf8);
	return rc;
}
