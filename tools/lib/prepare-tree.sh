#!/bin/bash
# Prepares a private kernel tree wired to this checkout, and prints its path.
#
# Usage: tools/lib/prepare-tree.sh TREE CHECKOUT (SOURCE_TARBALL | KDIR)
#
# TREE is created from Debian's linux-source tarball, or mirrored from a
# user's KDIR with hard links (KDIR itself is never written to).  Then:
#   TREE/mm/yep_slab -> CHECKOUT   (relative where it can be)
#   TREE/mm/Kconfig  += source "mm/yep_slab/Kconfig"
#   TREE/mm/Makefile += obj-y += yep_slab/
# Wired files are written anew (never edited in place, so a hard link back
# to KDIR is never followed) and keep the original's mtime, so rewiring an
# unchanged tree triggers no rebuild.
set -eu

tree=$1
checkout=$(cd "$2" && pwd -P)
from=$3

if [ -d "$from" ]; then
	if [ ! -f "$from/Makefile" ] || [ ! -d "$from/mm" ]; then
		echo "prepare-tree: $from is not a kernel tree" >&2
		exit 1
	fi
	if [ -e "$from/.config" ] || [ -d "$from/include/config" ]; then
		echo "prepare-tree: $from has been configured in place; kunit.py builds out of tree and needs a clean source tree (make mrproper there, or build it with O=)" >&2
		exit 1
	fi
	# Refresh the mirror: new hard links to the user's current files.
	mkdir -p "$tree"
	cp -al --remove-destination "$from/." "$tree/" 2>/dev/null ||
		cp -a --remove-destination "$from/." "$tree/"
elif [ ! -f "$tree/Makefile" ]; then
	[ -f "$from" ] || { echo "prepare-tree: no source at $from" >&2; exit 1; }
	echo "yep_slab: extracting $(basename "$from") into $tree"
	tmp="$tree.tmp"
	rm -rf "$tmp"
	mkdir -p "$tmp"
	tar -xf "$from" -C "$tmp" --strip-components=1
	mv "$tmp" "$tree"
fi

# wire FILE LINE: FILE gains LINE once, as a new file with FILE's mtime.
wire() {
	local file=$1 line=$2
	grep -qxF "$line" "$file" && return 0
	cp "$file" "$file.yep"
	printf '\n%s\n' "$line" >>"$file.yep"
	touch -r "$file" "$file.yep"
	mv -f "$file.yep" "$file"
}

link="$tree/mm/yep_slab"
target=$(realpath --relative-to="$tree/mm" "$checkout")
case "$(realpath -m "$tree")" in
"$checkout"/*) ;;			# inside the checkout: relative link
*) target=$checkout ;;
esac
if [ "$(readlink "$link" 2>/dev/null || true)" != "$target" ]; then
	rm -f "$link"
	ln -s "$target" "$link"
fi
wire "$tree/mm/Kconfig" 'source "mm/yep_slab/Kconfig"'
wire "$tree/mm/Makefile" 'obj-y += yep_slab/'
echo "$tree"
