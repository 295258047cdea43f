/* cmd-docs.c: the commands over documents in the index: list, show (as
 * text or as the JSON dump of the model) and footnotes.  They open the
 * index read-only and print through cli_write, so nothing from a document
 * reaches the terminal unsanitised. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uniwidth.h>

#include "cli.h"
#include "json.h"
#include "layout.h"
#include "xmalloc.h"

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

int
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
	struct doc		 sub, one;
	char			*text;
	int			 rc = EXIT_DONE, any = 0, fns = 0, fn;

	lo.width = cli_width(c, stdout);
	lo.ascii = cli_ascii() != 0;	/* output stays ASCII */
	if (seq >= 0)
		sub_doc(d, seq, &sub);
	else
		sub = *d;
	if (c->json) {
		text = doc_json(&sub);
		if (cli_write(text) != 0 || cli_write("\n") != 0)
			rc = EXIT_DATA;
		free(text);
		goto out;
	}
	/* Laid out and written a block at a time, in layout_doc_text's
	 * order (the footnotes last, after a blank line), so the whole
	 * laid-out document is never held: a document of 200 MB is shown
	 * with the memory of one block. */
	one = sub;
	one.nblocks = 1;
	for (int pass = 0; pass < 2 && rc == EXIT_DONE; pass++)
		for (size_t i = 0; i < sub.nblocks && rc == EXIT_DONE; i++) {
			fn = sub.blocks[i].kind == BK_FOOTNOTE;
			if (fn != pass)
				continue;
			if (any && (!fn || fns == 0) && cli_write("\n") != 0)
				rc = EXIT_DATA;
			fns += fn;
			any = 1;
			one.blocks = &sub.blocks[i];
			text = layout_doc_text(&one, &lo);
			if (rc == EXIT_DONE && cli_write(text) != 0)
				rc = EXIT_DATA;
			free(text);
		}
out:
	if (seq >= 0)
		free(sub.blocks);
	return rc;
}

int
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

int
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
