/* review-int.h: what the review store's files (db/review*.c) share: the
 * SQL fragments their queries are built from and the helpers that run a
 * statement on the attached store (db/review.c).  Private to db/. */
#ifndef BRIEF_REVIEW_INT_H
#define BRIEF_REVIEW_INT_H

#include <sqlite3.h>

#include "brief-db.h"

/* Shared SQL: the block an entry keys to, and the themes of each block
 * with the personal tags applied. */
#define RV_TAGGED "WITH tagged(block_id, theme) AS (" \
	"SELECT bt.block_id, bt.theme FROM block_themes bt " \
	"JOIN blocks k ON k.id = bt.block_id " \
	"JOIN documents dd ON dd.id = k.doc_id " \
	"WHERE NOT EXISTS (SELECT 1 FROM review.tags t WHERE t.slug = dd.slug " \
	"AND t.anchor = k.anchor AND t.theme = bt.theme AND t.removed) " \
	"UNION SELECT k.id, t.theme FROM review.tags t " \
	"JOIN documents dd ON dd.slug = t.slug " \
	"JOIN blocks k ON k.doc_id = dd.id AND k.anchor = t.anchor " \
	"WHERE NOT t.removed) "
#define RV_DOC_ORDER "coalesce(d.parent, d.slug), d.parent IS NOT NULL, d.slug"
/* Every change is a journal row (review.sql, migration 2); triggers
 * bring the team_* tables (and so the views) up to date with it: TEMP
 * triggers since migration 3, made by rv_stmt before a statement that
 * starts with RV_JOURNAL (review-journal.c). */
#define RV_JOURNAL "INSERT INTO review.journal (author, hlc, kind, slug, " \
	"anchor, text_hash, key, value, base, created, at) "
#define RV_HLC "brief_hlc((SELECT max(hlc) FROM review.journal))"
#define RV_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
/* An entry's state (enum RV_*) from its stored hash and its block's. */
#define RV_STATE_SQL(stored, current) \
	"CASE WHEN " current " IS NULL THEN 2 WHEN " stored " IS NULL OR " \
	stored " = " current " THEN 0 ELSE 1 END"


/* Set *err to msg when err is not NULL, else free msg. */
void		 rv_set_err(char **err, char *msg);
/* A review statement, or NULL with *err set when there is no store. */
sqlite3_stmt	*rv_stmt(struct bdb *, const char *sql, char **err);
/* rv_stmt with ?1 bound to slug and ?2 to anchor (either may be NULL):
 * the block an entry keys to. */
sqlite3_stmt	*rv_stmt_at(struct bdb *, const char *sql, const char *slug,
		    const char *anchor, char **err);
/* Step a write statement, retrying while another writer holds the file
 * past the busy timeout. */
int		 rv_step(sqlite3_stmt *);
/* "<store>: not saved: <why>" for an SQLite result code; BDB_DATA. */
int		 rv_write_error(struct bdb *, int rc, char **err);
/* Run a write statement to completion; BDB_OK, or BDB_NOTFOUND when it
 * changed nothing and need_change is set. */
int		 rv_write(struct bdb *, sqlite3_stmt *, int need_change,
		    char **err);
/* review-journal.c: the journal's triggers on this connection, on the
 * journal of schema ("review", or "main" for a store opened alone);
 * rv_journal_ready makes them on the attached store once.  An SQLite
 * result code. */
int		 db_journal_triggers(sqlite3 *, const char *schema);
int		 rv_journal_ready(struct bdb *);
/* "<slug>#<anchor>: no such block in the index"; BDB_NOTFOUND. */
int		 rv_not_found(const char *slug, const char *anchor, char **err);

#endif
