# issue 11: log retention.  With linear logging an extent older than both
# RECLOG and MEDIALOG is superfluous.  A retention script that deletes
# exactly what DISPLAY QMSTATUS says is superfluous must leave a queue
# manager that restarts and recovers every object (rcrmqobj) with every
# committed persistent message; the error log's AMQ7467I/AMQ7468I name the
# same extents.  LogManagement Manual leaves the extents; Automatic frees
# them itself (AMQ7490I); Archive frees them once reported archived.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'for q in LR LA LV; do endmqm -p $q >/dev/null 2>&1; done' EXIT
mqsc() { printf '%s\n' "$2" >cmds.in; run "${3:-0}" runmqsc -e "$1" -f cmds.in; }
# qmstatus QM ATTR: the value DISPLAY QMSTATUS shows for ATTR
qmstatus() { printf 'DISPLAY QMSTATUS %s\n' "$2" | runmqsc -e "$1" | sed -n "s/.*$2(\([^)]*\)).*/\1/p" | head -1 | tr -d ' '; }
extno() { echo "$1" | sed 's/^S0*\([0-9][0-9]*\)\.LOG$/\1/; s/^S0*\.LOG$/0/'; }
errlog() { tr '\n' ' ' <"$MQ_DATA_PATH/qmgrs/$1/errors/AMQERR01.LOG"; }
last_7467() { errlog "$1" | grep -o "AMQ7467I: [^.]* queue manager $1 is S[0-9]*\.LOG" | tail -1 | sed 's/.* //'; }
last_7468() { errlog "$1" | grep -o "AMQ7468I: [^.]* queue manager $1 is S[0-9]*\.LOG" | tail -1 | sed 's/.* //'; }
# agree QM: DISPLAY QMSTATUS and the last AMQ7467I/AMQ7468I name the same
# extents (a checkpoint may move them between the two looks: look again)
agree() {
	_ag=0
	while :; do
		rec=$(qmstatus "$1" RECLOG); med=$(qmstatus "$1" MEDIALOG)
		[ "$(last_7467 "$1")" = "$rec" ] && [ "$(last_7468 "$1")" = "$med" ] && break
		_ag=$((_ag + 1))
		[ $_ag -lt 20 ] || fail "AMQ7467I says $(last_7467 "$1") and AMQ7468I $(last_7468 "$1"); DISPLAY QMSTATUS RECLOG($rec) MEDIALOG($med)"
		sleep 0.2
	done
}
# load QM Q FROM TO: persistent incompressible messages of 30-90 KB, seeds FROM..TO
load() { i=$3; while [ $i -le $4 ]; do run 0 "$T/mqi_tool" "$1" bigput "$2" $((30000 + (i * 7919) % 60000)) $i; i=$((i + 1)); done; }
prints() { "$T/mqi_tool" "$1" bigcheck "$2"; }
# retention QM: delete every S extent numbered below both RECLOG and MEDIALOG
# (as the recovery documentation tells a retention script to); echo how many
retention() {
	_r=$(extno "$(qmstatus "$1" RECLOG)"); _m=$(extno "$(qmstatus "$1" MEDIALOG)")
	_keep=$(( _r < _m ? _r : _m )); _n=0
	for _f in "$MQ_DATA_PATH/log/$1/active"/S*.LOG; do
		[ -e "$_f" ] || continue
		_x=$(extno "$(basename "$_f")")
		if [ "$_x" -lt "$_keep" ]; then rm -f "$_f"; _n=$((_n + 1)); fi
	done
	echo $_n
}

