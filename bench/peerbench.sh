#!/bin/sh
# peerbench.sh BUILDDIR [--seconds S] [--clients 1,32] [--raw-seconds S]:
# Quire beside its peers and the disk, in one run, on the checkout's disk
# (issue 12).  A message is one put and one get of 1 KiB, each made durable
# on its own:
#   the disk    BUILDDIR/bench/peerdisk (benchdisk.h): 4 KiB write +
#               fdatasync at one offset (the raw rate), and on the next page
#               of a written, preallocated file (sequential appends);
#   Redis       a throwaway redis-server (appendonly yes, appendfsync always,
#               its folder under BUILDDIR/bench-data, 127.0.0.1 on a free
#               port); redis-benchmark LPUSH then RPOP of 1 KiB values with
#               each number of clients, N requests each where N is ~S seconds
#               at the rate a short first run showed; messages/s =
#               1/(1/LPUSH + 1/RPOP): each client does its pushes and pops
#               one after the other, each waiting for its own fsync, as a
#               Quire application does its put+commit then get+commit, so
#               the pair takes the sum of the two times (min() would count
#               pushes and pops as if they overlapped);
#   PostgreSQL  when its server is installed: a throwaway cluster (fsync on,
#               synchronous_commit on, Unix socket only), a table queue; a
#               pgbench transaction is an INSERT (its own commit) then a
#               DELETE of the oldest row FOR UPDATE SKIP LOCKED (its own
#               commit), for S seconds with each number of clients;
#   Quire       sh bench/mqbench.sh (its own throwaway queue manager): persistent
#               1 KiB with each number of applications (MQPUT under
#               syncpoint, MQCMIT, MQGET under syncpoint, MQCMIT), and
#               nonpersistent 1 KiB with 8 applications, S seconds each.
# The disk is measured again at the end; its rates are the means of the two.
# Then one table, Quire's ratios to each, and the issue's goals, MET or MISS
# (a missed goal does not fail the script).  A peer that is not installed is
# said and skipped.  Whatever happens, redis-server and PostgreSQL are stopped
# and the folder removed (trap).  Exit status 1 only when something broke (a
# peer that did not start or whose benchmark failed, mqbench failing).
set -u

name=peerdisk        # the C helper benchqm.sh checks for
script=peerbench
B=${1:-build}
[ $# -gt 0 ] && shift
seconds=3 clients=1,32 raw_seconds=2 npapps=8
while [ $# -gt 0 ]; do
	case $1 in
	--seconds | --clients | --raw-seconds)
		[ $# -ge 2 ] || { echo "peerbench.sh: $1 needs a value" >&2; exit 1; }
		case $1 in
		--seconds) seconds=$2 ;;
		--clients) clients=$2 ;;
		--raw-seconds) raw_seconds=$2 ;;
		esac
		shift 2 ;;
	--no-diag) shift ;;   # BENCH_ARGS may hold it: nothing to skip here
	*) echo "peerbench.sh: unknown option $1 (--seconds S, --clients LIST, --raw-seconds S)" >&2; exit 1 ;;
	esac
done
if ! echo "$seconds" | grep -Eq '^[0-9]+(\.[0-9]+)?$' ||
	[ "$(awk -v s="$seconds" 'BEGIN{print (s > 0 && s <= 600)}')" != 1 ]; then
	echo "peerbench.sh: bad value '$seconds' for --seconds" >&2
	exit 1
fi
echo "$raw_seconds" | grep -Eq '^[0-9]+(\.[0-9]+)?$' ||
	{ echo "peerbench.sh: bad value '$raw_seconds' for --raw-seconds" >&2; exit 1; }
echo "$clients" | grep -Eq '^[0-9]+(,[0-9]+)*$' || { echo "peerbench.sh: bad value '$clients' for --clients" >&2; exit 1; }
for c in $(echo "$clients" | tr , ' '); do
	if [ "$c" -lt 1 ] || [ "$c" -gt 256 ]; then
		echo "peerbench.sh: --clients: $c is not 1 to 256" >&2
		exit 1
	fi
done

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/benchqm.sh
. "$here/benchqm.sh"   # B absolute, data, die, bench_data_rm

