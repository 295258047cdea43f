/* file.h: reading a whole file into memory (db/file.c), for the files
 * db/ reads at once: configuration files and sync changesets. */
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

#endif
