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
 * the busy timeout is retried. */
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
#include "store.h"
#include "xmalloc.h"

#define RV_TRIES	40	/* retries after the busy timeout */

static const char *const status_names[RS__COUNT] = {
	"unread", "read", "flagged", "done"
};
static const char *const rstate_names[] = {
	"current", "changed", "orphaned"
};

/* Shared SQL: the block an entry keys to, and the themes of each block
 * with the personal tags applied. */
#define RV_TAGGED "WITH tagged(block_id, theme) AS (" \
	"SELECT bt.block_id, bt.theme FROM block_themes bt " \
	"JOIN blocks k ON k.id = bt.block_id " \
	"JOIN documents dd ON dd.id = k.doc_id " \
	"WHERE NOT EXISTS (SELECT 1 FROM review.tags t WHERE t.slug = dd.slug " \
	"AND t.anchor = k.anchor AND t.theme = bt.theme AND t.removed) " \
	"UNION SELECT k.id, t.theme FROM review.tags t " \
	"JOIN documents dd ON dd.slug = t.slug " \
	"JOIN blocks k ON k.doc_id = dd.id AND k.anchor = t.anchor " \
	"WHERE NOT t.removed) "
#define RV_DOC_ORDER "coalesce(d.parent, d.slug), d.parent IS NOT NULL, d.slug"
/* Every change is a journal row (review.sql, migration 2); triggers
 * bring the team_* tables (and so the views) up to date with it. */
#define RV_JOURNAL "INSERT INTO review.journal (author, hlc, kind, slug, " \
	"anchor, text_hash, key, value, base, created, at) "
#define RV_HLC "brief_hlc((SELECT max(hlc) FROM review.journal))"
#define RV_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

const char *
bdb_status_name(int s)
{
	return s >= 0 && s < RS__COUNT ? status_names[s] : "unread";
}

int
bdb_status_from_name(const char *name)
{
	for (int i = 0; i < RS__COUNT; i++)
		if (name != NULL && strcmp(name, status_names[i]) == 0)
			return i;
	return -1;
}

const char *
bdb_rstate_name(int s)
{
	return s >= RV_CURRENT && s <= RV_ORPHANED ? rstate_names[s] :
	    "current";
}

static char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

static void
set_err(char **err, char *msg)
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
	const char	*env = getenv("BRIEF_REVIEW"), *home;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if ((env = getenv("XDG_DATA_HOME")) != NULL && *env == '/')
		return xasprintf("%s/brief/review.db", env);
	home = getenv("HOME");
	return xasprintf("%s/.local/share/brief/review.db",
	    home != NULL ? home : ".");
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
 * header) and the TEMP table holding this handle's open session. */
