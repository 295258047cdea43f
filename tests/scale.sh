#!/bin/sh
# tests/scale.sh: one huge line stays cheap.  Import cuts long paragraphs
# into parts of at most 8 KB (anchors p-1, p-1~2, ...), search answers at
# once, snippets of long blocks in an older index come from a bounded
# window.  The timeouts only catch hangs and quadratic blow-ups.
. "$srcdir/tests/lib.sh"

DB="$T_TMP/index.db"
new_index "$DB"

# A 10 MB document on one line: sentences of single-spaced words.
awk 'BEGIN {
	split("policy rights Council members asylum review human states the of", w, " ")
	n = 0; line = ""
	while (n < 10 * 1024 * 1024) {
		s = "Sentence " n " on " w[n % 10 + 1] " and " w[(n * 7) % 10 + 1] " matters."
		printf "%s%s", (n ? " " : ""), s
		n += length(s) + 1
	}
	printf "\n"
}' >"$T_TMP/huge.txt"
check "a 10 MB one-line document imports" timeout "$(slow 120)" "$BRIEF" import --db "$DB" "$T_TMP/huge.txt"
expect_status "search asylum answers (no hang)" 0 timeout "$(slow 20)" "$BRIEF" search --db "$DB" asylum
contains "search finds the huge document" "$T_TMP/out" "huge#p-1"
check "search's lines stay short" test "$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$T_TMP/out")" -lt 400
check "show the first part" "$BRIEF" show --db "$DB" huge#p-1
check "show a later part" "$BRIEF" show --db "$DB" huge#p-1~2
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$DB" "SELECT max(length(CAST(b.text AS BLOB))), count(*) FROM blocks b \
	    JOIN documents d ON d.id = b.doc_id WHERE d.slug = 'huge'" >"$T_TMP/sizes"
	max=$(cut -d'|' -f1 "$T_TMP/sizes"); parts=$(cut -d'|' -f2 "$T_TMP/sizes")
	check "no part over 8192 bytes ($max)" test "$max" -le 8192
	check "about 10 MB / 8 KB parts ($parts)" test "$parts" -ge 1280
	sqlite3 "$DB" "SELECT group_concat(text, ' ') FROM (SELECT b.text FROM blocks b \
	    JOIN documents d ON d.id = b.doc_id WHERE d.slug = 'huge' AND b.kind IN ('paragraph', 'title') \
	    ORDER BY b.seq)" >"$T_TMP/joined"
	check "the parts joined by a space are the line" cmp -s "$T_TMP/joined" "$T_TMP/huge.txt"
	sqlite3 "$DB" "SELECT b.anchor FROM blocks b JOIN documents d ON d.id = b.doc_id \
	    WHERE d.slug = 'huge' ORDER BY b.seq LIMIT 3" | tr '\n' ' ' >"$T_TMP/anchors"
	contains "anchors p-1, p-1~2, p-1~3" "$T_TMP/anchors" "p-1 p-1~2 p-1~3 "
	check "each part ends a sentence" test "$(sqlite3 "$DB" "SELECT count(*) FROM blocks b \
	    JOIN documents d ON d.id = b.doc_id WHERE d.slug = 'huge' AND b.text NOT LIKE '%.'")" = 0
else
	ok "part sizes # SKIP no sqlite3 shell"
fi

# Re-import: the same anchors.
check "re-import of the huge document" timeout "$(slow 120)" "$BRIEF" import --db "$DB" "$T_TMP/huge.txt"
check "  p-1~2 is still there" "$BRIEF" show --db "$DB" huge#p-1~2

# One word of 20000 two-byte letters: cut between characters.
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "é"; printf "\n" }' >"$T_TMP/word.txt"
check "an unbroken 40 KB word imports" "$BRIEF" import --db "$DB" "$T_TMP/word.txt"
"$BRIEF" show --db "$DB" word >"$T_TMP/word.out" 2>&1
check "its parts are valid UTF-8" iconv -f UTF-8 -t UTF-8 "$T_TMP/word.out" -o /dev/null
check "  nothing lost" test "$(tr -cd 'é' <"$T_TMP/word.out" | wc -c)" = 40000

