# issue 9 defect 1: an acknowledged persistent put of 1.5 MB or 3 MB outside
# syncpoint was lost on kill -9: its reply waited for the first part of the
# multi-part log record, while the last parts could still be in the log
# buffer.  Now the reply waits for the last part.  The log buffer is made
# small (LogBufferPages=18, taken as 33: 132 KiB) so that such a record takes many flushes,
# and the queue manager is killed at each sync in turn (QM_CRASH_AT=sync:N, a
# test build's crash point): whatever the application was told was put must be
# there, whole, after strmqm; a message it was not told of may or may not be,
# and the first parts of one cut short are reported (AMQ7899W), not dropped
# silently.
# Bodies are incompressible, or lz4 would hide the parts.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'endmqm -p QB >/dev/null 2>&1' EXIT
D="$MQ_DATA_PATH/qmgrs/QB"
run 0 crtmqm QB
sed 's/^\( *LogBufferPages=\).*/\118/' "$D/qm.ini" >qm.ini && cp qm.ini "$D/qm.ini"
[ "$(grep -c "LogBufferPages=" "$D/qm.ini")" = 1 ] && grep -q "LogBufferPages=18" "$D/qm.ini" || fail "LogBufferPages not set"
run 0 strmqm QB
printf 'DEFINE QLOCAL(B.Q) MAXDEPTH(1000)\n' | runmqsc QB >/dev/null || fail define
run 0 endmqm -w QB
# the syncs a start makes from a cleanly ended state
QM_CRASHPOINT_LOG=$PWD/cp.log strmqm QB >/dev/null 2>&1 || fail "strmqm with the crash point log"
base=$(grep -c '^sync$' cp.log)
run 0 endmqm -w QB
: >acked
kills=0
for j in 1 3 5 7 9 11 13 15 17 19 21 23 25 27 29 31 35 40 45; do
	size=1572864
	[ $((j % 4)) = 3 ] && size=3145728
	QM_CRASH_AT=sync:$((base + j)) strmqm QB >/dev/null 2>&1 || fail "strmqm (crash at sync $((base + j)))"
	pid=$(qm_pid QB)
	"$T/mqi_tool" QB bigput B.Q $size $j >>acked 2>/dev/null
	if ! pid_gone "$pid"; then
		kill -9 "$pid"   # the crash point lay beyond this put
	else
		kills=$((kills + 1))
	fi
	wait_for 20 'pid_gone "$pid"'
	run 0 strmqm QB
	run 0 "$T/mqi_tool" QB bigcheck B.Q
	printf '%s\n' "$OUT" >present
	grep '^ACK ' acked >acks || :
	while read -r ack sz sum; do
		grep -qx "MSG $sz $sum" present || fail "acknowledged put of $sz bytes (sum $sum) lost after a crash at sync $((base + j)); present: $(cat present)"
	done <acks
	run 0 endmqm -w QB
done
note "$(grep -c "^ACK" acked) puts acknowledged, $kills killed inside a put"
[ "$kills" -ge 5 ] || fail "only $kills crashes fell inside a put: the test did not test"
# the parts of a put cut by a crash are said, not dropped silently
file_has "$D/errors/AMQERR01.LOG" "AMQ7899W"
sanitizer_check
