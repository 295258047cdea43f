#!/bin/sh
# import-shrink.sh: a file cut shorter while it is imported (a sync
# client or an editor rewriting it, a share truncated) is an error, not
# a crash: status 3, a message naming the file, nothing of it stored and
# the other files of the import stored.  A large file is mapped and the
# pages past the cut would raise SIGBUS.  tests/import-cut imports as
# 'brief import' does, cutting the file to a megabyte right after it is
# mapped, so the cut comes at the same point every run.
. "$srcdir/tests/lib.sh"
db() { db_=$1; shift; "$BRIEF" --db "$db_" "$@"; }
CUT="$builddir/tests/import-cut"

F="$T_TMP/f"
mkdir -p "$F"
printf 'Version one of the policy paper.\n\nParagraph on asylum and migration.\n' >"$F/policy.txt"
printf 'A note on climate.\n\nParagraph on the right to privacy.\n' >"$F/a.txt"
printf 'A note on detention.\n\nParagraph on pushbacks at the border.\n' >"$F/c.txt"
cp "$F/policy.txt" "$T_TMP/policy.v1"
# grow FILE: 64 MB of paragraphs in place of FILE.
grow() {
	yes 'Paragraph on asylum and migration, climate and the right to privacy.' |
	    head -c 67108864 >"$1"
}

# The index as it should be: the first version and the other two files.
R="$T_TMP/ref.db"; X="$T_TMP/cut.db"
new_index "$R"; new_index "$X"
check "the first version imports" db "$X" import "$F/policy.txt"
check "the reference index" db "$R" import "$F/policy.txt" "$F/a.txt" "$F/c.txt"
db "$R" list >"$T_TMP/list.ref"

# --- cut inside a batch, the others before and after it ---------------------
grow "$F/policy.txt"
expect_status "a file cut while imported: status 3" 3 \
    timeout "$(slow 120)" "$CUT" "$X" "$F/policy.txt" \
    "$F/a.txt" "$F/policy.txt" "$F/c.txt"
contains "the message names the file" "$T_TMP/err" \
    "$F/policy.txt: changed while it was being read (it is now shorter); nothing imported from it"
contains "the cut file fails" "$T_TMP/out" "$F/policy.txt: status 3"
contains "the file before it imports" "$T_TMP/out" "$F/a.txt: status 0"
contains "the file after it imports" "$T_TMP/out" "$F/c.txt: status 0"
# The zeros read past the cut are not the file's: no other message.
check "one message about the cut file" \
    test "$(grep -c "policy.txt" "$T_TMP/err")" -eq 1
check "the file was cut to a megabyte" test "$(wc -c <"$F/policy.txt")" -eq 1048576
db "$X" list >"$T_TMP/list.after"
same "the index is the first version and the other files" "$T_TMP/list.ref" "$T_TMP/list.after"
check "brief show: the first version's text" db "$X" show policy
contains "the text is the first version's" "$T_TMP/out" "Version one of the policy paper."
check "brief check after the cut" db "$X" check

# --- cut when it is the only file -------------------------------------------
grow "$F/policy.txt"
expect_status "a lone file cut while imported: status 3" 3 \
    timeout "$(slow 120)" "$CUT" "$X" "$F/policy.txt" "$F/policy.txt"
contains "the message names the lone file" "$T_TMP/err" \
    "$F/policy.txt: changed while it was being read (it is now shorter); nothing imported from it"
db "$X" list >"$T_TMP/list.after"
same "the index is as it was" "$T_TMP/list.ref" "$T_TMP/list.after"

# --- the same file, not cut, imports -----------------------------------------
grow "$F/policy.txt"
expect_status "the file left whole imports" 0 \
    timeout "$(slow 120)" "$CUT" "$X" "$T_TMP/not-this-one" "$F/policy.txt"
check "brief show: the new version" db "$X" show policy
lacks "the new version replaced the first" "$T_TMP/out" "Version one"

done_testing
