/* html-notes.c: footnote references and their notes in a web page.  A
 * reference is an <a href="#id"> in or around a <sup>, marked as a note
 * reference (pandoc, doc-noteref), or Word's #_ftnN/#_ednN; its note is
 * the block holding the target id (or <a name>): pandoc's
 * section.footnotes items, Word's and WordPress's _ftnN divs, note-N
 * lists, wiki cite_note items.  Labels are the printed markers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "xmalloc.h"

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

	if (html_is(p, "sup") || (p != NULL && html_is(p->parent, "sup")))
		return 1;
	for (const xmlNode *c = a->children; c != NULL; c = c->next)
		if (html_is(c, "sup") || (c->type == XML_ELEMENT_NODE &&
		    html_is(c->children, "sup")))
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
	char	*href = html_attr(a, "href"), *v;
	struct ref *r;

	if (href == NULL || href[0] != '#' || href[1] == '\0' ||
	    html_attr_has(a, "class", "back") || html_attr_is(a, "role", "doc-backlink") ||
	    !(near_sup(a) || word_note(href + 1) ||
	    html_attr_has(a, "class", "footnote") ||
	    html_attr_has(a, "class", "noteref") || html_attr_has(a, "class", "fnref") ||
	    html_attr_is(a, "role", "doc-noteref"))) {
		xmlFree(href);
		return;
	}
	h->refs = xappend(h->refs, h->nrefs, sizeof *h->refs);
	r = &h->refs[h->nrefs++];
	r->a = a;
	r->target = xstrdup(href + 1);
	r->marker = marker_of(a);
	r->note = -1;
	v = html_attr(a, "id");
	r->id = v != NULL ? xstrdup(v) : NULL;
	xmlFree(v);
	v = html_attr(a, "name");
	r->name = v != NULL ? xstrdup(v) : NULL;
	xmlFree(v);
	v = html_is(a->parent, "sup") ? html_attr(a->parent, "id") : NULL;
	r->supid = v != NULL ? xstrdup(v) : NULL;
	xmlFree(v);
	xmlFree(href);
}

void
html_collect(struct html *h, xmlNode *root)
{
	for (xmlNode *n = root; n != NULL; n = html_next(n, root, 0)) {
		char	*v;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((v = html_attr(n, "id")) != NULL) {
			add_id(h, v, n, 0);
			xmlFree(v);
		}
		if (html_is(n, "a") && (v = html_attr(n, "name")) != NULL) {
			add_id(h, v, n, 1);
			xmlFree(v);
		}
		if (html_is(n, "a"))
			maybe_ref(h, n);
		if (html_is(n, "body") && h->body == NULL)
			h->body = n;
		if (h->main == NULL && (html_is(n, "main") ||
		    html_attr_is(n, "role", "main")))
			h->main = n;
	}
}

/* An inline target (<a name>, <span id>) stands for its block. */
static xmlNode *
note_block(xmlNode *n)
{
	for (int k = 0; n != NULL && k < MAX_CLIMB; k++, n = n->parent)
		if (html_is_block(n))
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

int
html_find_note(const struct html *h, const xmlNode *n)
{
	for (size_t i = 0; i < h->nnotes; i++)
		if (h->notes[i].node == n)
			return (int)i;
	return -1;
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
	for (xmlNode *n = nb; n != NULL; n = html_next(n, nb, 0))
		if (html_is_any(n, html_heads))
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
void
html_resolve_notes(struct html *h)
{
	for (size_t i = 0; i < h->nrefs; i++) {
		struct ref	*r = &h->refs[i];
		xmlNode		*t = find_id(h, r->target), *nb;
		int		 k;

		if (t == NULL || (nb = note_block(t)) == NULL ||
		    contains(nb, r->a) || html_is(nb, "body") || html_is(nb, "main") ||
		    html_is(nb, "article") || in_note(h, r->a) ||
		    html_in_boilerplate(h, r->a) || !plausible_note(nb))
			continue;
		if ((k = html_find_note(h, nb)) < 0) {
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

const struct ref *
html_find_ref(const struct html *h, const xmlNode *a)
{
	for (size_t i = 0; i < h->nrefs; i++)
		if (h->refs[i].a == a)
			return &h->refs[i];
	return NULL;
}

/* A link back from a note to its reference ("↩", "[1]" in a note). */
int
html_is_backlink(const struct html *h, const xmlNode *a)
{
	char	*href = html_attr(a, "href");
	int	 r = 0;

	if (href != NULL && href[0] == '#')
		for (size_t i = 0; i < h->nrefs && !r; i++) {
			const struct ref *f = &h->refs[i];

			r = (f->id != NULL && strcmp(f->id, href + 1) == 0) ||
			    (f->name != NULL && strcmp(f->name, href + 1) == 0) ||
			    (f->supid != NULL && strcmp(f->supid, href + 1) == 0);
		}
	if (!r)
		r = html_has_class(a, "footnote-back") || html_attr_is(a, "role",
		    "doc-backlink");
	xmlFree(href);
	return r;
}

void
html_notes_free(struct html *h)
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
