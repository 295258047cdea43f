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

/* --- search (db/search.c) ---------------------------------------------
 * The query is what the user typed; db/fts-query.c translates it, so any
 * string is safe.  Snippets are plain text; marks[] gives the byte ranges
 * of the matched terms in it, for renderers to highlight (bold in the
 * reader, [brackets] for plain output: hit_marked_snippet()).  On
 * BDB_USAGE (a query it cannot read) and BDB_DATA, *err is a new
 * one-line message; BDB_NOTFOUND means no hits (and no message). */
struct search_opts {
	const char	*query;
	const char	*theme;		/* limit to a theme slug, or NULL */
	const char	*doc;		/* limit to a document, or NULL */
	int		 limit;		/* 0: 50 */
	int		 offset;
};

struct hit {
	char		*slug;		/* document */
	char		*anchor;	/* "rec-4.2", "fn-5", "p-3" */
	char		*kind;		/* block kind name: "bullet", ... */
	char		*breadcrumb;	/* "rec-4 Lead on a robust...", or "" */
	char		*snippet;	/* one line of plain text */
	uint32_t	(*marks)[2];	/* [start, end) of terms in snippet */
	size_t		 nmarks;
	double		 rank;		/* lower is better */
	int		 seq;		/* block seq in its document */
	int64_t		 block_id;
};

int		 bdb_search(struct bdb *, const struct search_opts *,
		    struct hit **hits, size_t *nhits, char **err);
void		 bdb_hits_free(struct hit *, size_t);
/* The hits as a JSON array (built by SQLite's json functions) of
 * objects {doc, anchor, kind, breadcrumb, snippet, rank}; the snippet
 * has its terms in [brackets].  A new string, NULL on failure. */
char		*bdb_hits_json(struct bdb *, const struct hit *, size_t);
/* The snippet with each mark wrapped in open/close: a new string. */
char		*hit_marked_snippet(const struct hit *, const char *open,
		    const char *close);
/* For the pager: byte ranges in the text of block block_id matching
 * query (filters ignored), in order; BDB_OK (possibly *n == 0),
 * BDB_USAGE for a query it cannot read. */
int		 bdb_match_ranges(struct bdb *, const char *query,
		    int64_t block_id, uint32_t (**ranges)[2], size_t *n);
/* Seqs, in order, of the blocks of document slug matching query (with
 * its in: filters); BDB_OK, BDB_NOTFOUND (none), BDB_USAGE, BDB_DATA. */
int		 bdb_search_doc(struct bdb *, const char *query,
		    const char *slug, int **seqs, size_t *n);
/* --- end of search ------------------------------------------------------ */

/* For modules that add their own queries (search, themes, review):
 * the underlying handle and a cached prepared statement for sql
 * (prepared once, reset and with bindings cleared on each call). */
struct sqlite3	*bdb_sqlite(struct bdb *);
struct sqlite3_stmt *bdb_stmt(struct bdb *, const char *sql);

#endif
