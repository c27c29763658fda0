# SPDX-License-Identifier: GPL-2.0
#
# make bench: wall times of raw kunit.py against make kunit and make quick
# (tools/bench/bench.sh; about 20 minutes: five cold kernel builds).  Logs
# and results in $(BUILD)/bench.  Included by the top-level Makefile.

.PHONY: bench

## raw kunit.py against make kunit and make quick, timed (about 20 minutes)
bench: tree
	@tools/bench/bench.sh '$(TREE)' '$(BUILD)/bench' \
		$(foreach f,$(KUNIT_DEMO_CONFIG),'$(CURDIR)/$(f)')
