/* test-osc52.c: base64 (RFC 4648's test vectors) and the OSC 52 sequence
 * the reader writes to copy to the clipboard, and the jump history. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "view.h"

static void
b64(const char *in, const char *want)
{
	char *got = base64_encode(in, strlen(in));

	assert_string_equal(got, want);
	free(got);
}

static void
test_base64_vectors(void **state)
{
	b64("", "");
	b64("f", "Zg==");
	b64("fo", "Zm8=");
	b64("foo", "Zm9v");
	b64("foob", "Zm9vYg==");
	b64("fooba", "Zm9vYmE=");
	b64("foobar", "Zm9vYmFy");
}

static void
test_base64_binary(void **state)
{
	const unsigned char bytes[] = { 0x00, 0xff, 0xfe, 0x80, 0x7f };
	char *got = base64_encode(bytes, sizeof bytes);

	assert_string_equal(got, "AP/+gH8=");
	free(got);
}

static void
test_osc52_sequence(void **state)
{
	char *seq = osc52_sequence("Türkiye", strlen("Türkiye"));

	assert_string_equal(seq, "\033]52;c;VMO8cmtpeWU=\a");
	free(seq);
}

/* A view that counts its closes, to see the jump stack close the views
 * it drops. */
static int closed;

static void
count_close(struct view *v)
{
	closed++;
}

static const struct view_ops counted_ops = {
	.name = "counted",
	.close = count_close,
};

static struct view **
views(size_t n)
{
	struct view **vs = calloc(n, sizeof *vs);

	for (size_t i = 0; i < n; i++) {
		vs[i] = calloc(1, sizeof *vs[i]);
		vs[i]->ops = &counted_ops;
		vs[i]->priv = calloc(1, 1);
	}
	return vs;
}

static void
test_history_stack(void **state)
{
	struct place a = { "letter", 3, 10, -1, -1 }, b = { "annex", 7, 0,
	    2, 1 }, out;
	struct view **vs;
	size_t n;

	assert_int_equal(history_pop(&out, &vs, &n), 0);
	history_push(&a, NULL, 0);
	history_push(&b, views(2), 2);
	assert_int_equal(history_depth(), 2);
	assert_int_equal(history_pop(&out, &vs, &n), 1);
	assert_string_equal(out.slug, "annex");
	assert_int_equal(out.seq, 7);
	assert_int_equal(out.link_span, 1);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++)
		view_close(vs[i]);
	free(vs);
	free(out.slug);
	assert_int_equal(history_pop(&out, &vs, &n), 1);
	assert_string_equal(out.slug, "letter");
	assert_int_equal(out.off, 10);
	assert_int_equal(n, 0);
	free(out.slug);
	closed = 0;
	for (int i = 0; i < 1000; i++)
		history_push(&a, views(1), 1);
	assert_true(history_depth() < 1000);	/* bounded */
	/* Dropped entries, and all but the newest few, closed their views. */
	assert_true(closed >= 1000 - (int)history_depth());
	assert_true(closed > 1000 - 20);
	history_clear();
	assert_int_equal(history_depth(), 0);
	assert_int_equal(closed, 1000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base64_vectors),
		cmocka_unit_test(test_base64_binary),
		cmocka_unit_test(test_osc52_sequence),
		cmocka_unit_test(test_history_stack),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
