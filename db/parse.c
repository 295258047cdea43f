/* parse.c: the importer's reader, source bytes to a struct doc (model.h).
 *
 * Bytes are checked (empty, NUL, UTF-8), sanitised (sanitize.h) and put in
 * NFC, then split into lines (struct line, parse-int.h), which point into
 * one buffer.  Front matter is read here; the blocks are recognised in
 * parse-block.c, and each block's text and spans come from inline_parse
 * (parse-inline.c).  Footnote citations and definitions are collected as
 * they pass and compared at the end, where the document's defaults (kind,
 * title, slug) are filled in too. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <uninorm.h>
#include <unistr.h>

#include "front-matter.h"
#include "lang.h"
#include "parse.h"
#include "parse-int.h"
#include "sanitize.h"
#include "xmalloc.h"

/* --- helpers ------------------------------------------------------- */

void
parse_fn_add(struct fnotes *f, long n, int line, int seq)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->v = xreallocarray(f->v, f->cap, sizeof *f->v);
	}
	f->v[f->n].n = n;
	f->v[f->n].line = line;
	f->v[f->n++].seq = seq;
}

static void
on_cite(void *arg, long n, int line)
{
	struct parser	*p = arg;

	parse_fn_add(&p->cites, n, line, -1);
}

/* --- blocks -------------------------------------------------------- */

struct block *
parse_emit(struct parser *p, enum block_kind kind, int line, const char *src,
    size_t len, char *anchor)
{
	struct doc	*doc = p->doc;
	struct block	*b;

	if (doc->nblocks == p->bcap) {
		p->bcap = p->bcap ? p->bcap * 2 : 32;
		doc->blocks = xreallocarray(doc->blocks, p->bcap,
		    sizeof *doc->blocks);
	}
	b = &doc->blocks[doc->nblocks];
	memset(b, 0, sizeof *b);
	b->seq = doc->nblocks++;
	b->kind = kind;
	b->parent = -1;
	b->line = line;
	b->anchor = anchor;
	inline_parse(&p->ictx, src, len, line, b);
	if (kind != BK_ITEM)
		p->nlist = 0;
	return b;
}

/* Append line l's text to src, after sep if src is not empty. */
void
parse_add_line(struct buf *src, const struct line *l, size_t from, char sep)
{
	if (src->len > 0)
		buf_addc(src, sep);
	buf_add(src, l->s + from, l->len - from);
}

struct block *
parse_emit_buf(struct parser *p, enum block_kind kind, int line,
    struct buf *src, char *anchor)
{
	struct block	*b;

	b = parse_emit(p, kind, line, src->data ? src->data : "", src->len, anchor);
	buf_free(src);
	return b;
}

/* --- front matter -------------------------------------------------- */

void
parse_set_field(char **field, const char *v)
{
	free(*field);
	*field = xstrdup(v);
}

static void
front_line(struct parser *p, struct line *l)
{
	front_matter_line(p->file, l->no, l->s, p->doc, p->d);
}

/* "---" on line 1, "key: value" lines, "---": consumed if closed. */
static void
front_matter(struct parser *p)
{
	size_t	end;

	if (p->nlines == 0 || p->lines[0].indent != 0 ||
	    strcmp(p->lines[0].s, "---") != 0)
		return;
	for (end = 1; end < p->nlines; end++)
		if (p->lines[end].indent == 0 &&
		    (strcmp(p->lines[end].s, "---") == 0 ||
		    strcmp(p->lines[end].s, "...") == 0))
			break;
	if (end == p->nlines) {
		diag_warn(p->d, p->file, 1, 0, "front matter is never closed");
		return;
	}
	for (size_t k = 1; k < end; k++)
		front_line(p, &p->lines[k]);
	p->i = end + 1;
}

/* --- the whole document -------------------------------------------- */

static int
fn_cmp(const void *va, const void *vb)
{
	const struct fnote	*a = va, *b = vb;

	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return a->line - b->line;
}

static void
fn_duplicates(struct parser *p, size_t from, size_t to)
{
	for (size_t j = from + 1; j < to; j++) {
		struct fnote	*f = &p->defs.v[j];
		struct block	*b = &p->doc->blocks[f->seq];

		diag_warn(p->d, p->file, f->line, 0,
		    "footnote %ld is defined more than once", f->n);
		free(b->anchor);
		b->anchor = xasprintf("fn-%ld-%zu", f->n, j - from + 1);
	}
}

