# runmqsc against hostile input (issue 7): values longer than the parser's old
# 8 KiB buffer, NUL bytes and UTF-16 scripts, a UTF-8 byte order mark,
# commands longer than MQ's 32,762 characters, and a command the queue manager
# refuses.  runmqsc must say what is wrong, count it, and go on with the next
# command; the queue manager must keep running.  Every runmqsc runs under
# timeout: a hang is a failure.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
trap 'exit 1' INT TERM HUP
trap 'endmqm -i QH >/dev/null 2>&1' EXIT
T="timeout 30"
chars() { printf "%$1s" '' | tr ' ' "$2"; }

note "runmqsc -v: a DESCR of 9,000 characters, then TRIGDATA (the old parser overflowed its buffer)"
{
	printf "DEFINE QLOCAL(X) DESCR('%s') TRIGDATA('y')\n" "$(chars 9000 a)"
	printf "DEFINE QLOCAL(X2) DESCR('%s') TRIGDATA('%s')\n" "$(chars 9000 a)" "$(chars 100 y)"
	printf "DEFINE QLOCAL(Y) TRIGDATA(%s)\n" "$(chars 65 t)"
	printf "DEFINE QLOCAL(Z) DESCR('%s')\n" "$(chars 64 d)"
} >long.in
run 10 $T runmqsc -v <long.in
has "AMQ8405E: Syntax error detected in the MQSC command: DESCR is 9000 characters long; at most 64 are allowed."
has "AMQ8405E: Syntax error detected in the MQSC command: TRIGDATA is 65 characters long; at most 64 are allowed."
has "4 MQSC commands read."
has "3 commands have a syntax error."

note "runmqsc -v: a NUL byte is a syntax error at its line and column, and the next command is read"
printf 'A\0\nDEFINE QLOCAL(B) +\n  DESCR(\047x\0y\047)\nDEFINE QLOCAL(C)\n' >nul.in
run 10 $T runmqsc -v <nul.in
has "     1 : A?"
has "AMQ8405E: Syntax error detected in the MQSC command: line 1, column 2: the input holds a NUL byte (is it UTF-16?)."
has "AMQ8405E: Syntax error detected in the MQSC command: line 3, column 11: the input holds a NUL byte (is it UTF-16?)."
has "     3 : DEFINE QLOCAL(C)"
has "3 MQSC commands read."
has "2 commands have a syntax error."

note "runmqsc -v: UTF-16 scripts (with a byte order mark, little and big endian) end with errors"
printf 'DEFINE QLOCAL(U)\r\nDIS QMGR\r\nEND\r\n' >u8.txt
for enc in UTF-16 UTF-16LE UTF-16BE; do
	iconv -f UTF-8 -t $enc u8.txt >u16.in || fail "iconv to $enc"
	run 10 $T runmqsc -v <u16.in
	has "the input holds a NUL byte (is it UTF-16?)."
	has "commands have a syntax error."
	hasnt "No commands have a syntax error."
done
iconv -f UTF-8 -t UTF-16 u8.txt >u16.in
run 10 $T runmqsc -v <u16.in
has "AMQ8405E: Syntax error detected in the MQSC command: line 1, column 1: the input starts with a UTF-16 byte order mark; MQSC input must be ASCII or UTF-8 text."

note "runmqsc -v: a UTF-8 byte order mark is skipped"
printf '\357\273\277DEFINE QLOCAL(BOM.Q)\n' >bom.in
run 0 $T runmqsc -v <bom.in
has "     1 : DEFINE QLOCAL(BOM.Q)"
has "No commands have a syntax error."

note "runmqsc -v: a command over 32,762 characters"
long40=$(chars 40000 ' ')
printf "DEFINE QLOCAL(LONG.Q)%sDESCR('x')\nDEFINE QLOCAL(AFTER.Q)\n" "$long40" >cmdlen.in
run 10 $T runmqsc -v <cmdlen.in
has "AMQ8405E: Syntax error detected in the MQSC command: the command is 40031 characters long; an MQSC command may have at most 32762."
has "2 MQSC commands read."
has "One command has a syntax error."

note "the running queue manager gets all of it, answers each, and keeps running"
run 0 crtmqm QH
run 0 strmqm QH
{
	cat long.in nul.in cmdlen.in
	printf "DEFINE QLOCAL(HUGE.Q)%sDESCR('x')\n" "$(chars 70000 ' ')"
	printf 'DEFINE QLOCAL(LAST.Q)\n'
} >all.in
run 10 $T runmqsc -e QH <all.in
has "AMQ8405E: Syntax error detected in the MQSC command: DESCR is 9000 characters long; at most 64 are allowed."
has "AMQ8405E: Syntax error detected in the MQSC command: line 5, column 2: the input holds a NUL byte (is it UTF-16?)."
has "AMQ8405E: Syntax error detected in the MQSC command: line 7, column 11: the input holds a NUL byte (is it UTF-16?)."
has "AMQ8405E: Syntax error detected in the MQSC command: the command is 40031 characters long; an MQSC command may have at most 32762."
has "AMQ8405E: Syntax error detected in the MQSC command: the command is 70031 characters long; an MQSC command may have at most 32762."
has "AMQ8006I: Quire queue Z created."
has "AMQ8006I: Quire queue C created."
has "AMQ8006I: Quire queue AFTER.Q created."
has "AMQ8006I: Quire queue LAST.Q created."
hasnt "AMQ8146E"
has "11 MQSC commands read."
has "7 commands have a syntax error."
has "All valid MQSC commands were processed."
run 0 dspmq -m QH
has "STATUS(Running)"
printf 'DISPLAY QUEUE(*) TYPE(QLOCAL) DESCR\n' >dis.in
run 0 $T runmqsc QH <dis.in
has "QUEUE(Z)"
has "DESCR($(chars 64 d))"
hasnt "QUEUE(X)"
hasnt "QUEUE(LONG.Q)"
hasnt "QUEUE(HUGE.Q)"

note "a command the queue manager refuses says why (AMQ8135E for a user who is not the owner)"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	# nobody, in the group of the queue manager's files (root's), may connect
	# but is not the owner: the queue manager answers 2035
	chmod 755 "$PWD"
	printf 'DEFINE QLOCAL(NOT.MINE)\nDISPLAY QMGR QMNAME\n' >auth.in
	run 10 $T setpriv --reuid=65534 --regid=0 --clear-groups runmqsc QH <auth.in
	has "     1 : DEFINE QLOCAL(NOT.MINE)"
	has "     2 : DISPLAY QMGR QMNAME"
	n=$(printf '%s\n' "$OUT" | grep -cx 'AMQ8135E: You are not authorized to do this.')
	[ "$n" = 2 ] || fail "AMQ8135E printed $n times, expected once per command; output:
$OUT"
	has "2 valid MQSC commands could not be processed."
else
	note "skipped: needs root and setpriv to run runmqsc as another user"
fi

run 0 endmqm -i QH
sanitizer_check
exit 0
