/* import-cut.c: tests/import-shrink.sh's importer.  It imports files
 * into an index through the db layer as 'brief import' does
 * (bdb_import_paths), except that the file named first is cut to a
 * megabyte right after it is mapped (file-hook.h): a file cut shorter
 * while it is imported, at the same point every run, with no timing.
 *
 * usage: import-cut INDEX CUT FILE...
 * Prints "FILE: status N" for each file; exits with the worst status. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "brief-db.h"
#include "diag.h"
#include "file-hook.h"

static const char	*cut_path;

static void
cut(const char *path)
{
	if (strcmp(path, cut_path) == 0 && truncate(path, 1u << 20) != 0) {
		perror(path);
		exit(99);
	}
}

static void
done(void *arg, const char *path, int rc, const struct bdb_imported *res)
{
	int	*worst = arg;

	(void)res;
	printf("%s: status %d\n", path, rc);
	if (rc != BDB_OK)
		*worst = rc;
}

int
main(int argc, char **argv)
{
	struct bdb_import_opts	 io = { 0 };
	struct diag		 d = { 0 };
	struct bdb		*b;
	char			*err = NULL;
	int			 worst = BDB_OK;

	if (argc < 4) {
		fprintf(stderr, "usage: import-cut INDEX CUT FILE...\n");
		return 2;
	}
	if ((b = bdb_open(argv[1], BDB_NOSEED, &err)) == NULL) {
		fprintf(stderr, "%s\n", err);
		free(err);
		return 3;
	}
	cut_path = argv[2];
	file_set_load_hook(cut);
	bdb_import_paths(b, argv + 3, (size_t)(argc - 3), &io, done, &worst,
	    &d);
	bdb_close(b);
	return worst;
}
