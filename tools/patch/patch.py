#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make patch and make patch-test: the suite as an in-tree kernel patch.

make (make patch): for each kernel, a git format-patch series (a cover
letter and one patch) under OUT/linux-KVER/, made from this checkout's
own files on top of a git repository of the pristine Debian source
(tools/patch/base.sh).  Nothing of it is kept by hand: the in-tree file is
the suite with the core folded in, rewritten by the few mechanical steps
below, each of which must find exactly what it rewrites, or the
generation stops.  The demo module stays out.

test (make patch-test): for each kernel, applies the series with git am
to the pristine commit, checks that it gives the tree make patch
committed, runs the tree's own checkpatch.pl --strict on each patch,
builds the file with W=1 and sparse, and runs the suite with the tree's
own kunit.py; one line a kernel, then the totals.  The cover letter is
then made again with those results.
"""
import argparse
import glob
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
import textwrap
import time
from typing import Dict, List, Optional, Tuple


# Upstream names (Documentation/dev-tools/kunit/style.rst): the suite is
# <subsystem>_<area>, its Kconfig symbol CONFIG_<suite>_KUNIT_TEST, its
# file tests/<suite>_kunit.c beside the code under test (mm/slub.c).
SUITE = 'slub_layout'
SYMBOL = 'SLUB_LAYOUT_KUNIT_TEST'
TEST_FILE = f'mm/tests/{SUITE}_kunit.c'
# mm/tests/ has no .kunitconfig yet: this one is the directory's.
KUNITCONFIG = 'mm/tests/.kunitconfig'
MAINTAINERS_SECTION = 'SLAB ALLOCATOR'
SUBJECT = ('mm/slub, kunit: add tests of cache layout, growth, reuse and '
           'sheaves')
HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.dirname(HERE)
TOP = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)
from kunit import totals  # noqa: E402  (tools/kunit/totals.py)
# Committer of the throwaway commits (never a sign-off).
BOT = {'GIT_COMMITTER_NAME': 'yep_slab make patch',
       'GIT_COMMITTER_EMAIL': 'yep_slab@localhost'}
SIGNOFF_RE = re.compile(r'[^<>\n]*[^<>\s] <[^<>@\s]+@[^<>\s]+>')


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


def replace_once(text: str, old: str, new: str, what: str) -> str:
    """Rewrites @old, which must stand in @text exactly once."""
    n = text.count(old)
    if n != 1:
        raise Stop(f'{what}: expected {old!r} once, found it {n} times')
    return text.replace(old, new)


# ---- the in-tree file -----------------------------------------------------

INCLUDE = re.compile(r'^#include\s+([<"].*?[>"])[^\n]*\n', re.M)
# A function of the core declared or defined at the left margin.
CORE_FUNC = re.compile(r'^(?!static\b)[A-Za-z_][\w \t*]*?\byep_slab_\w+\(')


def column(ws: str) -> int:
    col = 0
    for ch in ws:
        col = col + 8 - col % 8 if ch == '\t' else col + 1
    return col


def indent(col: int) -> str:
    return '\t' * (col // 8) + ' ' * (col % 8)


def add_static(text: str) -> str:
    """The core's functions made static; realign() re-aligns their
    continuation lines."""
    return '\n'.join('static ' + ln if CORE_FUNC.match(ln) else ln
                     for ln in text.split('\n'))


# The project's prefix, yep (from the module it grew from), means nothing
# in the tree: there the suite is slub_layout and the prefix layout_.
RENAMES = [(re.compile(r'"yep_slab'), '"' + SUITE),  # suite, cache names
           (re.compile(r'\bstruct yep_slab\b'), 'struct ' + SUITE),
           (re.compile(r'\bYEP_(?:SLAB_|SLUB_)?'), 'LAYOUT_'),
           (re.compile(r'\byep_(?:slab_)?'), 'layout_')]
CODE_TOKEN = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|'
                        r"'(?:\\.|[^'\\\n])*'|[()]|\n", re.S)


def paren_columns(text: str) -> List[List[int]]:
    """For each line, the display columns of the parentheses still open
    where it starts (comments, strings and characters skipped)."""
    stacks: List[List[int]] = [[]]
    stack: List[int] = []
    line_start = 0
    for m in CODE_TOKEN.finditer(text):
        tok = m.group(0)
        if tok == '(':
            stack.append(column(text[line_start:m.start()]))
        elif tok == ')':
            if stack:
                stack.pop()
        for _ in range(tok.count('\n')):
            stacks.append(list(stack))
        if '\n' in tok:
            line_start = m.start() + tok.rindex('\n') + 1
    return stacks


def renamed(text: str) -> str:
    for pat, repl in RENAMES:
        text = pat.sub(repl, text)
    return text


def realign(text: str, new: str) -> str:
    """@new, @text rewritten line for line (static added, names renamed),
    with every line that was aligned to an open parenthesis in @text
    aligned to it again."""
    old_lines, new_lines = text.split('\n'), new.split('\n')
    old_open = paren_columns(text)
    out: List[str] = []
    for i, (old, line) in enumerate(zip(old_lines, new_lines)):
        ws = len(old) - len(old.lstrip(' \t'))
        if old_open[i] and old.strip() and \
                column(old[:ws]) == old_open[i][-1] + 1:
            now = paren_columns('\n'.join(out) + '\n')[-1]
            nws = len(line) - len(line.lstrip(' \t'))
            line = indent(now[-1] + 1) + line[nws:]
        out.append(line)
    return '\n'.join(out)


# The module's build without mm/slab.h (module/Kbuild): never in the tree.
PUBLIC_ONLY = 'YEP_SLAB_PUBLIC_ONLY'
PP_LINE = re.compile(r'#\s*(ifdef|ifndef|if|else|elif|endif)\b\s*(\w*)')


def unifdef(text: str, symbol: str) -> str:
    """@text as the preprocessor leaves it with @symbol undefined, for
    the #ifdef/#ifndef @symbol blocks only (other conditionals kept)."""
    out: List[str] = []
    stack: List[Tuple[bool, bool]] = []     # (ours, keeping this branch)
    for line in text.split('\n'):
        m = PP_LINE.match(line.strip())
        kind, name = (m.group(1), m.group(2)) if m else ('', '')
        if kind in ('ifdef', 'ifndef') and name == symbol:
            stack.append((True, kind == 'ifndef'))
            continue
        if kind in ('ifdef', 'ifndef', 'if'):
            stack.append((False, True))
        elif kind == 'else' and stack and stack[-1][0]:
            stack[-1] = (True, not stack[-1][1])
            continue
        elif kind == 'endif' and stack:
            if stack.pop()[0]:
                continue
        if all(keep for _, keep in stack):
            out.append(line)
    return '\n'.join(out)


