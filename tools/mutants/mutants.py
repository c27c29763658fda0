# SPDX-License-Identifier: GPL-2.0
"""make mutants: how many SLUB mutants our suites and slub_kunit kill.

Each mutant (tools/mutants/linux-<kver>/NN-name.patch, or MUTANTS=DIR) is
one change to mm/slub.c, mm/slab_common.c or mm/slab.h: a few header lines
(What:, Claim:, Kind:, and Why: for an equivalent or project one), then a
unified diff
against the pristine source.  Every mutant is checked with patch --dry-run
against the private tree (pristine but for its wiring) before anything
runs.  Then, in a copy of that tree (a hard-link mirror made by
tools/lib/prepare-tree.sh; a file is replaced by a fresh copy before it is
patched, so a link back to the private tree is never written through), one
build dir, incremental: the pristine kernel first (the baseline: every
suite must pass), then each mutant, built and booted once with our suites
(the upstream one where the kernel builds it, and the project's) and the
kernel's slub_kunit (CONFIG_SLUB_KUNIT_TEST=y) by tools/kunit/run_kunit.py.

A suite kills a mutant when one of its cases fails or errors (kunit.py's
JSON, tools/lib/results.py's leaves(); a crash or timeout shows there as
the running case's error); it survives when every case passes or skips.
A suite that never started in the boot (an earlier suite crashed it) is
"not run" and left out of its ratio.  Equivalent mutants run too but are
not counted; the upstream suite's ratio counts the invariant ones only.  The kernel-log check is not used: slub_kunit provokes SLUB's
error reports on purpose.
"""
import argparse
import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time
from typing import Any, Dict, List, Optional, Tuple

from tools.kunit import run_kunit
from tools.lib import results
from tools.matrix.matrix import TWO_NODES

TOOLS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CLAIMS = ('sizing', 'growth', 'reuse', 'release', 'accounting', 'sheaves',
          'nodes', 'memcg', 'page_owner')
# project: a behaviour the upstream suite leaves to the project's by design
# (sysfs, page_owner, CPU hotplug, memory cgroup charges); its Why: says
# which.
KINDS = ('invariant', 'tuning', 'project', 'equivalent')
# The only files a mutant may change.
MUTABLE = ('mm/slub.c', 'mm/slab_common.c', 'mm/slab.h')
# The upstream suite (kunit/upstream/), ours, the kernel's; a kernel that
# does not build the upstream suite runs the other two (main()).
SUITES = ['slub_alloc', 'yep_slab', 'slub_test']
# What each suite's kill ratio counts: the upstream suite claims the
# invariants alone, tuning and the project's interfaces are not its.
COUNTED = {'slub_alloc': ('invariant',)}
PROJECT_TIER = ('slub_alloc', 'yep_slab')
STATE = '.yep_mutant_dirty'


def stem(out: str, kver: str) -> str:
    """OUT/mutants-arm64-KVER: the run's table (.md) and results (.json),
    where make patch's cover letter reads its kill ratio too."""
    return os.path.join(out, f'mutants-arm64-{kver}')


