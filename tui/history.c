/* history.c: the jump stack.  Every jump to the pager (a :goto, an
 * outline, footnotes, notes or documents entry, a theme's block, a search
 * hit, a footnote followed, a bookmark) pushes an entry: the place the
 * pager left and the views that stood above it, suspended (detached from
 * the view stack with their state, not closed).  `back` pops the entry:
 * the pager goes back to the place and the views come back on top, so the
 * user lands in the list the jump started from, selection and all.
 *
 * The stack holds at most HISTORY_MAX entries, the oldest dropped first;
 * only the newest VIEWS_KEPT keep their views (a theme view over a big
 * corpus holds many documents), older ones keep just their place.  Views
 * leaving the stack any way are closed with view_close().
 *
 * `forward` (vim's C-i) goes back again to where a `back` came from: each
 * back pushes the place it left on a second stack, of places only (the
 * views above the pager stay with the back stack); a new jump empties it,
 * as in vim and browsers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "view.h"

#define HISTORY_MAX	128
#define VIEWS_KEPT	16

struct jump {
	struct place	 place;		/* slug owned */
	struct view	**views;	/* suspended, bottom first; owned */
	size_t		 nviews;
};

static struct jump	 stack[HISTORY_MAX];
static size_t		 depth;
static struct place	 ahead[HISTORY_MAX];	/* forward; slugs owned */
static size_t		 nahead;
static int		 going_forward;	/* the push is a forward, keep ahead */

static void
drop_views(struct jump *j)
{
	for (size_t i = j->nviews; i > 0; i--)	/* top first, as pops go */
		view_close(j->views[i - 1]);
	free(j->views);
	j->views = NULL;
	j->nviews = 0;
}

static void
jump_free(struct jump *j)
{
	drop_views(j);
	free(j->place.slug);
	j->place.slug = NULL;
}

/* Close the views of entries older than the newest VIEWS_KEPT. */
static void
trim_views(void)
{
	for (size_t i = 0; i + VIEWS_KEPT < depth; i++)
		drop_views(&stack[i]);
}

static void
ahead_clear(void)
{
	while (nahead > 0) {
		free(ahead[--nahead].slug);
		ahead[nahead].slug = NULL;
	}
}

void
history_push(const struct place *p, struct view **views, size_t n)
{
	struct jump *j;

	if (!going_forward)
		ahead_clear();

	if (depth == HISTORY_MAX) {
		jump_free(&stack[0]);
		memmove(stack, stack + 1, sizeof stack[0] * (HISTORY_MAX - 1));
		depth--;
	}
	j = &stack[depth++];
	j->place = *p;
	j->place.slug = xstrdup(p->slug);
	j->views = views;
	j->nviews = n;
	trim_views();
}

int
history_pop(struct place *out, struct view ***views, size_t *n)
{
	struct jump *j;

	if (depth == 0)
		return 0;
	j = &stack[--depth];
	*out = j->place;
	*views = j->views;
	*n = j->nviews;
	memset(j, 0, sizeof *j);
	return 1;
}

int
history_top_has_views(void)
{
	return depth > 0 && stack[depth - 1].nviews > 0;
}

size_t
history_depth(void)
{
	return depth;
}

void
history_clear(void)
{
	while (depth > 0)
		jump_free(&stack[--depth]);
	ahead_clear();
}

void
history_ahead_push(const struct place *p)
{
	if (nahead == HISTORY_MAX) {
		free(ahead[0].slug);
		memmove(ahead, ahead + 1, sizeof ahead[0] * (HISTORY_MAX - 1));
		nahead--;
	}
	ahead[nahead] = *p;
	ahead[nahead].slug = xstrdup(p->slug);
	nahead++;
}

int
history_ahead_pop(struct place *out)
{
	if (nahead == 0)
		return 0;
	*out = ahead[--nahead];
	ahead[nahead].slug = NULL;
	return 1;
}

void
history_going_forward(int on)
{
	going_forward = on;
}
