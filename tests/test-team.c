/* test-team.c: the review store's journal (db/review.sql, migration 2)
 * adds up to the same team tables whatever order its rows arrive in:
 * every permutation of a set of journal rows, inserted into a fresh
 * store, leaves the same notes (heads and conflict copies) and statuses.
 * The triggers doing it are TEMP triggers since migration 3 (made by
 * db_journal_triggers, db/review-journal.c): a store of migration 2 keeps
 * its rows through it and adds up new ones the same.  Also the hybrid
 * logical clock (db/author.c). */
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

#include "brief-db.h"
#include "embedded.h"
#include "review-int.h"
#include "store.h"
#include "xmalloc.h"

/* One journal row: kind, key, value (NULL: deleted), base, hlc. */
struct row {
	const char	*kind;
	const char	*key;
	const char	*value;
	const char	*base;
	const char	*hlc;
};

/* ana writes note n on her desk (h1); both machines edit it at once (h2
 * on the desk, h3 on the laptop, both from h1); the laptop edits its
 * version again (h4 from h3); and a status set on each machine. */
static const struct row rows[] = {
	{ "note", "n", "first", NULL, "0000000000001.000000.desk" },
	{ "note", "n", "desk edit", "0000000000001.000000.desk",
	    "0000000000002.000000.desk" },
	{ "note", "n", "laptop edit", "0000000000001.000000.desk",
	    "0000000000003.000000.laptop" },
	{ "note", "n", "laptop again", "0000000000003.000000.laptop",
	    "0000000000004.000000.laptop" },
	{ "status", "", "flagged", NULL, "0000000000002.000001.desk" },
	{ "status", "", "done", NULL, "0000000000003.000001.laptop" },
};
#define NROWS	(sizeof rows / sizeof rows[0])

static sqlite3 *
fresh_store(void)
{
	sqlite3	*db;
	char	*err = NULL;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "ATTACH ':memory:' AS review", NULL,
	    NULL, NULL), SQLITE_OK);
	assert_int_equal(db_migrate(db, "review", embedded_get("db/review.sql",
	    NULL), "test", &err), 0);
	assert_int_equal(db_journal_triggers(db, "review"), SQLITE_OK);
	return db;
}

