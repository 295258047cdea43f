/* review-status.c: the review status of each block (unread, read,
 * flagged, done), the marks the pager draws from it, progress per
 * document and per theme, and the entries whose block changed or went
 * (see review.c for how the store is attached and written). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "review-int.h"
#include "store.h"
#include "xmalloc.h"

static const char *const status_names[RS__COUNT] = {
	"unread", "read", "flagged", "done"
};
static const char *const rstate_names[] = {
	"current", "changed", "orphaned"
};

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

/* --- status ------------------------------------------------------------- */

int
bdb_status_get(struct bdb *b, const char *slug, const char *anchor,
    int *status, int *state)
{
	sqlite3_stmt	*st = rv_stmt_at(b, "SELECT s.status, " RV_STATE_SQL(
	    "s.text_hash", "(SELECT k.hash FROM blocks k JOIN documents d ON "
	    "d.id = k.doc_id WHERE d.slug = s.slug AND k.anchor = s.anchor)")
	    " FROM review.status s WHERE s.slug = ?1 AND s.anchor = ?2",
	    slug, anchor, NULL);
	int		 rc;

	*status = RS_UNREAD;
	*state = RV_CURRENT;
	if (st == NULL)
		return BDB_DATA;
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
	sqlite3_stmt	*st = rv_stmt_at(b, RV_JOURNAL "SELECT brief_author(), "
	    RV_HLC ", 'status', d.slug, k.anchor, k.hash, '', ?3, NULL, "
	    RV_NOW ", " RV_NOW " FROM blocks k JOIN documents d ON "
	    "d.id = k.doc_id WHERE d.slug = ?1 AND k.anchor = ?2",
	    slug, anchor, err);
	int		 rc;

	if (st == NULL)
		return BDB_DATA;
	bind_str(st, 3, bdb_status_name(status));
	rc = rv_write(b, st, 1, err);
	if (rc == BDB_NOTFOUND)
		return rv_not_found(slug, anchor, err);
	if (rc == BDB_OK)
		count_change(b);
	return rc;
}

