#!/bin/sh
. "$srcdir/tests/lib.sh"
check "brief runs" "$BRIEF"
done_testing
