/* embedded.h: files compiled into the binary (see data/embed.sh and
 * EMBEDDED in Makefile.am), looked up by their path in the source tree,
 * e.g. "data/briefings/letter.txt", "keymaps/vi.keys".  NUL-terminated. */
#ifndef BRIEF_EMBEDDED_H
#define BRIEF_EMBEDDED_H

#include <stddef.h>

const char	*embedded_get(const char *name, size_t *len);

#endif
