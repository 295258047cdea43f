#!/bin/sh
# screen.sh: screen tests of the reader, after tig's: each case feeds a key
# script through BRIEF_SCRIPT (key names as in keymaps, ':' commands) and
# saves screens with ":save-display @NAME"; each saved screen is compared
# with tests/screen/NAME.expected (the helpers: tests/lib-screen.sh).  No
# tty is needed and nothing sleeps.
#
# When a change to the screens is meant, regenerate the expected files
# with tests/screen/accept.sh (see there) and review the diff before
# committing; make check itself never accepts anything.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/lib-screen.sh"

DB="$T_TMP/index.db"
new_index "$DB"

# --- The pager: first screen, recommendations, DOC#ANCHOR -------------

run first 80x24 <<'EOF'
:save-display @pager-top
EOF
screen pager-top "first screen at 80x24"
contains "first screen shows the reference" "$S/pager-top" \
    "Reference: TIGO IOR 10/2023.4926"
contains "first screen shows the title" "$S/pager-top" \
    "AMNESTY INTERNATIONAL RECOMMENDATIONS TO THE BELGIAN PRESIDENCY"

run recs 80x24 <<'EOF'
]
:save-display @rec-1
]
:save-display @rec-2
]
:save-display @rec-3
]
:save-display @rec-4
[
:save-display @rec-back-3
] ]
:save-display @rec-none
EOF
for n in 1 2 3 4; do
	screen rec-$n "] walks to rec-$n"
	contains "status line names rec-$n" "$S/rec-$n" " letter › rec-$n "
done
alike "[ goes back to rec-3" rec-3 rec-back-3
screen rec-none "] past the last recommendation says so"

run anchor 80x24 'letter#rec-3' <<'EOF'
:save-display @open-anchor
EOF
screen open-anchor "brief letter#rec-3 opens there"

# --- Default keys --------------------------------------------------------

run keys 80x24 <<'EOF'
j j j
:save-display @key-j
k k k
:save-display @key-k
<Down> <Down> <Down>
:save-display @key-down
<Up> <Up> <Up>
:save-display @key-up
<Space>
:save-display @key-space
g
<PgDn>
:save-display @key-pgdn
b
:save-display @key-b
<PgDn>
<PgUp>
:save-display @key-pgup
G
:save-display @key-G
g
:save-display @key-g
<End>
:save-display @key-end
<Home>
:save-display @key-home
d
:save-display @key-d
u
:save-display @key-u
EOF
screen key-j "j scrolls down a line"
alike "k scrolls up a line" key-k pager-top
alike "<Down> scrolls down a line" key-down key-j
alike "<Up> scrolls up a line" key-up pager-top
screen key-space "<Space> pages down"
alike "<PgDn> pages down" key-pgdn key-space
alike "b pages up" key-b pager-top
alike "<PgUp> pages up" key-pgup pager-top
screen key-G "G goes to the end"
alike "g goes to the top" key-g pager-top
alike "<End> goes to the end" key-end key-G
alike "<Home> goes to the top" key-home pager-top
screen key-d "d goes down half a page"
alike "u goes up half a page" key-u pager-top

# --- Views ---------------------------------------------------------------

run views 80x24 <<'EOF'
:goto rec-2.3
o
:save-display @outline
j
:save-display @outline-j
<Enter>
:save-display @outline-enter
<Backspace>
:save-display @outline-back
<Backspace>
:save-display @outline-back-pager
F
:save-display @footnotes
j j
:save-display @footnotes-link
<Tab>
:save-display @footnotes-tab
D
:save-display @documents
q q
h
:save-display @help
G
:save-display @help-end
q
:save-display @views-closed
o q
:save-display @outline-closed
EOF
screen outline "o shows the outline at the current recommendation"
screen outline-enter "<Enter> in the outline jumps"
alike "<Backspace> returns to the outline, same selection" outline-j \
    outline-back
