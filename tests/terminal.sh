#!/bin/sh
# terminal.sh: failing terminals (issue 8).  stdout a closed pipe; a
# non-UTF-8 locale; then, in real terminals (tmux panes running an
# interactive sh, as a user would): 1,000 SIGWINCH with random sizes from
# 1x1 to 300x100, SIGTSTP/SIGCONT (with a resize while stopped), SIGHUP
# with a confirmed review change, stdin closed or /dev/null, TERM unset,
# dumb or unknown, LC_ALL=C and LANG=POSIX.  After every exit path (Q, q,
# C-c, SIGTERM, SIGINT, SIGHUP) the pane's shell must read a line again
# with the terminal as it was: `stty -a` run in the pane shows echo,
# icanon, isig and icrnl on, tmux says the pane left the alternate screen
# and the cursor is visible.  Waits are bounded polls of capture-pane.  The
# tmux part is skipped when tmux is not installed.
. "$srcdir/tests/lib.sh"

export BRIEF_DB="$T_TMP/index.db" BRIEF_REVIEW="$T_TMP/review.db"
case $BRIEF in /*) ;; *) BRIEF=$(pwd)/$BRIEF ;; esac
TMP=$(cd "$T_TMP" && pwd)
"$BRIEF" list >/dev/null 2>&1	# the index, from the bundled letter

# --- stdout a closed pipe ---------------------------------------------
# A write error on a closed pipe is a quiet exit with status 3: no crash
# (SIGPIPE), no message storm, never status 0 after losing output.

# A document of 400 kB: its text cannot all fit in a pipe, so
# `brief show big | head -1` always meets the closed pipe.
awk 'BEGIN { print "---\ntitle: Long fixture (test-generated)\n---\n"
	for (i = 1; i <= 3000; i++)
		printf "Paragraph %d of a long fixture written by " \
		    "tests/terminal.sh to fill a pipe and more.\n\n", i }' \
    >"$T_TMP/big.md"
check "import a 400 kB document" "$BRIEF" import "$T_TMP/big.md"

# piped DESC FIRST STATUSES CMD...: `brief CMD | head -1` prints FIRST (a
# fixed string) on one line, nothing on stderr, exit status in STATUSES.
piped() {
	p_d=$1 p_first=$2 p_want=$3
	shift 3
	{ "$BRIEF" "$@" 2>"$T_TMP/err"; echo $? >"$T_TMP/st"; } |
	    head -1 >"$T_TMP/out"
	p_st=$(cat "$T_TMP/st") p_why=
	case " $p_want " in *" $p_st "*) ;; *) p_why="status $p_st" ;; esac
	[ "$(wc -l <"$T_TMP/out")" = 1 ] || p_why="$p_why; not one line"
	grep -qF -- "$p_first" "$T_TMP/out" || p_why="$p_why; not '$p_first'"
	[ -s "$T_TMP/err" ] && p_why="$p_why; stderr: $(head -c 200 "$T_TMP/err")"
	if [ -z "$p_why" ]; then ok "$p_d"; else not_ok "$p_d ($p_why)"; fi
}
piped "show big | head -1: one line, quiet status 3" \
    "Paragraph 1 of a long fixture" 3 show big
piped "show letter | head -1" "Reference: TIGO IOR 10/2023.4926" "0 3" \
    show letter
piped "search spyware | head -1" "letter#" "0 3" search spyware
piped "export | head -1" "# Review:" "0 3" export

# closed DESC CMD...: CMD's stdout is a pipe whose reading end was closed
# before it started (a FIFO opened read-write, then closed): status 3 and
# not a word on stderr.
mkfifo "$T_TMP/fifo"
closed() {
	c_d=$1
	shift
	(
		exec 4<>"$T_TMP/fifo"
		exec 5>"$T_TMP/fifo" 4<&-
		"$BRIEF" "$@" >&5 2>"$T_TMP/err"
		echo $? >"$T_TMP/st"
	)
	c_st=$(cat "$T_TMP/st")
	if [ "$c_st" = 3 ] && [ ! -s "$T_TMP/err" ]; then
		ok "$c_d"
	else
		not_ok "$c_d (status $c_st)"
		sed 's/^/# /' "$T_TMP/err" | head -5
	fi
}
closed "closed pipe: show" show letter
closed "closed pipe: search" search spyware
closed "closed pipe: search --json" search --json spyware
closed "closed pipe: export" export
closed "closed pipe: export --format csv" export --format csv
closed "closed pipe: list" list
closed "closed pipe: themes" themes
closed "closed pipe: footnotes" footnotes letter
closed "closed pipe: the reader (plain output)"
closed "closed pipe: --help" --help
# Any other write error says so, in one line.
if [ -w /dev/full ]; then
	"$BRIEF" list >/dev/full 2>"$T_TMP/err"
	st=$?
	if [ "$st" = 3 ] && [ "$(wc -l <"$T_TMP/err")" = 1 ] &&
	    grep -q "cannot write the output" "$T_TMP/err"; then
		ok "a full disk: status 3 and one line"
	else
		not_ok "a full disk: status 3 and one line (status $st)"
		sed 's/^/# /' "$T_TMP/err" | head -5
	fi
fi

# --- A non-UTF-8 locale: ASCII stand-ins in brief show -----------------

# ascii DESC FILE: FILE is printable ASCII (and tabs, newlines) only.
ascii() {
	if LC_ALL=C grep -n '[^[:print:][:space:]]' "$2" >"$T_TMP/nonascii"
	then
		not_ok "$1"
		head -3 "$T_TMP/nonascii" | sed 's/^/# /'
	else
		ok "$1"
	fi
}
env -u LC_ALL -u LC_CTYPE -u LANG LC_ALL=C "$BRIEF" show letter \
    >"$T_TMP/show-c" 2>&1
ascii "LC_ALL=C: brief show prints ASCII only" "$T_TMP/show-c"
contains "LC_ALL=C: brief show has ASCII stand-ins (Turkiye)" \
    "$T_TMP/show-c" "Sudan, Burundi, Turkiye and Iran"
env -u LC_ALL -u LC_CTYPE LANG=POSIX "$BRIEF" show letter \
    >"$T_TMP/show-posix" 2>&1
ascii "LANG=POSIX: brief show prints ASCII only" "$T_TMP/show-posix"
same "LANG=POSIX: the same text as LC_ALL=C" "$T_TMP/show-c" \
    "$T_TMP/show-posix"
env -u LC_ALL -u LC_CTYPE LANG=POSIX "$BRIEF" search spyware \
    >"$T_TMP/search-posix" 2>&1
ascii "LANG=POSIX: brief search prints ASCII only" "$T_TMP/search-posix"

# --- A reader that does not start, on a terminal ------------------------
# The terminal is set up beside the opening of the index and the store
# (tui/reader.c): when the index or the document does not open, the
# message must reach the terminal alone, its lines ended CR LF as the
# terminal's own modes end them, nothing of curses written, and the modes
# as they were.  (tests/ptyrun runs a shell on a pseudo-terminal and
# keeps every byte it was sent.)
PTY=$builddir/tests/ptyrun
start_fails() {	# start_fails NAME ARGS...: brief ARGS on a pty
	n=$1; shift
	printf 'stty -g >%s/%s.before; "$@"; echo "status $?"; stty -g >%s/%s.after\n' \
	    "$TMP" "$n" "$TMP" "$n" >"$T_TMP/$n.sh"
	TERM=xterm "$PTY" pty -q 300 -x q -o "$T_TMP/$n.raw" -- \
	    sh "$T_TMP/$n.sh" "$BRIEF" "$@" >/dev/null 2>&1
}
if "$PTY" pty -q 100 -x q -- true >/dev/null 2>&1; then
	start_fails nodoc no-such-document
	start_fails noindex --db "$TMP/missing.db" letter
	for n in nodoc noindex; do
		tr -d '\r' <"$T_TMP/$n.raw" >"$T_TMP/$n.text"
		case $n in
		nodoc) m="no-such-document" s=1 ;;
		noindex) m="$TMP/missing.db: no such index" s=3 ;;
		esac
		contains "$n: the message reaches the terminal" "$T_TMP/$n.text" "$m"
		contains "$n: and the status ($s)" "$T_TMP/$n.text" "status $s"
		lf=$(tr -cd '\n' <"$T_TMP/$n.raw" | wc -c)
		crlf=$(grep -c "$(printf '\r')\$" "$T_TMP/$n.raw")
		[ "$lf" -gt 0 ] && [ "$lf" = "$crlf" ] &&
		    ok "$n: every line ends CR LF (the terminal's modes)" ||
		    not_ok "$n: every line ends CR LF ($crlf of $lf)"
		lacks "$n: nothing of curses is written" "$T_TMP/$n.raw" \
		    "$(printf '\033')"
		same "$n: the terminal's modes are as they were" \
		    "$T_TMP/$n.before" "$T_TMP/$n.after"
	done
	# The user's keymap is read on that second thread too: its binding
	# works and its warning reaches the screen.
	mkdir -p "$TMP/cfg/brief"
	printf 'bind pager x no-such-action\nbind pager y page-down\n' \
	    >"$TMP/cfg/brief/keys"
	XDG_CONFIG_HOME=$TMP/cfg TERM=xterm "$PTY" pty -q 300 -k y -n 1 -x Q \
	    -o "$T_TMP/keys.raw" -- "$BRIEF" letter >"$T_TMP/keys.out" 2>&1
	contains "a keymap's warning reaches the screen" "$T_TMP/keys.raw" \
	    "no-such-action"
	awk '$1 == "bytes" && $2 > 1000 { ok = 1 } END { exit !ok }' \
	    "$T_TMP/keys.out" && ok "... and its binding works (y: a page)" ||
	    not_ok "... and its binding works (y: a page)"
else
	ok "# SKIP no pseudo-terminal here"
fi

# --- Real terminals -----------------------------------------------------

if ! command -v tmux >/dev/null 2>&1; then
	t_n=$((t_n + 1))
	echo "ok $t_n # SKIP tmux is not installed: no real-terminal tests"
	done_testing
	exit
fi

SOCK="brief-term-$$"
PANE="$T_TMP/pane"
tm() {
	tmux -L "$SOCK" -f /dev/null "$@"
}
SPID=
trap '[ -z "$SPID" ] || kill -CONT "$SPID"; tm kill-server >/dev/null 2>&1' EXIT

# shell NAME [REVIEW]: a new 80x24 session NAME running an interactive sh
# (job control on, as at a login) with a review store of its own.
shell() {
	tm new-session -d -s "$1" -x 80 -y 24 \
	    "env PS1='term\$ ' ENV=/dev/null \
	    BRIEF_REVIEW='${2:-$TMP/review-$1.db}' sh -i" \; \
	    set-option -t "$1" remain-on-exit on >/dev/null
	wait_for "$1" "term\$" || echo "# no shell prompt in $1"
}

# type_in NAME LINE: LINE typed at the shell in NAME, then <Enter>.
type_in() {
	tm send-keys -t "$1" -l "$2"
	tm send-keys -t "$1" Enter
}

capture() {
	tm capture-pane -p -t "$1" >"$PANE" 2>/dev/null
}

# wait_for NAME TEXT [-x]: poll the pane (up to 10 s) until it has a line
# containing TEXT (or, with -x, a line that is TEXT).
wait_for() {
	w_i=0
	while [ "$w_i" -lt 200 ]; do
		capture "$1"
		grep -qF ${3:-} -- "$2" "$PANE" && return 0
		w_i=$((w_i + 1))
		sleep 0.05
	done
	return 1
}

# waits DESC NAME TEXT: a test that TEXT shows up in NAME.
waits() {
	if wait_for "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		echo "# '$3' never showed; the pane:"
		sed 's/^/# /' "$PANE"
	fi
}

# reader_pid NAME: the process the shell in NAME runs (the reader).
reader_pid() {
	r_pp=$(tm display-message -p -t "$1" '#{pane_pid}')
	r_i=0
	while [ "$r_i" -lt 200 ]; do
		r_pid=$(ps -o pid= --ppid "$r_pp" | head -1 | tr -d ' ')
		[ -n "$r_pid" ] && { echo "$r_pid"; return 0; }
		r_i=$((r_i + 1))
		sleep 0.05
	done
	return 1
}

# back NAME: wait until the shell in NAME runs nothing (the reader has
# exited, or is stopped), so what is typed next goes to the shell.
back() {
	b_pp=$(tm display-message -p -t "$1" '#{pane_pid}')
	b_i=0
	while [ "$b_i" -lt 200 ]; do
		case $(ps -o stat= --ppid "$b_pp" | tr -d ' ' | head -1) in
		'' | T* | Z*) return 0 ;;
		esac
		b_i=$((b_i + 1))
		sleep 0.05
	done
	return 1
}

# restored DESC NAME STATUS: the reader has left NAME: its exit status
# was STATUS and the terminal is as the shell had it.  `stty -a` runs in
# the pane itself, and the shell must read that line at all: a terminal
# left raw never gives it a newline.
r_n=0
restored() {
	r_n=$((r_n + 1))
	rm -f "$T_TMP/stty"
	r_why=
	back "$2" || r_why="; the reader is still running"
	type_in "$2" "echo \"status=\$?\"; stty -a >'$TMP/stty'; echo 'done'-$r_n"
	wait_for "$2" "done-$r_n" -x || r_why="$r_why; the shell reads no line"
	r_st=$(sed -n 's/^\(term\$ \)*status=\([0-9]*\)$/\2/p' "$PANE" | tail -1)
	[ "$r_st" = "$3" ] || r_why="$r_why; exit status '$r_st', wanted $3"
	for r_f in echo icanon isig icrnl; do
		tr ' ' '\n' <"$T_TMP/stty" 2>/dev/null | grep -qx "$r_f" ||
		    r_why="$r_why; stty: $r_f is off"
	done
	case $(tm display-message -p -t "$2" '#{alternate_on}') in
	0) ;; *) r_why="$r_why; still in the alternate screen" ;;
	esac
	case $(tm display-message -p -t "$2" '#{cursor_flag}') in
	1) ;; *) r_why="$r_why; the cursor is hidden" ;;
	esac
	grep -qF " letter › " "$PANE" &&
	    r_why="$r_why; the reader's status line is still on screen"
	if [ -z "$r_why" ]; then
		ok "$1"
	else
		not_ok "$1 (${r_why#; })"
		sed 's/^/# /' "$PANE"
	fi
}

# gone PID: wait until process PID has exited.
gone() {
	g_i=0
	while kill -0 "$1" 2>/dev/null && [ "$g_i" -lt 200 ]; do
		g_i=$((g_i + 1))
		sleep 0.05
	done
	! kill -0 "$1" 2>/dev/null
}

# --- 1,000 SIGWINCH with random sizes ---------------------------------

shell winch
type_in winch "'$BRIEF'"
waits "the reader is up at 80x24" winch "Reference: TIGO IOR 10/2023.4926"
tm send-keys -t winch ] ]
waits "] ] goes to rec-2" winch " letter › rec-2 Put human rights"
# A new page is written on rows cleared by a screen update of their own
# (view-frame.c): the status line can show before the page's text, so
# the screen to compare with is taken once the text is there too.
wait_for winch "ongoing conflicts and escalating" >/dev/null
cp "$PANE" "$T_TMP/winch-before"
pid=$(reader_pid winch)
tty=$(tm display-message -p -t winch '#{pane_tty}')
# The pty's size set 1,000 times (1x1 and 300x100 first, then random):
# each change is a SIGWINCH from the kernel.  perl does the ioctl, as
# 1,000 stty processes take seconds; then tmux resizes the window 1,000
# times more (it may coalesce those), ending at 80x24.
t0=$(date +%s%N)
if command -v perl >/dev/null 2>&1 && perl -e '
	open(my $t, "+<", $ARGV[0]) or die "$ARGV[0]: $!\n";
	srand($ARGV[1]);
	my ($r0, $c0) = (0, 0);
	for my $i (1 .. 1000) {
		my ($r, $c) = $i == 1 ? (1, 1) : $i == 2 ? (100, 300) :
		    (1 + int(rand(100)), 1 + int(rand(300)));
		$r = $r % 100 + 1 if $r == $r0 && $c == $c0;
		my $ws = pack("S4", $r, $c, 0, 0);
		ioctl($t, 0x5414, $ws) or die "TIOCSWINSZ: $!\n";
		($r0, $c0) = ($r, $c);
	}
	my $ws = pack("S4", 24, 80, 0, 0);
	ioctl($t, 0x5414, $ws) or die "TIOCSWINSZ: $!\n";' "$tty" "$$"; then
	ok "1,000 pty resizes (random sizes, seed $$)"
else
	not_ok "1,000 pty resizes (perl and TIOCSWINSZ)"
fi
awk -v seed="$$" 'BEGIN { srand(seed)
	print "resize-window -t winch -x 1 -y 1"
	print "resize-window -t winch -x 300 -y 100"
	for (i = 0; i < 998; i++)
		printf "resize-window -t winch -x %d -y %d\n",
		    1 + int(rand() * 300), 1 + int(rand() * 100)
	print "resize-window -t winch -x 80 -y 24" }' >"$T_TMP/resizes"
tm source-file "$T_TMP/resizes"
t1=$(date +%s%N)
echo "# 1,000 pty resizes and 1,000 tmux resizes in $(((t1 - t0) / 1000000)) ms"
if kill -0 "$pid" 2>/dev/null; then
	ok "the reader is alive after the resizes"
else
	not_ok "the reader is alive after the resizes"
fi
w_i=0
until capture winch && cmp -s "$T_TMP/winch-before" "$PANE" ||
    [ "$w_i" -ge 200 ]; do
	w_i=$((w_i + 1))
	sleep 0.05
done
same "back at 80x24: the same screen as before" "$T_TMP/winch-before" "$PANE"
tm send-keys -t winch ]
waits "and keys work: ] goes to rec-3" winch " letter › rec-3"
tm send-keys -t winch Q
restored "Q: the terminal is restored, status 0" winch 0

# A resize that comes while the reader is busy drawing must not be lost
# (curses sees SIGWINCH only when it interrupts a read).  Made certain:
# tmux is stopped so that it reads nothing, the pty is made 400x600 so
# that repainting the 400 kB document blocks in write(), then it is made
# 80x24 again, then tmux goes on: the reader must end laid out at 80x24.
# wchar: what the reader has written so far (/proc/PID/io).
wchar() {
	sed -n 's/^wchar: //p' "/proc/$1/io" 2>/dev/null
}
shell busy
type_in busy "'$BRIEF' big"
waits "the 400 kB document in the reader" busy "Paragraph 1 of a long fixture"
cp "$PANE" "$T_TMP/busy-before"
pid=$(reader_pid busy)
tty=$(tm display-message -p -t busy '#{pane_tty}')
SPID=$(tm display-message -p '#{pid}')
w0=$(wchar "$pid")
if ! command -v perl >/dev/null 2>&1 || [ -z "$w0" ]; then
	t_n=$((t_n + 1))
	echo "ok $t_n # SKIP a resize while busy drawing (needs perl and /proc/PID/io)"
else
	setsize() {
		perl -e 'open(my $t, "+<", $ARGV[0]) or die "$ARGV[0]: $!\n";
		    my $ws = pack("S4", $ARGV[1], $ARGV[2], 0, 0);
		    ioctl($t, 0x5414, $ws) or die "TIOCSWINSZ: $!\n"' "$@"
	}
	kill -STOP "$SPID"
	setsize "$tty" 400 600
	# Blocked: it has written more than before, and writes no more.
	w_i=0 w1=$w0
	while [ "$w_i" -lt 200 ]; do
		sleep 0.05
		w2=$(wchar "$pid")
		[ "$w2" != "$w0" ] && [ "$w2" = "$w1" ] && break
		w1=$w2 w_i=$((w_i + 1))
	done
	echo "# wrote $((w2 - w0)) bytes of the 400x600 screen, then blocked"
	setsize "$tty" 24 80
	kill -CONT "$SPID"
	SPID=
	w_i=0
	until capture busy && cmp -s "$T_TMP/busy-before" "$PANE" ||
	    [ "$w_i" -ge 200 ]; do
		w_i=$((w_i + 1))
		sleep 0.05
	done
	same "resized while busy drawing: laid out at 80x24 in the end" \
	    "$T_TMP/busy-before" "$PANE"
fi
tm send-keys -t busy Q
restored "and Q leaves, the terminal is restored" busy 0

# --- SIGTSTP and SIGCONT, then SIGHUP ---------------------------------
# This session uses the review store that `brief export` reads.

shell tstp "$TMP/review.db"
type_in tstp "'$BRIEF' letter#rec-1"
waits "the reader is up at rec-1" tstp " letter › rec-1"
tm send-keys -t tstp X
waits "rec-1 done is confirmed" tstp "rec-1: done"
pid=$(reader_pid tstp)
capture tstp
cp "$PANE" "$T_TMP/tstp-before"
kill -TSTP "$pid"
waits "SIGTSTP stops the reader: the shell says so" tstp "Stopped"
restored "stopped: the terminal is the shell's again" tstp 148
type_in tstp fg
w_i=0
until capture tstp && cmp -s "$T_TMP/tstp-before" "$PANE" ||
    [ "$w_i" -ge 200 ]; do
	w_i=$((w_i + 1))
	sleep 0.05
done
same "fg (SIGCONT): the screen is drawn again" "$T_TMP/tstp-before" "$PANE"
tm send-keys -t tstp ]
waits "and keys work: ] goes to rec-2" tstp " letter › rec-2"
# Resized while stopped: the SIGWINCH went to the shell, yet the reader
# must come back laid out at the new size, with no key pressed (the status
# line on the top row, as wide as 60 columns: its right end at column 59).
laid_out_60() {
	sed -n 1p "$PANE" | grep -qF " letter › rec-2" &&
	    [ "$(sed -n 1p "$PANE" | sed 's/[^\x01-\x7f][\x80-\xbf]*/x/g' |
		awk '{ print length }')" = 59 ]
}
kill -TSTP "$pid"
wait_for tstp "Stopped" >/dev/null
tm resize-window -t tstp -x 60 -y 20
type_in tstp fg
w_i=0
until capture tstp && laid_out_60 ||
    [ "$w_i" -ge 200 ]; do
	w_i=$((w_i + 1))
	sleep 0.05
