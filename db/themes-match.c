/* themes-match.c: theme rules matched against a block's text in C, as
 * FTS5 would match them.  Import used to put every block through FTS5
 * twice: once into the index, once into a scratch table that only
 * existed to run the rules (a second tokenisation, a segment written
 * and read back, one query a rule).  Here each block is tokenised once
 * more with the index's own tokenizer (porter unicode61
 * remove_diacritics 2, taken from FTS5 so the tokens are exactly the
 * index's) and the rules are evaluated on its tokens.
 *
 * A rule is what fts_translate writes: quoted strings (a phrase, the
 * last token a prefix when a '*' follows) joined by AND, OR, NOT and
 * parentheses.  Each distinct token of every rule (a term: its bytes
 * and whether it is a prefix) sits in one hash table; a block's token
 * looks itself up once whole and once per prefix length any rule uses
 * (unless no prefix term starts with its first two bytes), and records
 * its position on the terms it hits.  Only rules with a
 * key term hit are evaluated (see add_rule).  Semantics follow FTS5: a
 * phrase matches at consecutive positions, "a NOT b" is a without b, a
 * phrase with no tokens matches nothing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "themes.h"
#include "themes-match.h"
#include "xmalloc.h"

#define FNV_OFFSET	2166136261u
#define FNV_PRIME	16777619u
#define MAX_DEPTH	64	/* parentheses; the translator allows 16 */

enum op { N_PHRASE, N_AND, N_OR, N_NOT };

struct node {
	enum op	 op;
	int	 l, r;		/* N_PHRASE: l is the phrase */
};

struct phrase {
	int	*term;
	size_t	 n;
};

struct term {
	char		*s;
	size_t		 len;
	int		 prefix;
	uint32_t	 hash;
	int		*rules;		/* the rules with it as a key term */
	size_t		 nrules;
	unsigned	 stamp;		/* the run pos belongs to */
	int		*pos;		/* positions in the block, ascending */
	size_t		 npos, cap;
};

struct themes_matcher {
	fts5_tokenizer	 t;
	Fts5Tokenizer	*tok;
	struct term	*terms;
	size_t		 nterms;
	int		*slot;		/* hash of terms: index + 1, 0 free */
	size_t		 cap;		/* a power of two */
	unsigned char	*plen;		/* plen[L]: a prefix term of L bytes;
					 * maxplen + 1 of them */
	size_t		 maxplen;
	unsigned char	 lead[256];	/* bit 0: a prefix term of one byte
					 * starts with this byte; bit 1: a
					 * longer one does */
	unsigned char	 lead2[8192];	/* bit (b0 << 8 | b1): a prefix term
					 * of 2 bytes or more starts b0 b1 */
	struct phrase	*phrases;
	size_t		 nphrases;
	struct node	*nodes;
	size_t		 nnodes;
	int		*root;		/* a rule's node; -1: matches nothing */
	unsigned	*rstamp;	/* the run a rule is a candidate in */
	size_t		 nrules;
	int		*cand;		/* this run's candidate rules */
	size_t		 ncand;
	unsigned	 stamp;		/* this run */
	int		 pos;		/* positions given out in this run */
};

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

/* --- the terms' hash table ----------------------------------------- */

static uint32_t
hash_more(uint32_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
	return h;
}

/* The final hash of bytes hashed into h so far, as a whole token or a
 * prefix. */
static uint32_t
hash_end(uint32_t h, int prefix)
{
	return (h ^ (prefix ? 0x9e3779b9u : 0u)) * FNV_PRIME;
}

/* The slot holding the term, or the free slot where it would go. */
static size_t
find_slot(const struct themes_matcher *m, const char *s, size_t len,
    int prefix, uint32_t h)
{
	size_t	i;

	for (i = h & (m->cap - 1); m->slot[i] != 0;
	    i = (i + 1) & (m->cap - 1)) {
		const struct term *t = &m->terms[m->slot[i] - 1];

		if (t->hash == h && t->len == len && t->prefix == prefix &&
		    memcmp(t->s, s, len) == 0)
			break;
	}
	return i;
}

static void
grow_slots(struct themes_matcher *m)
{
	m->cap = m->cap ? 2 * m->cap : 64;
	free(m->slot);
	m->slot = xcalloc(m->cap, sizeof *m->slot);
	for (size_t k = 0; k < m->nterms; k++) {
		const struct term	*t = &m->terms[k];

		m->slot[find_slot(m, t->s, t->len, t->prefix, t->hash)] =
		    (int)k + 1;
	}
}

/* Most tokens start with two bytes no prefix term starts with: those
 * skip the prefix lookups. */
