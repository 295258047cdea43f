#!/bin/sh
# search.sh: `brief search` over the bundled letter: diacritics, phrases,
# hyphens, filters, JSON, exit statuses, and hostile queries that leave
# the index intact.
. "$srcdir/tests/lib.sh"
DB="$T_TMP/index.db"
new_index "$DB"
s() { "$BRIEF" search --db "$DB" "$@"; }

check "Turkiye without diacritics" s Turkiye
contains "... finds rec-2.1" "$T_TMP/out" "letter#rec-2.1"
check "Türkiye with them" s Türkiye
contains "... finds rec-2.1" "$T_TMP/out" "letter#rec-2.1"
contains "... marks the term" "$T_TMP/out" "[Türkiye]"
check "a phrase" s '"people on the move"'
contains "... finds rec-4.1" "$T_TMP/out" "letter#rec-4.1"
contains "... with its breadcrumb" "$T_TMP/out" "rec-4 Lead on a robust"
check "surveillance in:footnotes" s surveillance in:footnotes
contains "... finds fn-5" "$T_TMP/out" "letter#fn-5"
lacks "... and only footnotes" "$T_TMP/out" "#rec-"
lacks "... no paragraphs" "$T_TMP/out" "#p-"
check "predator in:footnotes" s predator in:footnotes
contains "... finds fn-4" "$T_TMP/out" "letter#fn-4"
lacks "... and only footnotes" "$T_TMP/out" "#rec-"
check "anti-gender" s anti-gender
contains "... finds the intro paragraph" "$T_TMP/out" "growing [anti-gender] movement"
check "recommendations rank before the rest" s amnesty international
check "words as separate arguments" s human rights defenders --limit 3
[ "$(wc -l <"$T_TMP/out")" = 3 ] && ok "--limit 3 gives 3 lines" || not_ok "--limit 3 gives 3 lines"
check "doc: and --doc" s spyware doc:letter --doc letter
contains "... finds rec-4.2" "$T_TMP/out" "letter#rec-4.2"
check "prefix and OR" s 'migra* OR "third country"'
check "NOT" s rights NOT spyware
lacks "... leaves out rec-4.2" "$T_TMP/out" "letter#rec-4.2"

check "pegasus --json" s pegasus --json
cp "$T_TMP/out" "$T_TMP/hits.json"
check "... is valid JSON" test "$(sqlite3 :memory: "SELECT json_valid(readfile('$T_TMP/hits.json'))")" = 1
for k in doc anchor kind breadcrumb snippet rank; do
	check "... with $k" test "$(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('$T_TMP/hits.json')) WHERE json_type(value, '\$.$k') IS NOT NULL")" -ge 1
done
contains "... finds rec-4.2" "$T_TMP/hits.json" '"anchor":"rec-4.2"'

expect_status "no hits: exit 1" 1 s xylophone
contains "... says so" "$T_TMP/err" "nothing found"
expect_status "no hits in JSON: exit 1" 1 s xylophone --json
contains "... and an empty array" "$T_TMP/out" "[]"
expect_status "only punctuation: exit 2" 2 s '?!...'
contains "... with the reason" "$T_TMP/err" "nothing to search for"
expect_status "excluded words alone: exit 2" 2 s -- -spyware
expect_status "a bad filter: exit 2" 2 s spyware in:nowhere
contains "... with the reason" "$T_TMP/err" "in: takes footnotes or recommendations"
expect_status "unknown doc: exit 1" 1 s spyware doc:nosuch
contains "... says which" "$T_TMP/err" "no such document"
expect_status "status:flagged with nothing flagged: nothing found" 1 s spyware status:flagged
expect_status "no query: exit 2" 2 s
expect_status "a bad --limit: exit 2" 2 s spyware --limit 0

