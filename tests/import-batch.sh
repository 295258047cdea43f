#!/bin/sh
# import-batch.sh: 'brief import' of many files stores them in batches of
# one transaction.  A file that cannot be read or parsed, or whose
# document fails to store, is reported and left out while the others are
# stored, and the index is otherwise as it was (brief list, brief check);
# files of one import see the documents the files before them added
# (the same reference: updated; the same file name: two slugs); a batch
# tags themes and fills the full-text index as one import per file does.
. "$srcdir/tests/lib.sh"
db() { db_=$1; shift; "$BRIEF" --db "$db_" "$@"; }
lines() { wc -l <"$1" | tr -d ' '; }

mkdir -p "$T_TMP/a" "$T_TMP/b" "$T_TMP/f"
for i in 1 2 3 4 5 6; do
	printf -- '---\nreference: REF/%s\n---\nDear Minister,\n\nParagraph %s on asylum and migration, climate and the right to privacy.\n\n- **Lead %s.** Protect people seeking safety.\n  - A sub-bullet on detention.[^1]\n\n[^1]: A report on pushbacks at the border %s.\n' \
	    "$i" "$i" "$i" "$i" >"$T_TMP/f/doc$i.md"
done
G="$T_TMP/f/doc1.md $T_TMP/f/doc2.md $T_TMP/f/doc3.md"
: >"$T_TMP/f/empty.md"

# --- a file that cannot be parsed, among good ones --------------------------
X="$T_TMP/good.db"; Y="$T_TMP/mixed.db"
new_index "$X"; new_index "$Y"
# shellcheck disable=SC2086
check "the good files alone" db "$X" import $G
cp "$T_TMP/out" "$T_TMP/out.good"
expect_status "a bad file among them: status 3" 3 db "$Y" import \
    "$T_TMP/f/doc1.md" "$T_TMP/f/empty.md" "$T_TMP/f/doc2.md" \
    "$T_TMP/nonexistent.md" "$T_TMP/f/doc3.md"
contains "the empty file is reported" "$T_TMP/err" "empty.md: empty file"
contains "the missing file is reported" "$T_TMP/err" "nonexistent.md:"
same "the good ones print the lines they print alone" "$T_TMP/out.good" "$T_TMP/out"
db "$X" list >"$T_TMP/list.x"; db "$Y" list >"$T_TMP/list.y"
same "the index holds what the good files alone make" "$T_TMP/list.x" "$T_TMP/list.y"
check "brief check after the mixed import" db "$Y" check

# --- a document that fails to store, inside a batch -------------------------
if command -v sqlite3 >/dev/null 2>&1; then
	Z="$T_TMP/poison.db"
	new_index "$Z"
	check "doc4 imported first" db "$Z" import "$T_TMP/f/doc4.md"
	sed 's/Paragraph 4/POISON paragraph 4/' "$T_TMP/f/doc4.md" >"$T_TMP/f/doc4.new"
	mv "$T_TMP/f/doc4.new" "$T_TMP/f/doc4.md"
	# Any row with POISON in its text fails to store, like a full disk.
	sqlite3 "$Z" "CREATE TRIGGER poison BEFORE INSERT ON blocks WHEN \
	    NEW.text LIKE '%POISON%' BEGIN SELECT RAISE(ABORT, 'poisoned'); END"
	db "$Z" list >"$T_TMP/list.before"
	expect_status "a document that fails to store: status 3" 3 db "$Z" import \
	    "$T_TMP/f/doc1.md" "$T_TMP/f/doc4.md" "$T_TMP/f/doc2.md" "$T_TMP/f/doc3.md"
	contains "the failing file is named" "$T_TMP/err" "doc4.md:"
	contains "with the reason" "$T_TMP/err" "poisoned"
	same "the others print their lines" "$T_TMP/out.good" "$T_TMP/out"
	sqlite3 "$Z" "DROP TRIGGER poison"
	check "doc4 keeps its earlier text" db "$Z" show REF/4
	contains "the earlier text" "$T_TMP/out" "Paragraph 4 on asylum"
	lacks "not the failed one" "$T_TMP/out" "POISON"
	db "$Z" list | grep -v 'REF/[123]' >"$T_TMP/list.after"
	same "the index is otherwise as it was" "$T_TMP/list.before" "$T_TMP/list.after"
	db "$Z" list >"$T_TMP/list.z"
	for r in REF/1 REF/2 REF/3; do
		contains "$r is stored" "$T_TMP/list.z" "$r"
	done
	check "brief check after the failed document" db "$Z" check
	check "the full-text index finds the others" db "$Z" search --limit 50 pushbacks
	contains "doc2 found" "$T_TMP/out" "doc2"
else
	ok "failing store # SKIP no sqlite3 shell"
fi

# --- identity within one import ---------------------------------------------
I="$T_TMP/ident.db"
new_index "$I"
sed 's/Paragraph 5/Revised paragraph five about zebrafish/' "$T_TMP/f/doc5.md" >"$T_TMP/b/doc5-revised.md"
check "two files with one reference in one import" db "$I" import \
    "$T_TMP/f/doc5.md" "$T_TMP/b/doc5-revised.md"
