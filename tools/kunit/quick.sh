#!/bin/bash
# make quick: the suite as a module against a kernel that is not rebuilt.
# Rebuilds yep_slab_test.ko only, packs it into the guest initramfs, boots
# the quick kernel under QEMU arm64 and parses the suite's KTAP (from
# KUnit's debugfs) with the tree's kunit.py parse.
#
# Usage: tools/kunit/quick.sh TREE QUICK_BUILD BUSYBOX JSON LOG CCACHE \
#                             "KERNEL ARGS" [GUEST FILE...]
set -eu

tree=$1 build=$2 busybox=$3 json=$4 log=$5 ccache=$6 args=$7
shift 7
tools=$(cd "$(dirname "$0")/.." && pwd -P)
start=$SECONDS

# The same make line kunit.py used, so nothing but the module is redone.
"$tools/lib/kmake.sh" "$tree" "$build" arm64 "$ccache" -s \
	mm/yep_slab/yep_slab_test.ko
ko=$build/mm/yep_slab/yep_slab_test.ko
echo "yep_slab: module rebuilt in $((SECONDS - start))s"

cpio=$build/yep-quick.cpio
"$tools/guest/initramfs.sh" "$cpio" "$build" "$busybox" \
	"$tools/guest/rootfs" "$ko" "$@" >/dev/null
rc=0
"$tools/guest/boot.sh" "$build/arch/arm64/boot/Image.gz" "$cpio" "$log" 300 \
	1 "page_owner=on $args yep=kunit" || rc=$?
echo "yep_slab: guest done at $((SECONDS - start))s"
"$tools/guest/console_ktap.py" "$log" "$tree" "$json" || rc=1
echo "yep_slab: make quick took $((SECONDS - start))s"
exit "$rc"
