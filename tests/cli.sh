#!/bin/sh
# cli.sh: the spine from the command line: import, list, show, footnotes,
# check, and every bad input the importer must refuse cleanly.
. "$srcdir/tests/lib.sh"
DB="$T_TMP/index.db"
export BRIEF_DB="$DB"
LETTER="$srcdir/data/briefings/letter.txt"

check "--help lists the commands" "$BRIEF" --help
contains "--help names import" "$T_TMP/out" "import [--db FILE]"
# Help fits an 80-column terminal: every line, every command's.
for cmd in "" $(awk '/^  brief [a-z]/ { print $2 }' "$T_TMP/out"); do
	"$BRIEF" $cmd --help >>"$T_TMP/help" 2>&1
done
awk 'length($0) > 79 { print; bad = 1 } END { exit bad }' "$T_TMP/help" \
    >"$T_TMP/long" && ok "--help lines fit 79 columns" ||
    { not_ok "--help lines fit 79 columns"; sed 's/^/# /' "$T_TMP/long"; }
check "--version" "$BRIEF" --version
contains "--version says brief" "$T_TMP/out" "brief "
grep -Eq '^SQLite [0-9]+[.][0-9]+[.][0-9]+, ncurses [0-9]' "$T_TMP/out" &&
    ok "--version names the SQLite and curses it runs" ||
    not_ok "--version names the SQLite and curses it runs"
expect_status "unknown command is a usage error" 2 "$BRIEF" frobnicate now
expect_status "show without a document is a usage error" 2 "$BRIEF" show
expect_status "show --width rejects words" 2 "$BRIEF" show --width wide letter

# A new index is built from the bundled letter.
check "list on a new index" "$BRIEF" list
contains "list shows the letter" "$T_TMP/out" "letter"
contains "list shows the reference" "$T_TMP/out" "TIGO IOR 10/2023.4926"
contains "list shows the missing annex" "$T_TMP/out" "annex    missing"
contains "the missing annex says how to import it" "$T_TMP/out" "brief import"

# Every word of the seed appears in 'brief show letter'.
check "show letter" "$BRIEF" show --width 2000 letter
sed -e 's/[¹²³⁴⁵⁶⁷⁸⁹⁰]//g' "$T_TMP/out" >"$T_TMP/show.txt"
sed -e 's/\*\*//g; s/\*//g; s/[<>]//g; s/^ *- //' "$LETTER" |
	sed -e 's/[¹²³⁴⁵⁶⁷⁸⁹⁰]//g' | tr -s ' \t' '\n\n' | grep -v '^$' |
	sort -u >"$T_TMP/words"
missing=0
while IFS= read -r w; do
	grep -qF -- "$w" "$T_TMP/show.txt" || { echo "# missing word: $w"; missing=$((missing + 1)); }
done <"$T_TMP/words"
[ "$missing" = 0 ] && ok "every word of the seed is shown" || not_ok "every word of the seed is shown ($missing missing)"
contains "show draws footnote markers" "$T_TMP/out" "HRDs.¹"
lacks "show prints no markup" "$T_TMP/show.txt" "**"

check "show one recommendation" "$BRIEF" show letter#rec-4.2
contains "rec-4.2 is the spyware recommendation" "$T_TMP/out" "spyware"
contains "rec-4.2 cites fn-4" "$T_TMP/out" "The Predator Files: Caught in the Net"
contains "rec-4.2 cites fn-5" "$T_TMP/out" "end unlawful targeted surveillance"
lacks "rec-4.2 does not print rec-1" "$T_TMP/out" "Lead on effective and sustainable"
check "show a parent recommendation with its sub-bullets" "$BRIEF" show letter#rec-2
contains "rec-2 includes rec-2.3" "$T_TMP/out" "Strengthening EU and member state support"
expect_status "unknown anchor is not found" 1 "$BRIEF" show letter#rec-99
contains "unknown anchor is named" "$T_TMP/err" "no anchor 'rec-99'"
expect_status "unknown document is not found" 1 "$BRIEF" show nosuchdoc
check "a unique prefix names a document" "$BRIEF" show --width 60 let#rec-1
check "the reference names a document" "$BRIEF" show "TIGO IOR 10/2023.4926#rec-1"

