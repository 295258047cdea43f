/* search-snippet.c: brief_snippet(blocks_fts, text, column), the snippet
 * of a search hit: a window of the block's text around its matches, the
 * matches between \001 and \002 (db/search.c turns them into ranges).
 *
 * For a block of up to LONG_BLOCK characters it is, byte for byte, what
 * FTS5's snippet(blocks_fts, -1, char(1), char(2), '...', 24) gives
 * with the SQLite brief runs on (tests/test-store.c compares the two on
 * every hit of many queries): the same windows scored the same way.  It
 * costs a fraction of it: the text is the caller's, from its row of
 * blocks, where snippet() has FTS5 read it again through the view
 * blocks_fts_src; it is tokenized once, where snippet() does it twice;
 * by unicode61 alone, where the index's tokenizer is porter over
 * unicode61 (stemming changes a token's text, never where it starts or
 * ends, and only those offsets count here), and an ASCII text without
 * it; and its length in tokens is counted on the way, where snippet()
 * reads the docsize table.
 *
 * A longer block (an index made before blocks were split) gets the
 * first match and the tokens around it instead: scoring every window
 * is quadratic in the matches of one block.
 *
 * Two functions make it: brief_snippet(blocks_fts, text, column), an
 * FTS5 auxiliary function reading the row's matches from FTS5, and
 * brief_hit_snippet(keep, rowid, text, column), a plain function reading
 * them from the matches brief_rank() kept while it ranked the rows
 * (db/search-int.h), for a page made without a second full-text pass.
 * They share one tokenizer instance and scratch arrays (struct
 * snipper), made once per connection. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "search-int.h"
#include "store.h"
#include "xmalloc.h"

#define SNIP_TOKENS	24	/* tokens in a window */
#define SNIP_BEFORE	4	/* long blocks: tokens before the match */
#define LONG_BLOCK	4096	/* characters, as SQL's length() counts */
#define MARK_OPEN	"\001"
#define MARK_CLOSE	"\002"
#define ELLIPSIS	"..."

struct snipper {
	fts5_tokenizer	 api;
	Fts5Tokenizer	*tok;
	const char	*text;		/* being tokenized */
	int		*start, *end;	/* byte offsets of each token */
	int		*first;		/* tokens that begin a sentence */
	size_t		 ntok, nfirst, cap;
	int		 stop;		/* long blocks: tokens wanted */
	/* The row's matches (the query's phrase sizes beside them). */
	const struct search_inst *inst;
	size_t		 ninst;
	const int	*psize;
	int		 nphrase;
	/* Scratch: the matches read from FTS5, flags per phrase. */
	struct search_inst *own;
	size_t		 capown;
	int		*ownsize;
	unsigned char	*seen;
	int		 capphrase;
};

static void
snipper_free(void *p)
{
	struct snipper	*s = p;

	if (s == NULL)
		return;
	if (s->tok != NULL)
		s->api.xDelete(s->tok);
	free(s->start);
	free(s->end);
	free(s->first);
	free(s->own);
	free(s->ownsize);
	free(s->seen);
	free(s);
}

/* A token: its offsets, and whether it begins a sentence as snippet()
 * sees it (the first token, or one after a '.' or ':' and at least one
 * space, tab or line break). */
static int
on_token(void *arg, int tflags, const char *t, int nt, int start, int end)
{
	struct snipper	*s = arg;
	int		 i = start - 1;

	(void)t, (void)nt;
	if (tflags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (s->stop > 0 && s->ntok >= (size_t)s->stop)
		return SQLITE_DONE;
	if (s->ntok == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->start = xreallocarray(s->start, s->cap, sizeof *s->start);
		s->end = xreallocarray(s->end, s->cap, sizeof *s->end);
		s->first = xreallocarray(s->first, s->cap, sizeof *s->first);
	}
	while (i >= 0 && (s->text[i] == ' ' || s->text[i] == '\t' ||
	    s->text[i] == '\n' || s->text[i] == '\r'))
		i--;
	if (s->ntok == 0 || (i != start - 1 && i >= 0 &&
	    (s->text[i] == '.' || s->text[i] == ':')))
		s->first[s->nfirst++] = (int)s->ntok;
	s->start[s->ntok] = start;
	s->end[s->ntok++] = end;
	return SQLITE_OK;
}

/* ASCII letters and digits: the only ASCII characters unicode61 takes
 * into tokens (categories L* and N*). */
static const unsigned char alnum[128] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/* ASCII text as unicode61 cuts it: a token is a run of letters and
 * digits.  Most blocks are ASCII; at the first other byte this gives
 * up (-1) and the text goes to unicode61 itself. */
static int
tokenize_ascii(struct snipper *s, const unsigned char *text, int len)
{
	int	i = 0, start, rc = SQLITE_OK;

	for (int j = 0; j < len; j++)
		if (text[j] >= 0x80)
			return -1;
	while (rc == SQLITE_OK) {
		while (i < len && !alnum[text[i]])
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && alnum[text[i]])
			i++;
		rc = on_token(s, 0, (const char *)text + start, i - start,
		    start, i);
	}
	return rc;
}

