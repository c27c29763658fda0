# SPDX-License-Identifier: GPL-2.0
"""Parses the module tests' KTAP from a guest console into kunit.py JSON.

Usage: python3 -m tools.guest.console_ktap CONSOLE_LOG TREE OUT.json

The guest (tools/guest/rootfs/test.sh, kunit.sh) prints its KTAP between the
marks "@@ begin test" and "@@ end test" (tools/lib/console.py); that block alone goes to the tree's own
`kunit.py parse --json`, which prints the usual summary and writes the
JSON that tools/kunit/results.py sums.  A guest that never got to print its
results, or stopped before its plan was done, gives a JSON with an ERROR
case saying so (tools/kunit/results.py's record_run_failure()).
"""
import os
import subprocess
import sys
from typing import List

from tools.lib import console, results



def main(argv: List[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    log, tree, out = argv
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    block = console.block(log, 'test')
    if os.path.exists(out):
        os.remove(out)
    if block is None:
        why = f'no KTAP from the guest in {log}'
        print(f'yep_slab: {why}', file=sys.stderr)
        results.record_run_failure(out, why)
        return 1
    kunit = os.path.join(tree, 'tools', 'testing', 'kunit', 'kunit.py')
    proc = subprocess.run([sys.executable, kunit, 'parse',
                           f'--json={os.path.abspath(out)}'],
                          input='\n'.join(block) + '\n', text=True,
                          check=False)
    if not os.path.exists(out):
        results.record_run_failure(
            out, f'kunit.py parse wrote no JSON (exit {proc.returncode})')
        return 1
    if proc.returncode and not results.failed_cases(out):
        results.record_run_failure(
            out, f'kunit.py parse exited {proc.returncode} with no failed '
            'case: the guest stopped before its plan was done')
    return proc.returncode


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
