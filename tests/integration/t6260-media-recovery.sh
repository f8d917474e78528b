# issue 10: media images (rcdmqimg, the images at the end of a run, MEDIALOG)
# and media recovery (rcrmqobj).  Every recovery is checked against what the
# applications were acknowledged: the fingerprints (size and checksum, in
# queue order) of every persistent message, taken by browsing before the
# damage, must come back exactly; nonpersistent ones are gone.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'for q in ML MC MA; do endmqm -p $q >/dev/null 2>&1; done' EXIT
qdir() { dspmqfls -m "$1" -t ql "$2" | sed -n 's|^\(/.*\)$|\1|p' | head -1; }
prints() { "$T/mqi_tool" "$1" bigcheck "$2"; }
errlog() { cat "$MQ_DATA_PATH/qmgrs/$1/errors/AMQERR01.LOG"; }
# the extent the last AMQ7468I in QM's error log names (its lines are wrapped)
medialog() { errlog "$1" | tr '\n' ' ' | grep -o "media recovery of queue manager $1 is S[0-9]*\.LOG" | tail -1 | sed 's/.* //'; }
# image M.Q first and every other object after it, so that M.Q's image is
# the oldest one media recovery needs: $ext, the extent AMQ7468I names, holds
# it (an image of everything at once may cross into a new extent after the
# first objects, leaving M.Q's image in a later extent than MEDIALOG)
image_mq_first() {
	run 0 rcdmqimg -m ML -t ql M.Q
	run 0 rcdmqimg -m ML -t qmgr
	run 0 rcdmqimg -m ML -t qa '*'
	run 0 rcdmqimg -m ML -t qm '*'
	run 0 rcdmqimg -m ML -t process '*'   # (SYSTEM.DEFAULT.PROCESS: recoverable too)
	run 0 rcdmqimg -m ML -t topic '*'     # (and the default topics)
	run 0 rcdmqimg -m ML -t channel '*'   # (and crtmqm's channels, listener and authinfo)
	run 0 rcdmqimg -m ML -t listener '*'
	run 0 rcdmqimg -m ML -t authinfo '*'
	run 0 rcdmqimg -m ML -t ql 'SYSTEM.*'
	run 0 rcdmqimg -m ML -t ql W.Q -l
	ext=$(printf '%s\n' "$OUT" | sed -n 's/^AMQ7468I: .* is \(S[0-9]*\.LOG\)\.$/\1/p')
}
mqsc() { printf '%s\n' "$2" | runmqsc "$1" >/dev/null || fail "runmqsc $1: $2"; }

note "an image, then more work; the queue's files damaged in every way; rcrmqobj brings back exactly the committed persistent messages"
run 0 crtmqm -ll -lf 64 ML
run 0 strmqm ML
mqsc ML "DEFINE QLOCAL(M.Q)"
mqsc ML "DEFINE QLOCAL(W.Q)"
# small and large (several log parts, incompressible) persistent messages, nonpersistent ones too
run 0 "$T/mqi_tool" ML put M.Q 5 p no a
run 0 "$T/mqi_tool" ML bigput M.Q 300000 1
run 0 "$T/mqi_tool" ML put M.Q 2 np no n
run 0 "$T/mqi_tool" ML get M.Q 2
run 0 rcdmqimg -m ML -t ql M.Q
has "Media image for object M.Q, type qlocal recorded."
# after the image: puts, a large one, gets, a committed unit of work
run 0 "$T/mqi_tool" ML put M.Q 3 p sp b
run 0 "$T/mqi_tool" ML bigput M.Q 70000 2
run 0 "$T/mqi_tool" ML get M.Q 1
run 0 "$T/mqi_tool" ML put M.Q 1 np no n2
# the nonpersistent ones are not recoverable: they are the first two now
# after the first get; keep the fingerprints of the persistent ones only
run 0 endmqm -w ML
run 0 strmqm ML
want=$(prints ML M.Q)
[ "$(printf '%s\n' "$want" | wc -l)" = 7 ] || fail "M.Q should hold 7 persistent messages: $want"
d=$(qdir ML M.Q)
run 0 endmqm -w ML
cp -a "$d" good.q

