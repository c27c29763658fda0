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

# build KDIR OUT SLAB_H_STORE [ARCH [ROOT]]: yep_slab.ko in OUT; the make
# runs in ROOT (tools/lib/root.sh) when one is given, with KDIR's tree,
# OUT and mm/slab.h's folder bound at their own paths.
build() {
	local kdir out store arch mm='' root=${5:-}
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
		local cross=''
		case $arch-$(uname -m) in
		arm64-aarch64 | x86-x86_64 | -*) ;;
		*)
			cross=$("$lib/kmake.sh" --cross "$arch")
			make_args+=(CROSS_COMPILE="$cross")
			;;
		esac
		# The versioned compiler Debian built them with: one line
		# when it is missing here (make demo KERNEL= has a root).
		local gcc
		# shellcheck disable=SC2016 # make's $(CROSS_COMPILE), literally
		gcc=$(sed -n 's/^CC = .*$(CROSS_COMPILE)\(gcc-[0-9]*\).*/\1/p' \
			"$kdir/.kernelvariables")
		if [ -z "$root" ] && [ -n "$gcc" ] && ! command -v "$cross$gcc" >/dev/null; then
			echo "yep_slab: $kdir was built with $cross$gcc, which this machine does not have (make demo KERNEL=<its row> builds in a private Debian root that has it)" >&2
			exit 1
		fi
	elif [ -n "$arch" ]; then
		make_args+=(ARCH="$arch" CROSS_COMPILE="$("$lib/kmake.sh" --cross "$arch")")
	fi
	mkdir -p "$out"
	cp -p "$here/../../module"/* "$out/"
	if [ -n "$root" ]; then
		# A Debian headers tree (usr/src/linux-headers-*) is bound
		# whole: the flavour's Makefile includes the common folder's.
		local binds=(--bind "${kdir%/usr/src/*}" --bind "$out")
		[ -z "$mm" ] || binds+=(--bind "$mm")
		echo "yep_slab: building in the Debian $(cut -d' ' -f1 \
			"$root/.yep_slab_root") root $root"
		"$lib/root.sh" run "$root" "${binds[@]}" -- make "${make_args[@]}"
	else
		make "${make_args[@]}"
	fi
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
# Where this machine has no $cc: the Debian release the kernel was built
# on (trixie for trixie-backports) has it, in a private root.
root_release=${suite%%-*}

# dropped: one line saying the archive no longer has the row's ABI, and
# the newest ABI of the same major.minor (else of any) it has instead;
# false when it has the row's or none.
dropped() {
	local mm found
	mm=$(echo "$abi" | cut -d. -f1,2)
	found=$("$lib/fetch-deb.sh" --names "$suite" arm64 \
		"^linux-headers-[0-9.]+(-[0-9]+)?(\\+deb[0-9.]+)?-$flavour\$" \
		"$dir/.names" | sed -E "s/^linux-headers-//; s/-$flavour\$//" |
		sort -V)
	local newest
	newest=$(echo "$found" | grep -F "$mm." | tail -n 1)
	[ -n "$newest" ] || newest=$(echo "$found" | tail -n 1)
	[ -n "$newest" ] && [ "$newest" != "$abi" ] || return 1
	echo "yep_slab: KERNEL=$name: Debian's $suite no longer has $abi; the newest there is $newest: update the row in $table" >&2
}

case $what in
fetch)
	if ! command -v "$cc" >/dev/null && [ "$(id -u)" -ne 0 ]; then
		echo "yep_slab: KERNEL=$name needs $cc: this machine's Debian does not ship it, and only root can make the private Debian $root_release root that does" >&2
		exit 1
	fi
	pkg=$dir/../pkg
	mkdir -p "$dir"
	start=$SECONDS
	# Its failure line, or dropped's in its place.
	if ! { err=$("$lib/fetch-deb.sh" "$suite" arm64 \
		"linux-headers-$release" "$pkg/linux-headers-$release" 2>&1 >&3); } 3>&1; then
		dropped || echo "$err" >&2
		exit 1
	fi
	# The other three of the very version of the headers.  The image:
	# linux-image-<release>-unsigned, or where Debian splits it (its 7.x
	# kernels) linux-binary-unsigned-<release>, the vmlinuz alone.
	ver=$(cut -d_ -f2 "$pkg/linux-headers-$release/version")
	image=linux-binary-unsigned-$release
	re=${image//./\\.}
	if ! "$lib/fetch-deb.sh" --names "$suite" arm64 "^${re//+/\\+}\$" \
		"$dir/.names" | grep -q .; then
		image=linux-image-$release-unsigned
	fi
	pids=()
	for p in "$image arm64" \
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
	# The Image: boot/vmlinuz-<release>, or in linux-binary-unsigned-*
	# usr/lib/modules/<release>/vmlinuz.unsigned; the config: the
	# image's boot/config-<release>, else the headers' own .config.
	img=$pkg/$image/root
	vmlinuz=
	for f in "$img/boot/vmlinuz-$release" \
		"$img/usr/lib/modules/$release/vmlinuz.unsigned"; do
		[ ! -f "$f" ] || { vmlinuz=$f; break; }
	done
	[ -n "$vmlinuz" ] || {
		echo "yep_slab: KERNEL=$name: no vmlinuz in $image" >&2
		exit 1
	}
	cp "$vmlinuz" "$dir/Image"
	if [ -f "$img/boot/config-$release" ]; then
		cp "$img/boot/config-$release" "$dir/config"
	else
		cp "$headers/.config" "$dir/config"
	fi
	echo "$release" >"$dir/release"
	mm=$("$here/slab-h.sh" fetch "$headers" "$dir/../slab-h" "$suite")
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
	root=
	if ! command -v "$cc" >/dev/null; then
		root=$(realpath -m "$dir/../../roots/toolchain-$root_release")
		"$lib/root.sh" make "$root_release" "$root" make \
			"gcc-$gcc-aarch64-linux-gnu" dwarves
	fi
	build "$dir/headers" "$dir/module" "$dir/../slab-h" "" "$root"
	;;
*)
	echo "usage: $0 fetch|module NAME DIR, or $0 names" >&2
	exit 2
	;;
esac
