/* lang.c: the matchers of lang.h over the word lists of lang.conf
 * (lang-conf.c loads them into lang_lists).  Text and words are compared
 * folded (lower case, no diacritics: "Doporučení" is "doporuceni"); a
 * map from folded bytes back to the source lets callers cut the source
 * where a label ends or a date starts. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>
#include <unictype.h>

#include "lang.h"
#include "lang-int.h"
#include "xmalloc.h"

#define MAX_LINE	400	/* longer lines are never letter parts */

struct lang_words	lang_lists[LL__COUNT];

void
lang_add(enum lang_list l, const char *folded, int value)
{
	struct lang_words	*w = &lang_lists[l];

	w->v = xappend(w->v, w->n, sizeof *w->v);
	w->v[w->n].word = xstrdup(folded);
	w->v[w->n++].value = value;
}

/* --- folding ----------------------------------------------------------- */

/* Letters that carry their mark in the letter itself (no decomposition),
 * spelt as search spells them. */
static const char *
plain_letter(ucs4_t c)
{
	switch (c) {
	case 0x0141: case 0x0142: return "l";	/* Ł ł */
	case 0x00d8: case 0x00f8: return "o";	/* Ø ø */
	case 0x0110: case 0x0111: return "d";	/* Đ đ */
	case 0x0131: return "i";		/* ı */
	case 0x2019: case 0x2018: return "'";	/* typographic quotes */
	}
	return NULL;
}

static void
fold_char(struct buf *out, const uint8_t *s, int n, ucs4_t c)
{
	size_t		 fn = 0;
	uint8_t		*f;
	const char	*p;

	if ((p = plain_letter(c)) != NULL) {
		buf_adds(out, p);
		return;
	}
	if ((f = u8_casefold(s, (size_t)n, NULL, UNINORM_NFD, NULL,
	    &fn)) == NULL) {
		buf_add(out, s, (size_t)n);
		return;
	}
	for (size_t i = 0; i < fn;) {
		ucs4_t	d;
		int	l = u8_mbtouc(&d, f + i, fn - i);

		if (!uc_is_general_category(d, UC_CATEGORY_M))
			buf_add(out, f + i, (size_t)l);
		i += (size_t)l;
	}
	free(f);
}

char *
lang_fold(const char *s, size_t len, size_t **map)
{
	const uint8_t	*u = (const uint8_t *)s;
	struct buf	 out = { 0 };
	size_t		*m = NULL, mcap = 0;

	buf_add(&out, "", 0);
	for (size_t i = 0; i < len;) {
		ucs4_t	c;
		int	n = u8_mbtouc(&c, u + i, len - i);
		size_t	before = out.len;

		if (u[i] < 0x80)
			buf_addc(&out, u[i] >= 'A' && u[i] <= 'Z' ?
			    u[i] + 32 : u[i]);
		else
			fold_char(&out, u + i, n, c);
		if (map != NULL) {
			if (out.len + 1 > mcap) {
				mcap = (out.len + 1) * 2;
				m = xreallocarray(m, mcap, sizeof *m);
			}
			for (size_t k = before; k < out.len; k++)
				m[k] = i;
		}
		i += (size_t)n;
	}
	if (map != NULL) {
		if (m == NULL)
			m = xmalloc(sizeof *m);
		m[out.len] = len;
		*map = m;
	}
	return buf_steal(&out);
}

/* --- small matchers ---------------------------------------------------- */

static int
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* The length of word at the start of f when it is there as a whole
 * word (or ends in punctuation), else 0. */
static size_t
word_at(const char *f, const char *word)
{
	size_t	n = strlen(word);

	if (n == 0 || strncmp(f, word, n) != 0)
		return 0;
	if (is_alnum((unsigned char)f[n]) &&
	    is_alnum((unsigned char)word[n - 1]))
		return 0;
	return n;
}

/* The longest word of list l at the start of f, its length or 0. */
static size_t
longest_at(enum lang_list l, const char *f, int *value)
{
	const struct lang_words	*w = &lang_lists[l];
	size_t			 best = 0, n;

	for (size_t i = 0; i < w->n; i++)
		if ((n = word_at(f, w->v[i].word)) > best) {
			best = n;
			if (value != NULL)
				*value = w->v[i].value;
		}
	return best;
}

