/* brief-db.h: the one line between db/ and tui/.  tui/ calls these
 * functions and gets plain structs (model.h) back; it never writes SQL.
 *
 * Return codes follow the command line's exit status so a command can
 * return them as they are: 0 done, 1 nothing found, 2 usage, 3 data. */
#ifndef BRIEF_DB_H
#define BRIEF_DB_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"
#include "parse.h"

enum {
	BDB_OK = 0,
	BDB_NOTFOUND = 1,
	BDB_USAGE = 2,
	BDB_DATA = 3
};

#define BDB_READONLY	0x1	/* open the index read-only */
#define BDB_NOSEED	0x2	/* do not import the bundled letter into a
				 * new, empty index */
#define BDB_CREATE	0x4	/* a missing file may be created (without
				 * it only the default path is) */

struct bdb;

/* Open (creating and migrating if needed) the index at path.  A missing
 * file is created only at the default path or with BDB_CREATE (so a
 * mistyped --db creates nothing); a FIFO, device or folder is refused.
 * A file that cannot be written (permissions, a read-only folder, a full
 * disk) opens read-only.  On failure returns NULL and sets *err to a
 * one-line message (free it). */
struct bdb	*bdb_open(const char *path, unsigned flags, char **err);
void		 bdb_close(struct bdb *);
const char	*bdb_path(const struct bdb *);
int		 bdb_readonly(const struct bdb *);
/* The version of the SQLite the program runs (for brief --version). */
const char	*bdb_sqlite_version(void);
/* The default index path: $BRIEF_DB, else $XDG_DATA_HOME/brief/index.db,
 * else ~/.local/share/brief/index.db.  Returns a new string. */
char		*bdb_default_path(void);

/* Import: read, parse and store files, one transaction per document.
 * A file is the same document as one in the index when its reference
 * matches, or its source (the file's canonical path; a buffer's name)
 * does, or its front matter gives that slug, or the caller names it
 * (replace); that document is then updated (review data stays keyed to
 * its slug and anchors).  Any other document is added, under a slug no
 * other document holds.  opts (db/parse.h: --format, --encoding,
 * --password, --lenient) may be NULL for the defaults.  Messages go to
 * d.  Returns BDB_OK, BDB_NOTFOUND (replace names no document) or
 * BDB_DATA. */
int		 bdb_import_file(struct bdb *, const char *path,
		    const struct parse_opts *opts, struct diag *d);
int		 bdb_import_buffer(struct bdb *, const char *name,
		    const char *buf, size_t len,
		    const struct parse_opts *opts, struct diag *d);
/* Store an already parsed document (matched as above by its source). */
int		 bdb_store_doc(struct bdb *, struct doc *, char **err);

/* The same with options, saying what was done (for a line of output). */
enum bdb_import_action { BDB_ADDED, BDB_UPDATED, BDB_UNCHANGED };
struct bdb_import_opts {
	struct parse_opts parse;	/* --format, --encoding, --password,
					 * --lenient (parse.h) */
	const char	*replace;	/* slug of the document the file is */
	int		 dry_run;	/* decide and report, write nothing */
};
struct bdb_imported {
	enum bdb_import_action action;
	char		*slug;
	char		*kind;
	size_t		 nrecs;		/* recommendations */
	size_t		 nfootnotes;
	char		*why;		/* "matched by reference X", "slug
					 * letter is taken by another
					 * document", or NULL */
};
int		 bdb_import_path(struct bdb *, const char *path,
		    const struct bdb_import_opts *, struct bdb_imported *,
		    struct diag *d);
void		 bdb_imported_clear(struct bdb_imported *);
/* Import many files, in batches of one transaction each (a file that
 * fails is reported and left out, the others are stored); done is called
 * for each file in order, after its messages went to d, with its result
 * (BDB_OK, BDB_NOTFOUND, BDB_DATA) and what was done.  Returns the last
 * failure's result, or BDB_OK. */
typedef void	 (*bdb_import_done_fn)(void *arg, const char *path, int rc,
		    const struct bdb_imported *);
int		 bdb_import_paths(struct bdb *, char *const *paths, size_t n,
		    const struct bdb_import_opts *, bdb_import_done_fn,
		    void *arg, struct diag *d);
