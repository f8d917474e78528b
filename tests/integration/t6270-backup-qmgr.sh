# issue 11: a backup queue manager kept in step with its original (strmqm -r),
# activated (strmqm -a) and started.  The original (linear logging,
# LogManagement Manual, 256 KiB extents) is loaded by two applications putting
# persistent messages of several sizes (up to 3 MiB: records of many parts
# that cross extents) under syncpoint, with gets, and a unit of work held open
# throughout; the backup is made from a copy taken while the original was
# stopped, then the extents the original finishes are copied in and replayed
# several times during the load.  Each replay must leave the backup's log and
# files byte for byte as they were.  After activation and a start the backup
# must hold exactly what the applications were acknowledged (MQCMIT OK):
# every body there, once, and nothing of the unit of work still open.  Then
# the refusals: a plain start of a backup, -r after -a, -a of a queue manager
# that is not a backup, -r with LogManagement Automatic and with circular
# logging.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
O=$PWD/orig K=$PWD/bak
mkdir -p "$O" "$K"
pids=
trap 'exit 1' INT TERM HUP
trap 'touch stop; for p in $pids; do kill $p 2>/dev/null; done; MQ_DATA_PATH=$O endmqm -p QB >/dev/null 2>&1;
      MQ_DATA_PATH=$K endmqm -p QB >/dev/null 2>&1; MQ_DATA_PATH=$PWD/bak2 endmqm -p QB >/dev/null 2>&1; for q in QA QC QN; do endmqm -p $q >/dev/null 2>&1; done' EXIT
o() { MQ_DATA_PATH=$O "$@"; }   # the original
k() { MQ_DATA_PATH=$K "$@"; }   # the backup
OD=$O/qmgrs/QB OL=$O/log/QB KD=$K/qmgrs/QB KL=$K/log/QB
# the backup's log and files, everything but its error logs and its state file
fingerprint() { (cd "${1:-$K}" && find qmgrs/QB log/QB -type f ! -path '*/errors/*' ! -name amqbackup.fil | sort |
	xargs md5sum); }
# copy the extents the original has finished into the backup: every S file
# below the two newest (the one being written, and the one formatted ahead),
# each through a temporary name so the backup never sees half a file
copy_finished() {
	_cf_to=${1:-$KL}
	_cf_hi=$(ls "$OL/active" | sed -n 's/^S0*\([0-9][0-9]*\)\.LOG$/\1/p' | sort -n | tail -1)
	for _cf_f in "$OL"/active/S*.LOG; do
		_cf_n=$(basename "$_cf_f" .LOG | sed 's/^S0*//'); _cf_n=${_cf_n:-0}
		[ "$_cf_n" -le $((_cf_hi - 2)) ] || continue
		cmp -s "$_cf_f" "$_cf_to/active/$(basename "$_cf_f")" && continue
		cp "$_cf_f" "$_cf_to/active/.copy" && mv "$_cf_to/active/.copy" "$_cf_to/active/$(basename "$_cf_f")"
	done
}
# the LSN a replay reached, as a hex number (AMQ7950I)
replayed_lsn() { printf '%s\n' "$OUT" | sed -n "s/^Backup queue manager 'QB' replayed its log up to LSN \([0-9A-Fa-f:]*\) .*/\1/p" | tr -d :; }
nextents() { ls "$KL/active" | grep -c '^S.*\.LOG$'; }

note "the original: linear, Manual, small extents; a first load; stopped with endmqm -w and copied"
run 0 o crtmqm -lln -lf 64 QB
run 0 o strmqm QB
printf 'DEFINE QLOCAL(B.Q) MAXDEPTH(100000)\nDEFINE QLOCAL(F.Q)\n' | o runmqsc QB >/dev/null || fail "runmqsc"
run 0 o "$T/mqi_backload" QB B.Q pre 6 "$PWD/stop"
printf '%s\n' "$OUT" >acked.pre
run 0 o endmqm -w QB

