/* review-ui.c: review sessions in the reader.  The keys that set a block's
 * status, write notes (in the prompt, saved as a draft at every key, or in
 * $EDITOR), set and jump to bookmarks, and open the notes and progress
 * views; the pager's left margin with each block's mark; the session (its
 * visits recorded as blocks come on screen) and the last position per
 * document, saved whenever it changes and restored on the next start.
 *
 * Every change goes through the review store API (db/brief-db.h), which
 * commits before it returns, so a message on screen means it is on disk.
 * The module owns R: the store's state, a small cache of marks per
 * document (dropped at every change), the blocks of the open document
 * seen this session and the last position written. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "review-ui.h"
#include "view.h"

/* Two columns of mark; the pager's cursor column follows. */
#define MARGIN		2
#define MCACHE_MAX	8		/* documents whose marks are kept */
#define NOTE_FILE_MAX	(16 * 1024 * 1024)

struct mcache {
	char		*slug;
	struct bdb_mark	*m;
	size_t		 n;
};

static struct {
	int		 on;		/* the store is attached */
	char		*why;		/* why not */
	int64_t		 session;
	int		 autoread;
	struct mcache	 mc[MCACHE_MAX];
	size_t		 next_mc;
	char		*seen_slug;	/* blocks of this doc on screen */
	char		*seen;
	size_t		 nseen;
	char		*pos_slug;	/* the last position written */
	int		 pos_seq;
	uint32_t	 pos_off;
	int		 pos_dirty;	/* the pager moved: write at the frame */
	int		 started;	/* the session was started (or tried) */
	char		**pending;	/* visits to write: "slug\0anchor" */
	size_t		 npending;
	struct pager_decor decor;
} R;

static struct bdb *
db(void)
{
	return view_db();
}

int
review_on(void)
{
	return R.on;
}

/* Say why there is nothing to write to; 1 when there is a store. */
static int
need_store(void)
{
	if (R.on)
		return 1;
	view_error("No review store (%s): reading only",
	    R.why ? R.why : "not opened");
	return 0;
}

/* --- Opening ----------------------------------------------------------- */

static int
store_named(const struct cli *c)
{
	const char *env = getenv("BRIEF_REVIEW");

	return c->review_path != NULL || (env != NULL && env[0] != '\0');
}

struct bdb *
review_open(struct cli *c)
{
	char *path, *err = NULL;

	if (view_scripted() && !store_named(c))
		return cli_open_db(c, 1);
	/* Read-write flags: SQLite opens attached files with the main
	 * file's; a read-only index file is still fine. */
	if (cli_open_db(c, 0) == NULL)
		return NULL;
	path = c->review_path != NULL ? xstrdup(c->review_path) :
	    bdb_review_default_path();
	if (bdb_review_attach(c->db, path, &err) == BDB_OK)
		R.on = 1;
	else
		R.why = err;
	free(path);
	return c->db;
}

/* --- Blocks ------------------------------------------------------------ */

/* Document slug: the pager's own, or loaded into d (doc_clear it). */
static const struct doc *
doc_for(const char *slug, struct doc *d)
{
	const struct doc *p = pager_doc();

	if (p != NULL && strcmp(p->slug, slug) == 0)
		return p;
	if (bdb_load(db(), slug, d) != BDB_OK)
		return NULL;
	return d;
}

char *
review_block_anchor(const char *slug, int seq)
{
	struct doc tmp = { 0 };
	const struct doc *d = doc_for(slug, &tmp);
	char *a = NULL;

	if (d != NULL && seq >= 0 && (size_t)seq < d->nblocks &&
	    d->blocks[seq].anchor != NULL)
		a = xstrdup(d->blocks[seq].anchor);
	doc_clear(&tmp);
	return a;
}

int
review_find_seq(const char *slug, const char *anchor)
{
	struct doc tmp = { 0 };
	const struct doc *d = doc_for(slug, &tmp);
	int seq = d != NULL ? doc_find_anchor(d, anchor) : -1;

	doc_clear(&tmp);
	return seq;
}

