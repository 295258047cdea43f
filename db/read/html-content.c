/* html-content.c: which part of a web page is its content: <main>, the
 * largest <article>, or the smallest element holding four fifths of the
 * paragraph text; and what is left out anywhere: navigation, page
 * headers and footers, sidebars, forms, scripts, styles, cookie and
 * consent banners, hidden elements. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <libxml/xmlmemory.h>

#include "html.h"

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
xmlNode *
html_choose_main(struct html *h)
{
	xmlNode	*art = NULL, *m;
	size_t	 artlen = 0, total = 0, len;

	if (h->main != NULL || h->body == NULL)
		return h->main != NULL ? h->main : h->body;
	for (xmlNode *n = h->body; n != NULL; n = html_next(n, h->body, 0)) {
		if (html_is(n, "article") && (len = text_len(n)) > artlen) {
			art = n;
			artlen = len;
		}
		if (!html_is(n, "p") || html_in_boilerplate(h, n))
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
	for (xmlNode *n = h->body; n != NULL; n = html_next(n, h->body, 0))
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
int
html_dropped(const struct html *h, xmlNode *n)
{
	static const char *const never[] = { "script", "style", "noscript",
	    "template", "nav", "aside", "form", "button", "select",
	    "textarea", "iframe", "svg", "head", "object", "embed", "dialog",
	    "canvas", "input", "menu", "title", "meta", "link", NULL };
	static const char *const hidden_classes[] = { "hidden", "sr-only",
	    "visually-hidden", "screen-reader-text", NULL };
	const xmlNode	*p;

	if (html_find_note(h, n) >= 0 || n == h->main)
		return 0;
	if (html_is_any(n, never))
		return 1;
	if (html_is(n, "header") || html_is(n, "footer")) {
		/* An article's or the main content's own header (its
		 * title) is content; the page's is not. */
		for (p = n->parent; p != NULL; p = p->parent) {
			if (html_is(p, "article"))
				return 0;
			if (p == h->main)
				return html_is(p, "body");
		}
		return 1;
	}
	if (xmlHasProp(n, (const xmlChar *)"hidden") != NULL ||
	    html_attr_is(n, "aria-hidden", "true") ||
	    html_attr_has(n, "style", "display:none") ||
	    html_attr_has(n, "style", "display: none") ||
	    html_attr_has(n, "style", "visibility:hidden") ||
	    html_attr_has(n, "style", "visibility: hidden"))
		return 1;
	for (const char *const *c = hidden_classes; *c != NULL; c++)
		if (html_has_class(n, *c))
			return 1;
	if ((html_attr_has(n, "id", "cookie") || html_attr_has(n, "class", "cookie") ||
	    html_attr_has(n, "id", "consent") || html_attr_has(n, "class", "consent") ||
	    html_attr_has(n, "id", "banner") || html_attr_has(n, "class", "banner")) &&
	    !is_ancestor_of_main(h, n))
		return 1;
	return 0;
}

/* Is n inside boilerplate (bounded climb)? */
int
html_in_boilerplate(const struct html *h, xmlNode *n)
{
	for (int k = 0; n != NULL && k < MAX_CLIMB; k++, n = n->parent)
		if (n->type == XML_ELEMENT_NODE && html_dropped(h, n))
			return 1;
	return 0;
}