static void
configure(sqlite3 *db)
{
	if (sqlite3_db_readonly(db, "review") != 1)
		exec_retry(db, "PRAGMA review.journal_mode = WAL");
	sqlite3_exec(db, "CREATE TEMP TABLE IF NOT EXISTS review_session "
	    "(id INTEGER)", NULL, NULL, NULL);
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

/* A review statement, or NULL with *err set when there is no store. */
static sqlite3_stmt *
rv_stmt(struct bdb *b, const char *sql, char **err)
{
	sqlite3_stmt	*st;

	if (!bdb_review_attached(b)) {
		set_err(err, xstrdup("no review store (reading only)"));
		return NULL;
	}
	if ((st = bdb_stmt(b, sql)) == NULL)
		set_err(err, xasprintf("%s: %s", review_file(b),
		    sqlite3_errmsg(bdb_sqlite(b))));
	return st;
}

/* Step a write statement, retrying while another writer holds the file
 * past the busy timeout.  Bindings survive sqlite3_reset(). */
static int
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

static int
write_error(struct bdb *b, int rc, char **err)
{
	sqlite3		*db = bdb_sqlite(b);
	const char	*why = sqlite3_errmsg(db);

	if (rc == SQLITE_FULL || rc == SQLITE_IOERR)
		why = "cannot write to the disk (full, or an I/O error)";
	else if (rc == SQLITE_READONLY)
		why = "the review store is read-only";
	set_err(err, xasprintf("%s: not saved: %s", review_file(b), why));
	return BDB_DATA;
}

/* Run a write statement to completion; BDB_OK, or BDB_NOTFOUND when it
 * changed nothing and need_change is set. */
static int
rv_write(struct bdb *b, sqlite3_stmt *st, int need_change, char **err)
{
	int	rc = rv_step(st);

	while (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return write_error(b, rc, err);
	if (need_change && sqlite3_changes(bdb_sqlite(b)) == 0)
		return BDB_NOTFOUND;
	return BDB_OK;
}

static int
not_found(const char *slug, const char *anchor, char **err)
{
	set_err(err, xasprintf("%s#%s: no such block in the index", slug,
	    anchor));
	return BDB_NOTFOUND;
}

/* --- status ------------------------------------------------------------- */

#define RV_STATE_SQL(stored, current) \
	"CASE WHEN " current " IS NULL THEN 2 WHEN " stored " IS NULL OR " \
	stored " = " current " THEN 0 ELSE 1 END"

int
bdb_status_get(struct bdb *b, const char *slug, const char *anchor,
    int *status, int *state)
{
	sqlite3_stmt	*st = rv_stmt(b, "SELECT s.status, " RV_STATE_SQL(
	    "s.text_hash", "(SELECT k.hash FROM blocks k JOIN documents d ON "
	    "d.id = k.doc_id WHERE d.slug = s.slug AND k.anchor = s.anchor)")
	    " FROM review.status s WHERE s.slug = ?1 AND s.anchor = ?2", NULL);
	int		 rc;

	*status = RS_UNREAD;
	*state = RV_CURRENT;
	if (st == NULL)
		return BDB_DATA;
	bind_text(st, 1, slug);
	bind_text(st, 2, anchor);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*status = bdb_status_from_name(
		    (const char *)sqlite3_column_text(st, 0));
		*state = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return BDB_NOTFOUND;
	return rc == SQLITE_ROW ? BDB_OK : BDB_DATA;
}

/* Count a status change in this handle's open session, if any. */
static void
count_change(struct bdb *b)
{
	sqlite3_stmt *st = bdb_stmt(b, "UPDATE review.sessions SET "
	    "statuses_changed = statuses_changed + 1 WHERE id IN "
	    "(SELECT id FROM temp.review_session)");

	if (st != NULL)
		rv_write(b, st, 0, NULL);
}

int
bdb_status_set(struct bdb *b, const char *slug, const char *anchor,
    int status, char **err)
{
	sqlite3_stmt	*st = rv_stmt(b, RV_JOURNAL "SELECT brief_author(), "
	    RV_HLC ", 'status', d.slug, k.anchor, k.hash, '', ?3, NULL, "
	    RV_NOW ", " RV_NOW " FROM blocks k JOIN documents d ON "
	    "d.id = k.doc_id WHERE d.slug = ?1 AND k.anchor = ?2", err);
	int		 rc;

	if (st == NULL)
		return BDB_DATA;
	bind_text(st, 1, slug);
	bind_text(st, 2, anchor);
	bind_text(st, 3, bdb_status_name(status));
	rc = rv_write(b, st, 1, err);
	if (rc == BDB_NOTFOUND)
		return not_found(slug, anchor, err);
	if (rc == BDB_OK)
		count_change(b);
	return rc;
}

int
bdb_status_cycle(struct bdb *b, const char *slug, const char *anchor,
    int *status, char **err)
{
	sqlite3_stmt	*st = rv_stmt(b, RV_JOURNAL "SELECT brief_author(), "
	    RV_HLC ", 'status', d.slug, k.anchor, k.hash, '', CASE (SELECT "
	    "s.status FROM review.status s WHERE s.slug = d.slug AND "
	    "s.anchor = k.anchor) WHEN 'read' THEN 'flagged' WHEN 'flagged' "
	    "THEN 'done' WHEN 'done' THEN 'unread' ELSE 'read' END, NULL, "
	    RV_NOW ", " RV_NOW " FROM blocks k JOIN documents d ON "
	    "d.id = k.doc_id WHERE d.slug = ?1 AND k.anchor = ?2 "
	    "RETURNING value", err);
	int		 rc, got = -1;

	if (st == NULL)
		return BDB_DATA;
	bind_text(st, 1, slug);
	bind_text(st, 2, anchor);
	if ((rc = rv_step(st)) == SQLITE_ROW) {
		got = bdb_status_from_name(
		    (const char *)sqlite3_column_text(st, 0));
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return write_error(b, rc, err);
	if (got < 0)
		return not_found(slug, anchor, err);
	*status = got;
	count_change(b);
	return BDB_OK;
}

int
bdb_marks(struct bdb *b, const char *slug, struct bdb_mark **out, size_t *n)
{
	sqlite3_stmt	*st = rv_stmt(b, "SELECT k.anchor, k.seq, "
	    "coalesce(s.status, 'unread'), s.text_hash IS NOT NULL AND "
	    "s.text_hash <> k.hash, (SELECT count(*) FROM review.notes o "
	    "WHERE o.slug = d.slug AND o.anchor = k.anchor) AS nn "
	    "FROM blocks k JOIN documents d ON d.id = k.doc_id "
	    "LEFT JOIN review.status s ON s.slug = d.slug AND s.anchor = k.anchor "
	    "WHERE d.slug = ?1 AND (s.slug IS NOT NULL OR nn > 0) ORDER BY k.seq",
	    NULL);
	int		 rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return BDB_DATA;
	bind_text(st, 1, slug);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bdb_mark *m;

		*out = xappend(*out, *n, sizeof **out);
		m = &(*out)[(*n)++];
		m->anchor = col_text(st, 0);
		m->seq = sqlite3_column_int(st, 1);
		m->status = bdb_status_from_name(
		    (const char *)sqlite3_column_text(st, 2));
		m->state = sqlite3_column_int(st, 3) ? RV_CHANGED : RV_CURRENT;
		m->nnotes = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BDB_OK : BDB_DATA;
}

void
bdb_marks_free(struct bdb_mark *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(m[i].anchor);
	free(m);
}

/* --- notes -------------------------------------------------------------- */

/* A note's name in every store: random, so two machines never clash. */
static char *
note_uid(void)
{
	unsigned char	r[12];
	char		*s = xmalloc(2 * sizeof r + 1);

	sqlite3_randomness(sizeof r, r);
	for (size_t i = 0; i < sizeof r; i++)
		snprintf(s + 2 * i, 3, "%02x", r[i]);
	return s;
}

int
bdb_note_add(struct bdb *b, const char *slug, const char *anchor,
    const char *body, int64_t *id, char **err)
{
	sqlite3_stmt	*st = rv_stmt(b, RV_JOURNAL "SELECT brief_author(), "
	    RV_HLC ", 'note', d.slug, k.anchor, k.hash, ?4, ?3, NULL, "
	    RV_NOW ", " RV_NOW " FROM blocks k JOIN documents d ON "
	    "d.id = k.doc_id WHERE d.slug = ?1 AND k.anchor = ?2", err);
	sqlite3_stmt	*num;
	char		*uid;
	int		 rc;

	if (st == NULL)
		return BDB_DATA;
	uid = note_uid();
	bind_text(st, 1, slug);
	bind_text(st, 2, anchor);
	bind_text(st, 3, body);
	bind_text(st, 4, uid);
	rc = rv_write(b, st, 1, err);
	if (rc == BDB_NOTFOUND)
		rc = not_found(slug, anchor, err);
	else if (rc == BDB_OK && id != NULL && (num = bdb_stmt(b, "SELECT id "
	    "FROM review.team_notes WHERE uid = ?1")) != NULL) {
		bind_text(num, 1, uid);
		*id = sqlite3_step(num) == SQLITE_ROW ?
		    sqlite3_column_int64(num, 0) : 0;
		sqlite3_reset(num);
	}
	free(uid);
	return rc;
}

/* Editing a note re-reads its block: the note now speaks of the text as
 * it is (an orphan keeps its old hash). */
int
bdb_note_edit(struct bdb *b, int64_t id, const char *body, char **err)
{
	sqlite3_stmt	*st = rv_stmt(b, RV_JOURNAL "SELECT n.author, " RV_HLC
	    ", 'note', n.slug, n.anchor, coalesce((SELECT k.hash FROM blocks k "
	    "JOIN documents d ON d.id = k.doc_id WHERE d.slug = n.slug AND "
	    "k.anchor = n.anchor), n.text_hash), n.uid, ?2, n.hlc, "
	    "n.created_at, " RV_NOW " FROM review.team_notes n WHERE n.id = ?1 "
	    "AND n.author = brief_author() AND NOT n.deleted", err);
	int		 rc;

	if (st == NULL)
		return BDB_DATA;
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, body);
	if ((rc = rv_write(b, st, 1, err)) == BDB_NOTFOUND)
		set_err(err, xasprintf("no note %lld", (long long)id));
	return rc;
}

int
bdb_note_delete(struct bdb *b, int64_t id, char **err)
{
	sqlite3_stmt	*st = rv_stmt(b, RV_JOURNAL "SELECT n.author, " RV_HLC
	    ", 'note', n.slug, n.anchor, n.text_hash, n.uid, NULL, n.hlc, "
	    "n.created_at, " RV_NOW " FROM review.team_notes n WHERE n.id = ?1 "
	    "AND n.author = brief_author() AND NOT n.deleted", err);
	int		 rc;

	if (st == NULL)
		return BDB_DATA;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = rv_write(b, st, 1, err)) == BDB_NOTFOUND)
		set_err(err, xasprintf("no note %lld", (long long)id));
	return rc;
}

