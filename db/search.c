/* search.c: full-text search over the index (brief-db.h, "search"):
 * ranked hits with snippets and breadcrumbs, their JSON form, and the
 * matches inside one block or one document for the pager.
 *
 * User text only ever reaches SQL through fts_translate() (db/
 * fts-query.c) and bound parameters.  Ranking is bm25() times a weight
 * per block kind, so recommendations and headings come before
 * signatures and addresses holding the same words.  The weight comes
 * from the column a match is in (migration 4 puts each block's text in
 * its kind's column), inside the rank function brief_rank() below: FTS5
 * then sorts by the final score itself (ORDER BY rank), and the snippet
 * function (brief_snippet(), db/search-snippet.c), in the same
 * statement, runs only for the rows returned.  Snippets carry the
 * matches between \001 and \002 (never in block text: the importer
 * strips C0 controls), which this file turns into byte ranges (struct
 * hit's marks) and removes, so no control character ever leaves db/. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "fts-query.h"
#include "search-int.h"
#include "store.h"
#include "xmalloc.h"

#define SEARCH_LIMIT	50
#define BREADCRUMB_MAX	4096	/* bytes: whole; text output cuts */
#define MARK_OPEN	'\001'
#define MARK_CLOSE	'\002'

/* The weight of each column of blocks_fts (lead: bullets and headings,
 * title, para, note: footnotes, other: signatures, addresses...). */
static const double column_weight[] = { 2.0, 1.5, 1.0, 0.8, 0.4 };

/* A block's column in blocks_fts, as the view blocks_fts_src has it. */
#define KIND_COLUMN \
	"CASE kind WHEN 'bullet' THEN 0 WHEN 'heading' THEN 0 " \
	"WHEN 'title' THEN 1 WHEN 'paragraph' THEN 2 " \
	"WHEN 'footnote' THEN 3 ELSE 4 END"
#define B_KIND_COLUMN \
	"CASE b.kind WHEN 'bullet' THEN 0 WHEN 'heading' THEN 0 " \
	"WHEN 'title' THEN 1 WHEN 'paragraph' THEN 2 " \
	"WHEN 'footnote' THEN 3 ELSE 4 END"

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

/* status:VALUE, ?10, against the attached review store: a block with no
 * status there is unread; changed is a status kept for an older text. */
#define STATUS_FILTER \
	" AND CASE ?10 WHEN 'changed' THEN EXISTS (SELECT 1 FROM " \
	"review.status r WHERE r.slug = (SELECT slug FROM documents WHERE " \
	"id = b.doc_id) AND r.anchor = b.anchor AND r.text_hash <> b.hash) " \
	"ELSE coalesce((SELECT r.status FROM review.status r WHERE r.slug = " \
	"(SELECT slug FROM documents WHERE id = b.doc_id) AND r.anchor = " \
	"b.anchor), 'unread') = ?10 END"

#define HIT_COLUMNS "b.id, h.score, b.seq, b.kind, b.anchor, d.slug, " \
	"b.doc_id, b.parent_seq"

/* FTS5 sorts the matches by brief_rank() and hands them over best
 * first; the filters (if any) drop rows as they come, and the LIMIT
 * stops the scan, so blocks are looked up and snippets made only for
 * the rows shown (and the filtered-out ones before them).  The snippet
 * is made from b.text, which the join has already read. */
#define SQL_RANKED(status) \
    "SELECT b.id, blocks_fts.rank, b.seq, b.kind, b.anchor, d.slug, " \
    "b.doc_id, b.parent_seq, brief_snippet(blocks_fts, b.text, " \
    B_KIND_COLUMN ") FROM blocks_fts JOIN blocks b ON " \
    "b.id = blocks_fts.rowid JOIN documents d ON d.id = b.doc_id " \
    "WHERE blocks_fts MATCH ?1 AND blocks_fts.rank MATCH 'brief_rank()' " \
    "AND blocks_fts.rowid BETWEEN ?11 AND ?12" FILTERS status \
    " ORDER BY blocks_fts.rank LIMIT ?8 OFFSET ?9"
static const char sql_ranked_status[] = SQL_RANKED(STATUS_FILTER);
static const char sql_ranked_filtered[] = SQL_RANKED("");

