/* letter-parts.h: a letter's salutation, closing and signature in a
 * format that has only paragraphs for them (HTML, Markdown): the readers
 * pass each paragraph they close, and the parts the letter's own text
 * reader finds by its lines are given the same kinds.  Private to
 * db/read/. */
#ifndef BRIEF_LETTER_PARTS_H
#define BRIEF_LETTER_PARTS_H

#include "model.h"

struct letter_parts {
	int	seen_salutation;
	int	seen_closing;
	int	in_signature;	/* paragraphs after the closing */
};

/* bl: a paragraph just closed (NULL is allowed); its kind may change. */
void	letter_part(struct letter_parts *, struct block *bl);
/* Anything but a paragraph ends the signature. */
void	letter_part_break(struct letter_parts *);

#endif
