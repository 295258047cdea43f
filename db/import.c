/* import.c: files into the index, and documents out of it.  Reads a
 * file whole (the only copy of it we keep), parses it (parse.c) and
 * stores the document in one transaction.  Which document a file is
 * (struct match) is decided in that transaction: the one the user named
 * (--replace), else the one with its reference, else the one imported
 * from the same file (canonical path) or with the same bytes, else the
 * one its front matter names by slug; anything else is a new document, and never takes a slug
 * another document holds (it gets one of its own, and says why).
 * Paragraph anchors of unchanged text are carried over from the earlier
 * import, so notes and links to them stay put. */
#include "config.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "file.h"
#include "import.h"
#include "parse.h"
#include "spill.h"
#include "themes-match.h"
#include "xmalloc.h"

struct old_anchor {
	char	 hash[17];
	char	*anchor;
};

static int
step_done(struct bdb *b, sqlite3_stmt *st, char **err)
{
	int	rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	*err = xasprintf("%s: cannot write the index: %s", bdb_path(b),
	    sqlite3_errmsg(bdb_sqlite(b)));
	return -1;
}

static size_t
load_old_anchors(struct bdb *b, int64_t doc_id, struct old_anchor **out)
{
	sqlite3_stmt	*st = bdb_stmt(b, "SELECT hash, anchor FROM blocks "
	    "WHERE doc_id = ? AND kind = 'paragraph'");
	size_t		 n = 0;

	*out = NULL;
	if (st == NULL)
		return 0;
	sqlite3_bind_int64(st, 1, doc_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*out = xappend(*out, n, sizeof **out);
		snprintf((*out)[n].hash, 17, "%s",
		    (const char *)sqlite3_column_text(st, 0));
		(*out)[n++].anchor =
		    xstrdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	return n;
}

/* A multiset of anchors (open addressing, FNV-1a), so that checking
 * whether an anchor is held elsewhere is O(1): a linear scan per
 * paragraph made re-importing a changed 10,000-paragraph document
 * quadratic.  Keys are copies; the table never fills (sized for every
 * block's anchor plus one fresh anchor per block). */
struct anchor_set {
	char	**key;
	size_t	 *count;
	size_t	  cap;		/* a power of two */
};

static size_t
anchor_slot(const struct anchor_set *s, const char *a)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (const unsigned char *p = (const unsigned char *)a; *p; p++)
		h = (h ^ *p) * 16777619u;
	for (i = h & (s->cap - 1); s->key[i] != NULL; i = (i + 1) & (s->cap - 1))
		if (strcmp(s->key[i], a) == 0)
			break;
	return i;
}

static void
anchor_set_init(struct anchor_set *s, const struct doc *d)
{
	s->cap = 16;
	while (s->cap < 4 * d->nblocks + 16)
		s->cap *= 2;
	s->key = xcalloc(s->cap, sizeof *s->key);
	s->count = xcalloc(s->cap, sizeof *s->count);
}

static size_t
anchor_count(const struct anchor_set *s, const char *a)
{
	return s->count[anchor_slot(s, a)];
}

/* The slot of a, holding a copy of it. */
static size_t
anchor_slot_add(struct anchor_set *s, const char *a)
{
	size_t	i = anchor_slot(s, a);

	if (s->key[i] == NULL)
		s->key[i] = xstrdup(a);
	return i;
}

static void
anchor_add(struct anchor_set *s, const char *a, int delta)
{
	s->count[anchor_slot_add(s, a)] += delta;
}

static void
anchor_set_free(struct anchor_set *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->key[i]);
	free(s->key);
	free(s->count);
}

/* Is anchor held by a block other than bl (which holds bl->anchor)? */
static int
anchor_taken(const struct anchor_set *s, const struct block *bl,
    const char *anchor)
{
	size_t	n = anchor_count(s, anchor);

	return n > (strcmp(bl->anchor, anchor) == 0 ? 1u : 0u);
}

static void
set_anchor(struct block *bl, char *anchor)
{
	free(bl->anchor);
	bl->anchor = anchor;
}

static int
cmp_old(const void *a, const void *b)
{
	return strcmp(((const struct old_anchor *)a)->hash,
	    ((const struct old_anchor *)b)->hash);
}

/* Claim for each paragraph the old anchor of the same text, once; old is
 * sorted by hash so this stays n log n on large documents. */
