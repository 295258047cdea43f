/* review-places.c: where the reader has been: named bookmarks, the
 * last position in each document, reading sessions and the blocks they
 * visited, and the search history. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "review-int.h"
#include "store.h"
#include "xmalloc.h"

/* --- bookmarks and positions -------------------------------------------- */

int
bdb_bookmark_set(struct bdb *b, const char *name, const char *slug,
    const char *anchor, int offset, char **err)
{
	sqlite3_stmt *st = rv_stmt(b, RV_JOURNAL "VALUES (brief_author(), "
	    RV_HLC ", 'bookmark', ?2, ?3, '', ?1, ?4, NULL, " RV_NOW ", "
	    RV_NOW ")", err);

	if (st == NULL)
		return BDB_DATA;
	bind_str(st, 1, name);
	bind_str(st, 2, slug);
	bind_str(st, 3, anchor);
	sqlite3_bind_int(st, 4, offset);
	return rv_write(b, st, 0, err);
}

/* One row of (slug, anchor, offset) from st, bound already. */
static int
get_place(sqlite3_stmt *st, char **slug, char **anchor, int *offset)
{
	int	rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		if (slug != NULL)
			*slug = col_str(st, 0);
		*anchor = col_str(st, 1);
		*offset = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return BDB_OK;
	return rc == SQLITE_DONE ? BDB_NOTFOUND : BDB_DATA;
}

int
bdb_bookmark_get(struct bdb *b, const char *name, char **slug,
    char **anchor, int *offset)
{
	sqlite3_stmt *st = rv_stmt(b, "SELECT slug, anchor, offset FROM "
	    "review.bookmarks WHERE name = ?1", NULL);

	if (st == NULL)
		return BDB_DATA;
	bind_str(st, 1, name);
	return get_place(st, slug, anchor, offset);
}

int
bdb_position_set(struct bdb *b, const char *slug, const char *anchor,
    int offset, char **err)
{
	sqlite3_stmt *st = rv_stmt_at(b, "INSERT OR REPLACE INTO "
	    "review.positions (slug, anchor, offset) VALUES (?1, ?2, ?3)",
	    slug, anchor, err);

	if (st == NULL)
		return BDB_DATA;
	sqlite3_bind_int(st, 3, offset);
	return rv_write(b, st, 0, err);
}

int
bdb_position_get(struct bdb *b, const char *slug, char **anchor, int *offset)
{
	sqlite3_stmt *st = rv_stmt(b, "SELECT slug, anchor, offset FROM "
	    "review.positions WHERE slug = ?1", NULL);

	if (st == NULL)
		return BDB_DATA;
	bind_str(st, 1, slug);
	return get_place(st, NULL, anchor, offset);
}

/* --- sessions ----------------------------------------------------------- */

int
bdb_session_start(struct bdb *b, int64_t *id, char **err)
{
	sqlite3_stmt	*st = rv_stmt(b, "INSERT INTO review.sessions "
	    "DEFAULT VALUES", err);
	sqlite3_stmt	*cur;
	int		 rc;

	if (st == NULL || (rc = rv_write(b, st, 0, err)) != BDB_OK)
		return BDB_DATA;
	*id = sqlite3_last_insert_rowid(bdb_sqlite(b));
	/* Made here, not at every attach: until a session starts, the
	 * statements naming it find no table and count nothing. */
	sqlite3_exec(bdb_sqlite(b), "CREATE TEMP TABLE IF NOT EXISTS "
	    "review_session (id INTEGER)", NULL, NULL, NULL);
	sqlite3_exec(bdb_sqlite(b), "DELETE FROM temp.review_session", NULL,
	    NULL, NULL);
	if ((cur = bdb_stmt(b, "INSERT INTO temp.review_session (id) "
	    "VALUES (?1)")) != NULL) {
		sqlite3_bind_int64(cur, 1, *id);
		sqlite3_step(cur);
		sqlite3_reset(cur);
	}
	return BDB_OK;
}

int
bdb_session_visit(struct bdb *b, int64_t id, const char *slug,
    const char *anchor)
{
	sqlite3_stmt *st = rv_stmt(b, "INSERT OR IGNORE INTO "
	    "review.session_visits (session, slug, anchor) VALUES (?1, ?2, ?3)",
	    NULL);
	int rc;

	if (st == NULL)
		return BDB_DATA;
	sqlite3_bind_int64(st, 1, id);
	bind_str(st, 2, slug);
	bind_str(st, 3, anchor);
	/* A block new to the session counts (the store's trigger did this
	 * until migration 3; the reader batches visits in a transaction). */
	if ((rc = rv_write(b, st, 1, NULL)) != BDB_OK)
		return rc == BDB_NOTFOUND ? BDB_OK : rc;
	if ((st = rv_stmt(b, "UPDATE review.sessions SET blocks_visited = "
	    "blocks_visited + 1 WHERE id = ?1", NULL)) == NULL)
		return BDB_DATA;
	sqlite3_bind_int64(st, 1, id);
	return rv_write(b, st, 0, NULL);
}

int
bdb_session_end(struct bdb *b, int64_t id, char **err)
{
	sqlite3_stmt *st = rv_stmt(b, "UPDATE review.sessions SET ended = "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1", err);

	if (st == NULL)
		return BDB_DATA;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_exec(bdb_sqlite(b), "DELETE FROM temp.review_session", NULL,
	    NULL, NULL);
	return rv_write(b, st, 0, err);
}

/* --- search history ----------------------------------------------------- */

int
bdb_history_add(struct bdb *b, const char *query, char **err)
{
	sqlite3_stmt	*st = rv_stmt(b, "INSERT INTO review.search_history "
	    "(query) VALUES (?1)", err);
	sqlite3_stmt	*old;
	int		 rc;

	if (st == NULL)
		return BDB_DATA;
	bind_str(st, 1, query);
	if ((rc = rv_write(b, st, 0, err)) != BDB_OK)
		return rc;
	/* Fold duplicates and keep the list short; losing this is harmless. */
	if ((old = bdb_stmt(b, "DELETE FROM review.search_history WHERE "
	    "id < ?2 AND (query = ?1 OR id <= ?2 - 500)")) != NULL) {
		bind_str(old, 1, query);
		sqlite3_bind_int64(old, 2,
		    sqlite3_last_insert_rowid(bdb_sqlite(b)));
		rv_write(b, old, 0, NULL);
	}
	return BDB_OK;
}

static void
query_from_row(sqlite3_stmt *st, void *slot)
{
	*(char **)slot = col_str(st, 0);
}

int
bdb_history(struct bdb *b, int limit, char ***out, size_t *n)
{
	sqlite3_stmt	*st = rv_stmt(b, "SELECT query FROM review.search_history "
	    "ORDER BY id DESC LIMIT ?1", NULL);

	if (st != NULL)
		sqlite3_bind_int(st, 1, limit > 0 ? limit : -1);
	return db_rows(st, out, n, sizeof **out, query_from_row);
}

void
bdb_history_free(char **q, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(q[i]);
	free(q);
}
