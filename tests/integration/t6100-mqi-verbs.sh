# Every MQI verb and option of issue 4 with its reason codes, against a real
# queue manager: tests/mqi/mqi_verbs.c does the checking (one "ok" line each),
# then tests/mqi/mqi_stat.c MQSTAT and asynchronous puts,
# tests/mqi/mqi_ctx.c context passing, tests/mqi/mqi_inq.c MQINQ of every
# selector against DISPLAY, tests/mqi/mqi_convert.c MQGET with MQGMO_CONVERT
# (mqi_convert_hdr.c: of MQ's headers and PCF, and MQXCNVC),
# tests/mqi/mqi_props.c message handles and properties (mqi_propmd.c: the
# MQMD's fields as properties), tests/mqi/mqi_cb.c MQCB and MQCTL,
# tests/mqi/mqi_mark.c browse with lock and browse marks, tests/mqi/mqi_group.c
# message groups and segments, tests/mqi/mqi_mde.c the MQMDE with MQMD
# version 1, and tests/mqi/mqi_report.c confirm-on-arrival, confirm-on-delivery
# and expiration reports.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -p QV >/dev/null 2>&1; endmqm -p QCB >/dev/null 2>&1' EXIT

run 0 crtmqm -q QV
run 0 strmqm QV
run 0 runmqsc QV <<'MQSC'
DEFINE QLOCAL(T.Q1)
DEFINE QLOCAL(T.Q2)
DEFINE QLOCAL(T.Q3)
DEFINE QLOCAL(T.INH)
DEFINE QLOCAL(T.UOW)
DEFINE QLOCAL(T.EXP)
DEFINE QLOCAL(T.MATCH)
DEFINE QLOCAL(T.BROWSE)
DEFINE QLOCAL(T.TRUNC)
DEFINE QLOCAL(T.WAIT)
DEFINE QLOCAL(T.SMALL) MAXDEPTH(2) MAXMSGL(10)
DEFINE QLOCAL(T.BIG) MAXMSGL(100000)
DEFINE QLOCAL(T.PERS) DEFPSIST(YES) DEFPRTY(5)
DEFINE QLOCAL(T.FIFO) MSGDLVSQ(FIFO)
DEFINE QLOCAL(T.NOSHARE) NOSHARE
DEFINE QLOCAL(T.EXCLDEF) DEFSOPT(EXCL)
DEFINE QALIAS(T.ALIAS) TARGET(T.Q1)
DEFINE QALIAS(T.ALIAS.BAD) TARGET(NO.SUCH.QUEUE)
DEFINE QMODEL(T.MODEL.TEMP) DEFTYPE(TEMPDYN)
DEFINE QMODEL(T.MODEL.PERM) DEFTYPE(PERMDYN)
ALTER QMGR MAXMSGL(32768) MAXUMSGS(5)
MQSC
run 0 "$T/mqi_verbs" QV
hasnt "not ok"
has "checks, 0 failed"
echo "$OUT" | tail -1

# MQSTAT and asynchronous puts (tests/mqi/mqi_stat.c); DEFPRESP is a queue
# attribute MQSC shows
printf 'DEFINE QLOCAL(T.PRESP) DEFPRESP(ASYNC)\nDISPLAY QLOCAL(T.PRESP) DEFPRESP\nDISPLAY QLOCAL(T.Q1) DEFPRESP\n' >presp.mqsc
run_in 0 presp.mqsc runmqsc QV
has "DEFPRESP(ASYNC)"
has "DEFPRESP(SYNC)"
printf 'ALTER QLOCAL(T.PRESP) DEFPRESP(SOMETIMES)\n' >bad.mqsc
run_in 10 bad.mqsc runmqsc QV
has "DEFPRESP must be SYNC or ASYNC"
run 0 "$T/mqi_stat" QV
hasnt "not ok"
has "checks, 0 failed"
echo "$OUT" | tail -1

