/* review.c: the review store: the user's own SQLite file ATTACHed to the
 * index connection as schema "review" (see db/review.sql and the
 * "review store" section of brief-db.h).
 *
 * Nothing here keeps state of its own: whether a store is attached is
 * asked of SQLite (sqlite3_db_filename), and the open session of a
 * handle lives in a TEMP table of its connection.  Every change is one
 * autocommit statement, so it is committed before the call returns and
 * locks only the review file (BEGIN IMMEDIATE would also lock the index
 * of every attached schema).  A statement that finds the file busy past
 * the busy timeout is retried.
 *
 * This file opens and attaches the store and runs its statements (the
 * rv_* helpers of review-int.h); what the store holds lives beside it:
 * review-status.c (statuses, marks, progress, changed entries),
 * review-notes.c (notes, drafts), review-places.c (bookmarks,
 * positions, sessions, search history), review-tags.c (personal tags),
 * review-export.c (export), review-prune.c (brief check --prune). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "embedded.h"
#include "file.h"
#include "review-int.h"
#include "store.h"
#include "xmalloc.h"

#define RV_TRIES	40	/* retries after the busy timeout */

void
rv_set_err(char **err, char *msg)
{
	if (err != NULL)
		*err = msg;
	else
		free(msg);
}

/* --- opening ------------------------------------------------------------ */

int
bdb_review_attached(struct bdb *b)
{
	const char *f = sqlite3_db_filename(bdb_sqlite(b), "review");

	return f != NULL;
}

static const char *
review_file(struct bdb *b)
{
	const char *f = sqlite3_db_filename(bdb_sqlite(b), "review");

	return f != NULL && *f != '\0' ? f : "review store";
}

char *
bdb_review_default_path(void)
{
	return file_user_path("BRIEF_REVIEW", "XDG_DATA_HOME", ".local/share",
	    "review.db");
}

/* Is path the default store (created, with its folders, unasked)? */
static int
is_default(const char *path)
{
	char	*def = bdb_review_default_path();
	int	 same = strcmp(def, path) == 0;

	free(def);
	return same;
}

/* The store is private: the user's own regular file, not a symbolic
 * link (which would turn another file, or as root another user's
 * store, into this one), and not open to group or others. */
static int
check_private(int fd, const char *path, char **err)
{
	struct stat	sb;

	if (fstat(fd, &sb) != 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		*err = xasprintf("%s: not a regular file: refusing it as a "
		    "review store", path);
		return -1;
	}
	if (sb.st_uid != geteuid()) {
		*err = xasprintf("%s: belongs to another user: refusing it as "
		    "a review store", path);
		return -1;
	}
	if ((sb.st_mode & 077) != 0) {
		*err = xasprintf("%s: readable or writable by other users "
		    "(mode %03o): refusing a private store (run 'chmod 600 "
		    "%s')", path, (unsigned)(sb.st_mode & 0777), path);
		return -1;
	}
	return 0;
}

/* Create the file 0600 before SQLite sees it (whatever the umask), or
 * check an existing one is private and can be opened.  Folders are made
 * only for the default store: a mistyped --review creates nothing.
 * Sets *created, and *made to the topmost folder made. */
static int
create_file(const char *path, int *created, char **made, char **err)
{
	int	fd;

	*created = 0;
	*made = NULL;
	if (db_regular_or_missing(path, "a review store", err) != 0)
		return -1;
	if (access(path, F_OK) != 0 && is_default(path))
		*made = db_mkdirs(path);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd >= 0) {
		*created = 1;
		fchmod(fd, 0600);
	} else if (errno == EEXIST) {
		fd = open(path, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		/* A store we may only read (a full disk or read-only
		 * mount stays exportable). */
		if (fd < 0 && (errno == EROFS || errno == EACCES))
			fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
			    O_CLOEXEC);
	}
	if (fd < 0) {
		if (errno == ELOOP)
			*err = xasprintf("%s: a symbolic link: refusing it as "
			    "a review store (name the file itself)", path);
		else if (errno == ENOENT)
			*err = xasprintf("%s: no such folder (a named review "
			    "store's folder must exist)", path);
		else
			*err = xasprintf("%s: cannot open: %s", path,
			    strerror(errno));
		return -1;
	}
	if (check_private(fd, path, err) != 0) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static int
