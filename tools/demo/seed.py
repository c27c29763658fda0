# SPDX-License-Identifier: GPL-2.0
"""The seed's numbers, from seed.txt beside this file (their one place).

STEPS: the seed's walkthrough, each "echo N > alloc" (N 0: insmod) with
/proc/slabinfo's (active_objs, num_objs, num_slabs) after it; LAYOUT: its
slabinfo object size, objects per slab and pages per slab; DEBUG_LAYOUT:
what its boot option gives today's 64-bit kernels (size, per slab, order).
"""
import os
from typing import Dict, List, NamedTuple, Tuple

Counts = Tuple[int, int, int]


class Step(NamedTuple):
    alloc: int      # objects written to alloc (0: insmod)
    held: int       # objects held after it
    counts: Counts  # active_objs, num_objs, num_slabs


def _read() -> Dict[str, List[List[int]]]:
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        'seed.txt')
    rows: Dict[str, List[List[int]]] = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            words = line.split()
            if words and not words[0].startswith('#'):
                rows.setdefault(words[0], []).append(
                    [int(w) for w in words[1:]])
    return rows


_ROWS = _read()


def _three(key: str) -> Tuple[int, int, int]:
    a, b, c = _ROWS[key][0][:3]
    return a, b, c


LAYOUT = _three('layout')
DEBUG_LAYOUT = _three('debug_layout')
STEPS: List[Step] = []
for _n, _a, _num, _s in _ROWS['step']:
    STEPS.append(Step(_n, (STEPS[-1].held if STEPS else 0) + _n,
                      (_a, _num, _s)))


def step_names() -> List[str]:
    """The demo's names of the steps: insmod, alloc1, alloc6, alloc1b, ...
    (a repeated count gets a b), as tools/guest/rootfs/demo.sh's @@step
    lines are read."""
    names: List[str] = []
    for s in STEPS:
        name = 'insmod' if s.alloc == 0 else f'alloc{s.alloc}'
        while name in names:
            name += 'b'
        names.append(name)
    return names
