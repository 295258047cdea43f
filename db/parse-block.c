/* parse-block.c: the importer's block recognisers.  Each looks at the
 * current line (struct parser, parse-int.h), and if the line starts its
 * kind of block consumes that block's lines, emits it and returns 1.
 * parse_block tries them in order and falls back to a paragraph; the
 * order is what lets the letter's shapes (parse-letter.c) sit beside
 * Markdown, numbered headings, lists of every bullet shape
 * (parse-marker.c), endnote lists and text pasted from PDFs.
 *
 * Headings and list items leave their anchors to the builder
 * (build_finish): it numbers sections by their nesting and decides
 * which items are recommendations, the same way for every format. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "file.h"
#include "lang.h"
#include "parse-int.h"

static size_t
skip_digits(const char *s, size_t k, size_t max)
{
	size_t	start = k;

	while (is_digit((unsigned char)s[k]) && k - start < max)
		k++;
	return is_digit((unsigned char)s[k]) ? start : k;
}

static int
long_cmp(const void *va, const void *vb)
{
	long	a = *(const long *)va, b = *(const long *)vb;

	return a < b ? -1 : a > b;
}

/* --- line shapes --------------------------------------------------- */

/* "¹ text": a superscript footnote definition. */
static long
sup_def(const struct line *l, size_t *rest)
{
	size_t	used;
	long	n = inline_sup_number(l->s, l->len, &used);

	if (n < 0 || used >= l->len || (l->s[used] != ' '))
		return -1;
	*rest = used + 1;
	return n;
}

/* "[^n]: text" (Markdown) or "[n] text" (an endnote). */
static long
bracket_def(const struct line *l, size_t *rest)
{
	size_t	k, caret;

	if (l->s[0] != '[')
		return -1;
	caret = l->s[1] == '^';
	k = skip_digits(l->s, 1 + caret, 8);
	if (k == 1 + caret || l->s[k] != ']')
		return -1;
	k++;
	if (caret && l->s[k++] != ':')
		return -1;
	if (l->s[k] != ' ' && l->s[k] != '\0')
		return -1;
	*rest = k;
	return strtol(l->s + 1 + caret, NULL, 10);
}

/* "12. text" or "12) text": a numbered endnote.  Returns the number. */
static long
numbered(const struct line *l, size_t *rest)
{
	size_t	k = skip_digits(l->s, 0, 3);

	if (k == 0 || (l->s[k] != '.' && l->s[k] != ')') || l->s[k + 1] != ' ')
		return -1;
	*rest = k + 2;
	return strtol(l->s, NULL, 10);
}

/* "12 text", a note as printed at a page's bottom. */
static long
bare_numbered(const struct line *l, size_t *rest)
{
	size_t	k = skip_digits(l->s, 0, 3);

	if (k == 0 || l->s[k] != ' ' || k + 1 >= l->len ||
	    is_digit((unsigned char)l->s[k + 1]))
		return -1;
	*rest = k + 1;
	return strtol(l->s, NULL, 10);
}

/* "5 text" is note 5 when the text cites 5 with a glued marker
 * ("resolutions5") before this line (the prescan's list). */
static long
glued_def(const struct parser *p, const struct line *l, size_t *rest)
{
	long	n = bare_numbered(l, rest);

	for (size_t k = 0; n >= 0 && k < p->nglued; k++)
		if (p->glued[k] == n)
			return n;
	return -1;
}

static long
fn_def(const struct parser *p, const struct line *l, size_t *rest)
{
	long	n;

	if ((n = sup_def(l, rest)) >= 0 || (n = bracket_def(l, rest)) >= 0)
		return n;
	if (p->in_notes && ((n = numbered(l, rest)) >= 0 ||
	    (n = bare_numbered(l, rest)) >= 0))
		return n;
	return glued_def(p, l, rest);
}

/* A marker that starts an item even in the middle of wrapped text:
 * bullets, and "1." "a)" "(iv)" numbers (not "A." nor "1.2", which
 * start a line of prose as often as a list). */
static int
item_marker(const struct line *l, struct marker *m)
{
	size_t	n;

	if (!parse_marker(l, m))
		return 0;
	if (m->number[0] == '\0')
		return 1;
	n = strlen(m->number);
	return !parse_marker_upper(m) && (m->number[n - 1] == '.' ||
	    m->number[n - 1] == ')');
}

