/* sanitize.h: remove what could drive a terminal from text: C0 and C1
 * control characters, DEL, ESC sequences (CSI, OSC, DCS, ...) and bidi
 * override/isolate controls, zero-width and tag characters (U+200B-D,
 * U+2060-4, U+FEFF, U+E0000-E007F); U+2028/U+2029 become a newline (or a
 * space).  Used at import and again at display. */
#ifndef BRIEF_SANITIZE_H
#define BRIEF_SANITIZE_H

#include <stddef.h>

#define SAN_KEEP_NEWLINE	0x1	/* keep '\n' (tabs become a space) */

/* Returns a new NUL-terminated string.  Invalid UTF-8 becomes U+FFFD. */
char	*sanitize_text(const char *, size_t, unsigned flags);
/* sanitize_text(s, strlen(s), 0): one line, for the screen. */
char	*sanitize_display(const char *);
/* Non-zero if s holds the start of an escape sequence (ESC, or a C1
 * control U+0080..U+009F), whose body may run on for any length: a text
 * cleaned in pieces goes whole when it does. */
int	 sanitize_has_escapes(const char *s, size_t len);
/* Non-zero if sanitize_text would change nothing (flags as above). */
int	 sanitize_is_clean(const char *, size_t, unsigned flags);

#endif
