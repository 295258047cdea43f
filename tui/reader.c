/* reader.c: the reader's entry point, reader_run().  It chooses between
 * the full-screen reader and plain `brief show` output (TERM=dumb, or
 * stdout not a terminal), loads the keymap and the first document, owns
 * the terminal (newterm; restored on every exit path: normal, atexit, and
 * SIGTERM/SIGHUP/SIGINT/SIGQUIT/SIGABRT; sized again after SIGCONT) and
 * the input: the keyboard, or in script mode the keys and commands read
 * from BRIEF_SCRIPT.
 *
 * Script mode is for the screen tests (tests/screen.sh), after tig's: the
 * screen goes to /dev/null through newterm, LINES and COLUMNS come from
 * the environment (80x24 by default), no tty is needed and nothing waits.
 * A script is lines of key names as in keymaps ("j j <Tab> <Enter>", read
 * by bkey_parse_word), lines starting with ':' in the first column that
 * run as commands (":goto rec-2", ":save-display FILE", ":resize 40 10";
 * " : g o t o" types them at the prompt instead) and '#' comments.
 * The reader exits at the end of the script. */
#include "config.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "review-ui.h"
#include "view.h"

/* The views and the modules that hook keys and commands: views.def. */
static const struct view_ops *const views[] = {
#define VIEW(name)	&name##_ops,
#define HOOKS(fn)
#include "views.def"
#undef VIEW
#undef HOOKS
};

static void (*const hooks[])(void) = {
#define VIEW(name)
#define HOOKS(fn)	fn,
#include "views.def"
#undef VIEW
#undef HOOKS
};

struct script_event {
	int		 kind;		/* INPUT_KEY or INPUT_COMMAND */
	bkey		 key;
	char		*command;
};

static struct {
	SCREEN			*screen;
	FILE			*out;
	FILE			*in;
	int			 on;		/* curses owns the terminal */
	int			 scripted;
	int			 settling;	/* just resized */
	struct script_event	*ev;
	size_t			 nev;
	size_t			 pos;
	char			**warn;		/* keymap messages */
	size_t			 nwarn;
	struct bdb		*reading;	/* the start-up's read transaction */
} T;

void
reader_views_init(void)
{
	for (size_t i = 0; i < sizeof views / sizeof views[0]; i++)
		view_register(views[i]);
	for (size_t i = 0; i < sizeof hooks / sizeof hooks[0]; i++)
		hooks[i]();
}

int
view_scripted(void)
{
	return T.scripted;
}

/* --- The terminal ----------------------------------------------------- */

static void
term_restore(void)
{
	if (T.on) {
		T.on = 0;
		endwin();
	}
}

static void
on_signal(int sig)
{
	term_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Back from C-z (SIGCONT): the terminal may have been resized while the
 * reader was stopped, and that SIGWINCH went to the shell.  Curses only
 * looks at the size on SIGWINCH: send one, so the read returns KEY_RESIZE
 * and everything is laid out and painted again at once.  (For the read to
 * return, curses' own SIGTSTP handler must not restart it: see below.) */
static void
on_cont(int sig)
{
	int saved = errno;

	(void)sig;
	if (T.on)
		raise(SIGWINCH);
	errno = saved;
}

static void
signals_init(void)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGABRT };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	sa.sa_handler = on_cont;
	sigaction(SIGCONT, &sa, NULL);
	if (sigaction(SIGTSTP, NULL, &sa) == 0 && sa.sa_handler != SIG_DFL &&
	    sa.sa_handler != SIG_IGN) {
		sa.sa_flags &= ~SA_RESTART;
		sigaction(SIGTSTP, &sa, NULL);
	}
}

/* Script mode: a screen of LINES x COLUMNS written to /dev/null. */
static SCREEN *
script_screen(void)
{
	const char *term = getenv("TERM");

	if (getenv("LINES") == NULL)
		setenv("LINES", "24", 1);
	if (getenv("COLUMNS") == NULL)
		setenv("COLUMNS", "80", 1);
	if (term == NULL || term[0] == '\0' || strcmp(term, "dumb") == 0)
		term = "xterm";
	T.out = fopen("/dev/null", "w");
	T.in = fopen("/dev/null", "r");
	if (T.out == NULL || T.in == NULL)
		return NULL;
	return newterm(term, T.out, T.in);
}

/* The keyboard: stdin, or the controlling terminal when stdin is not. */
static int
tty_open(void)
{
	/* The size from the terminal (ioctl), never from LINES/COLUMNS left
	 * in the environment: they would win over every resize. */
	unsetenv("LINES");
	unsetenv("COLUMNS");
	T.out = stdout;
	if (T.in == NULL)
		T.in = isatty(STDIN_FILENO) ? stdin : fopen("/dev/tty", "r");
	return T.in != NULL ? 0 : -1;
}

