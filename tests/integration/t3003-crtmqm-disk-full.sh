# crtmqm on a full disk (a 6 MiB tmpfs): a clear error, and nothing left behind.
. "$(dirname "$0")/lib.sh"
mkdir -p small
if ! mount -t tmpfs -o size=6m tmpfs small 2>/dev/null; then
	echo "SKIP t3003: cannot mount a tmpfs here (needs root); the disk-full case is not tested"
	exit 0
fi
trap 'umount "$PWD/small" 2>/dev/null' EXIT
MQ_DATA_PATH="$PWD/small/data"; export MQ_DATA_PATH
# three 16 MiB extents cannot fit
run 69 crtmqm FULL
has "No space left on device"
run 0 dspmq
hasnt "FULL"
[ -z "$(ls "$MQ_DATA_PATH/qmgrs")" ] || fail "left in qmgrs: $(ls "$MQ_DATA_PATH/qmgrs")"
[ ! -e "$MQ_DATA_PATH/log/FULL" ] || fail "log folder left"
used=$(df -k "$PWD/small" | awk 'NR==2 {print $3}')
[ "$used" -lt 512 ] || fail "$used KiB still used after the failed crtmqm"
# small extents fit: it works on the same file system afterwards
run 0 crtmqm -lf 64 -lp 2 -ls 1 FITS
run 0 dspmq -m FITS
has "Ended immediately"
echo "t3003 ok"
