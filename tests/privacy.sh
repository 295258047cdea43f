#!/bin/sh
# tests/privacy.sh: the review store stays private (not a symbolic link,
# not open to other users, 'brief check' says so) and a note is never cut
# silently (a NUL on standard input is refused).
. "$srcdir/tests/lib.sh"

DB="$T_TMP/index.db"
RV="$T_TMP/review.db"
new_index "$DB"
br() { "$BRIEF" --db "$DB" --review "$RV" "$@"; }

check "a private store" br note letter#rec-1 "first note"
mode=$(stat -c %a "$RV")
check "it is mode 600 ($mode)" test "$mode" = 600

# --- open to others ------------------------------------------------------------
for m in 644 666 640 604; do
	chmod "$m" "$RV"
	expect_status "mode $m: notes refused (exit 3)" 3 br notes
	contains "mode $m: the message says why" "$T_TMP/err" "readable or writable by other users (mode $m)"
	contains "mode $m: and what to do" "$T_TMP/err" "chmod 600 $RV"
	expect_status "mode $m: a note is refused too" 3 br note letter#rec-2 "x"
	expect_status "mode $m: check reports it (exit 3)" 3 br check
	contains "mode $m: check names the store" "$T_TMP/out" "$RV: readable or writable by other users"
	check "mode $m: reading the index goes on" br show letter#rec-1
done
chmod 600 "$RV"
check "mode 600 again: notes read" br notes
contains "mode 600 again: the note kept" "$T_TMP/out" "first note"
check "mode 600 again: check is ok" br check
contains "check says the store is ok" "$T_TMP/out" "$RV: ok"

# --- symbolic links -----------------------------------------------------------
echo "someone else's file" >"$T_TMP/victim"
sum=$(cksum <"$T_TMP/victim")
ABS=$(cd "$T_TMP" && pwd)
ln -s "$ABS/victim" "$T_TMP/link.db"
expect_status "a symbolic link to a file: refused (exit 3)" 3 \
    "$BRIEF" --db "$DB" --review "$T_TMP/link.db" note letter#rec-1 "x"
contains "the message says it is a link" "$T_TMP/err" "$T_TMP/link.db: a symbolic link"
check "the linked file is untouched" test "$(cksum <"$T_TMP/victim")" = "$sum"
ln -s "$ABS/review.db" "$T_TMP/link2.db"
expect_status "a symbolic link to a store: refused (exit 3)" 3 \
    "$BRIEF" --db "$DB" --review "$T_TMP/link2.db" notes
ln -s "$ABS/nowhere.db" "$T_TMP/dangling.db"
expect_status "a dangling symbolic link: refused (exit 3)" 3 \
    "$BRIEF" --db "$DB" --review "$T_TMP/dangling.db" note letter#rec-1 "x"
check "the dangling link made no file" test ! -e "$T_TMP/nowhere.db"
expect_status "check refuses the link too" 3 "$BRIEF" --db "$DB" \
    --review "$T_TMP/link.db" check
contains "check says it is a link" "$T_TMP/out" "a symbolic link"

# --- a NUL in a note from standard input ---------------------------------------
printf 'before\0secret' >"$T_TMP/nul"
expect_status "a note with a NUL: refused (exit 2)" 2 \
    sh -c "'$BRIEF' --db '$DB' --review '$RV' note letter#rec-3 - <'$T_TMP/nul'"
contains "the message names the NUL" "$T_TMP/err" "NUL byte (at byte 7)"
br notes >"$T_TMP/notes" 2>&1
lacks "nothing was saved cut at the NUL" "$T_TMP/notes" "before"
printf 'line one\nline two\n' | br note letter#rec-3 - >/dev/null 2>&1
br notes >"$T_TMP/notes" 2>&1
contains "a note without NUL still reads from stdin" "$T_TMP/notes" "line two"

# --- hidden characters ------------------------------------------------------------
# Zero-width, joiner, word joiner, BOM, tag and bidi characters hide text
# in titles, documents and notes: gone at import and at display.
printf '# Hid\342\200\213den \342\201\240title\n\nA para\342\200\215graph with a \363\240\200\201tag and \342\200\256reversed\342\200\254 text.\342\200\250Next line.\n' \
    >"$T_TMP/hidden.md"
check "a document with hidden characters imports" "$BRIEF" import --db "$DB" "$T_TMP/hidden.md"
"$BRIEF" list --db "$DB" >"$T_TMP/list" 2>&1
"$BRIEF" show --db "$DB" hidden >"$T_TMP/show" 2>&1
for f in list show; do
	for c in '\342\200\213' '\342\201\240' '\342\200\215' '\363\240\200\201' '\342\200\256' '\342\200\250'; do
		if grep -q "$(printf "$c")" "$T_TMP/$f"; then
			not_ok "$f: no hidden character $c"
		else
			ok "$f: no hidden character $c"
		fi
	done
done
contains "list: the title reads whole" "$T_TMP/list" "Hidden title"
contains "show: the text reads whole" "$T_TMP/show" "A paragraph with a tag and reversed text."
printf 'a no\342\200\213te\363\240\201\201' | br note letter#rec-4 - >/dev/null 2>&1
br notes letter#rec-4 >"$T_TMP/notes" 2>&1
contains "a note with hidden characters shows without them" "$T_TMP/notes" "a note"
lacks "  no zero-width space in the note shown" "$T_TMP/notes" "$(printf '\342\200\213')"

done_testing
