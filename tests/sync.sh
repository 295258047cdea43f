#!/bin/sh
# tests/sync.sh: brief sync through one folder.  Four stores (ana's desk,
# ana's laptop, jo, a lead), each with its own index of the letter, make
# edits (ana conflicting with herself on two machines) and sync in
# several orders and repeats: all end with the same team data and no
# note is lost.  Then SIGKILL on the write and the apply side, and
# damaged, truncated, newer and foreign changeset files.
. "$srcdir/tests/lib.sh"

DIR="$T_TMP/shared"
mkdir -p "$DIR"
new_index "$T_TMP/seed.db"
# as NAME AUTHOR ARGS: brief on store NAME's index and review as AUTHOR.
as() {
	n=$1 a=$2
	shift 2
	[ -f "$T_TMP/$n.index" ] || cp "$T_TMP/seed.db" "$T_TMP/$n.index"
	BRIEF_AUTHOR=$a "$BRIEF" --db "$T_TMP/$n.index" --review \
	    "$T_TMP/$n.review" "$@"
}
desk() { as desk ana "$@"; }
laptop() { as laptop ana "$@"; }
jo() { as jo jo "$@"; }
lead() { as lead lead "$@"; }
sync_all() {
	for s in "$@"; do
		"$s" sync "$DIR" >"$T_TMP/sync.out" 2>&1 || {
			not_ok "sync $s"
			sed 's/^/# /' "$T_TMP/sync.out"
			return 1
		}
	done
	ok "sync in the order $*"
}
team() { "$1" export --authors all --format json >"$T_TMP/$1.json"; }
# same_team DESC: every store exports the same team data.
same_team() {
	for s in desk laptop jo lead; do team $s; done
	for s in laptop jo lead; do
		if ! cmp -s "$T_TMP/desk.json" "$T_TMP/$s.json"; then
			not_ok "$1: $s differs from desk"
			diff "$T_TMP/desk.json" "$T_TMP/$s.json" | head -5 |
			    sed 's/^/# /'
			return
		fi
	done
	ok "$1"
}

# --- first round ----------------------------------------------------------
check "desk: status" desk review letter#rec-1 done
check "desk: a note" desk note letter#rec-1 'Raise with the migration team'
check "jo: status" jo review letter#rec-2.1 flagged
check "jo: a note" jo note letter#rec-2.1 'check the Frontex figure'
check "lead: status" lead review letter#rec-3 read
check "lead: a tag" lead tag letter#rec-3 surveillance
check "laptop: a note before any sync" laptop note letter#rec-4 'from the train'
sync_all desk laptop jo lead desk laptop jo
same_team "round 1: four stores hold the same team data"
contains "jo sees ana's status" "$T_TMP/jo.json" \
	'{"author":"ana","document":"letter","anchor":"rec-1","kind":"status","value":"done"'
contains "ana sees jo's note" "$T_TMP/desk.json" \
	'"author":"jo","document":"letter","anchor":"rec-2.1","kind":"note","value":"check the Frontex figure"'
contains "the laptop's note reached the desk" "$T_TMP/desk.json" '"value":"from the train"'
check "desk: its own review is only ana's" desk export --format json
lacks "jo's flag is not ana's status" "$T_TMP/out" \
	'"anchor":"rec-2.1","recommendation":true,"depth":1,"status":"flagged"'
check "laptop: ana's desk status is ana's on the laptop too" laptop review letter#rec-1
contains "laptop: rec-1 done" "$T_TMP/out" "letter#rec-1: done"

