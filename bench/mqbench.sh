#!/bin/sh
# mqbench.sh BUILDDIR [mqbench options]: the MQI load benchmark on a throwaway
# queue manager.
#
# Makes a queue manager QMBENCH in a new MQ_DATA_PATH under BUILDDIR/bench-data
# (the checkout's disk, never a tmpfs: fdatasync there would measure nothing),
# starts it, defines the local queue BENCH.Q, runs BUILDDIR/bench/mqbench with
# the log folder for its raw fdatasync measurement, then ends and deletes the
# queue manager and the folder, whatever happened (trap).  Options after
# BUILDDIR go to mqbench (e.g. --seconds 1).  Exit status: mqbench's, or 1 if
# the queue manager could not be made.
set -u

name=mqbench
B=${1:-build}
[ $# -gt 0 ] && shift
# shellcheck source=bench/benchqm.sh
. "$(dirname "$0")/benchqm.sh"   # B absolute, data (MQ_DATA_PATH), die, bench_data_rm
QM=QMBENCH
Q=BENCH.Q

started=0
cleanup() {
	if [ $started = 1 ]; then
		endmqm -i "$QM" >/dev/null 2>&1
	fi
	dltmqm "$QM" >/dev/null 2>&1
	bench_data_rm
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# A log big enough that the longest case never waits for a checkpoint to
# free an extent: 8 primary extents of 16 MiB.
out=$(crtmqm -lp 8 -ls 4 -lf 4096 "$QM" 2>&1) || die "crtmqm $QM failed: $out"
started=1
out=$(strmqm "$QM" 2>&1) || die "strmqm $QM failed: $out"
out=$(printf '%s\n' "DEFINE QLOCAL($Q) MAXDEPTH(100000) MAXMSGL(4194304) REPLACE" | runmqsc "$QM" 2>&1) ||
	die "runmqsc $QM failed: $out"

"$B/bench/mqbench" --qmgr "$QM" --queue "$Q" --logdir "$data/log/$QM" "$@"