note "LogManagement Manual: the extents stay; DISPLAY QMSTATUS and the error log agree on RECLOG and MEDIALOG"
run 0 crtmqm -lln -lf 64 LR
run 0 strmqm LR
mqsc LR "DEFINE QLOCAL(R.A) DEFPSIST(YES)"
mqsc LR "DEFINE QLOCAL(R.B) DEFPSIST(YES)"
mqsc LR "DEFINE QLOCAL(R.C) DEFPSIST(YES)"
mqsc LR "DEFINE QALIAS(R.AL) TARGET(R.A)"
load LR R.A 1 12
load LR R.B 13 20
run 0 rcdmqimg -m LR -t '*' '*' -l
load LR R.A 21 40
run 0 "$T/mqi_tool" LR put R.C 5 p
run 0 "$T/mqi_tool" LR get R.C 3
run 0 rcdmqimg -m LR -t ql R.B -l
load LR R.B 41 50
mqsc LR "RESET QMGR TYPE(ADVANCELOG)"
rec=$(qmstatus LR RECLOG); med=$(qmstatus LR MEDIALOG); cur=$(qmstatus LR CURRLOG)
note "CURRLOG $cur RECLOG $rec MEDIALOG $med; extents: $(ls "$MQ_DATA_PATH/log/LR/active" | tr '\n' ' ')"
[ "$(extno "$med")" -gt 0 ] || fail "MEDIALOG did not move after the images: $med"
[ "$(extno "$rec")" -gt 0 ] || fail "RECLOG did not move: $rec"
agree LR
ls "$MQ_DATA_PATH/log/LR/active" | grep -q '^S0000000.LOG$' || fail "LogManagement Manual freed S0000000.LOG"
a1=$(prints LR R.A); b1=$(prints LR R.B); c1=$(prints LR R.C)
[ "$(printf '%s\n' "$c1" | grep -c '^MSG')" = 2 ] || fail "R.C: $c1"
[ "$(printf '%s\n' "$a1" | grep -c '^MSG')" = 32 ] || fail "R.A holds $(printf '%s\n' "$a1" | grep -c '^MSG') messages, expected 32"

