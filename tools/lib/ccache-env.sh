#!/bin/bash
# Sourced by tools/lib/kmake.sh (and read by tools/kunit/run_kunit.py):
# yep_ccache_env ON exports the ccache settings of every kernel build of
# ours, and YEP_CCACHE_CC: the compiler wrapper to put before the compiler
# (CC="${YEP_CCACHE_CC:+$YEP_CCACHE_CC }aarch64-linux-gnu-gcc"), or empty
# when ON is not 1 (CCACHE=0) or ccache is not installed.
# - Depend mode: a miss compiles once, with no preprocessor pass, so an
#   empty cache costs a cold build little.  tools/lib/ccache-cc keeps sources
#   with .incbin out of it (it cannot see what they pull in).
# - No base_dir: with O=, kbuild names headers by absolute source path and
#   generated ones relative to the build dir, so a new build dir of the
#   same tree hits the cache as it is.  A base_dir would also let another
#   clone hit, but ccache resolves every header below it with realpath
#   (about 8000 readlinks a compile here), which made a cold build with an
#   empty cache 5% slower.  Export CCACHE_BASEDIR yourself to trade that.
# - The inode cache keeps header hashes across compiles.
# Both files are hashed into every entry: a change here starts afresh.
yep_ccache_env() {
	local here
	here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
	CCACHE_EXTRAFILES=$here/ccache-env.sh:$here/ccache-cc
	YEP_CCACHE_CC=
	if [ "$1" = 1 ] && command -v ccache >/dev/null; then
		YEP_CCACHE_CC=$here/ccache-cc
	fi
	unset CCACHE_NODEPEND
	export CCACHE_NOHASHDIR=true CCACHE_INODECACHE=true \
		CCACHE_DEPEND=true CCACHE_EXTRAFILES YEP_CCACHE_CC
}
