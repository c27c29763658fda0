# SPDX-License-Identifier: GPL-2.0
"""Runs the tree's own kunit.py on the yep_slab suite and shows progress.

kunit.py is silent while it builds the kernel; this passes everything
kunit.py says through with tools/lib/progress.py's heartbeat meanwhile,
leaves kunit.py's JSON results where it was told to, checks the kernel log
from the suite's start on (tools/lib/kernel-log-reports.ere), and writes
what it found (log verdict, skip reasons) as JSON for tools/matrix/.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from typing import Dict, List, Optional, Sequence, Tuple, Union

from tools.lib import arch, progress, results

TOOLS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def kunit_command(a: argparse.Namespace, env: Dict[str, str]) -> List[str]:
    boots = a.action in ('run', 'exec')
    cmd = [sys.executable, 'tools/testing/kunit/kunit.py', a.action,
           f'--arch={a.arch}', f'--build_dir={a.build_dir}',
           f'--kunitconfig={a.kunitconfig}']
    if a.action != 'exec':
        cmd.append(f'--jobs={a.jobs}')
    if boots:
        cmd += [f'--json={a.json}', f'--timeout={a.timeout}']
    cross = arch.cross(a.arch)
    if cross:
        cmd.append(f'--cross_compile={cross}')
    if env['YEP_CCACHE_CC']:
        # Host tools (fixdep, kconfig) stay uncached: few, and a miss
        # costs more than their compile.
        cmd += ['--make_options', f'CC={env["YEP_CCACHE_CC"]} {cross}gcc']
    for arg in a.kernel_args.split() if boots else []:
        cmd.append(f'--kernel_args={arg}')
    for arg in a.qemu_args.split() if boots else []:
        cmd.append(f'--qemu_args={arg}')
    cmd += kconfig_adds(a.arch, a.kconfig_file)
    for opt in a.kconfig_add:
        cmd.append(f'--kconfig_add={opt}')
    extra: List[str] = a.extra
    return cmd + extra


def kconfig_adds(arch_name: str, files: List[str]) -> List[str]:
    """kunit.py's --kconfig_add arguments for the fragments of ARCH_NAME
    (tools/lib/arch.txt) and FILES: what our suite kernel adds to
    kunit.py's config for the arch (make bench gives raw kunit.py the
    same)."""
    return [f'--kconfig_add={opt}'
            for path in arch.kconfig_files(arch_name) + files
            for opt in fragment(path)]


def fragment(path: str) -> List[str]:
    """The options of a kconfig fragment: its CONFIG_X=... and
    "# CONFIG_X is not set" lines, as kunit.py takes them."""
    with open(path, encoding='utf-8') as f:
        return [line.strip() for line in f
                if re.fullmatch(r'CONFIG_\w+=\S+|# CONFIG_\w+ is not set',
                                line.strip())]


def forget_other_checkout(build_dir: str, checkout: str) -> None:
    """A build dir last fed by another checkout rebuilds our objects."""
    stamp = os.path.join(build_dir, '.yep_slab_checkout')
    old: Optional[str] = None
    if os.path.exists(stamp):
        with open(stamp, encoding='utf-8') as f:
            old = f.read().strip()
    if old != checkout:
        shutil.rmtree(os.path.join(build_dir, 'mm', 'yep_slab'),
                      ignore_errors=True)
        os.makedirs(build_dir, exist_ok=True)
        with open(stamp, 'w', encoding='utf-8') as f:
            f.write(checkout + '\n')


def ccache_env(on: int) -> Dict[str, str]:
    """Our environment with tools/lib/ccache-env.sh's settings applied.

    The shell builds (the demo module, make quick's) source the same file, so
    every kernel build of ours caches alike and a change there reaches all.
    """
    out = subprocess.run(
        ['bash', '-c', '. "$0/ccache-env.sh" && yep_ccache_env "$1" && env -0',
         os.path.join(TOOLS, 'lib'), str(on)],
        check=True, stdout=subprocess.PIPE).stdout
    env = {k: v for k, v in os.environ.items() if not k.startswith('CCACHE_')}
    for item in out.decode(errors='replace').split('\0'):
        key, _, value = item.partition('=')
        if key.startswith(('CCACHE_', 'YEP_CCACHE_')):
            env[key] = value
    return env


def without_pvm_kvm(env: Dict[str, str]) -> None:
    """On a host whose KVM is PVM (/sys/module/kvm_pvm), which boots only
    PVM-aware guests, QEMU for x86-64 comes from tools/guest/no-kvm/: 7.x's
    kunit.py asks for "-accel kvm" first, and a stock kernel under PVM
    prints nothing, where TCG, as 6.x's kunit.py gets, boots it."""
    if os.path.exists('/sys/module/kvm_pvm'):
        env['PATH'] = os.path.join(TOOLS, 'guest', 'no-kvm') + os.pathsep + \
            env.get('PATH', os.defpath)


def skip_reasons(build_dir: str) -> List[Tuple[str, str]]:
    """('suite.case.param', reason) for each KTAP result that skipped."""
    log = os.path.join(build_dir, 'test.log')
    if not os.path.exists(log):
        return []
    subtest = re.compile(r'^(\s*)# Subtest: (\S+)')
    skipped = re.compile(r'^(\s*)ok \d+ (\S+) # SKIP ?(.*)$')
    stamp = re.compile(r'^\[\s*\d+\.\d+\] ')     # CONFIG_PRINTK_TIME
    parents: Dict[int, str] = {}
    out: List[Tuple[str, str]] = []
    with open(log, encoding='utf-8', errors='replace') as f:
        for line in (stamp.sub('', raw) for raw in f):
            if m := subtest.match(line):
                parents[len(m[1])] = m[2]
            elif (m := skipped.match(line)) and m[3].strip():
                # (a parameterised case whose every parameter skipped
                # repeats the skip without a reason: its params say why)
                path = [parents[d] for d in sorted(parents) if d <= len(m[1])]
                out.append(('.'.join(path + [m[2]]), m[3].strip()))
    return out


def report_patterns() -> 're.Pattern[str]':
    """tools/lib/kernel-log-reports.ere, the one list of what a clean
    kernel log never holds, as one pattern."""
    path = os.path.join(TOOLS, 'lib', 'kernel-log-reports.ere')
    with open(path, encoding='utf-8') as f:
        lines = [line.rstrip('\n') for line in f
                 if line.strip() and not line.startswith('#')]
    return re.compile('|'.join(f'(?:{line})' for line in lines))


def log_splats(build_dir: str, since: float,
               suite: str) -> Optional[List[str]]:
    """The report lines the kernel printed from our suite's start on.

    None when this run wrote no log or the suite never started in it.
    Boot before the suite is left out: it is the kernel's, not ours (UML
    warns in um_pci_init, say).
    """
    log = os.path.join(build_dir, 'test.log')
    if not os.path.exists(log) or os.path.getmtime(log) < since:
        return None
    found: List[str] = []
    ours = False
    splat = report_patterns()
    start = re.compile(r'(?:^|\] )\s*# Subtest: ' + re.escape(suite) + '$')
    with open(log, encoding='utf-8', errors='replace') as f:
        for line in f:
            ours = ours or bool(start.search(line.rstrip()))
            if ours and splat.search(line):
                found.append(line.strip())
    return found if ours else None


def check_log(build_dir: str, started: float, suite: str,
              checks: str) -> int:
    """Prints skip reasons and kernel log reports, and writes them to
    CHECKS as JSON ({"log": "clean" | "not clean" | "none", "skipped":
    [[case, reason], ...]}); 1 if the log is bad."""
    splats = log_splats(build_dir, started, suite)
    skipped = skip_reasons(build_dir) if splats is not None else []
    log = 'none' if splats is None else 'not clean' if splats else 'clean'
    if checks:
        os.makedirs(os.path.dirname(checks), exist_ok=True)
        with open(checks, 'w', encoding='utf-8') as f:
            json.dump({'log': log, 'skipped': skipped}, f, indent=1)
    if splats is None:
        print('yep_slab: kernel log none: the suite did not run')
        return 1
    for case, reason in skipped:
        print(f'yep_slab: skipped {case}: {reason}')
    for line in splats[:10]:
        print(f'yep_slab: kernel log: {line}')
    if splats:
        print(f'yep_slab: kernel log not clean: {len(splats)} report '
              f'line(s), see {build_dir}/test.log')
        return 1
    print('yep_slab: kernel log clean')
    return 0


def run_failures(json_path: str, suite: str, rc: int, log_rc: int,
                 build_dir: str) -> List[str]:
    """What went wrong with the run itself, that the cases do not show."""
    why: List[str] = []
    found = results.load(json_path)
    if found is None:
        return [f'kunit.py wrote no results (exit {rc})']
    if not results.has_suite(found, suite):
        why.append(f'suite {suite} is not in the results (exit {rc})')
    elif rc and not results.failed_cases(json_path):
        why.append(f'kunit.py exited {rc} with no failed case: a crash, '
                   'a timeout or a cut-short log')
    if log_rc:
        why.append(f'the kernel log is not clean ({build_dir}/test.log)')
    return why


def command(tree: str, checkout: str, build_dir: str, kunitconfig: str,
            extra: Sequence[str] = (),
            **options: Union[str, int, Sequence[str]]) -> List[str]:
    """This runner's command line: the one way the tools that run the suite
    on a tree of their own (tools/mutants: a mutated tree; tools/patch:
    the series applied) reach it.  OPTIONS are main()'s, by their names
    (kernel_args='...' is --kernel-args=...; a list repeats the option);
    EXTRA goes on to kunit.py.  make kunit writes the same options from
    its knobs (tools/kunit/kunit.mk), and the matrix runs make: a row is
    what a person would type."""
    argv = [sys.executable, '-m', 'tools.kunit.run_kunit', f'--tree={tree}',
            f'--checkout={checkout}', f'--build-dir={build_dir}',
            f'--kunitconfig={kunitconfig}']
    for key, value in options.items():
        values = [value] if isinstance(value, (str, int)) else value
        argv += [f'--{key.replace("_", "-")}={v}' for v in values]
    return argv + list(extra)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--tree', required=True)
    p.add_argument('--checkout', required=True)
    p.add_argument('--build-dir', dest='build_dir', required=True)
    p.add_argument('--kunitconfig', required=True)
    p.add_argument('--action', choices=['run', 'build', 'exec'],
                   default='run', help="exec: boot the kernel as built")
    p.add_argument('--json', default='')
    p.add_argument('--checks', default='',
                   help='where the log verdict and skip reasons go (JSON)')
    p.add_argument('--arch', default='arm64')
    p.add_argument('--jobs', default=str(os.cpu_count() or 1))
    p.add_argument('--timeout', default='600')
    p.add_argument('--kernel-args', dest='kernel_args', default='')
    p.add_argument('--qemu-args', dest='qemu_args', default='')
    p.add_argument('--kconfig-add', dest='kconfig_add', action='append',
                   default=[])
    p.add_argument('--kconfig-file', dest='kconfig_file', action='append',
                   default=[], help='a fragment whose options are added')
    p.add_argument('--ccache', type=int, default=1)
    p.add_argument('--suite', default='yep_slab',
                   help='the suite whose log is checked')
    p.add_argument('extra', nargs='*', help='passed on to kunit.py')
    a = p.parse_args()

    a.build_dir = os.path.abspath(a.build_dir)
    if a.action != 'build':
        a.json = os.path.abspath(a.json)
        os.makedirs(os.path.dirname(a.json), exist_ok=True)
        for old in (a.json, a.checks):
            if old and os.path.exists(old):
                os.remove(old)
    forget_other_checkout(a.build_dir, os.path.realpath(a.checkout))
    env = ccache_env(a.ccache)
    without_pvm_kvm(env)
    cmd = kunit_command(a, env)
    print('yep_slab: ' + ' '.join(cmd[1:]), flush=True)
    started = time.time()
    rc = progress.run(cmd, f'kunit.py {a.action}', echo=True, cwd=a.tree,
                      env=env)
    if a.action == 'build':
        return rc
    log_rc = check_log(a.build_dir, started, a.suite, a.checks)
    for why in run_failures(a.json, a.suite, rc, log_rc, a.build_dir):
        print(f'yep_slab: counted as failed: {why}')
        results.record_run_failure(a.json, why)
    # The totals line last, from this process: a second Python start
    # costs a no-change rerun a few percent.
    return results.main([a.json]) or rc or log_rc


if __name__ == '__main__':
    sys.exit(main())
