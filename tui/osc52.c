/* osc52.c: copy to the terminal's clipboard with OSC 52
 * (ESC ] 52 ; c ; BASE64 BEL), which terminals and tmux (set-clipboard on)
 * pass to the local clipboard, so copying works over SSH.  Base64 is done
 * here: it is a dozen lines. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

char *
base64_encode(const void *data, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = data;
	char *out = xmalloc((n + 2) / 3 * 4 + 1), *o = out;

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;

		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		*o++ = tab[v >> 18 & 63];
		*o++ = tab[v >> 12 & 63];
		*o++ = i + 1 < n ? tab[v >> 6 & 63] : '=';
		*o++ = i + 2 < n ? tab[v & 63] : '=';
	}
	*o = '\0';
	return out;
}

char *
osc52_sequence(const char *text, size_t len)
{
	char *b64 = base64_encode(text, len);
	char *seq = xasprintf("\033]52;c;%s\a", b64);

	free(b64);
	return seq;
}