static void
claim_old_anchors(struct doc *d, struct old_anchor *old, size_t nold,
    char *claimed, char *kept)
{
	struct old_anchor	 key;

	qsort(old, nold, sizeof *old, cmp_old);
	for (size_t i = 0; i < d->nblocks; i++) {
		struct block	*bl = &d->blocks[i];
		size_t		 lo = 0, hi = nold;
		const char	*t;

		if (bl->kind != BK_PARAGRAPH)
			continue;
		t = block_text(d, bl);
		hash_hex(t, strlen(t), key.hash);
		while (lo < hi) {	/* first entry >= the hash */
			size_t mid = lo + (hi - lo) / 2;

			if (cmp_old(&old[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < nold && cmp_old(&old[lo], &key) == 0; lo++)
			if (!claimed[lo]) {
				claimed[lo] = 1;
				kept[i] = 1;
				set_anchor(bl, xstrdup(old[lo].anchor));
				break;
			}
	}
}

/* A paragraph whose text is unchanged keeps its old anchor; the others
 * keep theirs unless it now belongs to a kept one, then take the first
 * free p-N. */
static void
keep_anchors(struct doc *d, struct old_anchor *old, size_t nold)
{
	char			*claimed = xcalloc(nold + 1, 1);
	char			*kept = xcalloc(d->nblocks + 1, 1);
	int			 next = 1;
	struct anchor_set	 set;

	claim_old_anchors(d, old, nold, claimed, kept);
	anchor_set_init(&set, d);
	for (size_t i = 0; i < d->nblocks; i++)
		anchor_add(&set, d->blocks[i].anchor, 1);
	for (size_t i = 0; i < d->nblocks; i++) {
		struct block	*bl = &d->blocks[i];
		char		*fresh;

		if (bl->kind != BK_PARAGRAPH || kept[i] ||
		    !anchor_taken(&set, bl, bl->anchor))
			continue;
		for (;; next++) {
			fresh = xasprintf("p-%d", next);
			if (!anchor_taken(&set, bl, fresh))
				break;
			free(fresh);
		}
		anchor_add(&set, bl->anchor, -1);
		anchor_add(&set, fresh, 1);
		set_anchor(bl, fresh);
	}
	anchor_set_free(&set);
	free(kept);
	free(claimed);
}

static int
delete_doc(struct bdb *b, int64_t id, char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, "DELETE FROM documents WHERE id = ?");

	if (st != NULL)
		sqlite3_bind_int64(st, 1, id);
	return step_done(b, st, err);
}

static int
insert_doc(struct bdb *b, struct doc *d, const char *digest, char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, "INSERT INTO documents (slug, "
	    "title, kind, reference, date, addressees, parent, source, hash, "
	    "mentions_annex, author, digest) VALUES "
	    "(?,?,?,?,?,?,?,?,?,?,?,?)");

	if (st == NULL)
		return step_done(b, st, err);
	bind_str(st, 1, d->slug);
	bind_str(st, 2, d->title ? d->title : d->slug);
	bind_str(st, 3, d->kind ? d->kind : "briefing");
	bind_str(st, 4, d->reference);
	bind_str(st, 5, d->date);
	bind_str(st, 6, d->addressees);
	bind_str(st, 7, d->parent);
	bind_str(st, 8, d->source);
	bind_str(st, 9, d->hash ? d->hash : "");
	sqlite3_bind_int(st, 10, d->mentions_annex);
	bind_str(st, 11, d->author);
	bind_str(st, 12, digest);
	if (step_done(b, st, err) != 0)
		return -1;
	d->id = sqlite3_last_insert_rowid(bdb_sqlite(b));
	return 0;
}

/* A document's spans go in SPAN_ROWS at a time, the rest one by one:
 * a statement a row cost a third more than the rows. */
#define SPAN_ROWS	16
#define SPAN1		"(?,?,?,?,?)"
#define SPAN4		SPAN1 "," SPAN1 "," SPAN1 "," SPAN1
#define SPAN_INSERT	"INSERT INTO spans (block_id, start, end, kind, " \
			"target) VALUES "

struct span_row {
	int64_t			 block_id;
	const struct span	*sp;
};

static int
insert_span_rows(struct bdb *b, const struct span_row *r, size_t n,
    char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, n == SPAN_ROWS ? SPAN_INSERT SPAN4
	    "," SPAN4 "," SPAN4 "," SPAN4 : SPAN_INSERT SPAN1);

	for (size_t i = 0; st != NULL && i < n; i++) {
		char	k[2] = { (char)r[i].sp->kind, '\0' };
		int	c = (int)(5 * i);

		sqlite3_bind_int64(st, c + 1, r[i].block_id);
		sqlite3_bind_int(st, c + 2, (int)r[i].sp->start);
		sqlite3_bind_int(st, c + 3, (int)r[i].sp->end);
		bind_str(st, c + 4, k);
		bind_str(st, c + 5, r[i].sp->target);
	}
	return step_done(b, st, err);
}

static int
insert_spans(struct bdb *b, const struct doc *d, char **err)
{
	struct span_row	 r[SPAN_ROWS];
	size_t		 n = 0;

	for (size_t i = 0; i < d->nblocks; i++)
		for (size_t j = 0; j < d->blocks[i].nspans; j++) {
			r[n].block_id = d->blocks[i].id;
			r[n++].sp = &d->blocks[i].spans[j];
			if (n == SPAN_ROWS) {
				if (insert_span_rows(b, r, n, err) != 0)
					return -1;
				n = 0;
			}
		}
	for (size_t i = 0; i < n; i++)
		if (insert_span_rows(b, &r[i], 1, err) != 0)
			return -1;
	return 0;
}

