/* test-review.c: the review store (db/review.c) against temporary files:
 * statuses, notes, the rest of the store, what a re-import does to
 * review data, the file's mode, and files it must refuse untouched. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "brief-db.h"
#include "store.h"
#include "embedded.h"
#include "xmalloc.h"

struct fx {
	char		*dir;
	char		*index;
	char		*review;
	struct bdb	*b;
};

static void
quiet(void *arg, enum diag_level l, const char *f, int line, int col,
    const char *msg)
{
}

static struct bdb *
open_index(struct fx *f)
{
	char		*err = NULL;
	struct bdb	*b = bdb_open(f->index, BDB_CREATE, &err);

	if (b == NULL)
		fail_msg("%s", err);
	return b;
}

static int
setup(void **state)
{
	struct fx	*f = xcalloc(1, sizeof *f);
	const char	*bd = getenv("builddir");
	char		*err = NULL, *tmp;

	tmp = xasprintf("%s/tests/tmp", bd ? bd : ".");
	mkdir(tmp, 0700);
	f->dir = xasprintf("%s/test-review.XXXXXX", tmp);
	free(tmp);
	assert_non_null(mkdtemp(f->dir));
	f->index = xasprintf("%s/index.db", f->dir);
	f->review = xasprintf("%s/sub/review.db", f->dir);
	/* The default store: its missing folder is made. */
	setenv("BRIEF_REVIEW", f->review, 1);
	f->b = open_index(f);
	assert_int_equal(bdb_review_attach(f->b, f->review, &err), BDB_OK);
	assert_null(err);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;
	char		*cmd = xasprintf("rm -rf '%s'", f->dir);

	bdb_close(f->b);
	if (system(cmd) != 0)
		return -1;
	free(cmd);
	free(f->dir);
	free(f->index);
	free(f->review);
	free(f);
	return 0;
}

/* Import the bundled letter with each (from, to) replacement applied;
 * to "" with from ending in '\n' cuts a line. */
static void
import_letter(struct bdb *b, const char *from, const char *to)
{
	size_t		 len;
	const char	*text = embedded_get("data/briefings/letter.txt", &len);
	struct buf	 out = { 0 };
	struct diag	 d = { quiet, NULL, 0, 0 };
	const char	*p = from ? strstr(text, from) : NULL;

	if (from != NULL)
		assert_non_null(p);
	if (p != NULL) {
		buf_add(&out, text, p - text);
		buf_adds(&out, to);
		buf_adds(&out, p + strlen(from));
	} else
		buf_add(&out, text, len);
	assert_int_equal(bdb_import_buffer(b, "letter.txt", out.data, out.len,
	    0, &d), BDB_OK);
	buf_free(&out);
}

