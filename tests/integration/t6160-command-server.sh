# The command server (csrv/csrv.c, issue 14): started with the queue manager
# when SCMDSERV is QMGR, it reads PCF requests from SYSTEM.ADMIN.COMMAND.QUEUE
# and answers on their reply queues. tests/mqi/mqi_csrv.c sends PING_Q_MGR,
# INQUIRE_Q_MGR (compared with what ALTER QMGR set and DISPLAY QMGR shows),
# INQUIRE_Q_NAMES, ESCAPE with MQSC (a DEFINE then seen by runmqsc), and
# malformed requests, each answered with its MQRCCF_* reason. The queue
# manager ends with its command server; SCMDSERV(MANUAL) starts none;
# strmqcsv, endmqcsv [-c|-i] and dspmqcsv start, end and show it.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -i QCS >/dev/null 2>&1' EXIT

run 0 crtmqm QCS
run 0 strmqm QCS
run 0 runmqsc QCS <<'MQSC'
DEFINE QLOCAL(CSRV.REPLY)
DEFINE QLOCAL(CSRV.A)
DEFINE QLOCAL(CSRV.B)
DEFINE QALIAS(CSRV.AL) TARGET(CSRV.A)
ALTER QMGR DESCR('csrv test') MAXHANDS(321)
DISPLAY QMGR SCMDSERV DESCR MAXHANDS
MQSC
has "SCMDSERV(QMGR)"
has "DESCR(csrv test)"
has "MAXHANDS(321)"
run 0 "$T/mqi_csrv" QCS "csrv test" 321
hasnt "not ok"
has "checks, 0 failed"
echo "$OUT" | tail -1

run 0 runmqsc QCS <<'MQSC'
DISPLAY QLOCAL(CSRV.NEW) MAXDEPTH
DISPLAY QSTATUS(SYSTEM.ADMIN.COMMAND.QUEUE) CURDEPTH IPPROCS
MQSC
has "MAXDEPTH(77)"
has "CURDEPTH(0)"
has "IPPROCS(1)"

# strmqcsv, endmqcsv, dspmqcsv
run 0 dspmqcsv QCS
has "AMQ8027I: Quire command server status ..: Running"
run 10 strmqcsv QCS
has "AMQ7960E"
run 0 endmqcsv QCS
has "AMQ7959I: Quire command server of queue manager 'QCS' ended."
run 0 dspmqcsv QCS
has "status ..: Stopped"
run 10 endmqcsv -i QCS
has "AMQ7961E"
run 0 runmqsc QCS <<'MQSC'
DISPLAY QSTATUS(SYSTEM.ADMIN.COMMAND.QUEUE) IPPROCS
MQSC
has "IPPROCS(0)"
run 0 strmqcsv QCS
has "AMQ7958I: Quire command server of queue manager 'QCS' started."
run 0 dspmqcsv QCS
has "status ..: Running"
run 0 endmqcsv -i QCS
run 0 strmqcsv QCS
run 0 runmqsc QCS <<'MQSC'
DELETE QLOCAL(CSRV.NEW)
MQSC
run 0 "$T/mqi_csrv" QCS "csrv test" 321
has "checks, 0 failed"
run 20 strmqcsv -x QCS
run 20 dspmqcsv NOSUCH
has "AMQ7048E"

# a controlled end is not held up by the command server
run 0 endmqm -w QCS
has "Quire queue manager 'QCS' ended."

# SCMDSERV(MANUAL): no command server at the start
run 0 strmqm QCS
run 0 runmqsc QCS <<'MQSC'
ALTER QMGR SCMDSERV(MANUAL)
MQSC
run 0 endmqm -w QCS
run 0 strmqm QCS
run 0 runmqsc QCS <<'MQSC'
DISPLAY QMGR SCMDSERV
DISPLAY QSTATUS(SYSTEM.ADMIN.COMMAND.QUEUE) IPPROCS
MQSC
has "SCMDSERV(MANUAL)"
has "IPPROCS(0)"
run 0 dspmqcsv QCS
has "status ..: Stopped"
run 0 strmqcsv QCS
run 0 runmqsc QCS <<'MQSC'
DELETE QLOCAL(CSRV.NEW)
MQSC
run 0 "$T/mqi_csrv" QCS "csrv test" 321 MANUAL
has "checks, 0 failed"
run 0 endmqm -i QCS
run 20 dspmqcsv QCS
has "AMQ8146E"
sanitizer_check
exit 0