done
if laid_out_60; then
	ok "resized while stopped: fg lays out at 60x20 at once"
else
	not_ok "resized while stopped: fg lays out at 60x20 at once"
	sed 's/^/# /' "$PANE"
fi
tm resize-window -t tstp -x 80 -y 24
waits "and at 80x24 again" tstp " letter › rec-2 Put human rights at the"
kill -HUP "$pid"
if gone "$pid"; then ok "SIGHUP ends the reader"; else
	not_ok "SIGHUP ends the reader"; fi
restored "SIGHUP: the terminal is restored, status 129" tstp 129
"$BRIEF" export --format csv >"$T_TMP/export.csv" 2>"$T_TMP/err"
if [ "$(grep '^letter,rec-1,' "$T_TMP/export.csv" | cut -d, -f5)" = done ]
then
	ok "SIGHUP: rec-1 done, confirmed before, is in the store"
else
	not_ok "SIGHUP: rec-1 done, confirmed before, is in the store"
	grep '^letter,rec-1,' "$T_TMP/export.csv" | sed 's/^/# /'
fi

# --- OSC 8 hyperlinks ---------------------------------------------------

# The pane's raw output (pipe-pane -o) holds the links as OSC 8
# hyperlinks, with the whole target where the line shows a URL too wide
# for it shortened; --no-hyperlinks writes none.
esc=$(printf '\033')
long="https://www.amnesty.eu/news/eu-trilogues-the-ai-act-must-protect-peoples-rights/"
for how in links no-links; do
	shell "$how"
	tm pipe-pane -t "$how" -o "cat >'$T_TMP/$how.raw'"
	opt=; [ "$how" = no-links ] && opt=--no-hyperlinks
	type_in "$how" "'$BRIEF' $opt letter#fn-3"
	waits "$how: a URL wider than the line is shown shortened" "$how" \
	    "  https://www.amnesty.eu/news/eu-trilogues-the-ai-act-must-protect-peoples-r…"
	tm send-keys -t "$how" Q
	back "$how" || echo "# the reader did not end in $how"
	sleep 0.2
