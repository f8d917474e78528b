# crtmqm, dspmq and dltmqm on one queue manager: output, files, return codes.
. "$(dirname "$0")/lib.sh"

run 0 dspmq
[ -z "$OUT" ] || fail "dspmq with no queue managers printed: $OUT"

run 0 crtmqm QM1
has "Quire queue manager 'QM1' created."
has "Directory '$MQ_DATA_PATH/qmgrs/QM1' created."
has "Default objects statistics : 41 created. 0 replaced. 0 failed."
has "Set-up complete."
for f in mqs.ini qmgrs/QM1/qm.ini qmgrs/QM1/qmstatus.ini qmgrs/QM1/qmanager/QMANAGER qmgrs/QM1/qmanager/QMQMOBJCAT \
	 qmgrs/QM1/queues/SYSTEM!DEFAULT!LOCAL!QUEUE/q qmgrs/QM1/queues/SYSTEM!DEAD!LETTER!QUEUE/q \
	 log/QM1/amqhlctl.lfh log/QM1/active/S0000000.LOG log/QM1/active/S0000001.LOG log/QM1/active/S0000002.LOG; do
	[ -f "$MQ_DATA_PATH/$f" ] || fail "crtmqm did not make $f"
done
[ ! -e "$MQ_DATA_PATH/log/QM1/active/S0000003.LOG" ] || fail "a secondary extent was preallocated"
size=$(stat -c %s "$MQ_DATA_PATH/log/QM1/active/S0000000.LOG")
[ "$size" = $((4096 * 4096)) ] || fail "extent size $size, expected 16 MiB"
file_has "$MQ_DATA_PATH/mqs.ini" "Name=QM1"
file_has "$MQ_DATA_PATH/qmgrs/QM1/qm.ini" "LogType=CIRCULAR"
file_has "$MQ_DATA_PATH/qmgrs/QM1/errors/AMQERR01.LOG" "AMQ8001I: Quire queue manager 'QM1' created."

run 0 dspmq
line=$(printf '%s\n' "$OUT" | grep 'QMNAME(QM1)')
[ "$line" = "QMNAME(QM1)                                               STATUS(Ended immediately)" ] ||
	fail "dspmq line is '$line'"
[ "$(printf '%s' "$line" | cut -c59-65)" = "STATUS(" ] || fail "STATUS( not at column 59"

run 8 crtmqm QM1
has "AMQ7008E: A queue manager named 'QM1' already exists."

run 0 crtmqm -q QM.TWO
has "Directory '$MQ_DATA_PATH/qmgrs/QM!TWO' created."
run 0 dspmq -o default
has "DEFAULT(yes)"
run 0 dspmq -m QM.TWO -o all
has "QMNAME(QM.TWO)"
has "DEFAULT(yes)"
has "STATUS(Ended immediately)"
run 72 dspmq -m NOSUCH
has "AMQ7048E"
run 36 dspmq -o bogus
run 36 dspmq -y

run 0 dltmqm QM.TWO
has "Quire queue manager 'QM.TWO' deleted."
[ ! -e "$MQ_DATA_PATH/qmgrs/QM!TWO" ] || fail "data folder left"
[ ! -e "$MQ_DATA_PATH/log/QM!TWO" ] || fail "log folder left"
run 0 dspmq
hasnt "QM.TWO"
has "QMNAME(QM1)"
run 16 dltmqm QM.TWO
has "AMQ7048E"
run 36 dltmqm
run 36 dltmqm -y QM1

# a queue manager that holds its lock is running: dltmqm refuses (5)
flock -x "$MQ_DATA_PATH/qmgrs/QM1" sleep 29.7 &
holder=$!
i=0; until [ $i -ge 100 ] || ! flock -n -s "$MQ_DATA_PATH/qmgrs/QM1" true; do i=$((i+1)); sleep 0.05; done
run 5 dltmqm QM1
has "AMQ7005E"
pkill -P "$holder"; wait "$holder" 2>/dev/null   # this run's holder only
# the status file says Running but no process holds the lock: Ended unexpectedly
printf 'QueueManagerStatus:\n   CurrentStatus=Running\n   PID=1\n' > "$MQ_DATA_PATH/qmgrs/QM1/qmstatus.ini"
run 0 dspmq -m QM1
has "STATUS(Ended unexpectedly)"
run 0 dltmqm QM1
run 0 dspmq
[ -z "$OUT" ] || fail "dspmq still lists: $OUT"
echo "t3000 ok"
