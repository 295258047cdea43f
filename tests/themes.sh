#!/bin/sh
# themes.sh: `brief themes` from the command line: the shipped themes
# against the bundled letter (the issue's 'Done when' lines), the JSON,
# and a user themes.conf with mistakes in it.
. "$srcdir/tests/lib.sh"
export BRIEF_DB="$T_TMP/index.db"
CONF="$XDG_CONFIG_HOME/brief/themes.conf"

check "themes lists the themes" "$BRIEF" themes
cp "$T_TMP/out" "$T_TMP/table"
n=0
for t in asylum foreign-policy hrd rule-of-law violence-against-women ai \
    surveillance; do
	# slug, then three counts not all zero
	if grep -Eq "^$t +[0-9]+ +[0-9]+ +[0-9]+ " "$T_TMP/table" &&
	    ! grep -Eq "^$t +0 +0 +0 " "$T_TMP/table"; then
		n=$((n + 1))
	else
		echo "# $t: no counts"
	fi
done
[ "$n" = 7 ] && ok "the seven subject themes have blocks" ||
	not_ok "the seven subject themes have blocks ($n of 7)"
for t in ukraine russia israel-opt china india ethiopia sudan burundi \
    turkiye iran belgium; do
	grep -q "^$t " "$T_TMP/table" || echo "# missing country theme $t"
done
contains "the table names themes" "$T_TMP/table" "Surveillance and spyware"
contains "and describes them" "$T_TMP/table" "people on the move"

check "themes surveillance" "$BRIEF" themes --width 1000 surveillance
contains "surveillance has rec-4.2" "$T_TMP/out" "letter#rec-4.2"
contains "surveillance has fn-4" "$T_TMP/out" "letter#fn-4"
contains "surveillance has fn-5" "$T_TMP/out" "letter#fn-5"
lacks "surveillance lacks rec-1" "$T_TMP/out" "letter#rec-1"
contains "blocks are printed as brief show does" "$T_TMP/out" \
	"moratorium on the sale, transfer, and use of spyware"
contains "footnote markers are drawn" "$T_TMP/out" "Files disclosures⁴"
contains "sub-bullets say where they sit" "$T_TMP/out" \
	"letter#rec-4.2  (in rec-4 Lead on a robust"
contains "footnotes say who cites them" "$T_TMP/out" \
	"letter#fn-5  (cited by rec-4.2)"
# Footnotes come after the other blocks of their document.
last_rec=$(grep -n '^letter#rec-' "$T_TMP/out" | tail -1 | cut -d: -f1)
first_fn=$(grep -n '^letter#fn-' "$T_TMP/out" | head -1 | cut -d: -f1)
[ "$last_rec" -lt "$first_fn" ] && ok "footnotes last" || not_ok "footnotes last"

check "themes asylum" "$BRIEF" themes asylum
contains "asylum has rec-1" "$T_TMP/out" "letter#rec-1"
lacks "asylum lacks rec-4.2" "$T_TMP/out" "letter#rec-4.2"
check "themes turkiye" "$BRIEF" themes turkiye
contains "turkiye has rec-2.1" "$T_TMP/out" "letter#rec-2.1"
check "themes hrd" "$BRIEF" themes hrd
contains "hrd has rec-2.3" "$T_TMP/out" "letter#rec-2.3"
contains "hrd has fn-1" "$T_TMP/out" "letter#fn-1"

expect_status "an unknown theme is not found" 1 "$BRIEF" themes nosuch
contains "and says so" "$T_TMP/err" "nosuch: no such theme"
expect_status "two themes is a usage error" 2 "$BRIEF" themes ai hrd

check "themes --json" "$BRIEF" themes --json
valid=$(sqlite3 :memory: "select json_valid(readfile('$T_TMP/out'))")
[ "$valid" = 1 ] && ok "the list is valid JSON" || not_ok "the list is valid JSON"
contains "the JSON lists asylum" "$T_TMP/out" '"slug":"asylum"'
check "themes --json surveillance" "$BRIEF" themes --json surveillance
valid=$(sqlite3 :memory: "select json_valid(readfile('$T_TMP/out'))")
[ "$valid" = 1 ] && ok "one theme is valid JSON" || not_ok "one theme is valid JSON"
contains "the JSON has rec-4.2" "$T_TMP/out" '"anchor":"rec-4.2"'
n=$(sqlite3 :memory: "select json_array_length(json_extract(readfile('$T_TMP/out'), '\$.documents[0].blocks'))")
[ "$n" = 7 ] && ok "seven surveillance blocks in the letter" ||
	not_ok "seven surveillance blocks in the letter ($n)"
expect_status "--json of an unknown theme is not found" 1 \
	"$BRIEF" themes --json nosuch

