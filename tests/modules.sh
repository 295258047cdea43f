#!/bin/sh
# modules.sh: the readers that need heavy libraries are modules brief
# loads on first use (db/read/module.c): a search, a listing or a show
# maps none of poppler, libxml2, libzip, cmark-gfm or uchardet; an
# import maps only the module its file needs; a module that cannot be
# loaded makes that format's import fail with a message naming the file
# and the module, exit 3 and the index as it was, while text still
# imports.  BRIEF_MODULES names the modules' folder.
. "$srcdir/tests/lib.sh"
F="$FIXTURES/formats"
DB="$T_TMP/index.db"
# The program itself, not a wrapper: its loader's report is the subject.
B="$builddir/brief"
b() { "$B" --db "$DB" "$@"; }
mkdir "$T_TMP/none"

check "the fixture letter imports as text" b import "$F/letter.md"

# --- what a process maps ----------------------------------------------------
# loaded CMD...: the shared objects the dynamic loader opened for CMD.
loaded() {
	LD_DEBUG=files "$@" 2>&1 >/dev/null |
	    sed -n 's/.*file=\([^ ]*\) *\[[0-9]*\]; *generating link map.*/\1/p' |
	    sed 's|.*/||' | sort -u
}
heavy='^(pdf|office|html|markdown|charset)\.so$|poppler|libxml2|libzip|cmark'
# (Not libstdc++ itself: a sanitizer's runtime brings it too.)
heavy="$heavy|uchardet|glib|cairo|libicu"
for cmd in "list" "search crossings" "show letter" "--version"; do
	# shellcheck disable=SC2086
	loaded b $cmd >"$T_TMP/maps"
	contains "brief $cmd: the loader's report is read" "$T_TMP/maps" \
	    "libc.so"
	grep -E "$heavy" "$T_TMP/maps" >"$T_TMP/heavy"
	same "brief $cmd maps no reader library" /dev/null "$T_TMP/heavy"
done
# SQLite, libunistring and curses are linked in when configure found
# their static archives (its default): the loader then binds none of
# their symbols at start.  --version says which.
"$B" --version >"$T_TMP/version"
loaded "$B" --version >"$T_TMP/maps"
if grep -q '^#define BRIEF_STATIC_CORE 1' "$builddir/config.h"; then
	contains "--version says the core libraries are linked in" \
	    "$T_TMP/version" ", linked in"
	grep -E '^lib(sqlite3|unistring|ncursesw|tinfo)[.]' "$T_TMP/maps" \
	    >"$T_TMP/core"
	same "... and the program maps none of their shared libraries" \
	    /dev/null "$T_TMP/core"
else
	contains "--version says the core libraries are shared" \
	    "$T_TMP/version" ", shared libraries"
	contains "... and the program maps SQLite's" "$T_TMP/maps" "libsqlite3"
fi
cp "$F/letter.pdf" "$T_TMP/letter-pdf.pdf"
loaded b import "$T_TMP/letter-pdf.pdf" >"$T_TMP/maps"
contains "importing a PDF loads pdf.so" "$T_TMP/maps" "pdf.so"
contains "... and poppler" "$T_TMP/maps" "libpoppler"
lacks "... and not the office module" "$T_TMP/maps" "office.so"
lacks "... nor libxml2" "$T_TMP/maps" "libxml2"
cp "$F/letter.html" "$T_TMP/letter-web.html"
loaded b import "$T_TMP/letter-web.html" >"$T_TMP/maps"
contains "importing HTML loads html.so" "$T_TMP/maps" "html.so"
lacks "... and not poppler" "$T_TMP/maps" "libpoppler"

# --- a module that cannot be loaded -----------------------------------------
b list >"$T_TMP/before"
for f in letter.pdf letter.docx letter.odt late-mimetype.odt letter.html; do
	case $f in
	*.pdf) m=pdf what="read PDF" ;;
	# Only the module tells a DOCX from an ODT whose mimetype is
	# not first.
	*.docx | late-*) m=office what="tell whether it is OpenDocument (ODT)" ;;
	*.odt) m=office what="read OpenDocument (ODT)" ;;
	*.html) m=html what="read HTML" ;;
	esac
	cp "$F/$f" "$T_TMP/x-$f"
	expect_status "$f without its module: exit 3" 3 \
	    env BRIEF_MODULES="$T_TMP/none" "$B" --db "$DB" import "$T_TMP/x-$f"
	contains "$f: the message names the file and the module" \
	    "$T_TMP/err" "$T_TMP/x-$f: cannot $what: module $T_TMP/none/$m.so: "