/* "rec-2" in the open document, else "annex#rec-2" (a new string). */
static char *
place_label(const char *slug, const char *anchor)
{
	const struct doc *p = pager_doc();

	if (p != NULL && strcmp(p->slug, slug) == 0)
		return xstrdup(anchor);
	return xasprintf("%s#%s", slug, anchor);
}

/* The selected block's slug and anchor (a new string), or NULL after
 * saying why. */
static char *
selected(const char **slug)
{
	int seq;
	char *anchor;

	if (view_selection(slug, &seq) != 0) {
		view_error("No block selected here");
		return NULL;
	}
	if ((anchor = review_block_anchor(*slug, seq)) == NULL)
		view_error("This block has no anchor to review");
	return anchor;
}

/* --- Marks ------------------------------------------------------------- */

static void
mcache_clear(struct mcache *c)
{
	free(c->slug);
	bdb_marks_free(c->m, c->n);
	memset(c, 0, sizeof *c);
}

void
review_marks_changed(void)
{
	for (size_t i = 0; i < MCACHE_MAX; i++)
		mcache_clear(&R.mc[i]);
}

static const struct mcache *
marks_of(const char *slug)
{
	struct mcache *c;

	for (size_t i = 0; i < MCACHE_MAX; i++)
		if (R.mc[i].slug != NULL && strcmp(R.mc[i].slug, slug) == 0)
			return &R.mc[i];
	c = &R.mc[R.next_mc];
	R.next_mc = (R.next_mc + 1) % MCACHE_MAX;
	mcache_clear(c);
	c->slug = xstrdup(slug);
	if (bdb_marks(db(), slug, &c->m, &c->n) != BDB_OK)
		c->m = NULL, c->n = 0;
	return c;
}

static const struct bdb_mark *
mark_at(const char *slug, const char *anchor, int seq)
{
	const struct mcache *c = marks_of(slug);

	for (size_t i = 0; i < c->n; i++)
		if (anchor != NULL ? strcmp(c->m[i].anchor, anchor) == 0 :
		    c->m[i].seq == seq)
			return &c->m[i];
	return NULL;
}

static const char *
status_mark(int status)
{
	static const char *const utf8[RS__COUNT] = { " ", "·", "!", "✓" };
	static const char *const ascii[RS__COUNT] = { " ", ".", "!", "x" };

	if (status < 0 || status >= RS__COUNT)
		status = RS_UNREAD;
	return view_ascii() ? ascii[status] : utf8[status];
}

/* The two columns for mark m (NULL: none) in buf. */
static const char *
mark_text(const struct bdb_mark *m, char buf[16])
{
	const char *second = " ";

	if (m != NULL && m->state == RV_CHANGED)
		second = "~";
	else if (m != NULL && m->nnotes > 0)
		second = "*";
	snprintf(buf, 16, "%s%s", status_mark(m ? m->status : RS_UNREAD),
	    second);
	return buf;
}

const char *
review_mark(const char *slug, const char *anchor)
{
	static char buf[16];

	if (!R.on || slug == NULL || anchor == NULL)
		return "";
	return mark_text(mark_at(slug, anchor, -1), buf);
}

static attr_t
mark_attr(const struct bdb_mark *m)
{
	if (m->state == RV_CHANGED || m->status == RS_FLAGGED)
		return display_elem(DE_ERROR);
	if (m->status == RS_DONE)
		return display_elem(DE_ANCHOR) | A_BOLD;
	return display_elem(DE_DIM);
}

/* --- Session visits and autoread -------------------------------------- */

/* Record that block seq of d came on screen (once per session and
 * document shown). */
static void
visit(const struct doc *d, int seq)
{
	if (R.seen_slug == NULL || strcmp(R.seen_slug, d->slug) != 0 ||
	    R.nseen != d->nblocks) {
		free(R.seen_slug);
		free(R.seen);
		R.seen_slug = xstrdup(d->slug);
		R.nseen = d->nblocks;
		R.seen = xcalloc(R.nseen + 1, 1);
	}
	if ((size_t)seq >= R.nseen || R.seen[seq])
		return;
	R.seen[seq] = 1;
	if (d->blocks[seq].anchor == NULL || !R.on)
		return;
	/* Written after the frame is on screen (flush_frame). */
	R.pending = xappend(R.pending, R.npending, sizeof *R.pending);
	R.pending[R.npending++] = xasprintf("%s%c%s", d->slug, '\0',
	    d->blocks[seq].anchor);
}