static void
note_from_row(sqlite3_stmt *st, struct bdb_note *n)
{
	n->id = sqlite3_column_int64(st, 0);
	n->slug = col_text(st, 1);
	n->anchor = col_text(st, 2);
	n->seq = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(st, 3);
	n->state = sqlite3_column_int(st, 4);
	n->body = col_text(st, 5);
	n->created = col_text(st, 6);
	n->edited = col_text(st, 7);
	n->author = col_text(st, 8);
	n->copy = sqlite3_column_int(st, 9);
	if (n->body == NULL)
		n->body = xstrdup("");
}

/* Notes of author (NULL: this author), or of everyone when all is set. */
static int
notes_of(struct bdb *b, const char *author, int all, const char *slug,
    const char *anchor, struct bdb_note **out, size_t *n)
{
	sqlite3_stmt	*st = rv_stmt(b, "SELECT o.id, o.slug, o.anchor, k.seq, "
	    RV_STATE_SQL("o.text_hash", "k.hash") ", o.body, o.created_at, "
	    "o.edited_at, o.author, o.copy_of IS NOT NULL "
	    "FROM review.team_notes o "
	    "LEFT JOIN documents d ON d.slug = o.slug "
	    "LEFT JOIN blocks k ON k.doc_id = d.id AND k.anchor = o.anchor "
	    "WHERE (?1 IS NULL OR o.slug = ?1) AND (?2 IS NULL OR o.anchor = ?2) "
	    "AND NOT o.deleted AND (?4 OR o.author = coalesce(?3, "
	    "brief_author())) "
	    "ORDER BY o.slug, k.seq IS NULL, k.seq, o.anchor, o.author <> "
	    "brief_author(), o.author, o.created_at, o.id", NULL);
	int		 rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return BDB_DATA;
	bind_text(st, 1, slug);
	bind_text(st, 2, anchor);
	bind_text(st, 3, author);
	sqlite3_bind_int(st, 4, all);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xappend(*out, *n, sizeof **out);
		note_from_row(st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BDB_OK : BDB_DATA;
}

int
bdb_notes(struct bdb *b, const char *slug, const char *anchor,
    struct bdb_note **out, size_t *n)
{
	return notes_of(b, NULL, 0, slug, anchor, out, n);
}

int
bdb_team_notes(struct bdb *b, const char *author, const char *slug,
    const char *anchor, struct bdb_note **out, size_t *n)
{
	return notes_of(b, author, author == NULL, slug, anchor, out, n);
}

static void
note_clear(struct bdb_note *n)
{
	free(n->author);
	free(n->slug);
	free(n->anchor);
	free(n->body);
	free(n->created);
	free(n->edited);
}

void
bdb_notes_free(struct bdb_note *notes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		note_clear(&notes[i]);
	free(notes);
}

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
	bind_text(st, 1, name);
	bind_text(st, 2, slug);
	bind_text(st, 3, anchor);
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
			*slug = col_text(st, 0);
		*anchor = col_text(st, 1);
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
	bind_text(st, 1, name);
	return get_place(st, slug, anchor, offset);
}

