/* pdf-text.c: the PDF reader's rules on text alone, pure functions
 * (tests/test-pdf.c): which hyphens at a line's end broke a word, list
 * markers and heading numbers as printed, note labels, page numbers. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pdf.h"

int
pdf_is_lower(const char *s)
{
	unsigned char c = (unsigned char)*s;

	/* ASCII, or a Latin letter with an accent below U+0250. */
	return (c >= 'a' && c <= 'z') || (c == 0xc3 &&
	    (unsigned char)s[1] >= 0x9f) || (c >= 0xc4 && c <= 0xc8 &&
	    ((unsigned char)s[1] & 1));
}

int
pdf_is_upper(const char *s)
{
	return (*s >= 'A' && *s <= 'Z') || ((unsigned char)*s >= 0xc3 &&
	    (unsigned char)*s <= 0xc8 && !pdf_is_lower(s));
}

/* --- the document's words ------------------------------------------------ */

/* FNV-1a over pieces, ASCII lowercased: a word is known by its hash. */
static uint64_t
word_hash(const char *a, size_t alen, const char *b, size_t blen,
    const char *c, size_t clen)
{
	uint64_t	 h = 14695981039346656037ULL;
	const char	*p[3] = { a, b, c };
	size_t		 n[3] = { alen, blen, clen };

	for (int k = 0; k < 3; k++)
		for (size_t i = 0; i < n[k]; i++) {
			unsigned char ch = (unsigned char)p[k][i];

			if (ch >= 'A' && ch <= 'Z')
				ch += 'a' - 'A';
			h = (h ^ ch) * 1099511628211ULL;
		}
	return h != 0 ? h : 1;
}

static void
words_put(struct pdf_words *w, uint64_t h)
{
	size_t	i;

	if ((w->n + 1) * 2 > w->cap) {
		struct pdf_words	bigger = { 0 };

		bigger.cap = w->cap ? w->cap * 2 : 1024;
		bigger.h = xcalloc(bigger.cap, sizeof *bigger.h);
		for (i = 0; i < w->cap; i++)
			if (w->h[i] != 0)
				words_put(&bigger, w->h[i]);
		free(w->h);
		*w = bigger;
	}
	for (i = (size_t)h & (w->cap - 1); w->h[i] != 0;
	    i = (i + 1) & (w->cap - 1))
		if (w->h[i] == h)
			return;
	w->h[i] = h;
	w->n++;
}

void
pdf_words_add(struct pdf_words *w, const char *s, size_t len)
{
	if (len > 0)
		words_put(w, word_hash(s, len, NULL, 0, NULL, 0));
}

static int
word_has(const struct pdf_words *w, const char *a, size_t alen,
    const char *b, size_t blen, const char *c, size_t clen)
{
	uint64_t	h = word_hash(a, alen, b, blen, c, clen);

	if (w->cap == 0)
		return 0;
	for (size_t i = (size_t)h & (w->cap - 1); w->h[i] != 0;
	    i = (i + 1) & (w->cap - 1))
		if (w->h[i] == h)
			return 1;
	return 0;
}

void
pdf_words_free(struct pdf_words *w)
{
	free(w->h);
	memset(w, 0, sizeof *w);
}

/* --- hyphens ----------------------------------------------------------- */

/* Second halves that make a compound with a hyphen of its own
 * ("rights-compliant", "evidence-based"), so a line ending there keeps
 * it. */
static const char *const compound_heads[] = {
	"based", "bound", "building", "centred", "centered", "compliant",
	"driven", "focused", "free", "friendly", "funded", "led", "level",
	"like", "long", "made", "making", "minded", "oriented", "owned",
	"related", "run", "scale", "sensitive", "specific", "style", "term",
	"type", "wide", "year", "old", "up", "in", "out", "off", "down",
	"back", "over", "time", "party", "sector", "state", "border",
	"country", "hand", "day", "way", NULL
};

int
pdf_hyphen_is_break(const struct pdf_words *words, const char *before,
    size_t blen, const char *after, size_t alen)
{
	size_t	n;
	int	joined, hyphened;

	/* A lowercase letter on both sides of the break. */
	if (blen == 0 || alen == 0 || !pdf_is_lower(after))
		return 0;
	if (!((before[blen - 1] >= 'a' && before[blen - 1] <= 'z') ||
	    (unsigned char)before[blen - 1] >= 0x80))
		return 0;
	/* The continuation up to its end of word. */
	for (n = 0; n < alen && after[n] != ' ' && after[n] != ',' &&
	    after[n] != '.' && after[n] != ';' && after[n] != ':' &&
	    after[n] != ')' && after[n] != '-'; n++)
		;
	/* What the document writes elsewhere, inside its lines, decides:
	 * "obligations" joins, "rights-compliant" keeps its hyphen. */
	if (words != NULL && words->n > 0) {
		joined = word_has(words, before, blen, NULL, 0, after, n);
		hyphened = word_has(words, before, blen, "-", 1, after, n);
		if (joined != hyphened)
			return joined;
	}
	/* "Port-au-" "Prince", "X-" "ray", "COVID-" "related": a word
	 * that is capitalised, holds a hyphen, a digit or a capital is a
	 * name or a compound already; keep its hyphen. */
	if (pdf_is_upper(before))
		return 0;
	for (size_t i = 0; i < blen; i++)
		if (before[i] == '-' || (before[i] >= '0' && before[i] <= '9') ||
		    (before[i] >= 'A' && before[i] <= 'Z'))
			return 0;
	/* One letter before the hyphen ("e-" "mail") is a prefix. */
	if (blen == 1)
		return 0;
	if (n < alen && after[n] == '-')
		return 0;		/* "-in-law": a compound again */
	for (size_t i = 0; compound_heads[i] != NULL; i++)
		if (strlen(compound_heads[i]) == n &&
		    strncmp(after, compound_heads[i], n) == 0)
			return 0;
	return 1;
}

