#!/bin/sh
# format-office.sh: Word (DOCX) and OpenDocument (ODT) files: the fixture
# letter saved by pandoc imports into the same anchors, citations and
# words as its Markdown; lists print their numbers as the document does
# (pandoc's DOCX, LibreOffice's ODT and DOCX); headings, tables, links,
# bold, tracked changes read as accepted, comments and the table of
# contents left out, metadata;
# and every damaged or hostile file is refused with one message, status
# 3 and the index as it was.  Fixtures: tests/fixtures/formats/
# (make-office.sh regenerates them).
. "$srcdir/tests/lib.sh"
F="$FIXTURES/formats"
W="$T_TMP/work"
mkdir -p "$W"

# show DB ARGS...: brief show on one index, ’ written ' (pandoc's smart
# quotes are the one thing it changes in the words).
show() { db=$1; shift; BRIEF_DB="$db" "$BRIEF" show --width 1000 "$@" | sed "s/’/'/g"; }
words() { tr -s ' \t' '\n\n' <"$1" | sed 's/[¹²³⁴⁵]//g' | grep -v '^$' | sort -u; }

# --- the letter: Markdown is the reference -------------------------------
cp "$F/letter.md" "$W/fixture-letter.md"
BRIEF_DB="$T_TMP/md.db" "$BRIEF" import "$W/fixture-letter.md" 2>/dev/null
show "$T_TMP/md.db" fixture-letter >"$T_TMP/show-md"
BRIEF_DB="$T_TMP/md.db" "$BRIEF" footnotes fixture-letter >"$T_TMP/fn-md"
words "$T_TMP/show-md" >"$T_TMP/words-md"
ANCHORS="rec-1 rec-2 rec-2.1 rec-2.2 rec-2.3 rec-3 rec-4 rec-4.1 rec-4.2
fn-1 fn-2 fn-3 fn-4 fn-5"

for fmt in docx odt; do
	db="$T_TMP/$fmt.db"
	cp "$F/letter.$fmt" "$W/fixture-letter.$fmt"
	export BRIEF_DB="$db"
	check "letter.$fmt imports" "$BRIEF" import "$W/fixture-letter.$fmt"
	lacks "letter.$fmt: no warning" "$T_TMP/err" "warning"
	for a in $ANCHORS; do
		show "$T_TMP/md.db" "fixture-letter#$a" >"$T_TMP/want"
		show "$db" "fixture-letter#$a" >"$T_TMP/got"
		same "letter.$fmt: $a as in the Markdown" "$T_TMP/want" "$T_TMP/got"
	done
	expect_status "letter.$fmt: no rec-5" 1 "$BRIEF" show fixture-letter#rec-5
	expect_status "letter.$fmt: no fn-6" 1 "$BRIEF" show fixture-letter#fn-6
	"$BRIEF" footnotes fixture-letter >"$T_TMP/fn-$fmt"
	same "letter.$fmt: the same citations" "$T_TMP/fn-md" "$T_TMP/fn-$fmt"
	show "$db" fixture-letter >"$T_TMP/show-$fmt"
	words "$T_TMP/show-$fmt" >"$T_TMP/words-$fmt"
	comm -23 "$T_TMP/words-md" "$T_TMP/words-$fmt" >"$T_TMP/missing"
	same "letter.$fmt: every word of the Markdown" /dev/null "$T_TMP/missing"
	check "letter.$fmt: search finds a footnote's words" "$BRIEF" search lighthouses
	contains "letter.$fmt: ... in the letter" "$T_TMP/out" "fixture-letter"
	"$BRIEF" list >"$T_TMP/list"
	contains "letter.$fmt: title from the metadata" "$T_TMP/list" "Test fixture letter on river crossings"
	contains "letter.$fmt: reference from the metadata" "$T_TMP/list" "FIXTURE REF 01/2000"
	date=$(sqlite3 "$db" "SELECT date FROM documents WHERE slug = 'fixture-letter'")
	[ "$date" = 2000-01-15 ] && ok "letter.$fmt: date from the metadata" ||
		not_ok "letter.$fmt: date from the metadata ($date)"
	n=$(sqlite3 "$db" "SELECT count(*) FROM spans s JOIN blocks b ON b.id = s.block_id JOIN documents d ON d.id = b.doc_id WHERE d.slug = 'fixture-letter' AND s.kind = 'b' AND b.anchor LIKE 'rec-%'")
	[ "$n" = 4 ] && ok "letter.$fmt: four bold leads" || not_ok "letter.$fmt: four bold leads ($n)"
