# SPDX-License-Identifier: GPL-2.0
#
# make module, and Debian's own arm64 kernels for make demo, demo-test and
# shell (KERNEL=debian-*, the rows of tools/debian/kernels.txt).  Included
# by tools/demo/demo.mk: with KERNEL set, in place of the demo kernel it
# builds, under the same DEMO_* names, so that the demo's rules boot
# Debian's Image with the module built against Debian's headers.

DEBIAN_DEPS	:= dwarves

.PHONY: module debian-deps

debian-deps:
	@tools/lib/host-deps.sh $(DEBIAN_DEPS)

# make module's KDIR: a build dir or headers (default the running kernel's)
MODULE_KDIR	:= $(if $(KDIR),$(KDIR),/lib/modules/$(shell uname -r)/build)
MODULE_OUT	:= $(BUILD)/module/$(shell realpath -m '$(MODULE_KDIR)' | md5sum | cut -c1-8)

## yep_slab.ko against a kernel build dir or a distribution's headers (KDIR); Debian's get their mm/slab.h
module: debian-deps
	@tools/debian/kernel.sh kdir '$(MODULE_KDIR)' '$(MODULE_OUT)' \
		'$(BUILD)/debian/slab-h' \
		$(if $(filter command line,$(origin ARCH)),'$(ARCH)')

ifneq ($(KERNEL),)
DEBIAN_DIR	:= $(BUILD)/debian/$(KERNEL)
DEMO_TAG	:= $(KERNEL)
DEMO_CONFIG	:= $(if $(ROW),$(ROW),$(KERNEL))
DEMO_KBUILD	:= $(DEBIAN_DIR)
DEMO_KERNEL	:= $(DEBIAN_DIR)/.fetched
DEMO_IMAGE	:= $(DEBIAN_DIR)/Image
DEMO_MODDIR	:= $(DEBIAN_DIR)/module
DEMO_KO		:= $(DEMO_MODDIR)/yep_slab.ko
DEMO_CPIO	:= $(DEBIAN_DIR)/initramfs.cpio
DEMO_MM		:= $(DEBIAN_DIR)/mm

# The tree: make demo-test's console_ktap.py parses with its kunit.py.
$(DEMO_KERNEL): tools/debian/kernels.txt | demo-deps debian-deps $(if $(filter demo-test,$(MAKECMDGOALS)),tree)
	@tools/debian/kernel.sh fetch '$(KERNEL)' '$(DEBIAN_DIR)'

$(DEMO_KO): $(DEMO_MOD_SRC) module/Makefile $(DEMO_KERNEL)
	@tools/debian/kernel.sh module '$(KERNEL)' '$(DEBIAN_DIR)'
endif