check "footnotes" "$BRIEF" footnotes letter
contains "fn-1 is cited by rec-2.3" "$T_TMP/out" "letter#fn-1  rec-2.3  "
contains "fn-4 link" "$T_TMP/out" "link: https://www.amnesty.org/en/documents/act10/7245/2023/en/"
contains "fn-5 is cited by rec-4.2" "$T_TMP/out" "letter#fn-5  rec-4.2  "

# Re-importing replaces: one copy, the same anchors.
"$BRIEF" footnotes letter >"$T_TMP/fn-before"
"$BRIEF" show --width 70 letter >"$T_TMP/show-before"
check "import the letter again" "$BRIEF" import "$LETTER"
check "and once more" "$BRIEF" import "$LETTER"
"$BRIEF" list >"$T_TMP/list"
n=$(grep -c 'TIGO IOR' "$T_TMP/list")
[ "$n" = 1 ] && ok "one copy after re-import" || not_ok "one copy after re-import ($n)"
"$BRIEF" footnotes letter >"$T_TMP/fn-after"
same "same footnotes and anchors after re-import" "$T_TMP/fn-before" "$T_TMP/fn-after"
"$BRIEF" show --width 70 letter >"$T_TMP/show-after"
same "same text after re-import" "$T_TMP/show-before" "$T_TMP/show-after"
cp "$LETTER" "$T_TMP/letter-v2.txt"
check "a renamed file with the same reference" "$BRIEF" import "$T_TMP/letter-v2.txt"
"$BRIEF" list >"$T_TMP/list"
lacks "replaces the letter under its old slug" "$T_TMP/list" "letter-v2"
contains "the letter is still there" "$T_TMP/list" "TIGO IOR"
check "check after imports" "$BRIEF" check
contains "check says ok" "$T_TMP/out" ": ok"

# The annex fixture takes the missing annex's place.
check "import the annex fixture" "$BRIEF" import "$FIXTURES/annex.md"
"$BRIEF" list >"$T_TMP/list"
lacks "the annex is no longer missing" "$T_TMP/list" "annex    missing"
contains "the annex is listed" "$T_TMP/list" "annex"

# Bad input: a clear message, a non-zero exit, the index as it was.
cp "$DB" "$T_TMP/before.db" 2>/dev/null
"$BRIEF" list >"$T_TMP/list-before"
printf 'Good line\nbad \377 byte\n' >"$T_TMP/bad-utf8.txt"
expect_status "invalid UTF-8 is refused" 3 "$BRIEF" import "$T_TMP/bad-utf8.txt"
contains "invalid UTF-8 names file:line:col" "$T_TMP/err" "bad-utf8.txt:2:5:"
check "invalid UTF-8 under --lenient" "$BRIEF" import --lenient "$T_TMP/bad-utf8.txt"
contains "--lenient warns" "$T_TMP/err" "bad-utf8.txt:2:5:"
printf 'text\000more\n' >"$T_TMP/nul.txt"
expect_status "a NUL byte is refused" 3 "$BRIEF" import "$T_TMP/nul.txt"
contains "NUL bytes: not text" "$T_TMP/err" "nul.txt: not a format brief reads"
head -c 4096 /bin/sh >"$T_TMP/binary"
expect_status "a binary file is refused" 3 "$BRIEF" import "$T_TMP/binary"
: >"$T_TMP/empty.txt"
expect_status "an empty file is refused" 3 "$BRIEF" import "$T_TMP/empty.txt"
contains "empty file message" "$T_TMP/err" "empty.txt"
expect_status "a missing file is refused" 3 "$BRIEF" import "$T_TMP/nope.txt"
contains "missing file message" "$T_TMP/err" "nope.txt: No such file"
expect_status "a directory is refused" 3 "$BRIEF" import "$T_TMP"
contains "directory message" "$T_TMP/err" "is a directory"
expect_status "import without files is a usage error" 2 "$BRIEF" import
"$BRIEF" list >"$T_TMP/list-after"
lacks "refused files left nothing behind" "$T_TMP/list-after" "nul"

