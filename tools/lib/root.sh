#!/bin/bash
# A private Debian root of a given release under $(BUILD)/roots/, made by
# Debian's own mmdebstrap from Debian's packages only, and commands run in
# it by chroot: a Debian 13 toolchain on a Debian 12 machine, a fresh
# machine for make fresh-root.
#
# Usage: tools/lib/root.sh make [--as-installed] RELEASE ROOT PACKAGE...
#        tools/lib/root.sh run ROOT [--bind DIR]... [--cwd DIR] -- COMMAND...
#
# make  ROOT becomes a root of RELEASE (bookworm, trixie, forky) holding
#       PACKAGE... and what they depend on, from the machine's own Debian
#       mirror (tools/lib/fetch-deb.sh --mirror); nothing but mmdebstrap
#       itself (tools/lib/host-deps.sh) is installed outside ROOT, and
#       the machine's apt configuration is not written (its checks of a
#       Release file's dates are carried into ROOT).  ROOT is made complete or not at all (built as ROOT.tmp,
#       then moved); a rerun with the same release and packages does
#       nothing, another list makes it anew.  One line says what is
#       missing when it cannot be made.  Its apt lists RELEASE alone, or
#       with --as-installed what Debian's installer lists: RELEASE,
#       RELEASE-updates and RELEASE-security (the machine's security
#       archive), as a new machine has them (Debian 12's linux-source-6.12
#       is in bookworm-security only).
# run   COMMAND in ROOT by chroot, as root, with a clean environment.
#       /proc, /sys and /dev, and each DIR at its own path, are bind
#       mounted in a mount namespace of the command's own (unshare -m):
#       they are unmounted when the command ends, however it ends (exit,
#       error, signal, kill -9), and the machine never sees them.  --cwd:
#       the directory (inside ROOT, e.g. a bound DIR) the command starts in.
set -eu

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)

# No path under ROOT may be a mount point of this machine's namespace
# before ROOT is removed: rm -rf would go through a bind mount.
unmounted() {
	local r
	r=$(realpath -m "$1")
	if awk -v r="$r" '$5 == r || index($5, r "/") == 1 { found = 1 }
		END { exit !found }' /proc/self/mountinfo; then
		echo "yep_slab: $r has something mounted under it: not removed" >&2
		exit 1
	fi
}

what=${1:-}
case $what in
make)
	installed=''
	if [ "${2:-}" = --as-installed ]; then
		installed=1
		shift
	fi
	[ $# -ge 3 ] || { echo "usage: $0 make [--as-installed] RELEASE ROOT PACKAGE..." >&2; exit 2; }
	release=$2 root=$(realpath -m "$3")
	shift 3
	want="$release${installed:+ as installed} $*"
	if [ -f "$root/.yep_slab_root" ] &&
		[ "$(cat "$root/.yep_slab_root")" = "$want" ]; then
		exit 0
	fi
	# One maker a root (two rows fetched at once): the second waits,
	# then finds it made.
	mkdir -p "$(dirname "$root")"
	exec 9>"$root.lock"
	flock 9
	if [ -f "$root/.yep_slab_root" ] &&
		[ "$(cat "$root/.yep_slab_root")" = "$want" ]; then
		exit 0
	fi
	[ "$(id -u)" -eq 0 ] || {
		echo "yep_slab: a Debian $release root needs root (mmdebstrap --mode=root, chroot)" >&2
		exit 1
	}
	"$here/host-deps.sh" mmdebstrap
	mirror=$("$here/fetch-deb.sh" --mirror)
	sources=("deb $mirror $release main")
	if [ -n "$installed" ]; then
		sources+=("deb $mirror $release-updates main"
			"deb $("$here/fetch-deb.sh" --mirror security) $release-security main")
	fi
	keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	tmp=$root.tmp
	for d in "$tmp" "$root"; do
		[ ! -e "$d" ] || { unmounted "$d"; rm -rf "$d"; }
	done
	echo "yep_slab: making a Debian $release root in $root ($mirror): $*"
	start=$SECONDS
	log=$root.log
	include=$(echo "$*" | tr ' ' ,)
	# The machine's own policy on a Release file's dates (a machine
	# that follows a snapshot turns the checks off): kept in the root.
	aptopts=()
	for o in Acquire::Check-Valid-Until Acquire::Check-Date; do
		v=$(apt-config shell v "$o" | sed -n "s/^v='\(.*\)'$/\1/p")
		[ -z "$v" ] || aptopts+=(--aptopt="$o \"$v\"")
	done
	if ! mmdebstrap --mode=root --variant=apt --include="$include" \
		--keyring="$keyring" --skip=cleanup/apt/lists \
		${aptopts[@]+"${aptopts[@]}"} \
		"$release" "$tmp" "${sources[@]}" >"$log" 2>&1; then
		unmounted "$tmp"
		rm -rf "$tmp"
		echo "yep_slab: cannot make a Debian $release root: $(grep -m1 -E '^(E|W): ' \
			"$log" || tail -n 1 "$log") (all of it: $log)" >&2
		exit 1
	fi
	echo "$want" >"$tmp/.yep_slab_root"
	mv "$tmp" "$root"
	echo "yep_slab: Debian $release root ready in $root, $((SECONDS - start))s"
	;;
run)
	[ $# -ge 3 ] || { echo "usage: $0 run ROOT [--bind DIR]... [--cwd DIR] -- COMMAND..." >&2; exit 2; }
	root=$(realpath "$2")
	shift 2
	binds=() cwd=/
	while [ $# -gt 0 ]; do
		case $1 in
		--bind) binds+=("$(realpath "$2")"); shift 2 ;;
		--cwd) cwd=$2; shift 2 ;;
		--) shift; break ;;
		*) echo "yep_slab: root.sh run: unknown $1" >&2; exit 2 ;;
		esac
	done
	[ -f "$root/.yep_slab_root" ] || {
		echo "yep_slab: $root is no root made by $0 make" >&2
		exit 1
	}
	# In the new namespace: propagation private (nothing leaks back to
	# the machine), then the mounts, then the command.
	# shellcheck disable=SC2016 # expanded by that bash
	exec unshare --mount --propagation private -- /bin/bash -eu -c '
		root=$1 cwd=$2
		shift 2
		for d in /proc /sys /dev; do
			mount --rbind "$d" "$root$d"
		done
		while [ "$1" != -- ]; do
			mkdir -p "$root$1"
			mount --bind "$1" "$root$1"
			shift
		done
		shift
		exec chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			TERM="${TERM:-dumb}" /bin/sh -c "cd \"\$1\" && shift && exec \"\$@\"" \
			sh "$cwd" "$@"
	' sh "$root" "$cwd" ${binds[@]+"${binds[@]}"} -- "$@"
	;;
*)
	echo "usage: $0 make RELEASE ROOT PACKAGE..., or $0 run ROOT [--bind DIR]... -- COMMAND..." >&2
	exit 2
	;;
esac
