#!/bin/sh
# make deb-test: the .debs of make deb (in OUT, build/deb/ by default),
# installed and used the way an administrator would, in a fresh Debian root:
#   1. install all five packages (dpkg -i): the mqm user and group, /var/mqm,
#      /opt/mqm; then, as the mqm user from the installed paths and with
#      MQ_DATA_PATH unset: crtmqm, strmqm, amqsput, amqsget, endmqm; a sample
#      built with -I/opt/mqm/inc -L/opt/mqm/lib64 -lmqm_r and one with
#      pkg-config --cflags --libs mqm, both run;
#   2. upgrade to the same packages with a higher version (repacked): the
#      persistent messages put before are still there;
#   3. remove (a queue manager running): it is ended, /var/mqm and its data stay;
#      installed again, the queue manager starts and has its messages;
#   4. purge: /var/mqm is gone.
# The checks themselves are tests/pkg/deb-test-in-root.sh, run inside the root.
#
# The root: DEB_TEST_ROOT=chroot (the default) extracts a Debian base system
# made once with debootstrap (cached as DEB_TEST_CACHE, by default
# /var/cache/quire-deb-test/<suite>.tar; the first run needs Debian's mirror)
# into a temporary folder and chroots into it, /proc mounted; everything,
# the mqm user included, goes when the test ends. DEB_TEST_ROOT=host uses this
# machine itself (as CI would) and refuses when it has an mqm user or a
# /var/mqm already; it purges the packages and deletes mqm at the end.
# Neither needs systemd as PID 1. Needs root.
set -eu
out=${1:-build/deb}
cd "$(dirname "$0")/../.."
top=$(pwd)
out=$(cd "$out" && pwd)
mode=${DEB_TEST_ROOT:-chroot}
suite=${DEB_TEST_SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")}
mirror=${DEB_TEST_MIRROR:-http://deb.debian.org/debian}
cache=${DEB_TEST_CACHE:-/var/cache/quire-deb-test/$suite.tar}
t0=$(date +%s)
say() { echo "deb-test [$(( $(date +%s) - t0 )) s]: $*"; }
die() { echo "deb-test: FAIL: $*" >&2; exit 1; }

if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null &&
		exec sudo -n env DEB_TEST_ROOT="$mode" sh "$0" "$out"
	die "needs root (dpkg -i, a chroot), or password-less sudo"
fi
debs=$(ls "$out"/*.deb 2>/dev/null | grep -v -- '-dbgsym_' || true)
[ -n "$debs" ] || die "no .deb in $out (make deb)"
[ "$(echo "$debs" | wc -l)" = 5 ] || die "expected 5 packages in $out, found: $debs"
version=$(dpkg-deb -f "$(echo "$debs" | grep '/quire_')" Version)

# a base system for the chroot: what dpkg -i of our packages needs (their
# Depends) and what the test uses (gcc, pkg-config, readelf) already in it,
# so that no step after this one needs the network
make_base() {
	command -v debootstrap >/dev/null 2>&1 ||
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null 2>&1 || return 1
	b=$(mktemp -d /tmp/quire-deb-base.XXXXXX)
	say "making the base system ($suite from $mirror, once; cached in $cache)"
	if ! debootstrap --variant=minbase \
		--include=adduser,gcc,libc6-dev,binutils,pkg-config,procps,liblz4-1,libxxhash0,libinih1,libssl3,libpam0g,libcrypt1 \
		"$suite" "$b" "$mirror" > "$out/debootstrap.log" 2>&1; then
		rm -rf "$b"; echo "deb-test: debootstrap failed ($out/debootstrap.log)" >&2; return 1
	fi
	mkdir -p "$(dirname "$cache")"
	chmod 755 "$b"
	tar -C "$b" -cf "$cache.part" . && mv "$cache.part" "$cache"
	rm -rf "$b"
}

R=""
cleanup() {
	rc=$?
	if [ "$mode" = chroot ] && [ -n "$R" ]; then
		# our processes only: those whose root is the chroot
		for p in /proc/[0-9]*; do
			[ "$(readlink "$p/root" 2>/dev/null)" = "$R" ] && kill -9 "${p#/proc/}" 2>/dev/null
		done
		sleep 0.2
		umount "$R/proc" 2>/dev/null || umount -l "$R/proc" 2>/dev/null || true
		mountpoint -q "$R/proc" 2>/dev/null || rm -rf "$R"
	elif [ "$mode" = host ] && [ -n "$R" ]; then
		pids=$(pgrep -u mqm -f '^amqzxma0 ' 2>/dev/null || true)
		[ -n "$pids" ] && kill -9 $pids 2>/dev/null
		dpkg -P quire-mqm-compat libmqm-dev quire libmqic1 libmqm1 >/dev/null 2>&1 || true
		getent passwd mqm >/dev/null && deluser --system --quiet mqm >/dev/null 2>&1
		getent group mqm >/dev/null && delgroup --system --quiet mqm >/dev/null 2>&1
		rm -rf /var/mqm /tmp/quire-deb-test
	fi
	say "$( [ $rc = 0 ] && echo "all passed" || echo "FAILED (exit $rc)" ), root removed"
	exit $rc
}

if [ "$mode" = chroot ]; then
	if [ ! -f "$cache" ] && ! make_base; then
		die "no Debian base system for the chroot (DEB_TEST_ROOT=host tests on this machine)"
	fi
	R=$(mktemp -d /tmp/quire-deb-root.XXXXXX)
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	tar -C "$R" -xf "$cache"
	chmod 755 "$R"   # (mktemp's 0700) the root of the chroot: mqm must get through it
	mount -t proc proc "$R/proc"
	inroot() { chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
	stage=$R/tmp/quire-deb-test
	say "fresh root $R (from $cache)"
elif [ "$mode" = host ]; then
	getent passwd mqm >/dev/null && die "this machine has an mqm user already: not testing here"
	[ -e /var/mqm ] && die "this machine has a /var/mqm already: not testing here"
	dpkg -s quire >/dev/null 2>&1 && die "quire is installed on this machine already"
	R=/
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	inroot() { env -u MQ_DATA_PATH "$@"; }
	stage=/tmp/quire-deb-test
	say "on this machine (DEB_TEST_ROOT=host)"
else
	die "DEB_TEST_ROOT is chroot or host, not $mode"
fi

rm -rf "$stage"
mkdir -p "$stage/v1" "$stage/v2"
cp $debs "$stage/v1/"
cp tests/pkg/deb-test-in-root.sh "$stage/"
chmod 755 "$stage" "$stage/deb-test-in-root.sh"
check() { inroot sh /tmp/quire-deb-test/deb-test-in-root.sh "$@" || die "step $1"; }

# the same packages as version+debtest1: an upgrade as dpkg sees it
v2="$version+debtest1"
for d in "$stage"/v1/*.deb; do
	x=$(mktemp -d /tmp/quire-deb-repack.XXXXXX)
	dpkg-deb -R "$d" "$x"
	sed -i -e "s/^Version: $version\$/Version: $v2/" -e "s/(= $version)/(= $v2)/g" "$x/DEBIAN/control"
	dpkg-deb -b "$x" "$stage/v2/$(basename "$d" | sed "s/_${version}_/_${v2}_/")" >/dev/null
	rm -rf "$x"
done

say "1. install $version"
inroot sh -c "dpkg -i /tmp/quire-deb-test/v1/*.deb" > "$out/deb-test-install.log" 2>&1 ||
	{ cat "$out/deb-test-install.log"; die "dpkg -i"; }
check installed "$version"
say "2. upgrade to $v2"
inroot sh -c "dpkg -i /tmp/quire-deb-test/v2/*.deb" > "$out/deb-test-upgrade.log" 2>&1 ||
	{ cat "$out/deb-test-upgrade.log"; die "dpkg -i (upgrade)"; }
check upgraded "$v2"
say "3. remove (a queue manager running)"
inroot dpkg -r quire-mqm-compat libmqm-dev quire libmqic1 libmqm1 > "$out/deb-test-remove.log" 2>&1 ||
	{ cat "$out/deb-test-remove.log"; die "dpkg -r"; }
check removed
inroot sh -c "dpkg -i /tmp/quire-deb-test/v2/*.deb" > "$out/deb-test-reinstall.log" 2>&1 ||
	{ cat "$out/deb-test-reinstall.log"; die "dpkg -i (after remove)"; }
check reinstalled
say "4. purge"
inroot dpkg -P quire-mqm-compat libmqm-dev quire libmqic1 libmqm1 > "$out/deb-test-purge.log" 2>&1 ||
	{ cat "$out/deb-test-purge.log"; die "dpkg -P"; }
check purged
