# SPDX-License-Identifier: GPL-2.0
"""yep_slab's host tools layer: what more than one tool reads or writes.

- results: the result-file scheme (out/results/TARGET-CONFIG.json), the
  one loader of kunit.py JSON, its leaves, and the totals line;
- console: the guest console's marker lines (written by
  tools/guest/rootfs/marks.sh, read here);
- progress: the heartbeat of long steps (python3 -m tools.lib.progress).

Every Python tool is a module of the package tree rooted at the checkout's
top and runs from there as ``python3 -m tools.<folder>.<name>`` (make's
recipes and .ci/run do; elsewhere ``PYTHONPATH=<top>``): no tool edits
sys.path.
"""