static char *
read_file(const char *path, size_t *len)
{
	FILE	*fp = fopen(path, "rb");
	char	*s;
	long	 n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	s = xmalloc(n + 1);
	assert_int_equal(fread(s, 1, n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return s;
}

static void
test_status_round_trip(void **state)
{
	struct fx	*f = *state;
	int		 st, sv;
	char		*err = NULL;

	assert_int_equal(bdb_status_get(f->b, "letter", "rec-1", &st, &sv),
	    BDB_NOTFOUND);
	assert_int_equal(st, RS_UNREAD);
	assert_int_equal(bdb_status_set(f->b, "letter", "rec-1", RS_DONE, &err),
	    BDB_OK);
	assert_int_equal(bdb_status_get(f->b, "letter", "rec-1", &st, &sv),
	    BDB_OK);
	assert_int_equal(st, RS_DONE);
	assert_int_equal(sv, RV_CURRENT);
	assert_int_equal(bdb_status_set(f->b, "letter", "rec-1", RS_FLAGGED,
	    &err), BDB_OK);
	bdb_status_get(f->b, "letter", "rec-1", &st, &sv);
	assert_int_equal(st, RS_FLAGGED);

	/* A fresh handle sees it: it was committed. */
	bdb_close(f->b);
	f->b = open_index(f);
	assert_int_equal(bdb_review_attach(f->b, f->review, &err), BDB_OK);
	bdb_status_get(f->b, "letter", "rec-1", &st, &sv);
	assert_int_equal(st, RS_FLAGGED);
}

static void
test_status_unknown_anchor(void **state)
{
	struct fx	*f = *state;
	char		*err = NULL;

	assert_int_equal(bdb_status_set(f->b, "letter", "rec-99", RS_DONE,
	    &err), BDB_NOTFOUND);
	assert_non_null(strstr(err, "letter#rec-99"));
	free(err);
	err = NULL;
	assert_int_equal(bdb_note_add(f->b, "nosuch", "rec-1", "x", NULL, &err),
	    BDB_NOTFOUND);
	free(err);
	assert_int_equal(bdb_status_from_name("finished"), -1);
	assert_int_equal(bdb_status_from_name("flagged"), RS_FLAGGED);
}

static void
test_status_cycle(void **state)
{
	struct fx	*f = *state;
	const int	 want[] = { RS_READ, RS_FLAGGED, RS_DONE, RS_UNREAD, RS_READ };
	int		 st = -1;
	char		*err = NULL;

	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_int_equal(bdb_status_cycle(f->b, "letter", "rec-2.1", &st,
		    &err), BDB_OK);
		assert_int_equal(st, want[i]);
	}
	assert_int_equal(bdb_status_cycle(f->b, "letter", "nope", &st, &err),
	    BDB_NOTFOUND);
	free(err);
}

static void
test_notes(void **state)
{
	struct fx	*f = *state;
	struct bdb_note	*n;
	size_t		 nn;
	int64_t		 id1, id2;
	char		*err = NULL;
	const char	*evil = "see \033[2J\033]52;c;ZXZpbA==\007 here\n2nd line";

	assert_int_equal(bdb_note_add(f->b, "letter", "rec-2", "second block",
	    &id2, &err), BDB_OK);
	assert_int_equal(bdb_note_add(f->b, "letter", "rec-1", evil, &id1,
	    &err), BDB_OK);
	assert_int_equal(bdb_note_add(f->b, "letter", "rec-1", "another",
	    NULL, &err), BDB_OK);
	assert_int_equal(bdb_note_edit(f->b, id2, "second, edited", &err),
	    BDB_OK);
	assert_int_equal(bdb_notes(f->b, "letter", NULL, &n, &nn), BDB_OK);
	assert_int_equal(nn, 3);
	/* Document order, then creation order; stored as typed. */
	assert_string_equal(n[0].anchor, "rec-1");
	assert_string_equal(n[0].body, evil);
	assert_null(n[0].edited);
	assert_non_null(n[0].created);
	assert_string_equal(n[1].body, "another");
	assert_string_equal(n[2].anchor, "rec-2");
	assert_string_equal(n[2].body, "second, edited");
	assert_non_null(n[2].edited);
	assert_int_equal(n[2].state, RV_CURRENT);
	assert_true(n[0].seq >= 0 && n[0].seq < n[2].seq);
	bdb_notes_free(n, nn);

	assert_int_equal(bdb_note_delete(f->b, id2, &err), BDB_OK);
	assert_int_equal(bdb_note_edit(f->b, id2, "x", &err), BDB_NOTFOUND);
	free(err);
	assert_int_equal(bdb_notes(f->b, NULL, "rec-2", &n, &nn), BDB_OK);
	assert_int_equal(nn, 0);
	bdb_notes_free(n, nn);
}

static void
test_big_note(void **state)
{
	struct fx	*f = *state;
	size_t		 len = 1024 * 1024;
	char		*big = xmalloc(len + 1), *err = NULL;
	struct bdb_note	*n;
	size_t		 nn;

	memset(big, 'x', len);
	big[len] = '\0';
	assert_int_equal(bdb_note_add(f->b, "letter", "fn-1", big, NULL, &err),
	    BDB_OK);
	assert_int_equal(bdb_notes(f->b, "letter", "fn-1", &n, &nn), BDB_OK);
	assert_int_equal(nn, 1);
	assert_int_equal(strlen(n[0].body), len);
	bdb_notes_free(n, nn);
	free(big);
}

static void
test_changed_after_reimport(void **state)
{
	struct fx	*f = *state;
	int		 st, sv;
	char		*err = NULL;
	struct bdb_note	*n;
	struct bdb_stale *e;
	size_t		 nn, ne;

	assert_int_equal(bdb_status_set(f->b, "letter", "rec-1", RS_DONE, &err),
	    BDB_OK);
	assert_int_equal(bdb_status_set(f->b, "letter", "rec-3", RS_READ, &err),
	    BDB_OK);
	assert_int_equal(bdb_note_add(f->b, "letter", "rec-1", "Raise it",
	    NULL, &err), BDB_OK);

	import_letter(f->b, NULL, NULL);		/* the same again */
	bdb_status_get(f->b, "letter", "rec-1", &st, &sv);
	assert_int_equal(st, RS_DONE);
	assert_int_equal(sv, RV_CURRENT);

	import_letter(f->b, "A common European asylum", "A fair European asylum");
	bdb_status_get(f->b, "letter", "rec-1", &st, &sv);
	assert_int_equal(st, RS_DONE);
	assert_int_equal(sv, RV_CHANGED);
	bdb_status_get(f->b, "letter", "rec-3", &st, &sv);
	assert_int_equal(sv, RV_CURRENT);
	assert_int_equal(bdb_notes(f->b, "letter", "rec-1", &n, &nn), BDB_OK);
	assert_int_equal(nn, 1);
	assert_string_equal(n[0].body, "Raise it");
	assert_int_equal(n[0].state, RV_CHANGED);
	bdb_notes_free(n, nn);
	assert_int_equal(bdb_stale(f->b, "letter", &e, &ne), BDB_OK);
	assert_int_equal(ne, 1);
	assert_string_equal(e[0].anchor, "rec-1");
	assert_int_equal(e[0].state, RV_CHANGED);
	assert_int_equal(e[0].nnotes, 1);
	bdb_stale_free(e, ne);

	/* Reviewing it again makes it current. */
	bdb_status_set(f->b, "letter", "rec-1", RS_DONE, &err);
	bdb_status_get(f->b, "letter", "rec-1", &st, &sv);
	assert_int_equal(sv, RV_CURRENT);
}

static void
test_orphans_kept(void **state)
{
	struct fx	*f = *state;
	struct bdb_stale *e;
	struct bdb_item	*it;
	size_t		 ne, ni;
	int		 st, sv;
	char		*err = NULL, *json;
	const char	*line = strstr(embedded_get("data/briefings/letter.txt",
	    NULL), " - The Belgian Presidency should encourage");
	char		*cut = xstrndup(line, strchr(line, '\n') + 1 - line);

	assert_int_equal(bdb_status_set(f->b, "letter", "rec-4.2", RS_FLAGGED,
	    &err), BDB_OK);
	assert_int_equal(bdb_note_add(f->b, "letter", "rec-4.2", "spyware",
	    NULL, &err), BDB_OK);
	import_letter(f->b, cut, "");
	free(cut);

	assert_int_equal(bdb_status_get(f->b, "letter", "rec-4.2", &st, &sv),
	    BDB_OK);
	assert_int_equal(st, RS_FLAGGED);
	assert_int_equal(sv, RV_ORPHANED);
	assert_int_equal(bdb_stale(f->b, NULL, &e, &ne), BDB_OK);
	assert_int_equal(ne, 1);
	assert_int_equal(e[0].state, RV_ORPHANED);
	bdb_stale_free(e, ne);

	assert_int_equal(bdb_review_items(f->b, "letter", NULL, &it, &ni),
	    BDB_OK);
	assert_true(ni > 1);
	assert_string_equal(it[ni - 1].anchor, "rec-4.2");
	assert_int_equal(it[ni - 1].seq, -1);
	assert_int_equal(it[ni - 1].state, RV_ORPHANED);
	assert_int_equal(it[ni - 1].nnotes, 1);
	bdb_items_free(it, ni);

	assert_int_equal(bdb_review_json(f->b, NULL, NULL, &json), BDB_OK);
	assert_non_null(strstr(json, "\"orphaned\":[{\"anchor\":\"rec-4.2\""));
	free(json);
}

/* The pager's marks: the user's statuses and notes on a document's
 * blocks, in block order, with a status kept for an older text shown as
 * changed, deleted notes not counted and entries whose block went left
 * out. */
static void
test_marks(void **state)
{
	struct fx	*f = *state;
	struct bdb_mark	*m;
	struct doc	 d;
	size_t		 n;
	int64_t		 gone;
	char		*err = NULL;
	const char	*line = strstr(embedded_get("data/briefings/letter.txt",
	    NULL), " - The Belgian Presidency should encourage");
	char		*cut = xstrndup(line, strchr(line, '\n') + 1 - line);
	char		*text, *p;
	struct diag	 d0 = { quiet, NULL, 0, 0 };

	assert_int_equal(bdb_marks(f->b, "letter", &m, &n), BDB_OK);
	assert_int_equal(n, 0);
	bdb_marks_free(m, n);
	assert_int_equal(bdb_status_set(f->b, "letter", "rec-3", RS_READ, &err),
	    BDB_OK);
	assert_int_equal(bdb_status_set(f->b, "letter", "rec-1", RS_FLAGGED,
	    &err), BDB_OK);
	assert_int_equal(bdb_note_add(f->b, "letter", "rec-1", "one", NULL,
	    &err), BDB_OK);
	assert_int_equal(bdb_note_add(f->b, "letter", "rec-1", "two", &gone,
	    &err), BDB_OK);
	assert_int_equal(bdb_note_add(f->b, "letter", "rec-1", "three", NULL,
	    &err), BDB_OK);
	assert_int_equal(bdb_note_delete(f->b, gone, &err), BDB_OK);
	assert_int_equal(bdb_note_add(f->b, "letter", "p-1", "a note alone",
	    NULL, &err), BDB_OK);
	assert_int_equal(bdb_status_set(f->b, "letter", "rec-4.2", RS_DONE,
	    &err), BDB_OK);
	assert_int_equal(bdb_note_add(f->b, "letter", "rec-4.2", "gone soon",
	    NULL, &err), BDB_OK);
	/* rec-1's text changes, rec-4.2 goes, in one import. */
	text = xstrdup(embedded_get("data/briefings/letter.txt", NULL));
	p = strstr(text, cut);
	memmove(p, p + strlen(cut), strlen(p + strlen(cut)) + 1);
	p = strstr(text, "A common European asylum");
	memcpy(p, "A fairer", 8);
	assert_int_equal(bdb_import_buffer(f->b, "letter.txt", text,
	    strlen(text), 0, &d0), BDB_OK);
	free(text);
	free(cut);

	assert_int_equal(bdb_load_outline(f->b, "letter", &d), BDB_OK);
	assert_int_equal(bdb_marks(f->b, "letter", &m, &n), BDB_OK);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(m[i].seq, doc_find_anchor(&d, m[i].anchor));
		if (i > 0)
			assert_true(m[i - 1].seq < m[i].seq);
		if (strcmp(m[i].anchor, "rec-1") == 0) {
			assert_int_equal(m[i].status, RS_FLAGGED);
			assert_int_equal(m[i].state, RV_CHANGED);
			assert_int_equal(m[i].nnotes, 2);
		} else if (strcmp(m[i].anchor, "rec-3") == 0) {
			assert_int_equal(m[i].status, RS_READ);
			assert_int_equal(m[i].state, RV_CURRENT);
			assert_int_equal(m[i].nnotes, 0);
		} else {
			assert_string_equal(m[i].anchor, "p-1");
			assert_int_equal(m[i].status, RS_UNREAD);
			assert_int_equal(m[i].state, RV_CURRENT);
			assert_int_equal(m[i].nnotes, 1);
		}
	}
	bdb_marks_free(m, n);
	/* Another document, or none: no marks. */
	assert_int_equal(bdb_marks(f->b, "nosuch", &m, &n), BDB_OK);
	assert_int_equal(n, 0);
	bdb_marks_free(m, n);
	doc_clear(&d);
}

