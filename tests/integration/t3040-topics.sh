# issue 14, first part: TOPIC objects and the topic tree.  DEFINE / ALTER /
# DELETE / DISPLAY TOPIC with LIKE, REPLACE/NOREPLACE, generic names and
# TOPICSTR's rules; the default topic objects; DISPLAY TPSTATUS with the
# values ASPARENT resolves to up the tree; topics kept across endmqm, kill -9,
# media images (rcdmqimg / rcrmqobj -t topic), dspmqfls -t topic, and a
# dmpmqcfg dump replayed into another queue manager.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
trap 'for q in TP TR; do endmqm -i $q >/dev/null 2>&1; done' EXIT
mqsc() { printf '%s\n' "$2" >cmds.in; run "${3:-0}" runmqsc -e "$1" -f cmds.in; }

run 0 crtmqm -ll -lf 64 TP
run 0 strmqm TP

note "the default topic objects, with MQ's values"
mqsc TP "DISPLAY TOPIC(SYSTEM.*) ALL"
has "TOPIC(SYSTEM.BASE.TOPIC)"
has "TOPIC(SYSTEM.DEFAULT.TOPIC)"
has "AMQ8633I: Display topic details."
has "TYPE(LOCAL)"
mqsc TP "DISPLAY TOPIC(SYSTEM.BASE.TOPIC) ALL"
for a in "TOPICSTR( )" "DURSUB(YES)" "PUB(ENABLED)" "SUB(ENABLED)" "DEFPSIST(NO)" "DEFPRTY(0)" "DEFPRESP(SYNC)" \
	"PMSGDLV(ALLDUR)" "NPMSGDLV(ALLAVAIL)" "PUBSCOPE(ALL)" "SUBSCOPE(ALL)" "PROXYSUB(FIRSTUSE)" "WILDCARD(PASSTHRU)" \
	"MDURMDL(SYSTEM.DURABLE.MODEL.QUEUE)" "MNDURMDL(SYSTEM.NDURABLE.MODEL.QUEUE)" "MCAST(DISABLED)" "USEDLQ(YES)" \
	"CAPEXPRY(NOLIMIT)" "CLROUTE(DIRECT)" "CLUSTER( )" "COMMINFO( )" "CUSTOM( )" "ALTDATE(" "ALTTIME("; do
	has "$a"
done
hasnt "CRDATE"
mqsc TP "DISPLAY TOPIC(SYSTEM.DEFAULT.TOPIC) ALL"
for a in "DURSUB(ASPARENT)" "PUB(ASPARENT)" "DEFPSIST(ASPARENT)" "DEFPRTY(ASPARENT)" "DEFPRESP(ASPARENT)" \
	"PMSGDLV(ASPARENT)" "NPMSGDLV(ASPARENT)" "PUBSCOPE(ASPARENT)" "USEDLQ(ASPARENT)" "CAPEXPRY(ASPARENT)" \
	"MDURMDL( )"; do
	has "$a"
done
# the model queues SYSTEM.BASE.TOPIC names exist
mqsc TP "DISPLAY QMODEL(SYSTEM.*) DEFTYPE"
has "QUEUE(SYSTEM.DURABLE.MODEL.QUEUE)"
has "DEFTYPE(PERMDYN)"
has "QUEUE(SYSTEM.NDURABLE.MODEL.QUEUE)"
has "DEFTYPE(TEMPDYN)"

