/* encoding.h: the bytes of a text-family file (plain text, HTML,
 * Markdown) as UTF-8: a byte-order mark read and stripped, UTF-16 and
 * UTF-32 converted, legacy 8-bit text detected (uchardet) and converted
 * (iconv), or the encoding the user named with --encoding.  Private to
 * db/read/. */
#ifndef BRIEF_ENCODING_H
#define BRIEF_ENCODING_H

#include <stddef.h>

#include "diag.h"
#include "parse.h"

/* Decode len bytes of buf.  On success returns 0 and sets *out to a new
 * NUL-terminated UTF-8 buffer of *outlen bytes, or to NULL when buf is
 * to be read as it is (UTF-8 with no BOM, or bytes that are no known
 * encoding: the caller's UTF-8 check then names the bad byte).  hint is
 * a charset the document declares (an HTML <meta charset>), or NULL.
 * When the encoding used is not UTF-8, a warning says which it was.
 * Returns -1 with an error in d when --encoding names an unknown
 * encoding or the bytes are not in it. */
int	enc_decode(const char *file, const char *buf, size_t len,
	    const char *hint, const struct parse_opts *, struct diag *,
	    char **out, size_t *outlen);

/* Check that buf is UTF-8 with no NUL byte, as the text reader does:
 * 0, or -1 with "file:line:col: invalid UTF-8" (a warning and 0 under
 * PARSE_LENIENT, the bytes then read as U+FFFD). */
int	enc_check_utf8(const char *file, const char *buf, size_t len,
	    unsigned flags, struct diag *);

/* Up to cap - 1 bytes of the start of buf as ASCII, for detection by
 * markup: a BOM skipped, UTF-16/32 code units narrowed, anything not
 * ASCII as '?'.  Returns the length written (out is NUL-terminated). */
size_t	enc_sniff(const char *buf, size_t len, char *out, size_t cap);

/* The encoding a byte-order mark at the start of buf names ("UTF-8",
 * "UTF-16LE", ...), with its length in *bom; NULL if none. */
const char *enc_bom(const char *buf, size_t len, size_t *bom);

/* uchardet's guess at the charset of buf (freed by the caller; "" for
 * no idea, NULL on failure).  In the charset module (charset.c). */
char	*charset_guess(const char *buf, size_t len);

#endif
