/* html.h: the web page reader's private parts, shared by html.c (the
 * walk into the builder), html-dom.c (element helpers), html-notes.c
 * (footnote references and their notes) and html-content.c (the main
 * content and the boilerplate around it).  struct html is the state of
 * one page: what the first pass found and where the walk is. */
#ifndef BRIEF_HTML_H
#define BRIEF_HTML_H

#include <stddef.h>

#include <libxml/tree.h>

#include "build.h"
#include "letter-parts.h"

#define MAX_LISTS	64	/* list nesting tracked; deeper is flat */
#define MAX_CLIMB	64	/* ancestors looked at from one element */
#define MAX_NOTE	8000	/* bytes of text a footnote may hold */

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

/* --- html-dom.c: elements -------------------------------------------------- */
extern const char *const html_heads[];	/* "h1" .. "h6" */
int	 html_is(const xmlNode *, const char *name);
int	 html_is_any(const xmlNode *, const char *const *names);
/* An attribute's value, or NULL; free with xmlFree. */
char	*html_attr(const xmlNode *, const char *name);
/* Does the attribute contain needle, or equal value (ASCII case
 * folded)?  Has the class list the class cls? */
int	 html_attr_has(const xmlNode *, const char *name, const char *needle);
int	 html_attr_is(const xmlNode *, const char *name, const char *value);
int	 html_has_class(const xmlNode *, const char *cls);
/* The next node in document order, children first unless skip; NULL
 * after root's subtree. */
xmlNode	*html_next(xmlNode *, const xmlNode *root, int skip);
/* h1-h6 (and Word's title paragraph): the level, else 0. */
int	 html_heading_level(const xmlNode *);
int	 html_is_block(const xmlNode *);

/* --- html-notes.c: references and notes ------------------------------------ */
/* The first pass: ids, the body, <main>, footnote references. */
void	 html_collect(struct html *, xmlNode *root);
/* Each reference's note, and the notes' labels. */
void	 html_resolve_notes(struct html *);
int	 html_find_note(const struct html *, const xmlNode *);
const struct ref *html_find_ref(const struct html *, const xmlNode *a);
/* A link in a note back to its reference. */
int	 html_is_backlink(const struct html *, const xmlNode *a);
void	 html_notes_free(struct html *);

/* --- html-content.c: the main content -------------------------------------- */
xmlNode	*html_choose_main(struct html *);
/* Boilerplate, or hidden: left out with its children. */
int	 html_dropped(const struct html *, xmlNode *);
int	 html_in_boilerplate(const struct html *, xmlNode *);

#endif
