/* pager-jumps.c: the pager's jumps and its way back: opening a
 * document at an anchor (pager_open) or a block and offset (pager_show),
 * the place pushed before a jump and the views above suspended with it
 * (history.c), back and forward, and C-c at the document (a key, as in
 * less).  The pager's state is view-pager.c's (view-pager.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "view-pager.h"

const struct doc *
pager_doc(void)
{
	return the_pager ? &((struct pager *)the_pager->priv)->doc : NULL;
}

void
pager_position(struct place *pl)
{
	struct view *v = the_pager;
	struct pager *p = v->priv;
	const struct lline *l = pager_has_line(p, v->top) ?
	    pager_line(p, v->top) : NULL;

	pl->slug = p->doc.slug;
	pl->seq = l ? l->block : 0;
	pl->off = l ? l->src_start : 0;
	pl->link_seq = p->sel_seq;
	pl->link_span = p->sel_span;
}

/* Make slug the open document (loading it); 0, or -1 with a message. */
static int
switch_doc(struct pager *p, const char *slug)
{
	struct doc d = { 0 };
	char *s;

	if (strcmp(slug, p->doc.slug) == 0)
		return 0;
	if ((s = bdb_resolve(view_db(), slug)) == NULL) {
		view_error("No document '%s' (D lists them)", slug);
		return -1;
	}
	if (bdb_load_outline_spans(view_db(), s, &d) != BDB_OK) {
		view_error("Cannot load %s", s);
		free(s);
		return -1;
	}
	free(s);
	pager_forget_layout(p);
	doc_clear(&p->doc);
	p->doc = d;
	pager_filter_clear(p);
	return 0;
}

/* Show byte off of block seq at the top of the open document. */
static void
show_at(int seq, uint32_t off)
{
	struct view *v = the_pager;
	struct pager *p = v->priv;

	p->sel_seq = p->sel_span = -1;
	pager_set_current(v, seq, CUR_ANY);
	if (!p->counted) {		/* a new document */
		p->start_seq = seq;
		p->start_off = off;
		pager_layout(v);
		return;
	}
	v->top = seq >= 0 ? pager_line_of(p, seq, off) : 0;
	p->cur_top = v->top;
}

/* The views above the pager leave the stack: suspended with the place
 * left (here, NULL for none) when this is a jump, else closed. */
static void
leave_views(const struct place *here, int push_history)
{
	struct view **above;
	size_t n;

	if (!push_history || here == NULL) {
		view_pop_to(the_pager);
		return;
	}
	n = view_suspend_above(the_pager, &above);
	history_push(here, above, n);
}

/* Go to (slug, seq, off), pushing the place left when asked. */
static int
jump(const char *slug, int seq, uint32_t off, int push_history)
{
	struct pager *p = the_pager->priv;
	struct place here = { 0 };
	int had = p->counted;

	if (had) {
		pager_position(&here);
		here.slug = xstrdup(here.slug);
	}
	if (switch_doc(p, slug) != 0) {
		free(here.slug);
		return -1;
	}
	leave_views(had ? &here : NULL, push_history);
	free(here.slug);
	if (seq >= 0 && (size_t)seq >= p->doc.nblocks)
		seq = -1;
	show_at(seq, off);
	return 0;
}

/* Find anchor in the document that slug names, without switching. */
static int
find_in(struct pager *p, const char *slug, const char *anchor, int *seq)
{
	struct doc d = { 0 };
	char *s;

	*seq = -1;
	if (anchor == NULL)
		return 0;
	if (strcmp(slug, p->doc.slug) == 0) {
		*seq = doc_find_anchor(&p->doc, anchor);
	} else if ((s = bdb_resolve(view_db(), slug)) != NULL) {
		if (bdb_load_outline(view_db(), s, &d) == BDB_OK)
			*seq = doc_find_anchor(&d, anchor);
		doc_clear(&d);
		free(s);
	} else {
		view_error("No document '%s' (D lists them)", slug);
		return -1;
	}
	if (*seq < 0) {
		view_error("No anchor '%s' in %s", anchor, slug);
		return -1;
	}
	return 0;
}

