#!/bin/sh
# tests/pack.sh: brief pack writes a field copy: one file holding the
# chosen documents (with footnotes and themes) and the packer's review,
# which brief --db FILE reads with no other file present, and whose
# reviews sync back.
. "$srcdir/tests/lib.sh"

br() { BRIEF_AUTHOR=ana "$BRIEF" --db "$T_TMP/index.db" --review "$T_TMP/review.db" "$@"; }
new_index "$T_TMP/index.db"
printf 'Cycling notes\n\nA paragraph about bicycles and nothing else.\n' >"$T_TMP/other.txt"
check "a second document" br import "$T_TMP/other.txt"
check "a status to pack" br review letter#rec-1 done
check "a note to pack" br note letter#rec-2.1 'check the Frontex figure'
check "a note on the other document" br note other#p-1 'not for the field'
check "pack --theme asylum" br pack --theme asylum "$T_TMP/field.db"
contains "pack says what it wrote" "$T_TMP/out" "field.db: 1 document"
expect_status "pack will not overwrite" 2 br pack --theme asylum "$T_TMP/field.db"
contains "and says why" "$T_TMP/err" "already exists"
expect_status "pack of an unknown theme" 1 br pack --theme nosuch "$T_TMP/x.db"
check "no file left behind" test ! -e "$T_TMP/x.db"

# The field: a new home, only the file.
mkdir -p "$T_TMP/field"
mv "$T_TMP/field.db" "$T_TMP/field/field.db"
rm -f "$T_TMP/index.db"-* 2>/dev/null
f() { (cd "$T_TMP/field" && HOME="$T_TMP/field/home" \
	XDG_DATA_HOME="$T_TMP/field/home/data" \
	XDG_CONFIG_HOME="$T_TMP/field/home/config" BRIEF_AUTHOR=ana \
	"$BRIEF" --db field.db "$@"); }
check "list" f list
contains "the letter is there" "$T_TMP/out" "letter       letter"
lacks "the other document is not" "$T_TMP/out" "other"
check "show a block of the theme" f show letter#rec-1
contains "its text" "$T_TMP/out" "Lead on effective and sustainable asylum"
check "footnotes" f footnotes letter
contains "the footnotes came along" "$T_TMP/out" "fn-1"
check "the theme" f themes asylum
contains "asylum has rec-1" "$T_TMP/out" "rec-1"
check "the packer's status came along" f review letter#rec-1
contains "rec-1 done" "$T_TMP/out" "letter#rec-1: done"
check "the packer's note came along" f notes
contains "the note" "$T_TMP/out" "check the Frontex figure"
lacks "only for the packed documents" "$T_TMP/out" "not for the field"
printf 'j\n:save-display %s\nq\n' "$T_TMP/screen.txt" >"$T_TMP/keys"
check "the reader opens it (script mode)" sh -c "cd '$T_TMP/field' && \
	HOME='$T_TMP/field/home' XDG_DATA_HOME='$T_TMP/field/home/data' \
	XDG_CONFIG_HOME='$T_TMP/field/home/config' LINES=24 COLUMNS=80 \
	BRIEF_SCRIPT='$T_TMP/keys' '$BRIEF' --db field.db </dev/null >/dev/null"
contains "the reader shows the letter" "$T_TMP/screen.txt" "AMNESTY INTERNATIONAL"

# Reviews made in the field sync back.
check "a note in the field" f note letter#rec-1 'seen at the border'
mkdir -p "$T_TMP/shared"
check "field sync" f sync "$T_TMP/shared"
check "home sync" br sync "$T_TMP/shared"
check "home notes" br notes letter#rec-1
contains "the field note is home" "$T_TMP/out" "seen at the border"
check "the packer's note is not doubled" br export --authors all --format json
n=$(grep -o 'check the Frontex figure' "$T_TMP/out" | wc -l)
check "once ($n)" test "$n" = 1

done_testing
