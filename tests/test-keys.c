/* test-keys.c: key names (parse, format, round trip), the action table,
 * the built-in keymaps and lookup in them, and the messages that bad
 * keymap files give (tests/fixtures/keys-*, generated garbage). */
#include "config.h"

#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curses.h>

#include "diag.h"
#include "keys.h"
#include "sanitize.h"
#include "xmalloc.h"

/* --- Helpers ------------------------------------------------------------- */

#define MAXMSG	64

/* Messages caught from diag as "basename:line: message". */
struct caught {
	char	*msg[MAXMSG];
	int	 n;
};

static void
catch_fn(void *arg, enum diag_level level, const char *file, int line,
    int col, const char *msg)
{
	struct caught	*c = arg;
	const char	*base = file != NULL ? strrchr(file, '/') : NULL;

	base = base != NULL ? base + 1 : file != NULL ? file : "";
	if (c->n < MAXMSG)
		c->msg[c->n++] = line > 0 ?
		    xasprintf("%s:%d: %s", base, line, msg) :
		    xasprintf("%s: %s", base, msg);
}

static void
caught_free(struct caught *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->msg[i]);
	c->n = 0;
}

static void
expect_msgs(struct caught *c, const char *const *want, int n)
{
	for (int i = 0; i < n && i < c->n; i++)
		assert_string_equal(c->msg[i], want[i]);
	assert_int_equal(c->n, n);
}

static char *
fixture(const char *name)
{
	const char *src = getenv("srcdir");

	return xasprintf("%s/tests/fixtures/%s", src != NULL ? src : ".", name);
}

/* A fresh directory under the build tree, never the source tree. */
static char *
tmpdir(void)
{
	const char	*b = getenv("builddir");
	char		*base = xasprintf("%s/tests/tmp", b != NULL ? b : ".");
	char		*t = xasprintf("%s/test-keys.XXXXXX", base);

	mkdir(base, 0777);
	free(base);
	assert_non_null(mkdtemp(t));
	return t;
}

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static bkey
key1(const char *name)
{
	bkey	 k[BKEY_SEQ_MAX];
	char	 err[128];

	assert_int_equal(bkey_parse(name, k, 1, err, sizeof err), 1);
	return k[0];
}

/* The action keys lead to in ctx; *prefix set when they begin a binding. */
static enum action
look(const struct keymap *km, unsigned ctx, const char *keys, int *prefix)
{
	bkey	 k[BKEY_SEQ_MAX];
	int	 n = bkey_parse(keys, k, BKEY_SEQ_MAX, NULL, 0), p;
	enum action a;

	assert_true(n > 0);
	a = keymap_lookup(km, ctx, k, n, &p);
	if (prefix != NULL)
		*prefix = p;
	return a;
}

#define VIEW(ctx)	((ctx) | CTX_GENERIC)

/* A keymap set up like the reader does, with no user file. */
static struct keymap *
setup(const char *name, struct caught *c)
{
	struct diag	 d = { catch_fn, c, 0, 0 };
	struct keymap	*km = keymap_new();
	char		*dir = tmpdir();

	setenv("XDG_CONFIG_HOME", dir, 1);
	assert_int_equal(keymap_setup(km, name, &d), 0);
	free(dir);
	return km;
}

/* --- Key names ----------------------------------------------------------- */

