# issue 15: channel authentication records (CHLAUTH).  MQ's three default
# records after crtmqm; SET, DISPLAY and removal of each TYPE (lists grown and
# shrunk, mappings replaced); every refusal with its message; DISPLAY's MATCH
# and TYPE filters; MATCH(RUNCHECK) answers for a table of inputs (the
# defaults blocking an administrator, ADDRESSMAP to a user, USERMAP,
# SSLPEERMAP, BLOCKADDR, WARN(YES), precedence); the records across endmqm,
# kill -9 and media recovery of SYSTEM.CHLAUTH.DATA.QUEUE; removed defaults
# stay removed; a message on the queue that is no record; dmpmqcfg -x
# chlauth replayed into another queue manager gives the same records.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
trap 'for q in QC QC2; do endmqm -i $q >/dev/null 2>&1; done' EXIT

# sc RC COMMANDS...: runmqsc QC with the commands (one a line), exit code RC
sc() { _sc_rc=$1; shift; printf '%s\n' "$@" >sc.in; run_in "$_sc_rc" sc.in runmqsc QC; }
# display: the DISPLAY output without the dates, one item a line, sorted
items() {
	printf '%s\n' "$OUT" | grep -v '^AMQ8878I\|MQSC\|commands\|^ *[0-9]* :' |
		sed 's/)  */)\n/g; s/^ *//' | grep -v '^ALTDATE\|^ALTTIME\|^$' | sort
}

run 0 crtmqm -ll QC
run 0 strmqm QC

note "the defaults crtmqm's queue manager starts with (MQ's three)"
sc 0 "DISPLAY CHLAUTH(*)"
printf '%s\n' "$OUT" | grep -A2 '^AMQ8878I' | grep -v '^AMQ8878I\|^--' >disp.txt
cat >want.txt <<'EOF'
   CHLAUTH(SYSTEM.ADMIN.SVRCONN)           TYPE(ADDRESSMAP)
   ADDRESS(*)                              USERSRC(CHANNEL)
   CHLAUTH(SYSTEM.*)                       TYPE(ADDRESSMAP)
   ADDRESS(*)                              USERSRC(NOACCESS)
   CHLAUTH(*)                              TYPE(BLOCKUSER)
   USERLIST(*MQADMIN)
EOF
diff want.txt disp.txt || fail "the default records differ: $OUT"
sc 0 "DISPLAY CHLAUTH(SYSTEM.ADMIN.SVRCONN)"
has "DESCR(Default rule to allow MQ Explorer access)"
has "CHCKCLNT(ASQMGR)"
has "ALTDATE("
sc 0 "DISPLAY CHLAUTH(SYSTEM.*) ALL"
has "DESCR(Default rule to disable all SYSTEM channels)"
has "WARN(NO)"
sc 0 "DISPLAY CHLAUTH(*) MATCH(EXACT) ALL"
has "DESCR(Default rule to disallow privileged users)"
hasnt "SYSTEM."
sc 0 "DISPLAY QLOCAL(SYSTEM.CHLAUTH.DATA.QUEUE) CURDEPTH DEFPSIST INDXTYPE"
has "CURDEPTH(4)"   # the three and the marker that says they were made
has "DEFPSIST(YES)"
has "INDXTYPE(MSGID)"

