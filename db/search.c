/* search.c: full-text search over the index (brief-db.h, "search"):
 * ranked hits with snippets and breadcrumbs, their JSON form, and the
 * matches inside one block or one document for the pager.
 *
 * User text only ever reaches SQL through fts_translate() (db/
 * fts-query.c) and bound parameters.  Ranking is bm25() times a weight
 * per block kind (KIND_WEIGHT), so recommendations and headings come
 * before signatures and addresses holding the same words.  The ranked
 * ids are chosen in a subquery with LIMIT; snippet() runs only for the
 * rows returned.  Snippets carry the matches between \001 and \002
 * (never in block text: the importer strips C0 controls), which this
 * file turns into byte ranges (struct hit's marks) and removes, so no
 * control character ever leaves db/. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "fts-query.h"
#include "store.h"
#include "xmalloc.h"

#define SEARCH_LIMIT	50
#define BREADCRUMB_MAX	60	/* bytes */
#define RERANK		5	/* candidates per hit shown, see sql_ranked */
#define MARK_OPEN	'\001'
#define MARK_CLOSE	'\002'

/* bm25() is negative, lower is better: a weight above 1 lifts a kind. */
#define KIND_WEIGHT \
	"CASE b.kind WHEN 'bullet' THEN 2.0 WHEN 'heading' THEN 2.0 " \
	"WHEN 'title' THEN 1.5 WHEN 'paragraph' THEN 1.0 " \
	"WHEN 'footnote' THEN 0.8 ELSE 0.4 END"

/* Filters on blocks b: ?3 in: flags, ?4 ",id,id," documents (any),
 * ?5 document id, ?6 "\037slug\037slug\037" themes (all), ?7 their
 * count. */
#define FILTERS \
	" AND (?3 = 0 OR (?3 & 1 AND b.kind = 'footnote') OR " \
	"(?3 & 2 AND b.kind = 'bullet'))" \
	" AND (?4 IS NULL OR instr(?4, ',' || b.doc_id || ',') > 0)" \
	" AND (?5 IS NULL OR b.doc_id = ?5)" \
	" AND (?6 IS NULL OR (SELECT count(*) FROM block_themes t " \
	"WHERE t.block_id = b.id AND " \
	"instr(?6, char(31) || t.theme || char(31)) > 0) = ?7)"

#define HIT_COLUMNS "b.id, h.score, b.seq, b.kind, b.anchor, d.slug, " \
	"b.doc_id, b.parent_seq"

/* The best ?10 rows by plain bm25 come from FTS5's own ORDER BY rank
 * (sorted inside FTS5, no lookups); only those are looked up in blocks,
 * weighted by kind.  The re-ranking is exact whenever fewer than ?10
 * blocks match (any letter-sized index); on a large one a block outside
 * the ?10 best by bm25 cannot climb in by its kind alone. */
static const char sql_ranked[] =
    "SELECT " HIT_COLUMNS ", (SELECT snippet(blocks_fts, 0, char(1), "
    "char(2), '...', 24) FROM blocks_fts WHERE blocks_fts MATCH ?1 AND "
    "blocks_fts.rowid = h.id) "
    "FROM (SELECT c.id AS id, c.rank * " KIND_WEIGHT " AS score "
    "FROM (SELECT rowid AS id, rank FROM blocks_fts WHERE blocks_fts "
    "MATCH ?1 ORDER BY rank LIMIT ?10) c "
    "JOIN blocks b ON b.id = c.id WHERE 1" FILTERS
    " ORDER BY score, c.id LIMIT ?8 OFFSET ?9) h "
    "JOIN blocks b ON b.id = h.id JOIN documents d ON d.id = b.doc_id "
    "ORDER BY h.score, h.id";