class Mutant:
    """One NN-name.patch: its headers and the files its diff changes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.name = os.path.basename(path)[:-len('.patch')]
        self.head: Dict[str, str] = {}
        self.files: List[str] = []
        with open(path, encoding='utf-8') as f:
            text = f.read()
        for line in text.splitlines():
            if line.startswith('--- '):
                break
            key, sep, value = line.partition(':')
            if sep and key in ('What', 'Claim', 'Kind', 'Why'):
                self.head[key] = value.strip()
        for m in re.finditer(r'^\+\+\+ b/(\S+)', text, re.M):
            self.files.append(m[1])
        self.what = self.head.get('What', '')
        self.claim = self.head.get('Claim', '')
        self.kind = self.head.get('Kind', '')

    def problems(self) -> List[str]:
        why = []
        if not self.what:
            why.append('no What: line')
        if self.claim not in CLAIMS:
            why.append(f'Claim: {self.claim!r} is none of {", ".join(CLAIMS)}')
        if self.kind not in KINDS:
            why.append(f'Kind: {self.kind!r} is none of {", ".join(KINDS)}')
        if self.kind in ('equivalent', 'project') and \
                not self.head.get('Why'):
            why.append(f'a {self.kind} mutant needs a Why: line')
        if not self.files:
            why.append('no diff (+++ b/<file>)')
        for name in self.files:
            if name not in MUTABLE:
                why.append(f'changes {name}: only {", ".join(MUTABLE)}')
        return why


def interleaved(mutants: List[Mutant]) -> List[Mutant]:
    """The run order: one mutant of each claim in turn (by name within a
    claim), so a run cut short has still tried every claim, and the
    equivalent ones (not counted) last; the table groups them by claim
    again."""
    by: Dict[str, List[Mutant]] = {}
    for m in sorted(mutants, key=lambda m: m.name):
        if m.kind != 'equivalent':
            by.setdefault(m.claim, []).append(m)
    out: List[Mutant] = []
    while any(by.values()):
        for claim in CLAIMS:
            if by.get(claim):
                out.append(by[claim].pop(0))
    return out + sorted((m for m in mutants if m.kind == 'equivalent'),
                        key=lambda m: m.name)


def sh(cmd: List[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, check=False, **kw)


def dry_run(tree: str, m: Mutant) -> Optional[str]:
    """None if M applies cleanly to TREE (nothing written), else why."""
    with open(m.path, encoding='utf-8') as f:
        r = sh(['patch', '-p1', '--dry-run', '--fuzz=0', '--force', '-d',
                tree], stdin=f)
    return None if r.returncode == 0 else r.stdout.strip().splitlines()[-1]


def fresh_copy(pristine: str, tree: str, name: str) -> None:
    """TREE/NAME becomes a new file (new inode, mtime now) holding the
    pristine content: never a hard link, so patching it writes nowhere
    else, and make sees it newer than the objects of the last mutant."""
    dst = os.path.join(tree, name)
    tmp = dst + '.yep'
    shutil.copyfile(os.path.join(pristine, name), tmp)
    os.replace(tmp, dst)


def read_dirty(tree: str) -> List[str]:
    try:
        with open(os.path.join(tree, STATE), encoding='utf-8') as f:
            return [line.strip() for line in f if line.strip()]
    except OSError:
        return []


def write_dirty(tree: str, names: List[str]) -> None:
    with open(os.path.join(tree, STATE), 'w', encoding='utf-8') as f:
        f.write(''.join(n + '\n' for n in names))


def set_tree(pristine: str, tree: str, m: Optional[Mutant]) -> None:
    """TREE as PRISTINE with M applied (or none)."""
    want = m.files if m else []
    dirty = read_dirty(tree)
    # Recorded before the files change: an interrupted run is mended by
    # the next one.
    write_dirty(tree, sorted(set(dirty) | set(want)))
    for name in sorted(set(dirty) | set(want)):
        fresh_copy(pristine, tree, name)
    if m:
        with open(m.path, encoding='utf-8') as f:
            r = sh(['patch', '-p1', '--fuzz=0', '--force',
                    '--no-backup-if-mismatch', '-d', tree], stdin=f)
        if r.returncode:
            raise RuntimeError(f'{m.name} does not apply: {r.stdout}')
    write_dirty(tree, sorted(want))


def verdict(found: results.Results, suite: str) -> Tuple[str, str]:
    """('killed', first bad case) | ('survived', '') | ('not run', '')."""
    group = results.find_suite(found, suite)
    if group is None:
        return 'not run', ''
    cases = results.leaves(group)
    if not cases:
        return 'killed', '(no case reported)'
    bad = [(name, status) for name, status in cases
           if status not in ('PASS', 'SKIP')]
    if not bad:
        return 'survived', ''
    name, status = bad[0]
    short = name[len(suite) + 1:] if name.startswith(suite) else name
    more = f' and {len(bad) - 1} more of {len(cases)}' if len(bad) > 1 else ''
    return 'killed', f'{short} ({status}){more}'


ELAPSED = re.compile(r'Elapsed time: ([\d.]+)s total, ([\d.]+)s configuring, '
                     r'([\d.]+)s building, ([\d.]+)s running')


def run_one(a: argparse.Namespace, label: str) -> Dict[str, Any]:
    """Builds and boots the tree as it is; the verdicts and times.

    A suite that never started because the other crashed the boot gets a
    boot of its own (kunit.py's filter glob, the kernel as built), and
    its verdict says so.
    """
    out = boot(a, label, '')
    for suite, v in out['suites'].items():
        if v['verdict'] != 'not run' or not out['built']:
            continue
        alone = boot(a, f'{label}-{suite}', suite)
        v.update(alone['suites'][suite])
        if v['verdict'] in ('killed', 'survived'):
            v['case'] = (v['case'] + ' ' if v['case'] else '') + \
                '(a boot of its own)'
        out['run_s'] += alone['run_s']
        out['wall_s'] += alone['wall_s']
    return out


def boot(a: argparse.Namespace, label: str, glob_: str) -> Dict[str, Any]:
    """One run_kunit.py run (a no-op build when nothing changed)."""
    json_path = os.path.join(a.out, f'{label}.json')
    log_path = os.path.join(a.out, 'logs', f'{label}.log')
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    cmd = run_kunit.command(
        a.mtree, a.checkout, a.build_dir, a.kunitconfig,
        [glob_] if glob_ else [], arch='arm64', jobs=a.jobs,
        ccache=a.ccache, json=json_path, timeout=a.timeout,
        kernel_args='page_owner=on',
        # the numa2 rows' four CPUs on two nodes: the cases of a second
        # CPU and node run
        qemu_args=TWO_NODES, kconfig_add=['CONFIG_SLUB_KUNIT_TEST=y'],
        **({'suite': glob_} if glob_ else {}))
    start = time.monotonic()
    with open(log_path, 'w', encoding='utf-8') as log:
        rc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT,
                            check=False).returncode
    wall = time.monotonic() - start
    with open(log_path, encoding='utf-8', errors='replace') as f:
        text = f.read()
    el = ELAPSED.findall(text)
    build = float(el[-1][2]) if el else wall
    run = float(el[-1][3]) if el else 0.0
    found = results.load(json_path) or {}
    built = bool(el) or 'Starting KUnit Kernel' in text
    out: Dict[str, Any] = {'wall_s': round(wall, 1), 'build_s': build,
                           'run_s': run, 'rc': rc, 'built': built,
                           'log': os.path.relpath(log_path, a.out),
                           'suites': {}}
    for suite in SUITES:
        v, case = verdict(found, suite) if built else ('not built', '')
        out['suites'][suite] = {'verdict': v, 'case': case}
    return out


def cell(v: Dict[str, str]) -> str:
    if v['verdict'] == 'killed':
        return f"killed: {v['case']}"
    return f"{v['verdict']} {v['case']}".strip()


def ratios(rows: List[Dict[str, Any]]) -> Dict[str, Tuple[int, int]]:
    out = {}
    for suite in SUITES:
        kinds = COUNTED.get(suite, ('invariant', 'tuning', 'project'))
        counted = [r for r in rows if r['kind'] in kinds and
                   r['suites'].get(suite, {}).get('verdict') in
                   ('killed', 'survived')]
        killed = [r for r in counted
                  if r['suites'][suite]['verdict'] == 'killed']
        out[suite] = (len(killed), len(counted))
    # The project tier is the project suite built on the upstream one: where
    # a kernel runs both (7.3), a mutant is its kill when either fails.
    tier = [s for s in PROJECT_TIER if s in SUITES]
    if len(tier) > 1:
        counted = [r for r in rows if r['kind'] != 'equivalent' and any(
            r['suites'].get(s, {}).get('verdict') in ('killed', 'survived')
            for s in tier)]
        killed = [r for r in counted if any(
            r['suites'][s]['verdict'] == 'killed' for s in tier)]
        out['+'.join(tier)] = (len(killed), len(counted))
    return out


def markdown(kver: str, rows: List[Dict[str, Any]], head: str) -> str:
    r = ratios(rows)
    lines = [f'# Mutants, linux {kver} (arm64)', '', head, '',
             'A kill names the first failing case in the order of '
             "kunit.py's JSON (plain cases before parameterised ones) and "
             'how many more of the suite\'s cases failed.', '',
             '| mutant | claim | kind | ' + ' | '.join(SUITES) +
             ' | build+run |',
             '|---|---|---|' + '---|' * len(SUITES) + '---|']
    for row in sorted(rows, key=lambda r: (CLAIMS.index(r['claim']),
                                           r['name'])):
        lines.append(
            f"| `{row['name']}`: {row['what']} | {row['claim']} | "
            f"{row['kind']} | " + ''.join(
                f"{cell(row['suites'][s])} | " for s in SUITES) +
            f"{row['build_s']:.0f}s + {row['run_s']:.0f}s |")
    lines += ['', 'Kill ratio (equivalent mutants and suites that did not '
              'run left out): ' + ', '.join(
                  f'{s} {k}/{n}' for s, (k, n) in r.items())]
    return '\n'.join(lines) + '\n'


def summary(kver: str, rows: List[Dict[str, Any]]) -> str:
    return f'yep_slab: mutants {kver}: ' + ', '.join(
        f'{s} killed {k}/{n}' for s, (k, n) in ratios(rows).items())


def rejudge(a: argparse.Namespace) -> int:
    """The verdicts of a finished (or cut-short) run judged again from
    the kunit.py JSON it kept, e.g. after the verdict rules changed."""
    table = stem(a.out, a.kver)
    with open(table + '.json', encoding='utf-8') as f:
        data = json.load(f)
    SUITES[:] = [s for s in SUITES if s in data['mutants'][0]['suites']]
    for row in data['mutants']:
        for suite in SUITES:
            alone = os.path.join(a.out, f"{row['name']}-{suite}.json")
            own = os.path.exists(alone)
            path = alone if own else os.path.join(a.out,
                                                  f"{row['name']}.json")
            v, case = verdict(results.load(path) or {}, suite)
            if own and v in ('killed', 'survived'):
                case = (case + ' ' if case else '') + '(a boot of its own)'
            row['suites'][suite] = {'verdict': v, 'case': case}
    rows = data['mutants']
    data['kill_ratio'] = {s: {'killed': k, 'counted': n}
                          for s, (k, n) in ratios(rows).items()}
    with open(table + '.json', 'w', encoding='utf-8') as f:
        json.dump(data, f, indent=1)
    head = data.get('head') or (
        f"{data['date']}, commit {data['commit']}, mutants from "
            f"{os.path.relpath(a.mutants, a.checkout)}; baseline build "
            f"{data['baseline']['build_s']:.0f}s + run "
            f"{data['baseline']['run_s']:.0f}s")
    md = markdown(a.kver, rows, head)
    with open(table + '.md', 'w', encoding='utf-8') as f:
        f.write(md)
    print(md, end='')
    print(summary(a.kver, rows))
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--kver', required=True, help='names the results')
    p.add_argument('--tree', required=True, help='the private tree')
    p.add_argument('--mutant-tree', dest='mtree', required=True)
    p.add_argument('--checkout', required=True)
    p.add_argument('--mutants', required=True, help='a dir of *.patch')
    p.add_argument('--build-dir', dest='build_dir', required=True)
    p.add_argument('--kunitconfig', required=True)
    p.add_argument('--out', required=True)
    p.add_argument('--jobs', default=str(os.cpu_count() or 1))
    p.add_argument('--ccache', default='1')
    p.add_argument('--timeout', default='300')
    p.add_argument('--rejudge', action='store_true',
                   help='rebuild the table and JSON from the kunit.py '
                   'results a run left in --out; nothing is built')
    a = p.parse_args()
    for attr in ('tree', 'mtree', 'checkout', 'mutants', 'build_dir',
                 'kunitconfig', 'out'):
        setattr(a, attr, os.path.abspath(getattr(a, attr)))
    if a.rejudge:
        return rejudge(a)

    paths = sorted(glob.glob(os.path.join(a.mutants, '*.patch')))
    if not paths:
        print(f'yep_slab: no mutant (*.patch) in {a.mutants}')
        return 1
    mutants = [Mutant(path) for path in paths]
    bad = 0
    for m in mutants:
        why = m.problems()
        applies = dry_run(a.tree, m) if not why else None
        if applies:
            why.append(f'does not apply to the pristine source: {applies}')
        for w in why:
            print(f'yep_slab: mutant {m.name}: {w}')
        bad += bool(why)
    if bad:
        print(f'yep_slab: {bad} mutant(s) of {a.mutants} refused, none run')
        return 1
    print(f'yep_slab: {len(mutants)} mutants of {a.mutants} apply to '
          f'the pristine source; run order: one claim after the other in '
          f'turn, equivalent ones last')
    mutants = interleaved(mutants)

    os.makedirs(os.path.dirname(a.mtree), exist_ok=True)
    r = sh([os.path.join(TOOLS, 'lib', 'prepare-tree.sh'), a.mtree,
            a.checkout, a.tree])
    if r.returncode:
        print(r.stdout, end='')
        return 1
    os.makedirs(a.out, exist_ok=True)

    # prepare-tree.sh just linked the mirror's files back to the private
    # tree's, whose mtimes are older than the objects a previous run's
    # last mutant left: refresh them all, or make keeps that mutant's
    # objects in the baseline (seen: 34's slab_common.o after a run that
    # ended with it).
    write_dirty(a.mtree, sorted(set(read_dirty(a.mtree)) | set(MUTABLE)))
    set_tree(a.tree, a.mtree, None)
    print('yep_slab: baseline (no mutant): build and boot ...', flush=True)
    base = run_one(a, 'baseline')
    # A suite the pristine kernel does not run is not built into it (the
    # upstream suite on a kernel without sheaves): left out from here on.
    SUITES[:] = [s for s in SUITES
                 if base['suites'][s]['verdict'] != 'not run']
    base['suites'] = {s: base['suites'][s] for s in SUITES}
    base_ok = all(v['verdict'] == 'survived'
                  for v in base['suites'].values())
    print(f"yep_slab: baseline: build {base['build_s']:.0f}s, run "
          f"{base['run_s']:.0f}s: " + ', '.join(
              f'{s} {cell(v)}' for s, v in base['suites'].items()),
          flush=True)
    if not base_ok:
        print(f"yep_slab: the pristine kernel does not pass its suites "
              f"(see {a.out}/{base['log']}): no mutant can be judged")
        return 1

    commit = sh(['git', '-C', a.checkout, 'rev-parse', '--short',
                 'HEAD']).stdout.strip()
    # The suites and mutants are the checkout's files as they are.
    if sh(['git', '-C', a.checkout, 'status', '--porcelain']).stdout.strip():
        commit += ' with uncommitted changes'
    date = datetime.datetime.now(datetime.timezone.utc).strftime(
        '%Y-%m-%d %H:%M UTC')
    head = (f'{date}, commit {commit}, {os.uname().nodename} '
            f'({os.cpu_count()} CPUs), mutants from '
            f'{os.path.relpath(a.mutants, a.checkout)}; baseline build '
            f"{base['build_s']:.0f}s + run {base['run_s']:.0f}s")
    table = stem(a.out, a.kver)
    rows: List[Dict[str, Any]] = []

    def report() -> str:
        """Table and JSON as they stand: rewritten after each mutant, so
        an interrupted run keeps what it measured."""
        data = {'kver': a.kver, 'arch': 'arm64', 'date': date,
                'head': head,
                'commit': commit, 'baseline': base, 'mutants': rows,
                'complete': len(rows) == len(mutants),
                'kill_ratio': {s: {'killed': k, 'counted': n}
                               for s, (k, n) in ratios(rows).items()}}
        with open(table + '.json', 'w', encoding='utf-8') as f:
            json.dump(data, f, indent=1)
        md = markdown(a.kver, rows, head)
        with open(table + '.md', 'w', encoding='utf-8') as f:
            f.write(md)
        return md

    try:
        for i, m in enumerate(mutants, 1):
            set_tree(a.tree, a.mtree, m)
            res = run_one(a, m.name)
            row = {'name': m.name, 'what': m.what, 'claim': m.claim,
                   'kind': m.kind, 'why': m.head.get('Why', ''),
                   'files': m.files, **res}
            rows.append(row)
            print(f"yep_slab: [{i}/{len(mutants)}] {m.name} ({m.kind}): "
                  f"build {res['build_s']:.0f}s + run {res['run_s']:.0f}s: "
                  + ', '.join(f'{s} {cell(v)}'
                              for s, v in res['suites'].items()),
                  flush=True)
            report()
    finally:
        set_tree(a.tree, a.mtree, None)

    md = report()
    print(md, end='')
    print(f'yep_slab: table {table}.md, results {table}.json')
    print(summary(a.kver, rows))
    return 0


if __name__ == '__main__':
    sys.exit(main())
