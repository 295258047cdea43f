/* lang.c: words that introduce recommendations, in the languages of EU
 * correspondence; see lang.h.  Text and patterns are compared folded
 * (lower case, no diacritics: "Doporučení" is "doporuceni"). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>
#include <unictype.h>

#include "lang.h"
#include "xmalloc.h"

static const char *rec_headings[] = {
	"recommendation", "key asks", "our asks", "what we ask",
	"recommandation", "aanbeveling", "empfehlung", "forderung",
	"recomendacion", "recomendacao", "raccomandazion", "rekomendacj",
	"zalecen", "doporuceni", "odporucan", NULL
};

static const char *rec_intros[] = {
	"we call on", "we urge", "urges you to", "urge you to", "calls on",
	"call upon", "we recommend", "recommends that", "we ask",
	"nous vous appelons", "appelle", "nous demandons", "exhorte",
	"roepen", "verzoeken", "dringt aan", "fordern", "fordert",
	"appelliert", "pedimos", "instamos", "insta a", "chiediamo",
	"esorta", "wzywa", "apelujemy", "vyzyva", "vyzyvame", "apelujeme",
	"apelamos", "exortamos", NULL
};

/* Lower case without diacritics: NFD, marks dropped, case folded. */
static char *
fold(const char *s)
{
	size_t	 n = 0, k = 0;
	uint8_t	*f = u8_casefold((const uint8_t *)s, strlen(s), NULL,
	    UNINORM_NFD, NULL, &n);
	char	*out;

	if (f == NULL)
		return xstrdup(s);
	out = xmalloc(n + 1);
	for (size_t i = 0; i < n;) {
		ucs4_t	c;
		int	l = u8_mbtouc(&c, f + i, n - i);

		if (!uc_is_general_category(c, UC_CATEGORY_M)) {
			memcpy(out + k, f + i, (size_t)l);
			k += (size_t)l;
		}
		i += (size_t)l;
	}
	out[k] = '\0';
	free(f);
	return out;
}

static int
any(const char *text, const char **words, size_t maxlen)
{
	char	*t;
	int	 hit = 0;

	if (text == NULL || strlen(text) > maxlen)
		return 0;
	t = fold(text);
	for (size_t i = 0; words[i] != NULL && !hit; i++)
		hit = strstr(t, words[i]) != NULL;
	free(t);
	return hit;
}

int
lang_rec_heading(const char *text)
{
	return any(text, rec_headings, 200);
}

int
lang_rec_intro(const char *text)
{
	return any(text, rec_intros, 2000);
}
