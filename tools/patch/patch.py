# SPDX-License-Identifier: GPL-2.0
"""make patch and make patch-test: the upstream suite as a kernel patch.

make (make patch): a git format-patch series (a cover letter and one
patch) under OUT/linux-KVER/, on top of a git repository of the pristine
Debian source (tools/patch/base.sh).  It copies, it does not rewrite:
every file under kunit/upstream/ but tree.diff is added to the tree at
the same path, byte for byte, and tree.diff (the Kconfig entry, the
Makefile line, MAINTAINERS and the exports a module build needs) is
applied with git apply.  The commit message and the cover letter are
tools/patch/commit-message.txt and cover-letter.txt.

test (make patch-test): applies the series with git am to the pristine
commit, checks that it gives the tree make patch committed and that each
added file is the checkout's, runs the tree's checkpatch.pl --strict,
builds the file with W=1 and sparse (built in and as a module), and runs
the suite with the tree's own kunit.py: built in, built in with
PREEMPT_RT, and built as a module that tools/guest/kunit-module.sh loads
in the arm64 guest (as make quick does).
"""
import argparse
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import textwrap
import time
from typing import Dict, List, Optional, Tuple

from tools.kunit import run_kunit
from tools.lib import results
from tools.mutants.mutants import stem

SUITE = 'slub_alloc'
SYMBOL = 'CONFIG_SLUB_ALLOC_KUNIT_TEST'
SUBJECT = 'mm/slub: add KUnit tests of slab growth, object reuse and sheaves'
HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.dirname(HERE)
TOP = os.path.dirname(TOOLS)
UPSTREAM = os.path.join(TOP, 'kunit', 'upstream')
TREE_DIFF = os.path.join(UPSTREAM, 'tree.diff')
# Committer of the throwaway commits (never a sign-off).
BOT = {'GIT_COMMITTER_NAME': 'yep_slab make patch',
       'GIT_COMMITTER_EMAIL': 'yep_slab@localhost'}
SIGNOFF_RE = re.compile(r'[^<>\n]*[^<>\s] <[^<>@\s]+@[^<>\s]+>')
# What kunit.py enables for the suite (the series adds no .kunitconfig).
KCONFIG = ['CONFIG_KUNIT=y', 'CONFIG_SLUB_DEBUG=y']
# The runs of make patch-test, each with its kconfig beyond KCONFIG; the
# module run's kernel has what the guest needs to load it (make quick's).
RUNS: List[Tuple[str, List[str]]] = [
    ('built-in', []),
    ('PREEMPT_RT', ['CONFIG_EXPERT=y', 'CONFIG_PREEMPT_RT=y']),
    ('module', [f'{SYMBOL}=m', 'CONFIG_MODULES=y', 'CONFIG_BLK_DEV_INITRD=y',
                'CONFIG_BINFMT_ELF=y', 'CONFIG_BINFMT_SCRIPT=y',
                'CONFIG_PROC_FS=y', 'CONFIG_SYSFS=y', 'CONFIG_DEVTMPFS=y',
                'CONFIG_DEBUG_FS=y', 'CONFIG_KUNIT_DEBUGFS=y'])]
# Two CPUs, so that barn_serves_another_cpu runs.
SMP = 2


class Stop(Exception):
    """A reason to stop, said in one line."""


def read(path: str) -> str:
    with open(path, encoding='utf-8') as f:
        return f.read()


def write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path) or '.', exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def git(repo: str, *args: str, env: Optional[Dict[str, str]] = None,
        check: bool = True) -> str:
    full = {**os.environ, **BOT, **(env or {})}
    res = subprocess.run(['git', '-C', repo, '-c', 'gc.auto=0', *args],
                         env=full, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, check=False)
    if check and res.returncode:
        raise Stop(f'git {" ".join(args[:2])} in {repo}: '
                   f'{(res.stderr or res.stdout).strip().splitlines()[-1:]}')
    return res.stdout


