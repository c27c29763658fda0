# SPDX-License-Identifier: GPL-2.0
"""The staircase: /proc/slabinfo against objects held, one allocation at a
time, drawn with gnuplot as SVG and PNG.

tools/guest/rootfs/demo.sh prints one "@@walk n=... active=... num=... nslabs=...
slabs=... mact=... mslabs=... perslab=... layer=... cap=..." line for each
number of objects held, 0 to 64, on a fresh cache.  A panel draws, against
objects held: num_slabs and the slabs behind the held objects (left), and
active_objs and num_objs (right), each observed as steps with the core's
model (status model_active, model_slabs) dashed beside it, and the seed's
five points marked.  Used by report.py (one kernel, the seed's layout
and the plain cache) and compare.py (the plain cache on each kernel).
"""
import os
import shutil
import subprocess
import sys
from typing import Dict, List, NamedTuple, Optional, Tuple

from tools.demo import seed
from tools.lib import console

Walk = List[Dict[str, int]]
KEYS = ('n', 'active', 'num', 'nslabs', 'slabs', 'mact', 'mslabs',
        'perslab', 'cap')


class Panel(NamedTuple):
    title: str
    walk: Walk


def read_walk(path: str) -> Walk:
    """The walk records of a guest console log, as numbers."""
    walk: Walk = []
    for kv in console.records(path, 'walk'):
        try:
            walk.append({k: int(kv[k]) for k in KEYS})
        except (KeyError, ValueError):
            continue
    return walk


def layer_label(layer: str, cap: object) -> str:
    """How status' layer reads to a person: 'sheaves of 4', ..."""
    return {'sheaves': f'sheaves of {cap}',
            'per-cpu-slab': 'per-CPU slab'}.get(layer, layer)


def layer_of(path: str) -> Tuple[str, str]:
    """The cache's layer as status names it and as a person reads it,
    from the walk's first line; ('none', 'none') without one."""
    for kv in console.records(path, 'walk')[:1]:
        layer = kv.get('layer', 'none')
        return layer, layer_label(layer, kv.get('cap'))
    return 'none', 'none'


def steps_differ(walk: Walk) -> List[int]:
    """The objects-held counts where observation and model disagree."""
    return [w['n'] for w in walk
            if (w['active'], w['nslabs']) != (w['mact'], w['mslabs'])]


def write_data(path: str, walk: Walk) -> None:
    with open(path, 'w', encoding='utf-8') as f:
        f.write('# n active num nslabs held_slabs model_active '
                'model_num model_slabs\n')
        for w in walk:
            f.write(f"{w['n']} {w['active']} {w['num']} {w['nslabs']} "
                    f"{w['slabs']} {w['mact']} {w['mslabs'] * w['perslab']} "
                    f"{w['mslabs']}\n")


def gp_text(text: str) -> str:
    """TEXT in a single-quoted gnuplot string, enhanced mode."""
    return text.replace('_', '\\_').replace("'", "''")


def plot(out_base: str, heading: str, panels: List[Panel]) -> Optional[str]:
    """Writes OUT_BASE.svg and .png (and .gp, .dat files); returns the
    PNG's path, or None without gnuplot."""
    seed_dat = out_base + '-seed.dat'
    with open(seed_dat, 'w', encoding='utf-8') as f:
        f.write('# n active num slabs\n')
        for step in seed.STEPS:
            active, num, slabs = step.counts
            f.write(f'{step.held} {active} {num} {slabs}\n')
    rows = len(panels)
    plots = []
    for i, p in enumerate(panels):
        dat = f'{out_base}-{i}.dat'
        write_data(dat, p.walk)
        t = gp_text(p.title)
        plots.append(f"""
set title '{t}: slabs'
set xlabel 'objects held'
set ylabel 'slabs'
set key top left reverse Left
plot '{dat}' using 1:4 with steps lw 6 lc rgb '#9ecae1' title 'num\\_slabs (slabinfo)', \\
     '{dat}' using 1:5 with steps lw 2 lc rgb '#2ca02c' title 'slabs behind the objects held', \\
     '{dat}' using 1:8 with steps lw 2 dt (6,6) lc rgb '#08306b' title 'model: num\\_slabs', \\
     '{seed_dat}' using 1:4 with points pt 6 ps 2 lw 2 lc rgb 'black' title 'the seed (its slub\\_debug kernel)'
set title '{t}: objects'
set ylabel 'objects'
plot '{dat}' using 1:3 with steps lw 6 lc rgb '#fdd0a2' title 'num\\_objs (slabinfo)', \\
     '{dat}' using 1:7 with steps lw 2 dt (6,6) lc rgb '#7f2704' title 'model: num\\_objs', \\
     '{dat}' using 1:2 with steps lw 6 lc rgb '#fc9272' title 'active\\_objs (slabinfo)', \\
     '{dat}' using 1:6 with steps lw 2 dt (2,4) lc rgb '#67000d' title 'model: active\\_objs', \\
     '{dat}' using 1:1 with lines lw 1 dt 4 lc rgb 'gray50' title 'objects held', \\
     '{seed_dat}' using 1:2 with points pt 6 ps 2 lw 2 lc rgb 'black' title 'the seed: active\\_objs', \\
     '{seed_dat}' using 1:3 with points pt 4 ps 2 lw 2 lc rgb 'gray30' title 'the seed: num\\_objs'
""")
    body = '\n'.join(plots)
    return run_gnuplot(out_base, (1400, 420 * rows + 60), f"""
set grid
set xrange [0:64]
set xtics 8
set yrange [0:*]
set multiplot layout {rows},2 title '{gp_text(heading)}'
{body}
unset multiplot
""")


def run_gnuplot(out_base: str, size: Tuple[int, int],
                body: str) -> Optional[str]:
    """Draws BODY (gnuplot commands) as OUT_BASE.svg and .png of SIZE
    (width, height) through OUT_BASE.gp; the PNG's path, or None without
    gnuplot."""
    script = [f"""set terminal {term.format(w=size[0], h=size[1])}
set output '{out_base}.{ext}'
{body}""" for term, ext in (
        ("svg size {w},{h} dynamic font 'sans,13'", 'svg'),
        ("pngcairo size {w},{h} font 'sans,12'", 'png'))]
    gp = out_base + '.gp'
    with open(gp, 'w', encoding='utf-8') as f:
        f.write('\n'.join(script))
    if not shutil.which('gnuplot'):
        return None
    subprocess.run(['gnuplot', gp], check=True)
    return out_base + '.png' if os.path.exists(out_base + '.png') else None


def plot_said(png: Optional[str], gp: str) -> str:
    """What a report says of plot()'s result."""
    return (f'yep_slab: plot {png} (and .svg)' if png else
            f'yep_slab: gnuplot not found, no plot ({gp} written)')
