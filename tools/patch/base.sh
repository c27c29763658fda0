#!/bin/bash
# Makes REPO a git repository of the pristine Debian kernel source in
# TARBALL: one commit, tagged "pristine", of the tarball exactly as it
# unpacks (Debian's linux-source is upstream plus Debian's patches).  The
# series of make patch is made and tested on top of that commit.  Made
# once; a repository whose tag is there is left as it is.  Nothing here
# touches the tree make kunit builds (that one is wired to the checkout).
#
# Usage: tools/patch/base.sh TARBALL REPO
set -eu

tarball=$1 repo=$2

if git -C "$repo" rev-parse -q --verify refs/tags/pristine >/dev/null 2>&1; then
	exit 0
fi
[ -f "$tarball" ] || { echo "patch/base.sh: no source at $tarball" >&2; exit 1; }

echo "yep_slab: making a git repository of $(basename "$tarball") in $repo"
tmp=$repo.tmp
rm -rf "$tmp" "$repo"
mkdir -p "$tmp"
tar -xf "$tarball" -C "$tmp" --strip-components=1
version=$(make -s -C "$tmp" kernelversion)
# The .deb's name: tools/lib/fetch-deb.sh keeps it in DEST/version beside
# DEST/root/usr/src/<tarball>; an installed package is asked of dpkg.
deb=$(cat "${tarball%/root/usr/src/*}/version" 2>/dev/null ||
	dpkg-query -W -f='${Package}_${Version}' \
	"$(basename "$tarball" .tar.xz)" 2>/dev/null || echo unknown)
# Loose objects barely compressed: the repository is local and
# throwaway; zlib at its default costs a minute here.
g() { git -C "$tmp" -c core.looseCompression=1 -c gc.auto=0 "$@"; }
g init -q
# Never a background gc: packing 96000 loose objects takes a core for
# minutes, and a kernel build is running then.
g config gc.auto 0
g config maintenance.auto false
g add -A -f	# Debian's .gitignore ignores the top level
GIT_AUTHOR_NAME="Debian" GIT_AUTHOR_EMAIL="debian-kernel@lists.debian.org" \
GIT_COMMITTER_NAME="yep_slab" GIT_COMMITTER_EMAIL="yep_slab@localhost" \
GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
	g commit -q -m "Linux $version, as Debian ships it ($deb)"
g tag pristine
mv "$tmp" "$repo"
