/* sync.c: brief sync DIR.  A store's review travels as SQLite session
 * changesets of its journal (db/review.sql, migration 2), one file per
 * sync, through any folder people already share.
 *
 * Writing: the journal rows this device wrote since its last sync are
 * copied into an in-memory table of the same shape under a session; the
 * session's changeset, behind a short text header (format, author,
 * device, sequence, size, checksum), is written to a hidden temporary
 * name, synced and renamed to AUTHOR.DEVICE.SEQ.changeset.  Only then
 * does the store remember the sequence, so a crash in between writes
 * the same (or a larger) file again next time.
 *
 * Applying: every *.changeset file whose checksum the store has not
 * recorded is checked whole (header, size, checksum, every row an
 * insert into the journal, every document in this index) and then
 * applied in one transaction on a connection of its own together with
 * the record that it was applied.  A journal row that is already here
 * is skipped: applying is idempotent, and the triggers make the result
 * independent of the order.  A bad file is reported and skipped; the
 * others still apply. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The session extension's declarations (Debian's libsqlite3 has it). */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include "brief-db.h"
#include "file.h"
#include "review-int.h"
#include "store.h"
#include "xmalloc.h"

#define CS_MAGIC	"brief-changeset "
#define CS_VERSION	1
#define CS_EXT		".changeset"
#define CS_MAX		(256L * 1024 * 1024)
#define CS_NCOL		11	/* columns of review.journal */
#define CS_SLUG		3	/* its slug column */

struct csfile {
	const char	*path;
	unsigned char	*data;
	size_t		 len;
	const void	*cs;		/* the changeset, inside data */
	int		 ncs;
	char		 sum[17];	/* of the whole file */
};

#define FNV_START	14695981039346656037ULL

