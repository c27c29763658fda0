# SPDX-License-Identifier: GPL-2.0
"""Turns the demo's two guest consoles into tables, a transcript and a plot.

Usage: python3 -m tools.demo.report PASS1_LOG PASS2_LOG OUT_DIR [MM_DIR]

Pass 1 was booted with slub_debug=U for yep_slab_cache (the seed's
layout), pass 2 without debug options.  Each guest printed what a person
would see plus one "@@step name=... key=value..." record a step
(tools/guest/rootfs/demo.sh; the format: tools/lib/console.py), then one
"@@walk" record a step of the staircase.
This prints and writes OUT_DIR/transcript.txt, draws the staircase of both
passes into OUT_DIR/staircase.svg and .png (staircase.py) and the slabs
at the seed's 60/63 and after the free into OUT_DIR/slabs.svg and .png
(where.py), names each step's path through SLUB with the lines of
MM_DIR/slub.c (the running kernel's own source) its functions are on
(path.py), and exits 1 when pass 1 does not match the seed or a step's
places or pages do not add up (where.py) in either pass.
"""
import os
import sys
import textwrap
from typing import Dict, List, Optional, Tuple

from tools.demo import path, seed, staircase, where
from tools.lib import console

Step = Dict[str, str]

# The seed's /proc/slabinfo (active_objs, num_objs, num_slabs) a step
# (tools/demo/seed.txt); the facts file's 6.12 figures for the steps the
# seed does not show.
GROWTH = seed.step_names()
SEED: Dict[str, Tuple[int, int, int]] = dict(
    zip(GROWTH, (s.counts for s in seed.STEPS)))
FACTS: Dict[str, Tuple[int, int, int]] = {
    'free': (0, 35, 5),
    'shrink': (0, 0, 0),
}
SEED_SIZE, SEED_PER_SLAB, SEED_PAGES = seed.LAYOUT
DEBUG_SIZE, _, DEBUG_ORDER = seed.DEBUG_LAYOUT
# The steps whose page_owner records the guest counts: the first and last.
PO_STEPS = (GROWTH[1], GROWTH[-1])
LABEL = {name: 'insmod' if s.alloc == 0 else f'echo {s.alloc} > alloc'
         for name, s in zip(GROWTH, seed.STEPS)}
LABEL.update({'free': 'echo 1 > free', 'shrink': 'shrink'})


def read_pass(path: str) -> Tuple[List[str], Dict[str, Step]]:
    """The transcript lines between the markers, and the steps by name."""
    lines: List[str] = []
    steps: Dict[str, Step] = {}
    inside = False
    for line in console.lines(path):
        if console.is_mark(line, 'begin demo'):
            inside = True
        elif console.is_mark(line, 'end demo'):
            inside = False
        elif console.record(line, 'slab') is not None:
            continue            # the picture's rows (where.py)
        elif (step := console.record(line, 'step')) is not None:
            name = step['name']
            if name in steps:       # the second "echo 1 > alloc"
                name += 'b'
            steps[name] = step
        elif inside:
            lines.append(line)
    return lines, steps


def num(step: Optional[Step], key: str) -> Optional[int]:
    try:
        return int(step[key]) if step else None
    except (KeyError, ValueError):
        return None


def counts(step: Optional[Step]) -> str:
    a, n, s = (num(step, 'active'), num(step, 'num'), num(step, 'nslabs'))
    if a is None or n is None:
        return 'no slabinfo'
    return f'{a}/{n}, {s} slab{"" if s == 1 else "s"}'


def seed_counts(t: Tuple[int, int, int]) -> str:
    return f'{t[0]}/{t[1]}, {t[2]} slab{"" if t[2] == 1 else "s"}'


def row(what: str, seed: str, seen: str, verdict: str) -> str:
    return f'  {what:<26} {seed:<24} {seen:<22} {verdict}'


def verdict(ok: bool) -> str:
    return 'MATCH' if ok else 'DIFFERS'


NO_PAGE_OWNER = 'not in this kernel'


def po_row(s: Optional[Step], seed: str) -> Tuple[str, int]:
    """The page_owner row of a step and whether it misses; a kernel
    without page_owner (the guest wrote po=none) is neither."""
    if s is not None and s.get('po') == 'none':
        return row('  page_owner records', seed, '-', NO_PAGE_OWNER), 0
    po, po3 = num(s, 'po'), num(s, 'po3')
    slabs = num(s, 'nslabs')
    ok = po == slabs == po3 and po is not None and po > 0
    return (row('  page_owner records', seed, f'{po}, {po3} of order 3',
                verdict(ok)), int(not ok))


def kernel_info(path: str) -> Dict[str, str]:
    """The guest's "@@kernel release=... page_kb=... version=..." record."""
    return next(iter(console.records(path, 'kernel')), {})