# An index from before the split: one block of 2 MB.  Its snippet comes
# from a bounded window around the first match.
if command -v sqlite3 >/dev/null 2>&1; then
	head -c 2000000 "$T_TMP/huge.txt" >"$T_TMP/2mb"
	cp "$DB" "$T_TMP/old.db"
	sqlite3 "$T_TMP/old.db" "UPDATE blocks SET text = CAST(readfile('$T_TMP/2mb') AS TEXT) \
	    WHERE anchor = 'p-3' AND doc_id = (SELECT id FROM documents WHERE slug = 'letter')"
	expect_status "a 2 MB block: search answers" 0 timeout "$(slow 20)" "$BRIEF" search --db "$T_TMP/old.db" asylum doc:letter
	contains "  with a snippet from it" "$T_TMP/out" "letter#p-3"
	grep 'letter#p-3' "$T_TMP/out" >"$T_TMP/line"
	contains "  the match marked" "$T_TMP/line" "[asylum]"
	check "  a short snippet" test "$(wc -c <"$T_TMP/line")" -lt 400
fi

# --- out of memory -----------------------------------------------------------
# Under a memory limit a document too big to hold is "out of memory",
# status 3: never an abort, never "damaged index".  (Skipped where the
# binary cannot run under the limit at all: sanitizers, valgrind.)
tr '\n' ' ' <"$T_TMP/huge.txt" >"$T_TMP/20mb.txt"
tr '\n' ' ' <"$T_TMP/huge.txt" >>"$T_TMP/20mb.txt"
echo >>"$T_TMP/20mb.txt"
# The address space a tiny import needs here (the libraries mapped vary
# from one machine to another, and readers loaded as modules map only
# when used), found by bisection to within 1 MB; none where nothing runs
# under ulimit -v.
echo "A short note." >"$T_TMP/tiny.txt"
tiny_runs() {
	rm -f "$T_TMP/tiny.db"
	(ulimit -v "$1" && exec "$BRIEF" import --db "$T_TMP/tiny.db" "$T_TMP/tiny.txt") \
	    >/dev/null 2>&1
}
base=
if tiny_runs 400000; then
	lo=0 hi=400000
	while [ $((hi - lo)) -gt 1000 ]; do
		mid=$(((lo + hi) / 2))
		if tiny_runs $mid; then hi=$mid; else lo=$mid; fi
	done
	base=$hi
fi
LIMIT=$(( ${base:-0} + 15000 ))	# KB: brief runs, 20 MB does not fit
if [ -n "$base" ] && (ulimit -v $LIMIT && "$BRIEF" list --db "$DB") >/dev/null 2>&1; then
	(ulimit -v $LIMIT && exec "$BRIEF" import --db "$DB" "$T_TMP/20mb.txt") \
	    >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	if [ "$rc" = 3 ]; then ok "import under ulimit -v: exit 3"
	else not_ok "import under ulimit -v: status $rc, wanted 3"; sed 's/^/# /' "$T_TMP/err"; fi
	contains "import under ulimit -v: says out of memory" "$T_TMP/err" "out of memory"
	check "the index is sound after" "$BRIEF" check --db "$DB"
	check "import without the limit" timeout "$(slow 120)" "$BRIEF" import --db "$DB" "$T_TMP/20mb.txt"
	(ulimit -v $LIMIT && exec "$BRIEF" show --db "$DB" 20mb) >/dev/null 2>"$T_TMP/err"
	rc=$?
	if [ "$rc" = 3 ] || [ "$rc" = 0 ]; then ok "show under ulimit -v: exit 3 or done ($rc)"
	else not_ok "show under ulimit -v: status $rc"; sed 's/^/# /' "$T_TMP/err"; fi
	lacks "show under ulimit -v: never blames the index" "$T_TMP/err" "damaged"
	[ "$rc" = 0 ] || contains "show under ulimit -v: says out of memory" "$T_TMP/err" "out of memory"
	# Markdown: cmark-gfm's allocations fail as brief's do (its own
	# allocator aborted: status 134), wherever the limit falls.
	{ printf '# Notes\n\nSee [a link](https://example.org).\n\n'
	  sed 's/ Sentence 1\([0-9]*\)0 / Sentence 1\10\n\n/g' "$T_TMP/huge.txt"; } >"$T_TMP/10mb.md"
	for extra in 15000 25000 35000; do
		(ulimit -v $((base + extra)) && exec "$BRIEF" import --db "$DB" "$T_TMP/10mb.md") \
		    >"$T_TMP/out" 2>"$T_TMP/err"
		rc=$?
		if [ "$rc" = 3 ] || [ "$rc" = 0 ]; then ok "Markdown under ulimit -v +$extra: exit 3 or done ($rc)"
		else not_ok "Markdown under ulimit -v +$extra: status $rc"; sed 's/^/# /' "$T_TMP/err"; fi
		[ "$rc" != 3 ] || contains "  says out of memory" "$T_TMP/err" "out of memory"
		check "  the index is sound after" "$BRIEF" check --db "$DB"
	done