done
cp "$F/raw-html.md" "$T_TMP/x-md.md"
expect_status "Markdown without its module: exit 3" 3 \
    env BRIEF_MODULES="$T_TMP/none" "$B" --db "$DB" import "$T_TMP/x-md.md"
contains "... naming markdown.so" "$T_TMP/err" \
    "cannot read Markdown: module $T_TMP/none/markdown.so: "
cp "$F/enc-fr-latin1.txt" "$T_TMP/x-latin1.txt"
expect_status "a legacy encoding without the charset module: exit 3" 3 \
    env BRIEF_MODULES="$T_TMP/none" "$B" --db "$DB" import "$T_TMP/x-latin1.txt"
contains "... naming charset.so and --encoding" "$T_TMP/err" \
    "cannot read a legacy encoding without --encoding: module $T_TMP/none/charset.so: "
b list >"$T_TMP/after"
same "the index is as it was" "$T_TMP/before" "$T_TMP/after"
expect_status "with --encoding it needs no module" 0 \
    env BRIEF_MODULES="$T_TMP/none" "$B" --db "$DB" import \
    --encoding ISO-8859-1 "$T_TMP/x-latin1.txt"
printf 'Plain text, no module needed.\n\n1. A recommendation.\n' \
    >"$T_TMP/plain.txt"
expect_status "text imports with no module at all" 0 \
    env BRIEF_MODULES="$T_TMP/none" "$B" --db "$DB" import "$T_TMP/plain.txt"

# A file that is not a module, a module of the wrong kind, and a shared
# object that is no module of brief's.
mkdir "$T_TMP/bad"
printf 'not an ELF file\n' >"$T_TMP/bad/pdf.so"
expect_status "a damaged module: exit 3" 3 \
    env BRIEF_MODULES="$T_TMP/bad" "$B" --db "$DB" import "$T_TMP/x-letter.pdf"
contains "... and the loader's reason" "$T_TMP/err" \
    "module $T_TMP/bad/pdf.so: "
cp "$builddir/db/read/html.so" "$T_TMP/bad/pdf.so"
expect_status "a module without the reader: exit 3" 3 \
    env BRIEF_MODULES="$T_TMP/bad" "$B" --db "$DB" import "$T_TMP/x-letter.pdf"
contains "... says what it lacks" "$T_TMP/err" \
    "module $T_TMP/bad/pdf.so has no read_pdf"
cp "$(ldd "$B" | awk '/libm\.so/ { print $3 }')" "$T_TMP/bad/pdf.so"
expect_status "a library that is no module: exit 3" 3 \
    env BRIEF_MODULES="$T_TMP/bad" "$B" --db "$DB" import "$T_TMP/x-letter.pdf"
contains "... is refused" "$T_TMP/err" \
    "module $T_TMP/bad/pdf.so: not a module of brief"

# --- found without BRIEF_MODULES: beside the program in its build tree ------
check "the build tree's modules are found with no setting" \
    b import "$T_TMP/x-letter.pdf"
# A copy of the program elsewhere (as installed) looks in the folder
# configure chose, never beside itself: a module planted there is not
# loaded, whatever the installed folder holds.
mkdir -p "$T_TMP/bin/db/read"
cp "$B" "$T_TMP/bin/brief"
printf 'planted\n' >"$T_TMP/bin/db/read/markdown.so"
"$T_TMP/bin/brief" --db "$T_TMP/copy.db" import "$T_TMP/x-md.md" \
    >"$T_TMP/out" 2>"$T_TMP/err"
lacks "a copy outside the build tree ignores modules beside it" \
    "$T_TMP/err" "$T_TMP/bin/db/read"

done_testing
