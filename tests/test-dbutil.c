/* test-dbutil.c: the small helpers db/ shares: whole-file reading with a
 * cap (db/file.c), the user-path rule, and the statement helpers of
 * db/sqlutil.c (NULL contracts of col_str/col_str0, the row loops). */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "diag.h"
#include "file.h"
#include "store.h"
#include "xmalloc.h"

static char *dir;

static int
setup(void **state)
{
	const char	*bd = getenv("builddir");
	char		*tmp = xasprintf("%s/tests/tmp", bd ? bd : ".");

	(void)state;
	mkdir(tmp, 0700);
	dir = xasprintf("%s/test-dbutil.XXXXXX", tmp);
	free(tmp);
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int
teardown(void **state)
{
	char	*cmd = xasprintf("rm -rf '%s'", dir);

	(void)state;
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
	return 0;
}

static char *
write_file(const char *name, const char *text, size_t len)
{
	char	*path = xasprintf("%s/%s", dir, name);
	FILE	*f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	return path;
}

static void
test_read_whole(void **state)
{
	char	*path = write_file("a", "one\0two", 7), *data;
	size_t	 len;

	(void)state;
	assert_int_equal(file_read(path, 0, &data, &len), FILE_OK);
	assert_int_equal(len, 7);
	assert_memory_equal(data, "one\0two", 8);	/* NUL-terminated */
	free(data);
	/* Exactly max bytes is within the cap; one more is not. */
	assert_int_equal(file_read(path, 7, &data, &len), FILE_OK);
	free(data);
	assert_int_equal(file_read(path, 6, &data, &len), FILE_TOO_LARGE);
	assert_null(data);
	free(path);
}

static void
test_read_empty_and_large(void **state)
{
	size_t	 big = 300000, len;
	char	*text = xmalloc(big), *path, *data;

	(void)state;
	memset(text, 'x', big);
	path = write_file("big", text, big);
	assert_int_equal(file_read(path, 0, &data, &len), FILE_OK);
	assert_int_equal(len, big);
	assert_memory_equal(data, text, big);
	assert_int_equal(data[big], '\0');
	free(data);
	free(path);
	path = write_file("empty", "", 0);
	assert_int_equal(file_read(path, 10, &data, &len), FILE_OK);
	assert_int_equal(len, 0);
	assert_string_equal(data, "");
	free(data);
	free(path);
	free(text);
}

/* A file of a megabyte or more is mapped, NUL-terminated even when it
 * fills its last page; the pages a pass gives back (file_passed) read
 * the file's bytes again, and the scans find what memchr and u8_check
 * would.  A small one is read into memory. */
static void
test_load_mapped(void **state)
{
	size_t	 big = 2u << 20, len, mapped;
	char	*text = xmalloc(big), *path, *data;

	(void)state;
	for (size_t i = 0; i < big; i++)
		text[i] = (char)('a' + i % 26);
	text[big - 5] = '\n';
	path = write_file("mapped", text, big);
	assert_int_equal(file_load(path, &data, &len, &mapped), FILE_OK);
	assert_true(mapped > big);
	assert_int_equal(len, big);
	assert_int_equal(data[big], '\0');
	file_passed(data, big);
	assert_memory_equal(data, text, big);
	assert_ptr_equal(file_memchr(data, '\n', len), data + big - 5);
	assert_null(file_memchr(data, '\0', len));
	assert_null(file_u8_check(data, len));
	file_unload(data, mapped);
	free(path);
	/* Invalid UTF-8 past the first megabyte; a character across it. */
	memcpy(text + (1u << 20) - 1, "\xc3\xa9", 2);
	text[big - 100] = '\xff';
	path = write_file("mapped", text, big);
	assert_int_equal(file_load(path, &data, &len, &mapped), FILE_OK);
	assert_ptr_equal(file_u8_check(data, len), data + big - 100);
	file_unload(data, mapped);
	free(path);
	path = write_file("small", "short", 5);
	assert_int_equal(file_load(path, &data, &len, &mapped), FILE_OK);
	assert_int_equal(mapped, 0);
	assert_string_equal(data, "short");
	file_unload(data, mapped);
	free(path);
	free(text);
}

/* A mapped file cut shorter while it is read: no SIGBUS, the bytes past
 * the cut read as zeros, and file_cut says so; the handler is there only
 * while a mapping lives. */
static void
test_load_cut(void **state)
{
	size_t			 big = 4u << 20, cut = 1u << 20, len, mapped;
	size_t			 nonzero = 0;
	char			*text = xmalloc(big), *path, *data;
	struct sigaction	 before, during, after;
	int			 fd;

	(void)state;
	for (size_t i = 0; i < big; i++)
		text[i] = (char)('a' + i % 26);
	path = write_file("cut", text, big);
	assert_int_equal(sigaction(SIGBUS, NULL, &before), 0);
	assert_int_equal(file_load(path, &data, &len, &mapped), FILE_OK);
	assert_true(mapped > big);
	assert_int_equal(sigaction(SIGBUS, NULL, &during), 0);
	assert_true((during.sa_flags & SA_SIGINFO) != 0);
	assert_false(file_cut(data));
	assert_memory_equal(data, text, big);
	/* Read once whole, its pages given back, then cut. */
	file_passed(data, big);
	assert_int_not_equal(fd = open(path, O_WRONLY), -1);
	assert_int_equal(ftruncate(fd, (off_t)cut), 0);
	close(fd);
	assert_memory_equal(data, text, cut);
	/* Across the cut, through the mapping: zeros, no SIGBUS. */
	for (size_t i = cut; i < big; i++)
		nonzero += data[i] != '\0';
	assert_int_equal(nonzero, 0);
	assert_true(file_cut(data));
	assert_int_equal(data[big], '\0');
	file_unload(data, mapped);
	assert_false(file_cut(data));
	assert_int_equal(sigaction(SIGBUS, NULL, &after), 0);
	assert_true(after.sa_handler == before.sa_handler);
	assert_int_equal(after.sa_flags & SA_SIGINFO,
	    before.sa_flags & SA_SIGINFO);
	free(path);
	/* Cut inside its last page: zeros with no fault, the size says. */
	path = write_file("cut", text, big - 100);
	assert_int_equal(file_load(path, &data, &len, &mapped), FILE_OK);
	assert_true(mapped > 0);
	assert_int_equal(truncate(path, (off_t)(big - 200)), 0);
	assert_int_equal(data[big - 150], '\0');
	assert_true(file_cut(data));
	file_unload(data, mapped);
	/* Left whole: not cut. */
	assert_int_equal(file_load(path, &data, &len, &mapped), FILE_OK);
	assert_true(mapped > 0);
	assert_null(file_memchr(data, '\0', len));
	assert_false(file_cut(data));
	file_unload(data, mapped);
	free(path);
	free(text);
}

/* A SIGBUS outside every mapping of file_load still ends the process,
 * even while such a mapping lives (the action before is taken): a fault
 * of a plain mapping of a file cut shorter, in a child. */
static void
test_load_cut_elsewhere(void **state)
{
	size_t	 big = 2u << 20, len, mapped;
	char	*text = xmalloc(big), *path, *other, *data;
	pid_t	 pid;
	int	 st;

	(void)state;
	memset(text, 'x', big);
	path = write_file("mapped", text, big);
	other = write_file("other", text, big);
	assert_int_not_equal(pid = fork(), -1);
	if (pid == 0) {
		struct rlimit	 no_core = { 0, 0 };
		volatile char	*p;
		int		 fd = open(other, O_RDONLY);

		(void)setrlimit(RLIMIT_CORE, &no_core);
		/* The default action (cmocka catches SIGBUS to report). */
		(void)signal(SIGBUS, SIG_DFL);
		if (fd < 0 || file_load(path, &data, &len, &mapped) != FILE_OK ||
		    mapped == 0)
			_exit(1);
		p = mmap(NULL, big, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED || truncate(other, 0) != 0)
			_exit(1);
		(void)p[big - 1];
		_exit(42);	/* survived: wrong */
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGBUS);
	free(path);
	free(other);
	free(text);
}

static void
test_read_failures(void **state)
{
	char	*path = xasprintf("%s/missing", dir), *data;
	size_t	 len;

	(void)state;
	assert_int_equal(file_read(path, 0, &data, &len), FILE_CANNOT_OPEN);
	assert_int_equal(errno, ENOENT);
	assert_null(data);
	/* A folder opens but cannot be read. */
	assert_int_equal(file_read(dir, 0, &data, &len), FILE_CANNOT_READ);
	assert_int_equal(errno, EISDIR);
	assert_null(data);
	free(path);
}

static int	nmsg;
static char	msg[256];

static void
catch(void *arg, enum diag_level l, const char *file, int line, int col,
    const char *m)
{
	(void)arg, (void)l, (void)file, (void)line, (void)col;
	nmsg++;
	snprintf(msg, sizeof msg, "%s", m);
}

static void
test_read_conf(void **state)
{
	struct diag	 d = { catch, NULL, 0, 0 };
	char		*path = xasprintf("%s/absent.conf", dir), *data;
	size_t		 len;

	(void)state;
	nmsg = 0;
	assert_null(file_read_conf(path, 0, &len, &d));
	assert_int_equal(nmsg, 0);		/* absent: no message */
	assert_null(file_read_conf(dir, 0, &len, &d));
	assert_int_equal(nmsg, 1);
	assert_string_equal(msg, "cannot read the file");
	free(path);
	path = write_file("big.conf", "0123456789", 10);
	data = file_read_conf(path, (1 << 20) - 1, &len, &d);
	assert_non_null(data);			/* under the cap: read */
	assert_int_equal(len, 10);
	assert_int_equal(nmsg, 1);
	free(data);
	data = file_read_conf(path, 9, &len, &d);
	assert_null(data);
	assert_int_equal(nmsg, 2);
	assert_string_equal(msg, "file too large (over 0 MB)");
	free(path);
}

static void
test_user_path(void **state)
{
	char	*p;

	(void)state;
	setenv("HOME", "/home/u", 1);
	unsetenv("XDG_DATA_HOME");
	unsetenv("BRIEF_DB");
	p = file_user_path("BRIEF_DB", "XDG_DATA_HOME", ".local/share",
	    "index.db");
	assert_string_equal(p, "/home/u/.local/share/brief/index.db");
	free(p);
	/* A relative XDG folder is ignored, as the spec says. */
	setenv("XDG_DATA_HOME", "rel", 1);
	p = file_user_path("BRIEF_DB", "XDG_DATA_HOME", ".local/share",
	    "index.db");
	assert_string_equal(p, "/home/u/.local/share/brief/index.db");
	free(p);
	setenv("XDG_DATA_HOME", "/x", 1);
	p = file_user_path("BRIEF_DB", "XDG_DATA_HOME", ".local/share",
	    "index.db");
	assert_string_equal(p, "/x/brief/index.db");
	free(p);
	setenv("BRIEF_DB", "", 1);		/* empty: not set */
	p = file_user_path("BRIEF_DB", "XDG_DATA_HOME", ".local/share",
	    "index.db");
	assert_string_equal(p, "/x/brief/index.db");
	free(p);
	setenv("BRIEF_DB", "/y/i.db", 1);
	p = file_user_path("BRIEF_DB", "XDG_DATA_HOME", ".local/share",
	    "index.db");
	assert_string_equal(p, "/y/i.db");
	free(p);
	unsetenv("HOME");
	p = file_user_path(NULL, "XDG_CONFIG_HOME", ".config", "lang.conf");
	assert_string_equal(p, "./.config/brief/lang.conf");
	free(p);
	unsetenv("BRIEF_DB");
	unsetenv("XDG_DATA_HOME");
}

/* --- statements -------------------------------------------------------- */

struct pair {
	char	*a;
	char	*b;
	int	 n;
};

static void
pair_from_row(sqlite3_stmt *st, void *slot)
{
	struct pair	*p = slot;

	assert_null(p->a);		/* each slot comes zeroed */
	p->a = col_str(st, 0);
	p->b = col_str0(st, 1);
	p->n = sqlite3_column_int(st, 2);
}

static void
pairs_free(struct pair *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].a);
		free(v[i].b);
	}
	free(v);
}