/* Without filters, in two steps.  First the page's rowids and ranks
 * from the full-text index alone: SQLite keeps the best LIMIT + OFFSET
 * rows as they come (FTS5's own ORDER BY rank sorts every match first),
 * brief_rank() with that number passes over rows that cannot reach
 * them, and keeps the matches of those it scores (?13, a struct
 * search_keep).  Then each row of the page is read from blocks and
 * documents, its snippet made from the kept matches: the full-text
 * query runs once (a phrase of common words, or a prefix that merges
 * many doclists, costs as much again a second time).  ?2 is LIMIT +
 * OFFSET. */
static const char sql_ranked[] =
    "SELECT rowid, brief_rank(blocks_fts, ?2, ?13) FROM blocks_fts "
    "WHERE blocks_fts MATCH ?1 ORDER BY 2, 1 LIMIT ?8 OFFSET ?9";
/* One row of the page: ?2 its id, ?3 its rank, ?1 the kept matches. */
static const char sql_page_row[] =
    "SELECT b.id, ?3, b.seq, b.kind, b.anchor, d.slug, b.doc_id, "
    "b.parent_seq, brief_hit_snippet(?1, b.id, b.text, " B_KIND_COLUMN
    ") FROM blocks b JOIN documents d ON d.id = b.doc_id WHERE b.id = ?2";

/* Filters alone ("in:footnotes", "theme:asylum"): document order, the
 * start of the text as the snippet.  ?1 is unused.  Documents by slug,
 * then their blocks by seq (CROSS JOIN keeps that order of the loops),
 * is already the order asked for: the scan stops at the LIMIT instead of
 * testing every block of the index and sorting the lot. */
#define SQL_FILTERED(status) \
    "SELECT " HIT_COLUMNS ", CASE WHEN length(b.text) > 160 THEN " \
    "substr(b.text, 1, 160) || '...' ELSE b.text END " \
    "FROM documents d CROSS JOIN blocks b ON d.id = b.doc_id, " \
    "(SELECT 0.0 AS score, ?1 AS unused) h WHERE 1" FILTERS status \
    " ORDER BY d.slug, b.seq LIMIT ?8 OFFSET ?9"
static const char sql_filtered[] = SQL_FILTERED("");
static const char sql_filtered_status[] = SQL_FILTERED(STATUS_FILTER);

/* --- brief_rank(): bm25 times the weight of the match's column ------ */

/* Per query (FTS5 auxdata): the phrases' IDF and the mean row length,
 * as FTS5's own bm25() computes them; with brief_rank(blocks_fts, K),
 * the K best scores so far (a min-heap of -rank), so that a row whose
 * score cannot reach them is passed over without reading its length. */
struct rank_data {
	int	 nphrase;
	double	 avgdl;
	double	*idf;
	double	*freq;		/* per row, scratch */
	double	*top;		/* min-heap of the best scores (positive) */
	int	 ntop, k;	/* in it; wanted (0: every row exact) */
	struct search_keep *keep;	/* matches of scored rows, or NULL */
};

static void
rank_data_free(void *p)
{
	struct rank_data *d = p;

	if (d != NULL) {
		free(d->idf);
		free(d->freq);
		free(d->top);
		free(d);
	}
}

static int
count_hit(const Fts5ExtensionApi *api, Fts5Context *ctx, void *arg)
{
	(void)api, (void)ctx;
	++*(sqlite3_int64 *)arg;
	return SQLITE_OK;
}

/* Natural logarithm of x > 0, to double precision: x = m * 2^e with m
 * in [1, 2), ln m = 2 atanh((m - 1) / (m + 1)).  Here so that brief
 * needs no libm for one log() per query term. */
static double
ln(double x)
{
	const double	ln2 = 0.69314718055994530942;
	double		t, t2, term, sum = 0.0;
	int		e = 0;

	while (x >= 2.0) {
		x /= 2.0;
		e++;
	}
	while (x < 1.0) {
		x *= 2.0;
		e--;
	}
	t = (x - 1.0) / (x + 1.0);	/* 0 <= t < 1/3 */
	t2 = t * t;
	term = t;
	for (int k = 1; k < 40; k += 2) {
		sum += term / k;
		term *= t2;
	}
	return e * ln2 + 2.0 * sum;
}