else
	ok "out of memory # SKIP brief does not run under ulimit -v $LIMIT here"
fi

# --- memory: a multiple of the document's size, not several copies ------
# The 20 MB one-line document imports within the address space a tiny
# import needs plus 50 MB: the cleaned text and the paragraph's text,
# each held once (about 41 MB); the file's bytes go once cleaned.  Before,
# the file stayed until the document was stored (62 MB; earlier yet the
# text was held five times over, 140 MB more).  20 MB of 20,000
# paragraphs: 37 MB (about 31 here): the text is cleaned into pieces of
# whole lines, the file's bytes cut down behind each, and each piece is
# freed once parsed, so the text and the blocks are not held at once
# (before: about 44 MB, and 67 earlier).  show walks the
# document's outline and holds one block at a time, as text and as JSON,
# within the base plus 10 MB (about 1 MB here); before, it loaded the
# whole document (22 MB as text, 75 MB as JSON).  The same for a
# 20 MB document of 20,000 paragraphs.  The base is measured here, so
# the bounds do not depend on the libraries mapped; skipped where
# nothing runs under ulimit -v (sanitizers, valgrind).
awk 'BEGIN {
	split("policy rights Council members asylum review human states the of", w, " ")
	for (i = 0; t < 20 * 1048576; i++) {
		s = "Sentence " i " on " w[i % 10 + 1] " and " w[(i * 7) % 10 + 1] " matters."
		printf "%s%s", (i % 20 ? " " : (i ? "\n\n" : "")), s; t += length(s) + 1
	}
	printf "\n"
}' >"$T_TMP/paras.txt"
if [ -n "$base" ]; then
	MDB="$T_TMP/memory.db"
	new_index "$MDB"
	for doc in 20mb paras; do
		# One line is one piece of text, held with its block.  The
		# file and its cleaned text are mapped (about 41 MB of
		# address space that is not memory: the peak RSS is checked
		# below, "peak RSS of a long text's import").
		lim=$((base + 50000)); [ $doc = paras ] && lim=$((base + 37000))
		lim=$((lim + 41000))
		if (ulimit -v $lim && exec "$BRIEF" import --db "$MDB" "$T_TMP/$doc.txt") \
		    >/dev/null 2>"$T_TMP/err"; then
			ok "$doc: 20 MB imports under ulimit -v $lim (tiny import: $base)"
		else
			not_ok "$doc: import under ulimit -v $lim (tiny import: $base)"
			sed 's/^/# /' "$T_TMP/err"
			"$BRIEF" import -q --db "$MDB" "$T_TMP/$doc.txt"	# for show
		fi
		lim=$((base + 10000))
		for how in text json; do
			j=; [ $how = json ] && j=--json
			(ulimit -v $lim && exec "$BRIEF" show $j --db "$MDB" $doc) \
			    >"$T_TMP/shown" 2>"$T_TMP/err"
			rc=$?
			if [ "$rc" = 0 ]; then ok "$doc: shows ($how) under ulimit -v $lim"
			else not_ok "$doc: show ($how) under ulimit -v $lim: status $rc"; sed 's/^/# /' "$T_TMP/err"; fi
			"$BRIEF" show $j --db "$MDB" $doc >"$T_TMP/shown-free"
			check "  the same as without the limit" cmp -s "$T_TMP/shown" "$T_TMP/shown-free"
			check "  all of it" test "$(tr -cd 'S' <"$T_TMP/shown" | wc -c)" = \
			    "$(tr -cd 'S' <"$T_TMP/$doc.txt" | wc -c)"
		done
	done
	(ulimit -v $lim && exec "$BRIEF" show --db "$MDB" paras#p-7000) >"$T_TMP/shown" 2>"$T_TMP/err"
	check "a part (DOC#anchor) under ulimit -v $lim" test $? = 0
	contains "  is that paragraph" "$T_TMP/shown" "Sentence 139980 on"
	# The reader holds the document's outline (its blocks without their
	# text, about 200 bytes a block) and the texts of the blocks near the
	# screen; the line counts are taken one block at a time.  Under its
	# own tiny document's address space (found as the import's) plus
	# 10 MB it pages, jumps to the end and searches a document of 20 MB
	# in 20,000 paragraphs, and one of a 20 MB line; before, it loaded
	# the whole document (about 25 MB more than here).
	"$BRIEF" import -q --db "$MDB" "$T_TMP/tiny.txt"
	printf '<PgDn>\nG\n:save-display %s/end\ng\n:save-display %s/top\n/\nS e n t e n c e <Space> 1 3 9 9 8 0 <Enter>\n:save-display %s/found\n=\n:save-display %s/where\n:quit\n' \
	    "$T_TMP" "$T_TMP" "$T_TMP" "$T_TMP" >"$T_TMP/read.script"
	reader_runs() {
		(ulimit -v "$1" && exec env BRIEF_SCRIPT="$T_TMP/read.script" \
		    LINES=24 COLUMNS=80 "$BRIEF" --db "$MDB" --no-hint "$2") \
		    >/dev/null 2>"$T_TMP/err"
	}
	rbase=
	if reader_runs 400000 tiny; then
		lo=0 hi=400000
		while [ $((hi - lo)) -gt 1000 ]; do
			mid=$(((lo + hi) / 2))
			if reader_runs $mid tiny; then hi=$mid; else lo=$mid; fi
		done
		rbase=$hi
	fi
	if [ -n "$rbase" ]; then
		lim=$((rbase + 10000))
		for doc in paras 20mb; do
			rm -f "$T_TMP/end" "$T_TMP/top" "$T_TMP/found" "$T_TMP/where"
			reader_runs $lim $doc
			rc=$?
			if [ "$rc" = 0 ]; then ok "$doc: the reader pages, ends and searches under ulimit -v $lim (tiny: $rbase)"
			else not_ok "$doc: the reader under ulimit -v $lim: status $rc"; sed 's/^/# /' "$T_TMP/err"; fi
			contains "  G shows the end" "$T_TMP/end" "100%"
			head -c 300 "$T_TMP/$doc.txt" | tr -s ' \n' '  ' | cut -d' ' -f1-6 >"$T_TMP/first"
			contains "  g shows the start again" "$T_TMP/top" "$(cat "$T_TMP/first")"
			contains "  = counts every line" "$T_TMP/where" "lines "
			[ $doc = paras ] && contains "  / finds a paragraph near the end" \
			    "$T_TMP/found" "Sentence 139980 on"
		done
	else
		ok "reader memory bound # SKIP the reader does not run under ulimit -v here"
	fi
else
	ok "memory bound # SKIP brief does not run under ulimit -v here"
fi

# --- block texts in a spill file ----------------------------------------
# A document of more than a megabyte of text leaves its blocks' texts in
# an unlinked temporary file ($TMPDIR) while it is imported and reads
# them back to store them: the rows are the text, paragraph by paragraph,
# at the right places.  A spill file that cannot be made or written (no
# such folder, as here; a full disk) stops the spilling:
# the texts stay in memory, the import says so and still stores every
# paragraph whole.
awk 'BEGIN {
	split("policy rights Council members asylum review human states the of", w, " ")
	for (i = 0; t < 3 * 1048576; i++) {
		s = "Sentence " i " on " w[i % 10 + 1] " and " w[(i * 7) % 10 + 1] " matters."
		printf "%s%s", (i % 20 ? " " : (i ? "\n\n" : "")), s; t += length(s) + 1
	}
	printf "\n"
}' >"$T_TMP/spilled.txt"
SDB="$T_TMP/spill.db"
new_index "$SDB"
check "a 3 MB document of paragraphs imports" "$BRIEF" import --db "$SDB" "$T_TMP/spilled.txt"
"$BRIEF" show --db "$SDB" spilled#p-3000 >"$T_TMP/shown" 2>&1
contains "  a paragraph near its end reads back" "$T_TMP/shown" "Sentence 59980 on"
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$SDB" "SELECT b.text FROM blocks b JOIN documents d ON \
	    d.id = b.doc_id WHERE d.slug = 'spilled' ORDER BY b.seq" >"$T_TMP/rows"
	grep -v '^$' "$T_TMP/spilled.txt" >"$T_TMP/paras-only"
	same "  every row is its paragraph's text" "$T_TMP/paras-only" "$T_TMP/rows"
