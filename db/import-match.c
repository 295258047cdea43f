/* import-match.c: which document an imported file is (import.h).  Told
 * by the user (--replace), else by reference, else by source file, else
 * by identical bytes, else by a slug its front matter gives; otherwise it is a new document, and
 * a new document never takes a slug another one holds: it gets one from
 * its reference or title, else "letter-2", "letter-3"...  Replacing
 * by slug alone is what once let one letter.txt silently replace
 * another. */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "import.h"
#include "slug.h"
#include "xmalloc.h"

#define ALT_SLUG_MAX	40	/* a slug from a title stays typeable */

#define Q_BY_SLUG "SELECT id, slug, digest, source FROM documents " \
	"WHERE slug = ?1"
#define Q_BY_REFERENCE "SELECT id, slug, digest, source FROM documents " \
	"WHERE reference = ?1 ORDER BY source IS ?2 DESC, id LIMIT 1"
#define Q_BY_SOURCE "SELECT id, slug, digest, source FROM documents " \
	"WHERE source = ?1 ORDER BY id LIMIT 1"
#define Q_BY_TEXT "SELECT id, slug, digest, source FROM documents " \
	"WHERE hash = ?1 ORDER BY id LIMIT 1"

static char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

/* Run a Q_BY_* query: 1 and m filled (with *same_source) if a document
 * was found, 0 if none, -1 with *err on an SQL error. */
static int
find_doc(struct bdb *b, const char *sql, const char *a1, const char *a2,
    struct match *m, int *same_source, char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, sql);
	int		 rc;

	if (st == NULL)
		goto fail;
	sqlite3_bind_text(st, 1, a1, -1, SQLITE_TRANSIENT);
	if (a2 != NULL)
		sqlite3_bind_text(st, 2, a2, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *src = (const char *)sqlite3_column_text(st, 3);

		m->id = sqlite3_column_int64(st, 0);
		m->slug = col_text(st, 1);
		m->digest = col_text(st, 2);
		if (same_source != NULL)
			*same_source = a2 != NULL && src != NULL &&
			    strcmp(src, a2) == 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
fail:
	*err = xasprintf("%s: cannot read the index: %s", bdb_path(b),
	    sqlite3_errmsg(bdb_sqlite(b)));
	return -1;
}

/* 1 if slug is free, 0 if taken, -1 on an SQL error. */
static int
slug_free(struct bdb *b, const char *slug, char **err)
{
	struct match	 m = { 0 };
	int		 rc = find_doc(b, Q_BY_SLUG, slug, NULL, &m, NULL, err);

	match_clear(&m);
	return rc < 0 ? -1 : !rc;
}

/* The slug a file asks for: its front matter's, else its file name's,
 * else its title's, else "doc". */
static char *
wanted_slug(const struct doc *d, const char *shown)
{
	char	*s = NULL;

	if (d->slug_given && d->slug != NULL)
		s = slug_make(d->slug, strlen(d->slug), SLUG_MAX);
	if (s == NULL)
		s = slug_from_path(shown);
	if (s == NULL && d->title != NULL)
		s = slug_make(d->title, strlen(d->title), ALT_SLUG_MAX);
	return s != NULL ? s : xstrdup("doc");
}

/* A slug of its own for a new document whose wanted slug is taken:
 * from its reference, else its title, else want-2, want-3... */
static char *
own_slug(struct bdb *b, const struct doc *d, const char *want, char **err)
{
	const char	*from[] = { d->reference, d->title };
	char		*s;
	int		 rc;

	for (size_t i = 0; i < 2; i++) {
		if (from[i] == NULL || (s = slug_make(from[i],
		    strlen(from[i]), ALT_SLUG_MAX)) == NULL)
			continue;
		if (strcmp(s, want) != 0 && (rc = slug_free(b, s, err)) != 0)
			return rc > 0 ? s : (free(s), NULL);
		free(s);
	}
	for (long n = 2; n < LONG_MAX; n++) {
		s = xasprintf("%s-%ld", want, n);
		if ((rc = slug_free(b, s, err)) != 0)
			return rc > 0 ? s : (free(s), NULL);
		free(s);
	}
	return NULL;
}

static int
match_new(struct bdb *b, const struct doc *d, char *want, struct match *m,
    char **err)
{
	int	rc = slug_free(b, want, err);

	if (rc < 0)
		return BDB_DATA;
	if (rc > 0) {
		m->slug = xstrdup(want);
		return BDB_OK;
	}
	if ((m->slug = own_slug(b, d, want, err)) == NULL)
		return BDB_DATA;
	m->why = xasprintf("slug %s is taken by another document", want);
	return BDB_OK;
}

