/* view-themes.h: the reader's theme views, for each other: the list
 * (view-themes.c), one theme (view-theme.c) and a block of it shown in
 * its document (view-theme.c).  reader.c calls themes_view_init() (it is
 * declared in cli.h) to hook the `themes` action. */
#ifndef BRIEF_VIEW_THEMES_H
#define BRIEF_VIEW_THEMES_H

#include "view.h"

extern const struct view_ops themes_ops;	/* arg: NULL */
extern const struct view_ops theme_ops;		/* arg: the slug */

/* What view_push(&themectx_ops, arg) takes. */
struct themectx_arg {
	const char	*slug;		/* document */
	const char	*anchor;	/* block shown at the top */
};
extern const struct view_ops themectx_ops;

#endif