note "BLOCKUSER: a list made, grown, shrunk and removed"
sc 0 "SET CHLAUTH('APP.*') TYPE(BLOCKUSER) USERLIST('fred', 'joe') DESCR('app blocks')"
has "AMQ8877I: Quire channel authentication record set."
sc 0 "SET CHLAUTH('APP.*') TYPE(BLOCKUSER) USERLIST('bob', 'fred')"
sc 0 "DISPLAY CHLAUTH('APP.*') TYPE(BLOCKUSER) ALL"
has "USERLIST(fred,joe,bob)"
has "DESCR(app blocks)"
sc 0 "SET CHLAUTH('APP.*') TYPE(BLOCKUSER) USERLIST('fred') ACTION(REMOVE)"
sc 0 "DISPLAY CHLAUTH('APP.*') TYPE(BLOCKUSER)"
has "USERLIST(joe,bob)"
sc 10 "SET CHLAUTH('APP.*') TYPE(BLOCKUSER) USERLIST('nosuch') ACTION(REMOVE)"
has "AMQ8884E: Channel authentication record not found."
sc 0 "SET CHLAUTH('APP.*') TYPE(BLOCKUSER) USERLIST(mixed) ACTION(REPLACE)"
sc 0 "DISPLAY CHLAUTH('APP.*') TYPE(BLOCKUSER)"
has "USERLIST(MIXED)"   # unquoted: folded to upper case, as MQ
sc 0 "SET CHLAUTH('APP.*') TYPE(BLOCKUSER) ACTION(REMOVEALL)"
sc 10 "DISPLAY CHLAUTH('APP.*') TYPE(BLOCKUSER)"
has "AMQ8884E"
sc 0 "SET CHLAUTH('APP.*') TYPE(BLOCKUSER) ACTION(REMOVEALL)"   # none left: still succeeds

note "BLOCKADDR"
sc 0 "SET CHLAUTH('*') TYPE(BLOCKADDR) ADDRLIST('192.0.2.*', '198.51.100.1-20', '2001:db8:0:*')" \
	"SET CHLAUTH('*') TYPE(BLOCKADDR) ADDRLIST('192.0.2.*', '2001:DB8:0:0:0:0:0:*') ACTION(REPLACE)"
sc 0 "DISPLAY CHLAUTH(*) TYPE(BLOCKADDR)"
has "ADDRLIST(192.0.2.*,2001:DB8:0:0:0:0:0:*)"

note "ADDRESSMAP, USERMAP, SSLPEERMAP"
sc 0 "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('10.0.*') USERSRC(MAP) MCAUSER('app') DESCR('apps from 10.0')" \
	"SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('10.0.1.1-20') USERSRC(NOACCESS)" \
	"SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('10.0.2.*') USERSRC(NOACCESS) WARN(YES)" \
	"SET CHLAUTH('APP.SVRCONN') TYPE(USERMAP) CLNTUSER('joe') USERSRC(MAP) MCAUSER('joeapp') CHCKCLNT(REQUIRED)" \
	"SET CHLAUTH('APP.SVRCONN') TYPE(USERMAP) CLNTUSER('eve') ADDRESS('10.0.*') USERSRC(NOACCESS)" \
	"SET CHLAUTH('TLS.*') TYPE(SSLPEERMAP) SSLPEER('CN=svc*,O=Example') SSLCERTI('CN=Example CA') USERSRC(MAP) MCAUSER('svc')"
sc 0 "DISPLAY CHLAUTH('APP.*') TYPE(ADDRESSMAP)"
has "ADDRESS(10.0.*)"
has "MCAUSER(app)"
has "ADDRESS(10.0.1.1-20)"
has "WARN(YES)"
sc 0 "DISPLAY CHLAUTH('APP.SVRCONN') ALL"
has "CLNTUSER(joe)"
has "MCAUSER(joeapp)"
has "CHCKCLNT(REQUIRED)"
has "CLNTUSER(eve)"
sc 0 "DISPLAY CHLAUTH('TLS.*') ALL"
has "SSLPEER(CN=svc*,O=Example)"
has "SSLCERTI(CN=Example CA)"
has "MCAUSER(svc)"
sc 0 "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('10.0.*') USERSRC(MAP) MCAUSER('app2') ACTION(REPLACE)"
sc 0 "DISPLAY CHLAUTH('APP.*') TYPE(ADDRESSMAP) MCAUSER"
has "MCAUSER(app2)"
sc 0 "SET CHLAUTH('APP.SVRCONN') TYPE(USERMAP) CLNTUSER('eve') ADDRESS('10.0.*') ACTION(REMOVE)"
sc 0 "DISPLAY CHLAUTH('APP.SVRCONN')"
hasnt "eve"