static const struct {
	const char	*in;
	bkey		 key;
	const char	*out;		/* canonical name */
} names[] = {
	{ "j", 'j', "j" },
	{ "G", 'G', "G" },
	{ "é", 0xe9, "é" },
	{ "日", 0x65e5, "日" },
	{ "👍", 0x1f44d, "👍" },
	{ "<", '<', "<LT>" },
	{ "<LT>", '<', "<LT>" },
	{ ">", '>', ">" },
	{ "#", '#', "#" },
	{ "<Enter>", '\r', "<Enter>" },
	{ "<enter>", '\r', "<Enter>" },
	{ "<Return>", '\r', "<Enter>" },
	{ "C-m", '\r', "<Enter>" },
	{ "C-j", '\r', "<Enter>" },
	{ "<Tab>", '\t', "<Tab>" },
	{ "C-i", '\t', "<Tab>" },
	{ "<S-Tab>", BKEY_SPECIAL | KEY_BTAB, "<S-Tab>" },
	{ "<Space>", ' ', "<Space>" },
	{ "<Backspace>", BKEY_SPECIAL | KEY_BACKSPACE, "<Backspace>" },
	{ "<BS>", BKEY_SPECIAL | KEY_BACKSPACE, "<Backspace>" },
	{ "C-h", BKEY_SPECIAL | KEY_BACKSPACE, "<Backspace>" },
	{ "C-?", BKEY_SPECIAL | KEY_BACKSPACE, "<Backspace>" },
	{ "<Esc>", 0x1b, "<Esc>" },
	{ "C-[", 0x1b, "<Esc>" },
	{ "<Up>", BKEY_SPECIAL | KEY_UP, "<Up>" },
	{ "<Down>", BKEY_SPECIAL | KEY_DOWN, "<Down>" },
	{ "<Left>", BKEY_SPECIAL | KEY_LEFT, "<Left>" },
	{ "<Right>", BKEY_SPECIAL | KEY_RIGHT, "<Right>" },
	{ "<PgUp>", BKEY_SPECIAL | KEY_PPAGE, "<PgUp>" },
	{ "<PgDn>", BKEY_SPECIAL | KEY_NPAGE, "<PgDn>" },
	{ "<PageDown>", BKEY_SPECIAL | KEY_NPAGE, "<PgDn>" },
	{ "<Home>", BKEY_SPECIAL | KEY_HOME, "<Home>" },
	{ "<End>", BKEY_SPECIAL | KEY_END, "<End>" },
	{ "<Insert>", BKEY_SPECIAL | KEY_IC, "<Insert>" },
	{ "<Delete>", BKEY_SPECIAL | KEY_DC, "<Delete>" },
	{ "<Del>", BKEY_SPECIAL | KEY_DC, "<Delete>" },
	{ "<F1>", BKEY_SPECIAL | KEY_F(1), "<F1>" },
	{ "<F12>", BKEY_SPECIAL | KEY_F(12), "<F12>" },
	{ "<Resize>", BKEY_SPECIAL | KEY_RESIZE, "<Resize>" },
	{ "C-a", 0x01, "C-a" },
	{ "C-L", 0x0c, "C-l" },
	{ "C-z", 0x1a, "C-z" },
	{ "C-]", 0x1d, "C-]" },
	{ "C-_", 0x1f, "C-_" },
	{ "M-x", BKEY_META | 'x', "M-x" },
	{ "M-<", BKEY_META | '<', "M-<LT>" },
	{ "M->", BKEY_META | '>', "M->" },
	{ "M-C-x", BKEY_META | 0x18, "M-C-x" },
	{ "M-<Enter>", BKEY_META | '\r', "M-<Enter>" },
	{ "M-<Up>", BKEY_META | BKEY_SPECIAL | KEY_UP, "M-<Up>" },
	{ "M-M", BKEY_META | 'M', "M-M" },
	{ "M", 'M', "M" },
	{ "C", 'C', "C" },
	{ "-", '-', "-" },
	{ "<U+0301>", 0x301, "<U+0301>" },
	{ "<U+E9>", 0xe9, "é" },
};

static void
test_parse_names(void **state)
{
	char buf[BKEY_NAME_MAX];

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		bkey k = key1(names[i].in);

		if (k != names[i].key)
			fail_msg("%s: got %#x", names[i].in, (unsigned)k);
		assert_string_equal(bkey_name(k, buf), names[i].out);
		assert_int_equal(key1(buf), k);
	}
}

static void
test_round_trip(void **state)
{
	char		 buf[BKEY_NAME_MAX];
	bkey		 k;
	static const int special[] = { KEY_UP, KEY_DOWN, KEY_BTAB, KEY_HOME,
	    KEY_END, KEY_IC, KEY_DC, KEY_NPAGE, KEY_PPAGE, KEY_F(5) };

	for (bkey c = 1; c < 0x3000; c++) {
		if (c == '\n' || c == 0x08 || c == 0x7f || c == 0 ||
		    (c >= 0xd800 && c <= 0xdfff))
			continue;	/* these have another canonical code */
		assert_int_equal(key1(bkey_name(c, buf)), c);
		assert_int_equal(key1(bkey_name(c | BKEY_META, buf)),
		    c | BKEY_META);
	}
	for (size_t i = 0; i < sizeof special / sizeof special[0]; i++) {
		k = BKEY_SPECIAL | (bkey)special[i];
		assert_int_equal(key1(bkey_name(k, buf)), k);
	}
}

