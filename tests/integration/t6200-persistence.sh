# Persistence: persistent messages survive endmqm/strmqm and kill -9 of the
# queue manager (everything acknowledged is kept, in order; units of work in
# flight are backed out, their gets come back with BackoutCount 1);
# nonpersistent ones are gone after a restart; a permanent dynamic queue and
# an MQSET survive; checkpoints taken while running; a damaged queue (2101,
# AMQ7472), a damaged queue manager object (71) and a missing log extent
# (23, AMQ7017).
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
holder=
trap 'exit 1' INT TERM HUP
trap 'endmqm -p QP >/dev/null 2>&1; [ -n "$holder" ] && kill $holder 2>/dev/null' EXIT
D="$MQ_DATA_PATH/qmgrs/QP"

browse() { OUT=$("$T/mqi_tool" QP browse "$1" 2>&1) || fail "browse $1: $OUT"; }
expect_browse() {
	browse "$1"
	[ "$OUT" = "$2" ] || fail "queue $1 holds:
$OUT
expected:
$2"
}

run 0 crtmqm QP
run 0 strmqm QP
run 0 runmqsc QP <<'MQSC'
DEFINE QLOCAL(P.Q)
DEFINE QLOCAL(P.Q2)
DEFINE QMODEL(P.MODEL) DEFTYPE(PERMDYN)
MQSC

note "persistent and nonpersistent across endmqm -w / strmqm"
run 0 "$T/mqi_tool" QP put P.Q 5 p nosp pers
run 0 "$T/mqi_tool" QP put P.Q 3 np nosp non
run 0 "$T/mqi_tool" QP put P.Q 2 p sp perssp
run 0 "$T/mqi_tool" QP depth P.Q
[ "$OUT" = 10 ] || fail "depth $OUT, expected 10"
run 0 "$T/mqi_tool" QP get P.Q 1
[ "$OUT" = pers-0 ] || fail "got $OUT"
run 0 "$T/mqi_tool" QP mkdyn P.MODEL P.DYN 2
run 0 "$T/mqi_tool" QP inhibit P.Q2 put 1
run 0 endmqm -w QP
run 0 strmqm QP
browse P.Q
hasnt "non-"
expect_browse P.Q "pers-1 bo=0 pers=1
pers-2 bo=0 pers=1
pers-3 bo=0 pers=1
pers-4 bo=0 pers=1
perssp-0 bo=0 pers=1
perssp-1 bo=0 pers=1"
expect_browse P.DYN "dyn-0 bo=0 pers=1
dyn-1 bo=0 pers=1"
run 1 "$T/mqi_tool" QP put P.Q2 1 np
has "MQPUT 2051"
run 0 "$T/mqi_tool" QP inhibit P.Q2 put 0

note "kill -9: acknowledged work kept, the unit of work in flight backed out"
run 0 "$T/mqi_tool" QP put P.Q 4 p nosp k9
run 0 "$T/mqi_tool" QP put P.Q 3 p sp k9sp
run 0 "$T/mqi_tool" QP get P.Q 1
[ "$OUT" = pers-1 ] || fail "got $OUT"
"$T/mqi_tool" QP hold P.Q 2 1 p >hold.out 2>&1 &
holder=$!
wait_for 20 'grep -q READY hold.out'
grep -q "got pers-2" hold.out || fail "the holder got $(cat hold.out)"
# the holder's records are appended, not yet durable: a persistent put
# outside syncpoint is acknowledged only once the log is durable past it,
# and so past the holder's records too
run 0 "$T/mqi_tool" QP put P.Q 1 p nosp after
pid=$(qm_pid QP)
[ -n "$pid" ] || fail "no PID in qmstatus.ini"
kill -9 "$pid"
wait_for 20 '! kill -0 "$pid" 2>/dev/null'
kill $holder 2>/dev/null
wait $holder 2>/dev/null
holder=
run 0 dspmq -m QP
has "STATUS(Ended unexpectedly)"
run 0 strmqm QP
has "log records read on queue manager 'QP' during the log replay phase"
has "1 of 1 in-flight units of work resolved"
expect_browse P.Q "pers-2 bo=1 pers=1
pers-3 bo=0 pers=1
pers-4 bo=0 pers=1
perssp-0 bo=0 pers=1
perssp-1 bo=0 pers=1
k9-0 bo=0 pers=1
k9-1 bo=0 pers=1
k9-2 bo=0 pers=1
k9-3 bo=0 pers=1
k9sp-0 bo=0 pers=1
k9sp-1 bo=0 pers=1
k9sp-2 bo=0 pers=1
after-0 bo=0 pers=1"

