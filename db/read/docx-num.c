/* docx-num.c: list numbering of Word files (word/numbering.xml): the
 * abstract definitions (per level: format, start, text such as "%1." or
 * "%1.%2)"), the lists (w:num) that use them with their start
 * overrides, and one counter per list and level.  A paragraph at a level
 * advances that level and restarts the levels below it, which is what
 * Word prints.  Also the counter formats shared with the ODT reader. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "office.h"
#include "xmlsafe.h"

#define NLVL	9

struct lvl {
	char	fmt;		/* office_counter's; 0: bullet or none */
	char	*text;		/* lvlText, "%1." */
	int	 start;
};

/* The counters live with the definition: Word continues a list across
 * the w:num that share it (LibreOffice writes one per restart), and a
 * w:num with a startOverride restarts it where it is first used. */
struct absnum {
	int		id;
	struct lvl	lv[NLVL];
	int		count[NLVL];
	int		started[NLVL];
	int		ovr[NLVL];	/* start in force, or -1 */
};

struct num {
	int	id;
	int	abs;		/* index into absnums, -1 */
	int	start[NLVL];	/* startOverride, or -1 */
	int	used;
};

struct docx_num {
	struct absnum	*absnums;
	size_t		 nabs;
	struct num	*nums;
	size_t		 nnums;
};

void
office_counter(struct buf *b, int n, char fmt)
{
	static const char *const rm[] = { "m", "cm", "d", "cd", "c", "xc",
	    "l", "xl", "x", "ix", "v", "iv", "i" };
	static const int rv[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10,
	    9, 5, 4, 1 };
	char	tmp[64];
	int	i = 0;

	switch (fmt) {
	case 'a':
	case 'A':
		if (n < 1 || n > 26 * 20)
			break;
		/* Word and LibreOffice: a..z, then aa..zz, aaa.. */
		for (int k = 0; k <= (n - 1) / 26 && i < 20; k++)
			tmp[i++] = (char)(fmt + (n - 1) % 26);
		tmp[i] = '\0';
		buf_adds(b, tmp);
		return;
	case 'i':
	case 'I':
		if (n < 1 || n >= 4000)
			break;
		for (size_t k = 0; k < sizeof rv / sizeof rv[0]; k++)
			for (; n >= rv[k]; n -= rv[k])
				for (const char *s = rm[k]; *s != '\0'; s++)
					tmp[i++] = fmt == 'I' ?
					    (char)(*s - 'a' + 'A') : *s;
		tmp[i] = '\0';
		buf_adds(b, tmp);
		return;
	case '0':
		buf_printf(b, "%02d", n);
		return;
	}
	buf_printf(b, "%d", n);
}

static char
word_fmt(const char *v)
{
	static const struct { const char *name; char fmt; } f[] = {
		{ "decimal", '1' }, { "lowerLetter", 'a' },
		{ "upperLetter", 'A' }, { "lowerRoman", 'i' },
		{ "upperRoman", 'I' }, { "decimalZero", '0' },
		{ "bullet", 0 }, { "none", 0 },
	};

	if (v == NULL)
		return '1';
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		if (strcmp(v, f[i].name) == 0)
			return f[i].fmt;
	return '1';	/* ordinal, cardinalText, ...: digits at least */
}

static void
read_abstract(struct docx_num *dn, const xmlNode *a)
{
	struct absnum	*an;

	dn->absnums = xappend(dn->absnums, dn->nabs, sizeof *dn->absnums);
	an = &dn->absnums[dn->nabs++];
	memset(an, 0, sizeof *an);
	an->id = xmlsafe_int(a, "abstractNumId", -999999, -1);
	for (int i = 0; i < NLVL; i++) {
		an->lv[i].fmt = '1';
		an->lv[i].start = 1;
		an->ovr[i] = -1;
	}
	for (xmlNode *l = a->children; l != NULL; l = l->next) {
		int		 i = xmlsafe_int(l, "ilvl", -999999, -1);
		struct lvl	*lv;
		const char	*t;

		if (!xmlsafe_is(l, "lvl") || i < 0 || i >= NLVL)
			continue;
		lv = &an->lv[i];
		lv->fmt = word_fmt(xmlsafe_attr(xmlsafe_child(l, "numFmt"),
		    "val"));
		lv->start = xmlsafe_int(xmlsafe_child(l, "start"), "val", -999999, 1);
		t = xmlsafe_attr(xmlsafe_child(l, "lvlText"), "val");
		free(lv->text);
		lv->text = xstrdup(t);
	}
}

