#!/bin/bash
# Debian's own arm64 kernel for make demo KERNEL=debian-*: fetched, its headers joined, the module built.
#
# Usage: tools/debian/kernel.sh fetch NAME DIR    image, headers, mm/slab.h,
#                                                 gen_init_cpio into DIR
#        tools/debian/kernel.sh module NAME DIR   DIR/module/yep_slab.ko
#        tools/debian/kernel.sh kdir KDIR OUT STORE [ARCH]
#                                  OUT/yep_slab.ko against any build dir
#                                  or headers (make module), slab.h kept
#                                  in STORE; ARCH for a build dir that
#                                  does not name its own
#        tools/debian/kernel.sh names             the KERNEL= names
#
# kdir and module share one build: the module's sources copied to OUT
# (the checkout stays clean), mm/slab.h from the tree when it has one,
# else, for Debian's headers, of their version (tools/debian/slab-h.sh;
# YEP_SLAB_MM in the environment names one instead, refused when of
# another version), else none: public interfaces only.
#
# NAME is a row of tools/debian/kernels.txt.  Nothing is installed: each
# package is unpacked privately by tools/lib/fetch-deb.sh under
# DIR/../pkg/, the headers joined by tools/debian/headers.sh.  DIR gets
# Image (the arm64 vmlinuz: an uncompressed Image), config, headers (a
# symlink to the flavour's headers folder), mm (slab.h of the headers'
# version, or absent: the module then reads public interfaces only),
# usr/gen_init_cpio (built with the host's cc from that source, for
# tools/guest/initramfs.sh), release (uname -r) and the stamp .fetched.
set -eu

what=$1
here=$(cd "$(dirname "$0")" && pwd -P)
lib=$here/../lib
table=$here/kernels.txt

# build KDIR OUT SLAB_H_STORE [ARCH]: yep_slab.ko in OUT.
build() {
	local kdir out store arch mm=
	[ -f "$1/Makefile" ] || {
		echo "yep_slab: KDIR=$1 has no Makefile: not a kernel build dir or headers" >&2
		exit 2
	}
	kdir=$(realpath "$1") out=$(realpath -m "$2") store=$3 arch=${4:-}
	if [ -n "${YEP_SLAB_MM:-}" ]; then
		"$here/slab-h.sh" check "$kdir" "$YEP_SLAB_MM"
		mm=$(realpath "$YEP_SLAB_MM")
	elif [ ! -e "$kdir/mm/slab.h" ] && [ ! -e "$kdir/source/mm/slab.h" ]; then
		mm=$("$here/slab-h.sh" fetch "$kdir" "$store")
	fi
	local make_args=(-s -C "$out" KDIR="$kdir" ${mm:+YEP_SLAB_MM="$mm"})
	# Debian's headers name their ARCH and compiler (.kernelvariables);
	# before 6.12 their cross prefix is set only for a Debian package
	# build (DEB_HOST_GNU_TYPE), so give it when the ARCH is not ours.
	if [ -f "$kdir/.kernelvariables" ]; then
		arch=$(awk '$1 == "override" && $2 == "ARCH" { print $4 }' \
			"$kdir/.kernelvariables")
		case $arch-$(uname -m) in
		arm64-aarch64 | x86-x86_64 | -*) ;;
		*) make_args+=(CROSS_COMPILE="$("$lib/kmake.sh" --cross "$arch")") ;;
		esac
	elif [ -n "$arch" ]; then
		make_args+=(ARCH="$arch" CROSS_COMPILE="$("$lib/kmake.sh" --cross "$arch")")
	fi
	mkdir -p "$out"
	cp -p "$here/../../module"/* "$out/"
	make "${make_args[@]}"
	local from="public interfaces only: see status's unavailable line"
	if [ -n "$mm" ]; then
		from="mm/slab.h of $(cat "$mm/version" 2>/dev/null || echo "$mm")"
	elif [ -e "$kdir/mm/slab.h" ] || [ -e "$kdir/source/mm/slab.h" ]; then
		from="the tree's mm/slab.h"
	fi
	echo "yep_slab: built $out/yep_slab.ko against $kdir ($from)"
}

case $what in
names)
	awk '!/^#/ && NF { print $1 }' "$table"
	exit 0
	;;
kdir)
	build "$2" "$3" "$4" "${5:-}"
	exit 0
	;;
esac
name=$2
dir=$(realpath -m "$3")
row=$(awk -v n="$name" '$1 == n' "$table")
[ -n "$row" ] || {
	echo "yep_slab: KERNEL=$name: no such row in $table" >&2
	exit 2
}
read -r _ suite abi flavour common kbuild gcc _ <<<"$row"
cc=$("$lib/kmake.sh" --cross arm64)gcc-$gcc	# the versioned compiler Debian built with
release=$abi-$flavour

case $what in
fetch)
	command -v "$cc" >/dev/null || {
		echo "yep_slab: KERNEL=$name needs $cc, which this machine's Debian does not ship for arm64 cross builds" >&2
		exit 1
	}
	pkg=$dir/../pkg
	mkdir -p "$dir"
	start=$SECONDS
	"$lib/fetch-deb.sh" "$suite" arm64 "linux-headers-$release" \
		"$pkg/linux-headers-$release"
	# The other three of the very version of the headers.
	ver=$(cut -d_ -f2 "$pkg/linux-headers-$release/version")
	pids=()
	for p in "linux-image-$release-unsigned arm64" \
		"linux-headers-$abi-$common all" \
		"$kbuild $(dpkg --print-architecture)"; do
		read -r p arch <<<"$p"
		"$lib/fetch-deb.sh" "$suite" "$arch" "$p=$ver" "$pkg/$p" &
		pids+=("$!")
	done
	for pid in "${pids[@]}"; do
		wait "$pid"
	done
	headers=$("$here/headers.sh" "$dir/headers-tree" \
		"$pkg/linux-headers-$release/root" \
		"$pkg/linux-headers-$abi-$common/root" "$pkg/$kbuild/root")
	ln -sfn "$headers" "$dir/headers"
	boot=$pkg/linux-image-$release-unsigned/root/boot
	cp "$boot/vmlinuz-$release" "$dir/Image"
	cp "$boot/config-$release" "$dir/config"
	echo "$release" >"$dir/release"
	mm=$("$here/slab-h.sh" fetch "$headers" "$dir/../slab-h")
	rm -f "$dir/mm"
	[ -z "$mm" ] || ln -s "$mm" "$dir/mm"
	# usr/gen_init_cpio.c of that source, or of an installed one.
	src=$("$here/slab-h.sh" gen-init-cpio "$headers" "$dir/../slab-h")
	mkdir -p "$dir/usr"
	cc -O2 -o "$dir/usr/gen_init_cpio" "$src"
	touch "$dir/.fetched"
	echo "yep_slab: Debian's $release ($name) in $dir, $((SECONDS - start))s"
	;;
module)
	build "$dir/headers" "$dir/module" "$dir/../slab-h"
	;;
*)
	echo "usage: $0 fetch|module NAME DIR, or $0 names" >&2
	exit 2
	;;
esac