static void
mark_lead(struct themes_matcher *m, const char *s, size_t len)
{
	unsigned	b0 = (unsigned char)s[0];

	if (len == 1) {
		m->lead[b0] |= 1;
		return;
	}
	m->lead[b0] |= 2;
	b0 = b0 << 8 | (unsigned char)s[1];
	m->lead2[b0 / 8] |= (unsigned char)(1u << (b0 % 8));
}

static int
may_lead(const struct themes_matcher *m, const char *tok, size_t len)
{
	unsigned	b0 = (unsigned char)tok[0], b01;

	if (m->lead[b0] & 1)
		return 1;
	if (len < 2 || !(m->lead[b0] & 2))
		return 0;
	b01 = b0 << 8 | (unsigned char)tok[1];
	return (m->lead2[b01 / 8] >> (b01 % 8)) & 1;
}

/* The term's index, added if new. */
static int
term_id(struct themes_matcher *m, const char *s, size_t len, int prefix)
{
	uint32_t	 h = hash_end(hash_more(FNV_OFFSET, s, len), prefix);
	size_t		 i;
	struct term	*t;

	if (2 * (m->nterms + 1) > m->cap)
		grow_slots(m);
	i = find_slot(m, s, len, prefix, h);
	if (m->slot[i] != 0)
		return m->slot[i] - 1;
	m->terms = xappend(m->terms, m->nterms, sizeof *m->terms);
	t = &m->terms[m->nterms];
	memset(t, 0, sizeof *t);
	t->s = xstrndup(s, len);
	t->len = len;
	t->prefix = prefix;
	t->hash = h;
	m->slot[i] = (int)++m->nterms;
	if (prefix) {
		if (len > m->maxplen) {
			m->plen = xrealloc(m->plen, len + 1);
			memset(m->plen + m->maxplen + 1, 0, len - m->maxplen);
			m->maxplen = len;
		}
		m->plen[len] = 1;
		mark_lead(m, s, len);
	}
	return m->slot[i] - 1;
}

/* --- compiling a rule ---------------------------------------------- */

struct rparse {
	struct themes_matcher	*m;
	const char		*s;
	int			 rule;
	int			 depth;
	int			 bad;
	/* the tokens of the string being read */
	char			**tok;
	size_t			*tlen;
	size_t			 ntok;
};

static int
add_node(struct themes_matcher *m, enum op op, int l, int r)
{
	m->nodes = xappend(m->nodes, m->nnodes, sizeof *m->nodes);
	m->nodes[m->nnodes].op = op;
	m->nodes[m->nnodes].l = l;
	m->nodes[m->nnodes].r = r;
	return (int)m->nnodes++;
}

static int
on_query_token(void *arg, int flags, const char *tok, int n, int start,
    int end)
{
	struct rparse	*p = arg;

	(void)flags, (void)start, (void)end;
	p->tok = xappend(p->tok, p->ntok, sizeof *p->tok);
	p->tlen = xappend(p->tlen, p->ntok, sizeof *p->tlen);
	p->tok[p->ntok] = xstrndup(tok, (size_t)n);
	p->tlen[p->ntok++] = (size_t)n;
	return SQLITE_OK;
}

static void
skip_space(struct rparse *p)
{
	while (*p->s == ' ')
		p->s++;
}

/* A phrase can only match where all its terms are, so the rule is a
 * candidate for a block only when its phrases' key terms are hit: the
 * longest token of each, not "the" of "people on the move". */
static void
add_rule(struct term *t, int rule)
{
	if (t->nrules > 0 && t->rules[t->nrules - 1] == rule)
		return;
	t->rules = xappend(t->rules, t->nrules, sizeof *t->rules);
	t->rules[t->nrules++] = rule;
}

/* The phrase of the quoted string text (quotes undoubled), tokenised as
 * FTS5 tokenises a query string; its last token a prefix if prefix. */
static int
add_phrase(struct rparse *p, const char *text, size_t len, int prefix)
{
	struct themes_matcher	*m = p->m;
	struct phrase		*ph;
	size_t			 key = 0;

	p->ntok = 0;
	if (len > 0 && m->t.xTokenize(m->tok, p, FTS5_TOKENIZE_QUERY |
	    (prefix ? FTS5_TOKENIZE_PREFIX : 0), text, (int)len,
	    on_query_token) != SQLITE_OK)
		p->bad = 1;
	m->phrases = xappend(m->phrases, m->nphrases, sizeof *m->phrases);
	ph = &m->phrases[m->nphrases];
	ph->n = p->ntok;
	ph->term = xcalloc(p->ntok + 1, sizeof *ph->term);
	for (size_t i = 0; i < p->ntok; i++) {
		ph->term[i] = term_id(m, p->tok[i], p->tlen[i],
		    prefix && i + 1 == p->ntok);
		if (p->tlen[i] >= p->tlen[key])
			key = i;
		free(p->tok[i]);
	}
	if (p->ntok > 0)
		add_rule(&m->terms[ph->term[key]], p->rule);
	p->ntok = 0;
	return add_node(m, N_PHRASE, (int)m->nphrases++, -1);
}

