# The systemd unit (packaging/systemd/quire@.service) without systemd as PID 1:
# systemd-analyze verify on it (its /usr/bin commands rewritten to this
# build's), then its Exec lines run as systemd runs them, by a small stand-in
# for the service manager: the instance for %I, Environment= exported (as a
# drop-in would, QUIRE_STOP_WAIT shortened for one stop), a leading '-'
# ignoring the exit status, NOTIFY_SOCKET bound by tests/mqi/sdlisten
# (abstract and path), stdout and stderr a "journal" file that
# JOURNAL_STREAM names.  The unit's User=mqm is not applied: the Exec lines run
# as the test's own user (root here), which owns the queue manager.
#   - start: READY=1 only after the recovery STATUS lines, from MAINPID, which is
#     the queue manager process dspmq and qmstatus.ini know; strmqm (ExecStart)
#     gone; a second strmqm says AMQ7005E; a message put and got;
#   - stop: ExecStop's endmqm -w ends it cleanly (STOPPING=1, "Ended normally")
#     well within TimeoutStopSec; with an application that stays connected,
#     -w runs out of QUIRE_STOP_WAIT and endmqm -i ends it ("Ended
#     immediately"), still within the limit;
#   - endmqm by hand ends a queue manager systemd started; the ExecStop lines
#     that follow do no harm;
#   - kill -9 of MAINPID: ExecStop's lines return at once, ExecStart again
#     (Restart=on-failure) recovers every committed message, its STATUS lines
#     showing the objects loaded and the log replayed, a new MAINPID;
#   - the journal has strmqm's lines and the error log's entries with their
#     priorities.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
top=$(cd "$(dirname "$0")/../.." && pwd)
B=$(cd "$QUIRE_BUILD" && pwd)
UNIT=$top/packaging/systemd/quire@.service
QM=QM1
LPID=
trap 'exit 1' INT TERM HUP
trap 'endmqm -p $QM >/dev/null 2>&1; [ -n "$LPID" ] && kill $LPID 2>/dev/null' EXIT
note "the Exec lines run as $(id -un), not as the unit's User=mqm (no systemd here to switch user)"

note "the unit's content: what the service must be"
for want in 'Type=notify' 'NotifyAccess=all' 'User=mqm' 'Group=mqm' 'ExecStart=/usr/bin/strmqm %I' \
	'ExecStop=-/usr/bin/timeout ${QUIRE_STOP_WAIT} /usr/bin/endmqm -w %I' 'ExecStop=-/usr/bin/endmqm -z -i %I' \
	'Restart=on-failure' 'NoNewPrivileges=yes' 'ProtectSystem=strict' 'ReadWritePaths=/var/mqm' 'PrivateTmp=yes' \
	'StandardError=journal' 'WantedBy=multi-user.target'; do
	grep -qxF -- "$want" "$UNIT" || fail "the unit lacks the line '$want'"
done
grep -q '^KillMode=none' "$UNIT" && fail "KillMode=none: systemd would not supervise the queue manager"
nofile=$(sed -n 's/^LimitNOFILE=//p' "$UNIT")
[ "${nofile:-0}" -ge 10240 ] || fail "LimitNOFILE=$nofile (MQ asks for 10240 at least)"
TSTOP=$(sed -n 's/^TimeoutStopSec=//p' "$UNIT")
WAIT=$(sed -n 's/^Environment=QUIRE_STOP_WAIT=//p' "$UNIT")
[ -n "$TSTOP" ] && [ -n "$WAIT" ] && [ "$WAIT" -lt "$TSTOP" ] || fail "TimeoutStopSec=$TSTOP, QUIRE_STOP_WAIT=$WAIT"

