#!/bin/sh
# accept.sh: regenerate the expected screens (tests/screen/*.expected and
# *.matches) of every screen test that compares them whole, on purpose,
# when a change to what the reader draws is meant.  Run from the build
# directory (the source directory by default):
#
#	sh tests/screen/accept.sh [SRCDIR]
#
# Then read `git diff tests/screen/` as a user would and commit only what
# is right.  make check never accepts anything: it compares.
srcdir=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
builddir=$(pwd)
BRIEF="$builddir/brief"
BRIEF_SCREEN_ACCEPT=1
export srcdir builddir BRIEF BRIEF_SCREEN_ACCEPT
rc=0
for t in screen screen-themes screen-search screen-review; do
	sh "$srcdir/tests/$t.sh" || rc=1
done
exit $rc
