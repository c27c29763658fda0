#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Sums kunit.py --json results into one "N passed, N failed, N skipped"
line: the last line of make test, make matrix, CI and the other runs.
A results file that is missing or unreadable counts as one failure."""
import json
import sys
from typing import Any, Dict, List, Tuple

Totals = Dict[str, int]


def leaves(group: Dict[str, Any], path: str = '') -> List[Tuple[str, str]]:
    """(name, status) of every leaf case: a parameter counts as a case."""
    here = f"{path}.{group['name']}" if path else group['name']
    out = [(f"{here}.{case['name']}", case['status'])
           for case in group.get('test_cases', [])]
    for sub in group.get('sub_groups', []):
        out += leaves(sub, here)
    return out


def totals(paths: List[str]) -> Tuple[Totals, List[str]]:
    count: Totals = {'PASS': 0, 'FAIL': 0, 'SKIP': 0, 'ERROR': 0}
    bad: List[str] = []
    for path in paths:
        try:
            with open(path, encoding='utf-8') as f:
                results = json.load(f)
        except (OSError, ValueError) as err:
            count['ERROR'] += 1
            bad.append(f'{path}: no results ({err})')
            continue
        for name, status in leaves(results):
            count[status] = count.get(status, 0) + 1
            if status not in ('PASS', 'SKIP'):
                bad.append(f'{path}: {name}: {status}')
    return count, bad


def main(argv: List[str]) -> int:
    if not argv:
        print('usage: totals.py RESULT.json...', file=sys.stderr)
        return 2
    count, bad = totals(argv)
    for line in bad:
        print(line)
    failed = count['FAIL'] + count['ERROR']
    print(f"{count['PASS']} passed, {failed} failed, "
          f"{count['SKIP']} skipped")
    return 1 if failed or not count['PASS'] else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
