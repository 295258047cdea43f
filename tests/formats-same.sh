#!/bin/sh
# formats-same.sh: one fixture letter (tests/fixtures/formats/letter.md,
# four recommendations, nested sub-items, five footnotes) saved as PDF
# (page-bottom notes), DOCX, ODT, HTML and Markdown imports from each into
# the same model as its text version: the same recommendation and note
# anchors, the same citations (which block cites which note), and the
# same words.  Compared on `brief show --json`, read with the sqlite3
# shell's JSON functions.
. "${srcdir:-.}/tests/lib.sh"

F=$FIXTURES/formats

# model FORMAT-NAME: the recommendations and notes of one import, one
# line each: anchor, kind, depth, the notes it cites.
model() {
	sqlite3 -batch :memory: "SELECT b.value ->> 'anchor', b.value ->> 'kind',
	    b.value ->> 'depth', (SELECT group_concat(c.value, ',') FROM
	    json_each(b.value, '\$.citations') c)
	    FROM json_each(readfile('$T_TMP/$1.json'), '\$.blocks') b
	    WHERE b.value ->> 'anchor' GLOB 'rec-*' OR
	        b.value ->> 'anchor' GLOB 'fn-*'
	    ORDER BY b.key" >"$T_TMP/$1.model"
}

# words FORMAT-NAME: the words of those blocks, one a line, sorted
# (typographic apostrophes as the keyboard's).
words() {
	sqlite3 -batch :memory: "SELECT b.value ->> 'text'
	    FROM json_each(readfile('$T_TMP/$1.json'), '\$.blocks') b
	    WHERE b.value ->> 'anchor' GLOB 'rec-*' OR
	        b.value ->> 'anchor' GLOB 'fn-*'" |
	sed "s/’/'/g" | tr -s ' \t' '\n\n' | sed '/^$/d' | sort >"$T_TMP/$1.words"
}

# load NAME FILE [OPTIONS]: import FILE into an index of its own and
# dump its model as JSON.
load() {
	name=$1 file=$2
	shift 2
	if "$BRIEF" import -q --db "$T_TMP/$name.db" "$@" "$file" \
	    >"$T_TMP/out" 2>"$T_TMP/err" &&
	    slug=$("$BRIEF" list --db "$T_TMP/$name.db" |
	    awk '$2 == "letter" && $1 != "letter" { print $1; exit }') &&
	    [ -n "$slug" ] &&
	    "$BRIEF" show --json --db "$T_TMP/$name.db" "$slug" \
	    >"$T_TMP/$name.json" 2>>"$T_TMP/err"; then
		ok "$name: imported as a letter ($slug)"
	else
		not_ok "$name: imported as a letter"
		sed 's/^/# /' "$T_TMP/out" "$T_TMP/err" | head -20
		: >"$T_TMP/$name.json"
	fi
	model "$name"
	words "$name"
}

load text "$F/letter.md" --format text
contains "the text version has rec-2.3" "$T_TMP/text.model" "rec-2.3|bullet|1|"
contains "the text version: rec-4.2 cites fn-5" "$T_TMP/text.model" "rec-4.2|bullet|1|fn-5"
contains "the text version has fn-5" "$T_TMP/text.model" "fn-5|footnote|0|"
[ "$(wc -l <"$T_TMP/text.model")" = 14 ] &&
	ok "the text version: 9 recommendation blocks and 5 notes" ||
	not_ok "the text version: $(wc -l <"$T_TMP/text.model") blocks"

for fmt in md docx odt html pdf; do
	case $fmt in
	md)	load markdown "$F/letter.md"; name=markdown ;;
	*)	load "$fmt" "$F/letter.$fmt"; name=$fmt ;;
	esac
	same "$name: the same anchors, kinds, depths and citations" \
	    "$T_TMP/text.model" "$T_TMP/$name.model"
	same "$name: the same words" "$T_TMP/text.words" "$T_TMP/$name.words"
done

done_testing
