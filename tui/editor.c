/* editor.c: running the user's editor on a text, for any view.  The text
 * goes to a private temporary file (mode 0600: a note may be
 * confidential), the terminal is handed over to the editor as git does
 * (sh -c 'EDITOR "$@"' EDITOR FILE, with C-c its own), and the file is
 * read back and removed.  It owns nothing between calls. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "editor.h"
#include "view.h"

#define EDIT_FILE_MAX	(16 * 1024 * 1024)

const char *
editor_command(void)
{
	const char *e = getenv("VISUAL");

	if (e == NULL || e[0] == '\0')
		e = getenv("EDITOR");
	return e != NULL && e[0] != '\0' ? e : "vi";
}

static int
write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, s, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		len -= (size_t)w;
	}
	return 0;
}

/* A new file, mode 0600, holding head then text: its path, or NULL
 * (message set).  ".md", so editors know a comment at its top. */
static char *
edit_file(const char *what, const char *head, const char *text)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/brief-%s-XXXXXX.md",
	    dir != NULL && dir[0] != '\0' ? dir : "/tmp", what);
	int fd = mkstemps(path, 3), bad;
	size_t len;

	if (fd < 0) {
		view_error("Cannot make a file for the %s: %s: %s", what, path,
		    strerror(errno));
		free(path);
		return NULL;
	}
	len = text != NULL ? strlen(text) : 0;
	/* A final newline, or a line the editor appends joins the last. */
	bad = fchmod(fd, 0600) != 0 ||
	    (head != NULL && write_all(fd, head, strlen(head)) != 0) ||
	    write_all(fd, text, len) != 0 ||
	    (len > 0 && text[len - 1] != '\n' && write_all(fd, "\n", 1) != 0);
	if (close(fd) != 0 || bad) {
		view_error("Cannot write %s: %s", path, strerror(errno));
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* Run the editor on path with the terminal handed over; its exit
 * status, or -1. */
static int
run_editor(const char *path)
{
	const char *ed = editor_command();
	char *cmd = xasprintf("%s \"$@\"", ed);
	struct sigaction ign, oint, oquit;
	int st = 0;
	pid_t pid;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &oint);		/* C-c is the editor's */
	sigaction(SIGQUIT, &ign, &oquit);
	def_prog_mode();
	endwin();
	if ((pid = fork()) == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, ed, path, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	free(cmd);
	if (pid < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The file's text without trailing blanks (a new string), or NULL. */
static char *
read_back(const char *path)
{
	FILE *f = fopen(path, "r");
	struct buf b = { 0 };
	char chunk[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	buf_adds(&b, "");
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 &&
	    b.len < EDIT_FILE_MAX)
		buf_add(&b, chunk, n);
	fclose(f);
	while (b.len > 0 && strchr(" \t\r\n", b.data[b.len - 1]) != NULL)
		b.data[--b.len] = '\0';
	return buf_steal(&b);
}

int
editor_edit(const char *what, const char *head, const char *text,
    char **out)
{
	char *path = edit_file(what, head, text);
	int st;

	*out = NULL;
	if (path == NULL)
		return -1;
	st = run_editor(path);
	*out = read_back(path);
	unlink(path);
	free(path);
	if (st != 0)
		view_error("The editor exited with status %d (%s)", st,
		    editor_command());
	return st == 0 && *out != NULL ? 0 : -1;
}
