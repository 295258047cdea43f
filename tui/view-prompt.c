/* view-prompt.c: the line prompt on the message line (':', '/', a note,
 * a tag): its keys (the keymap's prompt context, with fallbacks), the
 * history, bracketed paste, drawing the line with the cursor, and
 * view_read_key, the one input loop of every prompt.  The frame in
 * view.c draws it in place of the message while one is open. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "prompt-line.h"
#include "view.h"

/* The line being edited by prompt_read, drawn by the frame. */
struct prompt {
	const char	*label;
	struct pline	 pl;		/* tui/prompt-line.c */
	int		 edited;	/* by the last key */
};

static struct prompt	*current;	/* the open one, or NULL */

int
prompt_active(void)
{
	return current != NULL;
}

/* The prompt: label, then as much of the line as fits with the cursor
 * shown; returns the cursor's column.  Only what shows is measured and
 * drawn, so a key costs the width of the screen, not of the line.  A
 * line cut at the cap says so before the text. */
int
prompt_draw(int y)
{
	struct prompt *p = current;
	int x = draw_str(stdscr, y, 0, p->label, COLS - 1, A_NORMAL), col;
	size_t from, n;
	char *shown;

	if (p->pl.full)
		x += draw_str(stdscr, y, x, "[at most 16 KB] ", COLS - x - 1,
		    A_BOLD);
	if (p->pl.line.data == NULL)
		return x;
	from = pline_scroll(&p->pl, COLS - x - 1, &col);
	n = pline_visible(&p->pl, from, COLS - x - 1);
	shown = xstrndup(p->pl.line.data + from, n);
	draw_str(stdscr, y, x, shown, COLS - x - 1, A_NORMAL);
	free(shown);
	return x + col;
}

static void
prompt_recall(struct prompt *p, struct prompt_history *h, size_t *pos,
    int dir)
{
	if (h == NULL || (dir < 0 && *pos == 0) || (dir > 0 && *pos >= h->n))
		return;
	*pos += (size_t)dir;
	pline_set(&p->pl, *pos < h->n ? h->items[*pos] : "");
	p->edited = 1;
}

/* Bracketed paste: the terminal wraps pasted text in ESC [ 200 ~ and
 * ESC [ 201 ~, enabled only while a prompt is open.  The text is taken
 * whole as literal characters (a newline in it never submits) and
 * inserted at once: one redraw for the paste, not one per byte. */
#define KEY_PASTE_BEGIN	(KEY_MAX + 1)
#define KEY_PASTE_END	(KEY_MAX + 2)

static int paste_on;

static void
paste_mode(int on)
{
	static int defined;

	if (view_scripted() || on == paste_on)
		return;
	if (on && !defined) {
		define_key("\033[200~", KEY_PASTE_BEGIN);
		define_key("\033[201~", KEY_PASTE_END);
		defined = 1;
	}
	reader_tty_write(on ? "\033[?2004h" : "\033[?2004l");
	paste_on = on;
}

static void
paste_off_at_exit(void)
{
	paste_mode(0);
}

static void
prompt_paste(struct prompt *p)
{
	struct buf text = { 0 };
	struct input in;
	uint8_t u[6];
	int n;

	while (reader_input(&in) == INPUT_KEY &&
	    in.key != (BKEY_SPECIAL | KEY_PASTE_END)) {
		bkey k = in.key & ~BKEY_META;	/* an ESC in the text */

		if (k & BKEY_SPECIAL || text.len > PLINE_MAX + 8)
			continue;		/* keep reading to its end */
		if ((n = u8_uctomb(u, (ucs4_t)k, sizeof u)) > 0)
			buf_add(&text, u, (size_t)n);
	}
	if (text.len > 0)
		pline_insert(&p->pl, text.data, text.len);
	buf_free(&text);
	p->edited = 1;
}

/* The prompt's keys, with fallbacks when a keymap leaves them unbound. */
static enum action
prompt_action(bkey k)
{
	enum action a = keymap_lookup(view_keymap(), CTX_PROMPT, &k, 1, NULL);

	if (a != ACT_NONE)
		return a;
	switch (k) {
	case '\r':	return ACT_PROMPT_SUBMIT;
	case 0x1b:	return ACT_PROMPT_CANCEL;
	case 0x07:	return ACT_PROMPT_CANCEL;
	case 0x03:	return ACT_PROMPT_CANCEL;	/* C-c */
	case BKEY_SPECIAL | KEY_BACKSPACE: return ACT_PROMPT_DELETE_BACK;
	case BKEY_SPECIAL | KEY_LEFT:	return ACT_PROMPT_LEFT;
	case BKEY_SPECIAL | KEY_RIGHT:	return ACT_PROMPT_RIGHT;
	default:	return ACT_NONE;
	}
}

