/* letter-parts.c: salutations, closings and signatures among the
 * paragraphs of web pages and Markdown (see letter-parts.h).  The words
 * are the common openings and closings of correspondence in the EU's
 * main languages; a line must also be short and placed as those parts
 * are (one salutation, then one closing, then short signature lines). */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "letter-parts.h"

#define SHORT	80	/* bytes: a salutation or closing line at most */
#define SIGLEN	160	/* a signature paragraph at most */

static const char *salutations[] = { "Dear ", "Monsieur", "Madame",
    "Mesdames", "Cher ", "Chère ", "Geachte ", "Beste ", "Sehr geehrte",
    "Liebe ", "Estimad", "Gentile ", "Egregi", "Caro ", "Cara ",
    "Vážen", "Szanown", "Excelentíssim", "Exmo", "Your Excellency",
    "Excellency" };
static const char *closings[] = { "Yours sincerely", "Yours faithfully",
    "Yours truly", "Sincerely", "Kind regards", "Best regards",
    "With best regards", "Respectfully", "Regards", "Cordialement",
    "Bien cordialement", "Veuillez agréer", "Je vous prie d'agréer",
    "Met vriendelijke groet", "Hoogachtend", "Mit freundlichen Grüßen",
    "Atentamente", "Cordiali saluti", "Distinti saluti",
    "S pozdravem", "S úctou", "Z poważaniem", "Com os melhores cumprimentos",
    "Atenciosamente" };

static int
starts_any(const char *t, const char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strncasecmp(t, v[i], strlen(v[i])) == 0)
			return 1;
	return 0;
}

/* A closing stands alone: "Yours sincerely," or "Kind regards", not
 * "Regards to the council are ..." */
static int
is_closing(const char *t, size_t len)
{
	for (size_t i = 0; i < sizeof closings / sizeof *closings; i++) {
		size_t	n = strlen(closings[i]);

		if (strncasecmp(t, closings[i], n) == 0 &&
		    (t[len - 1] == ',' || len <= n + 1))
			return 1;
	}
	return 0;
}

void
letter_part(struct letter_parts *lp, struct block *bl)
{
	size_t	len;

	if (bl == NULL || bl->kind != BK_PARAGRAPH)
		return;
	len = strlen(bl->text);
	if (lp->in_signature && len <= SIGLEN && bl->text[len - 1] != '.') {
		bl->kind = BK_SIGNATURE;
		return;
	}
	lp->in_signature = 0;
	if (!lp->seen_salutation && len <= SHORT && strchr(",:!",
	    bl->text[len - 1]) != NULL && starts_any(bl->text, salutations,
	    sizeof salutations / sizeof *salutations)) {
		bl->kind = BK_SALUTATION;
		lp->seen_salutation = 1;
	} else if (!lp->seen_closing && len <= SHORT &&
	    is_closing(bl->text, len)) {
		bl->kind = BK_CLOSING;
		lp->seen_closing = lp->in_signature = 1;
	}
}

void
letter_part_break(struct letter_parts *lp)
{
	lp->in_signature = 0;
}
