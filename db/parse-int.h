/* parse-int.h: what the importer's line parser (parse.c, front matter
 * and the document; parse-block.c, the block recognisers) share: the
 * lines of one source, the parser's state, and small helpers.  Private
 * to db/parse*.c. */
#ifndef BRIEF_PARSE_INT_H
#define BRIEF_PARSE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "parse-inline.h"
#include "xmalloc.h"

#define MAX_DEPTH	16	/* deeper bullets stay at this depth */
#define SHORT_LINE	100	/* address and signature lines are short */
#define TITLE_CHARS	160	/* a title line, in characters */
#define DROP_MIN	(4u << 20) /* a paragraph's bytes that leave memory
				    * behind the inline parser: from this */
#define DROP_HEAD	(64u << 10) /*  long, but for its first bytes */

struct line {
	char		*s;		/* text after the indent, NUL-ended */
	size_t		 len;		/* without trailing blanks */
	int		 indent;
	int		 no;		/* 1-based */
};

/* A run of whole lines of the cleaned text, in an allocation of its own
 * (freed once the parser has passed it), or in the text file of a long
 * document (parse.c: its pages given back instead). */
struct piece {
	char		*s;
	size_t		 len;
	size_t		 end;		/* one past its last line */
	uint64_t	 off;		/* in the text file, when filed */
	int		 filed;
};

struct fnote {
	long		 n;
	int		 line;
	int		 seq;		/* definitions: the block */
};

struct fnotes {
	struct fnote	*v;
	size_t		 n, cap;
};

struct level {
	int		 indent;
	int		 family;	/* the marker's shape (parse-block.c) */
	int		 rank;		/* shapes of a higher rank nest under
					 * lower ones at the same indent */
};

/* Heading numbering styles: each gets its level on first sight. */
enum hstyle { HS_SECTION, HS_UROMAN, HS_UPPER, HS_ARABIC, HS_CAPS,
	HS__COUNT };

struct parser {
	const char		*file;
	struct diag		*d;
	struct doc		*doc;
	struct line		*lines;
	size_t			 nlines;
	struct piece		*pieces;
	size_t			 npieces;
	size_t			 pfree;		/* pieces before it are freed */
	size_t			 nfiled;	/* pieces before it: filed */
	size_t			 pass;		/* parse_passed's first piece */
	struct spill		*text;		/* the text file, or NULL */
	size_t			 scan;		/* release_pieces's walk */
	size_t			 i;		/* the current line */
	size_t			 bcap;
	struct inline_ctx	 ictx;
	struct level		 list[MAX_DEPTH];
	int			 nlist;
	int			 naddr, nsig;
	int			 in_notes;	/* after a "Notes" heading */
	int			 in_sig;	/* after the closing */
	int			 seen_salutation, seen_closing, seen_title;
	int			 seen_subject;
	int			 style_level[HS__COUNT]; /* 0: unseen */
	int			 last_level;	/* of the last heading */
	int			 last_upper, last_roman; /* "A." "I." seen */
	char			*subject;	/* a "Subject:" line's text */
	char			*caps_title;	/* the all-caps title line */
	struct fnotes		 cites, defs;
	struct buf		 who;		/* the addressees */
	long			*notes;		/* "[n]"/"n." endnote numbers */
	size_t			 nnotes;
	long			*glued;		/* notes "n text" whose markers
						 * are glued digits: "word5" */
	size_t			 nglued;
	int			 spill;		/* PARSE_SPILL given */
	int			 spill_err;	/* errno of a failed write */
	size_t			 spilled;	/* blocks before it: done */
	size_t			 held;		/* text bytes from there */
};

static inline int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* ASCII case-insensitive prefix test. */
static inline int
has_prefix(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++)
		if (lower((unsigned char)*s) != *prefix)
			return 0;
	return 1;
}

static inline int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline struct line *
cur(struct parser *p)
{
	return p->i < p->nlines ? &p->lines[p->i] : NULL;
}

static inline int
blank_at(const struct parser *p, size_t i)
{
	return i >= p->nlines || p->lines[i].len == 0;
}

/* A list marker or printed number at the start of a line. */
struct marker {
	int		 family;	/* siblings share it */
	int		 rank;		/* nesting of families at one indent */
	int		 style;		/* numbers: which kind (parse-marker.c) */
	int		 comps;		/* "1.2.3": 3 */
	size_t		 rest;		/* the text's offset in the line */
	char		 number[24];	/* as printed; "" for a bullet */
};

/* parse.c */
struct block	*parse_emit(struct parser *, enum block_kind, int line,
		    const char *src, size_t len, char *anchor);
struct block	*parse_emit_buf(struct parser *, enum block_kind, int line,
		    struct buf *src, char *anchor);
void		 parse_add_line(struct buf *, const struct line *, size_t from,
		    char sep);
void		 parse_fn_add(struct fnotes *, long n, int line, int seq);
void		 parse_set_field(char **, const char *);
size_t		 parse_piece_end(const struct parser *, size_t line);
void		 parse_passed(struct parser *, size_t line);
int		 parse_text_filed(const struct parser *);
void		 parse_text_passed(const struct parser *, char *s, size_t len);

/* parse-block.c */
void		 parse_prescan(struct parser *);
void		 parse_block(struct parser *);
int		 parse_starts_block(const struct parser *, const struct line *);
void		 parse_heading(struct parser *, const struct line *,
		    const char *src, size_t len, int level, const char *number);

/* parse-marker.c */
int		 parse_marker(const struct line *, struct marker *);
void		 parse_marker_in_list(struct marker *, int open_family);
int		 parse_marker_arabic(const struct marker *);
int		 parse_marker_upper(const struct marker *);
int		 parse_marker_roman(const struct marker *);
size_t		 parse_section_word(const struct line *, size_t *rest);

/* parse-letter.c: the letter's own parts, each consuming its lines */
int		 parse_letter_part(struct parser *);
int		 parse_signature(struct parser *);
int		 parse_is_letter_line(const struct line *);

#endif