/* "text" with "" for a quote inside, then an optional '*'. */
static int
parse_string(struct rparse *p)
{
	struct buf	 text = { 0 };
	int		 prefix, n;

	for (p->s++; *p->s != '\0'; p->s++) {
		if (*p->s == '"' && p->s[1] != '"')
			break;
		if (*p->s == '"')
			p->s++;
		buf_addc(&text, *p->s);
	}
	if (*p->s != '"') {
		p->bad = 1;
		buf_free(&text);
		return -1;
	}
	p->s++;
	skip_space(p);
	if ((prefix = *p->s == '*'))
		p->s++;
	n = add_phrase(p, text.data != NULL ? text.data : "", text.len,
	    prefix);
	buf_free(&text);
	return n;
}

static int	parse_or(struct rparse *);

static int
parse_primary(struct rparse *p)
{
	int	n;

	skip_space(p);
	if (*p->s == '"')
		return parse_string(p);
	if (*p->s != '(' || ++p->depth > MAX_DEPTH) {
		p->bad = 1;
		return -1;
	}
	p->s++;
	n = parse_or(p);
	skip_space(p);
	if (*p->s != ')')
		p->bad = 1;
	else
		p->s++;
	p->depth--;
	return n;
}

/* The keyword kw (followed by a space) next? */
static int
keyword(struct rparse *p, const char *kw)
{
	size_t	n = strlen(kw);

	skip_space(p);
	if (p->bad || strncmp(p->s, kw, n) != 0 || p->s[n] != ' ')
		return 0;
	p->s += n;
	return 1;
}

/* FTS5's precedence: NOT binds tighter than AND, AND than OR. */
static int
parse_not(struct rparse *p)
{
	int	l = parse_primary(p);

	while (!p->bad && keyword(p, "NOT"))
		l = add_node(p->m, N_NOT, l, parse_primary(p));
	return l;
}

static int
parse_and(struct rparse *p)
{
	int	l = parse_not(p);

	while (!p->bad && keyword(p, "AND"))
		l = add_node(p->m, N_AND, l, parse_not(p));
	return l;
}

static int
parse_or(struct rparse *p)
{
	int	l = parse_and(p);

	while (!p->bad && keyword(p, "OR"))
		l = add_node(p->m, N_OR, l, parse_and(p));
	return l;
}

static int
compile_rule(struct themes_matcher *m, int rule, const char *match)
{
	struct rparse	 p = { m, match, rule, 0, 0, NULL, NULL, 0 };
	int		 root;

	if (match == NULL)
		return -1;
	root = parse_or(&p);
	skip_space(&p);
	if (*p.s != '\0')
		p.bad = 1;
	for (size_t i = 0; i < p.ntok; i++)
		free(p.tok[i]);
	free(p.tok);
	free(p.tlen);
	return p.bad ? -1 : root;
}

struct themes_matcher *
themes_matcher_new(sqlite3 *db, const struct theme_set *set)
{
	static const char	*args[] = { "unicode61", "remove_diacritics",
	    "2" };
	struct themes_matcher	*m = xcalloc(1, sizeof *m);
	fts5_api		*api = fts5_of(db);
	void			*ud = NULL;

	if (api == NULL || api->xFindTokenizer(api, "porter", &ud, &m->t) !=
	    SQLITE_OK || m->t.xCreate(ud, args, 3, &m->tok) != SQLITE_OK) {
		free(m);
		return NULL;
	}
	m->plen = xcalloc(1, 1);
	m->nrules = set->n;
	m->root = xcalloc(set->n + 1, sizeof *m->root);
	m->rstamp = xcalloc(set->n + 1, sizeof *m->rstamp);
	m->cand = xcalloc(set->n + 1, sizeof *m->cand);
	for (size_t i = 0; i < set->n; i++)
		m->root[i] = compile_rule(m, (int)i, set->v[i].match);
	return m;
}

void
themes_matcher_free(struct themes_matcher *m)
{
	if (m == NULL)
		return;
	if (m->tok != NULL)
		m->t.xDelete(m->tok);
	for (size_t i = 0; i < m->nterms; i++) {
		free(m->terms[i].s);
		free(m->terms[i].rules);
		free(m->terms[i].pos);
	}
	for (size_t i = 0; i < m->nphrases; i++)
		free(m->phrases[i].term);
	free(m->terms);
	free(m->slot);
	free(m->plen);
	free(m->phrases);
	free(m->nodes);
	free(m->root);
	free(m->rstamp);
	free(m->cand);
	free(m);
}

