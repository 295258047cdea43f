/* test-layout.c: layout_block() and layout_doc_text(): widths, indents,
 * markers, runs, hostile text. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistr.h>
#include <uniwidth.h>

#include "layout.h"
#include "model.h"
#include "xmalloc.h"

struct lay {
	struct lline	*l;
	size_t		 n, cap;
};

static struct block
mkblock(enum block_kind kind, int depth, const char *text)
{
	struct block b;

	memset(&b, 0, sizeof b);
	b.kind = kind;
	b.depth = depth;
	b.parent = -1;
	b.text = xstrdup(text);
	return b;
}

static int
strwidth(const char *s)
{
	return u8_strwidth((const uint8_t *)s, "UTF-8");
}

/* Every line: width as measured, within the limit (but for a URL wider
 * than the line without short_urls, whole on its own line), runs tiling
 * the text, no control byte. */
static void
check_lines(const struct lay *y, int width, int short_urls)
{
	for (size_t i = 0; i < y->n; i++) {
		const struct lline *l = &y->l[i];
		size_t len = strlen(l->text), off = 0;
		const char *t = l->text + strspn(l->text, " ");

		assert_int_equal(strwidth(l->text), l->width);
		assert_true(l->width <= width || (!short_urls &&
		    (strncmp(t, "http", 4) == 0 || strncmp(t, "www.", 4) == 0) &&
		    strchr(t, ' ') == NULL));
		for (size_t r = 0; r < l->nruns; r++) {
			assert_int_equal(l->runs[r].off, off);
			assert_true(l->runs[r].len > 0);
			off += l->runs[r].len;
		}
		assert_int_equal(off, len);
		for (size_t k = 0; k < len; k++) {
			unsigned char c = (unsigned char)l->text[k];

			assert_true(c >= 0x20 && c != 0x7f);
			if (c == 0xc2 && k + 1 < len)
				assert_false((unsigned char)l->text[k + 1] < 0xa0);
		}
	}
}

static struct lay
lay_opts(const struct block *b, const struct layout_opts *o)
{
	struct lay y = { 0 };
	size_t n = layout_block(b, o, &y.l, &y.n, &y.cap);

	assert_int_equal(n, y.n);
	assert_true(n >= 1);
	check_lines(&y, o->width > 0 ? o->width : 1, o->short_urls);
	return y;
}

static struct lay
lay(const struct block *b, int width, int ascii)
{
	struct layout_opts o = { .width = width, .ascii = ascii };

	return lay_opts(b, &o);
}

static void
lay_free(struct lay *y)
{
	layout_free(y->l, y->n);
}

/* The run of line l that covers byte off of its text. */
static const struct lrun *
run_at(const struct lline *l, size_t off)
{
	for (size_t r = 0; r < l->nruns; r++)
		if (off >= l->runs[r].off && off < l->runs[r].off + l->runs[r].len)
			return &l->runs[r];
	fail_msg("no run at %zu in \"%s\"", off, l->text);
	return NULL;
}

static const struct lrun *
run_of(const struct lline *l, const char *needle)
{
	const char *p = strstr(l->text, needle);

	assert_non_null(p);
	return run_at(l, (size_t)(p - l->text));
}

static const char sample[] =
    "Amnesty International calls on the Belgian Presidency to ensure that "
    "the protection of human rights defenders, including women human rights "
    "defenders, remains at the heart of the EU's external action, and that "
    "the EU and its member states speak out publicly when HRDs are at risk.";

/* Join the words of all lines with single spaces. */
static char *
rejoin(const struct lay *y)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < y->n; i++) {
		if (i > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, y->l[i].text);
	}
	return buf_steal(&b);
}

/* Remove spaces in place: breaks drop them. */
static char *
unspace(char *s)
{
	char *w = s;

	for (char *r = s; *r != '\0'; r++)
		if (*r != ' ')
			*w++ = *r;
	*w = '\0';
	return s;
}

