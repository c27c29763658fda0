#!/bin/bash
# Fetches Debian's linux-source-KVER package from a suite this machine's
# apt sources do not list, without touching the machine's apt
# configuration, and leaves its tarball in DEST.
#
# Usage: tools/fetch-source.sh KVER SUITE DEST
#
# The mirror is the one the machine already uses (its first Debian URI in
# /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list); apt reads a
# private sources list and lists directory under DEST/apt.  The result,
# DEST/linux-source-KVER.tar.xz, is moved into place only when complete:
# a failed or interrupted fetch leaves nothing that looks usable, and a
# rerun with the tarball present does nothing.
set -eu

kver=$1 suite=$2
mkdir -p "$3"
dest=$(cd "$3" && pwd -P)
pkg=linux-source-$kver
tarball=$dest/$pkg.tar.xz

[ -f "$tarball" ] && exit 0

fail() {
	echo "yep_slab: cannot fetch $pkg from $suite: $*" >&2
	exit 1
}

# The machine's Debian mirror (not the security archive).
mirror=
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	mirror=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++)
		if ($i !~ /security/ && $i ~ /debian\/?$/) { print $i; exit } }' "$f")
	[ -n "$mirror" ] && break
done
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
	mirror=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++)
		if ($i ~ /^[a-z]+:/ && $i !~ /security/) { print $i; exit } }' \
		/etc/apt/sources.list)
fi
[ -n "$mirror" ] || fail "no Debian mirror in this machine's apt sources"

apt_dir=$dest/apt
work=$dest/.fetch.$$
rm -rf "$apt_dir" "$dest"/.fetch.* "$tarball.part"
mkdir -p "$apt_dir/lists/partial" "$work"
trap 'rm -rf "$work" "$apt_dir"' EXIT
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
echo "deb [signed-by=$keyring] $mirror $suite main" >"$apt_dir/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list"
	  -o Dir::Etc::SourceParts=/dev/null
	  -o "Dir::State::Lists=$apt_dir/lists"
	  -o "Dir::Cache::archives=$work"
	  -o Debug::NoLocking=1)

echo "yep_slab: fetching $pkg from Debian's $suite ($mirror)"
if ! apt-get -q "${apt_opts[@]}" update >"$work/update.log" 2>&1; then
	fail "apt-get update failed (no network?): $(grep -m1 -E '^(E|W|Err):' \
		"$work/update.log" || tail -n 1 "$work/update.log")"
fi
if ! (cd "$work" && apt-get -q "${apt_opts[@]}" download "$pkg") \
	>"$work/download.log" 2>&1; then
	fail "$(grep -m1 '^E:' "$work/download.log" ||
		tail -n 1 "$work/download.log")"
fi
deb=$(find "$work" -maxdepth 1 -name "${pkg}_*.deb" | head -n 1)
[ -n "$deb" ] || fail "apt-get download left no .deb"
dpkg-deb -x "$deb" "$work/x" || fail "cannot unpack $(basename "$deb")"
[ -f "$work/x/usr/src/$pkg.tar.xz" ] ||
	fail "$(basename "$deb") holds no /usr/src/$pkg.tar.xz"
mv "$work/x/usr/src/$pkg.tar.xz" "$tarball.part"
basename "$deb" >"$dest/$pkg.version"
mv "$tarball.part" "$tarball"
echo "yep_slab: $(basename "$deb") -> $tarball"