else
	ok "  every row is its paragraph's text # SKIP no sqlite3"
fi
check "  a second import finds it unchanged" "$BRIEF" import --db "$SDB" "$T_TMP/spilled.txt"
contains "  (unchanged)" "$T_TMP/out" "unchanged spilled"
# (A fresh index each: the same bytes again are the same document.)
cp "$T_TMP/spilled.txt" "$T_TMP/spilled2.txt"
SDB2="$T_TMP/spill2.db"
new_index "$SDB2"
expect_status "no folder for the spill file: the import goes on" 0 \
    env TMPDIR="$T_TMP/no-such-dir" "$BRIEF" import --db "$SDB2" "$T_TMP/spilled2.txt"
contains "  and says why, naming the file and the folder" "$T_TMP/err" \
    "spilled2.txt: warning: cannot write a temporary file in $T_TMP/no-such-dir"
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$SDB2" "SELECT b.text FROM blocks b JOIN documents d ON \
	    d.id = b.doc_id WHERE d.slug = 'spilled2' ORDER BY b.seq" >"$T_TMP/rows"
	same "  every row is its paragraph's text" "$T_TMP/paras-only" "$T_TMP/rows"
else
	ok "  every row is its paragraph's text # SKIP no sqlite3"
fi
check "  and the index is sound" "$BRIEF" check --db "$SDB2"

