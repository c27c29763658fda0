#!/bin/bash
# Debian's arm64 busybox-static for the guests' initramfs, as DEST/bin/busybox:
# fetched privately from this machine's own release (tools/lib/fetch-deb.sh:
# no dpkg architecture added, nothing installed on the host).
#
# Usage: tools/guest/busybox.sh DEST
set -eu

dest=$1
here=$(dirname "$(realpath "$0")")
"$here/../lib/fetch-deb.sh" host arm64 busybox-static "$dest.deb"
[ -x "$dest.deb/root/bin/busybox" ] ||
	{ echo "yep_slab: no bin/busybox in busybox-static (arm64)" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$dest/bin"
cp "$dest.deb/root/bin/busybox" "$dest/bin/busybox"
