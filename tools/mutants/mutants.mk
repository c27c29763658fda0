# SPDX-License-Identifier: GPL-2.0
#
# make mutants: each SLUB mutant of $(MUTANTS) built into the suite's
# kernel and booted once with our suites and the kernel's slub_kunit;
# a table mutant x suite and each suite's kill ratio
# (tools/mutants/mutants.py, Documentation/mutants.rst).  The mutants are
# applied to a hard-link mirror of the private tree in
# $(BUILD)/mutants/src/, never to the private tree or a user's KDIR; one
# build dir, incremental.  Table and JSON in $(OUT)/mutants/.  Both
# suites run in 15 s on 7.3 here: a mutant that hangs the kernel is cut
# off at 120 s, not kunit.py's 600.
# Included by the top-level Makefile.

# The kernels with a mutant set of ours.
MUTANTS_KVER	:= 6.12 7.3
## make mutants: the mutant set, a directory of NN-name.patch
MUTANTS		?= $(CURDIR)/tools/mutants/linux-$(KVER)
MUTANTS_DIR	:= $(BUILD)/mutants
MUTANTS_NAME	:= $(TREE_NAME)

.PHONY: mutants

## each SLUB mutant built and booted with both suites and slub_kunit; table and kill ratios in OUT/mutants/ (arm64)
mutants: tree
	@tools/lib/host-deps.sh patch
	@python3 -m tools.mutants.mutants --kver='$(KTAG)' --tree='$(TREE)' \
		--mutant-tree='$(MUTANTS_DIR)/src/$(MUTANTS_NAME)' \
		--checkout='$(CURDIR)' --mutants='$(MUTANTS)' \
		--build-dir='$(MUTANTS_DIR)/kunit/arm64-$(MUTANTS_NAME)' \
		--kunitconfig='$(CURDIR)/.kunitconfig' \
		--out='$(OUT)/mutants/$(MUTANTS_NAME)' \
		--jobs='$(JOBS)' --ccache='$(CCACHE)' --timeout=120
