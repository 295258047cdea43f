/* test-store.c: the index: migrations and versions, storing and loading
 * documents, re-import keeping anchors, resolving names, checks. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "brief-db.h"
#include "embedded.h"
#include "parse.h"
#include "store.h"
#include "xmalloc.h"

static char *
tmp_path(const char *name)
{
	const char *dir = getenv("builddir");

	return xasprintf("%s/tests/tmp/store-%ld-%s", dir ? dir : ".",
	    (long)getpid(), name);
}

static struct bdb *
open_new(const char *name, unsigned flags, char **path)
{
	char		*err = NULL;
	struct bdb	*b;

	*path = tmp_path(name);
	unlink(*path);
	b = bdb_open(*path, flags | BDB_CREATE, &err);
	if (b == NULL)
		fail_msg("%s", err);
	return b;
}

static void
quiet(void *arg, enum diag_level l, const char *f, int line, int col,
    const char *msg)
{
	(void)arg; (void)l; (void)f; (void)line; (void)col; (void)msg;
}

static void
import_text(struct bdb *b, const char *name, const char *text)
{
	struct diag d = { quiet, NULL, 0, 0 };
	/* The fixtures are in the text reader's shape (every bullet a
	 * recommendation), not Markdown for cmark-gfm. */
	static const struct parse_opts text_format = { .format = "text" };

	assert_int_equal(bdb_import_buffer(b, name, text, strlen(text),
	    &text_format, &d), BDB_OK);
}

static void
test_new_index_has_letter(void **state)
{
	char		*path;
	struct bdb	*b = open_new("seed.db", 0, &path);
	struct doc	 d;

	assert_int_equal(bdb_load(b, "letter", &d), BDB_OK);
	assert_string_equal(d.reference, "TIGO IOR 10/2023.4926");
	assert_true(doc_find_anchor(&d, "rec-4.2") >= 0);
	assert_true(doc_find_anchor(&d, "fn-5") >= 0);
	doc_clear(&d);
	bdb_close(b);
	unlink(path);
	free(path);
}