/* "## text": the level (1-6), and the text's offset; 0 if not one. */
static int
atx_heading(const struct line *l, size_t *rest)
{
	size_t	level = strspn(l->s, "#"), k = level;

	if (level == 0 || level > 6 || l->indent > 3 || l->s[k] != ' ')
		return 0;
	k += strspn(l->s + k, " ");
	if (k >= l->len)
		return 0;
	*rest = k;
	return (int)level;
}

/* "---", "***", "___" (three or more, spaces allowed): a rule. */
static int
is_rule(const struct line *l, char only)
{
	char	c = l->s[0];
	int	n = 0;

	if ((c != '-' && c != '*' && c != '_' && c != '=') ||
	    (only && c != only))
		return 0;
	for (size_t k = 0; k < l->len; k++) {
		if (l->s[k] == c)
			n++;
		else if (l->s[k] != ' ')
			return 0;
	}
	return n >= 3;
}

static int
is_notes_title(const char *s, size_t len)
{
	char	*t;
	int	 yes;

	if (len > 60)
		return 0;
	t = xstrndup(s, len);
	yes = lang_notes_heading(t);
	free(t);
	return yes;
}

/* A line that ends a paragraph or list item without a blank line. */
int
parse_starts_block(const struct parser *p, const struct line *l)
{
	struct marker	m;
	size_t		rest;

	return fn_def(p, l, &rest) >= 0 || item_marker(l, &m) ||
	    atx_heading(l, &rest) || is_rule(l, 0);
}

/* "12", "Page 3", "page 3 of 12", "3 / 12", "3/12", "- 3 -". */
static int
is_page_number(const struct line *l)
{
	const char	*s = l->s;
	size_t		 k = 0, e, end = l->len;

	if (has_prefix(s, "- ") && end > 4 && has_prefix(s + end - 2, " -")) {
		k = 2;
		end -= 2;
	} else if (has_prefix(s, "page "))
		k = 5;
	if ((e = skip_digits(s, k, 4)) == k)
		return 0;
	if (has_prefix(s + e, " of "))
		e += 4;
	else if (has_prefix(s + e, " / "))
		e += 3;
	else if (s[e] == '/')
		e++;
	else
		return e == end;
	k = e;
	e = skip_digits(s, k, 4);
	return e > k && e == end;
}

/* A line standing alone: blank lines (or the edges) around it. */
static int
alone(const struct parser *p)
{
	return (p->i == 0 || blank_at(p, p->i - 1)) && blank_at(p, p->i + 1);
}

/* --- recognisers: each consumes its lines and returns 1, or 0 ------ */

/* Lines after the first that continue a block (hard wrap). */
static void
continuation(struct parser *p, struct buf *src)
{
	struct line	*l;

	while ((l = cur(p)) != NULL && l->len > 0 &&
	    !parse_starts_block(p, l)) {
		parse_add_line(src, l, 0, ' ');
		p->i++;
	}
}

static int
footnote(struct parser *p)
{
	struct line	*l = cur(p);
	struct buf	 src = { 0 };
	struct block	*b;
	size_t		 rest;
	long		 n;

	if ((n = fn_def(p, l, &rest)) < 0)
		return 0;
	while (rest < l->len && l->s[rest] == ' ')
		rest++;
	parse_add_line(&src, l, rest, ' ');
	p->i++;
	continuation(p, &src);
	b = parse_emit_buf(p, BK_FOOTNOTE, l->no, &src, xasprintf("fn-%ld", n));
	b->fn = n;
	parse_fn_add(&p->defs, n, l->no, b->seq);
	return 1;
}

void
parse_heading(struct parser *p, const struct line *l, const char *src,
    size_t len, int level, const char *number)
{
	struct block	*b;

	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	p->in_notes = is_notes_title(src, len);
	b = parse_emit(p, BK_HEADING, l->no, src, len, NULL);
	b->depth = level - 1;
	if (number != NULL && *number != '\0')
		b->number = xstrdup(number);
	p->last_level = level;
}

/* "## 1.2 Text": the number kept apart from the text. */
static void
heading_text(struct parser *p, struct line *l, size_t rest, int level)
{
	struct line	 sub = *l;
	struct marker	 m;
	size_t		 end = l->len;

	while (end > rest && (l->s[end - 1] == '#' || l->s[end - 1] == ' '))
		end--;
	if (end == rest)
		end = l->len;
	sub.s = l->s + rest;
	sub.len = end - rest;
	if (parse_marker(&sub, &m) && m.number[0] != '\0' &&
	    m.rest < sub.len) {
		parse_heading(p, l, sub.s + m.rest, sub.len - m.rest, level,
		    m.number);
		return;
	}
	parse_heading(p, l, l->s + rest, end - rest, level, NULL);
}

