# SPDX-License-Identifier: GPL-2.0
#
# yep_slab: the human entry point.  The kernel reads Kbuild, not this file.
#
#   make test                 the KUnit suite under QEMU (kunit.py run), the
#                             demo module's tests and make shell's, in a guest
#   make kunit                the KUnit suite only
#   make quick                the suite as a module, kernel not rebuilt: edit loop
#   make demo                 the seed's walkthrough in a guest, seed vs observed
#   make shell                a shell in the demo guest: type the seed's commands
#   make demo-compare         the staircase on 6.1, 6.12 and 7.3, one figure
#   make check                checkpatch --strict, sparse and W=1, the knobs
#   make bench                raw kunit.py vs make kunit and make quick, timed
#   make matrix               the suite on every CI configuration, one table
#   make patch                the suite as an in-tree kernel patch series
#                             (SIGNOFF="Name <address>", else git's identity)
#   make patch-test           that series applied, checked and run in-tree
#                             on each of PATCH_KVERS
#   make help                 everything else
#
# Knobs: ARCH=arm64|arm|x86_64|um|riscv  KVER=6.12|6.1|7.3  KDIR=/your/linux
#        KERNEL_ARGS="slub_debug=U"  QEMU_ARGS="-smp 4"  CCACHE=0|1
#        KCONFIG_ADD="CONFIG_KFENCE=y" VARIANT=kfence (own build dir)
#        ROWS="arm64-6.12 x86_64-6.12" (make matrix: a subset)
#        BUILD=.build (trees, build dirs)  OUT=out (results)
#        PATCH_KVERS="6.12 7.3" (make patch, make patch-test)

ARCH		?= arm64
KVER		?= 6.12
KDIR		?=
KERNEL_ARGS	?=
QEMU_ARGS	?=
KCONFIG_ADD	?=
VARIANT		?=
ROW		?=
ROWS		?=
CCACHE		?= 1
JOBS		?= $(shell nproc)
BUILD		?= $(CURDIR)/.build
OUT		?= $(CURDIR)/out

# What the knobs may be; tools/knobs.mk turns anything else away before
# any work starts (one line, exit status 2).
SUPPORTED_ARCH	:= arm64 arm x86_64 um riscv
SUPPORTED_KVER	:= 6.1 6.12 7.3
QUICK_KVER	:= 6.12 7.3
PATCH_SUPPORTED	:= 6.12 7.3
PATCH_KVERS	?= $(PATCH_SUPPORTED)
ARM64_ONLY	:= quick quick-kernel demo demo-test demo-kernel shell \
		   shell-test demo-compare patch-test
include tools/knobs.mk

# Debian 12 ships linux-source-6.1 and -6.12; 7.3 is in trixie-backports,
# which a Debian 12 machine does not list: tools/fetch-source.sh fetches
# it once into $(BUILD)/pkg without touching the machine's apt set-up.
SUITE_7.3	:= trixie-backports
FETCH		:= $(if $(KDIR),,$(SUITE_$(KVER)))

ifeq ($(KDIR),)
TREE_NAME	:= linux-$(KVER)
TREE_FROM	:= $(if $(FETCH),$(BUILD)/pkg,/usr/src)/linux-source-$(KVER).tar.xz
else
TREE_NAME	:= kdir-$(shell realpath -m '$(KDIR)' | md5sum | cut -c1-8)
TREE_FROM	:= $(KDIR)
endif
TREE		:= $(BUILD)/src/$(TREE_NAME)
# One build dir per arch, tree and kconfig variant; one result file per
# run (ROW names a boot-option run of the same build).
KUNIT_NAME	:= $(ARCH)-$(TREE_NAME)$(if $(VARIANT),-$(VARIANT))
KUNIT_DIR	?= $(BUILD)/kunit/$(KUNIT_NAME)
KUNIT_JSON	:= $(OUT)/kunit-$(if $(ROW),$(ROW),$(KUNIT_NAME)).json

