/* cmd-review.c: the review commands for scripts and people without a
 * terminal (review, note, notes, export) and cli_open_review(), which
 * opens the index with the user's review store attached.  The data comes
 * from the "review store" API in brief-db.h; this file only formats it
 * (Markdown and CSV here, JSON from SQLite's json functions in db/). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "xmalloc.h"

#define NOTE_MAX	(16 * 1024 * 1024)	/* a note read from stdin */

struct bdb *
cli_open_review(struct cli *c, int need)
{
	char		*why = NULL;
	struct bdb	*db = cli_review_attach(c, &why);

	if (db == NULL || why == NULL)
		return db;
	cli_error(need ? "%s" : "%s (reading without review data)", why);
	free(why);
	return need ? NULL : db;
}

/* "doc#anchor" to a slug and anchor; prints why not and returns an exit
 * status.  need_anchor: the anchor is required. */
static int
split_target(struct cli *c, const char *target, int need_anchor, char **slug,
    char **anchor)
{
	char	*name = xstrdup(target), *hash = strchr(name, '#');

	*slug = *anchor = NULL;
	if (hash != NULL)
		*hash++ = '\0';
	if (need_anchor && (hash == NULL || *hash == '\0')) {
		cli_error("%s: give a block as DOC#ANCHOR, e.g. letter#rec-1",
		    target);
		free(name);
		return EXIT_USAGE;
	}
	if ((*slug = bdb_resolve(c->db, name)) == NULL) {
		cli_error("%s: no such document (try 'brief list')", name);
		free(name);
		return EXIT_NOTFOUND;
	}
	*anchor = hash != NULL ? xstrdup(hash) : NULL;
	free(name);
	return EXIT_DONE;
}

/* Print err (if any) and turn a BDB_ code into an exit status. */
static int
report(int rc, char *err)
{
	if (err != NULL)
		cli_error("%s", err);
	free(err);
	return rc;
}

static int
print_line(const char *fmt, const char *a, const char *b, const char *x)
{
	char	*s = xasprintf(fmt, a, b, x);
	int	 rc = cli_write(s) == 0 ? EXIT_DONE : EXIT_DATA;

	free(s);
	return rc;
}

/* The common options and --NAME VALUE (an author, or "all"). */
static int
author_option(struct cli *c, const char *cmd, const char *name, int argc,
    char **argv, const char **author)
{
	const struct option opts[] = { CLI_COMMON_OPTS,
	    { name, required_argument, NULL, 'a' }, { NULL, 0, NULL, 0 } };
	int	ch, r;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) !=
	    -1) {
		if (ch == 'a') {
			if (*optarg == '\0') {
				cli_error("%s: --%s: give a name or 'all'", cmd,
				    name);
				return EXIT_USAGE;
			}
			*author = optarg;
		} else if ((r = cli_common_opt(c, cli_command(cmd), ch,
		    optarg)) >= 100)
			return r - 100;
		else if (r == 0)
			return cli_usage(cli_command(cmd), stderr, EXIT_USAGE);
	}
	return -1;
}

/* --- review ------------------------------------------------------------- */

static int
show_status(struct cli *c, const char *slug, const char *anchor)
{
	int	status, state;

	if (bdb_status_get(c->db, slug, anchor, &status, &state) == BDB_DATA)
		return report(EXIT_DATA, xstrdup("cannot read the review store"));
	return print_line("%s#%s: %s\n", slug, anchor, state == RV_CURRENT ?
	    bdb_status_name(status) : state == RV_CHANGED ? "changed since "
	    "reviewed" : "orphaned");
}

int
cmd_review(struct cli *c, int argc, char **argv)
{
	const struct command	*cmd = cli_command("review");
	char			*slug, *anchor, *err = NULL;
	int			 rc, status = -1;

	if ((rc = cli_common_only(c, "review", argc, argv)) >= 0)
		return rc;
	if (argc - optind < 1 || argc - optind > 2) {
		cli_error("review: give DOC#ANCHOR and a status");
		return cli_usage(cmd, stderr, EXIT_USAGE);
	}
	if (argc - optind == 2 &&
	    (status = bdb_status_from_name(argv[optind + 1])) < 0) {
		cli_error("review: '%s' is not a status (unread, read, flagged, "
		    "done)", argv[optind + 1]);
		return EXIT_USAGE;
	}
	if (cli_open_review(c, 1) == NULL)
		return EXIT_DATA;
	if ((rc = split_target(c, argv[optind], 1, &slug, &anchor)) != EXIT_DONE)
		return rc;
	if (status < 0)
		rc = show_status(c, slug, anchor);
	else if ((rc = bdb_status_set(c->db, slug, anchor, status, &err)) ==
	    BDB_OK)
		rc = print_line("%s#%s: %s\n", slug, anchor,
		    bdb_status_name(status));
	else
		rc = report(rc, err);
	free(slug);
	free(anchor);
	return rc;
}

