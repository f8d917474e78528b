# TCP listeners and SVRCONN channels (issue 15, qm/server/channel.c): runmqlsr
# and endmqlsr, a port in use (AMQ9218E), CHLOPEN's refusals (2540 unknown or
# not a SVRCONN, 2058 another queue manager's name, 2537 at MAXINST and
# MAXINSTC), MAXMSGL, HBINT and SHARECNV negotiated, MCAUSER, a put over
# MAXMSGL (2010), IPv6, heartbeats (a silent peer dropped and its uncommitted
# persistent put backed out; one that answers kept), 1,000 client connections
# at once, and hostile peers (garbage, IBM MQ's TSH, short and huge frames,
# frames before CHLOPEN) closed without harm to the others.
#
# The clients are tests/mqi/mqi_tcp, which speaks the wire protocol directly;
# the channels are defined through QUIRE_TEST_SVRCONN (channel.h) until the
# CHANNEL objects are there.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -p QT >/dev/null 2>&1; [ -n "${lsr:-}" ] && kill $lsr 2>/dev/null' EXIT
ERR="$MQ_DATA_PATH/qmgrs/QT/errors/AMQERR01.LOG"

run 0 crtmqm QT
ME=$(id -un)
CHLS="APP.SVRCONN;TWO,maxinst=2,maxinstc=1,hbint=1,maxmsgl=1000,sharecnv=1;SDR.CHL,type=sdr;MCA.SVRCONN,mcauser=$ME"
QUIRE_TEST_SVRCONN="$CHLS" run 0 strmqm QT
# crtmqm's CONNAUTH (CHCKCLNT(REQDADM)) would ask this test's clients, which
# assert root, for a password, and MQ's default CHLAUTH records keep
# administrators off client channels: the transport is tested here, connection
# authentication in t8200 and CHLAUTH in t8400
run 0 runmqsc QT <<'MQSC'
ALTER QMGR CONNAUTH(' ') CHLAUTH(DISABLED)
REFRESH SECURITY TYPE(CONNAUTH)
MQSC

# start_lsr: runmqlsr in the background on a free port (PORT, its pid in lsr)
start_lsr() {
	PORT=$((20000 + $$ % 20000))
	for _i in 1 2 3 4 5 6 7 8 9 10; do
		runmqlsr -m QT -t tcp -p $PORT "$@" >lsr.out 2>&1 &
		lsr=$!
		sleep 0.3
		if kill -0 $lsr 2>/dev/null; then return 0; fi
		grep -q AMQ9218E lsr.out || fail "runmqlsr: $(cat lsr.out)"
		PORT=$((PORT + 1))
	done
	fail "no free port found"
}

note "runmqlsr: refused command lines and a queue manager that is not there"
run 36 runmqlsr -m QT
run 36 runmqlsr -m QT -t lu62
run 36 runmqlsr -m QT -t tcp -p 70000
run 16 runmqlsr -m NOSUCHQM -t tcp -p 1
start_lsr
P=$PORT

note "the port in use: AMQ9218E, exit 20"
run 20 runmqlsr -m QT -t tcp -p $P
has "AMQ9218E"
has "$P"
file_has "$ERR" "AMQ9218E"

note "CHLOPEN: negotiated values, and its refusals"
run 0 "$T/mqi_tcp" $P APP.SVRCONN open
has "cc=0 rc=0 maxmsgl=4194304 hbint=300 sharecnv=10 qmgr=QT"
run 0 "$T/mqi_tcp" $P APP.SVRCONN open QT 1000 60
has "maxmsgl=1000 hbint=300"
run 0 "$T/mqi_tcp" $P TWO open "" 5000 0
has "maxmsgl=1000 hbint=0 sharecnv=1"
run 0 "$T/mqi_tcp" $P TWO open "" 500 30
has "maxmsgl=500 hbint=30"
run 0 "$T/mqi_tcp" $P NO.SUCH.CHL open
has "cc=2 rc=2540 closed=Y"
file_has "$ERR" "AMQ9519E: Channel 'NO.SUCH.CHL' not found."
run 0 "$T/mqi_tcp" $P SDR.CHL open
has "rc=2540"
run 0 "$T/mqi_tcp" $P APP.SVRCONN open OTHERQM
has "cc=2 rc=2058 closed=Y"

note "IPv6"
if MQTCP_HOST=::1 "$T/mqi_tcp" $P APP.SVRCONN open >v6.out 2>&1; then
	grep -q "cc=0 rc=0" v6.out || fail "IPv6: $(cat v6.out)"
else
	note "SKIPPED: no IPv6 loopback here ($(cat v6.out))"
fi

note "the MQI over TCP: a put and a get, the user as the client says or as MCAUSER"
run 0 "$T/mqi_tcp" $P APP.SVRCONN putget SYSTEM.DEFAULT.LOCAL.QUEUE 3000
has "conn=0 put=0 get=0 len=3000 user=$ME"
# a user the authority manager does not know: refused at MQCONN (2035) ...
MQTCP_HINT=qtstnobody run 0 "$T/mqi_tcp" $P APP.SVRCONN putget SYSTEM.DEFAULT.LOCAL.QUEUE 10
has "conn=2035"
# ... unless the channel's MCAUSER says who it runs as
MQTCP_HINT=qtstnobody run 0 "$T/mqi_tcp" $P MCA.SVRCONN putget SYSTEM.DEFAULT.LOCAL.QUEUE 10
has "conn=0 put=0 get=0 len=10 user=$ME"
note "a put over the negotiated MAXMSGL: 2010"
run 0 "$T/mqi_tcp" $P TWO putget SYSTEM.DEFAULT.LOCAL.QUEUE 1001
has "put=2010 get=2033"
run 0 "$T/mqi_tcp" $P TWO putget SYSTEM.DEFAULT.LOCAL.QUEUE 1000
has "put=0 get=0 len=1000"

