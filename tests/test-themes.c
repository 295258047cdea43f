/* test-themes.c: themes.conf parsing (every message, overrides,
 * duplicates), tagging by rule, inheritance down sub-bullets, footnote
 * propagation, retagging when themes.conf changes, and reading themes
 * back, against temporary indexes under tests/tmp. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "brief-db.h"
#include "store.h"
#include "embedded.h"
#include "parse.h"
#include "themes.h"
#include "themes-match.h"
#include "xmalloc.h"

/* --- helpers -------------------------------------------------------- */

static void
collect(void *arg, enum diag_level l, const char *file, int line, int col,
    const char *msg)
{
	buf_printf(arg, "%s%s:%d: %s\n", l == DIAG_WARNING ? "warning: " : "",
	    file ? file : "-", line, msg);
}

/* Parse text into set; returns the messages (a new string). */
static char *
parse(struct theme_set *set, const char *name, const char *text, int *nerr)
{
	struct buf	msgs = { 0 };
	struct diag	d = { .fn = collect, .arg = &msgs };

	*nerr = themes_conf_parse(set, name, text, strlen(text), &d);
	return buf_steal(&msgs);
}

static const struct theme_def *
find(const struct theme_set *s, const char *slug)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].slug, slug) == 0)
			return &s->v[i];
	return NULL;
}

struct fx {
	char		*dir;
	char		*index;
	char		*conf;		/* the user's themes.conf */
	struct bdb	*b;
};

static void
write_file(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static struct bdb *
open_index(struct fx *f, unsigned flags)
{
	char		*err = NULL;
	struct bdb	*b = bdb_open(f->index, flags | BDB_CREATE, &err);

	if (b == NULL)
		fail_msg("%s", err);
	return b;
}

static int
setup(void **state)
{
	struct fx	*f = xcalloc(1, sizeof *f);
	const char	*bd = getenv("builddir");
	char		*tmp, *cfg;

	tmp = xasprintf("%s/tests/tmp", bd ? bd : ".");
	mkdir(tmp, 0700);
	/* Absolute: XDG_CONFIG_HOME is ignored unless it is. */
	if (*tmp != '/') {
		char	cwd[4096], *abs;

		assert_non_null(getcwd(cwd, sizeof cwd));
		abs = xasprintf("%s/%s", cwd, tmp);
		free(tmp);
		tmp = abs;
	}
	f->dir = xasprintf("%s/test-themes.XXXXXX", tmp);
	free(tmp);
	assert_non_null(mkdtemp(f->dir));
	cfg = xasprintf("%s/brief", f->dir);
	mkdir(cfg, 0700);
	free(cfg);
	/* The user's file lives here; none until a test writes it. */
	setenv("XDG_CONFIG_HOME", f->dir, 1);
	f->conf = xasprintf("%s/brief/themes.conf", f->dir);
	f->index = xasprintf("%s/index.db", f->dir);
	f->b = open_index(f, 0);	/* seeded with the letter */
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;
	char		*cmd = xasprintf("rm -rf '%s'", f->dir);

	bdb_close(f->b);
	if (system(cmd) != 0)
		return -1;
	free(cmd);
	free(f->dir);
	free(f->index);
	free(f->conf);
	free(f);
	return 0;
}

/* The source of theme's tag on doc#anchor, "" if untagged. */
static const char *
tag_of(struct bdb *b, const char *doc, const char *anchor, const char *theme)
{
	static char	 out[16];
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT bt.source FROM block_themes "
	    "bt JOIN blocks k ON k.id = bt.block_id JOIN documents d ON "
	    "d.id = k.doc_id WHERE d.slug = ? AND k.anchor = ? AND "
	    "bt.theme = ?");

	assert_non_null(st);
	sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, anchor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, theme, -1, SQLITE_STATIC);
	out[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, sizeof out, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return out;
}

static void
import(struct bdb *b, const char *name, const char *text)
{
	struct diag	d = { 0 };
	/* The fixtures are in the text reader's shape (every bullet a
	 * recommendation), not Markdown for cmark-gfm. */
	static const struct parse_opts text_format = { .format = "text" };

	assert_int_equal(bdb_import_buffer(b, name, text, strlen(text),
	    &text_format, &d), BDB_OK);
}

static char *
sync_msgs(struct bdb *b, int *rc)
{
	struct buf	msgs = { 0 };
	struct diag	d = { .fn = collect, .arg = &msgs };

	*rc = bdb_themes_sync(b, &d);
	return buf_steal(&msgs);
}

