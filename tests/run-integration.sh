#!/bin/sh
# Runs tests/integration/t*.sh with the built commands first on PATH, each in a fresh MQ_DATA_PATH.
# $1 is a test build (default build-test, what make test builds): t3002 needs its crash points.
B=${1:-build-test}
top=$(pwd)
PATH="$top/$B/bin:$PATH"; export PATH
QUIRE_BUILD="$top/$B"; export QUIRE_BUILD
fail=0; n=0
for t in tests/integration/t[0-9]*.sh; do
	[ -f "$t" ] || continue
	n=$((n+1))
	d=$(mktemp -d "${TMPDIR:-/tmp}/quire-it.XXXXXX")
	if (cd "$d" && MQ_DATA_PATH="$d/data" sh "$top/$t") >"$d.out" 2>&1; then
		echo "ok   $(basename "$t")"
		rm -rf "$d" "$d.out"
	else
		echo "FAIL $(basename "$t") (output below, files in $d)"
		cat "$d.out"
		fail=$((fail+1))
	fi
done
echo "integration: $n scripts, $fail failed"
[ $fail -eq 0 ]
