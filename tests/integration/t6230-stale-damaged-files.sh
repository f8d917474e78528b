# issue 9 defects 2 and 9: queue files (a queue's folder: its definition
# file and its queue store) that are older than the log says, or damaged,
# never lose what the log holds.
#  2. A queue file put back from before later work used to bring back two
#     committed gets and lose an acknowledged put, silently.  Now restart
#     compares each file with the file LSN the last checkpoint recorded
#     (CKPT_END): linear log, rebuilt from the log (AMQ7900E); circular log
#     that no longer holds the records, marked damaged (AMQ7900E, AMQ7472,
#     MQOPEN 2101), never used.
#  9. A damaged queue file at restart used to let checkpoints move the
#     restart point past the records only the log held for it: restoring the
#     file then brought back 100 of 200 messages.  Now the restart point stays
#     (until the queue is deleted or recovered) and all 200 come back.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'for q in QL QC QD; do endmqm -p $q >/dev/null 2>&1; done' EXIT
# a queue's folder: its definition file q and its queue store (*.qsd, *.qsi)
qdir() { dspmqfls -m "$1" -t ql "$2" | sed -n 's|^\(/.*\)$|\1|p' | head -1; }
save() { rm -rf "$2" && cp -a "$1" "$2"; }
restore() { rm -rf "$1" && cp -a "$2" "$1"; }
contents() { "$T/mqi_tool" "$1" browse "$2" | sed 's/ bo=.*//' | sort | tr '\n' ' '; }

note "defect 2, linear log: the older file is rebuilt from the log"
run 0 crtmqm -ll QL
run 0 strmqm QL
printf 'DEFINE QLOCAL(S.Q)\n' | runmqsc QL >/dev/null || fail define
run 0 "$T/mqi_tool" QL put S.Q 3 p no a
run 0 endmqm -w QL
f=$(qdir QL S.Q)
[ -f "$f/q" ] || fail "no queue file for S.Q ($f)"
ls "$f" | grep -q '\.qsi$' || fail "no queue store for S.Q in $f"
save "$f" old.q
run 0 strmqm QL
run 0 "$T/mqi_tool" QL get S.Q 2
run 0 "$T/mqi_tool" QL put S.Q 1 p no b
run 0 endmqm -w QL
restore "$f" old.q
run 0 strmqm QL
got=$(contents QL S.Q)
[ "$got" = "a-2 b-0 " ] || fail "QL S.Q holds '$got', not 'a-2 b-0 '"
file_has "$MQ_DATA_PATH/qmgrs/QL/errors/AMQERR01.LOG" "AMQ7900E"
run 0 endmqm -w QL
# and again: the rebuilt file is now the newest, nothing more is said
run 0 strmqm QL
got=$(contents QL S.Q)
[ "$got" = "a-2 b-0 " ] || fail "after a second start QL S.Q holds '$got'"
run 0 endmqm -w QL

note "defect 2, circular log that has wrapped: the older file is refused"
run 0 crtmqm -lc -lf 64 -lp 2 -ls 1 QC
run 0 strmqm QC
printf 'DEFINE QLOCAL(S.Q)\nDEFINE QLOCAL(W.Q)\n' | runmqsc QC >/dev/null || fail define
run 0 "$T/mqi_tool" QC put S.Q 3 p no a
run 0 endmqm -w QC
f=$(qdir QC S.Q)
save "$f" old.q
run 0 strmqm QC
run 0 "$T/mqi_tool" QC get S.Q 2
# enough work elsewhere that the ring is reused
for i in 1 2 3; do
	run 0 "$T/mqi_tool" QC put W.Q 1000 p
	run 0 "$T/mqi_tool" QC get W.Q 1000
done
run 0 endmqm -w QC
restore "$f" old.q
run 0 strmqm QC
E="$MQ_DATA_PATH/qmgrs/QC/errors/AMQERR01.LOG"
file_has "$E" "AMQ7900E"
file_has "$E" "AMQ7472"
run 1 "$T/mqi_tool" QC get S.Q 1
has "MQOPEN 2101"
run 0 endmqm -w QC

note "defect 9: a damaged file keeps the log it needs"
run 0 crtmqm QD
run 0 strmqm QD
printf 'DEFINE QLOCAL(D.Q)\nDEFINE QLOCAL(W.Q) MAXDEPTH(10000)\n' | runmqsc QD >/dev/null || fail define
# a long start says how far it is (progress every QUIRE_PROGRESS_MS, 2 s unless
# set; 0: at every check, whatever the machine's speed): a deep queue being loaded (AMQ7234I), a long replay (AMQ7904I)
run 0 "$T/mqi_tool" QD put W.Q 3000 p sp
run 0 endmqm -w QD
QUIRE_PROGRESS_MS=0 run 0 strmqm QD
has "messages of queue W.Q loaded"
file_has "$MQ_DATA_PATH/qmgrs/QD/errors/AMQERR01.LOG" "AMQ7234I"
# a unit of work of 3000 puts left open by the kill: a commit would have its
# messages written to the queue store by the checkpoint it makes due, so
# little log would be left to replay
"$T/mqi_tool" QD hold W.Q 3000 0 p >hold.out 2>&1 &
holder=$!
wait_for 60 'grep -q READY hold.out'
# a put outside syncpoint is acknowledged once the log is durable past it,
# and so past the held records too
run 0 "$T/mqi_tool" QD put W.Q 1 p nosp after
pid=$(qm_pid QD)
kill -9 "$pid"
wait_for 20 'pid_gone "$pid"'
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
QUIRE_PROGRESS_MS=0 run 0 strmqm QD
has "in progress:"
file_has "$MQ_DATA_PATH/qmgrs/QD/errors/AMQERR01.LOG" "AMQ7904I"
run 0 "$T/mqi_tool" QD depth W.Q
[ "$OUT" = 3001 ] || fail "W.Q holds $OUT after the open unit of work was backed out, not 3001"
run 0 "$T/mqi_tool" QD get W.Q 3001
run 0 "$T/mqi_tool" QD put D.Q 100 p no a
run 0 endmqm -w QD
run 0 strmqm QD
run 0 "$T/mqi_tool" QD put D.Q 100 p no b
pid=$(qm_pid QD)
kill -9 "$pid"
wait_for 20 'pid_gone "$pid"'
f=$(qdir QD D.Q)
mv "$f" away.q
run 0 strmqm QD
file_has "$MQ_DATA_PATH/qmgrs/QD/errors/AMQERR01.LOG" "AMQ7472"
# checkpoints come and go while it is damaged
run 0 "$T/mqi_tool" QD put W.Q 300 p
run 0 "$T/mqi_tool" QD get W.Q 300
run 0 endmqm -w QD
run 0 strmqm QD
run 0 endmqm -w QD
mv away.q "$f"
run 0 strmqm QD
run 0 "$T/mqi_tool" QD depth D.Q
[ "$OUT" = 200 ] || fail "D.Q holds $OUT messages after the file came back, not 200"
run 0 endmqm -w QD
sanitizer_check
