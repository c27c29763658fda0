# SPDX-License-Identifier: GPL-2.0
"""The matrix: each row is one `make kunit` (the suites) or one
`make demo-test` (the module's tests) on its configuration; some rows are
CI's.  From the checkout's top:

  python3 -m tools.matrix.matrix list [--ci] [--kernel K... | --not-kernel K...]
  python3 -m tools.matrix.matrix prepare ROW...
  python3 -m tools.matrix.matrix run [--until EPOCH] [--kill-at EPOCH] [ROW...]

(--help on any says what each option does.)

Rows of one kernel build (same ARCH, KVER, VARIANT) share its build dir, so
boot-option rows cost a boot each and a rerun is incremental.  Each row sets
every variable that defines it: neither the caller's make command line
(MAKEFLAGS) nor its environment changes what a row name means.  Per row:
out/results/TARGET-CONFIG.json (kunit.py --json; CONFIG is the row's name
without its target), the kernel-log check run_kunit.py wrote
(out/logs/kunit-CONFIG.checks.json) and out/matrix/ROW.log; the table
also goes to out/matrix/table.md.
"""
import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from typing import Dict, List, NamedTuple, Set, Tuple

from tools.lib import results

OUT = os.environ.get('OUT', 'out')


class Row(NamedTuple):
    name: str
    make_vars: Dict[str, str]
    proves: str
    target: str     # kunit: the suite; demo-test: the module's tests
    ci: bool        # run by .ci/run (the rest: make matrix, the workflow)

    @property
    def config(self) -> str:
        """What names the row's results: ARCH-KVER[-...], no target."""
        return self.name.removeprefix(f'{self.target}-')

    @property
    def kernel(self) -> str:
        """The kernel the row boots: ARCH-KVER[-VARIANT], or KERNEL (one of
        Debian's).  Rows of one kernel share its build."""
        v = {**ROW_VARS, **self.make_vars}
        return v['KERNEL'] or '-'.join(
            x for x in (v['ARCH'], v['KVER'], v['VARIANT']) if x)


def row(name: str, proves: str, ci: bool = False, target: str = 'kunit',
        **make_vars: str) -> Row:
    return Row(name if target == 'kunit' else f'{target}-{name}', make_vars,
               proves, target, ci)


# Two NUMA nodes of two CPUs each, as QEMU arguments (also make mutants').
with open(os.path.join(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))), 'guest', 'two-nodes.qemu'),
        encoding='utf-8') as _f:
    TWO_NODES = _f.read().strip()

