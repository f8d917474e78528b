# dmpmqlog -m shows a new queue manager's log: the create records of its objects.
. "$(dirname "$0")/lib.sh"
run 0 crtmqm -ll -lf 64 QM1
run 0 dmpmqlog -b -m QM1
has "hflag1 ......... LOG RETAIN"
has "Object  . . . . : qmgr QM1"
for q in SYSTEM.DEFAULT.LOCAL.QUEUE SYSTEM.DEFAULT.MODEL.QUEUE SYSTEM.DEFAULT.ALIAS.QUEUE SYSTEM.DEAD.LETTER.QUEUE \
	 SYSTEM.ADMIN.COMMAND.QUEUE SYSTEM.ADMIN.LOGGER.EVENT SYSTEM.ADMIN.QMGR.EVENT SYSTEM.ADMIN.PERFM.EVENT \
	 SYSTEM.MQSC.REPLY.QUEUE SYSTEM.DEFAULT.INITIATION.QUEUE SYSTEM.DURABLE.SUBSCRIBER.QUEUE SYSTEM.RETAINED.PUB.QUEUE; do
	printf '%s\n' "$OUT" | grep -q "Object  . . . . : q[a-z]* $q\$" || fail "no create record for $q"
done
has "Object  . . . . : process SYSTEM.DEFAULT.PROCESS"
has "Object  . . . . : topic SYSTEM.BASE.TOPIC"
has "TOPIC(SYSTEM.BASE.TOPIC)"
has "QUEUE(SYSTEM.DEFAULT.MODEL.QUEUE)"
has "DEFTYPE(TEMPDYN)"
has "Object  . . . . : channel SYSTEM.DEF.SVRCONN"
has "CHLTYPE(SVRCONN)"
has "Object  . . . . : listener SYSTEM.DEFAULT.LISTENER.TCP"
has "Object  . . . . : authinfo SYSTEM.DEFAULT.AUTHINFO.IDPWOS"
has "CONNAUTH(SYSTEM.DEFAULT.AUTHINFO.IDPWOS)"
has "42 log records formatted"
n=$(printf '%s\n' "$OUT" | grep -c "LogRecdType . . : Create Object (11)")
[ "$n" = 42 ] || fail "$n create records"
# the default start is the head: only what restart needs
run 0 dmpmqlog -m QM1
has "1 log records formatted"
run 2 dmpmqlog -m NOSUCH
has "does not exist"
run 1 dmpmqlog -m QM1 -b -s 0000:0000:0000:1000
echo "t1000 ok"
