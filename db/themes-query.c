/* themes-query.c: reading themes back from the index (brief-db.h,
 * "themes"): the list with counts, one theme's blocks grouped by
 * document with breadcrumbs, and both as JSON built by SQLite.
 *
 * Membership is block_themes with the user's personal tags applied
 * when the review store is attached (review.tags: added blocks come in
 * as 'personal', removed ones drop out).  Every query exists twice,
 * with and without the store; the review one does not prepare when the
 * store is absent, and the plain one is used instead. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "xmalloc.h"

#define CRUMB_MAX	72	/* bytes of a breadcrumb */

/* tb(block_id, theme, source): the effective tags. */
#define TB_PLAIN "WITH tb(block_id, theme, source) AS (SELECT block_id, " \
	"theme, source FROM block_themes) "
#define TB_REVIEW "WITH tb(block_id, theme, source) AS (" \
	"SELECT bt.block_id, bt.theme, bt.source FROM block_themes bt " \
	"JOIN blocks b ON b.id = bt.block_id JOIN documents d ON " \
	"d.id = b.doc_id WHERE NOT EXISTS (SELECT 1 FROM review.tags g " \
	"WHERE g.slug = d.slug AND g.anchor = b.anchor AND " \
	"g.theme = bt.theme AND g.removed = 1) UNION ALL " \
	"SELECT b.id, g.theme, 'personal' FROM review.tags g JOIN documents " \
	"d ON d.slug = g.slug JOIN blocks b ON b.doc_id = d.id AND " \
	"b.anchor = g.anchor WHERE g.removed = 0 AND NOT EXISTS (SELECT 1 " \
	"FROM block_themes x WHERE x.block_id = b.id AND x.theme = g.theme)) "

/* The review variant of a statement if the store is attached. */
static sqlite3_stmt *
stmt2(struct bdb *b, const char *with_review, const char *plain)
{
	sqlite3_stmt	*st = bdb_stmt(b, with_review);

	return st != NULL ? st : bdb_stmt(b, plain);
}

/* --- the list ------------------------------------------------------- */

void
bdb_theme_clear(struct theme *t)
{
	free(t->slug);
	free(t->name);
	free(t->description);
	free(t->rule);
	memset(t, 0, sizeof *t);
}

void
bdb_themes_free(struct theme *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		bdb_theme_clear(&v[i]);
	free(v);
}

/* Columns: slug name description rule nrecs nparas nfootnotes. */
#define COUNTS "SELECT t.slug, t.name, t.description, t.rule, " \
	"count(CASE WHEN b.kind = 'bullet' THEN 1 END), " \
	"count(CASE WHEN b.kind = 'paragraph' THEN 1 END), " \
	"count(CASE WHEN b.kind = 'footnote' THEN 1 END) FROM themes t " \
	"LEFT JOIN tb ON tb.theme = t.slug " \
	"LEFT JOIN blocks b ON b.id = tb.block_id "
#define COUNTS_ALL COUNTS "GROUP BY t.slug ORDER BY t.seq, t.slug"
#define COUNTS_ONE COUNTS "WHERE t.slug = ?1 GROUP BY t.slug"

/* Personal tags whose name is no theme's (review store only), each
 * listed as a theme of its own after the themes: the same columns, the
 * name its slug, the description "personal tag". */
#define PERSONAL "SELECT tb.theme, tb.theme, 'personal', '', " \
	"count(CASE WHEN b.kind = 'bullet' THEN 1 END), " \
	"count(CASE WHEN b.kind = 'paragraph' THEN 1 END), " \
	"count(CASE WHEN b.kind = 'footnote' THEN 1 END) FROM tb " \
	"JOIN blocks b ON b.id = tb.block_id WHERE tb.source = 'personal' " \
	"AND NOT EXISTS (SELECT 1 FROM themes t WHERE t.slug = tb.theme) "
#define PERSONAL_ALL PERSONAL "GROUP BY tb.theme ORDER BY tb.theme"
#define PERSONAL_ONE PERSONAL "AND tb.theme = ?1 GROUP BY tb.theme"

