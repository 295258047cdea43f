/* test-themes-match.c: the import's theme matcher (db/themes-match.c)
 * against FTS5 itself.  Thousands of generated texts go into an FTS5
 * table with brief's tokenizer; every rule (the shipped themes.conf and
 * rules written to reach the corners: phrases, prefixes, AND, NOT,
 * nesting, stems, diacritics, case, a phrase with no token) is run both
 * as "MATCH rule" and through the matcher, and the two must pick the
 * same texts. */
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

#include "embedded.h"
#include "fts-query.h"
#include "themes.h"
#include "themes-match.h"
#include "xmalloc.h"

#define NTEXTS	3000

/* Rules in the search language, each through fts_translate. */
static const char *user_rules[] = {
	"\"people on the move\"",
	"\"human rights\" -defenders",
	"(asylum OR migra*) AND (rights NOT human)",
	"asylum -\"reception conditions\" -detention",
	"\"rule of law\"*",
	"\"human right\"*",
	"\"on the\" OR \"the the\"",
	"(a* OR b*) -(c* OR \"human rights\")",
	"Flüchtling* OR réfugié OR uchodźc*",
	"protect* AND (safety OR \"people seeking\") AND -border",
	"surveillance spyware",
	"x OR y OR \"z z z\"",
	"AI-Act OR \"AI Act\"",
	"ukrain* -russia*",
	"e*",
	"\"on the\"*",
};

/* Rules written as FTS5 text directly: what the translator never
 * writes, still matched as FTS5 does. */
static const char *raw_rules[] = {
	"(\"-\" OR \"asylum\")",
	"(\"asylum\" AND \"-\")",
	"(\"asylum\" NOT \"-\")",
	"\"say \"\"no\"\" now\"",
	"((\"a\" OR \"b\") AND (\"c\" OR (\"d\" NOT \"e\")))",
};

static const char *extra_words[] = {
	"the", "on", "of", "and", "people", "move", "moving", "moved",
	"human", "humans", "rights", "right", "defender", "defenders",
	"rule", "rules", "law", "laws", "lawful", "seeking", "safety",
	"border", "borders", "protect", "protection", "protected", "asylum",
	"Asylum", "ASYLUM", "asile", "Flüchtlinge", "Fluchtlinge", "réfugiés",
	"refugies", "uchodźcy", "uchodzcy", "Türkiye", "turkiye", "Łódź",
	"北京", "Україна", "detention", "reception", "conditions", "AI",
	"Act", "AI-Act", "say", "\"no\"", "now", "x", "y", "z", "a", "b",
	"c", "d", "e", "spyware", "surveillance", "surveil", "Ukraine",
	"russia", "Russian", "migrants", "migration", "migra", "mi",
	"rapé", "RAPE", "Gaza", "gazy", "India", "Indian", "indians",
	"-", "—", "42", "1990s", "co-operation", "non-discrimination",
	"discriminatory", "equal", "equality", "égalité", "egalite",
	"facial", "recognition", "recognitions", "predictive", "policing",
	"externalisation", "externalised", "pushbacks", "pushback",
	/* phrases, whole and nearly */
	"people on the move", "people on a move", "on the move", "one the",
	"onto these", "on them", "human rights defenders", "human rights",
	"rights human", "rule of lawyers", "rule of law", "the the",
	"reception conditions", "people seeking safety", "z z z", "z z",
};

struct words {
	char	**v;
	size_t	  n;
};

static void
add_word(struct words *w, const char *s, size_t n)
{
	w->v = xappend(w->v, w->n, sizeof *w->v);
	w->v[w->n++] = xstrndup(s, n);
}

/* The words of every rule (runs of letters, digits and bytes above
 * ASCII), so generated texts hit the rules often. */
