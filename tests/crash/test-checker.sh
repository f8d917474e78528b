#!/bin/sh
# test-checker.sh: the crash checker (mqi_crashmix check) is itself tested: each
# violation kind is planted and must be reported, with its count, and nothing
# else; a clean case must pass.  First offline (crafted histories and crafted
# queue contents: check --snapshot), then, when a queue manager can be made
# (crtmqm on PATH), online: a real load with no crash in flight must pass, and
# messages really put with the wrong body, twice, out of order, or from a
# unit of work the history says was backed out must be reported.
#
#   sh tests/crash/test-checker.sh [--offline]
#
# Needs QUIRE_BUILD (a test build: $QUIRE_BUILD/tests/mqi/mqi_crashmix) and,
# for the online part, its bin/ first on PATH and MQ_DATA_PATH.  Runs in the
# current folder (makes tc/ there).  Exit 0 when every case behaved.
set -u
: "${QUIRE_BUILD:=$(cd "$(dirname "$0")/../.." && pwd)/build-test}"
MX="$QUIRE_BUILD/tests/mqi/mqi_crashmix"
[ -x "$MX" ] || { echo "test-checker: $MX not built (make B=... TEST_HOOKS=1 integration)" >&2; exit 2; }
KINDS="lost duplicated resurrected backout_count atomicity phantom isolation unexpected corrupt_body order np_survived np_corrupt"
failures=0 cases=0
top=$PWD/tc
rm -rf "$top" && mkdir -p "$top"

bad() { echo "not ok - $*"; failures=$((failures + 1)); }

# ---- writing histories: one file per worker, h-ROUND-WORKER.log ----------------
R=1 T=1000
tick() { T=$((T + 10)); }
# P W Q PID SEQ PRI PERS SP UOW RESULT [RC]: a put and its answer
P() {
	tick
	echo "$T $1 invoke put q=$2 p=$3 s=$4 pri=$5 per=$6 sp=$7 u=$8 i=0 n=1 len=200 crc=0000abcd" >>"h-$R-$1.log"
	tick
	echo "$T $1 $9 put p=$3 s=$4 rc=${10:-0}" >>"h-$R-$1.log"
}
# G W Q SP UOW ok PID SEQ BO | G W Q SP UOW fail|info RC: a get and its answer
G() {
	tick
	echo "$T $1 invoke get q=$2 sp=$3 u=$4" >>"h-$R-$1.log"
	tick
	if [ "$5" = ok ]; then
		echo "$T $1 ok get q=$2 sp=$3 u=$4 p=$6 s=$7 bo=$8 pri=5 per=1 len=200 bad=0" >>"h-$R-$1.log"
	else
		echo "$T $1 $5 get rc=$6" >>"h-$R-$1.log"
	fi
}
# E W commit|back UOW RESULT [RC]: the end of a unit of work
E() {
	tick
	echo "$T $1 invoke $2 u=$3" >>"h-$R-$1.log"
	tick
	echo "$T $1 $4 $2 u=$3 rc=${5:-0}" >>"h-$R-$1.log"
}

# The base history, used by every offline case.  Producer 100, consumer 101:
#   1/1 q0 pri5 persistent, outside syncpoint, ok         got (no syncpoint) by 101
#   1/2,1/3 q0 pri5, unit 11 committed                    1/2 got under 21, backed out
#   1/4 q0, unit 12 backed out                            1/5 q0 nonpersistent, ok
#   1/6 q0 outside syncpoint, answer lost (info)
#   1/7,1/8 q1 pri 1 and 8, unit 13 committed (FIFO)
#   1/9,1/10 q1 unit 14, commit answer lost, both there (settled committed)
#   1/11,1/12 q1 unit 15, commit answer lost, both gone (settled backed out)
base() {
	P 100 0 100 1 5 1 0 0 ok
	P 100 0 100 2 5 1 1 11 ok
	P 100 0 100 3 5 1 1 11 ok
	E 100 commit 11 ok
	P 100 0 100 4 5 1 1 12 ok
	E 100 back 12 ok
	P 100 0 100 5 5 0 0 0 ok
	P 100 0 100 6 5 1 0 0 info 2009
	P 100 1 100 7 1 1 1 13 ok
	P 100 1 100 8 8 1 1 13 ok
	E 100 commit 13 ok
	P 100 1 100 9 4 1 1 14 ok
	P 100 1 100 10 4 1 1 14 ok
	E 100 commit 14 info 2009
	P 100 1 100 11 4 1 1 15 ok
	P 100 1 100 12 4 1 1 15 ok
	E 100 commit 15 info 2009
	G 101 0 0 0 ok 100 1 0
	G 101 0 1 21 ok 100 2 0
	E 101 back 21 ok
	G 101 1 0 0 fail 2033
}
# what a correct queue manager shows after that (browse order)
base_snapshot() {
	cat <<-'S'
	b 0 p=100 s=2 bo=1
	b 0 p=100 s=3
	b 1 p=100 s=7
	b 1 p=100 s=8
	b 1 p=100 s=9
	b 1 p=100 s=10
	S
}