def page_kb(path: str) -> int:
    try:
        return int(kernel_info(path).get('page_kb', '4'))
    except ValueError:
        return 4


def kernel_line(path: str) -> str:
    """Which kernel ran: release and build line (flavour, PREEMPT_RT)."""
    k = kernel_info(path)
    return (f"Kernel: Linux {k.get('release', kernel_of(path))}, "
            f"{k.get('page_kb', '4')} KiB pages, "
            f"{k.get('version', '?').replace('_', ' ')}")


def observed(step: Optional[Step]) -> Optional[Tuple[int, int, int]]:
    a, n, s = (num(step, 'active'), num(step, 'num'), num(step, 'nslabs'))
    return None if a is None or n is None or s is None else (a, n, s)


def pass1_table(steps: Dict[str, Step],
                page: int = 4) -> Tuple[List[str], int]:
    """Seed vs observed, step by step; returns the lines and the misses.
    With pages other than the seed's 4 KiB the seed's layout cannot
    come out: each step is held to the core's model instead (status
    model_*), "as modelled" or "DIFFERS from the model"."""
    seeded = page == 4
    out = [row('step', 'seed', 'observed',
               'verdict' if seeded else f'verdict ({page} KiB pages)'),
           row('-' * 26, '-' * 24, '-' * 22, '-------')]
    misses = 0
    first = steps.get('insmod')
    size = num(first, 'objsize')
    out.append(row('object size (slabinfo)', str(SEED_SIZE), str(size),
                   'DIFFERS (expected: see note)' if size == DEBUG_SIZE
                   else verdict(size == SEED_SIZE)))
    if size not in (DEBUG_SIZE, SEED_SIZE):
        misses += 1
    for key, want, label in (('perslab', SEED_PER_SLAB, 'objects per slab'),
                             ('pages', SEED_PAGES, 'pages per slab'),
                             ('order', DEBUG_ORDER, 'order (status)')):
        got = num(first, key)
        if seeded:
            out.append(row(label, str(want), str(got), verdict(got == want)))
            misses += got != want
        else:
            out.append(row(label, str(want), str(got),
                           f'not the seed\'s ({page} KiB pages)'))
    for name in GROWTH:
        seen = observed(steps.get(name))
        if seeded:
            ok = seen == SEED[name]
            note = verdict(ok)
        else:
            ok = seen is not None and seen == model(steps.get(name))
            note = 'as modelled' if ok else 'DIFFERS from the model'
        misses += not ok
        out.append(row(LABEL[name], seed_counts(SEED[name]),
                       counts(steps.get(name)), note))
        if name in PO_STEPS:
            line, miss = po_row(steps.get(name),
                                f'{SEED[name][2]}, order {DEBUG_ORDER}')
            out.append(line)
            misses += miss
    for name, fact in FACTS.items():
        ok = observed(steps.get(name)) == fact
        misses += seeded and not ok
        out.append(row(LABEL[name], '(facts) ' + seed_counts(fact),
                       counts(steps.get(name)),
                       verdict(ok) if seeded else '(4 KiB facts)'))
    s = steps.get('shrink')
    if s is not None and s.get('po') == 'none':
        out.append(row('  page_owner records', '(facts) 0', '-',
                       NO_PAGE_OWNER))
    else:
        ok = num(s, 'po') == 0
        misses += not ok
        out.append(row('  page_owner records', '(facts) 0',
                       str(num(s, 'po')), verdict(ok)))
    return out, misses


def model(step: Optional[Step]) -> Optional[Tuple[int, int, int]]:
    """The core's model for the objects held (status model_active and
    model_slabs: yep_slab_model_growth(), the one the KUnit suite checks),
    as /proc/slabinfo's active/num, slabs."""
    act, slabs, per = num(step, 'mact'), num(step, 'mslabs'), num(step,
                                                                 'perslab')
    if act is None or slabs is None or per is None:
        return None
    return act, slabs * per, slabs


def pass2_table(steps: Dict[str, Step], page: int = 4) -> List[str]:
    first = steps.get('insmod')
    per_slab = num(first, 'perslab') or 0
    layer = first.get('layer', '?') if first else '?'
    cap = num(first, 'cap') or 0
    name = staircase.layer_label(layer, cap)
    out = [row('step', 'seed', 'observed', f'verdict, model ({name})'),
           row('-' * 26, '-' * 24, '-' * 22, '-' * 24),
           row('object size (slabinfo)', str(SEED_SIZE),
               str(num(first, 'objsize')), ''),
           row('objects per slab', str(SEED_PER_SLAB), str(per_slab), ''),
           row('pages per slab', str(SEED_PAGES), str(num(first, 'pages')),
               '')]
    for name in GROWTH:
        want = model(steps.get(name))
        seen = observed(steps.get(name))
        note = ('as modelled' if seen == want
                else 'no model' if want is None
                else f'model {seed_counts(want)}')
        out.append(row(LABEL[name], seed_counts(SEED[name]),
                       counts(steps.get(name)),
                       f'{verdict(seen == SEED[name])}, {note}' if page == 4
                       else note))
    for name in FACTS:
        out.append(row(LABEL[name], '-', counts(steps.get(name)), ''))
    s = steps.get(GROWTH[-1])
    if s is not None and s.get('po') == 'none':
        out.append(row('page_owner records', str(SEED[GROWTH[-1]][2]), '-',
                       NO_PAGE_OWNER))
        return out
    out.append(row('page_owner records', str(SEED[GROWTH[-1]][2]),
                   str(num(s, 'po')),
                   'one a slab' if num(s, 'po') == num(s, 'nslabs')
                   else 'not one a slab'))
    return out


