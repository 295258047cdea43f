/* spill.c: an unlinked temporary file that block texts are written to
 * and read back from, one block at a time (spill.h).  Writes go through
 * a buffer of SPILL_BUF bytes (a paragraph is about a kilobyte: a write
 * each cost a system call each); a read of bytes still in the buffer is
 * served from there.  The file has no name once made (O_TMPFILE, else
 * mkstemp and unlink), so it goes with the process whatever happens. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "spill.h"
#include "xmalloc.h"

#define SPILL_BUF	(256u << 10)

struct spill {
	int		 fd;		/* -1 until the first write */
	int		 err;		/* first errno of a read, or 0 */
	int		 werr;		/* first errno of a write, or 0 */
	uint64_t	 flushed;	/* bytes in the file */
	char		*wbuf;		/* bytes after them, not written */
	size_t		 wlen;
	char		*rbuf;		/* what spill_get gives */
	size_t		 rcap;
	char		*map;		/* spill_map's, or NULL */
	size_t		 maplen;
};

const char *
spill_dir(void)
{
	const char	*d = getenv("TMPDIR");

	return d != NULL && *d != '\0' ? d : "/tmp";
}

static int
spill_open(void)
{
	const char	*dir = spill_dir();
	char		*path;
	int		 fd;

#ifdef O_TMPFILE
	if ((fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) >= 0)
		return fd;
	/* Not every file system makes nameless files. */
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
		return -1;
#endif
	path = xasprintf("%s/brief-spill-XXXXXX", dir);
	if ((fd = mkstemp(path)) >= 0) {
		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
		(void)unlink(path);
	}
	free(path);
	return fd;
}

struct spill *
spill_new(void)
{
	struct spill	*s = xcalloc(1, sizeof *s);

	s->fd = -1;
	return s;
}

void
spill_free(struct spill *s)
{
	if (s == NULL)
		return;
	if (s->map != NULL)
		(void)munmap(s->map, s->maplen);
	if (s->fd >= 0)
		(void)close(s->fd);
	free(s->wbuf);
	free(s->rbuf);
	free(s);
}

int
spill_write_failed(const struct spill *s)
{
	return s != NULL ? s->werr : 0;
}

int
spill_failed(const struct spill *s)
{
	return s != NULL ? s->err : 0;
}

/* The first error kept in *slot (EIO when errno said nothing) and left
 * in errno: -1. */
static int
keep_error(int *slot, int e)
{
	if (*slot == 0)
		*slot = e != 0 ? e : EIO;
	errno = *slot;
	return -1;
}

static int
fail(struct spill *s, int e)
{
	return keep_error(&s->err, e);
}

/* A write that failed stops the writes, not the reads: the bytes not
 * written stay in the buffer, where spill_get finds them. */
static int
wfail(struct spill *s, int e)
{
	return keep_error(&s->werr, e);
}

/* The buffer into the file. */
static int
flush(struct spill *s)
{
	size_t	n = 0;

	if (s->fd < 0 && (s->fd = spill_open()) < 0)
		return wfail(s, errno);
	while (n < s->wlen) {
		ssize_t	w = write(s->fd, s->wbuf + n, s->wlen - n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)	/* 0: no room, as a full disk says */
			return wfail(s, w < 0 ? errno : ENOSPC);
		n += (size_t)w;
	}
	s->flushed += s->wlen;
	s->wlen = 0;
	return 0;
}

int
spill_put(struct spill *s, const char *p, size_t len, uint64_t *off)
{
	if (s->werr != 0)
		return wfail(s, s->werr);
	if (s->wbuf == NULL)
		s->wbuf = xmalloc(SPILL_BUF);
	*off = s->flushed + s->wlen;
	while (len > 0) {
		size_t	n = SPILL_BUF - s->wlen;

		if (n > len)
			n = len;
		memcpy(s->wbuf + s->wlen, p, n);
		s->wlen += n;
		p += n;
		len -= n;
		if (s->wlen == SPILL_BUF && flush(s) != 0)
			return -1;
	}
	return 0;
}

const char *
spill_get(struct spill *s, uint64_t off, size_t len)
{
	size_t	n = 0;

	if (s->rcap < len + 1) {
		s->rcap = len + 1;
		s->rbuf = xrealloc(s->rbuf, s->rcap);
	}
	/* From the file what is there, the rest from the buffer (a text
	 * may straddle the two). */
	while (n < len && off + n < s->flushed) {
		uint64_t	left = s->flushed - (off + n);
		size_t		want = len - n < left ? len - n : (size_t)left;
		ssize_t		r = pread(s->fd, s->rbuf + n, want,
				    (off_t)(off + n));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			(void)fail(s, r < 0 ? errno : EIO);
			goto bad;
		}
		n += (size_t)r;
	}
	if (n < len) {
		uint64_t	at = off + n - s->flushed;

		if (at > s->wlen || len - n > s->wlen - at) {
			(void)fail(s, EIO);
			goto bad;
		}
		memcpy(s->rbuf + n, s->wbuf + at, len - n);
	}
	s->rbuf[len] = '\0';
	return s->rbuf;
bad:
	s->rbuf[0] = '\0';
	return s->rbuf;
}

char *
spill_map(struct spill *s)
{
	void	*m;

	if (s->werr != 0) {
		errno = s->werr;
		return NULL;
	}
	if (s->map != NULL || (s->wlen > 0 && flush(s) != 0))
		return s->map;
	if (s->flushed == 0 || s->flushed > SIZE_MAX) {
		errno = EINVAL;
		return NULL;
	}
	m = mmap(NULL, (size_t)s->flushed, PROT_READ | PROT_WRITE, MAP_SHARED,
	    s->fd, 0);
	if (m == MAP_FAILED)
		return NULL;
	s->map = m;
	s->maplen = (size_t)s->flushed;
	return s->map;
}
