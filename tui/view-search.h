/* view-search.h: full-text search in the reader, for its two files: the
 * results view (view-search.c) and the keys, pager highlighting, filter
 * and history around it (search-ui.c).  A search_run is one search's
 * hits; the results view owns the run it shows.  Opening a hit suspends
 * the view on the jump stack, run and all, so <Backspace> shows it
 * again. */
#ifndef BRIEF_VIEW_SEARCH_H
#define BRIEF_VIEW_SEARCH_H

#include "view.h"

#define SEARCH_MAX	200	/* hits shown */

struct search_run {
	char		*query;		/* as typed */
	char		*theme;		/* slug the search was limited to */
	char		*theme_name;	/* its name, or NULL */
	struct hit	*hits;
	size_t		 n;		/* hits shown */
	size_t		 nalloc;	/* hits to free (n, or n + 1: more) */
};

void		 search_run_free(struct search_run *);

/* The results view; view_push(&search_ops, run) takes the run over. */
extern const struct view_ops search_ops;
/* The run a results view shows. */
const struct search_run *search_view_run(struct view *);

/* search-ui.c: show hit i of run in the pager, a jump (the results view
 * waits on the jump stack); 0, or -1 with a message. */
int		 search_open_hit(const struct search_run *, size_t i);

#endif