static void
test_noseed_and_versions(void **state)
{
	char		*path, *err = NULL;
	struct bdb	*b = open_new("noseed.db", BDB_NOSEED, &path);
	struct doc	*docs;
	size_t		 n;
	sqlite3		*db;

	assert_int_equal(bdb_list(b, &docs, &n), BDB_NOTFOUND);
	bdb_close(b);
	/* A newer file is refused, and not changed. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_null(bdb_open(path, 0, &err));
	assert_non_null(strstr(err, "newer than this brief"));
	free(err);
	unlink(path);
	free(path);
}

static void
test_latest_version(void **state)
{
	assert_int_equal(db_latest_version("-- @migration 1\nx;\n"
	    "-- @migration 2\ny;\n"), 2);
	assert_true(db_latest_version(embedded_get("db/schema.sql", NULL)) >= 1);
}

/* The quick check a start makes before taking the migration path: only
 * a file of ours at the latest version passes. */
static void
test_schema_current(void **state)
{
	const char	*sql = "-- @migration 1\nCREATE TABLE t (a);\n"
	    "-- @migration 2\nCREATE TABLE u (b);\n";
	char		*err = NULL, *v1;
	sqlite3		*db;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_false(db_schema_current(db, "main", sql));	/* empty */
	v1 = xasprintf("PRAGMA user_version = 1; PRAGMA application_id = %d",
	    BDB_APPLICATION_ID);
	assert_int_equal(sqlite3_exec(db, v1, NULL, NULL, NULL), SQLITE_OK);
	free(v1);
	assert_false(db_schema_current(db, "main", sql));	/* older */
	assert_int_equal(db_migrate(db, "main", sql, "t.db", &err), 0);
	assert_true(db_schema_current(db, "main", sql));
	assert_int_equal(sqlite3_exec(db, "PRAGMA application_id = 7", NULL,
	    NULL, NULL), SQLITE_OK);
	assert_false(db_schema_current(db, "main", sql));	/* not ours */
	assert_false(db_schema_current(db, "nosuch", sql));	/* error */
	sqlite3_close(db);
	free(err);
}

/* The reader's document when none is named: the first letter in
 * bdb_list order (annexes after their letter), else the first document. */
static void
test_first_slug(void **state)
{
	char		*path, *slug = NULL;
	struct bdb	*b = open_new("first.db", BDB_NOSEED, &path);
	sqlite3		*db = bdb_sqlite(b);

	assert_int_equal(bdb_first_slug(b, &slug), BDB_NOTFOUND);
	assert_null(slug);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO documents (slug, title, "
	    "kind, hash, parent) VALUES ('b-brief', 't', 'briefing', 'h', "
	    "NULL), ('a-annex', 't', 'annex', 'h', 'z-letter')", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_equal(bdb_first_slug(b, &slug), BDB_OK);
	assert_string_equal(slug, "b-brief");	/* no letter: the first */
	free(slug);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO documents (slug, title, "
	    "kind, hash, parent) VALUES ('z-letter', 't', 'letter', 'h', NULL), "
	    "('y-letter', 't', 'letter', 'h', 'z-letter'), "
	    "('x-letter', 't', 'letter', 'h', NULL)", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(bdb_first_slug(b, &slug), BDB_OK);
	assert_string_equal(slug, "x-letter");
	free(slug);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM documents WHERE slug = "
	    "'x-letter'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(bdb_first_slug(b, &slug), BDB_OK);
	assert_string_equal(slug, "z-letter");	/* before its annex y */
	free(slug);
	bdb_close(b);
	unlink(path);
	free(path);
}

static void
test_not_ours(void **state)
{
	char		*path = tmp_path("other.db"), *err = NULL;
	sqlite3		*db;

	unlink(path);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
	sqlite3_close(db);
	assert_null(bdb_open(path, 0, &err));
	assert_non_null(strstr(err, "not a brief file"));
	free(err);
	unlink(path);
	free(path);
}

static const char v1[] =
    "---\ntitle: Fixture\nkind: briefing\n---\n"
    "First paragraph stays.\n\nSecond paragraph stays too.\n\n"
    "- **A recommendation**\n";
static const char v2[] =
    "---\ntitle: Fixture\nkind: briefing\n---\n"
    "A new opening paragraph.\n\nFirst paragraph stays.\n\n"
    "Second paragraph stays too.\n\n- **A recommendation**\n";

static const char *
anchor_of(const struct doc *d, const char *text)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (strcmp(d->blocks[i].text, text) == 0)
			return d->blocks[i].anchor;
	return "(none)";
}

static void
test_reimport_keeps_anchors(void **state)
{
	char		*path;
	struct bdb	*b = open_new("reimport.db", BDB_NOSEED, &path);
	struct doc	 d;
	char		*report;

	import_text(b, "fixture.md", v1);
	assert_int_equal(bdb_load(b, "fixture", &d), BDB_OK);
	assert_string_equal(anchor_of(&d, "First paragraph stays."), "p-1");
	assert_string_equal(anchor_of(&d, "Second paragraph stays too."), "p-2");
	doc_clear(&d);
	import_text(b, "fixture.md", v2);
	assert_int_equal(bdb_load(b, "fixture", &d), BDB_OK);
	/* Unchanged text keeps its anchor; the new paragraph takes a free one. */
	assert_string_equal(anchor_of(&d, "First paragraph stays."), "p-1");
	assert_string_equal(anchor_of(&d, "Second paragraph stays too."), "p-2");
	assert_string_equal(anchor_of(&d, "A new opening paragraph."), "p-3");
	assert_string_equal(anchor_of(&d, "A recommendation"), "rec-1");
	doc_clear(&d);
	assert_int_equal(bdb_check(b, &report), BDB_OK);
	free(report);
	bdb_close(b);
	unlink(path);
	free(path);
}

static void
test_resolve(void **state)
{
	char		*path, *s;
	struct bdb	*b = open_new("resolve.db", 0, &path);

	import_text(b, "letters.md", "Some text.\n");
	s = bdb_resolve(b, "letter");
	assert_string_equal(s, "letter");	/* exact beats prefix */
	free(s);
	assert_null(bdb_resolve(b, "lett"));	/* ambiguous prefix */
	s = bdb_resolve(b, "letters");
	assert_string_equal(s, "letters");
	free(s);
	s = bdb_resolve(b, "TIGO IOR 10/2023.4926");
	assert_string_equal(s, "letter");
	free(s);
	assert_null(bdb_resolve(b, "nothing"));
	assert_null(bdb_resolve(b, "%"));	/* no LIKE patterns */
	bdb_close(b);
	unlink(path);
	free(path);
}

static void
test_breadcrumb_and_citing(void **state)
{
	char		*path, *crumb;
	struct bdb	*b = open_new("crumb.db", 0, &path);
	struct doc	 d;
	int		*seqs;
	size_t		 n;

	assert_int_equal(bdb_load(b, "letter", &d), BDB_OK);
	crumb = doc_breadcrumb(&d, doc_find_anchor(&d, "rec-2.3"), 30);
	assert_non_null(crumb);
	assert_true(strncmp(crumb, "rec-2.3 Strengthening", 21) == 0);
	assert_true(strlen(crumb) <= 30);
	free(crumb);
	assert_null(doc_breadcrumb(&d, doc_find_anchor(&d, "p-1"), 40));
	n = doc_citing(&d, doc_find_anchor(&d, "fn-4"), &seqs);
	assert_int_equal(n, 1);
	assert_string_equal(d.blocks[seqs[0]].anchor, "rec-4.2");
	free(seqs);
	doc_clear(&d);
	bdb_close(b);
	unlink(path);
	free(path);
}

/* What the reader holds: bdb_load_outline_spans is bdb_load without the
 * texts (each ""), every span kept; bdb_texts_each gives each block's
 * text, the blocks then the footnotes, each in seq order. */
struct texts {
	const struct doc	*whole;
	int			 next;	/* the seq expected next */
	int			 pass;	/* 0 blocks, 1 footnotes */
	size_t			 n;
};

static int
check_text(void *arg, int seq, const char *text)
{
	struct texts *t = arg;

	while (t->next < (int)t->whole->nblocks &&
	    (t->whole->blocks[t->next].kind == BK_FOOTNOTE) != t->pass)
		t->next++;
	assert_int_equal(seq, t->next);
	assert_string_equal(text, t->whole->blocks[seq].text);
	t->next++;
	t->n++;
	return BDB_OK;
}

static void
test_outline_spans_and_texts(void **state)
{
	char		*path;
	struct bdb	*b = open_new("outline.db", 0, &path);
	struct doc	 whole, o;
	struct texts	 t = { &whole, 0, 0, 0 };
	size_t		 spans = 0;
	char		*text;

	assert_int_equal(bdb_load(b, "letter", &whole), BDB_OK);
	assert_int_equal(bdb_load_outline_spans(b, "letter", &o), BDB_OK);
	assert_int_equal(o.nblocks, whole.nblocks);
	for (size_t i = 0; i < o.nblocks; i++) {
		assert_string_equal(o.blocks[i].text, "");
		assert_string_equal(o.blocks[i].anchor, whole.blocks[i].anchor);
		assert_int_equal(o.blocks[i].nspans, whole.blocks[i].nspans);
		for (size_t k = 0; k < o.blocks[i].nspans; k++) {
			assert_int_equal(o.blocks[i].spans[k].start,
			    whole.blocks[i].spans[k].start);
			assert_int_equal(o.blocks[i].spans[k].kind,
			    whole.blocks[i].spans[k].kind);
		}
		spans += o.blocks[i].nspans;
		/* One block's text alone, as the pager reads it. */
		assert_int_equal(bdb_block_text(b, o.blocks[i].id, &text),
		    BDB_OK);
		assert_string_equal(text, whole.blocks[i].text);
		free(text);
	}
	assert_true(spans > 0);
	assert_int_equal(bdb_block_text(b, -1, &text), BDB_NOTFOUND);
	assert_null(text);
	assert_int_equal(bdb_texts_each(b, o.id, BDB_NO_NOTES, check_text,
	    &t), BDB_OK);
	t.next = 0;
	t.pass = 1;
	assert_int_equal(bdb_texts_each(b, o.id, BDB_NOTES, check_text, &t),
	    BDB_OK);
	assert_int_equal(t.n, whole.nblocks);
	doc_clear(&o);
	doc_clear(&whole);
	bdb_close(b);
	unlink(path);
	free(path);
}

/* One bdb_search_doc gives every matching block of a document in seq
 * order with the byte ranges of its matches (stemmed: "seekers" for
 * "seeker"), keeps the in: filters, and says why a query cannot be
 * read. */
static void
test_search_doc_ranges(void **state)
{
	char			*path, *err = NULL;
	struct bdb		*b = open_new("docm.db", 0, &path);
	struct doc		 d;
	struct doc_match	*m = NULL;
	size_t			 n = 0;
	const char		*t;

	import_text(b, "ranges.txt", "Asylum seekers\n\nNothing here.\n\n"
	    "An asylum seeker, asylum.\n");
	assert_int_equal(bdb_load(b, "ranges", &d), BDB_OK);
	assert_int_equal(bdb_search_doc(b, "asylum seeker", "ranges", &m, &n,
	    &err), BDB_OK);
	assert_null(err);
	assert_int_equal(n, 2);
	assert_true(m[0].seq < m[1].seq);
	t = d.blocks[m[1].seq].text;
	assert_string_equal(t, "An asylum seeker, asylum.");
	assert_int_equal(m[1].nranges, 3);
	assert_int_equal(m[1].ranges[0][0], 3);
	assert_int_equal(m[1].ranges[0][1], 9);
	assert_int_equal(m[1].ranges[1][0], 10);
	assert_int_equal(m[1].ranges[1][1], 16);
	assert_int_equal(m[1].ranges[2][0], 18);
	assert_int_equal(m[1].ranges[2][1], 24);
	t = d.blocks[m[0].seq].text;
	assert_int_equal(m[0].nranges, 2);
	assert_memory_equal(t + m[0].ranges[1][0], "seekers",
	    m[0].ranges[1][1] - m[0].ranges[1][0]);
	bdb_doc_matches_free(m, n);
	assert_int_equal(bdb_search_doc(b, "asylum in:footnotes", "ranges",
	    &m, &n, &err), BDB_NOTFOUND);
	assert_null(m);
	assert_int_equal(bdb_search_doc(b, "OR OR", "ranges", &m, &n, &err),
	    BDB_USAGE);
	assert_non_null(err);
	free(err);
	err = NULL;
	assert_int_equal(bdb_search_doc(b, "in:footnotes", "ranges", &m, &n,
	    &err), BDB_USAGE);
	assert_string_equal(err, "give words to look for, not only filters");
	free(err);
	doc_clear(&d);
	bdb_close(b);
	unlink(path);
	free(path);
}

/* The rank function keeps the best scores of a query to pass over rows
 * that cannot reach them: each run of the (cached) statement starts
 * afresh, so a page is the head of the whole ranking however many
 * searches ran on the handle before it. */
static void
test_search_pages_repeat(void **state)
{
	char			*path, *err = NULL;
	struct bdb		*b = open_new("pages.db", 0, &path);
	struct search_opts	 o = { .query = "asylum", .limit = 1000 };
	struct hit		*all = NULL, *page = NULL;
	size_t			 nall = 0, n = 0;
	struct buf		 text = { 0 };
	struct diag		 d = { 0 };

	for (int i = 1; i <= 300; i++) {
		buf_printf(&text, "%s %d", i % 9 == 0 ? "- **Lead.**" :
		    "Paragraph", i);
		for (int j = 0; j < (i * 37) % 40; j++)
			buf_printf(&text, " word%d", j);
		for (int j = 0; j <= i % 3; j++)
			buf_adds(&text, " asylum");
		buf_adds(&text, ".\n\n");
	}
	assert_int_equal(bdb_import_buffer(b, "pages.txt", text.data,
	    text.len, 0, &d), BDB_OK);
	buf_free(&text);
	assert_int_equal(bdb_search(b, &o, &all, &nall, &err), BDB_OK);
	assert_true(nall >= 300);
	o.limit = 4;
	for (int round = 0; round < 3; round++) {
		o.offset = round * 30;
		assert_int_equal(bdb_search(b, &o, &page, &n, &err), BDB_OK);
		assert_int_equal(n, 4);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(page[i].block_id,
			    all[i + o.offset].block_id);
			assert_true(page[i].rank == all[i + o.offset].rank);
		}
		bdb_hits_free(page, n);
	}
	bdb_hits_free(all, nall);
	bdb_close(b);
	unlink(path);
	free(path);
}

/* A set cancel flag stops a search with a message; cleared, the same
 * search runs. */
static void
test_search_cancelled(void **state)
{
	static volatile sig_atomic_t	 flag = 1;
	char				*path, *err = NULL;
	struct bdb			*b = open_new("cancel.db", 0, &path);
	struct search_opts		 o = { .query = "asylum" };
	struct hit			*hits = NULL;
	size_t				 n = 0;
	struct buf			 text = { 0 };
	struct diag			 d = { 0 };

	/* Enough rows that the query runs past a few progress steps. */
	for (int i = 0; i < 2000; i++)
		buf_printf(&text, "Paragraph %d on asylum and more.\n\n", i);
	assert_int_equal(bdb_import_buffer(b, "many.txt", text.data, text.len,
	    0, &d), BDB_OK);
	buf_free(&text);
	bdb_set_cancel(b, &flag);
	assert_int_equal(bdb_search(b, &o, &hits, &n, &err), BDB_DATA);
	assert_non_null(err);
	assert_string_equal(err, "search cancelled");
	free(err);
	err = NULL;
	flag = 0;
	assert_int_equal(bdb_search(b, &o, &hits, &n, &err), BDB_OK);
	assert_true(n > 0);
	bdb_hits_free(hits, n);
	bdb_set_cancel(b, NULL);
	bdb_close(b);
	unlink(path);
	free(path);
}

/* brief_snippet() (db/search-snippet.c) gives what FTS5's snippet() with
 * the arguments search used gives, byte for byte, for every block up to
 * 4096 characters: matches at the start, the end, in several sentences,
 * phrases, prefixes, repeated and overlapping terms.  A longer block
 * gets the first match with four tokens before it. */
static int
snippet_mismatches(struct bdb *b, const char *match, int *rows)
{
	sqlite3_stmt	*st;
	int		 bad = 0;

	assert_int_equal(sqlite3_prepare_v2(bdb_sqlite(b), "SELECT "
	    "brief_snippet(blocks_fts, b.text, CASE b.kind WHEN 'bullet' "
	    "THEN 0 WHEN 'heading' THEN 0 WHEN 'title' THEN 1 WHEN "
	    "'paragraph' THEN 2 WHEN 'footnote' THEN 3 ELSE 4 END) IS NOT "
	    "snippet(blocks_fts, -1, char(1), char(2), '...', 24) FROM "
	    "blocks_fts JOIN blocks b ON b.id = blocks_fts.rowid WHERE "
	    "blocks_fts MATCH ? AND length(b.text) <= 4096", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		bad += sqlite3_column_int(st, 0);
		++*rows;
	}
	sqlite3_finalize(st);
	return bad;
}

static void
test_snippet_as_fts5(void **state)
{
	static const char *queries[] = { "asylum", "rights", "human AND rights",
	    "\"human rights\"", "\"human rights\" OR rights", "hu*", "a*",
	    "the", "asylum NOT detention", "asylum OR detention OR torture",
	    "migra* OR \"third country\"", "end", "start", "turkiye",
	    "amnesty", "eu", "NEAR(human rights, 4)", "words OR asylum",
	    "word1* OR word2*", "dot OR colon" };
	char		*path, *err = NULL, *snip;
	struct bdb	*b = open_new("snippet.db", 0, &path);
	struct buf	 text = { 0 };
	struct diag	 d = { 0 };
	sqlite3_stmt	*st;
	int		 rows = 0;

	(void)state;
	buf_adds(&text, "SNIPPET FIXTURE\n\n");
	for (int i = 1; i <= 120; i++) {
		buf_printf(&text, "%s%s", i % 11 == 0 ? "- **Lead.** " : "",
		    i % 5 == 0 ? "Start asylum here. " : "Paragraph text ");
		for (int j = 0; j < (i * 13) % 70; j++)
			buf_printf(&text, "%s%s word%d", j % 9 == 3 ? "asylum" :
			    j % 9 == 5 ? "human rights" : "w", j % 17 == 8 ?
			    ". Dot" : j % 19 == 7 ? ": colon" : "", j);
		if (i % 7 == 0)	/* not ASCII: unicode61 cuts these */
			buf_adds(&text, " Türkiye—Łódź 北京 asylum¹ "
			    "“human rights”.");
		buf_adds(&text, i % 3 == 0 ? " the end asylum.\n\n" :
		    " rights.\n\n");
	}
	/* One block longer than 4096 characters, its only match late. */
	buf_adds(&text, "Long");
	for (int j = 0; j < 700; j++)
		buf_printf(&text, " long%d", j);
	buf_adds(&text, " latecomer tail one two three four five six seven "
	    "eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
	    "seventeen eighteen nineteen twenty twentyone twentytwo.\n\n");
	assert_int_equal(bdb_import_buffer(b, "snippet.txt", text.data,
	    text.len, 0, &d), BDB_OK);
	buf_free(&text);
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
		if (snippet_mismatches(b, queries[i], &rows) != 0)
			fail_msg("brief_snippet differs from snippet() for %s",
			    queries[i]);
	assert_true(rows > 500);
	assert_int_equal(sqlite3_prepare_v2(bdb_sqlite(b), "SELECT "
	    "brief_snippet(blocks_fts, b.text, 2) FROM blocks_fts JOIN blocks "
	    "b ON b.id = blocks_fts.rowid WHERE blocks_fts MATCH 'latecomer'",
	    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snip = (char *)sqlite3_column_text(st, 0);
	assert_string_equal(snip, "...long696 long697 long698 long699 "
	    "\001latecomer\002 tail one two three four five six seven eight "
	    "nine ten eleven twelve thirteen fourteen fifteen sixteen "
	    "seventeen eighteen...");
	sqlite3_finalize(st);
	free(err);
	bdb_close(b);
	unlink(path);
	free(path);
}

/* A search reads in a read transaction of its own and ends it (a write
 * after it is not refused), or in the caller's, which it leaves open. */
static void
test_search_transaction(void **state)
{
	char			*path, *err = NULL;
	struct bdb		*b = open_new("txn.db", 0, &path);
	struct search_opts	 o = { .query = "asylum", .limit = 5 };
	struct hit		*hits = NULL;
	size_t			 n = 0, first;

	(void)state;
	assert_int_equal(bdb_search(b, &o, &hits, &n, &err), BDB_OK);
	bdb_hits_free(hits, n);
	first = n;
	assert_true(first > 0);
	assert_true(sqlite3_get_autocommit(bdb_sqlite(b)));
	assert_int_equal(bdb_begin(b, &err), 0);
	assert_int_equal(bdb_search(b, &o, &hits, &n, &err), BDB_OK);
	assert_int_equal(n, first);
	bdb_hits_free(hits, n);
	assert_false(sqlite3_get_autocommit(bdb_sqlite(b)));
	assert_int_equal(bdb_commit(b, &err), 0);
	bdb_close(b);
	unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_index_has_letter),
		cmocka_unit_test(test_noseed_and_versions),
		cmocka_unit_test(test_latest_version),
		cmocka_unit_test(test_not_ours),
		cmocka_unit_test(test_schema_current),
		cmocka_unit_test(test_snippet_as_fts5),
		cmocka_unit_test(test_search_transaction),
		cmocka_unit_test(test_first_slug),
		cmocka_unit_test(test_reimport_keeps_anchors),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_breadcrumb_and_citing),
		cmocka_unit_test(test_outline_spans_and_texts),
		cmocka_unit_test(test_search_cancelled),
		cmocka_unit_test(test_search_doc_ranges),
		cmocka_unit_test(test_search_pages_repeat),
	};
	char *dir = tmp_path("");

	*strrchr(dir, '/') = '\0';
	{
		char *cmd = xasprintf("mkdir -p '%s'", dir);

		if (system(cmd) != 0)
			return 1;
		free(cmd);
	}
	free(dir);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
