#!/bin/sh
# screen-review.sh: screen tests of review sessions in the reader, with
# the helpers of tests/lib-screen.sh: status keys and the margin, the outline's
# marks, the position restored on the next start, notes in the prompt (and
# their drafts) and in $EDITOR, the notes view, bookmarks, the progress
# view, and a corrupt review store that leaves reading alone.  Expected
# screens are tests/screen/review-NAME.expected; regenerate them on purpose
# with tests/screen/accept.sh and review the diff.  Screens that show times
# (the notes view) are checked line by line instead.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/lib-screen.sh"

DB="$T_TMP/index.db"
RV="$T_TMP/review.db"
SCREEN_HINT=1
SCREEN_PREFIX=review-

check "import the letter" "$BRIEF" import --db "$DB" \
    "$srcdir/data/briefings/letter.txt"

# --- Status: the margin and the outline -------------------------------

run status 80x24 <<'EOF2'
] ]
, f
:save-display @status-margin
o
:save-display @status-outline
EOF2
screen status-margin "! on rec-2 shows in the margin"
contains "the message names the block and its status" "$S/status-margin" \
    "rec-2: flagged"
screen status-outline "the outline shows rec-2 flagged"
contains "outline line of rec-2 has the mark" "$S/status-outline" \
    " !  rec-2    Put human rights"
test "$(status_of rec-2)" = flagged && ok "the store has rec-2 flagged" ||
    not_ok "the store has rec-2 flagged ($(status_of rec-2))"

# --- The next start: position and status back -------------------------

run restart 80x24 <<'EOF2'
:save-display @restart
c c
:save-display @restart-cycle
EOF2
screen restart "starting again shows rec-2 at the top, flagged"
contains "restart says where it went" "$S/restart" \
    "Back where you left letter: rec-2"
contains "c cycles flagged to done then unread" "$S/restart-cycle" \
    "rec-2: unread"
run anchor 80x24 letter#rec-1 <<'EOF2'
:save-display @anchor
EOF2
contains "an anchor given wins over the saved position" "$S/anchor" \
    "letter › rec-1"
run statuses 80x24 letter#rec-1 <<'EOF2'
X
] , r ] , f
o
:save-display @statuses-outline
EOF2
screen statuses-outline "X, then , r and , f: done, read, flagged in the outline"

# --- Notes in the prompt, drafts --------------------------------------

run note 80x24 letter#rec-4 <<'EOF2'
a R a i s e <Space> w i t h <Space> t h e <Space> D P O <Space> — <Space> ü b e r p r ü f e n <Enter>
:save-display @note
EOF2
contains "a saves the note and says so" "$S/note" "Note saved on rec-4"
"$BRIEF" notes --db "$DB" --review "$RV" >"$T_TMP/notes.out" 2>&1
contains "brief notes lists the note" "$T_TMP/notes.out" \
    "Raise with the DPO — überprüfen"
contains "on its block" "$T_TMP/notes.out" "letter#rec-4"

# <Esc> leaves the prompt: the text stays as a draft, offered back at the
# next start and pre-filled by a.

run draft 80x24 letter#rec-3 <<'EOF2'
a H a l f <Space> w r i t t e n <Esc>
:save-display @draft-left
EOF2
contains "leaving the prompt keeps the draft" "$S/draft-left" \
    "Note for rec-3 not saved; its draft is kept"
run draft-back 80x24 letter#rec-3 <<'EOF2'
:save-display @draft-offer
a <Space> n o t e <Enter>
:save-display @draft-saved
EOF2
contains "the next start offers the draft" "$S/draft-offer" \
    "Unsaved note for rec-3 restored (a there goes on with it): Half written"
"$BRIEF" notes --db "$DB" --review "$RV" letter >"$T_TMP/notes.out" 2>&1
contains "a goes on with the draft" "$T_TMP/notes.out" "Half written note"
run no-draft 80x24 letter#rec-3 <<'EOF2'
:save-display @no-draft
EOF2
lacks "a saved draft is offered no more" "$S/no-draft" "Unsaved note"

# An empty note, from the prompt or from an editor that empties the file,
# saves nothing.
printf '#!/bin/sh\n: >"$1"\n' >"$T_TMP/empty-editor"
chmod +x "$T_TMP/empty-editor"
EDITOR="$T_TMP/empty-editor" run empty-note 80x24 letter#rec-2 <<'EOF2'
a <Enter>
:save-display @empty-prompt
A
:save-display @empty-editor
EOF2
contains "an empty note in the prompt is not saved" "$S/empty-prompt" \
    "Empty note: nothing saved"
contains "an empty note from the editor is not saved" "$S/empty-editor" \
    "Empty note: nothing saved"

# --- Notes in $EDITOR -------------------------------------------------

cat >"$T_TMP/editor" <<EOF2
#!/bin/sh
# A test editor: records the file's mode and name, appends a note.
stat -c %a "\$1" >"$T_TMP/editor.mode"
printf '%s\n' "\$1" >"$T_TMP/editor.path"
printf 'Written in the editor\nwith a second line\n' >>"\$1"
EOF2
chmod +x "$T_TMP/editor"
EDITOR="$T_TMP/editor" run editor 80x24 letter#rec-1 <<'EOF2'
A
:save-display @editor
EOF2
contains "A saves the editor's text as a note" "$S/editor" \
    "Note saved on rec-1"
test "$(cat "$T_TMP/editor.mode" 2>/dev/null)" = 600 &&
    ok "the note's file is mode 0600" || not_ok "the note's file is mode 0600"
