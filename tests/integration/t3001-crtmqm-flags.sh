# crtmqm: every flag and every bad flag.
. "$(dirname "$0")/lib.sh"
D=$MQ_DATA_PATH

# log flags and sizes reach qm.ini and the log itself
run 0 crtmqm -ll -lf 64 -lp 4 -ls 3 LIN1
file_has "$D/qmgrs/LIN1/qm.ini" "LogType=LINEAR"
file_has "$D/qmgrs/LIN1/qm.ini" "LogFilePages=64"
file_has "$D/qmgrs/LIN1/qm.ini" "LogPrimaryFiles=4"
file_has "$D/qmgrs/LIN1/qm.ini" "LogSecondaryFiles=3"
file_has "$D/qmgrs/LIN1/qm.ini" "LogManagement=Manual"
run 0 dmpmqlog -m LIN1
has "logactive ...... 4"
has "loginactive .... 3"
has "logsize ........ 64 pages"
has "hflag1 ......... LOG RETAIN"
[ "$(stat -c %s "$D/log/LIN1/active/S0000003.LOG")" = $((64 * 4096)) ] || fail "extent size"
run 0 crtmqm -lla LIN2
file_has "$D/qmgrs/LIN2/qm.ini" "LogManagement=Automatic"
run 0 crtmqm -lln LIN3
file_has "$D/qmgrs/LIN3/qm.ini" "LogManagement=Manual"
file_has "$D/qmgrs/LIN3/qm.ini" "LogType=LINEAR"
run 0 crtmqm -lc CIRC1
file_has "$D/qmgrs/CIRC1/qm.ini" "LogType=CIRCULAR"

# -ld and -md move the folders; mqs.ini and qm.ini say where
mkdir -p "$PWD/elsewhere/log" "$PWD/elsewhere/data"
run 0 crtmqm -ld "$PWD/elsewhere/log" -md "$PWD/elsewhere/data" MOVED
[ -f "$PWD/elsewhere/log/MOVED/amqhlctl.lfh" ] || fail "-ld not used"
[ -f "$PWD/elsewhere/data/MOVED/qm.ini" ] || fail "-md not used"
file_has "$D/mqs.ini" "DataPath=$PWD/elsewhere/data/MOVED"
file_has "$PWD/elsewhere/data/MOVED/qm.ini" "LogPath=$PWD/elsewhere/log/MOVED"
run 0 dspmq -m MOVED
has "STATUS(Ended immediately)"
run 0 dltmqm MOVED
[ ! -e "$PWD/elsewhere/log/MOVED" ] && [ ! -e "$PWD/elsewhere/data/MOVED" ] || fail "dltmqm left -ld/-md folders"

# queue manager attributes: -c -d -u -h -x; -q default; -z quiet
run 0 crtmqm -c "Test queue manager" -d XMIT.Q -u DLQ.Q -h 300 -x 500 -q -z ATTRS
[ -z "$OUT" ] || fail "-z still printed: $OUT"
run 0 dmpmqlog -b -m ATTRS
has "Object  . . . . : qmgr ATTRS"
has "DESCR(Test queue manager)"
has "DEFXMITQ(XMIT.Q)"
has "DEADQ(DLQ.Q)"
has "MAXHANDS(300)"
has "MAXUMSGS(500)"
file_has "$D/mqs.ini" "DefaultQueueManager:"
run 0 dspmq -o default
has "QMNAME(ATTRS)"
printf '%s\n' "$OUT" | grep 'QMNAME(ATTRS)' | grep -q 'DEFAULT(yes)' || fail "ATTRS is not the default"

# bad use: 36 (arguments) and 39 (values), nothing created
run 36 crtmqm
has "no queue manager name given"
run 36 crtmqm -lc -ll BAD1
has "only one of -lc, -ll, -lla and -lln"
run 36 crtmqm -y BAD1
has "unknown flag -y"
run 36 crtmqm BAD1 BAD2
run 36 crtmqm -lf
has "flag -lf needs a value"
run 39 crtmqm -lf 63 BAD1
has "from 64 to 65535"
run 39 crtmqm -lf 65536 BAD1
run 39 crtmqm -lf abc BAD1
run 39 crtmqm -lp 1 BAD1
has "from 2 to 510"
run 39 crtmqm -lp 511 BAD1
run 39 crtmqm -ls 0 BAD1
has "from 1 to 509"
run 39 crtmqm -lp 510 -ls 2 BAD1
has "511"
run 39 crtmqm -h 0 BAD1
run 39 crtmqm -x -5 BAD1
run 39 crtmqm -ld relative/path BAD1
has "must be absolute"
run 39 crtmqm -c "$(printf '%070d' 0)" BAD1
run 72 crtmqm "BAD*NAME"
has "not valid"
run 72 crtmqm "$(printf 'Q%048d' 0)"
has "not valid"
run 0 dspmq
hasnt "BAD"
[ ! -e "$D/qmgrs/BAD1" ] || fail "a failed crtmqm left a folder"
echo "t3001 ok"
