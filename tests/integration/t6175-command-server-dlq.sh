# The command server's replies that their reply queue refuses (issue 14):
# onto the dead-letter queue behind an MQDLH with the refusal's reason, as
# MQ's command server does; none with MQRO_DISCARD_MSG passed; with no DEADQ
# or one that refuses too, dropped, the request committed all the same
# (tests/mqi/mqi_csrv_dlq.c checks every field).  runmqsc's late reply
# (indirect mode: its reply queue gone) is dead-lettered with reason 2085.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -i DLQ >/dev/null 2>&1' EXIT

run 0 crtmqm DLQ
run 0 strmqm DLQ
run 0 runmqsc DLQ <<'EOF'
DEFINE QLOCAL(DLQ.T)
DEFINE QLOCAL(DLQ.OFF) PUT(DISABLED)
DEFINE QLOCAL(R.OFF) PUT(DISABLED)
DEFINE QLOCAL(R.OK)
EOF
run 0 "$T/mqi_csrv_dlq" DLQ
hasnt "not ok"
echo "$OUT" | tail -1

note "runmqsc -w ended before its reply came: the reply is dead-lettered (2085)"
run 0 runmqsc DLQ <<'EOF'
ALTER QMGR DEADQ(DLQ.T)
EOF
run 0 endmqcsv DLQ
printf 'PING QMGR\n' >p.in
run 20 runmqsc -w 1 -f p.in DLQ
run 0 strmqcsv DLQ
wait_for 10 'runmqsc DLQ <<EOF 2>/dev/null | grep -q "CURDEPTH(1)"
DISPLAY QLOCAL(DLQ.T) CURDEPTH
EOF'
run 0 "$T/mqi_csrv_dlq" DLQ late
hasnt "not ok"
sanitizer_check
echo "ok"
