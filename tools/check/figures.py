# SPDX-License-Identifier: GPL-2.0
"""The figures check: each figure a person reads has one home, and the
docs agree with it.  Run by make check-docs (and so make check):

  python3 -m tools.check.figures

The homes: Documentation/figures.rst, the current figures, whose tables
give each a value and where it comes from; the tables make mutants wrote
(Documentation/mutants/linux-<kver>.md, their "Kill ratio" line); and the
matrix's rows (tools/matrix/matrix.py).  Two checks:

1. each value of figures.rst against where it comes from: a section of
   the dated log (Documentation/measurements.rst) that holds every number
   and time of the value, a mutants table whose ratio it is, or the matrix's row
   counts;
2. each figure quoted in README.md and the other pages of Documentation/
   (the log aside: its dated runs stay as measured) against its home: a
   totals line ("N passed, N failed, N skipped" or a part of it) and a
   time ("9m26s") must be a value of figures.rst, a kill ratio ("yep_slab
   20/20", "kills 21 of 21") one of a mutants table, a count of rows ("30
   rows", "14 CI rows") the matrix's.

One line a disagreement, then a summary; exit 1 if there was any.
"""
import glob
import os
import re
import sys
from typing import Callable, Dict, List, NamedTuple, Set, Tuple

from tools.matrix.matrix import ROWS

FIGURES = 'Documentation/figures.rst'
LOG = 'Documentation/measurements.rst'
MUTANTS = 'Documentation/mutants/linux-*.md'

TOTALS = re.compile(r'(?<![\w.])(\d+) passed(?:, (\d+) failed)?'
                    r'(?:, (\d+) skipped)?')
TIME = re.compile(r'(?<![\w.])\d+m\d+s\b')
SUITE_RATIO = re.compile(r'\b(slub_alloc\+yep_slab|slub_alloc|yep_slab|'
                         r'slub_test)(?: killed)? (\d+)/(\d+)')
KILLS = re.compile(r'\bkill(?:s|ed)? (\d+) of (\d+)\b')
ROW_COUNT = re.compile(r'(?<![\w.])(\d+) (CI )?rows\b')
NUMBER = re.compile(r'(?<![\w.])\d+(?:\.\d+)?(?![\w])')


class Figure(NamedTuple):
    what: str
    value: str
    source: str
    line: int


def read(path: str) -> List[str]:
    with open(path, encoding='utf-8') as f:
        return f.read().splitlines()


def plain(text: str) -> str:
    """TEXT without rst's literal quotes, its white space folded."""
    return ' '.join(text.replace('``', '').split())


def figures(path: str = FIGURES) -> List[Figure]:
    """The rows of FIGURES' list-tables (header rows left out)."""
    rows: List[Tuple[int, List[str]]] = []
    for n, line in enumerate(read(path), 1):
        if line.startswith('   * - '):
            rows.append((n, [line[7:]]))
        elif line.startswith('     - ') and rows:
            rows[-1][1].append(line[7:])
        elif line.startswith('       ') and rows:
            rows[-1][1][-1] += ' ' + line.strip()
    return [Figure(plain(c[0]), plain(c[1]), plain(c[2]), n)
            for n, c in rows if len(c) == 3 and c[0] != 'figure']


def sections(path: str = LOG) -> Dict[str, str]:
    """The log's sections by title, each its text."""
    lines = read(path)
    out: Dict[str, str] = {}
    title = ''
    for i, line in enumerate(lines):
        under = lines[i + 1] if i + 1 < len(lines) else ''
        if line.strip() and re.fullmatch(r'([-=~])\1+', under) and \
                len(under) >= len(line.rstrip()):
            title = line.strip()
            out[title] = ''
        elif title:
            out[title] += line + '\n'
    return {t: plain(text) for t, text in out.items()}


def kill_ratios() -> Dict[str, Dict[str, str]]:
    """Each mutants table's ratios, {'linux-7.3.md': {suite: 'K/N'}}."""
    out: Dict[str, Dict[str, str]] = {}
    for path in sorted(glob.glob(MUTANTS)):
        for line in read(path):
            if line.startswith('Kill ratio'):
                out[os.path.basename(path)] = {
                    m[1]: f'{m[2]}/{m[3]}'
                    for m in SUITE_RATIO.finditer(line.split(':', 1)[1])}
    return out


def row_counts() -> Dict[str, int]:
    return {'rows': len(ROWS), 'CI rows': sum(r.ci for r in ROWS)}


