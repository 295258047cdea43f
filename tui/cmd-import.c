/* cmd-import.c: 'brief import' and 'brief rm', the commands that put
 * documents into the index and take them out.  Import prints one line
 * per file saying what it did (added, updated, unchanged) and why a file
 * went to a document or slug the user might not expect. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "parse.h"
#include "xmalloc.h"

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* "added letter-2 (letter, 4 recommendations, 5 footnotes; slug letter
 * is taken by another document)", "unchanged letter". */
static void
print_result(const struct bdb_imported *r, int dry_run)
{
	static const char *const done[] = { "added", "updated", "unchanged" };
	static const char *const would[] = { "would add", "would update",
	    "unchanged" };
	struct buf	 b = { 0 };

	buf_printf(&b, "%s %s", (dry_run ? would : done)[r->action], r->slug);
	if (r->action != BDB_UNCHANGED)
		buf_printf(&b, " (%s, %zu %s, %zu %s%s%s)", r->kind, r->nrecs,
		    plural(r->nrecs, "recommendation", "recommendations"),
		    r->nfootnotes, plural(r->nfootnotes, "footnote",
		    "footnotes"), r->why ? "; " : "", r->why ? r->why : "");
	else if (r->why != NULL)
		buf_printf(&b, " (%s)", r->why);
	buf_addc(&b, '\n');
	cli_write(b.data);
	buf_free(&b);
}

/* A dry run changes nothing, not even by creating the index: with none
 * yet, it runs on a new one in memory (which, like a new file, holds
 * the bundled letter). */
static struct bdb *
open_for_import(struct cli *c, int dry_run)
{
	char	*err = NULL;

	if (!dry_run)
		return cli_open_db(c, CLI_CREATE);
	if (c->db_path == NULL)
		c->db_path = c->db_default = bdb_default_path();
	if (access(c->db_path, F_OK) == 0)
		return cli_open_db(c, 1);
	if ((c->db = bdb_open(":memory:", BDB_CREATE, &err)) == NULL) {
		cli_error("%s", err);
		free(err);
	}
	return c->db;
}

struct import_state {
	int	quiet, dry_run;
	int	rc;		/* the exit status so far */
};

/* One file imported (or not): its line, and the exit status. */
static void
file_done(void *arg, const char *path, int r, const struct bdb_imported *res)
{
	struct import_state	*st = arg;

	(void)path;
	if (r != BDB_OK)
		st->rc = r == BDB_NOTFOUND ? EXIT_NOTFOUND : EXIT_DATA;
	else if (!st->quiet)
		print_result(res, st->dry_run);
}

int
cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "lenient", no_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "replace", required_argument, NULL, 'r' },
		{ "password", required_argument, NULL, 'P' },
		{ "format", required_argument, NULL, 'F' },
		{ "encoding", required_argument, NULL, 'E' },
		{ NULL, 0, NULL, 0 }
	};
	const struct command	*cmd = cli_command("import");
	struct bdb_import_opts	 io = { 0 };
	struct import_state	 st;
	struct diag		 d = { 0 };
	const char		*replace = NULL;
	char			*slug = NULL;
	int			 ch, r, quiet = 0;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORT "qn", opts,
	    NULL)) != -1) {
		if (ch == 'l')
			c->lenient = 1;
		else if (ch == 'q')
			quiet = 1;
		else if (ch == 'n')
			io.dry_run = 1;
		else if (ch == 'r')
			replace = optarg;
		else if (ch == 'P')
			io.parse.password = optarg;
		else if (ch == 'F')
			io.parse.format = optarg;
		else if (ch == 'E')
			io.parse.encoding = optarg;
		else if ((r = cli_common_opt(c, cmd, ch, optarg)) >= 100)
			return r - 100;
	}
	if (optind >= argc || (replace != NULL && optind != argc - 1)) {
		cli_error("import: %s", optind >= argc ? "no file given" :
		    "--replace takes one file");
		return cli_usage(cmd, stderr, EXIT_USAGE);
	}
	if (io.parse.format != NULL && !parse_format_valid(io.parse.format)) {
		cli_error("import: unknown format '%s' (brief reads: %s)",
		    io.parse.format, parse_format_names());
		return cli_usage(cmd, stderr, EXIT_USAGE);
	}
	if (open_for_import(c, io.dry_run) == NULL)
		return EXIT_DATA;
	if (replace != NULL && (slug = bdb_resolve(c->db, replace)) == NULL) {
		cli_error("%s: no such document (try 'brief list')", replace);
		return EXIT_NOTFOUND;
	}
	io.parse.flags = c->lenient ? PARSE_LENIENT : 0;
	/* A long PDF says how far it got, on a terminal only. */
	if (isatty(STDERR_FILENO) && !quiet)
		io.parse.flags |= PARSE_PROGRESS;
	io.replace = slug;
	st.quiet = quiet;
	st.dry_run = io.dry_run;
	st.rc = EXIT_DONE;
	bdb_import_paths(c->db, argv + optind, (size_t)(argc - optind), &io,
	    file_done, &st, &d);
	free(slug);
	return st.rc;
}

/* Only the exact slug: a prefix or a reference that happens to match
 * could remove a document the user did not mean. */
static int
remove_one(struct cli *c, const char *name, const char *slug)
{
	char	*err = NULL, *line;
	int	 r;

	if (slug == NULL) {
		cli_error("%s: no such document (try 'brief list')", name);
		return EXIT_NOTFOUND;
	}
	if (strcmp(slug, name) != 0) {
		cli_error("%s: not a document's slug; did you mean '%s'?", name,
		    slug);
		return EXIT_NOTFOUND;
	}
	if ((r = bdb_remove_doc(c->db, slug, &err)) != BDB_OK) {
		cli_error("%s", err);
		free(err);
		return r == BDB_NOTFOUND ? EXIT_NOTFOUND : EXIT_DATA;
	}
	line = xasprintf("removed %s (its review data is kept until 'brief "
	    "check --prune')\n", slug);
	cli_write(line);
	free(line);
	return EXIT_DONE;
}

int
cmd_rm(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTS,
	    { NULL, 0, NULL, 0 } };
	const struct command	*cmd = cli_command("rm");
	char			*slug;
	int			 ch, r, rc = EXIT_DONE;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1)
		if ((r = cli_common_opt(c, cmd, ch, optarg)) >= 100)
			return r - 100;
	if (optind >= argc) {
		cli_error("rm: no document given");
		return cli_usage(cmd, stderr, EXIT_USAGE);
	}
	if (cli_open_db(c, 0) == NULL)
		return EXIT_DATA;
	for (int i = optind; i < argc; i++) {
		slug = bdb_resolve(c->db, argv[i]);
		if ((r = remove_one(c, argv[i], slug)) != EXIT_DONE &&
		    (rc == EXIT_DONE || r == EXIT_DATA))
			rc = r;
		free(slug);
	}
	return rc;
}
