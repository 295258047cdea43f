#!/bin/sh
# tests/team-view.sh: the team in the reader (script mode): w says what
# the others made of the selected block, W lists everyone else's
# statuses and notes, ":team flagged" the blocks someone flagged, and
# <Enter> goes to the block.
. "$srcdir/tests/lib.sh"

br() { "$BRIEF" --db "$T_TMP/index.db" --review "$T_TMP/review.db" "$@"; }
new_index "$T_TMP/index.db"
check "ana: done" env BRIEF_AUTHOR=ana "$BRIEF" --db "$T_TMP/index.db" --review "$T_TMP/review.db" review letter#rec-2.1 done
check "jo: flagged" env BRIEF_AUTHOR=jo "$BRIEF" --db "$T_TMP/index.db" --review "$T_TMP/review.db" review letter#rec-2.1 flagged
check "jo: a note" env BRIEF_AUTHOR=jo "$BRIEF" --db "$T_TMP/index.db" --review "$T_TMP/review.db" note letter#rec-2.1 'check the Frontex figure'
check "lead: flags another" env BRIEF_AUTHOR=lead "$BRIEF" --db "$T_TMP/index.db" --review "$T_TMP/review.db" review letter#rec-4.2 flagged
# run NAME AUTHOR: the reader on $T_TMP/NAME.keys at 80x24.
run() {
	env BRIEF_AUTHOR="$2" LINES=24 COLUMNS=80 BRIEF_SCRIPT="$T_TMP/$1.keys" \
	    "$BRIEF" --db "$T_TMP/index.db" --review "$T_TMP/review.db" letter#rec-2.1 \
	    </dev/null >/dev/null 2>"$T_TMP/$1.err"
}
printf 'w\n:save-display %s\n' "$T_TMP/block.txt" >"$T_TMP/block.keys"
check "w on rec-2.1 (as jo)" run block jo
contains "w: the others, with status and note" "$T_TMP/block.txt" "rec-2.1: done by ana"
printf 'w\n:save-display %s\n' "$T_TMP/block2.txt" >"$T_TMP/block2.keys"
check "w on rec-2.1 (as ana)" run block2 ana
contains "w: jo's flag and note" "$T_TMP/block2.txt" 'rec-2.1: flagged by jo: "check the Frontex figure"'
lacks "w: not ana's own" "$T_TMP/block2.txt" "done by ana"
printf 'W\n:save-display %s\n<Enter>\n:save-display %s\n' "$T_TMP/list.txt" "$T_TMP/jump.txt" >"$T_TMP/list.keys"
check "W lists the others (as ana)" run list ana
contains "W: jo's status" "$T_TMP/list.txt" "letter#rec-2.1  jo"
contains "W: jo's note" "$T_TMP/list.txt" "note: check the Frontex figure"
contains "W: lead's flag" "$T_TMP/list.txt" "letter#rec-4.2  lead"
contains "W: the status line" "$T_TMP/list.txt" "team: everyone else's statuses and notes"
contains "Enter: the pager at the block" "$T_TMP/jump.txt" "rec-2.1"
printf ':team flagged\n:save-display %s\n' "$T_TMP/flagged.txt" >"$T_TMP/flagged.keys"
check ":team flagged" run flagged ana
contains "flagged: jo's" "$T_TMP/flagged.txt" "letter#rec-2.1  jo"
contains "flagged: lead's" "$T_TMP/flagged.txt" "letter#rec-4.2  lead"
lacks "flagged: not ana's done" "$T_TMP/flagged.txt" "  ana "
contains "flagged: the status line" "$T_TMP/flagged.txt" "team: blocks someone flagged"
printf ':team progress\n:save-display %s\n' "$T_TMP/progress.txt" >"$T_TMP/progress.keys"
check ":team progress" run progress ana
contains "progress: per person" "$T_TMP/progress.txt" "jo               (all)                    9 recs: 0 done, 1 flagged"
contains "progress: per theme" "$T_TMP/progress.txt" "ana              foreign-policy"
contains "progress: the status line" "$T_TMP/progress.txt" "team: progress per person and theme"
printf ':team nonsense\n:save-display %s\n' "$T_TMP/bad.txt" >"$T_TMP/bad.keys"
run bad ana
contains ":team with a bad argument says so" "$T_TMP/bad.txt" "team: 'team', 'team flagged' or 'team progress'"
done_testing
