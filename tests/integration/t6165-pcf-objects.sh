# The command server's object commands (csrv/csrv_obj.c, issue 14): PCF
# CREATE/INQUIRE/CHANGE/COPY/CLEAR/DELETE of queues, processes and topic
# objects, their *_NAMES, CHANGE_Q_MGR, filters, the status commands,
# STOP_CONNECTION and RESET_Q_MGR (a linear log), each carried out by the MQSC
# processor and compared with MQSC's view by tests/mqi/mqi_pcf.c; error replies
# with their reasons. Then runmqsc sees what the PCF commands left, and the server
# still answers after every refusal.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -i QPCF >/dev/null 2>&1' EXIT

run 0 crtmqm -ll QPCF
run 0 strmqm QPCF
run 0 runmqsc QPCF <<'MQSC'
DEFINE QLOCAL(CSRV.REPLY)
MQSC
run 0 "$T/mqi_pcf" QPCF
hasnt "not ok"
has "checks, 0 failed"
echo "$OUT" | tail -1

run 10 runmqsc QPCF <<'MQSC'
DISPLAY QLOCAL(PCF.Q2) MAXDEPTH DESCR
DISPLAY QUEUE(PCF.Q1)
DISPLAY PROCESS(PCF.*)
DISPLAY TOPIC(PCF.*)
DISPLAY QMGR DESCR MAXHANDS
MQSC
has "MAXDEPTH(99)"
has "DESCR(the copy)"
has "AMQ8147E"
has "DESCR(changed by PCF)"
has "MAXHANDS(4321)"
run 0 dspmqcsv QPCF
has "Running"
run 0 endmqm -i QPCF
sanitizer_check
exit 0