def added_files() -> List[str]:
    """The files the series adds: kunit/upstream/ but tree.diff, as paths
    in the tree."""
    out = []
    for root, _, files in os.walk(UPSTREAM):
        for name in files:
            path = os.path.relpath(os.path.join(root, name), UPSTREAM)
            if path != 'tree.diff':
                out.append(path)
    return sorted(out)


def test_file() -> str:
    return next(p for p in added_files() if p.endswith('_kunit.c'))


def lines_added(patch: str) -> int:
    return sum(1 for ln in read(patch).splitlines()
               if ln.startswith('+') and not ln.startswith('+++'))


# ---- make patch -----------------------------------------------------------

def signoff() -> str:
    """Name <address> from SIGNOFF, else git's identity; never invented."""
    who = os.environ.get('SIGNOFF', '').strip()
    if not who:
        name, mail = (subprocess.run(
            ['git', '-C', TOP, 'config', key], stdout=subprocess.PIPE,
            text=True, check=False).stdout.strip()
            for key in ('user.name', 'user.email'))
        if not name or not mail:
            raise Stop('make patch needs the Signed-off-by of the person '
                       'running it: SIGNOFF="Your Name <you@example.org>", '
                       'or git config user.name and user.email')
        who = f'{name} <{mail}>'
    if not SIGNOFF_RE.fullmatch(who):
        raise Stop(f'SIGNOFF={who!r} is not "Name <address>"')
    return who


def reset(repo: str) -> None:
    """The worktree back at the pristine commit, nothing else in it."""
    git(repo, 'am', '--abort', check=False)
    git(repo, 'checkout', '-q', '-f', '--detach', 'pristine')
    git(repo, 'clean', '-q', '-f', '-d', '-x')


def get_maintainer(repo: str, patch: str, *opts: str) -> List[str]:
    res = subprocess.run(['perl', 'scripts/get_maintainer.pl', '--no-git',
                          '--no-git-fallback', '--no-rolestats', *opts,
                          patch], cwd=repo, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, check=False)
    if res.returncode:
        raise Stop(f'get_maintainer.pl: {res.stderr.strip()}')
    return [ln.strip() for ln in res.stdout.splitlines() if ln.strip()]


def recipients(repo: str, patch: str) -> Tuple[List[str], List[str]]:
    """get_maintainer.pl's maintainers (To), and the reviewers and lists
    (Cc)."""
    to = get_maintainer(repo, patch, '--nor', '--nol')
    cc = [a for a in get_maintainer(repo, patch) if a not in to]
    return to, cc


def mutants_line(mutants_out: str, kver: str) -> str:
    """The upstream suite's kill ratio from the newest make mutants run of
    KVER (its JSON, under MUTANTS_OUT/linux-KVER/, is the figure's one
    home)."""
    data = results.load(stem(f'{mutants_out}/linux-{kver}', kver) +
                        '.json') or {}
    try:
        k = data['kill_ratio'][SUITE]
        other = data['kill_ratio']['slub_test']
    except KeyError:
        return ('make mutants has not been run in this checkout: '
                'Documentation/mutants.rst has the last measured figures.')
    return (f"Measured with make mutants ({data['date']}, commit "
            f"{data['commit']}): of the invariant mutants of mm/slub.c and "
            f"mm/slab_common.c, this suite kills {k['killed']} of "
            f"{k['counted']}; slub_kunit kills {other['killed']} of "
            f"{other['counted']} of all the non-equivalent ones.")


def fill(text: str, first: str = '', rest: str = '') -> str:
    return textwrap.fill(text, 72, initial_indent=first,
                         subsequent_indent=rest, break_on_hyphens=False)


def tested_lines(out: str, series: str) -> List[str]:
    res = results.load(f'{out}/tested.json')
    if res is not None and res.get('series') == series:
        return [str(ln) for ln in res['lines']]
    return ['Not yet: make patch-test has not passed with this series.']


