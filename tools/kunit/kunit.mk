# SPDX-License-Identifier: GPL-2.0
#
# make kunit: the suite, built into a kernel by the tree's own kunit.py and
# run under QEMU (tools/kunit/run_kunit.py); results as kunit.py's JSON in
# $(KUNIT_JSON), the log check in $(KUNIT_CHECKS), totals on the last line.
# Included by the top-level Makefile, which sets the knobs and TREE.

# The build dir of the suite kernel of ARCH $(1) and VARIANT $(2).
kunit_dir	= $(BUILD)/kunit/$(1)-$(TREE_NAME)$(if $(2),-$(2))
## the suite's build dir (make bench points it elsewhere)
KUNIT_DIR	?= $(call kunit_dir,$(ARCH),$(VARIANT))
KUNIT_CONFIG	:= $(if $(ROW),$(ROW),$(ARCH)-$(KTAG)$(if $(VARIANT),-$(VARIANT)))
KUNIT_JSON	:= $(call RESULT,kunit,$(KUNIT_CONFIG))
KUNIT_CHECKS	:= $(LOGS)/kunit-$(KUNIT_CONFIG).checks.json
# run_kunit.py's arguments for the suite kernel of ARCH $(1) with the
# options $(2) and the fragments $(3) added.
kunit_args	= --tree='$(TREE)' --checkout='$(CURDIR)' \
		  --kunitconfig='$(CURDIR)/.kunitconfig' --arch='$(1)' \
		  --jobs='$(JOBS)' --ccache='$(CCACHE)' \
		  $(foreach f,$(3),--kconfig-file='$(CURDIR)/$(f)') \
		  $(foreach o,$(2),--kconfig-add='$(o)')
# The arm64 kernel (no VARIANT) also has what the module and the demo need
# (DEMO_KCONFIG): make demo, demo-test and shell boot it, so CI builds one
# kernel a version.
DEMO_KCONFIG	:= tools/demo/demo.config
KUNIT_DEMO_CONFIG := $(if $(VARIANT),,$(if $(filter arm64,$(ARCH)),\
		     $(DEMO_KCONFIG)))
KUNIT_ARGS	= $(call kunit_args,$(ARCH),$(KCONFIG_ADD),$(KUNIT_DEMO_CONFIG))

.PHONY: kunit kunit-build

# run (kunit.py builds, then boots), or exec: boot the kernel as it was
# built.  The matrix passes exec for a row whose kernel an earlier row of
# the same run has just built and booted.
KUNIT_ACTION	?= run

## the KUnit suite only, by the tree's kunit.py under QEMU (ARCH, KVER, KDIR, ...)
kunit: tree
	@python3 -m tools.kunit.run_kunit $(KUNIT_ARGS) --build-dir='$(KUNIT_DIR)' \
		--action='$(KUNIT_ACTION)' \
		--json='$(KUNIT_JSON)' --checks='$(KUNIT_CHECKS)' \
		--kernel-args='page_owner=on $(KERNEL_ARGS)' \
		--qemu-args='$(QEMU_ARGS)'

# The same kernel, built and not run (make check compiles in it).
kunit-build: tree
	@python3 -m tools.kunit.run_kunit $(KUNIT_ARGS) --build-dir='$(KUNIT_DIR)' \
		--action=build
