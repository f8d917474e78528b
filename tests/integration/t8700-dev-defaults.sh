# issue 15: `make run` as MQ's developer image (samples/run.sh, samples/dev.mqsc)
# run against the build with its data, port and application user given by
# variables (QUIRE_RUN_DIR, QUIRE_RUN_PORT, QUIRE_RUN_APP_USER), so it never
# touches a real `app` user, run/ of the checkout or port 1414 in use.
# First without the user (QUIRE_RUN_MAKE_USER=no: set up all the same, no
# authority records, no client demo) on a port that is taken (the listener
# moves to a free one, printed); then as root with the user missing (made,
# its random password printed once and kept mode 0600); each object, CHLAUTH
# rule and authority record; the client put and get with the app password
# through amqsputc/amqsgetc (MQSERVER, MQSAMP_USER_ID), the message's
# UserIdentifier the app user; the app user refused without a password, with
# a wrong one, on a queue outside DEV.**, on SYSTEM.DEF.SVRCONN; an
# administrator refused on DEV.APP.SVRCONN (without a password, and with it:
# the adopted user blocked by MQ's BLOCKUSER *MQADMIN) and let in on
# DEV.ADMIN.SVRCONN only with a password; idempotence (a second run changes
# no definition, record, password or port); after endmqm the listener comes
# back with strmqm (CONTROL(QMGR)); messages on DEV.QUEUE.1 left alone; an
# existing user whose password make run does not know (its password never
# changed; QUIRE_RUN_APP_PASSWORD); bad variables refused.
#
# Needs root (useradd, chpasswd; the queue manager checks passwords in
# /etc/shadow): makes qtstrunapp, qtstrunadm and the group qtstrunmqm (the
# administrators' group of a test build, QUIRE_TEST_MQM_GROUP), removed by
# the trap; skipped otherwise.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
S="$QUIRE_BUILD/samples"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null 2>&1 || ! command -v chpasswd >/dev/null 2>&1; then
	echo "# SKIP: t8700 needs root, useradd and chpasswd (it creates the users qtstrunapp and qtstrunadm)"
	exit 0
fi
APPU=qtstrunapp ADMU=qtstrunadm ADMG=qtstrunmqm
for u in $APPU $ADMU; do id $u >/dev/null 2>&1 && fail "user $u exists already: remove it first"; done
getent group $ADMG >/dev/null 2>&1 && fail "group $ADMG exists already: remove it first"
getent group $APPU >/dev/null 2>&1 && fail "group $APPU exists already: remove it first"
cleanup() {
	[ -n "${hold:-}" ] && kill $hold 2>/dev/null
	endmqm -i QM1 >/dev/null 2>&1
	userdel $APPU >/dev/null 2>&1
	groupdel $APPU >/dev/null 2>&1
	userdel $ADMU >/dev/null 2>&1
	groupdel $ADMG >/dev/null 2>&1
}
trap 'exit 1' INT TERM HUP
trap cleanup EXIT
unset MQSERVER MQCCDTURL MQCHLLIB MQCHLTAB MQ_CONNECT_TYPE MQSAMP_USER_ID QUIRE_RUN_APP_PASSWORD QUIRE_RUN_MAKE_USER

RUND="$PWD/rundir"
MQ_DATA_PATH="$RUND/data"
QUIRE_RUN_DIR=$RUND
QUIRE_RUN_APP_USER=$APPU
# an administrator of the test's own (a member of the test build's mqm)
groupadd $ADMG || fail "groupadd $ADMG"
useradd -M -N -g $ADMG -s /usr/sbin/nologin $ADMU || fail "useradd $ADMU"
ADMPW='Adm-pw.8700'
echo "$ADMU:$ADMPW" | chpasswd || fail "chpasswd $ADMU"
QUIRE_TEST_MQM_GROUP=$ADMG
export MQ_DATA_PATH QUIRE_RUN_DIR QUIRE_RUN_APP_USER QUIRE_TEST_MQM_GROUP
ERR="$MQ_DATA_PATH/qmgrs/QM1/errors/AMQERR01.LOG"
PWFILE="$RUND/$APPU.password"