static int
any_inside(enum lang_list l, const char *text, size_t maxlen)
{
	const struct lang_words	*w;
	char			*f;
	int			 hit = 0;

	/* strnlen: a long text (a mapped line) is not read to its end. */
	if (text == NULL || strnlen(text, maxlen + 1) > maxlen)
		return 0;
	lang_ensure();
	w = &lang_lists[l];
	f = lang_fold(text, strlen(text), NULL);
	for (size_t i = 0; i < w->n && !hit; i++)
		hit = strstr(f, w->v[i].word) != NULL;
	free(f);
	return hit;
}

int
lang_rec_heading(const char *text)
{
	return any_inside(LL_REC_HEADING, text, 200);
}

int
lang_rec_intro(const char *text)
{
	return any_inside(LL_REC_INTRO, text, 2000);
}

/* Folded line, or NULL when too long to be a letter's part. */
static char *
fold_line(const char *line, size_t **map)
{
	size_t	len = line != NULL ? strnlen(line, MAX_LINE + 1) : 0;

	if (len == 0 || len > MAX_LINE)
		return NULL;
	lang_ensure();
	return lang_fold(line, len, map);
}

int
lang_salutation(const char *line)
{
	char	*f = fold_line(line, NULL);
	size_t	 n, len;
	int	 hit = 0;

	if (f == NULL || strlen(line) > 200)
		goto out;
	len = strlen(f);
	if ((n = longest_at(LL_SALUTATION, f, NULL)) == 0)
		goto out;
	hit = n == len || strchr(",:!", f[len - 1]) != NULL ||
	    (n + 1 == len && strchr(",:!", f[n]) != NULL);
out:
	free(f);
	return hit;
}

/* line folded, without the characters of trail at its end; NULL as
 * fold_line. */
static char *
fold_trimmed(const char *line, const char *trail)
{
	char	*f = fold_line(line, NULL);
	size_t	 len = f != NULL ? strlen(f) : 0;

	while (len > 0 && strchr(trail, f[len - 1]) != NULL)
		f[--len] = '\0';
	return f;
}

int
lang_closing(const char *line)
{
	const struct lang_words	*w;
	char			*f = fold_trimmed(line, ",.! ");
	int			 hit = 0;

	if (f == NULL)
		return 0;
	w = &lang_lists[LL_CLOSING];
	for (size_t i = 0; i < w->n && !hit; i++)
		hit = w->v[i].value ? word_at(f, w->v[i].word) > 0 :
		    strcmp(f, w->v[i].word) == 0;
	free(f);
	return hit;
}

/* "Label: value" (or "Label. value" when the label ends in '.'): the
 * offset of value in line, or 0. */
static size_t
label_value(enum lang_list l, const char *line, int need_digit)
{
	size_t	*map = NULL, n, k, off = 0;
	char	*f = fold_line(line, &map);

	if (f == NULL || (n = longest_at(l, f, NULL)) == 0)
		goto out;
	k = n + strspn(f + n, " ");
	if (f[k] == ':')
		k++;
	else if (f[n - 1] != '.')
		goto out;
	k += strspn(f + k, " ");
	if (f[k] == '\0' || (need_digit && strpbrk(f + k, "0123456789") ==
	    NULL))
		goto out;
	off = map[k];
out:
	free(map);
	free(f);
	return off;
}

size_t
lang_subject(const char *line)
{
	return label_value(LL_SUBJECT, line, 0);
}

size_t
lang_reference(const char *line)
{
	return label_value(LL_REFERENCE, line, 1);
}

int
lang_address(const char *line)
{
	char	*f = fold_line(line, NULL);
	int	 hit = f != NULL && longest_at(LL_ADDRESS, f, NULL) > 0;

	free(f);
	return hit;
}

/* "+32 2 502 14 99", "(02) 502 14 99": digits and phone punctuation. */
static int
phone_number(const char *s)
{
	size_t	digits = 0;

	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (strchr("+()-./ ", *s) == NULL)
			return 0;
	}
	return digits >= 7;
}

int
lang_contact(const char *line)
{
	char	*f = fold_line(line, NULL);
	size_t	 n, k;
	int	 hit = 0;

	if (f == NULL)
		return 0;
	if (phone_number(f) || strncmp(f, "www.", 4) == 0 ||
	    strncmp(f, "http", 4) == 0 ||
	    (strchr(f, '@') != NULL && strchr(f, ' ') == NULL)) {
		hit = 1;
		goto out;
	}
	if ((n = longest_at(LL_CONTACT, f, NULL)) == 0)
		goto out;
	k = n + strspn(f + n, " ");
	if (f[k] != ':' && f[k] != '.')
		goto out;
	k++;
	hit = strpbrk(f + k, "0123456789@") != NULL || strstr(f + k, "www.");
out:
	free(f);
	return hit;
}

