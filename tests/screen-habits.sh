#!/bin/sh
# screen-habits.sh: the reader as users of less, vim, mutt and tig expect
# it (issue 13), with the key-script helpers of tests/lib-screen.sh: the
# current block (a bar beside it, named on the status line, the block the
# review keys change), C-g in the emacs keymap, notes from $EDITOR, long
# messages, tags, themes, the help view and the footnote popup.  Screens
# are checked for the words that matter, not compared whole.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/lib-screen.sh"

DB="$T_TMP/index.db"
RV="$T_TMP/review.db"
SCREEN_HINT=1

# is DESC GOT WANT
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', wanted '$3')"; fi
}

check "import the letter" "$BRIEF" import --db "$DB" \
    "$srcdir/data/briefings/letter.txt"

# --- 4: the current block -----------------------------------------------

run current 80x24 <<'EOF2'
:save-display @cur-top
:goto p-1
, f
:save-display @cur-p1
EOF2
contains "the first screen marks the current block with a bar" \
    "$S/cur-top" "▌Reference: TIGO IOR"
status_line "$S/cur-top" >"$T_TMP/line"
contains "the status line names the current block" "$T_TMP/line" \
    " letter › ref "
is "! changes the block at the top (p-1), not a recommendation below" \
    "$(status_of p-1)" flagged
is "rec-1 is left alone" "$(status_of rec-1)" unread

run current-move 80x24 <<'EOF2'
:goto p-1
]
X
:save-display @cur-rec1
j j j j j j j j j j j j
:save-display @cur-scrolled
G
j j j j j j j j j j j j j j
:save-display @cur-end
EOF2
status_line "$S/cur-p1" >"$T_TMP/line"
contains "the status line names p-1 and its status" "$T_TMP/line" \
    "letter › p-1 [flagged]"
is "after ], X marks rec-1" "$(status_of rec-1)" done
status_line "$S/cur-scrolled" >"$T_TMP/line"
grep -o "letter › [a-z0-9.-]*" "$T_TMP/line" | sed 's/.*› //' >"$T_TMP/cur"
contains "j j ...: the block the status line names is on screen" \
    "$S/cur-scrolled" "▌"
status_line "$S/cur-end" >"$T_TMP/line"
contains "at the end, j moves the current block down to the footnotes" \
    "$T_TMP/line" "letter › fn-"
contains "and it is on screen" "$S/cur-end" "▌"

# The bar is on one line, the current block's first on screen: its first
# line, or the top row once that has scrolled above (slow links: a bar a
# line cost 9 bytes for each line of every block becoming current).
run current-bar 80x24 <<'EOF2'
:goto p-1
:save-display @bar-p1
j j j
:save-display @bar-p1-scrolled
EOF2
is "one bar on the screen of p-1" "$(grep -c "▌" "$S/bar-p1")" 1
sed -n 2p "$S/bar-p1" >"$T_TMP/row"
contains "the bar is beside p-1's first line" "$T_TMP/row" "▌Belgium assumes"
is "p-1 scrolled up 3 lines: still one bar" \
    "$(grep -c "▌" "$S/bar-p1-scrolled")" 1
sed -n 2p "$S/bar-p1-scrolled" >"$T_TMP/row"
contains "it is on the top row, p-1's first on screen" "$T_TMP/row" "▌"
status_line "$S/bar-p1-scrolled" >"$T_TMP/line"
contains "and the status line still names p-1" "$T_TMP/line" "letter › p-1"

# --- 1: C-g in the emacs keymap cancels, never quits ---------------------

run emacs-cg 80x24 --keymap emacs <<'EOF2'
M-<
C-g
:save-display @cg-pager
o
C-g
C-g
S
C-g
C-g
:save-display @cg-after
EOF2
contains "C-g in the document leaves the reader open" "$S/cg-after" \
    "Reference: TIGO IOR"
status_line "$S/cg-after" >"$T_TMP/line"
contains "C-g closed the outline and the prompt, back in the document" \
    "$T_TMP/line" " letter › ref "

run prompt-cc 80x24 <<'EOF2'
:goto p-1
S
C-c
:save-display @cc-prompt
EOF2
lacks "C-c cancels the search prompt" "$S/cc-prompt" "Search"

# --- 2: a note from $EDITOR keeps its line breaks ------------------------

cat >"$T_TMP/editor" <<'EOF2'
#!/bin/sh
# A test editor that appends a line, as editors do.
printf 'Editor line\n' >>"$1"
EOF2
chmod +x "$T_TMP/editor"
run draft 80x24 letter#rec-3 <<'EOF2'
a s t i l l <Space> c u r r e n t <Esc>
EOF2
EDITOR="$T_TMP/editor" run editor-newline 80x24 letter#rec-3 <<'EOF2'
A
EOF2
"$BRIEF" notes --db "$DB" --review "$RV" letter >"$T_TMP/notes.out" 2>&1
lacks "the editor's line does not join the draft's" "$T_TMP/notes.out" \
    "currentEditor"
