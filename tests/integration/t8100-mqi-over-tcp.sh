# The MQI over TCP (issue 15, qm/mqi/client.c and reconn.c): the main MQI
# programs of t6100 run once locally and once as clients through MQSERVER
# against two queue managers defined alike, and must pass and fail the same
# checks; then what only a client has: the binding chosen (options,
# MQ_CONNECT_TYPE), an MQCD in the MQCNO, JSON CCDTs (a first address that is
# down, a damaged table, no channel for the name), libmqic, a message over the
# channel's MAXMSGL, and reconnection across a queue manager restart with the
# handles still working afterwards (tests/mqi/mqi_client.c).
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
top=$(dirname "$QUIRE_BUILD")
command -v runmqlsr >/dev/null 2>&1 || { echo "# skipped: this build has no runmqlsr (the TCP listener)"; exit 0; }
trap 'exit 1' INT TERM HUP
trap 'endmqm -i QL >/dev/null 2>&1; endmqm -i QN >/dev/null 2>&1' EXIT
# a build with the test hooks names the channel for listeners that look it up there
QUIRE_TEST_SVRCONN="QUIRE.SVRCONN;QUIRE.SMALL,maxmsgl=1000"
export QUIRE_TEST_SVRCONN
unset MQSERVER MQCCDTURL MQCHLLIB MQCHLTAB MQ_CONNECT_TYPE

defs() {
	run 0 runmqsc "$1" <<'MQSC'
DEFINE QLOCAL(T.Q1)
DEFINE QLOCAL(T.Q2)
DEFINE QLOCAL(T.Q3)
DEFINE QLOCAL(T.INH)
DEFINE QLOCAL(T.UOW)
DEFINE QLOCAL(T.EXP)
DEFINE QLOCAL(T.MATCH)
DEFINE QLOCAL(T.BROWSE)
DEFINE QLOCAL(T.TRUNC)
DEFINE QLOCAL(T.WAIT)
DEFINE QLOCAL(T.SMALL) MAXDEPTH(2) MAXMSGL(10)
DEFINE QLOCAL(T.BIG) MAXMSGL(100000)
DEFINE QLOCAL(T.PERS) DEFPSIST(YES) DEFPRTY(5)
DEFINE QLOCAL(T.FIFO) MSGDLVSQ(FIFO)
DEFINE QLOCAL(T.NOSHARE) NOSHARE
DEFINE QLOCAL(T.EXCLDEF) DEFSOPT(EXCL)
DEFINE QALIAS(T.ALIAS) TARGET(T.Q1)
DEFINE QALIAS(T.ALIAS.BAD) TARGET(NO.SUCH.QUEUE)
DEFINE QMODEL(T.MODEL.TEMP) DEFTYPE(TEMPDYN)
DEFINE QMODEL(T.MODEL.PERM) DEFTYPE(PERMDYN)
ALTER QMGR MAXMSGL(32768) MAXUMSGS(5)
DEFINE QLOCAL(T.PRESP) DEFPRESP(ASYNC)
DEFINE QLOCAL(T.PROPS)
DEFINE QLOCAL(T.PROPS.NONE) PROPCTL(NONE)
DEFINE QLOCAL(T.PROPS.ALL) PROPCTL(ALL)
DEFINE QLOCAL(T.PROPS.FORCE) PROPCTL(FORCE)
DEFINE QLOCAL(T.PROPS.V6) PROPCTL(V6COMPAT)
DEFINE QLOCAL(T.PROPS.PERS)
DEFINE QALIAS(T.PROPS.AL) TARGET(T.PROPS) PROPCTL(NONE)
DEFINE QLOCAL(T.PROPS.MD)
DEFINE QLOCAL(T.GRP)
DEFINE QLOCAL(T.GRP2)
DEFINE QLOCAL(T.GRP.PERS) DEFPSIST(YES)
DEFINE QLOCAL(T.GRP.SMALL) MAXMSGL(1000)
DEFINE QLOCAL(T.MARK)
DEFINE QLOCAL(T.MARK.H)
DEFINE QLOCAL(T.MARK.CO)
DEFINE QLOCAL(T.CB1)
DEFINE QLOCAL(T.CB2)
DEFINE QLOCAL(T.CB3)
DEFINE QLOCAL(C.Q)
MQSC
}
run 0 crtmqm -q QL
run 0 strmqm QL
defs QL
run 0 crtmqm QN
run 0 strmqm QN
defs QN
# the programs set MAXMSGL and MARKINT as t6100 leaves them before they run
printf 'ALTER QMGR MAXMSGL(4194304) MARKINT(1500)\n' | runmqsc QL >/dev/null
printf 'ALTER QMGR MAXMSGL(4194304) MARKINT(1500)\n' | runmqsc QN >/dev/null
client_listener QN
note "QN listens on $CLIENT_PORT; MQSERVER=$MQSERVER"
wait_for 10 '[ "$("$T/mqi_client" conn QN)" = "conn=0" ]'