static void
theme_from_row(sqlite3_stmt *st, void *slot)
{
	struct theme	*t = slot;

	t->slug = col_str0(st, 0);
	t->name = col_str0(st, 1);
	t->description = col_str0(st, 2);
	t->rule = col_str0(st, 3);
	t->nrecs = sqlite3_column_int(st, 4);
	t->nparas = sqlite3_column_int(st, 5);
	t->nfootnotes = sqlite3_column_int(st, 6);
	t->ndone = -1;
}

/* Done counts; left at -1 without a review store. */
static void
count_done(struct bdb *b, struct theme *v, size_t n)
{
	sqlite3_stmt	*st = bdb_stmt(b, TB_REVIEW "SELECT count(*) FROM tb "
	    "JOIN blocks b ON b.id = tb.block_id JOIN documents d ON "
	    "d.id = b.doc_id JOIN review.status s ON s.slug = d.slug AND "
	    "s.anchor = b.anchor AND s.text_hash = b.hash WHERE tb.theme = ? "
	    "AND s.status = 'done'");

	for (size_t i = 0; st != NULL && i < n; i++) {
		sqlite3_reset(st);
		bind_str(st, 1, v[i].slug);
		if (sqlite3_step(st) == SQLITE_ROW)
			v[i].ndone = sqlite3_column_int(st, 0);
	}
	if (st != NULL)
		sqlite3_reset(st);
}

int
bdb_themes(struct bdb *b, struct theme **out, size_t *n)
{
	sqlite3_stmt	*st = stmt2(b, TB_REVIEW COUNTS_ALL,
	    TB_PLAIN COUNTS_ALL);
	int		 rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return BDB_DATA;
	rc = db_rows(st, out, n, sizeof **out, theme_from_row);
	/* Without the store the statement does not prepare: no tags. */
	if (rc == BDB_OK &&
	    (st = bdb_stmt(b, TB_REVIEW PERSONAL_ALL)) != NULL) {
		struct theme	*p = NULL;
		size_t		 np = 0;

		rc = db_rows(st, &p, &np, sizeof *p, theme_from_row);
		if (np > 0) {
			*out = xreallocarray(*out, *n + np, sizeof **out);
			memcpy(*out + *n, p, np * sizeof *p);
			for (size_t i = *n; i < *n + np; i++)
				(*out)[i].personal = 1;
			*n += np;
		}
		free(p);
	}
	count_done(b, *out, *n);
	return rc;
}

int
bdb_theme(struct bdb *b, const char *slug, struct theme *out)
{
	sqlite3_stmt	*st = stmt2(b, TB_REVIEW COUNTS_ONE,
	    TB_PLAIN COUNTS_ONE);
	int		 rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return BDB_DATA;
	bind_str(st, 1, slug);
	if ((rc = db_row(st, theme_from_row, out)) == BDB_NOTFOUND &&
	    (st = bdb_stmt(b, TB_REVIEW PERSONAL_ONE)) != NULL) {
		/* a personal tag, with the store */
		bind_str(st, 1, slug);
		if ((rc = db_row(st, theme_from_row, out)) == BDB_OK)
			out->personal = 1;
	}
	if (rc != BDB_OK)
		return rc;
	count_done(b, out, 1);
	return BDB_OK;
}

/* --- breadcrumbs ---------------------------------------------------- */

/* s cut to CRUMB_MAX bytes on a character boundary, marked "...". */
static char *
crumb(char *s)
{
	size_t	cut;

	if (s == NULL || strlen(s) <= CRUMB_MAX)
		return s;
	cut = CRUMB_MAX - 3;
	while (cut > 0 && (s[cut] & 0xc0) == 0x80)
		cut--;
	memcpy(s + cut, "...", 4);
	return s;
}

static char *
cited_by(struct bdb *b, int64_t block_id)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT group_concat(anchor, ', ') "
	    "FROM (SELECT k.anchor FROM citations c JOIN blocks k ON "
	    "k.id = c.block_id WHERE c.footnote_id = ? ORDER BY k.seq)");
	char		*list = NULL, *s = NULL;

	if (st == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, block_id);
	if (db_row_str(st, &list) == BDB_OK && list != NULL)
		s = xasprintf("cited by %s", list);
	free(list);
	return s;
}

