#!/bin/sh
# screen-themes.sh: screen tests of the theme views, with the helpers of
# tests/lib-screen.sh: `t` opens the themes list, <Enter> a theme, <Enter> a
# block in its document; <Backspace> walks back.  Expected screens are
# tests/screen/themes-*.expected; regenerate them on purpose with
# tests/screen/accept.sh and review the diff.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/lib-screen.sh"

DB="$T_TMP/index.db"
new_index "$DB"

# The 'Done when' path: t, surveillance, <Enter>, <Enter> on rec-4.2,
# then <Backspace> twice.
run themes 80x24 <<'EOF2'
:save-display @themes-pager
t
:save-display @themes-list
j j j j j j
:save-display @themes-list-surveillance
<Enter>
:save-display @themes-surveillance
] ]
:save-display @themes-surveillance-rec-4.2
<Enter>
:save-display @themes-context-rec-4.2
<Backspace>
:save-display @themes-back-theme
<Backspace>
:save-display @themes-back-list
q
:save-display @themes-closed
EOF2
screen themes-list "t lists the themes with counts and descriptions"
contains "the list names surveillance" "$S/themes-list" \
    "Surveillance and spyware"
contains "the list shows surveillance's counts" "$S/themes-list" \
    "3 rec   0 par   4 fn"
screen themes-surveillance "<Enter> shows the theme's blocks, footnotes last"
contains "the theme groups by document" "$S/themes-surveillance" \
    " letter: AMNESTY INTERNATIONAL RECOMMENDATIONS"
contains "a sub-bullet says where it sits" "$S/themes-surveillance" \
    "rec-4.2    rec-4 › The Belgian Presidency"
contains "a footnote says who cites it" "$S/themes-surveillance" \
    "fn-4     cited by rec-4.2: Amnesty International, The Predator"
lacks "no rec-1 in surveillance" "$S/themes-surveillance" "rec-1 "
contains "] walks to rec-4.2" "$S/themes-surveillance-rec-4.2" \
    "theme › Surveillance and spyware › rec-4 Lead on"
screen themes-context-rec-4.2 "<Enter> on rec-4.2 opens the letter there"
contains "the letter at rec-4.2" "$S/themes-context-rec-4.2" \
    " letter › rec-4.2 "
alike "<Backspace> returns to the theme" themes-back-theme \
    themes-surveillance-rec-4.2
alike "<Backspace> again returns to the themes list" themes-back-list \
    themes-list-surveillance
alike "q closes the list, back to the pager" themes-closed themes-pager

# <Enter> on a block opens the pager itself there (a :goto to the same
# place changes nothing); <Enter> on a document's row opens it at its top.
run themes-pager 80x24 <<'EOF2'
t j j j j j j <Enter> ] ] <Enter>
:save-display @themes-open-pager
:goto rec-4.2
:save-display @themes-goto-rec-4.2
t j j j j j j <Enter> k <Enter>
:save-display @themes-open-doc
g
:save-display @themes-doc-top
EOF2
alike "<Enter> on a theme's block opens the pager at rec-4.2" \
    themes-open-pager themes-goto-rec-4.2
alike "<Enter> on a document row opens the pager at its top" \
    themes-open-doc themes-doc-top

# Small terminal; a user themes.conf with a mistake; an empty theme.
mkdir -p "$XDG_CONFIG_HOME/brief"
printf '[none]\nname = Nothing\nrule = zebra\n[bad]\nname = Bad\n' \
    >"$XDG_CONFIG_HOME/brief/themes.conf"
run themes-small 40x10 <<'EOF2'
t
:save-display @themes-small-list
G <Enter>
:save-display @themes-small-empty
EOF2
screen themes-small-list "40x10: the list, with the themes.conf error"
contains "themes.conf errors show as file:line" "$S/themes-small-list" \
    "themes.conf:4:"
screen themes-small-empty "an empty theme stays in the list and says so"
contains "an empty theme says it has no blocks" "$S/themes-small-empty" \
    "No blocks in the index match Nothing"

done_testing
