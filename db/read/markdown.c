/* markdown.c: Markdown through cmark-gfm (CommonMark with GitHub's
 * tables and footnotes) into the builder.  The front matter brief knows
 * ("---", key: value lines, "---") is read first (front-matter.c) and
 * the rest given to cmark-gfm, a megabyte at a time, each dropped once
 * fed; its tree is walked with cmark's iterator (no recursion, so
 * nesting depth costs no stack), one top-level block at a time, each
 * freed once walked.  List items keep
 * their printed numbers; a paragraph inside an item, or a note, is part
 * of it rather than a block of its own. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "encoding.h"
#include "file.h"
#include "front-matter.h"
#include "letter-parts.h"
#include "read.h"
#include "sanitize.h"
#include "xmalloc.h"

#define MAX_LISTS	64	/* nesting of lists tracked; deeper is flat */

/* --- bullets pasted from elsewhere ---------------------------------------- */

/* A line opening with a bullet glyph that Word, PDFs and web pages
 * paste ("•", "◦", "▪", "‣", "⁃", "·") and a space is read as Markdown's
 * "-": the glyph's first byte becomes '-' and the rest spaces, which
 * keeps the columns cmark measures nesting by. */
static void
plain_bullets(char *s, size_t n)
{
	static const char	*glyphs[] = { "\u2022", "\u25e6", "\u25aa",
	    "\u2023", "\u2043", "\u00b7" };
	char			*end = s + n, *l, *nl;

	for (l = s; l < end; l = nl + 1) {
		char	*p = l;

		if ((nl = memchr(l, '\n', (size_t)(end - l))) == NULL)
			nl = end;
		while (p < nl && *p == ' ')
			p++;
		for (size_t i = 0; i < sizeof glyphs / sizeof *glyphs; i++) {
			size_t	g = strlen(glyphs[i]);

			if ((size_t)(nl - p) > g && memcmp(p, glyphs[i], g) == 0 &&
			    (p[g] == ' ' || p[g] == '\t')) {
				p[0] = '-';
				memset(p + 1, ' ', g - 1);
				break;
			}
		}
	}
}

/* --- front matter ------------------------------------------------------- */

/* Reads the front matter into the document; returns the bytes it took
 * and counts its lines in *nlines. */
static size_t
front_matter(const char *file, char *s, size_t n, struct doc *doc,
    struct diag *d, int *nlines)
{
	char	*l = s, *end = s + n, *nl, *close = NULL;
	int	 k;

	*nlines = 0;
	if (n < 4 || memcmp(s, "---", 3) != 0 || (s[3] != '\n' && s[3] != '\r'))
		return 0;
	for (l = s; l < end; l = nl + 1) {
		if ((nl = memchr(l, '\n', (size_t)(end - l))) == NULL)
			nl = end;
		if (l > s && nl - l >= 3 && (memcmp(l, "---", 3) == 0 ||
		    memcmp(l, "...", 3) == 0) && strspn(l + 3, " \r") ==
		    (size_t)(nl - l - 3)) {
			close = l;
			break;
		}
	}
	if (close == NULL) {
		diag_warn(d, file, 1, 0, "front matter is never closed");
		return 0;
	}
	for (l = s, k = 1; l < close; l = nl + 1, k++) {
		char	*e;

		nl = memchr(l, '\n', (size_t)(close - l));
		e = nl;
		while (e > l && (e[-1] == '\r' || e[-1] == ' '))
			e--;
		*e = '\0';
		if (k > 1)
			front_matter_line(file, k, l + strspn(l, " "), doc, d);
	}
	*nlines = k;
	nl = memchr(close, '\n', (size_t)(end - close));
	return nl != NULL ? (size_t)(nl + 1 - s) : n;
}

/* --- the tree ----------------------------------------------------------- */

struct list {
	int	ordered;
	int	next;		/* the next item's number */
	char	delim;		/* '.' or ')' */
};

