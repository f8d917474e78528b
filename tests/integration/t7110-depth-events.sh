# Queue depth events (issue 13's stretch): PERFMEV on the queue manager and
# QDPHIEV, QDPLOEV, QDPMAXEV, QDEPTHHI, QDEPTHLO on a queue: their defaults
# and misuse through MQSC, no events while PERFMEV is disabled, every event
# and switch checked through the MQI (tests/mqi/mqi_perfev.c), the switches
# the queue manager turned kept across a restart, the event queue missing.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T=${QUIRE_BUILD:?QUIRE_BUILD is not set}/tests/mqi
[ -x "$T/mqi_perfev" ] || fail "$T/mqi_perfev was not built"
trap 'endmqm -i QP >/dev/null 2>&1' EXIT
trap 'exit 1' INT TERM HUP

run 0 crtmqm QP
run 0 strmqm QP
run 0 runmqsc QP <<'MQSC'
DISPLAY QMGR PERFMEV
DEFINE QLOCAL(PLAIN)
DISPLAY QLOCAL(PLAIN) QDPHIEV QDPLOEV QDPMAXEV QDEPTHHI QDEPTHLO
MQSC
has "PERFMEV(DISABLED)"
has "QDPHIEV(DISABLED)"
has "QDPLOEV(DISABLED)"
has "QDPMAXEV(ENABLED)"
has "QDEPTHHI(80)"
has "QDEPTHLO(20)"
run 10 runmqsc QP <<'MQSC'
ALTER QMGR PERFMEV(MAYBE)
ALTER QLOCAL(PLAIN) QDPHIEV(YES)
DEFINE QALIAS(PA) TARGET(PLAIN) QDPHIEV(ENABLED)
MQSC
has "PERFMEV(MAYBE) is not valid: PERFMEV must be DISABLED or ENABLED"
has "QDPHIEV(YES) is not valid"
has "QDPHIEV is not an attribute of a qalias"

# PERFMEV disabled: the switches are on, no event
run 0 runmqsc QP <<'MQSC'
DEFINE QLOCAL(PD) MAXDEPTH(10) QDEPTHHI(50) QDPHIEV(ENABLED)
DEFINE QLOCAL(PQ) MAXDEPTH(10) QDEPTHHI(50) QDEPTHLO(20) QDPHIEV(ENABLED) QDPLOEV(DISABLED) QDPMAXEV(DISABLED)
MQSC
printf '1\n2\n3\n4\n5\n\n' >five.txt
S=$QUIRE_BUILD/samples
run_in 0 five.txt "$S/amqsput" PD QP
run 0 runmqsc QP <<'MQSC'
DISPLAY QLOCAL(SYSTEM.ADMIN.PERFM.EVENT) CURDEPTH
DISPLAY QLOCAL(PD) QDPHIEV
MQSC
has "CURDEPTH(0)"
has "QDPHIEV(ENABLED)"

# enabled: every event, its message and the switches
run 0 runmqsc QP <<'MQSC'
ALTER QMGR PERFMEV(ENABLED)
MQSC
run 0 "$T/mqi_perfev" QP
has "0 failed"
# the switches the queue manager turned were logged: kept across a restart
run 0 endmqm -w QP
run 0 strmqm QP
run 0 runmqsc QP <<'MQSC'
DISPLAY QLOCAL(PQ) QDPHIEV QDPLOEV QDPMAXEV
MQSC
has "QDPHIEV(DISABLED)"
has "QDPLOEV(ENABLED)"
has "QDPMAXEV(DISABLED)"

# the event queue gone: the queue manager goes on, AMQ7930W once
run 0 runmqsc QP <<'MQSC'
DELETE QLOCAL(SYSTEM.ADMIN.PERFM.EVENT)
ALTER QLOCAL(PQ) QDPMAXEV(ENABLED)
MQSC
printf '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n\n' >eleven.txt
run_in 1 eleven.txt "$S/amqsput" PQ QP
has "reason code 2053"
file_has "$MQ_DATA_PATH/qmgrs/QP/errors/AMQERR01.LOG" "could not be put on queue"
file_has "$MQ_DATA_PATH/qmgrs/QP/errors/AMQERR01.LOG" "SYSTEM.ADMIN.PERFM.EVENT (reason 2085)"
run 0 endmqm -i QP
sanitizer_check