# judge NAME RC WANT...: the checker's output is in out and its exit status
# RC; WANT is "kind=count" for each kind that must be counted, every other
# kind must be 0, and the exit status 1 when any is counted, else 0
judge() {
	_name=$1 _rc=$2; shift 2
	cases=$((cases + 1))
	_any=0 _ok=1
	for _k in $KINDS; do
		_want=0
		for _w in "$@"; do
			case $_w in "$_k="*) _want=${_w#*=} ;; esac
		done
		[ "$_want" = 0 ] || _any=1
		_got=$(sed -n "s/^$_k //p" out)
		if [ "$_got" != "$_want" ]; then
			bad "$_name: $_k '$_got', expected $_want"
			_ok=0
		fi
	done
	if [ "$_rc" != "$_any" ]; then
		bad "$_name: the checker exited $_rc, expected $_any"
		_ok=0
	fi
	if [ $_ok = 1 ]; then
		echo "ok - $_name${*:+ ($*)}"
	else
		sed 's/^/#   /' out
	fi
}
# verdict NAME WANT...: the checker on the case's histories and snapshot
verdict() {
	_rc=0
	# shellcheck disable=SC2046,SC2086 # the options and the files, as words
	"$MX" check - state ${CHECK_OPTS:-} --snapshot snap $(ls h-*.log 2>/dev/null) >out 2>&1 || _rc=$?
	_vn=$1; shift
	judge "$_vn" "$_rc" "$@"
}

# case NAME: a fresh folder with the base history; the caller adds to it,
# writes snap (base_snapshot, edited) and calls verdict
case_() {
	mkdir -p "$top/$1" && cd "$top/$1" || exit 2
	R=1 T=1000
	base
}

case_ clean
base_snapshot >snap
verdict "clean: every kind of operation, nothing wrong"

case_ clean-drained
base_snapshot >snap
base_snapshot | sed 's/^b/d/' >>snap
CHECK_OPTS=--drain verdict "clean, drained: the drain agrees with the browse"

case_ lost
base_snapshot | grep -v 's=3$' >snap
verdict "an acknowledged persistent message missing" lost=1

case_ lost-uow-crash
# 1/2 got under unit 22 that was never committed (the crash): it must come back
G 101 0 1 22 ok 100 3 0
base_snapshot | grep -v 's=3$' >snap
verdict "a message got in a unit of work cut by the crash, not back" lost=1

case_ lost-explained
G 101 0 0 0 info 2009
base_snapshot | grep -v 's=3$' >snap
verdict "a missing message explained by a get whose reply was lost"

case_ lost-not-explained
G 101 0 0 0 info 2009
base_snapshot | grep -v 's=[23]' >snap
verdict "two missing messages, one get whose reply was lost" lost=1

case_ dup-gets
G 102 0 0 0 ok 100 1 0
base_snapshot >snap
verdict "one message got by two committed gets" duplicated=1

case_ dup-queue
{ base_snapshot; echo "b 1 p=100 s=10"; } >snap
verdict "one message on the queue twice" duplicated=1

case_ resurrected
{ echo "b 0 p=100 s=1"; base_snapshot; } >snap
verdict "a message got outside syncpoint is back" resurrected=1

case_ backout-count
base_snapshot | sed 's/s=2 bo=1/s=2 bo=0/' >snap
verdict "a backed-out message with BackoutCount 0" backout_count=1

case_ backout-count-high
base_snapshot | sed 's/s=3$/s=3 bo=2/' >snap
verdict "BackoutCount 2 on a message never got" backout_count=1

