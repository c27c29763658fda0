#!/bin/bash
# Fetches one Debian package from the machine's own Debian mirror, for a
# suite or an architecture this machine's apt sources do not list, without
# touching the machine's apt configuration or its dpkg architectures, and
# unpacks it (dpkg-deb -x, nothing installed) into DEST/root.
#
# Usage: tools/lib/fetch-deb.sh SUITE ARCH PACKAGE DEST
#        tools/lib/fetch-deb.sh --mirror [security]
#                 prints the mirror (or the security archive), no more
#        tools/lib/fetch-deb.sh --names SUITE ARCH REGEX DEST
#                 prints the names of SUITE's packages that match REGEX
#                 (apt-cache search --names-only), fetching nothing
#
#   SUITE    e.g. trixie-backports (linux-source-7.3), or "host": this
#            machine's own release (busybox-static for arm64); several,
#            space-separated, are all listed
#   ARCH     the package's architecture (all, arm64, ...)
#   PACKAGE  a name, or NAME=VERSION for that very version
#
# The mirror is the one the machine already uses (its first Debian URI in
# /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list); apt reads a
# private sources list and lists directory under DEST.  DEST/root is moved
# into place only when complete, with the .deb's name in DEST/version: a
# failed or interrupted fetch leaves nothing that looks usable and says
# why in one line, and a rerun with DEST/root present does nothing.
set -eu

# The machine's Debian mirror (not the security archive), or with
# "security" its security archive: on stdout.
find_mirror() {
	local f mirror='' sec=${1:-}
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		mirror=$(awk -v sec="$sec" '/^URIs:/ { for (i = 2; i <= NF; i++)
			if ((sec == "") == ($i !~ /security/) && $i ~ /debian(-security)?\/?$/) {
				print $i; exit } }' "$f")
		[ -n "$mirror" ] && break
	done
	if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
		mirror=$(awk -v sec="$sec" '$1 == "deb" { for (i = 2; i <= NF; i++)
			if ($i ~ /^[a-z]+:/ && (sec == "") == ($i !~ /security/)) {
				print $i; exit } }' /etc/apt/sources.list)
	fi
	echo "$mirror"
}

if [ "${1:-}" = --mirror ]; then
	mirror=$(find_mirror "${2:-}")
	[ -n "$mirror" ] || {
		echo "yep_slab: no Debian ${2:+$2 }mirror in this machine's apt sources" >&2
		exit 1
	}
	echo "$mirror"
	exit 0
fi

names=
if [ "${1:-}" = --names ]; then
	names=1
	shift
fi
suite=$1 arch=$2 pkg=$3
name=${pkg%%=*}
mkdir -p "$4"
dest=$(cd "$4" && pwd -P)

[ -z "$names" ] && [ -d "$dest/root" ] && exit 0

if [ "$suite" = host ]; then
	# shellcheck disable=SC1091 # the machine's own
	suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
fi

fail() {
	echo "yep_slab: cannot fetch $pkg ($arch) from $suite: $*" >&2
	exit 1
}
[ -n "$suite" ] || fail "no VERSION_CODENAME in /etc/os-release"

mirror=$(find_mirror)
[ -n "$mirror" ] || fail "no Debian mirror in this machine's apt sources"

work=$dest/.fetch.$$
rm -rf "$dest"/.fetch.*
mkdir -p "$work/lists/partial" "$work/archives/partial"
: >"$work/status"	# what this machine has installed is no candidate
trap 'rm -rf "$work"' EXIT
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
for s in $suite; do
	echo "deb [signed-by=$keyring] $mirror $s main"
done >"$work/sources.list"
host_arch=$(dpkg --print-architecture)
apt_arch=$arch
[ "$arch" = all ] && apt_arch=$host_arch
apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list"
	  -o Dir::Etc::SourceParts=/dev/null
	  -o "Dir::State::Lists=$work/lists"
	  -o "Dir::State::status=$work/status"
	  -o "Dir::Cache::archives=$work/archives"
	  -o "Dir::Cache::pkgcache=$work/pkgcache.bin"
	  -o "Dir::Cache::srcpkgcache=$work/srcpkgcache.bin"
	  -o "APT::Architecture=$apt_arch"
	  -o "APT::Architectures::=$apt_arch"
	  -o APT::Sandbox::User=root
	  -o Debug::NoLocking=1)

[ -n "$names" ] || echo "yep_slab: fetching $pkg ($arch) from Debian's $suite ($mirror)"
if ! apt-get -q "${apt_opts[@]}" update >"$work/update.log" 2>&1; then
	fail "apt-get update failed (no network?): $(grep -m1 -E '^(E|W|Err):' \
		"$work/update.log" || tail -n 1 "$work/update.log")"
fi
if [ -n "$names" ]; then
	apt-cache "${apt_opts[@]}" search --names-only "$pkg" | cut -d' ' -f1
	exit 0
fi
if ! (cd "$work" && apt-get -q "${apt_opts[@]}" download "$pkg") \
	>"$work/download.log" 2>&1; then
	fail "$(grep -m1 '^E:' "$work/download.log" ||
		tail -n 1 "$work/download.log")"
fi
deb=$(find "$work" -maxdepth 1 -name "${name}_*.deb" | head -n 1)
[ -n "$deb" ] || fail "apt-get download left no .deb"
dpkg-deb -x "$deb" "$work/root" || fail "cannot unpack $(basename "$deb")"
rm -f "$deb"
basename "$deb" >"$dest/version"
mv "$work/root" "$dest/root"
echo "yep_slab: $(basename "$deb") unpacked into $dest/root"