# --- ana conflicts with herself ---------------------------------------------
desk notes letter#rec-1 >"$T_TMP/n" 2>&1
dnum=$(sed -n 's/^letter#rec-1  note \([0-9]*\),.*/\1/p' "$T_TMP/n" | head -1)
laptop notes letter#rec-1 >"$T_TMP/n" 2>&1
lnum=$(sed -n 's/^letter#rec-1  note \([0-9]*\),.*/\1/p' "$T_TMP/n" | head -1)
check "both machines know the note (desk $dnum, laptop $lnum)" test -n "$dnum" -a -n "$lnum"
check "desk: status flagged" desk review letter#rec-1 flagged
check "desk: edits the note" desk note --edit "$dnum" 'desk: raise at the JHA council'
check "jo: another note" jo note letter#rec-1 'agree, and add the Pact'
sleep 0.01
check "laptop: status read (later: wins)" laptop review letter#rec-1 read
check "laptop: edits the same note (later: wins)" laptop note --edit "$lnum" 'laptop: raise with DG HOME'
check "lead: status" lead review letter#rec-1 done
sync_all lead jo laptop desk lead jo laptop desk
same_team "round 2 (ana against herself): the same team data everywhere"
contains "the later status wins" "$T_TMP/desk.json" \
	'{"author":"ana","document":"letter","anchor":"rec-1","kind":"status","value":"read"'
contains "the later note wins" "$T_TMP/desk.json" \
	'"kind":"note","value":"laptop: raise with DG HOME","note":'
contains "the losing note is kept as a conflict copy" "$T_TMP/desk.json" \
	'"kind":"note","value":"desk: raise at the JHA council","note":'
contains "marked as a conflict copy" "$T_TMP/desk.json" \
	'"value":"desk: raise at the JHA council","note":'
grep -o '"value":"desk: raise at the JHA council"[^}]*' "$T_TMP/desk.json" >"$T_TMP/copy"
contains "conflict_copy true" "$T_TMP/copy" '"conflict_copy":true'
check "desk: notes lists the copy" desk notes letter#rec-1
contains "notes: the copy is marked" "$T_TMP/out" "[conflict copy"
lacks "jo's status is untouched by ana's" "$T_TMP/desk.json" \
	'{"author":"jo","document":"letter","anchor":"rec-1","kind":"status"'

# --- round 3: more edits, syncs in yet another order, repeats -------------
check "jo: deletes nothing, edits status" jo review letter#rec-2.1 done
check "desk: a fresh note" desk note letter#rec-2 'desk after the conflict'
check "lead: a note" lead note letter#rec-4.2 'who owns this?'
sync_all jo jo desk lead laptop laptop jo desk lead
same_team "round 3: the same team data everywhere"
# A fifth store that syncs only now, from every file at once.
check "a late store syncs everything at once" as late lead sync "$DIR"
as late lead export --authors all --format json >"$T_TMP/late.json"
same "the late store matches the others" "$T_TMP/desk.json" "$T_TMP/late.json"
check "a second sync changes nothing" desk sync "$DIR"
contains "nothing new" "$T_TMP/out" "nothing new to write"
desk export --authors all --format json >"$T_TMP/again.json"
same "twice is once" "$T_TMP/desk.json" "$T_TMP/again.json"
for body in 'check the Frontex figure' 'from the train' 'agree, and add the Pact' \
    'laptop: raise with DG HOME' 'desk: raise at the JHA council' \
    'desk after the conflict' 'who owns this?'; do
	contains "no note lost: $body" "$T_TMP/desk.json" "\"value\":\"$body\""
done

# --- the CLI over everyone's review ---------------------------------------
check "notes --author jo" desk notes --author jo
contains "jo's note" "$T_TMP/out" "check the Frontex figure"
lacks "only jo's" "$T_TMP/out" "from the train"
contains "with the author" "$T_TMP/out" " by jo, "
check "export --authors jo --format csv" desk export --authors jo --format csv
contains "csv: an author column" "$T_TMP/out" "author,document,anchor,kind,value,state"
contains "csv: jo's row" "$T_TMP/out" "jo,letter,rec-2.1,status,done,current"
lacks "csv: nobody else" "$T_TMP/out" "ana,"
check "export --authors all (Markdown)" desk export --authors all
contains "md: per block" "$T_TMP/out" "## letter#rec-1"
contains "md: who did what" "$T_TMP/out" "- lead: status done"
expect_status "export --authors nobody: nothing" 1 desk export --authors nobody
expect_status "export --authors with a document: usage" 2 desk export --authors all letter
check "progress" desk progress
cp "$T_TMP/out" "$T_TMP/progress"
contains "progress: per person" "$T_TMP/progress" "jo "
check "jo: 9 recommendations, 1 done, 0 flagged" grep -qE '^jo +\(all\) +9 +1 +0 ' "$T_TMP/progress"
check "progress: per theme" grep -qE '^ana +asylum ' "$T_TMP/progress"

