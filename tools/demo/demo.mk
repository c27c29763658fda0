# SPDX-License-Identifier: GPL-2.0
#
# make demo, demo-test, shell, shell-test, demo-compare: yep_slab.ko in the
# arm64 kernel of make kunit (KVER; tools/demo/demo.config is what it adds
# for the module) under QEMU, booted with KUnit off.  Included by the
# top-level Makefile, which defines the knobs, TREE and the `tree` target,
# after tools/guest/guest.mk (busybox, the guest's files) and
# tools/kunit/kunit.mk (kunit_dir, kunit_args, DEMO_KCONFIG).
#
#   make demo        the seed's walkthrough, twice: slub_debug=U (the seed's
#                    layout, seed vs observed step by step) and plain;
#                    transcript and plot in $(DEMO_OUT)/
#   make demo-test   the module's tests in the guest (lockdep, kmemleak,
#                    failslab on), KTAP -> $(DEMO_JSON)
#
# The demo kernel is arm64 whatever ARCH says.  Everything is rebuilt only
# when what it is made from changed: a rerun with no change only boots;
# after a change to the suite or the core, kunit.py rebuilds the kernel
# (incrementally) before the boot.
# make demo fails when pass 1 does not match the seed; make demo-test ends
# with tools/lib/results.py's "N passed, N failed, N skipped" line.

