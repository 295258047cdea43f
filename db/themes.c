/* themes.c: themes in the index: storing the effective themes.conf
 * (themes-conf.c) in the themes table, tagging blocks in block_themes,
 * and reading themes back for the command line and the reader.
 *
 * Tagging runs in three passes, each an INSERT OR IGNORE so the first
 * source wins: each rule over the full-text index ('rule'), then every
 * descendant of a tagged bullet ('inherited'), then every footnote cited
 * by a tagged block ('cited').  meta.themes_hash holds the hash of the
 * set the tags were made with; when the files change, everything is
 * retagged in one transaction.  Reading themes back: themes-query.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "store.h"
#include "themes.h"
#include "themes-vocab.h"
#include "xmalloc.h"

#define META_KEY	"themes_hash"

/* Kinds a rule can tag: the content, not the letter's furniture. */
#define RULE_KINDS	"('paragraph', 'bullet', 'footnote')"

static int
step_ok(struct bdb *b, sqlite3_stmt *st, const char *what, char **err)
{
	int	rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (st != NULL)
		sqlite3_reset(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	*err = xasprintf("%s: themes: cannot %s: %s", bdb_path(b), what,
	    sqlite3_errmsg(bdb_sqlite(b)));
	return -1;
}

/* --- the stored set ------------------------------------------------- */

static void
stored_hash(struct bdb *b, char out[17])
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT value FROM meta WHERE "
	    "key = '" META_KEY "'");

	out[0] = '\0';
	if (st == NULL)
		return;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, 17, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
}

static int
store_hash(struct bdb *b, const char *hash, char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, "INSERT OR REPLACE INTO meta "
	    "(key, value) VALUES ('" META_KEY "', ?)");

	if (st != NULL)
		bind_str(st, 1, hash);
	return step_ok(b, st, "store the themes hash", err);
}

static int
store_set(struct bdb *b, const struct theme_set *set, char **err)
{
	sqlite3_stmt	*st;

	if (step_ok(b, bdb_stmt(b, "DELETE FROM themes"), "clear themes",
	    err) != 0)
		return -1;
	for (size_t i = 0; i < set->n; i++) {
		st = bdb_stmt(b, "INSERT INTO themes (slug, name, "
		    "description, rule, seq) VALUES (?, ?, ?, ?, ?)");
		if (st != NULL) {
			bind_str(st, 1, set->v[i].slug);
			bind_str(st, 2, set->v[i].name);
			bind_str(st, 3, set->v[i].description);
			bind_str(st, 4, set->v[i].rule);
			sqlite3_bind_int(st, 5, (int)i);
		}
		if (step_ok(b, st, "store a theme", err) != 0)
			return -1;
	}
	return 0;
}

/* --- tagging -------------------------------------------------------- */

/* The rowid range of a document's blocks (one import inserts them in a
 * row), so FTS5 looks only there; doc_id 0: every block. */
static void
doc_range(struct bdb *b, int64_t doc_id, int64_t *lo, int64_t *hi)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT min(id), max(id) FROM "
	    "blocks WHERE doc_id = ?");

	*lo = 0;
	*hi = INT64_MAX;
	if (doc_id == 0 || st == NULL)
		return;
	sqlite3_bind_int64(st, 1, doc_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*lo = sqlite3_column_int64(st, 0);
		*hi = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
}

/* One rule.  A rule FTS5 refuses at run time (the translator should
 * never let one through) tags nothing rather than failing an import. */
static int
tag_rule(struct bdb *b, const struct theme_def *t, int64_t doc_id,
    int64_t lo, int64_t hi, char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, "INSERT OR IGNORE INTO block_themes "
	    "(block_id, theme, source) SELECT b.id, ?1, 'rule' FROM blocks_fts "
	    "JOIN blocks b ON b.id = blocks_fts.rowid WHERE blocks_fts MATCH ?2 "
	    "AND blocks_fts.rowid BETWEEN ?3 AND ?4 "
	    "AND (?5 = 0 OR b.doc_id = ?5) AND b.kind IN " RULE_KINDS);
	int		 rc;

	if (st == NULL)
		return step_ok(b, st, "tag blocks", err);
	bind_str(st, 1, t->slug);
	bind_str(st, 2, t->match);
	sqlite3_bind_int64(st, 3, lo);
	sqlite3_bind_int64(st, 4, hi);
	sqlite3_bind_int64(st, 5, doc_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ERROR)
		return 0;
	*err = xasprintf("%s: themes: cannot tag blocks: %s", bdb_path(b),
	    sqlite3_errstr(rc));
	return -1;
}