/* --- themes.conf ---------------------------------------------------- */

static void
test_conf_good(void **state)
{
	struct theme_set	 s = { 0 };
	const struct theme_def	*t;
	int			 nerr;
	char			*m = parse(&s, "t.conf",
	    "# a comment\n; another\n\n[asylum]\nname = Asylum\n"
	    "description =  People on the move  \r\n"
	    "rule = asylum OR migra* OR \"people on the move\"\n"
	    "  [ai]  \nrule=AI\nname=AI regulation\n", &nerr);

	assert_string_equal(m, "");
	assert_int_equal(nerr, 0);
	assert_int_equal(s.n, 2);
	t = find(&s, "asylum");
	assert_non_null(t);
	assert_string_equal(t->name, "Asylum");
	assert_string_equal(t->description, "People on the move");
	assert_string_equal(t->rule,
	    "asylum OR migra* OR \"people on the move\"");
	assert_non_null(t->match);
	assert_int_equal(t->line, 4);
	t = find(&s, "ai");
	assert_non_null(t);
	assert_null(t->description);
	assert_string_equal(s.v[1].slug, "ai");
	free(m);
	themes_set_free(&s);
}

static void
test_conf_errors(void **state)
{
	struct theme_set	 s = { 0 };
	int			 nerr;
	char			*m = parse(&s, "u.conf",
	    "name = Stray\n"				/* 1 */
	    "[Bad Slug]\n"				/* 2 */
	    "name = ignored\n"				/* 3 */
	    "[junk]\n"					/* 4 */
	    "name = Junk\n"				/* 5 */
	    "this line is junk\n"			/* 6 */
	    "rule = x\n"				/* 7 */
	    "[unknown]\n"				/* 8 */
	    "name = U\ncolour = blue\nrule = u\n"	/* 9-11 */
	    "[twice]\n"					/* 12 */
	    "name = A\nname = B\nrule = t\n"		/* 13-15 */
	    "[empty]\n"					/* 16 */
	    "name =\nrule = e\n"			/* 17-18 */
	    "[noname]\n"				/* 19 */
	    "rule = n\n"				/* 20 */
	    "[norule]\n"				/* 21 */
	    "name = No rule\n"				/* 22 */
	    "[filter]\n"				/* 23 */
	    "name = F\nrule = asylum theme:ai\n"	/* 24-25 */
	    "[onlyfilter]\n"				/* 26 */
	    "name = W\nrule = doc:letter\n"		/* 27-28 */
	    "[many]\n"					/* 29 */
	    "= value\nsize = 2\nname = M\n"		/* 30-32 */
	    "[good]\n"					/* 33 */
	    "name = Good\nrule = spyware\n",		/* 34-35 */
	    &nerr);

	assert_string_equal(m,
	    "u.conf:1: 'name' outside a [theme] section\n"
	    "u.conf:2: bad theme slug 'Bad Slug': use lowercase letters, "
	    "digits and '-'\n"
	    "u.conf:6: expected '[slug]', 'key = value' or a '#' comment "
	    "(theme 'junk' skipped)\n"
	    "u.conf:10: unknown key 'colour' (name, description or rule) "
	    "(theme 'unknown' skipped)\n"
	    "u.conf:14: 'name' given twice (theme 'twice' skipped)\n"
	    "u.conf:17: 'name' is empty (theme 'empty' skipped)\n"
	    "u.conf:19: theme 'noname' has no name (theme 'noname' skipped)\n"
	    "u.conf:21: theme 'norule' has no rule (theme 'norule' skipped)\n"
	    "u.conf:25: bad rule: filters (theme:, doc:, in:, status:) cannot "
	    "be used in a theme's rule (theme 'filter' skipped)\n"
	    "u.conf:28: bad rule: filters (theme:, doc:, in:, status:) cannot "
	    "be used in a theme's rule (theme 'onlyfilter' skipped)\n"
	    "u.conf:30: expected '[slug]', 'key = value' or a '#' comment "
	    "(theme 'many' skipped)\n"
	    "u.conf:31: unknown key 'size' (name, description or rule)\n");
	assert_int_equal(nerr, 12);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].slug, "good");
	free(m);
	themes_set_free(&s);
}