contains "the note has both lines" "$T_TMP/notes.out" "Editor line"

# --- 3: a message that does not fit wraps; text cut ends with … ---------

run long-message 80x24 <<'EOF2'
D
j
<Enter>
:save-display @long-message
EOF2
contains "the missing-annex message wraps: its end shows" \
    "$S/long-message" "(front matter: kind: annex, parent: letter)"
status_line "$S/long-message" >"$T_TMP/line"
contains "the status line stays at the top over a long message" \
    "$T_TMP/line" " documents: "
tail -n 1 "$S/long-message" >"$T_TMP/line"
contains "the wrapped message ends on the last row" "$T_TMP/line" \
    "(front matter: kind: annex, parent: letter)"

# The layout: the status line on the top row, the text down to the last
# row; a message covers that row only while shown (as less's prompt),
# and the next key gives it back to the text.
run msg-row 80x24 <<'EOF2'
:goto rec-2
:save-display @msg-before
=
:save-display @msg-shown
z
:save-display @msg-after
EOF2
head -n 1 "$S/msg-before" >"$T_TMP/line"
contains "the status line is the top row" "$T_TMP/line" " letter › rec-2"
sed -n 2p "$S/msg-before" >"$T_TMP/line"
contains "the text starts under it" "$T_TMP/line" "• Put human rights"
tail -n 1 "$S/msg-before" >"$T_TMP/line"
is "without a message the last row is text" \
    "$(sed 's/^ *//; s/ .*//' "$T_TMP/line" | grep -c '[a-z]')" 1
tail -n 1 "$S/msg-shown" >"$T_TMP/line"
contains "= shows its message over the last row" "$T_TMP/line" "letter lines "
sed '$d' "$S/msg-before" >"$T_TMP/a"
sed '$d' "$S/msg-shown" >"$T_TMP/b"
same "the message covers that row only" "$T_TMP/a" "$T_TMP/b"
same "the next key gives the row back to the text" "$S/msg-before" \
    "$S/msg-after"
grep -q "AMNESTY INTERNATI[A-Z ]*…" "$S/long-message" &&
    ok "a title cut in the documents view ends with …" ||
    not_ok "a title cut in the documents view ends with …"

# --- 10: the help view wraps, never cuts; it lists every command ---------

run help-wrap 80x24 <<'EOF2'
h
:save-display @help-80
:resize 40 10
g
:save-display @help-40
G
:save-display @help-40-end
EOF2
contains "help at 80 columns: view-close's text is whole" "$S/help-80" \
    "one)"
contains "help at 80 columns: the longest keys show whole" "$S/help-80" \
    "<Backspace>, <Left>  back"
contains "help at 40 columns: text below its action, whole" "$S/help-40" \
    "      last one)"
lacks "nothing cut in the help at 80 columns" "$S/help-80" "…"
lacks "nothing cut in the help at 40 columns" "$S/help-40" "…"
contains "help at 40 columns ends with the less/vim table" \
    "$S/help-40-end" "Esc: close a popup or view"
run help-search 80x24 <<'EOF2'
h
G
:save-display @help-end
EOF2
contains "help lists :search" "$S/help-end" "search QUERY: ranked"
contains "help lists :save-matches" "$S/help-end" "save-matches FILE"
contains "help has the less/vim table" "$S/help-end" \
    "less and vim keys in brief"

# --- 9: the footnote popup leaves no page text beside its border --------

run popup-clean 80x24 <<'EOF2'
:goto rec-2.3
<Tab>
<Enter>
:save-display @popup-80
q
:resize 40 10
:goto rec-2.3
<Tab>
<Enter>
:save-display @popup-40
EOF2
for sz in 80 40; do
	contains "the popup shows at ${sz} columns" "$S/popup-$sz" "Footnote 1"
	grep '[│┌└]' "$S/popup-$sz" | grep -v '^ *[│┌└].*[│┐┘]$' \
	    >"$T_TMP/fragments"
	if [ -s "$T_TMP/fragments" ]; then
		not_ok "no page text beside the popup at ${sz} columns"
		sed 's/^/# /' "$T_TMP/fragments"
	else
		ok "no page text beside the popup at ${sz} columns"
	fi
done

# --- 12: a resize there and back keeps the same words at the top --------

run resize-back 80x24 <<'EOF2'
:goto rec-2
j j j j j j j
:save-display @resize-before
:resize 250 60
:resize 80 24
:save-display @resize-after
:resize 40 10
:resize 250 60
:resize 80 24
:save-display @resize-after-2
EOF2
same "80x24 -> 250x60 -> 80x24: the same screen" "$S/resize-before" \
    "$S/resize-after"
