/* sysconfig.c: the configuration files that can name a shared index, for
 * a team reading one index on one host.  Looked for in order, the first
 * naming an index wins:
 *
 *	$XDG_CONFIG_HOME/brief/config	(else ~/.config/brief/config)
 *	DIR/brief/config		for each DIR of $XDG_CONFIG_DIRS
 *					(else /etc/xdg)
 *	/etc/brief/config
 *
 * Lines are "KEY VALUE"; '#' starts a comment.  The one key is
 * "index /absolute/path/index.db".  Errors are "file:line: message" and
 * reading goes on.  Each user's review store stays their own. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief-db.h"
#include "xmalloc.h"

#define LINE_MAX_LEN	4096

static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && strchr(" \t\r\n", e[-1]) != NULL)
		*--e = '\0';
	return s;
}

/* The index named in file, or NULL (no file, no such line). */
static char *
read_config(const char *file, struct diag *d)
{
	FILE	*f = fopen(file, "r");
	char	 line[LINE_MAX_LEN], *found = NULL;
	int	 n = 0;

	if (f == NULL)
		return NULL;
	while (fgets(line, sizeof line, f) != NULL) {
		char	*s = trim(line), *v;

		n++;
		if (*s == '#' || *s == '\0')
			continue;
		v = s + strcspn(s, " \t");
		if (*v != '\0')
			*v++ = '\0';
		v = trim(v);
		if (strcmp(s, "index") != 0)
			diag_warn(d, file, n, 0, "unknown setting '%s' (the one "
			    "setting is 'index PATH')", s);
		else if (*v != '/')
			diag_warn(d, file, n, 0, "index: give an absolute path");
		else if (found == NULL)
			found = xstrdup(v);
	}
	fclose(f);
	return found;
}

static char *
user_config(void)
{
	const char	*x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (x != NULL && *x == '/')
		return xasprintf("%s/brief/config", x);
	return xasprintf("%s/.config/brief/config", home != NULL ? home : ".");
}

char *
bdb_config_index(struct diag *d)
{
	const char	*dirs = getenv("XDG_CONFIG_DIRS");
	char		*file = user_config(), *found, *list, *p, *dir;

	found = read_config(file, d);
	free(file);
	if (dirs == NULL || *dirs == '\0')
		dirs = "/etc/xdg";
	list = xstrdup(dirs);
	for (p = list; found == NULL && (dir = strsep(&p, ":")) != NULL;) {
		if (*dir != '/')
			continue;
		file = xasprintf("%s/brief/config", dir);
		found = read_config(file, d);
		free(file);
	}
	free(list);
	if (found == NULL)
		found = read_config("/etc/brief/config", d);
	return found;
}
