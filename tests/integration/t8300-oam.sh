# issue 15: the object authority manager.  Users and groups made for the
# test (qtst*, removed by the trap) run the MQI as themselves: a user with no
# authority gets 2035 on every verb and object type (AMQ8077W in the error
# log); each authority granted lets exactly its verb through; generic
# profiles, the most specific one winning; the union over a user's groups;
# revoking, REFRESH SECURITY; members of the administrators' group (a test
# group standing for mqm: QUIRE_TEST_MQM_GROUP, test builds only) can do
# everything; setmqaut, dspmqaut, dmpmqaut, SET/DELETE/DISPLAY AUTHREC and
# DISPLAY ENTAUTH; the records survive endmqm, kill -9 and the loss of
# SYSTEM.AUTH.DATA.QUEUE's files (rebuilt from its media image); a message on
# that queue that is no record is reported (AMQ7472), the records still read.
# Needs root (useradd, setpriv); says so and passes when skipped.
. "$(dirname "$0")/lib.sh"
T="$QUIRE_BUILD/tests/mqi"
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1 || ! command -v useradd >/dev/null 2>&1; then
	note "SKIPPED: needs root, setpriv and useradd to run the MQI as other users"
	echo "t8300 ok (skipped: not root)"
	exit 0
fi
sanitizer_logs_here
USERS="qtstnone qtstu1 qtstu2 qtstadm"
GROUPS_MADE="qtstapp qtstg1 qtstg2 qtstmqm"
cleanup() {
	endmqm -i QO >/dev/null 2>&1
	for u in $USERS; do userdel "$u" >/dev/null 2>&1; groupdel "$u" >/dev/null 2>&1; done
	for g in $GROUPS_MADE; do groupdel "$g" >/dev/null 2>&1; done
}
trap 'exit 1' INT TERM HUP
trap cleanup EXIT
cleanup
for g in $GROUPS_MADE; do groupadd "$g" || fail "groupadd $g"; done
useradd -M -U -G qtstapp qtstnone || fail "useradd"
useradd -M -U -G qtstapp,qtstg1 qtstu1 || fail "useradd"
useradd -M -U -G qtstapp,qtstg1,qtstg2 qtstu2 || fail "useradd"
useradd -M -U -G qtstapp,qtstmqm qtstadm || fail "useradd"
export QUIRE_TEST_MQM_GROUP=qtstmqm

# the data folder's group (inherited by every folder crtmqm makes, and the
# socket) is qtstapp, which every test user is in
chmod 711 "$PWD"
mkdir -p "$MQ_DATA_PATH"
chgrp qtstapp "$MQ_DATA_PATH"
chmod 2775 "$MQ_DATA_PATH"

as() { _u=$1; shift; setpriv --reuid="$_u" --regid="$_u" --init-groups "$@"; }
# oam USER ARGS...: mqi_oam as USER; the last line printed ("VERB reason")
oam() { _u=$1; shift; OUT=$(as "$_u" "$T/mqi_oam" QO "$@" 2>&1); }
ok() { oam "$@"; printf '%s\n' "$OUT" | tail -1 | grep -q ' 0$' || fail "$* refused: $OUT"; }
no() { oam "$@"; printf '%s\n' "$OUT" | tail -1 | grep -q ' 2035$' || fail "$* not refused with 2035: $OUT"; }
mqsc() { printf '%s\n' "$1" | runmqsc QO >/dev/null || fail "runmqsc: $1"; }
errlog() { cat "$MQ_DATA_PATH/qmgrs/QO/errors/AMQERR01.LOG"; }

run 0 crtmqm -ll QO
run 0 strmqm QO
mqsc "DEFINE QLOCAL(OAM.Q)
DEFINE QLOCAL(OAM.DEST)
DEFINE QALIAS(OAM.ALIAS) TARGET(OAM.Q)
DEFINE QMODEL(OAM.MODEL) DEFTYPE(TEMPDYN)
DEFINE PROCESS(OAM.PROC)
DEFINE TOPIC(OAM.T) TOPICSTR('oam/t')
DEFINE QLOCAL(GEN.A.B)
DEFINE QLOCAL(GEN.X)
DEFINE QLOCAL(U.Q)"

