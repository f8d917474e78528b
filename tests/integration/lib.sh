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
# over TCP (qm/mqi/client.c): a SVRCONN channel QUIRE.SVRCONN, MQ's default
# rules that keep administrators (the tests run as root) off client channels
# turned off, a listener (runmqlsr, which ends with the queue manager) on a
# free port (the same one again once CLIENT_PORT is set), and MQSERVER
# exported.  Call it again after each strmqm of QM.  It sets CLIENT_PORT and
# CLIENT_LSR (the listener's pid).
client_listener() {
	_cl_qm=$1
	printf "DEFINE CHANNEL(QUIRE.SVRCONN) CHLTYPE(SVRCONN) REPLACE\nALTER QMGR CHLAUTH(DISABLED) CONNAUTH(' ')\nREFRESH SECURITY TYPE(CONNAUTH)\n" |
		runmqsc "$_cl_qm" >client_listener.mqsc.out 2>&1
	_cl_port=${CLIENT_PORT:-$((20000 + $$ % 20000))}
	_cl_try=0
	while :; do
		runmqlsr -m "$_cl_qm" -t tcp -p "$_cl_port" >"client_lsr.$_cl_port.out" 2>&1 &
		CLIENT_LSR=$!
		_cl_i=0
		while [ $_cl_i -lt 10 ] && kill -0 "$CLIENT_LSR" 2>/dev/null; do sleep 0.05; _cl_i=$((_cl_i + 1)); done
		kill -0 "$CLIENT_LSR" 2>/dev/null && break
		_cl_try=$((_cl_try + 1))
		[ $_cl_try -lt 20 ] || fail "no port for a listener: $(cat "client_lsr.$_cl_port.out")"
		# the port of an earlier call is kept (its clients reconnect there): try it again
		if [ -n "${CLIENT_PORT:-}" ]; then sleep 0.25; else _cl_port=$((_cl_port + 1)); fi
	done
	CLIENT_PORT=$_cl_port
	MQSERVER="QUIRE.SVRCONN/TCP/127.0.0.1($CLIENT_PORT)"
	export MQSERVER
}