static void
test_parse_sequences(void **state)
{
	bkey		 k[4];
	const char	*p = "  j <Down>\tg g :x";
	char		 err[128];

	assert_int_equal(bkey_parse("g g", k, 2, err, sizeof err), 2);
	assert_int_equal(k[0], 'g');
	assert_int_equal(k[1], 'g');
	assert_int_equal(bkey_parse(" C-x  C-c ", k, 2, err, sizeof err), 2);
	assert_int_equal(k[1], 0x03);
	assert_int_equal(bkey_parse("g g g", k, 2, err, sizeof err), -1);
	assert_string_equal(err, "too many keys in 'g g g'");
	assert_int_equal(bkey_parse("  ", k, 2, err, sizeof err), -1);
	assert_string_equal(err, "no key name");

	assert_int_equal(bkey_parse_word(&p, &k[0]), 1);
	assert_int_equal(k[0], 'j');
	assert_int_equal(bkey_parse_word(&p, &k[0]), 1);
	assert_int_equal(k[0], BKEY_SPECIAL | KEY_DOWN);
	assert_int_equal(bkey_parse_word(&p, &k[0]), 1);
	assert_int_equal(bkey_parse_word(&p, &k[0]), 1);
	assert_int_equal(bkey_parse_word(&p, &k[0]), -1);	/* ":x" */
	assert_string_equal(p, "");
	assert_int_equal(bkey_parse_word(&p, &k[0]), 0);
}

static void
test_parse_errors(void **state)
{
	static const char *const bad[] = {
		"<Dwn>", "<>", "<F0>", "<F13>", "<U+D800>", "<U+110000>",
		"<Enter", "C-", "C-@", "C-1", "C-é", "M-", "M-M-x", "ab",
		"jj", "\x01", "\x7f", "\xc2\x85", "\xff", "\xc3", "\xe2\x80\xae",
	};
	bkey	 k[2];
	char	 err[128], *want;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (bkey_parse(bad[i], k, 2, err, sizeof err) != -1)
			fail_msg("'%s' parsed", bad[i]);
		assert_true(sanitize_is_clean(err, strlen(err), 0));
	}
	assert_int_equal(bkey_parse("j <Dwn>", k, 2, err, sizeof err), -1);
	assert_string_equal(err, "bad key name '<Dwn>'");
	assert_int_equal(bkey_parse("\033[31m", k, 2, err, sizeof err), -1);
	want = xasprintf("bad key name '%s'", "");	/* ESC seq removed */
	assert_string_equal(err, want);
	free(want);
}

static void
test_from_wch(void **state)
{
	assert_int_equal(bkey_from_wch(OK, 'j'), 'j');
	assert_int_equal(bkey_from_wch(OK, 0xe9), 0xe9);
	assert_int_equal(bkey_from_wch(OK, '\n'), '\r');
	assert_int_equal(bkey_from_wch(OK, '\r'), '\r');
	assert_int_equal(bkey_from_wch(KEY_CODE_YES, KEY_ENTER), '\r');
	assert_int_equal(bkey_from_wch(OK, 0x7f), BKEY_SPECIAL | KEY_BACKSPACE);
	assert_int_equal(bkey_from_wch(OK, 0x08), BKEY_SPECIAL | KEY_BACKSPACE);
	assert_int_equal(bkey_from_wch(KEY_CODE_YES, KEY_BACKSPACE),
	    BKEY_SPECIAL | KEY_BACKSPACE);
	assert_int_equal(bkey_from_wch(KEY_CODE_YES, KEY_UP),
	    BKEY_SPECIAL | KEY_UP);
	assert_int_equal(bkey_from_wch(KEY_CODE_YES, 0401),
	    BKEY_SPECIAL | 0401);
	assert_int_not_equal(bkey_from_wch(OK, 0401), BKEY_SPECIAL | 0401);
	assert_int_equal(bkey_from_wch(ERR, 'x'), BKEY_NONE);
	assert_int_equal(bkey_from_wch(OK, 0), BKEY_NONE);
}

/* --- The action table ---------------------------------------------------- */

/* The context a view of an action passes to lookup. */
static unsigned
view_of(enum action a)
{
	unsigned c = action_contexts(a);

	if (c & CTX_PROMPT)
		return CTX_PROMPT;
	return VIEW(c & -c);	/* lowest bit: generic or its first view */
}

