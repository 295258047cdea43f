/* query.c: reading the index into the model's plain structs (model.h):
 * the documents list, name resolution, whole documents, and pure helpers
 * over a loaded document (anchors, breadcrumbs, citations). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "xmalloc.h"

/* Columns: id slug title kind reference date addressees parent source
 * hash mentions_annex nblocks author. */
#define DOC_COLUMNS "d.id, d.slug, d.title, d.kind, d.reference, d.date, " \
	"d.addressees, d.parent, d.source, d.hash, d.mentions_annex, " \
	"(SELECT count(*) FROM blocks WHERE doc_id = d.id), d.author"

static void
doc_from_row(sqlite3_stmt *st, void *slot)
{
	struct doc	*d = slot;

	d->id = sqlite3_column_int64(st, 0);
	d->slug = col_str(st, 1);
	d->title = col_str(st, 2);
	d->kind = col_str(st, 3);
	d->reference = col_str(st, 4);
	d->date = col_str(st, 5);
	d->addressees = col_str(st, 6);
	d->parent = col_str(st, 7);
	d->source = col_str(st, 8);
	d->hash = col_str(st, 9);
	d->mentions_annex = sqlite3_column_int(st, 10);
	d->nblocks = (size_t)sqlite3_column_int64(st, 11);
	d->author = col_str(st, 12);
}

int
bdb_list(struct bdb *b, struct doc **docs, size_t *ndocs)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT " DOC_COLUMNS
	    " FROM documents d ORDER BY coalesce(d.parent, d.slug), "
	    "d.parent IS NOT NULL, d.slug");

	if (db_rows(st, docs, ndocs, sizeof **docs, doc_from_row) != BDB_OK)
		return BDB_DATA;
	return *ndocs > 0 ? BDB_OK : BDB_NOTFOUND;
}

int
bdb_first_slug(struct bdb *b, char **slug)
{
	/* bdb_list's order, letters first: one row, not every document's
	 * metadata. */
	return db_row_str(bdb_stmt(b, "SELECT slug FROM documents d ORDER BY "
	    "d.kind IS NOT 'letter', coalesce(d.parent, d.slug), "
	    "d.parent IS NOT NULL, d.slug LIMIT 1"), slug);
}

void
bdb_list_free(struct doc *docs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		doc_clear(&docs[i]);
	free(docs);
}

char *
bdb_resolve(struct bdb *b, const char *name)
{
	/* Three lookups on indexes, best first: one query with OR would
	 * scan every document at each start of the reader. */
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT slug FROM ("
	    "SELECT slug, 0 AS pri FROM documents WHERE slug = ?1 "
	    "UNION ALL SELECT slug, 1 FROM documents WHERE reference = ?1 "
	    "UNION ALL SELECT slug, 2 FROM (SELECT slug FROM documents "
	    "WHERE length(?1) > 0 AND slug > ?1 AND "
	    "slug < ?1 || char(1114111) ORDER BY slug LIMIT 2)) "
	    "ORDER BY pri LIMIT 2");
	char		*slug = NULL;
	int		 rc;

	if (st == NULL)
		return NULL;
	bind_str(st, 1, name);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW && rc != SQLITE_DONE) {
		/* A damaged index is not "no such document": hand the name
		 * on so loading it reports the error. */
		sqlite3_reset(st);
		return xstrdup(name);
	}
	if (rc == SQLITE_ROW) {
		slug = col_str(st, 0);
		/* A prefix must be unique; an exact name always wins. */
		if (strcmp(slug, name) != 0 && sqlite3_step(st) == SQLITE_ROW) {
			const char *next = (const char *)sqlite3_column_text(st, 0);

			if (next && strncmp(slug, name, strlen(name)) == 0 &&
			    strncmp(next, name, strlen(name)) == 0) {
				free(slug);
				slug = NULL;
			}
		}
	}
	sqlite3_reset(st);
	return slug;
}