# The CI rows are chosen to fit .ci/run's 90 minutes cold on 2 cores (see
# Documentation/ci.rst): every kernel's default row and module
# tests, 32-bit arm on 7.3, and the boot-option rows (a boot each).  The
# list keeps the kernels together so a rerun reuses each build dir.
ROWS = [
    row('arm64-7.3', 'Linux 7.3: sheaves, both suites, page_owner',
        ci=True, KVER='7.3'),
    row('arm64-7.3-slub_debug', '7.3, debug on every cache: no sheaves, '
        'exact counts, sheaf cases skip', ci=True, KVER='7.3',
        KERNEL_ARGS='slub_debug'),
    row('arm64-7.3-smp4', '7.3 on 4 CPUs: min_objects from the CPU count, '
        'one CPU\'s frees served to another by the barn, a CPU taken '
        'offline', ci=True, KVER='7.3',
        QEMU_ARGS='-smp 4'),
    row('arm64-7.3-numa2', '7.3 on 4 CPUs on two nodes: node-directed '
        'allocations past the sheaves, remote frees to their own slabs',
        ci=True, KVER='7.3', QEMU_ARGS=TWO_NODES),
    row('arm-7.3', '7.3 32-bit: sheaf capacity 11 against 8 a slab, '
        'held objects over more slabs', ci=True, ARCH='arm', KVER='7.3'),
    row('arm64-7.3', 'the module on 7.3: ABI, errors, failslab, '
        'unload, lockdep and kmemleak', ci=True, target='demo-test',
        KVER='7.3'),
    row('x86_64-7.3', '7.3 on x86-64', ARCH='x86_64', KVER='7.3'),
    row('um-7.3', '7.3 on UML', ARCH='um', KVER='7.3'),
    row('riscv-7.3', '7.3 on riscv64', ARCH='riscv', KVER='7.3'),
    row('arm64-7.3-kasan', '7.3 with KASAN generic: sizes grown, '
        'capacity 4 still', KVER='7.3', VARIANT='kasan',
        KCONFIG_ADD='CONFIG_KASAN=y CONFIG_KASAN_GENERIC=y'),
    row('arm64-7.3-kfence', '7.3 with KFENCE: the cache keeps out',
        KVER='7.3', VARIANT='kfence', KCONFIG_ADD='CONFIG_KFENCE=y'),
    row('arm64-7.3-stats', '7.3 two nodes, SLUB_STATS and random '
        'freelists: SLUB\'s own counters confirm each free path, a new '
        'slab hands out its random sequence', KVER='7.3', VARIANT='stats',
        KCONFIG_ADD='CONFIG_SLUB_STATS=y CONFIG_SLAB_FREELIST_RANDOM=y',
        QEMU_ARGS=TWO_NODES),
    row('arm64-7.3-slub_tiny', '7.3 SLUB_TINY: no sheaves, order 1',
        KVER='7.3', VARIANT='slub_tiny',
        KCONFIG_ADD='CONFIG_EXPERT=y CONFIG_SLUB_TINY=y '
        'CONFIG_SLUB_DEBUG=n'),
    row('arm64-6.12', 'the default: every case, page_owner included'),
    row('arm64-6.12-slub_debug',
        'boot-time debug on every cache (FZPU): sizes 4288, exact counts',
        ci=True, KERNEL_ARGS='slub_debug'),
    row('arm64-6.12-slub_debug_FZPU', 'the same, the flags named',
        ci=True, KERNEL_ARGS='slub_debug=FZPU'),
    row('arm64-6.12-slab_nomerge', 'merging off for every cache',
        ci=True, KERNEL_ARGS='slab_nomerge'),
    row('arm64-6.12-slub_max_order_1',
        'order 1: 2 objects a slab (1 for debug sizes), model follows',
        ci=True, KERNEL_ARGS='slub_max_order=1'),
    row('arm64-6.12-slub_min_objects_32',
        'min_objects 32 asks for order 5, capped at max_order 3',
        ci=True, KERNEL_ARGS='slub_min_objects=32'),
    row('arm64-6.12-numa2', '4 CPUs on two nodes: node-directed '
        'allocations, remote frees to this CPU\'s partial list',
        ci=True, QEMU_ARGS=TWO_NODES),
    row('arm64-6.12-smp4', '4 CPUs: min_objects from the CPU count, '
        'per-CPU slabs, reuse pinned to one CPU, a CPU taken offline',
        ci=True,
        QEMU_ARGS='-smp 4'),
    row('arm64-6.12', 'the module on 6.12 (make test runs it)',
        target='demo-test'),
    row('debian-6.12', "Debian's own 6.12 kernel as it ships: the module "
        "built against its headers package, mm/slab.h fetched to match",
        ci=True, target='demo-test', KERNEL='debian-6.12'),
    row('arm64-6.1', 'Linux 6.1 LTS: older SLUB order rules, no '
        'SLAB_NO_MERGE', ci=True, KVER='6.1'),
    row('arm64-6.1', 'the module on 6.1: failslab set at boot',
        ci=True, target='demo-test', KVER='6.1'),
    row('arm-6.12', '32-bit: 4-byte pointers, smaller struct track, highmem',
        ARCH='arm'),
    row('x86_64-6.12', '64-bit x86: 4 KiB pages, 64-byte lines',
        ARCH='x86_64'),
    row('um-6.12', 'UML: no QEMU, one CPU', ARCH='um'),
    row('riscv-6.12', 'riscv64 (QEMU virt, OpenSBI): another page-table '
        'and cache-line setup, derived as elsewhere', ARCH='riscv'),
    row('arm64-6.12-kasan',
        'KASAN generic: its metadata in the size; reuse skips (quarantine)',
        VARIANT='kasan',
        KCONFIG_ADD='CONFIG_KASAN=y CONFIG_KASAN_GENERIC=y'),
    row('arm64-6.12-kfence', 'KFENCE on: the cache keeps out of its pool',
        VARIANT='kfence', KCONFIG_ADD='CONFIG_KFENCE=y'),
    row('arm64-6.12-stats', 'two nodes, SLUB_STATS and random '
        'freelists: SLUB\'s own counters confirm each free path, a new '
        'slab hands out its random sequence', VARIANT='stats',
        KCONFIG_ADD='CONFIG_SLUB_STATS=y CONFIG_SLAB_FREELIST_RANDOM=y',
        QEMU_ARGS=TWO_NODES),
    row('arm64-6.12-slub_tiny',
        'SLUB_TINY: no per-CPU slabs, no debug; order 1',
        VARIANT='slub_tiny',
        KCONFIG_ADD='CONFIG_EXPERT=y CONFIG_SLUB_TINY=y '
        'CONFIG_SLUB_DEBUG=n'),
]

