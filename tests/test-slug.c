/* test-slug.c: slugs keep their letters (db/slug.c): accents dropped,
 * other scripts kept in lowercase, separators folded, bounded, and a
 * slug is its own slug. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parse.h"
#include "slug.h"

static void
expect_path(const char *path, const char *want)
{
	char	*got = parse_slug_from_path(path);

	assert_string_equal(got, want);
	free(got);
}

static void
expect_text(const char *in, size_t max, const char *want)
{
	char	*got = slug_make(in, strlen(in), max);

	if (want == NULL)
		assert_null(got);
	else
		assert_string_equal(got, want);
	free(got);
}

static void
test_ascii(void **state)
{
	(void)state;
	expect_path("data/briefings/letter.txt", "letter");
	expect_path("data/Letter 1.txt", "letter-1");
	expect_path("/x/--Annex_B (draft).v2.md", "annex-b-draft-v2");
	expect_path(".hidden", "hidden");
	expect_path("noext", "noext");
}

static void
test_accents_dropped(void **state)
{
	(void)state;
	expect_path("étude.txt", "etude");
	expect_path("Résumé (final).md", "resume-final");
	expect_path("Ukrajině.txt", "ukrajine");
	expect_path("État de droit.md", "etat-de-droit");
	/* Decomposed input (as macOS writes file names) is the same. */
	expect_path("e\xcc\x81tude.txt", "etude");
	expect_path("Łódź Straße.txt", "lodz-strasse");
	expect_path("ﬁle.txt", "file");
}

static void
test_other_scripts_kept(void **state)
{
	(void)state;
	expect_path("αβ.txt", "αβ");
	expect_path("ΓΔ.txt", "γδ");
	/* Ukrainian ї loses its diaeresis, as é its accent: і. */
	expect_path("Україна 2024.txt", "укра\xd1\x96на-2024");
	expect_path("日本の報告.md", "日本の報告");
	expect_path("한국.txt", "한국");
	expect_path("हिन्दी.txt", "हिन्दी");
}

static void
test_nothing_left(void **state)
{
	(void)state;
	expect_path("???.txt", "doc");
	expect_path("👍.txt", "doc");
	expect_text("", 64, NULL);
	expect_text("-- !! --", 64, NULL);
	/* Invalid UTF-8 separates, never passes through. */
	expect_text("a\xff" "b\xc3", 64, "a-b");
}

static void
test_bounded(void **state)
{
	(void)state;
	expect_text("Recommendations to the Belgian Presidency of the Council",
	    40, "recommendations-to-the-belgian");
	expect_text("αβγδεζηθικλμνξοπρστυφχψω", 9, "αβγδ");
	expect_text("TIGO IOR 10/2023.4926", 40, "tigo-ior-10-2023-4926");
}

static void
test_idempotent(void **state)
{
	const char	*in[] = { "Résumé (final)", "ΟΔΟΣ", "İstanbul",
	    "Україна", "हिन्दी", "a\xcc\x81\xcc\xa3", "ǅemal", "ﬃ" };

	(void)state;
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		char	*once = slug_make(in[i], strlen(in[i]), 64);
		char	*twice;

		assert_non_null(once);
		twice = slug_make(once, strlen(once), 64);
		assert_string_equal(once, twice);
		free(twice);
		free(once);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_accents_dropped),
		cmocka_unit_test(test_other_scripts_kept),
		cmocka_unit_test(test_nothing_left),
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_idempotent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
