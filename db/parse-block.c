/* parse-block.c: the importer's block recognisers.  Each looks at the
 * current line (struct parser, parse-int.h), and if the line starts its
 * kind of block consumes that block's lines, emits it and returns 1.
 * parse_block tries them in order and falls back to a paragraph; the
 * order is what lets the letter's shapes (reference, address,
 * salutation, title, closing, signatures) sit beside Markdown, endnote
 * lists and text pasted from PDFs. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>

#include "parse-int.h"

static size_t
skip_digits(const char *s, size_t k, size_t max)
{
	size_t	start = k;

	while (is_digit((unsigned char)s[k]) && k - start < max)
		k++;
	return is_digit((unsigned char)s[k]) ? start : k;
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

/* "12. text" or "12) text": a numbered item.  Returns the number. */
static long
numbered(const struct line *l, size_t *rest)
{
	size_t	k = skip_digits(l->s, 0, 3);

	if (k == 0 || (l->s[k] != '.' && l->s[k] != ')') || l->s[k + 1] != ' ')
		return -1;
	*rest = k + 2;
	return strtol(l->s, NULL, 10);
}

static long
fn_def(const struct parser *p, const struct line *l, size_t *rest)
{
	long	n;

	if ((n = sup_def(l, rest)) >= 0 || (n = bracket_def(l, rest)) >= 0)
		return n;
	return p->in_notes ? numbered(l, rest) : -1;
}

/* "- ", "* ", "+ ", "• ", "· " or a numbered item; the text's offset. */
static int
bullet_marker(const struct line *l, size_t *rest)
{
	static const char *marks[] = { "- ", "* ", "+ ", "\u2022 ", "\u00b7 " };

	for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) {
		size_t n = strlen(marks[k]);

		if (l->len > n && strncmp(l->s, marks[k], n) == 0) {
			*rest = n;
			return 1;
		}
	}
	return numbered(l, rest) >= 0;
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
	static const char *names[] = { "notes", "endnotes", "footnotes",
	    "references", "sources" };

	if (len > 0 && s[len - 1] == ':')
		len--;
	for (size_t k = 0; k < sizeof names / sizeof *names; k++)
		if (len == strlen(names[k]) && has_prefix(s, names[k]))
			return 1;
	return 0;
}

