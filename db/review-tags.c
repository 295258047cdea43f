/* review-tags.c: personal tags: a theme added to or taken from a
 * block by this reader, over the themes.conf rules (the RV_TAGGED view
 * of review-int.h applies them). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "review-int.h"
#include "store.h"
#include "xmalloc.h"

/* --- personal tags ------------------------------------------------------ */

static int
tag_set(struct bdb *b, const char *slug, const char *anchor,
    const char *theme, int removed, char **err)
{
	sqlite3_stmt	*st = rv_stmt_at(b, RV_JOURNAL "SELECT brief_author(), "
	    RV_HLC ", 'tag', d.slug, k.anchor, '', ?3, ?4, NULL, " RV_NOW ", "
	    RV_NOW " FROM blocks k JOIN documents d ON d.id = k.doc_id "
	    "WHERE d.slug = ?1 AND k.anchor = ?2", slug, anchor, err);
	int		 rc;

	if (st == NULL)
		return BDB_DATA;
	bind_str(st, 3, theme);
	sqlite3_bind_int(st, 4, removed);
	if ((rc = rv_write(b, st, 1, err)) == BDB_NOTFOUND)
		return rv_not_found(slug, anchor, err);
	return rc;
}

int
bdb_tag_add(struct bdb *b, const char *slug, const char *anchor,
    const char *theme, char **err)
{
	return tag_set(b, slug, anchor, theme, 0, err);
}

/* Whether the block has the theme now (its rules' tags less the ones
 * taken off, and personal tags): 1, 0, or -1 for no such block. */
static int
tag_held(struct bdb *b, const char *slug, const char *anchor,
    const char *theme)
{
	sqlite3_stmt	*st = rv_stmt(b, "SELECT (EXISTS (SELECT 1 FROM "
	    "block_themes t WHERE t.block_id = k.id AND t.theme = ?3) AND NOT "
	    "EXISTS (SELECT 1 FROM review.tags g WHERE g.slug = ?1 AND "
	    "g.anchor = ?2 AND g.theme = ?3 AND g.removed = 1)) OR EXISTS "
	    "(SELECT 1 FROM review.tags g WHERE g.slug = ?1 AND g.anchor = ?2 "
	    "AND g.theme = ?3 AND g.removed = 0) FROM blocks k JOIN documents "
	    "d ON d.id = k.doc_id WHERE d.slug = ?1 AND k.anchor = ?2", NULL);
	int		 held = -1;

	if (st == NULL)
		return -1;
	bind_str(st, 1, slug);
	bind_str(st, 2, anchor);
	bind_str(st, 3, theme);
	if (sqlite3_step(st) == SQLITE_ROW)
		held = sqlite3_column_int(st, 0) != 0;
	sqlite3_reset(st);
	return held;
}

/* Taking off a theme the block does not have is BDB_NOTFOUND, said so:
 * a success would hide a typo. */
int
bdb_tag_remove(struct bdb *b, const char *slug, const char *anchor,
    const char *theme, char **err)
{
	if (tag_held(b, slug, anchor, theme) == 0) {
		rv_set_err(err, xasprintf("%s#%s does not have the theme %s",
		    slug, anchor, theme));
		return BDB_NOTFOUND;
	}
	return tag_set(b, slug, anchor, theme, 1, err);
}

static void
tag_from_row(sqlite3_stmt *st, void *slot)
{
	struct bdb_tag	*t = slot;

	t->slug = col_str(st, 0);
	t->anchor = col_str(st, 1);
	t->theme = col_str(st, 2);
	t->removed = sqlite3_column_int(st, 3);
}

int
bdb_tags(struct bdb *b, const char *slug, const char *anchor,
    struct bdb_tag **out, size_t *n)
{
	sqlite3_stmt	*st = rv_stmt_at(b, "SELECT slug, anchor, theme, "
	    "removed FROM review.tags WHERE (?1 IS NULL OR slug = ?1) AND "
	    "(?2 IS NULL OR anchor = ?2) ORDER BY slug, anchor, theme",
	    slug, anchor, NULL);

	return db_rows(st, out, n, sizeof **out, tag_from_row);
}

void
bdb_tags_free(struct bdb_tag *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].slug);
		free(t[i].anchor);
		free(t[i].theme);
	}
	free(t);
}