done

# The last note as an endnote (labelled i): the same anchors and citations.
for fmt in docx odt; do
	export BRIEF_DB="$T_TMP/en-$fmt.db"
	cp "$F/letter-endnote.$fmt" "$W/fixture-letter.$fmt"
	check "letter-endnote.$fmt imports" "$BRIEF" import "$W/fixture-letter.$fmt"
	"$BRIEF" footnotes fixture-letter >"$T_TMP/fn-en"
	same "letter-endnote.$fmt: the same citations" "$T_TMP/fn-md" "$T_TMP/fn-en"
	show "$BRIEF_DB" fixture-letter#fn-5 >"$T_TMP/block"
	contains "letter-endnote.$fmt: the endnote is fn-5" "$T_TMP/block" "Fixture follow-up note, 2000."
done

# --- structures: numbers, headings, tables, links, changes, comments -----
for f in office-structures.docx office-structures.odt office-structures-lo.docx; do
	db="$T_TMP/$f.db"
	export BRIEF_DB="$db"
	cp "$F/$f" "$W/$f"
	check "$f imports" "$BRIEF" import "$W/$f"
	n=$(grep -c "tracked changes read as accepted" "$T_TMP/err")
	[ "$n" = 1 ] && ok "$f: one warning for tracked changes" ||
		not_ok "$f: one warning for tracked changes ($n)"
	doc=${f%.*}
	show "$db" "$doc" >"$T_TMP/show"
	for want in "li-1 1. First numbered request" \
	    "li-1.1 a) Sub-point on locks." "li-1.2 b) Sub-point on towpaths." \
	    "li-1.2.1 i. Detail on lamps." "li-1.2.2 ii. Detail on benches." \
	    "li-2 2. Second numbered request" "li-3 3. Third numbered request" \
	    "sec-1 Purpose of this fixture" "sec-1.1 Numbered requests" \
	    "sec-1.2 Figures" "sec-2 Closing remarks"; do
		a=${want%% *}
		show "$db" "$doc#$a" | head -1 >"$T_TMP/block"
		contains "$f: $a prints '${want#* }'" "$T_TMP/block" "${want#* }"
	done
	show "$db" "$doc#title" >"$T_TMP/block"
	contains "$f: the Title paragraph is the title" "$T_TMP/block" "Test fixture on office structures"
	show "$db" "$doc#tbl-1" >"$T_TMP/block"
	contains "$f: a table" "$T_TMP/block" "North ferry"
	contains "$f: ... with its rows" "$T_TMP/block" "South ferry"
	check "$f: a table cell is searchable" "$BRIEF" search ferry
	contains "$f: ... found in the table" "$T_TMP/out" "$doc"
	contains "$f: an insertion is kept" "$T_TMP/show" "inserted during review"
	lacks "$f: a deletion is dropped" "$T_TMP/show" "gravel"
	lacks "$f: a comment is not text" "$T_TMP/show" "kites"
	contains "$f: the commented text stays" "$T_TMP/show" "a remark left in the margin"
	lacks "$f: the table of contents is not read" "$T_TMP/show" "Table of Contents"
	t=$(sqlite3 "$db" "SELECT s.target FROM spans s JOIN blocks b ON b.id = s.block_id JOIN documents d ON d.id = b.doc_id WHERE d.slug = '$doc' AND s.kind = 'l'")
	[ "$t" = "https://example.org/fixture" ] && ok "$f: the link's target" ||
		not_ok "$f: the link's target ($t)"
	k=$(sqlite3 "$db" "SELECT group_concat(s.kind, '') FROM spans s JOIN blocks b ON b.id = s.block_id JOIN documents d ON d.id = b.doc_id WHERE d.slug = '$doc' AND b.text LIKE 'A closing paragraph%'")
	case "$k" in *b*i*|*i*b*) ok "$f: bold and italic runs";;
	*) not_ok "$f: bold and italic runs ($k)";; esac
	a=$(sqlite3 "$db" "SELECT author FROM documents WHERE slug = '$doc'")
	[ "$a" = "Fixture Author" ] && ok "$f: author from the metadata" ||
		not_ok "$f: author from the metadata ($a)"
