/* cli.c: shared command-line plumbing (options, the index and the review
 * store, targets, output) and the table of commands, made from
 * commands.def.  The commands live in cmd-*.c, one file per group. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <uniwidth.h>

#include "cli.h"
#include "layout.h"
#include "sanitize.h"
#include "xmalloc.h"

void
cli_error(const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *clean;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	clean = sanitize_display(msg);
	fprintf(stderr, "brief: %s\n", clean);
	free(clean);
	free(msg);
}

void
cli_print_wrapped(FILE *f, const char *text, int indent, int first)
{
	const char	*s = text;
	size_t		 col = (size_t)first;
	int		 start = 1;

	/* Help text breaks at spaces only: an option ("--format NAME")
	 * never splits at its hyphens. */
	while (*s != '\0') {
		size_t	 n = strcspn(s, " "), w;
		char	*word = xstrndup(s, n);

		w = u8_strwidth((const uint8_t *)word, "UTF-8");
		if (!start && col + 1 + w > 79) {
			fprintf(f, "\n%*s", indent, "");
			col = (size_t)indent;
		} else if (!start) {
			fputc(' ', f);
			col++;
		}
		fputs(word, f);
		col += w;
		start = 0;
		free(word);
		s += n;
		s += strspn(s, " ");
	}
	fputc('\n', f);
}

int
cli_usage(const struct command *cmd, FILE *f, int status)
{
	if (cmd != NULL) {
		fputs("usage: brief ", f);
		cli_print_wrapped(f, cmd->usage, 13, 13);
		cli_print_wrapped(f, cmd->help, 0, 0);
	}
	if (status == EXIT_USAGE)
		fprintf(f, "Try 'brief --help' for more information.\n");
	return status;
}

int
cli_parse_int(const char *opt, const char *arg, int min, int max, int *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < min || v > max) {
		cli_error("%s: '%s' is not a number from %d to %d", opt, arg,
		    min, max);
		return -1;
	}
	*out = (int)v;
	return 0;
}

int
cli_common_opt(struct cli *c, const struct command *cmd, int ch,
    const char *arg)
{
	switch (ch) {
	case 'D':
		c->db_path = arg;
		return 1;
	case 'R':
		c->review_path = arg;
		return 1;
	case 'h':
		cli_usage(cmd, stdout, EXIT_DONE);
		return 100 + EXIT_DONE;
	case '?':
		return 100 + cli_usage(cmd, stderr, EXIT_USAGE);
	default:
		return 0;
	}
}

/* Without --db or $BRIEF_DB: the index a config file names (a shared
 * index on a team's host; db/sysconfig.c), or NULL. */
static char *
shared_index(void)
{
	struct diag	 d = { 0 };
	const char	*env = getenv("BRIEF_DB");

	return env != NULL && *env != '\0' ? NULL : bdb_config_index(&d);
}

struct bdb *
cli_open_db(struct cli *c, int ro)
{
	char	*err = NULL;
	int	 is_new;

	if (c->db != NULL)
		return c->db;
	if (c->db_path == NULL)
		c->db_path = c->db_default = shared_index();
	if (c->db_path == NULL)
		c->db_path = c->db_default = bdb_default_path();
	is_new = ro == CLI_CREATE && access(c->db_path, F_OK) != 0;
	c->db = bdb_open(c->db_path, ro == CLI_CREATE ? BDB_CREATE : ro ?
	    BDB_READONLY : 0, &err);
	if (c->db != NULL && is_new)
		fprintf(stderr, "brief: created a new index %s\n", c->db_path);
	/* No index yet: create it (with the bundled letter).  An index from
	 * an older brief: upgrade it, if we may write it. */
	if (c->db == NULL && ro && err != NULL &&
	    (access(c->db_path, F_OK) != 0 || (strstr(err, "needs upgrading")
	    != NULL && access(c->db_path, W_OK) == 0))) {
		free(err);
		c->db = bdb_open(c->db_path, 0, &err);
	}
	if (c->db == NULL) {
		cli_error("%s", err);
		free(err);
	}
	return c->db;
}