static void
test_wrap_widths(void **state)
{
	static const int widths[] = { 20, 40, 80 };
	struct block b = mkblock(BK_PARAGRAPH, 0, sample);

	for (size_t i = 0; i < 3; i++) {
		struct lay y = lay(&b, widths[i], 0);
		char *all = rejoin(&y);

		assert_string_equal(all, sample);
		assert_true(y.n > 1);
		for (size_t k = 0; k + 1 < y.n; k++) {
			/* greedy: the next word would not have fitted */
			const char *next = y.l[k + 1].text;
			size_t wl = strcspn(next, " ");

			assert_true(y.l[k].width + 1 + (int)wl > widths[i]);
			assert_true(y.l[k].src_end <= y.l[k + 1].src_start);
		}
		assert_int_equal(y.l[0].src_start, 0);
		assert_int_equal(y.l[y.n - 1].src_end, strlen(sample));
		free(all);
		lay_free(&y);
	}
	block_clear(&b);
}

static void
test_bullet_indent(void **state)
{
	struct block b0 = mkblock(BK_BULLET, 0,
	    "Ensure the protection of human rights defenders.");
	struct block b2 = mkblock(BK_BULLET, 2,
	    "Ensure the protection of human rights defenders.");
	struct lay y0 = lay(&b0, 24, 0), y2 = lay(&b2, 24, 0), ya;

	assert_int_equal(y0.n, 3);
	assert_string_equal(y0.l[0].text, "• Ensure the protection");
	assert_string_equal(y0.l[1].text, "  of human rights");
	assert_string_equal(y0.l[2].text, "  defenders.");
	assert_int_equal(y0.l[0].runs[0].attr, LA_MARGIN);
	assert_int_equal(y0.l[0].runs[0].len, strlen("• "));
	assert_string_equal(y2.l[0].text, "    • Ensure the");
	for (size_t i = 1; i < y2.n; i++) {
		assert_memory_equal(y2.l[i].text, "      ", 6);
		assert_true(y2.l[i].text[6] != ' ');
	}
	ya = lay(&b2, 24, 1);
	assert_string_equal(ya.l[0].text, "    - Ensure the");
	lay_free(&y0);
	lay_free(&y2);
	lay_free(&ya);
	block_clear(&b0);
	block_clear(&b2);
}

static void
test_footnote_block(void **state)
{
	struct block b = mkblock(BK_FOOTNOTE, 0,
	    "Council of the EU, Guidelines on Human Rights Defenders, 2008.");
	struct lay y, ya;

	b.fn = 12;
	y = lay(&b, 30, 0);
	assert_string_equal(y.l[0].text, "¹² Council of the EU,");
	assert_memory_equal(y.l[1].text, "   Guidelines", 13);
	ya = lay(&b, 30, 1);
	assert_string_equal(ya.l[0].text, "[12] Council of the EU,");
	assert_memory_equal(ya.l[1].text, "     Guidelines", 15);
	lay_free(&y);
	lay_free(&ya);
	block_clear(&b);
}

static void
test_wide_and_combining(void **state)
{
	/* 日本語 are 2 columns each, "é" as e + U+0301 is one, 👍 two. */
	struct block b = mkblock(BK_PARAGRAPH, 0,
	    "日本語の文章です e\xcc\x81t\xc3\xa9 👍👍 caf\x65\xcc\x81");
	int widths[] = { 3, 5, 7, 11 };

	for (size_t i = 0; i < 4; i++) {
		struct lay y = lay(&b, widths[i], 0);

		for (size_t k = 0; k < y.n; k++)	/* mark kept with e */
			assert_false(strncmp(y.l[k].text, "\xcc\x81", 2) == 0);
		lay_free(&y);
	}
	{
		struct lay y = lay(&b, 80, 0);

		assert_int_equal(y.n, 1);
		assert_int_equal(y.l[0].width, 16 + 1 + 3 + 1 + 4 + 1 + 4);
		lay_free(&y);
	}
	block_clear(&b);
}

static void
test_marker_placement(void **state)
{
	const char *text = "respect for HRDs. The EU";
	struct block b = mkblock(BK_PARAGRAPH, 0, text);
	uint32_t at = (uint32_t)(strstr(text, " The") - text);
	const struct lrun *r;
	struct lay y, ya, yn;

	block_add_span(&b, SP_BOLD, 0, 7, NULL);
	block_add_span(&b, SP_FNREF, at, at, "fn-1");
	y = lay(&b, 80, 0);
	assert_string_equal(y.l[0].text, "respect for HRDs.¹ The EU");
	r = run_of(&y.l[0], "¹");
	assert_int_equal(r->attr, LA_FNREF);
	assert_int_equal(r->span, 1);
	assert_int_equal(r->len, strlen("¹"));
	ya = lay(&b, 80, 1);
	assert_string_equal(ya.l[0].text, "respect for HRDs.[1] The EU");
	r = run_of(&ya.l[0], "[1]");
	assert_int_equal(r->attr, LA_FNREF);
	assert_int_equal(r->len, 3);
	/* never a break between the word and its marker */
	yn = lay(&b, 17, 1);
	assert_string_equal(yn.l[0].text, "respect for");
	assert_string_equal(yn.l[1].text, "HRDs.[1] The EU");
	lay_free(&y);
	lay_free(&ya);
	lay_free(&yn);
	block_clear(&b);
}

