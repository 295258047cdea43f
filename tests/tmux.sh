#!/bin/sh
# tmux.sh: the reader in a real terminal, tmux's: first run, resize from
# 80x24 to 40x10 and back, a footnote followed and closed, colours and
# NO_COLOR, and the exit status.  Keys go in with send-keys; the screen is
# read with capture-pane, polled until the expected text shows (bounded,
# never a fixed sleep).  A private server (-L) with no configuration
# (-f /dev/null) runs without a controlling terminal, as in CI.  Skipped
# when tmux is not installed.
. "$srcdir/tests/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "ok 1 # skip tmux is not installed"
	echo "1..1"
	exit 0
fi

DB="$T_TMP/index.db"
SOCK="brief-test-$$"
PANE="$T_TMP/pane"
new_index "$DB"	# seed the index first

tm() {
	tmux -L "$SOCK" -f /dev/null "$@"
}
trap 'tm kill-server >/dev/null 2>&1' EXIT

# start NAME ENV...: the reader at 80x24 in a new session NAME, with a
# review store of its own (the reader restores the last position).
# The shell sleeps a second after the reader: a pty whose last writer
# has gone may lose what tmux had not read yet (TERM=dumb prints the
# whole document and exits at once; under load its end went missing).
start() {
	s_name=$1
	shift
	tm new-session -d -s "$s_name" -x 80 -y 24 \
	    "env BRIEF_REVIEW='$T_TMP/review-$s_name.db' $* '$BRIEF' --db '$DB';
	    echo \$? >'$T_TMP/status-$s_name'; sleep 1" \; \
	    set-option -t "$s_name" remain-on-exit on >/dev/null
}

capture() {
	tm capture-pane -p "$@" >"$PANE" 2>/dev/null
}

# wait_for TARGET TEXT: poll the pane (up to 10 s) until TEXT shows.
wait_for() {
	w_i=0
	while [ "$w_i" -lt 200 ]; do
		capture -t "$1"
		grep -qF -- "$2" "$PANE" && return 0
		w_i=$((w_i + 1))
		sleep 0.05
	done
	return 1
}

# waits DESC TARGET TEXT: a test that TEXT shows up.
waits() {
	if wait_for "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		echo "# '$3' never showed; the pane:"
		sed 's/^/# /' "$PANE"
	fi
}

start main
waits "first run shows the reference" main "Reference: TIGO IOR 10/2023.4926"
contains "first run shows the title" "$PANE" \
    "AMNESTY INTERNATIONAL RECOMMENDATIONS TO THE BELGIAN PRESIDENCY"

# The text may have a margin (review marks): match words, not columns.
tm send-keys -t main ] ]
waits "] ] goes to rec-2" main " letter › rec-2 Put human rights"
tm resize-window -t main -x 40 -y 10
# Laid out again: the first text line (under the status line) is rec-2's,
# cut before "foreign".
narrow() {
	capture -t main
	sed -n 2p "$PANE" | grep -q "• Put human rights" &&
	    ! sed -n 2p "$PANE" | grep -q "foreign"
}
w_i=0
until narrow || [ "$w_i" -ge 200 ]; do
	w_i=$((w_i + 1))
	sleep 0.05
done
if narrow; then
	ok "resize to 40x10 relays out at once, rec-2 still at the top"
else
	not_ok "resize to 40x10 relays out at once, rec-2 still at the top"
	sed 's/^/# /' "$PANE"
fi
tm resize-window -t main -x 80 -y 24
waits "resize back to 80x24 keeps the position" main \
    "• Put human rights at the centre of EU foreign policy:"
sed -n 2p "$PANE" >"$T_TMP/top-big"
contains "80x24 has rec-2 at the top again" "$T_TMP/top-big" \
    "• Put human rights at the centre of EU foreign policy:"
tm resize-window -t main -x 30 -y 8
waits "30x8 says the terminal is too small" main "terminal too small"
tm resize-window -t main -x 80 -y 24
waits "and 80x24 again shows the text" main "• Put human rights at the"

tm send-keys -t main : g o t o Space r e c - 2 . 3 Enter
waits ":goto rec-2.3" main " letter › rec-2.3 Strengthening"
cp "$PANE" "$T_TMP/before"
tm send-keys -t main Tab
waits "<Tab> selects the marker after HRDs." main \
    "Footnote 1: See also Amnesty International"
tm send-keys -t main Enter
waits "<Enter> shows footnote 1" main "Defending Defenders?"
contains "the footnote shows its URL" "$PANE" "https://www."
contains "the footnote is in a popup" "$PANE" "Footnote 1"
tm send-keys -t main BSpace
waits "<Backspace> closes the footnote" main " letter › rec-2.3 Strengthening"
same "<Backspace> returns to the same screen" "$T_TMP/before" "$PANE"

# y copies with OSC 52; tmux (set-clipboard on) keeps it as a buffer.
tm set-option -g set-clipboard on
tm send-keys -t main y
waits "y says what it copied" main "Copied letter#rec-2.3 with its citation"
tm show-buffer >"$T_TMP/clip" 2>/dev/null
contains "OSC 52 reached the terminal's clipboard: the citation" \
    "$T_TMP/clip" "letter#rec-2.3 (Reference TIGO IOR 10/2023.4926)"
