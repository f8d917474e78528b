# issue 15, objects part: CHANNEL (CHLTYPE(SVRCONN)), LISTENER and AUTHINFO
# (AUTHTYPE(IDPWOS)) objects and the queue manager's security attributes.
# DEFINE / ALTER / DELETE / DISPLAY with LIKE, REPLACE/NOREPLACE, generic
# names, the type filters and the errors MQ gives; kept across endmqm and
# kill -9, media images (rcdmqimg / rcrmqobj -t channel, listener, authinfo),
# dspmqfls, and a dmpmqcfg dump replayed into another queue manager.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
trap 'for q in CH CR; do endmqm -i $q >/dev/null 2>&1; done' EXIT
mqsc() { printf '%s\n' "$2" >cmds.in; run "${3:-0}" runmqsc -e "$1" -f cmds.in; }

run 0 crtmqm -ll -lf 64 CH
run 0 strmqm CH

note "crtmqm's default objects, as MQ makes them"
mqsc CH "DISPLAY CHANNEL(*)"
has "CHANNEL(SYSTEM.DEF.SVRCONN)"
has "CHANNEL(SYSTEM.ADMIN.SVRCONN)"
has "CHANNEL(SYSTEM.AUTO.SVRCONN)"
[ "$(printf '%s\n' "$OUT" | grep -c 'CHLTYPE(SVRCONN)')" = 3 ] || fail "three default channels expected: $OUT"
mqsc CH "DISPLAY CHANNEL(SYSTEM.DEF.SVRCONN) ALL"
for a in "MAXMSGL(4194304)" "HBINT(300)" "MAXINST(999999999)" "SHARECNV(10)" "SSLCAUTH(REQUIRED)" "MCAUSER( )"; do
	has "$a"
done
mqsc CH "DISPLAY LISTENER(*) ALL"
has "LISTENER(SYSTEM.DEFAULT.LISTENER.TCP)"
has "CONTROL(MANUAL)"
has "PORT(0)"
mqsc CH "DISPLAY AUTHINFO(*) ALL"
for a in "AUTHINFO(SYSTEM.DEFAULT.AUTHINFO.IDPWOS)" "AUTHTYPE(IDPWOS)" "CHCKLOCL(OPTIONAL)" "CHCKCLNT(REQDADM)" \
	"ADOPTCTX(YES)" "FAILDLAY(1)" "AUTHENMD(OS)"; do
	has "$a"
done
mqsc CH "DISPLAY QMGR CONNAUTH SSLKEYR CHLAUTH"
has "CONNAUTH(SYSTEM.DEFAULT.AUTHINFO.IDPWOS)"
has "SSLKEYR($MQ_DATA_PATH/qmgrs/CH/ssl/key)"
has "CHLAUTH(ENABLED)"
[ -d "$MQ_DATA_PATH/qmgrs/CH/ssl" ] || fail "no ssl folder"
# the default objects are the templates of DEFINE
mqsc CH "ALTER CHANNEL(SYSTEM.DEF.SVRCONN) CHLTYPE(SVRCONN) HBINT(120)"
mqsc CH "DEFINE CHANNEL(FROM.DEFAULT) CHLTYPE(SVRCONN)"
mqsc CH "DISPLAY CHANNEL(FROM.DEFAULT) HBINT"
has "HBINT(120)"
mqsc CH "ALTER CHANNEL(SYSTEM.DEF.SVRCONN) CHLTYPE(SVRCONN) HBINT(300)"
mqsc CH "DELETE CHANNEL(FROM.DEFAULT)"

