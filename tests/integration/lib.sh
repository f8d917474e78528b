# lib.sh: helpers for the integration scripts (sourced).  Each script runs in
# a fresh folder with MQ_DATA_PATH pointing into it and build/bin on PATH.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "# $*"; }
# run EXPECTED_RC cmd...: run it, keep stdout+stderr in $OUT, check the exit status
run() {
	want=$1; shift
	OUT=$("$@" 2>&1); got=$?
	[ "$got" = "$want" ] || fail "'$*' exited $got, expected $want; output:
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
	lim=$(($1 * 20)); i=0
	until grep -q -- "$3" "$2" 2>/dev/null; do
		i=$((i + 1)); [ $i -le $lim ] || fail "timed out waiting for '$3' in $2: $(cat "$2" 2>/dev/null)"
		sleep 0.05
	done
}