/* A line that ends a paragraph or list item without a blank line. */
static int
starts_block(const struct parser *p, const struct line *l)
{
	size_t	rest;

	return fn_def(p, l, &rest) >= 0 || bullet_marker(l, &rest) ||
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

/* --- recognisers: each consumes its lines and returns 1, or 0 ------ */

/* Lines after the first that continue a block (hard wrap). */
static void
continuation(struct parser *p, struct buf *src)
{
	struct line	*l;

	while ((l = cur(p)) != NULL && l->len > 0 && !starts_block(p, l)) {
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

static int
heading_text(struct parser *p, struct line *l, size_t rest, int level)
{
	struct block	*b;
	size_t		 end = l->len;

	while (end > rest && (l->s[end - 1] == '#' || l->s[end - 1] == ' '))
		end--;
	if (end == rest)
		end = l->len;
	p->in_notes = is_notes_title(l->s + rest, end - rest);
	b = parse_emit(p, BK_HEADING, l->no, l->s + rest, end - rest,
	    xasprintf("sec-%d", ++p->nsec));
	b->depth = level - 1;
	return 1;
}

static int
heading(struct parser *p)
{
	struct line	*l = cur(p), *next;
	size_t		 rest;
	int		 level;

	if ((level = atx_heading(l, &rest)) > 0) {
		p->i++;
		return heading_text(p, l, rest, level);
	}
	next = p->i + 1 < p->nlines ? &p->lines[p->i + 1] : NULL;
	if (next != NULL && next->len > 0 && l->indent < 4 &&
	    (is_rule(next, '=') || is_rule(next, '-')) &&
	    (blank_at(p, p->i - 1) || p->i == 0)) {
		p->i += 2;
		return heading_text(p, l, 0, next->s[0] == '=' ? 1 : 2);
	}
	if (is_notes_title(l->s, l->len) && blank_at(p, p->i + 1)) {
		p->i++;
		return heading_text(p, l, 0, 1);
	}
	return 0;
}

/* The depth of a bullet at indent, popping the list to its parent. */
static int
list_depth(struct parser *p, int indent)
{
	while (p->nlist > 0 && p->list[p->nlist - 1].indent > indent)
		p->nlist--;
	if (p->nlist > 0 && p->list[p->nlist - 1].indent == indent)
		return p->nlist - 1;
	return p->nlist < MAX_DEPTH ? p->nlist : MAX_DEPTH - 1;
}

static char *
rec_anchor(struct parser *p, int depth)
{
	struct level	*up;

	if (depth == 0)
		return xasprintf("rec-%d", ++p->nrec);
	up = &p->list[depth - 1];
	return xasprintf("%s.%d", p->doc->blocks[up->seq].anchor,
	    ++up->nchild);
}

static int
bullet(struct parser *p)
{
	struct line	*l = cur(p);
	struct buf	 src = { 0 };
	struct block	*b;
	size_t		 rest;
	int		 depth;

	if (!bullet_marker(l, &rest))
		return 0;
	depth = list_depth(p, l->indent);
	parse_add_line(&src, l, rest, ' ');
	p->i++;
	continuation(p, &src);
	b = parse_emit_buf(p, BK_BULLET, l->no, &src, rec_anchor(p, depth));
	b->depth = depth;
	b->parent = depth > 0 ? p->list[depth - 1].seq : -1;
	p->list[depth].indent = l->indent;
	p->list[depth].seq = b->seq;
	p->list[depth].nchild = 0;
	p->nlist = depth + 1;
	return 1;
}

/* "Reference: X": doc->reference is X with its markup removed. */
static int
reference(struct parser *p)
{
	struct line	*l = cur(p);
	struct block	*b;
	const char	*colon;
	size_t		 k;

	if (!has_prefix(l->s, "reference:") && !has_prefix(l->s, "ref:") &&
	    !has_prefix(l->s, "our ref"))
		return 0;
	if ((colon = strchr(l->s, ':')) == NULL || colon[1] == '\0')
		return 0;
	p->i++;
	b = parse_emit(p, BK_REFERENCE, l->no, l->s, l->len, p->nref++ == 0 ?
	    xstrdup("ref") : xasprintf("ref-%d", p->nref));
	if ((colon = strchr(b->text, ':')) == NULL || p->doc->reference)
		return 1;
	k = strspn(colon + 1, " ");
	parse_set_field(&p->doc->reference, colon + 1 + k);
	return 1;
}

static int
is_salutation(const struct line *l)
{
	char	last = l->s[l->len - 1];

	if (l->len > 200)
		return 0;
	if (has_prefix(l->s, "dear ") && (last == ',' || last == ':'))
		return 1;
	return has_prefix(l->s, "to whom it may concern") ||
	    has_prefix(l->s, "excellency,") ||
	    has_prefix(l->s, "your excellency,");
}

static int
is_closing(const struct line *l)
{
	static const char *phrases[] = { "yours sincerely", "sincerely yours",
	    "sincerely", "yours faithfully", "yours truly", "kind regards",
	    "best regards", "with kind regards", "with best regards",
	    "warm regards", "regards", "best wishes", "respectfully" };
	size_t	len = l->len;

	if (len > 0 && (l->s[len - 1] == ',' || l->s[len - 1] == '.'))
		len--;
	for (size_t k = 0; k < sizeof phrases / sizeof *phrases; k++)
		if (len == strlen(phrases[k]) && has_prefix(l->s, phrases[k]))
			return 1;
	return 0;
}

static int
salutation(struct parser *p)
{
	struct line	*l = cur(p);

	if (p->seen_salutation || !is_salutation(l))
		return 0;
	p->seen_salutation = 1;
	p->i++;
	parse_emit(p, BK_SALUTATION, l->no, l->s, l->len, xstrdup("salutation"));
	return 1;
}

static int
closing(struct parser *p)
{
	struct line	*l = cur(p);

	if (p->seen_closing || !is_closing(l))
		return 0;
	p->seen_closing = p->in_sig = 1;
	p->i++;
	parse_emit(p, BK_CLOSING, l->no, l->s, l->len, xstrdup("closing"));
	return 1;
}

static int
is_attn(const struct line *l)
{
	return has_prefix(l->s, "to the attn") ||
	    has_prefix(l->s, "to the attention") ||
	    has_prefix(l->s, "for the attention") || has_prefix(l->s, "attn");
}

static int
is_cc(const struct line *l)
{
	return has_prefix(l->s, "cc:") || has_prefix(l->s, "cc ") ||
	    has_prefix(l->s, "bcc:") || has_prefix(l->s, "copy:");
}

static int
address_like(const struct parser *p, const struct line *l)
{
	return l->len <= SHORT_LINE && !is_salutation(l) && !is_closing(l) &&
	    !starts_block(p, l) && !has_prefix(l->s, "reference:");
}

/* Add one address block's lines to doc->addressees: ", " between lines,
 * "; " between blocks, without a bare "To the attn. of:" label. */
static void
add_addressee(struct parser *p, const char *text)
{
	const char	*s = text, *e, *colon;
	int		 first = 1;

	for (; *s != '\0'; s = *e ? e + 1 : e) {
		e = s + strcspn(s, "\n");
		if (s == text && has_prefix(s, "to the") && (colon =
		    memchr(s, ':', e - s)) != NULL)
			s = colon + 1 + strspn(colon + 1, " ");
		if (s >= e)
			continue;
		if (p->who.len > 0)
			buf_adds(&p->who, first ? "; " : ", ");
		buf_add(&p->who, s, e - s);
		first = 0;
	}
}

static void
address_block(struct parser *p, struct buf *src, int line)
{
	struct block	*b;

	b = parse_emit_buf(p, BK_ADDRESS, line, src,
	    xasprintf("addr-%d", ++p->naddr));
	add_addressee(p, b->text);
}

/* "To the attn. of:" or "Cc:" and the short lines after it, blank lines
 * between allowed: one block per addressee, a "Cc:" line starts one. */
static int
address(struct parser *p)
{
	struct line	*l = cur(p);
	struct buf	 src = { 0 };
	int		 line = l->no, n = 0;

	if (!(is_attn(l) || is_cc(l)) || !address_like(p, l))
		return 0;
	for (; (l = cur(p)) != NULL && n < 16; p->i++) {
		if (l->len == 0)
			continue;
		if (!address_like(p, l))
			break;
		if (is_cc(l) && src.len > 0) {
			address_block(p, &src, line);
			line = l->no;
		}
		parse_add_line(&src, l, 0, '\n');
		n++;
	}
	address_block(p, &src, line);
	return 1;
}

/* The end of the run of non-blank lines from i. */
static size_t
group_end(const struct parser *p, size_t i)
{
	while (i < p->nlines && p->lines[i].len > 0)
		i++;
	return i;
}

static int
sig_group(const struct parser *p, size_t from, size_t to)
{
	static const char *not[] = { "enclos", "annex", "attachment", "p.s",
	    "ps:", "cc:" };

	if (to - from > 8 || from == to)
		return 0;
	for (size_t k = from; k < to; k++) {
		const struct line *l = &p->lines[k];

		if (l->len > 80 || starts_block(p, l))
			return 0;
		for (size_t j = 0; j < sizeof not / sizeof *not; j++)
			if (has_prefix(l->s, not[j]))
				return 0;
	}
	return 1;
}

/* After the closing: each signatory is a name and its role lines.  A
 * lone name line takes the next group as its roles when a gap of several
 * blank lines (room to sign) or a group of several lines follows. */
static int
signature(struct parser *p)
{
	size_t		 from = p->i, to = group_end(p, from), next, end;
	struct buf	 src = { 0 };

	if (!sig_group(p, from, to)) {
		p->in_sig = 0;
		return 0;
	}
	for (next = to; next < p->nlines && p->lines[next].len == 0; next++)
		;
	end = group_end(p, next);
	if (to - from > 1 || !sig_group(p, next, end) ||
	    (next - to < 2 && end - next < 2))
		next = end = to;
	for (size_t k = from; k < end; k++)
		if (k < to || k >= next)
			parse_add_line(&src, &p->lines[k], 0, '\n');
	p->i = end;
	parse_emit_buf(p, BK_SIGNATURE, p->lines[from].no, &src,
	    xasprintf("sig-%d", ++p->nsig));
	return 1;
}

/* An all-caps line on its own: the title, then section headings. */
static int
caps_line(struct parser *p)
{
	struct line	*l = cur(p);
	struct block	*b;
	bool		 upper = 0, cased = 0;

	if (!blank_at(p, p->i + 1) || (p->i > 0 && !blank_at(p, p->i - 1)) ||
	    l->len < 4 || l->len > 300)
		return 0;
	if (u8_is_cased((const uint8_t *)l->s, l->len, NULL, &cased) != 0 ||
	    !cased ||
	    u8_is_uppercase((const uint8_t *)l->s, l->len, NULL, &upper) != 0 ||
	    !upper)
		return 0;
	p->i++;
	if (p->seen_title)
		return heading_text(p, l, 0, 1);
	p->seen_title = 1;
	b = parse_emit(p, BK_TITLE, l->no, l->s, l->len, xstrdup("title"));
	if (p->doc->title == NULL)
		parse_set_field(&p->doc->title, b->text);
	return 1;
}

static int
page_number(struct parser *p)
{
	if (!is_page_number(cur(p)) || !blank_at(p, p->i + 1) ||
	    (p->i > 0 && !blank_at(p, p->i - 1)))
		return 0;
	p->i++;
	return 1;
}

/* After a blank line in a paragraph: "...the\n\n3\n\nrest" is one
 * paragraph broken by a page number.  Skips to "rest" if so. */
static int
page_break(struct parser *p, const struct buf *src)
{
	size_t	j = p->i, k;
	char	last = src->len > 0 ? src->data[src->len - 1] : '.';

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

static void
paragraph(struct parser *p)
{
	struct line	*l = cur(p), *n;
	struct buf	 src = { 0 };
	int		 line = l->no;

	parse_add_line(&src, l, 0, ' ');
	for (p->i++; (n = cur(p)) != NULL; p->i++) {
		if (n->len == 0 && !page_break(p, &src))
			break;
		if (starts_block(p, cur(p)))
			break;
		parse_add_line(&src, cur(p), 0, ' ');
	}
	parse_emit_buf(p, BK_PARAGRAPH, line, &src,
	    xasprintf("p-%d", ++p->npara));
}

void
parse_block(struct parser *p)
{
	struct line	*l = cur(p);

	if (l->len == 0 || is_rule(l, 0)) {
		p->i++;
		return;
	}
	if (footnote(p) || (p->in_sig && signature(p)) || heading(p) ||
	    page_number(p) || bullet(p) || reference(p) || address(p) ||
	    salutation(p) || closing(p) || caps_line(p))
		return;
	paragraph(p);
}

/* --- before the first block ---------------------------------------- */

static void
add_note(struct parser *p, long n)
{
	if ((p->nnotes & (p->nnotes - 1)) == 0)	/* 0, 1, 2, 4, ... */
		p->notes = xreallocarray(p->notes, p->nnotes ? p->nnotes * 2 : 1,
		    sizeof *p->notes);
	p->notes[p->nnotes++] = n;
}

static int
long_cmp(const void *va, const void *vb)
{
	long	a = *(const long *)va, b = *(const long *)vb;

	return a < b ? -1 : a > b;
}

/* Which footnote markers this document uses: superscripts and "[n]"
 * count as markers only when matching definitions exist. */
void
parse_prescan(struct parser *p)
{
	size_t	rest;
	long	n;
	int	notes = 0, level;

	for (size_t k = p->i; k < p->nlines; k++) {
		struct line *l = &p->lines[k];

		if (l->len == 0)
			continue;
		if ((level = atx_heading(l, &rest)) > 0)
			notes = is_notes_title(l->s + rest, l->len - rest);
		else if (is_notes_title(l->s, l->len))
			notes = 1;
		if (sup_def(l, &rest) >= 0)
			p->ictx.sup_markers = 1;
		else if ((n = bracket_def(l, &rest)) >= 0 && l->s[1] != '^')
			add_note(p, n);
		else if (notes && (n = numbered(l, &rest)) >= 0)
			add_note(p, n);
	}
	if (p->nnotes > 1)
		qsort(p->notes, p->nnotes, sizeof *p->notes, long_cmp);
	p->ictx.bracket_notes = p->notes;
	p->ictx.nbracket_notes = p->nnotes;
}