note "DEFINE CHANNEL: CHLTYPE(SVRCONN) required, other types refused, MQ's defaults"
mqsc CH "DEFINE CHANNEL(DEV.APP.SVRCONN) CHLTYPE(SVRCONN) MCAUSER('app') DESCR('applications')"
has "AMQ8014I: Quire channel DEV.APP.SVRCONN created."
mqsc CH "DISPLAY CHANNEL(DEV.APP.SVRCONN) ALL"
has "AMQ8414I: Display Channel details."
for a in "CHANNEL(DEV.APP.SVRCONN)" "CHLTYPE(SVRCONN)" "MCAUSER(app)" "DESCR(applications)" "MAXMSGL(4194304)" \
	"HBINT(300)" "MAXINST(999999999)" "MAXINSTC(999999999)" "SHARECNV(10)" "SSLCAUTH(REQUIRED)" "SSLCIPH( )" \
	"SSLPEER( )" "TRPTYPE(TCP)" "ALTDATE(" "ALTTIME("; do
	has "$a"
done
hasnt "CRDATE"
mqsc CH "DEFINE CHANNEL(NO.TYPE)" 10
has "DEFINE CHANNEL needs CHLTYPE(SVRCONN)"
for t in SDR RCVR CLNTCONN CLUSRCVR; do
	mqsc CH "DEFINE CHANNEL(OTHER.TYPE) CHLTYPE($t)" 10
	has "CHLTYPE($t) is not served"
done
mqsc CH "DEFINE CHANNEL(OTHER.TYPE) CHLTYPE(BOGUS)" 10
has "CHLTYPE(BOGUS) is not valid"
mqsc CH "DEFINE CHANNEL(A23456789012345678901) CHLTYPE(SVRCONN)" 10
has "at most 20 are allowed"
mqsc CH "DEFINE CHANNEL(BAD) CHLTYPE(SVRCONN) MAXMSGL(104857601)" 10
has "MAXMSGL(104857601) is out of range"
mqsc CH "DEFINE CHANNEL(BAD) CHLTYPE(SVRCONN) HBINT(1000000)" 10
mqsc CH "DEFINE CHANNEL(BAD) CHLTYPE(SVRCONN) SSLCAUTH(NEVER)" 10
mqsc CH "DEFINE CHANNEL(BAD) CHLTYPE(SVRCONN) MCAUSER('abcdefghijklm')" 10
has "at most 12 are allowed"
mqsc CH "DEFINE CHANNEL(BAD) CHLTYPE(SVRCONN) XMITQ(Q)" 10
mqsc CH "DEFINE CHANNEL(BAD) CHLTYPE(SVRCONN) TRPTYPE(LU62)" 10
mqsc CH "DISPLAY CHANNEL(BAD)" 10
has "AMQ8147E"
mqsc CH "DEFINE CHANNEL(DEV.APP.SVRCONN) CHLTYPE(SVRCONN)" 10
has "AMQ8150E"
mqsc CH "DEFINE CHANNEL(DEV.APP.SVRCONN) CHLTYPE(SVRCONN) NOREPLACE" 10
has "AMQ8150E"
mqsc CH "DEFINE CHANNEL(DEV.ADMIN.SVRCONN) CHLTYPE(SVRCONN) SSLCIPH(ANY_TLS12_OR_HIGHER) SSLCAUTH(OPTIONAL) SSLPEER('CN=admin,O=Quire') MAXINST(20) MAXINSTC(5) SHARECNV(1) HBINT(30) MAXMSGL(104857600)"
# LIKE copies every attribute but the name
mqsc CH "DEFINE CHANNEL(DEV.ADMIN2) CHLTYPE(SVRCONN) LIKE(DEV.ADMIN.SVRCONN) DESCR('copy')"
mqsc CH "DISPLAY CHANNEL(DEV.ADMIN2) ALL"
for a in "SSLCIPH(ANY_TLS12_OR_HIGHER)" "SSLCAUTH(OPTIONAL)" "SSLPEER(CN=admin,O=Quire)" "MAXINST(20)" \
	"MAXINSTC(5)" "SHARECNV(1)" "HBINT(30)" "MAXMSGL(104857600)" "DESCR(copy)"; do
	has "$a"
