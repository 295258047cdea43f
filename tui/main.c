/* main.c: brief's entry point: global options, then a command from the
 * table of commands.def (cli.c), or the reader. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "brief-db.h"
#include "cli.h"
#include "keys.h"

/* The libraries' versions too: a bug report needs them, and a SQLite
 * linked in (configure's default) is updated only by building brief. */
static int
version(void)
{
	printf("brief %s\n", PACKAGE_VERSION);
	printf("SQLite %s, %s, %s\n", bdb_sqlite_version(), curses_version(),
#ifdef BRIEF_STATIC_CORE
	    "linked in"
#else
	    "shared libraries"
#endif
	    );
	return EXIT_DONE;
}

static void
help(void)
{
	printf("usage: brief [--db FILE] [--review FILE] [--keymap NAME] "
	    "[--no-hint]\n"
	    "             [--no-hyperlinks] [--width N] "
	    "[DOC[#ANCHOR]]\n"
	    "       brief COMMAND [OPTIONS] [ARGS]\n\n"
	    "A terminal reader for policy briefings.  With no command, opens "
	    "the reader\n(on the bundled letter if the index is new).\n\n"
	    "Commands:\n");
	for (const struct command *c = commands; c->name != NULL; c++)
	{
		fputs("  brief ", stdout);
		cli_print_wrapped(stdout, c->usage, 8, 8);
		fputs("      ", stdout);
		cli_print_wrapped(stdout, c->help, 6, 6);
	}
	printf("\nOptions:\n"
	    "  --db FILE        the index (default $BRIEF_DB, else the index "
	    "a brief/config\n"
	    "                   names, else $XDG_DATA_HOME/brief/index.db)\n"
	    "  --review FILE    the review store (default $BRIEF_REVIEW, else\n"
	    "                   $XDG_DATA_HOME/brief/review.db)\n"
	    "  --keymap NAME    default, vi or emacs\n"
	    "  --no-hint        no key hint on the reader's first start\n"
	    "  --no-hyperlinks  no OSC 8 hyperlinks on links in the reader (also\n"
	    "                   NO_HYPERLINKS=1)\n"
	    "  --width N        the reader wraps text at N columns at most "
	    "(default 100)\n"
	    "  -h, --help       this help; 'brief COMMAND --help' for one "
	    "command\n"
	    "  --version        the version, and the SQLite and curses inside\n\n"
	    "Exit status: 0 done, 1 nothing found, 2 usage error, 3 data "
	    "error.\nSee brief(1) and brief-keys(5).\n");
}

static int
run(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "review", required_argument, NULL, 'R' },
		{ "keymap", required_argument, NULL, 'k' },
		{ "no-hint", no_argument, NULL, 'H' },
		{ "no-hyperlinks", no_argument, NULL, 'L' },
		{ "width", required_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct command	*cmd;
	int			 ch;

	while ((ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (ch) {
		case 'D': c->db_path = optarg; break;
		case 'R': c->review_path = optarg; break;
		case 'k':
			/* Checked here, for every command. */
			if (!keymap_known(optarg)) {
				cli_error("--keymap: unknown keymap '%s' (try "
				    "default, vi or emacs)", optarg);
				return EXIT_USAGE;
			}
			c->keymap = optarg;
			break;
		case 'H': c->no_hint = 1; break;
		case 'L':	/* the reader reads it */
			setenv("NO_HYPERLINKS", "1", 1);
			break;
		case 'W':
			if (cli_parse_int("--width", optarg, 0, 1000,
			    &c->width))
				return EXIT_USAGE;
			break;
		case 'h': help(); return EXIT_DONE;
		case 'V': return version();
		default: return cli_usage(NULL, stderr, EXIT_USAGE);
		}
	}
	if (optind < argc && (cmd = cli_command(argv[optind])) != NULL) {
		argc -= optind;
		argv += optind;
		optind = 0;	/* reset getopt for the command's options */
		return cmd->fn(c, argc, argv);
	}
	if (argc - optind > 1) {
		cli_error("unknown command '%s'", argv[optind]);
		return cli_usage(NULL, stderr, EXIT_USAGE);
	}
	return reader_run(c, optind < argc ? argv[optind] : NULL);
}

/* Output that could not all be written is never a success: a closed pipe
 * (`brief list | head -1`) ends quietly with status 3, any other write
 * error (a full disk) with one line. */
static int
stdout_close(int rc)
{
	struct stat st;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	if (errno != EPIPE && !(fstat(STDOUT_FILENO, &st) == 0 &&
	    (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))))
		cli_error("cannot write the output%s%s", errno ? ": " : "",
		    errno ? strerror(errno) : "");
	return rc == EXIT_DONE ? EXIT_DATA : rc;
}

int
main(int argc, char **argv)
{
	struct cli	c = { 0 };
	int		rc;

	/* The character set and the language of the system's messages
	 * (strerror): brief shapes nothing by the other categories (its dates
	 * are ISO, its numbers plain, its order SQL's), and loading every
	 * category is a dozen files opened before a search or a first
	 * frame. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	signal(SIGPIPE, SIG_IGN);	/* a closed pipe is a write error */
	rc = run(&c, argc, argv);
	cli_free(&c);
	return stdout_close(rc);
}
