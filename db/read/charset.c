/* charset.c: the charset module's one entry, uchardet's guess at the
 * encoding of bytes that are not UTF-8 (encoding.c decides when to
 * ask).  uchardet is C++ and brings libstdc++ with it: in a module, only
 * a legacy 8-bit file pays for them. */
#include "config.h"

#include <stddef.h>

#include <uchardet/uchardet.h>

#include "encoding.h"
#include "xmalloc.h"

char *
charset_guess(const char *buf, size_t len)
{
	uchardet_t	 ud = uchardet_new();
	char		*cs = NULL;

	if (ud == NULL)
		return NULL;
	if (uchardet_handle_data(ud, buf, len) == 0) {
		uchardet_data_end(ud);
		cs = xstrdup(uchardet_get_charset(ud));
	}
	uchardet_delete(ud);
	return cs;
}
