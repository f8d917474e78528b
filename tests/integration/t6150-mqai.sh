# The MQAI (qm/mqi/mqai.c, mqai_pcf.c) against a real queue manager:
# tests/mqi/mqi_mqai.c puts and gets bags as PCF messages, runs mqExecute
# against a stand-in command server it forks (requests read with mqGetBag,
# replies put with mqPutBag), and against SYSTEM.ADMIN.COMMAND.QUEUE, which no
# command server reads yet (issue 14): MQRC_CMD_SERVER_NOT_AVAILABLE after
# the wait (MQRC_NO_MSG_AVAILABLE when a reader of the queue does not answer).
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -p QAI >/dev/null 2>&1' EXIT

run 0 crtmqm QAI
run 0 strmqm QAI
run 0 runmqsc QAI <<'MQSC'
DEFINE QLOCAL(MQAI.Q) MAXMSGL(1000000)
DEFINE QLOCAL(MQAI.CMDQ)
DEFINE QLOCAL(MQAI.REPLY)
MQSC
run 0 "$T/mqi_mqai" QAI
hasnt "not ok"
has "checks, 0 failed"
echo "$OUT" | tail -1

run 0 endmqm -w QAI
has "Quire queue manager 'QAI' ended."
sanitizer_check
exit 0