static int
heading(struct parser *p)
{
	struct line	*l = cur(p), *next;
	size_t		 rest;
	int		 level;

	if ((level = atx_heading(l, &rest)) > 0) {
		p->i++;
		heading_text(p, l, rest, level);
		return 1;
	}
	next = p->i + 1 < p->nlines ? &p->lines[p->i + 1] : NULL;
	if (next != NULL && next->len > 0 && l->indent < 4 &&
	    (is_rule(next, '=') || is_rule(next, '-')) &&
	    (blank_at(p, p->i - 1) || p->i == 0)) {
		p->i += 2;
		heading_text(p, l, 0, next->s[0] == '=' ? 1 : 2);
		return 1;
	}
	if (is_notes_title(l->s, l->len) && blank_at(p, p->i + 1)) {
		p->i++;
		parse_heading(p, l, l->s, l->len, 1, NULL);
		return 1;
	}
	return 0;
}

/* The level of a heading of style st: each style takes, the first time
 * it is seen, the level under the heading before it. */
static int
style_level(struct parser *p, enum hstyle st, int comps)
{
	if (p->style_level[st] == 0)
		p->style_level[st] = p->last_level + 1;
	return p->style_level[st] + (comps > 1 ? comps - 1 : 0);
}

static int
roman_value(const char *s)
{
	static const char	 *r = "IVXLC";
	static const int	  v[] = { 1, 5, 10, 50, 100 };
	int			  n = 0, prev = 0;

	for (size_t i = strlen(s); i-- > 0;) {
		const char *c = strchr(r, s[i]);
		int x;

		if (c == NULL || s[i] == '\0')
			continue;
		x = v[c - r];
		n += x < prev ? -x : x;
		prev = x;
	}
	return n;
}

/* "A." and "I." head sections only in sequence ("A." then "B."), so a
 * signatory's initial ("J. Smith") is no heading. */
static int
in_sequence(struct parser *p, const struct marker *m, int commit)
{
	int	n;

	if (parse_marker_roman(m)) {
		n = roman_value(m->number);
		if (n != 1 && n != p->last_roman + 1)
			return 0;
		if (commit)
			p->last_roman = n;
		return 1;
	}
	n = m->number[0] - 'A' + 1;
	if (n != 1 && n != p->last_upper + 1)
		return 0;
	if (commit)
		p->last_upper = n;
	return 1;
}

static int
uppercase_start(const char *s, size_t len)
{
	ucs4_t	c;

	if (u8_mbtouc(&c, (const uint8_t *)s, len) <= 0)
		return 0;
	return uc_is_upper(c) || uc_is_digit(c) || c == '"' || c == 0x201c ||
	    c == 0xab;
}

static int
all_caps(const char *s, size_t len)
{
	bool	upper = 0, cased = 0;

	return u8_is_cased((const uint8_t *)s, len, NULL, &cased) == 0 &&
	    cased && u8_is_uppercase((const uint8_t *)s, len, NULL,
	    &upper) == 0 && upper;
}

/* The nearest non-blank line from i going by step, or NULL. */
static const struct line *
neighbour(const struct parser *p, size_t i, int step)
{
	for (;;) {
		if ((step < 0 && i == 0) || (step > 0 && i + 1 >= p->nlines))
			return NULL;
		i += step;
		if (p->lines[i].len > 0)
			return &p->lines[i];
	}
}

/* A neighbour numbered like m ("1." beside "2."): m is a list item. */
static int
sibling(const struct parser *p, const struct marker *m)
{
	const struct line	*n[2] = { neighbour(p, p->i, -1),
	    neighbour(p, p->i, 1) };
	struct marker		 o;

	for (int k = 0; k < 2; k++)
		if (n[k] != NULL && parse_marker(n[k], &o) &&
		    o.family == m->family && o.comps == m->comps)
			return 1;
	return 0;
}

/* "1. Fundamental Rights", "1. INTRODUCTION", "2.3 Scope", "IV.
 * Annex", "B. Asylum", "Section 2: Title": a short numbered line
 * standing alone, not a sentence, not one of a numbered list. */