int
bdb_position_set(struct bdb *b, const char *slug, const char *anchor,
    int offset, char **err)
{
	sqlite3_stmt *st = rv_stmt(b, "INSERT OR REPLACE INTO review.positions "
	    "(slug, anchor, offset) VALUES (?1, ?2, ?3)", err);

	if (st == NULL)
		return BDB_DATA;
	bind_text(st, 1, slug);
	bind_text(st, 2, anchor);
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
	bind_text(st, 1, slug);
	return get_place(st, NULL, anchor, offset);
}

/* --- drafts ------------------------------------------------------------- */

int
bdb_draft_save(struct bdb *b, const char *slug, const char *anchor,
    const char *body, char **err)
{
	sqlite3_stmt *st = rv_stmt(b, "INSERT OR REPLACE INTO review.drafts "
	    "(slug, anchor, body) VALUES (?1, ?2, ?3)", err);

	if (st == NULL)
		return BDB_DATA;
	bind_text(st, 1, slug);
	bind_text(st, 2, anchor);
	bind_text(st, 3, body);
	return rv_write(b, st, 0, err);
}

int
bdb_draft_get(struct bdb *b, const char *slug, const char *anchor,
    char **body)
{
	sqlite3_stmt	*st = rv_stmt(b, "SELECT body FROM review.drafts "
	    "WHERE slug = ?1 AND anchor = ?2", NULL);
	int		 rc;

	*body = NULL;
	if (st == NULL)
		return BDB_DATA;
	bind_text(st, 1, slug);
	bind_text(st, 2, anchor);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*body = col_text(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return BDB_OK;
	return rc == SQLITE_DONE ? BDB_NOTFOUND : BDB_DATA;
}

int
bdb_draft_clear(struct bdb *b, const char *slug, const char *anchor,
    char **err)
{
	sqlite3_stmt *st = rv_stmt(b, "DELETE FROM review.drafts "
	    "WHERE slug = ?1 AND anchor = ?2", err);

	if (st == NULL)
		return BDB_DATA;
	bind_text(st, 1, slug);
	bind_text(st, 2, anchor);
	return rv_write(b, st, 0, err);
}

int
bdb_drafts(struct bdb *b, struct bdb_draft **out, size_t *n)
{
	sqlite3_stmt	*st = rv_stmt(b, "SELECT slug, anchor, body, saved_at "
	    "FROM review.drafts ORDER BY saved_at, slug, anchor", NULL);
	int		 rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return BDB_DATA;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bdb_draft *d;

		*out = xappend(*out, *n, sizeof **out);
		d = &(*out)[(*n)++];
		d->slug = col_text(st, 0);
		d->anchor = col_text(st, 1);
		d->body = col_text(st, 2);
		d->saved = col_text(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BDB_OK : BDB_DATA;
}

void
bdb_drafts_free(struct bdb_draft *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].slug);
		free(d[i].anchor);
		free(d[i].body);
		free(d[i].saved);
	}
	free(d);
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

	if (st == NULL)
		return BDB_DATA;
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, slug);
	bind_text(st, 3, anchor);
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

