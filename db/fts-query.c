/* fts-query.c: the search query translator (fts-query.h).  A small lexer
 * and a recursive-descent parser turn what a user types into an FTS5
 * expression in which every word or phrase is a double-quoted FTS5
 * string (quotes doubled) and every operator, parenthesis and '*' is
 * written by this file alone, so no user text is ever FTS5 syntax.
 *
 * The user's grammar, forgiving by design:
 *	query	:= and { OR and }
 *	and	:= { [-|NOT] primary | AND }	(juxtaposition is AND)
 *	primary	:= ( query ) | "phrase"[*] | word[*] | key:value
 * Unbalanced quotes and parentheses are closed at the end, stray ')'
 * and dangling OR/NOT/AND are dropped, words without a letter or digit
 * (punctuation only, a lone '*') are dropped.  Hyphenated words need no
 * care: "AI-Act" as one FTS5 string is the phrase "ai act". */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unictype.h>
#include <unistr.h>

#include "fts-query.h"
#include "xmalloc.h"

#define FTS_MAX_INPUT	2048	/* bytes */
#define FTS_MAX_TERMS	64
#define FTS_MAX_DEPTH	16

enum tok { T_END, T_WORD, T_PHRASE, T_LPAREN, T_RPAREN, T_OR, T_AND,
	T_NOT, T_FILTER };

struct parser {
	char		*s;		/* cleaned copy of the input */
	size_t		 pos;
	enum tok	 t;		/* the current token: */
	char		*text;		/*  word, phrase or key:value */
	int		 neg;		/*  written with a leading '-' */
	int		 prefix;	/*  followed by '*' */
	int		 depth;		/* open parentheses */
	struct fts_query *q;
	size_t		 nwords;
	char		*err;
};

/* A copy of s in which control characters, bidi controls and invalid
 * UTF-8 are spaces: they separate words and never reach FTS5. */
static char *
clean_input(const char *s)
{
	size_t		 len = strlen(s), i = 0;
	char		*out = xmalloc(len + 1);
	ucs4_t		 uc;
	int		 n;

	while (i < len) {
		n = u8_mbtoucr(&uc, (const uint8_t *)s + i, len - i);
		if (n < 0 || uc < 0x20 || (uc >= 0x7f && uc < 0xa0) ||
		    (uc >= 0x200e && uc <= 0x200f) ||
		    (uc >= 0x202a && uc <= 0x202e) ||
		    (uc >= 0x2066 && uc <= 0x2069)) {
			n = n < 0 ? 1 : n;
			memset(out + i, ' ', n);
		} else
			memcpy(out + i, s + i, n);
		i += n;
	}
	out[len] = '\0';
	return out;
}

/* Does s hold a character the tokenizer keeps (letter, digit, private
 * use: unicode61's default token characters)? */
static int
has_token_char(const char *s)
{
	size_t	 len = strlen(s), i = 0;
	ucs4_t	 uc;
	int	 n;

	while (i < len) {
		if ((n = u8_mbtoucr(&uc, (const uint8_t *)s + i, len - i)) < 0)
			return 0;
		if (uc_is_general_category_withtable(uc, UC_CATEGORY_MASK_L |
		    UC_CATEGORY_MASK_N | UC_CATEGORY_MASK_Co))
			return 1;
		i += n;
	}
	return 0;
}

static int
is_space(char c)
{
	return c == ' ';
}

static int
ends_word(char c)
{
	return c == '\0' || is_space(c) || c == '"' || c == '(' || c == ')';
}

/* A '-' before c excludes what follows: a word, phrase or group. */
static int
negates(char c)
{
	return c != '\0' && !is_space(c) && c != ')';
}

static void
lex_phrase(struct parser *p)
{
	char	*start = p->s + ++p->pos, *end = strchr(start, '"');

	if (end == NULL)
		end = start + strlen(start);
	p->text = xstrndup(start, end - start);
	p->pos = end - p->s + (*end == '"');
	p->t = T_PHRASE;
}

static int
is_filter(const char *w)
{
	static const char *keys[] = { "theme:", "doc:", "in:", "status:" };

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strncasecmp(w, keys[i], strlen(keys[i])) == 0)
			return 1;
	return 0;
}

static void
lex_word(struct parser *p)
{
	size_t	 start = p->pos, len;

	while (!ends_word(p->s[p->pos]))
		p->pos++;
	p->text = xstrndup(p->s + start, p->pos - start);
	p->t = T_WORD;
	if (!p->neg && strcmp(p->text, "OR") == 0)
		p->t = T_OR;
	else if (!p->neg && strcmp(p->text, "AND") == 0)
		p->t = T_AND;
	else if (!p->neg && strcmp(p->text, "NOT") == 0)
		p->t = T_NOT;
	else if (is_filter(p->text))
		p->t = T_FILTER;
	else {
		len = strlen(p->text);
		while (len > 0 && p->text[len - 1] == '*') {
			p->text[--len] = '\0';
			p->prefix = 1;
		}
	}
}

