#!/bin/sh
# replay.sh BUILD NAME...: every fuzz target over its corpus and regression
# inputs (make test, make check).  A crash prints the input that caused it.
B=$1; shift
# with the sanitizers (make check), a report with its stack
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export UBSAN_OPTIONS
fail=0
for t in "$@"; do
	log=$(mktemp "${TMPDIR:-/tmp}/quire-fuzz.XXXXXX")
	if "$B/fuzz/$t" "$t" "tests/fuzz/corpus/$t" "tests/fuzz/regress/$t" 2>"$log"; then
		rm -f "$log"
	else
		echo "FAIL fuzz-$t: the last input below broke it"
		tail -40 "$log"
		rm -f "$log"
		fail=1
	fi
done
exit $fail
