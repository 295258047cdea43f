/* parse-letter.c: the letter's own parts in the text reader: reference,
 * subject, date, letterhead, address blocks, salutation, closing and
 * signatures.  Which words make them is lang.conf's business (lang.h),
 * in every language it lists; here is only where they sit: a salutation
 * stands alone, a letterhead is a group of lines holding a phone or an
 * e-mail, signatures follow the closing.  Each recogniser consumes its
 * lines, emits its block and returns 1, or returns 0. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "parse-int.h"

static int
is_cc(const struct line *l)
{
	return has_prefix(l->s, "cc:") || has_prefix(l->s, "cc ") ||
	    has_prefix(l->s, "bcc:") || has_prefix(l->s, "copy:");
}

int
parse_is_letter_line(const struct line *l)
{
	char	iso[11];

	return lang_salutation(l->s) || lang_closing(l->s) ||
	    lang_reference(l->s) > 0 || lang_subject(l->s) > 0 ||
	    lang_contact(l->s) || lang_date_line(l->s, iso);
}

/* "Reference: X", "AI Index: X", "Č. j.: X": doc->reference is X with
 * its markup removed. */
static int
reference(struct parser *p)
{
	struct line	*l = cur(p);
	struct block	*b;
	size_t		 at;

	if (l->len > 200 || lang_reference(l->s) == 0)
		return 0;
	p->i++;
	b = parse_emit(p, BK_REFERENCE, l->no, l->s, l->len, NULL);
	if (p->doc->reference == NULL && (at = lang_reference(b->text)) > 0)
		parse_set_field(&p->doc->reference, b->text + at);
	return 1;
}

/* "Subject: ...", "Objet : ...", "Věc: ...": the title, unless front
 * matter gave one. */
static int
subject(struct parser *p)
{
	struct line	*l = cur(p), *n;
	struct buf	 src = { 0 };
	struct block	*b;
	size_t		 at;
	int		 more = 0;

	if (p->seen_subject || l->len > 400 || lang_subject(l->s) == 0)
		return 0;
	p->seen_subject = 1;
	parse_add_line(&src, l, 0, ' ');
	for (p->i++; (n = cur(p)) != NULL && n->len > 0 && more < 2 &&
	    !parse_starts_block(p, n) && !parse_is_letter_line(n); p->i++) {
		parse_add_line(&src, n, 0, ' ');
		more++;
	}
	b = parse_emit_buf(p, BK_TITLE, l->no, &src, xstrdup("subject"));
	if ((at = lang_subject(b->text)) > 0)
		parse_set_field(&p->subject, b->text + at);
	return 1;
}

/* A line holding only a date (and its place): the document's date. */
static int
date(struct parser *p)
{
	struct line	*l = cur(p);
	char		 iso[11];

	if (!lang_date_line(l->s, iso))
		return 0;
	p->i++;
	parse_emit(p, BK_PARAGRAPH, l->no, l->s, l->len, NULL);
	if (p->doc->date == NULL)
		parse_set_field(&p->doc->date, iso);
	return 1;
}

static int
salutation(struct parser *p)
{
	struct line	*l = cur(p);

	if (p->seen_salutation || !lang_salutation(l->s) ||
	    (!blank_at(p, p->i + 1) && l->len > 80))
		return 0;
	p->seen_salutation = 1;
	p->i++;
	parse_emit(p, BK_SALUTATION, l->no, l->s, l->len, NULL);
	return 1;
}

static int
closing(struct parser *p)
{
	struct line	*l = cur(p);

	if (p->seen_closing || !lang_closing(l->s))
		return 0;
	p->seen_closing = p->in_sig = 1;
	p->i++;
	parse_emit(p, BK_CLOSING, l->no, l->s, l->len, NULL);
	return 1;
}

static int
address_like(const struct parser *p, const struct line *l)
{
	return l->len <= SHORT_LINE && !lang_salutation(l->s) &&
	    !lang_closing(l->s) && !parse_starts_block(p, l) &&
	    lang_reference(l->s) == 0 && lang_subject(l->s) == 0;
}

static int
label_line(const char *s, const char *e)
{
	char	*first = xstrndup(s, (size_t)(e - s));
	int	 yes = lang_address(first);

	free(first);
	return yes;
}

/* Add one address block's lines to the addressees: ", " between lines,
 * "; " between blocks, without a bare "To the attn. of:" label. */
