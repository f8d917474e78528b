# Queue manager names that are too long or hold bad characters: every command
# says AMQ7048E with the name shortened to 48 characters and "...", says which
# rule the name breaks, and exits with its code for a bad name (issue 7 item 5:
# a name of 5,000 characters made them print nothing).
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
trap 'exit 1' INT TERM HUP
trap 'endmqm -p "$N48" >/dev/null 2>&1' EXIT

N48=$(printf 'Q%047d' 0)                       # the longest valid name
LONG=$(printf '%05000d' 0 | tr 0 A)            # 5,000 characters
SHOWN="AMQ7048E: Queue manager name '$(printf '%048d' 0 | tr 0 A)...' is not valid or not known."
WHY="the queue manager name '$(printf '%060d' 0 | tr 0 A)...' is 5000 characters long, more than 48"

# one line of AMQ7048E and one saying why; nothing else, nothing of 5,000 A's
check_long() {
	cmd=$1
	has "$SHOWN"
	has "$cmd: $WHY"
	[ "$(printf '%s\n' "$OUT" | wc -l)" = 2 ] || fail "$cmd: not two lines: $OUT"
	[ ${#OUT} -lt 400 ] || fail "$cmd: ${#OUT} characters of output"
}

note "a name of 5,000 characters"
run 72 crtmqm "$LONG";                check_long crtmqm
run 16 strmqm "$LONG";                check_long strmqm
run 16 endmqm "$LONG";                check_long endmqm
run 16 endmqm -i "$LONG";             check_long endmqm
run 16 dltmqm "$LONG";                check_long dltmqm
run 72 dspmq -m "$LONG";              check_long dspmq
run 72 dspmqfls -m "$LONG" SYSTEM.DEFAULT.LOCAL.QUEUE; check_long dspmqfls
run 2 dmpmqlog -m "$LONG";            check_long dmpmqlog
# runmqsc (the shared catalog path) says AMQ7048E, the name shortened
OUT=$(echo "DISPLAY QMGR" | runmqsc "$LONG" 2>&1); rc=$?
[ $rc = 20 ] || fail "runmqsc exited $rc: $OUT"
has "$SHOWN"
[ ${#OUT} -lt 400 ] || fail "runmqsc: ${#OUT} characters of output"

note "49 characters: one too many"
run 72 crtmqm "${N48}X"
has "AMQ7048E: Queue manager name '$N48...' is not valid or not known."
has "crtmqm: the queue manager name '${N48}X' is 49 characters long, more than 48"

note "bad characters; control characters never reach the terminal"
for bad in 'QM*' 'A B' 'QM-1' 'QM:1' 'Q"M' "$(printf 'QM\033[2J')" "$(printf 'Q\tM')" 'QMé'; do
	for c in "crtmqm:72" "strmqm:16" "endmqm:16" "dltmqm:16" "dspmq -m:72" "dmpmqlog -m:2"; do
		cmd=${c%:*}; want=${c##*:}
		# shellcheck disable=SC2086
		run "$want" $cmd "$bad"
		has "AMQ7048E: Queue manager name '"
		has "' is not valid or not known."
		has "${cmd%% *}: the queue manager name '"
		printf '%s' "$OUT" | LC_ALL=C grep -q "$(printf '[\001-\011\033\177]')" && fail "$cmd: control characters in: $OUT"
	done
	run 72 dspmqfls -m "$bad" SYSTEM.DEFAULT.LOCAL.QUEUE
	has "' is not valid or not known."
	OUT=$(echo "DISPLAY QMGR" | runmqsc "$bad" 2>&1); rc=$?
	[ $rc = 20 ] || fail "runmqsc exited $rc: $OUT"
	has "' is not valid or not known."
done
run 16 strmqm 'QM*'
has "AMQ7048E: Queue manager name 'QM*' is not valid or not known."
has "strmqm: the queue manager name 'QM*' contains '*' at position 3; allowed are A-Z a-z 0-9 . / _ %"
run 16 strmqm "$(printf 'QM\033[2J')"
has "AMQ7048E: Queue manager name 'QM?[2J' is not valid or not known."
has "contains \\x1b at position 3"
run 72 dspmq -m 'QM é'
has "'QM é'"

note "a valid name that is merely unknown: AMQ7048E alone"
run 16 strmqm NOSUCH
has "AMQ7048E: Queue manager name 'NOSUCH' is not valid or not known."
hasnt "strmqm:"
run 2 dmpmqlog -m NOSUCH
has "AMQ7048E: Queue manager name 'NOSUCH' is not valid or not known."
has "dmpmqlog: queue manager 'NOSUCH' does not exist"

note "48 characters work end to end, and a longer name is not taken for it"
run 0 crtmqm "$N48"
has "Quire queue manager '$N48' created."
run 16 strmqm "${N48}X"
run 72 dspmq -m "${N48}${LONG}"
has "AMQ7048E: Queue manager name '$N48...' is not valid or not known."
run 0 strmqm "$N48"
run 0 dspmq -m "$N48"
has "QMNAME($N48)"
has "STATUS(Running)"
OUT=$(echo "DISPLAY QMGR QMNAME" | runmqsc "$N48" 2>&1) || fail "runmqsc: $OUT"
has "QMNAME($N48)"
run 16 endmqm "${LONG}"
run 0 endmqm -w "$N48"
run 0 dltmqm "$N48"
has "Quire queue manager '$N48' deleted."

sanitizer_check
echo "t3011 ok"
