# Hostile connections: more applications than the queue manager has file
# descriptors for (refused at once with 2025, said once in the error log, the
# loop does not spin, the others go on), MQINQ frames naming a 100 MiB
# CharAttrLength and frame headers announcing 100 MiB (memory stays small), a
# connection that sends without ever reading or while its MQGET waits
# (dropped), a CharAttrLength of 200 MiB from an application (valid), and a
# user outside the queue manager's group (2035).
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -p QH >/dev/null 2>&1' EXIT
ERR="$MQ_DATA_PATH/qmgrs/QH/errors/AMQERR01.LOG"

run 0 crtmqm QH
# the queue manager gets 128 descriptors (soft and hard): strmqm cannot raise it
OUT=$( (ulimit -n 128 && strmqm QH) 2>&1) || fail "strmqm: $OUT"
pid=$(qm_pid QH)
[ -n "$pid" ] && [ -d "/proc/$pid" ] || fail "no queue manager process ($pid)"
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }

note "300 applications against a limit of 128 descriptors"
run 0 timeout 120 "$T/mqi_raw" QH conns 300
ok=$(printf '%s\n' "$OUT" | sed -n 's/^ok=\([0-9]*\) .*/\1/p')
has "other=0"
has "first=OK"
[ "$ok" -ge 20 ] && [ "$ok" -lt 128 ] || fail "connections made: $ok; output: $OUT"
refused=$(printf '%s\n' "$OUT" | sed -n 's/.* refused=\([0-9]*\) .*/\1/p')
[ $((ok + refused)) -eq 300 ] || fail "every connection made or refused with 2025: $OUT"
n=$(grep -c '^AMQ7896W' "$ERR")
[ "$n" = 1 ] || fail "AMQ7896W $n times in the error log, expected once"
file_has "$ERR" "connections as its file descriptor limit allows"

note "churn at the limit (one leaves, one comes, the next is refused) is one episode"
run 0 timeout 120 "$T/mqi_raw" QH churn 20
has "other=0"
hasnt "refused=0 "
n=$(grep -c '^AMQ7896W' "$ERR")
[ "$n" = 2 ] || fail "AMQ7896W $n times in the error log, expected twice (filling up again, then churn): $OUT"

note "no descriptor left at all: refused through the reserve, and no spinning"
command -v prlimit >/dev/null || fail "prlimit (util-linux) is needed"
used=$(ls "/proc/$pid/fd" | wc -l)
prlimit --pid "$pid" --nofile=$((used + 10)): || fail "prlimit"
run 0 timeout 120 "$T/mqi_raw" QH conns 40
has "other=0"
has "first=OK"
hasnt "refused=0 "
file_has "$ERR" "process has no file descriptor left"
a=$(cpu); sleep 2; b=$(cpu)
[ $((b - a)) -lt 50 ] || fail "the idle queue manager used $((b - a)) ticks of CPU in 2 s"
prlimit --pid "$pid" --nofile=128: || fail "prlimit"

vsz() { awk '/^VmSize/ {print $2}' "/proc/$pid/status"; }
# while_held WHAT LIMIT_KIB MODE ARGS...: run mqi_raw MODE, which holds its
# connections open until told; the queue manager's WHAT (rss or vsz) may grow
# by at most LIMIT_KIB meanwhile
while_held() {
	wh_what=$1 wh_lim=$2; shift 2
	b=$($wh_what)
	(sleep 2; echo) | timeout 120 "$T/mqi_raw" QH "$@" >held.out 2>&1 &
	h=$!
	wait_line 60 held.out READY
	sleep 1
	d=$($wh_what)
	wait $h || fail "mqi_raw $*: $(cat held.out)"
	note "$wh_what before $b KiB, with mqi_raw $* holding its connections $d KiB"
	[ "$d" -lt $((b + wh_lim)) ] || fail "$wh_what grew from $b to $d KiB (mqi_raw $*)"
}
before=$(rss)
note "MQINQ naming a 100 MiB CharAttrLength, ten connections that never read"
while_held rss 65536 inqbig 10 100
note "ten connections announcing 100 MiB frames and sending 65 bytes of them"
while_held vsz 262144 bighdr 10

note "a connection that sends 300,000 requests and reads nothing is dropped"
run 0 timeout 120 "$T/mqi_raw" QH noread 300000
has "dropped after"
[ "$(rss)" -lt $((before + 65536)) ] || fail "RSS $(rss) KiB after the flood"
run 0 "$T/mqi_tool" QH put SYSTEM.DEFAULT.LOCAL.QUEUE 1 np nosp after
run 0 "$T/mqi_tool" QH get SYSTEM.DEFAULT.LOCAL.QUEUE 1
has "after"

note "a connection that sends 8 MiB while its MQGET waits is dropped"
run 0 timeout 120 "$T/mqi_raw" QH parkflood SYSTEM.DEFAULT.LOCAL.QUEUE 8
has "dropped after"
[ "$(rss)" -lt $((before + 65536)) ] || fail "RSS $(rss) KiB after the flood"

note "CharAttrLength of 200 MiB is valid for MQINQ and MQSET (only a bound)"
run 0 timeout 60 "$T/mqi_raw" QH huge SYSTEM.DEFAULT.LOCAL.QUEUE
has "inq=0 unchanged=Y set=0"

note "a user outside the queue manager's group"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod 711 "$PWD"
	outsider() { setpriv --reuid=65534 --regid=65534 --clear-groups "$T/mqi_tool" "$@" 2>&1; }
	# mqs.ini unreadable (the data folder is the group's only)
	OUT=$(outsider QH depth SYSTEM.DEFAULT.LOCAL.QUEUE)
	has "2035"
	# mqs.ini readable, the queue manager's folder not
	chmod o+x "$MQ_DATA_PATH" && chmod o+r "$MQ_DATA_PATH/mqs.ini" || fail "chmod"
	OUT=$(outsider QH depth SYSTEM.DEFAULT.LOCAL.QUEUE)
	has "2035"
	OUT=$(outsider NOSUCHQM depth SYSTEM.DEFAULT.LOCAL.QUEUE)
	has "2058"
else
	note "SKIPPED: not root, so no other user to connect as"
fi

run 0 endmqm -i QH

note "strmqm raises the soft descriptor limit to the hard one"
hard=$(ulimit -Hn)
if [ "$hard" = unlimited ] || [ "$hard" -gt 256 ]; then
	OUT=$( (ulimit -Sn 256 && strmqm QH) 2>&1) || fail "strmqm: $OUT"
	pid=$(qm_pid QH)
	soft=$(awk '/^Max open files/ {print $4}' "/proc/$pid/limits")
	[ "$soft" = "$hard" ] || fail "soft descriptor limit $soft, hard $hard"
	run 0 endmqm -i QH
else
	note "SKIPPED: the hard descriptor limit ($hard) leaves nothing to raise"
fi
sanitizer_check
