/* cli.c: shared command-line plumbing (options, the index, targets,
 * output) and the commands over documents: list, show, footnotes,
 * check (import and rm: cmd-import.c).  The table of all commands is at
 * the bottom. */
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
#include "json.h"
#include "layout.h"
#include "parse.h"
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

void
cli_free(struct cli *c)
{
	bdb_close(c->db);
	c->db = NULL;
	free(c->db_default);
}

int
cli_load_target(struct cli *c, const char *target, struct doc *d, int *seq)
{
	char	*name = xstrdup(target), *hash = strchr(name, '#'), *slug;
	int	 rc;

	*seq = -1;
	if (hash != NULL)
		*hash++ = '\0';
	if ((slug = bdb_resolve(c->db, name)) == NULL) {
		cli_error("%s: no such document (try 'brief list')", name);
		free(name);
		return EXIT_NOTFOUND;
	}
	rc = bdb_load(c->db, slug, d);
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

/* --- list --------------------------------------------------------------- */

static int
has_annex(const struct doc *docs, size_t n, const char *slug)
{
	for (size_t i = 0; i < n; i++)
		if (docs[i].parent != NULL && strcmp(docs[i].parent, slug) == 0)
			return 1;
	return 0;
}

/* s and the spaces that fill it out to width columns (as the terminal
 * counts them: a slug may be Greek or CJK), then one more space. */
static void
add_column(struct buf *b, const char *s, int width)
{
	int	w = u8_strwidth((const uint8_t *)s, "UTF-8");

	buf_adds(b, s);
	for (; w < width; w++)
		buf_addc(b, ' ');
	buf_addc(b, ' ');
}

/* slug, kind, blocks, reference, date (as the document gives it), title */
static void
print_doc_line(const struct doc *d)
{
	struct buf	 b = { 0 };
	char		 n[32];

	add_column(&b, d->slug, 12);
	add_column(&b, d->kind, 8);
	snprintf(n, sizeof n, "%5zu ", d->nblocks);
	add_column(&b, n, 0);
	add_column(&b, d->reference ? d->reference : "-", 22);
	add_column(&b, d->date ? d->date : "-", 10);
	buf_printf(&b, " %s\n", d->title);
	cli_write(b.data);
	buf_free(&b);
}

static int
cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTS,
	    { NULL, 0, NULL, 0 } };
	struct doc	*docs;
	size_t		 n;
	int		 ch, r, rc;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1)
		if ((r = cli_common_opt(c, cli_command("list"), ch, optarg)) >= 100)
			return r - 100;
	if (cli_open_db(c, 1) == NULL)
		return EXIT_DATA;
	if ((rc = bdb_list(c->db, &docs, &n)) != BDB_OK) {
		if (rc == BDB_NOTFOUND)
			cli_error("no documents (import some with 'brief import FILE')");
		else
			cli_error("%s: cannot list the documents: the index may "
			    "be damaged (see 'brief check')", bdb_path(c->db));
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		print_doc_line(&docs[i]);
		if (docs[i].mentions_annex && !has_annex(docs, n, docs[i].slug))
			printf("  %-10s annex    missing: the letter encloses an "
			    "annex not in the index; import it with 'brief import "
			    "FILE' (front matter: kind: annex, parent: %s)\n",
			    "", docs[i].slug);
	}
	bdb_list_free(docs, n);
	return EXIT_DONE;
}

/* --- show --------------------------------------------------------------- */

static int
cited(const struct block *bl, const char *fn_anchor)
{
	for (size_t i = 0; i < bl->nspans; i++)
		if (bl->spans[i].kind == SP_FNREF && bl->spans[i].target &&
		    strcmp(bl->spans[i].target, fn_anchor) == 0)
			return 1;
	return 0;
}

/* Is block i the block at seq or one of its descendants? */
static int
within(const struct doc *d, size_t i, int seq)
{
	for (int p = (int)i; p >= 0; p = d->blocks[p].parent) {
		if (p == seq)
			return 1;
		if (d->blocks[p].parent >= p)
			break;
	}
	return 0;
}