static uint64_t
fnv1a64_more(uint64_t h, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static uint64_t
fnv1a64(const void *p, size_t n)
{
	return fnv1a64_more(FNV_START, p, n);
}

/* A test hook: stop (for the test to SIGKILL us) at a named point. */
static void
test_stop(const char *where)
{
	const char	*s = getenv("BRIEF_SYNC_STOP");

	if (s != NULL && strcmp(s, where) == 0)
		raise(SIGSTOP);
}

static int
exec_sql(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* Author names become file names: keep letters, digits, @ . - _. */
static char *
file_safe(const char *s)
{
	char	*t = xstrdup(*s != '\0' ? s : "anonymous");

	for (char *p = t; *p != '\0'; p++)
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9') && strchr("@.-_", *p) == NULL)
			*p = '_';
	return t;
}

static char *
config_or(struct bdb *b, const char *key, const char *dflt)
{
	char	*v;

	if (bdb_config_get(b, key, &v) == BDB_OK)
		return v;
	free(v);
	return xstrdup(dflt);
}

/* --- writing -------------------------------------------------------------- */

/* This device's journal rows after hlc since, as a changeset (*cs, *n),
 * with the last hlc in *last.  *n == 0: nothing new. */
static int
make_changeset(struct bdb *b, const char *device, const char *since,
    void **cs, int *n, char **last, char **err)
{
	sqlite3		*mem = NULL;
	sqlite3_session	*ses = NULL;
	sqlite3_stmt	*st = NULL;
	const char	*path = sqlite3_db_filename(bdb_sqlite(b), "review");
	int		 rc = BDB_DATA;

	*cs = NULL;
	*n = 0;
	*last = NULL;
	if (sqlite3_open(":memory:", &mem) != SQLITE_OK)
		goto out;
	if (sqlite3_prepare_v2(mem, "ATTACH ?1 AS src", -1, &st, NULL) !=
	    SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto out;
	sqlite3_finalize(st);
	st = NULL;
	sqlite3_busy_timeout(mem, 10000);
	/* The same table, from the store's own definition. */
	if (sqlite3_prepare_v2(mem, "SELECT sql FROM src.sqlite_schema WHERE "
	    "type = 'table' AND name = 'journal'", -1, &st, NULL) !=
	    SQLITE_OK || sqlite3_step(st) != SQLITE_ROW ||
	    exec_sql(mem, (const char *)sqlite3_column_text(st, 0)) !=
	    SQLITE_OK)
		goto out;
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3session_create(mem, "main", &ses) != SQLITE_OK ||
	    sqlite3session_attach(ses, "journal") != SQLITE_OK)
		goto out;
	if (sqlite3_prepare_v2(mem, "INSERT INTO main.journal SELECT * FROM "
	    "src.journal WHERE hlc > ?1 AND hlc LIKE '%.' || ?2 ORDER BY hlc "
	    "RETURNING hlc", -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, since, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, device, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(st, 0);

		if (*last == NULL || strcmp(h, *last) > 0) {
			free(*last);
			*last = xstrdup(h);
		}
	}
	if (rc != SQLITE_DONE) {
		rc = BDB_DATA;
		goto out;
	}
	rc = sqlite3session_changeset(ses, n, cs) == SQLITE_OK ? BDB_OK :
	    BDB_DATA;
out:
	if (rc != BDB_OK)
		*err = xasprintf("%s: cannot read the journal: %s", path,
		    mem != NULL ? sqlite3_errmsg(mem) : "out of memory");
	sqlite3_finalize(st);
	if (ses != NULL)
		sqlite3session_delete(ses);
	sqlite3_close(mem);
	return rc;
}

static int
write_all(int fd, const void *p, size_t n)
{
	const char	*c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Write head + body to dir/name through a temporary file and rename. */
static int
write_file(const char *dir, const char *name, const char *head,
    const void *body, int nbody, char **err)
{
	char	*tmp = xasprintf("%s/.%s.tmp-%ld", dir, name, (long)getpid());
	char	*dst = xasprintf("%s/%s", dir, name);
	int	 fd, rc = -1;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write_all(fd, head, strlen(head)) != 0 ||
	    write_all(fd, body, (size_t)nbody) != 0 || fsync(fd) != 0) {
		*err = xasprintf("%s: cannot write: %s", tmp, strerror(errno));
		goto out;
	}
	close(fd);
	fd = -1;
	test_stop("write");
	if (rename(tmp, dst) != 0) {
		*err = xasprintf("%s: cannot rename to %s: %s", tmp, name,
		    strerror(errno));
		goto out;
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
		fsync(fd);
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	free(dst);
	return rc;
}

/* The file is out: remember how far we got, and that our own file needs
 * no applying here. */
static int
remember(struct bdb *b, long seq, const char *last, uint64_t sum,
    const char *name, char **err)
{
	sqlite3_stmt	*st;
	char		 num[32], hex[17];

	snprintf(num, sizeof num, "%ld", seq);
	if (bdb_config_set(b, "sync_seq", num, err) != BDB_OK ||
	    bdb_config_set(b, "sync_hlc", last, err) != BDB_OK)
		return BDB_DATA;
	snprintf(hex, sizeof hex, "%016llx", (unsigned long long)sum);
	if ((st = bdb_stmt(b, "INSERT OR IGNORE INTO review.sync_seen (sum, "
	    "file) VALUES (?1, ?2)")) != NULL) {
		sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	return BDB_OK;
}

static int
sync_write(struct bdb *b, const char *dir, struct bdb_sync_stats *st,
    char **err)
{
	char	*device = config_or(b, "device", "0000000000000000");
	char	*since = config_or(b, "sync_hlc", "");
	char	*seqs = config_or(b, "sync_seq", "0");
	char	*author = bdb_author(b), *safe = file_safe(author);
	char	*last = NULL, *head = NULL, *name = NULL;
	void	*cs = NULL;
	int	 n = 0, rc;
	long	 seq = atol(seqs) + 1;

	if ((rc = make_changeset(b, device, since, &cs, &n, &last, err)) !=
	    BDB_OK || n == 0)
		goto out;
	for (char *p = author; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	head = xasprintf(CS_MAGIC "%d\nauthor %s\ndevice %s\nseq %ld\n"
	    "bytes %d\nfnv1a64 %016llx\n\n", CS_VERSION, author, device, seq,
	    n, (unsigned long long)fnv1a64(cs, (size_t)n));
	name = xasprintf("%s.%s.%06ld" CS_EXT, safe, device, seq);
	if (write_file(dir, name, head, cs, n, err) != 0) {
		rc = BDB_DATA;
		goto out;
	}
	if ((rc = remember(b, seq, last, fnv1a64_more(fnv1a64(head,
	    strlen(head)), cs, (size_t)n), name, err)) == BDB_OK) {
		st->written = xasprintf("%s/%s", dir, name);
		st->written_bytes = (size_t)strlen(head) + (size_t)n;
	}
out:
	sqlite3_free(cs);
	free(device);
	free(since);
	free(seqs);
	free(author);
	free(safe);
	free(last);
	free(head);
	free(name);
	return rc;
}

/* --- reading a file ------------------------------------------------------- */

static int
read_file(struct csfile *f, char **why)
{
	char	*data;

	switch (file_read(f->path, CS_MAX, &data, &f->len)) {
	case FILE_OK:
		break;
	case FILE_TOO_LARGE:
		*why = xasprintf("larger than %ld MB: not a changeset of brief",
		    CS_MAX / (1024 * 1024));
		return -1;
	default:
		*why = xasprintf("cannot read: %s", strerror(errno));
		return -1;
	}
	f->data = (unsigned char *)data;
	snprintf(f->sum, sizeof f->sum, "%016llx",
	    (unsigned long long)fnv1a64(f->data, f->len));
	return 0;
}

/* The value of header field key ("bytes"), or NULL. */
static const char *
field(const char *head, const char *key)
{
	size_t	klen = strlen(key);

	for (const char *p = head; p != NULL && *p != '\n';
	    p = strchr(p, '\n') != NULL ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, key, klen) == 0 && p[klen] == ' ')
			return p + klen + 1;
	return NULL;
}

/* Check the header, size and checksum; set f->cs and f->ncs. */
static int
parse_header(struct csfile *f, char **why)
{
	const char	*d = (const char *)f->data, *end, *v;
	unsigned long long sum;
	long		 bytes, version;

	if (f->len < strlen(CS_MAGIC) || memcmp(d, CS_MAGIC,
	    strlen(CS_MAGIC)) != 0) {
		*why = xstrdup("not a changeset written by brief");
		return -1;
	}
	version = strtol(d + strlen(CS_MAGIC), NULL, 10);
	if (version > CS_VERSION) {
		*why = xasprintf("made by a newer brief (changeset format %ld; "
		    "this one reads %d): update brief", version, CS_VERSION);
		return -1;
	}
	if (version < 1 || (end = strstr(d, "\n\n")) == NULL ||
	    (v = field(strchr(d, '\n') + 1, "bytes")) == NULL ||
	    (bytes = strtol(v, NULL, 10)) < 0 || bytes > CS_MAX ||
	    (v = field(strchr(d, '\n') + 1, "fnv1a64")) == NULL ||
	    sscanf(v, "%llx", &sum) != 1) {
		*why = xstrdup("damaged: its header cannot be read");
		return -1;
	}
	f->cs = end + 2;
	f->ncs = (int)(f->len - (size_t)((const unsigned char *)f->cs -
	    f->data));
	if (f->ncs < bytes) {
		*why = xasprintf("truncated: %d of %ld bytes", f->ncs, bytes);
		return -1;
	}
	if (f->ncs > bytes || fnv1a64(f->cs, (size_t)f->ncs) != sum) {
		*why = xstrdup("damaged: its checksum does not match");
		return -1;
	}
	return 0;
}

/* Every change is a new journal row for a document of this index. */
static int
check_rows(struct bdb *b, struct csfile *f, char **why)
{
	sqlite3_changeset_iter	*it = NULL;
	struct buf		 missing = { 0 };
	sqlite3_stmt		*doc = bdb_stmt(b, "SELECT 1 FROM documents "
	    "WHERE slug = ?1");
	int			 rc, nmissing = 0;

	if (doc == NULL || sqlite3changeset_start(&it, f->ncs,
	    (void *)f->cs) != SQLITE_OK) {
		*why = xstrdup("damaged: not a session changeset");
		return -1;
	}
	while ((rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
		const char	*tab;
		sqlite3_value	*v;
		int		 ncol, op, ind;

		if (sqlite3changeset_op(it, &tab, &ncol, &op, &ind) !=
		    SQLITE_OK || strcmp(tab, "journal") != 0 ||
		    ncol != CS_NCOL || op != SQLITE_INSERT ||
		    sqlite3changeset_new(it, CS_SLUG, &v) != SQLITE_OK ||
		    v == NULL || sqlite3_value_type(v) != SQLITE_TEXT) {
			rc = SQLITE_CORRUPT;
			break;
		}
		sqlite3_bind_value(doc, 1, v);
		if (sqlite3_step(doc) != SQLITE_ROW && nmissing++ < 3)
			buf_printf(&missing, "%s%s", nmissing > 1 ? ", " : "",
			    (const char *)sqlite3_value_text(v));
		sqlite3_reset(doc);
	}
	if (sqlite3changeset_finalize(it) != SQLITE_OK || rc != SQLITE_DONE)
		*why = xstrdup("damaged: its changes cannot be read");
	else if (nmissing > 0)
		*why = xasprintf("for documents not in this index (%s%s): "
		    "import them first", missing.data, nmissing > 3 ? ", ..." :
		    "");
	buf_free(&missing);
	return *why != NULL ? -1 : 0;
}

/* --- applying ------------------------------------------------------------- */

static int
seen(struct bdb *b, const char *sum)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT 1 FROM review.sync_seen "
	    "WHERE sum = ?1");
	int		 rc;

	if (st == NULL)
		return 0;
	sqlite3_bind_text(st, 1, sum, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW;
}

static int
only_journal(void *arg, const char *tab)
{
	(void)arg;
	return strcmp(tab, "journal") == 0;
}

/* A row already here is the same row (journal rows never change). */
static int
on_conflict(void *arg, int why, sqlite3_changeset_iter *it)
{
	(void)arg;
	(void)it;
	return why == SQLITE_CHANGESET_CONFLICT ? SQLITE_CHANGESET_OMIT :
	    SQLITE_CHANGESET_ABORT;
}

static int
apply_one(sqlite3 *db, struct csfile *f, const char *name, char **why)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;

	/* The journal's triggers (review-journal.c) on this connection. */
	if ((rc = db_journal_triggers(db, "main")) != SQLITE_OK ||
	    (rc = exec_sql(db, "BEGIN IMMEDIATE")) != SQLITE_OK)
		goto out;
	rc = sqlite3changeset_apply_v2(db, f->ncs, (void *)f->cs,
	    only_journal, on_conflict, NULL, NULL, NULL,
	    SQLITE_CHANGESETAPPLY_NOSAVEPOINT);
	if (rc != SQLITE_OK)
		goto out;
	if ((rc = sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO sync_seen "
	    "(sum, file) VALUES (?1, ?2)", -1, &st, NULL)) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, f->sum, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE)
		goto out;
	test_stop("apply");
	rc = exec_sql(db, "COMMIT");
out:
	sqlite3_finalize(st);
	if (rc != SQLITE_OK && rc != SQLITE_DONE) {
		*why = xasprintf("cannot apply (%s): nothing of it applied",
		    rc == SQLITE_ABORT || rc == SQLITE_CONSTRAINT ?
		    "damaged: a change breaks the store's rules" :
		    sqlite3_errmsg(db));
		exec_sql(db, "ROLLBACK");
		return -1;
	}
	return 0;
}

/* Temporary files this device left when it was killed while writing
 * (".NAME.DEVICE.SEQ.changeset.tmp-PID"): nobody else wants them. */
static void
clean_stale(struct bdb *b, const char *dir)
{
	char		*device = config_or(b, "device", ""), *mark;
	DIR		*dp;
	struct dirent	*de;

	mark = xasprintf(".%s.", device);
	if (*device != '\0' && (dp = opendir(dir)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			char *path;

			if (de->d_name[0] != '.' || strstr(de->d_name, mark) ==
			    NULL || strstr(de->d_name, CS_EXT ".tmp-") == NULL)
				continue;
			path = xasprintf("%s/%s", dir, de->d_name);
			unlink(path);
			free(path);
		}
		closedir(dp);
	}
	free(mark);
	free(device);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The changeset files of dir, sorted; hidden (temporary) files skipped. */
static char **
list_dir(const char *dir, size_t *n, char **err)
{
	DIR		*dp = opendir(dir);
	struct dirent	*de;
	char		**v = NULL;
	size_t		 elen = strlen(CS_EXT);

	*n = 0;
	if (dp == NULL) {
		*err = xasprintf("%s: cannot read the folder: %s", dir,
		    strerror(errno));
		return NULL;
	}
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || len <= elen ||
		    strcmp(de->d_name + len - elen, CS_EXT) != 0 ||
		    de->d_type == DT_DIR)
			continue;
		v = xappend(v, *n, sizeof *v);
		v[(*n)++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (*n > 0)
		qsort(v, *n, sizeof *v, by_name);
	return v;
}

static void
apply_file(struct bdb *b, sqlite3 *db, const char *dir, const char *name,
    struct bdb_sync_stats *st, struct diag *d)
{
	struct csfile	 f = { 0 };
	char		*path = xasprintf("%s/%s", dir, name), *why = NULL;

	f.path = path;
	if (read_file(&f, &why) != 0 || parse_header(&f, &why) != 0)
		goto out;
	if (seen(b, f.sum)) {
		st->seen++;
		goto out;
	}
	if (check_rows(b, &f, &why) != 0 || apply_one(db, &f, name, &why) != 0)
		goto out;
	st->applied++;
out:
	if (why != NULL) {
		diag_error(d, path, 0, 0, "%s", why);
		st->failed++;
	}
	free(why);
	free(f.data);
	free(path);
}

static int
sync_apply(struct bdb *b, const char *dir, struct bdb_sync_stats *st,
    struct diag *d, char **err)
{
	const char	*path = sqlite3_db_filename(bdb_sqlite(b), "review");
	sqlite3		*db = NULL;
	char		**names;
	size_t		 n;

	if ((names = list_dir(dir, &n, err)) == NULL && *err != NULL)
		return BDB_DATA;
	/* Changesets apply to "main": the store on a connection of its own. */
	if (n > 0 && sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		*err = xasprintf("%s: cannot open: %s", path, db != NULL ?
		    sqlite3_errmsg(db) : "out of memory");
		n = 0;
	}
	if (db != NULL)
		sqlite3_busy_timeout(db, 10000);
	for (size_t i = 0; i < n; i++)
		apply_file(b, db, dir, names[i], st, d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	sqlite3_close(db);
	return *err != NULL || st->failed > 0 ? BDB_DATA : BDB_OK;
}

int
bdb_sync(struct bdb *b, const char *dir, struct bdb_sync_stats *st,
    struct diag *d, char **err)
{
	struct stat	 sb;
	char		*werr = NULL;
	int		 rc;

	memset(st, 0, sizeof *st);
	*err = NULL;
	if (!bdb_review_attached(b)) {
		*err = xstrdup("no review store to sync");
		return BDB_DATA;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		*err = xasprintf("%s: not a folder", dir);
		return BDB_USAGE;
	}
	/* A folder we may not write (a read-only share) still brings the
	 * others' changes. */
	clean_stale(b, dir);
	rc = sync_write(b, dir, st, &werr);
	if (sync_apply(b, dir, st, d, err) != BDB_OK)
		rc = BDB_DATA;
	if (werr != NULL) {
		if (*err == NULL)
			*err = werr;
		else {
			diag_error(d, NULL, 0, 0, "%s", werr);
			free(werr);
		}
	}
	return *err != NULL || rc != BDB_OK ? BDB_DATA : BDB_OK;
}

void
bdb_sync_stats_clear(struct bdb_sync_stats *st)
{
	free(st->written);
	memset(st, 0, sizeof *st);
}
