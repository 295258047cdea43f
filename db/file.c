/* file.c: the user's files (file.h): their default paths, reading a
 * whole file with a size cap, and giving back the pages of what a reader
 * has passed in one (file_drop_pages).  The size is
 * checked before reading when the file says it (a regular file) and
 * again while reading (a pipe, or a file still growing), so a huge file
 * is refused without being read into memory.  A large regular file to
 * import is mapped instead (file_load): each pass over it gives its
 * pages back behind it (file_passed), so the file is never held whole;
 * the one mapping of the thread is remembered here for that.
 *
 * A mapped file cut shorter while it is read would end the process: the
 * pages past its new end raise SIGBUS.  While a mapping lives a handler
 * is installed that maps zeros over the rest of that mapping, so the
 * read goes on, and marks the mapping cut: the importer asks (file_cut)
 * after each pass and refuses the document, whose bytes were not the
 * file's.  A fault anywhere else goes to the handler that was there
 * before (by default: the process dies with a core, as it should). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unistr.h>

#include "diag.h"
#include "file.h"
#include "file-hook.h"
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

/* The bytes of fd (open, its stat in sb): read whole, after the size
 * check when the file says its size (a regular file). */
static enum file_status
read_fd(int fd, const struct stat *sb, size_t max, char **data, size_t *len)
{
	size_t	hint = 0;

	if (S_ISREG(sb->st_mode) && sb->st_size > 0) {
		if (max != 0 && (unsigned long long)sb->st_size > max)
			return FILE_TOO_LARGE;
		hint = (size_t)sb->st_size;
	}
	return read_all(fd, max, hint, data, len);
}