note "the backup: crtmqm with the same name and log settings, its folders overwritten by the copy (its own qm.ini kept: it names its own log folder)"
run 0 k crtmqm -lln -lf 64 QB
cp "$KD/qm.ini" backup.qm.ini
rm -rf "$KD" "$KL"
cp -a "$OD" "$KD"
cp -a "$OL" "$KL"
cp backup.qm.ini "$KD/qm.ini"
before=$(fingerprint)
run 0 k strmqm -r QB
has "Backup queue manager 'QB' replayed its log up to LSN"
has "0 units of work still in flight"
lsn=$(replayed_lsn)
[ -n "$lsn" ] || fail "no LSN in: $OUT"
[ "$(fingerprint)" = "$before" ] || fail "strmqm -r changed the backup's files"
[ -f "$KD/amqbackup.fil" ] || fail "no backup state file"
file_has "$KD/errors/AMQERR01.LOG" "AMQ7950I"
run 71 k strmqm QB
has "AMQ7952E: Queue manager 'QB' is a backup queue manager: it cannot be started before it is activated."
run 36 k strmqm -r -a QB

note "the original again, under load from two applications and a unit of work held open; finished extents copied in and replayed during the load"
run 0 o strmqm QB
MQ_DATA_PATH=$O "$T/mqi_tool" QB hold B.Q 3 0 p >hold.out 2>&1 &
pids="$pids $!"
wait_line 20 hold.out READY
MQ_DATA_PATH=$O "$T/mqi_backload" QB B.Q la 48 "$PWD/stop" 250 >acked.la 2>&1 &
la=$!; pids="$pids $la"
MQ_DATA_PATH=$O "$T/mqi_backload" QB B.Q lb 48 "$PWD/stop" 250 >acked.lb 2>&1 &
lb=$!; pids="$pids $lb"
# the loaders stop after their 48 units of work; on a slow machine the rounds
# below may outlast them, and a round then finishes extents with a filler
# message of its own on FILL.Q (which nothing checks)
printf 'DEFINE QLOCAL(FILL.Q)\n' | o runmqsc QB >/dev/null || fail "runmqsc FILL.Q"
filled=0
loaders_done() { pid_gone $la && pid_gone $lb; }
fill_log() {
	loaders_done || return 0
	filled=$((filled + 1))
	o "$T/mqi_tool" QB bigput FILL.Q 1000000 $filled >/dev/null 2>&1 || fail "filler put $filled"
}
# an ALTER QMGR on the original after the copy reaches the backup too
printf "ALTER QMGR DESCR('altered after the copy')\n" | o runmqsc QB >/dev/null || fail "ALTER QMGR"
replays=0
for round in 1 2 3 4; do
	# each application has had 8 more puts acknowledged since the last
	# round (or has finished), and the original has finished 3 extents the
	# backup lacks
	have=$(nextents)
	wait_for 120 '{ loaders_done || { [ $(grep -c "^P" acked.la) -ge $((round * 8)) ] && [ $(grep -c "^P" acked.lb) -ge $((round * 8)) ]; }; } &&
		{ [ $(ls "$OL/active" | grep -c "^S.*\.LOG$") -ge $((have + 3)) ] || { fill_log; false; }; }'
	copy_finished
	[ "$(nextents)" -gt "$have" ] || fail "round $round: no new extent copied"
	if [ $round = 2 ]; then
		# the next extent as a copy taken while the original wrote it: its
		# first 135000 bytes (a page cut short), zeros after; the next
		# round copies it whole over this
		nx=$(ls "$KL/active" | sed -n 's/^S0*\([0-9][0-9]*\)\.LOG$/\1/p' | sort -n | tail -1)
		nx=$(printf 'S%07d.LOG' $((nx + 1)))
		[ -f "$OL/active/$nx" ] || fail "no $nx on the original"
		head -c 135000 "$OL/active/$nx" >half && truncate -s 262144 half && mv half "$KL/active/$nx"
	fi
	before=$(fingerprint)
	run 0 k strmqm -r QB
	replays=$((replays + 1))
	new=$(replayed_lsn)
	[ -n "$new" ] || fail "no LSN in: $OUT"
	[ "$(printf '%d' 0x$new)" -gt "$(printf '%d' 0x$lsn)" ] || fail "round $round: replay reached $new, not past $lsn"
	[ "$(fingerprint)" = "$before" ] || fail "round $round: strmqm -r changed the backup's files"
	note "round $round: $(printf '%s\n' "$OUT" | head -2 | tr '\n' ' ')"
	lsn=$new
	if [ $round = 2 ]; then
		# a scratch copy of the backup as it is now (its last extent the
		# half-written one) activated and started: what it holds is checked
		# once the load is over (every body one acknowledged as put, once)
		S=$PWD/scratch
		rm -rf "$S"
		cp -a "$K" "$S"
		sed -i "s|$K|$S|g" "$S/mqs.ini" "$S/qmgrs/QB/qm.ini"
		run 0 env MQ_DATA_PATH="$S" strmqm -a QB
		run 0 env MQ_DATA_PATH="$S" strmqm QB
		run 0 env MQ_DATA_PATH="$S" "$T/mqi_tool" QB bigcheck B.Q
		printf '%s\n' "$OUT" | sed -n 's/^MSG //p' | sort >mid.have
		run 0 env MQ_DATA_PATH="$S" endmqm -w QB
		rm -rf "$S"
	fi
