/* themes.c: themes in the index: storing the effective themes.conf
 * (themes-conf.c) in the themes table, tagging blocks in block_themes,
 * and reading themes back for the command line and the reader.
 *
 * A block's themes come from three sources, the first one winning: a
 * rule matching its text ('rule'), a rule matching an ancestor of it
 * ('inherited': sub-bullets), a block citing it ('cited': footnotes).
 * An import tags each document as it stores it, matching the rules in C
 * (themes-match.c) on the blocks it has in memory; a full retag runs
 * each rule over the full-text index in SQL.  meta.themes_hash holds
 * the hash of the set the tags were made with; when the files change,
 * everything is retagged in one transaction.  Reading themes back:
 * themes-query.c. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "model.h"
#include "store.h"
#include "themes.h"
#include "themes-match.h"
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

/* --- retagging everything ----------------------------------------- */

/* One rule over the whole full-text index.  A rule FTS5 refuses at run
 * time (the translator should never let one through) tags nothing
 * rather than failing. */
static int
tag_rule(struct bdb *b, const struct theme_def *t, char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, "INSERT OR IGNORE INTO block_themes "
	    "(block_id, theme, source) SELECT b.id, ?1, 'rule' FROM blocks_fts "
	    "JOIN blocks b ON b.id = blocks_fts.rowid WHERE blocks_fts MATCH ?2 "
	    "AND b.kind IN " RULE_KINDS);
	int		 rc;

	if (st == NULL)
		return step_ok(b, st, "tag blocks", err);
	bind_str(st, 1, t->slug);
	bind_str(st, 2, t->match);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ERROR)
		return 0;
	*err = xasprintf("%s: themes: cannot tag blocks: %s", bdb_path(b),
	    sqlite3_errstr(rc));
	return -1;
}

/* Every descendant of a block takes that block's rule themes. */
#define INHERIT_SQL "WITH RECURSIVE up(id, doc_id, aseq) AS " \
	"(SELECT id, doc_id, parent_seq FROM blocks WHERE parent_seq IS NOT " \
	"NULL UNION SELECT up.id, up.doc_id, p.parent_seq FROM up " \
	"JOIN blocks p ON p.doc_id = up.doc_id AND p.seq = up.aseq " \
	"WHERE p.parent_seq IS NOT NULL) " \
	"INSERT OR IGNORE INTO block_themes (block_id, theme, source) " \
	"SELECT up.id, bt.theme, 'inherited' FROM up " \
	"JOIN blocks a ON a.doc_id = up.doc_id AND a.seq = up.aseq " \
	"JOIN block_themes bt ON bt.block_id = a.id AND bt.source = 'rule'"
/* A footnote takes the themes of the blocks citing it. */
#define CITED_SQL "INSERT OR IGNORE INTO block_themes " \
	"(block_id, theme, source) SELECT c.footnote_id, bt.theme, 'cited' " \
	"FROM blocks f JOIN citations c ON c.footnote_id = f.id " \
	"JOIN block_themes bt ON bt.block_id = c.block_id " \
	"AND bt.source IN ('rule', 'inherited') WHERE f.kind = 'footnote'"

/* Tag every block with set, in three passes, each an INSERT OR IGNORE
 * so the first source wins; in a transaction.  An import tags its own
 * documents in C instead (below), with the same result. */
static int
tag_all(struct bdb *b, const struct theme_set *set, char **err)
{
	if (step_ok(b, bdb_stmt(b, "DELETE FROM block_themes"), "clear tags",
	    err) != 0)
		return -1;
	for (size_t i = 0; i < set->n; i++)
		if (tag_rule(b, &set->v[i], err) != 0)
			return -1;
	if (step_ok(b, bdb_stmt(b, INHERIT_SQL), "tag sub-bullets", err) != 0)
		return -1;
	return step_ok(b, bdb_stmt(b, CITED_SQL), "tag footnotes", err);
}

/* Store set and retag everything with it; in a transaction. */
static int
apply_set(struct bdb *b, const struct theme_set *set, const char *hash,
    char **err)
{
	if (store_set(b, set, err) != 0 || tag_all(b, set, err) != 0)
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
	struct themes_matcher	*matcher;	/* set's rules, made on
						 * first use */
	int			 no_matcher;	/* could not be made */
};

