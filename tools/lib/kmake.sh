#!/bin/bash
# The kernel make line of every kernel build of ours that kunit.py does
# not run itself (the demo module, make quick's module, make
# check's and make patch-test's W=1 and sparse), and the cross-compiler
# prefix of each ARCH: kunit.py's builds take both from here too
# (tools/kunit/run_kunit.py, through tools/lib/arch.py: both read
# tools/lib/arch.txt), so that every build compiles alike.
#
# Usage: tools/lib/kmake.sh TREE BUILD ARCH CCACHE [MAKE ARGUMENT...]
#        tools/lib/kmake.sh --cross ARCH    the prefix ("" for x86_64, um)
set -eu

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)

# cross_of ARCH: the prefix, from the one table of the architectures.
cross_of() {
	awk -v a="$1" '$1 == a { print ($2 == "-" ? "" : $2); found = 1 }
		END { exit !found }' "$here/arch.txt" || {
		echo "kmake: no cross compiler known for ARCH=$1 (tools/lib/arch.txt)" >&2
		exit 2
	}
}

case ${1:-} in
--cross)
	cross_of "$2"
	exit 0
	;;
esac

[ $# -ge 4 ] || {
	echo "usage: $0 TREE BUILD ARCH CCACHE [MAKE ARGUMENT...]" >&2
	exit 2
}
tree=$1 build=$2 arch=$3 ccache=$4
shift 4
cross=$(cross_of "$arch")
# shellcheck source=tools/lib/ccache-env.sh
. "$here/ccache-env.sh"
yep_ccache_env "$ccache"
exec make -C "$tree" O="$build" ARCH="$arch" CROSS_COMPILE="$cross" \
	CC="${YEP_CCACHE_CC:+$YEP_CCACHE_CC }${cross}gcc" "$@"
