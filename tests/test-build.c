/* test-build.c: the document builder (db/build.c) every format reader
 * feeds: text cleaning, spans, anchors for sections, recommendations and
 * items, footnote labels and citations, tables, titles and kinds. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "brief-db.h"
#include "build.h"
#include "xmalloc.h"

static struct buf	msgs;

static void
collect(void *arg, enum diag_level level, const char *file, int line,
    int col, const char *msg)
{
	buf_printf(&msgs, "%c %s:%d: %s\n", level == DIAG_ERROR ? 'E' : 'W',
	    file, line, msg);
}

static struct diag	dg = { collect, NULL, 0, 0 };

static int
setup(void **state)
{
	buf_free(&msgs);
	dg.nwarn = dg.nerr = 0;
	return 0;
}

static const char *
messages(void)
{
	return msgs.data != NULL ? msgs.data : "";
}

static const struct block *
find(const struct doc *d, const char *anchor)
{
	int	i = doc_find_anchor(d, anchor);

	if (i < 0)
		fail_msg("no block %s", anchor);
	return &d->blocks[i];
}

static void
para(struct builder *b, const char *s)
{
	build_textz(b, s);
	build_paragraph(b);
}

static void
item(struct builder *b, int depth, const char *number, const char *lead,
    const char *s)
{
	if (lead != NULL) {
		build_span_begin(b, SP_BOLD, NULL);
		build_textz(b, lead);
		build_span_end(b, SP_BOLD);
		build_textz(b, " ");
	}
	build_textz(b, s);
	build_item(b, depth, number);
}

static void
test_clean_text(void **state)
{
	struct doc	 d = { 0 };
	struct builder	*b = build_new("t.html", &d, &dg);

	/* Source white space, a ligature, an object box, a soft hyphen,
	 * a private-use glyph and an escape sequence. */
	build_textz(b, "  The \xef\xac\x81rst\n\tline\xef\xbf\xbc of "
	    "para\xc2\xadgraphs\xee\x80\x80 \x1b[31mred ");
	build_paragraph(b);
	/* An empty block is no block. */
	build_textz(b, " \n ");
	assert_null(build_paragraph(b));
	assert_int_equal(build_finish(b), 0);
	build_free(b);
	assert_int_equal(d.nblocks, 1);
	assert_string_equal(d.blocks[0].text,
	    "The first line of paragraphs red");
	assert_string_equal(d.blocks[0].anchor, "p-1");
	doc_clear(&d);
}

static void
test_spans(void **state)
{
	struct doc	 d = { 0 };
	struct builder	*b = build_new("t.html", &d, &dg);
	const struct block *bl;

	build_textz(b, "See ");
	build_span_begin(b, SP_LINK, "https://example.org/");
	build_textz(b, "the report ");
	build_span_end(b, SP_LINK);
	build_textz(b, "and ");
	build_span_begin(b, SP_ITALIC, NULL);
	build_textz(b, "this");
	build_cite(b, "1");
	build_paragraph(b);	/* closes the italic span */
	build_textz(b, "A note.");
	build_footnote(b, "1");
	assert_int_equal(build_finish(b), 0);
	build_free(b);
	bl = find(&d, "p-1");
	assert_string_equal(bl->text, "See the report and this");
	assert_int_equal(bl->nspans, 3);
	assert_int_equal(bl->spans[0].kind, SP_LINK);
	assert_int_equal(bl->spans[0].start, 4);
	assert_int_equal(bl->spans[0].end, 14);	/* no trailing space */
	assert_string_equal(bl->spans[0].target, "https://example.org/");
	assert_int_equal(bl->spans[1].kind, SP_FNREF);
	assert_string_equal(bl->spans[1].target, "fn-1");
	assert_int_equal(bl->spans[1].start, strlen(bl->text));
	assert_int_equal(bl->spans[2].kind, SP_ITALIC);
	assert_int_equal(bl->spans[2].end, strlen(bl->text));
	assert_string_equal(find(&d, "fn-1")->text, "A note.");
	assert_int_equal(find(&d, "fn-1")->fn, 1);
	assert_string_equal(messages(), "");
	doc_clear(&d);
}

