/* search-ui.c: search in the reader around the results view
 * (view-search.c): the `/` prompt with its history, the hooks for n and
 * N (walk the hits of the last search in the document shown) and & (the
 * pager shows only the blocks matching, like less's &), the pager
 * decoration that highlights every match on screen, and the commands
 * :search and :save-matches.  Opening a hit is a jump: the results view
 * waits on the jump stack and <Backspace> in the pager brings it back.
 *
 * It owns the last search (query and theme scope: what is highlighted
 * and walked), the filter's query, and a cache of the last search's hits
 * in one document (block seqs in seq order, each with its match ranges:
 * one bdb_search_doc per document, whose ranges the decoration draws),
 * the filter's hits likewise.  Nothing here writes SQL: queries go to
 * db/ as typed and only its translator reads them. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unistr.h>

#include "view-search.h"
#include "view-themes.h"

#define HISTORY_MAX	100
#define LABEL_MAX	24	/* bytes of the filter's query on the status */
#define QUOTE_MAX	200	/* bytes of a query quoted in a message */

static struct {
	struct prompt_history	 hist;		/* searches, without a store */
	struct prompt_history	 fhist;		/* filters */
	struct prompt_history	 dhist;		/* / and ? in the pager */
	int			 dir;		/* n's way: 1, or -1 after ? */
	char			*query;		/* last search, or NULL */
	char			*theme;		/* its theme, or NULL */
	char			*filter;	/* the pager's filter query */
	char			*slug;		/* the cache: document, */
	int			 rc;		/* bdb_search_doc's answer, */
	char			*err;		/* its message, or NULL, */
	struct doc_match	*hits;		/* the hits in seq order */
	size_t			 nseqs;
	struct doc_match	*fhits;		/* the filter's, in seq order */
	size_t			 nfhits;
	uint32_t		(*ranges)[2];	/* the decoration's last answer */
	size_t			 nranges;
} S;

static size_t	decor_matches(void *, const struct doc *, int,
		    const uint32_t (**)[2]);

static const struct pager_decor decor = { .matches = decor_matches };

/* --- The last search -------------------------------------------------- */

static void
cache_clear(void)
{
	free(S.slug);
	free(S.err);
	bdb_doc_matches_free(S.hits, S.nseqs);
	S.slug = NULL;
	S.err = NULL;
	S.hits = NULL;
	S.nseqs = 0;
}

static void
filter_clear(void)
{
	free(S.filter);
	bdb_doc_matches_free(S.fhits, S.nfhits);
	S.filter = NULL;
	S.fhits = NULL;
	S.nfhits = 0;
}

/* Highlight and walk query (NULL: nothing) from now on. */
static void
set_query(const char *query, const char *theme)
{
	free(S.query);
	free(S.theme);
	S.query = query ? xstrdup(query) : NULL;
	S.theme = theme ? xstrdup(theme) : NULL;
	cache_clear();
	pager_relayout();
}

/* Keep the hits whose seqs d has (the index may have changed since it
 * was loaded); their number. */
static size_t
keep_known(const struct doc *d, struct doc_match *m, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (m[i].seq >= 0 && (size_t)m[i].seq < d->nblocks)
			m[k++] = m[i];
		else
			free(m[i].ranges);
	}
	return k;
}

/* The last search's hits in document d (cached): a bdb_search_doc
 * status, S.hits and S.nseqs. */
static int
doc_hits(const struct doc *d)
{
	char *q;

	if (S.slug != NULL && strcmp(S.slug, d->slug) == 0)
		return S.rc;
	cache_clear();
	S.slug = xstrdup(d->slug);
	q = S.theme ? xasprintf("theme:%s %s", S.theme, S.query) :
	    xstrdup(S.query);
	S.rc = bdb_search_doc(view_db(), q, d->slug, &S.hits, &S.nseqs,
	    &S.err);
	free(q);
	S.nseqs = keep_known(d, S.hits, S.nseqs);
	if (S.nseqs == 0 && S.rc == BDB_OK)
		S.rc = BDB_NOTFOUND;
	return S.rc;
}

