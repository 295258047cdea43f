/* fuzz-fts-query.c: libFuzzer target for the search query translator.
 * Whatever a user types, fts_translate gives a query or a one-line
 * message; every MATCH string it produces must be accepted by an FTS5
 * table with the index's tokenizer (a syntax error here would be an SQL
 * error shown to the user, or worse, user text read as FTS5 syntax). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "fts-query.h"

static sqlite3		*db;
static sqlite3_stmt	*st;

/* One in-memory table, as db/schema.sql declares its tokenizer, with a
 * row so the MATCH expression is really evaluated. */
static void
setup(void)
{
	const char	*sql =
	    "CREATE VIRTUAL TABLE t USING fts5(text, tokenize = "
	    "'porter unicode61 remove_diacritics 2');"
	    "INSERT INTO t VALUES('asylum seekers and people on the move');"
	    "INSERT INTO t VALUES('AI Act: surveillance, spyware, Türkiye');";

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?",
	    -1, &st, NULL) != SQLITE_OK)
		abort();
}

static void
check_match(const char *match)
{
	int	rc;

	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		fprintf(stderr, "MATCH refused: %s\n  %s\n", match,
		    sqlite3_errmsg(db));
		abort();
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static void
check_line(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fts_query	 q;
	char			*input, *err = NULL;

	if (db == NULL)
		setup();
	input = malloc(size + 1);		/* the prompt gives a string */
	memcpy(input, data, size);
	input[size] = '\0';
	memset(&q, 0, sizeof q);
	if (fts_translate(input, &q, &err) == 0) {
		if (err != NULL)
			abort();
		if (q.match != NULL)
			check_match(q.match);
		fts_query_clear(&q);
	} else {
		if (err == NULL || *err == '\0')
			abort();
		check_line(err);
		free(err);
	}
	free(input);
	return 0;
}