static void
words_of(struct words *w, const char *rule)
{
	const char	*s = rule;

	while (*s != '\0') {
		size_t n = 0;

		while (s[n] != '\0' && (s[n] & 0x80 || (s[n] >= 'a' &&
		    s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
		    (s[n] >= '0' && s[n] <= '9')))
			n++;
		if (n > 0 && !(n == 2 && strncmp(s, "OR", 2) == 0))
			add_word(w, s, n);
		s += n > 0 ? n : 1;
	}
}

static uint32_t
next_rand(uint32_t *state)
{
	*state = *state * 1664525u + 1013904223u;
	return *state >> 8;
}

static char *
gen_text(const struct words *w, uint32_t *state)
{
	static const char	*seps[] = { " ", " ", " ", ", ", ". ", " - ",
	    "\n", " (", ") ", "'s ", "/" };
	struct buf		 b = { 0 };
	size_t			 n = 1 + next_rand(state) % 24;

	for (size_t i = 0; i < n; i++) {
		const char *word = w->v[next_rand(state) % w->n];

		if (i > 0)
			buf_adds(&b, seps[next_rand(state) % (sizeof seps /
			    sizeof seps[0])]);
		buf_adds(&b, word);
	}
	return buf_steal(&b);
}

static void
add_theme(struct theme_set *set, const char *match)
{
	set->v = xreallocarray(set->v, set->n + 1, sizeof *set->v);
	memset(&set->v[set->n], 0, sizeof set->v[set->n]);
	set->v[set->n].slug = xasprintf("t%zu", set->n);
	set->v[set->n].name = xstrdup("t");
	set->v[set->n].rule = xstrdup(match);
	set->v[set->n].match = xstrdup(match);
	set->n++;
}

/* The shipped themes, the user rules translated and the raw rules. */
static void
load_rules(struct theme_set *set, struct words *w)
{
	size_t		 len;
	const char	*conf = embedded_get("data/themes.conf", &len);
	struct diag	 d = { 0 };

	assert_non_null(conf);
	assert_int_equal(themes_conf_parse(set, "themes.conf", conf, len,
	    &d), 0);
	assert_true(set->n > 10);
	for (size_t i = 0; i < set->n; i++)
		words_of(w, set->v[i].rule);
	for (size_t i = 0; i < sizeof user_rules / sizeof *user_rules; i++) {
		struct fts_query	 q;
		char			*err = NULL;

		assert_int_equal(fts_translate(user_rules[i], &q, &err), 0);
		add_theme(set, q.match);
		fts_query_clear(&q);
	}
	for (size_t i = 0; i < sizeof raw_rules / sizeof *raw_rules; i++)
		add_theme(set, raw_rules[i]);
	for (size_t i = 0; i < sizeof extra_words / sizeof *extra_words; i++)
		add_word(w, extra_words[i], strlen(extra_words[i]));
}

static void
exec_ok(sqlite3 *db, const char *sql)
{
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* Which texts (by 0-based row) FTS5 says match. */
static void
fts_hits(sqlite3 *db, const char *match, char *hit)
{
	sqlite3_stmt	*st;

	memset(hit, 0, NTEXTS);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t "
	    "MATCH ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		hit[sqlite3_column_int64(st, 0) - 1] = 1;
	sqlite3_finalize(st);
}

static void
test_same_as_fts5(void **state)
{
	struct theme_set	 set = { 0 };
	struct words		 w = { 0 };
	char			*texts[NTEXTS], hit[NTEXTS];
	uint64_t		*bits;
	struct themes_matcher	*m;
	sqlite3			*db;
	sqlite3_stmt		*st;
	uint32_t		 seed = 7;
	size_t			 nw, matched = 0, mismatches = 0;

	(void)state;
	load_rules(&set, &w);
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	exec_ok(db, "CREATE VIRTUAL TABLE t USING fts5(text, tokenize = "
	    "'porter unicode61 remove_diacritics 2')");
	exec_ok(db, "BEGIN");
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t (rowid, text) "
	    "VALUES (?, ?)", -1, &st, NULL), SQLITE_OK);
	for (size_t i = 0; i < NTEXTS; i++) {
		texts[i] = gen_text(&w, &seed);
		sqlite3_bind_int64(st, 1, (sqlite3_int64)i + 1);
		sqlite3_bind_text(st, 2, texts[i], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	exec_ok(db, "COMMIT");

	assert_non_null(m = themes_matcher_new(db, &set));
	nw = themes_matcher_words(m);
	assert_int_equal(nw, (set.n + 63) / 64);
	bits = xcalloc(NTEXTS * nw, sizeof *bits);
	for (size_t i = 0; i < NTEXTS; i++)
		assert_int_equal(themes_matcher_run(m, texts[i],
		    &bits[i * nw]), 0);
	for (size_t r = 0; r < set.n; r++) {
		fts_hits(db, set.v[r].match, hit);
		for (size_t i = 0; i < NTEXTS; i++) {
			int mine = (bits[i * nw + r / 64] >> (r % 64)) & 1;

			matched += mine;
			if (mine != hit[i] && mismatches++ < 10)
				print_message("rule %s: FTS5 %d, matcher %d: "
				    "%s\n", set.v[r].match, hit[i], mine,
				    texts[i]);
		}
	}
	assert_int_equal(mismatches, 0);
	/* The texts reach the rules: many matches, and not all. */
	assert_true(matched > NTEXTS);
	assert_true(matched < NTEXTS * set.n / 2);

	themes_matcher_free(m);
	free(bits);
	for (size_t i = 0; i < NTEXTS; i++)
		free(texts[i]);
	for (size_t i = 0; i < w.n; i++)
		free(w.v[i]);
	free(w.v);
	themes_set_free(&set);
	sqlite3_close(db);
}

/* A rule the matcher cannot read matches nothing, as FTS5 refusing a
 * rule tags nothing; the other rules still match. */
static void
test_bad_rule(void **state)
{
	struct theme_set	 set = { 0 };
	struct themes_matcher	*m;
	sqlite3			*db;
	uint64_t		 bits = 0;

	(void)state;
	add_theme(&set, "(\"asylum\" OR");
	add_theme(&set, "NEAR(\"asylum\" \"policy\")");
	add_theme(&set, "\"asylum");
	add_theme(&set, "\"asylum\"");
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_non_null(m = themes_matcher_new(db, &set));
	assert_int_equal(themes_matcher_run(m, "Asylum policy", &bits), 0);
	assert_int_equal(bits, 1u << 3);
	themes_matcher_free(m);
	themes_set_free(&set);
	sqlite3_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_fts5),
		cmocka_unit_test(test_bad_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