same "and through 40x10 too" "$S/resize-before" "$S/resize-after-2"

# --- 13: hit numbers agree ----------------------------------------------
# "asylum": rec-1 ranks first, p-1 comes first in the letter.

run hit-numbers 80x24 <<'EOF2'
S
a s y l u m <Enter>
<Enter>
:save-display @hit-first
n
:save-display @hit-next
EOF2
contains "Enter on result 1 says result 1/2" "$S/hit-first" "Result 1/2"
contains "and which hit it is in the page's order" "$S/hit-first" \
    "hit 2/2 in letter from"
contains "n goes on in the page's order" "$S/hit-next" "(hit 1/2)"

# --- 6: taking off a tag the block never had says so --------------------

expect_status "tag --remove of a theme rec-1 never had: status 1" 1 \
    "$BRIEF" tag --db "$DB" --review "$RV" --remove letter#rec-1 ai
contains "and says so" "$T_TMP/err" "letter#rec-1 does not have the theme ai"
expect_status "tag --remove of a theme it has: done" 0 \
    "$BRIEF" tag --db "$DB" --review "$RV" --remove letter#rec-1 asylum
expect_status "a second time: it has it no more" 1 \
    "$BRIEF" tag --db "$DB" --review "$RV" --remove letter#rec-1 asylum
run untag 80x24 <<'EOF2'
:goto rec-1
, -
a i <Enter>
:save-display @untag
EOF2
contains "- in the reader says so too" "$S/untag" \
    "letter#rec-1 does not have the theme ai"

# --- 7: an unknown theme is named, with the nearest ----------------------

expect_status "search --theme nonexist: status 1" 1 \
    "$BRIEF" search --db "$DB" asylum --theme asylun
contains "search --theme says no such theme, nearest first" "$T_TMP/err" \
    "theme:asylun: no such theme (nearest: asylum"
expect_status "theme:foo in a query: status 1" 1 \
    "$BRIEF" search --db "$DB" asylum theme:survey
contains "theme: in a query says so too" "$T_TMP/err" \
    "theme:survey: no such theme (nearest: surveillance"
expect_status "export --theme nonexist: status 1" 1 \
    "$BRIEF" export --db "$DB" --review "$RV" --theme ukrain
contains "export --theme says so" "$T_TMP/err" \
    "--theme ukrain: no such theme (nearest: ukraine"
run theme-typo 80x24 <<'EOF2'
S
a s y l u m <Space> t h e m e : a s y l u n <Enter>
:save-display @theme-typo
EOF2
contains "a search in the reader says so" "$S/theme-typo" \
    "no such theme (nearest: asylum"

# --- 8: status: filters --------------------------------------------------

"$BRIEF" review --db "$DB" --review "$RV" letter#rec-2 flagged >/dev/null
"$BRIEF" review --db "$DB" --review "$RV" letter#rec-4 read >/dev/null
expect_status "search status:flagged finds the flagged block" 0 \
    "$BRIEF" search --db "$DB" --review "$RV" status:flagged
contains "rec-2 is listed" "$T_TMP/out" "letter#rec-2 "
lacks "rec-4 (read) is not" "$T_TMP/out" "letter#rec-4 "
expect_status "words and status:read" 0 \
    "$BRIEF" search --db "$DB" --review "$RV" surveillance status:read
contains "rec-4 is the read one" "$T_TMP/out" "letter#rec-4 "
lacks "rec-4.2 (unread) is not listed" "$T_TMP/out" "letter#rec-4.2"
expect_status "status:unread leaves out rec-2 and rec-4" 0 \
    "$BRIEF" search --db "$DB" --review "$RV" --limit 100 status:unread
lacks "no rec-2" "$T_TMP/out" "letter#rec-2 "
contains "rec-3 is unread" "$T_TMP/out" "letter#rec-3 "
expect_status "status:changed: nothing changed yet" 1 \
    "$BRIEF" search --db "$DB" --review "$RV" status:changed
expect_status "export --status flagged" 0 \
    "$BRIEF" export --db "$DB" --review "$RV" --format csv --status flagged
contains "exports rec-2" "$T_TMP/out" "letter,rec-2,"
lacks "and not rec-4" "$T_TMP/out" "letter,rec-4,"
run status-search 80x24 <<'EOF2'
S
s t a t u s : f l a g g e d <Enter>
:save-display @status-search
EOF2
contains "status:flagged in the reader lists rec-2" "$S/status-search" \
    "rec-2"
lacks "and says nothing of 'cannot search'" "$S/status-search" \
    "cannot search"

# --- 14: the small ones ---------------------------------------------------

"$BRIEF" --db "$DB" --keymap foo >"$T_TMP/out" 2>"$T_TMP/err" </dev/null
is "brief --keymap foo | cat: status 2" "$?" 2
contains "and says which keymaps exist" "$T_TMP/err" \
    "unknown keymap 'foo' (try default, vi or emacs)"