# A spill file that fills its folder half way (a 1 MB file system, where
# root may mount one; SQLite's own temporary files elsewhere): the texts
# written come back into memory, the import warns and stores every
# paragraph as the import that never spilled.
TINY="$T_TMP/tiny"
mkdir "$TINY"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=1m tmpfs "$TINY" 2>/dev/null; then
	SDB3="$T_TMP/spill3.db"
	new_index "$SDB3"
	cp "$T_TMP/spilled.txt" "$T_TMP/spilled3.txt"
	env SQLITE_TMPDIR="$T_TMP" TMPDIR="$TINY" "$BRIEF" import --db "$SDB3" \
	    "$T_TMP/spilled3.txt" >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	umount "$TINY"
	if [ "$rc" = 0 ]; then ok "a spill file that fills its folder: the import goes on"
	else not_ok "a spill file that fills its folder: status $rc"; sed 's/^/# /' "$T_TMP/err"; fi
	contains "  and says why" "$T_TMP/err" \
	    "spilled3.txt: warning: cannot write a temporary file in $TINY (No space left on device)"
	if command -v sqlite3 >/dev/null 2>&1; then
		sqlite3 "$SDB3" "SELECT b.text FROM blocks b JOIN documents d ON \
		    d.id = b.doc_id WHERE d.slug = 'spilled3' ORDER BY b.seq" >"$T_TMP/rows"
		same "  every row is its paragraph's text, those spilled first too" \
		    "$T_TMP/paras-only" "$T_TMP/rows"
	else
		ok "  every row is its paragraph's text # SKIP no sqlite3"
	fi
	# 6 MB: the cleaned text's own file (past 4 MB) fills the folder
	# first; the pieces written come back into memory.
	{ cat "$T_TMP/spilled.txt"; echo; cat "$T_TMP/spilled.txt"; } >"$T_TMP/spilled6.txt"
	mount -t tmpfs -o size=1m tmpfs "$TINY"
	env SQLITE_TMPDIR="$T_TMP" TMPDIR="$TINY" "$BRIEF" import --db "$SDB3" \
	    "$T_TMP/spilled6.txt" >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	umount "$TINY"
	if [ "$rc" = 0 ]; then ok "6 MB, a text file that fills its folder: the import goes on"
	else not_ok "6 MB, a text file that fills its folder: status $rc"; sed 's/^/# /' "$T_TMP/err"; fi
	contains "  and says why" "$T_TMP/err" \
	    "spilled6.txt: warning: cannot write a temporary file in $TINY (No space left on device)"
	if command -v sqlite3 >/dev/null 2>&1; then
		sqlite3 "$SDB3" "SELECT b.text FROM blocks b JOIN documents d ON \
		    d.id = b.doc_id WHERE d.slug = 'spilled6' ORDER BY b.seq" >"$T_TMP/rows"
		cat "$T_TMP/paras-only" "$T_TMP/paras-only" >"$T_TMP/paras6"
		same "  every row is its paragraph's text" "$T_TMP/paras6" "$T_TMP/rows"
	else
		ok "  every row is its paragraph's text # SKIP no sqlite3"
	fi