/* Remove a document by slug (its review data stays, orphaned, until
 * bdb_review_prune).  BDB_OK, BDB_NOTFOUND or BDB_DATA with *err. */
int		 bdb_remove_doc(struct bdb *, const char *slug, char **err);

/* Documents by slug, each annex right after its letter (parent).
 * Only metadata (no blocks); nblocks holds the block count. */
int		 bdb_list(struct bdb *, struct doc **docs, size_t *ndocs);
void		 bdb_list_free(struct doc *, size_t);
/* The slug of the first letter in bdb_list order, else of the first
 * document, in *slug (a new string): what the reader opens with no
 * document named, without loading the whole list.  BDB_OK,
 * BDB_NOTFOUND (no documents) or BDB_DATA. */
int		 bdb_first_slug(struct bdb *, char **slug);
/* Resolve what a user typed (slug, reference, or unique slug prefix) to
 * a slug.  Returns a new string or NULL. */
char		*bdb_resolve(struct bdb *, const char *name);
/* Load one document whole (blocks with spans), by slug. */
int		 bdb_load(struct bdb *, const char *slug, struct doc *out);
/* The same without the blocks' text and spans (each text ""): what a
 * document of any size costs to walk.  bdb_block_fill loads one block's
 * text and spans (BDB_OK, BDB_NOTFOUND, BDB_DATA); block_unfill frees
 * them again, leaving the outline. */
int		 bdb_load_outline(struct bdb *, const char *slug,
		    struct doc *out);
int		 bdb_block_fill(struct bdb *, struct block *);
void		 block_unfill(struct block *);
/* Block id's text alone (a new string in *text), for a block whose spans
 * are held already: BDB_OK, BDB_NOTFOUND, BDB_DATA. */
int		 bdb_block_text(struct bdb *, int64_t id, char **text);
/* An outline with every block's spans (small beside the text): what the
 * reader holds, so footnote citations and links need no text. */
int		 bdb_load_outline_spans(struct bdb *, const char *slug,
		    struct doc *out);
/* The document without its blocks (nblocks: their count). */
int		 bdb_load_head(struct bdb *, const char *slug, struct doc *out);
/* Each block of a document in order (all, or all but the footnotes, or
 * the footnotes alone), whole, with its parent's anchor (or NULL), one at
 * a time: fn's block is freed when it returns.  A status other than
 * BDB_OK from fn stops the walk and is returned; else BDB_OK or
 * BDB_DATA. */
enum bdb_which { BDB_ALL_BLOCKS, BDB_NO_NOTES, BDB_NOTES };
int		 bdb_blocks_each(struct bdb *, int64_t doc_id, enum bdb_which,
		    int (*fn)(void *arg, const struct block *,
		    const char *parent_anchor), void *arg);
/* The same as each block's seq and text alone (SQLite's, valid while fn
 * runs), for a caller that holds the outline with its spans. */
int		 bdb_texts_each(struct bdb *, int64_t doc_id, enum bdb_which,
		    int (*fn)(void *arg, int seq, const char *text), void *arg);
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
/* For the pager: the blocks of document slug matching query (with its
 * in: and theme: filters), in seq order, each with the byte ranges of
 * its matches in the block's text, all from one query.  BDB_OK,
 * BDB_NOTFOUND (none), BDB_USAGE (a query it cannot read, or only
 * filters) and BDB_DATA; *err is then a new one-line message (NULL
 * when BDB_NOTFOUND has nothing to say).  Free with
 * bdb_doc_matches_free. */
struct doc_match {
	int		 seq;
	uint32_t	(*ranges)[2];	/* [start, end) bytes in its text */
	size_t		 nranges;
};
int		 bdb_search_doc(struct bdb *, const char *query,
		    const char *slug, struct doc_match **m, size_t *n,
		    char **err);
void		 bdb_doc_matches_free(struct doc_match *, size_t);
/* While *flag is non-zero a running query stops: bdb_search gives
 * BDB_DATA and "search cancelled".  The flag is meant to be set by a
 * signal handler (C-c in the reader).  NULL: no cancelling. */
void		 bdb_set_cancel(struct bdb *, volatile sig_atomic_t *flag);
/* --- end of search ------------------------------------------------------ */

