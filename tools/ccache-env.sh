#!/bin/bash
# Sourced by the kernel build scripts: yep_ccache_env TREE BUILD exports the
# ccache settings tools/run_kunit.py also uses.  Paths below the common root
# of tree and build dir hash as relative ones (another clone or a new build
# dir hits the cache); the inode cache keeps header hashes across compiles.
# Not depend mode: it would cache .incbin objects (a stale kernel image);
# this file is hashed into every entry, so a change here starts afresh.
yep_ccache_env() {
	CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(python3 -c 'import os, sys
print(os.path.commonpath(sys.argv[1:]))' "$1" "$2")}
	CCACHE_EXTRAFILES=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/ccache-env.sh
	unset CCACHE_DEPEND
	export CCACHE_BASEDIR CCACHE_NOHASHDIR=true CCACHE_INODECACHE=true \
		CCACHE_NODEPEND=true CCACHE_EXTRAFILES
}