/* --- progress ----------------------------------------------------------- */

#define RV_COUNTS "count(k.id), " \
	"count(CASE WHEN k.id IS NOT NULL AND coalesce(s.status, 'unread') = " \
	"'unread' THEN 1 END), count(CASE WHEN s.status = 'read' THEN 1 END), " \
	"count(CASE WHEN s.status = 'flagged' THEN 1 END), " \
	"count(CASE WHEN s.status = 'done' THEN 1 END), " \
	"count(CASE WHEN s.text_hash <> k.hash THEN 1 END), "

static int
progress_rows(sqlite3_stmt *st, struct bdb_progress **out, size_t *n)
{
	int	rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bdb_progress *p;

		*out = xappend(*out, *n, sizeof **out);
		p = &(*out)[(*n)++];
		p->author = NULL;
		p->key = col_text(st, 0);
		p->title = col_text(st, 1);
		p->total = sqlite3_column_int(st, 2);
		for (int i = 0; i < RS__COUNT; i++)
			p->count[i] = sqlite3_column_int(st, 3 + i);
		p->changed = sqlite3_column_int(st, 3 + RS__COUNT);
		p->notes = sqlite3_column_int(st, 4 + RS__COUNT);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BDB_OK : BDB_DATA;
}

int
bdb_progress_docs(struct bdb *b, struct bdb_progress **out, size_t *n)
{
	sqlite3_stmt *st = rv_stmt(b, "SELECT d.slug, d.title, " RV_COUNTS
	    "(SELECT count(*) FROM review.notes o WHERE o.slug = d.slug) "
	    "FROM documents d "
	    "LEFT JOIN blocks k ON k.doc_id = d.id AND k.kind = 'bullet' "
	    "LEFT JOIN review.status s ON s.slug = d.slug AND s.anchor = k.anchor "
	    "GROUP BY d.id ORDER BY " RV_DOC_ORDER, NULL);

	*out = NULL;
	*n = 0;
	return st == NULL ? BDB_DATA : progress_rows(st, out, n);
}

int
bdb_progress_themes(struct bdb *b, struct bdb_progress **out, size_t *n)
{
	sqlite3_stmt *st = rv_stmt(b, RV_TAGGED "SELECT g.theme, "
	    "coalesce(t.name, g.theme), " RV_COUNTS "sum((SELECT count(*) "
	    "FROM review.notes o WHERE o.slug = d.slug AND o.anchor = k.anchor)) "
	    "FROM tagged g "
	    "JOIN blocks k ON k.id = g.block_id AND k.kind = 'bullet' "
	    "JOIN documents d ON d.id = k.doc_id "
	    "LEFT JOIN themes t ON t.slug = g.theme "
	    "LEFT JOIN review.status s ON s.slug = d.slug AND s.anchor = k.anchor "
	    "GROUP BY g.theme ORDER BY coalesce(t.seq, 1e9), g.theme", NULL);

	*out = NULL;
	*n = 0;
	return st == NULL ? BDB_DATA : progress_rows(st, out, n);
}

void
bdb_progress_free(struct bdb_progress *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].author);
		free(p[i].key);
		free(p[i].title);
	}
	free(p);
}

/* --- changed and orphaned entries --------------------------------------- */

int
bdb_stale(struct bdb *b, const char *slug, struct bdb_stale **out, size_t *n)
{
	sqlite3_stmt	*st = rv_stmt(b, "SELECT e.slug, e.anchor, "
	    "max(" RV_STATE_SQL("e.text_hash", "k.hash") "), "
	    "(SELECT status FROM review.status s WHERE s.slug = e.slug AND "
	    "s.anchor = e.anchor), (SELECT count(*) FROM review.notes o "
	    "WHERE o.slug = e.slug AND o.anchor = e.anchor) "
	    "FROM (SELECT slug, anchor, text_hash FROM review.status UNION ALL "
	    "SELECT slug, anchor, text_hash FROM review.notes) e "
	    "LEFT JOIN documents d ON d.slug = e.slug "
	    "LEFT JOIN blocks k ON k.doc_id = d.id AND k.anchor = e.anchor "
	    "WHERE (?1 IS NULL OR e.slug = ?1) AND "
	    "(k.id IS NULL OR k.hash <> e.text_hash) "
	    "GROUP BY e.slug, e.anchor ORDER BY e.slug, e.anchor", NULL);
	int		 rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return BDB_DATA;
	bind_text(st, 1, slug);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bdb_stale *e;

		*out = xappend(*out, *n, sizeof **out);
		e = &(*out)[(*n)++];
		e->slug = col_text(st, 0);
		e->anchor = col_text(st, 1);
		e->state = sqlite3_column_int(st, 2);
		e->status = bdb_status_from_name(
		    (const char *)sqlite3_column_text(st, 3));
		if (e->status < 0)
			e->status = RS_UNREAD;
		e->nnotes = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BDB_OK : BDB_DATA;
}

