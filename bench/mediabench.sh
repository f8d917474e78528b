#!/bin/sh
# mediabench.sh BUILDDIR [mediabench options]: media images (rcdmqimg) and
# media recovery (rcrmqobj) of a deep queue, on a throwaway queue manager.
#
# Makes a new MQ_DATA_PATH under BUILDDIR/bench-data (the checkout's disk,
# never a tmpfs: fdatasync and bandwidth there would measure nothing) and runs
# BUILDDIR/bench/mediabench in it, which makes, fills, images, damages,
# re-creates and deletes its queue manager QMMEDIA (linear logging) with the
# commands of BUILDDIR/bin (see the top of mediabench.c).  Whatever happens
# (trap), the queue manager is ended and deleted and the folder removed.
# Options after BUILDDIR go to mediabench (e.g. --mb 64); MEDIABENCH_KEEP=1
# keeps the folder (the queue manager ended, not deleted) to look at
# afterwards.  Exit status: mediabench's (1 only when something broke).
set -u

name=mediabench
B=${1:-build}
[ $# -gt 0 ] && shift
# shellcheck source=bench/benchqm.sh
. "$(dirname "$0")/benchqm.sh"   # B absolute, data (MQ_DATA_PATH), die, bench_data_rm
for c in rcdmqimg rcrmqobj dspmqfls; do
	[ -x "$B/bin/$c" ] || die "$B/bin/$c is missing: build first"
done

cleanup() {
	if [ -d "$data/qmgrs/QMMEDIA" ]; then
		endmqm -i QMMEDIA >/dev/null 2>&1
		[ "${MEDIABENCH_KEEP:-0}" = 1 ] || dltmqm QMMEDIA >/dev/null 2>&1
	fi
	if [ "${MEDIABENCH_KEEP:-0}" = 1 ]; then
		echo "mediabench.sh: MEDIABENCH_KEEP=1: $data kept"
		return
	fi
	bench_data_rm
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

"$B/bench/mediabench" --bin "$B/bin" --data "$data" "$@"
