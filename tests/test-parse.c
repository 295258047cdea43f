/* test-parse.c: the importer's parser, on the real letter and on fixtures
 * written for these tests (tests/fixtures/), plus generated hostile
 * inputs: 1 MB lines, 10,000 footnotes, deep nesting. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <cmocka.h>

#include "lang.h"
#include "parse-inline.h"
#include "parse.h"
#include "xmalloc.h"

/* --- harness --------------------------------------------------------- */

/* Every diagnostic, as "E|W file:line[:col]: message\n". */
static struct buf	msgs;

static void
collect(void *arg, enum diag_level level, const char *file, int line,
    int col, const char *msg)
{
	buf_printf(&msgs, "%c %s", level == DIAG_ERROR ? 'E' : 'W', file);
	if (line > 0)
		buf_printf(&msgs, ":%d", line);
	if (line > 0 && col > 0)
		buf_printf(&msgs, ":%d", col);
	buf_printf(&msgs, ": %s\n", msg);
}

static struct diag	dg = { collect, NULL, 0, 0 };

static const char *
messages(void)
{
	return msgs.data != NULL ? msgs.data : "";
}

static int
setup(void **state)
{
	buf_free(&msgs);
	dg.nwarn = dg.nerr = 0;
	return 0;
}

static char *
slurp(const char *rel, size_t *len)
{
	const char	*srcdir = getenv("srcdir");
	char		*path, *data;
	FILE		*f;
	long		 n;

	path = xasprintf("%s/%s", srcdir != NULL ? srcdir : ".", rel);
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	data = xmalloc(n + 1);
	assert_int_equal(fread(data, 1, n, f), (size_t)n);
	data[n] = '\0';
	fclose(f);
	free(path);
	*len = n;
	return data;
}

/* Parse a file under srcdir; named by its relative path in messages. */
static int
parse_file(const char *rel, unsigned flags, struct doc *doc)
{
	size_t	 len;
	char	*data = slurp(rel, &len);
	int	 rc;

	memset(doc, 0, sizeof *doc);
	rc = parse_document(rel, data, len, flags, doc, &dg);
	free(data);
	return rc;
}

static int
parse_str(const char *name, const char *s, struct doc *doc)
{
	memset(doc, 0, sizeof *doc);
	return parse_document(name, s, strlen(s), 0, doc, &dg);
}

static struct block *
find(struct doc *doc, const char *anchor)
{
	for (size_t i = 0; i < doc->nblocks; i++)
		if (strcmp(doc->blocks[i].anchor, anchor) == 0)
			return &doc->blocks[i];
	fail_msg("no block with anchor %s", anchor);
	return NULL;
}

static int
has_span(const struct block *b, enum span_kind kind, const char *target)
{
	for (size_t i = 0; i < b->nspans; i++)
		if (b->spans[i].kind == kind && (target == NULL ||
		    (b->spans[i].target != NULL &&
		    strcmp(b->spans[i].target, target) == 0)))
			return 1;
	return 0;
}

/* The text a span covers, for assertions. */
static char *
span_text(const struct block *b, enum span_kind kind, int nth)
{
	for (size_t i = 0; i < b->nspans; i++)
		if (b->spans[i].kind == kind && nth-- == 0)
			return xstrndup(b->text + b->spans[i].start,
			    b->spans[i].end - b->spans[i].start);
	return xstrdup("");
}

static void
assert_span_text(const struct block *b, enum span_kind kind, int nth,
    const char *want)
{
	char	*got = span_text(b, kind, nth);

	assert_string_equal(got, want);
	free(got);
}

static char *
all_text(const struct doc *doc)
{
	struct buf	b = { 0 };

	for (size_t i = 0; i < doc->nblocks; i++) {
		buf_adds(&b, doc->blocks[i].text);
		buf_addc(&b, '\n');
	}
	return buf_steal(&b);
}

static void
assert_spans_in_bounds(const struct doc *doc)
{
	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct block *b = &doc->blocks[i];

		assert_int_equal(b->seq, (int)i);
		for (size_t k = 0; k < b->nspans; k++) {
			assert_true(b->spans[k].start <= b->spans[k].end);
			assert_true(b->spans[k].end <= strlen(b->text));
		}
	}
}

/* --- the letter ------------------------------------------------------ */

static struct doc	letter;

static int
letter_setup(void **state)
{
	setup(state);
	assert_int_equal(parse_file("data/briefings/letter.txt", 0, &letter),
	    0);
	return 0;
}

static int
letter_teardown(void **state)
{
	doc_clear(&letter);
	return 0;
}

static void
test_letter_kinds(void **state)
{
	int	seen[BK__COUNT] = { 0 };

	for (size_t i = 0; i < letter.nblocks; i++)
		seen[letter.blocks[i].kind]++;
	for (int k = 0; k < BK__COUNT; k++)
		if (k != BK_HEADING && k != BK_ITEM && k != BK_TABLE)
			assert_true(seen[k] > 0);
	assert_int_equal(seen[BK_BULLET], 9);
	assert_int_equal(seen[BK_FOOTNOTE], 5);
	assert_int_equal(seen[BK_SIGNATURE], 3);
	assert_spans_in_bounds(&letter);
	assert_string_equal(messages(), "");
}

static void
test_letter_anchors(void **state)
{
	static const char *want[] = { "ref", "addr-1", "addr-2",
	    "salutation", "title", "p-1", "p-2", "rec-1", "rec-2", "rec-2.1",
	    "rec-2.2", "rec-2.3", "rec-3", "rec-4", "rec-4.1", "rec-4.2",
	    "fn-1", "fn-2", "fn-3", "fn-4", "fn-5", "p-3", "p-4", "p-5",
	    "closing", "sig-1", "sig-2", "sig-3" };

	assert_int_equal(letter.nblocks, sizeof want / sizeof *want);
	for (size_t i = 0; i < letter.nblocks; i++)
		assert_string_equal(letter.blocks[i].anchor, want[i]);
}

static void
test_letter_bullets(void **state)
{
	struct block	*r2 = find(&letter, "rec-2"), *r4 = find(&letter, "rec-4");

	assert_int_equal(find(&letter, "rec-1")->depth, 0);
	assert_int_equal(find(&letter, "rec-1")->parent, -1);
	assert_int_equal(find(&letter, "rec-2.3")->depth, 1);
	assert_int_equal(find(&letter, "rec-2.3")->parent, r2->seq);
	assert_int_equal(find(&letter, "rec-4.2")->parent, r4->seq);
	assert_span_text(r2, SP_BOLD, 0,
	    "Put human rights at the centre of EU foreign policy:");
	assert_true(strncmp(find(&letter, "rec-2.1")->text,
	    "Prioritizing human rights", 25) == 0);
	assert_true(strstr(find(&letter, "rec-2.1")->text, "Türkiye") != NULL);
}

