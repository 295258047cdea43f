#!/bin/sh
# tests/fuzz/run.sh: run each libFuzzer target for a bounded time, seeded
# from its corpus, and write automake-style NAME.log and NAME.trs files
# into OUTDIR so .ci/run counts each target as one test (PASS: no crash,
# no leak, no timeout, within the memory limit).
#
#   tests/fuzz/run.sh BUILDDIR SRCDIR OUTDIR SECONDS [TARGET...]
#
# The seed corpus is copied: new inputs go to OUTDIR, never the source
# tree.  A crash leaves its input as OUTDIR/NAME.crash-* for a fixture.
set -u
build=$1 src=$2 out=$3 secs=$4
shift 4
[ $# -gt 0 ] || set -- parse keymap sanitize fts-query themes-conf prompt slug pdf \
	office lang-conf web
mkdir -p "$out"
status=0
for t in "$@"; do
	bin=$build/tests/fuzz/fuzz-$t
	log=$out/fuzz-$t.log
	[ -x "$bin" ] || { echo "fuzz-$t: not built" >"$log"
		printf ':test-result: FAIL\n' >"$out/fuzz-$t.trs"; status=1; continue; }
	work=$out/corpus-$t
	rm -rf "$work" && mkdir -p "$work"
	[ -d "$src/tests/fuzz/corpus-$t" ] && cp "$src/tests/fuzz/corpus-$t"/* "$work"/
	# -timeout: one input taking over 10 s is a hang worth a report.
	"$bin" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
	    -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix="$out/fuzz-$t." "$work" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ "$rc" = 0 ]; then
		res=PASS
	else
		res=FAIL; status=1
	fi
	echo "$res: fuzz-$t (${execs:-?} executions in ${secs} s, exit $rc)"
	printf ':test-result: %s\n' "$res" >"$out/fuzz-$t.trs"
done
exit "$status"
