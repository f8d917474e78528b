# docs/backup.md, run: every `sh` block of the guide, in order, each with the
# guide's first block (its settings), against a queue manager QM1 made here,
# and after each a check that it did what the guide says: a full backup and
# its restore (what was done after the backup is gone), the extents older
# than RECLOG and MEDIALOG archived (the queue manager still restarts), an
# image schedule, the configuration dumped and loaded, a backup queue manager
# made, kept in step (RESET QMGR TYPE(ADVANCELOG), then every extent below
# DISPLAY QMSTATUS CURRLOG copied) and activated: it holds exactly what the
# original holds.  A guide block added without a check here fails
# the count below.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
GUIDE="$(dirname "$0")/../../docs/backup.md"
BACKUP=$PWD/backups BK_ROOT=$PWD/bkroot
export BACKUP BK_ROOT
trap 'endmqm -p QM1 >/dev/null 2>&1; MQ_DATA_PATH=$BK_ROOT endmqm -p QM1 >/dev/null 2>&1' EXIT
awk '/^```sh$/ { on = 1; n++; next } /^```/ { on = 0 } on { print > ("block" n ".sh") }' "$GUIDE"
n=$(ls block*.sh | wc -l)
[ "$n" = 10 ] || fail "docs/backup.md has $n sh blocks; this test checks 10"
step=1
# block N: run the guide's next block (with its settings block first)
block() {
	step=$((step + 1))
	run 0 sh -eu -c ". ./block1.sh; . ./block$step.sh"
}
texts() { "$T/mqi_tool" QM1 browse APP.Q | sed 's/ bo=.*//' | sort | tr '\n' ' '; }

note "QM1: linear, Manual, small extents; three messages before any backup"
run 0 crtmqm -lln -lf 64 QM1
run 0 strmqm QM1
printf 'DEFINE QLOCAL(APP.Q) DESCR(guide)\nDEFINE QLOCAL(FILL.Q)\n' | runmqsc QM1 >/dev/null || fail "runmqsc"
run 0 "$T/mqi_tool" QM1 put APP.Q 3 p sp before

note "a full backup, more work, the restore: the work after the backup is gone"
block
[ -s "$BACKUP/QM1/full.tar" ] && grep -q "QM1" "$BACKUP/QM1/mqs.ini.stanza" || fail "no backup made"
[ "$(qm_status QM1)" = Running ] || fail "QM1 not running after the backup"
run 0 "$T/mqi_tool" QM1 put APP.Q 2 p sp after
block
[ "$(texts)" = "before-0 before-1 before-2 " ] || fail "after the restore APP.Q holds: $(texts)"

note "log retention: RECLOG and MEDIALOG, the superfluous extents archived, QM1 restarts without them"
for s in 1 2 3 4; do run 0 "$T/mqi_tool" QM1 bigput APP.Q 400000 $s; done
run 0 "$T/mqi_tool" QM1 bigcheck APP.Q get
block
has "AMQ7467I"
has "AMQ7468I"
before=$(ls "$MQ_DATA_PATH/log/QM1/active" | grep -c '^S')
block
moved=$(ls "$BACKUP/QM1/archive" | grep -c '^S')
[ "$moved" -ge 1 ] || fail "no extent archived"
[ "$(ls "$MQ_DATA_PATH/log/QM1/active" | grep -c '^S')" = $((before - moved)) ] || fail "archive count"
run 0 endmqm -w QM1
run 0 strmqm QM1
run 0 "$T/mqi_tool" QM1 put APP.Q 2 p sp kept

note "an image schedule"
block
has "IMGSCHED(AUTO)"
has "IMGINTVL(60)"
has "IMGLOGLN(64)"

note "the configuration dumped and loaded again"
block
file_has "$BACKUP/QM1/QM1.mqsc" "APP.Q"
file_has "$BACKUP/QM1/QM1.mqsc" "DESCR('GUIDE')"

note "a backup queue manager: made from a stopped copy, replayed"
block
has "Backup queue manager 'QM1' replayed its log up to LSN"
run 71 env MQ_DATA_PATH="$BK_ROOT" strmqm QM1
has "AMQ7952E"
note "... kept in step: work on the original, its finished extents copied and replayed"
run 0 "$T/mqi_tool" QM1 put APP.Q 3 p sp late
run 0 "$T/mqi_tool" QM1 get APP.Q 1
run 0 "$T/mqi_tool" QM1 bigput FILL.Q 400000 1
# (the guide's RESET QMGR TYPE(ADVANCELOG) ends the extent this work is in)
block
has "Backup queue manager 'QM1' replayed its log up to LSN"
want=$(texts)
note "... activated and started: it holds what QM1 holds"
block
has "Backup queue manager 'QM1' activated."
got=$(MQ_DATA_PATH=$BK_ROOT "$T/mqi_tool" QM1 browse APP.Q | sed 's/ bo=.*//' | sort | tr '\n' ' ')
[ "$got" = "$want" ] || fail "the backup holds '$got', QM1 '$want'"
run 0 env MQ_DATA_PATH="$BK_ROOT" endmqm -w QM1
run 0 endmqm -w QM1
sanitizer_check
exit 0