note "the main MQI programs, locally (QL) and as clients (QN): the same checks pass and fail"
# a check's number and whether it passed (timings in the text differ)
verdicts() { sed -n 's/^\(ok\|not ok\) \([0-9]*\) - .*/\1 \2/p; /checks, .* failed$/p' "$1"; }
for prog in mqi_verbs mqi_stat mqi_convert mqi_convert_hdr mqi_props "mqi_propmd T.PROPS.MD" mqi_cb mqi_mark \
	mqi_group; do
	set -- $prog
	p=$1; shift
	( unset MQSERVER; "$T/$p" QL "$@" ) >"local.$p.out" 2>&1
	"$T/$p" QN "$@" >"client.$p.out" 2>&1
	verdicts "local.$p.out" >local.v
	verdicts "client.$p.out" >client.v
	[ -s local.v ] || fail "$p printed no checks: $(tail -5 "local.$p.out")"
	cmp -s local.v client.v || fail "$p differs over TCP (local < > client):
$(diff local.v client.v | head -20)
$(diff "local.$p.out" "client.$p.out" | head -20)"
	echo "$p: $(tail -1 "client.$p.out" | tr -d '\n') both ways"
done

note "the binding chosen: with MQSERVER set, MQCNO_LOCAL_BINDING and MQ_CONNECT_TYPE=LOCAL stay local"
empty=$PWD/empty-data
mkdir -p "$empty"
run 0 env MQ_DATA_PATH="$empty" "$T/mqi_client" conn QN none
has "conn=0"                       # MQSERVER: a client, which needs no local queue manager
run 0 env MQ_DATA_PATH="$empty" "$T/mqi_client" conn QN local
has "conn=2058"                    # local: no QN in this data path
run 0 env MQ_DATA_PATH="$empty" MQ_CONNECT_TYPE=LOCAL "$T/mqi_client" conn QN none
has "conn=2058"
run 0 env MQ_DATA_PATH="$empty" MQ_CONNECT_TYPE=LOCAL "$T/mqi_client" conn QN client
has "conn=0"                       # the option wins over the variable
run 0 env -u MQSERVER "$T/mqi_client" conn QN client
has "conn=2058"                    # a client with no channel anywhere
run 0 env -u MQSERVER "$T/mqi_client" conn QN none
has "conn=0"                       # no channel given: local, as before
run 0 "$T/mqi_client" conn QL none
has "conn=2058"                    # the listener serves QN only
run 0 "$T/mqi_client" conn '*QL' none
has "conn=0"                       # '*': whichever queue manager the channel reaches

note "an MQCD in the MQCNO wins over MQSERVER; a first address that is down"
run 0 env MQSERVER='NO.SUCH/TCP/127.0.0.1(1)' "$T/mqi_client" cd QN QUIRE.SVRCONN \
	"127.0.0.1(1),localhost($CLIENT_PORT)" C.Q
