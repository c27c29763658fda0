#!/bin/bash
# Unpacks Debian's arm64 busybox-static into DEST (DEST/bin/busybox), for
# the demo's initramfs.  Adds arm64 as a foreign dpkg architecture first if
# it is not one yet (apt can then download arm64 packages; nothing arm64 is
# installed on the host).
#
# Usage: tools/demo-busybox.sh DEST
set -eu

dest=$1
pkg=busybox-static:arm64

if [ "$(dpkg --print-architecture)" != arm64 ] &&
   ! dpkg --print-foreign-architectures | grep -qx arm64; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "yep_slab: need root to run: dpkg --add-architecture arm64" >&2
		exit 1
	fi
	echo "yep_slab: adding arm64 as a foreign dpkg architecture"
	dpkg --add-architecture arm64
fi

tmp="$dest.tmp"
rm -rf "$tmp"
mkdir -p "$tmp/deb"
fetch() {
	(cd "$tmp/deb" &&
	 apt-get -q -o APT::Sandbox::User=root download "$pkg" >/dev/null)
}
echo "yep_slab: downloading $pkg"
if ! fetch 2>/dev/null; then
	apt-get update -q >/dev/null
	fetch
fi
dpkg-deb -x "$tmp"/deb/*.deb "$tmp/root"
[ -x "$tmp/root/bin/busybox" ] ||
	{ echo "yep_slab: no bin/busybox in $pkg" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
mv "$tmp/root" "$dest"
rm -rf "$tmp"
