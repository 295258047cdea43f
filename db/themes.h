/* themes.h: inside db/ only: the parsed themes.conf (themes-conf.c) and
 * what themes.c does with it.  tui/ sees themes through brief-db.h.
 *
 * A theme_set is an ordered array of themes: the compiled-in
 * data/themes.conf first, then the user's file, which replaces a theme
 * of the same slug in place or appends a new one. */
#ifndef BRIEF_THEMES_H
#define BRIEF_THEMES_H

#include <stddef.h>

#include "diag.h"

struct theme_def {
	char	*slug;
	char	*name;
	char	*description;	/* may be NULL */
	char	*rule;		/* as written, in the search language */
	char	*match;		/* rule translated to FTS5 by fts_translate */
	int	 line;		/* of the "[slug]" line */
};

struct theme_set {
	struct theme_def	*v;
	size_t			 n;
};

/* Parse one themes.conf text into set (adding or replacing by slug).
 * Messages "name:line: ..." go to d; a theme with an error is skipped.
 * Returns the number of errors. */
int	themes_conf_parse(struct theme_set *, const char *name,
	    const char *text, size_t len, struct diag *);
/* The effective set: the compiled-in file, then the user's file
 * ($XDG_CONFIG_HOME/brief/themes.conf or ~/.config/brief/themes.conf)
 * if it exists. */
void	themes_conf_load(struct theme_set *, struct diag *);
/* The user's file's path (a new string). */
char	*themes_conf_user_path(void);
/* A hash of everything the index stores from the set, as hash_hex. */
void	themes_set_hash(const struct theme_set *, char out[17]);
void	themes_set_free(struct theme_set *);

#endif