/* --- note --------------------------------------------------------------- */

static char *
read_stdin(void)
{
	struct buf	b = { 0 };
	char		chunk[65536];
	size_t		n;

	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		/* Text ends at a NUL: refuse rather than keep half. */
		const char *nul = memchr(chunk, '\0', n);

		if (nul != NULL) {
			cli_error("note: standard input holds a NUL byte (at "
			    "byte %zu): not text, nothing saved", b.len +
			    (size_t)(nul - chunk) + 1);
			buf_free(&b);
			return NULL;
		}
		buf_add(&b, chunk, n);
		if (b.len > NOTE_MAX) {
			cli_error("note: more than %d MB on standard input",
			    NOTE_MAX / (1024 * 1024));
			buf_free(&b);
			return NULL;
		}
	}
	if (ferror(stdin)) {
		cli_error("note: cannot read standard input");
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* The note's text: the arguments joined by spaces, or stdin for "-",
 * without trailing newlines.  NULL (message printed) if empty. */
static char *
note_text(int argc, char **argv)
{
	struct buf	 b = { 0 };
	char		*s;
	size_t		 len;

	if (argc == 1 && strcmp(argv[0], "-") == 0)
		s = read_stdin();
	else {
		for (int i = 0; i < argc; i++)
			buf_printf(&b, "%s%s", i ? " " : "", argv[i]);
		s = buf_steal(&b);
	}
	if (s == NULL)
		return NULL;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		s[--len] = '\0';
	if (len == 0) {
		cli_error("note: the note is empty");
		free(s);
		return NULL;
	}
	return s;
}

/* brief note --edit N TEXT|- and --delete N: one of your own notes. */
static int
note_change(struct cli *c, int del, const char *num, int argc, char **argv)
{
	char	*text = NULL, *err = NULL, *end;
	long long id = strtoll(num, &end, 10);
	int	 rc;

	if (*num == '\0' || *end != '\0' || id <= 0 || (del && argc != 0) ||
	    (!del && argc == 0)) {
		cli_error("note: --%s N%s: N is a note number from 'brief "
		    "notes'", del ? "delete" : "edit", del ? "" : " TEXT|-");
		return EXIT_USAGE;
	}
	if (!del && (text = note_text(argc, argv)) == NULL)
		return EXIT_USAGE;
	if (cli_open_review(c, 1) == NULL) {
		free(text);
		return EXIT_DATA;
	}
	rc = del ? bdb_note_delete(c->db, id, &err) :
	    bdb_note_edit(c->db, id, text, &err);
	free(text);
	if (rc != BDB_OK)
		return report(rc, err);
	return print_line("note %s %s%s\n", num, del ? "deleted" : "saved", "");
}

int
cmd_note(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTS,
	    { "edit", required_argument, NULL, 'e' },
	    { "delete", required_argument, NULL, 'x' },
	    { NULL, 0, NULL, 0 } };
	char	*slug, *anchor, *text, *err = NULL, num[32];
	const char *change = NULL;
	int64_t	 id = 0;
	int	 rc, ch, del = 0;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) !=
	    -1) {
		if (ch == 'e' || ch == 'x') {
			change = optarg;
			del = ch == 'x';
		} else if ((rc = cli_common_opt(c, cli_command("note"), ch,
		    optarg)) >= 100)
			return rc - 100;
		else if (rc == 0)
			return cli_usage(cli_command("note"), stderr, EXIT_USAGE);
	}
	if (change != NULL)
		return note_change(c, del, change, argc - optind, argv + optind);
	if (argc - optind < 2) {
		cli_error("note: give DOC#ANCHOR and the text ('-': standard "
		    "input)");
		return cli_usage(cli_command("note"), stderr, EXIT_USAGE);
	}
	if ((text = note_text(argc - optind - 1, argv + optind + 1)) == NULL)
		return EXIT_USAGE;
	if (cli_open_review(c, 1) == NULL) {
		free(text);
		return EXIT_DATA;
	}
	if ((rc = split_target(c, argv[optind], 1, &slug, &anchor)) ==
	    EXIT_DONE) {
		rc = bdb_note_add(c->db, slug, anchor, text, &id, &err);
		snprintf(num, sizeof num, "%lld", (long long)id);
		rc = rc == BDB_OK ? print_line("%s#%s: note %s saved\n", slug,
		    anchor, num) : report(rc, err);
	}
	free(slug);
	free(anchor);
	free(text);
	return rc;
}

