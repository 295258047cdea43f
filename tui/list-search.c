/* list-search.c: / and n, N in the lists and the help, after less: a
 * case-blind search of each line as its view draws it (read back from a
 * pad, so no view needs to know its rows), wrapping with less's message.
 * view-filter.c's & keeps the lines holding the same text with the same
 * test (view_text_holds).  The pager searches the document instead
 * (search-ui.c). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "view.h"

static char	*list_pat;	/* the last / in a list or the help */

/* Line `line` of v as drawn, in buf (UTF-8): drawn on a pad and read
 * back, so every view can be searched without knowing its rows. */
void
view_line_text(struct view *v, size_t line, char *buf, size_t size)
{
	WINDOW *pad = newpad(1, v->width > 0 ? v->width : 1);
	wchar_t w[512];
	size_t top = v->top;
	int height = v->height, n;

	buf[0] = '\0';
	if (pad == NULL)
		return;
	if (v->ops->draw_line != NULL)
		v->ops->draw_line(v, pad, 0, line, 0);
	else if (v->ops->draw != NULL) {	/* one row from that line */
		v->top = line;
		v->height = 1;
		v->ops->draw(v, pad);
		v->top = top;
		v->height = height;
	}
	n = mvwinnwstr(pad, 0, 0, w, (int)(sizeof w / sizeof w[0]) - 1);
	if (n != ERR && wcstombs(buf, w, size - 1) == (size_t)-1)
		buf[0] = '\0';
	buf[size - 1] = '\0';
	delwin(pad);
}

int
view_text_holds(const char *line, const char *pat)
{
	size_t n = strlen(pat);

	for (; *line != '\0'; line++)
		if (strncasecmp(line, pat, n) == 0)
			return 1;
	return 0;
}

/* The next line (dir 1) or previous (-1) holding the pattern, from the
 * selection (or the top line), wrapping; 1 if found. */
static int
list_find(struct view *v, int dir)
{
	long n = (long)v->nlines, at = v->sel >= 0 ? v->sel : (long)v->top;
	char text[2048];

	for (long k = 1; k <= n; k++) {
		long i = ((at + dir * k) % n + n) % n;

		view_line_text(v, (size_t)i, text, sizeof text);
		if (view_text_holds(text, list_pat)) {
			view_show_line(v, (size_t)i);
			if (dir > 0 ? i <= at : i >= at)
				view_message("search hit %s, continuing at %s",
				    dir > 0 ? "BOTTOM" : "TOP", dir > 0 ?
				    "TOP" : "BOTTOM");
			return 1;
		}
	}
	view_message("Pattern not found: %s", list_pat);
	return 0;
}

void
view_list_search(struct view *v, enum action a)
{
	char *pat;

	if (a == ACT_FIND) {
		if (!prompt_read("/", view_history(), &pat))
			return;
		if (pat[0] != '\0') {
			free(list_pat);
			list_pat = pat;
		} else
			free(pat);
	}
	if (list_pat == NULL)
		view_message("No search yet (/ searches)");
	else if (v->nlines > 0)
		list_find(v, a == ACT_SEARCH_PREV ? -1 : 1);
}

void
view_list_search_free(void)
{
	free(list_pat);
	list_pat = NULL;
}
