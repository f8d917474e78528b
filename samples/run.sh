#!/bin/sh
# run.sh BUILDDIR: what `make run` does once the build is done.
#
# Gives a developer what IBM MQ's developer image gives: a running queue
# manager QM1 (its files in run/data of this checkout, MQ_DATA_PATH) set up
# by dev.mqsc, clients welcome on DEV.APP.SVRCONN with the application user
# and its password, and shows the samples working against it, locally and as
# a client over TCP:
#   1. create QM1 if dspmq does not list it (crtmqm), start it if it is not
#      running (strmqm)
#   2. the application user (QUIRE_RUN_APP_USER, `app`): when it does not
#      exist and make run runs as root, it is made (no home, no login shell)
#      with a random password, printed once and kept in run/app.password
#      (mode 0600); otherwise it is left as it is (below)
#   3. runmqsc QM1 < dev.mqsc, with the listener's port and the user's name
#      put in (the queues, the topic, CONNAUTH, the channels, the CHLAUTH
#      rules, the listener, the authority records)
#   4. the listener DEV.LISTENER.TCP running: on its port when it has one,
#      else on QUIRE_RUN_PORT (1414) or, when that port is taken, the next
#      free one (printed)
#   5. a message put on DEV.QUEUE.1 with amqsput and got back with amqsget,
#      then the same as a client with amqsputc and amqsgetc (MQSERVER,
#      MQSAMP_USER_ID and the password), each skipped, and said so, when the
#      queue already holds messages: they are someone's
#   6. dspmq, and how to use QM1 from another shell or another host
# Every step checks before it acts, so running it again changes nothing.  QM1
# is left running: stop it with `endmqm QM1`.
#
# The variables (for tests and for a developer who wants another set-up):
#   QUIRE_RUN_DIR           where data/ and the password file go (run/)
#   QUIRE_RUN_PORT          the port wanted for the listener (1414)
#   QUIRE_RUN_APP_USER      the application user (app)
#   QUIRE_RUN_MAKE_USER     no: never create the application user
#   QUIRE_RUN_APP_PASSWORD  the password of an application user that exists
#                           already (not kept anywhere), for the client demo
#
# Why the user is made only as root, and only when missing: make run must not
# change a developer's machine behind their back.  Run as root (a container, a
# throw-away VM), creating the missing user is what the developer image does
# and what they asked for; otherwise, or with QUIRE_RUN_MAKE_USER=no, the
# queue manager is set up all the same and the client demo is skipped with
# the command that would make the user.  An existing user's password is never
# changed.  (A queue manager not run as root cannot check another user's
# password anyway: AUTHENMD(OS) reads /etc/shadow.)
set -u

