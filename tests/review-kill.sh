#!/bin/sh
# review-kill.sh: nothing confirmed is lost when the reader dies.  The
# reader runs in a real terminal (tmux) through a scripted review: each
# status and note is typed with send-keys and waited for on screen (the
# store commits before the screen says so), then the reader gets SIGKILL;
# every change must be in `brief export` and the file must pass
# integrity_check.  Then a note is half typed and the reader gets SIGHUP:
# the next start offers the draft back and a finishes it.  Waits are
# bounded polls of capture-pane, never fixed sleeps.
. "$srcdir/tests/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # skip tmux is missing"
	exit 0
fi
DB="$T_TMP/index.db"
RV="$T_TMP/review.db"
SOCK="brief-kill-$$"
PID=

tm() { tmux -L "$SOCK" "$@"; }
cleanup() { tm kill-server >/dev/null 2>&1; }
trap cleanup EXIT

# start ARGS: the reader in a new 80x24 session; PID is its process.
start() {
	PID=$(tm -f /dev/null new-session -d -P -F '#{pane_pid}' -x 80 -y 24 \
	    "exec '$BRIEF' --db '$DB' --review '$RV' $*")
}

# wait_for DESC TEXT: poll the screen until TEXT shows (at most ~10 s).
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		if tm capture-pane -p 2>/dev/null | grep -qF -- "$2"; then
			ok "$1"
			return 0
		fi
		i=$((i + 1))
		sleep 0.05
	done
	not_ok "$1 ('$2' never showed)"
	tm capture-pane -p 2>/dev/null | sed 's/^/# /'
	return 1
}

# gone: wait until the reader's process has exited.
gone() {
	i=0
	while kill -0 "$PID" 2>/dev/null && [ $i -lt 200 ]; do
		i=$((i + 1))
		sleep 0.05
	done
	! kill -0 "$PID" 2>/dev/null
}

status_of() {
	grep "^letter,$1," "$T_TMP/export.csv" | cut -d, -f5
}

intact() {
	r=$(sqlite3 "$RV" 'PRAGMA integrity_check' 2>&1)
	if [ "$r" = ok ]; then ok "$1"; else not_ok "$1 ($r)"; fi
}

check "import the letter" "$BRIEF" import --db "$DB" \
    "$srcdir/data/briefings/letter.txt"

# --- SIGKILL in the middle of a review --------------------------------

start letter#rec-1
wait_for "the reader is up" "letter › rec-1"
tm send-keys X
wait_for "rec-1 done is confirmed" "rec-1: done"
tm send-keys ] , f
wait_for "rec-2 flagged is confirmed" "rec-2: flagged"
tm send-keys a
tm send-keys -l "Confirmed before the kill"
tm send-keys Enter
wait_for "the note is confirmed" "Note saved on rec-2"
tm send-keys ] , r
wait_for "rec-3 read is confirmed" "rec-3: read"
kill -KILL "$PID"
gone && ok "SIGKILL ends the reader" || not_ok "SIGKILL ends the reader"

"$BRIEF" export --db "$DB" --review "$RV" --format csv >"$T_TMP/export.csv" \
    2>"$T_TMP/err"
test "$(status_of rec-1)" = done && ok "rec-1 done survived" ||
    not_ok "rec-1 done survived ($(status_of rec-1))"
test "$(status_of rec-2)" = flagged && ok "rec-2 flagged survived" ||
    not_ok "rec-2 flagged survived ($(status_of rec-2))"
test "$(status_of rec-3)" = read && ok "rec-3 read survived" ||
    not_ok "rec-3 read survived ($(status_of rec-3))"
contains "the note survived" "$T_TMP/export.csv" "Confirmed before the kill"
intact "the store is intact after SIGKILL"

# --- SIGHUP while a note is typed -------------------------------------

start letter#rec-4
wait_for "the reader is up again" "letter › rec-4"
tm send-keys a
tm send-keys -l "Typed when the line dropped"
wait_for "the half-typed note is on screen" \
    "Note for rec-4: Typed when the line dropped"
kill -HUP "$PID"
gone && ok "SIGHUP ends the reader" || not_ok "SIGHUP ends the reader"
intact "the store is intact after SIGHUP"

start letter#rec-4
wait_for "the next start offers the draft back" \
    "Unsaved note for rec-4 restored"
tm send-keys a
wait_for "a pre-fills the prompt with it" \
    "Note for rec-4: Typed when the line dropped"
tm send-keys -l " (finished)"
tm send-keys Enter
wait_for "the finished note is saved" "Note saved on rec-4"
tm send-keys Q
gone && ok "Q leaves" || not_ok "Q leaves"
"$BRIEF" notes --db "$DB" --review "$RV" >"$T_TMP/notes.out" 2>&1
contains "the note made from the draft is stored" "$T_TMP/notes.out" \
    "Typed when the line dropped (finished)"
n=$(sqlite3 "$RV" 'SELECT count(*) FROM drafts' 2>&1)
test "$n" = 0 && ok "no draft is left" || not_ok "no draft is left ($n)"
intact "the store is intact at the end"

done_testing
