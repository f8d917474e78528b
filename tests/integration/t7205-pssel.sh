# Selection strings on MQSUB (issue 14): tests/mqi/mqi_pssel.c subscribes
# with selectors and checks which subscriber gets which publication, MQ's
# reasons at create (2551, 2504) and resume (2459), ALTER of a selector
# (2524), and a durable subscription's selector kept in its record on
# SYSTEM.DURABLE.SUBSCRIBER.QUEUE and compiled again after kill -9.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T=${QUIRE_BUILD:?QUIRE_BUILD is not set}/tests/mqi
[ -x "$T/mqi_pssel" ] || fail "$T/mqi_pssel was not built"
trap 'endmqm -i QS >/dev/null 2>&1' EXIT
trap 'exit 1' INT TERM HUP

run 0 crtmqm -ll QS
run 0 strmqm QS

note "selectors on non-durable and durable subscriptions"
run 0 "$T/mqi_pssel" QS create
echo "$OUT" | grep "not ok" || true
hasnt "not ok"
has " 0 failed"

note "kill -9; the durable subscription's selector applies after the restart"
pid=$(qm_pid QS)
kill -9 "$pid"
wait_for 30 pid_gone "$pid"
run 0 strmqm QS
run 0 "$T/mqi_pssel" QS restart
echo "$OUT" | grep "not ok" || true
hasnt "not ok"
has " 0 failed"

note "DEFINE SUB SELECTOR, DISPLAY SUB SELECTOR and SELTYPE, ALTER refused, across a restart, dmpmqcfg"
run 10 runmqsc QS <<'MQSC'
DEFINE QLOCAL(ADMQ)
DEFINE SUB(ADM.BAD) TOPICSTR('sel/admin') DEST(ADMQ) SELECTOR('colour = = 1')
DEFINE SUB(ADM.SEL) TOPICSTR('sel/admin') DEST(ADMQ) SELECTOR('colour = ''red''')
DEFINE SUB(ADM.NONE) TOPICSTR('sel/none') DEST(ADMQ)
ALTER SUB(ADM.SEL) SELECTOR('colour = ''blue''')
MQSC
has "SELECTOR is not a valid selection string"
has "the SELECTOR of a subscription cannot change"
run 10 runmqsc QS <<'MQSC'
DISPLAY SUB(ADM.BAD)
MQSC
has "not found"
run 0 endmqm -w QS
run 0 strmqm QS
run 0 runmqsc QS <<'MQSC'
DISPLAY SUB(ADM.SEL) SELECTOR SELTYPE
DISPLAY SUB(ADM.NONE) SELECTOR SELTYPE
MQSC
has "SELECTOR(colour = 'red')"
has "SELTYPE(STANDARD)"
has "SELTYPE(NONE)"
run 0 "$T/mqi_pssel" QS admin
echo "$OUT" | grep "not ok" || true
hasnt "not ok"
has " 0 failed"
run 0 dmpmqcfg -m QS -t sub
has "SELECTOR('colour = ''red''')"
run 0 endmqm -w QS
