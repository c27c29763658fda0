#!/bin/bash
# make quick: the suite as a module against a kernel that is not rebuilt.
# Rebuilds yep_slab_test.ko only, packs it into the guest initramfs, boots
# the quick kernel under QEMU arm64 and parses the suite's KTAP (from
# KUnit's debugfs) with the tree's kunit.py parse.
#
# Usage: tools/quick.sh TREE QUICK_BUILD BUSYBOX JSON CCACHE "KERNEL ARGS"
set -eu

tree=$1 build=$2 busybox=$3 json=$4 ccache=$5 args=$6
here=$(dirname "$(realpath "$0")")
start=$SECONDS

# shellcheck source=tools/ccache-env.sh
. "$here/ccache-env.sh"
yep_ccache_env "$ccache"
cc="${YEP_CCACHE_CC:+$YEP_CCACHE_CC }aarch64-linux-gnu-gcc"
# The same make line kunit.py used, so nothing but the module is redone.
make -s -C "$tree" O="$build" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
	CC="$cc" mm/yep_slab/yep_slab_test.ko
ko=$build/mm/yep_slab/yep_slab_test.ko
echo "yep_slab: module rebuilt in $((SECONDS - start))s"

cpio=$build/yep-quick.cpio
"$here/demo-initramfs.sh" "$cpio" "$build" "$busybox" "$here/guest" "$ko" \
	>/dev/null
log=$build/quick-console.log
rc=0
"$here/demo-qemu.sh" "$build/arch/arm64/boot/Image.gz" "$cpio" "$log" 300 1 \
	"page_owner=on $args yep=kunit" || rc=$?
echo "yep_slab: guest done at $((SECONDS - start))s"
"$here/demo_ktap.py" "$log" "$tree" "$json" || rc=1
echo "yep_slab: make quick took $((SECONDS - start))s"
exit "$rc"