# message context passed from a saved context (tests/mqi/mqi_ctx.c relay):
# MQOO_SAVE_ALL_CONTEXT, MQPMO_PASS_ALL/IDENTITY_CONTEXT, each field and reason
printf 'DEFINE QLOCAL(T.CTX1)\nDEFINE QLOCAL(T.CTX2)\n' >ctx.mqsc
run_in 0 ctx.mqsc runmqsc QV
run 0 "$T/mqi_ctx" QV relay T.CTX1 T.CTX2
hasnt "not ok"
has "139 checks, 0 failed"
echo "$OUT" | tail -1

# MQINQ of every selector of each object type (tests/mqi/mqi_inq.c), each
# value as runmqsc's DISPLAY ... ALL shows it, then MQ's selector rules
run 0 runmqsc QV <<'MQSC'
DEFINE PROCESS(T.INQ.P) APPLICID('/bin/true') USERDATA(ud) ENVRDATA(ed) DESCR(proc)
DEFINE QLOCAL(T.INQ.L) DESCR(inquired) MAXDEPTH(77) TRIGGER TRIGTYPE(DEPTH) TRIGDPTH(3) PROCESS(T.INQ.P) +
  INITQ(SYSTEM.DEFAULT.INITIATION.QUEUE) NOSHARE HARDENBO BOQNAME(T.Q1) DEFPSIST(YES) MSGDLVSQ(FIFO)
DEFINE QALIAS(T.INQ.A) TARGET(T.INQ.L) DEFPRTY(4) PUT(DISABLED) PROPCTL(ALL)
DEFINE QMODEL(T.INQ.M) DEFTYPE(TEMPDYN)
ALTER QMGR DEADQ(SYSTEM.DEAD.LETTER.QUEUE) DESCR(inq) TRIGINT(5000)
MQSC
"$T/mqi_tool" QV put T.INQ.L one >/dev/null || fail "put on T.INQ.L"
inq_vs_display() {   # $1 $2: mqi_inq's object; $3: the DISPLAY command
	run 0 "$T/mqi_inq" QV show $1 $2
	hasnt "not ok"
	has "checks, 0 failed"
	printf '%s\n' "$OUT" | sed -n 's/^show //p' >inq.items
	printf '%s\n' "$3" >disp.mqsc
	run_in 0 disp.mqsc runmqsc QV
	n=0
	while IFS= read -r item; do
		printf '%s\n' "$OUT" | grep -qF -- " $item" || fail "MQINQ gave $item, DISPLAY differs: $OUT"
		n=$((n + 1))
	done <inq.items
	echo "mqi_inq $1 $2: $n values as DISPLAY shows them"
	[ "$n" -ge "$4" ] || fail "only $n selectors for $1"
}
inq_vs_display qmgr "" "DISPLAY QMGR ALL" 76
inq_vs_display queue T.INQ.L "DISPLAY QLOCAL(T.INQ.L) ALL" 55
inq_vs_display queue T.INQ.A "DISPLAY QALIAS(T.INQ.A) ALL" 20
inq_vs_display process T.INQ.P "DISPLAY PROCESS(T.INQ.P) ALL" 8
run 0 "$T/mqi_inq" QV rules T.INQ.L T.INQ.A T.INQ.M T.INQ.P
hasnt "not ok"
has "42 checks, 0 failed"
echo "$OUT" | tail -1
printf 'ALTER QMGR CHAD(ENABLED)\n' >bad.mqsc
run_in 10 bad.mqsc runmqsc QV
has "CHAD cannot be set: Quire does not have the feature it controls"

# MQGET with MQGMO_CONVERT (tests/mqi/mqi_convert.c)
run 0 "$T/mqi_convert" QV
hasnt "not ok"
has "checks, 0 failed"
echo "$OUT" | tail -1

# ... of MQ's own formats (DLH, PCF, MQRFH2) and the exits' MQXCNVC
# (tests/mqi/mqi_convert_hdr.c)
run 0 "$T/mqi_convert_hdr" QV
hasnt "not ok"
has "checks, 0 failed"
echo "$OUT" | tail -1

