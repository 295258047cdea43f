/* review-export.c: the review as a whole, for brief export: every
 * recommendation and every reviewed block with its status, notes and
 * citations, as rows or as one JSON document. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "review-int.h"
#include "store.h"
#include "xmalloc.h"

/* --- export ------------------------------------------------------------- */

/* The blocks an export lists, with their status (columns: slug, anchor,
 * seq, depth, rec, text, cites, status, state); ?1 slug or NULL, ?2
 * theme or NULL.  Orphans follow when there is no theme. */
#define RV_ITEMS RV_TAGGED ", items AS (" \
	"SELECT d.slug AS slug, k.anchor AS anchor, k.seq AS seq, " \
	"k.depth AS depth, k.kind = 'bullet' AS rec, k.text AS text, " \
	"(SELECT group_concat(anchor, ',') FROM (SELECT f.anchor FROM " \
	"citations c JOIN blocks f ON f.id = c.footnote_id WHERE " \
	"c.block_id = k.id ORDER BY f.seq)) AS cites, " \
	"(SELECT json_group_array(anchor) FROM (SELECT f.anchor FROM " \
	"citations c JOIN blocks f ON f.id = c.footnote_id WHERE " \
	"c.block_id = k.id ORDER BY f.seq)) AS cites_json, " \
	"coalesce(s.status, 'unread') AS status, " \
	"s.text_hash IS NOT NULL AND s.text_hash <> k.hash OR EXISTS " \
	"(SELECT 1 FROM review.notes o WHERE o.slug = d.slug AND o.anchor = " \
	"k.anchor AND o.text_hash <> k.hash) AS state, " \
	"d.id AS doc_id, 0 AS orphan, coalesce(d.parent, d.slug) AS dkey, " \
	"d.parent IS NOT NULL AS dsub " \
	"FROM documents d JOIN blocks k ON k.doc_id = d.id " \
	"LEFT JOIN review.status s ON s.slug = d.slug AND s.anchor = k.anchor " \
	"WHERE (?1 IS NULL OR d.slug = ?1) AND (k.kind = 'bullet' OR " \
	"s.slug IS NOT NULL OR EXISTS (SELECT 1 FROM review.notes o WHERE " \
	"o.slug = d.slug AND o.anchor = k.anchor)) AND (?2 IS NULL OR k.id IN " \
	"(SELECT block_id FROM tagged WHERE theme = ?2)) " \
	"UNION ALL SELECT e.slug, e.anchor, -1, 0, 0, NULL, NULL, '[]', " \
	"coalesce((SELECT status FROM review.status s WHERE s.slug = e.slug " \
	"AND s.anchor = e.anchor), 'unread'), 2, NULL, 1, e.slug, 0 FROM " \
	"(SELECT slug, anchor FROM review.status UNION " \
	"SELECT slug, anchor FROM review.notes) e WHERE ?2 IS NULL AND " \
	"(?1 IS NULL OR e.slug = ?1) AND NOT EXISTS (SELECT 1 FROM blocks k " \
	"JOIN documents d ON d.id = k.doc_id WHERE d.slug = e.slug AND " \
	"k.anchor = e.anchor)) "
#define RV_ITEMS_ORDER "ORDER BY i.orphan, i.dkey, i.dsub, i.slug, " \
	"i.seq, i.anchor"

static void
item_from_row(sqlite3_stmt *st, void *slot)
{
	struct bdb_item	*it = slot;

	it->slug = col_str(st, 0);
	it->anchor = col_str(st, 1);
	it->seq = sqlite3_column_int(st, 2);
	it->depth = sqlite3_column_int(st, 3);
	it->rec = sqlite3_column_int(st, 4);
	it->text = col_str(st, 5);
	it->cites = col_str(st, 6);
	it->status = bdb_status_from_name(
	    (const char *)sqlite3_column_text(st, 7));
	it->state = sqlite3_column_int(st, 8);
	if (it->status < 0)
		it->status = RS_UNREAD;
}

int
bdb_review_items(struct bdb *b, const char *slug, const char *theme,
    struct bdb_item **out, size_t *n)
{
	sqlite3_stmt	*st = rv_stmt(b, RV_ITEMS "SELECT i.slug, i.anchor, "
	    "i.seq, i.depth, i.rec, i.text, i.cites, i.status, i.state "
	    "FROM items i " RV_ITEMS_ORDER, NULL);
	int		 rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return BDB_DATA;
	bind_str(st, 1, slug);
	bind_str(st, 2, theme);
	rc = db_rows(st, out, n, sizeof **out, item_from_row);
	for (size_t i = 0; rc == BDB_OK && i < *n; i++)
		rc = bdb_notes(b, (*out)[i].slug, (*out)[i].anchor,
		    &(*out)[i].notes, &(*out)[i].nnotes);
	return rc;
}

void
bdb_items_free(struct bdb_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(items[i].slug);
		free(items[i].anchor);
		free(items[i].text);
		free(items[i].cites);
		bdb_notes_free(items[i].notes, items[i].nnotes);
	}
	free(items);
}

int
bdb_review_json(struct bdb *b, const char *slug, const char *theme,
    char **json)
{
	return bdb_review_json_status(b, slug, theme, NULL, json);
}

/* ?3: a status name, "changed" (the block changed since reviewed), or
 * NULL for every item; the same filter as export --status on md and csv. */
int
bdb_review_json_status(struct bdb *b, const char *slug, const char *theme,
    const char *status, char **json)
{
	sqlite3_stmt	*st = rv_stmt(b, RV_ITEMS ", objs AS (SELECT i.*, "
	    "json_object('anchor', i.anchor, 'recommendation', "
	    "json(CASE WHEN i.rec THEN 'true' ELSE 'false' END), 'depth', "
	    "i.depth, 'status', i.status, 'state', CASE i.state WHEN 0 THEN "
	    "'current' WHEN 1 THEN 'changed' ELSE 'orphaned' END, 'cites', "
	    "json(i.cites_json), "
	    "'text', i.text, 'notes', json((SELECT json_group_array(json_object("
	    "'id', o.id, 'body', brief_clean(o.body), 'created', o.created_at, 'edited', "
	    "o.edited_at)) FROM (SELECT * FROM review.notes o WHERE o.slug = "
	    "i.slug AND o.anchor = i.anchor ORDER BY o.id) o))) AS obj "
	    "FROM items i WHERE ?3 IS NULL OR CASE ?3 WHEN 'changed' THEN "
	    "i.state = 1 ELSE i.status = ?3 END " RV_ITEMS_ORDER ") "
	    "SELECT json_object('documents', json((SELECT json_group_array("
	    "json_object('slug', d.slug, 'title', d.title, 'kind', d.kind, "
	    "'reference', d.reference, 'date', d.date, 'items', json((SELECT "
	    "json_group_array(json(x.obj)) FROM objs x WHERE x.doc_id = d.id))))"
	    " FROM (SELECT d.* FROM documents d WHERE ?1 IS NULL OR d.slug = ?1 "
	    "ORDER BY " RV_DOC_ORDER ") d)), 'orphaned', json((SELECT "
	    "json_group_array(json_insert(json(x.obj), '$.document', x.slug)) "
	    "FROM objs x WHERE x.orphan)), 'theme', ?2)", NULL);

	*json = NULL;
	if (st == NULL)
		return BDB_DATA;
	bind_str(st, 1, slug);
	bind_str(st, 2, theme);
	bind_str(st, 3, status);
	db_row_str(st, json);
	return *json != NULL ? BDB_OK : BDB_DATA;
}
