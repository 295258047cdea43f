/* lang-conf.c: the lang.conf parser, one parser for the compiled-in
 * data/lang.conf and the user's own file, which adds to it:
 *
 *	# comment
 *	[salutation]
 *	Geachte
 *	[closing]
 *	Veuillez agréer*
 *	[months]
 *	juin = 6
 *
 * Words are folded as they are read (lang_fold), so the matchers in
 * lang.c compare folded text with folded words.  Every mistake is
 * reported as "file:line: message" and skips only its line. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "file.h"
#include "lang.h"
#include "lang-int.h"
#include "xmalloc.h"

#define MAX_WORD	200	/* bytes of one phrase */
#define LANG_CONF_MAX	((1 << 20) - 1)	/* bytes: 1 MB or more is refused */

const char *lang_list_names[LL__COUNT] = {
	"salutation", "closing", "subject", "reference", "address",
	"contact", "notes", "rec-heading", "rec-intro", "months",
	"date-words"
};

static int	loaded;

static char *
trim(char *s)
{
	char	*end;

	s += strspn(s, " \t");
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r'))
		*--end = '\0';
	return s;
}

static int
section(const char *name)
{
	for (int i = 0; i < LL__COUNT; i++)
		if (strcmp(lang_list_names[i], name) == 0)
			return i;
	return -1;
}

static char *
section_names(void)
{
	struct buf	b = { 0 };

	for (int i = 0; i < LL__COUNT; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", lang_list_names[i]);
	return buf_steal(&b);
}

/* "name = 6" in [months]. */
static const char *
add_month(char *s)
{
	char	*eq = strchr(s, '='), *end, *name, *f;
	long	 m;

	if (eq == NULL)
		return "expected 'name = month number' in [months]";
	*eq = '\0';
	name = trim(s);
	m = strtol(trim(eq + 1), &end, 10);
	if (*name == '\0' || *end != '\0' || end == trim(eq + 1) || m < 1 ||
	    m > 12)
		return "expected 'name = month number' (1 to 12) in [months]";
	f = lang_fold(name, strlen(name), NULL);
	lang_add(LL_MONTHS, f, (int)m);
	free(f);
	return NULL;
}

/* One phrase; a closing ending in '*' only starts the line. */
static const char *
add_word(int list, char *s)
{
	size_t	 len = strlen(s);
	int	 prefix = 0;
	char	*f;

	if (len > MAX_WORD)
		return "phrase too long (over 200 bytes)";
	if (list == LL_MONTHS)
		return add_month(s);
	if (len > 1 && s[len - 1] == '*') {
		if (list != LL_CLOSING)
			return "a trailing '*' is for [closing] phrases only";
		s[--len] = '\0';
		prefix = 1;
		len = strlen(s = trim(s));
	}
	f = lang_fold(s, len, NULL);
	lang_add(list, f, prefix);
	free(f);
	return NULL;
}

int
lang_conf_parse(const char *name, const char *text, size_t len,
    struct diag *d)
{
	char		*copy = xstrndup(text, len), *s, *nl, *names;
	const char	*msg;
	int		 list = -1, line = 0, nerr = d->nerr;

	for (s = copy; s != NULL && *s != '\0'; s = nl) {
		if ((nl = strchr(s, '\n')) != NULL)
			*nl++ = '\0';
		line++;
		s = trim(s);
		if (*s == '\0' || *s == '#')
			continue;
		if (*s == '[' && s[strlen(s) - 1] == ']') {
			s[strlen(s) - 1] = '\0';
			if ((list = section(trim(s + 1))) < 0) {
				names = section_names();
				diag_error(d, name, line, 0, "unknown section "
				    "'[%s]' (%s)", trim(s + 1), names);
				free(names);
			}
			continue;
		}
		if (list < 0)
			msg = "a phrase outside a known [section]";
		else
			msg = add_word(list, s);
		if (msg != NULL)
			diag_error(d, name, line, 0, "%s", msg);
	}
	free(copy);
	return d->nerr - nerr;
}

void
lang_reset(void)
{
	for (int l = 0; l < LL__COUNT; l++) {
		for (size_t i = 0; i < lang_lists[l].n; i++)
			free(lang_lists[l].v[i].word);
		free(lang_lists[l].v);
		lang_lists[l].v = NULL;
		lang_lists[l].n = 0;
	}
	loaded = 0;
}

char *
lang_conf_user_path(void)
{
	return file_user_path(NULL, "XDG_CONFIG_HOME", ".config",
	    "lang.conf");
}

void
lang_load(struct diag *d)
{
	size_t		 len = 0;
	const char	*builtin;
	char		*path, *user;

	if (loaded)
		return;
	loaded = 1;
	if ((builtin = embedded_get("data/lang.conf", &len)) != NULL)
		lang_conf_parse("data/lang.conf", builtin, len, d);
	path = lang_conf_user_path();
	if ((user = file_read_conf(path, LANG_CONF_MAX, &len, d)) != NULL)
		lang_conf_parse(path, user, len, d);
	free(user);
	free(path);
}

/* The quiet load: messages are counted and dropped (lang_load, called
 * by the readers with their diagnostics, reports them). */
static void
quiet(void *arg, enum diag_level l, const char *file, int line, int col,
    const char *msg)
{
	(void)arg, (void)l, (void)file, (void)line, (void)col, (void)msg;
}

void
lang_ensure(void)
{
	struct diag	d = { quiet, NULL, 0, 0 };

	if (!loaded)
		lang_load(&d);
}