note "DISPLAY's MATCH: GENERIC, EXACT, ALL"
sc 0 "DISPLAY CHLAUTH('APP.*')"
has "CHLAUTH(APP.SVRCONN)"   # the name's '*' matches profile names
hasnt "CHLAUTH(SYSTEM"
sc 0 "DISPLAY CHLAUTH('APP.*') MATCH(EXACT)"
hasnt "CHLAUTH(APP.SVRCONN)"
sc 0 "DISPLAY CHLAUTH('APP.SVRCONN') MATCH(ALL)"
has "CHLAUTH(APP.*)"
has "CHLAUTH(*)"
hasnt "CHLAUTH(SYSTEM.*)"
hasnt "CHLAUTH(TLS.*)"
sc 0 "DISPLAY CHLAUTH(*) WHERE(USERSRC EQ NOACCESS)"
has "CHLAUTH(SYSTEM.*)"
hasnt "CHLAUTH(SYSTEM.ADMIN.SVRCONN)"

note "refusals: the message and nothing changed"
refuse() { _r_want=$1; shift; sc 10 "$@"; has "$_r_want"; }
refuse "TYPE(BLOCKADDR) needs the channel profile '*'" "SET CHLAUTH('APP.*') TYPE(BLOCKADDR) ADDRLIST('1.2.3.4')"
refuse "needs TYPE(" "SET CHLAUTH('APP.*') USERLIST('x')"
refuse "TYPE(BOGUS) is not one of" "SET CHLAUTH('APP.*') TYPE(BOGUS)"
refuse "TYPE(QMGRMAP) is not served" "SET CHLAUTH('APP.*') TYPE(QMGRMAP) QMNAME('Q2') USERSRC(NOACCESS)"
refuse "ACTION(BOGUS) is not one of" "SET CHLAUTH('APP.*') TYPE(BLOCKUSER) USERLIST('x') ACTION(BOGUS)"
refuse "TYPE(BLOCKUSER) needs USERLIST" "SET CHLAUTH('APP.*') TYPE(BLOCKUSER)"
refuse "TYPE(ADDRESSMAP) needs ADDRESS" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) USERSRC(NOACCESS)"
refuse "TYPE(USERMAP) needs CLNTUSER" "SET CHLAUTH('APP.*') TYPE(USERMAP) USERSRC(NOACCESS)"
refuse "TYPE(SSLPEERMAP) needs SSLPEER" "SET CHLAUTH('APP.*') TYPE(SSLPEERMAP) USERSRC(NOACCESS)"
refuse "USERLIST is not valid with TYPE(ADDRESSMAP)" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('*') USERLIST('x')"
refuse "CLNTUSER is not valid with TYPE(ADDRESSMAP)" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('*') CLNTUSER('x')"
refuse "MCAUSER is not valid with TYPE(BLOCKUSER)" "SET CHLAUTH('APP.*') TYPE(BLOCKUSER) USERLIST('x') MCAUSER('y')"
refuse "ACTION(REMOVEALL) cannot be given ADDRESS" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('*') ACTION(REMOVEALL)"
refuse "USERSRC(MAP) needs MCAUSER" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('*')"
refuse "MCAUSER is valid only with USERSRC(MAP)" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('*') USERSRC(CHANNEL) MCAUSER('x')"
refuse "WARN(YES) on a mapping record needs USERSRC(NOACCESS)" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('*') USERSRC(CHANNEL) WARN(YES)"
refuse "CHCKCLNT is not valid with USERSRC(NOACCESS)" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('*') USERSRC(NOACCESS) CHCKCLNT(REQUIRED)"
refuse "USERSRC(BOGUS) is not MAP, NOACCESS or CHANNEL" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('*') USERSRC(BOGUS)"
refuse "CHCKCLNT(BOGUS) is not ASQMGR" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('*') USERSRC(CHANNEL) CHCKCLNT(BOGUS)"
refuse "WARN(MAYBE) is not YES or NO" "SET CHLAUTH('*') TYPE(BLOCKUSER) USERLIST('x') WARN(MAYBE)"
refuse "(MQRCCF_IPADDR_ERROR)" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('192.0*') USERSRC(NOACCESS)"
refuse "(MQRCCF_IPADDR_ERROR)" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('192.0.*.*') USERSRC(NOACCESS)"
refuse "(MQRCCF_IPADDR_ERROR)" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('192.0.2') USERSRC(NOACCESS)"
refuse "(MQRCCF_IPADDR_ERROR)" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('2001::*') USERSRC(NOACCESS)"
refuse "(MQRCCF_IPADDR_ERROR)" "SET CHLAUTH('*') TYPE(BLOCKADDR) ADDRLIST('host.example.com')"
refuse "(MQRCCF_IPADDR_RANGE_ERROR)" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('10.0.1.20-1') USERSRC(NOACCESS)"
refuse "(MQRCCF_IPADDR_RANGE_CONFLICT)" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('10.0.1.10-30') USERSRC(NOACCESS)"
refuse "AMQ8883E: Channel authentication record already exists." "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('10.0.1.1-20') USERSRC(NOACCESS)"
refuse "AMQ8884E" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('10.9.9.9') ACTION(REMOVE)"
refuse "the only special value is *MQADMIN" "SET CHLAUTH('*') TYPE(BLOCKUSER) USERLIST('*NOBODY')"
refuse "longer than 12 characters" "SET CHLAUTH('*') TYPE(BLOCKUSER) USERLIST('abcdefghijklm')"
refuse "MCAUSER has 13 characters" "SET CHLAUTH('APP.*') TYPE(ADDRESSMAP) ADDRESS('*') MCAUSER('abcdefghijklm')"
refuse "DESCR has 65 characters" "SET CHLAUTH('*') TYPE(BLOCKUSER) USERLIST('x') DESCR('$(printf '%065d' 0)')"
refuse "must have 1 to 20 characters" "SET CHLAUTH('ABCDEFGHIJKLMNOPQRSTU') TYPE(BLOCKUSER) USERLIST('x')"
refuse "holds '#'" "SET CHLAUTH('AB#') TYPE(BLOCKUSER) USERLIST('x')"
refuse "SSLPEER: the value of CN has '*' other than" "SET CHLAUTH('TLS.*') TYPE(SSLPEERMAP) SSLPEER('CN=a*b') USERSRC(NOACCESS)"
refuse "at most 100 (MQRCCF_CHLAUTH_MAX_EXCEEDED)" \
	"SET CHLAUTH('*') TYPE(BLOCKUSER) USERLIST($(i=0; while [ $i -lt 101 ]; do printf "'u%d'," $i; i=$((i+1)); done | sed 's/,$//'))"
