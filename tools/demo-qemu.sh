#!/bin/bash
# Boots the demo kernel and initramfs under QEMU arm64 once; the guest's
# console (serial) goes to LOG, and the guest powers itself off at the end.
#
# Usage: tools/demo-qemu.sh IMAGE INITRAMFS LOG TIMEOUT_S SMP "KERNEL ARGS"
set -eu

image=$1
initrd=$2
log=$3
timeout_s=$4
smp=$5
args=$6

rm -f "$log"
rc=0
timeout --kill-after=10 "$timeout_s" \
	qemu-system-aarch64 -machine virt -cpu max,pauth-impdef=on -smp "$smp" -m 1G \
		-nographic -monitor none -nic none -serial "file:$log" -no-reboot \
		-kernel "$image" -initrd "$initrd" \
		-append "console=ttyAMA0 quiet panic=-1 $args" </dev/null || rc=$?
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	echo "yep_slab: QEMU timed out after ${timeout_s}s; console in $log" >&2
	exit 1
fi
[ "$rc" = 0 ] || { echo "yep_slab: QEMU exited $rc; console in $log" >&2; exit 1; }
grep -q '^@@ yep_slab guest: powering off' "$log" ||
	{ echo "yep_slab: the guest did not finish; console in $log" >&2; exit 1; }
grep -q '^@@ yep_slab guest: .* exited 0' "$log" ||
	{ echo "yep_slab: the guest's script failed; console in $log" >&2; exit 1; }
