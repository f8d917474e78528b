#!/bin/sh
# The generated parts of include/ (and tests/unit/mqi_consts_check.h) are what
# include/gen/gen_mqi_consts.py writes from include/gen/: fails on any hand edit
# or a fact changed without `make headers`. Run by tests/run-unit.sh.
cd "$(dirname "$0")/../.." || exit 1
command -v python3 >/dev/null 2>&1 || { echo "test_headers: python3 missing (make deps)"; exit 1; }
if python3 include/gen/gen_mqi_consts.py --check; then
	echo "test_headers: every generated output is up to date"
else
	echo "test_headers: stale, run make headers (and never edit a generated part by hand)"
	exit 1
fi