static void
test_conf_bad_rule_translator(void **state)
{
	struct theme_set	 s = { 0 };
	struct buf		 text = { 0 };
	int			 nerr;
	char			*m;

	/* Longer than the translator takes: its message, after ours. */
	buf_adds(&text, "[long]\nname = Long\nrule = ");
	for (int i = 0; i < 600; i++)
		buf_adds(&text, "word ");
	buf_adds(&text, "\n[ok]\nname = OK\nrule = ok\n"
	    "[punct]\nname = P\nrule = * \" \" ()\n");
	m = parse(&s, "l.conf", text.data, &nerr);
	assert_int_equal(nerr, 2);
	assert_non_null(strstr(m, "l.conf:3: bad rule: "));
	assert_non_null(strstr(m, "(theme 'long' skipped)"));
	assert_non_null(strstr(m, "l.conf:9: bad rule: "));
	assert_non_null(strstr(m, "(theme 'punct' skipped)"));
	assert_int_equal(s.n, 1);
	free(m);
	buf_free(&text);
	themes_set_free(&s);
}

static void
test_conf_duplicate(void **state)
{
	struct theme_set	 s = { 0 };
	int			 nerr;
	char			*m = parse(&s, "d.conf",
	    "[a]\nname = First\nrule = one\n"
	    "[b]\nname = B\nrule = b\n"
	    "[a]\nname = Second\nrule = two\n", &nerr);

	assert_string_equal(m,
	    "d.conf:7: duplicate theme 'a' (first at line 1)\n");
	assert_int_equal(s.n, 2);
	assert_string_equal(find(&s, "a")->name, "First");
	free(m);
	themes_set_free(&s);
}

static void
test_conf_override(void **state)
{
	struct theme_set	 s = { 0 };
	int			 nerr;
	char			*m;

	m = parse(&s, "builtin", "[a]\nname = A\nrule = a\n"
	    "[b]\nname = B\ndescription = old\nrule = b\n", &nerr);
	free(m);
	m = parse(&s, "user", "[b]\nname = Mine\nrule = mine\n"
	    "[c]\nname = C\nrule = c\n", &nerr);
	assert_string_equal(m, "");
	assert_int_equal(s.n, 3);
	assert_string_equal(s.v[0].slug, "a");
	assert_string_equal(s.v[1].slug, "b");		/* in place */
	assert_string_equal(s.v[1].name, "Mine");
	assert_null(s.v[1].description);		/* replaced whole */
	assert_string_equal(s.v[2].slug, "c");
	free(m);
	themes_set_free(&s);
}

static void
test_conf_builtin(void **state)
{
	static const char *const slugs[] = { "asylum", "foreign-policy",
	    "hrd", "rule-of-law", "violence-against-women", "ai",
	    "surveillance", "ukraine", "russia", "israel-opt", "china",
	    "india", "ethiopia", "sudan", "burundi", "turkiye", "iran",
	    "belgium", "austria", "bulgaria", "croatia", "cyprus",
	    "czechia", "denmark", "estonia", "finland", "france", "germany",
	    "greece", "hungary", "ireland", "italy", "latvia", "lithuania",
	    "luxembourg", "malta", "netherlands", "poland", "portugal",
	    "romania", "slovakia", "slovenia", "spain", "sweden", "albania",
	    "bosnia-herzegovina", "georgia", "moldova", "montenegro",
	    "north-macedonia", "serbia", "kosovo" };
	struct theme_set	 s = { 0 };
	size_t			 len;
	const char		*text = embedded_get("data/themes.conf", &len);
	int			 nerr;
	char			*m;

	assert_non_null(text);
	m = parse(&s, "data/themes.conf", text, &nerr);
	assert_string_equal(m, "");
	assert_int_equal(s.n, sizeof slugs / sizeof slugs[0]);
	for (size_t i = 0; i < s.n; i++) {
		assert_string_equal(s.v[i].slug, slugs[i]);
		assert_non_null(s.v[i].description);
	}
	free(m);
	themes_set_free(&s);
}

static void
test_conf_hash(void **state)
{
	struct theme_set	 s = { 0 };
	char			 h1[17], h2[17], h3[17], *m;
	int			 nerr;

	m = parse(&s, "h", "[a]\nname = A\nrule = a\n", &nerr);
	free(m);
	themes_set_hash(&s, h1);
	themes_set_hash(&s, h2);
	assert_string_equal(h1, h2);
	m = parse(&s, "h", "[a]\nname = A\nrule = a OR b\n", &nerr);
	free(m);
	themes_set_hash(&s, h3);
	assert_string_not_equal(h1, h3);
	themes_set_free(&s);
}

