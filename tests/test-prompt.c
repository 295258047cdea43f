/* test-prompt.c: the prompt's line editor (tui/prompt-line.c): pastes
 * of any size stay whole up to the cap, controls never get in, and what
 * to show is found from the cursor. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "prompt-line.h"

/* 9 KB typed one character at a time, the view found after each key as
 * the frame does: completes (each step costs the screen's width). */
static void
test_typed_9k(void **state)
{
	struct pline	p = { 0 };
	int		col;
	size_t		from;

	(void)state;
	pline_set(&p, "");
	for (int i = 0; i < 9000; i++) {
		pline_insert_char(&p, i % 10 == 9 ? ' ' : 'a' + i % 26);
		from = pline_scroll(&p, 60, &col);
		assert_true(col <= 60);
		assert_true(from <= p.cur);
	}
	assert_int_equal(p.line.len, 9000);
	assert_int_equal(p.cur, 9000);
	assert_int_equal(col, 60);
	assert_int_equal(from, 9000 - 60);
	assert_false(p.full);
	pline_free(&p);
}

static void
test_paste_cap(void **state)
{
	struct pline	p = { 0 };
	char		*big = malloc(20001);

	(void)state;
	memset(big, 'x', 20000);
	big[20000] = '\0';
	pline_set(&p, "");
	assert_int_equal(pline_insert(&p, big, 20000), PLINE_MAX);
	assert_true(p.full);
	assert_int_equal(strlen(p.line.data), PLINE_MAX);
	/* A small cap cuts between characters, never inside one. */
	p.max = 5;
	pline_set(&p, "");
	assert_int_equal(pline_insert(&p, "ééé", 6), 4);
	assert_string_equal(p.line.data, "éé");
	assert_true(p.full);
	free(big);
	pline_free(&p);
}

static void
test_controls(void **state)
{
	struct pline	p = { 0 };

	(void)state;
	pline_set(&p, "");
	pline_insert(&p, "a\nb\tc\rd\033[31me\x01\x7f" "f\xff" "g\xc2\x9bh", 21);
	assert_string_equal(p.line.data, "a b c d[31mefgh");
	pline_free(&p);
}

static void
test_edit_middle(void **state)
{
	struct pline	p = { 0 };

	(void)state;
	pline_set(&p, "one three");
	p.cur = 4;
	pline_insert(&p, "two ", 4);
	assert_string_equal(p.line.data, "one two three");
	assert_int_equal(p.cur, 8);
	pline_delete(&p, pline_word_before(&p, p.cur), p.cur);
	assert_string_equal(p.line.data, "one three");
	assert_int_equal(p.cur, 4);
	p.cur = pline_next(&p, p.cur);
	assert_int_equal(p.cur, 5);
	pline_free(&p);
}

/* Wide characters: the cursor column counts two per CJK character. */
static void
test_scroll_wide(void **state)
{
	struct pline	p = { 0 };
	int		col;
	size_t		from;

	(void)state;
	pline_set(&p, "日本日本日本");	/* 12 columns */
	from = pline_scroll(&p, 5, &col);
	assert_int_equal(col, 4);		/* two whole characters */
	assert_int_equal(from, strlen("日本日本"));
	assert_int_equal(pline_visible(&p, from, 5), strlen("日本"));
	pline_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typed_9k),
		cmocka_unit_test(test_paste_cap),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_edit_middle),
		cmocka_unit_test(test_scroll_wide),
	};

	setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