/* --- review store (db/review.c) -------------------------------------
 * The user's own file (statuses, notes, bookmarks, positions, personal
 * tags, sessions, drafts, search history), ATTACHed to the index
 * connection as schema "review".  Entries are keyed by slug + anchor +
 * a hash of the block text.  Every setter is its own committed
 * transaction before it returns, retried while another process holds
 * the lock.  Without a store (bdb_review_attach failed) every review
 * call returns BDB_DATA with a message and reading the index goes on.
 * Errors: *err (when err is not NULL) gets a one-line message to free. */
enum bdb_status { RS_UNREAD, RS_READ, RS_FLAGGED, RS_DONE, RS__COUNT };
/* An entry against the current index. */
enum bdb_rstate { RV_CURRENT, RV_CHANGED, RV_ORPHANED };

const char	*bdb_status_name(int);		/* "unread", ... */
int		 bdb_status_from_name(const char *);	/* -1 if unknown */
const char	*bdb_rstate_name(int);		/* "current", "changed", ... */

/* $BRIEF_REVIEW, else $XDG_DATA_HOME/brief/review.db, else
 * ~/.local/share/brief/review.db.  A new string. */
char		*bdb_review_default_path(void);
/* Create (mode 0600) or open the store at path, check and migrate it and
 * ATTACH it.  The index must have been opened without BDB_READONLY for
 * the store to be writable (SQLite opens attached files with the main
 * file's flags; a read-only index *file* is fine).  A corrupt, foreign
 * or newer file is refused and never written.  BDB_OK or BDB_DATA. */
int		 bdb_review_attach(struct bdb *, const char *path, char **err);
int		 bdb_review_attached(struct bdb *);	/* 1 or 0 (degraded) */
/* SQLite's integrity check of the attached store, and the entries whose
 * block changed or vanished since review: one line each appended to
 * *report (a new string).  BDB_OK if the file is sound. */
int		 bdb_review_check(struct bdb *, char **report);
/* Delete the entries (statuses, notes, personal tags) whose document or
 * block is gone from the index (db/review-prune.c); *n: how many. */
int		 bdb_review_prune(struct bdb *, size_t *n, char **err);
/* Group bookkeeping writes (session visits, position) into one
 * transaction; a failed commit rolls back (they are best effort).
 * Confirmed changes (statuses, notes) never wait in a batch. */
int		 bdb_review_begin(struct bdb *);
int		 bdb_review_commit(struct bdb *);

/* Status of doc#anchor: BDB_NOTFOUND (and RS_UNREAD, RV_CURRENT) if it
 * has none.
 * Setters check the anchor exists in the index (else BDB_NOTFOUND) and
 * store its text hash.  cycle: unread, read, flagged, done, unread. */
int		 bdb_status_get(struct bdb *, const char *slug,
		    const char *anchor, int *status, int *state);
int		 bdb_status_set(struct bdb *, const char *slug,
		    const char *anchor, int status, char **err);
int		 bdb_status_cycle(struct bdb *, const char *slug,
		    const char *anchor, int *status, char **err);

/* Review marks of one document's blocks that have a status or notes,
 * for the margin, outline and theme views (by seq, document order). */
struct bdb_mark {
	char	*anchor;
	int	 seq;
	int	 status;
	int	 state;		/* RV_CURRENT or RV_CHANGED */
	int	 nnotes;
};
int		 bdb_marks(struct bdb *, const char *slug,
		    struct bdb_mark **, size_t *);
void		 bdb_marks_free(struct bdb_mark *, size_t);

/* Notes: several per block.  Bodies are stored as typed; callers show
 * them through sanitize_text(). */
struct bdb_note {
	int64_t	 id;
	char	*slug;
	char	*anchor;
	int	 seq;		/* the block's seq now, -1 if orphaned */
	int	 state;
	char	*body;
	char	*created;	/* "2024-01-31T09:00:00Z" */
	char	*edited;	/* NULL if never edited */
	char	*author;
	int	 copy;		/* a conflict copy: a version of a note
				 * that lost to one written elsewhere */
};
int		 bdb_note_add(struct bdb *, const char *slug, const char *anchor,
		    const char *body, int64_t *id, char **err);
int		 bdb_note_edit(struct bdb *, int64_t id, const char *body,
		    char **err);