enum file_status
file_read(const char *path, size_t max, char **data, size_t *len)
{
	struct stat		sb;
	enum file_status	rc;
	int			fd, saved;

	*data = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return FILE_CANNOT_OPEN;
	rc = fstat(fd, &sb) != 0 ? FILE_CANNOT_READ :
	    read_fd(fd, &sb, max, data, len);
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

/* A regular file of this many bytes or more is mapped by file_load:
 * below it reading costs as little and holds little. */
#ifndef FILE_MAP_FROM
#define FILE_MAP_FROM	(1u << 20)
#endif
/* The passes over a mapped file go this many bytes at a time. */
#define PASS_STEP	(1u << 20)

/* The mapping file_load made on this thread, which file_passed may give
 * back: a file's pages come back from the file when read again, whereas
 * memory of ours given back would read as zeros.  One per thread: the
 * import reads and parses a file on one thread (import.c). */
static _Thread_local const char	*map_lo, *map_hi;

/* The live mappings of every thread, where the SIGBUS handler can read
 * them: a slot is free while lo is 0; [lo, hi) is the whole mapping.
 * Lock-free atomics, so the handler (on whichever thread faulted) reads
 * them safely; more mappings at once than slots are read into memory
 * instead. */
#define LIVE_MAPS	16
static struct live_map {
	_Atomic uintptr_t	lo, hi;
	volatile sig_atomic_t	cut;
	/* The file and its length when mapped: a cut inside the last
	 * page reads as zeros with no fault, and only its size says so.
	 * The mapping's thread alone reads them. */
	int			fd;
	size_t			len;
} live[LIVE_MAPS];

/* The handler is in place while a mapping lives (nlive > 0, under mu);
 * prev is the action it replaced, put back after the last one. */
static pthread_mutex_t	 live_mu = PTHREAD_MUTEX_INITIALIZER;
static int		 nlive;
static struct sigaction	 prev_bus;
static uintptr_t	 page_mask;

/* Tests cut a file between its mapping and the passes over it. */
static void	(*load_hook)(const char *path);

void
file_set_load_hook(void (*fn)(const char *path))
{
	load_hook = fn;
}

static void
on_sigbus(int sig, siginfo_t *si, void *uc)
{
	uintptr_t	a = (uintptr_t)si->si_addr;
	int		saved = errno;

	(void)uc;
	/* si_code > 0: a fault of this thread, not a signal sent. */
	for (size_t i = 0; si->si_code > 0 && i < LIVE_MAPS; i++) {
		uintptr_t	lo = atomic_load(&live[i].lo);
		uintptr_t	hi = atomic_load(&live[i].hi);
		uintptr_t	pg = a & ~page_mask;

		if (lo == 0 || a < lo || a >= hi)
			continue;
		/* The file ends before this page: zeros from here to the
		 * mapping's end, one mapping rather than a fault a page. */
		if (mmap((void *)pg, hi - pg, PROT_READ, MAP_PRIVATE |
		    MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
			break;
		live[i].cut = 1;
		errno = saved;
		return;
	}
	/* Not ours: the action before, which gets the fault again when
	 * this returns (or the signal, raised again). */
	(void)sigaction(SIGBUS, &prev_bus, NULL);
	if (si->si_code <= 0)
		(void)raise(sig);
	errno = saved;
}

/* Remember [p, p + total) as live, the mapping of len bytes of fd
 * (kept open), the handler in place; -1 when every slot is taken or no
 * handler can be had (then the file is not mapped). */
static int
live_add(char *p, size_t total, int fd, size_t len)
{
	struct sigaction	sa;
	int			rc = -1;

	pthread_mutex_lock(&live_mu);
	if (nlive == 0) {
		long	pg = sysconf(_SC_PAGESIZE);

		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = on_sigbus;
		sa.sa_flags = SA_SIGINFO;
		sigemptyset(&sa.sa_mask);
		page_mask = (uintptr_t)(pg > 0 ? pg : 4096) - 1;
		if (sigaction(SIGBUS, &sa, &prev_bus) != 0)
			goto out;
	}
	for (size_t i = 0; i < LIVE_MAPS; i++)
		if (atomic_load(&live[i].lo) == 0) {
			live[i].cut = 0;
			live[i].fd = fd;
			live[i].len = len;
			atomic_store(&live[i].hi, (uintptr_t)p + total);
			atomic_store(&live[i].lo, (uintptr_t)p);
			nlive++;
			rc = 0;
			break;
		}
	if (rc != 0 && nlive == 0)
		(void)sigaction(SIGBUS, &prev_bus, NULL);
out:
	pthread_mutex_unlock(&live_mu);
	return rc;
}

static struct live_map *
live_find(const char *p)
{
	for (size_t i = 0; p != NULL && i < LIVE_MAPS; i++)
		if (atomic_load(&live[i].lo) == (uintptr_t)p)
			return &live[i];
	return NULL;
}

static void
live_drop(const char *p)
{
	struct live_map	*m;

	pthread_mutex_lock(&live_mu);
	if ((m = live_find(p)) != NULL) {
		(void)close(m->fd);
		atomic_store(&m->lo, 0);
		atomic_store(&m->hi, 0);
		if (--nlive == 0)
			(void)sigaction(SIGBUS, &prev_bus, NULL);
	}
	pthread_mutex_unlock(&live_mu);
}

int
file_cut(const char *data)
{
	struct live_map	*m = live_find(data);
	struct stat	 sb;

	if (m == NULL)
		return 0;
	if (!m->cut && fstat(m->fd, &sb) == 0 &&
	    (unsigned long long)sb.st_size < m->len)
		m->cut = 1;
	return m->cut;
}

static enum file_status
map_all(int fd, size_t len, char **data, size_t *mapped)
{
	long	 pg = sysconf(_SC_PAGESIZE);
	size_t	 total;
	char	*p;

	if (pg <= 0)
		return FILE_CANNOT_READ;
	/* Room for the NUL after the bytes: the file's last page reads as
	 * zeros past its end, and a file that fills its last page has the
	 * anonymous page after it. */
	total = (len + 1 + (size_t)pg - 1) / (size_t)pg * (size_t)pg;
	p = mmap(NULL, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return FILE_CANNOT_READ;
	if ((fd = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0 ||
	    live_add(p, total, fd, len) != 0) {
		if (fd >= 0)
			(void)close(fd);
		(void)munmap(p, total);
		return FILE_CANNOT_READ;
	}
	if (mmap(p, len, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) ==
	    MAP_FAILED) {
		live_drop(p);
		(void)munmap(p, total);
		return FILE_CANNOT_READ;
	}
	*data = p;
	*mapped = total;
	map_lo = p;
	map_hi = p + len;
	return FILE_OK;
}

enum file_status
file_load(const char *path, char **data, size_t *len, size_t *mapped)
{
	struct stat		sb;
	enum file_status	rc;
	int			fd, saved;

	*mapped = 0;
	*data = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return FILE_CANNOT_OPEN;
	if (fstat(fd, &sb) != 0)
		rc = FILE_CANNOT_READ;
	else if (S_ISREG(sb.st_mode) &&
	    (unsigned long long)sb.st_size >= FILE_MAP_FROM &&
	    (unsigned long long)sb.st_size < SIZE_MAX / 2 &&
	    map_all(fd, (size_t)sb.st_size, data, mapped) == FILE_OK) {
		*len = (size_t)sb.st_size;
		close(fd);
		if (load_hook != NULL)
			load_hook(path);
		return FILE_OK;
	} else
		/* A pipe, a device, a small file, or one that cannot be
		 * mapped: read from this same descriptor (a fifo opened
		 * again would wait for a writer that has come and gone). */
		rc = read_fd(fd, &sb, 0, data, len);
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

void
file_unload(char *data, size_t mapped)
{
	if (mapped == 0) {
		free(data);
		return;
	}
	if (data == map_lo)
		map_lo = map_hi = NULL;
	/* Forgotten first: once unmapped, another thread's mapping may
	 * take the same address. */
	live_drop(data);
	(void)munmap(data, mapped);
}

void
file_passed(const void *p, size_t len)
{
	const char	*s = p;

	if (map_lo != NULL && s >= map_lo && s <= map_hi &&
	    len <= (size_t)(map_hi - s))
		file_drop_pages((void *)(uintptr_t)s, len);
}

const char *
file_memchr(const char *s, int c, size_t len)
{
	for (size_t a = 0, n; a < len; a += n) {
		const char	*hit;

		n = len - a < PASS_STEP ? len - a : PASS_STEP;
		if ((hit = memchr(s + a, c, n)) != NULL)
			return hit;
		file_passed(s + a, n);
	}
	return NULL;
}

const char *
file_u8_check(const char *s, size_t len)
{
	size_t	a = 0, e;

	while (a < len) {
		const uint8_t	*bad;

		/* A step ends before a character's first byte. */
		e = len - a <= PASS_STEP ? len : a + PASS_STEP;
		while (e < len && ((unsigned char)s[e] & 0xc0) == 0x80)
			e++;
		if ((bad = u8_check((const uint8_t *)s + a, e - a)) != NULL)
			return (const char *)bad;
		file_passed(s + a, e - a);
		a = e;
	}
	return NULL;
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
