/* encoding.c: any text-family file's bytes to UTF-8 (see encoding.h).
 *
 * The order is what the bytes prove first: the user's --encoding, then
 * a byte-order mark, then valid UTF-8 as it is; only bytes that are not
 * UTF-8 (and are not UTF-8 with a few broken bytes, which --lenient is
 * for) go to uchardet (in the charset module: it brings libstdc++, which
 * a UTF-8 file never needs), and its answer to iconv.  ISO-8859-1 is read as
 * its superset Windows-1252, as browsers do, so curly quotes and the
 * euro sign survive. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "encoding.h"
#include "file.h"
#include "module.h"
#include "xmalloc.h"

const char *
enc_bom(const char *buf, size_t len, size_t *bom)
{
	const unsigned char	*u = (const unsigned char *)buf;

	*bom = 0;
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		*bom = 3;
		return "UTF-8";
	}
	if (len >= 4 && u[0] == 0xff && u[1] == 0xfe && u[2] == 0 &&
	    u[3] == 0) {
		*bom = 4;
		return "UTF-32LE";
	}
	if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xfe &&
	    u[3] == 0xff) {
		*bom = 4;
		return "UTF-32BE";
	}
	if (len >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		*bom = 2;
		return "UTF-16LE";
	}
	if (len >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		*bom = 2;
		return "UTF-16BE";
	}
	return NULL;
}

static int
is_utf8_name(const char *name)
{
	return strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0;
}

static char *
copy_out(const char *buf, size_t len, size_t *outlen)
{
	char	*s = xmalloc(len + 1);

	memcpy(s, buf, len);
	s[len] = '\0';
	*outlen = len;
	return s;
}

/* iconv from name to UTF-8, the whole buffer.  0, or -1 with *bad the
 * offset of the first byte not in the encoding (SIZE_MAX: iconv does
 * not know the name). */
static int
convert(const char *name, const char *buf, size_t len, char **out,
    size_t *outlen, size_t *bad)
{
	iconv_t	 cd = iconv_open("UTF-8", name);
	char	*in = (char *)buf, *dst, *res;
	size_t	 inleft = len, cap = len * 2 + 16, outleft;
	int	 rc = -1;

	*bad = SIZE_MAX;
	if (cd == (iconv_t)-1)
		return -1;
	res = xmalloc(cap);
	dst = res;
	outleft = cap - 1;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &dst, &outleft) != (size_t)-1)
			continue;
		if (errno != E2BIG) {
			*bad = (size_t)(in - buf);
			goto out;
		}
		size_t used = (size_t)(dst - res);

		cap *= 2;
		res = xrealloc(res, cap);
		dst = res + used;
		outleft = cap - used - 1;
	}
	*dst = '\0';
	*outlen = (size_t)(dst - res);
	*out = res;
	res = NULL;
	rc = 0;
out:
	free(res);
	iconv_close(cd);
	return rc;
}

/* Not UTF-8 at all, rather than UTF-8 with a few broken bytes: more
 * bytes that fail as UTF-8 than multi-byte characters that pass, and
 * those bytes inside words (accented letters) or more than one (a
 * legacy file's quotes and dashes stand between spaces), not one byte
 * alone (a stray byte in a UTF-8 file). */
static int
looks_legacy(const char *buf, size_t len)
{
	const uint8_t	*s = (const uint8_t *)buf;
	size_t		 i = 0, good = 0, bad = 0, inword = 0;

	while (i < len) {
		ucs4_t	c;
		int	n;

		if (s[i] < 0x80) {
			i++;
			continue;
		}
		n = u8_mbtoucr(&c, s + i, len - i);
		if (n > 1) {
			good++;
			i += (size_t)n;
			continue;
		}
		bad++;
		if ((i > 0 && (s[i - 1] >= 0x80 || isalpha(s[i - 1]))) ||
		    (i + 1 < len && (s[i + 1] >= 0x80 || isalpha(s[i + 1]))))
			inword++;
		i++;
	}
	return bad > good && (inword * 2 > bad || bad >= 2);
}

/* uchardet's guess in *cs (NULL: none); -1 with an error in d when
 * the charset module cannot be loaded. */
static int
detect(const char *file, const char *buf, size_t len, struct diag *d,
    char **cs)
{
	char	*(*guess)(const char *, size_t);

	guess = (char *(*)(const char *, size_t))module_sym("charset",
	    "charset_guess", "read a legacy encoding without --encoding", file,
	    d);
	if (guess == NULL)
		return -1;
	*cs = guess(buf, len);
	return 0;
}

static int
has_c1(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)buf[i] >= 0x80 && (unsigned char)buf[i] < 0xa0)
			return 1;
	return 0;
}

/* The name to give iconv: Latin-1 read as its superset Windows-1252;
 * an ISO-8859 guess for bytes holding 0x80-0x9F (control characters in
 * ISO-8859, quotes, dashes and letters such as š in Windows code pages)
 * read as the Windows code page of the same script. */
static const char *
widen(const char *name, const char *buf, size_t len)
{
	static const struct { const char *iso, *win; } pages[] = {
		{ "ISO-8859-2", "WINDOWS-1250" },
		{ "ISO-8859-5", "WINDOWS-1251" },
		{ "ISO-8859-7", "WINDOWS-1253" },
		{ "ISO-8859-9", "WINDOWS-1254" },
		{ "ISO-8859-8", "WINDOWS-1255" },
		{ "ISO-8859-6", "WINDOWS-1256" },
		{ "ISO-8859-13", "WINDOWS-1257" },
		{ "ISO-8859-4", "WINDOWS-1257" },
		{ "ISO-8859-15", "WINDOWS-1252" },
	};

	if (strcasecmp(name, "ISO-8859-1") == 0 ||
	    strcasecmp(name, "ISO8859-1") == 0 ||
	    strcasecmp(name, "LATIN1") == 0 ||
	    strcasecmp(name, "US-ASCII") == 0 || strcasecmp(name, "ASCII") == 0)
		return "WINDOWS-1252";
	if (!has_c1(buf, len))
		return name;
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
		if (strcasecmp(name, pages[i].iso) == 0)
			return pages[i].win;
	return name;
}