struct md {
	struct builder		*b;
	struct letter_parts	 lp;
	struct list		 lists[MAX_LISTS];
	int			 nlists;	/* open lists (may exceed
						 * MAX_LISTS) */
	int			 items;		/* open items */
	int			 item_done;	/* the innermost item's text
						 * is a block already */
	char			 number[32];	/* the innermost item's */
	int			 in_note, in_table, in_image;
	int			 line0;		/* lines before cmark's 1 */
	int			 nnotes;	/* definitions so far */
	struct uncited		*uncited;	/* notes nobody cites */
	size_t			 nuncited;
};

/* A note nobody cites, read from the source before cmark gets it: its
 * line, its label, and the text of its definition line and of each
 * continuation line. */
struct uncited {
	int		 line;
	char		*label;
	char		**parts;
	size_t		 nparts;
};

static void
close_item(struct md *m)
{
	int	depth = m->nlists - 1;

	if (build_pending(m->b) == 0)
		return;
	build_item(m->b, depth < 0 ? 0 : depth, m->number[0] != '\0' ?
	    m->number : NULL);
	m->item_done = 1;
	m->number[0] = '\0';
}

/* Pending text before a block starts: an item's, or a paragraph. */
static void
flush(struct md *m)
{
	if (m->in_note || m->in_table)
		return;
	if (m->items > 0)
		close_item(m);
	else if (build_pending(m->b) > 0)
		letter_part(&m->lp, build_paragraph(m->b));
}

static void
enter_item(struct md *m)
{
	struct list	*l;

	flush(m);
	m->items++;
	m->item_done = 0;
	m->number[0] = '\0';
	if (m->nlists < 1 || m->nlists > MAX_LISTS)
		return;
	l = &m->lists[m->nlists - 1];
	if (l->ordered)
		snprintf(m->number, sizeof m->number, "%d%c", l->next++,
		    l->delim);
}

static void
enter_list(struct md *m, cmark_node *n)
{
	flush(m);
	if (m->nlists < MAX_LISTS) {
		struct list *l = &m->lists[m->nlists];

		l->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		l->next = cmark_node_get_list_start(n);
		l->delim = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM ?
		    ')' : '.';
	}
	m->nlists++;
}

/* A raw HTML block's text without its tags (a <div> of prose keeps its
 * words); comments, scripts and styles are left out whole. */
static void
html_block_text(struct builder *b, const char *s)
{
	const char	*lt;

	if (s == NULL || strncmp(s, "<!--", 4) == 0 ||
	    strncasecmp(s, "<script", 7) == 0 ||
	    strncasecmp(s, "<style", 6) == 0)
		return;
	while ((lt = strchr(s, '<')) != NULL) {
		static const char *const inl[] = { "sub", "sup", "b", "i",
		    "em", "strong", "span", "a", "code", "small", "u", "s" };
		const char	*gt = strchr(lt, '>'), *t = lt + 1;
		size_t		 n;
		int		 space = 1;

		t += *t == '/';
		n = strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
		for (size_t i = 0; i < sizeof inl / sizeof *inl; i++)
			if (strlen(inl[i]) == n && strncasecmp(t, inl[i], n) == 0)
				space = 0;
		build_text(b, s, (size_t)(lt - s));
		if (space)
			build_text(b, " ", 1);
		if (gt == NULL)
			return;
		s = gt + 1;
	}
	build_textz(b, s);
}

static int
is_ext(cmark_node *n, const char *name)
{
	const char	*t = cmark_node_get_type_string(n);

	return t != NULL && strcmp(t, name) == 0;
}

