#!/bin/sh
# test_rooms.sh [BUILD]: the rule of direction inside qm/ (qm/README.md), checked
# on what the objects call, not on what their sources say.  The rooms, lowest
# first: home, engine, store, admin, server.  A room's objects may call their
# own room, any room below it, qm/'s root (qm/*.c), log/ and objects/; the
# root calls no room; libmqm (qm/mqi) calls only itself, the root and log/.
# Exit 1, naming each call that goes the wrong way.  Run by tests/run-unit.sh
# (BUILD is then the folder above $QUIRE_BIN), or by hand with a build folder.
set -u
B=${1:-${QUIRE_BIN:+$(dirname "$QUIRE_BIN")}}
B=${B:-build}
cd "$(dirname "$0")/../.." || exit 1
case $B in /*) B=${B#"$(pwd)"/} ;; esac
rank() {
	case $1 in
	root) echo 0 ;; home) echo 1 ;; engine) echo 2 ;; store) echo 3 ;; admin) echo 4 ;; server) echo 5 ;;
	mqi) echo 9 ;; *) echo -1 ;;
	esac
}
room_of() {   # build/qm/store/restart.o -> store; build/qm/proto.o -> root
	r=${1#"$B"/qm/}
	case $r in */*) echo "${r%%/*}" ;; *) echo root ;; esac
}
# objects of the sources there are now (a build folder may hold older ones)
objs=$(find "$B/qm" -name '*.o' | sort | while read -r o; do
	s=${o#"$B"/}
	[ -f "${s%.o}.c" ] && echo "$o"
done)
[ -n "$objs" ] || { echo "test_rooms: no objects under $B/qm (build first)" >&2; exit 1; }
defs=$(mktemp)
trap 'rm -f "$defs"' EXIT
for o in $objs; do
	nm --defined-only -g "$o" | awk -v r="$(room_of "$o")" -v f="${o#"$B"/}" '{ print $3, r, f }'
done >"$defs"
bad=0
for o in $objs; do
	me=$(room_of "$o")
	mr=$(rank "$me")
	for s in $(nm -u "$o" | awk '{ print $2 }'); do
		line=$(grep -m1 "^$s " "$defs") || continue
		set -- $line
		to=$2 where=$3
		[ "$to" = "$me" ] && continue
		tr=$(rank "$to")
		ok=1
		case $me in
		root) ok=0 ;;
		mqi) [ "$to" = root ] || ok=0 ;;
		*) [ "$to" = mqi ] && ok=0; [ "$tr" -gt "$mr" ] && ok=0 ;;
		esac
		if [ $ok = 0 ]; then
			echo "test_rooms: ${o#"$B"/} ($me) calls $s in $where ($to)"
			bad=1
		fi
	done
done
[ $bad = 0 ] && echo "ok   rooms: every call in qm/ goes down (home < engine < store < admin < server)"
exit $bad