static sqlite3 *
memdb(void)
{
	sqlite3	*db;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (a, b, n); "
	    "INSERT INTO t VALUES ('x', NULL, 1), (NULL, 'y', 2), "
	    "('z', 'w', 3)", NULL, NULL, NULL), SQLITE_OK);
	return db;
}

static void
test_rows(void **state)
{
	sqlite3		*db = memdb();
	sqlite3_stmt	*st;
	struct pair	*v;
	size_t		 n;

	(void)state;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT a, b, n FROM t "
	    "WHERE n >= ? ORDER BY n", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int(st, 1, 1);
	assert_int_equal(db_rows(st, &v, &n, sizeof *v, pair_from_row),
	    BDB_OK);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].a, "x");
	assert_string_equal(v[0].b, "");	/* col_str0: never NULL */
	assert_null(v[1].a);			/* col_str: NULL stays */
	assert_string_equal(v[1].b, "y");
	assert_int_equal(v[2].n, 3);
	pairs_free(v, n);
	/* Reset: the statement runs again, bindings kept, into a new
	 * array. */
	sqlite3_bind_int(st, 1, 2);
	assert_int_equal(db_rows(st, &v, &n, sizeof *v, pair_from_row),
	    BDB_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[1].a, "z");
	pairs_free(v, n);
	/* No statement (it did not prepare): an error and no rows. */
	v = (struct pair *)&n;
	assert_int_equal(db_rows(NULL, &v, &n, sizeof *v, pair_from_row),
	    BDB_DATA);
	assert_null(v);
	assert_int_equal(n, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void
test_rows_error(void **state)
{
	sqlite3		*db = memdb();
	sqlite3_stmt	*st;
	struct pair	*v;
	size_t		 n;

	(void)state;
	/* A runtime error (not a prepare error) after some rows (in table
	 * order: no ORDER BY, which would evaluate every row first). */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT a, b, CASE WHEN n < 3 "
	    "THEN n ELSE json('not json') END FROM t", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(db_rows(st, &v, &n, sizeof *v, pair_from_row),
	    BDB_DATA);
	assert_int_equal(n, 2);			/* rows so far stay */
	pairs_free(v, n);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void
test_row(void **state)
{
	sqlite3		*db = memdb();
	sqlite3_stmt	*st;
	struct pair	 p = { 0 };
	char		*s = (char *)"not yet set";

	(void)state;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT a, b, n FROM t "
	    "WHERE n = ?", -1, &st, NULL), SQLITE_OK);
	bind_str(st, 1, NULL);			/* NULL: matches nothing */
	assert_int_equal(db_row_str(st, &s), BDB_NOTFOUND);
	assert_null(s);
	sqlite3_bind_int(st, 1, 2);
	assert_int_equal(db_row(st, pair_from_row, &p), BDB_OK);
	assert_null(p.a);
	assert_string_equal(p.b, "y");
	free(p.b);
	sqlite3_bind_int(st, 1, 3);
	assert_int_equal(db_row_str(st, &s), BDB_OK);
	assert_string_equal(s, "z");
	free(s);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_whole),
		cmocka_unit_test(test_read_empty_and_large),
		cmocka_unit_test(test_load_mapped),
		cmocka_unit_test(test_read_failures),
		cmocka_unit_test(test_load_cut),
		cmocka_unit_test(test_load_cut_elsewhere),
		cmocka_unit_test(test_read_conf),
		cmocka_unit_test(test_user_path),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_rows_error),
		cmocka_unit_test(test_row),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