done
mqsc CH "DEFINE CHANNEL(DEV.X) CHLTYPE(SVRCONN) LIKE(NO.SUCH)" 10
has "AMQ8147E"
# a channel may share a queue's name
mqsc CH "DEFINE QLOCAL(DEV.APP.SVRCONN)"
mqsc CH "DISPLAY QUEUE(DEV.APP.SVRCONN)"
has "QUEUE(DEV.APP.SVRCONN)"
mqsc CH "DELETE QLOCAL(DEV.APP.SVRCONN)"
mqsc CH "DISPLAY CHANNEL(DEV.APP.SVRCONN)"
has "CHANNEL(DEV.APP.SVRCONN)"

note "ALTER CHANNEL (CHLTYPE required, as MQ) and REPLACE"
mqsc CH "ALTER CHANNEL(DEV.APP.SVRCONN) HBINT(60)" 10
has "ALTER CHANNEL needs CHLTYPE(SVRCONN)"
mqsc CH "ALTER CHANNEL(DEV.APP.SVRCONN) CHLTYPE(SVRCONN) HBINT(60) SHARECNV(0)"
has "AMQ8016I: Quire channel DEV.APP.SVRCONN changed."
mqsc CH "ALTER CHANNEL(DEV.APP.SVRCONN) CHLTYPE(SVRCONN) HBINT(-1)" 10
mqsc CH "ALTER CHANNEL(NO.SUCH) CHLTYPE(SVRCONN) HBINT(5)" 10
has "AMQ8147E"
mqsc CH "DISPLAY CHANNEL(DEV.APP.SVRCONN) HBINT SHARECNV MCAUSER"
has "HBINT(60)"
has "SHARECNV(0)"
has "MCAUSER(app)"
mqsc CH "DEFINE CHANNEL(DEV.ADMIN2) CHLTYPE(SVRCONN) MAXINST(7) REPLACE"
has "AMQ8016I"
mqsc CH "DISPLAY CHANNEL(DEV.ADMIN2) MAXINST SSLCIPH"
has "MAXINST(7)"
has "SSLCIPH( )"      # REPLACE: from the default channel, not the old definition (as MQ)

note "DISPLAY CHANNEL: generic names, TYPE filter, WHERE, attribute lists"
mqsc CH "DISPLAY CHANNEL(DEV*)"
has "CHANNEL(DEV.ADMIN.SVRCONN)"
has "CHANNEL(DEV.ADMIN2)"
has "CHANNEL(DEV.APP.SVRCONN)"
hasnt "HBINT"
mqsc CH "DISPLAY CHANNEL(*) TYPE(SVRCONN) WHERE(MAXINST EQ 20)"
has "CHANNEL(DEV.ADMIN.SVRCONN)"
hasnt "CHANNEL(DEV.ADMIN2)"
mqsc CH "DISPLAY CHANNEL(DEV*) TYPE(SDR)" 10
has "AMQ8147E"
mqsc CH "DISPLAY CHANNEL(DEV*) TYPE(NOTATYPE)" 10
mqsc CH "DISPLAY CHANNEL(DEV*) MAXDEPTH" 10
mqsc CH "DISPLAY CHANNEL(SYSTEM.*) TYPE(ALL)"
has "CHANNEL(SYSTEM.AUTO.SVRCONN)"
hasnt "CHANNEL(DEV"
mqsc CH "DISPLAY CHL(DEV.APP.SVRCONN) CHLTYPE MCAUSER"
has "MCAUSER(app)"

note "LISTENER: DEFINE, DISPLAY, ALTER, errors"
mqsc CH "DEFINE LISTENER(DEV.LISTENER.TCP) TRPTYPE(TCP) PORT(1414) CONTROL(QMGR)"
has "AMQ8626I: Quire listener DEV.LISTENER.TCP created."
mqsc CH "DEFINE LSTR(L.DEFAULTS)"
mqsc CH "DISPLAY LISTENER(L.DEFAULTS) ALL"
has "AMQ8630I: Display listener information details."
for a in "LISTENER(L.DEFAULTS)" "CONTROL(MANUAL)" "TRPTYPE(TCP)" "PORT(0)" "IPADDR( )" "BACKLOG(0)" "DESCR( )" "ALTDATE("; do
	has "$a"
