/* view-themes.h: the reader's theme views, for each other and for
 * search-ui.c: the list (view-themes.c) and one theme (view-theme.c).
 * reader.c calls themes_view_init() (it is declared in cli.h) to hook
 * the `themes` action. */
#ifndef BRIEF_VIEW_THEMES_H
#define BRIEF_VIEW_THEMES_H

#include "view.h"

extern const struct view_ops themes_ops;	/* arg: NULL */
extern const struct view_ops theme_ops;		/* arg: the slug */

/* The theme a theme view shows (search there is limited to it); NULL
 * when v is not a theme view. */
const struct theme *theme_view_theme(struct view *v);

#endif
