# The crash suite (tests/crash/README.md): first the checker itself, each
# violation kind planted (tests/crash/test-checker.sh), then kill -9 under a
# mixed load (tests/crash/run.sh: several producers and consumers, persistent
# and not, units of work committed and backed out, 100 bytes to 4 MiB,
# priority and FIFO queues), 15 kills with a circular log and 15 with a
# linear one, some at the crash points of the test build and some during the
# restart, the checker after each restart: nothing acknowledged lost,
# nothing duplicated or resurrected, units of work whole, nothing
# uncommitted visible, bodies intact, order kept, nonpersistent messages gone
# (reliability-plan.md section 3, I1-I8).
#
# Environment (all optional): CRASH_SEED (default: the time; printed, with the
# folder kept on a failure), CRASH_KILLS (per log type, default 15: the least
# is 15), CRASH_MAXBYTES (the largest body, default 4194304), CRASH_BO (the
# checker's BackoutCount rule, default hardened: see tests/crash/README.md).
# A sanitizer build (lib.sh san_cflags) runs fewer workers and shorter loads,
# the same number of kills.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
C="$(cd "$(dirname "$0")/../crash" && pwd)"
seed=${CRASH_SEED:-$(date +%s)}
kills=${CRASH_KILLS:-15}
[ "$kills" -ge 15 ] || kills=15
maxb=${CRASH_MAXBYTES:-4194304}
bo=${CRASH_BO:-hardened}
workers="-p 3 -c 2 -B 20" waits="200 1000"
if [ -n "$(san_cflags)" ]; then
	workers="-p 2 -c 2 -B 10" waits="150 600"
fi
note "seed $seed (CRASH_SEED=$seed makes the same choices again)"

sh "$C/test-checker.sh" >checker.out 2>&1 || fail "the checker's own test:
$(grep -v '^ok' checker.out)"
note "$(tail -1 checker.out)"

rc=0
for mode in circular linear; do
	# shellcheck disable=SC2086
	sh "$C/run.sh" -n "$kills" -m "$mode" -s "$seed" -M "$maxb" -b "$bo" $workers -w "$waits" \
		-d "$PWD/$mode" >"$mode.out" 2>&1 || rc=1
	note "$(grep '^crash-suite' "$mode.out")"
	if [ $rc != 0 ]; then
		fail "$mode: violations (seed $seed, files in $PWD/$mode):
$(cat "$mode.out")"
	fi
done
sanitizer_check
exit 0