# damage found at the start: with linear logging the start itself rebuilds
# the queue from its image (AMQ7472, then "Object ... recreated."); then
# rcrmqobj of the healthy queue changes nothing either
check_recovered() {   # $1: what was done to the files
	run 0 strmqm ML
	has "Object M.Q, type qlocal recreated."
	got=$(prints ML M.Q)
	[ "$got" = "$want" ] || fail "$1: the start brought back
$got
instead of
$want"
	run 0 rcrmqobj -m ML -t ql M.Q
	has "Object M.Q, type qlocal recreated."
	got=$(prints ML M.Q)
	[ "$got" = "$want" ] || fail "$1: rcrmqobj of the rebuilt queue gave $got"
	# and it is whole across a restart
	run 0 endmqm -w ML
	run 0 strmqm ML
	hasnt "recreated"
	got=$(prints ML M.Q)
	[ "$got" = "$want" ] || fail "$1: after a restart M.Q holds
$got"
	run 0 endmqm -w ML
	rm -rf "$d" && cp -a good.q "$d"
	note "$1: rebuilt at the start, exactly"
}

rm -f "$d"/*.qsi "$d"/*.qsd
check_recovered "store deleted"
errlog ML | grep -q "AMQ7472W" || fail "no AMQ7472 for the deleted store"

for off in 100 4096 4200; do
	truncate -s "$off" "$d"/00000001.qsi
	check_recovered "journal truncated at $off"
done

printf 'X' | dd of="$d/00000001.qsi" bs=1 seek=40 conv=notrunc 2>/dev/null
check_recovered "a byte of the journal header changed"

seg=$(ls "$d" | grep '\.qsd$' | head -1)
truncate -s 5000 "$d/$seg"
check_recovered "data segment $seg truncated"

rm -f "$d/q"
check_recovered "definition file deleted"

note "damage found while running: the queue is damaged (AMQ7472, 2101, AMQ8149), gets no image, rcrmqobj rebuilds it"
run 0 strmqm ML
truncate -s 5000 "$d/$seg"
OUT=$("$T/mqi_tool" ML bigcheck M.Q 2>&1)
has "2101"
errlog ML | grep -q "AMQ7905E" || fail "no AMQ7905 for the message that read back wrong"
errlog ML | grep -q "AMQ7472W" || fail "no AMQ7472 for the queue found damaged"
[ "$("$T/mqi_tool" ML open M.Q)" = 2101 ] || fail "a queue found damaged while running opens"
OUT=$(printf 'DISPLAY QLOCAL(M.Q)\n' | runmqsc ML)
has "AMQ8149E"
run 132 rcdmqimg -m ML -t ql M.Q    # its image would copy the damage
has "AMQ7907E"
run 0 rcrmqobj -m ML -t ql M.Q
has "Object M.Q, type qlocal recreated."
got=$(prints ML M.Q)
[ "$got" = "$want" ] || fail "rcrmqobj of a queue damaged while running gave $got"
run 0 endmqm -w ML
got=$(ls "$d" | grep -c '\.qs[di]$')
[ "$got" -ge 2 ] || fail "rcrmqobj left no new store in $d"

note "strmqm -f: the queues folder lost whole; without -f the start marks them damaged, with -f it makes the folders again and rebuilds every queue"
run 0 strmqm ML
mqsc ML "DEFINE QALIAS(F.ALIAS) TARGET(M.Q)"
run 0 endmqm -w ML
qs="$MQ_DATA_PATH/qmgrs/ML/queues"
rm -rf "$qs"
run 0 strmqm ML
hasnt "recreated"
errlog ML | grep -q "AMQ7908E" || fail "no AMQ7908E for a queue whose folder is missing"
[ "$("$T/mqi_tool" ML open M.Q)" = 2101 ] || fail "M.Q opens with its folder gone"
run 0 endmqm -w ML
run 0 strmqm -f ML
has "missing folders of queue manager 'ML' made again"
has "Object M.Q, type qlocal recreated."
has "Object F.ALIAS, type qalias recreated."
has "Object SYSTEM.DEFAULT.LOCAL.QUEUE, type qlocal recreated."
got=$(prints ML M.Q)
[ "$got" = "$want" ] || fail "strmqm -f: M.Q holds $got"
[ "$("$T/mqi_tool" ML open F.ALIAS)" = 0 ] || fail "strmqm -f: F.ALIAS does not open"
run 0 endmqm -w ML
run 0 strmqm ML
hasnt "recreated"
run 0 endmqm -w ML

note "an old copy of the queue's folder put back"
run 0 strmqm ML
run 0 endmqm -w ML
cp -a "$d" old.q
run 0 strmqm ML
run 0 "$T/mqi_tool" ML get M.Q 1
run 0 "$T/mqi_tool" ML put M.Q 2 p no c
want=$(prints ML M.Q)
run 0 endmqm -w ML
rm -rf good.q && cp -a "$d" good.q
rm -rf "$d" && cp -a old.q "$d"
run 0 strmqm ML
got=$(prints ML M.Q)
[ "$got" = "$want" ] || fail "an older copy put back: the start gave $got"
errlog ML | grep -q "AMQ7900E" || fail "no AMQ7900 for the older copy"
run 0 rcrmqobj -m ML -t ql M.Q
got=$(prints ML M.Q)
[ "$got" = "$want" ] || fail "an older copy put back: rcrmqobj gave $got"
run 0 endmqm -w ML
note "an older copy put back: rebuilt from the log at the start (AMQ7900), rcrmqobj exact too"

note "the other types: the queue manager object, alias and model queues, generic names"
run 0 strmqm ML
mqsc ML "DEFINE QALIAS(M.ALIAS) TARGET(M.Q) DESCR('before')"
mqsc ML "DEFINE QMODEL(M.MODEL) MAXDEPTH(77)"
run 0 rcdmqimg -m ML -t all '*' -l
has "Media image for object ML, type qmgr recorded."
has "Media image for object M.ALIAS, type qalias recorded."
has "Media image for object M.MODEL, type qmodel recorded."
has "AMQ7467I"
has "AMQ7468I"
mqsc ML "ALTER QALIAS(M.ALIAS) DESCR('after')"
mqsc ML "ALTER QMGR DESCR('qm after')"
run 0 rcrmqobj -m ML -t qa 'M.AL*'
has "Object M.ALIAS, type qalias recreated."
run 0 rcrmqobj -m ML -t qmgr
has "Object ML, type qmgr recreated."
OUT=$(printf 'DISPLAY QALIAS(M.ALIAS) DESCR\nDISPLAY QMGR DESCR\n' | runmqsc ML)
has "DESCR(after)"
has "DESCR(qm after)"
run 0 rcrmqobj -m ML -t queue 'M.*'
has "Object M.ALIAS, type qalias recreated."
has "Object M.MODEL, type qmodel recreated."
has "Object M.Q, type qlocal recreated."
mqsc ML "DEFINE QLOCAL(N.Q) IMGRCOVQ(NO)"
run 71 rcdmqimg -m ML -t ql N.Q
has "not recoverable (IMGRCOVQ(NO))"
mqsc ML "ALTER QMGR IMGRCOVO(NO)"
run 71 rcdmqimg -m ML -t qa M.ALIAS
has "not recoverable (IMGRCOVO(NO))"
mqsc ML "ALTER QMGR IMGRCOVO(YES)"
mqsc ML "DELETE QLOCAL(N.Q)"
run 128 rcdmqimg -m ML -t ql 'NONE.*'
has "AMQ7910E"
run 128 rcrmqobj -m ML -t channel X
run 36 rcdmqimg -m ML -t ql
run 36 rcdmqimg -m ML -t nosuchtype X
run 36 rcrmqobj -m ML -l -t ql M.Q
run 72 rcdmqimg -m NOSUCHQM -t qmgr

note "rcrmqobj refuses a queue that is open (136), and leaves it as it was"
"$T/mqi_tool" ML waitget W.Q >waitget.out 2>&1 &
wpid=$!
wait_line 10 waitget.out READY
run 136 rcrmqobj -m ML -t ql W.Q
has "is open"
kill $wpid 2>/dev/null; wait $wpid 2>/dev/null

note "images while an application keeps putting and getting: nothing lost or duplicated"
( i=0; while [ $i -lt 40 ]; do "$T/mqi_tool" ML put W.Q 5 p no w$i >/dev/null; "$T/mqi_tool" ML get W.Q 2 >/dev/null; i=$((i + 1)); done ) &
lpid=$!
n=0
while kill -0 $lpid 2>/dev/null; do run 0 rcdmqimg -m ML -t ql W.Q; n=$((n + 1)); done
wait $lpid
note "$n images taken while the application ran"
want=$(prints ML W.Q)
[ "$(printf '%s\n' "$want" | wc -l)" = 120 ] || fail "W.Q should hold 120 messages, holds $(printf '%s\n' "$want" | wc -l)"
run 0 endmqm -w ML
w=$(qdir ML W.Q)
rm -f "$w"/*.qs*
run 0 strmqm ML
run 0 rcrmqobj -m ML -t ql W.Q
got=$(prints ML W.Q)
[ "$got" = "$want" ] || fail "W.Q after images under load and rcrmqobj differs"
note "rcrmqobj while an application keeps putting and getting on another queue: both queues exact"
run 0 "$T/mqi_tool" ML depth W.Q
d0=$OUT
mwant=$(prints ML M.Q)
( i=0; while [ $i -lt 30 ]; do "$T/mqi_tool" ML put W.Q 4 p no r$i >/dev/null; "$T/mqi_tool" ML get W.Q 1 >/dev/null; i=$((i + 1)); done ) &
lpid=$!
n=0
while kill -0 $lpid 2>/dev/null && [ $n -lt 10 ]; do
	run 0 rcrmqobj -m ML -t ql M.Q
	got=$(prints ML M.Q)
	[ "$got" = "$mwant" ] || fail "M.Q after rcrmqobj under load elsewhere: $got"
	n=$((n + 1))
done
wait $lpid
run 0 "$T/mqi_tool" ML depth W.Q
[ "$OUT" = $((d0 + 90)) ] || fail "W.Q holds $OUT messages after the load, not $((d0 + 90))"
note "$n rebuilds of M.Q while the application ran on W.Q"

note "a missing log file: AMQ6767 naming it, the queue left as it was; put back, rcrmqobj succeeds"
image_mq_first
# more log than an extent (256 KiB) after the images, so restart does not need theirs
i=0; while [ $i -lt 8 ]; do run 0 "$T/mqi_tool" ML bigput W.Q 100000 $((i + 10)); i=$((i + 1)); done
run 0 "$T/mqi_tool" ML get W.Q 8
want=$(prints ML M.Q)
run 0 endmqm -w ML
[ -n "$ext" ] || fail "rcdmqimg -l said no AMQ7468I naming the media recovery extent"
[ "$(medialog ML)" = "$ext" ] || fail "the error log's last AMQ7468I names $(medialog ML), rcdmqimg -l said $ext"
logd="$MQ_DATA_PATH/log/ML/active"
[ -f "$logd/$ext" ] || fail "no $ext in $logd: $(ls "$logd")"
mv "$logd/$ext" .
rm -f "$d"/*.qs*
run 0 strmqm ML
run 66 rcrmqobj -m ML -t ql M.Q
has "AMQ6767E"
has "$ext"
errlog ML | grep -q "AMQ6767E" || fail "AMQ6767 not in the error log"
[ "$("$T/mqi_tool" ML open M.Q)" = 2101 ] || fail "M.Q is not left damaged"
mv "$ext" "$logd/"
run 0 rcrmqobj -m ML -t ql M.Q
got=$(prints ML M.Q)
[ "$got" = "$want" ] || fail "M.Q after the extent came back: $got"
run 0 endmqm -w ML

note "a crash with a unit of work in flight on a queue then damaged, whose image needs a missing log file: strmqm names it and does not start; with the file back the start rebuilds it"
run 0 strmqm ML
image_mq_first
i=0; while [ $i -lt 8 ]; do run 0 "$T/mqi_tool" ML bigput W.Q 100000 $((i + 30)); i=$((i + 1)); done
want=$(prints ML M.Q)
"$T/mqi_tool" ML hold M.Q 2 0 p >hold.out 2>&1 &
hpid=$!
wait_line 10 hold.out READY
# a committed put after them makes the unit's records durable too
run 0 "$T/mqi_tool" ML put W.Q 1 p no flush
pid=$(qm_pid ML)
kill -9 "$pid"
wait_for 15 'pid_gone "$pid"'
kill $hpid 2>/dev/null; wait $hpid 2>/dev/null
rm -f "$d"/*.qs*
mv "$logd/$ext" .
run 71 strmqm ML
has "M.Q"
has "$ext"
errlog ML | grep -q "AMQ7908E" || fail "no AMQ7908 for the queue the start could not rebuild"
mv "$ext" "$logd/"
run 0 strmqm ML
has "Object M.Q, type qlocal recreated."
got=$(prints ML M.Q)
[ "$got" = "$want" ] || fail "after the start rebuilt M.Q (the unit in flight backed out) it holds $got"
run 0 endmqm -w ML

note "IMGSCHED(AUTO): images by log length, then by interval, while the queue manager runs"
run 0 strmqm ML
mqsc ML "ALTER QMGR IMGSCHED(AUTO) IMGLOGLN(1) IMGINTVL(OFF)"
medialsn() { dmpmqlog -m ML 2>/dev/null | sed -n 's/^medialsn \.* <\(.*\)>$/\1/p'; }
m0=$(medialsn)
i=0; while [ $i -lt 8 ]; do run 0 "$T/mqi_tool" ML bigput W.Q 200000 $((i + 70)); i=$((i + 1)); done
# every object imaged again (W.Q, deep, a part at a time): MEDIALOG moves on
wait_for 30 '[ "$(medialsn)" != "$m0" ]'
note "IMGLOGLN(1): images after 1.6 MB of log; MEDIALOG $m0 -> $(medialsn)"
run 0 "$T/mqi_tool" ML bigcheck W.Q get
run 0 endmqm -w ML
QUIRE_IMGINTVL_MS=200 run 0 strmqm ML
m0=$(medialsn)
mqsc ML "ALTER QMGR IMGSCHED(AUTO) IMGLOGLN(OFF) IMGINTVL(1)"
wait_for 20 '[ "$(medialsn)" != "$m0" ]'
note "IMGINTVL(1), its minute 200 ms for the test: with no other work every object imaged again; MEDIALOG $m0 -> $(medialsn)"
mqsc ML "ALTER QMGR IMGSCHED(MANUAL)"
run 0 endmqm -w ML

note "beyond MQ: rcrmqobj -e (a time or a log position) -n copies a queue as it was before an application drained it"
run 0 strmqm ML
mqsc ML "DEFINE QLOCAL(P.Q)"
run 0 "$T/mqi_tool" ML put P.Q 4 p no keep
run 0 rcdmqimg -m ML -t ql P.Q
run 0 "$T/mqi_tool" ML put P.Q 2 p sp kept
run 0 "$T/mqi_tool" ML put P.Q 1 np no gone
pwant=$(prints ML P.Q | head -6)
sleep 1.1
point=$(date +%Y-%m-%dT%H:%M:%S)
sleep 1.1
# the bad application: everything got, then one more put
run 0 "$T/mqi_tool" ML get P.Q 7
run 0 "$T/mqi_tool" ML put P.Q 1 p no late
run 0 rcrmqobj -m ML -t ql -e "$point" -n P.BACK P.Q
has "Object P.BACK, type qlocal recreated."
has "AMQ7911I"
lsn=$(printf '%s\n' "$OUT" | sed -n 's/.*log position \([0-9a-f:]*\)\.$/\1/p')
got=$(prints ML P.BACK)
[ "$got" = "$pwant" ] || fail "P.BACK as of $point holds
$got
instead of
$pwant"
[ "$(prints ML P.Q | wc -l)" = 1 ] || fail "rcrmqobj -n changed P.Q"
run 0 rcrmqobj -m ML -t ql -e "$lsn" -n P.BACK2 P.Q
got=$(prints ML P.BACK2)
[ "$got" = "$pwant" ] || fail "P.BACK2 as of log position $lsn holds $got"
run 0 rcrmqobj -m ML -t ql -n P.NOW P.Q
[ "$(prints ML P.NOW | wc -l)" = 1 ] || fail "P.NOW (a copy as of now) should hold the one late message"
run 71 rcrmqobj -m ML -t ql -n P.BACK P.Q
has "exists already"
run 36 rcrmqobj -m ML -t ql -e "$point" P.Q
run 36 rcrmqobj -m ML -t ql -e "yesterday" -n P.X P.Q
run 36 rcrmqobj -m ML -t ql -e "$point" -n P.X 'P.*'
# the copy is an ordinary queue: whole after a restart, and rebuilt from the log like any other
run 0 endmqm -w ML
rm -f "$(qdir ML P.BACK)"/*.qs*
run 0 strmqm ML
has "Object P.BACK, type qlocal recreated."
got=$(prints ML P.BACK)
[ "$got" = "$pwant" ] || fail "P.BACK after its store was lost and the start rebuilt it: $got"
run 0 endmqm -w ML

note "the queue manager object damaged at the start: rebuilt from the log with linear logging, the start refused with circular"
run 0 strmqm ML
mqsc ML "ALTER QMGR DESCR('kept by the log')"
run 0 endmqm -w ML
qmf="$MQ_DATA_PATH/qmgrs/ML/qmanager/QMANAGER"
rm -f "$qmf"
run 0 strmqm ML
has "Object ML, type qmgr recreated."
OUT=$(printf 'DISPLAY QMGR DESCR\n' | runmqsc ML)
has "DESCR(kept by the log)"
run 0 endmqm -w ML
printf 'X' | dd of="$qmf" bs=1 seek=60 conv=notrunc 2>/dev/null
run 0 strmqm ML
has "Object ML, type qmgr recreated."
run 0 endmqm -w ML

note "circular logging refuses both (68); a damaged queue is marked at the start, the start goes on, DELETE works"
run 0 crtmqm -lc MC
run 0 strmqm MC
run 68 rcdmqimg -m MC -t qmgr
has "AMQ7909E"
run 68 rcrmqobj -m MC -t ql SYSTEM.DEFAULT.LOCAL.QUEUE
mqsc MC "DEFINE QLOCAL(C.Q)"
run 0 "$T/mqi_tool" MC put C.Q 3 p no c
run 0 endmqm -w MC
c=$(qdir MC C.Q)
rm -f "$c"/*.qs*
run 0 strmqm MC
hasnt "recreated"
errlog MC | grep -q "AMQ7472W" || fail "circular: no AMQ7472 for the damaged queue"
[ "$("$T/mqi_tool" MC open C.Q)" = 2101 ] || fail "circular: the damaged queue opens"
mqsc MC "DELETE QLOCAL(C.Q)"
mqsc MC "DEFINE QLOCAL(C.Q)"
[ "$("$T/mqi_tool" MC open C.Q)" = 0 ] || fail "circular: the queue defined again does not open"
run 0 endmqm -w MC
rm -f "$MQ_DATA_PATH/qmgrs/MC/qmanager/QMANAGER"
run 71 strmqm MC
has "AMQ7472"
has "circular logging"

note "images at the end of a run move MEDIALOG, and LogManagement Automatic frees what is older"
run 0 crtmqm -lla -lf 64 MA
run 0 strmqm MA
mqsc MA "DEFINE QLOCAL(A.Q)"
i=0; while [ $i -lt 12 ]; do run 0 "$T/mqi_tool" MA bigput A.Q 100000 $i; run 0 "$T/mqi_tool" MA bigcheck A.Q get; i=$((i + 1)); done
run 0 endmqm -w MA
m1=$(medialog MA)
[ -n "$m1" ] && [ "$m1" != S0000000.LOG ] || fail "MEDIALOG did not move at the end of the run: '$m1'"
run 0 strmqm MA
i=0; while [ $i -lt 12 ]; do run 0 "$T/mqi_tool" MA bigput A.Q 100000 $((i + 50)); run 0 "$T/mqi_tool" MA bigcheck A.Q get; i=$((i + 1)); done
run 0 endmqm -w MA
ls "$MQ_DATA_PATH/log/MA/active" | grep -q "^S0000000.LOG$" && fail "LogManagement Automatic kept S0000000.LOG"
note "MEDIALOG $m1 after the first run; extents now $(ls "$MQ_DATA_PATH/log/MA/active" | tr '\n' ' ')"
sanitizer_check
