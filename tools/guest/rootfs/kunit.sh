#!/bin/sh
# yep_slab guest, yep=kunit (make quick): loads the suite built as a module
# and prints its results, as KUnit's debugfs keeps them, between markers.
mkdir -p /sys/kernel/debug
mount -t debugfs none /sys/kernel/debug 2>/dev/null
insmod /yep/yep_slab_test.ko || exit 1
echo "@@ begin test"
cat /sys/kernel/debug/kunit/yep_slab/results
echo "@@ end test"
