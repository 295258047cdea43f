/* cmd-themes.c: `brief themes`: the table of themes with their counts,
 * `brief themes SLUG`: the theme's blocks as `brief show` prints them,
 * each under its DOC#ANCHOR line, grouped by document, and --json for
 * both; the index is retagged first if themes.conf changed
 * (bdb_themes_sync).  `brief tag DOC#ANCHOR THEME` adds (--remove takes
 * off) a personal tag in the user's review store. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "layout.h"
#include "xmalloc.h"

/* "foo: no such theme (nearest: ...)" on standard error. */
static void
no_such_theme(struct cli *c, const char *slug)
{
	char *near = bdb_theme_nearest(c->db, slug);

	cli_error("%s: no such theme (nearest: %s; 'brief themes' lists "
	    "them)", slug, near ? near : "none");
	free(near);
}

static void
print_table_head(int done)
{
	printf("%-24s %5s %5s %5s%s  %s\n", "THEME", "RECS", "PARAS", "FNS",
	    done ? "  DONE" : "", "NAME: DESCRIPTION");
}

static void
print_theme_line(const struct theme *t, int done)
{
	struct buf	b = { 0 };

	buf_printf(&b, "%-24s %5d %5d %5d", t->slug, t->nrecs, t->nparas,
	    t->nfootnotes);
	if (done)
		buf_printf(&b, " %5d", t->ndone < 0 ? 0 : t->ndone);
	buf_printf(&b, "  %s%s%s\n", t->name, *t->description ? ": " : "",
	    t->description);
	cli_write(b.data);
	buf_free(&b);
}

static int
themes_table(struct cli *c)
{
	struct theme	*v;
	size_t		 n;
	int		 done = 0;

	if (bdb_themes(c->db, &v, &n) != BDB_OK) {
		cli_error("%s: cannot read the themes", bdb_path(c->db));
		return EXIT_DATA;
	}
	if (n == 0) {
		cli_error("no themes (see data/themes.conf and "
		    "~/.config/brief/themes.conf)");
		return EXIT_NOTFOUND;
	}
	for (size_t i = 0; i < n; i++)
		done |= v[i].ndone >= 0;
	print_table_head(done);
	for (size_t i = 0; i < n; i++)
		print_theme_line(&v[i], done);
	bdb_themes_free(v, n);
	return EXIT_DONE;
}

/* One block: its DOC#ANCHOR line (with where it sits), then its text. */
static void
print_block(struct buf *out, const struct theme_doc *g, size_t i,
    const struct layout_opts *lo)
{
	const struct block	*bl = &g->doc.blocks[i];
	const char		*crumb = g->breadcrumbs[i];
	struct lline		*l = NULL;
	size_t			 n = 0, cap = 0;

	buf_printf(out, "\n%s#%s", g->doc.slug, bl->anchor);
	if (crumb != NULL)
		buf_printf(out, "  (%s%s)", bl->kind == BK_FOOTNOTE ? "" :
		    "in ", crumb);
	buf_addc(out, '\n');
	layout_block(bl, lo, &l, &n, &cap);
	for (size_t j = 0; j < n; j++) {
		buf_adds(out, l[j].text);
		buf_addc(out, '\n');
	}
	layout_free(l, n);
}

static void
print_group(struct buf *out, const struct theme_doc *g,
    const struct layout_opts *lo)
{
	buf_printf(out, "\n== %s: %s\n", g->doc.slug, g->doc.title);
	for (size_t i = 0; i < g->doc.nblocks; i++)
		print_block(out, g, i, lo);
}

static int
theme_blocks(struct cli *c, const char *slug)
{
	struct layout_opts	 lo = { 0 };
	struct theme		 t;
	struct theme_doc	*v = NULL;
	struct buf		 out = { 0 };
	size_t			 n = 0;
	int			 rc;

	if ((rc = bdb_theme(c->db, slug, &t)) != BDB_OK) {
		if (rc == BDB_NOTFOUND)
			no_such_theme(c, slug);
		return rc;
	}
	if ((rc = bdb_theme_blocks(c->db, slug, &v, &n)) != BDB_OK) {
		cli_error("%s: cannot read the theme's blocks", slug);
		goto out;
	}
	lo.width = cli_width(c, stdout);
	lo.ascii = cli_ascii() != 0;
	buf_printf(&out, "%s (%s): %d recommendations, %d paragraphs, "
	    "%d footnotes\n", t.name, t.slug, t.nrecs, t.nparas, t.nfootnotes);
	for (size_t i = 0; i < n; i++)
		print_group(&out, &v[i], &lo);
	rc = cli_write(out.data) == 0 ? EXIT_DONE : EXIT_DATA;
	if (n == 0) {
		cli_error("%s: no blocks in the index match this theme", slug);
		rc = EXIT_NOTFOUND;
	}
out:
	buf_free(&out);
	bdb_theme_blocks_free(v, n);
	bdb_theme_clear(&t);
	return rc;
}

