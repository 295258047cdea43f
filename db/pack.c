/* pack.c: field copies.  brief pack writes one SQLite file that is an
 * index of its own (the chosen documents with their footnotes, tagged
 * with the same themes) plus the packer's review of them as journal
 * rows in main.pack_journal.  Opened with brief --db FILE, it reads
 * like any index; whatever review store gets attached to it takes the
 * packed journal rows in (bdb_pack_adopt, once per row: a row already
 * there is left alone), so the packer's statuses and notes travel with
 * the file, and what is reviewed in the field syncs back through brief
 * sync like any store's changes. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "brief-db.h"
#include "review-int.h"
#include "store.h"
#include "xmalloc.h"

static int
copy_docs(struct bdb *src, struct bdb *dst, char *const *slugs, size_t n,
    char **err)
{
	for (size_t i = 0; i < n; i++) {
		struct doc	d;
		int		rc;

		if (bdb_load(src, slugs[i], &d) != BDB_OK) {
			*err = xasprintf("%s: cannot load %s", bdb_path(src),
			    slugs[i]);
			return BDB_DATA;
		}
		rc = bdb_store_doc(dst, &d, err);
		doc_clear(&d);
		if (rc != BDB_OK)
			return rc;
	}
	return BDB_OK;
}

static int
exec_bound(sqlite3 *db, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (a != NULL)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b != NULL)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The packer's journal rows for the packed documents. */
static int
copy_review(struct bdb *src, struct bdb *dst, char *const *slugs, size_t n,
    char **err)
{
	sqlite3		*db = bdb_sqlite(dst);
	const char	*path = sqlite3_db_filename(bdb_sqlite(src), "review");
	char		*author = bdb_author(src);
	int		 rc = -1;

	if (exec_bound(db, "ATTACH ?1 AS packsrc", path, NULL) != 0)
		goto out;
	if (sqlite3_exec(db, "CREATE TEMP TABLE pack_docs (slug TEXT); "
	    "CREATE TABLE main.pack_journal AS SELECT * FROM packsrc.journal "
	    "WHERE 0", NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (exec_bound(db, "INSERT INTO temp.pack_docs VALUES (?1)",
		    slugs[i], NULL) != 0)
			goto out;
	rc = exec_bound(db, "INSERT INTO main.pack_journal SELECT * FROM "
	    "packsrc.journal WHERE author = ?1 AND slug IN (SELECT slug FROM "
	    "temp.pack_docs) ORDER BY hlc", author, NULL);
out:
	if (rc != 0)
		*err = xasprintf("%s: cannot copy the review: %s",
		    bdb_path(dst), sqlite3_errmsg(db));
	sqlite3_exec(db, "DROP TABLE IF EXISTS temp.pack_docs", NULL, NULL,
	    NULL);
	sqlite3_exec(db, "DETACH packsrc", NULL, NULL, NULL);
	free(author);
	return rc == 0 ? BDB_OK : BDB_DATA;
}

int
bdb_pack(struct bdb *src, char *const *slugs, size_t n, const char *path,
    struct diag *d, char **err)
{
	struct bdb	*dst;
	struct stat	 sb;
	int		 rc;

	*err = NULL;
	if (lstat(path, &sb) == 0) {
		*err = xasprintf("%s: already exists (pack writes a new file)",
		    path);
		return BDB_USAGE;
	}
	if ((dst = bdb_open(path, BDB_NOSEED | BDB_CREATE, err)) == NULL)
		return BDB_DATA;
	rc = copy_docs(src, dst, slugs, n, err);
	if (rc == BDB_OK && bdb_themes_sync(dst, d) != BDB_OK) {
		*err = xasprintf("%s: cannot tag the themes", path);
		rc = BDB_DATA;
	}
	if (rc == BDB_OK && bdb_review_attached(src))
		rc = copy_review(src, dst, slugs, n, err);
	if (rc == BDB_OK)
		sqlite3_exec(bdb_sqlite(dst), "PRAGMA wal_checkpoint(TRUNCATE); "
		    "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	bdb_close(dst);
	if (rc != BDB_OK) {
		/* Ours, half written: never leave it to be taken for a copy. */
		unlink(path);
		for (const char *ext = "-wal"; ext != NULL;
		    ext = strcmp(ext, "-wal") == 0 ? "-shm" : NULL) {
			char *f = xasprintf("%s%s", path, ext);

			unlink(f);
			free(f);
		}
	}
	return rc;
}

/* Called when a review store is attached: take in a field copy's packed
 * review.  Best effort (a read-only store just reads without it). */
void
bdb_pack_adopt(struct bdb *b)
{
	sqlite3		*db = bdb_sqlite(b);
	sqlite3_stmt	*st;
	int		 has;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM main.sqlite_schema WHERE "
	    "type = 'table' AND name = 'pack_journal'", -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	has = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (has && sqlite3_db_readonly(db, "review") != 1 &&
	    db_journal_triggers(db, "review") == SQLITE_OK)
		sqlite3_exec(db, "INSERT OR IGNORE INTO review.journal SELECT * "
		    "FROM main.pack_journal ORDER BY hlc", NULL, NULL, NULL);
}