int		 bdb_note_delete(struct bdb *, int64_t id, char **err);
/* Notes of a document (slug NULL: all) and block (anchor NULL: all), in
 * document order then creation order, orphans last. */
int		 bdb_notes(struct bdb *, const char *slug, const char *anchor,
		    struct bdb_note **, size_t *);
void		 bdb_notes_free(struct bdb_note *, size_t);
/* The same for author, or everyone's (author NULL). */
int		 bdb_team_notes(struct bdb *, const char *author,
		    const char *slug, const char *anchor, struct bdb_note **,
		    size_t *);

/* Bookmarks (name: "a", "b", ...) and the last position per document;
 * offset is the line within the block.  get: BDB_NOTFOUND if none. */
int		 bdb_bookmark_set(struct bdb *, const char *name,
		    const char *slug, const char *anchor, int offset,
		    char **err);
int		 bdb_bookmark_get(struct bdb *, const char *name, char **slug,
		    char **anchor, int *offset);
int		 bdb_position_set(struct bdb *, const char *slug,
		    const char *anchor, int offset, char **err);
int		 bdb_position_get(struct bdb *, const char *slug, char **anchor,
		    int *offset);

/* Drafts: a note being typed, one per block. */
struct bdb_draft {
	char	*slug;
	char	*anchor;
	char	*body;
	char	*saved;
};
int		 bdb_draft_save(struct bdb *, const char *slug,
		    const char *anchor, const char *body, char **err);
int		 bdb_draft_get(struct bdb *, const char *slug,
		    const char *anchor, char **body);
int		 bdb_draft_clear(struct bdb *, const char *slug,
		    const char *anchor, char **err);
int		 bdb_drafts(struct bdb *, struct bdb_draft **, size_t *);
void		 bdb_drafts_free(struct bdb_draft *, size_t);

/* Sessions: one per run of the reader.  Status changes made through
 * this handle while a session is open are counted in it. */
int		 bdb_session_start(struct bdb *, int64_t *id, char **err);
int		 bdb_session_visit(struct bdb *, int64_t id, const char *slug,
		    const char *anchor);
int		 bdb_session_end(struct bdb *, int64_t id, char **err);

/* Progress over recommendations (bullets), per document or per theme
 * (rule themes with the personal tags applied). */
struct bdb_progress {
	char	*key;		/* slug or theme slug */
	char	*title;		/* document title or theme name */
	int	 total;
	int	 count[RS__COUNT];
	int	 changed;	/* status changed since reviewed */
	int	 notes;
	char	*author;	/* bdb_team_progress() only, else NULL */
};
int		 bdb_progress_docs(struct bdb *, struct bdb_progress **,
		    size_t *);
int		 bdb_progress_themes(struct bdb *, struct bdb_progress **,
		    size_t *);
void		 bdb_progress_free(struct bdb_progress *, size_t);

/* Entries (status or notes) whose block changed or is gone. */
struct bdb_stale {
	char	*slug;
	char	*anchor;
	int	 state;		/* RV_CHANGED or RV_ORPHANED */
	int	 status;
	int	 nnotes;
};
int		 bdb_stale(struct bdb *, const char *slug, struct bdb_stale **,
		    size_t *);
void		 bdb_stale_free(struct bdb_stale *, size_t);

/* What an export lists: every recommendation of the document(s), plus
 * any block with a status or notes, in document order; then (without a
 * theme) orphaned entries.  theme: only blocks tagged with it. */
struct bdb_item {
	char		*slug;
	char		*anchor;
	int		 seq;		/* -1: orphaned */
	int		 depth;
	int		 rec;		/* a recommendation (bullet) */
	char		*text;		/* NULL if orphaned */
	char		*cites;		/* "fn-1,fn-3" or NULL */
	int		 status;
	int		 state;		/* of the status and notes together */
	struct bdb_note	*notes;
	size_t		 nnotes;
};
int		 bdb_review_items(struct bdb *, const char *slug,
		    const char *theme, struct bdb_item **, size_t *);
void		 bdb_items_free(struct bdb_item *, size_t);
/* The same as one JSON text, built by SQLite's json functions. */
int		 bdb_review_json(struct bdb *, const char *slug,
		    const char *theme, char **json);