note "DEFINE TOPIC: TOPICSTR required and unique; LIKE; REPLACE/NOREPLACE; errors change nothing"
mqsc TP "DEFINE TOPIC(SPORTS) TOPICSTR('Sports') DEFPRTY(5) DESCR('all sports')"
has "AMQ8690I: Quire topic SPORTS created."
mqsc TP "DEFINE TOPIC(FOOTBALL) TOPICSTR('Sports/Football') DURSUB(NO) PUB(DISABLED)"
mqsc TP "DEFINE TOPIC(UK) TOPICSTR('Sports/Football/UK') PUB(ENABLED) DEFPSIST(YES) MDURMDL(UK.DUR)"
mqsc TP "DEFINE TOPIC(NOSTR)" 10
has "needs TOPICSTR"
mqsc TP "DEFINE TOPIC(BLANK) TOPICSTR(' ')" 10
has "needs TOPICSTR"
mqsc TP "DEFINE TOPIC(DUP) TOPICSTR('Sports/Football')" 10
has "AMQ8956E: Topic string 'Sports/Football' already belongs to topic object FOOTBALL."
mqsc TP "DEFINE TOPIC(SPORTS) TOPICSTR('Sports')" 10
has "AMQ8150E"
mqsc TP "DEFINE TOPIC(SPORTS) TOPICSTR('Sports') NOREPLACE" 10
has "AMQ8150E"
mqsc TP "DEFINE TOPIC(BAD) TOPICSTR('x') DEFPRTY(10)" 10
has "DEFPRTY(10)"
mqsc TP "DEFINE TOPIC(BAD) TOPICSTR('x') WILDCARD(ASPARENT)" 10
mqsc TP "DEFINE TOPIC(BAD) TOPICSTR('x') CLUSTER(C1)" 10
has "cannot be set"
mqsc TP "DEFINE TOPIC(BAD) TOPICSTR('x') MAXDEPTH(5)" 10
mqsc TP "DEFINE TOPIC(BAD) TOPICSTR('x') PURGE" 10
mqsc TP "DISPLAY TOPIC(BAD)" 10
has "AMQ8147E"
# LIKE copies the attributes, not the topic string
mqsc TP "DEFINE TOPIC(RUGBY) LIKE(FOOTBALL) TOPICSTR('Sports/Rugby')"
mqsc TP "DISPLAY TOPIC(RUGBY) TOPICSTR DURSUB PUB"
has "TOPICSTR(Sports/Rugby)"
has "DURSUB(NO)"
has "PUB(DISABLED)"
mqsc TP "DEFINE TOPIC(TENNIS) LIKE(FOOTBALL)" 10
has "needs TOPICSTR"
mqsc TP "DEFINE TOPIC(TENNIS) LIKE(NOSUCH) TOPICSTR('t')" 10
has "AMQ8147E"
# a topic may share a queue's name (a namespace of its own)
mqsc TP "DEFINE QLOCAL(SPORTS)"
mqsc TP "DISPLAY QUEUE(SPORTS)"
has "QUEUE(SPORTS)"
mqsc TP "DISPLAY TOPIC(SPORTS) TOPICSTR"
has "TOPICSTR(Sports)"

note "ALTER TOPIC and DEFINE REPLACE never change TOPICSTR"
mqsc TP "ALTER TOPIC(SPORTS) TOPICSTR('Other')" 10
has "does not take TOPICSTR"
mqsc TP "DEFINE TOPIC(SPORTS) TOPICSTR('Other') REPLACE" 10
has "cannot be changed"
mqsc TP "ALTER TOPIC(SPORTS) SUB(DISABLED) DEFPRESP(ASYNC)"
has "AMQ8691I: Quire topic SPORTS changed."
# REPLACE without TOPICSTR keeps the object's; the rest from the default
mqsc TP "DEFINE TOPIC(RUGBY) REPLACE WILDCARD(BLOCK)"
has "AMQ8691I"
mqsc TP "DISPLAY TOPIC(RUGBY) TOPICSTR DURSUB WILDCARD"
has "TOPICSTR(Sports/Rugby)"
has "DURSUB(ASPARENT)"
has "WILDCARD(BLOCK)"
mqsc TP "ALTER TOPIC(NOSUCH) DEFPRTY(1)" 10
has "AMQ8147E"
mqsc TP "DISPLAY TOPIC(SPORTS) DEFPRTY SUB DEFPRESP DESCR"
has "DEFPRTY(5)"
has "SUB(DISABLED)"
has "DEFPRESP(ASYNC)"
has "DESCR(all sports)"

note "generic names, TYPE, WHERE"
mqsc TP "DISPLAY TOPIC(*)"
for t in SPORTS FOOTBALL UK RUGBY SYSTEM.BASE.TOPIC SYSTEM.DEFAULT.TOPIC; do has "TOPIC($t)"; done
hasnt "QUEUE("
mqsc TP "DISPLAY TOPIC(S*) TYPE(LOCAL)"
has "TOPIC(SPORTS)"
hasnt "TOPIC(FOOTBALL)"
mqsc TP "DISPLAY TOPIC(*) TYPE(CLUSTER)" 10
has "AMQ8147E"
mqsc TP "DISPLAY TOPIC(*) WHERE(DURSUB EQ NO)"
has "TOPIC(FOOTBALL)"
hasnt "TOPIC(SPORTS)"