# A 1 MB line imports and shows.
awk 'BEGIN { printf "Long line:"; for (i = 0; i < 100000; i++) printf " word%05d", i; print "" }' >"$T_TMP/long.txt"
check "a 1 MB line imports" "$BRIEF" import "$T_TMP/long.txt"
check "and shows" "$BRIEF" show long
contains "the last word of the 1 MB line is there" "$T_TMP/out" "word99999"

# With no title line, a short first line names the document, never the
# endnotes' heading.
printf 'Detention at the Borders\n\nA paragraph citing a source [1] here.\n\nNotes\n\n[1] A source.\n' >"$T_TMP/untitled.txt"
check "a document without a title line" "$BRIEF" import "$T_TMP/untitled.txt"
"$BRIEF" list >"$T_TMP/list"
contains "its first short line is the title" "$T_TMP/list" "Detention at the Borders"

# Footnote problems are warnings; the document is kept.
printf 'Text with a marker.\302\271 And another.\302\262\n\n\302\263 Never cited.\n\n\302\271 Defined.\n' >"$T_TMP/fnwarn.txt"
check "footnote problems still import" "$BRIEF" import "$T_TMP/fnwarn.txt"
contains "an undefined marker is a warning" "$T_TMP/err" "warning"

# Databases that are not ours, read-only, or newer.
echo "not a database at all, just text padded out to look like a file" >"$T_TMP/notdb.db"
expect_status "a file that is not SQLite" 3 "$BRIEF" --db "$T_TMP/notdb.db" list
contains "not-SQLite message names the file" "$T_TMP/err" "notdb.db:"
sqlite3 "$T_TMP/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);' 2>/dev/null &&
	expect_status "another SQLite database is not an index" 3 "$BRIEF" --db "$T_TMP/other.db" list
# An index from an older brief (schema 3) is upgraded by a reading command.
awk '/^-- @migration 4/ { exit } { print }' "$srcdir/db/schema.sql" >"$T_TMP/v3.sql"
echo "PRAGMA user_version = 3; PRAGMA application_id = 1651664433;" >>"$T_TMP/v3.sql"
sqlite3 "$T_TMP/v3.db" <"$T_TMP/v3.sql"
check "a reading command upgrades an older index" "$BRIEF" --db "$T_TMP/v3.db" search spyware
contains "and finds in it" "$T_TMP/out" "letter#rec-4.2"
cp "$DB" "$T_TMP/newer.db"
sqlite3 "$T_TMP/newer.db" 'PRAGMA user_version = 99' 2>/dev/null
expect_status "a newer index is refused" 3 "$BRIEF" --db "$T_TMP/newer.db" list
contains "newer message" "$T_TMP/err" "newer than this brief"
cp "$DB" "$T_TMP/ro.db"; chmod 0444 "$T_TMP/ro.db"
if [ "$(id -u)" != 0 ]; then
	expect_status "import into a read-only index is refused" 3 "$BRIEF" --db "$T_TMP/ro.db" import "$LETTER"
	contains "read-only message" "$T_TMP/err" "read-only"
else
	# root ignores file modes: check the read-only open path instead.
	ok "# skip root can write a 0444 file"
fi
check "a read-only index still lists" "$BRIEF" --db "$T_TMP/ro.db" list
check "check after all the bad input" "$BRIEF" check
contains "check says there is no review store yet" "$T_TMP/out" "no review store yet"

# check looks at the review store too.
R="$T_TMP/review.db"
check "a status to review" "$BRIEF" review --review "$R" letter#rec-1 done
sed 's/Lead on effective/Lead boldly on effective/' "$LETTER" >"$T_TMP/letter.txt"
check "a revised letter" "$BRIEF" import "$T_TMP/letter.txt"
check "check with a review store" "$BRIEF" check --review "$R"
contains "check lists what changed since review" "$T_TMP/out" "letter#rec-1: changed since reviewed (done, 0 notes)"
printf 'this is not a review store' >"$T_TMP/bad-review.db"
expect_status "check fails on a broken review store" 3 "$BRIEF" check --review "$T_TMP/bad-review.db"
contains "and names it" "$T_TMP/out" "bad-review.db"
done_testing
