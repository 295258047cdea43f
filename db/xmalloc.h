/* xmalloc.h: allocation wrappers that end the program with "out of
 * memory" and status 3 on failure (after tmux's xmalloc.c), so callers
 * never test for NULL, plus a growable byte buffer. */
#ifndef BRIEF_XMALLOC_H
#define BRIEF_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* Print "out of memory" and end the program with status 3. */
void	 xmalloc_oom(size_t) __attribute__((noreturn));
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
/* Room for element n (0-based) of an array that only ever grows through
 * xappend, from NULL: capacity doubles at powers of two, so n appends
 * copy O(n) bytes in all (a realloc per element is quadratic wherever
 * realloc moves, as under ASan). */
void	*xappend(void *, size_t n, size_t);
char	*xstrdup(const char *);		/* NULL in, NULL out */
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list);

/* A growable byte buffer, always NUL-terminated once anything is added. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*buf_steal(struct buf *);	/* returns data (never NULL), resets */
void	 buf_free(struct buf *);

#endif
