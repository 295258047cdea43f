/* hint.c: the hint line on the first start ("h help  / search  ] next
 * rec  c status  q quit", in the keymap's own keys), until the user has
 * opened the help once (a marker file beside the default review store)
 * or asks for none (--no-hint). */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cli.h"
#include "view.h"

/* "DIR/hint-seen" beside the default review store (a new string);
 * mkdir: make DIR when it is missing (its parent must exist). */
static char *
marker_path_in(int mkdir_it)
{
	char *rv = bdb_review_default_path(), *slash, *path;

	if (rv == NULL)
		return NULL;
	if ((slash = strrchr(rv, '/')) == NULL) {
		free(rv);
		return NULL;
	}
	*slash = '\0';
	if (mkdir_it)
		mkdir(rv, 0700);	/* an error shows at the open below */
	path = xasprintf("%s/hint-seen", rv);
	free(rv);
	return path;
}

static char *
marker_path(void)
{
	return marker_path_in(0);
}

void
hint_seen(void)
{
	char *path = marker_path_in(1);
	int fd;

	if (path != NULL && access(path, F_OK) != 0 &&
	    (fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600)) >= 0)
		close(fd);
	free(path);
}

/* One "KEY what" of the hint: the first key that does a in the
 * document (a pager binding can hide a generic one), if any. */
static void
hint_item(struct buf *b, enum action a, const char *what)
{
	unsigned ctx = CTX_PAGER | CTX_GENERIC;
	char keys[128], *k, *save = NULL;
	bkey seq[BKEY_SEQ_MAX];
	int n;

	if (keymap_keys_for(view_keymap(), a, ctx, keys, sizeof keys) == 0)
		return;
	for (k = strtok_r(keys, ",", &save); k != NULL;
	    k = strtok_r(NULL, ",", &save)) {
		k += strspn(k, " ");
		if ((n = bkey_parse(k, seq, BKEY_SEQ_MAX, NULL, 0)) > 0 &&
		    keymap_lookup(view_keymap(), ctx, seq, n, NULL) == a) {
			buf_printf(b, "%s%s %s", b->len ? "  " : "", k, what);
			return;
		}
	}
}

void
hint_show(int off)
{
	char *path = marker_path();
	struct buf b = { 0 };
	int seen = path == NULL || access(path, F_OK) == 0;

	free(path);
	if (off || seen || view_has_message())
		return;
	hint_item(&b, ACT_HELP, "help");
	hint_item(&b, ACT_FIND, "search");
	hint_item(&b, ACT_NEXT_REC, "next rec");
	hint_item(&b, ACT_STATUS_CYCLE, "status");
	hint_item(&b, ACT_VIEW_CLOSE, "quit");
	if (b.len > 0)
		view_message("%s", b.data);
	buf_free(&b);
}
