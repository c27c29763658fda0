#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Sums kunit.py --json results into one "N passed, N failed, N skipped"
line: the last line of make test, make matrix, CI and the other runs.

Only the cases a results file lists are counted, so what would read as
passed when a run died is counted as failed too: a results file that is
missing, unreadable or lists no case counts as one failure, and the
runners (tools/kunit/run_kunit.py, tools/guest/console_ktap.py) record a
crash, a timeout, a cut-short log or a missing suite in the file itself
as a failed case of a group named "run" (record_run_failure()).
"""
import json
import os
import sys
from typing import Any, Dict, List, Optional, Tuple

Totals = Dict[str, int]


def leaves(group: Dict[str, Any], path: str = '') -> List[Tuple[str, str]]:
    """(name, status) of every leaf case: a parameter counts as a case."""
    here = f"{path}.{group['name']}" if path else group['name']
    out = [(f"{here}.{case['name']}", case['status'])
           for case in group.get('test_cases', [])]
    for sub in group.get('sub_groups', []):
        out += leaves(sub, here)
    return out


def find_suite(group: Dict[str, Any],
               suite: str) -> Optional[Dict[str, Any]]:
    """SUITE's group in the results, at any depth, or None."""
    if group.get('name') == suite:
        return group
    for sub in group.get('sub_groups', []):
        if (hit := find_suite(sub, suite)) is not None:
            return hit
    return None


def has_suite(group: Dict[str, Any], suite: str) -> bool:
    """Whether SUITE is a group of the results, at any depth."""
    return find_suite(group, suite) is not None


def record_run_failure(path: str, why: str) -> None:
    """Adds to the results at PATH (made if there are none) one ERROR
    case, run.ran_to_the_end, saying WHY the run itself failed."""
    results: Dict[str, Any] = {'name': 'KUnit Test Group', 'sub_groups': [],
                               'test_cases': []}
    try:
        with open(path, encoding='utf-8') as f:
            results = json.load(f)
    except (OSError, ValueError):
        pass
    results.setdefault('sub_groups', []).append({
        'name': 'run', 'sub_groups': [],
        'test_cases': [{'name': 'ran_to_the_end', 'status': 'ERROR',
                        'log': why}]})
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(results, f, indent=4)


def failed_cases(path: str) -> int:
    """The cases of PATH that did not pass or skip (0 without results)."""
    try:
        with open(path, encoding='utf-8') as f:
            results = json.load(f)
    except (OSError, ValueError):
        return 0
    return sum(status not in ('PASS', 'SKIP')
               for _, status in leaves(results))


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
        found = leaves(results)
        if not found:
            count['ERROR'] += 1
            bad.append(f'{path}: no case in the results')
        for name, status in found:
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