int
pager_open(const char *slug, const char *anchor, int push_history)
{
	int seq;

	if (the_pager == NULL ||
	    find_in(the_pager->priv, slug, anchor, &seq) != 0)
		return -1;
	return jump(slug, seq, 0, push_history);
}

int
pager_show(const char *slug, int seq, uint32_t off, int push_history)
{
	if (the_pager == NULL)
		return -1;
	return jump(slug, seq, off, push_history);
}

void
pager_push_place(void)
{
	struct place here;

	if (the_pager == NULL || !((struct pager *)the_pager->priv)->counted)
		return;
	pager_position(&here);
	history_push(&here, NULL, 0);
}

/* Views of a jump that cannot be gone back to. */
static void
close_views(struct view **views, size_t n)
{
	while (n > 0)
		view_close(views[--n]);
	free(views);
}

int
pager_back(void)
{
	struct pager *p;
	struct place pl;
	struct view **views;
	size_t n;

	if (the_pager == NULL || history_depth() == 0)
		return 0;
	p = the_pager->priv;
	if (p->counted) {		/* where forward comes back to */
		pager_position(&pl);
		history_ahead_push(&pl);
	}
	history_pop(&pl, &views, &n);
	view_pop_to(the_pager);
	if (switch_doc(p, pl.slug) != 0) {	/* gone from the index */
		close_views(views, n);
		free(pl.slug);
		return 1;
	}
	show_at(pl.seq, pl.off);
	if (pl.link_seq >= 0 && (size_t)pl.link_seq < p->doc.nblocks &&
	    pl.link_span >= 0 &&
	    (size_t)pl.link_span < p->doc.blocks[pl.link_seq].nspans) {
		p->sel_seq = pl.link_seq;
		p->sel_span = pl.link_span;
	}
	free(pl.slug);
	view_resume(views, n);
	return 1;
}

/* Forward again to where the last back came from: a jump, so back
 * returns to the list it left. */
static int
pager_forward(void)
{
	struct pager *p;
	struct place pl;
	int rc;

	if (the_pager == NULL || !history_ahead_pop(&pl))
		return 0;
	p = the_pager->priv;
	history_going_forward(1);
	rc = jump(pl.slug, pl.seq, pl.off, 1);
	history_going_forward(0);
	if (rc == 0 && pl.link_seq >= 0 &&
	    (size_t)pl.link_seq < p->doc.nblocks && pl.link_span >= 0 &&
	    (size_t)pl.link_span < p->doc.blocks[pl.link_seq].nspans) {
		p->sel_seq = pl.link_seq;
		p->sel_span = pl.link_span;
	}
	free(pl.slug);
	return 1;
}

/* forward, from the pager or a list above it. */
int
pager_on_forward(struct view *v, enum action a, bkey k)
{
	(void)v, (void)a, (void)k;
	if (!pager_forward())
		view_message("Nothing to go forward to");
	return 1;
}

/* C-c outside a prompt or a search: a key, as in less, which never quits
 * on it (a C-c typed to quit a pager by habit must not lose the place).
 * It closes a popup or list like Esc; at the document it says how to
 * quit, in the keymap's own key. */
int
pager_on_interrupt(struct view *v, enum action a, bkey k)
{
	char keys[64], *comma;

	(void)a, (void)k;
	if (v != view_bottom()) {
		view_pop();
		return 1;
	}
	if (keymap_keys_for(view_keymap(), ACT_QUIT, CTX_PAGER | CTX_GENERIC,
	    keys, sizeof keys) == 0) {
		view_message("Interrupt: :quit quits");
		return 1;
	}
	if ((comma = strchr(keys, ',')) != NULL)
		*comma = '\0';
	view_message("Interrupt: %s quits", keys);
	return 1;
}
