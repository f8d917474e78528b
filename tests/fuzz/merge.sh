#!/bin/sh
# merge.sh BUILD NAME...: the inputs make fuzz kept in BUILD/corpus/NAME that
# reach new code (edges: -use_counters=0, which keeps the corpora a small
# fraction of what counting hit counts would keep) go to tests/fuzz/corpus/NAME
# (libFuzzer -merge=1; the seeds already there stay).  Prints each corpus's
# size after.
B=$1; shift
for t in "$@"; do
	[ -d "$B/corpus/$t" ] || continue
	"$B/fuzz/lf-$t" -merge=1 -use_counters=0 -max_len=131072 -timeout=20 "tests/fuzz/corpus/$t" "$B/corpus/$t" \
		>"$B/$t.merge.log" 2>&1 || { echo "FAIL merge fuzz-$t (log: $B/$t.merge.log)"; exit 1; }
	echo "fuzz-$t: $(ls "tests/fuzz/corpus/$t" | wc -l) inputs, $(cat "tests/fuzz/corpus/$t"/* | wc -c) bytes"
done