expect_status "brief --keymap foo list: status 2 too" 2 \
    "$BRIEF" --db "$DB" --keymap foo list
mkdir -p "$T_TMP/config/brief"
printf 'bind generic z fly\n' >"$T_TMP/config/brief/keys"
XDG_CONFIG_HOME="$T_TMP/config" run keys-warning 80x24 <<'EOF2'
:save-display @keys-warning
EOF2
# The message wraps, over more rows where the build tree's path is
# longer, and a path longer than a row breaks inside it: read the whole
# screen as one line, rows joined by a space (breaks at blanks) and
# joined as they are (a break inside the path).
tr '\n' ' ' <"$S/keys-warning" >"$T_TMP/msg"
echo >>"$T_TMP/msg"
contains "a keymap mistake is labelled warning: (the message wraps)" \
    "$T_TMP/msg" "warning: unknown action 'fly'"
tr -d '\n' <"$S/keys-warning" >"$T_TMP/msg"
echo >>"$T_TMP/msg"
contains "and names the file and line" "$T_TMP/msg" "brief/keys:1:"
if grep -q '\\e[fB]' "$srcdir/doc/brief-keys.5"; then
	not_ok "brief-keys(5) has no escaped font change shown literally"
else
	ok "brief-keys(5) has no escaped font change shown literally"
fi

# search --json: whole fields, the matches beside the snippet
"$BRIEF" search --db "$DB" pegasus --json >"$T_TMP/hits.json"
q() { sqlite3 :memory: "SELECT $1 FROM json_each(readfile('$T_TMP/hits.json'))"; }
lacks "no breadcrumb cut with ..." "$T_TMP/hits.json" 'stro..."'
contains "the breadcrumb is rec-4's whole text" "$T_TMP/hits.json" \
    "cyber-surveillance industry:\",\"snippet"
lacks "no [ ] marks in the snippet" "$T_TMP/hits.json" "[Pegasus]"
is "the match's place in characters is given beside it" \
    "$(q "substr(json_extract(value, '\$.snippet'), \
    json_extract(value, '\$.matches[0][0]') + 1, \
    json_extract(value, '\$.matches[0][1]') - \
    json_extract(value, '\$.matches[0][0]'))")" Pegasus

# --- Habits: q goes back, unbound keys are silent --------------------------

run q-back 80x24 <<'EOF2'
S
a s y l u m <Enter>
<Enter>
q
:save-display @q-back
q
:save-display @q-back-2
EOF2
status_line "$S/q-back" >"$T_TMP/line"
contains "q on a hit opened from the results goes back to them" \
    "$T_TMP/line" " search › "
run q-quits 80x24 <<'EOF2'
:goto rec-2
q
:save-display @q-quit
EOF2
test ! -e "$S/q-quit" && ok "after :goto, q in the document quits" ||
    not_ok "after :goto, q in the document quits"
run unbound 80x24 <<'EOF2'
:goto p-1
z
:save-display @unbound
<Esc>
:save-display @unbound-esc
EOF2
tail -1 "$S/unbound" >"$T_TMP/msg"
lacks "an unbound key says nothing" "$T_TMP/msg" "not bound"
tail -1 "$S/unbound-esc" >"$T_TMP/msg"
lacks "<Esc> in the document says nothing" "$T_TMP/msg" "not bound"

# --- Habits: / and ? search the document, S searches every briefing ------

run find 80x24 <<'EOF2'
:goto p-1
/
a s y l u m <Enter>
:save-display @find-fwd
:save-matches @find-fwd.matches
?
a s y l u m <Enter>
:save-display @find-back
n
:save-display @find-n
N
:save-display @find-N
S
a s y l u m <Enter>
:save-display @find-ranked
EOF2
status_line "$S/find-fwd" >"$T_TMP/line"
contains "/ goes forward to the next match in the document" "$T_TMP/line" \
    "letter › rec-1 "
contains "every match on screen is lit" "$S/find-fwd.matches" "asylum"
status_line "$S/find-back" >"$T_TMP/line"
contains "? goes backward" "$T_TMP/line" "letter › p-1 "
tail -1 "$S/find-n" >"$T_TMP/msg"
contains "after ?, n goes on backward (and wraps)" "$T_TMP/msg" \
    "search hit TOP, continuing at BOTTOM"
status_line "$S/find-N" >"$T_TMP/line"
contains "N goes the other way" "$T_TMP/line" "letter › p-1 "
status_line "$S/find-ranked" >"$T_TMP/line"
contains "S searches every briefing, results in a list" "$T_TMP/line" \
    " search › "

# --- Habits: counts ----------------------------------------------------------