void
bdb_stale_free(struct bdb_stale *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].slug);
		free(e[i].anchor);
	}
	free(e);
}

/* --- export ------------------------------------------------------------- */

/* The blocks an export lists, with their status (columns: slug, anchor,
 * seq, depth, rec, text, cites, status, state); ?1 slug or NULL, ?2
 * theme or NULL.  Orphans follow when there is no theme. */
#define RV_ITEMS RV_TAGGED ", items AS (" \
	"SELECT d.slug AS slug, k.anchor AS anchor, k.seq AS seq, " \
	"k.depth AS depth, k.kind = 'bullet' AS rec, k.text AS text, " \
	"(SELECT group_concat(anchor, ',') FROM (SELECT f.anchor FROM " \
	"citations c JOIN blocks f ON f.id = c.footnote_id WHERE " \
	"c.block_id = k.id ORDER BY f.seq)) AS cites, " \
	"(SELECT json_group_array(anchor) FROM (SELECT f.anchor FROM " \
	"citations c JOIN blocks f ON f.id = c.footnote_id WHERE " \
	"c.block_id = k.id ORDER BY f.seq)) AS cites_json, " \
	"coalesce(s.status, 'unread') AS status, " \
	"s.text_hash IS NOT NULL AND s.text_hash <> k.hash OR EXISTS " \
	"(SELECT 1 FROM review.notes o WHERE o.slug = d.slug AND o.anchor = " \
	"k.anchor AND o.text_hash <> k.hash) AS state, " \
	"d.id AS doc_id, 0 AS orphan, coalesce(d.parent, d.slug) AS dkey, " \
	"d.parent IS NOT NULL AS dsub " \
	"FROM documents d JOIN blocks k ON k.doc_id = d.id " \
	"LEFT JOIN review.status s ON s.slug = d.slug AND s.anchor = k.anchor " \
	"WHERE (?1 IS NULL OR d.slug = ?1) AND (k.kind = 'bullet' OR " \
	"s.slug IS NOT NULL OR EXISTS (SELECT 1 FROM review.notes o WHERE " \
	"o.slug = d.slug AND o.anchor = k.anchor)) AND (?2 IS NULL OR k.id IN " \
	"(SELECT block_id FROM tagged WHERE theme = ?2)) " \
	"UNION ALL SELECT e.slug, e.anchor, -1, 0, 0, NULL, NULL, '[]', " \
	"coalesce((SELECT status FROM review.status s WHERE s.slug = e.slug " \
	"AND s.anchor = e.anchor), 'unread'), 2, NULL, 1, e.slug, 0 FROM " \
	"(SELECT slug, anchor FROM review.status UNION " \
	"SELECT slug, anchor FROM review.notes) e WHERE ?2 IS NULL AND " \
	"(?1 IS NULL OR e.slug = ?1) AND NOT EXISTS (SELECT 1 FROM blocks k " \
	"JOIN documents d ON d.id = k.doc_id WHERE d.slug = e.slug AND " \
	"k.anchor = e.anchor)) "
#define RV_ITEMS_ORDER "ORDER BY i.orphan, i.dkey, i.dsub, i.slug, " \
	"i.seq, i.anchor"

static void
item_from_row(sqlite3_stmt *st, struct bdb_item *it)
{
	memset(it, 0, sizeof *it);
	it->slug = col_text(st, 0);
	it->anchor = col_text(st, 1);
	it->seq = sqlite3_column_int(st, 2);
	it->depth = sqlite3_column_int(st, 3);
	it->rec = sqlite3_column_int(st, 4);
	it->text = col_text(st, 5);
	it->cites = col_text(st, 6);
	it->status = bdb_status_from_name(
	    (const char *)sqlite3_column_text(st, 7));
	it->state = sqlite3_column_int(st, 8);
	if (it->status < 0)
		it->status = RS_UNREAD;
}

