/* cmd-search.c: `brief search QUERY... [--theme T] [--doc D] [--limit N]
 * [--json]`: ranked hits from bdb_search(), one line each
 * ("doc#anchor  breadcrumb  snippet") or as JSON (bdb_hits_json()).
 * Matched terms are [bracketed] for a pipe and bold on a terminal; every
 * piece of index text is sanitised before it is written. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fts-query.h"
#include "sanitize.h"
#include "xmalloc.h"

#define CRUMB_SHOWN	60	/* bytes of a breadcrumb on a line */

#define BOLD_ON		"\033[1m"
#define BOLD_OFF	"\033[22m"

static int
use_bold(void)
{
	const char *term = getenv("TERM");

	return isatty(STDOUT_FILENO) && term != NULL && *term != '\0' &&
	    strcmp(term, "dumb") != 0;
}

static void
add_clean(struct buf *b, const char *s, size_t len)
{
	char	*clean = sanitize_text(s, len, 0);

	buf_adds(b, clean);
	free(clean);
}

/* The snippet with its marks shown: each piece sanitised on its own, so
 * the only escape sequences written are ours. */
static void
add_snippet(struct buf *b, const struct hit *h, int bold)
{
	size_t	at = 0;

	for (size_t i = 0; i < h->nmarks; i++) {
		add_clean(b, h->snippet + at, h->marks[i][0] - at);
		buf_adds(b, bold ? BOLD_ON : "[");
		add_clean(b, h->snippet + h->marks[i][0],
		    h->marks[i][1] - h->marks[i][0]);
		buf_adds(b, bold ? BOLD_OFF : "]");
		at = h->marks[i][1];
	}
	add_clean(b, h->snippet + at, strlen(h->snippet + at));
}

/* The bytes of a breadcrumb a line shows (the rest is "..."): JSON has
 * it whole. */
static size_t
crumb_len(const char *crumb)
{
	size_t n = strlen(crumb);

	if (n <= CRUMB_SHOWN)
		return n;
	n = CRUMB_SHOWN - 3;
	while (n > 0 && (crumb[n] & 0xc0) == 0x80)
		n--;
	return n;
}

static int
print_lines(const struct hit *hits, size_t n)
{
	struct buf	 b = { 0 };
	int		 bold = use_bold(), rc;

	for (size_t i = 0; i < n; i++) {
		const struct hit *h = &hits[i];

		add_clean(&b, h->slug, strlen(h->slug));
		buf_addc(&b, '#');
		add_clean(&b, h->anchor, strlen(h->anchor));
		buf_adds(&b, "  ");
		if (*h->breadcrumb == '\0')
			buf_addc(&b, '-');
		add_clean(&b, h->breadcrumb, crumb_len(h->breadcrumb));
		if (h->breadcrumb[crumb_len(h->breadcrumb)] != '\0')
			buf_adds(&b, "...");
		buf_adds(&b, "  ");
		add_snippet(&b, h, bold);
		buf_addc(&b, '\n');
	}
	rc = fputs(b.data, stdout) == EOF || fflush(stdout) == EOF;
	buf_free(&b);
	return rc ? EXIT_DATA : EXIT_DONE;
}

static int
print_json(struct cli *c, const struct hit *hits, size_t n)
{
	char	*json = bdb_hits_json(c->db, hits, n);
	int	 rc;

	if (json == NULL) {
		cli_error("search: cannot write the results as JSON");
		return EXIT_DATA;
	}
	rc = printf("%s\n", json) < 0 || fflush(stdout) == EOF;
	free(json);
	return rc ? EXIT_DATA : EXIT_DONE;
}

static char *
join_args(int argc, char **argv)
{
	struct buf	 b = { 0 };

	for (int i = 0; i < argc; i++) {
		if (i > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, argv[i]);
	}
	return buf_steal(&b);
}

/* A status: filter reads the review store, so it is attached. */
static int
wants_status(const char *query)
{
	struct fts_query q = { 0 };
	char *err = NULL;
	int yes = fts_translate(query, &q, &err) == 0 && q.status != NULL;

	fts_query_clear(&q);
	free(err);
	return yes;
}

static int
search_opt(struct cli *c, struct search_opts *o, int ch, const char *arg)
{
	switch (ch) {
	case 't':
		o->theme = arg;
		return 0;
	case 'd':
		o->doc = arg;
		return 0;
	case 'n':
		return cli_parse_int("--limit", arg, 1, 1000, &o->limit) ?
		    EXIT_USAGE : 0;
	case 'j':
		c->json = 1;
		return 0;
	default:
		return -1;
	}
}

static int
report(struct cli *c, int rc, const char *query, char *err, struct hit *hits,
    size_t n)
{
	if (rc == BDB_OK || (rc == BDB_NOTFOUND && c->json && err == NULL))
		rc = c->json ? print_json(c, hits, n) : print_lines(hits, n);
	if (n == 0 && rc == EXIT_DONE)
		rc = EXIT_NOTFOUND;
	if (err != NULL)
		cli_error("search: %s", err);
	else if (rc == EXIT_NOTFOUND)
		cli_error("search: nothing found for '%.200s'", query);
	return rc;
}

int
cmd_search(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "theme", required_argument, NULL, 't' },
		{ "doc", required_argument, NULL, 'd' },
		{ "limit", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	const struct command	*cmd = cli_command("search");
	struct search_opts	 o = { 0 };
	struct hit		*hits = NULL;
	size_t			 n = 0;
	char			*query, *err = NULL;
	int			 ch, r, rc;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORT, opts,
	    NULL)) != -1) {
		if ((r = search_opt(c, &o, ch, optarg)) > 0)
			return r;
		if (r < 0 && (r = cli_common_opt(c, cmd, ch, optarg)) >= 100)
			return r - 100;
	}
	if (optind >= argc) {
		cli_error("search: nothing to search for");
		return cli_usage(cmd, stderr, EXIT_USAGE);
	}
	o.query = query = join_args(argc - optind, argv + optind);
	if ((wants_status(query) ? cli_open_review(c, 1) :
	    cli_open_db(c, 1)) == NULL) {
		free(query);
		return EXIT_DATA;
	}
	rc = bdb_search(c->db, &o, &hits, &n, &err);
	rc = report(c, rc, query, err, hits, n);
	bdb_hits_free(hits, n);
	free(err);
	free(query);
	return rc;
}
