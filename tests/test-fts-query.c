/* test-fts-query.c: the search query translator: translations, hostile
 * input, and a property test that SQLite's FTS5 (same tokenizer as the
 * index) accepts every query the translator produces. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "fts-query.h"

static sqlite3 *db;

static void
want(const char *in, const char *match)
{
	struct fts_query	 q;
	char			*err;

	if (fts_translate(in, &q, &err) != 0)
		fail_msg("'%s': %s", in, err);
	if (match == NULL)
		assert_null(q.match);
	else
		assert_string_equal(q.match, match);
	fts_query_clear(&q);
}

/* in gives a message containing msg. */
static void
want_err(const char *in, const char *msg)
{
	struct fts_query	 q;
	char			*err = NULL;

	assert_int_equal(fts_translate(in, &q, &err), -1);
	assert_non_null(err);
	if (strstr(err, msg) == NULL)
		fail_msg("'%s': got '%s', wanted '%s'", in, err, msg);
	assert_null(strchr(err, '\n'));
	assert_null(q.match);
	free(err);
}

/* FTS5 accepts match; returns the number of rows it matches. */
static int
run_match(const char *match)
{
	sqlite3_stmt	*st;
	int		 rc, n = 0;

	rc = sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?",
	    -1, &st, NULL);
	assert_int_equal(rc, SQLITE_OK);
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n++;
	if (rc != SQLITE_DONE)
		fail_msg("FTS5 refused '%s': %s", match, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return n;
}

/* in translates and matches exactly n rows of the little table. */
static void
want_rows(const char *in, int n)
{
	struct fts_query	 q;
	char			*err;

	if (fts_translate(in, &q, &err) != 0)
		fail_msg("'%s': %s", in, err);
	assert_non_null(q.match);
	if (run_match(q.match) != n)
		fail_msg("'%s' -> '%s': %d rows, wanted %d", in, q.match,
		    run_match(q.match), n);
	fts_query_clear(&q);
}

static void
test_words(void **state)
{
	want("spyware", "\"spyware\"");
	want("Pegasus spyware", "(\"Pegasus\" AND \"spyware\")");
	want("anti-gender", "\"anti-gender\"");
	want("AI-Act", "\"AI-Act\"");
	want("Türkiye", "\"Türkiye\"");
	want("  spaced\t\tout  ", "(\"spaced\" AND \"out\")");
	want("a b c", "(\"a\" AND \"b\" AND \"c\")");
}

static void
test_phrases_prefix(void **state)
{
	want("\"people on the move\"", "\"people on the move\"");
	want("migra*", "\"migra\" *");
	want("\"human rig\"*", "\"human rig\" *");
	want("\"unclosed phrase", "\"unclosed phrase\"");
}

static void
test_operators(void **state)
{
	want("asylum OR refugee", "(\"asylum\" OR \"refugee\")");
	want("asylum AND refugee", "(\"asylum\" AND \"refugee\")");
	want("rights -spyware", "(\"rights\" NOT \"spyware\")");
	want("rights NOT spyware", "(\"rights\" NOT \"spyware\")");
	want("a b -c -d", "((\"a\" AND \"b\") NOT \"c\" NOT \"d\")");
	want("(asylum OR migra*) -\"third country\"",
	    "((\"asylum\" OR \"migra\" *) NOT \"third country\")");
	want("x -(y OR z)", "(\"x\" NOT (\"y\" OR \"z\"))");
	want("or and not", "(\"or\" AND \"and\" AND \"not\")");
}

static void
test_filters(void **state)
{
	struct fts_query	 q;
	char			*err;

	assert_int_equal(fts_translate("surveillance in:footnotes "
	    "theme:surveillance doc:letter status:flagged", &q, &err), 0);
	assert_string_equal(q.match, "\"surveillance\"");
	assert_int_equal(q.in, FTS_IN_FOOTNOTES);
	assert_int_equal(q.nthemes, 1);
	assert_string_equal(q.themes[0], "surveillance");
	assert_int_equal(q.ndocs, 1);
	assert_string_equal(q.docs[0], "letter");
	assert_string_equal(q.status, "flagged");
	assert_int_equal(q.nterms, 1);
	assert_string_equal(q.terms[0], "surveillance");
	fts_query_clear(&q);

	want("in:recommendations", NULL);
	want("IN:Footnotes predator", "\"predator\"");
	want_err("in:nowhere", "in: takes footnotes or recommendations");
	want_err("theme:", "theme: needs a value");
	want_err("doc:", "doc: needs a value");
	want_err("status:maybe", "status: takes");
	want_err("x -in:footnotes", "cannot be excluded");
}

