/* file.h: the user's files (db/file.c): where they live, reading a
 * whole one into memory (configuration files, sync changesets, the
 * files imported), and letting go of the part a reader has passed. */
#ifndef BRIEF_FILE_H
#define BRIEF_FILE_H

#include <stddef.h>

enum file_status {
	FILE_OK,
	FILE_CANNOT_OPEN,	/* errno says why (ENOENT: absent) */
	FILE_CANNOT_READ,	/* errno says why */
	FILE_TOO_LARGE		/* more than max bytes */
};

/* The whole of path, NUL-terminated after *len bytes, in *data (to
 * free); max bytes at most (0: no limit).  On failure *data is NULL
 * and the status says which step failed, so each caller words its own
 * message. */
enum file_status file_read(const char *path, size_t max, char **data,
    size_t *len);

/* Give back to the system the memory of the whole pages inside
 * [p, p + len) of an allocation of ours, which is read no more: a
 * reader going through a document held in one allocation (a file's
 * bytes, a long line) drops what it has passed, so the document is not
 * held twice while it is turned into another form.  The allocation
 * stays valid (it is freed or realloc'd as before); the bytes there
 * read as zeros.  Nothing where the system has no way to say it. */
void	file_drop_pages(void *p, size_t len);

/* file_read, but a regular file of a megabyte or more is mapped
 * (read-only) rather than read: *mapped gets the mapping's length, or 0
 * for bytes read into memory (a small file, a pipe, a device).  Either
 * way NUL-terminated after *len bytes; file_unload lets go of them.  The
 * import's files: a pass over a mapping gives back the pages it has read
 * (file_passed), so the file is not held whole.  A mapped file that is
 * cut shorter while it is read does not end the process: while the
 * mapping lives a SIGBUS handler maps zeros over the pages past the cut
 * and marks it (file_cut); a SIGBUS anywhere else goes to the action
 * there before.  Mapped while fewer than 16 mappings live at once. */
enum file_status file_load(const char *path, char **data, size_t *len,
    size_t *mapped);
void	file_unload(char *data, size_t mapped);
/* 1 when data is a live mapping of file_load whose file was cut shorter
 * while it was read: bytes read from it since may be zeros that were
 * never the file's, so what was made of them is to be thrown away.  0
 * otherwise (bytes in memory: never). */
int	file_cut(const char *data);

/* A pass over a file's bytes has read [p, p + len): when they lie in
 * the mapping file_load made on this thread, their pages leave the
 * process (they come back from the file if read again); anywhere else
 * (memory of ours, whose bytes would read as zeros) nothing. */
void	file_passed(const void *p, size_t len);
/* memchr and u8_check (libunistring) over a file's bytes, a megabyte at
 * a time, each step passed (file_passed) once read. */
const char	*file_memchr(const char *s, int c, size_t len);
const char	*file_u8_check(const char *s, size_t len);

/* A user's configuration file: its text as file_read gives it, or NULL
 * with no message when it cannot be opened (absent), or NULL with
 * "<path>: cannot read the file" or "<path>: file too large (over N
 * MB)" said to d. */
struct diag;
char	*file_read_conf(const char *path, size_t max, size_t *len,
	    struct diag *d);

/* Where brief keeps its file name: $override when that is set and not
 * empty (override may be NULL), else $xdg/brief/name when $xdg is an
 * absolute path, else $HOME/home_dir/brief/name ("." for an unset
 * HOME).  XDG base directories: xdg "XDG_DATA_HOME" with home_dir
 * ".local/share", or "XDG_CONFIG_HOME" with ".config". */
char	*file_user_path(const char *override, const char *xdg,
	    const char *home_dir, const char *name);

#endif
