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