static void
add_addressee(struct parser *p, const char *text)
{
	const char	*s = text, *e, *colon;
	int		 first = 1;

	for (; *s != '\0'; s = *e ? e + 1 : e) {
		e = s + strcspn(s, "\n");
		/* "To the attn. of: X" is X; "À l'attention de" alone, nothing */
		if (s == text && label_line(s, e))
			s = (colon = memchr(s, ':', e - s)) != NULL ?
			    colon + 1 + strspn(colon + 1, " ") :
			    e - s <= 40 ? e : s;
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

	b = parse_emit_buf(p, BK_ADDRESS, line, src, NULL);
	add_addressee(p, b->text);
}

/* "To the attn. of:", "À l'attention de" or "Cc:" and the short lines
 * after it, blank lines between allowed: one block per addressee, a
 * "Cc:" line starts one. */
static int
address(struct parser *p)
{
	struct line	*l = cur(p);
	struct buf	 src = { 0 };
	int		 line = l->no, n = 0;

	if (!(lang_address(l->s) || is_cc(l)) || !address_like(p, l))
		return 0;
	for (; (l = cur(p)) != NULL && n < 16; p->i++) {
		if (l->len == 0)
			continue;
		if (!address_like(p, l) || lang_date_line(l->s, (char[11]){0}))
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

/* A group of short lines holding a phone, fax, e-mail or web address:
 * the letterhead (or a sender's block), never a heading or a title. */
static int
letterhead(struct parser *p)
{
	size_t		 from = p->i, to = from;
	struct buf	 src = { 0 };
	int		 contact = 0;

	if (from > 0 && !blank_at(p, from - 1))
		return 0;
	/* At most nine lines looked at: a long list stays linear. */
	while (to < p->nlines && p->lines[to].len > 0 && to - from <= 8)
		to++;
	if (to - from > 8)
		return 0;
	for (size_t k = from; k < to; k++) {
		const struct line *l = &p->lines[k];

		if (l->len > SHORT_LINE || parse_starts_block(p, l) ||
		    lang_salutation(l->s) || lang_subject(l->s) > 0)
			return 0;
		contact |= lang_contact(l->s);
	}
	if (!contact)
		return 0;
	for (size_t k = from; k < to; k++)
		parse_add_line(&src, &p->lines[k], 0, '\n');
	p->i = to;
	parse_emit_buf(p, BK_ADDRESS, p->lines[from].no, &src, NULL);
	return 1;
}

/* A salutation line within the next lines from i (a letter's top). */
static int
salutation_ahead(const struct parser *p, size_t i)
{
	for (size_t k = i; k < p->nlines && k < i + 40; k++)
		if (p->lines[k].len > 0 && p->lines[k].len <= 200 &&
		    lang_salutation(p->lines[k].s))
			return 1;
	return 0;
}

/* Before the salutation, a group of two to eight short lines, none a
 * sentence nor another part of the letter: the addressee's name and
 * address, written without an "attention of" line. */
static int
plain_address(struct parser *p)
{
	size_t		 from = p->i, to = from;
	struct buf	 src = { 0 };
	char		 iso[11];

	if (p->seen_salutation || (from > 0 && !blank_at(p, from - 1)))
		return 0;
	while (to < p->nlines && p->lines[to].len > 0 && to - from <= 8)
		to++;
	if (to - from < 2 || to - from > 8)
		return 0;
	for (size_t k = from; k < to; k++) {
		const struct line *l = &p->lines[k];

		if (l->len > 80 || strchr(".;:,", l->s[l->len - 1]) != NULL ||
		    !address_like(p, l) || lang_date_line(l->s, iso) ||
		    lang_contact(l->s))
			return 0;
	}
	if (!salutation_ahead(p, to))
		return 0;
	for (size_t k = from; k < to; k++)
		parse_add_line(&src, &p->lines[k], 0, '\n');
	p->i = to;
	address_block(p, &src, p->lines[from].no);
	return 1;
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

		if (l->len > 80 || parse_starts_block(p, l))
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
int
parse_signature(struct parser *p)
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
	parse_emit_buf(p, BK_SIGNATURE, p->lines[from].no, &src, NULL);
	return 1;
}

int
parse_letter_part(struct parser *p)
{
	return reference(p) || subject(p) || address(p) || letterhead(p) ||
	    salutation(p) || closing(p) || date(p) || plain_address(p);
}
