/* cmd-sync.c: the team commands: brief sync DIR (db/sync.c does the
 * work), brief config (settings kept in the review store: the author
 * name) and brief progress (per person and per theme).  Only formatting
 * lives here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "xmalloc.h"

static int
out(struct buf *b)
{
	int	rc = cli_write(b->len ? b->data : "") == 0 ? EXIT_DONE : EXIT_DATA;

	buf_free(b);
	return rc;
}

/* --- sync ----------------------------------------------------------------- */

int
cmd_sync(struct cli *c, int argc, char **argv)
{
	struct bdb_sync_stats	 st;
	struct diag		 d = { 0 };
	struct buf		 b = { 0 };
	char			*err = NULL;
	int			 rc;

	if ((rc = cli_common_only(c, "sync", argc, argv)) >= 0)
		return rc;
	if (argc - optind != 1) {
		cli_error("sync: give the folder to sync through");
		return cli_usage(cli_command("sync"), stderr, EXIT_USAGE);
	}
	if (cli_open_review(c, 1) == NULL)
		return EXIT_DATA;
	rc = bdb_sync(c->db, argv[optind], &st, &d, &err);
	if (err != NULL)
		cli_error("sync: %s", err);
	free(err);
	if (st.written != NULL)
		buf_printf(&b, "wrote %s (%zu bytes)\n", st.written,
		    st.written_bytes);
	else if (rc != BDB_USAGE)
		buf_adds(&b, "nothing new to write\n");
	buf_printf(&b, "applied %d changeset%s, %d already applied, %d "
	    "refused\n", st.applied, st.applied == 1 ? "" : "s", st.seen,
	    st.failed);
	bdb_sync_stats_clear(&st);
	if (rc == BDB_USAGE) {
		buf_free(&b);
		return EXIT_USAGE;
	}
	if (out(&b) != EXIT_DONE)
		return EXIT_DATA;
	return rc == BDB_OK ? EXIT_DONE : EXIT_DATA;
}

/* --- config --------------------------------------------------------------- */

/* Entries already made under the old name keep it (others may have them
 * so already): say so, and how to see them. */
static void
left_behind(struct cli *c, const char *old)
{
	struct bdb_team_entry	*e;
	char			*now = bdb_author(c->db);
	size_t			 n = 0;

	if (strcmp(now, old) != 0 && bdb_team_entries(c->db, old, NULL, NULL,
	    &e, &n) == BDB_OK) {
		if (n > 0)
			cli_error("config: your %zu earlier entr%s stay%s under "
			    "'%s' (brief export --authors '%s')", n,
			    n == 1 ? "y" : "ies", n == 1 ? "s" : "", old, old);
		bdb_team_entries_free(e, n);
	}
	free(now);
}

int
cmd_config(struct cli *c, int argc, char **argv)
{
	struct buf	 b = { 0 };
	char		*err = NULL, *v;
	int		 rc;

	if ((rc = cli_common_only(c, "config", argc, argv)) >= 0)
		return rc;
	if (argc - optind < 1 || argc - optind > 2 ||
	    strcmp(argv[optind], "author") != 0) {
		cli_error("config: the one setting is 'author'");
		return cli_usage(cli_command("config"), stderr, EXIT_USAGE);
	}
	if (argc - optind == 2 && argv[optind + 1][0] == '\0') {
		cli_error("config: author: give a name");
		return EXIT_USAGE;
	}
	if (cli_open_review(c, 1) == NULL)
		return EXIT_DATA;
	v = bdb_author(c->db);
	if (argc - optind == 2 && bdb_config_set(c->db, "author",
	    argv[optind + 1], &err) != BDB_OK) {
		cli_error("config: %s", err);
		free(err);
		free(v);
		return EXIT_DATA;
	}
	if (argc - optind == 2)
		left_behind(c, v);
	free(v);
	v = bdb_author(c->db);
	buf_printf(&b, "author %s%s\n", v, getenv("BRIEF_AUTHOR") != NULL &&
	    *getenv("BRIEF_AUTHOR") != '\0' ? " (from $BRIEF_AUTHOR)" : "");
	free(v);
	return out(&b);
}

/* --- progress ------------------------------------------------------------- */

