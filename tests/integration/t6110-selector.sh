# Message selectors on MQOPEN of a queue (MQOD version 4's SelectionString,
# qm/engine/selector.c): tests/mqi/mqi_select.c opens a queue and an alias
# with selectors and checks which messages each browse and get returns, a wait
# woken only by a matching message, MsgId matching and MQGMO_LOCK with a
# selector, the MQCHARV in each form and the reasons 2459, 2519, 2516; then
# persistent messages with properties selected after a restart (read back
# from the log) and after kill -9.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -p QSEL >/dev/null 2>&1' EXIT

run 0 crtmqm -q QSEL
run 0 strmqm QSEL
run 0 runmqsc QSEL <<'MQSC'
DEFINE QLOCAL(T.SEL) MSGDLVSQ(FIFO)
DEFINE QALIAS(T.SEL.AL) TARGET(T.SEL)
DEFINE QLOCAL(T.SEL.PERS) MSGDLVSQ(FIFO)
MQSC
run 0 "$T/mqi_select" QSEL T.SEL T.SEL.AL
hasnt "not ok"
has "checks, 0 failed"
echo "$OUT" | tail -1

# persistent messages selected after an orderly restart and after kill -9
run 0 "$T/mqi_select" QSEL put T.SEL.PERS
has "3 checks, 0 failed"
run 0 endmqm -i QSEL
run 0 strmqm QSEL
run 0 "$T/mqi_select" QSEL check T.SEL.PERS
hasnt "not ok"
has "checks, 0 failed"
run 0 "$T/mqi_select" QSEL put T.SEL.PERS
pid=$(qm_pid QSEL)
kill -9 "$pid"
wait_for 20 'pid_gone "$pid"'
run 0 strmqm QSEL
printf 'DISPLAY QLOCAL(T.SEL.PERS) CURDEPTH\n' >depth.mqsc
run_in 0 depth.mqsc runmqsc QSEL
has "CURDEPTH(4)"

run 0 endmqm -i QSEL
sanitizer_check
exit 0
