# Publish/subscribe through the MQI (issue 14): tests/mqi/mqi_pubsub.c
# publishes and subscribes (managed and unmanaged, topic-level and character
# wildcards, SubUserData and the publication properties, syncpoint all or
# none, every error reason); a persistent publication to a non-durable
# subscription's queue is found there after kill -9, its subscription gone;
# durable subscriptions (part 2) across endmqm and kill -9 with the
# publications that waited for them (incompressible, 10 B to 300 KB),
# RESUME, ALTER, REMOVE_SUB, and their queue rebuilt from its media image;
# a message on that queue that is no subscription reported (AMQ7472) at the
# start, the others still read;
# retained publications (part 4) replaced, backed out, delivered at MQSUB
# and by MQSUBRQ, the persistent one across kill -9.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T=${QUIRE_BUILD:?QUIRE_BUILD is not set}/tests/mqi
[ -x "$T/mqi_pubsub" ] || fail "$T/mqi_pubsub was not built"
trap 'endmqm -i QP >/dev/null 2>&1' EXIT
trap 'exit 1' INT TERM HUP

run 0 crtmqm -ll QP
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
DEFINE TOPIC(NODUR) TOPICSTR('nodur') DURSUB(NO)
DEFINE QLOCAL(DQ)
DISPLAY QLOCAL(SYSTEM.DURABLE.SUBSCRIBER.QUEUE) DEFPSIST INDXTYPE
MQSC
has "DEFPSIST(YES)"
has "INDXTYPE(MSGID)"

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

note "durable subscriptions: created, then publications while they are away"
run 0 "$T/mqi_pubsub" QP dcreate
hasnt "not ok"
has " 0 failed"
echo "$OUT" | tail -1
run 0 runmqsc QP <<'MQSC'
DISPLAY QLOCAL(SYSTEM.DURABLE.SUBSCRIBER.QUEUE) CURDEPTH
DISPLAY QLOCAL(SYSTEM.MANAGED.DURABLE.*) CURDEPTH DEFTYPE
DISPLAY QLOCAL(DQ) CURDEPTH
MQSC
has "QUEUE(SYSTEM.MANAGED.DURABLE."
has "DEFTYPE(PERMDYN)"
printf '%s\n' "$OUT" | grep -c "CURDEPTH(3)" | grep -qx 2 || fail "both queues should hold 3: $OUT"
run 0 endmqm -w QP
run 0 strmqm QP
run 0 "$T/mqi_pubsub" QP daway
hasnt "not ok"
note "kill -9 with the publications waiting; the subscriptions resumed"
pid=$(qm_pid QP)
kill -9 "$pid"
wait_for 30 pid_gone "$pid"
run 0 strmqm QP
run 0 "$T/mqi_pubsub" QP dresume
hasnt "not ok"
has " 0 failed"
echo "$OUT" | tail -1

note "media recovery: an image of the subscriptions' queue, its files damaged, rebuilt at the start"
run 0 rcdmqimg -m QP -t ql SYSTEM.DURABLE.SUBSCRIBER.QUEUE
has "Media image for object SYSTEM.DURABLE.SUBSCRIBER.QUEUE, type qlocal recorded."
run 0 endmqm -w QP
d="$MQ_DATA_PATH/qmgrs/QP/queues/SYSTEM!DURABLE!SUBSCRIBER!QUEUE"
[ -d "$d" ] || fail "no folder $d"
for f in "$d"/*; do [ -f "$f" ] && printf 'garbage' | dd of="$f" bs=1 seek=0 conv=notrunc 2>/dev/null; done
run 0 strmqm QP
has "Object SYSTEM.DURABLE.SUBSCRIBER.QUEUE, type qlocal recreated."
run 0 "$T/mqi_pubsub" QP dalter
hasnt "not ok"
has " 0 failed"
run 0 endmqm -w QP
run 0 strmqm QP
run 0 "$T/mqi_pubsub" QP dgone
hasnt "not ok"
run 0 runmqsc QP <<'MQSC'
DISPLAY QLOCAL(SYSTEM.DURABLE.SUBSCRIBER.QUEUE) CURDEPTH
MQSC
has "CURDEPTH(0)"

note "a message on the subscriptions' queue that is no record: reported at the start, the others still read"
run 0 runmqsc QP <<'MQSC'
DEFINE SUB(NOTE.SUB) TOPICSTR('note/sub') DEST(DQ)
MQSC
has "AMQ8094I"
no_record_restart QP SYSTEM.DURABLE.SUBSCRIBER.QUEUE
run 0 runmqsc QP <<'MQSC'
DISPLAY SUB(NOTE.SUB) TOPICSTR DEST
MQSC
has "TOPICSTR(note/sub)"
has "DEST(DQ)"
log_gained QP
has "AMQ7472"
has "Object SYSTEM.DURABLE.SUBSCRIBER.QUEUE of type qlocal is damaged."
run 0 runmqsc QP <<'MQSC'
DELETE SUB(NOTE.SUB)
MQSC

note "retained publications (part 4)"
run 0 "$T/mqi_pubsub" QP rput
hasnt "not ok"
has " 0 failed"
echo "$OUT" | tail -1
pid=$(qm_pid QP)
kill -9 "$pid"
wait_for 30 pid_gone "$pid"
run 0 strmqm QP
run 0 "$T/mqi_pubsub" QP rget
hasnt "not ok"
run 0 runmqsc QP <<'MQSC'
DISPLAY QLOCAL(SYSTEM.RETAINED.PUB.QUEUE) CURDEPTH
MQSC
has "CURDEPTH(1)"

run 0 endmqm -i QP
sanitizer_check
