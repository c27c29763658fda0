#!/bin/bash
# Gives a Debian headers tree the mm/slab.h and mm/slub.c of its very version, from Debian's linux-source.
#
# Usage: tools/debian/slab-h.sh fetch HEADERS STORE [SUITE]
#        tools/debian/slab-h.sh check HEADERS DIR
#        tools/debian/slab-h.sh gen-init-cpio HEADERS STORE
#
# fetch  prints the folder (STORE/<package version>/) holding slab.h and a
#        file `version`, fetching linux-source-<major.minor>=<version>
#        once (tools/lib/fetch-deb.sh) and keeping only mm/slab.h, mm/slub.c
#        (its per-CPU and per-node structures: module/slub-structs.awk) and
#        usr/gen_init_cpio.c (a host program the initramfs needs), from
#        SUITE (a row's of kernels.txt) or the release the version names
#        (else this machine's); prints nothing, and says why in one
#        line, when the headers are not
#        Debian's or no source of that version can be had: the module
#        is then built from public interfaces only (module/Kbuild).
# gen-init-cpio  prints a usr/gen_init_cpio.c: the one fetch kept, or
#        else one from an installed linux-source-*.
# check  exit 2, with one line naming both, when DIR's slab.h is of
#        another version than HEADERS.
# The headers' package version is in their include/generated/package.h
# (compile.h before 6.12): "Debian 6.12.95-1~bpo12+1".
set -eu

what=$1 headers=$2
lib=$(cd "$(dirname "$0")/../lib" && pwd -P)

version_of() {
	grep -hosE 'Debian [0-9][^ ")]*' "$1"/include/generated/package.h \
		"$1"/include/generated/compile.h \
		"$1"/include/generated/utsversion.h | head -n 1 | cut -d' ' -f2
}
ver=$(version_of "$headers")
store=$(realpath -m "${3:-.}")

if [ "$what" = gen-init-cpio ]; then
	if [ -n "$ver" ] && [ -f "$store/$ver/gen_init_cpio.c" ]; then
		echo "$store/$ver/gen_init_cpio.c"
		exit 0
	fi
	tarball=$(find /usr/src -maxdepth 1 -name 'linux-source-*.tar.xz' |
		sort -V | tail -n 1)
	[ -n "$tarball" ] || {
		echo "yep_slab: no linux-source for usr/gen_init_cpio.c" >&2
		exit 1
	}
	top=$(basename "$tarball" .tar.xz)
	mkdir -p "$store/$top"
	[ -f "$store/$top/gen_init_cpio.c" ] ||
		tar -xJf "$tarball" -C "$store/$top" --occurrence=1 \
			--strip-components=2 "$top/usr/gen_init_cpio.c"
	echo "$store/$top/gen_init_cpio.c"
	exit 0
fi

if [ "$what" = check ]; then
	have=$(cat "$3/version" 2>/dev/null || echo "an unknown version")
	if [ -n "$ver" ] && [ "$have" != "$ver" ]; then
		echo "yep_slab: $3/slab.h is from linux-source $have, the headers in $headers are $ver: refused" >&2
		exit 2
	fi
	exit 0
fi

if [ -z "$ver" ]; then
	echo "yep_slab: $headers names no Debian package version: no mm/slab.h for it, public interfaces only" >&2
	exit 0
fi
out=$store/$ver
if [ -f "$out/slab.h" ] && [ -f "$out/slub.c" ]; then
	echo "$out"
	exit 0
fi
mm=$(echo "$ver" | cut -d. -f1,2)
# Debian's version says the release: ~bpo12 backports, +deb12/~deb12 a
# point release or update of bookworm, likewise 13 for trixie.
case $ver in
*bpo12* | *deb12*) suites="bookworm bookworm-updates bookworm-backports" ;;
*bpo13* | *deb13*) suites="trixie trixie-updates trixie-backports" ;;
*) suites="host" ;;
esac
[ -z "${4:-}" ] || suites=$4
[ "$suites" != host ] ||
	suites=$(. /etc/os-release && echo "$VERSION_CODENAME $VERSION_CODENAME-updates")

tmp=$store/.tmp.$$
trap 'rm -rf "$tmp"' EXIT
rm -rf "$store"/.tmp.*
mkdir -p "$tmp"
installed=$(dpkg-query -W -f='${Version}' "linux-source-$mm" 2>/dev/null || true)
if [ "$installed" = "$ver" ]; then
	tarball=/usr/src/linux-source-$mm.tar.xz
else
	[ -z "$installed" ] || echo "yep_slab: the installed linux-source-$mm is $installed, not $ver: fetching $ver" >&2
	if ! "$lib/fetch-deb.sh" "$suites" all "linux-source-$mm=$ver" \
		"$tmp/pkg" >&2; then
		echo "yep_slab: no linux-source-$mm $ver: public interfaces only" >&2
		exit 0
	fi
	tarball=$tmp/pkg/root/usr/src/linux-source-$mm.tar.xz
fi
echo "yep_slab: extracting mm/slab.h and mm/slub.c of $ver from $(basename "$tarball")" >&2
top=linux-source-$mm
if ! tar -xJf "$tarball" -C "$tmp" --occurrence=1 "$top/mm/slab.h" \
	"$top/mm/slub.c" "$top/usr/gen_init_cpio.c"; then
	echo "yep_slab: no mm/slab.h in $tarball: public interfaces only" >&2
	exit 0
fi
rm -rf "$out.tmp"
mkdir -p "$out.tmp"
mv "$tmp/$top/mm/slab.h" "$tmp/$top/mm/slub.c" \
	"$tmp/$top/usr/gen_init_cpio.c" "$out.tmp/"
echo "$ver" >"$out.tmp/version"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "$out"