test -n "$(cat "$T_TMP/editor.path" 2>/dev/null)" &&
    ! test -e "$(cat "$T_TMP/editor.path")" &&
    ok "the note's file is removed after" || not_ok "the note's file is removed"
"$BRIEF" notes --db "$DB" --review "$RV" letter >"$T_TMP/notes.out" 2>&1
contains "brief notes lists the editor's note" "$T_TMP/notes.out" \
    "with a second line"
printf '#!/bin/sh\nexit 3\n' >"$T_TMP/bad-editor"
chmod +x "$T_TMP/bad-editor"
VISUAL="$T_TMP/bad-editor" run bad-editor 80x24 letter#rec-1 <<'EOF2'
A
:save-display @bad-editor
EOF2
contains "a failing editor is reported" "$S/bad-editor" \
    "exited with status 3"

# --- The notes view ---------------------------------------------------

run notes 80x24 letter#title <<'EOF2'
M
:save-display @notes
j
<Enter>
:save-display @notes-enter
<Backspace>
:save-display @notes-back
<Backspace>
:save-display @notes-back-pager
EOF2
contains "notes view: the note on rec-1" "$S/notes" \
    "✓* letter#rec-1  Written in the editor"
contains "notes view: the note on rec-3" "$S/notes" \
    "letter#rec-3  Half written note"
contains "notes view: rec-4's note" "$S/notes" \
    "letter#rec-4  Raise with the DPO — überprüfen"
contains "notes view counts the notes" "$S/notes" "notes: 3 notes"
contains "Enter on the second note jumps to rec-3" "$S/notes-enter" \
    "letter › rec-3"
contains "back returns to the notes view" "$S/notes-back" "notes: 3 notes"
contains "the notes view has the same note selected" "$S/notes-back" " 2/3"
contains "back again returns to where the jump started" \
    "$S/notes-back-pager" "AMNESTY INTERNATIONAL RECOMMENDATIONS"

# --- Bookmarks --------------------------------------------------------

run bookmark 80x24 letter#rec-4 <<'EOF2'
m a
:save-display @bookmark-set
g
' a
:save-display @bookmark-jump
' z
:save-display @bookmark-none
EOF2
contains "m a sets bookmark a" "$S/bookmark-set" "Bookmark a: letter#rec-4"
contains "' a jumps there" "$S/bookmark-jump" "letter › rec-4"
contains "an unset bookmark says so" "$S/bookmark-none" "No bookmark z"
run bookmark-later 80x24 letter#title <<'EOF2'
' a
:save-display @bookmark-later
<Backspace>
:save-display @bookmark-back
EOF2
contains "bookmarks outlive the session" "$S/bookmark-later" \
    "letter › rec-4"
contains "back returns from a bookmark" "$S/bookmark-back" \
    "AMNESTY INTERNATIONAL RECOMMENDATIONS"

# --- Progress ---------------------------------------------------------

run progress 80x24 <<'EOF2'
P
:save-display @progress
EOF2
screen progress "progress per document and theme"
run progress-narrow 40x10 <<'EOF2'
P
:save-display @progress-narrow
EOF2
screen progress-narrow "progress at 40x10"

# --- Autoread ---------------------------------------------------------

BRIEF_AUTOREAD=1 run autoread 80x24 letter#rec-2.1 <<'EOF2'
<Space>
EOF2
test "$(status_of rec-2.1)" = read && ok "autoread marks a rec scrolled past" ||
    not_ok "autoread marks a rec scrolled past ($(status_of rec-2.1))"
test "$(status_of rec-4.2)" = unread && ok "autoread leaves recs not seen" ||
    not_ok "autoread leaves recs not seen ($(status_of rec-4.2))"
run no-autoread 80x24 letter#rec-4 <<'EOF2'
<Space>
EOF2
test "$(status_of rec-4)" = unread && ok "autoread is off by default" ||
    not_ok "autoread is off by default ($(status_of rec-4))"

# --- Sessions ---------------------------------------------------------

n=$(sqlite3 "$RV" "SELECT count(*) FROM sessions WHERE ended IS NOT NULL" \
    2>/dev/null)
test "${n:-0}" -ge 10 && ok "each run is a session with an end ($n)" ||
    not_ok "each run is a session with an end (${n:-none})"
n=$(sqlite3 "$RV" "SELECT count(DISTINCT anchor) FROM session_visits" \
    2>/dev/null)
test "${n:-0}" -ge 5 && ok "blocks on screen are visits ($n)" ||
    not_ok "blocks on screen are visits (${n:-none})"

# --- A corrupt review store: reading goes on --------------------------

head -c 4096 /dev/urandom >"$T_TMP/corrupt.db"
printf 'not a database' | dd of="$T_TMP/corrupt.db" conv=notrunc \
    2>/dev/null
chmod 600 "$T_TMP/corrupt.db"	# private: the test is about damage
cp "$T_TMP/corrupt.db" "$T_TMP/corrupt.orig"
RV="$T_TMP/corrupt.db" run corrupt 80x24 letter#rec-2 <<'EOF2'
:save-display @corrupt
, f
:save-display @corrupt-key
EOF2
contains "a corrupt store still reads" "$S/corrupt" "letter › rec-2"
contains "and says why" "$S/corrupt" "No review store:"
# The message wraps (the path is long, and how many rows it takes depends
# on where the build tree is): read the whole screen as one line.
tr '\n' ' ' <"$S/corrupt-key" >"$T_TMP/corrupt-msg"
contains "review keys say there is no store" "$T_TMP/corrupt-msg" \
    "No review store ("
cmp -s "$T_TMP/corrupt.db" "$T_TMP/corrupt.orig" &&
    ok "the corrupt store is not written" || not_ok "the corrupt store changed"

done_testing