static struct rank_data *
rank_data_new(const Fts5ExtensionApi *api, Fts5Context *ctx, int k)
{
	struct rank_data	*d = xcalloc(1, sizeof *d);
	sqlite3_int64		 nrow = 0, ntok = 0, nhit;

	if (k > 0) {
		d->k = k;
		d->top = xcalloc((size_t)k, sizeof *d->top);
	}
	d->nphrase = api->xPhraseCount(ctx);
	d->idf = xcalloc((size_t)d->nphrase + 1, sizeof *d->idf);
	d->freq = xcalloc((size_t)d->nphrase + 1, sizeof *d->freq);
	if (api->xRowCount(ctx, &nrow) != SQLITE_OK ||
	    api->xColumnTotalSize(ctx, -1, &ntok) != SQLITE_OK) {
		rank_data_free(d);
		return NULL;
	}
	d->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1.0;
	for (int i = 0; i < d->nphrase; i++) {
		nhit = 0;
		if (api->xQueryPhrase(ctx, i, &nhit, count_hit) != SQLITE_OK) {
			rank_data_free(d);
			return NULL;
		}
		d->idf[i] = ln((nrow - nhit + 0.5) / (nhit + 0.5));
		if (d->idf[i] <= 0.0)
			d->idf[i] = 1e-6;	/* as FTS5: a common term counts */
	}
	return d;
}

/* Keep score among the k best: the heap's root is the worst kept. */
static void
top_add(struct rank_data *d, double score)
{
	int	i, c;

	if (d->ntop < d->k) {
		for (i = d->ntop++; i > 0 && d->top[(i - 1) / 2] > score;
		    i = (i - 1) / 2)
			d->top[i] = d->top[(i - 1) / 2];
		d->top[i] = score;
		return;
	}
	if (score <= d->top[0])
		return;
	for (i = 0; (c = 2 * i + 1) < d->ntop; i = c) {
		if (c + 1 < d->ntop && d->top[c + 1] < d->top[c])
			c++;
		if (d->top[c] >= score)
			break;
		d->top[i] = d->top[c];
	}
	d->top[i] = score;
}

/* bm25 of the row's phrase counts d->freq for a row length dl, times
 * the column's weight; positive, higher is better. */
static double
bm25_of(const struct rank_data *d, double dl, int col)
{
	const double	k1 = 1.2, bb = 0.75;
	double		score = 0.0;

	for (int i = 0; i < d->nphrase; i++)
		score += d->idf[i] * (d->freq[i] * (k1 + 1.0)) /
		    (d->freq[i] + k1 * (1.0 - bb + bb * dl / d->avgdl));
	if (col < 0 || col >= (int)(sizeof column_weight /
	    sizeof column_weight[0]))
		col = 2;
	return score * column_weight[col];
}

/* The first call of a query: its IDFs, K when given, and the caller's
 * struct search_keep, emptied, when given. */
static struct rank_data *
rank_setup(const Fts5ExtensionApi *api, Fts5Context *ctx, int nval,
    sqlite3_value **val)
{
	struct rank_data	*d;
	struct search_keep	*keep;
	int			 k = nval > 0 ? sqlite3_value_int(val[0]) : 0;

	if ((d = rank_data_new(api, ctx, k > 0 ? k : 0)) == NULL)
		return NULL;
	if (nval > 1 && (keep = sqlite3_value_pointer(val[1],
	    SEARCH_KEEP_TYPE)) != NULL) {
		keep->nrows = keep->ninst = 0;
		keep->nphrase = d->nphrase;
		keep->psize = xreallocarray(keep->psize,
		    (size_t)d->nphrase + 1, sizeof *keep->psize);
		for (int i = 0; i < d->nphrase; i++)
			keep->psize[i] = api->xPhraseSize(ctx, i);
		d->keep = keep;
	}
	if (api->xSetAuxdata(ctx, d, rank_data_free) != SQLITE_OK)
		return NULL;	/* FTS5 has freed d */
	return d;
}