static void
test_letter_footnotes(void **state)
{
	struct block	*r42 = find(&letter, "rec-4.2"), *r23 = find(&letter,
	    "rec-2.3"), *fn1 = find(&letter, "fn-1");
	const char	*hrds = strstr(r23->text, "HRDs. These");

	assert_true(has_span(r42, SP_FNREF, "fn-4"));
	assert_true(has_span(r42, SP_FNREF, "fn-5"));
	assert_true(has_span(r23, SP_FNREF, "fn-1"));
	/* The marker is not in the text; the span sits where it was. */
	assert_non_null(hrds);
	assert_int_equal(r23->spans[r23->nspans - 1].start,
	    hrds - r23->text + 5);
	assert_null(strstr(r42->text, "⁴"));
	assert_true(strstr(r42->text, "disclosures, and") != NULL);
	assert_true(has_span(find(&letter, "rec-4.1"), SP_FNREF, "fn-2"));
	assert_true(has_span(find(&letter, "rec-4.1"), SP_FNREF, "fn-3"));

	assert_int_equal(fn1->fn, 1);
	assert_int_equal(find(&letter, "fn-5")->fn, 5);
	assert_true(strncmp(fn1->text, "See also Amnesty", 16) == 0);
	assert_true(strstr(fn1->text, "Defending Defenders?") != NULL);
	assert_span_text(fn1, SP_ITALIC, 0, "Defending Defenders? An "
	    "Assessment of EU Action on Human Rights Defenders");
	assert_true(has_span(fn1, SP_LINK,
	    "https://www.amnesty.org/en/documents/ior60/0995/2019/en/"));
	assert_span_text(fn1, SP_LINK, 0,
	    "https://www.amnesty.org/en/documents/ior60/0995/2019/en/");
	assert_null(strchr(fn1->text, '<'));
}

static void
test_letter_front(void **state)
{
	struct block	*sig1 = find(&letter, "sig-1");

	assert_string_equal(letter.reference, "TIGO IOR 10/2023.4926");
	assert_string_equal(letter.title, "AMNESTY INTERNATIONAL "
	    "RECOMMENDATIONS TO THE BELGIAN PRESIDENCY OF THE COUNCIL OF THE "
	    "EUROPEAN UNION");
	assert_string_equal(letter.addressees, "Alexander De Croo, Prime "
	    "Minister of Belgium; Cc: Ambassador Willem Van de Voorde, "
	    "Permanent Representative of Belgium to the European Union");
	assert_string_equal(letter.kind, "letter");
	assert_string_equal(letter.slug, "letter");
	assert_string_equal(letter.source, "data/briefings/letter.txt");
	assert_null(letter.hash);
	assert_int_equal(letter.mentions_annex, 1);
	assert_string_equal(find(&letter, "salutation")->text,
	    "Dear Prime Minister De Croo,");
	assert_string_equal(find(&letter, "closing")->text, "Yours sincerely,");
	assert_string_equal(sig1->text, "Eve Geddie\nHead of Office and\n"
	    "Advocacy Director\nEuropean Institutions Office\n"
	    "Amnesty International");
	assert_string_equal(find(&letter, "sig-3")->text, "Carine Thibaut\n"
	    "Director\nAmnesty Belgium\nFrancophone");
	assert_int_equal(sig1->line, 54);
	assert_string_equal(find(&letter, "p-3")->text, "Please find enclosed "
	    "with this letter an annex providing further analysis and "
	    "recommendations to the Belgian Presidency.");
}

/* Strip what the parser turns into structure: '*', '<', '>', superscript
 * digits; NULL if nothing is left. */
