/* view.h: the reader's view framework, for every view in tui/view-*.c.
 *
 * A view is a table of functions (struct view_ops) over private state:
 * ops->size bytes, zeroed, at view->priv (after tig's view_ops and tmux's
 * window_mode).  Views sit on a stack.  The bottom one is the document
 * pager; opening a view pushes it (view_push), `q` (view-close) pops it,
 * `Q` (quit) leaves.  The top view fills the screen but the last two rows
 * (status line, message line); a view with VIEW_POPUP is drawn in a box
 * over the views below it.
 *
 * Adding a view touches its own file, the lists, the keymaps and the
 * docs, nothing else (view-team.c was added so: its file, two lines of
 * views.def, two of actions.def, two bindings, its manual entries):
 *
 *   1. Its own file, tui/view-NAME.c: the ops table NAME_ops and its
 *      private state.  For a list, set v->nlines and v->sel (0 at first)
 *      in layout and give draw_line: the framework then moves the
 *      selection (line-down, page-down, top, bottom, ...), scrolls,
 *      searches (list-search.c) and filters it (view-filter.c), and
 *      draws line top..top+height-1.  A view
 *      that scrolls text instead keeps v->sel at -1 (VIEW_NOSEL).  The
 *      key op sees each action first (ACT_FOLLOW is <Enter>); return 1
 *      when it handled it, 0 to let the framework do its generic work.
 *      Give the block behind the selection with the select op, so review
 *      actions (status, notes, tags) work on your view too.
 *      When one action opens the view from anywhere, name it in
 *      ops->action and the framework opens it (or goes back to it).
 *      Anything else goes in a hook function in the same file, void
 *      NAME_view_init(void), that calls view_on_action(ACT_X, fn) (fn
 *      runs when the top view does not handle ACT_X itself) and
 *      view_on_command("name", "name ARGS: ...", fn) (":name ARGS"; the
 *      usage line shows in the help view); fn opens the view with
 *      view_push(&NAME_ops, arg).
 *   2. The lists: VIEW(NAME) in views.def (and HOOKS(NAME_view_init));
 *      its new actions in actions.def; its context in contexts.def if its
 *      keys are its own (else it shares one: the team view takes notes');
 *      the file in Makefile.am's libbrieftui_a_SOURCES.
 *   3. The keymaps: bindings in keymaps/default.keys (vi.keys and
 *      emacs.keys where they differ).
 *   4. The docs: doc/brief-keys.5 for actions and contexts, doc/brief.1
 *      and README.md for commands.
 *
 * The framework's own files: view.c (the stack, the main loop, the ':'
 * command table), view-keys.c (keys to actions: counts, hooks, the
 * generic actions), view-frame.c (the frame: views,
 * status line, message line), view-prompt.c (the line prompt and
 * view_read_key), list-search.c (/, n, N in lists);
 * pager-commands.c holds the pager's ':goto' and ':set width'.
 *
 * Test it with a screen script: tests/lib-screen.sh gives run, screen
 * and the expected-screen checks.
 *
 * The pager (view-pager.c) owns the open document:
 *
 *   - pager_open(slug, anchor, 1) shows a document at an anchor (NULL: its
 *     top); pager_show() does the same for a block and byte offset (search
 *     hits).  With push_history set (a jump) the views above the pager are
 *     suspended, not closed: they go on the jump stack (history.c) with
 *     the place the pager left, and <Backspace> in the pager brings back
 *     both, the list with its selection on top.  Without it (n, N, a
 *     restored position) the views above are closed.  Either way the
 *     calling view leaves the stack: return from its key op right after.
 *   - A view that shows something which may change while it is suspended
 *     (the open document, the notes) gives a resume op to refresh it.
 *   - pager_doc() is the document shown; pager_position() the block and
 *     offset at the top of the screen; view_selection() the block the top
 *     view's selection stands for (review actions use it).
 *   - Decorations: pager_add_decor(&d) adds a left margin drawn beside
 *     each line (review status), LA_MATCH ranges per block (search hits,
 *     drawn highlighted) and text for the status line.  Call
 *     pager_relayout() when what they return changes.
 *
 * Other helpers: prompt_read("Search: ", &hist, &text) edits one line on
 * the message line (Left/Right/Backspace/C-u/Enter/Esc, history with
 * Up/Down, UTF-8); view_message("No match for %s", q) sets the message
 * line (sanitised); view_copy(text, what) copies to the clipboard with
 * OSC 52.  Every string drawn goes through draw_str(), which sanitises it
 * and clips it to the columns given; layout lines are drawn by draw_lline().
 *
 * Script mode (BRIEF_SCRIPT=FILE) feeds keys and commands from a file
 * instead of the keyboard (view_scripted() says so); see reader.c.  Test a
 * new view the same way: a case in tests/screen.sh (or your own file
 * sourcing tests/lib-screen.sh) and expected screens regenerated on
 * purpose with tests/screen/accept.sh. */
