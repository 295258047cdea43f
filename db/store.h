/* store.h: what db/ modules share about the index handle (struct bdb is
 * opaque to tui/).  Includes the statement cache and the migrations
 * runner, used for the index and again for the review store. */
#ifndef BRIEF_STORE_H
#define BRIEF_STORE_H

#include <sqlite3.h>

#include "brief-db.h"

struct buf;

#define BDB_APPLICATION_ID	0x62726631	/* "brf1" */

/* For db/ modules that add their own queries (search, themes, review):
 * the underlying handle and a cached prepared statement for sql
 * (prepared once, reset and with bindings cleared on each call).  Not
 * in brief-db.h: tui/ never writes SQL. */
sqlite3		*bdb_sqlite(struct bdb *);
sqlite3_stmt	*bdb_stmt(struct bdb *, const char *sql);

/* Helpers around a statement (db/sqlutil.c).  bind_str binds s as text
 * (copied), or NULL as SQL NULL.  col_str returns a new copy of column
 * i's text, NULL when the value is NULL; col_str0 never returns NULL
 * ("" for NULL). */
void	 bind_str(sqlite3_stmt *, int i, const char *s);
char	*col_str(sqlite3_stmt *, int i);
char	*col_str0(sqlite3_stmt *, int i);

/* The row loop: steps st (bound already) to the end into a new array
 * stored at arrayp (the address of a T *), one zeroed element of size
 * bytes a row, which row() fills from st; *n counts them.  Always
 * resets st.  BDB_OK, or BDB_DATA on an SQLite error (the rows read so
 * far stay, for the caller's free function) or when st is NULL (a
 * statement that did not prepare: an empty array). */
int	 db_rows(sqlite3_stmt *st, void *arrayp, size_t *n, size_t size,
	    void (*row)(sqlite3_stmt *, void *slot));
/* One row: steps st once, row() fills slot from it, resets st.  BDB_OK,
 * BDB_NOTFOUND when there is no row, BDB_DATA on an SQLite error.
 * db_row_str: *out is col_str(st, 0) (NULL without a row). */
int	 db_row(sqlite3_stmt *st, void (*row)(sqlite3_stmt *, void *slot),
	    void *slot);
int	 db_row_str(sqlite3_stmt *st, char **out);
/* Append to r a line "<prefix>: <row>" for each row of the check
 * statement sql (PRAGMA integrity_check...) that is not "ok", or
 * "<prefix>: <SQLite's message>" when it fails.  Returns whether it
 * wrote anything. */
int	 db_check_rows(sqlite3 *, const char *sql, const char *prefix,
	    struct buf *r);

/* Run the "-- @migration N" sections of sql above the schema's
 * user_version (of schema "main", "review", ...).  Refuses a file newer
 * than the program.  Returns 0 or -1 with *err set. */
int	db_migrate(sqlite3 *, const char *schema, const char *sql,
	    const char *file, char **err);
/* 1 if schema's application_id is brief's and its user_version is
 * sql's latest migration, else 0 (also on any error); reads two header
 * fields only. */
int	db_schema_current(sqlite3 *, const char *schema, const char *sql);
/* Latest migration number in sql. */
int	db_latest_version(const char *sql);

/* Create the missing folders above path (mode 0700).  Returns the
 * topmost folder it made (or NULL), for db_rmdirs() to take them back
 * after a failed open (it frees top). */
char	*db_mkdirs(const char *path);
void	 db_rmdirs(const char *path, char *top);
/* 0 if path is a regular file or does not exist; else -1 with *err
 * saying what it is ("is a named pipe: refusing it as <what>"). */
int	 db_regular_or_missing(const char *path, const char *what,
	    char **err);
/* "file:<path>?<params>" with path escaped, for SQLITE_OPEN_URI. */
char	*db_uri(const char *path, const char *params);
/* Whether an SQLite result code means the file or its folder cannot be
 * written (read-only, cannot open side files, full, I/O). */
int	 db_cannot_write(int rc);

/* Blocks longer than max bytes (0: DOC_BLOCK_MAX) cut into parts at a
 * sentence end or a space, never inside a UTF-8 character: the first
 * keeps kind and anchor, the others are paragraphs "<anchor>~2", ...
 * Spans, seqs and parents stay right.  Returns the blocks cut (db/split.c,
 * called by the importer before storing). */
#define DOC_BLOCK_MAX	8192
int	 doc_split_long_blocks(struct doc *, size_t max);

/* Content hash (64-bit FNV-1a) as 16 hex digits into out[17]. */
void	hash_hex(const void *, size_t, char out[17]);

/* A block from a row whose columns, from c on, are BLOCK_COLUMNS(b)
 * for the blocks table aliased b (db/query.c). */
#define BLOCK_COLUMNS(b) #b ".id, " #b ".seq, " #b ".kind, " #b ".depth, " \
	#b ".parent_seq, " #b ".anchor, " #b ".text, " #b ".fn, " #b ".line, " \
	#b ".number, " #b ".page"
#define BLOCK_NCOLUMNS	11
void	block_from_row(sqlite3_stmt *, int c, struct block *);

/* Transactions on the index: 0 or -1 with *err set. */
int	bdb_begin(struct bdb *, char **err);
int	bdb_commit(struct bdb *, char **err);
void	bdb_rollback(struct bdb *);

/* Themes tag a freshly stored document (db/themes.c: its blocks and
 * citations written, their ids in d), inside the import's transaction;
 * themes_tag_check, once the import's documents are in the full-text
 * index, retags everything if themes.conf changed since the last tags. */
struct doc;
struct themes_matcher;
/* A document's rule hits found on the import's parsing thread
 * (themes_hits_make, with the matcher of themes_import_matcher): used by
 * themes_tag_doc when the themes are still those of hash, else it
 * matches again. */
struct themes_hits {
	uint64_t	*hits;		/* w words a block: bit i, rule i */
	size_t		 w;
	char		 hash[17];
};
int	themes_tag_doc(struct bdb *, const struct doc *d,
	    const struct themes_hits *pre, char **err);
int	themes_tag_check(struct bdb *, char **err);
struct themes_matcher *themes_import_matcher(struct bdb *, char hash[17]);
void	themes_hits_make(struct themes_matcher *, const char *hash,
	    const struct doc *, struct themes_hits *);
void	themes_hits_clear(struct themes_hits *);

/* A slot for themes.c's parsed themes.conf, freed with the handle by
 * free_fn. */
void	**bdb_themes_cache(struct bdb *, void (*free_fn)(void *));

/* Register brief_rank(), the FTS5 rank function of search.c, on db. */
int	search_register_rank(sqlite3 *);

/* Register brief_snippet(blocks_fts, text, column) on FTS5 and
 * brief_hit_snippet() on db (db/search-snippet.c): the snippet of a
 * hit, made from its block's text. */
int	search_register_snippet(sqlite3 *, fts5_api *);

#endif
