/* review-prune.c: 'brief check --prune': delete the review entries left
 * behind by documents and blocks that are gone from the index (after
 * 'brief rm', or a re-import that dropped a block).  Until then they are
 * kept, and listed by 'brief check', so that nothing typed is lost
 * without being asked.  Entries whose block only changed stay.  Pruning
 * is this store's own housekeeping: it ships nothing to brief sync.
 * Each table is one autocommit statement, so only the review file is
 * locked (as in review.c). */
#include "config.h"

#include <sqlite3.h>

#include "store.h"
#include "xmalloc.h"

/* The entry's block (slug, anchor) is nowhere in the index. */
#define GONE(t) "NOT EXISTS (SELECT 1 FROM documents d JOIN blocks k ON " \
	"k.doc_id = d.id WHERE d.slug = " t ".slug AND k.anchor = " t \
	".anchor)"

/* Every author's entries (the team_* tables), then the journal rows
 * they were made of, so that nothing rebuilds them here; the journal's
 * rows are not counted (they are the same entries). */
static const char *const prune_sql[] = {
	"DELETE FROM review.team_status WHERE " GONE("team_status"),
	"DELETE FROM review.team_notes WHERE " GONE("team_notes"),
	"DELETE FROM review.team_tags WHERE " GONE("team_tags"),
	"DELETE FROM review.journal WHERE kind IN ('status', 'note', 'tag') "
	    "AND " GONE("journal"),
};
#define NCOUNTED	3

int
bdb_review_prune(struct bdb *b, size_t *n, char **err)
{
	*n = 0;
	*err = NULL;
	if (!bdb_review_attached(b)) {
		*err = xstrdup("no review store to prune");
		return BDB_DATA;
	}
	for (size_t i = 0; i < sizeof prune_sql / sizeof prune_sql[0]; i++) {
		sqlite3_stmt	*st = bdb_stmt(b, prune_sql[i]);

		if (st == NULL || sqlite3_step(st) != SQLITE_DONE) {
			*err = xasprintf("review store: cannot prune: %s",
			    sqlite3_errmsg(bdb_sqlite(b)));
			if (st != NULL)
				sqlite3_reset(st);
			return BDB_DATA;
		}
		if (i < NCOUNTED)
			*n += (size_t)sqlite3_changes(bdb_sqlite(b));
		sqlite3_reset(st);
	}
	return BDB_OK;
}
