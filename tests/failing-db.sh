#!/bin/sh
# failing-db.sh: broken, foreign, newer, read-only, locked and vanishing
# index files.  For each, `brief list`, `show`, `import` and `check` give
# a one-line message naming the file and exit status 3 (or work, read
# only), never crash (status >= 128), never write into the broken file
# (its checksum is the same after), and `brief check` says what is wrong.
. "$srcdir/tests/lib.sh"

export BRIEF_DB="$T_TMP/index.db" BRIEF_REVIEW="$T_TMP/review.db"
F=$FIXTURES
GOOD="$T_TMP/good.db"
IMMUTABLE=""
cleanup() {
	[ -z "$IMMUTABLE" ] || chattr -i $IMMUTABLE 2>/dev/null
	[ -z "${LOCK_PID-}" ] || kill "$LOCK_PID" 2>/dev/null
}
trap cleanup EXIT

# A good index, its write-ahead log folded in so the one file is whole.
"$BRIEF" import --db "$GOOD" "$F/annex.md" >/dev/null 2>&1
sqlite3 "$GOOD" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null 2>&1
check "a good index to break" "$BRIEF" list --db "$GOOD"
SIZE=$(wc -c <"$GOOD")

# page_of DB TABLE: the root page of TABLE.
page_of() { sqlite3 "$1" "SELECT rootpage FROM sqlite_master WHERE name = '$2'"; }
# poke FILE OFFSET OCTAL: write one byte in place.
poke() { printf "\\$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null; }

# one_line DESC FILE NAME: FILE is exactly one line and names NAME.
one_line() {
	if [ "$(wc -l <"$2")" = 1 ] && grep -qF -- "$3" "$2"; then
		ok "$1"
	else
		not_ok "$1"; sed 's/^/# /' "$2" | head -5
	fi
}

# broken NAME DB [ok-cmds]: run every command on DB.  A command listed in
# ok-cmds may also succeed (the damage is out of its way); the others must
# fail with status 3 and a one-line message naming DB.  None may crash or
# change DB.  brief check must fail (3) and report something.
broken() {
	b_name=$1 b_db=$2 b_ok=${3-}
	b_sum=$(cksum <"$b_db")
	for cmd in list show import check; do
		case $cmd in
		show)	set -- show --db "$b_db" annex ;;
		import)	set -- import --db "$b_db" "$F/bracketed.txt" ;;
		*)	set -- "$cmd" --db "$b_db" ;;
		esac
		"$BRIEF" "$@" >"$T_TMP/out" 2>"$T_TMP/err" </dev/null
		rc=$?
		if [ "$rc" -ge 128 ]; then
			not_ok "$b_name: $cmd crashed (status $rc)"
			sed 's/^/# /' "$T_TMP/err" | head -5
		elif [ "$cmd" = check ]; then
			if [ "$rc" = 3 ] && cat "$T_TMP/out" "$T_TMP/err" |
			    grep -qF "$b_db"; then
				ok "$b_name: check reports it (status 3)"
			else
				not_ok "$b_name: check says (status $rc)"
				cat "$T_TMP/out" "$T_TMP/err" | sed 's/^/# /' | head -5
			fi
		elif [ "$rc" = 0 ] && echo " $b_ok " | grep -q " $cmd "; then
			ok "$b_name: $cmd works past the damage"
		elif [ "$rc" = 3 ]; then
			one_line "$b_name: $cmd fails with a one-line message naming the file" \
			    "$T_TMP/err" "$b_db"
		else
			not_ok "$b_name: $cmd: status $rc, wanted 3"
			sed 's/^/# /' "$T_TMP/err" | head -5
		fi
	done
	if [ "$(cksum <"$b_db")" = "$b_sum" ]; then
		ok "$b_name: the file was not written"
	else
		not_ok "$b_name: the file was written"
	fi
}

# --- Damaged files ----------------------------------------------------------

cp "$GOOD" "$T_TMP/half.db"
truncate -s $((SIZE / 2)) "$T_TMP/half.db"
broken "truncated to half" "$T_TMP/half.db"

cp "$GOOD" "$T_TMP/h100.db"
truncate -s 100 "$T_TMP/h100.db"
broken "truncated to 100 bytes" "$T_TMP/h100.db"

head -c "$SIZE" /dev/zero >"$T_TMP/zero.db"
broken "zero-filled" "$T_TMP/zero.db"