/* Note match i of the current row in d->keep (committed by
 * keep_row()). */
static void
keep_inst(struct search_keep *k, int ip, int ic, int io)
{
	if (k->ninst == k->capinst) {
		k->capinst = k->capinst ? 2 * k->capinst : 256;
		k->inst = xreallocarray(k->inst, k->capinst, sizeof *k->inst);
	}
	k->inst[k->ninst].phrase = ip;
	k->inst[k->ninst].col = ic;
	k->inst[k->ninst++].off = io;
}

static void
keep_row(struct search_keep *k, int64_t rowid, size_t at)
{
	if (k->nrows == k->caprows) {
		k->caprows = k->caprows ? 2 * k->caprows : 64;
		k->rows = xreallocarray(k->rows, k->caprows, sizeof *k->rows);
	}
	k->rows[k->nrows].rowid = rowid;
	k->rows[k->nrows].at = at;
	k->rows[k->nrows++].n = (int)(k->ninst - at);
}

/* brief_rank(blocks_fts [, K]): FTS5's bm25() (k1 1.2, b 0.75;
 * negative, lower is better) times column_weight[] of the column the
 * row's text is in.  Reading a row's length (the docsize table, one
 * lookup a row) is most of the cost for a common word; with K, a row
 * whose best possible score -- its length at least the offset of its
 * last match -- cannot enter the K best seen so far gets +1, after every
 * real score, without that lookup.  The K best rows are then exactly
 * those of the full ranking, so ORDER BY brief_rank(...) LIMIT K (with
 * no filter between) returns the same rows in the same order.  With
 * brief_rank(blocks_fts, K, keep), the matches of each row scored
 * exactly go into keep (those of the K rows among them), for their
 * snippets. */
static void
rank_fn(const Fts5ExtensionApi *api, Fts5Context *ctx, sqlite3_context *res,
    int nval, sqlite3_value **val)
{
	struct rank_data	*d = api->xGetAuxdata(ctx, 0);
	double			 score;
	size_t			 at = 0;
	int			 ninst = 0, ip, ic, io, col = 2, dl = 0, lb = 0;

	if (d == NULL && (d = rank_setup(api, ctx, nval, val)) == NULL)
		goto fail;
	memset(d->freq, 0, (size_t)d->nphrase * sizeof *d->freq);
	if (api->xInstCount(ctx, &ninst) != SQLITE_OK)
		goto fail;
	if (d->keep != NULL)
		at = d->keep->ninst;
	for (int i = 0; i < ninst; i++) {
		if (api->xInst(ctx, i, &ip, &ic, &io) != SQLITE_OK)
			goto fail;
		if (d->keep != NULL)
			keep_inst(d->keep, ip, ic, io);
		if (ip < d->nphrase) {
			d->freq[ip] += 1.0;
			col = ic;
			if (io + 1 > lb)
				lb = io + 1;
		}
	}
	if (d->k > 0 && d->ntop == d->k &&
	    bm25_of(d, lb, col) < d->top[0]) {
		if (d->keep != NULL)
			d->keep->ninst = at;	/* never shown */
		sqlite3_result_double(res, 1.0);
		return;
	}
	if (api->xColumnSize(ctx, -1, &dl) != SQLITE_OK)
		goto fail;
	score = bm25_of(d, dl, col);
	if (d->k > 0)
		top_add(d, score);
	if (d->keep != NULL)
		keep_row(d->keep, api->xRowid(ctx), at);
	sqlite3_result_double(res, -score);
	return;
fail:
	sqlite3_result_error(res, "brief_rank failed", -1);
}

int
search_register_rank(sqlite3 *db)
{
	fts5_api	*api = NULL;
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL || api->iVersion < 2)
		return -1;
	if (search_register_snippet(db, api) != 0)
		return -1;
	return api->xCreateFunction(api, "brief_rank", NULL, rank_fn, NULL) ==
	    SQLITE_OK ? 0 : -1;
}

/* The flag of bdb_set_cancel: an interrupted FTS5 query may report a
 * plain SQLITE_ERROR, so the flag itself says it was cancelled. */
static volatile sig_atomic_t *cancel_flag;

