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

name=recoverybench
B=${1:-build}
[ $# -gt 0 ] && shift
# shellcheck source=bench/benchqm.sh
. "$(dirname "$0")/benchqm.sh"   # B absolute, data (MQ_DATA_PATH), die, bench_data_rm

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
	bench_data_rm
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

"$B/bench/recoverybench" --bin "$B/bin" --data "$data" "$@"