/* One key: 1 submit, -1 cancel, 0 go on. */
static int
prompt_key(struct prompt *p, struct prompt_history *h, size_t *hpos, bkey k)
{
	struct pline *l = &p->pl;
	size_t len = l->line.len;

	p->edited = 0;
	if (k == (BKEY_SPECIAL | KEY_PASTE_BEGIN)) {
		prompt_paste(p);
		return 0;
	}
	switch (prompt_action(k)) {
	case ACT_PROMPT_SUBMIT:		return 1;
	case ACT_PROMPT_CANCEL:		return -1;
	case ACT_PROMPT_DELETE_BACK:
		if (l->line.len == 0)
			return -1;
		pline_delete(l, pline_prev(l, l->cur), l->cur);
		break;
	case ACT_PROMPT_DELETE:
		pline_delete(l, l->cur, pline_next(l, l->cur));
		break;
	case ACT_PROMPT_LEFT:	l->cur = pline_prev(l, l->cur); break;
	case ACT_PROMPT_RIGHT:	l->cur = pline_next(l, l->cur); break;
	case ACT_PROMPT_START:	l->cur = 0; break;
	case ACT_PROMPT_END:	l->cur = l->line.len; break;
	case ACT_PROMPT_KILL_LINE:	pline_delete(l, 0, l->cur); break;
	case ACT_PROMPT_DELETE_WORD:
		pline_delete(l, pline_word_before(l, l->cur), l->cur);
		break;
	case ACT_PROMPT_HISTORY_PREV:	prompt_recall(p, h, hpos, -1); break;
	case ACT_PROMPT_HISTORY_NEXT:	prompt_recall(p, h, hpos, 1); break;
	default:
		if (!(k & (BKEY_SPECIAL | BKEY_META)) && k >= 0x20 &&
		    k != 0x7f && !(k >= 0x80 && k < 0xa0)) {
			if (pline_insert_char(l, (uint32_t)k) == 0)
				l->full = 1;
		}
	}
	if (l->line.len != len)
		p->edited = 1;
	return 0;
}

static void
history_add(struct prompt_history *h, const char *s)
{
	if (h == NULL || s[0] == '\0' ||
	    (h->n > 0 && strcmp(h->items[h->n - 1], s) == 0))
		return;
	if (h->n == 100) {
		free(h->items[0]);
		memmove(h->items, h->items + 1, sizeof h->items[0] * --h->n);
	}
	h->items = xreallocarray(h->items, h->n + 1, sizeof h->items[0]);
	h->items[h->n++] = xstrdup(s);
}

/* The one input loop for prompts (the line editor, one-key prompts such
 * as a bookmark's name): the frame is drawn, resizes are handled and a
 * script's save-display runs without ending the prompt. */
int
view_read_key(bkey *k)
{
	struct input in;

	for (;;) {
		view_redraw();
		if (reader_input(&in) == INPUT_END)
			return 0;
		if (in.kind == INPUT_COMMAND &&
		    strncmp(in.command, "save-display", 12) == 0) {
			view_command(in.command);	/* the prompt shows */
			continue;
		}
		if (in.kind == INPUT_COMMAND) {
			reader_unget();
			return 0;
		}
		if (in.key != (BKEY_SPECIAL | KEY_RESIZE)) {
			*k = in.key;
			return 1;
		}
		view_resize();
	}
}

/* One key at the prompt; changed runs when it edited the line. */
static int
prompt_step(struct prompt *p, struct prompt_history *h, size_t *hpos,
    const struct prompt_opts *o)
{
	bkey k;
	int rc = view_read_key(&k) ? prompt_key(p, h, hpos, k) : -1;

	if (rc == 0 && p->edited && o != NULL && o->changed)
		o->changed(o->arg, p->pl.line.data);
	return rc;
}

int
prompt_edit(const char *label, struct prompt_history *h,
    const struct prompt_opts *o, char **out)
{
	static int registered;
	struct prompt p = { .label = label };
	struct prompt *saved = current;
	size_t hpos = h ? h->n : 0;
	int rc = 0;

	pline_set(&p.pl, o != NULL && o->text != NULL ? o->text : "");
	view_clear_message();
	current = &p;
	if (!registered++)
		atexit(paste_off_at_exit);
	paste_mode(1);
	while (rc == 0)
		rc = prompt_step(&p, h, &hpos, o);
	paste_mode(saved != NULL);
	current = saved;
	curs_set(0);
	if (rc < 0) {
		pline_free(&p.pl);
		return 0;
	}
	history_add(h, p.pl.line.data);
	*out = buf_steal(&p.pl.line);
	return 1;
}

int
prompt_read(const char *label, struct prompt_history *h, char **out)
{
	return prompt_edit(label, h, NULL, out);
}
