# SPDX-License-Identifier: GPL-2.0
#
# Checks the knobs before any target runs: an unsupported ARCH, KVER or
# KERNEL, a KDIR that is no kernel tree (make module: no build dir), a
# CCACHE other than 0 or 1, an unknown ROWS entry, a MUTANTS with no
# mutant, or an arm64-only target with another ARCH each stop make at once
# with one line naming the value and what is supported (make's exit
# status 2), before a package is installed or a file written.  Goals that
# only print or delete (help, clean, ...) are not checked.
# Included by the top-level Makefile, which sets SUPPORTED_ARCH,
# SUPPORTED_KVER and ARM64_ONLY.

KNOB_FREE_GOALS	:= all help clean distclean matrix-list
KNOB_GOALS	:= $(filter-out $(KNOB_FREE_GOALS),$(MAKECMDGOALS))

ifneq ($(KNOB_GOALS),)
ifeq ($(filter $(ARCH),$(SUPPORTED_ARCH)),)
$(error ARCH=$(ARCH) is not supported: use one of $(SUPPORTED_ARCH))
endif
ifneq ($(words $(ARCH)),1)
$(error ARCH=$(ARCH) is not supported: use one of $(SUPPORTED_ARCH))
endif
ifeq ($(KDIR),)
ifeq ($(filter $(KVER),$(SUPPORTED_KVER)),)
$(error KVER=$(KVER) is not supported: use one of $(SUPPORTED_KVER), or KDIR=<a kernel tree>)
endif
else ifeq ($(KNOB_GOALS),module)
ifeq ($(wildcard $(KDIR)/Makefile),)
$(error KDIR=$(KDIR) is no kernel build dir or headers (no Makefile))
endif
else
ifneq ($(words $(wildcard $(KDIR)/Makefile $(KDIR)/mm/slub.c $(KDIR)/tools/testing/kunit/kunit.py)),3)
$(error KDIR=$(KDIR) is not a kernel source tree (no Makefile, mm/slub.c, tools/testing/kunit/kunit.py))
endif
endif
ifneq ($(filter demo-compare,$(KNOB_GOALS)),)
KNOB_KERNELS	:= $(shell tools/debian/kernel.sh names)
ifneq ($(filter-out $(KNOB_KERNELS),$(COMPARE_KERNELS)),)
$(error COMPARE_KERNELS: no kernel $(filter-out $(KNOB_KERNELS),$(COMPARE_KERNELS)): use some of $(KNOB_KERNELS))
endif
endif
ifneq ($(KERNEL),)
KNOB_KERNELS	:= $(shell tools/debian/kernel.sh names)
ifeq ($(filter $(KERNEL),$(KNOB_KERNELS)),)
$(error KERNEL=$(KERNEL) is not supported: use one of $(KNOB_KERNELS))
endif
ifneq ($(filter-out $(KERNEL_GOALS),$(KNOB_GOALS)),)
$(error KERNEL=$(KERNEL) applies to make $(KERNEL_GOALS) only, not make $(filter-out $(KERNEL_GOALS),$(KNOB_GOALS)))
endif
endif
ifneq ($(filter fresh-root,$(KNOB_GOALS)),)
ifeq ($(filter $(RELEASE),$(FRESH_RELEASES)),)
$(error RELEASE=$(RELEASE) is not supported: use one of $(FRESH_RELEASES))
endif
endif
ifeq ($(filter $(CCACHE),0 1),)
$(error CCACHE=$(CCACHE) is not supported: use 0 or 1)
endif
ifneq ($(filter $(ARM64_ONLY),$(KNOB_GOALS)),)
ifneq ($(ARCH),arm64)
$(error make $(filter $(ARM64_ONLY),$(KNOB_GOALS)) runs on arm64 only (ARCH=$(ARCH)): leave ARCH out, or use make kunit ARCH=$(ARCH))
endif
endif
# 6.1's KUnit keeps each case's log in 512 bytes (KUNIT_LOG_SIZE), so
# the results make quick reads from debugfs come out cut short there.
ifneq ($(filter quick quick-kernel,$(KNOB_GOALS)),)
ifeq ($(KDIR),)
ifeq ($(filter $(KVER),$(QUICK_KVER)),)
$(error make quick runs on KVER=$(QUICK_KVER) (KVER=$(KVER): its KUnit cuts each case's debugfs log at 512 bytes): use make kunit KVER=$(KVER))
endif
endif
endif
ifneq ($(filter patch patch-test,$(KNOB_GOALS)),)
ifneq ($(KDIR),)
$(error make $(filter patch patch-test,$(KNOB_GOALS)) works on Debian's sources (PATCH_KVERS=$(PATCH_SUPPORTED)), not KDIR)
endif
ifneq ($(filter-out $(PATCH_SUPPORTED),$(PATCH_KVERS)),)
$(error PATCH_KVERS=$(PATCH_KVERS) is not supported: use some of $(PATCH_SUPPORTED))
endif
ifeq ($(PATCH_KVERS),)
$(error PATCH_KVERS is empty: use some of $(PATCH_SUPPORTED))
endif
endif
ifneq ($(filter mutants,$(KNOB_GOALS)),)
ifeq ($(wildcard $(MUTANTS)/*.patch),)
ifeq ($(origin MUTANTS),file)
$(error make mutants has mutant sets for KVER=$(MUTANTS_KVER), not KVER=$(KVER): bring one with MUTANTS=DIR)
else
$(error MUTANTS=$(MUTANTS) holds no mutant (NN-name.patch))
endif
endif
endif
ifneq ($(filter matrix,$(KNOB_GOALS)),)
KNOB_ROWS	:= $(shell python3 -m tools.matrix.matrix list)
KNOB_BAD_ROWS	:= $(filter-out $(KNOB_ROWS),$(ROWS))
ifneq ($(KNOB_BAD_ROWS),)
$(error ROWS: no row $(KNOB_BAD_ROWS): see make matrix-list)
endif
endif
endif
