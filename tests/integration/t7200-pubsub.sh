# Publish/subscribe through the MQI (issue 14, part 1: the data path with
# non-durable subscriptions): tests/mqi/mqi_pubsub.c publishes and subscribes
# (managed and unmanaged, topic-level and character wildcards, SubUserData and
# the publication properties, syncpoint all or none, every error reason), then
# a persistent publication to an unmanaged subscription's queue is found there
# after a restart and kill -9, its subscription gone.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T=${QUIRE_BUILD:?QUIRE_BUILD is not set}/tests/mqi
[ -x "$T/mqi_pubsub" ] || fail "$T/mqi_pubsub was not built"
trap 'endmqm -i QP >/dev/null 2>&1' EXIT
trap 'exit 1' INT TERM HUP

run 0 crtmqm QP
run 0 strmqm QP
run 0 runmqsc QP <<'MQSC'
DEFINE TOPIC(SPORTS) TOPICSTR('sports')
DEFINE TOPIC(LOCKED) TOPICSTR('locked') PUB(DISABLED) SUB(DISABLED)
DEFINE TOPIC(STRICT) TOPICSTR('strict') NPMSGDLV(ALL) USEDLQ(NO)
DEFINE TOPIC(PERSTOPIC) TOPICSTR('durable/pers') DEFPSIST(YES)
DEFINE QLOCAL(SUBQ)
DEFINE QLOCAL(PQ)
DEFINE QLOCAL(FULLQ) MAXDEPTH(1)
DEFINE QLOCAL(DLQ)
ALTER QMGR DEADQ(DLQ)
MQSC

note "the non-durable data path"
run 0 "$T/mqi_pubsub" QP main
echo "$OUT" | grep "not ok" || true
hasnt "not ok"
has " 0 failed"
echo "$OUT" | tail -1

note "managed queues are gone with their subscriptions"
run 10 runmqsc QP <<'MQSC'
DISPLAY QLOCAL(SYSTEM.MANAGED.*)
DISPLAY QLOCAL(FULLQ) CURDEPTH
MQSC
has "AMQ8147E: Quire object SYSTEM.MANAGED.* not found."
has "CURDEPTH(1)"

note "a persistent publication is logged with its copy; kill -9 and restart"
run 0 "$T/mqi_pubsub" QP pput
hasnt "not ok"
pid=$(qm_pid QP)
kill -9 "$pid"
wait_for 30 pid_gone "$pid"
run 0 strmqm QP
run 0 "$T/mqi_pubsub" QP pget
hasnt "not ok"
has " 0 failed"

run 0 endmqm -i QP
sanitizer_check
