#!/bin/bash
# Sourced by the kernel build scripts: yep_ccache_env TREE BUILD exports the
# ccache settings tools/run_kunit.py also uses.  Paths below the common root
# of tree and build dir hash as relative ones (another clone or a new build
# dir hits the cache); depend mode compiles a miss once, without a separate
# preprocessor run; the inode cache keeps header hashes across compiles.
yep_ccache_env() {
	CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(python3 -c 'import os, sys
print(os.path.commonpath(sys.argv[1:]))' "$1" "$2")}
	export CCACHE_BASEDIR CCACHE_NOHASHDIR=true CCACHE_DEPEND=true \
		CCACHE_INODECACHE=true
}