/* Autoread: recommendations that came on screen and are now above the
 * top line were read through; mark them read unless they have a mark. */
static void
autoread(const struct doc *d, int top)
{
	for (int i = 0; i < top && (size_t)i < R.nseen; i++) {
		const struct block *b = &d->blocks[i];

		if (!R.seen[i] || !block_is_rec(b) || b->anchor == NULL ||
		    mark_at(d->slug, b->anchor, -1) != NULL)
			continue;
		if (bdb_status_set(db(), d->slug, b->anchor, RS_READ, NULL) ==
		    BDB_OK)
			review_marks_changed();
	}
}

/* --- Position ---------------------------------------------------------- */

static char	*top_anchor(const char **, int *);

/* Write the pager's position when it moved since the last write. */
static void
save_position(void)
{
	const char *slug;
	struct place pl;
	char *anchor;
	int off;

	if (!R.on || pager_doc() == NULL)
		return;
	pager_position(&pl);
	if (R.pos_slug != NULL && strcmp(R.pos_slug, pl.slug) == 0 &&
	    R.pos_seq == pl.seq && R.pos_off == pl.off)
		return;
	if ((anchor = top_anchor(&slug, &off)) == NULL)
		return;
	if (bdb_position_set(db(), slug, anchor, off, NULL) == BDB_OK) {
		free(R.pos_slug);
		R.pos_slug = xstrdup(pl.slug);
		R.pos_seq = pl.seq;
		R.pos_off = pl.off;
	}
	free(anchor);
}

static void
restore_position(void)
{
	const struct doc *d = pager_doc();
	char *anchor = NULL;
	int off = 0, seq;

	if (d == NULL || bdb_position_get(db(), d->slug, &anchor, &off) !=
	    BDB_OK)
		return;
	if ((seq = doc_find_anchor(d, anchor)) >= 0 && seq > 0) {
		pager_show(d->slug, seq, off > 0 ? (uint32_t)off : 0, 0);
		view_message("Back where you left %s: %s", d->slug, anchor);
	}
	free(anchor);
}

/* --- The pager's decoration -------------------------------------------- */

static void
decor_margin(void *arg, WINDOW *w, int y, int x, const struct doc *d,
    int seq, int first)
{
	const struct bdb_mark *m;
	char buf[16];

	if (seq < 0)
		return;
	visit(d, seq);
	if (!first || (m = mark_at(d->slug, NULL, seq)) == NULL)
		return;
	draw_str(w, y, x, mark_text(m, buf), MARGIN, mark_attr(m));
}

/* Runs at every frame the pager is on top: the status of the current
 * block, and the moment to save the position. */
static void
decor_status(void *arg, const struct doc *d, int seq, struct buf *b)
{
	int rec = seq;	/* the current block */
	const struct bdb_mark *m;
	struct place pl;

	R.pos_dirty = 1;
	if (R.autoread) {
		pager_position(&pl);
		autoread(d, pl.seq);
	}
	if (rec < 0 || (m = mark_at(d->slug, NULL, rec)) == NULL)
		return;
	buf_printf(b, " [%s%s%s]", bdb_status_name(m->status),
	    m->state == RV_CHANGED ? ", changed" : "",
	    m->nnotes > 0 ? ", notes" : "");
}

/* --- Status keys ------------------------------------------------------- */

static int
action_status(enum action a)
{
	switch (a) {
	case ACT_STATUS_READ:		return RS_READ;
	case ACT_STATUS_FLAGGED:	return RS_FLAGGED;
	case ACT_STATUS_DONE:		return RS_DONE;
	default:			return RS_UNREAD;
	}
}