int
cmd_progress(struct cli *c, int argc, char **argv)
{
	struct bdb_progress	*p = NULL;
	struct buf		 b = { 0 };
	size_t			 n = 0;
	int			 rc;

	if ((rc = cli_common_only(c, "progress", argc, argv)) >= 0)
		return rc;
	if (argc != optind)
		return cli_usage(cli_command("progress"), stderr, EXIT_USAGE);
	if (cli_open_review(c, 1) == NULL)
		return EXIT_DATA;
	if (bdb_team_progress(c->db, &p, &n) != BDB_OK) {
		cli_error("progress: cannot read the review store");
		return EXIT_DATA;
	}
	if (n == 0) {
		cli_error("progress: nobody has reviewed anything yet");
		return EXIT_NOTFOUND;
	}
	buf_printf(&b, "%-20s %-24s %5s %5s %7s %5s %6s %5s\n", "AUTHOR",
	    "THEME", "RECS", "DONE", "FLAGGED", "READ", "UNREAD", "NOTES");
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%-20s %-24s %5d %5d %7d %5d %6d %5d\n",
		    p[i].author, p[i].key[0] != '\0' ? p[i].key : "(all)",
		    p[i].total, p[i].count[RS_DONE], p[i].count[RS_FLAGGED],
		    p[i].count[RS_READ], p[i].count[RS_UNREAD], p[i].notes);
	bdb_progress_free(p, n);
	return out(&b);
}

/* --- pack ----------------------------------------------------------------- */

/* Add slug to the list unless it is there. */
static void
add_slug(char ***v, size_t *n, const char *slug)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], slug) == 0)
			return;
	*v = xappend(*v, *n, sizeof **v);
	(*v)[(*n)++] = xstrdup(slug);
}

static int
theme_slugs(struct cli *c, const char *theme, char ***v, size_t *n)
{
	struct theme_doc	*td;
	size_t			 nd;
	int			 rc = bdb_theme_blocks(c->db, theme, &td, &nd);

	if (rc == BDB_NOTFOUND) {
		cli_error("pack: %s: no such theme (try 'brief themes')", theme);
		return EXIT_NOTFOUND;
	}
	if (rc != BDB_OK) {
		cli_error("pack: cannot read theme %s", theme);
		return EXIT_DATA;
	}
	for (size_t i = 0; i < nd; i++)
		add_slug(v, n, td[i].doc.slug);
	bdb_theme_blocks_free(td, nd);
	if (nd == 0) {
		cli_error("pack: theme %s has no blocks", theme);
		return EXIT_NOTFOUND;
	}
	return EXIT_DONE;
}

static int
pack_slugs(struct cli *c, const char *theme, int argc, char **argv,
    char ***v, size_t *n)
{
	struct doc	*docs;
	size_t		 nd;
	int		 rc;

	if (theme != NULL && (rc = theme_slugs(c, theme, v, n)) != EXIT_DONE)
		return rc;
	for (int i = 0; i < argc; i++) {
		char *slug = bdb_resolve(c->db, argv[i]);

		if (slug == NULL) {
			cli_error("pack: %s: no such document (try 'brief list')",
			    argv[i]);
			return EXIT_NOTFOUND;
		}
		add_slug(v, n, slug);
		free(slug);
	}
	if (theme == NULL && argc == 0) {
		if (bdb_list(c->db, &docs, &nd) != BDB_OK)
			return EXIT_DATA;
		for (size_t i = 0; i < nd; i++)
			if (docs[i].nblocks > 0)
				add_slug(v, n, docs[i].slug);
		bdb_list_free(docs, nd);
	}
	return EXIT_DONE;
}

int
cmd_pack(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTS,
	    { "theme", required_argument, NULL, 't' }, { NULL, 0, NULL, 0 } };
	const char	*theme = NULL, *file;
	char		**slugs = NULL, *err = NULL;
	struct diag	 d = { 0 };
	struct buf	 b = { 0 };
	size_t		 n = 0;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) !=
	    -1) {
		if (ch == 't')
			theme = optarg;
		else if ((rc = cli_common_opt(c, cli_command("pack"), ch,
		    optarg)) >= 100)
			return rc - 100;
		else if (rc == 0)
			return cli_usage(cli_command("pack"), stderr, EXIT_USAGE);
	}
	if (argc - optind < 1) {
		cli_error("pack: give the file to write");
		return cli_usage(cli_command("pack"), stderr, EXIT_USAGE);
	}
	file = argv[argc - 1];
	if (cli_open_review(c, 0) == NULL)
		return EXIT_DATA;
	if ((rc = pack_slugs(c, theme, argc - optind - 1, argv + optind,
	    &slugs, &n)) == EXIT_DONE) {
		rc = bdb_pack(c->db, slugs, n, file, &d, &err);
		if (err != NULL)
			cli_error("pack: %s", err);
		if (rc == BDB_OK) {
			buf_printf(&b, "wrote %s: %zu document%s\n", file, n,
			    n == 1 ? "" : "s");
			rc = out(&b);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(slugs[i]);
	free(slugs);
	free(err);
	return rc;
}
