# An acknowledged put or get outside syncpoint never loses its report: the
# queue manager runs with QM_FLUSH_BEFORE_REPORT (a test build's hook: the
# put's or get's own record is made durable before its confirm-on-arrival or
# confirm-on-delivery report is put, so the report's record needs a flush of
# its own) and QM_SYNC_DELAY_MS=400 (each flush takes 400 ms). mqi_repdur
# kills the queue manager with SIGKILL the moment its MQPUT or MQGET returns;
# after the restart the report must be on its reply queue, its data the whole
# message (incompressible bodies: a small one and one of 300 KB, a record in
# several parts). The durability pipeline releases parked replies in the
# order they were parked (the report's before its put's or get's), and the
# reply now waits for the report's LSN as well; a report that is not logged
# (tried by making it nonpersistent) fails the check.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'endmqm -i QR >/dev/null 2>&1' EXIT
run 0 crtmqm QR
run 0 strmqm QR
printf 'DEFINE QLOCAL(T.REP)\nDEFINE QLOCAL(T.REPLY)\n' >def.mqsc
run_in 0 def.mqsc runmqsc QR
run 0 endmqm -i QR
for kind in put get; do
	for size in 1000 300000; do
		QM_FLUSH_BEFORE_REPORT=1 QM_SYNC_DELAY_MS=400 strmqm QR >strmqm.out 2>&1 ||
			fail "strmqm with the report hook: $(cat strmqm.out)"
		pid=$(qm_pid QR)
		OUT=$("$T/mqi_repdur" $kind QR T.REP T.REPLY "$pid" $size 2>&1)
		hasnt "not ok"
		has ", 0 failed"
		wait_for 20 'pid_gone "$pid"'
		run 0 strmqm QR
		[ $kind = put ] && k=coa || k=cod
		run 0 "$T/mqi_repdur" check QR T.REP T.REPLY $k $size
		hasnt "not ok"
		has "6 checks, 0 failed"
		printf 'CLEAR QLOCAL(T.REP)\nCLEAR QLOCAL(T.REPLY)\n' >clr.mqsc
		run_in 0 clr.mqsc runmqsc QR
		run 0 endmqm -i QR
	done
done
sanitizer_check