int
bdb_status_cycle(struct bdb *b, const char *slug, const char *anchor,
    int *status, char **err)
{
	sqlite3_stmt	*st = rv_stmt_at(b, RV_JOURNAL "SELECT brief_author(), "
	    RV_HLC ", 'status', d.slug, k.anchor, k.hash, '', CASE (SELECT "
	    "s.status FROM review.status s WHERE s.slug = d.slug AND "
	    "s.anchor = k.anchor) WHEN 'read' THEN 'flagged' WHEN 'flagged' "
	    "THEN 'done' WHEN 'done' THEN 'unread' ELSE 'read' END, NULL, "
	    RV_NOW ", " RV_NOW " FROM blocks k JOIN documents d ON "
	    "d.id = k.doc_id WHERE d.slug = ?1 AND k.anchor = ?2 "
	    "RETURNING value", slug, anchor, err);
	int		 rc, got = -1;

	if (st == NULL)
		return BDB_DATA;
	if ((rc = rv_step(st)) == SQLITE_ROW) {
		got = bdb_status_from_name(
		    (const char *)sqlite3_column_text(st, 0));
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rv_write_error(b, rc, err);
	if (got < 0)
		return rv_not_found(slug, anchor, err);
	*status = got;
	count_change(b);
	return BDB_OK;
}

static void
mark_from_row(sqlite3_stmt *st, void *slot)
{
	struct bdb_mark	*m = slot;

	m->anchor = col_str(st, 0);
	m->seq = sqlite3_column_int(st, 1);
	m->status = bdb_status_from_name(
	    (const char *)sqlite3_column_text(st, 2));
	m->state = sqlite3_column_int(st, 3) ? RV_CHANGED : RV_CURRENT;
	m->nnotes = sqlite3_column_int(st, 4);
}

/* Whether anyone has an entry (a status, a note) on the document.  Most
 * documents the reader opens have none, and asking costs a fifth of
 * preparing bdb_marks' join, which then is not prepared at all; nor is
 * the author looked up (brief_author(): the password database and the
 * host name) before the reader's first frame. */
static int
has_entries(struct bdb *b, const char *slug)
{
	sqlite3_stmt	*st = rv_stmt(b, "SELECT EXISTS (SELECT 1 FROM "
	    "review.team_status WHERE slug = ?1) OR EXISTS (SELECT 1 FROM "
	    "review.team_notes WHERE slug = ?1 AND NOT deleted)", NULL);
	int		 yes = 1;	/* when in doubt, the join says */

	if (st == NULL)
		return yes;
	bind_str(st, 1, slug);
	if (sqlite3_step(st) == SQLITE_ROW)
		yes = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return yes;
}

int
bdb_marks(struct bdb *b, const char *slug, struct bdb_mark **out, size_t *n)
{
	sqlite3_stmt	*st;

	if (!has_entries(b, slug)) {
		*out = NULL;
		*n = 0;
		return BDB_OK;
	}
	/* From the entries to the blocks, not every block to its entries:
	 * the reader asks this before its first frame, and a document of
	 * 10,000 blocks with three marks costs three lookups.  The tables
	 * behind the views status and notes, read as those views do (the
	 * views' own expansion doubled the cost of preparing it). */
	st = rv_stmt(b, "WITH m(anchor) AS ("
	    "SELECT anchor FROM review.team_status WHERE author = "
	    "brief_author() AND slug = ?1 UNION SELECT anchor FROM "
	    "review.team_notes WHERE author = brief_author() AND slug = ?1 "
	    "AND NOT deleted) "
	    "SELECT k.anchor, k.seq, coalesce(s.status, 'unread'), "
	    "s.text_hash IS NOT NULL AND s.text_hash <> k.hash, "
	    "(SELECT count(*) FROM review.team_notes o WHERE o.author = "
	    "brief_author() AND NOT o.deleted AND o.slug = ?1 AND "
	    "o.anchor = k.anchor) "
	    "FROM m CROSS JOIN documents d CROSS JOIN blocks k "
	    "ON d.slug = ?1 AND k.doc_id = d.id AND k.anchor = m.anchor "
	    "LEFT JOIN review.team_status s ON s.author = brief_author() AND "
	    "s.slug = ?1 AND s.anchor = k.anchor ORDER BY k.seq", NULL);

	if (st != NULL)
		bind_str(st, 1, slug);
	return db_rows(st, out, n, sizeof **out, mark_from_row);
}

void
bdb_marks_free(struct bdb_mark *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(m[i].anchor);
	free(m);
}

/* --- progress ----------------------------------------------------------- */

#define RV_COUNTS "count(k.id), " \
	"count(CASE WHEN k.id IS NOT NULL AND coalesce(s.status, 'unread') = " \
	"'unread' THEN 1 END), count(CASE WHEN s.status = 'read' THEN 1 END), " \
	"count(CASE WHEN s.status = 'flagged' THEN 1 END), " \
	"count(CASE WHEN s.status = 'done' THEN 1 END), " \
	"count(CASE WHEN s.text_hash <> k.hash THEN 1 END), "

static void
progress_from_row(sqlite3_stmt *st, void *slot)
{
	struct bdb_progress	*p = slot;

	p->key = col_str(st, 0);
	p->title = col_str(st, 1);
	p->total = sqlite3_column_int(st, 2);
	for (int i = 0; i < RS__COUNT; i++)
		p->count[i] = sqlite3_column_int(st, 3 + i);
	p->changed = sqlite3_column_int(st, 3 + RS__COUNT);
	p->notes = sqlite3_column_int(st, 4 + RS__COUNT);
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

	return db_rows(st, out, n, sizeof **out, progress_from_row);
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

	return db_rows(st, out, n, sizeof **out, progress_from_row);
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

static void
stale_from_row(sqlite3_stmt *st, void *slot)
{
	struct bdb_stale	*e = slot;

	e->slug = col_str(st, 0);
	e->anchor = col_str(st, 1);
	e->state = sqlite3_column_int(st, 2);
	e->status = bdb_status_from_name(
	    (const char *)sqlite3_column_text(st, 3));
	if (e->status < 0)
		e->status = RS_UNREAD;
	e->nnotes = sqlite3_column_int(st, 4);
}

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

	if (st != NULL)
		bind_str(st, 1, slug);
	return db_rows(st, out, n, sizeof **out, stale_from_row);
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
