# Inhibit events (issue 13): INHIBTEV on the queue manager, its default
# (DISABLED), MQSC misuse, MQINQ; with it enabled, Get Inhibited (2016) and
# Put Inhibited (2051) event messages on SYSTEM.ADMIN.QMGR.EVENT checked field
# by field through the MQI (tests/mqi/mqi_inhibev.c), none while disabled,
# kept across a restart, and the event queue missing.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T=${QUIRE_BUILD:?QUIRE_BUILD is not set}/tests/mqi
[ -x "$T/mqi_inhibev" ] || fail "$T/mqi_inhibev was not built"
trap 'endmqm -i QI >/dev/null 2>&1' EXIT
trap 'exit 1' INT TERM HUP

run 0 crtmqm QI
run 0 strmqm QI
run 0 runmqsc QI <<'MQSC'
DISPLAY QMGR INHIBTEV
DEFINE QLOCAL(IQ) GET(DISABLED) PUT(DISABLED)
DEFINE QALIAS(IA) TARGET(IQ)
DEFINE QLOCAL(IW)
MQSC
has "INHIBTEV(DISABLED)"
run 10 runmqsc QI <<'MQSC'
ALTER QMGR INHIBTEV(MAYBE)
ALTER QLOCAL(IQ) INHIBTEV(ENABLED)
MQSC
has "INHIBTEV(MAYBE) is not valid: INHIBTEV must be DISABLED or ENABLED"
has "INHIBTEV is not an attribute of a qlocal"

note "disabled: the failed puts and gets make no event"
run 0 "$T/mqi_inhibev" QI off
hasnt "not ok"
has "0 failed"
run 0 runmqsc QI <<'MQSC'
DISPLAY QLOCAL(SYSTEM.ADMIN.QMGR.EVENT) CURDEPTH
ALTER QLOCAL(IW) GET(ENABLED)
ALTER QMGR INHIBTEV(ENABLED)
DISPLAY QMGR INHIBTEV
MQSC
has "CURDEPTH(0)"
has "INHIBTEV(ENABLED)"

note "enabled: one event for each, every field checked"
run 0 "$T/mqi_inhibev" QI on
hasnt "not ok"
has "83 checks, 0 failed"
echo "$OUT" | tail -1

note "INHIBTEV is kept across a restart, MQINQ sees it"
run 0 endmqm -w QI
run 0 strmqm QI
run 0 runmqsc QI <<'MQSC'
DISPLAY QMGR INHIBTEV
ALTER QLOCAL(IW) GET(ENABLED)
MQSC
has "INHIBTEV(ENABLED)"
run 0 "$T/mqi_inq" QI show qmgr
has "show INHIBTEV(ENABLED)"
run 0 dmpmqcfg -m QI
has "INHIBTEV(ENABLED)"

note "the event queue gone: the queue manager goes on, AMQ7930W"
run 0 runmqsc QI <<'MQSC'
DELETE QLOCAL(SYSTEM.ADMIN.QMGR.EVENT)
MQSC
printf 'x\n\n' >one.txt
run_in 1 one.txt "$QUIRE_BUILD/samples/amqsput" IQ QI
has "reason code 2051"
file_has "$MQ_DATA_PATH/qmgrs/QI/errors/AMQERR01.LOG" "SYSTEM.ADMIN.QMGR.EVENT (reason 2085)"
run 0 endmqm -i QI
sanitizer_check
echo "t7120 ok"
