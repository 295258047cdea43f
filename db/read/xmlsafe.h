/* xmlsafe.h: XML parts of office files parsed with libxml2 the safe way
 * (no network, no DTD at all so no entities to expand, libxml2's own
 * depth and size limits kept), and small helpers to walk the tree by
 * local names.  Private to db/read/. */
#ifndef BRIEF_XMLSAFE_H
#define BRIEF_XMLSAFE_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"

/* Parse member (a name for messages) of file; NULL with an error in d
 * that names both and libxml2's line and reason.  Free with
 * xmlFreeDoc. */
xmlDoc		*xmlsafe_parse(const char *file, const char *member,
		    const char *buf, size_t len, struct diag *d);

/* The parts of one office file read so far, each parsed once and kept
 * for the reader's life (xmlparts_free frees them all). */
#define XMLPARTS_MAX	12
struct zipread;
struct xmlparts {
	xmlDoc	*v[XMLPARTS_MAX];
	int	 n;
};
/* The root of member name of the archive, parsed safely and kept in p;
 * NULL when it is absent (quietly) or broken (*err set, the message in
 * d). */
xmlNode		*xmlparts_read(struct xmlparts *p, struct zipread *z,
		    const char *file, const char *name, struct diag *d,
		    int *err);
void		 xmlparts_free(struct xmlparts *p);

/* Non-zero when n is an element with this local name (any namespace:
 * office files are matched by their vocabulary's names). */
int		 xmlsafe_is(const xmlNode *n, const char *name);
/* The value of the attribute with this local name, or NULL (not a
 * copy: valid while the tree is). */
const char	*xmlsafe_attr(const xmlNode *n, const char *name);
/* The attribute as a whole number from min to 999,999, else dflt (absent,
 * not a number, out of range). */
int		 xmlsafe_int(const xmlNode *n, const char *name, long min,
		    int dflt);
/* The first element child with this local name, or NULL. */
xmlNode		*xmlsafe_child(const xmlNode *n, const char *name);
/* All the text below n, appended to out (a struct buf). */
struct buf;
void		 xmlsafe_text(const xmlNode *n, struct buf *out);

#endif