case_ backout-count-live
G 102 0 0 0 ok 100 2 0
base_snapshot | grep -v 's=2 ' >snap
verdict "got with BackoutCount 0 after a backout" backout_count=1

case_ backout-crash
# 1/3 got under unit 22, which the crash cut: back, BackoutCount at least 1
G 101 0 1 22 ok 100 3 0
base_snapshot | sed 's/s=3$/s=3 bo=0/' >snap
verdict "a message got in a unit of work the crash cut, back with BackoutCount 0" backout_count=1

case_ backout-crash-ok
G 101 0 1 22 ok 100 3 0
base_snapshot | sed 's/s=3$/s=3 bo=1/' >snap
verdict "the same, back with BackoutCount 1"

case_ backout-strict
# 1/2: backed out by MQBACK (1), then got under unit 22 which the crash cut
G 101 0 1 22 ok 100 2 1
base_snapshot >snap
verdict "MQBACK then a crash, BackoutCount 1: enough for the plan's rule"
rm -f state
CHECK_OPTS=--bo=strict verdict "MQBACK then a crash, BackoutCount 1: not for --bo=strict" backout_count=1

case_ backout-hardened
# --bo=hardened counts a backout only once a later acknowledged forced
# operation proves its record durable: here none follows the MQBACK of 1/2
base_snapshot | sed 's/s=2 bo=1/s=2 bo=0/' >snap
CHECK_OPTS=--bo=hardened verdict "hardened: an MQBACK nothing made durable, BackoutCount 0 after the crash"
rm -f state
P 102 0 102 1 5 1 0 0 ok
{ base_snapshot | sed 's/s=2 bo=1/s=2 bo=0/'; echo "b 0 p=102 s=1"; } >snap
CHECK_OPTS=--bo=hardened verdict "hardened: the same, then a persistent put acknowledged" backout_count=1

case_ backout-hardened-crash
G 101 0 1 22 ok 100 3 0
base_snapshot | sed 's/s=3$/s=3 bo=0/' >snap
CHECK_OPTS=--bo=hardened verdict "hardened: a get the crash cut, nothing made durable after it"
case_ backout-hardened-crash2
G 101 0 1 22 ok 100 3 0
P 102 0 102 1 5 1 0 0 ok
{ base_snapshot | sed 's/s=3$/s=3 bo=0/'; echo "b 0 p=102 s=1"; } >snap
CHECK_OPTS=--bo=hardened verdict "hardened: the same, then a persistent put acknowledged" backout_count=1

case_ atomicity
base_snapshot | grep -v 's=10$' >snap
verdict "a unit of work with its commit unanswered, applied in part" atomicity=1

case_ atomicity-get
# unit 23 (commit unanswered) got 1/3 and put 1/13: the get applied, the put not
G 101 0 1 23 ok 100 3 0
P 101 1 101 1 0 1 1 23 ok
E 101 commit 23 info 2009
base_snapshot | grep -v 's=3$' >snap
verdict "a unit of work's get applied but not its put" atomicity=1

case_ indeterminate-both
G 101 0 1 23 ok 100 3 0
P 101 1 101 1 0 1 1 23 ok
E 101 commit 23 info 2009
{ base_snapshot | grep -v 's=3$'; echo "b 1 p=101 s=1"; } >snap
verdict "a unit of work with its commit unanswered, applied whole"

case_ phantom
{ base_snapshot; echo "b 0 p=100 s=4"; } >snap
verdict "a message of a backed-out unit of work is there" phantom=1

case_ phantom-open
P 100 0 100 13 5 1 1 16 ok
P 100 0 100 14 5 1 1 16 info 2009
{ base_snapshot; echo "b 0 p=100 s=13"; } >snap
verdict "a message of a unit of work never committed is there" phantom=1

case_ phantom-settled
{ base_snapshot; echo "b 1 p=100 s=11"; } >snap
verdict "half of a settled unit of work" atomicity=1

case_ isolation
# consumer 102 gets 1/13 before producer 100 asks for the commit of unit 17
P 100 0 100 13 5 1 1 17 ok
G 102 0 0 0 ok 100 13 0
E 100 commit 17 ok
base_snapshot >snap
verdict "got before its commit was asked for" isolation=1