note "no authority at all: MQCONN 2035, AMQ8077W naming the user"
no qtstnone conn
errlog | grep -q "AMQ8077W: Entity 'qtstnone' has insufficient authority to access object QO." ||
	fail "no AMQ8077W for the refused MQCONN"
run 0 setmqaut -m QO -t qmgr -p qtstnone +connect
has "The setmqaut command completed successfully."
ok qtstnone conn

note "connect only: every other verb and object type is 2035"
for o in input browse output inq set output,passid output,passall output,setid output,setall; do
	no qtstnone open q OAM.Q $o
done
no qtstnone open q OAM.ALIAS output
no qtstnone open q OAM.MODEL input
no qtstnone put1 OAM.Q
no qtstnone open qmgr - inq
no qtstnone open process OAM.PROC inq
no qtstnone open topic oam/t output
no qtstnone pub oam/t
no qtstnone sub oam/t
no qtstnone open q OAM.Q output qtstu1   # alternate user: no altusr
[ "$("$T/mqi_tool" QO depth OAM.Q)" = 0 ] || fail "a refused put left a message"
OUT=$(printf 'DISPLAY QMGR QMNAME\n' | as qtstnone runmqsc QO 2>&1)
has "AMQ8135E"

note "each authority lets exactly its verb through"
grant() { run 0 setmqaut -m QO "$@"; }
grant -t q -n OAM.Q -p qtstnone +put
ok qtstnone open q OAM.Q output
no qtstnone open q OAM.Q input
ok qtstnone put1 OAM.Q
no qtstnone open q OAM.Q output,setid
grant -t q -n OAM.Q -p qtstnone +get
ok qtstnone open q OAM.Q input
no qtstnone open q OAM.Q browse
grant -t q -n OAM.Q -p qtstnone +browse
ok qtstnone open q OAM.Q browse
no qtstnone open q OAM.Q inq
grant -t q -n OAM.Q -p qtstnone +inq
ok qtstnone open q OAM.Q inq
no qtstnone open q OAM.Q set
grant -t q -n OAM.Q -p qtstnone +set
ok qtstnone open q OAM.Q set
has "MQSET 0"
for c in passid passall setid setall; do
	no qtstnone open q OAM.Q output,$c
	grant -t q -n OAM.Q -p qtstnone +$c
	ok qtstnone open q OAM.Q output,$c
done
no qtstnone open q OAM.ALIAS output    # an alias is checked on its own name
grant -t q -n OAM.ALIAS -p qtstnone +put
ok qtstnone open q OAM.ALIAS output
grant -t q -n OAM.MODEL -p qtstnone +get
ok qtstnone open q OAM.MODEL input
grant -t qmgr -p qtstnone +inq
ok qtstnone inq
grant -t process -n OAM.PROC -p qtstnone +inq
ok qtstnone open process OAM.PROC inq
note "topics: pub and sub on the topic object at or above the string"
grant -t topic -n OAM.T -p qtstnone +pub
ok qtstnone pub oam/t
ok qtstnone pub oam/t/below
no qtstnone pub oam/other          # SYSTEM.BASE.TOPIC gives nothing
no qtstnone sub oam/t
grant -t topic -n OAM.T -p qtstnone +sub
ok qtstnone sub oam/t
ok qtstnone sub oam/t DUR1
no qtstnone resume DUR1
grant -t topic -n OAM.T -p qtstnone +resume
ok qtstnone resume DUR1
grant -t q -n OAM.DEST -p qtstnone +get
no qtstnone subq oam/t OAM.DEST    # an unmanaged destination needs put
grant -t q -n OAM.DEST -p qtstnone +put
ok qtstnone subq oam/t OAM.DEST
note "a permanent dynamic queue: its creating handle deletes it; any other needs dlt"
mqsc "DEFINE QMODEL(OAM.PMODEL) DEFTYPE(PERMDYN)"
grant -t q -n OAM.PMODEL -p qtstnone +get
grant -t q -n 'PD.*' -p qtstnone +get
ok qtstnone mkdyn OAM.PMODEL PD.ONE delete
[ "$("$T/mqi_tool" QO open PD.ONE)" = 2085 ] || fail "PD.ONE not deleted by its creator"
ok qtstnone mkdyn OAM.PMODEL PD.TWO
no qtstnone delq PD.TWO
[ "$("$T/mqi_tool" QO open PD.TWO)" = 0 ] || fail "PD.TWO deleted without dlt"
grant -t q -n 'PD.*' -p qtstnone +dlt
ok qtstnone delq PD.TWO
[ "$("$T/mqi_tool" QO open PD.TWO)" = 2085 ] || fail "PD.TWO not deleted with dlt"