/* A view of d holding the block at seq, its descendants and the
 * footnotes they cite: the blocks are shared, free only the array. */
static void
sub_doc(const struct doc *d, int seq, struct doc *out)
{
	*out = *d;
	out->blocks = xcalloc(d->nblocks, sizeof *out->blocks);
	out->nblocks = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		if (within(d, i, seq))
			out->blocks[out->nblocks++] = d->blocks[i];
	for (size_t i = 0; i < d->nblocks; i++) {
		if (d->blocks[i].kind != BK_FOOTNOTE || within(d, i, seq))
			continue;
		for (size_t j = 0; j < out->nblocks; j++)
			if (cited(&out->blocks[j], d->blocks[i].anchor)) {
				out->blocks[out->nblocks++] = d->blocks[i];
				break;
			}
	}
}

static int
show_doc(struct cli *c, const struct doc *d, int seq)
{
	struct layout_opts	 lo = { 0 };
	struct doc		 sub;
	char			*text;
	int			 rc;

	lo.width = cli_width(c, stdout);
	lo.ascii = cli_ascii() != 0;	/* output stays ASCII */
	if (seq >= 0) {
		sub_doc(d, seq, &sub);
		text = c->json ? doc_json(&sub) : layout_doc_text(&sub, &lo);
		free(sub.blocks);
	} else
		text = c->json ? doc_json(d) : layout_doc_text(d, &lo);
	if (c->json) {
		char	*line = xasprintf("%s\n", text);

		free(text);
		text = line;
	}
	rc = cli_write(text) == 0 ? EXIT_DONE : EXIT_DATA;
	free(text);
	return rc;
}

static int
cmd_show(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "width", required_argument, NULL, 'w' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	const struct command	*cmd = cli_command("show");
	struct doc		 d;
	int			 ch, r, seq, rc;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORT "w:", opts,
	    NULL)) != -1) {
		if (ch == 'w') {
			if (cli_parse_int("--width", optarg, 10, 10000,
			    &c->width) != 0)
				return EXIT_USAGE;
		} else if (ch == 'j')
			c->json = 1;
		else if ((r = cli_common_opt(c, cmd, ch, optarg)) >= 100)
			return r - 100;
	}
	if (optind != argc - 1) {
		cli_error("show: %s", optind >= argc ? "no document given" :
		    "one document at a time");
		return cli_usage(cmd, stderr, EXIT_USAGE);
	}
	if (cli_open_db(c, 1) == NULL)
		return EXIT_DATA;
	if ((rc = cli_load_target(c, argv[optind], &d, &seq)) != EXIT_DONE)
		return rc;
	rc = show_doc(c, &d, seq);
	doc_clear(&d);
	return rc;
}

/* --- footnotes ---------------------------------------------------------- */

static void
print_footnote(const struct doc *d, int seq)
{
	const struct block	*bl = &d->blocks[seq];
	int			*cite;
	size_t			 n = doc_citing(d, seq, &cite);
	struct buf		 b = { 0 };

	buf_printf(&b, "%s#%s  ", d->slug, bl->anchor);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "," : "", d->blocks[cite[i]].anchor);
	if (n == 0)
		buf_adds(&b, "(not cited)");
	buf_printf(&b, "  %s\n", bl->text);
	for (size_t i = 0; i < bl->nspans; i++)
		if (bl->spans[i].kind == SP_LINK && bl->spans[i].target)
			buf_printf(&b, "    link: %s\n", bl->spans[i].target);
	cli_write(b.data);
	buf_free(&b);
	free(cite);
}