#ifndef BRIEF_VIEW_H
#define BRIEF_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "brief-db.h"
#include "keys.h"
#include "layout.h"
#include "xmalloc.h"

struct cli;
struct keymap;

/* --- Views --------------------------------------------------------------- */

#define VIEW_NOSEL	(-1L)	/* view->sel of a view that scrolls text */
#define VIEW_POPUP	0x1	/* ops->flags: drawn in a box over the views
				 * below; height follows its lines */

struct view;

struct view_ops {
	const char	*name;		/* "pager", "outline": status line */
	unsigned	 ctx;		/* CTX_* bit: which bindings apply */
	/* The action that opens the view from any view, or goes back to it
	 * when it is open (ACT_OUTLINE); ACT_NONE when its own code opens
	 * it (view_push from a hook, a command or another view). */
	enum action	 action;
	size_t		 size;		/* private state, zeroed before open */
	unsigned	 flags;		/* VIEW_POPUP */
	/* Load what the view shows from arg; 0, or -1 after setting a
	 * message (the view is then not pushed).  May be NULL. */
	int		(*open)(struct view *, const void *arg);
	/* Free what open and layout allocated (not priv).  May be NULL. */
	void		(*close)(struct view *);
	/* v->width changed (and after open): set v->nlines, keep the
	 * reading position.  May be NULL. */
	void		(*layout)(struct view *);
	/* Draw content line `line` at row y of win (v->width columns);
	 * selected when it is v->sel.  Used when draw is NULL. */
	void		(*draw_line)(struct view *, WINDOW *, int y,
			    size_t line, int selected);
	/* Draw the whole body instead (the pager does).  May be NULL. */
	void		(*draw)(struct view *, WINDOW *);
	/* An action, with the key that gave it (BKEY_NONE from a command):
	 * 1 if handled, 0 to fall through.  May be NULL. */
	int		(*key)(struct view *, enum action, bkey);
	/* Status line text: left (after the view name), right (position).
	 * NULL: the framework shows "N/M" of the selection. */
	void		(*status)(struct view *, struct buf *left,
			    struct buf *right);
	/* The block the selection stands for: 0 and *slug, *seq set; -1 if
	 * none.  May be NULL. */
	int		(*select)(struct view *, const char **slug, int *seq);
	/* A popup's title in its frame (NULL: ops->name).  May be NULL. */
	const char	*(*title)(struct view *);
	/* The view comes back from the jump stack (the pager is at the place
	 * it was suspended from): refresh what may have changed since, before
	 * layout; -1 closes it instead.  May be NULL. */
	int		(*resume)(struct view *);
	/* A view that counts its lines as they are needed (the pager):
	 * make v->nlines hold every line up to `line`, or all of them for
	 * VIEW_ALL_LINES, before a move or jump relies on it.  May be NULL. */
	void		(*count)(struct view *, size_t line);
};

