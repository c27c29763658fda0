#!/bin/bash
# Installs the Debian packages a yep_slab target needs, only those missing.
# Usage: tools/lib/host-deps.sh PACKAGE...
set -eu

# One dpkg-query for all: every make target starts here.
nl=$'\n'
installed=$nl$(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null || true)$nl
missing=()
for pkg in "$@"; do
	case $installed in
	*"$nl$pkg install ok installed$nl"*) ;;
	*) missing+=("$pkg") ;;
	esac
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