done
mqsc CH "DEFINE LISTENER(BAD) PORT(65536)" 10
has "PORT(65536) is out of range"
mqsc CH "DEFINE LISTENER(BAD) TRPTYPE(NETBIOS)" 10
has "TRPTYPE(NETBIOS) is not served"
mqsc CH "DEFINE LISTENER(BAD) CONTROL(AUTO)" 10
mqsc CH "ALTER LISTENER(L.DEFAULTS) PORT(1415) IPADDR('127.0.0.1') BACKLOG(50) CONTROL(STARTONLY)"
has "AMQ8627I"
mqsc CH "DISPLAY LISTENER(L*) TRPTYPE(TCP) PORT IPADDR BACKLOG CONTROL"
has "PORT(1415)"
has "IPADDR(127.0.0.1)"
has "BACKLOG(50)"
has "CONTROL(STARTONLY)"
mqsc CH "DISPLAY LISTENER(*) TRPTYPE(LU62)" 10
has "AMQ8147E"

note "AUTHINFO: AUTHTYPE(IDPWOS) required, other types refused, MQ's defaults"
mqsc CH "DEFINE AUTHINFO(USE.PW) AUTHTYPE(IDPWOS) FAILDLAY(10) CHCKLOCL(OPTIONAL) CHCKCLNT(REQUIRED)"
has "AMQ8563I: Quire authentication information object USE.PW created."
mqsc CH "DEFINE AUTHINFO(AI.DEFAULTS) AUTHTYPE(IDPWOS)"
mqsc CH "DISPLAY AUTHINFO(AI.DEFAULTS) ALL"
has "AMQ8566I"
for a in "AUTHINFO(AI.DEFAULTS)" "AUTHTYPE(IDPWOS)" "ADOPTCTX(YES)" "CHCKCLNT(REQDADM)" "CHCKLOCL(OPTIONAL)" \
	"FAILDLAY(1)" "AUTHENMD(OS)"; do
	has "$a"
done
mqsc CH "DEFINE AUTHINFO(BAD)" 10
has "DEFINE AUTHINFO needs AUTHTYPE(IDPWOS)"
for t in IDPWLDAP CRLLDAP OCSP; do
	mqsc CH "DEFINE AUTHINFO(BAD) AUTHTYPE($t)" 10
	has "AUTHTYPE($t) is not served"
done
mqsc CH "DEFINE AUTHINFO(BAD) AUTHTYPE(IDPWOS) FAILDLAY(61)" 10
mqsc CH "DEFINE AUTHINFO(BAD) AUTHTYPE(IDPWOS) CHCKCLNT(ASQMGR)" 10
mqsc CH "ALTER AUTHINFO(USE.PW) ADOPTCTX(NO)" 10
has "ALTER AUTHINFO needs AUTHTYPE(IDPWOS)"
mqsc CH "ALTER AUTHINFO(USE.PW) AUTHTYPE(IDPWOS) ADOPTCTX(NO) AUTHENMD(PAM)"
has "AMQ8567I"
mqsc CH "DISPLAY AUTHINFO(USE.PW) AUTHTYPE(IDPWOS) ADOPTCTX AUTHENMD FAILDLAY CHCKCLNT"
has "ADOPTCTX(NO)"
has "AUTHENMD(PAM)"
has "FAILDLAY(10)"
has "CHCKCLNT(REQUIRED)"

