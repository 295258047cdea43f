/* brief-db.h: the one line between db/ and tui/.  tui/ calls these
 * functions and gets plain structs (model.h) back; it never writes SQL.
 *
 * Return codes follow the command line's exit status so a command can
 * return them as they are: 0 done, 1 nothing found, 2 usage, 3 data. */
#ifndef BRIEF_DB_H
#define BRIEF_DB_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"

enum {
	BDB_OK = 0,
	BDB_NOTFOUND = 1,
	BDB_USAGE = 2,
	BDB_DATA = 3
};

#define BDB_READONLY	0x1	/* open the index read-only */
#define BDB_NOSEED	0x2	/* do not import the bundled letter into a
				 * new, empty index */

struct bdb;

/* Open (creating and migrating if needed) the index at path.  On failure
 * returns NULL and sets *err to a one-line message (free it). */
struct bdb	*bdb_open(const char *path, unsigned flags, char **err);
void		 bdb_close(struct bdb *);
const char	*bdb_path(const struct bdb *);
int		 bdb_readonly(const struct bdb *);
/* The default index path: $BRIEF_DB, else $XDG_DATA_HOME/brief/index.db,
 * else ~/.local/share/brief/index.db.  Returns a new string. */
char		*bdb_default_path(void);

/* Import: read, parse and store files, one transaction per document.
 * Re-importing a document (same slug or reference) replaces it.
 * Messages go to d.  Returns BDB_OK, or BDB_DATA if any file failed
 * (the others are still imported). */
int		 bdb_import_file(struct bdb *, const char *path,
		    unsigned parse_flags, struct diag *d);
int		 bdb_import_buffer(struct bdb *, const char *name,
		    const char *buf, size_t len, unsigned parse_flags,
		    struct diag *d);
/* Store an already parsed document (replacing by slug or reference). */
int		 bdb_store_doc(struct bdb *, struct doc *, char **err);

/* Documents, in order: letters, their annexes, then others by slug.
 * Only metadata (no blocks); nblocks holds the block count. */
int		 bdb_list(struct bdb *, struct doc **docs, size_t *ndocs);
void		 bdb_list_free(struct doc *, size_t);
/* Resolve what a user typed (slug, reference, or unique slug prefix) to
 * a slug.  Returns a new string or NULL. */
char		*bdb_resolve(struct bdb *, const char *name);
/* Load one document whole (blocks with spans), by slug. */
int		 bdb_load(struct bdb *, const char *slug, struct doc *out);
/* Integrity of the index: SQLite and FTS5 checks.  Appends one line per
 * finding to *report (a new string).  BDB_OK if clean, else BDB_DATA. */
int		 bdb_check(struct bdb *, char **report);

/* Pure helpers over a loaded document. */
int		 doc_find_anchor(const struct doc *, const char *anchor);
/* The recommendation a block sits under, as "rec-2.3 Strengthening EU
 * and member state support..." trimmed to max bytes; NULL if none. */
char		*doc_breadcrumb(const struct doc *, int seq, size_t max);
/* Seq numbers of the blocks citing footnote block fn_seq; count. */
size_t		 doc_citing(const struct doc *, int fn_seq, int **seqs);

/* For modules that add their own queries (search, themes, review):
 * the underlying handle and a cached prepared statement for sql
 * (prepared once, reset and with bindings cleared on each call). */
struct sqlite3	*bdb_sqlite(struct bdb *);
struct sqlite3_stmt *bdb_stmt(struct bdb *, const char *sql);

#endif