/* With filters: every match is looked up, weighted and filtered. */
static const char sql_ranked_filtered[] =
    "SELECT " HIT_COLUMNS ", (SELECT snippet(blocks_fts, 0, char(1), "
    "char(2), '...', 24) FROM blocks_fts WHERE blocks_fts MATCH ?1 AND "
    "blocks_fts.rowid = h.id) "
    "FROM (SELECT b.id AS id, bm25(blocks_fts) * " KIND_WEIGHT " AS score "
    "FROM blocks_fts JOIN blocks b ON b.id = blocks_fts.rowid "
    "WHERE blocks_fts MATCH ?1" FILTERS
    " ORDER BY score, b.id LIMIT ?8 OFFSET ?9) h "
    "JOIN blocks b ON b.id = h.id JOIN documents d ON d.id = b.doc_id "
    "ORDER BY h.score, h.id";

/* Filters alone ("in:footnotes", "theme:asylum"): document order, the
 * start of the text as the snippet.  ?1 is unused. */
static const char sql_filtered[] =
    "SELECT " HIT_COLUMNS ", CASE WHEN length(b.text) > 160 THEN "
    "substr(b.text, 1, 160) || '...' ELSE b.text END "
    "FROM blocks b JOIN documents d ON d.id = b.doc_id, "
    "(SELECT 0.0 AS score, ?1 AS unused) h WHERE 1" FILTERS
    " ORDER BY d.slug, b.seq LIMIT ?8 OFFSET ?9";

static const char sql_in_doc[] =
    "SELECT b.seq FROM blocks_fts JOIN blocks b ON b.id = blocks_fts.rowid "
    "WHERE blocks_fts MATCH ?1 AND blocks_fts.rowid BETWEEN "
    "(SELECT min(id) FROM blocks WHERE doc_id = ?5) AND "
    "(SELECT max(id) FROM blocks WHERE doc_id = ?5)" FILTERS
    " ORDER BY b.seq";

/* The translated query and its filters, ready to bind. */
struct search {
	struct fts_query q;
	char		*doc_ids;	/* ",3,7," or NULL */
	int64_t		 doc_id;	/* opts->doc, 0 if none */
	char		*themes;	/* "\037a\037b\037" or NULL */
	int		 nthemes;
};

static void
search_clear(struct search *s)
{
	fts_query_clear(&s->q);
	free(s->doc_ids);
	free(s->themes);
	memset(s, 0, sizeof *s);
}

static char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return xstrdup(t != NULL ? (const char *)t : "");
}

/* A plain message for an SQLite failure; never SQLite's own text. */
static int
step_error(int rc, char **err)
{
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		*err = xstrdup("the index is busy (another brief is writing "
		    "to it); try again");
		return BDB_DATA;
	}
	if (rc == SQLITE_ERROR) {
		*err = xstrdup("cannot read this query; try plain words");
		return BDB_USAGE;
	}
	*err = xstrdup("the search failed: the index may be damaged (try "
	    "'brief check')");
	return BDB_DATA;
}

static int
no_stmt(char **err)
{
	*err = xstrdup("the search failed: the index is not usable (try "
	    "'brief check')");
	return BDB_DATA;
}

static int64_t
doc_id_of(struct bdb *b, const char *name)
{
	char		*slug = bdb_resolve(b, name);
	sqlite3_stmt	*st;
	int64_t		 id = 0;

	if (slug == NULL ||
	    (st = bdb_stmt(b, "SELECT id FROM documents WHERE slug = ?")) == NULL) {
		free(slug);
		return 0;
	}
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	free(slug);
	return id;
}

static int
resolve_docs(struct bdb *b, struct search *s, const char *doc, char **err)
{
	struct buf	 ids = { 0 };
	int64_t		 id;

	for (size_t i = 0; i < s->q.ndocs; i++) {
		if ((id = doc_id_of(b, s->q.docs[i])) == 0) {
			*err = xasprintf("doc:%.60s: no such document (try "
			    "'brief list')", s->q.docs[i]);
			buf_free(&ids);
			return BDB_NOTFOUND;
		}
		buf_printf(&ids, "%s%lld,", ids.len ? "" : ",", (long long)id);
	}
	s->doc_ids = ids.len ? buf_steal(&ids) : NULL;
	if (doc != NULL && (s->doc_id = doc_id_of(b, doc)) == 0) {
		*err = xasprintf("%.60s: no such document (try 'brief list')",
		    doc);
		return BDB_NOTFOUND;
	}
	return BDB_OK;
}