size_t
themes_matcher_words(const struct themes_matcher *m)
{
	return (m->nrules + 63) / 64;
}

/* --- matching a block ---------------------------------------------- */

static void
hit_term(struct themes_matcher *m, int id, int pos)
{
	struct term	*t = &m->terms[id];

	if (t->stamp != m->stamp) {
		t->stamp = m->stamp;
		t->npos = 0;
		for (size_t i = 0; i < t->nrules; i++)
			if (m->rstamp[t->rules[i]] != m->stamp) {
				m->rstamp[t->rules[i]] = m->stamp;
				m->cand[m->ncand++] = t->rules[i];
			}
	}
	if (t->npos == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 8;
		t->pos = xreallocarray(t->pos, t->cap, sizeof *t->pos);
	}
	t->pos[t->npos++] = pos;
}

static void
lookup(struct themes_matcher *m, const char *s, size_t len, int prefix,
    uint32_t h, int pos)
{
	size_t	i = find_slot(m, s, len, prefix, hash_end(h, prefix));

	if (m->slot[i] != 0)
		hit_term(m, m->slot[i] - 1, pos);
}

/* A token of the block: as FTS5 stores it, at the next position unless
 * it shares the last one (a synonym, which brief's tokenizer never
 * makes); then looked up whole and by every prefix length in use. */
static int
on_doc_token(void *arg, int flags, const char *tok, int n, int start,
    int end)
{
	struct themes_matcher	*m = arg;
	uint32_t		 h = FNV_OFFSET;
	size_t			 len = (size_t)n;
	int			 pos;

	(void)start, (void)end;
	if ((flags & FTS5_TOKEN_COLOCATED) == 0 || m->pos == 0)
		m->pos++;
	pos = m->pos - 1;
	if (len == 0)
		return SQLITE_OK;
	if (!may_lead(m, tok, len))
		h = hash_more(h, tok, len);
	else {
		for (size_t l = 1; l <= len && l <= m->maxplen; l++) {
			h = hash_more(h, tok + l - 1, 1);
			if (m->plen[l])
				lookup(m, tok, l, 1, h, pos);
		}
		if (len > m->maxplen)
			h = hash_more(h, tok + m->maxplen,
			    len - m->maxplen);
	}
	lookup(m, tok, len, 0, h, pos);
	return SQLITE_OK;
}

static int
has_pos(const struct term *t, int pos)
{
	for (size_t i = 0; i < t->npos && t->pos[i] <= pos; i++)
		if (t->pos[i] == pos)
			return 1;
	return 0;
}

static int
phrase_hit(const struct themes_matcher *m, const struct phrase *ph)
{
	const struct term	*first;

	if (ph->n == 0)
		return 0;
	for (size_t i = 0; i < ph->n; i++)
		if (m->terms[ph->term[i]].stamp != m->stamp)
			return 0;
	first = &m->terms[ph->term[0]];
	for (size_t k = 0; k < first->npos; k++) {
		size_t	i;

		for (i = 1; i < ph->n; i++)
			if (!has_pos(&m->terms[ph->term[i]],
			    first->pos[k] + (int)i))
				break;
		if (i == ph->n)
			return 1;
	}
	return 0;
}

static int
eval(const struct themes_matcher *m, int n)
{
	const struct node	*nd = &m->nodes[n];

	switch (nd->op) {
	case N_PHRASE:
		return phrase_hit(m, &m->phrases[nd->l]);
	case N_AND:
		return eval(m, nd->l) && eval(m, nd->r);
	case N_OR:
		return eval(m, nd->l) || eval(m, nd->r);
	default:
		return eval(m, nd->l) && !eval(m, nd->r);
	}
}

int
themes_matcher_run(struct themes_matcher *m, const char *text,
    uint64_t *hits)
{
	if (++m->stamp == 0) {	/* wrapped: no stale stamp may match */
		for (size_t i = 0; i < m->nterms; i++)
			m->terms[i].stamp = 0;
		memset(m->rstamp, 0, m->nrules * sizeof *m->rstamp);
		m->stamp = 1;
	}
	m->pos = 0;
	m->ncand = 0;
	if (m->t.xTokenize(m->tok, m, FTS5_TOKENIZE_DOCUMENT, text,
	    (int)strlen(text), on_doc_token) != SQLITE_OK)
		return -1;
	for (size_t i = 0; i < m->ncand; i++) {
		int	r = m->cand[i];

		if (m->root[r] >= 0 && eval(m, m->root[r]))
			hits[r / 64] |= (uint64_t)1 << (r % 64);
	}
	return 0;
}
