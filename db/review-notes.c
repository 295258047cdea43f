/* review-notes.c: notes on blocks (each a journal row with a random
 * uid, so that stores can merge) and the drafts of notes not yet saved. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "review-int.h"
#include "store.h"
#include "xmalloc.h"

/* --- notes -------------------------------------------------------------- */

/* A note's name in every store: random, so two machines never clash. */
static char *
note_uid(void)
{
	unsigned char	r[12];
	char		*s = xmalloc(2 * sizeof r + 1);

	sqlite3_randomness(sizeof r, r);
	for (size_t i = 0; i < sizeof r; i++)
		snprintf(s + 2 * i, 3, "%02x", r[i]);
	return s;
}

int
bdb_note_add(struct bdb *b, const char *slug, const char *anchor,
    const char *body, int64_t *id, char **err)
{
	sqlite3_stmt	*st = rv_stmt_at(b, RV_JOURNAL "SELECT brief_author(), "
	    RV_HLC ", 'note', d.slug, k.anchor, k.hash, ?4, ?3, NULL, "
	    RV_NOW ", " RV_NOW " FROM blocks k JOIN documents d ON "
	    "d.id = k.doc_id WHERE d.slug = ?1 AND k.anchor = ?2",
	    slug, anchor, err);
	sqlite3_stmt	*num;
	char		*uid;
	int		 rc;

	if (st == NULL)
		return BDB_DATA;
	uid = note_uid();
	bind_str(st, 3, body);
	bind_str(st, 4, uid);
	rc = rv_write(b, st, 1, err);
	if (rc == BDB_NOTFOUND)
		rc = rv_not_found(slug, anchor, err);
	else if (rc == BDB_OK && id != NULL && (num = bdb_stmt(b, "SELECT id "
	    "FROM review.team_notes WHERE uid = ?1")) != NULL) {
		bind_str(num, 1, uid);
		*id = sqlite3_step(num) == SQLITE_ROW ?
		    sqlite3_column_int64(num, 0) : 0;
		sqlite3_reset(num);
	}
	free(uid);
	return rc;
}

/* Editing a note re-reads its block: the note now speaks of the text as
 * it is (an orphan keeps its old hash). */
int
bdb_note_edit(struct bdb *b, int64_t id, const char *body, char **err)
{
	sqlite3_stmt	*st = rv_stmt(b, RV_JOURNAL "SELECT n.author, " RV_HLC
	    ", 'note', n.slug, n.anchor, coalesce((SELECT k.hash FROM blocks k "
	    "JOIN documents d ON d.id = k.doc_id WHERE d.slug = n.slug AND "
	    "k.anchor = n.anchor), n.text_hash), n.uid, ?2, n.hlc, "
	    "n.created_at, " RV_NOW " FROM review.team_notes n WHERE n.id = ?1 "
	    "AND n.author = brief_author() AND NOT n.deleted", err);
	int		 rc;

	if (st == NULL)
		return BDB_DATA;
	sqlite3_bind_int64(st, 1, id);
	bind_str(st, 2, body);
	if ((rc = rv_write(b, st, 1, err)) == BDB_NOTFOUND)
		rv_set_err(err, xasprintf("no note %lld", (long long)id));
	return rc;
}

int
bdb_note_delete(struct bdb *b, int64_t id, char **err)
{
	sqlite3_stmt	*st = rv_stmt(b, RV_JOURNAL "SELECT n.author, " RV_HLC
	    ", 'note', n.slug, n.anchor, n.text_hash, n.uid, NULL, n.hlc, "
	    "n.created_at, " RV_NOW " FROM review.team_notes n WHERE n.id = ?1 "
	    "AND n.author = brief_author() AND NOT n.deleted", err);
	int		 rc;

	if (st == NULL)
		return BDB_DATA;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = rv_write(b, st, 1, err)) == BDB_NOTFOUND)
		rv_set_err(err, xasprintf("no note %lld", (long long)id));
	return rc;
}

static void
note_from_row(sqlite3_stmt *st, void *slot)
{
	struct bdb_note	*n = slot;

	n->id = sqlite3_column_int64(st, 0);
	n->slug = col_str(st, 1);
	n->anchor = col_str(st, 2);
	n->seq = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(st, 3);
	n->state = sqlite3_column_int(st, 4);
	n->body = col_str0(st, 5);
	n->created = col_str(st, 6);
	n->edited = col_str(st, 7);
	n->author = col_str(st, 8);
	n->copy = sqlite3_column_int(st, 9);
}