note "the queue manager's security attributes"
mqsc CH "DISPLAY QMGR CONNAUTH CHLAUTH AUTHOREV CHLEV SSLEV SSLKEYR CERTLABL"
has "CHLAUTH(ENABLED)"
has "AUTHOREV(DISABLED)"
mqsc CH "ALTER QMGR CONNAUTH(USE.PW) CHLAUTH(DISABLED) AUTHOREV(ENABLED) CERTLABL('qmcert')"
mqsc CH "ALTER QMGR CHLAUTH(MAYBE)" 10
mqsc CH "DISPLAY QMGR CONNAUTH CHLAUTH AUTHOREV CERTLABL"
has "CONNAUTH(USE.PW)"
has "CHLAUTH(DISABLED)"
has "AUTHOREV(ENABLED)"
has "CERTLABL(qmcert)"

note "runmqsc -v checks the new commands without running them"
printf '%s\n' "DEFINE CHANNEL(V.CHECK) CHLTYPE(SDR)" "DEFINE LISTENER(V.CHECK) PORT(99999)" \
	"DEFINE AUTHINFO(V.CHECK) AUTHTYPE(IDPWOS) FAILDLAY(5)" >cmds.in
run 10 runmqsc -v -e CH -f cmds.in
has "2 commands have a syntax error."
mqsc CH "DISPLAY AUTHINFO(V.CHECK)" 10

note "files: dspmqfls"
run 0 dspmqfls -m CH -t channel 'DEV.APP*'
has "CHANNEL   DEV.APP.SVRCONN"
has "/channels/DEV!APP!SVRCONN"
run 0 dspmqfls -m CH -t lstr 'DEV*'
has "/listeners/DEV!LISTENER!TCP"
run 0 dspmqfls -m CH -t authinfo USE.PW
has "/authinfo/USE!PW"

note "kept across endmqm and kill -9"
run 0 endmqm -i CH
run 0 strmqm CH
mqsc CH "DISPLAY CHANNEL(DEV.ADMIN.SVRCONN) SSLPEER MAXINSTC"
has "SSLPEER(CN=admin,O=Quire)"
has "MAXINSTC(5)"
mqsc CH "ALTER CHANNEL(DEV.ADMIN.SVRCONN) CHLTYPE(SVRCONN) MAXINSTC(3)"
mqsc CH "ALTER LISTENER(DEV.LISTENER.TCP) PORT(2414)"
mqsc CH "DEFINE AUTHINFO(AFTER.KILL) AUTHTYPE(IDPWOS) CHCKLOCL(REQDADM)"
mqsc CH "DELETE CHANNEL(DEV.ADMIN2)"
has "AMQ8015I: Quire channel DEV.ADMIN2 deleted."
pid=$(qm_pid CH)
kill -9 "$pid"
wait_for 10 'pid_gone $pid'
run 0 strmqm CH
mqsc CH "DISPLAY CHANNEL(DEV.ADMIN.SVRCONN) MAXINSTC"
has "MAXINSTC(3)"
mqsc CH "DISPLAY LISTENER(DEV.LISTENER.TCP) PORT"
has "PORT(2414)"
mqsc CH "DISPLAY AUTHINFO(AFTER.KILL) CHCKLOCL"
has "CHCKLOCL(REQDADM)"
mqsc CH "DISPLAY CHANNEL(DEV.ADMIN2)" 10
has "AMQ8147E"
mqsc CH "DISPLAY QMGR CONNAUTH CHLAUTH"
has "CONNAUTH(USE.PW)"
has "CHLAUTH(DISABLED)"

