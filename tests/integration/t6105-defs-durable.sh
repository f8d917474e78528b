# No reply shows a queue definition before its log record is durable: with
# the queue manager's syncs slowed to 400 ms (QM_SYNC_DELAY_MS, a test
# build's hook), an MQPUT refused by an MQSET's PUT(DISABLED), an MQGET refused
# by GET(DISABLED) and an MQINQ of the value are answered no sooner than the
# MQSET itself, which waits for its record (tests/mqi/mqi_defsdur.c).
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'endmqm -i QS >/dev/null 2>&1' EXIT
run 0 crtmqm QS
run 0 strmqm QS
printf 'DEFINE QLOCAL(T.DUR)\n' >def.mqsc
run_in 0 def.mqsc runmqsc QS
run 0 endmqm -i QS
QM_SYNC_DELAY_MS=400 strmqm QS >strmqm.out 2>&1 || fail "strmqm with slow syncs: $(cat strmqm.out)"
run 0 "$T/mqi_defsdur" QS T.DUR 400
hasnt "not ok"
has "8 checks, 0 failed"
run 0 endmqm -i QS
sanitizer_check