static void
test_actions(void **state)
{
	struct caught	 c = { 0 };
	struct keymap	*km = setup("default", &c);
	char		 buf[256];

	assert_int_equal(c.n, 0);
	assert_string_equal(action_name(ACT_NONE), "");
	assert_int_equal(action_from_name("fly"), ACT_NONE);
	assert_int_equal(action_from_name(""), ACT_NONE);
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		assert_true(action_name(a)[0] != '\0');
		assert_true(action_help(a)[0] != '\0');
		assert_int_not_equal(action_contexts(a), 0);
		assert_int_equal(action_from_name(action_name(a)), a);
		if (keymap_keys_for(km, a, view_of(a), buf, sizeof buf) == 0)
			fail_msg("'%s' has no key in default.keys",
			    action_name(a));
	}
	for (int i = 0; i < CTX_COUNT; i++)
		assert_int_equal(context_from_name(context_name(1u << i)),
		    1u << i);
	assert_null(context_name(CTX_PAGER | CTX_OUTLINE));
	assert_int_equal(context_from_name("pagr"), 0);
	keymap_free(km);
}

/* doc/brief-keys.5 lists every action as \fBname\fR, '-' as '\-'. */
static void
test_man_page(void **state)
{
	const char	*src = getenv("srcdir");
	char		*path = xasprintf("%s/doc/brief-keys.5",
			    src != NULL ? src : ".");
	FILE		*f = fopen(path, "r");
	struct buf	 page = { 0 }, want = { 0 };
	char		 chunk[4096];
	size_t		 n;

	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&page, chunk, n);
	fclose(f);
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		buf_adds(&want, "\\fB");
		for (const char *p = action_name(a); *p != '\0'; p++)
			buf_adds(&want, *p == '-' ? "\\-" : (char[]){ *p, 0 });
		buf_adds(&want, "\\fR");
		if (strstr(page.data, want.data) == NULL)
			fail_msg("%s: no %s", path, want.data);
		buf_free(&want);
	}
	buf_free(&page);
	free(path);
}

/* --- Built-in keymaps ---------------------------------------------------- */

static void
test_default(void **state)
{
	struct caught	 c = { 0 };
	struct keymap	*km = setup(NULL, &c);
	char		 buf[128];
	int		 prefix;

	expect_msgs(&c, NULL, 0);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "j", NULL), ACT_LINE_DOWN);
	assert_int_equal(look(km, VIEW(CTX_OUTLINE), "<Down>", NULL),
	    ACT_LINE_DOWN);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "g", &prefix), ACT_TOP);
	assert_int_equal(prefix, 0);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "q", NULL), ACT_VIEW_CLOSE);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "Q", NULL), ACT_QUIT);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "<S-Tab>", NULL),
	    ACT_PREV_LINK);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "C-l", NULL), ACT_REDRAW);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "z", &prefix), ACT_NONE);
	assert_int_equal(prefix, 0);
	/* The prompt sees only its own keys: letters are typed. */
	assert_int_equal(look(km, CTX_PROMPT, "<Enter>", NULL),
	    ACT_PROMPT_SUBMIT);
	assert_int_equal(look(km, CTX_PROMPT, "j", NULL), ACT_NONE);
	assert_int_equal(look(km, CTX_PROMPT, "q", NULL), ACT_NONE);

	assert_int_equal(keymap_keys_for(km, ACT_LINE_DOWN, VIEW(CTX_PAGER),
	    buf, sizeof buf), 2);
	assert_string_equal(buf, "j, <Down>");
	keymap_keys_for(km, ACT_PAGE_DOWN, VIEW(CTX_PAGER), buf, sizeof buf);
	assert_string_equal(buf, "<Space>, <PgDn>, f");
	/* Too small a buffer cuts between names, never inside one. */
	assert_int_equal(keymap_keys_for(km, ACT_PAGE_DOWN, VIEW(CTX_PAGER),
	    buf, 16), 2);
	assert_string_equal(buf, "<Space>, <PgDn>");
	keymap_free(km);
}

