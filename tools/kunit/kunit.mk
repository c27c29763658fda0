# SPDX-License-Identifier: GPL-2.0
#
# make kunit: the suite, built into a kernel by the tree's own kunit.py and
# run under QEMU (tools/kunit/run_kunit.py); results as kunit.py's JSON in
# $(KUNIT_JSON), the log check in $(KUNIT_CHECKS), totals on the last line.
# Included by the top-level Makefile, which sets the knobs and TREE.

KUNIT_NAME	:= $(ARCH)-$(TREE_NAME)$(if $(VARIANT),-$(VARIANT))
## the suite's build dir (make bench points it elsewhere)
KUNIT_DIR	?= $(BUILD)/kunit/$(KUNIT_NAME)
KUNIT_CONFIG	:= $(if $(ROW),$(ROW),$(ARCH)-$(KTAG)$(if $(VARIANT),-$(VARIANT)))
KUNIT_JSON	:= $(call RESULT,kunit,$(KUNIT_CONFIG))
KUNIT_CHECKS	:= $(LOGS)/kunit-$(KUNIT_CONFIG).checks.json
KUNIT_ARGS	= --tree='$(TREE)' --checkout='$(CURDIR)' \
		  --kunitconfig='$(CURDIR)/.kunitconfig' --arch='$(ARCH)' \
		  --jobs='$(JOBS)' --ccache='$(CCACHE)' \
		  $(foreach o,$(KCONFIG_ADD),--kconfig-add='$(o)')

.PHONY: kunit kunit-build

## the KUnit suite only, by the tree's kunit.py under QEMU (ARCH, KVER, KDIR, ...)
kunit: tree
	@python3 -m tools.kunit.run_kunit $(KUNIT_ARGS) --build-dir='$(KUNIT_DIR)' \
		--json='$(KUNIT_JSON)' --checks='$(KUNIT_CHECKS)' \
		--kernel-args='page_owner=on $(KERNEL_ARGS)' \
		--qemu-args='$(QEMU_ARGS)'

# The same kernel, built and not run (make check compiles in it).
kunit-build: tree
	@python3 -m tools.kunit.run_kunit $(KUNIT_ARGS) --build-dir='$(KUNIT_DIR)' \
		--action=build