case_ isolation-aborted
G 102 0 0 0 ok 100 4 0
base_snapshot >snap
verdict "got a message of a backed-out unit of work" isolation=1

case_ unexpected
{ base_snapshot; echo "b 1 p=999 s=1"; echo "b 1 hdr=bad len=77"; } >snap
verdict "a message never put, and one without our header" unexpected=2

case_ unexpected-got
G 102 0 0 0 ok 999 5 0
base_snapshot >snap
verdict "a get returned a message never put" unexpected=1

case_ corrupt
base_snapshot | sed 's/s=3$/s=3 crcok=0/; s/s=7$/s=7 len=199/; s/s=8$/s=8 pri=2 hpri=2/' >snap
verdict "a damaged body, a wrong length, a wrong priority" corrupt_body=3

case_ order-seq
base_snapshot | sed 's/s=2 bo=1/s=X/; s/s=3$/s=2 bo=1/; s/s=X/s=3/' >snap
verdict "priority queue: one producer's messages of one priority out of order" order=1

case_ order-priority
P 100 0 100 13 9 1 0 0 ok
{ base_snapshot | sed '/s=3$/a\
b 0 p=100 s=13'; } >snap
verdict "priority queue: a higher priority after a lower one" order=1

case_ order-fifo
base_snapshot | sed 's/s=7$/s=X/; s/s=8$/s=7/; s/s=X/s=8/' >snap
verdict "FIFO queue: one producer's messages out of order" order=1

case_ order-drain
base_snapshot >snap
base_snapshot | sed 's/^b/d/' | grep -v 's=9$' >>snap
CHECK_OPTS=--drain verdict "the drain differs from the browse" order=1

case_ np
{ base_snapshot; echo "b 0 p=100 s=5"; } >snap
verdict "a nonpersistent message after a restart" np_survived=1

case_ np-corrupt
{ base_snapshot; echo "b 0 p=100 s=5 crcok=0"; } >snap
verdict "a damaged nonpersistent message after a restart" np_survived=1 np_corrupt=1

# across checks: what the first check learned is kept in the state file
case_ rounds
base_snapshot >snap
verdict "round 1 of 4: clean"
rm -f h-*.log
base_snapshot | grep -v 's=8$' >snap
verdict "round 2 of 4: an acknowledged message from round 1 gone" lost=1
base_snapshot | grep -v 's=[38]$' >snap
R=3 T=9000
G 301 0 0 0 ok 100 3 0
verdict "round 3 of 4: the lost one not counted twice; a get of round 3 applied"
base_snapshot | grep -v 's=8$' >snap
R=4 T=9500
rm -f h-*.log
verdict "round 4 of 4: the message got in round 3 is back" resurrected=1
"$MX" totals state >totals
grep -qx "lost=1" totals && grep -qx "resurrected=1" totals && grep -qx "checks=4" totals &&
	echo "ok - totals across the rounds" || bad "totals across the rounds: $(cat totals)"
cases=$((cases + 1))

# a long soak forgets, after 20 rounds, the messages that should be nowhere
case_ forget
base_snapshot >snap
verdict "forgetting, round 1: clean"
rm -f h-*.log
R=30 T=20000
P 3000 1 3000 1 4 1 0 0 ok
{ base_snapshot; echo "b 1 p=3000 s=1"; } >snap
verdict "forgetting, round 30: clean"
cases=$((cases + 1))
if grep -q '^m 100 1 ' state || grep -q '^m 100 4 ' state || ! grep -q '^m 100 3 ' state; then
	bad "forgetting: round 1's got and backed-out messages should be gone from the state, its others kept"
else
	echo "ok - forgetting: round 1's got and backed-out messages forgotten, the others kept"
fi

# a history that is not one is refused (exit 2), not taken as clean
case_ bad-history
echo "garbage" >h-1-100.log
base_snapshot >snap
cases=$((cases + 1))
_rc=0; "$MX" check - state --snapshot snap h-*.log >out 2>&1 || _rc=$?
[ $_rc = 2 ] && echo "ok - a damaged history is refused" || bad "a damaged history: exit $_rc"