def split_head(text: str, what: str) -> Tuple[str, str, List[str]]:
    """(the file's opening comment, the rest, its #include targets)."""
    text = re.sub(r'\A// SPDX-License-Identifier: [^\n]*\n', '', text)
    text = re.sub(r'\A/\* SPDX-License-Identifier: [^\n]*\*/\n', '', text)
    m = re.match(r'/\*.*?\*/\n', text, re.S)
    if not m:
        raise Stop(f'{what}: no opening comment')
    head, rest = m.group(0), text[m.end():]
    includes = INCLUDE.findall(rest)
    rest = INCLUDE.sub('', rest)
    return head, rest, includes


def include_order(target: str) -> Tuple[int, str]:
    order = {'kunit': 0, 'linux': 1, 'asm': 2}
    return (order.get(target[1:].split('/')[0], 3), target)


def divider(title: str) -> str:
    line = f'/* ---- {title} '
    return line + '-' * (79 - len(line) - 3) + ' */'


def in_tree_test() -> str:
    """The suite and the core, one file, as mm/tests/ holds it."""
    test_head, test, test_inc = split_head(
        read(f'{TOP}/kunit/yep_slab_kunit.c'), 'kunit/yep_slab_kunit.c')
    _, header, header_inc = split_head(
        unifdef(read(f'{TOP}/module/yep_slab_core.h'), PUBLIC_ONLY),
        'module/yep_slab_core.h')
    _, core, core_inc = split_head(
        unifdef(read(f'{TOP}/module/yep_slab_core.c'), PUBLIC_ONLY),
        'module/yep_slab_core.c')

    guard = re.compile(r'\A\s*#ifndef (_YEP_SLAB_CORE_H)\n#define \1\n'
                       r'(.*)\n#endif /\* \1 \*/\n\Z', re.S)
    m = guard.match(header)
    if not m:
        raise Stop('module/yep_slab_core.h: no include guard around it all')
    header = m.group(2)

    includes = set(test_inc + header_inc + core_inc)
    for local in ('"../module/yep_slab_core.h"', '"yep_slab_core.h"',
                  '"slab.h"'):
        if local not in includes:
            raise Stop(f'no #include {local} to fold in')
        includes.discard(local)
    if any(t.startswith('"') for t in includes):
        raise Stop(f'unexpected local includes: {sorted(includes)}')
    lines = [f'#include {t}' for t in sorted(includes, key=include_order)]
    lines.append('#include "../slab.h"')

    parts = ['// SPDX-License-Identifier: GPL-2.0\n' + test_head +
             '\n'.join(lines),
             divider('the cache under test and what is measured of it'),
             header, core, test]
    folded = [part.strip('\n') for part in parts]
    text = re.sub(r'\n{3,}', '\n\n', '\n\n'.join(folded) + '\n')
    folded[2:4] = [add_static(part) for part in folded[2:4]]
    new = renamed(re.sub(r'\n{3,}', '\n\n', '\n\n'.join(folded) + '\n'))
    left = re.findall(r'.*yep.*', new, re.I)
    if left:
        raise Stop(f'a name the renames miss: {left[0].strip()}')
    text = realign(text, new)
    replace_once(text, f'.name = "{SUITE}",', f'.name = "{SUITE}",',
                 'the suite name, renamed')
    return text