/* --- list markers ------------------------------------------------------ */

static const char *const bullets[] = {
	"\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa", "\xe2\x80\x93",
	"\xe2\x80\x94", "\xe2\x80\xa3", "\xe2\x97\x8f", "\xe2\x97\x8b",
	"\xe2\x96\xa0", "\xe2\x96\xa1", "\xc2\xb7", "\xe2\x81\x83",
	"\xe2\x9e\xa2", "\xef\x82\xb7", "\xef\x82\xa7", "\xef\x81\xb6",
	"\xef\x82\xa8", "-", "*", NULL
};

/* The list marker opening s: its length with the space after it, and
 * in num the number as printed (empty for a bullet); 0 when there is
 * none.  kind: 1 bullet, 2 digits, 3 a letter or roman numeral. */
size_t
pdf_list_marker(const char *s, char *num, size_t numsz, int *kind)
{
	size_t	n = 0, k;

	num[0] = '\0';
	for (size_t i = 0; bullets[i] != NULL; i++) {
		k = strlen(bullets[i]);
		if (strncmp(s, bullets[i], k) == 0 && s[k] == ' ') {
			*kind = 1;
			for (n = k; s[n] == ' '; n++)
				;
			return s[n] != '\0' ? n : 0;
		}
	}
	if (s[0] == '(')
		n++;
	if (s[n] >= '0' && s[n] <= '9') {
		*kind = 2;
		while ((s[n] >= '0' && s[n] <= '9') || (s[n] == '.' &&
		    s[n + 1] >= '0' && s[n + 1] <= '9'))
			n++;
	} else {
		*kind = 3;
		k = n;
		while (s[n] != '\0' && strchr("ivxlcdmIVXLCDM", s[n]) != NULL)
			n++;
		if (n == k && ((s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= 'A' && s[n] <= 'Z')))
			n++;
		if (n - k > 5 || n == k)
			return 0;
	}
	if (s[n] != '.' && s[n] != ')')
		return 0;
	if (s[0] == '(' && s[n] != ')')
		return 0;
	n++;
	if (s[n] != ' ' || n >= numsz)
		return 0;
	memcpy(num, s, n);
	num[n] = '\0';
	while (s[n] == ' ')
		n++;
	return s[n] != '\0' ? n : 0;
}

/* A heading's printed number: "1.", "2.3", "IV.", "A." */
size_t
pdf_heading_number(const char *s, char *num, size_t numsz)
{
	size_t	n = 0;

	if (s[0] >= '0' && s[0] <= '9') {
		while ((s[n] >= '0' && s[n] <= '9') || s[n] == '.')
			n++;
	} else {
		while (s[n] != '\0' && strchr("IVXLC", s[n]) != NULL)
			n++;
		if (n == 0 && s[0] >= 'A' && s[0] <= 'Z')
			n = 1;
		if (n == 0 || s[n] != '.')
			return 0;
		n++;
	}
	if (n == 0 || n >= numsz || s[n] != ' ')
		return 0;
	memcpy(num, s, n);
	num[n] = '\0';
	while (s[n] == ' ')
		n++;
	return n;
}

/* A note label: "12", "*", "†", or the small roman numerals endnotes
 * often use ("iv"). */
int
pdf_is_label(const char *s, size_t len)
{
	size_t	digits = 0, roman = 0;

	if (len == 0 || len > 4)
		return 0;
	if (strncmp(s, "*", len) == 0 || strncmp(s, "\xe2\x80\xa0", len) == 0 ||
	    strncmp(s, "\xe2\x80\xa1", len) == 0)
		return 1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (strchr("ivxlc", s[i]) != NULL)
			roman++;
	}
	return digits == len || roman == len;
}

/* --- page numbers ----------------------------------------------------- */

int
pdf_is_page_number(const char *s)
{
	size_t	n = 0, k;

	while (*s == ' ' || *s == '-' || (unsigned char)*s == 0xe2) {
		if ((unsigned char)*s == 0xe2) {	/* an en or em dash */
			if (s[1] == '\0' || s[2] == '\0')
				return 0;
			s += 2;
		}
		s++;
	}
	if (strncasecmp(s, "page ", 5) == 0)
		s += 5;
	else if (strncasecmp(s, "p. ", 3) == 0)
		s += 3;
	k = strspn(s, "0123456789");
	if (k == 0)
		k = strspn(s, "ivxlcdm");
	if (k == 0 || k > 6)
		return 0;
	s += k;
	while (*s == ' ')
		s++;
	if (strncasecmp(s, "of ", 3) == 0 || *s == '/') {
		s += *s == '/' ? 1 : 3;
		while (*s == ' ')
			s++;
		s += strspn(s, "0123456789");
	}
	while (*s == ' ' || *s == '-' || (unsigned char)*s >= 0x80)
		s++, n++;
	return *s == '\0' && n < 8;
}
