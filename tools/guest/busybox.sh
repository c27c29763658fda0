#!/bin/bash
# Debian's arm64 busybox-static for the guests' initramfs, as DEST/bin/busybox:
# fetched privately from this machine's own release (tools/lib/fetch-deb.sh:
# no dpkg architecture added, nothing installed on the host).  Debian 12's
# package ships bin/busybox, Debian 13's (merged /usr) usr/bin/busybox.
#
# Usage: tools/guest/busybox.sh DEST
set -eu

dest=$1
here=$(dirname "$(realpath "$0")")
"$here/../lib/fetch-deb.sh" host arm64 busybox-static "$dest.deb"
bin=
for path in bin/busybox usr/bin/busybox; do
	if [ -x "$dest.deb/root/$path" ]; then
		bin=$dest.deb/root/$path
		break
	fi
done
[ -n "$bin" ] ||
	{ echo "yep_slab: no bin/busybox or usr/bin/busybox in busybox-static (arm64)" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$dest/bin"
cp "$bin" "$dest/bin/busybox"
