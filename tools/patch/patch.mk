# SPDX-License-Identifier: GPL-2.0
#
# make patch: the suite as a git format-patch series for each kernel of
# PATCH_KVERS, in $(OUT)/patch/linux-<kver>/ (tools/patch/patch.py make), made
# on a git repository of Debian's pristine source ($(BUILD)/patch/src/,
# tools/patch/base.sh), never on the tree make kunit builds.
# make patch-test: each series applied with git am to the pristine
# source, checkpatch --strict, W=1 and sparse, and the tree's own kunit.py
# on arm64 (tools/patch/patch.py test); build dirs in $(BUILD)/patch/kunit/.
# Included by the top-level Makefile.

PATCH_SRC	:= $(BUILD)/patch/src
PATCH_TARBALL	= $(if $(SUITE_$(1)),$(BUILD)/pkg,/usr/src)/linux-source-$(1).tar.xz
PATCH_DEPS	:= $(BUILD_DEPS) git perl python3-ply python3-git sparse \
		   $(DEPS_arm64) \
		   $(foreach k,$(PATCH_KVERS),$(if $(SUITE_$(k)),,linux-source-$(k)))
PATCH_ARGS	= --kvers='$(PATCH_KVERS)' --src='$(PATCH_SRC)' \
		  --build='$(BUILD)/patch/kunit' --out='$(OUT)/patch' \
		  --jobs='$(JOBS)' --ccache='$(CCACHE)'

# The sign-off is read from the environment: no quoting of names.
export SIGNOFF

.PHONY: patch patch-test patch-base

patch-base:
	@tools/patch/patch.py signoff $(PATCH_ARGS)
	@tools/host-deps.sh $(PATCH_DEPS)
	@$(foreach k,$(PATCH_KVERS),\
		$(if $(SUITE_$(k)),tools/fetch-source.sh '$(k)' '$(SUITE_$(k))' \
			'$(BUILD)/pkg' &&) \
		tools/patch/base.sh '$(call PATCH_TARBALL,$(k))' \
			'$(PATCH_SRC)/linux-$(k)' &&) true

patch: patch-base
	@tools/patch/patch.py make $(PATCH_ARGS)

patch-test: patch
	@tools/patch/patch.py test $(PATCH_ARGS)