B=${1:-build}
here=$(pwd)
top=$(cd "$(dirname "$0")/.." && pwd) || exit 1   # the checkout
case $B in
/*) ;;
*) B="$here/$B" ;;
esac
QM=QM1
RUN=${QUIRE_RUN_DIR:-$top/run}
case $RUN in
/*) ;;
*) RUN="$here/$RUN" ;;
esac
WANT_PORT=${QUIRE_RUN_PORT:-1414}
APPUSER=${QUIRE_RUN_APP_USER:-app}
LSR=DEV.LISTENER.TCP
MQ_DATA_PATH="$RUN/data"
PATH="$B/bin:$PATH"
export MQ_DATA_PATH PATH
S="$B/samples"
unset MQSERVER MQCCDTURL MQCHLLIB MQCHLTAB MQ_CONNECT_TYPE MQSAMP_USER_ID

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'make run: %s\n' "$*" >&2; exit 1; }

for c in crtmqm strmqm dspmq runmqsc dmpmqcfg; do
	[ -x "$B/bin/$c" ] || die "$B/bin/$c is missing: build first (make)"
done
for s in amqsput amqsget amqsinq amqsputc amqsgetc; do
	[ -x "$S/$s" ] || die "$S/$s is missing: build first (make)"
done
[ -f "$top/samples/dev.mqsc" ] || die "$top/samples/dev.mqsc not found"
case $APPUSER in
"" | -* | *[!a-z0-9_.-]*) die "QUIRE_RUN_APP_USER '$APPUSER': a user name of a-z, 0-9, '_', '.', '-' only" ;;
esac
[ ${#APPUSER} -le 12 ] || die "QUIRE_RUN_APP_USER '$APPUSER': at most 12 characters (an MQ user id)"
case $WANT_PORT in
"" | *[!0-9]*) die "QUIRE_RUN_PORT '$WANT_PORT': a port number" ;;
esac
[ "$WANT_PORT" -ge 1 ] && [ "$WANT_PORT" -le 65535 ] || die "QUIRE_RUN_PORT $WANT_PORT: from 1 to 65535"

# The status dspmq shows for QM1 ("Running", "Ended normally", ...), or
# nothing when QM1 does not exist.
qm_status() {
	dspmq -m "$QM" 2>/dev/null | sed -n "s/^QMNAME($QM) *STATUS(\(.*\))\$/\1/p"
}
# mqsc COMMAND...: runmqsc's output for the commands (one a line)
mqsc() { printf '%s\n' "$@" | runmqsc "$QM" 2>&1; }

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

# ---- the application user -------------------------------------------------
PWFILE="$RUN/$APPUSER.password"
password=""
why_no_client=""
if id "$APPUSER" >/dev/null 2>&1; then
	user_exists=1
	if [ -f "$PWFILE" ]; then
		say "application user $APPUSER exists; its password is in $PWFILE"
		password=$(cat "$PWFILE") || die "cannot read $PWFILE"
	elif [ -n "${QUIRE_RUN_APP_PASSWORD:-}" ]; then
		say "application user $APPUSER exists; its password from QUIRE_RUN_APP_PASSWORD"
		password=$QUIRE_RUN_APP_PASSWORD
	else
		say "application user $APPUSER exists and make run does not know its password"
		why_no_client="set QUIRE_RUN_APP_PASSWORD to $APPUSER's password to see it (make run never changes it)"
	fi
else
	user_exists=0
	if [ "$(id -u)" != 0 ]; then
		why_no_client="there is no user $APPUSER, and make run makes it only as root: sudo make run, or
  sudo useradd -M -s /usr/sbin/nologin $APPUSER && sudo passwd $APPUSER"
	elif [ "${QUIRE_RUN_MAKE_USER:-yes}" = no ]; then
		why_no_client="there is no user $APPUSER (QUIRE_RUN_MAKE_USER=no)"
	else
		command -v useradd >/dev/null 2>&1 && command -v chpasswd >/dev/null 2>&1 ||
			die "useradd and chpasswd are needed to make the user $APPUSER"
		say "making the application user $APPUSER (no home, no login shell), with a random password"
		# 18 random bytes as base64: 24 characters, none of them ':' or a newline
		password=$(head -c 18 /dev/urandom | base64 | tr -d '\n')
		[ ${#password} = 24 ] || die "could not make a random password"
		mkdir -p "$RUN" || die "cannot make $RUN"
		(umask 077 && printf '%s\n' "$password" >"$PWFILE.tmp") || die "cannot write $PWFILE"
		chmod 600 "$PWFILE.tmp" && mv "$PWFILE.tmp" "$PWFILE" || die "cannot write $PWFILE"
		useradd -M -s /usr/sbin/nologin -c "Quire make run application user" "$APPUSER" ||
			die "useradd $APPUSER failed"
		printf '%s:%s\n' "$APPUSER" "$password" | chpasswd || die "chpasswd for $APPUSER failed"
		user_exists=1
		echo "password of $APPUSER (shown this once; kept in $PWFILE, mode 0600): $password"
	fi
fi

# ---- the configuration -----------------------------------------------------
# the listener's port: the one it has when it is defined, else the one wanted
port=$(mqsc "DISPLAY LISTENER($LSR) PORT" | sed -n 's/.*[ (]PORT(\([0-9]*\)).*/\1/p' | head -1)
[ -n "$port" ] || port=$WANT_PORT