# A user themes.conf: its mistakes as file:line, the rest loaded.
mkdir -p "$XDG_CONFIG_HOME/brief"
cp "$FIXTURES/themes-bad.conf" "$CONF"
check "themes with a user file" "$BRIEF" themes
cp "$T_TMP/out" "$T_TMP/table"
contains "bad slug" "$T_TMP/err" "$CONF:6: bad theme slug 'Bad'"
contains "missing name" "$T_TMP/err" "$CONF:9: theme 'nameless' has no name"
contains "unknown key" "$T_TMP/err" "$CONF:13: unknown key 'colour'"
contains "filters in a rule" "$T_TMP/err" "$CONF:17: bad rule: filters"
contains "duplicate slug" "$T_TMP/err" "$CONF:18: duplicate theme 'mine' (first at line 3)"
contains "junk line" "$T_TMP/err" "$CONF:21: expected '[slug]'"
contains "the user's theme is loaded" "$T_TMP/table" "My spyware watch"
lacks "the duplicate is not" "$T_TMP/table" "Again"
lacks "the broken one is not" "$T_TMP/table" "Odd"
contains "the user's asylum replaces the shipped one" "$T_TMP/table" "Asylum (mine): Only pushbacks"
grep -Eq '^empty +0 +0 +0 .*Nothing here' "$T_TMP/table" &&
	ok "an empty theme is listed with zeros" ||
	not_ok "an empty theme is listed with zeros"
check "the shipped themes are still there" grep -q "^surveillance " "$T_TMP/table"
check "themes mine" "$BRIEF" themes mine
contains "the user's rule tags rec-4.2" "$T_TMP/out" "letter#rec-4.2"
expect_status "a theme without blocks is not found" 1 "$BRIEF" themes empty
contains "and says it plainly" "$T_TMP/err" "empty: no blocks in the index match this theme"
check "the retagged asylum" "$BRIEF" themes asylum
contains "asylum now by pushbacks: rec-1" "$T_TMP/out" "letter#rec-1"
lacks "and not rec-4.1" "$T_TMP/out" "letter#rec-4.1"

# Personal tags live in the review store and count in the themes.
check "tag a block" "$BRIEF" tag letter#rec-2.2 mine
contains "tag says what it did" "$T_TMP/out" "letter#rec-2.2: tagged mine"
check "themes mine has the tagged block" "$BRIEF" themes mine
contains "the personal tag shows" "$T_TMP/out" "letter#rec-2.2"
check "take a rule's theme off a block" "$BRIEF" tag --remove letter#rec-4.2 mine
check "themes mine without it" "$BRIEF" themes mine
lacks "rec-4.2 is off mine" "$T_TMP/out" "letter#rec-4.2"
check "themes --json mine" "$BRIEF" themes --json mine
contains "the JSON says personal" "$T_TMP/out" '"anchor":"rec-2.2","kind":"bullet","source":"personal"'
expect_status "tag with an unknown theme" 1 "$BRIEF" tag letter#rec-1 nosuch
contains "the unknown theme is named" "$T_TMP/err" "nosuch: no such theme"
expect_status "tag an unknown anchor" 1 "$BRIEF" tag letter#rec-99 mine
expect_status "tag a whole document" 2 "$BRIEF" tag letter mine
expect_status "tag without a theme" 2 "$BRIEF" tag letter#rec-1

# Back to the shipped file: retagged again.
rm "$CONF"
check "themes asylum, shipped again" "$BRIEF" themes asylum
contains "rec-4.1 is back" "$T_TMP/out" "letter#rec-4.1"
check "the index is sound after retagging" "$BRIEF" check

# A read-only index keeps its tags and says why.
printf '[ro]\nname = RO\nrule = spyware\n' >"$CONF"
chmod a-w "$BRIEF_DB"
if [ -w "$BRIEF_DB" ]; then
	ok "# SKIP read-only index (running as root)"
else
	check "themes on a read-only index" "$BRIEF" themes
	contains "it says the index is read-only" "$T_TMP/err" "read-only"
fi
chmod u+w "$BRIEF_DB"

# "AI" alone is also Italian "ai" (to the): an Italian text is not an AI
# text for it; the Act and AI systems still are, in either language.
# (A made-up text, in no organisation's name.)
cat >"$T_TMP/lettera.txt" <<'EOF'
Lettera di prova

Chiediamo ai governi di garantire l'accesso ai diritti e ai servizi
essenziali per tutte le persone, ai sensi del diritto internazionale.

La Presidenza deve assicurare che l'AI Act vieti i sistemi di
sorveglianza di massa.

Member states should stop the use of AI systems at borders.
EOF
check "an Italian text imports" "$BRIEF" import "$T_TMP/lettera.txt"
check "themes ai over it" "$BRIEF" themes --width 1000 ai
lacks "Italian 'ai' is not AI" "$T_TMP/out" "lettera#p-2"
contains "the AI Act is" "$T_TMP/out" "lettera#p-3"
contains "AI systems are" "$T_TMP/out" "lettera#p-4"

done_testing
