/* test-office.c: list numbers as Word and LibreOffice print them: the
 * counter formats, and Word's numbering definitions (levels restarting,
 * lists continued across w:num, start overrides, bullets). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>

#include "office.h"
#include "xmlsafe.h"

static void
counter(int n, char fmt, const char *want)
{
	struct buf	 b = { 0 };
	char		*got;

	office_counter(&b, n, fmt);
	got = buf_steal(&b);
	assert_string_equal(got, want);
	free(got);
}

static void
test_counter_formats(void **state)
{
	counter(1, '1', "1");
	counter(12, '1', "12");
	counter(3, '0', "03");
	counter(1, 'a', "a");
	counter(26, 'a', "z");
	counter(27, 'a', "aa");
	counter(28, 'A', "BB");
	counter(4, 'i', "iv");
	counter(9, 'i', "ix");
	counter(14, 'I', "XIV");
	counter(1999, 'I', "MCMXCIX");
	/* Out of a format's range: digits. */
	counter(0, 'i', "0");
	counter(0, 'a', "0");
	counter(5000, 'I', "5000");
}

/* Levels 0-2 of abstract 1 print "%1.", "%2)" lowerLetter and "%1.%2.%3"
 * lowerRoman; lists 1 and 2 share it, list 3 restarts level 0 at 5;
 * abstract 2 is bullets. */
static const char numbering[] =
"<w:numbering xmlns:w=\"w\">"
"<w:abstractNum w:abstractNumId=\"1\">"
"<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
"<w:lvlText w:val=\"%1.\"/></w:lvl>"
"<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/>"
"<w:lvlText w:val=\"%2)\"/></w:lvl>"
"<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerRoman\"/>"
"<w:lvlText w:val=\"%1.%2.%3\"/></w:lvl>"
"</w:abstractNum>"
"<w:abstractNum w:abstractNumId=\"2\">"
"<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"o\"/></w:lvl>"
"</w:abstractNum>"
"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num>"
"<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
"<w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/>"
"<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>"
"<w:num w:numId=\"4\"><w:abstractNumId w:val=\"2\"/></w:num>"
"</w:numbering>";

static void
next(struct docx_num *dn, int numid, int ilvl, int want_rc,
    const char *want)
{
	char	*got;
	int	 rc = docx_num_next(dn, numid, ilvl, &got);

	assert_int_equal(rc, want_rc);
	if (want == NULL)
		assert_null(got);
	else
		assert_string_equal(got, want);
	free(got);
}

static void
test_word_numbering(void **state)
{
	struct diag	 d = { 0 };
	xmlDoc		*doc = xmlsafe_parse("t", "numbering.xml", numbering,
			    sizeof numbering - 1, &d);
	struct docx_num	*dn;

	assert_non_null(doc);
	dn = docx_num_new(xmlDocGetRootElement(doc));
	next(dn, 1, 0, 1, "1.");
	next(dn, 1, 1, 1, "a)");
	next(dn, 1, 1, 1, "b)");
	next(dn, 1, 2, 1, "1.b.i");	/* each level in its own format */
	next(dn, 1, 2, 1, "1.b.ii");
	next(dn, 1, 0, 1, "2.");
	next(dn, 1, 1, 1, "a)");	/* restarted under 2. */
	next(dn, 2, 0, 1, "3.");	/* another w:num, the same list */
	next(dn, 3, 0, 1, "5.");	/* startOverride restarts it */
	next(dn, 3, 0, 1, "6.");
	next(dn, 4, 0, 0, NULL);	/* a bullet */
	next(dn, 9, 0, -1, NULL);	/* no such list */
	next(dn, 0, 0, -1, NULL);	/* numId 0: numbering taken off */
	docx_num_free(dn);
	xmlFreeDoc(doc);
	assert_int_equal(d.nerr, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counter_formats),
		cmocka_unit_test(test_word_numbering),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