else
	for t in "the import goes on" "and says why" "every row" "6 MB: goes on" \
	    "6 MB: says why" "6 MB: every row"; do
		ok "a spill file that fills its folder: $t # SKIP cannot mount a small file system here"
	done
fi

# A long line's parts (cut after the parse, so the parser never spills
# them) go to the spill file too: with no folder for it the import
# says so, once, and the rows are the same as those read back from the
# file, the line's sentences in order.
awk 'BEGIN {
	split("policy rights Council members asylum review human states the of", w, " ")
	for (i = 0; t < 2 * 1048576; i++) {
		s = "Sentence " i " on " w[i % 10 + 1] " and " w[(i * 7) % 10 + 1] " matters."
		printf "%s%s", (i ? " " : ""), s; t += length(s) + 1
	}
	printf "\n"
}' >"$T_TMP/longline.txt"
cp "$T_TMP/longline.txt" "$T_TMP/longline2.txt"
LDB="$T_TMP/longline.db"
new_index "$LDB"
check "a 2 MB line imports, its parts spilled" "$BRIEF" import --db "$LDB" \
    "$T_TMP/longline.txt"
lacks "  without a warning" "$T_TMP/err" "warning"
# (A fresh index: the same bytes again are the same document.)
LDB2="$T_TMP/longline2.db"
new_index "$LDB2"
expect_status "  no folder for the spill file: the import goes on" 0 \
    env TMPDIR="$T_TMP/no-such-dir" "$BRIEF" import --db "$LDB2" "$T_TMP/longline2.txt"
contains "  and says why" "$T_TMP/err" \
    "longline2.txt: warning: cannot write a temporary file in $T_TMP/no-such-dir"
check "  once" test "$(grep -c warning "$T_TMP/err")" = 1
if command -v sqlite3 >/dev/null 2>&1; then
	for s in longline longline2; do
		[ $s = longline ] && db=$LDB || db=$LDB2
		sqlite3 "$db" "SELECT b.anchor || ' ' || b.text FROM blocks b \
		    JOIN documents d ON d.id = b.doc_id WHERE d.slug = '$s' \
		    ORDER BY b.seq" >"$T_TMP/rows-$s"
	done
	same "  the same rows, spilled or held" "$T_TMP/rows-longline2" \
	    "$T_TMP/rows-longline"
	check "  in parts of 8 KB at most" test "$(awk '{ if (length($0) > m) \
	    m = length($0) } END { print m + 0 }' "$T_TMP/rows-longline")" -le 8200
	cut -d' ' -f2- "$T_TMP/rows-longline" | paste -sd' ' - >"$T_TMP/joined"
	same "  the parts are the line" "$T_TMP/longline.txt" "$T_TMP/joined"
else
	for t in "the same rows" "in parts" "the parts are the line"; do
		ok "  $t # SKIP no sqlite3"
	done
fi