refuse "SET CHLAUTH does not take QMNAME" "SET CHLAUTH('*') TYPE(BLOCKUSER) USERLIST('x') QMNAME('Q')"
refuse "valid only with MATCH(RUNCHECK)" "DISPLAY CHLAUTH(*) ADDRESS('1.2.3.4')"
refuse "MATCH(BOGUS) is not" "DISPLAY CHLAUTH(*) MATCH(BOGUS)"
refuse "is not an attribute that can be displayed" "DISPLAY CHLAUTH(*) BOGUS"
refuse "AMQ8884E" "DISPLAY CHLAUTH(NOSUCH.CHANNEL)"
refuse "(MQRCCF_CHLAUTH_RUNCHECK_ERROR)" "DISPLAY CHLAUTH('APP.*') MATCH(RUNCHECK) ADDRESS('1.2.3.4') CLNTUSER('x')"
refuse "needs ADDRESS with one IP address" "DISPLAY CHLAUTH('APP.X') MATCH(RUNCHECK) ADDRESS('1.2.*') CLNTUSER('x')"
refuse "needs CLNTUSER" "DISPLAY CHLAUTH('APP.X') MATCH(RUNCHECK) ADDRESS('1.2.3.4')"
refuse "needs TYPE(ALL)" "DISPLAY CHLAUTH('APP.X') MATCH(RUNCHECK) TYPE(USERMAP) ADDRESS('1.2.3.4') CLNTUSER('x')"
sc 0 "DISPLAY QLOCAL(SYSTEM.CHLAUTH.DATA.QUEUE) CURDEPTH"
has "CURDEPTH(10)"   # 3 defaults, the marker, BLOCKADDR, 3 ADDRESSMAP, USERMAP, SSLPEERMAP: nothing refused was written
snapshot() { sc 0 "DISPLAY CHLAUTH(*) ALL"; printf '%s\n' "$OUT" | grep -v "MQSC\|commands" >"$1"; }
snapshot before.txt