static int
cmp_match(const void *a, const void *b)
{
	int x = ((const struct doc_match *)a)->seq,
	    y = ((const struct doc_match *)b)->seq;

	return (x > y) - (x < y);
}

/* Block seq's entry in m[0..n) (in seq order), or NULL. */
static const struct doc_match *
find_match(const struct doc_match *m, size_t n, int seq)
{
	struct doc_match key = { .seq = seq };

	return n > 0 ? bsearch(&key, m, n, sizeof *m, cmp_match) : NULL;
}

static const struct doc_match *
hit_at(const struct doc *d, int seq)
{
	if (S.query == NULL || doc_hits(d) != BDB_OK)
		return NULL;
	return find_match(S.hits, S.nseqs, seq);
}

static int
is_hit(const struct doc *d, int seq)
{
	return hit_at(d, seq) != NULL;
}

/* why: db/'s message for a query it could not read. */
static void
report_problem(const char *what, int rc, const char *why)
{
	if (rc != BDB_USAGE) {
		view_error("%s failed: the index could not be read", what);
		return;
	}
	view_error("%s: %s", what, why ? why : "cannot read the query");
}

/* --- Highlighting ----------------------------------------------------- */

/* Add a cached hit's ranges to the decoration's answer. */
static void
add_ranges(const struct doc_match *m)
{
	if (m == NULL || m->nranges == 0)
		return;
	S.ranges = xreallocarray(S.ranges, S.nranges + m->nranges,
	    sizeof *S.ranges);
	memcpy(S.ranges + S.nranges, m->ranges, m->nranges *
	    sizeof *m->ranges);
	S.nranges += m->nranges;
}

/* The pager's decoration: the last search's and the filter's matches,
 * from the hits cached per document (no query per block drawn). */
static size_t
decor_matches(void *arg, const struct doc *d, int seq,
    const uint32_t (**ranges)[2])
{
	S.nranges = 0;
	if (seq < 0 || (size_t)seq >= d->nblocks)
		return 0;
	add_ranges(hit_at(d, seq));
	if (S.filter != NULL && S.filter[0] != '!' && pager_filter() != NULL)
		add_ranges(find_match(S.fhits, S.nfhits, seq));
	*ranges = (const uint32_t (*)[2])S.ranges;
	return S.nranges;
}

/* --- Walking the hits in the pager (n, N) ----------------------------- */

/* Where block seq comes in the pager: footnotes after the others. */
static long
order(const struct doc *d, int seq)
{
	return (d->blocks[seq].kind == BK_FOOTNOTE ? (long)d->nblocks : 0) +
	    seq;
}

/* The 1-based place of hit seq among the hits, in the pager's order. */
static size_t
hit_number(const struct doc *d, int seq)
{
	size_t k = 1;

	for (size_t i = 0; i < S.nseqs; i++)
		k += order(d, S.hits[i].seq) < order(d, seq);
	return k;
}

/* The hit after (dir 1) or before (-1) the place at the top of the
 * screen, or -1 if none; N from inside a hit goes to its start. */
static int
hit_near(const struct doc *d, const struct place *pl, int dir)
{
	long cur = order(d, pl->seq);
	int best = -1;

	for (size_t i = 0; i < S.nseqs; i++) {
		long o = order(d, S.hits[i].seq);
		int after = o > cur, before = o < cur ||
		    (o == cur && pl->off > 0);

		if (!(dir > 0 ? after : before))
			continue;
		if (best < 0 || (dir > 0 ? o < order(d, best) :
		    o > order(d, best)))
			best = S.hits[i].seq;
	}
	return best;
}