/* Sections nest by level (levels may skip), recommendations are the
 * bold-lead items and the items after an introducing sentence or under
 * a recommendations heading; other items are li-N. */
static void
test_sections_and_recommendations(void **state)
{
	struct doc	 d = { 0 };
	struct builder	*b = build_new("t.docx", &d, &dg);

	build_textz(b, "Introduction");
	build_heading(b, 2, "1.");
	para(b, "Some context.");
	item(b, 0, "1.", NULL, "A plain numbered point");
	item(b, 1, "a)", NULL, "its sub-point");
	build_textz(b, "Background");
	build_heading(b, 3, "1.1");
	para(b, "We call on the Council to:");
	item(b, 0, NULL, NULL, "act now");
	item(b, 1, NULL, NULL, "and report");
	item(b, 0, NULL, NULL, "publish the data");
	build_textz(b, "Recommendations");
	build_heading(b, 2, "2.");
	item(b, 0, "1.", NULL, "First recommendation");
	para(b, "A paragraph between lists.");
	item(b, 0, NULL, "Lead.", "A bold-lead item");
	item(b, 2, NULL, NULL, "nested too deep");
	assert_int_equal(build_finish(b), 0);
	build_free(b);

	assert_int_equal(find(&d, "sec-1")->kind, BK_HEADING);
	assert_string_equal(find(&d, "sec-1")->number, "1.");
	assert_string_equal(find(&d, "sec-1")->text, "Introduction");
	assert_int_equal(find(&d, "sec-1.1")->depth, 1);
	assert_string_equal(find(&d, "sec-2")->text, "Recommendations");
	assert_int_equal(find(&d, "li-1")->kind, BK_ITEM);
	assert_string_equal(find(&d, "li-1")->number, "1.");
	assert_string_equal(find(&d, "li-1.1")->number, "a)");
	assert_int_equal(find(&d, "li-1.1")->parent, find(&d, "li-1")->seq);
	assert_string_equal(find(&d, "rec-1")->text, "act now");
	assert_string_equal(find(&d, "rec-1.1")->text, "and report");
	assert_int_equal(find(&d, "rec-1.1")->kind, BK_BULLET);
	assert_string_equal(find(&d, "rec-2")->text, "publish the data");
	assert_string_equal(find(&d, "rec-3")->text, "First recommendation");
	assert_string_equal(find(&d, "rec-4")->text,
	    "Lead. A bold-lead item");
	/* Depth 2 under a depth-0 item is its child. */
	assert_string_equal(find(&d, "rec-4.1")->text, "nested too deep");
	assert_int_equal(find(&d, "rec-4.1")->depth, 1);
	assert_string_equal(d.kind, "briefing");
	doc_clear(&d);
}

/* Runs carry their own format (DOCX, ODT): the space between two bold
 * runs stays inside the bold lead, a plain run closes it. */
static void
test_runs(void **state)
{
	struct doc	 d = { 0 };
	struct builder	*b = build_new("t.docx", &d, &dg);
	const struct block *bl;

	build_run(b, "Keep the", 1, 0);
	build_run(b, " ", 0, 0);
	build_run(b, "registers.", 1, 0);
	build_run(b, " Publish ", 0, 0);
	build_run(b, "them", 0, 1);
	build_format(b, 0, 0);
	build_item(b, 0, NULL);
	assert_int_equal(build_finish(b), 0);
	build_free(b);
	bl = find(&d, "rec-1");		/* a bold lead: a recommendation */
	assert_string_equal(bl->text, "Keep the registers. Publish them");
	assert_int_equal(bl->nspans, 2);
	assert_int_equal(bl->spans[0].kind, SP_BOLD);
	assert_int_equal(bl->spans[0].start, 0);
	assert_int_equal(bl->spans[0].end, strlen("Keep the registers."));
	assert_int_equal(bl->spans[1].kind, SP_ITALIC);
	doc_clear(&d);
}

