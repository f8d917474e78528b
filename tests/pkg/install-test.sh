#!/bin/sh
# make install-test: make install into a temporary PREFIX (not a folder the
# loader searches, so the programs carry it as their RPATH), a queue manager
# run from there (MQ_DATA_PATH in the same folder), programs built with
# pkg-config and with the /opt/mqm-style flags of make install-compat, then
# make uninstall leaves nothing behind.  Also install-dev with DESTDIR.
# Needs no root.  Links everything once in build-inst_<prefix>/ (a minute or two).
set -eu
cd "$(dirname "$0")/../.."
top=$(pwd)
t=$(mktemp -d /tmp/quire-install-test.XXXXXX)
P=$t/usr
O=$t/opt/mqm
export MQ_DATA_PATH=$t/data
qm=INSTQM
fail() { echo "install-test: FAIL: $*" >&2; exit 1; }
ok() { echo "  ok: $*"; }
cleanup() {
	rc=$?
	[ -x "$P/bin/endmqm" ] && "$P/bin/endmqm" -i $qm >/dev/null 2>&1
	rm -rf "$t" "$top/build-inst$(echo "$P/lib" | tr / _)"
	[ $rc = 0 ] && echo "install-test: all passed" || echo "install-test: FAILED"
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

make --no-print-directory -j2 install PREFIX="$P" SYSTEMDUNITDIR="$P/lib/systemd/system" > "$t.log" 2>&1 || { tail -20 "$t.log"; fail "make install"; }
rm -f "$t.log"
for c in crtmqm strmqm endmqm dspmq runmqsc; do [ -x "$P/bin/$c" ] || fail "no $P/bin/$c"; done
for h in cmqc.h cmqxc.h cmqcfc.h; do [ -f "$P/include/mqm/$h" ] || fail "no $P/include/mqm/$h"; done
[ -x "$P/lib/quire/samp/bin/amqsput" ] && [ -f "$P/share/quire/samp/amqsput.c" ] || fail "samples"
for l in mqm mqic; do
	readelf -d "$P/lib/lib$l.so.1.0.0" | grep -q "SONAME.*\[lib$l.so.1\]" || fail "lib$l: no SONAME lib$l.so.1"
	for n in lib$l.so.1 lib$l.so lib${l}_r.so; do
		[ "$(readlink -f "$P/lib/$n")" = "$P/lib/lib$l.so.1.0.0" ] || fail "$n is not a link to lib$l.so.1.0.0"
	done
done
for p in "$P/bin/strmqm" "$P/lib/quire/samp/bin/amqsget"; do
	readelf -d "$p" | grep -q "R.*PATH.*\[$P/lib\]" || fail "$p's RPATH is not $P/lib: $(readelf -d "$p" | grep PATH)"
done
for u in packaging/systemd/*.service; do
	[ -f "$u" ] || continue
	f=$P/lib/systemd/system/${u##*/}
	[ -f "$f" ] || fail "unit $u not installed"
	! grep -q @BINDIR@ "$f" || fail "$f still says @BINDIR@"
done
for m in docs/man/*.[1-8]; do
	[ -f "$m" ] || continue
	cmp -s "$m" "$P/share/man/man${m##*.}/${m##*/}" || fail "man page $m not installed"
done
ok "installed: commands, headers in include/mqm, libmqm.so.1/libmqic.so.1 with links, samples; RPATH $P/lib"

"$P/bin/crtmqm" $qm >/dev/null || fail "crtmqm"
"$P/bin/strmqm" $qm >/dev/null || fail "strmqm"
echo "DEFINE QLOCAL(INST.Q)" | "$P/bin/runmqsc" $qm >/dev/null || fail "runmqsc"
pc=$(PKG_CONFIG_PATH=$P/lib/pkgconfig pkg-config --cflags --libs mqm)
case "$pc" in "-I$P/include/mqm -L$P/lib -lmqm_r"*) ;; *) fail "pkg-config mqm: $pc" ;; esac
cc -o "$t/put_pc" "$P/share/quire/samp/amqsput.c" $pc -Wl,-rpath,"$P/lib" || fail "cc with pkg-config"
make --no-print-directory install-compat PREFIX="$P" OPTDIR="$O" >/dev/null || fail "make install-compat"
cc -o "$t/get_opt" -I"$O/inc" "$O/samp/amqsget.c" -L"$O/lib64" -lmqm_r -Wl,-rpath,"$O/lib64" || fail "cc -I$O/inc -L$O/lib64"
[ "$(readlink -f "$O/bin/strmqm")" = "$P/bin/strmqm" ] && [ -x "$O/samp/bin/amqsbcg" ] || fail "$O/bin, $O/samp/bin"
echo hello-install | "$t/put_pc" INST.Q $qm >/dev/null || fail "put_pc"
got=$(QUIRE_SAMPLE_WAIT=0 "$t/get_opt" INST.Q $qm | grep '^message')
[ "$got" = "message <hello-install>" ] || fail "get_opt got '$got'"
"$O/bin/endmqm" -w $qm >/dev/null || fail "endmqm"
ok "a queue manager from $P/bin; programs built with pkg-config and with -I$O/inc -L$O/lib64 -lmqm_r"

d=$t/stage
make --no-print-directory install-dev PREFIX=/usr DESTDIR="$d" >/dev/null || fail "install-dev DESTDIR"
grep -q '^includedir=/usr/include/mqm$' "$d/usr/lib/pkgconfig/mqm.pc" && [ -f "$d/usr/include/mqm/cmqc.h" ] ||
	fail "install-dev with DESTDIR"
make --no-print-directory uninstall PREFIX=/usr DESTDIR="$d" >/dev/null 2>&1
left=$(find "$d" ! -type d | head -5)
[ -z "$left" ] || fail "uninstall DESTDIR left: $left"
ok "install-dev and uninstall with DESTDIR: paths without DESTDIR in mqm.pc, nothing left"

make --no-print-directory uninstall PREFIX="$P" OPTDIR="$O" SYSTEMDUNITDIR="$P/lib/systemd/system" >/dev/null 2>&1
left=$(find "$P" "$t/opt" ! -type d 2>/dev/null | head -5)
[ -z "$left" ] || fail "make uninstall left: $left"
[ -d "$MQ_DATA_PATH/qmgrs/$qm" ] || fail "uninstall removed the data"
ok "make uninstall: nothing left under $P or $O, the data kept"
