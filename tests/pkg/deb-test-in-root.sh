#!/bin/sh
# The checks of make deb-test (tests/pkg/deb-test.sh), run as root inside the
# root the packages were installed in: deb-test-in-root.sh STEP [VERSION].
# Everything a queue manager does runs as the mqm user, with MQ_DATA_PATH
# unset (so /var/mqm), from the installed paths only.
set -eu
step=$1
qm=PKGQM
W=/tmp/quire-deb-test/work
ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
fail() { echo "deb-test: FAIL ($step): $*" >&2; exit 1; }
ok() { echo "  ok: $*"; }
asmqm() { runuser -u mqm -- env -u MQ_DATA_PATH "$@"; }
modes() { stat -c '%a %U:%G' "$1"; }
running() { pgrep -u mqm -f '^amqzxma0 ' >/dev/null 2>&1; }   # (its comm is "exe")
# the messages amqsget prints, one per line, without waiting
getall() { asmqm env QUIRE_SAMPLE_WAIT=0 "$@" | sed -n 's/^message <\(.*\)>$/\1/p' | tr '\n' ' '; }

version_is() {
	v=$(dpkg-query -W -f '${Version}' quire)
	[ "$v" = "$1" ] || fail "quire is version $v, not $1"
	for p in libmqm1 libmqic1 libmqm-dev quire-mqm-compat; do
		[ "$(dpkg-query -W -f '${Version}' $p)" = "$1" ] || fail "$p is not version $1"
	done
	ok "all five packages at version $1"
}

start_qm() {
	out=$(asmqm strmqm $qm 2>&1) || fail "strmqm: $out"
	asmqm dspmq -m $qm | grep -q 'STATUS(Running)' || fail "dspmq does not say Running: $(asmqm dspmq -m $qm)"
	running || fail "no amqzxma0 process of user mqm"
	ok "strmqm $qm as mqm: running, process amqzxma0 owned by mqm"
}

end_qm() {
	out=$(asmqm env PATH=/opt/mqm/bin:/usr/bin:/bin endmqm -w $qm 2>&1) || fail "endmqm -w: $out"
	asmqm dspmq -m $qm | grep -q 'STATUS(Ended normally)' || fail "after endmqm: $(asmqm dspmq -m $qm)"
	! running || fail "amqzxma0 still running after endmqm -w"
	ok "endmqm -w $qm (from /opt/mqm/bin): Ended normally, no process left"
}