int
bdb_review_items(struct bdb *b, const char *slug, const char *theme,
    struct bdb_item **out, size_t *n)
{
	sqlite3_stmt	*st = rv_stmt(b, RV_ITEMS "SELECT i.slug, i.anchor, "
	    "i.seq, i.depth, i.rec, i.text, i.cites, i.status, i.state "
	    "FROM items i " RV_ITEMS_ORDER, NULL);
	int		 rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return BDB_DATA;
	bind_text(st, 1, slug);
	bind_text(st, 2, theme);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xappend(*out, *n, sizeof **out);
		item_from_row(st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	for (size_t i = 0; rc == SQLITE_DONE && i < *n; i++)
		if (bdb_notes(b, (*out)[i].slug, (*out)[i].anchor,
		    &(*out)[i].notes, &(*out)[i].nnotes) != BDB_OK)
			rc = SQLITE_ERROR;
	return rc == SQLITE_DONE ? BDB_OK : BDB_DATA;
}

void
bdb_items_free(struct bdb_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(items[i].slug);
		free(items[i].anchor);
		free(items[i].text);
		free(items[i].cites);
		bdb_notes_free(items[i].notes, items[i].nnotes);
	}
	free(items);
}

int
bdb_review_json(struct bdb *b, const char *slug, const char *theme,
    char **json)
{
	return bdb_review_json_status(b, slug, theme, NULL, json);
}

/* ?3: a status name, "changed" (the block changed since reviewed), or
 * NULL for every item; the same filter as export --status on md and csv. */
int
bdb_review_json_status(struct bdb *b, const char *slug, const char *theme,
    const char *status, char **json)
{
	sqlite3_stmt	*st = rv_stmt(b, RV_ITEMS ", objs AS (SELECT i.*, "
	    "json_object('anchor', i.anchor, 'recommendation', "
	    "json(CASE WHEN i.rec THEN 'true' ELSE 'false' END), 'depth', "
	    "i.depth, 'status', i.status, 'state', CASE i.state WHEN 0 THEN "
	    "'current' WHEN 1 THEN 'changed' ELSE 'orphaned' END, 'cites', "
	    "json(i.cites_json), "
	    "'text', i.text, 'notes', json((SELECT json_group_array(json_object("
	    "'id', o.id, 'body', brief_clean(o.body), 'created', o.created_at, 'edited', "
	    "o.edited_at)) FROM (SELECT * FROM review.notes o WHERE o.slug = "
	    "i.slug AND o.anchor = i.anchor ORDER BY o.id) o))) AS obj "
	    "FROM items i WHERE ?3 IS NULL OR CASE ?3 WHEN 'changed' THEN "
	    "i.state = 1 ELSE i.status = ?3 END " RV_ITEMS_ORDER ") "
	    "SELECT json_object('documents', json((SELECT json_group_array("
	    "json_object('slug', d.slug, 'title', d.title, 'kind', d.kind, "
	    "'reference', d.reference, 'date', d.date, 'items', json((SELECT "
	    "json_group_array(json(x.obj)) FROM objs x WHERE x.doc_id = d.id))))"
	    " FROM (SELECT d.* FROM documents d WHERE ?1 IS NULL OR d.slug = ?1 "
	    "ORDER BY " RV_DOC_ORDER ") d)), 'orphaned', json((SELECT "
	    "json_group_array(json_insert(json(x.obj), '$.document', x.slug)) "
	    "FROM objs x WHERE x.orphan)), 'theme', ?2)", NULL);
	int		 rc;

	*json = NULL;
	if (st == NULL)
		return BDB_DATA;
	bind_text(st, 1, slug);
	bind_text(st, 2, theme);
	bind_text(st, 3, status);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*json = col_text(st, 0);
	sqlite3_reset(st);
	return *json != NULL ? BDB_OK : BDB_DATA;
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
	bind_text(st, 1, query);
	if ((rc = rv_write(b, st, 0, err)) != BDB_OK)
		return rc;
	/* Fold duplicates and keep the list short; losing this is harmless. */
	if ((old = bdb_stmt(b, "DELETE FROM review.search_history WHERE "
	    "id < ?2 AND (query = ?1 OR id <= ?2 - 500)")) != NULL) {
		bind_text(old, 1, query);
		sqlite3_bind_int64(old, 2,
		    sqlite3_last_insert_rowid(bdb_sqlite(b)));
		rv_write(b, old, 0, NULL);
	}
	return BDB_OK;
}