static void
enter(struct md *m, cmark_node *n)
{
	struct builder	*b = m->b;
	int		 line = cmark_node_get_start_line(n);

	if (line > 0 && cmark_node_get_type(n) & CMARK_NODE_TYPE_BLOCK &&
	    !m->in_note && !m->in_table)
		build_line(b, m->line0 + line);
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_LIST:
		if (!m->in_note)	/* a note's list is part of its text */
			enter_list(m, n);
		break;
	case CMARK_NODE_ITEM:
		if (!m->in_note)
			enter_item(m);
		else
			build_text(b, " ", 1);
		break;
	case CMARK_NODE_HEADING:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
		flush(m);
		letter_part_break(&m->lp);
		if (cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK)
			build_textz(b, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_HTML_BLOCK:
		flush(m);
		html_block_text(b, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		flush(m);
		m->in_note++;
		break;
	case CMARK_NODE_PARAGRAPH:
		if (m->items > 0 || m->in_note)
			build_text(b, " ", 1);
		break;
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		if (!m->in_image)
			build_textz(b, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		/* A signature's lines are kept (name, then role). */
		if (m->lp.in_signature && m->items == 0 && !m->in_note)
			build_newline(b);
		else
			build_text(b, " ", 1);
		break;
	case CMARK_NODE_EMPH:
		build_span_begin(b, SP_ITALIC, NULL);
		break;
	case CMARK_NODE_STRONG:
		build_span_begin(b, SP_BOLD, NULL);
		break;
	case CMARK_NODE_LINK:
		build_span_begin(b, SP_LINK, cmark_node_get_url(n));
		break;
	case CMARK_NODE_IMAGE:
		m->in_image++;
		break;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		build_cite(b, cmark_node_get_literal(n));
		break;
	default:
		if (is_ext(n, "table")) {
			flush(m);
			m->in_table++;
		}
		break;
	}
}

static void
leave(struct md *m, cmark_node *n)
{
	struct builder	*b = m->b;
	char		 label[16];

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_LIST:
		if (!m->in_note)
			m->nlists--;
		break;
	case CMARK_NODE_ITEM:
		if (m->in_note)
			break;
		close_item(m);
		m->items--;
		m->item_done = 1;
		break;
	case CMARK_NODE_HEADING:
		if (!m->in_note && !m->in_table && m->items == 0)
			build_heading(b, cmark_node_get_heading_level(n), NULL);
		break;
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
		if (m->items == 0)
			flush(m);
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		m->in_note--;
		/* cmark-gfm numbers the notes in the order they are
		 * first cited, puts them in that order and gives each
		 * reference its note's number as its literal. */
		snprintf(label, sizeof label, "%d", ++m->nnotes);
		build_footnote(b, label);
		letter_part_break(&m->lp);
		break;
	case CMARK_NODE_EMPH:
		build_span_end(b, SP_ITALIC);
		break;
	case CMARK_NODE_STRONG:
		build_span_end(b, SP_BOLD);
		break;
	case CMARK_NODE_LINK:
		build_span_end(b, SP_LINK);
		break;
	case CMARK_NODE_IMAGE:
		m->in_image--;
		break;
	default:
		if (is_ext(n, "table_cell")) {
			build_cell(b);
		} else if (is_ext(n, "table_row") || is_ext(n, "table_header")) {
			build_row(b);
		} else if (is_ext(n, "table")) {
			m->in_table--;
			build_table(b);
			letter_part_break(&m->lp);
		}
		break;
	}
}

/* A label cited as "[^label]" (not as a definition, "[^label]:"). */
struct label {
	const char	*s;
	size_t		 n;
};

static int
label_cmp(const void *va, const void *vb)
{
	const struct label	*a = va, *b = vb;
	size_t			 n = a->n < b->n ? a->n : b->n;
	int			 c = memcmp(a->s, b->s, n);

	return c != 0 ? c : (a->n > b->n) - (a->n < b->n);
}

/* Every label cited in s, sorted, in one pass: each note is then looked
 * up, where scanning the text again for each (8,000 notes) made the
 * import quadratic.  A label ends at its first ']' on its line (a
 * definition's label has no newline); one that ends the text is not a
 * citation, as cmark-gfm reads it. */
static struct label *
citations(const char *s, size_t n, size_t *count)
{
	const char	*end = s + n, *e;
	struct label	*v = NULL;

	*count = 0;
	for (const char *p = s; (p = memchr(p, '[', (size_t)(end - p))) != NULL;
	    p++) {
		const char	*nl;

		if (end - p < 4 || p[1] != '^')
			continue;
		if ((nl = memchr(p + 2, '\n', (size_t)(end - p - 2))) == NULL)
			nl = end;
		if ((e = memchr(p + 2, ']', (size_t)(nl - p - 2))) == NULL ||
		    e + 1 >= end || e[1] == ':')
			continue;
		v = xappend(v, *count, sizeof *v);
		v[(*count)++] = (struct label){ p + 2, (size_t)(e - p - 2) };
	}
	if (*count > 1)
		qsort(v, *count, sizeof *v, label_cmp);
	return v;
}

static void
add_part(struct uncited *u, const char *s, size_t len)
{
	u->parts = xappend(u->parts, u->nparts, sizeof *u->parts);
	u->parts[u->nparts++] = xstrndup(s, len);
}

/* cmark-gfm leaves out the notes nobody cites; the text reader kept
 * them (with a warning), so they are taken here from the source: the
 * definition's line and its indented continuation lines.  Taken before
 * cmark reads the text, so the text can go once cmark has it; added
 * after the tree's blocks (add_uncited). */
static void
find_uncited(struct md *m, const char *s, size_t n)
{
	const char	*l, *end = s + n, *nl;
	size_t		 ncited, line = 0;	/* l's, from 0 */
	struct label	*cited = citations(s, n, &ncited);

	for (l = s; l < end; l = nl + 1, line++) {
		const char	*p = l, *e;
		struct uncited	*u;
		struct label	 key;
		size_t		 ll, ind;

		if ((nl = memchr(l, '\n', (size_t)(end - l))) == NULL)
			nl = end;
		if ((ind = strspn(p, " ")) <= 3)
			p += ind;
		if (nl - p < 5 || p[0] != '[' || p[1] != '^' ||
		    (e = memchr(p, ']', (size_t)(nl - p))) == NULL ||
		    e + 1 >= nl || e[1] != ':' || (ll = (size_t)(e - p - 2)) == 0)
			continue;
		key = (struct label){ p + 2, ll };
		if (ncited > 0 && bsearch(&key, cited, ncited, sizeof *cited,
		    label_cmp) != NULL)
			continue;
		m->uncited = xappend(m->uncited, m->nuncited,
		    sizeof *m->uncited);
		u = &m->uncited[m->nuncited++];
		memset(u, 0, sizeof *u);
		u->line = m->line0 + 1 + (int)line;
		u->label = xstrndup(p + 2, ll);
		add_part(u, e + 2, (size_t)(nl - e - 2));
		while (nl < end && (nl[1] == '\t' || strncmp(nl + 1, "    ", 4) == 0)) {
			const char *nx = memchr(nl + 1, '\n', (size_t)(end - nl - 1));

			if (nx == NULL)
				nx = end;
			add_part(u, nl + 1, (size_t)(nx - nl - 1));
			nl = nx;
			line++;
		}
		if (nl == end)
			break;
	}
	free(cited);
}

static void
add_uncited(struct md *m)
{
	for (size_t i = 0; i < m->nuncited; i++) {
		struct uncited	*u = &m->uncited[i];

		build_line(m->b, u->line);
		for (size_t k = 0; k < u->nparts; k++) {
			if (k > 0)
				build_text(m->b, " ", 1);
			build_text(m->b, u->parts[k], strlen(u->parts[k]));
		}
		build_footnote(m->b, u->label);
	}
}

static void
free_uncited(struct md *m)
{
	for (size_t i = 0; i < m->nuncited; i++) {
		for (size_t k = 0; k < m->uncited[i].nparts; k++)
			free(m->uncited[i].parts[k]);
		free(m->uncited[i].parts);
		free(m->uncited[i].label);
	}
	free(m->uncited);
}

/* cmark's allocations fail as brief's do, "out of memory" and status 3
 * (xmalloc.h): its own allocator aborts, a core dump and status 134 for
 * a document too big for the memory allowed. */
static void *
md_calloc(size_t n, size_t size)
{
	return xcalloc(n, size);
}

static void *
md_realloc(void *p, size_t size)
{
	return xreallocarray(p, size, 1);
}

static cmark_mem	md_mem = { md_calloc, md_realloc, free };

static cmark_parser *
new_parser(void)
{
	static const char	*exts[] = { "table", "autolink",
	    "strikethrough" };
	cmark_parser		*p;

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new_with_mem(CMARK_OPT_FOOTNOTES |
	    CMARK_OPT_VALIDATE_UTF8, &md_mem);
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);

		if (e != NULL)
			cmark_parser_attach_syntax_extension(p, e);
	}
	return p;
}