/* Cancelling: SQLite calls this every few thousand steps of a query;
 * a non-zero flag (set by a signal handler) stops it with
 * SQLITE_INTERRUPT. */
static int
cancel_check(void *arg)
{
	return *(volatile sig_atomic_t *)arg != 0;
}

void
bdb_set_cancel(struct bdb *b, volatile sig_atomic_t *flag)
{
	cancel_flag = flag;
	if (flag != NULL)
		sqlite3_progress_handler(bdb_sqlite(b), 1000, cancel_check,
		    (void *)flag);
	else
		sqlite3_progress_handler(bdb_sqlite(b), 0, NULL, NULL);
}

/* A document's matching blocks in seq order, each with its text lit by
 * highlight() on the column its kind is in: every range of the document
 * in one statement, instead of one highlight() query per block drawn. */
#define SQL_IN_DOC(status) \
    "SELECT b.seq, highlight(blocks_fts, " KIND_COLUMN ", char(1), " \
    "char(2)) FROM blocks_fts JOIN blocks b ON b.id = blocks_fts.rowid " \
    "WHERE blocks_fts MATCH ?1 AND blocks_fts.rowid BETWEEN " \
    "(SELECT min(id) FROM blocks WHERE doc_id = ?5) AND " \
    "(SELECT max(id) FROM blocks WHERE doc_id = ?5)" FILTERS status \
    " ORDER BY b.seq"
static const char sql_in_doc[] = SQL_IN_DOC("");
static const char sql_in_doc_status[] = SQL_IN_DOC(STATUS_FILTER);

/* The translated query and its filters, ready to bind. */
struct search {
	struct fts_query q;
	char		*doc_ids;	/* ",3,7," or NULL */
	int64_t		 doc_id;	/* opts->doc, 0 if none */
	char		*themes;	/* "\037a\037b\037" or NULL */
	int		 nthemes;
	int64_t		 lo, hi;	/* block ids of the documents asked */
};

static void
search_clear(struct search *s)
{
	fts_query_clear(&s->q);
	free(s->doc_ids);
	free(s->themes);
	memset(s, 0, sizeof *s);
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
	if (rc == SQLITE_INTERRUPT || (cancel_flag != NULL && *cancel_flag)) {
		*err = xstrdup("search cancelled");
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
	bind_str(st, 1, slug);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	free(slug);
	return id;
}

/* Widen s->lo..hi to the block ids of document id: a document's blocks
 * are written together, so FTS5 reads only that stretch of rowids. */
static void
widen_ids(struct bdb *b, struct search *s, int64_t id)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT min(id), max(id) FROM "
	    "blocks WHERE doc_id = ?");
	int64_t		 lo, hi;

	if (st == NULL)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL) {
		lo = sqlite3_column_int64(st, 0);
		hi = sqlite3_column_int64(st, 1);
		if (s->hi < s->lo) {
			s->lo = lo;
			s->hi = hi;
		} else {
			s->lo = lo < s->lo ? lo : s->lo;
			s->hi = hi > s->hi ? hi : s->hi;
		}
	}
	sqlite3_reset(st);
}

/* The rowid range of doc: filters (any of them) and --doc (and with
 * them); every rowid when there are none. */
static void
doc_range(struct bdb *b, struct search *s, const int64_t *ids, size_t n)
{
	int64_t	lo, hi;

	s->lo = 1;
	s->hi = 0;			/* empty: nothing widened yet */
	for (size_t i = 0; i < n; i++)
		widen_ids(b, s, ids[i]);
	if (n > 0 && s->doc_id != 0 && s->hi >= s->lo) {
		lo = s->lo;
		hi = s->hi;
		s->lo = 1;
		s->hi = 0;
		widen_ids(b, s, s->doc_id);
		s->lo = lo > s->lo ? lo : s->lo;
		s->hi = hi < s->hi ? hi : s->hi;
	} else if (n == 0 && s->doc_id != 0)
		widen_ids(b, s, s->doc_id);
	if (n == 0 && s->doc_id == 0) {
		s->lo = INT64_MIN;
		s->hi = INT64_MAX;
	}
}