static int
themes_json(struct cli *c, const char *slug)
{
	char	*json;
	int	 rc = bdb_themes_json(c->db, slug, &json);

	if (rc == BDB_NOTFOUND)
		no_such_theme(c, slug);
	else if (rc != BDB_OK)
		cli_error("%s: cannot read the themes", bdb_path(c->db));
	if (rc != BDB_OK)
		return rc;
	rc = fputs(json, stdout) == EOF || fputc('\n', stdout) == EOF ||
	    fflush(stdout) == EOF ? EXIT_DATA : EXIT_DONE;
	free(json);
	return rc;
}

int
cmd_themes(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "json", no_argument, NULL, 'j' },
		{ "width", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	const struct command	*cmd = cli_command("themes");
	struct diag		 d = { 0 };
	int			 ch, r;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORT "w:", opts,
	    NULL)) != -1) {
		if (ch == 'j')
			c->json = 1;
		else if (ch == 'w') {
			if (cli_parse_int("--width", optarg, 10, 10000,
			    &c->width) != 0)
				return EXIT_USAGE;
		} else if ((r = cli_common_opt(c, cmd, ch, optarg)) >= 100)
			return r - 100;
	}
	if (argc - optind > 1) {
		cli_error("themes: one theme at a time");
		return cli_usage(cmd, stderr, EXIT_USAGE);
	}
	/* With the review store, when there is one: personal tags count. */
	if (cli_open_review(c, 0) == NULL)
		return EXIT_DATA;
	if (bdb_themes_sync(c->db, &d) != BDB_OK)
		return EXIT_DATA;
	if (c->json)
		return themes_json(c, optind < argc ? argv[optind] : NULL);
	if (optind < argc)
		return theme_blocks(c, argv[optind]);
	return themes_table(c);
}

/* --- tag ---------------------------------------------------------------- */

static int
tag_block(struct cli *c, const char *target, const char *theme, int remove)
{
	struct theme	 t = { 0 };
	struct doc	 d;
	char		*err = NULL;
	int		 seq, rc;

	/* Taking off needs no theme: a personal tag may be the only one. */
	if (!remove && (rc = bdb_theme(c->db, theme, &t)) != BDB_OK) {
		no_such_theme(c, theme);
		return rc;
	}
	bdb_theme_clear(&t);
	if ((rc = cli_load_target(c, target, &d, &seq, CLI_LOAD_WHOLE)) !=
	    EXIT_DONE)
		return rc;
	if (seq < 0) {
		cli_error("%s: name a block, as DOC#ANCHOR", target);
		doc_clear(&d);
		return EXIT_USAGE;
	}
	rc = (remove ? bdb_tag_remove : bdb_tag_add)(c->db, d.slug,
	    d.blocks[seq].anchor, theme, &err);
	if (rc == BDB_OK)
		printf("%s#%s: %s %s\n", d.slug, d.blocks[seq].anchor,
		    remove ? "taken off" : "tagged", theme);
	else
		cli_error("%s", err ? err : "cannot write the review store");
	free(err);
	doc_clear(&d);
	return rc;
}

int
cmd_tag(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "remove", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const struct command	*cmd = cli_command("tag");
	struct diag		 d = { 0 };
	int			 ch, r, remove = 0;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORT, opts,
	    NULL)) != -1) {
		if (ch == 'r')
			remove = 1;
		else if ((r = cli_common_opt(c, cmd, ch, optarg)) >= 100)
			return r - 100;
	}
	if (argc - optind != 2) {
		cli_error("tag: give DOC#ANCHOR and THEME");
		return cli_usage(cmd, stderr, EXIT_USAGE);
	}
	if (cli_open_review(c, 1) == NULL)
		return EXIT_DATA;
	if (bdb_themes_sync(c->db, &d) != BDB_OK)
		return EXIT_DATA;
	return tag_block(c, argv[optind], argv[optind + 1], remove);
}
