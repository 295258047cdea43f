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

/* Non-zero when n is an element with this local name (any namespace:
 * office files are matched by their vocabulary's names). */
int		 xmlsafe_is(const xmlNode *n, const char *name);
/* The value of the attribute with this local name, or NULL (not a
 * copy: valid while the tree is). */
const char	*xmlsafe_attr(const xmlNode *n, const char *name);
/* The first element child with this local name, or NULL. */
xmlNode		*xmlsafe_child(const xmlNode *n, const char *name);
/* All the text below n, appended to out (a struct buf). */
struct buf;
void		 xmlsafe_text(const xmlNode *n, struct buf *out);

#endif
