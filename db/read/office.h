/* office.h: what the DOCX and ODT readers share beyond the ZIP and XML
 * helpers: list counters printed as the document prints them, and the
 * list numbering of a DOCX (numbering.xml).  Private to db/read/. */
#ifndef BRIEF_OFFICE_H
#define BRIEF_OFFICE_H

#include <libxml/tree.h>

#include "xmalloc.h"

/* Append n in a list format: '1' decimal, 'a'/'A' letters (a..z, aa..),
 * 'i'/'I' roman numerals, '0' decimal with a leading zero. */
void	office_counter(struct buf *, int n, char fmt);

/* DOCX numbering: the definitions of numbering.xml and a counter per
 * list and level, advanced paragraph by paragraph as Word does. */
struct docx_num;
struct docx_num	*docx_num_new(xmlNode *numbering_root);
void		 docx_num_free(struct docx_num *);
/* The next paragraph of list numid at level ilvl: -1 when numid names
 * no list (not a list paragraph), 0 a bullet (no number), 1 with the
 * printed number ("3.", "b)", "ii.") in *number (freed by the
 * caller). */
int		 docx_num_next(struct docx_num *, int numid, int ilvl,
		    char **number);

#endif