static int
int_of(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*st;
	int		 v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
insert(sqlite3 *db, const struct row *r)
{
	sqlite3_stmt	*st;

	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO review.journal "
	    "(author, hlc, kind, slug, anchor, text_hash, key, value, base, "
	    "created, at) VALUES ('ana', ?1, ?2, 'letter', 'rec-1', 'h', ?3, "
	    "?4, ?5, 'c', 'a')", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, r->hlc, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->key, -1, SQLITE_STATIC);
	if (r->value != NULL)
		sqlite3_bind_text(st, 4, r->value, -1, SQLITE_STATIC);
	if (r->base != NULL)
		sqlite3_bind_text(st, 5, r->base, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

/* The team tables as one text, without this store's own numbers. */
static char *
dump(sqlite3 *db)
{
	sqlite3_stmt	*st;
	char		*s = NULL;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(x, '|') "
	    "FROM (SELECT uid || '=' || body || '@' || hlc || '/' || deleted || "
	    "'/' || coalesce(copy_of, '-') AS x FROM review.team_notes UNION ALL "
	    "SELECT 'status=' || status || '@' || hlc FROM review.team_status "
	    "ORDER BY 1)", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	s = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

static char *
run(const size_t *order, size_t n)
{
	sqlite3	*db = fresh_store();
	char	*s;

	for (size_t i = 0; i < n; i++)
		insert(db, &rows[order[i]]);
	s = dump(db);
	sqlite3_close(db);
	return s;
}

/* Next permutation in lexicographic order; 0 after the last. */
static int
next_perm(size_t *a, size_t n)
{
	size_t	i = n - 1, j = n - 1, t;

	while (i > 0 && a[i - 1] >= a[i])
		i--;
	if (i == 0)
		return 0;
	while (a[j] <= a[i - 1])
		j--;
	t = a[i - 1], a[i - 1] = a[j], a[j] = t;
	for (j = n - 1; i < j; i++, j--)
		t = a[i], a[i] = a[j], a[j] = t;
	return 1;
}

static void
test_order_independent(void **state)
{
	size_t	 order[NROWS];
	char	*first, *s;
	int	 n = 0;

	(void)state;
	for (size_t i = 0; i < NROWS; i++)
		order[i] = i;
	first = run(order, NROWS);
	/* The later laptop version is the note; the desk's concurrent edit
	 * is kept as a conflict copy; the versions edited since are not. */
	assert_non_null(strstr(first, "n=laptop again@0000000000004.000000."
	    "laptop/0/-"));
	assert_non_null(strstr(first, "n~0000000000002.000000.desk=desk edit@"
	    "0000000000002.000000.desk/0/n"));
	assert_null(strstr(first, "=first@"));
	assert_null(strstr(first, "=laptop edit@"));
	assert_non_null(strstr(first, "status=done@0000000000003.000001."
	    "laptop"));
	do {
		s = run(order, NROWS);
		assert_string_equal(s, first);
		free(s);
		n++;
	} while (next_perm(order, NROWS));
	assert_int_equal(n, 720);
	free(first);
}

static void
test_delete_loses_to_later_edit(void **state)
{
	sqlite3		*db = fresh_store();
	char		*s;
	const struct row del = { "note", "n", NULL, "0000000000001.000000.desk",
	    "0000000000002.000000.desk" };

	(void)state;
	insert(db, &rows[0]);
	insert(db, &del);
	insert(db, &rows[2]);	/* the laptop's edit, later than the delete */
	s = dump(db);
	assert_non_null(strstr(s, "n=laptop edit@0000000000003.000000."
	    "laptop/0/-"));
	free(s);
	sqlite3_close(db);
}

static void
test_edit_kept_when_delete_wins(void **state)
{
	sqlite3		*db = fresh_store();
	char		*s;
	const struct row del = { "note", "n", NULL, "0000000000001.000000.desk",
	    "0000000000005.000000.desk" };

	(void)state;
	insert(db, &rows[0]);
	insert(db, &rows[2]);	/* edited on the laptop... */
	insert(db, &del);	/* ...and deleted later on the desk */
	s = dump(db);
	/* The deletion wins, the edit it never saw stays as a copy. */
	assert_non_null(strstr(s, "n=@0000000000005.000000.desk/1/-"));
	assert_non_null(strstr(s, "=laptop edit@0000000000003.000000.laptop/0/"
	    "n"));
	free(s);
	sqlite3_close(db);
}

/* A store made by migrations 1 and 2 (the journal's triggers in its
 * schema), with every other row, then migrated to 3 (the triggers gone
 * from it, made on the connection) and given the other half: every row
 * it had stays, and it adds up to what a new store does with them all
 * (in any order, as test_order_independent shows). */
static void
test_old_store_migrates(void **state)
{
	const char	*all = embedded_get("db/review.sql", NULL);
	const char	*three = strstr(all, "-- @migration 3\n");
	char		*old, *err = NULL, *before, *after, *fresh;
	sqlite3		*db;
	size_t		 order[NROWS];

	(void)state;
	assert_non_null(three);
	old = xstrndup(all, (size_t)(three - all));
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "ATTACH ':memory:' AS review", NULL,
	    NULL, NULL), SQLITE_OK);
	assert_int_equal(db_migrate(db, "review", old, "test", &err), 0);
	assert_int_equal(int_of(db, "PRAGMA review.user_version"), 2);
	for (size_t i = 0; i < NROWS; i += 2)
		insert(db, &rows[i]);
	before = dump(db);
	assert_non_null(strstr(before, "status=flagged@"));
	assert_int_equal(db_migrate(db, "review", all, "test", &err), 0);
	assert_int_equal(int_of(db, "PRAGMA review.user_version"), 3);
	assert_int_equal(int_of(db, "SELECT count(*) FROM review.sqlite_master "
	    "WHERE type = 'trigger'"), 0);
	after = dump(db);
	assert_string_equal(after, before);
	assert_int_equal(db_journal_triggers(db, "review"), SQLITE_OK);
	for (size_t i = 1; i < NROWS; i += 2)
		insert(db, &rows[i]);
	free(after);
	after = dump(db);
	for (size_t i = 0; i < NROWS; i++)
		order[i] = i;
	fresh = run(order, NROWS);
	assert_string_equal(after, fresh);
	free(fresh);
	free(after);
	free(before);
	free(old);
	sqlite3_close(db);
}

static void
test_hlc(void **state)
{
	char	*a, *b, *c, *far;

	(void)state;
	a = bdb_hlc_next(NULL, "dev1");
	b = bdb_hlc_next(a, "dev1");
	assert_true(strcmp(b, a) > 0);
	assert_int_equal(strlen(a), strlen("0000000000000.000000.dev1"));
	/* A clock ahead of ours (another machine): we count on from it. */
	far = xstrdup("9999999999998.000041.other");
	c = bdb_hlc_next(far, "dev1");
	assert_string_equal(c, "9999999999998.000042.dev1");
	free(c);
	c = bdb_hlc_next("9999999999998.999999.other", "dev1");
	assert_string_equal(c, "9999999999999.000000.dev1");
	free(a);
	free(b);
	free(c);
	free(far);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_independent),
		cmocka_unit_test(test_delete_loses_to_later_edit),
		cmocka_unit_test(test_edit_kept_when_delete_wins),
		cmocka_unit_test(test_old_store_migrates),
		cmocka_unit_test(test_hlc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
