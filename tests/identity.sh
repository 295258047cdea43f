#!/bin/sh
# identity.sh: a document is never replaced by accident.  Which document
# a file is (reference, source file, front matter slug, --replace), the
# slug a different document gets, the line 'brief import' prints per
# file, --dry-run, 'brief rm' and 'check --prune', and slugs that keep
# their letters.  The letters here are fixtures written by the test.
. "$srcdir/tests/lib.sh"
DB="$T_TMP/index.db"
R="$T_TMP/review.db"
br() { "$BRIEF" --db "$DB" "$@"; }
lines() { wc -l <"$1" | tr -d ' '; }
# slug_of FILE: the slug an 'added'/'updated'/'unchanged' line names.
slug_of() { sed -n 's/^[a-z ]*\(added\|updated\|unchanged\) \([^ ]*\).*/\2/p' "$1" | head -1; }
hash_db() { sha256sum "$DB" | cut -d' ' -f1; }

mkdir -p "$T_TMP/a" "$T_TMP/b" "$T_TMP/c"
printf 'Dear Minister,\n\nWe write about asylum at the borders.\n\n- **Lead.** Protect people seeking safety.\n- **Act.** Stop pushbacks.\n\nYours sincerely,\n' >"$T_TMP/a/letter.txt"
printf 'Dear Prime Minister,\n\nA different letter, about spyware.\n\n- **Ban spyware.** Now.[^1]\n\n[^1]: A report on spyware.\n' >"$T_TMP/b/letter.txt"

# --- two files called letter.txt -------------------------------------------
check "import a/letter.txt" br import "$T_TMP/a/letter.txt"
[ "$(lines "$T_TMP/out")" = 1 ] && ok "one line for a/letter.txt" || not_ok "one line for a/letter.txt ($(lines "$T_TMP/out"))"
contains "a/letter.txt is added" "$T_TMP/out" "added "
contains "the bundled letter keeps its slug: the new one is told why" "$T_TMP/out" "slug letter is taken by another document"
contains "the line counts recommendations" "$T_TMP/out" "(letter, 2 recommendations, 0 footnotes;"
A=$(slug_of "$T_TMP/out")
check "import b/letter.txt" br import "$T_TMP/b/letter.txt"
[ "$(lines "$T_TMP/out")" = 1 ] && ok "one line for b/letter.txt" || not_ok "one line for b/letter.txt"
contains "b/letter.txt is added" "$T_TMP/out" "added "
contains "b/letter.txt counts its footnote" "$T_TMP/out" "1 recommendation, 1 footnote;"
B=$(slug_of "$T_TMP/out")
[ -n "$A" ] && [ -n "$B" ] && [ "$A" != "$B" ] && [ "$A" != letter ] && [ "$B" != letter ] &&
	ok "different slugs ($A, $B)" || not_ok "different slugs ('$A', '$B')"
br list >"$T_TMP/list"
contains "the bundled letter is still there" "$T_TMP/list" "TIGO IOR 10/2023.4926"
contains "a/letter.txt is listed" "$T_TMP/list" "$A "
contains "b/letter.txt is listed" "$T_TMP/list" "$B "
[ "$(lines "$T_TMP/list")" -ge 4 ] && ok "three documents and the missing annex" || not_ok "three documents listed"
check "show the first" br show "$A"
contains "the first is a/letter.txt" "$T_TMP/out" "Stop pushbacks"
check "show the second" br show "$B"
contains "the second is b/letter.txt" "$T_TMP/out" "Ban spyware"

# --- again: unchanged, and the same document by any name of the file -------
check "import a/letter.txt again" br import "$T_TMP/a/letter.txt"
contains "says unchanged" "$T_TMP/out" "unchanged $A"
lacks "nothing added" "$T_TMP/out" "added"
(cd "$T_TMP/a" && "$BRIEF" --db "$DB" import ./letter.txt) >"$T_TMP/out" 2>&1
contains "a relative name of the same file is the same document" "$T_TMP/out" "unchanged $A"
check "import both again" br import "$T_TMP/a/letter.txt" "$T_TMP/b/letter.txt"
[ "$(lines "$T_TMP/out")" = 2 ] && ok "one line per file" || not_ok "one line per file"
contains "b is unchanged too" "$T_TMP/out" "unchanged $B"
check "-q is quiet" br import -q "$T_TMP/b/letter.txt"
[ -s "$T_TMP/out" ] && not_ok "-q prints nothing" || ok "-q prints nothing"
mkdir -p "$T_TMP/copy" && cp "$T_TMP/b/letter.txt" "$T_TMP/copy/letter.txt"
check "a copy of b/letter.txt elsewhere" br import "$T_TMP/copy/letter.txt"
contains "is the same document: the same bytes" "$T_TMP/out" "unchanged $B (matched by identical text)"

