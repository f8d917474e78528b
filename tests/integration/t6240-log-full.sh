# issue 9 defect 3: a full circular log.  A long unit of work and the
# checkpoints behind it used to eat the space kept for commits and restart:
# puts got 2102, endmqm ended "unexpectedly", and strmqm exited 23 on every
# try.  Now, as MQ does, the unit of work holding the oldest log is backed out
# (AMQ7469; its application gets 2003 on its next call), the others go on,
# and the queue manager ends and starts normally.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
hold=
trap '[ -n "$hold" ] && kill $hold 2>/dev/null; endmqm -p QF >/dev/null 2>&1' EXIT
E="$MQ_DATA_PATH/qmgrs/QF/errors/AMQERR01.LOG"
run 0 crtmqm -lc -lf 64 -lp 2 -ls 1 QF
run 0 strmqm QF
printf 'DEFINE QLOCAL(F.Q)\nDEFINE QLOCAL(W.Q) MAXDEPTH(100000)\n' | runmqsc QF >/dev/null || fail define
mkfifo go
"$T/mqi_tool" QF uowhold F.Q 2 <go >hold.out 2>&1 &
hold=$!
exec 3>go
wait_for 20 'grep -q READY hold.out'
# about 4 MiB of log through a ring of 768 KiB, the unit of work still open
for i in 1 2 3 4; do
	run 0 "$T/mqi_tool" QF put W.Q 2000 p
	run 0 "$T/mqi_tool" QF get W.Q 2000
done
file_has "$E" "AMQ7469"
echo commit >&3
exec 3>&-
wait $hold
hold=
grep -q "MQCMIT 2003" hold.out || fail "the backed-out unit of work's commit said: $(cat hold.out)"
run 0 "$T/mqi_tool" QF depth F.Q
[ "$OUT" = 0 ] || fail "F.Q holds $OUT messages of a unit of work that was backed out"
run 0 endmqm -w QF
run 0 dspmq -m QF
has "Ended normally"
run 0 strmqm QF
run 0 "$T/mqi_tool" QF depth F.Q
[ "$OUT" = 0 ] || fail "F.Q holds $OUT messages after restart"
run 0 endmqm -w QF
sanitizer_check
