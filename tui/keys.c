/* keys.c: the action table (from actions.def), context names, key names
 * (parse and format), the curses input hook, and keymaps: a flat array of
 * bindings (context bit, up to two keys, action), later ones replacing
 * earlier ones that clash, read from the compiled-in keymaps/NAME.keys and the
 * user's file by one line parser. */
#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curses.h>
#include <unistr.h>
#include <uniwidth.h>

#include "diag.h"
#include "embedded.h"
#include "keys.h"
#include "sanitize.h"
#include "xmalloc.h"

/* --- Actions ------------------------------------------------------------ */

static const struct {
	const char	*name;
	const char	*help;
	unsigned	 ctx;
} actions[ACT_COUNT] = {
	[ACT_NONE] = { "", "", 0 },
#define ACTION(id, n, h, c)	[ACT_##id] = { n, h, c },
#include "actions.def"
#undef ACTION
};

static int
action_ok(enum action a)
{
	return (int)a > ACT_NONE && a < ACT_COUNT;
}

const char *
action_name(enum action a)
{
	return action_ok(a) ? actions[a].name : "";
}

const char *
action_help(enum action a)
{
	return action_ok(a) ? actions[a].help : "";
}

unsigned
action_contexts(enum action a)
{
	return action_ok(a) ? actions[a].ctx : 0;
}

enum action
action_from_name(const char *s)
{
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		if (strcmp(actions[a].name, s) == 0)
			return (enum action)a;
	return ACT_NONE;
}

/* --- Contexts ----------------------------------------------------------- */

static const char *const context_names[CTX_COUNT] = {
#define CONTEXT(id, name)	[CTX_BIT_##id] = name,
#include "contexts.def"
#undef CONTEXT
};

const char *
context_name(unsigned ctx)
{
	for (int i = 0; i < CTX_COUNT; i++)
		if (ctx == 1u << i)
			return context_names[i];
	return NULL;
}

unsigned
context_from_name(const char *s)
{
	for (int i = 0; i < CTX_COUNT; i++)
		if (strcmp(context_names[i], s) == 0)
			return 1u << i;
	return 0;
}

/* Whether action a may be bound in context ctx: generic takes any action
 * of a view, a view takes its own and generic ones, the prompt its own. */
static int
action_bindable(enum action a, unsigned ctx)
{
	unsigned ac = action_contexts(a);

	if (ctx == CTX_GENERIC)
		return (ac & ~CTX_PROMPT) != 0;
	if (ctx == CTX_PROMPT)
		return (ac & CTX_PROMPT) != 0;
	return (ac & (ctx | CTX_GENERIC)) != 0;
}

/* --- Key names ---------------------------------------------------------- */

#define SPECIAL(k)	(BKEY_SPECIAL | (bkey)(k))

/* Canonical names first: bkey_name() uses the first entry for a key. */
static const struct {
	const char	*name;
	bkey		 key;
} key_names[] = {
	{ "Enter", '\r' },		{ "Tab", '\t' },
	{ "S-Tab", SPECIAL(KEY_BTAB) },	{ "Space", ' ' },
	{ "Backspace", SPECIAL(KEY_BACKSPACE) },
	{ "Esc", 0x1b },		{ "LT", '<' },
	{ "Up", SPECIAL(KEY_UP) },	{ "Down", SPECIAL(KEY_DOWN) },
	{ "Left", SPECIAL(KEY_LEFT) },	{ "Right", SPECIAL(KEY_RIGHT) },
	{ "PgUp", SPECIAL(KEY_PPAGE) },	{ "PgDn", SPECIAL(KEY_NPAGE) },
	{ "Home", SPECIAL(KEY_HOME) },	{ "End", SPECIAL(KEY_END) },
	{ "Insert", SPECIAL(KEY_IC) },	{ "Delete", SPECIAL(KEY_DC) },
	{ "Resize", SPECIAL(KEY_RESIZE) },
	/* Aliases, read but never written. */
	{ "Return", '\r' },		{ "CR", '\r' },
	{ "BTab", SPECIAL(KEY_BTAB) },	{ "BS", SPECIAL(KEY_BACKSPACE) },
	{ "Escape", 0x1b },		{ "PageUp", SPECIAL(KEY_PPAGE) },
	{ "PageDown", SPECIAL(KEY_NPAGE) },
	{ "Ins", SPECIAL(KEY_IC) },	{ "Del", SPECIAL(KEY_DC) },
};
#define NKEYNAMES	(sizeof key_names / sizeof key_names[0])
#define FKEY_MAX	12

