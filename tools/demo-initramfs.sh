#!/bin/bash
# Packs the demo's initramfs: busybox, the guest scripts and yep_slab.ko,
# with the kernel build's own gen_init_cpio (no root, no cpio needed).
#
# Usage: tools/demo-initramfs.sh OUT.cpio KBUILD BUSYBOX KO GUEST_DIR
set -eu

out=$1
gen=$2/usr/gen_init_cpio
busybox=$(realpath "$3")
ko=$(realpath "$4")
guest=$(realpath "$5")

[ -x "$gen" ] || { echo "yep_slab: $gen not built" >&2; exit 1; }
list="$out.list"
{
	for d in /dev /proc /sys /bin /sbin /usr /usr/bin /usr/sbin /yep; do
		echo "dir $d 0755 0 0"
	done
	echo "dir /tmp 1777 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "file /bin/busybox $busybox 0755 0 0"
	echo "slink /bin/sh busybox 0777 0 0"
	echo "file /init $guest/init 0755 0 0"
	for f in lib.sh demo.sh test.sh; do
		echo "file /yep/$f $guest/$f 0644 0 0"
	done
	echo "file /yep/yep_slab.ko $ko 0644 0 0"
} >"$list"
"$gen" "$list" >"$out.tmp"
mv "$out.tmp" "$out"
echo "yep_slab: initramfs $out ($(du -k "$out" | cut -f1) KiB)"