# ---- online: real messages on a real queue manager -----------------------------
online() {
	cd "$top" || exit 2
	QM=CRASHTC
	crtmqm -z "$QM" >/dev/null 2>&1 || { bad "crtmqm $QM"; return; }
	strmqm -z "$QM" >/dev/null 2>&1 || { bad "strmqm $QM"; return; }
	trap 'endmqm -i $QM >/dev/null 2>&1' EXIT
	printf 'DEFINE QLOCAL(CRASH.PRI) MSGDLVSQ(PRIORITY) MAXDEPTH(100000)\nDEFINE QLOCAL(CRASH.FIFO) MSGDLVSQ(FIFO) MAXDEPTH(100000)\n' |
		runmqsc "$QM" >/dev/null 2>&1 || { bad "define the queues"; return; }
	# a real load that ends by itself, then a kill with nothing in flight
	mkdir -p "$top/online" && cd "$top/online" || exit 2
	"$MX" load "$QM" . 1 -t 1 -M 200000 >load.out 2>&1 || bad "load: $(cat load.out)"
	_pid=$(sed -n 's/^ *PID= *//p' "$MQ_DATA_PATH/qmgrs/$QM/qmstatus.ini")
	kill -9 "$_pid"
	# gone, or a zombie whose last thread has gone too (lib.sh pid_gone)
	while kill -0 "$_pid" 2>/dev/null && { ! grep -q '^State:.*Z' "/proc/$_pid/status" 2>/dev/null ||
		[ "$(ls "/proc/$_pid/task" 2>/dev/null | wc -l)" -gt 1 ]; }; do sleep 0.05; done
	strmqm -z "$QM" >/dev/null 2>&1 || { bad "strmqm after the kill"; return; }
	cases=$((cases + 1))
	if "$MX" check "$QM" state --drain h-1-*.log >out 2>&1; then
		echo "ok - online: a real load, killed at rest, checked and drained: $(head -1 out)"
	else
		bad "online: a real load with nothing in flight"
		sed 's/^/#   /' out
	fi
	# planted messages, each case on the drained queues with a fresh state
	plant() { "$MX" plant "$QM" "$@" >>h-2-99.log 2>plant.err || bad "plant $*: $(cat plant.err)"; }
	online_case() {
		_n=$1; shift
		cd "$top/online" && rm -f state2 && mkdir -p "$_n" && cd "$_n" || exit 2
		rm -f h-*.log
	}
	ocheck() {
		_rc=0
		"$MX" check "$QM" state --drain h-*.log >out 2>&1 || _rc=$?
		_on=$1; shift
		judge "online: $_on" "$_rc" "$@"
	}
	online_case dup
	plant 0 900 1 4 1 300
	"$MX" plant "$QM" 0 900 1 4 1 300 >/dev/null 2>&1
	ocheck "the same message put twice" duplicated=1
	online_case order
	plant 1 901 2 4 1 300
	plant 1 901 1 4 1 300
	ocheck "FIFO: seq 2 before seq 1" order=1
	online_case mdpri
	plant 0 902 1 2 1 300
	plant 0 902 2 7 1 300 mdpri=1
	ocheck "a message whose MQMD priority is not the one put" corrupt_body=1
	online_case phantom
	plant 0 903 1 4 1 5000
	# the history says that put was in unit 7, backed out
	sed -i 's/ sp=0 u=0 / sp=1 u=7 /' h-2-99.log
	printf '3 99 invoke back u=7\n4 99 ok back u=7 rc=0\n' >>h-2-99.log
	ocheck "a message whose unit of work was backed out" phantom=1
	online_case corrupt
	plant 1 904 1 4 1 70000 corrupt
	"$MX" plant "$QM" 1 904 2 4 1 300 garbage >/dev/null 2>&1
	ocheck "a damaged body, a message without our header" corrupt_body=1 unexpected=1
	online_case lost
	plant 1 905 1 4 1 300
	plant 1 905 2 4 1 300
	"$MX" check "$QM" keep --drain >/dev/null 2>&1   # another checker takes them away unseen
	ocheck "two acknowledged messages taken away" lost=2
	endmqm -i "$QM" >/dev/null 2>&1
	trap - EXIT
}
if [ "${1:-}" != --offline ] && command -v crtmqm >/dev/null 2>&1 && [ -n "${MQ_DATA_PATH:-}" ]; then
	online
fi

echo "test-checker: $cases cases, $failures failed"
[ $failures = 0 ]