/* One code for keys that terminals send several ways (see keys.h). */
static bkey
key_canon(bkey k)
{
	bkey meta = k & BKEY_META, c = k & ~BKEY_META;

	if (c == '\n' || c == SPECIAL(KEY_ENTER))
		c = '\r';
	else if (c == 0x08 || c == 0x7f)
		c = SPECIAL(KEY_BACKSPACE);
	return meta | c;
}

/* A code point that may stand for itself in a key name. */
static int
printable(ucs4_t c)
{
	return c > 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0) &&
	    uc_width(c, "UTF-8") > 0;
}

static bkey
parse_fkey(const char *s, size_t n)
{
	unsigned v = 0;

	if (n < 2 || n > 3 || (s[0] != 'F' && s[0] != 'f'))
		return BKEY_NONE;
	for (size_t i = 1; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return BKEY_NONE;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	return v >= 1 && v <= FKEY_MAX ? SPECIAL(KEY_F(v)) : BKEY_NONE;
}

static bkey
parse_codepoint(const char *s, size_t n)
{
	unsigned long v = 0;

	if (n < 3 || n > 8 || (s[0] != 'U' && s[0] != 'u') || s[1] != '+')
		return BKEY_NONE;
	for (size_t i = 2; i < n; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return BKEY_NONE;
		v = v * 16 + (unsigned long)(isdigit((unsigned char)s[i]) ?
		    s[i] - '0' : tolower((unsigned char)s[i]) - 'a' + 10);
	}
	if (v == 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return BKEY_NONE;
	return key_canon((bkey)v);
}

/* "<Name>" without the brackets. */
static bkey
parse_bracket(const char *s, size_t n)
{
	bkey k;

	for (size_t i = 0; i < NKEYNAMES; i++)
		if (strlen(key_names[i].name) == n &&
		    strncasecmp(key_names[i].name, s, n) == 0)
			return key_names[i].key;
	if ((k = parse_fkey(s, n)) != BKEY_NONE)
		return k;
	return parse_codepoint(s, n);
}

/* "C-x": letters either case and @[\]^_? as in ASCII. */
static bkey
parse_control(char c)
{
	if (c >= 'a' && c <= 'z')
		return key_canon((bkey)(c - 'a' + 1));
	if (c >= 'A' && c <= 'Z')
		return key_canon((bkey)(c - 'A' + 1));
	if (c == '?')
		return key_canon(0x7f);
	if (c != '@' && c >= '@' && c <= '_')	/* [ \ ] ^ _ */
		return (bkey)(c - '@');
	return BKEY_NONE;
}

static bkey
parse_char(const char *s, size_t n)
{
	ucs4_t	c;

	if (u8_mbtoucr(&c, (const uint8_t *)s, n) != (int)n || !printable(c))
		return BKEY_NONE;
	return (bkey)c;
}

/* One key name of n bytes, no blanks in it. */
static bkey
parse_name(const char *s, size_t n)
{
	bkey k;

	if (n > 2 && s[0] == '<' && s[n - 1] == '>')
		return parse_bracket(s + 1, n - 2);
	if (n > 2 && s[0] == 'M' && s[1] == '-') {
		k = parse_name(s + 2, n - 2);
		return k == BKEY_NONE || (k & BKEY_META) ? BKEY_NONE :
		    k | BKEY_META;
	}
	if (n == 3 && s[0] == 'C' && s[1] == '-')
		return parse_control(s[2]);
	return parse_char(s, n);
}

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int
bkey_parse_word(const char **p, bkey *out)
{
	const char	*s = *p, *e;

	while (blank(*s))
		s++;
	if (*s == '\0') {
		*p = s;
		return 0;
	}
	for (e = s; *e != '\0' && !blank(*e); e++)
		;
	*p = e;
	*out = parse_name(s, (size_t)(e - s));
	return *out == BKEY_NONE ? -1 : 1;
}

/* Quote a piece of untrusted text for a message: sanitised, cut short. */
static char *
quote(const char *s, size_t n)
{
	size_t	 max = 40;
	char	*cut, *clean;

	if (n > max) {
		while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
			max--;
		cut = xasprintf("%.*s...", (int)max, s);
	} else
		cut = xstrndup(s, n);
	clean = sanitize_display(cut);
	free(cut);
	return clean;
}

/* "WHAT 'quoted text'" into err, if the caller wants it. */
static void
set_err(char *err, size_t errsz, const char *what, const char *s, size_t n)
{
	char *q;

	if (err == NULL || errsz == 0)
		return;
	q = quote(s, n);
	snprintf(err, errsz, "%s '%s'", what, q);
	free(q);
}

int
bkey_parse(const char *s, bkey *keys, int max, char *err, size_t errsz)
{
	const char	*p = s, *word;
	bkey		 k;
	int		 n = 0, rc;

	for (;;) {
		while (blank(*p))
			p++;
		word = p;
		if ((rc = bkey_parse_word(&p, &k)) == 0)
			break;
		if (rc < 0) {
			set_err(err, errsz, "bad key name", word,
			    (size_t)(p - word));
			return -1;
		}
		if (n == max) {
			set_err(err, errsz, "too many keys in", s,
			    strlen(s));
			return -1;
		}
		keys[n++] = k;
	}
	if (n == 0 && err != NULL && errsz > 0)
		snprintf(err, errsz, "no key name");
	return n > 0 ? n : -1;
}

static void
name_code(bkey c, char *buf, size_t sz)
{
	uint8_t	 u8[8];
	int	 len;

	if (c >= 1 && c <= 0x1a)
		snprintf(buf, sz, "C-%c", (char)('a' + c - 1));
	else if (c >= 0x1c && c <= 0x1f)
		snprintf(buf, sz, "C-%c", (char)('@' + c));
	else if (c <= 0x10ffff && printable(c) &&
	    (len = u8_uctomb(u8, c, sizeof u8)) > 0)
		snprintf(buf, sz, "%.*s", len, (char *)u8);
	else
		snprintf(buf, sz, "<U+%04X>", (unsigned)c);
}

const char *
bkey_name(bkey k, char buf[BKEY_NAME_MAX])
{
	bkey	 c = k & ~BKEY_META;
	size_t	 off = 0;

	buf[0] = '\0';
	if (k & BKEY_META)
		off = (size_t)snprintf(buf, BKEY_NAME_MAX, "M-");
	for (size_t i = 0; i < NKEYNAMES; i++)
		if (key_names[i].key == c) {
			snprintf(buf + off, BKEY_NAME_MAX - off, "<%s>",
			    key_names[i].name);
			return buf;
		}
	if ((c & BKEY_SPECIAL) && BKEY_CODE(c) >= KEY_F(1) &&
	    BKEY_CODE(c) <= KEY_F(FKEY_MAX))
		snprintf(buf + off, BKEY_NAME_MAX - off, "<F%u>",
		    (unsigned)(BKEY_CODE(c) - KEY_F0));
	else if (c & BKEY_SPECIAL)
		snprintf(buf + off, BKEY_NAME_MAX - off, "<Key-%#o>",
		    (unsigned)BKEY_CODE(c));
	else
		name_code(c, buf + off, BKEY_NAME_MAX - off);
	return buf;
}

/* --- Input from curses -------------------------------------------------- */

bkey
bkey_from_wch(int rc, wint_t wc)
{
	if (rc == KEY_CODE_YES)
		return key_canon(SPECIAL(wc & 0xffff));
	if (rc != OK || wc == 0 || wc > 0x10ffff)
		return BKEY_NONE;
	return key_canon((bkey)wc);
}

bkey
bkey_read(WINDOW *w)
{
	wint_t	 wc;
	int	 rc = wget_wch(w, &wc), delay;
	bkey	 k = bkey_from_wch(rc, wc), next;

	if (k != 0x1b)
		return k;
	/* Alt sends ESC then the key in one write: look without waiting. */
	delay = wgetdelay(w);
	wtimeout(w, 0);
	rc = wget_wch(w, &wc);
	wtimeout(w, delay);
	next = bkey_from_wch(rc, wc);
	if (next == SPECIAL(KEY_RESIZE))
		ungetch(KEY_RESIZE);
	if (next == BKEY_NONE || next == SPECIAL(KEY_RESIZE))
		return k;
	return next | BKEY_META;
}

/* --- Keymaps: bindings -------------------------------------------------- */

struct binding {
	unsigned	 ctx;
	int		 nkeys;
	bkey		 keys[BKEY_SEQ_MAX];
	enum action	 action;
	int		 gen;		/* which load bound it */
	int		 line;
};

struct keymap {
	struct binding	*b;
	size_t		 n, cap;
	int		 gen;
};

struct keymap *
keymap_new(void)
{
	return xcalloc(1, sizeof(struct keymap));
}

void
keymap_free(struct keymap *km)
{
	if (km == NULL)
		return;
	free(km->b);
	free(km);
}

/* 2 if b is exactly keys, 1 if keys begin b, 0 otherwise. */
static int
binding_match(const struct binding *b, const bkey *keys, int n)
{
	if (n > b->nkeys)
		return 0;
	for (int i = 0; i < n; i++)
		if (b->keys[i] != keys[i])
			return 0;
	return n == b->nkeys ? 2 : 1;
}

/* Two bindings clash when one's keys begin the other's: "g" and "g g"
 * cannot both work without a timeout, which brief does not use. */
static int
binding_clash(const struct binding *b, const bkey *keys, int n)
{
	int m = n < b->nkeys ? n : b->nkeys;

	for (int i = 0; i < m; i++)
		if (b->keys[i] != keys[i])
			return 0;
	return 1;
}

static void
keys_text(const bkey *keys, int n, char *buf, size_t sz)
{
	char	 name[BKEY_NAME_MAX];
	size_t	 off = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && off < sz; i++)
		off += (size_t)snprintf(buf + off, sz - off, "%s%s",
		    i > 0 ? " " : "", bkey_name(keys[i], name));
}

/* Remove the bindings in ctx that clash with keys (prefix: those that keys
 * begin); return how many, and the line of one bound by this load. */
static int
keymap_remove(struct keymap *km, unsigned ctx, const bkey *keys, int n,
    int prefix_only, int *same_load_line)
{
	size_t	 j = 0, first;
	int	 removed = 0;

	/* Most bindings clash with none: look before moving any. */
	for (first = 0; first < km->n; first++)
		if (km->b[first].ctx == ctx && km->b[first].keys[0] ==
		    keys[0])
			break;
	if (first == km->n)
		return 0;
	j = first;
	for (size_t i = first; i < km->n; i++) {
		struct binding *b = &km->b[i];
		int hit = b->ctx == ctx && (prefix_only ?
		    binding_match(b, keys, n) != 0 : binding_clash(b, keys, n));

		if (hit && b->gen == km->gen && same_load_line != NULL)
			*same_load_line = b->line;
		if (hit)
			removed++;
		else
			km->b[j++] = *b;
	}
	km->n = j;
	return removed;
}

static void
keymap_add(struct keymap *km, unsigned ctx, const bkey *keys, int n,
    enum action a, int line)
{
	struct binding *b;

	if (km->n == km->cap) {
		km->cap = km->cap ? km->cap * 2 : 64;
		km->b = xreallocarray(km->b, km->cap, sizeof *km->b);
	}
	b = &km->b[km->n++];
	*b = (struct binding){ .ctx = ctx, .nkeys = n, .action = a,
	    .gen = km->gen, .line = line };
	memcpy(b->keys, keys, (size_t)n * sizeof *keys);
}

/* --- Keymaps: lookup ---------------------------------------------------- */

/* Search the bindings of contexts in mask, latest first.  Returns 1 when
 * found (an action, or a prefix with *act ACT_NONE), 0 otherwise. */
static int
lookup_in(const struct keymap *km, unsigned mask, const bkey *keys, int n,
    enum action *act, int *is_prefix)
{
	int prefix = 0;

	for (size_t i = km->n; i-- > 0;) {
		const struct binding *b = &km->b[i];
		int m = (b->ctx & mask) ? binding_match(b, keys, n) : 0;

		if (m == 2) {
			*act = b->action;
			return 1;
		}
		prefix |= m == 1;
	}
	*act = ACT_NONE;
	*is_prefix = prefix;
	return prefix;
}

enum action
keymap_lookup(const struct keymap *km, unsigned ctx, const bkey *keys,
    int nkeys, int *is_prefix)
{
	enum action	 a = ACT_NONE;
	int		 prefix = 0;

	if (nkeys >= 1 && nkeys <= BKEY_SEQ_MAX &&
	    !lookup_in(km, ctx & ~CTX_GENERIC, keys, nkeys, &a, &prefix) &&
	    (ctx & CTX_GENERIC))
		lookup_in(km, CTX_GENERIC, keys, nkeys, &a, &prefix);
	if (is_prefix != NULL)
		*is_prefix = prefix;
	return a;
}

/* Whether the keys of binding i already appeared in one listed before. */
static int
listed_before(const struct keymap *km, size_t i, enum action a, unsigned ctx)
{
	for (size_t j = 0; j < i; j++)
		if (km->b[j].action == a && (km->b[j].ctx & ctx) &&
		    km->b[j].nkeys == km->b[i].nkeys &&
		    binding_match(&km->b[j], km->b[i].keys,
		    km->b[i].nkeys) == 2)
			return 1;
	return 0;
}

size_t
keymap_keys_for(const struct keymap *km, enum action a, unsigned ctx,
    char *buf, size_t bufsz)
{
	char	 text[2 * BKEY_NAME_MAX + 2];
	size_t	 off = 0, count = 0, need;

	if (bufsz > 0)
		buf[0] = '\0';
	for (size_t i = 0; i < km->n; i++) {
		const struct binding *b = &km->b[i];

		if (b->action != a || !(b->ctx & ctx) ||
		    keymap_lookup(km, ctx, b->keys, b->nkeys, NULL) != a ||
		    listed_before(km, i, a, ctx))
			continue;
		keys_text(b->keys, b->nkeys, text, sizeof text);
		need = strlen(text) + (count > 0 ? 2 : 0);
		if (off + need >= bufsz)
			break;
		off += (size_t)snprintf(buf + off, bufsz - off, "%s%s",
		    count > 0 ? ", " : "", text);
		count++;
	}
	return count;
}

/* --- Keymaps: the file format ------------------------------------------- */

#define MAX_ERRORS	10
#define MAX_WORDS	(3 + BKEY_SEQ_MAX)	/* bind CONTEXT KEY KEY ACTION */
#define MAX_FILE	(1024 * 1024)

struct word {
	const char	*s;
	size_t		 n;
};

struct loader {
	struct keymap	*km;
	const char	*name;
	int		 line;
	int		 nerr;
	struct diag	*diag;
	char		*quoted;	/* last lq() result */
};

static void __attribute__((format(printf, 2, 3)))
lwarn(struct loader *l, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	l->nerr++;
	diag_warn(l->diag, l->name, l->line, 0, "%s", msg);
	free(msg);
}

/* A word of the file, safe to quote in a message; valid until next call. */
static const char *
lq(struct loader *l, const struct word *w)
{
	free(l->quoted);
	l->quoted = quote(w->s, w->n);
	return l->quoted;
}

/* Split a line on blanks; returns the word count, MAX_WORDS + 1 if more. */
static int
split(const char *s, size_t n, struct word *w)
{
	size_t	 i = 0;
	int	 nw = 0;

	while (i < n) {
		while (i < n && blank(s[i]))
			i++;
		if (i == n)
			break;
		if (nw == MAX_WORDS)
			return MAX_WORDS + 1;
		w[nw].s = s + i;
		while (i < n && !blank(s[i]))
			i++;
		w[nw].n = (size_t)(s + i - w[nw].s);
		nw++;
	}
	return nw;
}

static int
word_is(const struct word *w, const char *s)
{
	return w->n == strlen(s) && memcmp(w->s, s, w->n) == 0;
}

/* Whether word w is name (the first byte compared first: the tables
 * are searched in order, for every line of every keymap at start). */
static int
word_names(const struct word *w, const char *name)
{
	return name[0] == w->s[0] && strncmp(name, w->s, w->n) == 0 &&
	    name[w->n] == '\0';
}

static unsigned
word_context(const struct word *w)
{
	for (int i = 0; i < CTX_COUNT; i++)
		if (word_names(w, context_names[i]))
			return 1u << i;
	return 0;
}

static enum action
word_action(const struct word *w)
{
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		if (word_names(w, actions[a].name))
			return (enum action)a;
	return ACT_NONE;
}

/* Parse the key words; 0 on success (keys filled), -1 after a warning. */
static int
words_keys(struct loader *l, const struct word *w, int n, bkey *keys)
{
	if (n > BKEY_SEQ_MAX) {
		lwarn(l, "too many keys (at most 2)");
		return -1;
	}
	for (int i = 0; i < n; i++) {
		keys[i] = parse_name(w[i].s, w[i].n);
		if (keys[i] == BKEY_NONE) {
			lwarn(l, "bad key name '%s'", lq(l, &w[i]));
			return -1;
		}
	}
	return 0;
}

static void
do_bind(struct loader *l, const struct word *w, int nw)
{
	bkey		 keys[BKEY_SEQ_MAX];
	unsigned	 ctx = word_context(&w[1]);
	enum action	 a;
	int		 nk = nw - 3, old = 0;
	char		 text[2 * BKEY_NAME_MAX + 2];

	if (ctx == 0) {
		lwarn(l, "unknown context '%s'", lq(l, &w[1]));
		return;
	}
	if (words_keys(l, &w[2], nk, keys) < 0)
		return;
	if ((a = word_action(&w[nw - 1])) == ACT_NONE) {
		lwarn(l, "unknown action '%s'", lq(l, &w[nw - 1]));
		return;
	}
	if (!action_bindable(a, ctx)) {
		lwarn(l, "action '%s' cannot be bound in context '%s'",
		    action_name(a), context_name(ctx));
		return;
	}
	keymap_remove(l->km, ctx, keys, nk, 0, &old);
	keymap_add(l->km, ctx, keys, nk, a, l->line);
	if (old > 0) {
		keys_text(keys, nk, text, sizeof text);
		lwarn(l, "'%s' in context '%s' replaces the binding on line %d",
		    text, context_name(ctx), old);
	}
}

static void
do_unbind(struct loader *l, const struct word *w, int nw)
{
	bkey		 keys[BKEY_SEQ_MAX];
	unsigned	 ctx = word_context(&w[1]);
	int		 nk = nw - 2;
	char		 text[2 * BKEY_NAME_MAX + 2];

	if (ctx == 0) {
		lwarn(l, "unknown context '%s'", lq(l, &w[1]));
		return;
	}
	if (words_keys(l, &w[2], nk, keys) < 0)
		return;
	if (keymap_remove(l->km, ctx, keys, nk, 1, NULL) == 0) {
		keys_text(keys, nk, text, sizeof text);
		lwarn(l, "'%s' is not bound in context '%s'", text,
		    context_name(ctx));
	}
}

static void
load_line(struct loader *l, const char *s, size_t n)
{
	struct word	 w[MAX_WORDS];
	int		 nw;

	if (memchr(s, '\0', n) != NULL) {
		lwarn(l, "NUL byte in line");
		return;
	}
	if (u8_check((const uint8_t *)s, n) != NULL) {
		lwarn(l, "invalid UTF-8 (not a keymap file?)");
		return;
	}
	if ((nw = split(s, n, w)) == 0 || w[0].s[0] == '#')
		return;
	if (nw > MAX_WORDS)
		lwarn(l, "too many keys (at most 2)");
	else if (word_is(&w[0], "bind") && nw < 4)
		lwarn(l, "missing arguments: bind CONTEXT KEY... ACTION");
	else if (word_is(&w[0], "bind"))
		do_bind(l, w, nw);
	else if (word_is(&w[0], "unbind") && nw < 3)
		lwarn(l, "missing arguments: unbind CONTEXT KEY...");
	else if (word_is(&w[0], "unbind") && nw > 2 + BKEY_SEQ_MAX)
		lwarn(l, "too many keys (at most 2)");
	else if (word_is(&w[0], "unbind"))
		do_unbind(l, w, nw);
	else
		lwarn(l, "unknown command '%s' (expected bind or unbind)",
		    lq(l, &w[0]));
}

int
keymap_load_buffer(struct keymap *km, const char *name, const char *buf,
    size_t len, struct diag *d)
{
	struct loader	 l = { km, name, 0, 0, d, NULL };
	const char	*p = buf, *end = buf + len, *nl;

	km->gen++;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;			/* UTF-8 byte order mark */
	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		l.line++;
		if (l.nerr >= MAX_ERRORS) {
			diag_warn(d, name, l.line, 0,
			    "too many errors, ignoring the rest of the file");
			break;
		}
		load_line(&l, p, (size_t)(nl - p));
		p = nl + 1;
	}
	free(l.quoted);
	return l.nerr;
}