static void
test_marker_numbers(void **state)
{
	struct block b = mkblock(BK_PARAGRAPH, 0, "a b");
	struct lay y;
	char *m;

	block_add_span(&b, SP_FNREF, 1, 1, "fn-10");
	block_add_span(&b, SP_FNREF, 1, 1, "fn-3");
	block_add_span(&b, SP_FNREF, 3, 3, "fn-23");
	y = lay(&b, 80, 0);
	assert_string_equal(y.l[0].text, "a¹⁰,³ b²³");
	assert_int_equal(run_of(&y.l[0], "¹⁰")->span, 0);
	assert_int_equal(run_of(&y.l[0], ",³")->span, 1);
	assert_int_equal(run_of(&y.l[0], "²³")->span, 2);
	m = layout_fnmark("fn-x", 1);
	assert_string_equal(m, "[*]");
	free(m);
	lay_free(&y);
	block_clear(&b);
}

static void
test_run_attrs(void **state)
{
	const char *text = "Read bold and italic at https://www.amnesty.org/en/ now";
	struct block b = mkblock(BK_PARAGRAPH, 0, text);
	const char *url = strstr(text, "https");
	uint32_t u0 = (uint32_t)(url - text), u1 = u0 + (uint32_t)strcspn(url, " ");
	struct lay y;
	const struct lline *l;

	block_add_span(&b, SP_BOLD, 5, 9, NULL);
	block_add_span(&b, SP_ITALIC, 14, 20, NULL);
	block_add_span(&b, SP_ITALIC, 5, 7, NULL);	/* bold italic "bo" */
	block_add_span(&b, SP_LINK, u0, u1, "https://www.amnesty.org/en/");
	y = lay(&b, 80, 0);
	l = &y.l[0];
	assert_int_equal(run_at(l, 0)->attr, 0);
	assert_int_equal(run_at(l, 5)->attr, LA_BOLD | LA_ITALIC);
	assert_int_equal(run_at(l, 5)->len, 2);
	assert_int_equal(run_at(l, 7)->attr, LA_BOLD);
	assert_int_equal(run_of(l, "italic")->attr, LA_ITALIC);
	assert_int_equal(run_of(l, "italic")->len, 6);
	assert_int_equal(run_of(l, "https")->attr, LA_LINK);
	assert_int_equal(run_of(l, "https")->span, 3);
	assert_int_equal(run_of(l, "https")->len, u1 - u0);
	assert_int_equal(run_of(l, " now")->attr, 0);
	assert_int_equal(run_of(l, " now")->span, -1);
	lay_free(&y);
	block_clear(&b);
}

static void
test_title_heading(void **state)
{
	struct block t = mkblock(BK_TITLE, 0, "RECOMMENDATIONS TO THE BELGIAN");
	struct block h = mkblock(BK_HEADING, 0, "Human rights defenders");
	struct lay yt = lay(&t, 20, 0), yh = lay(&h, 80, 0);

	assert_int_equal(yt.n, 2);
	for (size_t i = 0; i < yt.n; i++)
		assert_int_equal(yt.l[i].runs[0].attr, LA_TITLE);
	assert_int_equal(yh.l[0].runs[0].attr, LA_HEADING);
	lay_free(&yt);
	lay_free(&yh);
	block_clear(&t);
	block_clear(&h);
}

