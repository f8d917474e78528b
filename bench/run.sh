#!/bin/sh
# Runs every benchmark program in $1/bench (default build/bench), one after the
# other, each with its data folder $1/bench-data as first argument and then
# $BENCH_ARGS (e.g. BENCH_ARGS="--seconds 1").  Benchmarks print figures; they
# fail (non-zero) only when something broke, never because a goal was missed.
B=${1:-build}
data="$B/bench-data"
mkdir -p "$data" || exit 1
fail=0; n=0
for b in "$B"/bench/*; do
	case "$b" in *.o|*.d|*/mqbench|*/netbench|*/psbench|*/recoverybench|*/mediabench|*/peerdisk) continue ;; esac   # below
	[ -f "$b" ] && [ -x "$b" ] || continue
	n=$((n+1))
	echo "== $(basename "$b")"
	# shellcheck disable=SC2086 # BENCH_ARGS is a list of words on purpose
	if ! "$b" "$data" $BENCH_ARGS; then
		echo "FAIL $(basename "$b")"
		fail=$((fail+1))
	fi
	echo
done
# the MQI load benchmark, on a throwaway queue manager that mqbench.sh makes
n=$((n+1))
echo "== mqbench"
# shellcheck disable=SC2086
if ! sh "$(dirname "$0")/mqbench.sh" "$B" $BENCH_ARGS; then
	echo "FAIL mqbench"
	fail=$((fail+1))
fi
# put+get over TCP, TLS 1.2 and TLS 1.3 on loopback beside local connections
# (issue 15), on a throwaway queue manager and listener that netbench.sh makes:
# short here (about 30 s); NETBENCH=long (make bench NETBENCH=long) runs the
# long setting (3 s a case, 1, 4 and 16 applications, 1 KiB, 64 KiB and 1 MiB:
# about 8 minutes)
echo
n=$((n+1))
echo "== netbench"
case ${NETBENCH:-short} in
long) netargs="--seconds 3 --apps 1,4,16 --sizes 1024,65536,1048576" ;;
*) netargs="--seconds 0.5 --raw-seconds 1" ;;
esac
# shellcheck disable=SC2086
if ! sh "$(dirname "$0")/netbench.sh" "$B" $netargs $BENCH_ARGS; then
	echo "FAIL netbench"
	fail=$((fail+1))
fi
# Quire beside Redis and PostgreSQL (when installed) and the disk, in one run
# (issue 12; peerdisk is its helper)
echo
n=$((n+1))
echo "== peerbench"
# shellcheck disable=SC2086
if ! sh "$(dirname "$0")/peerbench.sh" "$B" $BENCH_ARGS; then
	echo "FAIL peerbench"
	fail=$((fail+1))
fi
# publish/subscribe (issue 14): fan-out to 1, 10 and 100 subscriptions beside
# mqbench's point-to-point lines, on a throwaway queue manager that psbench.sh
# makes; a short setting here (about 20 s; the full one: bench/README.md)
echo
n=$((n+1))
echo "== psbench"
# shellcheck disable=SC2086
if ! sh "$(dirname "$0")/psbench.sh" "$B" --seconds 1 --raw-seconds 1 --pubs 1 --modes np,p,dpu $BENCH_ARGS; then
	echo "FAIL psbench"
	fail=$((fail+1))
fi
# restart recovery and deep queues, on throwaway queue managers that
# recoverybench.sh makes; a modest scale here (the full one: bench/README.md)
echo
n=$((n+1))
echo "== recoverybench"
# shellcheck disable=SC2086
if ! sh "$(dirname "$0")/recoverybench.sh" "$B" --msgs 50000 --replay-mb 100 $BENCH_ARGS; then
	echo "FAIL recoverybench"
	fail=$((fail+1))
fi
# media images and media recovery of a 64 MiB queue (about 10 s; the full
# scale, 1 GiB, is the default: bench/README.md)
echo
n=$((n+1))
echo "== mediabench"
# shellcheck disable=SC2086
if ! sh "$(dirname "$0")/mediabench.sh" "$B" --mb 64 $BENCH_ARGS; then
	echo "FAIL mediabench"
	fail=$((fail+1))
fi
echo
rmdir "$data" 2>/dev/null
echo "bench: $n programs, $fail broke"
[ $fail -eq 0 ]