def cover_letter(repo: str, out: str, kver: str, mutants_out: str) -> None:
    """Fills in the cover letter format-patch left blank."""
    text = read(f'{out}/.cover-letter.in')
    base = git(repo, 'log', '-1', '--format=%s', 'pristine').strip()
    patch = sorted(glob.glob(f'{out}/0001-*.patch'))[0]
    blurb = [read(f'{HERE}/cover-letter.txt').rstrip(), '',
             fill(mutants_line(mutants_out, kver)), '',
             fill(f'The patch adds {lines_added(patch)} lines. Tested with '
                  'the yep_slab project\'s make patch-test:'), '']
    blurb += [fill(ln, '- ', '  ')
              for ln in tested_lines(out, read(f'{out}/series'))]
    blurb += ['', fill(f'Base: {base}.')]
    for old, new in (('*** SUBJECT HERE ***', SUBJECT),
                     ('*** BLURB HERE ***', '\n'.join(blurb))):
        if text.count(old) != 1:
            raise Stop(f'cover letter: no {old!r} from format-patch')
        text = text.replace(old, new)
    write(sorted(glob.glob(f'{out}/0000-*.patch'))[0], text)


def make_series(repo: str, out: str, kver: str, who: str,
                mutants_out: str) -> None:
    """Commits the upstream files on the pristine tree; the series into
    @out."""
    reset(repo)
    for path in added_files():
        with open(os.path.join(UPSTREAM, path), 'rb') as src:
            data = src.read()
        os.makedirs(os.path.dirname(f'{repo}/{path}'), exist_ok=True)
        with open(f'{repo}/{path}', 'wb') as dst:
            dst.write(data)
    git(repo, 'apply', '--index', TREE_DIFF)
    git(repo, 'add', '-f', *added_files())

    name, mail = re.fullmatch(r'(.*) <(.*)>', who).groups()  # type: ignore
    # The checkout's own date: the same checkout gives the same series.
    date = subprocess.run(['git', '-C', TOP, 'log', '-1', '--format=%cI'],
                          stdout=subprocess.PIPE, text=True,
                          check=False).stdout.strip() or '2026-01-01T00:00:00Z'
    msg = SUBJECT + '\n\n' + read(f'{HERE}/commit-message.txt')
    env = {'GIT_AUTHOR_NAME': name, 'GIT_AUTHOR_EMAIL': mail,
           'GIT_AUTHOR_DATE': date, 'GIT_COMMITTER_DATE': date,
           'GIT_COMMITTER_NAME': name, 'GIT_COMMITTER_EMAIL': mail}
    git(repo, 'commit', '-q', '-s', '-m', msg, env=env)
    git(repo, 'branch', '-f', 'yep_slab')

    tmp = f'{out}.tmp'
    subprocess.run(['rm', '-rf', tmp], check=True)
    git(repo, 'format-patch', '-q', '-1', '-o', tmp, 'HEAD', env=env)
    to, cc = recipients(repo, glob.glob(f'{tmp}/0001-*.patch')[0])
    subprocess.run(['rm', '-rf', tmp, *glob.glob(f'{out}/0*.patch')],
                   check=True)		# make patch-test's results stay
    git(repo, 'format-patch', '-q', '--cover-letter', '--thread=shallow',
        '-o', out, *[f'--to={a}' for a in to], *[f'--cc={a}' for a in cc],
        'pristine..yep_slab', env=env)
    patches = sorted(glob.glob(f'{out}/0*.patch'))
    write(f'{out}/series', git(repo, 'rev-parse', 'yep_slab^{tree}'))
    os.replace(patches[0], f'{out}/.cover-letter.in')
    write(patches[0], '')
    cover_letter(repo, out, kver, mutants_out)
    print(f'yep_slab: {os.path.basename(patches[1])}: adds '
          f'{lines_added(patches[1])} lines')


# ---- make patch-test ------------------------------------------------------

def checkpatch(repo: str, patch: str) -> Tuple[str, List[str]]:
    # Its SPDX check runs python3 with ply and git: Debian's python3.
    env = dict(os.environ, PATH='/usr/bin:' + os.environ.get('PATH', ''))
    res = subprocess.run(['perl', 'scripts/checkpatch.pl', '--strict',
                          '--show-types', patch], cwd=repo, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, check=False)
    m = re.search(r'total: (\d+) errors, (\d+) warnings, (?:(\d+) checks, )?',
                  res.stdout)
    if not m:
        return 'no verdict', res.stdout.splitlines()[-20:]
    counts = [int(x or 0) for x in m.groups()]
    said = f'{counts[0]} errors, {counts[1]} warnings, {counts[2]} checks'
    bad = [] if not any(counts) else [ln for ln in res.stdout.splitlines()
                                      if ln.strip()][:40]
    return said, bad


