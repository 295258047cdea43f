/* test-pdf.c: the PDF reader's pure rules (db/read/pdf.h): which hyphens
 * at a line's end are only there because a word was broken, and which
 * line openings are list markers and what number they print. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pdf.h"

static int
brk(const char *before, const char *after)
{
	return pdf_hyphen_is_break(NULL, before, strlen(before), after,
	    strlen(after));
}

static void
test_hyphen_breaks(void **state)
{
	(void)state;
	/* Broken words: a lowercase letter on both sides. */
	assert_true(brk("obliga", "tions to the harbour"));
	assert_true(brk("recom", "mendations."));
	assert_true(brk("développe", "ment durable"));
	assert_true(brk("govern", "ments,"));
}

static void
test_hyphen_kept(void **state)
{
	(void)state;
	/* Names and compounds keep their hyphen. */
	assert_false(brk("Port", "au-Prince"));		/* capitalised */
	assert_false(brk("Port-au", "Prince"));		/* a hyphen already */
	assert_false(brk("au", "Prince"));		/* capital after */
	assert_false(brk("rights", "compliant survey"));	/* compound */
	assert_false(brk("evidence", "based method."));
	assert_false(brk("gender", "sensitive,"));
	assert_false(brk("mother", "in-law"));		/* hyphen after */
	assert_false(brk("COVID", "related"));		/* capitals */
	assert_false(brk("G20", "led"));		/* a digit */
	assert_false(brk("e", "mail"));			/* one letter */
	assert_false(brk("non", "EU states"));
	assert_false(brk("", "tions"));
	assert_false(brk("obliga", ""));
	assert_false(brk("2000", "2010"));
}

/* The document's own words come first: a compound it writes whole
 * elsewhere keeps its hyphen, a word it writes joined is joined. */
static void
test_hyphen_document_words(void **state)
{
	struct pdf_words	w = { 0 };
	const char		*known[] = { "well-known", "reinsertion",
				    "Evidencebased", "policy", NULL };

	(void)state;
	for (int i = 0; known[i] != NULL; i++)
		pdf_words_add(&w, known[i], strlen(known[i]));
	/* Without the words, the rule alone. */
	assert_true(brk("well", "known fixture"));
	assert_false(brk("Re", "insertion"));
	assert_false(brk("evidence", "based"));
	/* With them. */
	assert_false(pdf_hyphen_is_break(&w, "well", 4, "known fixture", 13));
	assert_true(pdf_hyphen_is_break(&w, "Re", 2, "insertion.", 10));
	assert_true(pdf_hyphen_is_break(&w, "evidence", 8, "based", 5));
	/* Neither form written: the rule. */
	assert_true(pdf_hyphen_is_break(&w, "obliga", 6, "tions", 5));
	assert_false(pdf_hyphen_is_break(&w, "rights", 6, "compliant", 9));
	/* A capital after the break is never joined. */
	assert_false(pdf_hyphen_is_break(&w, "well", 4, "Known", 5));
	pdf_words_free(&w);
	/* Many words: the table grows and still finds them all. */
	for (int i = 0; i < 5000; i++) {
		char	word[32];

		snprintf(word, sizeof word, "word%dx", i);
		pdf_words_add(&w, word, strlen(word));
	}
	assert_int_equal(w.n, 5000);
	assert_true(pdf_hyphen_is_break(&w, "co", 2, "operation", 9));
	pdf_words_add(&w, "co-operation", 12);
	assert_false(pdf_hyphen_is_break(&w, "co", 2, "operation", 9));
	pdf_words_add(&w, "co-operation", 12);
	assert_int_equal(w.n, 5001);
	pdf_words_free(&w);
}

static size_t
marker(const char *s, char *num, int *kind)
{
	return pdf_list_marker(s, num, 16, kind);
}

static void
test_list_markers(void **state)
{
	char	num[16];
	int	kind;

	(void)state;
	assert_int_equal(marker("\xe2\x80\xa2 Keep the registers", num, &kind),
	    4);
	assert_int_equal(kind, 1);
	assert_string_equal(num, "");
	assert_int_equal(marker("- staff are trained", num, &kind), 2);
	assert_int_equal(marker("1. Count the boats", num, &kind), 3);
	assert_int_equal(kind, 2);
	assert_string_equal(num, "1.");
	assert_int_equal(marker("2.3. Compare", num, &kind), 5);
	assert_string_equal(num, "2.3.");
	assert_int_equal(marker("a) what was done", num, &kind), 3);
	assert_int_equal(kind, 3);
	assert_string_equal(num, "a)");
	assert_int_equal(marker("(iv) the office", num, &kind), 5);
	assert_string_equal(num, "(iv)");
	/* Not markers: no space after, nothing after, a plain word. */
	assert_int_equal(marker("1.5 million boats", num, &kind), 0);
	assert_int_equal(marker("2000 boats", num, &kind), 0);
	assert_int_equal(marker("\xe2\x80\xa2", num, &kind), 0);
	assert_int_equal(marker("-5 degrees", num, &kind), 0);
	assert_int_equal(marker("Boats pass", num, &kind), 0);
	assert_int_equal(marker("(iv the office", num, &kind), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hyphen_breaks),
		cmocka_unit_test(test_hyphen_kept),
		cmocka_unit_test(test_hyphen_document_words),
		cmocka_unit_test(test_list_markers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
