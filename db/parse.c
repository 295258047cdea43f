/* parse.c: the importer's reader, source bytes to a struct doc (model.h).
 *
 * Bytes are checked (empty, NUL, UTF-8), sanitised (sanitize.h) and put in
 * NFC, in pieces of whole lines, then split into lines (struct line,
 * parse-int.h), which point into the pieces; a piece is freed once the
 * parser is past it.  The file's bytes, when given over or mapped, and
 * a long paragraph's text in its piece leave memory (file_drop_pages,
 * file_passed) as they are passed, so a long line is held about once;
 * with PARSE_SPILL the finished blocks' texts go to a spill file
 * (spill.h) as the parser goes, so they are not held beside the text,
 * and a long text's pieces go to a file of their own as they are
 * cleaned, read through a mapping whose pages are given back behind
 * every pass (file_pieces, text_map), so the text is not held whole.
 * Front matter is read here; the blocks are recognised in
 * parse-block.c, and each block's text and spans come from inline_parse
 * (parse-inline.c).  Footnote citations and definitions are collected
 * as they pass and compared at the end, where the document's defaults
 * (kind, title, slug) are filled in too. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <uninorm.h>
#include <unistr.h>

#include "file.h"
#include "front-matter.h"
#include "lang.h"
#include "parse.h"
#include "parse-int.h"
#include "sanitize.h"
#include "spill.h"
#include "store.h"
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
	/* A long paragraph's, item's or note's text goes to the spill file
	 * as it is made (nothing reads those texts back while parsing but
	 * through block_text); the others are short, and read here. */
	p->ictx.spill = p->spill && p->spill_err == 0 &&
	    (kind == BK_PARAGRAPH || kind == BK_ITEM || kind == BK_BULLET ||
	    kind == BK_FOOTNOTE) ? &doc->spill : NULL;
	inline_parse(&p->ictx, src, len, line, b);
	/* A write that failed: the spill stays, what went there is read
	 * back from it (its buffer, or the file), and it tells the import
	 * not to try (and warn) again (import.c, spill_parts). */
	if (p->ictx.spill != NULL && spill_write_failed(doc->spill))
		p->spill_err = spill_write_failed(doc->spill);
	p->ictx.spill = NULL;
	p->held += b->text != NULL ? strlen(b->text) : 0;
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
	/* Never closed, it is looked for to the end: a long text's pages
	 * go behind (parse_passed). */
	p->pass = 0;
	for (end = 1; end < p->nlines; end++) {
		parse_passed(p, end);
		if (p->lines[end].indent == 0 &&
		    (strcmp(p->lines[end].s, "---") == 0 ||
		    strcmp(p->lines[end].s, "...") == 0))
			break;
	}
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

/* contains() on a block's text; a long one in the spill file
 * (parse-inline.c) is read a window at a time, each overlapping the
 * next by the needle's length, not whole. */
#define FIND_WINDOW	(64u << 10)
static int
text_contains(const struct doc *doc, const struct block *b,
    const char *needle)
{
	size_t	len = b->spill_len, over = strlen(needle) - 1, w;

	if (b->text != NULL || len <= FIND_WINDOW)
		return contains(block_text(doc, b), needle);
	for (size_t a = 0; a < len; a += FIND_WINDOW) {
		w = len - a < FIND_WINDOW + over ? len - a : FIND_WINDOW + over;
		if (contains(spill_get(doc->spill, b->spill_off + a, w),
		    needle))
			return 1;
	}
	return 0;
}

static int
mentions_annex(const struct doc *doc)
{
	for (size_t k = 0; k < doc->nblocks; k++) {
		const struct block *b = &doc->blocks[k];

		if (b->kind == BK_FOOTNOTE)
			continue;
		if (text_contains(doc, b, "annex") &&
		    (text_contains(doc, b, "enclose") ||
		    text_contains(doc, b, "attached")))
			return 1;
	}
	return 0;
}

/* A text that cannot be a title or a date line (over TITLE_CHARS
 * characters, so over four times as many bytes), told without reading
 * it: a long one may be in the spill file. */
static int
too_long(const struct block *b)
{
	return block_text_len(b) > 4 * TITLE_CHARS;
}

/* A paragraph that could be a title line: short (in characters, so a
 * Czech title is as long as an English one), not a sentence, not a
 * date, a contact line or an address. */
