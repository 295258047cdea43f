#!/bin/sh
# tests/shared.sh: a shared index named by a configuration file
# ($XDG_CONFIG_DIRS/brief/config here, /etc/brief/config on a host),
# each user keeping their own review store; and, when the test runs as
# root, an unprivileged user reading a root-owned 0644 index in a 0755
# folder, and refused an import into it.
. "$srcdir/tests/lib.sh"

SRV="$T_TMP/srv/brief"
mkdir -p "$SRV" "$T_TMP/etc/brief" "$T_TMP/xdg/brief"
export XDG_CONFIG_DIRS="$T_TMP/xdg:$T_TMP/etc"
printf '# the team index\nindex %s/index.db\n' "$SRV" >"$T_TMP/xdg/brief/config"
printf 'Cycling notes\n\nA paragraph about bicycles.\n' >"$T_TMP/other.txt"
check "the team index is made" "$BRIEF" --db "$SRV/index.db" import "$T_TMP/other.txt"

check "brief list without --db" "$BRIEF" list
contains "reads the shared index" "$T_TMP/out" "other "
check "a status" "$BRIEF" review letter#rec-1 done
check "the user's own review store" test -f "$XDG_DATA_HOME/brief/review.db"
check "not beside the shared index" test ! -e "$SRV/review.db"
check "no index of the user's own" test ! -e "$XDG_DATA_HOME/brief/index.db"

printf 'colour blue\nindex relative.db\n' >"$T_TMP/xdg/brief/config"
printf 'index %s/index.db\n' "$SRV" >"$T_TMP/etc/brief/config"
check "the next folder of XDG_CONFIG_DIRS" "$BRIEF" list
contains "still the shared index" "$T_TMP/out" "other "
contains "a bad setting: file:line" "$T_TMP/err" "xdg/brief/config:1: warning: unknown setting 'colour'"
contains "a relative path: file:line" "$T_TMP/err" "xdg/brief/config:2: warning: index: give an absolute path"
check "BRIEF_DB wins" env BRIEF_DB="$T_TMP/mine.db" "$BRIEF" list
lacks "BRIEF_DB: not the shared index" "$T_TMP/out" "other "
mkdir -p "$XDG_CONFIG_HOME/brief"
printf 'index %s/mine.db\n' "$T_TMP" >"$XDG_CONFIG_HOME/brief/config"
check "the user's config wins" "$BRIEF" list
lacks "user config: not the shared index" "$T_TMP/out" "other "
rm -f "$XDG_CONFIG_HOME/brief/config"

# --- an unprivileged user ------------------------------------------------------
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1 ||
    ! id nobody >/dev/null 2>&1; then
	done_testing
	exit
fi
U="$T_TMP/nobody"
mkdir -p "$U"
chmod 0777 "$U"
chmod 0755 "$SRV" "$T_TMP/srv"
"$BRIEF" --db "$SRV/index.db" check >/dev/null 2>&1
chmod 0644 "$SRV/index.db"
# Every folder above must let nobody through.
d=$T_TMP
while [ "$d" != / ]; do
	[ -x "$d" ] && [ "$(stat -c %a "$d" | cut -c3)" != 0 ] || break
	d=$(dirname "$d")
done
if [ "$d" != / ]; then
	ok "# SKIP $d is closed to other users"
	done_testing
	exit
fi
# An import runs while nobody reads: readers see the index as it was
# or as it is after, never a half-imported document, and are not held.
awk 'BEGIN { print "Cycling annex\n"
	for (i = 1; i <= 20000; i++) print "Paragraph " i " on asylum and bicycles.\n" }' \
    >"$T_TMP/big.txt"
"$BRIEF" --db "$SRV/index.db" import "$T_TMP/big.txt" >"$T_TMP/imp.out" 2>&1 &
imp=$!
nb() { setpriv --reuid=nobody --regid=nogroup --clear-groups env \
	HOME="$U" XDG_DATA_HOME="$U/data" XDG_CONFIG_HOME="$U/config" "$BRIEF" "$@"; }
check "nobody: list" nb list
contains "nobody reads the shared index" "$T_TMP/out" "other "
check "nobody: search" nb search asylum
check "nobody: themes" nb themes asylum
check "nobody: show" nb show letter#rec-1
check "nobody: a review of their own" nb review letter#rec-2 flagged
check "nobody's store is theirs" test -f "$U/data/brief/review.db"
expect_status "nobody: import is refused" 3 nb import "$T_TMP/other.txt"
contains "with a message on permission" "$T_TMP/err" "read-only"
check "the import that ran meanwhile finished" wait $imp
nb list >"$T_TMP/after" 2>&1
contains "nobody sees the imported document whole" "$T_TMP/after" "big "
chmod 0644 "$SRV/index.db"

done_testing
