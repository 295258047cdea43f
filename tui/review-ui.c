/* review-ui.c: the review keys of the reader.  They set a block's status,
 * write notes (in the prompt, saved as a draft at every key, or in the
 * editor), set and jump to bookmarks, and open the notes and progress
 * views.  What they stand on lives elsewhere: the session, marks and
 * position in review-session.c, the editor in editor.c, the one-key
 * prompt in view.c's input loop.
 *
 * Every change goes through the review store API (db/brief-db.h), which
 * commits before it returns, so a message on screen means it is on disk.
 * The module owns no state of its own. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "review-ui.h"
#include "view.h"

static struct bdb *
db(void)
{
	return view_db();
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

	if (!review_need_store() || (anchor = selected(&slug)) == NULL)
		return 1;
	if (a == ACT_STATUS_CYCLE)
		rc = bdb_status_cycle(db(), slug, anchor, &status, &err);
	else
		rc = bdb_status_set(db(), slug, anchor, status, &err);
	label = review_place_label(slug, anchor);
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
	char *label = review_place_label(slug, anchor), *err = NULL;
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

/* A note was written: saved, or the draft dropped when it is empty. */
static void
note_written(const char *slug, const char *anchor, const char *text)
{
	if (text[0] == '\0') {
		bdb_draft_clear(db(), slug, anchor, NULL);
		view_message("Empty note: nothing saved");
	} else
		note_save(slug, anchor, text);
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
	char *label = review_place_label(slug, anchor), *prompt, *draft = NULL,
	    *text = NULL;

	bdb_draft_get(db(), slug, anchor, &draft);
	o.text = draft;
	prompt = xasprintf("Note for %s: ", label);
	if (!prompt_edit(prompt, NULL, &o, &text))
		note_cancelled(slug, anchor, label);
	else
		note_written(slug, anchor, text);
	free(text);
	free(draft);
	free(prompt);
	free(label);
}

void
review_note_prompt(const char *slug, const char *anchor)
{
	if (review_need_store())
		note_prompt(slug, anchor);
}

/* --- The editor --------------------------------------------------------- */

/* Edit text in the editor with the block's context above it: 0 and *out
 * (a new string, maybe empty), or -1 with a message (*out may hold what
 * was typed). */
static int
editor_text(const char *slug, const char *anchor, const char *text,
    char **out)
{
	char *head = note_context(slug, anchor);
	int rc = editor_edit("note", head, text, out);

	if (*out != NULL)
		note_context_strip(*out);
	free(head);
	return rc;
}

static void
note_editor(const char *slug, const char *anchor)
{
	char *draft = NULL, *text = NULL;

	bdb_draft_get(db(), slug, anchor, &draft);
	if (editor_text(slug, anchor, draft, &text) == 0)
		note_written(slug, anchor, text);
	else if (text != NULL && text[0] != '\0')	/* keep what was typed */
		bdb_draft_save(db(), slug, anchor, text, NULL);
	free(text);
	free(draft);
}

/* A note on the selected block: in the prompt, or in the editor. */
static int
on_note(struct view *top, enum action a, bkey k)
{
	const char *slug;
	char *anchor;

	if (!review_need_store() || (anchor = selected(&slug)) == NULL)
		return 1;
	if (a == ACT_NOTE_EDITOR)
		note_editor(slug, anchor);
	else
		note_prompt(slug, anchor);
	free(anchor);
	return 1;
}

void
review_note_edit(const struct bdb_note *n)
{
	char *text = NULL, *err = NULL;

	if (!review_need_store() || editor_text(n->slug, n->anchor, n->body,
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
	bkey k;

	view_message("%s: press a letter (Esc cancels)", what);
	if (!view_read_key(&k))
		return 0;
	view_clear_message();
	if ((k >= 'a' && k <= 'z') || (k >= 'A' && k <= 'Z') ||
	    (k >= '0' && k <= '9') || k == '\'')
		return (int)k;
	if (k != 0x1b)
		view_message("Bookmarks are named by a letter or a digit");
	return 0;
}

static int
on_bookmark_set(struct view *top, enum action a, bkey k)
{
	const char *slug;
	char *anchor, *err = NULL, name[2] = { 0, 0 };
	int off = 0;

	if (!review_need_store() || (name[0] = (char)read_name("Set bookmark")) == 0)
		return 1;
	anchor = top == view_bottom() ? review_top_anchor(&slug, &off) :
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
	if (name[0] == 0 || !review_need_store())
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

	if (!review_need_store())
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
		review_set_autoread(1);
	else if (strcmp(arg, "off") == 0)
		review_set_autoread(0);
	else if (arg[0] == '\0')
		review_set_autoread(!review_autoread());
	else {
		view_error("autoread: on or off");
		return -1;
	}
	view_message("Autoread %s: recommendations scrolled past %s",
	    review_autoread() ? "on" : "off", review_autoread() ?
	    "are marked read" :
	    "keep their status");
	return 0;
}

/* --- Start ------------------------------------------------------------ */

void
review_ui_init(void)
{
	static const enum action status[] = { ACT_STATUS_CYCLE,
	    ACT_STATUS_READ, ACT_STATUS_FLAGGED, ACT_STATUS_DONE,
	    ACT_STATUS_UNREAD };

	for (size_t i = 0; i < sizeof status / sizeof status[0]; i++)
		view_on_action(status[i], on_status);
	view_on_action(ACT_NOTE, on_note);
	view_on_action(ACT_NOTE_EDITOR, on_note);
	view_on_action(ACT_BOOKMARK_SET, on_bookmark_set);
	view_on_action(ACT_BOOKMARK_JUMP, on_bookmark_jump);
	view_on_action(ACT_NOTES_VIEW, on_view);
	view_on_action(ACT_PROGRESS, on_view);
	view_on_command("autoread", "autoread [on|off]: mark recommendations "
	    "read once scrolled past (or BRIEF_AUTOREAD=1)", cmd_autoread);
	review_session_init();
}