done
contains "links: the shortened URL links to its whole target (OSC 8)" \
    "$T_TMP/links.raw" "${esc}]8;;$long${esc}\\"
contains "links: and the hyperlink is closed" "$T_TMP/links.raw" \
    "${esc}]8;;${esc}\\"
lacks "--no-hyperlinks: no OSC 8" "$T_TMP/no-links.raw" "${esc}]8;"

# --- Every other exit path --------------------------------------------

# leave NAME HOW STATUS DESC: start the reader in a new session, end it
# by HOW (keys, or -SIGNAL sent to it), check the terminal.
leave() {
	shell "$1"
	type_in "$1" "'$BRIEF'"
	wait_for "$1" "Reference: TIGO IOR 10/2023.4926" ||
	    echo "# the reader did not start in $1"
	case $2 in
	-*) kill "$2" "$(reader_pid "$1")" ;;
	*) tm send-keys -t "$1" "$2" ;;
	esac
	restored "$4" "$1" "$3"
}
leave quit q 0 "q: the terminal is restored, status 0"
# C-c typed in the reader is a key (raw mode), as in less: it never quits
# and says what does; Q then leaves with status 0.  SIGINT sent from
# outside still ends the reader cleanly (status 130, below).
shell ctrlc
type_in ctrlc "'$BRIEF'"
wait_for ctrlc "Reference: TIGO IOR 10/2023.4926" ||
    echo "# the reader did not start in ctrlc"
