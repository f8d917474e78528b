# Channel and listener status in MQSC (issue 15, qm/admin/mqsc_chst.c,
# qm/server/chstatus.c): LISTENER objects started by START LISTENER and, with
# CONTROL(QMGR), by strmqm; DISPLAY LSTATUS; a port in use (AMQ8962E, AMQ9218E);
# DISPLAY CHSTATUS of running instances field by field, DISPLAY CONN's CHANNEL
# and CONNAME; MAXINSTC (2537); STOP CHANNEL with CONNAME (INACTIVE), STOPPED
# (2537 for new instances, STATUS(STOPPED) shown) and START CHANNEL; the
# refusals (AMQ8147E, AMQ9533E, syntax); STOP LISTENER; a client through
# libmqm (MQSERVER) as well as tests/mqi/mqi_tcp.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -p QS >/dev/null 2>&1' EXIT
ERR="$MQ_DATA_PATH/qmgrs/QS/errors/AMQERR01.LOG"
unset MQSERVER MQCCDTURL MQCHLLIB MQCHLTAB MQ_CONNECT_TYPE

# a port nothing listens on (mqi_tcp cannot connect)
P=$((21000 + $$ % 20000))
while "$T/mqi_tcp" $P X open 2>/dev/null | grep -q "^cc="; do P=$((P + 1)); done

run 0 crtmqm QS
run 0 strmqm QS
# crtmqm's CONNAUTH (CHCKCLNT(REQDADM)) would ask this test's clients, which
# assert root, for a password, and MQ's default CHLAUTH records keep
# administrators off client channels: the transport is tested here, connection
# authentication in t8200 and CHLAUTH in t8400
run 0 runmqsc QS <<'MQSC'
ALTER QMGR CONNAUTH(' ') CHLAUTH(DISABLED)
REFRESH SECURITY TYPE(CONNAUTH)
MQSC
mqsc() { OUT=$(printf '%s\n' "$@" | runmqsc QS 2>&1); }
mqsc "DEFINE CHANNEL(T.SVRCONN) CHLTYPE(SVRCONN) MAXINST(3) MAXINSTC(2)" \
     "DEFINE LISTENER(T.LSR) TRPTYPE(TCP) PORT($P) CONTROL(QMGR) DESCR('test listener')" \
     "DEFINE LISTENER(T.SAME) TRPTYPE(TCP) PORT($P)"
has "AMQ8014I"
has "AMQ8626I"

note "START LISTENER, DISPLAY LSTATUS; again, and another on its port: refused"
mqsc "START LISTENER(T.LSR)" "DISPLAY LSTATUS(T.LSR) ALL" "START LISTENER(T.LSR)" "START LISTENER(T.SAME)" \
     "START LISTENER(NO.SUCH)"
has "AMQ8021I: Request to start Quire Listener accepted."
has "AMQ8631I: Display listener status details."
has "LISTENER(T.LSR)"
has "STATUS(RUNNING)"
has "PORT($P)"
has "CONTROL(QMGR)"
has "DESCR(test listener)"
has "SESSIONS(0)"
has "TRPTYPE(TCP)"
has "AMQ8962E: The listener cannot be started: listener T.LSR is running already."
has "listener T.SAME could not listen on port $P"
has "AMQ8147E: Quire object NO.SUCH not found."
file_has "$ERR" "AMQ9218E: The TCP/IP listener program could not bind to port number $P."

note "two instances from one host: DISPLAY CHSTATUS, LSTATUS SESSIONS, DISPLAY CONN"
(sleep 6; echo) | "$T/mqi_tcp" $P T.SVRCONN hold 2 >hold.out 2>&1 &
h=$!
wait_line 10 hold.out READY
grep -q "ok=2 refused=0 other=0" hold.out || fail "hold: $(cat hold.out)"
mqsc "DISPLAY CHSTATUS(T.SVRCONN)"
n=$(printf '%s\n' "$OUT" | grep -c "AMQ8417I: Display Channel Status details.")
[ "$n" = 2 ] || fail "two instances expected: $OUT"
has "CHLTYPE(SVRCONN)"
has "CONNAME(127.0.0.1)"
has "STATUS(RUNNING)"
has "CURRENT"
hasnt "MSGS("
mqsc "DISPLAY CHSTATUS(T.*) ALL"
has "MCAUSER($(id -un))"
has "MSGS(1)"
has "HBINT(300)"
has "MAXMSGL(4194304)"
has "SHARECNV(10)"
has "RAPPLTAG(mqi_tcp)"
has "CHSTADA($(date -u +%Y-%m-%d))"
mqsc "DISPLAY CHSTATUS(*) WHERE(MSGS GT 5)"
hasnt "AMQ8417I"
mqsc "DISPLAY LSTATUS(*) SESSIONS"
has "SESSIONS(2)"
mqsc "DISPLAY CONN(*) CHANNEL CONNAME"
has "CHANNEL(T.SVRCONN)"
has "CONNAME(127.0.0.1)"