/* --- tagging -------------------------------------------------------- */

static void
test_tag_letter(void **state)
{
	struct fx	*f = *state;

	assert_string_equal(tag_of(f->b, "letter", "rec-4.2", "surveillance"),
	    "rule");
	assert_string_not_equal(tag_of(f->b, "letter", "fn-4",
	    "surveillance"), "");
	assert_string_not_equal(tag_of(f->b, "letter", "fn-5",
	    "surveillance"), "");
	assert_string_equal(tag_of(f->b, "letter", "rec-1", "surveillance"),
	    "");
	assert_string_equal(tag_of(f->b, "letter", "rec-1", "asylum"), "rule");
	assert_string_equal(tag_of(f->b, "letter", "rec-4.2", "asylum"), "");
	assert_string_equal(tag_of(f->b, "letter", "rec-2.1", "turkiye"),
	    "rule");
	assert_string_equal(tag_of(f->b, "letter", "rec-2.3", "hrd"), "rule");
	assert_string_not_equal(tag_of(f->b, "letter", "fn-1", "hrd"), "");
	/* The letter's furniture is never tagged. */
	assert_string_equal(tag_of(f->b, "letter", "addr-1", "belgium"), "");
}

static const char syn[] =
    "Title: Synthetic brief\n\n"
    "A paragraph on nothing; we recommend:\n\n"
    "- Top on spyware\n"
    "  - Middle one\n"
    "    - Deep one cites.[^1]\n"
    "- Other top\n\n"
    "[^1]: A footnote.\n";

static void
test_inheritance(void **state)
{
	struct fx	*f = *state;

	import(f->b, "syn.md", syn);
	assert_string_equal(tag_of(f->b, "syn", "rec-1", "surveillance"),
	    "rule");
	assert_string_equal(tag_of(f->b, "syn", "rec-1.1", "surveillance"),
	    "inherited");
	assert_string_equal(tag_of(f->b, "syn", "rec-1.1.1", "surveillance"),
	    "inherited");
	assert_string_equal(tag_of(f->b, "syn", "rec-2", "surveillance"), "");
	assert_string_equal(tag_of(f->b, "syn", "p-2", "surveillance"), "");
	/* In the letter: rec-4's AI flows to its spyware sub-bullet. */
	assert_string_equal(tag_of(f->b, "letter", "rec-4", "ai"), "rule");
	assert_string_equal(tag_of(f->b, "letter", "rec-4.2", "ai"),
	    "inherited");
	/* Siblings do not share: rec-4.1 is about migration, rec-4.2 not. */
	assert_string_equal(tag_of(f->b, "letter", "rec-4.1", "asylum"),
	    "rule");
	assert_string_equal(tag_of(f->b, "letter", "rec-4.2", "asylum"), "");
}

static void
test_footnotes(void **state)
{
	struct fx	*f = *state;

	import(f->b, "syn.md", syn);
	/* Cited by an inherited block. */
	assert_string_equal(tag_of(f->b, "syn", "fn-1", "surveillance"),
	    "cited");
	/* Cited by rec-2.3 (hrd by rule); a footnote's own match wins. */
	assert_string_equal(tag_of(f->b, "letter", "fn-1", "foreign-policy"),
	    "cited");
	assert_string_equal(tag_of(f->b, "letter", "fn-1", "hrd"), "rule");
	/* fn-4 names Predator itself; its AI comes from rec-4.2, which
	 * inherited it: themes reach footnotes through inheritance. */
	assert_string_equal(tag_of(f->b, "letter", "fn-4", "surveillance"),
	    "rule");
	assert_string_equal(tag_of(f->b, "letter", "fn-4", "ai"), "cited");
	/* fn-1 is cited only by rec-2.3: no spyware there. */
	assert_string_equal(tag_of(f->b, "letter", "fn-1", "surveillance"),
	    "");
}