/* The same with only the items of one status (a name, or "changed";
 * NULL: all), as export --status. */
int		 bdb_review_json_status(struct bdb *, const char *slug,
		    const char *theme, const char *status, char **json);

/* Search history, newest first, duplicates folded. */
int		 bdb_history_add(struct bdb *, const char *query, char **err);
int		 bdb_history(struct bdb *, int limit, char ***queries,
		    size_t *n);
void		 bdb_history_free(char **, size_t);

/* Personal tags: add or take off a theme on one block. */
struct bdb_tag {
	char	*slug;
	char	*anchor;
	char	*theme;
	int	 removed;
};
int		 bdb_tag_add(struct bdb *, const char *slug, const char *anchor,
		    const char *theme, char **err);
int		 bdb_tag_remove(struct bdb *, const char *slug,
		    const char *anchor, const char *theme, char **err);
int		 bdb_tags(struct bdb *, const char *slug, const char *anchor,
		    struct bdb_tag **, size_t *);
void		 bdb_tags_free(struct bdb_tag *, size_t);

/* --- authors (db/author.c) ---------------------------------------------
 * Every review change carries its author and a hybrid logical clock.
 * The author is $BRIEF_AUTHOR, else the store's setting "author" (brief
 * config author NAME), else user@host.  bdb_review_attach() calls
 * bdb_author_init(), which registers the SQL functions brief_author()
 * and brief_hlc() on the connection and gives rows from before authors
 * to this author. */
char		*bdb_author(struct bdb *);		/* a new string */
int		 bdb_author_init(struct bdb *);
/* The hlc after prev (NULL: none) and now, for device: a new string. */
char		*bdb_hlc_next(const char *prev, const char *device);
/* The store's settings (review.config): author, device, sync state.
 * get: BDB_NOTFOUND if unset. */
int		 bdb_config_get(struct bdb *, const char *key, char **value);
int		 bdb_config_set(struct bdb *, const char *key,
		    const char *value, char **err);

/* --- sync (db/sync.c) --------------------------------------------------
 * brief sync DIR: write this store's new journal rows into DIR as one
 * session changeset file (AUTHOR.DEVICE.SEQ.changeset), then apply
 * every changeset file there not applied yet.  A file that cannot be
 * applied (damaged, truncated, from a newer brief, for documents not in
 * this index) is reported to d by name, nothing of it is applied, and
 * the others still are: then BDB_DATA.  *err: a message that stopped the
 * whole sync (BDB_USAGE: DIR is not a folder). */
struct bdb_sync_stats {
	char	*written;	/* the file written, or NULL (nothing new) */
	size_t	 written_bytes;
	int	 applied;	/* files applied now */
	int	 seen;		/* files applied before */
	int	 failed;
};
int		 bdb_sync(struct bdb *, const char *dir,
		    struct bdb_sync_stats *, struct diag *d, char **err);
void		 bdb_sync_stats_clear(struct bdb_sync_stats *);

/* The index named by a configuration file (db/sysconfig.c): the user's
 * $XDG_CONFIG_HOME/brief/config, then DIR/brief/config for each DIR of
 * $XDG_CONFIG_DIRS (else /etc/xdg), then /etc/brief/config; a line
 * "index /PATH".  A new string or NULL; errors go to d. */
char		*bdb_config_index(struct diag *d);

/* --- field copies (db/pack.c) ------------------------------------------
 * Write a new index at path holding the documents slugs (whole, with
 * their footnotes; themes tagged again) and the packer's review of them
 * (main.pack_journal), for brief --db path.  path must not exist
 * (BDB_USAGE); on failure nothing is left there.  bdb_pack_adopt() takes
 * a packed review into the attached store (bdb_author_init calls it). */
int		 bdb_pack(struct bdb *, char *const *slugs, size_t n,
		    const char *path, struct diag *d, char **err);
void		 bdb_pack_adopt(struct bdb *);

/* --- the team's review (db/team.c) -------------------------------------
 * Everyone's statuses, notes and tags in the store (one author, or all
 * with author NULL; one block, or all with slug and anchor NULL), ordered by document, block, author and content.
 * kind: "status" (value: the status), "note" (value: the body, stored as
 * typed; uid its name in every store), "tag" (value: "+theme" or
 * "-theme" for one taken off). */