note "alternate user: altusr on the queue manager, then the alternate user's authority"
grant -t qmgr -p qtstnone +altusr
no qtstnone open q OAM.Q output qtstu1
grant -t q -n OAM.Q -p qtstu1 +put
ok qtstnone open q OAM.Q output qtstu1
note "dspmqaut and DISPLAY ENTAUTH show the union; revoking takes it away"
run 0 dspmqaut -m QO -t q -n OAM.Q -p qtstnone
has "Entity qtstnone has the following authorizations for object OAM.Q:"
for a in get browse put inq set passid passall setid setall; do has "	$a"; done
run 0 setmqaut -m QO -t q -n OAM.Q -p qtstnone -put -get
no qtstnone open q OAM.Q output
no qtstnone open q OAM.Q input
ok qtstnone open q OAM.Q browse
run 0 setmqaut -m QO -t q -n OAM.Q -p qtstnone -remove
no qtstnone open q OAM.Q browse
run 133 setmqaut -m QO -t q -n OAM.Q -p qtstnone -remove
has "AMQ8866E"

note "generic profiles: the most specific one of each group applies"
grant -t qmgr -g qtstg1 +connect
grant -t q -n 'GEN.**' -g qtstg1 +put
ok qtstu1 put GEN.A.B
ok qtstu1 put GEN.X
no qtstu1 put U.Q
grant -t q -n 'GEN.A.*' -g qtstg1 +get
no qtstu1 put GEN.A.B              # GEN.A.* is more specific: get only
ok qtstu1 get GEN.A.B
ok qtstu1 put GEN.X
grant -t q -n 'GEN.?' -g qtstg1 +browse
no qtstu1 put GEN.X                # GEN.? beats GEN.**

note "a user's authority is the union over its groups"
grant -t q -n U.Q -g qtstg1 +put
grant -t q -n U.Q -g qtstg2 +get
ok qtstu2 put U.Q
ok qtstu2 get U.Q
ok qtstu1 put U.Q
no qtstu1 get U.Q
run 0 dspmqaut -m QO -t q -n U.Q -p qtstu2
has "	get"
has "	put"
note "group membership is read again at REFRESH SECURITY"
usermod -a -G qtstg2 qtstu1 || fail "usermod"
no qtstu1 get U.Q                  # cached
OUT=$(printf 'REFRESH SECURITY\n' | runmqsc QO)
has "AMQ8560I"
ok qtstu1 get U.Q

note "administrators (the mqm group) have every authority, none recorded"
ok qtstadm put OAM.Q
ok qtstadm open q OAM.Q input
ok qtstadm open q OAM.Q output,setall
OUT=$(printf 'DISPLAY QMGR QMNAME\n' | as qtstadm runmqsc QO 2>&1)
has "QMNAME(QO)"
OUT=$(printf "DISPLAY ENTAUTH PRINCIPAL('qtstadm') OBJNAME(OAM.Q) OBJTYPE(QUEUE)\n" | runmqsc QO)
has "AUTHLIST(GET,BROWSE,PUT,INQ,SET,PASSID,PASSALL,SETID,SETALL,CRT,DLT,CHG,DSP,CLR)"

