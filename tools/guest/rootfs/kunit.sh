#!/bin/sh
# yep_slab guest, yep=kunit (make quick, make patch-test's module run):
# loads each test module packed into /yep/ and prints the results of the
# suites it registered, as KUnit's debugfs keeps them, between markers.
mkdir -p /sys/kernel/debug
mount -t debugfs none /sys/kernel/debug 2>/dev/null
for ko in /yep/*.ko; do
	insmod "$ko" || exit 1
done
# shellcheck source=tools/guest/rootfs/marks.sh
. /yep/marks.sh
yep_mark begin test
cat /sys/kernel/debug/kunit/*/results
yep_mark end test
