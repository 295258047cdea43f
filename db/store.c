/* store.c: the index file: opening, migrations, the cache of prepared
 * statements, writing documents, and integrity checks.
 *
 * Opening creates only what the user asked for (the default path, or
 * BDB_CREATE), builds a new index whole under a name of its own before
 * linking it into place, runs pending migrations in one write
 * transaction, and falls back to read-only (then immutable) where the
 * file or its folder cannot be written, so reading always works.
 *
 * struct bdb owns the sqlite3 handle and a small array of prepared
 * statements keyed by their SQL text (the text pointers are string
 * literals, so the cache compares pointers first, then text). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "embedded.h"
#include "file.h"
#include "sanitize.h"
#include "store.h"
#include "xmalloc.h"

struct stmt_cache {
	const char	*sql;
	sqlite3_stmt	*stmt;
};

struct bdb {
	sqlite3			*db;
	char			*path;
	int			 readonly;
	struct stmt_cache	*stmts;
	size_t			 nstmts;
	void			*themes;	/* themes.c's cache */
	void			(*themes_free)(void *);
};

void **
bdb_themes_cache(struct bdb *b, void (*free_fn)(void *))
{
	b->themes_free = free_fn;
	return &b->themes;
}

void
hash_hex(const void *p, size_t len, char out[17])
{
	const unsigned char	*s = p;
	uint64_t		 h = 0xcbf29ce484222325ULL;

	/* A megabyte at a time: a mapped file's pages leave behind the
	 * hash (file_passed), so hashing a file does not hold it. */
	for (size_t a = 0, n; a < len; a += n) {
		n = len - a < (1u << 20) ? len - a : (1u << 20);
		for (size_t i = a; i < a + n; i++) {
			h ^= s[i];
			h *= 0x100000001b3ULL;
		}
		file_passed(s + a, n);
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

sqlite3 *
bdb_sqlite(struct bdb *b)
{
	return b->db;
}

const char *
bdb_path(const struct bdb *b)
{
	return b->path;
}

int
bdb_readonly(const struct bdb *b)
{
	return b->readonly;
}

sqlite3_stmt *
bdb_stmt(struct bdb *b, const char *sql)
{
	sqlite3_stmt	*st;

	for (size_t i = 0; i < b->nstmts; i++)
		if (b->stmts[i].sql == sql || strcmp(b->stmts[i].sql, sql) == 0) {
			st = b->stmts[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	if (sqlite3_prepare_v3(b->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK) {
		/* A bug in our SQL, or a broken file: callers see NULL. */
		return NULL;
	}
	b->stmts = xreallocarray(b->stmts, b->nstmts + 1, sizeof *b->stmts);
	b->stmts[b->nstmts].sql = sql;
	b->stmts[b->nstmts++].stmt = st;
	return st;
}

static int
exec(sqlite3 *db, const char *sql, const char *file, char **err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	*err = xasprintf("%s: %s", file, sqlite3_errmsg(db));
	return -1;
}

static int
pragma_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return sqlite3_errcode(db);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

int
db_latest_version(const char *sql)
{
	const char	*p = sql;
	int		 n = 0;

	while ((p = strstr(p, "-- @migration ")) != NULL) {
		p += strlen("-- @migration ");
		n = atoi(p);
	}
	return n;
}

/* The text of migration n, up to the next marker; a new string. */
static char *
migration_text(const char *sql, int n)
{
	char		 mark[40];
	const char	*start, *end;

	snprintf(mark, sizeof mark, "-- @migration %d\n", n);
	if ((start = strstr(sql, mark)) == NULL)
		return NULL;
	start += strlen(mark);
	end = strstr(start, "-- @migration ");
	return end ? xstrndup(start, end - start) : xstrdup(start);
}

/* Run migration n inside the caller's transaction. */
static int
migrate_one(sqlite3 *db, const char *schema, const char *sql, int n,
    const char *file, char **err)
{
	char	*text = migration_text(sql, n), *ver;
	int	 rc = -1;

	if (text == NULL) {
		*err = xasprintf("%s: migration %d missing", file, n);
		return -1;
	}
	ver = xasprintf("PRAGMA %s.user_version = %d; PRAGMA %s.application_id"
	    " = %d;", schema, n, schema, BDB_APPLICATION_ID);
	if (exec(db, text, file, err) == 0 && exec(db, ver, file, err) == 0)
		rc = 0;
	free(ver);
	free(text);
	return rc;
}

static void
pause_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* BEGIN IMMEDIATE, retried past the busy timeout: many first uses at
 * once (16 readers on a missing index) queue here. */
static int
begin_immediate(sqlite3 *db, const char *file, char **err)
{
	int	rc = SQLITE_BUSY;

	for (int i = 0; i < 20; i++) {
		rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		pause_ms(20 + i * 10);
	}
	if (rc == SQLITE_OK)
		return 0;
	*err = xasprintf("%s: %s", file, sqlite3_errmsg(db));
	return -1;
}

/* Refuse a file that is SQLite but not ours, or newer than us. */
/* Why a file could not be read, worded by cause: "not a brief file" only
 * when it is not a database, since on an I/O error (a full disk: WAL
 * needs its -shm file) or a lock the file itself may be fine. */
static char *
unreadable_msg(sqlite3 *db, const char *file)
{
	switch (sqlite3_errcode(db)) {
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return xasprintf("%s: not a brief file (%s)", file,
		    sqlite3_errmsg(db));
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return xasprintf("%s: locked by another process (%s)", file,
		    sqlite3_errmsg(db));
	case SQLITE_FULL:
		return xasprintf("%s: cannot read the index (%s: the disk is "
		    "full)", file, sqlite3_errmsg(db));
	case SQLITE_IOERR:
		return xasprintf("%s: cannot read the index (%s: an I/O error, "
		    "or a full disk)", file, sqlite3_errmsg(db));
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return xasprintf("%s: cannot read the index (%s: check the "
		    "permissions of the file and its folder)", file,
		    sqlite3_errmsg(db));
	default:
		return xasprintf("%s: cannot read the index (%s)", file,
		    sqlite3_errmsg(db));
	}
}

static int
check_version(sqlite3 *db, const char *schema, int have, int latest,
    const char *file, char **err)
{
	char	 sql[80];
	int	 appid = 0, ntables = 0;

	snprintf(sql, sizeof sql, "PRAGMA %s.application_id", schema);
	if (pragma_int(db, sql, &appid) != SQLITE_OK)
		goto unreadable;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s.sqlite_schema",
	    schema);
	if (pragma_int(db, sql, &ntables) != SQLITE_OK)
		goto unreadable;
	if ((have > 0 || ntables > 0) && appid != BDB_APPLICATION_ID) {
		*err = xasprintf("%s: not a brief file (another SQLite "
		    "database)", file);
		return -1;
	}
	if (have > latest) {
		*err = xasprintf("%s: schema version %d is newer than this "
		    "brief understands (%d); upgrade brief", file, have, latest);
		return -1;
	}
	return 0;
unreadable:
	*err = unreadable_msg(db, file);
	return -1;
}

/* The schema's version and whether the file may be ours (0), or -1
 * with *err set. */
static int
read_version(sqlite3 *db, const char *schema, int latest, const char *file,
    int *have, char **err)
{
	char	q[64];

	snprintf(q, sizeof q, "PRAGMA %s.user_version", schema);
	if (pragma_int(db, q, have) != SQLITE_OK) {
		*err = unreadable_msg(db, file);
		return -1;
	}
	return check_version(db, schema, *have, latest, file, err);
}

/* Whether schema is ours and at sql's latest migration: two header
 * reads, no schema parse, nothing written and no message (callers that
 * get 0 take the full path of db_migrate, which says what is wrong). */
int
db_schema_current(sqlite3 *db, const char *schema, const char *sql)
{
	char	q[64];
	int	have = -1, appid = 0;

	snprintf(q, sizeof q, "PRAGMA %s.user_version", schema);
	if (pragma_int(db, q, &have) != SQLITE_OK)
		return 0;
	snprintf(q, sizeof q, "PRAGMA %s.application_id", schema);
	if (pragma_int(db, q, &appid) != SQLITE_OK)
		return 0;
	return appid == BDB_APPLICATION_ID && have == db_latest_version(sql);
}

/* Every pending migration runs in one write transaction that first
 * reads the version again: processes that find the same old version at
 * once (several first uses of a new file) queue on the lock, and the
 * later ones find nothing left to do. */
int
db_migrate(sqlite3 *db, const char *schema, const char *sql,
    const char *file, char **err)
{
	int	 have = 0, latest = db_latest_version(sql);

	if (read_version(db, schema, latest, file, &have, err) != 0)
		return -1;
	if (have == latest)
		return 0;
	if (sqlite3_db_readonly(db, schema) == 1) {
		*err = xasprintf("%s: read-only, and its schema (version %d) "
		    "needs upgrading to %d", file, have, latest);
		return -1;
	}
	if (begin_immediate(db, file, err) != 0)
		return -1;
	if (read_version(db, schema, latest, file, &have, err) != 0)
		goto fail;
	for (int n = have + 1; n <= latest; n++)
		if (migrate_one(db, schema, sql, n, file, err) != 0)
			goto fail;
	if (exec(db, "COMMIT", file, err) == 0)
		return 0;
fail:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

char *
db_mkdirs(const char *path)
{
	char	*dir = xstrdup(path), *top = NULL;

	for (char *p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == 0 && top == NULL)
			top = xstrdup(dir);
		*p = '/';
	}
	free(dir);
	return top;
}

void
db_rmdirs(const char *path, char *top)
{
	char	*dir, *slash;

	if (top == NULL)
		return;
	dir = xstrdup(path);
	while ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (strlen(dir) < strlen(top) || rmdir(dir) != 0)
			break;
		if (strcmp(dir, top) == 0)
			break;
	}
	free(dir);
	free(top);
}

int
db_regular_or_missing(const char *path, const char *what, char **err)
{
	struct stat	sb;

	if (stat(path, &sb) != 0)
		return errno == ENOENT ? 0 : (*err = xasprintf("%s: %s",
		    path, strerror(errno)), -1);
	if (S_ISREG(sb.st_mode))
		return 0;
	*err = xasprintf("%s: %s, not a regular file: refusing it as %s",
	    path, S_ISDIR(sb.st_mode) ? "is a directory" :
	    S_ISFIFO(sb.st_mode) ? "is a named pipe" : S_ISCHR(sb.st_mode) ||
	    S_ISBLK(sb.st_mode) ? "is a device" : S_ISSOCK(sb.st_mode) ?
	    "is a socket" : "is special", what);
	return -1;
}

char *
bdb_default_path(void)
{
	return file_user_path("BRIEF_DB", "XDG_DATA_HOME", ".local/share",
	    "index.db");
}

static int
count_documents(struct bdb *b)
{
	int	n = 0;

	/* Whether there is one, not how many: a count reads the table. */
	pragma_int(b->db, "SELECT EXISTS (SELECT 1 FROM documents)", &n);
	return n;
}

/* A new, empty index gets the bundled letter, so a fresh build opens
 * on it. */
static int
seed(struct bdb *b, char **err)
{
	size_t		 len;
	const char	*text = embedded_get("data/briefings/letter.txt", &len);
	struct diag	 d = { 0 };

	if (text == NULL || count_documents(b) > 0)
		return 0;
	if (bdb_import_buffer(b, "letter.txt", text, len, 0, &d) != BDB_OK) {
		*err = xasprintf("%s: could not import the bundled letter",
		    b->path);
		return -1;
	}
	return 0;
}

/* SQL function brief_clean(TEXT): the text without terminal controls
 * (newlines kept), for output built in SQL such as JSON exports of notes,
 * which are stored as typed. */
static void
sql_clean(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*t = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (t == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, sanitize_text(t, (size_t)
	    sqlite3_value_bytes(argv[0]), SAN_KEEP_NEWLINE), -1, free);
}

static int
configure(struct bdb *b, unsigned flags, char **err)
{
	const char	*schema = embedded_get("db/schema.sql", NULL);

	sqlite3_busy_timeout(b->db, 5000);
	sqlite3_exec(b->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	sqlite3_create_function(b->db, "brief_clean", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_clean, NULL, NULL);
	search_register_rank(b->db);
	b->readonly = sqlite3_db_readonly(b->db, "main") == 1;
	if (db_migrate(b->db, "main", schema, b->path, err) != 0)
		return -1;
	/* WAL with synchronous NORMAL: a commit is atomic and the file
	 * never corrupt; a power cut may lose the last import, which is
	 * derived data.  (The review store keeps FULL.) */
	if (!b->readonly)
		sqlite3_exec(b->db, "PRAGMA journal_mode = WAL; "
		    "PRAGMA main.synchronous = NORMAL", NULL, NULL, NULL);
	if (!b->readonly && !(flags & BDB_NOSEED))
		return seed(b, err);
	return 0;
}

char *
db_uri(const char *path, const char *params)
{
	struct buf	u = { 0 };

	buf_printf(&u, "file:");
	for (const char *p = path; *p != '\0'; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&u, "%%%02X", (unsigned char)*p);
		else
			buf_printf(&u, "%c", *p);
	buf_printf(&u, "?%s", params);
	return buf_steal(&u);
}

int
db_cannot_write(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_PERM:
		return 1;
	default:
		return 0;
	}
}

/* SQLite's allocations fail the way ours do ("out of memory", status
 * 3): otherwise a failed allocation inside a query reads as a damaged
 * index.  Set once, before SQLite initialises (else left as it is). */
static sqlite3_mem_methods sqlite_mem;

static void *
sq_malloc(int n)
{
	void	*p = sqlite_mem.xMalloc(n);

	if (p == NULL && n > 0)
		xmalloc_oom((size_t)n);
	return p;
}

static void *
sq_realloc(void *old, int n)
{
	void	*p = sqlite_mem.xRealloc(old, n);

	if (p == NULL && n > 0)
		xmalloc_oom((size_t)n);
	return p;
}

static void
sqlite_oom_exits(void)
{
	static int		done;
	sqlite3_mem_methods	mine;

	if (done++ || sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sqlite_mem) !=
	    SQLITE_OK || sqlite_mem.xMalloc == NULL)
		return;
	mine = sqlite_mem;
	mine.xMalloc = sq_malloc;
	mine.xRealloc = sq_realloc;
	sqlite3_config(SQLITE_CONFIG_MALLOC, &mine);
	/* No memory statistics: nothing reads them, and keeping them takes
	 * a global mutex at every allocation (thousands in a start). */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* Pages as they are read, not 20 allocated and touched up front
	 * for each database a connection opens (30 page faults at every
	 * start of the reader, for a dozen pages read). */
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
}

const char *
bdb_sqlite_version(void)
{
	return sqlite3_libversion();
}

/* Close the connection and what was made on it (statements, themes). */
static void
close_db(struct bdb *b)
{
	for (size_t i = 0; i < b->nstmts; i++)
		sqlite3_finalize(b->stmts[i].stmt);
	free(b->stmts);
	b->stmts = NULL;
	b->nstmts = 0;
	if (b->themes != NULL && b->themes_free != NULL)
		b->themes_free(b->themes);
	b->themes = NULL;
	sqlite3_close(b->db);
	b->db = NULL;
}

static int
open_configure(struct bdb *b, const char *name, int oflags, unsigned flags,
    char **err)
{
	int	rc;

	free(*err);
	*err = NULL;
	close_db(b);
	rc = sqlite3_open_v2(name, &b->db, oflags | SQLITE_OPEN_URI, NULL);
	if (rc != SQLITE_OK) {
		*err = xasprintf("%s: cannot open: %s", b->path,
		    b->db ? sqlite3_errmsg(b->db) : "out of memory");
		return b->db ? sqlite3_extended_errcode(b->db) : SQLITE_NOMEM;
	}
	if (configure(b, flags, err) != 0)
		return sqlite3_extended_errcode(b->db) ? sqlite3_extended_errcode(
		    b->db) : SQLITE_ERROR;
	return SQLITE_OK;
}

static void
unlink_if_empty(const char *path)
{
	struct stat	sb;

	if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0)
		unlink(path);
}

/* Is path a default location, created without asking? */
static int
is_default(const char *path)
{
	char	*def = bdb_default_path();
	int	 same = strcmp(def, path) == 0;

	free(def);
	return same;
}

/* Open read-only, and where SQLite cannot make the WAL's side files (a
 * folder the user may not write, a full disk) as an immutable file: a
 * shared index stays readable. */
static int
open_readonly(struct bdb *b, unsigned flags, char **err)
{
	char	*uri;
	int	 rc;

	/* No mutex on the connection: a reading brief uses it from one
	 * thread (only import, which writes, has a second one), and every
	 * call into SQLite took and dropped it (2% of a search). */
	rc = open_configure(b, b->path, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, flags | BDB_NOSEED, err);
	if (rc == SQLITE_OK || !db_cannot_write(rc))
		return rc;
	uri = db_uri(b->path, "immutable=1");
	rc = open_configure(b, uri, SQLITE_OPEN_READONLY, flags | BDB_NOSEED,
	    err);
	free(uri);
	if (rc == SQLITE_OK)
		b->readonly = 1;
	return rc;
}

/* A new index is made whole (schema and the bundled letter) under a
 * name of its own, then linked into place: several first uses at once
 * never see a half-made index, and the first link wins. */
static int
create_whole(struct bdb *b, unsigned flags, char **err)
{
	char	*tmp = xasprintf("%s.new-%ld", b->path, (long)getpid());
	char	*path = b->path;
	int	 rc = -1;

	unlink(tmp);
	b->path = tmp;
	if (open_configure(b, tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	    flags, err) != SQLITE_OK)
		goto out;
	close_db(b);
	if (link(tmp, path) == 0 || errno == EEXIST)
		rc = 0;
	/* A file system without hard links: a rename, unless another
	 * process made the index meanwhile (a narrow window remains). */
	else if ((errno == EPERM || errno == ENOTSUP || errno == ENOSYS) &&
	    (access(path, F_OK) == 0 || rename(tmp, path) == 0))
		rc = 0;
	else
		*err = xasprintf("%s: cannot create: %s", path,
		    strerror(errno));
out:
	b->path = path;
	close_db(b);
	unlink(tmp);
	free(tmp);
	return rc;
}

struct bdb *
bdb_open(const char *path, unsigned flags, char **err)
{
	struct bdb	*b = xcalloc(1, sizeof *b);
	char		*made = NULL;
	int		 missing, rc;

	*err = NULL;
	sqlite_oom_exits();
	b->path = xstrdup(path);
	/* A scratch index (import --dry-run with no index yet). */
	if (strcmp(path, ":memory:") == 0) {
		if (open_configure(b, path, SQLITE_OPEN_READWRITE |
		    SQLITE_OPEN_CREATE, flags, err) != SQLITE_OK)
			goto fail;
		return b;
	}
	if (db_regular_or_missing(path, "an index", err) != 0)
		goto fail;
	missing = access(path, F_OK) != 0;
	if (missing && !(flags & BDB_CREATE) && !is_default(path)) {
		*err = xasprintf("%s: no such index (brief import --db %s "
		    "FILE... creates one)", path, path);
		goto fail;
	}
	if (flags & BDB_READONLY) {
		if (open_readonly(b, flags, err) != SQLITE_OK)
			goto fail;
		return b;
	}
	if (missing) {
		made = db_mkdirs(path);
		if (create_whole(b, flags, err) != 0)
			goto fail;
	}
	rc = open_configure(b, path, SQLITE_OPEN_READWRITE, flags, err);
	/* A file we may read but not write (permissions, a full disk):
	 * reading commands go on read-only, so notes can still be
	 * exported. */
	if (rc != SQLITE_OK && !missing && db_cannot_write(rc) &&
	    open_readonly(b, flags, err) == SQLITE_OK)
		rc = SQLITE_OK;
	if (rc != SQLITE_OK)
		goto fail;
	free(made);
	return b;
fail:
	bdb_close(b);
	/* Only a file in a folder this call made is surely ours to take
	 * back (another process may be creating the same index). */
	if (made != NULL)
		unlink_if_empty(path);
	db_rmdirs(path, made);
	return NULL;
}

void
bdb_close(struct bdb *b)
{
	if (b == NULL)
		return;
	close_db(b);
	free(b->path);
	free(b);
}

/* The file was unlinked or renamed since it was opened (another process
 * deleted the index): SQLite would go on writing into the lost inode and
 * report success, so a write must be refused instead. */
static int
has_moved(struct bdb *b, char **err)
{
	int	moved = 0;

	if (sqlite3_file_control(b->db, "main", SQLITE_FCNTL_HAS_MOVED,
	    &moved) != SQLITE_OK || !moved)
		return 0;
	*err = xasprintf("%s: the index was deleted or replaced while brief "
	    "was running; nothing was written", b->path);
	return 1;
}

int
bdb_begin(struct bdb *b, char **err)
{
	if (b->readonly) {
		*err = xasprintf("%s: the index is read-only", b->path);
		return -1;
	}
	if (has_moved(b, err))
		return -1;
	return exec(b->db, "BEGIN IMMEDIATE", b->path, err);
}

int
bdb_commit(struct bdb *b, char **err)
{
	if (has_moved(b, err))
		return -1;
	return exec(b->db, "COMMIT", b->path, err);
}

void
bdb_rollback(struct bdb *b)
{
	sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
}

int
db_check_rows(sqlite3 *db, const char *sql, const char *prefix,
    struct buf *r)
{
	sqlite3_stmt	*st;
	int		 bad = 0, rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		buf_printf(r, "%s: %s\n", prefix, sqlite3_errmsg(db));
		return 1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		if (t != NULL && strcmp(t, "ok") == 0)
			continue;
		buf_printf(r, "%s: %s\n", prefix, t ? t : "problem found");
		bad = 1;
	}
	if (rc != SQLITE_DONE) {
		buf_printf(r, "%s: %s\n", prefix, sqlite3_errmsg(db));
		bad = 1;
	}
	sqlite3_finalize(st);
	return bad;
}

/* The index's checks say "<index>: <what>: ...". */
static int
check_rows(struct bdb *b, const char *sql, const char *what, struct buf *r)
{
	char	*prefix = xasprintf("%s: %s", b->path, what);
	int	 bad = db_check_rows(b->db, sql, prefix, r);

	free(prefix);
	return bad;
}

int
bdb_check(struct bdb *b, char **report)
{
	struct buf	r = { 0 };
	int		bad = 0;

	bad |= check_rows(b, "PRAGMA integrity_check", "integrity", &r);
	bad |= check_rows(b, "PRAGMA foreign_key_check", "foreign keys", &r);
	if (b->readonly)
		buf_printf(&r, "%s: full-text index: not checked (the index "
		    "is read-only)\n", b->path);
	else
		bad |= check_rows(b, "INSERT INTO blocks_fts(blocks_fts, rank) "
		    "VALUES ('integrity-check', 1)", "full-text index", &r);
	*report = buf_steal(&r);
	return bad ? BDB_DATA : BDB_OK;	/* the report may hold notes */
}