/* The first (dir 1) or last (-1) hit. */
static int
hit_end(const struct doc *d, int dir)
{
	int best = S.hits[0].seq;

	for (size_t i = 1; i < S.nseqs; i++)
		if (dir > 0 ? order(d, S.hits[i].seq) < order(d, best) :
		    order(d, S.hits[i].seq) > order(d, best))
			best = S.hits[i].seq;
	return best;
}

static void
walk(int dir)
{
	const struct doc *d = pager_doc();
	struct place pl;
	int seq, rc;

	if ((rc = doc_hits(d)) == BDB_NOTFOUND) {
		view_message("No match in this document");
		return;
	}
	if (rc != BDB_OK) {
		report_problem("Search", rc, S.err);
		return;
	}
	pager_position(&pl);
	if ((seq = hit_near(d, &pl, dir)) < 0)
		seq = hit_end(d, dir);
	pager_show(d->slug, seq, 0, 0);
	if (hit_near(d, &pl, dir) < 0)
		view_message("search hit %s, continuing at %s (hit %zu/%zu)",
		    dir > 0 ? "BOTTOM" : "TOP", dir > 0 ? "TOP" : "BOTTOM",
		    hit_number(d, seq), S.nseqs);
	else
		view_message("Hit %zu/%zu in %s: %s", hit_number(d, seq),
		    S.nseqs, d->slug, d->blocks[seq].anchor);
}

static int
on_walk(struct view *top, enum action a, bkey k)
{
	if (top != view_bottom())
		return 0;
	if (S.query == NULL) {
		view_message("No search yet (/ searches)");
		return 1;
	}
	walk((a == ACT_SEARCH_PREV ? -1 : 1) * (S.dir < 0 ? -1 : 1));
	return 1;
}

/* less's / and ?: the open document searched forward or backward from
 * the top line, every match lit, n and N going on the same way; an
 * empty line repeats the last search. */
static int
on_find(struct view *top, enum action a, bkey k)
{
	int dir = a == ACT_FIND_BACK ? -1 : 1;
	char *q;

	if (top != view_bottom())
		return 0;		/* a list: view.c searches its lines */
	if (!prompt_read(dir > 0 ? "/" : "?", &S.dhist, &q))
		return 1;
	if (q[0] != '\0')
		set_query(q, NULL);
	free(q);
	if (S.query == NULL)
		return 1;
	S.dir = dir;
	walk(dir);
	return 1;
}

/* --- Results and hits ------------------------------------------------- */

/* The results view (r's owner) is suspended by the jump, not closed,
 * so r stays valid after pager_show. */
int
search_open_hit(const struct search_run *r, size_t i)
{
	const struct hit *h = &r->hits[i];
	const struct doc *d;

	if (pager_show(h->slug, h->seq, 0, 1) != 0)
		return -1;
	set_query(r->query, r->theme);
	S.dir = 1;
	d = pager_doc();
	/* Results are ranked, n and N walk the page: name both counts. */
	if (is_hit(d, h->seq) && hit_number(d, h->seq) == i + 1 &&
	    S.nseqs == r->n)
		view_message("Hit %zu/%zu in %s (n, N: next, previous; "
		    "<Backspace>: the results)", i + 1, S.nseqs, d->slug);
	else if (is_hit(d, h->seq))
		view_message("Result %zu/%zu by rank; hit %zu/%zu in %s from "
		    "its top (n, N: next, previous; <Backspace>: the results)",
		    i + 1, r->n, hit_number(d, h->seq), S.nseqs, d->slug);
	return 0;
}

static struct search_run *
run_new(const char *query, const char *theme, const char *name,
    struct hit *hits, size_t n)
{
	struct search_run *r = xcalloc(1, sizeof *r);

	r->query = xstrdup(query);
	r->theme = theme ? xstrdup(theme) : NULL;
	r->theme_name = name ? xstrdup(name) : NULL;
	r->hits = hits;
	r->nalloc = n;
	r->n = n > SEARCH_MAX ? SEARCH_MAX : n;
	return r;
}

