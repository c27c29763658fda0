# SPDX-License-Identifier: GPL-2.0
#
# yep_slab: the human entry point.  The kernel reads Kbuild, not this file.
# `make help` lists the targets and knobs: each public one has a "##" line
# above it, here or in the fragment beside the tool it drives (tools/*/*.mk),
# and tools/lib/help.awk prints them.  Documentation/running.rst explains.

## the architecture kunit.py builds and boots: arm64, arm, x86_64, um, riscv
ARCH		?= arm64
## Debian's linux-source to build from: 6.1, 6.12 or 7.3
KVER		?= 6.12
## your own kernel source tree instead of KVER (mirrored, never written to)
KDIR		?=
## Debian's own arm64 kernel for make demo, demo-test, shell: debian-6.12, -6.12-16k, ... (tools/debian/kernels.txt)
KERNEL		?=
## added to the booted kernel's command line, e.g. slub_debug=U
KERNEL_ARGS	?=
## added to QEMU's command line, e.g. -smp 4
QEMU_ARGS	?=
## kconfig options added to .kunitconfig, e.g. CONFIG_KFENCE=y
KCONFIG_ADD	?=
## names the build dir and results of such a kernel (e.g. kfence)
VARIANT		?=
## names a run's results instead of ARCH-KVER-VARIANT (make matrix sets it)
ROW		?=
## make matrix: the rows to run (make matrix-list); all by default
ROWS		?=
## compile through ccache: 0 or 1
CCACHE		?= 1
## parallel build jobs
JOBS		?= $(shell nproc)
## kernel trees, build dirs, fetched packages
BUILD		?= $(CURDIR)/.build
## results, logs, reports, the patch series
OUT		?= $(CURDIR)/out

# What the knobs may be; tools/check/knobs.mk turns anything else away
# before any work starts (one line, exit status 2).
# The architectures and their facts: tools/lib/arch.txt, the one table.
ARCH_TABLE	:= tools/lib/arch.txt
SUPPORTED_ARCH	:= $(shell awk '!/^\#/ && NF { print $$1 }' $(ARCH_TABLE))
SUPPORTED_KVER	:= 6.1 6.12 7.3
QUICK_KVER	:= 6.12 7.3
PATCH_SUPPORTED	:= 7.3
# Targets that boot the arm64 demo guest or build arm64 only, and the
# targets that reach one of them.
ARM64_ONLY	:= test quick quick-kernel demo demo-test demo-kernel shell \
		   shell-test demo-compare patch-test mutants
# The targets KERNEL=debian-* applies to.
KERNEL_GOALS	:= demo demo-test shell shell-test prepare

# Debian 12 ships linux-source-6.1 and -6.12; 7.3 is in trixie-backports,
# which a Debian 12 machine does not list: tools/lib/fetch-deb.sh fetches
# it once into $(BUILD)/pkg without touching the machine's apt set-up.
SUITE_7.3	:= trixie-backports
FETCH		:= $(if $(KDIR),,$(SUITE_$(KVER)))
# Where Debian's linux-source-K tarball is: installed, or fetched.
SOURCE_TARBALL	= $(if $(SUITE_$(1)),$(BUILD)/pkg/linux-source-$(1)/root)/usr/src/linux-source-$(1).tar.xz

ifeq ($(KDIR),)
TREE_NAME	:= linux-$(KVER)
TREE_FROM	:= $(call SOURCE_TARBALL,$(KVER))
KTAG		:= $(KVER)
else
TREE_NAME	:= kdir-$(shell realpath -m '$(KDIR)' | md5sum | cut -c1-8)
TREE_FROM	:= $(KDIR)
KTAG		:= $(TREE_NAME)
endif
TREE		:= $(BUILD)/src/$(TREE_NAME)

# Results: $(call RESULT,<target>,<config>), config ARCH-KVER[-VARIANT]
# (or ROW); guest consoles and log checks in $(LOGS).  The Python tools'
# side of the same scheme: tools/lib/results.py.
RESULTS		:= $(OUT)/results
LOGS		:= $(OUT)/logs
RESULT		= $(RESULTS)/$(1)-$(2).json

comma		:= ,
# $(call ARCH_DEPS,ARCH): Debian's packages of ARCH (QEMU, the compiler)
ARCH_DEPS	= $(filter-out -,$(subst $(comma), ,$(shell awk \
		  '$$1 == "$(1)" { print $$3 }' $(ARCH_TABLE))))
BUILD_DEPS	:= make gcc bc flex bison libelf-dev libssl-dev python3 \
		   xz-utils ccache
DEPS		:= $(BUILD_DEPS) $(call ARCH_DEPS,$(ARCH)) \
		   $(if $(KDIR)$(FETCH),,linux-source-$(KVER))

.PHONY: all test deps tree check-docs check help clean distclean

all: help

deps:
	@tools/lib/host-deps.sh $(DEPS)

tree: deps
	@$(if $(FETCH),tools/lib/fetch-deb.sh '$(FETCH)' all \
		'linux-source-$(KVER)' '$(BUILD)/pkg/linux-source-$(KVER)')
	@tools/lib/prepare-tree.sh '$(TREE)' '$(CURDIR)' '$(TREE_FROM)' >/dev/null

## everything that is tested: make kunit, make demo-test and make shell-test; one totals line
test:
	@rc=0; \
	$(MAKE) --no-print-directory kunit || rc=1; \
	$(MAKE) --no-print-directory demo-test || rc=1; \
	$(MAKE) --no-print-directory shell-test || rc=1; \
	echo "yep_slab: all results:"; \
	python3 -m tools.lib.results '$(KUNIT_JSON)' '$(DEMO_JSON)' '$(SHELL_JSON)' || \
		rc=1; \
	exit $$rc

include tools/kunit/kunit.mk
include tools/guest/guest.mk
include tools/kunit/quick.mk
include tools/demo/demo.mk

## the docs against their homes: README's targets and the knobs (help-test.sh), every figure (tools/check/figures.py); builds nothing
check-docs:
	@tools/check/help-test.sh
	@python3 -m tools.check.figures

## make check-docs, checkpatch --strict, sparse and W=1 (builds the KUnit kernel if need be), mypy, shellcheck, the knob tests
check: kunit-build check-docs
	@tools/check/knobs-test.sh
	@tools/lib/host-deps.sh sparse mypy shellcheck
	@tools/check/check.sh '$(TREE)' '$(KUNIT_DIR)' '$(ARCH)' '$(CCACHE)' \
		'$(DEMO_KBUILD)'

include tools/bench/bench.mk
include tools/matrix/matrix.mk
include tools/patch/patch.mk
include tools/mutants/mutants.mk
include tools/fresh/fresh.mk

## removes results, logs and reports in OUT; keeps the patch series (OUT/patch)
clean:
	@[ ! -d '$(OUT)' ] || find '$(OUT)' -mindepth 1 -maxdepth 1 ! -name patch \
		-exec rm -rf {} +

## clean, and the kernel trees, build dirs and fetched packages in BUILD
distclean: clean
	rm -rf '$(BUILD)'

## this list
help:
	@awk -f tools/lib/help.awk Makefile

include tools/check/knobs.mk
