/* sqlutil.c: the small helpers every db/ module uses around a prepared
 * statement: binding text that may be NULL, copying a column's text out
 * under one contract for NULL, and the row loop that collects a query's
 * rows into a growing array, and its one-row twin (declared in
 * store.h). */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "xmalloc.h"

void
bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

char *
col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

char *
col_str0(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return xstrdup(t != NULL ? (const char *)t : "");
}

/* The array pointer is passed by address as void * and copied with
 * memcpy, so one loop serves arrays of any element type. */
int
db_rows(sqlite3_stmt *st, void *arrayp, size_t *n, size_t size,
    void (*row)(sqlite3_stmt *, void *slot))
{
	char	*v = NULL;
	int	 rc = SQLITE_ERROR;

	*n = 0;
	while (st != NULL && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xappend(v, *n, size);
		memset(v + *n * size, 0, size);
		row(st, v + *n * size);
		(*n)++;
	}
	if (st != NULL)
		sqlite3_reset(st);
	memcpy(arrayp, &v, sizeof v);
	return rc == SQLITE_DONE ? BDB_OK : BDB_DATA;
}

int
db_row(sqlite3_stmt *st, void (*row)(sqlite3_stmt *, void *slot),
    void *slot)
{
	int	rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		row(st, slot);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return BDB_OK;
	return rc == SQLITE_DONE ? BDB_NOTFOUND : BDB_DATA;
}

static void
str_from_row(sqlite3_stmt *st, void *slot)
{
	*(char **)slot = col_str(st, 0);
}

int
db_row_str(sqlite3_stmt *st, char **out)
{
	*out = NULL;
	return db_row(st, str_from_row, out);
}
