#!/bin/sh
# The test hooks (QM_CRASH_AT, log/osio.h) are in test builds only: log/osio.o
# as a plain `make` compiles it has no trace of QM_CRASH_AT, and as a
# TEST_HOOKS=1 build compiles it (make test) has one, which shows that the
# check can see it. Run by tests/run-unit.sh; compiles one file twice.
top=$(cd "$(dirname "$0")/../.." && pwd) || exit 1
d=${QUIRE_TEST_DIR:-$(mktemp -d)}
fail() { echo "test_testhooks: $*"; exit 1; }
# the make that runs this (make unit, or make test's TEST_HOOKS=1 B=... SAN=1,
# which reach the environment) passes its own variables on; not to these
clean_env() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES -u TEST_HOOKS -u B -u SAN -u OPT "$@"; }
build() { clean_env make -s -C "$top" "$@" >"$d/make.out" 2>&1 ||
	{ cat "$d/make.out"; fail "make $* failed"; }; }

build B="$d/rel" "$d/rel/log/osio.o"
build B="$d/tst" TEST_HOOKS=1 "$d/tst-test/log/osio.o"
[ -f "$d/rel/log/osio.o" ] && [ -f "$d/tst-test/log/osio.o" ] || fail "objects not built where expected"
grep -q QM_CRASH_AT "$d/tst-test/log/osio.o" || fail "a TEST_HOOKS=1 build has no QM_CRASH_AT"
if grep -q QM_CRASH_AT "$d/rel/log/osio.o"; then
	fail "a plain make compiles the crash points in (QM_CRASH_AT in log/osio.o)"
fi
# and the makefile keeps the two apart: plain make never names a *-test folder
plain=$(clean_env make -s -C "$top" -n -B all 2>&1 | grep -c -- '-DQUIRE_TEST_HOOKS\|build-test/')
[ "$plain" = 0 ] || fail "plain make builds with the test hooks or into build-test/"
echo "test_testhooks: QM_CRASH_AT only in the test build's log/osio.o"