tm send-keys -t ctrlc C-c
waits "C-c at the top level does not quit, says Q does" ctrlc "Interrupt: Q quits"
tm send-keys -t ctrlc Q
restored "C-c then Q: the terminal is restored, status 0" ctrlc 0
leave term -TERM 143 "SIGTERM: the terminal is restored, status 143"
leave int -INT 130 "SIGINT: the terminal is restored, status 130"

# --- stdin closed or not a terminal -----------------------------------

# The keys come from /dev/tty, as with less.
for how in "</dev/null" "0<&-"; do
	shell stdin
	type_in stdin "'$BRIEF' $how"
	waits "stdin $how: the reader reads the keys from /dev/tty" stdin \
	    "Reference: TIGO IOR 10/2023.4926"
	tm send-keys -t stdin q
	restored "stdin $how: q leaves, the terminal is restored" stdin 0
	tm kill-session -t stdin
done
# No terminal to read keys from at all: the text, as brief show prints it.
if command -v setsid >/dev/null 2>&1; then
	shell notty
	type_in notty "setsid -w '$BRIEF' </dev/null; echo \"status=\$?\""
	waits "no controlling terminal: the document is printed" notty \
	    "end unlawful targeted surveillance, 7 October 2021"
	if wait_for notty "status=0" -x; then
		ok "no controlling terminal: status 0, no hang"
	else
		not_ok "no controlling terminal: status 0, no hang"
		sed 's/^/# /' "$PANE"
	fi