/* Each statement below comes in two forms, for one document and for
 * all: "?1 = 0 OR doc_id = ?1" would keep SQLite from using the doc_id
 * indexes, and every import would scan the whole index. */
#define INHERIT_SQL(where) "WITH RECURSIVE up(id, doc_id, aseq) AS " \
	"(SELECT id, doc_id, parent_seq FROM blocks WHERE parent_seq IS NOT " \
	"NULL " where " UNION SELECT up.id, up.doc_id, p.parent_seq FROM up " \
	"JOIN blocks p ON p.doc_id = up.doc_id AND p.seq = up.aseq " \
	"WHERE p.parent_seq IS NOT NULL) " \
	"INSERT OR IGNORE INTO block_themes (block_id, theme, source) " \
	"SELECT up.id, bt.theme, 'inherited' FROM up " \
	"JOIN blocks a ON a.doc_id = up.doc_id AND a.seq = up.aseq " \
	"JOIN block_themes bt ON bt.block_id = a.id AND bt.source = 'rule'"
#define CITED_SQL(where) "INSERT OR IGNORE INTO block_themes " \
	"(block_id, theme, source) SELECT c.footnote_id, bt.theme, 'cited' " \
	"FROM blocks f JOIN citations c ON c.footnote_id = f.id " \
	"JOIN block_themes bt ON bt.block_id = c.block_id " \
	"AND bt.source IN ('rule', 'inherited') WHERE f.kind = 'footnote' " where
#define CLEAR_SQL(where) "DELETE FROM block_themes WHERE " where

/* from: doc_id and every later document (an import's batch: its
 * documents are the newest), not doc_id alone. */
static int
run_for(struct bdb *b, int64_t doc_id, int from, const char *one,
    const char *later, const char *all, const char *what, char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, doc_id == 0 ? all : from ? later :
			    one);

	if (st != NULL && doc_id != 0)
		sqlite3_bind_int64(st, 1, doc_id);
	return step_ok(b, st, what, err);
}

/* Every descendant of a block takes that block's rule themes. */
static int
tag_inherited(struct bdb *b, int64_t doc_id, int from, char **err)
{
	return run_for(b, doc_id, from, INHERIT_SQL("AND doc_id = ?1"),
	    INHERIT_SQL("AND doc_id >= ?1"), INHERIT_SQL(""),
	    "tag sub-bullets", err);
}

/* A footnote takes the themes of the blocks citing it. */
static int
tag_cited(struct bdb *b, int64_t doc_id, int from, char **err)
{
	return run_for(b, doc_id, from, CITED_SQL("AND f.doc_id = ?1"),
	    CITED_SQL("AND f.doc_id >= ?1"), CITED_SQL(""), "tag footnotes",
	    err);
}

static int
clear_tags(struct bdb *b, int64_t doc_id, int from, char **err)
{
	return run_for(b, doc_id, from, CLEAR_SQL("block_id IN (SELECT id "
	    "FROM blocks WHERE doc_id = ?1)"), CLEAR_SQL("block_id IN "
	    "(SELECT id FROM blocks WHERE doc_id >= ?1)"), CLEAR_SQL("1"),
	    "clear tags", err);
}

/* Rules for one document run against a scratch FTS5 table in the temp
 * schema holding only that document's blocks: a MATCH over the whole
 * index would read every document's postings for each rule, and import
 * would slow down as the index grows. */