static void
cached_free(void *p)
{
	struct cached_set *c = p;

	themes_set_free(&c->set);
	themes_matcher_free(c->matcher);
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

/* --- tagging an imported document ---------------------------------- */

/* c's rules compiled for matching in C, on first use. */
static struct themes_matcher *
matcher_of(struct bdb *b, struct cached_set *c)
{
	if (c->matcher == NULL && !c->no_matcher) {
		c->matcher = themes_matcher_new(bdb_sqlite(b), &c->set);
		c->no_matcher = c->matcher == NULL;
	}
	return c->matcher;
}

static int
rule_kind(enum block_kind k)
{
	return k == BK_PARAGRAPH || k == BK_BULLET || k == BK_FOOTNOTE;
}

/* A document's themes by block, as bitsets of w words a block: what its
 * rules match, what its ancestors' rules match, what the blocks citing
 * it hold by rule or inheritance. */
struct doc_tags {
	size_t		 w;
	uint64_t	*rule, *inh, *cited;
};

static void
or_bits(uint64_t *to, const uint64_t *from, size_t w)
{
	for (size_t k = 0; k < w; k++)
		to[k] |= from[k];
}

/* Every ancestor's rule themes, up the chain of parent seqs (seq is the
 * block's index); the walk is bounded should the chain loop. */
static void
inherit(const struct doc *d, struct doc_tags *t)
{
	for (size_t i = 0; i < d->nblocks; i++) {
		int	a = d->blocks[i].parent;

		for (size_t steps = 0; a >= 0 && (size_t)a < d->nblocks &&
		    steps < d->nblocks; steps++) {
			or_bits(&t->inh[i * t->w], &t->rule[(size_t)a * t->w],
			    t->w);
			a = d->blocks[a].parent;
		}
	}
}

/* The index of the block with rowid id (ids ascend with the index). */
static long
block_at(const struct doc *d, int64_t id)
{
	size_t	lo = 0, hi = d->nblocks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->blocks[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->nblocks && d->blocks[lo].id == id ? (long)lo : -1;
}

/* A footnote takes the rule and inherited themes of each block citing
 * it, from the citations stored for the document. */
static int
cite(struct bdb *b, const struct doc *d, struct doc_tags *t, char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT c.block_id, c.footnote_id "
	    "FROM blocks f JOIN citations c ON c.footnote_id = f.id WHERE "
	    "f.doc_id = ? AND f.kind = 'footnote'");
	int		 rc;

	if (st == NULL)
		return step_ok(b, st, "tag footnotes", err);
	sqlite3_bind_int64(st, 1, d->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long	c = block_at(d, sqlite3_column_int64(st, 0));
		long	f = block_at(d, sqlite3_column_int64(st, 1));

		if (c < 0 || f < 0)
			continue;
		or_bits(&t->cited[f * t->w], &t->rule[c * t->w], t->w);
		or_bits(&t->cited[f * t->w], &t->inh[c * t->w], t->w);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	*err = xasprintf("%s: themes: cannot tag footnotes: %s", bdb_path(b),
	    sqlite3_errmsg(bdb_sqlite(b)));
	return -1;
}

/* Tag rows go in TAG_ROWS at a time: one statement per row cost about
 * as much again as the row itself.  The rest go in one by one. */
#define TAG_ROWS	32
#define ROW1		"(?,?,?)"
#define ROW4		ROW1 "," ROW1 "," ROW1 "," ROW1
#define ROW16		ROW4 "," ROW4 "," ROW4 "," ROW4
#define TAG_INSERT	"INSERT INTO block_themes (block_id, theme, source) " \
			"VALUES "

struct tag_rows {
	int64_t		 id[TAG_ROWS];
	const char	*theme[TAG_ROWS];
	const char	*source[TAG_ROWS];
	size_t		 n;
};

static int
insert_rows(struct bdb *b, const struct tag_rows *r, size_t from, size_t n,
    char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, n == TAG_ROWS ? TAG_INSERT ROW16 ","
	    ROW16 : TAG_INSERT ROW1);

	for (size_t i = 0; st != NULL && i < n; i++) {
		sqlite3_bind_int64(st, (int)(3 * i + 1), r->id[from + i]);
		sqlite3_bind_text(st, (int)(3 * i + 2), r->theme[from + i], -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, (int)(3 * i + 3), r->source[from + i], -1,
		    SQLITE_STATIC);
	}
	return step_ok(b, st, "tag blocks", err);
}

/* Write the rows held: all at once when there are TAG_ROWS. */
static int
flush_rows(struct bdb *b, struct tag_rows *r, char **err)
{
	size_t	n = r->n;

	r->n = 0;
	if (n == TAG_ROWS)
		return insert_rows(b, r, 0, n, err);
	for (size_t i = 0; i < n; i++)
		if (insert_rows(b, r, i, 1, err) != 0)
			return -1;
	return 0;
}

/* A block's rows: each theme once, by its first source.  The slugs
 * outlive the rows (the cached set), so they are bound without a copy. */
static int
store_tags(struct bdb *b, const struct theme_set *set, int64_t id,
    const uint64_t *rule, const uint64_t *inh, const uint64_t *cited,
    struct tag_rows *rows, char **err)
{
	for (size_t r = 0; r < set->n; r++) {
		uint64_t	 bit = (uint64_t)1 << (r % 64);
		size_t		 k = r / 64;
		const char	*source = (rule[k] & bit) ? "rule" :
				    (inh[k] & bit) ? "inherited" :
				    (cited[k] & bit) ? "cited" : NULL;

		if (source == NULL)
			continue;
		rows->id[rows->n] = id;
		rows->theme[rows->n] = set->v[r].slug;
		rows->source[rows->n++] = source;
		if (rows->n == TAG_ROWS && flush_rows(b, rows, err) != 0)
			return -1;
	}
	return 0;
}

/* What m's rules match in each block a rule may tag, into rule (w
 * words a block, zeroed).  0, or -1 when the tokenizer failed. */
static int
match_blocks(struct themes_matcher *m, const struct doc *d, uint64_t *rule,
    size_t w)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (rule_kind(d->blocks[i].kind) && themes_matcher_run(m,
		    block_text(d, &d->blocks[i]), &rule[i * w]) != 0)
			return -1;
	return 0;
}

