# The log filled under durable fan-out (psbench dpu, 100 subscriptions, 4
# publishers, crtmqm's default log: AMQ7463W and AMQ7469W in 5 of 5 runs).
# The copies put far faster than the consumers got them, and each consumer's
# unit of work (a round of gets, one MQCMIT) stayed open while the log
# filled, holding the restart LSN.  Now a pressed log holds back the replies
# of puts from connections that do not hold the oldest unit of work
# (server/durable.c, dur_held) and the consumers commit: the same shape of
# load on a log of 3 extents of 256 KiB runs with no full log, and every
# message is put, got and committed exactly once, in order.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'endmqm -i QFAN >/dev/null 2>&1' EXIT
E="$MQ_DATA_PATH/qmgrs/QFAN/errors/AMQERR01.LOG"
run 0 crtmqm -lc -lf 64 -lp 2 -ls 1 QFAN
run 0 strmqm QFAN
for i in $(seq 0 19); do echo "DEFINE QLOCAL(FAN.$i) MAXDEPTH(100000)"; done | runmqsc QFAN >/dev/null ||
	fail "define FAN.0 .. FAN.19"
# 20 queues; 4 producers each put 400 publications of 512 bytes, one copy
# on every queue, MQCMIT every 2; 5 consumers drain 4 queues each, up to 64
# a queue a round and one MQCMIT a round: 16 MB through a log of 768 KiB
run 0 "$T/mqi_fanload" QFAN 20 4 400 2 5 64 512
has "fanload ok 32000 32000"
! grep -q "AMQ7463\|AMQ7469" "$E" || fail "the log filled: $(grep -A2 'AMQ746[39]' "$E" | head -20)"
file_has "$E" "AMQ7467I"   # (checkpoints freed extents as it went)
for i in 0 7 19; do
	run 0 "$T/mqi_tool" QFAN depth FAN.$i
	[ "$OUT" = 0 ] || fail "FAN.$i holds $OUT messages after the drain"
done
# the restart finds every queue empty: nothing a commit acknowledged comes back
run 0 endmqm -w QFAN
run 0 dspmq -m QFAN
has "Ended normally"
run 0 strmqm QFAN
for i in 0 7 19; do
	run 0 "$T/mqi_tool" QFAN depth FAN.$i
	[ "$OUT" = 0 ] || fail "FAN.$i holds $OUT messages after the restart"
done
run 0 endmqm -i QFAN
sanitizer_check
