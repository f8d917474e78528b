# The sample programs (samples/amqs*.c, built like MQ applications into
# $QUIRE_BUILD/samples) against a running queue manager: amqsput puts lines,
# amqsbcg shows every MQMD field and the data without removing anything,
# amqsgbr lists the messages by number without removing them, amqsreq
# sends requests that amqsech (started as a trigger monitor would) echoes,
# amqsinq shows the depth, amqsget gets the messages in order, waits, and
# says when there are no more; amqscbf consumes from two queues with a callback;
# amqsseg puts a large message through a queue with a small MAXMSGL, in
# segments the queue manager makes and puts together again.
. "$(dirname "$0")/lib.sh"

S=${QUIRE_BUILD:?QUIRE_BUILD is not set}/samples
for s in amqsput amqsget amqsbcg amqsinq amqsgbr amqsreq amqsech amqsprop amqscbf amqsseg; do
	[ -x "$S/$s" ] || fail "$S/$s was not built"
done

run 0 crtmqm QM1
# the queue manager never outlives the test, whatever happens below
trap 'endmqm -i QM1 >/dev/null 2>&1' EXIT
run 0 strmqm QM1

printf '%s\n' "DEFINE QLOCAL(SAMPLE.Q) DEFPSIST(YES) DESCR('samples test queue') REPLACE" >define.mqsc
run_in 0 define.mqsc runmqsc QM1
has "AMQ8006I"

# Three messages; the empty line ends the input, so the fourth is never put.
printf 'first message\nsecond message\nthird message\n\nnot sent\n' >lines.txt
run_in 0 lines.txt "$S/amqsput" SAMPLE.Q QM1
has "Sample AMQSPUT0 start"
has "target queue is SAMPLE.Q"
has "Sample AMQSPUT0 end"
hasnt "reason code"

# amqsbcg browses: every MQMD field of every message, then the data.
run 0 "$S/amqsbcg" SAMPLE.Q QM1
has "AMQSBCG0 - starts here"
has " MQOPEN - 'SAMPLE.Q'"
for f in StrucId Version Report MsgType Expiry Feedback Encoding CodedCharSetId Format Priority Persistence \
	 MsgId CorrelId BackoutCount ReplyToQ ReplyToQMgr UserIdentifier AccountingToken ApplIdentityData \
	 PutApplType PutApplName PutDate PutTime ApplOriginData GroupId MsgSeqNumber Offset MsgFlags \
	 OriginalLength; do
	n=$(printf '%s\n' "$OUT" | grep -c " $f *: ")
	[ "$n" = 3 ] || fail "amqsbcg shows field $f $n times, expected 3; output:
$OUT"
done
n=$(printf '%s\n' "$OUT" | grep -c "^ MQGET of message number [0-9]*, CompCode:0 Reason:0$")
[ "$n" = 3 ] || fail "amqsbcg browsed $n messages, expected 3"
has " MQGET of message number 3, CompCode:0 Reason:0"
has "  StrucId  : 'MD  '  Version : 2"
has "  Format : 'MQSTR   '"
has "  Priority : 0  Persistence : 1"
has "  ReplyToQMgr    : 'QM1                                             '"
has "  PutApplType    : '6'"
has "  PutApplName    : 'amqsput                     '"
has "  MsgSeqNumber   : '1'"
has "  OriginalLength : '-1'"
hasnt "MsgId : X'000000000000000000000000000000000000000000000000'"
has " length - 13 of 13 bytes"
has "00000000:  6669 7273 7420 6D65 7373 6167 65        'first message   '"
has "00000000:  7365 636F 6E64 206D 6573 7361 6765      'second message  '"
has "00000000:  7468 6972 6420 6D65 7373 6167 65        'third message   '"
has " No more messages "
hasnt "not sent"
# PutDate and PutTime: YYYYMMDD and HHMMSSTH digits
printf '%s\n' "$OUT" | grep -q "^  PutDate  : '20[0-9]\{6\}'    PutTime  : '[0-9]\{8\}'$" ||
	fail "amqsbcg PutDate/PutTime not as expected; output:
$OUT"