struct bdb *
cli_review_attach(struct cli *c, char **why)
{
	char	*path;
	int	 rc;

	*why = NULL;
	/* Read-write flags even to read: SQLite opens attached files with
	 * the main file's flags.  A read-only index file is still fine. */
	if (cli_open_db(c, 0) == NULL)
		return NULL;
	if (bdb_review_attached(c->db))
		return c->db;
	path = c->review_path != NULL ? xstrdup(c->review_path) :
	    bdb_review_default_path();
	rc = bdb_review_attach(c->db, path, why);
	free(path);
	if (rc == BDB_OK) {
		free(*why);
		*why = NULL;
	} else if (*why == NULL)
		*why = xstrdup("cannot attach the review store");
	return c->db;
}

int
cli_common_only(struct cli *c, const char *name, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTS,
	    { NULL, 0, NULL, 0 } };
	int	ch, r;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) !=
	    -1)
		if ((r = cli_common_opt(c, cli_command(name), ch, optarg)) >= 100)
			return r - 100;
		else if (r == 0)
			return cli_usage(cli_command(name), stderr, EXIT_USAGE);
	return -1;
}

void
cli_free(struct cli *c)
{
	bdb_close(c->db);
	c->db = NULL;
	free(c->db_default);
}

static int
load_as(struct cli *c, const char *slug, struct doc *d, int anchored,
    enum cli_load how)
{
	if (how == CLI_LOAD_WHOLE)
		return bdb_load(c->db, slug, d);
	if (how == CLI_LOAD_OUTLINE)
		return bdb_load_outline_spans(c->db, slug, d);
	/* the blocks' text loaded one at a time by the caller */
	return anchored ? bdb_load_outline(c->db, slug, d) :
	    bdb_load_head(c->db, slug, d);
}

int
cli_load_target(struct cli *c, const char *target, struct doc *d, int *seq,
    enum cli_load how)
{
	char	*name = xstrdup(target), *hash = strchr(name, '#'), *slug;
	int	 rc;

	*seq = -1;
	if (hash != NULL)
		*hash++ = '\0';
	/* The name as a slug first (brief letter): an exact slug is what
	 * resolving it would give, and its statement is the dearest to
	 * prepare at a start. */
	if ((rc = load_as(c, name, d, hash != NULL, how)) != BDB_NOTFOUND)
		slug = xstrdup(name);
	else if ((slug = bdb_resolve(c->db, name)) == NULL) {
		cli_error("%s: no such document (try 'brief list')", name);
		free(name);
		return EXIT_NOTFOUND;
	} else
		rc = load_as(c, slug, d, hash != NULL, how);
	if (rc == BDB_OK && hash != NULL && (*seq = doc_find_anchor(d, hash)) < 0) {
		cli_error("%s: no anchor '%s' in %s", target, hash, slug);
		doc_clear(d);
		rc = EXIT_NOTFOUND;
	} else if (rc != BDB_OK)
		cli_error("%s: cannot load %s: the index may be damaged (see "
		    "'brief check')", bdb_path(c->db), slug);
	free(slug);
	free(name);
	return rc;
}

int
cli_width(const struct cli *c, FILE *f)
{
	struct winsize	 ws;
	const char	*cols;

	if (c->width > 0)
		return c->width;
	if (isatty(fileno(f)) && ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	if ((cols = getenv("COLUMNS")) != NULL && atoi(cols) > 0)
		return atoi(cols);
	return 80;
}

int
cli_ascii(void)
{
	const char *cs = nl_langinfo(CODESET);

	if (cs != NULL && strcmp(cs, "ISO-8859-1") == 0)
		return LAYOUT_LATIN1;	/* ü, é shown as they are */
	return cs == NULL || strcmp(cs, "UTF-8") != 0;
}

int
cli_write(const char *s)
{
	char	*clean = sanitize_text(s, strlen(s), SAN_KEEP_NEWLINE);
	int	 rc = 0;

	if (fputs(clean, stdout) == EOF || fflush(stdout) == EOF)
		rc = -1;
	free(clean);
	return rc;
}


const struct command commands[] = {
#define COMMAND(name, fn, usage, help)	{ #name, fn, usage, help },
#include "commands.def"
#undef COMMAND
	{ NULL, NULL, NULL, NULL }
};

const struct command *
cli_command(const char *name)
{
	for (const struct command *cmd = commands; cmd->name != NULL; cmd++)
		if (strcmp(cmd->name, name) == 0)
			return cmd;
	return NULL;
}