rpid=
pgdir=
as_pg=
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [ -n "$rpid" ]; then
		kill "$rpid" 2>/dev/null
		wait "$rpid" 2>/dev/null
	fi
	if [ -n "$pgdir" ] && [ -f "$pgdir/db/postmaster.pid" ]; then
		$as_pg "$pg_bin/pg_ctl" -D "$pgdir/db" -m immediate -w stop >/dev/null 2>&1
	fi
	bench_data_rm
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

broke=0
# fmt N: N rounded, or "-" for an empty value
fmt() { if [ -n "$1" ]; then awk -v v="$1" 'BEGIN{printf "%.0f", v}'; else printf -- -; fi; }
# ratio A B: A/B as "0.62x", or "-" when either is missing
ratio() { if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2fx", a/b}'; else printf -- -; fi; }
# kv FILE KEY: the value stored for KEY (lines "KEY VALUE"), or ""
kv() { awk -v k="$2" '$1 == k { v = $2 } END { print v }' "$1"; }
res="$data/results"
: >"$res"

echo "peerbench: Quire beside its peers in one run, $seconds s a case, in $data ($(stat -f -c %T "$data"))"
echo "a message: one put and one get of 1 KiB, each made durable on its own"

# Each part starts on a settled disk: the one before deleted its files (a 64 MiB
# file, a PostgreSQL cluster, Redis's AOF), and on a virtual disk with online
# discard that work goes on below the file system for seconds, slowing the
# next part's fdatasyncs (every part's figures were seen to drop by a quarter
# when run right after a delete)
settle() { sync; sleep "${PEERBENCH_SETTLE:-5}"; }

# ---- the disk -------------------------------------------------------------------
# Measured at the start and again at the end (after Quire), and the goals use
# the mean of the two: this virtual disk's fdatasync rate was seen to move by
# a third within minutes, so one measurement taken minutes before Quire's
# cases could put Quire's ratio anywhere from 77% to 119%.
disk() {   # WHEN (start|end): peerdisk's two rates as disk_KIND_WHEN
	echo
	echo "== the disk at the $1: 4 KiB write + fdatasync, $raw_seconds s each"
	if ! "$B/bench/peerdisk" --dir "$data" --raw-seconds "$raw_seconds" >"$data/disk.out"; then
		cat "$data/disk.out"
		broke=1
	fi
	awk -v w="$1" '$1 == "limit" && $3 != "failed" { print "disk_" $2 "_" w, $3 }' "$data/disk.out" >>"$res"
	awk '$1 == "limit" && $3 != "failed" {
		printf "  %-40s %8.0f /s  p50 %.3f ms  p99 %.3f ms\n",
		       $2 == "fixed" ? "raw, one offset" : "sequential appends, written file", $3, $4, $5 }' "$data/disk.out"
}
disk start

# ---- Redis ----------------------------------------------------------------------
settle
echo
redis_ver=
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-benchmark >/dev/null 2>&1; then
	echo "== Redis: not installed (apt-get install redis-server)"