static int
insert_block(struct bdb *b, const struct doc *d, struct block *bl,
    char **err)
{
	char		 h[17];
	const char	*text = block_text(d, bl);
	sqlite3_stmt	*st = bdb_stmt(b, "INSERT INTO blocks (doc_id, seq, "
	    "kind, depth, parent_seq, anchor, text, hash, fn, line, number, "
	    "page) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");

	if (st == NULL)
		return step_done(b, st, err);
	hash_hex(text, strlen(text), h);
	sqlite3_bind_int64(st, 1, d->id);
	sqlite3_bind_int(st, 2, bl->seq);
	bind_str(st, 3, block_kind_name(bl->kind));
	sqlite3_bind_int(st, 4, bl->depth);
	if (bl->parent >= 0)
		sqlite3_bind_int(st, 5, bl->parent);
	bind_str(st, 6, bl->anchor);
	/* Not copied: the text (or the spill's read-back of it) outlives
	 * the step, and bdb_stmt() clears the bindings before the
	 * statement's next use; a copy of each block's text was
	 * measurable on large imports. */
	sqlite3_bind_text(st, 7, text, -1, SQLITE_STATIC);
	bind_str(st, 8, h);
	sqlite3_bind_int(st, 9, bl->fn);
	sqlite3_bind_int(st, 10, bl->line);
	bind_str(st, 11, bl->number);
	sqlite3_bind_int(st, 12, bl->page);
	if (step_done(b, st, err) != 0)
		return -1;
	bl->id = sqlite3_last_insert_rowid(bdb_sqlite(b));
	return 0;
}

/* Every marker's footnote found through one table of the document's
 * anchors (anchor -> seq + 1 in the set's counts), built once: looking
 * each marker up by scanning the blocks made an import of a document
 * with many notes quadratic. */
static int
insert_citations(struct bdb *b, const struct doc *d, char **err)
{
	struct anchor_set	 set;
	int			 rc = 0;
	size_t			 nrefs = 0;

	/* No markers, no table (a long document holds its blocks here). */
	for (size_t i = 0; i < d->nblocks && nrefs == 0; i++)
		for (size_t j = 0; j < d->blocks[i].nspans; j++)
			nrefs += d->blocks[i].spans[j].kind == SP_FNREF;
	if (nrefs == 0)
		return 0;
	anchor_set_init(&set, d);
	for (size_t i = d->nblocks; i-- > 0; )	/* the first one wins */
		if (d->blocks[i].anchor != NULL)
			set.count[anchor_slot_add(&set, d->blocks[i].anchor)] =
			    i + 1;
	for (size_t i = 0; i < d->nblocks && rc == 0; i++) {
		const struct block *bl = &d->blocks[i];

		for (size_t j = 0; j < bl->nspans && rc == 0; j++) {
			size_t		 fn;
			sqlite3_stmt	*st;

			if (bl->spans[j].kind != SP_FNREF ||
			    bl->spans[j].target == NULL || (fn = set.count[
			    anchor_slot(&set, bl->spans[j].target)]) == 0)
				continue;
			st = bdb_stmt(b, "INSERT OR IGNORE INTO citations "
			    "(block_id, footnote_id) VALUES (?, ?)");
			if (st != NULL) {
				sqlite3_bind_int64(st, 1, bl->id);
				sqlite3_bind_int64(st, 2, d->blocks[fn - 1].id);
			}
			rc = step_done(b, st, err);
		}
	}
	anchor_set_free(&set);
	return rc;
}

/* The document's blocks into the full-text index in one statement,
 * each text in its kind's column (the view of migration 4). */
static int
index_text(struct bdb *b, int64_t doc_id, char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, "INSERT INTO blocks_fts (rowid, "
	    "lead, title, para, note, other) SELECT id, lead, title, para, "
	    "note, other FROM blocks_fts_src WHERE doc_id = ? ORDER BY id");

	if (st != NULL)
		sqlite3_bind_int64(st, 1, doc_id);
	return step_done(b, st, err);
}

/* A batch's blocks: every block from its first one on.  A new block's
 * rowid is above every block there was when it was inserted, so these
 * are exactly the batch's; a rowid range reads only them, in rowid
 * order, where "doc_id >= ?" scanned every block of the index. */
static int
index_batch(struct bdb *b, int64_t first_block, char **err)
{
	sqlite3_stmt	*st = bdb_stmt(b, "INSERT INTO blocks_fts (rowid, "
	    "lead, title, para, note, other) SELECT id, lead, title, para, "
	    "note, other FROM blocks_fts_src WHERE id >= ? ORDER BY id");

	if (st != NULL)
		sqlite3_bind_int64(st, 1, first_block);
	return step_done(b, st, err);
}

/* What the import of d did, for its line of output. */
static void
report(struct bdb_imported *res, const struct doc *d, struct match *m,
    enum bdb_import_action action)
{
	if (res == NULL)
		return;
	bdb_imported_clear(res);
	res->action = action;
	res->slug = xstrdup(m->slug);
	res->kind = xstrdup(d->kind ? d->kind : "briefing");
	res->why = m->why;
	m->why = NULL;
	for (size_t i = 0; i < d->nblocks; i++) {
		if (block_is_rec(&d->blocks[i]))
			res->nrecs++;
		if (d->blocks[i].kind == BK_FOOTNOTE)
			res->nfootnotes++;
	}
}

/* The first document and block rowids a batch wrote (0: none yet). */
struct batch_first {
	int64_t	doc, block;
};

/* Where a document comes from: its identity (source) and the name the
 * user gave (shown), and what they asked. */
struct origin {
	const char			*source;
	const char			*shown;
	const struct bdb_import_opts	*opts;
	struct bdb_imported		*res;
	struct batch_first		*batch;	/* NULL: alone */
	const struct themes_hits	*hits;	/* found ahead, or NULL */
	int				 drop_texts; /* the document is
						 * the import's own */
};