note "the command server carries out a command with its sender's authority (runmqsc -w)"
grant -t q -n SYSTEM.ADMIN.COMMAND.QUEUE -p qtstnone +put
grant -t q -n SYSTEM.MQSC.REPLY.QUEUE -p qtstnone +get +browse +inq
OUT=$(printf 'DISPLAY QLOCAL(U.Q) CURDEPTH\n' | as qtstnone runmqsc -w 30 QO 2>&1)
has "AMQ8135E"
hasnt "CURDEPTH("
grant -t q -n U.Q -p qtstnone +dsp
OUT=$(printf 'DISPLAY QLOCAL(U.Q) CURDEPTH\nDEFINE QLOCAL(CS.NEW)\nALTER QLOCAL(U.Q) DESCR(x)\n' | as qtstnone runmqsc -w 30 QO 2>&1)
has "QUEUE(U.Q)"
has "CURDEPTH("
n=$(printf '%s\n' "$OUT" | grep -c "AMQ8135E")
[ "$n" = 2 ] || fail "DEFINE and ALTER without crt and chg: $n refusals: $OUT"
OUT=$(printf 'DISPLAY QLOCAL(*)\n' | as qtstnone runmqsc -w 30 QO 2>&1)
has "QUEUE(U.Q)"                   # a generic DISPLAY shows only what dsp allows
hasnt "QUEUE(OAM.Q)"
hasnt "QUEUE(SYSTEM."
grant -t q -n 'CS.*' -p qtstnone +crt
OUT=$(printf 'DEFINE QLOCAL(CS.NEW)\n' | as qtstnone runmqsc -w 30 QO 2>&1)
has "AMQ8006I"