static void
test_retag_on_change(void **state)
{
	struct fx	*f = *state;
	struct theme	 t;
	char		*m;
	int		 rc;

	write_file(f->conf, "[t-mine]\nname = Mine\nrule = moratorium\n");
	m = sync_msgs(f->b, &rc);
	assert_int_equal(rc, BDB_OK);
	assert_string_equal(m, "");
	free(m);
	assert_string_equal(tag_of(f->b, "letter", "rec-4.2", "t-mine"),
	    "rule");
	assert_string_equal(tag_of(f->b, "letter", "fn-4", "t-mine"), "cited");
	assert_int_equal(bdb_theme(f->b, "t-mine", &t), BDB_OK);
	assert_int_equal(t.nrecs, 1);
	assert_int_equal(t.nfootnotes, 2);
	bdb_theme_clear(&t);

	/* Unchanged: nothing is redone (a row taken out stays out). */
	sqlite3_exec(bdb_sqlite(f->b), "DELETE FROM block_themes WHERE "
	    "theme = 'hrd'", NULL, NULL, NULL);
	m = sync_msgs(f->b, &rc);
	free(m);
	assert_string_equal(tag_of(f->b, "letter", "rec-2.3", "hrd"), "");

	/* Changed: everything is retagged, the old rule's tags go. */
	write_file(f->conf, "[t-mine]\nname = Mine\nrule = Burundi\n");
	m = sync_msgs(f->b, &rc);
	free(m);
	assert_string_equal(tag_of(f->b, "letter", "rec-4.2", "t-mine"), "");
	assert_string_equal(tag_of(f->b, "letter", "rec-2.1", "t-mine"),
	    "rule");
	assert_string_equal(tag_of(f->b, "letter", "rec-2.3", "hrd"), "rule");

	/* A user file overriding a shipped theme; errors do not stop it. */
	write_file(f->conf, "[asylum]\nname = Mine\nrule = spyware\n"
	    "[broken]\nrule = x\n");
	m = sync_msgs(f->b, &rc);
	assert_non_null(strstr(m, "/brief/themes.conf:4: theme 'broken' has "
	    "no name"));
	free(m);
	assert_string_equal(tag_of(f->b, "letter", "rec-4.2", "asylum"),
	    "rule");
	assert_string_equal(tag_of(f->b, "letter", "rec-1", "asylum"), "");
	assert_int_equal(bdb_theme(f->b, "broken", &t), BDB_NOTFOUND);
}

static void
test_retag_on_import(void **state)
{
	struct fx	*f = *state;

	/* The file changes, then an import comes first: it retags all. */
	write_file(f->conf, "[t-imp]\nname = Imp\nrule = Burundi OR "
	    "Deep\n");
	import(f->b, "syn.md", syn);
	assert_string_equal(tag_of(f->b, "letter", "rec-2.1", "t-imp"),
	    "rule");
	assert_string_equal(tag_of(f->b, "syn", "rec-1.1.1", "t-imp"), "rule");
	assert_string_equal(tag_of(f->b, "syn", "fn-1", "t-imp"), "cited");
}

/* Retag syn's blocks with hits found ahead (every rule on every block)
 * under hash; returns whether its plain paragraph p-2 then holds
 * surveillance. */