int_query(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

static void
pause_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int
exec_retry(sqlite3 *db, const char *sql)
{
	int	rc;

	for (int i = 0; i < RV_TRIES; i++) {
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		pause_ms(20 + i * 10);
	}
	return rc;
}

/* Another process may be creating the same store: if migrating failed
 * but the file has meanwhile reached the latest version, that is fine. */
static int
migrate(sqlite3 *db, const char *path, char **err)
{
	const char	*sql = embedded_get("db/review.sql", NULL);
	int		 v = 0;

	for (int i = 0; i < 3; i++) {
		if (db_migrate(db, "review", sql, path, err) == 0)
			return 0;
		if (int_query(db, "PRAGMA review.user_version", &v) == 0 &&
		    v == db_latest_version(sql)) {
			free(*err);
			*err = NULL;
			return 0;
		}
		if (v > db_latest_version(sql) || strstr(*err, "not a brief"))
			return -1;
		free(*err);
		*err = NULL;
		pause_ms(50);
	}
	return db_migrate(db, "review", sql, path, err);
}

static int
attach(sqlite3 *db, const char *path, char **err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(db, "ATTACH ?1 AS review", -1, &st, NULL) !=
	    SQLITE_OK) {
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		*err = xasprintf("%s: cannot open: %s", path, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The file is ours and current: WAL (only now, as switching writes the
 * header).  The TEMP table holding this handle's open session is made
 * by bdb_session_start (review-places.c): most handles never start one. */
static void
configure(sqlite3 *db)
{
	if (sqlite3_db_readonly(db, "review") != 1)
		exec_retry(db, "PRAGMA review.journal_mode = WAL");
}

/* Migrate the store on a connection of its own: the write lock its
 * migration takes then covers the store alone (on the index's
 * connection BEGIN IMMEDIATE would lock the index too, and wait on an
 * import).  Several first uses at once queue in db_migrate. */
static int
migrate_alone(const char *path, int created, char **err)
{
	sqlite3	*db = NULL;
	int	 rc = -1;

	*err = NULL;
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: out of memory", path);
		goto out;
	}
	sqlite3_busy_timeout(db, 5000);
	if (attach(db, path, err) != 0)
		goto out;
	if (sqlite3_db_readonly(db, "review") == 1) {
		rc = 0;		/* the index's connection says why */
		goto out;
	}
	if (created)
		exec_retry(db, "PRAGMA review.journal_mode = WAL");
	rc = migrate(db, path, err);
out:
	/* Cannot write it (a full disk): try reading it as it is. */
	if (rc != 0 && !created && db != NULL &&
	    db_cannot_write(sqlite3_extended_errcode(db))) {
		free(*err);
		*err = NULL;
		rc = 0;
	}
	sqlite3_close(db);
	return rc;
}

/* Attach a store SQLite cannot open for writing or give side files to
 * (a full disk, a read-only folder) as an immutable file: notes can
 * still be read and exported. */
static int
attach_readonly(sqlite3 *db, const char *path, char **err)
{
	char	*uri = db_uri(path, "immutable=1&mode=ro");
	int	 rc;

	sqlite3_exec(db, "DETACH review", NULL, NULL, NULL);
	rc = attach(db, uri, err);
	free(uri);
	return rc;
}

/* The usual start: an existing store already at the latest version,
 * attached once to the index's connection and its version read there
 * (the migration path below attaches it twice, on a connection of its
 * own first, each time reading its whole schema).  1 when attached and
 * current; else 0 with nothing attached, for the full path to decide. */
static int
attach_current(sqlite3 *db, const char *path)
{
	char	*err = NULL;

	if (attach(db, path, &err) != 0) {
		free(err);
		return 0;
	}
	if (db_schema_current(db, "review", embedded_get("db/review.sql",
	    NULL)))
		return 1;
	sqlite3_exec(db, "DETACH review", NULL, NULL, NULL);
	return 0;
}

int
bdb_review_attach(struct bdb *b, const char *path, char **err)
{
	sqlite3	*db = bdb_sqlite(b);
	char	*made = NULL;
	int	 created;

	*err = NULL;
	if (bdb_review_attached(b))
		return BDB_OK;
	if (create_file(path, &created, &made, err) != 0)
		goto fail;
	if (!created && attach_current(db, path))
		goto attached;
	if (!bdb_readonly(b) && migrate_alone(path, created, err) != 0)
		goto fail;
	if (attach(db, path, err) != 0 || migrate(db, path, err) != 0) {
		if (created || !db_cannot_write(sqlite3_extended_errcode(db)))
			goto fail;
		free(*err);
		*err = NULL;
		if (attach_readonly(db, path, err) != 0 ||
		    migrate(db, path, err) != 0)
			goto fail;
	}
attached:
	configure(db);
	free(made);
	bdb_author_init(b);
	return BDB_OK;
fail:
	/* Never remove or rewrite a store that held anything: at worst an
	 * empty one stays, and folders made for it go. */
	sqlite3_exec(db, "DETACH review", NULL, NULL, NULL);
	if (made != NULL && created) {
		struct stat sb;

		if (stat(path, &sb) == 0 && sb.st_size == 0)
			unlink(path);
	}
	db_rmdirs(path, made);
	return BDB_DATA;
}

/* --- running statements ------------------------------------------------ */

sqlite3_stmt *
rv_stmt(struct bdb *b, const char *sql, char **err)
{
	sqlite3_stmt	*st;

	if (!bdb_review_attached(b)) {
		rv_set_err(err, xstrdup("no review store (reading only)"));
		return NULL;
	}
	/* A journal row: its triggers first (review-journal.c). */
	if (strncmp(sql, RV_JOURNAL, sizeof RV_JOURNAL - 1) == 0 &&
	    rv_journal_ready(b) != SQLITE_OK) {
		rv_set_err(err, xasprintf("%s: %s", review_file(b),
		    sqlite3_errmsg(bdb_sqlite(b))));
		return NULL;
	}
	if ((st = bdb_stmt(b, sql)) == NULL)
		rv_set_err(err, xasprintf("%s: %s", review_file(b),
		    sqlite3_errmsg(bdb_sqlite(b))));
	return st;
}

sqlite3_stmt *
rv_stmt_at(struct bdb *b, const char *sql, const char *slug,
    const char *anchor, char **err)
{
	sqlite3_stmt	*st = rv_stmt(b, sql, err);

	if (st != NULL) {
		bind_str(st, 1, slug);
		bind_str(st, 2, anchor);
	}
	return st;
}

/* Step a write statement, retrying while another writer holds the file
 * past the busy timeout.  Bindings survive sqlite3_reset(). */
int
rv_step(sqlite3_stmt *st)
{
	int	rc;

	for (int i = 0; i < RV_TRIES; i++) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		sqlite3_reset(st);
		pause_ms(10 + (rand() % 40));
	}
	return rc;
}

int
rv_write_error(struct bdb *b, int rc, char **err)
{
	sqlite3		*db = bdb_sqlite(b);
	const char	*why = sqlite3_errmsg(db);

	if (rc == SQLITE_FULL || rc == SQLITE_IOERR)
		why = "cannot write to the disk (full, or an I/O error)";
	else if (rc == SQLITE_READONLY)
		why = "the review store is read-only";
	rv_set_err(err, xasprintf("%s: not saved: %s", review_file(b), why));
	return BDB_DATA;
}

/* Run a write statement to completion; BDB_OK, or BDB_NOTFOUND when it
 * changed nothing and need_change is set. */
int
rv_write(struct bdb *b, sqlite3_stmt *st, int need_change, char **err)
{
	int	rc = rv_step(st);

	while (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rv_write_error(b, rc, err);
	if (need_change && sqlite3_changes(bdb_sqlite(b)) == 0)
		return BDB_NOTFOUND;
	return BDB_OK;
}

int
rv_not_found(const char *slug, const char *anchor, char **err)
{
	rv_set_err(err, xasprintf("%s#%s: no such block in the index", slug,
	    anchor));
	return BDB_NOTFOUND;
}

/* --- integrity ---------------------------------------------------------- */

/* Not damage, but worth knowing: entries the index no longer matches. */
static void
report_stale(struct bdb *b, struct buf *r)
{
	struct bdb_stale	*v;
	size_t			 n;

	if (bdb_stale(b, NULL, &v, &n) != BDB_OK)
		return;
	for (size_t i = 0; i < n; i++)
		buf_printf(r, "review store: %s#%s: %s since reviewed "
		    "(%s, %d note%s)\n", v[i].slug, v[i].anchor,
		    v[i].state == RV_ORPHANED ? "gone" : "changed",
		    bdb_status_name(v[i].status), v[i].nnotes,
		    v[i].nnotes == 1 ? "" : "s");
	bdb_stale_free(v, n);
}

int
bdb_review_check(struct bdb *b, char **report)
{
	struct buf	 r = { 0 };
	int		 bad = db_check_rows(bdb_sqlite(b),
	    "PRAGMA review.integrity_check", "review store: integrity", &r);

	if (!bad)
		report_stale(b, &r);
	*report = buf_steal(&r);
	return bad ? BDB_DATA : BDB_OK;
}

/* --- batches ------------------------------------------------------------ */

/* Several bookkeeping writes (visits, position) in one deferred
 * transaction: one sync instead of one per write.  Deferred, so only the
 * review store is write-locked, never the shared index. */
int
bdb_review_begin(struct bdb *b)
{
	return sqlite3_exec(bdb_sqlite(b), "BEGIN", NULL, NULL, NULL) ==
	    SQLITE_OK ? BDB_OK : BDB_DATA;
}

int
bdb_review_commit(struct bdb *b)
{
	if (sqlite3_exec(bdb_sqlite(b), "COMMIT", NULL, NULL, NULL) ==
	    SQLITE_OK)
		return BDB_OK;
	sqlite3_exec(bdb_sqlite(b), "ROLLBACK", NULL, NULL, NULL);
	return BDB_DATA;
}
