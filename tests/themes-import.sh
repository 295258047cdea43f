#!/bin/sh
# themes-import.sh: the themes an import gives the bench's generated
# corpus are the themes a full retag gives it.  Import tags each document
# as it stores it, matching the rules in C (db/themes-match.c); a changed
# themes.conf retags every block by running each rule over the full-text
# index (FTS5 itself).  Both, and an import of one file at a time, must
# tag the same blocks with the same themes from the same source.  140
# files: three batches, the ring of parsed files wrapping round.
. "$srcdir/tests/lib.sh"
GEN="$builddir/bench/gen-corpus"
CONF="$XDG_CONFIG_HOME/brief/themes.conf"
X="$T_TMP/batch.db"; Y="$T_TMP/one.db"

# same_dir DESC A B: every file of A as in B, and no other.
same_dir() {
	if diff -r "$2" "$3" >"$T_TMP/diff"; then ok "$1"; else
		not_ok "$1"; diag "$T_TMP/diff" | head -20; fi
}

# Every theme's blocks (anchor, kind, source, text) as JSON, one file a
# theme, under $2.
dump() {
	mkdir -p "$2"
	for s in $(cat "$T_TMP/slugs"); do
		"$BRIEF" --db "$1" themes --json "$s" >"$2/$s" || echo "# $s failed"
	done
}

if ! "$GEN" -n 140 -s 5 -w "$srcdir/bench/words.txt" -o "$T_TMP/corpus" \
    >/dev/null; then
	not_ok "bench/gen-corpus made no corpus"
	done_testing
	exit 1
fi
new_index "$X"
check "import the corpus in one go" "$BRIEF" --db "$X" import -q \
    "$T_TMP"/corpus/*
"$BRIEF" --db "$X" themes | awk 'NR > 1 { print $1 }' >"$T_TMP/slugs"
[ "$(wc -l <"$T_TMP/slugs")" -ge 10 ] && ok "the shipped themes are listed" ||
	not_ok "the shipped themes are listed"
dump "$X" "$T_TMP/import"

# The comparison must have something to compare: each source, often.
cat "$T_TMP"/import/* >"$T_TMP/all.json"
for src in rule inherited cited; do
	n=$(grep -o "\"source\":\"$src\"" "$T_TMP/all.json" | wc -l)
	[ "$n" -ge 20 ] && ok "the import tags blocks by $src ($n)" ||
		not_ok "the import tags blocks by $src ($n)"
done

# One file a process: each document tagged on its own.
new_index "$Y"
n=0
for f in "$T_TMP"/corpus/*; do
	"$BRIEF" --db "$Y" import -q "$f" >/dev/null 2>&1 || n=$((n + 1))
done
[ "$n" = 0 ] && ok "import the corpus one file at a time" ||
	not_ok "import the corpus one file at a time ($n failed)"
dump "$Y" "$T_TMP/one"
same_dir "one file at a time tags as one go does" "$T_TMP/import" \
    "$T_TMP/one"

# A theme of the user's own changes the set: every block is retagged.
mkdir -p "$(dirname "$CONF")"
printf '[zz-none]\nname = Nothing\nrule = qqqqzzzzqqqq\n' >"$CONF"
check "brief themes after the change" "$BRIEF" --db "$X" themes
contains "the new theme is there" "$T_TMP/out" "zz-none"
dump "$X" "$T_TMP/retag"
same_dir "a full retag tags as the import did" "$T_TMP/import" \
    "$T_TMP/retag"
check "brief check after the retag" "$BRIEF" --db "$X" check

# And an import under the changed set keeps the retagged tags.
check "import the corpus again, unchanged" "$BRIEF" --db "$X" import -q \
    "$T_TMP"/corpus/*
dump "$X" "$T_TMP/again"
same_dir "the tags after a second import" "$T_TMP/import" "$T_TMP/again"
done_testing
