#!/bin/sh
# run.sh BUILD SECONDS NAME...: each libFuzzer target in turn for SECONDS
# (make fuzz), one process (-jobs is not used: one core each, one at a time).
# New inputs go to a scratch corpus BUILD/corpus/NAME (make fuzz-merge keeps
# those that add coverage); crashes, leaks, timeouts and out-of-memory inputs
# go straight to tests/fuzz/regress/NAME/, so make test replays them from
# then on: it fails until the code is fixed.  The last lines of each run
# (libFuzzer's final statistics) are printed; the whole log is BUILD/NAME.log.
B=$1; secs=$2; shift 2
status=0
for t in "$@"; do
	mkdir -p "$B/corpus/$t" "tests/fuzz/regress/$t"
	before=$(ls "tests/fuzz/regress/$t" | wc -l)
	echo "== fuzz-$t for $secs s"
	"$B/fuzz/lf-$t" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="tests/fuzz/regress/$t/" -max_len=131072 -timeout=20 -rss_limit_mb=4096 \
		"$B/corpus/$t" "tests/fuzz/corpus/$t" "tests/fuzz/regress/$t" >"$B/$t.log" 2>&1
	rc=$?
	grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|Done |stat::|SUMMARY|==[0-9]+==ERROR|artifact_prefix|Test unit written)' "$B/$t.log" | tail -20
	after=$(ls "tests/fuzz/regress/$t" | wc -l)
	if [ "$rc" -ne 0 ] || [ "$after" -ne "$before" ]; then
		echo "FOUND fuzz-$t: new input(s) in tests/fuzz/regress/$t/ (log: $B/$t.log)"
		status=1
	fi
done
exit $status
