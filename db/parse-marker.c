/* parse-marker.c: what starts a list item or a numbered heading, as
 * pasted from anywhere: bullets of every common shape ("-", "•", "◦",
 * "▪", "o" + tab, "–", ">"...) and printed numbers ("1.", "2.3",
 * "a)", "(iv)", "IV.", "Section 2").  A marker's family says which
 * markers are siblings; its rank says which nest under which when a
 * paste lost the indentation (a "◦" under a "•"). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse-int.h"

/* Bullets and their rank: 0 top-level shapes, 1 and 2 the shapes word
 * processors and web pages give sub-items. */
static const struct {
	const char	*s;
	int		 rank;
	int		 tab_only;	/* "o" is a bullet only before a tab
					 * (two spaces or more, tabs expanded) */
} bullets[] = {
	{ "-", 0, 0 }, { "*", 0, 0 }, { "+", 0, 0 },
	{ "\u2022", 0, 0 },		/* • */
	{ "\u25cf", 0, 0 },		/* ● */
	{ "\u25a0", 0, 0 },		/* ■ */
	{ "\u27a2", 0, 0 },		/* ➢ */
	{ "\u25ba", 0, 0 },		/* ► */
	{ "\u00b7", 0, 0 },		/* · */
	{ ">", 0, 0 },
	{ "\u25e6", 1, 0 },		/* ◦ */
	{ "\u25cb", 1, 0 },		/* ○ */
	{ "o", 1, 1 },
	{ "\u2013", 1, 0 },		/* – */
	{ "\u2014", 1, 0 },		/* — */
	{ "\u2023", 1, 0 },		/* ‣ */
	{ "\u2043", 1, 0 },		/* ⁃ */
	{ "\u25aa", 2, 0 },		/* ▪ */
	{ "\u25ab", 2, 0 },		/* ▫ */
	{ "\u25a1", 2, 0 },		/* □ */
	{ "\u00a7", 2, 1 },		/* § (Wingdings) */
};
#define NBULLETS	(sizeof bullets / sizeof *bullets)

/* Number families start after the bullets'. */
enum { NF_ARABIC = 100, NF_LOWER, NF_UPPER, NF_LROMAN, NF_UROMAN };

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
bullet(const struct line *l, struct marker *m)
{
	for (size_t k = 0; k < NBULLETS; k++) {
		size_t n = strlen(bullets[k].s);

		if (l->len <= n + 1 || strncmp(l->s, bullets[k].s, n) != 0)
			continue;
		if (bullets[k].tab_only ? strncmp(l->s + n, "  ", 2) != 0 :
		    !is_blank(l->s[n]))
			continue;
		m->family = (int)k;
		m->rank = bullets[k].rank;
		m->rest = n + strspn(l->s + n, " \t");
		m->number[0] = '\0';
		m->comps = 0;
		return m->rest < l->len;
	}
	return 0;
}

static size_t
span_of(const char *s, const char *set, size_t max)
{
	size_t	n = strspn(s, set);

	return n <= max ? n : 0;
}

/* The style of a run of letters: a roman numeral or a letter. */
static int
letter_family(const char *s, size_t n)
{
	if (n == 0)
		return -1;
	if (span_of(s, "ivxlc", 6) == n && (n > 1 || strchr("ivx", *s)))
		return NF_LROMAN;
	if (span_of(s, "IVXLC", 6) == n && (n > 1 || strchr("IVX", *s)))
		return NF_UROMAN;
	if (n != 1)
		return -1;
	if (*s >= 'a' && *s <= 'z')
		return NF_LOWER;
	if (*s >= 'A' && *s <= 'Z')
		return NF_UPPER;
	return -1;
}

static void
set_number(struct marker *m, const char *s, size_t n)
{
	if (n >= sizeof m->number)
		n = sizeof m->number - 1;
	memcpy(m->number, s, n);
	m->number[n] = '\0';
}

