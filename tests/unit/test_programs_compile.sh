#!/bin/sh
# Every MQ application of the tree (samples/*.c and tests/mqi/*.c) compiles against the
# SDK headers of include/ alone with -Wall -Wextra -Werror, as C99 the way the makefile
# builds them and as C11; and, when a C++ compiler is installed, as C++11 too, since
# programs written for MQ include its headers from C++. The C++ pass uses -fpermissive,
# because these programs are C (malloc without a cast is not C++): it fails on any error
# left and on any warning or error located in include/ (a note there, beside a warning
# about the program's own code, is not the header's fault). The programs are compiled, not
# linked (make builds and links them); one more, calling the exits' MQXCNVC, MQXEP and
# MQXCLWLN, is linked against libmqm_r and run. Run by tests/run-unit.sh.
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
# The calls for exits link against libmqm_r and answer (a program outside a connection, an
# exit environment and a cluster workload exit): MQXCNVC checks its Hconn, MQXEP has no
# Hconfig and MQXCLWLN no exit to be called from (qm/mqi/xcnvc.c).  Needs the library:
# run by tests/run-unit.sh, which says where the build is (QUIRE_BIN).
if [ -n "${QUIRE_BIN:-}" ] && [ -f "$QUIRE_BIN/../lib/libmqm_r.so" ]; then
	lib=$(cd "$QUIRE_BIN/../lib" && pwd)
	# a sanitizer build's library needs its runtime in the program too
	san=""
	if ldd "$lib/libmqm_r.so" | grep -q libasan; then san="-fsanitize=address,undefined"; fi
	cat >"$dir/exitcalls.c" <<'EOF_C'
#include <stdio.h>
#include <string.h>
#include <cmqc.h>
#include <cmqxc.h>
int main(void)
{
	MQLONG cc = -1, rc = -1, len = -1;
	char out[8];
	MQXCNVC(MQHC_UNUSABLE_HCONN, 0, 819, 2, (PMQCHAR)"AB", 37, 8, out, &len, &cc, &rc);
	if (cc != MQCC_FAILED || rc != MQRC_HCONN_ERROR || len != -1) {
		printf("MQXCNVC: %d %d\n", (int)cc, (int)rc);
		return 1;
	}
	MQXEPO xo = { MQXEPO_DEFAULT };
	MQXEP(NULL, MQXR_BEFORE, MQXF_PUT, NULL, &xo, &cc, &rc);
	if (cc != MQCC_FAILED || rc != MQRC_HCONFIG_ERROR) {
		printf("MQXEP: %d %d\n", (int)cc, (int)rc);
		return 1;
	}
	MQPTR next = NULL;
	MQXCLWLN(NULL, NULL, 0, &next, &cc, &rc);
	if (cc != MQCC_FAILED || rc != MQRC_ENVIRONMENT_ERROR) {
		printf("MQXCLWLN: %d %d\n", (int)cc, (int)rc);
		return 1;
	}
	return 0;
}
EOF_C
	runs=$((runs+1))
	if ! $CC -std=c99 -Wall -Wextra -Werror $san -Iinclude -o "$dir/exitcalls" "$dir/exitcalls.c" \
		-L"$lib" -Wl,-rpath,"$lib" -lmqm_r >"$dir/log" 2>&1 || ! "$dir/exitcalls" >>"$dir/log" 2>&1; then
		echo "FAIL MQXCNVC/MQXEP/MQXCLWLN linked against libmqm_r:"; cat "$dir/log"; fail=$((fail+1))
	fi
fi
# a tree without its programs would pass for nothing
[ $n -ge 10 ] || { echo "test_programs_compile: only $n programs found"; fail=$((fail+1)); }
[ -n "$cxx" ] || echo "test_programs_compile: no c++ compiler, the C++ pass is skipped"
echo "test_programs_compile: $n programs, $runs compilations, $fail failed"
[ $fail -eq 0 ]