static void
test_export_items(void **state)
{
	struct fx	*f = *state;
	struct bdb_item	*it;
	size_t		 ni, recs = 0;
	char		*err = NULL, *json;

	bdb_status_set(f->b, "letter", "rec-1", RS_DONE, &err);
	bdb_note_add(f->b, "letter", "rec-1", "Raise with the migration team",
	    NULL, &err);
	bdb_note_add(f->b, "letter", "p-1", "a paragraph note", NULL, &err);
	assert_int_equal(bdb_review_items(f->b, NULL, NULL, &it, &ni), BDB_OK);
	for (size_t i = 0; i < ni; i++) {
		recs += it[i].rec;
		if (i > 0 && strcmp(it[i].slug, it[i - 1].slug) == 0)
			assert_true(it[i].seq > it[i - 1].seq);
	}
	assert_int_equal(recs, 9);		/* rec-1..4, 2.1-2.3, 4.1-4.2 */
	assert_string_equal(it[0].anchor, "p-1");
	assert_string_equal(it[1].anchor, "rec-1");
	assert_int_equal(it[1].status, RS_DONE);
	assert_int_equal(it[1].nnotes, 1);
	bdb_items_free(it, ni);

	assert_int_equal(bdb_review_json(f->b, "letter", NULL, &json), BDB_OK);
	assert_non_null(strstr(json, "{\"anchor\":\"rec-1\",\"recommendation\""
	    ":true,\"depth\":0,\"status\":\"done\",\"state\":\"current\""));
	assert_non_null(strstr(json, "\"body\":\"Raise with the migration "
	    "team\""));
	free(json);

	/* No block carries a made-up theme. */
	assert_int_equal(bdb_review_items(f->b, NULL, "no-such-theme", &it,
	    &ni), BDB_OK);
	assert_int_equal(ni, 0);
	free(it);
}