note "MAXINST 2, MAXINSTC 1: a second instance from one host is refused (2537)"
(sleep 2; echo) | "$T/mqi_tcp" $P TWO hold 3 >hold.out 2>&1 || fail "hold: $(cat hold.out)"
grep -q "ok=1 refused=2 other=0" hold.out || fail "MAXINSTC: $(cat hold.out)"
file_has "$ERR" "AMQ9960E: Channel 'TWO' refused a connection from host '127.0.0.1'"
file_has "$ERR" "MAXINSTC"

note "heartbeats: a peer that answers is kept, one that goes silent is dropped and backed out"
run 0 "$T/mqi_tool" QT depth SYSTEM.DEFAULT.LOCAL.QUEUE
has 0
run 0 timeout 60 "$T/mqi_tcp" $P TWO silent SYSTEM.DEFAULT.LOCAL.QUEUE 3
has "PUT=0"
has "alive after"
hasnt "alive after 0 heartbeats"
has "dropped after"
s=$(printf '%s\n' "$OUT" | sed -n 's/^dropped after \([0-9]*\) s/\1/p')
[ "$s" -ge 4 ] && [ "$s" -le 10 ] || fail "dropped after $s s (HBINT 1: a heartbeat after 1 s, 5 s for its answer)"
file_has "$ERR" "AMQ9259E: Connection timed out from host '127.0.0.1'."
run 0 "$T/mqi_tool" QT depth SYSTEM.DEFAULT.LOCAL.QUEUE
has 0
note "... and while its request is parked (an MQGET waiting) too"
run 0 timeout 60 "$T/mqi_tcp" $P TWO silent SYSTEM.DEFAULT.LOCAL.QUEUE 2 park
has "PARKED"
has "alive after"
has "dropped after"
run 0 "$T/mqi_tool" QT depth SYSTEM.DEFAULT.LOCAL.QUEUE
has 0
note "... and the backed-out puts stay gone after a restart"
run 0 endmqm -i QT
wait $lsr || fail "runmqlsr did not end 0 when the queue manager ended"
lsr=
QUIRE_TEST_SVRCONN="$CHLS" run 0 strmqm QT
run 0 "$T/mqi_tool" QT depth SYSTEM.DEFAULT.LOCAL.QUEUE
has 0

note "1,000 client connections at once"
start_lsr -b 1024
P=$PORT
hard=$(ulimit -Hn)
if [ "$hard" = unlimited ] || [ "$hard" -ge 2200 ]; then
	(ulimit -n 2200; (sleep 3; echo) | timeout 120 "$T/mqi_tcp" $P APP.SVRCONN hold 1000) >hold.out 2>&1 ||
		fail "hold 1000: $(cat hold.out)"
	grep -q "ok=1000 refused=0 other=0" hold.out || fail "1000 connections: $(cat hold.out)"
	grep -q "last=OK" hold.out || fail "1000 connections: $(cat hold.out)"
else
	note "SKIPPED: the hard descriptor limit ($hard) is below 2200"
fi

note "hostile peers are closed; the others go on"
(sleep 8; echo) | "$T/mqi_tcp" $P APP.SVRCONN hold 3 >others.out 2>&1 &
others=$!
wait_line 10 others.out READY
for k in garbage tsh badmagic early reply; do
	run 0 "$T/mqi_tcp" $P - hostile $k
	has "closed"
done
file_has "$ERR" "AMQ9207E: The data received from host '127.0.0.1' is not valid."
n=$(grep -c '^AMQ9207E' "$ERR")
[ "$n" = 1 ] || fail "AMQ9207E $n times: at most once a minute per address"
pid=$(qm_pid QT)
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
before=$(rss)
for i in 1 2 3 4 5 6 7 8 9 10; do
	"$T/mqi_tcp" $P - hostile huge >huge.$i.out 2>&1 &
done
"$T/mqi_tcp" $P - hostile short >short.out 2>&1 &
wait_line 10 huge.10.out open
[ "$(rss)" -lt $((before + 65536)) ] || fail "RSS from $before to $(rss) KiB with ten 100 MiB headers"
wait $others || fail "the other clients: $(cat others.out)"
grep -q "ok=3 refused=0 other=0" others.out || fail "the other clients: $(cat others.out)"
grep -q "last=OK" others.out || fail "the other clients after the hostile ones: $(cat others.out)"
run 0 "$T/mqi_tcp" $P APP.SVRCONN putget SYSTEM.DEFAULT.LOCAL.QUEUE 10
has "put=0 get=0"

note "endmqlsr ends runmqlsr; killing runmqlsr closes its port"
run 0 endmqlsr -m QT
wait_for 10 '! kill -0 $lsr 2>/dev/null'
wait $lsr || fail "runmqlsr ended with $? after endmqlsr"
lsr=
run 1 "$T/mqi_tcp" $P APP.SVRCONN open
has "connect failed"
start_lsr
P=$PORT
run 0 "$T/mqi_tcp" $P APP.SVRCONN open
has "cc=0"
kill $lsr
wait $lsr 2>/dev/null
lsr=
wait_for 10 '"$T/mqi_tcp" $P APP.SVRCONN open | grep -q "connect failed"'

run 0 endmqm -i QT
sanitizer_check
echo "t8000 ok"