note "MQSC: SET, DISPLAY and DELETE AUTHREC; errors"
OUT=$(printf "SET AUTHREC PROFILE('APP.*') OBJTYPE(QUEUE) GROUP('qtstg2') AUTHADD(PUT,BROWSE)
DISPLAY AUTHREC PROFILE(APP.Q1) OBJTYPE(QUEUE)
DISPLAY AUTHREC PROFILE('APP.*') OBJTYPE(QUEUE) MATCH(EXACT) AUTHLIST
SET AUTHREC PROFILE(APP.Q1) OBJTYPE(QUEUE) GROUP('qtstg2') AUTHADD(CONNECT)
SET AUTHREC PROFILE(APP.Q1) OBJTYPE(QUEUE) GROUP('qtstnosuch') AUTHADD(PUT)
DELETE AUTHREC PROFILE('APP.*') OBJTYPE(QUEUE) GROUP('qtstg2')
DISPLAY AUTHREC PROFILE('APP.*') OBJTYPE(QUEUE) MATCH(EXACT)
" | runmqsc QO)
has "AMQ8862I: Authority record set."
has "PROFILE(APP.*)"
has "ENTITY(qtstg2)"
has "ENTTYPE(GROUP)"
has "OBJTYPE(QUEUE)"
has "AUTHLIST(BROWSE,PUT)"
has "AMQ7097E"
has "AMQ7026E"
has "AMQ8863I: Authority record deleted."
has "AMQ8147E"

note "dmpmqaut: every record, -l, -a, -x"
run 0 dmpmqaut -m QO -t q -n GEN.A.B
has "profile:     GEN.**"
has "profile:     GEN.A.*"
has "object type: queue"
has "entity:      qtstg1"
has "entity type: group"
has "authority:   get"
hasnt "profile:     U.Q"
run 0 dmpmqaut -m QO -x -n 'GEN.A.*' -t q
has "profile:     GEN.A.*"
hasnt "profile:     GEN.**"
run 0 dmpmqaut -m QO -l
has "profile: GEN.**, type: queue"
run 0 dmpmqaut -m QO -a -t qmgr
has "setmqaut -m QO -t qmgr -g 'qtstg1' +connect"
before=$(dmpmqaut -m QO)
[ -n "$before" ] || fail "dmpmqaut printed nothing"
run 36 setmqaut -m QO -t q -n X -p qtstu1 -g qtstg1 +put
run 151 setmqaut -m QO -t q -n X -g qtstg1 +connect
run 147 setmqaut -m QO -n X -g qtstg1 +put
run 150 setmqaut -m QO -t q -n X -g qtstg1
run 133 setmqaut -m QO -t q -n NO.SUCH.Q -g qtstg1 +put   # a plain name needs its object
has "AMQ8147E"

note "authority events: none while AUTHOREV is DISABLED (the default), MQ's Not Authorized events once ENABLED"
events() { OUT=$("$T/mqi_oam" QO events 2>&1) || fail "malformed event: $OUT"; }
ev() { printf '%s\n' "$OUT" | grep -F -- "$1" | head -1; }
MQCMD_DELETE_Q=$(sed -n 's/^#define MQCMD_DELETE_Q  *\([0-9]*\)$/\1/p' "$(dirname "$0")/../../include/cmqcfc.h")
[ -n "$MQCMD_DELETE_Q" ] || fail "MQCMD_DELETE_Q not found in cmqcfc.h"
events
no qtstnone open q OAM.Q output
events
hasnt "EVENT"
mqsc "ALTER QMGR AUTHOREV(ENABLED)
DEFINE QLOCAL(EV.DEST)"
grant -t q -n EV.DEST -p qtstnone +get
run 0 setmqaut -m QO -t qmgr -p qtstnone -connect
no qtstnone conn
run 0 setmqaut -m QO -t qmgr -p qtstnone +connect
no qtstnone open q OAM.Q output
no qtstu1 sub oam/t
no qtstnone subq oam/t EV.DEST
no qtstnone put1 OAM.Q
OUT=$(printf 'DELETE QLOCAL(U.Q)\n' | as qtstnone runmqsc -w 30 QO 2>&1)
has "AMQ8135E"
events
n=$(printf '%s\n' "$OUT" | grep -c '^EVENT cmd=44 reason=2035 ')
[ "$n" = 6 ] || fail "$n Not Authorized events, not 6: $OUT"
l=$(ev " 1020=4 ")   # type 4: a command the command server refused
for f in "n=4" " 2015='QO' 2015/48" " 1021=$((MQCMD_DELETE_Q))" " 3025='qtstnone' 3025/12"; do
	case "$l" in *"$f"*) ;; *) fail "type 4 event lacks $f: $l" ;; esac
done
l=$(ev " 1020=1 ")   # type 1: MQCONN
for f in "n=5" " 2015='QO' 2015/48" " 3025='qtstnone' 3025/12" " 1=6 " " 3024='mqi_oam' 3024/28"; do
	case "$l" in *"$f"*) ;; *) fail "type 1 event lacks $f: $l" ;; esac
done
l=$(ev " 1020=2 1022=16 ")   # type 2: MQOPEN for output
for f in "n=7" " 2015='QO' 2015/48" " 3025='qtstnone' 3025/12" " 1=6 " " 3024='mqi_oam' 3024/28" " 2016='OAM.Q' 2016/48"; do
	case "$l" in *"$f"*) ;; *) fail "type 2 event lacks $f: $l" ;; esac
