# SPDX-License-Identifier: GPL-2.0
#
# make patch: the upstream suite (kunit/upstream/, copied as it is, and its
# tree.diff applied) as a git format-patch series in
# $(OUT)/patch/linux-<kver>/ (tools/patch/patch.py make), made on a git
# repository of Debian's pristine source ($(BUILD)/patch/src/,
# tools/patch/base.sh), never on the tree make kunit builds.
# make patch-test: the series applied with git am to the pristine source,
# checkpatch --strict, W=1 and sparse, and the tree's own kunit.py on arm64
# built in, with PREEMPT_RT, and as a module loaded in the guest
# (tools/patch/patch.py test); build dirs in $(BUILD)/patch/kunit/.
# Results: $(RESULTS)/patch-test-arm64-<kver>-<run>.json.
# Included by the top-level Makefile.

## make patch, make patch-test: the kernel of the series (7.3: the newest)
PATCH_KVERS	?= $(PATCH_SUPPORTED)
## the series' Signed-off-by, "Name <address>" (else git's user.name and user.email)
SIGNOFF		?=
PATCH_SRC	:= $(BUILD)/patch/src
PATCH_DEPS	:= $(BUILD_DEPS) git perl python3-ply python3-git sparse \
		   $(call ARCH_DEPS,arm64) \
		   $(foreach k,$(PATCH_KVERS),$(if $(SUITE_$(k)),,linux-source-$(k)))
PATCH_ARGS	= --kvers='$(PATCH_KVERS)' --src='$(PATCH_SRC)' \
		  --build='$(BUILD)/patch/kunit' --out='$(OUT)/patch' \
		  --results='$(RESULTS)' --mutants-out='$(OUT)/mutants' \
		  --jobs='$(JOBS)' --ccache='$(CCACHE)'

# The sign-off is read from the environment: no quoting of names.
export SIGNOFF

.PHONY: patch patch-test patch-base

patch-base:
	@python3 -m tools.patch.patch signoff $(PATCH_ARGS)
	@tools/lib/host-deps.sh $(PATCH_DEPS)
	@$(foreach k,$(PATCH_KVERS),\
		$(if $(SUITE_$(k)),tools/lib/fetch-deb.sh '$(SUITE_$(k))' all \
			'linux-source-$(k)' '$(BUILD)/pkg/linux-source-$(k)' &&) \
		tools/patch/base.sh '$(call SOURCE_TARBALL,$(k))' \
			'$(PATCH_SRC)/linux-$(k)' &&) true

## the suite as an in-tree kernel patch series, one per PATCH_KVERS, in OUT/patch/
patch: patch-base
	@python3 -m tools.patch.patch make $(PATCH_ARGS)

## each series applied to Debian's pristine source, checkpatch --strict, W=1, sparse, kunit.py
patch-test: patch $(GUEST_BUSYBOX)
	@python3 -m tools.patch.patch test $(PATCH_ARGS) --busybox='$(GUEST_BUSYBOX)'
