#!/bin/sh
# tests/paste.sh: pasting into the prompt in a real terminal (tmux, whose
# paste-buffer -p sends bracketed paste when the program asked for it).
# A paste of 9 KB is taken at once (it froze the prompt for minutes when
# each byte redrew and re-measured the whole line); a newline in it does
# not submit; past 16 KB the prompt says it is full.  Skipped without
# tmux.
. "$srcdir/tests/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "ok 1 # skip tmux is not installed"
	echo "1..1"
	exit 0
fi

DB="$T_TMP/index.db"
SOCK="brief-paste-$$"
PANE="$T_TMP/pane"
new_index "$DB"

tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1' EXIT

capture() { tm capture-pane -p "$@" >"$PANE" 2>/dev/null; }
# wait_for TARGET TEXT [TRIES]: poll the pane (20 s by default).
wait_for() {
	w_i=0
	while [ "$w_i" -lt "${3:-400}" ]; do
		capture -t "$1"
		grep -qF -- "$2" "$PANE" && return 0
		w_i=$((w_i + 1))
		sleep 0.05
	done
	return 1
}
waits() {
	if wait_for "$2" "$3"; then ok "$1"
	else not_ok "$1"; echo "# '$3' never showed; the pane:"; sed 's/^/# /' "$PANE"; fi
}

tm new-session -d -s p -x 80 -y 24 \
    "env BRIEF_REVIEW='$T_TMP/review.db' '$BRIEF' --db '$DB'; echo \$? >'$T_TMP/status'" \; \
    set-option -t p remain-on-exit on >/dev/null
waits "the reader starts" p "Reference: TIGO IOR 10/2023.4926"

# 9 KB of words, ending in a marker.
awk 'BEGIN { for (i = 0; i < 1100; i++) printf "asylum%02d ", i % 100; printf "ENDMARK" }' >"$T_TMP/paste"
tm send-keys -t p S
waits "S opens the search prompt" p "Search"
tm load-buffer -b big "$T_TMP/paste"
tm paste-buffer -p -b big -t p
waits "a 9 KB paste lands whole in the prompt" p "ENDMARK"
tm send-keys -t p End
lacks "the prompt did not say it is full" "$PANE" "[at most 16 KB]"
tm send-keys -t p C-u
wait_for p "ENDMARK" 1
tm send-keys -t p Escape
waits "Esc after the paste leaves the prompt" p "letter"

# A newline inside a paste is text, not Enter.
printf 'asylum\nNEWLINEMARK' >"$T_TMP/nl"
tm send-keys -t p S
waits "S again" p "Search"
tm load-buffer -b nl "$T_TMP/nl"
tm paste-buffer -p -b nl -t p
waits "a pasted newline does not submit" p "asylum NEWLINEMARK"
tm send-keys -t p C-u a s y l u m Enter
waits "the prompt still searches after a paste" p "asylum"

# Past the cap: cut, with a sign.
tm send-keys -t p q
awk 'BEGIN { for (i = 0; i < 2500; i++) printf "refugees "; printf "TAILMARK" }' >"$T_TMP/huge"
tm send-keys -t p S
waits "S for a 22 KB paste" p "Search"
tm load-buffer -b huge "$T_TMP/huge"
tm paste-buffer -p -b huge -t p
waits "past 16 KB the prompt says it is full" p "[at most 16 KB]"
lacks "  and the text past the cap is left out" "$PANE" "TAILMARK"
tm send-keys -t p Escape
sleep 0.2
tm send-keys -t p Q
w_i=0
until [ -s "$T_TMP/status" ] || [ "$w_i" -ge 200 ]; do w_i=$((w_i + 1)); sleep 0.05; done
check "the reader quits with status 0" test "$(cat "$T_TMP/status" 2>/dev/null)" = 0

done_testing