# the user's name and the port put in; without the user, no authority records
# (the authority manager refuses a principal the system does not know)
dev_cmds() {
	sed -e "s/'app'/'$APPUSER'/g" -e "s/PORT(1414)/PORT($port)/" "$top/samples/dev.mqsc" |
		if [ "$user_exists" = 1 ]; then cat; else grep -v '^SET AUTHREC'; fi
}
# what dev.mqsc's part of the configuration is now, with these commands: the
# DEV.* objects, SYSTEM.SAMPLE.REPLY, the queue manager's DEADQ, CONNAUTH and
# CHLAUTH, the CHLAUTH rules and the application user's authority records.
# When it is what the last run left, the commands are not run again (they
# would change nothing but the objects' ALTDATE and ALTTIME); objects of the
# developer's own (not DEV.*) are not part of it, so defining them does not
# make the next run apply dev.mqsc again.  A DEV.* object altered or deleted
# is put back as dev.mqsc defines it, as MQ's developer image does when it
# starts.
fingerprint() {
	{
		dev_cmds
		dmpmqcfg -m "$QM" -n 'DEV.*' 2>&1 | grep -v '^\*'
		dmpmqcfg -m "$QM" -n SYSTEM.SAMPLE.REPLY 2>&1 | grep -v '^\*'
		mqsc "DISPLAY QMGR DEADQ CONNAUTH CHLAUTH" "DISPLAY CHLAUTH(*) ALL" \
			"DISPLAY AUTHREC PRINCIPAL('$APPUSER')" | sed 's/ALT\(DATE\|TIME\)([^)]*)//g'
	} | cksum
}
APPLIED="$RUN/dev.mqsc.applied"
if [ -f "$APPLIED" ] && [ "$(fingerprint)" = "$(cat "$APPLIED")" ]; then
	say "the configuration of samples/dev.mqsc is in place already (port $port, application user $APPUSER)"
else
	say "runmqsc $QM < samples/dev.mqsc   (port $port, application user $APPUSER)"
	dev_cmds | runmqsc "$QM" || die "runmqsc $QM < samples/dev.mqsc failed"
fi
[ "$user_exists" = 1 ] || echo "(no user $APPUSER: its authority records are left out)"

# the listener running: started with the queue manager (CONTROL(QMGR)), else
# now, on its port or, when that port is taken, on the next free one
lsr_running() { mqsc "DISPLAY LSTATUS($LSR) STATUS" | grep -q "STATUS(RUNNING)"; }
tries=0
while ! lsr_running; do
	out=$(mqsc "START LISTENER($LSR)")
	case $out in
	*AMQ8021I*) sleep 0.2; lsr_running && break ;;
	*"running already"*) break ;;
	esac
	tries=$((tries + 1))
	[ $tries -lt 20 ] || die "no free port found for the listener from $WANT_PORT up: $out"
	old=$port
	port=$((port + 1))
	[ $port -le 65535 ] || port=1024
	say "port $old is taken: the listener moves to port $port"
	mqsc "ALTER LISTENER($LSR) TRPTYPE(TCP) PORT($port)" | grep -q AMQ8627I ||
		die "ALTER LISTENER($LSR) PORT($port) failed"
done
port=$(mqsc "DISPLAY LSTATUS($LSR) PORT" | sed -n 's/.*[ (]PORT(\([0-9]*\)).*/\1/p' | head -1)
[ -n "$port" ] || die "DISPLAY LSTATUS($LSR) shows no port"
say "listener $LSR running on port $port"
# (after the listener has its port: the next run compares with this)
fingerprint >"$APPLIED.tmp" && mv "$APPLIED.tmp" "$APPLIED" || die "cannot write $APPLIED"
MQSERVER_SHOWN="DEV.APP.SVRCONN/TCP/localhost($port)"

