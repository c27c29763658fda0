# SPDX-License-Identifier: GPL-2.0
#
# make demo, make demo-test: yep_slab.ko in a small arm64 kernel (KVER) under
# QEMU.  Included by the top-level Makefile, which defines BUILD OUT JOBS
# TREE CCACHE and the `tree` target (the private kernel tree).
#
#   make demo        the seed's walkthrough, twice: slub_debug=U (the seed's
#                    layout, seed vs observed step by step) and plain;
#                    transcript and plot in $(OUT)/demo/arm64-linux-KVER/
#   make demo-test   the module's tests in the guest (lockdep, kmemleak,
#                    failslab on), KTAP -> $(OUT)/demo-test-arm64-linux-KVER.json
#
# The demo kernel is arm64 whatever ARCH says.  Everything is rebuilt only
# when what it is made from changed: a rerun with no change only boots.
# make demo fails when pass 1 does not match the seed; make demo-test ends
# with tools/ktap_totals.py's "N passed, N failed, N skipped" line.

DEMO_TAG	:= arm64-$(notdir $(TREE))
DEMO_KBUILD	:= $(BUILD)/demo/$(DEMO_TAG)
DEMO_KERNEL	:= $(DEMO_KBUILD)/.yep_slab_built
DEMO_IMAGE	:= $(DEMO_KBUILD)/arch/arm64/boot/Image
DEMO_MODDIR	:= $(BUILD)/demo/module-$(DEMO_TAG)
DEMO_KO		:= $(DEMO_MODDIR)/yep_slab.ko
DEMO_BUSYBOX	:= $(BUILD)/demo/busybox-arm64
DEMO_CPIO	:= $(BUILD)/demo/initramfs-$(DEMO_TAG).cpio
DEMO_OUT	:= $(OUT)/demo/$(DEMO_TAG)
COMPARE_KVERS	?= 6.1 6.12 7.3
DEMO_JSON	?= $(OUT)/demo-test-$(DEMO_TAG).json
DEMO_GUEST	:= tools/guest/init $(wildcard tools/guest/*.sh)
DEMO_MOD_SRC	:= module/Kbuild $(wildcard module/*.c module/*.h)
DEMO_DEPS	:= qemu-system-arm gcc-aarch64-linux-gnu gnuplot-nox \
		   python3 make gcc bc flex bison libelf-dev libssl-dev ccache

# Kernel command lines: pass 1 gives the seed's layout (4160-byte objects,
# 7 a slab, order 3) to yep_slab_cache alone; pass 2 is plain.
DEMO_SEED_ARGS	:= slub_debug=U,yep_slab_cache page_owner=on
DEMO_PLAIN_ARGS	:= page_owner=on
# The module's tests: the seed's layout, and failslab on the cache from
# boot ('A'), since 6.1 cannot set it at run time.
DEMO_TEST_ARGS	:= slub_debug=UA,yep_slab_cache page_owner=on
DEMO_TIMEOUT	?= 300
DEMO_TEST_TIMEOUT ?= 900

.PHONY: demo demo-test demo-deps demo-kernel demo-clean shell shell-test \
	demo-compare

demo-deps:
	@tools/host-deps.sh $(DEMO_DEPS)

$(DEMO_KBUILD)/.config: tools/demo.config | tree demo-deps
	@tools/demo-kernel.sh config '$(TREE)' '$(DEMO_KBUILD)' '$<' \
		'$(CCACHE)' '$(JOBS)'

$(DEMO_KERNEL): $(DEMO_KBUILD)/.config
	@tools/demo-kernel.sh build '$(TREE)' '$(DEMO_KBUILD)' tools/demo.config \
		'$(CCACHE)' '$(JOBS)'
	@touch '$@'

demo-kernel: $(DEMO_KERNEL)

$(DEMO_KO): $(DEMO_MOD_SRC) $(DEMO_KERNEL)
	@tools/demo-kernel.sh module '$(TREE)' '$(DEMO_KBUILD)' '$(DEMO_MODDIR)' \
		'$(CCACHE)' '$(JOBS)'

$(DEMO_BUSYBOX)/bin/busybox: | demo-deps
	@tools/demo-busybox.sh '$(DEMO_BUSYBOX)'

$(DEMO_CPIO): $(DEMO_KO) $(DEMO_BUSYBOX)/bin/busybox $(DEMO_GUEST) \
		tools/demo-initramfs.sh
	@tools/demo-initramfs.sh '$@' '$(DEMO_KBUILD)' \
		'$(DEMO_BUSYBOX)/bin/busybox' tools/guest '$(DEMO_KO)'

demo: $(DEMO_KERNEL) $(DEMO_CPIO) | demo-deps
	@tools/demo-passes.sh '$(DEMO_IMAGE)' '$(DEMO_CPIO)' '$(DEMO_OUT)' \
		'$(DEMO_TIMEOUT)' '$(DEMO_SEED_ARGS)' '$(DEMO_PLAIN_ARGS)'
	@tools/demo_report.py '$(DEMO_OUT)/pass1-console.log' \
		'$(DEMO_OUT)/pass2-console.log' '$(DEMO_OUT)'

# make demo-compare: make demo on each of COMPARE_KVERS, then the plain
# cache's staircase on each in one figure and one table.
demo-compare:
	@mkdir -p '$(OUT)'
	@for k in $(COMPARE_KVERS); do \
		$(MAKE) --no-print-directory demo KVER=$$k >'$(OUT)/demo-'$$k.log \
			2>&1 || { cat '$(OUT)/demo-'$$k.log; exit 1; }; \
		echo "yep_slab: make demo KVER=$$k done (log $(OUT)/demo-$$k.log)"; \
	done
	@tools/demo_compare.py '$(OUT)/demo' $(COMPARE_KVERS)

# Two CPUs, so that the concurrent writers really run at once.
demo-test: $(DEMO_KERNEL) $(DEMO_CPIO) | demo-deps
	@mkdir -p '$(OUT)'
	@rm -f '$(DEMO_JSON)'
	@echo "yep_slab: module tests, $(DEMO_TEST_ARGS), lockdep and kmemleak on"
	@tools/demo-qemu.sh '$(DEMO_IMAGE)' '$(DEMO_CPIO)' \
		'$(OUT)/demo-test-console.log' '$(DEMO_TEST_TIMEOUT)' 2 \
		'$(DEMO_TEST_ARGS) yep=test' || true
	@tools/demo_ktap.py '$(OUT)/demo-test-console.log' '$(TREE)' \
		'$(DEMO_JSON)' || true
	@tools/ktap_totals.py '$(DEMO_JSON)'

# make shell: a shell on the demo guest's console, the seed's layout by
# default (KERNEL_ARGS= chooses another boot line); make shell-test
# drives it through a pseudo-terminal and a pipe.
SHELL_ARGS	:= $(if $(KERNEL_ARGS),$(KERNEL_ARGS),$(DEMO_SEED_ARGS))
SHELL_JSON	?= $(OUT)/shell-test-$(DEMO_TAG).json

shell: $(DEMO_KERNEL) $(DEMO_CPIO) | demo-deps
	@tools/shell.sh '$(DEMO_IMAGE)' '$(DEMO_CPIO)' '$(SHELL_ARGS)'

shell-test: $(DEMO_KERNEL) $(DEMO_CPIO) | demo-deps
	@mkdir -p '$(OUT)'
	@rm -f '$(SHELL_JSON)'
	@echo "yep_slab: make shell through a pseudo-terminal and a pipe, $(DEMO_SEED_ARGS)"
	@tools/test_shell.py '$(DEMO_IMAGE)' '$(DEMO_CPIO)' '$(DEMO_SEED_ARGS)' \
		'$(SHELL_JSON)' || true
	@tools/ktap_totals.py '$(SHELL_JSON)'

demo-clean:
	rm -rf '$(BUILD)/demo' '$(OUT)/demo' '$(DEMO_JSON)'
