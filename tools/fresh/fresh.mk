# SPDX-License-Identifier: GPL-2.0
#
# make fresh-root: README.md's "Run it" commands (make demo, then make
# test) on a fresh Debian machine, a root of RELEASE made for the run
# under $(BUILD)/roots/ (tools/fresh/fresh-root.sh).  Long: every kernel
# is built cold there.  Included by the top-level Makefile.

## make fresh-root: the Debian release of the fresh root, bookworm or trixie
RELEASE		?= trixie
FRESH_RELEASES	:= bookworm trixie

.PHONY: fresh-root

## README's make demo and make test in a fresh Debian root (RELEASE) from a clone of HEAD; all kernels cold
fresh-root:
	@tools/fresh/fresh-root.sh '$(RELEASE)' '$(BUILD)/roots/fresh-$(RELEASE)' \
		'$(LOGS)/fresh-root-$(RELEASE).log'
