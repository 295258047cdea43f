/* editor.h: editing a text in $VISUAL or $EDITOR from any view
 * (tui/editor.c).  The review keys use it for notes; another view may use
 * it for anything a user writes at length. */
#ifndef BRIEF_EDITOR_H
#define BRIEF_EDITOR_H

/* The editor the user asked for: $VISUAL, else $EDITOR, else vi. */
const char	*editor_command(void);
/* Edit head then text (either may be NULL) in the editor, in a new file
 * of mode 0600 named after what ("note": brief-note-XXXXXX.md in
 * $TMPDIR), removed afterwards.  0 and *out (a new string without
 * trailing blanks, maybe empty), or -1 with a message on the message
 * line; a failed editor's text is left in *out too, so nothing typed is
 * lost. */
int		 editor_edit(const char *what, const char *head,
		    const char *text, char **out);

#endif
