#!/bin/sh
# tests/review.sh: the review commands (review, note, notes, export) and
# what a re-import of the letter does to review data.
. "$srcdir/tests/lib.sh"

LETTER="$srcdir/data/briefings/letter.txt"
new_index "$T_TMP/index.db"
br() { "$BRIEF" --db "$T_TMP/index.db" --review "$T_TMP/review.db" "$@"; }
out() { br "$@" >"$T_TMP/x" 2>"$T_TMP/xerr"; }

# --- the issue's 'Done when' sequence ---------------------------------------
check "review sets a status" br review letter#rec-1 done
contains "review confirms it" "$T_TMP/out" "letter#rec-1: done"
check "note adds a note" br note letter#rec-1 'Raise with the migration team'
contains "note confirms it" "$T_TMP/out" "letter#rec-1: note 1 saved"
check "export --format json" br export --format json
contains "json: rec-1 done" "$T_TMP/out" \
	'{"anchor":"rec-1","recommendation":true,"depth":0,"status":"done","state":"current"'
contains "json: with its note" "$T_TMP/out" '"body":"Raise with the migration team"'
contains "json: footnotes cited" "$T_TMP/out" '"anchor":"rec-4.1","recommendation":true,"depth":1,"status":"unread","state":"current","cites":["fn-2","fn-3"]'
mode=$(stat -c %a "$T_TMP/review.db" 2>/dev/null || stat -f %Lp "$T_TMP/review.db")
check "the review store is mode 0600 ($mode)" test "$mode" = 600

check "re-import of the same letter" br import "$LETTER"
check "export after re-import" br export --format json
contains "re-import: rec-1 still done and current" "$T_TMP/out" \
	'"anchor":"rec-1","recommendation":true,"depth":0,"status":"done","state":"current"'
contains "re-import: the note is still there" "$T_TMP/out" \
	'"body":"Raise with the migration team"'

sed 's/A common European asylum/A fair European asylum/' "$LETTER" \
	>"$T_TMP/letter.txt"
check "the revised letter differs" sh -c "! cmp -s '$LETTER' '$T_TMP/letter.txt'"
check "import of a revised letter" br import "$T_TMP/letter.txt"
check "export after the revision" br export --format json
contains "revision: rec-1 done, changed since reviewed" "$T_TMP/out" \
	'"anchor":"rec-1","recommendation":true,"depth":0,"status":"done","state":"changed"'
contains "revision: the note is still there" "$T_TMP/out" \
	'"body":"Raise with the migration team"'
contains "revision: rec-2 untouched" "$T_TMP/out" \
	'"anchor":"rec-2","recommendation":true,"depth":0,"status":"unread","state":"current"'
check "review shows the status" br review letter#rec-1
contains "review: changed since reviewed" "$T_TMP/out" \
	"letter#rec-1: changed since reviewed"
check "notes lists it" br notes letter
contains "notes: marked changed" "$T_TMP/out" "[changed since reviewed]"

# --- Markdown ----------------------------------------------------------------
check "note with quotes and a comma" br note letter#rec-2.3 'He said "no", twice'
check "export (Markdown by default)" br export letter
contains "md: title" "$T_TMP/out" "# Review: AMNESTY INTERNATIONAL RECOMMENDATIONS"
contains "md: reference" "$T_TMP/out" "- Reference: TIGO IOR 10/2023.4926"
contains "md: progress" "$T_TMP/out" "- Progress: 9 recommendations: 1 done, 0 flagged, 0 read, 8 unread; 2 notes"
contains "md: heading per recommendation" "$T_TMP/out" "## rec-1 — done (changed since reviewed)"
contains "md: sub-recommendation one level down" "$T_TMP/out" "### rec-2.3 — unread"
contains "md: its text" "$T_TMP/out" "Lead on effective and sustainable asylum"
contains "md: notes as a list" "$T_TMP/out" "- Raise with the migration team"
contains "md: footnotes cited" "$T_TMP/out" "Cites: fn-2, fn-3."
contains "md: cites" "$T_TMP/out" "Cites: fn-1."
contains "md: footnotes section" "$T_TMP/out" "## Footnotes cited"
contains "md: footnote text" "$T_TMP/out" "- **fn-1**: "
lacks "md: no orphans yet" "$T_TMP/out" "Orphaned"

