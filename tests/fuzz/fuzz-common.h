/* fuzz-common.h: shared by the libFuzzer targets: a diag sink that keeps
 * messages off stderr (they would slow the fuzzer and hide its report)
 * but still checks each message is one clean line. */
#ifndef BRIEF_FUZZ_COMMON_H
#define BRIEF_FUZZ_COMMON_H

#include <stdlib.h>
#include <string.h>

#include "diag.h"

/* A message may quote input: it must reach the terminal with no control
 * byte, so diag_report's sanitising is checked on every message. */
static void
fuzz_diag_fn(void *arg, enum diag_level level, const char *file, int line,
    int col, const char *msg)
{
	const unsigned char	*p;

	(void)arg; (void)level; (void)file; (void)line; (void)col;
	for (p = (const unsigned char *)msg; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			abort();
}

static inline struct diag
fuzz_diag(void)
{
	struct diag	d;

	memset(&d, 0, sizeof d);
	d.fn = fuzz_diag_fn;
	return d;
}

#endif
