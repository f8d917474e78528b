# lib.sh: helpers for the integration scripts (sourced).  Each script runs in
# a fresh folder with MQ_DATA_PATH pointing into it and build/bin on PATH.
# Shell functions share one set of variables: a helper's own variables start
# with an underscore and its name, so they never clobber a script's.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "# $*"; }
# run EXPECTED_RC cmd...: run it, keep stdout+stderr in $OUT, check the exit status
run() {
	_run_want=$1; shift
	OUT=$("$@" 2>&1); _run_got=$?
	[ "$_run_got" = "$_run_want" ] || fail "'$*' exited $_run_got, expected $_run_want; output:
$OUT"
}
# has TEXT: $OUT contains TEXT (a fixed string)
has() { printf '%s\n' "$OUT" | grep -qF -- "$1" || fail "output lacks '$1'; output:
$OUT"; }
hasnt() { ! printf '%s\n' "$OUT" | grep -qF -- "$1" || fail "output has '$1'; output:
$OUT"; }
# file_has FILE TEXT
file_has() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2'"; }
# sanitizer_logs_here: sanitizer reports of every process (a detached queue
# manager too) go to files in this folder; sanitizer_check fails on any
sanitizer_logs_here() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$PWD/asan"
	UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$PWD/ubsan"
	export ASAN_OPTIONS UBSAN_OPTIONS
}
sanitizer_check() {
	for f in asan.* ubsan.*; do
		[ -f "$f" ] && fail "sanitizer report: $(cat "$f")"
	done
	return 0
}
# wait_line SECONDS FILE TEXT: wait until FILE has a line with TEXT
wait_line() {
	_wl_max=$(($1 * 20)); _wl_i=0
	until grep -q -- "$3" "$2" 2>/dev/null; do
		_wl_i=$((_wl_i + 1)); [ $_wl_i -le $_wl_max ] || fail "timed out waiting for '$3' in $2: $(cat "$2" 2>/dev/null)"
		sleep 0.05
	done
}
