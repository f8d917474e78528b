#!/bin/sh
# netbench.sh BUILDDIR [netbench options]: MQI messages per second over TCP and
# TLS on loopback beside local connections, on a throwaway queue manager.
#
# Makes a new MQ_DATA_PATH under BUILDDIR/bench-data (benchqm.sh: the
# checkout's disk, never a tmpfs), in it a test CA and the key repositories
# (PEM, qm/tlsctx.h: the queue manager's srv.crt/.key/.ca, an RSA key, which
# ECDHE_RSA_* needs; the client's cli.ca, no client certificate), the queue
# manager QMNET with a log big enough for the longest case (8 + 4 extents of
# 16 MiB), its SSLKEYR, the local queues NET.Q.1 .. NET.Q.32, the SVRCONN
# channels netbench.c names (MCAUSER the user running this, CHLAUTH and
# CONNAUTH off: the benchmark measures the transport, not the checks, as
# tests/integration/lib.sh client_listener does), and a listener (runmqlsr) on
# 127.0.0.1 at a free port tried from 30000 + pid; then runs
# BUILDDIR/bench/netbench with options after BUILDDIR (e.g. --seconds 1).
# A trap ends and deletes the queue manager and removes the folder whatever
# happens (NETBENCH_KEEP=1 keeps the folder, the queue manager ended).
# Exit status: netbench's, or 1 if the queue manager could not be made.
set -u

name=netbench
B=${1:-build}
[ $# -gt 0 ] && shift
# shellcheck source=bench/benchqm.sh
. "$(dirname "$0")/benchqm.sh"   # B absolute, data (MQ_DATA_PATH), die, bench_data_rm
QM=QMNET
command -v openssl >/dev/null 2>&1 || die "the openssl command is needed for the key repositories (make deps)"
[ -x "$B/bin/runmqlsr" ] || die "$B/bin/runmqlsr is missing: build first"
unset MQSERVER MQCCDTURL MQCHLLIB MQCHLTAB MQ_CONNECT_TYPE MQSSLKEYR QUIRE_IPC

started=0
lsr=
cleanup() {
	if [ $started = 1 ]; then
		endmqm -i "$QM" >/dev/null 2>&1
	fi
	[ -n "$lsr" ] && kill "$lsr" 2>/dev/null
	dltmqm "$QM" >/dev/null 2>&1
	if [ "${NETBENCH_KEEP:-0}" = 1 ]; then
		echo "netbench.sh: kept $data"
	else
		bench_data_rm
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

keys="$data/keys"
mkdir -p "$keys" || die "cannot make $keys"
(
	cd "$keys" || exit 1
	umask 077
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt \
		-days 2 -subj "/O=Quire/CN=netbench CA" &&
		openssl req -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr -subj "/O=Quire/CN=QMNET" &&
		openssl x509 -req -in srv.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out srv.crt -days 2 &&
		cp ca.crt srv.ca && cp ca.crt cli.ca
) >"$data/openssl.out" 2>&1 || die "openssl could not make the key repositories: $(cat "$data/openssl.out")"

out=$(crtmqm -lp 8 -ls 4 -lf 4096 "$QM" 2>&1) || die "crtmqm $QM failed: $out"
started=1
out=$(strmqm "$QM" 2>&1) || die "strmqm $QM failed: $out"
{
	i=1
	while [ $i -le 32 ]; do
		echo "DEFINE QLOCAL(NET.Q.$i) MAXDEPTH(100000) MAXMSGL(4194304) REPLACE"
		i=$((i + 1))
	done
	cat <<MQSC
ALTER QMGR SSLKEYR('$keys/srv') CHLAUTH(DISABLED) CONNAUTH(' ') MAXMSGL(4194304)
REFRESH SECURITY TYPE(CONNAUTH)
DEFINE CHANNEL(NET.SVRCONN) CHLTYPE(SVRCONN) MCAUSER('$(id -un)') MAXMSGL(4194304) REPLACE
DEFINE CHANNEL(NET.TLS12.SVRCONN) CHLTYPE(SVRCONN) MCAUSER('$(id -un)') MAXMSGL(4194304) +
       SSLCIPH(ECDHE_RSA_AES_128_GCM_SHA256) SSLCAUTH(OPTIONAL) REPLACE
DEFINE CHANNEL(NET.TLS13.SVRCONN) CHLTYPE(SVRCONN) MCAUSER('$(id -un)') MAXMSGL(4194304) +
       SSLCIPH(TLS_AES_128_GCM_SHA256) SSLCAUTH(OPTIONAL) REPLACE
MQSC
} >"$data/define.mqsc"
out=$(runmqsc "$QM" <"$data/define.mqsc" 2>&1) || die "runmqsc $QM failed: $out"

port=$((30000 + $$ % 20000))
try=0
while :; do
	runmqlsr -m "$QM" -t tcp -i 127.0.0.1 -p "$port" >"$data/runmqlsr.out" 2>&1 &
	lsr=$!
	i=0
	while [ $i -lt 10 ] && kill -0 "$lsr" 2>/dev/null; do sleep 0.05; i=$((i + 1)); done
	kill -0 "$lsr" 2>/dev/null && break
	lsr=
	try=$((try + 1))
	[ $try -lt 20 ] || die "no port for a listener: $(cat "$data/runmqlsr.out")"
	port=$((port + 1))
done
echo "netbench.sh: $QM listening on 127.0.0.1($port)"

"$B/bench/netbench" --qmgr "$QM" --port "$port" --keyr "$keys/cli" --logdir "$data/log/$QM" "$@"
