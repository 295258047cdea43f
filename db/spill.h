/* spill.h: block texts kept out of memory while a long document is
 * imported (db/spill.c), and the cleaned text of a long document, which
 * the parser reads through a mapping of the file (spill_map).  The text
 * parser writes each finished block's text to an unlinked temporary file
 * ($TMPDIR, else /tmp) and keeps its offset and length (struct block:
 * text NULL, spill_len > 0); every step that reads a text later asks
 * block_text() (model.h), which reads it back, one block at a time.  So
 * a document of many blocks is not held as its cleaned text and its
 * blocks' texts at once. */
#ifndef BRIEF_SPILL_H
#define BRIEF_SPILL_H

#include <stddef.h>
#include <stdint.h>

struct spill;

/* A new spill; its file is made at the first write. */
struct spill	*spill_new(void);
void		 spill_free(struct spill *);
/* Append len bytes; their offset in *off.  0, or -1 with errno set (the
 * file cannot be made or written: a full disk), and every later call
 * fails too; the bytes of the calls that succeeded can still be read. */
int		 spill_put(struct spill *, const char *s, size_t len,
		    uint64_t *off);
/* The bytes at [off, off + len), NUL-terminated, in the spill's own
 * buffer (valid until the next spill_get); "" after a read error, which
 * spill_failed() then reports. */
const char	*spill_get(struct spill *, uint64_t off, size_t len);
/* The whole file, its buffer written first, mapped for reading and
 * writing (shared: what is written there goes to the file, so pages
 * given back with file_drop_pages come back as they were left): the
 * text parser's cleaned text (parse.c).  The bytes spill_put put at off
 * are at the result + off.  NULL with errno set when the file cannot be
 * written or mapped.  Unmapped by spill_free. */
char		*spill_map(struct spill *);
/* Has a write failed (every later one fails too)?  Its errno, or 0. */
int		 spill_write_failed(const struct spill *);
/* 0, or the errno of the first read that failed. */
int		 spill_failed(const struct spill *);
/* Where the file is made (for messages). */
const char	*spill_dir(void);

#endif
