/* themes-vocab.c: which theme rules cannot match a document, known
 * without running them.  Tagging one document runs every rule as an
 * FTS5 query over a scratch index of its blocks (themes.c); each query
 * costs about the same whether it finds anything or not, so a themes.conf
 * with a theme per country made imports twice as slow.  A rule can only
 * match when one of its terms is in the document, so the document's
 * terms (fts5vocab over the scratch table) are read once, and each
 * rule's terms, put through the same tokenizer FTS5 uses for queries
 * (porter unicode61 remove_diacritics 2), are looked up among them.
 * Rules whose terms cannot be had this way always run. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "themes-vocab.h"
#include "xmalloc.h"

struct rterm {
	char	*s;		/* a token as FTS5 looks it up */
	int	 prefix;	/* the phrase's last token, with '*' */
	int	 phrase;	/* which quoted string it came from */
};

/* One rule's terms, cached by its MATCH text across documents. */
struct rterms {
	char		*match;
	struct rterm	*v;
	size_t		 n;
	char		**quoted;	/* each quoted string as in match,
					 * with its " *" if any */
	size_t		 nquoted;
	int		 ok;		/* 0: unknown, the rule always runs */
	int		 pure_or;	/* ("a" OR "b" * OR ...) only */
};

static struct rterms	*cache;
static size_t		 ncache;

static fts5_api *
fts5_of(sqlite3 *db)
{
	fts5_api	*api = NULL;
	sqlite3_stmt	*st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return api;
}

/* Between two quoted strings of a pure OR rule: " OR " (nothing before
 * the first, after its opening parenthesis). */
static int
only_or(const char *from, const char *to, int first)
{
	size_t	n = (size_t)(to - from);

	return first ? n == 0 : n == 4 && strncmp(from, " OR ", 4) == 0;
}

struct tok_ctx {
	struct rterms	*r;
	int		 prefix;
	int		 phrase;
};

static int
on_token(void *arg, int flags, const char *tok, int n, int start, int end)
{
	struct tok_ctx	*c = arg;
	struct rterms	*r = c->r;

	(void)flags, (void)start, (void)end;
	if (n <= 0)
		return SQLITE_OK;
	r->v = xappend(r->v, r->n, sizeof *r->v);
	r->v[r->n].s = xstrndup(tok, (size_t)n);
	r->v[r->n].phrase = c->phrase;
	r->v[r->n++].prefix = c->prefix;
	return SQLITE_OK;
}

/* The quoted strings of a translated rule ("word", "two words" or
 * "word" * for a prefix), each through the tokenizer; pure_or says the
 * rule is nothing but them joined by OR, as fts_translate writes
 * ("a" OR "b" *), so the absent ones can be left out. */
static int
split_rule(fts5_tokenizer *t, Fts5Tokenizer *tok, struct rterms *r)
{
	const char	*s = r->match, *q, *between = r->match;
	struct buf	 str = { 0 };
	struct tok_ctx	 c = { r, 0, 0 };
	int		 rc = SQLITE_OK;

	r->pure_or = *s == '(';
	while (rc == SQLITE_OK && (s = strchr(s, '"')) != NULL) {
		if (r->pure_or && !only_or(between + (between == r->match),
		    s, r->nquoted == 0))
			r->pure_or = 0;
		for (q = s++; *s != '\0'; s++) {
			if (*s == '"' && s[1] == '"')
				buf_addc(&str, *s++);
			else if (*s == '"')
				break;
			else
				buf_addc(&str, *s);
		}
		if (*s == '\0') {
			rc = SQLITE_ERROR;
			break;
		}
		s++;
		c.prefix = strncmp(s, " *", 2) == 0;
		if (c.prefix)
			s += 2;
		between = s;
		c.phrase = (int)r->nquoted;
		r->quoted = xappend(r->quoted, r->nquoted, sizeof *r->quoted);
		r->quoted[r->nquoted++] = xstrndup(q, (size_t)(s - q));
		if (str.len > 0)
			rc = t->xTokenize(tok, &c, c.prefix ?
			    FTS5_TOKENIZE_PREFIX | FTS5_TOKENIZE_QUERY :
			    FTS5_TOKENIZE_QUERY, str.data, (int)str.len,
			    on_token);
		str.len = 0;
	}
	if (r->pure_or && strcmp(between, ")") != 0)
		r->pure_or = 0;
	buf_free(&str);
	return rc == SQLITE_OK && r->n > 0;
}