static int
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* "\037a\037b\037" of the distinct themes asked for. */
static int
collect_themes(struct search *s, const char *theme, char **err)
{
	struct buf	 b = { 0 };
	char		*key;

	buf_addc(&b, '\037');
	for (size_t i = 0; i <= s->q.nthemes; i++) {
		const char *t = i < s->q.nthemes ? s->q.themes[i] : theme;

		if (t == NULL)
			continue;
		if (*t == '\0' || has_control(t)) {
			*err = xstrdup("a theme name is empty or holds "
			    "control characters");
			buf_free(&b);
			return BDB_USAGE;
		}
		key = xasprintf("\037%s\037", t);
		if (strstr(b.data, key) == NULL) {
			buf_printf(&b, "%s\037", t);
			s->nthemes++;
		}
		free(key);
	}
	s->themes = s->nthemes ? buf_steal(&b) : NULL;
	buf_free(&b);
	return BDB_OK;
}

static int
search_prepare(struct bdb *b, struct search *s, const char *query,
    const char *theme, const char *doc, char **err)
{
	int	rc;

	memset(s, 0, sizeof *s);
	*err = NULL;
	if (fts_translate(query != NULL ? query : "", &s->q, err) != 0)
		return BDB_USAGE;
	if (s->q.status != NULL) {
		*err = xstrdup("status: needs the review store, which this "
		    "version cannot search yet");
		return BDB_USAGE;
	}
	if ((rc = resolve_docs(b, s, doc, err)) != BDB_OK)
		return rc;
	return collect_themes(s, theme, err);
}

static void
bind_filters(sqlite3_stmt *st, const struct search *s)
{
	sqlite3_bind_text(st, 1, s->q.match, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, (int)s->q.in);
	if (s->doc_ids != NULL)
		sqlite3_bind_text(st, 4, s->doc_ids, -1, SQLITE_STATIC);
	if (s->doc_id != 0)
		sqlite3_bind_int64(st, 5, s->doc_id);
	if (s->themes != NULL) {
		sqlite3_bind_text(st, 6, s->themes, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 7, s->nthemes);
	}
}

/* Remove the \001 \002 marks from text, in place, noting where they
 * were; newlines and tabs become spaces. */
static size_t
take_marks(char *text, uint32_t (**marks)[2])
{
	size_t		 n = 0, j = 0;
	uint32_t	 open = 0;

	*marks = NULL;
	for (size_t i = 0; text[i] != '\0'; i++) {
		if (text[i] == MARK_OPEN)
			open = (uint32_t)j;
		else if (text[i] == MARK_CLOSE) {
			*marks = xreallocarray(*marks, n + 1, sizeof **marks);
			(*marks)[n][0] = open;
			(*marks)[n++][1] = (uint32_t)j;
		} else
			text[j++] = text[i] == '\n' || text[i] == '\t' ?
			    ' ' : text[i];
	}
	text[j] = '\0';
	return n;
}

/* "anchor text", cut on a character boundary to at most max bytes. */
static char *
crumb_text(const char *anchor, const char *text, size_t max)
{
	struct buf	 b = { 0 };
	size_t		 cut;

	buf_printf(&b, "%s %s", anchor, text);
	for (size_t i = 0; i < b.len; i++)
		if (b.data[i] == '\n' || b.data[i] == '\t')
			b.data[i] = ' ';
	if (b.len > max) {
		cut = max - 3;
		while (cut > 0 && (b.data[cut] & 0xc0) == 0x80)
			cut--;
		b.len = cut;
		b.data[cut] = '\0';
		buf_adds(&b, "...");
	}
	return buf_steal(&b);
}

/* The seq of the first block citing footnote block_id, or -1. */
static int
first_citing(struct bdb *b, int64_t block_id)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT k.seq FROM citations c "
	    "JOIN blocks k ON k.id = c.block_id WHERE c.footnote_id = ? "
	    "ORDER BY k.seq LIMIT 1");
	int		 seq = -1;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, block_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		seq = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return seq;
}