done
l=$(ev " 1020=2 1022=8208 ")   # MQPUT1: output and fail-if-quiescing are not asked: its MQOO_OUTPUT
[ -z "$l" ] || fail "MQPUT1's event options: $l"
[ "$(printf '%s\n' "$OUT" | grep -c " 1020=2 1022=16 ")" = 2 ] || fail "MQOPEN and MQPUT1 give one type 2 event each: $OUT"
l=$(ev " 1020=17 ")   # type 5: MQSUB
for f in "n=7" " 1303=" " 3025='qtstu1' 3025/12" " 3024='mqi_oam' 3024/28" " 2094='oam/t' 2094/5"; do
	case "$l" in *"$f"*) ;; *) fail "type 5 event lacks $f: $l" ;; esac
done
l=$(ev " 1020=18 ")   # type 6: the unmanaged destination
for f in "n=8" " 3025='qtstnone' 3025/12" " 2094='oam/t' 2094/5" " 3154='EV.DEST' 3154/48"; do
	case "$l" in *"$f"*) ;; *) fail "type 6 event lacks $f: $l" ;; esac
done
mqsc "ALTER QMGR AUTHOREV(DISABLED)"

note "the records survive endmqm, kill -9 and the loss of the queue's files"
before=$(dmpmqaut -m QO)
run 0 endmqm -i QO
run 0 strmqm QO
[ "$(dmpmqaut -m QO)" = "$before" ] || fail "records changed across endmqm: $(dmpmqaut -m QO)"
ok qtstu1 put U.Q
no qtstu1 put GEN.X
grant -t q -n 'KILL.*' -g qtstg1 +put
before=$(dmpmqaut -m QO)
pid=$(qm_pid QO)
kill -9 "$pid"
wait_for 20 'pid_gone "$pid"'
run 0 strmqm QO
[ "$(dmpmqaut -m QO)" = "$before" ] || fail "records changed across kill -9: $(dmpmqaut -m QO)"
run 0 rcdmqimg -m QO -t ql SYSTEM.AUTH.DATA.QUEUE
grant -t q -n 'AFTER.*' -g qtstg2 +get
before=$(dmpmqaut -m QO)
d=$(dspmqfls -m QO -t ql SYSTEM.AUTH.DATA.QUEUE | sed -n 's|^\(/.*\)$|\1|p' | head -1)
[ -d "$d" ] || fail "no folder for SYSTEM.AUTH.DATA.QUEUE: $d"
run 0 endmqm -w QO
rm -f "$d"/*.qs*
run 0 strmqm QO
has "Object SYSTEM.AUTH.DATA.QUEUE, type qlocal recreated."
[ "$(dmpmqaut -m QO)" = "$before" ] || fail "records after media recovery: $(dmpmqaut -m QO)"
no qtstnone open q OAM.Q browse

note "a message on the queue that is no record: reported when the records are read, the records still count"
no_record_restart QO SYSTEM.AUTH.DATA.QUEUE
[ "$(dmpmqaut -m QO)" = "$before" ] || fail "records with a message that is no record: $(dmpmqaut -m QO)"
log_gained QO
has "AMQ7472"
has "Object SYSTEM.AUTH.DATA.QUEUE of type qlocal is damaged."
ok qtstu1 put U.Q
no qtstnone open q OAM.Q browse

note "qm.ini Service SecurityPolicy=user: a principal's records are its own"
run 0 endmqm -w QO
printf '\nService:\n   Name=AuthorizationService\n   EntryPoints=14\n   SecurityPolicy=user\n' >>"$MQ_DATA_PATH/qmgrs/QO/qm.ini"
run 0 strmqm QO
mqsc "DEFINE QLOCAL(UP.Q)"
grant -t q -n UP.Q -p qtstu1 +put
OUT=$(printf "DISPLAY AUTHREC PROFILE(UP.Q) OBJTYPE(QUEUE)\n" | runmqsc QO)
has "ENTITY(qtstu1)"
has "ENTTYPE(PRINCIPAL)"
ok qtstu1 put UP.Q
no qtstu2 put UP.Q                 # in qtstu1's groups? no: the record is qtstu1's alone
ok qtstu2 put U.Q                  # the group records still count

run 0 endmqm -w QO
sanitizer_check
echo "t8300 ok"