#define VIEW_ALL_LINES	((size_t)-1)

/* Every view's table and every hook function, from views.def. */
#define VIEW(name)	extern const struct view_ops name##_ops;
#define HOOKS(fn)	void fn(void);
#include "views.def"
#undef VIEW
#undef HOOKS

struct view {
	const struct view_ops	*ops;
	void			*priv;		/* ops->size bytes */
	size_t			 nlines;	/* lines of content */
	size_t			 top;		/* first line shown */
	long			 sel;		/* selected line or VIEW_NOSEL */
	int			 width;		/* columns of the body */
	int			 height;	/* rows of the body */
};

/* Push a view opened with arg; NULL if its open failed. */
struct view	*view_push(const struct view_ops *, const void *arg);
/* Close the top view; closing the last one quits. */
void		 view_pop(void);
/* Close views above v (v stays). */
void		 view_pop_to(struct view *);
/* Take the views above v off the stack without closing them: *out gets
 * them bottom first (free the array); returns how many. */
size_t		 view_suspend_above(struct view *v, struct view ***out);
/* Put suspended views back on top, bottom first (resume op, then layout
 * for the current size); takes the array over. */
void		 view_resume(struct view **, size_t n);
/* Close a view that is not on the stack (a suspended one). */
void		 view_close(struct view *);
struct view	*view_top(void);
struct view	*view_bottom(void);		/* the pager */
/* The topmost view with these ops, or NULL. */
struct view	*view_find(const struct view_ops *);
/* Make line visible (list views: also select it). */
void		 view_show_line(struct view *, size_t line);
/* Scroll or move the selection by an action (line-down, page-up, top,
 * ...); 1 if it was one of those. */
int		 view_move(struct view *, enum action);
/* The block the top view's selection stands for (ops->select). */
int		 view_selection(const char **slug, int *seq);
void		 view_quit(void);

/* --- Hooks for other modules -------------------------------------------- */

typedef int	(*view_action_fn)(struct view *top, enum action, bkey);
typedef int	(*view_command_fn)(const char *args);

/* fn runs for action when the top view's key op did not handle it;
 * it returns 1 if it did something. */
void		 view_on_action(enum action, view_action_fn);
/* fn runs after each frame has reached the terminal: the place for
 * writes that must not delay what the user sees. */
void		 view_on_frame(void (*fn)(void));
/* In a frame hook: whether that frame painted the whole screen again, so
 * what a hook wrote beside curses before is gone. */
int		 view_repainted(void);
/* ":name ARGS" runs fn(ARGS) (ARGS "" when none); 0 ok, else it has set
 * a message.  usage ("goto ANCHOR: ...") is listed by the help view.
 * Built in: goto, quit (q), save-display, resize, help. */
void		 view_on_command(const char *name, const char *usage,
		    view_command_fn);
/* The usage of the i-th command, NULL past the last (for help). */
const char	*view_command_usage(size_t i);
/* Run a command line as typed after ':'. */
int		 view_command(const char *line);

/* --- Messages, prompt, clipboard ---------------------------------------- */