def kconfig_entry() -> str:
    text = read(f'{TOP}/Kconfig')
    text = re.sub(r'\A# SPDX-License-Identifier: [^\n]*\n\n', '', text)
    return replace_once(text, 'config YEP_SLAB_KUNIT_TEST\n',
                        f'config {SYMBOL}\n', 'Kconfig')


def kunitconfig() -> str:
    return replace_once(read(f'{TOP}/.kunitconfig'),
                        'CONFIG_YEP_SLAB_KUNIT_TEST=y\n',
                        f'CONFIG_{SYMBOL}=y\n', '.kunitconfig')


def wire_kconfig(text: str) -> str:
    """Our entry ends the 'Slab allocator options' menu."""
    end = 'endmenu # Slab allocator options\n'
    return replace_once(text, end, kconfig_entry() + '\n' + end, 'mm/Kconfig')


def wire_makefile(text: str) -> str:
    """After the last tests/*_kunit.o of mm/ (7.x), else dmapool_test."""
    ours = f'obj-$(CONFIG_{SYMBOL}) += tests/{SUITE}_kunit.o\n'
    lines = text.splitlines(keepends=True)
    after = [i for i, ln in enumerate(lines)
             if re.match(r'obj-\$\(CONFIG_\w+\)\s*\+= tests/\w+_kunit\.o',
                         ln)]
    if not after:
        after = [i for i, ln in enumerate(lines)
                 if ln.startswith('obj-$(CONFIG_DMAPOOL_TEST)')]
    if not after:
        raise Stop('mm/Makefile: no place for the test')
    lines.insert(after[-1] + 1, ours)
    return ''.join(lines)


def wire_maintainers(text: str) -> str:
    """Our files in SLAB ALLOCATOR, the F: lines kept in order."""
    lines = text.splitlines(keepends=True)
    try:
        i = lines.index(MAINTAINERS_SECTION + '\n')
    except ValueError as err:
        raise Stop(f'MAINTAINERS: no {MAINTAINERS_SECTION}') from err
    end = i + 1
    while end < len(lines) and lines[end].strip():
        end += 1
    entry = f'F:\t{TEST_FILE}\n'
    files = [j for j in range(i, end) if lines[j].startswith('F:\t')]
    if not files:
        raise Stop(f'MAINTAINERS: {MAINTAINERS_SECTION} lists no files')
    at = next((j for j in files if lines[j] > entry), files[-1] + 1)
    lines.insert(at, entry)
    return ''.join(lines)


# ---- messages -------------------------------------------------------------

def wrap(text: str, width: int = 72, prefix: str = '') -> str:
    """Paragraphs filled to @width; lines opening with 'RUN ' are a
    command, kept as they are and indented by two."""
    out = []
    for para in text.strip().split('\n\n'):
        if para.startswith('RUN '):
            out.append(re.sub(r'(?m)^RUN ', '  ', para))
        else:
            out.append(textwrap.fill(' '.join(para.split()), width,
                                     initial_indent=prefix,
                                     subsequent_indent=' ' * len(prefix),
                                     break_on_hyphens=False))
    return '\n\n'.join(out)