note "the retention script deletes what is superfluous while the queue manager runs; restart and media recovery still work"
n=$(retention LR)
[ "$n" -gt 0 ] || fail "nothing was superfluous (RECLOG $rec, MEDIALOG $med)"
note "$n extents deleted"
run 0 "$T/mqi_tool" LR bigput R.A 40000 99
a1=$(prints LR R.A)
run 0 endmqm -i LR
run 0 strmqm LR
hasnt "AMQ6767"
[ "$(prints LR R.A)" = "$a1" ] || fail "R.A changed across the restart"
[ "$(prints LR R.B)" = "$b1" ] || fail "R.B changed across the restart"
[ "$(prints LR R.C)" = "$c1" ] || fail "R.C changed across the restart"
note "every object damaged and re-created from its image and the extents left"
run 0 endmqm -w LR
for q in R.A R.B R.C; do
	d=$(dspmqfls -m LR -t ql $q | sed -n 's|^\(/.*\)$|\1|p' | head -1)
	[ -n "$d" ] || fail "dspmqfls found no folder for $q"
	rm -f "$d"/*.qs? "$d"/q
done
run 0 strmqm LR
# the command server holds its queue open, and an open queue is not re-created
run 0 endmqcsv LR
run 0 rcrmqobj -m LR -t '*' '*'
hasnt "AMQ6767"
[ "$(prints LR R.A)" = "$a1" ] || fail "R.A re-created differently:
$(prints LR R.A)
expected
$a1"
[ "$(prints LR R.B)" = "$b1" ] || fail "R.B re-created differently"
[ "$(prints LR R.C)" = "$c1" ] || fail "R.C re-created differently"
mqsc LR "DISPLAY QUEUE(R.*) ALL"
has "TARGET(R.A)"
run 0 endmqm -w LR

note "deleting one extent too many is found: without the extent DISPLAY QSTATUS MEDIALOG names for R.B, rcrmqobj fails with AMQ6767"
run 0 strmqm LR
run 0 rcdmqimg -m LR -t ql R.B
load LR R.B 60 66
mqsc LR "RESET QMGR TYPE(ADVANCELOG)"
mqsc LR "DISPLAY QSTATUS(R.B) MEDIALOG"
qmed=$(printf '%s\n' "$OUT" | sed -n 's/.*MEDIALOG(\(S[0-9]*\.LOG\)).*/\1/p')
rec=$(qmstatus LR RECLOG)
note "R.B's MEDIALOG $qmed, RECLOG $rec"
[ -n "$qmed" ] && [ "$(extno "$qmed")" -lt "$(extno "$rec")" ] || fail "R.B's MEDIALOG ($qmed) should be older than RECLOG ($rec)"
b2=$(prints LR R.B)
run 0 endmqm -w LR
mv "$MQ_DATA_PATH/log/LR/active/$qmed" "$qmed.saved"
d=$(dspmqfls -m LR -t ql R.B | sed -n 's|^\(/.*\)$|\1|p' | head -1)
rm -f "$d"/*.qs? "$d"/q
run 0 strmqm LR
run 66 rcrmqobj -m LR -t ql R.B
has "AMQ7908E"
has "AMQ6767"
has "$qmed"
note "and with the extent put back, it is re-created"
mv "$qmed.saved" "$MQ_DATA_PATH/log/LR/active/$qmed"
run 0 rcrmqobj -m LR -t ql R.B
has "Object R.B, type qlocal recreated."
[ "$(prints LR R.B)" = "$b2" ] || fail "R.B re-created differently after the extent came back"
run 0 endmqm -i LR

note "LogManagement Automatic frees superfluous extents itself and says so (AMQ7490I)"
run 0 crtmqm -lla -lf 64 LA
run 0 strmqm LA
mqsc LA "DEFINE QLOCAL(A.Q) DEFPSIST(YES)"
i=0; while [ $i -lt 6 ]; do load LA A.Q $((i * 4)) $((i * 4 + 3)); run 0 "$T/mqi_tool" LA bigcheck A.Q get; run 0 rcdmqimg -m LA -t '*' '*'; i=$((i + 1)); done
mqsc LA "RESET QMGR TYPE(ADVANCELOG)"
load LA A.Q 90 93
rec=$(qmstatus LA RECLOG); med=$(qmstatus LA MEDIALOG)
keep=$(( $(extno "$rec") < $(extno "$med") ? $(extno "$rec") : $(extno "$med") ))
for f in "$MQ_DATA_PATH/log/LA/active"/S*.LOG; do
	[ "$(extno "$(basename "$f")")" -ge "$keep" ] || fail "Automatic kept superfluous $(basename "$f") (RECLOG $rec, MEDIALOG $med)"
done
errlog LA | grep -q "AMQ7490I" || fail "no AMQ7490I statistics in the error log"
a1=$(prints LA A.Q)
run 0 endmqm -i LA
run 0 strmqm LA
[ "$(prints LA A.Q)" = "$a1" ] || fail "A.Q changed across the restart"
run 0 endmqm -i LA

note "LogManagement Archive: an extent is freed only once reported archived; ARCHLOG names the oldest waiting"
run 0 crtmqm -ll -lf 64 LV
sed -i 's/LogManagement=Manual/LogManagement=Archive/' "$MQ_DATA_PATH/qmgrs/LV/qm.ini"
run 0 strmqm LV
mqsc LV "DEFINE QLOCAL(V.Q) DEFPSIST(YES)"
load LV V.Q 1 8
run 0 "$T/mqi_tool" LV bigcheck V.Q get
run 0 rcdmqimg -m LV -t '*' '*'
mqsc LV "RESET QMGR TYPE(ADVANCELOG)"
load LV V.Q 9 10
mqsc LV "RESET QMGR TYPE(ADVANCELOG)"
[ "$(qmstatus LV ARCHLOG)" = S0000000.LOG ] || fail "ARCHLOG is '$(qmstatus LV ARCHLOG)', expected S0000000.LOG"
ls "$MQ_DATA_PATH/log/LV/active" | grep -q '^S0000000.LOG$' || fail "Archive freed S0000000.LOG before it was archived"
# the archiver: copy each finished extent from ARCHLOG up to CURRLOG, report it
mkdir -p archive
cur=$(extno "$(qmstatus LV CURRLOG)")
n=0
while a=$(qmstatus LV ARCHLOG) && [ -n "$a" ] && [ "$(extno "$a")" -lt "$cur" ]; do
	cp "$MQ_DATA_PATH/log/LV/active/$a" archive/ || fail "no $a to archive"
	mqsc LV "SET LOG ARCHIVED($a)"
	has "AMQ8952I"
	n=$((n + 1)); [ $n -lt 100 ] || fail "the archiver does not end"
done
note "$n extents archived; ARCHSZ $(qmstatus LV ARCHSZ); extents now $(ls "$MQ_DATA_PATH/log/LV/active" | tr '\n' ' ')"
rec=$(qmstatus LV RECLOG); med=$(qmstatus LV MEDIALOG)
keep=$(( $(extno "$rec") < $(extno "$med") ? $(extno "$rec") : $(extno "$med") ))
[ "$keep" -gt 0 ] || fail "nothing became superfluous (RECLOG $rec MEDIALOG $med)"
for f in "$MQ_DATA_PATH/log/LV/active"/S*.LOG; do
	[ "$(extno "$(basename "$f")")" -ge "$keep" ] || fail "Archive kept $(basename "$f"), archived and superfluous"
done
a1=$(prints LV V.Q)
run 0 endmqm -i LV
run 0 strmqm LV
[ "$(prints LV V.Q)" = "$a1" ] || fail "V.Q changed across the restart"
run 0 endmqm -i LV
sanitizer_check
echo "ok"
