/* note-context.c: what $EDITOR shows above a note: a Markdown comment
 * naming the block and quoting its text, so the note is written with the
 * block in view; the comment is taken off again when the file is read.
 * Owns nothing between calls. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "review-ui.h"
#include "view.h"

#define QUOTE_COLS	72
#define HEAD		"<!-- brief: "

/* text quoted ("> ") and wrapped at blanks, "-->" defused. */
static void
quote(struct buf *b, const char *text)
{
	const char *s = text;

	while (*s != '\0') {
		size_t n = strcspn(s, "\n"), cut = n;

		if (n > QUOTE_COLS) {
			for (cut = QUOTE_COLS; cut > 0 && s[cut] != ' '; cut--)
				;
			if (cut == 0)
				cut = QUOTE_COLS;
		}
		buf_adds(b, "> ");
		for (size_t i = 0; i < cut; i++) {
			buf_addc(b, s[i]);
			if (s[i] == '-' && s[i + 1] == '-')
				buf_addc(b, ' ');	/* no "-->" inside */
		}
		buf_addc(b, '\n');
		s += cut;
		while (*s == ' ' || *s == '\n')
			s++;
	}
}

char *
note_context(const char *slug, const char *anchor)
{
	struct doc d = { 0 };
	const struct doc *p = pager_doc();
	struct buf b = { 0 };
	int seq;

	if (p == NULL || strcmp(p->slug, slug) != 0) {
		if (bdb_load(view_db(), slug, &d) != BDB_OK)
			return NULL;
		p = &d;
	}
	buf_printf(&b, HEAD "a note on %s#%s; this comment is not saved\n\n",
	    slug, anchor);
	if ((seq = doc_find_anchor(p, anchor)) >= 0) {
		char *clean = display_text(p == &d ? d.blocks[seq].text :
		    pager_block(seq)->text);

		quote(&b, clean);
		free(clean);
	}
	buf_adds(&b, "-->\n");
	doc_clear(&d);
	return buf_steal(&b);
}

void
note_context_strip(char *text)
{
	char *end;

	if (strncmp(text, HEAD, strlen(HEAD)) != 0 ||
	    (end = strstr(text, "-->")) == NULL)
		return;
	end += 3;
	end += strspn(end, "\n");
	memmove(text, end, strlen(end) + 1);
}
