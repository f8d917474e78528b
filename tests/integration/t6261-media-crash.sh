# issue 10: media images and media recovery cut short by kill -9.  An image
# counts only once its END record is durable (rcdmqimg answers then); one cut
# short leaves the object's media recovery LSN at its previous image, and a
# queue rebuilt by rcrmqobj is either its old store or, when the kill came
# while its new store was written, a store that reflects nothing, which the
# start finds stale and rebuilds from the log.  Every round checks the
# contents against what the applications were acknowledged: incompressible
# bodies of several sizes, so the images and puts are multi-part records.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'endmqm -p MK >/dev/null 2>&1' EXIT
prints() { "$T/mqi_tool" "$1" bigcheck "$2"; }
kill_qm() {
	_kq_pid=$(qm_pid MK)
	kill -9 "$_kq_pid"
	wait_for 15 'pid_gone "$_kq_pid"'
}

run 0 crtmqm -ll -lf 256 MK
run 0 strmqm MK
printf 'DEFINE QLOCAL(K.Q) MAXDEPTH(100000) MAXMSGL(4194304)\n' | runmqsc MK >/dev/null || fail define
i=0
for size in 1000 70000 300000 1500000 4000 250000 600000 90000; do
	run 0 "$T/mqi_tool" MK bigput K.Q $size $i
	i=$((i + 1))
done
while [ $i -lt 20 ]; do run 0 "$T/mqi_tool" MK bigput K.Q 1000000 $i; i=$((i + 1)); done
run 0 "$T/mqi_tool" MK put K.Q 20 p no small
run 0 endmqm -w MK
run 0 strmqm MK
want=$(prints MK K.Q)
[ "$(printf '%s\n' "$want" | wc -l)" = 40 ] || fail "K.Q should hold 40 messages: $want"

note "rcdmqimg answers once the whole image is durable: rcrmqobj straight after it reads it whole"
for r in 1 2 3; do
	run 0 rcdmqimg -m MK -t ql K.Q
	run 0 rcrmqobj -m MK -t ql K.Q
	got=$(prints MK K.Q)
	[ "$got" = "$want" ] || fail "rcrmqobj straight after rcdmqimg gave $got"
done

rounds=0 cut=0
for delay in 0 0.001 0.002 0.003 0.005 0.008 0.01 0.02 0.05 0.1; do
	note "kill -9 ${delay}s into rcdmqimg"
	rcdmqimg -m MK -t ql K.Q >img.out 2>&1 &
	ipid=$!
	sleep $delay
	kill_qm
	wait $ipid; irc=$?
	grep -q "recorded" img.out || cut=$((cut + 1))
	run 0 strmqm MK
	got=$(prints MK K.Q)
	[ "$got" = "$want" ] || fail "after a kill ${delay}s into rcdmqimg (exit $irc) K.Q holds
$got"
	run 0 rcrmqobj -m MK -t ql K.Q
	got=$(prints MK K.Q)
	[ "$got" = "$want" ] || fail "rcrmqobj after a kill ${delay}s into rcdmqimg gave
$got"
	rounds=$((rounds + 1))
done
note "$rounds rounds, $cut of them killed before rcdmqimg answered"

rounds=0 cut=0
for delay in 0 0.001 0.002 0.005 0.01 0.02 0.05 0.1; do
	note "kill -9 ${delay}s into rcrmqobj"
	rcrmqobj -m MK -t ql K.Q >rcr.out 2>&1 &
	rpid=$!
	sleep $delay
	kill_qm
	wait $rpid
	grep -q "recreated" rcr.out || cut=$((cut + 1))
	run 0 strmqm MK
	got=$(prints MK K.Q)
	[ "$got" = "$want" ] || fail "after a kill ${delay}s into rcrmqobj K.Q holds
$got"
	rounds=$((rounds + 1))
done
note "$rounds rounds, $cut of them killed before rcrmqobj answered"

note "endmqm -i while rcdmqimg writes: the image is finished and answered, not reported failed"
( rcdmqimg -m MK -t ql K.Q >img.out 2>&1; echo "rc=$?" >>img.out ) &
ipid=$!
sleep 0.02
run 0 endmqm -i MK
wait $ipid
grep -q "^rc=0$" img.out && grep -q "recorded" img.out || fail "rcdmqimg during endmqm -i: $(cat img.out)"
! grep -q "AMQ7907E" "$MQ_DATA_PATH/qmgrs/MK/errors/AMQERR01.LOG" || fail "an image finished at the end was said to have failed"
run 0 strmqm MK
got=$(prints MK K.Q)
[ "$got" = "$want" ] || fail "after the end with an image under way K.Q holds $got"
run 0 endmqm -w MK
sanitizer_check
