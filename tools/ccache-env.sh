#!/bin/bash
# Sourced by the kernel build scripts (and read by tools/run_kunit.py):
# yep_ccache_env TREE BUILD exports the ccache settings of every kernel
# build of ours, and YEP_CCACHE_CC, the compiler wrapper to put before the
# compiler (CC="$YEP_CCACHE_CC aarch64-linux-gnu-gcc").
# - Paths below the common root of tree and build dir hash as relative
#   ones: another clone or a new build dir hits the cache.
# - Depend mode: a miss compiles once, with no preprocessor pass, so an
#   empty cache costs a cold build little.  tools/ccache-cc keeps sources
#   with .incbin out of it (it cannot see what they pull in).
# - The inode cache keeps header hashes across compiles.
# Both files are hashed into every entry: a change here starts afresh.
yep_ccache_env() {
	local here
	here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
	CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(python3 -c 'import os, sys
paths = [os.path.realpath(p) for p in sys.argv[1:]]
print(os.path.commonpath(paths))' "$1" "$2")}
	CCACHE_EXTRAFILES=$here/ccache-env.sh:$here/ccache-cc
	YEP_CCACHE_CC=$here/ccache-cc
	unset CCACHE_NODEPEND
	export CCACHE_BASEDIR CCACHE_NOHASHDIR=true CCACHE_INODECACHE=true \
		CCACHE_DEPEND=true CCACHE_EXTRAFILES YEP_CCACHE_CC
}