# The first page of a common word is the head of the whole ranking: a
# short page passes over rows whose best possible score cannot reach it
# (db/search.c, brief_rank), and must keep exactly the same rows in the
# same order as a long page and as the filtered query (which ranks every
# row).  Blocks vary in length, in where and how often the word comes,
# and in kind (bullets weigh more than paragraphs).
RDB="$T_TMP/rank.db"
awk 'BEGIN {
	print "RANKING FIXTURE\n"
	for (i = 1; i <= 400; i++) {
		t = ""
		for (j = 0; j < i % 7; j++) t = t " filler" j
		for (j = 0; j <= i % 3; j++) t = t " asylum"
		for (j = 0; j < (i * 37) % 50; j++) t = t " tail" j
		if (i % 10 == 0) print "- **Lead " i ".**" t "\n"
		else print "Paragraph " i t ".\n"
	}
}' >"$T_TMP/rankfix.txt"
check "a ranking fixture imports" "$BRIEF" import --db "$RDB" "$T_TMP/rankfix.txt"
rs() { "$BRIEF" search --db "$RDB" "$@"; }
rs --limit 1000 asylum >"$T_TMP/rank-all" 2>/dev/null
check "a page of 7" rs --limit 7 asylum
head -n 7 "$T_TMP/rank-all" >"$T_TMP/rank-head"
same "... is the head of the whole ranking" "$T_TMP/rank-head" "$T_TMP/out"
check "the same with a filter that keeps every row" rs --limit 7 asylum doc:rankfix
same "... ranks alike" "$T_TMP/rank-head" "$T_TMP/out"
check "a page of 7 as JSON" rs --limit 7 --json asylum
check "... its ranks in order" test "$(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('$T_TMP/out')) a JOIN json_each(readfile('$T_TMP/out')) b ON b.key = a.key + 1 WHERE json_extract(b.value, '$.rank') < json_extract(a.value, '$.rank')")" = 0
# The JSON array is built one object at a time: as many valid objects as
# text lines, in the same order.
rs --limit 60 asylum | cut -d' ' -f1 >"$T_TMP/rank-keys"
check "60 hits as JSON" rs --limit 60 --json asylum
cp "$T_TMP/out" "$T_TMP/rank.json"
check "... one valid array of 60" test "$(sqlite3 :memory: "SELECT json_valid(readfile('$T_TMP/rank.json')) || json_array_length(readfile('$T_TMP/rank.json'))")" = 160
sqlite3 :memory: "SELECT json_extract(value, '\$.doc') || '#' || json_extract(value, '\$.anchor') FROM json_each(readfile('$T_TMP/rank.json')) ORDER BY key" >"$T_TMP/json-keys"
same "... in the order of the text lines" "$T_TMP/rank-keys" "$T_TMP/json-keys"
rs --limit 1000 'asylum OR tail4*' >"$T_TMP/rank-all" 2>/dev/null
check "a page of 5 of an OR with a prefix" rs --limit 5 'asylum OR tail4*'
head -n 5 "$T_TMP/rank-all" >"$T_TMP/rank-head"
same "... is the head of the whole ranking" "$T_TMP/rank-head" "$T_TMP/out"

# A search without filters makes its page's snippets from the matches
# the rank function kept (one full-text pass); with a filter, FTS5 hands
# them over row by row.  The letter is the only document here, so
# doc:letter keeps every row: both must print the same lines.
for q in '"human rights" OR migra*' 'rights' 'hu*' 'asylum -detention'; do
	s --limit 50 "$q" doc:letter >"$T_TMP/filtered" 2>&1
	check "kept matches make the snippets ($q)" s --limit 50 "$q"
	same "... as the filtered search's" "$T_TMP/filtered" "$T_TMP/out"
done

# doc: reads only the stretch of rowids of the documents named: any of
# them (doc:A doc:B), and --doc with them (both must hold).
awk 'BEGIN { print "SECOND FIXTURE\n"; for (i = 1; i <= 30; i++) print "Note " i " on asylum.\n" }' \
    >"$T_TMP/second.txt"
check "a second document imports" "$BRIEF" import --db "$RDB" "$T_TMP/second.txt"
check "doc:A doc:B" rs --limit 1000 asylum doc:rankfix doc:second
contains "... finds the first" "$T_TMP/out" "rankfix#"
contains "... and the second" "$T_TMP/out" "second#"
check "... as many as the two apart" test "$(wc -l <"$T_TMP/out")" = \
    "$(( $(rs --limit 1000 asylum doc:rankfix | wc -l) + 30 ))"
check "doc:second alone" rs --limit 1000 asylum doc:second
lacks "... not the first" "$T_TMP/out" "rankfix#"
check "... all 30" test "$(wc -l <"$T_TMP/out")" = 30
expect_status "doc:second --doc rankfix: nothing" 1 rs asylum doc:second --doc rankfix
check "filters alone keep document order" rs --limit 1000 in:recommendations
cut -d' ' -f1 "$T_TMP/out" >"$T_TMP/order"
check "... page of 3 is its head" rs --limit 3 in:recommendations
cut -d' ' -f1 "$T_TMP/out" >"$T_TMP/order3"
head -n 3 "$T_TMP/order" >"$T_TMP/order-head"
same "... the same three" "$T_TMP/order-head" "$T_TMP/order3"