/* --- notes -------------------------------------------------------------- */

/* s after first, its further lines after indent, then a newline. */
static void
add_indented(struct buf *b, const char *s, const char *first,
    const char *indent)
{
	buf_adds(b, first);
	for (; *s != '\0'; s++) {
		buf_addc(b, *s);
		if (*s == '\n' && s[1] != '\0')
			buf_adds(b, indent);
	}
	buf_addc(b, '\n');
}

static void
format_note(struct buf *b, const struct bdb_note *n, int by)
{
	buf_printf(b, "%s#%s  note %lld", n->slug, n->anchor, (long long)n->id);
	if (by && n->author != NULL)
		buf_printf(b, " by %s", n->author);
	buf_printf(b, ", %s", n->created);
	if (n->edited != NULL)
		buf_printf(b, ", edited %s", n->edited);
	if (n->state != RV_CURRENT)
		buf_printf(b, "  [%s]", n->state == RV_CHANGED ?
		    "changed since reviewed" : "orphaned");
	if (n->copy)
		buf_adds(b, "  [conflict copy: written elsewhere at the same "
		    "time]");
	buf_addc(b, '\n');
	add_indented(b, n->body, "    ", "    ");
}

int
cmd_notes(struct cli *c, int argc, char **argv)
{
	struct bdb_note	*notes = NULL;
	struct buf	 b = { 0 };
	char		*slug = NULL, *anchor = NULL;
	const char	*author = NULL;
	size_t		 n = 0;
	int		 rc;

	if ((rc = author_option(c, "notes", "author", argc, argv, &author)) >=
	    0)
		return rc;
	if (argc - optind > 1)
		return cli_usage(cli_command("notes"), stderr, EXIT_USAGE);
	if (cli_open_review(c, 1) == NULL)
		return EXIT_DATA;
	rc = EXIT_DONE;
	if (optind < argc && (rc = split_target(c, argv[optind], 0, &slug,
	    &anchor)) != EXIT_DONE)
		return rc;
	if ((author == NULL ? bdb_notes(c->db, slug, anchor, &notes, &n) :
	    bdb_team_notes(c->db, strcmp(author, "all") == 0 ? NULL : author,
	    slug, anchor, &notes, &n)) != BDB_OK)
		rc = report(EXIT_DATA, xstrdup("cannot read the notes"));
	else if (n == 0) {
		cli_error("no notes (add one with 'brief note DOC#ANCHOR TEXT')");
		rc = EXIT_NOTFOUND;
	}
	for (size_t i = 0; i < n; i++)
		format_note(&b, &notes[i], author != NULL);
	if (n > 0 && cli_write(b.data) != 0)
		rc = EXIT_DATA;
	buf_free(&b);
	bdb_notes_free(notes, n);
	free(slug);
	free(anchor);
	return rc;
}

/* --- export: Markdown --------------------------------------------------- */

static const char *
item_status(const struct bdb_item *it)
{
	static char	s[64];

	snprintf(s, sizeof s, "%s%s", bdb_status_name(it->status),
	    it->state == RV_CHANGED ? " (changed since reviewed)" :
	    it->state == RV_ORPHANED ? " (orphaned: no longer in the "
	    "document)" : "");
	return s;
}