# The status line shows how far in the current block ends, not the lines
# (a slow link would get it again on every line); = shows them, as in
# less, on the message line.
run counts 80x24 <<'EOF2'
g
5 j
:save-display @count-5j
g
j j j j j
:save-display @count-jjjjj
1 0 G
=
:save-display @count-10G
5 0 %
=
:save-display @count-50
:45
=
:save-display @count-45
G
=
:save-display @count-G
EOF2
same "5j moves as j j j j j" "$S/count-5j" "$S/count-jjjjj"
tail -1 "$S/count-10G" >"$T_TMP/line"
contains "10G shows line 10 at the top" "$T_TMP/line" "letter lines 10-32/"
tail -1 "$S/count-50" >"$T_TMP/line"
top=$(sed -n 's|.* lines \([0-9]*\)-[0-9]*/\([0-9]*\),.*|\1 \2|p' "$T_TMP/line")
is "50% puts the middle line at the top" "${top% *}" \
    "$(( ${top#* } / 2 + 1 ))"
tail -1 "$S/count-45" >"$T_TMP/line"
contains ":45 goes to line 45" "$T_TMP/line" "letter lines 45-67/"
tail -1 "$S/count-G" >"$T_TMP/line"
total=${top#* }
contains "= at the end: the last lines, the last block, 100%" "$T_TMP/line" \
    "lines $((total - 22))-$total/$total, block "
contains "= at the end says 100%" "$T_TMP/line" ", 100%"
status_line "$S/count-G" >"$T_TMP/line"
contains "the status line at the end says 100%" "$T_TMP/line" "100%"
lacks "the status line shows no line numbers" "$T_TMP/line" "/$total"

# --- Habits: marks and '' ----------------------------------------------------

run marks 80x24 <<'EOF2'
:goto rec-2
:save-display @mark-before
m a
G
' a
:save-display @mark-a
G
' '
:save-display @mark-back
:goto p-1
:save-display @mark-p1
' '
:save-display @mark-back-goto
EOF2
head -22 "$S/mark-before" >"$T_TMP/a"
head -22 "$S/mark-a" >"$T_TMP/b"
same "m a, G, ' a comes back" "$T_TMP/a" "$T_TMP/b"
same "'' goes back to before G" "$S/mark-before" "$S/mark-back"
same "'' after :goto goes back too" "$S/mark-before" "$S/mark-back-goto"

# --- Habits: a hint line on the first start ----------------------------------

mkdir -p "$T_TMP/fresh"
rm -f "$T_TMP/config/brief/keys"
RV="$T_TMP/fresh/r.db" XDG_DATA_HOME="$T_TMP/fresh" run hint-first 80x24 <<'EOF2'
:save-display @hint-first
h
EOF2
tail -1 "$S/hint-first" >"$T_TMP/msg"
contains "the first start shows a hint line in the keymap's keys" \
    "$T_TMP/msg" "h help  / search  ] next rec  c status  q quit"
RV="$T_TMP/fresh/r.db" XDG_DATA_HOME="$T_TMP/fresh" run hint-after-help 80x24 <<'EOF2'
:save-display @hint-after-help
EOF2
tail -1 "$S/hint-after-help" >"$T_TMP/msg"
lacks "once the help was opened, no hint" "$T_TMP/msg" "h help"
mkdir -p "$T_TMP/fresh2"
RV="$T_TMP/fresh2/r.db" XDG_DATA_HOME="$T_TMP/fresh2" run hint-off 80x24 --no-hint <<'EOF2'
:save-display @hint-off
EOF2
tail -1 "$S/hint-off" >"$T_TMP/msg"
lacks "--no-hint: no hint" "$T_TMP/msg" "h help"
RV="$T_TMP/fresh2/r.db" XDG_DATA_HOME="$T_TMP/fresh2" run hint-vi 80x24 --keymap vi <<'EOF2'
:save-display @hint-vi
EOF2
tail -1 "$S/hint-vi" >"$T_TMP/msg"
contains "the vi keymap's own keys" "$T_TMP/msg" "<F1> help"
RV="$T_TMP/review.db" XDG_DATA_HOME="$T_TMP/data"	# as they were

# --- Habits: a reading measure ----------------------------------------------

run measure 250x60 <<'EOF2'
:goto p-1
:save-display @measure-250
:set width 60
:save-display @measure-60
:set width 0
:save-display @measure-0
EOF2
# The widest text row, in characters (the bar is one; margins are 3).
longest() {
	text_rows "$1" | sed 's/▌/|/g; s/[^\x01-\x7f][\x80-\xbf]*/x/g' |
	    awk '{ if (length($0) > m) m = length($0) } END { print m }'
}
w=$(longest "$S/measure-250")
test "$w" -le 103 && test "$w" -ge 90 &&
    ok "at 250 columns the text wraps at 100 (+ margin): $w" ||
    not_ok "at 250 columns the text wraps at 100 (+ margin): $w"
w=$(longest "$S/measure-60")
test "$w" -le 63 && ok ":set width 60: $w" || not_ok ":set width 60: $w"
w=$(longest "$S/measure-0")
test "$w" -gt 150 && ok ":set width 0: the window's width ($w)" ||
    not_ok ":set width 0: the window's width ($w)"
run measure-opt 250x60 --width 50 <<'EOF2'
:goto p-1
:save-display @measure-opt
EOF2
w=$(longest "$S/measure-opt")
test "$w" -le 53 && ok "--width 50: $w" || not_ok "--width 50: $w"

# --- Habits: export from the reader, CSV safe for spreadsheets --------------

"$BRIEF" note --db "$DB" --review "$RV" letter#rec-4.1 '=HYPERLINK("http://x")' \
    >/dev/null
run export 80x24 <<EOF2
:export csv $T_TMP/out.csv
:save-display @export-csv
:export json $T_TMP/out.json
:export md $T_TMP/out.csv
:save-display @export-exists
:export md $T_TMP/out.csv!
EOF2
contains ":export csv says where" "$S/export-csv" "Exported the review of letter"
contains ":export md FILE! replaced the CSV with Markdown" "$T_TMP/out.csv" "# Review:"
tail -4 "$S/export-exists" | tr '\n' ' ' >"$T_TMP/msg"	# it wraps
contains ":export FILE will not replace a file without !" "$T_TMP/msg" \
    "(FILE! replaces it)"
"$BRIEF" export --db "$DB" --review "$RV" --format csv letter >"$T_TMP/cli.csv"
contains "a note starting with = is quoted behind a '" "$T_TMP/cli.csv" \
    "\"'=HYPERLINK(\"\"http://x\"\")\""
contains "JSON keeps it exact" "$T_TMP/out.json" '"=HYPERLINK(\"http://x\")"'

# --- Habits: &! shows the blocks that do not match --------------------------

run filter-not 80x24 <<'EOF2'
&
! a s y l u m <Enter>
:save-display @filter-not
G
:save-display @filter-not-end
EOF2
tail -1 "$S/filter-not" >"$T_TMP/msg"
contains "&! says what it shows" "$T_TMP/msg" "not matching asylum"
text_rows "$S/filter-not" >"$T_TMP/both"
text_rows "$S/filter-not-end" >>"$T_TMP/both"
lacks "no block about asylum is shown" "$T_TMP/both" "asylum"

# --- Habits: $EDITOR gets the block as a comment, taken off on save ---------

cat >"$T_TMP/ctx-editor" <<EOF2
#!/bin/sh
cp "\$1" "$T_TMP/ctx-seen"
printf '%s\n' "\$1" >"$T_TMP/ctx-path"
printf 'Context line\n' >>"\$1"
EOF2
chmod +x "$T_TMP/ctx-editor"
EDITOR="$T_TMP/ctx-editor" run editor-context 80x24 letter#rec-2 <<'EOF2'
A
EOF2
contains "the editor's file names the block" "$T_TMP/ctx-seen" \
    "<!-- brief: a note on letter#rec-2"
contains "and quotes its text" "$T_TMP/ctx-seen" \
    "> Put human rights at the centre of EU foreign policy"
case $(cat "$T_TMP/ctx-path") in
*.md) ok "the file is a .md file" ;;
*) not_ok "the file is a .md file ($(cat "$T_TMP/ctx-path"))" ;;
esac
"$BRIEF" notes --db "$DB" --review "$RV" letter#rec-2 >"$T_TMP/notes.out" 2>&1
contains "the note is saved" "$T_TMP/notes.out" "Context line"
lacks "without the comment" "$T_TMP/notes.out" "<!--"
lacks "nor the quoted text" "$T_TMP/notes.out" "> Put human"

