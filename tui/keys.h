/* keys.h: actions (the table in actions.def), contexts, key names and
 * keymaps.  A key is a bkey: a Unicode code point, or BKEY_SPECIAL | an
 * ncurses KEY_* code, either possibly | BKEY_META (Alt, sent as an ESC
 * prefix).  A keymap holds "bind CONTEXT KEY... ACTION" bindings read from
 * keymaps/NAME.keys (compiled in) and the user's file, all by one parser.
 * Contexts come from contexts.def as actions come from actions.def.
 * Nothing here needs a terminal except bkey_read(). */
#ifndef BRIEF_KEYS_H
#define BRIEF_KEYS_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

struct diag;
struct _win_st;		/* ncurses' WINDOW */

/* --- Contexts: where a binding applies (one bit each, from contexts.def) */
enum context_bit {
#define CONTEXT(id, name)	CTX_BIT_##id,
#include "contexts.def"
#undef CONTEXT
	CTX_COUNT
};
enum {
#define CONTEXT(id, name)	CTX_##id = 1u << CTX_BIT_##id,
#include "contexts.def"
#undef CONTEXT
};
/* Views whose selection is a block of a document (review actions). */
#define CTX_BLOCKS	(CTX_PAGER | CTX_OUTLINE | CTX_SEARCH | CTX_THEME | \
			 CTX_NOTES)

const char	*context_name(unsigned ctx);		/* one bit; NULL if bad */
unsigned	 context_from_name(const char *);	/* 0 if unknown */

/* --- Actions --------------------------------------------------------- */
enum action {
	ACT_NONE,
#define ACTION(id, name, help, ctx)	ACT_##id,
#include "actions.def"
#undef ACTION
	ACT_COUNT
};

const char	*action_name(enum action);	/* "" for ACT_NONE */
const char	*action_help(enum action);
unsigned	 action_contexts(enum action);	/* CTX_* mask */
enum action	 action_from_name(const char *);	/* ACT_NONE if unknown */

/* --- Keys ------------------------------------------------------------ */
typedef uint32_t bkey;

#define BKEY_NONE	((bkey)0)
#define BKEY_SPECIAL	((bkey)0x01000000)	/* | ncurses KEY_* code */
#define BKEY_META	((bkey)0x02000000)	/* Alt / ESC prefix */
#define BKEY_CODE(k)	((k) & 0x00ffffff)
#define BKEY_SEQ_MAX	2			/* keys in a binding */
#define BKEY_NAME_MAX	32

/* Keys that have several codes arrive as one: <Enter> is '\r' (also '\n',
 * C-j, C-m, KEY_ENTER), <Backspace> is BKEY_SPECIAL | KEY_BACKSPACE (also
 * DEL, C-h, C-?), <Tab> is '\t' (C-i), <Esc> is 0x1b (C-[). */

/* Parse whitespace-separated key names ("j", "g g", "C-x", "<S-Tab>").
 * Returns how many (1..max), or -1 and a message in err (if not NULL). */
int		 bkey_parse(const char *, bkey *keys, int max, char *err,
		    size_t errsz);
/* Read one key name at *p, skipping blanks before it, and advance *p past
 * it.  Returns 1, 0 at the end of the string, -1 for a bad name (*p is then
 * past the bad word, so the caller can quote it). */
int		 bkey_parse_word(const char **p, bkey *out);
/* The canonical name of a key, which bkey_parse reads back. */
const char	*bkey_name(bkey, char buf[BKEY_NAME_MAX]);

/* What wget_wch returned (OK or KEY_CODE_YES, and the character) as a
 * bkey; BKEY_NONE for ERR or NUL. */
bkey		 bkey_from_wch(int rc, wint_t);
/* wget_wch on a WINDOW; an ESC followed by a key already waiting gives
 * that key | BKEY_META.  BKEY_NONE when nothing came (timeout). */
bkey		 bkey_read(struct _win_st *);

/* --- Keymaps --------------------------------------------------------- */
struct keymap;

struct keymap	*keymap_new(void);
void		 keymap_free(struct keymap *);

/* Read bindings; errors go to diag as "name:line: message" and reading
 * goes on (up to 10 errors a file).  Return the number of errors. */
int		 keymap_load_buffer(struct keymap *, const char *name,
		    const char *buf, size_t len, struct diag *);
/* As above from a file; -1 (and a warning) if it cannot be read. */
int		 keymap_load_file(struct keymap *, const char *path,
		    struct diag *);
/* Built-in default, then the named built-in keymap ("default", "vi",
 * "emacs"; NULL is "default"), then $XDG_CONFIG_HOME/brief/keys (or
 * ~/.config/brief/keys) if it exists.  -1 for an unknown name. */
int		 keymap_setup(struct keymap *, const char *name, struct diag *);
/* 1 for a compiled-in keymap's name: default, vi, emacs. */
int		 keymap_known(const char *name);

/* The action for keys typed in a view.  ctx is the view's CTX_* bit, with
 * CTX_GENERIC added for views (the prompt passes CTX_PROMPT alone).
 * Bindings of the view's own context win over generic ones.  When the keys
 * begin a longer binding, returns ACT_NONE and sets *is_prefix (so "g"
 * waits for the second "g"); is_prefix may be NULL. */
enum action	 keymap_lookup(const struct keymap *, unsigned ctx,
		    const bkey *keys, int nkeys, int *is_prefix);
/* The keys that reach action in ctx (as for keymap_lookup), e.g.
 * "j, <Down>", for the help view.  Returns how many; 0 writes "". */
size_t		 keymap_keys_for(const struct keymap *, enum action,
		    unsigned ctx, char *buf, size_t bufsz);

#endif
