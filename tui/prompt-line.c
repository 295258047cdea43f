/* prompt-line.c: the prompt's line editing (prompt-line.h).  The text
 * is a struct buf of valid UTF-8 without controls; the cursor is a byte
 * offset on a character boundary. */
#include "config.h"

#include <string.h>
#include <wchar.h>

#include <unistr.h>

#include "prompt-line.h"

static int
width_of(ucs4_t c)
{
	int	w = wcwidth((wchar_t)c);

	return w >= 0 ? w : 1;
}

static size_t
cap(const struct pline *p)
{
	return p->max ? p->max : PLINE_MAX;
}

void
pline_set(struct pline *p, const char *s)
{
	p->line.len = 0;
	buf_add(&p->line, "", 0);
	p->cur = 0;
	p->full = 0;
	pline_insert(p, s, strlen(s));
}

void
pline_free(struct pline *p)
{
	buf_free(&p->line);
	p->cur = 0;
}

/* Room for n more bytes at the cursor: the tail moves once. */
static void
open_gap(struct pline *p, size_t n)
{
	size_t	tail = p->line.len - p->cur;

	if (p->line.len + n + 1 > p->line.cap) {
		size_t	c = p->line.cap ? p->line.cap : 64;

		while (c < p->line.len + n + 1)
			c *= 2;
		p->line.data = xrealloc(p->line.data, c);
		p->line.cap = c;
	}
	memmove(p->line.data + p->cur + n, p->line.data + p->cur, tail + 1);
	p->line.len += n;
}

size_t
pline_insert(struct pline *p, const char *s, size_t n)
{
	const uint8_t	*u = (const uint8_t *)s;
	struct buf	 in = { 0 };
	size_t		 room, i = 0, len;

	if (p->line.data == NULL)
		buf_add(&p->line, "", 0);
	room = p->line.len < cap(p) ? cap(p) - p->line.len : 0;
	while (i < n) {
		const uint8_t	*ch = u + i;
		ucs4_t		 c;
		int		 k = u8_mbtoucr(&c, u + i, n - i);

		if (k < 0) {
			i++;
			continue;
		}
		len = (size_t)k;
		if (c == '\n' || c == '\r' || c == '\t') {
			ch = (const uint8_t *)" ";
			len = 1;
		} else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
			i += (size_t)k;
			continue;
		}
		if (in.len + len > room) {
			p->full = 1;
			break;
		}
		buf_add(&in, ch, len);
		i += (size_t)k;
	}
	if (in.len > 0) {
		open_gap(p, in.len);
		memcpy(p->line.data + p->cur, in.data, in.len);
		p->cur += in.len;
	}
	len = in.len;
	buf_free(&in);
	return len;
}

size_t
pline_insert_char(struct pline *p, uint32_t c)
{
	uint8_t	u[6];
	int	n = u8_uctomb(u, (ucs4_t)c, sizeof u);

	return n > 0 ? pline_insert(p, (const char *)u, (size_t)n) : 0;
}

void
pline_delete(struct pline *p, size_t from, size_t to)
{
	if (p->line.data == NULL || from >= to || to > p->line.len)
		return;
	memmove(p->line.data + from, p->line.data + to, p->line.len - to + 1);
	p->line.len -= to - from;
	if (p->cur > to)
		p->cur -= to - from;
	else if (p->cur > from)
		p->cur = from;
	p->full = 0;
}

size_t
pline_prev(const struct pline *p, size_t i)
{
	while (i > 0 && (p->line.data[--i] & 0xc0) == 0x80)
		;
	return i;
}

size_t
pline_next(const struct pline *p, size_t i)
{
	if (i >= p->line.len)
		return p->line.len;
	while (++i < p->line.len && (p->line.data[i] & 0xc0) == 0x80)
		;
	return i;
}

size_t
pline_word_before(const struct pline *p, size_t i)
{
	while (i > 0 && p->line.data[i - 1] == ' ')
		i--;
	while (i > 0 && p->line.data[i - 1] != ' ')
		i--;
	return i;
}

size_t
pline_scroll(const struct pline *p, int width, int *col)
{
	size_t	from = p->cur, prev;
	int	w = 0, cw;

	while (from > 0) {
		ucs4_t	c;

		prev = pline_prev(p, from);
		u8_mbtouc(&c, (const uint8_t *)p->line.data + prev, from -
		    prev);
		cw = width_of(c);
		if (w + cw > width)
			break;
		w += cw;
		from = prev;
	}
	*col = w;
	return from;
}

size_t
pline_visible(const struct pline *p, size_t from, int width)
{
	size_t	i = from;
	int	w = 0;

	while (i < p->line.len) {
		ucs4_t	c;
		int	k = u8_mbtouc(&c, (const uint8_t *)p->line.data + i,
		    p->line.len - i);

		if (w + width_of(c) > width)
			break;
		w += width_of(c);
		i += (size_t)k;
	}
	return i - from;
}
