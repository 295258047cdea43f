#!/bin/sh
# tests/paths.sh: where brief may create files, and files it must not
# take.  A mistyped --db or --review creates nothing; only the default
# locations (and import) create an index; a FIFO or device is refused at
# once; a failed open leaves no folders behind; an index others may only
# read, or on a full disk, still reads.
. "$srcdir/tests/lib.sh"

LETTER="$srcdir/data/briefings/letter.txt"
DB="$T_TMP/index.db"
new_index "$DB"

# --- mistyped paths ----------------------------------------------------------
for cmd in list "search asylum" "show letter" "notes" "export" "check"; do
	# shellcheck disable=SC2086
	"$BRIEF" --db "$T_TMP/typo/index.db" $cmd >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	if [ "$rc" = 3 ]; then ok "--db typo, $cmd: exit 3"
	else not_ok "--db typo, $cmd: status $rc, wanted 3"; fi
	contains "--db typo, $cmd: names the file" "$T_TMP/err" "$T_TMP/typo/index.db: no such index"
	check "--db typo, $cmd: no folder made" test ! -e "$T_TMP/typo"
done
expect_status "--db missing file in an existing folder: exit 3" 3 \
    "$BRIEF" --db "$T_TMP/missing.db" list
check "--db missing file: not created" test ! -e "$T_TMP/missing.db"
expect_status "--review in a missing folder: exit 3" 3 \
    "$BRIEF" --db "$DB" --review "$T_TMP/nonexistent/dir/r.db" note letter#rec-1 "x"
contains "--review in a missing folder: says so" "$T_TMP/err" "$T_TMP/nonexistent/dir/r.db: no such folder"
check "--review in a missing folder: no folder made" test ! -e "$T_TMP/nonexistent"
check "import --db NEW creates it" "$BRIEF" import --db "$T_TMP/new/index.db" "$LETTER"
contains "import --db NEW says so" "$T_TMP/err" "created a new index $T_TMP/new/index.db"
check "and it lists" "$BRIEF" --db "$T_TMP/new/index.db" list
lacks "a second import does not say it again" "$T_TMP/err" "created"
check "BRIEF_DB is a default location: created" env BRIEF_DB="$T_TMP/env/index.db" "$BRIEF" list
check "  there" test -s "$T_TMP/env/index.db"
ABS=$(cd "$T_TMP" && pwd)
check "XDG_DATA_HOME default: created" env XDG_DATA_HOME="$ABS/xdg" "$BRIEF" list
check "  there" test -s "$ABS/xdg/brief/index.db"

# --- not regular files ---------------------------------------------------------
mkfifo "$T_TMP/fifo"
expect_status "--db a FIFO: refused at once (exit 3)" 3 timeout 20 "$BRIEF" --db "$T_TMP/fifo" list
contains "--db a FIFO: says what it is" "$T_TMP/err" "$T_TMP/fifo: is a named pipe"
expect_status "--review a FIFO: refused at once (exit 3)" 3 timeout 20 \
    "$BRIEF" --db "$DB" --review "$T_TMP/fifo" note letter#rec-1 "x"
contains "--review a FIFO: says what it is" "$T_TMP/err" "$T_TMP/fifo: is a named pipe"
expect_status "--db /dev/null: refused (exit 3)" 3 timeout 20 "$BRIEF" --db /dev/null list
contains "--db /dev/null: a device" "$T_TMP/err" "/dev/null: is a device"

# --- a failed open takes back the folders it made -----------------------------
# With the file size limit at 0 (and SIGXFSZ ignored) nothing can be
# written: creating the default index fails after making its folders.
(trap '' XFSZ; ulimit -f 0; BRIEF_DB="$T_TMP/made/sub/index.db" "$BRIEF" list) \
    >"$T_TMP/out" 2>"$T_TMP/err"
rc=$?
if [ "$rc" = 3 ]; then ok "an index that cannot be written: exit 3"
else not_ok "an index that cannot be written: status $rc, wanted 3"; sed 's/^/# /' "$T_TMP/err"; fi
check "the folders it made are gone" test ! -e "$T_TMP/made"
(trap '' XFSZ; ulimit -f 0; XDG_DATA_HOME="$T_TMP/made2" "$BRIEF" --db "$DB" note \
    letter#rec-1 "x") >"$T_TMP/out" 2>"$T_TMP/err"
check "a review store that cannot be written: its folders are gone" test ! -e "$T_TMP/made2/brief"

# --- a shared index others may only read ----------------------------------------
# Root's index, mode 0644 in a 0755 folder, read by another user: no
# WAL side files can be made, and it must still read.
as_nobody() {
	if command -v setpriv >/dev/null 2>&1 &&
	    setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
	else
		runuser -u nobody -- "$@"
	fi
}
SH="$T_TMP/shared"
mkdir -p "$SH"
cp "$DB" "$SH/index.db"
chmod 644 "$SH/index.db"
chmod 755 "$SH"
if [ "$(id -u)" = 0 ] && as_nobody test -r "$SH/index.db" 2>/dev/null; then
	for cmd in list "search asylum" "show letter#rec-1"; do
		# shellcheck disable=SC2086
		as_nobody env HOME=/nonexistent XDG_DATA_HOME=/nonexistent \
		    "$BRIEF" --db "$SH/index.db" $cmd >"$T_TMP/out" 2>"$T_TMP/err"
		rc=$?
		if [ "$rc" = 0 ]; then ok "read-only shared index: $cmd works"
		else not_ok "read-only shared index: $cmd status $rc"; sed 's/^/# /' "$T_TMP/err"; fi
		lacks "read-only shared index: $cmd, no talk of a full disk" "$T_TMP/err" "disk"
	done
	check "read-only shared index: made no side files" test ! -e "$SH/index.db-shm"
	as_nobody "$BRIEF" --db "$SH/index.db" import "$LETTER" >"$T_TMP/out" 2>"$T_TMP/err"
	lacks "read-only shared index: import's message is not about a full disk" "$T_TMP/err" "disk"
	contains "read-only shared index: import says it is read-only" "$T_TMP/err" "read-only"
else
	ok "read-only shared index # SKIP needs root and setpriv or runuser"
fi

# --- a full disk: reading still works, notes can be exported ---------------------
FULL="$T_TMP/full"
mkdir -p "$FULL"
if mount -t tmpfs -o size=512k tmpfs "$FULL" 2>/dev/null; then
	"$BRIEF" --db "$DB" --review "$T_TMP/rv.db" note letter#rec-1 "rescue me" >/dev/null 2>&1
	cp "$DB" "$FULL/index.db"
	cp "$T_TMP/rv.db" "$FULL/review.db"
	dd if=/dev/zero of="$FULL/filler" bs=4k 2>/dev/null
	check "full disk: list works" "$BRIEF" --db "$FULL/index.db" list
	check "full disk: search works" "$BRIEF" --db "$FULL/index.db" search asylum
	check "full disk: notes work" "$BRIEF" --db "$FULL/index.db" --review "$FULL/review.db" notes
	contains "full disk: the note is there" "$T_TMP/out" "rescue me"
	check "full disk: export works" "$BRIEF" --db "$FULL/index.db" --review "$FULL/review.db" export
	contains "full disk: the note is exported" "$T_TMP/out" "rescue me"
	rm -f "$FULL/filler"
	umount "$FULL"
else
	ok "full disk # SKIP cannot mount a small tmpfs (needs privileges)"
fi

done_testing
