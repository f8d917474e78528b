# docs/security.md, run: every `mqsc` block of the guide through runmqsc and
# every `sh` block through sh, in order, against a queue manager QM1 made
# here, with a user and a group of the test's own standing for the guide's
# alice and apps (qtstsgal, qtstsgapps, removed by the trap), a test CA in
# $CA, and the guide's `json` block written as alice's CCDT; after each a
# check that it did what the guide says: CONNAUTH in force, the authority
# records of setmqaut and SET AUTHREC and what alice has from them (the
# most specific profile alone), the CHLAUTH rules and RUNCHECK's answers,
# the queue manager's key repository, a TLS 1.3 channel with SSLCAUTH and
# SSLPEER, and alice putting through it with her certificate, the CCDT and
# her password (her message carries her name; a plain client refused 2059,
# a wrong password 2035).  A block added to the guide without a check here
# fails the count below.  Needs root (useradd, chpasswd: the queue manager
# checks alice's password in /etc/shadow); skipped otherwise.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
S="$QUIRE_BUILD/samples"
PATH="$PATH:$S"   # the guide runs amqsputc by name
GUIDE="$(dirname "$0")/../../docs/security.md"
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null 2>&1 || ! command -v chpasswd >/dev/null 2>&1; then
	echo "# SKIP: t8710 needs root, useradd and chpasswd (it creates the user qtstsgal)"
	exit 0
fi
command -v openssl >/dev/null 2>&1 || fail "the openssl command is needed (make deps)"
USR=qtstsgal GRP=qtstsgapps
id $USR >/dev/null 2>&1 && fail "user $USR exists already: remove it first"
getent group $GRP >/dev/null 2>&1 && fail "group $GRP exists already: remove it first"
cleanup() {
	endmqm -i QM1 >/dev/null 2>&1
	userdel $USR >/dev/null 2>&1
	groupdel $GRP >/dev/null 2>&1
}
trap 'exit 1' INT TERM HUP
trap cleanup EXIT
unset MQSERVER MQCCDTURL MQCHLLIB MQCHLTAB MQ_CONNECT_TYPE MQSSLKEYR MQSAMP_USER_ID
QUIRE_SAMPLE_WAIT=0.2
export QUIRE_SAMPLE_WAIT
ERR="$MQ_DATA_PATH/qmgrs/QM1/errors/AMQERR01.LOG"

# the blocks: b<n>.<kind>, the guide's names put in
awk '/^```(mqsc|sh|json)$/ { on = 1; n++; kind = substr($0, 4); next } /^```/ { on = 0 }
     on { print > ("raw" n "." kind) }' "$GUIDE"
kinds=$(ls raw* | sort -t. -k1.4n | sed 's/^raw[0-9]*\.//' | tr '\n' ' ')
[ "$kinds" = "mqsc sh mqsc mqsc mqsc sh mqsc sh json sh " ] ||
	fail "docs/security.md's runnable blocks are '$kinds'; this test checks 'mqsc sh mqsc mqsc mqsc sh mqsc sh json sh '"
P=$((20000 + ($$ * 11) % 20000))
for f in raw*; do
	sed -e "s#/home/alice#$PWD/home-al#g" -e "s/\\balice\\b/$USR/g" -e "s/\\bapps\\b/$GRP/g" \
		-e "s/mq\\.example\\.com/127.0.0.1/" "$f" >"b${f#raw}"
done
step=0
# block: the next block, run as its kind says ($OUT: its output)
block() {
	step=$((step + 1))
	f=$(ls b$step.*)
	case $f in
	*.mqsc)
		run_in 0 "$f" runmqsc QM1
		hasnt "AMQ8405E"
		has "All valid MQSC commands were processed."
		;;
	*.sh) run 0 sh -eu "$f" ;;
	esac
}
mqsc() { OUT=$(printf '%s\n' "$@" | runmqsc QM1 2>&1); }

note "QM1, the guide's user and group, a test CA, the queues and the channel the examples use"
groupadd $GRP || fail "groupadd $GRP"
useradd -M -N -g $GRP -s /usr/sbin/nologin $USR || fail "useradd $USR"
PW='Guide-pw.8710'
echo "$USR:$PW" | chpasswd || fail "chpasswd $USR"
CA="$PWD/ca"
mkdir -p "$CA"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$CA/ca.key" \
	-out "$CA/ca.crt" -days 30 -subj "/O=Example/CN=Example Test CA" 2>/dev/null || fail "openssl: the CA"