int
lang_notes_heading(const char *line)
{
	const struct lang_words	*w;
	char			*f = fold_trimmed(line, ": ");
	int			 hit = 0;

	if (f == NULL)
		return 0;
	w = &lang_lists[LL_NOTES];
	for (size_t i = 0; i < w->n && !hit; i++)
		hit = strcmp(f, w->v[i].word) == 0;
	free(f);
	return hit;
}

/* --- dates ------------------------------------------------------------- */

/* A word or a number of the folded text, where it is. */
struct tok {
	size_t	 start, end;
	int	 num;		/* a number: its value; else -1 */
	int	 ndigits;
};

#define MAX_TOKS	64

static size_t
tokenize(const char *f, struct tok *t, size_t max)
{
	size_t	n = 0, i = 0;

	while (f[i] != '\0' && n < max) {
		size_t	s = i;
		int	digit = f[i] >= '0' && f[i] <= '9';

		if (!is_alnum((unsigned char)f[i])) {
			i++;
			continue;
		}
		while (f[i] != '\0' && is_alnum((unsigned char)f[i]) &&
		    (f[i] >= '0' && f[i] <= '9') == digit)
			i++;
		t[n].start = s;
		t[n].end = i;
		t[n].ndigits = digit ? (int)(i - s) : 0;
		t[n].num = digit && i - s <= 4 ? atoi(f + s) : -1;
		n++;
	}
	return n;
}

static int
is_word(const char *f, const struct tok *t, enum lang_list l, int *value)
{
	char	save[64];
	size_t	n = t->end - t->start;
	int	hit = 0;

	if (t->ndigits > 0 || n >= sizeof save)
		return 0;
	memcpy(save, f + t->start, n);
	save[n] = '\0';
	for (size_t i = 0; i < lang_lists[l].n && !hit; i++)
		if (strcmp(save, lang_lists[l].v[i].word) == 0) {
			hit = 1;
			if (value != NULL)
				*value = lang_lists[l].v[i].value;
		}
	return hit;
}

static int
is_month(const char *f, const struct tok *t, int *m)
{
	return is_word(f, t, LL_MONTHS, m);
}

static int
is_day(const struct tok *t)
{
	return t->ndigits >= 1 && t->ndigits <= 2 && t->num >= 1 &&
	    t->num <= 31;
}

static int
is_year(const struct tok *t)
{
	return t->ndigits == 4 && t->num >= 1800 && t->num <= 2200;
}

/* An ordinal glued to its day: "1st", "1er", "26th", "1º". */
static int
is_ordinal(const char *f, const struct tok *day, const struct tok *t)
{
	static const char *sfx[] = { "st", "nd", "rd", "th", "er", "re", "e",
	    "o", "a", "eme" };
	size_t	n = t->end - t->start;

	if (t->start != day->end || t->ndigits > 0)
		return 0;
	for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++)
		if (n == strlen(sfx[i]) && strncmp(f + t->start, sfx[i], n) == 0)
			return 1;
	return 0;
}

/* Skip date-words ("de", "le", "of") from token k. */
static size_t
skip_fill(const char *f, const struct tok *t, size_t k, size_t n)
{
	while (k < n && is_word(f, &t[k], LL_DATE_WORDS, NULL))
		k++;
	return k;
}

static int
valid(int y, int m, int d)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return !(m == 2 && d == 29 && (y % 4 != 0 ||
	    (y % 100 == 0 && y % 400 != 0)));
}

