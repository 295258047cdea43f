# tests/lib.sh: TAP helpers for the shell tests, sourced by each test.
# Pins the environment (after tig's libtest.sh): locale, time zone, a
# temporary HOME and XDG directories under the build tree, no user config.
set -u
: "${BRIEF:=${builddir:-.}/brief}"
: "${srcdir:=.}"
: "${builddir:=.}"
export LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color
unset NO_COLOR BRIEF_DB BRIEF_REVIEW BRIEF_SCRIPT BRIEF_MODULES EDITOR VISUAL
T_NAME=$(basename "$0" .sh)
T_TMP="$builddir/tests/tmp/$T_NAME.$$"
rm -rf "$T_TMP"; mkdir -p "$T_TMP"
export HOME="$T_TMP/home" XDG_DATA_HOME="$T_TMP/data" XDG_CONFIG_HOME="$T_TMP/config"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
FIXTURES="$srcdir/tests/fixtures"
t_n=0 t_fail=0
# new_index FILE: create an index (with the bundled letter) at FILE; a
# named --db that does not exist is an error, $BRIEF_DB may be created.
new_index() { BRIEF_DB=$1 "$BRIEF" list >/dev/null 2>&1; }

# slow N: N seconds, times $BRIEF_TEST_SLOW when the suite runs under a
# sanitizer or valgrind (.ci/run sets it): a guard against a hang or a
# quadratic path, never a timing.
slow() { echo $(( $1 * ${BRIEF_TEST_SLOW:-1} )); }

ok() { t_n=$((t_n + 1)); echo "ok $t_n - $*"; }
not_ok() { t_n=$((t_n + 1)); t_fail=$((t_fail + 1)); echo "not ok $t_n - $*"; }
# check DESC CMD...: a test that passes when CMD succeeds.
# Diagnostics always end their last line, so the next result starts one
# of its own (a file without a final newline must not swallow it).
diag() { sed -e 's/^/# /' -e '$a\' "$@"; }
check() { d=$1; shift; if "$@" >"$T_TMP/out" 2>"$T_TMP/err"; then ok "$d"; else not_ok "$d"; diag "$T_TMP/out" "$T_TMP/err" | head -20; fi; }
# expect_status DESC N CMD...: CMD exits with status N.
expect_status() { d=$1; want=$2; shift 2; "$@" >"$T_TMP/out" 2>"$T_TMP/err"; got=$?; if [ "$got" = "$want" ]; then ok "$d"; else not_ok "$d (status $got, wanted $want)"; diag "$T_TMP/out" "$T_TMP/err" | head -20; fi; }
# contains DESC FILE TEXT: FILE has a line containing TEXT (fixed string).
contains() { if grep -qF -- "$3" "$2"; then ok "$1"; else not_ok "$1"; echo "# '$3' not in $2:"; head -20 "$2" | diag; fi; }
lacks() { if grep -qF -- "$3" "$2"; then not_ok "$1"; echo "# '$3' unexpectedly in $2"; else ok "$1"; fi; }
# same DESC EXPECTED ACTUAL: files equal.
same() { if diff -u "$2" "$3" >"$T_TMP/diff"; then ok "$1"; else not_ok "$1"; diag "$T_TMP/diff" | head -40; fi; }
done_testing() { echo "1..$t_n"; [ "$t_fail" = 0 ] && rm -rf "$T_TMP"; [ "$t_fail" = 0 ]; }
