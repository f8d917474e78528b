#!/bin/sh
# psbench.sh BUILDDIR [psbench options]: the publish/subscribe benchmark on a
# throwaway queue manager, beside the point-to-point figures of the same run.
#
# Makes a queue manager QMPSBENCH in a new MQ_DATA_PATH under BUILDDIR/bench-data
# (benchqm.sh: the checkout's disk, never a tmpfs), starts it, defines the local
# queue BENCH.Q and runs BUILDDIR/bench/mqbench on it for the publication size
# (--size, 1024), with the numbers of publishers as its applications (--pubs,
# 1,4) and --seconds, --raw-seconds as given: its persistent and nonpersistent
# put+get lines are what one copy costs without fan-out.  Then it runs
# BUILDDIR/bench/psbench with every option given.  Ends and deletes the queue
# manager and the folder whatever happened (trap).  Exit status: 1 if either
# program broke (psbench: a copy lost or changed) or the queue manager could not
# be made; 0 otherwise.
set -u

name=psbench
B=${1:-build}
[ $# -gt 0 ] && shift
# shellcheck source=bench/benchqm.sh
. "$(dirname "$0")/benchqm.sh"   # B absolute, data (MQ_DATA_PATH), die, bench_data_rm
[ -x "$B/bench/mqbench" ] || die "$B/bench/mqbench is missing: build it first (make $B/bench/mqbench)"
QM=QMPSBENCH
Q=BENCH.Q

# mqbench's options from psbench's: the same size, applications, durations
size=1024 pubs=1,4 mqopts=""
prev=""
for a in "$@"; do
	case $prev in
	--size) size=$a ;;
	--pubs) pubs=$a ;;
	--seconds | --raw-seconds) mqopts="$mqopts $prev $a" ;;
	esac
	prev=$a
done

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

# As mqbench.sh: a log big enough that no case waits for a checkpoint to free
# an extent (8 primary extents of 16 MiB).
out=$(crtmqm -lp 8 -ls 4 -lf 4096 "$QM" 2>&1) || die "crtmqm $QM failed: $out"
started=1
out=$(strmqm "$QM" 2>&1) || die "strmqm $QM failed: $out"
out=$(printf '%s\n' "DEFINE QLOCAL($Q) MAXDEPTH(100000) MAXMSGL(4194304) REPLACE" | runmqsc "$QM" 2>&1) ||
	die "runmqsc $QM failed: $out"

rc=0
echo "point to point (mqbench, the same size and numbers of applications):"
# shellcheck disable=SC2086 # mqopts is a list of words on purpose
"$B/bench/mqbench" --qmgr "$QM" --queue "$Q" --logdir "$data/log/$QM" --apps "$pubs" --np-apps "$pubs" \
	--sizes "$size" --np-sizes "$size" --no-diag $mqopts || rc=1
echo
"$B/bench/psbench" --qmgr "$QM" --logdir "$data/log/$QM" "$@" || rc=1
exit $rc