/* Replace the document m found (if any) by d, under m's slug. */
static int
write_doc(struct bdb *b, struct doc *d, const struct origin *o,
    const struct match *m, const char *digest, char **err)
{
	struct old_anchor	*anchors = NULL;
	size_t			 nanchors = 0;
	int			 rc = -1;

	free(d->slug);
	d->slug = xstrdup(m->slug);
	free(d->source);
	d->source = o->source != NULL ? xstrdup(o->source) : NULL;
	if (m->id != 0) {
		nanchors = load_old_anchors(b, m->id, &anchors);
		keep_anchors(d, anchors, nanchors);
		/* Added earlier in this batch, so not in the full-text index
		 * yet: put it there, for the delete trigger to take out. */
		if (o->batch != NULL && o->batch->doc != 0 &&
		    m->id >= o->batch->doc && index_text(b, m->id, err) != 0)
			goto out;
		if (delete_doc(b, m->id, err) != 0)
			goto out;
	}
	if (insert_doc(b, d, digest, err) != 0)
		goto out;
	for (size_t i = 0; i < d->nblocks; i++) {
		d->blocks[i].seq = (int)i;
		if (insert_block(b, d, &d->blocks[i], err) != 0)
			goto out;
	}
	if (insert_spans(b, d, err) != 0 || insert_citations(b, d, err) != 0 ||
	    themes_tag_doc(b, d, o->hits, err) != 0)
		goto out;
	/* A text that could not be read back from the spill file went in
	 * as "": the import fails rather than store it so. */
	if (spill_failed(d->spill) != 0) {
		*err = xasprintf("cannot read a temporary file in %s back: %s",
		    spill_dir(), strerror(spill_failed(d->spill)));
		goto out;
	}
	/* A batch indexes its documents together at its end: FTS5 writes
	 * a segment at every statement that touches it. */
	if (o->batch != NULL) {
		if (o->batch->doc == 0 || d->id < o->batch->doc)
			o->batch->doc = d->id;
		if (d->nblocks > 0 && (o->batch->block == 0 ||
		    d->blocks[0].id < o->batch->block))
			o->batch->block = d->blocks[0].id;
		rc = 0;
		goto out;
	}
	/* The texts are in their rows, read back from there into the
	 * full-text index: an import's own document lets them go first,
	 * so they are not held through SQLite's work there. */
	for (size_t i = 0; o->drop_texts && i < d->nblocks; i++) {
		free(d->blocks[i].text);
		d->blocks[i].text = NULL;
		d->blocks[i].spill_len = 0;
	}
	if (o->drop_texts) {
		spill_free(d->spill);
		d->spill = NULL;
	}
	if (index_text(b, d->id, err) != 0)
		goto out;
	rc = themes_tag_check(b, err);
out:
	for (size_t i = 0; i < nanchors; i++)
		free(anchors[i].anchor);
	free(anchors);
	return rc;
}

/* Decide which document d is, then (unless it is unchanged or this is a
 * dry run) write it.  *wrote: whether anything was written. */
static int
decide_and_write(struct bdb *b, struct doc *d, const struct origin *o,
    int *wrote, char **err)
{
	struct match	 m;
	char		 digest[17];
	int		 rc;

	*wrote = 0;
	doc_digest(d, digest);
	if ((rc = import_match(b, d, o->source, o->shown, o->opts->replace, &m,
	    err)) != BDB_OK)
		return rc;
	if (m.digest != NULL && strcmp(m.digest, digest) == 0)
		report(o->res, d, &m, BDB_UNCHANGED);
	else {
		report(o->res, d, &m, m.id != 0 ? BDB_UPDATED : BDB_ADDED);
		if (!o->opts->dry_run) {
			*wrote = 1;
			rc = write_doc(b, d, o, &m, digest, err) == 0 ?
			    BDB_OK : BDB_DATA;
		}
	}
	match_clear(&m);
	return rc;
}

/* One transaction per document; a dry run reads without one (it may
 * run on an index it cannot write). */
static int
store(struct bdb *b, struct doc *d, const struct origin *o, char **err)
{
	int	rc, wrote;

	*err = NULL;
	if (o->opts->dry_run)
		return decide_and_write(b, d, o, &wrote, err);
	if (bdb_begin(b, err) != 0)
		return BDB_DATA;
	if ((rc = decide_and_write(b, d, o, &wrote, err)) != BDB_OK ||
	    !wrote) {
		bdb_rollback(b);
		return rc;
	}
	if (bdb_commit(b, err) != 0) {
		bdb_rollback(b);
		return BDB_DATA;
	}
	return BDB_OK;
}

int
bdb_store_doc(struct bdb *b, struct doc *d, char **err)
{
	struct bdb_import_opts	 opts = { 0 };
	/* A copy: write_doc() replaces d->source. */
	char			*source = xstrdup(d->source ? d->source :
				    d->slug ? d->slug : "doc");
	struct origin		 o = { source, source, &opts, NULL, NULL,
				    NULL, 0 };
	int			 rc = store(b, d, &o, err);

	free(source);
	return rc;
}

/* The parts of a long block (a single long line, cut into rows of
 * DOC_BLOCK_MAX) go to the spill file too, once the texts held pass
 * PARTS_SPILL_FROM bytes: the parser cannot spill a block before it is
 * cut, and the parts were held whole through the match, the themes and
 * the rows.  A write that fails brings every text back into memory, as
 * the parser does, and the import says so. */