/* Notes of author (NULL: this author), or of everyone when all is set. */
static int
notes_of(struct bdb *b, const char *author, int all, const char *slug,
    const char *anchor, struct bdb_note **out, size_t *n)
{
	sqlite3_stmt	*st = rv_stmt_at(b, "SELECT o.id, o.slug, o.anchor, "
	    "k.seq, " RV_STATE_SQL("o.text_hash", "k.hash") ", o.body, "
	    "o.created_at, o.edited_at, o.author, o.copy_of IS NOT NULL "
	    "FROM review.team_notes o "
	    "LEFT JOIN documents d ON d.slug = o.slug "
	    "LEFT JOIN blocks k ON k.doc_id = d.id AND k.anchor = o.anchor "
	    "WHERE (?1 IS NULL OR o.slug = ?1) AND (?2 IS NULL OR o.anchor = ?2) "
	    "AND NOT o.deleted AND (?4 OR o.author = coalesce(?3, "
	    "brief_author())) "
	    "ORDER BY o.slug, k.seq IS NULL, k.seq, o.anchor, o.author <> "
	    "brief_author(), o.author, o.created_at, o.id", slug, anchor, NULL);

	if (st != NULL) {
		bind_str(st, 3, author);
		sqlite3_bind_int(st, 4, all);
	}
	return db_rows(st, out, n, sizeof **out, note_from_row);
}

int
bdb_notes(struct bdb *b, const char *slug, const char *anchor,
    struct bdb_note **out, size_t *n)
{
	return notes_of(b, NULL, 0, slug, anchor, out, n);
}

int
bdb_team_notes(struct bdb *b, const char *author, const char *slug,
    const char *anchor, struct bdb_note **out, size_t *n)
{
	return notes_of(b, author, author == NULL, slug, anchor, out, n);
}

static void
note_clear(struct bdb_note *n)
{
	free(n->author);
	free(n->slug);
	free(n->anchor);
	free(n->body);
	free(n->created);
	free(n->edited);
}

void
bdb_notes_free(struct bdb_note *notes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		note_clear(&notes[i]);
	free(notes);
}

/* --- drafts ------------------------------------------------------------- */

int
bdb_draft_save(struct bdb *b, const char *slug, const char *anchor,
    const char *body, char **err)
{
	sqlite3_stmt *st = rv_stmt_at(b, "INSERT OR REPLACE INTO review.drafts "
	    "(slug, anchor, body) VALUES (?1, ?2, ?3)", slug, anchor, err);

	if (st == NULL)
		return BDB_DATA;
	bind_str(st, 3, body);
	return rv_write(b, st, 0, err);
}

int
bdb_draft_get(struct bdb *b, const char *slug, const char *anchor,
    char **body)
{
	sqlite3_stmt	*st = rv_stmt_at(b, "SELECT body FROM review.drafts "
	    "WHERE slug = ?1 AND anchor = ?2", slug, anchor, NULL);

	*body = NULL;
	if (st == NULL)
		return BDB_DATA;
	return db_row_str(st, body);
}

int
bdb_draft_clear(struct bdb *b, const char *slug, const char *anchor,
    char **err)
{
	sqlite3_stmt *st = rv_stmt_at(b, "DELETE FROM review.drafts "
	    "WHERE slug = ?1 AND anchor = ?2", slug, anchor, err);

	if (st == NULL)
		return BDB_DATA;
	return rv_write(b, st, 0, err);
}

static void
draft_from_row(sqlite3_stmt *st, void *slot)
{
	struct bdb_draft	*d = slot;

	d->slug = col_str(st, 0);
	d->anchor = col_str(st, 1);
	d->body = col_str(st, 2);
	d->saved = col_str(st, 3);
}

int
bdb_drafts(struct bdb *b, struct bdb_draft **out, size_t *n)
{
	sqlite3_stmt	*st = rv_stmt(b, "SELECT slug, anchor, body, saved_at "
	    "FROM review.drafts ORDER BY saved_at, slug, anchor", NULL);

	return db_rows(st, out, n, sizeof **out, draft_from_row);
}

void
bdb_drafts_free(struct bdb_draft *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].slug);
		free(d[i].anchor);
		free(d[i].body);
		free(d[i].saved);
	}
	free(d);
}
