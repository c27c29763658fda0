# SPDX-License-Identifier: GPL-2.0
#
# make quick: the developer's edit loop.  The suite is built as a module
# (CONFIG_YEP_SLAB_KUNIT_TEST=m) against a kernel configured like make
# test's (the same .kunitconfig, plus modules, an initramfs and debugfs)
# that is built once and then never rebuilt or relinked; a touched test
# file costs a module build and a boot.  Same cases, same verdicts as
# make kunit: from a module the core reads /proc/slabinfo and page_owner's
# debugfs file where built-in code calls SLUB and page_ext.
# Included by the top-level Makefile; arm64 only.

QUICK_DIR	:= $(BUILD)/quick/arm64-$(TREE_NAME)
QUICK_KERNEL	:= $(QUICK_DIR)/.yep_slab_built
QUICK_JSON	:= $(call RESULT,quick,arm64-$(KTAG))
QUICK_LOG	:= $(LOGS)/quick-arm64-$(KTAG)-console.log
QUICK_KCONFIG	:= CONFIG_MODULES=y CONFIG_MODULE_UNLOAD=y \
		   CONFIG_YEP_SLAB_KUNIT_TEST=m CONFIG_BLK_DEV_INITRD=y \
		   CONFIG_BINFMT_ELF=y CONFIG_BINFMT_SCRIPT=y CONFIG_PROC_FS=y \
		   CONFIG_SYSFS=y CONFIG_DEVTMPFS=y CONFIG_DEBUG_FS=y \
		   CONFIG_KUNIT_DEBUGFS=y

.PHONY: quick quick-kernel

$(QUICK_KERNEL): .kunitconfig tools/kunit/quick.mk | tree deps
	@python3 -m tools.kunit.run_kunit --action=build --tree='$(TREE)' \
		--checkout='$(CURDIR)' --build-dir='$(QUICK_DIR)' \
		--kunitconfig='$(CURDIR)/.kunitconfig' --arch=arm64 \
		--jobs='$(JOBS)' --ccache='$(CCACHE)' \
		$(addprefix --kconfig-add=,$(QUICK_KCONFIG))
	@touch '$@'

## the edit loop: the suite as a module against a kernel built once, one boot
quick: $(QUICK_KERNEL) $(GUEST_BUSYBOX) $(GUEST_FILES)
	@tools/kunit/quick.sh '$(TREE)' '$(QUICK_DIR)' '$(GUEST_BUSYBOX)' \
		'$(QUICK_JSON)' '$(QUICK_LOG)' '$(CCACHE)' '$(KERNEL_ARGS)' \
		$(GUEST_DATA) || true
	@python3 -m tools.lib.results '$(QUICK_JSON)'

## make quick's kernel, built once (make bench builds it ahead)
quick-kernel: $(QUICK_KERNEL)
