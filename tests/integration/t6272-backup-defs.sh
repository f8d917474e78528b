# issue 11: a backup queue manager follows the definitions its original made
# after the copy.  On the original, after the backup's copy: a new local
# queue with persistent messages (a unit of work committed, one backed out by
# its application's death, some outside syncpoint), an alias to it, a queue
# of the copy deleted with PURGE, another deleted and defined again with other
# attributes and new messages; later a model, a permanent dynamic queue from
# it, a queue defined, deleted and defined again as an alias, one defined,
# deleted and defined again as a local queue, an ALTER; process definitions and topic objects
# too (one of the copy deleted, one defined and altered, one defined, deleted
# and defined again).  The finished extents
# are copied in (RESET QMGR TYPE(ADVANCELOG) finishes the current one) and
# strmqm -r replays them twice, writing nothing; strmqm -a and strmqm then
# make the backup hold exactly the original's queues (DISPLAY QUEUE(*) ALL,
# attribute by attribute but for dates, times and runtime counts) and
# messages (size and checksum of each, in order); so do a plain restart, a
# restart after kill -9, and starts after the first start was killed at one
# of its syncs (QM_CRASH_AT), spread over all of them.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
O=$PWD/orig K=$PWD/bak
mkdir -p "$O" "$K"
trap 'exit 1' INT TERM HUP
trap 'MQ_DATA_PATH=$O endmqm -p QD >/dev/null 2>&1; MQ_DATA_PATH=$K endmqm -p QD >/dev/null 2>&1;
      MQ_DATA_PATH=$PWD/scratch endmqm -p QD >/dev/null 2>&1' EXIT
o() { MQ_DATA_PATH=$O "$@"; }   # the original
k() { MQ_DATA_PATH=$K "$@"; }   # the backup
OD=$O/qmgrs/QD OL=$O/log/QD KD=$K/qmgrs/QD KL=$K/log/QD
mqsc() { _m_who=$1; shift; printf '%s\n' "$@" | $_m_who runmqsc QD >mqsc.out 2>&1 || fail "runmqsc on $_m_who: $(cat mqsc.out)"; }
fingerprint() { (cd "$K" && find qmgrs/QD log/QD -type f ! -path '*/errors/*' ! -name amqbackup.fil | sort |
	xargs md5sum); }