note "media images and recovery"
run 0 rcdmqimg -m CH -t channel '*'
has "type channel recorded"
run 0 rcdmqimg -m CH -t listener '*'
has "type listener recorded"
run 0 rcdmqimg -m CH -t authinfo '*'
has "type authinfo recorded"
run 128 rcdmqimg -m CH -t channel NO.SUCH
has "AMQ7910E"
mqsc CH "ALTER CHANNEL(DEV.APP.SVRCONN) CHLTYPE(SVRCONN) DESCR('after the image')"
run 0 endmqm -i CH
printf 'not a channel file' >"$MQ_DATA_PATH/qmgrs/CH/channels/DEV!APP!SVRCONN/c"
rm -f "$MQ_DATA_PATH/qmgrs/CH/listeners/DEV!LISTENER!TCP/l"
run 0 strmqm CH
mqsc CH "DISPLAY CHANNEL(DEV.APP.SVRCONN) DESCR MCAUSER"
has "DESCR(after the image)"
has "MCAUSER(app)"
mqsc CH "DISPLAY LISTENER(DEV.LISTENER.TCP) PORT"
has "PORT(2414)"
run 0 rcrmqobj -m CH -t listener DEV.LISTENER.TCP
has "type listener recreated"
run 0 rcrmqobj -m CH -t authinfo '*'
has "type authinfo recreated"

note "dmpmqcfg: dumped (the type keyword first) and replayed into another queue manager"
run 0 dmpmqcfg -m CH -t channel
has "DEFINE CHANNEL('DEV.APP.SVRCONN') +
   CHLTYPE(SVRCONN) +"
run 0 dmpmqcfg -m CH -t listener -o 1line
has "DEFINE LISTENER('DEV.LISTENER.TCP') TRPTYPE(TCP)"
run 0 dmpmqcfg -m CH -t authinfo
has "DEFINE AUTHINFO('USE.PW') +
   AUTHTYPE(IDPWOS) +"
run 0 dmpmqcfg -m CH
has "CONNAUTH('USE.PW')"
printf '%s\n' "$OUT" >all.mqsc
run 0 crtmqm CR
run 0 strmqm CR
run 0 runmqsc -f all.mqsc CR
hasnt "AMQ8405E"
for o in "CHANNEL(DEV.APP.SVRCONN)" "CHANNEL(DEV.ADMIN.SVRCONN)" "LISTENER(DEV.LISTENER.TCP)" \
	"LISTENER(L.DEFAULTS)" "AUTHINFO(USE.PW)" "AUTHINFO(AFTER.KILL)"; do
	mqsc CH "DISPLAY $o ALL"
	a=$(printf '%s\n' "$OUT" | grep -v "ALTDATE\|ALTTIME\|^ *[0-9]* :\|MQSC\|commands")
	mqsc CR "DISPLAY $o ALL"
	b=$(printf '%s\n' "$OUT" | grep -v "ALTDATE\|ALTTIME\|^ *[0-9]* :\|MQSC\|commands")
	[ "$a" = "$b" ] || fail "$o differs after the round trip:
$a
---
$b"
done
mqsc CR "DISPLAY QMGR CONNAUTH CHLAUTH AUTHOREV CERTLABL"
has "CONNAUTH(USE.PW)"
has "CHLAUTH(DISABLED)"
has "CERTLABL(qmcert)"

note "DELETE of each, and what is not there"
mqsc CH "DELETE LISTENER(L.DEFAULTS)"
has "AMQ8628I"
mqsc CH "DELETE AUTHINFO(AI.DEFAULTS)"
has "AMQ8564I"
mqsc CH "DELETE AUTHINFO(AI.DEFAULTS)" 10
has "AMQ8147E"
mqsc CH "DELETE CHANNEL(DEV.APP.SVRCONN) PURGE" 10
has "does not take PURGE"
mqsc CH "DELETE CHANNEL(DEV.APP.SVRCONN)"
run 0 endmqm -i CH
run 0 strmqm CH
mqsc CH "DISPLAY CHANNEL(DEV.APP.SVRCONN)" 10
mqsc CH "DISPLAY LISTENER(L.DEFAULTS)" 10
mqsc CH "DISPLAY AUTHINFO(AI.DEFAULTS)" 10

run 0 endmqm -i CR
run 0 endmqm -i CH
sanitizer_check
echo "ok t3050"
