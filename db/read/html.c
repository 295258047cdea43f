/* html.c: web pages through libxml2's HTML parser into the builder.
 *
 * A first pass over the whole tree finds what the page is made of: the
 * main content (<main>, the largest <article>, or the element holding
 * most of the paragraph text), the footnote references (an <a
 * href="#id"> in or around a <sup>, or marked as a note reference) and
 * the notes they point at, in the shapes pandoc and the common CMSs
 * write (pandoc's section.footnotes list, Word's and WordPress's
 * _ftnN divs, note-N lists).  The second pass walks the main content
 * and then any note outside it.  Both passes go through the tree with
 * parent/next pointers, never recursion, so a page nested 100,000 deep
 * costs no stack.  Navigation, page headers and footers, sidebars,
 * forms, scripts, styles, cookie and consent banners and hidden
 * elements are left out. */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "encoding.h"
#include "letter-parts.h"
#include "read.h"
#include "sanitize.h"
#include "xmalloc.h"

#define MAX_LISTS	64	/* list nesting tracked; deeper is flat */
#define MAX_CLIMB	64	/* ancestors looked at from one element */
#define MAX_NOTE	8000	/* bytes of text a footnote may hold */

/* --- detection ------------------------------------------------------------ */

static const char *
skip_prolog(const char *s)
{
	for (;;) {
		const char *e;

		s += strspn(s, " \t\r\n\f");
		if (strncmp(s, "<!--", 4) == 0 && (e = strstr(s, "-->")) != NULL)
			s = e + 3;
		else if (strncmp(s, "<?", 2) == 0 && (e = strstr(s, "?>")) != NULL)
			s = e + 2;
		else
			return s;
	}
}

/* "<!DOCTYPE html" or "<html" first (after a BOM, blanks, comments and
 * an XML declaration: XHTML too). */
int
read_html_detect(const char *buf, size_t len)
{
	static char	 sniff[4096];
	const char	*s;

	enc_sniff(buf, len, sniff, sizeof sniff);
	s = skip_prolog(sniff);
	return strncasecmp(s, "<!doctype html", 14) == 0 ||
	    (strncasecmp(s, "<html", 5) == 0 && strchr(" \t\r\n>", s[5]) != NULL);
}

/* --- element helpers ------------------------------------------------------ */

static int
is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcasecmp((const char *)n->name, name) == 0;
}

static int
is_any(const xmlNode *n, const char *const *names)
{
	for (; *names != NULL; names++)
		if (is(n, *names))
			return 1;
	return 0;
}

/* The attribute's value, or NULL; free with xmlFree. */
static char *
attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* Does attribute name contain needle (ASCII case folded)? */
static int
attr_has(const xmlNode *n, const char *name, const char *needle)
{
	char	*v = attr(n, name);
	int	 r = 0;

	if (v != NULL) {
		size_t	k = strlen(needle);

		for (const char *p = v; *p != '\0' && !r; p++)
			r = strncasecmp(p, needle, k) == 0;
		xmlFree(v);
	}
	return r;
}

static int
attr_is(const xmlNode *n, const char *name, const char *value)
{
	char	*v = attr(n, name);
	int	 r = v != NULL && strcasecmp(v, value) == 0;

	xmlFree(v);
	return r;
}

static int
has_class(const xmlNode *n, const char *cls)
{
	char	*v = attr(n, "class");
	int	 r = 0;

	if (v != NULL) {
		char	*save, *tok;

		for (tok = strtok_r(v, " \t\n", &save); tok != NULL && !r;
		    tok = strtok_r(NULL, " \t\n", &save))
			r = strcasecmp(tok, cls) == 0;
		xmlFree(v);
	}
	return r;
}

/* The next node in document order, children first unless skip; NULL
 * after root's subtree. */