static void
test_places_and_more(void **state)
{
	struct fx		*f = *state;
	char			*err = NULL, *slug, *anchor, *body, **q;
	int			 off;
	int64_t			 sid;
	size_t			 n;
	struct bdb_progress	*p;
	struct bdb_tag		*t;
	struct bdb_draft	*d;

	assert_int_equal(bdb_bookmark_set(f->b, "a", "letter", "rec-3", 2,
	    &err), BDB_OK);
	assert_int_equal(bdb_bookmark_get(f->b, "a", &slug, &anchor, &off),
	    BDB_OK);
	assert_string_equal(anchor, "rec-3");
	assert_int_equal(off, 2);
	free(slug);
	free(anchor);
	assert_int_equal(bdb_bookmark_get(f->b, "z", &slug, &anchor, &off),
	    BDB_NOTFOUND);
	assert_int_equal(bdb_position_set(f->b, "letter", "p-4", 1, &err),
	    BDB_OK);
	assert_int_equal(bdb_position_get(f->b, "letter", &anchor, &off),
	    BDB_OK);
	assert_string_equal(anchor, "p-4");
	free(anchor);

	assert_int_equal(bdb_draft_save(f->b, "letter", "rec-2", "half a th",
	    &err), BDB_OK);
	assert_int_equal(bdb_drafts(f->b, &d, &n), BDB_OK);
	assert_int_equal(n, 1);
	bdb_drafts_free(d, n);
	assert_int_equal(bdb_draft_get(f->b, "letter", "rec-2", &body), BDB_OK);
	assert_string_equal(body, "half a th");
	free(body);
	bdb_draft_clear(f->b, "letter", "rec-2", &err);
	assert_int_equal(bdb_draft_get(f->b, "letter", "rec-2", &body),
	    BDB_NOTFOUND);

	assert_int_equal(bdb_session_start(f->b, &sid, &err), BDB_OK);
	bdb_session_visit(f->b, sid, "letter", "rec-1");
	bdb_session_visit(f->b, sid, "letter", "rec-1");
	bdb_session_visit(f->b, sid, "letter", "rec-2");
	bdb_status_set(f->b, "letter", "rec-2", RS_READ, &err);
	bdb_status_set(f->b, "letter", "rec-3", RS_DONE, &err);
	assert_int_equal(bdb_session_end(f->b, sid, &err), BDB_OK);

	assert_int_equal(bdb_progress_docs(f->b, &p, &n), BDB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].total, 9);
	assert_int_equal(p[0].count[RS_READ], 1);
	assert_int_equal(p[0].count[RS_DONE], 1);
	assert_int_equal(p[0].count[RS_UNREAD], 7);
	bdb_progress_free(p, n);

	assert_int_equal(bdb_tag_add(f->b, "letter", "rec-3", "mine", &err),
	    BDB_OK);
	assert_int_equal(bdb_tags(f->b, "letter", NULL, &t, &n), BDB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(t[0].theme, "mine");
	bdb_tags_free(t, n);
	assert_int_equal(bdb_progress_themes(f->b, &p, &n), BDB_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(p[i].key, "mine") == 0)
			assert_int_equal(p[i].count[RS_DONE], 1);
	bdb_progress_free(p, n);
	bdb_tag_remove(f->b, "letter", "rec-3", "mine", &err);
	assert_int_equal(bdb_progress_themes(f->b, &p, &n), BDB_OK);
	for (size_t i = 0; i < n; i++)
		assert_string_not_equal(p[i].key, "mine");
	bdb_progress_free(p, n);

	bdb_history_add(f->b, "asylum", &err);
	bdb_history_add(f->b, "spyware", &err);
	bdb_history_add(f->b, "asylum", &err);
	assert_int_equal(bdb_history(f->b, 10, &q, &n), BDB_OK);
	assert_int_equal(n, 2);
	assert_string_equal(q[0], "asylum");
	assert_string_equal(q[1], "spyware");
	bdb_history_free(q, n);
}

