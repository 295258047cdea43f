/* export-ui.c: ":export md|csv|json FILE" in the reader: the review of
 * the open document, as brief export writes it, into FILE (mode 0600,
 * never over an existing file unless it ends with '!'). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "view.h"

static int
write_file(const char *path, const char *text, int force)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (force ?
	    O_TRUNC : O_EXCL), 0600);
	size_t len = strlen(text), off = 0;
	ssize_t w;

	if (fd < 0)
		return -1;
	while (off < len) {
		if ((w = write(fd, text + off, len - off)) < 0 &&
		    errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	return close(fd);
}

static int
reader_export(const char *args)
{
	const struct doc *d = pager_doc();
	char format[8], path[4096], *text, *why = NULL;
	int force = 0;
	size_t n;

	if (sscanf(args, "%7s %4095[^\n]", format, path) != 2) {
		view_error("export: md|csv|json FILE (FILE! replaces a file)");
		return -1;
	}
	if ((n = strlen(path)) > 1 && path[n - 1] == '!') {
		force = 1;
		path[n - 1] = '\0';
	}
	if ((text = review_export_text(view_cli(), format, d ? d->slug : NULL,
	    &why)) == NULL) {
		view_error("export: %s", why);
		free(why);
		return -1;
	}
	if (write_file(path, text, force) != 0)
		view_error("export: cannot write %s: %s%s", path,
		    strerror(errno), errno == EEXIST ? " (FILE! replaces it)" :
		    "");
	else
		view_message("Exported the review of %s to %s", d ? d->slug :
		    "every document", path);
	free(text);
	return 0;
}

void
export_ui_init(void)
{
	view_on_command("export", "export md|csv|json FILE: write the review "
	    "of this document (FILE! replaces a file)", reader_export);
}
