/* lang.h: what words mean in the languages of EU correspondence, for the
 * builder and the readers: the headings and sentences that introduce
 * recommendations, and a letter's salutation, closing, subject,
 * reference, address and contact lines and written dates.  The words
 * live in data/lang.conf (compiled in) and the user's own lang.conf;
 * matching folds case and diacritics. */
#ifndef BRIEF_LANG_H
#define BRIEF_LANG_H

#include <stddef.h>

#include "diag.h"

/* Read data/lang.conf and $XDG_CONFIG_HOME/brief/lang.conf once per
 * process, reporting mistakes to d as "file:line: message" (the rest of
 * the file still loads).  Later calls do nothing.  The matchers below
 * load quietly if no one called this first. */
void	lang_load(struct diag *d);
/* Add one lang.conf text to the lists (what lang_load does per file);
 * the number of errors reported. */
int	lang_conf_parse(const char *name, const char *text, size_t len,
	    struct diag *d);
/* Forget every list (the next matcher loads them again): for the
 * fuzzer, which parses many files in one process. */
void	lang_reset(void);
/* $XDG_CONFIG_HOME/brief/lang.conf or ~/.config/brief/lang.conf. */
char	*lang_conf_user_path(void);

/* A heading over a list of recommendations ("Recommendations",
 * "Recommandations", "Aanbevelingen", ...). */
int	lang_rec_heading(const char *text);
/* A sentence that introduces a list of recommendations ("we call on",
 * "urges you to", "Nous vous appelons à", "vyzývá, abyste", ...). */
int	lang_rec_intro(const char *text);

/* The line (no line break in it) is a salutation: "Dear ...,",
 * "Monsieur le Président,", "Vážený pane premiére,". */
int	lang_salutation(const char *line);
/* A closing: "Yours sincerely,", "Met vriendelijke groet",
 * "Veuillez agréer, ...". */
int	lang_closing(const char *line);
/* A "Subject:"-like line ("Objet :", "Betreft:", "Věc:"): the byte
 * offset of the subject after its label, or 0. */
size_t	lang_subject(const char *line);
/* A reference line ("Ref.:", "Index:", "Ons kenmerk:", "Č. j."): the
 * offset of the reference after its label, or 0. */
size_t	lang_reference(const char *line);
/* A line that opens an address block ("To the attn. of:",
 * "À l'attention de", "K rukám"). */
int	lang_address(const char *line);
/* A letterhead's contact line: "Tel: +32 2 ...", "+32 2 502 14 99",
 * "info@example.org", "www.example.org". */
int	lang_contact(const char *line);
/* A heading over the notes: "Notes", "Endnotes", "Poznámky". */
int	lang_notes_heading(const char *line);

/* The first written date in text ("26 June 2023", "June 26, 2023",
 * "11.7.2022", "1er juillet 2022", "14. června 2023", "2023-06-26"):
 * 1 and iso set to "YYYY-MM-DD" (11 bytes with its NUL), start and
 * end (if not NULL) to its byte range in text; 0 if none. */
int	lang_date(const char *text, char iso[11], size_t *start,
	    size_t *end);
/* A line that is only a date, perhaps with its place: "26 June 2023",
 * "Bruxelles, le 1er juillet 2022", "Praha 14. června 2023". */
int	lang_date_line(const char *line, char iso[11]);

#endif