static void
test_bad_input(void **state)
{
	static char	 big[10 * 1024 + 1];

	want("\"unbalanced", "\"unbalanced\"");
	want("((a OR b", "(\"a\" OR \"b\")");
	want("a) b)", "(\"a\" AND \"b\")");
	want_err("*", "nothing to search for");
	want_err("OR OR", "nothing to search for");
	want("a OR OR b", "(\"a\" OR \"b\")");
	want("OR a OR", "\"a\"");
	want("NEAR(", "\"NEAR\"");
	want("NEAR(a b, 3)", "(\"NEAR\" AND (\"a\" AND \"b,\" AND \"3\"))");
	want("'; DROP TABLE blocks; --",
	    "(\"DROP\" AND \"TABLE\" AND \"blocks;\")");
	want("text:", "\"text:\"");
	want("{a b}:", "(\"{a\" AND \"b}:\")");
	want("say \"\"hi\"\"", "(\"say\" AND \"hi\")");
	want_err("?!... ,,, --- ***", "nothing to search for");
	want_err("", "nothing to search for");
	want_err("-spyware", "excluded words alone");
	want_err("NOT spyware", "excluded words alone");
	want("a\001b\033[31mc\x7f" "d",
	    "(\"a\" AND \"b\" AND \"[31mc\" AND \"d\")");
	want("bad\xff\xfeutf8", "(\"bad\" AND \"utf8\")");
	memset(big, 'a', sizeof big - 1);
	want_err(big, "too long");
	want_err("((((((((((((((((((((a))))))))))))))))))))", "nested");
}

/* The ranked corner of the table: diacritics, hyphens, stems. */
static void
test_matches(void **state)
{
	want_rows("Turkiye", 1);
	want_rows("Türkiye", 1);
	want_rows("anti-gender", 1);
	want_rows("AI-Act", 1);
	want_rows("\"people on the move\"", 1);
	want_rows("movement", 1);
	want_rows("migra*", 1);
	want_rows("defenders", 1);	/* porter: defender(s) */
	want_rows("rights -gender", 1);
	want_rows("rights OR gender", 2);
	want_rows("\"quoted \"\"", 0);
}

/* Random strings from a hostile alphabet: every translation is either
 * a message or a query FTS5 accepts. */
static void
test_property(void **state)
{
	static const char *atoms[] = { "\"", "(", ")", "*", "-", ":", " ",
	    "  ", "OR", "NOT", "AND", "NEAR", "NEAR(", "^", "{", "}", ",",
	    "+", "'", ";", "\\", "a", "rights", "Türkiye", "日本", "é",
	    "\xcc\x81", "\x01", "\x1b", "\t", "\n", "\x7f", "\xff",
	    "\xe2\x80\xae", "text", "theme:", "doc:", "in:", "in:footnotes",
	    "status:", "status:read", "x", "AI-Act", "-", "**", "\xee\x80\x80",
	    "0", "12", "'; DROP TABLE blocks; --", "a*", "\"\"" };
	const size_t	 natoms = sizeof atoms / sizeof atoms[0];
	char		 s[512], *err;
	struct fts_query q;
	int		 ok = 0;

	srand(4);
	for (int i = 0; i < 5000; i++) {
		size_t	 len = 0, n = (size_t)rand() % 24;

		s[0] = '\0';
		for (size_t j = 0; j < n; j++) {
			const char *a = atoms[(size_t)rand() % natoms];

			if (len + strlen(a) >= sizeof s)
				break;
			memcpy(s + len, a, strlen(a) + 1);
			len += strlen(a);
		}
		if (fts_translate(s, &q, &err) != 0) {
			assert_non_null(err);
			assert_null(strchr(err, '\n'));
			free(err);
			continue;
		}
		if (q.match != NULL) {
			run_match(q.match);
			ok++;
		}
		fts_query_clear(&q);
	}
	assert_true(ok > 1000);
}

static int
setup(void **state)
{
	static const char *sql =
	    "CREATE VIRTUAL TABLE t USING fts5(text, tokenize = "
	    "'porter unicode61 remove_diacritics 2', prefix = '2 3');"
	    "INSERT INTO t VALUES ('a growing anti-gender movement, "
	    "rights'), ('Human Rights Defenders in Türkiye and beyond'),"
	    "('AI Act: people on the move and migrants');";

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	sqlite3_close(db);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_phrases_prefix),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_matches),
		cmocka_unit_test(test_property),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
