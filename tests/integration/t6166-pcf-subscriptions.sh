# The command server's subscription commands (csrv/csrv_sub.c, issue 14): PCF
# CREATE/INQUIRE/CHANGE/COPY/DELETE_SUBSCRIPTION, INQUIRE_SUB_STATUS and
# INQUIRE_TOPIC_STATUS of subscriptions and publishers, carried out by the MQSC
# processor and compared with DISPLAY SUB / SBSTATUS / TPSTATUS by
# tests/mqi/mqi_pcfsub.c; every refusal's reason; damaged requests answered.
# Then runmqsc sees what the PCF commands left.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -i QPCFS >/dev/null 2>&1' EXIT

run 0 crtmqm QPCFS
run 0 strmqm QPCFS
run 0 runmqsc QPCFS <<'MQSC'
DEFINE QLOCAL(CSRV.REPLY)
DEFINE QLOCAL(PCFS.Q1)
DEFINE QLOCAL(PCFS.Q2)
DEFINE TOPIC(PCFS.NODUR) TOPICSTR('pcfs/nodur') DURSUB(NO)
DEFINE TOPIC(PCFS.TOBJ) TOPICSTR('pcfs/tobj')
MQSC
run 0 "$T/mqi_pcfsub" QPCFS
hasnt "not ok"
has "checks, 0 failed"
echo "$OUT" | tail -1

# what the damaged requests left (a subscription or two whose request was
# damaged where it did not matter), and PCFS.A and PCFS.B are gone
run 10 runmqsc QPCFS <<'MQSC'
DISPLAY SUB(PCFS.A)
DISPLAY SUB(PCFS.B)
DISPLAY SUB(*) DEST
MQSC
has "AMQ8147E"
has "DEST(PCFS.Q1)"
run 0 dspmqcsv QPCFS
has "Running"
run 0 endmqm -i QPCFS
sanitizer_check
exit 0