/* The nearest recommendation at or above seq, as crumb_text(). */
static char *
rec_above(struct bdb *b, int64_t doc_id, int seq)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT kind, parent_seq, anchor, "
	    "text FROM blocks WHERE doc_id = ? AND seq = ?");
	char		*crumb = NULL;

	for (int depth = 0; st != NULL && seq >= 0 && depth < 32; depth++) {
		sqlite3_bind_int64(st, 1, doc_id);
		sqlite3_bind_int(st, 2, seq);
		if (sqlite3_step(st) != SQLITE_ROW)
			break;
		if (strcmp((const char *)sqlite3_column_text(st, 0),
		    "bullet") == 0) {
			crumb = crumb_text((const char *)sqlite3_column_text(st,
			    2), (const char *)sqlite3_column_text(st, 3),
			    BREADCRUMB_MAX);
			break;
		}
		seq = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 1);
		sqlite3_reset(st);
	}
	if (st != NULL)
		sqlite3_reset(st);
	return crumb != NULL ? crumb : xstrdup("");
}

/* The recommendation a hit sits under: above it, or for a footnote,
 * at or above the first block citing it. */
static char *
breadcrumb(struct bdb *b, const struct hit *h, int64_t doc_id,
    int parent_seq)
{
	if (strcmp(h->kind, "footnote") == 0)
		return rec_above(b, doc_id, first_citing(b, h->block_id));
	return rec_above(b, doc_id, parent_seq);
}

static void
hit_from_row(struct bdb *b, sqlite3_stmt *st, struct hit *h)
{
	memset(h, 0, sizeof *h);
	h->block_id = sqlite3_column_int64(st, 0);
	h->rank = sqlite3_column_double(st, 1);
	h->seq = sqlite3_column_int(st, 2);
	h->kind = col_text(st, 3);
	h->anchor = col_text(st, 4);
	h->slug = col_text(st, 5);
	h->snippet = col_text(st, 8);
	h->nmarks = take_marks(h->snippet, &h->marks);
	h->breadcrumb = breadcrumb(b, h, sqlite3_column_int64(st, 6),
	    sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(st, 7));
}

static int
has_filters(const struct search *s)
{
	return s->q.in != 0 || s->doc_ids != NULL || s->doc_id != 0 ||
	    s->themes != NULL;
}

static sqlite3_stmt *
search_stmt(struct bdb *b, const struct search *s)
{
	if (s->q.match == NULL)
		return bdb_stmt(b, sql_filtered);
	return bdb_stmt(b, has_filters(s) ? sql_ranked_filtered : sql_ranked);
}

static int
run_search(struct bdb *b, const struct search *s, int limit, int offset,
    struct hit **hits, size_t *n, char **err)
{
	sqlite3_stmt	*st = search_stmt(b, s);
	int		 rc;

