# issue 15, objects part: the command server's PCF commands on channels,
# listeners and authentication information objects (csrv/csrv_obj.c):
# CREATE/COPY/CHANGE/DELETE/INQUIRE_CHANNEL(_NAMES), the same for LISTENER
# and AUTH_INFO, CHANGE_Q_MGR's ConnAuth and ChlauthRecords, each compared
# with MQSC's view by tests/mqi/mqi_pcfchl.c; the type parameters (required,
# not served, filters) and the error reasons.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -i QPCH >/dev/null 2>&1' EXIT

run 0 crtmqm QPCH
run 0 strmqm QPCH
run 0 runmqsc QPCH <<'MQSC'
DEFINE QLOCAL(CSRV.REPLY)
MQSC
run 0 "$T/mqi_pcfchl" QPCH
hasnt "not ok"
has "checks, 0 failed"
echo "$OUT" | tail -1

# what the PCF commands left, as runmqsc sees it, after a restart
run 0 endmqm -i QPCH
run 0 strmqm QPCH
run 0 runmqsc QPCH <<'MQSC'
DISPLAY CHANNEL(PCF.SVRCONN) SHARECNV SSLPEER
DISPLAY LISTENER(PCF.LSTR) BACKLOG
DISPLAY AUTHINFO(PCF.AUTH) ADOPTCTX
MQSC
has "SHARECNV(1)"
has "SSLPEER(CN=pcf)"
has "BACKLOG(20)"
has "ADOPTCTX(NO)"

run 0 endmqm -i QPCH
sanitizer_check
echo "ok t3051"
