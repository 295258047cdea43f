/* review-journal.c: the triggers that add the journal up into the team_*
 * tables (db/review.sql, migration 2), made by each connection as TEMP
 * triggers before it writes its first journal row.
 *
 * Until migration 3 they were part of the store's schema, which SQLite
 * parses whole whenever the store is attached: the reader paid for the
 * trigger bodies (half the cost of opening the store) before its first
 * frame, though most of its runs write no journal row.  The statements
 * are migration 2's, unchanged but for TEMP, their names and the schema
 * of the journal they hang on ("review" on the index's connection, "main"
 * where the store is opened alone, as brief sync does).  The tables
 * their bodies name are unqualified, as in any trigger: on the index's
 * connection they are found in the store, the only schema with them.
 *
 * Every journal row of brief passes here first: rv_stmt for the RV_JOURNAL
 * statements, db_journal_triggers for sync's changesets and a pack's
 * rows.  A DETACH of the store would leave the triggers behind on no
 * table; brief detaches a store only while attaching it, before any
 * write. */
#include "config.h"

#include <sqlite3.h>

#include "review-int.h"
#include "store.h"
#include "xmalloc.h"

static const char *const triggers[] = {
	"CREATE TEMP TRIGGER IF NOT EXISTS brief_journal_status "
	"AFTER INSERT ON %s.journal WHEN new.kind = 'status' BEGIN "
	"INSERT INTO team_status (author, slug, anchor, text_hash, status, "
	"    changed_at, hlc) "
	"VALUES (new.author, new.slug, new.anchor, new.text_hash, new.value, "
	"    new.at, new.hlc) "
	"ON CONFLICT (author, slug, anchor) DO UPDATE SET "
	"    text_hash = excluded.text_hash, status = excluded.status, "
	"    changed_at = excluded.changed_at, hlc = excluded.hlc "
	"WHERE excluded.hlc > team_status.hlc; "
	"END",

	"CREATE TEMP TRIGGER IF NOT EXISTS brief_journal_tag "
	"AFTER INSERT ON %s.journal WHEN new.kind = 'tag' BEGIN "
	"INSERT INTO team_tags (author, slug, anchor, theme, removed, "
	"    changed_at, hlc) "
	"VALUES (new.author, new.slug, new.anchor, new.key, new.value = '1', "
	"    new.at, new.hlc) "
	"ON CONFLICT (author, slug, anchor, theme) DO UPDATE SET "
	"    removed = excluded.removed, changed_at = excluded.changed_at, "
	"    hlc = excluded.hlc "
	"WHERE excluded.hlc > team_tags.hlc; "
	"END",

	"CREATE TEMP TRIGGER IF NOT EXISTS brief_journal_bookmark "
	"AFTER INSERT ON %s.journal WHEN new.kind = 'bookmark' BEGIN "
	"INSERT INTO team_bookmarks (author, name, slug, anchor, offset, "
	"    set_at, hlc) "
	"VALUES (new.author, new.key, new.slug, new.anchor, "
	"    CAST(new.value AS INTEGER), new.at, new.hlc) "
	"ON CONFLICT (author, name) DO UPDATE SET slug = excluded.slug, "
	"    anchor = excluded.anchor, offset = excluded.offset, "
	"    set_at = excluded.set_at, hlc = excluded.hlc "
	"WHERE excluded.hlc > team_bookmarks.hlc; "
	"END",

	/* Notes keep this invariant, true after every insert in any order:
	 * the head is the version with the greatest hlc, and every other
	 * version that no version edits (a leaf of the edit history) and is
	 * not a deletion is a conflict copy.  Nothing typed is ever
	 * dropped. */
	"CREATE TEMP TRIGGER IF NOT EXISTS brief_journal_note "
	"AFTER INSERT ON %s.journal WHEN new.kind = 'note' BEGIN "
	/* The version this one edits has a successor now: not a copy. */
	"DELETE FROM team_notes WHERE uid = new.key || '~' || new.base AND "
	"    hlc = new.base; "
	/* A head that this newer version does not edit was concurrent. */
	"INSERT OR IGNORE INTO team_notes (uid, author, slug, anchor, "
	"    text_hash, body, created_at, edited_at, hlc, deleted, copy_of) "
	"SELECT h.uid || '~' || h.hlc, h.author, h.slug, h.anchor, "
	"    h.text_hash, h.body, h.created_at, h.edited_at, h.hlc, 0, h.uid "
	"FROM team_notes h WHERE h.uid = new.key AND h.hlc < new.hlc AND "
	"    NOT h.deleted AND NOT EXISTS (SELECT 1 FROM journal j WHERE "
	"    j.key = new.key AND j.base = h.hlc AND j.kind = 'note'); "
	/* This version came too late and nothing edits it: a copy. */
	"INSERT OR IGNORE INTO team_notes (uid, author, slug, anchor, "
	"    text_hash, body, created_at, edited_at, hlc, deleted, copy_of) "
	"SELECT new.key || '~' || new.hlc, new.author, new.slug, new.anchor, "
	"    new.text_hash, new.value, new.created, "
	"    CASE WHEN new.base IS NOT NULL THEN new.at END, new.hlc, 0, "
	"    new.key "
	"FROM team_notes h WHERE h.uid = new.key AND h.hlc > new.hlc AND "
	"    new.value IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journal j "
	"    WHERE j.key = new.key AND j.base = new.hlc AND j.kind = 'note'); "
	"INSERT INTO team_notes (uid, author, slug, anchor, text_hash, body, "
	"    created_at, edited_at, hlc, deleted) "
	"VALUES (new.key, new.author, new.slug, new.anchor, new.text_hash, "
	"    coalesce(new.value, ''), new.created, "
	"    CASE WHEN new.base IS NOT NULL THEN new.at END, new.hlc, "
	"    new.value IS NULL) "
	"ON CONFLICT (uid) DO UPDATE SET author = excluded.author, "
	"    slug = excluded.slug, anchor = excluded.anchor, "
	"    text_hash = excluded.text_hash, body = excluded.body, "
	"    created_at = excluded.created_at, edited_at = excluded.edited_at, "
	"    hlc = excluded.hlc, deleted = excluded.deleted "
	"WHERE excluded.hlc > team_notes.hlc; "
	"END",
};

int
db_journal_triggers(sqlite3 *db, const char *schema)
{
	for (size_t i = 0; i < sizeof triggers / sizeof triggers[0]; i++) {
		char	*sql = sqlite3_mprintf(triggers[i], schema);
		int	 rc;

		if (sql == NULL)
			return SQLITE_NOMEM;
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* The triggers on the attached store's journal, made once a connection
 * (asked of SQLite's temp schema, not kept here). */
int
rv_journal_ready(struct bdb *b)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT count(*) FROM "
	    "temp.sqlite_master WHERE type = 'trigger' AND name GLOB "
	    "'brief_journal_*'");
	int		 have = 0;

	if (st != NULL) {
		if (sqlite3_step(st) == SQLITE_ROW)
			have = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
	}
	if (have == (int)(sizeof triggers / sizeof triggers[0]))
		return SQLITE_OK;
	return db_journal_triggers(bdb_sqlite(b), "review");
}
