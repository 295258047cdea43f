#!/bin/sh
# format-pdf.sh: the PDF reader (db/read/pdf*.c) on the fixtures made by
# tests/fixtures/formats/make-pdf.sh: the fixture letter imports into the
# same anchors, citations and words as its Markdown text; two columns read
# column by column with no running header or page number inside a
# sentence; headings are sections; words broken at line ends are rejoined
# only where the hyphen was the break's; page anchors; and every bad PDF
# gets one clear message, exit 3 and the index as it was.
. "$srcdir/tests/lib.sh"
F="$FIXTURES/formats"
DB="$T_TMP/index.db"
b() { "$BRIEF" --db "$DB" "$@"; }

cp "$F/letter.md" "$T_TMP/letter-md.md"
cp "$F/letter.pdf" "$T_TMP/letter-pdf.pdf"
check "the fixture letter imports as Markdown and as PDF" \
    b import "$T_TMP/letter-md.md" "$T_TMP/letter-pdf.pdf"

# --- the letter: the same anchors, citations and words ----------------------
for a in rec-1 rec-2 rec-3 rec-4 rec-2.1 rec-2.2 rec-2.3 rec-4.1 rec-4.2 \
    fn-1 fn-2 fn-3 fn-4 fn-5; do
	# pandoc's typographic apostrophe is the PDF's own character.
	b show --width 200 "letter-md#$a" >"$T_TMP/md.$a" 2>&1
	b show --width 200 "letter-pdf#$a" 2>&1 | sed "s/’/'/g" \
	    >"$T_TMP/pdf.$a"
	same "letter.pdf#$a is the Markdown letter's $a" "$T_TMP/md.$a" \
	    "$T_TMP/pdf.$a"
done
b show "letter-pdf#rec-2.3" >"$T_TMP/out" 2>&1
contains "rec-2.3 is the third sub-item" "$T_TMP/out" \
    "the office publishes what it found."
b footnotes letter-md | sed 's/^letter-md#//' >"$T_TMP/fn-md"
b footnotes letter-pdf | sed 's/^letter-pdf#//' >"$T_TMP/fn-pdf"
same "the same blocks cite the same notes" "$T_TMP/fn-md" "$T_TMP/fn-pdf"
contains "five notes cited" "$T_TMP/fn-pdf" "fn-5  rec-4.2  Fixture follow-up note, 2000."

# Every word of the text is in the PDF; the PDF adds only the title and
# date pandoc prints from the front matter.
words() {
	b show --width 2000 "$1" | sed "s/’/'/g" | tr -cs "A-Za-z0-9'" '\n' |
	    sort -u
}
words letter-md >"$T_TMP/w-md"
words letter-pdf >"$T_TMP/w-pdf"
comm -23 "$T_TMP/w-md" "$T_TMP/w-pdf" >"$T_TMP/missing"
same "no word of the letter is lost" /dev/null "$T_TMP/missing"
printf '%s\n' Test fixture letter on river crossings 2000 01 15 | sort -u \
    >"$T_TMP/front"
comm -13 "$T_TMP/w-md" "$T_TMP/w-pdf" | comm -23 - "$T_TMP/front" \
    >"$T_TMP/extra"
same "no word added but the title and date" /dev/null "$T_TMP/extra"

check "page-1 resolves" b show "letter-pdf#page-1"
contains "page-1 is the letter's first page" "$T_TMP/out" \
    "Test fixture letter on river crossings"

# --- two columns, running header, page numbers ------------------------------
check "the two-column PDF imports" b import "$F/columns.pdf"
b show --width 2000 columns >"$T_TMP/columns"
# paragraphs FILE N: lines 1..N are whole paragraphs, in order, with
# nothing inside their sentences.
paragraphs() {
	grep '^Paragraph' "$1" >"$T_TMP/paras"
	awk -v n="$2" '
	    { want = "^Paragraph " NR " opens here: [a-z ,]+ and so the " \
		"record is complete\\. End of paragraph " NR "\\.$"
	      if ($0 !~ want) { print "bad: " $0; bad = 1 } }
	    END { if (NR != n) { print NR " paragraphs"; bad = 1 }
		  exit bad }' "$T_TMP/paras"
}
check "columns read in order, no header or page number in a sentence" \
    paragraphs "$T_TMP/columns" 18
lacks "the running header is dropped" "$T_TMP/columns" \
    "Test fixture briefing on canal locks"
