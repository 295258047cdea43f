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

/*
 * show holds one block at a time, so a document of 200 MB is shown with
 * the memory of its largest block: a whole document is walked by one
 * query (bdb_blocks_each), a part (DOC#anchor) over the document's
 * outline (every block without its text, bdb_load_outline), each block
 * loaded, written and freed in turn.  The order is the one
 * layout_doc_text and doc_json give: as text, the blocks and then the
 * footnotes after a blank line; as JSON, the blocks in order.  A part is
 * that block, its descendants and the footnotes they cite (those outside
 * it after the rest, in document order; a footnote a shown footnote cites
 * counts too); a parent outside the part is none in JSON.
 */
struct show {
	struct cli		*c;
	struct doc		*d;
	char			*in;		/* a part: per block, shown */
	char			**cited;	/* footnote anchors cited */
	size_t			 ncited;
	struct layout_opts	 lo;
	struct buf		 out;		/* JSON, one block's worth */
	int			 any, fns, rc;
	int			 bad;		/* the index failed */
};

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

static int
is_cited(const struct show *s, const char *anchor)
{
	for (size_t i = 0; i < s->ncited; i++)
		if (strcmp(s->cited[i], anchor) == 0)
			return 1;
	return 0;
}

static void
note_citations(struct show *s, const struct block *bl)
{
	for (size_t i = 0; i < bl->nspans; i++)
		if (bl->spans[i].kind == SP_FNREF && bl->spans[i].target &&
		    !is_cited(s, bl->spans[i].target)) {
			s->cited = xappend(s->cited, s->ncited,
			    sizeof *s->cited);
			s->cited[s->ncited++] = xstrdup(bl->spans[i].target);
		}
}

/* Write one block: laid out as text, or as JSON. */
static int
show_block(void *arg, const struct block *bl, const char *parent)
{
	struct show	*s = arg;
	struct doc	 one;
	char		*text;
	int		 fn = bl->kind == BK_FOOTNOTE;

	if (s->c->json) {
		s->out.len = 0;
		doc_json_block(&s->out, bl, parent, !s->any);
		if (cli_write(s->out.data) != 0)
			s->rc = EXIT_DATA;
	} else {
		/* Footnotes form one list after a blank line. */
		if (s->any && (!fn || s->fns == 0) && cli_write("\n") != 0)
			s->rc = EXIT_DATA;
		one = *s->d;
		one.blocks = (struct block *)bl;
		one.nblocks = 1;
		text = layout_doc_text(&one, &s->lo);
		if (s->rc == EXIT_DONE && cli_write(text) != 0)
			s->rc = EXIT_DATA;
		free(text);
	}
	s->fns += fn;
	s->any = 1;
	return s->rc == EXIT_DONE ? BDB_OK : BDB_DATA;
}

/* Block i of a part's outline, loaded for the time it is written. */
static void
show_outline_block(struct show *s, size_t i)
{
	struct block	*bl = &s->d->blocks[i];
	int		 p = bl->parent;

	if (s->rc != EXIT_DONE)
		return;
	if (bdb_block_fill(s->c->db, bl) != BDB_OK) {
		s->bad = 1;
		s->rc = EXIT_DATA;
		return;
	}
	s->in[i] = 1;
	note_citations(s, bl);
	show_block(s, bl, p >= 0 && (size_t)p < s->d->nblocks && s->in[p] ?
	    s->d->blocks[p].anchor : NULL);
	block_unfill(bl);
}

static void
show_part(struct show *s, int seq)
{
	struct doc	*d = s->d;
	size_t		 i;

	s->in = xcalloc(d->nblocks ? d->nblocks : 1, 1);
	for (int pass = 0; pass < 2; pass++)
		for (i = 0; i < d->nblocks; i++)
			if (within(d, i, seq) && (s->c->json ? pass == 0 :
			    (d->blocks[i].kind == BK_FOOTNOTE) == pass))
				show_outline_block(s, i);
	for (i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == BK_FOOTNOTE && !s->in[i] &&
		    d->blocks[i].anchor != NULL &&
		    is_cited(s, d->blocks[i].anchor))
			show_outline_block(s, i);
	for (i = 0; i < s->ncited; i++)
		free(s->cited[i]);
	free(s->cited);
	free(s->in);
}

static int
show_doc(struct cli *c, struct doc *d, int seq)
{
	struct show	 s = { 0 };
	int		 rc = BDB_OK;

	s.c = c;
	s.d = d;
	s.rc = EXIT_DONE;
	s.lo.width = cli_width(c, stdout);
	s.lo.ascii = cli_ascii() != 0;	/* output stays ASCII */
	if (c->json) {
		doc_json_head(&s.out, d);
		if (cli_write(s.out.data) != 0)
			s.rc = EXIT_DATA;
	}
	if (seq >= 0)
		show_part(&s, seq);
	else if (s.rc == EXIT_DONE && (rc = bdb_blocks_each(c->db, d->id,
	    c->json ? BDB_ALL_BLOCKS : BDB_NO_NOTES, show_block, &s)) ==
	    BDB_OK && !c->json)
		rc = bdb_blocks_each(c->db, d->id, BDB_NOTES, show_block, &s);
	if (s.bad || (rc != BDB_OK && s.rc == EXIT_DONE)) {
		cli_error("%s: cannot load %s: the index may be damaged (see "
		    "'brief check')", bdb_path(c->db), d->slug);
		s.rc = EXIT_DATA;
	}
	if (c->json && s.rc == EXIT_DONE) {
		s.out.len = 0;
		doc_json_tail(&s.out);
		buf_addc(&s.out, '\n');
		if (cli_write(s.out.data) != 0)
			s.rc = EXIT_DATA;
	}
	buf_free(&s.out);
	return s.rc;
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
	if ((rc = cli_load_target(c, argv[optind], &d, &seq,
	    CLI_LOAD_STREAM)) != EXIT_DONE)
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
	if ((rc = cli_load_target(c, argv[optind], &d, &seq,
	    CLI_LOAD_WHOLE)) != EXIT_DONE)
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