static int
resolve_docs(struct bdb *b, struct search *s, const char *doc, char **err)
{
	struct buf	 ids = { 0 };
	int64_t		*id = xreallocarray(NULL, s->q.ndocs + 1, sizeof *id);
	int		 rc = BDB_OK;

	for (size_t i = 0; i < s->q.ndocs; i++) {
		if ((id[i] = doc_id_of(b, s->q.docs[i])) == 0) {
			*err = xasprintf("doc:%.60s: no such document (try "
			    "'brief list')", s->q.docs[i]);
			rc = BDB_NOTFOUND;
			goto out;
		}
		buf_printf(&ids, "%s%lld,", ids.len ? "" : ",",
		    (long long)id[i]);
	}
	s->doc_ids = ids.len ? buf_steal(&ids) : NULL;
	if (doc != NULL && (s->doc_id = doc_id_of(b, doc)) == 0) {
		*err = xasprintf("%.60s: no such document (try 'brief list')",
		    doc);
		rc = BDB_NOTFOUND;
		goto out;
	}
	doc_range(b, s, id, s->q.ndocs);
out:
	buf_free(&ids);
	free(id);
	return rc;
}

static int
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static int
theme_exists(struct bdb *b, const char *slug)
{
	sqlite3_stmt	*st = bdb_stmt(b,
	    "SELECT 1 FROM themes WHERE slug = ?");
	int		 yes = 0;

	if (st == NULL)
		return 1;	/* the search itself will say what is wrong */
	bind_str(st, 1, slug);
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

/* An unknown theme is not "nothing found": say so, with the nearest. */
static int
no_such_theme(struct bdb *b, const char *t, char **err)
{
	char	*near = bdb_theme_nearest(b, t);

	*err = xasprintf("theme:%.60s: no such theme%s%s%s", t,
	    near ? " (nearest: " : "", near ? near : "", near ? ")" : "");
	free(near);
	return BDB_NOTFOUND;
}

/* "\037a\037b\037" of the distinct themes asked for. */
static int
collect_themes(struct bdb *db, struct search *s, const char *theme,
    char **err)
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
		if (!theme_exists(db, t)) {
			buf_free(&b);
			return no_such_theme(db, t, err);
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
	if (s->q.status != NULL && !bdb_review_attached(b)) {
		*err = xstrdup("status: needs the review store "
		    "(--review FILE), which is not open");
		return BDB_USAGE;
	}
	if ((rc = resolve_docs(b, s, doc, err)) != BDB_OK)
		return rc;
	return collect_themes(b, s, theme, err);
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
	if (s->q.status != NULL)
		sqlite3_bind_text(st, 10, s->q.status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 11, s->lo);
	sqlite3_bind_int64(st, 12, s->hi);
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

/* The seq of the first block citing footnote block_id, or -1.  min()
 * rather than ORDER BY ... LIMIT 1: that opened and freed a sorter for
 * each footnote shown (36 k instructions a hit). */
static int
first_citing(struct bdb *b, int64_t block_id)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT min(k.seq) FROM citations c "
	    "JOIN blocks k ON k.id = c.block_id WHERE c.footnote_id = ?");
	int		 seq = -1;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, block_id);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
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
	h->kind = col_str0(st, 3);
	h->anchor = col_str0(st, 4);
	h->slug = col_str0(st, 5);
	h->snippet = col_str0(st, 8);
	h->nmarks = take_marks(h->snippet, &h->marks);
	h->breadcrumb = breadcrumb(b, h, sqlite3_column_int64(st, 6),
	    sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(st, 7));
}

/* Words and no filter: the two steps of sql_ranked. */
static int
two_steps(const struct search *s)
{
	return s->q.match != NULL && s->q.status == NULL && s->q.in == 0 &&
	    s->doc_ids == NULL && s->doc_id == 0 && s->themes == NULL;
}

static sqlite3_stmt *
search_stmt(struct bdb *b, const struct search *s)
{
	if (s->q.match == NULL)
		return bdb_stmt(b, s->q.status ? sql_filtered_status :
		    sql_filtered);
	if (s->q.status != NULL)
		return bdb_stmt(b, sql_ranked_status);
	if (!two_steps(s))
		return bdb_stmt(b, sql_ranked_filtered);
	return bdb_stmt(b, sql_ranked);
}