static int
scratch_fill(struct bdb *b, int64_t doc_id, int from, char **err)
{
	sqlite3_stmt	*st;

	/* Contentless, so 'delete-all' empties it at once: a DELETE would
	 * retokenise every row and leave tombstones for later queries. */
	if (sqlite3_exec(bdb_sqlite(b), "CREATE VIRTUAL TABLE IF NOT EXISTS "
	    "temp.tag_scratch USING fts5(text, content = '', tokenize = "
	    "'porter unicode61 remove_diacritics 2'); INSERT INTO "
	    "temp.tag_scratch (tag_scratch) VALUES ('delete-all')", NULL, NULL,
	    NULL) != SQLITE_OK) {
		*err = xasprintf("%s: themes: cannot tag blocks: %s",
		    bdb_path(b), sqlite3_errmsg(bdb_sqlite(b)));
		return -1;
	}
	st = bdb_stmt(b, from ? "INSERT INTO temp.tag_scratch (rowid, text) "
	    "SELECT id, text FROM blocks WHERE doc_id >= ? AND kind IN "
	    RULE_KINDS : "INSERT INTO temp.tag_scratch (rowid, text) "
	    "SELECT id, text FROM blocks WHERE doc_id = ? AND kind IN "
	    RULE_KINDS);
	if (st != NULL)
		sqlite3_bind_int64(st, 1, doc_id);
	return step_ok(b, st, "tag blocks", err);
}

/* match: the rule's MATCH text, or NULL for t->match. */
static int
scratch_rule(struct bdb *b, const struct theme_def *t, const char *match,
    char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, "INSERT OR IGNORE INTO block_themes "
	    "(block_id, theme, source) SELECT rowid, ?1, 'rule' FROM "
	    "temp.tag_scratch WHERE tag_scratch MATCH ?2");
	int		 rc;

	if (st == NULL)
		return step_ok(b, st, "tag blocks", err);
	bind_str(st, 1, t->slug);
	bind_str(st, 2, match != NULL ? match : t->match);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ERROR)
		return 0;	/* as tag_rule: a refused rule tags nothing */
	*err = xasprintf("%s: themes: cannot tag blocks: %s", bdb_path(b),
	    sqlite3_errstr(rc));
	return -1;
}

static int
tag_rules(struct bdb *b, const struct theme_set *set, int64_t doc_id,
    int from, char **err)
{
	int64_t	lo, hi;

	if (doc_id != 0) {
		struct themes_vocab	v;
		int			rc = 0;

		if (scratch_fill(b, doc_id, from, err) != 0)
			return -1;
		themes_vocab_load(b, &v);	/* skip rules without a term */
		for (size_t i = 0; i < set->n && rc == 0; i++) {
			char *reduced;

			if (themes_vocab_rule(b, &v, i, set->v[i].match,
			    &reduced))
				rc = scratch_rule(b, &set->v[i], reduced, err);
			free(reduced);
		}
		themes_vocab_clear(&v);
		return rc;
	}
	doc_range(b, doc_id, &lo, &hi);
	for (size_t i = 0; i < set->n; i++)
		if (tag_rule(b, &set->v[i], doc_id, lo, hi, err) != 0)
			return -1;
	return 0;
}

/* Tag one document (doc_id 0: all; from: it and every later one) with
 * set; in a transaction. */
static int
tag_blocks(struct bdb *b, const struct theme_set *set, int64_t doc_id,
    int from, char **err)
{
	if (clear_tags(b, doc_id, from, err) != 0 ||
	    tag_rules(b, set, doc_id, from, err) != 0 ||
	    tag_inherited(b, doc_id, from, err) != 0)
		return -1;
	return tag_cited(b, doc_id, from, err);
}

/* Store set and retag everything with it; in a transaction. */
static int
apply_set(struct bdb *b, const struct theme_set *set, const char *hash,
    char **err)
{
	if (store_set(b, set, err) != 0 || tag_blocks(b, set, 0, 0, err) != 0)
		return -1;
	return store_hash(b, hash, err);
}

static void
quiet(void *arg, enum diag_level l, const char *f, int line, int col,
    const char *msg)
{
	(void)arg, (void)l, (void)f, (void)line, (void)col, (void)msg;
}

/* The handle's copy of the effective themes (and its hash), loaded on
 * first use: an import of many files parsed themes.conf and translated
 * every rule once per document.  bdb_themes_sync() refreshes it. */
struct cached_set {
	struct theme_set	set;
	char			hash[17];
	char			*path;		/* the user's file, and */
	struct stat		 sb;		/*  its stat (0s: none) */
};

static void
cached_free(void *p)
{
	struct cached_set *c = p;

	themes_set_free(&c->set);
	free(c->path);
	free(c);
}

