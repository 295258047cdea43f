/* team.c: everyone's review at once, read from the team_* tables of the
 * review store (db/review.sql, migration 2): the entries of one author
 * or all (brief export --authors), as rows or as JSON, and progress per
 * person and per theme (brief progress).  Ordered by document, block,
 * author and content only, never by this store's own numbers, so two
 * stores holding the same team data give the same output. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "brief-db.h"
#include "store.h"
#include "xmalloc.h"

/* Columns: author, slug, anchor, kind, value, uid, at, edited, copy,
 * seq (NULL: orphaned), state.  ?1: one author, or NULL for all; ?2,
 * ?3: one document and block, or NULL. */
#define TEAM_ROWS "WITH e(author, slug, anchor, kind, value, uid, at, " \
	"edited, hash, copy) AS (" \
	"SELECT author, slug, anchor, 'status', status, '', changed_at, " \
	"NULL, text_hash, 0 FROM review.team_status " \
	"UNION ALL SELECT author, slug, anchor, 'note', body, uid, " \
	"created_at, edited_at, text_hash, copy_of IS NOT NULL " \
	"FROM review.team_notes WHERE NOT deleted " \
	"UNION ALL SELECT author, slug, anchor, 'tag', CASE WHEN removed " \
	"THEN '-' ELSE '+' END || theme, '', changed_at, NULL, NULL, 0 " \
	"FROM review.team_tags), " \
	"r AS (SELECT e.author, e.slug, e.anchor, e.kind, e.value, e.uid, " \
	"e.at, e.edited, e.copy, k.seq AS seq, CASE WHEN k.id IS NULL THEN 2 " \
	"WHEN e.hash IS NULL OR e.hash = k.hash THEN 0 ELSE 1 END AS state " \
	"FROM e LEFT JOIN documents d ON d.slug = e.slug " \
	"LEFT JOIN blocks k ON k.doc_id = d.id AND k.anchor = e.anchor " \
	"WHERE (?1 IS NULL OR e.author = ?1) AND (?2 IS NULL OR e.slug = ?2) " \
	"AND (?3 IS NULL OR e.anchor = ?3)) "
#define TEAM_ORDER "ORDER BY r.slug, r.seq IS NULL, r.seq, r.anchor, " \
	"r.author, r.kind = 'note', r.kind, r.at, r.value, r.uid"

static sqlite3_stmt *
team_stmt(struct bdb *b, const char *sql, const char *author)
{
	sqlite3_stmt	*st;

	if (!bdb_review_attached(b) || (st = bdb_stmt(b, sql)) == NULL)
		return NULL;
	if (author != NULL)
		bind_str(st, 1, author);
	return st;
}

static void
entry_from_row(sqlite3_stmt *st, void *slot)
{
	struct bdb_team_entry	*e = slot;

	e->author = col_str(st, 0);
	e->slug = col_str(st, 1);
	e->anchor = col_str(st, 2);
	e->kind = col_str(st, 3);
	e->value = col_str0(st, 4);
	e->uid = col_str(st, 5);
	e->at = col_str(st, 6);
	e->edited = col_str(st, 7);
	e->copy = sqlite3_column_int(st, 8);
	e->seq = sqlite3_column_int(st, 9);
	e->state = sqlite3_column_int(st, 10);
}

int
bdb_team_entries(struct bdb *b, const char *author, const char *slug,
    const char *anchor, struct bdb_team_entry **out, size_t *n)
{
	sqlite3_stmt	*st = team_stmt(b, TEAM_ROWS "SELECT r.author, r.slug, "
	    "r.anchor, r.kind, r.value, r.uid, r.at, r.edited, r.copy, "
	    "coalesce(r.seq, -1), r.state FROM r " TEAM_ORDER, author);

	if (st != NULL) {
		bind_str(st, 2, slug);
		bind_str(st, 3, anchor);
	}
	return db_rows(st, out, n, sizeof **out, entry_from_row);
}

