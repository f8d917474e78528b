# The heavy client tests of issue 15, over TCP through libmqm as a client:
# a client killed with kill -9 inside a unit of work (its persistent puts and
# gets under syncpoint backed out: the queue's exact contents after, and
# again after a restart), a 100 MiB message (the channel's, the queue
# manager's and the queue's MAXMSGL at 104857600) put and got, checked byte
# for byte, with a put one byte over refused and a get one byte short
# truncated (2080, the message kept), and an MQGET with a wait across the
# network woken by another client's put (tests/mqi/mqi_heavy.c, mqi_tool).
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
command -v runmqlsr >/dev/null 2>&1 || { echo "# skipped: this build has no runmqlsr (the TCP listener)"; exit 0; }
trap 'exit 1' INT TERM HUP
trap 'endmqm -i QH >/dev/null 2>&1; [ -n "${hold:-}" ] && kill -9 $hold 2>/dev/null; [ -n "${wg:-}" ] && kill $wg 2>/dev/null' EXIT
unset MQSERVER MQCCDTURL MQCHLLIB MQCHLTAB MQ_CONNECT_TYPE
hold= wg=

# 64 MiB extents: a 100 MiB persistent message needs a log that can hold it
run 0 crtmqm -lf 16384 -lp 3 -ls 2 QH
run 0 strmqm QH
run 0 runmqsc QH <<'MQSC'
DEFINE QLOCAL(UOW.Q)
DEFINE QLOCAL(BIG.Q) MAXMSGL(104857600)
DEFINE QLOCAL(WAIT.Q)
ALTER QMGR MAXMSGL(104857600)
MQSC
# channel: client_listener's QUIRE.SVRCONN, given MQ's largest MAXMSGL
listener() {
	client_listener QH
	printf 'ALTER CHANNEL(QUIRE.SVRCONN) CHLTYPE(SVRCONN) MAXMSGL(104857600)\n' | runmqsc QH >alter.out 2>&1 ||
		fail "ALTER CHANNEL: $(cat alter.out)"
	CONNAME="127.0.0.1($CLIENT_PORT)"
}
listener
wait_for 10 '[ "$("$T/mqi_tool" QH depth UOW.Q 2>/dev/null)" = 0 ]'

note "a client killed with kill -9 inside a unit of work: its puts and gets backed out"
run 0 "$T/mqi_tool" QH put UOW.Q 5 p nosp base
"$T/mqi_tool" QH hold UOW.Q 3 2 p >hold.out 2>&1 &
hold=$!
wait_line 20 hold.out READY
grep -q "got base-0" hold.out && grep -q "got base-1" hold.out || fail "the held gets: $(cat hold.out)"
printf 'DISPLAY QSTATUS(UOW.Q) CURDEPTH UNCOM\n' | runmqsc QH >qs.out 2>&1
grep -q "UNCOM(YES)" qs.out || fail "no unit of work in progress on UOW.Q: $(cat qs.out)"
printf 'DISPLAY CONN(*) CHANNEL UOWSTATE\n' | runmqsc QH >conn.out 2>&1
grep -q "CHANNEL(QUIRE.SVRCONN)" conn.out || fail "the client's connection is not shown: $(cat conn.out)"
kill -9 $hold
wait $hold 2>/dev/null
hold=
# the queue manager sees the socket close at once: the unit of work backed out
wait_for 10 '[ "$(printf "DISPLAY QSTATUS(UOW.Q) UNCOM\n" | runmqsc QH | grep -c "UNCOM(NO)")" = 1 ]'
expect='base-0 bo=1 pers=1
base-1 bo=1 pers=1
base-2 bo=0 pers=1
base-3 bo=0 pers=1
base-4 bo=0 pers=1'
run 0 env MQSERVER="QUIRE.SVRCONN/TCP/$CONNAME" "$T/mqi_tool" QH browse UOW.Q
[ "$OUT" = "$expect" ] || fail "UOW.Q after the kill:
$OUT
expected:
$expect"
printf 'DISPLAY CHSTATUS(QUIRE.SVRCONN)\n' | runmqsc QH >chs.out 2>&1
grep -q "AMQ8417I" chs.out && fail "the killed client's channel instance is still there: $(cat chs.out)"
note "... and the same after a restart (the backout is in the log)"
run 0 endmqm -i QH
run 0 strmqm QH
listener
run 0 "$T/mqi_tool" QH browse UOW.Q
[ "$OUT" = "$expect" ] || fail "UOW.Q after the restart:
$OUT
expected:
$expect"

note "a 100 MiB message over TCP, byte for byte"
run 0 timeout 600 "$T/mqi_heavy" QH QUIRE.SVRCONN "$CONNAME" big BIG.Q 104857600 7
printf '%s\n' "$OUT" | sed 's/^/# /'
has "over=2010"
has "short=2080 len=104857600"
has "put=0 get=0 len=104857600 same=Y"
run 0 "$T/mqi_tool" QH depth BIG.Q
has 0
printf 'DISPLAY CHSTATUS(QUIRE.SVRCONN)\n' | runmqsc QH >chs.out 2>&1
grep -q "AMQ8417I" chs.out && fail "the big client's channel instance is still there: $(cat chs.out)"

note "MQGET with a wait across the network, woken by another client's put"
"$T/mqi_heavy" QH QUIRE.SVRCONN "$CONNAME" waitget WAIT.Q 30000 >wg.out 2>&1 &
wg=$!
wait_line 20 wg.out READY
sleep 1
run 0 env MQSERVER="QUIRE.SVRCONN/TCP/$CONNAME" "$T/mqi_tool" QH put WAIT.Q 1 np nosp wake
wait $wg || fail "the waiting client: $(cat wg.out)"
wg=
grep -q "get=0 .* msg=wake-0" wg.out || fail "the waiting get: $(cat wg.out)"
ms=$(sed -n 's/.*ms=\([0-9]*\).*/\1/p' wg.out)
[ "$ms" -ge 900 ] && [ "$ms" -lt 10000 ] || fail "the get waited $ms ms: woken by the put after 1 s, not by its 30 s limit"
note "... and one that nothing wakes ends with 2033 after its wait"
run 0 "$T/mqi_heavy" QH QUIRE.SVRCONN "$CONNAME" waitget WAIT.Q 1500
has "get=2033"
ms=$(printf '%s\n' "$OUT" | sed -n 's/.*ms=\([0-9]*\).*/\1/p')
[ "$ms" -ge 1400 ] && [ "$ms" -lt 6000 ] || fail "a 1.5 s wait took $ms ms"

run 0 endmqm -i QH
sanitizer_check
echo "t8610 ok"
