# The shared-memory channel between libmqm and the queue manager
# (qm/shmring.h): applications use it (one memfd mapping each in the queue
# manager), messages of every size around the page's edge go through whole
# (the bigger ones on the socket), QUIRE_IPC=socket still works, an
# application asleep on its channel learns at once when the queue manager
# ends or is killed, and hostile channels (bad descriptors, a scribbled page)
# are refused or dropped without harm to anyone else.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -p QR >/dev/null 2>&1' EXIT

run 0 crtmqm QR
run 0 strmqm QR
pid=$(qm_pid QR)
maps() { grep -c 'memfd:quire-mqi' "/proc/$pid/maps"; }
printf 'DEFINE QLOCAL(R.Q) MAXMSGL(8388608)\nALTER QMGR MAXMSGL(8388608)\n' | runmqsc QR >/dev/null || fail "define"
# the command server is an application of its own with a channel: out of the counts
printf 'ALTER QMGR SCMDSERV(MANUAL)\n' | runmqsc QR >/dev/null || fail "SCMDSERV"
run 0 endmqcsv QR

note "an application waiting in MQGET holds one channel; the message wakes it"
[ "$(maps)" = 0 ] || fail "channels before any application: $(maps)"
"$T/mqi_tool" QR waitget R.Q >wait.out 2>&1 &
w=$!
wait_line 10 wait.out READY
sleep 0.3
[ "$(maps)" = 1 ] || fail "channels with one application: $(maps)"
run 0 "$T/mqi_tool" QR put R.Q 1 p nosp woke
wait $w || fail "waitget: $(cat wait.out)"
grep -q 'woke-' wait.out || fail "waitget did not get the message: $(cat wait.out)"
wait_for 10 '[ "$(maps)" = 0 ]'   # the channel is unmapped once the application has gone

note "sizes around the page's edge (1 MiB): requests and replies that fit, and those that go on the socket"
# a PUT frame is 16 + 4 + MQMD 364 + MQPMO 184 + 4 = 572 bytes before the data,
# a GET reply 16 + 8 + 364 + MQGMO 112 + 8 = 508
for size in 1 1024 1048004 1048005 1048068 1048069 4000000; do
	run 0 "$T/mqi_tool" QR bigput R.Q $size $size
	sum=$(printf '%s\n' "$OUT" | sed -n 's/^ACK [0-9]* //p')
	run 0 "$T/mqi_tool" QR bigcheck R.Q get
	has "MSG $size $sum"
done
run 0 "$T/mqi_tool" QR depth R.Q
has 0

note "QUIRE_IPC=socket: no channel, the same answers"
QUIRE_IPC=socket "$T/mqi_tool" QR waitget R.Q >wait.out 2>&1 &
w=$!
wait_line 10 wait.out READY
sleep 0.3
[ "$(maps)" = 0 ] || fail "channels with QUIRE_IPC=socket: $(maps)"
QUIRE_IPC=socket run 0 "$T/mqi_tool" QR put R.Q 1 p nosp sock
wait $w || fail "waitget: $(cat wait.out)"
grep -q 'sock-' wait.out || fail "waitget over the socket: $(cat wait.out)"
QUIRE_IPC=socket run 0 "$T/mqi_tool" QR bigput R.Q 2000000 7
sum=$(printf '%s\n' "$OUT" | sed -n 's/^ACK [0-9]* //p')
run 0 "$T/mqi_tool" QR bigcheck R.Q get
has "MSG 2000000 $sum"

note "hostile channels: every wrong ATTACH refused and the connection goes on"
run 0 "$T/mqi_ring" QR attach
for c in no-fds one-fd unsealed small version pipe-door not-memfd four-fds; do
	has "$c cc=2 rc=2012"
done
has "before-conn cc=2 rc=2018"
has "good cc=0 rc=0"
has "cmit len=24 cc=0 rc=0"
has "again cc=2 rc=2018"
note "a scribbled page drops that connection only"
"$T/mqi_tool" QR waitget R.Q >wait.out 2>&1 &
w=$!
wait_line 10 wait.out READY
run 0 "$T/mqi_ring" QR scribble
has "dropped eof"
run 0 "$T/mqi_tool" QR put R.Q 1 p nosp other
wait $w || fail "the other application: $(cat wait.out)"
grep -q 'other-' wait.out || fail "the other application: $(cat wait.out)"
[ -d "/proc/$pid" ] || fail "the queue manager ended"
wait_for 10 '[ "$(maps)" = 0 ]'
# every application has ended: only the log writer's eventfd is left, no doorbell, no memfd
n=$(ls -l "/proc/$pid/fd" | grep -c 'eventfd')
[ "$n" = 1 ] || fail "$n eventfds open (only the log writer's expected): $(ls -l "/proc/$pid/fd")"
n=$(ls -l "/proc/$pid/fd" | grep -c 'memfd')
[ "$n" = 0 ] || fail "$n memfds left open"

note "endmqm -i wakes an application asleep on its channel at once"
"$T/mqi_tool" QR waitget R.Q >wait.out 2>&1 &
w=$!
wait_line 10 wait.out READY
sleep 0.3
run 0 endmqm -i QR
wait $w
grep -Eq '^(2162|2009)( |$)' wait.out || fail "waitget after endmqm -i: $(cat wait.out)"

note "kill -9 of the queue manager: the sleeping application sees 2009 within a second"
run 0 strmqm QR
pid=$(qm_pid QR)
"$T/mqi_tool" QR waitget R.Q >wait.out 2>&1 &
w=$!
wait_line 10 wait.out READY
sleep 0.3
kill -9 "$pid"
t0=$(date +%s%N)
wait $w
t1=$(date +%s%N)
grep -q '^2009 ' wait.out || fail "waitget after kill -9: $(cat wait.out)"
ms=$(( (t1 - t0) / 1000000 ))
note "2009 after $ms ms"
[ $ms -lt 1500 ] || fail "2009 took $ms ms"
run 0 strmqm QR
run 0 "$T/mqi_tool" QR depth R.Q
has 0
run 0 endmqm -w QR
sanitizer_check
echo "t6330 ok"