alike "<Backspace> in the outline closes it, back to the pager" \
    outline-back-pager views-closed
screen footnotes "F lists the footnotes with citing blocks and links"
screen footnotes-link "j moves in the footnotes list (to a link: its URL)"
screen footnotes-tab "<Tab> in the footnotes list goes to the next link"
screen documents "D lists the documents, with the missing annex"
screen help "? lists actions with their keys"
screen help-end "help scrolls to the commands"
contains "help lists every action" "$S/help" "line-down"
screen views-closed "q closes each view, back to the pager"
alike "q closes the outline" outline-closed views-closed

run follow 80x24 <<'EOF'
:goto rec-4
<Enter>
:save-display @follow-nothing
:goto rec-2.3
:save-display @fn-before
<Tab>
:save-display @fn-tab
<Enter>
:save-display @fn-popup
<Backspace>
:save-display @fn-after
<Tab> <Enter> q
:save-display @fn-after-q
<Tab> <Enter> <Esc>
:save-display @fn-after-esc
<Tab> <Enter> <Enter>
:save-display @fn-goto
<Backspace>
:save-display @fn-goto-back
<Backspace>
:save-display @fn-goto-back-2
:goto rec-4.1
<Tab> <Tab> <S-Tab>
:save-display @stab
EOF
screen follow-nothing "<Enter> with nothing selected says how to select"
screen fn-tab "<Tab> selects the marker after HRDs. and says what it is"
contains "<Tab> names footnote 1" "$S/fn-tab" "Footnote 1: See also Amnesty"
screen fn-popup "<Enter> on the marker shows footnote 1 in a popup"
contains "the popup shows the footnote's title" "$S/fn-popup" \
    "Defending Defenders?"
contains "the popup shows the footnote's URL" "$S/fn-popup" \
    "https://www."
alike "<Backspace> closes the popup, same screen" fn-before fn-after
alike "q closes the popup, same screen" fn-before fn-after-q
alike "<Esc> closes the popup, same screen" fn-before fn-after-esc
screen fn-goto "<Enter> in the popup goes to the footnote"
alike "<Backspace> from the footnote shows its popup again" fn-popup \
    fn-goto-back
alike "<Backspace> then closes the popup, same screen" fn-before \
    fn-goto-back-2
screen stab "<S-Tab> selects the previous marker"

# The footnotes list: <Enter> on a citing block jumps, <Backspace> comes
# back to the list with the same row selected, and again to the pager.
run fnlist 80x24 <<'EOF'
:goto rec-4
F
j j j j j
:save-display @fnlist-sel
<Enter>
:save-display @fnlist-enter
<Backspace>
:save-display @fnlist-back
<Backspace>
:save-display @fnlist-pager
:goto rec-4
:save-display @fnlist-rec-4
EOF
contains "<Enter> on footnote 3 in the list jumps to it" \
    "$S/fnlist-enter" " letter › fn-3 "
alike "<Backspace> returns to the footnotes list, same row" fnlist-sel \
    fnlist-back
alike "<Backspace> in the list closes it, back where F was pressed" \
    fnlist-pager fnlist-rec-4

run copy 80x24 <<'EOF'
:goto rec-2.3
y
:save-display @copy-rec
:goto fn-1
<Tab>
y
:save-display @copy-link
EOF
contains "y copies the recommendation with its citation" "$S/copy-rec" \
    "Copied letter#rec-2.3 with its citation"
contains "y copies the selected link" "$S/copy-link" \
    "Copied https://www.amnesty.org/en/documents/ior60/0995/2019/en/"

# --- Commands ------------------------------------------------------------

run commands 80x24 <<'EOF'
:goto rec-4.2
:save-display @goto-rec
:goto fn-3
:save-display @goto-fn
:goto letter#rec-1
:save-display @goto-doc
:goto nowhere
:save-display @goto-unknown
:frobnicate
:save-display @command-unknown
 : g o t o <Space> r e c - 3 <Enter>
