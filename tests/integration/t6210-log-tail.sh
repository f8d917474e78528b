# The log's end at restart: a torn last write is cut off (AMQ7895 in the error
# log) and the queue manager starts with everything acknowledged; damage in a
# write the seal says was synced, and damage in
# the middle of the log stops strmqm (23, AMQ7017) naming the extent, offset
# and LSN, and changes nothing.
. "$(dirname "$0")/lib.sh"
S="$QUIRE_BUILD/samples"
trap 'endmqm -i QT >/dev/null 2>&1' EXIT INT TERM
D="$MQ_DATA_PATH"

run 0 crtmqm -lf 64 QT
run 0 strmqm QT
printf 'DEFINE QLOCAL(T.Q) DEFPSIST(YES)\n' | runmqsc QT >/dev/null || fail "runmqsc"
printf 'one\ntwo\n' | "$S/amqsput" T.Q QT >/dev/null || fail "amqsput"
run 0 endmqm -w QT

# where a record is: LSN -> extent file and offset (64-page extents)
locate() {
	v=$(printf '%d' "0x$1"); ext=262144
	FILE=$(printf '%s/log/QT/active/S%07d.LOG' "$D" $((v / ext)))
	OFF=$((v % ext))
}
scribble() { printf 'GARBAGE-GARBAGE!' | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }

# 1. the last record (the Stop Queue Manager record of endmqm) torn
run 0 dmpmqlog -m QT
has "LogRecdType . . : Stop Queue Manager (3)"
tail=$(printf '%s\n' "$OUT" | sed -n 's/^LOG RECORD - LSN <\(.*\)>/\1/p' | tail -1 | tr -d :)
[ -n "$tail" ] || fail "no record in: $OUT"
locate "$tail"
scribble "$FILE" $((OFF + 70))
# that flush was completely written and synced (the seal, amqhlseal.lfh, says
# so): damage there is corruption, refused like damage in the middle (issue 9
# defect 11)
run 23 strmqm QT
has "completely written and synced"
# without the seal nothing says it was synced: cut as a torn tail
rm "$D/log/QT/amqhlseal.lfh"
run 0 strmqm QT
file_has "$D/qmgrs/QT/errors/AMQERR01.LOG" "AMQ7895W"
file_has "$D/qmgrs/QT/errors/AMQERR01.LOG" "bad checksum"
run 0 "$S/amqsbcg" T.Q QT
n=$(printf '%s\n' "$OUT" | grep -c "Persistence : 1")
[ "$n" = 2 ] || fail "$n messages after the tail cut, expected 2: $OUT"
run 0 endmqm -w QT

# 2. a record in the middle of what restart needs damaged: refuse to start.
# Two puts after the last checkpoint, then the process killed, so restart
# must read them; the first is damaged, the second (a later flush) is valid.
run 0 strmqm QT
printf 'three\n' | "$S/amqsput" T.Q QT >/dev/null || fail "amqsput"
printf 'four\n' | "$S/amqsput" T.Q QT >/dev/null || fail "amqsput"
pid=$(qm_pid QT)
kill -9 "$pid"
wait_for 10 '! kill -0 "$pid" 2>/dev/null'
run 0 dmpmqlog -m QT
put=$(printf '%s\n' "$OUT" | grep -B2 "LogRecdType . . : Put Message" | sed -n 's/^LOG RECORD - LSN <\(.*\)>/\1/p' | head -1 | tr -d :)
[ -n "$put" ] || fail "no Put Message record found"
locate "$put"
cp "$FILE" "$PWD/extent.copy"
scribble "$FILE" $((OFF + 100))
run 23 strmqm QT
has "AMQ7017"
file_has "$D/qmgrs/QT/errors/AMQERR01.LOG" "S0000000.LOG offset $OFF"
run 2 dmpmqlog -m QT
has "bad checksum"
# nothing was changed: with the extent put back it starts and has all four
cp "$PWD/extent.copy" "$FILE"
run 0 strmqm QT
run 0 "$S/amqsbcg" T.Q QT
n=$(printf '%s\n' "$OUT" | grep -c "Persistence : 1")
[ "$n" = 4 ] || fail "$n messages after the extent was restored, expected 4"

# 3. issue 9 defect 7: after a kill -9, the active extent cut to its header
# page used to read as "the end of the log": 0 records, acknowledged messages
# gone, nothing said.  Now the extent's size is checked (and the log must
# reach the seal and the restart LSN): refused, and nothing lost once it is
# back.
printf 'five\n' | "$S/amqsput" T.Q QT >/dev/null || fail "amqsput"
pid=$(qm_pid QT)
kill -9 "$pid"
wait_for 10 'pid_gone "$pid"'
cp "$FILE" "$PWD/extent.copy"
truncate -s 4096 "$FILE"
run 23 strmqm QT
has "AMQ7017"
has "4096"
# a damaged extent is not a missing one: AMQ6767 says only the latter
! grep -q "AMQ6767E" "$D/qmgrs/QT/errors/AMQERR01.LOG" || fail "AMQ6767 for a truncated extent"
cp "$PWD/extent.copy" "$FILE"
run 0 strmqm QT
run 0 "$S/amqsbcg" T.Q QT
n=$(printf '%s\n' "$OUT" | grep -c "Persistence : 1")
[ "$n" = 5 ] || fail "$n messages after the truncated extent was restored, expected 5"

# 4. issue 10: an extent restart needs, missing: AMQ6767 names that file (and
# only then); with it put back the queue manager starts with everything
printf 'six\n' | "$S/amqsput" T.Q QT >/dev/null || fail "amqsput"
pid=$(qm_pid QT)
kill -9 "$pid"
wait_for 10 'pid_gone "$pid"'
mv "$FILE" "$PWD/extent.away"
run 23 strmqm QT
has "AMQ7017"
file_has "$D/qmgrs/QT/errors/AMQERR01.LOG" "AMQ6767E: Log file $(basename "$FILE") cannot be opened"
mv "$PWD/extent.away" "$FILE"
run 0 strmqm QT
run 0 "$S/amqsbcg" T.Q QT
n=$(printf '%s\n' "$OUT" | grep -c "Persistence : 1")
[ "$n" = 6 ] || fail "$n messages after the missing extent was put back, expected 6"
run 0 endmqm -w QT
echo "t6210 ok"
