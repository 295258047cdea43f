/* review-session.c: the review session in the reader.  It opens the
 * stores (through cli_review_attach, as the command line does), keeps a
 * small cache of marks per document for the lists and the pager's margin,
 * records the session's visits as blocks come on screen, marks
 * recommendations read once scrolled past (autoread), saves the pager's
 * position whenever it moves and restores it on the next start, and offers
 * unsaved drafts back.  The bookkeeping is written after each frame (the
 * frame hook), in one transaction.
 *
 * Every change goes through the review store API (db/brief-db.h), which
 * commits before it returns.  The module owns R: the store's state, the
 * marks cache (dropped at every change), the blocks of the open document
 * seen this session and the last position written. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "review-ui.h"
#include "view.h"

/* Two columns of mark; the pager's cursor column follows. */
#define MARGIN		2
#define MCACHE_MAX	8		/* documents whose marks are kept */

struct mcache {
	char		*slug;
	struct bdb_mark	*m;
	size_t		 n;
};

static struct {
	int		 on;		/* the store is attached */
	char		*why;		/* why not */
	int64_t		 session;
	int		 autoread;
	struct mcache	 mc[MCACHE_MAX];
	size_t		 next_mc;
	char		*seen_slug;	/* blocks of this doc on screen */
	char		*seen;
	size_t		 nseen;
	char		*pos_slug;	/* the last position written */
	int		 pos_seq;
	uint32_t	 pos_off;
	int		 pos_dirty;	/* the pager moved: write at the frame */
	int		 started;	/* the session was started (or tried) */
	char		**pending;	/* visits to write: "slug\0anchor" */
	size_t		 npending;
	struct pager_decor decor;
} R;

static struct bdb *
db(void)
{
	return view_db();
}

int
review_on(void)
{
	return R.on;
}

int
review_need_store(void)
{
	if (R.on)
		return 1;
	view_error("No review store (%s): reading only",
	    R.why ? R.why : "not opened");
	return 0;
}

void
review_set_autoread(int on)
{
	R.autoread = on;
}

int
review_autoread(void)
{
	return R.autoread;
}

/* --- Opening ----------------------------------------------------------- */

static int
store_named(const struct cli *c)
{
	const char *env = getenv("BRIEF_REVIEW");

	return c->review_path != NULL || (env != NULL && env[0] != '\0');
}

struct bdb *
review_open(struct cli *c)
{
	struct bdb *b;

	if (view_scripted() && !store_named(c))
		return cli_open_db(c, 1);
	if ((b = cli_review_attach(c, &R.why)) != NULL && R.why == NULL)
		R.on = 1;
	return b;
}

/* --- Blocks ------------------------------------------------------------ */

/* Document slug: the pager's own, or loaded into d (doc_clear it). */
static const struct doc *
doc_for(const char *slug, struct doc *d)
{
	const struct doc *p = pager_doc();

	if (p != NULL && strcmp(p->slug, slug) == 0)
		return p;
	if (bdb_load(db(), slug, d) != BDB_OK)
		return NULL;
	return d;
}

char *
review_block_anchor(const char *slug, int seq)
{
	struct doc tmp = { 0 };
	const struct doc *d = doc_for(slug, &tmp);
	char *a = NULL;

	if (d != NULL && seq >= 0 && (size_t)seq < d->nblocks &&
	    d->blocks[seq].anchor != NULL)
		a = xstrdup(d->blocks[seq].anchor);
	doc_clear(&tmp);
	return a;
}

int
review_find_seq(const char *slug, const char *anchor)
{
	struct doc tmp = { 0 };
	const struct doc *d = doc_for(slug, &tmp);
	int seq = d != NULL ? doc_find_anchor(d, anchor) : -1;

	doc_clear(&tmp);
	return seq;
}

/* "rec-2" in the open document, else "annex#rec-2" (a new string). */
char *
review_place_label(const char *slug, const char *anchor)
{
	const struct doc *p = pager_doc();

	if (p != NULL && strcmp(p->slug, slug) == 0)
		return xstrdup(anchor);
	return xasprintf("%s#%s", slug, anchor);
}

/* --- Marks ------------------------------------------------------------- */

static void
mcache_clear(struct mcache *c)
{
	free(c->slug);
	bdb_marks_free(c->m, c->n);
	memset(c, 0, sizeof *c);
}

void
review_marks_changed(void)
{
	for (size_t i = 0; i < MCACHE_MAX; i++)
		mcache_clear(&R.mc[i]);
}

static const struct mcache *
marks_of(const char *slug)
{
	struct mcache *c;

	for (size_t i = 0; i < MCACHE_MAX; i++)
		if (R.mc[i].slug != NULL && strcmp(R.mc[i].slug, slug) == 0)
			return &R.mc[i];
	c = &R.mc[R.next_mc];
	R.next_mc = (R.next_mc + 1) % MCACHE_MAX;
	mcache_clear(c);
	c->slug = xstrdup(slug);
	if (bdb_marks(db(), slug, &c->m, &c->n) != BDB_OK)
		c->m = NULL, c->n = 0;
	return c;
}