note "DISPLAY TPSTATUS: the nodes and the values ASPARENT resolves to"
mqsc TP "DISPLAY TPSTATUS('Sports/Football/UK')"
has "AMQ8754I: Display topic status details."
has "TOPICSTR(Sports/Football/UK)"
has "ADMIN(UK)"
has "PUB(ENABLED)"        # its own
has "DURSUB(NO)"          # FOOTBALL's
has "DEFPRTY(5)"          # SPORTS'
has "SUB(DISABLED)"       # SPORTS'
has "DEFPSIST(YES)"       # its own
has "DEFPRESP(ASYNC)"     # SPORTS'
has "MDURMDL(UK.DUR)"
has "MNDURMDL(SYSTEM.NDURABLE.MODEL.QUEUE)"   # SYSTEM.BASE.TOPIC's
has "NPMSGDLV(ALLAVAIL)"
has "CAPEXPRY(NOLIMIT)"
hasnt "TOPIC(UK)"
mqsc TP "DISPLAY TPSTATUS('Sports/Football') TYPE(TOPIC) PUB DEFPSIST"
hasnt "ADMIN("
has "PUB(DISABLED)"
has "DEFPSIST(NO)"
mqsc TP "DISPLAY TPSTATUS('#') DEFPRTY"
for s in "Sports)" "Sports/Football)" "Sports/Football/UK)" "Sports/Rugby)"; do has "TOPICSTR($s"; done
mqsc TP "DISPLAY TPSTATUS('Sports/+') WHERE(DURSUB EQ NO)"
has "TOPICSTR(Sports/Football)"
hasnt "TOPICSTR(Sports/Rugby)"          # DURSUB back to ASPARENT by its REPLACE
hasnt "TOPICSTR(Sports/Football/UK)"    # one level only
mqsc TP "DISPLAY TPSTATUS('Sports/+') WILDCARD" 10
has "AMQ8405E"
mqsc TP "DISPLAY TPSTATUS('Sports/Tennis')" 10
has "AMQ8147E"
mqsc TP "DISPLAY TPSTATUS('Sports/+') WHERE(DEFPRTY EQ 9)"   # nodes, none passing WHERE: no error
hasnt "AMQ8754I"
hasnt "AMQ8147E"
mqsc TP "DISPLAY TPSTATUS('Sports') TYPE(SUB)" 10   # no subscription there (t7210 has some)
has "AMQ8147E"
mqsc TP "DISPLAY TPSTATUS('Sports') NOSUCH" 10
has "AMQ8405E"
# the base topic altered: every node that leaves it to its parents follows
mqsc TP "ALTER TOPIC(SYSTEM.BASE.TOPIC) NPMSGDLV(ALL)"
mqsc TP "DISPLAY TPSTATUS('Sports/Football/UK') NPMSGDLV"
has "NPMSGDLV(ALL)"
# a node's object deleted: its string takes its attributes from above
mqsc TP "DELETE TOPIC(FOOTBALL) PURGE" 10
has "does not take PURGE"
mqsc TP "DELETE TOPIC(FOOTBALL)"
has "AMQ8692I: Quire topic FOOTBALL deleted."
mqsc TP "DISPLAY TPSTATUS('Sports/Football/UK') DURSUB PUB"
has "DURSUB(YES)"
has "PUB(ENABLED)"
mqsc TP "DELETE TOPIC(FOOTBALL)" 10
has "AMQ8147E"
# the string is free again
mqsc TP "DEFINE TOPIC(FOOTBALL2) TOPICSTR('Sports/Football') DURSUB(NO)"

