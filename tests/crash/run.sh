#!/bin/sh
# run.sh: the crash driver.  Creates a queue manager, then again and again:
# load (mqi_crashmix load), kill -9 of the queue manager (or a crash point of
# a test build), now and then a kill during the restart, strmqm (timed), and
# the checker (mqi_crashmix check), whose state carries across the kills.
# Prints one summary line; exits 1 on any violation, 2 when it could not run.
# tests/crash/README.md says what each counter means.
#
#   sh tests/crash/run.sh [-n KILLS] [-m circular|linear] [-s SEED] [-d DIR]
#          [-f LOGFILEPAGES] [-w "MINMS MAXMS"] [-M MAXBYTES] [-p PRODUCERS]
#          [-c CONSUMERS] [-B BIG_PERMILLE] [-U MAXUOW] [-q QMNAME] [-b BORULE] [-k]
#
#   -n  kills to make (default 10); any number, for a soak
#   -m  log type (default circular: LogPrimaryFiles=3 LogSecondaryFiles=2,
#       -f pages each, default 1024; linear: LogManagement=Automatic, -f
#       default 256)
#   -s  seed of every random choice (default: the time); printed, so a run can
#       be made again (as far as timing allows)
#   -d  working folder (default ./crash-MODE-SEED): histories h-ROUND-*.log,
#       the checker's state, each check's output and what it saw (dump-ROUND),
#       rounds.log (one line per round); kept when something failed or with -k
#       (while all is well, only the last three rounds' files are kept)
#   -w  how long the load runs before the kill, a random time between MINMS
#       and MAXMS milliseconds (default "200 1200")
#   -M, -p, -c, -B, -U  the load's largest body (default 4194304), producers
#       (3), consumers (2), permille of puts above 64 KiB (20), most puts in
#       a producer's unit of work (5; more fills a small circular log)
#   -q  queue manager name (default CRASHC or CRASHL)
#   -b  the checker's BackoutCount rule: plan (default), hardened, strict or
#       definite (mqi_crashmix check --bo; tests/crash/README.md)
#   -k  keep the working folder, and leave the queue manager running (endmqm -i it)
#
# Environment: PATH with a test build's bin/ first (the crash points need
# TEST_HOOKS=1), QUIRE_BUILD naming that build (for tests/mqi/mqi_crashmix;
# default build-test beside this script), MQ_DATA_PATH (default DIR/data).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../integration/lib.sh"
: "${QUIRE_BUILD:=$(cd "$here/../.." && pwd)/build-test}"
MX="$QUIRE_BUILD/tests/mqi/mqi_crashmix"

bo='' uowmax=5 kills_wanted=10 mode=circular seed='' dir='' pages='' wait_ms="200 1200" maxb=4194304 np=3 nc=2 big=20 qm='' keep=0
while getopts n:m:s:d:f:w:M:p:c:B:U:q:b:k o; do
	case $o in
	n) kills_wanted=$OPTARG ;;
	m) mode=$OPTARG ;;
	s) seed=$OPTARG ;;
	d) dir=$OPTARG ;;
	f) pages=$OPTARG ;;
	w) wait_ms=$OPTARG ;;
	M) maxb=$OPTARG ;;
	p) np=$OPTARG ;;
	c) nc=$OPTARG ;;
	B) big=$OPTARG ;;
	U) uowmax=$OPTARG ;;
	q) qm=$OPTARG ;;
	b) bo=--bo=$OPTARG ;;
	k) keep=1 ;;
	*) echo "usage: run.sh [-n KILLS] [-m circular|linear] [-s SEED] [-d DIR] [-f PAGES] [-w 'MIN MAX'] [-M MAX] [-p N] [-c N] [-B PERMILLE] [-q QM] [-k]" >&2; exit 2 ;;
	esac
