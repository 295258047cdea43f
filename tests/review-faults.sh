#!/bin/sh
# tests/review-faults.sh: the review store under concurrent writers and
# when it is corrupt, newer, not a file, unreadable or out of space: a
# one-line message, reading the index still works, the file untouched.
. "$srcdir/tests/lib.sh"

new_index "$T_TMP/index.db"
br() { "$BRIEF" --db "$T_TMP/index.db" --review "$T_TMP/review.db" "$@"; }
skip() { t_n=$((t_n + 1)); echo "ok $t_n # SKIP $*"; }

check "an index" "$BRIEF" --db "$T_TMP/index.db" show letter#rec-1

# --- eight writers at once -----------------------------------------------------
# Each writes N statuses and N notes; none may fail or be lost, and no
# 'database is locked' may reach the user.  The store does not exist yet:
# the writers race to create it too.
N=15
ANCHORS="rec-1 rec-2 rec-2.1 rec-2.2 rec-2.3 rec-3 rec-4 rec-4.1"
writer() {
	w=$1 a=$2 i=1
	while [ "$i" -le "$N" ]; do
		case $((i % 4)) in
		0) s=unread ;; 1) s=read ;; 2) s=flagged ;; *) s=done ;;
		esac
		br review "letter#$a" "$s" >/dev/null || echo "writer $w: review $i failed"
		br note "letter#$a" "writer $w note $i" >/dev/null ||
			echo "writer $w: note $i failed"
		i=$((i + 1))
	done
	# The last status this writer set on its block, to check below.
	br review "letter#$a" done >/dev/null || echo "writer $w: last review failed"
}
w=0
for a in $ANCHORS; do
	w=$((w + 1))
	writer "$w" "$a" >"$T_TMP/w$w.out" 2>"$T_TMP/w$w.err" &
done
wait
cat "$T_TMP"/w*.out "$T_TMP"/w*.err >"$T_TMP/writers"
check "8 writers: every command succeeded" test ! -s "$T_TMP/writers"
lacks "8 writers: no 'database is locked'" "$T_TMP/writers" "locked"
check "notes after the writers" br notes letter
cp "$T_TMP/out" "$T_TMP/notes"
check "8 writers: all $((8 * N)) notes present" \
	test "$(grep -c '^    writer [1-8] note [0-9]*$' "$T_TMP/notes")" = $((8 * N))
w=0
for a in $ANCHORS; do
	w=$((w + 1))
	check "writer $w: note $N present" grep -qx "    writer $w note $N" "$T_TMP/notes"
done
check "export after the writers" br export --format csv
cp "$T_TMP/out" "$T_TMP/csv"
for a in $ANCHORS; do
	contains "$a: last status done, $N notes" "$T_TMP/csv" "letter,$a,yes,"
done
# One row per note: each block a writer touched has its N notes as N rows.
check "every block the writers touched is done" \
	test "$(grep -c '^letter,rec-[^,]*,yes,[0-9]*,done,current,' "$T_TMP/csv")" = $((8 * N))
w=0
for a in $ANCHORS; do
	w=$((w + 1))
	check "$a: $N rows, one per note" \
	    test "$(grep -c "^letter,$a,.*,writer $w note [0-9]*," "$T_TMP/csv")" = "$N"
done

# --- a store that must be refused ---------------------------------------------
# refused NAME FILE: review commands fail with status 3 and a one-line
# message naming FILE, show still reads, and FILE is byte for byte the same.
refused() {
	name=$1 f=$2
	cp "$f" "$T_TMP/orig"
	expect_status "$name: review refused (exit 3)" 3 \
		"$BRIEF" --db "$T_TMP/index.db" --review "$f" review letter#rec-1 done
	contains "$name: the message names the file" "$T_TMP/err" "$f"
	check "$name: a one-line message" test "$(wc -l <"$T_TMP/err")" -eq 1
	expect_status "$name: note refused" 3 \
		"$BRIEF" --db "$T_TMP/index.db" --review "$f" note letter#rec-1 x
	expect_status "$name: export refused" 3 \
		"$BRIEF" --db "$T_TMP/index.db" --review "$f" export
	check "$name: show still works" \
		"$BRIEF" --db "$T_TMP/index.db" --review "$f" show letter#rec-1
	contains "$name: show printed the block" "$T_TMP/out" "Lead on effective"
	check "$name: the file is unchanged" cmp -s "$f" "$T_TMP/orig"
}