# ---- the messages ----------------------------------------------------------
# depth QUEUE: its current depth (amqsinq, a local connection)
depth() { "$S/amqsinq" "$1" "$QM" | sed -n 's/^ *CURDEPTH(\([0-9]*\))$/\1/p'; }
# queue_empty QUEUE: 0 when it holds no message, else says so
queue_empty() {
	d=$(depth "$1")
	[ -n "$d" ] || die "amqsinq could not read the depth of $1"
	[ "$d" -eq 0 ] && return 0
	[ "$d" -eq 1 ] && what="1 message" || what="$d messages"
	say "$1 holds $what already: left alone, so no put and get this time"
	echo "(see them with: $S/amqsbcg $1 $QM)"
	return 1
}

if queue_empty DEV.QUEUE.1; then
	msg="Hello from make run at $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
	say "amqsput DEV.QUEUE.1 $QM   (one line: $msg)"
	printf '%s\n' "$msg" | "$S/amqsput" DEV.QUEUE.1 "$QM" || die "amqsput failed"
	say "amqsget DEV.QUEUE.1 $QM   (waiting 1 s for more, not 15)"
	QUIRE_SAMPLE_WAIT=1 "$S/amqsget" DEV.QUEUE.1 "$QM" || die "amqsget failed"
fi

if [ -z "$password" ]; then
	say "no client put and get: $why_no_client"
elif queue_empty DEV.QUEUE.1; then
	msg="Hello over TCP from make run at $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
	say "a client over TCP: MQSERVER='$MQSERVER_SHOWN' MQSAMP_USER_ID=$APPUSER amqsputc DEV.QUEUE.1 $QM"
	printf '%s\n%s\n' "$password" "$msg" |
		MQSERVER="$MQSERVER_SHOWN" MQSAMP_USER_ID="$APPUSER" "$S/amqsputc" DEV.QUEUE.1 "$QM" ||
		die "amqsputc failed (see $MQ_DATA_PATH/qmgrs/$QM/errors/AMQERR01.LOG)"
	echo
	say "MQSERVER='$MQSERVER_SHOWN' MQSAMP_USER_ID=$APPUSER amqsgetc DEV.QUEUE.1 $QM"
	printf '%s\n' "$password" |
		QUIRE_SAMPLE_WAIT=1 MQSERVER="$MQSERVER_SHOWN" MQSAMP_USER_ID="$APPUSER" "$S/amqsgetc" DEV.QUEUE.1 "$QM" ||
		die "amqsgetc failed (see $MQ_DATA_PATH/qmgrs/$QM/errors/AMQERR01.LOG)"
	echo
fi

say "dspmq"
dspmq

if [ -f "$PWFILE" ]; then
	where_pw="its password is in $PWFILE"
elif [ -n "$password" ]; then
	where_pw="its password is the one you gave (QUIRE_RUN_APP_PASSWORD)"
else
	where_pw="its password: see above"
fi
cat <<EOF

Queue manager $QM is running, with DEV.QUEUE.1, DEV.QUEUE.2, DEV.QUEUE.3,
DEV.DEAD.LETTER.QUEUE and the topic DEV.BASE.TOPIC (dev/).  To use it from
another shell:

  export MQ_DATA_PATH=$MQ_DATA_PATH
  export PATH=$B/bin:$S:\$PATH
  echo hello | amqsput DEV.QUEUE.1 $QM
  amqsbcg DEV.QUEUE.1 $QM
  amqsget DEV.QUEUE.1 $QM
  echo "DISPLAY QLOCAL(DEV.*) CURDEPTH" | runmqsc $QM

As a client (from this host or another), as the user $APPUSER ($where_pw):

  export MQSERVER='$MQSERVER_SHOWN'
  export MQSAMP_USER_ID=$APPUSER
  amqsputc DEV.QUEUE.1 $QM     # asks for the password first, then one message a line
  amqsgetc DEV.QUEUE.1 $QM

Build your own MQ program the same way the samples are built (-lmqic_r for
a client-only program):

  cc -I$top/include app.c -L$B/lib -Wl,-rpath,$B/lib -lmqm_r -o app

Client access and security are explained in docs/security.md.
Stop the queue manager with:  endmqm $QM
EOF