static void
test_footnote_labels(void **state)
{
	struct doc	 d = { 0 };
	struct builder	*b = build_new("t.md", &d, &dg);

	build_textz(b, "Cites a named note");
	build_cite(b, "source");
	build_textz(b, " and a numbered one");
	build_cite(b, "4");
	build_textz(b, " and a missing one");
	build_cite(b, "9");
	build_paragraph(b);
	build_textz(b, "Numbered note.");
	build_footnote(b, "4");
	build_textz(b, "Named note.");
	build_footnote(b, "source");
	build_textz(b, "Never cited.");
	build_footnote(b, "4");		/* a repeated label */
	assert_int_equal(build_finish(b), 0);
	build_free(b);
	assert_string_equal(find(&d, "fn-4")->text, "Numbered note.");
	assert_string_equal(find(&d, "fn-5")->text, "Named note.");
	assert_string_equal(find(&d, "fn-6")->text, "Never cited.");
	assert_int_equal(find(&d, "p-1")->nspans, 2);
	assert_string_equal(find(&d, "p-1")->spans[0].target, "fn-5");
	assert_string_equal(find(&d, "p-1")->spans[1].target, "fn-4");
	assert_non_null(strstr(messages(), "footnote reference 9 has no note"));
	assert_non_null(strstr(messages(), "footnote 4 is never cited"));
	doc_clear(&d);
}

static void
test_table_pages_title(void **state)
{
	struct doc	 d = { 0 };
	struct builder	*b = build_new("t.pdf", &d, &dg);

	build_page(b, 1);
	build_textz(b, "The Only Main Heading");
	build_heading(b, 1, NULL);
	build_textz(b, "Country");
	build_cell(b);
	build_textz(b, "Cases ");
	build_cell(b);
	build_row(b);
	build_textz(b, "België");
	build_cell(b);
	build_textz(b, "12");
	build_cell(b);
	build_row(b);
	build_table(b);
	build_page(b, 3);
	para(b, "On page three.");
	build_meta(b, BM_DATE, "2024-02-01");
	build_meta(b, BM_DATE, "ignored, the first wins");
	build_meta(b, BM_KIND, "not a kind");
	assert_int_equal(build_finish(b), 0);
	build_free(b);
	assert_int_equal(find(&d, "title")->kind, BK_TITLE);
	assert_string_equal(d.title, "The Only Main Heading");
	assert_string_equal(find(&d, "tbl-1")->text,
	    "Country\tCases\nBelgi\xc3\xab\t12");
	assert_string_equal(find(&d, "page-2")->text, "On page three.");
	assert_string_equal(find(&d, "page-3")->anchor, "p-1");
	assert_int_equal(doc_find_anchor(&d, "page-4"), -1);
	assert_string_equal(d.date, "2024-02-01");
	assert_string_equal(d.kind, "briefing");
	assert_string_equal(d.slug, "t");
	doc_clear(&d);
}

static void
test_letter_parts_and_unique(void **state)
{
	struct doc	 d = { 0 };
	struct builder	*b = build_new("x.odt", &d, &dg);

	build_textz(b, "Dear Minister,");
	build_block(b, BK_SALUTATION);
	build_textz(b, "Same");
	build_heading(b, 1, NULL);
	build_textz(b, "Same");
	build_heading(b, 1, NULL);
	build_textz(b, "Yours sincerely,");
	build_block(b, BK_CLOSING);
	build_textz(b, "A. Person");
	build_block(b, BK_SIGNATURE);
	assert_int_equal(build_finish(b), 0);
	build_free(b);
	assert_string_equal(d.kind, "letter");
	assert_int_equal(find(&d, "salutation")->kind, BK_SALUTATION);
	assert_int_equal(find(&d, "sec-2")->kind, BK_HEADING);
	assert_int_equal(find(&d, "sig-1")->kind, BK_SIGNATURE);
	doc_clear(&d);
}

/* A letter from a format with no markup for its parts (PDF, DOCX, HTML):
 * the salutation is found by its words, and with it the date, reference
 * and subject before it, the closing and signature after it. */