contains "OSC 52 reached the terminal's clipboard: the text" \
    "$T_TMP/clip" "Strengthening EU and member state support"

capture -e -t main
if grep -q "$(printf '\033')\[[0-9;]*4[0-7]m" "$PANE" ||
    grep -q "$(printf '\033')\[[0-9;]*3[0-7]m" "$PANE"; then
	ok "colours in a colour terminal"
else
	not_ok "colours in a colour terminal"
fi

tm send-keys -t main Q
w_i=0
until [ -s "$T_TMP/status-main" ] || [ "$w_i" -ge 200 ]; do
	w_i=$((w_i + 1))
	sleep 0.05
done
status=$(cat "$T_TMP/status-main" 2>/dev/null)
if [ "$status" = 0 ]; then ok "Q quits with status 0"; else
	not_ok "Q quits with status 0 (got '$status')"; fi
capture -t main
lacks "after Q the terminal is restored (the reader's screen is gone)" \
    "$PANE" "Reference: TIGO IOR"

start term
waits "SIGTERM: the reader starts" term "Reference: TIGO IOR 10/2023.4926"
# The pane runs sh, whose child is the reader: signal that one process.
kill -TERM $(ps -o pid= --ppid "$(tm display-message -p -t term \
    '#{pane_pid}')") 2>/dev/null
w_i=0
until [ -s "$T_TMP/status-term" ] || [ "$w_i" -ge 200 ]; do
	w_i=$((w_i + 1))
	sleep 0.05
done
status=$(cat "$T_TMP/status-term" 2>/dev/null)
if [ "$status" = 143 ]; then ok "SIGTERM ends the reader (status 143)"; else
	not_ok "SIGTERM ends the reader (status 143, got '$status')"; fi
capture -t term
lacks "after SIGTERM the terminal is restored" "$PANE" "Reference: TIGO IOR"

start dumb TERM=dumb
w_i=0
until [ -s "$T_TMP/status-dumb" ] || [ "$w_i" -ge 200 ]; do
	w_i=$((w_i + 1))
	sleep 0.05
done
status=$(cat "$T_TMP/status-dumb" 2>/dev/null)
if [ "$status" = 0 ]; then ok "TERM=dumb prints the document and exits 0"
else not_ok "TERM=dumb prints the document and exits 0 (got '$status')"; fi
# tmux may draw the last output after the status file is written: poll.
waits "TERM=dumb: the text as brief show prints it" dumb \
    "end unlawful targeted surveillance, 7 October 2021"

start mono NO_COLOR=1
waits "NO_COLOR: the reader starts" mono "Reference: TIGO IOR 10/2023.4926"
capture -e -t mono
if grep -q "$(printf '\033')\[[0-9;]*[34][0-7]m" "$PANE"; then
	not_ok "NO_COLOR: no colours"
else
	ok "NO_COLOR: no colours"
fi
tm send-keys -t mono q

# What a terminal shows after pages, lines and a jump is what the reader
# drew (script mode's :save-display): a new page clears the rows under
# the status line first and writes onto blank rows, lines scroll, and
# the current block's bar moves to its first line on screen.
# same_screen DESC KEYS...: send KEYS to session pages, then wait (up to
# 10 s) for the pane to equal the script run of the same keys.
same_screen() {
	s_desc=$1
	shift
	printf '%s ' "$@" >>"$T_TMP/pages.keys"
	tm send-keys -t pages "$@"
	{ tr ' ' '\n' <"$T_TMP/pages.keys" | sed 's/^Space$/<Space>/' |
	    grep -v '^$'; echo ":save-display $T_TMP/pages.want"; } \
	    >"$T_TMP/pages.script"
	rm -f "$T_TMP/review-script.db"
	LINES=24 COLUMNS=80 BRIEF_SCRIPT="$T_TMP/pages.script" "$BRIEF" \
	    --db "$DB" --review "$T_TMP/review-script.db" --no-hint letter \
	    >/dev/null 2>&1
	sed 's/ *$//' "$T_TMP/pages.want" >"$T_TMP/want"
	w_i=0
	while [ "$w_i" -lt 200 ]; do
		capture -t pages
		sed 's/ *$//' "$PANE" >"$T_TMP/got"
		cmp -s "$T_TMP/want" "$T_TMP/got" && break
		w_i=$((w_i + 1))
		sleep 0.05
	done
	if cmp -s "$T_TMP/want" "$T_TMP/got"; then
		ok "$s_desc"
	else
		not_ok "$s_desc"
		diff "$T_TMP/want" "$T_TMP/got" | sed 's/^/# /' | head -20
	fi
}
: >"$T_TMP/pages.keys"
tm new-session -d -s pages -x 80 -y 24 \
    "'$BRIEF' --db '$DB' --review '$T_TMP/review-pages.db' --no-hint letter;
    sleep 1" >/dev/null
waits "pages: the reader starts" pages "Reference: TIGO IOR 10/2023.4926"
same_screen "<Space> <Space>: the second page, as drawn" Space Space
same_screen "j j j: three lines scrolled, as drawn" j j j
same_screen "]: rec-2 at the top, as drawn" "]"
same_screen "b: a page back, as drawn" b
tm send-keys -t pages Q

done_testing