EXPLAIN_SHEAVES = """\
Why pass 2 differs from the seed: the plain cache has no debug flag, so
on this kernel (Linux 7.0 and later) SLUB caches its objects per CPU in
sheaves: arrays of up to {cap} object pointers.  When a CPU's sheaf is
empty SLUB refills it with {cap} objects at once from the slabs, and the
objects sitting in a sheaf count as in use in /proc/slabinfo: here one
object held read {one} ({cap} taken), {last_held} held read {sixty}.  With
slub_debug (pass 1, and the seed's kernel) a cache has no sheaves, and
every allocation and free goes through the node's lists one object at a
time, so active_objs is exactly the objects handed out ({seed_steps}).
Frees go back into the sheaves, then into a per-node barn of spare
sheaves, and reach the slabs only when those are full: after freeing
everything the cache read {freed}; a shrink flushes the sheaves and the
barn ({shrunk}).  The objects are {size} bytes with no debug
metadata, so {per_slab} fit an order-{order} slab instead of {seed_per}."""

EXPLAIN_CPU_SLAB = """\
Why pass 2 differs from the seed: the plain cache has no debug flag, so
SLUB hands out objects from a per-CPU slab.  A CPU's current slab is
frozen and counts all its objects as in use, and /proc/slabinfo adds them
all to active_objs: here one object held read {one}, {last_held} held read {sixty}.
With slub_debug (pass 1, and the seed's kernel) every allocation and free
goes through the node's lists one object at a time, so active_objs is
exactly the objects handed out ({seed_steps}).  After freeing
everything a plain cache may still count objects of per-CPU slabs as
active until a shrink (here {freed}; after the shrink {shrunk}).  The
objects are {size} bytes with no debug metadata, so {per_slab} fit an
order-{order} slab instead of {seed_per}."""


NOTE_SIZE = f"""\
Note: the seed's {SEED_SIZE}-byte objects come from a pre-5.17 kernel, whose
struct track (two of them with slub_debug=U) was bigger; from 5.17 to 7.3
the same option gives {DEBUG_SIZE} bytes on 64-bit, still {SEED_PER_SLAB} objects in an
order-{DEBUG_ORDER} slab, so every count of the walkthrough is the same."""


def explain(steps: Dict[str, Step]) -> str:
    first = steps.get('insmod')
    layer = first.get('layer') if first else None
    if layer not in ('sheaves', 'per-cpu-slab'):
        return (f'Pass 2\'s cache has no per-CPU layer here ({layer}): '
                'allocations and frees go to the node lists one at a time.')
    text = (EXPLAIN_SHEAVES if layer == 'sheaves' else EXPLAIN_CPU_SLAB)
    text = text.format(cap=num(first, 'cap'),
                       one=counts(steps.get(GROWTH[1])),
                       sixty=counts(steps.get(GROWTH[-1])),
                       seed_steps=', '.join(
                           f'{a}/{n}' for a, n, _ in list(SEED.values())[1:]),
                       seed_per=SEED_PER_SLAB,
                       last_held=seed.STEPS[-1].held,
                       freed=counts(steps.get('free')),
                       shrunk=counts(steps.get('shrink')),
                       size=num(first, 'objsize'),
                       per_slab=num(first, 'perslab'),
                       order=num(first, 'order'))
    return textwrap.fill(' '.join(text.split()), 74)


def kernel_of(path: str) -> str:
    """The guest kernel's release, from its console log."""
    for line in console.lines(path):
        if console.is_mark(line, 'yep_slab guest: mode'):
            return line.split('kernel ', 1)[-1].split(',', 1)[0]
    return '?'


def walk_lines(name: str, log: str) -> List[str]:
    """One line on a pass's staircase: observed against the model."""
    walk = staircase.read_walk(log)
    if not walk:
        return [f'{name}: no staircase (the guest stopped before it)']
    bad = staircase.steps_differ(walk)
    last = walk[-1]
    label = staircase.layer_of(log)[1]
    return [f"{name} ({label}): 0 to {last['n']} objects "
            f"one at a time, {last['active']}/{last['num']} in "
            f"{last['nslabs']} slabs at the end; "
            + ('active_objs and num_slabs as modelled at every step'
               if not bad else f'DIFFERS from the model at {bad}')]


