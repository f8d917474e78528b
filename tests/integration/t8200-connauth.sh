# Connection authentication (issue 15): a user id and password given in an
# MQCSP are checked against the operating system (AUTHENMD OS: the shadow
# entry and crypt; PAM: the "quire" service, Debian's /etc/pam.d/other), under
# the CONNAUTH policy: CHCKLOCL NONE, OPTIONAL, REQUIRED, REQDADM; ADOPTCTX
# YES and NO (the UserIdentifier of a message put shows who the connection
# is); FAILDLAY before a refusal, the loop serving others meanwhile; AMQ5534E,
# AMQ5540E, AMQ5541E, AMQ5542I in AMQERR01.LOG; no password in any file under
# the data path; the MQCSP by pointer and by offset, a 256-byte password;
# REFRESH SECURITY TYPE(CONNAUTH) makes a changed policy take effect (and not
# before); a CONNAUTH that names no usable object refuses.  Also: the queue
# manager's files closed to other users (02770 / 0660) and object names that
# would leave their folder ('../x', 'a/b') mapped inside it.
#
# ALTER QMGR CONNAUTH names the AUTHINFO object QTST.IDPW, defined and
# altered with MQSC (DEFINE/ALTER AUTHINFO AUTHTYPE(IDPWOS) ...); REFRESH
# SECURITY TYPE(CONNAUTH) is what makes a change take effect.  Client
# connections (a TCP listener, SVRCONN channel QTST.SVRCONN, tests/mqi/mqi_tcp)
# follow CHCKCLNT.
#
# Needs root (creates the user qtstapp and group qtstgrp, removed by the
# trap); skipped otherwise.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1 || ! command -v chpasswd >/dev/null 2>&1; then
	echo "# SKIP: t8200 needs root, setpriv and chpasswd (it creates the user qtstapp)"
	exit 0
fi
if id qtstapp >/dev/null 2>&1 || getent group qtstgrp >/dev/null 2>&1; then
	fail "user qtstapp or group qtstgrp exists already: remove them first"
fi
cleanup() {
	[ -n "${lsr:-}" ] && kill $lsr 2>/dev/null
	endmqm -i QA >/dev/null 2>&1
	userdel qtstapp >/dev/null 2>&1
	groupdel qtstgrp >/dev/null 2>&1
}
trap 'exit 1' INT TERM HUP
trap cleanup EXIT
groupadd qtstgrp || fail "groupadd"
useradd -M -N -g qtstgrp -s /usr/sbin/nologin qtstapp || fail "useradd"
PW='Qtst-pw.8200'
echo "qtstapp:$PW" | chpasswd || fail "chpasswd"

# the data folder's group is qtstgrp, so that qtstapp reaches the socket
chmod 711 "$PWD"
mkdir -p "$MQ_DATA_PATH"
chgrp qtstgrp "$MQ_DATA_PATH"
chmod 2770 "$MQ_DATA_PATH"

