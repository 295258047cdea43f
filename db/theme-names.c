/* theme-names.c: the themes nearest to a name that is not one, for "no
 * such theme" messages (search --theme, theme:, export --theme, tag).
 * Nearest by edit distance over slugs, ties in themes.conf order; owns
 * nothing beyond one call. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "brief-db.h"
#include "xmalloc.h"

#define NEAREST_MAX	3

/* Levenshtein distance of a and b, case folded (ASCII: slugs are). */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), *row, d;

	row = xcalloc(lb + 1, sizeof *row);
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag +
			    (tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]));

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

/* The distance to the slug or, one more, to its start as long as the
 * name: "survey" is near "surveillance". */
static size_t
nearness(const char *want, const char *slug)
{
	size_t n = strlen(want), whole = distance(want, slug), start;
	char *head;

	if (n == 0 || n >= strlen(slug))
		return whole;
	head = xstrndup(slug, n);
	start = distance(want, head) + 1;
	free(head);
	return start < whole ? start : whole;
}

char *
bdb_theme_nearest(struct bdb *b, const char *name)
{
	struct theme	*t = NULL;
	size_t		 n = 0, k = 0;
	size_t		 pick[NEAREST_MAX], dist[NEAREST_MAX];
	struct buf	 out = { 0 };

	if (name == NULL || bdb_themes(b, &t, &n) != BDB_OK || n == 0) {
		bdb_themes_free(t, n);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		size_t d = nearness(name, t[i].slug), j;

		for (j = k; j > 0 && dist[j - 1] > d; j--)
			if (j < NEAREST_MAX) {
				pick[j] = pick[j - 1];
				dist[j] = dist[j - 1];
			}
		if (j < NEAREST_MAX) {
			pick[j] = i;
			dist[j] = d;
			if (k < NEAREST_MAX)
				k++;
		}
	}
	for (size_t j = 0; j < k; j++)
		buf_printf(&out, "%s%s", j ? ", " : "", t[pick[j]].slug);
	bdb_themes_free(t, n);
	return buf_steal(&out);
}