def build_checks(repo: str, build: str, ccache: int) -> List[str]:
    """W=1 and sparse on the test file in the build kunit.py made, built
    in as configured and compiled as a module would be."""
    obj = test_file()[:-2] + '.o'
    found: List[str] = []
    modes: List[List[str]] = [[], ['KCFLAGS=-DMODULE']]
    for extra in modes:
        if os.path.exists(f'{build}/{obj}'):
            os.remove(f'{build}/{obj}')
        res = subprocess.run([f'{TOOLS}/lib/kmake.sh', repo, build, 'arm64',
                              str(ccache), '-s', 'W=1', 'C=1', *extra, obj],
                             stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, check=False)
        # (W=1 rebuilds the vDSO too: only the test file's findings count)
        said = [ln for ln in res.stdout.splitlines()
                if test_file() in ln and ('warning' in ln or 'error' in ln)]
        if res.returncode and not said:
            said = res.stdout.splitlines()[-10:]
        found += [f'{" ".join(extra) or "built-in"}: {ln}' for ln in said]
    if os.path.exists(f'{build}/{obj}'):	# rebuilt as it was next time
        os.remove(f'{build}/{obj}')
    return found


def kunit_run(repo: str, build: str, json_path: str, a: argparse.Namespace,
              kconfig: List[str]) -> bool:
    """The tree's kunit.py run (built in), or for a module a kunit.py
    build and the module loaded in the guest (kunit-module.sh)."""
    config = f'{build}.kunitconfig'
    module = f'{SYMBOL}=m' in kconfig
    # A module's kunit.py build may fail before kunit-module.sh (which
    # removes it too) runs: no old totals either way.
    if os.path.exists(json_path):
        os.remove(json_path)
    write(config, '\n'.join(KCONFIG + (kconfig if module else
                                        [f'{SYMBOL}=y'] + kconfig)) + '\n')
    run: Dict[str, str] = {'action': 'build'} if module else {
        'json': json_path, 'suite': SUITE, 'qemu_args': f'-smp {SMP}'}
    cmd = run_kunit.command(repo, TOP, build, config, arch='arm64',
                            jobs=a.jobs, ccache=a.ccache, **run)
    print('yep_slab: ' + ' '.join(shlex.quote(c) for c in cmd[2:]),
          flush=True)
    ok = subprocess.run(cmd, check=False).returncode == 0
    if module and ok:
        ko = test_file()[:-2] + '.ko'
        log = os.path.join(os.path.dirname(json_path), '..', 'logs',
                           os.path.basename(json_path)[:-5] + '-console.log')
        ok = subprocess.run([f'{TOOLS}/guest/kunit-module.sh', repo, build,
                             ko, a.busybox, json_path, log, a.ccache,
                             str(SMP), ''],
                            check=False).returncode == 0
    return ok