static void
test_sessions_counted(void **state)
{
	struct fx	*f = *state;
	sqlite3_stmt	*st;
	int64_t		 sid;
	char		*err = NULL;

	/* A change before any session on the handle counts nowhere (and
	 * does not keep the session's counting from working after). */
	assert_int_equal(bdb_status_cycle(f->b, "letter", "rec-1",
	    &(int){ 0 }, &err), BDB_OK);
	bdb_session_start(f->b, &sid, &err);
	bdb_session_visit(f->b, sid, "letter", "rec-1");
	bdb_session_visit(f->b, sid, "letter", "rec-1");
	bdb_session_visit(f->b, sid, "letter", "rec-2");
	bdb_status_cycle(f->b, "letter", "rec-2", &(int){ 0 }, &err);
	bdb_session_end(f->b, sid, &err);
	assert_int_equal(sqlite3_prepare_v2(bdb_sqlite(f->b), "SELECT "
	    "blocks_visited, statuses_changed, ended IS NOT NULL FROM "
	    "review.sessions WHERE id = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, sid);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);
	assert_int_equal(sqlite3_column_int(st, 1), 1);
	assert_int_equal(sqlite3_column_int(st, 2), 1);
	sqlite3_finalize(st);
}

static void
test_mode_0600(void **state)
{
	struct fx	*f = *state;
	struct stat	 sb;
	char		*path = xasprintf("%s/umask.db", f->dir), *err = NULL;
	struct bdb	*b = open_index(f);
	mode_t		 old = umask(0);

	assert_int_equal(stat(f->review, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(bdb_review_attach(b, path, &err), BDB_OK);
	umask(old);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_true(bdb_review_attached(b));
	bdb_close(b);
	free(path);
}

/* A store this program must refuse: message, the index still reads,
 * review calls fail cleanly, and the file's bytes are unchanged. */
static void
refused(struct fx *f, const char *path, const char *want)
{
	size_t		 len0, len1;
	char		*before = read_file(path, &len0), *after, *err = NULL;
	struct bdb	*b = open_index(f);
	struct doc	 d;
	int		 st, sv;

	assert_int_equal(bdb_review_attach(b, path, &err), BDB_DATA);
	assert_non_null(err);
	if (strstr(err, want) == NULL)
		fail_msg("'%s' not in '%s'", want, err);
	assert_null(strchr(err, '\n'));
	free(err);
	err = NULL;
	assert_false(bdb_review_attached(b));
	assert_int_equal(bdb_load(b, "letter", &d), BDB_OK);
	doc_clear(&d);
	assert_int_equal(bdb_status_get(b, "letter", "rec-1", &st, &sv),
	    BDB_DATA);
	assert_int_equal(bdb_status_set(b, "letter", "rec-1", RS_DONE, &err),
	    BDB_DATA);
	assert_non_null(err);
	free(err);
	bdb_close(b);
	after = read_file(path, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	free(before);
	free(after);
}

static void
test_newer_refused(void **state)
{
	struct fx	*f = *state;
	sqlite3		*db;

	bdb_status_set(f->b, "letter", "rec-1", RS_DONE, NULL);
	bdb_close(f->b);
	f->b = NULL;
	assert_int_equal(sqlite3_open(f->review, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode = DELETE; "
	    "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	refused(f, f->review, "newer");
	f->b = open_index(f);
}

static void
test_corrupt_refused(void **state)
{
	struct fx	*f = *state;
	char		*path = xasprintf("%s/corrupt.db", f->dir);
	FILE		*fp = fopen(path, "wb");

	assert_non_null(fp);
	for (int i = 0; i < 512; i++)
		fputs("not a database ", fp);
	fclose(fp);
	refused(f, path, "corrupt.db");
	free(path);
}

static void
test_foreign_refused(void **state)
{
	struct fx	*f = *state;
	char		*path = xasprintf("%s/other.db", f->dir);
	sqlite3		*db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t "
	    "VALUES (1)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	chmod(path, 0600);	/* private, so refused for being foreign */
	refused(f, path, "not a brief file");
	free(path);
}

static void
test_directory_refused(void **state)
{
	struct fx	*f = *state;
	char		*err = NULL;
	struct bdb	*b = open_index(f);

	assert_int_equal(bdb_review_attach(b, f->dir, &err), BDB_DATA);
	assert_non_null(strstr(err, "is a directory"));
	free(err);
	bdb_close(b);
}

static void
test_default_path(void **state)
{
	char	*p;

	setenv("BRIEF_REVIEW", "/x/r.db", 1);
	p = bdb_review_default_path();
	assert_string_equal(p, "/x/r.db");
	free(p);
	unsetenv("BRIEF_REVIEW");
	setenv("XDG_DATA_HOME", "/data", 1);
	p = bdb_review_default_path();
	assert_string_equal(p, "/data/brief/review.db");
	free(p);
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/u", 1);
	p = bdb_review_default_path();
	assert_string_equal(p, "/home/u/.local/share/brief/review.db");
	free(p);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_status_round_trip),
		T(test_status_unknown_anchor),
		T(test_status_cycle),
		T(test_notes),
		T(test_big_note),
		T(test_changed_after_reimport),
		T(test_orphans_kept),
		T(test_marks),
		T(test_export_items),
		T(test_places_and_more),
		T(test_sessions_counted),
		T(test_mode_0600),
		T(test_newer_refused),
		T(test_corrupt_refused),
		T(test_foreign_refused),
		T(test_directory_refused),
		cmocka_unit_test(test_default_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