# --- peak RSS of a long text's import --------------------------------------
# A 32 MB text of paragraphs imports holding a bounded amount of memory,
# not the document: the file is mapped and given back behind each pass
# over it, and the cleaned text goes to a temporary file, mapped, its
# pages given back behind the parser.  Its peak RSS (tests/ptyrun time,
# the bench's tool) stays within a tiny import's plus half the input
# (about a quarter here); before, the cleaned text was held whole (1.05
# times the input more).  The same with CRLF line ends and tabs.  One
# paragraph too, a single 32 MB line (line) or 32 MB of wrapped lines
# with no blank line (lines): its text goes to the spill file as it is
# cleaned and as the inline parser makes it, and is cut into rows
# there; before, the line's text was held once at each step (1.1 times
# the input), the lines' joined copy and text at once (3.4 times).
# Skipped where nothing runs under ulimit -v (sanitizers, valgrind keep
# other accounts).
PTY=$builddir/tests/ptyrun
RSS_SHAPES="paras crlf line lines"
for shape in $RSS_SHAPES; do
	awk -v crlf=$([ $shape = crlf ] && echo 1 || echo 0) -v shape=$shape 'BEGIN {
		split("policy rights Council members asylum review human states the of", w, " ")
		nl = crlf ? "\r\n" : "\n"
		for (i = 0; t < 32 * 1048576; i++) {
			s = "Sentence " i " on " w[i % 10 + 1] "\tand " w[(i * 7) % 10 + 1] " matters."
			sep = !i ? "" : shape == "line" ? " " : shape == "lines" ? (i % 6 == 0 ? nl : " ") : i % 20 == 0 ? nl nl : " "
			printf "%s%s", sep, s; t += length(s) + length(sep)
		}
		printf "%s", nl
	}' >"$T_TMP/rss-$shape.txt"
done
if [ -n "$base" ] && [ -x "$PTY" ]; then
	RDB="$T_TMP/rss.db"
	new_index "$RDB"
	"$PTY" time -- "$BRIEF" import -q --db "$RDB" "$T_TMP/tiny.txt" >"$T_TMP/rss.t"
	tiny=$(cut -d' ' -f2 "$T_TMP/rss.t")
	for shape in $RSS_SHAPES; do
		"$PTY" time -- "$BRIEF" import -q --db "$RDB" "$T_TMP/rss-$shape.txt" \
		    >"$T_TMP/rss.t" 2>"$T_TMP/err"
		read -r _ kb rc <"$T_TMP/rss.t"
		if [ "$rc" = 0 ] && [ $((kb - tiny)) -le 16384 ]; then
			ok "32 MB of paragraphs ($shape): peak RSS $((kb - tiny)) KB over a tiny import's"
		else
			not_ok "32 MB of paragraphs ($shape): peak RSS $((kb - tiny)) KB over a tiny import's (status $rc; bound 16384)"
			sed 's/^/# /' "$T_TMP/err"
		fi
	done
else
	for shape in $RSS_SHAPES; do
		ok "32 MB of paragraphs ($shape): peak RSS # SKIP no ulimit -v or no tests/ptyrun here"
	done
fi
rm -f "$T_TMP"/rss-*.txt

