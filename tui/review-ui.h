/* review-ui.h: the reader's side of review: the session, marks and
 * position (tui/review-session.c), the review keys (tui/review-ui.c) and
 * the two views, notes (view-notes.c) and progress (view-progress.c).
 * reader.c opens the index with review_open(), runs review_ui_init (a
 * line of views.def) and brackets view_loop() with review_session_start()
 * and review_session_save(), view_free(), review_session_end(); other views draw a block's mark with
 * review_mark(). */
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
/* review_ui_init() hooks the review keys and commands (views.def). */
/* The session's part of that: autoread from $BRIEF_AUTOREAD, the pager's
 * margin of marks. */
void		 review_session_init(void);
/* The pager is open: start the session, restore the document's last
 * position when no anchor was asked for, offer unsaved drafts back. */
void		 review_session_start(int restore);
/* Before the views go: save the position, end the session.  After
 * they went: take the margin off and drop the session's state (saving
 * first if review_session_save() was not called). */
void		 review_session_save(void);
void		 review_session_end(void);
/* 1 if the store is attached. */
int		 review_on(void);
/* The same, or 0 after saying on the message line why there is nothing
 * to write to. */
int		 review_need_store(void);
/* Autoread: recommendations scrolled past are marked read. */
void		 review_set_autoread(int on);
int		 review_autoread(void);

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
/* "rec-2" in the open document, else "annex#rec-2" (a new string). */
char		*review_place_label(const char *slug, const char *anchor);
/* The anchor at or before the pager's top line (a new string) and the
 * offset in it, or NULL. */
char		*review_top_anchor(const char **slug, int *off);

/* note-context.c: the comment $EDITOR shows above a note on slug#anchor
 * (a new string, or NULL), and taking it off a note read back. */
char		*note_context(const char *slug, const char *anchor);
void		 note_context_strip(char *text);

#endif