static int
tag_ahead(struct bdb *b, struct doc *d, const char *hash)
{
	struct themes_hits	 pre = { 0 };
	struct themes_matcher	*m;
	char			*err = NULL, now[17];
	int			 tagged;

	m = themes_import_matcher(b, now);
	assert_non_null(m);
	themes_hits_make(m, now, d, &pre);	/* the real hits, and ... */
	assert_non_null(pre.hits);
	memset(pre.hits, 0xff, d->nblocks * pre.w * sizeof *pre.hits);
	snprintf(pre.hash, sizeof pre.hash, "%s", hash ? hash : now);
	assert_int_equal(bdb_begin(b, &err), 0);
	assert_int_equal(sqlite3_exec(bdb_sqlite(b), "DELETE FROM block_themes "
	    "WHERE block_id IN (SELECT k.id FROM blocks k JOIN documents d ON "
	    "d.id = k.doc_id WHERE d.slug = 'syn')", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(themes_tag_doc(b, d, &pre, &err), 0);
	tagged = strcmp(tag_of(b, "syn", "p-2", "surveillance"), "rule") == 0;
	bdb_rollback(b);
	themes_hits_clear(&pre);
	themes_matcher_free(m);
	return tagged;
}

/* An import's parsing thread finds each block's rule hits ahead; they
 * are stored only when they were found with the themes the writer
 * tags with, else the writer matches the rules again. */
static void
test_hits_found_ahead(void **state)
{
	struct fx			*f = *state;
	struct doc			 d = { 0 };
	struct diag			 dg = { 0 };
	static const struct parse_opts	 text_format = { .format = "text" };
	char				*err = NULL;

	assert_int_equal(parse_document_opts("syn.md", syn, strlen(syn),
	    &text_format, &d, &dg), 0);
	assert_int_equal(bdb_store_doc(f->b, &d, &err), BDB_OK);
	assert_string_equal(tag_of(f->b, "syn", "p-2", "surveillance"), "");
	assert_true(tag_ahead(f->b, &d, NULL));
	assert_false(tag_ahead(f->b, &d, "0000000000000000"));
	assert_string_equal(tag_of(f->b, "syn", "p-2", "surveillance"), "");
	doc_clear(&d);
}

static void
test_readonly(void **state)
{
	struct fx	*f = *state;
	struct bdb	*ro;
	char		*m;
	int		 rc;

	/* A handle opened read-only on a writable file (the reader's):
	 * the retag goes through a handle of its own. */
	write_file(f->conf, "[t-ro]\nname = RO\nrule = spyware\n");
	ro = open_index(f, BDB_READONLY);
	m = sync_msgs(ro, &rc);
	assert_int_equal(rc, BDB_OK);
	assert_string_equal(m, "");
	assert_string_equal(tag_of(ro, "letter", "rec-4.2", "t-ro"), "rule");
	assert_string_equal(tag_of(ro, "letter", "rec-4.2", "surveillance"),
	    "rule");
	free(m);
	bdb_close(ro);
}

/* --- reading -------------------------------------------------------- */

static void
test_list(void **state)
{
	struct fx	*f = *state;
	struct theme	*v;
	size_t		 n;

	assert_int_equal(bdb_themes(f->b, &v, &n), BDB_OK);
	assert_int_equal(n, 52);	/* 7 subjects, 45 countries */
	assert_string_equal(v[0].slug, "asylum");
	for (size_t i = 0; i < 7; i++)
		assert_true(v[i].nrecs + v[i].nparas + v[i].nfootnotes > 0);
	assert_string_equal(v[6].slug, "surveillance");
	assert_int_equal(v[6].nrecs, 3);	/* rec-4, 4.1, 4.2 */
	assert_int_equal(v[6].nparas, 0);
	assert_int_equal(v[6].nfootnotes, 4);	/* fn-2 to fn-5 */
	assert_int_equal(v[6].ndone, -1);	/* no review store */
	bdb_themes_free(v, n);
}

static void
test_blocks(void **state)
{
	struct fx		*f = *state;
	struct theme_doc	*v;
	const struct doc	*d;
	size_t			 n;

	import(f->b, "syn.md", syn);
	assert_int_equal(bdb_theme_blocks(f->b, "surveillance", &v, &n),
	    BDB_OK);
	assert_int_equal(n, 2);
	d = &v[0].doc;
	assert_string_equal(d->slug, "letter");
	assert_int_equal(d->nblocks, 7);
	assert_string_equal(d->blocks[0].anchor, "rec-4");
	assert_null(v[0].breadcrumbs[0]);
	assert_string_equal(d->blocks[2].anchor, "rec-4.2");
	assert_int_equal(d->blocks[2].depth, 1);
	assert_string_equal(v[0].sources[2], "rule");
	assert_non_null(strstr(v[0].breadcrumbs[2], "rec-4 Lead on a robust"));
	assert_string_equal(d->blocks[3].anchor, "fn-2");	/* last */
	assert_string_equal(v[0].breadcrumbs[5], "cited by rec-4.2");
	assert_string_equal(d->blocks[6].anchor, "fn-5");
	assert_true(d->blocks[2].nspans > 0);	/* markers to draw */
	assert_string_equal(v[1].doc.slug, "syn");
	assert_string_equal(v[1].breadcrumbs[2], "rec-1 Top on spyware");
	assert_string_equal(v[1].sources[3], "cited");
	bdb_theme_blocks_free(v, n);
}

static void
test_empty_and_unknown(void **state)
{
	struct fx		*f = *state;
	struct theme_doc	*v;
	struct theme		 t;
	size_t			 n;
	char			*m, *json;
	int			 rc;

	write_file(f->conf, "[t-none]\nname = None\nrule = zebra\n");
	m = sync_msgs(f->b, &rc);
	free(m);
	assert_int_equal(bdb_theme(f->b, "t-none", &t), BDB_OK);
	assert_int_equal(t.nrecs + t.nparas + t.nfootnotes, 0);
	bdb_theme_clear(&t);
	assert_int_equal(bdb_theme_blocks(f->b, "t-none", &v, &n), BDB_OK);
	assert_int_equal(n, 0);
	bdb_theme_blocks_free(v, n);
	assert_int_equal(bdb_themes_json(f->b, "t-none", &json), BDB_OK);
	assert_non_null(strstr(json, "\"documents\":[]"));
	free(json);
	assert_int_equal(bdb_theme(f->b, "nosuch", &t), BDB_NOTFOUND);
	assert_int_equal(bdb_themes_json(f->b, "nosuch", &json),
	    BDB_NOTFOUND);
	assert_null(json);
}

static int
json_valid(struct bdb *b, const char *json)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT json_valid(?)");
	int		 ok;

	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return ok;
}

static void
test_json(void **state)
{
	struct fx	*f = *state;
	char		*json;

	assert_int_equal(bdb_themes_json(f->b, NULL, &json), BDB_OK);
	assert_true(json_valid(f->b, json));
	assert_non_null(strstr(json, "{\"slug\":\"asylum\",\"name\":"
	    "\"Asylum and migration\""));
	free(json);
	assert_int_equal(bdb_themes_json(f->b, "hrd", &json), BDB_OK);
	assert_true(json_valid(f->b, json));
	assert_non_null(strstr(json, "\"anchor\":\"rec-2.3\""));
	assert_true(strstr(json, "\"anchor\":\"rec-3\"") <
	    strstr(json, "\"anchor\":\"fn-1\""));	/* footnotes last */
	free(json);
}

/* The anchors of a theme's blocks in one document, space-separated,
 * each with its source: "rec-1:personal rec-4:rule ...". */
static char *
theme_anchors(struct bdb *b, const char *theme)
{
	struct theme_doc	*v;
	struct buf		 out = { 0 };
	size_t			 n;

	assert_int_equal(bdb_theme_blocks(b, theme, &v, &n), BDB_OK);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < v[i].doc.nblocks; j++)
			buf_printf(&out, "%s%s:%s", out.len ? " " : "",
			    v[i].doc.blocks[j].anchor, v[i].sources[j]);
	bdb_theme_blocks_free(v, n);
	return buf_steal(&out);
}

