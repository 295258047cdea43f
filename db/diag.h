/* diag.h: diagnostics as "file:line[:col]: message", counted, so a parser
 * can report and carry on and its caller can decide the exit status. */
#ifndef BRIEF_DIAG_H
#define BRIEF_DIAG_H

#include <stddef.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

struct diag {
	/* Called for each message; NULL prints to stderr as
	 * "brief: FILE:LINE:COL: warning: MSG". */
	void	(*fn)(void *arg, enum diag_level, const char *file, int line,
		    int col, const char *msg);
	void	*arg;
	int	 nwarn;
	int	 nerr;
};

/* line or col <= 0 are left out of the location. */
void	diag_report(struct diag *, enum diag_level, const char *file,
	    int line, int col, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
/* Line and column (in characters, 1-based) of byte pos of buf (UTF-8),
 * for a message that points at a byte. */
void	diag_locate(const char *buf, size_t pos, int *line, int *col);

#define diag_warn(d, f, l, c, ...) \
	diag_report((d), DIAG_WARNING, (f), (l), (c), __VA_ARGS__)
#define diag_error(d, f, l, c, ...) \
	diag_report((d), DIAG_ERROR, (f), (l), (c), __VA_ARGS__)

#endif