# Migration 9 rewrites the view blocks_fts_src (its "IN" tests as ORs)
# and nothing else: an index of schema 8 (this one with the view of
# migration 4 put back) is upgraded by a search, keeps every row and
# every other schema entry, and searches, snippets and all, as an index
# made at 9 does.
OLD="$T_TMP/v8.db"
cp "$DB" "$OLD"
awk '/^-- @migration 4/ { m = 1 } m && /^CREATE VIEW blocks_fts_src/ { v = 1 }
    v { print } v && /FROM blocks;/ { exit }' "$srcdir/db/schema.sql" >"$T_TMP/view4.sql"
check "the view of migration 4 is found" grep -q "NOT IN" "$T_TMP/view4.sql"
{ echo "DROP VIEW blocks_fts_src;"; cat "$T_TMP/view4.sql"; echo "PRAGMA user_version = 8;"; } |
    sqlite3 "$OLD"
dump() { sqlite3 "$1" "SELECT type, name, sql FROM sqlite_schema WHERE name <> 'blocks_fts_src' ORDER BY name; SELECT id, doc_id, seq, kind, anchor, hash FROM blocks ORDER BY id; SELECT * FROM blocks_fts_src ORDER BY id; SELECT * FROM blocks_fts_docsize ORDER BY id"; }
dump "$OLD" >"$T_TMP/old-dump"
for q in spyware '"human rights"' 'migra*' 'Türkiye' 'amnesty in:footnotes'; do
	s --limit 50 --json "$q" >"$T_TMP/new-hits"
	check "a search on the old index ($q)" "$BRIEF" search --db "$OLD" --limit 50 --json "$q"
	same "... finds and shows the same" "$T_TMP/new-hits" "$T_TMP/out"
done
check "... which is now at schema 9" test "$(sqlite3 "$OLD" 'PRAGMA user_version')" = 9
dump "$OLD" >"$T_TMP/new-dump"
same "... with its rows, other schema and view rows unchanged" "$T_TMP/old-dump" "$T_TMP/new-dump"
sqlite3 "$OLD" "SELECT sql FROM sqlite_schema WHERE name = 'blocks_fts_src'" >"$T_TMP/view9"
lacks "... and its view without IN" "$T_TMP/view9" " IN ("
check "... and its full-text index sound" sqlite3 "$OLD" \
    "INSERT INTO blocks_fts(blocks_fts, rank) VALUES ('integrity-check', 1)"

count() { sqlite3 "$DB" "SELECT count(*) || '/' || total(length(text)) FROM blocks"; }
before=$(count)
big=$(head -c 10240 /dev/zero | tr '\0' 'a')
for q in '"unbalanced' '((spyware' 'spyware))' '*' 'OR OR' 'NEAR(' \
    "'; DROP TABLE blocks; --" 'text:' '{a b}:' 'spyware^' \
    "$(printf 'a\001b\033[31m')" "$big" 'the of and' \
    'NEAR("a" "b")' 'text : spyware' '"" ""' ')(' '-' 'rec-4.2'; do
	"$BRIEF" search --db "$DB" "$q" >"$T_TMP/out" 2>"$T_TMP/err"
	st=$?
	case $st in
	0|1|2) ok "hostile query exits $st" ;;
	*) not_ok "hostile query exits $st: $(head -c 60 "$T_TMP/err")" ;;
	esac
	if grep -qi "sqlite\|fts5\|syntax error" "$T_TMP/err"; then
		not_ok "... shows SQLite's text"
	fi
	if grep -q "$(printf '\033')" "$T_TMP/out" "$T_TMP/err"; then
		not_ok "... writes an escape"
	fi
done
check "the index is untouched" test "$(count)" = "$before"
check "... and 'brief check' is ok" "$BRIEF" check --db "$DB"
check "... and its full-text index sound" sqlite3 "$DB" \
    "INSERT INTO blocks_fts(blocks_fts, rank) VALUES ('integrity-check', 1)"
check "... and still searchable" s spyware
done_testing