# --- CSV ---------------------------------------------------------------------
check "a second note on rec-2.3" br note letter#rec-2.3 '=1+1 second'
check "export --format csv" br export --format csv
cp "$T_TMP/out" "$T_TMP/csv"
check "csv: header" test "$(head -1 "$T_TMP/csv")" = \
	"document,anchor,recommendation,depth,status,state,cites,text,note,note_created,note_edited"
contains "csv: rec-1 row" "$T_TMP/csv" "letter,rec-1,yes,0,done,changed,,"
contains "csv: quotes doubled, field quoted" "$T_TMP/csv" '"He said ""no"", twice"'
contains "csv: cites listed" "$T_TMP/csv" 'letter,rec-4.1,yes,1,unread,current,"fn-2,fn-3",'
grep '^letter,rec-2\.3,' "$T_TMP/csv" >"$T_TMP/rows"
check "csv: one row per note (rec-2.3 has two)" test "$(wc -l <"$T_TMP/rows")" = 2
check "csv: each row holds its own note, first the first" \
	sh -c "head -1 '$T_TMP/rows' | grep -qF '\"He said \"\"no\"\", twice\"' &&
	    tail -1 '$T_TMP/rows' | grep -qF '\"'\''=1+1 second\"'"
check "csv: a note row has its date" \
	grep -Eq '^letter,rec-2\.3,.*,[0-9]{4}-[0-9]{2}-[0-9]{2}T[^,]*,$' "$T_TMP/rows"
grep '^letter,rec-4\.1,' "$T_TMP/csv" >"$T_TMP/rows"
check "csv: a block with no note is one row" test "$(wc -l <"$T_TMP/rows")" = 1
check "csv: with the note columns empty" grep -q ',,,$' "$T_TMP/rows"
check "csv: 9 recommendations, one more row for the second note" \
	test "$(grep -c '^letter,rec-' "$T_TMP/csv")" = 10
check "export --status unread --format json" \
	br export --status unread --format json letter
contains "json --status: unread items" "$T_TMP/out" '"anchor":"rec-2.3"'
lacks "json --status: no done item" "$T_TMP/out" '"status":"done"'
lacks "json --status: no other status" "$T_TMP/out" '"status":"flagged"'
check "export --status done --format json" br export --status done --format json
contains "json --status done: rec-1" "$T_TMP/out" '"anchor":"rec-1"'
lacks "json --status done: nothing unread" "$T_TMP/out" '"status":"unread"'
check "export --status changed --format json" \
	br export --status changed --format json
lacks "json --status changed: only changed items" "$T_TMP/out" '"state":"current"'
contains "json --status changed: rec-1 changed" "$T_TMP/out" '"anchor":"rec-1"'

# --- notes: stdin, size, control characters ----------------------------------
printf 'first line\nsecond line\n' >"$T_TMP/in"
check "note from standard input" sh -c "'$BRIEF' --db '$T_TMP/index.db' --review '$T_TMP/review.db' note letter#rec-3 - <'$T_TMP/in'"
check "notes for one block" br notes letter#rec-3
contains "stdin note: first line" "$T_TMP/out" "    first line"
contains "stdin note: second line indented" "$T_TMP/out" "    second line"

head -c 1048576 /dev/zero | tr '\0' 'x' >"$T_TMP/big"
check "a 1 MB note" sh -c "'$BRIEF' --db '$T_TMP/index.db' --review '$T_TMP/big.db' note letter#fn-1 - <'$T_TMP/big'"
check "the 1 MB note reads back whole" sh -c "'$BRIEF' --db '$T_TMP/index.db' --review '$T_TMP/big.db' notes letter#fn-1 | tail -1 | tr -d ' \n' | cmp -s - '$T_TMP/big'"