static void
test_personal_tags(void **state)
{
	struct fx	*f = *state;
	struct theme	 t;
	char		*path = xasprintf("%s/review.db", f->dir), *err = NULL;
	char		*got;

	got = theme_anchors(f->b, "surveillance");
	assert_string_equal(got, "rec-4:rule rec-4.1:rule rec-4.2:rule "
	    "fn-2:cited fn-3:cited fn-4:rule fn-5:rule");
	free(got);
	assert_int_equal(bdb_review_attach(f->b, path, &err), BDB_OK);
	assert_int_equal(bdb_tag_add(f->b, "letter", "rec-1", "surveillance",
	    &err), BDB_OK);
	assert_int_equal(bdb_tag_remove(f->b, "letter", "rec-4.1",
	    "surveillance", &err), BDB_OK);
	assert_int_equal(bdb_status_set(f->b, "letter", "rec-4.2", RS_DONE,
	    &err), BDB_OK);
	got = theme_anchors(f->b, "surveillance");
	assert_string_equal(got, "rec-1:personal rec-4:rule rec-4.2:rule "
	    "fn-2:cited fn-3:cited fn-4:rule fn-5:rule");
	free(got);
	assert_int_equal(bdb_theme(f->b, "surveillance", &t), BDB_OK);
	assert_int_equal(t.nrecs, 3);
	assert_int_equal(t.ndone, 1);
	bdb_theme_clear(&t);
	/* Taking a personal tag off again. */
	assert_int_equal(bdb_tag_remove(f->b, "letter", "rec-1",
	    "surveillance", &err), BDB_OK);
	got = theme_anchors(f->b, "surveillance");
	assert_null(strstr(got, "rec-1:"));
	free(got);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conf_good),
		cmocka_unit_test(test_conf_errors),
		cmocka_unit_test(test_conf_bad_rule_translator),
		cmocka_unit_test(test_conf_duplicate),
		cmocka_unit_test(test_conf_override),
		cmocka_unit_test(test_conf_builtin),
		cmocka_unit_test(test_conf_hash),
		cmocka_unit_test_setup_teardown(test_tag_letter, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_inheritance, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_footnotes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_retag_on_change, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_retag_on_import, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_hits_found_ahead, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blocks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_and_unknown, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_personal_tags, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