void
bdb_team_entries_free(struct bdb_team_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].author);
		free(e[i].slug);
		free(e[i].anchor);
		free(e[i].kind);
		free(e[i].value);
		free(e[i].uid);
		free(e[i].at);
		free(e[i].edited);
	}
	free(e);
}

int
bdb_team_json(struct bdb *b, const char *author, char **json)
{
	sqlite3_stmt	*st = team_stmt(b, TEAM_ROWS "SELECT json_object("
	    "'authors', json((SELECT json_group_array(a) FROM (SELECT DISTINCT "
	    "author AS a FROM r ORDER BY a))), 'entries', json((SELECT "
	    "json_group_array(json(o)) FROM (SELECT json_object('author', "
	    "r.author, 'document', r.slug, 'anchor', r.anchor, 'kind', r.kind, "
	    "'value', brief_clean(r.value), 'note', CASE WHEN r.uid <> '' THEN "
	    "r.uid END, 'conflict_copy', json(CASE WHEN r.copy THEN 'true' ELSE "
	    "'false' END), 'at', r.at, 'edited', r.edited, 'state', CASE "
	    "r.state WHEN 0 THEN 'current' WHEN 1 THEN 'changed' ELSE "
	    "'orphaned' END) AS o FROM r " TEAM_ORDER "))))", author);

	*json = NULL;
	if (st == NULL)
		return BDB_DATA;
	db_row_str(st, json);
	return *json != NULL ? BDB_OK : BDB_DATA;
}

static void
progress_from_row(sqlite3_stmt *st, void *slot)
{
	struct bdb_progress	*p = slot;

	p->author = col_str(st, 0);
	p->key = col_str(st, 1);
	p->title = col_str(st, 2);
	p->total = sqlite3_column_int(st, 3);
	for (int i = 0; i < RS__COUNT; i++)
		p->count[i] = sqlite3_column_int(st, 4 + i);
	p->notes = sqlite3_column_int(st, 4 + RS__COUNT);
}

/* Progress per author (everyone with a status or a note) over all
 * recommendations (theme "") and per rule theme. */
int
bdb_team_progress(struct bdb *b, struct bdb_progress **out, size_t *n)
{
	sqlite3_stmt	*st = team_stmt(b, "WITH people(author) AS ("
	    "SELECT author FROM review.team_status UNION SELECT author FROM "
	    "review.team_notes WHERE NOT deleted), "
	    "recs(slug, anchor, theme) AS (SELECT d.slug, k.anchor, '' FROM "
	    "blocks k JOIN documents d ON d.id = k.doc_id WHERE k.kind = "
	    "'bullet' UNION ALL SELECT d.slug, k.anchor, bt.theme FROM "
	    "block_themes bt JOIN blocks k ON k.id = bt.block_id AND "
	    "k.kind = 'bullet' JOIN documents d ON d.id = k.doc_id) "
	    "SELECT p.author, r.theme, coalesce(t.name, "
	    "'all recommendations'), count(*), "
	    "count(CASE WHEN coalesce(s.status, 'unread') = 'unread' THEN 1 "
	    "END), count(CASE WHEN s.status = 'read' THEN 1 END), "
	    "count(CASE WHEN s.status = 'flagged' THEN 1 END), "
	    "count(CASE WHEN s.status = 'done' THEN 1 END), "
	    "sum((SELECT count(*) FROM review.team_notes o WHERE o.author = "
	    "p.author AND o.slug = r.slug AND o.anchor = r.anchor AND NOT "
	    "o.deleted)) FROM people p CROSS JOIN recs r "
	    "LEFT JOIN review.team_status s ON s.author = p.author AND "
	    "s.slug = r.slug AND s.anchor = r.anchor "
	    "LEFT JOIN themes t ON t.slug = r.theme "
	    "GROUP BY p.author, r.theme "
	    "ORDER BY p.author, r.theme <> '', coalesce(t.seq, 1e9), r.theme",
	    NULL);

	return db_rows(st, out, n, sizeof **out, progress_from_row);
}