/* C-c stops a search that runs long.  The reader's terminal is raw (C-c
 * is a key, read only after the search); for the search's duration it
 * is cbreak, so C-c sends SIGINT, whose handler sets the flag SQLite's
 * progress handler reads. */
static volatile sig_atomic_t cancelled;

static void
on_cancel(int sig)
{
	(void)sig;
	cancelled = 1;
}

static struct sigaction cancel_old;

static void
cancel_begin(void)
{
	struct sigaction sa;

	cancelled = 0;
	if (!view_scripted()) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_cancel;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, &cancel_old);
		cbreak();
	}
	bdb_set_cancel(view_db(), &cancelled);
}

static void
cancel_end(void)
{
	bdb_set_cancel(view_db(), NULL);
	if (!view_scripted()) {
		raw();
		sigaction(SIGINT, &cancel_old, NULL);
	}
}

static int
cancellable_search(const struct search_opts *o, struct hit **hits,
    size_t *n, char **err)
{
	int rc;

	cancel_begin();
	rc = bdb_search(view_db(), o, hits, n, err);
	cancel_end();
	return rc;
}

/* Search all documents (or one theme) and show the results. */
static void
run_search(const char *query, const char *theme, const char *name)
{
	struct search_opts o = { .query = query, .theme = theme,
	    .limit = SEARCH_MAX + 1 };
	struct hit *hits = NULL;
	size_t n = 0;
	char *err = NULL;
	int rc = cancellable_search(&o, &hits, &n, &err);
	struct search_run *r;

	if (cancelled)
		view_message("Search cancelled");
	else if (rc == BDB_USAGE || (rc == BDB_NOTFOUND && err != NULL))
		view_error("Search: %s", err ? err : "cannot read the query");
	else if (rc != BDB_OK && rc != BDB_NOTFOUND)
		view_error("Search failed: the index could not be read");
	else if (n == 0 && err == NULL)
		view_message("No match for %.*s%s%s", QUOTE_MAX, query,
		    name ? " in theme " : "", name ? name : "");
	free(err);
	if (n == 0 || rc != BDB_OK) {
		bdb_hits_free(hits, n);
		return;
	}
	set_query(query, theme);
	if (view_top()->ops == &search_ops)
		view_pop();
	r = run_new(query, theme, name, hits, n);
	if (view_push(&search_ops, r) == NULL)
		search_run_free(r);	/* not taken: too many views */
}

/* --- Theme scope ------------------------------------------------------ */

/* A search from the theme view, or from results limited to a theme,
 * stays in that theme. */
static void
scope(struct view *top, char **slug, char **name)
{
	const struct theme *t;

	*slug = *name = NULL;
	if (top->ops == &search_ops) {
		const struct search_run *r = search_view_run(top);

		if (r != NULL && r->theme != NULL) {
			*slug = xstrdup(r->theme);
			*name = xstrdup(r->theme_name ? r->theme_name :
			    r->theme);
		}
	} else if ((t = theme_view_theme(top)) != NULL) {
		*slug = xstrdup(t->slug);
		*name = xstrdup(t->name);
	}
}

/* --- The prompt and its history --------------------------------------- */

static void
hist_free(struct prompt_history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->items[i]);
	free(h->items);
	h->items = NULL;
	h->n = 0;
}

/* The user's search history, oldest first as the prompt wants it:
 * from the review store when it is attached, else this session's. */
static struct prompt_history *
hist_load(struct prompt_history *h)
{
	char **q;
	size_t n;

	if (!bdb_review_attached(view_db()) ||
	    bdb_history(view_db(), HISTORY_MAX, &q, &n) != BDB_OK)
		return &S.hist;
	h->items = xreallocarray(NULL, n + 1, sizeof *h->items);
	for (h->n = 0; h->n < n; h->n++)
		h->items[h->n] = q[n - 1 - h->n];
	free(q);
	return h;
}

