# strmqm and endmqm: messages, exit codes, the queue manager process, the
# status dspmq shows, -c, -w, -i, -p, -z, SIGTERM, the default queue manager.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
trap 'exit 1' INT TERM HUP
trap 'endmqm -p QL >/dev/null 2>&1' EXIT
D="$MQ_DATA_PATH/qmgrs/QL"

run 16 strmqm NOPE
has "AMQ7048E: Queue manager name 'NOPE' is not valid or not known."
run 16 endmqm NOPE
has "AMQ7048E"
run 36 strmqm -x QL
has "usage: strmqm"
run 36 endmqm -c -i QL
run 36 endmqm QL extra
run 0 crtmqm -q QL
run 40 endmqm QL
has "AMQ8146E: Queue manager 'QL' is not available."

note "start the default queue manager"
run 0 strmqm
has "Quire queue manager 'QL' starting."
has "during the log replay phase."
has "Quire queue manager 'QL' started using V0.1.0.0."
[ "$(qm_status QL)" = Running ] || fail "status $(qm_status QL)"
run 5 strmqm QL
has "AMQ7005E: Queue manager 'QL' is running."
pid=$(qm_pid QL)
kill -0 "$pid" || fail "no process $pid"
tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q '^amqzxma0 ' || fail "process $pid is $(tr '\0' ' ' <"/proc/$pid/cmdline")"
[ "$(ps -o sid= -p "$pid" | tr -d ' ')" = "$pid" ] || fail "the queue manager is not a session leader"
for f in 0 1 2; do
	[ "$(readlink "/proc/$pid/fd/$f")" = /dev/null ] || fail "fd $f of the queue manager is $(readlink "/proc/$pid/fd/$f")"
done
[ "$(stat -c %a "$D/@ipcc/quire.sock")" = 660 ] || fail "socket mode $(stat -c %a "$D/@ipcc/quire.sock")"
file_has "$D/errors/AMQERR01.LOG" "AMQ6287I: Quire V0.1.0.0"
file_has "$D/errors/AMQERR01.LOG" "AMQ8003I: Quire queue manager 'QL' started using V0.1.0.0."

note "endmqm (-c) returns at once; the queue manager ends with no application"
run 0 endmqm QL
has "Request to quiesce queue manager 'QL' accepted."
wait_for 20 '! kill -0 "$pid" 2>/dev/null'
[ "$(qm_status QL)" = "Ended normally" ] || fail "status $(qm_status QL)"
file_has "$D/errors/AMQERR01.LOG" "AMQ8004I: Quire queue manager 'QL' ended."
[ -e "$D/@ipcc/quire.sock" ] && fail "the socket is left behind"

note "-z: quiet"
run 0 strmqm -z QL
[ -z "$OUT" ] || fail "strmqm -z printed: $OUT"
run 0 endmqm -z -w QL
[ -z "$OUT" ] || fail "endmqm -z printed: $OUT"
[ "$(qm_status QL)" = "Ended normally" ] || fail "status $(qm_status QL)"

note "-w, -i, -p"
run 0 strmqm QL
run 0 endmqm -w QL
has "Waiting until queue manager 'QL' has ended."
has "Quire queue manager 'QL' ended."
[ "$(qm_status QL)" = "Ended normally" ] || fail "status after -w $(qm_status QL)"
run 0 strmqm QL
run 0 endmqm -i QL
has "Request to end queue manager 'QL' immediately accepted."
has "Quire queue manager 'QL' ended."
[ "$(qm_status QL)" = "Ended immediately" ] || fail "status after -i $(qm_status QL)"
run 0 strmqm QL
run 0 endmqm -p QL
has "Request to end queue manager 'QL' preemptively accepted."
[ "$(qm_status QL)" = "Ended preemptively" ] || fail "status after -p $(qm_status QL)"

note "SIGTERM ends it immediately"
run 0 strmqm QL
pid=$(qm_pid QL)
kill -TERM "$pid"
wait_for 20 '! kill -0 "$pid" 2>/dev/null'
[ "$(qm_status QL)" = "Ended immediately" ] || fail "status after SIGTERM $(qm_status QL)"
run 40 endmqm -i QL
run 0 strmqm QL
[ "$(qm_status QL)" = Running ] || fail "status $(qm_status QL)"
run 0 endmqm -i QL
sanitizer_check
exit 0