# makerun [VAR=value ...]: samples/run.sh against the build, as make run runs it
makerun() { run 0 env "$@" sh "$TOP/samples/run.sh" "$QUIRE_BUILD"; }
# the port the output says the listener runs on
said_port() { printf '%s\n' "$OUT" | sed -n 's/^==> listener DEV.LISTENER.TCP running on port \([0-9]*\)$/\1/p'; }
mqsc() { OUT=$(printf '%s\n' "$@" | runmqsc QM1 2>&1); }
errcount() { grep -c -- "^$1" "$ERR" 2>/dev/null || true; }

# a port that is taken: python3 listens on it (both IPv4 and IPv6, as the
# listener's dual-stack socket would)
P=$((20000 + $$ % 20000))
if command -v python3 >/dev/null 2>&1; then
	python3 -c "
import socket, sys, time
s = socket.socket(socket.AF_INET6)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
s.bind(('::', $P)); s.listen(1); print('bound', flush=True); time.sleep(120)" >hold.out 2>&1 &
	hold=$!
	wait_line 10 hold.out bound
else
	note "no python3: the taken port is not tried"
	hold=
fi

note "QUIRE_RUN_MAKE_USER=no without the user: set up, no authority records, no client; a taken port moved"
makerun QUIRE_RUN_PORT=$P QUIRE_RUN_MAKE_USER=no
has "crtmqm QM1"
has "All valid MQSC commands were processed."
has "message <Hello from make run at"
has "no client put and get: there is no user $APPU (QUIRE_RUN_MAKE_USER=no)"
has "(no user $APPU: its authority records are left out)"
hasnt "Hello over TCP"
id $APPU >/dev/null 2>&1 && fail "run.sh made $APPU with QUIRE_RUN_MAKE_USER=no"
[ -f "$PWFILE" ] && fail "a password file without a user"
PORT=$(said_port)
[ -n "$PORT" ] || fail "no port said: $OUT"
if [ -n "$hold" ]; then
	has "port $P is taken: the listener moves to port"
	[ "$PORT" != "$P" ] || fail "the listener is said to run on the taken port $P"
	kill $hold; wait $hold 2>/dev/null; hold=
fi
mqsc "DISPLAY AUTHREC PRINCIPAL('$APPU')"
hasnt "PROFILE("

