# Command events (CMDEV, issue 14): each MQSC command that runs successfully,
# from runmqsc or through the command server, and each PCF command the
# command server carries out successfully, puts MQ's command event on
# SYSTEM.ADMIN.COMMAND.EVENT (two groups: the context, with the command
# message's for the command server's, and the command's text or PCF
# parameters), checked byte by byte by tests/mqi/mqi_cmdev.c; NODISPLAY
# leaves out DISPLAY and Inquire; ALTER QMGR makes one when CMDEV was or is
# on; none for a command that fails.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -i CMDQ >/dev/null 2>&1' EXIT

run 0 crtmqm CMDQ
run 0 strmqm CMDQ
run 0 runmqsc CMDQ <<'EOF'
DEFINE QLOCAL(CD.REPLY)
DISPLAY QMGR CMDEV
EOF
has "CMDEV(DISABLED)"
run 0 "$T/mqi_cmdev" CMDQ
hasnt "not ok"
echo "$OUT" | tail -1
run 10 runmqsc CMDQ <<'EOF'
ALTER QMGR CMDEV(SOMETIMES)
EOF
has "AMQ8405E"
run 0 runmqsc CMDQ <<'EOF'
ALTER QMGR CMDEV(NODISPLAY)
DISPLAY QMGR CMDEV
EOF
has "CMDEV(NODISPLAY)"
run 0 dmpmqcfg -m CMDQ -x object -t qmgr
has "CMDEV(NODISPLAY)"
sanitizer_check
echo "ok"