#define PARTS_SPILL_FROM	(1u << 20)
static void
spill_parts(struct doc *d, const char *shown, struct diag *dg)
{
	size_t	 held = 0, len;
	int	 err = 0;

	/* The parser's writes failed already, and it said so. */
	if (spill_write_failed(d->spill))
		return;
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].text != NULL)
			held += strlen(d->blocks[i].text);
	if (held < PARTS_SPILL_FROM)
		return;
	if (d->spill == NULL)
		d->spill = spill_new();
	for (size_t i = 0; i < d->nblocks && err == 0; i++) {
		struct block	*bl = &d->blocks[i];

		if (bl->text == NULL || (len = strlen(bl->text)) == 0)
			continue;
		if (spill_put(d->spill, bl->text, len, &bl->spill_off) != 0) {
			err = errno;
			break;
		}
		bl->spill_len = len;
		free(bl->text);
		bl->text = NULL;
	}
	if (err == 0)
		return;
	doc_unspill(d);
	diag_warn(dg, shown, 0, 0, "cannot write a temporary file in %s (%s): "
	    "its text is held in memory", spill_dir(), strerror(err));
}

/* Messages held to be given out later: those of a parse of bytes that
 * may be a mapped file cut shorter while it is read (file_cut), given
 * out after the parse or dropped for the one that says the file changed
 * (a NUL the cut left, say, is not the file's); and each file's of a
 * batch, given out in the files' order once the batch is written. */
struct parse_msgs {
	struct parse_msg {
		enum diag_level	 level;
		char		*file;
		int		 line, col;
		char		*msg;
	}		*v;
	size_t		 n;
};

static void
parse_msg_hold(void *arg, enum diag_level l, const char *file, int line,
    int col, const char *msg)
{
	struct parse_msgs	*h = arg;
	struct parse_msg	*m;

	h->v = xappend(h->v, h->n, sizeof *h->v);
	m = &h->v[h->n++];
	m->level = l;
	m->file = file != NULL ? xstrdup(file) : NULL;
	m->line = line;
	m->col = col;
	m->msg = xstrdup(msg);
}

/* Give the held messages to dg (NULL: drop them) and free them. */
static void
parse_msgs_out(struct parse_msgs *h, struct diag *dg)
{
	for (size_t i = 0; i < h->n; i++) {
		struct parse_msg	*m = &h->v[i];

		if (dg != NULL)
			diag_report(dg, m->level, m->file, m->line, m->col,
			    "%s", m->msg);
		free(m->file);
		free(m->msg);
	}
	free(h->v);
	h->v = NULL;
	h->n = 0;
}

/* A mapped file cut shorter while it was read: what was read past the
 * cut is zeros, not the file, so none of it goes to the index. */
static int
cut_shorter(const struct origin *o, struct doc *d, struct diag *dg)
{
	doc_clear(d);
	diag_error(dg, o->shown, 0, 0, "changed while it was being read "
	    "(it is now shorter); nothing imported from it");
	return BDB_DATA;
}

/* Parse the bytes of one file into d: the one place that parses.  0 or
 * BDB_DATA (messages to dg).  A mapped file cut shorter while it was
 * hashed or parsed (file_cut) fails here, before anything is stored. */
static int
prepare(struct bdb *b, const struct origin *o, const char *buf, size_t len,
    char **own, struct doc *d, struct diag *dg)
{
	struct parse_opts	 po = o->opts->parse;
	struct parse_msgs	 msgs = { NULL, 0 };
	struct diag		 held = { NULL, NULL, 0, 0 };
	char			 h[17];
	int			 rc;

	if (bdb_readonly(b) && !o->opts->dry_run) {
		diag_error(dg, bdb_path(b), 0, 0, "the index is read-only; "
		    "cannot import %s", o->shown);
		return BDB_DATA;
	}
	/* Hashed first: with own (buf given over) the text reader drops the
	 * bytes behind the text it cleans and frees them once cleaned, and
	 * they are gone before the blocks are split and stored.  A mapped
	 * file (file_load) is never given over: every pass over it gives
	 * its pages back behind it (file_passed), the hash's too, and they
	 * go once more after the parse. */
	hash_hex(buf, len, h);
	if (file_cut(buf))
		return cut_shorter(o, d, dg);
	po.own = own;
	po.flags |= PARSE_SPILL;
	/* Bytes given over (own) are in memory: never cut. */
	if (own == NULL) {
		held.fn = parse_msg_hold;
		held.arg = &msgs;
	}
	rc = parse_document_opts(o->shown, buf, len, &po, d,
	    own == NULL ? &held : dg);
	if (file_cut(buf)) {
		parse_msgs_out(&msgs, NULL);
		return cut_shorter(o, d, dg);
	}
	parse_msgs_out(&msgs, dg);
	if (rc != 0) {
		doc_clear(d);
		return BDB_DATA;
	}
	if (own != NULL) {
		free(*own);
		*own = NULL;
	} else
		file_passed(buf, len);
	free(d->hash);
	d->hash = xstrdup(h);
	if (doc_split_long_blocks(d, 0) > 0)
		spill_parts(d, o->shown, dg);
	return BDB_OK;
}

