# SPDX-License-Identifier: GPL-2.0
"""Where every object is, and the buddy allocator's pages, step by step.

Each "@@step" record of tools/guest/rootfs/demo.sh carries where=PLACE:N,...
(the module's /sys/kernel/yep_slab/where/ files) and buddy=GOT,BACK,NEW,GONE
(the kmem:mm_page_alloc and mm_page_free events of the cache's order
around the step, matched against the module's map of its slabs: pages
given to new slabs, pages taken back from slabs gone, and the new and gone
slabs by the map).  table() checks, for each step:

- total = num_objs: every object of /proc/slabinfo is found in a place;
- held = the objects the demo asked for, and nowhere = 0;
- active_objs - held = the objects cached per CPU (a CPU's slab and partial
  slabs on 6.x, sheaves and the barn on 7.x): what slabinfo counts in use
  beyond what is held, explained;
- num_objs - active_objs = the free objects of the node's partial slabs;
- one page from the buddy allocator a new slab, one given back a slab gone,
  and new - gone = the change of num_slabs.

The "@@slab" records (the module's debugfs map: one row a slab, one cell
an object) of a step are drawn as a picture, picture() (gnuplot).
"""
from typing import Dict, List, Optional, Tuple

from tools.demo.staircase import gp_text, run_gnuplot
from tools.lib import console

Step = Dict[str, str]

# The places of enum yep_slab_place (module/yep_slab_core.c), the cell
# letter the debugfs map gives each, and the picture's colour.
PLACES: Tuple[Tuple[str, str, str], ...] = (
    ('held', 'H', '#4a4a4a'),
    ('cpu_slab', 'c', '#fd8d3c'),
    ('cpu_partial', 'p', '#fdd0a2'),
    ('sheaves', 's', '#6baed6'),
    ('rcu_sheaf', 'r', '#c6dbef'),
    ('barn', 'b', '#9e9ac8'),
    ('node_partial', 'f', '#a1d99b'),
    ('nowhere', '?', '#e31a1c'),
)
CACHED = ('cpu_slab', 'cpu_partial', 'sheaves', 'rcu_sheaf', 'barn')


def where_of(step: Optional[Step]) -> Optional[Dict[str, int]]:
    """The step's where= field as numbers; None where the module had no
    where/ (built without mm/slub.c)."""
    text = step.get('where', '-') if step else '-'
    if text in ('-', ''):
        return None
    out: Dict[str, int] = {}
    for item in text.split(','):
        name, _, val = item.partition(':')
        if name and val.isdigit():
            out[name] = int(val)
    return out


def buddy_of(step: Optional[Step]) -> Optional[Tuple[int, ...]]:
    """(GOT, BACK, NEW, GONE), or None where nothing was traced."""
    text = step.get('buddy', '-') if step else '-'
    vals = text.split(',')
    return tuple(int(v) for v in vals) if all(
        v.isdigit() for v in vals) and len(vals) == 4 else None


def _int(step: Step, key: str) -> int:
    try:
        return int(step.get(key, ''))
    except ValueError:
        return -1


def check(step: Step, prev_slabs: int) -> Tuple[str, str, List[str]]:
    """The step's places and pages as two cells of the table, and what
    does not hold (empty: all does)."""
    bad: List[str] = []
    w = where_of(step)
    active, num = _int(step, 'active'), _int(step, 'num')
    slabs = _int(step, 'nslabs')
    places = '-'
    if w is not None:
        cached = sum(w.get(p, 0) for p in CACHED)
        places = ' '.join(f'{p}:{w[p]}' for p, _, _ in PLACES
                          if p in w and (w[p] or p == 'held'))
        if w.get('total') != num:
            bad.append(f'total {w.get("total")} != num_objs {num}')
        if w.get('held') != _int(step, 'requested'):
            bad.append(f'held {w.get("held")} != asked '
                       f'{step.get("requested")}')
        if w.get('nowhere', 0):
            bad.append(f'{w["nowhere"]} nowhere')
        if cached != active - w.get('held', 0):
            bad.append(f'cached {cached} != active - held '
                       f'{active - w.get("held", 0)}')
        if w.get('node_partial', 0) != num - active:
            bad.append(f'node_partial {w.get("node_partial")} != num - '
                       f'active {num - active}')
    b = buddy_of(step)
    pages = '-'
    if b is not None:
        got, back, new, gone = b
        pages = f'+{got} -{back}'
        if got != new or back != gone:
            bad.append(f'pages +{got} -{back} for slabs +{new} -{gone}')
        if new - gone != slabs - prev_slabs:
            bad.append(f'slabs +{new} -{gone}, num_slabs '
                       f'{prev_slabs} -> {slabs}')
    return places, pages, bad