note "MAXINSTC(2): a third instance from the same host is refused with 2537"
run 0 "$T/mqi_tcp" $P T.SVRCONN open
has "cc=2 rc=2537"
file_has "$ERR" "MAXINSTC"

note "STOP CHANNEL CONNAME(...): those instances end, new ones may come (INACTIVE)"
mqsc "STOP CHANNEL(T.SVRCONN) CONNAME(127.0.0.1)"
has "AMQ8019I: Stop Quire channel accepted."
wait $h
grep -q "last=FAILED" hold.out || fail "the stopped instances went on: $(cat hold.out)"
mqsc "DISPLAY CHSTATUS(T.SVRCONN)"
has "AMQ8961I: Channel Status not found."
run 0 "$T/mqi_tcp" $P T.SVRCONN open
has "cc=0 rc=0"

note "STOP CHANNEL: STOPPED, new instances refused (2537) until START CHANNEL"
mqsc "STOP CHANNEL(T.SVRCONN)" "DISPLAY CHSTATUS(T.SVRCONN)"
has "AMQ8019I"
has "STATUS(STOPPED)"
run 0 "$T/mqi_tcp" $P T.SVRCONN open
has "cc=2 rc=2537 closed=Y"
file_has "$ERR" "the channel is stopped"
OUT=$(MQSERVER="T.SVRCONN/TCP/127.0.0.1($P)" "$T/mqi_tool" QS depth SYSTEM.DEFAULT.LOCAL.QUEUE 2>&1)
has "2537"
mqsc "START CHANNEL(T.SVRCONN)"
has "AMQ8018I: Start Quire channel accepted."
run 0 env MQSERVER="T.SVRCONN/TCP/127.0.0.1($P)" "$T/mqi_tool" QS put SYSTEM.DEFAULT.LOCAL.QUEUE 1 np nosp viaclient
run 0 env MQSERVER="T.SVRCONN/TCP/127.0.0.1($P)" "$T/mqi_tool" QS get SYSTEM.DEFAULT.LOCAL.QUEUE 1
has "viaclient"

note "the refusals"
mqsc "STOP CHANNEL(NO.SUCH)"
has "AMQ8147E"
mqsc "STOP CHANNEL(T.SVRCONN) STATUS(INACTIVE)"
has "AMQ9533E: Channel 'T.SVRCONN' is not currently active."
mqsc "STOP CHANNEL(T.SVRCONN) CONNAME(127.0.0.1) STATUS(STOPPED)"
has "AMQ8405E"
mqsc "STOP CHANNEL(T.SVRCONN) MODE(GENTLY)"
has "AMQ8405E"
mqsc "DISPLAY CHSTATUS(T.SVRCONN) NOSUCHATTR"
has "AMQ8405E"
mqsc "START CHANNEL(NO.SUCH)"
has "AMQ8147E"
mqsc "STOP LISTENER(NO.SUCH)"
has "AMQ8963E: Listener NO.SUCH is not running."

note "CONTROL(QMGR): the listener comes back with strmqm and goes with endmqm"
run 0 endmqm -i QS
run 1 "$T/mqi_tcp" $P T.SVRCONN open
has "connect failed"
run 0 strmqm QS
mqsc "DISPLAY LSTATUS(*)"
has "LISTENER(T.LSR)"
hasnt "T.SAME"
run 0 "$T/mqi_tcp" $P T.SVRCONN open
has "cc=0 rc=0"

note "STOP LISTENER closes its port"
mqsc "STOP LISTENER(T.LSR)" "DISPLAY LSTATUS(T.LSR)"
has "AMQ8706I: Request to stop Quire Listener accepted."
has "AMQ8963E"
run 1 "$T/mqi_tcp" $P T.SVRCONN open
has "connect failed"

run 0 endmqm -i QS
sanitizer_check
echo "t8010 ok"