static void
test_vi(void **state)
{
	struct caught	 c = { 0 };
	struct keymap	*km = setup("vi", &c);
	char		 buf[128];
	int		 prefix;

	expect_msgs(&c, NULL, 0);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "g", &prefix), ACT_NONE);
	assert_int_equal(prefix, 1);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "g g", &prefix), ACT_TOP);
	assert_int_equal(prefix, 0);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "g x", &prefix), ACT_NONE);
	assert_int_equal(prefix, 0);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "G", NULL), ACT_BOTTOM);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "C-f", NULL), ACT_PAGE_DOWN);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "C-u", NULL),
	    ACT_HALF_PAGE_UP);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "h", NULL), ACT_BACK);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "l", NULL), ACT_FOLLOW);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "Z Z", NULL), ACT_QUIT);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "j", NULL), ACT_LINE_DOWN);
	keymap_keys_for(km, ACT_TOP, VIEW(CTX_PAGER), buf, sizeof buf);
	assert_string_equal(buf, "<Home>, g g");
	keymap_free(km);
}

static void
test_emacs(void **state)
{
	struct caught	 c = { 0 };
	struct keymap	*km = setup("emacs", &c);
	int		 prefix;

	expect_msgs(&c, NULL, 0);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "C-n", NULL), ACT_LINE_DOWN);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "C-p", NULL), ACT_LINE_UP);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "C-v", NULL), ACT_PAGE_DOWN);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "M-v", NULL), ACT_PAGE_UP);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "M-<", NULL), ACT_TOP);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "M->", NULL), ACT_BOTTOM);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "C-g", NULL),
	    ACT_CANCEL);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "C-s", NULL), ACT_FIND);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "C-r", NULL),
	    ACT_FIND_BACK);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "C-x", &prefix), ACT_NONE);
	assert_int_equal(prefix, 1);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "C-x C-c", NULL), ACT_QUIT);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "j", NULL), ACT_LINE_DOWN);
	/* C-g in the prompt stays prompt-cancel: generic is not consulted. */
	assert_int_equal(look(km, CTX_PROMPT, "C-g", NULL), ACT_PROMPT_CANCEL);
	keymap_free(km);
}

static void
test_unknown_keymap(void **state)
{
	struct caught	 c = { 0 };
	struct diag	 d = { catch_fn, &c, 0, 0 };
	struct keymap	*km = keymap_new();
	static const char *const want[] = {
		": unknown keymap 'vim' (try default, vi or emacs)"
	};

	assert_int_equal(keymap_setup(km, "vim", &d), -1);
	assert_int_equal(d.nerr, 1);
	expect_msgs(&c, want, 1);
	caught_free(&c);
	keymap_free(km);
}

/* --- Precedence ---------------------------------------------------------- */

static void
test_context_precedence(void **state)
{
	static const char text[] =
	    "bind generic x bottom\n"
	    "bind pager   x top\n"
	    "bind generic z top\n"
	    "bind pager   z z bottom\n"
	    "bind generic j line-down\n"
	    "bind pager   j follow\n"
	    "bind generic <Down> line-down\n";
	struct caught	 c = { 0 };
	struct diag	 d = { catch_fn, &c, 0, 0 };
	struct keymap	*km = keymap_new();
	char		 buf[64];
	int		 prefix;

	assert_int_equal(keymap_load_buffer(km, "t", text, strlen(text), &d),
	    0);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "x", NULL), ACT_TOP);
	assert_int_equal(look(km, VIEW(CTX_OUTLINE), "x", NULL), ACT_BOTTOM);
	assert_int_equal(look(km, CTX_PAGER, "x", NULL), ACT_TOP);
	assert_int_equal(look(km, CTX_OUTLINE, "x", NULL), ACT_NONE);
	/* A view's prefix hides a generic single key. */
	assert_int_equal(look(km, VIEW(CTX_PAGER), "z", &prefix), ACT_NONE);
	assert_int_equal(prefix, 1);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "z z", NULL), ACT_BOTTOM);
	assert_int_equal(look(km, VIEW(CTX_OUTLINE), "z", &prefix), ACT_TOP);
	assert_int_equal(prefix, 0);
	/* The help view lists only keys that reach the action. */
	keymap_keys_for(km, ACT_LINE_DOWN, VIEW(CTX_PAGER), buf, sizeof buf);
	assert_string_equal(buf, "<Down>");
	keymap_keys_for(km, ACT_LINE_DOWN, VIEW(CTX_OUTLINE), buf, sizeof buf);
	assert_string_equal(buf, "j, <Down>");
	assert_int_equal(keymap_keys_for(km, ACT_QUIT, VIEW(CTX_PAGER), buf,
	    sizeof buf), 0);
	assert_string_equal(buf, "");
	keymap_free(km);
}

