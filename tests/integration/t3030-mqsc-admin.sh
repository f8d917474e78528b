# issue 11: runmqsc's flags and rules, and the administration commands:
# DISPLAY QMSTATUS / QSTATUS / CONN, STOP CONN, CLEAR QLOCAL, PING QMGR,
# RESET QMGR, SET LOG, WHERE.  Every syntax error class says what is wrong
# and changes nothing.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
HOLD=
trap '[ -n "$HOLD" ] && kill $HOLD 2>/dev/null; for q in AD AR AC; do endmqm -p $q >/dev/null 2>&1; done' EXIT
mqsc() { printf '%s\n' "$2" >cmds.in; run "${3:-0}" runmqsc -e "$1" -f cmds.in; }

run 0 crtmqm -ll -lf 64 AD
run 0 strmqm AD

note "runmqsc -f, continuation characters, comments, case rules, return code 0"
cat >script.mqsc <<'EOF'
* a comment line, then a blank one

define qlocal(adm.q1) +
       descr('Mixed Case (kept)') -
 maxdepth(50)
DEF QL(ADM.Q2) LIKE(ADM.Q1) DESCR('it''s two')
DEFINE QALIAS(ADM.A1) TARGET(ADM.Q1)
DEFINE QMODEL(ADM.M1) DESCR('keep-
   blanks') REPLACE
DEFINE QMODEL(ADM.M2) DESCR('drop+
   blanks')
EOF
run 0 runmqsc -f script.mqsc AD
has "5 MQSC commands read."
has "AMQ8006I: Quire queue ADM.Q1 created."
mqsc AD "DISPLAY QLOCAL(ADM.Q*) DESCR MAXDEPTH"
has "DESCR(Mixed Case (kept))"
has "DESCR(it's two)"
has "MAXDEPTH(50)"
# '-' keeps the next line's leading blanks, '+' drops them
mqsc AD "DISPLAY QMODEL(ADM.M*) DESCR"
has "DESCR(keep   blanks)"
has "DESCR(dropblanks)"
run 20 runmqsc -f no-such-file AD
has "no-such-file"

note "REPLACE / NOREPLACE; a command with an error changes nothing; return code 10"
mqsc AD "DEFINE QLOCAL(ADM.Q1) MAXDEPTH(7)" 10
has "AMQ8150E"
mqsc AD "DEFINE QLOCAL(ADM.Q1) MAXDEPTH(7) REPLACE"
mqsc AD "ALTER QLOCAL(ADM.Q1) MAXDEPTH(9) MAXMSGL(-5)" 10
has "AMQ8405E"
mqsc AD "DISPLAY QLOCAL(ADM.Q1) MAXDEPTH"
has "MAXDEPTH(7)"
mqsc AD "DEFINE QLOCAL(ADM.BAD) NOSUCHATTR(1)" 10
mqsc AD "DISPLAY QLOCAL(ADM.BAD)" 10
has "AMQ8147E"
# every syntax error class names what is wrong
for c in "FROB QLOCAL(X)|is not an MQSC command verb" "DEFINE|needs an object type" \
	"DEFINE QMGR|is not a valid command" "DEFINE QLOCAL|needs a name" "DISPLAY QMGR(X)|takes no name" \
	"DEFINE QLOCAL(X) DESCR('open|no closing quote" "DEFINE QLOCAL(X) MAXDEPTH(5|no closing parenthesis" \
	"DISPLAY QUEUE(*) NOSUCH|not an attribute that can be displayed" \
	"DISPLAY QUEUE(*) WHERE(CURDEPTH ZZ 1)|is not an operator" "DISPLAY QUEUE(*) WHERE(CURDEPTH)|needs an attribute" \
	"DISPLAY QUEUE(*) WHERE(NOSUCH EQ 1)|not an attribute of this DISPLAY" \
	"DISPLAY QUEUE(*) WHERE(CURDEPTH GT 5*)|generic value" "DISPLAY CONN(XYZ)|not a connection identifier" \
	"STOP CONN(*)|16 hexadecimal digits" "RESET QMGR|needs TYPE" "RESET QMGR TYPE(STATISTICS)|not supported" \
	"SET LOG|needs ARCHIVED" "CLEAR QLOCAL(ADM.Q1) PURGE|does not take PURGE" "PING QMGR NOW|does not take NOW" \
	"DISPLAY QMSTATUS TYPE(NATIVEHA)|TYPE(QMGR) only"; do
	mqsc AD "${c%%|*}" 10
	has "AMQ8405E"
	has "${c#*|}"
done
mqsc AD "DISPLAY QUEUE(ADM.*)"
[ "$(printf '%s\n' "$OUT" | grep -c 'AMQ8409I')" = 5 ] || fail "syntax errors changed the queues: $OUT"
run 20 runmqsc -x AD
has "-x is valid only with -w"
run 20 runmqsc -z AD
has "flag -z is not supported"
run 20 runmqsc -w 0 AD
has "-w takes a wait time"
run 20 runmqsc -w AD
run 20 runmqsc NOSUCHQM </dev/null

note "generic names, explicit and ALL attribute lists, WHERE"
mqsc AD "DISPLAY QUEUE(ADM*) TYPE(QALIAS)"
has "QUEUE(ADM.A1)"
hasnt "QUEUE(ADM.Q1)"
mqsc AD "DISPLAY QLOCAL(*) WHERE(MAXDEPTH LT 10)"
has "QUEUE(ADM.Q1)"
has "MAXDEPTH(7)"
hasnt "ADM.Q2"
hasnt "SYSTEM."
mqsc AD "DISPLAY QUEUE(*) WHERE(DESCR LK 'it''s*')"
has "QUEUE(ADM.Q2)"
has "DESCR(it's two)"
hasnt "ADM.Q1"
mqsc AD "DISPLAY QUEUE(*) WHERE(DESCR EQ 'IT''S TWO')"
hasnt "AMQ8409I"
mqsc AD "DISPLAY QUEUE(ADM*) WHERE(TYPE EQ QALIAS) TARGET"
has "TARGET(ADM.Q1)"
[ "$(printf '%s\n' "$OUT" | grep -c 'AMQ8409I')" = 1 ] || fail "WHERE(TYPE EQ QALIAS): $OUT"
mqsc AD "DISPLAY QLOCAL(ADM.Q2) ALL"
has "MAXMSGL("
has "DEFPSIST("
has "CURDEPTH(0)"
mqsc AD "DISPLAY QMGR"
has "QMNAME(AD)"
has "MAXMSGL("
mqsc AD "DISPLAY QMGR MAXMSGL"
has "MAXMSGL("
hasnt "CCSID("

note "PING QMGR"
mqsc AD "PING QMGR"
has "AMQ8415I: Ping Queue Manager command complete."

note "DISPLAY QMSTATUS: ALL is the default; LOG; named"
# CONNS counts the command server's connection (SCMDSERV(QMGR)), as MQ counts its own
mqsc AD "DISPLAY QMSTATUS"
for a in "QMNAME(AD)" "STATUS(RUNNING)" "CONNS(1)" "STARTDA(" "STARTTI(" "CHKPTCNT(" "LOGTYPE(LINEAR)" \
	"LOGPATH($MQ_DATA_PATH/log/AD/active/)" "CURRLOG(S0000000.LOG)" "RECLOG(S0000000.LOG)" "MEDIALOG(S0000000.LOG)" \
	"ARCHLOG( )" "LOGPRIM(" "LOGSEC(" "LOGEXTSZ(256)" "LOGINUSE(" "LOGUTIL(" "RECSZ(" "MEDIASZ(" "ARCHSZ(0)" "REUSESZ("; do
	has "$a"
done
mqsc AD "DISPLAY QMSTATUS LOG"
has "CURRLOG("
hasnt "CONNS("
mqsc AD "DISPLAY QMSTATUS CONNS"
has "CONNS(1)"
hasnt "CURRLOG("

note "an application holding a unit of work: DISPLAY CONN finds it, QSTATUS shows its handle, STOP CONN ends it"
run 0 "$T/mqi_tool" AD put ADM.Q1 3 p
run 0 "$T/mqi_tool" AD get ADM.Q1 1
"$T/mqi_tool" AD hold ADM.Q1 2 1 >hold.out 2>&1 &
HOLD=$!
wait_line 10 hold.out READY
mqsc AD "DISPLAY QMSTATUS CONNS"
has "CONNS(2)"
mqsc AD "DISPLAY CONN(*) WHERE(UOWSTATE EQ ACTIVE) ALL"
has "AMQ8276I: Display Connection details."
has "TYPE(CONN)"
has "APPLTAG(mqi_tool)"
has "PID($HOLD)"
has "UOWSTATE(ACTIVE)"
has "UOWLOG(S000000"
has "UOWSTDA($(date +%Y-%m-%d))"
has "UOWLOGDA($(date +%Y-%m-%d))"
has "USERID($(id -un))"
conn=$(printf '%s\n' "$OUT" | sed -n 's/^ *CONN(\([0-9A-F]\{16\}\)).*/\1/p' | head -1)
[ -n "$conn" ] || fail "no CONN in $OUT"
mqsc AD "DISPLAY CONN($conn) TYPE(HANDLE) OPENOPTS"
has "OBJNAME(ADM.Q1)"
has "OPENOPTS(MQOO_INPUT_SHARED,MQOO_OUTPUT)"
mqsc AD "DISPLAY CONN(*) WHERE(UOWSTATE EQ NONE) APPLTAG"
hasnt "APPLTAG(mqi_tool)"   # (the command server's connection is there)
mqsc AD "DISPLAY QSTATUS(ADM.Q1)"
has "TYPE(QUEUE)"
has "CURDEPTH(4)"   # 2 committed (one of them got under the unit of work) and 2 put under it
mqsc AD "DISPLAY QSTATUS(ADM.Q1) ALL"
for a in "IPPROCS(1)" "OPPROCS(1)" "UNCOM(YES)" "LPUTDATE($(date +%Y-%m-%d))" "LGETDATE($(date +%Y-%m-%d))" \
	"MEDIALOG(S000000" "MSGAGE(" "QTIME("; do
	has "$a"
done
mqsc AD "DISPLAY QSTATUS(ADM.Q1) TYPE(HANDLE)"
has "TYPE(HANDLE)"
has "CONN($conn)"
has "INPUT(SHARED)"
has "OUTPUT(YES)"
has "QMURID(0."
mqsc AD "DISPLAY QSTATUS(ADM.*) WHERE(UNCOM EQ YES)"
has "QUEUE(ADM.Q1)"
hasnt "ADM.Q2"
note "CLEAR QLOCAL is refused while the queue is open or holds uncommitted messages"
mqsc AD "CLEAR QLOCAL(ADM.Q1)" 10
has "AMQ8148E"
mqsc AD "STOP CONN($conn)"
has "AMQ8950I: Connection $conn stopped."
wait_for 10 '! (printf "DISPLAY CONN(*)\n" | runmqsc -e AD | grep -q "CONN($conn)")'
mqsc AD "STOP CONN($conn)" 10
has "AMQ8147E"
kill $HOLD 2>/dev/null; wait $HOLD 2>/dev/null; HOLD=
# its unit of work was backed out: the got message is back, the held puts gone
run 0 "$T/mqi_tool" AD depth ADM.Q1
[ "$OUT" = 2 ] || fail "after STOP CONN depth is $OUT, expected 2"
mqsc AD "DISPLAY QSTATUS(ADM.Q1) UNCOM CURDEPTH"
has "UNCOM(NO)"

note "a temporary dynamic queue (not in the catalog) has a status too"
"$T/mqi_tool" AD waitget SYSTEM.DEFAULT.MODEL.QUEUE >wait.out 2>&1 &
HOLD=$!
wait_line 10 wait.out READY
mqsc AD "DISPLAY QSTATUS(AMQ.*) IPPROCS"
has "TYPE(QUEUE)"
has "IPPROCS(1)"
mqsc AD "DISPLAY QSTATUS(AMQ.*) TYPE(HANDLE) APPLTAG INPUT"
has "APPLTAG(mqi_tool)"
has "INPUT(SHARED)"
kill $HOLD 2>/dev/null; wait $HOLD 2>/dev/null; HOLD=

note "CLEAR QLOCAL and DELETE PURGE/NOPURGE, durable across a restart"
mqsc AD "DELETE QLOCAL(ADM.Q1)" 10
has "AMQ8143E"
mqsc AD "DELETE QLOCAL(ADM.Q1) NOPURGE" 10
mqsc AD "CLEAR QLOCAL(ADM.Q1)"
has "AMQ8022I: Quire queue ADM.Q1 cleared."
run 0 "$T/mqi_tool" AD put ADM.Q2 2 p
mqsc AD "CLEAR QLOCAL(NOSUCH.Q)" 10
has "AMQ8147E"
run 0 endmqm -i AD
run 0 strmqm AD
run 0 "$T/mqi_tool" AD depth ADM.Q1
[ "$OUT" = 0 ] || fail "the clear did not survive a restart: depth $OUT"
run 0 "$T/mqi_tool" AD depth ADM.Q2
[ "$OUT" = 2 ] || fail "ADM.Q2 lost messages: depth $OUT"
mqsc AD "DELETE QLOCAL(ADM.Q2) PURGE"
has "AMQ8007I"

note "RESET QMGR TYPE(ADVANCELOG): a new extent at once, the old one complete"
mqsc AD "DISPLAY QMSTATUS CURRLOG"
c0=$(printf '%s\n' "$OUT" | sed -n 's/.*CURRLOG(S0*\([0-9][0-9]*\)\.LOG).*/\1/p')
[ -n "$c0" ] || fail "no CURRLOG: $OUT"
from=$(printf 'S%07d.LOG' "$c0") to=$(printf 'S%07d.LOG' $((c0 + 1)))
mqsc AD "RESET QMGR TYPE(ADVANCELOG)"
has "AMQ8951I: The log has moved from extent $from to extent $to."
mqsc AD "DISPLAY QMSTATUS CURRLOG"
has "CURRLOG($to)"
[ -s "$MQ_DATA_PATH/log/AD/active/$from" ] || fail "the finished extent $from is not there"
mqsc AD "SET LOG ARCHIVED(S0000000.LOG)" 10
has "LogManagement"
mqsc AD "RESET QMGR TYPE(ARCHLOG) ARCHIVED(S0000000.LOG)" 10
has "AMQ8953E"

note "runmqsc -w (indirect mode, t6170 in full): no reply in time gets AMQ8416E and exit 20"
printf 'PING QMGR\n' >ping.in
run 0 endmqcsv AD
run 20 runmqsc -w 1 -f ping.in AD
has "AMQ8416E"
run 0 strmqcsv AD
run 0 runmqsc -w 30 -f ping.in AD
has "AMQ8415I"

note "LogManagement Archive: ARCHLOG, SET LOG ARCHIVED, RESET QMGR TYPE(ARCHLOG), repeats in the error log"
run 0 crtmqm -ll -lf 64 AR
sed -i 's/LogManagement=Manual/LogManagement=Archive/' "$MQ_DATA_PATH/qmgrs/AR/qm.ini"
file_has "$MQ_DATA_PATH/qmgrs/AR/qm.ini" "LogManagement=Archive"
run 0 strmqm AR
mqsc AR "DISPLAY QMSTATUS ARCHLOG"
has "ARCHLOG( )"
for i in 1 2 3; do mqsc AR "RESET QMGR TYPE(ADVANCELOG)"; done
mqsc AR "DISPLAY QMSTATUS ARCHLOG CURRLOG ARCHSZ"
has "CURRLOG(S0000003.LOG)"
has "ARCHLOG(S0000000.LOG)"
mqsc AR "SET LOG ARCHIVED(S0000001.LOG)"
has "AMQ8952I: Log extent S0000001.LOG recorded as archived."
mqsc AR "DISPLAY QMSTATUS ARCHLOG"
has "ARCHLOG(S0000000.LOG)"
mqsc AR "SET LOG ARCHIVED(S0000000.LOG)"
mqsc AR "DISPLAY QMSTATUS ARCHLOG"
has "ARCHLOG(S0000002.LOG)"
mqsc AR "SET LOG ARCHIVED(S0000001.LOG)"
has "AMQ8952I"
grep -q "AMQ8955W" "$MQ_DATA_PATH/qmgrs/AR/errors/AMQERR01.LOG" || fail "a repeated notice was not written to the error log"
mqsc AR "SET LOG ARCHIVED(S0000003.LOG)" 10
has "AMQ8953E: Log extent S0000003.LOG cannot be recorded as archived"
mqsc AR "SET LOG ARCHIVED(S0000099.LOG)" 10
has "AMQ8953E"
mqsc AR "SET LOG ARCHIVED(R0000001.LOG)" 10
has "AMQ8953E"
mqsc AR "RESET QMGR TYPE(ARCHLOG) ARCHIVED(S0000002.LOG)"
has "AMQ8952I"
mqsc AR "DISPLAY QMSTATUS ARCHLOG ARCHSZ"
has "ARCHLOG( )"
has "ARCHSZ(0)"
note "LOGGEREV needs linear logging (AMQ8518E)"
run 0 crtmqm AC
run 0 strmqm AC
mqsc AC "ALTER QMGR LOGGEREV(ENABLED)" 10
has "AMQ8518E"
mqsc AC "DISPLAY QMGR LOGGEREV"
has "LOGGEREV(DISABLED)"
mqsc AC "RESET QMGR TYPE(ADVANCELOG)" 10
has "AMQ8954E"
mqsc AC "DISPLAY QMSTATUS LOGTYPE CURRLOG"
has "LOGTYPE(CIRCULAR)"
has "CURRLOG( )"
run 0 endmqm -i AC
run 0 endmqm -i AR
run 0 endmqm -i AD
sanitizer_check
echo "ok"