static void
md_progress(struct buf *b, const struct bdb_item *items, size_t n,
    const char *slug)
{
	int	count[RS__COUNT] = { 0 }, total = 0, notes = 0;

	for (size_t i = 0; i < n; i++) {
		if (strcmp(items[i].slug, slug) != 0 || items[i].seq < 0)
			continue;
		notes += (int)items[i].nnotes;
		if (items[i].rec) {
			total++;
			count[items[i].status]++;
		}
	}
	buf_printf(b, "- Progress: %d recommendation%s: %d done, %d flagged, "
	    "%d read, %d unread; %d note%s\n", total, total == 1 ? "" : "s",
	    count[RS_DONE], count[RS_FLAGGED], count[RS_READ], count[RS_UNREAD],
	    notes, notes == 1 ? "" : "s");
}

static void
md_doc_head(struct buf *b, const struct doc *d, const char *theme)
{
	buf_printf(b, "# Review: %s\n\n", d->title);
	buf_printf(b, "- Document: `%s` (%s)\n", d->slug, d->kind);
	if (d->reference != NULL)
		buf_printf(b, "- Reference: %s\n", d->reference);
	if (d->date != NULL)
		buf_printf(b, "- Date: %s\n", d->date);
	if (theme != NULL)
		buf_printf(b, "- Theme: %s\n", theme);
}

static void
md_item(struct buf *b, const struct bdb_item *it)
{
	int	level = it->depth + 2 > 6 ? 6 : it->depth + 2;

	buf_printf(b, "\n%.*s %s — %s\n\n", level, "######", it->anchor,
	    item_status(it));
	if (it->text != NULL)
		buf_printf(b, "%s\n\n", it->text);
	if (it->cites != NULL) {
		buf_adds(b, "Cites: ");
		for (const char *p = it->cites; *p != '\0'; p++)
			buf_adds(b, *p == ',' ? ", " : (char[]){ *p, '\0' });
		buf_adds(b, ".\n\n");
	}
	if (it->nnotes > 0)
		buf_adds(b, "Notes:\n\n");
	for (size_t i = 0; i < it->nnotes; i++) {
		const struct bdb_note *n = &it->notes[i];

		/* Continuation lines of a list item are indented. */
		add_indented(b, n->body, "- ", "  ");
		buf_printf(b, "  _(%s%s%s)_\n", n->created,
		    n->edited ? ", edited " : "", n->edited ? n->edited : "");
	}
}

static void
md_footnotes(struct buf *b, const struct doc *d, const struct bdb_item *items,
    size_t n)
{
	int	any = 0;

	for (size_t i = 0; i < d->nblocks; i++) {
		const struct block	*fn = &d->blocks[i];
		int			 cited = 0;
		size_t			 len = strlen(fn->anchor);

		for (size_t j = 0; j < n && !cited && fn->kind == BK_FOOTNOTE; j++)
			for (const char *p = items[j].cites; p != NULL &&
			    (p = strstr(p, fn->anchor)) != NULL; p += len)
				if (p[len] == ',' || p[len] == '\0')
					cited = strcmp(items[j].slug, d->slug) == 0;
		if (!cited)
			continue;
		if (!any++)
			buf_adds(b, "\n## Footnotes cited\n\n");
		buf_printf(b, "- **%s**: %s\n", fn->anchor, fn->text);
	}
}

static void
md_document(struct cli *c, struct buf *b, const char *slug,
    const struct bdb_item *items, size_t n, const char *theme)
{
	struct doc	d;

	if (bdb_load(c->db, slug, &d) != BDB_OK)
		return;
	if (b->len > 0)
		buf_addc(b, '\n');
	md_doc_head(b, &d, theme);
	md_progress(b, items, n, slug);
	for (size_t i = 0; i < n; i++)
		if (items[i].seq >= 0 && strcmp(items[i].slug, slug) == 0)
			md_item(b, &items[i]);
	md_footnotes(b, &d, items, n);
	doc_clear(&d);
}

static void
md_orphans(struct buf *b, const struct bdb_item *items, size_t n)
{
	int	any = 0;

	for (size_t i = 0; i < n; i++) {
		struct bdb_item it = items[i];
		char		*a;

		if (it.seq >= 0)
			continue;
		if (!any++)
			buf_adds(b, "\n# Orphaned review entries\n\nThese blocks "
			    "are no longer in the index; their review data is "
			    "kept.\n");
		a = xasprintf("%s#%s", it.slug, it.anchor);
		it.anchor = a;
		it.depth = 0;
		md_item(b, &it);
		free(a);
	}
}