/* Parse and store the bytes of one file in a transaction of its own. */
static int
import_bytes(struct bdb *b, const struct origin *o, const char *buf,
    size_t len, char **own, struct diag *dg)
{
	struct doc	 d = { 0 };
	char		*err = NULL;
	int		 rc;

	if (prepare(b, o, buf, len, own, &d, dg) != BDB_OK)
		return BDB_DATA;
	rc = store(b, &d, o, &err);
	if (rc != BDB_OK)
		diag_error(dg, o->shown, 0, 0, "%s", err ? err : "cannot store");
	free(err);
	doc_clear(&d);
	return rc;
}

int
bdb_import_buffer(struct bdb *b, const char *name, const char *buf,
    size_t len, const struct parse_opts *popts, struct diag *dg)
{
	struct bdb_import_opts	 opts = { 0 };
	struct origin		 o = { name, name, &opts, NULL, NULL, NULL,
				    1 };

	if (popts != NULL)
		opts.parse = *popts;
	return import_bytes(b, &o, buf, len, NULL, dg);
}

/* Read a whole file, or map a large one (file_load, file.c; *mapped:
 * its length, or 0); NULL with a message to dg on failure.  Freed by
 * file_unload. */
static char *
read_file(const char *path, size_t *len, size_t *mapped, struct diag *dg)
{
	char	*data;

	if (file_load(path, &data, len, mapped) == FILE_OK)
		return data;
	diag_error(dg, path, 0, 0, "%s", errno == EISDIR ? "is a directory" :
	    strerror(errno));
	return NULL;
}

/* Allocations of LARGE_MMAP bytes or more get pages of their own
 * (mmap), given back whole when freed or shrunk.  glibc raises that
 * bound (up to 32 MB) each time such an allocation is freed, so after
 * the first large file's bytes went a long line's text came from the
 * heap, where split.c's parts, cut from its end as it shrinks, grew the
 * heap instead of taking its place (a 16 MB line, its parts spilled,
 * peaked at 28.0 MB; 24.2 MB with this bound.  A bound of 128 KB cost a
 * 16 MB document of paragraphs 1.6 MB more). */
#define LARGE_MMAP	(4u << 20)
static void
large_allocs_mapped(void)
{
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD)
	(void)mallopt(M_MMAP_THRESHOLD, LARGE_MMAP);
#endif
}

/* A file's identity: the same file by any relative name.  A pipe or a
 * device (/dev/stdin) has none: what comes through it next time is
 * another document.  *canon: to free. */
static const char *
file_identity(const char *path, char **canon)
{
	struct stat	 sb;
	int		 regular = stat(path, &sb) == 0 && S_ISREG(sb.st_mode);

	*canon = regular ? realpath(path, NULL) : NULL;
	return *canon != NULL ? *canon : regular ? path : NULL;
}

int
bdb_import_path(struct bdb *b, const char *path,
    const struct bdb_import_opts *opts, struct bdb_imported *res,
    struct diag *dg)
{
	size_t		 len = 0, mapped;
	char		*buf, *canon;
	struct origin	 o = { NULL, path, opts, res, NULL, NULL, 1 };
	int		 rc;

	large_allocs_mapped();
	if ((buf = read_file(path, &len, &mapped, dg)) == NULL)
		return BDB_DATA;
	o.source = file_identity(path, &canon);
	rc = import_bytes(b, &o, buf, len, mapped ? NULL : &buf, dg);
	free(canon);
	file_unload(buf, mapped);
	return rc;
}

/*
 * Many files in one go: each batch of files is read and parsed first,
 * then written in one transaction, each document inside a SAVEPOINT of
 * its own so that one that fails to store is rolled back alone (the
 * index as it was for that file) while the others commit.  One commit per
 * document made every import pay a WAL sync and an FTS5 segment flush and
 * merge per file.  The documents of a batch are matched (import-match.c)
 * in file order inside the transaction, so a file sees the documents that
 * files before it in the same batch added.  Each file's messages are
 * held and given out in file order, after its batch, beside its result:
 * the output reads as it did when every file was its own transaction.
 *
 * The files are read and parsed on a second thread, one after the other,
 * while the writer stores them: a ring of slots, file i in slot i % RING,
 * the thread at most RING files (and LOOKAHEAD_BYTES) ahead of the last
 * batch the writer finished, the writer waiting only for the very file it
 * stores next.  Parsing a whole batch before writing it left the writer
 * idle through the first batch's parse.  Only the second thread parses
 * (or the writer alone when no thread can be had), so the readers'
 * static buffers and data/lang.conf loaded once need no locks; the parser
 * never touches the index, and the writer never calls the parser.
 */

/* Where one batch stops: enough to amortise a commit, little enough to
 * keep the parsed documents of a batch in memory. */
#define BATCH_FILES	64
#define BATCH_BYTES	(2u << 20)
#define RING		(2 * BATCH_FILES)
#define LOOKAHEAD_BYTES	(2 * BATCH_BYTES)

struct pending {
	const char		*path;		/* as the user gave it */
	char			*canon;
	struct origin		 o;
	struct doc		 d;
	int			 rc;		/* of parsing, then storing */
	size_t			 len;		/* the file's bytes */
	struct themes_hits	 hits;		/* of d's blocks */
	struct bdb_imported	 res;
	struct parse_msgs	 msgs;
	struct diag		 dg;		/* holds messages in msgs */
};

