/* review-ui.h: the reader's side of review sessions (tui/review-ui.c) and
 * its two views, notes (view-notes.c) and progress (view-progress.c).
 * reader.c opens the index with review_open(), lists review_ui_init in its
 * extensions and brackets view_loop() with review_ui_start() and
 * review_ui_end(); other views draw a block's mark with review_mark(). */
#ifndef BRIEF_REVIEW_UI_H
#define BRIEF_REVIEW_UI_H

struct cli;
struct bdb;

/* The index with the review store attached; when the store cannot be
 * used, the index alone (reading goes on; the reason is shown on the
 * message line).  In script mode the store is used only when --review or
 * BRIEF_REVIEW names it, so test runs never share the user's file.
 * NULL (message printed) if the index itself cannot be opened. */
struct bdb	*review_open(struct cli *);
/* Hooks the review keys and commands (reader.c's extensions table). */
void		 review_ui_init(void);
/* The pager is open: start the session, restore the document's last
 * position when no anchor was asked for, offer unsaved drafts back. */
void		 review_ui_start(int restore);
/* Before the views go: save the position, end the session. */
void		 review_ui_end(void);
/* 1 if the store is attached. */
int		 review_on(void);

/* The review mark of slug#anchor for a list: "" without a store, else a
 * string two columns wide: the status (' ' unread, '·' read, '!' flagged,
 * '✓' done; ASCII ' ', '.', '!', 'x') then '~' when the block changed
 * since it was reviewed, '*' when it has notes, else ' '.  Static
 * storage, valid until the next call. */
const char	*review_mark(const char *slug, const char *anchor);
/* The marks changed (a status or note was written): drop the cache. */
void		 review_marks_changed(void);

/* Write a note on slug#anchor in the prompt (its draft pre-filled), or
 * edit note n's text in $EDITOR (view-notes.c). */
void		 review_note_prompt(const char *slug, const char *anchor);
struct bdb_note;
void		 review_note_edit(const struct bdb_note *n);
/* Load the notes view's list again if it is open (view-notes.c). */
void		 notes_view_reload(void);

/* The anchor of block seq of document slug, or NULL (a new string). */
char		*review_block_anchor(const char *slug, int seq);
/* The seq of slug#anchor now, or -1. */
int		 review_find_seq(const char *slug, const char *anchor);

extern const struct view_ops notes_ops;		/* view-notes.c */
extern const struct view_ops progress_ops;	/* view-progress.c */

/* The team: others' statuses and notes (view-team.c). */
void		 team_view_init(void);
extern const struct view_ops team_ops;
/* note-context.c: the comment $EDITOR shows above a note on slug#anchor
 * (a new string, or NULL), and taking it off a note read back. */
char		*note_context(const char *slug, const char *anchor);
void		 note_context_strip(char *text);

#endif