static int
numbered_heading(struct parser *p)
{
	struct line	*l = cur(p);
	struct marker	 m;
	size_t		 rest, end, len;
	const char	*t;
	char		 last;
	int		 level, caps;

	if (!alone(p) || l->indent > 3 || l->len > 4 * TITLE_CHARS)
		return 0;
	if ((end = parse_section_word(l, &rest)) > 0 &&
	    strchr(".,;", l->s[l->len - 1]) == NULL) {
		char *num = rest ? xstrndup(l->s, end) : NULL;

		level = style_level(p, HS_SECTION, 1);
		p->i++;
		parse_heading(p, l, l->s + rest, l->len - rest, level, num);
		free(num);
		return 1;
	}
	if (!parse_marker(l, &m) || m.number[0] == '\0')
		return 0;
	t = l->s + m.rest;
	len = l->len - m.rest;
	last = t[len - 1];
	caps = all_caps(t, len);
	if (u8_mbsnlen((const uint8_t *)t, len) > TITLE_CHARS ||
	    strchr(".,;:", last) != NULL || !uppercase_start(t, len))
		return 0;
	if (parse_marker_upper(&m) && !in_sequence(p, &m, 0))
		return 0;
	if (!parse_marker_arabic(&m) && !parse_marker_upper(&m))
		return 0;
	if (!caps && m.comps < 2 && !parse_marker_upper(&m) && sibling(p, &m))
		return 0;
	if (parse_marker_upper(&m))
		in_sequence(p, &m, 1);
	level = style_level(p, parse_marker_roman(&m) ? HS_UROMAN :
	    parse_marker_upper(&m) ? HS_UPPER : HS_ARABIC, m.comps);
	p->i++;
	parse_heading(p, l, t, len, level, m.number);
	return 1;
}

/* The depth of an item at indent with a marker of this family and
 * rank, popping the list to its parent: deeper indents nest, and at
 * one indent a new shape ("◦" after "•", "–" after "▪", "a)" after
 * "1.") nests under the one before, while a shape already open is its
 * sibling; two top-level shapes ("*" then "·") are siblings too. */
static int
list_depth(struct parser *p, int indent, int family, int rank)
{
	while (p->nlist > 0 && p->list[p->nlist - 1].indent > indent)
		p->nlist--;
	for (int d = p->nlist - 1; d >= 0 && p->list[d].indent == indent; d--)
		if (p->list[d].family == family)
			return d;
	if (p->nlist > 0 && p->list[p->nlist - 1].indent == indent &&
	    rank == 0 && p->list[p->nlist - 1].rank == 0)
		return p->nlist - 1;
	return p->nlist < MAX_DEPTH ? p->nlist : MAX_DEPTH - 1;
}

static int
item(struct parser *p)
{
	struct line	*l = cur(p);
	struct buf	 src = { 0 };
	struct marker	 m;
	struct block	*b;
	int		 depth;

	if (!item_marker(l, &m))
		return 0;
	for (int d = p->nlist - 1; d >= 0 && p->list[d].indent >= l->indent;
	    d--)
		if (p->list[d].indent == l->indent)
			parse_marker_in_list(&m, p->list[d].family);
	depth = list_depth(p, l->indent, m.family, m.rank);
	parse_add_line(&src, l, m.rest, ' ');
	p->i++;
	continuation(p, &src);
	b = parse_emit_buf(p, BK_ITEM, l->no, &src, NULL);
	b->depth = depth;
	if (m.number[0] != '\0')
		b->number = xstrdup(m.number);
	p->list[depth].indent = l->indent;
	p->list[depth].family = m.family;
	p->list[depth].rank = m.rank;
	p->nlist = depth + 1;
	return 1;
}

/* "Recommendation 3: text", "Aanbeveling 2. text": a numbered
 * recommendation written as a paragraph.  A recommendation whatever
 * precedes it, so emitted as one (build_finish anchors it rec-N). */