struct bdb_team_entry {
	char	*author;
	char	*slug;
	char	*anchor;
	char	*kind;
	char	*value;
	char	*uid;		/* notes; "" otherwise */
	char	*at;		/* set, or a note's creation */
	char	*edited;	/* a note's last edit, or NULL */
	int	 copy;		/* a note's conflict copy */
	int	 seq;		/* -1: orphaned */
	int	 state;
};
int		 bdb_team_entries(struct bdb *, const char *author,
		    const char *slug, const char *anchor,
		    struct bdb_team_entry **, size_t *);
void		 bdb_team_entries_free(struct bdb_team_entry *, size_t);
/* The same as JSON: {"authors": [...], "entries": [{author, document,
 * anchor, kind, value, note, conflict_copy, at, edited, state}]}. */
int		 bdb_team_json(struct bdb *, const char *author, char **json);
/* Per author, over all recommendations (key "") then per theme. */
int		 bdb_team_progress(struct bdb *, struct bdb_progress **,
		    size_t *);

/* --- themes (db/themes.c) ---------------------------------------------
 * Themes come from the compiled-in data/themes.conf and the user's
 * $XDG_CONFIG_HOME/brief/themes.conf; blocks are tagged by each theme's
 * rule ("rule"), sub-bullets take their recommendations' themes
 * ("inherited"), footnotes the themes of the blocks citing them
 * ("cited").  Tags are kept in the index and redone whenever the
 * effective themes.conf changes. */

struct theme {
	char	*slug;		/* "asylum" */
	char	*name;		/* "Asylum and migration" */
	char	*description;	/* one line, "" if none */
	char	*rule;		/* as written in themes.conf */
	int	 nrecs;		/* recommendations (bullets) tagged */
	int	 nparas;	/* paragraphs */
	int	 nfootnotes;	/* footnotes */
	int	 ndone;		/* of those, 'done' in the review store;
				 * -1 without a review store */
	int	 personal;	/* a personal tag no theme is named as
				 * (review store), listed after the themes */
};

/* The blocks of one theme in one document: doc holds the document's
 * metadata and only those blocks (with spans), in document order,
 * footnotes last.  A block's seq and parent are those of the whole
 * document (use the anchor to open it there).  breadcrumbs[i] says
 * where block i sits ("rec-2 Put human rights...", "cited by rec-4.2",
 * a heading) or is NULL; sources[i] is "rule", "inherited", "cited" or
 * "personal" (a tag of the user's, with the review store attached). */
struct theme_doc {
	struct doc	  doc;
	char		**breadcrumbs;
	char		**sources;
};

/* Bring the index's themes and tags up to date with the themes.conf
 * files (errors in them go to d as "file:line: message").  A handle
 * opened read-only retags through a writable handle of its own; a file
 * that cannot be written keeps its old tags, with a warning to d.
 * BDB_OK or BDB_DATA. */
int		 bdb_themes_sync(struct bdb *, struct diag *d);
/* All themes with their counts, in themes.conf order; with the review
 * store, then the personal tags that are no theme (personal set).
 * bdb_theme finds those too. */
int		 bdb_themes(struct bdb *, struct theme **, size_t *);
/* One theme by slug: BDB_OK, BDB_NOTFOUND or BDB_DATA. */
int		 bdb_theme(struct bdb *, const char *slug, struct theme *);
void		 bdb_theme_clear(struct theme *);
/* The slugs of the themes nearest to name, "asylum, ai" (a new string),
 * for a "no such theme" message; NULL if there are none. */
char		*bdb_theme_nearest(struct bdb *, const char *name);
void		 bdb_themes_free(struct theme *, size_t);
/* The theme's blocks across all documents, grouped by document (in
 * bdb_list order).  No blocks is BDB_OK with *ndocs 0. */
int		 bdb_theme_blocks(struct bdb *, const char *slug,
		    struct theme_doc **, size_t *ndocs);
void		 bdb_theme_blocks_free(struct theme_doc *, size_t);
/* The themes list (slug NULL) or one theme with its blocks as a JSON
 * text (a new string).  BDB_NOTFOUND for an unknown slug. */
int		 bdb_themes_json(struct bdb *, const char *slug, char **json);

#endif