# this build's commands for the /usr/bin ones the unit names
cp "$UNIT" unit.in
for x in "$B"/bin/*; do
	x=$(basename "$x")
	sed -i "s#/usr/bin/$x\\([ ]\\|\$\\)#$B/bin/$x\\1#g" unit.in
done
mkdir -p units
cp unit.in 'units/quire@.service'
grep -q "^ExecStart=$B/bin/strmqm %I\$" 'units/quire@.service' || fail "paths not rewritten: $(grep ^Exec 'units/quire@.service')"

if command -v systemd-analyze >/dev/null 2>&1; then
	# the man pages Documentation= names: checked too when docs/man has every one
	man=yes
	for ref in $(sed -n 's/^Documentation=//p' "$UNIT"); do
		page=${ref#man:}; sect=${page#*(}; sect=${sect%)}; page=${page%%(*}
		f=$(find "$top/docs/man" -name "$page.$sect" -o -name "$page.$sect.*" 2>/dev/null | head -1)
		if [ -n "$f" ]; then
			mkdir -p "mantree/man$sect"
			ln -sf "$f" "mantree/man$sect/"
		else
			man=no
		fi
	done
	MANPATH=$PWD/mantree; export MANPATH
	note "systemd-analyze verify (the man pages it names checked: $man)"
	OUT=$(systemd-analyze verify --man=$man 'units/quire@.service' 2>&1) || fail "systemd-analyze verify: $OUT"
	[ -z "$OUT" ] || fail "systemd-analyze verify says: $OUT"
	# ... and it does catch a broken unit (the check is not a formality)
	sed 's/^Type=notify$/Type=notified/; s#^ExecStart=.*#ExecStart=/nonexistent/strmqm %I#' 'units/quire@.service' >'units/broken@.service'
	systemd-analyze verify --man=no 'units/broken@.service' >verify.broken 2>&1 && fail "a broken unit passed verify"
	grep -q 'nonexistent/strmqm' verify.broken || fail "verify of the broken unit: $(cat verify.broken)"
	rm -f 'units/broken@.service'
else
	fail "systemd-analyze is not installed (Debian: systemd); the unit cannot be verified"
fi

# ---- the stand-in service manager -------------------------------------------------
# Environment= as systemd sets it
eval "$(sed -n "s/^Environment=\\([A-Za-z_][A-Za-z0-9_]*\\)=\\(.*\\)/\\1='\\2'; export \\1/p" unit.in)"
EXEC_START=$(sed -n 's/^ExecStart=//p' unit.in)
sed -n 's/^ExecStop=//p' unit.in >exec_stop
[ "$(wc -l <exec_stop)" = 2 ] || fail "ExecStop lines: $(cat exec_stop)"
# exec_line LINE: %I/%i the instance, $VAR from the environment, '-' ignores the exit status
exec_line() {
	_el_line=$(printf '%s' "$1" | sed "s/%[Ii]/$QM/g")
	_el_ign=0
	case $_el_line in -*) _el_ign=1; _el_line=${_el_line#-} ;; esac
	eval "set -- $_el_line"
	"$@"; _el_rc=$?
	[ $_el_ign = 1 ] && _el_rc=0
	return $_el_rc
}
: >journal
JOURNAL_STREAM=$(stat -c '%d:%i' journal)
# listen ADDR: a fresh notify log from sdlisten bound at ADDR
listen() {
	[ -n "$LPID" ] && kill $LPID 2>/dev/null && wait $LPID 2>/dev/null
	rm -f notify.log
	"$B/tests/mqi/sdlisten" "$1" notify.log 2>sdlisten.err &
	LPID=$!
	wait_for 10 '[ -f notify.log ]'
	NOTIFY_SOCKET=$1
}
# start: ExecStart as systemd runs it, then READY=1 awaited; MAINPID set
start() {
	NOTIFY_SOCKET=$NOTIFY_SOCKET JOURNAL_STREAM=$JOURNAL_STREAM exec_line "$EXEC_START" >>journal 2>&1 ||
		fail "ExecStart failed: $(tail -5 journal)"
	wait_line 30 notify.log " READY=1"
	MAINPID=$(sed -n 's/^[0-9]* MAINPID=//p' notify.log | tail -1)
	[ -n "$MAINPID" ] || fail "no MAINPID: $(cat notify.log)"
}
# stop: ExecStop's lines in order; STOP_S the seconds they took
stop() {
	_st_t0=$(date +%s)
	while IFS= read -r _st_l; do
		exec_line "$_st_l" >>journal 2>&1 || fail "ExecStop '$_st_l' failed"
	done <exec_stop
	STOP_S=$(( $(date +%s) - _st_t0 ))
	[ "$STOP_S" -lt "$TSTOP" ] || fail "the stop took ${STOP_S}s, TimeoutStopSec is $TSTOP"
}
# line_no TEXT: the number of the first line of notify.log that has TEXT
line_no() { grep -nF -- "$1" notify.log | head -1 | cut -d: -f1; }

run 0 crtmqm $QM

note "start through an abstract NOTIFY_SOCKET"
listen "@quire-t9000-$$"
start
pid=$(qm_pid $QM)
[ "$MAINPID" = "$pid" ] || fail "MAINPID $MAINPID, qmstatus.ini says $pid"
tr '\0' ' ' <"/proc/$MAINPID/cmdline" | grep -q '^amqzxma0 ' || fail "MAINPID $MAINPID is $(tr '\0' ' ' <"/proc/$MAINPID/cmdline")"
# every line came from the queue manager process (the kernel's credentials)
[ -z "$(grep -v "^$MAINPID " notify.log)" ] || fail "lines from another pid: $(cat notify.log)"
[ "$(line_no MAINPID=)" = 1 ] || fail "MAINPID is not first: $(cat notify.log)"
r=$(line_no READY=1); rec=$(line_no 'STATUS=AMQ7232I'); load=$(line_no 'objects loaded')
[ -n "$rec" ] && [ -n "$load" ] && [ "$load" -lt "$rec" ] && [ "$rec" -lt "$r" ] || fail "READY=1 before recovery: $(cat notify.log)"
file_has notify.log "STATUS=Running: queue manager $QM accepts connections; restart recovery replayed"
file_has notify.log "EXTEND_TIMEOUT_USEC=120000000"
[ -z "$(sed -n "${r},\$p" notify.log | grep EXTEND_TIMEOUT)" ] || fail "the timeout extended after READY"
[ "$(qm_status $QM)" = Running ] || fail "dspmq: $(qm_status $QM)"
run 5 strmqm $QM
has "AMQ7005E: Queue manager '$QM' is running."
# strmqm, ExecStart's process, has gone; stdin is /dev/null, stderr the journal
[ "$(readlink /proc/$MAINPID/fd/0)" = /dev/null ] || fail "fd 0: $(readlink /proc/$MAINPID/fd/0)"
[ "$(readlink /proc/$MAINPID/fd/2)" = "$PWD/journal" ] || fail "fd 2: $(readlink /proc/$MAINPID/fd/2)"
ps -eo pid=,args= | grep -v grep | grep -q "strmqm $QM\$" && fail "strmqm still running"
printf 'DEFINE QLOCAL(APP.Q) DEFPSIST(YES) MAXDEPTH(100000)\n' | runmqsc $QM >define.out 2>&1 || fail "DEFINE: $(cat define.out)"
echo "hello from the service" | "$B/samples/amqsput" APP.Q $QM >amqsput.out 2>&1 || fail "amqsput: $(cat amqsput.out)"
"$B/samples/amqsget" APP.Q $QM >amqsget.out 2>&1
grep -q "message <hello from the service>" amqsget.out || fail "amqsget: $(cat amqsget.out)"

note "ExecStop: endmqm -w ends it cleanly, at once"
stop
[ "$STOP_S" -lt "$WAIT" ] || fail "a stop with no application took ${STOP_S}s"
wait_for 10 "pid_gone $MAINPID"
[ "$(qm_status $QM)" = "Ended normally" ] || fail "dspmq: $(qm_status $QM)"
wait_line 5 notify.log "STATUS=Ended normally"
s=$(line_no STOPPING=1)
[ -n "$s" ] && [ "$s" -lt "$(line_no 'STATUS=Ended normally')" ] || fail "STOPPING=1: $(cat notify.log)"
file_has notify.log "STATUS=Ending: controlled"
file_has journal "Quire queue manager '$QM' starting."
file_has journal "<6>AMQ8003I: Quire queue manager '$QM' started using"
file_has journal "<6>AMQ8004I: Quire queue manager '$QM' ended."

note "a path NOTIFY_SOCKET; an application that stays: -w runs out of time, endmqm -i ends it"
listen "$PWD/notify.sock"
start
"$B/tests/mqi/mqi_tool" $QM idle >idle.out 2>&1 &
ipid=$!
wait_line 10 idle.out READY
QUIRE_STOP_WAIT=2
stop
[ "$STOP_S" -ge 2 ] || fail "the stop took ${STOP_S}s: -w did not wait for the application"
wait_for 10 "pid_gone $MAINPID"
[ "$(qm_status $QM)" = "Ended immediately" ] || fail "dspmq: $(qm_status $QM)"
wait_line 5 notify.log "STATUS=Ended immediately"
file_has notify.log "STATUS=Ending: controlled"
file_has notify.log "STATUS=Ending immediately"
[ "$(grep -c ' STOPPING=1' notify.log)" = 2 ] || fail "STOPPING lines: $(cat notify.log)"
wait_for 10 "pid_gone $ipid"
QUIRE_STOP_WAIT=$WAIT

note "endmqm by hand ends a queue manager systemd started"
listen "@quire-t9000-$$"
start
run 0 endmqm -w $QM
has "Quire queue manager '$QM' ended."
wait_for 10 "pid_gone $MAINPID"
file_has notify.log " STOPPING=1"
stop   # what systemd runs next: no harm done, no failure
[ "$STOP_S" -le 5 ] || fail "ExecStop on an ended queue manager took ${STOP_S}s"
[ "$(qm_status $QM)" = "Ended normally" ] || fail "dspmq: $(qm_status $QM)"

note "kill -9 of MAINPID: ExecStop, then ExecStart again (Restart=on-failure) recovers"
listen "@quire-t9000-$$"
start
"$B/tests/mqi/mqi_tool" $QM put APP.Q 9000 p sp kept >put.out 2>&1 || fail "put: $(cat put.out)"
old=$MAINPID
kill -9 $old
wait_for 10 "pid_gone $old"
[ "$(qm_status $QM)" = "Ended unexpectedly" ] || fail "dspmq: $(qm_status $QM)"
stop
[ "$STOP_S" -le 5 ] || fail "ExecStop after a crash took ${STOP_S}s"
listen "@quire-t9000-$$"
QUIRE_PROGRESS_MS=0; export QUIRE_PROGRESS_MS   # every progress event a STATUS line
start
unset QUIRE_PROGRESS_MS
[ "$MAINPID" != "$old" ] || fail "the same MAINPID"
[ "$MAINPID" = "$(qm_pid $QM)" ] || fail "MAINPID $MAINPID, qmstatus.ini $(qm_pid $QM)"
grep -q "STATUS=Restart recovery of $QM: loading queues, \\([0-9]*\\) of \\1 objects loaded" notify.log ||
	fail "no load progress: $(cat notify.log)"
grep -q "STATUS=Restart recovery of $QM: log replay, [0-9]* records, at LSN [0-9a-f:]* of [0-9a-f:]* (100%)" notify.log ||
	fail "no replay progress: $(cat notify.log)"
# with QUIRE_PROGRESS_MS=0 every object loaded is a line, and none was lost
nobj=$(sed -n 's/.*loading queues, [0-9]* of \([0-9]*\) objects loaded.*/\1/p' notify.log | tail -1)
[ "$(grep -c "loading queues, [0-9]* of $nobj objects loaded" notify.log)" = "$nobj" ] ||
	fail "load lines lost: $(grep -c 'loading queues' notify.log) of $nobj"