/* newterm (the terminal's description read, its modes set) and the
 * keymap's parse run on a second thread while the index and the review
 * store open and the document loads: they wait on nothing of theirs,
 * and they were a seventh of the time to the first frame.  Nothing
 * reaches the terminal before the document is known to open: newterm
 * keeps what it writes until keypad() flushes it (term_start).
 * Meanwhile stderr is held, since a message printed while the terminal
 * is in newterm's modes (no carriage return at a newline) would come out
 * askew; when the reader does not start, the terminal's modes and the
 * signal actions newterm took are put back before it goes out, and the
 * screen is left as it is (delscreen would write what newterm kept). */
static const int early_signals[] = { SIGINT, SIGQUIT, SIGTERM, SIGTSTP,
    SIGWINCH };
#define NEARLY	(sizeof early_signals / sizeof early_signals[0])

static struct {
	pthread_t		 th;
	int			 running;
	struct termios		 tio;
	struct sigaction	 sa[NEARLY];
	char			 err[BUFSIZ];
	struct keymap		*km;
	const char		*keymap;
	int			 km_rc;
} E;

static void
collect(void *, enum diag_level, const char *, int, int, const char *);

static void *
early_start(void *arg)
{
	struct diag	diag = { .fn = collect };

	(void)arg;
	T.screen = newterm(NULL, T.out, T.in);
	E.km_rc = keymap_setup(E.km, E.keymap, &diag);
	return NULL;
}

/* The thread started: 1, and km set up there; 0, for the caller to. */
static int
screen_begin(struct keymap *km, const char *keymap)
{
	if (tty_open() != 0 || tcgetattr(fileno(T.out), &E.tio) != 0)
		return 0;
	for (size_t i = 0; i < NEARLY; i++)
		sigaction(early_signals[i], NULL, &E.sa[i]);
	E.km = km;
	E.keymap = keymap;
	fflush(stderr);
	setvbuf(stderr, E.err, _IOFBF, sizeof E.err);
	if (pthread_create(&E.th, NULL, early_start, NULL) == 0)
		return E.running = 1;
	setvbuf(stderr, NULL, _IONBF, 0);
	E.km = NULL;
	return 0;
}

/* The thread's work done: its screen in T.screen (NULL when newterm
 * could not make one), keymap_setup's result returned. */
static int
screen_wait(void)
{
	if (E.running) {
		pthread_join(E.th, NULL);
		E.running = 0;
	}
	return E.km_rc;
}

/* stderr let go.  start: the reader goes on to term_start; else the
 * terminal is put back as it was. */
static void
screen_release(int start)
{
	int	held;

	if (E.km == NULL)
		return;
	E.km = NULL;
	held = __fpending(stderr) > 0;
	if (T.screen != NULL && (!start || held))
		tcsetattr(fileno(T.out), TCSANOW, &E.tio);
	fflush(stderr);
	setvbuf(stderr, NULL, _IONBF, 0);
	if (T.screen == NULL)
		return;
	if (!start) {
		for (size_t i = 0; i < NEARLY; i++)
			sigaction(early_signals[i], &E.sa[i], NULL);
	} else if (held)
		reset_prog_mode();
}

static int
term_start(void)
{
	if (T.scripted)
		T.screen = script_screen();
	else if (E.km != NULL)
		screen_release(1);
	else if (tty_open() == 0)
		T.screen = newterm(NULL, T.out, T.in);
	if (T.screen == NULL)
		return -1;
	set_term(T.screen);
	T.on = 1;
	atexit(term_restore);
	signals_init();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	typeahead(-1);
	curs_set(0);
	display_init();
	return 0;
}

static void
term_end(void)
{
	term_restore();
	if (T.screen != NULL)
		delscreen(T.screen);
	T.screen = NULL;
	if (T.out != NULL && T.out != stdout)
		fclose(T.out);
	if (T.in != NULL && T.in != stdin)
		fclose(T.in);
	T.out = T.in = NULL;
}

void
reader_tty_write(const char *s)
{
	if (!T.on || T.out == NULL)
		return;
	fputs(s, T.out);
	fflush(T.out);
}

/* --- Input ------------------------------------------------------------ */

static void
script_add(int kind, bkey key, const char *command)
{
	T.ev = xreallocarray(T.ev, T.nev + 1, sizeof *T.ev);
	T.ev[T.nev++] = (struct script_event){ kind, key, xstrdup(command) };
}