struct page_row {
	int64_t	 id;
	double	 rank;
};

/* The second step: each row of the page from blocks and documents, its
 * snippet from the matches keep holds. */
static int
page_hits(struct bdb *b, const struct page_row *rows, size_t nrows,
    struct search_keep *keep, struct hit **hits, size_t *n, char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, sql_page_row);
	int		 rc = SQLITE_DONE;

	if (st == NULL)
		return no_stmt(err);
	for (size_t i = 0; i < nrows; i++) {
		sqlite3_bind_pointer(st, 1, keep, SEARCH_KEEP_TYPE, NULL);
		sqlite3_bind_int64(st, 2, rows[i].id);
		sqlite3_bind_double(st, 3, rows[i].rank);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			*hits = xappend(*hits, *n, sizeof **hits);
			hit_from_row(b, st, &(*hits)[(*n)++]);
			rc = SQLITE_DONE;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return step_error(rc, err);
	}
	return *n > 0 ? BDB_OK : BDB_NOTFOUND;
}

static int
run_search(struct bdb *b, const struct search *s, int limit, int offset,
    struct hit **hits, size_t *n, char **err)
{
	sqlite3_stmt		*st = search_stmt(b, s);
	struct search_keep	 keep = { 0 };
	struct page_row		*rows = NULL;
	size_t			 nrows = 0;
	int			 two = two_steps(s), rc;

