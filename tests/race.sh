#!/bin/sh
# tests/race.sh: first uses at once.  Many processes creating the same
# index or review store race to migrate it: every one must succeed and
# no note may be lost; a new store must not wait on an import that holds
# the index.
. "$srcdir/tests/lib.sh"

# --- 16 readers on a missing index ---------------------------------------------
DB="$T_TMP/first/index.db"
i=0
while [ $i -lt 16 ]; do
	{ BRIEF_DB="$DB" "$BRIEF" list >"$T_TMP/list$i.out" 2>"$T_TMP/list$i.err" ||
	    echo "list $i: status $?" >>"$T_TMP/fails"; } &
	i=$((i + 1))
done
wait
fails=$(cat "$T_TMP/fails" 2>/dev/null | wc -l)
[ "$fails" = 0 ] || sed 's/^/# /' "$T_TMP/fails"
rm -f "$T_TMP/fails"
cat "$T_TMP"/list*.err >"$T_TMP/lists.err"
check "16 parallel list on a missing index: all succeed ($fails failed)" test "$fails" = 0
check "16 parallel list: no message" test ! -s "$T_TMP/lists.err"
# What a failing one said, and its status, for the log.
[ -s "$T_TMP/lists.err" ] && sed 's/^/# /' "$T_TMP/lists.err"
check "16 parallel list: each lists the letter" \
	test "$(cat "$T_TMP"/list*.out | grep -c '^letter ')" = 16
check "the index they made is sound" "$BRIEF" check --db "$DB"

# --- 32 notes on a fresh store ----------------------------------------------------
RV="$T_TMP/fresh-review.db"
i=0
while [ $i -lt 32 ]; do
	{ "$BRIEF" --db "$DB" --review "$RV" note letter#rec-1 "note number $i" \
	    >"$T_TMP/note$i.out" 2>"$T_TMP/note$i.err" ||
	    echo "note $i: status $?" >>"$T_TMP/fails"; } &
	i=$((i + 1))
done
wait
fails=$(cat "$T_TMP/fails" 2>/dev/null | wc -l); rm -f "$T_TMP/fails"
cat "$T_TMP"/note*.err >"$T_TMP/notes.err"
check "32 parallel notes on a fresh store: all succeed ($fails failed)" test "$fails" = 0
check "32 parallel notes: no message" test ! -s "$T_TMP/notes.err"
"$BRIEF" --db "$DB" --review "$RV" notes letter#rec-1 >"$T_TMP/notes" 2>&1
n=$(grep -c 'note number [0-9]*$' "$T_TMP/notes")
check "32 parallel notes: all 32 saved ($n)" test "$n" = 32

# --- a new store while an import holds the index -------------------------------
# The lock is held by sqlite3 in a write transaction, as an import holds
# it; the new store's migration must lock only the store.
if command -v sqlite3 >/dev/null 2>&1; then
	mkfifo "$T_TMP/lock.fifo"
	sqlite3 "$DB" <"$T_TMP/lock.fifo" >"$T_TMP/lock.out" 2>&1 &
	LOCK_PID=$!
	exec 7>"$T_TMP/lock.fifo"
	printf "BEGIN IMMEDIATE;\nINSERT INTO meta VALUES('race', 'held');\nSELECT 'held';\n" >&7
	i=0
	while ! grep -q held "$T_TMP/lock.out" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	contains "an import-like writer holds the index" "$T_TMP/lock.out" "held"
	start=$(date +%s)
	expect_status "a new store during the import: the note is saved" 0 \
	    timeout 60 "$BRIEF" --db "$DB" --review "$T_TMP/during.db" \
	    note letter#rec-2 "written during an import"
	took=$(( $(date +%s) - start ))
	# The busy timeout is 5 s: waiting on the index would take at least that.
	check "a new store during the import does not wait on the index (${took}s)" \
	    test "$took" -lt 5
	printf "ROLLBACK;\n" >&7
	exec 7>&-
	wait "$LOCK_PID"
	check "the note is there after" sh -c "'$BRIEF' --db '$DB' --review \
	    '$T_TMP/during.db' notes letter#rec-2 | grep -q 'written during an import'"
else
	ok "new store during an import # SKIP no sqlite3 shell"
fi

done_testing