/* One line of key names; returns the number of bad names. */
static int
script_keys(const char *path, int lineno, const char *p)
{
	int errors = 0, r;
	bkey k;

	for (;;) {
		const char *word;

		p += strspn(p, " \t");
		word = p;
		if ((r = bkey_parse_word(&p, &k)) == 0)
			break;
		if (r > 0) {
			script_add(INPUT_KEY, k, NULL);
			continue;
		}
		fprintf(stderr, "brief: %s:%d: unknown key name '%.*s'\n", path,
		    lineno, (int)(p - word), word);
		errors++;
	}
	return errors;
}

static int
script_load(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0, errors = 0;

	if (f == NULL) {
		cli_error("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((len = getline(&line, &cap, f)) != -1) {
		char *p = line + strspn(line, " \t");

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (*p == '\0' || *p == '#')
			continue;
		if (line[0] == ':')
			script_add(INPUT_COMMAND, BKEY_NONE, p + 1);
		else
			errors += script_keys(path, lineno, p);
	}
	free(line);
	fclose(f);
	return errors;
}

static void
script_free(void)
{
	for (size_t i = 0; i < T.nev; i++)
		free(T.ev[i].command);
	free(T.ev);
	T.ev = NULL;
	T.nev = T.pos = 0;
}

void
reader_unget(void)
{
	if (T.scripted && T.pos > 0)
		T.pos--;
}

static int
script_input(struct input *in)
{
	const struct script_event *e;

	if (T.pos >= T.nev)
		return in->kind = INPUT_END;
	e = &T.ev[T.pos++];
	in->key = e->key;
	in->command = e->command;
	return in->kind = e->kind;
}

/* Curses notices a SIGWINCH only when it interrupts a read: one that came
 * while the reader was busy (laying out for the previous one, as when a
 * window is dragged) would wait for the next key, the screen laid out for
 * a size that is gone.  So before each read the terminal's size is
 * compared with the screen's, and after a resize the next read waits
 * 100 ms at most, until the size holds still. */
static int
resized(void)
{
	struct winsize ws;

	if (ioctl(fileno(T.out), TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 ||
	    ws.ws_col == 0 || (ws.ws_row == LINES && ws.ws_col == COLS))
		return 0;
	return resizeterm(ws.ws_row, ws.ws_col) == OK;
}

int
reader_input(struct input *in)
{
	int errors = 0;

	if (T.scripted)
		return script_input(in);
	in->command = NULL;
	while (errors < 100) {
		if (resized()) {
			in->key = BKEY_SPECIAL | KEY_RESIZE;
			T.settling = 1;
			return in->kind = INPUT_KEY;
		}
		wtimeout(stdscr, T.settling ? 100 : -1);
		errno = 0;
		in->key = bkey_read(stdscr);
		wtimeout(stdscr, -1);
		if (in->key == (BKEY_SPECIAL | KEY_RESIZE))
			T.settling = 1;
		if (in->key != BKEY_NONE)
			return in->kind = INPUT_KEY;
		if (T.settling)
			T.settling = 0;		/* the size held still */
		else if (errno != EINTR)
			errors++;	/* the terminal is gone: stop */
	}
	return in->kind = INPUT_END;
}

/* --- Keymap messages -------------------------------------------------- */

static void
collect(void *arg, enum diag_level level, const char *file, int line,
    int col, const char *msg)
{
	const char *home = getenv("HOME");
	const char *kind = level == DIAG_WARNING ? "warning: " : "";
	size_t hl = home != NULL ? strlen(home) : 0;
	char *s;

	if (file != NULL && hl > 1 && strncmp(file, home, hl) == 0 &&
	    file[hl] == '/') {
		s = xasprintf("~%s", file + hl);
		collect(arg, level, s, line, col, msg);
		free(s);
		return;
	}
	if (file != NULL && line > 0)
		s = xasprintf("%s:%d: %s%s", file, line, kind, msg);
	else if (file != NULL)
		s = xasprintf("%s: %s%s", file, kind, msg);
	else
		s = xasprintf("%s%s", kind, msg);
	T.warn = xreallocarray(T.warn, T.nwarn + 1, sizeof *T.warn);
	T.warn[T.nwarn++] = s;
}

/* After the screen is gone, the keymap's messages go to stderr too. */
static void
warnings_flush(int print)
{
	for (size_t i = 0; i < T.nwarn; i++) {
		if (print)
			cli_error("%s", T.warn[i]);
		free(T.warn[i]);
	}
	free(T.warn);
	T.warn = NULL;
	T.nwarn = 0;
}

static void
warnings_show(void)
{
	if (T.nwarn == 1)
		view_error("%s", T.warn[0]);
	else if (T.nwarn > 1)
		view_error("%s (and %zu more)", T.warn[0], T.nwarn - 1);
}

/* --- Entry ------------------------------------------------------------ */

/* The document to open with no DOC given: the first letter, else the
 * first document.  A new string, or NULL (message printed). */
static char *
default_slug(struct cli *c)
{
	char *slug = NULL;

	if (bdb_first_slug(c->db, &slug) != BDB_OK || slug == NULL) {
		free(slug);
		cli_error("no documents (import some with 'brief import FILE')");
		return NULL;
	}
	return slug;
}

/* Not a terminal we can draw on: print the document as `brief show`. */
static int
show_plain(struct cli *c, const char *target)
{
	char *argv[3], *slug = NULL;
	int rc;

	if (target == NULL) {
		if (cli_open_db(c, 1) == NULL)
			return EXIT_DATA;
		if ((slug = default_slug(c)) == NULL)
			return EXIT_NOTFOUND;
	}
	argv[0] = "show";
	argv[1] = (char *)(target ? target : slug);
	argv[2] = NULL;
	optind = 0;
	rc = cli_command("show")->fn(c, 2, argv);
	free(slug);
	return rc;
}

static int
can_draw(void)
{
	const char *term = getenv("TERM");

	return term != NULL && term[0] != '\0' && strcmp(term, "dumb") != 0 &&
	    isatty(STDOUT_FILENO);
}

/* Everything read before the first frame is read in one transaction,
 * not a transaction (its locks and checks of the files) per statement;
 * it ends as the frame is on screen, before the frame hooks write the
 * session's bookkeeping. */
static void
read_begin(struct bdb *b)
{
	if (bdb_review_begin(b) == BDB_OK)
		T.reading = b;
}

static void
read_end(void)
{
	if (T.reading != NULL)
		bdb_review_commit(T.reading);
	T.reading = NULL;
}

static int
load_first(struct cli *c, const char *target, struct doc *d, int *seq)
{
	struct bdb *b;
	char *slug;
	int rc;

	if ((b = review_open(c)) == NULL)
		return EXIT_DATA;
	read_begin(b);
	if (target != NULL)
		return cli_load_target(c, target, d, seq, CLI_LOAD_OUTLINE);
	if ((slug = default_slug(c)) == NULL)
		return EXIT_NOTFOUND;
	*seq = -1;
	rc = bdb_load_outline_spans(c->db, slug, d);
	if (rc != BDB_OK)
		cli_error("%s: cannot load the document", slug);
	free(slug);
	return rc;
}

static int
run(struct cli *c, struct keymap *km, struct doc *d, int seq)
{
	struct pager_arg arg = { d, seq };

	view_init(c, km, cli_ascii());
	view_on_frame(read_end);	/* before the hooks that write */
	reader_views_init();
	if (view_push(&pager_ops, &arg) == NULL)
		return EXIT_DATA;
	review_session_start(seq < 0);
	warnings_show();
	hint_show(c->no_hint);
	view_loop();
	review_session_save();
	view_free();
	review_session_end();
	return EXIT_DONE;
}

int
reader_run(struct cli *c, const char *target)
{
	const char *script = getenv("BRIEF_SCRIPT");
	struct diag diag = { .fn = collect };
	struct keymap *km;
	struct doc d = { 0 };
	int seq, rc, bad = 0, early;

	T.scripted = script != NULL && script[0] != '\0';
	if (!T.scripted && !can_draw())
		return show_plain(c, target);
	km = keymap_new();
	early = !T.scripted && screen_begin(km, c->keymap);
	if ((rc = load_first(c, target, &d, &seq)) != EXIT_DONE) {
		screen_wait();
		screen_release(0);
		read_end();
		keymap_free(km);
		return rc;
	}
	if ((early ? screen_wait() : keymap_setup(km, c->keymap, &diag)) < 0 ||
	    (T.scripted && (bad = script_load(script)) < 0)) {
		screen_release(0);
		warnings_flush(1);
		rc = EXIT_USAGE;
	} else if (term_start() != 0) {
		warnings_flush(1);
		rc = T.scripted ? EXIT_DATA : show_plain(c, target);
	} else {
		rc = run(c, km, &d, seq);
		term_end();
		warnings_flush(1);
		if (rc == EXIT_DONE && bad > 0)
			rc = EXIT_USAGE;
	}
	read_end();		/* no frame was drawn */
	script_free();
	keymap_free(km);
	doc_clear(&d);
	return rc;
}
