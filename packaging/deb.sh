#!/bin/sh
# make deb: the Debian packages of this tree, into OUT (build/deb/ by default).
# The tree as it is (the files git tracks and the new ones it does not ignore,
# so uncommitted changes are in) is copied to OUT/quire-VERSION, where
# dpkg-buildpackage -us -uc -b builds it: its .debs land beside the copy, in
# OUT, never in the checkout's parent folder. lintian then checks them and
# fails the build on an error (warnings are printed, not fatal).
set -eu
out=${1:-build/deb}
cd "$(dirname "$0")/.."
top=$(pwd)

need=""
command -v dpkg-buildpackage >/dev/null 2>&1 || need="$need dpkg-dev"
command -v dh >/dev/null 2>&1 || need="$need debhelper"
command -v lintian >/dev/null 2>&1 || need="$need lintian"
command -v fakeroot >/dev/null 2>&1 || need="$need fakeroot"
if [ -n "$need" ]; then
	echo "make deb: missing:$need"
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need
	else
		echo "make deb: as root run: apt-get install -y$need" >&2
		exit 1
	fi
fi

version=$(dpkg-parsechangelog -S Version)
mkdir -p "$out"
out=$(cd "$out" && pwd)
src="$out/quire-$version"
rm -rf "$out"/quire-* "$out"/*.deb "$out"/*.ddeb "$out"/*.changes "$out"/*.buildinfo
mkdir -p "$src"
git ls-files -z -c -o --exclude-standard | grep -zv '^debian/\(quire\|libmqm1\|libmqic1\|libmqm-dev\|quire-mqm-compat\|tmp\|\.debhelper\)/' |
	xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
	tar -C "$top" --null -T - -cf - | tar -C "$src" -xf -

start=$(date +%s)
(cd "$src" && DEB_BUILD_OPTIONS="parallel=${DEB_PARALLEL:-2}" dpkg-buildpackage -us -uc -b) > "$out/build.log" 2>&1 || {
	tail -40 "$out/build.log"
	echo "make deb: dpkg-buildpackage failed (whole log: $out/build.log)" >&2
	exit 1
}
echo "make deb: built in $(( $(date +%s) - start )) s:"
ls -1 "$out"/*.deb | sed 's|^|  |'

rm -rf "$src"
changes=$(ls "$out"/*.changes | head -1)
if lintian --fail-on error "$changes" > "$out/lintian.log" 2>&1; then
	echo "make deb: lintian: no errors ($(grep -c '^W:' "$out/lintian.log" || true) warnings; $out/lintian.log)"
else
	cat "$out/lintian.log"
	echo "make deb: lintian found errors" >&2
	exit 1
fi
