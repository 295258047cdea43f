/* db/ knows nothing of curses (DESIGN.md): this header sits first in
 * db/'s include path (Makefile.am) so that including curses there stops
 * the build.  Drawing belongs in tui/. */
#error "db/ must not include curses: drawing belongs in tui/"