fi

# --- TERM unset, dumb, unknown ----------------------------------------

for t in "-u TERM" "TERM=" "TERM=dumb" "TERM=unknown-terminal-xyz"; do
	shell dumb
	type_in dumb "env $t '$BRIEF' 2>'$TMP/err'"
	waits "env $t: the document is printed as text" dumb \
	    "end unlawful targeted surveillance, 7 October 2021"
	restored "env $t: status 0, the terminal untouched" dumb 0
	if [ -s "$T_TMP/err" ]; then
		not_ok "env $t: nothing on stderr"
		sed 's/^/# /' "$T_TMP/err" | head -5
	else
		ok "env $t: nothing on stderr"
	fi
	tm kill-session -t dumb
done

# --- A non-UTF-8 locale in the reader ---------------------------------

n=0
for l in "LC_ALL=C" "-u LC_ALL -u LC_CTYPE LANG=POSIX"; do
	n=$((n + 1))
	shell locale "$TMP/review-locale-$n.db"
	type_in locale "env $l '$BRIEF'"
	waits "env $l: the reader is up" locale "Reference: TIGO IOR"
	tm send-keys -t locale ] ] t
	waits "env $l: the status line has ASCII stand-ins" locale \
	    " themes > "
	tm send-keys -t locale q
	waits "env $l: back in the letter, ASCII breadcrumb" locale \
	    " letter > rec-2 Put human rights"
	ascii "env $l: the screen is ASCII" "$PANE"
	lacks "env $l: no bytes shown as M- escapes" "$PANE" "M-"
	tm send-keys -t locale Q
	restored "env $l: Q leaves, the terminal is restored" locale 0
	tm kill-session -t locale
done

done_testing