done
touch stop
for p in $pids; do
	case "$(ps -o args= -p $p 2>/dev/null)" in *mqi_backload*) wait $p || fail "a loader failed: $(cat acked.la acked.lb | grep '^E')";; esac
done
grep -q '^E' acked.la acked.lb && fail "a loader failed: $(grep '^E' acked.la acked.lb)"
[ "$(grep -c '^P' acked.la)" -ge 10 ] && [ "$(grep -c '^P' acked.lb)" -ge 10 ] || fail "too little load"

note "the load stopped (the held unit of work still open); filler pushes its last records into finished extents; the last replay"
for s in 1 2 3; do run 0 o "$T/mqi_tool" QB bigput F.Q 1000000 $s; done
copy_finished
before=$(fingerprint)
run 0 k strmqm -r QB
has "1 units of work still in flight"
[ "$(fingerprint)" = "$before" ] || fail "the last strmqm -r changed the backup's files"
o "$T/mqi_tool" QB bigcheck B.Q >orig.browse || fail "browse of the original"

note "activated: -r refused from now on; started: exactly what was acknowledged"
run 0 k strmqm -a QB
has "Backup queue manager 'QB' activated."
run 71 k strmqm -r QB
has "AMQ7954E"
run 71 k strmqm -a QB
has "AMQ7956E"
run 0 k strmqm QB
file_has "$KD/errors/AMQERR01.LOG" "AMQ7233I"
OUT=$(echo "DISPLAY QMGR DESCR" | k runmqsc QB)
has "altered after the copy"
run 0 k "$T/mqi_tool" QB bigcheck B.Q
printf '%s\n' "$OUT" | sed -n 's/^MSG //p' | sort >have
cat acked.pre acked.la acked.lb | sed -n 's/^P [0-9]* //p' | sort >put
cat acked.pre acked.la acked.lb | sed -n 's/^G [0-9]* //p' | sort >got
# put minus got, as multisets (a body is put once: every line is unique)
[ -z "$(uniq -d put)" ] || fail "a body put twice: $(uniq -d put)"
comm -23 put got >want
[ "$(comm -13 put got | grep -c .)" = 0 ] || fail "got a body never acknowledged as put: $(comm -13 put got | head -3)"
[ -z "$(uniq -d have)" ] || fail "on the backup twice: $(uniq -d have | head -3)"
[ -z "$(comm -23 want have)" ] || fail "acknowledged and missing on the backup: $(comm -23 want have | head -3)"
[ -z "$(comm -13 want have)" ] || fail "on the backup and never acknowledged (uncommitted?): $(comm -13 want have | head -3)"
sed -n 's/^MSG //p' orig.browse | sort >orig.have
[ -s mid.have ] || fail "the scratch backup of round 2 held nothing"
[ -z "$(uniq -d mid.have)" ] || fail "on the scratch backup twice: $(uniq -d mid.have | head -3)"
[ -z "$(comm -23 mid.have put)" ] || fail "on the scratch backup and never acknowledged as put: $(comm -23 mid.have put | head -3)"

cmp -s orig.have have || fail "the backup differs from the original"
note "$(wc -l <put) puts and $(wc -l <got) gets acknowledged; the backup holds the $(wc -l <have) expected messages after $replays replays during the load"
run 0 k "$T/mqi_tool" QB bigcheck F.Q
[ "$(printf '%s\n' "$OUT" | grep -c '^MSG')" -le 3 ] || fail "F.Q: $OUT"
run 0 k endmqm -w QB
run 0 k strmqm QB
run 0 k "$T/mqi_tool" QB bigcheck B.Q
[ "$(printf '%s\n' "$OUT" | sed -n 's/^MSG //p' | sort)" = "$(cat have)" ] || fail "a second start changed B.Q"
OUT=$(echo "DISPLAY QMGR DESCR" | k runmqsc QB)
has "altered after the copy"
run 0 k endmqm -w QB
run 0 o endmqm -i QB