void
block_from_row(sqlite3_stmt *st, int c, struct block *bl)
{
	int	k = block_kind_from_name((const char *)sqlite3_column_text(st,
	    c + 2));

	memset(bl, 0, sizeof *bl);
	bl->id = sqlite3_column_int64(st, c);
	bl->seq = sqlite3_column_int(st, c + 1);
	bl->kind = k < 0 ? BK_PARAGRAPH : (enum block_kind)k;
	bl->depth = sqlite3_column_int(st, c + 3);
	bl->parent = sqlite3_column_type(st, c + 4) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(st, c + 4);
	bl->anchor = col_str(st, c + 5);
	bl->text = col_str(st, c + 6);
	bl->fn = sqlite3_column_int(st, c + 7);
	bl->line = sqlite3_column_int(st, c + 8);
	bl->number = col_str(st, c + 9);
	bl->page = sqlite3_column_int(st, c + 10);
	if (bl->text == NULL)
		bl->text = xstrdup("");
}

/* Every block of d, with its text or (outline) without: NULL in the
 * text's column, so a block of 8 KB costs its few small fields. */
static int
load_blocks(struct bdb *b, struct doc *d, int outline)
{
	sqlite3_stmt	*st = outline ? bdb_stmt(b, "SELECT k.id, k.seq, "
	    "k.kind, k.depth, k.parent_seq, k.anchor, NULL, k.fn, k.line, "
	    "k.number, k.page FROM blocks k WHERE doc_id = ? ORDER BY seq") :
	    bdb_stmt(b, "SELECT " BLOCK_COLUMNS(k)
	    " FROM blocks k WHERE doc_id = ? ORDER BY seq");
	size_t		 cap = d->nblocks;
	int		 rc;

	if (st == NULL)
		return BDB_DATA;
	d->blocks = xcalloc(cap ? cap : 1, sizeof *d->blocks);
	d->nblocks = 0;
	sqlite3_bind_int64(st, 1, d->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (d->nblocks == cap) {
			cap = cap ? cap * 2 : 16;
			d->blocks = xreallocarray(d->blocks, cap,
			    sizeof *d->blocks);
		}
		block_from_row(st, 0, &d->blocks[d->nblocks++]);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BDB_OK : BDB_DATA;
}

/* Spans come ordered by block id, and block ids follow seq within one
 * import, so one pass matches them up. */
static int
load_spans(struct bdb *b, struct doc *d)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT s.block_id, s.start, s.end, "
	    "s.kind, s.target FROM spans s JOIN blocks k ON k.id = s.block_id "
	    "WHERE k.doc_id = ? ORDER BY k.seq, s.rowid");
	size_t		 i = 0;
	int		 rc;

	if (st == NULL)
		return BDB_DATA;
	sqlite3_bind_int64(st, 1, d->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t		 id = sqlite3_column_int64(st, 0);
		const char	*k = (const char *)sqlite3_column_text(st, 3);

		while (i < d->nblocks && d->blocks[i].id != id)
			i++;
		if (i == d->nblocks || k == NULL)
			break;
		block_add_span(&d->blocks[i], (enum span_kind)k[0],
		    (uint32_t)sqlite3_column_int(st, 1),
		    (uint32_t)sqlite3_column_int(st, 2),
		    (const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? BDB_OK : BDB_DATA;
}

/* What load() reads of the blocks. */
enum { LOAD_WHOLE, LOAD_OUTLINE, LOAD_HEAD, LOAD_OUTLINE_SPANS };

static int
load(struct bdb *b, const char *slug, struct doc *out, int what)
{
	/* The head alone says how many blocks there are; loading them
	 * counts them (the count read every block's entry first). */
	sqlite3_stmt	*st = what == LOAD_HEAD ? bdb_stmt(b, "SELECT "
	    DOC_COLUMNS " FROM documents d WHERE d.slug = ?") :
	    bdb_stmt(b, "SELECT d.id, d.slug, d.title, d.kind, d.reference, "
	    "d.date, d.addressees, d.parent, d.source, d.hash, "
	    "d.mentions_annex, 0, d.author FROM documents d WHERE d.slug = ?");
	int		 rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return BDB_DATA;
	bind_str(st, 1, slug);
	if ((rc = db_row(st, doc_from_row, out)) != BDB_OK)
		return rc;
	if (what == LOAD_HEAD)
		return BDB_OK;
	if ((rc = load_blocks(b, out, what != LOAD_WHOLE)) == BDB_OK &&
	    what != LOAD_OUTLINE)
		rc = load_spans(b, out);
	if (rc != BDB_OK)
		doc_clear(out);
	return rc;
}

int
bdb_load(struct bdb *b, const char *slug, struct doc *out)
{
	return load(b, slug, out, LOAD_WHOLE);
}

int
bdb_load_outline(struct bdb *b, const char *slug, struct doc *out)
{
	return load(b, slug, out, LOAD_OUTLINE);
}

int
bdb_load_outline_spans(struct bdb *b, const char *slug, struct doc *out)
{
	return load(b, slug, out, LOAD_OUTLINE_SPANS);
}

int
bdb_load_head(struct bdb *b, const char *slug, struct doc *out)
{
	return load(b, slug, out, LOAD_HEAD);
}

/* bl's spans, by its rowid (bl has none yet). */
static int
fill_spans(struct bdb *b, struct block *bl)
{
	sqlite3_stmt	*sp = bdb_stmt(b, "SELECT start, end, kind, target "
	    "FROM spans WHERE block_id = ? ORDER BY rowid");
	int		 rc;

	if (sp == NULL)
		return BDB_DATA;
	sqlite3_bind_int64(sp, 1, bl->id);
	while ((rc = sqlite3_step(sp)) == SQLITE_ROW) {
		const char	*k = (const char *)sqlite3_column_text(sp, 2);

		if (k != NULL)
			block_add_span(bl, (enum span_kind)k[0],
			    (uint32_t)sqlite3_column_int(sp, 0),
			    (uint32_t)sqlite3_column_int(sp, 1),
			    (const char *)sqlite3_column_text(sp, 3));
	}
	sqlite3_reset(sp);
	return rc == SQLITE_DONE ? BDB_OK : BDB_DATA;
}

/*
 * One statement walks the blocks in order and each is built, handed to
 * fn and freed before the next: the memory is that of one block, however
 * many there are.  The parent's anchor comes from the same row.
 */
int
bdb_blocks_each(struct bdb *b, int64_t doc_id, enum bdb_which which,
    int (*fn)(void *arg, const struct block *, const char *parent_anchor),
    void *arg)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT " BLOCK_COLUMNS(k)
	    ", p.anchor FROM blocks k LEFT JOIN blocks p ON p.doc_id = "
	    "k.doc_id AND p.seq = k.parent_seq WHERE k.doc_id = ?1 AND "
	    "(?2 = 0 OR (k.kind = 'footnote') = (?2 = 2)) ORDER BY k.seq");
	struct block	 bl;
	int		 rc, r = BDB_OK;

	if (st == NULL)
		return BDB_DATA;
	sqlite3_bind_int64(st, 1, doc_id);
	sqlite3_bind_int(st, 2, (int)which);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		block_from_row(st, 0, &bl);
		if ((r = fill_spans(b, &bl)) == BDB_OK)
			r = fn(arg, &bl, (const char *)sqlite3_column_text(st,
			    BLOCK_NCOLUMNS));
		block_clear(&bl);
		if (r != BDB_OK)
			break;
	}
	sqlite3_reset(st);
	if (r != BDB_OK)
		return r;
	return rc == SQLITE_DONE ? BDB_OK : BDB_DATA;
}