:save-display @prompt-goto
 : x x <Backspace> <Backspace> <Backspace>
:save-display @prompt-cancel
 : g o t o <Space> r é c <Left> <Left> x <Right> ü
:save-display @prompt-utf8
<Esc>
EOF
screen goto-rec ":goto rec-4.2"
screen goto-fn ":goto fn-3"
screen goto-doc ":goto letter#rec-1"
screen goto-unknown ":goto an unknown anchor: a message, no jump"
contains ":goto unknown names the anchor" "$S/goto-unknown" \
    "No anchor 'nowhere' in letter"
screen command-unknown "an unknown command: a message"
alike ": typed at the prompt runs the command" prompt-goto rec-3
screen prompt-cancel "<Backspace> on an empty prompt leaves it"
tail -1 "$S/prompt-utf8" >"$T_TMP/prompt-line"
contains "the prompt edits UTF-8 text with the cursor keys" \
    "$T_TMP/prompt-line" ":goto rxéüc"

run quit 80x24 <<'EOF'
Q
:save-display @after-quit
EOF
if [ -f "$S/after-quit" ]; then not_ok "Q quits"; else ok "Q quits"; fi

# --- Keymaps -------------------------------------------------------------

run vi 80x24 --keymap vi <<'EOF'
G g g
:save-display @vi-gg
C-f
:save-display @vi-page
:goto rec-2.3
C-n l
:save-display @vi-follow
h
:save-display @vi-back
EOF
alike "vi: g g goes to the top" vi-gg pager-top
alike "vi: C-f pages down" vi-page key-space
alike "vi: l follows a footnote marker" vi-follow fn-popup
alike "vi: h closes the popup" vi-back fn-before

run emacs 80x24 --keymap emacs <<'EOF'
C-n C-n C-n
:save-display @emacs-cn
M-<
C-v
:save-display @emacs-cv
M-v
:save-display @emacs-mv
M->
:save-display @emacs-end
M-< M-n
:save-display @emacs-mn
EOF
alike "emacs: C-n scrolls down" emacs-cn key-j
alike "emacs: C-v pages down" emacs-cv key-space
alike "emacs: M-v pages up" emacs-mv pager-top
alike "emacs: M-> goes to the end" emacs-end key-G
alike "emacs: M-n goes to the next recommendation" emacs-mn rec-1

# Under HOME, as usual, so the message line shows it as ~/.config/...: the
# whole temporary path would not fit in 80 columns on every machine.
XDG_CONFIG_HOME="$HOME/.config"; export XDG_CONFIG_HOME
mkdir -p "$XDG_CONFIG_HOME/brief"
cat >"$XDG_CONFIG_HOME/brief/keys" <<'EOF'
# a user keymap with mistakes
bind generic z fly
bind generic <Dwn> line-down
bind pagr j line-down
bind generic x next-rec
EOF
run user-keys 80x24 <<'EOF'
:save-display @keys-errors
x
:save-display @keys-user-binding
g ]
:save-display @keys-default-still
EOF
contains "keymap errors: the first on the message line, with file:line" \
    "$S/keys-errors" "config/brief/keys:2: warning: unknown action 'fly'"
contains "keymap errors go to stderr with file:line" "$T_TMP/user-keys.err" \
    "config/brief/keys:2: "
contains "every keymap error is reported" "$T_TMP/user-keys.err" \
    "config/brief/keys:4: "
alike "the user's good binding works" keys-user-binding rec-1
alike "the default keys still work" keys-default-still rec-1
rm -f "$XDG_CONFIG_HOME/brief/keys"

# --- Sizes, resize, colours, locale -------------------------------------

