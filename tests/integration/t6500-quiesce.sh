# Quiescing and stopping with applications connected: endmqm -c (2161 for
# calls that ask FAIL_IF_QUIESCING, new connections refused, the others carry
# on), -w waiting for the last application, -i (2162 for a waiting MQGET,
# units of work backed out), -p (applications cut off).
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
pids=
trap 'exit 1' INT TERM HUP
trap 'endmqm -p QQ >/dev/null 2>&1; for p in $pids; do kill $p 2>/dev/null; done' EXIT

run 0 crtmqm QQ
run 0 strmqm QQ
run 0 runmqsc QQ <<'MQSC'
DEFINE QLOCAL(Q.Q)
DEFINE QLOCAL(Q.W)
MQSC

note "endmqm -c with applications connected"
"$T/mqi_tool" QQ idle fiq >idle.out 2>&1 &
idle=$!; pids="$pids $idle"
"$T/mqi_tool" QQ waitget Q.W >waitget.out 2>&1 &
waitget=$!; pids="$pids $waitget"
mkfifo calls.in
"$T/mqi_tool" QQ calls Q.Q <calls.in >calls.out 2>&1 &
calls=$!; pids="$pids $calls"
exec 3>calls.in
wait_for 20 'grep -q READY idle.out && grep -q READY waitget.out && grep -q READY calls.out'
run 0 endmqm -c QQ
has "Request to quiesce queue manager 'QQ' accepted."
wait_for 20 'grep -q "^2161$" idle.out'
wait_for 20 'grep -q "^DISC 0$" idle.out'
[ "$(qm_status QQ)" = Quiescing ] || fail "status $(qm_status QQ)"
run 1 "$T/mqi_tool" QQ depth Q.Q
has "failed: 2161"
echo plain >&3
wait_for 20 '[ "$(grep -c . calls.out)" -ge 2 ]'
[ "$(sed -n 2p calls.out)" = 0 ] || fail "a put without FAIL_IF_QUIESCING while quiescing: $(cat calls.out)"
echo fiq:asks >&3
wait_for 20 '[ "$(grep -c . calls.out)" -ge 3 ]'
[ "$(sed -n 3p calls.out)" = 2161 ] || fail "a put with FAIL_IF_QUIESCING while quiescing: $(cat calls.out)"
grep -q . waitget.out && [ "$(grep -c . waitget.out)" -gt 1 ] && fail "the waiting get ended: $(cat waitget.out)"

note "endmqm -w waits for the applications"
endmqm -w QQ >endw.out 2>&1 3>&- &
endw=$!; pids="$pids $endw"
exec 3>&-
wait $calls
wait_for 20 'grep -q "Waiting until" endw.out'
kill -0 $endw 2>/dev/null || fail "endmqm -w returned while an application is connected: $(cat endw.out)"
[ "$(qm_status QQ)" = Quiescing ] || fail "status $(qm_status QQ)"

note "endmqm -i: the waiting get fails with 2162"
run 0 endmqm -i QQ
has "ended."
wait $endw || fail "endmqm -w failed: $(cat endw.out)"
grep -q "Quire queue manager 'QQ' ended." endw.out || fail "endmqm -w said $(cat endw.out)"
wait_for 20 'grep -q "^2162" waitget.out'
[ "$(qm_status QQ)" = "Ended immediately" ] || fail "status $(qm_status QQ)"
wait $waitget

note "the put made while quiescing is kept"
run 0 strmqm QQ
run 0 "$T/mqi_tool" QQ get Q.Q 1
[ "$OUT" = plain ] || fail "got '$OUT'"

note "endmqm -i backs out a unit of work"
run 0 "$T/mqi_tool" QQ put Q.Q 2 p nosp keep
"$T/mqi_tool" QQ hold Q.Q 3 1 p >hold.out 2>&1 &
hold=$!; pids="$pids $hold"
wait_for 20 'grep -q READY hold.out'
run 0 endmqm -i QQ
kill $hold; wait $hold 2>/dev/null
run 0 strmqm QQ
run 0 "$T/mqi_tool" QQ browse Q.Q
[ "$OUT" = "keep-0 bo=1 pers=1
keep-1 bo=0 pers=1" ] || fail "after endmqm -i: $OUT"

note "endmqm -p cuts applications off"
"$T/mqi_tool" QQ idle >idle2.out 2>&1 &
idle2=$!; pids="$pids $idle2"
wait_for 20 'grep -q READY idle2.out'
run 0 endmqm -p QQ
has "preemptively accepted"
wait_for 20 'grep -Eq "^(2009|2162)$" idle2.out'
grep -Eq '^(2009|2162)$' idle2.out || fail "the application got $(cat idle2.out)"
[ "$(qm_status QQ)" = "Ended preemptively" ] || fail "status $(qm_status QQ)"
sanitizer_check
exit 0
