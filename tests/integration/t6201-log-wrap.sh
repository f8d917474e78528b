# A small circular log (2 primary files of 64 pages) reused many times over
# while applications run: checkpoints move the restart LSN before the log
# fills (no AMQ7463, no refused call), and restart after kill -9 and after
# endmqm still finds exactly what was acknowledged.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -p QW >/dev/null 2>&1' EXIT
D="$MQ_DATA_PATH/qmgrs/QW"

run 0 crtmqm -lf 64 -lp 2 -ls 1 QW
run 0 strmqm QW
run 0 runmqsc QW <<'MQSC'
DEFINE QLOCAL(W.Q) MAXDEPTH(100000)
MQSC
for round in 1 2 3; do
	run 0 "$T/mqi_tool" QW put W.Q 700 p nosp r$round
	run 0 "$T/mqi_tool" QW put W.Q 300 p sp s$round
	run 0 "$T/mqi_tool" QW get W.Q 1000
done
run 0 "$T/mqi_tool" QW put W.Q 7 p nosp last
pid=$(qm_pid QW)
kill -9 "$pid"
wait_for 20 '! kill -0 "$pid" 2>/dev/null'
run 0 strmqm QW
run 0 "$T/mqi_tool" QW depth W.Q
[ "$OUT" = 7 ] || fail "depth $OUT after kill -9, expected 7"
run 0 "$T/mqi_tool" QW get W.Q 2
[ "$OUT" = "last-0
last-1" ] || fail "got $OUT"
run 0 endmqm -w QW
run 0 strmqm QW
run 0 "$T/mqi_tool" QW depth W.Q
[ "$OUT" = 5 ] || fail "depth $OUT after a restart, expected 5"
grep -q AMQ7463 "$D/errors/AMQERR01.LOG" && fail "the log filled up: $(grep -A3 AMQ7463 "$D/errors/AMQERR01.LOG")"
[ "$(ls "$MQ_DATA_PATH/log/QW/active" | wc -l)" -le 3 ] || fail "log files: $(ls "$MQ_DATA_PATH/log/QW/active")"
run 0 endmqm -w QW
sanitizer_check
exit 0