	if (st == NULL)
		return no_stmt(err);
	limit = limit > 0 ? limit : SEARCH_LIMIT;
	offset = offset > 0 ? offset : 0;
	bind_filters(st, s);
	sqlite3_bind_int(st, 8, limit);
	sqlite3_bind_int(st, 9, offset);
	if (s->q.match != NULL && !has_filters(s))
		sqlite3_bind_int(st, 10, RERANK * (limit + offset));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*hits = xreallocarray(*hits, *n + 1, sizeof **hits);
		hit_from_row(b, st, &(*hits)[(*n)++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return step_error(rc, err);
	return *n > 0 ? BDB_OK : BDB_NOTFOUND;
}

int
bdb_search(struct bdb *b, const struct search_opts *o, struct hit **hits,
    size_t *n, char **err)
{
	struct search	 s;
	int		 rc;

	*hits = NULL;
	*n = 0;
	rc = search_prepare(b, &s, o->query, o->theme, o->doc, err);
	if (rc == BDB_OK)
		rc = run_search(b, &s, o->limit, o->offset, hits, n, err);
	if (rc != BDB_OK && rc != BDB_NOTFOUND) {
		bdb_hits_free(*hits, *n);
		*hits = NULL;
		*n = 0;
	}
	search_clear(&s);
	return rc;
}

void
bdb_hits_free(struct hit *hits, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(hits[i].slug);
		free(hits[i].anchor);
		free(hits[i].kind);
		free(hits[i].breadcrumb);
		free(hits[i].snippet);
		free(hits[i].marks);
	}
	free(hits);
}

char *
hit_marked_snippet(const struct hit *h, const char *open, const char *close)
{
	struct buf	 b = { 0 };
	size_t		 at = 0;

	for (size_t i = 0; i < h->nmarks; i++) {
		buf_add(&b, h->snippet + at, h->marks[i][0] - at);
		buf_adds(&b, open);
		buf_add(&b, h->snippet + h->marks[i][0],
		    h->marks[i][1] - h->marks[i][0]);
		buf_adds(&b, close);
		at = h->marks[i][1];
	}
	buf_adds(&b, h->snippet + at);
	return buf_steal(&b);
}

/* Append one hit to the JSON array acc: json_insert(acc, '$[#]', ...). */
static char *
json_append(sqlite3_stmt *st, char *acc, const struct hit *h)
{
	char	*snippet = hit_marked_snippet(h, "[", "]"), *out = NULL;

	sqlite3_bind_text(st, 1, acc, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, h->slug, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, h->anchor, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, h->kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, h->breadcrumb, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, snippet, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(st, 7, h->rank);
	if (sqlite3_step(st) == SQLITE_ROW)
		out = col_text(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	free(snippet);
	free(acc);
	return out;
}

char *
bdb_hits_json(struct bdb *b, const struct hit *hits, size_t n)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT json_insert(?1, '$[#]', "
	    "json_object('doc', ?2, 'anchor', ?3, 'kind', ?4, "
	    "'breadcrumb', ?5, 'snippet', ?6, 'rank', round(?7, 4)))");
	char		*acc = xstrdup("[]");

	if (st == NULL) {
		free(acc);
		return NULL;
	}
	for (size_t i = 0; i < n && acc != NULL; i++)
		acc = json_append(st, acc, &hits[i]);
	return acc;
}

int
bdb_match_ranges(struct bdb *b, const char *query, int64_t block_id,
    uint32_t (**ranges)[2], size_t *n)
{
	struct fts_query q;
	sqlite3_stmt	*st;
	char		*err, *text;
	int		 rc = BDB_OK;

	*ranges = NULL;
	*n = 0;
	if (fts_translate(query != NULL ? query : "", &q, &err) != 0) {
		free(err);
		return BDB_USAGE;
	}
	if (q.match == NULL)
		goto out;
	if ((st = bdb_stmt(b, "SELECT highlight(blocks_fts, 0, char(1), "
	    "char(2)) FROM blocks_fts WHERE blocks_fts MATCH ? AND "
	    "rowid = ?")) == NULL) {
		rc = BDB_DATA;
		goto out;
	}
	sqlite3_bind_text(st, 1, q.match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, block_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		text = col_text(st, 0);
		*n = take_marks(text, ranges);
		free(text);
	}
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? BDB_OK : BDB_DATA;
	sqlite3_reset(st);
out:
	fts_query_clear(&q);
	return rc;
}

int
bdb_search_doc(struct bdb *b, const char *query, const char *slug,
    int **seqs, size_t *n)
{
	struct search	 s;
	sqlite3_stmt	*st = NULL;
	char		*err = NULL;
	int		 rc;

	*seqs = NULL;
	*n = 0;
	if ((rc = search_prepare(b, &s, query, NULL, slug, &err)) != BDB_OK)
		goto out;
	if (s.q.match == NULL) {
		rc = BDB_USAGE;
		goto out;
	}
	if ((st = bdb_stmt(b, sql_in_doc)) == NULL) {
		rc = BDB_DATA;
		goto out;
	}
	bind_filters(st, &s);
	sqlite3_bind_null(st, 4);	/* doc: filters do not apply here */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*seqs = xreallocarray(*seqs, *n + 1, sizeof **seqs);
		(*seqs)[(*n)++] = sqlite3_column_int(st, 0);
	}
	rc = rc != SQLITE_DONE ? BDB_DATA : *n > 0 ? BDB_OK : BDB_NOTFOUND;
	sqlite3_reset(st);
out:
	free(err);
	search_clear(&s);
	return rc;
}
