# crtmqm killed part-way (at a sync: QM_CRASH_AT=sync:N) leaves nothing that a
# later crtmqm, dspmq or dltmqm trips over: the next crtmqm finishes the job.
. "$(dirname "$0")/lib.sh"
D=$MQ_DATA_PATH

QM_CRASHPOINT_LOG="$PWD/points" crtmqm -z COUNT >/dev/null 2>&1 || fail "crtmqm COUNT failed"
total=$(grep -c '^sync$' "$PWD/points")
[ "$total" -gt 50 ] || fail "only $total syncs counted"
dltmqm -z COUNT >/dev/null || fail "dltmqm COUNT"
# every sync point early on, then every 7th (a full sweep is the long-run script's job)
n=1; tried=0
while [ $n -le "$total" ]; do
	QM_CRASH_AT="sync:$n" crtmqm -z QMK >/dev/null 2>&1
	rc=$?
	[ $rc = 137 ] || [ $rc = 0 ] || fail "crtmqm killed at sync $n exited $rc"
	run 0 dspmq
	if printf '%s\n' "$OUT" | grep -q 'STATUS(Ended immediately)'; then
		# killed after the last step that mattered: it is complete
		run 8 crtmqm QMK
	else
		# not listed, or listed as being created (strmqm refuses that)
		if printf '%s\n' "$OUT" | grep -q 'QMNAME(QMK)'; then
			has "STATUS(Being created)"
		fi
		run 0 crtmqm QMK
		has "Default objects statistics : 41 created. 0 replaced. 0 failed."
	fi
	run 0 dspmq -m QMK
	has "STATUS(Ended immediately)"
	run 0 dmpmqlog -b -m QMK
	has "42 log records formatted"
	run 0 dltmqm QMK
	[ -z "$(ls "$D/qmgrs")" ] || fail "after sync $n: left in qmgrs: $(ls "$D/qmgrs")"
	[ -z "$(ls "$D/log")" ] || fail "after sync $n: left in log: $(ls "$D/log")"
	tried=$((tried+1))
	if [ $n -lt 12 ]; then n=$((n+1)); else n=$((n+7)); fi
done
echo "t3002 ok: crtmqm killed at $tried of $total sync points"