static int
forced(const char *file, const char *buf, size_t len, const char *name,
    struct diag *d, char **out, size_t *outlen)
{
	size_t	bom, bad;

	if (is_utf8_name(name)) {
		if (enc_bom(buf, len, &bom) != NULL && bom == 3) {
			buf += 3;
			len -= 3;
		}
		*out = copy_out(buf, len, outlen);
		return 0;
	}
	if (convert(name, buf, len, out, outlen, &bad) == 0) {
		if (*outlen >= 3 && memcmp(*out, "\xef\xbb\xbf", 3) == 0) {
			memmove(*out, *out + 3, *outlen - 2);
			*outlen -= 3;
		}
		diag_warn(d, file, 0, 0, "read as %s", name);
		return 0;
	}
	if (bad == SIZE_MAX)
		diag_error(d, file, 0, 0, "unknown encoding '%s' (try "
		    "UTF-8, WINDOWS-1252, ISO-8859-2, UTF-16LE: names as "
		    "'iconv -l' lists them)", name);
	else
		diag_error(d, file, 0, 0, "byte %zu is not valid %s (see "
		    "--encoding)", bad + 1, name);
	return -1;
}

int
enc_decode(const char *file, const char *buf, size_t len, const char *hint,
    const struct parse_opts *o, struct diag *d, char **out, size_t *outlen)
{
	const char	*bomenc;
	char		*cs = NULL;
	const char	*name;
	size_t		 bom, bad;
	int		 rc = 0;

	*out = NULL;
	*outlen = 0;
	if (o != NULL && o->encoding != NULL)
		return forced(file, buf, len, o->encoding, d, out, outlen);
	if ((bomenc = enc_bom(buf, len, &bom)) != NULL) {
		if (bom == 3) {
			*out = copy_out(buf + 3, len - 3, outlen);
			return 0;
		}
		if (convert(bomenc, buf + bom, len - bom, out, outlen,
		    &bad) != 0) {
			diag_error(d, file, 0, 0, "byte %zu is not valid %s "
			    "(the file starts with its byte-order mark)",
			    bad == SIZE_MAX ? 0 : bad + bom + 1, bomenc);
			return -1;
		}
		diag_warn(d, file, 0, 0, "read as %s", bomenc);
		return 0;
	}
	if (file_u8_check(buf, len) == NULL)
		return 0;
	if ((hint == NULL || is_utf8_name(hint)) && looks_legacy(buf, len) &&
	    detect(file, buf, len, d, &cs) != 0)
		return -1;
	if (hint != NULL && !is_utf8_name(hint))
		name = widen(hint, buf, len);
	else if (cs != NULL && *cs != '\0' && !is_utf8_name(cs))
		name = widen(cs, buf, len);
	else
		goto out;
	if (convert(name, buf, len, out, outlen, &bad) == 0)
		diag_warn(d, file, 0, 0, "read as %s", name);
	else
		diag_warn(d, file, 0, 0, "neither UTF-8 nor %s (name the "
		    "encoding with --encoding NAME)", name);
out:
	free(cs);
	return rc;
}


int
enc_check_utf8(const char *file, const char *buf, size_t len, unsigned flags,
    struct diag *d)
{
	const uint8_t	*bad;
	const char	*nul;
	int		 line, col;

	if ((nul = memchr(buf, '\0', len)) != NULL) {
		diag_locate(buf, (size_t)(nul - buf), &line, &col);
		diag_error(d, file, line, col, "NUL byte (binary file?)");
		return -1;
	}
	if ((bad = u8_check((const uint8_t *)buf, len)) == NULL)
		return 0;
	diag_locate(buf, (size_t)((const char *)bad - buf), &line, &col);
	if (!(flags & PARSE_LENIENT)) {
		diag_error(d, file, line, col, "invalid UTF-8 (name the "
		    "encoding with --encoding NAME, or --lenient)");
		return -1;
	}
	diag_warn(d, file, line, col, "invalid UTF-8 replaced with U+FFFD");
	return 0;
}

size_t
enc_sniff(const char *buf, size_t len, char *out, size_t cap)
{
	size_t		 bom, step = 1, lo = 0, n = 0;
	const char	*enc = enc_bom(buf, len, &bom);

	if (enc != NULL && strncmp(enc, "UTF-16", 6) == 0) {
		step = 2;
		lo = strcmp(enc, "UTF-16LE") == 0 ? 0 : 1;
	} else if (enc != NULL && strncmp(enc, "UTF-32", 6) == 0) {
		step = 4;
		lo = strcmp(enc, "UTF-32LE") == 0 ? 0 : 3;
	}
	for (size_t i = bom; i + step <= len && n + 1 < cap; i += step) {
		unsigned char	c = (unsigned char)buf[i + lo];
		int		wide = 0;

		for (size_t k = 0; k < step; k++)
			if (k != lo && buf[i + k] != 0)
				wide = 1;
		out[n++] = wide || c >= 0x80 || c == 0 ? '?' : (char)c;
	}
	if (cap > 0)
		out[n] = '\0';
	return n;
}
