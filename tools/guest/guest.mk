# SPDX-License-Identifier: GPL-2.0
#
# What every arm64 guest of ours is made of (make demo, demo-test, shell,
# quick): Debian's arm64 busybox-static, fetched privately, and the
# guest-side files packed into its initramfs by tools/guest/initramfs.sh:
# the scripts of tools/guest/rootfs/ and the data they read (the seed's
# numbers, the bad kernel-log patterns) as /yep/NAME.
# Included by the top-level Makefile.

GUEST_BUSYBOX	:= $(BUILD)/guest/busybox-arm64/bin/busybox
GUEST_ROOTFS	:= tools/guest/rootfs
GUEST_DATA	:= tools/demo/seed.txt tools/lib/kernel-log-reports.ere
GUEST_FILES	:= $(GUEST_ROOTFS)/init $(wildcard $(GUEST_ROOTFS)/*.sh) \
		   $(GUEST_DATA) tools/guest/initramfs.sh

$(GUEST_BUSYBOX): tools/guest/busybox.sh
	@tools/guest/busybox.sh '$(patsubst %/bin/busybox,%,$@)'