echo "This is a shopping list, not an index." >"$T_TMP/text.db"
broken "not SQLite at all" "$T_TMP/text.db"
contains "not SQLite: says it is not a database" "$T_TMP/err" "not a"

# A flipped page-type byte in the blocks table's root: the documents table
# still reads (list may work), loading a document cannot.
cp "$GOOD" "$T_TMP/flip.db"
PAGE=$(page_of "$GOOD" blocks)
PSIZE=$(sqlite3 "$GOOD" 'PRAGMA page_size')
poke "$T_TMP/flip.db" $(((PAGE - 1) * PSIZE)) 377
broken "a flipped byte in the blocks page" "$T_TMP/flip.db" "list"
"$BRIEF" check --db "$T_TMP/flip.db" >"$T_TMP/out" 2>&1
contains "flipped byte: check names the page" "$T_TMP/out" "Page $PAGE"

# The documents table's page: nothing can even be resolved, and "no such
# document" would be a silently wrong answer.
cp "$GOOD" "$T_TMP/flip2.db"
PAGE=$(page_of "$GOOD" documents)
poke "$T_TMP/flip2.db" $(((PAGE - 1) * PSIZE)) 377
broken "a flipped byte in the documents page" "$T_TMP/flip2.db"

# One letter of a block's text changed: SQLite cannot see it, the
# full-text index no longer matches the text, and check must say so.
cp "$GOOD" "$T_TMP/text-flip.db"
OFF=$(grep -obaF 'written for brief' "$T_TMP/text-flip.db" | head -1 | cut -d: -f1)
poke "$T_TMP/text-flip.db" $((OFF + 1)) 132	# 'w' -> 'Z'
expect_status "one changed letter: check fails" 3 \
    "$BRIEF" check --db "$T_TMP/text-flip.db"
contains "one changed letter: check blames the full-text index" "$T_TMP/out" \
    "full-text"

# --- A newer file -------------------------------------------------------------

cp "$GOOD" "$T_TMP/newer.db"
sqlite3 "$T_TMP/newer.db" 'PRAGMA user_version = 9999'
broken "from a newer brief" "$T_TMP/newer.db"
contains "newer: says to upgrade" "$T_TMP/err" "newer"

# --- Read-only ----------------------------------------------------------------

cp "$GOOD" "$T_TMP/ro.db"
RO=""
if [ "$(id -u)" != 0 ]; then
	chmod 0444 "$T_TMP/ro.db" && RO=chmod
elif command -v chattr >/dev/null 2>&1 && chattr +i "$T_TMP/ro.db" 2>/dev/null; then
	IMMUTABLE="$T_TMP/ro.db"; RO=chattr
fi
if [ -n "$RO" ]; then
	sum=$(cksum <"$T_TMP/ro.db")
	check "read-only ($RO): list works" "$BRIEF" list --db "$T_TMP/ro.db"
	contains "read-only: list shows the document" "$T_TMP/out" "annex"
	check "read-only: show works" "$BRIEF" show --db "$T_TMP/ro.db" annex
	expect_status "read-only: import fails with 3" 3 \
	    "$BRIEF" import --db "$T_TMP/ro.db" "$F/bracketed.txt"
	one_line "read-only: import says why, naming the file" "$T_TMP/err" "read-only"
	contains "read-only: ... naming the file" "$T_TMP/err" "$T_TMP/ro.db"
	"$BRIEF" check --db "$T_TMP/ro.db" >"$T_TMP/out" 2>&1
	rc=$?
	if [ "$rc" = 0 ] || [ "$rc" = 3 ]; then ok "read-only: check runs (status $rc)"
	else not_ok "read-only: check: status $rc"; fi
	if [ "$(cksum <"$T_TMP/ro.db")" = "$sum" ]; then
		ok "read-only: the file was not written"
	else
		not_ok "read-only: the file was written"
	fi
	[ -z "$IMMUTABLE" ] || { chattr -i "$IMMUTABLE"; IMMUTABLE=""; }
else
	ok "read-only # SKIP root without chattr +i (no way to make a file read-only to root)"
fi

# --- Locked by another process -----------------------------------------------
# Another sqlite3 holds an exclusive write transaction for longer than the
# busy timeout (5 s): import must give up with a message, not hang.

