# Triggering (issue 13): PROCESS objects through MQSC (DEFINE, ALTER, DELETE,
# DISPLAY, LIKE, REPLACE, generic names, misuse), kept across a restart and a
# kill -9, in dmpmqcfg's dump, imaged and re-created by rcdmqimg/rcrmqobj -t
# process; trigger messages under every condition (tests/mqi/mqi_trig.c);
# runmqtrm starting amqsech for amqsreq's requests (TRIGTYPE FIRST), a hostile
# TRIGDATA that must not reach the shell, its flags and exit codes; the sample
# trigger monitor amqstrg; a trigger message that cannot be put going to the
# dead-letter queue.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
S=${QUIRE_BUILD:?QUIRE_BUILD is not set}/samples
T=$QUIRE_BUILD/tests/mqi
for p in "$S/amqsreq" "$S/amqsech" "$S/amqstrg" "$T/mqi_trig"; do
	[ -x "$p" ] || fail "$p was not built"
done
monitors=""
trap 'for m in $monitors; do kill $m 2>/dev/null; done; endmqm -i QT >/dev/null 2>&1' EXIT
trap 'exit 1' INT TERM HUP

run 0 crtmqm -ll QT
run 0 strmqm QT

# ---- PROCESS objects through MQSC ----
run 0 runmqsc QT <<'MQSC'
DISPLAY PROCESS(SYSTEM.DEFAULT.PROCESS) ALL
DEFINE PROCESS(P.ONE) APPLICID('/bin/echo') ENVRDATA('&') USERDATA('user data') DESCR('first process')
DEFINE PROCESS(P.TWO) LIKE(P.ONE) APPLTYPE(70000)
DEFINE PROCESS(P.ONE) APPLICID('/bin/true') REPLACE
DISPLAY PROCESS(P.ONE) USERDATA
DEFINE QLOCAL(P.ONE)
DISPLAY PROCESS(P.*) ALL
MQSC
has "AMQ8407I: Display Process details."
has "PROCESS(SYSTEM.DEFAULT.PROCESS)"
has "APPLTYPE(UNIX)"
has "AMQ8010I: Quire process P.ONE created."
has "AMQ8010I: Quire process P.TWO created."
has "AMQ8012I: Quire process P.ONE changed."
# DEFINE ... REPLACE is a whole new definition (from the default), as MQ
printf '%s\n' "$OUT" | grep -q "^   PROCESS(P.ONE) *USERDATA( )$" || fail "REPLACE kept USERDATA: $OUT"
has "AMQ8006I: Quire queue P.ONE created."
has "APPLICID(/bin/true)"
has "APPLTYPE(70000)"
has "USERDATA(user data)"
has "DESCR(first process)"
has "ALTDATE("
n=$(printf '%s\n' "$OUT" | grep -c "AMQ8407I")
[ "$n" = 4 ] || fail "DISPLAY PROCESS showed $n sets, expected 4 (the default, P.ONE twice, P.TWO)"
# a queue of the same name is no process, and DISPLAY QUEUE shows no process
run 0 runmqsc QT <<'MQSC'
DISPLAY QUEUE(P.*)
ALTER PROCESS(P.TWO) APPLTYPE(CICS) ENVRDATA(' ')
DISPLAY PROCESS(P.TWO) APPLTYPE ENVRDATA
MQSC
n=$(printf '%s\n' "$OUT" | grep -c "AMQ8409I")
[ "$n" = 1 ] || fail "DISPLAY QUEUE(P.*) showed $n queues, expected 1"
has "AMQ8012I: Quire process P.TWO changed."
has "APPLTYPE(CICS)"
# misuse: MQ's messages, nothing changed
run 10 runmqsc QT <<'MQSC'
DEFINE PROCESS(P.ONE)
DEFINE PROCESS(P.ONE) NOREPLACE
DEFINE PROCESS(P.BAD) APPLTYPE(BOGUS)
DEFINE PROCESS(P.BAD) TRIGGER
DEFINE PROCESS(P.BAD) LIKE(NO.SUCH.PROCESS)
ALTER PROCESS(NO.SUCH.PROCESS) DESCR('x')
DELETE PROCESS(P.TWO) PURGE
DELETE PROCESS(NO.SUCH.PROCESS)
DISPLAY PROCESS(P.BAD)
DEFINE PROCESS
MQSC
n=$(printf '%s\n' "$OUT" | grep -c "AMQ8150E: Quire object P.ONE already exists.")
[ "$n" = 2 ] || fail "DEFINE of an existing process without REPLACE said AMQ8150E $n times"
has "APPLTYPE(BOGUS) is not valid"
has "TRIGGER is not an attribute of a process"
has "AMQ8147E: Quire object NO.SUCH.PROCESS not found."
has "DELETE PROCESS does not take PURGE or NOPURGE"
has "AMQ8147E: Quire object P.BAD not found."
has "PROCESS needs a name in parentheses"
run 0 runmqsc QT <<'MQSC'
DELETE PROCESS(P.TWO)
DISPLAY PROCESS(*)
MQSC
has "AMQ8011I: Quire process P.TWO deleted."
hasnt "   PROCESS(P.TWO)"
has "PROCESS(P.ONE)"
# an APPLICID of 257 characters is refused; 256 fit
long=$(printf '%0256d' 0)
printf "DEFINE PROCESS(P.LONG) APPLICID('%s')\nDEFINE PROCESS(P.LONG2) APPLICID('%s1')\n" "$long" "$long" >long.mqsc
run_in 10 long.mqsc runmqsc QT
has "AMQ8010I: Quire process P.LONG created."
has "APPLICID is 257 characters long; at most 256 are allowed"