DEMO_MOD_SRC	:= $(wildcard module/*)
ifeq ($(KERNEL),)
DEMO_TAG	:= arm64-$(notdir $(TREE))
DEMO_CONFIG	:= $(if $(ROW),$(ROW),arm64-$(KTAG))
DEMO_KBUILD	:= $(call kunit_dir,arm64)
DEMO_KERNEL	:= $(DEMO_KBUILD)/.yep_slab_demo_built
DEMO_IMAGE	:= $(DEMO_KBUILD)/arch/arm64/boot/Image
DEMO_MODDIR	:= $(BUILD)/demo/module-$(DEMO_TAG)
DEMO_KO		:= $(DEMO_MODDIR)/yep_slab.ko
DEMO_CPIO	:= $(BUILD)/demo/initramfs-$(DEMO_TAG).cpio
DEMO_MM		:= $(TREE)/mm
# The kernel runs no KUnit suite at boot: the module's guest is the demo.
DEMO_BOOT	:= kunit.enable=0
# kmemleak is built in but off until asked for (tools/demo/demo.config).
DEMO_LEAKS	:= kmemleak=on
# What the kernel is made from (the suites and the core are built in).
DEMO_KERNEL_SRC	:= .kunitconfig Kconfig $(DEMO_KCONFIG) \
		   tools/lib/arch.txt $(wildcard tools/kunit/*.config \
		   kunit/* kunit/*/* module/*)
endif
# KERNEL=debian-*: Debian's own kernel under the same names; make module.
include tools/debian/debian.mk
DEMO_OUT	:= $(OUT)/demo/$(DEMO_CONFIG)
DEMO_JSON	:= $(call RESULT,demo-test,$(DEMO_CONFIG))
DEMO_LOG	:= $(LOGS)/demo-test-$(DEMO_CONFIG)-console.log
DEMO_DEPS	:= $(BUILD_DEPS) $(call ARCH_DEPS,arm64) gnuplot-nox
## make demo-compare: the kernels whose staircases it draws side by side
COMPARE_KVERS	?= 6.1 6.12 7.3
## make demo-compare: Debian's own kernels drawn beside them (KERNEL names; empty: none)
COMPARE_KERNELS	?= debian-6.1 debian-6.12 debian-6.12-16k debian-6.12-rt

# Kernel command lines: pass 1 gives the seed's layout (tools/demo/seed.txt's
# debug_layout) to yep_slab_cache alone; pass 2 is plain.
DEMO_SEED_ARGS	:= $(DEMO_BOOT) slub_debug=U,yep_slab_cache page_owner=on
DEMO_PLAIN_ARGS	:= $(DEMO_BOOT) page_owner=on
# The module's tests: the seed's layout, and failslab on the cache from
# boot ('A'), since 6.1 cannot set it at run time.
DEMO_TEST_ARGS	:= $(DEMO_BOOT) $(DEMO_LEAKS) slub_debug=UA,yep_slab_cache \
		   page_owner=on
## seconds each make demo guest may take
DEMO_TIMEOUT	?= 300
## seconds the make demo-test guest may take
DEMO_TEST_TIMEOUT ?= 900

.PHONY: demo demo-test demo-deps demo-kernel demo-clean shell shell-test \
	demo-compare

demo-deps:
	@tools/lib/host-deps.sh $(DEMO_DEPS)

ifeq ($(KERNEL),)
# make kunit-build ARCH=arm64's kernel, without the caller's options.
$(DEMO_KERNEL): $(DEMO_KERNEL_SRC) | tree demo-deps
	@python3 -m tools.kunit.run_kunit $(call kunit_args,arm64,,$(DEMO_KCONFIG)) \
		--build-dir='$(DEMO_KBUILD)' --action=build
	@touch '$@'

# From a copy of module/: 6.12 builds external modules in their source
# folder, and generated files stay out of the checkout.
$(DEMO_KO): $(DEMO_MOD_SRC) $(DEMO_KERNEL)
	@rm -rf '$(DEMO_MODDIR)'
	@mkdir -p '$(DEMO_MODDIR)'
	@cp -p $(DEMO_MOD_SRC) '$(DEMO_MODDIR)/'
	@tools/lib/kmake.sh '$(TREE)' '$(abspath $(DEMO_KBUILD))' arm64 '$(CCACHE)' \
		-j'$(JOBS)' -s M='$(abspath $(DEMO_MODDIR))' modules
	@echo 'yep_slab: built $(DEMO_KO)'
endif

$(DEMO_CPIO): $(DEMO_KO) $(GUEST_BUSYBOX) $(GUEST_FILES) | demo-deps
	@tools/guest/initramfs.sh '$@' '$(DEMO_KBUILD)' '$(GUEST_BUSYBOX)' \
		'$(GUEST_ROOTFS)' '$(DEMO_KO)' $(GUEST_DATA)

## the seed's walkthrough in a QEMU arm64 guest, twice (the seed's layout and plain): seed vs observed
demo: $(DEMO_KERNEL) $(DEMO_CPIO) | demo-deps
	@tools/demo/passes.sh '$(DEMO_IMAGE)' '$(DEMO_CPIO)' '$(DEMO_OUT)' \
		'$(DEMO_TIMEOUT)' '$(DEMO_SEED_ARGS)' '$(DEMO_PLAIN_ARGS)'
	@python3 -m tools.demo.report '$(DEMO_OUT)/pass1-console.log' \
		'$(DEMO_OUT)/pass2-console.log' '$(DEMO_OUT)' '$(DEMO_MM)'

## the demo's kernel, built: make kunit's arm64 kernel (make demo builds it when needed)
demo-kernel: $(DEMO_KERNEL)

# Two CPUs, so that the concurrent writers really run at once.
## the demo module's tests in a guest booted with lockdep, kmemleak and failslab
demo-test: $(DEMO_KERNEL) $(DEMO_CPIO) | demo-deps
	@mkdir -p '$(RESULTS)'
	@rm -f '$(DEMO_JSON)'
	@echo "yep_slab: module tests, $(DEMO_TEST_ARGS), lockdep and kmemleak on"
	@tools/guest/boot.sh '$(DEMO_IMAGE)' '$(DEMO_CPIO)' '$(DEMO_LOG)' \
		'$(DEMO_TEST_TIMEOUT)' 2 '$(DEMO_TEST_ARGS) yep=test' || true
	@python3 -m tools.guest.console_ktap '$(DEMO_LOG)' '$(TREE)' '$(DEMO_JSON)' || true
	@python3 -m tools.lib.results '$(DEMO_JSON)'

# make shell: a shell on the demo guest's console, the seed's layout by
# default (KERNEL_ARGS= chooses another boot line); make shell-test
# drives it through a pseudo-terminal and a pipe.
SHELL_ARGS	:= $(if $(KERNEL_ARGS),$(DEMO_BOOT) $(KERNEL_ARGS),$(DEMO_SEED_ARGS))
SHELL_JSON	:= $(call RESULT,shell-test,$(DEMO_CONFIG))

## a shell in the demo guest on this terminal: type the seed's commands
shell: $(DEMO_KERNEL) $(DEMO_CPIO) | demo-deps
	@tools/demo/shell-session.sh '$(DEMO_IMAGE)' '$(DEMO_CPIO)' '$(SHELL_ARGS)'

## make shell driven through a pseudo-terminal and a pipe, checked
shell-test: $(DEMO_KERNEL) $(DEMO_CPIO) | demo-deps
	@mkdir -p '$(RESULTS)'
	@rm -f '$(SHELL_JSON)'
	@echo "yep_slab: make shell through a pseudo-terminal and a pipe, $(DEMO_SEED_ARGS)"
	@python3 -m tools.demo.shell_check '$(DEMO_IMAGE)' '$(DEMO_CPIO)' \
		'$(DEMO_SEED_ARGS)' '$(SHELL_JSON)' || true
	@python3 -m tools.lib.results '$(SHELL_JSON)'

## make demo on each of COMPARE_KVERS and COMPARE_KERNELS, then their staircases in one figure and one table
demo-compare:
	@mkdir -p '$(LOGS)'
	@for v in $(addprefix KVER=,$(COMPARE_KVERS)) \
		$(addprefix KERNEL=,$(COMPARE_KERNELS)); do \
		log='$(LOGS)/demo-compare-'$${v#*=}.log; \
		$(MAKE) --no-print-directory demo $$v >"$$log" 2>&1 || \
			{ cat "$$log"; exit 1; }; \
		echo "yep_slab: make demo $$v done (log $$log)"; \
	done
	@python3 -m tools.demo.compare '$(OUT)/demo' $(COMPARE_KVERS) $(COMPARE_KERNELS)

demo-clean:
	rm -rf '$(BUILD)/demo' '$(OUT)/demo' '$(DEMO_JSON)'
