# kill -9 of the queue manager under load, three times: after each restart,
# every acknowledged put is either acknowledged as got or on the queue (but
# for the one message per kill a get outside syncpoint may have been taking,
# and those whose commit failed), nothing acknowledged as got is on the
# queue, nothing is there twice
# (reference/reliability-plan.md: nothing acknowledged lost, nothing
# duplicated).  tests/mqi/mqi_crashload.c makes the load.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
load=
trap 'exit 1' INT TERM HUP
trap 'endmqm -p QK >/dev/null 2>&1; [ -n "$load" ] && kill $load 2>/dev/null' EXIT
D="$MQ_DATA_PATH/qmgrs/QK"

run 0 crtmqm QK
printf 'Tuning:\n   CheckpointOps=100\n' >>"$D/qm.ini"
run 0 strmqm QK
run 0 runmqsc QK <<'MQSC'
DEFINE QLOCAL(K.Q) MAXDEPTH(1000000)
MQSC
: >acked
for round in 1 2 3; do
	"$T/mqi_crashload" QK K.Q r$round >load$round.out 2>&1 &
	load=$!
	want=$((round * 150))
	wait_for 60 '[ "$(grep -c "^G" load$round.out)" -ge $want ]'
	pid=$(qm_pid QK)
	kill -9 "$pid"
	wait $load
	load=
	wait_for 20 '! kill -0 "$pid" 2>/dev/null'
	cat load$round.out >>acked
	run 0 strmqm QK
done
run 0 "$T/mqi_tool" QK depth K.Q
n=$OUT
run 0 "$T/mqi_tool" QK get K.Q "$n"
printf '%s\n' "$OUT" | sed '/^$/d' | sort >left
sed -n 's/^P //p' acked | sort >put
sed -n 's/^G //p' acked | sort >got
[ -z "$(uniq -d left)" ] || fail "on the queue twice: $(uniq -d left)"
[ -z "$(uniq -d got)" ] || fail "got twice: $(uniq -d got)"
[ -z "$(comm -12 got left)" ] || fail "got and still on the queue: $(comm -12 got left | head)"
sed -n 's/^U //p' acked | sort >unsure
sort got left unsure >seen
lost=$(comm -23 put seen | grep -c .)
[ "$lost" -le 3 ] || fail "$lost acknowledged puts lost: $(comm -23 put seen | head)"
note "$(wc -l <put) puts and $(wc -l <got) gets acknowledged, $n left on the queue"
run 0 endmqm -w QK
sanitizer_check
exit 0
