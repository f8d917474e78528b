#!/bin/sh
# Every MQ application of the tree (samples/*.c and tests/mqi/*.c) compiles against the
# SDK headers of include/ alone with -Wall -Wextra -Werror, as C99 the way the makefile
# builds them and as C11; and, when a C++ compiler is installed, as C++11 too, since
# programs written for MQ include its headers from C++. The C++ pass uses -fpermissive,
# because these programs are C (malloc without a cast is not C++): it fails on any error
# left and on any warning or error located in include/ (a note there, beside a warning
# about the program's own code, is not the header's fault). The programs are compiled, not
# linked (make builds and links them). Run by tests/run-unit.sh.
cd "$(dirname "$0")/../.." || exit 1
CC=${CC:-cc}
dir=$(mktemp -d "${TMPDIR:-/tmp}/quire-prog.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
cxx=; command -v c++ >/dev/null 2>&1 && cxx=c++
n=0; runs=0; fail=0
for f in samples/*.c tests/mqi/*.c; do
	[ -f "$f" ] || continue
	n=$((n+1))
	for std in c99 c11; do
		runs=$((runs+1))
		$CC -std=$std -D_GNU_SOURCE -Wall -Wextra -Werror -Iinclude -c -o "$dir/o.o" "$f" \
			>"$dir/log" 2>&1 || { echo "FAIL -std=$std $f:"; cat "$dir/log"; fail=$((fail+1)); }
	done
	[ -n "$cxx" ] || continue
	runs=$((runs+1))
	if ! $cxx -x c++ -std=c++11 -fpermissive -D_GNU_SOURCE -Wall -Wextra -Iinclude \
		-c -o "$dir/o.o" "$f" >"$dir/log" 2>&1 || grep -Eq '^include/[^:]*:[0-9]+:[0-9]+: (warning|error)' "$dir/log"; then
		echo "FAIL -x c++ $f:"; cat "$dir/log"; fail=$((fail+1))
	fi
done
# a tree without its programs would pass for nothing
[ $n -ge 10 ] || { echo "test_programs_compile: only $n programs found"; fail=$((fail+1)); }
[ -n "$cxx" ] || echo "test_programs_compile: no c++ compiler, the C++ pass is skipped"
echo "test_programs_compile: $n programs, $runs compilations, $fail failed"
[ $fail -eq 0 ]
