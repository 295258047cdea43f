/* import.h: between the importer's files: which document a parsed file
 * is, and under which slug it is stored (db/import-match.c). */
#ifndef BRIEF_IMPORT_H
#define BRIEF_IMPORT_H

#include "store.h"

struct match {
	int64_t	 id;		/* the document it updates; 0: a new one */
	char	*slug;		/* the slug it is stored under */
	char	*digest;	/* the stored document's, NULL if none */
	char	*why;		/* said to the user, or NULL */
};

/* Decide which document d (read from the file shown, whose identity is
 * source: a canonical path or a buffer's name; NULL for a pipe) is; replace: the slug the
 * user named, or NULL.  BDB_OK; BDB_NOTFOUND when replace names no
 * document; BDB_DATA (SQL error); *err set on failure. */
int	import_match(struct bdb *, const struct doc *d, const char *source,
	    const char *shown, const char *replace, struct match *,
	    char **err);
void	match_clear(struct match *);

/* A hash of everything an import stores of d (but its final slug and
 * anchors carried over): equal digests, nothing to write. */
void	doc_digest(const struct doc *, char out[17]);

#endif