/* Read the next token into p. */
static void
next(struct parser *p)
{
	free(p->text);
	p->text = NULL;
	p->neg = p->prefix = 0;
	while (is_space(p->s[p->pos]))
		p->pos++;
	while (p->s[p->pos] == '-' && negates(p->s[p->pos + 1])) {
		p->neg = 1;
		p->pos++;
	}
	switch (p->s[p->pos]) {
	case '\0':
		p->t = T_END;
		break;
	case '(':
		p->t = T_LPAREN;
		p->pos++;
		break;
	case ')':
		p->t = T_RPAREN;
		p->pos++;
		break;
	case '"':
		lex_phrase(p);
		while (p->s[p->pos] == '*') {
			p->prefix = 1;
			p->pos++;
		}
		break;
	default:
		lex_word(p);
		break;
	}
}

static void
fail(struct parser *p, char *msg)
{
	if (p->err == NULL)
		p->err = msg;
	else
		free(msg);
}

static void
add_str(char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

static const char *
in_value(const char *v, unsigned *flag)
{
	static const struct { const char *name; unsigned flag; } names[] = {
		{ "footnotes", FTS_IN_FOOTNOTES }, { "footnote", FTS_IN_FOOTNOTES },
		{ "fn", FTS_IN_FOOTNOTES }, { "notes", FTS_IN_FOOTNOTES },
		{ "recommendations", FTS_IN_RECS },
		{ "recommendation", FTS_IN_RECS }, { "recs", FTS_IN_RECS },
		{ "rec", FTS_IN_RECS }
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(v, names[i].name) == 0) {
			*flag = names[i].flag;
			return names[i].name;
		}
	return NULL;
}

static int
status_ok(const char *v)
{
	return strcmp(v, "unread") == 0 || strcmp(v, "read") == 0 ||
	    strcmp(v, "flagged") == 0 || strcmp(v, "done") == 0 ||
	    strcmp(v, "changed") == 0;
}

static const char *
filter_example(const char *key, size_t klen)
{
	static const char *examples[] = { "theme:asylum", "doc:letter",
	    "in:footnotes", "status:flagged" };

	for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++)
		if (strncasecmp(key, examples[i], klen + 1) == 0)
			return examples[i];
	return "in:footnotes";
}

/* key:value; the key is known to be one of is_filter()'s. */
static void
apply_filter(struct parser *p, int neg)
{
	char		*colon = strchr(p->text, ':'), *v = colon + 1;
	size_t		 klen = colon - p->text;
	unsigned	 flag;

	if (neg)
		fail(p, xasprintf("filters cannot be excluded: '-%.*s:'",
		    (int)klen, p->text));
	else if (*v == '\0')
		fail(p, xasprintf("%.*s: needs a value, e.g. %s", (int)klen,
		    p->text, filter_example(p->text, klen)));
	else if (strncasecmp(p->text, "theme", klen) == 0)
		add_str(&p->q->themes, &p->q->nthemes, v);
	else if (strncasecmp(p->text, "doc", klen) == 0)
		add_str(&p->q->docs, &p->q->ndocs, v);
	else if (strncasecmp(p->text, "in", klen) == 0) {
		if (in_value(v, &flag) == NULL)
			fail(p, xasprintf("in: takes footnotes or "
			    "recommendations, not '%.40s'", v));
		else
			p->q->in |= flag;
	} else if (!status_ok(v))
		fail(p, xasprintf("status: takes unread, read, flagged, done "
		    "or changed, not '%.40s'", v));
	else {
		free(p->q->status);
		p->q->status = xstrdup(v);
	}
}

/* The FTS5 string for a word or phrase: "text" with '"' doubled. */
static char *
fts_string(const char *text, int prefix)
{
	struct buf	 b = { 0 };

	buf_addc(&b, '"');
	for (; *text != '\0'; text++) {
		if (*text == '"')
			buf_addc(&b, '"');
		buf_addc(&b, *text);
	}
	buf_adds(&b, prefix ? "\" *" : "\"");
	return buf_steal(&b);
}

static char *
term(struct parser *p, int neg)
{
	char	*e = NULL;

	if (has_token_char(p->text)) {
		if (++p->nwords > FTS_MAX_TERMS)
			fail(p, xasprintf("too many words in the query (at "
			    "most %d)", FTS_MAX_TERMS));
		else {
			e = fts_string(p->text, p->prefix);
			if (!neg)
				add_str(&p->q->terms, &p->q->nterms, p->text);
		}
	}
	next(p);
	return e;
}

