# runmqsc's indirect mode (issue 14): -w WaitTime and -c send each command as
# an MQCMD_ESCAPE PCF request through the MQI to SYSTEM.ADMIN.COMMAND.QUEUE
# and print the command server's replies, got from a temporary dynamic queue
# made from SYSTEM.MQSC.REPLY.QUEUE.  The same script run direct and indirect
# gives the same responses, summary and exit code; a stopped command server
# gives AMQ8416E per command and exit 20, and the replies that come late are
# shown at the end; -m, -x and a target that is not local as documented.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
trap 'exit 1' INT TERM HUP
trap 'endmqm -i IND >/dev/null 2>&1' EXIT

run 0 crtmqm IND
run 0 strmqm IND

# the same commands on two sets of objects (D.* direct, I.* indirect): every
# kind of response: created, shown, not found, a syntax error, refused, ping
script() {
	cat <<EOF
* comment
DEFINE QLOCAL($1.Q1) MAXDEPTH(77) DESCR('one')
DEFINE QALIAS($1.A1) TARGET($1.Q1)
DISPLAY QLOCAL($1.Q1) MAXDEPTH DESCR
ALTER QLOCAL($1.Q1) +
      MAXDEPTH(88)
DISPLAY QUEUE($1.*) TYPE(QALIAS)
DISPLAY QLOCAL($1.NONE)
DEFINE QLOCAL($1.Q1)
DEFINE QLOCAL(
PING QMGR
DELETE QALIAS($1.A1)
DISPLAY QUEUE($1.*)
EOF
}
script D >d.in
script I >i.in
run 10 runmqsc -f d.in IND
printf '%s\n' "$OUT" | sed 's/\([( ]\)D\./\1X./g' >direct.out
run 10 runmqsc -w 30 -f i.in IND
printf '%s\n' "$OUT" | sed 's/\([( ]\)I\./\1X./g' >indirect.out
diff direct.out indirect.out >diff.out || fail "direct and indirect differ:
$(cat diff.out)"
OUT=$(cat indirect.out)
has "AMQ8006I: Quire queue X.Q1 created."
has "MAXDEPTH(77)"
has "DESCR(one)"
has "AMQ8147E"
has "AMQ8150E"
has "AMQ8405E"
has "AMQ8415I"
has "11 MQSC commands read."
has "One command has a syntax error."
has "2 valid MQSC commands could not be processed."
run 0 runmqsc IND <<'EOF'
DISPLAY QLOCAL(I.Q1) MAXDEPTH
DISPLAY QSTATUS(SYSTEM.ADMIN.COMMAND.QUEUE) CURDEPTH
EOF
has "MAXDEPTH(88)"
has "CURDEPTH(0)"

note "all good: exit 0 in both modes; -e drops the echo; -c is a client connection"
printf 'DISPLAY QMGR DESCR\nPING QMGR\n' >ok.in
run 0 runmqsc -f ok.in IND
d="$OUT"
run 0 runmqsc -w 5 -f ok.in IND
[ "$d" = "$OUT" ] || fail "ok.in direct and indirect differ: $d
---
$OUT"
# -c is a client connection (qm/mqi/client.c): with no channel given anywhere
# (MQSERVER, a CCDT) there is no queue manager to reach, as with MQ's client
( unset MQSERVER MQCCDTURL MQCHLLIB MQCHLTAB; run 20 runmqsc -c -e -f ok.in IND; has "AMQ8146E" ) || exit 1
run 0 runmqsc -w 5 -m IND IND <ok.in
has "AMQ8408I"

note "the reply queue: a temporary dynamic queue from SYSTEM.MQSC.REPLY.QUEUE while runmqsc runs, gone after"
run 0 runmqsc -w 5 IND <<'EOF'
DISPLAY QSTATUS(AMQ.*) IPPROCS
EOF
has "IPPROCS(1)"
run 10 runmqsc IND <<'EOF'
DISPLAY QSTATUS(AMQ.*)
EOF
has "AMQ8147E"

note "a stopped command server: AMQ8416E for each command, exit 20; replies that come late are shown"
run 0 endmqcsv IND
printf 'PING QMGR\nDEFINE QLOCAL(I.LATE)\n' >late.in
run 20 runmqsc -w 1 -f late.in IND
[ "$(printf '%s\n' "$OUT" | grep -c 'AMQ8416E: MQSC timed out waiting for a response from the command server.')" = 2 ] ||
	fail "not one AMQ8416E per command: $OUT"
has "2 valid MQSC commands could not be processed."
hasnt "AMQ8415I"
# the requests wait on the command queue; they are carried out once it starts
run 0 runmqsc IND <<'EOF'
DISPLAY QSTATUS(SYSTEM.ADMIN.COMMAND.QUEUE) CURDEPTH
EOF
has "CURDEPTH(2)"
run 0 strmqcsv IND
wait_for 10 'runmqsc IND <<EOF 2>&1 | grep -q "AMQ8409I"
DISPLAY QLOCAL(I.LATE)
EOF'
# late replies: the command server starts (at 4 s) after the first command
# timed out (3 s) and while runmqsc waits on the second (until 6 s); the first
# command's reply then waits on the reply queue and is shown at the end
run 0 endmqcsv IND
printf 'PING QMGR\nDISPLAY QLOCAL(I.Q1) MAXDEPTH\n' >late2.in
( sleep 4; strmqcsv IND >/dev/null ) &
starter=$!
run 20 runmqsc -w 3 -f late2.in IND
wait $starter
[ "$(printf '%s\n' "$OUT" | grep -c 'AMQ8416E')" = 1 ] || fail "not one time-out: $OUT"
printf '%s\n' "$OUT" | grep -A3 'MAXDEPTH(88)' | grep -q 'AMQ8415I' || fail "the late reply is not shown at the end: $OUT"
run 0 dspmqcsv IND
has "Running"

note "a queue manager that does not answer the MQI at all (stopped): AMQ8416E and exit 20, not a hang"
pid=$(qm_pid IND)
kill -STOP "$pid"
start=$(date +%s)
run 20 runmqsc -w 1 -f ok.in IND
kill -CONT "$pid"
has "AMQ8416E"
[ $(( $(date +%s) - start )) -le 15 ] || fail "runmqsc -w 1 took $(( $(date +%s) - start )) s against a stopped queue manager"
run 0 runmqsc -w 10 -f ok.in IND
has "AMQ8415I"

note "-m, -x and a target that is not local"
run 20 runmqsc -m IND IND </dev/null
has "-m is valid only with -w"
run 20 runmqsc -x -w 5 IND </dev/null
has "z/OS"
run 20 runmqsc -w 5 -m IND OTHER.QM </dev/null
has "MQRC_UNKNOWN_REMOTE_Q_MGR"
has "Quire has no channels"
run 20 runmqsc -w 5 -m NOSUCH IND </dev/null
has "AMQ7048E"
run 0 runmqsc -v -w 5 -x IND <ok.in
has "Checking the syntax"

note "a queue manager that is not running: AMQ8146E and exit 20, as direct mode"
run 0 endmqm -i IND
run 20 runmqsc -w 5 IND </dev/null
has "AMQ8146E"
run 20 runmqsc IND </dev/null
has "AMQ8146E"
sanitizer_check
echo "ok"
