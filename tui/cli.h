/* cli.h: the command line: options shared by every command, the table of
 * commands, and helpers each command uses (opening the index, resolving
 * DOC[#ANCHOR], printing).  Each command lives in its own function and
 * reads its own options with getopt_long. */
#ifndef BRIEF_CLI_H
#define BRIEF_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "brief-db.h"

/* Exit statuses. */
enum { EXIT_DONE = 0, EXIT_NOTFOUND = 1, EXIT_USAGE = 2, EXIT_DATA = 3 };

struct cli {
	const char	*db_path;	/* --db, else bdb_default_path() */
	const char	*review_path;	/* --review */
	const char	*keymap;	/* --keymap */
	int		 width;		/* --width, 0: terminal or 80 */
	int		 json;		/* --json */
	int		 lenient;	/* --lenient */
	int		 no_hint;	/* --no-hint */
	struct bdb	*db;		/* opened by cli_open_db() */
	char		*db_default;
};

struct command {
	const char	*name;
	int		(*fn)(struct cli *, int argc, char **argv);
	const char	*usage;		/* "show DOC[#ANCHOR] [--width N]" */
	const char	*help;		/* one line */
};

extern const struct command commands[];
const struct command *cli_command(const char *name);

/* Options every command takes; cli_common_opt() handles them. */
#define CLI_COMMON_OPTS \
	{ "db", required_argument, NULL, 'D' }, \
	{ "review", required_argument, NULL, 'R' }, \
	{ "help", no_argument, NULL, 'h' }
#define CLI_COMMON_SHORT "h"

/* Returns 1 if c was a common option (and handled it), 0 if not, or an
 * exit status + 100 when the command must stop (help printed: 100). */
int	 cli_common_opt(struct cli *, const struct command *, int c,
	    const char *arg);
int	 cli_usage(const struct command *, FILE *, int status);
/* A command that takes only the common options: parse them; -1 to go
 * on, else the exit status to return. */
int	 cli_common_only(struct cli *, const char *name, int argc,
	    char **argv);
/* text wrapped at 79 columns by libunistring, its later lines indented
 * by indent; first: the column the first line starts at. */
void	 cli_print_wrapped(FILE *, const char *text, int indent, int first);
int	 cli_parse_int(const char *opt, const char *arg, int min, int max,
	    int *out);

/* Open the index (read-only when ro is 1; ro CLI_CREATE: read-write,
 * creating a missing file and saying so); prints the error and returns
 * NULL on failure. */
#define CLI_CREATE	2
struct bdb *cli_open_db(struct cli *, int ro);
/* How cli_load_target loads: the whole document, or for a caller that
 * streams it (brief show) its head, or its outline when an anchor is
 * named, each block's text to be filled in turn (bdb_block_fill); or
 * (the reader) its outline with spans, texts filled as they are shown. */
enum cli_load { CLI_LOAD_WHOLE, CLI_LOAD_STREAM, CLI_LOAD_OUTLINE };
/* Split "doc#anchor", resolve doc, load it, find the anchor (-1 if
 * none given).  Prints a message and returns an exit status on error. */
int	 cli_load_target(struct cli *, const char *target, struct doc *,
	    int *seq, enum cli_load);
/* Output width: --width, else the terminal's, else 80. */
int	 cli_width(const struct cli *, FILE *);
/* Non-zero when stdout should get ASCII stand-ins (non-UTF-8 locale). */
int	 cli_ascii(void);
/* Write s to stdout, sanitised, with a check for write errors. */
int	 cli_write(const char *s);

void	 cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 cli_free(struct cli *);

/* Every command's function (commands.def). */
#define COMMAND(name, fn, usage, help) \
	int fn(struct cli *, int argc, char **argv);
#include "commands.def"
#undef COMMAND

/* The review of slug (NULL: all) as brief export writes it in format
 * (md, csv, json): a new string, or NULL and *why (free it). */
char	*review_export_text(struct cli *, const char *format,
	    const char *slug, char **why);
/* cli_open_db() (read-write flags) with the review store (--review,
 * $BRIEF_REVIEW, $XDG_DATA_HOME/brief/review.db) attached.  If the store
 * cannot be used: prints the message, then returns NULL when need is
 * set, else the index alone (degraded: review calls return BDB_DATA). */
struct bdb *cli_open_review(struct cli *, int need);
/* The one place both the command line and the reader open the stores:
 * cli_open_db() (read-write flags) with the review store attached (the
 * same paths as above).  NULL (message printed) if the index cannot be
 * opened; else the index, with *why NULL when the store is attached or
 * the reason it is not (a new string) and nothing printed. */
struct bdb *cli_review_attach(struct cli *, char **why);

/* The reader (tui/reader.c): DOC[#ANCHOR] or NULL for the default. */
int	 reader_run(struct cli *, const char *target);

#endif