done

# A link target with C1 controls (XML allows them) is stored clean.
export BRIEF_DB="$T_TMP/hostile.db"
cp "$F/hostile-link.docx" "$W/hostile-link.docx"
check "hostile-link.docx imports" "$BRIEF" import "$W/hostile-link.docx"
sqlite3 "$BRIEF_DB" "SELECT s.target FROM spans s JOIN blocks b ON b.id = s.block_id JOIN documents d ON d.id = b.doc_id WHERE d.slug = 'hostile-link' AND s.kind = 'l'" >"$T_TMP/target"
contains "hostile-link.docx: the link is kept" "$T_TMP/target" "https://example.org/"
if LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$T_TMP/target"; then
	not_ok "hostile-link.docx: no C1 control in the target"
else
	ok "hostile-link.docx: no C1 control in the target"
fi

# --- bad input: one message naming the file, status 3, index unchanged ---
export BRIEF_DB="$T_TMP/bad.db"
"$BRIEF" import "$W/fixture-letter.docx" 2>/dev/null
"$BRIEF" list >"$T_TMP/list-before"
sum=$(cksum <"$BRIEF_DB")
bad() {
	file=$1 msg=$2
	cp "$F/$file" "$W/$file"
	expect_status "$file is refused (status 3)" 3 "$BRIEF" import "$W/$file"
	contains "$file: the message names the file" "$T_TMP/err" "$W/$file:"
	contains "$file: $msg" "$T_TMP/err" "$msg"
	n=$(wc -l <"$T_TMP/err")
	[ "$n" = 1 ] && ok "$file: one message" || not_ok "$file: one message ($n)"
	"$BRIEF" list >"$T_TMP/list-after"
	same "$file: the list is as it was" "$T_TMP/list-before" "$T_TMP/list-after"
	[ "$(cksum <"$BRIEF_DB")" = "$sum" ] && ok "$file: the index file is as it was" ||
		not_ok "$file: the index file is as it was"
}
bad bad-malformed.docx "word/document.xml: line 2: not well-formed XML"
bad bad-malformed.odt "content.xml: line "
bad bad-deep.docx "word/document.xml: line 1: not well-formed XML (Excessive depth in document: 256)"
bad bad-laughs.docx "word/document.xml: has a document type declaration"
bad bad-bomb.docx "word/document.xml: expands beyond 64 MB (a ZIP bomb?)"
bad bad-ratio.docx "word/document.xml: expands more than 100 times its compressed size (a ZIP bomb?)"
bad bad-lying.docx "word/document.xml: expands more than 100 times"
bad bad-other.zip "not a format brief reads (PDF, DOCX, ODT, HTML, Markdown, text)"
bad bad-truncated.docx "not a readable ZIP archive"
# PDF bytes under a .docx name are not read as Word: whatever reads
# them says what is wrong with them.
bad bad-pdf.docx "brief: "
lacks "bad-pdf.docx is not called a ZIP" "$T_TMP/err" "ZIP"

done_testing
