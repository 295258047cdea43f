/* themes-conf.c: the themes.conf parser, one parser for the compiled-in
 * data/themes.conf and the user's own file (after tig's options.c):
 *
 *	# comment
 *	[slug]
 *	name = Asylum and migration
 *	description = one line
 *	rule = asylum OR migra* OR "people on the move"
 *
 * It owns a theme_set (themes.h).  Every mistake is reported as
 * "file:line: message" and skips only the theme it is in; rules are
 * checked with the search translator, so a rule that loads is a rule
 * that runs. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "file.h"
#include "fts-query.h"
#include "store.h"
#include "themes.h"
#include "xmalloc.h"

#define THEME_KEYS	"name, description or rule"

struct conf_parser {
	struct theme_set	*set;
	const char		*file;
	struct diag		*d;
	int			 line;
	struct theme_def	 cur;	/* the theme being read */
	int			 in;	/* inside a section (good or bad) */
	int			 bad;	/* the current section is skipped */
	int			 rule_line;
	char			**seen;	/* slugs of this file, for dups */
	int			*seen_line;
	size_t			 nseen;
};

static void
def_clear(struct theme_def *t)
{
	free(t->slug);
	free(t->name);
	free(t->description);
	free(t->rule);
	free(t->match);
	memset(t, 0, sizeof *t);
}

void
themes_set_free(struct theme_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		def_clear(&s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* Report at line; inside a named theme, say that it is skipped. */
static void
conf_error(struct conf_parser *p, int line, const char *msg)
{
	if (p->in && !p->bad && p->cur.slug != NULL)
		diag_error(p->d, p->file, line, 0, "%s (theme '%s' skipped)",
		    msg, p->cur.slug);
	else
		diag_error(p->d, p->file, line, 0, "%s", msg);
	if (p->in)
		p->bad = 1;
}

static int
slug_ok(const char *s, size_t len)
{
	if (len == 0 || len > 64 || s[0] == '-')
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* The translated rule, or NULL with *msg set. */
static char *
translate_rule(const char *rule, char **msg)
{
	struct fts_query	 q = { 0 };
	char			*err = NULL, *match = NULL;

	if (fts_translate(rule, &q, &err) != 0) {
		*msg = xasprintf("bad rule: %s", err ? err : "cannot parse");
		goto out;
	}
	if (q.nthemes || q.ndocs || q.in || q.status)
		*msg = xstrdup("bad rule: filters (theme:, doc:, in:, "
		    "status:) cannot be used in a theme's rule");
	else if (q.match == NULL)
		*msg = xstrdup("bad rule: no words to match");
	else
		match = xstrdup(q.match);
out:
	free(err);
	fts_query_clear(&q);
	return match;
}

static void
put_theme(struct theme_set *s, struct theme_def *t)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].slug, t->slug) == 0) {
			def_clear(&s->v[i]);
			s->v[i] = *t;
			memset(t, 0, sizeof *t);
			return;
		}
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n++] = *t;
	memset(t, 0, sizeof *t);
}

/* The end of a section: check it and keep it, or drop it. */
static void
finish_theme(struct conf_parser *p)
{
	struct theme_def	*t = &p->cur;
	char			*msg = NULL;

	if (!p->in || p->bad)
		goto out;
	if (t->name == NULL)
		msg = xasprintf("theme '%s' has no name", t->slug);
	else if (t->rule == NULL)
		msg = xasprintf("theme '%s' has no rule", t->slug);
	if (msg != NULL) {
		conf_error(p, t->line, msg);
		goto out;
	}
	if ((t->match = translate_rule(t->rule, &msg)) == NULL) {
		conf_error(p, p->rule_line, msg);
		goto out;
	}
	put_theme(p->set, t);
out:
	free(msg);
	def_clear(t);
	p->in = p->bad = 0;
	p->rule_line = 0;
}

/* The line of an earlier section of this file with slug, or 0. */
static int
seen_at(const struct conf_parser *p, const char *slug)
{
	for (size_t i = 0; i < p->nseen; i++)
		if (strcmp(p->seen[i], slug) == 0)
			return p->seen_line[i];
	return 0;
}