/* "1.", "1)", "1.2", "1.2.", "(1)", "a)", "(iv)", "IV.", "B." */
static int
number(const struct line *l, struct marker *m)
{
	const char	*s = l->s;
	size_t		 k = 0, d;
	int		 paren = s[0] == '(', fam;

	k = paren;
	if ((d = span_of(s + k, "0123456789", 3)) > 0) {
		fam = NF_ARABIC;
		k += d;
		m->comps = 1;
		while (s[k] == '.' && (d = span_of(s + k + 1, "0123456789",
		    3)) > 0) {
			k += 1 + d;
			m->comps++;
		}
	} else {
		d = strspn(s + k, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
		if ((fam = letter_family(s + k, d)) < 0)
			return 0;
		k += d;
		m->comps = 1;
	}
	if (paren) {
		if (s[k] != ')')
			return 0;
		k++;
	} else if (s[k] == '.' || s[k] == ')')
		k++;
	else if (fam != NF_ARABIC || m->comps < 2)
		return 0;		/* "1.2 Text" needs no dot */
	if (!is_blank(s[k]) || k + 1 >= l->len)
		return 0;
	/* ")" and "(" numbers are other families than "." ones. */
	m->family = fam + (paren ? 20 : s[k - 1] == ')' ? 10 : 0);
	m->rank = fam == NF_ARABIC ? 0 : fam == NF_LOWER ||
	    fam == NF_UPPER ? 1 : 2;
	set_number(m, s, k);
	m->rest = k + strspn(s + k, " \t");
	m->style = fam;
	return 1;
}

int
parse_marker(const struct line *l, struct marker *m)
{
	memset(m, 0, sizeof *m);
	return bullet(l, m) || number(l, m);
}

/* "i)" after "h)": a letter, not a roman one, when the list open at
 * this indent is lettered the same way. */
void
parse_marker_in_list(struct marker *m, int open_family)
{
	int	delim = m->family - m->style;	/* 0, 10 or 20 */
	char	c = m->number[m->number[0] == '('];

	if ((m->style != NF_LROMAN && m->style != NF_UROMAN) ||
	    strlen(m->number) != 2u + (m->number[0] == '(') ||
	    strchr("ivxIVX", c) == NULL)
		return;
	if (open_family == (m->style == NF_LROMAN ? NF_LOWER : NF_UPPER) +
	    delim) {
		m->style = m->style == NF_LROMAN ? NF_LOWER : NF_UPPER;
		m->family = open_family;
		m->rank = 1;
	}
}

int
parse_marker_arabic(const struct marker *m)
{
	return m->style == NF_ARABIC;
}

int
parse_marker_upper(const struct marker *m)
{
	return m->style == NF_UPPER || m->style == NF_UROMAN;
}

int
parse_marker_roman(const struct marker *m)
{
	return m->style == NF_UROMAN;
}

/* "Section 2", "Chapter IV: Title", "Part 3 – Title": the number's
 * end (the word and its number), and the title's offset in *rest (0
 * when none follows). */
size_t
parse_section_word(const struct line *l, size_t *rest)
{
	static const char *words[] = { "section ", "chapter ", "part " };
	const char	*s = l->s;
	size_t		 k = 0, d;

	for (size_t i = 0; i < sizeof words / sizeof *words && k == 0; i++)
		if (has_prefix(s, words[i]))
			k = strlen(words[i]);
	if (k == 0)
		return 0;
	if ((d = span_of(s + k, "0123456789", 3)) == 0 &&
	    (d = span_of(s + k, "IVXLC", 6)) == 0)
		return 0;
	k += d;
	*rest = 0;
	if (s[k] == '\0')
		return k;
	d = k + strspn(s + k, " .:");
	if (strncmp(s + d, "\u2013", 3) == 0 || strncmp(s + d, "\u2014", 3) == 0)
		d += 3;
	else if (s[d] == '-')
		d++;
	d += strspn(s + d, " ");
	if (d == k || s[d] == '\0')
		return s[k] == '\0' || s[k + strspn(s + k, " .:")] == '\0' ? k : 0;
	*rest = d;
	return k;
}