def write_plot(out_dir: str, log1: str, log2: str) -> Optional[str]:
    """The staircase of both passes, as staircase.svg and .png."""
    kernel = kernel_of(log2)
    panels = [staircase.Panel('pass 1, slub_debug=U (the seed\'s layout)',
                              staircase.read_walk(log1)),
              staircase.Panel(f'pass 2, plain '
                              f'({staircase.layer_of(log2)[1]})',
                              staircase.read_walk(log2))]
    return staircase.plot(os.path.join(out_dir, 'staircase'),
                          f'yep_slab_cache on Linux {kernel}, one '
                          'allocation at a time', panels)


def write_map(out_dir: str, log1: str, log2: str) -> Optional[str]:
    """The module's map of the slabs at the seed's last step (both
    passes) and after the free (pass 2), as slabs.svg and .png."""
    last = GROWTH[-1]
    return where.picture(
        os.path.join(out_dir, 'slabs'),
        f'yep_slab_cache on Linux {kernel_of(log2)}: one row a slab, '
        'one square an object',
        [(f'pass 1, {LABEL[last]}', where.read_map(log1, last)),
         (f'pass 2, {LABEL[last]}', where.read_map(log2, last)),
         ('pass 2, echo 1 > free', where.read_map(log2, 'free'))])


def main(argv: List[str]) -> int:
    if len(argv) not in (3, 4):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    log1, log2, out_dir = argv[:3]
    slub_c = os.path.join(argv[3], 'slub.c') if len(argv) == 4 else None
    os.makedirs(out_dir, exist_ok=True)
    t1, p1 = read_pass(log1)
    t2, p2 = read_pass(log2)
    for log, steps in ((log1, p1), (log2, p2)):
        if 'shrink' not in steps:
            print(f'yep_slab: the guest stopped part way, see {log}',
                  file=sys.stderr)
    page = page_kb(log1)
    table1, misses = pass1_table(p1, page)
    table2 = pass2_table(p2, page)
    order = list(GROWTH) + list(FACTS)
    where1, wmiss1 = where.table(order, p1, LABEL)
    where2, wmiss2 = where.table(order, p2, LABEL)
    path1 = path.table(order, p1, LABEL, slub_c)
    path2 = path.table(order, p2, LABEL, slub_c)
    if page != 4:
        summary = (f'Pass 1: {page} KiB pages, not the seed\'s 4 KiB: '
                   + (f'{misses} step(s) DIFFER from the model.' if misses
                      else 'every step as modelled.'))
    elif misses:
        summary = f'Pass 1: {misses} step(s) DIFFER from the seed.'
    else:
        summary = ('Pass 1: every step MATCHES the seed (object size '
                   'aside, as noted).')
    text = ([kernel_line(log1), '',
             '=== Pass 1: slub_debug=U for yep_slab_cache '
             '(the seed\'s layout) ===', ''] + t1 +
            ['', '--- Pass 1: seed vs observed (/proc/slabinfo '
             'active/num, slabs) ---'] + table1 +
            ['', '--- Pass 1: where the objects are, the buddy allocator\'s '
             'pages ---'] + where1 +
            ['', '--- Pass 1: the path of each step through SLUB ---'] +
            path1 +
            ['', NOTE_SIZE, '', summary, '',
             '=== Pass 2: the same kernel, no debug options ===', ''] + t2 +
            ['', '--- Pass 2: seed vs observed ---'] + table2 +
            ['', '--- Pass 2: where the objects are, the buddy allocator\'s '
             'pages ---'] + where2 +
            ['', '--- Pass 2: the path of each step through SLUB ---'] +
            path2 +
            ['', explain(p2), '', '--- The staircase (staircase.png) ---'] +
            walk_lines('pass 1', log1) + walk_lines('pass 2', log2))
    transcript = os.path.join(out_dir, 'transcript.txt')
    with open(transcript, 'w', encoding='utf-8') as f:
        f.write('\n'.join(text) + '\n')
    print('\n'.join(text))
    png = write_plot(out_dir, log1, log2)
    slabs_png = write_map(out_dir, log1, log2)
    print(f'\nyep_slab: transcript {transcript}')
    print(staircase.plot_said(png, 'staircase.gp'))
    if slabs_png:
        print(f'yep_slab: slabs {slabs_png} (and .svg)')
    if wmiss1 or wmiss2:
        print(f'yep_slab: {wmiss1 + wmiss2} step(s) whose places or pages '
              'do not add up (see the transcript)', file=sys.stderr)
    return 1 if misses or wmiss1 or wmiss2 else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