# a queue manager made before PROCESS objects has no SYSTEM.DEFAULT.PROCESS:
# DEFINE PROCESS then takes the built-in defaults (as for the queues)
run 0 runmqsc QT <<'MQSC'
DELETE PROCESS(SYSTEM.DEFAULT.PROCESS)
DEFINE PROCESS(P.PLAIN)
DISPLAY PROCESS(P.PLAIN) ALL
DEFINE PROCESS(SYSTEM.DEFAULT.PROCESS)
MQSC
has "AMQ8010I: Quire process P.PLAIN created."
has "APPLTYPE(UNIX)"

# ---- dmpmqcfg ----
run 0 dmpmqcfg -m QT -t process
has "DEFINE PROCESS('P.ONE')"
has "APPLICID('/bin/true')"
has "APPLICID('$long')"
hasnt "DEFINE QLOCAL"
run 0 dmpmqcfg -m QT
has "DEFINE PROCESS('P.ONE')"
has "DEFINE QLOCAL('P.ONE')"

# ---- kept across a kill -9 and a restart ----
run 0 runmqsc QT <<'MQSC'
DEFINE PROCESS(P.KILL) APPLICID('/bin/kill9') DESCR('defined just before the kill')
MQSC
has "AMQ8010I"
pid=$(qm_pid QT)
kill -9 "$pid"
wait_for 10 'pid_gone $pid'
run 0 strmqm QT
run 0 runmqsc QT <<'MQSC'
DISPLAY PROCESS(P.KILL) ALL
DISPLAY PROCESS(P.ONE) APPLICID
MQSC
has "APPLICID(/bin/kill9)"
has "DESCR(defined just before the kill)"
has "APPLICID(/bin/true)"
run 0 endmqm -w QT
run 0 strmqm QT
run 0 runmqsc QT <<'MQSC'
DISPLAY PROCESS(P.KILL) DESCR
MQSC
has "DESCR(defined just before the kill)"

# ---- media images: rcdmqimg and rcrmqobj -t process ----
run 0 rcdmqimg -m QT -t process P.ONE
has "Media image for object P.ONE, type process recorded."
run 0 rcdmqimg -m QT -t prcs '*'
has "Media image for object P.KILL, type process recorded."
hasnt "type qlocal"
rm -f "$MQ_DATA_PATH/qmgrs/QT/processes/P!ONE/p"
run 0 rcrmqobj -m QT -t process P.ONE
has "Object P.ONE, type process recreated."
[ -f "$MQ_DATA_PATH/qmgrs/QT/processes/P!ONE/p" ] || fail "rcrmqobj did not write the process file again"
run 0 runmqsc QT <<'MQSC'
DISPLAY PROCESS(P.ONE) ALL
MQSC
has "APPLICID(/bin/true)"
has "DESCR( )"
run 0 dspmqfls -m QT -t process 'P.*'
has "PROCESS   P.ONE"
has "$MQ_DATA_PATH/qmgrs/QT/processes/P!ONE"
hasnt "QLOCAL"
run 128 rcdmqimg -m QT -t process NO.SUCH.PROCESS
has "No object of type process matches NO.SUCH.PROCESS."

