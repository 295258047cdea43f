/* benchtool.c: timing and memory of one command, for bench/run.
 *
 *   benchtool time [-r REPS] [-i FILE] [-o FILE] [-c] -- CMD [ARG...]
 *	Runs CMD REPS times (stdin from FILE or /dev/null, stdout to FILE or
 *	/dev/null, stderr kept) and prints, a line per run,
 *	"WALL_MS MAXRSS_KB STATUS", with -c then CPU_MS (user + system).
 *	Wall time from fork to wait4; the peak resident set and the CPU time
 *	from wait4's rusage (what /usr/bin/time -f %M reports).
 *
 *   benchtool pty [-R ROWS] [-C COLS] [-q QUIET_MS] [-k KEYS] [-n COUNT]
 *	    [-x QUIT] [-o FILE] -- CMD [ARG...]
 *	Runs CMD on a new pseudo-terminal (ROWSxCOLS, default 24x80) and
 *	reads everything it draws.  The first frame is over when the output
 *	goes quiet for QUIET_MS (default 250): "first" is the time from
 *	fork to the last byte of that burst (the quiet wait is not counted).
 *	Then it types COUNT keys (default 0) cycling through the string KEYS
 *	(one byte a key), each after the screen settled, and times each from
 *	the write to the last byte of its answer.  Then it types QUIT
 *	(default "q") and waits for the exit.  Prints
 *	    first MS
 *	    keys MS MS ...        (a key that drew nothing within 1 s: -1)
 *	    bytes N N ...         (what each key's answer sent to the terminal)
 *	    total MS
 *	    rss KB
 *	    status N
 *	Kills CMD (TERM, then KILL) if it does not exit within 5 s of QUIT
 *	and reports status -1.  With -o, every byte the command sent to the
 *	terminal is also written to FILE as it came (to study what a key
 *	costs on a slow link).
 *
 * Exit status: 0, or 1 if something could not be run at all. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
die(const char *what)
{
	fprintf(stderr, "benchtool: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int
status_of(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return -1;
}

/* --- time ----------------------------------------------------------- */

static int
cmd_time(int argc, char **argv)
{
	const char	*in = "/dev/null", *out = "/dev/null";
	int		 reps = 1, cpu = 0, i;

	for (i = 0; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "-c") == 0) {
			cpu = 1;	/* takes no value */
			continue;
		}
		if (i + 1 >= argc)
			break;
		if (strcmp(argv[i], "-r") == 0)
			reps = atoi(argv[++i]);
		else if (strcmp(argv[i], "-i") == 0)
			in = argv[++i];
		else if (strcmp(argv[i], "-o") == 0)
			out = argv[++i];
		else
			break;
	}
	if (i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc) {
		fputs("usage: benchtool time [-r REPS] [-i FILE] [-o FILE] [-c] "
		    "-- CMD [ARG...]\n", stderr);
		return 2;
	}
	argv += i + 1;
	for (int r = 0; r < reps; r++) {
		struct rusage	ru;
		double		t0 = now_ms(), t1;
		int		st;
		pid_t		pid;

		fflush(stdout);
		if ((pid = fork()) < 0)
			die("fork");
		if (pid == 0) {
			int fi = open(in, O_RDONLY);
			int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0666);

			if (fi < 0 || fo < 0) {
				perror("benchtool");
				_exit(126);
			}
			dup2(fi, 0);
			dup2(fo, 1);
			close(fi);
			close(fo);
			execvp(argv[0], argv);
			fprintf(stderr, "benchtool: %s: %s\n", argv[0],
			    strerror(errno));
			_exit(127);
		}
		if (wait4(pid, &st, 0, &ru) < 0)
			die("wait4");
		t1 = now_ms();
		printf("%.3f %ld %d", t1 - t0, ru.ru_maxrss, status_of(st));
		if (cpu)
			printf(" %.3f", (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) *
			    1000.0 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) /
			    1000.0);
		printf("\n");
	}
	return 0;
}

/* --- pty ------------------------------------------------------------ */

static int	master = -1;
static int	trace;		/* $BENCHTOOL_TRACE: each read to stderr */
static double	t_start;
static double	last_byte;	/* time of the last byte read */
static size_t	nread;
static FILE	*raw;		/* -o FILE: every byte read, as read */

/* Reads what is there until the output has been quiet for quiet ms or
 * nothing came within first ms; returns the bytes read.  Sets *eof at EOF
 * (the child closed the terminal). */
