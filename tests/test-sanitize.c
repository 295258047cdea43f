/* test-sanitize.c: terminal controls never survive sanitize_text(). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sanitize.h"

static void
expect(const char *in, size_t len, unsigned flags, const char *want)
{
	char *got = sanitize_text(in, len == (size_t)-1 ? strlen(in) : len,
	    flags);

	assert_string_equal(got, want);
	free(got);
}

static void
test_plain_kept(void **state)
{
	expect("Türkiye — 日本 👍", strlen("Türkiye — 日本 👍"), 0,
	    "Türkiye — 日本 👍");
}

static void
test_csi_removed(void **state)
{
	expect("a\033[31mred\033[0m b", -1, 0, "ared b");
	expect("x\033[2J\033[Hy", -1, 0, "xy");
}

static void
test_osc_removed(void **state)
{
	/* OSC 52 (clipboard) and OSC 8 (hyperlink), BEL and ST ended. */
	expect("a\033]52;c;ZXZpbA==\007b", -1, 0, "ab");
	expect("a\033]8;;http://x\033\\link\033]8;;\033\\b", -1, 0, "alinkb");
}

/* Zero-width, joiner, word joiner, BOM and tag characters hide text:
 * dropped.  Line and paragraph separators become a newline (or a space
 * on one line). */
static void
test_invisible(void **state)
{
	expect("a\u200bb\u200cc\u200dd\u2060e\ufefff", -1, 0, "abcdef");
	expect("tag\U000E0041\U000E0042\U000E007Fs", -1, 0, "tags");
	expect("x\U000E0000y", -1, 0, "xy");
	expect("l1\u2028l2\u2029l3", -1, SAN_KEEP_NEWLINE, "l1\nl2\nl3");
	expect("l1\u2028l2\u2029l3", -1, 0, "l1 l2 l3");
	expect("a\u202ab\u202ec\u2066d\u2069e", -1, 0, "abcde");
	assert_false(sanitize_is_clean("a\u200bb", 5, 0));
	/* Visible neighbours are kept: U+200A (hair space), U+2061 is an
	 * invisible operator (dropped), U+E0080 is not a tag. */
	expect("a\u200ab", -1, 0, "a\u200ab");
	expect("a\U000E0100b", -1, 0, "a\U000E0100b");
}

static void
test_c0_c1_bidi(void **state)
{
	expect("a\bb\007c\x7f" "d", 7, 0, "abcd");
	expect("a\xc2\x9b" "31mb", 7, 0, "ab");		/* C1 CSI */
	expect("a\xc2\x85z", 4, 0, "az");			/* NEL */
	expect("a\xe2\x80\xae" "b", 5, 0, "ab");		/* U+202E */
	expect("a\0b", 3, 0, "ab");
}

static void
test_newlines_tabs(void **state)
{
	expect("a\nb\tc", 5, 0, "a b c");
	expect("a\nb\tc", 5, SAN_KEEP_NEWLINE, "a\nb c");
	expect("a\r\nb", 4, SAN_KEEP_NEWLINE, "a\nb");
}

static void
test_invalid_utf8(void **state)
{
	expect("a\xff" "b", 3, 0, "a\xef\xbf\xbd" "b");
	expect("a\xe2\x80", 3, 0, "a\xef\xbf\xbd");
	assert_true(sanitize_is_clean("plain é", strlen("plain é"), 0));
	assert_false(sanitize_is_clean("a\033[m", 4, 0));
}

static void
test_truncated_escape(void **state)
{
	expect("a\033", 2, 0, "a");
	expect("a\033[", 3, 0, "a");
	expect("a\033]52;c;AAAA", 12, 0, "a");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_kept),
		cmocka_unit_test(test_csi_removed),
		cmocka_unit_test(test_osc_removed),
		cmocka_unit_test(test_c0_c1_bidi),
		cmocka_unit_test(test_invisible),
		cmocka_unit_test(test_newlines_tabs),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_truncated_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