/* Citations and definitions, both sorted by number, side by side. */
static void
check_footnotes(struct parser *p)
{
	struct fnote	*c = p->cites.v, *d = p->defs.v;
	size_t		 nc = p->cites.n, nd = p->defs.n, i = 0, k = 0;

	if (nc > 1)
		qsort(c, nc, sizeof *c, fn_cmp);
	if (nd > 1)
		qsort(d, nd, sizeof *d, fn_cmp);
	while (i < nc || k < nd) {
		long	n = k >= nd || (i < nc && c[i].n < d[k].n) ?
		    c[i].n : d[k].n;
		size_t	i0 = i, k0 = k;

		while (i < nc && c[i].n == n)
			i++;
		while (k < nd && d[k].n == n)
			k++;
		if (k == k0)
			diag_warn(p->d, p->file, c[i0].line, 0,
			    "footnote %ld is cited but never defined", n);
		else if (i == i0)
			diag_warn(p->d, p->file, d[k0].line, 0,
			    "footnote %ld is defined but never cited", n);
		fn_duplicates(p, k0, k);
	}
}

/* ASCII case-insensitive substring test. */
static int
contains(const char *s, const char *needle)
{
	for (; *s != '\0'; s++)
		if (has_prefix(s, needle))
			return 1;
	return 0;
}

static int
mentions_annex(const struct doc *doc)
{
	for (size_t k = 0; k < doc->nblocks; k++) {
		const char *t = doc->blocks[k].text;

		if (doc->blocks[k].kind != BK_FOOTNOTE &&
		    contains(t, "annex") &&
		    (contains(t, "enclose") || contains(t, "attached")))
			return 1;
	}
	return 0;
}

/* A paragraph that could be a title line: short (in characters, so a
 * Czech title is as long as an English one), not a sentence, not a
 * date, a contact line or an address. */
static int
title_like(const struct block *b)
{
	const char	*t = b->text;
	size_t		 len = strlen(t), chars;
	char		 iso[11];

	if (b->kind != BK_PARAGRAPH || len == 0 || strchr(t, '\n') != NULL)
		return 0;
	chars = u8_mbsnlen((const uint8_t *)t, len);
	return chars <= TITLE_CHARS && strchr(".:;,", t[len - 1]) == NULL &&
	    !lang_date_line(t, iso) && !lang_contact(t) && !lang_address(t);
}

/* No title from front matter: a "Subject:" line, the all-caps title,
 * an unnumbered heading opening the document, a short first line
 * standing alone, the first heading (not the endnotes' "Notes"), else
 * the slug. */
static char *
guess_title(struct parser *p)
{
	const struct doc	*doc = p->doc;

	if (p->subject != NULL)
		return xstrdup(p->subject);
	if (p->caps_title != NULL)
		return xstrdup(p->caps_title);
	for (size_t k = 0; k < doc->nblocks; k++) {
		const struct block *b = &doc->blocks[k];

		if (b->kind == BK_HEADING && b->number == NULL &&
		    !lang_notes_heading(b->text))
			return xstrdup(b->text);	/* the main heading */
		if (b->kind == BK_HEADING || b->kind == BK_PARAGRAPH ||
		    b->kind == BK_ITEM || b->kind == BK_FOOTNOTE)
			break;
	}
	for (size_t k = 0; k < doc->nblocks; k++) {
		const struct block *b = &doc->blocks[k];
		char iso[11];

		if (b->kind == BK_ADDRESS || b->kind == BK_REFERENCE ||
		    (b->kind == BK_PARAGRAPH && lang_date_line(b->text, iso)))
			continue;
		if (title_like(b))
			return xstrdup(b->text);
		if (b->kind == BK_PARAGRAPH || b->kind == BK_HEADING)
			break;
	}
	for (size_t k = 0; k < doc->nblocks; k++)
		if (doc->blocks[k].kind == BK_HEADING &&
		    !lang_notes_heading(doc->blocks[k].text))
			return xstrdup(doc->blocks[k].text);
	return xstrdup(doc->slug);
}