# policy CHCKLOCL ADOPTCTX FAILDLAY AUTHENMD [CHCKCLNT]: QTST.IDPW's
# attributes (not in force before REFRESH SECURITY TYPE(CONNAUTH))
policy() {
	run 0 runmqsc QA <<MQSC
ALTER AUTHINFO(QTST.IDPW) AUTHTYPE(IDPWOS) CHCKLOCL($1) ADOPTCTX($2) FAILDLAY($3) AUTHENMD($4) CHCKCLNT(${5:-REQDADM})
MQSC
}
run 0 crtmqm QA
# the SVRCONN channels, as DEFINE CHANNEL makes them below; a test build's
# stand-in while the listener finds no CHANNEL objects (qm/server/channel.h)
QUIRE_TEST_SVRCONN="QTST.SVRCONN;QTST.ROOT,mcauser=root"
export QUIRE_TEST_SVRCONN
run 0 strmqm QA
# MQ's default CHLAUTH records keep administrators (the root clients here) off
# client channels: CHLAUTH is t8400's, this test is connection authentication's
run 0 runmqsc QA <<'MQSC'
DEFINE AUTHINFO(QTST.IDPW) AUTHTYPE(IDPWOS)
ALTER QMGR CHLAUTH(DISABLED)
MQSC
policy OPTIONAL YES 1 OS
run 0 runmqsc QA <<'MQSC'
ALTER QMGR CONNAUTH(' ')
REFRESH SECURITY TYPE(CONNAUTH)
MQSC
note "CONNAUTH blank: no MQCSP needed, a wrong password not even looked at"
CSP_PW="wrong"
OUT=$(printf '%s\n' "$CSP_PW" | MQSAMP_USER_ID=qtstapp "$T/mqi_csp" QA 2>&1)
printf '%s\n' "$OUT" | grep -qF "MQCONNX cc 0 rc 0" || fail "CONNAUTH blank: $OUT"
run 0 runmqsc QA <<'MQSC'
DEFINE QLOCAL(CA.Q)
SET AUTHREC OBJTYPE(QMGR) GROUP('qtstgrp') AUTHADD(CONNECT)
SET AUTHREC PROFILE(CA.Q) OBJTYPE(QUEUE) GROUP('qtstgrp') AUTHADD(PUT,GET,INQ)
ALTER QMGR CONNAUTH('QTST.IDPW')
MQSC
# (the authority manager: the adopted qtstapp may connect and use CA.Q)
note "ALTER QMGR CONNAUTH takes effect at REFRESH SECURITY TYPE(CONNAUTH), as MQ"
OUT=$(printf 'wrong\n' | MQSAMP_USER_ID=qtstapp "$T/mqi_csp" QA 2>&1)
printf '%s\n' "$OUT" | grep -qF "MQCONNX cc 0 rc 0" || fail "CONNAUTH before REFRESH: $OUT"
run 0 runmqsc QA <<'MQSC'
REFRESH SECURITY TYPE(CONNAUTH)
MQSC
has "AMQ8560I"
LOG="$MQ_DATA_PATH/qmgrs/QA/errors/AMQERR01.LOG"
Q=CA.Q

# csp [ENV...]: mqi_csp QA CA.Q with the password on stdin ($CSP_PW)
csp() {
	OUT=$(printf '%s\n' "$CSP_PW" | env "$@" "$T/mqi_csp" QA $Q 2>&1) || fail "mqi_csp $*: $OUT"
}
count() { grep -c "^$1" "$LOG"; }
now_ms() { date +%s%3N; }

note "OPTIONAL, ADOPTCTX(YES): no MQCSP connects as itself"
CSP_PW=""
csp X=1
has "MQCONNX cc 0 rc 0"
has "UserIdentifier 'root'"

note "the right password: connected, the proved user adopted"
CSP_PW="$PW"
csp MQSAMP_USER_ID=qtstapp
has "MQCONNX cc 0 rc 0"
has "UserIdentifier 'qtstapp'"
note "... and by offset from the MQCSP"
csp MQSAMP_USER_ID=qtstapp MQCSP_OFFSET=1
has "MQCONNX cc 0 rc 0"
has "UserIdentifier 'qtstapp'"

note "a wrong password: 2035 after FAILDLAY(1), AMQ5534E and AMQ5542I"
CSP_PW="not-$PW"
b534=$(count AMQ5534E) b542=$(count AMQ5542I)
t0=$(now_ms)
csp MQSAMP_USER_ID=qtstapp
t1=$(now_ms)
has "MQCONNX cc 2 rc 2035"
[ $((t1 - t0)) -ge 900 ] || fail "the refusal came after $((t1 - t0)) ms, before FAILDLAY(1)"
[ "$(count AMQ5534E)" = $((b534 + 1)) ] || fail "no AMQ5534E for the wrong password"
[ "$(count AMQ5542I)" = $((b542 + 1)) ] || fail "no AMQ5542I for the wrong password"
file_has "$LOG" "User ID 'qtstapp' authentication failed."
file_has "$LOG" "CHCKLOCL(OPTIONAL) of 'QTST.IDPW'"
note "an unknown user: 2035"
CSP_PW="$PW"
csp MQSAMP_USER_ID=qtstnobody
has "MQCONNX cc 2 rc 2035"
note "a user id with no password: 2035"
csp MQSAMP_USER_ID=qtstapp MQCSP_NOPW=1
has "MQCONNX cc 2 rc 2035"
note "an AuthenticationType that is not valid: 2595"
csp MQSAMP_USER_ID=qtstapp MQCSP_AUTHTYPE=7
has "MQCONNX cc 2 rc 2595"