# What defines a row; a row's own values override these.
ROW_VARS = {'ARCH': 'arm64', 'KVER': '6.12', 'KDIR': '', 'KERNEL_ARGS': '',
            'QEMU_ARGS': '', 'KCONFIG_ADD': '', 'VARIANT': '', 'KERNEL': ''}



class Result(NamedTuple):
    row: Row
    passed: int
    failed: int
    skipped: int
    reasons: List[Tuple[str, str]]
    log: str
    seconds: float
    rc: int


def stop(pid: int) -> None:
    """Ends a row's make and everything it started."""
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass


def log_check(r: Row) -> Tuple[str, List[Tuple[str, str]]]:
    """The kernel-log verdict and skip reasons run_kunit.py wrote for a
    kunit row (make kunit's KUNIT_CHECKS); the demo's tests check the log
    as cases of their own."""
    if r.target != 'kunit':
        return 'clean', []
    data = results.load(results.checks_of(OUT, r.config))
    if data is None:
        return 'none', []
    return str(data['log']), [(str(c), str(w)) for c, w in data['skipped']]


def make_command(r: Row, target: str) -> List[str]:
    """make TARGET with every variable that defines row R."""
    cmd = ['make', '--no-print-directory', target, f'ROW={r.config}',
           f'OUT={os.path.abspath(OUT)}']
    return cmd + [f'{k}={v}' for k, v in {**ROW_VARS, **r.make_vars}.items()]


def make_env() -> Dict[str, str]:
    """The environment without the caller's make command line."""
    return {k: v for k, v in os.environ.items()
            if k not in ('MAKEFLAGS', 'MAKEOVERRIDES', 'MFLAGS')}


def run_row(r: Row, kill_at: float, built: bool) -> Result:
    """Row R by its make command; BUILT: its kernel was built and booted
    by an earlier row of this run, so kunit.py only boots it (exec)."""
    log_path = os.path.join(OUT, 'matrix', r.name + '.log')
    json_path = results.file_of(results.dir_of(OUT), r.target, r.config)
    cmd = make_command(r, r.target)
    if built and r.target == 'kunit':
        cmd.append('KUNIT_ACTION=exec')
    env = make_env()
    print(f'yep_slab: matrix row {r.name}: {" ".join(cmd)}', flush=True)
    start = time.monotonic()
    if os.path.exists(json_path):
        os.remove(json_path)
    with open(log_path, 'w', encoding='utf-8') as out:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True,
                                stderr=subprocess.STDOUT, errors='replace',
                                env=env, start_new_session=True)
        killer = threading.Timer(max(kill_at - time.time(), 0), stop,
                                 (proc.pid,))
        if kill_at != float('inf'):
            killer.start()
        assert proc.stdout is not None
        for line in proc.stdout:
            out.write(line)
            print(line, end='', flush=True)
        rc = proc.wait()
        killer.cancel()
    log, reasons = log_check(r)
    if rc and time.time() >= kill_at:
        log = 'stopped: out of CI time'
    seconds = time.monotonic() - start
    count, _ = results.totals([json_path])
    return Result(r, count['PASS'], count['FAIL'] + count['ERROR'],
                  count['SKIP'], reasons, log, seconds, rc)


def not_run(r: Row) -> Result:
    return Result(r, 0, 0, 0, [], 'not run: out of CI time', 0.0, 0)


def reasons(skipped: List[Tuple[str, str]]) -> str:
    """'reason (case, case)' per distinct reason."""
    by: Dict[str, List[str]] = {}
    for case, why in skipped:
        by.setdefault(why, []).append(case.split('.', 1)[-1])
    return '; '.join(f'{why} ({", ".join(cases)})'
                     for why, cases in by.items())


