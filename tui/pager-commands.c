/* pager-commands.c: the pager's ':' commands, registered by view_init
 * in the order the help lists them: ":goto" (an anchor, a document, or
 * DOC#ANCHOR, a jump back returns from) and ":set width N" (the reading
 * measure).  The view stack's own commands (quit, save-display, resize,
 * help) are in view.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

/* ":goto ANCHOR", ":goto DOC#ANCHOR" or ":goto DOC". */
int
pager_cmd_goto(const char *arg)
{
	const struct doc *d = pager_doc();
	char *slug;
	int rc;

	if (arg[0] == '\0') {
		view_error("goto: which anchor? (e.g. :goto rec-2, :goto fn-1)");
		return -1;
	}
	if (strchr(arg, '#') != NULL || d == NULL ||
	    doc_find_anchor(d, arg) >= 0) {
		if (strchr(arg, '#') == NULL)
			return pager_open(d->slug, arg, 1);
		slug = xstrndup(arg, strcspn(arg, "#"));
		rc = pager_open(slug, strchr(arg, '#') + 1, 1);
		free(slug);
		return rc;
	}
	if ((slug = bdb_resolve(view_db(), arg)) != NULL) {
		rc = pager_open(slug, NULL, 1);
		free(slug);
		return rc;
	}
	view_error("No anchor '%s' in %s", arg, d->slug);
	return -1;
}


/* ":set width N". */
int
pager_cmd_set(const char *arg)
{
	int n;
	char extra;

	if (sscanf(arg, "width %d %c", &n, &extra) != 1 || n < 0 ||
	    n > 1000) {
		view_error("set: width N (columns, 0 for the window's width)");
		return -1;
	}
	pager_set_measure(n);
	if (n > 0)
		view_message("Text wraps at %d columns at most", n);
	else
		view_message("Text wraps at the window's width");
	return 0;
}
