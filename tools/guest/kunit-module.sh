#!/bin/bash
# A KUnit test module in the arm64 guest: rebuilds MODULE (a path in the
# build dir) with the make line the kernel's build had, so nothing but the
# module is redone, packs it into the guest initramfs (with GUEST FILEs),
# boots the kernel of BUILD (yep=kunit: tools/guest/rootfs/kunit.sh loads
# it and prints its suites' KTAP) and parses that KTAP with the tree's
# kunit.py into JSON.  Used by make quick and make patch-test.
#
# Usage: tools/guest/kunit-module.sh TREE BUILD MODULE BUSYBOX JSON LOG \
#                                    CCACHE SMP "KERNEL ARGS" [GUEST FILE...]
set -eu

tree=$1 build=$2 module=$3 busybox=$4 json=$5 log=$6 ccache=$7 smp=$8 args=$9
shift 9
tools=$(cd "$(dirname "$0")/.." && pwd -P)
start=$SECONDS
rm -f "$json"	# a failed build or boot must not leave the last run's totals

"$tools/lib/kmake.sh" "$tree" "$build" arm64 "$ccache" -s "$module"
echo "yep_slab: module rebuilt in $((SECONDS - start))s"

cpio=$build/yep-kunit-module.cpio
"$tools/guest/initramfs.sh" "$cpio" "$build" "$busybox" \
	"$tools/guest/rootfs" "$build/$module" "$@" >/dev/null
rc=0
"$tools/guest/boot.sh" "$build/arch/arm64/boot/Image.gz" "$cpio" "$log" 300 \
	"$smp" "$args yep=kunit" || rc=$?
echo "yep_slab: guest done at $((SECONDS - start))s"
PYTHONPATH="$tools/.." python3 -m tools.guest.console_ktap "$log" "$tree" "$json" ||
	rc=1
exit "$rc"
