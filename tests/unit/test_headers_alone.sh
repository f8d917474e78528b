#!/bin/sh
# Every public MQI header of include/ compiles quietly with -pedantic -Wall -Wextra
# -Werror as C89, C99 and C11 and (when a C++ compiler is installed) as C++98 and C++11:
# each one alone, then all of them together, starting from each header in turn and in
# reverse order. Run by tests/run-unit.sh.
cd "$(dirname "$0")/../.." || exit 1
CC=${CC:-cc}
dir=$(mktemp -d "${TMPDIR:-/tmp}/quire-hdr.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
headers="cmqc.h cmqxc.h cmqcfc.h cmqbc.h cmqzc.h cmqec.h cmqpsc.h cmqstrc.h"
warn="-pedantic -Wall -Wextra -Werror -Wundef -Wshadow"
n=0

# tu NAME HEADER...: a translation unit including the headers in that order
tu() {
	f="$dir/$1.c"; shift
	: >"$f"
	for h in "$@"; do echo "#include <$h>" >>"$f"; done
	printf 'int quire_tu(void);\nint quire_tu(void) { return 0; }\n' >>"$f"
	n=$((n+1))
}
for h in $headers; do tu "alone_${h%.h}" "$h"; done
i=0; rot=$headers
for h in $headers; do
	tu "all_from_${h%.h}" $rot
	rot="$(echo "$rot" | cut -d' ' -f2-) $(echo "$rot" | cut -d' ' -f1)"
done
rev=; for h in $headers; do rev="$h $rev"; done
tu all_reversed $rev

cxx=; command -v c++ >/dev/null 2>&1 && cxx=c++
fail=0; runs=0
for f in "$dir"/*.c; do
	for std in c89 c99 c11; do
		runs=$((runs+1))
		$CC -std=$std $warn -Iinclude -fsyntax-only "$f" >"$dir/log" 2>&1 ||
			{ echo "FAIL -std=$std $(basename "$f"):"; cat "$f" "$dir/log"; fail=$((fail+1)); }
	done
	[ -n "$cxx" ] || continue
	for std in c++98 c++11; do
		runs=$((runs+1))
		$cxx -x c++ -std=$std $warn -Iinclude -fsyntax-only "$f" >"$dir/log" 2>&1 ||
			{ echo "FAIL -std=$std $(basename "$f"):"; cat "$f" "$dir/log"; fail=$((fail+1)); }
	done
done
[ -n "$cxx" ] || echo "test_headers_alone: no c++ compiler, the C++ half is skipped"
echo "test_headers_alone: $n translation units, $runs compilations, $fail failed"
[ $fail -eq 0 ]