static char *
strip_markup(const char *w, size_t n)
{
	static const char *sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷",
	    "⁸", "⁹" };
	struct buf	 b = { 0 };

	for (size_t i = 0; i < n;) {
		size_t k;

		for (k = 0; k < 10; k++)
			if (strncmp(w + i, sup[k], strlen(sup[k])) == 0)
				break;
		if (k < 10)
			i += strlen(sup[k]);
		else if (strchr("*<>", w[i]) == NULL)
			buf_addc(&b, w[i++]);
		else
			i++;
	}
	if (b.len == 0 || strcmp(b.data, "-") == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

static void
test_letter_no_word_lost(void **state)
{
	size_t		 len, nwords = 0;
	char		*src = slurp("data/briefings/letter.txt", &len);
	char		*text = all_text(&letter);
	const char	*s = src;

	while (*s != '\0') {
		size_t	 n;
		char	*w;

		s += strspn(s, " \t\r\n");
		n = strcspn(s, " \t\r\n");
		if (n == 0)
			break;
		if ((w = strip_markup(s, n)) != NULL) {
			if (strstr(text, w) == NULL)
				fail_msg("word lost: '%s'", w);
			nwords++;
			free(w);
		}
		s += n;
	}
	assert_true(nwords > 1000);
	free(text);
	free(src);
}

/* --- Markdown -------------------------------------------------------- */

static void
test_annex_markdown(void **state)
{
	struct doc	 doc = { 0 };
	struct block	*b;

	assert_int_equal(parse_file("tests/fixtures/annex.md", 0, &doc), 0);
	assert_string_equal(doc.kind, "annex");
	assert_string_equal(doc.parent, "letter");
	assert_string_equal(doc.title, "Test fixture annex");
	assert_string_equal(doc.reference, "TEST-FIXTURE-1");
	assert_string_equal(doc.date, "2000-01-01");	/* written dates read */
	assert_string_equal(doc.slug, "annex");
	assert_int_equal(doc.nthemes, 2);
	assert_string_equal(doc.themes[0], "asylum");
	assert_string_equal(doc.themes[1], "surveillance and spyware");
	assert_int_equal(doc.mentions_annex, 0);
	assert_string_equal(messages(), "W tests/fixtures/annex.md:9: "
	    "unknown front matter key 'colour'\n");

	b = find(&doc, "sec-1");
	assert_int_equal(b->kind, BK_HEADING);
	assert_string_equal(b->text, "First section");
	assert_int_equal(find(&doc, "sec-1.1")->depth, 1);	/* nested */
	assert_string_equal(find(&doc, "p-1")->text, "This file is a TEST "
	    "FIXTURE written for brief's tests. It is not a real document and "
	    "not the annex of any real letter.");

	b = find(&doc, "p-2");
	assert_true(has_span(b, SP_FNREF, "fn-1"));
	assert_span_text(b, SP_BOLD, 0, "bold");
	assert_span_text(b, SP_ITALIC, 0, "italic");
	assert_span_text(b, SP_LINK, 0, "link text");
	assert_true(has_span(b, SP_LINK, "https://example.org/a"));
	assert_true(strstr(b->text, "snake_case") != NULL);
	assert_null(strstr(b->text, "[^1]"));
	assert_null(strstr(b->text, "example.org"));

	/* No recommendations here: plain lists keep their numbers. */
	b = find(&doc, "li-1");
	assert_int_equal(b->kind, BK_ITEM);
	assert_string_equal(b->text, "First numbered item");
	assert_string_equal(b->number, "1.");
	assert_string_equal(find(&doc, "li-2.1")->text, "Nested star bullet");
	assert_null(find(&doc, "li-2.1")->number);
	b = find(&doc, "li-2.1.1");
	assert_string_equal(b->text, "Third level bullet");
	assert_int_equal(b->depth, 2);
	assert_int_equal(b->parent, find(&doc, "li-2.1")->seq);
	assert_int_equal(find(&doc, "li-2.1")->parent, find(&doc, "li-2")->seq);
	assert_string_equal(find(&doc, "li-3")->text, "Third numbered item");
	assert_string_equal(find(&doc, "li-3")->number, "3)");
	assert_int_equal(find(&doc, "li-3")->depth, 0);
	assert_true(has_span(find(&doc, "li-4"), SP_FNREF, "fn-2"));
	assert_string_equal(find(&doc, "li-4.1")->text, "Nested dot bullet");
	assert_int_equal(find(&doc, "li-5")->depth, 0);
	for (size_t i = 0; i < doc.nblocks; i++)
		assert_int_not_equal(doc.blocks[i].kind, BK_BULLET);

	b = find(&doc, "fn-1");
	assert_int_equal(b->kind, BK_FOOTNOTE);
	assert_int_equal(b->fn, 1);
	assert_true(has_span(b, SP_LINK, "https://example.org/n1"));
	assert_span_text(find(&doc, "fn-2"), SP_ITALIC, 0, "in italics");
	assert_spans_in_bounds(&doc);
	doc_clear(&doc);
}

static void
test_front_matter_kind(void **state)
{
	struct doc	 doc = { 0 };

	assert_int_equal(parse_str("k.md", "---\nkind: memo\nslug: my-doc\n"
	    "---\nDear Sir,\n\nText.\n", &doc), 0);
	assert_string_equal(messages(), "W k.md:2: unknown kind 'memo' "
	    "(letter, annex or briefing)\n");
	assert_string_equal(doc.kind, "letter");	/* a salutation */
	assert_string_equal(doc.slug, "my-doc");
	assert_string_equal(doc.title, "my-doc");
	doc_clear(&doc);

	assert_int_equal(parse_str("b.md", "## Only heading\n\nText.\n", &doc),
	    0);
	assert_string_equal(doc.kind, "briefing");
	assert_string_equal(doc.title, "Only heading");
	doc_clear(&doc);
}

/* --- other source formats -------------------------------------------- */

static void
test_bracketed(void **state)
{
	struct doc	 doc = { 0 };
	struct block	*b;

	assert_int_equal(parse_file("tests/fixtures/bracketed.txt", 0, &doc),
	    0);
	assert_string_equal(messages(), "");
	b = find(&doc, "p-2");
	assert_true(has_span(b, SP_FNREF, "fn-1"));
	assert_true(has_span(b, SP_FNREF, "fn-2"));
	assert_null(strstr(b->text, "[1]"));
	assert_true(strstr(b->text, "[2024]") != NULL);	/* not a note */
	b = find(&doc, "p-3");
	assert_true(has_span(b, SP_FNREF, "fn-3"));
	assert_true(strstr(b->text, "array[0]") != NULL);
	assert_string_equal(find(&doc, "sec-1")->text, "Notes");
	assert_string_equal(find(&doc, "fn-1")->text, "First endnote text.");
	assert_string_equal(find(&doc, "fn-2")->text,
	    "Second endnote, hard wrapped onto a second line.");
	assert_string_equal(find(&doc, "fn-3")->text,
	    "Third endnote written as a numbered line.");
	assert_int_equal(find(&doc, "fn-3")->kind, BK_FOOTNOTE);
	doc_clear(&doc);
}

static void
test_pdf_paste(void **state)
{
	struct doc	 doc = { 0 };
	char		*text;

	assert_int_equal(parse_file("tests/fixtures/pdf-paste.txt", 0, &doc),
	    0);
	assert_int_equal(doc.nblocks, 4);
	assert_string_equal(find(&doc, "p-2")->text, "The committee met on "
	    "several occasions during the year and heard evidence from "
	    "witnesses who described conditions in detail. Its members agreed "
	    "that the report should be pub- lished in full.");
	assert_string_equal(find(&doc, "p-3")->text, "A second paragraph "
	    "begins after the page number and continues across the page break "
	    "into the next page, where the sentence goes on without a capital "
	    "letter, and ends here.");
	assert_string_equal(find(&doc, "p-4")->text, "The final paragraph has "
	    "a number 12 inside a line, which must stay.");
	text = all_text(&doc);
	assert_null(strstr(text, "Page 3"));
	assert_null(strstr(text, "- 4 -"));
	assert_null(strstr(text, "5 / 12"));
	free(text);
	doc_clear(&doc);
}

/* --- hostile input --------------------------------------------------- */

static void
test_hostile(void **state)
{
	struct doc	 doc = { 0 };
	char		*text;

	assert_int_equal(parse_file("tests/fixtures/hostile.txt", 0, &doc), 0);
	text = all_text(&doc);
	for (const unsigned char *s = (unsigned char *)text; *s; s++) {
		assert_true(*s >= 0x20 || *s == '\n');
		assert_int_not_equal(*s, 0x7f);
		if (s[0] == 0xc2)
			assert_false(s[1] >= 0x80 && s[1] <= 0x9f);
	}
	assert_null(strstr(text, "\u202e"));
	assert_null(strstr(text, "ZXZpbA"));
	assert_null(strstr(text, "evil.example"));
	assert_string_equal(find(&doc, "p-2")->text, "Red alert text.");
	assert_string_equal(find(&doc, "p-3")->text, "Clipboard grab.");
	assert_string_equal(find(&doc, "p-4")->text, "Link click here.");
	assert_string_equal(find(&doc, "p-6")->text, "Bidi evil text.");
	assert_string_equal(find(&doc, "p-7")->text, "Backspace and bell.");
	free(text);
	doc_clear(&doc);
}

static void
test_invalid_utf8(void **state)
{
	struct doc	 doc = { 0 };

	assert_int_equal(parse_file("tests/fixtures/invalid-utf8.txt", 0,
	    &doc), -1);
	assert_null(doc.blocks);
	assert_null(doc.slug);
	/* Line 4, "Café " is five characters: the bad byte is column 6. */
	assert_string_equal(messages(),
	    "E tests/fixtures/invalid-utf8.txt:4:6: invalid UTF-8\n");
}

static void
test_invalid_utf8_lenient(void **state)
{
	struct doc	 doc = { 0 };

	assert_int_equal(parse_file("tests/fixtures/invalid-utf8.txt",
	    PARSE_LENIENT, &doc), 0);
	assert_string_equal(messages(), "W tests/fixtures/invalid-utf8.txt:4:6: "
	    "invalid UTF-8 replaced with U+FFFD\n");
	assert_string_equal(find(&doc, "p-2")->text,
	    "Good line. Café \xef\xbf\xbd bad byte.");
	doc_clear(&doc);
}

static void
test_empty(void **state)
{
	struct doc	 doc = { 0 };

	assert_int_equal(parse_file("tests/fixtures/empty.txt", 0, &doc), -1);
	assert_int_equal(parse_document("zero", "", 0, 0, &doc, &dg), -1);
	assert_int_equal(parse_document("esc", "\033[31m\n", 6, 0, &doc, &dg),
	    -1);
	assert_string_equal(messages(), "E tests/fixtures/empty.txt: empty "
	    "file\nE zero: empty file\nE esc: empty file\n");
	assert_int_equal(dg.nerr, 3);
}

static void
test_nul(void **state)
{
	struct doc	 doc = { 0 };

	assert_int_equal(parse_file("tests/fixtures/nul.bin", PARSE_LENIENT,
	    &doc), -1);
	assert_null(doc.blocks);
	assert_string_equal(messages(),
	    "E tests/fixtures/nul.bin: not a format brief reads (PDF, DOCX, "
	    "ODT, HTML, Markdown, text)\n");
}

static void
test_unbalanced(void **state)
{
	struct doc	 doc = { 0 };
	struct block	*b;

	assert_int_equal(parse_file("tests/fixtures/unbalanced.txt", 0, &doc),
	    0);
	assert_string_equal(messages(),
	    "W tests/fixtures/unbalanced.txt:3: unbalanced '**'\n"
	    "W tests/fixtures/unbalanced.txt:5: unbalanced '*'\n");
	assert_string_equal(find(&doc, "p-2")->text,
	    "This has **bold that never closes and words after it.");
	assert_int_equal(find(&doc, "p-2")->nspans, 0);
	assert_string_equal(find(&doc, "p-3")->text,
	    "This has *italic that never closes too.");
	b = find(&doc, "p-4");
	assert_string_equal(b->text,
	    "This one is fine and keeps 5 * 3 as arithmetic.");
	assert_span_text(b, SP_BOLD, 0, "fine");
	doc_clear(&doc);
}

static void
test_fn_missing(void **state)
{
	struct doc	 doc = { 0 };

	assert_int_equal(parse_file("tests/fixtures/fn-missing.txt", 0, &doc),
	    0);
	assert_string_equal(messages(),
	    "W tests/fixtures/fn-missing.txt:7: "
	    "footnote 3 is defined but never cited\n"
	    "W tests/fixtures/fn-missing.txt:3: "
	    "footnote 7 is cited but never defined\n");
	assert_true(has_span(find(&doc, "p-2"), SP_FNREF, "fn-7"));
	assert_true(has_span(find(&doc, "p-2"), SP_FNREF, "fn-1"));
	assert_string_equal(find(&doc, "fn-3")->text, "A note nobody cites.");
	doc_clear(&doc);
}

/* --- generated: size and depth --------------------------------------- */

static void
test_megabyte_line(void **state)
{
	struct buf	 b = { 0 };
	struct doc	 doc = { 0 };
	struct block	*p;

	buf_adds(&b, "Start **bold** <https://example.org/x> ");
	while (b.len < (1 << 20))
		buf_adds(&b, "word *x* ");
	buf_adds(&b, "end.\n");
	assert_int_equal(parse_document("big", b.data, b.len, 0, &doc, &dg), 0);
	assert_int_equal(doc.nblocks, 1);
	p = &doc.blocks[0];
	assert_true(strlen(p->text) > 800000);
	assert_true(p->nspans > 100000);
	assert_span_text(p, SP_BOLD, 0, "bold");
	assert_string_equal(p->text + strlen(p->text) - 11, "word x end.");
	doc_clear(&doc);
	buf_free(&b);

	/* Runs a naive scan would make quadratic: '[' never closed, '<'
	 * never a link, '*' never paired.  All of it stays, one warning. */
	while (b.len < (1 << 20))
		buf_adds(&b, "[<http://a *");
	assert_int_equal(parse_document("runs", b.data, b.len, 0, &doc, &dg),
	    0);
	assert_int_equal(strlen(doc.blocks[0].text), b.len);
	assert_string_equal(messages(), "W runs:1: unbalanced '*'\n");
	doc_clear(&doc);
	buf_free(&b);
}

/* Over 64 KB the text is cleaned and parsed in pieces of whole lines,
 * each freed once passed: a paragraph running across pieces stays one,
 * CRLF, tabs and combining marks clean as in a short text, and line
 * numbers count on across pieces.  With the bytes given over (own) they
 * are cut down behind the pieces and freed. */
static void
test_pieces(void **state)
{
	struct buf		 b = { 0 }, want = { 0 };
	struct doc		 doc = { 0 }, doc2 = { 0 };
	struct parse_opts	 po = { 0 };
	char			*own, *msg;
	int			 line = 1;

	for (int n = 0; b.len < 300000; n++, line++) {
		buf_printf(&b, "Line %d of\ta paragraph Cafe\xcc\x81 on.\r\n", n);
		buf_printf(&want, "%sLine %d of a paragraph Caf\xc3\xa9 on.",
		    n > 0 ? " " : "", n);
	}
	buf_adds(&b, "\r\nA citation[^7] after the pieces.\r\n");
	line++;
	assert_int_equal(parse_document("big", b.data, b.len, 0, &doc, &dg),
	    0);
	assert_int_equal(doc.nblocks, 2);
	assert_string_equal(doc.blocks[0].text, want.data);
	assert_int_equal(doc.blocks[1].line, line);
	msg = xasprintf("W big:%d: footnote 7 is cited but never defined\n",
	    line);
	assert_string_equal(messages(), msg);

	own = xmalloc(b.len + 1);
	memcpy(own, b.data, b.len + 1);
	po.own = &own;
	assert_int_equal(parse_document_opts("big", own, b.len, &po, &doc2,
	    &dg), 0);
	assert_null(own);
	assert_int_equal(doc2.nblocks, 2);
	assert_string_equal(doc2.blocks[0].text, want.data);
	assert_string_equal(doc2.blocks[1].text, doc.blocks[1].text);
	free(msg);
	doc_clear(&doc);
	doc_clear(&doc2);
	buf_free(&b);
	buf_free(&want);
}

/* A long line of one paragraph with every kind of markup, and marker
 * look backs across the points where its source leaves memory behind
 * the inline parser (every megabyte past 4 MB, 64 KB behind): a glued
 * marker after 100 KB of capitals that follow a lowercase letter (a
 * citation: the word is not all capitals) and one after capitals alone
 * (none), '*' pairing across megabytes.  The paragraph is the one
 * inline_parse makes of the whole line, kept in memory; the document
 * the same with the bytes given over (cleaned with the bytes behind
 * dropped) as without. */
static void
test_long_line_dropped(void **state)
{
	struct buf		 b = { 0 };
	struct doc		 doc = { 0 }, doc2 = { 0 };
	struct block		 ref = { 0 };
	struct parse_opts	 po = { 0 };
	struct inline_ctx	 ctx = { 0 };
	const long		 glued[] = { 5 };
	char			*own;
	size_t			 line_len;
	int			 caps = 0;

	buf_adds(&b, "An *opening");
	for (int n = 0; b.len < (10u << 20); n++) {
		buf_printf(&b, " Sentence %d on **policy** and _rights_ "
		    "resolutions5 matters.", n);
		if (n % 997 == 0)
			buf_adds(&b, " A note[^1] here.");
		if (n % 4999 == 0)
			buf_printf(&b, " See [the text](https://example.org/%d) "
			    "and <https://example.org/a> \\*not\\*.", n);
		if (b.len > (size_t)(3 + 2 * caps) << 20 && caps < 3) {
			buf_adds(&b, caps % 2 ? " " : " x");
			for (int k = 0; k < 100000; k++)
				buf_addc(&b, 'A' + caps);
			buf_adds(&b, "5 G20 COVID19.");
			caps++;
		}
	}
	buf_adds(&b, " closing* end.");
	line_len = b.len;
	buf_adds(&b, "\n\n[^1]: The note.\n\n5 A note printed at a page's "
	    "bottom.\n");

	/* The reference: the line through inline_parse, all of it held. */
	ctx.file = "big";
	ctx.diag = &dg;
	ctx.glued_notes = glued;
	ctx.nglued_notes = 1;
	inline_parse(&ctx, b.data, line_len, 1, &ref);

	/* Text, not Markdown (cmark reads that, see markdown.c). */
	po.format = "text";
	assert_int_equal(parse_document_opts("big", b.data, b.len, &po, &doc,
	    &dg), 0);
	own = xmalloc(b.len + 1);
	memcpy(own, b.data, b.len + 1);
	po.own = &own;
	assert_int_equal(parse_document_opts("big", own, b.len, &po, &doc2,
	    &dg), 0);
	assert_null(own);
	assert_true(doc.nblocks >= 2);
	assert_int_equal(doc.nblocks, doc2.nblocks);
	/* strcmp: a failure would print megabytes. */
	assert_int_equal(strcmp(doc.blocks[0].text, ref.text), 0);
	assert_int_equal(doc.blocks[0].nspans, ref.nspans);
	for (size_t i = 0; i < ref.nspans; i++) {
		const struct span *x = &doc.blocks[0].spans[i];
		const struct span *y = &ref.spans[i];

		assert_int_equal(x->start, y->start);
		assert_int_equal(x->end, y->end);
		assert_int_equal(x->kind, y->kind);
		assert_string_equal(x->target ? x->target : "",
		    y->target ? y->target : "");
	}
	for (size_t k = 0; k < doc.nblocks; k++) {
		const struct block *x = &doc.blocks[k], *y = &doc2.blocks[k];

		assert_int_equal(strcmp(x->text, y->text), 0);
		assert_string_equal(x->anchor, y->anchor);
		assert_int_equal(x->nspans, y->nspans);
		for (size_t i = 0; i < x->nspans; i++) {
			assert_int_equal(x->spans[i].start, y->spans[i].start);
			assert_int_equal(x->spans[i].end, y->spans[i].end);
		}
	}
	/* The glued marker after "x" and capitals cites; after capitals
	 * alone it does not; '*' pairs across the whole line. */
	assert_non_null(strstr(ref.text, "AAAA G20 COVID19."));
	assert_non_null(strstr(ref.text, "BBBB5 G20 COVID19."));
	assert_true(has_span(&ref, SP_ITALIC, NULL));
	assert_int_equal(ref.spans[0].kind, SP_ITALIC);
	assert_int_equal(ref.spans[0].start, 3);
	block_clear(&ref);
	doc_clear(&doc);
	doc_clear(&doc2);
	buf_free(&b);
}

/* Markdown of over 2 MB goes to cmark a megabyte at a time, each
 * dropped once fed, and its tree is walked and freed block by block:
 * every unit (a heading, a paragraph citing a note, a list, a table)
 * comes out whole wherever the megabytes fall, the notes after them, and
 * the note nobody cites is kept (taken from the text before cmark). */
static void
test_markdown_long(void **state)
{
	struct buf		 b = { 0 };
	struct doc		 doc = { 0 };
	struct parse_opts	 po = { .format = "markdown" };
	char			*own, *want;
	int			 n = 0, heads = 0, paras = 0, items = 0;
	int			 tables = 0, notes = 0;

	while (b.len < (5u << 19)) {
		n++;
		buf_printf(&b, "## Heading %d\n\nParagraph %d cites a "
		    "note[^%d] and **holds** some words to fill the line "
		    "out.\n\n- item one of %d\n- item two of %d\n\n"
		    "| a%d | b |\n|---|---|\n| c | d%d |\n\n", n, n, n, n, n,
		    n, n);
	}
	for (int k = 1; k <= n; k++)
		buf_printf(&b, "[^%d]: Note %d.\n", k, k);
	buf_adds(&b, "[^zz]: Never cited.\n    Its second line.\n");
	own = xmalloc(b.len + 1);
	memcpy(own, b.data, b.len + 1);
	po.own = &own;
	assert_int_equal(parse_document_opts("md", own, b.len, &po, &doc,
	    &dg), 0);
	assert_null(own);
	for (size_t i = 0; i < doc.nblocks; i++) {
		const struct block	*bl = &doc.blocks[i];

		switch (bl->kind) {
		case BK_HEADING:
			want = xasprintf("Heading %d", ++heads);
			break;
		case BK_PARAGRAPH:
			paras++;
			want = xasprintf("Paragraph %d cites a note and holds "
			    "some words to fill the line out.", paras);
			assert_true(has_span(bl, SP_FNREF, NULL));
			assert_true(has_span(bl, SP_BOLD, NULL));
			break;
		case BK_ITEM:
			items++;
			want = xasprintf("item %s of %d", items % 2 ? "one" :
			    "two", (items + 1) / 2);
			break;
		case BK_TABLE:
			tables++;
			want = xasprintf("a%d\tb\nc\td%d", tables, tables);
			break;
		case BK_FOOTNOTE:
			want = ++notes <= n ? xasprintf("Note %d.", notes) :
			    xstrdup("Never cited. Its second line.");
			break;
		default:
			fail_msg("block %zu: kind %d", i, bl->kind);
			return;
		}
		assert_string_equal(bl->text, want);
		free(want);
	}
	assert_true(n > 10000);
	assert_int_equal(heads, n);
	assert_int_equal(paras, n);
	assert_int_equal(items, 2 * n);
	assert_int_equal(tables, n);
	assert_int_equal(notes, n + 1);
	doc_clear(&doc);
	buf_free(&b);
}

/* The same long line given over (as a file's bytes are) grows the
 * process by about the line once, not twice: the bytes leave memory
 * behind the cleaning and the cleaned line behind the inline parser.
 * Before, 64 MB more for 32 MB.  Not built where a sanitizer keeps what
 * is freed. */
#if defined(__SANITIZE_ADDRESS__)
#define KEEPS_FREED	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KEEPS_FREED	1
#endif
#endif
#ifndef KEEPS_FREED
static void
test_long_line_memory(void **state)
{
	size_t			 len = 32u << 20, n = 0;
	struct doc		 doc = { 0 };
	struct parse_opts	 po = { 0 };
	struct rusage		 before, after;
	char			*own;
	long			 grew;

	assert_int_equal(getrusage(RUSAGE_SELF, &before), 0);
	own = xmalloc(len + 1);
	for (int k = 0; n + 64 < len; k++)
		n += (size_t)snprintf(own + n, 64, "%sSentence %d on policy "
		    "matters.", k ? " " : "", k);
	own[n++] = '\n';
	own[n] = '\0';
	po.own = &own;
	assert_int_equal(parse_document_opts("long", own, n, &po, &doc, &dg),
	    0);
	assert_int_equal(doc.nblocks, 1);
	assert_int_equal(strlen(doc.blocks[0].text), n - 1);
	assert_int_equal(getrusage(RUSAGE_SELF, &after), 0);
	grew = after.ru_maxrss - before.ru_maxrss;	/* KB */
	print_message("# 32 MB line: peak grew %ld KB\n", grew);
	assert_true(grew < (long)(len / 1024 * 3 / 2));
	doc_clear(&doc);
	free(own);
}
#endif

static void
add_sup(struct buf *b, int n)
{
	static const char *sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷",
	    "⁸", "⁹" };
	char	 digits[16];

	snprintf(digits, sizeof digits, "%d", n);
	for (char *d = digits; *d; d++)
		buf_adds(b, sup[*d - '0']);
}