# --- a long text read through its file, or held ------------------------
# A text past 4 MB is read through a mapping of its file and of a
# temporary file holding its cleaned text; with no folder for that file
# (TMPDIR) it is held in memory, and read from a pipe it is read into
# memory: the document is the same every way (show --json: blocks,
# anchors, spans, notes), for text (--format text: Markdown is read by
# cmark, which holds the document) with a byte-order mark, front
# matter, CRLF, tabs, NFD letters, footnotes and paragraphs crossing the
# 64 KB pieces it is cleaned in; a letter; escape sequences (one piece);
# one long line; and one long paragraph, of wrapped lines (para), as a
# list item (item) or one line (marked), with markup, note markers and
# code, a run of spaces longer than a row and a word of accented
# letters longer than one, and its notes after it: its text goes to
# the spill file as it is made and is cut into rows there.
mk_long() {
	awk -v shape="$1" 'BEGIN {
		split("policy rights Council members asylum review human states the of", w, " ")
		if (shape == "mixed")
			printf "\357\273\277---\r\ntitle: A long one\r\nkind: briefing\r\n---\r\n\r\n"
		if (shape == "letter")
			printf "Dear Minister,\n\n"
		if (shape == "item")
			printf "Intro.\n\n- "
		long = shape == "para" || shape == "item" || shape == "marked"
		for (i = 0; t < 5 * 1048576; i++) {
			s = "Sentence " i " on " w[i % 10 + 1] " and " w[(i * 7) % 10 + 1] " matters."
			if (long && i % 13 == 0) s = s " **bold " i "** and *it " i "*"
			if (long && i % 19 == 0) s = s " [link " i "](https://e.org/" i ") `code " i "`"
			if (long && i % 29 == 0) s = s " note[^" (i % 7 + 1) "] sup\342\201\270"
			if (long && i == 5000) { s = s "."; for (k = 0; k < 9000; k++) s = s " " }
			if (long && i == 20000) { s = s " "; for (k = 0; k < 12000; k++) s = s "\303\251" }
			if (shape == "mixed" && i % 37 == 0) s = s " Cafe\314\201\tend[^" (i % 50 + 1) "]."
			if (shape == "escapes" && i % 101 == 0) s = s " \033[1mbold\033[0m"
			if (shape == "mixed" && i % 997 == 0) s = "\t- " s
			nl = shape == "mixed" ? "\r\n" : "\n"
			sep = !i ? "" : shape == "line" || shape == "marked" ? " " : shape == "para" ? (i % 7 == 0 ? nl : " ") : shape == "item" ? (i % 7 == 0 ? nl "  " : " ") : i % 20 == 0 ? nl nl : i % 7 == 0 ? nl : " "
			printf "%s%s", sep, s; t += length(s) + length(sep)
		}
		printf "\n\n"
		if (shape == "mixed")
			for (n = 1; n <= 50; n++) printf "[^%d]: Note %d.\r\n\r\n", n, n
		if (shape == "letter")
			printf "Yours sincerely,\n\nA. Writer\n"
		if (long) {
			for (n = 1; n <= 7; n++) printf "[^%d]: Note %d.\n\n", n, n
			printf "\342\201\270 A note by its mark.\n"
		}
	}' >"$T_TMP/long-$1.txt"
}
for shape in mixed letter escapes line para item marked; do
	mk_long $shape
	for how in mapped held piped; do
		db="$T_TMP/long-$how.db"
		rm -f "$db"*
		case $how in
		mapped)	"$BRIEF" import -q --db "$db" --format text "$T_TMP/long-$shape.txt" ;;
		held)	env TMPDIR="$T_TMP/no-such-dir" "$BRIEF" import -q --db "$db" \
			    --format text "$T_TMP/long-$shape.txt" ;;
		piped)	mkdir -p "$T_TMP/fifo"
			rm -f "$T_TMP/fifo/long-$shape.txt"
			mkfifo "$T_TMP/fifo/long-$shape.txt"
			cat "$T_TMP/long-$shape.txt" >"$T_TMP/fifo/long-$shape.txt" &
			"$BRIEF" import -q --db "$db" --format text "$T_TMP/fifo/long-$shape.txt"
			st=$?; wait; (exit $st) ;;
		esac >"$T_TMP/out-$how" 2>"$T_TMP/err-$how"
		echo "status $?" >>"$T_TMP/out-$how"
		# (A pipe has no source.)
		"$BRIEF" show --json --db "$db" "long-$shape" 2>&1 |
		    sed 's/"source":[^,]*,//' >"$T_TMP/json-$how"
	done
	check "$shape: imported through its files" grep -q "status 0" "$T_TMP/out-mapped"
	lacks "  without a warning" "$T_TMP/err-mapped" "warning"
	check "  held in memory (no folder for the temporary file)" \
	    grep -q "status 0" "$T_TMP/out-held"
	contains "  which it says" "$T_TMP/err-held" "cannot write a temporary file in $T_TMP/no-such-dir"
	check "  once" test "$(grep -c warning "$T_TMP/err-held")" = 1
	check "  and the same document" cmp -s "$T_TMP/json-mapped" "$T_TMP/json-held"
	check "  the same read from a pipe" cmp -s "$T_TMP/json-mapped" "$T_TMP/json-piped"
	check "  blocks in the JSON" test "$(grep -o '"anchor"' "$T_TMP/json-mapped" | wc -l)" -gt 100
	rm -f "$T_TMP/long-$shape.txt"
done

done_testing