# --- updating keeps the review data, changed since reviewed -----------------
check "a note on the first" br --review "$R" note "$A#rec-1" "Ask about Greece"
sed 's/Protect people/Protect all people/' "$T_TMP/a/letter.txt" >"$T_TMP/a/new" && mv "$T_TMP/a/new" "$T_TMP/a/letter.txt"
check "import the edited file" br import "$T_TMP/a/letter.txt"
contains "says updated, under its slug" "$T_TMP/out" "updated $A (letter, 2 recommendations"
check "check after the edit" br check --review "$R"
contains "the note is changed since reviewed" "$T_TMP/out" "$A#rec-1: changed since reviewed (unread, 1 note)"

# --- matched by reference ---------------------------------------------------
printf -- '---\nreference: REF-2024/7\n---\nDear Commissioner,\n\nFirst version.\n\n- **Ask.** One thing.\n' >"$T_TMP/c/draft.md"
check "a document with a reference" br import "$T_TMP/c/draft.md"
contains "added as draft" "$T_TMP/out" "added draft ("
printf -- '---\nreference: REF-2024/7\n---\nDear Commissioner,\n\nFinal version.\n\n- **Ask.** Two things.\n' >"$T_TMP/c/final.md"
check "another file with its reference" br import "$T_TMP/c/final.md"
contains "updates it and names the match" "$T_TMP/out" "updated draft (letter, 1 recommendation, 0 footnotes; matched by reference REF-2024/7)"
br list >"$T_TMP/list"
grep -c "REF-2024/7" "$T_TMP/list" >"$T_TMP/n" || :
contains "no second document" "$T_TMP/n" "1"

# --- a pipe has no identity: what comes through it next is another document
printf 'Piped\n\nFirst text through a pipe.\n' | br import /dev/stdin >"$T_TMP/out" 2>&1
contains "a piped document is added" "$T_TMP/out" "added stdin ("
printf 'Piped\n\nSecond text through a pipe.\n' | br import /dev/stdin >"$T_TMP/out" 2>&1
contains "the next one does not replace it" "$T_TMP/out" "slug stdin is taken by another document"
br show stdin >"$T_TMP/show"
contains "the first is still there" "$T_TMP/show" "First text"

# --- front matter slug, --replace --------------------------------------------
printf -- '---\nslug: budget-note\n---\nBudget\n\nA first note on the budget.\n' >"$T_TMP/c/x.md"
printf -- '---\nslug: budget-note\n---\nBudget\n\nA second note on the budget.\n' >"$T_TMP/c/y.md"
check "front matter slug" br import "$T_TMP/c/x.md"
contains "is the slug" "$T_TMP/out" "added budget-note ("
check "another file naming the same slug" br import "$T_TMP/c/y.md"
contains "is the same document" "$T_TMP/out" "updated budget-note ("
printf 'Renamed\n\nThe third note on the budget.\n' >"$T_TMP/c/renamed.txt"
check "--replace names the document" br import --replace budget-note "$T_TMP/c/renamed.txt"
contains "--replace updates it" "$T_TMP/out" "updated budget-note ("
br show budget-note >"$T_TMP/show"
contains "with the new text" "$T_TMP/show" "third note"
expect_status "--replace an unknown document" 1 br import --replace no-such-doc "$T_TMP/c/renamed.txt"
contains "names it" "$T_TMP/err" "no-such-doc: no such document"
expect_status "--replace takes one file" 2 br import --replace budget-note "$T_TMP/c/x.md" "$T_TMP/c/y.md"

# --- --dry-run changes nothing ----------------------------------------------
printf 'Dear Minister,\n\nA third letter.\n' >"$T_TMP/c/letter.txt"
before=$(hash_db)
check "--dry-run a new file" br import --dry-run "$T_TMP/c/letter.txt"
contains "--dry-run says what it would do" "$T_TMP/out" "would add"
contains "--dry-run says why the slug" "$T_TMP/out" "slug letter is taken by another document"
sed 's/all people/every person/' "$T_TMP/a/letter.txt" >"$T_TMP/a/new" && mv "$T_TMP/a/new" "$T_TMP/a/letter.txt"
check "--dry-run a changed file" br import -n "$T_TMP/a/letter.txt"
contains "--dry-run would update" "$T_TMP/out" "would update $A"
[ "$before" = "$(hash_db)" ] && ok "--dry-run leaves the index byte for byte" || not_ok "--dry-run leaves the index byte for byte"
br list >"$T_TMP/list"
lacks "nothing was added" "$T_TMP/list" "third letter"
check "--dry-run with no index creates none" "$BRIEF" --db "$T_TMP/none.db" import --dry-run "$T_TMP/a/letter.txt"
contains "and says what it would do" "$T_TMP/out" "would add"
[ -e "$T_TMP/none.db" ] && not_ok "no index file was made" || ok "no index file was made"