note "as root with the user missing: made, its password printed once and kept 0600; a client put and get"
makerun QUIRE_RUN_PORT=$P
has "making the application user $APPU"
has "password of $APPU (shown this once; kept in $PWFILE, mode 0600): "
id $APPU >/dev/null 2>&1 || fail "run.sh did not make $APPU"
[ "$(stat -c %a "$PWFILE")" = 600 ] || fail "$PWFILE has mode $(stat -c %a "$PWFILE")"
PW=$(cat "$PWFILE")
[ ${#PW} = 24 ] || fail "the password is ${#PW} characters"
has "mode 0600): $PW"
has "MQSERVER='DEV.APP.SVRCONN/TCP/localhost($PORT)' MQSAMP_USER_ID=$APPU amqsputc DEV.QUEUE.1 QM1"
has "message <Hello over TCP from make run at"
has "export MQSERVER='DEV.APP.SVRCONN/TCP/localhost($PORT)'"
has "export MQSAMP_USER_ID=$APPU"
has "its password is in $PWFILE"
[ "$(said_port)" = "$PORT" ] || fail "the listener moved from $PORT to $(said_port)"
# (the user made without a home or a login shell)
getent passwd $APPU | grep -q ':/usr/sbin/nologin$' || fail "$APPU has a login shell: $(getent passwd $APPU)"

note "each object"
mqsc "DISPLAY QLOCAL(DEV.*)"
for q in DEV.QUEUE.1 DEV.QUEUE.2 DEV.QUEUE.3 DEV.DEAD.LETTER.QUEUE; do has "QUEUE($q)"; done
mqsc "DISPLAY QMGR DEADQ CONNAUTH CHLAUTH"
has "DEADQ(DEV.DEAD.LETTER.QUEUE)"
has "CONNAUTH(DEV.AUTHINFO)"
has "CHLAUTH(ENABLED)"
mqsc "DISPLAY TOPIC(DEV.BASE.TOPIC) TOPICSTR"
has "TOPICSTR(dev/)"
mqsc "DISPLAY AUTHINFO(DEV.AUTHINFO) ALL"
for a in "AUTHTYPE(IDPWOS)" "CHCKCLNT(REQDADM)" "CHCKLOCL(OPTIONAL)" "ADOPTCTX(YES)"; do has "$a"; done
mqsc "DISPLAY CHANNEL(DEV.APP.SVRCONN) CHLTYPE MCAUSER"
has "CHLTYPE(SVRCONN)"
has "MCAUSER($APPU)"
mqsc "DISPLAY CHANNEL(DEV.ADMIN.SVRCONN) CHLTYPE MCAUSER"
has "CHLTYPE(SVRCONN)"
has "MCAUSER( )"
mqsc "DISPLAY LISTENER(DEV.LISTENER.TCP) ALL"
has "TRPTYPE(TCP)"
has "PORT($PORT)"
has "CONTROL(QMGR)"
mqsc "DISPLAY LSTATUS(DEV.LISTENER.TCP)"
has "STATUS(RUNNING)"

note "each CHLAUTH rule, and what they decide (MATCH(RUNCHECK))"
mqsc "DISPLAY CHLAUTH(*) ALL"
has "CHLAUTH(*)"
has "USERSRC(NOACCESS)"
mqsc "DISPLAY CHLAUTH('DEV.APP.SVRCONN') TYPE(ADDRESSMAP) ALL"
has "ADDRESS(*)"
has "USERSRC(CHANNEL)"
has "CHCKCLNT(REQUIRED)"
mqsc "DISPLAY CHLAUTH('DEV.ADMIN.SVRCONN') TYPE(BLOCKUSER) ALL"
has "USERLIST(nobody)"
mqsc "DISPLAY CHLAUTH('DEV.ADMIN.SVRCONN') TYPE(ADDRESSMAP) ALL"
has "USERSRC(CHANNEL)"
has "CHCKCLNT(REQUIRED)"
mqsc "DISPLAY CHLAUTH(DEV.APP.SVRCONN) MATCH(RUNCHECK) ADDRESS('192.0.2.7') CLNTUSER('someone')"
has "CHLAUTH(DEV.APP.SVRCONN)"
has "USERSRC(CHANNEL)"
mqsc "DISPLAY CHLAUTH(OTHER.SVRCONN) MATCH(RUNCHECK) ADDRESS('192.0.2.7') CLNTUSER('someone')"
has "CHLAUTH(*)"
has "USERSRC(NOACCESS)"
mqsc "DISPLAY CHLAUTH(DEV.ADMIN.SVRCONN) MATCH(RUNCHECK) ADDRESS('192.0.2.7') CLNTUSER('someone')"
has "CHLAUTH(DEV.ADMIN.SVRCONN)"
has "USERSRC(CHANNEL)"

note "each authority record of $APPU (dspmqaut)"
run 0 dspmqaut -m QM1 -t qmgr -p $APPU
has "connect"
has "inq"
hasnt "put"
run 0 dspmqaut -m QM1 -t q -n DEV.QUEUE.2 -p $APPU
for a in browse get inq put; do has "$a"; done
hasnt "setall"
run 0 dspmqaut -m QM1 -t topic -n DEV.BASE.TOPIC -p $APPU
has "pub"
has "sub"
mqsc "DEFINE QLOCAL(OTHER.Q)"
run 0 dspmqaut -m QM1 -t q -n OTHER.Q -p $APPU
hasnt "put"
hasnt "get"

APP="DEV.APP.SVRCONN/TCP/127.0.0.1($PORT)"
ADMIN="DEV.ADMIN.SVRCONN/TCP/127.0.0.1($PORT)"
QUIRE_SAMPLE_WAIT=0.2
export QUIRE_SAMPLE_WAIT
# cput CHANNEL USER PASSWORD QUEUE TEXT: amqsputc through CHANNEL (USER blank:
# no MQSAMP_USER_ID, no password line)
cput() {
	if [ -n "$2" ]; then
		printf '%s\n%s\n' "$3" "$5" >in.txt
		OUT=$(MQSERVER="$1" MQSAMP_USER_ID="$2" "$S/amqsputc" "$4" QM1 <in.txt 2>&1)
	else
		printf '%s\n' "$5" >in.txt
		OUT=$(MQSERVER="$1" "$S/amqsputc" "$4" QM1 <in.txt 2>&1)
	fi
}

note "the client put and get with the app password; the message carries the app user"
cput "$APP" $APPU "$PW" DEV.QUEUE.2 "from a client"
hasnt "reason code"
run 0 "$S/amqsbcg" DEV.QUEUE.2 QM1
has "UserIdentifier : '$APPU"
printf '%s\n' "$PW" >in.txt
OUT=$(MQSERVER="$APP" MQSAMP_USER_ID=$APPU "$S/amqsgetc" DEV.QUEUE.2 QM1 <in.txt 2>&1)
has "message <from a client>"
hasnt "reason code"

note "the app user refused: no password (AMQ5540E), a wrong one (AMQ5534E), a queue outside DEV.** (2035 at MQOPEN)"
n=$(errcount AMQ5540E)
cput "$APP" "" "" DEV.QUEUE.2 x
has "MQCONN ended with reason code 2035"
[ "$(errcount AMQ5540E)" -gt "$n" ] || fail "no AMQ5540E for a client without a password"
n=$(errcount AMQ5534E)
cput "$APP" $APPU "not-$PW" DEV.QUEUE.2 x
has "MQCONNX ended with reason code 2035"
[ "$(errcount AMQ5534E)" -gt "$n" ] || fail "no AMQ5534E for a wrong password"
cput "$APP" $APPU "$PW" OTHER.Q x
has "MQOPEN ended with reason code 2035"
cput "$APP" $APPU "$PW" SYSTEM.DEFAULT.LOCAL.QUEUE x
has "MQOPEN ended with reason code 2035"
mqsc "DISPLAY QLOCAL(DEV.QUEUE.2) CURDEPTH"
has "CURDEPTH(0)"
note "the back-stop rule: SYSTEM.DEF.SVRCONN refused (AMQ9777E)"
n=$(errcount AMQ9777E)
cput "SYSTEM.DEF.SVRCONN/TCP/127.0.0.1($PORT)" $APPU "$PW" DEV.QUEUE.2 x
has "reason code 2035"
[ "$(errcount AMQ9777E)" -gt "$n" ] || fail "no AMQ9777E for SYSTEM.DEF.SVRCONN"

note "an administrator refused on DEV.APP.SVRCONN, without a password and with it (AMQ9776E: BLOCKUSER *MQADMIN)"
cput "$APP" "" "" DEV.QUEUE.2 x      # root, asserted
has "reason code 2035"
n=$(errcount AMQ9776E)
cput "$APP" $ADMU "$ADMPW" DEV.QUEUE.2 x
has "MQCONNX ended with reason code 2035"
[ "$(errcount AMQ9776E)" -gt "$n" ] || fail "no AMQ9776E for an administrator on DEV.APP.SVRCONN"
grep -A6 "^AMQ9776E" "$ERR" | grep -q "'$ADMU'" || fail "AMQ9776E does not name $ADMU: $(grep -A6 '^AMQ9776E' "$ERR")"
note "... and let in on DEV.ADMIN.SVRCONN with a password only"
cput "$ADMIN" "" "" SYSTEM.DEFAULT.LOCAL.QUEUE x
has "MQCONN ended with reason code 2035"
cput "$ADMIN" $ADMU "not-$ADMPW" SYSTEM.DEFAULT.LOCAL.QUEUE x
has "MQCONNX ended with reason code 2035"
cput "$ADMIN" $ADMU "$ADMPW" SYSTEM.DEFAULT.LOCAL.QUEUE "from the administrator"
hasnt "reason code"
mqsc "DISPLAY QLOCAL(SYSTEM.DEFAULT.LOCAL.QUEUE) CURDEPTH"
has "CURDEPTH(1)"
mqsc "CLEAR QLOCAL(SYSTEM.DEFAULT.LOCAL.QUEUE)"

note "idempotence: a second run changes no definition, record, password or port"
snapshot() {
	{
		dmpmqcfg -m QM1 | grep -v '^\*'
		printf 'DISPLAY AUTHREC\nDISPLAY CHLAUTH(*) ALL\n' | runmqsc QM1
		getent passwd $APPU
		getent shadow $APPU
		cat "$PWFILE"
		stat -c %a "$PWFILE"
	} >"$1" 2>&1
}
snapshot before.txt
makerun QUIRE_RUN_PORT=$P
has "the configuration of samples/dev.mqsc is in place already (port $PORT, application user $APPU)"
has "message <Hello over TCP from make run at"
hasnt "shown this once"
hasnt "making the application user"
[ "$(said_port)" = "$PORT" ] || fail "the second run moved the listener to $(said_port)"
snapshot after.txt
diff before.txt after.txt >snap.diff || fail "the second run changed something: $(cat snap.diff)"

note "after endmqm, make run starts QM1 again and the listener comes back on its port (CONTROL(QMGR))"
run 0 endmqm -w QM1
makerun QUIRE_RUN_PORT=$P
has "strmqm QM1"
has "in place already"
has "message <Hello over TCP from make run at"
[ "$(said_port)" = "$PORT" ] || fail "after a restart the listener is on $(said_port), not $PORT"

note "messages on DEV.QUEUE.1 are someone's: left alone"
echo "keep me" | "$S/amqsput" DEV.QUEUE.1 QM1 >/dev/null || fail "amqsput"
makerun QUIRE_RUN_PORT=$P
has "DEV.QUEUE.1 holds 1 message already: left alone"
hasnt "Hello"
mqsc "DISPLAY QLOCAL(DEV.QUEUE.1) CURDEPTH"
has "CURDEPTH(1)"
mqsc "CLEAR QLOCAL(DEV.QUEUE.1)"

note "a user that exists whose password make run does not know: never changed; QUIRE_RUN_APP_PASSWORD"
mv "$PWFILE" pw.saved
makerun QUIRE_RUN_PORT=$P
has "application user $APPU exists and make run does not know its password"
has "no client put and get: set QUIRE_RUN_APP_PASSWORD"
hasnt "making the application user"
[ -f "$PWFILE" ] && fail "a password file written for a user make run did not make"
makerun QUIRE_RUN_PORT=$P QUIRE_RUN_APP_PASSWORD="$PW"
has "its password from QUIRE_RUN_APP_PASSWORD"
has "message <Hello over TCP from make run at"
[ -f "$PWFILE" ] && fail "QUIRE_RUN_APP_PASSWORD written to a file"
mv pw.saved "$PWFILE"

note "bad variables refused before anything is done"
run 1 env QUIRE_RUN_PORT=14x4 sh "$TOP/samples/run.sh" "$QUIRE_BUILD"
has "QUIRE_RUN_PORT '14x4': a port number"
run 1 env QUIRE_RUN_PORT=70000 sh "$TOP/samples/run.sh" "$QUIRE_BUILD"
has "from 1 to 65535"
run 1 env QUIRE_RUN_APP_USER="a'b" sh "$TOP/samples/run.sh" "$QUIRE_BUILD"
has "a user name of a-z"
run 1 env QUIRE_RUN_APP_USER=averyveryverylongname sh "$TOP/samples/run.sh" "$QUIRE_BUILD"
has "at most 12 characters"

run 0 endmqm -i QM1
sanitizer_check
echo "t8700 ok"
