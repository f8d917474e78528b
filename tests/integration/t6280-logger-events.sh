# issue 11: logger events.  With ALTER QMGR LOGGEREV(ENABLED) on a linear
# queue manager, an event message on SYSTEM.ADMIN.LOGGER.EVENT when it
# starts, when LOGGEREV is enabled, and for each new log extent, naming
# CURRLOG, RECLOG, MEDIALOG and the log folder; evtdump checks every field
# and length of each message's MQMD and PCF.  The values are compared with
# the control file (dmpmqlog) and the error log's AMQ7467I/AMQ7468I.  An event
# that cannot be put (queue missing, full) is said once in the error log and
# the queue manager goes on.  With LogManagement Archive the events name
# ARCHLOG too, and SET LOG ARCHIVED that moves it makes one.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'for q in LE LA; do endmqm -p $q >/dev/null 2>&1; done' EXIT
EVQ=SYSTEM.ADMIN.LOGGER.EVENT
EXT=$((64 * 4096))          # crtmqm -lf 64: an extent of 64 pages
mqsc() { printf '%s\n' "$2" | runmqsc "$1" >/dev/null || fail "runmqsc $1: $2"; }
errlog() { tr '\n' ' ' <"$MQ_DATA_PATH/qmgrs/LE/errors/AMQERR01.LOG"; }
# an LSN of the control file, as a number (dmpmqlog's <0000:0000:0011:e000>)
lsn() { echo $((0x$(dmpmqlog -m LE 2>/dev/null | sed -n "s/^$1 \.* <\(.*\)>\$/\1/p" | tr -d ':'))); }
name() { printf 'S%07d.LOG' "$1"; }
# what the control file says: the extent written now (nextlsn's), RECLOG
# (HeadExtentID), MEDIALOG (medialsn's; 0: the first extent)
ctl_curr() { name $(($(lsn nextlsn) / EXT)); }
ctl_rec() { dmpmqlog -m LE 2>/dev/null | sed -n 's/^HeadExtentID \.* [0-9]* (\(S[0-9]*\.LOG\))$/\1/p'; }
ctl_media() { name $(($(lsn medialsn) / EXT)); }
# the last extent the error log's AMQ7467I (restart) / AMQ7468I (media) names
log_rec() { errlog | grep -o "needed to restart queue manager LE is S[0-9]*\.LOG" | tail -1 | sed 's/.* //'; }
log_media() { errlog | grep -o "media recovery of queue manager LE is S[0-9]*\.LOG" | tail -1 | sed 's/.* //'; }
said_rec() { errlog | grep -o "needed to restart queue manager LE is S[0-9]*\.LOG" | sed 's/.* //'; }
said_media() { errlog | grep -o "media recovery of queue manager LE is S[0-9]*\.LOG" | sed 's/.* //'; }
field() { printf '%s\n' "$1" | sed -n "s/.* $2=\([^ ]*\).*/\1/p"; }
# events: get them all (each get waits up to $1 ms), every one well formed
events() { run 0 "$T/evtdump" "${2:-LE}" "$1"; EV=$(printf '%s\n' "$OUT" | grep '^EVENT'); }
count() { printf '%s\n' "$OUT" | sed -n 's/^COUNT //p'; }
# N incompressible persistent messages of 300000 bytes (more than an extent each)
bigputs() {
	_i=0
	while [ $_i -lt "$1" ]; do run 0 "$T/mqi_tool" "${3:-LE}" bigput W.Q 300000 $((_i + $2)); _i=$((_i + 1)); done
}
seq_of() { echo "$1" | sed 's/^S0*\([0-9]\)/\1/; s/\.LOG$//'; }

note "LOGGEREV is DISABLED by default: no event at the start or for new extents"
run 0 crtmqm -ll -lf 64 LE
run 0 strmqm LE
printf 'DISPLAY QMGR LOGGEREV\n' | runmqsc LE >out.txt
grep -q "LOGGEREV(DISABLED)" out.txt || fail "LOGGEREV is not DISABLED by default: $(cat out.txt)"
mqsc LE "DEFINE QLOCAL(W.Q) MAXMSGL(1000000) MAXDEPTH(100000)"
c0=$(ctl_curr)
bigputs 3 1
[ "$(ctl_curr)" != "$c0" ] || fail "3 puts of 300000 bytes stayed in $c0"
events 300
[ "$(count)" = 0 ] || fail "events with LOGGEREV disabled: $OUT"