/* A date starting at token i: its last token in *last, 0 if none. */
static int
date_at(const char *f, const struct tok *t, size_t i, size_t n, int *ymd,
    size_t *last)
{
	size_t	k = i;
	int	m;

	/* 2023-06-26 */
	if (is_year(&t[i]) && i + 2 < n && f[t[i].end] == '-' &&
	    t[i + 1].start == t[i].end + 1 && f[t[i + 1].end] == '-' &&
	    t[i + 2].start == t[i + 1].end + 1 && t[i + 1].ndigits == 2 &&
	    t[i + 2].ndigits == 2) {
		ymd[0] = t[i].num, ymd[1] = t[i + 1].num, ymd[2] = t[i + 2].num;
		*last = i + 2;
		return valid(ymd[0], ymd[1], ymd[2]);
	}
	if (is_day(&t[i])) {
		char	sep = f[t[i].end];

		/* 11.7.2022, 11/07/2022, 11-07-2022: day first */
		if (i + 2 < n && strchr("./-", sep) != NULL &&
		    t[i + 1].start == t[i].end + 1 && t[i + 1].ndigits >= 1 &&
		    t[i + 1].ndigits <= 2 && f[t[i + 1].end] == sep &&
		    t[i + 2].start == t[i + 1].end + 1 && is_year(&t[i + 2])) {
			ymd[0] = t[i + 2].num, ymd[1] = t[i + 1].num;
			ymd[2] = t[i].num;
			*last = i + 2;
			return valid(ymd[0], ymd[1], ymd[2]);
		}
		/* 26 June 2023, 1er juillet 2022, 12 de mayo de 2023 */
		k = i + 1;
		if (k < n && is_ordinal(f, &t[i], &t[k]))
			k++;
		k = skip_fill(f, t, k, n);
		if (k + 1 < n && is_month(f, &t[k], &m)) {
			size_t y = skip_fill(f, t, k + 1, n);

			if (y < n && is_year(&t[y])) {
				ymd[0] = t[y].num, ymd[1] = m, ymd[2] = t[i].num;
				*last = y;
				return valid(ymd[0], ymd[1], ymd[2]);
			}
		}
		return 0;
	}
	/* June 26, 2023 */
	if (is_month(f, &t[i], &m) && i + 2 < n && is_day(&t[i + 1])) {
		k = i + 2;
		if (is_ordinal(f, &t[i + 1], &t[k]))
			k++;
		k = skip_fill(f, t, k, n);
		if (k < n && is_year(&t[k])) {
			ymd[0] = t[k].num, ymd[1] = m, ymd[2] = t[i + 1].num;
			*last = k;
			return valid(ymd[0], ymd[1], ymd[2]);
		}
	}
	return 0;
}

/* The date in folded f: its first and last token, 0 if none. */
static int
find_date(const char *f, struct tok *t, size_t n, int *ymd, size_t *first,
    size_t *last)
{
	for (size_t i = 0; i < n; i++)
		if (date_at(f, t, i, n, ymd, last)) {
			*first = i;
			return 1;
		}
	return 0;
}

static void
put_iso(char iso[11], const int *ymd)
{
	char	tmp[40];

	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", ymd[0], ymd[1], ymd[2]);
	memcpy(iso, tmp, 10);
	iso[10] = '\0';
}

int
lang_date(const char *text, char iso[11], size_t *start, size_t *end)
{
	struct tok	 t[MAX_TOKS];
	size_t		*map = NULL, n, first, last;
	char		*f;
	int		 ymd[3], hit = 0;

	if (text == NULL || *text == '\0' || strnlen(text, 4001) > 4000)
		return 0;
	lang_ensure();
	f = lang_fold(text, strlen(text), &map);
	n = tokenize(f, t, MAX_TOKS);
	if ((hit = find_date(f, t, n, ymd, &first, &last))) {
		put_iso(iso, ymd);
		if (start != NULL)
			*start = map[t[first].start];
		if (end != NULL)
			*end = map[t[last].end];
	}
	free(map);
	free(f);
	return hit;
}

int
lang_date_line(const char *line, char iso[11])
{
	struct tok	 t[MAX_TOKS];
	size_t		 n, first, last, words = 0;
	char		*f = fold_line(line, NULL);
	int		 ymd[3], hit = 0;

	if (f == NULL || strlen(line) > 80)
		goto out;
	n = tokenize(f, t, MAX_TOKS);
	if (!find_date(f, t, n, ymd, &first, &last))
		goto out;
	/* After the date only small words ("r."); before it a place,
	 * perhaps "Bruxelles, le", but no sentence. */
	for (size_t k = last + 1; k < n; k++)
		if (!is_word(f, &t[k], LL_DATE_WORDS, NULL))
			goto out;
	while (first > 0 && is_word(f, &t[first - 1], LL_DATE_WORDS, NULL))
		first--;
	for (size_t k = 0; k < first; k++)
		words += t[k].ndigits == 0;
	if (words > 4)
		goto out;
	for (size_t k = 0; k < t[first].start; k++)
		if (strchr(".;:!?", f[k]) != NULL)
			goto out;
	put_iso(iso, ymd);
	hit = 1;
out:
	free(f);
	return hit;
}