static void
start_theme(struct conf_parser *p, const char *s, size_t len)
{
	char	*slug = xstrndup(s, len), *msg;
	int	 first;

	finish_theme(p);
	p->in = 1;
	if (!slug_ok(s, len)) {
		msg = xasprintf("bad theme slug '%s': use lowercase letters, "
		    "digits and '-'", slug);
		conf_error(p, p->line, msg);
		free(msg);
		free(slug);
		return;
	}
	if ((first = seen_at(p, slug)) > 0) {
		msg = xasprintf("duplicate theme '%s' (first at line %d)",
		    slug, first);
		conf_error(p, p->line, msg);
		free(msg);
		free(slug);
		return;
	}
	p->seen = xreallocarray(p->seen, p->nseen + 1, sizeof *p->seen);
	p->seen_line = xreallocarray(p->seen_line, p->nseen + 1,
	    sizeof *p->seen_line);
	p->seen[p->nseen] = xstrdup(slug);
	p->seen_line[p->nseen++] = p->line;
	p->cur.slug = slug;
	p->cur.line = p->line;
}

/* The field a key names, or NULL. */
static char **
key_field(struct conf_parser *p, const char *key)
{
	if (strcmp(key, "name") == 0)
		return &p->cur.name;
	if (strcmp(key, "description") == 0)
		return &p->cur.description;
	if (strcmp(key, "rule") == 0)
		return &p->cur.rule;
	return NULL;
}

static void
set_key(struct conf_parser *p, const char *key, const char *value)
{
	char	**field = p->in ? key_field(p, key) : NULL, *msg = NULL;

	if (!p->in)
		msg = xasprintf("'%s' outside a [theme] section", key);
	else if (field == NULL)
		msg = xasprintf("unknown key '%s' (" THEME_KEYS ")", key);
	else if (*field != NULL)
		msg = xasprintf("'%s' given twice", key);
	else if (*value == '\0')
		msg = xasprintf("'%s' is empty", key);
	else {
		*field = xstrdup(value);
		if (field == &p->cur.rule)
			p->rule_line = p->line;
	}
	if (msg != NULL)
		conf_error(p, p->line, msg);
	free(msg);
}

static char *
trim(char *s, char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r'))
		end--;
	*end = '\0';
	return s;
}

static void
parse_line(struct conf_parser *p, char *s)
{
	char	*eq, *key, *end = s + strlen(s);

	s = trim(s, end);
	end = s + strlen(s);
	if (*s == '\0' || *s == '#' || *s == ';')
		return;
	if (*s == '[' && end[-1] == ']') {
		start_theme(p, s + 1, (size_t)(end - s - 2));
		return;
	}
	if ((eq = strchr(s, '=')) == NULL || eq == s) {
		conf_error(p, p->line, "expected '[slug]', 'key = value' or "
		    "a '#' comment");
		return;
	}
	key = trim(s, eq);
	set_key(p, key, trim(eq + 1, end));
}

int
themes_conf_parse(struct theme_set *set, const char *name, const char *text,
    size_t len, struct diag *d)
{
	struct conf_parser	 p = { .set = set, .file = name, .d = d };
	char			*copy = xstrndup(text, len), *s, *nl;
	int			 nerr = d->nerr;

	for (s = copy; s != NULL && *s != '\0'; s = nl) {
		if ((nl = strchr(s, '\n')) != NULL)
			*nl++ = '\0';
		p.line++;
		parse_line(&p, s);
	}
	finish_theme(&p);
	for (size_t i = 0; i < p.nseen; i++)
		free(p.seen[i]);
	free(p.seen);
	free(p.seen_line);
	free(copy);
	return d->nerr - nerr;
}

char *
themes_conf_user_path(void)
{
	return file_user_path(NULL, "XDG_CONFIG_HOME", ".config",
	    "themes.conf");
}

void
themes_conf_load(struct theme_set *set, struct diag *d)
{
	size_t		 len = 0;
	const char	*builtin = embedded_get("data/themes.conf", &len);
	char		*path = themes_conf_user_path(), *user;

	if (builtin != NULL)
		themes_conf_parse(set, "data/themes.conf", builtin, len, d);
	if ((user = file_read_conf(path, 0, &len, d)) != NULL)
		themes_conf_parse(set, path, user, len, d);
	free(user);
	free(path);
}

void
themes_set_hash(const struct theme_set *s, char out[17])
{
	struct buf	b = { 0 };

	buf_adds(&b, "themes-v1\n");
	for (size_t i = 0; i < s->n; i++)
		buf_printf(&b, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1e",
		    s->v[i].slug, s->v[i].name, s->v[i].description ?
		    s->v[i].description : "", s->v[i].rule, s->v[i].match);
	hash_hex(b.data, b.len, out);
	buf_free(&b);
}
