#!/bin/bash
# Installs the Debian packages a yep_slab target needs, only those missing.
# Usage: tools/host-deps.sh PACKAGE...
set -eu

missing=()
for pkg in "$@"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "yep_slab: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "yep_slab: need root to install: apt-get install ${missing[*]}" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