run small 40x10 <<'EOF'
:save-display @small-top
] ]
:save-display @small-rec-2
:goto rec-2.3
<Tab> <Enter>
:save-display @small-popup
q o
:save-display @small-outline
EOF
screen small-top "40x10: first screen"
screen small-rec-2 "40x10: ] ] goes to rec-2"
screen small-popup "40x10: the footnote popup fits"
screen small-outline "40x10: the outline"

run too-small 39x10 <<'EOF'
:save-display @too-narrow
:resize 40 9
:save-display @too-short
j
:resize 40 10
:save-display @big-enough
EOF
screen too-narrow "39x10: terminal too small"
contains "40x9: terminal too small" "$S/too-short" "terminal too small"
alike "back to 40x10: the reader again, keys were ignored" big-enough small-top

run resize 80x24 <<'EOF'
] ]
:resize 40 10
:save-display @resized-small
:resize 80 24
:save-display @resized-back
EOF
alike "resize to 40x10 keeps rec-2 at the top" resized-small small-rec-2
alike "resize back to 80x24 keeps the position" resized-back rec-2

T_ENV="NO_COLOR=1"
run no-color 80x24 <<'EOF'
:save-display @no-color
EOF
T_ENV=""
alike "NO_COLOR: the same text" no-color pager-top

T_ENV="TERM=vt100"
run mono 80x24 <<'EOF'
:save-display @mono
EOF
T_ENV=""
alike "a monochrome terminal: the same text" mono pager-top

T_ENV="LC_ALL=C"
run ascii 80x24 <<'EOF'
:goto rec-2.3
<Tab> <Enter>
:save-display @ascii-popup
EOF
T_ENV=""
screen ascii-popup "a non-UTF-8 locale: ASCII stand-ins"
lacks "no UTF-8 bytes in ASCII mode" "$S/ascii-popup" "¹"

# --- Bad input -----------------------------------------------------------

printf 'j <Nope> k\n' >"$T_TMP/bad.script"
expect_status "a script with a bad key name exits 2" 2 \
    env BRIEF_SCRIPT="$T_TMP/bad.script" "$BRIEF" --db "$DB"
contains "a bad key name is reported with file:line" "$T_TMP/err" \
    "bad.script:1: unknown key name '<Nope>'"

expect_status "brief DOC#ANCHOR with an unknown anchor exits 1" 1 \
    env BRIEF_SCRIPT="$T_TMP/bad.script" "$BRIEF" --db "$DB" letter#nope

"$BRIEF" --db "$DB" show letter >"$T_TMP/show.txt" 2>&1
"$BRIEF" --db "$DB" >"$T_TMP/pipe.txt" 2>&1
same "stdout not a terminal: plain brief show" "$T_TMP/show.txt" \
    "$T_TMP/pipe.txt"

# Big and odd documents: the pager scrolls and stays responsive.
awk 'BEGIN { printf "BIG DOCUMENT\n\n"; for (i = 0; i < 100000; i++)
    printf "word%d ", i; printf "\n" }' >"$T_TMP/big.txt"
awk 'BEGIN { printf "MANY FOOTNOTES\n\n"; for (i = 1; i <= 10000; i++)
    printf "Claim %d.[^%d]\n\n", i, i;
    for (i = 1; i <= 10000; i++) printf "[^%d]: Note %d.\n", i, i }' \
    >"$T_TMP/many.md"
printf -- '---\ntitle: Nothing here\n---\n' >"$T_TMP/empty.md"
"$BRIEF" import --db "$DB" "$T_TMP/big.txt" "$T_TMP/many.md" \
    "$T_TMP/empty.md" >/dev/null 2>&1
"$BRIEF" --db "$DB" list >"$T_TMP/list.txt" 2>&1
for doc in $(awk '$1 != "letter" && $1 != "annex" { print $1 }' \
    "$T_TMP/list.txt"); do
	run "odd-$doc" 80x24 "$doc" <<EOF
G <Tab> <Enter> <Esc> g <PgDn> F G <Enter> <Backspace> o
:save-display @odd-$doc
EOF
done

done_testing