static void
test_ten_thousand_footnotes(void **state)
{
	struct buf	 b = { 0 };
	struct doc	 doc = { 0 };

	for (int n = 1; n <= 10000; n++) {
		buf_printf(&b, "Claim %d.", n);
		add_sup(&b, n);
		buf_addc(&b, ' ');
	}
	buf_adds(&b, "\n\n");
	for (int n = 1; n <= 10000; n++) {
		add_sup(&b, n);
		buf_printf(&b, " Note %d.\n\n", n);
	}
	assert_int_equal(parse_document("many", b.data, b.len, 0, &doc, &dg),
	    0);
	assert_string_equal(messages(), "");
	assert_int_equal(doc.nblocks, 10001);
	assert_int_equal(doc.blocks[0].nspans, 10000);
	assert_true(has_span(&doc.blocks[0], SP_FNREF, "fn-10000"));
	assert_string_equal(doc.blocks[10000].anchor, "fn-10000");
	assert_string_equal(doc.blocks[10000].text, "Note 10000.");
	assert_int_equal(doc.blocks[4321].fn, 4321);
	doc_clear(&doc);
	buf_free(&b);
}

static void
test_nested_bullets(void **state)
{
	struct doc	 doc = { 0 };

	assert_int_equal(parse_str("n.txt", "We call on you to:\n\n- a\n - b\n"
	    "  - c\n   - d\n  - e\n- f\n", &doc), 0);
	assert_int_equal(doc.nblocks, 7);
	assert_string_equal(doc.blocks[4].anchor, "rec-1.1.1.1");
	assert_int_equal(doc.blocks[4].depth, 3);
	assert_int_equal(doc.blocks[4].parent, 3);
	assert_string_equal(doc.blocks[5].anchor, "rec-1.1.2");
	assert_int_equal(doc.blocks[5].parent, 2);
	assert_string_equal(doc.blocks[6].anchor, "rec-2");
	assert_int_equal(doc.blocks[6].parent, -1);
	doc_clear(&doc);
	/* "i)" after "h)" is the next letter, "i." after "1." a sub-item. */
	assert_int_equal(parse_str("n.txt", "1. one\ng) gee\nh) aitch\n"
	    "i) eye\n2. two\ni. roman one\nii. roman two\n", &doc), 0);
	assert_string_equal(doc.blocks[3].anchor, "li-1.3");
	assert_string_equal(doc.blocks[3].number, "i)");
	assert_string_equal(doc.blocks[5].anchor, "li-2.1");
	assert_string_equal(doc.blocks[6].anchor, "li-2.2");
	doc_clear(&doc);
	/* The same list without an introduction is a plain list. */
	assert_int_equal(parse_str("n.txt", "- a\n - b\n  - c\n", &doc), 0);
	assert_string_equal(doc.blocks[2].anchor, "li-1.1.1");
	assert_int_equal(doc.blocks[2].kind, BK_ITEM);
	doc_clear(&doc);
}