static int
cmd_footnotes(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTS,
	    { NULL, 0, NULL, 0 } };
	struct doc	 d;
	int		 ch, r, seq, rc, found = 0;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1)
		if ((r = cli_common_opt(c, cli_command("footnotes"), ch, optarg)) >= 100)
			return r - 100;
	if (optind != argc - 1)
		return cli_usage(cli_command("footnotes"), stderr, EXIT_USAGE);
	if (cli_open_db(c, 1) == NULL)
		return EXIT_DATA;
	if ((rc = cli_load_target(c, argv[optind], &d, &seq)) != EXIT_DONE)
		return rc;
	for (size_t i = 0; i < d.nblocks; i++)
		if (d.blocks[i].kind == BK_FOOTNOTE &&
		    (seq < 0 || (int)i == seq)) {
			print_footnote(&d, (int)i);
			found++;
		}
	doc_clear(&d);
	return found ? EXIT_DONE : EXIT_NOTFOUND;
}

/* --- check -------------------------------------------------------------- */

/* --prune: the entries 'check' lists as gone, deleted. */
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

static int
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

const struct command commands[] = {
	{ "import", cmd_import, "import [--db FILE] [--lenient] [-q] "
	  "[--dry-run] [--replace DOC] [--format NAME] [--encoding NAME] "
	  "[--password PW] FILE...",
	  "Add or update briefings, saying per file what was done and why; "
	  "--format and --encoding override what is detected, --password "
	  "opens an encrypted PDF." },
	{ "rm", cmd_rm, "rm [--db FILE] DOC...",
	  "Remove documents; their review data stays until check --prune." },
	{ "list", cmd_list, "list [--db FILE]",
	  "List the documents (slug, kind, blocks, reference, date, title)." },
	{ "show", cmd_show, "show [--db FILE] [--width N] [--json] DOC[#ANCHOR]",
	  "Print a document, or one block and what it cites, as text "
	  "(or as JSON: the document model)." },
	{ "footnotes", cmd_footnotes, "footnotes [--db FILE] DOC[#fn-N]",
	  "List a document's footnotes with the blocks citing them." },
	{ "search", cmd_search, "search [--db FILE] [--theme T] [--doc D] "
	  "[--limit N] [--json] QUERY...",
	  "Ranked full-text search: words, \"phrases\", prefix*, OR, NOT, "
	  "in:footnotes, doc:D, theme:T." },
	{ "review", cmd_review, "review [--review FILE] DOC#ANCHOR "
	  "[unread|read|flagged|done]",
	  "Set (or show) the review status of a block." },
	{ "note", cmd_note, "note [--review FILE] DOC#ANCHOR TEXT|- | "
	  "note --edit N TEXT|- | note --delete N",
	  "Add a note to a block ('-': read it from standard input); "
	  "--edit or --delete one of yours." },
	{ "notes", cmd_notes, "notes [--review FILE] [--author NAME|all] "
	  "[DOC[#ANCHOR]]",
	  "List notes with their blocks, in document order." },
	{ "export", cmd_export, "export [--format md|csv|json] [--theme T] "
	  "[--status S] [DOC] | export --authors all|NAME [--format md|csv|json]",
	  "Write the review: every recommendation, its status and notes "
	  "(--status: only those; --authors: everyone's, with an author "
	  "column)." },
	{ "themes", cmd_themes, "themes [--db FILE] [--json] [--width N] [THEME]",
	  "List the themes with their counts, or print one theme's blocks." },
	{ "tag", cmd_tag, "tag [--review FILE] [--remove] DOC#ANCHOR THEME",
	  "Add a theme to a block (or take one off) in your review store." },
	{ "check", cmd_check, "check [--db FILE] [--review FILE] [--prune]",
	  "Check the integrity of the index, its full-text index and the "
	  "review store (--prune: drop entries whose block is gone)." },
	{ "sync", cmd_sync, "sync [--review FILE] DIR",
	  "Write your new review changes into DIR and apply everyone "
	  "else's." },
	{ "config", cmd_config, "config [--review FILE] author [NAME]",
	  "Show or set the author name your review changes carry." },
	{ "progress", cmd_progress, "progress [--review FILE]",
	  "Review progress per person and per theme." },
	{ "pack", cmd_pack, "pack [--review FILE] [--theme T] [DOC...] FILE",
	  "Write a field copy: one file with the documents (those of theme T, "
	  "or DOC..., or all) and your review, for brief --db FILE." },
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
