/* history.c: the jump stack.  Every jump (a :goto, an outline or footnotes
 * entry, a footnote followed, a search hit) pushes the place it leaves;
 * `back` pops it.  The stack holds at most HISTORY_MAX places: the oldest
 * go first. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "view.h"

#define HISTORY_MAX	128

static struct place	 stack[HISTORY_MAX];
static size_t		 depth;

void
history_push(const struct place *p)
{
	if (depth == HISTORY_MAX) {
		free(stack[0].slug);
		memmove(stack, stack + 1, sizeof stack[0] * (HISTORY_MAX - 1));
		depth--;
	}
	stack[depth] = *p;
	stack[depth].slug = xstrdup(p->slug);
	depth++;
}

int
history_pop(struct place *out)
{
	if (depth == 0)
		return 0;
	*out = stack[--depth];
	return 1;
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
		free(stack[--depth].slug);
}