case "$step" in
installed)
	version_is "$2"
	# the mqm user and group, as MQ's: a system account that cannot log in
	IFS=: read -r _ _ uid gid _ home shell <<-E
	$(getent passwd mqm)
	E
	[ "$uid" -lt 1000 ] || fail "mqm has uid $uid, not a system uid"
	[ "$(getent group mqm | cut -d: -f3)" = "$gid" ] || fail "mqm's primary group is not mqm"
	[ "$home" = /var/mqm ] || fail "mqm's home is $home"
	[ "$shell" = /usr/sbin/nologin ] || fail "mqm's shell is $shell"
	ok "user mqm (uid $uid), group mqm, home /var/mqm, shell nologin"
	for d in /var/mqm /var/mqm/qmgrs /var/mqm/log /var/mqm/errors; do
		[ "$(modes $d)" = "2775 mqm:mqm" ] || fail "$d is $(modes $d), not 2775 mqm:mqm"
	done
	ok "/var/mqm, qmgrs, log, errors: 2775 mqm:mqm"
	# the libraries' SONAMEs and links, the programs with no RUNPATH
	for l in mqm mqic; do
		f=/usr/lib/$ma/lib$l.so.1.0.0
		readelf -d $f | grep -q "SONAME.*\[lib$l.so.1\]" || fail "$f has no SONAME lib$l.so.1"
		[ "$(readlink -f /usr/lib/$ma/lib${l}_r.so)" = $f ] || fail "lib${l}_r.so is not a link to $f"
		[ "$(readlink -f /opt/mqm/lib64/lib${l}_r.so)" = $f ] || fail "/opt/mqm/lib64/lib${l}_r.so is not a link to $f"
	done
	ldconfig -p | grep -q "libmqm.so.1 " || fail "ldconfig does not know libmqm.so.1"
	for p in /usr/bin/strmqm /usr/bin/runmqsc /usr/lib/quire/samp/bin/amqsput; do
		readelf -d $p | grep -q 'NEEDED.*\[libmqm.so.1\]' || fail "$p does not need libmqm.so.1"
		! readelf -d $p | grep -q '(RUNPATH)\|(RPATH)' || fail "$p has an RPATH: $(readelf -d $p | grep PATH)"
	done
	ok "libmqm.so.1, libmqic.so.1 (SONAMEs), _r links, programs without RPATH"
	[ -f /opt/mqm/inc/cmqc.h ] && [ -x /opt/mqm/bin/crtmqm ] && [ -f /opt/mqm/samp/amqsput.c ] &&
		[ -x /opt/mqm/samp/bin/amqsget ] || fail "/opt/mqm: $(ls -lR /opt/mqm | head -20)"
	ok "/opt/mqm/inc, lib64, bin, samp, samp/bin"
	# the systemd units the package holds (packaging/systemd/): every program
	# their Exec lines name is installed (systemd-analyze verify is the
	# unit's own test: no systemd here)
	nu=0
	for u in $(dpkg -L quire | grep '^/lib/systemd/system/.*\.service$' || true); do
		nu=$((nu + 1))
		for x in $(sed -n 's/^Exec[A-Za-z]*=[-@:+!]*\([^ ]*\).*/\1/p' "$u"); do
			[ -x "$x" ] || fail "$u runs $x, which is not installed"
		done
	done
	ok "$nu systemd unit(s) in the package, their Exec programs installed"

	out=$(asmqm crtmqm $qm 2>&1) || fail "crtmqm: $out"
	[ "$(modes /var/mqm/qmgrs/$qm)" = "2770 mqm:mqm" ] || fail "qmgrs/$qm is $(modes /var/mqm/qmgrs/$qm)"
	[ "$(modes /var/mqm/log/$qm)" = "2770 mqm:mqm" ] || fail "log/$qm is $(modes /var/mqm/log/$qm)"
	[ -f /var/mqm/mqs.ini ] || fail "no /var/mqm/mqs.ini"
	ok "crtmqm $qm as mqm into /var/mqm (qmgrs/$qm and log/$qm 2770 mqm:mqm)"
	start_qm
	echo "DEFINE QLOCAL(PKG.Q) DEFPSIST(YES)" | asmqm runmqsc $qm >/dev/null || fail "runmqsc DEFINE"

	# an MQ program built as MQ's documentation says, and with pkg-config
	rm -rf $W; mkdir -p $W; chmod 755 $W
	cc -o $W/put_opt -I/opt/mqm/inc /opt/mqm/samp/amqsput.c -L/opt/mqm/lib64 -lmqm_r ||
		fail "cc -I/opt/mqm/inc ... -L/opt/mqm/lib64 -lmqm_r"
	pc=$(pkg-config --cflags --libs mqm)
	case "$pc" in *-I/usr/include/mqm*-lmqm_r*) ;; *) fail "pkg-config --cflags --libs mqm: $pc" ;; esac
	cc -o $W/get_pc /usr/share/quire/samp/amqsget.c $(pkg-config --cflags --libs mqm) ||
		fail "cc with pkg-config mqm"
	for p in $W/put_opt $W/get_pc; do
		readelf -d $p | grep -q 'NEEDED.*\[libmqm.so.1\]' || fail "$p does not need libmqm.so.1"
	done
	ok "built amqsput with -I/opt/mqm/inc -L/opt/mqm/lib64 -lmqm_r, amqsget with pkg-config mqm ($pc)"
	printf 'one\ntwo\n' | asmqm $W/put_opt PKG.Q $qm >/dev/null || fail "put_opt"
	got=$(getall $W/get_pc PKG.Q $qm)
	[ "$got" = "one two " ] || fail "get_pc got '$got'"
	ok "the programs built here put and got 2 messages"
	printf 'keep-1\nkeep-2\n' | asmqm /opt/mqm/samp/bin/amqsput PKG.Q $qm >/dev/null || fail "amqsput"
	ok "/opt/mqm/samp/bin/amqsput put 2 persistent messages to keep across the upgrade"
	end_qm
	;;
upgraded)
	version_is "$2"
	start_qm
	got=$(getall /usr/lib/quire/samp/bin/amqsget PKG.Q $qm)
	[ "$got" = "keep-1 keep-2 " ] || fail "after the upgrade amqsget got '$got'"
	ok "after the upgrade: keep-1 keep-2 still there"
	printf 'after-remove\n' | asmqm /usr/lib/quire/samp/bin/amqsput PKG.Q $qm >/dev/null || fail "amqsput"
	ok "put 1 message to keep across remove; $qm left running"
	;;
removed)
	[ ! -e /usr/bin/strmqm ] && [ ! -e /usr/lib/$ma/libmqm.so.1 ] && [ ! -e /opt/mqm ] ||
		fail "files left after dpkg -r"
	! running || fail "amqzxma0 still running after the packages were removed"
	ok "prerm ended the running queue manager; programs, libraries and /opt/mqm gone"
	[ -f /var/mqm/qmgrs/$qm/qm.ini ] && [ -d /var/mqm/log/$qm ] && [ -f /var/mqm/mqs.ini ] ||
		fail "remove lost data: $(ls -R /var/mqm | head)"
	getent passwd mqm >/dev/null || fail "remove deleted the mqm user"
	ok "/var/mqm with $qm's data and the mqm user kept"
	;;
reinstalled)
	start_qm
	got=$(getall /usr/lib/quire/samp/bin/amqsget PKG.Q $qm)
	[ "$got" = "after-remove " ] || fail "installed again, amqsget got '$got'"
	ok "installed again: $qm starts with its message"
	end_qm
	;;
purged)
	[ ! -e /var/mqm ] || fail "purge left /var/mqm: $(ls -la /var/mqm)"
	for p in quire libmqm1 libmqic1 libmqm-dev quire-mqm-compat; do
		! dpkg-query -W -f '${Status}\n' $p 2>/dev/null | grep -q 'installed\|config-files' ||
			fail "$p still known to dpkg after purge"
	done
	ok "purge removed /var/mqm and every package (the mqm user stays: packaging/README.md)"
	;;
*)
	fail "unknown step"
	;;
esac
