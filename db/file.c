/* file.c: the user's files (file.h): their default paths, reading a
 * whole file with a size cap, and giving back the pages of what a reader
 * has passed in one (file_drop_pages).  The size is
 * checked before reading when the file says it (a regular file) and
 * again while reading (a pipe, or a file still growing), so a huge file
 * is refused without being read into memory. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "file.h"
#include "xmalloc.h"

void
file_drop_pages(void *p, size_t len)
{
#ifdef MADV_DONTNEED
	long		pg = sysconf(_SC_PAGESIZE);
	uintptr_t	a, e, mask;

	if (pg <= 0 || len == 0)
		return;
	mask = (uintptr_t)pg - 1;
	a = ((uintptr_t)p + mask) & ~mask;
	e = ((uintptr_t)p + len) & ~mask;
	if (e > a)
		(void)madvise((void *)a, e - a, MADV_DONTNEED);
#else
	(void)p;
	(void)len;
#endif
}

static enum file_status
read_all(int fd, size_t max, size_t hint, char **data, size_t *len)
{
	/* Room for the hinted bytes, the final NUL and one byte more: the
	 * read that finds the end must not grow (double) a buffer that was
	 * the right size. */
	size_t	cap = hint + 2, n = 0;
	char	*p = xmalloc(cap);
	ssize_t	r;

	for (;;) {
		if (n + 1 == cap) {
			cap = cap < 4096 ? 4096 : 2 * cap;
			p = xrealloc(p, cap);
		}
		r = read(fd, p + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
		if (max != 0 && n > max) {
			free(p);
			return FILE_TOO_LARGE;
		}
	}
	if (r < 0) {
		free(p);
		return FILE_CANNOT_READ;
	}
	p[n] = '\0';
	*data = p;
	*len = n;
	return FILE_OK;
}

enum file_status
file_read(const char *path, size_t max, char **data, size_t *len)
{
	struct stat		sb;
	enum file_status	rc;
	size_t			hint = 0;
	int			fd, saved;

	*data = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return FILE_CANNOT_OPEN;
	if (fstat(fd, &sb) != 0) {
		rc = FILE_CANNOT_READ;
		goto out;
	}
	if (S_ISREG(sb.st_mode) && sb.st_size > 0) {
		if (max != 0 && (unsigned long long)sb.st_size > max) {
			rc = FILE_TOO_LARGE;
			goto out;
		}
		hint = (size_t)sb.st_size;
	}
	rc = read_all(fd, max, hint, data, len);
out:
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

char *
file_user_path(const char *override, const char *xdg, const char *home_dir,
    const char *name)
{
	const char	*env = override != NULL ? getenv(override) : NULL;
	const char	*home;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if ((env = getenv(xdg)) != NULL && *env == '/')
		return xasprintf("%s/brief/%s", env, name);
	home = getenv("HOME");
	return xasprintf("%s/%s/brief/%s", home != NULL ? home : ".",
	    home_dir, name);
}

char *
file_read_conf(const char *path, size_t max, size_t *len, struct diag *d)
{
	char	*text;

	switch (file_read(path, max, &text, len)) {
	case FILE_CANNOT_READ:
		diag_error(d, path, 0, 0, "cannot read the file");
		break;
	case FILE_TOO_LARGE:
		diag_error(d, path, 0, 0, "file too large (over %zu MB)",
		    (max + 1) >> 20);
		break;
	default:
		break;
	}
	return text;
}