/* --- Bad files ----------------------------------------------------------- */

static void
test_bad_file(void **state)
{
	static const char *const want[] = {
		"keys-bad:3: unknown action 'fly'",
		"keys-bad:4: bad key name '<Dwn>'",
		"keys-bad:5: unknown context 'pagr'",
		"keys-bad:6: missing arguments: bind CONTEXT KEY... ACTION",
		"keys-bad:7: unknown command 'bnid' (expected bind or unbind)",
		"keys-bad:8: action 'line-down' cannot be bound in context "
		    "'prompt'",
		"keys-bad:9: '<F5>' is not bound in context 'generic'",
		"keys-bad:10: too many keys (at most 2)",
	};
	struct caught	 c = { 0 };
	struct diag	 d = { catch_fn, &c, 0, 0 };
	struct keymap	*km = setup("default", &c);
	char		*path = fixture("keys-bad");

	assert_int_equal(keymap_load_file(km, path, &d), 8);
	expect_msgs(&c, want, 8);
	assert_int_equal(d.nwarn, 8);
	/* The good lines took, the defaults still work. */
	assert_int_equal(look(km, VIEW(CTX_PAGER), "x", NULL), ACT_TOP);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "C-x C-x", NULL),
	    ACT_BOTTOM);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "j", NULL), ACT_LINE_DOWN);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "q", NULL), ACT_VIEW_CLOSE);
	caught_free(&c);
	free(path);
	keymap_free(km);
}

/* Write text to DIR/SUB/brief/keys; returns DIR. */
static char *
user_dir(const char *sub, const char *text)
{
	char	*dir = tmpdir(), *d1 = xasprintf("%s%s", dir, sub),
		*d2 = xasprintf("%s/brief", d1), *file = xasprintf("%s/keys", d2);

	mkdir(d1, 0700);
	assert_int_equal(mkdir(d2, 0700), 0);
	write_file(file, text, strlen(text));
	free(d1);
	free(d2);
	free(file);
	return dir;
}

static void
test_user_file(void **state)
{
	static const char text[] = "bind generic j page-down\nbind x\n";
	static const char *const want[] = {
		"keys:2: missing arguments: bind CONTEXT KEY... ACTION"
	};
	struct caught	 c = { 0 };
	struct diag	 d = { catch_fn, &c, 0, 0 };
	struct keymap	*km = keymap_new();
	char		*dir = user_dir("", text);

	setenv("XDG_CONFIG_HOME", dir, 1);
	assert_int_equal(keymap_setup(km, "vi", &d), 0);
	expect_msgs(&c, want, 1);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "j", NULL), ACT_PAGE_DOWN);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "g g", NULL), ACT_TOP);
	caught_free(&c);
	keymap_free(km);
	free(dir);

	/* No XDG_CONFIG_HOME (or a relative one): ~/.config/brief/keys. */
	dir = user_dir("/.config", text);
	setenv("XDG_CONFIG_HOME", "relative", 1);
	setenv("HOME", dir, 1);
	km = keymap_new();
	assert_int_equal(keymap_setup(km, "default", &d), 0);
	expect_msgs(&c, want, 1);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "j", NULL), ACT_PAGE_DOWN);
	caught_free(&c);
	keymap_free(km);
	free(dir);
}

static void
test_crlf_bom(void **state)
{
	struct caught	 c = { 0 };
	struct diag	 d = { catch_fn, &c, 0, 0 };
	struct keymap	*km = setup("default", &c);
	char		*path = fixture("keys-crlf");

	assert_int_equal(keymap_load_file(km, path, &d), 0);
	expect_msgs(&c, NULL, 0);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "v", NULL), ACT_PAGE_DOWN);
	assert_int_equal(look(km, VIEW(CTX_PAGER), "b", NULL), ACT_NONE);
	free(path);
	keymap_free(km);
}