static void
walk(struct md *m, cmark_node *root)
{
	cmark_iter		*it = cmark_iter_new(root);
	cmark_event_type	 ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node	*n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER) {
			enter(m, n);
			/* A leaf block has no exit event. */
			if (cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK ||
			    cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK)
				leave(m, n);
		} else if (ev == CMARK_EVENT_EXIT)
			leave(m, n);
	}
	cmark_iter_free(it);
}

/* The document's blocks one after the other, each freed once walked:
 * cmark holds the whole tree (cmark_parser_finish), and the builder's
 * blocks are not held beside all of it. */
static void
walk_doc(struct md *m, cmark_node *root)
{
	cmark_node	*n, *next;

	enter(m, root);
	for (n = cmark_node_first_child(root); n != NULL; n = next) {
		next = cmark_node_next(n);
		walk(m, n);
		cmark_node_free(n);
	}
	leave(m, root);
}

/* The text from skip on to cmark, FEED_STEP bytes at a time, each
 * dropped from memory once fed (cmark copies what it keeps into its
 * tree), so the text and the tree are not held at once. */
#define FEED_STEP	(1 << 20)

static void
feed(cmark_parser *p, char *text, size_t skip, size_t n)
{
	for (size_t a = skip, e; a < n; a = e) {
		e = n - a > FEED_STEP ? a + FEED_STEP : n;
		cmark_parser_feed(p, text + a, e - a);
		file_drop_pages(text + a, e - a);
	}
}