note "MATCH(RUNCHECK): the record that decides, or the user the channel runs as"
# runcheck CHANNEL ADDRESS CLNTUSER [SSLPEER SSLCERTI] -- expected text
runcheck() {
	_rc_ch=$1 _rc_ad=$2 _rc_u=$3; shift 3
	_rc_ssl=
	if [ "$1" != "--" ]; then _rc_ssl="SSLPEER('$1') SSLCERTI('$2')"; shift 2; fi
	shift
	sc 0 "DISPLAY CHLAUTH('$_rc_ch') MATCH(RUNCHECK) ADDRESS('$_rc_ad') CLNTUSER('$_rc_u') $_rc_ssl"
	for _rc_w in "$@"; do has "$_rc_w"; done
}
# administrators: the queue manager's own user, root, members of group mqm
ME=$(id -un)
runcheck DEV.APP.SVRCONN 203.0.113.9 "$ME" -- "CHLAUTH(*)" "USERLIST(*MQADMIN)"     # an administrator: blocked
runcheck DEV.APP.SVRCONN 203.0.113.9 root -- "USERLIST(*MQADMIN)"
runcheck DEV.APP.SVRCONN 203.0.113.9 qtst-nosuch -- "MCAUSER('qtst-nosuch')"      # no such user: not one
runcheck DEV.APP.SVRCONN 203.0.113.9 alice -- "AMQ9783I: Channel will run using MCAUSER('alice')."
runcheck SYSTEM.DEF.SVRCONN 203.0.113.9 alice -- "CHLAUTH(SYSTEM.*)" "USERSRC(NOACCESS)"
runcheck SYSTEM.ADMIN.SVRCONN 203.0.113.9 alice -- "CHLAUTH(SYSTEM.ADMIN.SVRCONN)" "USERSRC(CHANNEL)"
runcheck SYSTEM.ADMIN.SVRCONN 203.0.113.9 "$ME" -- "USERLIST(*MQADMIN)"
runcheck APP.ONE 10.0.7.7 alice -- "CHLAUTH(APP.*)" "MCAUSER(app2)"                 # ADDRESSMAP to a user
runcheck APP.ONE 10.0.1.7 alice -- "ADDRESS(10.0.1.1-20)" "USERSRC(NOACCESS)"      # the narrower address
runcheck APP.ONE 10.0.2.7 alice -- "ADDRESS(10.0.2.*)" "WARN(YES)"                 # WARN(YES): shown, not blocking
runcheck APP.ONE 10.1.0.1 alice -- "MCAUSER('alice')"                              # no record
runcheck APP.SVRCONN 10.0.1.7 joe -- "CLNTUSER(joe)" "MCAUSER(joeapp)"             # USERMAP before ADDRESSMAP
runcheck APP.SVRCONN 10.0.1.7 jane -- "ADDRESS(10.0.1.1-20)" "USERSRC(NOACCESS)"
runcheck TLS.ONE 10.5.5.5 anyone "CN=svc1,O=Example" "CN=Example CA" -- "SSLPEER(CN=svc*,O=Example)" "MCAUSER(svc)"
runcheck TLS.ONE 10.5.5.5 anyone "CN=svc1,O=Example" "CN=Other CA" -- "MCAUSER('anyone')"
runcheck DEV.APP.SVRCONN 192.0.2.44 alice -- "TYPE(BLOCKADDR)" "ADDRLIST(192.0.2.*"   # BLOCKADDR first
runcheck DEV.APP.SVRCONN 2001:db8::5 alice -- "TYPE(BLOCKADDR)"
runcheck DEV.APP.SVRCONN ::ffff:192.0.2.1 alice -- "TYPE(BLOCKADDR)"
sc 0 "SET CHLAUTH('APP.ONE') TYPE(BLOCKUSER) USERLIST('nobody')" # a profile's own list overrides '*'
runcheck APP.ONE 203.0.113.9 "$ME" -- "AMQ9783I: Channel will run using MCAUSER('$ME')."
sc 0 "SET CHLAUTH('APP.ONE') TYPE(BLOCKUSER) ACTION(REMOVEALL)"
runcheck APP.ONE 10.0.7.7 "$ME" -- "CHLAUTH(APP.*)" "MCAUSER(app2)"   # mapped away from the administrator
sc 0 "SET CHLAUTH('*') TYPE(BLOCKUSER) USERLIST('app2')"
runcheck APP.ONE 10.0.7.7 alice -- "USERLIST(*MQADMIN,app2)"   # BLOCKUSER against the mapped user
sc 0 "SET CHLAUTH('*') TYPE(BLOCKUSER) USERLIST('app2') ACTION(REMOVE)"