note "ALTER QMGR LOGGEREV(ENABLED): one event, naming the extents the log has now"
mqsc LE "ALTER QMGR LOGGEREV(ENABLED)"
events 2000
[ "$(count)" = 1 ] || fail "LOGGEREV enabled gave $(count) events: $OUT"
[ "$(field "$EV" qmgr)" = LE ] || fail "QMgrName: $EV"
[ "$(field "$EV" curr)" = "$(ctl_curr)" ] || fail "CurrentLogExtent, the control file has $(ctl_curr): $EV"
[ "$(field "$EV" rec)" = "$(ctl_rec)" ] || fail "RestartRecoveryLogExtent, the control file has $(ctl_rec): $EV"
[ "$(field "$EV" rec)" = "$(log_rec)" ] || fail "RestartRecoveryLogExtent, AMQ7467I says $(log_rec): $EV"
[ "$(field "$EV" media)" = "$(log_media)" ] || fail "MediaRecoveryLogExtent, AMQ7468I says $(log_media): $EV"
[ "$(field "$EV" path)" = "$MQ_DATA_PATH/log/LE/active/" ] || fail "LogPath: $EV"
[ -f "$(field "$EV" path)$(field "$EV" curr)" ] || fail "no $(field "$EV" curr) in the LogPath: $EV"
[ "$(field "$EV" pers)" = 0 ] || fail "the event queue is DEFPSIST(NO), the event: $EV"
events 300
[ "$(count)" = 0 ] || fail "a second event with nothing new: $OUT"

note "small extents filled with incompressible data: one event per new extent, in order"
s0=$(seq_of "$(ctl_curr)")
bigputs 5 10
s1=$(seq_of "$(ctl_curr)")
[ $((s1 - s0)) -ge 5 ] || fail "5 puts of 300000 bytes moved from extent $s0 to $s1 only"
events 2000
[ "$(count)" = $((s1 - s0)) ] || fail "extents $s0 to $s1 gave $(count) events: $OUT"
i=$((s0 + 1))
printf '%s\n' "$EV" >ev.txt
while read -r ev; do
	[ "$(field "$ev" curr)" = "$(name $i)" ] || fail "event for extent $i: $ev"
	r=$(seq_of "$(field "$ev" rec)") m=$(seq_of "$(field "$ev" media)")
	[ "$r" -le "$i" ] && [ "$m" -le "$r" ] || fail "RECLOG/MEDIALOG out of order: $ev"
	said_rec | grep -qx "$(field "$ev" rec)" || fail "RECLOG $(field "$ev" rec) never said by AMQ7467I: $(said_rec)"
	said_media | grep -qx "$(field "$ev" media)" || fail "MEDIALOG never said by AMQ7468I: $ev"
	i=$((i + 1))
done <ev.txt
last=$(printf '%s\n' "$EV" | tail -1)
[ "$(seq_of "$(field "$last" rec)")" -le "$(seq_of "$(ctl_rec)")" ] || fail "the last event's RECLOG is past the control file's $(ctl_rec)"

note "LOGGEREV(DISABLED) again: no events; ENABLED again: one"
mqsc LE "ALTER QMGR LOGGEREV(DISABLED)"
bigputs 2 20
events 300
[ "$(count)" = 0 ] || fail "events after LOGGEREV(DISABLED): $OUT"
mqsc LE "ALTER QMGR LOGGEREV(ENABLED)"
events 2000
[ "$(count)" = 1 ] && [ "$(field "$EV" curr)" = "$(ctl_curr)" ] || fail "LOGGEREV enabled again: $OUT"

note "a restart: one event, its values those of the control file and the error log at the start"
run 0 rcdmqimg -m LE -t '*' '*'
run 0 endmqm -w LE
run 0 strmqm LE
events 3000
[ "$(count)" = 1 ] || fail "the start gave $(count) events: $OUT"
[ "$(field "$EV" curr)" = "$(ctl_curr)" ] || fail "start: CURRLOG, the control file has $(ctl_curr): $EV"
[ "$(field "$EV" rec)" = "$(ctl_rec)" ] && [ "$(field "$EV" rec)" = "$(log_rec)" ] ||
	fail "start: RECLOG, the control file has $(ctl_rec), AMQ7467I $(log_rec): $EV"
[ "$(field "$EV" media)" = "$(ctl_media)" ] && [ "$(field "$EV" media)" = "$(log_media)" ] ||
	fail "start: MEDIALOG, the control file has $(ctl_media), AMQ7468I $(log_media): $EV"
[ "$(field "$EV" media)" != S0000000.LOG ] || fail "MEDIALOG did not move with the images: $EV"

note "a persistent event queue: events logged as persistent puts, kept across kill -9"
mqsc LE "ALTER QLOCAL($EVQ) DEFPSIST(YES)"
s0=$(seq_of "$(ctl_curr)")
bigputs 2 30
n=$(($(seq_of "$(ctl_curr)") - s0))
[ $n -ge 2 ] || fail "2 puts of 300000 bytes crossed $n extents"
wait_for 10 '[ "$("$T/evtdump" -b LE 0 | sed -n "s/^COUNT //p")" = $n ]'
run 0 "$T/evtdump" -b LE 0
has " pers=1 "
sk=$(seq_of "$(ctl_curr)")
pid=$(qm_pid LE)
kill -9 "$pid"
wait_for 20 'pid_gone $pid'
run 0 strmqm LE
events 3000
# the start itself may fill the extent it began in (where the log stood
# depends on every record before): each extent it crosses is one event more
x=$(($(seq_of "$(ctl_curr)") - sk))
[ "$(count)" = $((n + 1 + x)) ] ||
	fail "after kill -9: $(count) events, want the $n persistent ones, the start's and $x for extents the start began: $OUT"
