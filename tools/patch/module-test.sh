#!/bin/bash
# make patch-test's module run: the series' test built as a module against
# a kernel kunit.py built (=m), loaded in the arm64 guest (yep=kunit:
# tools/guest/rootfs/kunit.sh), its KTAP parsed by the tree's kunit.py.
#
# Usage: tools/patch/module-test.sh TREE BUILD MODULE BUSYBOX JSON LOG \
#                                   CCACHE SMP
set -eu

tree=$1 build=$2 module=$3 busybox=$4 json=$5 log=$6 ccache=$7 smp=$8
tools=$(cd "$(dirname "$0")/.." && pwd -P)

"$tools/lib/kmake.sh" "$tree" "$build" arm64 "$ccache" -s "$module"
cpio=$build/yep-module.cpio
"$tools/guest/initramfs.sh" "$cpio" "$build" "$busybox" \
	"$tools/guest/rootfs" "$build/$module" >/dev/null
rc=0
"$tools/guest/boot.sh" "$build/arch/arm64/boot/Image.gz" "$cpio" "$log" 300 \
	"$smp" "yep=kunit" || rc=$?
"$tools/guest/console_ktap.py" "$log" "$tree" "$json" || rc=1
exit "$rc"