int
read_markdown(struct builder *b, const char *file, const char *buf,
    size_t len, const struct parse_opts *o, struct diag *d)
{
	struct md	 m;
	char		*utf8 = NULL, *text = NULL;
	size_t		 n, skip;
	cmark_parser	*p = NULL;
	cmark_node	*root = NULL;
	int		 rc = -1;

	memset(&m, 0, sizeof m);
	m.b = b;
	if (enc_decode(file, buf, len, NULL, o, d, &utf8, &n) != 0)
		goto out;
	if (utf8 != NULL)
		buf = utf8;
	else
		n = len;
	if (enc_check_utf8(file, buf, n, o->flags, d) != 0)
		goto out;
	/* Escape sequences go whole, before cmark's backslash escapes
	 * could cut their terminators off. */
	text = sanitize_text(buf, n, SAN_KEEP_NEWLINE);
	n = strlen(text);
	/* Only the text is read from here on: the bytes (given over, see
	 * parse_opts) go before cmark makes its tree of it. */
	free(utf8);
	utf8 = NULL;
	if (o->own != NULL) {
		free(*o->own);
		*o->own = NULL;
	}
	buf = NULL;
	plain_bullets(text, n);
	skip = front_matter(file, text, n, build_doc(b), d, &m.line0);
	find_uncited(&m, text + skip, n - skip);
	p = new_parser();
	feed(p, text, skip, n);
	free(text);
	text = NULL;
	root = cmark_parser_finish(p);
	walk_doc(&m, root);
	flush(&m);
	add_uncited(&m);
	rc = 0;
out:
	if (root != NULL)
		cmark_node_free(root);
	if (p != NULL)
		cmark_parser_free(p);
	free_uncited(&m);
	free(text);
	free(utf8);
	return rc;
}