i=0
while [ $i -lt 300 ]; do echo "this is not a database, just text"; i=$((i + 1)); done \
	>"$T_TMP/corrupt.db"
refused "not SQLite" "$T_TMP/corrupt.db"

# A real store with a page of it overwritten.
check "a store to damage" "$BRIEF" --db "$T_TMP/index.db" \
	--review "$T_TMP/damaged.db" review letter#rec-1 done
dd if=/dev/urandom of="$T_TMP/damaged.db" bs=1 seek=16 count=84 conv=notrunc \
	2>/dev/null
refused "damaged header" "$T_TMP/damaged.db"

# A store from a newer brief: user_version (offset 60) set to 99.
check "a store to age" "$BRIEF" --db "$T_TMP/index.db" \
	--review "$T_TMP/newer.db" review letter#rec-1 done
printf '\000\000\000\143' | dd of="$T_TMP/newer.db" bs=1 seek=60 conv=notrunc \
	2>/dev/null
refused "newer" "$T_TMP/newer.db"
expect_status "newer: refused again" 3 "$BRIEF" --db "$T_TMP/index.db" \
	--review "$T_TMP/newer.db" notes
contains "newer: says so" "$T_TMP/err" "newer than this brief"

mkdir -p "$T_TMP/dir.db"
expect_status "a directory: refused" 3 "$BRIEF" --db "$T_TMP/index.db" \
	--review "$T_TMP/dir.db" review letter#rec-1 done
contains "a directory: message" "$T_TMP/err" "is a directory"

if [ "$(id -u)" = 0 ]; then
	skip "unreadable store (running as root)"
else
	check "a store to lock away" "$BRIEF" --db "$T_TMP/index.db" \
		--review "$T_TMP/locked.db" review letter#rec-1 done
	chmod 000 "$T_TMP/locked.db"
	expect_status "unreadable: refused" 3 "$BRIEF" --db "$T_TMP/index.db" \
		--review "$T_TMP/locked.db" review letter#rec-1 done
	contains "unreadable: message" "$T_TMP/err" "Permission denied"
	check "unreadable: show still works" "$BRIEF" --db "$T_TMP/index.db" \
		--review "$T_TMP/locked.db" show letter
	chmod 600 "$T_TMP/locked.db"
fi

# --- a full disk ---------------------------------------------------------------
# A file size limit makes writes fail as on a full disk.
check "a store to fill" br note letter#rec-3 'before the disk filled'
head -c 1048576 /dev/zero | tr '\0' 'y' >"$T_TMP/big"
(
	trap '' XFSZ
	ulimit -f 64 2>/dev/null || exit 99
	"$BRIEF" --db "$T_TMP/index.db" --review "$T_TMP/review.db" \
		note letter#rec-3 - <"$T_TMP/big" >"$T_TMP/full.out" 2>"$T_TMP/full.err"
	echo $? >"$T_TMP/status"
)
if [ -s "$T_TMP/status" ]; then
	check "full disk: the note is refused (exit 3)" test "$(cat "$T_TMP/status")" = 3
	contains "full disk: a message" "$T_TMP/full.err" "not saved"
	check "full disk: a one-line message" test "$(wc -l <"$T_TMP/full.err")" -eq 1
	check "full disk: the store still reads" br notes letter#rec-3
	contains "full disk: earlier notes kept" "$T_TMP/out" "before the disk filled"
	lacks "full disk: no partial note" "$T_TMP/out" "yyyy"
	check "full disk: writing works again after" br note letter#rec-3 'after'
else
	skip "full disk (no ulimit -f)"
fi

# --- usage errors --------------------------------------------------------------
expect_status "unknown anchor: exit 1" 1 br review letter#rec-42 done
contains "unknown anchor: message" "$T_TMP/err" "rec-42"
expect_status "unknown anchor for a note: exit 1" 1 br note letter#nope hi
expect_status "bad status word: exit 2" 2 br review letter#rec-1 complete
contains "bad status word: message" "$T_TMP/err" "not a status"

done_testing
