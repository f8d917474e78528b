# A network fuzzer against a running queue manager (issue 15's protocol
# fuzzer, the network half; tests/mqi/mqi_netfuzz.c): for NETFUZZ_SECS seconds
# (default 20; set it higher for a longer run, NETFUZZ_SEED to repeat one,
# NETFUZZ_THREADS for more peers at once) eight threads open connection after
# connection to a listener and send random bytes, TSH and TLS-looking starts,
# valid CHLOPENs followed by MQI sessions mutated (lengths wrong, huge and
# over the limit, fields at extreme values, opcodes and flags changed,
# truncated), byte by byte and in pieces, ended by a close, a reset, a half
# close or a stall; bursts of connections held with half a CHLOPEN; units of
# work left open with a get parked.  Meanwhile a good client (libmqm through
# MQSERVER) puts and gets persistent messages and checks each one byte for
# byte.  Asserted: the queue manager never crashes or hangs (the same process
# all along, each good put and get within 15 s, runmqsc answering within
# 20 s after), every good message arrives intact, no connection is left
# behind (DISPLAY CONN and DISPLAY CHSTATUS back to the baseline, the
# listener's SESSIONS 0, no uncommitted message or open handle on the fuzzed
# queue), and in a sanitizer build no ASan or UBSan report from the queue
# manager (sanitizer_logs_here: every process's reports go to files here).
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
command -v runmqlsr >/dev/null 2>&1 || { echo "# skipped: this build has no runmqlsr (the TCP listener)"; exit 0; }
trap 'exit 1' INT TERM HUP
trap 'endmqm -i QZ >/dev/null 2>&1' EXIT
unset MQSERVER MQCCDTURL MQCHLLIB MQCHLTAB MQ_CONNECT_TYPE
SECS=${NETFUZZ_SECS:-20}
SEED=${NETFUZZ_SEED:-$(date +%s)}
THREADS=${NETFUZZ_THREADS:-8}
ERR="$MQ_DATA_PATH/qmgrs/QZ/errors/AMQERR01.LOG"

run 0 crtmqm QZ
run 0 strmqm QZ
run 0 runmqsc QZ <<'MQSC'
DEFINE QLOCAL(GOOD.Q)
DEFINE QLOCAL(FUZZ.Q) MAXDEPTH(100000)
MQSC
QUIRE_TEST_SVRCONN="QUIRE.SVRCONN,mcauser=$(id -un)"
export QUIRE_TEST_SVRCONN
client_listener QZ
pid=$(qm_pid QZ)
wait_for 10 '"$T/mqi_tool" QZ depth GOOD.Q >/dev/null 2>&1'

# mqsc_count COMMAND MSGID: how many MSGID lines COMMAND answers (runmqsc's
# own connection is local: not a channel, the same in each count)
mqsc_count() {
	printf '%s\n' "$1" | timeout 20 runmqsc QZ >count.out 2>&1
	[ $? -le 10 ] || fail "runmqsc did not answer '$1' within 20 s: $(cat count.out)"
	grep -c "$2" count.out
}
conns0=$(mqsc_count "DISPLAY CONN(*)" "AMQ8276I")
chs0=$(mqsc_count "DISPLAY CHSTATUS(*)" "AMQ8417I")
note "baseline: $conns0 connections, $chs0 channel instances; fuzzing for $SECS s with seed $SEED"

OUT=$(timeout $((SECS + 120)) "$T/mqi_netfuzz" QZ "$CLIENT_PORT" QUIRE.SVRCONN GOOD.Q FUZZ.Q "$SECS" "$SEED" \
	"$THREADS" 2>&1)
rc=$?
printf '%s\n' "$OUT" | grep -v '^BAD' | sed 's/^/# /'
[ $rc -ne 124 ] || fail "mqi_netfuzz did not end (a hang): $OUT"
[ $rc -eq 0 ] || fail "the good client was affected (exit $rc): $OUT"
has "bad=0"
hasnt "connections=0 "

note "the queue manager is the same process, and answers"
kill -0 "$pid" 2>/dev/null || fail "the queue manager process $pid is gone"
[ "$(qm_pid QZ)" = "$pid" ] || fail "the queue manager restarted: $(qm_pid QZ) after $pid"
[ "$(qm_status QZ)" = Running ] || fail "dspmq: $(dspmq -m QZ)"

note "no connection left behind: DISPLAY CONN and CHSTATUS back to the baseline"
wait_for 30 '[ "$(mqsc_count "DISPLAY CONN(*)" AMQ8276I)" = "$conns0" ]'
wait_for 10 '[ "$(mqsc_count "DISPLAY CHSTATUS(*)" AMQ8417I)" = "$chs0" ]'
printf 'DISPLAY LSTATUS(*) SESSIONS\n' | runmqsc QZ >lstatus.out 2>&1
grep -q "SESSIONS(0)" lstatus.out || fail "the listener still has sessions: $(cat lstatus.out)"
printf 'DISPLAY QSTATUS(FUZZ.Q) UNCOM IPPROCS OPPROCS\n' | runmqsc QZ >qstatus.out 2>&1
grep -q "UNCOM(NO)" qstatus.out || fail "an abandoned unit of work was not backed out: $(cat qstatus.out)"
grep -q "IPPROCS(0)" qstatus.out && grep -q "OPPROCS(0)" qstatus.out ||
	fail "handles left open on FUZZ.Q: $(cat qstatus.out)"
run 0 "$T/mqi_tool" QZ depth GOOD.Q
has 0

note "a client after the storm: a put and a get through libmqm"
run 0 env MQSERVER="QUIRE.SVRCONN/TCP/127.0.0.1($CLIENT_PORT)" "$T/mqi_tool" QZ put GOOD.Q 1 p nosp after
run 0 env MQSERVER="QUIRE.SVRCONN/TCP/127.0.0.1($CLIENT_PORT)" "$T/mqi_tool" QZ get GOOD.Q 1
has "after-"
n=$(grep -c '^AMQ9207E' "$ERR")
[ "$n" -le $((SECS / 60 + 2)) ] || fail "AMQ9207E $n times in $SECS s: at most once a minute per address"

run 0 endmqm -i QZ
sanitizer_check
echo "t8600 ok"