# --- Habits: , + makes a personal tag after asking ---------------------------

run personal-tag 80x24 <<'EOF2'
:goto rec-1
, +
m y n o t e s <Enter>
:save-display @tag-ask
y
:save-display @tag-made
:goto rec-3
, +
o t h e r <Enter>
n
:save-display @tag-declined
EOF2
tail -1 "$S/tag-ask" >"$T_TMP/msg"
contains ", + with a new name asks first" "$T_TMP/msg" \
    "No theme 'mynotes': make it a personal tag? (y/n)"
tail -1 "$S/tag-made" >"$T_TMP/msg"
contains "y makes it" "$T_TMP/msg" "Tagged letter#rec-1 with mynotes"
tail -1 "$S/tag-declined" >"$T_TMP/msg"
contains "n does not" "$T_TMP/msg" "No theme 'other'"
# The personal tag is listed among the themes, as personal.
"$BRIEF" themes --db "$DB" --review "$RV" >"$T_TMP/themes.out" 2>&1
grep '^mynotes ' "$T_TMP/themes.out" >"$T_TMP/line"
contains "brief themes lists the personal tag, as personal" "$T_TMP/line" \
    "mynotes: personal"
contains "with its block counted" "$T_TMP/line" "mynotes                      1"
run themes-personal 80x24 <<'EOF2'
t
G
:save-display @themes-personal
<Enter>
:save-display @theme-personal
EOF2
grep ' mynotes ' "$S/themes-personal" >"$T_TMP/line"
contains "the themes view lists it, as personal" "$T_TMP/line" " personal"
contains "<Enter> opens it: its block" "$S/theme-personal" "rec-1"
expect_status "the personal tag can be taken off" 0 \
    "$BRIEF" tag --db "$DB" --review "$RV" --remove letter#rec-1 mynotes