/* Ask for a search; a new string, or NULL when cancelled. */
static char *
ask(const char *theme_name)
{
	struct prompt_history stored = { 0 }, *h = hist_load(&stored);
	char *label, *q = NULL;

	label = theme_name ? xasprintf("Search in %s: ", theme_name) :
	    xstrdup("Search: ");
	if (prompt_read(label, h, &q) && *q != '\0' &&
	    bdb_review_attached(view_db()))
		bdb_history_add(view_db(), q, NULL);
	hist_free(&stored);
	free(label);
	return q;
}

static void
search_from(struct view *top, const char *given)
{
	char *slug, *name, *q;

	scope(top, &slug, &name);
	q = given ? xstrdup(given) : ask(name);
	if (q != NULL && *q == '\0' && S.query != NULL) {
		set_query(NULL, NULL);
		view_message("Search highlighting off");
	} else if (q != NULL && *q != '\0') {
		run_search(q, slug, name);
	}
	free(q);
	free(slug);
	free(name);
}

static int
on_search(struct view *top, enum action a, bkey k)
{
	search_from(top, NULL);
	return 1;
}

static int
cmd_search(const char *args)
{
	search_from(view_top(), args);
	return 0;
}

/* --- Filter (&) ------------------------------------------------------- */

/* "& QUERY" for the status line, the query cut at a character. */
static char *
filter_label(const char *q)
{
	size_t n = strlen(q);

	if (n > LABEL_MAX) {
		n = LABEL_MAX;
		while (n > 0 && (q[n] & 0xc0) == 0x80)
			n--;
	}
	return xasprintf("& %.*s%s", (int)n, q, q[n] ? (view_ascii() ? "~" :
	    "…") : "");
}

static void
filter_off(void)
{
	if (pager_filter() == NULL) {
		view_message("No filter to clear");
		return;
	}
	filter_clear();
	pager_set_filter(NULL, 0, NULL);
	view_message("Filter off: every block is shown");
}

/* The filter's blocks: the seqs of m[0..n), or with &! the blocks of d
 * not among them; *count of them. */
static int *
filter_seqs(const struct doc *d, const struct doc_match *m, size_t n,
    int not, size_t *count)
{
	unsigned char *in = xcalloc(d->nblocks + 1, 1);
	int *out = xreallocarray(NULL, d->nblocks + 1, sizeof *out);
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (m[i].seq >= 0 && (size_t)m[i].seq < d->nblocks)
			in[m[i].seq] = 1;
	for (size_t i = 0; i < d->nblocks; i++)
		if (in[i] != not)
			out[k++] = (int)i;
	free(in);
	*count = k;
	return out;
}

static void
filter_on(const char *q)
{
	const struct doc *d = pager_doc();
	struct doc_match *m = NULL;
	int *seqs, not = q[0] == '!';
	size_t n = 0, known = 0;
	int rc;
	char *label, *err = NULL;

	cancel_begin();
	rc = bdb_search_doc(view_db(), q + not, d->slug, &m, &n, &err);
	cancel_end();
	if (cancelled) {
		view_message("Filter cancelled");
		goto out;
	}
	if (not && rc == BDB_NOTFOUND)
		rc = BDB_OK;		/* less's &!: those that do not */
	seqs = filter_seqs(d, m, n, not, &known);	/* known to d */
	if (rc == BDB_OK && known == 0)
		rc = BDB_NOTFOUND;
	if (rc == BDB_NOTFOUND)
		view_message("No match for %.*s in this document", QUOTE_MAX,
		    q);
	else if (rc != BDB_OK)
		report_problem("Filter", rc, err);
	if (rc == BDB_OK) {
		filter_clear();
		S.filter = xstrdup(q);
		S.fhits = m;
		S.nfhits = n;
		m = NULL;
		n = 0;
		label = filter_label(q);
		pager_set_filter(seqs, known, label);
		view_message("Showing the %zu block%s %smatching %.*s (& and "
		    "<Enter> shows all)", known, known == 1 ? "" : "s",
		    not ? "not " : "", QUOTE_MAX, q + not);
		free(label);
	}
	free(seqs);
out:
	bdb_doc_matches_free(m, n);
	free(err);
}

