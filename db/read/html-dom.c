/* html-dom.c: questions asked of libxml2's HTML elements by the web
 * page reader: names, attributes and classes, document order without
 * recursion, which elements are blocks and headings. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "html.h"

int
html_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcasecmp((const char *)n->name, name) == 0;
}

int
html_is_any(const xmlNode *n, const char *const *names)
{
	for (; *names != NULL; names++)
		if (html_is(n, *names))
			return 1;
	return 0;
}

/* The attribute's value, or NULL; free with xmlFree. */
char *
html_attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* Does attribute name contain needle (ASCII case folded)? */
int
html_attr_has(const xmlNode *n, const char *name, const char *needle)
{
	char	*v = html_attr(n, name);
	int	 r = 0;

	if (v != NULL) {
		size_t	k = strlen(needle);

		for (const char *p = v; *p != '\0' && !r; p++)
			r = strncasecmp(p, needle, k) == 0;
		xmlFree(v);
	}
	return r;
}

int
html_attr_is(const xmlNode *n, const char *name, const char *value)
{
	char	*v = html_attr(n, name);
	int	 r = v != NULL && strcasecmp(v, value) == 0;

	xmlFree(v);
	return r;
}

int
html_has_class(const xmlNode *n, const char *cls)
{
	char	*v = html_attr(n, "class");
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
xmlNode *
html_next(xmlNode *n, const xmlNode *root, int skip)
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
const char *const html_heads[] = { "h1", "h2", "h3", "h4", "h5", "h6",
    NULL };

/* h1-h6, and the title paragraph Word writes (p class=MsoTitle): its
 * level, else 0. */
int
html_heading_level(const xmlNode *n)
{
	if (html_is_any(n, html_heads))
		return n->name[1] - '0';
	if (html_is(n, "p") && html_has_class(n, "MsoTitle"))
		return 1;
	return 0;
}

int
html_is_block(const xmlNode *n)
{
	return html_is_any(n, blocks) || html_is_any(n, html_heads);
}
