#!/bin/sh
# valgrind.sh: brief under valgrind memcheck, for the tests.  Run as
# "$BRIEF" it passes its arguments to the real binary ($builddir/brief, or
# $BRIEF_BIN); .ci/run runs the screen tests with it:
#	make check TESTS='tests/screen.sh ...' \
#	    BRIEF_RUN=$(pwd)/tests/valgrind.sh
# Any memory error or definite leak makes brief exit with 99, and is
# written to a log of its own in $BRIEF_VALGRIND_LOGS (default
# $builddir/tests/valgrind): with -q the logs of clean runs stay empty, so
# a non-empty log is a failure even where a test ignores the exit status.
# Children (an $EDITOR) are not traced.
bin=${BRIEF_BIN:-${builddir:-.}/brief}
logs=${BRIEF_VALGRIND_LOGS:-${builddir:-.}/tests/valgrind}
mkdir -p "$logs" || exit 99
exec valgrind -q --tool=memcheck --error-exitcode=99 \
    --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite --num-callers=40 \
    --log-file="$logs/brief.%p.log" "$bin" "$@"
