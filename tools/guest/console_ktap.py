#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Parses the module tests' KTAP from a guest console into kunit.py JSON.

Usage: console_ktap.py CONSOLE_LOG TREE OUT.json

The guest (tools/guest/rootfs/test.sh, kunit.sh) prints its KTAP between "@@ begin test"
and "@@ end test"; that block alone goes to the tree's own
`kunit.py parse --json`, which prints the usual summary and writes the
JSON that tools/kunit/totals.py sums.  A guest that never got to print its
results gives a JSON with one ERROR case saying so.
"""
import json
import os
import subprocess
import sys
from typing import List, Optional

SUITE = 'yep_slab_module'


def ktap_block(log: str) -> Optional[List[str]]:
    lines: List[str] = []
    inside = False
    with open(log, encoding='utf-8', errors='replace') as f:
        for raw in f:
            line = raw.rstrip('\r\n')
            if line.startswith('@@ begin test'):
                inside, lines = True, []
            elif line.startswith('@@ end test'):
                return lines
            elif inside:
                lines.append(line)
    return lines or None


def error_json(path: str, why: str) -> None:
    result = {'name': 'KUnit Test Group', 'sub_groups': [{
        'name': SUITE, 'sub_groups': [],
        'test_cases': [{'name': 'guest_ran_the_tests', 'status': 'ERROR',
                        'log': why}]}], 'test_cases': []}
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(result, f, indent=4)


def main(argv: List[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    log, tree, out = argv
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    block = ktap_block(log)
    if block is None:
        why = f'no KTAP from the guest in {log}'
        print(f'yep_slab: {why}', file=sys.stderr)
        error_json(out, why)
        return 1
    kunit = os.path.join(tree, 'tools', 'testing', 'kunit', 'kunit.py')
    proc = subprocess.run([sys.executable, kunit, 'parse',
                           f'--json={os.path.abspath(out)}'],
                          input='\n'.join(block) + '\n', text=True,
                          check=False)
    if not os.path.exists(out):
        error_json(out, f'kunit.py parse wrote no JSON (exit {proc.returncode})')
        return 1
    return proc.returncode


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