static void
test_match_ranges(void **state)
{
	const char *text = "asylum seekers and refugees; asylum";
	struct block b = mkblock(BK_PARAGRAPH, 0, text);
	uint32_t m[2][2] = { { 0, 6 }, { 29, 35 } };
	struct layout_opts o = { .width = 20, .match = m, .nmatch = 2 };
	struct lay y;

	block_add_span(&b, SP_BOLD, 3, 14, NULL);
	y = lay_opts(&b, &o);
	assert_string_equal(y.l[0].text, "asylum seekers and");
	assert_int_equal(run_at(&y.l[0], 0)->attr, LA_MATCH);
	assert_int_equal(run_at(&y.l[0], 0)->len, 3);
	assert_int_equal(run_at(&y.l[0], 3)->attr, LA_MATCH | LA_BOLD);
	assert_int_equal(run_at(&y.l[0], 3)->len, 3);
	assert_int_equal(run_at(&y.l[0], 6)->attr, LA_BOLD);
	assert_int_equal(run_of(&y.l[1], "asylum")->attr, LA_MATCH);
	assert_int_equal(run_of(&y.l[1], "refugees")->attr, 0);
	lay_free(&y);
	block_clear(&b);
}

static void
test_long_word(void **state)
{
	char *word = xmalloc(1001);
	char *url = xstrdup("see https://www.amnesty.org/en/documents/"
	    "ior10/4926/2023/en/?utm=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa end");
	struct block b, u;
	struct lay y, yu, ys;
	struct layout_opts so = { .width = 16, .short_urls = 1 };
	char *all;

	memset(word, 'a', 1000);
	word[1000] = '\0';
	b = mkblock(BK_PARAGRAPH, 0, word);
	y = lay(&b, 20, 0);
	assert_int_equal(y.n, 50);
	for (size_t i = 0; i < y.n; i++)
		assert_int_equal(y.l[i].width, 20);
	u = mkblock(BK_PARAGRAPH, 0, url);
	yu = lay(&u, 16, 0);
	/* A URL starts a line; wider than the line, it stands whole on a
	 * line of its own (brief show: terminals find it). */
	assert_int_equal(yu.n, 3);
	assert_string_equal(yu.l[0].text, "see");
	assert_string_equal(yu.l[1].text, "https://www.amnesty.org/en/"
	    "documents/ior10/4926/2023/en/?utm=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	assert_string_equal(yu.l[2].text, "end");
	all = rejoin(&yu);
	assert_string_equal(unspace(all), unspace(url));
	free(all);
	/* The reader: shortened within the line, one run (the link's). */
	ys = lay_opts(&u, &so);
	assert_int_equal(ys.n, 3);
	assert_true(ys.l[1].width <= 16);
	assert_int_equal(ys.l[1].nruns, 1);
	assert_memory_equal(ys.l[1].text, "https://", 8);
	assert_non_null(strstr(ys.l[1].text, "…"));
	assert_string_equal(ys.l[2].text, "end");
	lay_free(&ys);
	so.width = 64;		/* room for host, …, the last segment */
	ys = lay_opts(&u, &so);
	assert_string_equal(ys.l[1].text,
	    "https://www.amnesty.org/…/?utm=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	lay_free(&ys);
	lay_free(&y);
	lay_free(&yu);
	block_clear(&b);
	block_clear(&u);
	free(word);
	free(url);
}

/* A URL that fits a line moves to the next one whole, never broken at
 * its '/' or '-' (terminals find it on one line). */
static void
test_url_whole(void **state)
{
	struct block b = mkblock(BK_PARAGRAPH, 0, "Amnesty, 12th July 2023, "
	    "https://www.amnesty.eu/news/eu-trilogues-the-ai-act-must/ end");
	struct lay y = lay(&b, 64, 0);
	int found = 0;

	for (size_t i = 0; i < y.n; i++) {
		if (strstr(y.l[i].text, "https://") != NULL)
			found = strstr(y.l[i].text,
			    "https://www.amnesty.eu/news/eu-trilogues-the-ai-"
			    "act-must/") != NULL;
	}
	assert_true(found);
	lay_free(&y);
	block_clear(&b);
}

static void
test_width_one(void **state)
{
	struct block b = mkblock(BK_BULLET, 3, "ab 日本 e\xcc\x81 👍 x");
	struct lay y;
	size_t nonempty = 0;

	block_add_span(&b, SP_FNREF, 2, 2, "fn-7");
	y = lay(&b, 1, 0);
	for (size_t i = 0; i < y.n; i++)
		nonempty += y.l[i].width == 1;
	assert_string_equal(y.l[0].text, "a");
	assert_string_equal(y.l[2].text, "⁷");
	assert_string_equal(y.l[3].text, "?");		/* 日 cannot fit */
	assert_string_equal(y.l[5].text, "e\xcc\x81");
	assert_int_equal(nonempty, y.n);
	lay_free(&y);
	y = lay(&b, 0, 1);
	assert_string_equal(y.l[2].text, "[");
	lay_free(&y);
	block_clear(&b);
}

static void
test_big_paragraph(void **state)
{
	static const char words[] = "rights defenders 日本 Türkiye ";
	size_t wl = strlen(words), n = (1 << 20) / wl;
	struct buf t = { 0 };
	struct block b;
	struct lay y;
	size_t total = 0;

	for (size_t i = 0; i < n; i++)
		buf_add(&t, words, wl);
	b = mkblock(BK_PARAGRAPH, 0, t.data);
	for (size_t i = 0; i < n; i += 97)
		block_add_span(&b, SP_BOLD, (uint32_t)(i * wl),
		    (uint32_t)(i * wl + 6), NULL);
	y = lay(&b, 80, 0);
	for (size_t i = 0; i < y.n; i++)
		total += strlen(y.l[i].text);
	assert_true(total > t.len - y.n - 1);
	lay_free(&y);
	block_clear(&b);

	/* one 1 MB word */
	memset(t.data, 'x', t.len);
	b = mkblock(BK_PARAGRAPH, 0, t.data);
	y = lay(&b, 80, 0);
	assert_int_equal(y.n, (t.len + 79) / 80);
	lay_free(&y);
	block_clear(&b);
	buf_free(&t);
}

static void
test_hard_breaks(void **state)
{
	struct block b = mkblock(BK_ADDRESS, 0,
	    "To the attn. of: Permanent Representation\nCc: EEAS\n\nBrussels");
	struct lay y = lay(&b, 30, 0);

	assert_int_equal(y.n, 5);
	assert_string_equal(y.l[0].text, "To the attn. of: Permanent");
	assert_string_equal(y.l[1].text, "Representation");
	assert_string_equal(y.l[2].text, "Cc: EEAS");
	assert_string_equal(y.l[3].text, "");
	assert_int_equal(y.l[3].nruns, 0);
	assert_string_equal(y.l[4].text, "Brussels");
	lay_free(&y);
	block_clear(&b);
}

static void
test_empty(void **state)
{
	struct block b = mkblock(BK_PARAGRAPH, 0, "");
	struct block n = mkblock(BK_BULLET, 1, "");
	struct lay y = lay(&b, 40, 0), yn = lay(&n, 40, 0);

	assert_int_equal(y.n, 1);
	assert_string_equal(y.l[0].text, "");
	assert_int_equal(yn.n, 1);
	assert_string_equal(yn.l[0].text, "  • ");
	lay_free(&y);
	lay_free(&yn);
	block_clear(&b);
	block_clear(&n);
}

static void
test_control_bytes(void **state)
{
	/* offsets are into the unclean text: "red" at 6..9 */
	const char *text = "a\033[31mred\033[0m b\007 \xc2\x9b" "2Jhttp://x\033]8;;y\007 z";
	struct block b = mkblock(BK_PARAGRAPH, 0, text);
	uint32_t m[1][2] = { { 6, 9 } };
	struct layout_opts o = { .width = 80, .match = m, .nmatch = 1 };
	const char *h = strstr(text, "http");
	uint32_t h0 = (uint32_t)(h - text);
	struct lay y;

	block_add_span(&b, SP_BOLD, 6, 9, NULL);
	block_add_span(&b, SP_LINK, h0, h0 + 8, "http://x");
	block_add_span(&b, SP_FNREF, h0 + 8, h0 + 8, "fn-2");
	y = lay_opts(&b, &o);
	assert_string_equal(y.l[0].text, "ared b http://x² z");
	assert_int_equal(run_of(&y.l[0], "red")->attr, LA_BOLD | LA_MATCH);
	assert_int_equal(run_of(&y.l[0], "red")->len, 3);
	assert_int_equal(run_of(&y.l[0], "http")->attr, LA_LINK);
	assert_int_equal(run_of(&y.l[0], "http")->len, 8);
	assert_int_equal(run_of(&y.l[0], "²")->span, 2);
	assert_int_equal(y.l[0].src_end, strlen(text));
	lay_free(&y);
	block_clear(&b);
}

static void
test_hostile(void **state)
{
	static const char *in[] = { "\033[2J\033]52;c;ZXZpbA==\007",
	    "a\xff" "b\xe2\x80", "x\xe2\x80\xae" "y\r\nz\tw" };
	/* cutting at offsets inside escapes leaves their tails as text */
	static const char *want[][2] = { { "[2¹Jc;ZXZpbA==", NULL },
	    { "a\xef\xbf\xbd" "b¹\xef\xbf\xbd", NULL }, { "x¹y", "z w" } };

	for (size_t i = 0; i < 3; i++) {
		struct block b = mkblock(BK_SIGNATURE, 0, in[i]);
		struct lay y;

		block_add_span(&b, SP_BOLD, 1, 400, NULL);
		block_add_span(&b, SP_FNREF, 3, 3, "fn-1");
		block_add_span(&b, SP_ITALIC, 9, 2, NULL);
		y = lay(&b, 40, 0);
		assert_string_equal(y.l[0].text, want[i][0]);
		if (want[i][1] != NULL)
			assert_string_equal(y.l[1].text, want[i][1]);
		lay_free(&y);
		block_clear(&b);
	}
}

static void
test_ascii_standins(void **state)
{
	struct block b = mkblock(BK_PARAGRAPH, 0,
	    "‘quoted’ — “x” … • Türkiye 日本 ½");
	struct lay y = lay(&b, 80, 1);

	assert_string_equal(y.l[0].text,
	    "'quoted' -- \"x\" ... - Turkiye ?? 1/2");
	lay_free(&y);
	block_clear(&b);
}

static void
test_doc_text(void **state)
{
	struct doc d;
	struct layout_opts o = { .width = 30 };
	char *s;
	const char *para = "The EU must protect HRDs. It must act now.";

	memset(&d, 0, sizeof d);
	d.nblocks = 5;
	d.blocks = xcalloc(d.nblocks, sizeof *d.blocks);
	d.blocks[0] = mkblock(BK_TITLE, 0, "RECOMMENDATIONS");
	d.blocks[1] = mkblock(BK_PARAGRAPH, 0, para);
	block_add_span(&d.blocks[1], SP_FNREF, 25, 25, "fn-1");
	d.blocks[2] = mkblock(BK_FOOTNOTE, 0, "EU Guidelines on HRDs, 2008.");
	d.blocks[2].fn = 1;
	d.blocks[3] = mkblock(BK_BULLET, 1, "Speak out publicly when HRDs are at risk.");
	d.blocks[4] = mkblock(BK_FOOTNOTE, 0, "Second note.");
	d.blocks[4].fn = 2;
	for (size_t i = 0; i < d.nblocks; i++)
		d.blocks[i].seq = (int)i;
	s = layout_doc_text(&d, &o);
	assert_string_equal(s,
	    "RECOMMENDATIONS\n"
	    "\n"
	    "The EU must protect HRDs.¹ It\n"
	    "must act now.\n"
	    "\n"
	    "  • Speak out publicly when\n"
	    "    HRDs are at risk.\n"
	    "\n"
	    "¹ EU Guidelines on HRDs, 2008.\n"
	    "² Second note.\n");
	free(s);
	o.ascii = 1;
	o.width = 80;
	s = layout_doc_text(&d, &o);
	assert_string_equal(s,
	    "RECOMMENDATIONS\n"
	    "\n"
	    "The EU must protect HRDs.[1] It must act now.\n"
	    "\n"
	    "  - Speak out publicly when HRDs are at risk.\n"
	    "\n"
	    "[1] EU Guidelines on HRDs, 2008.\n"
	    "[2] Second note.\n");
	free(s);
	doc_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_widths),
		cmocka_unit_test(test_bullet_indent),
		cmocka_unit_test(test_footnote_block),
		cmocka_unit_test(test_wide_and_combining),
		cmocka_unit_test(test_marker_placement),
		cmocka_unit_test(test_marker_numbers),
		cmocka_unit_test(test_run_attrs),
		cmocka_unit_test(test_title_heading),
		cmocka_unit_test(test_match_ranges),
		cmocka_unit_test(test_long_word),
		cmocka_unit_test(test_url_whole),
		cmocka_unit_test(test_width_one),
		cmocka_unit_test(test_big_paragraph),
		cmocka_unit_test(test_hard_breaks),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_control_bytes),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_ascii_standins),
		cmocka_unit_test(test_doc_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
