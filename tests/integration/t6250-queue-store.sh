# issue 9: the queue store.  A queue's persistent messages go to its store
# (queues/<folder>/NNNNNNNN.qsd data, NNNNNNNN.qsi index journal) at
# checkpoints, each written once; after a restart only their index is in
# memory and MQGET reads the rest back.  A record that reads back damaged
# fails that MQGET and is named in the error log (AMQ7905E); the queue is
# damaged from then on (issue 10: AMQ7472W, 2101, AMQ8149E in runmqsc), and
# nothing is lost or invented: after a restart the messages are all there.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'endmqm -p QS >/dev/null 2>&1; endmqm -p QK >/dev/null 2>&1' EXIT
qdir() { dspmqfls -m "$1" -t ql "$2" | sed -n 's|^\(/.*\)$|\1|p' | head -1; }

note "messages written to the store once, read back after a restart"
run 0 crtmqm QS
run 0 strmqm QS
printf 'DEFINE QLOCAL(S.Q)\n' | runmqsc QS >/dev/null || fail define
d=$(qdir QS S.Q)
ls "$d" | grep -q '^00000001\.qsi$' || fail "DEFINE made no queue store in $d: $(ls "$d")"
run 0 "$T/mqi_tool" QS put S.Q 300 p no s
run 0 endmqm -w QS
n=$(ls "$d" | grep -c '\.qsd$')
[ "$n" -ge 1 ] || fail "no data segment in $d after a checkpoint: $(ls "$d")"
size=$(cat "$d"/*.qsd | wc -c)
[ "$size" -ge $((300 * 512)) ] || fail "the data segments hold $size bytes for 300 messages"
run 0 strmqm QS
run 0 endmqm -w QS
size2=$(cat "$d"/*.qsd | wc -c)
[ "$size2" = "$size" ] || fail "a checkpoint with nothing changed rewrote the data: $size then $size2 bytes"
run 0 strmqm QS
run 0 "$T/mqi_tool" QS get S.Q 300
first=$(printf '%s\n' "$OUT" | head -1); last=$(printf '%s\n' "$OUT" | tail -1)
[ "$first" = s-0 ] && [ "$last" = s-299 ] || fail "got '$first' .. '$last', not s-0 .. s-299 in order"
run 0 "$T/mqi_tool" QS depth S.Q
[ "$OUT" = 0 ] || fail "S.Q holds $OUT after 300 gets"
run 0 endmqm -w QS
run 0 strmqm QS
run 0 "$T/mqi_tool" QS depth S.Q
[ "$OUT" = 0 ] || fail "the gets came back after a restart: depth $OUT"

note "a damaged record fails its MQGET and says where, and loses nothing"
run 0 "$T/mqi_tool" QS put S.Q 3 p no c
run 0 endmqm -w QS
seg=$(ls "$d"/*.qsd | tail -1)
# the last batch's records start on the segment's last 4 KiB boundary that
# begins a record: flip a byte of the data of each (the three messages)
python3 - "$seg" <<'EOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
start = max(o for o in range(4096, len(b), 4096) if b[o:o + 4] == b'QSMR')
i, n = start, 0
while b[i:i + 4] == b'QSMR':
    length = int.from_bytes(b[i + 4:i + 8], 'little')
    b[i + 512] ^= 0xff
    i += length
    n += 1
assert n == 3, n
open(p, 'wb').write(bytes(b))
EOF
run 0 strmqm QS
run 1 "$T/mqi_tool" QS get S.Q 1
has "MQGET 2101"
file_has "$MQ_DATA_PATH/qmgrs/QS/errors/AMQERR01.LOG" "AMQ7905E"
file_has "$MQ_DATA_PATH/qmgrs/QS/errors/AMQERR01.LOG" "data checksum"
file_has "$MQ_DATA_PATH/qmgrs/QS/errors/AMQERR01.LOG" "AMQ7472W"
[ "$("$T/mqi_tool" QS open S.Q)" = 2101 ] || fail "S.Q opens after it was found damaged"
OUT=$(printf 'DISPLAY QLOCAL(S.Q)\n' | runmqsc QS)
has "AMQ8149E"
run 0 endmqm -w QS
run 0 strmqm QS
run 0 "$T/mqi_tool" QS depth S.Q
[ "$OUT" = 3 ] || fail "S.Q holds $OUT after a failed read and a restart, not 3"
run 0 endmqm -w QS

note "compaction runs while the queue manager runs: a queue emptied gives its segments back"
# 16 messages of 3 MB (5 to a 16 MiB segment: 4 segments), then all got:
# the checkpoint that removes them from the store (CheckpointSeconds=1) is
# followed by compaction steps, which delete the dead segments while the
# queue manager goes on (before, they stayed until the next strmqm)
run 0 crtmqm QK
printf 'Tuning:\n   CheckpointSeconds=1\n' >>"$MQ_DATA_PATH/qmgrs/QK/qm.ini"
run 0 strmqm QK
printf 'DEFINE QLOCAL(K.Q) MAXMSGL(4194304) MAXDEPTH(100)\n' | runmqsc QK >/dev/null || fail define
dk=$(qdir QK K.Q)
i=0
while [ $i -lt 16 ]; do
	run 0 "$T/mqi_tool" QK bigput K.Q 3000000 $i
	i=$((i + 1))
done
sleep 2   # a checkpoint: the messages go to the store
n=$(ls "$dk" | grep -c '\.qsd$')
[ "$n" -ge 4 ] || fail "16 messages of 3 MB in $n segments, not 4 or more: $(ls "$dk")"
# an application keeps putting meanwhile: checkpoints come one after the
# other, and compaction must still get its turns between them
printf 'DEFINE QLOCAL(L.Q) MAXDEPTH(100000)\n' | runmqsc QK >/dev/null || fail define
"$T/mqi_tool" QK put L.Q 20000 p nosp >load.out 2>&1 &
load=$!
run 0 "$T/mqi_tool" QK bigcheck K.Q get
[ "$(printf '%s\n' "$OUT" | grep -c '^MSG 3000000 ')" = 16 ] || fail "got back: $OUT"
k=0
while [ $k -lt 100 ]; do
	n=$(ls "$dk" | grep -c '\.qsd$')
	[ "$n" -le 1 ] && break
	sleep 0.1
	k=$((k + 1))
done
kill -0 $load 2>/dev/null || note "(the load ended before the segments were deleted)"
[ "$n" -le 1 ] || fail "10 s after the queue was emptied, $n segments are left: $(ls -l "$dk")"
wait $load || fail "the load failed: $(cat load.out)"
run 0 "$T/mqi_tool" QK depth K.Q
[ "$OUT" = 0 ] || fail "K.Q holds $OUT"
run 0 endmqm -w QK
run 0 strmqm QK
run 0 "$T/mqi_tool" QK depth K.Q
[ "$OUT" = 0 ] || fail "after a restart K.Q holds $OUT"
run 0 endmqm -w QK
sanitizer_check