static xmlNode *
next_node(xmlNode *n, const xmlNode *root, int skip)
{
	if (!skip && n->children != NULL)
		return n->children;
	while (n != NULL && n != root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

static const char *const blocks[] = { "p", "div", "section", "article",
    "main", "blockquote", "pre", "dl", "dt", "dd", "figure", "figcaption",
    "address", "center", "details", "summary", "hr", "body", "header",
    "footer", "caption", "li", "td", "th", "aside", NULL };
static const char *const heads[] = { "h1", "h2", "h3", "h4", "h5", "h6",
    NULL };

/* h1-h6, and the title paragraph Word writes (p class=MsoTitle): its
 * level, else 0. */
static int
heading_level(const xmlNode *n)
{
	if (is_any(n, heads))
		return n->name[1] - '0';
	if (is(n, "p") && has_class(n, "MsoTitle"))
		return 1;
	return 0;
}

static int
is_block(const xmlNode *n)
{
	return is_any(n, blocks) || is_any(n, heads);
}

/* --- the first pass ------------------------------------------------------- */

struct id {
	char		*id;
	xmlNode		*node;
	int		 by_name;	/* <a name>, weaker than an id */
};

struct note {
	xmlNode		*node;
	char		*label;
	int		 done;
};

struct ref {
	xmlNode		*a;
	char		*target;
	char		*marker;
	char		*id, *name;	/* the reference's own, or NULL */
	char		*supid;		/* its <sup>'s (Wikipedia's cite_ref) */
	int		 note;		/* index in notes, or -1 */
};

struct list {
	int		 ordered;
	int		 next;
	char		 type;		/* '1', 'a', 'A', 'i', 'I' */
};

struct html {
	struct builder		*b;
	const char		*file;
	xmlNode			*body, *main;
	struct id		*ids;
	size_t			 nids;
	struct note		*notes;
	size_t			 nnotes;
	struct ref		*refs;
	size_t			 nrefs;
	/* the walk */
	struct letter_parts	 lp;
	struct list		 lists[MAX_LISTS];
	int			 nlists, items;
	char			 number[32];
	int			 in_note;	/* a note being read */
	int			 tables;	/* open tables */
	int			 flat;		/* the outer one is text of an
						 * item, a note or a heading */
	int			 heading;	/* level of the open heading */
};

static void
add_id(struct html *h, const char *id, xmlNode *n, int by_name)
{
	h->ids = xappend(h->ids, h->nids, sizeof *h->ids);
	h->ids[h->nids].id = xstrdup(id);
	h->ids[h->nids].node = n;
	h->ids[h->nids++].by_name = by_name;
}

static xmlNode *
find_id(const struct html *h, const char *id)
{
	xmlNode	*byname = NULL;

	for (size_t i = 0; i < h->nids; i++)
		if (strcmp(h->ids[i].id, id) == 0) {
			if (!h->ids[i].by_name)
				return h->ids[i].node;
			if (byname == NULL)
				byname = h->ids[i].node;
		}
	return byname;
}

static int
near_sup(const xmlNode *a)
{
	const xmlNode	*p = a->parent;

	if (is(p, "sup") || (p != NULL && is(p->parent, "sup")))
		return 1;
	for (const xmlNode *c = a->children; c != NULL; c = c->next)
		if (is(c, "sup") || (c->type == XML_ELEMENT_NODE &&
		    is(c->children, "sup")))
			return 1;
	return 0;
}

/* The printed marker: "[1]", "(2)", " 3 " give "1", "2", "3". */
static char *
marker_of(xmlNode *a)
{
	xmlChar	*c = xmlNodeGetContent(a);
	char	*s = xstrdup(c != NULL ? (const char *)c : "");
	char	*p = s, *e;

	xmlFree(c);
	p += strspn(p, " \t\r\n[(");
	e = p + strlen(p);
	while (e > p && strchr(" \t\r\n])", e[-1]) != NULL)
		e--;
	*e = '\0';
	memmove(s, p, strlen(p) + 1);
	return s;
}

/* Word's "Save as web page" marks its references by name only:
 * href="#_ftn1" (footnote), "#_edn1" (endnote); "#_ftnref1" goes back. */
static int
word_note(const char *id)
{
	return (strncmp(id, "_ftn", 4) == 0 || strncmp(id, "_edn", 4) == 0) &&
	    strncmp(id + 4, "ref", 3) != 0;
}

static void
maybe_ref(struct html *h, xmlNode *a)
{
	char	*href = attr(a, "href"), *v;
	struct ref *r;

	if (href == NULL || href[0] != '#' || href[1] == '\0' ||
	    attr_has(a, "class", "back") || attr_is(a, "role", "doc-backlink") ||
	    !(near_sup(a) || word_note(href + 1) ||
	    attr_has(a, "class", "footnote") ||
	    attr_has(a, "class", "noteref") || attr_has(a, "class", "fnref") ||
	    attr_is(a, "role", "doc-noteref"))) {
		xmlFree(href);
		return;
	}
	h->refs = xappend(h->refs, h->nrefs, sizeof *h->refs);
	r = &h->refs[h->nrefs++];
	r->a = a;
	r->target = xstrdup(href + 1);
	r->marker = marker_of(a);
	r->note = -1;
	v = attr(a, "id");
	r->id = v != NULL ? xstrdup(v) : NULL;
	xmlFree(v);
	v = attr(a, "name");
	r->name = v != NULL ? xstrdup(v) : NULL;
	xmlFree(v);
	v = is(a->parent, "sup") ? attr(a->parent, "id") : NULL;
	r->supid = v != NULL ? xstrdup(v) : NULL;
	xmlFree(v);
	xmlFree(href);
}

static void
collect(struct html *h, xmlNode *root)
{
	for (xmlNode *n = root; n != NULL; n = next_node(n, root, 0)) {
		char	*v;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((v = attr(n, "id")) != NULL) {
			add_id(h, v, n, 0);
			xmlFree(v);
		}
		if (is(n, "a") && (v = attr(n, "name")) != NULL) {
			add_id(h, v, n, 1);
			xmlFree(v);
		}
		if (is(n, "a"))
			maybe_ref(h, n);
		if (is(n, "body") && h->body == NULL)
			h->body = n;
		if (h->main == NULL && (is(n, "main") ||
		    attr_is(n, "role", "main")))
			h->main = n;
	}
}

/* An inline target (<a name>, <span id>) stands for its block. */
static xmlNode *
note_block(xmlNode *n)
{
	for (int k = 0; n != NULL && k < MAX_CLIMB; k++, n = n->parent)
		if (is_block(n))
			return n;
	return NULL;
}

static int
contains(const xmlNode *outer, const xmlNode *n)
{
	for (int k = 0; n != NULL && k < MAX_CLIMB; k++, n = n->parent)
		if (n == outer)
			return 1;
	return 0;
}

static int
find_note(const struct html *h, const xmlNode *n)
{
	for (size_t i = 0; i < h->nnotes; i++)
		if (h->notes[i].node == n)
			return (int)i;
	return -1;
}

static int	dropped(const struct html *, xmlNode *);

/* Is n inside boilerplate (bounded climb)? */
static int
in_boilerplate(const struct html *h, xmlNode *n)
{
	for (int k = 0; n != NULL && k < MAX_CLIMB; k++, n = n->parent)
		if (n->type == XML_ELEMENT_NODE && dropped(h, n))
			return 1;
	return 0;
}

/* A note is short and has no headings: a "skip to content" link in a
 * superscript does not make the content a footnote. */
static int
plausible_note(xmlNode *nb)
{
	xmlChar	*c = xmlNodeGetContent(nb);
	size_t	 len = c != NULL ? strlen((const char *)c) : 0;

	xmlFree(c);
	if (len > MAX_NOTE)
		return 0;
	for (xmlNode *n = nb; n != NULL; n = next_node(n, nb, 0))
		if (is_any(n, heads))
			return 0;
	return 1;
}

/* Inside a note already found: a link back to its reference. */
static int
in_note(const struct html *h, const xmlNode *a)
{
	for (size_t i = 0; i < h->nnotes; i++)
		if (contains(h->notes[i].node, a))
			return 1;
	return 0;
}

/* In document order, so the references in the text find their notes
 * before the notes' own links back are looked at.  Labels are the
 * printed markers, unless two notes print the same. */
static void
resolve_notes(struct html *h)
{
	for (size_t i = 0; i < h->nrefs; i++) {
		struct ref	*r = &h->refs[i];
		xmlNode		*t = find_id(h, r->target), *nb;
		int		 k;

		if (t == NULL || (nb = note_block(t)) == NULL ||
		    contains(nb, r->a) || is(nb, "body") || is(nb, "main") ||
		    is(nb, "article") || in_note(h, r->a) ||
		    in_boilerplate(h, r->a) || !plausible_note(nb))
			continue;
		if ((k = find_note(h, nb)) < 0) {
			h->notes = xappend(h->notes, h->nnotes,
			    sizeof *h->notes);
			k = (int)h->nnotes++;
			h->notes[k].node = nb;
			h->notes[k].label = xstrdup(*r->marker != '\0' ?
			    r->marker : r->target);
			h->notes[k].done = 0;
			for (size_t j = 0; j < (size_t)k; j++)
				if (strcmp(h->notes[j].label,
				    h->notes[k].label) == 0) {
					free(h->notes[k].label);
					h->notes[k].label = xstrdup(r->target);
					break;
				}
		}
		r->note = k;
	}
}

static const struct ref *
find_ref(const struct html *h, const xmlNode *a)
{
	for (size_t i = 0; i < h->nrefs; i++)
		if (h->refs[i].a == a)
			return &h->refs[i];
	return NULL;
}

/* A link back from a note to its reference ("↩", "[1]" in a note). */
static int
is_backlink(const struct html *h, const xmlNode *a)
{
	char	*href = attr(a, "href");
	int	 r = 0;

	if (href != NULL && href[0] == '#')
		for (size_t i = 0; i < h->nrefs && !r; i++) {
			const struct ref *f = &h->refs[i];

			r = (f->id != NULL && strcmp(f->id, href + 1) == 0) ||
			    (f->name != NULL && strcmp(f->name, href + 1) == 0) ||
			    (f->supid != NULL && strcmp(f->supid, href + 1) == 0);
		}
	if (!r)
		r = has_class(a, "footnote-back") || attr_is(a, "role",
		    "doc-backlink");
	xmlFree(href);
	return r;
}

/* --- the main content ----------------------------------------------------- */

static size_t
text_len(xmlNode *n)
{
	xmlChar	*c = xmlNodeGetContent(n);
	size_t	 len = c != NULL ? strlen((const char *)c) : 0;

	xmlFree(c);
	return len;
}

/* The paragraph text under an element, kept in its _private field
 * (libxml2 leaves it to the application) while the main content is
 * chosen. */
#define SCORE(n)	((size_t)(uintptr_t)(n)->_private)

/* Without <main>: the largest <article>, else the smallest element
 * holding four fifths of the paragraph text outside boilerplate (a
 * CMS's content <div> without its sidebars), else the body. */
static xmlNode *
choose_main(struct html *h)
{
	xmlNode	*art = NULL, *m;
	size_t	 artlen = 0, total = 0, len;

	if (h->main != NULL || h->body == NULL)
		return h->main != NULL ? h->main : h->body;
	for (xmlNode *n = h->body; n != NULL; n = next_node(n, h->body, 0)) {
		if (is(n, "article") && (len = text_len(n)) > artlen) {
			art = n;
			artlen = len;
		}
		if (!is(n, "p") || in_boilerplate(h, n))
			continue;
		len = text_len(n);
		total += len;
		for (xmlNode *p = n->parent; p != NULL; p = p->parent) {
			p->_private = (void *)(uintptr_t)(SCORE(p) + len);
			if (p == h->body)
				break;
		}
	}
	if (art != NULL)
		m = art;
	else
		for (m = h->body;;) {
			xmlNode	*c;

			for (c = m->children; c != NULL; c = c->next)
				if (c->type == XML_ELEMENT_NODE &&
				    SCORE(c) * 5 >= total * 4 && SCORE(c) > 0)
					break;
			if (c == NULL)
				break;
			m = c;
		}
	for (xmlNode *n = h->body; n != NULL; n = next_node(n, h->body, 0))
		n->_private = NULL;
	return m;
}

static int
is_ancestor_of_main(const struct html *h, const xmlNode *n)
{
	const xmlNode	*m = h->main;

	for (; m != NULL; m = m->parent)
		if (m == n)
			return 1;
	return 0;
}

/* Boilerplate and what a reader never sees. */
static int
dropped(const struct html *h, xmlNode *n)
{
	static const char *const never[] = { "script", "style", "noscript",
	    "template", "nav", "aside", "form", "button", "select",
	    "textarea", "iframe", "svg", "head", "object", "embed", "dialog",
	    "canvas", "input", "menu", "title", "meta", "link", NULL };
	static const char *const hidden_classes[] = { "hidden", "sr-only",
	    "visually-hidden", "screen-reader-text", NULL };
	const xmlNode	*p;

	if (find_note(h, n) >= 0 || n == h->main)
		return 0;
	if (is_any(n, never))
		return 1;
	if (is(n, "header") || is(n, "footer")) {
		/* An article's or the main content's own header (its
		 * title) is content; the page's is not. */
		for (p = n->parent; p != NULL; p = p->parent) {
			if (is(p, "article"))
				return 0;
			if (p == h->main)
				return is(p, "body");
		}
		return 1;
	}
	if (xmlHasProp(n, (const xmlChar *)"hidden") != NULL ||
	    attr_is(n, "aria-hidden", "true") ||
	    attr_has(n, "style", "display:none") ||
	    attr_has(n, "style", "display: none") ||
	    attr_has(n, "style", "visibility:hidden") ||
	    attr_has(n, "style", "visibility: hidden"))
		return 1;
	for (const char *const *c = hidden_classes; *c != NULL; c++)
		if (has_class(n, *c))
			return 1;
	if ((attr_has(n, "id", "cookie") || attr_has(n, "class", "cookie") ||
	    attr_has(n, "id", "consent") || attr_has(n, "class", "consent") ||
	    attr_has(n, "id", "banner") || attr_has(n, "class", "banner")) &&
	    !is_ancestor_of_main(h, n))
		return 1;
	return 0;
}

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
	if ((v = attr(li, "value")) != NULL)
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

		l->ordered = is(n, "ol");
		l->next = 1;
		l->type = '1';
		if ((v = attr(n, "start")) != NULL)
			l->next = atoi(v);
		xmlFree(v);
		if ((v = attr(n, "type")) != NULL && strchr("aAiI1", *v) &&
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
	char	*href = attr(n, "href");

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

	if (dropped(h, n))
		return 0;
	if (!h->in_note && (k = find_note(h, n)) >= 0) {
		if (h->notes[k].done)
			return 0;
		end_pending(h);
		h->notes[k].done = 1;
		h->in_note = k + 1;
		return 1;
	}
	if (is(n, "a")) {
		if (h->in_note && is_backlink(h, n))
			return 0;
		if ((r = find_ref(h, n)) != NULL && r->note >= 0) {
			build_cite(h->b, h->notes[r->note].label);
			return 0;
		}
		enter_link(h, n);
	} else if (is(n, "b") || is(n, "strong"))
		build_span_begin(h->b, SP_BOLD, NULL);
	else if (is(n, "i") || is(n, "em"))
		build_span_begin(h->b, SP_ITALIC, NULL);
	else if (is(n, "br")) {
		if (h->lp.in_signature && !h->in_note && h->items == 0)
			build_newline(h->b);
		else
			build_text(h->b, " ", 1);
	} else if (is(n, "ul") || is(n, "ol")) {
		if (!h->in_note && h->tables == 0)
			enter_list(h, n);
	} else if (is(n, "li") && !h->in_note && h->tables == 0) {
		end_pending(h);
		h->items++;
		item_number(h, n);
	} else if (is(n, "table")) {
		if (h->tables++ == 0) {
			h->flat = h->in_note || h->items > 0 || h->heading > 0;
			if (!h->flat) {
				boundary(h);
				letter_part_break(&h->lp);
			}
		}
	} else if (heading_level(n) > 0) {
		boundary(h);
		if (!h->in_note && h->tables == 0 && h->items == 0) {
			letter_part_break(&h->lp);
			h->heading = heading_level(n);
		}
	} else if (is_block(n))
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
	if (is(n, "a"))
		build_span_end(h->b, SP_LINK);
	else if (is(n, "b") || is(n, "strong"))
		build_span_end(h->b, SP_BOLD);
	else if (is(n, "i") || is(n, "em"))
		build_span_end(h->b, SP_ITALIC);
	else if ((is(n, "ul") || is(n, "ol")) && !h->in_note &&
	    h->tables == 0) {
		if (h->items > 0)
			close_item(h);
		h->nlists--;
	} else if (is(n, "li") && !h->in_note && h->tables == 0) {
		close_item(h);
		h->items--;
	} else if ((is(n, "td") || is(n, "th")) && h->tables == 1 && !h->flat)
		build_cell(h->b);
	else if (is(n, "tr") && h->tables == 1 && !h->flat)
		build_row(h->b);
	else if (is(n, "table") && h->tables > 0) {
		if (--h->tables == 0 && !h->flat)
			build_table(h->b);
	} else if (heading_level(n) > 0 && h->heading > 0) {
		build_heading(h->b, h->heading, NULL);
		h->heading = 0;
	} else if (is_block(n))
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

	for (xmlNode *n = head; n != NULL; n = next_node(n, head, 0)) {
		char	*name, *content;

		if (!is(n, "meta"))
			continue;
		if ((name = attr(n, "name")) == NULL)
			name = attr(n, "property");
		content = attr(n, "content");
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
	for (xmlNode *n = root; n != NULL; n = next_node(n, root, 0))
		if (is(n, "title")) {
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
html_free(struct html *h)
{
	for (size_t i = 0; i < h->nids; i++)
		free(h->ids[i].id);
	free(h->ids);
	for (size_t i = 0; i < h->nnotes; i++)
		free(h->notes[i].label);
	free(h->notes);
	for (size_t i = 0; i < h->nrefs; i++) {
		free(h->refs[i].target);
		free(h->refs[i].marker);
		free(h->refs[i].id);
		free(h->refs[i].name);
		free(h->refs[i].supid);
	}
	free(h->refs);
}

static void
read_tree(struct html *h, xmlDoc *doc)
{
	xmlNode	*root = xmlDocGetRootElement(doc);

	collect(h, root);
	resolve_notes(h);
	h->main = choose_main(h);
	for (xmlNode *n = root; n != NULL; n = next_node(n, root, 0))
		if (is(n, "head")) {
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
	html_free(&h);
	free(cs);
	free(clean);
	free(utf8);
	return rc;
}
