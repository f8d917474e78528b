# issue 15: channel authentication records acted on by the TCP listener and
# PROTO_CHLOPEN (qm/server/channel_auth.c, chlauth_srv.c), end to end: MQ's
# default records refusing an administrator (the tests run as root) on a
# client channel and everyone on SYSTEM.DEF.SVRCONN, while others connect;
# ADDRESSMAP and USERMAP mapping the user a client runs as (the MQMD
# UserIdentifier of its messages shows it), USERMAP NOACCESS, the channel's
# MCAUSER, BLOCKADDR closing the connection at accept (IPv6 not matched),
# WARN(YES) letting in with AMQ8959W, Channel Blocked events, and
# CHLAUTH(DISABLED).  Clients: tests/mqi/mqi_tcp (its client user hint is
# qtstclient) and amqsput through MQSERVER (the OS user, root here).
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
S="$QUIRE_BUILD/samples"
trap 'exit 1' INT TERM HUP
trap 'endmqm -i QA >/dev/null 2>&1; [ -n "${lsr:-}" ] && kill $lsr 2>/dev/null' EXIT
ERR="$MQ_DATA_PATH/qmgrs/QA/errors/AMQERR01.LOG"
unset MQSERVER MQCCDTURL MQCHLLIB MQCHLTAB MQ_CONNECT_TYPE
ME=$(id -un)

sc() { _sc_rc=$1; shift; printf '%s\n' "$@" >sc.in; run_in "$_sc_rc" sc.in runmqsc QA; }
# errcount TEXT: lines of the error log with TEXT
errcount() { grep -c -- "$1" "$ERR" 2>/dev/null || true; }

run 0 crtmqm QA
# the channels as the listener finds them today (QUIRE_TEST_SVRCONN, channel.h),
# and as CHANNEL objects for when it reads those
QUIRE_TEST_SVRCONN="APP.SVRCONN;MCA.SVRCONN,mcauser=qtstmca;SYSTEM.DEF.SVRCONN;SYSTEM.ADMIN.SVRCONN" run 0 strmqm QA
sc 0 "DEFINE CHANNEL(APP.SVRCONN) CHLTYPE(SVRCONN)" \
	"DEFINE CHANNEL(MCA.SVRCONN) CHLTYPE(SVRCONN) MCAUSER('qtstmca')" \
	"DEFINE QLOCAL(T.Q)" \
	"ALTER QMGR CONNAUTH(' ')"

PORT=$((20000 + $$ % 20000))
for _i in 1 2 3 4 5 6 7 8 9 10; do
	runmqlsr -m QA -t tcp -p $PORT >lsr.out 2>&1 &
	lsr=$!
	sleep 0.3
	kill -0 $lsr 2>/dev/null && break
	grep -q AMQ9218E lsr.out || fail "runmqlsr: $(cat lsr.out)"
	PORT=$((PORT + 1))
done
kill -0 $lsr 2>/dev/null || fail "no free port found"
put_root() { printf 'hello\n\n' | MQSERVER="$1/TCP/127.0.0.1($PORT)" "$S/amqsput" T.Q QA 2>&1; }

note "the defaults: an administrator is blocked on a client channel, others are not"
run 0 "$T/mqi_tcp" $PORT APP.SVRCONN putget T.Q 10
has "conn=0 put=0 get=0 len=10 user=qtstclient"
OUT=$(put_root APP.SVRCONN)
has "2035"
file_has "$ERR" "AMQ9776E"
file_has "$ERR" "'$ME'"
note "the defaults: SYSTEM.* channels refused, SYSTEM.ADMIN.SVRCONN not"
run 0 "$T/mqi_tcp" $PORT SYSTEM.DEF.SVRCONN open
has "cc=2 rc=2035 closed=Y"
file_has "$ERR" "AMQ9777E"
run 0 "$T/mqi_tcp" $PORT SYSTEM.ADMIN.SVRCONN open
has "cc=0 rc=0"

note "the channel's MCAUSER, when no record maps"
run 0 "$T/mqi_tcp" $PORT MCA.SVRCONN putget T.Q 10
has "user=qtstmca"