static void
read_num(struct docx_num *dn, const xmlNode *n)
{
	struct num	*nm;
	int		 absid;

	dn->nums = xappend(dn->nums, dn->nnums, sizeof *dn->nums);
	nm = &dn->nums[dn->nnums++];
	memset(nm, 0, sizeof *nm);
	nm->id = xmlsafe_int(n, "numId", -999999, -1);
	nm->abs = -1;
	absid = xmlsafe_int(xmlsafe_child(n, "abstractNumId"), "val",
	    -999999, -1);
	for (size_t i = 0; i < dn->nabs; i++)
		if (dn->absnums[i].id == absid)
			nm->abs = (int)i;
	for (int i = 0; i < NLVL; i++)
		nm->start[i] = -1;
	for (xmlNode *o = n->children; o != NULL; o = o->next) {
		int i = xmlsafe_int(o, "ilvl", -999999, -1);

		if (xmlsafe_is(o, "lvlOverride") && i >= 0 && i < NLVL)
			nm->start[i] = xmlsafe_int(xmlsafe_child(o,
			    "startOverride"), "val", -999999, -1);
	}
}

struct docx_num *
docx_num_new(xmlNode *root)
{
	struct docx_num	*dn = xcalloc(1, sizeof *dn);

	if (root == NULL)
		return dn;
	/* Abstract definitions come first in the file, but do not rely on
	 * it: two passes. */
	for (xmlNode *c = root->children; c != NULL; c = c->next)
		if (xmlsafe_is(c, "abstractNum"))
			read_abstract(dn, c);
	for (xmlNode *c = root->children; c != NULL; c = c->next)
		if (xmlsafe_is(c, "num"))
			read_num(dn, c);
	return dn;
}

void
docx_num_free(struct docx_num *dn)
{
	if (dn == NULL)
		return;
	for (size_t i = 0; i < dn->nabs; i++)
		for (int l = 0; l < NLVL; l++)
			free(dn->absnums[i].lv[l].text);
	free(dn->absnums);
	free(dn->nums);
	free(dn);
}

static int
level_value(const struct absnum *an, int i)
{
	if (an->started[i])
		return an->count[i];
	return an->ovr[i] >= 0 ? an->ovr[i] : an->lv[i].start;
}

/* lvlText with each %N replaced by level N's counter in its format. */
static char *
printed(const struct absnum *an, const char *text)
{
	const struct lvl	*lv = an->lv;
	struct buf		 b = { 0 };
	char			*s;

	for (const char *p = text; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
			int i = p[1] - '1';

			office_counter(&b, level_value(an, i),
			    lv[i].fmt != 0 ? lv[i].fmt : '1');
			p++;
		} else
			buf_addc(&b, *p);
	}
	s = buf_steal(&b);
	while (*s == ' ' || *s == '\t')
		memmove(s, s + 1, strlen(s));
	for (size_t n = strlen(s); n > 0 && (s[n - 1] == ' ' ||
	    s[n - 1] == '\t'); n--)
		s[n - 1] = '\0';
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

int
docx_num_next(struct docx_num *dn, int numid, int ilvl, char **number)
{
	struct num	*nm = NULL;
	struct absnum	*an;

	*number = NULL;
	for (size_t i = 0; i < dn->nnums && numid > 0; i++)
		if (dn->nums[i].id == numid)
			nm = &dn->nums[i];
	if (nm == NULL || nm->abs < 0)
		return -1;
	if (ilvl < 0 || ilvl >= NLVL)
		ilvl = 0;
	an = &dn->absnums[nm->abs];
	if (!nm->used) {
		nm->used = 1;
		for (int i = 0; i < NLVL; i++)
			if (nm->start[i] >= 0) {
				an->started[i] = 0;
				an->ovr[i] = nm->start[i];
			}
	}
	if (an->started[ilvl])
		an->count[ilvl]++;
	else {
		an->count[ilvl] = level_value(an, ilvl);
		an->started[ilvl] = 1;
	}
	for (int i = ilvl + 1; i < NLVL; i++) {
		an->started[i] = 0;
		an->ovr[i] = -1;
	}
	if (an->lv[ilvl].fmt == 0 || an->lv[ilvl].text == NULL)
		return 0;
	*number = printed(an, an->lv[ilvl].text);
	return *number != NULL;
}
