/* fts-query.h: the search query translator: what a user types becomes a
 * safe FTS5 MATCH expression plus filters.  Pure (no SQLite needed to
 * translate); every string in gives a query or a one-line message. */
#ifndef BRIEF_FTS_QUERY_H
#define BRIEF_FTS_QUERY_H

#include <stddef.h>

#define FTS_IN_FOOTNOTES	0x1
#define FTS_IN_RECS		0x2

struct fts_query {
	char	 *match;	/* FTS5 expression, NULL if filters only */
	char	**themes;	/* theme:SLUG filters (all must hold) */
	size_t	  nthemes;
	char	**docs;		/* doc:SLUG filters (any may hold) */
	size_t	  ndocs;
	unsigned  in;		/* FTS_IN_* */
	char	 *status;	/* status:VALUE or NULL */
	char	**terms;	/* positive words/phrases, for highlighting */
	size_t	  nterms;
};

/* 0, or -1 with *err a new one-line message for the user. */
int	fts_translate(const char *input, struct fts_query *out, char **err);
void	fts_query_clear(struct fts_query *);

#endif