/* Read a whole regular file; NULL with errno set on failure. */
static char *
read_file(const char *path, size_t *len)
{
	struct buf	 b = { 0 };
	struct stat	 st;
	char		 chunk[8192];
	ssize_t		 r = 0;
	int		 fd, err;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &st) < 0) {
		err = errno;
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		err = EISDIR;
		goto fail;
	}
	while (b.len <= MAX_FILE && (r = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(&b, chunk, (size_t)r);
	err = r < 0 ? errno : b.len > MAX_FILE ? EFBIG : 0;
	if (err != 0)
		goto fail;
	close(fd);
	*len = b.len;
	return buf_steal(&b);
fail:
	close(fd);
	buf_free(&b);
	errno = err;
	return NULL;
}

static int
load_file(struct keymap *km, const char *path, int missing_ok,
    struct diag *d)
{
	char	*data;
	size_t	 len;
	int	 n;

	if ((data = read_file(path, &len)) == NULL) {
		if (errno == ENOENT && missing_ok)
			return 0;
		diag_warn(d, path, 0, 0, "cannot read keymap: %s",
		    errno == EFBIG ? "larger than 1 MB" : strerror(errno));
		return -1;
	}
	n = keymap_load_buffer(km, path, data, len, d);
	free(data);
	return n;
}

int
keymap_load_file(struct keymap *km, const char *path, struct diag *d)
{
	return load_file(km, path, 0, d);
}

static int
load_embedded(struct keymap *km, const char *name, struct diag *d)
{
	char		 path[64];
	const char	*data;
	size_t		 len;

	snprintf(path, sizeof path, "keymaps/%s.keys", name);
	if ((data = embedded_get(path, &len)) == NULL) {
		diag_error(d, path, 0, 0, "not compiled in");
		return -1;
	}
	return keymap_load_buffer(km, path, data, len, d);
}

/* $XDG_CONFIG_HOME/brief/keys, ~/.config/brief/keys, or NULL. */
static char *
user_keys_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/brief/keys", xdg);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.config/brief/keys", home);
	return NULL;
}

int
keymap_known(const char *name)
{
	return strcmp(name, "default") == 0 || strcmp(name, "vi") == 0 ||
	    strcmp(name, "emacs") == 0;
}

int
keymap_setup(struct keymap *km, const char *name, struct diag *d)
{
	char *path;

	if (name == NULL)
		name = "default";
	if (!keymap_known(name)) {
		diag_error(d, NULL, 0, 0,
		    "unknown keymap '%s' (try default, vi or emacs)", name);
		return -1;
	}
	load_embedded(km, "default", d);
	if (strcmp(name, "default") != 0)
		load_embedded(km, name, d);
	if ((path = user_keys_path()) != NULL)
		load_file(km, path, 1, d);
	free(path);
	return 0;
}