int
import_match(struct bdb *b, const struct doc *d, const char *source,
    const char *shown, const char *replace, struct match *m, char **err)
{
	char	*want = wanted_slug(d, shown);
	int	 rc = BDB_DATA, found, same = 0;

	memset(m, 0, sizeof *m);
	*err = NULL;
	if (replace != NULL) {
		if ((found = find_doc(b, Q_BY_SLUG, replace, NULL, m, NULL,
		    err)) == 0) {
			*err = xasprintf("--replace: no document '%s' (try "
			    "'brief list')", replace);
			rc = BDB_NOTFOUND;
		} else if (found > 0) {
			m->why = xstrdup("replaced as asked");
			rc = BDB_OK;
		}
		goto out;
	}
	if (d->reference != NULL && (found = find_doc(b, Q_BY_REFERENCE,
	    d->reference, source, m, &same, err)) != 0) {
		if (found > 0 && !same)
			m->why = xasprintf("matched by reference %s",
			    d->reference);
		rc = found > 0 ? BDB_OK : BDB_DATA;
		goto out;
	}
	if (*err == NULL && source != NULL && (found = find_doc(b, Q_BY_SOURCE,
	    source, NULL, m, NULL, err)) != 0) {
		if (found > 0 && strcmp(m->slug, want) != 0)
			m->why = xasprintf("matched by source file %s", shown);
		rc = found > 0 ? BDB_OK : BDB_DATA;
		goto out;
	}
	/* The same bytes are the same document wherever they come from;
	 * this also finds what an older brief stored under a relative
	 * path. */
	if (*err == NULL && d->hash != NULL && (found = find_doc(b, Q_BY_TEXT,
	    d->hash, NULL, m, NULL, err)) != 0) {
		if (found > 0)
			m->why = xstrdup("matched by identical text");
		rc = found > 0 ? BDB_OK : BDB_DATA;
		goto out;
	}
	if (*err == NULL && d->slug_given && (found = find_doc(b, Q_BY_SLUG,
	    want, NULL, m, NULL, err)) != 0) {
		rc = found > 0 ? BDB_OK : BDB_DATA;
		goto out;
	}
	if (*err == NULL)
		rc = match_new(b, d, want, m, err);
out:
	free(want);
	if (rc != BDB_OK)
		match_clear(m);
	return rc;
}

void
match_clear(struct match *m)
{
	free(m->slug);
	free(m->digest);
	free(m->why);
	memset(m, 0, sizeof *m);
}

/* --- digest --------------------------------------------------------- */

/* 64-bit FNV-1a, fed field by field; each string with its NUL (and
 * NULL as a byte no UTF-8 string holds) so fields cannot run together. */
static void
fnv(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++)
		*h = (*h ^ s[i]) * 0x100000001b3ULL;
}

static void
fnv_str(uint64_t *h, const char *s)
{
	if (s == NULL)
		fnv(h, "\xff", 1);
	else
		fnv(h, s, strlen(s) + 1);
}

static void
fnv_int(uint64_t *h, long long v)
{
	fnv(h, &v, sizeof v);
}

static void
block_digest(uint64_t *h, const struct doc *d, const struct block *bl)
{
	fnv_int(h, bl->kind);
	fnv_int(h, bl->depth);
	fnv_int(h, bl->parent);
	fnv_int(h, bl->line);
	fnv_int(h, bl->fn);
	fnv_str(h, bl->anchor);
	/* A text in the spill file digests as it would in memory. */
	fnv_str(h, bl->spill_len > 0 ? block_text(d, bl) : bl->text);
	fnv_int(h, (long long)bl->nspans);
	for (size_t i = 0; i < bl->nspans; i++) {
		fnv_int(h, bl->spans[i].start);
		fnv_int(h, bl->spans[i].end);
		fnv_int(h, bl->spans[i].kind);
		fnv_str(h, bl->spans[i].target);
	}
}

void
doc_digest(const struct doc *d, char out[17])
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	fnv_str(&h, "brief-digest-1");
	fnv_str(&h, d->slug);
	fnv_str(&h, d->title);
	fnv_str(&h, d->kind);
	fnv_str(&h, d->reference);
	fnv_str(&h, d->date);
	fnv_str(&h, d->addressees);
	fnv_str(&h, d->parent);
	fnv_str(&h, d->hash);
	fnv_int(&h, d->mentions_annex);
	fnv_int(&h, (long long)d->nthemes);
	for (size_t i = 0; i < d->nthemes; i++)
		fnv_str(&h, d->themes[i]);
	fnv_int(&h, (long long)d->nblocks);
	for (size_t i = 0; i < d->nblocks; i++)
		block_digest(&h, d, &d->blocks[i]);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}