/* The user's themes.conf as the cache knows it: its path and stat. */
static void
user_file(char **path, struct stat *sb)
{
	*path = themes_conf_user_path();
	if (stat(*path, sb) != 0)
		memset(sb, 0, sizeof *sb);
}

/* Still the file the cache was loaded from (a stat per document)? */
static int
cache_fresh(const struct cached_set *c)
{
	struct stat	 sb;
	char		*path;
	int		 same;

	user_file(&path, &sb);
	same = strcmp(path, c->path) == 0 && sb.st_ino == c->sb.st_ino &&
	    sb.st_size == c->sb.st_size &&
	    sb.st_mtim.tv_sec == c->sb.st_mtim.tv_sec &&
	    sb.st_mtim.tv_nsec == c->sb.st_mtim.tv_nsec;
	free(path);
	return same;
}

static struct cached_set *
cached_set(struct bdb *b, struct theme_set *fresh)
{
	void			**slot = bdb_themes_cache(b, cached_free);
	struct cached_set	 *c = *slot;
	struct diag		  d = { .fn = quiet };

	if (c != NULL && fresh == NULL && cache_fresh(c))
		return c;
	if (c != NULL)
		cached_free(c);
	c = xcalloc(1, sizeof *c);
	user_file(&c->path, &c->sb);
	if (fresh != NULL)
		c->set = *fresh;	/* taken over */
	else
		themes_conf_load(&c->set, &d);
	themes_set_hash(&c->set, c->hash);
	*slot = c;
	return c;
}

/* Inside the import's transaction.  The themes.conf messages are left
 * to bdb_themes_sync (brief themes, the reader), not repeated on every
 * import. */
static int
tag_new(struct bdb *b, int64_t doc_id, int from, char **err)
{
	struct cached_set	*c = cached_set(b, NULL);
	char			 have[17];

	stored_hash(b, have);
	if (strcmp(c->hash, have) != 0)
		return apply_set(b, &c->set, c->hash, err);
	return tag_blocks(b, &c->set, doc_id, from, err);
}

int
themes_tag_document(struct bdb *b, int64_t doc_id, char **err)
{
	return tag_new(b, doc_id, 0, err);
}

/* A batch of imported documents at once: the rules run once over all of
 * them (one scratch table, one query a rule) instead of once a document. */
int
themes_tag_from(struct bdb *b, int64_t first_doc_id, char **err)
{
	return tag_new(b, first_doc_id, 1, err);
}

/* Store set and retag in a transaction of its own. */
static int
apply_now(struct bdb *b, const struct theme_set *set, const char *hash,
    struct diag *d)
{
	char	*err = NULL;
	int	 rc = BDB_OK;

	if (bdb_begin(b, &err) != 0 || apply_set(b, set, hash, &err) != 0 ||
	    bdb_commit(b, &err) != 0) {
		bdb_rollback(b);
		diag_error(d, NULL, 0, 0, "%s", err ? err : "cannot retag");
		rc = BDB_DATA;
	}
	free(err);
	return rc;
}

/* A handle opened read-only (the reader's): retag through a writable
 * handle of its own when the file allows it, else keep the old tags. */
static int
apply_elsewhere(struct bdb *b, const struct theme_set *set,
    const char *hash, struct diag *d)
{
	char		*err = NULL;
	struct bdb	*w = bdb_open(bdb_path(b), BDB_NOSEED, &err);
	int		 rc = BDB_OK;

	if (w != NULL && !bdb_readonly(w))
		rc = apply_now(w, set, hash, d);
	else
		diag_warn(d, bdb_path(b), 0, 0, "themes.conf has changed but "
		    "the index is read-only: showing the themes it was last "
		    "tagged with");
	bdb_close(w);
	free(err);
	return rc;
}

int
bdb_themes_sync(struct bdb *b, struct diag *d)
{
	struct theme_set	 set = { 0 };
	char			 want[17], have[17];
	int			 rc = BDB_OK;

	themes_conf_load(&set, d);
	themes_set_hash(&set, want);
	stored_hash(b, have);
	if (strcmp(want, have) != 0)
		rc = bdb_readonly(b) ? apply_elsewhere(b, &set, want, d) :
		    apply_now(b, &set, want, d);
	cached_set(b, &set);	/* takes set over */
	return rc;
}
