#!/bin/bash
# Packs a guest initramfs: busybox, the guest-side scripts of ROOTFS
# (tools/guest/rootfs: as /init and /yep/*.sh) and the given files
# (modules, data: as /yep/NAME), with the kernel build's own gen_init_cpio
# (no root, no cpio needed).  Used by make demo, make demo-test, make
# shell and make quick.
#
# Usage: tools/guest/initramfs.sh OUT.cpio KBUILD BUSYBOX ROOTFS FILE...
set -eu

out=$1
gen=$2/usr/gen_init_cpio
busybox=$(realpath "$3")
guest=$(realpath "$4")
shift 4

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
	for f in "$guest"/*.sh; do
		echo "file /yep/$(basename "$f") $f 0644 0 0"
	done
	for f in "$@"; do
		echo "file /yep/$(basename "$f") $(realpath "$f") 0644 0 0"
	done
} >"$list"
"$gen" "$list" >"$out.tmp"
mv "$out.tmp" "$out"
echo "yep_slab: initramfs $out ($(du -k "$out" | cut -f1) KiB)"