static int
numbered_rec(struct parser *p)
{
	struct line	*l = cur(p);
	struct buf	 src = { 0 };
	struct block	*b;
	size_t		 w = strcspn(l->s, " "), k, d;
	char		*word, *num;
	int		 hit;

	if (w == 0 || w > 24 || l->s[w] != ' ')
		return 0;
	k = w + 1;
	if ((d = strspn(l->s + k, "0123456789")) == 0 || d > 3)
		return 0;
	k += d;
	if (l->s[k] != ':' && l->s[k] != '.' && l->s[k] != ')')
		return 0;
	if (l->s[k + 1] != ' ' || k + 2 >= l->len)
		return 0;
	word = xstrndup(l->s, w);
	hit = lang_rec_heading(word);
	free(word);
	if (!hit)
		return 0;
	num = xstrndup(l->s, k + 1);
	parse_add_line(&src, l, k + 2, ' ');
	p->i++;
	continuation(p, &src);
	b = parse_emit_buf(p, BK_BULLET, l->no, &src, NULL);
	b->number = num;
	return 1;
}

static size_t
count_words(const char *s, size_t len)
{
	size_t	n = 0;

	for (size_t k = 0; k < len; k++)
		if (s[k] != ' ' && (k == 0 || s[k - 1] == ' '))
			n++;
	return n;
}

/* An all-caps line on its own: the title when it comes before any
 * heading and reads like one (three words or more, not a
 * "RECOMMENDATIONS" heading), else a section heading. */
static int
caps_line(struct parser *p)
{
	struct line	*l = cur(p);

	if (!alone(p) || l->len < 4 || l->len > 300 ||
	    !all_caps(l->s, l->len) || lang_contact(l->s))
		return 0;
	p->i++;
	if (p->seen_title || p->last_level > 0 ||
	    count_words(l->s, l->len) < 3 || lang_rec_heading(l->s)) {
		parse_heading(p, l, l->s, l->len, style_level(p, HS_CAPS, 1),
		    NULL);
		return 1;
	}
	p->seen_title = 1;
	parse_emit(p, BK_TITLE, l->no, l->s, l->len, NULL);
	parse_set_field(&p->caps_title, p->doc->blocks[p->doc->nblocks -
	    1].text);
	return 1;
}

static int
page_number(struct parser *p)
{
	if (!is_page_number(cur(p)) || !alone(p))
		return 0;
	p->i++;
	return 1;
}

/* After a blank line in a paragraph: "...the\n\n3\n\nrest" is one
 * paragraph broken by a page number.  Skips to "rest" if so. */
static int
page_break(struct parser *p, char last)
{
	size_t	j = p->i, k;

	while (j < p->nlines && p->lines[j].len == 0)
		j++;
	if (j >= p->nlines || !is_page_number(&p->lines[j]) ||
	    strchr(".!?:;", last) != NULL)
		return 0;
	for (k = j + 1; k < p->nlines && p->lines[k].len == 0; k++)
		;
	if (k == j + 1 || k >= p->nlines ||
	    !(p->lines[k].s[0] >= 'a' && p->lines[k].s[0] <= 'z'))
		return 0;
	p->i = k;
	return 1;
}

/* The lines joined by a space, in place: each line's text moves back
 * over the newline and indent before it, into space already read, so a
 * paragraph of any size is parsed from the text itself, not a copy.
 * Only the last line is read again (the next block's look back at its
 * neighbour): its text is put back.  A paragraph running on into the
 * next piece of text (parse-int.h) is copied from there on, as the
 * pieces are separate allocations, unless they are all in the text
 * file, one after the other in its mapping (parse.c, text_map): then
 * it is joined there too, and the pages behind the join are given
 * back as it goes (they come back from the file as they were left). */
#define JOIN_DROP	(1u << 20)
static void
paragraph(struct parser *p)
{
	struct line	*l = cur(p), *n, *last = l;
	char		*s = l->s;
	size_t		 len = l->len, end = parse_piece_end(p, p->i);
	size_t		 dropped = 0;
	int		 line = l->no, far = 0;
	int		 filed = parse_text_filed(p);
	struct buf	 copy = { 0 };

	for (p->i++; (n = cur(p)) != NULL; p->i++) {
		char	end_c = far ? copy.data[copy.len - 1] :
		    len > 0 ? s[len - 1] : '.';

		if (n->len == 0 && !page_break(p, end_c))
			break;
		if (parse_starts_block(p, cur(p)))
			break;
		n = cur(p);
		if (!far && !filed && p->i >= end) {
			far = 1;
			buf_add(&copy, s, len);
		}
		if (far) {
			parse_add_line(&copy, n, 0, ' ');
			continue;
		}
		last = n;
		s[len++] = ' ';
		memmove(s + len, n->s, n->len);
		len += n->len;
		s[len] = '\0';
		if (filed && len - dropped >= JOIN_DROP) {
			parse_text_passed(p, s + dropped, len - dropped);
			dropped = len;
		}
	}
	if (far)
		parse_emit_buf(p, BK_PARAGRAPH, line, &copy, NULL);
	else {
		/* A long one leaves memory behind the inline parser, but for
		 * its start (the next block's look back at its neighbour
		 * reads a list marker there) and its last line (put back
		 * below). */
		if (len >= DROP_MIN) {
			p->ictx.drop = s;
			p->ictx.drop_from = DROP_HEAD;
			p->ictx.drop_to = len - (last != l ? last->len : 0);
		}
		parse_emit(p, BK_PARAGRAPH, line, s, len, NULL);
		p->ictx.drop = NULL;
	}
	if (last != l) {
		memmove(last->s, s + len - last->len, last->len);
		last->s[last->len] = '\0';
	}
}