# message handles and properties (tests/mqi/mqi_props.c); PROPCTL is a queue
# attribute MQSC shows and checks
run 0 runmqsc QV <<'MQSC'
DEFINE QLOCAL(T.PROPS)
DEFINE QLOCAL(T.PROPS.NONE) PROPCTL(NONE)
DEFINE QLOCAL(T.PROPS.ALL) PROPCTL(ALL)
DEFINE QLOCAL(T.PROPS.FORCE) PROPCTL(FORCE)
DEFINE QLOCAL(T.PROPS.V6) PROPCTL(V6COMPAT)
DEFINE QLOCAL(T.PROPS.PERS)
DEFINE QALIAS(T.PROPS.AL) TARGET(T.PROPS) PROPCTL(NONE)
MQSC
printf 'DISPLAY QLOCAL(T.PROPS) PROPCTL\nDISPLAY QLOCAL(T.PROPS.FORCE) PROPCTL\nALTER QLOCAL(T.PROPS.NONE) PROPCTL(NONE)\n' >propctl.mqsc
run_in 0 propctl.mqsc runmqsc QV
has "PROPCTL(COMPAT)"
has "PROPCTL(FORCE)"
printf 'ALTER QLOCAL(T.PROPS) PROPCTL(SOMETIMES)\n' >bad.mqsc
run_in 10 bad.mqsc runmqsc QV
has "PROPCTL must be"
run 0 dmpmqcfg -m QV
has "PROPCTL(FORCE)"
has "PROPCTL(V6COMPAT)"
run 0 "$T/mqi_props" QV
hasnt "not ok"
has "checks, 0 failed"
echo "$OUT" | tail -1
# the MQMD's fields as properties (Root.MQMD.*) and MQPUT/MQPUT1/MQGET with
# no MsgDesc, the descriptor of a message handle (tests/mqi/mqi_propmd.c)
printf 'DEFINE QLOCAL(T.PROPS.MD)\n' | runmqsc QV >/dev/null
run 0 "$T/mqi_propmd" QV T.PROPS.MD
hasnt "not ok"
has "checks, 0 failed"
echo "$OUT" | tail -1
# confirm-on-arrival and -delivery reports (qm/server/report.c, tests/mqi/mqi_report.c)
printf 'DEFINE QLOCAL(T.RPT.DEST)\nDEFINE QLOCAL(T.RPT.REPLY)\nDEFINE QLOCAL(T.RPT.DLQ)\nALTER QMGR DEADQ(T.RPT.DLQ)\n' |
	runmqsc QV >/dev/null
run 0 "$T/mqi_report" QV T.RPT.DEST T.RPT.REPLY T.RPT.DLQ
hasnt "not ok"
has "checks, 0 failed"
echo "$OUT" | tail -1
printf "ALTER QMGR DEADQ(' ')\n" | runmqsc QV >/dev/null

# MQCB and MQCTL (tests/mqi/mqi_cb.c): consumers on libmqm's thread and on
# the caller's, the state rules, the calls each gets, syncpoint, wait
# intervals, MaxMsgLength, whole messages, get-inhibited queues
printf 'DEFINE QLOCAL(T.CB1)\nDEFINE QLOCAL(T.CB2)\nDEFINE QLOCAL(T.CB3)\nALTER QMGR MAXMSGL(4194304)\n' >cb.mqsc
run_in 0 cb.mqsc runmqsc QV
run 0 "$T/mqi_cb" QV
hasnt "not ok"
has "checks, 0 failed"
echo "$OUT" | tail -1