static struct rterms *
terms_of(struct bdb *b, size_t i, const char *match)
{
	static const char	*args[] = { "unicode61", "remove_diacritics",
	    "2" };
	fts5_api		*api;
	fts5_tokenizer		 t;
	Fts5Tokenizer		*tok = NULL;
	void			*ud = NULL;
	struct rterms		*r;

	if (i < ncache && strcmp(cache[i].match, match) == 0)
		return &cache[i];
	if (i >= ncache) {
		cache = xreallocarray(cache, i + 1, sizeof *cache);
		memset(cache + ncache, 0, (i + 1 - ncache) * sizeof *cache);
		ncache = i + 1;
	}
	r = &cache[i];
	for (size_t k = 0; k < r->n; k++)
		free(r->v[k].s);
	free(r->v);
	for (size_t k = 0; k < r->nquoted; k++)
		free(r->quoted[k]);
	free(r->quoted);
	free(r->match);
	memset(r, 0, sizeof *r);
	r->match = xstrdup(match);
	if ((api = fts5_of(bdb_sqlite(b))) == NULL || api->xFindTokenizer(api,
	    "porter", &ud, &t) != SQLITE_OK || t.xCreate(ud, args, 3,
	    &tok) != SQLITE_OK)
		return r;
	r->ok = split_rule(&t, tok, r);
	t.xDelete(tok);
	return r;
}

void
themes_vocab_clear(struct themes_vocab *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	memset(v, 0, sizeof *v);
}

int
themes_vocab_load(struct bdb *b, struct themes_vocab *v)
{
	sqlite3_stmt	*st;

	memset(v, 0, sizeof *v);
	if (sqlite3_exec(bdb_sqlite(b), "CREATE VIRTUAL TABLE IF NOT EXISTS "
	    "temp.tag_vocab USING fts5vocab(temp, tag_scratch, row)", NULL,
	    NULL, NULL) != SQLITE_OK ||
	    (st = bdb_stmt(b, "SELECT term FROM temp.tag_vocab")) == NULL)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		if (t == NULL)
			continue;
		v->v = xappend(v->v, v->n, sizeof *v->v);
		v->v[v->n++] = xstrdup(t);
	}
	sqlite3_reset(st);
	v->loaded = 1;
	return 0;
}

/* The first term not below s (terms come sorted, as FTS5 keeps them). */
static size_t
lower_bound(const struct themes_vocab *v, const char *s)
{
	size_t	lo = 0, hi = v->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(v->v[mid], s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
present(const struct themes_vocab *v, const struct rterm *t)
{
	size_t	at = lower_bound(v, t->s);

	return at < v->n && (t->prefix ? strncmp(v->v[at], t->s,
	    strlen(t->s)) == 0 : strcmp(v->v[at], t->s) == 0);
}

int
themes_vocab_rule(struct bdb *b, const struct themes_vocab *v, size_t i,
    const char *match, char **reduced)
{
	const struct rterms	*r;
	struct buf		 out = { 0 };
	size_t			 k = 0, kept = 0;

	*reduced = NULL;
	if (!v->loaded)
		return 1;
	r = terms_of(b, i, match);
	if (!r->ok)
		return 1;
	if (!r->pure_or) {
		for (k = 0; k < r->n; k++)
			if (present(v, &r->v[k]))
				return 1;
		return 0;
	}
	/* A quoted string can match when all its tokens are there. */
	buf_addc(&out, '(');
	for (size_t p = 0; p < r->nquoted; p++) {
		int all = 1;

		for (; k < r->n && r->v[k].phrase == (int)p; k++)
			all = all && present(v, &r->v[k]);
		if (!all)
			continue;
		buf_adds(&out, kept++ ? " OR " : "");
		buf_adds(&out, r->quoted[p]);
	}
	buf_addc(&out, ')');
	if (kept == 0 || kept == r->nquoted) {
		buf_free(&out);
		return kept > 0;
	}
	*reduced = buf_steal(&out);
	return 1;
}