static void
finish_doc(struct parser *p)
{
	struct doc	*doc = p->doc;

	doc->source = xstrdup(p->file);
	if (doc->slug == NULL)
		doc->slug = parse_slug_from_path(p->file);
	if (doc->kind == NULL)
		doc->kind = xstrdup(p->seen_salutation ? "letter" : "briefing");
	if (doc->title == NULL)
		doc->title = guess_title(p);
	if (p->who.len > 0)
		doc->addressees = buf_steal(&p->who);
	doc->mentions_annex = strcmp(doc->kind, "annex") != 0 &&
	    mentions_annex(doc);
}

/* Text into lines, in place: each ends in NUL, indent and trailing blanks
 * cut off. */
static void
split_lines(struct parser *p, char *text, size_t len)
{
	char	*s = text, *end = text + len, *nl;
	size_t	 n = 1;

	for (const char *q = text; (q = memchr(q, '\n', end - q)); q++)
		n++;
	p->lines = xreallocarray(NULL, n, sizeof *p->lines);
	for (n = 0;; n++, s = nl + 1) {
		struct line	*l = &p->lines[n];
		char		*e;

		nl = memchr(s, '\n', end - s);
		e = nl != NULL ? nl : end;
		*e = '\0';
		l->no = n + 1;
		l->indent = strspn(s, " ");
		l->s = s + l->indent;
		l->len = e - l->s;
		while (l->len > 0 && l->s[l->len - 1] == ' ')
			l->len--;
		l->s[l->len] = '\0';
		if (nl == NULL)
			break;
	}
	p->nlines = n + 1;
}

/* --- input checks -------------------------------------------------- */

static int
only_blanks(const char *s, size_t len)
{
	for (size_t k = 0; k < len; k++)
		if (s[k] == '\0' || strchr(" \t\r\n\f\v", s[k]) == NULL)
			return 0;
	return 1;
}

/* Line and column (in characters, 1-based) of byte pos. */
static void
locate(const char *buf, size_t pos, int *line, int *col)
{
	size_t	start = 0;

	*line = 1;
	for (size_t k = 0; k < pos; k++)
		if (buf[k] == '\n') {
			(*line)++;
			start = k + 1;
		}
	*col = 1 + (int)u8_mbsnlen((const uint8_t *)buf + start, pos - start);
}

static int
check_bytes(const char *file, const char *buf, size_t len, unsigned flags,
    struct diag *d)
{
	const char	*nul;
	const uint8_t	*bad;
	int		 line, col;

	if (only_blanks(buf, len)) {
		diag_error(d, file, 0, 0, "empty file");
		return -1;
	}
	if ((nul = memchr(buf, '\0', len)) != NULL) {
		locate(buf, nul - buf, &line, &col);
		diag_error(d, file, line, col, "NUL byte (binary file?)");
		return -1;
	}
	if ((bad = u8_check((const uint8_t *)buf, len)) == NULL)
		return 0;
	locate(buf, (const char *)bad - buf, &line, &col);
	if (!(flags & PARSE_LENIENT)) {
		diag_error(d, file, line, col, "invalid UTF-8");
		return -1;
	}
	diag_warn(d, file, line, col, "invalid UTF-8 replaced with U+FFFD");
	return 0;
}

/* CRLF and a lone CR (old Mac files) as LF: sanitize_text would drop
 * the CR and glue the lines' words together. */
static char *
cr_to_lf(const char *buf, size_t *len)
{
	char	*out = xmalloc(*len + 1);
	size_t	 n = 0;

	for (size_t k = 0; k < *len; k++) {
		if (buf[k] == '\r' && k + 1 < *len && buf[k + 1] == '\n')
			continue;
		out[n++] = buf[k] == '\r' ? '\n' : buf[k];
	}
	*len = n;
	return out;
}

/* Tabs in a line's indent, or right after a short first token (a word
 * processor's "o<TAB>text" bullet, "1.<TAB>text"), as spaces to the next
 * multiple of four columns, so indents keep their shape; a tab further
 * on separates words and is one space, as sanitize_text makes it. */