# --- rm, then check lists the orphans, then check --prune -------------------
check "a status on the second" br --review "$R" review "$B#rec-1" flagged
check "rm" br rm "$B"
contains "rm says so" "$T_TMP/out" "removed $B"
br list >"$T_TMP/list"
lacks "it is gone from the list" "$T_TMP/list" "$B "
check "check after rm" br check --review "$R"
contains "check lists its review data as gone" "$T_TMP/out" "$B#rec-1: gone since reviewed (flagged"
expect_status "rm an unknown document" 1 br rm no-such-doc
contains "rm names it" "$T_TMP/err" "no-such-doc: no such document"
expect_status "rm does not take a prefix" 1 br rm budget
br list >"$T_TMP/list"
contains "the prefix removed nothing" "$T_TMP/list" "budget-note"
expect_status "rm needs a document" 2 br rm
check "check --prune" br check --review "$R" --prune
contains "--prune says how many" "$T_TMP/out" "pruned 1 orphaned review entry"
lacks "the orphan is gone" "$T_TMP/out" "$B#rec-1"
contains "the changed note is kept" "$T_TMP/out" "$A#rec-1: changed since reviewed"
check "notes after --prune" br --review "$R" notes
contains "the note on a document still there is kept" "$T_TMP/out" "Ask about Greece"

# --- slugs keep their letters --------------------------------------------------
mkdir -p "$T_TMP/u"
for f in "étude.txt" "Résumé (final).md" "αβ.txt" "γδ.txt" "Łódź.txt"; do
	printf 'A note.\n\nAbout %s.\n' "$f" >"$T_TMP/u/$f"
done
printf 'Migration Report\n\nText.\n' >"$T_TMP/u/???.txt"
check "étude.txt" br import "$T_TMP/u/étude.txt"
contains "is etude" "$T_TMP/out" "added etude ("
check "Résumé (final).md" br import "$T_TMP/u/Résumé (final).md"
contains "is resume-final" "$T_TMP/out" "added resume-final ("
check "αβ.txt" br import "$T_TMP/u/αβ.txt"
contains "is αβ" "$T_TMP/out" "added αβ ("
check "γδ.txt" br import "$T_TMP/u/γδ.txt"
contains "is γδ, not a second doc" "$T_TMP/out" "added γδ ("
check "Łódź.txt" br import "$T_TMP/u/Łódź.txt"
contains "is lodz" "$T_TMP/out" "added lodz ("
check "a name with no letters" br import "$T_TMP/u/???.txt"
contains "takes its slug from the title" "$T_TMP/out" "added migration-report ("
check "show αβ" br show αβ
contains "by its Greek slug" "$T_TMP/out" "About αβ.txt"

# --- list shows the date ---------------------------------------------------------
printf -- '---\ndate: 2023-06-26\n---\nDated\n\nA dated note.\n' >"$T_TMP/c/dated.md"
check "a dated document" br import "$T_TMP/c/dated.md"
br list >"$T_TMP/list"
grep '^dated ' "$T_TMP/list" >"$T_TMP/dated" || :
contains "list shows its date" "$T_TMP/dated" "2023-06-26"

# --- many footnotes: a guard against a quadratic import, not a timing -----
# (10,000 notes cited ten times each took 28 s when every marker scanned
# every block; bench/run measures the real cost.)
awk 'BEGIN { print "Footnote-heavy fixture\n"
	for (i = 1; i <= 10000; i++) { printf "Paragraph %d", i
		for (j = 0; j < 10; j++) printf " cites[^%d]", (i * 10 + j) % 10000 + 1
		print ".\n" }
	for (k = 1; k <= 10000; k++) printf "[^%d]: Note %d.\n\n", k, k }' >"$T_TMP/notes.md"
check "10,000 footnotes x 10 markers import within 20 s" timeout "$(slow 20)" "$BRIEF" --db "$T_TMP/notes.db" import "$T_TMP/notes.md"
contains "and all of them count" "$T_TMP/out" "added notes (briefing, 0 recommendations, 10000 footnotes)"
check "the citations are there" "$BRIEF" --db "$T_TMP/notes.db" footnotes notes#fn-10000
contains "fn-10000 is cited by paragraphs" "$T_TMP/out" "notes#fn-10000  p-"

check "check at the end" br check
contains "the index is sound" "$T_TMP/out" "index.db: ok"
done_testing