note "ALTER QMGR CHLAUTH(DISABLED): the records stay and can be set, none is used"
sc 0 "ALTER QMGR CHLAUTH(DISABLED)" "DISPLAY QMGR CHLAUTH"
has "CHLAUTH(DISABLED)"
refuse "(MQRCCF_CHLAUTH_DISABLED)" "DISPLAY CHLAUTH('DEV.APP.SVRCONN') MATCH(RUNCHECK) ADDRESS('10.1.1.1') CLNTUSER('alice')"
sc 0 "DISPLAY CHLAUTH(*)"
has "CHLAUTH(SYSTEM.ADMIN.SVRCONN)"
sc 0 "SET CHLAUTH('DIS.*') TYPE(BLOCKUSER) USERLIST('x')" "SET CHLAUTH('DIS.*') TYPE(BLOCKUSER) ACTION(REMOVEALL)"
sc 0 "ALTER QMGR CHLAUTH(ENABLED)"
runcheck DEV.APP.SVRCONN 203.0.113.9 "$ME" -- "USERLIST(*MQADMIN)"

note "the records across endmqm and a restart; removed defaults stay removed"
sc 0 "SET CHLAUTH('SYSTEM.*') TYPE(ADDRESSMAP) ADDRESS('*') ACTION(REMOVE)"
snapshot before.txt
run 0 endmqm -w QC
run 0 strmqm QC
snapshot after.txt
diff before.txt after.txt || fail "the records changed across a restart"
grep -q "CHLAUTH(SYSTEM.\*)" after.txt && fail "a removed default came back: $(cat after.txt)"

note "kill -9 straight after SET: the record was durable when AMQ8877I was said"
sc 0 "SET CHLAUTH('KILL.*') TYPE(ADDRESSMAP) ADDRESS('*') USERSRC(NOACCESS) DESCR('before the kill')"
pid=$(qm_pid QC)
kill -9 "$pid"
wait_for 30 pid_gone "$pid"
run 0 strmqm QC
sc 0 "DISPLAY CHLAUTH('KILL.*') ALL"
has "DESCR(before the kill)"
snapshot before.txt

