# Configuration events (CONFIGEV, issue 14): DEFINE, ALTER, DEFINE REPLACE,
# DELETE of queues, processes and topics, ALTER QMGR, MQSET and REFRESH QMGR
# TYPE(CONFIGEV) put MQ's Create, Change (a before and after pair), Delete
# and Refresh object events on
# SYSTEM.ADMIN.CONFIG.EVENT, checked field by field by tests/mqi/mqi_cfgev.c
# (runmqsc direct, through the command server, MQSET); none while DISABLED.
# The events follow the event queue's persistence: with DEFPSIST(YES) they
# survive a kill -9 of the queue manager.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -i CFG >/dev/null 2>&1' EXIT

run 0 crtmqm CFG
run 0 strmqm CFG
run 0 runmqsc CFG <<'EOF'
DISPLAY QMGR CONFIGEV
EOF
has "CONFIGEV(DISABLED)"
run 0 "$T/mqi_cfgev" CFG
hasnt "not ok"
echo "$OUT" | tail -1

note "persistent events (the event queue's DEFPSIST) are there after kill -9"
run 0 runmqsc CFG <<'EOF'
ALTER QLOCAL(SYSTEM.ADMIN.CONFIG.EVENT) DEFPSIST(YES)
CLEAR QLOCAL(SYSTEM.ADMIN.CONFIG.EVENT)
ALTER QMGR CONFIGEV(ENABLED)
DEFINE QLOCAL(CE.KEEP)
EOF
run 0 runmqsc CFG <<'EOF'
DISPLAY QSTATUS(SYSTEM.ADMIN.CONFIG.EVENT) CURDEPTH
EOF
# the queue manager's pair, a Refresh object event for every object (MQ's
# automatic refresh on enabling), the create
before=$(printf '%s\n' "$OUT" | sed -n 's/.*CURDEPTH(\([0-9]*\)).*/\1/p')
[ "${before:-0}" -ge 20 ] || fail "fewer events than objects: $OUT"
pid=$(qm_pid CFG)
kill -9 "$pid"
wait_for 10 'pid_gone '"$pid"
run 0 strmqm CFG
run 0 runmqsc CFG <<'EOF'
DISPLAY QSTATUS(SYSTEM.ADMIN.CONFIG.EVENT) CURDEPTH
EOF
has "CURDEPTH($before)"

note "REFRESH QMGR's refusals and its message"
run 10 runmqsc CFG <<'EOF'
REFRESH QMGR
REFRESH QMGR TYPE(PROXYSUB)
REFRESH QMGR TYPE(CONFIGEV) OBJECT(NOSUCH)
REFRESH QMGR TYPE(CONFIGEV) INCLINT(-1)
EOF
has "needs TYPE(CONFIGEV)"
has "PROXYSUB) is not supported"
has "OBJECT(NOSUCH) is not an object type"
has "INCLINT takes minutes"
run 0 runmqsc CFG <<'EOF'
REFRESH QMGR TYPE(CONFIGEV) NAME(CE.KEEP)
EOF
has "AMQ8441I: Refresh Queue Manager accepted."
sanitizer_check
echo "ok"