# every extent of the original below CURRLOG (finished: the current one and
# any formatted ahead are not), through a temporary name.  The file listing
# cannot say which those are: the next extent may or may not have been
# formatted ahead yet
copy_finished() {
	_cf_cur=$(printf 'DISPLAY QMSTATUS CURRLOG\n' | MQ_DATA_PATH=$O runmqsc -e QD |
		sed -n 's/.*CURRLOG(S0*\([0-9][0-9]*\)\.LOG).*/\1/p')
	[ -n "$_cf_cur" ] || fail "no CURRLOG from the original"
	for _cf_f in "$OL"/active/S*.LOG; do
		_cf_n=$(basename "$_cf_f" .LOG | sed 's/^S0*//'); _cf_n=${_cf_n:-0}
		[ "$_cf_n" -lt "$_cf_cur" ] || continue
		cmp -s "$_cf_f" "$KL/active/$(basename "$_cf_f")" && continue
		cp "$_cf_f" "$KL/active/.copy" && mv "$KL/active/.copy" "$KL/active/$(basename "$_cf_f")"
	done
}
advance_and_copy() { mqsc o 'RESET QMGR TYPE(ADVANCELOG)'; grep -q AMQ8951I mqsc.out || fail "ADVANCELOG: $(cat mqsc.out)"; copy_finished; }
# DISPLAY QUEUE(*) ALL as one "QUEUE(name) ATTR(value)" line per attribute,
# sorted, without the dates, times and runtime counts
queues() {
	printf 'DISPLAY QUEUE(*) ALL\nDISPLAY PROCESS(*) ALL\nDISPLAY TOPIC(*) ALL\n' | MQ_DATA_PATH=$1 runmqsc QD | awk '
		/^AMQ8409I/ { q = ""; p = 0; next }
		/^AMQ8407I/ { q = ""; p = 1; next }
		/^AMQ8633I/ { q = ""; p = 2; next }
		/^   [A-Z]/ {
			s = $0
			while (match(s, /[A-Z][A-Z]*(\([^)]*\))?/)) {
				t = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH)
				if (t ~ /^QUEUE\(/ || (p == 1 && t ~ /^PROCESS\(/) || (p == 2 && t ~ /^TOPIC\(/)) { q = t; p = 0 }
				n = t; sub(/\(.*/, "", n)
				if (n ~ /^(ALTDATE|ALTTIME|CRDATE|CRTIME|CURDEPTH|IPPROCS|OPPROCS)$/) continue
				print q " " t
			}
		}' | sort
}
# every local queue's messages (browsed, in order): "QUEUE size sum", then
# "QUEUE TEXT bo=BACKOUTCOUNT pers=P"
messages() {
	for _ms_q in $(queues "$1" | sed -n 's/^QUEUE(\(.*\)) TYPE(QLOCAL)$/\1/p'); do
		MQ_DATA_PATH=$1 "$T/mqi_tool" QD bigcheck "$_ms_q" >bc.out || fail "bigcheck $_ms_q on $1: $(cat bc.out)"
		sed -n "s/^MSG /$_ms_q /p" bc.out
		MQ_DATA_PATH=$1 "$T/mqi_tool" QD browse "$_ms_q" >br.out || fail "browse $_ms_q on $1: $(cat br.out)"
		sed "s/^/$_ms_q /" br.out
	done
}
# the backup (in $2, default $K) holds what the original held at the copy's
# end, and as many queue folders (at least as many with $3: a start killed
# between a new queue's folder and the catalog entry naming it leaves the
# folder behind, as a DEFINE killed so on the original would)
same_as_original() {
	_so_k=${2:-$K}
	queues "$_so_k" >k.queues
	messages "$_so_k" >k.msgs
	diff o.queues k.queues >q.diff || fail "$1: the backup's queues differ from the original's: $(cat q.diff)"
	diff o.msgs k.msgs >m.diff || fail "$1: the backup's messages differ from the original's: $(cat m.diff)"
	_so_n=$(ls "$_so_k/qmgrs/QD/queues" | wc -l) _so_o=$(ls "$OD/queues" | wc -l)
	[ "$_so_n" = "$_so_o" ] || { [ -n "${3:-}" ] && [ "$_so_n" -gt "$_so_o" ]; } ||
		fail "$1: the backup has $_so_n queue folders, the original $_so_o"
	# (as for queues, a start killed part-way may leave a deleted topic's folder behind)
	[ "$(ls "$_so_k/qmgrs/QD/topics")" = "$(ls "$OD/topics")" ] || [ -n "${3:-}" ] ||
		fail "$1: the backup's topic folders $(ls "$_so_k/qmgrs/QD/topics" | tr '\n' ' ')differ from the original's"
}

note "the original (linear, Manual, small extents) with three queues; stopped, copied; the backup's first replay"
run 0 o crtmqm -lln -lf 64 QD
run 0 o strmqm QD
mqsc o 'DEFINE QLOCAL(OLD.DEL)' "DEFINE QLOCAL(OLD.RE) DESCR('first')" 'DEFINE QLOCAL(KEEP.Q)' \
	"DEFINE PROCESS(OLD.P) APPLICID('/bin/old')" "DEFINE PROCESS(KEEP.P) APPLICID('/bin/keep')" \
	"DEFINE TOPIC(OLD.T) TOPICSTR('old/t')" "DEFINE TOPIC(KEEP.T) TOPICSTR('keep') DEFPRTY(4)"
run 0 o "$T/mqi_tool" QD put OLD.DEL 3 p sp del
run 0 o "$T/mqi_tool" QD put OLD.RE 3 p sp old
run 0 o "$T/mqi_tool" QD put KEEP.Q 4 p nosp keep
run 0 o endmqm -w QD
run 0 k crtmqm -lln -lf 64 QD
cp "$KD/qm.ini" backup.qm.ini
rm -rf "$KD" "$KL"
cp -a "$OD" "$KD"
cp -a "$OL" "$KL"
cp backup.qm.ini "$KD/qm.ini"
run 0 k strmqm -r QD
has "replayed its log up to LSN"

note "after the copy: a new queue with messages, an alias to it, a queue deleted, another deleted and defined again"
run 0 o strmqm QD
mqsc o "DEFINE QLOCAL(NEW.Q) DESCR('defined after the copy') MAXDEPTH(777) MSGDLVSQ(FIFO) DEFPSIST(YES)"
run 0 o "$T/mqi_tool" QD put NEW.Q 3 p sp committed
run 0 o "$T/mqi_tool" QD put NEW.Q 2 p nosp outside
# a unit of work backed out: its application dies holding it
MQ_DATA_PATH=$O "$T/mqi_tool" QD hold NEW.Q 4 1 p >hold.out 2>&1 &
hp=$!
wait_line 20 hold.out READY
kill -9 $hp
wait $hp 2>/dev/null
wait_for 20 '[ "$(MQ_DATA_PATH=$O "$T/mqi_tool" QD depth NEW.Q)" = 5 ]'
mqsc o 'DEFINE QALIAS(NEW.AL) TARGET(NEW.Q)' 'DELETE QLOCAL(OLD.DEL) PURGE' 'DELETE QLOCAL(OLD.RE) PURGE' \
	"DEFINE QLOCAL(OLD.RE) DESCR('again') MAXDEPTH(55)" 'DELETE PROCESS(OLD.P)' \
	"DEFINE PROCESS(NEW.P) APPLICID('/bin/new') USERDATA('u')" "ALTER PROCESS(NEW.P) APPLTYPE(70000)" \
	"DEFINE PROCESS(RE.P) APPLICID('/bin/re1')" 'DELETE PROCESS(RE.P)' "DEFINE PROCESS(RE.P) APPLICID('/bin/re2')" \
	'DELETE TOPIC(OLD.T)' "DEFINE TOPIC(NEW.T) TOPICSTR('new/t') DURSUB(NO)" "ALTER TOPIC(NEW.T) PUB(DISABLED)" \
	"ALTER TOPIC(KEEP.T) DEFPRTY(6)"
grep -q AMQ8007I mqsc.out || fail "DELETE: $(cat mqsc.out)"
grep -q AMQ8011I mqsc.out || fail "DELETE PROCESS: $(cat mqsc.out)"
grep -q AMQ8692I mqsc.out || fail "DELETE TOPIC: $(cat mqsc.out)"
run 0 o "$T/mqi_tool" QD put OLD.RE 2 p sp re
run 0 o "$T/mqi_tool" QD put NEW.AL 1 p nosp via-alias
run 0 o "$T/mqi_tool" QD put KEEP.Q 1 p nosp keep-more
advance_and_copy
before=$(fingerprint)
run 0 k strmqm -r QD
has "replayed its log up to LSN"
hasnt "AMQ7957E"
[ "$(fingerprint)" = "$before" ] || fail "strmqm -r changed the backup's files"

note "more: a model and a permanent dynamic queue, TMP.Q local then alias, DD.Q local twice, an ALTER, a get"
mqsc o 'DEFINE QMODEL(NEW.MODEL) DEFTYPE(PERMDYN) MAXDEPTH(99)' 'DEFINE QLOCAL(TMP.Q)' 'DEFINE QLOCAL(DD.Q)'
run 0 o "$T/mqi_tool" QD put TMP.Q 2 p nosp tmp
run 0 o "$T/mqi_tool" QD put DD.Q 2 p nosp dd1
run 0 o "$T/mqi_tool" QD mkdyn NEW.MODEL DYN.Q 2
mqsc o 'DELETE QLOCAL(TMP.Q) PURGE' 'DEFINE QALIAS(TMP.Q) TARGET(KEEP.Q)' 'DELETE QLOCAL(DD.Q) PURGE' \
	'DEFINE QLOCAL(DD.Q) MAXDEPTH(9)' 'ALTER QLOCAL(NEW.Q) MAXDEPTH(888)'
run 0 o "$T/mqi_tool" QD put DD.Q 1 p sp dd2
run 0 o "$T/mqi_tool" QD get KEEP.Q 1
advance_and_copy
before=$(fingerprint)
run 0 k strmqm -r QD
has "replayed its log up to LSN"
has "0 units of work still in flight"
[ "$(fingerprint)" = "$before" ] || fail "the second strmqm -r changed the backup's files"
queues "$O" >o.queues
messages "$O" >o.msgs
for q in NEW.Q NEW.AL OLD.RE TMP.Q DD.Q NEW.MODEL DYN.Q KEEP.Q; do grep -q "^QUEUE($q) " o.queues || fail "no $q on the original"; done
for p in NEW.P RE.P KEEP.P; do grep -q "^PROCESS($p) " o.queues || fail "no process $p on the original"; done
grep -q "^PROCESS(NEW.P) APPLTYPE(70000)" o.queues || fail "NEW.P not altered on the original"
grep -q "^PROCESS(OLD.P)" o.queues && fail "OLD.P still on the original"
grep -q "^TOPIC(NEW.T) PUB(DISABLED)" o.queues || fail "NEW.T not altered on the original"
grep -q "^TOPIC(KEEP.T) DEFPRTY(6)" o.queues || fail "KEEP.T not altered on the original"
grep -q "^TOPIC(OLD.T)" o.queues && fail "OLD.T still on the original"
grep -q "^QUEUE(OLD.DEL)" o.queues && fail "OLD.DEL still on the original"
[ "$(grep -c '^NEW.Q [0-9]' o.msgs)" = 6 ] && grep -q '^NEW.Q committed-0 bo=1 pers=1$' o.msgs ||
	fail "NEW.Q on the original: $(cat o.msgs)"
[ "$(grep -c '^OLD.RE [0-9]' o.msgs)" = 2 ] && [ "$(grep -c '^DD.Q [0-9]' o.msgs)" = 1 ] || fail "the original: $(cat o.msgs)"

note "activated and started: the original's queues and messages"
run 0 k strmqm -a QD
cp -a "$K" activated
run 0 k strmqm QD
same_as_original "the first start"
hasnt_log() { ! grep -q "$1" "$KD/errors/AMQERR01.LOG" || fail "the backup's error log has $1"; }
hasnt_log AMQ7957E
hasnt_log AMQ7472
# the first checkpoint of the start names every local queue's file
nlocal=$(grep -c ') TYPE(QLOCAL)$' k.queues)
k dmpmqlog -b -m QD >dump.out 2>&1 || fail "dmpmqlog: $(tail -3 dump.out)"
ck=$(awk '/LogRecdType . . : Start Queue Manager/ { s = 1 } s && /active units of work; [0-9]+ queue files/ { print; exit }' dump.out)
note "the start's checkpoint: $(printf '%s\n' "$ck" | sed 's/.*units of work; \([0-9]* queue files\).*/\1/') for $nlocal local queues"
printf '%s\n' "$ck" | grep -q "; $nlocal queue files: " || fail "the start's checkpoint does not list $nlocal queue files: $ck"
run 0 k endmqm -w QD
run 0 k strmqm QD
same_as_original "a restart"

note "kill -9 of the started backup, strmqm: the same again"
pid=$(sed -n 's/^ *[Pp][Ii][Dd] *= *//p' "$KD/qmstatus.ini" | head -1)
[ -n "$pid" ] || fail "no pid for the backup"
kill -9 "$pid"
wait_for 20 'pid_gone $pid'
run 0 k strmqm QD
same_as_original "the restart after kill -9"
run 0 k endmqm -w QD

note "the first start after strmqm -a killed at syncs spread over it (its writes of the new queues' files, its checkpoint), then strmqm"
# a copy of the activated backup in $S (its own paths in mqs.ini and qm.ini)
S=$PWD/scratch
scratch() { rm -rf "$S" && cp -a activated "$S" && sed -i "s|$K|$S|g" "$S/mqs.ini" "$S/qmgrs/QD/qm.ini"; }
scratch
MQ_DATA_PATH=$S QM_CRASHPOINT_LOG=$PWD/points strmqm QD >/dev/null 2>&1 || fail "the scratch start"
nsync=$(grep -c '^sync$' points)
run 0 env MQ_DATA_PATH="$S" endmqm -w QD
[ "$nsync" -ge 24 ] || fail "only $nsync syncs in the first start"
# (the count varies by a sync or two from run to run: the last step is left
# out so that every kill lands inside the start)
step=$((nsync / 12))
n=1 kills=0
while [ $((n + step)) -le "$nsync" ]; do
	scratch
	MQ_DATA_PATH=$S QM_CRASH_AT=sync:$n strmqm QD >crash.out 2>&1 && fail "strmqm not killed at sync $n: $(cat crash.out)"
	run 0 env MQ_DATA_PATH="$S" strmqm QD
	same_as_original "killed at sync $n of the first start, then started" "$S" orphans-ok
	run 0 env MQ_DATA_PATH="$S" endmqm -w QD
	run 0 env MQ_DATA_PATH="$S" strmqm QD
	same_as_original "killed at sync $n of the first start, started twice" "$S" orphans-ok
	run 0 env MQ_DATA_PATH="$S" endmqm -w QD
	n=$((n + step)) kills=$((kills + 1))
done
note "$kills kills out of $nsync syncs, each start after them right"
run 0 o endmqm -w QD
sanitizer_check
exit 0