# browse with lock and browse marks (tests/mqi/mqi_mark.c): MQGMO_LOCK/UNLOCK,
# MARK/UNMARK_BROWSE_HANDLE and _CO_OP, UNMARKED_BROWSE_MSG, MQOO_CO_OP, the
# misuse reason codes, waits woken by an unlock, a lock released by kill -9 of
# its process; MARKINT is the queue manager's (default 5000 ms, or NOLIMIT)
printf 'DEFINE QLOCAL(T.MARK)\nDEFINE QLOCAL(T.MARK.H)\nDEFINE QLOCAL(T.MARK.CO)\nDISPLAY QMGR MARKINT\n' >mark.mqsc
run_in 0 mark.mqsc runmqsc QV
has "MARKINT(5000)"
printf 'ALTER QMGR MARKINT(NOLIMIT)\nDISPLAY QMGR MARKINT\n' >mark.mqsc
run_in 0 mark.mqsc runmqsc QV
has "MARKINT(NOLIMIT)"
printf 'ALTER QMGR MARKINT(-2)\n' >bad.mqsc
run_in 10 bad.mqsc runmqsc QV
has "MARKINT must be NOLIMIT, or a number from 0 to 999999999"
printf 'ALTER QMGR MARKINT(1500)\n' >mark.mqsc
run_in 0 mark.mqsc runmqsc QV
run 0 dmpmqcfg -m QV
has "MARKINT(1500)"
run 0 "$T/mqi_mark" QV
hasnt "not ok"
has "151 checks, 0 failed"
echo "$OUT" | tail -1

# a started connection when the queue manager ends: quiescing (endmqm -c)
# reaches a FAIL_IF_QUIESCING consumer and the event handler as 2161, an
# immediate end (endmqm -i) as 2162; START_WAIT returns with it
for how in c i; do
	run 0 crtmqm -q QCB
	run 0 strmqm QCB
	printf 'DEFINE QLOCAL(T.CB1)\n' >cb1.mqsc
	run_in 0 cb1.mqsc runmqsc QCB
	"$T/mqi_cb" QCB ending >cb-end.out 2>&1 &
	cbpid=$!
	wait_line 10 cb-end.out "# started"
	sleep 0.3
	run 0 endmqm -$how QCB
	wait "$cbpid" || { cat cb-end.out; fail "mqi_cb ending (endmqm -$how) failed"; }
	want=2162
	[ "$how" = c ] && want=2161
	file_has cb-end.out "START_WAIT ends when the queue manager ends ($want)"
	file_has cb-end.out "the event handler heard it: $want"
	wait_for 20 'qm_status QCB | grep -q "^Ended"'
	run 0 dltmqm QCB
done
# a persistent message with properties survives endmqm/strmqm and kill -9,
# every property value compared
run 0 "$T/mqi_props" QV put T.PROPS.PERS
run 0 endmqm -i QV
run 0 strmqm QV
run 0 "$T/mqi_props" QV check T.PROPS.PERS
hasnt "not ok"
has "checks, 0 failed"
run 0 "$T/mqi_props" QV put T.PROPS.PERS
pid=$(qm_pid QV)
[ -n "$pid" ] || fail "no PID in qmstatus.ini"
kill -9 "$pid"
wait_for 20 'pid_gone "$pid"'
run 0 strmqm QV
run 0 "$T/mqi_props" QV check T.PROPS.PERS
hasnt "not ok"
has "checks, 0 failed"