note "kill -9 again right after the restart: the recovery itself is logged"
pid=$(qm_pid QP)
kill -9 "$pid"
wait_for 20 '! kill -0 "$pid" 2>/dev/null'
run 0 strmqm QP
browse P.Q
[ "$(printf '%s\n' "$OUT" | head -1)" = "pers-2 bo=1 pers=1" ] || fail "after a second restart: $OUT"
[ "$(printf '%s\n' "$OUT" | wc -l)" = 13 ] || fail "after a second restart: $OUT"

note "checkpoints while running (CheckpointOps=100), then kill -9"
run 0 endmqm -w QP
printf 'Tuning:\n   CheckpointOps=100\n' >>"$D/qm.ini"
run 0 strmqm QP
run 0 "$T/mqi_tool" QP put P.Q2 250 p nosp ck
run 0 "$T/mqi_tool" QP get P.Q2 120
run 0 "$T/mqi_tool" QP put P.Q2 10 np nosp cknp
pid=$(qm_pid QP)
kill -9 "$pid"
wait_for 20 '! kill -0 "$pid" 2>/dev/null'
run 0 strmqm QP
run 0 "$T/mqi_tool" QP depth P.Q2
[ "$OUT" = 130 ] || fail "P.Q2 depth after checkpoints and kill -9: $OUT, expected 130"
run 0 "$T/mqi_tool" QP get P.Q2 1
[ "$OUT" = ck-120 ] || fail "first message $OUT, expected ck-120"
grep -c "AMQ7467I" "$D/errors/AMQERR01.LOG" >/dev/null || fail "no AMQ7467 in the error log"

note "a damaged queue file: AMQ7472, MQOPEN 2101, the rest runs"
run 0 endmqm -w QP
qf="$D/queues/P!Q2/q"
[ -f "$qf" ] || fail "no queue file $qf"
printf 'XX' | dd of="$qf" bs=1 seek=60 conv=notrunc 2>/dev/null
run 0 strmqm QP
file_has "$D/errors/AMQERR01.LOG" "AMQ7472W: Object P.Q2 of type qlocal is damaged."
run 0 "$T/mqi_tool" QP open P.Q2
[ "$OUT" = 2101 ] || fail "MQOPEN of a damaged queue gave $OUT"
run 0 "$T/mqi_tool" QP open P.Q
[ "$OUT" = 0 ] || fail "MQOPEN of P.Q gave $OUT"

note "a damaged queue manager object: strmqm 71"
run 0 endmqm -w QP
cp "$D/qmanager/QMANAGER" QMANAGER.good
printf 'XX' | dd of="$D/qmanager/QMANAGER" bs=1 seek=40 conv=notrunc 2>/dev/null
run 71 strmqm QP
has "AMQ7472"
cp QMANAGER.good "$D/qmanager/QMANAGER"

note "a missing log extent: strmqm 23 (AMQ7017), then fine once it is back"
ext=$(ls "$MQ_DATA_PATH/log/QP/active/" | head -1)
mv "$MQ_DATA_PATH/log/QP/active/$ext" saved.LOG
run 23 strmqm QP
has "AMQ7017"
file_has "$D/errors/AMQERR01.LOG" "AMQ7017S"
mv saved.LOG "$MQ_DATA_PATH/log/QP/active/$ext"
run 0 strmqm QP
run 0 "$T/mqi_tool" QP depth P.Q
[ "$OUT" = 13 ] || fail "P.Q depth $OUT, expected 13"
run 0 endmqm -i QP
has "Quire queue manager 'QP' ended."
sanitizer_check
exit 0