static void
export_md(struct cli *c, struct buf *b, const struct bdb_item *items,
    size_t n, const char *theme)
{
	for (size_t i = 0; i < n; i++)
		if (items[i].seq >= 0 && (i == 0 ||
		    strcmp(items[i].slug, items[i - 1].slug) != 0))
			md_document(c, b, items[i].slug, items, n, theme);
	md_orphans(b, items, n);
}

/* --- export: CSV -------------------------------------------------------- */

/* RFC 4180: quote a field holding a comma, quote or line break.  A
 * field a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or CR: OWASP's CSV injection rule) is quoted with a ' before it;
 * JSON keeps the text exact. */
static void
csv_field(struct buf *b, const char *s, int last)
{
	int formula;

	if (s == NULL)
		s = "";
	formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	if (!formula && strpbrk(s, ",\"\r\n") == NULL)
		buf_adds(b, s);
	else {
		buf_addc(b, '"');
		if (formula)
			buf_addc(b, '\'');
		for (; *s != '\0'; s++) {
			if (*s == '"')
				buf_addc(b, '"');
			buf_addc(b, *s);
		}
		buf_addc(b, '"');
	}
	buf_addc(b, last ? '\n' : ',');
}

/* One row per note, the block's columns repeated (a spreadsheet sorts
 * and filters notes, not cells holding several); a block with no note is
 * one row with the note columns empty. */
static void
csv_item(struct buf *b, const struct bdb_item *it)
{
	char	num[16];
	size_t	i = 0;

	do {
		const struct bdb_note *o = i < it->nnotes ? &it->notes[i] :
		    NULL;

		csv_field(b, it->slug, 0);
		csv_field(b, it->anchor, 0);
		csv_field(b, it->rec ? "yes" : "no", 0);
		snprintf(num, sizeof num, "%d", it->depth);
		csv_field(b, num, 0);
		csv_field(b, bdb_status_name(it->status), 0);
		csv_field(b, bdb_rstate_name(it->state), 0);
		csv_field(b, it->cites, 0);
		csv_field(b, it->text, 0);
		csv_field(b, o ? o->body : NULL, 0);
		csv_field(b, o ? o->created : NULL, 0);
		csv_field(b, o ? o->edited : NULL, 1);
	} while (++i < it->nnotes);
}

static void
export_csv(struct buf *b, const struct bdb_item *items, size_t n)
{
	buf_adds(b, "document,anchor,recommendation,depth,status,state,cites,"
	    "text,note,note_created,note_edited\n");
	for (size_t i = 0; i < n; i++)
		csv_item(b, &items[i]);
}

/* --- export ------------------------------------------------------------- */

enum { FMT_MD, FMT_CSV, FMT_JSON };

static int
parse_format(const char *arg, int *fmt)
{
	if (strcmp(arg, "md") == 0 || strcmp(arg, "markdown") == 0)
		*fmt = FMT_MD;
	else if (strcmp(arg, "csv") == 0)
		*fmt = FMT_CSV;
	else if (strcmp(arg, "json") == 0)
		*fmt = FMT_JSON;
	else {
		cli_error("export: --format: '%s' is not md, csv or json", arg);
		return -1;
	}
	return 0;
}

/* --status VALUE: a status name, or changed. */
static int
parse_status(const char *arg, const char **status)
{
	for (int i = 0; i < RS__COUNT; i++)
		if (strcmp(arg, bdb_status_name(i)) == 0) {
			*status = arg;
			return 0;
		}
	if (strcmp(arg, "changed") == 0) {
		*status = arg;
		return 0;
	}
	cli_error("export: --status: '%s' is not unread, read, flagged, done "
	    "or changed", arg);
	return -1;
}

static int
export_options(struct cli *c, int argc, char **argv, int *fmt,
    const char **theme, const char **authors, const char **status)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "theme", required_argument, NULL, 't' },
		{ "authors", required_argument, NULL, 'a' },
		{ "status", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch, r;

	while ((ch = getopt_long(argc, argv, CLI_COMMON_SHORT "f:t:a:s:", opts,
	    NULL)) != -1) {
		if (ch == 'f') {
			if (parse_format(optarg, fmt) != 0)
				return EXIT_USAGE;
		} else if (ch == 's') {
			if (parse_status(optarg, status) != 0)
				return EXIT_USAGE;
		} else if (ch == 't')
			*theme = optarg;
		else if (ch == 'a')
			*authors = optarg;
		else if ((r = cli_common_opt(c, cli_command("export"), ch,
		    optarg)) >= 100)
			return r - 100;
	}
	if (argc - optind > 1 || (*authors != NULL && (argc > optind ||
	    *theme != NULL || **authors == '\0'))) {
		if (*authors != NULL)
			cli_error("export: --authors takes a name or 'all', and "
			    "no document or theme");
		return cli_usage(cli_command("export"), stderr, EXIT_USAGE);
	}
	return -1;
}

