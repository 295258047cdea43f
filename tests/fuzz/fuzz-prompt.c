/* fuzz-prompt.c: libFuzzer target for the prompt's line editor
 * (tui/prompt-line.c).  The input is a script of edits: an op byte, then
 * for inserts a length byte and that many bytes (a paste or a key).
 * After each op the line must be valid UTF-8 without controls, within
 * the cap, NUL-terminated at its length, the cursor on a character
 * boundary, and the view must hold the cursor within the width. */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "prompt-line.h"

static void
check(const struct pline *p, int width)
{
	const uint8_t	*s = (const uint8_t *)p->line.data;
	size_t		 from, n;
	int		 col;

	if (strlen(p->line.data) != p->line.len || p->line.len > PLINE_MAX ||
	    (p->max && p->line.len > p->max) || p->cur > p->line.len)
		abort();
	if (u8_check(s, p->line.len) != NULL)
		abort();
	for (size_t i = 0; i < p->line.len; i++)
		if (s[i] < 0x20 || s[i] == 0x7f)
			abort();
	if (p->cur < p->line.len && (s[p->cur] & 0xc0) == 0x80)
		abort();
	from = pline_scroll(p, width, &col);
	if (from > p->cur || col > width || col < 0)
		abort();
	n = pline_visible(p, from, width);
	if (from + n > p->line.len)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 init;
	struct pline	 p = { 0 };
	size_t		 i = 0, n;
	int		 width = 1 + (size > 0 ? data[0] % 100 : 40);

	if (!init++)
		setlocale(LC_ALL, "C.UTF-8");
	pline_set(&p, "");
	if (size > 0 && data[0] & 0x80)
		p.max = 1 + data[0] % 64;
	while (++i < size) {
		switch (data[i] % 9) {
		case 0: case 1:
			n = i + 1 < size ? data[++i] : 0;
			n = n < size - i - 1 ? n : size - i - 1;
			pline_insert(&p, (const char *)data + i + 1, n);
			i += n;
			break;
		case 2:
			if (i + 1 < size)
				pline_insert_char(&p, data[++i] * 0x101u);
			break;
		case 3: p.cur = pline_prev(&p, p.cur); break;
		case 4: p.cur = pline_next(&p, p.cur); break;
		case 5: pline_delete(&p, pline_prev(&p, p.cur), p.cur); break;
		case 6: pline_delete(&p, pline_word_before(&p, p.cur), p.cur);
			break;
		case 7: p.cur = 0; break;
		default: p.cur = p.line.len; break;
		}
		check(&p, width);
	}
	check(&p, width);
	pline_free(&p);
	return 0;
}