grep -x '[0-9][0-9]*' "$T_TMP/columns" >"$T_TMP/numbers"
same "no page number on a line of its own" /dev/null "$T_TMP/numbers"
b show "columns#sec-1" >"$T_TMP/out" 2>&1
contains "1. Background is section 1" "$T_TMP/out" "Background"
b show "columns#sec-2.1" >"$T_TMP/out" 2>&1
contains "2.1 Ledgers is section 2.1" "$T_TMP/out" "Ledgers"
b show "columns#sec-4" >"$T_TMP/out" 2>&1
contains "4. Conclusions is section 4" "$T_TMP/out" "Conclusions"
b list >"$T_TMP/out"
contains "the title is the document's" "$T_TMP/out" "Two-column test fixture"
b show --width 2000 "columns#page-2" >"$T_TMP/out" 2>&1
contains "page-2 is the first block starting on page 2" "$T_TMP/out" \
    "Paragraph 11 opens here"

# --- several pages: running header and footer, broken words, a list ---------
check "the multi-page PDF imports" b import "$F/running.pdf"
b show --width 2000 running >"$T_TMP/running"
check "paragraphs go on across pages" paragraphs "$T_TMP/running" 13
lacks "the running header is dropped" "$T_TMP/running" "running header"
lacks "the 'Page N of M' footer is dropped" "$T_TMP/running" " of 3"
contains "a line-break hyphen goes" "$T_TMP/running" "its obligations to"
contains "Port-au-Prince keeps its hyphens" "$T_TMP/running" "of Port-au-Prince and"
contains "rights-compliant keeps its hyphen" "$T_TMP/running" "human rights-compliant survey"
contains "evidence-based keeps its hyphen" "$T_TMP/running" "the evidence-based method"
contains "a compound the document writes whole keeps its hyphen" \
    "$T_TMP/running" "a well-known gate and a well-known lock."
b show "running#sec-3" >"$T_TMP/out" 2>&1
contains "a bold line at the body size is a heading" "$T_TMP/out" "Findings"
b show --width 2000 "running#li-3" >"$T_TMP/out" 2>&1
contains "numbered items are list items" "$T_TMP/out" \
    "Send the ledger to the fixture office before the end of the month, with a note of every repair made to the gates."
b search --doc running obligations >"$T_TMP/out"
contains "the rejoined word is searchable" "$T_TMP/out" "running"

# --- printed numbers and pages, as stored -----------------------------------
sqlite3 "$DB" "SELECT d.slug, b.anchor, b.number, b.page FROM blocks b
    JOIN documents d ON d.id = b.doc_id WHERE b.number IS NOT NULL
    ORDER BY d.slug, b.seq" >"$T_TMP/numbers"
cat >"$T_TMP/want" <<EOF
columns|sec-1|1.|1
columns|sec-2|2.|1
columns|sec-2.1|2.1|1
columns|sec-2.2|2.2|1
columns|sec-3|3.|2
columns|sec-4|4.|2
running|li-1|1.|3
running|li-2|2.|3
running|li-3|3.|3
EOF
same "heading and item numbers kept apart as printed, with their pages" \
    "$T_TMP/want" "$T_TMP/numbers"

# --- progress on a terminal, none elsewhere --------------------------------
if command -v script >/dev/null 2>&1; then
	script -qec "'$BRIEF' --db '$T_TMP/tty.db' import '$F/running.pdf'" \
	    /dev/null >"$T_TMP/tty" 2>&1 </dev/null
	contains "a progress line on a terminal" "$T_TMP/tty" \
	    "reading PDF page 3 of 3"
else
	ok "# SKIP no script(1) for a terminal"
fi
b import "$F/running.pdf" 2>"$T_TMP/err"
lacks "no progress line when stderr is not a terminal" "$T_TMP/err" \
    "reading PDF page"

# --- endnotes: raised numbers citing the list under "Notes" ------------------
check "a PDF with endnotes imports" b import "$F/endnotes.pdf"
b footnotes endnotes >"$T_TMP/out"
cat >"$T_TMP/want" <<EOF
endnotes#fn-1  p-1  Fixture ledger rules, part one.
endnotes#fn-2  p-1  Fixture copying order, second edition.
endnotes#fn-3  p-2  Fixture archive guide, page 12.
EOF
same "the notes under 'Notes' are cited by the raised numbers" \
    "$T_TMP/want" "$T_TMP/out"