# amqsgbr browses too: each message numbered, then the end of the queue.
run 0 "$S/amqsgbr" SAMPLE.Q QM1
has "Sample AMQSGBR0 (browse) start"
has "Messages for SAMPLE.Q"
got=$(printf '%s\n' "$OUT" | grep '^[0-9]* <')
[ "$got" = "1 <first message>
2 <second message>
3 <third message>" ] || fail "amqsgbr listed:
$got"
has "no more messages"
has "Sample AMQSGBR0 (browse) end"
hasnt "reason code"
# a message longer than 50 characters is shown in part, without a reason code
printf '%s\n' "DEFINE QLOCAL(SAMPLE.LONG) REPLACE" >long.mqsc
run_in 0 long.mqsc runmqsc QM1
printf '%s\n' "0123456789012345678901234567890123456789012345678901234567890123456789" >long.txt
run_in 0 long.txt "$S/amqsput" SAMPLE.LONG QM1
run 0 "$S/amqsgbr" SAMPLE.LONG QM1
has "1 <01234567890123456789012345678901234567890123456789>"
hasnt "reason code"
run 1 "$S/amqsgbr" NO.SUCH.QUEUE QM1
has "MQOPEN ended with reason code 2085"

# amqsprop: properties of each type set, one deleted, put with the message,
# got back into a handle and listed; the queue is left as it was.
printf '%s\n' "DEFINE QLOCAL(SAMPLE.PROPS) REPLACE" >props.mqsc
run_in 0 props.mqsc runmqsc QM1
run 0 "$S/amqsprop" SAMPLE.PROPS QM1
has "Sample AMQSPROP start"
has "Message <Hello from amqsprop>"
has "Name: 'PROP1STRING' Value 'helloworld'"
has "Name: 'PROP2BOOLEAN' Value 'TRUE'"
has "Name: 'PROP3INT8' Value '8'"
has "Name: 'PROP4INT16' Value '1616'"
has "Name: 'PROP5INT32' Value '323232'"
has "Name: 'PROP6INT64' Value '646464646464'"
has "Name: 'PROP8BYTES' Value 'X'CAFE0001''"
has "Name: 'PROP9FLOAT32' Value '3.14159'"
has "Name: 'PROP10FLOAT64' Value '3.14159'"
hasnt "PROP7DELETED"
has "All properties read"
has "Sample AMQSPROP end"
hasnt "reason code"
run 0 "$S/amqsinq" SAMPLE.PROPS QM1
has "  CURDEPTH(0)"
run 1 "$S/amqsprop" NO.SUCH.QUEUE QM1
has "MQOPEN ended with reason code 2085"

# Browsing left them all there.
run 0 "$S/amqsinq" SAMPLE.Q QM1
has "Sample AMQSINQ0 start"
has "  QUEUE(SAMPLE.Q)"
has "  TYPE(QLOCAL)"
has "  CURDEPTH(3)"
has "  DEFPSIST(YES)"
has "  DESCR(samples test queue)"
has "  PUT(ENABLED)"
has "  GET(ENABLED)"
has "Sample AMQSINQ0 end"

# amqsget: in order, then "no more messages" once the wait expires.
QUIRE_SAMPLE_WAIT=0.2; export QUIRE_SAMPLE_WAIT
run 0 "$S/amqsget" SAMPLE.Q QM1
got=$(printf '%s\n' "$OUT" | grep -v '^Sample AMQSGET0')
want="message <first message>
message <second message>
message <third message>
no more messages"
[ "$got" = "$want" ] || fail "amqsget printed:
$got
expected:
$want"
run 0 "$S/amqsinq" SAMPLE.Q QM1
has "  CURDEPTH(0)"

# amqsget waits: a message put while it waits is printed.  It is put once
# amqsget has the queue open (IPPROCS(1)), so no sleep guesses the timing.
QUIRE_SAMPLE_WAIT=3 "$S/amqsget" SAMPLE.Q QM1 >waiter.out 2>&1 &
waiter=$!
tries=0
until "$S/amqsinq" SAMPLE.Q QM1 | grep -q "^  IPPROCS(1)$"; do
	tries=$((tries + 1))
	[ $tries -lt 2000 ] || fail "amqsget never opened SAMPLE.Q"
	kill -0 $waiter 2>/dev/null || fail "amqsget ended early: $(cat waiter.out)"
done
printf 'late message\n' >late.txt
run_in 0 late.txt "$S/amqsput" SAMPLE.Q QM1
wait $waiter || fail "amqsget exited $?: $(cat waiter.out)"
file_has waiter.out "message <late message>"
file_has waiter.out "no more messages"

# amqsreq and amqsech: requests to SAMPLE.ECHO, each echoed back to amqsreq's
# dynamic reply queue (of the model SYSTEM.SAMPLE.REPLY).  amqsech gets the
# trigger message's MQTMC2 as a trigger monitor would pass it; it serves
# once SAMPLE.ECHO has an input handle (IPPROCS(1)), then amqsreq runs.
printf '%s\n' "DEFINE QLOCAL(SAMPLE.ECHO) REPLACE" "DEFINE QMODEL(SYSTEM.SAMPLE.REPLY) REPLACE" >echo.mqsc
run_in 0 echo.mqsc runmqsc QM1
tmc=$(printf '%-4s%4s%-48s%-48s%-64s%-4s%-256s%-128s%-128s%-48s' TMC 2 SAMPLE.ECHO '' '' '' '' '' '' QM1)
QUIRE_SAMPLE_WAIT=3 "$S/amqsech" "$tmc" >echo.out 2>&1 &
echoer=$!
tries=0
until "$S/amqsinq" SAMPLE.ECHO QM1 | grep -q "^  IPPROCS(1)$"; do
	tries=$((tries + 1))
	[ $tries -lt 2000 ] || fail "amqsech never opened SAMPLE.ECHO: $(cat echo.out)"
	kill -0 $echoer 2>/dev/null || fail "amqsech ended early: $(cat echo.out)"
done
printf 'ping one\nping two\n\nnot sent\n' >pings.txt
QUIRE_SAMPLE_WAIT=2
run_in 0 pings.txt "$S/amqsreq" SAMPLE.ECHO QM1
QUIRE_SAMPLE_WAIT=0.2
has "server queue is SAMPLE.ECHO"
has "replies to AMQ."
got=$(printf '%s\n' "$OUT" | grep '^response')
[ "$got" = "response <ping one>
response <ping two>" ] || fail "amqsreq got:
$OUT"
has "no more replies"
hasnt "reason code"
wait $echoer || fail "amqsech exited $?: $(cat echo.out)"
file_has echo.out "Sample AMQSECHA end"
run 1 "$S/amqsech" "not a trigger message"
has "usage: amqsech"
run 1 "$S/amqsreq" SAMPLE.ECHO QM1 NO.SUCH.REPLY.Q </dev/null
has "MQOPEN ended with reason code 2085"

# A message longer than amqsget's first buffer (64 KiB) comes through whole.
long=$(head -c 70000 /dev/zero | tr '\0' 'q')
printf '%s\n' "$long" >long.txt
run_in 0 long.txt "$S/amqsput" SAMPLE.Q QM1
run 0 "$S/amqsget" SAMPLE.Q QM1
has "message <$long>"

# amqscbf: a consumer callback on two queues prints what arrives on either,
# until a line comes on its input
printf 'DEFINE QLOCAL(CBF.A)\nDEFINE QLOCAL(CBF.B)\n' >cbf.mqsc
run_in 0 cbf.mqsc runmqsc QM1
mkfifo cbf.in
"$S/amqscbf" -m QM1 CBF.A CBF.B <cbf.in >cbf.out 2>&1 &
cbf=$!
exec 7>cbf.in
wait_line 10 cbf.out "Press enter to end"
printf 'to A\n' >a.txt
run_in 0 a.txt "$S/amqsput" CBF.A QM1
printf 'to B, a little longer\n' >b.txt
run_in 0 b.txt "$S/amqsput" CBF.B QM1
wait_line 10 cbf.out "to B, a little longer"
echo >&7
exec 7>&-
wait "$cbf" || fail "amqscbf failed: $(cat cbf.out)"
file_has cbf.out "Message Call (4 Bytes) :"
file_has cbf.out "Message Call (21 Bytes) :"
file_has cbf.out "Sample AMQSCBF0 end"
run 0 "$S/amqsinq" CBF.A QM1
has "CURDEPTH(0)"
run 1 "$S/amqscbf" -m QM1
has "Usage: amqscbf"
run 1 "$S/amqscbf" -m QM1 NO.SUCH.QUEUE </dev/null
has "MQOPEN ended with reason code 2085"

# amqsseg: 100000 bytes through SEG.Q's MAXMSGL(4096) as 25 segments of 4096
# bytes (the last 1696), got back whole and the same
printf 'DEFINE QLOCAL(SEG.Q) MAXMSGL(4096) REPLACE\n' >seg.mqsc
run_in 0 seg.mqsc runmqsc QM1
awk 'BEGIN { srand(7); for (i = 0; i < 100000; i++) printf "%c", 32 + int(rand() * 94) }' >seg.in
run_in 0 seg.in "$S/amqsseg" put SEG.Q QM1
has "put 100000 bytes, GroupId X'414D5120"
run 0 "$S/amqsinq" SEG.Q QM1
has "CURDEPTH(25)"
QUIRE_SAMPLE_WAIT=0 "$S/amqsseg" get SEG.Q QM1 >seg.out 2>seg.err || fail "amqsseg get failed: $(cat seg.err)"
cmp -s seg.in seg.out || fail "amqsseg got back something else ($(wc -c <seg.out) bytes)"
file_has seg.err "got 100000 bytes (reassembled)"
file_has seg.err "no more messages"
run 0 "$S/amqsinq" SEG.Q QM1
has "CURDEPTH(0)"
run 1 "$S/amqsseg" get
has "Required parameters missing"

# Failures print the MQI reason code and exit 1.
run 1 "$S/amqsput" NO.SUCH.QUEUE QM1
has "MQOPEN ended with reason code 2085"
run 1 "$S/amqsget" SAMPLE.Q NO.SUCH.QMGR
has "MQCONN ended with reason code 2058"
run 1 "$S/amqsbcg"
has "usage: amqsbcg QName [QMgrName]"

run 0 endmqm -i QM1
run 0 dspmq -m QM1
has "STATUS(Ended immediately)"