static int
tokenize(struct snipper *s, const char *text, int len, int stop)
{
	int	rc;

	s->text = text;
	s->ntok = s->nfirst = 0;
	s->stop = stop;
	if ((rc = tokenize_ascii(s, (const unsigned char *)text, len)) < 0)
		rc = s->api.xTokenize(s->tok, s, FTS5_TOKENIZE_AUX, text, len,
		    on_token);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void
want_phrases(struct snipper *s, int n)
{
	if (n > s->capphrase) {
		s->capphrase = n;
		s->ownsize = xreallocarray(s->ownsize, (size_t)n,
		    sizeof *s->ownsize);
		s->seen = xrealloc(s->seen, (size_t)n);
	}
}

/* The row's matches and the query's phrase sizes, from FTS5. */
static int
load_insts(struct snipper *s, const Fts5ExtensionApi *api, Fts5Context *ctx)
{
	int	n = 0, rc;

	if ((rc = api->xInstCount(ctx, &n)) != SQLITE_OK)
		return rc;
	if ((size_t)n > s->capown) {
		s->capown = (size_t)n;
		s->own = xreallocarray(s->own, s->capown, sizeof *s->own);
	}
	for (int i = 0; i < n; i++)
		if ((rc = api->xInst(ctx, i, &s->own[i].phrase,
		    &s->own[i].col, &s->own[i].off)) != SQLITE_OK)
			return rc;
	want_phrases(s, api->xPhraseCount(ctx));
	for (int i = 0; i < api->xPhraseCount(ctx); i++)
		s->ownsize[i] = api->xPhraseSize(ctx, i);
	s->inst = s->own;
	s->ninst = (size_t)n;
	s->psize = s->ownsize;
	s->nphrase = api->xPhraseCount(ctx);
	return SQLITE_OK;
}

/* The matches brief_rank() kept for rowid; 0 when it kept none. */
static int
kept_insts(struct snipper *s, const struct search_keep *k, int64_t rowid)
{
	for (size_t i = k->nrows; i-- > 0; )
		if (k->rows[i].rowid == rowid) {
			want_phrases(s, k->nphrase);
			s->inst = k->inst + k->rows[i].at;
			s->ninst = (size_t)k->rows[i].n;
			s->psize = k->psize;
			s->nphrase = k->nphrase;
			return 1;
		}
	return 0;
}

/* --- Blocks up to LONG_BLOCK characters: snippet()'s choice -------- */

/* The window of SNIP_TOKENS tokens from pos in column col: 1000 for the
 * first match of each phrase in it, 1 for each further one.  With adj,
 * also where the window would start to centre its matches, kept inside
 * the column's ntok tokens. */
static int
window_score(struct snipper *s, int col, int pos, int *adj)
{
	long long	 end = (long long)pos + SNIP_TOKENS, a;
	int		 score = 0, first = -1, last = 0;

	memset(s->seen, 0, (size_t)s->nphrase);
	for (size_t i = 0; i < s->ninst; i++) {
		const struct search_inst *in = &s->inst[i];

		if (in->col != col || in->off < pos || in->off >= end)
			continue;
		score += s->seen[in->phrase] ? 1 : 1000;
		s->seen[in->phrase] = 1;
		if (first < 0)
			first = in->off;
		last = in->off + s->psize[in->phrase];
	}
	if (adj != NULL) {
		a = first - (SNIP_TOKENS - (last - first)) / 2;
		if (a + SNIP_TOKENS > (long long)s->ntok)
			a = (long long)s->ntok - SNIP_TOKENS;
		*adj = a < 0 ? 0 : (int)a;
	}
	return score;
}

/* The first token of the best window: around each match, and from the
 * start of the sentence holding it (a bonus for starting one); -1 when
 * no match scores. */
static int
best_window(struct snipper *s, int col)
{
	int	best = 0, start = -1, score, adj, f;
	size_t	j;

	for (size_t i = 0; i < s->ninst; i++) {
		int	off = s->inst[i].off;

		if (s->inst[i].col != col)
			continue;
		if ((score = window_score(s, col, off, &adj)) > best) {
			best = score;
			start = adj;
		}
		if (s->nfirst == 0 || s->ntok <= SNIP_TOKENS)
			continue;
		for (j = 0; j + 1 < s->nfirst; j++)
			if (s->first[j + 1] > off)
				break;
		if ((f = s->first[j]) >= off)
			continue;
		score = window_score(s, col, f, NULL) + (f == 0 ? 120 : 100);
		if (score > best) {
			best = score;
			start = f;
		}
	}
	return start;
}

/* Coalesced matches of one column in order: overlapping ones are one. */
struct run {
	size_t	next;
	int	col, start, end;	/* tokens; -1 when none is left */
};

static void
run_next(const struct snipper *s, struct run *r)
{
	r->start = r->end = -1;
	for (; r->next < s->ninst; r->next++) {
		const struct search_inst *in = &s->inst[r->next];
		int		 end = in->off - 1 + s->psize[in->phrase];

		if (in->col != r->col)
			continue;
		if (r->start < 0) {
			r->start = in->off;
			r->end = end;
		} else if (in->off <= r->end) {
			if (end > r->end)
				r->end = end;
		} else
			break;
	}
}

static void
add_span(struct buf *b, const char *text, int from, int to)
{
	if (to > from)
		buf_add(b, text + from, (size_t)(to - from));
}

/* The window's text with its matches marked, as snippet() writes it. */
static char *
window_text(struct snipper *s, int col, const char *text, int len, int rs)
{
	struct buf	 b = { 0 };
	struct run	 r = { 0, col, -1, -1 };
	int		 re = rs + SNIP_TOKENS - 1, at = 0;

	if (rs > 0)
		buf_adds(&b, ELLIPSIS);
	run_next(s, &r);
	while (r.start >= 0 && r.start < rs)
		run_next(s, &r);
	for (int pos = rs; pos <= re && (size_t)pos < s->ntok; pos++) {
		int	ts = s->start[pos], te = s->end[pos];

		if (rs > 0 && pos == rs)
			at = ts;
		if (pos == r.start) {
			add_span(&b, text, at, ts);
			buf_adds(&b, MARK_OPEN);
			at = ts;
		}
		if (pos == r.end) {
			if (r.start < rs)
				buf_adds(&b, MARK_OPEN);
			add_span(&b, text, at, te);
			buf_adds(&b, MARK_CLOSE);
			at = te;
			run_next(s, &r);
		}
		if (pos == re) {
			add_span(&b, text, at, te);
			at = te;
			if (pos >= r.start && pos < r.end)
				buf_adds(&b, MARK_CLOSE);
		}
	}
	if ((long long)re >= (long long)s->ntok - 1)
		add_span(&b, text, at, len);
	else
		buf_adds(&b, ELLIPSIS);
	return buf_steal(&b);
}

/* snippet()'s result for the row, or NULL where it gives NULL (no match
 * in the text's column, which is not the first). */
static char *
short_snippet(struct snipper *s, int col, const char *text, int len)
{
	int	start = best_window(s, col);

	if (start < 0) {
		if (col != 0)
			return NULL;
		start = 0;
	}
	return window_text(s, col, text, len, start);
}

/* --- Longer blocks: the first match and the tokens around it ------- */

static char *
long_snippet(struct snipper *s, const char *text, int len)
{
	struct buf	 b = { 0 };
	char		 hit[SNIP_TOKENS] = { 0 };
	int		 col, first, at;

	if (s->ninst == 0)
		return xstrdup("");
	col = s->inst[0].col;
	first = s->inst[0].off > SNIP_BEFORE ? s->inst[0].off - SNIP_BEFORE : 0;
	/* Matches come in position order: stop past the window. */
	for (size_t i = 0; i < s->ninst; i++) {
		if (s->inst[i].col != col)
			continue;
		if (s->inst[i].off >= first + SNIP_TOKENS)
			break;
		if (s->inst[i].off >= first)
			hit[s->inst[i].off - first] = 1;
	}
	if (tokenize(s, text, len, first + SNIP_TOKENS + 1) != SQLITE_OK ||
	    s->ntok <= (size_t)first)
		return xstrdup("");
	if (first > 0)
		buf_adds(&b, ELLIPSIS);
	at = s->start[first];
	for (int i = first; i < first + SNIP_TOKENS && (size_t)i < s->ntok;
	    i++) {
		add_span(&b, text, at, s->start[i]);
		if (hit[i - first])
			buf_adds(&b, MARK_OPEN);
		add_span(&b, text, s->start[i], s->end[i]);
		if (hit[i - first])
			buf_adds(&b, MARK_CLOSE);
		at = s->end[i];
	}
	if (s->ntok > (size_t)first + SNIP_TOKENS)
		buf_adds(&b, ELLIPSIS);
	return buf_steal(&b);
}

/* Characters (code points) of text, as SQL's length() counts them. */
static long
chars(const char *text, int len)
{
	long	n = 0;

	for (int i = 0; i < len; i++)
		n += ((unsigned char)text[i] & 0xc0) != 0x80;
	return n;
}

/* The snippet of text (len bytes, indexed in column col) from the
 * matches in s, as the result of ctx. */
static void
result_snippet(sqlite3_context *res, struct snipper *s, const char *text,
    int len, int col)
{
	char	*out;
	int	 rc;

	if (len > LONG_BLOCK && chars(text, len) > LONG_BLOCK)
		out = long_snippet(s, text, len);
	else if ((rc = tokenize(s, text, len, 0)) != SQLITE_OK) {
		sqlite3_result_error_code(res, rc);
		return;
	} else
		out = short_snippet(s, col, text, len);
	if (out == NULL)
		sqlite3_result_null(res);
	else
		sqlite3_result_text(res, out, -1, free);
}

/* brief_snippet(blocks_fts, text, column): text is the row's block text
 * and column the one of blocks_fts it is indexed in. */
static void
snippet_fn(const Fts5ExtensionApi *api, Fts5Context *ctx,
    sqlite3_context *res, int nval, sqlite3_value **val)
{
	struct snipper	*s = api->xUserData(ctx);
	const char	*text;
	int		 rc;

	if (nval != 2) {
		sqlite3_result_error(res, "brief_snippet: wrong arguments", -1);
		return;
	}
	if ((text = (const char *)sqlite3_value_text(val[0])) == NULL) {
		sqlite3_result_null(res);
		return;
	}
	if ((rc = load_insts(s, api, ctx)) != SQLITE_OK) {
		sqlite3_result_error_code(res, rc);
		return;
	}
	result_snippet(res, s, text, sqlite3_value_bytes(val[0]),
	    sqlite3_value_int(val[1]));
}

/* brief_hit_snippet(keep, rowid, text, column): the same, from the
 * matches kept for rowid; NULL when none were kept. */
static void
hit_snippet_fn(sqlite3_context *res, int nval, sqlite3_value **val)
{
	struct snipper		*s = sqlite3_user_data(res);
	struct search_keep	*k;
	const char		*text;

	(void)nval;
	k = sqlite3_value_pointer(val[0], SEARCH_KEEP_TYPE);
	text = (const char *)sqlite3_value_text(val[2]);
	if (k == NULL || text == NULL ||
	    !kept_insts(s, k, sqlite3_value_int64(val[1]))) {
		sqlite3_result_null(res);
		return;
	}
	result_snippet(res, s, text, sqlite3_value_bytes(val[2]),
	    sqlite3_value_int(val[3]));
}

void
search_keep_free(struct search_keep *k)
{
	free(k->rows);
	free(k->inst);
	free(k->psize);
	memset(k, 0, sizeof *k);
}

int
search_register_snippet(sqlite3 *db, fts5_api *api)
{
	static const char	*args[] = { "remove_diacritics", "2" };
	struct snipper		*s = xcalloc(1, sizeof *s);
	void			*ud = NULL;

	/* The index's own tokenizer is "porter unicode61 remove_diacritics
	 * 2" (db/schema.sql): the same unicode61 finds the same tokens. */
	if (api->xFindTokenizer(api, "unicode61", &ud, &s->api) != SQLITE_OK ||
	    s->api.xCreate(ud, args, 2, &s->tok) != SQLITE_OK) {
		s->tok = NULL;
		snipper_free(s);
		return -1;
	}
	/* The plain function owns s: SQLite frees it when the connection
	 * closes, after which neither function is called again. */
	if (sqlite3_create_function_v2(db, "brief_hit_snippet", 4,
	    SQLITE_UTF8, s, hit_snippet_fn, NULL, NULL, snipper_free) !=
	    SQLITE_OK)
		return -1;
	return api->xCreateFunction(api, "brief_snippet", s, snippet_fn,
	    NULL) == SQLITE_OK ? 0 : -1;
}