[ "$(printf '%s\n' "$EV" | grep -c ' pers=1 ')" = $((n + 1 + x)) ] || fail "events not persistent: $OUT"

note "the event queue deleted: the queue manager goes on, AMQ7930W once; defined again: events again"
run 0 "$T/mqi_tool" LE bigcheck W.Q get
printf 'DELETE QLOCAL(%s) PURGE\n' "$EVQ" | runmqsc LE >out.txt || fail "DELETE QLOCAL($EVQ): $(cat out.txt)"
bigputs 3 40
[ "$(errlog | grep -o 'AMQ7930W' | wc -l)" = 1 ] || fail "AMQ7930W $(errlog | grep -o 'AMQ7930W' | wc -l) times for 3 lost events"
errlog | grep -q "could not be put on queue $EVQ (reason 2085)" || fail "AMQ7930W does not say 2085: $(errlog | tail -c 600)"
run 0 "$T/mqi_tool" LE bigcheck W.Q get
[ "$(printf '%s\n' "$OUT" | grep -c '^MSG 300000 ')" = 3 ] || fail "W.Q after the lost events: $OUT"
mqsc LE "DEFINE QLOCAL($EVQ)"
bigputs 1 50
events 2000
[ "$(count)" -ge 1 ] && [ "$(field "$(printf '%s\n' "$EV" | tail -1)" curr)" = "$(ctl_curr)" ] ||
	fail "no event after the queue was defined again: $OUT"

note "the event queue full: events beyond MAXDEPTH lost, said once more (a put worked since)"
mqsc LE "ALTER QLOCAL($EVQ) MAXDEPTH(1)"
bigputs 3 60
[ "$(errlog | grep -o 'AMQ7930W' | wc -l)" = 2 ] || fail "AMQ7930W $(errlog | grep -o 'AMQ7930W' | wc -l) times, want 2"
errlog | grep -q "(reason 2053)" || fail "AMQ7930W does not say 2053"
events 300
[ "$(count)" = 1 ] || fail "MAXDEPTH(1) held $(count) events"
run 0 "$T/mqi_tool" LE put W.Q 1 p
run 0 endmqm -w LE

note "LogManagement Archive: ArchiveLogExtent in every event, and one more when SET LOG ARCHIVED moves ARCHLOG"
sed -i 's/^\( *LogManagement=\).*/\1Archive/' "$MQ_DATA_PATH/mqs.ini"
run 0 crtmqm -ll -lf 64 LA
run 0 strmqm LA
mqsc LA "ALTER QMGR LOGGEREV(ENABLED)"
mqsc LA "DEFINE QLOCAL(W.Q) MAXMSGL(1000000)"
events 2000 LA
[ "$(count)" = 1 ] && printf '%s\n' "$EV" | grep -q ' arch= ' || fail "no extent waits for archiving yet: $OUT"
bigputs 2 70 LA
events 2000 LA
[ "$(count)" -ge 2 ] || fail "2 puts of 300000 bytes gave $(count) events: $OUT"
[ "$(printf '%s\n' "$EV" | grep -c ' arch=S0000000.LOG ')" = "$(count)" ] || fail "ARCHLOG is not S0000000.LOG: $OUT"
curr=$(field "$(printf '%s\n' "$EV" | tail -1)" curr)
printf 'SET LOG ARCHIVED(S0000000.LOG)\n' | runmqsc LA >out.txt
grep -q AMQ8952I out.txt || fail "SET LOG ARCHIVED: $(cat out.txt)"
events 2000 LA
[ "$(count)" = 1 ] || fail "ARCHLOG moved: $(count) events: $OUT"
[ "$(field "$EV" arch)" = S0000001.LOG ] && [ "$(field "$EV" curr)" = "$curr" ] || fail "ARCHLOG moved: $EV"
printf 'DISPLAY QMSTATUS LOG\n' | runmqsc LA | grep -q "ARCHLOG(S0000001.LOG)" || fail "DISPLAY QMSTATUS differs: $EV"
printf 'SET LOG ARCHIVED(S0000000.LOG)\n' | runmqsc LA >out.txt
events 300 LA
[ "$(count)" = 0 ] || fail "an event with ARCHLOG unchanged: $OUT"
run 0 endmqm -w LA
sanitizer_check
echo "t6280 ok"
