# lib.sh: helpers for the integration scripts (sourced).  Each script runs in
# a fresh folder with MQ_DATA_PATH pointing into it and build/bin on PATH.
# Shell functions share one set of variables: a helper's own variables start
# with an underscore and its name, so they never clobber a script's.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "# $*"; }
# run EXPECTED_RC cmd...: run it, keep stdout+stderr in $OUT, check the exit status
run() {
	_run_want=$1; shift
	OUT=$("$@" 2>&1); _run_got=$?
	[ "$_run_got" = "$_run_want" ] || fail "'$*' exited $_run_got, expected $_run_want; output:
$OUT"
}
# run_in EXPECTED_RC FILE cmd...: the same, with FILE as standard input
run_in() {
	_ri_want=$1 _ri_file=$2; shift 2
	run "$_ri_want" "$@" <"$_ri_file"
}
# has TEXT: $OUT contains TEXT (a fixed string)
has() { printf '%s\n' "$OUT" | grep -qF -- "$1" || fail "output lacks '$1'; output:
$OUT"; }
hasnt() { ! printf '%s\n' "$OUT" | grep -qF -- "$1" || fail "output has '$1'; output:
$OUT"; }
# file_has FILE TEXT
file_has() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2'"; }
# no_record_restart QM QUEUE: a message that is no record of the queue
# manager's put on its system queue QUEUE, QM ended and started again;
# log_gained QM then puts in $OUT the lines its error log gained since the put
no_record_restart() {
	printf 'not a record\n\n' | run 0 "$QUIRE_BUILD/samples/amqsput" "$2" "$1"
	_nrr_lines=$(wc -l <"$MQ_DATA_PATH/qmgrs/$1/errors/AMQERR01.LOG")
	run 0 endmqm -w "$1"
	run 0 strmqm "$1"
}
log_gained() { OUT=$(tail -n +"$((_nrr_lines + 1))" "$MQ_DATA_PATH/qmgrs/$1/errors/AMQERR01.LOG"); }
# sanitizer_logs_here: sanitizer reports of every process (a detached queue
# manager too) go to files in this folder; sanitizer_check fails on any
sanitizer_logs_here() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$PWD/asan"
	UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$PWD/ubsan"
	export ASAN_OPTIONS UBSAN_OPTIONS
}
sanitizer_check() {
	for _sc_f in asan.* ubsan.*; do
		[ -f "$_sc_f" ] && fail "sanitizer report $_sc_f:
$(cat "$_sc_f")"
	done
	return 0
}
# wait_line SECONDS FILE TEXT: wait until FILE has a line with TEXT (a fixed
# string)
wait_line() {
	_wl_max=$(($1 * 20)); _wl_i=0
	until grep -qF -- "$3" "$2" 2>/dev/null; do
		_wl_i=$((_wl_i + 1)); [ $_wl_i -le $_wl_max ] || fail "timed out waiting for '$3' in $2: $(cat "$2" 2>/dev/null)"
		sleep 0.05
	done
}
# wait_for SECONDS SHELL-CONDITION: wait until the condition (run with eval,
# so quote it) holds
wait_for() {
	_wf_max=$(($1 * 20)); shift; _wf_i=0
	until eval "$*"; do
		_wf_i=$((_wf_i + 1)); [ $_wf_i -le $_wf_max ] || fail "timed out waiting for: $*"
		sleep 0.05
	done
}
# pid_gone PID: the process has ended (a zombie its parent, init here, has
# not reaped yet counts as ended, once its last thread has gone too: a
# thread still in a system call such as fdatasync after kill -9 keeps the
# process's files, and so the queue manager's lock, until it returns)
pid_gone() {
	! kill -0 "$1" 2>/dev/null || { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | grep -q '^Z' &&
		[ "$(ls "/proc/$1/task" 2>/dev/null | wc -l)" -le 1 ]; }
}
# qm_pid QM: the queue manager's process id from its qmstatus.ini (QM as its
# folder under qmgrs/ is named)
qm_pid() { sed -n 's/^ *[Pp][Ii][Dd] *= *//p' "$MQ_DATA_PATH/qmgrs/$1/qmstatus.ini" | head -1; }
# qm_status QM: the status word(s) dspmq shows for QM ("Running", "Ended normally" ...)
qm_status() { dspmq -m "$1" | sed -n 's/.*STATUS(\(.*\))$/\1/p'; }
# san_cflags: the compiler flags a program needs to load this build's libmqm
# (a sanitizer build's library needs its runtime in the program too); empty
# for a normal build
san_cflags() {
	if ldd "$QUIRE_BUILD/lib/libmqm.so" | grep -q libasan; then echo "-fsanitize=address,undefined"; fi
}
# client_listener QM: make the MQI programs that follow connect to QM as clients
# over TCP (qm/mqi/client.c): a SVRCONN channel QUIRE.SVRCONN whose MCAUSER is
# the user running the test (the queue manager's owner, as a local program of
# the test is: so a client acts as the local program would), MQ's default
# rules that keep administrators (the tests run as root) off client channels
# turned off, a listener (runmqlsr, which ends with the queue manager) on a
# free port (the same one again once CLIENT_PORT is set), and MQSERVER
# exported.  Call it again after each strmqm of QM.  It sets CLIENT_PORT and
# CLIENT_LSR (the listener's pid).
client_listener() {
	_client_lsr "$1" "${CLIENT_PORT:-}"
	CLIENT_PORT=$_cl_port
	MQSERVER="QUIRE.SVRCONN/TCP/127.0.0.1($CLIENT_PORT)"
	export MQSERVER
}
# _client_lsr QM [PORT]: the channel, the rules off, a listener on PORT (kept:
# clients reconnect there) or a free one; _cl_port is the port, CLIENT_LSR its pid
_client_lsr() {
	_cl_qm=$1
	printf "DEFINE CHANNEL(QUIRE.SVRCONN) CHLTYPE(SVRCONN) MCAUSER('%s') REPLACE\nALTER QMGR CHLAUTH(DISABLED) CONNAUTH(' ')\nREFRESH SECURITY TYPE(CONNAUTH)\n" "$(id -un)" |
		command runmqsc "$_cl_qm" >client_listener.mqsc.out 2>&1
	_cl_keep=$2
	_cl_port=${2:-$((20000 + ($$ * 7) % 20000))}
	_cl_try=0
	while :; do
		command runmqlsr -m "$_cl_qm" -t tcp -p "$_cl_port" >"client_lsr.$_cl_port.out" 2>&1 &
		CLIENT_LSR=$!
		_cl_i=0
		while [ $_cl_i -lt 10 ] && kill -0 "$CLIENT_LSR" 2>/dev/null; do sleep 0.05; _cl_i=$((_cl_i + 1)); done
		kill -0 "$CLIENT_LSR" 2>/dev/null && break
		_cl_try=$((_cl_try + 1))
		[ $_cl_try -lt 20 ] || fail "no port for a listener: $(cat "client_lsr.$_cl_port.out")"
		if [ -n "$_cl_keep" ]; then sleep 0.25; else _cl_port=$((_cl_port + 1)); fi
	done
}
# QUIRE_CLIENT=1 (sh tNNNN.sh by hand, or a run of the MQI scripts): every
# MQI program of the script connects as a client over TCP.  strmqm, as the
# scripts call it, is wrapped: once the queue manager runs, _client_lsr gives
# it a listener (its port kept in client-ports, reused after a restart) and
# the JSON CCDT client-ccdt.json (MQCCDTURL) gets an entry for it, plus one
# with no queue manager name for the default queue manager, so each MQCONN
# reaches the queue manager it names, as a local connection would.
client_ccdt() {
	_cc_port=$(sed -n "s/^$1 //p" client-ports 2>/dev/null)
	_client_lsr "$1" "$_cc_port"
	[ -n "$_cc_port" ] || echo "$1 $_cl_port" >>client-ports
	_cc_def=$(sed -n '/^DefaultQueueManager:/,/^[A-Za-z]/s/^ *Name=//p' "$MQ_DATA_PATH/mqs.ini" 2>/dev/null | head -1)
	{
		printf '{ "channel": [\n'
		_cc_sep=
		while read -r _cc_q _cc_p; do
			for _cc_n in "$_cc_q" $( [ "$_cc_q" = "$_cc_def" ] && echo "-" ); do
				[ "$_cc_n" = "-" ] && _cc_n=
				printf '%s { "name": "QUIRE.SVRCONN", "type": "clientConnection", "clientConnection": { "connection": [ { "host": "127.0.0.1", "port": %s } ], "queueManager": "%s" } }\n' \
					"$_cc_sep" "$_cc_p" "$_cc_n"
				_cc_sep=,
			done
		done <client-ports
		printf '] }\n'
	} >client-ccdt.json.new
	mv client-ccdt.json.new client-ccdt.json
}
if [ "${QUIRE_CLIENT:-0}" = 1 ]; then
	# the channel for a build whose listener takes it from the test hook
	QUIRE_TEST_SVRCONN=${QUIRE_TEST_SVRCONN:-QUIRE.SVRCONN,mcauser=$(id -un)}
	export QUIRE_TEST_SVRCONN
	# set here, not in the wrapper: scripts call strmqm inside run's $(...)
	MQCCDTURL="file://$PWD/client-ccdt.json"
	export MQCCDTURL
	unset MQSERVER
	strmqm() {
		command strmqm "$@" || return
		for _sq_qm; do :; done
		case "$*" in *-r*|*-c*) ;; *) client_ccdt "$_sq_qm" ;; esac
	}
fi
