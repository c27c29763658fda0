# SPDX-License-Identifier: GPL-2.0
"""The path each demo step took through SLUB, named and located in the source.

Each "@@step" record of tools/guest/rootfs/demo.sh carries path=FUNCTION:
CALLS,... (kprobe events on SLUB's functions, this cache's calls only, in
the order of their first call), where= (where.py: the objects in each
place) and buddy= (the slab pages the buddy allocator gave and took back).
name() says which path a step took, from where its objects came from or
went to; the functions are shown with their line in the running kernel's
own mm/slub.c, so that a reader can open the code that ran.
"""
import re
from typing import Dict, List, Optional, Tuple

from tools.demo import where

Step = Dict[str, str]

# The places objects are taken from or put back in, and the path each
# means, in the order SLUB tries them: the per-CPU layer, the barn, a
# partial slab (a new slab is told by the buddy allocator's pages).
PLACES: Tuple[Tuple[str, str], ...] = (
    ('cpu_slab', 'fast path: the CPU slab'),
    ('sheaves', 'fast path: the CPU\'s sheaves'),
    ('barn', 'barn: full sheaves'),
    ('cpu_partial', 'partial slab: the CPU\'s'),
    ('node_partial', 'partial slab: the node\'s'),
)


def functions(step: Optional[Step]) -> List[Tuple[str, int]]:
    """The step's path= field: (function, calls) in order of first call."""
    text = step.get('path', '-') if step else '-'
    out: List[Tuple[str, int]] = []
    for item in text.split(','):
        name, _, calls = item.partition(':')
        if name and calls.isdigit():
            out.append((name, int(calls)))
    return out


def name(step: Step, prev: Optional[Step]) -> str:
    """The path of a step, from its objects' places before and after and
    the slab pages the buddy allocator gave or took back: the places an
    allocation took objects from (fewer there after) and the new slabs,
    or the places a free put them in (more there after) and the slabs
    given back.  "-" without where= on either side."""
    w, w0 = where.where_of(step), where.where_of(prev)
    if w is None or w0 is None:
        return '-'
    got, back = (where.buddy_of(step) or (0, 0, 0, 0))[:2]
    held = w.get('held', 0) - w0.get('held', 0)
    calls = dict(functions(step))
    parts: List[str] = []
    for place, label in PLACES:
        before, after = w0.get(place, 0), w.get(place, 0)
        if (held > 0 and after < before) or (held < 0 and after > before):
            parts.append(label)
    # PREEMPT_RT has no lockless fast path (USE_LOCKLESS_FAST_PATH() is
    # false): every allocation from the CPU slab runs ___slab_alloc.
    if held > 0 and calls.get('___slab_alloc', 0) >= held and \
            PLACES[0][1] in parts:
        parts[parts.index(PLACES[0][1])] = (
            'the CPU slab, under its lock in ___slab_alloc (no lockless '
            'fast path in this kernel)')
    if got:
        parts.append(f'new slab{"s" if got > 1 else ""} from the buddy '
                     'allocator')
    if back:
        parts.append(f'slab{"s" if back > 1 else ""} back to the buddy '
                     'allocator')
    return '; '.join(parts) if parts else 'no object moved'


def locate(slub_c: Optional[str]) -> Dict[str, int]:
    """Each function's definition line in SLUB's source, MM/slub.c: a line
    at column 0 naming the function before "(", whose header runs on to
    a "{" (a prototype ends in ";"), and whose body is not empty (the
    "{ }" stub of a configuration without the function)."""
    if not slub_c:
        return {}
    try:
        with open(slub_c, encoding='utf-8', errors='replace') as f:
            text = f.read().splitlines()
    except OSError:
        return {}
    found: Dict[str, int] = {}
    start = re.compile(r'^(?:[a-z_][^;(=]*?[\s*])?([a-z_]\w*)\(')
    for i, line in enumerate(text):
        m = start.match(line)
        if not m or m.group(1) in found:
            continue
        end = i
        while end < len(text) - 1 and '{' not in text[end] and \
                not text[end].rstrip().endswith(';'):
            end += 1
        last = text[end]
        if '{' in last and not re.search(r'\{\s*\}', last):
            found[m.group(1)] = i + 1
    return found


def calls_text(step: Optional[Step]) -> str:
    """The step's functions as "f x3, g x1", or "-"."""
    return ', '.join(f'{func} x{n}' for func, n in functions(step)) or '-'


def table(order: List[str], steps: Dict[str, Step], label: Dict[str, str],
          slub_c: Optional[str]) -> List[str]:
    """A step a paragraph: its command and path, then the functions, one
    a line with its calls and its line in the source."""
    if not any(functions(steps.get(n)) for n in order):
        return ['  not traced: no kprobe events in this kernel, or the '
                'module has no name_offset (built without mm/slab.h)']
    lines = locate(slub_c)
    out: List[str] = []
    prev: Optional[Step] = None
    for n in order:
        s = steps.get(n)
        if s is None:
            continue
        if prev is not None:
            out.append(f'  {label.get(n, n):<16} {name(s, prev)}')
            for func, calls in functions(s):
                at = f'mm/slub.c:{lines[func]}' if func in lines else ''
                out.append(f'  {"":<16}   {func + " x" + str(calls):<32} {at}')
        prev = s
    if slub_c and lines:
        out.append(f'  (lines of {slub_c})')
    return out
