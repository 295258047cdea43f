/* test-model.c: block_add_span() grows geometrically (realloc is
 * counted through the linker's --wrap), and doc_split_long_blocks()
 * cuts long blocks with their spans, anchors, seqs and parents right. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model.h"
#include "store.h"
#include "xmalloc.h"

static size_t nrealloc;

void	*__real_realloc(void *, size_t);
void	*__wrap_realloc(void *, size_t);

void *
__wrap_realloc(void *p, size_t n)
{
	nrealloc++;
	return __real_realloc(p, n);
}

static void
test_spans_grow_geometrically(void **state)
{
	struct block	b = { 0 };

	(void)state;
	nrealloc = 0;
	for (uint32_t i = 0; i < 100000; i++)
		block_add_span(&b, SP_BOLD, i, i + 1, NULL);
	assert_int_equal(b.nspans, 100000);
	assert_int_equal(b.spans[99999].start, 99999);
	/* Doubling: about log2(100000) = 17 reallocs, not 100000. */
	assert_true(nrealloc <= 20);
	block_clear(&b);
}

static void
set_block(struct block *b, int seq, enum block_kind k, int parent,
    const char *anchor, const char *text)
{
	memset(b, 0, sizeof *b);
	b->seq = seq;
	b->kind = k;
	b->parent = parent;
	b->anchor = xstrdup(anchor);
	b->text = xstrdup(text);
	b->line = seq + 1;
}

static const struct span *
find_span(const struct block *b, enum span_kind k)
{
	for (size_t i = 0; i < b->nspans; i++)
		if (b->spans[i].kind == k)
			return &b->spans[i];
	return NULL;
}

/* Three sentences of 20 bytes ("Sentence number one." ...) cut at 48
 * bytes: at the second sentence end, then the rest. */
static void
test_split_sentences_and_spans(void **state)
{
	struct doc	 d = { 0 };
	const char	*text = "Sentence number one. Sentence number two. "
	    "Sentence number six.";
	const struct span *sp;

	(void)state;
	d.blocks = xcalloc(3, sizeof *d.blocks);
	d.nblocks = 3;
	set_block(&d.blocks[0], 0, BK_BULLET, -1, "rec-1", "A short one.");
	set_block(&d.blocks[1], 1, BK_BULLET, 0, "rec-1.1", text);
	d.blocks[1].depth = 1;
	d.blocks[1].number = xstrdup("1.1");
	d.blocks[1].page = 3;
	/* Bold over "one. Sentence" crosses the first cut; a footnote
	 * marker after "two." sits at the second; a link in the last. */
	block_add_span(&d.blocks[1], SP_BOLD, 16, 29, NULL);
	block_add_span(&d.blocks[1], SP_FNREF, 41, 41, "fn-1");
	block_add_span(&d.blocks[1], SP_LINK, 51, 57, "http://x");
	set_block(&d.blocks[2], 2, BK_BULLET, 1, "rec-1.1.1", "Child.");
	assert_int_equal(doc_split_long_blocks(&d, 24), 1);
	assert_int_equal(d.nblocks, 5);
	assert_string_equal(d.blocks[1].text, "Sentence number one.");
	assert_string_equal(d.blocks[2].text, "Sentence number two.");
	assert_string_equal(d.blocks[3].text, "Sentence number six.");
	assert_string_equal(d.blocks[1].anchor, "rec-1.1");
	assert_string_equal(d.blocks[2].anchor, "rec-1.1~2");
	assert_string_equal(d.blocks[3].anchor, "rec-1.1~3");
	assert_int_equal(d.blocks[1].kind, BK_BULLET);
	assert_int_equal(d.blocks[1].depth, 1);
	assert_int_equal(d.blocks[2].kind, BK_PARAGRAPH);
	/* The number stays with the first part; every part is on the
	 * block's page. */
	assert_string_equal(d.blocks[1].number, "1.1");
	assert_null(d.blocks[2].number);
	assert_int_equal(d.blocks[1].page, 3);
	assert_int_equal(d.blocks[3].page, 3);
	for (int i = 0; i < 5; i++)
		assert_int_equal(d.blocks[i].seq, i);
	/* Parents renumbered: rec-1.1 under rec-1, its parts under it,
	 * rec-1.1.1 (was seq 2) under rec-1.1 (still seq 1). */
	assert_int_equal(d.blocks[1].parent, 0);
	assert_int_equal(d.blocks[2].parent, 1);
	assert_int_equal(d.blocks[3].parent, 1);
	assert_int_equal(d.blocks[4].parent, 1);
	assert_string_equal(d.blocks[4].anchor, "rec-1.1.1");
	/* Bold clipped to both sides of the cut. */
	assert_non_null(sp = find_span(&d.blocks[1], SP_BOLD));
	assert_int_equal(sp->start, 16);
	assert_int_equal(sp->end, 20);
	assert_non_null(sp = find_span(&d.blocks[2], SP_BOLD));
	assert_int_equal(sp->start, 0);
	assert_int_equal(sp->end, 8);
	/* The marker after "two." stays with "two.". */
	assert_non_null(sp = find_span(&d.blocks[2], SP_FNREF));
	assert_int_equal(sp->start, 20);
	assert_string_equal(sp->target, "fn-1");
	assert_null(find_span(&d.blocks[3], SP_FNREF));
	assert_non_null(sp = find_span(&d.blocks[3], SP_LINK));
	assert_int_equal(sp->start, 9);
	assert_int_equal(sp->end, 15);
	assert_string_equal(sp->target, "http://x");
	doc_clear(&d);
}

/* An unbroken word of two-byte letters: cuts between characters. */
static void
test_split_utf8(void **state)
{
	struct doc	 d = { 0 };
	char		 word[201];
	size_t		 total = 0;

	(void)state;
	for (int i = 0; i < 100; i++)
		memcpy(word + 2 * i, "\xc3\xa9", 2);
	word[200] = '\0';
	d.blocks = xcalloc(1, sizeof *d.blocks);
	d.nblocks = 1;
	set_block(&d.blocks[0], 0, BK_PARAGRAPH, -1, "p-1", word);
	assert_int_equal(doc_split_long_blocks(&d, 51), 1);
	assert_true(d.nblocks >= 4);
	for (size_t i = 0; i < d.nblocks; i++) {
		size_t len = strlen(d.blocks[i].text);

		assert_true(len <= 51);
		assert_int_equal(len % 2, 0);
		assert_int_equal((unsigned char)d.blocks[i].text[0], 0xc3);
		total += len;
	}
	assert_int_equal(total, 200);
	doc_clear(&d);
}

static void
test_split_nothing_long(void **state)
{
	struct doc	d = { 0 };

	(void)state;
	d.blocks = xcalloc(1, sizeof *d.blocks);
	d.nblocks = 1;
	set_block(&d.blocks[0], 0, BK_PARAGRAPH, -1, "p-1", "Short.");
	assert_int_equal(doc_split_long_blocks(&d, 0), 0);
	assert_int_equal(d.nblocks, 1);
	doc_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spans_grow_geometrically),
		cmocka_unit_test(test_split_sentences_and_spans),
		cmocka_unit_test(test_split_utf8),
		cmocka_unit_test(test_split_nothing_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
