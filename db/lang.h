/* lang.h: what words mean in the languages of EU correspondence, for the
 * builder and the readers: the headings and sentences that introduce
 * recommendations.  Matching folds case and diacritics. */
#ifndef BRIEF_LANG_H
#define BRIEF_LANG_H

/* A heading over a list of recommendations ("Recommendations",
 * "Recommandations", "Aanbevelingen", ...). */
int	lang_rec_heading(const char *text);
/* A sentence that introduces a list of recommendations ("we call on",
 * "urges you to", "Nous vous appelons à", "vyzývá, abyste", ...). */
int	lang_rec_intro(const char *text);

#endif