int
bdb_history(struct bdb *b, int limit, char ***out, size_t *n)
{
	sqlite3_stmt	*st = rv_stmt(b, "SELECT query FROM review.search_history "
	    "ORDER BY id DESC LIMIT ?1", NULL);
	int		 rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return BDB_DATA;
	sqlite3_bind_int(st, 1, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xappend(*out, *n, sizeof **out);
		(*out)[(*n)++] = col_text(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BDB_OK : BDB_DATA;
}

void
bdb_history_free(char **q, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(q[i]);
	free(q);
}

/* --- personal tags ------------------------------------------------------ */

static int
tag_set(struct bdb *b, const char *slug, const char *anchor,
    const char *theme, int removed, char **err)
{
	sqlite3_stmt	*st = rv_stmt(b, RV_JOURNAL "SELECT brief_author(), "
	    RV_HLC ", 'tag', d.slug, k.anchor, '', ?3, ?4, NULL, " RV_NOW ", "
	    RV_NOW " FROM blocks k JOIN documents d ON d.id = k.doc_id "
	    "WHERE d.slug = ?1 AND k.anchor = ?2", err);
	int		 rc;

	if (st == NULL)
		return BDB_DATA;
	bind_text(st, 1, slug);
	bind_text(st, 2, anchor);
	bind_text(st, 3, theme);
	sqlite3_bind_int(st, 4, removed);
	if ((rc = rv_write(b, st, 1, err)) == BDB_NOTFOUND)
		return not_found(slug, anchor, err);
	return rc;
}

int
bdb_tag_add(struct bdb *b, const char *slug, const char *anchor,
    const char *theme, char **err)
{
	return tag_set(b, slug, anchor, theme, 0, err);
}

/* Whether the block has the theme now (its rules' tags less the ones
 * taken off, and personal tags): 1, 0, or -1 for no such block. */
static int
tag_held(struct bdb *b, const char *slug, const char *anchor,
    const char *theme, char **err)
{
	sqlite3_stmt	*st = rv_stmt(b, "SELECT (EXISTS (SELECT 1 FROM "
	    "block_themes t WHERE t.block_id = k.id AND t.theme = ?3) AND NOT "
	    "EXISTS (SELECT 1 FROM review.tags g WHERE g.slug = ?1 AND "
	    "g.anchor = ?2 AND g.theme = ?3 AND g.removed = 1)) OR EXISTS "
	    "(SELECT 1 FROM review.tags g WHERE g.slug = ?1 AND g.anchor = ?2 "
	    "AND g.theme = ?3 AND g.removed = 0) FROM blocks k JOIN documents "
	    "d ON d.id = k.doc_id WHERE d.slug = ?1 AND k.anchor = ?2", err);
	int		 held = -1;

	if (st == NULL)
		return -1;
	bind_text(st, 1, slug);
	bind_text(st, 2, anchor);
	bind_text(st, 3, theme);
	if (sqlite3_step(st) == SQLITE_ROW)
		held = sqlite3_column_int(st, 0) != 0;
	sqlite3_reset(st);
	return held;
}

/* Taking off a theme the block does not have is BDB_NOTFOUND, said so:
 * a success would hide a typo. */
int
bdb_tag_remove(struct bdb *b, const char *slug, const char *anchor,
    const char *theme, char **err)
{
	if (tag_held(b, slug, anchor, theme, NULL) == 0) {
		set_err(err, xasprintf("%s#%s does not have the theme %s",
		    slug, anchor, theme));
		return BDB_NOTFOUND;
	}
	return tag_set(b, slug, anchor, theme, 1, err);
}

int
bdb_tags(struct bdb *b, const char *slug, const char *anchor,
    struct bdb_tag **out, size_t *n)
{
	sqlite3_stmt	*st = rv_stmt(b, "SELECT slug, anchor, theme, removed "
	    "FROM review.tags WHERE (?1 IS NULL OR slug = ?1) AND "
	    "(?2 IS NULL OR anchor = ?2) ORDER BY slug, anchor, theme", NULL);
	int		 rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return BDB_DATA;
	bind_text(st, 1, slug);
	bind_text(st, 2, anchor);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bdb_tag *t;

		*out = xappend(*out, *n, sizeof **out);
		t = &(*out)[(*n)++];
		t->slug = col_text(st, 0);
		t->anchor = col_text(st, 1);
		t->theme = col_text(st, 2);
		t->removed = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BDB_OK : BDB_DATA;
}

void
bdb_tags_free(struct bdb_tag *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].slug);
		free(t[i].anchor);
		free(t[i].theme);
	}
	free(t);
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
	sqlite3_stmt	*st;
	struct buf	 r = { 0 };
	int		 rc, bad = 0;

	if (sqlite3_prepare_v2(bdb_sqlite(b), "PRAGMA review.integrity_check",
	    -1, &st, NULL) != SQLITE_OK) {
		*report = xasprintf("review store: %s\n",
		    sqlite3_errmsg(bdb_sqlite(b)));
		return BDB_DATA;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		if (t != NULL && strcmp(t, "ok") == 0)
			continue;
		buf_printf(&r, "review store: integrity: %s\n",
		    t ? t : "problem found");
		bad = 1;
	}
	if (rc != SQLITE_DONE) {
		buf_printf(&r, "review store: %s\n",
		    sqlite3_errmsg(bdb_sqlite(b)));
		bad = 1;
	}
	sqlite3_finalize(st);
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