static int
on_filter(struct view *top, enum action a, bkey k)
{
	char *q;

	if (top != view_bottom())
		return 0;		/* a list: view-filter.c filters its lines */
	if (!prompt_read("Filter: ", &S.fhist, &q))
		return 1;
	if (*q == '\0')
		filter_off();
	else
		filter_on(q);
	free(q);
	return 1;
}

/* --- :save-matches (for the screen tests) ----------------------------- */

/* A cell drawn as a search match (display_run_attr(LA_MATCH)). */
static int
is_match_cell(const cchar_t *c, wchar_t *wch)
{
	attr_t ma = display_run_attr(LA_MATCH, 0), a;
	short pair;

	if (getcchar(c, wch, &a, &pair, NULL) == ERR || wch[0] == 0)
		return -1;
	if (PAIR_NUMBER(ma) != 0)
		return pair == PAIR_NUMBER(ma);
	return (a & A_STANDOUT) != 0;
}

/* Row y's highlighted runs, "ROW: TEXT" each. */
static void
row_matches(int y, cchar_t *cells, struct buf *out)
{
	int open = 0;

	mvwin_wchnstr(stdscr, y, 0, cells, COLS);
	for (int x = 0; x < COLS; x++) {
		wchar_t wch[CCHARW_MAX + 1] = { 0 };
		int m = is_match_cell(&cells[x], wch);
		uint8_t u[6];

		if (m < 0)
			break;
		if (m && !open)
			buf_printf(out, "%d: ", y);
		for (int i = 0; m && i < CCHARW_MAX && wch[i] != 0; i++) {
			int len = u8_uctomb(u, (ucs4_t)wch[i], sizeof u);

			if (len > 0)
				buf_add(out, u, (size_t)len);
		}
		if (open && !m)
			buf_addc(out, '\n');
		open = m;
	}
	if (open)
		buf_addc(out, '\n');
}

/* Write the text drawn highlighted as a match, one run a line. */
static int
cmd_save_matches(const char *path)
{
	cchar_t *cells = xcalloc((size_t)COLS + 1, sizeof *cells);
	struct buf out = { 0 };
	FILE *f;
	int rc = 0;

	for (int y = 0; y < LINES; y++)
		row_matches(y, cells, &out);
	free(cells);
	buf_adds(&out, "");
	if ((f = fopen(path, "w")) == NULL || fputs(out.data, f) == EOF)
		rc = -1;
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	buf_free(&out);
	if (rc != 0)
		view_error("Cannot write %s", path);
	return rc;
}

/* --- Set up ----------------------------------------------------------- */

static void
search_ui_free(void)
{
	hist_free(&S.hist);
	hist_free(&S.fhist);
	hist_free(&S.dhist);
	free(S.query);
	free(S.theme);
	filter_clear();
	cache_clear();
	free(S.ranges);
	memset(&S, 0, sizeof S);
}

void
search_ui_init(void)
{
	static int once;

	view_on_action(ACT_SEARCH, on_search);
	view_on_action(ACT_SEARCH_NEXT, on_walk);
	view_on_action(ACT_SEARCH_PREV, on_walk);
	view_on_action(ACT_FILTER, on_filter);
	view_on_action(ACT_FIND, on_find);
	view_on_action(ACT_FIND_BACK, on_find);
	view_on_command("search", "search QUERY: ranked search across every "
	    "briefing (the same queries as brief search)", cmd_search);
	view_on_command("save-matches", "save-matches FILE: write the text "
	    "shown highlighted as a match, one run a line", cmd_save_matches);
	pager_add_decor(&decor);
	if (!once++)
		atexit(search_ui_free);
}
