/* lang-int.h: the word lists lang.c matches against and lang-conf.c
 * fills from data/lang.conf and the user's own file.  Private to
 * db/lang*.c. */
#ifndef BRIEF_LANG_INT_H
#define BRIEF_LANG_INT_H

#include <stddef.h>

/* One per [section] of lang.conf, in the order of lang_list_names. */
enum lang_list {
	LL_SALUTATION, LL_CLOSING, LL_SUBJECT, LL_REFERENCE, LL_ADDRESS,
	LL_CONTACT, LL_NOTES, LL_REC_HEADING, LL_REC_INTRO, LL_MONTHS,
	LL_DATE_WORDS, LL__COUNT
};

struct lang_word {
	char	*word;		/* folded (lang_fold) */
	int	 value;		/* months: 1-12; closing: 1 for a prefix */
};

struct lang_words {
	struct lang_word	*v;
	size_t			 n;
};

extern struct lang_words	 lang_lists[LL__COUNT];
extern const char		*lang_list_names[LL__COUNT];

/* Add a folded word to a list (a copy). */
void	 lang_add(enum lang_list, const char *folded, int value);
/* Lower case, no diacritics; map (if not NULL) gets, for each byte of
 * the result and one past its end, the offset in s it came from. */
char	*lang_fold(const char *s, size_t len, size_t **map);
/* Load the lists if no one has yet (quietly: lang_load reports). */
void	 lang_ensure(void);

#endif