void
parse_block(struct parser *p)
{
	struct line	*l = cur(p);

	if (l->len == 0 || is_rule(l, 0)) {
		p->i++;
		return;
	}
	if (footnote(p) || (p->in_sig && parse_signature(p)) || heading(p) ||
	    page_number(p) || parse_letter_part(p) || numbered_heading(p) ||
	    item(p) || numbered_rec(p) || caps_line(p))
		return;
	paragraph(p);
}

/* --- before the first block ---------------------------------------- */

static void
add_note(long **v, size_t *n, long x)
{
	if ((*n & (*n - 1)) == 0)	/* 0, 1, 2, 4, ... */
		*v = xreallocarray(*v, *n ? *n * 2 : 1, sizeof **v);
	(*v)[(*n)++] = x;
}

/* Notes written "5 text" whose markers are glued digits, kept only
 * where both exist and the marker comes first. */
static void
prescan_glued(struct parser *p)
{
	long	*marks = NULL, *lines = NULL, n;
	size_t	 nmarks = 0, nlines = 0, rest, used;

	p->pass = 0;
	for (size_t k = p->i; k < p->nlines; k++) {
		const struct line *l = &p->lines[k];

		parse_passed(p, k);
		if ((n = bare_numbered(l, &rest)) >= 0) {
			for (size_t j = 0; j < nmarks; j++)
				if (marks[j] == n) {
					add_note(&lines, &nlines, n);
					break;
				}
			continue;
		}
		/* A long line's pages go behind the search. */
		for (size_t c = 1, passed = 0; c < l->len; c++) {
			if (c - passed >= JOIN_DROP) {
				parse_text_passed(p, l->s + passed, c - passed);
				passed = c;
			}
			if ((n = inline_glued_marker(l->s, c, l->len,
			    &used)) > 0) {
				if (nmarks < 4096)
					add_note(&marks, &nmarks, n);
				c += used;
			}
		}
	}
	parse_passed(p, p->nlines);
	if (nlines > 1)
		qsort(lines, nlines, sizeof *lines, long_cmp);
	p->glued = lines;
	p->nglued = nlines;
	p->ictx.glued_notes = lines;
	p->ictx.nglued_notes = nlines;
	free(marks);
}

/* Which footnote markers this document uses: superscripts and "[n]"
 * count as markers only when matching definitions exist. */
void
parse_prescan(struct parser *p)
{
	size_t	rest;
	long	n;
	int	notes = 0, level;

	/* Every line read: a long text's pages go behind (parse_passed). */
	p->pass = 0;
	for (size_t k = p->i; k < p->nlines; k++) {
		struct line *l = &p->lines[k];

		parse_passed(p, k);
		if (l->len == 0)
			continue;
		if ((level = atx_heading(l, &rest)) > 0)
			notes = is_notes_title(l->s + rest, l->len - rest);
		else if (l->len <= 60 && is_notes_title(l->s, l->len))
			notes = 1;
		if (sup_def(l, &rest) >= 0)
			p->ictx.sup_markers = 1;
		else if ((n = bracket_def(l, &rest)) >= 0 && l->s[1] != '^')
			add_note(&p->notes, &p->nnotes, n);
		else if (notes && (n = numbered(l, &rest)) >= 0)
			add_note(&p->notes, &p->nnotes, n);
	}
	parse_passed(p, p->nlines);
	if (p->nnotes > 1)
		qsort(p->notes, p->nnotes, sizeof *p->notes, long_cmp);
	p->ictx.bracket_notes = p->notes;
	p->ictx.nbracket_notes = p->nnotes;
	prescan_glued(p);
}