/* The top recommendation above a nested block: "rec-2 Put human...". */
static char *
root_of(struct bdb *b, int64_t doc_id, int parent)
{
	sqlite3_stmt	*st;
	char		*s = NULL;

	for (int depth = 0; parent >= 0 && depth < 64; depth++) {
		st = bdb_stmt(b, "SELECT parent_seq, anchor || ' ' || text "
		    "FROM blocks WHERE doc_id = ? AND seq = ?");
		if (st == NULL)
			break;
		sqlite3_bind_int64(st, 1, doc_id);
		sqlite3_bind_int(st, 2, parent);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_reset(st);
			break;
		}
		free(s);
		s = col_str0(st, 1);
		parent = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 0);
		sqlite3_reset(st);
	}
	return s;
}

static char *
heading_before(struct bdb *b, int64_t doc_id, int seq)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT text FROM blocks WHERE "
	    "doc_id = ? AND seq < ? AND kind = 'heading' "
	    "ORDER BY seq DESC LIMIT 1");
	char		*s = NULL;

	if (st == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, doc_id);
	sqlite3_bind_int(st, 2, seq);
	db_row_str(st, &s);
	return s;
}

static char *
breadcrumb(struct bdb *b, int64_t doc_id, const struct block *bl)
{
	if (bl->kind == BK_FOOTNOTE)
		return cited_by(b, bl->id);
	if (bl->parent >= 0)
		return crumb(root_of(b, doc_id, bl->parent));
	return crumb(heading_before(b, doc_id, bl->seq));
}

/* --- one theme's blocks --------------------------------------------- */

#define BLOCKS "SELECT d.id, d.slug, d.title, d.kind, d.reference, " \
	BLOCK_COLUMNS(b) ", tb.source FROM tb JOIN blocks b ON b.id = tb.block_id " \
	"JOIN documents d ON d.id = b.doc_id WHERE tb.theme = ?1 " \
	"ORDER BY coalesce(d.parent, d.slug), d.parent IS NOT NULL, d.slug, " \
	"b.kind = 'footnote', b.seq"

static void
load_spans(struct bdb *b, struct block *bl)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT start, end, kind, target "
	    "FROM spans WHERE block_id = ? ORDER BY rowid");
	const char	*k;

	if (st == NULL)
		return;
	sqlite3_bind_int64(st, 1, bl->id);
	while (sqlite3_step(st) == SQLITE_ROW)
		if ((k = (const char *)sqlite3_column_text(st, 2)) != NULL)
			block_add_span(bl, (enum span_kind)k[0],
			    (uint32_t)sqlite3_column_int(st, 0),
			    (uint32_t)sqlite3_column_int(st, 1),
			    (const char *)sqlite3_column_text(st, 3));
	sqlite3_reset(st);
}

/* The group for this row's document: the last one, or a new one. */
static struct theme_doc *
group_for(sqlite3_stmt *st, struct theme_doc **v, size_t *n)
{
	struct theme_doc	*g;

	if (*n > 0 && (*v)[*n - 1].doc.id == sqlite3_column_int64(st, 0))
		return &(*v)[*n - 1];
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	g = &(*v)[(*n)++];
	memset(g, 0, sizeof *g);
	g->doc.id = sqlite3_column_int64(st, 0);
	g->doc.slug = col_str0(st, 1);
	g->doc.title = col_str0(st, 2);
	g->doc.kind = col_str0(st, 3);
	g->doc.reference = col_str(st, 4);
	return g;
}

static void
add_row(sqlite3_stmt *st, struct theme_doc *g)
{
	size_t	i = g->doc.nblocks++;

	g->doc.blocks = xreallocarray(g->doc.blocks, i + 1,
	    sizeof *g->doc.blocks);
	g->sources = xreallocarray(g->sources, i + 1, sizeof *g->sources);
	g->breadcrumbs = xreallocarray(g->breadcrumbs, i + 1,
	    sizeof *g->breadcrumbs);
	block_from_row(st, 5, &g->doc.blocks[i]);
	g->sources[i] = col_str0(st, 5 + BLOCK_NCOLUMNS);
	g->breadcrumbs[i] = NULL;
}