static int
on_status(struct view *top, enum action a, bkey k)
{
	const char *slug;
	char *anchor, *label, *err = NULL;
	int status = action_status(a), rc;

	if (!need_store() || (anchor = selected(&slug)) == NULL)
		return 1;
	if (a == ACT_STATUS_CYCLE)
		rc = bdb_status_cycle(db(), slug, anchor, &status, &err);
	else
		rc = bdb_status_set(db(), slug, anchor, status, &err);
	label = place_label(slug, anchor);
	review_marks_changed();
	if (rc == BDB_OK)
		view_message("%s: %s", label, bdb_status_name(status));
	else
		view_error("%s: not saved: %s", label, err ? err : "error");
	free(label);
	free(anchor);
	free(err);
	return 1;
}

/* --- Notes ------------------------------------------------------------- */

struct draft {
	const char	*slug;
	const char	*anchor;
};

/* At every edit in the note prompt: the line is the draft. */
static void
draft_changed(void *arg, const char *line)
{
	const struct draft *dr = arg;

	if (line[0] == '\0')
		bdb_draft_clear(db(), dr->slug, dr->anchor, NULL);
	else
		bdb_draft_save(db(), dr->slug, dr->anchor, line, NULL);
}

/* Add body as a note; the draft goes once the note is stored. */
static void
note_save(const char *slug, const char *anchor, const char *body)
{
	char *label = place_label(slug, anchor), *err = NULL;
	int64_t id;

	if (bdb_note_add(db(), slug, anchor, body, &id, &err) == BDB_OK) {
		bdb_draft_clear(db(), slug, anchor, NULL);
		view_message("Note saved on %s", label);
	} else {
		bdb_draft_save(db(), slug, anchor, body, NULL);
		view_error("%s: note not saved (kept as a draft): %s", label,
		    err ? err : "error");
	}
	review_marks_changed();
	notes_view_reload();
	free(err);
	free(label);
}

/* The prompt was left without a note: say whether a draft stays. */
static void
note_cancelled(const char *slug, const char *anchor, const char *label)
{
	char *draft = NULL;

	if (bdb_draft_get(db(), slug, anchor, &draft) == BDB_OK)
		view_message("Note for %s not saved; its draft is kept (a "
		    "there goes on with it)", label);
	free(draft);
}

static void
note_prompt(const char *slug, const char *anchor)
{
	struct draft dr = { slug, anchor };
	struct prompt_opts o = { NULL, draft_changed, &dr };
	char *label = place_label(slug, anchor), *prompt, *draft = NULL,
	    *text = NULL;

	bdb_draft_get(db(), slug, anchor, &draft);
	o.text = draft;
	prompt = xasprintf("Note for %s: ", label);
	if (!prompt_edit(prompt, NULL, &o, &text)) {
		note_cancelled(slug, anchor, label);
	} else if (text[0] == '\0') {
		bdb_draft_clear(db(), slug, anchor, NULL);
		view_message("Empty note: nothing saved");
	} else {
		note_save(slug, anchor, text);
	}
	free(text);
	free(draft);
	free(prompt);
	free(label);
}

void
review_note_prompt(const char *slug, const char *anchor)
{
	if (need_store())
		note_prompt(slug, anchor);
}

static int
on_note(struct view *top, enum action a, bkey k)
{
	const char *slug;
	char *anchor;

	if (!need_store() || (anchor = selected(&slug)) == NULL)
		return 1;
	note_prompt(slug, anchor);
	free(anchor);
	return 1;
}

/* --- $EDITOR ------------------------------------------------------------ */

static const char *
editor_command(void)
{
	const char *e = getenv("VISUAL");

	if (e == NULL || e[0] == '\0')
		e = getenv("EDITOR");
	return e != NULL && e[0] != '\0' ? e : "vi";
}

static int
write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, s, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		len -= (size_t)w;
	}
	return 0;
}

/* A new file, mode 0600, holding head then text: its path, or NULL
 * (message set).  ".md", so editors know the comment at its top. */
