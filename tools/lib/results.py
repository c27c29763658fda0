# SPDX-License-Identifier: GPL-2.0
"""The results of every target, in one scheme: OUT/results/TARGET-CONFIG.json,
kunit.py --json (file_of()); the one loader of such a file (load()); its
leaf cases (leaves()); and the "N passed, N failed, N skipped" line they
sum to, the last line of make test, make matrix, CI and the other runs:

  python3 -m tools.lib.results RESULT.json...

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
Results = Dict[str, Any]


def dir_of(out: str) -> str:
    """OUT's results directory: make's $(RESULTS)."""
    return os.path.join(out, 'results')


def file_of(results: str, target: str, config: str) -> str:
    """Where TARGET's results of CONFIG (ARCH-KVER[-VARIANT], a matrix
    row's name without its target, a KERNEL name) go in the directory
    RESULTS: make's $(call RESULT,TARGET,CONFIG) (the Makefile)."""
    return os.path.join(results, f'{target}-{config}.json')


def checks_of(out: str, config: str) -> str:
    """Where make kunit's kernel-log verdict and skip reasons of CONFIG
    go (run_kunit.py --checks, make's KUNIT_CHECKS)."""
    return os.path.join(out, 'logs', f'kunit-{config}.checks.json')


def read(file: str) -> Tuple[Optional[Results], str]:
    """The JSON at FILE (a kunit.py results file or one of ours), or None
    and why not when it is missing or unreadable."""
    try:
        with open(file, encoding='utf-8') as f:
            data: Results = json.load(f)
    except (OSError, ValueError) as err:
        return None, str(err)
    return data, ''


def load(file: str) -> Optional[Results]:
    """read()'s JSON alone: None when there is none."""
    return read(file)[0]


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
    results = load(path) or {'name': 'KUnit Test Group', 'sub_groups': [],
                             'test_cases': []}
    results.setdefault('sub_groups', []).append({
        'name': 'run', 'sub_groups': [],
        'test_cases': [{'name': 'ran_to_the_end', 'status': 'ERROR',
                        'log': why}]})
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(results, f, indent=4)


def failed_cases(path: str) -> int:
    """The cases of PATH that did not pass or skip (0 without results)."""
    results = load(path)
    if results is None:
        return 0
    return sum(status not in ('PASS', 'SKIP')
               for _, status in leaves(results))


def totals(paths: List[str]) -> Tuple[Totals, List[str]]:
    """The counts of PATHS by status, and a line for each file without
    results and each case that did not pass or skip."""
    count: Totals = {'PASS': 0, 'FAIL': 0, 'SKIP': 0, 'ERROR': 0}
    bad: List[str] = []
    for path in paths:
        results, why = read(path)
        if results is None:
            count['ERROR'] += 1
            bad.append(f'{path}: no results ({why})')
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
        print('usage: python3 -m tools.lib.results RESULT.json...',
              file=sys.stderr)
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