"$BRIEF" themes --db "$DB" --review "$RV" >"$T_TMP/themes.out" 2>&1
lacks "and then it is no longer listed" "$T_TMP/themes.out" "mynotes"

# --- Habits: / in a list or the help searches it ------------------------------

run list-find 80x24 <<'EOF2'
o
/
r e c - 3 <Enter>
:save-display @list-find
q
h
/
f i n d - b a c k <Enter>
:save-display @help-find
EOF2
status_line "$S/list-find" >"$T_TMP/line"
contains "/ in the outline selects the line holding rec-3" "$T_TMP/line" \
    "7/10"
sed -n 2p "$S/help-find" >"$T_TMP/line"
contains "/ in the help scrolls to the line holding find-back" \
    "$T_TMP/line" "find-back"

# --- Habits: list columns sized to their content, cut with … -------------------

mkdir -p "$T_TMP/long"
cp "$srcdir/tests/fixtures/annex.md" \
    "$T_TMP/long/a-rather-long-briefing-name-for-testing.md"
"$BRIEF" import --db "$DB" "$T_TMP/long/a-rather-long-briefing-name-for-testing.md" \
    >/dev/null 2>&1
run docs-wide 100x24 <<'EOF2'
D
:save-display @docs-100
:resize 80 24
:save-display @docs-80
:resize 40 10
:save-display @docs-40
EOF2
grep "a-rather" "$S/docs-80" >"$T_TMP/line"
contains "at 80 columns the row keeps its date" "$T_TMP/line" "2000-01-01"
contains "and the start of its title, never wrapped onto the next row" \
    "$T_TMP/line" "Test fixture"
contains "a long slug shows whole when it fits" "$S/docs-100" \
    "a-rather-long-briefing-name-for-testing"
contains "the date shows whole" "$S/docs-100" "2000-01-01"
contains "at 40 columns it is cut with …" "$S/docs-40" "a-rather-lo"
grep -q "a-rather-lo[a-z-]*…" "$S/docs-40" && ok "… marks the cut" ||
    not_ok "… marks the cut"

# --- Habits: a Latin-1 locale shows the characters Latin-1 has ---------------

mkdir -p "$T_TMP/locale"
if localedef -i en_US -f ISO-8859-1 "$T_TMP/locale/en_US.ISO-8859-1" \
    >/dev/null 2>&1 &&
    [ "$(LOCPATH="$T_TMP/locale" LC_ALL=en_US.ISO-8859-1 locale charmap \
    2>/dev/null)" = ISO-8859-1 ]; then
	LOCPATH="$T_TMP/locale" LC_ALL=en_US.ISO-8859-1 run latin1 80x24 <<'EOF2'
:goto rec-2.1
:save-display @latin1
EOF2
	contains "Latin-1: ü is shown as ü" "$S/latin1" "Türkiye"
	lacks "and characters Latin-1 lacks get stand-ins" "$S/latin1" "›"
	unset LOCPATH
	LC_ALL=C.UTF-8; export LC_ALL
else
	ok "# skip no ISO-8859-1 locale can be made here"
fi

# --- Habits: & and &! in a list ----------------------------------------------

run list-filter 80x24 <<'EOF2'
o
&
r e c - 4 <Enter>
:save-display @lf-rec4
q
:save-display @lf-back
&
! r e c - <Enter>
:save-display @lf-not
q
&
r e c - 4 <Enter>
j
<Enter>
:save-display @lf-follow
EOF2
text_rows "$S/lf-rec4" | grep -c "rec-" >"$T_TMP/n"
is "& rec-4 in the outline shows its three lines" "$(cat "$T_TMP/n")" 3
status_line "$S/lf-back" >"$T_TMP/line"
contains "q goes back to the whole outline" "$T_TMP/line" "outline: letter"
text_rows "$S/lf-not" >"$T_TMP/rows"
lacks "&! rec-: no recommendation is shown" "$T_TMP/rows" "rec-"
contains "&! rec-: the title is" "$S/lf-not" "title"
status_line "$S/lf-follow" >"$T_TMP/line"
contains "<Enter> on a filtered line opens it" "$T_TMP/line" "letter › rec-4.1"


# --- Habits: C-c at the top level, forward in the history --------------------

