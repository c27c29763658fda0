#!/bin/bash
# Configures or builds the demo's small arm64 kernel out of the private tree.
#
# Usage: tools/demo/kernel.sh config|build TREE KBUILD FRAGMENT CCACHE JOBS
#        tools/demo/kernel.sh module TREE KBUILD MODDIR CCACHE JOBS
#
#   config   KBUILD/.config = arm64 allnoconfig + FRAGMENT, checked: every
#            CONFIG_X=y of FRAGMENT must be in the result
#   build    Image (and Module.symvers for external modules), with a
#            heartbeat every half minute; the full log is KBUILD/build.log
#   module   yep_slab.ko in MODDIR, from a copy of the checkout's module/
#            (6.12 builds external modules in their source folder, and
#            generated files stay out of the checkout)
set -eu

what=$1
tree=$(realpath "$2")
kbuild=$(realpath -m "$3")
path=$(realpath -m "$4")
ccache=$5
jobs=$6
tools=$(cd "$(dirname "$0")/.." && pwd -P)
kmake=("$tools/lib/kmake.sh" "$tree" "$kbuild" arm64 "$ccache" -j"$jobs")

case $what in
config)
	mkdir -p "$kbuild"
	echo "yep_slab: configuring the demo kernel in $kbuild"
	"${kmake[@]}" -s KCONFIG_ALLCONFIG="$path" allnoconfig
	missing=0
	while read -r line; do
		grep -qxF "$line" "$kbuild/.config" && continue
		# An option this kernel no longer has (SLUB_CPU_PARTIAL is
		# gone in 7.0 with the per-CPU slabs) is said, not fatal.
		sym=${line%%=*}
		if ! grep -rqx --include='Kconfig*' "config ${sym#CONFIG_}" \
			"$tree"; then
			echo "yep_slab: $line: not in this kernel, left out"
			continue
		fi
		echo "yep_slab: $path: $line did not stick" >&2
		missing=1
	done < <(grep '^CONFIG_' "$path")
	[ "$missing" = 0 ] || exit 1
	touch "$kbuild/.config"
	;;
build)
	PYTHONPATH="$tools/.." python3 -m tools.lib.progress \
		"$kbuild/build.log" "building the demo kernel" -- \
		"${kmake[@]}" Image modules
	;;
module)
	src=$tools/../module
	mkdir -p "$path"
	cp -p "$src"/* "$path/"
	"${kmake[@]}" -s M="$path" modules
	echo "yep_slab: built $path/yep_slab.ko"
	;;
*)
	echo "usage: $0 config|build|module TREE KBUILD FRAGMENT|MODDIR CCACHE JOBS" >&2
	exit 2
	;;
esac