else
	redis_ver=$(redis-server --version | sed -n 's/.* v=\([0-9.]*\).*/\1/p')
	echo "== Redis $redis_ver: appendonly yes, appendfsync always; LPUSH then RPOP, 1 KiB values"
	rdir="$data/redis"
	mkdir "$rdir" || die "cannot make $rdir"
	port=$((20000 + $$ % 20000)) tries=0
	while :; do
		redis-server --port "$port" --bind 127.0.0.1 --dir "$rdir" --appendonly yes --appendfsync always \
			--save '' --logfile "$rdir/redis.log" --daemonize no >/dev/null 2>&1 &
		rpid=$!
		up=0 i=0
		while [ $i -lt 50 ] && kill -0 "$rpid" 2>/dev/null; do
			# ours: the server on that port that works in our folder
			if [ "$(redis-cli -p "$port" config get dir 2>/dev/null | sed -n 2p)" = "$rdir" ]; then
				up=1
				break
			fi
			sleep 0.1
			i=$((i + 1))
		done
		[ $up = 1 ] && break
		kill "$rpid" 2>/dev/null
		wait "$rpid" 2>/dev/null
		rpid=
		tries=$((tries + 1))
		[ $tries -lt 10 ] || { echo "peerbench.sh: redis-server did not start (last: $rdir/redis.log):"; tail -5 "$rdir/redis.log"; broke=1; break; }
		port=$((port + 1))
	done
	# rb CLIENTS N TEST NAME: the test's requests/s (NAME: its line in the
	# CSV), or "" (said) when it failed
	rb() {
		out=$(redis-benchmark -h 127.0.0.1 -p "$port" -c "$1" -n "$2" -d 1024 -t "$3" --csv 2>&1)
		r=$(printf '%s\n' "$out" | awk -F'"' -v t="$4" '$2 == t { print $4 }')
		[ -n "$r" ] || { echo "peerbench.sh: redis-benchmark -c $1 -t $3 failed: $out" >&2; return 1; }
		echo "$r"
	}
	if [ -n "$rpid" ]; then
		for c in $(echo "$clients" | tr , ' '); do
			redis-cli -p "$port" del mylist >/dev/null
			# a short first run gives the rate: N is then ~S seconds of it
			cal=$(rb "$c" $((c * 100 > 3000 ? 3000 : (c * 100 < 300 ? 300 : c * 100))) lpush LPUSH) || { broke=1; break; }
			n=$(awk -v r="$cal" -v s="$seconds" 'BEGIN{n = int(r * s); print n < 1000 ? 1000 : n}')
			push=$(rb "$c" "$n" lpush LPUSH) || { broke=1; break; }
			pop=$(rb "$c" "$n" rpop RPOP) || { broke=1; break; }    # the list holds n + the first run's
			left=$(redis-cli -p "$port" llen mylist)
			msg=$(awk -v a="$push" -v b="$pop" 'BEGIN{printf "%.1f", 1 / (1 / a + 1 / b)}')
			printf '  %3d client%s  LPUSH %8.0f /s  RPOP %8.0f /s  (%d each, %d left)  -> %8.0f messages/s\n' \
				"$c" "$([ "$c" = 1 ] && echo " " || echo s)" "$push" "$pop" "$n" "$left" "$msg"
			echo "redis_$c $msg" >>"$res"
		done
		kill "$rpid" 2>/dev/null
		wait "$rpid" 2>/dev/null
		rpid=
	fi
	rm -rf "$rdir"
fi