static void
test_crlf_and_nfc(void **state)
{
	struct doc	 doc = { 0 };

	/* "e" + U+0301 becomes U+00E9; CRLF and CR lines join like LF. */
	assert_int_equal(parse_str("c.txt", "Cafe\xcc\x81 one\r\ntwo\r\n",
	    &doc), 0);
	assert_string_equal(doc.blocks[0].text, "Caf\xc3\xa9 one two");
	doc_clear(&doc);
	assert_int_equal(parse_str("cr.txt", "old\rmac\r\rnext\r", &doc), 0);
	assert_int_equal(doc.nblocks, 2);
	assert_string_equal(doc.blocks[0].text, "old mac");
	doc_clear(&doc);
}


/* --- structure: sections, lists, letters in many languages ---------- */

static void
test_numbered_headings(void **state)
{
	struct doc	 doc = { 0 };
	struct block	*b;

	assert_int_equal(parse_file("tests/fixtures/letters/en.txt", 0, &doc),
	    0);
	b = find(&doc, "sec-1");
	assert_int_equal(b->kind, BK_HEADING);
	assert_string_equal(b->number, "1.");
	assert_string_equal(b->text, "Fundamental Rights and Rule of Law");
	b = find(&doc, "sec-1.1");
	assert_string_equal(b->number, "1.1");
	assert_string_equal(b->text, "Background");
	assert_int_equal(b->depth, 1);
	b = find(&doc, "sec-2");
	assert_string_equal(b->number, "2.");
	assert_string_equal(b->text, "INTRODUCTION TO ASYLUM");
	/* The recommendations are the introduced list, not the headings. */
	assert_string_equal(find(&doc, "rec-1")->text,
	    "Protect civic space in every member state.");
	assert_string_equal(find(&doc, "rec-2")->text,
	    "Fund rule of law monitoring for the whole term.");
	for (size_t i = 0; i < doc.nblocks; i++)
		if (doc.blocks[i].kind == BK_BULLET)
			assert_true(strncmp(doc.blocks[i].anchor, "rec-", 4) == 0 &&
			    strlen(doc.blocks[i].anchor) == 5);
	/* A plain numbered list keeps its numbers. */
	b = find(&doc, "li-2");
	assert_int_equal(b->kind, BK_ITEM);
	assert_string_equal(b->number, "2.");
	assert_string_equal(b->text, "second plain step of the background.");
	/* Letterhead and phone line: an address block, never a heading. */
	assert_int_equal(find(&doc, "addr-1")->kind, BK_ADDRESS);
	assert_non_null(strstr(find(&doc, "addr-1")->text, "+32 2 555 01 99"));
	doc_clear(&doc);
}

