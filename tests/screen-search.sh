#!/bin/sh
# screen-search.sh: screen tests of search in the reader (issue 4): `/`
# and the results view, <Enter> on a hit and <Backspace> back, n and N
# in the pager with wrapping, the no-match and bad-query messages, &
# (less's filter) on and off, the prompt's history (in memory and in the
# review store), search limited to a theme, and a small terminal.  Each case feeds a key script through
# BRIEF_SCRIPT to a fresh index of the letter; ":save-display @NAME"
# screens are compared with tests/screen/search-NAME.expected.
#
# Highlighting cannot be seen in a text dump, so ":save-matches FILE"
# (search-ui.c) writes the text drawn in the match colour, "ROW: TEXT" a
# run, and those files are compared too (search-NAME.matches).
#
# When a change to what the reader draws is meant, regenerate the
# expected files on purpose with tests/screen/accept.sh, then read `git diff tests/screen/search-*` as a user would before
# committing.  make check never accepts anything: it compares.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/lib-screen.sh"

DB="$T_TMP/index.db"
new_index "$DB"

# keys TEXT: TEXT as key names for a script ("a b" -> "a <Space> b").
keys() {
	printf '%s' "$1" | sed 's/./& /g; s/   / <Space> /g'
}


# alike_body DESC A B: the same but for the message line.
alike_body() {
	sed '$d' "$S/$2" >"$S/$2.body"
	sed '$d' "$S/$3" >"$S/$3.body"
	same "$1" "$S/$2.body" "$S/$3.body"
}

# The last row of a saved screen: the message or the prompt, drawn over
# the text's last row while shown.
message() {
	tail -n 1 "$S/$1"
}

# status NAME: the status line (the top row).
status() {
	head -n 1 "$S/$1"
}

# --- /spyware, <Enter> on the hit, <Backspace>, n ---------------------

run spyware 80x24 <<EOF
:save-display @search-before
$(keys Sspyware) <Enter>
:save-display @search-spyware
:save-matches @search-spyware.matches
<Enter>
:save-display @search-spyware-hit
:save-matches @search-spyware-hit.matches
<Backspace>
:save-display @search-spyware-back
n
:save-display @search-spyware-n
q
:save-display @search-spyware-closed
EOF
screen search-spyware "/spyware<Enter> shows the results"
contains "the status line counts the hits" "$S/search-spyware" \
    " search › 1 hit for spyware "
contains "a hit shows doc#anchor and its breadcrumb" "$S/search-spyware" \
    " letter#rec-4.2  rec-4 Lead on a robust EU tech regulation"
contains "a hit shows its snippet" "$S/search-spyware" \
    "use of spyware technologies..."
screen search-spyware.matches "the snippet's term is highlighted"
screen search-spyware-hit "<Enter> on the hit opens the letter at rec-4.2"
contains "the pager is at rec-4.2" "$S/search-spyware-hit" \
    " letter › rec-4.2 The Belgian Presidency"
contains "the message gives the hit's place" "$S/search-spyware-hit" \
    "Hit 1/1 in letter"
screen search-spyware-hit.matches "both 'spyware' in rec-4.2 are highlighted"
alike "<Backspace> returns to the results" search-spyware search-spyware-back
contains "n in the results wraps with a message" "$S/search-spyware-n" \
    "search hit BOTTOM, continuing at TOP"
alike "q closes the results on the place left" search-before \
    search-spyware-closed

# Opening a hit is a jump: <Backspace> brings back the results with the
# same hit selected, and <Backspace> there closes them.
run search-back 80x24 <<EOF
:goto rec-2
$(keys Ssurveillance) <Enter>
j
:save-display @search-back-sel
<Enter>
:save-display @search-back-hit
<Backspace>
:save-display @search-back-results
<Backspace>
:save-display @search-back-pager
:goto rec-2
:save-display @search-back-rec-2
EOF
contains "<Enter> on the second hit opens rec-4.2" "$S/search-back-hit" \
    "Hit 2/3 in letter"