note "a second backup: a missing extent stops the replay (AMQ6767E names it) and nothing changes; a queue defined on the original after the copy is followed"
K2=$PWD/bak2
mkdir -p "$K2"
run 0 env MQ_DATA_PATH="$K2" crtmqm -lln -lf 64 QB
cp "$K2/qmgrs/QB/qm.ini" bak2.qm.ini
rm -rf "$K2/qmgrs/QB" "$K2/log/QB"
cp -a "$OD" "$K2/qmgrs/QB"
cp -a "$OL" "$K2/log/QB"
cp bak2.qm.ini "$K2/qmgrs/QB/qm.ini"
run 0 env MQ_DATA_PATH="$K2" strmqm -r QB
run 0 o strmqm QB
for s in 1 2 3; do run 0 o "$T/mqi_tool" QB bigput F.Q 400000 $s; done
copy_finished "$K2/log/QB"
mid=$(ls "$K2/log/QB/active" | grep '^S' | sort | tail -3 | head -1)
mv "$K2/log/QB/active/$mid" away.LOG
before=$(fingerprint "$K2")
run 23 env MQ_DATA_PATH="$K2" strmqm -r QB
has "AMQ6767E"
has "$mid"
has "AMQ7957E"
[ "$(fingerprint "$K2")" = "$before" ] || fail "a failed replay changed the backup"
mv away.LOG "$K2/log/QB/active/$mid"
run 0 env MQ_DATA_PATH="$K2" strmqm -r QB
printf 'DEFINE QLOCAL(NEW.Q)\n' | o runmqsc QB >/dev/null || fail "runmqsc"
run 0 o "$T/mqi_tool" QB put NEW.Q 2 p sp new
for s in 4 5 6; do run 0 o "$T/mqi_tool" QB bigput F.Q 400000 $s; done
copy_finished "$K2/log/QB"
# a queue defined on the original after the copy is followed (t6272 has the details)
before=$(fingerprint "$K2")
run 0 env MQ_DATA_PATH="$K2" strmqm -r QB
hasnt "AMQ7957E"
[ "$(fingerprint "$K2")" = "$before" ] || fail "a replay with a new queue changed the backup"
run 71 env MQ_DATA_PATH="$K2" strmqm QB
has "AMQ7952E"
run 0 env MQ_DATA_PATH="$K2" strmqm -a QB
run 0 env MQ_DATA_PATH="$K2" strmqm QB
run 0 env MQ_DATA_PATH="$K2" "$T/mqi_tool" QB browse NEW.Q
[ "$OUT" = "$(printf 'new-0 bo=0 pers=1\nnew-1 bo=0 pers=1')" ] || fail "NEW.Q on the backup: $OUT"
run 0 env MQ_DATA_PATH="$K2" endmqm -w QB
run 0 o endmqm -w QB

note "refusals: -a of a queue manager that is not a backup, -r with LogManagement Automatic, with circular logging"
run 0 crtmqm -lln -lf 64 QN
run 71 strmqm -a QN
has "AMQ7956E: Queue manager 'QN' is not a backup queue manager."
run 0 crtmqm -lla -lf 64 QA
run 71 strmqm -r QA
has "AMQ7953E: strmqm -r is not allowed for queue manager 'QA'"
has "Automatic"
[ ! -f "$MQ_DATA_PATH/qmgrs/QA/amqbackup.fil" ] || fail "QA flagged as a backup"
run 0 strmqm QA
run 0 endmqm -w QA
run 0 crtmqm -lc QC
run 71 strmqm -r QC
has "AMQ7953E"
has "circular"
# and a qm.ini that says Automatic, on a queue manager created Manual
sed -i 's/LogManagement=Manual/LogManagement=Automatic/' "$MQ_DATA_PATH/qmgrs/QN/qm.ini"
run 71 strmqm -r QN
has "Automatic"
sanitizer_check
exit 0