/* The export as text in b: 0, or -1 when the JSON cannot be built. */
static int
export_build(struct cli *c, int fmt, const char *slug, const char *theme,
    const char *status, const struct bdb_item *items, size_t n,
    struct buf *b)
{
	char	*json;

	if (fmt == FMT_JSON) {
		if (bdb_review_json_status(c->db, slug, theme, status,
		    &json) != BDB_OK)
			return -1;
		buf_printf(b, "%s\n", json);
		free(json);
	} else if (fmt == FMT_CSV)
		export_csv(b, items, n);
	else
		export_md(c, b, items, n, theme);
	return 0;
}

static int
export_write(struct cli *c, int fmt, const char *slug, const char *theme,
    const char *status, const struct bdb_item *items, size_t n)
{
	struct buf	 b = { 0 };
	int		 rc = EXIT_DONE;

	if (export_build(c, fmt, slug, theme, status, items, n, &b) != 0) {
		buf_free(&b);
		return report(EXIT_DATA, xstrdup("export: cannot build the "
		    "JSON"));
	}
	if (cli_write(b.len ? b.data : "") != 0)
		rc = EXIT_DATA;
	buf_free(&b);
	return rc;
}

/* --- export --authors: everyone's entries ----------------------------- */

static void
team_md(struct buf *b, const struct bdb_team_entry *e, size_t n)
{
	buf_adds(b, "# Team review\n");
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(e[i].slug, e[i - 1].slug) != 0 ||
		    strcmp(e[i].anchor, e[i - 1].anchor) != 0)
			buf_printf(b, "\n## %s#%s%s\n\n", e[i].slug, e[i].anchor,
			    e[i].state == RV_ORPHANED ? " (orphaned)" : "");
		buf_printf(b, "- %s: %s", e[i].author, e[i].kind);
		if (strcmp(e[i].kind, "note") == 0) {
			buf_printf(b, "%s (%s%s%s)%s\n", e[i].copy ?
			    " (conflict copy)" : "", e[i].at, e[i].edited ?
			    ", edited " : "", e[i].edited ? e[i].edited : "",
			    e[i].state == RV_CHANGED ? " [changed since "
			    "reviewed]" : "");
			add_indented(b, e[i].value, "  ", "  ");
		} else
			buf_printf(b, " %s%s\n", e[i].value,
			    e[i].state == RV_CHANGED ? " [changed since "
			    "reviewed]" : "");
	}
}

static void
team_csv(struct buf *b, const struct bdb_team_entry *e, size_t n)
{
	buf_adds(b, "author,document,anchor,kind,value,state,at,edited,note,"
	    "conflict_copy\n");
	for (size_t i = 0; i < n; i++) {
		csv_field(b, e[i].author, 0);
		csv_field(b, e[i].slug, 0);
		csv_field(b, e[i].anchor, 0);
		csv_field(b, e[i].kind, 0);
		csv_field(b, e[i].value, 0);
		csv_field(b, bdb_rstate_name(e[i].state), 0);
		csv_field(b, e[i].at, 0);
		csv_field(b, e[i].edited, 0);
		csv_field(b, e[i].uid, 0);
		csv_field(b, e[i].copy ? "yes" : "no", 1);
	}
}

static int
export_team(struct cli *c, int fmt, const char *author)
{
	struct bdb_team_entry	*e = NULL;
	struct buf		 b = { 0 };
	char			*json = NULL;
	size_t			 n = 0;
	int			 rc = EXIT_DONE;

	if (bdb_team_entries(c->db, author, NULL, NULL, &e, &n) != BDB_OK ||
	    (fmt == FMT_JSON && bdb_team_json(c->db, author, &json) != BDB_OK))
		rc = report(EXIT_DATA, xstrdup("export: cannot read the review"));
	else if (n == 0) {
		cli_error("export: nothing to export%s%s", author ? " by " : "",
		    author ? author : "");
		rc = EXIT_NOTFOUND;
	} else {
		if (fmt == FMT_JSON)
			buf_printf(&b, "%s\n", json);
		else if (fmt == FMT_CSV)
			team_csv(&b, e, n);
		else
			team_md(&b, e, n);
		if (cli_write(b.data) != 0)
			rc = EXIT_DATA;
	}
	buf_free(&b);
	free(json);
	bdb_team_entries_free(e, n);
	return rc;
}