# --- a bold lead-in filling its line stays in its paragraph ------------------
check "a PDF with a long bold lead-in imports" b import "$F/boldlead.pdf"
b show --width 2000 "boldlead#p-1" >"$T_TMP/out" 2>&1
echo "The fixture office asks every keeper of every lock on the canal to keep the ledgers open to the public at all hours. The ledgers list each boat, its cargo and its crew, and the fees paid at each gate." >"$T_TMP/want"
same "the bold lead-in and the rest are one paragraph" "$T_TMP/want" "$T_TMP/out"
expect_status "the bold line is no section" 1 b show "boldlead#sec-1"

# --- a pull-quote beside the text ---------------------------------------------
check "a PDF with a pull-quote in a frame imports" b import "$F/boxes.pdf"
b show --width 2000 boxes >"$T_TMP/boxes"
check "the paragraph beside the quote reads whole" paragraphs "$T_TMP/boxes" 3
grep -x 'A pull-quote from the fixture: the gates stay open all night' \
    "$T_TMP/boxes" >"$T_TMP/quote"
check "the quote is a block of its own" test -s "$T_TMP/quote"

# --- metadata: the info's title, author and date where the text has none ----
check "a PDF with its metadata imports" b import "$F/meta.pdf"
sqlite3 "$DB" "SELECT title, author, date FROM documents WHERE slug = 'meta'" \
    >"$T_TMP/out"
echo "Fixture metadata title|Fixture Author|2001-02-03" >"$T_TMP/want"
same "title, author and ISO date from the PDF's info" "$T_TMP/want" "$T_TMP/out"
check "a PDF whose info title is a file name imports" b import "$F/wordtitle.pdf"
sqlite3 "$DB" "SELECT title FROM documents WHERE slug = 'wordtitle'" >"$T_TMP/out"
lacks "a file name is not taken for the title" "$T_TMP/out" "Microsoft Word"

# --- bad input: one message, exit 3, the index as it was ---------------------
b list >"$T_TMP/before"
# bad DESC MESSAGE FILE [OPTION...]
bad() {
	d=$1 msg=$2 f=$3
	shift 3
	expect_status "$d: exit 3" 3 b import "$@" "$f"
	contains "$d: says so" "$T_TMP/err" "$msg"
	contains "$d: names the file" "$T_TMP/err" "$f"
	b list >"$T_TMP/after"
	same "$d: the index is as it was" "$T_TMP/before" "$T_TMP/after"
}
bad "encrypted" "encrypted PDF: give its password with --password" \
    "$F/encrypted.pdf"
bad "wrong password" "encrypted PDF: the password given does not open it" \
    "$F/encrypted.pdf" --password nope
bad "truncated" "damaged PDF: " "$F/truncated.pdf"
printf '%%PDF-1.4\n%s\n' "this is not a PDF body" >"$T_TMP/garbage.pdf"
bad "a PDF header and nothing else" "damaged PDF: " "$T_TMP/garbage.pdf"
bad "no text layer" "no text in this PDF (a scan?)" "$F/scan.pdf"

# empty_pdf N: a PDF of N empty pages, each its own small page object.
empty_pdf() {
	awk -v n="$1" 'BEGIN {
		printf "%%PDF-1.4\n"; off = 9
		o[1] = off; s = "1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
		printf "%s", s; off += length(s)
		kids = ""
		for (i = 0; i < n; i++) kids = kids (i + 3) " 0 R "
		o[2] = off
		s = "2 0 obj <</Type /Pages /Kids [" kids "] /Count " n ">> endobj\n"
		printf "%s", s; off += length(s)
		for (i = 0; i < n; i++) {
			o[i + 3] = off
			s = (i + 3) " 0 obj <</Type /Page /Parent 2 0 R " \
			    "/MediaBox [0 0 612 792]>> endobj\n"
			printf "%s", s; off += length(s)
		}
		printf "xref\n0 %d\n0000000000 65535 f \n", n + 3
		for (i = 1; i < n + 3; i++) printf "%010d 00000 n \n", o[i]
		printf "trailer <</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n",
		    n + 3, off
	}'
}
empty_pdf 10000 >"$T_TMP/empty.pdf"
bad "10,000 empty pages" "no text in this PDF (a scan?)" "$T_TMP/empty.pdf"

# --- the right password opens it --------------------------------------------
check "--password opens an encrypted PDF" \
    b import --password fixture-pw "$F/encrypted.pdf"
b footnotes encrypted | sed 's/^encrypted#//' >"$T_TMP/fn-enc"
same "the encrypted letter cites like the letter" "$T_TMP/fn-md" "$T_TMP/fn-enc"

done_testing