def totals_of(m: 're.Match[str]') -> str:
    """A totals quote in full: a part left out counts 0."""
    return f'{m[1]} passed, {m[2] or 0} failed, {m[3] or 0} skipped'


def check_homes(figs: List[Figure]) -> List[str]:
    """Each value of figures.rst against where it says it comes from."""
    log = sections()
    ratios = kill_ratios()
    counts = row_counts()
    bad: List[str] = []
    for f in figs:
        where = f'{FIGURES}:{f.line}: {f.value!r} ({f.what})'
        if f.source.startswith('measurements.rst: '):
            title = f.source.split(': ', 1)[1]
            if title not in log:
                bad.append(f'{where}: {LOG} has no section "{title}"')
                continue
            # a time ("39m04s") is one token: NUMBER sees no number in it
            found = set(NUMBER.findall(log[title]) + TIME.findall(log[title]))
            missing = [n for n in NUMBER.findall(f.value) +
                       TIME.findall(f.value) if n not in found]
            if missing:
                bad.append(f'{where}: not in "{title}" of {LOG} '
                           f'({", ".join(missing)} missing)')
        elif f.source.startswith('Documentation/mutants/'):
            table = ratios.get(os.path.basename(f.source), {})
            m = SUITE_RATIO.fullmatch(f.value)
            have = table.get(m[1]) if m else None
            if not m or have != f'{m[2]}/{m[3]}':
                bad.append(f'{where}: {f.source} says '
                           f'{m[1] + " " + str(have) if m else "no such ratio"}')
        elif f.source == 'tools/matrix/matrix.py':
            m = ROW_COUNT.fullmatch(f.value)
            key = 'CI rows' if m and m[2] else 'rows'
            if not m or int(m[1]) != counts[key]:
                bad.append(f'{where}: the matrix has {counts[key]} {key}')
        else:
            bad.append(f'{where}: unknown source {f.source!r}')
    return bad


def pages() -> List[str]:
    """README.md and Documentation's pages, the log and figures.rst aside."""
    return ['README.md'] + sorted(
        p for p in glob.glob('Documentation/*.rst') if p not in (FIGURES, LOG))


def check_quotes(figs: List[Figure]) -> Tuple[List[str], int]:
    """Each figure quoted in the pages against its home; the count."""
    values: Set[str] = {f.value for f in figs}
    totals = {totals_of(m) for v in values if (m := TOTALS.fullmatch(v))}
    ratios = kill_ratios()
    suite_ratios = {f'{s} {r}' for table in ratios.values()
                    for s, r in table.items()}
    pairs = {r for table in ratios.values() for r in table.values()}
    counts = row_counts()

    def rows(m: 're.Match[str]') -> str:
        key = 'CI rows' if m[2] else 'rows'
        return '' if int(m[1]) == counts[key] else \
            f'but the matrix has {counts[key]} {key}'

    # A kind of figure, and what is wrong with a quote of it ('' if none).
    rules: List[Tuple['re.Pattern[str]', Callable[['re.Match[str]'], str]]]
    rules = [
        (TOTALS, lambda m: '' if totals_of(m) in totals else
         f'is no totals line of {FIGURES}'),
        (TIME, lambda m: '' if m[0] in values else
         f'is no time of {FIGURES}'),
        (SUITE_RATIO, lambda m: '' if f'{m[1]} {m[2]}/{m[3]}' in
         suite_ratios else f'is no kill ratio of {MUTANTS}'),
        (KILLS, lambda m: '' if f'{m[1]}/{m[2]}' in pairs else
         f'is no kill ratio of {MUTANTS}'),
        (ROW_COUNT, rows),
    ]
    bad: List[str] = []
    seen = 0
    for page in pages():
        for n, line in enumerate(read(page), 1):
            for pattern, wrong in rules:
                for m in pattern.finditer(line):
                    seen += 1
                    if why := wrong(m):
                        bad.append(f'{page}:{n}: {m[0]!r} {why}')
    return bad, seen


def main() -> int:
    os.chdir(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))))
    figs = figures()
    bad = check_homes(figs)
    quoted, seen = check_quotes(figs)
    bad += quoted
    for line in bad:
        print(f'figures: {line}')
    print(f'figures: {len(figs)} figures against their homes, {seen} '
          f'quoted in {len(pages())} pages: '
          f'{"clean" if not bad else f"{len(bad)} disagree"}')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