static void
test_heading_shapes(void **state)
{
	struct doc	 doc = { 0 };

	assert_int_equal(parse_str("h.txt", "I. CONTEXT\n\nText one.\n\n"
	    "A. The first part\n\nText two.\n\nB. The second part\n\n"
	    "Text three.\n\nII. Annex of the fixture\n\nText four.\n\n"
	    "Section 3: Further matters\n\nText five.\n\n"
	    "## 4.2 Markdown numbered\n\nText six.\n\n"
	    "TEL: +32 2 555 01 99\n\nJ. Smith\n\n"
	    "RECOMMENDATIONS\n\n1. Ensure the first thing.\n"
	    "2. Ensure the second thing.\n", &doc), 0);
	assert_string_equal(find(&doc, "sec-1")->number, "I.");
	assert_string_equal(find(&doc, "sec-1")->text, "CONTEXT");
	assert_string_equal(find(&doc, "sec-1.1")->number, "A.");
	assert_string_equal(find(&doc, "sec-1.2")->text, "The second part");
	assert_string_equal(find(&doc, "sec-2")->number, "II.");
	assert_string_equal(find(&doc, "sec-2.1")->number, "Section 3");
	assert_string_equal(find(&doc, "sec-2.1")->text, "Further matters");
	/* Markdown's own level: "##" is the second. */
	assert_string_equal(find(&doc, "sec-2.2")->number, "4.2");
	assert_string_equal(find(&doc, "sec-2.2")->text, "Markdown numbered");
	doc_clear(&doc);
	/* A sentence is no heading, even when it starts like one. */
	assert_int_equal(parse_str("s.txt", "Text.\n\nSection 2 of the Act "
	    "applies.\n\nMore text.\n", &doc), 0);
	assert_int_equal(doc.blocks[1].kind, BK_PARAGRAPH);
	doc_clear(&doc);
	assert_int_equal(parse_str("h.txt", "I. CONTEXT\n\nText one.\n\n"
	    "A. The first part\n\nText two.\n\nB. The second part\n\n"
	    "Text three.\n\nII. Annex of the fixture\n\nText four.\n\n"
	    "Section 3: Further matters\n\nText five.\n\n"
	    "## 4.2 Markdown numbered\n\nText six.\n\n"
	    "TEL: +32 2 555 01 99\n\nJ. Smith\n\n"
	    "RECOMMENDATIONS\n\n1. Ensure the first thing.\n"
	    "2. Ensure the second thing.\n", &doc), 0);
	/* A phone line and an initial are no headings. */
	for (size_t i = 0; i < doc.nblocks; i++)
		if (doc.blocks[i].kind == BK_HEADING)
			assert_null(strstr(doc.blocks[i].text, "555"));
	assert_int_not_equal(find(&doc, "p-7")->kind, BK_HEADING);
	assert_string_equal(find(&doc, "p-7")->text, "J. Smith");
	doc_clear(&doc);
	/* "Recommendation 2: ..." paragraphs are numbered recommendations. */
	assert_int_equal(parse_str("r.txt", "Some context.\n\n"
	    "Recommendation 1: Ensure the first thing.\n\n"
	    "Doporučení 2. Zajistit druhou věc.\n", &doc), 0);
	assert_string_equal(find(&doc, "rec-1")->number, "Recommendation 1:");
	assert_string_equal(find(&doc, "rec-1")->text,
	    "Ensure the first thing.");
	assert_string_equal(find(&doc, "rec-2")->text, "Zajistit druhou věc.");
	doc_clear(&doc);
	assert_int_equal(parse_str("h.txt", "I. CONTEXT\n\nText one.\n\n"
	    "RECOMMENDATIONS\n\n1. Ensure the first thing.\n"
	    "2. Ensure the second thing.\n", &doc), 0);
	/* Numbered recommendations keep their numbers. */
	assert_string_equal(find(&doc, "rec-2")->number, "2.");
	assert_string_equal(find(&doc, "rec-2")->text,
	    "Ensure the second thing.");
	doc_clear(&doc);
}