note "media recovery: an image of the queue, its files damaged, rebuilt at the start"
run 0 rcdmqimg -m QC -t ql SYSTEM.CHLAUTH.DATA.QUEUE
has "Media image for object SYSTEM.CHLAUTH.DATA.QUEUE, type qlocal recorded."
sc 0 "SET CHLAUTH('AFTER.IMAGE') TYPE(BLOCKUSER) USERLIST('late')"
run 0 endmqm -w QC
d="$MQ_DATA_PATH/qmgrs/QC/queues/SYSTEM!CHLAUTH!DATA!QUEUE"
[ -d "$d" ] || fail "no folder $d"
for f in "$d"/*; do [ -f "$f" ] && printf 'garbage' | dd of="$f" bs=1 seek=0 conv=notrunc 2>/dev/null; done
run 0 strmqm QC
has "Object SYSTEM.CHLAUTH.DATA.QUEUE, type qlocal recreated."
sc 0 "DISPLAY CHLAUTH('AFTER.IMAGE')"
has "USERLIST(late)"   # the record logged after the image is replayed onto it
sc 0 "SET CHLAUTH('AFTER.IMAGE') TYPE(BLOCKUSER) ACTION(REMOVEALL)"
snapshot after.txt
diff before.txt after.txt || fail "the records changed across media recovery"

note "a message on the queue that is no record: reported once, the records still count"
printf 'not a record\n\n' | run 0 "$QUIRE_BUILD/samples/amqsput" SYSTEM.CHLAUTH.DATA.QUEUE QC
sc 0 "DISPLAY CHLAUTH(*)"
has "CHLAUTH(SYSTEM.ADMIN.SVRCONN)"
file_has "$MQ_DATA_PATH/qmgrs/QC/errors/AMQERR01.LOG" "AMQ7472"

note "without SYSTEM.CHLAUTH.DATA.QUEUE (a queue manager older than CHLAUTH): no records, SET refused"
run 0 dmpmqcfg -m QC -x chlauth
printf '%s\n' "$OUT" >dump.mqsc
sc 0 "DISPLAY CHLAUTH(*) ALL"
items >items-before.txt
sc 0 "DELETE QLOCAL(SYSTEM.CHLAUTH.DATA.QUEUE) PURGE"
refuse "AMQ8884E" "DISPLAY CHLAUTH(*)"
refuse "AMQ8147E: Quire object SYSTEM.CHLAUTH.DATA.QUEUE not found." "SET CHLAUTH('X.*') TYPE(BLOCKUSER) USERLIST('x')"
sc 0 "DEFINE QLOCAL(SYSTEM.CHLAUTH.DATA.QUEUE) DEFPSIST(YES) INDXTYPE(MSGID)"
sc 0 "DISPLAY CHLAUTH(*)"   # defined again: MQ's defaults at its first use
has "CHLAUTH(SYSTEM.*)"
has "USERLIST(*MQADMIN)"
run_in 0 dump.mqsc runmqsc QC   # and the dump puts the records back
sc 0 "SET CHLAUTH('SYSTEM.*') TYPE(ADDRESSMAP) ADDRESS('*') ACTION(REMOVE)"
sc 0 "DISPLAY CHLAUTH(*) ALL"
items >items-after.txt
diff items-before.txt items-after.txt || fail "the records differ after the dump's replay"

note "dmpmqcfg -x chlauth replayed into another queue manager gives the same records"
run 0 dmpmqcfg -m QC -x chlauth
printf '%s\n' "$OUT" >dump.mqsc
has "SET CHLAUTH('*') +"
has "ACTION(REPLACE)"
hasnt "DEFINE QLOCAL"
run 0 dmpmqcfg -m QC -x chlauth -o 1line
printf '%s\n' "$OUT" | grep -q "^SET CHLAUTH('APP.SVRCONN') TYPE(USERMAP) .*CLNTUSER('joe')" || fail "1line: $OUT"
run 0 dmpmqcfg -m QC -x chlauth -n 'APP.*'
has "SET CHLAUTH('APP.*')"
hasnt "SET CHLAUTH('SYSTEM.ADMIN.SVRCONN')"
run 0 crtmqm QC2
run 0 strmqm QC2
# the new queue manager's own SYSTEM.* default goes as it went on QC
printf "SET CHLAUTH('SYSTEM.*') TYPE(ADDRESSMAP) ADDRESS('*') ACTION(REMOVE)\n" >rm.in
run_in 0 rm.in runmqsc QC2
run_in 0 dump.mqsc runmqsc QC2
has "No commands have a syntax error."
sc 0 "DISPLAY CHLAUTH(*) ALL"
items >qc.txt
printf 'DISPLAY CHLAUTH(*) ALL\n' >d.in
run_in 0 d.in runmqsc QC2
items >qc2.txt
diff qc.txt qc2.txt || fail "the replayed records differ"
run 0 endmqm -i QC2

run 0 endmqm -i QC
sanitizer_check
echo "t8400 ok"
