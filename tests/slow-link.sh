#!/bin/sh
# slow-link.sh: what the reader sends down the line (issue 13, slow
# links).  The reader runs on a pseudo-terminal (80x24, xterm-256color)
# driven by tests/ptyrun (bench/benchtool.c's pty mode), which counts the
# bytes each key's answer sent.  Not a timing test: the bounds are bytes,
# set from what the reader sends (bench/README, "Bytes down a slow
# link"), with some room, and fail on a regression: the status line
# redrawn on every line (143 bytes a line where less sends 76), text
# that stops short of the last row and so scrolls in a scroll region
# (ESC[1;22r ESC[22;1H LF ESC[1;24r, 110 bytes a line), the current
# block's bar on every line of it (98 a line), or a page written over the
# old one row by row (each shorter row cleared to its end).
#   - j: the bytes of 20 one-line scrolls are at most the text those
#     lines brought plus 30 bytes a line (sent: 28.6; the scroll itself, a
#     delete line at the text's top and the cursor to the new last row,
#     15; the current block's name and its one bar when it changes);
#   - <Space>: a page is at most its text plus 13 bytes a row (sent:
#     12.4; the rows cleared once, the cursor to each row, attributes,
#     the status line);
#   - C-l paints everything again, OSC 8 hyperlinks included (they were
#     lost on every line kept after it).
. "$srcdir/tests/lib.sh"

PTY=$builddir/tests/ptyrun
DB=$T_TMP/index.db
"$BRIEF" import --db "$DB" "$srcdir/data/briefings/letter.txt" >/dev/null 2>&1
Q=$(slow 200)

# pty NAME KEYS COUNT: brief on the letter typed KEYS (COUNT keys), what
# it drew in $T_TMP/NAME.raw and ptyrun's report in NAME.out.
pty() {
	rm -f "$T_TMP/review.db"
	"$PTY" pty -q "$Q" -k "$2" -n "$3" -x Q -o "$T_TMP/$1.raw" -- \
	    "$BRIEF" --db "$DB" --review "$T_TMP/review.db" --no-hint letter \
	    >"$T_TMP/$1.out" 2>"$T_TMP/$1.err"
}

# The text a script run shows on rows FROM..TO of the screen after KEYS
# (the margin of the decorations and the bar cut off, trailing blanks
# too): the bytes those rows carry at least.
shown_text() {
	printf '%s\n:save-display %s\n' "$1" "$T_TMP/shown" >"$T_TMP/script"
	rm -f "$T_TMP/review.db"	# it keeps the place: start at the top
	LINES=24 COLUMNS=80 BRIEF_SCRIPT="$T_TMP/script" "$BRIEF" --db "$DB" \
	    --review "$T_TMP/review.db" --no-hint letter >/dev/null 2>&1
	sed -n "$2,$3p" "$T_TMP/shown" | cut -c4- | sed 's/ *$//' |
	    tr -d '\n' | wc -c
}

if ! "$PTY" pty -q 100 -x Q -- true >/dev/null 2>&1; then
	ok "# SKIP no pseudo-terminal here"
	done_testing
	exit
fi

# bound NAME KEYS N TEXT PER: the N answers to KEYS sent at most
# TEXT + N * PER bytes.
bound() {
	b_sum=$(awk '$1 == "bytes" { s = 0; for (i = 2; i <= NF; i++) s += $i; print s }' \
	    "$T_TMP/$1.out")
	b_max=$(awk -v t="$4" -v n="$3" -v p="$5" 'BEGIN { printf "%d", t + n * p }')
	if [ -n "$b_sum" ] && [ "$b_sum" -gt 0 ] && [ "$b_sum" -le "$b_max" ]; then
		ok "$1: $3 x '$2' sent $b_sum bytes (at most $b_max for $4 of text)"
	else
		not_ok "$1: $3 x '$2' sent ${b_sum:-nothing}, more than $b_max for $4 bytes of text"
		diag "$T_TMP/$1.out" "$T_TMP/$1.err" | head -10
	fi
}

# 20 j from the top: the 20 lines they brought are rows 5-24 at the end
# (the status line is the top row, the text goes down to the last).
pty lines j 20
t=$(shown_text "j j j j j j j j j j j j j j j j j j j j" 5 24)
bound lines j 20 "$t" 30

# Five pages: their text, each page's rows 2-24.
t=0
for p in 1 2 3 4 5; do
	keys=$(awk -v n="$p" 'BEGIN { for (i = 0; i < n; i++) printf "<Space> " }')
	t=$((t + $(shown_text "$keys" 2 24)))
done
pty pages " " 5
bound pages "<Space>" 5 "$t" $((23 * 13))

# C-l at the end of the letter (where its links are): the hyperlinks are
# written again with the rest of the screen.
pty links G 1
n1=$(grep -ao "$(printf '\033')]8;;http" "$T_TMP/links.raw" | wc -l)
pty links-redraw "G$(printf '\014')" 2
n2=$(grep -ao "$(printf '\033')]8;;http" "$T_TMP/links-redraw.raw" | wc -l)
if [ "$n1" -gt 0 ] && [ "$n2" -ge $((2 * n1)) ]; then
	ok "C-l writes the $n1 hyperlinks on screen again ($n2 in all)"
else
	not_ok "C-l writes the hyperlinks again ($n1 after G, $n2 after G C-l)"
fi

done_testing
