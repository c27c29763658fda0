#!/bin/bash
# Packs a guest initramfs: busybox, the guest scripts (as /init and
# /yep/*.sh) and the given modules (as /yep/NAME.ko), with the kernel
# build's own gen_init_cpio (no root, no cpio needed).  Used by make demo,
# make demo-test and make quick.
#
# Usage: tools/demo-initramfs.sh OUT.cpio KBUILD BUSYBOX GUEST_DIR KO...
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
	for ko in "$@"; do
		echo "file /yep/$(basename "$ko") $(realpath "$ko") 0644 0 0"
	done
} >"$list"
"$gen" "$list" >"$out.tmp"
mv "$out.tmp" "$out"
echo "yep_slab: initramfs $out ($(du -k "$out" | cut -f1) KiB)"
