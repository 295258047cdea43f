/* view-keys.c: a key's way to an action and the action's to a view: two-
 * key bindings (the pending keys), counts typed before a key (10G, 50%,
 * 5j), the top view's key op first, then the hooks (view_on_action),
 * then the generic actions (moving, /, the ':' prompt, closing, the view
 * an action opens).  An unbound key is silent, as in less.  The stack
 * and the main loop are view.c's. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

#define HOOKS_MAX	64

struct hook {
	enum action	 action;
	view_action_fn	 fn;
};

static struct {
	bkey		 pending[BKEY_SEQ_MAX];
	int		 npending;
	struct hook	 hooks[HOOKS_MAX];
	size_t		 nhooks;
	long		 count;		/* digits typed before a key */
} K;

static enum action	lookup(const bkey *, int, int *);

static void
command_prompt(void)
{
	char *line;

	if (prompt_read(":", view_history(), &line)) {
		view_command(line);
		free(line);
	}
}

static void
generic(struct view *v, enum action a, bkey k)
{
	char name[BKEY_NAME_MAX];

	switch (a) {
	case ACT_FIND:
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:	view_list_search(v, a); break;
	case ACT_QUIT:		view_quit(); break;
	case ACT_VIEW_CLOSE:	view_pop(); break;
	case ACT_CANCEL:	if (view_depth() > 1) view_pop(); break;
	case ACT_BACK:		if (v != view_bottom()) view_pop(); break;
	case ACT_PROMPT:	command_prompt(); break;
	case ACT_REDRAW:	clearok(curscr, TRUE); break;
	case ACT_FOLLOW:	break;
	default:
		if (view_move(v, a) || view_open_for(a) != -2)
			break;
		view_error("%s (%s) does nothing here", action_name(a),
		    k != BKEY_NONE ? bkey_name(k, name) : "command");
	}
}

static void	dispatch(enum action, bkey);

#define COUNT_MAX	100000

/* An action after a count: 10G goes to line 10, 50% half way, 5j moves
 * five times.  Without a count, percent goes to the top, as in less. */
static void
dispatch_counted(enum action a, bkey k, long n)
{
	struct view *v = view_top();

	if (v == view_bottom() && (a == ACT_TOP || a == ACT_BOTTOM ||
	    a == ACT_PERCENT))
		pager_push_place();	/* a jump: '' comes back */
	if (a == ACT_PERCENT) {
		if (v->ops->count != NULL)
			v->ops->count(v, VIEW_ALL_LINES);
		view_goto_line(v, (long)((double)v->nlines * (n > 100 ? 100 : n) /
		    100.0) + 1);
		return;
	}
	if (n <= 0) {
		dispatch(a, k);
		return;
	}
	if (a == ACT_TOP || a == ACT_BOTTOM) {
		view_goto_line(v, n);
		return;
	}
	for (long i = 0; i < n && view_top() == v && !view_quitting(); i++)
		dispatch(a, k);
}

/* Digits before a key are its count (0 only after another digit). */
static int
count_digit(bkey k)
{
	if (K.npending != 0 || k < '0' || k > '9' || (k == '0' &&
	    K.count == 0) || lookup(&k, 1, NULL) != ACT_NONE)
		return 0;
	if (K.count < COUNT_MAX)
		K.count = K.count * 10 + (long)(k - '0');
	return 1;
}

static void
dispatch(enum action a, bkey k)
{
	struct view *v = view_top();

	if (v->ops->key != NULL && v->ops->key(v, a, k))
		return;
	for (size_t i = 0; i < K.nhooks; i++)
		if (K.hooks[i].action == a && K.hooks[i].fn(v, a, k))
			return;
	generic(v, a, k);
}

static enum action
lookup(const bkey *keys, int n, int *prefix)
{
	struct view *v = view_top();

	return keymap_lookup(view_keymap(), v->ops->ctx | CTX_GENERIC, keys, n, prefix);
}

/* A key bound to nothing is silent, as in less (the help lists the
 * keys). */
static void
unbound(const bkey *keys, int n)
{
	if (n == 1 && keys[0] == 0x03) {	/* C-c, unless bound */
		view_quit();
		return;
	}
	if (n == 1 && keys[0] == 0x1a && !view_scripted())
		raise(SIGTSTP);			/* C-z: curses suspends */
}

void
view_handle_key(bkey k)
{
	bkey keys[BKEY_SEQ_MAX];
	int n, prefix = 0;
	enum action a;
	long count;

	if (count_digit(k))
		return;
	K.pending[K.npending++] = k;
	a = lookup(K.pending, K.npending, &prefix);
	if (a == ACT_NONE && prefix && K.npending < BKEY_SEQ_MAX)
		return;
	n = K.npending;
	memcpy(keys, K.pending, sizeof keys[0] * (size_t)n);
	K.npending = 0;
	view_clear_message();
	if (!view_laid_out()) {
		if (a == ACT_QUIT || a == ACT_VIEW_CLOSE)
			dispatch(a, k);
		return;
	}
	if (a == ACT_NONE && n > 1 && (a = lookup(&k, 1, NULL)) != ACT_NONE)
		n = 1;
	count = K.count;
	K.count = 0;
	if (a == ACT_NONE && n == 1 && k == 0x1b && view_depth() > 1)
		view_pop();			/* <Esc> closes a view */
	else if (a == ACT_NONE)
		unbound(keys, n);
	else
		dispatch_counted(a, k, count);
}

void
view_on_action(enum action a, view_action_fn fn)
{
	if (K.nhooks < HOOKS_MAX)
		K.hooks[K.nhooks++] = (struct hook){ a, fn };
}