def case_docs() -> List[Tuple[str, bool, str]]:
    """(case, parameterised, what its comment says it proves), in order."""
    src = read(f'{TOP}/kunit/yep_slab_kunit.c')
    table = re.search(r'kunit_case yep_slab_test_cases\[\] = \{(.*?)\n\};',
                      src, re.S)
    if not table:
        raise Stop('kunit/yep_slab_kunit.c: no case table')
    out = []
    for kind, name in re.findall(r'KUNIT_CASE(_PARAM|_SLOW)?\((\w+)',
                                 table.group(1)):
        m = re.search(r'/\*\n((?: \*[^\n]*\n)+) \*/\nstatic void ' + name +
                      r'\(struct kunit \*test\)', src)
        if not m:
            raise Stop(f'case {name}: no comment above it')
        doc = re.sub(r'^ \* ?', '', m.group(1), flags=re.M)
        out.append((name, kind == '_PARAM', doc))
    return out


def flag_sets() -> List[str]:
    src = read(f'{TOP}/kunit/yep_slab_kunit.c')
    table = re.search(r'yep_flag_sets\[\] = \{(.*?)\n\};', src, re.S)
    return re.findall(r'\{ "(\w+)",', table.group(1)) if table else []


def series_id(paths: List[str]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        body = read(p)
        # the patch itself, not its envelope (date, recipients)
        h.update(body[body.find('\n\n'):].encode())
    return h.hexdigest()[:12]


def tested_lines(out: str) -> List[str]:
    """make patch-test's line for each kernel whose series it passed as
    it now is (the same file on each kernel, in another context)."""
    lines = []
    for path in sorted(glob.glob(f'{out}/linux-*/tested.json')):
        res = json.loads(read(path))
        here = os.path.dirname(path)
        if os.path.exists(f'{here}/series') and \
                res.get('series') == read(f'{here}/series').strip():
            lines.append(res['line'])
    return lines


def cover_letter(repo: str, out: str) -> None:
    """Fills in the cover letter format-patch left blank (kept as
    .cover-letter.in), with make patch-test's results so far."""
    text = read(f'{out}/.cover-letter.in')
    base = git(repo, 'log', '-1', '--format=%s', 'pristine').strip()
    cases = []
    sets = ', '.join(flag_sets())
    for name, param, doc in case_docs():
        if param:
            doc = doc.rstrip() + f' (Once for each flag set: {sets}.)'
        cases.append(f'- {name}\n' + wrap(renamed(doc), 72, '  '))
    tested = tested_lines(os.path.dirname(out))
    if not tested:
        tested = ['Not yet: make patch-test has not passed with this series.']
    blurb = [wrap(read(f'{HERE}/cover-letter.txt')), '',
             'What each case proves:', '', '\n'.join(cases), '',
             wrap('Tested with make patch-test: this series applied with '
                  'git am to the pristine tree, checkpatch.pl --strict, W=1 '
                  'and sparse on the file, then kunit.py run --arch=arm64 '
                  'under QEMU with --kernel_args=page_owner=on:'), '',
             '\n'.join(wrap(t, 72, '- ') for t in tested)]
    blurb += ['', wrap(f'Base: {base}. Recipients: the patched tree\'s '
                       'scripts/get_maintainer.pl on the patch, its '
                       'maintainers To and the rest Cc.')]
    text = replace_once(text, '*** SUBJECT HERE ***', SUBJECT, 'cover letter')
    text = replace_once(text, '*** BLURB HERE ***', '\n'.join(blurb),
                        'cover letter')
    write(glob.glob(f'{out}/0000-*.patch')[0], text)


# ---- make patch -----------------------------------------------------------

def signoff() -> str:
    """Name <address> from SIGNOFF, else git's identity; never invented."""
    who = os.environ.get('SIGNOFF', '').strip()
    if not who:
        name = subprocess.run(['git', '-C', TOP, 'config', 'user.name'],
                              stdout=subprocess.PIPE, text=True,
                              check=False).stdout.strip()
        mail = subprocess.run(['git', '-C', TOP, 'config', 'user.email'],
                              stdout=subprocess.PIPE, text=True,
                              check=False).stdout.strip()
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
    (Cc).  Asked apart: its list names each person once, in the first
    role found, so a maintainer of one section may show as a reviewer
    of another."""
    to = get_maintainer(repo, patch, '--nor', '--nol')
    cc = [a for a in get_maintainer(repo, patch) if a not in to]
    return to, cc


def make_series(repo: str, out: str, who: str) -> None:
    """Commits the suite on the pristine tree; the series into @out."""
    reset(repo)
    for path, fn in (('mm/Kconfig', wire_kconfig),
                     ('mm/Makefile', wire_makefile),
                     ('MAINTAINERS', wire_maintainers)):
        write(f'{repo}/{path}', fn(read(f'{repo}/{path}')))
    write(f'{repo}/{TEST_FILE}', in_tree_test())
    write(f'{repo}/{KUNITCONFIG}', kunitconfig())
    git(repo, 'add', '-f', '-A', 'mm', 'MAINTAINERS')

    name, mail = re.fullmatch(r'(.*) <(.*)>', who).groups()  # type: ignore
    # The checkout's own date: the same checkout gives the same series.
    date = subprocess.run(['git', '-C', TOP, 'log', '-1', '--format=%cI'],
                          stdout=subprocess.PIPE, text=True,
                          check=False).stdout.strip() or '2026-01-01T00:00:00Z'
    msg = SUBJECT + '\n\n' + wrap(read(f'{HERE}/commit-message.txt'),
                                  72).replace('@KUNITCONFIG@', KUNITCONFIG)
    env = {'GIT_AUTHOR_NAME': name, 'GIT_AUTHOR_EMAIL': mail,
           'GIT_AUTHOR_DATE': date, 'GIT_COMMITTER_DATE': date}
    git(repo, 'commit', '-q', '-s', '-m', msg, env=dict(
        env, GIT_COMMITTER_NAME=name, GIT_COMMITTER_EMAIL=mail))
    git(repo, 'branch', '-f', 'yep_slab')

    env = {'GIT_COMMITTER_NAME': name, 'GIT_COMMITTER_EMAIL': mail}
    tmp = f'{out}.tmp'
    subprocess.run(['rm', '-rf', tmp], check=True)
    git(repo, 'format-patch', '-q', '-1', '-o', tmp, 'HEAD', env=env)
    to, cc = recipients(repo, glob.glob(f'{tmp}/0001-*.patch')[0])
    subprocess.run(['rm', '-rf', tmp, *glob.glob(f'{out}/0*.patch')],
                   check=True)		# make patch-test's results stay
    args = ['format-patch', '-q', '--cover-letter', '--thread=shallow',
            '-o', out] + [f'--to={a}' for a in to] + \
        [f'--cc={a}' for a in cc] + ['pristine..yep_slab']
    git(repo, *args, env=env)
    patches = sorted(glob.glob(f'{out}/0*.patch'))
    write(f'{out}/series', series_id(patches[1:]) + '\n')
    os.replace(patches[0], f'{out}/.cover-letter.in')
    write(patches[0], '')
    cover_letter(repo, out)


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
    """W=1 and sparse on the in-tree file, in the build kunit.py made:
    built in as configured, then compiled as a module would be (the
    entry is tristate, and a module reads sysfs where built-in code
    calls SLUB)."""
    obj = TEST_FILE[:-2] + '.o'
    found: List[str] = []
    modes: List[List[str]] = [[], ['KCFLAGS=-DMODULE']]
    for extra in modes:
        try:
            os.remove(f'{build}/{obj}')
        except FileNotFoundError:
            pass
        # the make line kunit.py's build had (tools/lib/kmake.sh)
        res = subprocess.run([f'{TOOLS}/lib/kmake.sh', repo, build, 'arm64',
                              str(ccache), '-s', 'W=1', 'C=1', *extra, obj],
                             stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, check=False)
        # (W=1 rebuilds the vDSO too: only our file's findings count)
        said = [ln for ln in res.stdout.splitlines()
                if TEST_FILE in ln and ('warning' in ln or 'error' in ln)]
        if res.returncode and not said:
            said = res.stdout.splitlines()[-10:]
        found += [f'{" ".join(extra) or "built-in"}: {ln}' for ln in said]
    try:			# kunit.py's next build compiles it as it was
        os.remove(f'{build}/{obj}')
    except FileNotFoundError:
        pass
    return found


def test_kernel(kver: str, repo: str, out: str, build: str,
                json_path: str, jobs: str, ccache: str) -> Tuple[bool, str]:
    start = time.monotonic()
    patches = sorted(glob.glob(f'{out}/0*.patch'))
    if len(patches) < 2:
        raise Stop(f'no series in {out}: run make patch')
    sid = read(f'{out}/series').strip()
    if os.path.exists(f'{out}/tested.json'):
        os.remove(f'{out}/tested.json')
    reset(repo)
    res = subprocess.run(['git', '-C', repo, 'am', '-q', *patches[1:]],
                         env=dict(os.environ, **BOT),
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, check=False)
    if res.returncode:
        print(res.stdout)
        return False, f'linux-{kver}: does not apply (git am failed)'
    same = git(repo, 'rev-parse', 'HEAD^{tree}') == \
        git(repo, 'rev-parse', 'yep_slab^{tree}')
    if not same:
        return False, f'linux-{kver}: git am gives another tree than ' \
            'make patch committed'
    ok = True
    said = []
    for p in patches[1:]:
        verdict, bad = checkpatch(repo, p)
        said.append(verdict)
        if bad:
            ok = False
            print(f'yep_slab: checkpatch --strict {os.path.basename(p)}:')
            print('\n'.join(bad))
    cmd = [sys.executable, f'{TOOLS}/kunit/run_kunit.py', f'--tree={repo}',
           f'--checkout={TOP}', f'--build-dir={build}',
           f'--kunitconfig={repo}/{KUNITCONFIG}', f'--json={json_path}',
           '--arch=arm64', f'--jobs={jobs}', f'--suite={SUITE}',
           '--kernel-args=page_owner=on', f'--ccache={ccache}']
    print('yep_slab: ' + ' '.join(shlex.quote(c) for c in cmd[1:]),
          flush=True)
    run_ok = subprocess.run(cmd, check=False).returncode == 0
    count, _ = totals.totals([json_path])
    warnings = build_checks(repo, build, int(ccache)) if count['PASS'] else []
    for w in warnings[:20]:
        print(f'yep_slab: W=1/sparse: {w}')
    version = git(repo, 'log', '-1', '--format=%s', 'pristine').strip()
    el = int(time.monotonic() - start)
    line = (f'{version}: applies; checkpatch --strict {"; ".join(said)}; '
            f'W=1 and sparse {"clean" if not warnings else "NOT clean"}; '
            f'{count["PASS"]} passed, {count["FAIL"] + count["ERROR"]} '
            f'failed, {count["SKIP"]} skipped')
    ok = ok and run_ok and not warnings
    if ok:
        write(f'{out}/tested.json', json.dumps({'series': sid,
                                                'line': line}) + '\n')
    return ok, f'{line} ({el // 60}m{el % 60:02d}s)'


def result_json(results: str, kver: str) -> str:
    """Where make patch-test's KTAP results of KVER go (the Makefile's
    scheme: RESULTS/TARGET-CONFIG.json)."""
    return f'{results}/patch-test-arm64-{kver}.json'


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('action', choices=['signoff', 'make', 'test'])
    p.add_argument('--kvers', required=True, help='e.g. "6.12 7.3"')
    p.add_argument('--src', required=True, help='pristine repos: SRC/linux-K')
    p.add_argument('--build', required=True, help='kunit.py build dirs')
    p.add_argument('--out', required=True)
    p.add_argument('--results', required=True,
                   help='RESULTS/patch-test-arm64-K.json: the KTAP results')
    p.add_argument('--jobs', default=str(os.cpu_count() or 1))
    p.add_argument('--ccache', default='1')
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
                make_series(f'{a.src}/linux-{k}', out, who)
                print(f'yep_slab: {out}/: ' + ' '.join(
                    os.path.basename(x)
                    for x in sorted(glob.glob(f'{out}/0*.patch'))))
            print(f'yep_slab: signed off by {who}; to send one: git '
                  f'send-email {a.out}/linux-{kvers[-1]}/*.patch '
                  '(recipients are in it)')
            return 0
        results = []
        for k in kvers:
            out = f'{a.out}/linux-{k}'
            results.append(test_kernel(k, f'{a.src}/linux-{k}', out,
                                       f'{a.build}/arm64-linux-{k}',
                                       result_json(a.results, k),
                                       a.jobs, a.ccache))
        for k in kvers:		# the cover letter, with what was tested
            cover_letter(f'{a.src}/linux-{k}', f'{a.out}/linux-{k}')
        print('yep_slab: make patch-test:')
        for ok, line in results:
            print(f'  {"PASS" if ok else "FAIL"} {line}')
        rc = totals.main([result_json(a.results, k) for k in kvers])
        return 0 if rc == 0 and all(ok for ok, _ in results) else 1
    except Stop as err:
        print(f'yep_slab: {err}', file=sys.stderr)
        return 2


if __name__ == '__main__':
    sys.exit(main())
