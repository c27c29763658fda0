#!/bin/bash
# make quick: the suite as a module against a kernel that is not rebuilt.
# Rebuilds yep_slab_test.ko only, loads it in the guest booted with the
# quick kernel and parses the suite's KTAP (from KUnit's debugfs) with the
# tree's kunit.py parse: tools/guest/kunit-module.sh, on one CPU.
#
# Usage: tools/kunit/quick.sh TREE QUICK_BUILD BUSYBOX JSON LOG CCACHE \
#                             "KERNEL ARGS" [GUEST FILE...]
set -eu

tree=$1 build=$2 busybox=$3 json=$4 log=$5 ccache=$6 args=$7
shift 7
tools=$(cd "$(dirname "$0")/.." && pwd -P)
start=$SECONDS
rc=0
"$tools/guest/kunit-module.sh" "$tree" "$build" mm/yep_slab/yep_slab_test.ko \
	"$busybox" "$json" "$log" "$ccache" 1 "page_owner=on $args" "$@" ||
	rc=$?
echo "yep_slab: make quick took $((SECONDS - start))s"
exit "$rc"
