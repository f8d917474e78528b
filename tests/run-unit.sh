#!/bin/sh
# Runs every unit test binary in $1/tests (default build-test, what make test
# builds), then every tests/unit/test_*.sh (checks of the tree and the build
# that need no C: generated headers, test hooks); each gets a fresh temporary
# folder in TMPDIR.
B=${1:-build-test}
fail=0; n=0
for t in "$B"/tests/test_* tests/unit/test_*.sh; do
	case $t in
	*.sh) [ -f "$t" ] || continue; sh=sh ;;
	*) [ -x "$t" ] || continue; sh= ;;
	esac
	n=$((n+1))
	d=$(mktemp -d "${TMPDIR:-/tmp}/quire-ut.XXXXXX")
	if QUIRE_BIN="$(pwd)/$B/bin" QUIRE_TEST_DIR="$d" $sh "$t" >"$d.out" 2>&1; then
		echo "ok   $(basename "$t")"
		rm -rf "$d" "$d.out"
	else
		echo "FAIL $(basename "$t") (output below, files in $d)"
		cat "$d.out"
		fail=$((fail+1))
	fi
done
echo "unit: $n programs, $fail failed"
[ $fail -eq 0 ]
