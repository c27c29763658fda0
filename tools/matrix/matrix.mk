# SPDX-License-Identifier: GPL-2.0
#
# make matrix: the matrix's rows, CI's among them (tools/matrix/matrix.py),
# each row through make kunit or make demo-test, one after the other,
# build dirs kept, then one table.  A row sets what defines it (ARCH,
# KVER, KERNEL_ARGS, ...); only how to build (JOBS, CCACHE, BUILD, OUT)
# passes through.
# Included by the top-level Makefile.

.PHONY: matrix matrix-list prepare

# What a row needs before its kernel builds: the tree and the packages,
# the guest's busybox, and with KERNEL= Debian's kernel fetched.
# python3 -m tools.matrix.matrix prepare runs it for each kernel of its
# rows, one after the other, so that rows can then run side by side
# (.ci/run's two lanes) without two of them fetching the same thing.
prepare: tree demo-deps $(GUEST_BUSYBOX) $(if $(KERNEL),$(DEMO_KERNEL))

## the suite and the module's tests on every matrix row (ROWS= picks some), one table
matrix:
	@JOBS='$(JOBS)' CCACHE='$(CCACHE)' BUILD='$(BUILD)' OUT='$(OUT)' \
		python3 -m tools.matrix.matrix run $(ROWS)

## the matrix's rows, one a line
matrix-list:
	@python3 -m tools.matrix.matrix list