static char *
note_file(const char *head, const char *text)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/brief-note-XXXXXX.md",
	    dir != NULL && dir[0] != '\0' ? dir : "/tmp");
	int fd = mkstemps(path, 3), bad;
	size_t len;

	if (fd < 0) {
		view_error("Cannot make a file for the note: %s: %s", path,
		    strerror(errno));
		free(path);
		return NULL;
	}
	len = text != NULL ? strlen(text) : 0;
	/* A final newline, or a line the editor appends joins the last. */
	bad = fchmod(fd, 0600) != 0 ||
	    (head != NULL && write_all(fd, head, strlen(head)) != 0) ||
	    write_all(fd, text, len) != 0 ||
	    (len > 0 && text[len - 1] != '\n' && write_all(fd, "\n", 1) != 0);
	if (close(fd) != 0 || bad) {
		view_error("Cannot write %s: %s", path, strerror(errno));
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* Run the editor on path as git does (sh -c 'EDITOR "$@"' EDITOR FILE)
 * with the terminal handed over; its exit status, or -1. */
static int
run_editor(const char *path)
{
	const char *ed = editor_command();
	char *cmd = xasprintf("%s \"$@\"", ed);
	struct sigaction ign, oint, oquit;
	int st = 0;
	pid_t pid;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &oint);		/* C-c is the editor's */
	sigaction(SIGQUIT, &ign, &oquit);
	def_prog_mode();
	endwin();
	if ((pid = fork()) == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, ed, path, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	free(cmd);
	if (pid < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The file's text without trailing blanks (a new string), or NULL. */
static char *
read_note(const char *path)
{
	FILE *f = fopen(path, "r");
	struct buf b = { 0 };
	char chunk[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	buf_adds(&b, "");
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 &&
	    b.len < NOTE_FILE_MAX)
		buf_add(&b, chunk, n);
	fclose(f);
	while (b.len > 0 && strchr(" \t\r\n", b.data[b.len - 1]) != NULL)
		b.data[--b.len] = '\0';
	return buf_steal(&b);
}

/* Edit text in $EDITOR: 0 and *out (a new string, maybe empty), or -1
 * with a message.  A failed editor's text is left in *out too. */
static int
editor_text(const char *slug, const char *anchor, const char *text,
    char **out)
{
	char *head = note_context(slug, anchor);
	char *path = note_file(head, text);
	int st;

	free(head);
	*out = NULL;
	if (path == NULL)
		return -1;
	st = run_editor(path);
	if ((*out = read_note(path)) != NULL)
		note_context_strip(*out);
	unlink(path);
	free(path);
	if (st != 0)
		view_error("The editor exited with status %d (%s)", st,
		    editor_command());
	return st == 0 && *out != NULL ? 0 : -1;
}

static void
note_editor(const char *slug, const char *anchor)
{
	char *draft = NULL, *text = NULL;

	bdb_draft_get(db(), slug, anchor, &draft);
	if (editor_text(slug, anchor, draft, &text) != 0) {
		if (text != NULL && text[0] != '\0')	/* keep what was typed */
			bdb_draft_save(db(), slug, anchor, text, NULL);
	} else if (text[0] == '\0') {
		bdb_draft_clear(db(), slug, anchor, NULL);
		view_message("Empty note: nothing saved");
	} else {
		note_save(slug, anchor, text);
	}
	free(text);
	free(draft);
}

static int
on_note_editor(struct view *top, enum action a, bkey k)
{
	const char *slug;
	char *anchor;

	if (!need_store() || (anchor = selected(&slug)) == NULL)
		return 1;
	note_editor(slug, anchor);
	free(anchor);
	return 1;
}

void
review_note_edit(const struct bdb_note *n)
{
	char *text = NULL, *err = NULL;

	if (!need_store() || editor_text(n->slug, n->anchor, n->body,
	    &text) != 0) {
		free(text);
		return;
	}
	if (text[0] == '\0')
		view_message("Empty text: the note is unchanged");
	else if (strcmp(text, n->body) == 0)
		view_message("Note unchanged");
	else if (bdb_note_edit(db(), n->id, text, &err) == BDB_OK)
		view_message("Note on %s#%s saved", n->slug, n->anchor);
	else
		view_error("Note not saved: %s", err ? err : "error");
	review_marks_changed();
	notes_view_reload();
	free(text);
	free(err);
}

/* --- Bookmarks ---------------------------------------------------------- */

/* A letter or digit typed after m or ', or 0 (cancelled). */
static int
read_name(const char *what)
{
	struct input in;

	view_message("%s: press a letter (Esc cancels)", what);
	for (;;) {
		view_redraw();
		if (reader_input(&in) == INPUT_END)
			return 0;
		if (in.kind == INPUT_COMMAND) {
			reader_unget();
			return 0;
		}
		if (in.key != (BKEY_SPECIAL | KEY_RESIZE))
			break;
		view_resize();
	}
	view_clear_message();
	if ((in.key >= 'a' && in.key <= 'z') || (in.key >= 'A' &&
	    in.key <= 'Z') || (in.key >= '0' && in.key <= '9') ||
	    in.key == '\'')
		return (int)in.key;
	if (in.key != 0x1b)
		view_message("Bookmarks are named by a letter or a digit");
	return 0;
}

/* The anchor at or before the pager's top line (a new string) and the
 * offset in it, or NULL. */
static char *
top_anchor(const char **slug, int *off)
{
	const struct doc *d = pager_doc();
	struct place pl;
	int seq;

	if (d == NULL || d->nblocks == 0)
		return NULL;
	pager_position(&pl);
	for (seq = pl.seq; seq > 0 && d->blocks[seq].anchor == NULL; seq--)
		;
	*slug = d->slug;
	*off = seq == pl.seq ? (int)pl.off : 0;
	return d->blocks[seq].anchor ? xstrdup(d->blocks[seq].anchor) : NULL;
}

static int
on_bookmark_set(struct view *top, enum action a, bkey k)
{
	const char *slug;
	char *anchor, *err = NULL, name[2] = { 0, 0 };
	int off = 0;

	if (!need_store() || (name[0] = (char)read_name("Set bookmark")) == 0)
		return 1;
	anchor = top == view_bottom() ? top_anchor(&slug, &off) :
	    selected(&slug);
	if (anchor == NULL)
		return 1;
	if (bdb_bookmark_set(db(), name, slug, anchor, off, &err) == BDB_OK)
		view_message("Bookmark %s: %s#%s", name, slug, anchor);
	else
		view_error("Bookmark %s not saved: %s", name, err ? err : "");
	free(anchor);
	free(err);
	return 1;
}

static int
on_bookmark_jump(struct view *top, enum action a, bkey k)
{
	char *slug = NULL, *anchor = NULL, name[2] = { 0, 0 };
	int off = 0, seq;

	if ((name[0] = (char)read_name("Go to bookmark")) == '\'') {
		if (!pager_back())		/* '' as in less and vim */
			view_message("No earlier position to go back to");
		return 1;
	}
	if (name[0] == 0 || !need_store())
		return 1;
	if (bdb_bookmark_get(db(), name, &slug, &anchor, &off) != BDB_OK)
		view_error("No bookmark %s (m %s sets it)", name, name);
	else if ((seq = review_find_seq(slug, anchor)) < 0)
		view_error("Bookmark %s: %s#%s is no longer there", name, slug,
		    anchor);
	else if (pager_show(slug, seq, off > 0 ? (uint32_t)off : 0, 1) == 0)
		view_message("Bookmark %s: %s#%s", name, slug, anchor);
	free(slug);
	free(anchor);
	return 1;
}

/* --- Views and commands ------------------------------------------------- */

static int
on_view(struct view *top, enum action a, bkey k)
{
	const struct view_ops *ops = a == ACT_PROGRESS ? &progress_ops :
	    &notes_ops;
	struct view *v;

	if (!need_store())
		return 1;
	if ((v = view_find(ops)) != NULL)
		view_pop_to(v);
	else
		view_push(ops, NULL);
	return 1;
}

static int
cmd_autoread(const char *arg)
{
	if (strcmp(arg, "on") == 0)
		R.autoread = 1;
	else if (strcmp(arg, "off") == 0)
		R.autoread = 0;
	else if (arg[0] == '\0')
		R.autoread = !R.autoread;
	else {
		view_error("autoread: on or off");
		return -1;
	}
	view_message("Autoread %s: recommendations scrolled past %s",
	    R.autoread ? "on" : "off", R.autoread ? "are marked read" :
	    "keep their status");
	return 0;
}

/* --- Start and end ------------------------------------------------------ */

void
review_ui_init(void)
{
	static const enum action status[] = { ACT_STATUS_CYCLE,
	    ACT_STATUS_READ, ACT_STATUS_FLAGGED, ACT_STATUS_DONE,
	    ACT_STATUS_UNREAD };
	const char *ar = getenv("BRIEF_AUTOREAD");

	for (size_t i = 0; i < sizeof status / sizeof status[0]; i++)
		view_on_action(status[i], on_status);
	view_on_action(ACT_NOTE, on_note);
	view_on_action(ACT_NOTE_EDITOR, on_note_editor);
	view_on_action(ACT_BOOKMARK_SET, on_bookmark_set);
	view_on_action(ACT_BOOKMARK_JUMP, on_bookmark_jump);
	view_on_action(ACT_NOTES_VIEW, on_view);
	view_on_action(ACT_PROGRESS, on_view);
	view_on_command("autoread", "autoread [on|off]: mark recommendations "
	    "read once scrolled past (or BRIEF_AUTOREAD=1)", cmd_autoread);
	R.autoread = ar != NULL && ar[0] != '\0' && strcmp(ar, "0") != 0;
	if (!R.on)
		return;
	R.decor = (struct pager_decor){ .margin = MARGIN,
	    .draw_margin = decor_margin, .status = decor_status };
	pager_add_decor(&R.decor);
}

static void
offer_drafts(void)
{
	struct bdb_draft *d = NULL;
	size_t n = 0;
	char *label;

	if (bdb_drafts(db(), &d, &n) != BDB_OK || n == 0) {
		bdb_drafts_free(d, n);
		return;
	}
	label = place_label(d[0].slug, d[0].anchor);
	if (n == 1)
		view_message("Unsaved note for %s restored (a there goes on "
		    "with it): %s", label, d[0].body);
	else
		view_message("%zu unsaved notes restored (M lists them); %s: "
		    "%s", n, label, d[0].body);
	free(label);
	bdb_drafts_free(d, n);
}

static void
start_session(void)
{
	char *err = NULL;

	R.started = 1;
	if (bdb_session_start(db(), &R.session, &err) != BDB_OK) {
		view_error("Review session not started: %s", err ? err : "");
		R.session = 0;
	}
	free(err);
}

/* After each frame: the session's start, the visits and the position,
 * in one transaction, so the bookkeeping never delays a frame nor costs
 * a sync per block. */
static void
flush_frame(void)
{
	if (!R.on || (R.npending == 0 && !R.pos_dirty && R.started))
		return;
	bdb_review_begin(db());
	if (!R.started)
		start_session();
	for (size_t i = 0; i < R.npending; i++) {
		const char *slug = R.pending[i];

		if (R.session > 0)
			bdb_session_visit(db(), R.session, slug,
			    slug + strlen(slug) + 1);
		free(R.pending[i]);
	}
	R.npending = 0;
	if (R.pos_dirty)
		save_position();
	R.pos_dirty = 0;
	bdb_review_commit(db());
}

void
review_ui_start(int restore)
{
	if (!R.on) {
		if (R.why != NULL)
			view_error("No review store: %s (reading only)", R.why);
		return;
	}
	view_on_frame(flush_frame);
	if (restore)
		restore_position();
	offer_drafts();
}

void
review_ui_end(void)
{
	if (R.on) {
		flush_frame();
		save_position();
		if (R.session > 0)
			bdb_session_end(db(), R.session, NULL);
		pager_remove_decor(&R.decor);
	}
	review_marks_changed();
	for (size_t i = 0; i < R.npending; i++)
		free(R.pending[i]);
	free(R.pending);
	R.pending = NULL;
	R.npending = 0;
	free(R.seen_slug);
	free(R.seen);
	free(R.pos_slug);
	free(R.why);
	memset(&R, 0, sizeof R);
}