static const struct bdb_mark *
mark_at(const char *slug, const char *anchor, int seq)
{
	const struct mcache *c = marks_of(slug);

	for (size_t i = 0; i < c->n; i++)
		if (anchor != NULL ? strcmp(c->m[i].anchor, anchor) == 0 :
		    c->m[i].seq == seq)
			return &c->m[i];
	return NULL;
}

static const char *
status_mark(int status)
{
	static const char *const utf8[RS__COUNT] = { " ", "·", "!", "✓" };
	static const char *const ascii[RS__COUNT] = { " ", ".", "!", "x" };

	if (status < 0 || status >= RS__COUNT)
		status = RS_UNREAD;
	return view_ascii() ? ascii[status] : utf8[status];
}

/* The two columns for mark m (NULL: none) in buf. */
static const char *
mark_text(const struct bdb_mark *m, char buf[16])
{
	const char *second = " ";

	if (m != NULL && m->state == RV_CHANGED)
		second = "~";
	else if (m != NULL && m->nnotes > 0)
		second = "*";
	snprintf(buf, 16, "%s%s", status_mark(m ? m->status : RS_UNREAD),
	    second);
	return buf;
}

const char *
review_mark(const char *slug, const char *anchor)
{
	static char buf[16];

	if (!R.on || slug == NULL || anchor == NULL)
		return "";
	return mark_text(mark_at(slug, anchor, -1), buf);
}

static attr_t
mark_attr(const struct bdb_mark *m)
{
	if (m->state == RV_CHANGED || m->status == RS_FLAGGED)
		return display_elem(DE_ERROR);
	if (m->status == RS_DONE)
		return display_elem(DE_ANCHOR) | A_BOLD;
	return display_elem(DE_DIM);
}

/* --- Session visits and autoread -------------------------------------- */

/* Record that block seq of d came on screen (once per session and
 * document shown). */
static void
visit(const struct doc *d, int seq)
{
	if (R.seen_slug == NULL || strcmp(R.seen_slug, d->slug) != 0 ||
	    R.nseen != d->nblocks) {
		free(R.seen_slug);
		free(R.seen);
		R.seen_slug = xstrdup(d->slug);
		R.nseen = d->nblocks;
		R.seen = xcalloc(R.nseen + 1, 1);
	}
	if ((size_t)seq >= R.nseen || R.seen[seq])
		return;
	R.seen[seq] = 1;
	if (d->blocks[seq].anchor == NULL || !R.on)
		return;
	/* Written after the frame is on screen (flush_frame). */
	R.pending = xappend(R.pending, R.npending, sizeof *R.pending);
	R.pending[R.npending++] = xasprintf("%s%c%s", d->slug, '\0',
	    d->blocks[seq].anchor);
}

/* Autoread: recommendations that came on screen and are now above the
 * top line were read through; mark them read unless they have a mark. */
static void
autoread(const struct doc *d, int top)
{
	for (int i = 0; i < top && (size_t)i < R.nseen; i++) {
		const struct block *b = &d->blocks[i];

		if (!R.seen[i] || !block_is_rec(b) || b->anchor == NULL ||
		    mark_at(d->slug, b->anchor, -1) != NULL)
			continue;
		if (bdb_status_set(db(), d->slug, b->anchor, RS_READ, NULL) ==
		    BDB_OK)
			review_marks_changed();
	}
}

/* The anchor at or before the pager's top line (a new string) and the
 * offset in it, or NULL. */
char *
review_top_anchor(const char **slug, int *off)
{
	const struct doc *d = pager_doc();
	struct place pl;
	int seq;

	if (d == NULL || d->nblocks == 0)
		return NULL;
	pager_position(&pl);
	for (seq = pl.seq; seq > 0 && d->blocks[seq].anchor == NULL; seq--)
		;
	*slug = d->slug;
	*off = seq == pl.seq ? (int)pl.off : 0;
	return d->blocks[seq].anchor ? xstrdup(d->blocks[seq].anchor) : NULL;
}

/* --- Position ---------------------------------------------------------- */

/* Write the pager's position when it moved since the last write. */
static void
save_position(void)
{
	const char *slug;
	struct place pl;
	char *anchor;
	int off;

	if (!R.on || pager_doc() == NULL)
		return;
	pager_position(&pl);
	if (R.pos_slug != NULL && strcmp(R.pos_slug, pl.slug) == 0 &&
	    R.pos_seq == pl.seq && R.pos_off == pl.off)
		return;
	if ((anchor = review_top_anchor(&slug, &off)) == NULL)
		return;
	if (bdb_position_set(db(), slug, anchor, off, NULL) == BDB_OK) {
		free(R.pos_slug);
		R.pos_slug = xstrdup(pl.slug);
		R.pos_seq = pl.seq;
		R.pos_off = pl.off;
	}
	free(anchor);
}