/*
 * Each block's seq and text in order, without spans (the caller holds an
 * outline with them): one statement, no query a block, so walking a
 * document of 70,000 blocks costs the text's bytes and nothing more.
 * The text is SQLite's, valid while fn runs.
 */
int
bdb_texts_each(struct bdb *b, int64_t doc_id, enum bdb_which which,
    int (*fn)(void *arg, int seq, const char *text), void *arg)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT seq, text FROM blocks "
	    "WHERE doc_id = ?1 AND (?2 = 0 OR (kind = 'footnote') = (?2 = 2)) "
	    "ORDER BY seq");
	int		 rc, r = BDB_OK;

	if (st == NULL)
		return BDB_DATA;
	sqlite3_bind_int64(st, 1, doc_id);
	sqlite3_bind_int(st, 2, (int)which);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char	*t = (const char *)sqlite3_column_text(st, 1);

		if ((r = fn(arg, sqlite3_column_int(st, 0), t ? t : "")) !=
		    BDB_OK)
			break;
	}
	sqlite3_reset(st);
	if (r != BDB_OK)
		return r;
	return rc == SQLITE_DONE ? BDB_OK : BDB_DATA;
}

/* One block's text alone, by its rowid: what an outline left out (its
 * spans come with the outline; bdb_block_fill adds them). */