/* Spans and breadcrumbs, once the rows are read (they use other
 * cached statements). */
static void
finish_groups(struct bdb *b, struct theme_doc *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < v[i].doc.nblocks; j++) {
			load_spans(b, &v[i].doc.blocks[j]);
			v[i].breadcrumbs[j] = breadcrumb(b, v[i].doc.id,
			    &v[i].doc.blocks[j]);
		}
}

int
bdb_theme_blocks(struct bdb *b, const char *slug, struct theme_doc **out,
    size_t *n)
{
	sqlite3_stmt	*st = stmt2(b, TB_REVIEW BLOCKS, TB_PLAIN BLOCKS);
	int		 rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return BDB_DATA;
	bind_str(st, 1, slug);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add_row(st, group_for(st, out, n));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		bdb_theme_blocks_free(*out, *n);
		*out = NULL;
		*n = 0;
		return BDB_DATA;
	}
	finish_groups(b, *out, *n);
	return BDB_OK;
}

void
bdb_theme_blocks_free(struct theme_doc *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < v[i].doc.nblocks; j++) {
			free(v[i].breadcrumbs[j]);
			free(v[i].sources[j]);
		}
		free(v[i].breadcrumbs);
		free(v[i].sources);
		doc_clear(&v[i].doc);
	}
	free(v);
}

/* --- JSON ----------------------------------------------------------- */

#define JSON_LIST "SELECT json_group_array(json_object('slug', slug, " \
	"'name', name, 'description', description, 'rule', rule, " \
	"'recommendations', nr, 'paragraphs', np, 'footnotes', nf)) FROM (" \
	"SELECT t.slug, t.name, t.description, t.rule, t.seq, " \
	"count(CASE WHEN b.kind = 'bullet' THEN 1 END) AS nr, " \
	"count(CASE WHEN b.kind = 'paragraph' THEN 1 END) AS np, " \
	"count(CASE WHEN b.kind = 'footnote' THEN 1 END) AS nf " \
	"FROM themes t LEFT JOIN tb ON tb.theme = t.slug " \
	"LEFT JOIN blocks b ON b.id = tb.block_id " \
	"GROUP BY t.slug ORDER BY t.seq, t.slug)"

/* The blocks of document d.id in theme ?1, as a JSON array. */
#define JSON_DOC_BLOCKS "(SELECT json_group_array(json(j)) FROM (" \
	"SELECT json_object('anchor', b.anchor, 'kind', b.kind, 'source', " \
	"tb.source, 'text', b.text) AS j FROM tb JOIN blocks b ON " \
	"b.id = tb.block_id WHERE tb.theme = ?1 AND b.doc_id = d.id " \
	"ORDER BY b.kind = 'footnote', b.seq))"

#define JSON_ONE "SELECT json_object('slug', t.slug, 'name', t.name, " \
	"'description', t.description, 'rule', t.rule, 'documents', " \
	"(SELECT json_group_array(json(j)) FROM (SELECT json_object(" \
	"'slug', d.slug, 'title', d.title, 'kind', d.kind, 'blocks', " \
	"json(" JSON_DOC_BLOCKS ")) AS j FROM documents d WHERE EXISTS (" \
	"SELECT 1 FROM tb JOIN blocks b ON b.id = tb.block_id WHERE " \
	"tb.theme = ?1 AND b.doc_id = d.id) ORDER BY coalesce(d.parent, " \
	"d.slug), d.parent IS NOT NULL, d.slug))) FROM themes t " \
	"WHERE t.slug = ?1"

int
bdb_themes_json(struct bdb *b, const char *slug, char **json)
{
	sqlite3_stmt	*st;
	int		 rc;

	*json = NULL;
	if (slug == NULL)
		st = stmt2(b, TB_REVIEW JSON_LIST, TB_PLAIN JSON_LIST);
	else
		st = stmt2(b, TB_REVIEW JSON_ONE, TB_PLAIN JSON_ONE);
	if (st == NULL)
		return BDB_DATA;
	if (slug != NULL)
		bind_str(st, 1, slug);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*json = col_str(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW && *json != NULL)
		return BDB_OK;
	return rc == SQLITE_DONE ? BDB_NOTFOUND : BDB_DATA;
}
