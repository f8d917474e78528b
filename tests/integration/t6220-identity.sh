# issue 9 defect 8: the log and the folder are checked against their queue
# manager.  With LogPath in QA's qm.ini pointed at QB's log after both were
# killed, strmqm QA used to replay QB's records (QB's messages appeared on QA
# and were lost on QB).  Now it refuses (exit 23, AMQ7901E naming both), and
# so does a mqs.ini Directory naming QB's folder (exit 71, AMQ7902E); each
# keeps its own messages.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'endmqm -p QA >/dev/null 2>&1; endmqm -p QB >/dev/null 2>&1' EXIT
run 0 crtmqm QA
run 0 crtmqm QB
for q in QA QB; do
	run 0 strmqm $q
	printf 'DEFINE QLOCAL(I.Q)\n' | runmqsc $q >/dev/null || fail "define on $q"
done
run 0 "$T/mqi_tool" QA put I.Q 3 p no a
run 0 "$T/mqi_tool" QB put I.Q 6 p no b
for q in QA QB; do
	pid=$(qm_pid $q)
	kill -9 "$pid"
	wait_for 20 'pid_gone "$pid"'
done

# LogPath of QA names QB's log
ini="$MQ_DATA_PATH/qmgrs/QA/qm.ini"
cp "$ini" qa.ini
qb_log=$(sed -n 's/^ *LogPath=//p' "$MQ_DATA_PATH/qmgrs/QB/qm.ini")
[ -n "$qb_log" ] || fail "no LogPath in QB's qm.ini"
sed "s|^\( *LogPath=\).*|\1$qb_log|" qa.ini >"$ini"
run 23 strmqm QA
has "AMQ7901E"
has "'QB'"
file_has "$MQ_DATA_PATH/qmgrs/QA/errors/AMQERR01.LOG" "AMQ7901E"
cp qa.ini "$ini"

# mqs.ini's Directory for QA names QB's folder
mqs="$MQ_DATA_PATH/mqs.ini"
cp "$mqs" mqs.save
awk '/^QueueManager:/{s=0} /Name=QA/{s=1} s && /Directory=QA/{sub(/Directory=QA/,"Directory=QB")} {print}' mqs.save >"$mqs"
grep -q "Directory=QB" "$mqs" || fail "mqs.ini not changed"
run 71 strmqm QA
has "AMQ7902E"
cp mqs.save "$mqs"

# each starts with its own messages, none lost, none moved
run 0 strmqm QB
run 0 "$T/mqi_tool" QB depth I.Q
[ "$OUT" = 6 ] || fail "QB holds $OUT messages, not 6"
run 0 strmqm QA
run 0 "$T/mqi_tool" QA depth I.Q
[ "$OUT" = 3 ] || fail "QA holds $OUT messages, not 3"
run 0 "$T/mqi_tool" QA get I.Q 3
has "a-0"; has "a-2"; hasnt "b-"
run 0 endmqm -w QA
run 0 endmqm -w QB
sanitizer_check