# message groups and segments (tests/mqi/mqi_group.c): every option and
# misuse, a 1 MiB logical message in segments got whole, segmentation by
# the queue manager
printf 'DEFINE QLOCAL(T.GRP)\nDEFINE QLOCAL(T.GRP2)\nDEFINE QLOCAL(T.GRP.PERS) DEFPSIST(YES)\nDEFINE QLOCAL(T.GRP.SMALL) MAXMSGL(1000)\n' >grp.mqsc
run_in 0 grp.mqsc runmqsc QV
run 0 "$T/mqi_group" QV
hasnt "not ok"
has "151 checks, 0 failed"
echo "$OUT" | tail -1
# a persistent group and segmented message survive endmqm -i and kill -9
# (read back from the queue store), in logical order and whole
run 0 "$T/mqi_group" QV put T.GRP.PERS
run 0 endmqm -i QV
run 0 strmqm QV
run 0 "$T/mqi_group" QV check T.GRP.PERS
has "7 checks, 0 failed"
run 0 "$T/mqi_group" QV put T.GRP.PERS
pid=$(qm_pid QV)
kill -9 "$pid"
wait_for 20 'pid_gone "$pid"'
run 0 strmqm QV
run 0 "$T/mqi_group" QV check T.GRP.PERS
has "7 checks, 0 failed"
# a COMPLETE_MSG get outside syncpoint killed (crash point grp-get) with its
# 16 MSG_GET records durable and its commit record not: all 16 segments are
# there after the restart, none gone; then got whole
run 0 "$T/mqi_group" QV segs T.GRP.PERS
run 0 endmqm -i QV
QM_CRASH_AT=grp-get:1 strmqm QV >/dev/null 2>&1 || fail "strmqm (crash at grp-get)"
pid=$(qm_pid QV)
run 0 "$T/mqi_group" QV crashget T.GRP.PERS
has "1 checks, 0 failed"
wait_for 20 'pid_gone "$pid"'
run 0 strmqm QV
run 0 "$T/mqi_group" QV count T.GRP.PERS 16
has "1 checks, 0 failed"
run 0 "$T/mqi_group" QV whole T.GRP.PERS
has "5 checks, 0 failed"
# a COMPLETE_MSG get under syncpoint, the queue manager killed before the
# commit: every segment back
run 0 "$T/mqi_group" QV segs T.GRP.PERS
"$T/mqi_group" QV syncget T.GRP.PERS >grp-sync.out 2>&1 &
gpid=$!
wait_line 20 grp-sync.out "# got, waiting"
pid=$(qm_pid QV)
kill -9 "$pid"
wait_for 20 'pid_gone "$pid"'
kill "$gpid" 2>/dev/null
wait "$gpid" 2>/dev/null
file_has grp-sync.out "ok 1 - COMPLETE_MSG get under syncpoint"
run 0 strmqm QV
run 0 "$T/mqi_group" QV count T.GRP.PERS 16
has "1 checks, 0 failed"
run 0 "$T/mqi_group" QV whole T.GRP.PERS
has "5 checks, 0 failed"

# the MQMDE with MQMD version 1 (tests/mqi/mqi_mde.c): put through an MQMDE
# and got with version 2, put with version 2 and got with version 1 (every
# field of the MQMDE), the defaults (none), 2248 and the group reasons,
# MQMDEs kept as data, truncation, CONVERT, the MQMDE the queue manager puts
# after the MQDLH of a segment, an MQCB consumer; then across endmqm -i and
# kill -9
printf 'DEFINE QLOCAL(T.MDE)\nDEFINE QLOCAL(T.MDE.PERS) DEFPSIST(YES)\n' >mde.mqsc
run_in 0 mde.mqsc runmqsc QV
run 0 "$T/mqi_mde" QV
hasnt "not ok"
has "58 checks, 0 failed"
echo "$OUT" | tail -1
run 0 "$T/mqi_mde" QV put T.MDE.PERS
has "3 checks, 0 failed"
run 0 endmqm -i QV
run 0 strmqm QV
run 0 "$T/mqi_mde" QV check T.MDE.PERS
has "4 checks, 0 failed"
run 0 "$T/mqi_mde" QV put T.MDE.PERS
has "3 checks, 0 failed"
pid=$(qm_pid QV)
kill -9 "$pid"
wait_for 20 'pid_gone "$pid"'
run 0 strmqm QV
run 0 "$T/mqi_mde" QV check T.MDE.PERS
has "4 checks, 0 failed"

# the queue manager is still well after all that, and ends cleanly
run 0 endmqm -w QV
has "Quire queue manager 'QV' ended."
run 0 dspmq -m QV
has "STATUS(Ended normally)"
sanitizer_check
exit 0
