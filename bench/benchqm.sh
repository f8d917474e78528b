# shellcheck shell=sh
# benchqm.sh: what mqbench.sh, recoverybench.sh, mediabench.sh and peerbench.sh share; they source it
# (". bench/benchqm.sh") after setting name (the benchmark) and B (BUILDDIR).
#
# Makes B absolute; die MESSAGE says "NAME.sh: MESSAGE" (SCRIPT.sh when the
# script set script, e.g. peerbench.sh, whose program is peerdisk) and exits 1; checks
# that the commands of $B/bin and the program $B/bench/NAME are built; makes
# data, a new folder under $B/bench-data (the checkout's disk, never a tmpfs:
# fdatasync and read bandwidth there would measure nothing; a warning says
# so), exports it as MQ_DATA_PATH and puts $B/bin first on PATH.
# bench_data_rm removes the folder (and $B/bench-data when this made it).
# shellcheck disable=SC2154 # name is set by the script that sources this

top=$(pwd)
case $B in
/*) ;;
*) B="$top/$B" ;;
esac

die() { printf '%s.sh: %s\n' "${script:-$name}" "$*" >&2; exit 1; }

for c in crtmqm strmqm endmqm dltmqm runmqsc; do
	[ -x "$B/bin/$c" ] || die "$B/bin/$c is missing: build first"
done
[ -x "$B/bench/$name" ] || die "$B/bench/$name is missing: build it first (make $B/bench/$name)"

made_bd=0
if [ ! -d "$B/bench-data" ]; then
	mkdir -p "$B/bench-data" || die "cannot make $B/bench-data"
	made_bd=1
fi
data=$(mktemp -d "$B/bench-data/$name.XXXXXX") || die "cannot make a folder in $B/bench-data"
fstype=$(stat -f -c %T "$data" 2>/dev/null)
case $fstype in
tmpfs | ramfs) echo "$name.sh: warning: $data is on $fstype; the disk figures mean nothing there" ;;
esac

PATH="$B/bin:$PATH"
MQ_DATA_PATH="$data"
export PATH MQ_DATA_PATH

bench_data_rm() {
	rm -rf "$data"
	[ "$made_bd" = 0 ] || rmdir "$B/bench-data" 2>/dev/null
}
