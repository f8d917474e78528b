# Context without authority (issue 7 item 6, under the authority manager of
# issue 15): the queue manager's owner (an administrator) may set identity or
# all context.  The owner's UserIdentifier and PutApplName arrive as set; a
# user of the test's own (qtstctx, made and removed here) given connect, put,
# get and passall but not setid or setall gets 2035 MQRC_NOT_AUTHORIZED for
# MQOO_SET_*_CONTEXT and MQPUT1 with MQPMO_SET_*_CONTEXT, and nothing is put.
# Passing context (the context saved on an MQOO_SAVE_ALL_CONTEXT handle by a
# get) is allowed to both; without a saving handle it is 2097.  Without put
# authority on SYSTEM.ADMIN.COMMAND.QUEUE (or the alias naming it) no command
# reaches the command server.
# The other user's part needs root (useradd, setpriv); it says so when
# skipped.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
cleanup() {
	endmqm -p QC >/dev/null 2>&1
	userdel qtstctx >/dev/null 2>&1
	groupdel qtstctx >/dev/null 2>&1
	groupdel qtstctxg >/dev/null 2>&1
}
trap cleanup EXIT

ME=$(id -un)
is_root=0
[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 && command -v useradd >/dev/null 2>&1 && is_root=1

if [ $is_root = 1 ]; then
	cleanup
	groupadd qtstctxg || fail "groupadd"
	useradd -M -U -G qtstctxg qtstctx || fail "useradd"
	# the data folder's group (inherited by every folder crtmqm makes, and the
	# socket) is qtstctxg; the member reaches it through the test's folder
	chmod 711 "$PWD"
	mkdir -p "$MQ_DATA_PATH"
	chgrp qtstctxg "$MQ_DATA_PATH"
	chmod 2775 "$MQ_DATA_PATH"
fi
run 0 crtmqm QC
run 0 strmqm QC
run 0 runmqsc QC <<'MQSC'
DEFINE QLOCAL(C.Q)
DEFINE QLOCAL(C.SRC)
MQSC
depth() { "$T/mqi_tool" QC depth C.Q; }

note "the owner sets all context, then identity context"
run 0 "$T/mqi_ctx" QC C.Q put set-all open appuser OWNERAPP owner-all
has "MQPUT 0"
run 0 "$T/mqi_ctx" QC C.Q get
[ "$OUT" = "USER=appuser APPL=OWNERAPP TEXT=owner-all" ] || fail "owner's set-all context: $OUT"
run 0 "$T/mqi_ctx" QC C.Q put set-id put1 idonly IGNORED owner-id
has "MQPUT1 0"
run 0 "$T/mqi_ctx" QC C.Q get
[ "$OUT" = "USER=idonly APPL=mqi_ctx TEXT=owner-id" ] || fail "owner's set-identity context: $OUT"
note "alternate user authority: the owner naming itself may, naming another user may not"
run 0 "$T/mqi_ctx" QC C.Q put set-all open alt1 OWNERAPP owner-alt "$ME"
has "MQPUT 0"
run 0 "$T/mqi_ctx" QC C.Q get
has "USER=alt1 APPL=OWNERAPP TEXT=owner-alt"
run 1 "$T/mqi_ctx" QC C.Q put set-all open alt2 OWNERAPP no "someoneelse"
has "MQOPEN 2035"
run 1 "$T/mqi_ctx" QC C.Q put set-id put1 alt2 OWNERAPP no "someoneelse"
has "MQPUT1 2035"
[ "$(depth)" = 0 ] || fail "depth $(depth) after refused puts"

note "passing context: the context saved from a message got (MQOO_SAVE_ALL_CONTEXT), none without it (2097)"
run 0 "$T/mqi_ctx" QC C.SRC put set-all open srcuser SRCAPP source
run 0 env CTXQ=C.SRC "$T/mqi_ctx" QC C.Q put pass-all open ignored IGNORED owner-pass
has "MQPUT 0"
run 0 "$T/mqi_ctx" QC C.Q get
[ "$OUT" = "USER=srcuser APPL=SRCAPP TEXT=owner-pass" ] || fail "owner's passed context: $OUT"
run 1 "$T/mqi_ctx" QC C.Q put pass-all open ignored IGNORED no-handle
has "MQPUT 2097"
run 1 "$T/mqi_ctx" QC C.Q put pass-id put1 ignored IGNORED no-handle
has "MQPUT1 2097"
[ "$(depth)" = 0 ] || fail "depth $(depth) after refused passes"

if [ $is_root = 0 ]; then
	note "SKIPPED: the group member's part needs root and setpriv"
	echo "t6320 ok (group member part skipped: not root)"
	exit 0
fi

as_member() { setpriv --reuid=qtstctx --regid=qtstctx --init-groups "$@"; }
member=qtstctx
# what an application needs here, and no more: no setid, no setall, no altusr
run 0 setmqaut -m QC -t qmgr -p qtstctx +connect
run 0 setmqaut -m QC -t q -n C.Q -p qtstctx +put +get +browse +passid +passall
run 0 setmqaut -m QC -t q -n C.SRC -p qtstctx +get

note "a group member connects and puts with its own context"
run 0 as_member "$T/mqi_ctx" QC C.Q put default open root FORGED member-default
has "MQPUT 0"
run 0 "$T/mqi_ctx" QC C.Q get
[ "$OUT" = "USER=$member APPL=mqi_ctx TEXT=member-default" ] || fail "member's default context: $OUT"

note "a group member may not set context: 2035, nothing put"
for ctx in set-all set-id; do
	run 1 as_member "$T/mqi_ctx" QC C.Q put $ctx open root FORGED forged-$ctx
	has "MQOPEN 2035"
	run 1 as_member "$T/mqi_ctx" QC C.Q put $ctx put1 root FORGED forged1-$ctx
	has "MQPUT1 2035"
	# naming the owner as the alternate user gives no authority either
	run 1 as_member "$T/mqi_ctx" QC C.Q put $ctx open root FORGED forged-alt-$ctx "$ME"
	has "MQOPEN 2035"
	run 1 as_member "$T/mqi_ctx" QC C.Q put $ctx put1 root FORGED forged1-alt-$ctx "$ME"
	has "MQPUT1 2035"
done
[ "$(depth)" = 0 ] || fail "depth $(depth): a refused put left a message"
# with --clear-groups and the data folder's group as its primary group: the same
run 1 setpriv --reuid=qtstctx --regid=qtstctxg --clear-groups "$T/mqi_ctx" QC C.Q put set-all open root FORGED x
has "MQOPEN 2035"

note "a group member may pass context (it relays a message it got, forging nothing of its own)"
run 0 "$T/mqi_ctx" QC C.SRC put set-all open srcuser SRCAPP source
run 0 as_member env CTXQ=C.SRC "$T/mqi_ctx" QC C.Q put pass-all open root FORGED member-pass
has "MQPUT 0"
run 0 "$T/mqi_ctx" QC C.Q get
[ "$OUT" = "USER=srcuser APPL=SRCAPP TEXT=member-pass" ] || fail "member's passed context: $OUT"

note "a group member may not put on the command server's queue, directly or through an alias: 2035"
printf 'DEFINE QALIAS(C.CMD) TARGET(SYSTEM.ADMIN.COMMAND.QUEUE)\nALTER QMGR SCMDSERV(MANUAL)\n' >cmd.mqsc
run_in 0 cmd.mqsc runmqsc QC
for q in SYSTEM.ADMIN.COMMAND.QUEUE C.CMD; do
	run 1 as_member "$T/mqi_ctx" QC $q put default open root FORGED cmd-open
	has "MQOPEN 2035"
	run 1 as_member "$T/mqi_ctx" QC $q put default put1 root FORGED cmd-put1
	has "MQPUT1 2035"
done
[ "$("$T/mqi_tool" QC depth SYSTEM.ADMIN.COMMAND.QUEUE)" = 0 ] || fail "a refused put reached the command queue"
run 1 "$T/mqi_ctx" QC C.Q get
has "MQGET 2033"

run 0 endmqm -w QC
sanitizer_check
echo "t6320 ok"
