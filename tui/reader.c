/* reader.c: the reader's entry (being written with the reader issue):
 * until then, print the document as 'brief show' does. */
#include "config.h"

#include <stdlib.h>

#include "cli.h"
#include "xmalloc.h"

int
reader_run(struct cli *c, const char *target)
{
	const struct command	*show = cli_command("show");
	char			*argv[3];
	int			 rc;

	argv[0] = "show";
	argv[1] = xstrdup(target ? target : "letter");
	argv[2] = NULL;
	rc = show->fn(c, 2, argv);
	free(argv[1]);
	return rc;
}
