/* author.c: who is writing, and when.  Every review change is a journal
 * row (db/review.sql, migration 2) carrying its author and a hybrid
 * logical clock (hlc).  This file owns the SQL functions the review
 * store's views and writes call on each connection:
 *
 *   brief_author()	the author: $BRIEF_AUTHOR, else the store's
 *			'brief config author', else user@host;
 *   brief_hlc(prev)	the next clock value after prev (the greatest
 *			hlc in the journal) and the wall clock, stamped
 *			with this store's device id;
 *
 * and the store's settings table (review.config).  bdb_author_init()
 * is what bdb_review_attach() calls last on a store it opened. */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "brief-db.h"
#include "store.h"
#include "xmalloc.h"

#define HLC_FMT		"%013lld.%06d.%s"
#define HLC_COUNT_MAX	999999

/* A setting read at its first use, not at every open: most starts only
 * read the store, and the author's fallback asks the password database
 * (nsswitch, /etc/passwd) and the host name. */
struct lazy {
	struct bdb	*b;
	char		*v;
	char		*(*get)(struct bdb *);
};

static const char *
lazy_value(struct lazy *l)
{
	if (l->v == NULL)
		l->v = l->get(l->b);
	return l->v;
}

static void
lazy_free(void *p)
{
	struct lazy *l = p;

	free(l->v);
	free(l);
}

static struct lazy *
lazy_new(struct bdb *b, char *(*get)(struct bdb *))
{
	struct lazy *l = xcalloc(1, sizeof *l);

	l->b = b;
	l->get = get;
	return l;
}

static void
fn_author(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_text(ctx, lazy_value(sqlite3_user_data(ctx)), -1,
	    SQLITE_TRANSIENT);
}

static long long
now_ms(void)
{
	struct timeval	tv;

	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* The clock never goes back: past prev (any device's latest) it counts
 * up within the same millisecond. */
char *
bdb_hlc_next(const char *prev, const char *device)
{
	long long	ms = now_ms(), pms = 0;
	int		count = 0, pcount = 0;

	if (prev != NULL && sscanf(prev, "%lld.%d", &pms, &pcount) == 2 &&
	    pms >= ms) {
		ms = pms;
		count = pcount + 1;
		if (count > HLC_COUNT_MAX) {
			ms++;
			count = 0;
		}
	}
	return xasprintf(HLC_FMT, ms, count, device);
}

static void
fn_hlc(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*prev = (const char *)sqlite3_value_text(argv[0]);
	char		*h;

	(void)argc;
	h = bdb_hlc_next(prev, lazy_value(sqlite3_user_data(ctx)));
	sqlite3_result_text(ctx, h, -1, free);
}

/* --- settings ----------------------------------------------------------- */

int
bdb_config_get(struct bdb *b, const char *key, char **value)
{
	sqlite3_stmt	*st;

	*value = NULL;
	if (!bdb_review_attached(b) || (st = bdb_stmt(b, "SELECT value FROM "
	    "review.config WHERE key = ?1")) == NULL)
		return BDB_DATA;
	bind_str(st, 1, key);
	return db_row_str(st, value);
}

int
bdb_config_set(struct bdb *b, const char *key, const char *value,
    char **err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (!bdb_review_attached(b) || (st = bdb_stmt(b, "INSERT OR REPLACE "
	    "INTO review.config (key, value) VALUES (?1, ?2)")) == NULL) {
		*err = xstrdup("no review store to keep the setting in");
		return BDB_DATA;
	}
	bind_str(st, 1, key);
	bind_str(st, 2, value);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		*err = xasprintf("review store: not saved: %s",
		    sqlite3_errmsg(bdb_sqlite(b)));
		return BDB_DATA;
	}
	if (strcmp(key, "author") == 0)
		return bdb_author_init(b);
	return BDB_OK;
}

/* --- the author --------------------------------------------------------- */

static char *
user_at_host(void)
{
	struct passwd	*pw = getpwuid(getuid());
	const char	*user = pw != NULL ? pw->pw_name : getenv("USER");
	char		 host[256];

	if (gethostname(host, sizeof host) != 0 || host[0] == '\0')
		strcpy(host, "localhost");
	host[sizeof host - 1] = '\0';
	return xasprintf("%s@%s", user != NULL && *user != '\0' ? user :
	    "user", host);
}

char *
bdb_author(struct bdb *b)
{
	const char	*env = getenv("BRIEF_AUTHOR");
	char		*v;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if (b != NULL && bdb_config_get(b, "author", &v) == BDB_OK) {
		if (*v != '\0')
			return v;
		free(v);
	}
	return user_at_host();
}

/* Rows from before authors (author '') become this author's: once, on
 * the first open that may write the store. */
static void
claim_rows(sqlite3 *db)
{
	static const char *const tables[] = { "journal", "team_status",
	    "team_notes", "team_tags", "team_bookmarks" };

	sqlite3_stmt	*st;
	int		 any = 0;

	if (sqlite3_db_readonly(db, "review") == 1)
		return;
	/* Only a store just upgraded has any: no write on every open. */
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM review.journal WHERE "
	    "author = '' LIMIT 1", -1, &st, NULL) == SQLITE_OK) {
		any = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	if (!any || sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return;
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char *sql = xasprintf("UPDATE OR IGNORE review.%s SET author = "
		    "brief_author() WHERE author = ''", tables[i]);

		sqlite3_exec(db, sql, NULL, NULL, NULL);
		free(sql);
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static char *
device_id(struct bdb *b)
{
	char	*device = NULL;

	if (bdb_config_get(b, "device", &device) != BDB_OK) {
		free(device);
		device = xstrdup("0000000000000000");
	}
	return device;
}

int
bdb_author_init(struct bdb *b)
{
	sqlite3	*db = bdb_sqlite(b);

	if (sqlite3_create_function_v2(db, "brief_author", 0, SQLITE_UTF8,
	    lazy_new(b, bdb_author), fn_author, NULL, NULL, lazy_free) !=
	    SQLITE_OK ||
	    sqlite3_create_function_v2(db, "brief_hlc", 1, SQLITE_UTF8,
	    lazy_new(b, device_id), fn_hlc, NULL, NULL, lazy_free) != SQLITE_OK)
		return BDB_DATA;
	claim_rows(db);
	/* A field copy (db/pack.c) brings its packer's review along. */
	bdb_pack_adopt(b);
	return BDB_OK;
}