int
bdb_block_text(struct bdb *b, int64_t id, char **text)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT text FROM blocks WHERE id = ?");
	int		 rc;

	*text = NULL;
	if (st == NULL)
		return BDB_DATA;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*text = col_str0(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? BDB_NOTFOUND : BDB_DATA;
	return BDB_OK;
}

int
bdb_block_fill(struct bdb *b, struct block *bl)
{
	char	*text;
	int	 rc;

	block_unfill(bl);
	if ((rc = bdb_block_text(b, bl->id, &text)) != BDB_OK)
		return rc;
	free(bl->text);
	bl->text = text;
	return fill_spans(b, bl);
}

void
block_unfill(struct block *bl)
{
	for (size_t i = 0; i < bl->nspans; i++)
		free(bl->spans[i].target);
	free(bl->spans);
	bl->spans = NULL;
	bl->nspans = 0;
	free(bl->text);
	bl->text = xstrdup("");
}

/* "page-N": the first block that starts on page N or after it (a page
 * may hold nothing but the end of a paragraph begun before it). */
static int
find_page(const struct doc *d, const char *anchor)
{
	char	*end;
	long	 n;

	if (strncmp(anchor, "page-", 5) != 0)
		return -1;
	n = strtol(anchor + 5, &end, 10);
	if (end == anchor + 5 || *end != '\0' || n < 1)
		return -1;
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].page >= n)
			return (int)i;
	return -1;
}

int
doc_find_anchor(const struct doc *d, const char *anchor)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].anchor != NULL &&
		    strcmp(d->blocks[i].anchor, anchor) == 0)
			return (int)i;
	return find_page(d, anchor);
}

/* The nearest recommendation (bullet) at or above a block, or -1. */
static int
rec_of(const struct doc *d, int seq)
{
	while (seq >= 0 && (size_t)seq < d->nblocks) {
		if (d->blocks[seq].kind == BK_BULLET)
			return seq;
		if (d->blocks[seq].parent >= seq)
			break;
		seq = d->blocks[seq].parent;
	}
	return -1;
}

char *
doc_breadcrumb(const struct doc *d, int seq, size_t max)
{
	int		 rec = rec_of(d, seq);
	const struct block *bl;
	struct buf	 b = { 0 };
	size_t		 cut;

	if (rec < 0)
		return NULL;
	bl = &d->blocks[rec];
	buf_printf(&b, "%s %s", bl->anchor, bl->text);
	if (b.len > max) {
		/* Cut on a character boundary, then mark the cut. */
		cut = max > 3 ? max - 3 : 0;
		while (cut > 0 && (b.data[cut] & 0xc0) == 0x80)
			cut--;
		b.len = cut;
		buf_adds(&b, "...");
	}
	return buf_steal(&b);
}

size_t
doc_citing(const struct doc *d, int fn_seq, int **seqs)
{
	const char	*anchor = d->blocks[fn_seq].anchor;
	size_t		 n = 0;

	*seqs = NULL;
	for (size_t i = 0; i < d->nblocks; i++)
		for (size_t j = 0; j < d->blocks[i].nspans; j++) {
			const struct span *sp = &d->blocks[i].spans[j];

			if (sp->kind != SP_FNREF || sp->target == NULL ||
			    strcmp(sp->target, anchor) != 0)
				continue;
			*seqs = xappend(*seqs, n, sizeof **seqs);
			(*seqs)[n++] = (int)i;
			break;
		}
	return n;
}