static int
title_like(const struct doc *doc, const struct block *b)
{
	const char	*t;
	size_t		 len, chars;
	char		 iso[11];

	if (b->kind != BK_PARAGRAPH || too_long(b))
		return 0;
	t = block_text(doc, b);
	len = strlen(t);
	if (len == 0 || strchr(t, '\n') != NULL)
		return 0;
	chars = u8_mbsnlen((const uint8_t *)t, len);
	return chars <= TITLE_CHARS && strchr(".:;,", t[len - 1]) == NULL &&
	    !lang_date_line(t, iso) && !lang_contact(t) && !lang_address(t);
}

/* No title from front matter: a "Subject:" line, the all-caps title,
 * an unnumbered heading opening the document, a short first line
 * standing alone, the first heading (not the endnotes' "Notes"), else
 * the slug.  Texts through block_text (each read is used before the
 * next). */
static char *
guess_title(struct parser *p)
{
	const struct doc	*doc = p->doc;
	const char		*t;

	if (p->subject != NULL)
		return xstrdup(p->subject);
	if (p->caps_title != NULL)
		return xstrdup(p->caps_title);
	for (size_t k = 0; k < doc->nblocks; k++) {
		const struct block *b = &doc->blocks[k];

		if (b->kind == BK_HEADING && b->number == NULL &&
		    !lang_notes_heading(t = block_text(doc, b)))
			return xstrdup(t);	/* the main heading */
		if (b->kind == BK_HEADING || b->kind == BK_PARAGRAPH ||
		    b->kind == BK_ITEM || b->kind == BK_FOOTNOTE)
			break;
	}
	for (size_t k = 0; k < doc->nblocks; k++) {
		const struct block *b = &doc->blocks[k];
		char iso[11];

		if (b->kind == BK_ADDRESS || b->kind == BK_REFERENCE ||
		    (b->kind == BK_PARAGRAPH && !too_long(b) &&
		    lang_date_line(block_text(doc, b), iso)))
			continue;
		if (title_like(doc, b))
			return xstrdup(block_text(doc, b));
		if (b->kind == BK_PARAGRAPH || b->kind == BK_HEADING)
			break;
	}
	for (size_t k = 0; k < doc->nblocks; k++)
		if (doc->blocks[k].kind == BK_HEADING &&
		    !lang_notes_heading(t = block_text(doc, &doc->blocks[k])))
			return xstrdup(t);
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

/* How many lines a piece of text holds: a piece but the last ends in a
 * newline, which ends its last line. */
static size_t
count_lines(const char *text, size_t len, int last)
{
	const char	*end = text + len;
	size_t		 n = 0;

	for (const char *q = text; (q = memchr(q, '\n', end - q)); q++)
		n++;
	if (last || len == 0 || text[len - 1] != '\n')
		n++;
	return n;
}

/* The next newline from s on, or NULL; in a filed piece (filed) a
 * megabyte at a time, each step's pages given back: a long line is not
 * held to be split. */
#define SPLIT_STEP	(1u << 20)
static char *
next_newline(char *s, char *end, int filed)
{
	char	*nl;

	if (!filed)
		return memchr(s, '\n', end - s);
	for (size_t n; s < end; s += n) {
		n = (size_t)(end - s) < SPLIT_STEP ? (size_t)(end - s) :
		    SPLIT_STEP;
		if ((nl = memchr(s, '\n', n)) != NULL)
			return nl;
		file_drop_pages(s, n);
	}
	return NULL;
}

/* A piece of text into lines, in place, after those of the pieces
 * before it (p->lines has room for them all): each ends in NUL, indent
 * and trailing blanks cut off.  A filed piece's lines were counted as
 * it was cleaned (n), so it is read once. */
static void
split_lines(struct parser *p, char *text, size_t len, int last, int filed)
{
	char	*s = text, *end = text + len, *nl;
	size_t	 n = filed ? (size_t)-1 : count_lines(text, len, last);
	size_t	 base = p->nlines, k;

	for (k = 0; k < n; k++, s = nl + 1) {
		struct line	*l = &p->lines[base + k];
		char		*e;

		nl = next_newline(s, end, filed);
		/* A piece but the last ends in a newline, its last line's. */
		if (filed && nl == NULL && s == end && !last && k > 0)
			break;
		e = nl != NULL ? nl : end;
		*e = '\0';
		l->no = base + k + 1;
		l->indent = strspn(s, " ");
		l->s = s + l->indent;
		l->len = e - l->s;
		while (l->len > 0 && l->s[l->len - 1] == ' ')
			l->len--;
		l->s[l->len] = '\0';
		if (nl == NULL) {
			k++;
			break;
		}
	}
	p->nlines = base + k;
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
	if ((nul = file_memchr(buf, '\0', len)) != NULL) {
		diag_locate(buf, nul - buf, &line, &col);
		diag_error(d, file, line, col, "NUL byte (binary file?)");
		return -1;
	}
	if ((bad = (const uint8_t *)file_u8_check(buf, len)) == NULL)
		return 0;
	diag_locate(buf, (const char *)bad - buf, &line, &col);
	if (!(flags & PARSE_LENIENT)) {
		diag_error(d, file, line, col, "invalid UTF-8");
		return -1;
	}
	diag_warn(d, file, line, col, "invalid UTF-8 replaced with U+FFFD");
	return 0;
}

/* CRLF and a lone CR (old Mac files) as LF: sanitize_text would drop
 * the CR and glue the lines' words together. */
static void
cr_to_lf(const char *buf, size_t len, struct buf *out)
{
	for (size_t k = 0; k < len; k++) {
		if (buf[k] == '\r' && k + 1 < len && buf[k + 1] == '\n')
			continue;
		buf_addc(out, buf[k] == '\r' ? '\n' : buf[k]);
	}
}

/* Where expand_tabs is in the text, kept from one piece to the next. */
struct tabs {
	size_t	col, tok;	/* column; chars of the first token */
	int	lead, spaced;
};

/* Tabs in a line's indent, or right after a short first token (a word
 * processor's "o<TAB>text" bullet, "1.<TAB>text"), as spaces to the next
 * multiple of four columns, so indents keep their shape; a tab further
 * on separates words and is one space, as sanitize_text makes it. */
static void
expand_tabs(struct tabs *st, const char *buf, size_t len, struct buf *out)
{
	for (size_t k = 0; k < len; k++) {
		if (buf[k] == '\t' && (st->lead || (!st->spaced &&
		    st->tok <= 3))) {
			do
				buf_addc(out, ' ');
			while (++st->col % 4 != 0);
			st->spaced = !st->lead;
			continue;
		}
		if (buf[k] == '\t') {
			buf_addc(out, ' ');
			st->col++;
			continue;
		}
		buf_addc(out, buf[k]);
		if (buf[k] == '\n') {
			st->col = st->tok = 0;
			st->lead = 1;
			st->spaced = 0;
			continue;
		}
		if (((unsigned char)buf[k] & 0xc0) == 0x80)
			continue;
		st->col++;
		if (buf[k] == ' ')
			st->spaced = !st->lead;
		else {
			st->lead = 0;
			st->tok += !st->spaced;
		}
	}
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

/* s in NFC, appended to out line by line: a newline never combines, so
 * each line normalises alone, and only the few lines that could change
 * go through u8_normalize (which cost half the parse when given every
 * document whole).  -1 if it fails. */
static int
nfc_lines(const char *s, size_t len, struct buf *out)
{
	size_t		 i = 0, end, n;
	const char	*nl;
	uint8_t		*nfc;

	while (i < len) {
		nl = memchr(s + i, '\n', len - i);
		end = nl != NULL ? (size_t)(nl - s) + 1 : len;
		if (!needs_nfc(s + i, end - i)) {
			buf_add(out, s + i, end - i);
		} else {
			n = 0;
			nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s + i,
			    end - i, NULL, &n);
			if (nfc == NULL)
				return -1;
			buf_add(out, nfc, n);
			free(nfc);
		}
		i = end;
	}
	return 0;
}

/* The end of the piece that starts at a: about CLEAN_PIECE bytes on, just
 * before an ASCII byte that does not follow a CR.  No character, CRLF or
 * combining sequence spans such a point (an ASCII character composes
 * with nothing before it), so every pass gives the same bytes piece by
 * piece as on the whole text. */
#define CLEAN_PIECE	65536
static size_t
piece_end(const char *s, size_t a, size_t len)
{
	size_t	c = a + CLEAN_PIECE;

	if (c >= len)
		return len;
	while (c < len && (((unsigned char)s[c] & 0x80) || s[c - 1] == '\r'))
		c++;
	return c;
}

/* Bytes given over are dropped from memory (file_drop_pages) this many
 * at a time behind the cleaning (parse-inline.c drops a long
 * paragraph's source behind the inline parser in the same way), and so
 * are a mapped file's (file_passed). */
#define DROP_STEP	(1 << 20)

/* The bytes [s, s + n) are cleaned: given over (own, which holds them),
 * their pages go; in a mapped file (file.c) they go too, to come back
 * from the file if read again; anywhere else they stay. */
static void
bytes_passed(char *own, const char *s, size_t n)
{
	if (own != NULL)
		file_drop_pages(own + (s - own), n);
	else
		file_passed(s, n);
}

/* A long piece's text goes to the text file (to) as it is cleaned,
 * CLEAN_OUT bytes at a time; its newlines are counted on the way. */
#define CLEAN_OUT	(1u << 20)

struct cleaned {
	struct spill	*to;		/* the text file, or NULL */
	struct piece	*pc;
	size_t		 newlines;
	char		 last;		/* the text's last byte */
};

/* out's bytes to the text file.  A write that fails brings what went
 * there back in front of them, and the rest of the piece stays in
 * memory. */
static void
clean_out(struct cleaned *c, struct buf *out, int first)
{
	struct piece	*pc = c->pc;
	struct buf	 back = { 0 };
	uint64_t	 off;

	for (const char *q = out->data; q != NULL && (q = memchr(q, '\n',
	    out->data + out->len - q)) != NULL; q++)
		c->newlines++;
	if (out->len > 0)
		c->last = out->data[out->len - 1];
	if (spill_put(c->to, out->data ? out->data : "", out->len, &off)
	    == 0) {
		if (first)
			pc->off = off;
		pc->len += out->len;
		out->len = 0;
		return;
	}
	if (pc->len > 0)
		buf_add(&back, spill_get(c->to, pc->off, pc->len), pc->len);
	buf_add(&back, out->data, out->len);
	buf_free(out);
	*out = back;
	pc->len = 0;
	c->to = NULL;
}

/* One piece of the text sanitised (sanitize_text turns bad UTF-8 into
 * U+FFFD) and in NFC, into c->pc (s and len; with c->to, filed: off and
 * len in the text file, and c->newlines counted).  The passes run
 * CLEAN_PIECE bytes at a time into one buffer, so the piece is held
 * once more, not once per pass (a 200 MB line would be held five
 * times), and with c->to not even once.  The piece starts a line, where
 * expand_tabs starts afresh.  The bytes behind the passes leave memory
 * as the text grows when they can (bytes_passed: own, the buffer given
 * over, or a mapped file): a long line, one piece, is not held as its
 * bytes and its text at once.  -1 if the text cannot be normalised. */
static int
clean_piece(const char *buf, size_t len, int whole, char *own,
    struct cleaned *c)
{
	struct buf	 out = { 0 }, lf = { 0 }, tab = { 0 };
	struct tabs	 st = { 0, 0, 1, 0 };
	size_t		 a = 0, e, dropped = 0;
	int		 tabs, rc = -1, first = 1;
	char		*san = NULL;

	/* A long piece (a line) is looked through a megabyte at a time,
	 * its pages passed behind (file_memchr); a short one's stay for
	 * the cleaning right after (passed, they would come back). */
	tabs = (len >= DROP_STEP ? file_memchr(buf, '\t', len) :
	    memchr(buf, '\t', len)) != NULL;

	out.cap = (c->to != NULL ? CLEAN_OUT : len) + 1;
	out.data = xmalloc(out.cap);
	out.data[0] = '\0';
	for (; a < len; a = e) {
		const char	*s = buf + a;
		size_t		 n;

		e = whole ? len : piece_end(buf, a, len);
		n = e - a;
		if (memchr(s, '\r', n) != NULL) {
			lf.len = 0;
			cr_to_lf(s, n, &lf);
			s = lf.data != NULL ? lf.data : "";
			n = lf.len;
		}
		if (tabs) {	/* every piece: the columns carry over */
			tab.len = 0;
			expand_tabs(&st, s, n, &tab);
			s = tab.data != NULL ? tab.data : "";
			n = tab.len;
		}
		san = sanitize_text(s, n, SAN_KEEP_NEWLINE);
		if (nfc_lines(san, strlen(san), &out) < 0)
			goto out;
		free(san);
		san = NULL;
		if (c->to != NULL && out.len >= CLEAN_OUT) {
			clean_out(c, &out, first);
			first = 0;
		}
		if (e - dropped >= DROP_STEP) {
			bytes_passed(own, buf + dropped, e - dropped);
			dropped = e;
		}
	}
	if (c->to != NULL) {
		clean_out(c, &out, first);
		first = 0;
	}
	/* With its NUL, as file_pieces writes one: split_lines ends the
	 * last line there. */
	if (c->to != NULL) {
		char	last = c->last;

		buf_add(&out, "", 1);
		clean_out(c, &out, first);
		c->last = last;
		if (c->to != NULL) {
			c->pc->len--;
			c->pc->filed = 1;
			rc = 0;
			goto out;
		}
		out.len--;	/* the NUL came back with the text */
	}
	c->pc->len = out.len;
	if (out.cap > out.len + 1)
		out.data = xrealloc(out.data, out.len + 1);
	c->pc->s = out.data;
	out.data = NULL;
	rc = 0;
out:
	free(san);
	buf_free(&out);
	buf_free(&lf);
	buf_free(&tab);
	return rc;
}

/* Where the piece that starts at a ends: just after the first newline
 * CLEAN_PIECE bytes on, or at the end.  Every pass starts afresh after
 * a newline (no character, CRLF, combining sequence or tab column spans
 * it), so the pieces clean as the whole text would. */
static size_t
line_piece_end(const char *s, size_t a, size_t len)
{
	const char	*nl;

	if (len - a <= CLEAN_PIECE)
		return len;
	nl = file_memchr(s + a + CLEAN_PIECE, '\n', len - a - CLEAN_PIECE);
	return nl != NULL ? (size_t)(nl - s) + 1 : len;
}

/* Does the text hold escape sequences?  A megabyte at a time, with
 * one byte more (a C1 control's two bytes may straddle a step), each
 * step passed (file_passed: a mapped file's pages go). */
static int
has_escapes(const char *buf, size_t len)
{
	for (size_t a = 0, n; a < len; a += n) {
		n = len - a < DROP_STEP ? len - a : DROP_STEP;
		if (sanitize_has_escapes(buf + a, n + (a + n < len)))
			return 1;
		file_passed(buf + a, n);
	}
	return 0;
}

/* A long document's cleaned text goes to a file of its own (PARSE_SPILL,
 * spill.h) once it passes TEXT_FROM bytes, piece by piece as it is
 * cleaned, and the parser reads it through a mapping of that file
 * (text_map), whose pages it gives back behind it; a short document
 * never makes the file.  A write that fails (no such folder, a full
 * disk) stops it: the pieces written come back into memory, as in a
 * short document, and the import says so in a warning. */
#ifndef TEXT_FROM
#define TEXT_FROM	(4u << 20)
#endif
static void
file_pieces(struct parser *p, size_t held)
{
	if (!p->spill || p->spill_err != 0 || held < TEXT_FROM)
		return;
	if (p->text == NULL)
		p->text = spill_new();
	for (; p->nfiled < p->npieces; p->nfiled++) {
		struct piece	*pc = &p->pieces[p->nfiled];

		/* With its NUL: split_lines ends the last line there. */
		if (spill_put(p->text, pc->s, pc->len + 1, &pc->off) != 0) {
			p->spill_err = errno;
			return;
		}
		free(pc->s);
		pc->s = NULL;
		pc->filed = 1;
	}
}

/* The filed pieces in the file's mapping; if it cannot be had, back in
 * memory (spill_get still reads what a failed write left), and the file
 * is kept to say so (parse_text_own). */
static void
text_map(struct parser *p)
{
	char	*map;

	if (p->text == NULL)
		return;
	if (p->spill_err == 0 && (map = spill_map(p->text)) != NULL) {
		for (size_t k = 0; k < p->nfiled; k++)
			p->pieces[k].s = map + p->pieces[k].off;
		return;
	}
	if (p->spill_err == 0)
		p->spill_err = errno;
	for (size_t k = 0; k < p->nfiled; k++) {
		struct piece	*pc = &p->pieces[k];

		pc->s = xmalloc(pc->len + 1);
		memcpy(pc->s, spill_get(p->text, pc->off, pc->len + 1),
		    pc->len + 1);
		pc->filed = 0;
	}
	p->nfiled = 0;
}

/* A piece read no more: freed, or its pages in the text file given
 * back. */
static void
piece_passed(struct piece *pc)
{
	if (pc->filed)
		file_drop_pages(pc->s, pc->len + 1);
	else
		free(pc->s);
	pc->s = NULL;
}

/* The text cleaned into pieces of whole lines (p->pieces), front to
 * back, so the parser can free each once it has passed it.  The bytes
 * behind the cleaning leave memory when they can (bytes_passed: *own
 * holds buf, given over, or buf is a mapped file); with PARSE_SPILL the
 * pieces of a long text go to the text file as they are made, so the
 * document is held neither as its bytes nor as its text.  Their lines
 * are counted while they are in memory (*nlines).  A text with escape
 * sequences is one piece (their bodies may run on). */
static int
clean_text(struct parser *p, const char *buf, size_t len, char **own,
    size_t *nlines)
{
	size_t	 a, e, cap = 0, held = 0, dropped = 0;
	char	*given = own != NULL ? *own : NULL;
	int	 whole;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if (given != NULL && (buf < given || buf > given + 3))
		given = NULL;
	whole = has_escapes(buf, len);
	*nlines = 0;
	for (a = 0; a < len; a = e) {
		struct piece	*pc;
		struct cleaned	 c = { 0 };

		e = whole ? len : line_piece_end(buf, a, len);
		/* A piece of TEXT_FROM bytes or more (a long line) goes to
		 * the text file as it is cleaned, after those before it. */
		if (!whole && e - a >= TEXT_FROM) {
			file_pieces(p, TEXT_FROM);
			if (p->spill && p->spill_err == 0)
				c.to = p->text;
		}
		if (p->npieces == cap) {
			cap = cap ? cap * 2 : 16;
			p->pieces = xreallocarray(p->pieces, cap,
			    sizeof *p->pieces);
		}
		pc = &p->pieces[p->npieces];
		memset(pc, 0, sizeof *pc);
		c.pc = pc;
		if (clean_piece(buf + a, e - a, whole, given, &c) != 0)
			return -1;
		p->npieces++;
		if (pc->filed) {
			p->nfiled = p->npieces;
			*nlines += c.newlines + (e == len || pc->len == 0 ||
			    c.last != '\n');
		} else {
			if (c.to == NULL && spill_write_failed(p->text))
				p->spill_err = spill_write_failed(p->text);
			*nlines += count_lines(pc->s, pc->len, e == len);
		}
		held += pc->len;
		file_pieces(p, held);
		if (e - dropped >= DROP_STEP) {
			bytes_passed(given, buf + dropped, e - dropped);
			dropped = e;
		}
	}
	text_map(p);
	return 0;
}

/* Free the pieces of text the parser is done with: those before the
 * last non-blank line behind the current one (the look back at a
 * neighbour reads no further; blank lines are read by their length
 * alone, which the lines keep).  p->scan goes forward only, so the
 * whole walk is linear. */
static void
release_pieces(struct parser *p)
{
	while (p->pfree + 1 < p->npieces) {
		struct piece	*pc = &p->pieces[p->pfree];
		size_t		 k = p->scan > pc->end ? p->scan : pc->end;

		while (k < p->i && p->lines[k].len == 0)
			k++;
		p->scan = k;
		if (k >= p->i)
			return;
		piece_passed(pc);
		p->pfree++;
	}
}

/* A pass over every line (parse_prescan) has read those before line
 * i: the pieces of the text file behind it give back their pages, to
 * come back from the file when the parser reaches them.  p->pass, the
 * first piece not passed, is 0 when a pass starts. */
void
parse_passed(struct parser *p, size_t i)
{
	for (; p->pass < p->npieces && p->pieces[p->pass].end <= i; p->pass++)
		if (p->pieces[p->pass].filed)
			file_drop_pages(p->pieces[p->pass].s,
			    p->pieces[p->pass].len + 1);
}

/* Is the whole text in the text file, its pieces one after the other
 * in its mapping (text_map)? */
int
parse_text_filed(const struct parser *p)
{
	return p->nfiled > 0 && p->nfiled == p->npieces;
}

/* A pass within a long line has read [s, s + len): in the text file,
 * its pages are given back (they come back from the file as they were
 * left if read again); in memory they stay. */
void
parse_text_passed(const struct parser *p, char *s, size_t len)
{
	if (parse_text_filed(p))
		file_drop_pages(s, len);
}

size_t
parse_piece_end(const struct parser *p, size_t i)
{
	size_t	lo = 0, hi = p->npieces;

	while (lo < hi) {	/* the first piece ending after line i */
		size_t	mid = lo + (hi - lo) / 2;

		if (p->pieces[mid].end > i)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo < p->npieces ? p->pieces[lo].end : p->nlines;
}

/* Block texts go to the spill file (PARSE_SPILL) once those held pass
 * SPILL_FROM bytes, all but the last SPILL_KEEP blocks (the parser looks
 * back at the block before): a short document never makes the file, and
 * a long one holds its texts a megabyte or so at a time.  A text longer
 * than a row's bound stays (doc_split_long_blocks cuts it in place), as
 * does an empty one.  A write that fails (no such folder, a full disk)
 * stops the spilling: every text comes back into memory, as in a short
 * document, and the import says so in a warning. */
#ifndef SPILL_FROM
#define SPILL_FROM	(1u << 20)
#endif
#define SPILL_KEEP	4
static void
spill_blocks(struct parser *p)
{
	struct doc	*doc = p->doc;
	size_t		 end;

	if (!p->spill || p->spill_err != 0 || p->held < SPILL_FROM ||
	    doc->nblocks <= SPILL_KEEP + p->spilled)
		return;
	end = doc->nblocks - SPILL_KEEP;
	if (doc->spill == NULL)
		doc->spill = spill_new();
	for (; p->spilled < end; p->spilled++) {
		struct block	*b = &doc->blocks[p->spilled];
		size_t		 len = b->text != NULL ? strlen(b->text) : 0;

		p->held -= len < p->held ? len : p->held;
		if (len == 0 || len > DOC_BLOCK_MAX)
			continue;
		if (spill_put(doc->spill, b->text, len, &b->spill_off) != 0) {
			p->spill_err = errno;
			doc_unspill(doc);
			return;
		}
		b->spill_len = len;
		free(b->text);
		b->text = NULL;
	}
}

static void
parse_lines(struct parser *p)
{
	front_matter(p);
	parse_prescan(p);
	while (p->i < p->nlines) {
		parse_block(p);
		release_pieces(p);
		spill_blocks(p);
	}
	check_footnotes(p);
	finish_doc(p);
}

int
parse_text(const char *file, const char *buf, size_t len,
    unsigned flags, struct doc *out, struct diag *d)
{
	return parse_text_own(file, buf, len, flags, NULL, out, d);
}

int
parse_text_own(const char *file, const char *buf, size_t len,
    unsigned flags, char **own, struct doc *out, struct diag *d)
{
	struct parser	 p = { 0 };
	size_t		 nlines = 0;
	int		 rc = -1, blank;

	if (file == NULL)
		file = "<input>";
	p.spill = (flags & PARSE_SPILL) != 0;
	if (check_bytes(file, buf, len, flags, d) < 0)
		goto out;
	if (clean_text(&p, buf, len, own, &nlines) != 0) {
		diag_error(d, file, 0, 0, "cannot normalise the text");
		goto out;
	}
	/* Only the cleaned text is read from here on. */
	if (own != NULL) {
		free(*own);
		*own = NULL;
		buf = NULL;
	}
	blank = 1;
	for (size_t k = 0; k < p.npieces && blank; k++)
		blank = only_blanks(p.pieces[k].s, p.pieces[k].len);
	if (blank) {
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
	p.lines = xreallocarray(NULL, nlines, sizeof *p.lines);
	for (size_t k = 0; k < p.npieces; k++) {
		split_lines(&p, p.pieces[k].s, p.pieces[k].len,
		    k + 1 == p.npieces, p.pieces[k].filed);
		p.pieces[k].end = p.nlines;
		if (p.pieces[k].filed)
			file_drop_pages(p.pieces[k].s, p.pieces[k].len + 1);
	}
	parse_lines(&p);
	if (p.spill_err != 0)
		diag_warn(d, file, 0, 0, "cannot write a temporary file in "
		    "%s (%s): its text is held in memory", spill_dir(),
		    strerror(p.spill_err));
	/* A text file whose writes failed goes with the document, so the
	 * import does not try (and warn) again for a long line's parts
	 * (import.c, spill_parts). */
	if (p.spill_err != 0 && p.text != NULL && out->spill == NULL &&
	    spill_write_failed(p.text)) {
		out->spill = p.text;
		p.text = NULL;
	}
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
	for (size_t k = 0; k < p.npieces; k++)
		if (!p.pieces[k].filed)
			free(p.pieces[k].s);
	free(p.pieces);
	spill_free(p.text);
	return rc;
}
