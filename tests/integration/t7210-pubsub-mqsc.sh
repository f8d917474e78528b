# Subscriptions in MQSC (issue 14, part 3): DEFINE/ALTER/DELETE/DISPLAY SUB,
# DISPLAY SBSTATUS, DISPLAY TPSTATUS TYPE(SUB) and TYPE(PUB), dmpmqcfg's
# DEFINE SUB lines replayed onto another queue manager; administrative
# subscriptions receive publications (tests/mqi/mqi_pubsub) and survive
# kill -9.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T=${QUIRE_BUILD:?QUIRE_BUILD is not set}/tests/mqi
[ -x "$T/mqi_pubsub" ] || fail "$T/mqi_pubsub was not built"
trap 'endmqm -i QS >/dev/null 2>&1; endmqm -i QT >/dev/null 2>&1' EXIT
trap 'exit 1' INT TERM HUP

run 0 crtmqm QS
run 0 strmqm QS
run 0 runmqsc QS <<'MQSC'
DEFINE QLOCAL(ADQ)
DEFINE QLOCAL(DQ)
DEFINE TOPIC(NEWS) TOPICSTR('news')
DEFINE TOPIC(NODUR) TOPICSTR('nodur') DURSUB(NO)
DEFINE SUB(ADMIN.ONE) TOPICSTR('news/#') DEST(ADQ) USERDATA('hello') PUBPRTY(7)
DEFINE SUB('admin two') TOPICOBJ(NEWS) TOPICSTR('sport') DESTCLAS(MANAGED) PSPROP(NONE)
MQSC
has "AMQ8094I: Quire subscription ADMIN.ONE created."
has "AMQ8094I: Quire subscription admin two created."

note "errors"
run 10 runmqsc QS <<'MQSC'
DEFINE SUB(ADMIN.ONE) TOPICSTR('x') DEST(ADQ)
DEFINE SUB(BAD) TOPICSTR('x')
DEFINE SUB(BAD) DEST(ADQ)
DEFINE SUB(BAD) TOPICSTR('x') DEST(NOQ)
DEFINE SUB(BAD) TOPICSTR('nodur/x') DEST(ADQ)
DEFINE SUB(BAD) TOPICOBJ(NOSUCH) DEST(ADQ)
DEFINE SUB(BAD) TOPICSTR('x') DEST(ADQ) PSPROP(MAYBE)
DEFINE SUB(BAD) TOPICSTR('x') DEST(ADQ) SELECTOR('a = = 1')
DEFINE SUB(BAD) TOPICSTR('x') DEST(ADQ) DESTQMGR(OTHER)
ALTER SUB(ADMIN.ONE) TOPICSTR('other')
ALTER SUB(ADMIN.ONE) DESTCLAS(MANAGED)
ALTER SUB(NOSUCH) USERDATA('x')
DELETE SUB(NOSUCH)
DISPLAY SUB(NOSUCH)
DISPLAY SUB(*) NOSUCHATTR
MQSC
has "AMQ8150E: Quire object ADMIN.ONE already exists."
has "DESTCLAS(PROVIDED) needs DEST"
has "DEFINE SUB needs TOPICSTR or TOPICOBJ"
has "AMQ8957E: The subscription cannot be made: DEST names no local queue"
has "AMQ8957E: The subscription cannot be made: the topic is DURSUB(NO)."
has "AMQ8957E: The subscription cannot be made: topic object NOSUCH does not exist."
has "PSPROP must be NONE, COMPAT, RFH2 or MSGPROP"
has "SELECTOR is not a valid selection string (at character 5)"
has "DESTQMGR must be blank or this queue manager, QS"
has "TOPICSTR cannot be altered"
has "DESTCLAS cannot be altered"
has "AMQ8147E: Quire object NOSUCH not found."
has "NOSUCHATTR is not an attribute that can be displayed"
hasnt "AMQ8094I"

note "DISPLAY SUB, ALTER, an application's durable one beside them"
run 0 "$T/mqi_pubsub" QS dcreate
hasnt "not ok"
run 0 runmqsc QS <<'MQSC'
ALTER SUB(ADMIN.ONE) USERDATA('changed') PUBPRTY(ASQDEF)
CLEAR QLOCAL(ADQ)
DISPLAY SUB(*)
DISPLAY SUB(ADMIN.ONE) ALL
DISPLAY SUB('admin two') TOPICSTR TOPICOBJ DESTCLAS PSPROP DEST
DISPLAY SUB(*) SUBTYPE(API) SUBTYPE
DISPLAY SUB(DUR.*) DURABLE(YES) USERDATA
MQSC
has "AMQ8095I: Quire subscription ADMIN.ONE changed."
has "SUB(ADMIN.ONE)"
has "SUB(admin two)"
has "SUB(DUR.M)"
has "TOPICSTR(news/#)"
has "USERDATA(changed)"
has "PUBPRTY(ASQDEF)"
has "SUBTYPE(ADMIN)"
has "DESTCLAS(PROVIDED)"
has "DEST(ADQ)"
has "TOPICSTR(news/sport)"
has "TOPICOBJ(NEWS)"
has "DESTCLAS(MANAGED)"
has "PSPROP(NONE)"
has "DEST(SYSTEM.MANAGED.DURABLE."
has "SUBTYPE(API)"
has "USERDATA(managed one)"
printf '%s\n' "$OUT" | grep -q "SUBTYPE(API)" || fail "no API subscription shown"