static void
restore_position(void)
{
	const struct doc *d = pager_doc();
	char *anchor = NULL;
	int off = 0, seq;

	if (d == NULL || bdb_position_get(db(), d->slug, &anchor, &off) !=
	    BDB_OK)
		return;
	if ((seq = doc_find_anchor(d, anchor)) >= 0 && seq > 0) {
		pager_show(d->slug, seq, off > 0 ? (uint32_t)off : 0, 0);
		view_message("Back where you left %s: %s", d->slug, anchor);
	}
	free(anchor);
}

/* --- The pager's decoration -------------------------------------------- */

static void
decor_margin(void *arg, WINDOW *w, int y, int x, const struct doc *d,
    int seq, int first)
{
	const struct bdb_mark *m;
	char buf[16];

	if (seq < 0)
		return;
	visit(d, seq);
	if (!first || (m = mark_at(d->slug, NULL, seq)) == NULL)
		return;
	draw_str(w, y, x, mark_text(m, buf), MARGIN, mark_attr(m));
}

/* Runs at every frame the pager is on top: the status of the current
 * block, and the moment to save the position. */
static void
decor_status(void *arg, const struct doc *d, int seq, struct buf *b)
{
	int rec = seq;	/* the current block */
	const struct bdb_mark *m;
	struct place pl;

	R.pos_dirty = 1;
	if (R.autoread) {
		pager_position(&pl);
		autoread(d, pl.seq);
	}
	if (rec < 0 || (m = mark_at(d->slug, NULL, rec)) == NULL)
		return;
	buf_printf(b, " [%s%s%s]", bdb_status_name(m->status),
	    m->state == RV_CHANGED ? ", changed" : "",
	    m->nnotes > 0 ? ", notes" : "");
}

/* --- Start and end ------------------------------------------------------ */

void
review_session_init(void)
{
	const char *ar = getenv("BRIEF_AUTOREAD");

	R.autoread = ar != NULL && ar[0] != '\0' && strcmp(ar, "0") != 0;
	if (!R.on)
		return;
	R.decor = (struct pager_decor){ .margin = MARGIN,
	    .draw_margin = decor_margin, .status = decor_status };
	pager_add_decor(&R.decor);
}

static void
offer_drafts(void)
{
	struct bdb_draft *d = NULL;
	size_t n = 0;
	char *label;

	if (bdb_drafts(db(), &d, &n) != BDB_OK || n == 0) {
		bdb_drafts_free(d, n);
		return;
	}
	label = review_place_label(d[0].slug, d[0].anchor);
	if (n == 1)
		view_message("Unsaved note for %s restored (a there goes on "
		    "with it): %s", label, d[0].body);
	else
		view_message("%zu unsaved notes restored (M lists them); %s: "
		    "%s", n, label, d[0].body);
	free(label);
	bdb_drafts_free(d, n);
}

static void
start_session(void)
{
	char *err = NULL;

	R.started = 1;
	if (bdb_session_start(db(), &R.session, &err) != BDB_OK) {
		view_error("Review session not started: %s", err ? err : "");
		R.session = 0;
	}
	free(err);
}

/* After each frame: the session's start, the visits and the position,
 * in one transaction, so the bookkeeping never delays a frame nor costs
 * a sync per block. */
static void
flush_frame(void)
{
	if (!R.on || (R.npending == 0 && !R.pos_dirty && R.started))
		return;
	bdb_review_begin(db());
	if (!R.started)
		start_session();
	for (size_t i = 0; i < R.npending; i++) {
		const char *slug = R.pending[i];

		if (R.session > 0)
			bdb_session_visit(db(), R.session, slug,
			    slug + strlen(slug) + 1);
		free(R.pending[i]);
	}
	R.npending = 0;
	if (R.pos_dirty)
		save_position();
	R.pos_dirty = 0;
	bdb_review_commit(db());
}

void
review_session_start(int restore)
{
	if (!R.on) {
		if (R.why != NULL)
			view_error("No review store: %s (reading only)", R.why);
		return;
	}
	view_on_frame(flush_frame);
	if (restore)
		restore_position();
	offer_drafts();
}

/* The session's last writes, while the pager is still there to say
 * where it stands.  Once: the session is closed after it. */
void
review_session_save(void)
{
	if (!R.on)
		return;
	flush_frame();
	save_position();
	if (R.session > 0)
		bdb_session_end(db(), R.session, NULL);
	R.session = 0;
}

/* After view_free() the margin goes without the pager laying the
 * document out again for a frame that will never be drawn. */
void
review_session_end(void)
{
	review_session_save();
	if (R.on)
		pager_remove_decor(&R.decor);
	review_marks_changed();
	for (size_t i = 0; i < R.npending; i++)
		free(R.pending[i]);
	free(R.pending);
	R.pending = NULL;
	R.npending = 0;
	free(R.seen_slug);
	free(R.seen);
	free(R.pos_slug);
	free(R.why);
	memset(&R, 0, sizeof R);
}
