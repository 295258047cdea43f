#!/bin/sh
# structure.sh: the structure of real letters and briefings from the
# command line (issue 12): numbered sections beside recommendations,
# letters in nine languages with their dates and references, sub-bullets
# of every shape, glued footnote digits, long Czech titles, themes for
# every EU member state, and a user's lang.conf.  The fixtures under
# tests/fixtures/letters/ are written for these tests and fictional.
. "$srcdir/tests/lib.sh"
export BRIEF_DB="$T_TMP/index.db"
L="$FIXTURES/letters"

check "import the fixture letters" "$BRIEF" import "$L"/en.txt "$L"/fr.txt \
    "$L"/nl.txt "$L"/de.txt "$L"/es.txt "$L"/it.txt "$L"/pl.txt \
    "$L"/cs.txt "$L"/pt.txt "$L"/pdf-notes.txt "$L"/cs-title.txt \
    "$L"/bullets-web.txt "$L"/bullets-word.txt "$L"/bullets-pdf.txt

# --- sections and recommendations ---------------------------------------
check "show a numbered section" "$BRIEF" show en#sec-1
contains "the section keeps its number" "$T_TMP/out" \
    "1. Fundamental Rights and Rule of Law"
check "show a numbered sub-section" "$BRIEF" show en#sec-1.1
contains "the sub-section keeps its number" "$T_TMP/out" "1.1 Background"
check "an all-caps numbered heading is a section" "$BRIEF" show en#sec-2
contains "with its number" "$T_TMP/out" "2. INTRODUCTION TO ASYLUM"
check "the introduced list is the recommendations" "$BRIEF" show en#rec-2
contains "rec-2 is the second bullet" "$T_TMP/out" "Fund rule of law monitoring"
expect_status "no rec-3: headings are never recommendations" 1 \
    "$BRIEF" show en#rec-3
check "a plain numbered list" "$BRIEF" show en#li-2
contains "keeps its numbers" "$T_TMP/out" "2. second plain step"
check "show the whole letter" "$BRIEF" show en
lacks "the phone line is no heading of its own" "$T_TMP/out" "sec-"

# --- letters in nine languages ------------------------------------------
check "list the documents" "$BRIEF" list
cp "$T_TMP/out" "$T_TMP/list"
for row in "en TF-EN 2023-06-26" "fr TF-FR 2022-07-01" "nl TF-NL 2023-03-03" \
    "de TF-DE 2023-05-05" "es TF-ES 2023-05-12" "it TF-IT 2023-06-07" \
    "pl TF-PL 2023-06-02" "cs TF-CS 2023-06-14" "pt TF-PT 2023-06-09"; do
	set -- $row
	if grep -Eq "^$1 +letter +[0-9]+ +$2 [0-9/]+ +$3 " "$T_TMP/list"; then
		ok "$1: a letter with its reference and date in the list"
	else
		not_ok "$1: a letter with its reference and date in the list"
		grep "^$1 " "$T_TMP/list" | sed 's/^/# /'
	fi
done
for s in "fr Monsieur le Président," "nl Geachte heer Voorzitter," \
    "de Sehr geehrte Frau Präsidentin," "cs Vážený pane premiére," \
    "pt Excelentíssimo Senhor Presidente,"; do
	doc=${s%% *}
	check "$doc: show the salutation" "$BRIEF" show "$doc#salutation"
	contains "$doc: its salutation" "$T_TMP/out" "${s#* }"
done
contains "a Subject line is the title" "$T_TMP/list" \
    "Lettre de test fictive sur l'État de droit"
contains "a 92-character Czech title is the title" "$T_TMP/list" \
    "Smyšlený testovací název dokumentu o právním státu, azylu a lidských právech v Evropské unii"

# --- sub-bullets pasted from the web, a word processor, a PDF -----------
# (lib.sh's helpers use $d: the loop's variable is another)
for shape in bullets-web bullets-word bullets-pdf; do
	check "$shape: rec-2.3" "$BRIEF" show "$shape#rec-2.3"
	contains "$shape: rec-2.3 is the third sub-item" "$T_TMP/out" \
	    "third sub-item of the second"
	check "$shape: rec-4.2" "$BRIEF" show "$shape#rec-4.2"
	contains "$shape: rec-4.2 is the fourth's second" "$T_TMP/out" \
	    "second sub-item of the fourth"
done

# --- footnote digits glued to words -------------------------------------
check "search finds the word a note digit was glued to" "$BRIEF" search \
    resolutions
contains "in the pasted paragraph" "$T_TMP/out" "pdf-notes#p-2"
check "the glued digit cites its note" "$BRIEF" footnotes pdf-notes
contains "note 5 is cited by p-2" "$T_TMP/out" "pdf-notes#fn-5  p-2"
contains "note 6 is a note of its own" "$T_TMP/out" "pdf-notes#fn-6  p-2"

# --- themes for a wider world -------------------------------------------
check "themes" "$BRIEF" themes
cp "$T_TMP/out" "$T_TMP/themes"
n=0
for t in austria belgium bulgaria croatia cyprus czechia denmark estonia \
    finland france germany greece hungary ireland italy latvia lithuania \
    luxembourg malta netherlands poland portugal romania slovakia \
    slovenia spain sweden; do
	if grep -q "^$t " "$T_TMP/themes"; then
		n=$((n + 1))
	else
		echo "# no theme for $t"
	fi
done
[ "$n" = 27 ] && ok "a theme for each of the 27 EU member states" ||
	not_ok "a theme for each EU member state ($n of 27)"
for t in albania bosnia-herzegovina georgia moldova montenegro \
    north-macedonia serbia turkiye ukraine; do
	grep -q "^$t " "$T_TMP/themes" || echo "# no theme for candidate $t"
done
check "the Belgium theme" "$BRIEF" themes belgium
contains "België falls in Belgium" "$T_TMP/out" "Deze brief over België"
contains "Belgique falls in Belgium" "$T_TMP/out" "frontières de la Belgique"
check "the Ukraine theme" "$BRIEF" themes ukraine
contains "Ukrajině (Czech locative) falls in Ukraine" "$T_TMP/out" "cs#p-2"
check "the rule-of-law theme" "$BRIEF" themes rule-of-law
contains "rechtsstaat falls in rule of law" "$T_TMP/out" "nl#rec-1"
contains "État de droit falls in rule of law" "$T_TMP/out" "fr#rec-1"
contains "praworządność falls in rule of law" "$T_TMP/out" "pl#rec-1"
contains "právní stát falls in rule of law" "$T_TMP/out" "cs#rec-1"

# --- a user's lang.conf adds a language without a rebuild ---------------
mkdir -p "$XDG_CONFIG_HOME/brief"
printf '[salutation]\nBästa\n[colours]\nred\n[closing]\nMed vänliga hälsningar\n' \
    >"$XDG_CONFIG_HOME/brief/lang.conf"
printf 'TEST FIXTURE (fictional)\n\nBästa ordförande,\n\nEn mening.\n\nMed vänliga hälsningar,\n\nTest Signatory\n' \
    >"$T_TMP/sv.txt"
check "import with a user lang.conf" "$BRIEF" import "$T_TMP/sv.txt"
contains "a mistake in it is named by file and line" "$T_TMP/err" \
    "brief/lang.conf:3: unknown section '[colours]'"
"$BRIEF" list >"$T_TMP/list"
if grep -Eq "^sv +letter " "$T_TMP/list"; then
	ok "the rest of the file loads: a Swedish letter is a letter"
else
	not_ok "the rest of the file loads: a Swedish letter is a letter"
	sed 's/^/# /' "$T_TMP/list"
fi

done_testing
