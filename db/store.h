/* store.h: what db/ modules share about the index handle (struct bdb is
 * opaque to tui/).  Includes the statement cache and the migrations
 * runner, used for the index and again for the review store. */
#ifndef BRIEF_STORE_H
#define BRIEF_STORE_H

#include <sqlite3.h>

#include "brief-db.h"

#define BDB_APPLICATION_ID	0x62726631	/* "brf1" */

/* For db/ modules that add their own queries (search, themes, review):
 * the underlying handle and a cached prepared statement for sql
 * (prepared once, reset and with bindings cleared on each call).  Not
 * in brief-db.h: tui/ never writes SQL. */
sqlite3		*bdb_sqlite(struct bdb *);
sqlite3_stmt	*bdb_stmt(struct bdb *, const char *sql);

/* Run the "-- @migration N" sections of sql above the schema's
 * user_version (of schema "main", "review", ...).  Refuses a file newer
 * than the program.  Returns 0 or -1 with *err set. */
int	db_migrate(sqlite3 *, const char *schema, const char *sql,
	    const char *file, char **err);
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

/* Themes tag a freshly stored document (db/themes.c), inside the
 * import's transaction. */
int	themes_tag_document(struct bdb *, int64_t doc_id, char **err);
/* Every document from first_doc_id on (the newest: an import batch). */
int	themes_tag_from(struct bdb *, int64_t first_doc_id, char **err);

/* A slot for themes.c's parsed themes.conf, freed with the handle by
 * free_fn. */
void	**bdb_themes_cache(struct bdb *, void (*free_fn)(void *));

/* Register brief_rank(), the FTS5 rank function of search.c, on db. */
int	search_register_rank(sqlite3 *);

#endif
