#!/bin/bash
# Boots an arm64 guest (tools/guest/qemu.sh) once with its console going
# to LOG, and checks that the guest's script ran to the end and exited 0
# (tools/guest/rootfs/init prints both); the guest powers itself off.
#
# Usage: tools/guest/boot.sh IMAGE INITRAMFS LOG TIMEOUT_S SMP "KERNEL ARGS"
set -eu

image=$1 initrd=$2 log=$3 timeout_s=$4 smp=$5 args=$6
here=$(dirname "$(realpath "$0")")
# shellcheck source=tools/guest/qemu.sh
. "$here/qemu.sh"
# shellcheck source=tools/guest/rootfs/marks.sh
. "$here/rootfs/marks.sh"
guest_qemu "$image" "$initrd" "$smp" "$args"

mkdir -p "$(dirname "$log")"
rm -f "$log"
rc=0
timeout --kill-after=10 "$timeout_s" "${QEMU[@]}" -serial "file:$log" \
	</dev/null || rc=$?
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	echo "yep_slab: QEMU timed out after ${timeout_s}s; console in $log" >&2
	exit 1
fi
[ "$rc" = 0 ] || { echo "yep_slab: QEMU exited $rc; console in $log" >&2; exit 1; }
grep -q "^$YEP_MARK yep_slab guest: powering off" "$log" ||
	{ echo "yep_slab: the guest did not finish; console in $log" >&2; exit 1; }
grep -q "^$YEP_MARK yep_slab guest: .* exited 0" "$log" ||
	{ echo "yep_slab: the guest's script failed; console in $log" >&2; exit 1; }