cp "$GOOD" "$T_TMP/locked.db"
mkfifo "$T_TMP/lock.fifo"
sqlite3 "$T_TMP/locked.db" <"$T_TMP/lock.fifo" >"$T_TMP/lock.out" 2>&1 &
LOCK_PID=$!
exec 7>"$T_TMP/lock.fifo"
printf "BEGIN EXCLUSIVE;\nINSERT INTO meta VALUES('lock', 'held');\nSELECT 'held';\n" >&7
# Wait (without sleeping blind) until the lock is really held.
i=0
while ! grep -q held "$T_TMP/lock.out" 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
contains "the other process holds the lock" "$T_TMP/lock.out" "held"
start=$(date +%s)
timeout 30 "$BRIEF" import --db "$T_TMP/locked.db" "$F/bracketed.txt" \
    >"$T_TMP/out" 2>"$T_TMP/err"
rc=$?
took=$(($(date +%s) - start))
if [ "$rc" = 3 ]; then ok "locked: import fails with 3"
else not_ok "locked: import status $rc, wanted 3"; fi
if [ "$took" -le 8 ]; then ok "locked: import gives up in ${took} s"
else not_ok "locked: import took ${took} s"; fi
one_line "locked: a one-line message naming the file" "$T_TMP/err" "$T_TMP/locked.db"
contains "locked: says it is locked" "$T_TMP/err" "locked"
check "locked: list still reads" "$BRIEF" list --db "$T_TMP/locked.db"
exec 7>&-
wait "$LOCK_PID" 2>/dev/null
LOCK_PID=""
check "after the lock: import works" \
    "$BRIEF" import --db "$T_TMP/locked.db" "$F/bracketed.txt"

# --- Deleted while open -----------------------------------------------------
# import reads a fifo after storing its first file; the index is deleted
# then.  Writing on into the unlinked file would report success and lose
# everything: the next documents must be refused with a message.

cp "$GOOD" "$T_TMP/gone.db"
mkfifo "$T_TMP/doc.fifo"
"$BRIEF" import --db "$T_TMP/gone.db" "$F/bracketed.txt" "$T_TMP/doc.fifo" \
    "$F/pdf-paste.txt" >"$T_TMP/gone.out" 2>"$T_TMP/gone.err" &
pid=$!
exec 8>"$T_TMP/doc.fifo"	# returns once brief opened it: the index is open
rm -f "$T_TMP/gone.db" "$T_TMP/gone.db-wal" "$T_TMP/gone.db-shm"
cat "$F/fn-missing.txt" >&8
exec 8>&-
wait "$pid"
rc=$?
if [ "$rc" = 3 ]; then ok "deleted while open: import fails with 3"
else not_ok "deleted while open: import status $rc, wanted 3"; fi
contains "deleted while open: says so, naming the file" "$T_TMP/gone.err" \
    "$T_TMP/gone.db: the index was deleted"

# --- A full filesystem ------------------------------------------------------

FULL="$T_TMP/full"
mkdir -p "$FULL"
if mount -t tmpfs -o size=512k tmpfs "$FULL" 2>/dev/null; then
	cp "$GOOD" "$FULL/index.db" 2>/dev/null
	# Fill what is left, then import a document bigger than any free page.
	dd if=/dev/zero of="$FULL/filler" bs=4k 2>/dev/null
	awk 'BEGIN { for (i = 0; i < 3000; i++) printf "Paragraph %d of a long fixture, written for the full-disk test.\n\n", i }' \
	    >"$T_TMP/big.txt"
	sum=$(cksum <"$FULL/index.db")
	"$BRIEF" import --db "$FULL/index.db" "$T_TMP/big.txt" >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	if [ "$rc" = 3 ]; then ok "full disk: import fails with 3"
	else not_ok "full disk: import status $rc, wanted 3"; fi
	contains "full disk: says the disk is full" "$T_TMP/err" "full"
	# Reading a WAL index needs room for its -shm file: list may work or
	# say it cannot read, but must not call the file broken.
	"$BRIEF" list --db "$FULL/index.db" >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	if [ "$rc" = 0 ]; then
		ok "full disk: list still works"
	elif [ "$rc" = 3 ]; then
		one_line "full disk: list says it cannot read, naming the file" \
		    "$T_TMP/err" "$FULL/index.db: cannot read"
	else
		not_ok "full disk: list status $rc"
	fi
	rm -f "$FULL/filler"
	check "full disk: list works once there is room" \
	    "$BRIEF" list --db "$FULL/index.db"
	lacks "full disk: the document is not half there" "$T_TMP/out" "big"
	check "full disk: check passes after" "$BRIEF" check --db "$FULL/index.db"
	umount "$FULL"
else
	ok "full disk # SKIP cannot mount a small tmpfs (needs privileges)"
fi

done_testing