	if (st == NULL)
		return no_stmt(err);
	limit = limit > 0 ? limit : SEARCH_LIMIT;
	offset = offset > 0 ? offset : 0;
	bind_filters(st, s);
	if (two) {
		sqlite3_bind_int64(st, 2, (sqlite3_int64)limit + offset);
		sqlite3_bind_pointer(st, 13, &keep, SEARCH_KEEP_TYPE, NULL);
	}
	sqlite3_bind_int(st, 8, limit);
	sqlite3_bind_int(st, 9, offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (two) {
			rows = xappend(rows, nrows, sizeof *rows);
			rows[nrows].id = sqlite3_column_int64(st, 0);
			rows[nrows++].rank = sqlite3_column_double(st, 1);
		} else {
			*hits = xappend(*hits, *n, sizeof **hits);
			hit_from_row(b, st, &(*hits)[(*n)++]);
		}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		rc = step_error(rc, err);
	else if (two)
		rc = page_hits(b, rows, nrows, &keep, hits, n, err);
	else
		rc = *n > 0 ? BDB_OK : BDB_NOTFOUND;
	free(rows);
	search_keep_free(&keep);
	return rc;
}

/* A search reads in one read transaction (unless the caller has one
 * open): each of its statements -- a row of the page, a step up to a
 * breadcrumb -- would otherwise take and drop the index's locks on its
 * own, a few system calls each, about 300 for a page of 50. */
static int
read_begin(struct bdb *b)
{
	sqlite3	*db = bdb_sqlite(b);

	return sqlite3_get_autocommit(db) && sqlite3_exec(db, "BEGIN", NULL,
	    NULL, NULL) == SQLITE_OK;
}

static void
read_end(struct bdb *b, int began)
{
	sqlite3	*db = bdb_sqlite(b);

	if (began && !sqlite3_get_autocommit(db) && sqlite3_exec(db,
	    "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

int
bdb_search(struct bdb *b, const struct search_opts *o, struct hit **hits,
    size_t *n, char **err)
{
	struct search	 s;
	int		 rc, began = read_begin(b);

	*hits = NULL;
	*n = 0;
	rc = search_prepare(b, &s, o->query, o->theme, o->doc, err);
	if (rc == BDB_OK)
		rc = run_search(b, &s, o->limit, o->offset, hits, n, err);
	read_end(b, began);
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

/* The characters (code points) of s before byte off. */
static size_t
char_offset(const char *s, size_t off)
{
	size_t n = 0;

	for (size_t i = 0; i < off && s[i] != '\0'; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* "[[start,end],...]": the matches in the snippet, in characters, so
 * JSON readers find them without markers in the text. */
static char *
json_matches(const struct hit *h)
{
	struct buf	 b = { 0 };

	buf_addc(&b, '[');
	for (size_t i = 0; i < h->nmarks; i++)
		buf_printf(&b, "%s[%zu,%zu]", i ? "," : "",
		    char_offset(h->snippet, h->marks[i][0]),
		    char_offset(h->snippet, h->marks[i][1]));
	buf_addc(&b, ']');
	return buf_steal(&b);
}

/* One hit as a JSON object: whole fields, the snippet without marks,
 * the matches beside it; NULL if SQLite fails. */
static char *
json_hit(sqlite3_stmt *st, const struct hit *h)
{
	char	*snippet = json_matches(h), *out = NULL;

	bind_str(st, 2, h->slug);
	bind_str(st, 3, h->anchor);
	bind_str(st, 4, h->kind);
	bind_str(st, 5, h->breadcrumb);
	bind_str(st, 6, h->snippet);
	sqlite3_bind_double(st, 7, h->rank);
	bind_str(st, 8, snippet);
	if (sqlite3_step(st) == SQLITE_ROW)
		out = col_str(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	free(snippet);
	return out;
}

/* The hits as a JSON array, its objects joined as json_insert() would
 * write them ('[a,b]'): one object at a time, where inserting each into
 * the array so far had SQLite parse the whole array again (quadratic:
 * two thirds of a --json search of 50 hits). */
char *
bdb_hits_json(struct bdb *b, const struct hit *hits, size_t n)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT json_object('doc', ?2, "
	    "'anchor', ?3, 'kind', ?4, 'breadcrumb', ?5, 'snippet', ?6, "
	    "'matches', json(?8), 'rank', round(?7, 4))");
	struct buf	 out = { 0 };
	char		*obj;

	if (st == NULL)
		return NULL;
	buf_addc(&out, '[');
	for (size_t i = 0; i < n; i++) {
		if ((obj = json_hit(st, &hits[i])) == NULL) {
			buf_free(&out);
			return NULL;
		}
		if (i > 0)
			buf_addc(&out, ',');
		buf_adds(&out, obj);
		free(obj);
	}
	buf_addc(&out, ']');
	return buf_steal(&out);
}

/* One block's row of SQL_IN_DOC: its seq, and its text with the matches
 * between \001 and \002 turned into byte ranges. */
static void
match_from_row(sqlite3_stmt *st, struct doc_match *m)
{
	char	*text = col_str0(st, 1);

	m->seq = sqlite3_column_int(st, 0);
	m->nranges = take_marks(text, &m->ranges);
	free(text);
}

/* The rows of SQL_IN_DOC for a prepared search s. */
static int
doc_matches(struct bdb *b, const struct search *s, struct doc_match **m,
    size_t *n, char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, s->q.status ? sql_in_doc_status :
	    sql_in_doc);
	int		 rc;

	if (st == NULL)
		return no_stmt(err);
	bind_filters(st, s);
	sqlite3_bind_null(st, 4);	/* doc: filters do not apply here */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*m = xappend(*m, *n, sizeof **m);
		match_from_row(st, &(*m)[(*n)++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		*err = xstrdup("the index could not be read");
		return BDB_DATA;
	}
	return *n > 0 ? BDB_OK : BDB_NOTFOUND;
}

int
bdb_search_doc(struct bdb *b, const char *query, const char *slug,
    struct doc_match **m, size_t *n, char **err)
{
	struct search	 s;
	int		 rc;

	*m = NULL;
	*n = 0;
	if ((rc = search_prepare(b, &s, query, NULL, slug, err)) != BDB_OK)
		goto out;
	if (s.q.match == NULL) {
		*err = xstrdup("give words to look for, not only filters");
		rc = BDB_USAGE;
		goto out;
	}
	rc = doc_matches(b, &s, m, n, err);
out:
	if (rc != BDB_OK) {
		bdb_doc_matches_free(*m, *n);
		*m = NULL;
		*n = 0;
	}
	search_clear(&s);
	return rc;
}

void
bdb_doc_matches_free(struct doc_match *m, size_t n)
{
	for (size_t i = 0; m != NULL && i < n; i++)
		free(m[i].ranges);
	free(m);
}