# --- SIGKILL while writing, then while applying --------------------------
# bg_as STOP NAME AUTHOR ARGS: as, in the background, $! being brief
# itself, stopping itself at STOP (BRIEF_SYNC_STOP).
bg_as() {
	stop=$1 n=$2 a=$3
	shift 3
	(BRIEF_SYNC_STOP=$stop BRIEF_AUTHOR=$a exec "$BRIEF" --db "$T_TMP/$n.index" --review \
	    "$T_TMP/$n.review" "$@" >/dev/null 2>&1) &
}
# stopped PID: wait until the process is stopped (BRIEF_SYNC_STOP).
stopped() {
	i=0
	while [ $i -lt 200 ]; do
		case $(ps -o stat= -p "$1" 2>/dev/null) in
		T*) return 0 ;;
		esac
		i=$((i + 1))
		sleep 0.05
	done
	return 1
}
check "jo: a note before the crash" jo note letter#rec-2.2 'written before the crash'
bg_as write jo jo sync "$DIR"
pid=$!
check "write side: stopped before the rename" stopped $pid
kill -9 $pid; wait $pid 2>/dev/null
check "write side: no half file under a changeset name" sh -c \
	"! grep -l 'written before the crash' '$DIR'/*.changeset"
check "write side: the killed writer left its temporary file" sh -c \
	"ls -a '$DIR' | grep -q '^\\.jo\\..*\\.changeset\\.tmp-'"
check "write side: rerun" jo sync "$DIR"
contains "write side: rerun writes the file" "$T_TMP/out" "wrote "
check "write side: the temporary file is gone" sh -c \
	"! ls -a '$DIR' | grep -q '\\.tmp-'"
bg_as apply desk ana sync "$DIR"
pid=$!
check "apply side: stopped before the commit" stopped $pid
kill -9 $pid; wait $pid 2>/dev/null
desk export --authors all --format json >"$T_TMP/killed.json"
lacks "apply side: nothing of it applied" "$T_TMP/killed.json" 'written before the crash'
check "apply side: rerun" desk sync "$DIR"
sync_all laptop lead jo desk laptop lead
same_team "after the kills: the same team data everywhere"
n=$(grep -o 'written before the crash' "$T_TMP/desk.json" | wc -l)
check "applied once, not twice ($n)" test "$n" = 1
check "the store passes check" desk check

# --- a store whose letter is another revision ------------------------------
sed 's/A common European asylum/A fair European asylum/' \
	"$srcdir/data/briefings/letter.txt" >"$T_TMP/letter-rev.txt"
check "a store with a revised letter" as rev rev import "$T_TMP/letter-rev.txt"
check "it syncs" as rev rev sync "$DIR"
as rev rev export --authors all --format json | tr '{' '\n' >"$T_TMP/rev.lines"
grep '"author":"ana","document":"letter","anchor":"rec-1","kind":"status"' \
	"$T_TMP/rev.lines" >"$T_TMP/rev.rec1"
contains "ana's status on the changed block applies" "$T_TMP/rev.rec1" '"value":"read"'
contains "and shows as changed since reviewed" "$T_TMP/rev.rec1" '"state":"changed"'
grep '"anchor":"rec-2.1","kind":"status"' "$T_TMP/rev.lines" >"$T_TMP/rev.rec21"
contains "an unchanged block stays current" "$T_TMP/rev.rec21" '"state":"current"'

