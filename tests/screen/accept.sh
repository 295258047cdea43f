#!/bin/sh
# accept.sh: regenerate the expected screens of tests/screen.sh on purpose,
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
exec sh "$srcdir/tests/screen.sh"
