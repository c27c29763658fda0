# SPDX-License-Identifier: GPL-2.0
"""make demo-compare: the plain cache's staircase on each kernel, side by
side, in one figure and one table.

Usage: python3 -m tools.demo.compare DEMO_OUT KVER|KERNEL...

Reads DEMO_OUT/arm64-KVER/pass2-console.log (make demo KVER=KVER), or
for Debian's own kernels DEMO_OUT/KERNEL/ (make demo KERNEL=debian-...),
and writes DEMO_OUT/compare.svg, compare.png and compare.txt: for each
kernel, its per-CPU layer, /proc/slabinfo at the seed's steps, whether
every step matched the core's model, and a few sentences on the layer,
from the layer and its numbers (not from the kernel's version); then,
step by step, the path each kernel took through SLUB and the functions
that ran (path.py; their lines are in each make demo transcript).
"""
import os
import sys
import textwrap
from typing import Dict, List

from tools.demo import path, report, seed, staircase

# The objects held at each of the seed's steps (tools/demo/seed.txt).
SEED_STEPS = [s.held for s in seed.STEPS]

LAYER_TEXT = {
    'per-cpu-slab': """A per-CPU slab: the CPU takes a whole slab of {per}
        objects at a time and allocates from its freelist; /proc/slabinfo
        counts every object of that slab in use, so active_objs jumps by
        {per} when a slab is taken and then stays flat (1 held reads
        {one}).""",
    'sheaves': """Per-CPU sheaves of {cap} objects: when the CPU's sheaf is
        empty SLUB refills it with {cap} objects from the slabs at once,
        and objects in a sheaf count in use, so active_objs rises in steps
        of {cap} (1 held reads {one}) while a new slab still comes only
        when the last is full.""",
    'none': """No per-CPU layer: each allocation takes one object from the
        node's slabs, so active_objs is the objects held (1 held reads
        {one}).""",
}


def counts(walk: staircase.Walk, n: int) -> str:
    for w in walk:
        if w['n'] == n:
            return f"{w['active']}/{w['num']}, {w['nslabs']}"
    return '-'


def where(k: str) -> str:
    """The make demo output folder of a KVER or a KERNEL=debian-* name."""
    return k if k.startswith('debian') else f'arm64-{k}'


def label(k: str, log: str) -> str:
    """Ours by version; Debian's by release (uname -r: the flavour)."""
    if not k.startswith('debian'):
        return f'Linux {k}'
    release = report.kernel_info(log).get('release', k)
    return f'Debian {release}'


def paths(kvers: List[str], logs: Dict[str, str]) -> List[str]:
    """Each step of the plain pass, a paragraph: the path each kernel
    took and the functions that ran."""
    order = list(report.GROWTH) + list(report.FACTS)
    passes = {k: report.read_pass(logs[k])[1] for k in kvers}
    out = ['The path of each step through SLUB, plain cache, per kernel:']
    for i, name in enumerate(order[1:], 1):
        out += ['', report.LABEL[name]]
        for k in kvers:
            steps = passes[k]
            step, prev = steps.get(name), steps.get(order[i - 1])
            if step is None or prev is None:
                continue
            out.append(f'  {label(k, logs[k])}: {path.name(step, prev)}')
            out.append(textwrap.fill(path.calls_text(step), 76,
                                     initial_indent='    ',
                                     subsequent_indent='    '))
    return out


def main(argv: List[str]) -> int:
    if len(argv) < 2:
        print(__doc__.splitlines()[3], file=sys.stderr)
        return 2
    out_dir, kvers = argv[0], argv[1:]
    panels: List[staircase.Panel] = []
    head = ['objects held'] + [k if k.startswith('debian') else f'Linux {k}'
                               for k in kvers]
    rows: Dict[int, List[str]] = {n: [str(n)] for n in SEED_STEPS}
    notes: List[str] = []
    logs: Dict[str, str] = {}
    bad = 0
    for k in kvers:
        log = os.path.join(out_dir, where(k), 'pass2-console.log')
        logs[k] = log
        walk = staircase.read_walk(log) if os.path.exists(log) else []
        if not walk:
            print(f'yep_slab: no staircase for {k} in {log}', file=sys.stderr)
            return 1
        key, layer = staircase.layer_of(log)
        panels.append(staircase.Panel(f'{label(k, log)}, plain ({layer})',
                                      walk))
        head[kvers.index(k) + 1] += f' ({layer})'
        for n in SEED_STEPS:
            rows[n].append(counts(walk, n))
        differ = staircase.steps_differ(walk)
        bad += bool(differ)
        text = LAYER_TEXT.get(key, LAYER_TEXT['none']).format(
            per=walk[0]['perslab'], cap=walk[0]['cap'],
            one=counts(walk, 1).replace(', ', ' in ') + ' slab')
        verdict = ('every step as the model says' if not differ
                   else f'DIFFERS from the model at {differ}')
        notes.append(textwrap.fill(f'{label(k, log)}: {" ".join(text.split())} '
                                   f'From 0 to 64: {verdict}.', 76))
    width = max(len(h) for h in head) + 2
    table = ['/proc/slabinfo of the plain cache (active_objs/num_objs, '
             'num_slabs), allocating one at a time:', '',
             ''.join(h.ljust(width) for h in head)]
    table += [''.join(c.ljust(width) for c in rows[n]) for n in SEED_STEPS]
    text = '\n'.join(table + [''] + ['\n\n'.join(notes), ''] +
                     paths(kvers, logs)) + '\n'
    with open(os.path.join(out_dir, 'compare.txt'), 'w',
              encoding='utf-8') as f:
        f.write(text)
    print(text)
    png = staircase.plot(os.path.join(out_dir, 'compare'),
                         'yep_slab_cache without debug flags, one '
                         'allocation at a time, per kernel', panels)
    print(f'yep_slab: table {os.path.join(out_dir, "compare.txt")}')
    print(staircase.plot_said(png, 'compare.gp'))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