export CA
run 0 crtmqm QM1
run 0 strmqm QM1
run 0 runmqsc QM1 <<EOF
DEFINE QLOCAL(APP.ORDERS)
DEFINE QLOCAL(APP.AUDIT)
DEFINE CHANNEL(APP.SVRCONN) CHLTYPE(SVRCONN)
DEFINE LISTENER(GUIDE.LSR) TRPTYPE(TCP) PORT($P) CONTROL(QMGR)
EOF
tries=0
while mqsc "START LISTENER(GUIDE.LSR)"; ! printf '%s\n' "$OUT" | grep -q AMQ8021I; do
	tries=$((tries + 1))
	[ $tries -lt 20 ] || fail "no free port for the listener: $OUT"
	P=$((P + 1))
	mqsc "ALTER LISTENER(GUIDE.LSR) TRPTYPE(TCP) PORT($P)"
done
sed -i "s/\"port\": 1414/\"port\": $P/" b9.json

note "CONNAUTH: MY.IDPWOS in force"
block
mqsc "DISPLAY QMGR CONNAUTH" "DISPLAY AUTHINFO(MY.IDPWOS) ALL"
has "CONNAUTH(MY.IDPWOS)"
for a in "CHCKCLNT(REQUIRED)" "CHCKLOCL(OPTIONAL)" "ADOPTCTX(YES)" "FAILDLAY(2)"; do has "$a"; done

note "setmqaut: the group's records; on APP.ORDERS alice has browse, put and inq (get taken away); APP.** removed last"
block
has "Entity $USR has the following authorizations for object APP.ORDERS:"
for a in browse put inq; do printf '%s\n' "$OUT" | grep -qx "	$a" || fail "dspmqaut lacks $a: $OUT"; done
printf '%s\n' "$OUT" | grep -qx "	get" && fail "dspmqaut shows get, taken away: $OUT"
has "profile:     APP.AUDIT"
has "authority:   browse inq"
file_has authrecs.sh "setmqaut -m QM1 -n 'APP.AUDIT' -t queue -g '$GRP' +browse +inq"
file_has authrecs.sh "setmqaut -m QM1 -t qmgr -g '$GRP' +inq +connect"
mqsc "DISPLAY AUTHREC PROFILE('APP.**') OBJTYPE(QUEUE) MATCH(EXACT)"
hasnt "AMQ8864I"
run 0 dspmqaut -m QM1 -t q -n APP.ORDERS -p $USR
hasnt "put"

note "SET AUTHREC: the same records in MQSC; DISPLAY ENTAUTH; APP.AUDIT's own record hides APP.** until deleted"
block
has "AMQ8865I"
printf '%s\n' "$OUT" | grep -q "AUTHLIST(BROWSE,PUT,INQ)" || fail "DISPLAY ENTAUTH: $OUT"
run 0 dspmqaut -m QM1 -t q -n APP.AUDIT -p $USR
has "put"
run 0 dspmqaut -m QM1 -t q -n APP.ORDERS -p $USR
has "put"
hasnt "get"

note "the CHLAUTH rules of the guide"
block
[ "$(printf '%s\n' "$OUT" | grep -c AMQ8877I)" = 6 ] || fail "not 6 rules set: $OUT"