done
case $mode in
circular) logflags="-lc -lp 3 -ls 2" qm=${qm:-CRASHC} pages=${pages:-1024} ;;
linear) logflags="-lla" qm=${qm:-CRASHL} pages=${pages:-256} ;;
*) echo "run.sh: -m circular or linear" >&2; exit 2 ;;
esac
[ -x "$MX" ] || { echo "run.sh: $MX not built (make TEST_HOOKS=1 integration)" >&2; exit 2; }
seed=${seed:-$(date +%s)}
dir=${dir:-$PWD/crash-$mode-$seed}
mkdir -p "$dir" && dir=$(cd "$dir" && pwd) || exit 2
: "${MQ_DATA_PATH:=$dir/data}"
export MQ_DATA_PATH
fail() { echo "run.sh: $* (seed $seed, folder $dir)" >&2; exit 2; }
cd "$dir" || exit 2
min_ms=${wait_ms% *} max_ms=${wait_ms#* }

# the random choices: a 31-bit LCG in the shell, so a seed says them all
rng=$((seed % 2147483647 + 1))
rand() { rng=$(((rng * 1103515245 + 12345) % 2147483648)); RV=$(((rng / 65536) % $1)); }
ms() { echo "$(($1 / 1000)).$(printf '%03d' $(($1 % 1000)))"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

load=
cleanup() {
	[ -n "$load" ] && kill "$load" 2>/dev/null
	if [ $keep = 0 ]; then endmqm -i "$qm" >/dev/null 2>&1; fi
}
trap 'exit 2' INT TERM HUP
trap cleanup EXIT
D="$MQ_DATA_PATH/qmgrs/$qm"

# ---- the queue manager --------------------------------------------------------------------
crtmqm -z $logflags -lf "$pages" "$qm" >crtmqm.out 2>&1 || fail "crtmqm: $(cat crtmqm.out)"
printf 'Tuning:\n   CheckpointOps=100\n   CheckpointSeconds=1\n' >>"$D/qm.ini"
strmqm -z "$qm" >/dev/null 2>&1 || fail "strmqm"
runmqsc "$qm" >define.out 2>&1 <<'MQSC' || fail "define: $(cat define.out)"
DEFINE QLOCAL(CRASH.PRI) MSGDLVSQ(PRIORITY) MAXDEPTH(1000000) MAXMSGL(4194304)
DEFINE QLOCAL(CRASH.FIFO) MSGDLVSQ(FIFO) MAXDEPTH(1000000) MAXMSGL(4194304)
MQSC
# the syncs a start makes from a clean end, to aim the crash points
endmqm -w "$qm" >/dev/null 2>&1 || fail "endmqm"
QM_CRASHPOINT_LOG=$dir/cp.log strmqm -z "$qm" >/dev/null 2>&1 || fail "strmqm with the crash point log"
base=$(grep -c '^sync$' cp.log)
rm -f cp.log

kills=0 k_load=0 k_sync=0 k_restart=0 round=0 timeouts=0 bad=0 restart_failed=0
: >restart.ms
: >rounds.log
# qm_dead PID: wait until the process has gone (15 s at most)
qm_dead() { wait_for 15 'pid_gone "$1"'; }
# start_timed: strmqm, its time appended to restart.ms; 1 when the queue
# manager would not start (I8: a restart that fails is a violation)
start_timed() {
	_st_t0=$(now_ms)
	if ! strmqm "$qm" >strmqm.out 2>&1; then
		restart_failed=$((restart_failed + 1))
		echo "# round $round: strmqm failed (its output in strmqm.out, the queue manager's files kept):"
		grep AMQ strmqm.out | sed 's/^/#   /'
		return 1
	fi
	_st_ms=$(($(now_ms) - _st_t0))
	echo "$_st_ms" >>restart.ms
	[ "$_st_ms" -le 30000 ] || timeouts=$((timeouts + 1))
}

while [ "$kills" -lt "$kills_wanted" ]; do
	round=$((round + 1))
	how=load note=
	rand 100
	if [ "$RV" -lt 25 ]; then
		# a crash point: the Nth sync from a clean start, under load (a log
		# flush, or a checkpoint's queue file: CheckpointOps=100)
		how=sync
		rand 400
		n=$((base + 1 + RV))
		endmqm -i "$qm" >/dev/null 2>&1 || fail "endmqm -i before round $round"
		if ! QM_CRASH_AT=sync:$n strmqm -z "$qm" >/dev/null 2>&1; then
			kills=$((kills + 1)) k_restart=$((k_restart + 1)) note="sync:$n in the start;"
			wait_for 15 '[ "$(qm_status "$qm")" = "Ended unexpectedly" ]'   # (as below)
			start_timed || break
			how=load
		fi
	fi
	pid=$(qm_pid "$qm")
	"$MX" load "$qm" "$dir" "$round" -s "$((seed + round))" -p "$np" -c "$nc" -M "$maxb" -B "$big" -U "$uowmax" -t 30 \
		>"load-$round.out" 2>&1 &
	load=$!
	rand $((max_ms - min_ms + 1))
	delay=$((min_ms + RV))
	if [ $how = sync ]; then
		_i=0
		while ! pid_gone "$pid" && [ $_i -lt 80 ]; do sleep 0.05; _i=$((_i + 1)); done
		if pid_gone "$pid"; then
			note="$note sync:$n under load;"
			k_sync=$((k_sync + 1))
		else
			kill -9 "$pid" 2>/dev/null
			note="$note sync:$n not reached in 4 s, kill -9;"
			k_load=$((k_load + 1))
		fi
	else
		sleep "$(ms $delay)"
		kill -9 "$pid" || fail "the queue manager (pid $pid) was not running in round $round"
		note="$note kill -9 after ${delay} ms;"
		k_load=$((k_load + 1))
	fi
	kills=$((kills + 1))
	qm_dead "$pid"
	wait "$load" || fail "the load of round $round failed: $(cat "load-$round.out")"
	load=
	# now and then, a crash during the restart
	rand 100
	if [ "$RV" -lt 15 ] && [ "$kills" -lt "$kills_wanted" ]; then
		rand 40
		d=$RV
		strmqm -z "$qm" >/dev/null 2>&1 &
		sp=$!
		# the new process's id, as soon as qmstatus.ini has it ("Starting")
		_i=0
		while [ "$(qm_pid "$qm")" = "$pid" ] && [ $_i -lt 5000 ]; do sleep 0.002; _i=$((_i + 1)); done
		p2=$(qm_pid "$qm")
		[ "$p2" != "$pid" ] || fail "strmqm did not start a process in round $round"
		[ "$d" = 0 ] || sleep "$(ms "$d")"
		kill -9 "$p2" 2>/dev/null && kills=$((kills + 1)) k_restart=$((k_restart + 1))
		wait "$sp"
		note="$note restart killed after $d ms (strmqm exit $?: 0 = it had started);"
		qm_dead "$p2"
	elif [ "$RV" -lt 25 ] && [ "$kills" -lt "$kills_wanted" ]; then
		rand $((base + 8))
		n=$((RV + 1))
		if QM_CRASH_AT=sync:$n strmqm -z "$qm" >/dev/null 2>&1; then
			p2=$(qm_pid "$qm")   # the crash point lay beyond the start
			kill -9 "$p2" && qm_dead "$p2"
			note="$note restart with sync:$n ran, then kill -9;"
		else
			note="$note restart crashed at sync:$n;"
			# strmqm saw its pipe close; the process may still be going (a
			# thread in a system call holds its files, and so the lock)
			wait_for 15 '[ "$(qm_status "$qm")" = "Ended unexpectedly" ]'
		fi
		kills=$((kills + 1)) k_restart=$((k_restart + 1))
	fi
	start_timed || break
	drain=
	rand 3
	[ "$RV" = 0 ] || [ "$kills" -ge "$kills_wanted" ] && drain=--drain
	if "$MX" check "$qm" state $drain $bo --dump "dump-$round" h-"$round"-*.log >"check-$round.out" 2>&1; then
		verdict=ok
	else
		verdict=FAIL bad=1
		echo "# round $round ($note): the checker found violations (check-$round.out):"
		grep -v ' 0$' "check-$round.out" | sed 's/^/#   /'
	fi
	echo "round $round $how:$note restart $(tail -1 restart.ms) ms; $(head -1 "check-$round.out"); $verdict" >>rounds.log
	# a soak keeps the files of its last rounds only, while all is well
	old=$((round - 3))
	[ $keep = 1 ] || [ $bad = 1 ] || rm -f h-$old-*.log "dump-$old" "check-$old.out" "load-$old.out"
done

# the summary
"$MX" totals state >totals || fail "totals"
t() { sed -n "s/^$1=//p" totals; }
p50=$(sort -n restart.ms | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
max=$(sort -n restart.ms | tail -1)
others=
for k in resurrected backout_count atomicity isolation unexpected corrupt_body np_survived np_corrupt; do
	[ "$(t $k)" = 0 ] || others="$others $k=$(t $k)"
done
[ $timeouts = 0 ] || others="$others recovery_timeouts=$timeouts"
[ $restart_failed = 0 ] || others="$others restart_failed=$restart_failed"
[ "$(t explained)" = 0 ] || others="$others explained=$(t explained)"
echo "crash-suite $mode seed=$seed: kills=$kills (load $k_load, sync $k_sync, restart $k_restart) rounds=$round" \
	"acknowledged=$(t acknowledged) lost=$(t lost) duplicated=$(t duplicated) phantom=$(t phantom) order=$(t order)$others" \
	"restart_ms p50=$p50 max=$max"
[ $timeouts = 0 ] && [ $restart_failed = 0 ] || bad=1
if [ $bad = 0 ] && [ $keep = 0 ]; then
	endmqm -i "$qm" >/dev/null 2>&1
	dltmqm -z "$qm" >/dev/null 2>&1
	cd / && rm -rf "$dir"
elif [ $bad != 0 ]; then
	echo "# kept: $dir (seed $seed)"
fi
exit $bad