has "conn=0 put=0 get=0 msg=by-mqcd"
run 0 "$T/mqi_client" cd QN NO.SUCH.SVRCONN "127.0.0.1($CLIENT_PORT)" C.Q
has "conn=2540"
run 0 "$T/mqi_client" cd QN QUIRE.SVRCONN "127.0.0.1(1)" C.Q
has "conn=2538"

note "the channel's MAXMSGL bounds a client's messages: 2010"
printf 'DEFINE CHANNEL(QUIRE.SMALL) CHLTYPE(SVRCONN) MAXMSGL(1000) REPLACE\n' | runmqsc QN >/dev/null 2>&1
run 0 env MQSERVER="QUIRE.SMALL/TCP/127.0.0.1($CLIENT_PORT)" "$T/mqi_client" big QN T.Q3 1000
has "put=0"
run 0 env MQSERVER="QUIRE.SMALL/TCP/127.0.0.1($CLIENT_PORT)" "$T/mqi_client" big QN T.Q3 1001
has "put=2010"
run 0 "$T/mqi_client" big QN T.Q3 30000
has "put=0"

note "JSON CCDTs: MQCCDTURL and MQCHLLIB/MQCHLTAB; damaged; no channel for the name"
cat >ccdt.json <<EOF
{ "channel": [
  { "name": "QUIRE.SVRCONN", "type": "clientConnection",
    "clientConnection": { "connection": [ { "host": "127.0.0.1", "port": 1 },
                                          { "host": "localhost", "port": $CLIENT_PORT } ],
                          "queueManager": "QN" },
    "connectionManagement": { "heartbeatInterval": 5 } } ] }
EOF
run 0 env -u MQSERVER MQCCDTURL="file://$PWD/ccdt.json" "$T/mqi_client" conn QN none
has "conn=0"
run 0 env -u MQSERVER MQCHLLIB="$PWD" MQCHLTAB=ccdt.json "$T/mqi_client" conn QN none
has "conn=0"
run 0 env -u MQSERVER MQCCDTURL="$PWD/ccdt.json" "$T/mqi_client" conn QX none
has "conn=2058"
printf '{ "channel": [ { "name": "QUIRE.SVRCONN", "type": ' >bad.json
run 0 env -u MQSERVER MQCCDTURL="$PWD/bad.json" "$T/mqi_client" conn QN none
has "conn=2278"
has "bad.json' is damaged: JSON syntax error"
run 0 env -u MQSERVER MQCCDTURL="$PWD/missing.json" "$T/mqi_client" conn QN none
has "conn=2278"

note "libmqic: always a client, even when the program asks for a local connection"
san=$(san_cflags)
cc -std=c99 -D_GNU_SOURCE -I"$top/include" $san -o mqic_client "$top/tests/mqi/mqi_client.c" \
	-L"$QUIRE_BUILD/lib" -Wl,-rpath,"$QUIRE_BUILD/lib" -lmqic_r -lpthread || fail "could not build against libmqic"
ldd ./mqic_client | grep -q libmqic || fail "mqic_client does not load libmqic"
run 0 env MQ_DATA_PATH="$empty" ./mqic_client conn QN local
has "conn=0"
run 0 env -u MQSERVER ./mqic_client conn QN none
has "conn=2058"

note "reconnection: a queue manager restart under a connection with MQCNO_RECONNECT"
rm -f recon.in
mkfifo recon.in
QUIRE_RECONNECT_DELAY_MS=200 "$T/mqi_client" recon QN C.Q <recon.in >recon.out 2>&1 &
rpid=$!
exec 3>recon.in
wait_line 10 recon.out READY
run 0 endmqm -i QN
run 0 strmqm QN
client_listener QN
echo go >&3
exec 3>&-
wait "$rpid" || fail "mqi_client recon failed: $(cat recon.out)"
OUT=$(cat recon.out)
has "get1=0:before put=0 get2=0:after"
has "events=2544,2545"
has "disc=0"
echo "$OUT" | tail -3
sanitizer_check
echo ok
