# SPDX-License-Identifier: GPL-2.0
"""The guest console's marker lines, read on the host.

The format has one definition, tools/guest/rootfs/marks.sh, which the
guest's scripts use to write them: "@@ WORDS" marks a block's edges
("@@ begin test" ... "@@ end test") or the guest's state ("@@ yep_slab
guest: ..."), "@@KIND key=value ..." is one record (kernel, step, walk).
The prefix is read from that file.
"""
import os
from typing import Dict, Iterator, List, Optional

MARKS_SH = os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), 'guest', 'rootfs', 'marks.sh')


def _prefix() -> str:
    """marks.sh's YEP_MARK."""
    with open(MARKS_SH, encoding='utf-8') as f:
        for line in f:
            if line.startswith('YEP_MARK='):
                return line.split('=', 1)[1].strip().strip('\'"')
    raise ValueError(f'no YEP_MARK= in {MARKS_SH}')


MARK = _prefix()
Record = Dict[str, str]


def lines(log: str) -> Iterator[str]:
    """The console's lines, line ends (a serial console's \\r too) cut."""
    with open(log, encoding='utf-8', errors='replace') as f:
        for raw in f:
            yield raw.rstrip('\r\n')


def is_mark(line: str, words: str) -> bool:
    """Whether LINE is the mark "@@ WORDS" (or begins with it)."""
    return line.startswith(f'{MARK} {words}')


def record(line: str, kind: str) -> Optional[Record]:
    """The key=value fields of LINE if it is a KIND record, else None."""
    if not line.startswith(f'{MARK}{kind} '):
        return None
    return dict(kv.split('=', 1) for kv in line.split()[1:] if '=' in kv)


def records(log: str, kind: str) -> List[Record]:
    """Every KIND record of the console LOG, in order."""
    return [r for line in lines(log) if (r := record(line, kind)) is not None]


def block(log: str, name: str) -> Optional[List[str]]:
    """The lines of the block the first "@@ end NAME" closes, from the
    last "@@ begin NAME" before it; with no end, from the last begin to
    the log's end, or None if that is empty."""
    found: List[str] = []
    inside = False
    for line in lines(log):
        if is_mark(line, f'begin {name}'):
            inside, found = True, []
        elif is_mark(line, f'end {name}'):
            return found
        elif inside:
            found.append(line)
    return found or None