alike "<Backspace> returns to the results, second hit selected" \
    search-back-sel search-back-results
alike "<Backspace> in the results closes them, back where / was typed" \
    search-back-pager search-back-rec-2

# --- n and N in the pager ----------------------------------------------

run walk 80x24 <<EOF
$(keys Ssurveillance) <Enter>
:save-display @search-surveillance
<Enter>
:save-display @search-walk-1
n
:save-display @search-walk-2
n
:save-display @search-walk-3
n
:save-display @search-walk-wrap
N
:save-display @search-walk-wrap-back
g
N
:save-display @search-walk-top
EOF
contains "three hits for surveillance" "$S/search-surveillance" \
    " search › 3 hits for surveillance "
contains "<Enter> opens the first hit, rec-4" "$S/search-walk-1" \
    "Hit 1/3 in letter"
status search-walk-1 | grep -q " letter › rec-4 Lead on" &&
    ok "the pager is at rec-4" || not_ok "the pager is at rec-4"
screen search-walk-2 "n moves to the next hit, rec-4.2"
contains "n says where it went" "$S/search-walk-2" "Hit 2/3 in letter: rec-4.2"
contains "n reaches the footnote, last" "$S/search-walk-3" \
    "Hit 3/3 in letter: fn-5"
contains "n past the last hit wraps with a message" "$S/search-walk-wrap" \
    "search hit BOTTOM, continuing at TOP (hit 1/3)"
alike_body "the wrap lands on the first hit" search-walk-1 search-walk-wrap
contains "N before the first hit wraps" "$S/search-walk-wrap-back" \
    "search hit TOP, continuing at BOTTOM (hit 3/3)"
contains "N from the top goes to the last hit" "$S/search-walk-top" \
    "search hit TOP, continuing at BOTTOM (hit 3/3)"

# --- Messages: nothing found, unreadable queries, no search yet -------

run messages 80x24 <<EOF
n
:save-display @search-none-yet
$(keys Szzyzxq) <Enter>
:save-display @search-nomatch
$(keys 'S"unbalanced') <Enter>
:save-display @search-unbalanced
$(keys 'SNEAR(') <Enter>
:save-display @search-near
$(keys 'SOR OR') <Enter>
:save-display @search-bad
$(keys 'Sdoc:nope spyware') <Enter>
:save-display @search-baddoc
$(keys 'Stext: {a b}: *') <Enter>
:save-display @search-columns
EOF
contains "n before any search says so" "$S/search-none-yet" \
    "No search yet (/ searches)"
screen search-nomatch "no match: a message and no results view"
[ "$(message search-nomatch)" = "No match for zzyzxq" ] &&
    ok "the no-match message" || not_ok "the no-match message: $(message search-nomatch)"
contains "an unbalanced quote is read, no match" "$S/search-unbalanced" \
    'No match for "unbalanced'
contains "NEAR( is read, no match" "$S/search-near" "No match for NEAR("
[ "$(message search-bad)" = "Search: nothing to search for" ] &&
    ok "OR OR: the translator's message" ||
    not_ok "OR OR: the translator's message: $(message search-bad)"
contains "an unknown doc: names it" "$S/search-baddoc" \
    "Search: doc:nope: no such document"
for f in search-nomatch search-unbalanced search-near search-bad \
    search-baddoc search-columns; do
	status "$f" | grep -q '^ letter ' && ok "$f: still the pager" ||
	    not_ok "$f: still the pager ($(status "$f"))"
	lacks "$f: no SQLite text" "$S/$f" "fts5"
done

# --- & filter ------------------------------------------------------------

run filter 80x24 <<EOF
$(keys '&surveillance') <Enter>
:save-display @search-filter
:save-matches @search-filter.matches
$(keys '&zzyzxq') <Enter>
:save-display @search-filter-nomatch
$(keys '&OR OR') <Enter>
:save-display @search-filter-bad
& <Enter>
:save-display @search-filter-off
g
:save-display @search-filter-top
EOF
screen search-filter "& shows only the blocks matching"
contains "the status line shows the filter" "$S/search-filter" \
    "& surveillance  "