# how much of the 9,000 came from the queue store and how much from the log
msgs=$(sed -n 's/.*objects loaded, \([0-9]*\) messages$/\1/p' notify.log | tail -1)
recs=$(sed -n 's/.*STATUS=Running: .*replayed \([0-9]*\) log records.*/\1/p' notify.log | tail -1)
note "after kill -9: $msgs messages loaded from the queue store, $recs log records replayed"
[ $((msgs + recs)) -ge 9000 ] || fail "recovery saw $msgs messages and $recs records for 9000 messages"
if [ "$recs" -gt 4096 ]; then
	grep -q "log replay, [0-9]* records, at LSN .* ([0-9]%)\\|log replay, [0-9]* records, at LSN .* ([0-9][0-9]%)" notify.log ||
		fail "a replay of $recs records showed no progress on the way: $(cat notify.log)"
fi
run 0 "$B/tests/mqi/mqi_tool" $QM depth APP.Q
[ "$OUT" = 9000 ] || fail "depth after recovery: $OUT"
file_has journal "<6>AMQ7229I"
stop
wait_for 10 "pid_gone $MAINPID"
[ "$(qm_status $QM)" = "Ended normally" ] || fail "dspmq: $(qm_status $QM)"
kill $LPID; wait $LPID 2>/dev/null; LPID=
[ -s sdlisten.err ] && fail "sdlisten: $(cat sdlisten.err)"
sanitizer_check
note "ok"