static char *
expand_tabs(const char *buf, size_t *len)
{
	struct buf	out = { 0 };
	size_t		col = 0, tok = 0;	/* chars of the first token */
	int		lead = 1, spaced = 0;

	for (size_t k = 0; k < *len; k++) {
		if (buf[k] == '\t' && (lead || (!spaced && tok <= 3))) {
			do
				buf_addc(&out, ' ');
			while (++col % 4 != 0);
			spaced = !lead;
			continue;
		}
		if (buf[k] == '\t') {
			buf_addc(&out, ' ');
			col++;
			continue;
		}
		buf_addc(&out, buf[k]);
		if (buf[k] == '\n') {
			col = tok = 0;
			lead = 1;
			spaced = 0;
			continue;
		}
		if (((unsigned char)buf[k] & 0xc0) == 0x80)
			continue;
		col++;
		if (buf[k] == ' ')
			spaced = !lead;
		else {
			lead = 0;
			tok += !spaced;
		}
	}
	*len = out.len;
	return buf_steal(&out);
}

/* Does a line hold a character at or above U+0300 (UTF-8 lead byte
 * 0xCC or more)?  Below it every character is a starter that composes
 * with nothing before it, so such a line is in NFC already. */
static int
needs_nfc(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0xcc)
			return 1;
	return 0;
}

/* s in NFC, line by line: a newline never combines, so each line
 * normalises alone, and only the few lines that could change go
 * through u8_normalize (which cost half the parse when given every
 * document whole).  A new string, or NULL. */
static char *
nfc_lines(const char *s, size_t len, size_t *outlen)
{
	struct buf	 out = { 0 };
	size_t		 i = 0, end, n;
	const char	*nl;
	uint8_t		*nfc;

	out.data = xmalloc(len + 1);
	out.cap = len + 1;
	while (i < len) {
		nl = memchr(s + i, '\n', len - i);
		end = nl != NULL ? (size_t)(nl - s) + 1 : len;
		if (!needs_nfc(s + i, end - i)) {
			buf_add(&out, s + i, end - i);
		} else {
			n = 0;
			nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s + i,
			    end - i, NULL, &n);
			if (nfc == NULL) {
				buf_free(&out);
				return NULL;
			}
			buf_add(&out, nfc, n);
			free(nfc);
		}
		i = end;
	}
	*outlen = out.len;
	return buf_steal(&out);
}

/* Sanitised (sanitize_text turns bad UTF-8 into U+FFFD) and in NFC. */
static char *
clean_text(const char *buf, size_t len, size_t *outlen)
{
	char	*san;
	uint8_t	*nfc;
	size_t	 n = 0;

	char	*lf = NULL;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if (memchr(buf, '\r', len) != NULL)
		buf = lf = cr_to_lf(buf, &len);
	if (memchr(buf, '\t', len) != NULL) {
		char *t = expand_tabs(buf, &len);

		free(lf);
		buf = lf = t;
	}
	san = sanitize_text(buf, len, SAN_KEEP_NEWLINE);
	free(lf);
	if (*san == '\0') {
		*outlen = 0;
		return san;
	}
	nfc = (uint8_t *)nfc_lines(san, strlen(san), &n);
	free(san);
	if (nfc == NULL)
		return NULL;
	*outlen = n;
	return (char *)nfc;
}

static void
parse_lines(struct parser *p)
{
	front_matter(p);
	parse_prescan(p);
	while (p->i < p->nlines)
		parse_block(p);
	check_footnotes(p);
	finish_doc(p);
}

int
parse_text(const char *file, const char *buf, size_t len,
    unsigned flags, struct doc *out, struct diag *d)
{
	struct parser	 p = { 0 };
	char		*text = NULL;
	size_t		 tlen;
	int		 rc = -1;

	if (file == NULL)
		file = "<input>";
	if (check_bytes(file, buf, len, flags, d) < 0)
		goto out;
	if ((text = clean_text(buf, len, &tlen)) == NULL) {
		diag_error(d, file, 0, 0, "cannot normalise the text");
		goto out;
	}
	if (only_blanks(text, tlen)) {
		diag_error(d, file, 0, 0, "empty file");
		goto out;
	}
	lang_load(d);
	p.file = file;
	p.d = d;
	p.doc = out;
	p.ictx.file = file;
	p.ictx.diag = d;
	p.ictx.cite = on_cite;
	p.ictx.arg = &p;
	split_lines(&p, text, tlen);
	parse_lines(&p);
	rc = 0;
out:
	if (rc < 0)
		doc_clear(out);
	free(p.lines);
	free(p.cites.v);
	free(p.defs.v);
	free(p.notes);
	free(p.glued);
	free(p.subject);
	free(p.caps_title);
	buf_free(&p.who);
	free(text);
	return rc;
}
