#!/bin/bash
# Joins unpacked Debian kernel header packages into one private tree that builds modules.
#
# Usage: tools/debian/headers.sh DEST ROOT...
#
# Each ROOT is a package unpacked by tools/lib/fetch-deb.sh (its root/):
# linux-headers-<abi>-<flavour> (arm64), linux-headers-<abi>-common (all),
# linux-kbuild-<abi> of this machine's architecture (its scripts/ are
# host programs).  Their relative symlinks tie them together once they
# share one root; the flavour's Makefile includes the common one by an
# absolute /usr/src path (trixie's also sets KBUILD_OUTPUT=/usr/src/...),
# which is pointed into DEST.  DEST is made complete or not at all; a rerun
# with DEST present does nothing.  Prints the flavour's headers folder.
set -eu

dest=$(realpath -m "$1")
shift
if [ ! -d "$dest" ]; then
	tmp=$dest.tmp.$$
	trap 'rm -rf "$tmp"' EXIT
	mkdir -p "$tmp"
	for root in "$@"; do
		cp -a "$root"/. "$tmp"/
	done
	find "$tmp"/usr/src -maxdepth 2 -name Makefile -print0 |
		xargs -0 sed -i -E "s#(include|KBUILD_OUTPUT[ :?]*=) */usr/src/#\1 $dest/usr/src/#"
	mv "$tmp" "$dest"
	trap - EXIT
fi
# The flavour's folder: the one with a .kernelvariables and a .config.
for d in "$dest"/usr/src/linux-headers-*; do
	if [ -f "$d/.config" ]; then
		echo "$d"
		exit 0
	fi
done
echo "yep_slab: no linux-headers-<abi>-<flavour> among $*" >&2
exit 1
