# Context without authority (issue 7 item 6): only the queue manager's owner
# (the user its process runs as) may set identity or all context.  The owner's
# UserIdentifier and PutApplName arrive as set; a member of the queue
# manager's group, who can connect, gets 2035 MQRC_NOT_AUTHORIZED for
# MQOO_SET_*_CONTEXT and MQPUT1 with MQPMO_SET_*_CONTEXT, and nothing is put.
# Passing context (the context saved on an MQOO_SAVE_ALL_CONTEXT handle by a
# get) is allowed to both; without a saving handle it is 2097.  Only the owner
# may put on SYSTEM.ADMIN.COMMAND.QUEUE (the command server acts with the queue
# manager's authority).
# The group-member part needs root (setpriv to another uid); it says so when
# skipped.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'exit 1' INT TERM HUP
trap 'endmqm -p QC >/dev/null 2>&1' EXIT

ME=$(id -un)
MEMBER_UID=4242 GRP=4242
is_root=0
[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 && is_root=1

if [ $is_root = 1 ]; then
	# the data folder's group (inherited by every folder crtmqm makes, and the
	# socket) is GRP; the member reaches it through the test's folder
	chmod 711 "$PWD"
	mkdir -p "$MQ_DATA_PATH"
	chgrp $GRP "$MQ_DATA_PATH"
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

as_member() { setpriv --reuid=$MEMBER_UID --regid=$((GRP + 1)) --groups=$GRP "$@"; }
member=$(getent passwd $MEMBER_UID | cut -d: -f1)
[ -n "$member" ] || member=$MEMBER_UID

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
# with --clear-groups and the group as its primary group: the same
run 1 setpriv --reuid=$MEMBER_UID --regid=$GRP --clear-groups "$T/mqi_ctx" QC C.Q put set-all open root FORGED x
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
