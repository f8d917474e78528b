#!/bin/sh
# recoverybench.sh BUILDDIR [recoverybench options]: restart recovery and deep
# queues, on throwaway queue managers.
#
# Makes a new MQ_DATA_PATH under BUILDDIR/bench-data (the checkout's disk,
# never a tmpfs: fdatasync and read bandwidth there would measure nothing) and
# runs BUILDDIR/bench/recoverybench in it, which makes, loads, kills, restarts
# and deletes its queue managers QMRBDEEP and QMRBREPLAY with the commands of
# BUILDDIR/bin (see the top of recoverybench.c).  Whatever happens (trap), the
# queue managers still running are ended and deleted and the folder removed.
# Options after BUILDDIR go to recoverybench (e.g. --msgs 20000
# --replay-mb 50); RECOVERYBENCH_KEEP=1 keeps the folder (queue managers
# ended, not deleted) to look at afterwards.  Exit status: recoverybench's (1 only when something broke).
set -u

B=${1:-build}
[ $# -gt 0 ] && shift
top=$(pwd)
case $B in
/*) ;;
*) B="$top/$B" ;;
esac

die() { printf 'recoverybench.sh: %s\n' "$*" >&2; exit 1; }

for c in crtmqm strmqm endmqm dltmqm runmqsc; do
	[ -x "$B/bin/$c" ] || die "$B/bin/$c is missing: build first"
done
[ -x "$B/bench/recoverybench" ] ||
	die "$B/bench/recoverybench is missing: build it first (make $B/bench/recoverybench)"

made_bd=0
if [ ! -d "$B/bench-data" ]; then
	mkdir -p "$B/bench-data" || die "cannot make $B/bench-data"
	made_bd=1
fi
data=$(mktemp -d "$B/bench-data/recoverybench.XXXXXX") || die "cannot make a folder in $B/bench-data"
fstype=$(stat -f -c %T "$data" 2>/dev/null)
case $fstype in
tmpfs | ramfs) echo "recoverybench.sh: warning: $data is on $fstype; the disk figures mean nothing there" ;;
esac

PATH="$B/bin:$PATH"
MQ_DATA_PATH="$data"
export PATH MQ_DATA_PATH

cleanup() {
	for qm in QMRBDEEP QMRBREPLAY; do
		if [ -d "$data/qmgrs/$qm" ]; then
			endmqm -i "$qm" >/dev/null 2>&1
			[ "${RECOVERYBENCH_KEEP:-0}" = 1 ] || dltmqm "$qm" >/dev/null 2>&1
		fi
	done
	if [ "${RECOVERYBENCH_KEEP:-0}" = 1 ]; then
		echo "recoverybench.sh: RECOVERYBENCH_KEEP=1: $data kept"
		return
	fi
	rm -rf "$data"
	[ $made_bd = 0 ] || rmdir "$B/bench-data" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

"$B/bench/recoverybench" --bin "$B/bin" --data "$data" "$@"