note "RUNCHECK: batch mapped to batchapp, joe to app, elsewhere the back-stop rule; then the USERMAP removed"
block
# the answers in order: one AMQ8878I block each, then DISPLAY CHLAUTH('*') ALL
printf '%s\n' "$OUT" | awk '/RUNCHECK/ { n++ } n == 1' >rc1.txt
printf '%s\n' "$OUT" | awk '/RUNCHECK/ { n++ } n == 2' >rc2.txt
printf '%s\n' "$OUT" | awk '/RUNCHECK/ { n++ } n == 3' | sed '/DISPLAY CHLAUTH(.\*.) ALL/,$d' >rc3.txt
file_has rc1.txt "TYPE(USERMAP)"
file_has rc1.txt "MCAUSER(batchapp)"
file_has rc2.txt "TYPE(ADDRESSMAP)"
file_has rc2.txt "MCAUSER(app)"
file_has rc3.txt "CHLAUTH(*)"
file_has rc3.txt "USERSRC(NOACCESS)"
mqsc "DISPLAY CHLAUTH('APP.SVRCONN') TYPE(USERMAP) ALL"
hasnt "CLNTUSER(batch)"
# (the test's client is on this host, outside the guide's office network,
# and runs as root, whom *MQADMIN blocks: mapped to alice, as the guide's
# office rule maps to app)
mqsc "SET CHLAUTH('APP.SVRCONN') TYPE(ADDRESSMAP) ADDRESS('127.0.0.1') USERSRC(MAP) MCAUSER('$USR') CHCKCLNT(REQUIRED)"
has "AMQ8877I"
note "... a plain client with alice's password gets in before TLS"
printf '%s\nplain\n' "$PW" >in.txt
OUT=$(MQSERVER="APP.SVRCONN/TCP/127.0.0.1($P)" MQSAMP_USER_ID=$USR "$S/amqsputc" APP.ORDERS QM1 <in.txt 2>&1)
hasnt "reason code"

note "the queue manager's key repository made as the guide says"
block
K="$MQ_DATA_PATH/qmgrs/QM1/ssl/key"
[ -s "$K.crt" ] && [ -s "$K.key" ] && [ -s "$K.ca" ] || fail "the key repository: $(ls -l "$MQ_DATA_PATH/qmgrs/QM1/ssl")"
[ "$(stat -c %a "$K.key")" = 600 ] || fail "$K.key has mode $(stat -c %a "$K.key")"
[ ! -e "$K.csr" ] || fail "the request was left behind"

note "the channel: TLS 1.3, SSLCAUTH(REQUIRED), SSLPEER the Apps unit of Example"
block
mqsc "DISPLAY CHANNEL(APP.SVRCONN) SSLCIPH SSLCAUTH SSLPEER"
has "SSLCIPH(ANY_TLS13_OR_HIGHER)"
has "SSLCAUTH(REQUIRED)"
has "SSLPEER(O=Example,OU=Apps)"
note "... a plain client is refused now (2059, AMQ9639E)"
OUT=$(MQSERVER="APP.SVRCONN/TCP/127.0.0.1($P)" MQSAMP_USER_ID=$USR "$S/amqsputc" APP.ORDERS QM1 <in.txt 2>&1)
has "reason code 2059"
grep -q "^AMQ9639E" "$ERR" || fail "no AMQ9639E for a plain client on a TLS channel"

note "alice's key repository"
block
[ -s home-al/tls/key.crt ] && [ -s home-al/tls/key.ca ] && [ "$(stat -c %a home-al/tls/key.key)" = 600 ] ||
	fail "alice's repository: $(ls -l home-al/tls)"
openssl x509 -in home-al/tls/key.crt -noout -subject | grep -q "OU *= *Apps" || fail "alice's certificate has no OU=Apps"

note "alice's CCDT"
step=$((step + 1))
cp b$step.json home-al/ccdt.json
grep -q "\"port\": $P" home-al/ccdt.json || fail "the CCDT's port: $(cat home-al/ccdt.json)"

note "alice puts through TLS with her certificate, the CCDT and her password; the message carries her name"
step=$((step + 1))
printf '%s\nover TLS\n' "$PW" >in.txt
OUT=$(sh -eu b$step.sh <in.txt 2>&1) || fail "the guide's client block failed: $OUT"
hasnt "reason code"
has "target queue is APP.ORDERS"
run 0 "$S/amqsbcg" APP.ORDERS QM1
has "UserIdentifier : '$USR"
has "over TLS"
note "... and with a wrong password: 2035"
printf 'not-%s\nx\n' "$PW" >in.txt
OUT=$(sh -eu b$step.sh <in.txt 2>&1)
has "reason code 2035"
mqsc "DISPLAY QLOCAL(APP.ORDERS) CURDEPTH"
has "CURDEPTH(2)"

run 0 endmqm -i QM1
sanitizer_check
echo "t8710 ok"
