/* sniff.c: what the first bytes of a file say about its format, for
 * every reader that lives in a module (formats.def): these tests need
 * none of the readers' libraries, so telling a text file from a PDF
 * loads neither poppler nor libxml2.  Each returns SNIFF_NO, SNIFF_YES,
 * or SNIFF_ASK when only the reader's own library can tell (an ODT
 * whose mimetype is not its first member): read.c then asks the
 * module's read_<id>_detect(). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "encoding.h"
#include "file.h"
#include "front-matter.h"
#include "read.h"

/* --- PDF ------------------------------------------------------------------ */

int
sniff_pdf(const char *buf, size_t len)
{
	size_t	n = len < 1024 ? len : 1024;

	for (size_t i = 0; i + 5 <= n; i++)
		if (memcmp(buf + i, "%PDF-", 5) == 0)
			return 1;
	return 0;
}

/* --- ZIP: ODT and DOCX ---------------------------------------------------- */

#define ODT_MIMETYPE	"application/vnd.oasis.opendocument.text"

static int
zip_magic(const char *buf, size_t len)
{
	return len >= 4 && memcmp(buf, "PK\003\004", 4) == 0;
}

static int
le16(const char *p)
{
	return (unsigned char)p[0] | (unsigned char)p[1] << 8;
}

/* The mimetype member comes first and stored, so its text sits at a
 * known place; an archive written otherwise is opened by the module to
 * look. */
int
sniff_odt(const char *buf, size_t len)
{
	size_t	at;

	if (!zip_magic(buf, len))
		return SNIFF_NO;
	if (len >= 38 && le16(buf + 26) == 8 && memcmp(buf + 30, "mimetype",
	    8) == 0 && le16(buf + 8) == 0) {
		at = 30 + 8 + (size_t)le16(buf + 28);
		if (at + strlen(ODT_MIMETYPE) <= len &&
		    memcmp(buf + at, ODT_MIMETYPE, strlen(ODT_MIMETYPE)) == 0)
			return SNIFF_YES;
	}
	return SNIFF_ASK;
}

/* Any ZIP that the ODT reader (listed before) did not take: a ZIP that
 * is no Word file either gets a precise message from read_docx. */
int
sniff_docx(const char *buf, size_t len)
{
	return zip_magic(buf, len) ? SNIFF_YES : SNIFF_NO;
}

/* --- HTML ----------------------------------------------------------------- */

static const char *
skip_prolog(const char *s)
{
	for (;;) {
		const char *e;

		s += strspn(s, " \t\r\n\f");
		if (strncmp(s, "<!--", 4) == 0 && (e = strstr(s, "-->")) != NULL)
			s = e + 3;
		else if (strncmp(s, "<?", 2) == 0 && (e = strstr(s, "?>")) != NULL)
			s = e + 2;
		else
			return s;
	}
}

/* "<!DOCTYPE html" or "<html" first (after a BOM, blanks, comments and
 * an XML declaration: XHTML too). */
int
sniff_html(const char *buf, size_t len)
{
	static char	 sniff[4096];
	const char	*s;

	enc_sniff(buf, len, sniff, sizeof sniff);
	s = skip_prolog(sniff);
	return strncasecmp(s, "<!doctype html", 14) == 0 ||
	    (strncasecmp(s, "<html", 5) == 0 && strchr(" \t\r\n>", s[5]) != NULL);
}

/* --- Markdown ------------------------------------------------------------- */

struct md_signs {
	int	headings, fences, links, strong, notes;
};

static int
is_heading(const char *s, size_t n)
{
	size_t	h = 0;

	while (h < n && s[h] == '#')
		h++;
	return h >= 1 && h <= 6 && h + 1 < n && s[h] == ' ' && s[h + 1] != ' ';
}

static int
is_note_def(const char *s, size_t n)
{
	const char	*e;

	if (n < 5 || s[0] != '[' || s[1] != '^')
		return 0;
	e = memchr(s, ']', n);
	return e != NULL && e > s + 2 && (size_t)(e - s) + 1 < n && e[1] == ':';
}

static void
scan_line(const char *s, size_t n, struct md_signs *m)
{
	while (n > 0 && s[0] == ' ') {
		s++;
		n--;
	}
	if (is_heading(s, n))
		m->headings++;
	if (n >= 3 && (memcmp(s, "```", 3) == 0 || memcmp(s, "~~~", 3) == 0))
		m->fences++;
	if (is_note_def(s, n))
		m->notes++;
	/* A long line's marks a megabyte at a time, its pages passed
	 * behind (file_passed: a mapped file's leave memory). */
	for (size_t a = 0, b; a + 2 < n; a = b) {
		b = n - a > (1u << 20) ? a + (1u << 20) : n;
		for (size_t i = a; i < b && i + 2 < n; i++) {
			if (s[i] == ']' && s[i + 1] == '(')
				m->links++;
			if (s[i] == '*' && s[i + 1] == '*' && s[i + 2] != ' ')
				m->strong++;
		}
		if (b < n)
			file_passed(s + a, b - a);
	}
}

/* "---" first, a known key, a closing line. */
static int
front_matter_start(const char *s, size_t n)
{
	const char	*l = s, *end = s + n, *nl;
	int		 known = 0;

	if (n < 4 || memcmp(s, "---", 3) != 0 || (s[3] != '\n' && s[3] != '\r'))
		return 0;
	for (int k = 0; l < end && k < 64; k++, l = nl + 1) {
		if ((nl = memchr(l, '\n', (size_t)(end - l))) == NULL)
			nl = end;
		if (k > 0 && ((nl - l >= 3 && memcmp(l, "---", 3) == 0) ||
		    (nl - l >= 3 && memcmp(l, "...", 3) == 0)))
			return known;
		if (front_matter_known(l, (size_t)(nl - l)))
			known = 1;
	}
	return 0;
}

/* Markdown rather than the letter's plain text, which has bold lead-ins
 * and bullets too: front matter, a footnote definition, or headings
 * with other markup. */
int
sniff_markdown(const char *buf, size_t len)
{
	static char	 sniff[65536];
	struct md_signs	 m = { 0 };
	const char	*s, *end, *nl, *from;
	size_t		 bom;

	if (enc_bom(buf, len, &bom) != NULL && bom != 3) {
		len = enc_sniff(buf, len, sniff, sizeof sniff);
		buf = sniff;
	} else if (bom == 3) {
		buf += 3;
		len -= 3;
	}
	if (file_memchr(buf, '\0', len) != NULL)
		return 0;
	if (front_matter_start(buf, len))
		return 1;
	/* A mapped file's pages leave behind the scan (file_passed). */
	for (s = from = buf, end = buf + len; s < end; s = nl + 1) {
		if ((nl = file_memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		scan_line(s, (size_t)(nl - s), &m);
		if (nl - from >= (1 << 20)) {
			file_passed(from, (size_t)(nl - from));
			from = nl;
		}
	}
	return m.notes > 0 || m.headings >= 2 ||
	    (m.headings >= 1 && (m.links > 0 || m.fences > 0 || m.strong > 0));
}