esc=$(printf '\033')
check "note with escape sequences" br note letter#rec-4 "red ${esc}[31mALERT${esc}[0m ${esc}]52;c;ZXZpbA==$(printf '\007') end"
check "notes with escapes" br notes letter#rec-4
contains "shown: the text" "$T_TMP/out" "    red ALERT"
lacks "shown sanitised: no ESC" "$T_TMP/out" "$esc"
check "export json of it" br export --format json letter
contains "exported sanitised" "$T_TMP/out" 'red ALERT'
lacks "exported without escapes" "$T_TMP/out" '\u001b'
sqlite3 "$T_TMP/review.db" "SELECT body FROM team_notes WHERE anchor = 'rec-4'" >"$T_TMP/raw" 2>&1
contains "stored as typed" "$T_TMP/raw" "red $esc[31mALERT"
lacks "json: no raw ESC" "$T_TMP/out" "$esc"

# --- orphaned anchors ----------------------------------------------------------
check "flag rec-4.2" br review letter#rec-4.2 flagged
check "note on rec-4.2" br note letter#rec-4.2 'ask about spyware'
# The slug comes from the file name: keep it letter.txt.
mkdir -p "$T_TMP/v2"
grep -v '^ - The Belgian Presidency should encourage' "$T_TMP/letter.txt" \
	>"$T_TMP/v2/letter.txt"
check "import a letter without rec-4.2" br import "$T_TMP/v2/letter.txt"
check "export json" br export --format json
contains "rec-4.2 listed as orphaned, status kept" "$T_TMP/out" \
	'"orphaned":[{"anchor":"rec-4.2","recommendation":false,"depth":0,"status":"flagged","state":"orphaned"'
contains "its note kept" "$T_TMP/out" '"body":"ask about spyware"'
check "export md" br export
contains "md: orphans section" "$T_TMP/out" "# Orphaned review entries"
contains "md: orphan heading" "$T_TMP/out" "## letter#rec-4.2 — flagged (orphaned"
check "notes lists orphans" br notes
contains "notes: orphan marked" "$T_TMP/out" "letter#rec-4.2  note"
contains "notes: orphaned" "$T_TMP/out" "[orphaned]"
check "the original letter again" br import "$LETTER"
check "review rec-4.2" br review letter#rec-4.2
contains "rec-4.2 is back, still flagged" "$T_TMP/out" "letter#rec-4.2: flagged"

# --- errors and other paths ----------------------------------------------------
expect_status "unknown anchor: exit 1" 1 br review letter#rec-99 done
contains "unknown anchor: message" "$T_TMP/err" "letter#rec-99: no such block"
expect_status "unknown document: exit 1" 1 br note nosuch#rec-1 hello
expect_status "bad status word: exit 2" 2 br review letter#rec-1 finished
contains "bad status: message" "$T_TMP/err" "'finished' is not a status"
expect_status "no anchor: exit 2" 2 br review letter done
expect_status "empty note: exit 2" 2 br note letter#rec-1 ''
expect_status "bad format: exit 2" 2 br export --format xml
expect_status "unknown theme: nothing to export" 1 br export --theme no-such-theme
expect_status "no such document to export" 1 br export nosuch
expect_status "notes on a fresh store: exit 1" 1 "$BRIEF" --db "$T_TMP/index.db" \
	--review "$T_TMP/fresh.db" notes
check "BRIEF_REVIEW names the store" env BRIEF_REVIEW="$T_TMP/env.db" \
	"$BRIEF" --db "$T_TMP/index.db" review letter#rec-2 read
check "  and it was created" test -s "$T_TMP/env.db"
check "default: XDG_DATA_HOME/brief/review.db" "$BRIEF" --db "$T_TMP/index.db" \
	review letter#rec-2 flagged
check "  created there" test -s "$XDG_DATA_HOME/brief/review.db"
check "command-level --review" "$BRIEF" --db "$T_TMP/index.db" review \
	--review "$T_TMP/cmd.db" letter#rec-2 done
check "  created" test -s "$T_TMP/cmd.db"

done_testing
