# lib-screen.sh: the helpers every screen test of the reader shares, after
# tig's test/tools/libtest.sh.  Source it after tests/lib.sh.
#
# A case feeds a key script to the reader through BRIEF_SCRIPT (key names
# as in keymaps, ':' commands, '#' comments) and saves what it drew with
# ":save-display @NAME" (the screen as text) or ":save-matches @NAME" (the
# text drawn in the match colour); "@" stands for the folder $S.  No tty is
# needed and nothing sleeps: the reader exits at the end of the script.
#
# Expected output has one layout: tests/screen/PREFIXNAME.expected for a
# screen, tests/screen/PREFIXNAME.matches for matches, where SCREEN_PREFIX
# names the script's group ("review-" for screen-review.sh, "" where the
# names carry it, as "search-" and "themes-" do).  Regenerate them on
# purpose with tests/screen/accept.sh and read the diff before committing;
# make check never accepts anything: it compares.
#
# The script sets, before its first run:
#   DB             the index (--db)
#   RV             a review store (--review), or unset for none
#   SCREEN_HINT    non-empty to show the first start's hint line (else
#                  --no-hint)
#   SCREEN_PREFIX  as above (default "")
#   T_ENV          more environment for the reader ("NO_COLOR=1"), or ""

EXP="$srcdir/tests/screen"
S="$T_TMP/screens"
T_ENV=""
mkdir -p "$S"

# run NAME COLSxROWS [ARGS...] <SCRIPT: the reader on SCRIPT at that size,
# with $T_ENV in its environment; a test that it exits with 0 (its stdout
# and stderr are kept in $T_TMP/NAME.out and NAME.err).
run() {
	r_name=$1 r_size=$2
	shift 2
	r_hint=--no-hint
	[ -n "${SCREEN_HINT-}" ] && r_hint=
	sed "s|^:save-\([a-z]*\) @|:save-\1 $S/|" >"$T_TMP/$r_name.script"
	env $T_ENV LINES="${r_size#*x}" COLUMNS="${r_size%x*}" \
	    BRIEF_SCRIPT="$T_TMP/$r_name.script" "$BRIEF" --db "$DB" \
	    ${RV:+--review} ${RV:+"$RV"} $r_hint "$@" \
	    >"$T_TMP/$r_name.out" 2>"$T_TMP/$r_name.err"
	r_rc=$?
	if [ "$r_rc" = 0 ]; then
		ok "$r_name: runs"
	else
		not_ok "$r_name: exit status $r_rc"
		sed 's/^/# /' "$T_TMP/$r_name.err" | head -10
	fi
}

# screen NAME [DESC]: the saved NAME is as expected (NAME.expected, or
# NAME itself for a .matches file).  With BRIEF_SCREEN_ACCEPT set, the
# saved file becomes the expected one instead.
screen() {
	s_exp="$EXP/${SCREEN_PREFIX-}$1.expected"
	case $1 in *.matches) s_exp="$EXP/${SCREEN_PREFIX-}$1" ;; esac
	if [ -n "${BRIEF_SCREEN_ACCEPT-}" ] && [ -f "$S/$1" ]; then
		cp "$S/$1" "$s_exp"
		ok "${2:-$1} (accepted)"
		return
	fi
	same "${2:-$1}" "$s_exp" "$S/$1"
}

# The layout of a saved screen: the status line is the top row, the
# text fills the rows under it down to the last, over which a message or
# a prompt is drawn while shown.
# status_line FILE: the status line.
status_line() {
	head -n 1 "$1"
}

# text_rows FILE: the rows under the status line but the last (a message
# may cover that one).
text_rows() {
	sed '1d;$d' "$1"
}

# alike DESC A B: two saved screens are the same.
alike() {
	same "$1" "$S/$2" "$S/$3"
}

# status_of ANCHOR: the status of letter#ANCHOR in the review store, as
# the CSV export gives it.
status_of() {
	"$BRIEF" export --db "$DB" --review "$RV" --format csv letter |
	    grep "^letter,$1," | cut -d, -f5
}