char *
review_export_text(struct cli *c, const char *format, const char *slug,
    char **why)
{
	struct bdb_item	*items = NULL;
	struct buf	 b = { 0 };
	size_t		 n = 0;
	int		 fmt = strcmp(format, "csv") == 0 ? FMT_CSV :
			    strcmp(format, "json") == 0 ? FMT_JSON : FMT_MD;

	*why = NULL;
	if (strcmp(format, "md") != 0 && fmt == FMT_MD)
		*why = xasprintf("'%s' is not md, csv or json", format);
	else if (bdb_review_items(c->db, slug, NULL, &items, &n) != BDB_OK)
		*why = xstrdup("cannot read the review store");
	else if (export_build(c, fmt, slug, NULL, NULL, items, n, &b) != 0)
		*why = xstrdup("cannot build the JSON");
	bdb_items_free(items, n);
	if (*why != NULL) {
		buf_free(&b);
		return NULL;
	}
	buf_adds(&b, "");
	return buf_steal(&b);
}

/* Move the items with status (NULL: all) to the front, in order; how
 * many there are (free all n as before). */
static size_t
keep_status(struct bdb_item *items, size_t n, const char *status)
{
	size_t k = 0;

	if (status == NULL)
		return n;
	for (size_t i = 0; i < n; i++) {
		int keep = strcmp(status, "changed") == 0 ?
		    items[i].state == RV_CHANGED :
		    strcmp(status, bdb_status_name(items[i].status)) == 0;
		struct bdb_item t = items[k];

		if (!keep)
			continue;
		items[k++] = items[i];
		items[i] = t;
	}
	return k;
}

/* An unknown theme is named as such, with the nearest ones. */
static int
known_theme(struct cli *c, const char *slug)
{
	struct theme	 t = { 0 };
	char		*near;

	if (bdb_theme(c->db, slug, &t) == BDB_OK) {
		bdb_theme_clear(&t);
		return EXIT_DONE;
	}
	near = bdb_theme_nearest(c->db, slug);
	cli_error("export: --theme %s: no such theme%s%s%s", slug,
	    near ? " (nearest: " : "", near ? near : "", near ? ")" : "");
	free(near);
	return EXIT_NOTFOUND;
}

int
cmd_export(struct cli *c, int argc, char **argv)
{
	struct bdb_item	*items = NULL;
	const char	*theme = NULL, *authors = NULL, *status = NULL;
	char		*slug = NULL, *anchor = NULL;
	size_t		 n = 0, shown = 0;
	int		 rc, fmt = FMT_MD;

	if ((rc = export_options(c, argc, argv, &fmt, &theme, &authors,
	    &status)) >= 0)
		return rc;
	if (cli_open_review(c, 1) == NULL)
		return EXIT_DATA;
	if (authors != NULL)
		return export_team(c, fmt, strcmp(authors, "all") == 0 ? NULL :
		    authors);
	if (optind < argc && (rc = split_target(c, argv[optind], 0, &slug,
	    &anchor)) != EXIT_DONE)
		return rc;
	if (theme != NULL && (rc = known_theme(c, theme)) != EXIT_DONE)
		;
	else if (bdb_review_items(c->db, slug, theme, &items, &n) != BDB_OK)
		rc = report(EXIT_DATA, xstrdup("export: cannot read the review"));
	else if ((shown = keep_status(items, n, status)) == 0) {
		cli_error("export: nothing to export%s%s%s%s", theme ?
		    " for theme " : "", theme ? theme : "", status ?
		    " with status " : "", status ? status : "");
		rc = EXIT_NOTFOUND;
	} else
		rc = export_write(c, fmt, slug, theme, status, items, shown);
	bdb_items_free(items, n);
	free(slug);
	free(anchor);
	return rc;
}