note "a 256-byte password is checked whole; 257 bytes is 2035"
LONGPW=$(printf 'L%.0s' $(seq 1 255))x
[ ${#LONGPW} = 256 ] || fail "long password is ${#LONGPW} bytes"
echo "qtstapp:$LONGPW" | chpasswd || fail "chpasswd long"
CSP_PW="$LONGPW"
csp MQSAMP_USER_ID=qtstapp
has "MQCONNX cc 0 rc 0"
has "UserIdentifier 'qtstapp'"
CSP_PW="${LONGPW}y"
csp MQSAMP_USER_ID=qtstapp
has "MQCONNX cc 2 rc 2035"
CSP_PW="$(printf 'L%.0s' $(seq 1 255))z"
csp MQSAMP_USER_ID=qtstapp
has "MQCONNX cc 2 rc 2035"
echo "qtstapp:$PW" | chpasswd || fail "chpasswd back"

note "REQUIRED, ADOPTCTX(NO), FAILDLAY(3): not in force before REFRESH SECURITY"
policy REQUIRED NO 3 OS
CSP_PW=""
csp X=1
has "MQCONNX cc 0 rc 0"
run 0 runmqsc QA <<'MQSC'
REFRESH SECURITY TYPE(CONNAUTH)
MQSC
has "AMQ8560I"
note "no MQCSP: 2035, AMQ5540E and AMQ5541E"
b540=$(count AMQ5540E) b541=$(count AMQ5541E)
csp X=1
has "MQCONNX cc 2 rc 2035"
[ "$(count AMQ5540E)" = $((b540 + 1)) ] || fail "no AMQ5540E"
[ "$(count AMQ5541E)" = $((b541 + 1)) ] || fail "no AMQ5541E"
file_has "$LOG" "Application 'mqi_csp' did not supply a user ID and password."
file_has "$LOG" "CHCKLOCL(REQUIRED) of 'QTST.IDPW'"
note "the right password: connected, but the connection stays root (ADOPTCTX(NO))"
CSP_PW="$PW"
csp MQSAMP_USER_ID=qtstapp
has "MQCONNX cc 0 rc 0"
has "UserIdentifier 'root'"
note "a wrong password waits FAILDLAY(3) while the queue manager serves others"
t0=$(now_ms)
(printf 'bad\n' | MQSAMP_USER_ID=qtstapp "$T/mqi_csp" QA >"$PWD/slow.out" 2>&1; now_ms >"$PWD/slow.end") &
slow=$!
sleep 0.3
CSP_PW="$PW"
csp MQSAMP_USER_ID=qtstapp
t1=$(now_ms)
has "MQCONNX cc 0 rc 0"
[ $((t1 - t0)) -lt 2500 ] || fail "a good connection waited $((t1 - t0)) ms behind a refusal's FAILDLAY"
wait $slow
grep -q "MQCONNX cc 2 rc 2035" "$PWD/slow.out" || fail "the wrong password: $(cat "$PWD/slow.out")"
[ $(($(cat "$PWD/slow.end") - t0)) -ge 2900 ] || fail "the refusal came before FAILDLAY(3)"

note "the samples with MQSAMP_USER_ID: the password on the first line of standard input"
S="$QUIRE_BUILD/samples"
OUT=$(printf '%s\nfrom amqsput\n' "$PW" | MQSAMP_USER_ID=qtstapp "$S/amqsput" CA.Q QA 2>&1)
printf '%s\n' "$OUT" | grep -qF "Enter password:" || fail "amqsput did not ask for the password: $OUT"
printf '%s\n' "$OUT" | grep -qF "reason code" && fail "amqsput: $OUT"
OUT=$(printf '%s\n' "$PW" | MQSAMP_USER_ID=qtstapp QUIRE_SAMPLE_WAIT=0 "$S/amqsget" CA.Q QA 2>&1)
printf '%s\n' "$OUT" | grep -qF "message <from amqsput>" || fail "amqsget: $OUT"
OUT=$(printf 'wrong\n' | MQSAMP_USER_ID=qtstapp "$S/amqsput" CA.Q QA 2>&1)
printf '%s\n' "$OUT" | grep -qF "MQCONNX ended with reason code 2035" || fail "amqsput, wrong password: $OUT"
OUT=$("$S/amqsput" CA.Q QA </dev/null 2>&1)
printf '%s\n' "$OUT" | grep -qF "MQCONN ended with reason code 2035" || fail "amqsput without MQSAMP_USER_ID: $OUT"

note "REQDADM: an administrator (root) must give a password; another user need not"
policy REQDADM YES 0 OS
run 0 runmqsc QA <<'MQSC'
REFRESH SECURITY TYPE(CONNAUTH)
MQSC
CSP_PW=""
csp X=1
has "MQCONNX cc 2 rc 2035"
file_has "$LOG" "CHCKLOCL(REQDADM) of 'QTST.IDPW'"
OUT=$(setpriv --reuid=qtstapp --regid=qtstgrp --clear-groups "$T/mqi_csp" QA $Q </dev/null 2>&1)
printf '%s\n' "$OUT" | grep -qF "MQCONNX cc 0 rc 0" || fail "qtstapp without a password under REQDADM: $OUT"
printf '%s\n' "$OUT" | grep -qF "UserIdentifier 'qtstapp'" || fail "qtstapp's message: $OUT"
CSP_PW="$PW"
csp MQSAMP_USER_ID=qtstapp
has "MQCONNX cc 0 rc 0"
has "UserIdentifier 'qtstapp'"
note "... and one who gives a wrong password is refused, administrator or not"
OUT=$(printf 'bad\n' | setpriv --reuid=qtstapp --regid=qtstgrp --clear-groups env MQSAMP_USER_ID=qtstapp \
	"$T/mqi_csp" QA 2>&1)
printf '%s\n' "$OUT" | grep -qF "MQCONNX cc 2 rc 2035" || fail "qtstapp with a wrong password: $OUT"

note "NONE: nothing is checked, not even a wrong password, and nothing adopted"
policy NONE YES 0 OS
run 0 runmqsc QA <<'MQSC'
REFRESH SECURITY TYPE(CONNAUTH)
MQSC
CSP_PW="wrong"
csp MQSAMP_USER_ID=qtstapp
has "MQCONNX cc 0 rc 0"
has "UserIdentifier 'root'"

if [ -f /etc/pam.d/quire ] || [ -f /etc/pam.d/other ]; then
	note "AUTHENMD(PAM): the right password and a wrong one"
	policy REQUIRED YES 0 PAM
	run 0 runmqsc QA <<'MQSC'
REFRESH SECURITY TYPE(CONNAUTH)
MQSC
	CSP_PW="$PW"
	csp MQSAMP_USER_ID=qtstapp
	has "MQCONNX cc 0 rc 0"
	has "UserIdentifier 'qtstapp'"
	CSP_PW="wrong-$PW"
	csp MQSAMP_USER_ID=qtstapp
	has "MQCONNX cc 2 rc 2035"
else
	note "SKIP AUTHENMD(PAM): no /etc/pam.d/quire or /etc/pam.d/other"
fi

note "client connections (TCP, SVRCONN): CHCKCLNT"
run 0 runmqsc QA <<'MQSC'
DEFINE CHANNEL(QTST.SVRCONN) CHLTYPE(SVRCONN)
DEFINE CHANNEL(QTST.ROOT) CHLTYPE(SVRCONN) MCAUSER('root')
MQSC
PORT=$((21000 + $$ % 20000))
for _i in 1 2 3 4 5 6 7 8 9 10; do
	runmqlsr -m QA -t tcp -p $PORT >lsr.out 2>&1 &
	lsr=$!
	sleep 0.3
	kill -0 $lsr 2>/dev/null && break
	grep -q AMQ9218E lsr.out || fail "runmqlsr: $(cat lsr.out)"
	PORT=$((PORT + 1))
done
kill -0 $lsr 2>/dev/null || fail "no listener"
tcp() { OUT=$(env "$@" "$T/mqi_tcp" $PORT $CHL putget CA.Q 10 2>&1) || fail "mqi_tcp $*: $OUT"; }
CHL=QTST.SVRCONN
policy NONE YES 0 OS REQUIRED
run 0 runmqsc QA <<'MQSC'
REFRESH SECURITY TYPE(CONNAUTH)
MQSC
note "CHCKCLNT(REQUIRED) (CHCKLOCL(NONE)): a client without a password is refused"
tcp X=1
has "conn=2035"
file_has "$LOG" "CHCKCLNT(REQUIRED) of 'QTST.IDPW'"
note "... with the right one connected, the proved user adopted; a wrong one refused"
tcp MQTCP_USER=qtstapp MQTCP_PASSWORD="$PW"
has "conn=0 put=0 get=0"
has "user=qtstapp"
tcp MQTCP_USER=qtstapp MQTCP_PASSWORD="not-$PW"
has "conn=2035"
note "... while a local connection, under CHCKLOCL(NONE), needs none"
CSP_PW=""
csp X=1
has "MQCONNX cc 0 rc 0"
note "CHCKCLNT(REQDADM): a client that is not an administrator needs no password; one running as root does"
policy NONE YES 0 OS REQDADM
run 0 runmqsc QA <<'MQSC'
REFRESH SECURITY TYPE(CONNAUTH)
MQSC
tcp MQTCP_HINT=qtstapp
has "conn=0 put=0 get=0"
CHL=QTST.ROOT
tcp X=1
has "conn=2035"
tcp MQTCP_USER=qtstapp MQTCP_PASSWORD="$PW"
has "conn=0 put=0 get=0"
has "user=qtstapp"
note "CHCKCLNT(NONE): nothing checked"
policy REQUIRED YES 0 OS NONE
run 0 runmqsc QA <<'MQSC'
REFRESH SECURITY TYPE(CONNAUTH)
MQSC
tcp MQTCP_USER=qtstapp MQTCP_PASSWORD=wrong
has "conn=0 put=0 get=0"
has "user=root"
kill $lsr 2>/dev/null
wait $lsr 2>/dev/null
lsr=

note "a CONNAUTH naming no usable object: REFRESH fails (AMQ7925E) and connections are refused"
run 10 runmqsc QA <<'MQSC'
ALTER QMGR CONNAUTH('QTST.NO.SUCH')
REFRESH SECURITY TYPE(CONNAUTH)
MQSC
has "AMQ7925E"
CSP_PW=""
csp X=1
has "MQCONNX cc 2 rc 2035"
file_has "$LOG" "AMQ7925E"
policy OPTIONAL YES 0 OS
run 0 runmqsc QA <<'MQSC'
ALTER QMGR CONNAUTH('QTST.IDPW')
REFRESH SECURITY TYPE(CONNAUTH)
MQSC
csp X=1
has "MQCONNX cc 0 rc 0"

note "names that would leave their folder are mapped inside it"
run 0 runmqsc QA <<'MQSC'
DEFINE QLOCAL('../x')
DEFINE QLOCAL('a/b')
MQSC
[ -d "$MQ_DATA_PATH/qmgrs/QA/queues/!!&x" ] || fail "'../x' is not queues/!!&x: $(ls "$MQ_DATA_PATH/qmgrs/QA/queues")"
[ -d "$MQ_DATA_PATH/qmgrs/QA/queues/a&b" ] || fail "'a/b' is not queues/a&b"
[ ! -e "$MQ_DATA_PATH/qmgrs/QA/x" ] && [ ! -e "$MQ_DATA_PATH/qmgrs/QA/queues/a" ] || fail "a name left its folder"

note "no password in any file under the data path"
run 0 endmqm -i QA
for p in "$PW" "$LONGPW" "not-$PW"; do
	if grep -rlaF -- "$p" "$MQ_DATA_PATH" >/dev/null 2>&1; then
		fail "a password is in $(grep -rlaF -- "$p" "$MQ_DATA_PATH")"
	fi
done

note "files closed to other users: folders 2770, files 0660"
bad=$(find "$MQ_DATA_PATH/qmgrs/QA" "$MQ_DATA_PATH/log/QA" \( -type d ! -perm 2770 \) -o \( -type f ! -perm 660 \))
[ -z "$bad" ] || fail "modes not closed: $(ls -ld $bad | head -5)"
run 0 strmqm QA
[ "$(stat -c %a "$MQ_DATA_PATH/qmgrs/QA/@ipcc/quire.sock")" = 660 ] || fail "socket mode"
run 0 endmqm -i QA
sanitizer_check
echo "t8200: ok"
