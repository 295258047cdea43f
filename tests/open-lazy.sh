#!/bin/sh
# open-lazy.sh: the reader opens a document counting the lines of what
# its first screen shows and nothing more (issue 15): the counts are made
# as far as a move or jump needs them, all of them for =, G and 50%; the
# status line's percentage is in blocks, so it is the same before and
# after the whole is counted.
. "$srcdir/tests/lib.sh"

DB="$T_TMP/index.db"
RV="$T_TMP/review.db"
DOC="$T_TMP/long.txt"
command -v sqlite3 >/dev/null 2>&1 || { echo "1..0 # SKIP no sqlite3"; exit 0; }

# 60 short paragraphs, then one of about 40 KB (stored on overflow
# pages), then a last short one.
{
	for i in $(seq 1 60); do
		printf 'Paragraph %d of the opening, short enough for one line.\n\n' "$i"
	done
	for i in $(seq 1 4000); do printf 'Zqx wor '; done
	printf '\n\nThe last paragraph.\n'
} >"$DOC"
"$BRIEF" import --db "$DB" "$DOC" >/dev/null 2>&1
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null 2>&1
check "the long document shows" "$BRIEF" show --db "$DB" long

# run NAME SCRIPT-LINES...: the reader at 80x24 on the document's top.
run() {
	n=$1; shift
	printf '%s\n' "$@" >"$T_TMP/$n.script"
	LINES=24 COLUMNS=80 BRIEF_SCRIPT="$T_TMP/$n.script" "$BRIEF" \
	    --db "$DB" --review "$RV" --no-hint long >"$T_TMP/$n.out" \
	    2>"$T_TMP/$n.err"
}

run first ":save-display $T_TMP/first" "=" ":save-display $T_TMP/count"
contains "the first screen shows the top" "$T_TMP/first" "Paragraph 1 of the opening"
NB=$(grep -o 'block 1/[0-9]*' "$T_TMP/count" | cut -d/ -f2)
contains "= counts the whole: lines and blocks" "$T_TMP/count" "lines 1-23/"
# The first block is current: 1 of NB blocks ends there.
PCT=$(( 100 / ${NB:-1} ))%
head -n 1 "$T_TMP/first" >"$T_TMP/first.status"
head -n 1 "$T_TMP/count" >"$T_TMP/count.status"
contains "the status line gives the position in blocks" "$T_TMP/first.status" " $PCT"
same "  the same once = has counted every line" "$T_TMP/first.status" "$T_TMP/count.status"

run pages "<PgDn>" ":save-display $T_TMP/pgdn" "G" ":save-display $T_TMP/end"
contains "a page down shows the next page" "$T_TMP/pgdn" "Paragraph 13 of"
contains "G counts to the end and shows it" "$T_TMP/end" "The last paragraph."
contains "  at 100%" "$T_TMP/end" "100%"

run jump ":goto p-50" ":save-display $T_TMP/goto" "50%" ":save-display $T_TMP/half" ":200" ":save-display $T_TMP/line"
contains ":goto counts as far as its block" "$T_TMP/goto" "Paragraph 50 of"
contains "50% goes half way through the lines" "$T_TMP/half" "Zqx wor"
contains ":200 goes to a line past the ones counted at open" "$T_TMP/line" "Zqx wor"

done_testing
