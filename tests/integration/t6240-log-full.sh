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
trap '[ -n "$hold" ] && kill $hold 2>/dev/null; endmqm -p QF >/dev/null 2>&1; endmqm -p QG >/dev/null 2>&1' EXIT
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

note "a log held full by a damaged queue: puts get 2102, yet it ends and starts again, and more LogSecondaryFiles in qm.ini take effect at the start"
qfile() { dspmqfls -m "$1" -t ql "$2" | sed -n 's|^\(/.*\)$|\1/q|p' | head -1; }
run 0 crtmqm -lc -lf 64 -lp 2 -ls 1 QG
run 0 strmqm QG
printf 'DEFINE QLOCAL(D.Q)\nDEFINE QLOCAL(W.Q) MAXDEPTH(100000)\n' | runmqsc QG >/dev/null || fail define
run 0 "$T/mqi_tool" QG put D.Q 10 p
run 0 endmqm -w QG
f=$(qfile QG D.Q)
mv "$f" away.q
run 0 strmqm QG
mkfifo go2
"$T/mqi_tool" QG uowhold W.Q 1 <go2 >hold2.out 2>&1 &
hold=$!
exec 3>go2
wait_for 20 'grep -q READY hold2.out'
# the damaged queue keeps the restart point: the ring fills for good
full=0
for i in 1 2 3 4 5 6; do
	"$T/mqi_tool" QG put W.Q 2000 p >put.out 2>&1 && continue
	grep -q "MQPUT 2102" put.out || fail "puts failed, not with 2102: $(cat put.out)"
	full=1
	break
done
[ $full = 1 ] || fail "the log never filled"
# a unit of work still commits (the reserve), and the queue manager ends normally
echo commit >&3
exec 3>&-
wait $hold
hold=
grep -q "MQCMIT 0" hold2.out || fail "the commit on a full log said: $(cat hold2.out)"
run 0 endmqm -w QG
run 0 dspmq -m QG
has "Ended normally"
run 0 strmqm QG
# killed while full: it must start again, whatever it was doing
pid=$(qm_pid QG)
"$T/mqi_tool" QG put W.Q 100 p >/dev/null 2>&1
kill -9 "$pid"
wait_for 20 'pid_gone "$pid"'
run 0 strmqm QG
run 0 endmqm -w QG
# more secondaries in qm.ini are used from the next start
ini="$MQ_DATA_PATH/qmgrs/QG/qm.ini"
sed 's/^\( *LogSecondaryFiles=\).*/\18/' "$ini" >ini.new && cp ini.new "$ini"
run 0 strmqm QG
run 0 "$T/mqi_tool" QG put W.Q 100 p   # each flush pads to a page: about 400 KiB of log
run 0 dmpmqlog -m QG
file_has "$MQ_DATA_PATH/qmgrs/QG/errors/AMQERR01.LOG" "AMQ7472"
grep -q "AMQ7903W" "$MQ_DATA_PATH/qmgrs/QG/errors/AMQERR01.LOG" && fail "the new LogSecondaryFiles was not taken"
# and once the damaged queue is gone, the log is free again
printf 'DELETE QLOCAL(D.Q)\n' | runmqsc QG >/dev/null || fail delete
run 0 "$T/mqi_tool" QG get W.Q 100
run 0 endmqm -w QG
sanitizer_check