note "a topic string of MQ's full 10240 characters, shown whole"
long=$(awk 'BEGIN { for (i = 0; i < 1200; i++) printf "lvl%05d/", i }' | cut -c1-10240)
[ ${#long} = 10240 ] || fail "long string is ${#long} characters"
printf "DEFINE TOPIC(LONG) TOPICSTR('%s')\nDISPLAY TOPIC(LONG) TOPICSTR\nDISPLAY TPSTATUS('%s') ADMIN\n" "$long" "$long" >long.in
run 0 runmqsc TP <long.in
has "AMQ8690I: Quire topic LONG created."
[ "$(printf '%s\n' "$OUT" | grep -c "^   TOPICSTR($long)")" = 2 ] || fail "the long topic string not shown whole twice"
has "ADMIN(LONG)"
printf "DEFINE TOPIC(LONG2) TOPICSTR('%sx')\n" "$long" >long.in
run 10 runmqsc TP <long.in
has "at most 10240"
mqsc TP "DELETE TOPIC(LONG)"

note "files: dspmqfls -t topic, runmqsc -v checks"
run 0 dspmqfls -m TP -t topic 'S*'
has "TOPIC     SPORTS"
has "topics/SPORTS"
has "TOPIC     SYSTEM.BASE.TOPIC"
hasnt "QLOCAL"
run 0 dspmqfls -m TP -t top UK
has "topics/UK"
printf 'DEFINE TOPIC(V1) TOPICSTR(v) DEFPRTY(12)\n' >v.in
run 10 runmqsc -v TP <v.in
has "DEFPRTY(12)"

note "kept across endmqm and kill -9 (the alter whose file may lag is in the log)"
run 0 endmqm -i TP
run 0 strmqm TP
mqsc TP "DISPLAY TOPIC(UK) DEFPSIST MDURMDL TOPICSTR"
has "TOPICSTR(Sports/Football/UK)"
has "DEFPSIST(YES)"
mqsc TP "ALTER TOPIC(UK) DEFPRTY(7)"
pid=$(qm_pid TP)
kill -9 "$pid"
wait_for 10 'pid_gone $pid'
run 0 strmqm TP
mqsc TP "DISPLAY TOPIC(UK) DEFPRTY"
has "DEFPRTY(7)"
mqsc TP "DISPLAY TPSTATUS('Sports/Football/UK') DEFPRTY DURSUB"
has "DEFPRTY(7)"
has "DURSUB(NO)"     # FOOTBALL2's
mqsc TP "DISPLAY TOPIC(FOOTBALL)" 10

note "media images and recovery of topics"
run 0 rcdmqimg -m TP -t topic '*'
has "type topic recorded"
run 128 rcdmqimg -m TP -t topic NO.SUCH
has "AMQ7910E"
has "topic"
mqsc TP "ALTER TOPIC(UK) DESCR('after the image')"
run 0 endmqm -i TP
printf 'not a topic file' >"$MQ_DATA_PATH/qmgrs/TP/topics/UK/t"
run 0 strmqm TP
mqsc TP "DISPLAY TOPIC(UK) DESCR DEFPRTY"
has "DESCR(after the image)"
has "DEFPRTY(7)"
run 0 endmqm -i TP
rm -f "$MQ_DATA_PATH/qmgrs/TP/topics/SPORTS/t"
run 0 strmqm TP
mqsc TP "DISPLAY TOPIC(SPORTS) DEFPRTY"
has "DEFPRTY(5)"
run 0 rcrmqobj -m TP -t topic SPORTS
has "type topic recreated"
mqsc TP "DISPLAY TPSTATUS('Sports/Football/UK') SUB"
has "SUB(DISABLED)"

note "dmpmqcfg: the topics dumped and replayed into another queue manager"
run 0 dmpmqcfg -m TP -t topic
has "DEFINE TOPIC('UK')"
has "TOPICSTR('Sports/Football/UK')"
has "DEFINE TOPIC('SYSTEM.BASE.TOPIC')"
printf '%s\n' "$OUT" >topics.mqsc
run 0 dmpmqcfg -m TP -t topic -a
has "DESCR('after the image')"
run 0 crtmqm TR
run 0 strmqm TR
run 0 runmqsc -f topics.mqsc TR
hasnt "AMQ8405E"
for t in SPORTS UK RUGBY FOOTBALL2; do
	mqsc TP "DISPLAY TOPIC($t) ALL"
	a=$(printf '%s\n' "$OUT" | grep -v "ALTDATE\|ALTTIME\|^ *[0-9]* :\|MQSC\|commands")
	mqsc TR "DISPLAY TOPIC($t) ALL"
	b=$(printf '%s\n' "$OUT" | grep -v "ALTDATE\|ALTTIME\|^ *[0-9]* :\|MQSC\|commands")
	[ "$a" = "$b" ] || fail "topic $t differs after the round trip:
$a
---
$b"
done
mqsc TR "DISPLAY TPSTATUS('Sports/Football/UK') NPMSGDLV SUB DEFPRTY"
has "NPMSGDLV(ALL)"
has "SUB(DISABLED)"
has "DEFPRTY(7)"
# replayed again: REPLACE changes nothing, TOPICSTR kept
run 0 runmqsc -f topics.mqsc TR
hasnt "AMQ8405E"
hasnt "AMQ8956E"

note "SYSTEM.BASE.TOPIC deleted: MQ's values stand in; defined again, only with a blank TOPICSTR"
mqsc TP "DELETE TOPIC(SYSTEM.BASE.TOPIC)"
mqsc TP "DISPLAY TPSTATUS('Sports/Football/UK') NPMSGDLV DEFPRTY"
has "NPMSGDLV(ALLAVAIL)"
has "DEFPRTY(7)"
mqsc TP "DISPLAY TPSTATUS('Sports') PMSGDLV MNDURMDL"
has "PMSGDLV(ALLDUR)"
has "MNDURMDL(SYSTEM.NDURABLE.MODEL.QUEUE)"
mqsc TP "DEFINE TOPIC(SYSTEM.BASE.TOPIC) TOPICSTR('base')" 10
has "root of the topic tree"
mqsc TP "DEFINE TOPIC(SYSTEM.BASE.TOPIC) DEFPRTY(3)"
mqsc TP "DISPLAY TPSTATUS('Sports/Rugby') DEFPRTY DURSUB"
has "DEFPRTY(5)"       # SPORTS'
mqsc TP "DISPLAY TPSTATUS('Sports/Football') DEFPRTY SUB USEDLQ"
has "SUB(DISABLED)"
has "USEDLQ(YES)"      # the new base says ASPARENT: MQ's value

run 0 endmqm -i TR
run 0 endmqm -i TP
sanitizer_check
echo "ok t3040"