run cc-top 80x24 <<'EOF2'
:goto p-1
C-c
:save-display @cc-top
o
C-c
:save-display @cc-list
Q
EOF2
contains "C-c in the document does not quit (as less)" "$S/cc-top" \
    "Belgium assumes the Presidency"
tail -1 "$S/cc-top" >"$T_TMP/line"
contains "C-c in the document says how to quit" "$T_TMP/line" \
    "Interrupt: Q quits"
status_line "$S/cc-list" >"$T_TMP/line"
contains "C-c closes the outline, back in the document" "$T_TMP/line" \
    " letter › p-1"

run forward-vi 80x24 --keymap vi <<'EOF2'
:save-display @fw-start
:goto rec-2
C-o
:save-display @fw-back
C-i
:save-display @fw-fwd
C-i
:save-display @fw-none
EOF2
is "vi: C-o goes back to where :goto started" \
    "$(status_line "$S/fw-back")" "$(status_line "$S/fw-start")"
status_line "$S/fw-fwd" >"$T_TMP/line"
contains "vi: C-i goes forward again to rec-2" "$T_TMP/line" " letter › rec-2 "
tail -1 "$S/fw-none" >"$T_TMP/line"
contains "vi: C-i with nothing ahead says so" "$T_TMP/line" \
    "Nothing to go forward to"

run forward-list 80x24 <<'EOF2'
o
&
r e c - 4 <Enter>
<Enter>
q
:save-display @fw-list
L
:save-display @fw-again
<Backspace>
:save-display @fw-list2
EOF2
status_line "$S/fw-list" >"$T_TMP/line"
contains "q from a block opened in the outline goes back to it" \
    "$T_TMP/line" "outline: letter"
status_line "$S/fw-again" >"$T_TMP/line"
contains "L in the outline goes forward to the block again" "$T_TMP/line" \
    "letter › rec-4"
status_line "$S/fw-list2" >"$T_TMP/line"
contains "and back returns to the outline" "$T_TMP/line" "outline: letter"


# --- Habits: <Enter> on a cut item opens it whole ----------------------------

NP="$T_TMP/np.db"
printf 'First line of a note long enough to be cut by the notes view at eighty columns, surely\nand a second line the list never shows\n' |
    "$BRIEF" note --db "$DB" --review "$NP" letter#rec-3 - >/dev/null 2>&1
"$BRIEF" note --db "$DB" --review "$NP" letter#rec-4 'short' >/dev/null 2>&1
RV="$NP" run cut-items 80x24 <<'EOF2'
M
&
r e c - 3 <Enter>
<Enter>
:save-display @note-whole
<Enter>
:save-display @note-jump
M
&
r e c - 4 <Enter>
<Enter>
:save-display @note-short
t
<Enter>
:save-display @theme-whole
EOF2
contains "<Enter> on a cut note shows it whole: its second line" \
    "$S/note-whole" "and a second line the list never shows"
contains "and its first line whole" "$S/note-whole" "columns, surely"
contains "in a popup named after its block" "$S/note-whole" "Note on letter#rec-3"
status_line "$S/note-jump" >"$T_TMP/line"
contains "<Enter> in the popup goes to the block" "$T_TMP/line" "letter › rec-3"
status_line "$S/note-short" >"$T_TMP/line"
contains "<Enter> on a note the line does not cut goes to the block" \
    "$T_TMP/line" "letter › rec-4"
tail -3 "$S/theme-whole" | tr '\n' ' ' | tr -s ' ' >"$T_TMP/msg"
contains "<Enter> on a cut theme line says it whole" "$T_TMP/msg" \
    "Asylum and migration: Asylum reform, reception, pushbacks, safe pathways, people on the move"


# --- Habits: URLs are never broken across lines ------------------------------

for w in 40 60 80; do
	"$BRIEF" show --db "$DB" --width $w letter >"$T_TMP/show-$w" 2>&1
	n=0
	for u in https://www.amnesty.org/en/documents/ior60/0995/2019/en/ \
	    https://www.amnesty.eu/news/eu-trilogues-the-ai-act-must-protect-peoples-rights/ \
	    https://www.amnesty.org/en/documents/act10/7245/2023/en/ \
	    https://www.amnesty.org/en/documents/eur01/4850/2021/en/; do
		grep -qF -- "$u" "$T_TMP/show-$w" && n=$((n + 1))
	done
	is "show --width $w: every URL whole on one line" "$n" 4
done
run url-short 50x24 <<'EOF2'
:goto fn-3
:save-display @url-short
EOF2
contains "the reader shows a URL wider than the line shortened" \
    "$S/url-short" "https://www.amnesty.eu/news/eu-trilogues-the…"
grep -c "rights/" "$S/url-short" >"$T_TMP/n"
is "and not broken onto a second line" "$(cat "$T_TMP/n")" 0

done_testing