# ---- PostgreSQL -------------------------------------------------------------------
settle
echo
pg_bin=
for d in /usr/lib/postgresql/*/bin; do   # the newest major version installed
	[ -x "$d/postgres" ] || continue
	if [ -z "$pg_bin" ] || [ "${d%/bin}" != "$(printf '%s\n%s\n' "${pg_bin%/bin}" "${d%/bin}" | sort -V | head -1)" ]; then
		pg_bin=$d
	fi
done
pg_ver=
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ] || [ ! -x "$pg_bin/pgbench" ]; then
	echo "== PostgreSQL: not installed (apt-get install postgresql)"
else
	pg_ver=$("$pg_bin/postgres" --version | awk '{ print $3 }')   # "postgres (PostgreSQL) 15.18 (Debian ...)"
	echo "== PostgreSQL $pg_ver: fsync on, synchronous_commit on; INSERT, then DELETE ... FOR UPDATE SKIP LOCKED"
	pgdir="$data/pg"
	mkdir "$pgdir" || die "cannot make $pgdir"
	if [ "$(id -u)" = 0 ]; then   # the server refuses to run as root
		as_pg="runuser -u postgres --"
		if ! chmod 711 "$data" || ! chown postgres "$pgdir"; then
			die "cannot give $pgdir to postgres"
		fi
	fi
	cat >"$pgdir/msg.sql" <<-'EOF'
		INSERT INTO q (body) VALUES (repeat('m', 1024));
		DELETE FROM q WHERE id = (SELECT id FROM q ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING body;
	EOF
	chmod 644 "$pgdir/msg.sql"
	if ! $as_pg "$pg_bin/initdb" -D "$pgdir/db" -U bench -A trust --no-sync >"$data/pg.out" 2>&1; then
		echo "peerbench.sh: initdb failed:"; tail -5 "$data/pg.out"; broke=1
	elif ! $as_pg "$pg_bin/pg_ctl" -D "$pgdir/db" -l "$pgdir/server.log" -w -o \
		"-p 5432 -k $pgdir -c listen_addresses= -c fsync=on -c synchronous_commit=on -c max_connections=300" \
		start >"$data/pg.out" 2>&1; then
		echo "peerbench.sh: PostgreSQL did not start:"; tail -5 "$pgdir/server.log"; broke=1
	elif ! $as_pg "$pg_bin/psql" -h "$pgdir" -p 5432 -U bench -d postgres -q -v ON_ERROR_STOP=1 \
		-c "CREATE TABLE q (id bigserial PRIMARY KEY, body text NOT NULL)" >"$data/pg.out" 2>&1; then
		echo "peerbench.sh: CREATE TABLE failed:"; cat "$data/pg.out"; broke=1
	else
		for c in $(echo "$clients" | tr , ' '); do
			out=$($as_pg "$pg_bin/pgbench" -h "$pgdir" -p 5432 -U bench -n -M prepared -f "$pgdir/msg.sql" -c "$c" \
				-j "$([ "$c" -ge 2 ] && echo 2 || echo 1)" -T "$(awk -v s="$seconds" 'BEGIN{s = int(s + 0.5); print s < 1 ? 1 : s}')" postgres 2>&1)
			tps=$(printf '%s\n' "$out" | awk '/^tps = / { print $3; exit }')
			if [ -z "$tps" ]; then
				echo "peerbench.sh: pgbench -c $c failed:"; printf '%s\n' "$out" | tail -5; broke=1; break
			fi
			printf '  %3d client%s  %8.0f messages/s (pgbench transactions: INSERT + DELETE, two commits)\n' \
				"$c" "$([ "$c" = 1 ] && echo " " || echo s)" "$tps"
			echo "pg_$c $tps" >>"$res"
		done
	fi
	$as_pg "$pg_bin/pg_ctl" -D "$pgdir/db" -m fast -w stop >/dev/null 2>&1
	rm -rf "$pgdir"
	pgdir=
fi

# ---- Quire ------------------------------------------------------------------------
settle
echo
echo "== Quire: mqbench, 1 KiB; persistent, applications: $clients; nonpersistent, applications: $npapps"
if ! sh "$here/mqbench.sh" "$B" --seconds "$seconds" --raw-seconds 1 --no-diag --apps "$clients" \
	--np-apps "$npapps" --sizes 1024 --np-sizes 1024 >"$data/mqbench.out" 2>&1; then
	cat "$data/mqbench.out"
	echo "peerbench.sh: mqbench failed"
	broke=1
fi
awk '($1 == "mode" || $1 == "persistent" || $1 == "nonpersistent") && $0 !~ /goal/' "$data/mqbench.out"
awk '$1 == "persistent" && $2 == 1 && $3 == "KiB" && $NF != "(failed)" { print "quire_" $4, $5 }
     $1 == "persistent" && $2 == 1 && $3 == "KiB" && $NF != "(failed)" && $11 ~ /^~/ {
	print "quire_cpf_" $4, substr($11, 2) }
     $1 == "nonpersistent" && $2 == 1 && $3 == "KiB" && $NF != "(failed)" { print "quire_np_" $4, $5 }' \
	"$data/mqbench.out" >>"$res"

settle
disk end

# ---- the table ----------------------------------------------------------------------
cols=$(echo "$clients" | tr , ' ')
# mean A B: the mean of two rates, or the one there is
mean() { if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN{print (a + b) / 2}'; else echo "$1$2"; fi; }
fixed=$(mean "$(kv "$res" disk_fixed_start)" "$(kv "$res" disk_fixed_end)")
append=$(mean "$(kv "$res" disk_append_start)" "$(kv "$res" disk_append_end)")
echo
echo "== summary: messages/s, one run"
printf '  %-40s' ""
for c in $cols; do printf ' %12s' "$c app$([ "$c" = 1 ] || echo s)"; done
printf ' %12s\n' "np $npapps apps"
row() {   # LABEL KEYPREFIX (values KEYPREFIX_C) [NPVALUE]
	printf '  %-40s' "$1"
	for c in $cols; do printf ' %12s' "$(fmt "$(kv "$res" "$2_$c")")"; done
	printf ' %12s\n' "$(fmt "${3:-}")"
}
disk_row() {   # LABEL RATE: fdatasyncs/s (messages/s for one application: half)
	printf '  %-40s %12s\n' "$1" "$([ -n "$2" ] && echo "$(fmt "$2") ($(fmt "$(awk -v r="$2" 'BEGIN{print r / 2}')"))" || echo -)"
}
disk_row "disk: raw fdatasync/s, start (half)" "$(kv "$res" disk_fixed_start)"
disk_row "disk: raw fdatasync/s, end (half)" "$(kv "$res" disk_fixed_end)"
disk_row "disk: sequential appends/s, start (half)" "$(kv "$res" disk_append_start)"
disk_row "disk: sequential appends/s, end (half)" "$(kv "$res" disk_append_end)"
disk_row "disk: raw fdatasync/s, mean (half)" "$fixed"
disk_row "disk: sequential appends/s, mean (half)" "$append"
if [ -n "$redis_ver" ]; then row "Redis $redis_ver appendfsync always" redis; fi
if [ -n "$pg_ver" ]; then row "PostgreSQL $pg_ver SKIP LOCKED" pg; fi
row "Quire" quire "$(kv "$res" "quire_np_$npapps")"
ratio_row() {   # LABEL KEYPREFIX
	printf '  %-40s' "$1"
	for c in $cols; do printf ' %12s' "$(ratio "$(kv "$res" "quire_$c")" "$(kv "$res" "$2_$c")")"; done
	printf ' %12s\n' -
}
[ -n "$redis_ver" ] && ratio_row "Quire / Redis" redis
[ -n "$pg_ver" ] && ratio_row "Quire / PostgreSQL" pg
half_row() {   # LABEL RATE: Quire over half the rate (two syncs a message)
	printf '  %-40s' "$1"
	for c in $cols; do
		q=$(kv "$res" "quire_$c")
		if [ -n "$q" ] && [ -n "$2" ]; then
			printf ' %12s' "$(awk -v q="$q" -v r="$2" 'BEGIN{printf "%.0f%%", 100 * q / (r / 2)}')"
		else
			printf ' %12s' -
		fi
	done
	printf ' %12s\n' -
}
half_row "Quire / (raw fdatasync / 2)" "$fixed"
half_row "Quire / (sequential appends / 2)" "$append"
echo "  (a persistent message needs two commits: one application can reach half the disk's rates at best)"

# ---- the goals ----------------------------------------------------------------------
echo
echo "== goals (issue 12; ratios within this run)"
goal() {   # OK(1/0/"") TEXT
	case $1 in
	1) printf '  MET   %s\n' "$2" ;;
	0) printf '  MISS  %s\n' "$2" ;;
	*) printf '  n/a   %s\n' "$2" ;;
	esac
}
q1=$(kv "$res" quire_1) q32=$(kv "$res" quire_32) r32=$(kv "$res" redis_32) qnp=$(kv "$res" "quire_np_$npapps")
if [ -n "$q1" ] && [ -n "$append" ]; then
	goal "$(awk -v q="$q1" -v a="$append" 'BEGIN{print (q >= 0.9 * a / 2)}')" \
		"1 application: $(fmt "$q1") msgs/s = $(awk -v q="$q1" -v a="$append" 'BEGIN{printf "%.0f%%", 200 * q / a}') of half the sequential-append rate $(fmt "$append")/s (goal >= 90%)"
else
	goal "" "1 application >= 90% of half the sequential-append rate: not measured"
fi
if [ -n "$q32" ] && [ -n "$r32" ]; then
	goal "$(awk -v q="$q32" -v r="$r32" 'BEGIN{print (q >= 1.5 * r)}')" \
		"32 applications: $(fmt "$q32") msgs/s = $(ratio "$q32" "$r32") Redis's $(fmt "$r32") (goal >= 1.5x)"
else
	goal "" "32 applications >= 1.5x Redis: $([ -z "$redis_ver" ] && echo "Redis not installed" || echo "not measured")"
fi
cpf=$(kv "$res" quire_cpf_32)
if [ -n "$cpf" ]; then
	goal "$(awk -v c="$cpf" 'BEGIN{print (c > 10)}')" \
		"32 applications: ~$cpf commits per fdatasync (mqbench's estimate from the device's flush count; goal > 10)"
else
	goal "" "32 applications > 10 commits per fdatasync: not measured (no device flush counter, or no 32)"
fi
if [ -n "$qnp" ]; then
	goal "$(awk -v q="$qnp" 'BEGIN{print (q >= 200000)}')" \
		"nonpersistent, $npapps applications: $(fmt "$qnp") msgs/s (goal >= 200,000)"
else
	goal "" "nonpersistent, $npapps applications >= 200,000 msgs/s: not measured"
fi
exit $broke
