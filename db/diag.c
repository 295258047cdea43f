/* diag.c: counted diagnostics; see diag.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <unistr.h>

#include "diag.h"
#include "sanitize.h"
#include "xmalloc.h"

void
diag_report(struct diag *d, enum diag_level level, const char *file,
    int line, int col, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *clean, *cfile = NULL;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* Messages can quote document text, and file names are anyone's
	 * bytes (a mail attachment's name): never let either drive a
	 * terminal. */
	clean = sanitize_display(msg);
	if (file != NULL)
		file = cfile = sanitize_display(file);
	if (level == DIAG_ERROR)
		d->nerr++;
	else
		d->nwarn++;
	if (d->fn != NULL)
		d->fn(d->arg, level, file, line, col, clean);
	else {
		fprintf(stderr, "brief: ");
		if (file != NULL)
			fprintf(stderr, "%s:", file);
		if (line > 0)
			fprintf(stderr, "%d:", line);
		if (line > 0 && col > 0)
			fprintf(stderr, "%d:", col);
		fprintf(stderr, "%s%s%s\n", file != NULL || line > 0 ? " " : "",
		    level == DIAG_WARNING ? "warning: " : "", clean);
	}
	free(cfile);
	free(clean);
	free(msg);
}

void
diag_locate(const char *buf, size_t pos, int *line, int *col)
{
	size_t	start = 0;

	*line = 1;
	for (size_t k = 0; k < pos; k++)
		if (buf[k] == '\n') {
			(*line)++;
			start = k + 1;
		}
	*col = 1 + (int)u8_mbsnlen((const uint8_t *)buf + start, pos - start);
}