static void
test_letter_from_paragraphs(void **state)
{
	struct doc	 d = { 0 };
	struct builder	*b = build_new("x.pdf", &d, &dg);

	para(b, "Bruxelles, le 1er juillet 2022");
	para(b, "Notre r\xc3\xa9" "f. : FIX/2022/7");
	para(b, "Objet : un titre de test pour le constructeur");
	para(b, "Monsieur le Pr\xc3\xa9sident,");
	para(b, "Nous vous appelons \xc3\xa0 :");
	item(b, 0, NULL, NULL, "agir");
	para(b, "Veuillez agr\xc3\xa9" "er, Monsieur le Pr\xc3\xa9sident, "
	    "l'expression de notre haute consid\xc3\xa9" "ration.");
	para(b, "A. Fixture");
	assert_int_equal(build_finish(b), 0);
	build_free(b);
	assert_string_equal(d.kind, "letter");
	assert_string_equal(d.date, "2022-07-01");
	assert_string_equal(d.reference, "FIX/2022/7");
	assert_string_equal(d.title, "un titre de test pour le constructeur");
	assert_int_equal(find(&d, "salutation")->kind, BK_SALUTATION);
	assert_string_equal(find(&d, "rec-1")->text, "agir");
	assert_int_equal(find(&d, "closing")->kind, BK_CLOSING);
	assert_string_equal(find(&d, "sig-1")->text, "A. Fixture");
	doc_clear(&d);
}

/* A long text is cleaned in pieces (ending before an ASCII byte) and
 * comes out as the whole would: combining marks after a letter, which
 * a cut at any byte would part from it (a wrong character, or U+FFFD),
 * line ends and tabs as spaces, controls and zero-width characters
 * gone, ligatures spelt out, runs of spaces as one, over 64 KB.  The
 * text starts with 0 to 28 letters, so a cut every 64 KB falls on every
 * byte of the 29-byte unit. */
static void
test_long_text_in_pieces(void **state)
{
	static const char	 unit[] = "e\xcc\x81\xcc\xa3 word\n\x01\t "
				    "\xef\xac\x81x\xe2\x80\x8b \xc2\xa0 e\xcc\x81 ";
	struct doc		 u = { 0 };
	struct builder		*b = build_new("t", &u, &dg);

	assert_int_equal(strlen(unit), 29);
	/* The unit alone, cleaned whole. */
	build_textz(b, unit);
	build_paragraph(b);
	assert_int_equal(build_finish(b), 0);
	build_free(b);
	for (int k = 0; k < 29; k++) {
		struct doc	 d = { 0 };
		struct buf	 in = { 0 }, want = { 0 };

		for (int i = 0; i < k; i++)
			buf_addc(&in, 'a');
		buf_add(&want, in.data, in.len);
		if (k > 0) {
			buf_addc(&in, ' ');
			buf_addc(&want, ' ');
		}
		while (in.len < 140000) {
			buf_adds(&in, unit);
			buf_adds(&want, u.blocks[0].text);
			buf_addc(&want, ' ');
		}
		want.data[--want.len] = '\0';	/* the last space: trimmed */
		b = build_new("t", &d, &dg);
		build_text(b, in.data, in.len);
		build_paragraph(b);
		assert_int_equal(build_finish(b), 0);
		assert_int_equal(strcmp(d.blocks[0].text, want.data), 0);
		build_free(b);
		doc_clear(&d);
		buf_free(&in);
		buf_free(&want);
	}
	assert_string_equal(messages(), "");
	doc_clear(&u);
}

static void
test_empty_document(void **state)
{
	struct doc	 d = { 0 };
	struct builder	*b = build_new("blank.pdf", &d, &dg);

	build_textz(b, "   ");
	assert_int_equal(build_finish(b), -1);
	build_free(b);
	assert_non_null(strstr(messages(), "E blank.pdf:0: no text"));
	doc_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_clean_text, setup),
		cmocka_unit_test_setup(test_spans, setup),
		cmocka_unit_test_setup(test_sections_and_recommendations,
		    setup),
		cmocka_unit_test_setup(test_runs, setup),
		cmocka_unit_test_setup(test_footnote_labels, setup),
		cmocka_unit_test_setup(test_table_pages_title, setup),
		cmocka_unit_test_setup(test_letter_parts_and_unique, setup),
		cmocka_unit_test_setup(test_letter_from_paragraphs, setup),
		cmocka_unit_test_setup(test_empty_document, setup),
		cmocka_unit_test_setup(test_long_text_in_pieces, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
