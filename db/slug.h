/* slug.h: the short names documents go by ("letter", "etude",
 * "resume-final", "αβ"): what a user types after 'brief show'. */
#ifndef BRIEF_SLUG_H
#define BRIEF_SLUG_H

#include <stddef.h>

#define SLUG_MAX	64	/* bytes */

/* A slug from any text (a file name, a title, a reference): lowercase
 * letters of every script and digits, runs of anything else as one '-',
 * Latin, Greek and Cyrillic accents dropped ("Résumé" -> "resume"), at
 * most max bytes (cut at a '-' when there is one), never a leading or
 * trailing '-'.  Invalid UTF-8 counts as a separator.  A new string, or
 * NULL when the text holds no letter nor digit. */
char	*slug_make(const char *s, size_t len, size_t max);
/* The slug of a file name: its basename without the extension, through
 * slug_make(); NULL if that is empty ("???.txt"). */
char	*slug_from_path(const char *path);

#endif