static char	*parse_or(struct parser *);

/* One primary; NULL when it holds nothing to match. */
static char *
parse_primary(struct parser *p, int neg)
{
	char	*e;

	switch (p->t) {
	case T_LPAREN:
		if (++p->depth > FTS_MAX_DEPTH) {
			fail(p, xasprintf("too many nested parentheses (at "
			    "most %d)", FTS_MAX_DEPTH));
			return NULL;
		}
		next(p);
		e = parse_or(p);
		if (p->t == T_RPAREN)
			next(p);
		p->depth--;
		return e;
	case T_WORD:
	case T_PHRASE:
		return term(p, neg);
	case T_FILTER:
		apply_filter(p, neg);
		next(p);
		return NULL;
	default:
		next(p);
		return NULL;
	}
}

/* "((a AND b) NOT c NOT d)" from the positive parts ("a AND b") and
 * the negative ones (" NOT c NOT d"). */
static char *
join_and(struct buf *pos, size_t npos, struct buf *neg, size_t nneg)
{
	char	*and = npos > 1 ? xasprintf("(%s)", pos->data) :
	    xstrdup(pos->data), *out;

	if (nneg == 0)
		return and;
	out = xasprintf("(%s%s)", and, neg->data);
	free(and);
	return out;
}

/* Append e to b, with sep before it unless it is the first and lead
 * is 0. */
static void
add_part(struct buf *b, size_t *n, const char *sep, int lead, char *e)
{
	if ((*n)++ > 0 || lead)
		buf_adds(b, sep);
	buf_adds(b, e);
	free(e);
}

static char *
parse_and(struct parser *p)
{
	struct buf	 pos = { 0 }, neg = { 0 };
	size_t		 npos = 0, nneg = 0;
	int		 not = 0, minus;
	char		*e, *out = NULL;

	while (p->err == NULL && p->t != T_END && p->t != T_OR &&
	    !(p->t == T_RPAREN && p->depth > 0)) {
		if (p->t == T_RPAREN || p->t == T_AND || p->t == T_NOT) {
			not |= p->t == T_NOT;
			next(p);
			continue;
		}
		minus = p->neg || not;
		not = 0;
		if ((e = parse_primary(p, minus)) != NULL)
			add_part(minus ? &neg : &pos, minus ? &nneg : &npos,
			    minus ? " NOT " : " AND ", minus, e);
	}
	if (p->err == NULL && npos == 0 && nneg > 0)
		fail(p, xstrdup("add a word to search for: excluded words "
		    "alone match nothing"));
	else if (p->err == NULL && npos > 0)
		out = join_and(&pos, npos, &neg, nneg);
	buf_free(&pos);
	buf_free(&neg);
	return out;
}

static char *
parse_or(struct parser *p)
{
	struct buf	 b = { 0 };
	size_t		 n = 0;
	char		*e, *out = NULL;

	for (;;) {
		if ((e = parse_and(p)) != NULL)
			add_part(&b, &n, " OR ", 0, e);
		if (p->err != NULL || p->t != T_OR)
			break;
		next(p);
	}
	if (p->err == NULL && n == 1)
		out = buf_steal(&b);
	else if (p->err == NULL && n > 1)
		out = xasprintf("(%s)", b.data);
	buf_free(&b);
	return out;
}

void
fts_query_clear(struct fts_query *q)
{
	for (size_t i = 0; i < q->nthemes; i++)
		free(q->themes[i]);
	for (size_t i = 0; i < q->ndocs; i++)
		free(q->docs[i]);
	for (size_t i = 0; i < q->nterms; i++)
		free(q->terms[i]);
	free(q->themes);
	free(q->docs);
	free(q->terms);
	free(q->match);
	free(q->status);
	memset(q, 0, sizeof *q);
}

int
fts_translate(const char *input, struct fts_query *out, char **err)
{
	struct parser	 p = { 0 };

	memset(out, 0, sizeof *out);
	*err = NULL;
	if (input == NULL || strlen(input) > FTS_MAX_INPUT) {
		*err = xasprintf("the query is too long (at most %d bytes)",
		    FTS_MAX_INPUT);
		return -1;
	}
	p.s = clean_input(input);
	p.q = out;
	next(&p);
	out->match = parse_or(&p);
	if (p.err == NULL && out->match == NULL && out->nthemes == 0 &&
	    out->ndocs == 0 && out->in == 0 && out->status == NULL)
		p.err = xstrdup("nothing to search for");
	free(p.text);
	free(p.s);
	if (p.err != NULL) {
		fts_query_clear(out);
		*err = p.err;
		return -1;
	}
	return 0;
}