/* The letter's shape: rec-1, rec-2 with three sub-items, rec-3, rec-4
 * with two, whatever the bullets look like. */
static void
test_sub_bullet_shapes(void **state)
{
	static const char *files[] = { "bullets-web.txt", "bullets-word.txt",
	    "bullets-pdf.txt" };
	static const char *want[] = { "rec-1", "rec-2", "rec-2.1", "rec-2.2",
	    "rec-2.3", "rec-3", "rec-4", "rec-4.1", "rec-4.2" };

	for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
		struct doc	 doc = { 0 };
		char		*rel = xasprintf("tests/fixtures/letters/%s",
		    files[f]);
		size_t		 k = 0;

		assert_int_equal(parse_file(rel, 0, &doc), 0);
		for (size_t i = 0; i < doc.nblocks; i++)
			if (doc.blocks[i].kind == BK_BULLET) {
				assert_true(k < sizeof want / sizeof *want);
				assert_string_equal(doc.blocks[i].anchor,
				    want[k++]);
			}
		assert_int_equal(k, sizeof want / sizeof *want);
		assert_int_equal(find(&doc, "rec-2.3")->parent,
		    find(&doc, "rec-2")->seq);
		assert_non_null(strstr(find(&doc, "rec-2.2")->text,
		    "second sub-item of the"));
		free(rel);
		doc_clear(&doc);
	}
}

static void
test_letter_languages(void **state)
{
	static const struct {
		const char	*file, *salutation, *date, *ref, *title;
	} v[] = {
		{ "en", "Dear Minister,", "2023-06-26", "TF-EN 01/2023",
		    "Test fixture letter on fundamental rights in an "
		    "imaginary presidency" },
		{ "fr", "Monsieur le Président,", "2022-07-01",
		    "TF-FR 02/2022", "Lettre de test fictive sur l'État de "
		    "droit et la présidence imaginaire" },
		{ "nl", "Geachte heer Voorzitter,", "2023-03-03",
		    "TF-NL 03/2023", "Fictieve testbrief over de rechtsstaat "
		    "in België" },
		{ "de", "Sehr geehrte Frau Präsidentin,", "2023-05-05",
		    "TF-DE 04/2023", "Fiktiver Testbrief zur "
		    "Rechtsstaatlichkeit in Belgien" },
		{ "es", "Estimado señor Presidente:", "2023-05-12",
		    "TF-ES 05/2023", "Carta de prueba ficticia sobre el "
		    "estado de derecho en Bélgica" },
		{ "it", "Gentile Presidente,", "2023-06-07", "TF-IT 06/2023",
		    "Lettera di prova fittizia sullo stato di diritto in "
		    "Belgio" },
		{ "pl", "Szanowny Panie Ministrze,", "2023-06-02",
		    "TF-PL 07/2023", "Fikcyjny list testowy o praworządności "
		    "w Belgii" },
		{ "cs", "Vážený pane premiére,", "2023-06-14", "TF-CS 08/2023",
		    "Smyšlený testovací dopis o právním státu a o válce na "
		    "Ukrajině a v Belgii pro předsednictví" },
		{ "pt", "Excelentíssimo Senhor Presidente,", "2023-06-09",
		    "TF-PT 09/2023", "Carta de teste fictícia sobre o Estado "
		    "de direito na Bélgica" },
	};

	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		struct doc	 doc = { 0 };
		char		*rel = xasprintf("tests/fixtures/letters/%s.txt",
		    v[i].file);

		assert_int_equal(parse_file(rel, 0, &doc), 0);
		assert_string_equal(doc.kind, "letter");
		assert_string_equal(find(&doc, "salutation")->text,
		    v[i].salutation);
		assert_int_equal(find(&doc, "salutation")->kind,
		    BK_SALUTATION);
		assert_int_equal(find(&doc, "closing")->kind, BK_CLOSING);
		assert_int_equal(find(&doc, "sig-1")->kind, BK_SIGNATURE);
		assert_string_equal(doc.date, v[i].date);
		assert_string_equal(doc.reference, v[i].ref);
		assert_string_equal(doc.title, v[i].title);
		/* Two recommendations, introduced in the letter's language. */
		assert_int_equal(find(&doc, "rec-2")->kind, BK_BULLET);
		free(rel);
		doc_clear(&doc);
	}
}

static void
test_dates(void **state)
{
	static const char *v[][2] = {
		{ "26 June 2023", "2023-06-26" },
		{ "June 26, 2023", "2023-06-26" },
		{ "11.7.2022", "2022-07-11" },
		{ "Bruxelles, le 1er juillet 2022", "2022-07-01" },
		{ "3 maart 2023", "2023-03-03" },
		{ "5. Mai 2023", "2023-05-05" },
		{ "12 de mayo de 2023", "2023-05-12" },
		{ "7 giugno 2023", "2023-06-07" },
		{ "Warszawa, 2 czerwca 2023 r.", "2023-06-02" },
		{ "14. června 2023", "2023-06-14" },
		{ "9 de junho de 2023", "2023-06-09" },
		{ "2023-06-26", "2023-06-26" },
		{ "12th July 2023", "2023-07-12" },
	};
	static const char *not[] = { "31 June 2023", "The meeting on 26 June "
	    "2023 decided many things.", "30.2.2023", "June 2023",
	    "+32 2 555 01 99" };
	char	iso[11];

	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		assert_true(lang_date_line(v[i][0], iso));
		assert_string_equal(iso, v[i][1]);
	}
	for (size_t i = 0; i < sizeof not / sizeof *not; i++)
		assert_false(lang_date_line(not[i], iso));
	/* Found inside a sentence, where it is. */
	{
		size_t	a, b;
		const char *t = "Adopted on 14. června 2023 in Prague.";

		assert_true(lang_date(t, iso, &a, &b));
		assert_string_equal(iso, "2023-06-14");
		assert_int_equal(a, 11);
		assert_string_equal(t + b, " in Prague.");
	}
}

static void
test_czech_title(void **state)
{
	struct doc	 doc = { 0 };
	const char	*want = "Smyšlený testovací název dokumentu o právním "
	    "státu, azylu a lidských právech v Evropské unii";

	/* 92 characters, 102 bytes: counted in characters. */
	assert_int_equal(parse_file("tests/fixtures/letters/cs-title.txt", 0,
	    &doc), 0);
	assert_string_equal(doc.title, want);
	doc_clear(&doc);
	/* Never a date line or a phone line. */
	assert_int_equal(parse_str("d.txt", "26 June 2023\n\n+32 2 555 01 99\n\n"
	    "Short fixture title\n\nBody text.\n", &doc), 0);
	assert_string_equal(doc.title, "Short fixture title");
	assert_string_equal(doc.date, "2023-06-26");
	doc_clear(&doc);
}

