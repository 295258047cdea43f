#!/bin/sh
# show-json.sh: `brief show --json`, the document model as JSON: valid
# (checked by SQLite's json functions), with the document's fields and
# every block's anchor, kind, level, number, parent, text, page,
# citations and spans; DOC#ANCHOR gives that block, its descendants and
# the notes they cite.
. "$srcdir/tests/lib.sh"
DB="$T_TMP/index.db"
export BRIEF_DB="$DB"
F="$srcdir/tests/fixtures/formats"
q() { sqlite3 :memory: "SELECT $1 FROM (SELECT CAST(readfile('$T_TMP/out') AS TEXT) AS j)"; }
is() { # DESC EXPR WANT
	got=$(q "$2")
	if [ "$got" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$got', wanted '$3')"; fi
}

cp "$F/cms-page.html" "$T_TMP/page.html"
check "import a page" "$BRIEF" import "$T_TMP/page.html"
check "show --json" "$BRIEF" show --json page
is "valid JSON" "json_valid(j)" 1
is "document slug" "json_extract(j, '\$.document.slug')" page
is "document title" "json_extract(j, '\$.document.title')" "Test fixture briefing on bridges"
is "document kind" "json_extract(j, '\$.document.kind')" briefing
is "document author" "json_extract(j, '\$.document.author')" "Fixture Author"
is "document date" "json_extract(j, '\$.document.date')" 2001-02-03
is "no reference: null" "json_type(j, '\$.document.reference')" null
is "blocks in order" "json_extract(j, '\$.blocks[0].anchor') || ' ' || json_extract(j, '\$.blocks[1].anchor')" "title p-1"
is "a heading's level (its nesting: h1 is the title)" "(SELECT json_extract(value, '\$.level') FROM json_each(j, '\$.blocks') WHERE json_extract(value, '\$.anchor') = 'sec-2')" 1
is "an item's printed number" "(SELECT json_extract(value, '\$.number') FROM json_each(j, '\$.blocks') WHERE json_extract(value, '\$.anchor') = 'rec-2')" b.
is "a sub-item's parent and depth" "(SELECT json_extract(value, '\$.parent') || ' ' || json_extract(value, '\$.depth') FROM json_each(j, '\$.blocks') WHERE json_extract(value, '\$.anchor') = 'rec-2.1')" "rec-2 1"
is "citations name the notes" "(SELECT json_extract(value, '\$.citations') FROM json_each(j, '\$.blocks') WHERE json_extract(value, '\$.anchor') = 'rec-1')" '["fn-3"]'
is "a note's number" "(SELECT json_extract(value, '\$.note') FROM json_each(j, '\$.blocks') WHERE json_extract(value, '\$.anchor') = 'fn-2')" 2
is "a table's cells, tab and newline escaped" "(SELECT json_extract(value, '\$.text') FROM json_each(j, '\$.blocks') WHERE json_extract(value, '\$.kind') = 'table')" "$(printf 'Bridge\tState\nNorth bridge\tpoor\nÉlan bridge\tgood')"
is "a bold span" "(SELECT count(*) FROM json_each(j, '\$.blocks') b, json_each(b.value, '\$.spans') s WHERE json_extract(s.value, '\$.kind') = 'bold')" 1
is "a link span's target" "(SELECT json_extract(s.value, '\$.target') FROM json_each(j, '\$.blocks') b, json_each(b.value, '\$.spans') s WHERE json_extract(s.value, '\$.kind') = 'link')" https://example.org/survey
is "every block has a page" "(SELECT count(*) FROM json_each(j, '\$.blocks') WHERE json_type(value, '\$.page') = 'integer') = json_array_length(j, '\$.blocks')" 1

check "show --json DOC#ANCHOR" "$BRIEF" show --json 'page#rec-2'
is "the block and its descendants" "(SELECT group_concat(json_extract(value, '\$.anchor'), ' ') FROM json_each(j, '\$.blocks'))" "rec-2 rec-2.1 rec-2.2"
check "show --json DOC#ANCHOR with a note" "$BRIEF" show --json 'page#rec-1'
is "the block and the note it cites" "(SELECT group_concat(json_extract(value, '\$.anchor'), ' ') FROM json_each(j, '\$.blocks'))" "rec-1 fn-3"

# Quotes, backslashes and control characters from a document stay JSON.
printf 'TEST FIXTURE: a "quoted" word, a back\\\\slash and a tab\there.\n' >"$T_TMP/quote.txt"
check "import text with quotes" "$BRIEF" import "$T_TMP/quote.txt"
check "show --json on it" "$BRIEF" show --json quote
is "still valid JSON" "json_valid(j)" 1
is "the text as it was" "json_extract(j, '\$.blocks[0].text')" 'TEST FIXTURE: a "quoted" word, a back\slash and a tab here.'
# A file name that is not UTF-8 still gives valid JSON (U+FFFD).
cp "$F/loose.md" "$T_TMP/$(printf 'bad\377name.md')"
check "import a file whose name is not UTF-8" "$BRIEF" import "$T_TMP/$(printf 'bad\377name.md')"
check "show --json on it" "$BRIEF" show --json bad-name
is "valid JSON with a non-UTF-8 source name" "json_valid(j)" 1
is "the name's bad byte as U+FFFD" "substr(json_extract(j, '\$.document.source'), -11)" "bad�name.md"
expect_status "show --json on no document" 1 "$BRIEF" show --json nosuchdoc
done_testing
