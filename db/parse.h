/* parse.h: the importer's reader: source bytes to a struct doc (model.h).
 * Pure: no SQLite, no curses.  The text reader recognises the seed letter's format,
 * Markdown (headings, [^n] footnotes, lists, front matter), bracketed [n]
 * endnotes and hard-wrapped text pasted from PDFs. */
#ifndef BRIEF_PARSE_H
#define BRIEF_PARSE_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

#define PARSE_LENIENT	0x1	/* invalid UTF-8 becomes U+FFFD, a warning */
#define PARSE_PROGRESS	0x2	/* a progress line on stderr (a terminal) */
#define PARSE_SPILL	0x4	/* the text reader may leave block texts
				 * in a spill file (db/spill.h): the
				 * document's texts through block_text() */

/* What the user said about a file: brief import --format, --encoding,
 * --password, --lenient. */
struct parse_opts {
	unsigned	 flags;		/* PARSE_* */
	const char	*format;	/* a formats.def name, or NULL: detect */
	const char	*encoding;	/* iconv name, or NULL: detect */
	const char	*password;	/* an encrypted PDF's, or NULL */
	/* Non-NULL: *own is the buffer being parsed, given over.  A reader
	 * done with the bytes (the text reader, once they are cleaned)
	 * frees it and sets *own to NULL, so a document is not held as its
	 * file and its text at once; the caller frees what is left.  The
	 * text reader also gives back the pages behind the pieces it has
	 * cleaned (file_drop_pages: they read as zeros), so neither buf
	 * nor *own is read by the caller after the parse.  A mapped file
	 * (file_load) is not given over: its pages go behind each pass
	 * (file_passed) and come back from the file. */
	char		**own;
};

/* Parse len bytes of buf, read from file (used in messages and for the
 * default slug).  Fills out (zeroed by the caller).  Warnings and errors
 * go to d as "file:line[:col]: message".  Returns 0, or -1 on an error
 * that refuses the whole file (invalid UTF-8 without PARSE_LENIENT, NUL
 * bytes, binary, empty), with out cleared. */
int	parse_document(const char *file, const char *buf, size_t len,
	    unsigned flags, struct doc *out, struct diag *d);
/* The same with every option: the format is detected by content unless
 * opts->format names one (db/read/read.c). */
int	parse_document_opts(const char *file, const char *buf, size_t len,
	    const struct parse_opts *, struct doc *out, struct diag *d);
/* The letter's own plain-text shape and hand-written Markdown: the text
 * reader (db/parse.c), which parse_document_opts calls for text. */
int	parse_text(const char *file, const char *buf, size_t len,
	    unsigned flags, struct doc *out, struct diag *d);
/* The same, freeing *own (buf given over, see parse_opts) once cleaned. */
int	parse_text_own(const char *file, const char *buf, size_t len,
	    unsigned flags, char **own, struct doc *out, struct diag *d);

/* Is name a format brief reads (brief import --format)?  And the names,
 * "html, markdown, text", for messages. */
int		 parse_format_valid(const char *name);
const char	*parse_format_names(void);

/* Slug from a file name (db/slug.c): basename, no extension, through
 * slug_make(); "doc" when that is empty.  "data/Letter 1.txt" ->
 * "letter-1", "Résumé (final).md" -> "resume-final". */
char	*parse_slug_from_path(const char *);

#endif
