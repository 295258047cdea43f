/* zipread.h: the members of a ZIP archive held in memory (DOCX, ODT),
 * read with limits so a small file cannot expand into gigabytes: each
 * member at most ZIPREAD_MEMBER_MAX bytes, all of them ZIPREAD_TOTAL_MAX,
 * and none past 1 MB expanding more than ZIPREAD_RATIO times.  Private
 * to db/read/. */
#ifndef BRIEF_ZIPREAD_H
#define BRIEF_ZIPREAD_H

#include <stddef.h>

#include "diag.h"

#define ZIPREAD_MEMBER_MAX	(64u << 20)
#define ZIPREAD_TOTAL_MAX	(256u << 20)
#define ZIPREAD_RATIO		100

struct zipread;

/* "PK\3\4": the bytes start like a ZIP archive. */
int		 zipread_magic(const char *buf, size_t len);
/* Open buf (kept, not copied: it must outlive the archive); NULL with
 * an error in d naming file, or quietly when d is NULL (detectors). */
struct zipread	*zipread_open(const char *file, const char *buf, size_t len,
		    struct diag *d);
void		 zipread_close(struct zipread *);
/* Non-zero when the archive holds a member of that name. */
int		 zipread_has(struct zipread *, const char *name);
/* The name of the first member, or NULL. */
const char	*zipread_first(struct zipread *);
/* Read a member into *out (NUL-terminated, *len bytes, freed by the
 * caller): 0; 1 when there is no such member (nothing said); -1 with
 * an error in d (damaged, encrypted, or past a limit). */
int		 zipread_member(struct zipread *, const char *name,
		    char **out, size_t *len, struct diag *d);

#endif