def test_kernel(kver: str, a: argparse.Namespace) -> Tuple[bool, List[str]]:
    repo, out = f'{a.src}/linux-{kver}', f'{a.out}/linux-{kver}'
    patches = sorted(glob.glob(f'{out}/0*.patch'))
    if len(patches) < 2:
        raise Stop(f'no series in {out}: run make patch')
    if os.path.exists(f'{out}/tested.json'):
        os.remove(f'{out}/tested.json')
    reset(repo)
    res = subprocess.run(['git', '-C', repo, 'am', '-q', *patches[1:]],
                         env=dict(os.environ, **BOT),
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, check=False)
    if res.returncode:
        print(res.stdout)
        return False, ['does not apply (git am failed)']
    tree = git(repo, 'rev-parse', 'HEAD^{tree}')
    if tree != read(f'{out}/series'):
        return False, ['git am gives another tree than make patch committed']
    for path in added_files():
        if read(f'{repo}/{path}') != read(f'{UPSTREAM}/{path}'):
            return False, [f'{path} is not the checkout\'s']
    version = git(repo, 'log', '-1', '--format=%s', 'pristine').strip()
    ok, lines = True, [f'{version}: applies with git am, '
                       f'{lines_added(patches[1])} lines added, the added '
                       'files byte-identical to the checkout\'s']
    verdict, bad = checkpatch(repo, patches[1])
    lines.append(f'checkpatch --strict: {verdict}')
    if bad:
        ok = False
        print('\n'.join(bad))
    for name, kconfig in RUNS:
        start = time.monotonic()
        build = f'{a.build}/arm64-linux-{kver}-{name}'
        path = results.file_of(a.results, 'patch-test',
                               f'arm64-{kver}-{name}')
        run_ok = kunit_run(repo, build, path, a, kconfig)
        count, _ = results.totals([path])
        el = int(time.monotonic() - start)
        how = 'loaded in the guest' if name == 'module' else 'kunit.py run'
        lines.append(f'{how}, {name} (-smp {SMP}): '
                     f'{count["PASS"]} '
                     f'passed, {count["FAIL"] + count["ERROR"]} failed, '
                     f'{count["SKIP"]} skipped ({el // 60}m{el % 60:02d}s)')
        ok = ok and run_ok
        if name == 'built-in' and count['PASS']:
            warnings = build_checks(repo, build, int(a.ccache))
            for w in warnings[:20]:
                print(f'yep_slab: W=1/sparse: {w}')
            lines.append('W=1 and sparse, built in and as a module: ' +
                         ('clean' if not warnings else 'NOT clean'))
            ok = ok and not warnings
    if ok:
        write(f'{out}/tested.json', json.dumps({
            'series': read(f'{out}/series'), 'lines': lines}) + '\n')
    return ok, lines


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('action', choices=['signoff', 'make', 'test'])
    p.add_argument('--kvers', required=True, help='e.g. "7.3"')
    p.add_argument('--src', required=True, help='pristine repos: SRC/linux-K')
    p.add_argument('--build', required=True, help='kunit.py build dirs')
    p.add_argument('--out', required=True)
    p.add_argument('--results', required=True,
                   help='RESULTS/patch-test-arm64-K-RUN.json: KTAP results')
    p.add_argument('--jobs', default=str(os.cpu_count() or 1))
    p.add_argument('--ccache', default='1')
    p.add_argument('--mutants-out', dest='mutants_out', required=True,
                   help="make mutants' OUT/mutants: the cover letter's figure")
    p.add_argument('--busybox', default='',
                   help="the guest's busybox (make patch-test's module run)")
    a = p.parse_args()
    kvers = a.kvers.split()
    try:
        if a.action == 'signoff':
            print(f'yep_slab: Signed-off-by: {signoff()}')
            return 0
        if a.action == 'make':
            who = signoff()
            for k in kvers:
                out = f'{a.out}/linux-{k}'
                make_series(f'{a.src}/linux-{k}', out, k, who, a.mutants_out)
                print(f'yep_slab: {out}/: ' + ' '.join(
                    os.path.basename(x)
                    for x in sorted(glob.glob(f'{out}/0*.patch'))))
            print(f'yep_slab: signed off by {who}; to send it: git '
                  f'send-email {a.out}/linux-{kvers[-1]}/*.patch '
                  '(recipients are in it)')
            return 0
        rc = 0
        for k in kvers:
            ok, lines = test_kernel(k, a)
            cover_letter(f'{a.src}/linux-{k}', f'{a.out}/linux-{k}', k,
                         a.mutants_out)
            print(f'yep_slab: make patch-test linux-{k}: '
                  f'{"PASS" if ok else "FAIL"}')
            for ln in lines:
                print(f'  {ln}')
            rc = rc or (0 if ok else 1)
        paths = glob.glob(f'{a.results}/patch-test-arm64-*.json')
        return results.main(paths) or rc
    except Stop as err:
        print(f'yep_slab: {err}', file=sys.stderr)
        return 2


if __name__ == '__main__':
    sys.exit(main())