note "publications reach administrative subscriptions; the status says so"
run 0 "$T/mqi_pubsub" QS pub news/sport "first news"
has "published: cc 0 rc 0"
run 0 "$T/mqi_pubsub" QS resume 'admin two' 0
has "got 'first news' topic '' userdata '' priority 0"
run 0 runmqsc QS <<'MQSC'
DISPLAY QLOCAL(ADQ) CURDEPTH
DISPLAY SBSTATUS(ADMIN.ONE)
DISPLAY SBSTATUS('admin two') NUMMSGS
MQSC
has "CURDEPTH(1)"
has "NUMMSGS(1)"
has "NUMMSGS(4)"   # ADMIN.ONE: dcreate's three on news/uk too
has "AMQ8099I"
has "RESMDATE("
note "a publisher and a subscriber held open: TYPE(PUB), ACTCONN, DELETE refused"
"$T/mqi_pubsub" QS pub news/held "held" 4 > pub.out 2>&1 &
"$T/mqi_pubsub" QS resume 'admin two' 4 > res.out 2>&1 &
wait_for 10 "grep -q published pub.out && grep -q resumed res.out"
run 10 runmqsc QS <<'MQSC'
DISPLAY TPSTATUS('news/#') TYPE(PUB)
DISPLAY TPSTATUS('news/sport') TYPE(SUB)
DISPLAY SBSTATUS('admin two') ACTCONN
DELETE SUB('admin two')
MQSC
has "TOPICSTR(news/held)"
has "NUMPUBS(1)"
has "LPUBDATE("
has "TOPICSTR(news/sport)"
has "AMQ8148E: Quire object admin two is in use."
printf '%s\n' "$OUT" | grep "ACTCONN(" | grep -qv "ACTCONN(0000000000000000)" || fail "no active connection shown: $OUT"
wait

note "administrative subscriptions survive kill -9"
pid=$(qm_pid QS)
kill -9 "$pid"
wait_for 30 pid_gone "$pid"
run 0 strmqm QS
run 0 "$T/mqi_pubsub" QS pub news/uk "after the crash"
run 0 runmqsc QS <<'MQSC'
DISPLAY SUB(ADMIN.ONE) USERDATA PUBPRTY SUBTYPE
DISPLAY QLOCAL(ADQ) CURDEPTH
MQSC
has "USERDATA(changed)"
has "PUBPRTY(ASQDEF)"
has "CURDEPTH(3)"
run 0 "$T/mqi_pubsub" QS resume ADMIN.ONE 0
has "got 'first news' topic 'news/sport' userdata 'changed' priority 0"
has "got 'held' topic 'news/held' userdata 'changed' priority 0"
has "got 'after the crash' topic 'news/uk' userdata 'changed' priority 0"

note "dmpmqcfg writes DEFINE SUB; replayed onto another queue manager"
run 0 dmpmqcfg -m QS -t sub
has "DEFINE SUB('ADMIN.ONE') TOPICSTR('news/#') DEST('ADQ') DESTCLAS(PROVIDED) USERDATA('changed')"
has "DEFINE SUB('admin two') TOPICSTR('news/sport') DESTCLAS(MANAGED)"
has "DEFINE SUB('DUR.M')"
printf '%s\n' "$OUT" | grep "^DEFINE SUB" > subs.mqsc
run 0 dmpmqcfg -m QS -t ql -n ADQ
run 0 dmpmqcfg -m QS
has "DEFINE SUB('ADMIN.ONE')"
run 0 crtmqm QT
run 0 strmqm QT
run 0 runmqsc QT <<'MQSC'
DEFINE QLOCAL(ADQ)
DEFINE QLOCAL(DQ)
MQSC
run_in 0 subs.mqsc runmqsc QT
has "AMQ8094I: Quire subscription ADMIN.ONE created."
has "AMQ8094I: Quire subscription admin two created."
run 0 runmqsc QT <<'MQSC'
DISPLAY SUB(ADMIN.ONE) ALL
MQSC
has "USERDATA(changed)"
has "PUBPRTY(ASQDEF)"
run 0 endmqm -i QT

note "DELETE SUB: the subscription and its managed queue go"
run 10 runmqsc QS <<'MQSC'
DELETE SUB('admin two')
DELETE SUB(DUR.M)
DELETE SUB(DUR.U)
DISPLAY QLOCAL(SYSTEM.MANAGED.*)
MQSC
has "AMQ8097I: Quire subscription admin two deleted."
has "AMQ8097I: Quire subscription DUR.M deleted."
has "AMQ8147E: Quire object SYSTEM.MANAGED.* not found."
run 0 endmqm -w QS
run 0 strmqm QS
run 10 runmqsc QS <<'MQSC'
DISPLAY SUB(*)
DISPLAY SUB('admin two')
MQSC
has "SUB(ADMIN.ONE)"
has "AMQ8147E: Quire object admin two not found."

run 0 endmqm -i QS
sanitizer_check
