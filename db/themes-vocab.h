/* themes-vocab.h: the document's terms, to skip theme rules that cannot
 * match it (themes-vocab.c); private to db/themes*.c. */
#ifndef BRIEF_THEMES_VOCAB_H
#define BRIEF_THEMES_VOCAB_H

#include <stddef.h>

struct bdb;

struct themes_vocab {
	char	**v;		/* sorted, as FTS5 keeps them */
	size_t	  n;
	int	  loaded;	/* 0: every rule may match */
};

/* The terms of temp.tag_scratch (the document being tagged); 0, or -1
 * (v then says every rule may match). */
int	themes_vocab_load(struct bdb *, struct themes_vocab *);
void	themes_vocab_clear(struct themes_vocab *);
/* Could rule number i, with this translated MATCH text, match?  0 if
 * not; 1 if it may, with *reduced a new MATCH text holding only the
 * rule's terms the document has (a rule of ORs only), or NULL: run the
 * rule as it is. */
int	themes_vocab_rule(struct bdb *, const struct themes_vocab *,
	    size_t i, const char *match, char **reduced);

#endif