void		 view_message(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
/* The same for a failure (drawn in the error colour). */
void		 view_error(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
void		 view_clear_message(void);
int		 view_has_message(void);
/* hint.c: the first start's hint line, unless off or the help was seen;
 * hint_seen() when the help opens. */
void		 hint_show(int off);
void		 hint_seen(void);

struct prompt_history {
	char		**items;
	size_t		  n;
};

/* Edit one line after label on the message line.  1 and *out (free it)
 * on <Enter>, 0 on <Esc> (or the end of a script).  hist may be NULL;
 * entered lines are added to it. */
int		 prompt_read(const char *label, struct prompt_history *,
		    char **out);
/* The history of the ':' prompt, which '/' and '&' in lists share. */
struct prompt_history *view_history(void);
/* The same starting from text (NULL: empty), calling changed(arg, line)
 * after every key that edits the line (a note's draft is saved there). */
struct prompt_opts {
	const char	*text;
	void		(*changed)(void *arg, const char *line);
	void		*arg;
};
int		 prompt_edit(const char *label, struct prompt_history *,
		    const struct prompt_opts *, char **out);

/* The next key for a prompt (the frame drawn first, resizes handled):
 * 1 and *k, or 0 to cancel (end of the script, or a script command,
 * given back to run after the prompt). */
int		 view_read_key(bkey *k);
/* view.c, for the frame (view-frame.c): the views on the stack (0 is the
 * pager), whether they fit the screen, the rows under the status line
 * and the first of them, a popup's box. */
size_t		 view_depth(void);
int		 view_quitting(void);	/* quit was asked for */
struct view	*view_at(size_t i);
int		 view_laid_out(void);
int		 view_too_small(void);
int		 view_body_rows(void);
int		 view_body_top(void);
void		 view_popup_box(const struct view *, int *y, int *x, int *h,
		    int *w);
/* view.c, for the keys (view-keys.c): open the view action a opens, or
 * go back to it (0; -1 when it could not, message set; -2 when a opens
 * none); line n (1-based) of v at the top, or selected in a list.
 * view-keys.c, for the loop: one key typed. */
int		 view_open_for(enum action a);
void		 view_goto_line(struct view *v, long n);
void		 view_handle_key(bkey k);
/* view-prompt.c, for the frame: whether a prompt is open, and drawing
 * it on row y (returns the cursor's column). */
int		 prompt_active(void);
int		 prompt_draw(int y);

/* Copy text to the terminal's clipboard with OSC 52 and say so with
 * "Copied WHAT". 0 ok, -1 (message set) if too long. */
int		 view_copy(const char *text, const char *what);
/* osc52.c: standard base64 of n bytes (a new string). */
char		*base64_encode(const void *, size_t n);
/* The OSC 52 sequence that sets the clipboard to text (a new string). */
char		*osc52_sequence(const char *text, size_t len);

/* --- The reader's state ------------------------------------------------- */

struct bdb	*view_db(void);
struct cli	*view_cli(void);
const struct keymap *view_keymap(void);
int		 view_ascii(void);	/* non-UTF-8 locale: ASCII stand-ins */

/* view.c, driven by reader.c. */
void		 view_init(struct cli *, struct keymap *, int ascii);
void		 view_free(void);
/* Run until quit or the end of the script. */
void		 view_loop(void);
/* The screen changed size (LINES, COLS): lay every view out again. */
void		 view_resize(void);
/* Draw the frame and update the terminal. */
void		 view_redraw(void);

/* --- Input and terminal (reader.c) -------------------------------------- */

enum { INPUT_END, INPUT_KEY, INPUT_COMMAND };

struct input {
	int		 kind;		/* INPUT_* */
	bkey		 key;		/* INPUT_KEY; KEY_RESIZE comes as
					 * BKEY_SPECIAL | KEY_RESIZE */
	const char	*command;	/* INPUT_COMMAND: a script's ":" line,
					 * without the ':' */
};

/* The next key from the keyboard or the script; INPUT_END at the end of
 * the script or when a signal asks to leave. */
int		 reader_input(struct input *);
/* Give the last script command back (the prompt stops at one). */
void		 reader_unget(void);
/* Write bytes straight to the terminal (OSC 52), after the frame. */
void		 reader_tty_write(const char *);
int		 view_scripted(void);	/* keys come from BRIEF_SCRIPT */

/* --- Drawing (display.c) ------------------------------------------------ */

/* Screen elements beside the layout attributes. */
enum draw_elem {
	DE_NORMAL,
	DE_STATUS,	/* status line */
	DE_MESSAGE,
	DE_ERROR,	/* a message that reports a failure */
	DE_SELECTED,	/* the selected line of a list */
	DE_ANCHOR,	/* anchors in lists */
	DE_DIM,		/* secondary text: dates, "cited in" */
	DE_TITLE,	/* titles in lists, popup frame */
	DE_MISSING,	/* a missing annex */
	DE__COUNT
};

/* Colours unless NO_COLOR is set or the terminal has none. */
void		 display_init(void);
int		 display_has_color(void);
attr_t		 display_elem(enum draw_elem);
/* The attributes of a layout run (LA_* bits); selected: the run is the
 * selected link or footnote marker. */
attr_t		 display_run_attr(unsigned la, int selected);
/* Draw s (sanitised here, ASCII stand-ins in ascii mode) at y, x, at most
 * maxw columns, ending with an ellipsis when cut; the columns used. */
int		 draw_str(WINDOW *, int y, int x, const char *s, int maxw,
		    attr_t);
/* s wrapped at blanks into at most maxrows rows of width columns from
 * y, x (the last ends with an ellipsis when more is left); the rows it
 * takes.  w NULL: only count them. */
int		 draw_wrapped(WINDOW *, int y, int x, const char *s, int width,
		    int maxrows, attr_t);
/* Bytes of clean text s that make its first row at width columns,
 * broken after a blank when one fits. */
size_t		 display_wrap_end(const char *s, int width);
/* The same for text known clean (layout output): no sanitising. */
int		 draw_clean(WINDOW *, int y, int x, const char *s, size_t len,
		    int maxw, attr_t);
/* A layout line; runs of block span sel_span are drawn selected. */
void		 draw_lline(WINDOW *, int y, int x, int maxw,
		    const struct lline *, int sel_span);
/* Fill the rest of row y from x with blanks in attr. */
void		 draw_fill(WINDOW *, int y, int x, attr_t);
/* A box of h rows and w columns at y, x with a title in its top edge. */
void		 draw_box(WINDOW *, int y, int x, int h, int w,
		    const char *title);
/* Columns s takes (as drawn). */
int		 display_width(const char *s);
/* s sanitised, with ASCII stand-ins in ascii mode (a new string). */
char		*display_text(const char *s);
/* Write the screen as UTF-8 text, trailing blanks trimmed. 0 or -1. */
int		 display_save(const char *path);

/* --- Jump history (history.c) ------------------------------------------- */

struct place {
	char		*slug;
	int		 seq;		/* block at the top of the screen */
	uint32_t	 off;		/* byte offset of the top line in it */
	int		 link_seq;	/* the pager's selected link or */
	int		 link_span;	/* marker (block, span); -1: none */
};

/* Push a jump: the place is copied, the suspended views (bottom first,
 * from view_suspend_above; may be NULL, 0) are taken over. */
void		 history_push(const struct place *, struct view **, size_t);
/* Pop the last jump: its place into *out (free out->slug), its views
 * into *views, *n (hand them to view_resume); 0 when empty. */
int		 history_pop(struct place *out, struct view ***views,
		    size_t *n);
size_t		 history_depth(void);
/* The last jump left views (a list) that back brings back. */
int		 history_top_has_views(void);
/* Drop every jump, closing the views they hold (before the pager goes). */
void		 history_clear(void);
/* The forward stack: a back pushes the place it left (copied), forward
 * pops it (free out->slug); a jump pushed between history_going_forward(1)
 * and (0) keeps the stack, any other empties it. */
void		 history_ahead_push(const struct place *);
int		 history_ahead_pop(struct place *out);
void		 history_going_forward(int);

/* --- The pager (view-pager.c) ------------------------------------------- */

/* What view_push(&pager_ops, arg) takes: a loaded document (the pager
 * takes it over and zeroes *doc) and the block to show first (-1: top). */
struct pager_arg {
	struct doc	*doc;
	int		 seq;
};

int		 pager_open(const char *slug, const char *anchor,
		    int push_history);
int		 pager_show(const char *slug, int seq, uint32_t off,
		    int push_history);
/* Back to the last jump's place, with the views it suspended on top
 * again; 0 if there was none. */
int		 pager_back(void);
/* Remember the place shown as a jump (g, G, 50%, :45), for '' and
 * <Backspace>. */
void		 pager_push_place(void);
/* The open document as an outline: every block's kind, anchor, parent
 * and spans, its text "" unless filled.  pager_block gives block seq
 * with its text, which lasts until the pager's next frame. */
const struct doc *pager_doc(void);
const struct block *pager_block(int seq);
void		 pager_position(struct place *);	/* slug not copied */
/* The recommendation (bullet) at the top of the screen, or -1. */
int		 pager_current_rec(void);
/* Copy block seq of the open document with its citation
 * ("letter#rec-2 (Reference ...)") to the clipboard. */
void		 pager_copy_block(int seq);
/* A short label for block seq: a bullet's bold lead, else its text. */
char		*pager_block_label(const struct doc *, int seq);

struct pager_decor {
	int	  margin;	/* columns drawn left of the text, or 0 */
	/* Draw margin columns at (y, x) for a line of block seq; first:
	 * the block's first line.  May be NULL. */
	void	(*draw_margin)(void *arg, WINDOW *, int y, int x,
		    const struct doc *, int seq, int first);
	/* LA_MATCH ranges [start, end) in block seq's text: count, and
	 * *ranges pointing at memory the decor keeps until its next
	 * call.  May be NULL. */
	size_t	(*matches)(void *arg, const struct doc *, int seq,
		    const uint32_t (**ranges)[2]);
	/* Append to the status line for block seq.  May be NULL. */
	void	(*status)(void *arg, const struct doc *, int seq,
		    struct buf *);
	void	 *arg;
};

/* The decor is kept by pointer (keep it alive) until removed. */
void		 pager_add_decor(const struct pager_decor *);
void		 pager_remove_decor(const struct pager_decor *);
/* Wrap text at most cols columns wide (0: the window's width); the
 * default is 100, a comfortable measure on a wide terminal. */
void		 pager_set_measure(int cols);
/* pager-commands.c: ":goto ANCHOR|DOC|DOC#ANCHOR" and ":set width N"
 * (view_init registers them); 0, or -1 with the message set. */
int		 pager_cmd_goto(const char *arg);
int		 pager_cmd_set(const char *arg);
/* Lay the document out again (decorations changed), keeping the place. */
void		 pager_relayout(void);
/* Show only blocks seqs[0..n) of the open document (less's &), with
 * label at the right of the status line, until pager_set_filter(NULL,
 * 0, NULL) or another document is opened.  The place is kept (a hidden
 * block's place is the next block shown). */
void		 pager_set_filter(const int *seqs, size_t n, const char *label);
/* The filter's label, or NULL when every block is shown. */
const char	*pager_filter(void);

/* --- The other views ---------------------------------------------------- */

/* What view_push(&filter_ops, arg) takes: the list to filter and the
 * text its lines must hold (invert: must not). */
struct filter_arg {
	struct view	*base;
	const char	*pattern;
	int		 invert;
};

/* The list a filter view shows lines of. */
struct view	*filter_base(struct view *);
/* Line `line` of v as drawn (UTF-8, at most size bytes with the NUL). */
void		 view_line_text(struct view *, size_t line, char *buf,
		    size_t size);
/* list-search.c: whether line holds pat (case-blind), the one test of /
 * in lists and of &; and /, n, N (action a) in list view v. */
int		 view_text_holds(const char *line, const char *pat);
void		 view_list_search(struct view *v, enum action a);
void		 view_list_search_free(void);	/* the last pattern */

/* Register a view (reader.c does it for every line of views.def): its
 * ops->action then opens it. */
void		 view_register(const struct view_ops *);
/* reader.c: registers every view and runs every hook of views.def. */
void		 reader_views_init(void);

#endif