def table(results: List[Result]) -> str:
    lines = ['| configuration | passed | failed | skipped | kernel log '
             '| time | skip reasons |',
             '|---|---|---|---|---|---|---|']
    for res in results:
        lines.append(f'| {res.row.name} | {res.passed} | {res.failed} '
                     f'| {res.skipped} | {res.log} '
                     f'| {res.seconds:.0f} s | {reasons(res.reasons)} |')
    return '\n'.join(lines)


def parse(argv: List[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog='python3 -m tools.matrix.matrix', description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest='action', required=True)
    ls = sub.add_parser('list', help='the row names, one a line')
    ls.add_argument('--ci', action='store_true',
                    help='only the rows .ci/run runs, newest kernel first')
    which = ls.add_mutually_exclusive_group()
    which.add_argument('--kernel', action='append', default=[],
                       help='only the rows that boot kernel K (ARCH-KVER, '
                       'e.g. arm64-7.3, or a KERNEL= name); repeatable')
    which.add_argument('--not-kernel', dest='not_kernel', action='append',
                       default=[], help='only the rows of other kernels')
    prep = sub.add_parser(
        'prepare', help='make prepare for each kernel of the rows, one '
        'after the other (trees, packages, busybox), so that the rows can '
        'then run side by side')
    prep.add_argument('rows', nargs='+', metavar='ROW')
    run = sub.add_parser(
        'run', help='runs the rows (all by default) one after the other '
        'and prints one table; exit 1 if a row failed, had no results or '
        'an unclean kernel log')
    run.add_argument('--until', type=float, default=float('inf'),
                     help='rows not started by this epoch are listed as '
                     'not run (a CI time budget), not failed')
    run.add_argument('--kill-at', dest='kill_at', type=float,
                     default=float('inf'),
                     help='a row still running at this epoch is stopped '
                     'and fails')
    run.add_argument('rows', nargs='*', metavar='ROW')
    return p.parse_args(argv)


def main(argv: List[str]) -> int:
    a = parse(argv)
    if a.action == 'list':
        for r in ROWS:
            if ((r.ci or not a.ci) and
                    (not a.kernel or r.kernel in a.kernel) and
                    r.kernel not in a.not_kernel):
                print(r.name)
        return 0
    names = a.rows or [r.name for r in ROWS]
    known = {r.name: r for r in ROWS}
    unknown = [n for n in names if n not in known]
    if unknown:
        print(f'matrix: no row {" ".join(unknown)}; see make matrix-list',
              file=sys.stderr)
        return 2
    if a.action == 'prepare':
        kernels: Dict[str, Row] = {}
        for n in names:
            kernels.setdefault(known[n].kernel, known[n])
        for r in kernels.values():
            rc = subprocess.call(make_command(r, 'prepare'), env=make_env())
            if rc:
                return rc
        return 0
    until, kill_at = a.until, a.kill_at
    os.makedirs(os.path.join(OUT, 'matrix'), exist_ok=True)
    done: List[Result] = []
    booted: Set[str] = set()    # kernels a kunit row of this run booted
    for n in names:
        r = known[n]
        if time.time() >= until:
            done.append(not_run(r))
            continue
        res = run_row(r, kill_at, r.kernel in booted)
        if r.target == 'kunit' and res.passed + res.failed + res.skipped:
            booted.add(r.kernel)
        done.append(res)
    text = table(done)
    with open(os.path.join(OUT, 'matrix', 'table.md'), 'w',
              encoding='utf-8') as f:
        f.write(text + '\n')
    print(text)
    ran = [res for res in done if not res.log.startswith('not run')]
    bad = [res.row.name for res in ran
           if res.rc or res.failed or not res.passed or res.log != 'clean']
    if len(ran) < len(done):
        print(f'yep_slab: {len(done) - len(ran)} row(s) not run: '
              'out of CI time')
    passed = sum(res.passed for res in done)
    failed = sum(res.failed for res in done)
    skipped = sum(res.skipped for res in done)
    if bad:
        print(f'yep_slab: matrix rows not green: {" ".join(bad)}')
    print(f'{passed} passed, {failed} failed, {skipped} skipped')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