DEPS_arm64	:= qemu-system-arm gcc-aarch64-linux-gnu
DEPS_arm	:= qemu-system-arm gcc-arm-linux-gnueabihf
DEPS_x86_64	:= qemu-system-x86
DEPS_um		:=
# riscv: QEMU's OpenSBI firmware comes with qemu-system-data
DEPS_riscv	:= qemu-system-misc gcc-riscv64-linux-gnu
BUILD_DEPS	:= make gcc bc flex bison libelf-dev libssl-dev python3 \
		   xz-utils ccache
DEPS		:= $(BUILD_DEPS) $(DEPS_$(ARCH)) \
		   $(if $(KDIR)$(FETCH),,linux-source-$(KVER))

.PHONY: all test kunit deps tree check help bench matrix matrix-list clean \
	distclean

all: help

help:
	@sed -n '3,/^$$/p' Makefile | sed 's/^# \{0,1\}//'

deps:
	@tools/host-deps.sh $(DEPS)

tree: deps
	@$(if $(FETCH),tools/fetch-source.sh '$(KVER)' '$(FETCH)' '$(BUILD)/pkg')
	@tools/prepare-tree.sh '$(TREE)' '$(CURDIR)' '$(TREE_FROM)' >/dev/null

# The suite, built into a kernel by the tree's own kunit.py and run under
# QEMU; results as JSON in $(KUNIT_JSON), totals on the last line
# (run_kunit.py prints them).
kunit: tree
	@tools/run_kunit.py --tree='$(TREE)' --checkout='$(CURDIR)' \
		--build-dir='$(KUNIT_DIR)' --kunitconfig='$(CURDIR)/.kunitconfig' \
		--json='$(KUNIT_JSON)' --arch='$(ARCH)' --jobs='$(JOBS)' \
		--kernel-args='page_owner=on $(KERNEL_ARGS)' --qemu-args='$(QEMU_ARGS)' \
		$(foreach o,$(KCONFIG_ADD),--kconfig-add='$(o)') \
		--ccache='$(CCACHE)'

# Everything that is tested: the suite (kunit.py), the demo module's
# tests in a guest and make shell through a pseudo-terminal
# (tools/demo.mk); totals of all on the last line.
test:
	@rc=0; \
	$(MAKE) --no-print-directory kunit || rc=1; \
	$(MAKE) --no-print-directory demo-test || rc=1; \
	$(MAKE) --no-print-directory shell-test || rc=1; \
	echo "yep_slab: all results:"; \
	tools/ktap_totals.py '$(KUNIT_JSON)' '$(DEMO_JSON)' '$(SHELL_JSON)' || \
		rc=1; \
	exit $$rc

CROSS_arm64	:= aarch64-linux-gnu-
CROSS_arm	:= arm-linux-gnueabihf-
CROSS_riscv	:= riscv64-linux-gnu-

check: tree
	@tools/test-knobs.sh
	@tools/host-deps.sh sparse mypy shellcheck
	@tools/check.sh '$(TREE)' '$(KUNIT_DIR)' '$(ARCH)' '$(CROSS_$(ARCH))' \
		'$(DEMO_KBUILD)'

include tools/demo.mk
include tools/quick.mk
include tools/patch/patch.mk

# Wall times of raw kunit.py against make kunit and make quick (about 20
# minutes: five cold kernel builds).  Logs and results in $(BUILD)/bench.
bench: tree
	@tools/bench.sh '$(TREE)' '$(BUILD)/bench'

# The CI matrix (tools/matrix.py): each row through make kunit, serially,
# build dirs kept, then one table.  ROWS= picks rows; see make matrix-list.
# A row sets what defines it (ARCH, KVER, KERNEL_ARGS, ...); only how to
# build (JOBS, CCACHE, BUILD, OUT) passes through.
matrix:
	@JOBS='$(JOBS)' CCACHE='$(CCACHE)' BUILD='$(BUILD)' OUT='$(OUT)' \
		tools/matrix.py run $(ROWS)

matrix-list:
	@tools/matrix.py list

clean:
	rm -rf '$(OUT)'

distclean: clean
	rm -rf '$(BUILD)'