note "ADDRESSMAP to a user: the client runs as it (an administrator mapped away is let in)"
sc 0 "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('127.0.0.*') USERSRC(MAP) MCAUSER('qtstaddr')"
run 0 "$T/mqi_tcp" $PORT APP.SVRCONN putget T.Q 10
has "user=qtstaddr"
OUT=$(put_root APP.SVRCONN)
hasnt "reason code"
sc 0 "DISPLAY QLOCAL(T.Q) CURDEPTH"
has "CURDEPTH(1)"
sc 0 "CLEAR QLOCAL(T.Q)"
printf 'DISPLAY CHLAUTH(APP.SVRCONN) MATCH(RUNCHECK) ADDRESS(127.0.0.1) CLNTUSER(qtstclient)\n' >rc.in
run_in 0 rc.in runmqsc QA
has "MCAUSER(qtstaddr)"

note "USERMAP before ADDRESSMAP"
sc 0 "SET CHLAUTH('APP.SVRCONN') TYPE(USERMAP) CLNTUSER('qtstclient') USERSRC(MAP) MCAUSER('qtstumap')"
run 0 "$T/mqi_tcp" $PORT APP.SVRCONN putget T.Q 10
has "user=qtstumap"
note "USERMAP NOACCESS: that client refused on that channel"
sc 0 "SET CHLAUTH('MCA.SVRCONN') TYPE(USERMAP) CLNTUSER('qtstclient') USERSRC(NOACCESS)"
run 0 "$T/mqi_tcp" $PORT MCA.SVRCONN open
has "cc=2 rc=2035 closed=Y"
sc 0 "SET CHLAUTH('MCA.SVRCONN') TYPE(USERMAP) CLNTUSER('qtstclient') ACTION(REMOVE)"
run 0 "$T/mqi_tcp" $PORT MCA.SVRCONN open
has "cc=0 rc=0"

note "a Channel Blocked event with CHLEV(ENABLED)"
sc 0 "ALTER QMGR CHLEV(ENABLED)"
run 0 "$T/mqi_tcp" $PORT SYSTEM.DEF.SVRCONN open
has "rc=2035"
sc 0 "DISPLAY QLOCAL(SYSTEM.ADMIN.CHANNEL.EVENT) CURDEPTH"
has "CURDEPTH(1)"
sc 0 "ALTER QMGR CHLEV(DISABLED)"

note "BLOCKADDR: closed at accept, said once a minute; another address (IPv6 ::1) let in"
sc 0 "SET CHLAUTH('*') TYPE(BLOCKADDR) ADDRLIST('127.0.0.1')"
n0=$(errcount AMQ9782E)
run 1 "$T/mqi_tcp" $PORT APP.SVRCONN open
has "closed without a reply"
run 1 "$T/mqi_tcp" $PORT APP.SVRCONN open
has "closed without a reply"
[ "$(errcount AMQ9782E)" = $((n0 + 1)) ] || fail "AMQ9782E not said once: $(grep -A3 AMQ9782E "$ERR")"
OUT=$(put_root APP.SVRCONN)
has "reason code"
if MQTCP_HOST=::1 "$T/mqi_tcp" $PORT APP.SVRCONN open >v6.out 2>&1 && grep -q "cc=0" v6.out; then
	note "IPv6 ::1 is not 127.0.0.1: let in"
else
	grep -q "cc=2" v6.out && fail "::1 refused by a BLOCKADDR of 127.0.0.1: $(cat v6.out)"
	note "no IPv6 loopback here: $(cat v6.out)"
fi
note "WARN(YES): let in, AMQ8959W"
sc 0 "SET CHLAUTH('*') TYPE(BLOCKADDR) ADDRLIST('127.0.0.1') WARN(YES) ACTION(REPLACE)"
run 0 "$T/mqi_tcp" $PORT APP.SVRCONN open
has "cc=0 rc=0"
file_has "$ERR" "AMQ8959W"
sc 0 "SET CHLAUTH('*') TYPE(BLOCKADDR) ACTION(REMOVEALL)"

note "CHLAUTH(DISABLED): no record counts (an administrator on a client channel let in)"
sc 0 "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('127.0.0.*') ACTION(REMOVE)" \
	"SET CHLAUTH('APP.SVRCONN') TYPE(USERMAP) CLNTUSER('qtstclient') ACTION(REMOVE)"
OUT=$(put_root APP.SVRCONN)
has "2035"
sc 0 "ALTER QMGR CHLAUTH(DISABLED)"
OUT=$(put_root APP.SVRCONN)
hasnt "reason code"
run 0 "$T/mqi_tcp" $PORT SYSTEM.DEF.SVRCONN open
has "cc=0 rc=0"
sc 0 "ALTER QMGR CHLAUTH(ENABLED)"
run 0 "$T/mqi_tcp" $PORT SYSTEM.DEF.SVRCONN open
has "rc=2035"

run 0 endmqm -i QA
sanitizer_check
echo "t8401 ok"