[ "$(lines "$T_TMP/out")" = 2 ] && ok "a line per file" || not_ok "a line per file"
head -1 "$T_TMP/out" >"$T_TMP/first"; tail -1 "$T_TMP/out" >"$T_TMP/second"
contains "the first is added" "$T_TMP/first" "added "
contains "the second updates it" "$T_TMP/second" "updated "
check "one document holds the reference" db "$I" list
[ "$(grep -c 'REF/5' "$T_TMP/out")" = 1 ] && ok "REF/5 listed once" || not_ok "REF/5 listed once"
check "the revised text is searchable" db "$I" search zebrafish
contains "found by its new word" "$T_TMP/out" "zebrafish"
expect_status "the replaced text is not" 1 db "$I" search '"Paragraph 5 on asylum"'
check "brief check after an update within a batch" db "$I" check

cp "$T_TMP/f/doc6.md" "$T_TMP/a/same.md"
sed 's/REF\/6/REF\/7/; s/Lead 6/Lead seven/' "$T_TMP/f/doc6.md" >"$T_TMP/b/same.md"
check "two files called same.md in one import" db "$I" import \
    "$T_TMP/a/same.md" "$T_TMP/b/same.md"
contains "the first is added" "$T_TMP/out" "added same "
S2=$(sed -n 2p "$T_TMP/out" | sed -n 's/^added \([^ ]*\).*/\1/p')
[ -n "$S2" ] && [ "$S2" != same ] && ok "the second gets a slug of its own ($S2)" ||
	not_ok "the second gets a slug of its own ('$S2')"
check "show the first" db "$I" show same
contains "the first is a/same.md" "$T_TMP/out" "Lead 6"
check "show the second" db "$I" show "$S2"
contains "the second is b/same.md" "$T_TMP/out" "Lead seven"

# --- a batch tags themes and indexes as one import per file does ------------
if command -v sqlite3 >/dev/null 2>&1; then
	B1="$T_TMP/one-by-one.db"; B2="$T_TMP/batch.db"
	new_index "$B1"; new_index "$B2"
	for f in "$T_TMP"/f/doc[1-6].md; do db "$B1" import -q "$f"; done
	check "the same files in one import" db "$B2" import -q "$T_TMP"/f/doc[1-6].md
	Q="SELECT d.slug, b.seq, t.theme, t.source FROM block_themes t JOIN blocks b ON b.id = t.block_id JOIN documents d ON d.id = b.doc_id ORDER BY 1, 2, 3"
	sqlite3 "$B1" "$Q" >"$T_TMP/themes.1"; sqlite3 "$B2" "$Q" >"$T_TMP/themes.2"
	[ -s "$T_TMP/themes.1" ] && ok "the fixtures have themes" || not_ok "the fixtures have themes"
	same "the same themes" "$T_TMP/themes.1" "$T_TMP/themes.2"
	db "$B1" search --limit 50 detention >"$T_TMP/s.1"
	db "$B2" search --limit 50 detention >"$T_TMP/s.2"
	same "the same search results" "$T_TMP/s.1" "$T_TMP/s.2"
	check "brief check after a batch" db "$B2" check
else
	ok "themes per batch # SKIP no sqlite3 shell"
fi

# --- more files than one batch holds (256): several batches, the next
# parsed while one is written ----------------------------------------------
M="$T_TMP/many.db"; new_index "$M"
mkdir -p "$T_TMP/m"
i=1
while [ "$i" -le 600 ]; do
	printf -- '---\nreference: M/%s\n---\nDear Minister,\n\nNote %s on word%s.\n' "$i" "$i" "$i" >"$T_TMP/m/n$i.md"
	i=$((i + 1))
done
: >"$T_TMP/m/n300.md"			# a bad file in the second batch
sed 's/on word2\./on word2 and quokkas./' "$T_TMP/m/n2.md" >"$T_TMP/m/n599.md"	# updates n2 from the third
ls "$T_TMP"/m/n*.md | sort -V >"$T_TMP/m.list"
# shellcheck disable=SC2046
expect_status "600 files in one import, one of them empty" 3 db "$M" import $(cat "$T_TMP/m.list")
[ "$(lines "$T_TMP/out")" = 599 ] && ok "a line for each other file" || not_ok "a line for each other file ($(lines "$T_TMP/out"))"
contains "the empty one is named" "$T_TMP/err" "n300.md: empty file"
sed -n 598p "$T_TMP/out" >"$T_TMP/last"	# n300 printed none
contains "the last file updates the second's document" "$T_TMP/last" "updated n2 "
sed -n 1p "$T_TMP/out" >"$T_TMP/firstline"
contains "lines in file order" "$T_TMP/firstline" "added n1 "
check "list" db "$M" list
[ "$(grep -c 'M/' "$T_TMP/out")" = 598 ] && ok "598 documents" || not_ok "598 documents ($(grep -c 'M/' "$T_TMP/out"))"
check "a word of the last batch" db "$M" search quokkas
contains "found in n2" "$T_TMP/out" "n2"
check "a word of the first batch" db "$M" search word17
contains "found in n17" "$T_TMP/out" "n17"
check "brief check after several batches" db "$M" check

done_testing