contains "the filter says how many blocks" "$S/search-filter" \
    "Showing the 3 blocks matching surveillance"
lacks "a block without the word is hidden" "$S/search-filter" \
    "Ensure concrete progress"
screen search-filter.matches "the filter's matches are highlighted"
contains "& with no match keeps the filter" "$S/search-filter-nomatch" \
    "No match for zzyzxq in this document"
contains "... and says so" "$S/search-filter-nomatch" "& surveillance  "
contains "& with a bad query: the translator's message" \
    "$S/search-filter-bad" "Filter: nothing to search for"
contains "& <Enter> clears the filter" "$S/search-filter-off" \
    "Filter off: every block is shown"
lacks "the status line no longer shows it" "$S/search-filter-off" \
    "& surveillance"
alike "every block is back" search-before search-filter-top

# --- History, :search, theme scope, small screens --------------------

# With a review store (script mode attaches one only when it is named),
# the history is kept there; without one, in memory for the run.
T_ENV="BRIEF_REVIEW=$T_TMP/review.db"
run history 80x24 <<EOF
$(keys Sspyware) <Enter>
q
$(keys Ssurveillance) <Enter>
q
S <Up> <Up>
:save-display @search-history-prompt
<Enter>
:save-display @search-history
S <Up> <Up> <Down> <Enter>
:save-display @search-history-down
q
:search pegasus
:save-display @search-command
EOF
[ "$(message search-history-prompt)" = "Search: spyware" ] &&
    ok "<Up> <Up> recalls the search before last" ||
    not_ok "<Up> <Up> recalls: $(message search-history-prompt)"
alike "the recalled search runs" search-spyware search-history
contains "<Up> <Up> <Down>: the last one again" "$S/search-history-down" \
    " search › 1 hit for spyware "
contains ":search QUERY searches too" "$S/search-command" \
    " search › 1 hit for pegasus "

# The history is the user's (in the review store): a new run recalls it.
run history-stored 80x24 <<EOF
S <Up> <Enter>
:save-display @search-history-stored
EOF
contains "<Up> recalls the last search of the run before" \
    "$S/search-history-stored" " search › 1 hit for spyware "
T_ENV=""
run history-memory 80x24 <<EOF
S <Up> <Enter>
:save-display @search-history-memory
EOF
status search-history-memory | grep -q '^ letter ' &&
    ok "without a store, a new run has no history" ||
    not_ok "without a store, a new run has no history"

run theme 80x24 <<EOF
t
j j j j j j <Enter>
$(keys Seu) <Enter>
:save-display @search-theme
S
:save-display @search-theme-prompt
$(keys pegasus) <Enter>
:save-display @search-theme-again
q q q
$(keys Seu) <Enter>
:save-display @search-all
EOF
contains "/ in a theme view searches that theme" "$S/search-theme" \
    " search › 4 hits for eu in theme Surveillance and spyware "
lacks "... and nothing outside it" "$S/search-theme" "letter#rec-1"
[ "$(message search-theme-prompt)" = "Search in Surveillance and spyware:" ] &&
    ok "the prompt names the theme" ||
    not_ok "the prompt names the theme: $(message search-theme-prompt)"
contains "a search from those results stays in the theme" \
    "$S/search-theme-again" " for pegasus in theme Surveillance and spyware "
lacks "outside a theme the search is not limited" "$S/search-all" \
    " in theme "

run small 40x10 <<EOF
$(keys Ssurveillance) <Enter>
:save-display @search-small
<Enter> n
:save-display @search-small-n
EOF
screen search-small "the results at 40x10"
contains "n works at 40x10" "$S/search-small-n" "Hit 2/3 in letter"

done_testing
