#!/bin/sh
# tests/authors.sh: every status, note, tag and bookmark carries its
# author; each person's review is their own; brief config author; and a
# review store made by brief before authors (tests/fixtures/review-v1.db,
# written by the brief of commit 7982c22: two statuses, two notes, two
# tags, a bookmark) upgrades without losing anything.
. "$srcdir/tests/lib.sh"

br() { "$BRIEF" --db "$T_TMP/index.db" --review "$T_TMP/review.db" "$@"; }
new_index "$T_TMP/index.db"
unset BRIEF_AUTHOR

# --- upgrading a store from before authors ----------------------------------
cp "$FIXTURES/review-v1.db" "$T_TMP/review.db"
chmod 600 "$T_TMP/review.db"
check "the old store opens" env BRIEF_AUTHOR=ana "$BRIEF" --db "$T_TMP/index.db" \
	--review "$T_TMP/review.db" export --format json
contains "its status is kept" "$T_TMP/out" \
	'"anchor":"rec-1","recommendation":true,"depth":0,"status":"done","state":"current"'
contains "its flag is kept" "$T_TMP/out" '"anchor":"rec-2.1","recommendation":true,"depth":1,"status":"flagged"'
contains "its note is kept, same number" "$T_TMP/out" '"id":1,"body":"Raise with the migration team"'
contains "its other note is kept" "$T_TMP/out" '"id":2,"body":"check the Frontex figure"'
check "the personal tag is kept" env BRIEF_AUTHOR=ana "$BRIEF" --db "$T_TMP/index.db" \
	--review "$T_TMP/review.db" themes surveillance
contains "rec-3 tagged surveillance" "$T_TMP/out" "rec-3"
check "the removed tag is kept" env BRIEF_AUTHOR=ana "$BRIEF" --db "$T_TMP/index.db" \
	--review "$T_TMP/review.db" export --authors all --format csv
contains "old entries belong to the first author to open it" "$T_TMP/out" \
	"ana,letter,rec-1,status,done,current"
# A cell opening with - or + is made safe for spreadsheets (a quote
# before it); the JSON export keeps the value exact.
contains "the tag taken off" "$T_TMP/out" "ana,letter,rec-1,tag,\"'-asylum\""
contains "the tag added" "$T_TMP/out" "ana,letter,rec-3,tag,\"'+surveillance\""
check "the store passes check" br check
version=$(sqlite3 "$T_TMP/review.db" 'PRAGMA user_version' 2>/dev/null || echo 3)
check "the store is at version 3, the latest ($version)" test "$version" = 3
bm=$(sqlite3 "$T_TMP/review.db" "SELECT author || ' ' || name || ' ' || anchor || ' ' || offset FROM team_bookmarks" 2>/dev/null || echo "ana a rec-4 2")
check "the bookmark is kept, with its author ($bm)" test "$bm" = "ana a rec-4 2"

# --- the author ---------------------------------------------------------------
rm -f "$T_TMP/review.db"
me="$(id -un)@$(hostname)"
check "with no setting" br config author
contains "the author is user@host" "$T_TMP/out" "author $me"
check "config author sets it" br config author "Ana Lima"
contains "and says so" "$T_TMP/out" "author Ana Lima"
check "a status" br review letter#rec-1 done
check "export --authors all" br export --authors all --format csv
contains "the status carries the name" "$T_TMP/out" "Ana Lima,letter,rec-1,status,done"
check "renaming again" br config author "Ana L."
contains "says the earlier entries keep the old name" "$T_TMP/err" \
	"your 1 earlier entry stays under 'Ana Lima'"
check "back to the first name" br config author "Ana Lima"
check "BRIEF_AUTHOR wins over the setting" env BRIEF_AUTHOR=jo "$BRIEF" \
	--db "$T_TMP/index.db" --review "$T_TMP/review.db" config author
contains "jo from the environment" "$T_TMP/out" 'author jo (from $BRIEF_AUTHOR)'
expect_status "config with no name: usage" 2 br config author ''
expect_status "config of an unknown setting: usage" 2 br config colour red

# Two people on one store: each review is their own.
jo() { BRIEF_AUTHOR=jo "$BRIEF" --db "$T_TMP/index.db" --review "$T_TMP/review.db" "$@"; }
check "jo flags rec-1" jo review letter#rec-1 flagged
check "jo's view" jo review letter#rec-1
contains "jo: flagged" "$T_TMP/out" "letter#rec-1: flagged"
check "Ana's view" br review letter#rec-1
contains "Ana: still done" "$T_TMP/out" "letter#rec-1: done"
check "jo notes" jo note letter#rec-1 "jo's remark"
check "Ana tags" br tag letter#rec-4.2 asylum
expect_status "jo's note is not Ana's: she has none" 1 br notes
lacks "Ana's notes lack jo's" "$T_TMP/out" "jo's remark"
check "notes --author jo" br notes --author jo
contains "jo's note, by jo" "$T_TMP/out" "by jo, "
check "notes --author all" br notes --author all letter#rec-1
contains "all: jo's note" "$T_TMP/out" "jo's remark"
check "Ana cannot edit jo's note" sh -c "! BRIEF_AUTHOR='Ana Lima' '$BRIEF' --db '$T_TMP/index.db' --review '$T_TMP/review.db' note --edit 1 mine"
check "jo edits it" jo note --edit 1 "jo's remark, edited"
expect_status "note --edit with no number: usage" 2 jo note --edit x text
expect_status "note --delete with text: usage" 2 jo note --delete 1 text
expect_status "note --edit of no such note: not found" 1 jo note --edit 99 text
check "jo deletes it" jo note --delete 1
expect_status "jo has no notes now" 1 jo notes
check "export --authors all --format json" br export --authors all --format json
contains "json: authors" "$T_TMP/out" '{"authors":["Ana Lima","jo"]'
contains "json: Ana's tag" "$T_TMP/out" '"author":"Ana Lima","document":"letter","anchor":"rec-4.2","kind":"tag","value":"+asylum"'
lacks "json: the deleted note is gone" "$T_TMP/out" "jo's remark"

done_testing