# --- bad files --------------------------------------------------------------
BAD="$T_TMP/bad"
mkdir -p "$BAD"
check "a fresh change to ship" lead note letter#p-2 'good file'
mkdir -p "$T_TMP/one"
check "lead writes it alone" lead sync "$T_TMP/one"
good=$(ls "$T_TMP/one"/*.changeset | tail -1)
size=$(wc -c <"$good")
head -c $((size - 7)) "$good" >"$BAD/a-truncated.changeset"
cp "$good" "$BAD/b-damaged.changeset"
printf 'X' | dd of="$BAD/b-damaged.changeset" bs=1 seek=$((size - 5)) conv=notrunc 2>/dev/null
sed '1s/^brief-changeset 1$/brief-changeset 7/' "$good" >"$BAD/c-newer.changeset"
printf 'hello\n' >"$BAD/d-foreign-kind.changeset"
# A changeset for a document this index does not have.
printf 'Other briefing\n\nA paragraph about something else.\n' >"$T_TMP/other.txt"
check "an index with one more document" as other jo import "$T_TMP/other.txt"
as other jo list >"$T_TMP/list"
contains "its slug is other" "$T_TMP/list" "other        briefing"
oslug=other
check "a note on it ($oslug)" as other jo note "$oslug#p-1" 'about the other briefing'
mkdir -p "$T_TMP/two"
as other jo sync "$T_TMP/two" >/dev/null 2>&1
cp "$T_TMP/two"/*.changeset "$BAD/e-foreign-doc.changeset"
expect_status "bad files: exit 3" 3 laptop sync "$BAD"
contains "truncated: named, said" "$T_TMP/err" "a-truncated.changeset: truncated"
contains "damaged: named, said" "$T_TMP/err" "b-damaged.changeset: damaged"
contains "newer: named, said" "$T_TMP/err" "c-newer.changeset: made by a newer brief"
contains "not a changeset: named, said" "$T_TMP/err" "d-foreign-kind.changeset: not a changeset"
contains "foreign documents: named, said" "$T_TMP/err" "e-foreign-doc.changeset: for documents not in this index"
n=$(grep -c 'changeset: ' "$T_TMP/err")
check "one message per file ($n)" test "$n" = 5
laptop export --authors all --format json >"$T_TMP/l.json"
lacks "nothing of the bad files applied" "$T_TMP/l.json" 'good file'
lacks "nothing of the foreign file applied" "$T_TMP/l.json" 'about the other briefing'
cp "$good" "$BAD/f-good.changeset"
expect_status "with a good file among them: still exit 3" 3 laptop sync "$BAD"
contains "the good one applied" "$T_TMP/out" "applied 1 changeset"
laptop export --authors all --format json >"$T_TMP/l.json"
contains "its note is here" "$T_TMP/l.json" '"value":"good file"'
# A folder this store may not write: read-only, or (as root, whom modes do
# not stop) with a folder where its next file would go.
mkdir -p "$T_TMP/ro"
cp "$good" "$T_TMP/ro/"
check "a change before a read-only sync" jo note letter#p-3 'stays home for now'
last=$(ls "$DIR" | sed -n 's/^jo\.\([0-9a-f]*\)\.\([0-9]*\)\.changeset$/\1 \2/p' | sort -k2 | tail -n 1)
next=$(printf 'jo.%s.%06d.changeset' "${last% *}" "$(expr "${last#* }" + 1)")
if [ "$(id -u)" = 0 ]; then
	mkdir "$T_TMP/ro/$next"
else
	chmod 0555 "$T_TMP/ro"
fi
expect_status "a folder it cannot write: exit 3" 3 jo sync "$T_TMP/ro"
contains "says it cannot write" "$T_TMP/err" "cannot"
contains "still applies the others' files" "$T_TMP/out" "applied 1 changeset"
chmod 0755 "$T_TMP/ro"
expect_status "sync into a missing folder: usage" 2 desk sync "$T_TMP/nowhere"
expect_status "sync without a folder: usage" 2 desk sync

done_testing
