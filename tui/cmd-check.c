/* cmd-check.c: brief check: the integrity of the index and its full-text
 * index, then of the review store if the user has one (never created
 * here), with --prune dropping review entries whose block is gone. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "xmalloc.h"

/* --- check -------------------------------------------------------------- */

static int
prune_review(struct cli *c, const char *path)
{
	char	*err = NULL;
	size_t	 n;

	if (bdb_review_prune(c->db, &n, &err) != BDB_OK) {
		cli_error("%s", err);
		free(err);
		return BDB_DATA;
	}
	printf("%s: pruned %zu orphaned review entr%s\n", path, n,
	    n == 1 ? "y" : "ies");
	return BDB_OK;
}

/* The review store, if the user has one: never create it here. */
static int
check_review(struct cli *c, int prune)
{
	char	*path = c->review_path ? xstrdup(c->review_path) :
	    bdb_review_default_path(), *err = NULL, *report = NULL;
	int	 rc = BDB_OK;

	if (access(path, F_OK) != 0)
		printf("%s: no review store yet\n", path);
	else if (bdb_review_attach(c->db, path, &err) != BDB_OK) {
		printf("%s\n", err);
		rc = BDB_DATA;
	} else if (prune && prune_review(c, path) != BDB_OK)
		rc = BDB_DATA;
	else {
		rc = bdb_review_check(c->db, &report);
		fputs(report, stdout);
		if (rc == BDB_OK)
			printf("%s: ok\n", path);
	}
	free(report);
	free(err);
	free(path);
	return rc;
}

int
cmd_check(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTS,
	    { "prune", no_argument, NULL, 'p' },
	    { NULL, 0, NULL, 0 } };
	char	*report;
	int	 ch, r, rc, prune = 0;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1)
		if (ch == 'p')
			prune = 1;
		else if ((r = cli_common_opt(c, cli_command("check"), ch,
		    optarg)) >= 100)
			return r - 100;
	if (optind != argc)
		return cli_usage(cli_command("check"), stderr, EXIT_USAGE);
	/* Writable if it can be: FTS5's integrity-check is an INSERT. */
	if (cli_open_db(c, 0) == NULL)
		return EXIT_DATA;
	rc = bdb_check(c->db, &report);
	fputs(report, stdout);
	if (rc == BDB_OK)
		printf("%s: ok\n", bdb_path(c->db));
	free(report);
	if (check_review(c, prune) != BDB_OK)
		rc = EXIT_DATA;
	return rc;
}