# ---- trigger conditions, checked through the MQI ----
run 0 runmqsc QT <<'MQSC'
DEFINE PROCESS(TP) APPLICID('/bin/true') ENVRDATA('&') USERDATA('ud') DESCR('trig test')
DEFINE QLOCAL(TI)
DEFINE QLOCAL(TF) TRIGGER TRIGTYPE(FIRST) TRIGDATA('td') PROCESS(TP) INITQ(TI)
DEFINE QLOCAL(TE) TRIGGER TRIGTYPE(EVERY) PROCESS(TP) INITQ(TI)
DEFINE QLOCAL(TD) TRIGGER TRIGTYPE(DEPTH) TRIGDPTH(3) PROCESS(TP) INITQ(TI)
DEFINE QLOCAL(TM) TRIGGER TRIGTYPE(EVERY) TRIGMPRI(5) PROCESS(TP) INITQ(TI)
DEFINE QLOCAL(TN) NOTRIGGER TRIGTYPE(EVERY) PROCESS(TP) INITQ(TI)
DEFINE QLOCAL(TX) TRIGGER TRIGTYPE(EVERY) PROCESS(NO.SUCH.PROCESS) INITQ(TI)
MQSC
run 0 "$T/mqi_trig" QT
has "0 failed"
file_has "$MQ_DATA_PATH/qmgrs/QT/errors/AMQERR01.LOG" \
	"AMQ7912W: A trigger message for queue TX was not made: process NO.SUCH.PROCESS"
# DEPTH switched TRIGGER off with a logged alter: still off after a restart
run 0 endmqm -i QT
run 0 strmqm QT
run 0 runmqsc QT <<'MQSC'
DISPLAY QLOCAL(TD) TRIGGER
MQSC
has "NOTRIGGER"
# ALTER turning TRIGGER on with the depth already reached: a trigger
# message at once, which runmqtrm (serving TI) starts TP's /bin/true for
runmqtrm -m QT -q TI >trm0.out 2>&1 &
trm=$!
monitors="$trm"
wait_line 10 trm0.out "Waiting for a trigger message"
printf 'a\nb\nc\n\n' >abc.txt
run_in 0 abc.txt "$S/amqsput" TD QT
run 0 runmqsc QT <<'MQSC'
ALTER QLOCAL(TD) TRIGGER
MQSC
wait_line 10 trm0.out "End of application trigger."
file_has trm0.out '/bin/true "TMC    2TD'
run 0 runmqsc QT <<'MQSC'
DISPLAY QLOCAL(TD) TRIGGER CURDEPTH
MQSC
has "NOTRIGGER"
has "CURDEPTH(3)"
# ... and no reply shows that switch before its record is durable: the
# ALTER's own reply waits for it (a switch-off still in the log buffer would
# be lost by the kill -9 that comes the moment runmqsc returns)
run 0 runmqsc QT <<'MQSC'
ALTER QLOCAL(TD) TRIGGER
MQSC
pid=$(qm_pid QT)
kill -9 "$pid"
wait_for 20 'pid_gone "$pid"'
run 0 strmqm QT
run 0 runmqsc QT <<'MQSC'
DISPLAY QLOCAL(TD) TRIGGER
MQSC
has "NOTRIGGER"
kill $trm 2>/dev/null
wait $trm 2>/dev/null
monitors=""

# ---- runmqtrm: flags and exit codes ----
run 20 runmqtrm -x
has "Usage: runmqtrm [-m QMgrName] [-q InitiationQName] [-u UserId]"
run 20 runmqtrm -m QT extra
has "Usage: runmqtrm"
run 20 runmqtrm -m QT -q NO.SUCH.QUEUE
has "reason code 2085"
run 20 runmqtrm -m NO.SUCH.QMGR
has "reason code 2058"

# ---- runmqtrm starting amqsech for amqsreq (TRIGTYPE FIRST) ----
# TRIGDATA holds what a shell would run if the MQTMC2 were pasted into the
# command line: it must reach amqsech as data and never run (runmqtrm runs
# in this folder, and so do the commands it starts)
out=$PWD
cat >echo.mqsc <<MQSC
DEFINE QLOCAL(SAMPLE.ECHO) TRIGGER TRIGTYPE(FIRST) PROCESS(ECHO.PROC) INITQ(SYSTEM.DEFAULT.INITIATION.QUEUE) +
  TRIGDATA('x"\$(touch pwned)\`touch pwned2\`;touch pwned3')
