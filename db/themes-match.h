/* themes-match.h: theme rules matched against a block's text in C
 * (themes-match.c); private to db/themes*.c and the import, whose
 * parsing thread holds a matcher of its own. */
#ifndef BRIEF_THEMES_MATCH_H
#define BRIEF_THEMES_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

struct theme_set;
struct themes_matcher;

/* The rules of set compiled against the tokenizer of db's FTS5 (porter
 * unicode61 remove_diacritics 2).  NULL when FTS5 has no such
 * tokenizer.  A rule that does not parse never matches, as a rule FTS5
 * refuses tags nothing. */
struct themes_matcher	*themes_matcher_new(sqlite3 *db,
			    const struct theme_set *set);
void			 themes_matcher_free(struct themes_matcher *);
/* Words of a bitset of the matcher's rules (bit i: rule i). */
size_t			 themes_matcher_words(const struct themes_matcher *);
/* Set bit i of hits (themes_matcher_words() words, zeroed by the
 * caller) for each rule i that "text MATCH rule" would match in an
 * FTS5 table of one column with the same tokenizer.  0, or -1 when the
 * tokenizer failed (hits then says nothing). */
int			 themes_matcher_run(struct themes_matcher *,
			    const char *text, uint64_t *hits);

#endif