/* The rule hits found ahead (pre) serve if they were found with the
 * same themes (hash), else the rules run again here. */
static int
tag_doc_with(struct bdb *b, const struct cached_set *c,
    struct themes_matcher *m, const struct doc *d, struct doc_tags *t,
    const struct themes_hits *pre, char **err)
{
	const struct theme_set	*set = &c->set;
	struct tag_rows		 rows;

	if (pre != NULL && pre->hits != NULL && pre->w == t->w &&
	    strcmp(pre->hash, c->hash) == 0)
		memcpy(t->rule, pre->hits, d->nblocks * t->w * sizeof *t->rule);
	else if (match_blocks(m, d, t->rule, t->w) != 0) {
		*err = xasprintf("%s: themes: cannot tag blocks: the "
		    "tokenizer failed", bdb_path(b));
		return -1;
	}
	inherit(d, t);
	rows.n = 0;
	if (cite(b, d, t, err) != 0)
		return -1;
	for (size_t i = 0; i < d->nblocks; i++)
		if (store_tags(b, set, d->blocks[i].id, &t->rule[i * t->w],
		    &t->inh[i * t->w], &t->cited[i * t->w], &rows, err) != 0)
			return -1;
	return flush_rows(b, &rows, err);
}

/* Tag a document just stored (its blocks and citations written, its
 * block ids in d) with the handle's themes, in C: the same tags as
 * tag_all() gives it, without a second full-text index.  Inside the
 * import's transaction; themes_tag_check() at its end retags everything
 * if the set is not the one the index was tagged with.  pre: the rules'
 * hits found on the import's parsing thread, or NULL. */
int
themes_tag_doc(struct bdb *b, const struct doc *d,
    const struct themes_hits *pre, char **err)
{
	struct cached_set	*c = cached_set(b, NULL);
	struct themes_matcher	*m;
	struct doc_tags		 t;
	int			 rc;

	if (c->set.n == 0 || d->nblocks == 0)
		return 0;
	if ((m = matcher_of(b, c)) == NULL) {
		*err = xasprintf("%s: themes: cannot tag blocks: FTS5 has no "
		    "porter tokenizer", bdb_path(b));
		return -1;
	}
	t.w = themes_matcher_words(m);
	t.rule = xcalloc(3 * d->nblocks * t.w, sizeof *t.rule);
	t.inh = t.rule + d->nblocks * t.w;
	t.cited = t.inh + d->nblocks * t.w;
	rc = tag_doc_with(b, c, m, d, &t, pre, err);
	free(t.rule);
	return rc;
}

/* For an import's parsing thread: a matcher of its own for the
 * handle's current themes, and their hash; NULL without themes or
 * tokenizer.  Made on the writer's thread, before the other starts. */
struct themes_matcher *
themes_import_matcher(struct bdb *b, char hash[17])
{
	struct cached_set	*c = cached_set(b, NULL);

	snprintf(hash, 17, "%s", c->hash);
	return c->set.n > 0 ? themes_matcher_new(bdb_sqlite(b), &c->set) :
	    NULL;
}

/* A parsed document's rule hits, computed ahead with m (on the parsing
 * thread: m is that thread's own). */
void
themes_hits_make(struct themes_matcher *m, const char *hash,
    const struct doc *d, struct themes_hits *h)
{
	memset(h, 0, sizeof *h);
	if (m == NULL || d->nblocks == 0)
		return;
	h->w = themes_matcher_words(m);
	h->hits = xcalloc(d->nblocks * h->w, sizeof *h->hits);
	if (match_blocks(m, d, h->hits, h->w) != 0) {
		free(h->hits);
		h->hits = NULL;
	}
	snprintf(h->hash, sizeof h->hash, "%s", hash);
}

void
themes_hits_clear(struct themes_hits *h)
{
	free(h->hits);
	memset(h, 0, sizeof *h);
}

/* Inside the import's transaction, after its documents were tagged and
 * indexed: retag everything when the index was tagged with another set.
 * The themes.conf messages are left to bdb_themes_sync (brief themes,
 * the reader), not repeated on every import. */
int
themes_tag_check(struct bdb *b, char **err)
{
	struct cached_set	*c = cached_set(b, NULL);
	char			 have[17];

	stored_hash(b, have);
	if (strcmp(c->hash, have) != 0)
		return apply_set(b, &c->set, c->hash, err);
	return 0;
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