/* Read and parse p's file; returns its size in bytes. */
static size_t
pending_parse(struct bdb *b, struct pending *p)
{
	size_t	 len = 0, mapped;
	char	*buf;

	p->dg.fn = parse_msg_hold;
	p->dg.arg = &p->msgs;
	p->o.shown = p->path;
	p->o.res = &p->res;
	if ((buf = read_file(p->path, &len, &mapped, &p->dg)) == NULL) {
		p->rc = BDB_DATA;
		return 0;
	}
	p->o.source = file_identity(p->path, &p->canon);
	p->rc = prepare(b, &p->o, buf, len, mapped ? NULL : &buf, &p->d,
	    &p->dg);
	file_unload(buf, mapped);
	p->len = len;
	return len;
}

static int
exec_sql(struct bdb *b, const char *sql, char **err)
{
	if (sqlite3_exec(bdb_sqlite(b), sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	if (err != NULL && *err == NULL)
		*err = xasprintf("%s: cannot write the index: %s", bdb_path(b),
		    sqlite3_errmsg(bdb_sqlite(b)));
	return -1;
}

/* Store one parsed document of the open batch inside its savepoint. */
static void
pending_store(struct bdb *b, struct pending *p, struct batch_first *first)
{
	char	*err = NULL;
	int	 wrote;

	p->o.batch = first;
	if (exec_sql(b, "SAVEPOINT doc", &err) != 0)
		p->rc = BDB_DATA;
	else if ((p->rc = decide_and_write(b, &p->d, &p->o, &wrote, &err)) ==
	    BDB_OK)
		exec_sql(b, "RELEASE doc", NULL);
	else {
		/* The index as it was before this file; the batch goes on. */
		exec_sql(b, "ROLLBACK TO doc", NULL);
		exec_sql(b, "RELEASE doc", NULL);
	}
	if (p->rc != BDB_OK) {
		diag_error(&p->dg, p->path, 0, 0, "%s", err ? err :
		    "cannot store");
		bdb_imported_clear(&p->res);
	}
	free(err);
	doc_clear(&p->d);
}

/* The files of one import in flight between the two threads. */
struct pipeline {
	struct bdb			*b;
	char *const			*paths;
	size_t				 n;
	const struct bdb_import_opts	*opts;
	struct pending			 slot[RING];
	struct themes_matcher		*m;		/* the parser's */
	char				 mhash[17];	/*  and its themes */
	int				 threaded;
	pthread_mutex_t			 mu;
	pthread_cond_t			 cv;
	size_t				 parsed;	/* files parsed */
	size_t				 done;		/* files reported */
	size_t				 bytes;		/* parsed, not
							 * reported */
};

/* Read and parse file i into its slot; returns its size in bytes. */
static size_t
parse_one(struct pipeline *pl, size_t i)
{
	struct pending	*p = &pl->slot[i % RING];
	size_t		 len;

	memset(p, 0, sizeof *p);
	p->path = pl->paths[i];
	p->o.opts = pl->opts;
	len = pending_parse(pl->b, p);
	/* The rules' matches too, off the writer's thread. */
	if (p->rc == BDB_OK) {
		themes_hits_make(pl->m, pl->mhash, &p->d, &p->hits);
		p->o.hits = &p->hits;
	}
	return len;
}

/* The second thread: every file in order, as far ahead as allowed. */
static void *
parse_ahead(void *arg)
{
	struct pipeline	*pl = arg;

	for (size_t i = 0; i < pl->n; i++) {
		size_t	len;

		pthread_mutex_lock(&pl->mu);
		while (i - pl->done >= RING || pl->bytes >= LOOKAHEAD_BYTES)
			pthread_cond_wait(&pl->cv, &pl->mu);
		pthread_mutex_unlock(&pl->mu);
		len = parse_one(pl, i);
		pthread_mutex_lock(&pl->mu);
		pl->parsed = i + 1;
		pl->bytes += len;
		pthread_cond_broadcast(&pl->cv);
		pthread_mutex_unlock(&pl->mu);
	}
	return NULL;
}

/* File i, parsed (by the writer itself without a thread); *len: its
 * size.  The writer waits for file i only while its batch holds fewer
 * than BATCH_FILES files and BATCH_BYTES bytes, all of them parsed, so
 * the thread is never held back then. */
static struct pending *
parsed(struct pipeline *pl, size_t i, size_t *len)
{
	struct pending	*p = &pl->slot[i % RING];

	if (!pl->threaded) {
		*len = parse_one(pl, i);
		return p;
	}
	pthread_mutex_lock(&pl->mu);
	while (pl->parsed <= i)
		pthread_cond_wait(&pl->cv, &pl->mu);
	pthread_mutex_unlock(&pl->mu);
	*len = p->len;
	return p;
}

/* Files up to (not including) upto are reported: their slots are free. */
static void
release(struct pipeline *pl, size_t upto, size_t bytes)
{
	if (!pl->threaded)
		return;
	pthread_mutex_lock(&pl->mu);
	pl->done = upto;
	pl->bytes -= bytes;
	pthread_cond_broadcast(&pl->cv);
	pthread_mutex_unlock(&pl->mu);
}

/* The end of a batch's transaction: its blocks into the full-text
 * index, the themes checked, the commit; or, when any of that (or the
 * BEGIN, err already set) failed, every file it stored fails. */
static void
batch_end(struct bdb *b, struct pipeline *pl, size_t from, size_t to,
    const struct batch_first *first, char *err)
{
	if (err == NULL && (first->doc == 0 || ((first->block == 0 ||
	    index_batch(b, first->block, &err) == 0) &&
	    themes_tag_check(b, &err) == 0)) &&
	    bdb_commit(b, &err) == 0)
		return;
	bdb_rollback(b);
	for (size_t i = from; i < to; i++) {
		struct pending *p = &pl->slot[i % RING];

		if (p->rc == BDB_OK) {
			p->rc = BDB_DATA;
			bdb_imported_clear(&p->res);
			diag_error(&p->dg, p->path, 0, 0, "%s", err);
		}
	}
	free(err);
}

/* Write the files from `from` on in one transaction, as many as a batch
 * holds; returns where it stopped.  *bytes: their size. */
static size_t
batch_write(struct bdb *b, struct pipeline *pl, size_t from, size_t *bytes)
{
	char			*err = NULL;
	struct batch_first	 first = { 0, 0 };
	size_t			 i, len;
	int			 began = bdb_begin(b, &err) == 0;

	*bytes = 0;
	for (i = from; i < pl->n && i - from < BATCH_FILES &&
	    *bytes < BATCH_BYTES; i++) {
		struct pending	*p = parsed(pl, i, &len);

		*bytes += len;
		if (began && p->rc == BDB_OK)
			pending_store(b, p, &first);
	}
	batch_end(b, pl, from, i, &first, err);
	return i;
}

/* Each file's messages and result, in file order; the worst status. */
static int
batch_report(struct pipeline *pl, size_t from, size_t to,
    bdb_import_done_fn done, void *arg, struct diag *dg)
{
	int	rc = BDB_OK;

	for (size_t i = from; i < to; i++) {
		struct pending	*p = &pl->slot[i % RING];

		parse_msgs_out(&p->msgs, dg);
		if (p->rc != BDB_OK)
			rc = p->rc;
		done(arg, p->path, p->rc, &p->res);
		bdb_imported_clear(&p->res);
		doc_clear(&p->d);
		themes_hits_clear(&p->hits);
		free(p->canon);
	}
	return rc;
}

int
bdb_import_paths(struct bdb *b, char *const *paths, size_t n,
    const struct bdb_import_opts *opts, bdb_import_done_fn done, void *arg,
    struct diag *dg)
{
	struct pipeline	*pl;
	pthread_t	 th;
	size_t		 from, to, bytes;
	int		 rc = BDB_OK, r;

	large_allocs_mapped();
	/* A dry run writes nothing and --replace names one file: one file
	 * at a time as before. */
	if (opts->dry_run || opts->replace != NULL || n < 2) {
		for (size_t i = 0; i < n; i++) {
			struct bdb_imported	res = { 0 };

			r = bdb_import_path(b, paths[i], opts, &res, dg);
			done(arg, paths[i], r, &res);
			bdb_imported_clear(&res);
			if (r != BDB_OK)
				rc = r;
		}
		return rc;
	}
	pl = xcalloc(1, sizeof *pl);
	pl->b = b;
	pl->paths = paths;
	pl->n = n;
	pl->opts = opts;
	pl->m = themes_import_matcher(b, pl->mhash);
	pthread_mutex_init(&pl->mu, NULL);
	pthread_cond_init(&pl->cv, NULL);
	/* Without a thread, the writer parses each file itself. */
	pl->threaded = pthread_create(&th, NULL, parse_ahead, pl) == 0;
	for (from = 0; from < n; from = to) {
		to = batch_write(b, pl, from, &bytes);
		if ((r = batch_report(pl, from, to, done, arg, dg)) != BDB_OK)
			rc = r;
		release(pl, to, bytes);
	}
	if (pl->threaded)
		pthread_join(th, NULL);
	pthread_cond_destroy(&pl->cv);
	pthread_mutex_destroy(&pl->mu);
	themes_matcher_free(pl->m);
	free(pl);
	return rc;
}

int
bdb_import_file(struct bdb *b, const char *path,
    const struct parse_opts *popts, struct diag *dg)
{
	struct bdb_import_opts	 opts = { 0 };

	if (popts != NULL)
		opts.parse = *popts;
	return bdb_import_path(b, path, &opts, NULL, dg);
}

void
bdb_imported_clear(struct bdb_imported *res)
{
	free(res->slug);
	free(res->kind);
	free(res->why);
	memset(res, 0, sizeof *res);
}

int
bdb_remove_doc(struct bdb *b, const char *slug, char **err)
{
	sqlite3_stmt	*st;
	int64_t		 id = 0;
	int		 rc = BDB_DATA;

	*err = NULL;
	if (bdb_begin(b, err) != 0)
		return BDB_DATA;
	if ((st = bdb_stmt(b, "SELECT id FROM documents WHERE slug = ?")) ==
	    NULL) {
		step_done(b, st, err);
		goto out;
	}
	bind_str(st, 1, slug);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*err = xasprintf("%s: cannot read the index: %s", bdb_path(b),
		    sqlite3_errmsg(bdb_sqlite(b)));
		rc = BDB_DATA;
	} else if (id == 0) {
		*err = xasprintf("%s: no such document", slug);
		rc = BDB_NOTFOUND;
	} else if (delete_doc(b, id, err) == 0 && bdb_commit(b, err) == 0)
		return BDB_OK;
	else
		rc = BDB_DATA;
out:
	bdb_rollback(b);
	return rc;
}