DEFINE QMODEL(SYSTEM.SAMPLE.REPLY)
DEFINE PROCESS(ECHO.PROC) APPLICID('QUIRE_SAMPLE_WAIT=1 $S/amqsech') ENVRDATA('>>$out/echo.out 2>&1 &')
MQSC
run_in 0 echo.mqsc runmqsc QT
runmqtrm -m QT >trm.out 2>&1 &
trm=$!
monitors="$trm"
wait_line 10 trm.out "Waiting for a trigger message"
printf 'ping one\nping two\n\n' >pings.txt
QUIRE_SAMPLE_WAIT=10
run_in 0 pings.txt "$S/amqsreq" SAMPLE.ECHO QT
got=$(printf '%s\n' "$OUT" | grep '^response')
[ "$got" = "response <ping one>
response <ping two>" ] || fail "amqsreq got:
$OUT
runmqtrm:
$(cat trm.out)"
wait_line 10 echo.out "Sample AMQSECHA end"
file_has trm.out "Quire trigger monitor started."
file_has trm.out "$S/amqsech \"TMC    2SAMPLE.ECHO"
file_has trm.out "End of application trigger."
[ -e pwned ] && fail "the MQTMC2 reached the shell: TRIGDATA ran a command"
[ -e pwned2 ] && fail "the MQTMC2 reached the shell: TRIGDATA ran a command"
[ -e pwned3 ] && fail "the MQTMC2 reached the shell: TRIGDATA ran a command"
n=$(grep -c "End of application trigger." trm.out)
[ "$n" = 1 ] || fail "runmqtrm started $n applications for one FIRST trigger"
# the queue manager ending ends runmqtrm with 0
run 0 endmqm -w QT
wait $trm; rc=$?
monitors=""
[ "$rc" = 0 ] || fail "runmqtrm exited $rc when the queue manager ended, expected 0: $(cat trm.out)"
file_has trm.out "Quire trigger monitor ended."
run 0 strmqm QT

# ---- amqstrg, the sample trigger monitor ----
rm -f echo.out
"$S/amqstrg" SYSTEM.DEFAULT.INITIATION.QUEUE QT >strg.out 2>&1 &
strg=$!
monitors="$strg"
wait_line 10 strg.out "initiation queue is SYSTEM.DEFAULT.INITIATION.QUEUE"
printf 'pong\n\n' >pong.txt
run_in 0 pong.txt "$S/amqsreq" SAMPLE.ECHO QT
has "response <pong>"
wait_line 10 echo.out "Sample AMQSECHA end"
file_has strg.out "starting QUIRE_SAMPLE_WAIT=1 $S/amqsech \"TMC    2SAMPLE.ECHO"
[ -e pwned ] && fail "amqstrg let TRIGDATA reach the shell"
run 0 endmqm -w QT
wait $strg; rc=$?
monitors=""
[ "$rc" = 0 ] || fail "amqstrg exited $rc when the queue manager ended: $(cat strg.out)"
file_has strg.out "Sample AMQSTRG0 end"
run 0 strmqm QT

# ---- a trigger message the initiation queue refuses: the dead-letter queue ----
run 0 runmqsc QT <<'MQSC'
DEFINE QLOCAL(TI2)
DEFINE QLOCAL(TQ2) TRIGGER TRIGTYPE(EVERY) PROCESS(TP) INITQ(TI2)
ALTER QMGR DEADQ(SYSTEM.DEAD.LETTER.QUEUE)
MQSC
runmqtrm -m QT -q TI2 >trm2.out 2>&1 &
trm=$!
monitors="$trm"
wait_line 10 trm2.out "Waiting for a trigger message"
run 0 runmqsc QT <<'MQSC'
ALTER QLOCAL(TI2) PUT(DISABLED)
MQSC
printf 'one\n\n' >one.txt
run_in 0 one.txt "$S/amqsput" TQ2 QT
file_has "$MQ_DATA_PATH/qmgrs/QT/errors/AMQERR01.LOG" \
	"AMQ7913W: A trigger message for queue TQ2 could not be put on initiation queue"
file_has "$MQ_DATA_PATH/qmgrs/QT/errors/AMQERR01.LOG" "TI2 (reason 2051): it was put on the dead-letter queue"
run 0 runmqsc QT <<'MQSC'
DISPLAY QLOCAL(SYSTEM.DEAD.LETTER.QUEUE) CURDEPTH
MQSC
has "CURDEPTH(1)"
run 0 "$S/amqsbcg" SYSTEM.DEAD.LETTER.QUEUE QT
has "Format : 'MQDEAD  '"
run 0 endmqm -i QT
wait $trm
monitors=""
sanitizer_check
