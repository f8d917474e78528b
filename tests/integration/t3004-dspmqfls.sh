# dspmqfls: the files behind a queue manager's objects.
. "$(dirname "$0")/lib.sh"
D=$MQ_DATA_PATH
run 0 crtmqm QM1
run 0 dspmqfls -m QM1 -t ql SYSTEM.DEFAULT.LOCAL.QUEUE
has "QLOCAL    SYSTEM.DEFAULT.LOCAL.QUEUE"
has "$D/qmgrs/QM1/queues/SYSTEM!DEFAULT!LOCAL!QUEUE"
[ -f "$D/qmgrs/QM1/queues/SYSTEM!DEFAULT!LOCAL!QUEUE/q" ] || fail "the folder shown has no q file"
run 0 dspmqfls -m QM1 -t qm 'SYSTEM.*'
has "QMODEL    SYSTEM.DEFAULT.MODEL.QUEUE"
hasnt "QLOCAL"
run 0 dspmqfls -m QM1 -t qmgr QM1
has "QMGR      QM1"
has "$D/qmgrs/QM1/qmanager/QMANAGER"
run 0 dspmqfls -m QM1 -t ctlg '*'
has "$D/qmgrs/QM1/qmanager/QMQMOBJCAT"
run 0 dspmqfls -m QM1 '*'
n=$(printf "%s\n" "$OUT" | grep -cE "^(QLOCAL|QMODEL|QALIAS|QMGR|CTLG|TOPIC) ")
[ "$n" = 37 ] || fail "'*' showed $n objects, expected 37 (the queue manager, the catalog, 33 queues, 2 topics)"
run 0 dspmqfls -m QM1 -t topic '*'
has "TOPIC     SYSTEM.BASE.TOPIC"
has "$D/qmgrs/QM1/topics/SYSTEM!DEFAULT!TOPIC"
hasnt "QLOCAL"
run 10 dspmqfls -m QM1 NO.SUCH.Q
has "no object matches"
run 72 dspmqfls -m NOSUCH X
run 36 dspmqfls -m QM1 -t bogus X
run 36 dspmqfls -m QM1
echo "t3004 ok"
