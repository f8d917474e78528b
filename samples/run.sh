#!/bin/sh
# run.sh BUILDDIR: what `make run` does once the build is done.
#
# Gives a developer a running queue manager QM1 whose files live in run/data
# of this checkout (MQ_DATA_PATH), with the developer queues of dev.mqsc, and
# shows the samples working against it:
#   1. create QM1 if dspmq does not list it (crtmqm)
#   2. start it if it is not running (strmqm)
#   3. define DEV.QUEUE.1-3, DEV.DEAD.LETTER.QUEUE and SYSTEM.SAMPLE.REPLY (runmqsc < dev.mqsc)
#   4. put a message on DEV.QUEUE.1 with amqsput and get it back with amqsget
#      (skipped, and said so, when the queue already holds messages: they are
#      someone's, and amqsget would take them)
#   5. show dspmq, and how to use QM1 from another shell
# Every step checks before it acts, so running it again is harmless.  QM1 is
# left running: stop it with `endmqm QM1`.
set -u

B=${1:-build}
top=$(pwd)
case $B in
/*) ;;
*) B="$top/$B" ;;
esac
QM=QM1
MQ_DATA_PATH="$top/run/data"
PATH="$B/bin:$PATH"
export MQ_DATA_PATH PATH
S="$B/samples"

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'make run: %s\n' "$*" >&2; exit 1; }

for c in crtmqm strmqm dspmq runmqsc; do
	[ -x "$B/bin/$c" ] || die "$B/bin/$c is missing: build first (make)"
done
for s in amqsput amqsget amqsinq; do
	[ -x "$S/$s" ] || die "$S/$s is missing: build first (make)"
done
[ -f "$top/samples/dev.mqsc" ] || die "run it from the top of the checkout (samples/dev.mqsc not found)"

# The status dspmq shows for QM1 ("Running", "Ended normally", ...), or
# nothing when QM1 does not exist.
qm_status() {
	dspmq -m "$QM" 2>/dev/null | sed -n "s/^QMNAME($QM) *STATUS(\(.*\))\$/\1/p"
}

say "queue manager data in $MQ_DATA_PATH"
mkdir -p "$MQ_DATA_PATH" || die "cannot make $MQ_DATA_PATH"

status=$(qm_status)
if [ -z "$status" ]; then
	say "crtmqm $QM"
	crtmqm "$QM" || die "crtmqm $QM failed"
	status=$(qm_status)
else
	say "$QM exists already (STATUS($status))"
fi

case $status in
Running) say "$QM is running already" ;;
*)
	say "strmqm $QM"
	strmqm "$QM" || die "strmqm $QM failed (see $MQ_DATA_PATH/qmgrs/$QM/errors/AMQERR01.LOG)"
	;;
esac

say "runmqsc $QM < samples/dev.mqsc"
runmqsc "$QM" <"$top/samples/dev.mqsc" || die "runmqsc $QM < samples/dev.mqsc failed"

depth=$("$S/amqsinq" DEV.QUEUE.1 "$QM" | sed -n 's/^ *CURDEPTH(\([0-9]*\))$/\1/p')
if [ -z "$depth" ]; then
	die "amqsinq could not read the depth of DEV.QUEUE.1"
elif [ "$depth" -ne 0 ]; then
	[ "$depth" -eq 1 ] && what="1 message" || what="$depth messages"
	say "DEV.QUEUE.1 holds $what already: left alone, so no put and get this time"
	echo "(see them with: $S/amqsbcg DEV.QUEUE.1 $QM)"
else
	msg="Hello from make run at $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
	say "amqsput DEV.QUEUE.1 $QM   (one line: $msg)"
	printf '%s\n' "$msg" | "$S/amqsput" DEV.QUEUE.1 "$QM" || die "amqsput failed"
	say "amqsget DEV.QUEUE.1 $QM   (waiting 1 s for more, not 15)"
	QUIRE_SAMPLE_WAIT=1 "$S/amqsget" DEV.QUEUE.1 "$QM" || die "amqsget failed"
fi

say "dspmq"
dspmq

cat <<EOF

Queue manager $QM is running, with DEV.QUEUE.1, DEV.QUEUE.2, DEV.QUEUE.3 and
DEV.DEAD.LETTER.QUEUE.  To use it from another shell:

  export MQ_DATA_PATH=$MQ_DATA_PATH
  export PATH=$B/bin:$S:\$PATH
  echo hello | amqsput DEV.QUEUE.1 $QM
  amqsbcg DEV.QUEUE.1 $QM
  amqsget DEV.QUEUE.1 $QM
  echo "DISPLAY QLOCAL(DEV.*) CURDEPTH" | runmqsc $QM

Build your own MQ program the same way the samples are built:

  cc -I$top/include app.c -L$B/lib -Wl,-rpath,$B/lib -lmqm_r -o app

Stop the queue manager with:  endmqm $QM
EOF
