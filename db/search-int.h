/* search-int.h: what db/search.c and db/search-snippet.c share.  The
 * rank function keeps the matches (phrase, column, token offset) of
 * every row it scores exactly in a struct search_keep the caller binds
 * (sqlite3_bind_pointer, type "brief_keep"), so that the snippets of a
 * page are made from them afterwards, without running the full-text
 * query a second time. */
#ifndef SEARCH_INT_H
#define SEARCH_INT_H

#include <stddef.h>
#include <stdint.h>

struct search_inst {
	int	phrase, col, off;
};

struct search_keep {
	struct search_kept {
		int64_t	 rowid;
		size_t	 at;		/* its first match in inst */
		int	 n;		/* its matches */
	}			*rows;
	size_t			 nrows, caprows;
	struct search_inst	*inst;
	size_t			 ninst, capinst;
	int			*psize;		/* tokens in each phrase */
	int			 nphrase;
};

#define SEARCH_KEEP_TYPE	"brief_keep"

void	search_keep_free(struct search_keep *);

#endif