static void
test_pdf_glued_notes(void **state)
{
	struct doc	 doc = { 0 };
	struct block	*b;

	assert_int_equal(parse_file("tests/fixtures/letters/pdf-notes.txt", 0,
	    &doc), 0);
	b = find(&doc, "p-2");
	assert_non_null(strstr(b->text, "several resolutions on the matter"));
	assert_non_null(strstr(b->text, "reaffirmed the rights. Numbers"));
	assert_true(has_span(b, SP_FNREF, "fn-5"));
	assert_true(has_span(b, SP_FNREF, "fn-6"));
	assert_non_null(strstr(b->text, "G20 summit, COVID19 rules, Article "
	    "7.1 and the year 2023."));
	/* Two notes, not one paragraph. */
	assert_string_equal(find(&doc, "fn-5")->text, "Fixture note five: an "
	    "imaginary list of resolutions of the assembly, Document "
	    "A/FIX/5.");
	assert_string_equal(find(&doc, "fn-6")->text, "Fixture note six, "
	    "which is hard wrapped onto a second line.");
	assert_string_equal(messages(), "");
	doc_clear(&doc);
	/* Without a note 5, "resolutions5" keeps its digit. */
	assert_int_equal(parse_str("g.txt", "Some resolutions5 here.\n", &doc),
	    0);
	assert_string_equal(doc.blocks[0].text, "Some resolutions5 here.");
	doc_clear(&doc);
}

static void
test_plain_address(void **state)
{
	struct doc	 doc = { 0 };

	assert_int_equal(parse_str("a.txt", "TEST FIXTURE (fictional)\n\n"
	    "Mr Test Person\nMinister of Examples\nRue de la Fiction 1\n"
	    "1000 Brussels\n\n26 June 2023\n\nDear Minister,\n\nBody text "
	    "here.\nSecond line of body.\n\nYours sincerely,\n\nSigner\n",
	    &doc), 0);
	assert_int_equal(find(&doc, "addr-1")->kind, BK_ADDRESS);
	assert_string_equal(doc.addressees, "Mr Test Person, Minister of "
	    "Examples, Rue de la Fiction 1, 1000 Brussels");
	assert_string_equal(doc.date, "2023-06-26");
	doc_clear(&doc);
	/* Without a salutation to come, short lines stay a paragraph. */
	assert_int_equal(parse_str("b.txt", "Short line one\nShort line "
	    "two\n\nBody text.\n", &doc), 0);
	assert_int_equal(doc.blocks[0].kind, BK_PARAGRAPH);
	doc_clear(&doc);
}

static void
test_lang_conf(void **state)
{
	struct doc	 doc = { 0 };
	const char	*conf = "# a user's additions\n[salutation]\nBästa\n"
	    "[colours]\nred\n[months]\nbad = 13\njuni\n[closing]\n"
	    "Med vänliga hälsningar\n[subject]\nÄrende*\n";

	lang_load(&dg);
	assert_int_equal(lang_conf_parse("user.conf", conf, strlen(conf),
	    &dg), 5);
	assert_string_equal(messages(),
	    "E user.conf:4: unknown section '[colours]' (salutation, closing, "
	    "subject, reference, address, contact, notes, rec-heading, "
	    "rec-intro, months, date-words)\n"
	    "E user.conf:5: a phrase outside a known [section]\n"
	    "E user.conf:7: expected 'name = month number' (1 to 12) in "
	    "[months]\n"
	    "E user.conf:8: expected 'name = month number' in [months]\n"
	    "E user.conf:12: a trailing '*' is for [closing] phrases only\n");
	buf_free(&msgs);
	/* What loaded works: a Swedish letter is a letter. */
	assert_int_equal(parse_str("sv.txt", "Bästa ordförande,\n\nText.\n\n"
	    "Med vänliga hälsningar,\n\nTest Signatory\n", &doc), 0);
	assert_string_equal(doc.kind, "letter");
	assert_int_equal(find(&doc, "closing")->kind, BK_CLOSING);
	doc_clear(&doc);
}

static void
test_slug(void **state)
{
	char	*s;

	s = parse_slug_from_path("data/briefings/letter.txt");
	assert_string_equal(s, "letter");
	free(s);
	s = parse_slug_from_path("data/Letter 1.txt");
	assert_string_equal(s, "letter-1");
	free(s);
	s = parse_slug_from_path("/x/--Annex_B (draft).v2.md");
	assert_string_equal(s, "annex-b-draft-v2");
	free(s);
	s = parse_slug_from_path(".hidden");
	assert_string_equal(s, "hidden");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#ifndef KEEPS_FREED
		/* First: it measures the process's peak. */
		cmocka_unit_test_setup(test_long_line_memory, setup),
#endif
		/* The letter is parsed once, by the group setup. */
		cmocka_unit_test(test_letter_kinds),
		cmocka_unit_test(test_letter_anchors),
		cmocka_unit_test(test_letter_bullets),
		cmocka_unit_test(test_letter_footnotes),
		cmocka_unit_test(test_letter_front),
		cmocka_unit_test(test_letter_no_word_lost),
		cmocka_unit_test_setup(test_annex_markdown, setup),
		cmocka_unit_test_setup(test_front_matter_kind, setup),
		cmocka_unit_test_setup(test_bracketed, setup),
		cmocka_unit_test_setup(test_pdf_paste, setup),
		cmocka_unit_test_setup(test_hostile, setup),
		cmocka_unit_test_setup(test_invalid_utf8, setup),
		cmocka_unit_test_setup(test_invalid_utf8_lenient, setup),
		cmocka_unit_test_setup(test_empty, setup),
		cmocka_unit_test_setup(test_nul, setup),
		cmocka_unit_test_setup(test_unbalanced, setup),
		cmocka_unit_test_setup(test_fn_missing, setup),
		cmocka_unit_test_setup(test_megabyte_line, setup),
		cmocka_unit_test_setup(test_pieces, setup),
		cmocka_unit_test_setup(test_long_line_dropped, setup),
		cmocka_unit_test_setup(test_markdown_long, setup),
		cmocka_unit_test_setup(test_ten_thousand_footnotes, setup),
		cmocka_unit_test_setup(test_nested_bullets, setup),
		cmocka_unit_test_setup(test_crlf_and_nfc, setup),
		cmocka_unit_test_setup(test_numbered_headings, setup),
		cmocka_unit_test_setup(test_heading_shapes, setup),
		cmocka_unit_test_setup(test_sub_bullet_shapes, setup),
		cmocka_unit_test_setup(test_letter_languages, setup),
		cmocka_unit_test_setup(test_dates, setup),
		cmocka_unit_test_setup(test_czech_title, setup),
		cmocka_unit_test_setup(test_pdf_glued_notes, setup),
		cmocka_unit_test_setup(test_plain_address, setup),
		cmocka_unit_test_setup(test_lang_conf, setup),
		cmocka_unit_test(test_slug),
	};
	int	rc;

	rc = cmocka_run_group_tests(tests, letter_setup, letter_teardown);
	buf_free(&msgs);
	return rc;
}