static size_t
drain(int first, int quiet, int *eof)
{
	char	buf[65536];
	size_t	got = 0;

	for (;;) {
		struct pollfd	pfd = { master, POLLIN, 0 };
		int		r = poll(&pfd, 1, got ? quiet : first);
		ssize_t		n;

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return got;
		n = read(master, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {	/* EIO: the slave side is closed */
			*eof = 1;
			return got;
		}
		got += (size_t)n;
		nread += (size_t)n;
		if (raw != NULL)
			fwrite(buf, 1, (size_t)n, raw);
		last_byte = now_ms();
		if (trace)
			fprintf(stderr, "benchtool: %.3f ms: %zd bytes\n",
			    last_byte - t_start, n);
	}
}

static int
cmd_pty(int argc, char **argv)
{
	const char	*keys = "", *quit = "q";
	size_t		*kbytes, nkeys = 0;
	int		 rows = 24, cols = 80, quiet = 250, count = 0, i, eof = 0;
	int		 st = 0, status;
	double		 t0, first;
	struct rusage	 ru;
	struct winsize	 ws;
	pid_t		 pid;
	char		*slave;

	for (i = 0; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const char *o = argv[i];

		if (i + 1 >= argc)
			break;
		if (strcmp(o, "-R") == 0)
			rows = atoi(argv[++i]);
		else if (strcmp(o, "-C") == 0)
			cols = atoi(argv[++i]);
		else if (strcmp(o, "-q") == 0)
			quiet = atoi(argv[++i]);
		else if (strcmp(o, "-k") == 0)
			keys = argv[++i];
		else if (strcmp(o, "-n") == 0)
			count = atoi(argv[++i]);
		else if (strcmp(o, "-x") == 0)
			quit = argv[++i];
		else if (strcmp(o, "-o") == 0) {
			if ((raw = fopen(argv[++i], "w")) == NULL)
				die(argv[i]);
		}
		else
			break;
	}
	if (i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc ||
	    (count > 0 && keys[0] == '\0')) {
		fputs("usage: benchtool pty [-R ROWS] [-C COLS] [-q QUIET_MS] "
		    "[-k KEYS] [-n COUNT] [-x QUIT] [-o FILE] -- CMD [ARG...]\n",
		    stderr);
		return 2;
	}
	argv += i + 1;

	if ((master = posix_openpt(O_RDWR | O_NOCTTY)) < 0 ||
	    grantpt(master) < 0 || unlockpt(master) < 0 ||
	    (slave = ptsname(master)) == NULL)
		die("pseudo-terminal");
	memset(&ws, 0, sizeof ws);
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;

	trace = getenv("BENCHTOOL_TRACE") != NULL;
	t_start = t0 = now_ms();
	if ((pid = fork()) < 0)
		die("fork");
	if (pid == 0) {
		int	fd;

		setsid();
		if ((fd = open(slave, O_RDWR)) < 0)
			_exit(126);
		ioctl(fd, TIOCSCTTY, 0);
		ioctl(fd, TIOCSWINSZ, &ws);
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
		close(master);
		execvp(argv[0], argv);
		_exit(127);
	}

	/* The first frame: up to 10 s for the first byte. */
	drain(10000, quiet, &eof);
	first = nread ? last_byte - t0 : -1;
	printf("first %.3f\nkeys", first);
	kbytes = calloc((size_t)(count > 0 ? count : 1), sizeof *kbytes);
	for (int k = 0; k < count && !eof; k++) {
		char	c = keys[k % strlen(keys)];
		double	sent;
		size_t	got;

		sent = now_ms();
		if (write(master, &c, 1) != 1)
			break;
		got = drain(1000, quiet, &eof);
		if (kbytes != NULL)
			kbytes[nkeys++] = got;
		printf(" %.3f", got ? last_byte - sent : -1.0);
	}
	printf("\nbytes");
	for (size_t k = 0; k < nkeys; k++)	/* sent down per key */
		printf(" %zu", kbytes[k]);
	printf("\n");
	free(kbytes);

	if (!eof && write(master, quit, strlen(quit)) < 0)
		eof = 1;
	for (double until = now_ms() + 5000; now_ms() < until;) {
		pid_t	r = wait4(pid, &st, WNOHANG, &ru);

		if (r == pid)
			goto done;
		drain(50, 20, &eof);
	}
	kill(pid, SIGTERM);
	usleep(200000);
	kill(pid, SIGKILL);
	wait4(pid, &st, 0, &ru);
	printf("total %.3f\nrss %ld\nstatus -1\n", now_ms() - t0,
	    ru.ru_maxrss);
	return 0;
done:
	status = status_of(st);
	printf("total %.3f\nrss %ld\nstatus %d\n", now_ms() - t0, ru.ru_maxrss,
	    status);
	return 0;
}

int
main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc >= 2 && strcmp(argv[1], "time") == 0)
		return cmd_time(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "pty") == 0)
		return cmd_pty(argc - 2, argv + 2);
	fputs("usage: benchtool time|pty ...\n", stderr);
	return 2;
}