static void
test_same_file_clash(void **state)
{
	static const char text[] =
	    "bind generic g top\n"
	    "bind generic g g bottom\n"
	    "unbind generic g\n"
	    "bind pager g g top\n"
	    "unbind pager g\n";
	static const char *const want[] = {
		"t:2: 'g g' in context 'generic' replaces the binding on line 1",
	};
	struct caught	 c = { 0 };
	struct diag	 d = { catch_fn, &c, 0, 0 };
	struct keymap	*km = keymap_new();

	assert_int_equal(keymap_load_buffer(km, "t", text, strlen(text), &d),
	    1);
	expect_msgs(&c, want, 1);
	/* unbind of a prefix removed "g g" in both contexts. */
	assert_int_equal(look(km, VIEW(CTX_PAGER), "g g", NULL), ACT_NONE);
	caught_free(&c);
	keymap_free(km);
}

static void
test_hostile_lines(void **state)
{
	static const char text[] =
	    "bind generic \033[31mj\033]52;c;eA==\007 line-down\n"
	    "bind generic \xff line-down\n"
	    "bind generic x\0y line-down\n"
	    "bind generic j line-down j\n";
	static const char *const want[] = {
		"t:1: bad key name 'j'",
		"t:2: invalid UTF-8 (not a keymap file?)",
		"t:3: NUL byte in line",
		"t:4: bad key name 'line-down'",
	};
	struct caught	 c = { 0 };
	struct diag	 d = { catch_fn, &c, 0, 0 };
	struct keymap	*km = keymap_new();

	assert_int_equal(keymap_load_buffer(km, "t", text, sizeof text - 1,
	    &d), 4);
	expect_msgs(&c, want, 4);
	caught_free(&c);
	keymap_free(km);
}

/* Bytes from a fixed generator, with a newline now and then. */
static char *
garbage(size_t len)
{
	char		*b = xmalloc(len);
	uint32_t	 x = 12345;

	for (size_t i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		b[i] = (char)(x >> 16);
		if ((x >> 8) % 40 == 0)
			b[i] = '\n';
	}
	return b;
}

static void
test_binary_garbage(void **state)
{
	struct caught	 c = { 0 };
	struct diag	 d = { catch_fn, &c, 0, 0 };
	struct keymap	*km = setup("default", &c);
	char		*dir = tmpdir(), *path = xasprintf("%s/garbage", dir);
	char		*bytes = garbage(65536);

	write_file(path, bytes, 65536);
	assert_int_equal(keymap_load_file(km, path, &d), 10);
	assert_int_equal(c.n, 11);
	assert_non_null(strstr(c.msg[10],
	    ": too many errors, ignoring the rest of the file"));
	assert_non_null(strstr(c.msg[0], "garbage:"));
	for (int i = 0; i < c.n; i++) {
		assert_true(sanitize_is_clean(c.msg[i], strlen(c.msg[i]), 0));
		assert_true(strlen(c.msg[i]) < 200);
	}
	assert_int_equal(look(km, VIEW(CTX_PAGER), "j", NULL), ACT_LINE_DOWN);
	caught_free(&c);
	free(bytes);
	free(path);
	free(dir);
	keymap_free(km);
}

static void
test_unreadable(void **state)
{
	struct caught	 c = { 0 };
	struct diag	 d = { catch_fn, &c, 0, 0 };
	struct keymap	*km = keymap_new();
	char		*dir = tmpdir(), *missing = xasprintf("%s/none", dir);
	static const char *const want[] = {
		"none: cannot read keymap: No such file or directory",
	};

	assert_int_equal(keymap_load_file(km, missing, &d), -1);
	expect_msgs(&c, want, 1);
	assert_int_equal(d.nwarn, 1);
	caught_free(&c);
	assert_int_equal(keymap_load_file(km, dir, &d), -1);
	assert_int_equal(c.n, 1);
	assert_non_null(strstr(c.msg[0], ": cannot read keymap: Is a directory"));
	caught_free(&c);
	free(missing);
	free(dir);
	keymap_free(km);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_names),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse_sequences),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_from_wch),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_man_page),
		cmocka_unit_test(test_default),
		cmocka_unit_test(test_vi),
		cmocka_unit_test(test_emacs),
		cmocka_unit_test(test_unknown_keymap),
		cmocka_unit_test(test_context_precedence),
		cmocka_unit_test(test_bad_file),
		cmocka_unit_test(test_user_file),
		cmocka_unit_test(test_crlf_bom),
		cmocka_unit_test(test_same_file_clash),
		cmocka_unit_test(test_hostile_lines),
		cmocka_unit_test(test_binary_garbage),
		cmocka_unit_test(test_unreadable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