def table(order: List[str], steps: Dict[str, Step],
          label: Dict[str, str]) -> Tuple[List[str], int]:
    """The table of places and pages of the steps in ORDER, and how many
    steps have a check that does not hold."""
    first = steps.get(order[0]) if order else None
    if first is None or (where_of(first) is None
                         and buddy_of(steps.get(order[1])) is None):
        return (['  not in this build: the module has no map of its slabs '
                 '(built without mm/slab.h and mm/slub.c)'], 0)
    out = [f'  {"step":<16} {"pages +new -back":<17} where the objects are',
           f'  {"-" * 16} {"-" * 17} {"-" * 40}']
    misses = 0
    prev = 0
    for name in order:
        s = steps.get(name)
        if s is None:
            continue
        places, pages, bad = check(s, prev)
        prev = _int(s, 'nslabs')
        out.append(f'  {label.get(name, name):<16} {pages:<17} {places}')
        if bad:
            misses += 1
            out.append(f'  {"":<16} DIFFERS: {"; ".join(bad)}')
    out.append('  (checked a step: every object of num_objs in one place; '
               'active_objs - held = the')
    out.append('  objects cached per CPU; num_objs - active_objs = free in '
               'node partial slabs;')
    out.append('  one order-N page from the buddy allocator a new slab, one '
               'back a slab gone)')
    if not misses:
        out.append('  every step: as checked')
    return out, misses


def read_map(log: str, step: str) -> List[Dict[str, str]]:
    """The map's rows (@@slab records) of STEP in a console log."""
    return [r for r in console.records(log, 'slab') if r.get('step') == step]


def list_label(row: Dict[str, str]) -> str:
    """The list a map row's slab is on, in words: "node 0 partial",
    "cpu 1 slab"; nothing for a slab on none (all its objects in use)."""
    what, at = row.get('list', '-'), row.get('where', '?')
    if what in ('-', 'nowhere'):
        return ''
    kind, _, rest = what.partition('_')
    return f'{kind} {at} {rest}'


def picture(out_base: str, heading: str,
            panels: List[Tuple[str, List[Dict[str, str]]]]) -> Optional[str]:
    """Draws each panel's slabs, one row a slab and one square an object
    coloured by its place, as OUT_BASE.svg and .png; the PNG's path, or
    None without gnuplot or rows."""
    colour = {cell: rgb for _, cell, rgb in PLACES}
    blocks: List[str] = []
    height = 0
    for i, (title, rows) in enumerate(panels):
        dat = f'{out_base}-{i}.dat'
        with open(dat, 'w', encoding='utf-8') as f:
            f.write('# x y rgb\n')
            for y, r in enumerate(rows):
                for x, cell in enumerate(r.get('cells', '')):
                    rgb = int(colour.get(cell, '#000000')[1:], 16)
                    f.write(f'{x} {y} {rgb}\n')
        labels = ''.join(
            f"set label '{r.get('pfn')} {list_label(r)}' at "
            f"{len(r.get('cells', '')) - 0.3},{y} left font ',10'\n"
            for y, r in enumerate(rows))
        width = max((len(r.get('cells', '')) for r in rows), default=1)
        blocks.append(f"""
set title '{gp_text(title)}'
unset label
{labels}
set xrange [-0.7:{width + 6}]
set yrange [{len(rows) - 0.3}:-0.7]
plot '{dat}' using 1:2:(0.45):(0.45):3 with boxxyerror fs solid 1.0 border lc rgb 'white' \\
     lc rgb variable notitle
""")
        height = max(height, len(rows))
    if not height:
        return None
    keys = ', '.join(f"NaN with boxes fs solid lc rgb '{rgb}' "
                     f"title '{gp_text(name)}'" for name, _, rgb in PLACES)
    return run_gnuplot(out_base, (1200, 40 * height + 200), f"""
unset xtics
unset ytics
unset border
set multiplot layout 1,{len(panels) + 1} title '{gp_text(heading)}'
{''.join(blocks)}
unset label
set title 'where an object is'
set key center center
set xrange [0:1]
set yrange [0:1]
plot {keys}
unset multiplot
""")
