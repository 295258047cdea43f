/* front-matter.c: front matter keys into a struct doc; see
 * front-matter.h.  The first value wins over nothing: a later line with
 * the same key replaces it, as in the text parser before. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "front-matter.h"
#include "lang.h"
#include "xmalloc.h"

static const char *keys[] = { "title", "kind", "parent", "reference",
    "date", "slug", "themes" };
#define NKEYS (sizeof keys / sizeof keys[0])

static void
set_field(char **field, const char *v)
{
	free(*field);
	*field = xstrdup(v);
}

static void
set_themes(struct doc *doc, char *v)
{
	char	*tok, *save;

	v[strcspn(v, "]")] = '\0';
	for (tok = strtok_r(v + (*v == '['), ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		tok += strspn(tok, " \"'");
		tok[strcspn(tok, "\"'")] = '\0';
		for (size_t e = strlen(tok); e > 0 && tok[e - 1] == ' '; e--)
			tok[e - 1] = '\0';
		if (*tok == '\0')
			continue;
		doc->themes = xreallocarray(doc->themes, doc->nthemes + 1,
		    sizeof *doc->themes);
		doc->themes[doc->nthemes++] = xstrdup(tok);
	}
}

static void
set_kind(const char *file, int line, struct doc *doc, const char *v,
    struct diag *d)
{
	if (strcmp(v, "letter") == 0 || strcmp(v, "annex") == 0 ||
	    strcmp(v, "briefing") == 0)
		set_field(&doc->kind, v);
	else
		diag_warn(d, file, line, 0,
		    "unknown kind '%s' (letter, annex or briefing)", v);
}

/* Strip one pair of matching quotes, in place. */
/* A written date as an ISO date; anything else as written. */
static void
set_date(struct doc *doc, const char *v)
{
	char	iso[11];

	set_field(&doc->date, lang_date_line(v, iso) ? iso : v);
}

static char *
unquote(char *v)
{
	size_t	n = strlen(v);

	if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
		v[n - 1] = '\0';
		return v + 1;
	}
	return v;
}

static void
field(const char *file, int line, struct doc *doc, const char *key, char *v,
    struct diag *d)
{
	if (strcmp(key, "title") == 0)
		set_field(&doc->title, v);
	else if (strcmp(key, "kind") == 0)
		set_kind(file, line, doc, v, d);
	else if (strcmp(key, "parent") == 0)
		set_field(&doc->parent, v);
	else if (strcmp(key, "reference") == 0)
		set_field(&doc->reference, v);
	else if (strcmp(key, "date") == 0)
		set_date(doc, v);
	else if (strcmp(key, "slug") == 0) {
		set_field(&doc->slug, v);
		doc->slug_given = 1;	/* an identity: see import.c */
	}
	else if (strcmp(key, "themes") == 0)
		set_themes(doc, v);
	else
		diag_warn(d, file, line, 0,
		    "unknown front matter key '%s'", key);
}

void
front_matter_line(const char *file, int lineno, char *s, struct doc *doc,
    struct diag *d)
{
	char	*colon, *v;

	if (*s == '\0' || *s == '#')
		return;
	if ((colon = strchr(s, ':')) == NULL) {
		diag_warn(d, file, lineno, 0,
		    "front matter line is not 'key: value'");
		return;
	}
	*colon = '\0';
	for (char *k = s; *k != '\0'; k++)
		if (*k >= 'A' && *k <= 'Z')
			*k = (char)(*k - 'A' + 'a');
	v = colon + 1 + strspn(colon + 1, " ");
	field(file, lineno, doc, s, unquote(v), d);
	*colon = ':';
}

int
front_matter_known(const char *s, size_t len)
{
	for (size_t i = 0; i < NKEYS; i++) {
		size_t	n = strlen(keys[i]);

		if (len > n && strncasecmp(s, keys[i], n) == 0 && s[n] == ':')
			return 1;
	}
	return 0;
}
