#!/bin/sh
# run.sh BUILD SECONDS NAME...: each libFuzzer target in turn for SECONDS
# (make fuzz).  New inputs go to a scratch corpus under BUILD (merge them into
# tests/fuzz/corpus/NAME by hand with -merge=1 when they add coverage);
# crashes go to tests/fuzz/found/NAME/ to be fixed, then moved to regress/.
B=$1; secs=$2; shift 2
for t in "$@"; do
	mkdir -p "$B/corpus/$t" "tests/fuzz/found/$t"
	echo "== fuzz-$t for $secs s"
	"$B/fuzz/lf-$t" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="tests/fuzz/found/$t/" -max_len=131072 -timeout=20 \
		"$B/corpus/$t" "tests/fuzz/corpus/$t" "tests/fuzz/regress/$t" 2>&1 | tail -25
done
